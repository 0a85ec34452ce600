"""Tag markup Ruby Liquid 5 reads with regular expressions only, and ignores in part.

Unlike ``for``, ``if``, ``assign`` and output (``tags/lax_tags.py``), Ruby Liquid 5.4 parses
``case``, ``capture``, ``tablerow`` and ``cycle`` with one regular expression each and never
with its strict parser, and ignores whatever follows the name of an end tag, ``break``,
``continue`` and a ``for`` loop's ``else`` (``block.rb`` passes only the tag name on). Jekyll
builds such markup without a warning, whatever its ``liquid.error_mode``: ``{% endfor x %}``,
``{% case s foo %}`` (``case s``), ``{% cycle 'a' 'b' %}`` (``cycle 'a'``: each
comma-separated value is its first fragment). Here the same markup renders as in Jekyll,
without a warning either.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from liquid.builtin.content import ContentNode, Literal
from liquid.builtin.expressions import PositionalArgument, parse_primitive
from liquid.builtin.expressions.loop import LoopExpression
from liquid.builtin.expressions.primitive import parse_identifier
from liquid.builtin.tags.capture_tag import CaptureNode, CaptureTag
from liquid.builtin.tags.case_tag import CaseTag
from liquid.builtin.tags.cycle_tag import CycleNode, CycleTag
from liquid.builtin.tags.tablerow_tag import TablerowNode, TablerowTag
from liquid.exceptions import LiquidSyntaxError
from liquid.token import TOKEN_COLON, TOKEN_EXPRESSION, TOKEN_TAG

from mkdocs_jekyll.liquid.tags.lax_tags import (
    _QUOTED_FRAGMENT,
    _TAG_ATTRIBUTES,
    LaxSpec,
    _stream,
    parse_lax,
)

if TYPE_CHECKING:
    from liquid import Environment
    from liquid.ast import Node
    from liquid.stream import TokenStream
    from liquid.token import Token

# Ruby Liquid 5.4: tags/case.rb `Case::Syntax`, tags/capture.rb `Capture::Syntax` (with
# lib/liquid.rb's `VariableSignature`), tags/table_row.rb `TableRow::Syntax`,
# tags/cycle.rb `Cycle::SimpleSyntax` and `Cycle::NamedSyntax`.
# Texts compiled on first use, as `lax_tags`' (`(?s)`: `re.DOTALL`).
_CASE_SYNTAX = f"({_QUOTED_FRAGMENT})"
_CAPTURE_SYNTAX = r"((?:\(?[\w\-.\[\]]\)?)+)"
_TABLEROW_SYNTAX = rf"(\w+)\s+in\s+({_QUOTED_FRAGMENT}+)"
_CYCLE_SIMPLE = rf"\A(?:{_QUOTED_FRAGMENT})+"
_CYCLE_NAMED = rf"(?s)\A({_QUOTED_FRAGMENT})\s*:\s*(.*)"
_CYCLE_VALUE = rf"\s*({_QUOTED_FRAGMENT})\s*"


def lax_case(markup: str) -> str | None:
    """``case``'s subject: the first fragment (``s foo`` is ``s``)."""
    match = re.search(_CASE_SYNTAX, markup)
    return None if match is None else match.group(1)


def lax_capture(markup: str) -> str | None:
    """``capture``'s variable: the first run of name characters (``t foo`` is ``t``)."""
    match = re.search(_CAPTURE_SYNTAX, markup)
    return None if match is None else match.group(1)


def lax_tablerow(markup: str) -> str | None:
    """``tablerow``'s loop: ``x in coll`` and its ``cols``/``limit``/``offset`` attributes.

    Anything else is ignored: a trailing word, a comma, ``reversed`` (Ruby's ``tablerow``
    has none).
    """
    match = re.search(_TABLEROW_SYNTAX, markup)
    if match is None:
        return None
    attributes = {key: value for key, value in re.findall(_TAG_ATTRIBUTES, markup)}
    parts = [f"{match.group(1)} in {match.group(2)}"]
    parts.extend(
        f"{key}:{attributes[key]}" for key in ("cols", "limit", "offset") if key in attributes
    )
    return " ".join(parts)


def lax_cycle(markup: str) -> str | None:
    """``cycle``'s values: each comma-separated piece is its first fragment.

    ``'a' 'b'`` is ``'a'`` alone; ``'a' 'b', 'c'`` is ``'a', 'c'``. Ruby splits at every
    comma, in quotes too.
    """
    named = re.search(_CYCLE_NAMED, markup)
    if named is not None:
        group, values = f"{named.group(1)}: ", named.group(2)
    elif re.search(_CYCLE_SIMPLE, markup) is not None:
        group, values = "", markup
    else:
        return None
    fragments = [
        match.group(1) for part in values.split(",") if (match := re.search(_CYCLE_VALUE, part))
    ]
    return group + ", ".join(fragments)


def _check_case(env: Environment, expression: Token) -> None:
    tokens = _stream(expression)
    parse_primitive(env, tokens)
    tokens.expect_eos()


def _check_capture(env: Environment, expression: Token) -> None:
    tokens = _stream(expression)
    parse_identifier(env, tokens)
    tokens.expect_eos()


def _check_tablerow(env: Environment, expression: Token) -> None:
    LoopExpression.parse(env, _stream(expression))


def _cycle_values(env: Environment, expression: Token) -> list[str]:
    """The group and values python-liquid's ``cycle`` reads from ``expression``."""
    tokens = _stream(expression)
    group = []
    if tokens.peek.kind == TOKEN_COLON:
        group.append(str(parse_primitive(env, tokens)))
        tokens.eat(TOKEN_COLON)
    return group + [str(argument.value) for argument in PositionalArgument.parse(env, tokens)]


def _check_cycle(env: Environment, expression: Token) -> None:
    _cycle_values(env, expression)


def _cycle_read_differently(env: Environment, expression: Token) -> bool:
    """True when python-liquid's ``cycle`` would not cycle through Ruby's values."""
    repaired = lax_cycle(expression.value)
    if repaired is None:
        return False
    try:
        return _cycle_values(env, expression) != _cycle_values(
            env, expression._replace(value=repaired)
        )
    except LiquidSyntaxError:
        return False


def _tablerow_read_differently(env: Environment, expression: Token) -> bool:
    """True for ``reversed`` or commas, which python-liquid's ``tablerow`` reads and Ruby's
    ignores."""
    value = expression.value
    return ("reversed" in value or "," in value) and lax_tablerow(value) not in (None, value)


_CASE = LaxSpec(TOKEN_TAG, frozenset({"case"}), _check_case, lax_case, warns=False)
_CAPTURE = LaxSpec(TOKEN_TAG, frozenset({"capture"}), _check_capture, lax_capture, warns=False)
_TABLEROW = LaxSpec(
    TOKEN_TAG,
    frozenset({"tablerow"}),
    _check_tablerow,
    lax_tablerow,
    _tablerow_read_differently,
    warns=False,
)
_CYCLE = LaxSpec(
    TOKEN_TAG,
    frozenset({"cycle"}),
    _check_cycle,
    lax_cycle,
    _cycle_read_differently,
    warns=False,
)


class LaxCaseTag(CaseTag):
    """``case``, reading its subject as Ruby's ``Case::Syntax`` does."""

    def parse(self, stream: TokenStream) -> Node:
        return parse_lax(self.env, stream, super().parse, _CASE)


class LaxCaptureTag(CaptureTag):
    """``capture``, reading its variable as Ruby's ``Capture::Syntax`` does."""

    def parse(self, stream: TokenStream) -> CaptureNode:
        return parse_lax(self.env, stream, super().parse, _CAPTURE)


class LaxTablerowTag(TablerowTag):
    """``tablerow``, reading its loop as Ruby's ``TableRow::Syntax`` does."""

    def parse(self, stream: TokenStream) -> TablerowNode:
        return parse_lax(self.env, stream, super().parse, _TABLEROW)


class LaxCycleTag(CycleTag):
    """``cycle``, through the values Ruby's ``Cycle`` reads."""

    def parse(self, stream: TokenStream) -> CycleNode:
        return parse_lax(self.env, stream, super().parse, _CYCLE)


_IGNORES_MARKUP = frozenset({"break", "continue"})
_BLOCKS = frozenset({"for", "if", "unless", "case", "tablerow", "capture", "ifchanged"})


class LaxLiteral(Literal):
    """Template text, and the ignored markup of an end tag, ``break``, ``continue`` or ``else``.

    python-liquid leaves that markup in the token stream, where it is no statement.
    """

    def parse(self, stream: TokenStream) -> ContentNode:
        token = stream.current
        if token.kind == TOKEN_EXPRESSION and stream.pos > 0:
            tag = stream.tokens[stream.pos - 1]
            if tag.kind == TOKEN_TAG and _ignores_markup(stream, tag):
                return self.node_class(token, "")
        return super().parse(stream)


def _ignores_markup(stream: TokenStream, tag: Token) -> bool:
    """Whether Ruby Liquid ignores the markup of ``tag`` (the token before the current one).

    Raises:
        LiquidSyntaxError: An ``else`` with markup in a ``case``, which Ruby rejects.
    """
    if tag.value.startswith("end") or tag.value in _IGNORES_MARKUP:
        return True
    if tag.value != "else":
        return False
    # tags/for.rb ignores an `else`'s markup (`if`/`unless` read theirs themselves);
    # tags/case.rb refuses it.
    depth = 0
    for index in range(stream.pos - 2, -1, -1):
        previous = stream.tokens[index]
        if previous.kind != TOKEN_TAG:
            continue
        if previous.value.startswith("end") and previous.value[3:] in _BLOCKS:
            depth += 1
        elif previous.value in _BLOCKS:
            if depth == 0:
                if previous.value == "case":
                    raise LiquidSyntaxError(
                        "Syntax Error in tag 'case' - Valid else condition: {% else %} "
                        "(no parameters)",
                        token=tag,
                    )
                return previous.value == "for"
            depth -= 1
    return False


LAX_MARKUP_TAGS = (LaxCaseTag, LaxCaptureTag, LaxTablerowTag, LaxCycleTag, LaxLiteral)
"""Registered over python-liquid's tags (and its template text pseudo-tag) of those names."""
