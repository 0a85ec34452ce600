"""Jekyll's ``link`` tag: the URL of a source file, checked at build time.

Mirrors ``lib/jekyll/tags/link.rb`` (Jekyll 4.3): the path may contain ``{{ }}``, is
compared with each document's path relative to the source (here ``docs_dir``), and the
URL goes through ``relative_url``. An unknown path fails the build.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, TextIO, cast

from liquid.ast import Node
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, Token

from mkdocs_jekyll.jekyll.urls import compute_relative_url
from mkdocs_jekyll.liquid.tags.include_tag import Markup

if TYPE_CHECKING:
    from liquid import RenderContext
    from liquid.stream import TokenStream

    from mkdocs_jekyll.liquid.environment import JekyllEnvironment


class LinkNode(Node):
    """``{% link path/to/file.md %}``."""

    __slots__ = ("path",)

    def __init__(self, token: Token, path: Markup) -> None:
        super().__init__(token)
        self.path = path
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Look the path up among the site's files and write its relative URL."""
        settings = cast("JekyllEnvironment", context.env).settings
        relative_path = self.path.render(context).strip()
        # link.rb also accepts the path with a leading slash (static files).
        url = settings.link_targets.get(relative_path)
        if url is None:
            url = settings.link_targets.get(relative_path.lstrip("/"))
        if url is None:
            message = (
                f"could not find document '{relative_path}' in tag 'link'; "
                "make sure the document exists and the path is correct"
            )
            close = difflib.get_close_matches(relative_path, list(settings.link_targets), n=1)
            if close:
                message += f"; did you mean '{close[0]}'?"
            raise LiquidError(message, token=self.token)
        return buffer.write(compute_relative_url(url, settings.baseurl))


class LinkTag(Tag):
    """Parse ``{% link %}``; the path is rendered when the page is."""

    name = "link"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        """Read the path, which may contain output statements."""
        token = stream.current
        if stream.peek.kind != TOKEN_EXPRESSION:
            raise LiquidSyntaxError(
                "missing path in 'link' tag; expected {% link path/to/file.md %}", token=token
            )
        next(stream)
        expression = stream.current
        return LinkNode(token, Markup(self.env, expression.value, 0, expression))
