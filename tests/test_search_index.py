"""A locale's search index joined from its shards' encoded entries is the one written whole.

Given the search indexes of a locale's shards, when each shard's entries are encoded in its
own process (``locale_entries_json``) and the parent joins them
(``write_joined_locale_index``), then the file is byte for byte the one ``write_locale_index``
writes from all the entries at once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from mkdocs_jekyll.features.search_index import (
    locale_entries_json,
    write_joined_locale_index,
    write_locale_index,
)

CONFIG = {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"]}


def _entry(location: str, **more: Any) -> dict[str, Any]:
    return {"location": location, "title": f"T {location}", "text": "<p>x</p>", **more}


@dataclass(frozen=True)
class Case:
    description: str
    shards: list[list[dict[str, Any]]]
    config: dict[str, Any] = field(default_factory=lambda: dict(CONFIG))
    lunr_language: str | None = "es"


CASES = [
    Case(
        "two shards",
        [[_entry("es-419/"), _entry("es-419/a/#x")], [_entry("es-419/b/")]],
    ),
    Case("a shard without entries", [[], [_entry("es-419/b/")], []]),
    Case("no entries at all", [[], []]),
    Case(
        "entries of another locale, non-ASCII text, tags and a date boost",
        [
            [_entry("en/a/"), _entry("es-419/ñ/", text='«é» \u2028 "q"', tags=["a", "ü"])],
            [_entry("es-419/d/", boost=datetime.date(2024, 1, 2)), _entry("es-419/f/", boost=1.5)],
        ],
    ),
    Case(
        "no lunr language for the locale",
        [[_entry("es-419/")], [_entry("es-419/b/")]],
        lunr_language=None,
    ),
    Case(
        "an index whose config holds the mark itself",
        [[_entry("es-419/")], [_entry("es-419/b/")]],
        config={"lang": ["en"], "separator": "\0docs\0"},
    ),
    Case(
        "an index whose config has a key like the mark",
        [[_entry("es-419/")], [_entry("es-419/b/")]],
        config={"lang": ["en"], "\0docs\0": 1},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.description)
def test_a_locale_index_joined_from_its_shards_is_the_one_written_whole(
    tmp_path: Path, case: Case
) -> None:
    indexes = [{"config": case.config, "docs": docs} for docs in case.shards]
    whole = {"config": case.config, "docs": [entry for docs in case.shards for entry in docs]}
    expected = write_locale_index(
        str(tmp_path / "whole"), "es-419", whole, lunr_language=case.lunr_language
    ).read_bytes()
    pieces = [locale_entries_json(index, "es-419") for index in indexes]
    joined = write_joined_locale_index(
        str(tmp_path / "joined"), "es-419", indexes[0], pieces, lunr_language=case.lunr_language
    )
    assert joined.read_bytes() == expected
    assert joined == tmp_path / "joined" / "es-419" / "search" / "search_index.json"
