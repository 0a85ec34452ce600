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
None, the text between two tags as one unescaped piece. An element of ``PLAIN_ELEMENTS`` holding
only text (a code block's ``<span class="n">x</span>``, a table cell) is one token, its text
handled as the handlers would handle it inside the element. Each token is a tag and the text
after it, and a start tag is read once per process (``_STARTS``): the handlers' work per
token is one dict lookup and what the tag changes.

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

from mkdocs_jekyll.compat import possessive_repeats_hold

_P = "+" if possessive_repeats_hold() else ""
"""Makes the repeats below possessive (``*+``, ``++``; see ``_TOKEN``) where this Python's
``re`` matches those right; elsewhere (CPython 3.11.2) they stay greedy: the same matches.
On 3.11.2 the possessive ``(?:{_PLAIN_ATTRIBUTE})*+`` took ``<span DATA-SEARCH-EXCLUDE>`` for
a plain element, and its text went into the index."""

_SPACE = "[ \t\n\r\f]"
"""HTML's whitespace (Python's ``\\s`` also takes other characters, on which releases differ)."""
_TAG_NAME = f"[a-zA-Z][-.:a-zA-Z0-9_]*{_P}"
"""A tag name every ``HTMLParser`` release reads the same (its end-tag pattern's)."""
_ATTRIBUTE_NAME = f"[a-zA-Z_:][-.:a-zA-Z0-9_]*{_P}"
_QUOTED = f""""[^"]*{_P}"|'[^']*{_P}'"""
"""A quoted attribute value (an unquoted one is outside the fast path)."""

_NAME_END = "(?![-.:a-zA-Z0-9_])"
PLAIN_ELEMENTS = (
    "span td th em strong a b i u s small mark abbr kbd var samp cite dfn q del ins time "
    "label dt dd caption figcaption summary".split()
)
"""Elements that change nothing in Material's handlers but their own stack entry.

None is kept (``KEEP``), a heading, ``hx``, void, raw text, ``pre`` or always skipped, so
the text of ``<span class="n">x</span>`` is handled as it would be outside the span (see
``_PLAIN``)."""
_PLAIN_CLASS = "|".join(
    rf"""{quote}(?!(?:linenodiv|headerlink){quote})[^{quote}&]*{_P}{quote}""" for quote in "\"'"
)
_PLAIN_ATTRIBUTE = (
    # Not one that makes the element skipped or a permalink: no data-search-exclude, and a
    # class only if it is plainly (no character reference) neither linenodiv nor headerlink.
    rf"""{_SPACE}+{_P}(?!(?i:data-search-exclude){_NAME_END})"""
    rf"""(?:(?i:class){_NAME_END}(?:=(?:{_PLAIN_CLASS}))?"""
    rf"""|(?!(?i:class){_NAME_END}){_ATTRIBUTE_NAME}(?:=(?:{_QUOTED}))?)"""
)
_PLAIN = (
    # (The lookahead of first letters spares trying every name at "<p" or "<div".)
    rf"""(?=[{"".join(sorted({name[0] for name in PLAIN_ELEMENTS}))}])"""
    rf"""(?P<plain>{"|".join(PLAIN_ELEMENTS)}){_NAME_END}"""
    rf"""(?:{_PLAIN_ATTRIBUTE})*{_P}{_SPACE}*{_P}>"""
    rf"""([^<]*{_P})</(?P=plain){_SPACE}*{_P}>"""
)
"""A plain element holding only text, its start and end tag written in the same case (after
its "<").

Material's handlers would push its name, handle the text and pop it: with none of the cases
above, the text is handled as if the element were not there, and the element's end only
drops its name from ``skip`` (where an element of that name inside a skipped one puts it).
"""

# The repeats are possessive (``*+``, ``++``, where ``_P`` makes them so): what follows each
# one cannot start with a character it takes (a name is followed by a space, "=", "/" or ">";
# an attribute by a space, "/" or ">"), so giving one back never made a match, and the engine
# keeps no backtracking state for them (a quarter of the matching).
_TOKEN = re.compile(
    rf"""<(?:/({_TAG_NAME}){_SPACE}*{_P}>"""  # 1: end tag
    rf"""|{_PLAIN}"""  # 2: a plain element's tag name, 3: its text
    rf"""|({_TAG_NAME}(?:{_SPACE}+{_P}{_ATTRIBUTE_NAME}(?:=(?:{_QUOTED}))?)*{_P}{_SPACE}*{_P}/?)>"""
    # 4: start tag, its attributes, and the "/" of <br/> if any
    r"""|)"""  # or none: a "<" that opens no tag of the simple form, outside the fast path
    rf"""([^<]*{_P})"""  # 5: the text after it, up to the next tag
)
"""A tag and the text after it (the text of a page before its first tag follows a ``<br>``
put in front, a void tag, which changes nothing in Material's handlers)."""

_START_TAG = re.compile(_TAG_NAME)

_ATTRIBUTES = re.compile(rf"{_SPACE}+{_P}({_ATTRIBUTE_NAME})(?:=({_QUOTED}))?")

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


_StartTag = tuple[str, dict[str, str | None], bool, bool, str]
"""A start tag as the handlers read it: its lowercased name ("" for a void tag, which they
ignore), its attributes, whether it opens a section (a heading with an ``id``), whether its
content is skipped, and ``<name>`` when its tag is kept in the text (else "")."""

_VOID_START: _StartTag = ("", _NO_ATTRIBUTES, False, False, "")
_STARTS: dict[str, _StartTag] = {}
"""The start tags read so far, by source, for every page of the process (a code block's
``span class="n"``, a table's ``td style="text-align: right"``); the values are only read."""
_MAX_STARTS = 4096
"""Past this many, ``_STARTS`` starts again empty (headings' ids make many unique tags)."""


def _start_tag(source: str) -> _StartTag | None:
    """A start tag (its source between ``<`` and ``>``) read, and kept in ``_STARTS``.

    Returns:
        None when the tag is outside the fast path: an element whose content Python reads
        as raw text, or a ``<span/>`` that is not a void element (Python reports a start
        and an end tag for it, HTML5 a start tag only).
    """
    name = _START_TAG.match(source)
    assert name is not None  # (the token's start tag begins with a name)
    tag = name.group().lower()
    attributes = source[name.end() :]
    if tag in RAW_TEXT:
        return None
    if tag in VOID:
        # <br/>: start and end (handle_startendtag); Material ignores a void end tag.
        info = _VOID_START
    elif attributes.endswith("/"):
        return None
    else:
        attrs = _attributes(attributes)
        info = (
            tag,
            attrs,
            tag in HEADINGS and "id" in attrs,
            # A block excluded from search, and code blocks' line numbers.
            "data-search-exclude" in attrs or attrs.get("class") == "linenodiv",
            f"<{tag}>" if tag in KEEP else "",
        )
    if len(_STARTS) >= _MAX_STARTS:
        _STARTS.clear()
    _STARTS[source] = info
    return info


class _Splitter:
    """Material's ``Parser`` handlers on tag names, in one loop over the tokens.

    Material keeps ``Element`` objects in ``context`` and ``skip``; an ``Element`` equals
    another, or a string, with the same tag name and hashes as it, so ``skip`` behaves as a
    set of tag names (adding a name already there does nothing) and ``el in context`` as
    ``el.tag in tags``. The three handlers are written inline in ``split``, each under a
    comment naming Material's method it mirrors: a call per token was a third of the time.
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
        tags, open_attrs, skip, sections = self.tags, self.attrs, self.skip, self.sections
        section = self.section
        # What the text handler asks of the open elements, asked again only after a tag
        # changed them (`stale`): a run's texts share one answer, and runs after plain tags.
        stale = True
        skipped = in_pre = in_title = False
        body: list[str] = []  # The section's text (set with the others, once one is open).
        # findall: one tuple per token, "" for each group the token has not.
        for end_tag, plain, plain_text, start_tag, run in _TOKEN.findall(f"<br>{html}"):
            if end_tag:
                tag = end_tag.lower()
                if tag in RAW_TEXT:
                    return None
                # -- Parser.handle_endtag (an end tag of no open element is ignored)
                if tags and tags[-1] == tag:
                    stale = True
                    assert section is not None  # an open element made one
                    # Leaving the element a heading was nested in: back to the enclosing
                    # section.
                    depth = len(tags)
                    if section.depth > depth:
                        for candidate in reversed(sections):
                            if candidate.depth <= depth:
                                section.depth = float("inf")
                                section = candidate
                                break
                    tags.pop()
                    open_attrs.pop()
                    if tag in skip:
                        if tag not in ALWAYS_SKIPPED:
                            skip.remove(tag)
                    elif tag in KEEP and skip.isdisjoint(tags):
                        _close_kept(section.title if section.tag in tags else section.text, tag)
            elif start_tag:
                info = _STARTS.get(start_tag) or _start_tag(start_tag)
                if info is None:
                    return None
                # -- Parser.handle_starttag (a void element, tag "", is not pushed)
                tag, attrs, heading, excluded, kept = info
                if tag:
                    stale = True
                    tags.append(tag)
                    open_attrs.append(attrs)
                    if heading:
                        depth = len(tags)
                        # Ensure a top-level section before a first heading that is not an h1.
                        if tag != "h1" and not sections:
                            sections.append(Section("hx", _NO_ATTRIBUTES, depth))
                        section = Section(tag, attrs, depth)
                        if sections:
                            section.id = attrs["id"]
                        sections.append(section)
                    elif section is None:
                        section = Section("hx", _NO_ATTRIBUTES)
                        sections.append(section)
                    if excluded:
                        skip.add(tag)
                    elif kept and skip.isdisjoint(tags):
                        (section.title if section.tag in tags else section.text).append(kept)
            elif plain:
                # A plain element's start, text and end (see _PLAIN).
                if section is None:
                    section = Section("hx", _NO_ATTRIBUTES)
                    sections.append(section)
                    stale = True
                if stale:
                    skipped, in_pre = not skip.isdisjoint(tags), "pre" in tags
                    in_title, stale, body = section.tag in tags, False, section.text
                if skipped:
                    # Its text is skipped; its end drops its name from skip, if there (where
                    # only an open element of that name puts it, so never when not skipped).
                    plain_text = ""
                    if plain in skip:
                        skip.remove(plain)
                        stale = True
            else:
                return None  # a "<" that opens no tag of the simple form
            # -- Parser.handle_data, of a plain element's text and of the text after the tag
            # A text outside the section's heading with no "&" or ">" (nothing to unescape
            # or escape), nine in ten on the bench (half of them a line break between
            # tags), is handled here as the loop below would handle it.
            if plain_text:
                # (What the plain element asked holds for the text after it.)
                if not in_title and "&" not in plain_text and ">" not in plain_text:
                    if in_pre:
                        body.append(plain_text)
                    elif not plain_text.isspace():
                        body.append(plain_text.replace("\n", " "))
                    elif not body or not body[-1].isspace():
                        body.append(" ")
                    if not run:
                        continue
                    if "&" not in run and ">" not in run:
                        if in_pre:
                            body.append(run)
                        elif not run.isspace():
                            body.append(run.replace("\n", " "))
                        elif not body[-1].isspace():
                            body.append(" ")
                        continue
                    texts: tuple[str, ...] = (run,)
                else:
                    texts = (plain_text, run) if run else (plain_text,)
            elif run:
                if section is None:
                    section = Section("hx", _NO_ATTRIBUTES)
                    sections.append(section)
                    stale = True
                if stale:
                    skipped, in_pre = not skip.isdisjoint(tags), "pre" in tags
                    in_title, stale, body = section.tag in tags, False, section.text
                if skipped:
                    continue
                if not in_title and "&" not in run and ">" not in run:
                    if in_pre:
                        body.append(run)
                    elif not run.isspace():
                        body.append(run.replace("\n", " "))
                    elif not body or not body[-1].isspace():
                        body.append(" ")
                    continue
                texts = (run,)
            else:
                continue
            assert section is not None  # (mypy: the text made one)
            for text in texts:
                # What html.escape(quote=False) would change: a raw text has no "<".
                if "&" in text:
                    text = unescape(text)
                    escaped = "&" in text or "<" in text or ">" in text
                else:
                    escaped = ">" in text
                # Collapse whitespace outside <pre> (in it, a text is kept as it is).
                if in_pre:
                    pass
                elif text.isspace():
                    if not in_title:
                        # Adjacent whitespace is one space.
                        if not body or not body[-1].isspace():
                            body.append(" ")
                        continue
                    text = " "
                else:
                    text = text.replace("\n", " ")
                if escaped:
                    text = escape(text, False)
                if not in_title:
                    body.append(text)
                elif not any(
                    tag == "a" and attrs.get("class") == "headerlink"
                    for tag, attrs in zip(tags, open_attrs, strict=True)
                ):
                    section.title.append(text)  # the heading's text, without its permalink
        self.section = section
        return sections


def _close_kept(data: list[str], tag: str) -> None:
    """The end of a kept element (``Parser.handle_endtag``): dropped with what it holds if
    that is only whitespace, from its first opening on, else closed.

    Raises:
        ValueError: The element's opening was skipped (Material's handler fails too).
    """
    index = data.index(f"<{tag}>")
    for i in range(index + 1, len(data)):
        if not data[i].isspace():
            index = len(data)
            break
    if len(data) > index:
        del data[index:]
    else:
        data.append(f"</{tag}>")
