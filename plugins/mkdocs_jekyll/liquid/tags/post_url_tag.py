"""Jekyll's ``post_url`` tag: the URL of a post named by its file name.

Mirrors ``lib/jekyll/tags/post_url.rb`` (Jekyll 4.3): the name (``2024-01-02-hello``,
optionally ``sub/2024-01-02-hello``) must look like a post name, must match a post, and the
URL goes through ``relative_url``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO, cast

from liquid.ast import Node
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, Token

from mkdocs_jekyll.liquid.filters.urls import compute_relative_url

if TYPE_CHECKING:
    from liquid import RenderContext
    from liquid.stream import TokenStream

    from mkdocs_jekyll.liquid.environment import JekyllEnvironment

# post_url.rb PostComparer::MATCHER.
MATCHER = re.compile(r"^(.+/)*(\d+-\d+-\d+)-(.*)$")


class PostUrlNode(Node):
    """``{% post_url 2024-01-02-hello %}``."""

    __slots__ = ("post",)

    def __init__(self, token: Token, post: str) -> None:
        super().__init__(token)
        self.post = post
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Write the post's URL, or fail naming the post."""
        settings = cast("JekyllEnvironment", context.env).settings
        url = settings.post_urls.get(self.post.removeprefix("/"))
        if url is None:
            reason = (
                "the site has no posts"
                if not settings.post_urls
                else "make sure the post exists and the name is correct"
            )
            raise LiquidError(
                f"could not find post '{self.post}' in tag 'post_url'; {reason}",
                token=self.token,
            )
        return buffer.write(compute_relative_url(url, settings.baseurl))


class PostUrlTag(Tag):
    """Parse ``{% post_url %}``, checking the name as ``PostComparer`` does."""

    name = "post_url"
    block = False

    def parse(self, stream: TokenStream) -> Node:
        """Read and check the post name."""
        token = stream.current
        if stream.peek.kind != TOKEN_EXPRESSION:
            raise LiquidSyntaxError(
                "missing post name in 'post_url' tag; expected {% post_url 2024-01-02-title %}",
                token=token,
            )
        next(stream)
        post = stream.current.value.strip()
        if not MATCHER.match(post.removeprefix("/")):
            raise LiquidSyntaxError(
                f"could not parse name of post '{post}' in tag 'post_url'; expected a name "
                "such as '2024-01-02-title' (date, then title)",
                token=token,
            )
        return PostUrlNode(token, post)
