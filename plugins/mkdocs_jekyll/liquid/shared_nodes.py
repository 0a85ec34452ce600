"""Parsed Liquid markup shared by every place a site writes the same markup.

A site's pages repeat their Liquid: the same ``{{ "/en/cv/" | relative_url }}`` link on many
pages, the same ``{% include note.html title="Note" body=page.title %}`` on every page.
python-liquid parses each place from scratch (its expression lexer and parser were most of
a page's Liquid on the bench site). A parsed expression is immutable and reads nothing of
where it was written until it fails: rendering it anywhere gives the same output. So the
environment keeps, by their exact markup, the expressions of output statements and the
file and parameters of ``include`` tags, and each later place gets a node of its own (its
own tag token) around the parsed parts of the first place. An output statement that starts
with a string (``{{ "/en/cv/" | relative_url }}``, a link to each page) is also kept by
what follows the string: a later place gets its own string before the first place's
filters (``LITERAL_OUTPUT``).

What would differ is the position of an error raised by the shared parts: their tokens are
the first place's. Each shared node knows both places and moves the error's token to its
own place before it leaves the node (``rebase``), so a message names the line and
column it always named. What is shared and what is not:

- only markup python-liquid parsed as is: markup read with Ruby's lax fallback
  (``lax_tags``) is parsed each time, so each place warns;
- only output statements whose filters all exist: an unknown filter warns at render time
  with its own token (``JekyllRenderContext``);
- under ``strict_variables``, no ``include`` whose parameters read variables: an undefined
  parameter can leave the include (``{% assign x = include.p %}``) and fail later in the
  page, outside the node that could move its token.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from liquid.builtin.expressions import FilteredExpression, StringLiteral
from liquid.builtin.output import OutputNode
from liquid.exceptions import LiquidError
from liquid.stringify import to_liquid_string
from liquid.token import TOKEN_EXPRESSION, TOKEN_OUTPUT, TOKEN_STRING, Token
from liquid.undefined import StrictUndefined

if TYPE_CHECKING:
    from liquid import Environment, RenderContext
    from liquid.expression import Expression
    from liquid.stream import TokenStream

SHARED_LIMIT = 4096
"""Distinct markups kept per environment (per build); past it, new markup is not kept."""
LITERAL_OUTPUT = "output after a string"
"""The tag under which output statements are kept by what follows their leading string."""


def rebase(
    err: LiquidError, first: Token, here: Token, first_skip: int = 0, here_skip: int = 0
) -> None:
    """Move ``err``'s token from inside the markup parsed at ``first`` to ``here``.

    Both are the markup's expression token: the parsed place's and this node's. The shared
    part starts ``first_skip`` and ``here_skip`` characters into them (after a leading
    string that differs, ``LITERAL_OUTPUT``). A token outside the first place's shared part
    (an include's own, another page's) is left as it is.
    """
    token = err.token
    start = first.start_index + first_skip
    if (
        token is not None
        and token.source is first.source
        and start <= token.start_index < first.start_index + len(first.value)
    ):
        err.token = token._replace(
            start_index=token.start_index - start + here.start_index + here_skip,
            source=here.source,
        )


@dataclass(frozen=True, slots=True)
class Shared:
    """Markup parsed once: its parts, and the expression token it was parsed from."""

    parts: Any
    token: Token

    def first(self, here: Token) -> Token | None:
        """The parsed place's expression token; None when ``here`` is that place."""
        first = self.token
        if here.start_index == first.start_index and here.source is first.source:
            return None
        return first


def shared_store(env: Environment) -> dict[tuple[str, str], Shared] | None:
    """The environment's shared markup by (tag, markup); None where sharing is off."""
    store: dict[tuple[str, str], Shared] | None = getattr(env, "shared_nodes", None)
    return store


def lookup(
    env: Environment, tag: str, expression: Token, markup: str | None = None
) -> Shared | None:
    """The shared parse of ``expression`` (the markup of a ``tag``), if kept.

    ``markup`` is the key when not the expression's whole text (``LITERAL_OUTPUT``).
    """
    store = shared_store(env)
    if store is None:
        return None
    return store.get((tag, expression.value if markup is None else markup))


def keep(
    env: Environment, tag: str, expression: Token, parts: object, markup: str | None = None
) -> None:
    """Keep ``parts``, parsed from ``expression`` as it was lexed, for the same markup."""
    store = shared_store(env)
    if store is not None and len(store) < SHARED_LIMIT:
        key = (tag, expression.value if markup is None else markup)
        store.setdefault(key, Shared(parts, expression))


def _after_literal(markup: str) -> int:
    """Where an output's leading quoted string closes (its quote's index), else 0.

    python-liquid's expression lexer reads a quote, then as few characters as it can up to
    the same quote, as one string token; what follows is lexed on its own.
    """
    if markup[:1] in ("'", '"'):
        return max(markup.find(markup[0], 1), 0)
    return 0


def output_shareable(env: Environment, expression: object) -> bool:
    """Whether an output statement's parsed expression renders the same anywhere."""
    if type(expression) is not FilteredExpression:
        return False  # A ternary or anything else: not worth walking, parsed each time.
    filters = expression.filters or ()
    return all(f.name in env.filters for f in filters)


def params_shareable(env: Environment, params: Mapping[str, object] | None) -> bool:
    """Whether an include's parameters can be shared (see the module's docstring)."""
    if params is None or not issubclass(env.undefined, StrictUndefined):
        return True
    return all(isinstance(value, str) for value in params.values())


def parse_output(
    env: Environment, stream: TokenStream, parse: Callable[[TokenStream], OutputNode]
) -> OutputNode:
    """Parse the output statement at ``stream`` with ``parse``, or take its shared parse.

    Args:
        env: The environment, which keeps the shared parses.
        stream: The template's tokens, at the output token.
        parse: The output statement's own parse (``LaxOutput``'s).

    Returns:
        The node; the stream is left at the expression token, as ``parse`` leaves it.
    """
    expression = stream.peek
    if expression.kind != TOKEN_EXPRESSION:
        return parse(stream)
    shared = lookup(env, TOKEN_OUTPUT, expression)
    if shared is not None:
        token = next(stream)
        return SharedOutputNode(token, shared.parts, shared.first(expression), expression)
    markup = expression.value
    end = _after_literal(markup)
    # `"/en/cv/" | relative_url`: the filters after a string are parsed the same whatever
    # the string, kept under the markup without it.
    rest = markup[0] + markup[end + 1 :] if end else None
    if rest is not None:
        shared = lookup(env, LITERAL_OUTPUT, expression, rest)
        if shared is not None:
            filters, first_end = shared.parts
            string = Token(TOKEN_STRING, markup[1:end], expression.start_index, expression.source)
            reused = FilteredExpression(string, StringLiteral(string, string.value), filters)
            token = next(stream)
            return SharedOutputNode(token, reused, shared.token, expression, first_end + 1, end + 1)
    node = parse(stream)
    parsed = node.expression
    # A token replaced by the lax reading (it warned): parsed at each place, to warn there.
    if stream.current is expression and output_shareable(env, parsed):
        keep(env, TOKEN_OUTPUT, expression, parsed)
        if rest is not None and isinstance(parsed, FilteredExpression):
            lexed = Token(TOKEN_STRING, markup[1:end], expression.start_index, expression.source)
            if type(parsed.left) is StringLiteral and parsed.left.token == lexed:
                keep(env, LITERAL_OUTPUT, expression, (parsed.filters, end), rest)
    return node


class SharedOutputNode(OutputNode):
    """An output statement whose expression was parsed at another place."""

    __slots__ = ("first", "first_skip", "here", "here_skip")

    def __init__(
        self,
        token: Token,
        expression: Expression,
        first: Token | None,
        here: Token,
        first_skip: int = 0,
        here_skip: int = 0,
    ) -> None:
        super().__init__(token, expression)
        self.first = first
        self.here = here
        self.first_skip = first_skip
        self.here_skip = here_skip

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Write the expression's value; an error leaves with this place's position."""
        try:
            return buffer.write(
                to_liquid_string(self.expression.evaluate(context), context.autoescape)
            )
        except LiquidError as err:
            if self.first is not None:
                rebase(err, self.first, self.here, self.first_skip, self.here_skip)
            raise
