"""Jekyll's array filters: ``where``, ``where_exp``, ``find``, ``group_by``, ``sort`` ...

Mirrors ``lib/jekyll/filters.rb`` and ``filters/grouping_filters.rb`` (Jekyll 4.3). Jekyll
compares properties through Ruby's ``to_s`` and reads numeric-looking strings as numbers
(``parse_sort_input``), so ``where: "year", 2024`` matches ``"2024"`` and ``2024`` alike.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from functools import cmp_to_key
from typing import TYPE_CHECKING, Any

from liquid.builtin.expressions import BooleanExpression, FilteredExpression, tokenize
from liquid.builtin.expressions.primitive import Blank, Empty
from liquid.exceptions import FilterArgumentError, LiquidError, LiquidSyntaxError
from liquid.filter import with_context
from liquid.stream import TokenStream
from liquid.token import TOKEN_EXPRESSION, Token

from mkdocs_jekyll.liquid.filters.values import (
    is_nil,
    liquid_to_integer,
    ruby_array,
    ruby_class,
    to_s,
)

if TYPE_CHECKING:
    from liquid import RenderContext
    from liquid.expression import Expression

_INTEGER_LIKE = re.compile(r"\A[ \t\n\v\f\r]*-?\d+[ \t\n\v\f\r]*\Z")
_FLOAT_LIKE = re.compile(r"\A[ \t\n\v\f\r]*-?(?:\d+\.?\d*|\.\d+)[ \t\n\v\f\r]*\Z")


def _parse_sort_input(value: object) -> object:
    """filters.rb parse_sort_input: numeric-looking values become numbers."""
    text = to_s(value)
    if _INTEGER_LIKE.match(text):
        return int(text.strip())
    if _FLOAT_LIKE.match(text):
        return float(text.strip())
    return value


def item_property(item: object, prop: object) -> object:
    """Read ``prop`` (dotted for nested keys) from ``item`` as Jekyll's ``item_property``."""
    name = to_s(prop)
    value: object
    if isinstance(item, Mapping):
        if "." not in name:
            value = item.get(name)
        else:
            # filters.rb read_liquid_attribute: `data.respond_to?(:[]) && data[key]`.
            value = item
            for key in name.split("."):
                if isinstance(value, Mapping):
                    value = value.get(key)
                elif isinstance(value, str):
                    value = key if key in value else None
                else:
                    value = False
                    break
    elif isinstance(item, str):
        value = name if name in item else None
    else:
        value = None
    return _parse_sort_input(value)


def _items(input_: object) -> list[Any] | None:
    """The elements Jekyll iterates: arrays as is, hashes by value; else ``None``."""
    if isinstance(input_, (list, tuple)):
        return list(input_)
    if isinstance(input_, Mapping):
        return list(input_.values())
    return None


def _matches(prop: object, target: object) -> bool:
    """filters.rb compare_property_vs_target."""
    if is_nil(target):
        return prop is None
    if isinstance(target, (Empty, Blank)):
        return prop == "" or "".join(to_s(item) for item in ruby_array(prop)) == ""
    wanted = to_s(target)
    if isinstance(prop, str):
        return prop == wanted
    return any(to_s(item) == wanted for item in ruby_array(prop))


def where(input_: object, prop: object = None, value: object = None) -> object:
    """Jekyll's ``where``: items whose ``prop`` equals ``value`` (compared as text)."""
    if is_nil(prop) or prop is False or isinstance(value, (list, tuple, Mapping)):
        return input_
    items = _items(input_)
    if items is None:
        return input_
    return [item for item in items if _matches(item_property(item, prop), value)]


def find(input_: object, prop: object = None, value: object = None) -> object:
    """Jekyll's ``find``: the first item whose ``prop`` equals ``value``, else ``nil``."""
    if is_nil(prop) or prop is False or isinstance(value, (list, tuple, Mapping)):
        return input_
    items = _items(input_)
    if items is None:
        return input_
    return next((item for item in items if _matches(item_property(item, prop), value)), None)


def _parse(context: RenderContext, kind: str, source: str) -> Expression:
    """Parse a filter's expression argument once per environment."""
    cache: dict[tuple[str, str], Any] = getattr(context.env, "expression_cache", {})
    key = (kind, source)
    if key not in cache:
        parent = Token(TOKEN_EXPRESSION, source, 0, source)
        stream = TokenStream(tokenize(source, parent_token=parent))
        try:
            if kind == "condition":
                cache[key] = BooleanExpression.parse(context.env, stream)
            else:
                cache[key] = FilteredExpression.parse(context.env, stream)
        except LiquidSyntaxError as err:
            raise FilterArgumentError(
                f"invalid expression '{source}': {err.message}", token=None
            ) from err
    expression: Expression = cache[key]
    return expression


def _evaluate(context: RenderContext, expression: Expression, name: str, item: Any) -> object:
    """Evaluate ``expression`` with ``name`` bound to ``item``.

    Errors are re-raised without a position so the filter's own position is reported:
    the expression's tokens point into the argument string, not into the page.
    """
    with context.extend({name: item}):
        try:
            return expression.evaluate(context)
        except LiquidError as err:
            raise FilterArgumentError(
                f"{err.message} (in expression '{expression}')", token=None
            ) from err


def _each_bound(
    context: RenderContext, items: list[Any], variable: object, expression: Expression
) -> list[tuple[Any, object]]:
    name = to_s(variable)
    return [(item, _evaluate(context, expression, name, item)) for item in items]


@with_context
def where_exp(
    input_: object, variable: object, expression: object, *, context: RenderContext
) -> object:
    """Jekyll's ``where_exp``: items for which a Liquid condition holds."""
    items = _items(input_)
    if items is None:
        return input_
    condition = _parse(context, "condition", to_s(expression))
    return [item for item, ok in _each_bound(context, items, variable, condition) if ok]


@with_context
def find_exp(
    input_: object, variable: object, expression: object, *, context: RenderContext
) -> object:
    """Jekyll's ``find_exp``: the first item for which a Liquid condition holds."""
    items = _items(input_)
    if items is None:
        return input_
    condition = _parse(context, "condition", to_s(expression))
    name = to_s(variable)
    for item in items:
        if _evaluate(context, condition, name, item):
            return item
    return None


def _grouped(pairs: list[tuple[object, Any]]) -> list[dict[str, object]]:
    """grouping_filters.rb grouped_array, keeping first-seen order of the names."""
    groups: list[dict[str, object]] = []
    for name, item in pairs:
        for group in groups:
            if group["name"] == name:
                items = group["items"]
                assert isinstance(items, list)
                items.append(item)
                group["size"] = len(items)
                break
        else:
            groups.append({"name": name, "items": [item], "size": 1})
    return groups


def group_by(input_: object, prop: object) -> object:
    """Jekyll's ``group_by``: ``[{name, items, size}]`` by the text of a property."""
    if not isinstance(input_, (list, tuple)):
        return input_
    return _grouped([(to_s(item_property(item, prop)), item) for item in input_])


@with_context
def group_by_exp(
    input_: object, variable: object, expression: object, *, context: RenderContext
) -> object:
    """Jekyll's ``group_by_exp``: groups by the value of a Liquid expression."""
    if not isinstance(input_, (list, tuple)):
        return input_
    parsed = _parse(context, "expression", to_s(expression))
    pairs = _each_bound(context, list(input_), variable, parsed)
    return _grouped([(None if is_nil(key) else key, item) for item, key in pairs])


def _ruby_cmp(left: object, right: object) -> int | None:
    """Ruby's ``<=>``: -1, 0 or 1, or ``None`` when the values are not comparable."""
    if left is None and right is None:
        return 0
    if isinstance(left, bool) or isinstance(right, bool) or left is None or right is None:
        return 0 if left is right else None
    if isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)):
        for a, b in zip(left, right, strict=False):
            result = _ruby_cmp(a, b)
            if result != 0:
                return result
        return (len(left) > len(right)) - (len(left) < len(right))
    try:
        return int(left > right) - int(left < right)  # type: ignore[operator]
    except TypeError:
        return None


def _strict_cmp(left: object, right: object) -> int:
    result = _ruby_cmp(left, right)
    if result is None:
        raise FilterArgumentError(
            f"comparison of {ruby_class(left)} with {ruby_class(right)} failed", token=None
        )
    return result


def sort(input_: object, prop: object = None, nils: object = "first") -> list[Any]:
    """Jekyll's ``sort``: by value, or by a property with ``nil`` first or last."""
    if is_nil(input_):
        raise FilterArgumentError("Cannot sort a null object.", token=None)
    items = ruby_array(input_) if isinstance(input_, Mapping) else _items(input_)
    if items is None:
        raise FilterArgumentError(f"cannot sort a {ruby_class(input_)}", token=None)
    if is_nil(prop):
        return sorted(items, key=cmp_to_key(_strict_cmp))
    if nils == "first":
        order = -1
    elif nils == "last":
        order = 1
    else:
        raise FilterArgumentError(
            f"Invalid nils order: '{to_s(nils)}' is not a valid nils order. "
            "It must be 'first' or 'last'.",
            token=None,
        )

    # filters.rb sort_input: a missing property sorts before (first) or after (last).
    def compare(left: tuple[object, Any], right: tuple[object, Any]) -> int:
        a, b = left[0], right[0]
        if a is not None and b is None:
            return -order
        if a is None and b is not None:
            return order
        result = _ruby_cmp(a, b)
        if result is None:
            result = _ruby_cmp(to_s(a), to_s(b)) or 0
        return result

    keyed = [(item_property(item, prop), item) for item in items]
    return [item for _, item in sorted(keyed, key=cmp_to_key(compare))]


def push(array: object, input_: object) -> object:
    """Jekyll's ``push``: a copy of the array with ``input`` appended."""
    return [*array, input_] if isinstance(array, (list, tuple)) else array


def unshift(array: object, input_: object) -> object:
    """Jekyll's ``unshift``: a copy of the array with ``input`` prepended."""
    return [input_, *array] if isinstance(array, (list, tuple)) else array


def _count(num: object) -> int:
    count = liquid_to_integer(num)
    if count < 0:
        raise FilterArgumentError("negative array size", token=None)
    return count


def pop(array: object, num: object = 1) -> object:
    """Jekyll's ``pop``: a copy of the array without its last ``num`` items."""
    if not isinstance(array, (list, tuple)):
        return array
    count = _count(num)
    return list(array[: max(len(array) - count, 0)])


def shift(array: object, num: object = 1) -> object:
    """Jekyll's ``shift``: a copy of the array without its first ``num`` items."""
    if not isinstance(array, (list, tuple)):
        return array
    return list(array[_count(num) :])


def sample(input_: object, num: object = 1) -> object:
    """Jekyll's ``sample``: one random item, or a list of ``num`` random items."""
    if not isinstance(input_, (list, tuple)):
        return input_
    try:
        count = liquid_to_integer(num)
    except FilterArgumentError:
        count = 1
    if count == 1:
        return random.choice(input_) if input_ else None
    return random.sample(list(input_), min(_count(count), len(input_)))


def array_to_sentence_string(array: object, connector: object = "and") -> str:
    """Jekyll's ``array_to_sentence_string``: ``a, b, and c``."""
    if not isinstance(array, (list, tuple)):
        raise FilterArgumentError(
            f"array_to_sentence_string: expected an array, received {ruby_class(array)}",
            token=None,
        )
    words = [to_s(item) for item in array]
    join = to_s(connector)
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    if len(words) == 2:
        return f"{words[0]} {join} {words[1]}"
    return f"{', '.join(words[:-1])}, {join} {words[-1]}"
