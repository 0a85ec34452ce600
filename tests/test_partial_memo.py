"""Material's search box and logo are rendered once per pass where they are alike: same site.

Each site is built with the memo (``mkdocs/partial_memo.py``) and without it, and every file
must be equal byte for byte; a spy checks the memo was used (or, for a site overriding what
it relies on, not used).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from markupsafe import Markup

from mkdocs_jekyll.mkdocs import partial_memo
from mkdocs_jekyll.mkdocs import plugin as plugin_module
from sitebuild import THREE_LOCALES, build_tree

# Pages at several depths, in three locales, a translated pair, and a post.
FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Welcome\n",
    "docs/en/a.md": "---\ntitle: A & B\ni18n_key: a\n---\n## Part\n",
    "docs/en/guide/deep/c.md": "# C\ntext\n",
    "docs/en/_posts/2024-01-02-hello.md": "---\ntitle: Hello\n---\nHi\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/a.md": "---\ni18n_key: a\n---\n# A es\n",
    "docs/pt-br/index.md": "# Início\n",
    "docs/pt-br/h/i.md": "# H fora\n",
    "docs/assets/logo.png": "png",
}


def _plugins(workers: int, look: str = "material") -> list[Any]:
    return [
        "search",
        {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": workers}},
        {"jekyll": {"permalink": "pretty", "look": look}},
    ]


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Record, for each render of a memoised partial, whether it had a key."""
    keys: list[tuple[str, bool]] = []
    for name in ("search_key", "logo_key"):
        real = getattr(partial_memo, name)

        def spy(context: Any, real: Any = real, name: str = name) -> Any:
            key = real(context)
            keys.append((name, key is not None))
            return key

        monkeypatch.setattr(partial_memo, name, spy)
    return keys


THEMES = {
    "plain": {"name": "material"},
    "logo-features-icons": {
        "name": "material",
        "logo": "assets/logo.png",
        "features": ["search.share", "search.suggest", "navigation.tabs"],
        "icon": {"search": "material/magnify-expand", "close": "material/close-box"},
    },
    "icon-logo-language": {
        "name": "material",
        "language": "fr",
        "icon": {"logo": "material/cloud", "previous": "material/arrow-left-bold"},
    },
}


@pytest.mark.parametrize(
    ("theme", "look", "workers"),
    [
        ("plain", "material", 1),
        ("logo-features-icons", "material", 1),
        ("icon-logo-language", "material", 1),
        ("logo-features-icons", "minimal-mistakes", 1),
        ("logo-features-icons", "material", 2),
    ],
    ids=["plain", "logo-features-icons", "icon-logo-language", "minimal-mistakes", "workers"],
)
def test_the_shared_search_box_and_logo_give_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme: str, look: str, workers: int
) -> None:
    keys = _spy(monkeypatch)
    config = {"plugins": _plugins(workers, look), "theme": THEMES[theme]}
    on = build_tree(tmp_path / "on", FILES, **config)
    if workers == 1:  # (a worker's spies are in its own process)
        assert ("search_key", True) in keys
        if look == "material":
            assert ("logo_key", True) in keys
        assert all(found for _, found in keys)
    monkeypatch.setattr(plugin_module, "install_partial_memo", lambda env: [])
    keys.clear()
    off = build_tree(tmp_path / "off", FILES, **config)
    assert keys == []
    assert on == off


def test_a_site_overriding_the_language_partial_renders_the_search_box_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = _spy(monkeypatch)
    override = '{% macro t(key) %}{{ key }} of {{ page.title if page else "" }}{% endmacro %}'
    files = {**FILES, "overrides/partials/language.html": override}
    theme = {"name": "material", "custom_dir": "overrides"}
    tree = build_tree(tmp_path / "site", files, plugins=_plugins(1), theme=theme)
    assert [name for name, _ in keys] == ["logo_key"] * len(keys)
    # Each page's own title shows in its search box.
    assert b'placeholder="search.placeholder of C"' in tree["en/guide/deep/c/index.html"]
    assert b'placeholder="search.placeholder of H fora"' in tree["pt-br/h/i/index.html"]


def test_a_site_overriding_a_partial_renders_it_as_material_does(tmp_path: Path) -> None:
    files = {
        **FILES,
        "overrides/partials/logo.html": "<i>{{ page.title }}</i>",
        "overrides/partials/search.html": "<b>{{ page.title }}</b>",
    }
    theme = {"name": "material", "custom_dir": "overrides"}
    tree = build_tree(tmp_path / "site", files, plugins=_plugins(1), theme=theme)
    page = tree["en/guide/deep/c/index.html"]
    assert b"<i>C</i>" in page and b"<b>C</b>" in page


def test_only_known_versions_of_materials_partials_are_memoised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "theme": {"name": "material"}})
    assert not config.validate()[0]
    templates = Path(plugin_module.__file__).resolve().parent.parent / "templates"

    def env() -> Any:
        env = config.theme.get_env()
        env.loader.searchpath.insert(0, str(templates))
        return env

    assert partial_memo.install_partial_memo(env()) == [partial_memo.SEARCH, partial_memo.LOGO]
    monkeypatch.setitem(partial_memo.KNOWN_PARTIALS, partial_memo.SEARCH, frozenset())
    assert partial_memo.install_partial_memo(env()) == [partial_memo.LOGO]


def test_the_language_partial_is_imported_once_per_pass_and_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jinja2.environment import Template

    made: list[str | None] = []
    real = Template.make_module

    def make_module(self: Template, *args: Any, **kwargs: Any) -> Any:
        made.append(self.name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Template, "make_module", make_module)
    config = {"plugins": _plugins(1), "theme": THEMES["icon-logo-language"]}
    on = build_tree(tmp_path / "on", FILES, **config)
    # One per locale pass (one language each), and one for Material search's settings, read
    # from one template before its on_config (`search_settings`; Material's own reading made
    # one per setting it read: two here).
    assert made.count(partial_memo.LANGUAGE) == 3 + 1
    made.clear()
    monkeypatch.setattr(plugin_module, "install_partial_memo", lambda env: [])
    off = build_tree(tmp_path / "off", FILES, **config)
    assert made.count(partial_memo.LANGUAGE) > 3 + 2 + 10  # Once per rendered page.
    assert on == off


def _language_env() -> Any:
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.mkdocs.template_filters import install_label_memo

    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "theme": {"name": "material"}})
    assert not config.validate()[0]
    env = config.theme.get_env()
    templates = Path(plugin_module.__file__).resolve().parent.parent / "templates"
    env.loader.searchpath.insert(0, str(templates))
    install_label_memo(env)
    assert partial_memo.memoise_language(env)
    return env


class _Theme(dict[str, Any]):
    pass


class _Config:
    def __init__(self, language: object) -> None:
        self.theme = _Theme(language=language)


def test_the_language_module_is_shared_only_where_it_is_the_same() -> None:
    env = _language_env()
    template = env.get_template(partial_memo.LANGUAGE)
    memo = env.globals["jekyll_label_memo"]

    def make(config: object, shared: bool = True, locals: Any = None) -> Any:
        return template.make_module({"config": config, "jekyll_label_memo": memo}, shared, locals)

    fr = make(_Config("fr"))
    assert make(_Config("fr")) is fr and fr.t("search.placeholder") == "Rechercher"
    de = make(_Config("de"))
    assert de is not fr and de.t("search.placeholder") == "Suche"
    # Not shared (imported without context), a local `config`, or no label memo: made anew.
    assert make(_Config("fr"), shared=False) is not fr
    assert make(_Config("en"), locals={"config": _Config("fr")}) is fr
    assert make(_Config("fr"), locals={"config": _Config("de")}) is de
    other = template.make_module({"config": _Config("fr")}, True)
    assert other is not fr and other.t("search.placeholder") == "Rechercher"
    # A language that is not a plain string, or none: Jinja's own import (and its error).
    assert make(_Config(Markup("fr"))) is not make(_Config(Markup("fr")))
    with pytest.raises(Exception, match="has no attribute 'theme'"):
        make(object())
