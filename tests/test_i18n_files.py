"""static-i18n's locale files made on strings (``mkdocs/i18n_files.py``) are upstream's.

Every attribute of every file, for paths in and out of locale folders, READMEs, a folder
named like an unconfigured locale and paths ``pathlib`` would read differently, is compared
with static-i18n's own ``create_i18n_file``; a three-locale site is built with and without.
"""

from __future__ import annotations

import itertools
import logging
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs_static_i18n.plugin import I18n

from mkdocs_jekyll import compat
from mkdocs_jekyll.mkdocs import i18n_files, i18n_plugin
from sitebuild import LOCALE_FILES_SITE, SEQUENTIAL_THREE_LOCALES, make_site_builder, site_tree

SOURCES = [
    "index.md",
    "en/index.md",
    "en/guide/a.md",
    "en/README.md",
    "en/guide/README.md",
    "es-419/guide/a.md",
    "es-419",
    "pt-br/img/logo.png",
    "fr/page.md",  # named like a locale, not configured
    "cv/page.md",
    "assets/en/x.css",
    "english/a.md",
    "en.md",
    "a/../b.md",  # not plain: upstream's own function
    "./c.md",
]
DESTS = [None, "en/x/index.html", "en", "README.html", "de/README.html", "zz/y.html"]
# One maker sees every set: it notes once per set of names whether they are plain (the last
# is not: upstream's own function, whatever the file).
LANGUAGES = [["en", "es-419", "pt-br"], ["es-419", "en"], ["en"], ["en", "./pt-br"]]
ATTRIBUTES = (
    "src_uri",
    "dest_uri",
    "abs_src_path",
    "abs_dest_path",
    "name",
    "url",
    "inclusion",
    "locale",
    "locale_alternate_of",
    "localization",
    "norm_src_uri",
)


def _state(file: File) -> dict[str, Any]:
    state = {name: getattr(file, name) for name in ATTRIBUTES}
    state["alternates"] = {k: v is file for k, v in file.alternates.items()}  # type: ignore[attr-defined]
    return state


def _config(folder: Path, use_directory_urls: bool) -> Any:
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(
        f"site_name: t\nuse_directory_urls: {str(use_directory_urls).lower()}\n", "utf-8"
    )
    return load_config(str(folder / "mkdocs.yml"))


def test_given_any_file_when_made_on_strings_then_it_is_upstreams(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    original, log, pattern = compat.i18n_file_parts()
    maker = i18n_files._FileMaker(original, log, pattern)  # one maker sees both configs
    configs = [_config(tmp_path / "urls", True), _config(tmp_path / "files", False)]
    cases = itertools.product(
        configs, SOURCES, DESTS, LANGUAGES, ["en", "es-419", "pt-br"], ["en", "pt-br"]
    )
    for config, src, dest, languages, current, default in cases:

        def source(src: str = src, dest: str | None = dest, config: Any = config) -> File:
            urls = config.use_directory_urls
            return File(src, config.docs_dir, config.site_dir, urls, dest_uri=dest)

        args = (current, default, languages, config)
        caplog.clear()
        with caplog.at_level(logging.DEBUG):
            expected = original(source(), *args)
            expected_log = [r.getMessage() for r in caplog.records]
            caplog.clear()
            made = maker(source(), *args)
            made_log = [r.getMessage() for r in caplog.records]
        assert _state(made) == _state(expected), (src, dest, args[:3])
        assert made_log == expected_log


def test_given_a_file_made_before_when_made_again_then_it_is_a_new_file_as_upstream_makes_it(
    tmp_path: Path,
) -> None:
    original, log, pattern = compat.i18n_file_parts()
    configs = [_config(tmp_path / "urls", True), _config(tmp_path / "files", False)]
    cases = list(
        itertools.product(
            configs, SOURCES, DESTS, LANGUAGES, ["en", "es-419", "pt-br"], ["en", "pt-br"]
        )
    )
    i18n_files._made.clear()  # as a new build starts (``reconfigure_files``)
    made: dict[int, File] = {}
    for sweep in range(2):  # the second sweep's files come from ``_made`` where plain
        maker = i18n_files._FileMaker(original, log, pattern)  # one per pass
        for number, case in enumerate(cases):
            config, src, dest, languages, current, default = case
            urls = config.use_directory_urls
            args = (current, default, languages, config)
            expected = original(
                File(src, config.docs_dir, config.site_dir, urls, dest_uri=dest), *args
            )
            file = maker(File(src, config.docs_dir, config.site_dir, urls, dest_uri=dest), *args)
            assert _state(file) == _state(expected), case[1:]
            assert type(file) is File and file.alternates[current] is file  # type: ignore[attr-defined]
            if sweep == 0:
                made[number] = file
                file.url = "changed later"  # what the pass does to its file stays its own
            else:
                assert file is not made[number]
                assert list(vars(file)) == list(vars(made[number]))  # same attributes, same order
    assert i18n_files._made  # the plain ones were kept


def test_given_a_three_locale_site_when_files_are_made_on_strings_then_the_site_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = LOCALE_FILES_SITE
    plugins = SEQUENTIAL_THREE_LOCALES
    made: list[str] = []
    real = i18n_files._FileMaker.__call__

    def spy(self: Any, file: File, *args: Any) -> File:
        made.append(file.src_uri)
        return real(self, file, *args)

    tested: list[bool] = []
    real_test = i18n_files._RelativeTest.__call__

    def spy_test(self: Any, path: Any, folder: Any) -> bool:
        tested.append(real_test(self, path, folder))
        return tested[-1]

    held: list[Any] = []
    real_files = i18n_plugin.locale_pass_files

    def spy_files(plugin: Any, *args: Any) -> Any:
        held.append(plugin._held_names)  # what it reads, and what upstream's reading gives
        held.append((I18n.all_languages.fget(plugin), I18n.default_language.fget(plugin)))
        return real_files(plugin, *args)

    with monkeypatch.context() as off:  # upstream's functions and properties
        off.setattr(i18n_files, "i18n_file_mirrored", lambda: False)
        off.setattr(i18n_plugin.JekyllI18nPlugin, "all_languages", I18n.all_languages)
        off.setattr(i18n_plugin.JekyllI18nPlugin, "default_language", I18n.default_language)
        (tmp_path / "off").mkdir()
        expected = site_tree(make_site_builder(tmp_path / "off")(files, plugins=plugins))
    monkeypatch.setattr(i18n_files._FileMaker, "__call__", spy)
    monkeypatch.setattr(i18n_files._RelativeTest, "__call__", spy_test)
    monkeypatch.setattr(i18n_plugin, "locale_pass_files", spy_files)
    (tmp_path / "on").mkdir()
    assert site_tree(make_site_builder(tmp_path / "on")(files, plugins=plugins)) == expected
    assert "es-419/index.md" in made
    assert True in tested and False in tested  # docs files and the theme's
    assert len(held) == 6 and held[0::2] == held[1::2]  # one reading per pass, upstream's
    assert held[0] == (["en", "es-419", "pt-br"], "en")


_SEGMENTS = st.lists(st.sampled_from(["docs", "doc", "en", "ena", "", ".", ".."]), max_size=5)


@given(_SEGMENTS, _SEGMENTS, st.booleans(), st.booleans())
@example(["docs", "ena"], [], True, False)  # "/docs/ena" starts with "/docs/en", not under it
@example(["docs"], ["docs"], True, False)  # the folder itself
def test_a_folder_test_on_strings_is_pathlibs(
    path: list[str], folder: list[str], absolute: bool, trailing: bool
) -> None:
    from mkdocs_static_i18n import is_relative_to

    test = i18n_files._RelativeTest()
    test.original = is_relative_to
    text = ("/" if absolute else "") + "/".join(path) + ("/" if trailing else "")
    for base in ("/" + "/".join(folder), "/docs", "/docs/en", "/" + "/".join(path[:2])):
        assert test(text, base) == Path(text).is_relative_to(base), (text, base)
