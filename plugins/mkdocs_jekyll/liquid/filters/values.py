"""Ruby's view of values, which Jekyll's filters print and compare through.

Jekyll's filters call Ruby's ``to_s``, ``inspect`` and ``to_json`` on whatever YAML gave
them; PyYAML gives the same data as Python values. These helpers print those values as
Ruby would, so ``jsonify``, ``inspect``, ``where`` and ``group_by`` agree with Jekyll.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from liquid.exceptions import FilterArgumentError
from liquid.undefined import Undefined

from mkdocs_jekyll.jekyll.drops import DocumentDrop

_TO_I = re.compile(r"[ \t\n\v\f\r]*([+-]?\d+(?:_\d+)*)")
_INSPECT_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\f": "\\f",
    "\v": "\\v",
    "\a": "\\a",
    "\b": "\\b",
    "\x1b": "\\e",
}


def is_nil(value: object) -> bool:
    """Return True for ``nil``: ``None`` or an undefined variable."""
    return value is None or isinstance(value, Undefined)


def ruby_float(value: float) -> str:
    """Print a float as Ruby's ``Float#to_s`` does (``2.0``, ``1.0e+20``)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        sign = exponent[0] if exponent[0] in "+-" else "+"
        return f"{mantissa}e{sign}{exponent.lstrip('+-').rjust(2, '0')}"
    return text


def ruby_time(value: dt.datetime) -> str:
    """Print a datetime as Ruby's ``Time#to_s`` (``2024-01-02 10:00:00 +0000``)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.strftime("%Y-%m-%d %H:%M:%S %z")


def to_s(value: object) -> str:
    """Return Ruby's ``to_s`` of a YAML value: ``nil -> ''``, ``true -> 'true'``."""
    if value is None or isinstance(value, Undefined):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return ruby_float(value)
    if isinstance(value, dt.datetime):
        return ruby_time(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple, Mapping)):
        return inspect(value)
    return str(value)


def inspect(value: object) -> str:
    """Return Ruby's ``inspect`` of a YAML value (``{"a"=>[1, nil]}``), for debugging."""
    if value is None or isinstance(value, Undefined):
        return "nil"
    if isinstance(value, str):
        return _inspect_string(value)
    if isinstance(value, DocumentDrop):
        value = value.collapsed()  # previous/next point back: print them one level deep
    if isinstance(value, Mapping):
        items = (f"{inspect(key)}=>{inspect(item)}" for key, item in value.items())
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(inspect(item) for item in value) + "]"
    return to_s(value)


def _inspect_string(value: str) -> str:
    out = ['"']
    for index, char in enumerate(value):
        if char in _INSPECT_ESCAPES:
            out.append(_INSPECT_ESCAPES[char])
        elif char == "#" and value[index + 1 : index + 2] in ("{", "$", "@"):
            out.append("\\#")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\x{ord(char):02X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def ruby_class(value: object) -> str:
    """Name the Ruby class of a YAML value, for messages that quote Ruby's."""
    if value is None or isinstance(value, Undefined):
        return "NilClass"
    names: list[tuple[type, str]] = [
        (bool, "TrueClass" if value is True else "FalseClass"),
        (int, "Integer"),
        (float, "Float"),
        (str, "String"),
        (dt.datetime, "Time"),
        (dt.date, "Date"),
        (Mapping, "Hash"),
        (list, "Array"),
        (tuple, "Array"),
    ]
    for kind, name in names:
        if isinstance(value, kind):
            return name
    return type(value).__name__


def to_json(value: object, depth: int = 0) -> str:
    """Serialise a YAML value as Ruby's ``to_json`` does: compact, UTF-8, Ruby floats.

    ``depth`` counts the arrays and objects around ``value``: from the second level on, a
    document's ``previous`` and ``next`` are collapsed (``DocumentDrop#hash_for_json``),
    which also ends the cycle they form.
    """
    if isinstance(value, DocumentDrop) and depth >= 2:
        value = value.collapsed()
    if value is None or isinstance(value, Undefined):
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return ruby_float(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        items = (f"{to_json(to_s(key))}:{to_json(item, depth + 1)}" for key, item in value.items())
        return "{" + ",".join(items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(to_json(item, depth + 1) for item in value) + "]"
    return json.dumps(to_s(value), ensure_ascii=False)


def jsonify(input_: object) -> str:
    """Jekyll's ``jsonify``: the value as JSON, for scripts and data attributes."""
    return to_json(input_)


def inspect_filter(input_: object) -> str:
    """Jekyll's ``inspect``: Ruby's ``inspect`` of the value, XML-escaped."""
    return xml_escape(inspect(input_))


def xml_escape(input_: object) -> str:
    """Jekyll's ``xml_escape``: escape ``& < > " '`` for XML text and attributes."""
    text = to_s(input_)
    for char, entity in (
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ('"', "&quot;"),
        ("'", "&apos;"),
    ):
        text = text.replace(char, entity)
    return text


def ruby_to_i(value: str) -> int:
    """Ruby's ``String#to_i``: the leading integer, ``0`` when there is none."""
    match = _TO_I.match(value)
    return int(match.group(1).replace("_", "")) if match else 0


def liquid_to_integer(value: object) -> int:
    """``Liquid::Utils.to_integer``: an int, or a string that is exactly an integer.

    Raises:
        FilterArgumentError: When the value is not an integer, as Liquid raises
            "invalid integer".
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = to_s(value).strip()
    if re.fullmatch(r"[+-]?\d+(?:_\d+)*", text):
        return int(text.replace("_", ""))
    raise FilterArgumentError(f"invalid integer '{to_s(value)}'", token=None)


def to_integer(input_: object) -> int:
    """Jekyll's ``to_integer``: ``true -> 1``, ``false -> 0``, else Ruby's ``to_i``."""
    if input_ is True:
        return 1
    if input_ is False:
        return 0
    if is_nil(input_):
        return 0
    if isinstance(input_, int):
        return input_
    if isinstance(input_, (float, Decimal)):
        return int(input_)
    if isinstance(input_, str):
        return ruby_to_i(input_)
    raise FilterArgumentError(
        f"to_integer: expected a number or a string, received {ruby_class(input_)}",
        token=None,
    )


def ruby_array(value: object) -> list[Any]:
    """Ruby's ``Array(value)``: ``nil -> []``, a list as is, a hash as pairs."""
    if is_nil(value):
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, Mapping):
        return [[key, item] for key, item in value.items()]
    return [value]
