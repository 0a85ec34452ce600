"""Lists as kramdown reads them (``Kramdown::Parser::Kramdown#parse_list``, kramdown 2.4).

Python-Markdown nests a list only under four spaces and makes a whole list loose when any
item is. kramdown measures each item's content column from its marker (``- `` is two
columns, ``10. `` four), so ``  - nested`` under ``- item`` nests; every bullet (``*``,
``+``, ``-``) continues the same list, blank lines included; and each item decides alone
whether its first paragraph is wrapped in ``<p>``: it is when a blank line follows that
paragraph inside the item (the last item also looks at the items before it). A list may
also start right after a paragraph line, as in GFM (``**Impact:**`` then ``- item``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from mdx_breakless_lists.mdx_breakless_lists import BreaklessListsProcessor

from mkdocs_jekyll.kramdown.ial import parse_ial

if TYPE_CHECKING:
    from markdown import Markdown
    from markdown.blockparser import BlockParser

# Fenced code is stashed by superfences' preprocessor at priority 25 (Python-Markdown's own
# fenced_code also uses 25); running after it keeps "- x" lines inside code blocks untouched.
_PRIORITY = 24
# Above Python-Markdown's own list processors (olist 40, ulist 30), below the horizontal
# rule (50: `* * *` is a rule, as in kramdown) and the TOC marker (45).
_LIST_PRIORITY = 44
# Before the paragraph (10) and everything that could read a `^` line as text.
_EOB_PRIORITY = 85

# kramdown's LIST_START_UL / LIST_START_OL (PATTERN_TAIL: a space, tab or pipe follows).
_START_UL = re.compile(r"^( {0,3}[+*-])([\t| ].*)$")
_START_OL = re.compile(r"^( {0,3}\d+\.)([\t| ].*)$")
_START = re.compile(r"^ {0,3}(?:[+*-]|\d+\.)[\t| ]")
_HR = re.compile(r"^ {0,3}([*\-_])[ \t]*\1[ \t]*\1(?:\1|[ \t])*$")
_EOB = re.compile(r"^\^\s*$")
_BLANK = re.compile(r"^\s*$")
# LIST_ITEM_IAL: `{: .class}` at the start of an item's first line.
_ITEM_IAL = re.compile(r"^\s*\{:(?![\w-]*:|/)([^}]+)\}\s*")
_ITEM_IAL_ONLY = re.compile(r"^(?:\s*\{:(?![\w-]*:|/)[^}]+\})?\s*$")
# A lazy line may not start an IAL or a block HTML tag (kramdown's lazy_re).
_SPAN_TAGS = (
    "a|abbr|acronym|b|bdo|big|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd|label|"
    "map|object|q|rb|rbc|rp|rt|rtc|ruby|samp|select|small|span|strong|sub|sup|textarea|tt|var"
)
_LAZY_STOP = r"(?:\{:|</?(?!(?:" + _SPAN_TAGS + r")\b)[A-Za-z])"
_SPACES_TAB = re.compile(r"^ *\t")
_LEADING_TABS = re.compile(r"^\t+")
_BLANK_LINE_START = re.compile(r"[ \t]*\n")


@dataclass
class _Item:
    chunks: list[str]
    indentation: int
    attrs: dict[str, str] = field(default_factory=dict)


def _first_line(marker_width: int, content: str) -> tuple[str, int]:
    """``parse_first_list_line``: the item's text and its content column."""
    if _ITEM_IAL_ONLY.match(content):
        indentation = 4
    else:
        while "\t" in content and _SPACES_TAB.match(content):
            spaces = len(content) - len(content.lstrip(" "))
            column = spaces + marker_width
            tabs = len(content[spaces:]) - len(content[spaces:].lstrip("\t"))
            width = 4 - (column % 4) + (tabs - 1) * 4
            content = content[:spaces] + " " * width + content[spaces + tabs :]
        indentation = marker_width + len(content) - len(content.lstrip(" "))
    return content.lstrip(), indentation


@cache
def _indent_re(indentation: int) -> re.Pattern[str]:
    return re.compile(rf"^ {{{indentation}}}")


@cache
def _content_re(indentation: int) -> re.Pattern[str]:
    quarter, rest = divmod(indentation, 4)
    return re.compile(
        rf"^(?:(?:\t| {{4}}){{{quarter}}} {{{rest}}}|(?:\t| {{4}}){{{quarter + 1}}}).*\S"
    )


@cache
def _lazy_re(indentation: int) -> re.Pattern[str]:
    return re.compile(rf"^(?! {{0,{min(indentation, 3)}}}{_LAZY_STOP}).*\S")


@cache
def _next_start(ordered: bool, indentation: int) -> re.Pattern[str]:
    """``fetch_pattern``: a sibling's marker may be indented less than the content column."""
    spaces = min(max(indentation - 1, 0), 3)
    marker = r"\d+\." if ordered else r"[+*-]"
    return re.compile(rf"^( {{0,{spaces}}}{marker})([\t| ].*)$")


class _Lines:
    """The lines of the parser's remaining blocks, fetched block by block as needed."""

    def __init__(self, blocks: list[str]) -> None:
        self.blocks = blocks
        self.lines = blocks[0].split("\n")
        self.used = 1

    def get(self, index: int) -> str | None:
        while index >= len(self.lines) and self.used < len(self.blocks):
            self.lines.extend(["", *self.blocks[self.used].split("\n")])
            self.used += 1
        return self.lines[index] if index < len(self.lines) else None

    def rest(self, index: int) -> list[str]:
        """The blocks left once lines before ``index`` are consumed."""
        remainder = "\n".join(self.lines[index:])
        head = remainder.split("\n\n") if remainder.strip() else []
        return head + self.blocks[self.used :]


class KramdownListProcessor(BlockProcessor):
    """Read a list with kramdown's line rules and build its items."""

    def test(self, parent: etree.Element, block: str) -> bool:
        """A block that starts with a list marker (and is not a rule)."""
        return bool(_START.match(block)) and not _HR.match(block.split("\n", 1)[0])

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        """Consume the list's lines from the blocks and build it."""
        source = _Lines(blocks)
        first = source.get(0) or ""
        ordered = not _START_UL.match(first)
        start = _START_OL if ordered else _START_UL
        items, index, eob = self._scan(source, start, ordered)
        blocks[:] = source.rest(index)
        tag = "ol" if ordered else "ul"
        lst = etree.SubElement(parent, tag)
        # Per item: its first child is not a paragraph, or is an unwrapped one.
        unwrapped: list[bool] = []
        for position, item in enumerate(items):
            li = etree.SubElement(lst, "li", item.attrs)
            last = position == len(items) - 1
            first_p, blank_after, only_blank = self._build(li, item)
            tight = first_p and (not blank_after or (last and only_blank and not eob))
            if tight and (not last or len(items) == 1 or any(unwrapped)):
                _unwrap_first(li)
                unwrapped.append(True)
            else:
                unwrapped.append(not first_p)

    def _scan(
        self, source: _Lines, start: re.Pattern[str], ordered: bool
    ) -> tuple[list[_Item], int, bool]:
        """The items and the index of the first line after the list (kramdown's loop)."""
        items: list[_Item] = []
        index = 0
        content_re = lazy_re = indent_re = None
        nested = last_blank = eob = False
        while (line := source.get(index)) is not None:
            match = start.match(line)
            if last_blank and _HR.match(line):
                break
            if line[:1] == "^" and _EOB.match(line):  # `_EOB` needs a leading `^`
                eob = True
                index += 1
                break
            if match:
                text, indentation = _first_line(len(match.group(1)), match.group(2))
                item = _Item([], indentation)
                ial = _ITEM_IAL.match(text) if "{:" in text else None
                if ial:
                    item.attrs = parse_ial(ial.group(1)).attrs
                    text = text[ial.end() :]
                item.chunks.append(text + "\n")
                items.append(item)
                start = _next_start(ordered, indentation)
                content_re, lazy_re = _content_re(indentation), _lazy_re(indentation)
                indent_re = _indent_re(indentation)
                nested = bool(_START.match(text))
                last_blank = False
                index += 1
            elif (
                content_re is not None
                and lazy_re is not None
                and indent_re is not None
                and (content_re.match(line) or (not last_blank and lazy_re.match(line)))
            ):
                if line[:1] == "\t":
                    line = _LEADING_TABS.sub(lambda m: " " * 4 * len(m.group(0)), line)
                found = indent_re.match(line)
                if found:
                    line = line[found.end() :]
                item = items[-1]
                if not nested and found and _START.match(line):
                    item.chunks.append("")
                    nested = True
                elif nested and not found and _START.match(line):
                    line = " " * (item.indentation + 4) + line
                item.chunks[-1] += line + "\n"
                last_blank = False
                index += 1
            elif _BLANK.match(line) and items:
                while (blank := source.get(index)) is not None and _BLANK.match(blank):
                    items[-1].chunks[-1] += "\n"
                    index += 1
                nested = last_blank = True
            else:
                break
        return items, index, eob

    def _build(self, li: etree.Element, item: _Item) -> tuple[bool, bool, bool]:
        """Parse the item's text into ``li``.

        Returns:
            Whether its first child is a paragraph, whether a blank line follows that
            paragraph, and whether only blank lines follow it.
        """
        head = item.chunks[0]
        lines = head.split("\n")
        cut = 0
        while cut < len(lines) and not _BLANK.match(lines[cut]):
            if cut and _START.match(lines[cut]):
                break
            cut += 1
        first_block = "\n".join(lines[:cut])
        rest = "\n".join(lines[cut:])
        before = len(li)
        if first_block.strip():
            self.parser.parseBlocks(li, [first_block])
        alone = len(li) - before == 1
        first_p = len(li) > 0 and li[0].tag == "p" and not (li.text or "").strip()
        tail = rest + "".join(item.chunks[1:])
        only_blank = alone and not tail.strip()
        blank_after = alone and _starts_with_blank(rest)
        if tail.strip():
            self.parser.parseChunk(li, _breakless(rest))
            for chunk in item.chunks[1:]:
                self.parser.parseChunk(li, _breakless(chunk))
        return first_p, blank_after, only_blank


class EndOfBlockProcessor(BlockProcessor):
    """kramdown's end-of-block marker: a line holding only ``^`` ends the block and is dropped.

    Within a list the list reader handles it (a new list starts after it); elsewhere it
    separates two blocks that would otherwise join and writes nothing.
    """

    # The block loop skips `test` for a block holding none of these (block_triggers.py).
    TEST_TRIGGERS = ("^",)  # test: `_EOB.match(first line)`, which needs `^`

    def test(self, parent: etree.Element, block: str) -> bool:
        """The block starts with a ``^`` line."""
        return bool(_EOB.match(block.split("\n", 1)[0]))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        """Drop the marker line and keep the rest of the block."""
        rest = blocks.pop(0).split("\n", 1)
        if len(rest) > 1 and rest[1].strip():
            blocks.insert(0, rest[1])


def _starts_with_blank(text: str) -> bool:
    """A blank line right after the first block (its separator counts once)."""
    return text.startswith("\n") or bool(_BLANK_LINE_START.match(text))


def _breakless(text: str) -> str:
    """End a paragraph at a list line, as GFM does: a blank line before it."""
    out: list[str] = []
    previous_li = False
    for line in text.split("\n"):
        if _START.match(line):
            if not previous_li and out and out[-1].strip():
                out.append("")
            previous_li = True
        elif not line.strip():
            previous_li = False
        out.append(line)
    return "\n".join(out)


def _unwrap_first(li: etree.Element) -> None:
    """Drop the ``<p>`` around the item's first paragraph (kramdown's transparent p)."""
    paragraph = li[0]
    li.remove(paragraph)
    li.text = paragraph.text
    children = list(paragraph)
    for offset, child in enumerate(children):
        li.insert(offset, child)
    if paragraph.tail and paragraph.tail.strip():
        if children:
            children[-1].tail = (children[-1].tail or "") + paragraph.tail
        else:
            li.text = (li.text or "") + paragraph.tail


class KramdownListsExtension(Extension):
    """kramdown's lists: item columns from the marker, per-item paragraphs, breakless starts."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the list preprocessor after the fenced-code stash, and the list reader."""
        parser: BlockParser = md.parser
        md.preprocessors.register(BreaklessListsProcessor(parser), "kramdown_lists", _PRIORITY)
        parser.blockprocessors.register(
            KramdownListProcessor(parser), "kramdown_list", _LIST_PRIORITY
        )
        parser.blockprocessors.register(EndOfBlockProcessor(parser), "kramdown_eob", _EOB_PRIORITY)
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> KramdownListsExtension:
    """Python-Markdown's entry point: ``markdown_extensions: [mkdocs_jekyll.markdown_compat]``."""
    return KramdownListsExtension(**kwargs)
