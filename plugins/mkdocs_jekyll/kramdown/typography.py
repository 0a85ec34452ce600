"""Smart quotes, typographic symbols and HTML entities, as kramdown's span parser writes them.

kramdown 2.4 reads them with three span parsers (``parser/kramdown/smart_quotes.rb``,
``typographic_symbol.rb``, ``html_entity.rb``) that share one scan with the other span
parsers: the earliest match wins, and at one position the parsers go in kramdown's order
(span HTML, smart quotes, entities, typographic symbols). The HTML converter then writes
each quote with the site's ``smart_quotes`` entities, each symbol with its
``typographic_symbols`` override, and every entity in the ``entity_output`` form
(``utils/html.rb`` ``entity_to_str``).

Python-Markdown applies its inline patterns one after another by priority, not by position,
so the order is rebuilt from kramdown's:

- code spans, escapes, links and autolinks go first (their text is never touched: code,
  URLs and link targets stay as written, link text is read on its own);
- inline HTML is taken next (``<span title="it's">`` keeps its quotes), but never from the
  second ``<`` of ``<<``: Python-Markdown's HTML pattern is replaced by one that leaves
  ``<<x>>`` to the guillemets, as kramdown's earliest match does;
- entities are written in the ``entity_output`` form (Python-Markdown's entity pattern is
  replaced);
- quotes and symbols are read last, after emphasis: text inside ``**"x"**`` starts fresh,
  as kramdown's emphasis parser starts it, so its first quote opens.

Raw HTML blocks are stashed before inline parsing and stay as written, as in kramdown.

The quote rules are ``smart_quotes.rb``'s ``SQ_RULES`` (shared with Jekyll's ``smartify``
in ``jekyll/smartify.py``). A quote's preceding character counts only when it belongs to
the same run of text: after a link or code span kramdown's scanner starts at the quote
itself, and here the run ends at the placeholder Python-Markdown left for that element.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

from markdown import util
from markdown.extensions import Extension
from markdown.inlinepatterns import HTML_RE, HtmlInlineProcessor, InlineProcessor

from mkdocs_jekyll.jekyll.smartify import SQ_RULES
from mkdocs_jekyll.kramdown.extensions import document_options
from mkdocs_jekyll.kramdown.settings import ENTITIES

if TYPE_CHECKING:
    from markdown import Markdown

# After emphasis (60, 50): quotes and symbols in the text that is left.
PRIORITY = 45
# Python-Markdown's own html (90) and entity (80) patterns, which these replace.
_HTML_PRIORITY = 90
_ENTITY_PRIORITY = 80
# ``\<<`` and ``\>>`` are typographic symbols to kramdown (its parser order puts them
# before escaped characters); Python-Markdown's escape pattern (180) would take ``\<``.
_ESCAPED_GUILLEMETS_PRIORITY = 185

_QUOTE_NAMES = ("lsquo", "rsquo", "ldquo", "rdquo")
# SQ_RULES' quote kinds -> the index in ``smart_quotes`` (converter/base.rb
# SMART_QUOTE_INDICES), by the quote character the rule matched.
_QUOTE_INDEX = {("l", "'"): 0, ("r", "'"): 1, ("l", '"'): 2, ("r", '"'): 3}
_LITERAL_INDEX = {"\u2018": 0, "\u2019": 1, "\u201c": 2, "\u201d": 3}

# typographic_symbol.rb TYPOGRAPHIC_SYMS and the converter's entities for each.
_SYMBOLS: dict[str, str] = {
    "---": "mdash",
    "--": "ndash",
    "...": "hellip",
    "<< ": "laquo_space",
    " >>": "raquo_space",
    "<<": "laquo",
    ">>": "raquo",
}
_SYMBOL_ENTITIES: dict[str, tuple[int, ...]] = {
    "mdash": (0x2014,),
    "ndash": (0x2013,),
    "hellip": (0x2026,),
    "laquo_space": (0xAB, 0xA0),
    "raquo_space": (0xA0, 0xBB),
    "laquo": (0xAB,),
    "raquo": (0xBB,),
}

# kramdown's span-parser start patterns for quotes (with the character before, never a
# backslash or the end of an element's placeholder) and symbols, in its order at one
# position. A ``{:...}`` attribute list is skipped whole so its quoted values stay straight
# for ``attr_list``.
_ENTITY_NAME = r"(?:[a-zA-Z][a-zA-Z0-9]*|\#\d+|\#x[0-9a-fA-F]+);"
# parser/html.rb HTML_ENTITY_RE (Ruby's \w is ASCII).
_ENTITY = r"(?a:&(?:([\w:][\-\w.:]*)|\#(\d+)|\#x([0-9a-fA-F]+));)"
_NAMES = {point: name for name, point in ENTITIES.items()}
_SCAN = (
    # Up to, not including, the closing brace: a quote right after it has "}" before it.
    r"(?P<ial>\{[:#][^}\n]*(?=\}))"
    rf"|(?P<quote>[^\\{util.ETX}]?[\"'])"
    r"|(?P<symbol>---|--|\.\.\.|<<\ |\ >>|<<|>>)"
)
_ESCAPE_TEXT = re.compile(rf"<|>|&(?!{_ENTITY_NAME})")


class Spanned(str):
    """A placeholder string an inline pattern returns, with the source it stands for
    (``$$`` for math): the quote rules look ahead at the source, as kramdown does."""

    __slots__ = ("source",)
    source: str

    def __new__(cls, text: str, source: str) -> Spanned:
        """``text`` as the node, ``source`` for the look-ahead."""
        made = super().__new__(cls, text)
        made.source = source
        return made


class _Typographic(str):
    """A quote, symbol or entity this extension wrote (a span IAL right after it is dropped:
    kramdown gives it to that element, which takes no attributes)."""

    __slots__ = ()


# What a placeholder's element starts with in the source, for the quote rules' look-ahead.
_OPENERS = {"em": "*", "strong": "**", "code": "`", "a": "[", "img": "![", "del": "~~"}


class _Entities:
    """Writes code points as kramdown's converter does for the site's ``entity_output``."""

    def __init__(self, md: Markdown, entity_output: str) -> None:
        self.md = md
        self.output = entity_output

    def write(self, codepoint: int, original: str | None = None) -> str:
        """Placeholder text for ``codepoint`` (``entity_to_str`` in ``utils/html.rb``)."""
        output = str(document_options(self.md).get("entity_output", self.output))
        char = chr(codepoint)
        escape = char in '<>&"'
        if output == "as_char" and (not escape or char == '"'):
            return char
        if output in {"as_input", "as_char"} and original is not None:
            return self.md.htmlStash.store(original)
        name = _NAMES.get(codepoint)
        if (output == "symbolic" or escape) and name is not None:
            return self.md.htmlStash.store(f"&{name};")
        return self.md.htmlStash.store(f"&#{codepoint};")


def quote_codepoints(names: tuple[str, ...] | list[str]) -> tuple[int, int, int, int]:
    """The four code points of a ``smart_quotes`` setting (entity names or numbers).

    Raises:
        ValueError: an entry that is neither an HTML entity name nor a code point.
    """
    points: list[int] = []
    for entry in names:
        text = str(entry).strip()
        if text.isdigit():
            points.append(int(text))
        elif text in ENTITIES:
            points.append(ENTITIES[text])
        else:
            raise ValueError(f"unknown entity '{text}'")
    if len(points) != 4:
        raise ValueError("expected four entities such as 'lsquo,rsquo,ldquo,rdquo'")
    return points[0], points[1], points[2], points[3]


class TypographyProcessor(InlineProcessor):
    """Quotes and symbols, found in one scan as kramdown finds them."""

    def __init__(
        self,
        md: Markdown,
        quotes: tuple[int, int, int, int],
        symbols: dict[str, str] | None,
        entities: _Entities,
    ) -> None:
        super().__init__(_SCAN, md)
        self.quotes = quotes
        self.symbols = symbols
        self.entities = entities

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[str | None, int | None, int | None]:
        """Replace the match with its characters (or entities), or leave it as text."""
        kind = m.lastgroup
        if kind == "ial":
            # kramdown gives a span IAL to the element before it; a quote or a symbol takes
            # no attributes, so the IAL is dropped. After text it stays text.
            if isinstance(self._node_before(data, m.start()), _Typographic):
                return "", m.start(), m.end() + 1  # the closing brace too
            return None, None, None
        if kind == "symbol":
            return self._symbol(m)
        return self._quote(data, m.start())

    def _node_before(self, data: str, position: int) -> object:
        """The stashed node whose placeholder ends right before ``position``, if any."""
        if position == 0 or data[position - 1] != util.ETX:
            return None
        begin = data.rfind(util.STX, 0, position)
        return self._stashed(data[begin + 1 : position - 1])

    def _stashed(self, token: str) -> object:
        prefix = util.INLINE_PLACEHOLDER_PREFIX[1:]
        if not token.startswith(prefix):
            return None
        stash: dict[str, object] = self.md.treeprocessors["inline"].stashed_nodes  # type: ignore[attr-defined]
        return stash.get(token[len(prefix) :])

    def _source(self, data: str, start: int, size: int = 4) -> str:
        """``data`` from ``start`` with its first placeholders written back as the source
        they stand for, closely enough for the quote rules' look-ahead: an escaped ``\\*``,
        ``*`` before emphasis, a backtick before code, ``[`` before a link, ``<`` before HTML.
        """
        out: list[str] = []
        index = start
        while index < len(data) and len(out) < size:
            if data[index] != util.STX:
                out.append(data[index])
                index += 1
                continue
            end = data.find(util.ETX, index)
            if end < 0:
                break
            out.append(self._token_source(data[index + 1 : end]))
            index = end + 1
        return "".join(out) + data[index:]

    def _token_source(self, token: str) -> str:
        if token.isdigit():  # Python-Markdown's escape: the escaped character's code
            return "\\" + chr(int(token))
        node = self._stashed(token)
        if isinstance(node, Spanned):
            return node.source
        if isinstance(node, str):
            return self._source(node, 0)
        if isinstance(node, etree.Element):
            return _OPENERS.get(node.tag, "<x") + (node.text or "x")[:1]
        return "<x"  # raw HTML

    def _symbol(self, m: re.Match[str]) -> tuple[str | None, int | None, int | None]:
        name = _SYMBOLS[m.group()]
        if self.symbols is None:  # gfm_quirks: no_auto_typographic
            return None, None, None
        override = self.symbols.get(name)
        if override is not None:
            text = _ESCAPE_TEXT.sub(
                lambda x: html.escape(x.group()), str(override)
            )  # kramdown: to_s
            return _Typographic(self.md.htmlStash.store(text)), m.start(), m.end()
        written = "".join(self.entities.write(point) for point in _SYMBOL_ENTITIES[name])
        return _Typographic(written), m.start(), m.end()

    def _quote(self, data: str, start: int) -> tuple[str | None, int | None, int | None]:
        """Apply the first SQ_RULES rule that matches at ``start``."""
        # The rules read at most the character before and the two quotes (all literal
        # here) and look ahead past them, where placeholders stand for other elements.
        head = 2 if data[start] not in "\"'" else 1
        probe = data[start : start + head] + self._source(data, start + head)
        for pattern, parts in SQ_RULES:
            match = pattern.match(probe)
            if match is None:
                continue
            quote = match.group(match.lastindex or 1)[-1:]
            out: list[str] = []
            begin = start
            for part in parts:
                if part == "text1":
                    # The character before stays text for the patterns that follow
                    # (the closing ``*`` of ``*word*'s``).
                    begin += len(match.group(1))
                elif part[0] in "lr":
                    out.append(self._write_quote(_QUOTE_INDEX[part[0], quote]))
                else:
                    out.append(self._write_quote(_LITERAL_INDEX[part]))
            return _Typographic("".join(out)), begin, start + match.end()
        return None, None, None

    def _write_quote(self, index: int) -> str:
        names = document_options(self.md).get("smart_quotes")
        quotes = self.quotes if names is None else quote_codepoints(names)
        return self.entities.write(quotes[index])


class EntityProcessor(InlineProcessor):
    """``&name;``, ``&#123;`` and ``&#x7b;`` in the ``entity_output`` form.

    An unknown name is text, its ``&`` escaped (``parser/kramdown/html_entity.rb``).
    """

    def __init__(self, md: Markdown, entities: _Entities) -> None:
        super().__init__(_ENTITY, md)
        self.entities = entities

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[str, int, int]:
        """The entity's character, or the entity as kramdown writes it."""
        name, decimal, hexadecimal = m.groups()
        if name is not None:
            point = ENTITIES.get(name)
        else:
            point = int(decimal) if decimal is not None else int(hexadecimal, 16)
        if point is None or not 0 < point <= 0x10FFFF:
            # Python-Markdown's serializer would keep an entity-like "&x;" as it is.
            text = "&amp;" + html.escape(m.group()[1:], quote=False)
            return self.md.htmlStash.store(text), m.start(), m.end()
        return _Typographic(self.entities.write(point, m.group())), m.start(), m.end()


class KramdownHtmlProcessor(HtmlInlineProcessor):
    """Python-Markdown's inline HTML, except a tag whose ``<`` closes a ``<<`` pair.

    kramdown reads ``<<`` pairs from the left: in ``<<b>`` the second ``<`` belongs to the
    guillemet (``«b>``), in ``<<<b>`` the third starts a tag (``«<b>``).
    """

    def __init__(self, md: Markdown) -> None:
        super().__init__(HTML_RE, md)

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[str | etree.Element | None, int | None, int | None]:
        """The tag, unless an odd run of ``<`` stands right before it."""
        run = len(data[: m.start()]) - len(data[: m.start()].rstrip("<"))
        if run % 2:
            return None, None, None
        return super().handleMatch(m, data)


class EscapedGuillemetsProcessor(InlineProcessor):
    r"""``\<<`` and ``\>>``: two escaped angle brackets (``typographic_symbol.rb``)."""

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[str, int, int]:
        """The two brackets as entities, which no later pattern reads as HTML."""
        entity = "&lt;" if m.group(1) == "<" else "&gt;"
        return self.md.htmlStash.store(entity * 2), m.start(), m.end()


class TypographyExtension(Extension):
    """kramdown's smart quotes, typographic symbols and entity output."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "smart_quotes": [list(_QUOTE_NAMES), "kramdown's smart_quotes: four entities"],
            "typographic_symbols": [{}, "kramdown's typographic_symbols overrides"],
            "entity_output": ["as_char", "kramdown's entity_output"],
            "symbols": [True, "False for GFM's no_auto_typographic quirk"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Register quotes and symbols after emphasis, replacing the HTML and entity patterns."""
        quotes = quote_codepoints(self.getConfig("smart_quotes"))
        symbols = dict(self.getConfig("typographic_symbols")) if self.getConfig("symbols") else None
        entities = _Entities(md, str(self.getConfig("entity_output")))
        if symbols is not None:
            # Without the symbols (no_auto_typographic) ``<<x>`` holds an HTML tag again.
            md.inlinePatterns.register(KramdownHtmlProcessor(md), "html", _HTML_PRIORITY)
        md.inlinePatterns.register(EntityProcessor(md, entities), "entity", _ENTITY_PRIORITY)
        md.inlinePatterns.register(
            TypographyProcessor(md, quotes, symbols, entities), "kramdown_typography", PRIORITY
        )
        if symbols is not None:
            md.inlinePatterns.register(
                EscapedGuillemetsProcessor(r"\\(<|>)\1", md),
                "kramdown_escaped_guillemets",
                _ESCAPED_GUILLEMETS_PRIORITY,
            )
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> TypographyExtension:
    """Python-Markdown's entry point."""
    return TypographyExtension(**kwargs)
