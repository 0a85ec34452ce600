"""``site``, ``page`` and ``jekyll`` as Liquid templates see them (Jekyll's drops).

Plain dicts and lists: python-liquid reads them directly and ``jsonify`` can print them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from mkdocs_jekyll.jekyll.archives import is_archive
from mkdocs_jekyll.jekyll.documents import Document, SiteModel
from mkdocs_jekyll.jekyll.paths import path_name
from mkdocs_jekyll.jekyll.urls import compute_absolute_url, compute_relative_url


@dataclass(frozen=True)
class SiteSettings:
    """What Jekyll reads from ``_config.yml``, resolved from ``mkdocs.yml``."""

    title: str
    description: str | None
    url: str
    """Scheme and host of ``site_url`` without the path (Jekyll's ``url``)."""
    baseurl: str
    """The path of ``site_url`` without trailing slash (Jekyll's ``baseurl``), or ''."""
    lang: str | None
    author: Mapping[str, Any]
    extra: Mapping[str, Any]
    """Keys the user declared for ``site.*`` (the plugin's ``site:`` option)."""
    environment: str

    def relative_url(self, url: str) -> str:
        """Jekyll's ``relative_url`` filter for this site (``/en/cv/`` -> ``/repo/en/cv/``)."""
        return compute_relative_url(url, self.baseurl)

    def absolute_url(self, url: str) -> str:
        """Jekyll's ``absolute_url`` filter for this site: ``url``, ``baseurl``, the path."""
        return compute_absolute_url(url, self.url, self.baseurl)


class Deferred:
    """A drop value made on first read.

    A document's rendered ``content`` needs a Markdown conversion of its whole text, which
    MkDocs does again when it builds the page; only the listings and feeds that print it
    pay for it (measured: eager conversion added about 40% to a 600-page build).
    """

    __slots__ = ("_make", "_value")

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make: Callable[[], Any] | None = make
        self._value: Any = None

    def __call__(self) -> Any:
        """The value, made once."""
        if self._make is not None:
            self._value, self._make = self._make(), None
        return self._value


CONTENT_KEYS = frozenset({"content", "output"})
"""The keys of a drop whose value depends on the order documents render in."""

_CONTENT_WATCH: list[Callable[[], None]] = []
"""Called (the last one set) when a page's ``content`` or ``output`` is read (``watch_content``)."""


def watch_content(callback: Callable[[], None] | None) -> None:
    """Call ``callback`` whenever a page's (not a post's) ``content`` or ``output`` is read.

    A page's rendered content depends on when it renders (``render_order``); the build
    renders a page's Liquid in the process that builds it (``page_liquid``) only while no
    render reads another page's content: this tells it. A read of the whole drop (its
    items, values, a copy, its text, a comparison) counts. None stops watching.
    """
    _CONTENT_WATCH.clear()
    if callback is not None:
        _CONTENT_WATCH.append(callback)


READ_KEYS = frozenset({"content", "output", "excerpt"})
"""The keys of a drop whose value an edit of the document's text (not its front matter) changes."""

_READ_WATCH: list[Callable[[str | None], None]] = []
"""Called (the last one set) with a document's ``path`` when its ``READ_KEYS`` are read
(``watch_reads``)."""


def watch_reads(callback: Callable[[str | None], None] | None) -> None:
    """Call ``callback`` with the ``src_path`` of every document (page, post or collection
    document) whose ``content``, ``output`` or ``excerpt`` is read, or whose whole drop is.

    ``mkdocs serve`` records, per render, which documents' text it printed: an edit of
    one then rebuilds the pages that printed it too (``page_reads``). None stops watching.
    """
    _READ_WATCH.clear()
    if callback is not None:
        _READ_WATCH.append(callback)


class WholeReads(dict[str, Any]):
    """A dict that calls ``_whole`` whenever it is read as a whole.

    Iteration, its text, a comparison, ``|`` and pickling read every value at once, so a
    dict watched for reads of some keys (``Drop``'s content, ``WatchedSite``'s time) must
    count them as reads of every key. Subclasses override ``_whole`` (and, where reading
    a value is itself watched, leave ``items``/``values``/``copy`` to go through
    ``__getitem__``).
    """

    __slots__ = ()

    def _whole(self) -> None:
        """Called on every read of the whole mapping."""

    def __iter__(self) -> Iterator[str]:
        self._whole()
        return super().__iter__()

    def __repr__(self) -> str:
        self._whole()
        return super().__repr__()

    def __eq__(self, other: object) -> bool:
        self._whole()
        return super().__eq__(other)

    def __ne__(self, other: object) -> bool:
        self._whole()
        return super().__ne__(other)

    __hash__ = None

    def __or__(self, other: Any) -> Any:
        self._whole()
        return super().__or__(other)

    def __ror__(self, other: Any) -> Any:
        self._whole()
        return super().__ror__(other)

    def __reduce_ex__(self, protocol: Any) -> Any:
        self._whole()
        return super().__reduce_ex__(protocol)


class Drop(WholeReads):
    """A page's drop: a dict whose ``Deferred`` values are made when first read.

    Every way of reading it (``[]``, ``get``, ``items``, ``values``, ``dict(drop)``, ``**``
    and JSON) sees the made value, never the ``Deferred``.
    """

    def _whole(self) -> None:
        if _CONTENT_WATCH and type(self) is Drop:
            _CONTENT_WATCH[0]()
        if _READ_WATCH:
            _READ_WATCH[0](dict.get(self, "path"))

    def __getitem__(self, key: str) -> Any:
        if _CONTENT_WATCH and key in CONTENT_KEYS and type(self) is Drop:
            _CONTENT_WATCH[0]()
        if _READ_WATCH and key in READ_KEYS:
            _READ_WATCH[0](dict.get(self, "path"))
        value = super().__getitem__(key)
        return value() if isinstance(value, Deferred) else value

    # ``WholeReads`` overrides ``__iter__``, so dict(drop) and {**drop} go through
    # __getitem__ too (CPython copies a dict subclass's raw values when it keeps dict's own
    # iterator).

    def get(self, key: str, default: Any = None) -> Any:
        """``drop[key]`` when present, else ``default``."""
        return self[key] if key in self else default

    def items(self) -> list[tuple[str, Any]]:  # type: ignore[override]
        """The items, deferred values made."""
        return [(key, self[key]) for key in self]

    def values(self) -> list[Any]:  # type: ignore[override]
        """The values, deferred ones made."""
        return [self[key] for key in self]

    def copy(self) -> dict[str, Any]:
        """A plain dict of the made values."""
        return dict(self.items())


class DocumentDrop(Drop):
    """A post's or collection document's ``page``: a dict, marked for ``jsonify``.

    ``previous`` and ``next`` hold the neighbours' drops, so drops form cycles; like
    Jekyll's ``DocumentDrop#hash_for_json``, JSON output collapses them past the second
    level (``collapsed``).
    """

    NESTED_BLACKLIST = ("content", "output", "excerpt", "next", "previous")
    """document_drop.rb NESTED_OBJECT_FIELD_BLACKLIST: left out of a collapsed drop."""

    def collapsed(self) -> dict[str, Any]:
        """The drop with ``previous`` and ``next`` reduced to their non-recursive keys."""
        result = self.copy()
        for key in ("previous", "next"):
            other = result.get(key)
            if isinstance(other, Mapping):
                result[key] = {k: v for k, v in other.items() if k not in self.NESTED_BLACKLIST}
        return result


HTML_EXTENSIONS = (".html", ".xhtml", ".htm")
"""page.rb HTML_EXTENSIONS: pages with these output extensions are ``site.html_pages``."""


def output_ext(doc: Document) -> str:
    """Jekyll's ``output_ext`` (``.html``, ``.json``): a ``.json`` document whose URL ends
    in ``/`` is written to ``index.html`` but stays ``.json`` for ``html_pages``."""
    return doc.output_ext


def page_drop(doc: Document, *, time: dt.datetime | None = None) -> dict[str, Any]:
    """Front matter plus the keys Jekyll adds to a page or document.

    A page (``Page#to_liquid``, ATTRIBUTES_FOR_LIQUID) gets ``content`` (its source until
    it is rendered), ``dir`` (the URL's folder), ``excerpt`` (front matter only, unless the
    site sets ``page_excerpts``), ``name``, ``path`` (relative to the source) and ``url``.
    A post or collection document (``Drops::DocumentDrop``) gets ``collection``, ``id``,
    ``relative_path``, ``date`` (else the build time), ``slug``, ``ext``, ``title`` (from
    the slug when missing), ``categories``, ``tags``, ``draft``, ``excerpt``, and
    ``previous``/``next`` (set by ``build_drops``). The computed keys win over front
    matter, as in Jekyll; ``lang`` and ``locale`` are the plugin's.

    Args:
        doc: The document.
        time: The build time (``site.time``): the date of undated collection documents.

    Returns:
        The drop; a generated excerpt and the rendered ``content`` are set by the build,
        which renders Liquid and Markdown.
    """
    name = path_name(doc.src_path)
    if doc.type == "pages":
        drop: dict[str, Any] = Drop(doc.data)
        excerpt = doc.data.get("excerpt")
        drop.update(
            content=doc.body,
            dir=doc.url if doc.url.endswith("/") else doc.url.rsplit("/", 1)[0] + "/",
            excerpt=None if excerpt is None else str(excerpt),
            name=name,
            path=doc.src_path,
            url=doc.url,
        )
    else:
        drop = DocumentDrop(doc.data)
        slug = str(doc.data.get("slug") or document_slug(doc.src_path))
        # Document#populate_title, #populate_categories, #populate_tags, #date.
        drop.setdefault("title", " ".join(word.capitalize() for word in slug.split("-")))
        drop.setdefault("slug", slug)
        drop.setdefault("ext", PurePosixPath(doc.src_path).suffix)
        drop.setdefault("draft", False)
        drop["categories"] = _categories(doc)
        drop["tags"] = _words(doc.data.get("tags")) + _words(doc.data.get("tag"))
        date = drop.get("date")
        if date is None:
            drop["date"] = time
        elif isinstance(date, dt.date) and not isinstance(date, dt.datetime):
            # Jekyll's dates are Times: a post named 2024-01-02-x is at midnight.
            zone = time.tzinfo if time is not None else dt.UTC
            drop["date"] = dt.datetime(date.year, date.month, date.day, tzinfo=zone)
        excerpt = doc.data.get("excerpt")
        drop.update(
            collection=doc.type,
            id=_document_id(doc.url, slug),
            url=doc.url,
            path=doc.src_path,
            relative_path=doc.src_path,
            name=str(doc.data.get("name") or name),
            content=doc.body,
            output=None,
            excerpt="" if excerpt is None else str(excerpt),
            previous=None,
            next=None,
        )
    drop.update(lang=doc.lang, locale=doc.locale)
    return drop


def document_slug(src_path: str) -> str:
    """Document#populate_title's slug: the name without date and extension, no final dots."""
    stem = PurePosixPath(src_path).stem
    match = _DATED.match(stem)
    return (match.group(1) if match else stem).rstrip(".")


_DATED = re.compile(r"^\d{2,4}-\d{1,2}-\d{1,2}-(.*)$")


def _document_id(url: str, slug: str) -> str:
    """Document#id: ``File.join(File.dirname(url), slug)`` (``/2024/01/02/hello``)."""
    # Ruby's File.dirname ignores trailing slashes: dirname("/a/b/") is "/a".
    folder = posixpath.dirname(url.rstrip("/") or "/")
    return folder.rstrip("/") + "/" + slug


def _words(value: Any) -> list[str]:
    """Utils.pluralized_array_from_hash: a list, or a string split on whitespace."""
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)]


def _categories(doc: Document) -> list[str]:
    """Folders around the collection folder, then front matter ``categories``/``category``."""
    if doc.type == "posts":
        value = doc.data.get("categories")
        return list(value) if isinstance(value, list) else _words(value)
    folders = [part for part in PurePosixPath(doc.src_path).parts[:-1] if part != f"_{doc.type}"]
    words = folders + _words(doc.data.get("categories")) + _words(doc.data.get("category"))
    return list(dict.fromkeys(words))


@dataclass
class SiteDrops:
    """The ``site`` variable and every document's ``page``, built once per build."""

    site: dict[str, Any]
    pages: dict[str, dict[str, Any]]
    """Each document's drop by ``src_path``: the same dicts ``site`` lists."""
    related: dict[str, list[dict[str, Any]]]
    """``site.related_posts`` while rendering each post or collection document."""
    by_locale: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per document of a locale folder (by ``src_path``): ``site.categories`` and
    ``site.tags`` of its locale's posts only."""

    def site_for(self, src_path: str) -> dict[str, Any]:
        """``site`` while rendering one document: ``related_posts`` is the document's.

        SiteDrop#related_posts is nil for pages, and for posts and collection documents
        the ten most recent posts other than the document (related_posts.rb without LSI).
        ``site.categories`` and ``site.tags`` of a document in a locale folder hold that
        locale's posts only: Jekyll's are the whole site's, but a multi-locale site is one
        Jekyll site per locale, and a Spanish archive page built in Liquid lists Spanish posts.
        """
        return {
            **self.site,
            **self.by_locale.get(src_path, {}),
            "related_posts": self.related.get(src_path),
        }


def locale_key(doc: Document) -> str:
    """The locale a document belongs to, for previous/next and related posts.

    The locale folder, else the front matter ``lang``; documents of neither share ''.
    """
    return (doc.locale or doc.lang or "").replace("_", "-").lower()


def build_drops(
    settings: SiteSettings,
    model: SiteModel,
    *,
    data: Mapping[str, Any],
    time: dt.datetime,
    collections: Iterable[str] = (),
) -> SiteDrops:
    """Build ``site`` and every document's drop; link previous/next and related posts.

    Args:
        settings: The site's settings.
        model: The site model.
        data: ``site.data``.
        time: ``site.time``, the build time.
        collections: The configured collection labels in ``collections:`` order.

    Returns:
        The drops. ``previous``/``next`` follow Jekyll (posts by date, other collections in
        collection order) but stay within the document's locale (``locale_key``): a
        multi-locale site's posts are one collection in Jekyll's terms, and a reader of
        the Spanish posts wants the next Spanish post.
    """
    drop: dict[str, Any] = dict(settings.extra)
    drop.setdefault("title", settings.title)
    drop.setdefault("description", settings.description)
    drop.setdefault("author", dict(settings.author))
    drop.setdefault("lang", settings.lang)
    drops = {path: page_drop(doc, time=time) for path, doc in model.documents.items()}
    labels = list(dict.fromkeys(["posts", *collections]))
    labels += sorted({doc.type for doc in model.documents.values()} - {"pages", *labels})
    ordered = {label: model.of_type(label) for label in labels}
    for label in ordered:
        _link_neighbours(reversed_if_posts(ordered, label), drops)
    related = _related_posts(ordered, drops)
    # The generated archives are not the site's files: `site.pages` stays what Jekyll
    # lists for the same files (their drops are still there for `page`).
    own_pages = [doc for doc in model.of_type("pages") if not is_archive(doc)]
    pages = [drops[doc.src_path] for doc in own_pages]
    posts = [drops[doc.src_path] for doc in ordered["posts"]]
    static = [item.to_liquid() for item in model.static_files]
    entries = []
    for label in sorted(labels):
        listed = [drops[doc.src_path] for doc in reversed_if_posts(ordered, label)]
        files = [
            item
            for item, file in zip(static, model.static_files, strict=True)
            if file.collection == label
        ]
        entries.append(
            {
                "label": label,
                "docs": listed,
                "files": files,
                "output": any(doc.output for doc in ordered[label]) or label == "posts",
                "relative_directory": f"_{label}",
            }
        )
        if label != "posts":
            drop[label] = listed  # SiteDrop#[]: a collection's label wins over config keys
    documents = [
        drops[doc.src_path] for label in labels for doc in reversed_if_posts(ordered, label)
    ]
    drop.update(
        url=settings.url,
        baseurl=settings.baseurl,
        time=time,
        data=data,
        pages=pages,
        posts=posts,
        static_files=static,
        collections=entries,
        documents=documents,
        html_pages=[
            drops[doc.src_path]
            for doc in own_pages
            if output_ext(doc) in HTML_EXTENSIONS or doc.url.endswith("/")
        ],
        categories=_group(posts, "categories"),
        tags=_group(posts, "tags"),
        related_posts=None,
    )
    return SiteDrops(
        site=drop, pages=drops, related=related, by_locale=_locale_groups(model, ordered, drops)
    )


def _locale_groups(
    model: SiteModel, ordered: Mapping[str, list[Document]], drops: Mapping[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """``site.categories``/``site.tags`` of each locale folder, for its documents."""
    posts: dict[str, list[dict[str, Any]]] = {}
    for post in ordered["posts"]:  # newest first
        if post.locale is not None:
            posts.setdefault(post.locale, []).append(drops[post.src_path])
    # As in Jekyll, the locale folder is a category of each of its posts (the folders
    # above `_posts`): `site.categories.en` lists the English posts.
    groups = {
        locale: {"categories": _group(mine, "categories"), "tags": _group(mine, "tags")}
        for locale, mine in posts.items()
    }
    empty: dict[str, Any] = {"categories": {}, "tags": {}}
    return {
        path: groups.get(doc.locale, empty)
        for path, doc in model.documents.items()
        if doc.locale is not None
    }


def render_order(model: SiteModel, collections: Iterable[str] = ()) -> list[Document]:
    """The order Jekyll renders in (site.rb ``render_docs``, then ``render_pages``).

    Posts oldest first, then each collection in ``collections:`` order, then the pages in
    ``site.pages`` order. A listing sees the rendered ``content`` of what came before it
    and the source of what comes after (itself included): a page listing posts sees their
    HTML, a post listing pages sees their source.
    """
    labels = list(dict.fromkeys(["posts", *collections]))
    labels += sorted({doc.type for doc in model.documents.values()} - {"pages", *labels})
    ordered = {label: model.of_type(label) for label in labels}
    docs = [doc for label in labels for doc in reversed_if_posts(ordered, label)]
    return docs + model.of_type("pages")


def reversed_if_posts(ordered: Mapping[str, list[Document]], label: str) -> list[Document]:
    """A collection's documents in collection order (``posts``: oldest first)."""
    docs = ordered[label]
    return list(reversed(docs)) if label == "posts" else docs


def _link_neighbours(chain: list[Document], drops: Mapping[str, dict[str, Any]]) -> None:
    """Document#previous_doc / #next_doc within each locale of one collection."""
    by_locale: dict[str, list[Document]] = {}
    for doc in chain:
        by_locale.setdefault(locale_key(doc), []).append(doc)
    for docs in by_locale.values():
        for before, after in itertools.pairwise(docs):
            drops[after.src_path]["previous"] = drops[before.src_path]
            drops[before.src_path]["next"] = drops[after.src_path]


def _related_posts(
    ordered: Mapping[str, list[Document]], drops: Mapping[str, dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """related_posts.rb without LSI: the ten most recent posts other than the document.

    ``(site.posts.docs.last(11).reverse - [post]).first(10)``, and none when the site has
    fewer than two posts; here the posts of the document's locale.
    """
    posts: dict[str, list[Document]] = {}
    for post in ordered["posts"]:  # newest first
        posts.setdefault(locale_key(post), []).append(post)
    result: dict[str, list[dict[str, Any]]] = {}
    for docs in ordered.values():
        for doc in docs:
            if doc.type == "pages":
                continue
            mine = posts.get(locale_key(doc), [])
            if len(mine) <= 1:
                result[doc.src_path] = []
                continue
            recent = [post for post in mine[:11] if post is not doc][:10]
            result[doc.src_path] = [drops[post.src_path] for post in recent]
    return result


def site_drop(
    settings: SiteSettings,
    model: SiteModel,
    *,
    data: Mapping[str, Any],
    time: dt.datetime,
) -> dict[str, Any]:
    """The ``site`` variable (``build_drops(...).site``)."""
    return build_drops(settings, model, data=data, time=time).site


def _group(posts: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    """``site.categories`` / ``site.tags``: name to the posts carrying it, newest first."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for post in posts:
        value = post.get(key) or []
        for name in value.split() if isinstance(value, str) else value:
            groups.setdefault(str(name), []).append(post)
    return groups


def jekyll_drop(environment: str) -> dict[str, Any]:
    """The ``jekyll`` variable (``jekyll.environment``, ``jekyll.version``)."""
    return {"environment": environment, "version": "4.3.1"}
