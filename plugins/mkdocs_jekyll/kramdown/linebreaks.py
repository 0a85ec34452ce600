"""Line breaks as kramdown's GFM parser makes them (``hard_wrap``).

kramdown's ``line_break`` span parser (``LINE_BREAK = /(  |\\\\)(?=\\n)/``) breaks a line
ending in two spaces, as Python-Markdown does, or in a backslash, which Python-Markdown
leaves as text. With ``hard_wrap: true`` the GFM parser drops that span parser and makes
every line break of a paragraph a ``<br />`` (``Parser::GFM#update_text_type``), keeping
the trailing spaces and the backslash as text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

if TYPE_CHECKING:
    from markdown import Markdown

# Above Python-Markdown's `escape` (180), which would keep the backslash.
_BACKSLASH_PRIORITY = 185
# Python-Markdown's `linebreak` (two spaces) priority; hard_wrap takes its place.
_LINEBREAK_PRIORITY = 10


class _BreakProcessor(InlineProcessor):
    """Replace the match with ``<br />`` (Python-Markdown puts the newline back after it)."""

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        """A ``<br />`` in place of the match."""
        return etree.Element("br"), m.start(0), m.end(0)


class BackslashBreakProcessor(_BreakProcessor):
    """A line ending in a backslash (a class of its own: ``triggers.py`` skips it on pages
    without a backslash)."""


class KramdownLineBreaksExtension(Extension):
    """Backslash line breaks, and ``hard_wrap``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"hard_wrap": [False, "kramdown's hard_wrap"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the break patterns for the configured mode."""
        if self.getConfig("hard_wrap"):
            if "linebreak" in md.inlinePatterns:
                md.inlinePatterns.deregister("linebreak")
            md.inlinePatterns.register(
                _BreakProcessor(r"\n", md), "kramdown_hard_wrap", _LINEBREAK_PRIORITY
            )
        else:
            md.inlinePatterns.register(
                BackslashBreakProcessor(r"\\\n", md),
                "kramdown_backslash_break",
                _BACKSLASH_PRIORITY,
            )
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> KramdownLineBreaksExtension:
    """Python-Markdown's entry point for ``mkdocs_jekyll.kramdown.linebreaks``."""
    return KramdownLineBreaksExtension(**kwargs)
