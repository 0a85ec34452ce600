"""The site model: every content file of every locale, with its front matter and permalink.

static-i18n builds the site once per locale, and each pass only sees its own locale's files,
yet Liquid needs ``site.pages`` of the whole site and two pages claiming one URL must be caught
across locales. So the model is built from the whole ``docs_dir`` once per build, before
MkDocs cleans ``site/``: a content error then leaves the previous output untouched.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ..defaults import FrontMatterDefaults
from ..errors import ContentError
from ..frontmatter import FrontMatter, parse_front_matter, validate_front_matter
from ..permalinks import check_permalink, page_url, resolve_output_ext, url_to_dest
from .collections import (
    Collection,
    categories_of,
    document_location,
    is_future,
    place,
    post_date,
)


@dataclass(frozen=True)
class Document:
    """One content file as Jekyll sees it: a page (posts and collections come later)."""

    src_path: str
    """Path relative to ``docs_dir``, POSIX separators (``en/impact.md``)."""
    abs_path: str
    data: Mapping[str, Any]
    """Front matter deep-merged over the matching front matter defaults."""
    body: str
    line_offset: int
    """File lines before ``body``; added to Liquid line numbers in messages."""
    url: str
    """The Jekyll URL, from the site root without the base path (``/en/impact/``)."""
    dest: str
    """The output file relative to ``site_dir`` (``en/impact/index.html``)."""
    locale: str | None
    """The configured locale whose folder holds the file, if any."""
    type: str = "pages"
    """``pages``, ``posts`` or a collection label (Jekyll's defaults scope ``type``)."""
    output: bool = True
    """False for documents of a collection with ``output: false``: in Liquid, not built."""

    @property
    def lang(self) -> str | None:
        """The page language: front matter ``lang``, else its locale folder."""
        value = self.data.get("lang")
        return str(value) if value else self.locale

    @property
    def published(self) -> bool:
        """Jekyll's ``published: false`` keeps a document out of the build."""
        return self.data.get("published", True) is not False


@dataclass
class SiteModel:
    """All documents of a build, indexed the ways the plugin looks them up."""

    documents: dict[str, Document] = field(default_factory=dict)
    """Published documents by ``src_path``."""
    unpublished: set[str] = field(default_factory=set)
    """Sources that must not be built: ``published: false``, drafts, future posts."""

    def of_type(self, label: str) -> list[Document]:
        """The documents of one collection (``posts``: newest first, as ``site.posts``)."""
        docs = [doc for doc in self.documents.values() if doc.type == label]
        if label == "posts":
            docs.sort(key=lambda doc: (_sort_date(doc.data.get("date")), doc.src_path))
            docs.reverse()
        return docs

    def built(self) -> list[Document]:
        """The documents written to the site."""
        return [doc for doc in self.documents.values() if doc.output]

    def link_targets(self) -> dict[str, str]:
        """Source path to URL, for Liquid's ``link`` tag."""
        return {path: doc.url for path, doc in self.documents.items() if doc.output}

    def post_urls(self) -> dict[str, str]:
        """Post name (``2024-01-02-hi``, also ``en/2024-01-02-hi``) to URL, for ``post_url``."""
        result: dict[str, str] = {}
        names: dict[str, int] = {}
        for doc in self.of_type("posts"):
            path = PurePosixPath(doc.src_path)
            before = doc.src_path.split("/_posts/")[0] if "/_posts/" in doc.src_path else ""
            result[f"{before}/{path.stem}".lstrip("/")] = doc.url
            names[path.stem] = names.get(path.stem, 0) + 1
            result.setdefault(path.stem, doc.url)
        # A bare name shared by two locales' posts is ambiguous: only the prefixed one works.
        for stem, count in names.items():
            if count > 1:
                result.pop(stem, None)
        return result


@dataclass
class ScanCache:
    """Parsed front matter by file, reused while a file's size and mtime do not change.

    ``mkdocs serve`` rebuilds on every save and static-i18n runs one pass per locale: both
    would otherwise re-read every file of the site each time.
    """

    entries: dict[str, tuple[tuple[int, int], FrontMatter]] = field(default_factory=dict)

    def read(self, abs_path: str, src_path: str) -> FrontMatter:
        """Return the parsed front matter of ``abs_path``, parsing only when it changed."""
        stat = os.stat(abs_path)
        key = (stat.st_mtime_ns, stat.st_size)
        hit = self.entries.get(abs_path)
        if hit is not None and hit[0] == key:
            return hit[1]
        text = Path(abs_path).read_text(encoding="utf-8-sig")
        parsed = parse_front_matter(text, src_path)
        validate_front_matter(parsed.data, src_path, lines=parsed.key_lines)
        self.entries[abs_path] = (key, parsed)
        return parsed


def locale_of(src_path: str, locales: Mapping[str, str]) -> str | None:
    """Return the configured locale whose folder holds ``src_path``.

    Args:
        src_path: Path relative to ``docs_dir``.
        locales: Normalised folder key (``pt-br``) to the configured locale code.

    Returns:
        The locale code, or None for files outside every locale folder.
    """
    first = PurePosixPath(src_path).parts[0]
    return locales.get(normalise_locale(first))


def normalise_locale(code: str) -> str:
    """``pt_BR``, ``pt-BR`` and ``pt-br`` are one locale: compare them lower-cased with '-'."""
    return code.replace("_", "-").lower()


def build_site_model(
    sources: Iterable[tuple[str, str]],
    *,
    cache: ScanCache,
    defaults: FrontMatterDefaults,
    permalink_style: str,
    locales: Mapping[str, str],
    collections: Mapping[str, Collection],
    now: dt.datetime,
    future: bool = False,
) -> SiteModel:
    """Read every source's front matter and compute its permalink.

    Args:
        sources: ``(src_path, abs_path)`` of every Markdown file in ``docs_dir``.
        cache: Front matter parsed by earlier builds.
        defaults: The site's front matter defaults.
        permalink_style: Jekyll's site-wide ``permalink`` (``pretty``, ``date``, a template).
        locales: Normalised folder key to configured locale code.
        collections: Jekyll's ``collections`` (``posts`` included).
        now: The build time: posts dated later are left out unless ``future``.
        future: Jekyll's ``future``: build posts dated in the future.

    Returns:
        The model of the site.

    Raises:
        ContentError: Bad front matter, a permalink leaving the site, a post without a
            date, or two documents writing the same output file.
    """
    model = SiteModel()
    owners: dict[str, str] = {}
    for src_path, abs_path in sources:
        parsed = cache.read(abs_path, src_path)
        placement = place(src_path, collections)
        if placement.label == "drafts":
            # Jekyll builds drafts only with --drafts; there is no such switch here yet.
            model.unpublished.add(src_path)
            continue
        data = defaults.apply(parsed.data, src_path, placement.label)
        if data.get("published", True) is False:
            model.unpublished.add(src_path)
            continue
        raw = data.get("permalink")
        permalink = str(raw) if raw is not None else None
        if permalink is not None:
            check_permalink(permalink, src_path, line=parsed.key_lines.get("permalink"))
        output = True
        if placement.label == "pages":
            url = page_url(src_path, permalink=permalink, style=permalink_style)
            # Jekyll takes the output extension from the permalink (`/feed.xml` -> feed.xml).
            dest = url_to_dest(url, resolve_output_ext(permalink))
        else:
            collection = collections[placement.label]
            url, dest = document_location(
                src_path, data, placement, collection, style=permalink_style
            )
            output = collection.output
            if placement.label == "posts":
                when = post_date(src_path, data)
                data = {
                    **data,
                    "date": when,
                    "categories": categories_of(data, placement.superdirs),
                }
                if not future and is_future(when, now):
                    model.unpublished.add(src_path)
                    continue
        if output:
            other = owners.get(dest)
            if other is not None:
                # Jekyll only warns ("Conflict: The following destination is shared by
                # multiple files"), then one page silently wins; we refuse, naming both.
                raise ContentError(
                    src_path,
                    f"permalink '{url}' is also claimed by '{other}'; both would be written "
                    f"to '{dest}'. Give one of them another permalink.",
                )
            owners[dest] = src_path
        else:
            model.unpublished.add(src_path)
        model.documents[src_path] = Document(
            src_path=src_path,
            abs_path=abs_path,
            data=data,
            body=parsed.body,
            line_offset=parsed.line_offset,
            url=url,
            dest=dest,
            locale=locale_of(src_path, locales),
            type=placement.label,
            output=output,
        )
    return model


def _sort_date(value: Any) -> dt.datetime:
    """A comparable UTC datetime for a post's date (dates at midnight)."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return dt.datetime.min.replace(tzinfo=dt.UTC)
