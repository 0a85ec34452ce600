"""A page's search sections as Material's search plugin cuts them, without ``html.parser``.

Material's ``SearchIndex.add_entry_from_context`` feeds every page's HTML to an
``html.parser.HTMLParser`` subclass (``Parser``) whose ``handle_starttag``, ``handle_endtag``
and ``handle_data`` cut it into sections, one per heading with an ``id``. Python's tokenizer
(``goahead``, ``parse_starttag``) was half of that cost, and Material's handlers, comparing
``Element`` objects through ``__eq__``/``__hash__``, the other half: 12% of a build.

``split_sections`` does the same in one pass of one compiled regular expression over the
HTML that Python-Markdown and MkDocs write, and replays Material's three handlers on plain
tag names, one for one (Material's ``Element`` compares and hashes by tag name alone, so its
``skip`` set and ``context`` list behave as sets and lists of names). The tokens are those
``HTMLParser`` (``convert_charrefs=True``) reports for the same input: lowercased tag and
attribute names, attribute values unquoted and unescaped, an attribute without a value as
None, the text between two tags as one unescaped piece.

Anything outside that well-formed subset, on which Python releases differ or ``HTMLParser``
splits text differently, makes it give up and return None, and the caller uses Material's
own parser for the page: a comment, CDATA, a declaration or processing instruction, an
element whose content Python reads as raw text (``<script>``, ``<style>`` ...), a ``<`` that
does not open a tag of the simple form, an unquoted or spaced-out attribute value, a
self-closing ``<span/>`` that is not a void element (Python reports a start and an end tag
for it, HTML5 a start tag only).

``mkdocs/fast_search.py`` uses it only while Material's parser is the one it mirrors.
"""

from __future__ import annotations

import re
from html import escape, unescape

_SPACE = "[ \t\n\r\f]"
"""HTML's whitespace (Python's ``\\s`` also takes other characters, on which releases differ)."""
_TAG_NAME = "[a-zA-Z][-.:a-zA-Z0-9_]*"
"""A tag name every ``HTMLParser`` release reads the same (its end-tag pattern's)."""
_ATTRIBUTE_NAME = "[a-zA-Z_:][-.:a-zA-Z0-9_]*"
_QUOTED = """"[^"]*"|'[^']*'"""
"""A quoted attribute value (an unquoted one is outside the fast path)."""

_TOKEN = re.compile(
    rf"""([^<]+)"""  # 1: text up to the next tag
    rf"""|<({_TAG_NAME})((?:{_SPACE}+{_ATTRIBUTE_NAME}(?:=(?:{_QUOTED}))?)*)"""
    rf"""{_SPACE}*(/?)>"""  # 2: start tag, 3: its attributes, 4: "/" of <br/>
    rf"""|</({_TAG_NAME}){_SPACE}*>"""  # 5: end tag
    r"""|<"""  # anything else: outside the fast path
)

_ATTRIBUTES = re.compile(rf"{_SPACE}+({_ATTRIBUTE_NAME})(?:=({_QUOTED}))?")

RAW_TEXT = frozenset(
    "script style textarea title xmp iframe noembed noframes noscript plaintext".split()
)
"""Elements whose content some Python release reads as raw text (3.11: script and style)."""

# Material's Parser (material/plugins/search/plugin.py), as sets of tag names.
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
"""Material's ``void``: tags it never puts on its context stack."""
KEEP = frozenset("p code pre li ol ul sub sup".split())
"""Material's ``Parser.keep``: tags kept as markup in the indexed text."""
ALWAYS_SKIPPED = ("object", "script", "style")
"""Material's initial ``Parser.skip``: tags whose content is never indexed."""
HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_NO_ATTRIBUTES: dict[str, str | None] = {}


class Section:
    """A heading and the text up to the next one, as Material's ``Section``.

    Material's ``create_entry_for_section`` reads ``id``, ``title`` and ``text`` of it.
    """

    __slots__ = ("attrs", "depth", "id", "tag", "text", "title")

    def __init__(self, tag: str, attrs: dict[str, str | None], depth: float = 0) -> None:
        self.tag = tag
        """The heading's tag name, ``hx`` for the text before the first heading."""
        self.attrs = attrs
        self.depth = depth
        """How many elements were open at the heading; infinite once it was left."""
        self.text: list[str] = []
        self.title: list[str] = []
        self.id: str | None = None

    def is_excluded(self) -> bool:
        """Whether the heading carries ``data-search-exclude`` (Material's ``is_excluded``)."""
        return "data-search-exclude" in self.attrs


def split_sections(html: str) -> list[Section] | None:
    """The sections Material's search parser cuts ``html`` into, or None outside the fast path.

    Args:
        html: A page's content (``page.content``).

    Returns:
        The sections in order, the excluded ones included (as Material's ``Parser.data``), or
        None when the HTML has anything the fast path does not read as ``HTMLParser`` does.
    """
    splitter = _Splitter()
    try:
        return splitter.split(html)
    except ValueError:
        # Material's handle_endtag fails on it too (a kept element closed whose opening was
        # skipped): its own parser then raises its own error for the page.
        return None


def _attributes(source: str) -> dict[str, str | None]:
    """A start tag's attributes as ``HTMLParser`` reports them, in a dict as Material keeps them.

    Names lowercased, the last of a repeated name wins (``dict(attrs)``), a value unquoted
    and unescaped, and an attribute without a value None.
    """
    if not source:
        return _NO_ATTRIBUTES
    attrs: dict[str, str | None] = {}
    for name, quoted in _ATTRIBUTES.findall(source):
        # findall gives "" for a value that is not there; a quoted one has its quotes.
        attrs[name.lower()] = unescape(quoted[1:-1]) if quoted else None
    return attrs


class _Splitter:
    """Material's ``Parser`` handlers on tag names; each method mirrors the one it names.

    Material keeps ``Element`` objects in ``context`` and ``skip``; an ``Element`` equals
    another, or a string, with the same tag name and hashes as it, so ``skip`` behaves as a
    set of tag names (adding a name already there does nothing) and ``el in context`` as
    ``el.tag in tags``.
    """

    def __init__(self) -> None:
        self.tags: list[str] = []
        """Material's ``context``: the open elements' tag names, void ones left out."""
        self.attrs: list[dict[str, str | None]] = []
        """The open elements' attributes, beside ``tags``."""
        self.skip: set[str] = set(ALWAYS_SKIPPED)
        self.section: Section | None = None
        self.sections: list[Section] = []

    def split(self, html: str) -> list[Section] | None:
        """Feed ``html`` through the handlers; None at a token outside the fast path."""
        start, end, data = self.start, self.end, self.data
        # findall: one tuple per token, "" for each group the token has not.
        for text, start_tag, attributes, closed, end_tag in _TOKEN.findall(html):
            if text:
                data(unescape(text))
            elif start_tag:
                tag = start_tag.lower()
                if tag in RAW_TEXT:
                    return None
                if closed and tag not in VOID:
                    return None  # <span/>: HTML5 reads a start tag, Python a start and an end
                # <br/>: start and end (handle_startendtag); Material ignores a void end tag.
                start(tag, _attributes(attributes))
            elif end_tag:
                tag = end_tag.lower()
                if tag in RAW_TEXT:
                    return None
                end(tag)
            else:
                return None  # a "<" that opens no tag of the simple form
        return self.sections

    def start(self, tag: str, attrs: dict[str, str | None]) -> None:
        """``Parser.handle_starttag``."""
        if tag in VOID:
            return
        tags = self.tags
        tags.append(tag)
        self.attrs.append(attrs)
        if tag in HEADINGS and "id" in attrs:
            depth = len(tags)
            # Ensure a top-level section before a first heading that is not an h1.
            if tag != "h1" and not self.sections:
                self.sections.append(Section("hx", _NO_ATTRIBUTES, depth))
            section = Section(tag, attrs, depth)
            if self.sections:
                section.id = attrs["id"]
            self.sections.append(section)
            self.section = section
        if self.section is None:
            self.section = Section("hx", _NO_ATTRIBUTES)
            self.sections.append(self.section)
        # Skip a block excluded from search, and code blocks' line numbers.
        if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
            self.skip.add(tag)
            return
        if tag in KEEP and self.skip.isdisjoint(tags):
            section = self.section
            (section.title if section.tag in tags else section.text).append(f"<{tag}>")

    def end(self, tag: str) -> None:
        """``Parser.handle_endtag``."""
        tags = self.tags
        if not tags or tags[-1] != tag:
            return
        section = self.section
        assert section is not None  # an open element made one
        # Leaving the element a heading was nested in: back to the enclosing section.
        depth = len(tags)
        if section.depth > depth:
            for candidate in reversed(self.sections):
                if candidate.depth <= depth:
                    section.depth = float("inf")
                    self.section = section = candidate
                    break
        tags.pop()
        self.attrs.pop()
        if tag in self.skip:
            if tag not in ALWAYS_SKIPPED:
                self.skip.remove(tag)
            return
        if tag in KEEP and self.skip.isdisjoint(tags):
            data = section.title if section.tag in tags else section.text
            # Drop the element if it holds only whitespace, from its first opening on.
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def data(self, text: str) -> None:
        """``Parser.handle_data``."""
        tags = self.tags
        if not self.skip.isdisjoint(tags):
            return
        # Collapse whitespace outside <pre>.
        if "pre" not in tags:
            text = " " if text.isspace() else text.replace("\n", " ")
        section = self.section
        if section is None:
            self.section = section = Section("hx", _NO_ATTRIBUTES)
            self.sections.append(section)
        if section.tag in tags:
            # The heading's text, without its permalink.
            if not any(
                tag == "a" and attrs.get("class") == "headerlink"
                for tag, attrs in zip(tags, self.attrs, strict=True)
            ):
                section.title.append(escape(text, quote=False))
        elif text.isspace():
            # Collapse adjacent whitespace, outside <pre>.
            if not section.text or not section.text[-1].isspace() or "pre" in tags:
                section.text.append(text)
        else:
            section.text.append(escape(text, quote=False))
