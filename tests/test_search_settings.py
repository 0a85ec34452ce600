"""Material search's settings read from one language template are Material's own.

``mkdocs/search_settings.py`` fills the ``lang``, ``separator`` and ``pipeline`` Material's
search ``on_config`` would translate, right before it: for each theme language and each
setting a site leaves unset, the values must be those Material computes, and Material must
then compute none. With another ``on_config`` or ``_translate``, or a plugin's
``on_config`` between the two, Material reads them itself; a site builds the same either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from mkdocs_jekyll import compat
from mkdocs_jekyll.mkdocs import search_settings
from sitebuild import make_site_builder, site_tree


@dataclass(frozen=True)
class Case:
    """A theme language, the search settings the site sets, and whether this reads the rest."""

    description: str
    language: str
    search: dict[str, Any] = field(default_factory=dict)
    reads: bool = True


CASES = [
    Case("English, nothing set", "en"),
    Case("German", "de"),
    Case("Japanese (its own separator)", "ja"),
    Case("Chinese, traditional", "zh-TW"),
    Case("Portuguese (Brazil)", "pt-BR"),
    Case("a separator set, lang and pipeline read", "fr", {"separator": "[\\s]+"}),
    Case("an empty pipeline set: not read", "en", {"pipeline": []}),
    Case("lang set", "es", {"lang": ["es", "en"]}),
    Case("all set", "en", {"lang": ["en"], "separator": "x", "pipeline": []}, reads=False),
]


def _config(
    tmp_path: Path, case: Case, plugins: list[Any] | None = None, **theme: Any
) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    settings = {
        "site_name": "t",
        "theme": {"name": "material", "language": case.language, **theme},
        "plugins": plugins or [{"search": case.search}, {"jekyll": {"cache_enabled": False}}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(settings), "utf-8")
    return load_config(str(tmp_path / "mkdocs.yml"))


def _search(config: MkDocsConfig) -> Any:
    plugin = config.plugins["material/search"]
    return plugin.config.lang, plugin.config.separator, plugin.config.pipeline


@pytest.mark.parametrize("case", CASES, ids=[case.description for case in CASES])
def test_the_settings_read_before_materials_on_config_are_materials(
    tmp_path: Path, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    translated: list[bool] = []
    original = search_settings.translate_search_settings

    def spy(config: MkDocsConfig, before: Any) -> bool:
        translated.append(original(config, before))
        return translated[-1]

    monkeypatch.setattr("mkdocs_jekyll.mkdocs.plugin.translate_search_settings", spy)
    (tmp_path / "fast").mkdir()
    fast = _config(tmp_path / "fast", case)
    fast.plugins.on_config(fast)
    assert translated == [case.reads]
    monkeypatch.setattr(search_settings, "material_search_settings_plugin", lambda config: None)
    (tmp_path / "material").mkdir()
    material = _config(tmp_path / "material", case)
    material.plugins.on_config(material)
    assert translated == [case.reads, False]
    assert _search(fast) == _search(material)


def test_material_computes_nothing_after_the_settings_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(tmp_path, CASES[0])
    plugin = compat.material_search_settings_plugin(config)
    assert plugin is not None  # the installed Material is the one mirrored
    before = config.plugins.events["config"][1]
    assert search_settings.translate_search_settings(config, before)

    def no_translate(config: MkDocsConfig, value: str) -> str:
        raise AssertionError(value)

    monkeypatch.setattr(type(plugin), "_translate", no_translate)
    type(plugin).on_config(plugin, config)


def test_another_translate_or_on_config_is_left_to_material(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(tmp_path, CASES[0])
    plugin = config.plugins["material/search"]
    before = config.plugins.events["config"][1]
    original = type(plugin)._translate

    def translate(self: Any, config: MkDocsConfig, value: str) -> Any:
        return original(self, config, value)

    monkeypatch.setattr(type(plugin), "_translate", translate)
    assert compat.material_search_settings_plugin(config) is None
    assert not search_settings.translate_search_settings(config, before)
    assert _search(config) == (None, None, None)
    monkeypatch.undo()
    assert compat.material_search_settings_plugin(config) is plugin
    monkeypatch.setattr(compat, "SEARCH_ON_CONFIG_CODE", ())  # an on_config not mirrored
    assert compat.material_search_settings_plugin(config) is None


def test_a_plugin_between_leaves_the_settings_to_material(tmp_path: Path) -> None:
    """A plugin whose ``on_config`` runs after ours and before Material's may change the
    theme: Material reads the settings itself."""
    config = _config(tmp_path, CASES[0])
    events = config.plugins.events["config"]
    names = [getattr(method, "__qualname__", "") for method in events]
    ours = names.index("JekyllPlugin._search_settings")
    assert names[ours + 1] == "SearchPlugin.on_config"

    def between(config: MkDocsConfig) -> MkDocsConfig:
        return config

    events.insert(ours + 1, between)
    assert not search_settings.translate_search_settings(config, events[ours])
    assert _search(config) == (None, None, None)
    del events[ours + 1]
    assert search_settings.translate_search_settings(config, events[ours])


def test_a_site_with_search_in_german_builds_the_same_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = {
        "theme": {"name": "material", "language": "de"},
        "plugins": ["search", {"jekyll": {"cache_enabled": False}}],
    }
    files = {"docs/index.md": "---\ntitle: Start\n---\n# Willkommen\n\nText zum Suchen.\n"}
    (tmp_path / "fast").mkdir()
    fast = site_tree(make_site_builder(tmp_path / "fast")(files, **config))
    monkeypatch.setattr(search_settings, "material_search_settings_plugin", lambda config: None)
    (tmp_path / "material").mkdir()
    assert fast == site_tree(make_site_builder(tmp_path / "material")(files, **config))
    assert b'"lang":["de"]' in fast["search/search_index.json"]


KEPT = [CASES[0], CASES[1], CASES[2], CASES[4]]


def _spy_templates(monkeypatch: pytest.MonkeyPatch, config: MkDocsConfig) -> list[str]:
    """The names of the templates the theme's environments load from now on."""
    loads: list[str] = []
    env_class = type(config.theme.get_env())
    get_template = env_class.get_template

    def spy(self: Any, name: Any, *args: Any, **kwargs: Any) -> Any:
        loads.append(name)
        return get_template(self, name, *args, **kwargs)

    monkeypatch.setattr(env_class, "get_template", spy)
    return loads


@pytest.mark.parametrize("case", KEPT, ids=[case.description for case in KEPT])
@pytest.mark.usefixtures("bytecode_written")
def test_labels_kept_for_a_later_build_are_materials(
    tmp_path: Path, case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first build reads the template and keeps its labels; a later one (a new store
    read from the file) reads no template; Material's values come out either way."""
    kept = tmp_path / "kept.bin"
    monkeypatch.setattr(search_settings, "cache_path", lambda name: str(kept))
    (tmp_path / "material").mkdir()
    material = _config(tmp_path / "material", case)
    ours = search_settings.material_search_settings_plugin
    monkeypatch.setattr(search_settings, "material_search_settings_plugin", lambda config: None)
    material.plugins.on_config(material)
    monkeypatch.setattr(search_settings, "material_search_settings_plugin", ours)
    for build in ("first", "later"):
        (tmp_path / build).mkdir()
        config = _config(tmp_path / build, case)
        loads = _spy_templates(monkeypatch, config)
        config.plugins.on_config(config)
        assert _search(config) == _search(material), build
        assert loads[:1] == (["partials/language.html"] if build == "first" else []), build
        assert kept.is_file()


_SEPARATOR = '  "search.config.separator": "[\\\\s]+",\n'
"""A separator label for a site's own German file (Material's has none: English's is used)."""


@pytest.mark.usefixtures("bytecode_written")
def test_a_sites_own_templates_give_their_labels_and_its_language_html_is_never_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site's language file is a source of the key: its labels, not the ones kept for
    Material's. A site's ``partials/language.html`` may read the config: never kept."""
    kept = tmp_path / "kept.bin"
    monkeypatch.setattr(search_settings, "cache_path", lambda name: str(kept))
    material = Path(search_settings._INSTALLED[1]) / "partials"
    overrides = tmp_path / "overrides" / "partials"
    (overrides / "languages").mkdir(parents=True)
    german = (material / "languages" / "de.html").read_text(encoding="utf-8")
    line = '  "search.config.lang": "de",\n'
    assert line in german and "search.config.separator" not in german
    language = Case("German, the site's", "de")
    for build in ("material's", "the site's", "the site's again"):
        if build == "the site's":
            (overrides / "languages" / "de.html").write_text(
                german.replace(line, line + _SEPARATOR), encoding="utf-8"
            )
        (tmp_path / build).mkdir()
        config = _config(tmp_path / build, language, custom_dir=str(tmp_path / "overrides"))
        config.plugins.on_config(config)
        expected = "[\\s\\-]+" if build == "material's" else "[\\s]+"
        assert _search(config)[1] == expected, build
    (overrides / "language.html").write_text(
        (material / "language.html").read_text(encoding="utf-8"), encoding="utf-8"
    )
    for build in ("own", "own again"):
        (tmp_path / build).mkdir()
        config = _config(tmp_path / build, language, custom_dir=str(tmp_path / "overrides"))
        loads = _spy_templates(monkeypatch, config)
        config.plugins.on_config(config)
        assert loads[:1] == ["partials/language.html"], build  # read each time
    assert search_settings._sources_key(config.theme.get_env(), "de") is None
