"""Parsed Liquid markup shared by every place a site writes the same markup.

A site's pages repeat their Liquid: the same ``{{ "/en/cv/" | relative_url }}`` link on many
pages, the same ``{% include note.html title="Note" body=page.title %}`` on every page.
python-liquid parses each place from scratch (its expression lexer and parser were most of
a page's Liquid on the bench site). A parsed expression is immutable and reads nothing of
where it was written until it fails: rendering it anywhere gives the same output. So the
environment keeps, by their exact markup, the expressions of output statements and the
file and parameters of ``include`` tags, and each later place gets a node of its own (its
own tag token) around the parsed parts of the first place.

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

from liquid.builtin.expressions import FilteredExpression
from liquid.builtin.output import OutputNode
from liquid.exceptions import LiquidError
from liquid.stringify import to_liquid_string
from liquid.token import TOKEN_EXPRESSION, TOKEN_OUTPUT
from liquid.undefined import StrictUndefined

if TYPE_CHECKING:
    from liquid import Environment, RenderContext
    from liquid.expression import Expression
    from liquid.stream import TokenStream
    from liquid.token import Token

SHARED_LIMIT = 4096
"""Distinct markups kept per environment (per build); past it, new markup is not kept."""


def rebase(err: LiquidError, first: Token, here: Token) -> None:
    """Move ``err``'s token from inside the markup parsed at ``first`` to ``here``.

    Both are the markup's expression token: the parsed place's and this node's. A token
    outside the first place's markup (an include's own, another page's) is left as it is.
    """
    token = err.token
    start = first.start_index
    if (
        token is not None
        and token.source is first.source
        and start <= token.start_index < start + len(first.value)
    ):
        err.token = token._replace(
            start_index=token.start_index - start + here.start_index, source=here.source
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


def lookup(env: Environment, tag: str, expression: Token) -> Shared | None:
    """The shared parse of ``expression`` (the markup of a ``tag``), if kept."""
    store = shared_store(env)
    if store is None:
        return None
    return store.get((tag, expression.value))


def keep(env: Environment, tag: str, expression: Token, parts: object) -> None:
    """Keep ``parts``, parsed from ``expression`` as it was lexed, for the same markup."""
    store = shared_store(env)
    if store is not None and len(store) < SHARED_LIMIT:
        store.setdefault((tag, expression.value), Shared(parts, expression))


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
    node = parse(stream)
    # A token replaced by the lax reading (it warned): parsed at each place, to warn there.
    if stream.current is expression and output_shareable(env, node.expression):
        keep(env, TOKEN_OUTPUT, expression, node.expression)
    return node


class SharedOutputNode(OutputNode):
    """An output statement whose expression was parsed at another place."""

    __slots__ = ("first", "here")

    def __init__(
        self, token: Token, expression: Expression, first: Token | None, here: Token
    ) -> None:
        super().__init__(token, expression)
        self.first = first
        self.here = here

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Write the expression's value; an error leaves with this place's position."""
        try:
            return buffer.write(
                to_liquid_string(self.expression.evaluate(context), context.autoescape)
            )
        except LiquidError as err:
            if self.first is not None:
                rebase(err, self.first, self.here)
            raise
