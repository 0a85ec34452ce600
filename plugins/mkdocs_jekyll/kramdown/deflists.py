"""Definition lists whose first paragraph stays bare, as kramdown writes them.

kramdown 2.4 (``parser/kramdown/list.rb``, definition lists) writes a definition's first
paragraph without ``<p>`` unless a blank line separates it from its term, also when more
paragraphs follow (``<dd>First.\\n<p>Second.</p></dd>``). Python-Markdown's ``def_list``
moves that first text into a ``<p>`` as soon as an indented paragraph continues the
definition; this processor continues it without moving the text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markdown.extensions import Extension
from markdown.extensions.def_list import DefListIndentProcessor

if TYPE_CHECKING:
    import xml.etree.ElementTree as etree

    from markdown import Markdown

# def_list's own "defindent" priority: this processor takes its place.
_PRIORITY = 85


class KramdownDefListIndentProcessor(DefListIndentProcessor):
    """Continue a definition and leave its first paragraph bare."""

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        """Hold a tight definition's text while Python-Markdown adds the continuation."""
        _level, sibling = self.get_level(parent, blocks[0])
        held: tuple[etree.Element, str] | None = None
        if len(sibling) and sibling[-1].tag == "dd" and sibling[-1].text:
            item = sibling[-1]
            held = (item, item.text or "")
            item.text = ""
        super().run(parent, blocks)
        if held is not None:
            item, text = held
            item.text = text + (item.text or "")


class DefListsExtension(Extension):
    """kramdown's definition lists (load after ``def_list``)."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Replace ``def_list``'s indent processor."""
        md.parser.blockprocessors.register(
            KramdownDefListIndentProcessor(md.parser), "defindent", _PRIORITY
        )
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> DefListsExtension:
    """Python-Markdown's entry point."""
    return DefListsExtension(**kwargs)
