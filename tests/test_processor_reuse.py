"""MkDocs' page processors registered in the place of the last page's on the shared instance
(``mkdocs/processor_reuse.py``, ``compat.register_in_place``): the registry is what
Python-Markdown's ``register`` and its next sort make of it, and the site is the same."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import pytest
from markdown.util import Registry

from mkdocs_jekyll import compat
from mkdocs_jekyll.mkdocs import markdown_reuse, processor_reuse
from sitebuild import assert_same_tree, build_tree

START = [("a", 50), ("b", 20), ("c", 5), ("d", 5), ("e", 1), ("f", 0.5), ("g", 0)]


@dataclass
class Case:
    description: str
    name: str
    priority: Any
    in_place: bool
    sorted_first: bool = True


CASES = [
    Case("the last of its priority", "d", 5, True),
    Case("the only one of its priority", "b", 20, True),
    Case("the last item", "g", 0, True),
    Case("the first item", "a", 50, True),
    Case("another of its priority after it", "c", 5, False),
    Case("another priority", "e", 2, False),
    Case("an equal priority of another type", "e", 1.0, False),
    Case("a float priority", "f", 0.5, True),
    Case("a new name", "z", 5, False),
    Case("a registry not sorted since its last change", "d", 5, False, sorted_first=False),
]


def _registry(sorted_first: bool) -> Registry[str]:
    registry: Registry[str] = Registry()
    for name, priority in START:
        registry.register(f"old {name}", name, priority)
    if sorted_first:
        list(registry)
    return registry


def _state(registry: Registry[str]) -> tuple[list[str], list[tuple[str, Any]], list[Any]]:
    """What iterating gives, then the storage as it is (item names in order, priorities)."""
    items = list(registry)
    storage = compat.registry_storage(registry)
    assert storage is not None
    return items, list(storage[1].items()), [(name, p, type(p)) for name, p in storage[0]]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_registering_again_gives_the_registry_registers_gives(case: Case) -> None:
    """Given a registry, when an item is registered by ``register_in_place`` (or, when it
    declines, by ``register``) and by Python-Markdown's ``register``, then iterating both
    gives the same items, and their storage is the same, items by name in the same order."""
    expected, got = _registry(case.sorted_first), _registry(case.sorted_first)
    expected.register("new", case.name, case.priority)
    assert compat.register_in_place(got, "new", case.name, case.priority) is case.in_place
    if not case.in_place:
        got.register("new", case.name, case.priority)
    assert _state(got) == _state(expected)


def test_the_registry_of_the_installed_markdown_is_the_code_mirrored() -> None:
    assert processor_reuse.mirrored()


def _record_in_place(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each ``register`` on an installed registry was done in place, in order."""
    calls: list[bool] = []

    def recording(registry: object, item: object, name: str, priority: object) -> bool:
        done = compat.register_in_place(registry, item, name, priority)
        calls.append(done)
        return done

    monkeypatch.setattr(processor_reuse, "register_in_place", recording)
    return calls


def test_the_shared_instance_registers_mkdocs_processors_in_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Given the pass's shared instance, when pages register MkDocs' processors again, then
    each registration after the first page's is done in place."""
    calls = _record_in_place(monkeypatch)
    md = markdown.Markdown(extensions=["toc"])
    processor_reuse.install(md)
    for _page in range(3):
        md.treeprocessors.register(object(), "mkdocs_extract_anchors", 5)  # type: ignore[arg-type]
        md.preprocessors.register(object(), "mkdocs_raw_html", 21)  # type: ignore[arg-type]
        list(md.treeprocessors), list(md.preprocessors)  # what convert does
    assert calls == [False, False, True, True, True, True]


PAGES = {
    "docs/index.md": "# Home\n\nSee [a](a.md) and [b](b.md#part).\n",
    "docs/a.md": '# A\n\n<div id="raw">x</div>\n\n## Part {#part}\n\n[top](#part) ![i](i.png)\n',
    "docs/b.md": "Title\n=====\n\n## Part\n\n[home](index.md) [abs](/x/) [^1]\n\n[^1]: note\n",
    "docs/c.md": "No heading, [a link](a.md#raw).\n",
}


def test_the_site_is_the_one_registering_anew_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given pages with raw HTML ids, links, anchors and titles, when the shared instance
    registers MkDocs' processors in place and when it registers them anew, then every file
    of the two sites is the same."""
    calls = _record_in_place(monkeypatch)
    got = build_tree(tmp_path / "in-place", PAGES)
    assert True in calls
    monkeypatch.setattr(markdown_reuse.processor_reuse, "install", lambda md: None)
    expected = build_tree(tmp_path / "anew", PAGES)
    assert_same_tree(got, expected)
