"""Material search's ``data-search-*`` removal, skipped on pages without one, is Material's.

``mkdocs/search_attributes.py`` runs Material's ``on_page_context`` with a test before its
regex pass. Each site here is built with it and with Material's own method (``UPSTREAM``
changed, so the fingerprint check leaves Material's in place): every file must be equal byte
for byte, the attributes gone from the pages that had them, and the substitution run on
those pages only.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from mkdocs_jekyll.mkdocs import search_attributes
from sitebuild import assert_same_tree, build_tree

PAGES = {
    "docs/index.md": "---\ntitle: Home\n---\n# Home\n\nPlain text, no marker.\n",
    "docs/hidden.md": (
        "---\ntitle: Hidden\n---\n# Hidden\n\nSearchable words.\n\n"
        'Secret words here.\n{: data-search-exclude="1" }\n\n'
        "## Kept {: #kept }\n\nMore words.\n"
    ),
    "docs/mention.md": (
        "---\ntitle: Mention\n---\n# Mention\n\n"
        'The text `data-search-exclude` in code, and data-search-x="y" in prose.\n'
    ),
}

CONFIG: dict[str, Any] = {
    "theme": {"name": "material"},
    "plugins": ["search", "jekyll"],
    "markdown_extensions": ["attr_list"],
}


def _build(
    folder: Path, monkeypatch: pytest.MonkeyPatch, *, fast: bool
) -> tuple[dict[str, bytes], list[int]]:
    """Build ``PAGES``; the tree, and the length of each page the substitution ran on."""
    search_attributes.mirrored.cache_clear()
    if not fast:
        monkeypatch.setattr(search_attributes, "UPSTREAM", (frozenset(), frozenset()))
    ran: list[int] = []

    def sub(pattern: str, replacement: str, text: str) -> str:
        ran.append(len(text))
        return re.sub(pattern, replacement, text)

    monkeypatch.setattr(search_attributes, "re", SimpleNamespace(sub=sub))
    try:
        return build_tree(folder, PAGES, **CONFIG), ran
    finally:
        monkeypatch.undo()
        search_attributes.mirrored.cache_clear()


def test_the_site_is_the_same_with_and_without_the_shortcut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, ran = _build(tmp_path / "fast", monkeypatch, fast=True)
    upstream, upstream_ran = _build(tmp_path / "upstream", monkeypatch, fast=False)
    assert_same_tree(fast, upstream)
    assert upstream_ran == []  # Material's own method ran: it calls the `re` of its module.
    # Only the pages holding the marker went through the regex: hidden and mention.
    assert len(ran) == 2
    hidden = fast["hidden/index.html"].decode()
    assert "Secret words here." in hidden
    assert "data-search-exclude" not in hidden  # Material removed it, as upstream does.
    index = fast["search/search_index.json"].decode()
    assert "Searchable words." in index
    assert "Secret words" not in index  # The excluded block is not indexed.
    assert "data-search-exclude" in fast["mention/index.html"].decode()  # In code: kept.


def test_materials_method_is_the_one_mirrored() -> None:
    """A Material whose ``on_page_context`` changed keeps its own: this names the change.

    Compare it with ``search_attributes._Replacement.__call__``; when they still agree,
    update ``UPSTREAM``.
    """
    from material.plugins.search.plugin import SearchPlugin

    source = inspect.getsource(SearchPlugin.on_page_context)
    assert search_attributes.mirrored(SearchPlugin.on_page_context), source
    assert search_attributes.PATTERN in source
