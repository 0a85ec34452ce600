"""static-i18n's per-page hooks, with less work, give static-i18n's pages.

``mkdocs/i18n_page_hooks.py`` skips the line loop of static-i18n's ``on_page_markdown`` on
pages without an admonition marker and runs its ``on_page_context`` with cheaper copies and
paths. Each site here is built with them and with static-i18n's own methods (the
fingerprints changed, so ``jekyll/i18n`` calls upstream's): every file must be equal byte for
byte, and the shortcuts must have been taken where they apply.
"""

from __future__ import annotations

import inspect
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest

from mkdocs_jekyll.mkdocs import i18n_page_hooks
from sitebuild import assert_same_tree, build_tree

LANGUAGES: list[dict[str, Any]] = [
    {
        "locale": "en",
        "name": "English",
        "default": True,
        "admonition_translations": {"note": "Note EN", "warning": "Careful"},
    },
    {
        "locale": "es-419",
        "name": "Español",
        "admonition_translations": {"note": "Nota", "tip": "Consejo"},
    },
    {"locale": "pt-br", "name": "Português"},
]

PAGES = {
    "docs/en/index.md": "---\ntitle: Home\n---\n# Home\n\nPlain text.\r\nA CR line.\n\n\n",
    "docs/en/boxes.md": (
        "---\ntitle: Boxes\n---\n# Boxes\n\n!!! note\n    Translated title.\n\n"
        '!!! warning "Own title"\n    Kept.\n\n  !!! Note\n      Indented.\n\n'
        "??? tip\n    Details.\n\n???+ note\n    Open details.\n"
    ),
    "docs/en/only-en.md": "---\ntitle: Only English\n---\n# Only English\n\nText!!\n",
    "docs/es-419/index.md": "---\ntitle: Inicio\n---\n# Inicio\n\nTexto.\n",
    "docs/es-419/boxes.md": (
        "---\ntitle: Cajas\n---\n# Cajas\n\n!!! note\n    Nota.\n\n??? tip\n    Detalles.\n"
    ),
    "docs/pt-br/index.md": "---\ntitle: Início\n---\n# Início\n\nTexto? Sim???\n",
}


def _config(details: bool) -> dict[str, Any]:
    extensions: list[Any] = ["admonition"]
    if details:
        extensions.append("pymdownx.details")
    return {
        "theme": {"name": "material"},
        "plugins": [
            "search",
            {"jekyll/i18n": {"languages": LANGUAGES, "parallel_workers": 1}},
            {"jekyll": {"permalink": "pretty"}},
        ],
        "markdown_extensions": extensions,
    }


def _build(
    folder: Path, monkeypatch: pytest.MonkeyPatch, *, fast: bool, details: bool
) -> tuple[dict[str, bytes], dict[str, int]]:
    """Build ``PAGES``; the tree, and how often each shortcut answered."""
    from mkdocs_static_i18n.plugin import I18n

    i18n_page_hooks.markdown_mirrored.cache_clear()
    i18n_page_hooks.context_mirrored.cache_clear()
    if not fast:
        monkeypatch.setattr(i18n_page_hooks, "MARKDOWN_UPSTREAMS", ())
        monkeypatch.setattr(i18n_page_hooks, "CONTEXT_UPSTREAM", (frozenset(), frozenset()))
    answered = {"markdown": 0, "context": 0, "linked": 0}
    page_markdown = i18n_page_hooks.page_markdown
    page_context = i18n_page_hooks.page_context

    def counted_markdown(markdown: Any) -> str | None:
        result = page_markdown(markdown)
        answered["markdown"] += result is not None
        return result

    def counted_context(
        plugin: Any, context: dict[str, Any], page: Any, config: Any
    ) -> dict[str, Any] | None:
        before = dict(context)
        result = page_context(plugin, context, page, config)
        if result is not None:
            answered["context"] += 1
            # Upstream's on the same page gives the same context and selector entries.
            ours = (dict(result), deepcopy(config.extra.alternate))
            theirs = I18n.on_page_context(plugin, before, page, config, None)
            assert (dict(theirs), config.extra.alternate) == ours
            links = [entry["link"] for entry in config.extra.alternate]
            answered["linked"] += any(link.endswith("/boxes/") for link in links)
        return result

    monkeypatch.setattr(i18n_page_hooks, "page_markdown", counted_markdown)
    monkeypatch.setattr(i18n_page_hooks, "page_context", counted_context)
    try:
        return build_tree(folder, PAGES, **_config(details)), answered
    finally:
        monkeypatch.undo()
        i18n_page_hooks.markdown_mirrored.cache_clear()
        i18n_page_hooks.context_mirrored.cache_clear()


@pytest.mark.parametrize("details", [False, True], ids=["admonition", "details"])
def test_the_site_is_the_same_with_and_without_the_shortcuts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, details: bool
) -> None:
    fast, answered = _build(tmp_path / "fast", monkeypatch, fast=True, details=details)
    upstream, upstream_answered = _build(
        tmp_path / "upstream", monkeypatch, fast=False, details=details
    )
    assert_same_tree(fast, upstream)
    assert upstream_answered == {"markdown": 0, "context": 0, "linked": 0}
    # The three pages without a marker ("Text!!" is none); the three with one (pt-br's
    # "Sim???" too, although only ``pymdownx.details`` reads ``???``) went through upstream's.
    assert answered["markdown"] == 3
    assert answered["context"] == len(PAGES)
    assert answered["linked"] == 2  # Both boxes pages' selectors link to the other's.
    boxes = fast["en/boxes/index.html"].decode()
    assert "Note EN" in boxes  # upstream translated the title: the shortcut left it to it.
    assert "Nota" in fast["es-419/boxes/index.html"].decode()  # The pass's own language's.


def test_copies_are_deepcopy_s() -> None:
    shared = {"lang": "en", "link": "/en/"}
    cases: list[Any] = [
        [{"name": "English", "link": "/en/", "lang": "en"}, {"name": "x", "n": 1, "b": None}],
        [shared, shared],  # one dict twice: deepcopy keeps it one
        [{"nested": ["a"]}],
        [],
        {"lang": "en"},
    ]
    for value in cases:
        copy = i18n_page_hooks._copy(value)
        expected = deepcopy(value)
        assert copy == expected
        assert copy is not value
        if type(value) is list:
            assert [id(item) for item in copy] != [id(item) for item in value] or not value
            assert len({id(item) for item in copy}) == len({id(item) for item in expected})


def test_paths_are_pure_paths() -> None:
    for text in ["", ".", "./", "/", "//", "///", "a/./b/", "a//b", "/en/", "en/index.html"]:
        for other in ["", ".", "/", "//", "a/b", "/en"]:
            expected = Path(text) == Path(other)
            assert (
                i18n_page_hooks._pure_path(text) == i18n_page_hooks._pure_path(other)
            ) == expected


def test_static_i18n_s_hooks_are_the_ones_mirrored() -> None:
    """A static-i18n whose hooks changed runs its own: this names the change.

    Compare them with ``i18n_page_hooks.page_markdown`` and ``page_context``; when they still
    agree, update the fingerprints.
    """
    from mkdocs_static_i18n.plugin import I18n
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    i18n_page_hooks.markdown_mirrored.cache_clear()
    i18n_page_hooks.context_mirrored.cache_clear()
    assert i18n_page_hooks.markdown_mirrored(), inspect.getsource(I18n.on_page_markdown)
    reconfigure = ExtendedPlugin.reconfigure_page_context
    assert i18n_page_hooks.context_mirrored(reconfigure), inspect.getsource(reconfigure)
    assert not i18n_page_hooks.context_mirrored(lambda *args: None)
