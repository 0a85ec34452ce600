"""Code highlighted into the markup kramdown's Rouge highlighter writes, with Pygments.

Follows ``Kramdown::Converter::SyntaxHighlighter::Rouge`` (kramdown 2.4) as Jekyll 4.3 sets it
up (``KramdownParser#setup``: ``default_lang`` is ``plaintext`` unless set, ``guess_lang``
comes from the ``kramdown:`` block): a language Pygments does not know is not highlighted,
plain text is highlighted (without tokens) only when ``guess_lang`` is on, and the block
wrapper is Rouge's ``HTMLLegacy``: ``<div class="highlight"><pre class="<css_class>"><code>``.
Rouge and Pygments share their token class names (``k``, ``nf``, ``s``...), so Minimal
Mistakes' and Material's code colours apply to either.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES, _TokenType
from pygments.util import ClassNotFound

from mkdocs_jekyll.kramdown.pygments_loop import speed_up
from mkdocs_jekyll.kramdown.settings import KramdownSettings

# Rouge's plain-text lexer and its aliases: highlighted without any token.
_PLAIN = frozenset({"plaintext", "text", "plain"})


@dataclass(frozen=True)
class RougeOptions:
    """``syntax_highlighter_opts`` for one kind of code (``block`` or ``span``)."""

    default_lang: str | None
    guess_lang: bool
    css_class: str
    disable: bool
    line_numbers: bool = False
    start_line: int = 1

    @classmethod
    def of(cls, opts: Mapping[str, Any], guess_lang: bool) -> RougeOptions:
        """Options from a merged ``syntax_highlighter_opts`` mapping."""
        default = opts.get("default_lang")
        return cls(
            default_lang=str(default) if default else None,
            guess_lang=bool(opts.get("guess_lang", guess_lang)),
            css_class=str(opts.get("css_class") or "highlight"),
            disable=bool(opts.get("disable", False)),
            line_numbers=bool(opts.get("line_numbers", False)),
            start_line=_whole(opts.get("start_line", 1)),
        )


@dataclass(frozen=True)
class Highlighter:
    """The site's highlighter: ``None`` options when ``syntax_highlighter`` is nil."""

    block: RougeOptions | None
    span: RougeOptions | None

    @classmethod
    def from_settings(cls, settings: KramdownSettings) -> Highlighter:
        """Rouge's block and span options, merged as ``Rouge.prepare_options`` merges them."""
        if settings.syntax_highlighter is None:
            return cls(None, None)
        opts = dict(settings.syntax_highlighter_opts)
        span = dict(opts.pop("span", None) or {})
        block = dict(opts.pop("block", None) or {})
        # Jekyll's KramdownParser#setup.
        opts.setdefault("default_lang", "plaintext")
        opts["guess_lang"] = settings.guess_lang
        return cls(
            RougeOptions.of({**opts, **block}, settings.guess_lang),
            RougeOptions.of({**opts, **span}, settings.guess_lang),
        )


@dataclass(frozen=True)
class Highlighted:
    """Highlighted code: the language named in the class, and the tokens' HTML."""

    lang: str
    html: str


def highlight(code: str, lang: str | None, options: RougeOptions | None) -> Highlighted | None:
    """``code`` as Rouge's tokens in HTML, or ``None`` where kramdown would not highlight.

    Args:
        code: The code, its final newline included for a block.
        lang: The language the author gave (``None`` when none).
        options: The block or span options; ``None`` when highlighting is off.

    Returns:
        The language for the ``language-*`` class and the HTML of the tokens (no wrapper).
    """
    if options is None or options.disable:
        return None
    name = lang or options.default_lang
    if name is None:
        # kramdown's `return nil unless lang || default_lang || guess_lang`; Rouge would
        # guess a lexer from the text, which Pygments cannot do the same way.
        return None
    key = name.split("?", 1)[0].lower()
    if key in _PLAIN:
        return Highlighted(name, html.escape(code, quote=False)) if options.guess_lang else None
    tokens = _tokens_html(key, code)
    return None if tokens is None else Highlighted(name, tokens)


def _whole(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 1


def line_table(tokens: str, lines: int, *, gutter: str, code: str, start: int = 1) -> str:
    """Rouge's ``HTMLTable``: a gutter of line numbers beside the code."""
    numbers = "".join(f"{number}\n" for number in range(start, start + lines))
    return (
        f'<table class="rouge-table"><tbody><tr><td class="{gutter} gl">'
        f'<pre class="lineno">{numbers}</pre></td><td class="{code}"><pre>{tokens}</pre>'
        "</td></tr></tbody></table>"
    )


def block_html(code: str, highlighted: Highlighted, options: RougeOptions) -> str:
    """kramdown's block markup around highlighted code (``convert_codeblock``)."""
    tokens = highlighted.html
    if options.line_numbers:
        lines = code.count("\n") + (0 if code.endswith("\n") else 1)
        tokens = line_table(
            tokens, lines, gutter="rouge-gutter", code="rouge-code", start=options.start_line
        )
    return (
        f'<div class="language-{html.escape(highlighted.lang)} highlighter-rouge">'
        f'<div class="highlight"><pre class="{html.escape(options.css_class)}"><code>'
        f"{tokens}</code></pre></div></div>"
    )


def plain_block_html(code: str, lang: str | None) -> str:
    """kramdown's markup for code it does not highlight: ``<pre><code class="language-x">``."""
    attr = f' class="language-{html.escape(lang)}"' if lang else ""
    return f"<pre><code{attr}>{html.escape(code.rstrip(chr(10)), quote=False)}\n</code></pre>"


@cache
def _lexer(name: str) -> Lexer | None:
    """The one lexer for ``name`` in this process (a lexer keeps no state between texts),
    tokenising with ``pygments_loop``: the same tokens in fewer regex calls."""
    try:
        lexer = get_lexer_by_name(name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None
    speed_up(lexer)
    return lexer


# The same code is often highlighted again: each locale's translation of a page repeats its
# code blocks, and many pages share a snippet. Lexing is a pure function of the lexer's name
# and the code, so the last few hundred results are kept (the cost is the text, once).
@lru_cache(maxsize=512)
def _tokens_html(name: str, code: str) -> str | None:
    """The tokens' HTML for ``code`` in the lexer ``name`` (``None``: no such lexer)."""
    lexer = _lexer(name)
    return None if lexer is None else _spans(lexer, code)


@cache
def token_class(ttype: _TokenType) -> str:
    """The short class of a token type, or of its nearest standard parent (Pygments' rule)."""
    current: _TokenType | None = ttype
    while current is not None and current not in STANDARD_TYPES:
        current = current.parent
    return STANDARD_TYPES[current] if current is not None else ""


# Per token type, the opening tag of its span ('' for a type without a class).
_OPENING: dict[_TokenType, str] = {}


def _spans(lexer: Lexer, code: str) -> str:
    """The tokens of ``code``: escaped text, in a span of its class unless only blanks.

    One pass with a list, each type's opening tag made once and the escape skipped for
    text without ``&<>`` (most tokens): ``html.escape(value, quote=False)``'s output.
    """
    out: list[str] = []
    append = out.append
    for ttype, value in lexer.get_tokens(code):
        text = value
        if "&" in value or "<" in value or ">" in value:
            text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        opening = _OPENING.get(ttype)
        if opening is None:
            css = token_class(ttype)
            opening = _OPENING[ttype] = f'<span class="{css}">' if css else ""
        # `not value.isspace()` is `value.strip()` being non-empty, for non-empty text.
        if opening and value and not value.isspace():
            append(opening)
            append(text)
            append("</span>")
        else:
            append(text)
    return "".join(out)


def highlight_tag_html(code: str, lang: str, *, linenos: bool) -> str:
    """Jekyll's ``{% highlight %}`` output for ``code`` (``Jekyll::Tags::HighlightBlock``).

    Rouge's ``HTML`` formatter (``HTMLTable`` with ``linenos``) inside Jekyll's
    ``<figure class="highlight"><pre><code class="language-x" data-lang="x">``; an unknown
    language is plain text. Rouge's lexers end the code with a newline, which ``add_code_tag``
    chomps again.

    Args:
        code: The tag's body, leading and trailing line breaks already trimmed.
        lang: The language, lower-cased.
        linenos: Whether the tag asked for line numbers.
    """
    text = code if code.endswith("\n") else code + "\n"
    highlighted = _tokens_html(lang, text)
    tokens = html.escape(text, quote=False) if highlighted is None else highlighted
    if linenos:
        tokens = line_table(tokens, text.count("\n"), gutter="gutter", code="code")
    elif tokens.endswith("\n"):
        tokens = tokens[:-1]
    language = html.escape(lang.replace("+", "-"))
    return (
        f'<figure class="highlight"><pre><code class="language-{language}" '
        f'data-lang="{html.escape(lang)}">{tokens}</code></pre></figure>'
    )
