"""Atom feeds as jekyll-feed 0.17 writes them: ``/feed.xml`` and one per locale.

A Jekyll site listing jekyll-feed gets ``/feed.xml`` (the ten newest posts), and its pages
link it; a site moved over lost it, and its RSS buttons with it. Each feed here is the
output of jekyll-feed's ``feed.xml`` template (``lib/jekyll-feed/feed.xml``) once its
generator minified it (``MINIFY_REGEX``: the whitespace after ``>`` and ``}`` removed):
the same elements, attributes and order, byte for byte on the same posts.

The XML is assembled here rather than rendered from the Liquid template or built with
ElementTree: ElementTree cannot write the ``CDATA`` sections and ``<link ... />`` spacing
jekyll-feed prints, and the template would need the whole Liquid site context for a few
fields. A site that wants another feed does what a Jekyll site does: it ships its own
``feed.xml`` (a page, or a file in ``docs/``), and the generated one steps aside
(jekyll-feed's ``file_exists?``). No MkDocs import: the plugin hands in the drops.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mkdocs_jekyll.jekyll.dates import InvalidDate, to_time
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.smartify import smartify
from mkdocs_jekyll.jekyll.text import RUBY_SPACE, normalize_whitespace

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA_NS = "http://search.yahoo.com/mrss/"
CONFIG_SOURCE = "mkdocs.yml"
"""Where feed options are written (``plugins.jekyll.site.feed``), for messages."""
_KEY = "plugins.jekyll.site.feed"

# Liquid's strip_html (StandardFilters#strip_html): script, style and comment blocks, then
# every tag.
_STRIP_BLOCKS = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.I | re.S)
_STRIP_TAGS = re.compile(r"<.*?>", re.S)


@dataclass(frozen=True)
class CollectionFeeds:
    """One collection's feeds: its own, and one per listed category."""

    path: str | None = None
    """The collection feed's path when configured (posts: ``feed.path``)."""
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedConfig:
    """jekyll-feed's ``feed:`` options (``_config.yml``; here the plugin's ``site: feed:``)."""

    path: str = "/feed.xml"
    posts_limit: int = 10
    excerpt_only: bool = False
    collections: Mapping[str, CollectionFeeds] = field(
        default_factory=lambda: {"posts": CollectionFeeds()}
    )
    disable_in_development: bool = False


@dataclass(frozen=True)
class Feed:
    """One feed file: a collection (and category) of one locale, or of the whole site."""

    url: str
    """The feed's URL from the site root (``/es-419/feed.xml``)."""
    collection: str = "posts"
    category: str | None = None

    @property
    def dest(self) -> str:
        """The output file relative to ``site_dir`` (``es-419/feed.xml``)."""
        return self.url.lstrip("/")


@dataclass(frozen=True)
class Channel:
    """What a feed's header reads from ``site``: the locale's own when it has them."""

    title: str | None
    description: str | None
    lang: str | None
    author: Any
    """``site.author``: a mapping (``name``, ``email``, ``uri``), a name, or None."""
    home: str
    """The absolute URL of the locale's home (``'/' | absolute_url`` in jekyll-feed)."""
    time: dt.datetime
    """``site.time``: the feed's ``<updated>``."""
    version: str = "4.3.1"
    """``jekyll.version``, in ``<generator>``."""


def feed_config(site: Mapping[str, Any]) -> FeedConfig:
    """Read jekyll-feed's ``feed:`` block from the plugin's ``site:`` option.

    Args:
        site: The plugin's ``site`` option (``_config.yml``'s keys).

    Returns:
        The options, jekyll-feed's defaults where unset.

    Raises:
        ContentError: A value of the wrong type, named as its key in ``mkdocs.yml``.
    """
    block = site.get("feed")
    if block is None:
        return FeedConfig()
    if not isinstance(block, Mapping):
        raise _config_error("", "a mapping such as {path: feed.xml, posts_limit: 10}", block)
    path = _text(block, "path")
    limit = block.get("posts_limit", 10)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise _config_error(".posts_limit", "a whole number, 0 or more", limit)
    collections: dict[str, CollectionFeeds] = {}
    given = block.get("collections")
    if isinstance(given, list):
        collections = {str(label): CollectionFeeds() for label in given}
    elif isinstance(given, Mapping):
        for label, meta in given.items():
            meta = meta or {}
            if not isinstance(meta, Mapping):
                raise _config_error(f".collections.{label}", "a mapping {path, categories}", meta)
            where = f".collections.{label}"
            collections[str(label)] = CollectionFeeds(
                path=_text(meta, "path", where), categories=_words(meta, "categories", where)
            )
    elif given is not None:
        raise _config_error(".collections", "a list of labels or a mapping", given)
    # generator.rb normalize_posts_meta: `feed.path` and `feed.categories` are the posts'.
    posts = collections.get("posts", CollectionFeeds())
    collections["posts"] = CollectionFeeds(
        path=posts.path or path, categories=posts.categories or _words(block, "categories")
    )
    return FeedConfig(
        path=_slash(collections["posts"].path or "/feed.xml"),
        posts_limit=limit,
        excerpt_only=bool(block.get("excerpt_only", False)),
        collections=collections,
        disable_in_development=bool(block.get("disable_in_development", False)),
    )


def feeds(config: FeedConfig, prefix: str = "") -> list[Feed]:
    """Every feed jekyll-feed's generator writes, below ``prefix`` (``/es-419``).

    generator.rb ``feed_path``: posts at ``path`` (``/feed.xml``), a posts category at
    ``/feed/<category>.xml``, another collection at ``/feed/<label>.xml`` (or its
    ``path``), and its categories at ``/feed/<label>/<category>.xml``.
    """
    result = []
    for label, meta in config.collections.items():
        base = "/feed" if label == "posts" else f"/feed/{label}"
        for category in meta.categories:
            result.append(Feed(f"{prefix}{base}/{category}.xml", label, category))
        own = _slash(meta.path) if meta.path else f"{base}.xml"
        result.append(Feed(prefix + own, label))
    return result


def select_entries(
    documents: Iterable[Mapping[str, Any]],
    feed: Feed,
    config: FeedConfig,
    zone: dt.tzinfo | None,
    *,
    show_drafts: bool = False,
) -> list[Mapping[str, Any]]:
    """The feed's entries, newest first: jekyll-feed's ``posts`` in its template.

    The collection's documents (``site[page.collection]``), those of the category
    (``where: "categories"``), no drafts unless the site shows them (``show_drafts``),
    ``sort: "date" | reverse``, then the first
    ``posts_limit``. Posts with ``feed: false`` are left out too (the issue's rule:
    jekyll-feed 0.17 itself lists them).

    Args:
        documents: The drops of the collection's documents of the feed's locale, in
            collection order (oldest first).
        feed: The feed.
        config: The feed options.
        zone: The site's time zone, for dates given as text.
        show_drafts: Jekyll's ``show_drafts`` (``--drafts``): drafts are listed too.
    """
    chosen = [
        drop
        for drop in documents
        if drop.get("collection") == feed.collection
        and (show_drafts or drop.get("draft") is not True)
        and drop.get("feed") is not False
        and (feed.category is None or feed.category in (drop.get("categories") or []))
    ]
    chosen.sort(key=lambda drop: _sort_time(drop.get("date"), zone))
    chosen.reverse()
    return chosen[: config.posts_limit]


def render_feed(
    feed: Feed,
    channel: Channel,
    entries: Sequence[Mapping[str, Any]],
    *,
    config: FeedConfig,
    absolute_url: Callable[[str], str],
    zone: dt.tzinfo | None = None,
    authors: Mapping[str, Any] | None = None,
    xsl: bool = False,
) -> str:
    """The feed's XML, as jekyll-feed's minified template prints it.

    Args:
        feed: Which feed.
        channel: The site (or locale) it speaks for.
        entries: Its documents' drops, newest first (``select_entries``).
        config: The feed options (``excerpt_only``).
        absolute_url: Jekyll's ``absolute_url`` for this site.
        zone: The site's time zone (``timezone``), for the dates.
        authors: ``site.data.authors``, where an entry's ``author`` name is looked up.
        xsl: Whether the site has a ``feed.xslt.xml`` (an ``<?xml-stylesheet?>`` line).

    Returns:
        The document, starting ``<?xml version="1.0" encoding="utf-8"?>``.
    """
    self_url = absolute_url(feed.url)
    out = ['<?xml version="1.0" encoding="utf-8"?>']
    if xsl:
        href = absolute_url("/feed.xslt.xml")
        out.append(f'<?xml-stylesheet type="text/xml" href="{_attr(href)}"?>')
    lang = channel.lang
    out.append(f'<feed xmlns="{ATOM_NS}" ' + (f'xml:lang="{_attr(lang)}"' if lang else "") + ">")
    out.append(
        f'<generator uri="https://jekyllrb.com/" version="{_attr(channel.version)}">Jekyll'
        "</generator>"
    )
    out.append(f'<link href="{_attr(self_url)}" rel="self" type="application/atom+xml" />')
    hreflang = f'hreflang="{_attr(lang)}" ' if lang else ""
    out.append(f'<link href="{_attr(channel.home)}" rel="alternate" type="text/html" {hreflang}/>')
    out.append(f"<updated>{xmlschema(channel.time, zone)}</updated>")
    out.append(f"<id>{xml_escape(self_url)}</id>")
    title = channel.title
    if feed.collection != "posts":
        title = f"{title or ''} | {_capitalize(feed.collection)}"
    if feed.category:
        title = f"{title or ''} | {_capitalize(feed.category)}"
    if title:
        out.append(f'<title type="html">{xml_escape(smartify(title))}</title>')
    if channel.description:
        out.append(f"<subtitle>{xml_escape(channel.description)}</subtitle>")
    if _truthy(channel.author):
        out.append(_author(channel.author))
    for drop in entries:
        out.append(
            _entry(drop, channel, config=config, url=absolute_url, zone=zone, authors=authors)
        )
    out.append("</feed>")
    return "".join(out)


def xmlschema(value: object, zone: dt.tzinfo | None) -> str:
    """Jekyll's ``date_to_xmlschema`` of a drop's date (``2024-01-02T00:00:00+00:00``)."""
    return to_time(value, zone).replace(microsecond=0).isoformat()


def xml_escape(text: object) -> str:
    """Jekyll's ``xml_escape``: ``& < > " '`` as entities."""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def strip_html(text: str) -> str:
    """Liquid's ``strip_html``."""
    return _STRIP_TAGS.sub("", _STRIP_BLOCKS.sub("", text))


# -- entries -------------------------------------------------------------------------------


def _entry(
    drop: Mapping[str, Any],
    channel: Channel,
    *,
    config: FeedConfig,
    url: Callable[[str], str],
    zone: dt.tzinfo | None,
    authors: Mapping[str, Any] | None,
) -> str:
    """One ``<entry>``, field by field as jekyll-feed's template prints it."""
    lang = drop.get("lang")
    out = [f'<entry xml:lang="{_attr(str(lang))}">' if lang else "<entry>"]
    title = xml_escape(normalize_whitespace(strip_html(smartify(_s(drop.get("title"))))))
    link = url(_s(drop.get("url")))
    out.append(f'<title type="html">{title}</title>')
    out.append(f'<link href="{_attr(link)}" rel="alternate" type="text/html" title="{title}" />')
    date = drop.get("date")
    out.append(f"<published>{xmlschema(date, zone)}</published>")
    updated = drop.get("last_modified_at")
    out.append(f"<updated>{xmlschema(updated if _truthy(updated) else date, zone)}</updated>")
    out.append(f"<id>{xml_escape(url(_s(drop.get('id'))))}</id>")
    own = drop.get("feed")
    excerpt_only = own.get("excerpt_only") if isinstance(own, Mapping) else None
    if not (excerpt_only if _truthy(excerpt_only) else config.excerpt_only):
        content = _s(drop.get("content")).strip(RUBY_SPACE + "\0")
        out.append(
            f'<content type="html" xml:base="{xml_escape(link)}">{_cdata(content)}</content>'
        )
    out.append(_author(_entry_author(drop, channel, authors)))
    category = drop.get("category")
    terms = [category] if _truthy(category) else list(drop.get("categories") or [])
    terms += list(drop.get("tags") or [])
    out.extend(f'<category term="{xml_escape(_s(term))}" />' for term in terms)
    summary = drop.get("description")
    if not _truthy(summary):
        summary = drop.get("excerpt")
    if _truthy(summary):
        text = normalize_whitespace(strip_html(_s(summary)))
        out.append(f'<summary type="html">{_cdata(text)}</summary>')
    image = drop.get("image")
    path = image.get("path") if isinstance(image, Mapping) else None
    image = path if _truthy(path) else image
    if _truthy(image):
        image = _s(image)
        if "://" not in image:
            image = url(image)
        out.append(f'<media:thumbnail xmlns:media="{MEDIA_NS}" url="{xml_escape(image)}" />')
        out.append(
            f'<media:content medium="image" url="{xml_escape(image)}" xmlns:media="{MEDIA_NS}" />'
        )
    out.append("</entry>")
    return "".join(out)


def _entry_author(
    drop: Mapping[str, Any], channel: Channel, authors: Mapping[str, Any] | None
) -> Any:
    """``post.author | default: post.authors[0] | default: site.author``, then looked up
    in ``site.data.authors``."""
    author = drop.get("author")
    if not _truthy(author):
        listed = drop.get("authors")
        author = listed[0] if isinstance(listed, list) and listed else None
    if not _truthy(author):
        author = channel.author
    if isinstance(author, str) and authors is not None:
        known = authors.get(author)
        if _truthy(known):
            author = known
    return author


def _author(author: Any) -> str:
    """``<author>`` with ``name`` (a mapping's, else the value), ``email`` and ``uri``."""
    if isinstance(author, Mapping):
        name = author.get("name")
        email, uri = author.get("email"), author.get("uri")
        # jekyll-feed prints a mapping without `name` as Ruby's Hash#to_s: left empty.
        name = name if _truthy(name) else ""
    else:
        name, email, uri = (author if _truthy(author) else ""), None, None
    out = [f"<author><name>{xml_escape(_s(name))}</name>"]
    if _truthy(email):
        out.append(f"<email>{xml_escape(_s(email))}</email>")
    if _truthy(uri):
        out.append(f"<uri>{xml_escape(_s(uri))}</uri>")
    out.append("</author>")
    return "".join(out)


# -- helpers -------------------------------------------------------------------------------


def _sort_time(value: object, zone: dt.tzinfo | None) -> dt.datetime:
    """A date's instant for ``sort: "date"``; an unreadable one sorts first."""
    try:
        return to_time(value, zone)
    except InvalidDate:
        return dt.datetime.min.replace(tzinfo=dt.UTC)


def _cdata(text: str) -> str:
    """A CDATA section; a ``]]>`` inside is split over two (jekyll-feed writes it as it is,
    which ends the section early and breaks the feed)."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _attr(text: str) -> str:
    """A value jekyll-feed prints unescaped in an attribute: kept as is unless it would
    break the XML (``&``, ``<``, ``"``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def _capitalize(text: str) -> str:
    """Liquid's ``capitalize``: the first character upper case, the rest lower."""
    return text[:1].upper() + text[1:].lower()


def _truthy(value: object) -> bool:
    """Liquid's ``default`` test: nil, false and empty strings, lists and hashes are unset."""
    if value is None or value is False:
        return False
    if isinstance(value, str | list | tuple | Mapping):
        return len(value) > 0
    return True


def _s(value: object) -> str:
    """Liquid's output of a value (nil is empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _slash(path: str) -> str:
    """A feed path from the site root (``feed.xml`` and ``/feed.xml`` are the same)."""
    return "/" + path.lstrip("/")


def _text(block: Mapping[str, Any], key: str, where: str = "") -> str | None:
    value = block.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip("/ "):
        raise _config_error(f"{where}.{key}", "a path such as 'feed.xml'", value)
    return value


def _words(block: Mapping[str, Any], key: str, where: str = "") -> tuple[str, ...]:
    value = block.get(key)
    if value is None:
        return ()
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise _config_error(f"{where}.{key}", "a list of names", value)


def _config_error(key: str, expected: str, value: object) -> ContentError:
    return ContentError(CONFIG_SOURCE, f"{_KEY}{key}: Expected {expected}, received '{value}'.")
