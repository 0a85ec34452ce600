"""Posts and collections: which documents belong to one, and where Jekyll would put them.

In a multi-locale MkDocs tree, a locale keeps its own posts and collection documents
(``docs/en/_posts/2024-01-02-hello.md``, ``docs/es-419/_talks/charla.md``); Jekyll's own
layout (``docs/_posts/...``) works too. The folders above ``_posts`` become the post's first
categories, as in Jekyll, so ``en/_posts/x.md`` gets the category ``en`` and, with the
default permalink styles, a URL under ``/en/``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from mkdocs_jekyll.jekyll.dates import parse_time
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.paths import path_parts
from mkdocs_jekyll.jekyll.permalinks import (
    collection_template,
    document_url,
    resolve_output_ext,
    url_to_dest,
)

# Jekyll's Document::DATE_FILENAME_MATCHER: posts are named YYYY-MM-DD-title.ext.
_POST_NAME = re.compile(r"^(\d{2,4})-(\d{1,2})-(\d{1,2})-(.*)$")


@dataclass(frozen=True)
class Collection:
    """A configured collection (``posts`` is always one)."""

    label: str
    output: bool
    permalink: str | None


@dataclass(frozen=True)
class Placement:
    """Where a source file sits: its collection, and the folders above the collection's."""

    label: str
    """``pages`` for ordinary pages, ``posts``, ``drafts`` or a collection label."""
    superdirs: tuple[str, ...] = ()
    relative_directory: str = ""
    """The ``<dirs>/_<label>`` prefix, removed from ``:path``."""


def read_collections(raw: object) -> dict[str, Collection]:
    """The ``collections`` option in Jekyll's format (a mapping, or a list of labels).

    Jekyll's default for ``output`` is false for collections and true for posts.
    """
    result = {"posts": Collection("posts", True, None)}
    if isinstance(raw, Mapping):
        items: Iterable[tuple[Any, Any]] = raw.items()
    elif isinstance(raw, Sequence) and not isinstance(raw, str):
        items = ((label, {}) for label in raw)
    else:
        raise ContentError(
            "mkdocs.yml",
            f"plugins.jekyll.collections: expected a mapping or a list of labels, received {raw!r}",
        )
    for label, meta in items:
        meta = meta if isinstance(meta, Mapping) else {}
        permalink = meta.get("permalink")
        output = meta.get("output", label == "posts")
        result[str(label)] = Collection(
            str(label), output is True, str(permalink) if permalink else None
        )
    return result


def place(src_path: str, collections: Mapping[str, Collection]) -> Placement:
    """Find the collection folder (``_posts``, ``_drafts``, ``_<label>``) in ``src_path``."""
    parts = path_parts(src_path)[:-1]
    for index, part in enumerate(parts):
        if not part.startswith("_"):
            continue
        label = part[1:]
        if label in collections or label == "drafts":
            return Placement(label, tuple(parts[:index]), "/".join(parts[: index + 1]))
    return Placement("pages")


def post_date(
    src_path: str, data: Mapping[str, Any], zone: dt.tzinfo | None = None
) -> dt.date | dt.datetime:
    """The post's date: front matter ``date``, else the file name's.

    A string ``date`` that YAML leaves unparsed (``2024-01-02 10:00:00 +0000``, the form
    Jekyll's own post template writes) is read as ``Document#merge_date!`` reads it, with
    ``Time.parse``; without an offset it is in ``zone`` (the site's), else UTC.

    Raises:
        ContentError: Neither gives a date (Jekyll silently skips such files; a person
            moving a site wants to know).
    """
    value = data.get("date")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        parsed = parse_time(value, zone or dt.UTC)
        if parsed is not None:
            return parsed
    match = _POST_NAME.match(PurePosixPath(src_path).stem)
    if match is not None:
        year, month, day = (int(match.group(n)) for n in (1, 2, 3))
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    raise ContentError(
        src_path,
        "a post needs a date: name the file 'YYYY-MM-DD-title.md' or add 'date: YYYY-MM-DD' "
        "to its front matter",
    )


def draft_date(
    src_path: str, data: Mapping[str, Any], mtime: float, zone: dt.tzinfo | None
) -> tuple[dt.date | dt.datetime, bool]:
    """A draft's date, and whether it is the file's modification time.

    ``Document#date`` (Jekyll 4.3): front matter ``date`` (or a dated file name, which
    ``populate_title`` reads first), else ``File.mtime``, a time in the site's zone (Jekyll
    sets ``TZ`` from ``timezone``; UTC here without one). A save then moves the draft.
    """
    try:
        return post_date(src_path, data, zone), False
    except ContentError:
        return dt.datetime.fromtimestamp(mtime, zone or dt.UTC), True


def categories_of(data: Mapping[str, Any], superdirs: Sequence[str]) -> list[str]:
    """Folders above ``_posts`` first, then front matter ``categories`` and ``category``.

    Mirrors ``Document#categories_from_path`` and ``#populate_categories``; a string of
    categories is split on spaces.
    """
    result = list(superdirs)
    for key in ("categories", "category"):
        value = data.get(key)
        items = value.split() if isinstance(value, str) else value or []
        result.extend(str(item) for item in items)
    return list(dict.fromkeys(result))


def document_location(
    src_path: str,
    data: Mapping[str, Any],
    placement: Placement,
    collection: Collection,
    *,
    style: str,
    output_ext: str = ".html",
) -> tuple[str, str]:
    """The URL and output file of a post or collection document.

    ``output_ext`` is the converter's (``.html`` for Markdown and HTML, ``.json`` for a
    ``.json`` document); a permalink's own extension wins, as in Jekyll.
    """
    permalink = data.get("permalink")
    front = str(permalink) if permalink is not None else None
    date = data.get("date") if placement.label != "posts" else post_date(src_path, data)
    slug = data.get("slug")
    template = collection_template(collection.label, style, collection.permalink)
    if placement.label != "posts" and collection.permalink is None and placement.superdirs:
        # A locale's own collection (`es-419/_talks/`) lives under the locale's folder, as
        # its posts do through their categories; Jekyll has no locale folders to follow.
        template = "/" + "/".join(placement.superdirs) + template
    url = document_url(
        src_path,
        collection=collection.label,
        permalink_template=template,
        date=date if isinstance(date, dt.date) else None,
        slug=str(slug) if slug is not None else None,
        categories=categories_of(data, placement.superdirs) if placement.label == "posts" else [],
        output_ext=output_ext,
        permalink=front,
        relative_directory=placement.relative_directory,
    )
    return url, url_to_dest(url, resolve_output_ext(front, output_ext), document=True)


def is_future(when: dt.date | dt.datetime, now: dt.datetime) -> bool:
    """True for a post dated after ``now`` (Jekyll skips those unless ``future: true``)."""
    if isinstance(when, dt.datetime):
        moment = when if when.tzinfo else when.replace(tzinfo=dt.UTC)
        return moment > now
    return when > now.date()
