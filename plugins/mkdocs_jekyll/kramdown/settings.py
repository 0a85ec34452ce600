"""A site's ``kramdown:`` settings, with the defaults Jekyll 4.3 sets.

Jekyll passes its ``kramdown:`` block to kramdown merged over these defaults
(``Jekyll::Configuration::DEFAULTS`` and ``KramdownParser#setup``); kramdown's own defaults
(``Kramdown::Options``) fill the rest. A migrated ``_config.yml`` block is read as it is, so
the same keys and values mean the same thing here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from html.entities import name2codepoint
from typing import Any

# kramdown's entity table (utils/entities.rb): HTML 4's names, with apos and vellip.
ENTITIES: dict[str, int] = {**name2codepoint, "apos": 39, "vellip": 0x22EE}
# kramdown's entity_output values (utils/html.rb entity_to_str).
ENTITY_OUTPUTS = ("as_char", "as_input", "numeric", "symbolic")
_RANGE = re.compile(r"^\s*([1-6])\s*\.\.\s*([1-6])\s*$")


@dataclass(frozen=True)
class KramdownSettings:
    """The options that change the HTML, by their kramdown names."""

    input: str = "GFM"
    hard_wrap: bool = False
    auto_ids: bool = True
    auto_id_prefix: str = ""
    auto_id_stripping: bool = False
    transliterated_header_ids: bool = False
    toc_levels: tuple[int, ...] = (1, 2, 3, 4, 5, 6)
    smart_quotes: tuple[str, str, str, str] = ("lsquo", "rsquo", "ldquo", "rdquo")
    typographic_symbols: Mapping[str, str] = field(default_factory=dict)
    footnote_nr: int = 1
    footnote_backlink: str = "&#8617;"
    footnote_backlink_inline: bool = False
    entity_output: str = "as_char"
    parse_block_html: bool = False
    parse_span_html: bool = True
    math_engine: str | None = "mathjax"
    syntax_highlighter: str | None = "rouge"
    syntax_highlighter_opts: Mapping[str, Any] = field(default_factory=dict)
    guess_lang: bool = True
    header_offset: int = 0
    gfm_quirks: tuple[str, ...] = ("paragraph_end",)
    # Not kramdown's: the pipeline's features a site turns off (`features: {tables: false}`).
    features: Mapping[str, bool] = field(default_factory=dict)
    # Keys kramdown knows that do not change the HTML here, or that we cannot apply.
    ignored: Mapping[str, Any] = field(default_factory=dict)

    @property
    def gfm(self) -> bool:
        """GFM input (Jekyll's default) rather than plain kramdown."""
        return self.input.lower() == "gfm"

    @classmethod
    def from_block(
        cls, block: Mapping[str, Any] | None, *, source: str = "kramdown"
    ) -> KramdownSettings:
        """Settings from a ``kramdown:`` block; ``source`` names it in messages.

        Raises:
            ValueError: a known key with a value of the wrong shape, with the key named.
        """
        values: dict[str, Any] = {}
        ignored: dict[str, Any] = {}
        known = {f.name for f in fields(cls)} - {"ignored"}
        for key, value in (block or {}).items():
            name = str(key)
            if name not in known:
                ignored[name] = value
                continue
            values[name] = _coerce(name, value, source)
        return cls(**values, ignored=ignored)


def _coerce(name: str, value: Any, source: str) -> Any:
    where = f"{source}.{name}"
    if name in {
        "hard_wrap",
        "auto_ids",
        "auto_id_stripping",
        "transliterated_header_ids",
        "footnote_backlink_inline",
        "parse_block_html",
        "parse_span_html",
        "guess_lang",
    }:
        if not isinstance(value, bool):
            raise ValueError(f"{where}: expected true or false, got {value!r}")
        return value
    if name in {"footnote_nr", "header_offset"}:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{where}: expected a whole number, got {value!r}")
        return value
    if name == "toc_levels":
        return _toc_levels(value, where)
    if name == "smart_quotes":
        parts = value.split(",") if isinstance(value, str) else value
        if not isinstance(parts, list | tuple) or len(parts) != 4:
            raise ValueError(f"{where}: expected four entities such as 'lsquo,rsquo,ldquo,rdquo'")
        quotes = tuple(str(part).strip() for part in parts)
        unknown = [q for q in quotes if not q.isdigit() and q not in ENTITIES]
        if unknown:
            raise ValueError(
                f"{where}: '{unknown[0]}' is not an HTML entity name or number "
                "(kramdown's smart_quotes, such as 'lsquo,rsquo,ldquo,rdquo' or '8216,8217,...')"
            )
        return quotes
    if name == "entity_output":
        if value not in ENTITY_OUTPUTS:
            choices = ", ".join(ENTITY_OUTPUTS)
            raise ValueError(f"{where}: expected one of {choices}, got {value!r}")
        return value
    if name == "gfm_quirks":
        parts = value.split(",") if isinstance(value, str) else value or []
        return tuple(str(part).strip() for part in parts)
    if name in {"typographic_symbols", "syntax_highlighter_opts"}:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise ValueError(f"{where}: expected a mapping, got {value!r}")
        return dict(value)
    if name == "features":
        if not isinstance(value, Mapping) or not all(
            isinstance(flag, bool) for flag in value.values()
        ):
            raise ValueError(f"{where}: expected a mapping of feature names to true or false")
        return {str(key): flag for key, flag in value.items()}
    if name in {"math_engine", "syntax_highlighter"}:
        return None if value in (None, "", "nil") else str(value)
    if name == "input":
        text = str(value)
        if text.lower() not in {"gfm", "kramdown"}:
            raise ValueError(f"{where}: expected GFM or kramdown, got {value!r}")
        return text
    return str(value)


def _toc_levels(value: Any, where: str) -> tuple[int, ...]:
    """kramdown accepts a list, a Ruby range written ``1..3``, or ``"1,2,3"``."""
    if isinstance(value, int) and not isinstance(value, bool):
        levels = [value]
    elif isinstance(value, str):
        match = _RANGE.match(value)
        if match:
            levels = list(range(int(match[1]), int(match[2]) + 1))
        else:
            try:
                levels = [int(part) for part in value.split(",") if part.strip()]
            except ValueError:
                raise ValueError(f"{where}: expected levels such as 1..3 or [2, 3]") from None
    elif isinstance(value, list | tuple):
        levels = list(value)
    else:
        raise ValueError(f"{where}: expected levels such as 1..3 or [2, 3]")
    if not levels or any(
        isinstance(x, bool) or not isinstance(x, int) or not 1 <= x <= 6 for x in levels
    ):
        raise ValueError(f"{where}: levels must be whole numbers from 1 to 6, got {value!r}")
    return tuple(sorted(set(levels)))
