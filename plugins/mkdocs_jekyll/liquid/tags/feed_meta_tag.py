"""jekyll-feed's ``feed_meta`` tag: the ``<link>`` to the site's Atom feed.

Mirrors ``lib/jekyll-feed/meta-tag.rb`` (jekyll-feed 0.17): ``feed.path`` (default
``feed.xml``) through ``absolute_url``, titled with ``site.title`` (else ``site.name``).
A page of a locale links its locale's feed (``/es-419/feed.xml``), as the plugin writes
one per locale. With ``feed_enabled: false`` no feed is written, and the tag prints
nothing rather than a link to a missing file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO, cast

from liquid.ast import Node
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION

from mkdocs_jekyll.jekyll.urls import compute_absolute_url

if TYPE_CHECKING:
    from liquid import RenderContext
    from liquid.stream import TokenStream
    from liquid.token import Token

    from mkdocs_jekyll.liquid.environment import JekyllEnvironment


class FeedMetaNode(Node):
    """``{% feed_meta %}``."""

    def __init__(self, token: Token) -> None:
        super().__init__(token)
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Write jekyll-feed's ``<link type="application/atom+xml" ... />``."""
        settings = cast("JekyllEnvironment", context.env).settings
        if not settings.feed_enabled:
            return 0
        site = _mapping(context.resolve("site", default=None))
        page = _mapping(context.resolve("page", default=None))
        feed = _mapping(site.get("feed"))
        given = feed.get("path")
        path = given if isinstance(given, str) else "feed.xml"
        locale = page.get("locale")
        url = (f"/{locale}" if isinstance(locale, str) and locale else "") + "/" + path.lstrip("/")
        title = site.get("title") or site.get("name")
        href = compute_absolute_url(url, settings.site_url, settings.baseurl)
        return buffer.write(feed_meta(href, str(title) if title else None))


def feed_meta(href: str, title: str | None) -> str:
    """jekyll-feed's ``{% feed_meta %}`` markup (``meta-tag.rb``) for a feed URL.

    Args:
        href: The feed's absolute URL.
        title: The site title (``title``, else ``name``); no attribute when None.
    """
    attrs = f'type="application/atom+xml" rel="alternate" href="{xml_attr(href)}"'
    if title:
        attrs += f' title="{xml_attr(title)}"'
    return f"<link {attrs} />"


def xml_attr(text: str) -> str:
    """Ruby's ``encode(xml: :attr)`` without its quotes: ``& < > "`` as entities."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _mapping(value: object) -> Mapping[str, object]:
    return value if isinstance(value, Mapping) else {}


class FeedMetaTag(Tag):
    """Parse ``{% feed_meta %}`` (no arguments; any given are ignored, as in Jekyll)."""

    name = "feed_meta"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        """The tag takes nothing."""
        token = stream.current
        if stream.peek.kind == TOKEN_EXPRESSION:
            next(stream)
        return FeedMetaNode(token)
