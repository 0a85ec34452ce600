"""Tables as kramdown builds them (``Kramdown::Parser::Kramdown#parse_table``, kramdown 2.4).

Python-Markdown's ``tables`` needs a header and knows one body. kramdown reads any block
whose lines all hold a pipe as a table: rows before the first separator line (``|---|``)
are the header (``<thead>``, its ``:`` marks giving each column's alignment), a later
separator line starts a new ``<tbody>``, and after a footer line (``|===|``) the remaining
rows are the ``<tfoot>``. A table without a body row is no table; rows are padded to the
widest with empty cells, and an empty cell holds a no-break space.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import cache
from typing import TYPE_CHECKING, Any

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

from mkdocs_jekyll.kramdown.ial import BLOCK_IAL, parse_ial

if TYPE_CHECKING:
    from markdown import Markdown
    from markdown.blockparser import BlockParser

# kramdown's TABLE_SEP_LINE, TABLE_FSEP_LINE, TABLE_HSEP_ALIGN and TABLE_START.
_SEPARATOR = re.compile(r"^[+|: \t-]*?-[+|: \t-]*?[ \t]*$")
_FOOTER = re.compile(r"^[+|: \t=]*?=[+|: \t=]*?[ \t]*$")
_ALIGN = re.compile(r"[ \t]?(:?)-+(:?)[ \t]?")
_PIPE = re.compile(r"(?:\||.*?[^\\\n]\|)")
_START = re.compile(r"^ {0,3}(?=\S)")
_NBSP = "\u00a0"
# Python-Markdown's priority for `tables`: the same place in the block parser.
_PRIORITY = 75


def split_cells(line: str) -> list[str]:
    """The cells of a row: split at unescaped pipes outside code spans, ``\\|`` unescaped."""
    if "`" not in line and "\\" not in line:
        return line.split("|")  # No code span, no escape: every pipe splits.
    cells = [""]
    index = 0
    while index < len(line):
        char = line[index]
        if char == "`":
            run = len(line[index:]) - len(line[index:].lstrip("`"))
            ticks = line[index : index + run]
            end = _closing(run).search(line, index + run)
            if end is not None:
                cells[-1] += line[index : end.end()]
                index = end.end()
                continue
            cells[-1] += ticks
            index += run
        elif line.startswith("\\|", index):
            cells[-1] += "|"
            index += 2
        elif char == "|":
            cells.append("")
            index += 1
        else:
            cells[-1] += char
            index += 1
    return cells


@cache
def _closing(ticks: int) -> re.Pattern[str]:
    """A run of exactly ``ticks`` backticks: the end of a code span."""
    return re.compile(rf"(?<!`){'`' * ticks}(?!`)")


def _has_pipe(line: str) -> bool:
    """A table line holds an unescaped pipe outside code spans (kramdown's pipe checks)."""
    return len(split_cells(line)) > 1


class KramdownTableProcessor(BlockProcessor):
    """A block whose every line holds a pipe, built into kramdown's table markup."""

    # The block loop skips `test` for a block holding none of these (block_triggers.py).
    TEST_TRIGGERS = ("|",)  # test: `if "|" not in block: return False`

    def test(self, parent: etree.Element, block: str) -> bool:
        """Every line is a table line, the first one not indented as code.

        A block IAL on the line after the table (``{: .class}``) is the table's.
        """
        if "|" not in block:
            return False
        lines = _without_ial(block.split("\n"))[0]
        return (
            bool(lines)
            and bool(_START.match(lines[0]))
            and all(
                _PIPE.match(line) and (_is_separator(line) or _has_pipe(line)) for line in lines
            )
        )

    def run(self, parent: etree.Element, blocks: list[str]) -> bool | None:
        """Build the table, or leave the block to the next processor if it has no body."""
        lines, attrs = _without_ial(blocks[0].split("\n"))
        sections = _sections(lines)
        if sections is None:
            return False
        blocks.pop(0)
        parts, alignment = sections
        columns = max(len(row) for _kind, rows in parts for row in rows)
        alignment = (alignment + [""] * columns)[:columns]
        table = etree.SubElement(parent, "table", attrs)
        for kind, rows in parts:
            section = etree.SubElement(table, kind)
            for cells in rows:
                tr = etree.SubElement(section, "tr")
                for column in range(columns):
                    cell = etree.SubElement(tr, "th" if kind == "thead" else "td")
                    if alignment[column]:
                        cell.set("style", f"text-align: {alignment[column]}")
                    text = cells[column].strip() if column < len(cells) else ""
                    cell.text = text or _NBSP
        return None


def _without_ial(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """The table's lines, and the attributes of a block IAL on its last line."""
    found = BLOCK_IAL.match(lines[-1]) if len(lines) > 1 else None
    if found is None:
        return lines, {}
    return lines[:-1], parse_ial(found.group(1)).attrs


def _is_separator(line: str) -> bool:
    return bool(_SEPARATOR.match(line) or _FOOTER.match(line))


def _sections(lines: list[str]) -> tuple[list[tuple[str, list[list[str]]]], list[str]] | None:
    """The table's sections in order and its column alignments, or ``None`` for no table."""
    leading_pipe = lines[0].lstrip().startswith("|")
    parts: list[tuple[str, list[list[str]]]] = []
    rows: list[list[str]] = []
    alignment: list[str] = []
    aligned = False
    footer = False

    def close(kind: str, force: bool = False) -> None:
        nonlocal rows
        if not footer or kind != "tbody" or force:
            parts.append((kind, rows))
            rows = []

    for line in lines:
        if _SEPARATOR.match(line):
            if not rows:
                continue
            if not aligned and not footer:
                close("thead")
                alignment = [_alignment(left, right) for left, right in _ALIGN.findall(line)]
                aligned = True
            else:
                close("tbody")
        elif _FOOTER.match(line):
            if rows:
                close("tbody", force=True)
            footer = True
        else:
            cells = split_cells(line.rstrip())
            if leading_pipe and cells and not cells[0].strip():
                cells.pop(0)
            if cells and not cells[-1].strip():
                cells.pop()
            rows.append(cells)
    if rows:
        close("tfoot" if footer else "tbody")
    if not any(kind == "tbody" for kind, _rows in parts):
        return None
    return [(kind, found) for kind, found in parts if found], alignment


def _alignment(left: str, right: str) -> str:
    if left and right:
        return "center"
    if left:
        return "left"
    return "right" if right else ""


class KramdownTablesExtension(Extension):
    """Register kramdown's tables in place of Python-Markdown's ``tables``."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the table processor where ``tables`` would be."""
        if "|" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("|")
        parser: BlockParser = md.parser
        parser.blockprocessors.register(KramdownTableProcessor(parser), "table", _PRIORITY)
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> KramdownTablesExtension:
    """Python-Markdown's entry point for ``mkdocs_jekyll.kramdown.tables``."""
    return KramdownTablesExtension(**kwargs)
