"""The YAML loader of front matter, ``_data`` files and the package's UI text.

Jekyll reads all three with ``SafeYAML.load`` (``lib/jekyll/utils.rb`` and
``readers/data_reader.rb``: Psych's safe loading, no arbitrary objects). PyYAML's
``SafeLoader`` is the equivalent; its C version, when PyYAML was built with libyaml, parses
the same documents several times faster, and a site with hundreds of posts reads every front
matter block on each build. The one place that chooses: every reader of YAML in the package
loads through ``load_yaml``, so no reader falls back differently.

Most front matter is a few ``key: value`` lines of text (``title: "About"``,
``permalink: /en/about/``), and setting up the parser for each costs more than reading
them: ``load_simple_mapping`` reads exactly those blocks without it, with PyYAML's own
resolver deciding which plain values are text, and hands every other block back.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

import yaml

try:  # pragma: no cover - depends on how PyYAML was built
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader  # type: ignore[assignment]

__all__ = ["SafeLoader", "load_simple_mapping", "load_yaml"]

# Printable characters as libyaml's reader accepts them, less line breaks (NEL, U+2028,
# U+2029), tabs and the byte order mark; quoted values also leave out their own quote
# and, double-quoted, the backslash, so no escape or folding applies. The classes name
# what they leave out: the same characters as the printable ranges up to U+10FFFF
# (" -~", "\xa0-\u2027", "\u202a-\ud7ff", "\ue000-\ufefe", "\uff00-\ufffd", and above),
# which `re` took about 5 ms to compile, at every build's start, against 0.3 for these.
_NOT_PRINTABLE = r"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff"
_SIMPLE_LINE = re.compile(
    r"([A-Za-z_][A-Za-z0-9_-]{0,99}): (?:"
    rf"\"([^\"\\{_NOT_PRINTABLE}]*)\""
    rf"|'([^'{_NOT_PRINTABLE}]*)'"
    r"|([A-Za-z0-9_/][A-Za-z0-9_./-]*))"
)
_STR = "tag:yaml.org,2002:str"


def load_yaml(source: str) -> Any:
    """Load one YAML document safely, as Jekyll's ``SafeYAML.load`` does.

    Args:
        source: The YAML text.

    Returns:
        The document (``None`` for an empty one).

    Raises:
        yaml.YAMLError: The text is not YAML; callers word the message with its mark.
        ValueError: A timestamp PyYAML recognised but could not build (``2024-13-45``).
    """
    return yaml.load(source, Loader=SafeLoader)


@cache
def _resolver() -> Any:
    """A loader to ask, as parsing would, which tag a plain value resolves to."""
    return SafeLoader("")


@lru_cache(maxsize=4096)
def _is_text(plain: str) -> bool:
    """Whether a plain (unquoted) value loads as text, not a bool, number, date or null.

    Remembered by value: every page asks again for the same keys (``title``, ``lang``...).
    """
    return bool(_resolver().resolve(yaml.ScalarNode, plain, (True, False)) == _STR)


def load_simple_mapping(source: str) -> dict[str, str] | None:
    """``load_yaml(source)`` for a block of ``key: value`` lines whose values are text.

    Each line is a plain key, one space, and a value that is double-quoted without escapes,
    single-quoted without doubled quotes, or plain (letters, digits, ``_./-``) and resolved
    as text by PyYAML's resolver (so ``yes``, ``1.5``, ``2024-01-02`` or ``null`` are not).
    A later duplicate key wins, as in PyYAML. Anything else (comments, blank lines, lists,
    nested mappings, other values) returns None, and the caller loads the block with
    ``load_yaml``: the result is the same either way, this is only faster.

    Args:
        source: The YAML text, every line ending with ``\\n``.

    Returns:
        The mapping, or None when the block is not of that simple shape.
    """
    if not source.endswith("\n"):
        return None
    data: dict[str, str] = {}
    for line in source[:-1].split("\n"):
        match = _SIMPLE_LINE.fullmatch(line)
        if match is None:
            return None
        key, double, single, plain = match.groups()
        if not _is_text(key):
            return None
        if plain is not None:
            if not _is_text(plain):
                return None
            data[key] = plain
        else:
            data[key] = double if double is not None else single
    return data
