"""Jekyll's ``post_url`` tag: the URL of a post named by its file name.

Mirrors ``lib/jekyll/tags/post_url.rb`` (Jekyll 4.3): the name (``2024-01-02-hello``,
optionally ``sub/2024-01-02-hello``) must look like a post name, must match a post, and the
URL goes through ``relative_url``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, TextIO, cast

from liquid.ast import Node
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, Token

from mkdocs_jekyll.jekyll.urls import compute_relative_url

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
            raise LiquidError(_not_found(self.post, settings.post_urls), token=self.token)
        return buffer.write(compute_relative_url(url, settings.baseurl))


def _not_found(post: str, post_urls: Mapping[str, str]) -> str:
    """Why ``post`` names no post, and how to name it.

    post_url.rb falls back to any post of that date and title when no name matches exactly,
    with a deprecation warning, and takes the first by path. With locale folders a bare name
    often fits a post of each locale, and the first is then another locale's post, so a bare
    name shared by several folders is refused with their names instead.
    """
    name = post.removeprefix("/")
    candidates = sorted(key for key in post_urls if key.endswith(f"/{name}"))
    if "/" not in name and len(candidates) > 1:
        listed = ", ".join(f"'{candidate}'" for candidate in candidates)
        return (
            f"post '{post}' in tag 'post_url' matches posts in several folders ({listed}); "
            f"name the folder, as in {{% post_url {candidates[0]} %}}"
        )
    reason = (
        "the site has no posts"
        if not post_urls
        else "make sure the post exists and the name is correct"
    )
    return f"could not find post '{post}' in tag 'post_url'; {reason}"


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
