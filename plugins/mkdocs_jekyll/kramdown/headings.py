"""Headings and their ids as kramdown gives them, so ``page#anchor`` links made for Jekyll land.

GFM input (Jekyll's default) follows ``Kramdown::Parser::GFM`` (kramdown-parser-gfm 1.1):
an ATX heading needs a space or tab after its ``#``s (``#dowork`` stays text), closing
``#``s go only after a space, and ``generate_gfm_header_id`` makes the id from the
heading's text: lower-cased, every character but letters, digits, ``_``, ``-`` and spaces
dropped (accented letters stay), spaces made ``-``, a repeat numbered ``-1``, ``-2``.
``input: kramdown`` follows ``Parser::Kramdown`` and ``Converter::Base#generate_id``: no
space needed after ``#``, and the id keeps only ASCII letters, digits and ``-`` from the
heading's source text (its text alone with ``auto_id_stripping``, transliterated first with
``transliterated_header_ids``), starting at its first letter (``section`` when nothing is
left). Both put ``auto_id_prefix`` in front and leave ``{#id}`` ids alone; ``header_offset``
shifts the levels written.
"""

from __future__ import annotations

import html
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections import Counter
from typing import TYPE_CHECKING, Any

from markdown.blockprocessors import HashHeaderProcessor, SetextHeaderProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

from mkdocs_jekyll.kramdown.extensions import document_options
from mkdocs_jekyll.kramdown.ial import BLOCK_IAL
from mkdocs_jekyll.kramdown.report import unsupported

if TYPE_CHECKING:
    from markdown import Markdown

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# The heading's source text, for kramdown-input ids; removed once the id is made.
RAW_TEXT = "data-kramdown-raw"
# kramdown's HEADER_ID: `{#id}` at the end of the heading text (attr_list applies it).
_HEADER_ID = re.compile(r"[\t ]\{#[^\s}]+\}\Z")
# Ids after attr_list (8: `{#id}`) and the code spans (7); the TOC marker (6) uses them.
_ID_PRIORITY = 6.5
# Levels shift after the TOC marker read them and before Python-Markdown's toc (5).
_OFFSET_PRIORITY = 5.5
# The block elements Markdown itself makes; any other holds HTML the author wrote.
_MARKDOWN_BLOCKS = frozenset(
    "p ul ol li blockquote dl dt dd table thead tbody tfoot tr th td pre hr".split()
)
_ESCAPED = re.compile("\x02(\\d+)\x03")
_NON_WORD = re.compile(r"[^\w\- \t]")


def _take_ial(rest: str) -> tuple[str, str]:
    """A block IAL on the line after a heading is the heading's: attr_list applies it there.

    Split a block IAL off the start of ``rest``: (`` {: ...}`` or ``""``, what remains)."""
    first, _, remaining = rest.partition("\n")
    found = BLOCK_IAL.match(first)
    if found is None:
        return "", rest
    return f" {{:{found.group(1)}}}", remaining


def gfm_id(text: str) -> str:
    """``generate_gfm_header_id`` without the counter and prefix."""
    return _NON_WORD.sub("", text.lower()).replace(" ", "-").replace("\t", "-")


def kramdown_id(text: str, *, transliterate: bool = False) -> str:
    """``basic_generate_id`` (``generate_id`` without the counter and prefix)."""
    if transliterate:
        original = text
        text, missing = transliterated(text)
        if missing:
            unsupported(
                f"transliterated_header_ids for '{missing}' (heading '{original}')",
                hint="kramdown may spell this heading's id differently: give it an explicit {#id}",
            )
    result = re.sub(r"^[^a-zA-Z]+", "", text)
    result = re.sub(r"[^a-zA-Z0-9 -]", "", result).replace(" ", "-").lower()
    return result or "section"


def transliterated(text: str) -> tuple[str, str]:
    """ASCII for ``text``, as kramdown's Unidecoder does for the letters Western text uses.

    Unidecoder needs Stringex's tables; this covers decomposable letters (``é`` -> ``e``)
    and the few ligatures and special letters it spells out.

    Returns:
        The ASCII text, and the letters it could not spell (each written ``?``).
    """
    special = {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O"}
    special |= {"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d"}
    special |= {"¿": "?", "¡": "!", "«": "<<", "»": ">>", "\u2013": "-", "\u2014": "--"}
    out = []
    missing = ""
    for char in text:
        if char in special:
            out.append(special[char])
        elif ord(char) < 128:
            out.append(char)
        else:
            base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            if not base and char.isalnum() and char not in missing:
                missing += char
            out.append(base or "?")
    return "".join(out), missing


class _GfmHashHeader(HashHeaderProcessor):
    """ATX headings as GFM reads them (kramdown's ``ATX_HEADER_START``, GFM quirk)."""

    # The block loop skips `test` for a block holding none of these (block_triggers.py).
    TEST_TRIGGERS = ("#",)  # test: `if "#" not in block: return False`

    def __init__(self, parser: Any, *, gfm: bool) -> None:
        super().__init__(parser)
        self.gfm = gfm
        # The block `test` last passed, its first heading match and that heading's text.
        self._found: tuple[str, re.Match[str], str] | None = None
        self.pattern = (
            re.compile(r"(?:^|\n)(?P<level>#{1,6})[\t ]+(?P<header>[^\n]*?)(?:\n|$)")
            if gfm
            # kramdown's ATX_HEADER_START, and only at a block boundary.
            else re.compile(r"^(?P<level>#{1,6})[\t ]*(?P<header>[^ \t\n][^\n]*?)(?:\n|$)")
        )

    def test(self, parent: etree.Element, block: str) -> bool:
        """A heading line whose text is not empty once the closing ``#``s are gone."""
        if "#" not in block:
            return False  # Both patterns start with "#": most blocks are not headings.
        for match in self.pattern.finditer(block):
            text = self._text(match)
            if text:
                # The block loop runs us next on this very block: `run` starts from here.
                self._found = (block, match, text)
                return True
        return False

    def _text(self, match: re.Match[str]) -> str:
        text = match.group("header").rstrip()
        identifier = _HEADER_ID.search(text)
        body = text[: identifier.start()].rstrip() if identifier else text
        if self.gfm:
            body = re.sub(r"[\t ]#+\Z", "", body).rstrip()
        else:
            body = re.sub(r"(?<!\\)#+\Z", "", body).rstrip()
        return body + (text[identifier.start() :] if identifier and body else "")

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        """Split the block at the heading and build it, with its source text kept."""
        block = blocks.pop(0)
        found, self._found = self._found, None
        if found is not None and found[0] is block:
            _block, match, text = found
        else:
            match = next(m for m in self.pattern.finditer(block) if self._text(m))
            text = self._text(match)
        before, after = block[: match.start()], block[match.end() :]
        if before:
            self.parser.parseBlocks(parent, [before])
        heading = etree.SubElement(parent, f"h{len(match.group('level'))}")
        heading.text = text.strip()
        heading.set(RAW_TEXT, _HEADER_ID.sub("", heading.text).rstrip())
        ial, after = _take_ial(after)
        heading.text += ial
        if after:
            if self.parser.state.isstate("looselist"):
                after = self.looseDetab(after)
            blocks.insert(0, after)


class _SetextHeader(SetextHeaderProcessor):
    """Python-Markdown's setext headings, with their source text kept."""

    # The block loop skips `test` for a block holding none of these (block_triggers.py).
    TEST_TRIGGERS = ("\n=", "\n-")  # test: `("\n=" in block or "\n-" in block) and ...`

    def test(self, parent: etree.Element, block: str) -> bool:
        """Python-Markdown's test (the second line is a run of ``=`` or of ``-``), after a
        quick look for a line starting so anywhere: most blocks have none."""
        return ("\n=" in block or "\n-" in block) and super().test(parent, block)

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        """Build the heading and note its source text (as Python-Markdown's own ``run``)."""
        lines = blocks.pop(0).split("\n")
        heading = etree.SubElement(parent, "h1" if lines[1].startswith("=") else "h2")
        heading.text = lines[0].strip()
        heading.set(RAW_TEXT, _HEADER_ID.sub("", heading.text).rstrip())
        ial, after = _take_ial("\n".join(lines[2:]))
        heading.text += ial
        if after:
            blocks.insert(0, after)


class HeadingIdsTreeprocessor(Treeprocessor):
    """Give every heading without an id kramdown's id for it."""

    def __init__(self, md: Markdown, config: dict[str, Any]) -> None:
        super().__init__(md)
        self.site_config = config
        self.config = config

    def run(self, root: etree.Element) -> None:
        """Number the ids in document order, as kramdown does."""
        # The page's {::options auto_ids=... /} win over the site's settings.
        self.config = {**self.site_config, **document_options(self.md)}
        self.gfm = str(self.config["input"]).lower() == "gfm"
        # GFM's parser counts its ids; the converter counts the ones it makes.
        self.seen: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
        for child in root:
            self._walk(child, in_html=False)

    def _walk(self, node: etree.Element, *, in_html: bool) -> None:
        if node.tag in HEADINGS:
            self._identify(node, in_html=in_html)
            return
        # The GFM parser leaves headings inside HTML elements (`<div markdown="1">`) to
        # the converter's `generate_id`, kramdown's own algorithm.
        inside = in_html or node.tag not in _MARKDOWN_BLOCKS
        for child in node:
            self._walk(child, in_html=inside)

    def _identify(self, heading: etree.Element, *, in_html: bool) -> None:
        raw = heading.attrib.pop(RAW_TEXT, None)
        if not self.config["auto_ids"] or "id" in heading.attrib:
            return
        gfm = self.gfm and not in_html
        if gfm:
            base = gfm_id(self._text(heading, code=True))
        else:
            stripping = self.gfm or self.config["auto_id_stripping"]
            source = self._text(heading, code=self.gfm) if stripping or raw is None else raw
            base = kramdown_id(source, transliterate=self.config["transliterated_header_ids"])
        seen = self.seen[gfm]
        count = seen[base]
        seen[base] += 1
        if count:
            base += f"-{count}"
        heading.set("id", str(self.config["auto_id_prefix"]) + base)

    def _text(self, heading: etree.Element, *, code: bool) -> str:
        """The heading's text as kramdown's ``update_raw_text`` collects it."""
        parts: list[str] = []

        def walk(node: etree.Element) -> None:
            if node.tag == "code" and not code:
                parts.append(node.tail or "")
                return
            if node.tag == "sup" and node.get("id", "").startswith("fnref"):
                parts.append(node.tail or "")
                return
            parts.append(node.text or "")
            for child in node:
                walk(child)
            if node is not heading:
                parts.append(node.tail or "")

        walk(heading)
        text = HTML_PLACEHOLDER_RE.sub(self._stashed_text, "".join(parts))
        # Backslash escapes are kept as STX + code point + ETX until Python-Markdown's
        # unescape tree processor (priority 0) runs.
        text = _ESCAPED.sub(lambda m: chr(int(m.group(1))), text)
        return html.unescape(text)

    def _stashed_text(self, match: re.Match[str]) -> str:
        """The text of stashed inline HTML, without its tags."""
        raw = self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]
        text = raw if isinstance(raw, str) else "".join(raw.itertext())
        return re.sub(r"<[^>]*>", "", text)


class HeaderOffsetTreeprocessor(Treeprocessor):
    """``header_offset``: write each heading that many levels lower (``output_header_level``)."""

    def __init__(self, md: Markdown, offset: int) -> None:
        super().__init__(md)
        self.offset = offset

    def run(self, root: etree.Element) -> None:
        """Shift every heading's level, kept within 1..6."""
        for heading in root.iter():
            if heading.tag in HEADINGS:
                heading.tag = f"h{min(max(int(heading.tag[1]) + self.offset, 1), 6)}"


class KramdownHeadingsExtension(Extension):
    """kramdown's ATX rule, heading ids and ``header_offset``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "input": ["GFM", "kramdown's input: GFM or kramdown"],
            "auto_ids": [True, "kramdown's auto_ids"],
            "auto_id_prefix": ["", "kramdown's auto_id_prefix"],
            "auto_id_stripping": [False, "kramdown's auto_id_stripping"],
            "transliterated_header_ids": [False, "kramdown's transliterated_header_ids"],
            "header_offset": [0, "kramdown's header_offset"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Replace the heading block processors and register the id and level passes."""
        config = self.getConfigs()
        gfm = str(config["input"]).lower() == "gfm"
        parser = md.parser
        parser.blockprocessors.register(_GfmHashHeader(parser, gfm=gfm), "hashheader", 70)
        parser.blockprocessors.register(_SetextHeader(parser), "setextheader", 60)
        md.treeprocessors.register(
            HeadingIdsTreeprocessor(md, config), "kramdown_heading_ids", _ID_PRIORITY
        )
        if config["header_offset"]:
            md.treeprocessors.register(
                HeaderOffsetTreeprocessor(md, int(config["header_offset"])),
                "kramdown_header_offset",
                _OFFSET_PRIORITY,
            )
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> KramdownHeadingsExtension:
    """Python-Markdown's entry point for ``mkdocs_jekyll.kramdown.headings``."""
    return KramdownHeadingsExtension(**kwargs)
