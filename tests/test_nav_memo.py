"""Material's navigation is rendered once per pass for the pages showing it alike: same site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mkdocs_jekyll.mkdocs import nav_memo
from mkdocs_jekyll.mkdocs import plugin as plugin_module
from sitebuild import THREE_LOCALES, build_tree

# Pages in the navigation (nested in a section too) and outside it, at several depths:
# default permalinks, pretty ones, a deeper folder, a post; three locales.
FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Welcome\n## Part\n",
    "docs/en/a.md": "---\ntitle: A & B\n---\n## Part\n### Sub\n",
    "docs/en/guide/b.md": "# B\ntext\n",
    "docs/en/guide/deep/c.md": "# C\ntext\n",
    "docs/en/d.md": "---\npermalink: /en/custom/d/\n---\n# D outside\n",
    "docs/en/e.md": "# E outside\n",
    "docs/en/f.md": "# F outside\n",
    "docs/en/_posts/2024-01-02-hello.md": "---\ntitle: Hello\n---\nHi\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/a.md": "# A es\n",
    "docs/es-419/g.md": "# G fuera\n",
    "docs/pt-br/index.md": "# Início\n",
    "docs/pt-br/h.md": "# H fora\n",
}

NAV = [
    {"Home": "en/index.md"},
    {"A": "en/a.md"},
    {"Guide": [{"B": "en/guide/b.md"}, {"C": "en/guide/deep/c.md"}]},
    {"Elsewhere": "https://example.org/"},
]


def _plugins(workers: int) -> list[Any]:
    return [
        "search",
        {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": workers}},
        {"jekyll": {"permalink": "pretty"}},
    ]


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    keys: list[bool] = []
    real = nav_memo.nav_key

    def spy(context: Any, shapes: Any) -> Any:
        key = real(context, shapes)
        keys.append(key is not None)
        return key

    monkeypatch.setattr(nav_memo, "nav_key", spy)
    return keys


@pytest.mark.parametrize(
    "features",
    [[], ["navigation.sections", "navigation.indexes", "toc.integrate"], ["navigation.tabs"]],
    ids=["plain", "sections-indexes-toc", "tabs"],
)
def test_the_shared_navigation_gives_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, features: list[str]
) -> None:
    theme = {"name": "material", "features": features, "logo": "assets/logo.png"}
    files = {**FILES, "docs/assets/logo.png": "png"}
    keys = _spy(monkeypatch)
    on = build_tree(tmp_path / "on", files, plugins=_plugins(1), nav=NAV, theme=theme)
    # The pages outside the navigation share it; those in it render their own.
    assert keys.count(True) >= 6
    assert keys.count(False) >= 4
    monkeypatch.setattr(plugin_module, "install_nav_memo", lambda env: False)
    keys.clear()
    off = build_tree(tmp_path / "off", files, plugins=_plugins(1), nav=NAV, theme=theme)
    assert keys == []
    assert on == off


def test_a_site_overriding_a_navigation_partial_renders_it_as_material_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = _spy(monkeypatch)
    override = (
        "{% macro render(nav_item, path, level, parent) %}"
        "<li>{{ nav_item.title }} {{ page.title }}</li>{% endmacro %}"
    )
    files = {**FILES, "overrides/partials/nav-item.html": override}
    theme = {"name": "material", "custom_dir": "overrides"}
    site = tmp_path / "site"
    tree = build_tree(site, files, plugins=_plugins(1), nav=NAV, theme=theme)
    assert keys == []
    # Each page's own title shows in its navigation.
    assert b"<li>A E outside</li>" in tree["en/e/index.html"]
    assert b"<li>A F outside</li>" in tree["en/f/index.html"]
