"""Jekyll's ``smartify``: kramdown's SmartyPants parser, as Jekyll 4.3 configures it.

jekyll-feed prints every title through ``smartify``, so a feed's ``"quotes"`` and
``it's`` must come out as the curly characters Jekyll writes. Jekyll's converter
(``converters/smartypants.rb``) runs kramdown with only the smart quote, HTML entity,
typographic symbol and span HTML parsers, and Jekyll's ``entity_output: as_char``: the
result is HTML text with Unicode punctuation, ``& < >`` escaped and tags kept. This module
ports those four parsers (kramdown 2.4 ``parser/kramdown/smart_quotes.rb`` and
``typographic_symbol.rb``); block HTML (a title starting with ``<div>``) is read as text.
"""

from __future__ import annotations

import html
import re

# smart_quotes.rb SQ_PUNCT and SQ_CLOSE; Ruby's \w and \s are ASCII (re.ASCII below).
_PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
_CLOSE = r"[^ \\\t\r\n\[{(-]"

_LQUOTE = {'"': "\u201c", "'": "\u2018"}
_RQUOTE = {'"': "\u201d", "'": "\u2019"}

# SQ_RULES, in order: (pattern, the group kept as text or None, quotes it produces).
# A quote marked "l"/"r" takes its form from the matched quote character.
_RULES: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(r"""("|')(?=[_*]{1,2}\S)""", re.A), ("l1",)),
    (re.compile(rf"""("|')(?={_PUNCT}(?!\.\.)\B)""", re.A), ("r1",)),
    (re.compile(r"""(\s?)"'(?=\w)""", re.A), ("text1", "\u201c", "\u2018")),
    (re.compile(r"""(\s?)'"(?=\w)""", re.A), ("text1", "\u2018", "\u201c")),
    (re.compile(r"""(\s?)'(?=\d\ds)""", re.A), ("text1", "\u2019")),
    (re.compile(r"""(\s)('|")(?=\w)""", re.A), ("text1", "l2")),
    (re.compile(rf"""({_CLOSE})('|")""", re.A), ("text1", "r2")),
    (re.compile(r"""("|')(?=\s|s\b|$)""", re.A | re.M), ("r1",)),
    (re.compile(r"""(.?)'""", re.A | re.S), ("text1", "\u2018")),
    (re.compile(r"""(.?)\"""", re.A | re.S), ("text1", "\u201c")),
]
# The same rules for the Markdown pipeline's smart quotes (kramdown/typography.py).
SQ_RULES = _RULES

# typographic_symbol.rb TYPOGRAPHIC_SYMS, as characters (laquo_space: a no-break space).
_SYMBOLS = {
    "---": "\u2014",
    "--": "\u2013",
    "...": "\u2026",
    "\\<<": "&lt;&lt;",
    "\\>>": "&gt;&gt;",
    "<< ": "\u00ab\u00a0",
    " >>": "\u00a0\u00bb",
    "<<": "\u00ab",
    ">>": "\u00bb",
}

# The span parsers' start patterns, in kramdown's order: the earliest match wins, and at
# one position the first parser (smart quotes, entities, symbols, then HTML tags).
_SPAN = re.compile(
    r"""(?P<quote>[^\\]?["'])"""
    r"""|(?P<entity>&(?:[a-zA-Z][a-zA-Z0-9]*|\#\d+|\#x[0-9a-fA-F]+);)"""
    r"""|(?P<symbol>---|--|\.\.\.|\\<<|\\>>|<<\ |\ >>|<<|>>)"""
    r"""|(?P<tag></?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|<!--.*?-->)""",
    re.S,
)
_ESCAPED = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def smartify(text: str) -> str:
    """Curly quotes, dashes and ellipses, as Jekyll's ``smartify`` filter gives them.

    Args:
        text: Plain text or inline HTML (``Hello "world" & <em>you</em>``).

    Returns:
        HTML: ``Hello “world” &amp; <em>you</em>``.
    """
    out: list[str] = []
    pos = 0
    while pos < len(text):
        match = _SPAN.search(text, pos)
        if match is None:
            break
        out.append(_escape(text[pos : match.start()]))
        kind = match.lastgroup
        if kind == "quote":
            pos = _quote(text, match.start(), out)
            continue
        value = match.group()
        if kind == "entity":
            char = html.unescape(value)
            out.append(_ESCAPED.get(char, char) if len(char) == 1 else value)
        elif kind == "symbol":
            out.append(_SYMBOLS[value])
        else:
            out.append(value)
        pos = match.end()
    out.append(_escape(text[pos:]))
    return "".join(out)


def _quote(text: str, start: int, out: list[str]) -> int:
    """Apply the first SQ_RULES rule matching at ``start``; the position after it."""
    for pattern, parts in _RULES:
        match = pattern.match(text, start)
        if match is None:
            continue
        quote = match.group(match.lastindex or 1)
        for part in parts:
            if part == "text1":
                out.append(_escape(match.group(1)))
            elif part.startswith("l"):
                out.append(_LQUOTE[quote[-1]])
            elif part.startswith("r"):
                out.append(_RQUOTE[quote[-1]])
            else:
                out.append(part)
        return match.end()
    out.append(_escape(text[start]))  # unreachable: the last rules match any quote
    return start + 1


def _escape(text: str) -> str:
    """kramdown's text escaping in HTML output: ``& < >``."""
    return "".join(_ESCAPED.get(char, char) for char in text)
