"""Given a regular expression, when ``regex_triggers`` reads the strings its matches need,
then no text without one of them holds a match: the property the inline pass relies on to
skip a pattern for a run of text (``kramdown/triggers.py``).

Checked on a table of expressions (with the strings expected of each) and on every inline
pattern our pipeline and Python-Markdown's, pymdown-extensions' usual extensions register.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_jekyll.kramdown.pipeline import configure_markdown
from mkdocs_jekyll.kramdown.regex_triggers import regex_triggers
from mkdocs_jekyll.kramdown.settings import KramdownSettings
from mkdocs_jekyll.kramdown.triggers import pattern_triggers


@dataclass(frozen=True)
class Case:
    description: str
    regex: str
    expected: frozenset[str] | None
    flags: int = 0


CASES = (
    Case("a literal run", r"\{::", frozenset({"{::"})),
    Case("letters make no trigger", r"abc", None),
    Case("letters around punctuation", r"ab\$cd", frozenset({"$"})),
    Case("letters with IGNORECASE", r"x\*y", frozenset({"*"}), re.IGNORECASE),
    Case("an alternation", r"\*|_", frozenset({"*", "_"})),
    Case("an alternation with a branch needing nothing", r"\*|\w", None),
    Case("an optional part needs nothing", r"\*?", None),
    Case("a repeat needs its body once", r"(?:\*\+)+", frozenset({"*+"})),
    Case("an exact repeat", r"\\{2}", frozenset({"\\\\"})),
    Case("a bounded repeat", r"~{2,3}", frozenset({"~~"})),
    Case("a negated class needs nothing", r"[^*]", None),
    Case("a small class", r"[:#]", frozenset({":", "#"})),
    Case("a run through a class", r"\{[:#]", frozenset({"{:", "{#"})),
    Case("a wide range needs nothing", r"[!-~]", None),
    Case("a class with a category", r"[\s*]", None),
    Case("a lookahead's text is in the searched text", r"(?=\$)\w", frozenset({"$"})),
    Case("a lookbehind's text too", r"(?<=&)\w", frozenset({"&"})),
    Case("a negative lookahead needs nothing", r"(?!\$)\w", None),
    Case("an anchor consumes nothing", r"^\$\$", frozenset({"$$"})),
    Case("a word boundary consumes nothing", r"\b\$\$", frozenset({"$$"})),
    Case("the rarer of two needs", r"\.\w+\$", frozenset({"$"})),
    Case("a group in a run", r"<(?:!--)", frozenset({"<!--"})),
    Case("an atomic group", r"(?>\*)", frozenset({"*"})),
    Case("a possessive repeat", r"\*++", frozenset({"*"})),
    Case("a back reference needs nothing of its own", r"\\(<|>)\1", frozenset({"\\<", "\\>"})),
    Case("a conditional group", r"(\$)?(?(1)a|b)", None),
    Case("a newline and spaces", "  \\n", frozenset({"  \n"})),
    Case(
        "alternatives of one character", "|".join(map(re.escape, "!#$%&*+")), frozenset("!#$%&*+")
    ),
    Case("too many strings for a set", r"[!-/][!-/]", frozenset("!\"#$%&'()*+,-./")),
)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_the_strings_a_regex_needs(case: Case) -> None:
    found = regex_triggers(re.compile(case.regex, case.flags))
    assert (None if found is None else frozenset(found)) == case.expected


def _pipeline_patterns() -> list[re.Pattern[str]]:
    settings_ = KramdownSettings.from_block({"math_engine": None})
    builtins = ["toc", "tables", "fenced_code", "abbr", "smarty", "nl2br", "wikilinks"]
    extensions, configs = configure_markdown(settings_, builtins, {})
    extras = ["pymdownx.betterem", "pymdownx.caret", "pymdownx.mark", "pymdownx.keys"]
    md = markdown.Markdown(extensions=[*extensions, *extras], extension_configs=configs)
    plain = markdown.Markdown(extensions=["abbr", "smarty", "legacy_em", "footnotes"])
    abbr = markdown.Markdown(extensions=["abbr"])
    abbr.convert("*[HT-ML]: Hyper\n\nHT-ML\n")
    found = []
    for instance in (md, plain, abbr):
        for pattern in instance.inlinePatterns:
            found.append(pattern.getCompiledRegExp())
    return found


REGEXES = [re.compile(case.regex, case.flags) for case in CASES] + _pipeline_patterns()
ALPHABET = "ab ~*_`$&<>[]()!\\{}:#^\"'-.\n\x02\x03=+|/@;?%1"


def test_the_pipeline_patterns_mostly_have_triggers() -> None:
    """The regexes the pass tries most get triggers (else nothing would be skipped)."""
    named = [regex for regex in _pipeline_patterns() if regex_triggers(regex) is not None]
    assert len(named) >= 20


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(alphabet=ALPHABET, max_size=40))
def test_a_text_without_the_triggers_has_no_match(text: str) -> None:
    for regex in REGEXES:
        triggers = regex_triggers(regex)
        if triggers is not None and not any(trigger in text for trigger in triggers):
            assert regex.search(text) is None, (regex.pattern, text)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(alphabet=ALPHABET, max_size=40),
    start=st.integers(min_value=0, max_value=40),
)
def test_no_match_from_any_start_either(text: str, start: int) -> None:
    """``__applyPattern`` searches from a start index: the whole text is what we check."""
    for regex in REGEXES:
        triggers = regex_triggers(regex)
        if triggers is not None and not any(trigger in text for trigger in triggers):
            assert next(regex.finditer(text, start), None) is None
            assert regex.match(text[start:]) is None


def test_a_pattern_without_a_regex_is_always_tried() -> None:
    class Foreign:
        pass

    assert pattern_triggers(Foreign()) is None


@given(
    st.text(alphabet="$$-.<>{:#'\"\\&[^ab\n= ", max_size=40),
    st.lists(st.text(alphabet="$-.<>{:#[^\n= ", min_size=1, max_size=4), min_size=1, max_size=4),
)
def test_a_trigger_is_found_through_its_probe_exactly_when_it_is_in_the_text(
    text: str, triggers: list[str]
) -> None:
    from mkdocs_jekyll.kramdown.regex_triggers import probes

    pairs = probes(tuple(triggers))
    assert [trigger for _probe, trigger in pairs] == triggers
    for probe, trigger in pairs:
        assert len(probe) == 1 and probe in trigger
        assert (probe in text and (probe is trigger or trigger in text)) is (trigger in text)
