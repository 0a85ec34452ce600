r"""Backslash escapes as kramdown reads them.

kramdown's ``ESCAPED_CHARS`` (``parser/kramdown/escaped_chars.rb``) escapes
``\ . * _ + ` < > ( ) [ ] { } # ! : | " ' $ = -``, and kramdown-parser-gfm's
``ESCAPED_CHARS_GFM`` (``parser/gfm.rb``) adds ``~``. Python-Markdown's own list lacks
``< : | " ' $ = ~``, so ``\"`` kept its backslash and ``\~~`` still struck text through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markdown.extensions import Extension

if TYPE_CHECKING:
    from markdown import Markdown

# escaped_chars.rb ESCAPED_CHARS, character by character; GFM adds "~".
KRAMDOWN_ESCAPED_CHARS = tuple("\\.*_+`<>()[]{}#!:|\"'$=-")
GFM_ESCAPED_CHARS = (*KRAMDOWN_ESCAPED_CHARS, "~")


class EscapesExtension(Extension):
    """Add kramdown's escapable characters to Python-Markdown's."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"gfm": [True, "GFM input (escapes ~ too)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Extend ``md.ESCAPED_CHARS`` (read by the escape pattern at conversion time)."""
        chars = GFM_ESCAPED_CHARS if self.getConfig("gfm") else KRAMDOWN_ESCAPED_CHARS
        md.ESCAPED_CHARS = [*md.ESCAPED_CHARS, *(c for c in chars if c not in md.ESCAPED_CHARS)]
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> EscapesExtension:
    """Python-Markdown's entry point."""
    return EscapesExtension(**kwargs)
