"""Footnotes written as kramdown's HTML converter writes them.

Python-Markdown's ``footnotes`` extension reads the same syntax (``[^name]`` and
``[^name]: text`` with indented continuation blocks) and numbers notes in the order they
are first referenced, as kramdown does. Its markup differs, so a treeprocessor rewrites it
into kramdown 2.4's (``converter/html.rb`` ``convert_footnote`` and ``footnote_content``):

- each reference is ``<sup id="fnref:NAME" role="doc-noteref"><a href="#fn:NAME"
  class="footnote" rel="footnote">N</a></sup>``, numbered in the order notes are first
  referenced in the page; a repeated one is ``fnref:NAME:1``, ``fnref:NAME:2``... with the
  note's number (Python-Markdown before 3.9 numbered notes in definition order);
- numbers start at ``footnote_nr`` (the list then has ``start``);
- the notes are ``<div class="footnotes" role="doc-endnotes"><ol>`` (no ``<hr>``), only
  the referenced ones, each ``<li id="fn:NAME" role="doc-endnote">``;
- the backlinks (``footnote_backlink``, none when it is empty) close the note's last
  paragraph after a no-break space, or a new paragraph when the note ends with another
  block (``footnote_backlink_inline`` puts them in the last nested paragraph instead):
  ``<a href="#fnref:NAME" class="reversefootnote" role="doc-backlink">&#8617;</a>``, and for
  each repeated reference ``&#8617;<sup>2</sup>``...
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

from markdown.extensions.footnotes import NBSP_PLACEHOLDER, FootnoteExtension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from mkdocs_jekyll.kramdown.extensions import document_options
from mkdocs_jekyll.kramdown.regex_triggers import holds
from mkdocs_jekyll.kramdown.shortcuts import itertext_reads_all

if TYPE_CHECKING:
    from markdown import Markdown

# After Python-Markdown's footnote-duplicate treeprocessor (15), before attr_list (8).
_PRIORITY = 14
_NBSP = "\u00a0"


class KramdownFootnotesProcessor(Treeprocessor):
    """Rewrite Python-Markdown's footnote markup into kramdown's."""

    def __init__(self, md: Markdown, footnotes: FootnoteExtension, settings: dict[str, Any]):
        super().__init__(md)
        self.footnotes = footnotes
        self.settings = settings
        self.first = 1
        self.backlink = ""
        self.inline = False

    def run(self, root: etree.Element) -> None:
        """Number the references in page order, then rewrite the notes' list."""
        # The site's settings, with the document's {::options /} over them.
        settings = {**self.settings, **document_options(self.md)}
        self.first = int(settings["footnote_nr"])
        self.backlink = html.unescape(str(settings["footnote_backlink"]))
        self.inline = bool(settings["footnote_backlink_inline"])
        numbers: dict[str, int] = {}
        repeats: dict[str, int] = {}
        notes: tuple[etree.Element, etree.Element] | None = None
        for parent in root.iter():
            for child in parent:
                if child.tag == "div" and child.get("class") == "footnote":
                    notes = (parent, child)
                elif child.tag == "sup" and len(child) and child[0].get("class") == "footnote-ref":
                    self._reference(child, numbers, repeats)
        if notes is not None and not self._notes(notes[1], numbers, repeats):
            notes[0].remove(notes[1])

    def _reference(
        self, sup: etree.Element, numbers: dict[str, int], repeats: dict[str, int]
    ) -> None:
        """kramdown numbers a note at its first reference; later ones repeat the number."""
        link = sup[0]
        name = link.get("href", "")[len("#fn:") :]
        if name in numbers:
            repeats[name] = repeats.get(name, 0) + 1
            sup.attrib = {"id": f"fnref:{name}:{repeats[name]}"}
        else:
            numbers[name] = self.first + len(numbers)
            sup.attrib = {"id": f"fnref:{name}"}
        sup.set("role", "doc-noteref")
        link.attrib = {"href": f"#fn:{name}", "class": "footnote", "rel": "footnote"}
        link.text = str(numbers[name])

    def _notes(self, div: etree.Element, numbers: dict[str, int], repeats: dict[str, int]) -> bool:
        """Rewrite the notes' list; False when no note is referenced (kramdown writes none)."""
        div.attrib = {"class": "footnotes", "role": "doc-endnotes"}
        for hr in div.findall("hr"):
            div.remove(hr)
        ol = div.find("ol")
        if ol is None:
            return False
        if self.first != 1:
            ol.set("start", str(self.first))
        for li in list(ol):
            name = li.get("id", "")[len("fn:") :]
            if name not in numbers:
                ol.remove(li)
                continue
            self._note(li, name, repeats.get(name, 0))
        ol[:] = sorted(ol, key=lambda li: numbers[li.get("id", "")[len("fn:") :]])
        return len(ol) > 0

    def _note(self, li: etree.Element, name: str, repeat: int) -> None:
        li.attrib = {"id": f"fn:{name}", "role": "doc-endnote"}
        for el in li.iter():
            for link in [child for child in el if child.get("class") == "footnote-backref"]:
                _remove_keeping_tail(el, link)
            el.text = (el.text or "").replace(NBSP_PLACEHOLDER, "") or el.text
            el.tail = (el.tail or "").replace(NBSP_PLACEHOLDER, "") or el.tail
        if not self.backlink:
            return
        para: etree.Element | None = None
        if len(li) and (_is_paragraph(li[-1]) or self.inline):
            parent = li
            while len(parent) and not (
                _is_paragraph(parent[-1]) or parent[-1].tag in {"h1", "h2", "h3", "h4", "h5", "h6"}
            ):
                parent = parent[-1]
            para = parent[-1] if len(parent) else None
        space = para is not None
        if para is None:
            para = etree.SubElement(li, "p")
        for index in range(repeat + 1):
            link = etree.Element("a")
            link.set("href", f"#fnref:{name}:{index}" if index else f"#fnref:{name}")
            link.set("class", "reversefootnote")
            link.set("role", "doc-backlink")
            link.text = self.backlink
            if index:
                number = etree.SubElement(link, "sup")
                number.text = str(index + 1)
            _append_text(para, _NBSP if (index or space) else "")
            para.append(link)


def _is_paragraph(element: etree.Element) -> bool:
    """A ``<p>``, and not the one Python-Markdown wraps around a stashed code block."""
    text = (element.text or "").strip()
    return element.tag == "p" and not (not len(element) and HTML_PLACEHOLDER_RE.fullmatch(text))


def _remove_keeping_tail(parent: etree.Element, child: etree.Element) -> None:
    tail = child.tail or ""
    index = list(parent).index(child)
    parent.remove(child)
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail


def _append_text(parent: etree.Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "").rstrip() + text
    else:
        parent.text = (parent.text or "").rstrip() + text


class KramdownFootnotesExtension(FootnoteExtension):
    """Python-Markdown's footnotes, written as kramdown writes them."""

    def __init__(self, **kwargs: Any) -> None:
        self.kramdown = {
            "footnote_nr": kwargs.pop("footnote_nr", 1),
            "footnote_backlink": kwargs.pop("footnote_backlink", "&#8617;"),
            "footnote_backlink_inline": kwargs.pop("footnote_backlink_inline", False),
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Python-Markdown's footnotes, then the rewrite into kramdown's markup."""
        super().extendMarkdown(md)
        md.treeprocessors.register(
            KramdownFootnotesProcessor(md, self, self.kramdown), "kramdown_footnotes", _PRIORITY
        )

    def findFootnotesPlaceholder(
        self, root: etree.Element
    ) -> tuple[etree.Element, etree.Element, bool] | None:
        """Python-Markdown's search for the footnotes' place marker in every element's text
        and tail, skipped (found nowhere) when the page's whole text lacks the marker: one
        scan of the text instead of a recursive walk asking for the marker twice an element."""
        marker = self.getConfig("PLACE_MARKER")
        if isinstance(marker, str) and marker and itertext_reads_all():
            if not holds("".join(root.itertext()), marker):
                return None
        return super().findFootnotesPlaceholder(root)


def makeExtension(**kwargs: Any) -> KramdownFootnotesExtension:
    """Python-Markdown's entry point."""
    return KramdownFootnotesExtension(**kwargs)
