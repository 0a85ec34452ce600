"""A drop's deferred values (a document's rendered ``content``) are made once, when read.

Given a ``Drop`` holding a ``Deferred``, then no way of reading it (item, ``get``, ``items``,
``values``, ``dict()``, ``**``, ``copy``, the ``jsonify`` filter) ever sees the ``Deferred``,
and the value is made only once and only if something reads it.
"""

from __future__ import annotations

import json

from mkdocs_jekyll.jekyll.drops import Deferred, DocumentDrop, Drop
from mkdocs_jekyll.liquid.filters.values import to_json


def _drop(calls: list[str]) -> Drop:
    def make() -> str:
        calls.append("made")
        return "<p>HTML</p>"

    return Drop({"title": "T", "content": Deferred(make)})


def test_a_deferred_value_is_not_made_until_read() -> None:
    calls: list[str] = []
    drop = _drop(calls)
    assert drop["title"] == "T"
    assert "content" in drop and calls == []


def test_every_way_of_reading_sees_the_made_value_once() -> None:
    calls: list[str] = []
    drop = _drop(calls)
    views = [
        drop["content"],
        drop.get("content"),
        dict(drop.items())["content"],
        drop.values()[1],
        dict(drop)["content"],
        {**drop}["content"],
        drop.copy()["content"],
        json.loads(to_json(drop))["content"],
    ]
    assert views == ["<p>HTML</p>"] * len(views)
    assert calls == ["made"]


def test_a_collapsed_document_drop_holds_made_values() -> None:
    calls: list[str] = []
    neighbour = DocumentDrop({"title": "N", "content": Deferred(lambda: "<p>N</p>")})
    drop = DocumentDrop({"title": "D", "content": Deferred(lambda: calls.append("x") or "D")})
    drop["next"] = neighbour
    collapsed = drop.collapsed()
    assert collapsed["content"] == "D" and collapsed["next"] == {"title": "N"}
