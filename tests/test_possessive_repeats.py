"""Possessive repeats only where this Python's ``re`` matches them right.

The fast Liquid text rule (``compat.fast_liquid_lexer``) and the search sections' rules
(``features/search_sections``) repeat with ``*+`` and ``++``. CPython 3.11.2, Debian 12's
``python3.11``, runs such a repeat of alternatives past a lookahead that should end it:
there, the text rule took the outputs and tags after a page's text as text (every page
garbled, its Markdown too), and ``<span DATA-SEARCH-EXCLUDE>`` passed for a plain element.
Where ``compat.possessive_repeats_hold`` says so, both use greedy repeats instead: the same
matches. Here: the greedy rules match as the possessive ones on this Python, and Debian's
``python3.11`` lexes and cuts as python-liquid and Material's parser do.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from liquid.exceptions import LiquidError
from liquid.lex import get_lexer

import mkdocs_jekyll
from mkdocs_jekyll import compat
from mkdocs_jekyll.features import search_sections
from mkdocs_jekyll.mkdocs import fast_search

DEBIAN_PYTHON = Path("/usr/bin/python3.11")
"""Debian 12's Python 3.11 (3.11.2): ``.ci/debian-packages`` installs it."""

PLUGINS = Path(mkdocs_jekyll.__file__).resolve().parent.parent

PAGES = [
    # Material's parser (tests/test_fast_search.py): headerlinks, linenodivs and
    # data-search-exclude written in other cases are not plain elements.
    '<h2 id="h">H<a class="headerlink" href="#h">&para;</a>'
    "<a class='headerlink'>x</a><a CLASS=\"headerlink\">y</a></h2>"
    '<span class="linenodiv">1</span><span DATA-SEARCH-EXCLUDE>3</span>'
    "<em data-search-exclude=''>4</em><span data-search-exclude-not=\"1\">5</span>"
    '<Span>6</Span><span class="a" class="linenodiv">8</span><b class>9</b><i\nclass="x" >10</i >',
    '<h1 id="t">Title</h1><p>Text <em class="x" data-x="y">em</em> and '
    '<code>code</code>.</p><h2 id="s">Section</h2><table><tr><td class="c">1</td>'
    '<td data-search-exclude="">2</td></tr></table><p>end<br/>line</p>',
]
"""Pages for the section rules: each takes them through a repeat of alternatives."""

SOURCES = [
    "a {{ b }} {%- if c -%}\n{% endif %}{ {{x}}",
    "text {{ page.title }} more {% if x %}y{% endif %} { brace } {x}",
    "{ {% raw %}{{ y }}{% endraw %} } and {{- z -}} then {",
]
"""Sources for the text rule, with no last newline (where ``$`` and ``\\Z`` differ)."""


def _sections(module: ModuleType, html: str) -> list[list[Any]] | None:
    found = module.split_sections(html)
    if found is None:
        return None
    return [[s.tag, s.id, s.title, s.text, str(s.depth), s.is_excluded()] for s in found]


def _greedy_sections_module(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """A second ``search_sections``, made as on a Python whose possessive repeats fail."""
    monkeypatch.setattr(compat, "possessive_repeats_hold", lambda: False)
    assert search_sections.__file__ is not None
    spec = importlib.util.spec_from_file_location("greedy_sections", search_sections.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tokens(lexer: Any, source: str) -> list[tuple[str, str, int]] | str:
    try:
        return [(t.kind, t.value, t.start_index) for t in lexer(source)]
    except LiquidError as err:
        return f"{type(err).__name__}: {err}"


def test_the_rules_are_possessive_where_the_probe_says_they_hold() -> None:
    holds = compat.possessive_repeats_hold()
    fast = compat.fast_liquid_text_pattern()
    assert fast == (compat.FAST_LIQUID_TEXT_PATTERN if holds else compat.GREEDY_LIQUID_TEXT_PATTERN)
    assert ("*+" in search_sections._TOKEN.pattern) is holds


def test_the_greedy_section_rules_cut_pages_as_the_possessive_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    greedy = _greedy_sections_module(monkeypatch)
    assert "*+" not in greedy._TOKEN.pattern and "++" not in greedy._TOKEN.pattern
    assert greedy._TOKEN.pattern == search_sections._TOKEN.pattern.replace("*+", "*").replace(
        "++", "+"
    )
    for html in PAGES:
        assert _sections(greedy, html) == _sections(search_sections, html)


@given(st.text(alphabet="ab {}%-\n\r #", max_size=60))
def test_the_greedy_text_rule_lexes_as_python_liquid(source: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(compat, "possessive_repeats_hold", lambda: False)
        lexer = compat.fast_liquid_lexer.__wrapped__()  # type: ignore[attr-defined]
    assert lexer is not None
    assert _tokens(lexer, source) == _tokens(get_lexer(), source)


_DEBIAN_SCRIPT = """
import json, random, re, sys
from mkdocs_jekyll import compat
from mkdocs_jekyll.features import search_sections
sources, pages = json.loads(sys.stdin.read())
rng = random.Random(7)
sources += ["".join(rng.choice("ab {}%-#\\n") for _ in range(rng.randint(1, 40))).rstrip("\\n")
            for _ in range(400)]
lazy = re.compile(compat.LIQUID_TEXT_PATTERN, re.DOTALL)
fast = re.compile(compat.fast_liquid_text_pattern(), re.DOTALL)
def match(rule, source, at):
    found = rule.match(source, at)
    return None if found is None else [found.span(), found.groups()]
texts = [[match(lazy, s, at) for at in range(len(s))] for s in sources]
fasts = [[match(fast, s, at) for at in range(len(s))] for s in sources]
def cut(html):
    found = search_sections.split_sections(html)
    if found is None:
        return None
    return [[s.tag, s.id, s.title, s.text, str(s.depth), s.is_excluded()] for s in found]
print(json.dumps({"version": sys.version.split()[0], "lazy": texts, "fast": fasts,
                  "sections": [cut(html) for html in pages]}))
"""


def test_debian_python_lexes_and_cuts_as_python_liquid_and_material() -> None:
    """Under Debian 12's ``python3.11``: the text rule the lexer takes matches what the lazy
    rule matches at every position, and the pages' sections are the ones this Python cuts
    (``tests/test_fast_search.py``: Material's parser's)."""
    if not DEBIAN_PYTHON.is_file():
        pytest.skip(f"{DEBIAN_PYTHON} is missing: bash .ci/debian-packages installs it")
    env = {**os.environ, "PYTHONPATH": str(PLUGINS), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [str(DEBIAN_PYTHON), "-c", _DEBIAN_SCRIPT],
        input=json.dumps([SOURCES, PAGES]),
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["fast"] == result["lazy"], f"Python {result['version']}"
    assert result["sections"] == [_sections(search_sections, html) for html in PAGES]


def test_a_text_rule_that_lexes_otherwise_leaves_python_liquids_lexer_in_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The lexer checks itself on ``LEXER_SAMPLE`` before any page: a rule that reads
    outputs and tags as text (what 3.11.2 made of the possessive one) is not taken."""
    swallowing = r".(?:[^{]|\{)*(?=((\{%|\{\{)(?P<rstrip>-?))|\Z)"
    monkeypatch.setattr(compat, "fast_liquid_text_pattern", lambda: swallowing)
    assert compat.fast_liquid_lexer.__wrapped__() is None  # type: ignore[attr-defined]
    monkeypatch.undo()
    assert compat.fast_liquid_lexer.__wrapped__() is not None  # type: ignore[attr-defined]


def test_section_rules_that_cut_otherwise_leave_materials_parser_in_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Fast search checks ``split_sections`` on ``SELF_CHECK_PAGE`` against Material's
    parser once per process: rules that take ``<span DATA-SEARCH-EXCLUDE>`` for a plain
    element (3.11.2's possessive ones) are not taken, and every page goes to Material's."""
    assert fast_search.sections_agree.__wrapped__()
    greedy = _greedy_sections_module(monkeypatch)
    assert _sections(greedy, fast_search.SELF_CHECK_PAGE) == _sections(
        search_sections, fast_search.SELF_CHECK_PAGE
    )

    def plain_exclude(html: str) -> Any:
        # What 3.11.2 made of it: the excluded span's text in the index.
        return search_sections.split_sections(html.replace("DATA-SEARCH-EXCLUDE", "class='z'"))

    monkeypatch.setattr(fast_search, "split_sections", plain_exclude)
    assert not fast_search.sections_agree.__wrapped__()
    fast_search.sections_agree.cache_clear()
    try:
        assert fast_search.fast_index_type() is None
    finally:
        fast_search.sections_agree.cache_clear()
