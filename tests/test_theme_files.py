"""The theme's static files are listed once per build, not once per locale pass: same site.

Each site is built with the listing kept for the later passes (``mkdocs/theme_files.py``)
and without it, and every file must be equal byte for byte; a spy checks the later passes
reused the first pass's listing, and a second build sees a theme file added since.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mkdocs_jekyll.mkdocs import theme_files
from sitebuild import build_project, make_site_builder, site_tree
from sitebuild import three_locales_with_overrides as _config

# Three locales, an override folder with its own static file and one of Material's, and a
# docs file shadowing a theme file (the docs win, in every pass).
FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Welcome\n",
    "docs/en/guide/a.md": "# A\ntext\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/pt-br/index.md": "# Início\n",
    "docs/assets/images/favicon.png": "docs favicon",
    "overrides/assets/extra/site.css": "body { color: red }\n",
    "overrides/assets/stylesheets/README.md": "not copied\n",
    "overrides/main.html": '{% extends "base.html" %}\n',
}


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record, for each pass in this process, whether it listed the theme or reused it."""
    calls: list[str] = []

    class Recording(theme_files._Recording):
        def list_templates(self, extensions: Any = None, filter_func: Any = None) -> list[str]:
            calls.append("listed")
            return super().list_templates(extensions, filter_func)

    class Recorded(theme_files._Recorded):
        def list_templates(self, extensions: Any = None, filter_func: Any = None) -> list[str]:
            calls.append("reused")
            return super().list_templates(extensions, filter_func)

    monkeypatch.setattr(theme_files, "_Recording", Recording)
    monkeypatch.setattr(theme_files, "_Recorded", Recorded)
    return calls


@pytest.mark.parametrize("workers", [1, 2])
def test_given_locale_passes_when_the_theme_listing_is_reused_then_the_site_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    with monkeypatch.context() as off:
        off.setattr(theme_files, "theme_files_listing_only", lambda: False)
        (tmp_path / "off").mkdir()
        expected = site_tree(make_site_builder(tmp_path / "off")(FILES, **_config(workers)))
    calls = _spy(monkeypatch)
    (tmp_path / "on").mkdir()
    site = make_site_builder(tmp_path / "on")(FILES, **_config(workers))
    assert site_tree(site) == expected
    assert (site / "assets/extra/site.css").is_file()
    assert (site / "assets/images/favicon.png").read_text() == "docs favicon"
    assert not (site / "assets/stylesheets/README.md").exists()
    assert calls[0] == "listed"
    if workers == 1:  # the later passes run in this process (with workers, in others)
        assert calls == ["listed", "reused", "reused"]


def test_given_a_theme_file_added_when_building_again_then_the_new_build_lists_it(
    tmp_path: Path,
) -> None:
    site = make_site_builder(tmp_path)(FILES, **_config(1))
    assert not (site / "assets/extra/more.js").exists()
    (tmp_path / "project/overrides/assets/extra/more.js").write_text("// more\n", "utf-8")
    site = build_project(tmp_path / "project")
    assert (site / "assets/extra/more.js").read_text("utf-8") == "// more\n"


def test_a_replayed_build_lists_no_theme_file_and_equals_a_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(1)
    (tmp_path / "clean").mkdir()
    clean_plugins = [
        *config["plugins"][:2],
        {"jekyll": {"permalink": "pretty", "cache_enabled": False}},
    ]
    expected = site_tree(
        make_site_builder(tmp_path / "clean")(FILES, **{**config, "plugins": clean_plugins})
    )
    (tmp_path / "cached").mkdir()
    build = make_site_builder(tmp_path / "cached")
    build(FILES, **config)
    calls = _spy(monkeypatch)
    listed: list[list[str]] = []
    recorded_init = theme_files._Recorded.__init__

    def spy_init(self: Any, names: list[str]) -> None:
        listed.append(names)
        recorded_init(self, names)

    monkeypatch.setattr(theme_files._Recorded, "__init__", spy_init)
    replayed = site_tree(build(FILES, **config))  # nothing changed: the last build replayed
    assert replayed == expected
    assert "assets/extra/site.css" in replayed  # the theme's files come from the record
    assert "listed" not in calls and listed == [[]]  # MkDocs was handed an empty listing


class _Foreign:
    """A plugin of another package whose ``on_files`` runs before ours."""

    def on_files(self, files: Any, /, *, config: Any) -> Any:
        return files


def test_a_replayed_build_lists_the_theme_when_another_package_reads_the_files_first() -> None:
    from mkdocs_jekyll.mkdocs.plugin import JekyllPlugin

    plugin = JekyllPlugin()
    ours = plugin._replay_files
    config: Any = type("Config", (), {})()
    config.plugins = type("Plugins", (), {})()
    config.plugins.events = {"files": [plugin._drop_linked_files, ours]}
    assert plugin._files_reach_us_first(config)
    config.plugins.events = {"files": [_Foreign().on_files, ours]}
    assert not plugin._files_reach_us_first(config)


# Dot folders at every depth of an override folder (with files MkDocs would otherwise copy),
# and a dot file beside ordinary ones: the first pass leaves the folders unwalked.
DOT_FILES = {
    **FILES,
    "overrides/.hidden/site.css": "hidden\n",
    "overrides/assets/.cache/deep/x.js": "// hidden\n",
    "overrides/assets/extra/.keep.css": "hidden\n",
    "overrides/assets/extra.d/.x/y.css": "hidden\n",
}


@pytest.mark.parametrize("workers", [1, 2])
def test_given_dot_folders_in_the_theme_when_the_listing_skips_them_then_the_site_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    with monkeypatch.context() as off:
        off.setattr(theme_files, "theme_filter_drops_dot_paths", lambda: False)
        (tmp_path / "off").mkdir()
        expected = site_tree(make_site_builder(tmp_path / "off")(DOT_FILES, **_config(workers)))
    walked: list[str] = []
    walk = theme_files.os.walk

    def spy_walk(top: str, **kwargs: Any) -> Any:
        for entry in walk(top, **kwargs):
            walked.append(entry[0])
            yield entry

    monkeypatch.setattr(theme_files.os, "walk", spy_walk)
    (tmp_path / "on").mkdir()
    site = make_site_builder(tmp_path / "on")(DOT_FILES, **_config(workers))
    assert site_tree(site) == expected
    assert (site / "assets/extra/site.css").is_file()
    import material

    themes = (str(tmp_path / "on/project/overrides"), str(Path(material.__file__).parent))
    walked = [  # os.walk is everyone's: the theme folders' own, below their roots
        path[len(theme) :] for path in walked for theme in themes if path.startswith(theme)
    ]
    assert any("/templates/assets" in path for path in walked)
    assert not any("/." in path for path in walked)  # no dot folder walked, Material's either
    assert "/assets/extra.d" in walked


def test_the_pruned_listing_keeps_every_name_mkdocs_filter_keeps(tmp_path: Path) -> None:
    import jinja2
    from mkdocs.config import load_config

    for name in DOT_FILES:
        if name.startswith("overrides/"):
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("x", "utf-8")
    (tmp_path / "docs").mkdir()
    config = load_config(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        docs_dir=str(tmp_path / "docs"),
        theme={"name": "material", "custom_dir": str(tmp_path / "overrides")},
    )
    env = config.theme.get_env()
    assert type(env.loader) is jinja2.FileSystemLoader
    kept: list[Any] = []

    class Listing:  # MkDocs' own filter, caught on its way to the environment
        def list_templates(self, extensions: Any = None, filter_func: Any = None) -> list[str]:
            kept.append(filter_func)
            return []

    from mkdocs.structure.files import Files

    from mkdocs_jekyll import compat

    original = compat._ORIGINAL_ADD_FILES_FROM_THEME or Files.add_files_from_theme
    original(Files([]), Listing(), config)
    recording = theme_files._Recording(env, prune=True)
    pruned = recording.list_templates(filter_func=kept[0])
    assert pruned == env.list_templates(filter_func=kept[0])
    assert any(name.startswith("assets/javascripts/") for name in pruned)  # Material's own
    assert "assets/extra/site.css" in pruned
    assert len(theme_files._pruned_listing(env.loader)) < len(env.loader.list_templates()) / 10
