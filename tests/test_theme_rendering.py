"""Theme rendering shortcuts write exactly what the plain path writes.

Given a three-locale site (a region locale among them, and a root page that asks for
another locale's language with ``lang``), when it is built with each per-page shortcut of
the theme rendering turned off and on, then every output file is byte for byte the same,
and the shortcut was used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mkdocs_jekyll.mkdocs import outputs
from mkdocs_jekyll.mkdocs import plugin as core_plugin
from mkdocs_jekyll.mkdocs.feeds import head_link
from mkdocs_jekyll.mkdocs.page_context import SharedParts
from mkdocs_jekyll.mkdocs.site_features import feed_head_link
from mkdocs_jekyll.mkdocs.template_filters import install_label_memo
from sitebuild import THREE_LOCALES, build_project, site_tree, write_project


def _page(title: str, body: str, **front: str) -> str:
    lines = [f"title: {title}", *(f"{key}: {value}" for key, value in front.items())]
    return "---\n" + "\n".join(lines) + f"\n---\n# {title}\n\n{body}\n"


SINGLE = {"layout": "single"}
FILES = {
    "docs/en/index.md": _page("Home", "Welcome.\n\n## Part\n\nText."),
    "docs/en/guide.md": _page(
        "Guide", "## One\n\n```python\nx = 1\n```", i18n_key="guide", **SINGLE
    ),
    "docs/es-419/index.md": _page("Inicio", "Hola."),
    "docs/es-419/guia.md": _page("Guía", "## Uno\n\nTexto.", i18n_key="guide", **SINGLE),
    "docs/pt-br/index.md": _page("Início", "Olá."),
    "_data/ui-text.yml": (
        "en:\n  toc_label: On this page\nes-419:\n  toc_label: En esta página\n"
        "pt-br:\n  toc_label: Nesta página\n"
    ),
    # A root page in another locale's language, rendered in the default locale's pass.
    "docs/about.md": _page("Acerca", "Una página raíz.", lang="es-419", **SINGLE),
}


def _build(root: Path) -> dict[str, bytes]:
    plugins = [
        "search",
        # One process: the passes counted here run in this one.
        {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": 1}},
        {"jekyll": {}},
    ]
    return site_tree(build_project(write_project(root, FILES, plugins=plugins)))


class _Forgetful(dict[Any, Any]):
    """A memo that keeps nothing: every page computes its own value."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def test_what_pages_share_is_what_each_page_computes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``SharedParts``: UI text, feed links and alternates' URLs, kept per locale and pass."""
    shared = _build(tmp_path / "shared")

    def absolute_url(self: SharedParts, settings: Any, url: str) -> str:
        return str(settings.absolute_url(url))

    def feed_link(self: SharedParts, state: Any, settings: Any, locale: str | None) -> Any:
        locales = bool(state.scan.translations.locales)
        link = head_link(state.setup.options, settings, locale, locales=locales)
        return feed_head_link(link, state.setup.features, settings)

    def forgetful_init(self: SharedParts) -> None:
        self.ui_texts = _Forgetful()

    monkeypatch.setattr(SharedParts, "absolute_url", absolute_url)
    monkeypatch.setattr(SharedParts, "feed_link", feed_link)
    monkeypatch.setattr(SharedParts, "__init__", forgetful_init)
    each = _build(tmp_path / "each")

    assert shared.keys() == each.keys()
    assert [name for name in each if each[name] != shared[name]] == []
    # The shared values are there: alternates, the locale's feed, its UI text.
    guide = shared["es-419/guia/index.html"]
    assert b'hreflang="en" href="https://example.com/en/guide/"' in guide
    assert b'href="https://example.com/es-419/feed.xml"' in guide
    assert "En esta página".encode() in guide
    assert "En esta página".encode() in shared["about/index.html"]
    assert b"On this page" in shared["en/guide/index.html"]


def test_labels_remembered_per_language_print_what_materials_macro_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Material's ``lang.t`` against ``jekyll_label_memo`` (our ``partials/language.html``)."""
    monkeypatch.setattr(core_plugin, "install_label_memo", lambda env: None)
    plain = _build(tmp_path / "plain")

    asked: list[tuple[str, str]] = []

    def counting(env: Any) -> None:
        install_label_memo(env)
        memo: Callable[[str, Callable[[str], str]], Callable[[str], str]]
        memo = env.globals["jekyll_label_memo"]

        def spy(language: str, translate: Callable[[str], str]) -> Callable[[str], str]:
            t = memo(language, translate)

            def counted(key: str) -> str:
                asked.append((language, key))
                return t(key)

            return counted

        env.globals["jekyll_label_memo"] = spy

    monkeypatch.setattr(core_plugin, "install_label_memo", counting)
    remembered = _build(tmp_path / "memo")

    assert remembered.keys() == plain.keys()
    assert [name for name in plain if plain[name] != remembered[name]] == []
    # Every pass's language, and the root page rendered in its own.
    assert {language for language, _ in asked} >= {"en", "es-419", "pt-br"}
    assert b'<html lang="es-419"' in remembered["about/index.html"]


def test_a_label_edited_between_two_builds_of_one_process_is_printed(tmp_path: Path) -> None:
    """``mkdocs serve``: each build's environment keeps its own labels, not the last build's."""
    override = '{% macro t(key) %}{{ {"action.skip": "MARKER"}[key] }}{% endmacro %}'
    files = {
        "docs/en/index.md": "# Home\n\n## Part\n",
        "overrides/partials/languages/en.html": override.replace("MARKER", "Skip one"),
    }
    write_project(
        tmp_path,
        files,
        site_name="Site",
        site_url="https://example.org/",
        theme={"name": "material", "custom_dir": "overrides"},
        plugins=[{"jekyll/i18n": {"languages": THREE_LOCALES[:1]}}, {"jekyll": {}}],
    )
    before = (build_project(tmp_path) / "en/index.html").read_text(encoding="utf-8")
    (tmp_path / "overrides/partials/languages/en.html").write_text(
        override.replace("MARKER", "Skip two"), encoding="utf-8"
    )
    after = (build_project(tmp_path) / "en/index.html").read_text(encoding="utf-8")
    assert "Skip one" in before and "Skip two" not in before
    assert "Skip two" in after and "Skip one" not in after


def test_a_pass_writes_a_placeholder_sitemap_that_the_builds_own_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each locale pass rendered the theme's sitemap of its pages, replaced unread."""
    monkeypatch.setattr(core_plugin.JekyllPlugin, "_writes_sitemap", lambda self, state: False)
    theme = _build(tmp_path / "theme")
    monkeypatch.undo()
    written: list[str] = []
    real = outputs.pass_sitemap

    def spy(template: Any) -> Any:
        written.append(template.name)
        return real(template)

    monkeypatch.setattr(core_plugin, "pass_sitemap", spy)
    placeholder = _build(tmp_path / "placeholder")

    assert written == ["sitemap.xml"] * 3  # One per locale pass.
    assert placeholder.keys() == theme.keys()
    assert [name for name in theme if theme[name] != placeholder[name]] == []
    assert b"<urlset" in placeholder["sitemap.xml"]
