"""Abbreviations as kramdown reads and writes them.

kramdown 2.4 (``parser/kramdown/abbreviation.rb``): a definition is one line,
``*[ABBR]: title`` (up to three spaces before it); an empty title still marks the word,
as ``<abbr>ABBR</abbr>`` without a ``title``. Every occurrence in the page's text (before
or after the definition, in headings, links, tables; never in code) is marked when no
word character (ASCII, as Ruby's ``\\w``) touches it, so ``S.A.`` and ``HTML`` match and
``HTMLs`` does not. Python-Markdown's ``abbr`` reads the line after an empty definition as
its title and needs word boundaries on both sides (and before 3.7 was an inline pattern),
so this extension has its own definition reader and tree walk.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

if TYPE_CHECKING:
    from markdown import Markdown
    from markdown.blockparser import BlockParser

# Python-Markdown's abbr priorities: definitions before paragraphs, marking after
# attr_list (8).
_BLOCK_PRIORITY = 16
_TREE_PRIORITY = 7
# kramdown's ABBREV_DEFINITION_START.
_DEFINITION = re.compile(r"^ {0,3}[*]\[(?P<abbr>.+?)\]:(?P<title>.*)$", re.MULTILINE)


class AbbrDefinitionProcessor(BlockProcessor):
    """Remove ``*[ABBR]: title`` lines from a block and record them."""

    # The block loop skips `test` for a block holding none of these (block_triggers.py).
    TEST_TRIGGERS = ("*[",)  # test: `_DEFINITION.search(block)`, which needs `*[`

    def __init__(self, parser: BlockParser, abbrs: dict[str, str]) -> None:
        super().__init__(parser)
        self.abbrs = abbrs

    def test(self, parent: etree.Element, block: str) -> bool:
        """Whether the block holds a definition line."""
        return bool(_DEFINITION.search(block))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        """Record the first definition (an empty title included); keep the rest."""
        block = blocks.pop(0)
        match = _DEFINITION.search(block)
        if match is None:
            blocks.insert(0, block)
            return False
        self.abbrs[match.group("abbr")] = match.group("title").strip()
        if block[match.end() :].strip():
            blocks.insert(0, block[match.end() :].lstrip("\n"))
        if block[: match.start()].strip():
            blocks.insert(0, block[: match.start()].rstrip("\n"))
        return True


class AbbrMarkProcessor(Treeprocessor):
    """Wrap each abbreviation that no ASCII word character touches in ``<abbr>``."""

    def __init__(self, md: Markdown, abbrs: dict[str, str]) -> None:
        super().__init__(md)
        self.abbrs = abbrs
        self.pattern: re.Pattern[str] | None = None

    def run(self, root: etree.Element) -> None:
        """Longest abbreviations first, as kramdown's union of them."""
        if not self.abbrs:
            return
        names = sorted(self.abbrs, key=len, reverse=True)
        union = "|".join(re.escape(name) for name in names)
        self.pattern = re.compile(f"(?<![A-Za-z0-9_])(?:{union})(?![A-Za-z0-9_])")
        self._walk(root, None)

    def _element(self, text: str, tail: str) -> etree.Element:
        abbr = etree.Element("abbr")
        if self.abbrs[text]:
            abbr.set("title", self.abbrs[text])
        abbr.text = AtomicString(text)
        abbr.tail = tail
        return abbr

    def _walk(self, element: etree.Element, parent: etree.Element | None) -> None:
        assert self.pattern is not None
        for child in reversed(element):
            self._walk(child, element)
        text = element.text
        if text and not isinstance(text, AtomicString):
            for match in reversed(list(self.pattern.finditer(text))):
                element.insert(0, self._element(match.group(), text[match.end() :]))
                text = text[: match.start()]
            element.text = text
        tail = element.tail
        if parent is not None and tail and not isinstance(tail, AtomicString):
            index = list(parent).index(element) + 1
            for match in reversed(list(self.pattern.finditer(tail))):
                parent.insert(index, self._element(match.group(), tail[match.end() :]))
                tail = tail[: match.start()]
            element.tail = tail


class AbbreviationsExtension(Extension):
    """kramdown's abbreviations (in place of Python-Markdown's ``abbr``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.abbrs: dict[str, str] = {}

    def reset(self) -> None:
        """Each page defines its own abbreviations."""
        self.abbrs.clear()

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the definition reader and the marking walk."""
        md.parser.blockprocessors.register(
            AbbrDefinitionProcessor(md.parser, self.abbrs), "abbr", _BLOCK_PRIORITY
        )
        md.treeprocessors.register(AbbrMarkProcessor(md, self.abbrs), "abbr", _TREE_PRIORITY)
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> AbbreviationsExtension:
    """Python-Markdown's entry point."""
    return AbbreviationsExtension(**kwargs)
