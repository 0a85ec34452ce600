"""Theme templates compiled once for all locale passes, and again as soon as they change.

Given the shared bytecode cache that ``jekyll/i18n`` installs on every pass's environment,
when a second environment loads an unchanged template it reuses the compiled code; when the
template changed (``mkdocs serve`` after an edit) or the environment compiles differently,
it compiles again.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml

from mkdocs_jekyll.mkdocs.i18n_plugin import JekyllI18nPlugin
from mkdocs_jekyll.mkdocs.jinja_cache import SharedBytecodeCache
from sitebuild import build_project, site_tree, two_locale_plugins, write_files

LOCALES = ("en", "es-419")
OVERRIDE = '{{% extends "base.html" %}}{{% block footer %}}{marker}{{% endblock %}}'


class CountingEnvironment(jinja2.Environment):
    """An environment that counts the templates it compiles."""

    compiled = 0

    def compile(self, *args: Any, **kwargs: Any) -> Any:
        type(self).compiled += 1
        return super().compile(*args, **kwargs)


@pytest.fixture(autouse=True)
def _reset_count() -> None:
    CountingEnvironment.compiled = 0


def _env(folder: Path, cache: SharedBytecodeCache, **options: Any) -> jinja2.Environment:
    env = CountingEnvironment(loader=jinja2.FileSystemLoader(str(folder)), **options)
    return cache.install(env)


def test_an_unchanged_template_is_compiled_once_for_every_environment(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text("{{ x }}!", encoding="utf-8")
    cache = SharedBytecodeCache()
    outputs = [_env(tmp_path, cache).get_template("page.html").render(x=n) for n in range(3)]
    assert outputs == ["0!", "1!", "2!"]
    assert CountingEnvironment.compiled == 1


def test_a_template_edited_between_builds_is_compiled_again(tmp_path: Path) -> None:
    """``mkdocs serve``: the next rebuild must render the edited template, not the cached one."""
    template = tmp_path / "page.html"
    template.write_text("old {{ x }}", encoding="utf-8")
    cache = SharedBytecodeCache()
    first = _env(tmp_path, cache).get_template("page.html").render(x=1)
    template.write_text("new {{ x }}", encoding="utf-8")
    second = _env(tmp_path, cache).get_template("page.html").render(x=2)
    third = _env(tmp_path, cache).get_template("page.html").render(x=3)
    assert (first, second, third) == ("old 1", "new 2", "new 3")
    assert CountingEnvironment.compiled == 2


@dataclass(frozen=True)
class Case:
    """An environment that compiles the same source differently from the first one."""

    description: str
    options: dict[str, Any]
    setup: Callable[[jinja2.Environment], None] = lambda env: None


CASES = [
    Case("whitespace options", {"trim_blocks": True}),
    Case("delimiters", {"variable_start_string": "[[", "variable_end_string": "]]"}),
    Case("an extension", {"extensions": ["jinja2.ext.loopcontrols"]}),
    Case(
        "a filter that takes the context",
        {},
        lambda env: env.filters.update(shout=jinja2.pass_context(lambda ctx, value: value)),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_an_environment_that_compiles_differently_gets_its_own_code(
    tmp_path: Path, case: Case
) -> None:
    (tmp_path / "page.html").write_text("{{ x | shout }}\n", encoding="utf-8")
    cache = SharedBytecodeCache()
    plain = _env(tmp_path, cache)
    plain.filters["shout"] = lambda value: str(value).upper()
    assert plain.get_template("page.html").render(x="a") == "A"
    other = _env(tmp_path, cache, **case.options)
    other.filters.setdefault("shout", lambda value: str(value).upper())
    case.setup(other)
    other.get_template("page.html")
    assert CountingEnvironment.compiled == 2


def test_the_i18n_plugin_installs_one_cache_on_every_pass() -> None:
    plugin = JekyllI18nPlugin()
    envs = [jinja2.Environment() for _ in range(2)]
    for env in envs:
        assert plugin.on_env(env, config=None, files=None) is env  # type: ignore[arg-type]
    caches = {id(env.bytecode_cache) for env in envs}
    assert len(caches) == 1
    assert isinstance(envs[0].bytecode_cache, SharedBytecodeCache)
    assert "jinja2.ext.LoopControlExtension" in envs[0].extensions  # upstream's on_env ran


def test_an_override_edited_between_two_builds_of_one_process_is_rendered(
    tmp_path: Path,
) -> None:
    """Two in-process builds (each with two locale passes) render the override as it is."""
    write_files(
        tmp_path,
        {
            "docs/en/index.md": "# Home\n",
            "docs/es-419/index.md": "# Inicio\n",
            "overrides/main.html": OVERRIDE.format(marker="MARKER-ONE"),
        },
    )
    config = {
        "site_name": "Site",
        "site_url": "https://example.org/",
        "theme": {"name": "material", "custom_dir": "overrides"},
        "plugins": two_locale_plugins(),
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    site = build_project(tmp_path)
    before = [(site / locale / "index.html").read_text(encoding="utf-8") for locale in LOCALES]
    (tmp_path / "overrides/main.html").write_text(
        OVERRIDE.format(marker="MARKER-TWO"), encoding="utf-8"
    )
    site = build_project(tmp_path)
    after = [(site / locale / "index.html").read_text(encoding="utf-8") for locale in LOCALES]
    assert all("MARKER-ONE" in page and "MARKER-TWO" not in page for page in before)
    assert all("MARKER-TWO" in page and "MARKER-ONE" not in page for page in after)


def test_the_i18n_plugin_keeps_a_shared_cache_another_plugin_installed() -> None:
    outer = SharedBytecodeCache()
    env = outer.install(jinja2.Environment())
    JekyllI18nPlugin().on_env(env, config=None, files=None)  # type: ignore[arg-type]
    assert env.bytecode_cache is outer


def test_compiled_templates_are_reused_by_another_process_through_the_folder(
    tmp_path: Path,
) -> None:
    """A second cache (a later ``mkdocs build``) finds the first one's code on disk."""
    (tmp_path / "page.html").write_text("{{ x }}?", encoding="utf-8")
    folder = tmp_path / "cache"
    first = _env(tmp_path, SharedBytecodeCache(), autoescape=True)
    first.bytecode_cache.install(first, folder)  # type: ignore[union-attr]
    assert first.get_template("page.html").render(x="<") == "&lt;?"
    later = SharedBytecodeCache()
    env = later.install(CountingEnvironment(loader=first.loader, autoescape=True), folder)
    assert env.get_template("page.html").render(x="<") == "&lt;?"
    assert CountingEnvironment.compiled == 1
    # Compiled differently (no autoescape): the other environment's code is not used.
    other = SharedBytecodeCache()
    plain = other.install(CountingEnvironment(loader=first.loader), folder)
    assert plain.get_template("page.html").render(x="<") == "<?"
    assert CountingEnvironment.compiled == 2


@pytest.mark.parametrize("damage", [b"", b"garbage", b"%TRUNCATED%"])
def test_a_damaged_or_stale_file_in_the_folder_is_compiled_again(
    tmp_path: Path, damage: bytes
) -> None:
    template = tmp_path / "page.html"
    template.write_text("one {{ x }}", encoding="utf-8")
    folder = tmp_path / "cache"
    _env(tmp_path, SharedBytecodeCache()).bytecode_cache.install(  # type: ignore[union-attr]
        env := CountingEnvironment(loader=jinja2.FileSystemLoader(str(tmp_path))), folder
    )
    env.get_template("page.html")
    (entry,) = folder.iterdir()
    if damage == b"%TRUNCATED%":
        entry.write_bytes(entry.read_bytes()[:-20])
    else:
        entry.write_bytes(damage)
    later = SharedBytecodeCache().install(
        CountingEnvironment(loader=jinja2.FileSystemLoader(str(tmp_path))), folder
    )
    assert later.get_template("page.html").render(x=1) == "one 1"
    assert CountingEnvironment.compiled == 2
    template.write_text("two {{ x }}", encoding="utf-8")  # edited: its old code is stale
    fresh = SharedBytecodeCache().install(
        CountingEnvironment(loader=jinja2.FileSystemLoader(str(tmp_path))), folder
    )
    assert fresh.get_template("page.html").render(x=2) == "two 2"
    assert CountingEnvironment.compiled == 3


def test_a_build_keeps_compiled_templates_in_the_build_cache_and_ignores_damaged_ones(
    tmp_path: Path,
) -> None:
    write_files(tmp_path, {"docs/en/index.md": "# Home\n", "docs/es-419/index.md": "# Inicio\n"})
    config = {
        "site_name": "Site",
        "site_url": "https://example.org/",
        "theme": {"name": "material"},
        "plugins": two_locale_plugins(),
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _forget_compiled_templates()  # As a new process: nothing compiled in memory yet.
    first = site_tree(build_project(tmp_path))
    folder = tmp_path / ".cache/mkdocs-jekyll/jinja"
    entries = sorted(folder.glob("*.code"))
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:40])
    assert site_tree(build_project(tmp_path)) == first


def _forget_compiled_templates() -> None:
    """Empty every compiled-template memory of this process.

    MkDocs keeps plugin instances, and so their compiled templates, across the builds of one
    process: an earlier test's build with the same plugins left them, and this build would
    then have nothing to write to disk.
    """
    for item in gc.get_objects():
        if isinstance(item, SharedBytecodeCache):
            item.clear()


def test_an_installed_environment_keeps_its_loaded_templates_in_a_plain_dict(
    tmp_path: Path,
) -> None:
    """Jinja's LRU scans every loaded name on each lookup (each `{% include %}`)."""
    (tmp_path / "page.html").write_text("{{ x }}!", encoding="utf-8")
    env = CountingEnvironment(loader=jinja2.FileSystemLoader(str(tmp_path)))
    loaded = env.get_template("page.html")
    SharedBytecodeCache().install(env)
    assert type(env.cache) is dict
    assert env.get_template("page.html") is loaded
    assert loaded.render(x=1) == "1!"
    assert CountingEnvironment.compiled == 1
