"""The end's scan-only work, kept with a build for the next build that replays it unchanged.

Why: a replayed build (``site_replay``) still made the documents' sitemap entries, the
sitemap and the scan's findings (``BuildEnd.prepare``): 25-27 ms of a 0.43 s rebuild of the
bench's unchanged site, on its critical path (the kept files' writer was done long before).
They depend on the scan alone, and on each document's modification time (a ``<lastmod>``
without a date in its front matter is the file's): a build whose sources' stamp is the kept
build's (``replay_early``: every source file's path, size and time) and whose key is its key
would make them again the same. So the build that is kept records them (a build with
workers made them while its workers built; one without makes them just before its files are
kept, ``BuildEnd.end_passes``, rather than at its end), and only that replay takes them; a
build replayed by its key alone (a file touched, say) makes them again.

The record holds them as the types marshal writes as they are (``cache_packs``); a finding
or an entry holding anything else is not kept, and the next build makes them again.
"""

from __future__ import annotations

import marshal
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.features.sitemap import SitemapEntry
from mkdocs_jekyll.jekyll.findings import Finding
from mkdocs_jekyll.mkdocs.outputs import PreparedSitemap

if TYPE_CHECKING:
    from collections.abc import Sequence

ScanWork = tuple["list[Finding] | None", "PreparedSitemap | None"]
"""The scan's findings and the prepared sitemap (None: not made, or off)."""


def plain(work: ScanWork | None) -> tuple[Any, Any] | None:
    """``work`` as the kept build's record holds it; None when marshal cannot write it."""
    if work is None:
        return None
    scanned, sitemap = work
    findings = None
    if scanned is not None:
        findings = [(f.category, f.path, f.line, f.message) for f in scanned]
    prepared = None
    if sitemap is not None:
        prepared = (
            [_entry(entry) for entry in sitemap.documents],
            [_entry(entry) for entry in sitemap.expected],
            sitemap.data,
            sitemap.packed,
        )
    fields = (findings, prepared)
    try:
        marshal.dumps(fields)  # (What the record's writer does with them: ``cache_packs``.)
    except ValueError:
        return None  # A value of another type: the whole record would not be written.
    return fields


def restored(fields: Any) -> ScanWork | None:
    """The work ``plain`` kept (None: none kept).

    Raises:
        ValueError, TypeError: The fields are not what ``plain`` writes (the record is then
            not replayed, as any other malformed record).
    """
    if fields is None:
        return None
    findings, prepared = fields
    scanned = None
    if findings is not None:
        scanned = [
            Finding(str(category), str(path), None if line is None else int(line), str(message))
            for category, path, line, message in findings
        ]
    sitemap = None
    if prepared is not None:
        documents, expected, data, packed = prepared
        if not isinstance(data, bytes) or not isinstance(packed, bytes):
            raise TypeError("the kept sitemap is not bytes")
        sitemap = PreparedSitemap(_entries(documents), _entries(expected), data, packed)
    return scanned, sitemap


def _entry(entry: SitemapEntry) -> tuple[Any, ...]:
    # The alternates as they are (a list of pairs): an entry equals the end's own entry for
    # the page only with the same types (``outputs._write_sitemap`` compares them).
    return (entry.loc, entry.lastmod, entry.alternates)


def _entries(fields: Sequence[Any]) -> list[SitemapEntry]:
    return [SitemapEntry(str(loc), lastmod, alternates) for loc, lastmod, alternates in fields]
