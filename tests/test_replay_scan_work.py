"""The end's scan-only work as a kept build's record holds it (``replay_scan_work``).

Given the scan's findings and a prepared sitemap, when they are kept and read back, then
they equal what was kept (the sitemap's entries too, so the end still writes it as made);
anything marshal would not write as it is keeps nothing.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass
from typing import Any

import pytest

from mkdocs_jekyll.features.sitemap import SitemapEntry
from mkdocs_jekyll.jekyll.findings import Finding
from mkdocs_jekyll.mkdocs.outputs import PreparedSitemap
from mkdocs_jekyll.mkdocs.replay_scan_work import plain, restored

ENTRY = SitemapEntry("https://x.test/en/a/", "2024-01-02", [("es-419", "https://x.test/es/a/")])
SITEMAP = PreparedSitemap([ENTRY], [ENTRY, SitemapEntry("https://x.test/", None)], b"<u/>", b"gz")
FINDING = Finding("links", "en/a.md", 3, "a root-relative link")


@dataclass(frozen=True)
class Case:
    description: str
    work: Any
    kept: bool
    """Whether the record keeps it (else the next build makes it again)."""


CASES = [
    Case("findings and a sitemap", ([FINDING], SITEMAP), True),
    Case("no findings collected, no sitemap", (None, None), True),
    Case("a finding without a line", ([Finding("t", "mkdocs.yml", None, "m")], None), True),
    Case("nothing made", None, False),
    Case(
        "an alternate that is not a string pair of plain types",
        ([], PreparedSitemap([SitemapEntry("u", None, [("x", object())])], [], b"", b"")),
        False,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_the_work_reads_back_as_kept(case: Case) -> None:
    fields = plain(case.work)
    if not case.kept:
        assert fields is None
        return
    # As the record writes it (``cache_packs``), then reads it.
    assert restored(marshal.loads(marshal.dumps(fields))) == case.work


def test_a_malformed_record_is_refused() -> None:
    with pytest.raises(TypeError):
        restored(([], ([], [], "not bytes", b"")))
