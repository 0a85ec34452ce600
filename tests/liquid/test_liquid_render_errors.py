"""Render errors and warnings: file:line:col with the front matter offset, include chains,
strict and lax modes. Messages are checked word for word."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from liquid_helpers import Render
from mkdocs_jekyll.jekyll.errors import ContentError

INCLUDES = {
    "bad_filter.html": "{{ x | nope }}",
    "syntax.html": "line1\n  {% if %}",
    "outer.html": "a\n{% include bad_filter.html %}",
    "date.html": "{{ include.x | date_to_string }}",
    "miss.html": "x\n\n{% include missing.html %}",
    "rec.html": "{% include rec.html %}",
    "unclosed.html": "\n{% for x in y %}",
}
LOGGER = "mkdocs.plugins.mkdocs_jekyll.liquid.render"


@pytest.fixture(autouse=True)
def _files(site_dirs: dict[str, Path]) -> None:
    for name, text in INCLUDES.items():
        (site_dirs["includes"] / name).write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Case:
    description: str
    template: str
    error: str
    strict: bool = False
    context: dict[str, Any] = field(default_factory=lambda: {"page": {}})


CASES = [
    Case("unknown tag", "{% foo %}", "en/impact.md:11:4: unknown tag 'foo'; did you mean 'for'?"),
    Case(
        "unknown tag inside a block",
        "{% iff x %}{% endif %}",
        "en/impact.md:11:4: unknown tag 'iff'; did you mean 'if'?",
    ),
    Case(
        "render is not a Jekyll tag", '{% render "x" %}', "en/impact.md:11:4: unknown tag 'render'"
    ),
    Case(
        "unclosed block",
        "a\n\n  {% if x %}\n",
        "en/impact.md:13:6: 'if' tag was never closed; expected '{% endif %}'",
    ),
    Case("stray end tag", "{% endif %}", "en/impact.md:11:4: unexpected tag 'endif'"),
    Case(
        "tag without expression",
        "{% for x in y %}{% if %}{% endfor %}",
        "en/impact.md:11:20: missing expression in 'if' tag",
    ),
    # Jekyll's default error mode reads it as `{{ x }}` (tests/liquid/test_lax_syntax.py).
    Case(
        "filter name missing",
        "{{ x | }}",
        "en/impact.md:11:4: expected word, found end of expression",
        strict=True,
    ),
    Case("unclosed output", "{{ x ", "en/impact.md:11:1: expected '}}', found end of file"),
    Case(
        "bad filter argument",
        '{{ "a" | truncate: "x" }}',
        "en/impact.md:11:10: truncate expected an integer, found str",
    ),
    Case(
        "unknown filter, strict",
        "a\n{{ x | slugifyy }}",
        "en/impact.md:12:8: unknown filter 'slugifyy'; did you mean 'slugify'?",
        strict=True,
    ),
    Case(
        "undefined variable, strict",
        "x\n{{ page.missing }}",
        "en/impact.md:12:4: undefined variable 'page.missing'; define it, or turn off "
        "liquid.strict_variables",
        strict=True,
    ),
    Case(
        "undefined in a condition, strict",
        "{% if missing %}y{% endif %}",
        "en/impact.md:11:7: undefined variable 'missing'; define it, or turn off "
        "liquid.strict_variables",
        strict=True,
    ),
    Case(
        "syntax error inside an include",
        "{% include syntax.html %}",
        "_includes/syntax.html:2:6: missing expression in 'if' tag\n"
        "  included from 'en/impact.md' line 11",
    ),
    Case(
        "unclosed block inside an include",
        "p\n{% include unclosed.html %}",
        "_includes/unclosed.html:2:4: 'for' tag was never closed; expected '{% endfor %}'\n"
        "  included from 'en/impact.md' line 12",
    ),
    Case(
        "filter error inside an include",
        '{% include date.html x="bad" %}',
        "_includes/date.html:1:16: Invalid Date: '\"bad\"' is not a valid datetime.\n"
        "  included from 'en/impact.md' line 11",
    ),
    Case(
        "missing nested include",
        "{% include miss.html %}",
        "_includes/miss.html:3:4: could not locate the included file 'missing.html' in any of "
        "['_includes', 'mkdocs_jekyll/includes']; ensure it exists in one of those directories\n"
        "  included from 'en/impact.md' line 11",
    ),
    Case(
        "two include levels, strict",
        "p\n{% include outer.html %}",
        "_includes/bad_filter.html:1:8: unknown filter 'nope'\n"
        "  included from '_includes/outer.html' line 2\n"
        "  included from 'en/impact.md' line 12",
        strict=True,
    ),
    Case(
        "recursive include",
        "{% include rec.html %}",
        "_includes/rec.html:1:4: Liquid include depth limit reached (30 levels: an include "
        "takes two, a loop one; does an include include itself?); raise "
        "plugins.jekyll.liquid_depth_limit if this page needs more\n"
        "  included from '_includes/rec.html' line 1 (12 times)\n"
        "  included from 'en/impact.md' line 11",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_errors_name_file_line_and_column(render: Render, case: Case) -> None:
    with pytest.raises(ContentError) as caught:
        render(
            case.template,
            case.context,
            path="en/impact.md",
            line_offset=10,
            strict_filters=case.strict,
            strict_variables=case.strict,
            error_mode="strict" if case.strict else "warn",
        )
    assert str(caught.value) == case.error


def test_unknown_filter_warns_and_is_skipped(
    render: Render, caplog: pytest.LogCaptureFixture
) -> None:
    template = "a\n{% for i in (1..3) %}{{ x | slugifyy | upcase }}{% endfor %}"
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        out = render(template, {"x": "b c"}, path="en/impact.md", line_offset=4)
    assert out == "a\nB CB CB C"
    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            LOGGER,
            "WARNING",
            "mkdocs_jekyll: en/impact.md:6:29: unknown filter 'slugifyy'; did you mean 'slugify'?",
        ),
    ]


def test_unknown_filter_in_an_include_warns_with_the_include(
    render: Render, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert render("{% include outer.html %}", path="en/impact.md") == "a\n"
    assert [r.getMessage() for r in caplog.records] == [
        "mkdocs_jekyll: _includes/bad_filter.html:1:8: unknown filter 'nope'"
    ]


def test_undefined_variables_render_empty_when_not_strict(
    render: Render, caplog: pytest.LogCaptureFixture
) -> None:
    template = "[{{ page.missing }}|{{ nope.deep.er }}|{% if nope %}y{% endif %}]"
    assert render(template, {"page": {}}) == "[||]"
    assert caplog.records == []


def test_error_without_front_matter_uses_liquid_lines(render: Render) -> None:
    with pytest.raises(ContentError) as caught:
        render("\n\n{% foo %}", path="about.md")
    assert (caught.value.path, caught.value.line, caught.value.column) == ("about.md", 3, 4)
