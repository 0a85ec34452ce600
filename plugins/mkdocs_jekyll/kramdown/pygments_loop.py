"""Pygments' ``RegexLexer`` loop with each state's rules tried a run at a time: same tokens.

At every position ``RegexLexer.get_tokens_unprocessed`` calls each rule of the current state
in turn until one matches; Python's lexer, for one, has 56 rules at its root and a token
needs about 35 failed calls before its own (each ``re`` call costs more than its matching).
This loop joins each run of a state's short rules into one regex,
``(?:r1)()|(?:r2)()|...``: Python's ``re`` tries the alternatives in order at the one
position and takes the first that matches, which is the rule the sequential loop would
stop at, and ``lastindex`` names it (each alternative ends with an empty group of its own,
the last group its match closes). A token type takes the text of that match; a callback
gets the match of the rule's own regex, so the groups it reads are the ones it always got.
In the run the rules' groups are non-capturing: a group first in an alternative would hide
its first character from ``re``'s quick check, which passes most alternatives over.

A rule stays on its own, as Pygments runs it, when joining could change what it matches:
numbered back-references or conditionals (their numbers would shift), flags other than the
lexer's (a leading ``(?i)``, ``(?m)`` or ``(?s)`` becomes a scoped group instead), or a
matcher that is not a compiled regex; a run whose joined regex does not compile (a group
name twice) is cut in halves until each part does. Long rules (Pygments' word lists,
Unicode name classes) stay on their own too: compiling them again would cost more than
joining them saves. A state's runs are compiled when the lexer first enters it, once per
process (about 3 ms for Python's lexer; a block of 8 lines then lexes in a third of the
instructions).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from pygments.lexer import Lexer
from pygments.token import Error, Whitespace, _TokenType

from mkdocs_jekyll.compat import regex_lexer_states, replace_lexer_loop

Rule = tuple[Any, Any, Any]
"""One rule of a state as Pygments compiled it: ``(match, action, new_state)``."""

Run = tuple[Callable[[str, int], Any], Rule | None, tuple[Rule | None, ...]]
"""``(match, rule, by_group)``: one rule run as is (``rule``), or a joined run whose
matched group (``lastindex``) indexes its rule in ``by_group``."""

Tokens = Iterator[tuple[int, Any, str]]

_LONGEST_JOINED = 200
"""Rules longer than this (in characters of pattern) are not compiled again in a run."""

_NUMBERED = re.compile(r"\\[0-9]|\(\?P=|\(\?\(")
"""What may refer to a group by number (or by name, in a conditional): such rules stay
alone. Over-cautious (``\\0`` is an octal escape) is only slower."""

_LEADING_FLAGS = re.compile(r"\(\?([ims]+)\)")

_FLAG_BITS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}

# Per lexer class (their tables are class attributes), the runs of each state entered.
_RUNS: dict[type, dict[str, tuple[Run, ...]]] = {}


def speed_up(lexer: Lexer) -> bool:
    """Make ``lexer`` tokenise with the joined runs, where its loop is Pygments' own.

    Returns:
        Whether it was replaced (False for lexers with a loop of their own, and for a
        Pygments whose ``RegexLexer`` loop is not the one this module mirrors).
    """
    tokendefs = regex_lexer_states(lexer)
    if tokendefs is None:
        return False
    runs = _RUNS.setdefault(type(lexer), {})
    base = re.compile("", getattr(lexer, "flags", 0)).flags

    def runs_of(state: str) -> tuple[Run, ...]:
        found = runs.get(state)
        if found is None:
            found = runs[state] = _runs(tokendefs[state], base)
        return found

    def get_tokens_unprocessed(text: str, stack: tuple[str, ...] = ("root",)) -> Tokens:
        return _tokens(lexer, tokendefs, runs_of, text, stack)

    replace_lexer_loop(lexer, get_tokens_unprocessed)
    return True


def _runs(rules: list[Rule], base: int) -> tuple[Run, ...]:
    """A state's rules as runs, in their order."""
    runs: list[Run] = []
    pending: list[tuple[Rule, str, int]] = []
    for rule in rules:
        joinable = _joinable(rule, base)
        if joinable is None:
            runs.extend(_joined(pending))
            pending = []
            runs.append((rule[0], rule, ()))
        else:
            pending.append((rule, *joinable))
    runs.extend(_joined(pending))
    return tuple(runs)


def _joinable(rule: Rule, base: int) -> tuple[str, int] | None:
    """The pattern to put in a run for ``rule`` and its number of groups (None: it stays
    alone)."""
    regex = getattr(rule[0], "__self__", None)
    if not isinstance(regex, re.Pattern) or rule[0] != regex.match:
        return None
    pattern = regex.pattern
    if not isinstance(pattern, str) or len(pattern) > _LONGEST_JOINED:
        return None
    if not pattern:
        return pattern, 0  # Pygments' `default`: matches the empty string whatever the flags
    if _NUMBERED.search(pattern):
        return None
    if regex.flags != base:
        leading = _LEADING_FLAGS.match(pattern)
        if leading is None:
            return None
        added = 0
        for letter in leading.group(1):
            added |= _FLAG_BITS[letter]
        if regex.flags != base | added or _LEADING_FLAGS.match(pattern, leading.end()):
            return None
        pattern = f"(?{leading.group(1)}:{pattern[leading.end() :]})"
    if not regex.flags & re.VERBOSE:
        plain = _without_groups(pattern)
        if plain is not None and plain[1] == regex.groups:
            return plain[0], 0
    return pattern, regex.groups


def _without_groups(pattern: str) -> tuple[str, int] | None:
    """``pattern`` with its capturing groups made non-capturing, and how many there were.

    The run needs no group of a rule (a callback gets the rule's own match), and a group
    first in an alternative hides its first character from ``re``'s quick check of each
    alternative, so without them most alternatives are passed over at a glance. A scan that
    misread a character class would count other than ``re`` did: the caller checks.
    """
    out: list[str] = []
    count = 0
    index = 0
    in_class = False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        index += 1
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            for literal in ("^", "]"):  # `[]...]`, `[^]...]`: that `]` is a member
                if pattern.startswith(literal, index):
                    out.append(char)
                    char = literal
                    index += 1
        elif char == "(":
            if pattern.startswith("?P<", index):
                index = pattern.find(">", index) + 1
                if index == 0:
                    return None
            elif pattern.startswith("?", index):
                out.append(char)
                continue
            count += 1
            char = "(?:"
        out.append(char)
    return "".join(out), count


def _joined(pending: list[tuple[Rule, str, int]]) -> list[Run]:
    """One run for the rules in ``pending`` (or runs of fewer, when they do not join)."""
    if len(pending) < 2:
        return [(rule[0], rule, ()) for rule, _, _ in pending]
    base = pending[0][0][0].__self__.flags
    # In a verbose regex a line break ends a rule's trailing comment, which would else
    # swallow the rest of the run.
    end = "\n" if base & re.VERBOSE else ""
    by_group: list[Rule | None] = [None]
    parts = []
    for rule, pattern, groups in pending:
        # The rule's groups, if it keeps any, then an empty one closing its alternative: the
        # last group a match closes, so `lastindex` names the rule.
        by_group.extend([None] * groups)
        by_group.append(rule)
        parts.append(f"(?:{pattern}{end})()")
    try:
        joined = re.compile("|".join(parts), base)
    except (re.error, OverflowError, RecursionError):
        joined = None
    if joined is None or joined.groups != len(by_group) - 1:
        # A group name twice, say: each half joins on its own, down to single rules.
        half = len(pending) // 2
        return _joined(pending[:half]) + _joined(pending[half:])
    return [(joined.match, None, tuple(by_group))]


def _tokens(
    lexer: Lexer,
    tokendefs: dict[str, list[Rule]],
    runs_of: Callable[[str], tuple[Run, ...]],
    text: str,
    stack: tuple[str, ...],
) -> Tokens:
    """``RegexLexer.get_tokens_unprocessed`` (Pygments 2.16 to 2.21), state changes, error
    tokens and the reset at a line break unchanged, the rules tried a run at a time."""
    pos = 0
    statestack = list(stack)
    runs = runs_of(statestack[-1])
    while 1:
        for match, rule, by_group in runs:  # noqa: B007 (read after the break)
            m = match(text, pos)
            if m:
                break
        else:
            m = None
        if m and rule is None:
            group = m.lastindex
            rule = by_group[group]
            if rule is not None and type(rule[1]) is _TokenType:
                # A token type needs only the rule's text and end, the run's.
                end = m.end()
                yield pos, rule[1], text[pos:end]
                pos = end
                if rule[2] is not None:
                    statestack = _transition(statestack, rule[2])
                    runs = runs_of(statestack[-1])
                continue
            # A callback gets the match of the rule's own regex, as it always did.
            m = rule[0](text, pos) if rule is not None else None
            if not m:  # cannot happen; the rules one by one decide then
                rule, m = _first_match(tokendefs[statestack[-1]], text, pos)
        if not m or rule is None:
            # No rule of the state matched.
            try:
                if text[pos] == "\n":
                    # At EOL, reset the state to "root".
                    statestack = ["root"]
                    runs = runs_of("root")
                    yield pos, Whitespace, "\n"
                    pos += 1
                    continue
                yield pos, Error, text[pos]
                pos += 1
            except IndexError:
                break
            continue
        _, action, new_state = rule
        if action is not None:
            if type(action) is _TokenType:
                yield pos, action, m.group()
            else:
                yield from action(lexer, m)
        pos = m.end()
        if new_state is not None:
            statestack = _transition(statestack, new_state)
            runs = runs_of(statestack[-1])


def _transition(statestack: list[str], new_state: Any) -> list[str]:
    """The state stack after a rule's ``new_state``, as Pygments changes it."""
    if isinstance(new_state, tuple):
        for state in new_state:
            if state == "#pop":
                if len(statestack) > 1:
                    statestack.pop()
            elif state == "#push":
                statestack.append(statestack[-1])
            else:
                statestack.append(state)
    elif isinstance(new_state, int):
        # Pop, but keep at least one state on the stack.
        if abs(new_state) >= len(statestack):
            del statestack[1:]
        else:
            del statestack[new_state:]
    elif new_state == "#push":
        statestack.append(statestack[-1])
    else:
        raise AssertionError(f"wrong state def: {new_state!r}")
    return statestack


def _first_match(rules: list[Rule], text: str, pos: int) -> tuple[Rule | None, Any]:
    """The first rule matching at ``pos``, tried one by one as Pygments does."""
    for rule in rules:
        m = rule[0](text, pos)
        if m:
            return rule, m
    return None, None
