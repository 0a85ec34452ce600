"""``sitemap.xml`` of the whole multi-locale site, with hreflang alternates.

Material and static-i18n each write a sitemap per locale pass from MkDocs' pages, so the last
pass wins and the alternates follow file names rather than ``i18n_key``. This one is written
once, after every pass, from the site model and the translation index: its alternates are
``Translations.head_alternates`` with the same absolute URLs as each page's ``<head>``, so
the two cannot disagree. No MkDocs import: the plugin hands in the model.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.jekyll.dates import parse_time
from mkdocs_jekyll.jekyll.paths import path_name

if TYPE_CHECKING:
    from mkdocs_jekyll.i18n.translations import Translations
    from mkdocs_jekyll.jekyll.documents import Document
    from mkdocs_jekyll.jekyll.drops import SiteSettings

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<url>`` of the sitemap."""

    loc: str
    """Absolute URL of the page."""
    lastmod: str | None
    """W3C date or datetime of the last change."""
    alternates: Sequence[tuple[str, str]] = ()
    """``(hreflang, absolute URL)`` pairs, as in the page's ``<head>``."""


def page_alternates(
    doc: Document, translations: Translations, settings: SiteSettings
) -> list[tuple[str, str]]:
    """The page's ``<link rel="alternate" hreflang>`` pairs, exactly as its ``<head>`` has them.

    Args:
        doc: The page.
        translations: The site's translation index.
        settings: For the absolute URLs.

    Returns:
        ``(hreflang, absolute URL)`` pairs, ``x-default`` last; empty outside every locale.
    """
    return [
        (hreflang, settings.absolute_url(url))
        for hreflang, url in translations.head_alternates(doc)
    ]


def in_sitemap(doc: Document) -> bool:
    """Whether a document belongs in the sitemap.

    jekyll-sitemap leaves out pages with ``sitemap: false``, redirect stubs
    (jekyll-redirect-from's ``redirect_to``), 404 pages and files that are not HTML.
    """
    if not doc.output or doc.data.get("sitemap") is False or doc.data.get("redirect_to"):
        return False
    name = path_name(doc.dest)
    return name.endswith((".html", ".htm")) and name != "404.html"


def document_entries(
    documents: Iterable[Document], translations: Translations, settings: SiteSettings
) -> list[SitemapEntry]:
    """One entry per document that belongs in the sitemap.

    Args:
        documents: Every published document of every locale.
        translations: The translation index, for the alternates.
        settings: For the absolute URLs.

    Returns:
        The entries, in no particular order.
    """
    return [
        SitemapEntry(
            loc=settings.absolute_url(doc.url),
            lastmod=last_modified(doc),
            alternates=page_alternates(doc, translations, settings),
        )
        for doc in documents
        if in_sitemap(doc)
    ]


def last_modified(doc: Document) -> str:
    """The document's ``<lastmod>``: front matter, else the source file's modification time.

    jekyll-sitemap reads ``last_modified_at`` (jekyll-last-modified-at), then ``date``.

    Args:
        doc: The document.

    Returns:
        A W3C date (``2024-01-02``) or datetime with its offset.
    """
    for key in ("last_modified_at", "date"):
        text = w3c_date(doc.data.get(key))
        if text is not None:
            return text
    mtime = os.stat(doc.abs_path).st_mtime
    return dt.datetime.fromtimestamp(mtime, dt.UTC).date().isoformat()


def w3c_date(value: Any) -> str | None:
    """A front matter date as a W3C date, or None when it is not one.

    A datetime without a time zone keeps its date only: inventing an offset would move it.

    Args:
        value: A ``date``, ``datetime`` or ISO 8601 string (YAML gives all three).

    Returns:
        ``YYYY-MM-DD``, ``YYYY-MM-DDThh:mm:ss+hh:mm``, or None.
    """
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        # Read as Jekyll reads a string date (Ruby's Time.parse): "2024-01-02 10:00 CET"
        # is a date and a time without a known zone, so only its date is kept.
        parsed = parse_time(value.strip(), None)
        return w3c_date(parsed) if parsed is not None else None
    return None


def render_sitemap(entries: Iterable[SitemapEntry]) -> bytes:
    """Serialise entries in the sitemaps.org format, sorted by URL for stable output.

    The ``xhtml`` prefix is declared on ``<urlset>`` as an attribute, so that ElementTree's
    process-wide namespace registry is left alone and the output uses the prefix search
    engines document (``xhtml:link``).

    Args:
        entries: The pages.

    Returns:
        The UTF-8 document, XML declaration included.
    """
    ordered = sorted(entries, key=lambda item: item.loc)
    written = _plain_sitemap(ordered)
    if written is not None:
        return written
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS, "xmlns:xhtml": XHTML_NS})
    for entry in ordered:
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = entry.loc
        if entry.lastmod is not None:
            ET.SubElement(url, "lastmod").text = entry.lastmod
        for hreflang, href in entry.alternates:
            ET.SubElement(
                url, "xhtml:link", {"rel": "alternate", "hreflang": hreflang, "href": href}
            )
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="UTF-8", xml_declaration=True)) + b"\n"


_ESCAPED = re.compile('[&<>"\r\n\t]')
"""What ElementTree writes as an entity in a text or an attribute (in some version)."""


def _plain_sitemap(entries: list[SitemapEntry]) -> bytes | None:
    """``render_sitemap``'s bytes written as strings, when ElementTree would escape nothing.

    Building, indenting and serialising the element tree was most of the sitemap's time
    (~20 ms for the bench's 600 pages, on the serial end of a build). With no value
    holding a character ElementTree escapes (or cannot encode), nor an empty one (written
    as a short element), its output is this fixed layout; any other sitemap (and an empty
    one) is left to ElementTree. ``tests/test_sitemap.py`` compares the two.
    """
    if not entries:
        return None
    parts = [
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n',
    ]
    values: list[str] = []
    for entry in entries:
        parts.append(f"  <url>\n    <loc>{entry.loc}</loc>\n")
        values.append(entry.loc)
        if entry.lastmod is not None:
            parts.append(f"    <lastmod>{entry.lastmod}</lastmod>\n")
            values.append(entry.lastmod)
        for hreflang, href in entry.alternates:
            parts.append(
                f'    <xhtml:link rel="alternate" hreflang="{hreflang}" href="{href}" />\n'
            )
            values.extend((hreflang, href))
        parts.append("  </url>\n")
    parts.append("</urlset>\n")
    if not all(isinstance(value, str) and value for value in values):
        return None
    if _ESCAPED.search("".join(values)):
        return None
    try:
        return "".join(parts).encode("utf-8")
    except UnicodeEncodeError:
        return None  # A lone surrogate: ElementTree writes a character reference.


ROBOTS_MARKER = "# Written by mkdocs-jekyll"


def render_robots(sitemap_url: str) -> str:
    """A ``robots.txt`` allowing everything and naming the sitemap (jekyll-sitemap's)."""
    return f"{ROBOTS_MARKER}\nUser-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n"
