"""kramdown's table of contents marker: a list followed by ``{:toc}``.

Follows ``Kramdown::Converter::Html`` (kramdown 2.4): the first list whose block IAL names
the ``toc`` reference (``* TOC`` or ``1. TOC`` then ``{:toc}``, ``{: .toc__menu toc}``...)
is replaced by the page's table of contents, a list of the same kind (``convert_ul``)
carrying the IAL's attributes and ``id="markdown-toc"`` unless it names its own. Each entry
links a heading that has an id, whose level is in ``toc_levels`` and whose classes do not
include ``no_toc`` (``in_toc?``), nested as ``generate_toc_tree`` nests them, with links
unwrapped and footnote marks removed from the copied heading text. Minimal Mistakes' ``toc``
include writes this marker.
"""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from mkdocs_jekyll.kramdown.extensions import document_options
from mkdocs_jekyll.kramdown.headings import HEADINGS
from mkdocs_jekyll.kramdown.ial import BLOCK_IAL, parse_ial

if TYPE_CHECKING:
    from markdown import Markdown
    from markdown.blockparser import BlockParser

MARKER = "kramdown-toc"
_LIST_START = re.compile(r"^ {0,3}(?:(?P<ul>[*+-])|\d+\.)[ \t]")
# Above Python-Markdown's list processors (olist 40, ulist 30), below indented code (80).
_BLOCK_PRIORITY = 45
# After the heading ids (6.5), before header_offset (5.5) and Python-Markdown's toc (5).
_TREE_PRIORITY = 6


class TocMarkerProcessor(BlockProcessor):
    """Put a marker element where the first ``{:toc}`` list is."""

    # The block loop skips `test` for a block holding none of these (block_triggers.py).
    TEST_TRIGGERS = ("{:",)  # test: a last line matching BLOCK_IAL, which needs `{:`

    def __init__(self, parser: BlockParser) -> None:
        super().__init__(parser)
        self.found = False

    def test(self, parent: etree.Element, block: str) -> bool:
        """A list block whose last line is an IAL naming ``toc``."""
        lines = block.split("\n")
        if len(lines) < 2 or not _LIST_START.match(lines[0]):
            return False
        ial = BLOCK_IAL.match(lines[-1])
        return ial is not None and "toc" in parse_ial(ial.group(1)).refs

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        """Replace the list with the marker, its IAL's attributes and list kind on it."""
        lines = blocks.pop(0).split("\n")
        ial = BLOCK_IAL.match(lines[-1])
        assert ial is not None
        if self.found:
            # Only the first marker is kramdown's TOC; a later one is a plain list.
            blocks.insert(0, "\n".join(lines[:-1]))
            return
        start = _LIST_START.match(lines[0])
        assert start is not None
        marker = etree.SubElement(parent, MARKER)
        marker.set("data-kind", "ul" if start["ul"] else "ol")
        for key, value in parse_ial(ial.group(1)).attrs.items():
            marker.set(key, value)
        self.found = True


@dataclass
class _Entry:
    level: int
    item: etree.Element
    sub: etree.Element


class TocTreeprocessor(Treeprocessor):
    """Build the table of contents in place of the marker."""

    def __init__(self, md: Markdown, levels: tuple[int, ...]) -> None:
        super().__init__(md)
        self.levels = levels

    def run(self, root: etree.Element) -> None:
        """Replace the marker (if any) with the table of contents, or with nothing."""
        marker = next(root.iter(MARKER), None)
        if marker is None:
            return
        parents = {child: parent for parent in root.iter() for child in parent}
        parent = parents[marker]
        index = list(parent).index(marker)
        parent.remove(marker)
        kind = marker.attrib.pop("data-kind")
        headings = [h for h in root.iter() if h.tag in HEADINGS and self._in_toc(h)]
        if headings:
            toc = self._tree(kind, dict(marker.attrib), headings)
            toc.tail = marker.tail
            parent.insert(index, toc)

    def _in_toc(self, heading: etree.Element) -> bool:
        return (
            "id" in heading.attrib
            # The page's {::options toc_levels=... /} win over the site's settings.
            and int(heading.tag[1]) in document_options(self.md).get("toc_levels", self.levels)
            and not re.search(r"\bno_toc\b", heading.get("class", ""))
        )

    def _tree(
        self, kind: str, attrs: dict[str, str], headings: list[etree.Element]
    ) -> etree.Element:
        """``generate_toc_tree``: nest each entry under the last one of a lower level."""
        sections = etree.Element(kind, attrs)
        sections.set("id", attrs.get("id", "markdown-toc"))
        stack: list[_Entry] = []
        for heading in headings:
            entry = self._entry(kind, sections.get("id", ""), heading)
            while True:
                if not stack:
                    sections.append(entry.item)
                    stack.append(entry)
                    break
                if stack[-1].level < entry.level:
                    stack[-1].sub.append(entry.item)
                    stack.append(entry)
                    break
                _close(stack.pop())
        while stack:
            _close(stack.pop())
        return sections

    def _entry(self, kind: str, toc_id: str, heading: etree.Element) -> _Entry:
        item = etree.Element("li")
        link = etree.SubElement(item, "a", {"href": f"#{heading.get('id')}"})
        link.set("id", f"{toc_id}-{heading.get('id')}")
        content = copy.deepcopy(heading)
        _fix_for_toc_entry(content)
        link.text = content.text
        for child in content:
            link.append(child)
        sub = etree.SubElement(item, kind)
        return _Entry(int(heading.tag[1]), item, sub)


def _close(entry: _Entry) -> None:
    if not len(entry.sub):
        entry.item.remove(entry.sub)


def _fix_for_toc_entry(node: etree.Element) -> None:
    """Unwrap links and drop footnote marks (``fix_for_toc_entry``)."""
    for index, child in reversed(list(enumerate(node))):
        _fix_for_toc_entry(child)
        if child.tag == "sup" and child.get("id", "").startswith("fnref"):
            _replace(node, index, child, [], None)
        elif child.tag == "a":
            _replace(node, index, child, list(child), child.text)


def _replace(
    node: etree.Element,
    index: int,
    child: etree.Element,
    children: list[etree.Element],
    text: str | None,
) -> None:
    """Put ``text`` and ``children`` (and ``child``'s tail) where ``child`` was."""
    node.remove(child)
    tail = child.tail or ""
    leading = text or ""
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
    else:
        leading += tail
    if index == 0:
        node.text = (node.text or "") + leading
    else:
        previous = node[index - 1]
        previous.tail = (previous.tail or "") + leading
    for offset, grandchild in enumerate(children):
        node.insert(index + offset, grandchild)


class KramdownTocExtension(Extension):
    """The ``{:toc}`` marker, within ``toc_levels``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"toc_levels": [[1, 2, 3, 4, 5, 6], "kramdown's toc_levels"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the marker block processor and the tree processor that fills it."""
        self.marker = TocMarkerProcessor(md.parser)
        md.parser.blockprocessors.register(self.marker, "kramdown_toc_marker", _BLOCK_PRIORITY)
        levels = tuple(int(level) for level in self.getConfig("toc_levels"))
        md.treeprocessors.register(TocTreeprocessor(md, levels), "kramdown_toc", _TREE_PRIORITY)
        md.registerExtension(self)

    def reset(self) -> None:
        """A new page may have its own marker."""
        self.marker.found = False


def makeExtension(**kwargs: Any) -> KramdownTocExtension:
    """Python-Markdown's entry point for ``mkdocs_jekyll.kramdown.toc``."""
    return KramdownTocExtension(**kwargs)
