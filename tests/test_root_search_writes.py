"""Locale passes leave the root search index to the build's end (``root_search_writes``).

A three-locale site is built sequentially and with workers, with the skip and with
Material's own ``on_post_build`` in every pass (``UPSTREAM`` changed, so the fingerprint
check leaves Material's in place): every file must be equal byte for byte, and the root
index written once instead of once per pass and once more at the end.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs import utils

from mkdocs_jekyll.mkdocs import i18n_plugin, root_search_writes
from sitebuild import assert_same_tree, build_tree, three_locales

PAGES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Welcome\n\nHello words.\n",
    "docs/en/guide.md": "---\ni18n_key: guide\n---\n# Guide\n\n## Part\n\nGuide words.\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n\nPalabras.\n",
    "docs/es-419/guide.md": "---\ni18n_key: guide\n---\n# Guía\n\nMás palabras.\n",
    "docs/pt-br/index.md": "---\ni18n_key: home\n---\n# Início\n\nPalavras.\n",
}


def _build(
    folder: Path, monkeypatch: pytest.MonkeyPatch, *, workers: int, skip: bool
) -> tuple[dict[str, bytes], int]:
    """Build ``PAGES``; the tree, and how often this process wrote the root search index."""
    root_search_writes.mirrored.cache_clear()
    if not skip:
        monkeypatch.setattr(root_search_writes, "UPSTREAM", (frozenset(), frozenset()))
    writes: list[str] = []
    write_file = utils.write_file

    def spy(content: bytes, output_path: str) -> None:
        if output_path.endswith("search_index.json"):
            writes.append(output_path)
        write_file(content, output_path)

    monkeypatch.setattr(utils, "write_file", spy)
    try:
        return build_tree(folder, PAGES, **three_locales(workers)), len(writes)
    finally:
        monkeypatch.undo()
        root_search_writes.mirrored.cache_clear()


@pytest.mark.parametrize("workers", [1, 2], ids=["sequential", "workers"])
def test_given_locale_passes_when_they_skip_the_root_index_then_the_site_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    fast, fast_writes = _build(tmp_path / "fast", monkeypatch, workers=workers, skip=True)
    upstream, upstream_writes = _build(
        tmp_path / "upstream", monkeypatch, workers=workers, skip=False
    )
    assert_same_tree(fast, upstream)
    assert fast_writes == 1  # static-i18n's, with every locale's entries
    # Material's own: the first pass's, then the end's (plus, sequentially, the nested two).
    assert upstream_writes == (4 if workers == 1 else 2)
    index = fast["search/search_index.json"].decode()
    assert "Guide words." in index and "Palavras." in index and "palabras." in index


@pytest.mark.parametrize(
    ("serving", "plan", "replaying", "rewritten"),
    [
        (False, None, False, True),
        (True, None, False, False),  # serve: the other locales may come after it starts
        (False, object(), False, False),  # an incremental rebuild merges into the old index
        (False, None, True, False),  # a replayed build runs no pass
    ],
    ids=["build", "serve", "incremental", "replay"],
)
def test_the_root_index_is_left_to_the_end_of_a_plain_build_only(
    monkeypatch: pytest.MonkeyPatch, serving: bool, plan: Any, replaying: bool, rewritten: bool
) -> None:
    monkeypatch.setattr(i18n_plugin, "_serving", lambda config: serving)
    monkeypatch.setattr(i18n_plugin, "active_plan", lambda: plan)
    monkeypatch.setattr(i18n_plugin, "_replaying", lambda config: replaying)
    assert i18n_plugin._root_search_rewritten(object()) is rewritten  # type: ignore[arg-type]


def test_a_dirty_build_writes_the_index_as_material_does() -> None:
    called: list[Any] = []

    class Plugin:
        config = SimpleNamespace(enabled=True)
        is_dirty = True

        def on_post_build(self, *, config: Any) -> None:
            called.append(config)

    replacement = root_search_writes._Replacement(Plugin(), lambda config: True)
    replacement(config="c")  # type: ignore[arg-type]
    assert called == ["c"]  # kept for the next rebuild: never skipped


def test_materials_method_is_the_one_mirrored() -> None:
    """A Material whose ``on_post_build`` changed keeps its own: this names the change.

    Compare it with ``root_search_writes._Replacement.__call__``; when it still only
    writes the root index (and keeps it under ``--dirty``), update ``UPSTREAM``.
    """
    from material.plugins.search.plugin import SearchPlugin

    source = inspect.getsource(SearchPlugin.on_post_build)
    assert root_search_writes.mirrored(SearchPlugin.on_post_build), source
    assert "search_index.json" in source
