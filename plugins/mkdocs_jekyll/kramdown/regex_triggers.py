"""The strings one of which every match of a regular expression needs in the text it searches.

``triggers.py`` skips an inline pattern for a run of text that holds none of its pattern's
trigger strings: its regular expression cannot match there, so Python-Markdown would have
tried it for nothing. The strings are read from the expression's parse tree (Python's own
parser, through ``compat.regex_tree``), so every pattern gets them, Python-Markdown's,
pymdown-extensions', ours and a site's own, in whatever release.

How a part of the expression is read (``_Need``): which strings it consumes, when they are
few and known (``exact``), and a set of strings one of which is in any text it matches
(``triggers``). A literal character is both; a sequence's triggers are the best of its
parts' triggers and of the strings its runs of exact parts consume together (``{::``,
``  \\n``); a branch needs one of its alternatives' triggers; a repeat needs its body's
unless it may repeat zero times; a lookahead or lookbehind consumes nothing but its text is
in the searched text too. Anything else (a class with a category or a negation, ``.``, a
back reference) needs nothing, which only means a pattern is tried as before.

Only ASCII characters that are not letters or digits make triggers: no case folding
(``re.IGNORECASE``) can match them with another character.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from mkdocs_jekyll.compat import regex_op_name, regex_tree

_SET_LIMIT = 16  # the most strings an exact part may stand for
_REPEAT_LIMIT = 4  # the most repetitions an exact repeat may stand for
_EMPTY = frozenset({""})
# How often a character turns up in prose, roughly: the rarer a pattern's triggers, the
# more runs of text skip it. Characters not listed count as rare (0.01).
_FREQUENCY = {
    " ": 0.6, "\n": 0.2, ".": 0.2, ",": 0.2, "-": 0.1, "'": 0.1, "\t": 0.05, '"': 0.05,
    "(": 0.05, ")": 0.05, ":": 0.05, "/": 0.05, ";": 0.02, "!": 0.02, "?": 0.02,
}  # fmt: skip


@dataclass(frozen=True)
class _Need:
    """What a part of an expression consumes (``exact``) and needs (``triggers``)."""

    exact: frozenset[str] | None
    triggers: frozenset[str] | None


_NOTHING = _Need(None, None)
_ZERO_WIDTH = _Need(_EMPTY, None)


def _char(code: int) -> str | None:
    char = chr(code)
    return char if char.isascii() and not char.isalnum() else None


def _product(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    if len(left) * len(right) > _SET_LIMIT:
        return None
    return frozenset(a + b for a in left for b in right)


def _cost(triggers: frozenset[str]) -> float:
    return sum(math.prod(_FREQUENCY.get(char, 0.01) for char in string) for string in triggers)


def _usable(strings: frozenset[str] | None) -> bool:
    """Whether ``strings`` can serve as triggers: some, and none of them empty."""
    return strings is not None and len(strings) > 0 and "" not in strings


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    """The same need with fewer strings: one that contains another is found with it."""
    return frozenset(s for s in strings if not any(t != s and t in s for t in strings))


def _sequence(items: Any) -> _Need:
    """A sequence of parts: every part matches, one after another."""
    candidates: list[frozenset[str]] = []
    run: frozenset[str] = _EMPTY  # what the current run of exact parts consumes together
    exact: frozenset[str] | None = _EMPTY
    for op, av in items:
        need = _item(regex_op_name(op), av)
        if need.triggers is not None:
            candidates.append(need.triggers)
        if need.exact is None:
            candidates.append(run)
            run, exact = _EMPTY, None
            continue
        longer = _product(run, need.exact)
        if longer is None:
            candidates.append(run)
            longer = need.exact
        run = longer
        exact = None if exact is None else _product(exact, need.exact)
    candidates.append(run)
    usable = [_minimal(candidate) for candidate in candidates if _usable(candidate)]
    return _Need(exact, min(usable, key=_cost) if usable else None)


def _item(op: str, av: Any) -> _Need:
    """One part of a sequence, by its operator's name in Python's regex parser."""
    if op == "LITERAL":
        char = _char(av)
        return _NOTHING if char is None else _Need(frozenset(char), frozenset(char))
    if op == "IN":
        return _char_class(av)
    if op == "BRANCH":
        needs = [_sequence(branch) for branch in av[1]]
        exact = _union([need.exact for need in needs])
        triggers = _union([need.triggers for need in needs], limit=False)
        return _Need(exact, triggers)
    if op == "SUBPATTERN":
        return _sequence(av[-1])
    if op == "ATOMIC_GROUP":
        return _sequence(av)
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, body = av
        return _repeat(low, high, _sequence(body))
    if op == "ASSERT":
        return _Need(_EMPTY, _sequence(av[1]).triggers)
    if op in ("ASSERT_NOT", "AT"):
        return _ZERO_WIDTH
    return _NOTHING


def _char_class(items: Any) -> _Need:
    chars: set[str] = set()
    for op, av in items:
        name = regex_op_name(op)
        codes = range(av[0], av[1] + 1) if name == "RANGE" else [av] if name == "LITERAL" else []
        if not codes or len(codes) > _SET_LIMIT:
            return _NOTHING  # a negation, a category, a wide range
        for code in codes:
            char = _char(code)
            if char is None:
                return _NOTHING
            chars.add(char)
    found = frozenset(chars)
    return _Need(found, found) if found and len(found) <= _SET_LIMIT else _NOTHING


def _repeat(low: int, high: int, body: _Need) -> _Need:
    triggers = body.triggers if low >= 1 else None
    if body.exact is None or high > _REPEAT_LIMIT:
        return _Need(None, triggers)
    exact: frozenset[str] | None = frozenset()
    times: frozenset[str] | None = _EMPTY
    for count in range(high + 1):
        if count >= low and exact is not None and times is not None:
            exact = exact | times
        times = None if times is None else _product(times, body.exact)
    if exact is not None and len(exact) > _SET_LIMIT:
        exact = None
    return _Need(exact, triggers)


def _union(parts: list[frozenset[str] | None], *, limit: bool = True) -> frozenset[str] | None:
    if any(part is None for part in parts):
        return None
    union = frozenset().union(*(part for part in parts if part is not None))
    return None if limit and len(union) > _SET_LIMIT else union


@lru_cache(maxsize=512)
def regex_triggers(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """The strings one of which any text ``regex`` finds a match in contains.

    Returns:
        The strings, the most common first (a check of a text stops at the first found);
        None when the expression needs none we can name: the pattern is always tried.
    """
    if not isinstance(regex, re.Pattern) or not isinstance(regex.pattern, str):
        return None
    tree = regex_tree(regex)
    if tree is None:
        return None
    need = _sequence(tree).triggers
    if need is None or not _usable(need):
        return None
    triggers = _minimal(need)
    return tuple(sorted(triggers, key=lambda string: (-_cost(frozenset({string})), string)))


def _rarity(char: str) -> float:
    return _FREQUENCY.get(char, 0.01)


@cache
def probes(triggers: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each trigger with the one character of it to look for first (its rarest; the
    trigger itself when it is one character).

    A text lacking that character lacks the trigger, and a search for one character is
    many times quicker than for several (on a 460-character block, 30 ns against 400 to
    700 for ``$$``, ``[^`` or ``\\n=``): ``probe in text and (probe is trigger or trigger in
    text)`` is ``trigger in text``, quicker.
    """
    return tuple(
        (trigger if len(trigger) == 1 else min(trigger, key=_rarity), trigger)
        for trigger in triggers
    )


def holds(text: str, needle: str) -> bool:
    """``needle in text``, looked for by the needle's rarest character first (``probes``)."""
    ((probe, _needle),) = probes((needle,))
    return probe in text and (len(needle) == 1 or needle in text)
