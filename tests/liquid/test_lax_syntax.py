"""Liquid that Jekyll accepts with Ruby Liquid's lax parser (``liquid.error_mode: warn``).

Each case's ``expected`` output was written from a real build: Debian's jekyll 4.3.1 with
ruby-liquid 5.4.0, ``JEKYLL_NO_BUNDLER_REQUIRE=true jekyll build`` of a page holding
``PRELUDE`` and the case (``test_table_matches_jekyll`` repeats that build, so the table
cannot drift). Jekyll logs "Liquid Warning: Liquid syntax error" for every case that has a
``meant`` form, and none for the others.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from liquid_helpers import Render
from sitebuild import (
    BUILD_ERROR,
    JEKYLL,
    BuildSite,
    error_lines,
    html,
    jekyll_build,
    strict_abort,
    warning_lines,
)

PRELUDE = '{% assign names = "b,a,c" | split: "," %}{% assign s = "x" %}'
ROW_TWO = '<tr class="row1">\n<td class="col1">b</td><td class="col2">a</td></tr>\n'
"""What Jekyll's ``tablerow`` renders for the first two names."""
ROW_ALL = ROW_TWO.replace("</tr>", '<td class="col3">c</td></tr>')


@dataclass(frozen=True)
class Case:
    """A construct, what Jekyll renders for it, and the form the warning suggests."""

    description: str
    source: str
    expected: str
    meant: str | None = None
    """What to write instead (the warning's suggestion); ``None``: no warning."""


CASES = [
    # academicpages' _includes/author-profile.html shape: the filter is ignored.
    Case(
        "for over a filtered collection ignores the filter",
        "{% for name in names | sort %}{{ name }},{% endfor %}",
        "b,a,c,",
        "{% for name in names %}",
    ),
    Case(
        "for over a filtered collection without spaces",
        "{% for name in names|sort %}{{ name }},{% endfor %}",
        "b,a,c,",
        "{% for name in names %}",
    ),
    Case(
        "for over a collection filtered with arguments",
        "{% for name in names | where: 'a', 'b' | sort %}{{ name }},{% endfor %}",
        "b,a,c,",
        "{% for name in names %}",
    ),
    Case(
        "for with reversed after limit is not reversed",
        "{% for name in names limit:2 reversed %}{{ name }},{% endfor %}",
        "b,a,",
        "{% for name in names limit:2 %}",
    ),
    Case(
        "for with reversed after offset is not reversed",
        "{% for name in names offset:1 reversed %}{{ name }},{% endfor %}",
        "a,c,",
        "{% for name in names offset:1 %}",
    ),
    Case(
        "for with a comma between attributes",
        "{% for name in names limit:2, offset:1 %}{{ name }},{% endfor %}",
        "a,c,",
        "{% for name in names limit:2 offset:1 %}",
    ),
    Case(
        "for with a comma after the collection",
        "{% for name in names, limit:2 %}{{ name }},{% endfor %}",
        "b,a,",
        "{% for name in names limit:2 %}",
    ),
    Case(
        "for with reversed right after the collection and a comma is reversed",
        "{% for name in names reversed, limit:2 %}{{ name }},{% endfor %}",
        "a,b,",
        "{% for name in names reversed limit:2 %}",
    ),
    Case(
        "for with two commas",
        "{% for name in names,, limit:1 %}{{ name }},{% endfor %}",
        "b,",
        "{% for name in names limit:1 %}",
    ),
    Case(
        "for with an unknown attribute ignores it",
        "{% for name in names sort_by:'x' %}{{ name }},{% endfor %}",
        "b,a,c,",
        "{% for name in names %}",
    ),
    Case(
        "for with limit and no colon ignores the limit",
        "{% for name in names limit 1 %}{{ name }},{% endfor %}",
        "b,a,c,",
        "{% for name in names %}",
    ),
    Case(
        "for with a trailing word",
        "{% for name in names foo %}{{ name }},{% endfor %}",
        "b,a,c,",
        "{% for name in names %}",
    ),
    Case(
        "for over a range with every attribute (strict Liquid)",
        "{% for i in (1..5) reversed limit:3 offset:1 %}{{ i }},{% endfor %}",
        "4,3,2,",
    ),
    Case(
        "if with && keeps the first comparison",
        "{% if s == 'x' && names == 2 %}yes{% else %}no{% endif %}",
        "yes",
        "{% if s == 'x' %}",
    ),
    Case(
        "if with a trailing word",
        "{% if s == 'x' foo %}yes{% else %}no{% endif %}",
        "yes",
        "{% if s == 'x' %}",
    ),
    Case(
        "if with a comma keeps the first value",
        "{% if s, names %}yes{% else %}no{% endif %}",
        "yes",
        "{% if s %}",
    ),
    Case(
        "if with a filter tests the unfiltered value",
        "{% if names | size > 5 %}yes{% else %}no{% endif %}",
        "yes",
        "{% if names %}",
    ),
    Case(
        "elsif with a trailing word",
        "{% if s == 'y' %}a{% elsif s == 'x' foo %}b{% endif %}",
        "b",
        "{% elsif s == 'x' %}",
    ),
    Case(
        "unless with a trailing word",
        "{% unless s == 'y' foo %}yes{% endunless %}",
        "yes",
        "{% unless s == 'y' %}",
    ),
    Case(
        "else with an expression is a plain else (no warning in Jekyll)",
        "{% if s == 'y' %}a{% else if s == 'z' %}b{% endif %}",
        "b",
    ),
    Case(
        "output with a trailing comma in filter arguments",
        "{{ names | join: ', ', }}",
        "b, a, c",
        "{{ names | join: ', ' }}",
    ),
    Case("output with a colon and no arguments", "{{ s | upcase: }}", "X", "{{ s | upcase }}"),
    Case("output with a trailing pipe", "{{ s | upcase | }}", "X", "{{ s | upcase }}"),
    Case("output with a double pipe", "{{ s || upcase }}", "X", "{{ s | upcase }}"),
    Case("output with a filter and no pipe", "{{ s upcase }}", "x", "{{ s }}"),
    Case(
        "output with two arguments and no comma keeps the first",
        "{{ s | append: 'a' 'b' }}",
        "xa",
        "{{ s | append: 'a' }}",
    ),
    Case("output with a semicolon", "{{ s | upcase; }}", "X", "{{ s | upcase }}"),
    Case("empty output renders nothing (no warning in Jekyll)", "[{{ }}]", "[]"),
    Case(
        "assign with a trailing comma",
        "{% assign t = names | join: '-', %}{{ t }}",
        "b-a-c",
        "{% assign t = names | join: '-' %}",
    ),
    Case("assign with a trailing word", "{% assign t = s s %}{{ t }}", "x", "{% assign t = s %}"),
    Case("echo with a trailing word", "{% echo s s %}", "x", "{% echo s %}"),
    Case(
        "if with parentheses reads the words inside",
        "{% if (s == 'x') %}yes{% else %}no{% endif %}",
        "yes",
        "{% if s == 'x' %}",
    ),
    Case(
        "if with punctuation after a name reads the name",
        "{% if s! == 'x' %}yes{% endif %}",
        "yes",
        "{% if s == 'x' %}",
    ),
    Case("output with punctuation after a name", "[{{ s! }}]", "[x]", "{{ s }}"),
    Case(
        "output with punctuation after a name and a filter",
        "{{ s! | upcase }}",
        "X",
        "{{ s | upcase }}",
    ),
    Case("output of a name after a dash is another variable", "[{{ -s }}]", "[]", '{{ ["-s"] }}'),
    Case(
        "assign with == assigns nothing",
        "{% assign t == s %}[{{ t }}]",
        "[]",
        "{% assign t = nil %}",
    ),
    # Ruby Liquid ignores an end tag's markup (block.rb), and that of break, continue and a
    # for loop's else: no warning in Jekyll, in any error_mode.
    Case("endfor with a word", "{% for name in names %}{{ name }},{% endfor x %}", "b,a,c,"),
    Case("endif with a word", "{% if s %}yes{% endif x %}", "yes"),
    Case(
        "endif with words after elsif",
        "{% if s == 'y' %}a{% elsif s == 'x' %}b{% endif x y %}",
        "b",
    ),
    Case("endunless with a word", "{% unless s == 'y' %}yes{% endunless x %}", "yes"),
    Case("endcase with a word", "{% case s %}{% when 'x' %}X{% endcase x %}", "X"),
    Case("endcapture with a word", "{% capture t %}cap{% endcapture x %}{{ t }}", "cap"),
    Case(
        "endtablerow with a word",
        "{% tablerow name in names %}{{ name }}{% endtablerow x %}",
        ROW_ALL,
    ),
    Case("endifchanged with a word", "{% ifchanged %}i{% endifchanged x %}", "i"),
    Case(
        "nested end tags with words",
        "{% if s %}{% for name in names %}{{ name }}{% endfor x %}{% endif y %}",
        "bac",
    ),
    Case("break with a word", "{% for name in names %}{{ name }}{% break x %}{% endfor %}", "b"),
    Case(
        "continue with a word",
        "{% for name in names %}{{ name }}{% continue x %},{% endfor %}",
        "bac",
    ),
    Case(
        "else with a word in a for loop",
        "{% for name in names %}{{ name }}{% else x %}none{% endfor %}",
        "bac",
    ),
    Case("else with a word in unless", "{% unless s == 'x' %}a{% else x %}b{% endunless %}", "b"),
    # case, capture, tablerow and cycle: Ruby Liquid 5 reads them with one regular
    # expression each and never warns.
    Case("case with a trailing word", "{% case s foo %}{% when 'x' %}X{% endcase %}", "X"),
    Case("when with a trailing word", "{% case s %}{% when 'x' foo %}X{% endcase %}", "X"),
    Case(
        "when with two values and no comma keeps the first",
        "{% case s %}{% when 'y' 'x' %}X{% endcase %}",
        "",
    ),
    Case("capture with a trailing word", "{% capture t foo %}cap{% endcapture %}{{ t }}", "cap"),
    Case("capture of a quoted name", "{% capture 'q' %}cap{% endcapture %}{{ q }}", "cap"),
    Case(
        "tablerow with a trailing word",
        "{% tablerow name in names foo %}{{ name }}{% endtablerow %}",
        ROW_ALL,
    ),
    Case(
        "tablerow ignores reversed",
        "{% tablerow name in names reversed %}{{ name }}{% endtablerow %}",
        ROW_ALL,
    ),
    Case(
        "tablerow with a comma",
        "{% tablerow name in names, limit:2 %}{{ name }}{% endtablerow %}",
        ROW_TWO,
    ),
    Case(
        "cycle without commas cycles the first value",
        "{% cycle 'a' 'b' %}{% cycle 'a' 'b' %}",
        "aa",
    ),
    Case("cycle with commas", "{% cycle 'a', 'b' %}{% cycle 'a', 'b' %}", "ab"),
    Case(
        "cycle keeps the first value of each comma-separated part",
        "{% cycle 'a' 'b', 'c' %}{% cycle 'a' 'b', 'c' %}",
        "ac",
    ),
    Case(
        "cycle with a trailing value and no comma",
        "{% cycle 'a', 'b' 'c' %}{% cycle 'a', 'b' 'c' %}",
        "ab",
    ),
    Case(
        "named cycle without commas",
        "{% cycle 'g': 'a' 'b', 'c' %}{% cycle 'g': 'a' 'b', 'c' %}",
        "ac",
    ),
    Case("cycle splits at a comma in quotes", "{% cycle ', ', 'b' %}{% cycle ', ', 'b' %}", "bb"),
]

IDS = [case.description for case in CASES]


def _warning(case: Case, line: int, path: str = "en/page.md") -> str:
    """The warning for ``case`` on ``line``: a tag is located at its name, output at ``{{``."""
    written = _written(case)
    column = case.source.index(written) + (4 if written.startswith("{%") else 1)
    return (
        f"mkdocs_jekyll: {path}:{line}:{column}: Liquid syntax Jekyll accepts but ignores part "
        f"of: '{written}'; write '{case.meant}' instead"
    )


def _written(case: Case) -> str:
    """The tag or output statement the warning quotes: the one the suggestion replaces."""
    assert case.meant is not None
    opener = case.meant[:2]
    name = case.meant.split()[1] if opener == "{%" else ""
    start = case.source.index(f"{opener} {name}".rstrip())
    end = case.source.index("%}" if opener == "{%" else "}}", start) + 2
    return case.source[start:end]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_lax_syntax_renders_as_jekyll_with_a_warning(
    render: Render, caplog: pytest.LogCaptureFixture, case: Case
) -> None:
    with caplog.at_level(logging.WARNING):
        output = render(f"{PRELUDE}\n{case.source}", line_offset=2)
    assert output == f"\n{case.expected}"
    expected = [] if case.meant is None else [_warning(case, 4)]
    assert _messages(caplog) == expected


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_lax_mode_renders_the_same_without_a_warning(
    render: Render, caplog: pytest.LogCaptureFixture, case: Case
) -> None:
    with caplog.at_level(logging.WARNING):
        output = render(f"{PRELUDE}\n{case.source}", error_mode="lax")
    assert output == f"\n{case.expected}"
    assert _messages(caplog) == []


def _messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_table_matches_jekyll(tmp_path: Path) -> None:
    pages = {
        f"case{number}.html": f"---\n---\n{PRELUDE}\n{case.source}\n"
        for number, case in enumerate(CASES)
    }
    site, log = jekyll_build(tmp_path / "src", pages)
    rendered = [(site / f"case{number}.html").read_text("utf-8") for number in range(len(CASES))]
    assert rendered == [f"\n{case.expected}\n" for case in CASES]
    warned = [f"in case{number}.html" in log for number in range(len(CASES))]
    assert warned == [case.meant is not None for case in CASES]


ACADEMICPAGES_INCLUDE = """\
{% assign names = "b,a,c" | split: "," %}
{% for name in names | sort %}{{ name }} {% endfor %}
"""


def test_given_the_academicpages_loop_in_an_include_then_the_warning_names_the_include(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        site = build_site(
            files={
                "_includes/names.html": ACADEMICPAGES_INCLUDE,
                "docs/page.md": "---\ntitle: Names\n---\n{% include names.html %}\n",
            }
        )
    assert "b a c" in html(site / "page" / "index.html").get_text()
    assert warning_lines(caplog) == [
        "mkdocs_jekyll: _includes/names.html:2:4: Liquid syntax Jekyll accepts but ignores "
        "part of: '{% for name in names | sort %}'; write '{% for name in names %}' instead"
    ]


PAGE = "---\ntitle: Names\n---\n" + ACADEMICPAGES_INCLUDE


def test_given_lax_syntax_then_a_strict_build_fails(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(1)):
        build_site(files={"docs/page.md": PAGE}, strict=True)
    assert warning_lines(caplog) == [
        "mkdocs_jekyll: page.md:5:4: Liquid syntax Jekyll accepts but ignores part of: "
        "'{% for name in names | sort %}'; write '{% for name in names %}' instead"
    ]


def test_given_error_mode_strict_then_lax_syntax_is_an_error(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(
            files={"docs/page.md": PAGE}, plugins=[{"jekyll": {"liquid_error_mode": "strict"}}]
        )
    assert error_lines(caplog) == ["page.md:5:22: expected 'reversed', 'offset' or 'limit'"]


def test_given_error_mode_strict_then_a_loop_only_ruby_reads_differently_is_an_error(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    page = "{% for name in site.pages limit:2 reversed %}{{ name }}{% endfor %}\n"
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(
            files={"docs/page.md": page}, plugins=[{"jekyll": {"liquid_error_mode": "strict"}}]
        )
    assert error_lines(caplog) == [
        "page.md:1:4: Liquid syntax only Jekyll's lax parser accepts: "
        "'{% for name in site.pages limit:2 reversed %}'; write "
        "'{% for name in site.pages limit:2 %}' instead"
    ]


def test_given_error_mode_lax_then_lax_syntax_builds_without_a_warning(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        site = build_site(
            files={"docs/page.md": PAGE},
            strict=True,
            plugins=[{"jekyll": {"liquid_error_mode": "lax"}}],
        )
    assert "b a c" in html(site / "page" / "index.html").get_text()
    assert warning_lines(caplog) == []


def test_given_an_unknown_error_mode_then_the_config_error_names_the_choices(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(files={"docs/page.md": PAGE}, plugins=[{"jekyll": {"liquid_error_mode": "x"}}])
    assert error_lines(caplog) == [
        "Config value 'plugins': Plugin 'jekyll' option 'liquid_error_mode': Expected one of: "
        "('warn', 'strict', 'lax') but received: 'x'"
    ]


def test_given_else_with_markup_in_a_case_then_the_build_fails_as_in_jekyll(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    # Ruby Liquid 5.4's tags/case.rb `record_else_condition`: Jekyll fails with this message.
    page = "{% case page.title %}{% when 'y' %}Y{% else x %}E{% endcase %}\n"
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(files={"docs/page.md": page})
    assert error_lines(caplog) == [
        "page.md:1:40: Syntax Error in tag 'case' - Valid else condition: {% else %} "
        "(no parameters)"
    ]


def test_given_error_mode_strict_then_markup_ruby_liquid_ignores_still_builds(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    # Jekyll with `liquid: {error_mode: strict}` builds these too: Ruby reads them with
    # regular expressions only, whatever the error mode.
    page = (
        "{% for n in (1..2) %}{% cycle 'a' 'b' %}{% endfor x %} "
        "{% case 1 foo %}{% when 1 %}one{% endcase %}\n"
    )
    with caplog.at_level(logging.WARNING):
        site = build_site(
            files={"docs/page.md": page},
            strict=True,
            plugins=[{"jekyll": {"liquid_error_mode": "strict"}}],
        )
    assert "aa one" in html(site / "page" / "index.html").get_text()
    assert warning_lines(caplog) == []


def test_given_a_name_ruby_reads_past_its_punctuation_then_a_strict_build_fails(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(1)):
        build_site(
            files={"docs/page.md": "{% if (page.title == 'T') %}yes{% endif %}\n"}, strict=True
        )
    assert warning_lines(caplog) == [
        "mkdocs_jekyll: page.md:1:4: Liquid syntax Jekyll accepts but ignores part of: "
        "'{% if (page.title == 'T') %}'; write '{% if page.title == 'T' %}' instead"
    ]
