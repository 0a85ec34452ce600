"""Liquid that Jekyll accepts though it is not Liquid: Ruby Liquid 5's lax fallback.

Jekyll renders with ``liquid.error_mode: warn``: Ruby Liquid parses each ``for``, ``if``,
``unless``/``elsif`` tag and each ``{{ ... }}``, ``assign`` and ``echo`` value strictly and,
when that fails, warns and parses it again with the regular expressions of Liquid 2's lax
parser (``parser_switching.rb``), which keep what they recognise and drop the rest:
``{% for name in names | sort %}`` loops over ``names`` unsorted, ``{{ x | upcase | }}``
drops the empty filter. python-liquid fails on these, so a theme include that Jekyll builds
stopped the build.

Each tag here parses as python-liquid's does. When the tag's own expression fails (or, for
``for`` and filter arguments, is one python-liquid reads differently from Ruby Liquid), the
expression is rewritten with Ruby's lax regular expressions into the Liquid Jekyll actually
runs, the environment records a warning (or raises, with ``liquid_error_mode: strict``), and
the tag is parsed again from the rewritten expression token.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, TypeVar

from liquid.builtin.expressions import tokenize
from liquid.builtin.expressions.filtered import FilteredExpression
from liquid.builtin.expressions.logical import BooleanExpression
from liquid.builtin.expressions.loop import LoopExpression
from liquid.builtin.expressions.primitive import parse_identifier
from liquid.builtin.output import Output, OutputNode
from liquid.builtin.tags.assign_tag import AssignNode, AssignTag
from liquid.builtin.tags.echo_tag import EchoTag
from liquid.builtin.tags.for_tag import ForTag
from liquid.builtin.tags.if_tag import IfTag
from liquid.builtin.tags.unless_tag import UnlessTag
from liquid.exceptions import LiquidSyntaxError
from liquid.stream import TokenStream
from liquid.token import (
    TOKEN_ASSIGN,
    TOKEN_COLON,
    TOKEN_COLS,
    TOKEN_COMMA,
    TOKEN_EOF,
    TOKEN_EXPRESSION,
    TOKEN_LIMIT,
    TOKEN_OFFSET,
    TOKEN_OUTPUT,
    TOKEN_PIPE,
    TOKEN_REVERSED,
    TOKEN_TAG,
)

from mkdocs_jekyll.liquid.shared_nodes import parse_output

if TYPE_CHECKING:
    from liquid import Environment
    from liquid.ast import Node
    from liquid.token import Token

# Ruby Liquid 5.4's lib/liquid.rb, the building blocks of every lax regular expression.
# The expressions are texts, compiled (by `re`'s cache) on first use: only Liquid that
# python-liquid's own parse rejects reaches them, and compiling them all took about 1.5 ms
# of every build's start.
_QUOTED_STRING = r"\"[^\"]*\"|'[^']*'"
_QUOTED_FRAGMENT = rf"(?:{_QUOTED_STRING}|(?:[^\s,|'\"]|{_QUOTED_STRING})+)"
_TAG_ATTRIBUTES = rf"(\w[\w-]*)\s*:\s*({_QUOTED_FRAGMENT})"
# tags/for.rb: `For::Syntax`; `reversed` counts only right after the collection.
_FOR_SYNTAX = rf"\A([\w-]+)\s+in\s+({_QUOTED_FRAGMENT}+)\s*(reversed)?"
# tags/if.rb: `If::ExpressionsAndOperators` and `If::Syntax`.
_AND_OR = r"\b(?:\s?and\s?|\s?or\s?)\b"
_EXPRESSIONS_AND_OPERATORS = rf"(?:{_AND_OR}|(?:\s*(?!{_AND_OR})(?:{_QUOTED_FRAGMENT}|\S+)\s*)+)"
_IF_SYNTAX = rf"({_QUOTED_FRAGMENT})\s*([=!<>a-z_]+)?\s*({_QUOTED_FRAGMENT})?"
# variable.rb: `MarkupWithQuotedFragment`, `FilterMarkupRegex`, `FilterParser`,
# `FilterArgsRegex`; tags/assign.rb: `Assign::Syntax` (`(?s)`: `re.DOTALL`).
_MARKUP_WITH_QUOTED_FRAGMENT = rf"(?s)({_QUOTED_FRAGMENT})(.*)"
_FILTER_MARKUP = r"(?s)\|\s*(.*)"
_FILTER_PARSER = rf"(?:\s+|{_QUOTED_FRAGMENT}|,)+"
_FILTER_ARGS = rf"(?::|,)\s*((?:\w+\s*:\s*)?{_QUOTED_FRAGMENT})"
_ASSIGN_SYNTAX = r"(?s)((?:\(?[\w\-.\[\]]\)?)+)\s*=\s*(.*?)\s*\Z"
# expression.rb and variable_lookup.rb: `Expression.parse`, `VariableParser`.
_LITERAL = r"\A(?:-?\d+|\(\s*\S+\s*\.\.\s*\S+\s*\)|-?\d[\d.]+|nil|null|true|false|blank|empty)\Z"
_VARIABLE_PARSER = r"\[[^\]]+\]|[\w\-]+\??"
_IDENTIFIER = r"\A[A-Za-z_][\w\-]*\Z"


def lax_expression(fragment: str) -> str:
    """Rewrite one value as Ruby's ``Expression.parse`` reads it.

    A quoted string, number, range or literal stays; anything else is a variable path made
    of the words and brackets Ruby's ``VariableParser`` finds in it: ``(s`` is ``s``,
    ``s!`` is ``s``, ``-s`` is the variable named ``-s``, ``=`` is ``nil``.
    """
    fragment = fragment.strip()
    quoted = len(fragment) > 1 and fragment[0] in "'\"" and fragment[-1] == fragment[0]
    if quoted or re.match(_LITERAL, fragment):
        return fragment
    lookups = re.findall(_VARIABLE_PARSER, fragment)
    if not lookups:
        return "nil"
    name, *rest = lookups
    return _lookup(name, "") + "".join(_lookup(lookup, ".") for lookup in rest)


def _lookup(key: str, dot: str) -> str:
    """One step of a path: ``.key``, a bracket as written, or ``["-s"]`` for a key that
    is not a Liquid identifier."""
    if key.startswith("["):
        return key
    if re.match(_IDENTIFIER, key):
        return f"{dot}{key}"
    return f"[{key!r}]" if '"' in key else f'["{key}"]'


def lax_for(markup: str) -> str | None:
    """Rewrite a ``for`` markup as Ruby's lax parser reads it (``None``: it fails too).

    ``names | sort`` loops over ``names``; ``limit:2 reversed`` is not reversed; unknown
    attributes are dropped; the last ``limit``/``offset`` wins.
    """
    match = re.search(_FOR_SYNTAX, markup.strip())
    if match is None:
        return None
    name, collection, reversed_ = match.groups()
    attributes = {key: value for key, value in re.findall(_TAG_ATTRIBUTES, markup)}
    parts = [f"{name} in {collection}"]
    if reversed_:
        parts.append("reversed")
    parts.extend(f"{key}:{attributes[key]}" for key in ("limit", "offset") if key in attributes)
    return " ".join(parts)


def lax_condition(markup: str) -> str | None:
    """Rewrite an ``if``/``unless``/``elsif`` condition as Ruby's lax parser reads it.

    Each ``and``/``or`` operand keeps its first ``left op right`` and drops the rest:
    ``a == 1 && b`` is ``a == 1``, ``list | size > 1`` is ``list``, ``a, b`` is ``a``.
    """
    parts: list[str] = []
    for index, piece in enumerate(re.findall(_EXPRESSIONS_AND_OPERATORS, markup)):
        if index % 2:
            operator = piece.strip()
            if operator not in ("and", "or"):
                return None
            parts.append(operator)
            continue
        match = re.search(_IF_SYNTAX, piece)
        if match is None:
            return None
        left, operator, right = match.groups()
        parts.append(
            " ".join(
                part
                for part in (lax_expression(left), operator, right and lax_expression(right))
                if part
            )
        )
    if not parts or len(parts) % 2 == 0:
        return None
    return " ".join(parts)


def lax_filtered(markup: str) -> str | None:
    """Rewrite an output or ``echo`` value as Ruby's lax ``Variable`` reads it.

    The value is the first fragment; each ``|``-separated filter keeps its name and the
    arguments that follow a ``:`` or ``,``: ``x | upcase | `` is ``x | upcase``,
    ``x upcase`` is ``x``, ``x | append: 'a' 'b'`` is ``x | append: 'a'``.
    """
    match = re.search(_MARKUP_WITH_QUOTED_FRAGMENT, markup)
    if match is None:
        return "nil"  # Ruby: no name, renders nothing
    name, rest = match.groups()
    parts = [lax_expression(name)]
    filters = re.search(_FILTER_MARKUP, rest)
    if filters is not None:
        for chunk in re.findall(_FILTER_PARSER, filters.group(1)):
            filter_name = re.search(r"\w+", chunk)
            if filter_name is None:
                continue
            args = re.findall(_FILTER_ARGS, chunk)
            parts.append(filter_name.group() + (f": {', '.join(args)}" if args else ""))
    return " | ".join(parts)


def lax_assign(markup: str) -> str | None:
    """Rewrite an ``assign`` markup: Ruby's ``Assign::Syntax``, then a lax value."""
    match = re.search(_ASSIGN_SYNTAX, markup)
    if match is None:
        return None
    value = lax_filtered(match.group(2))
    return None if value is None else f"{match.group(1)} = {value}"


def _kinds(env: Environment, expression: Token) -> list[str]:
    return [token.kind for token in tokenize(expression.value, parent_token=expression)]


def _for_rejected_by_ruby(env: Environment, expression: Token) -> bool:
    """True for loop markup python-liquid reads but Ruby's strict parser does not.

    Ruby's strict grammar is ``x in coll [reversed] (limit|offset: value)*``; python-liquid
    also takes commas, ``cols`` and ``reversed`` anywhere, where Ruby falls back to lax
    parsing, which ignores a ``reversed`` that is not right after the collection.
    """
    if not any(mark in expression.value for mark in (",", "reversed", "cols")):
        return False
    try:
        kinds = _kinds(env, expression)
    except LiquidSyntaxError:
        return False
    if TOKEN_COMMA in kinds or TOKEN_COLS in kinds:
        return True
    if TOKEN_REVERSED in kinds:
        first = kinds.index(TOKEN_REVERSED)
        return TOKEN_LIMIT in kinds[:first] or TOKEN_OFFSET in kinds[:first]
    return False


def _filters_rejected_by_ruby(env: Environment, expression: Token) -> bool:
    """True for filter arguments python-liquid reads but Ruby's strict parser does not.

    A trailing comma (``join: ', ',``) or a colon without arguments (``upcase:``): Ruby
    warns and reads them as python-liquid does.
    """
    if "," not in expression.value and ":" not in expression.value:
        return False
    try:
        kinds = [*_kinds(env, expression), TOKEN_EOF]
    except LiquidSyntaxError:
        return False
    return any(
        kind in (TOKEN_COMMA, TOKEN_COLON) and following in (TOKEN_PIPE, TOKEN_EOF)
        for kind, following in pairwise(kinds)
    )


def _check_loop(env: Environment, expression: Token) -> None:
    LoopExpression.parse(env, _stream(expression))


def _check_condition(env: Environment, expression: Token) -> None:
    BooleanExpression.parse(env, _stream(expression))


def _check_filtered(env: Environment, expression: Token) -> None:
    FilteredExpression.parse(env, _stream(expression))


def _check_assign(env: Environment, expression: Token) -> None:
    tokens = _stream(expression)
    parse_identifier(env, tokens, allow_trailing_question_mark=False)
    tokens.eat(TOKEN_ASSIGN)
    FilteredExpression.parse(env, tokens)


def _stream(expression: Token) -> TokenStream:
    return TokenStream(tokenize(expression.value, parent_token=expression))


@dataclass(frozen=True)
class LaxSpec:
    """How one tag's expressions fall back to Ruby's lax reading.

    Attributes:
        opener: The token that starts the tag (``TOKEN_TAG`` or ``TOKEN_OUTPUT``).
        names: Tag names whose expression belongs to this tag (``if`` and ``elsif``).
        check: Parses an expression token alone, raising ``LiquidSyntaxError`` if invalid.
        repair: Ruby's lax reading of a markup, or ``None`` when Ruby fails as well.
        rejected_by_ruby: For markup python-liquid accepts: whether Ruby's strict parser
            would not (Ruby then warns, and may read it differently), or for a tag that
            does not ``warn``, whether Ruby reads it differently.
        delimiters: How the tag is written around its markup in messages.
    """

    opener: str
    names: frozenset[str]
    check: Callable[[Environment, Token], None]
    repair: Callable[[str], str | None]
    rejected_by_ruby: Callable[[Environment, Token], bool] | None = None
    delimiters: tuple[str, str] = ("{% ", " %}")
    warns: bool = True
    """False for tags Ruby Liquid 5 reads with regular expressions only: Jekyll neither
    warns nor fails on them, whatever its ``error_mode``."""


def parse_lax(
    env: Environment, stream: TokenStream, parse: Callable[[TokenStream], NodeT], spec: LaxSpec
) -> NodeT:
    """Parse a tag with python-liquid, falling back to Ruby's lax reading of its markup.

    Args:
        env: The environment; a ``JekyllEnvironment`` decides to warn, raise or stay quiet.
        stream: The template's tokens, at the tag's opening token.
        parse: python-liquid's parse of the tag.
        spec: The tag's expressions and their lax reading.

    Returns:
        The tag's node.

    Raises:
        LiquidSyntaxError: Ruby's lax parser fails as well, or the error mode is strict.
    """
    start = stream.pos
    first = start + 1
    if (
        spec.rejected_by_ruby is not None
        and first < len(stream.tokens)
        and stream.tokens[first].kind == TOKEN_EXPRESSION
        and spec.rejected_by_ruby(env, stream.tokens[first])
    ):
        _rewrite(env, stream, first, spec, None)
    while True:
        try:
            return parse(stream)
        except LiquidSyntaxError as err:
            index = _failing_expression(env, stream, start, spec)
            if index is None or not _rewrite(env, stream, index, spec, err):
                raise
            stream.pos = start


def _failing_expression(
    env: Environment, stream: TokenStream, start: int, spec: LaxSpec
) -> int | None:
    """The last of this tag's expression tokens parsed so far that is invalid on its own."""
    tokens = stream.tokens
    for index in range(min(stream.pos + 1, len(tokens) - 1), start, -1):
        opener = tokens[index - 1]
        if tokens[index].kind != TOKEN_EXPRESSION or opener.kind != spec.opener:
            continue
        if spec.opener == TOKEN_TAG and opener.value not in spec.names:
            continue
        try:
            spec.check(env, tokens[index])
        except LiquidSyntaxError:
            return index
    return None


def _rewrite(
    env: Environment, stream: TokenStream, index: int, spec: LaxSpec, err: LiquidSyntaxError | None
) -> bool:
    """Replace the expression token at ``index`` with Ruby's lax reading; report it."""
    expression = stream.tokens[index]
    repaired = spec.repair(expression.value)
    if repaired is None or repaired == expression.value:
        return False
    fixed = expression._replace(value=repaired)
    try:
        spec.check(env, fixed)
    except LiquidSyntaxError:
        return False
    opener = stream.tokens[index - 1]
    prefix = f"{opener.value} " if opener.kind == TOKEN_TAG else ""
    left, right = spec.delimiters
    report = getattr(env, "lax_syntax", None)
    # `{{ }}`: Ruby's strict parser accepts it too (it renders nothing).
    if report is not None and spec.warns and expression.value.strip():
        report(
            opener,
            f"{left}{prefix}{expression.value.strip()}{right}",
            f"{left}{prefix}{repaired}{right}",
            err,
        )
    stream.tokens[index] = fixed
    return True


NodeT = TypeVar("NodeT", bound="Node")

_FOR = LaxSpec(TOKEN_TAG, frozenset({"for"}), _check_loop, lax_for, _for_rejected_by_ruby)
_IF = LaxSpec(TOKEN_TAG, frozenset({"if", "elsif"}), _check_condition, lax_condition)
_UNLESS = LaxSpec(TOKEN_TAG, frozenset({"unless", "elsif"}), _check_condition, lax_condition)
_OUTPUT = LaxSpec(
    TOKEN_OUTPUT,
    frozenset(),
    _check_filtered,
    lax_filtered,
    _filters_rejected_by_ruby,
    ("{{ ", " }}"),
)
_ECHO = LaxSpec(
    TOKEN_TAG, frozenset({"echo"}), _check_filtered, lax_filtered, _filters_rejected_by_ruby
)
_ASSIGN = LaxSpec(
    TOKEN_TAG, frozenset({"assign"}), _check_assign, lax_assign, _filters_rejected_by_ruby
)


class LaxForTag(ForTag):
    """``for``, with Ruby's lax reading of a loop its strict parser rejects."""

    def parse(self, stream: TokenStream) -> Node:
        return parse_lax(self.env, stream, super().parse, _FOR)


class LaxIfTag(IfTag):
    """``if``/``elsif``, with Ruby's lax reading of a condition its strict parser rejects."""

    def parse(self, stream: TokenStream) -> Node:
        return parse_lax(self.env, stream, super().parse, _IF)


class LaxUnlessTag(UnlessTag):
    """``unless``/``elsif``, as ``LaxIfTag``."""

    def parse(self, stream: TokenStream) -> Node:
        return parse_lax(self.env, stream, super().parse, _UNLESS)


class LaxOutput(Output):
    """``{{ ... }}``, with Ruby's lax ``Variable`` reading of what its strict parser rejects.

    An expression parsed as is serves the same markup elsewhere (``shared_nodes``).
    """

    def parse(self, stream: TokenStream) -> OutputNode:
        parse = super().parse
        return parse_output(self.env, stream, lambda s: parse_lax(self.env, s, parse, _OUTPUT))


class LaxEchoTag(EchoTag):
    """``echo``, as ``LaxOutput``."""

    def parse(self, stream: TokenStream) -> Node:
        return parse_lax(self.env, stream, super().parse, _ECHO)


class LaxAssignTag(AssignTag):
    """``assign``, with Ruby's ``Assign::Syntax`` and a lax value."""

    def parse(self, stream: TokenStream) -> AssignNode:
        return parse_lax(self.env, stream, super().parse, _ASSIGN)


LAX_TAGS = (LaxForTag, LaxIfTag, LaxUnlessTag, LaxOutput, LaxEchoTag, LaxAssignTag)
"""Registered over python-liquid's tags of the same names."""
