"""What Minimal Mistakes prints around a page that the page's own front matter does not hold.

Its layouts and includes read the whole site: ``page__related`` lists ``site.related_posts``,
``page__taxonomy`` links each category to the site's category archive, ``sidebar`` reads
``site.data.navigation``, and the ``home``, ``posts``, ``categories``, ``tags`` and
``collection`` layouts list posts. This module computes those lists for one page, from the
page's locale only, and hands templates frozen values with final URLs, so templates only loop
and escape. It does not import MkDocs: the plugin passes the site model and ``relative_url``.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from markupsafe import Markup, escape

from mkdocs_jekyll.i18n.translations import locale_chain
from mkdocs_jekyll.jekyll.dates import to_date
from mkdocs_jekyll.jekyll.documents import Document, SiteModel, normalise_locale
from mkdocs_jekyll.jekyll.safe_url import is_safe_url
from mkdocs_jekyll.jekyll.text import slugify

DEFAULT_WORDS_PER_MINUTE = 200
"""Minimal Mistakes' ``words_per_minute`` when neither the page nor the site sets one."""

RELATED_LIMIT = 4
"""``page__related.html``: ``site.related_posts limit: 4``."""

DEFAULT_RECENT_LIMIT = 10
"""Posts the ``home`` layout lists when the site sets no ``paginate``."""

# Layouts that list documents, and what they list.
_RECENT_LAYOUTS = frozenset({"home"})
_GROUPED_LAYOUTS = {"posts": "year", "categories": "categories", "tags": "tags"}

_SCHEME = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")
_POST_STEM = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}-")
_MD_LINK = re.compile(r"\[(?P<label>[^\]]+)\]\((?P<url>[^)\s]+)\)")
_MD_STRONG = re.compile(r"\*\*(.+?)\*\*")
_MD_EM = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


@dataclass(frozen=True)
class Entry:
    """One document in a list (Minimal Mistakes' ``archive-single.html``).

    Attributes:
        title: Plain text (templates escape it).
        url: The link, base path included.
        date: The document's date, if it has one.
        excerpt: Front matter ``excerpt``, else ``description``.
        teaser: ``header.teaser`` with the base path applied, if any.
        words: With ``read_time: true`` and the rendered content known: its words
            (``content | strip_html | number_of_words``), for the reading time.
    """

    title: str
    url: str
    date: dt.date | None
    excerpt: str | None
    teaser: str | None
    words: int | None = None


@dataclass(frozen=True)
class Group:
    """A titled list of entries: a year, a category or a tag, with its anchor."""

    name: str
    slug: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class TermLink:
    """A category or tag of the page; ``url`` is None when the site has no archive for it."""

    name: str
    url: str | None


@dataclass(frozen=True)
class NavItem:
    """An entry of a ``sidebar`` ``nav`` menu (``_includes/nav_list``)."""

    title: str
    url: str | None
    active: bool
    children: tuple[NavItem, ...] = ()


@dataclass(frozen=True)
class SidebarBlock:
    """One entry of the front matter ``sidebar`` list (``_includes/sidebar.html``)."""

    title: str | None
    image: str | None
    image_alt: str | None
    text: str | None
    nav: tuple[NavItem, ...]


@dataclass(frozen=True)
class Furniture:
    """Everything the layouts print about the site around one page.

    Attributes:
        words_per_minute: The site's ``words_per_minute`` (``read_time``), page value first.
        categories: The page's categories, linked to the locale's category archive.
        tags: The page's tags, linked likewise.
        sidebar: The front matter ``sidebar`` blocks, menus resolved for the locale.
        related: ``related: true``: up to four posts of the locale, sharing terms first.
        entries: The ``home`` layout's recent posts, or the ``collection`` layout's documents.
        groups: The ``posts`` layout's years, or the ``categories``/``tags`` layout's terms.
        caption: ``header.caption`` as safe HTML (see ``caption_html``).
        pager: The previous and next documents (``post_pagination.html``), if any.
    """

    words_per_minute: int
    categories: tuple[TermLink, ...] = ()
    tags: tuple[TermLink, ...] = ()
    sidebar: tuple[SidebarBlock, ...] = ()
    related: tuple[Entry, ...] = ()
    entries: tuple[Entry, ...] = ()
    groups: tuple[Group, ...] = ()
    caption: Markup | None = None
    pager: Pager | None = None


@dataclass(frozen=True)
class Pager:
    """``page.previous`` and ``page.next`` of a post or collection document.

    Posts by date and collection documents in collection order, as Jekyll's
    ``Document#previous_doc``/``#next_doc``, within the page's locale.
    """

    previous: Entry | None
    next: Entry | None


def page_furniture(
    doc: Document,
    model: SiteModel,
    *,
    site: Mapping[str, Any],
    data: Mapping[str, Any],
    relative_url: Callable[[str], str],
    default_locale: str | None = None,
    neighbours: tuple[Document | None, Document | None] = (None, None),
    listed: Sequence[Document] | None = None,
    contents: Mapping[str, Mapping[str, Any]] | None = None,
) -> Furniture:
    """Compute what the page's layout prints about the rest of the site.

    Only what the page asks for is computed: lists for the layouts that show them, related
    posts for ``related: true``, sidebar menus for ``sidebar``.

    Args:
        doc: The page.
        model: Every document of the build.
        site: The ``site.*`` keys of the config (``words_per_minute``, ``paginate``,
            ``category_archive``, ``tag_archive``).
        data: ``site.data`` (``navigation`` for sidebar menus).
        relative_url: Jekyll's ``relative_url`` of the build (adds the base path).
        default_locale: The site's default locale, for menu titles a locale lacks.
        neighbours: ``page.previous`` and ``page.next`` (``jekyll.drops.neighbours``).
        listed: On a paginated page, its ``paginator.posts``: the ``home`` layout lists
            them instead of the locale's most recent posts.
        contents: Each document's drop by ``src_path`` (its rendered ``content``), for
            the reading time of archive entries.

    Returns:
        The page's furniture.
    """
    meta = doc.data
    layout = str(meta.get("layout") or "").strip()
    header = meta.get("header") if isinstance(meta.get("header"), Mapping) else None
    # The locale's posts, newest first: only for the layouts and options that list them.
    # Sorting every post for every page made the build grow with pages x posts.
    wants_posts = layout in _RECENT_LAYOUTS or layout in _GROUPED_LAYOUTS or meta.get("related")
    posts = (
        [post for post in model.of_type("posts") if post.output and _same_locale(post, doc)]
        if wants_posts
        else []
    )
    groups: tuple[Group, ...] = ()
    entries: tuple[Entry, ...] = ()
    if layout in _RECENT_LAYOUTS:
        limit = _positive_int(site.get("paginate")) or DEFAULT_RECENT_LIMIT
        shown = posts[:limit] if listed is None else listed
        entries = tuple(_entry(post, relative_url, model.excerpts) for post in shown)
    elif layout in _GROUPED_LAYOUTS:
        groups = _group_posts(
            posts, _GROUPED_LAYOUTS[layout], relative_url, model.excerpts, contents or {}
        )
    elif layout == "collection" and meta.get("collection"):
        entries = _collection_entries(doc, model, relative_url)
    return Furniture(
        words_per_minute=_positive_int(meta.get("words_per_minute"))
        or _positive_int(site.get("words_per_minute"))
        or DEFAULT_WORDS_PER_MINUTE,
        categories=_term_links(doc, model, "categories", site, relative_url),
        tags=_term_links(doc, model, "tags", site, relative_url),
        sidebar=_sidebar(doc, data, relative_url, default_locale),
        related=_related(doc, posts, relative_url, model.excerpts) if meta.get("related") else (),
        pager=_pager(neighbours, relative_url, model.excerpts),
        entries=entries,
        groups=groups,
        caption=caption_html(header.get("caption"), relative_url) if header else None,
    )


def caption_html(text: Any, relative_url: Callable[[str], str]) -> Markup | None:
    """A hero caption's inline Markdown as safe HTML: links, ``**strong**`` and ``*em*``.

    Minimal Mistakes runs captions through ``markdownify`` ("Photo: [Unsplash](https://...)").
    Here the text is escaped first and only those three forms become markup, so a caption
    can never add other HTML.

    Args:
        text: The ``caption`` value.
        relative_url: Adds the base path to site paths in links.

    Returns:
        The HTML, or None for no caption.
    """
    if text in (None, "") or not isinstance(text, str | int | float):
        return None
    html = str(escape(str(text).strip()))

    def link(match: re.Match[str]) -> str:
        # The URL was escaped with the rest; undo it before re-escaping it for the attribute.
        url = _url(Markup(match["url"]).unescape(), relative_url)
        if url is None:
            return match["label"]  # javascript: and the like: keep the text only
        return f'<a href="{escape(url)}">{match["label"]}</a>'

    html = _MD_LINK.sub(link, html)
    html = _MD_STRONG.sub(r"<strong>\1</strong>", html)
    html = _MD_EM.sub(r"<em>\1</em>", html)
    return Markup(html)


def related_posts(
    doc: Document, posts: Iterable[Document], limit: int = RELATED_LIMIT
) -> list[Document]:
    """Posts to suggest after ``doc``: those sharing a category or tag, then the newest.

    Jekyll's ``site.related_posts`` (without LSI) is the ten newest posts; Minimal Mistakes
    prints four. Posts sharing more terms with the page come first, newest first within a tie.

    Args:
        doc: The page.
        posts: Candidate posts, newest first (already limited to the page's locale).
        limit: How many to return.

    Returns:
        Up to ``limit`` posts, never ``doc`` itself.
    """
    others = [post for post in posts if post.src_path != doc.src_path]
    mine = _terms(doc)
    shared = [(len(_terms(post) & mine), index) for index, post in enumerate(others)]
    ranked = sorted((item for item in shared if item[0]), key=lambda item: (-item[0], item[1]))
    picked = [others[index] for _, index in ranked]
    picked += [post for post in others if post not in picked]
    return picked[:limit]


# -----------------------------------------------------------------------------
# Helpers


def _same_locale(a: Document, b: Document) -> bool:
    """Documents of one locale: the same locale folder, else the same ``lang``."""
    if a.locale and b.locale:
        return a.locale == b.locale
    return normalise_locale(a.lang or "") == normalise_locale(b.lang or "")


def _entry(
    doc: Document,
    relative_url: Callable[[str], str],
    excerpts: Mapping[str, str],
    contents: Mapping[str, Mapping[str, Any]] | None = None,
) -> Entry:
    """A document as a list entry.

    Its excerpt is Minimal Mistakes' ``post.excerpt | markdownify | strip_html``: the
    front matter ``excerpt`` as written, else the generated one (the first paragraph,
    rendered) as text; ``description`` when there is neither.
    """
    data = doc.data
    stem = _POST_STEM.sub("", PurePosixPath(doc.src_path).stem)
    title = data.get("title")
    excerpt = data.get("excerpt") or _plain(excerpts.get(doc.src_path)) or data.get("description")
    header = data.get("header")
    teaser = header.get("teaser") if isinstance(header, Mapping) else None
    return Entry(
        title=str(title) if title not in (None, "") else stem,
        url=relative_url(doc.url),
        date=to_date(data.get("date")),
        excerpt=str(excerpt) if excerpt else None,
        teaser=_url(teaser, relative_url),
        words=_words(doc, contents),
    )


def _words(doc: Document, contents: Mapping[str, Mapping[str, Any]] | None) -> int | None:
    """Minimal Mistakes' ``page__meta.html``: ``document.content | strip_html |
    number_of_words``, for a document with ``read_time: true``."""
    if not doc.data.get("read_time") or contents is None:
        return None
    drop = contents.get(doc.src_path)
    content = drop.get("content") if drop is not None else None
    if not isinstance(content, str):
        return None
    return len(html.unescape(_TAG.sub(" ", content)).split())


def _related(
    doc: Document,
    posts: list[Document],
    relative_url: Callable[[str], str],
    excerpts: Mapping[str, str],
) -> tuple[Entry, ...]:
    return tuple(_entry(post, relative_url, excerpts) for post in related_posts(doc, posts))


def _terms(doc: Document) -> set[str]:
    """The document's categories and tags, without its locale folder's category."""
    terms = {name.lower() for name in _names(doc, "categories") + _names(doc, "tags")}
    return terms - {(doc.locale or "").lower()}


def _names(doc: Document, key: str) -> list[str]:
    """``categories``/``tags`` as a list; Jekyll splits a string on spaces."""
    value = doc.data.get(key)
    if isinstance(value, str):
        names = value.split()
    elif isinstance(value, list):
        names = [str(item) for item in value if item not in (None, "")]
    else:
        names = []
    if key == "categories" and doc.locale:
        # Jekyll makes the folders above _posts categories: `en/_posts` gives `en`.
        names = [name for name in names if name.lower() != doc.locale.lower()]
    return list(dict.fromkeys(names))


def _plain(html_text: str | None) -> str | None:
    """HTML as text: tags removed, entities decoded, whitespace collapsed (``strip_html``)."""
    if not html_text:
        return None
    text = " ".join(html.unescape(_TAG.sub("", html_text)).split())
    return text or None


_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)


def _pager(
    neighbours: tuple[Document | None, Document | None],
    relative_url: Callable[[str], str],
    excerpts: Mapping[str, str],
) -> Pager | None:
    """Minimal Mistakes' ``post_pagination.html``: shown when either neighbour exists."""
    before, after = neighbours
    if before is None and after is None:
        return None
    return Pager(
        previous=_entry(before, relative_url, excerpts) if before is not None else None,
        next=_entry(after, relative_url, excerpts) if after is not None else None,
    )


def _group_posts(
    posts: list[Document],
    by: str,
    relative_url: Callable[[str], str],
    excerpts: Mapping[str, str],
    contents: Mapping[str, Mapping[str, Any]],
) -> tuple[Group, ...]:
    """Posts by year (``posts`` layout) or by term (``categories``/``tags``), newest first.

    Minimal Mistakes' ``posts`` layout groups ``site.posts`` (without ``hidden: true``)
    by ``post.date | date: '%Y'``, newest year first. Its ``categories`` and ``tags``
    layouts print the largest term first (``for i in (1..max) reversed``), terms of one
    size in ``site.categories`` order: Jekyll's ``post_attr_hash`` fills it from the
    posts oldest first, so a term comes where its oldest post does.
    """
    groups: dict[str, list[Document]] = {}
    if by == "year":
        for post in posts:
            date = to_date(post.data.get("date"))
            if date is not None and post.data.get("hidden") is not True:
                groups.setdefault(str(date.year), []).append(post)
        names = list(groups)
    else:
        for post in reversed(posts):
            for key in _names(post, by):
                groups.setdefault(key, []).insert(0, post)
        order = {name: index for index, name in enumerate(groups)}
        names = sorted(groups, key=lambda name: (-len(groups[name]), order[name]))
    return tuple(
        Group(
            name=name,
            slug=slugify(name) or name,
            entries=tuple(_entry(post, relative_url, excerpts, contents) for post in groups[name]),
        )
        for name in names
    )


def _collection_entries(
    doc: Document, model: SiteModel, relative_url: Callable[[str], str]
) -> tuple[Entry, ...]:
    """The ``collection`` layout: ``site[page.collection]``, sorted by ``page.sort_by``."""
    label = str(doc.data.get("collection"))
    docs = [item for item in model.of_type(label) if item.output and _same_locale(item, doc)]
    sort_by = doc.data.get("sort_by")
    if sort_by == "title":
        docs.sort(key=lambda item: str(item.data.get("title") or item.src_path).lower())
    elif sort_by == "date":
        docs.sort(key=lambda item: (to_date(item.data.get("date")) or dt.date.min, item.src_path))
    if doc.data.get("sort_order") == "reverse":
        docs.reverse()
    return tuple(_entry(item, relative_url, model.excerpts) for item in docs)


def _term_links(
    doc: Document,
    model: SiteModel,
    key: str,
    site: Mapping[str, Any],
    relative_url: Callable[[str], str],
) -> tuple[TermLink, ...]:
    """``page__taxonomy.html``: each term links into the locale's archive of that kind.

    The archive is the locale's page with ``layout: categories`` (``tags``), else the
    site's ``category_archive``/``tag_archive`` (``{type: liquid, path: /categories/}`` links
    to ``path#slug``, ``jekyll-archives`` to ``path/slug/``); without either the term is text.
    """
    names = _names(doc, key)
    if not names:
        return ()
    archive = next(
        (
            relative_url(page.url)
            for page in model.built_with_layout(key)
            if _same_locale(page, doc)
        ),
        None,
    )
    style = "liquid"
    if archive is None:
        config = site.get("category_archive" if key == "categories" else "tag_archive")
        if isinstance(config, Mapping) and config.get("path") and config.get("type"):
            archive = relative_url(str(config["path"]))
            style = str(config["type"])
    links = []
    for name in names:
        slug = slugify(name) or name
        url = None
        if archive is not None:
            url = (
                f"{archive.rstrip('/')}/{slug}/"
                if style == "jekyll-archives"
                else f"{archive}#{slug}"
            )
        links.append(TermLink(name=name, url=url))
    return tuple(links)


def _sidebar(
    doc: Document,
    data: Mapping[str, Any],
    relative_url: Callable[[str], str],
    default_locale: str | None,
) -> tuple[SidebarBlock, ...]:
    """The front matter ``sidebar``: a list of blocks, or one mapping (``sidebar: {nav: docs}``)."""
    raw = doc.data.get("sidebar")
    items = [raw] if isinstance(raw, Mapping) else raw if isinstance(raw, list) else []
    menus = data.get("navigation")
    chain = locale_chain(doc.locale or doc.lang, default_locale)
    blocks = []
    for item in items:
        if not isinstance(item, Mapping):
            continue
        nav: tuple[NavItem, ...] = ()
        name = item.get("nav")
        if name is not None and isinstance(menus, Mapping):
            nav = _nav_items(menus.get(str(name)), chain, doc.url, relative_url)
        blocks.append(
            SidebarBlock(
                title=_text(item.get("title")),
                image=_url(item.get("image"), relative_url),
                image_alt=_text(item.get("image_alt")),
                text=_text(item.get("text")),
                nav=nav,
            )
        )
    return tuple(blocks)


def _nav_items(
    menu: Any, chain: list[str], page_url: str, relative_url: Callable[[str], str]
) -> tuple[NavItem, ...]:
    """``nav_list``: entries with ``title``/``url`` or per-locale ``titles``/``urls``."""
    if isinstance(menu, Mapping):  # a menu of its own per locale
        menu = _pick(menu, chain)
    if not isinstance(menu, list):
        return ()
    items = []
    for entry in menu:
        if not isinstance(entry, Mapping):
            continue
        title = _pick(entry.get("titles"), chain) or _pick(entry.get("title"), chain)
        url = _pick(entry.get("urls"), chain[:1]) or _pick(entry.get("url"), chain[:1])
        children = _nav_items(entry.get("children"), chain, page_url, relative_url)
        if title is None and url is None:
            continue
        items.append(
            NavItem(
                title=str(title if title is not None else url),
                url=_url(url, relative_url),
                active=url is not None and str(url) == page_url,
                children=children,
            )
        )
    return tuple(items)


def _pick(value: Any, chain: list[str]) -> Any:
    """A per-locale mapping's value for the first locale of ``chain``; plain values as is."""
    if not isinstance(value, Mapping):
        return value
    index = {normalise_locale(str(code)): item for code, item in value.items()}
    return next((index[code] for code in chain if index.get(code) is not None), None)


def _url(value: Any, relative_url: Callable[[str], str]) -> str | None:
    """Minimal Mistakes' ``| relative_url`` on site paths; full URLs stay as they are.

    A URL ``is_safe_url`` refuses (``javascript:`` ...) gives None: the page's own keys were
    reported by the plugin when it read the page's front matter.
    """
    if value in (None, "") or not isinstance(value, str | int | float):
        return None
    text = str(value).strip()
    if not is_safe_url(text):
        return None
    return (
        text if _SCHEME.match(text) else relative_url(text if text.startswith("/") else f"/{text}")
    )


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, bool | Mapping | list):
        return None
    text = str(value).strip()
    return text or None


def _positive_int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if number > 0 else None
