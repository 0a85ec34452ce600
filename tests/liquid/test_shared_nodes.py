"""Markup parsed once for every place it is written (``liquid/shared_nodes.py``).

A later place renders with the first place's parsed expression; its output, its errors
(file, line and column) and its warnings must be the ones it has when parsed on its own.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liquid_helpers import make_settings
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.liquid import LiquidSettings, create_environment, render_markdown, shared_nodes
from mkdocs_jekyll.liquid.environment import JekyllEnvironment
from mkdocs_jekyll.liquid.shared_nodes import SharedOutputNode
from mkdocs_jekyll.liquid.tags.include_tag import IncludeNode
from sitebuild import BuildSite, site_tree

LOGGER = "mkdocs.plugins.mkdocs_jekyll.liquid.render"
INCLUDES = {
    "note.html": "<p>{{ include.title }}: {{ include.body | upcase }}</p>",
    "date.html": "{{ include.x | date_to_string }}",
    "keep.html": "{% assign kept = include.body %}",
}


@pytest.fixture(autouse=True)
def _files(site_dirs: dict[str, Path]) -> None:
    for name, text in INCLUDES.items():
        (site_dirs["includes"] / name).write_text(text, encoding="utf-8")


def _render(env: JekyllEnvironment, source: str, path: str, context: dict[str, Any]) -> str:
    """Render ``source`` as the page ``path`` (front matter of 10 lines); an error's text."""
    try:
        return render_markdown(env, source, path=path, line_offset=10, context=context)
    except ContentError as err:
        return f"error: {err}"


@dataclass(frozen=True)
class Case:
    description: str
    markup: str
    """Written twice on the second page, at other lines and columns than on the first."""
    context: tuple[tuple[str, Any], ...] = ()
    settings: tuple[tuple[str, Any], ...] = ()
    first: str | None = None
    """Written on the first page (default: ``markup``)."""


CASES = [
    Case("a link", '{{ "/en/a/" | relative_url }}', settings=(("baseurl", "/r"),)),
    Case("a variable", "{{ site.motto }}", (("site", {"motto": "Ship"}),)),
    Case("an include", '{% include note.html title="Note" body=page.title %}'),
    Case("a bad filter argument", '{{ "a" | truncate: "x" }}'),
    Case("a division by zero", "{{ 1 | divided_by: page.zero }}", (("page", {"zero": 0}),)),
    Case(
        "an undefined variable, strict",
        "{{ page.missing | upcase }}",
        settings=(("strict_variables", True),),
    ),
    Case(
        "an undefined filter argument, strict",
        '{{ "a" | append: page.missing }}',
        settings=(("strict_variables", True),),
    ),
    Case("an error in an include's file name", "{% include {{ 1 | divided_by: 0 }}.html %}"),
    Case("an error in the included file", '{% include date.html x="bad" %}'),
    Case(
        "an include of an undefined variable, strict",
        "{% include note.html body=page.missing %}",
        settings=(("strict_variables", True),),
    ),
    Case(
        "an undefined include parameter kept and printed later, strict",
        "{% include keep.html body=page.missing %}{{ kept }}",
        settings=(("strict_variables", True),),
    ),
    Case("a missing include", "{% include nope.html %}"),
    Case("lax markup", "{{ page.title | upcase | }}"),
    Case("an unknown filter", "{{ page.title | upcasee }}"),
    Case(
        "an unknown filter, strict",
        "{{ page.title | upcasee }}",
        settings=(("strict_filters", True),),
    ),
    Case(
        "a link to another path",
        '{{ "/en/b/" | relative_url }}',
        settings=(("baseurl", "/r"),),
        first='{{ "/en/a-longer/" | relative_url }}',
    ),
    Case("another quote", "{{ 'it\"s' | upcase }}", first='{{ "it\'s" | upcase }}'),
    Case("a string alone", '{{ "b" }}', first='{{ "a, b" }}'),
    Case(
        "a bad filter argument after another string",
        '{{ "a" | truncate: "x" }}',
        first='{{ "a longer one" | truncate: "x" }}',
    ),
    Case(
        "an undefined filter argument after another string, strict",
        '{{ "a" | append: page.missing }}',
        settings=(("strict_variables", True),),
        first='{{ "a: longer" | append: page.missing }}',
    ),
    Case("lax markup after another string", '{{ "a" | upcase | }}', first='{{ "bc" | upcase | }}'),
    Case(
        "a filter Ruby reads otherwise after another string",
        '{{ "a" | join: ", ", }}',
        first='{{ "b, c" | join: ", ", }}',
    ),
    Case(
        "a string that is a path's key",
        '{{ "a".size }}',
        first='{{ "bcd".size }}',
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_a_later_place_renders_and_fails_as_it_does_parsed_alone(
    site_dirs: dict[str, Path], caplog: pytest.LogCaptureFixture, case: Case
) -> None:
    context: dict[str, Any] = {"page": {"title": "T"}, **dict(case.context)}
    second = f"a\n  b {case.markup}\n\n{{% for i in (1..2) %}}  {case.markup}{{% endfor %}}\n"

    def results(*, share: bool) -> tuple[str, list[str]]:
        env = create_environment(make_settings(site_dirs, **dict(case.settings)))
        if not share:
            env.shared_nodes = None  # type: ignore[assignment]
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            _render(env, f"x {case.first or case.markup}", "en/first.md", context)
            out = _render(env, second, "en/second.md", context)
        return out, [r.getMessage() for r in caplog.records]

    assert results(share=True) == results(share=False)


def test_the_same_markup_is_parsed_once(site_dirs: dict[str, Path]) -> None:
    env = create_environment(make_settings(site_dirs))
    source = '{{ "/a/" | relative_url }} {% include note.html title="N" %}\n'
    first = env.parse_page("en/a.md", source)
    second = env.parse_page("en/b.md", "x\n" + source)
    output, include = (node for node in second.nodes if not hasattr(node, "text"))
    assert isinstance(output, SharedOutputNode)
    assert output.expression is first.nodes[0].expression  # type: ignore[attr-defined]
    assert isinstance(include, IncludeNode)
    assert include.file is first.nodes[2].file  # type: ignore[attr-defined]
    assert include.token.source == "x\n" + source  # Its own tag token.
    link = env.parse_page("en/c.md", '{{ "/b/" | relative_url }}').nodes[0]
    assert isinstance(link, SharedOutputNode)
    assert link.expression.filters is first.nodes[0].expression.filters  # type: ignore[attr-defined]
    assert link.expression.left.value == "/b/"  # type: ignore[attr-defined]


def test_lax_markup_and_unknown_filters_are_parsed_at_each_place(
    site_dirs: dict[str, Path],
) -> None:
    env = create_environment(make_settings(site_dirs))
    source = "{{ a | upcase | }}{{ a | nope }}{{ a ? 'x' }}"
    env.parse_page("en/a.md", source)
    env.parse_page("en/b.md", source)
    assert env.shared_nodes == {}


def test_a_strict_include_reading_variables_is_parsed_at_each_place(
    site_dirs: dict[str, Path],
) -> None:
    env = create_environment(make_settings(site_dirs, strict_variables=True))
    env.parse_page("en/a.md", "{% include note.html title='x' %}{% include note.html body=b %}")
    assert list(env.shared_nodes) == [("include", "note.html title='x'")]


def test_a_site_is_the_same_with_shared_markup(
    build_site: BuildSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (
        "---\ntitle: {n}\n---\n"
        "See [a]({{{{ '/en/p1/' | relative_url }}}}) and {{{{ site.data.facts.motto }}}}.\n\n"
        '{{% include note.html title="Note" body=page.title %}}\n\n'
        "{{% for i in (1..{n}) %}}{{{{ i | plus: 1 }}}} {{% endfor %}}\n"
    )
    files = {f"docs/en/p{n}.md": page.format(n=n) for n in range(1, 5)}
    files["docs/index.md"] = "# Home\n"
    files["_data/facts.yml"] = "motto: Measure twice\n"
    files["_includes/note.html"] = INCLUDES["note.html"]
    shared = site_tree(build_site(files))
    monkeypatch.setattr(shared_nodes, "shared_store", lambda env: None)
    alone = site_tree(build_site(files))
    assert shared == alone
    assert b"<p>Note: 3</p>" in shared["en/p3/index.html"]


@dataclass(frozen=True)
class FilterCase:
    description: str
    template: str
    context: tuple[tuple[str, Any], ...] = ()
    volatile: bool = False


FILTER_CASES = [
    FilterCase("a filter given the environment", '{{ "/a/" | relative_url }}'),
    FilterCase("a plain filter", '{{ "a b" | slugify | upcase }}'),
    FilterCase(
        "a filter given the render context",
        '{{ xs | where_exp: "x", "x.n > page.n" | map: "n" | join: "," }}',
        (("xs", [{"n": 1}, {"n": 2}, {"n": 3}]),),
    ),
    FilterCase("a filter given a range longer than the loop limit", "{{ (1..100000000) | join }}"),
    FilterCase("a filter reading the clock", '{{ "now" | date: "%Y" | size }}', volatile=True),
    FilterCase("a filter given a plain date", '{{ "2024-01-02" | date: "%Y" }}'),
]


@pytest.mark.parametrize("case", FILTER_CASES, ids=lambda case: case.description)
def test_a_filter_made_once_per_build_acts_as_one_made_per_call(
    site_dirs: dict[str, Path], case: FilterCase
) -> None:
    context: dict[str, Any] = {**dict(case.context), "page": {"n": 2}}
    env = create_environment(make_settings(site_dirs, baseurl="/r"))
    _render(env, case.template, "en/a.md", {**context, "page": {"n": 1}})
    env.volatile = False
    again = _render(env, f"x\n{case.template}", "en/b.md", context)
    fresh = create_environment(make_settings(site_dirs, baseurl="/r"))
    assert again == _render(fresh, f"x\n{case.template}", "en/b.md", context)
    assert env.volatile is fresh.volatile is case.volatile


_PIECES = st.sampled_from(
    ['"a"', "'b'", '"c, d"', " | upcase", " | append: x", ' | truncate: "q"', " | nope", " ", ","]
)


@given(st.lists(_PIECES, min_size=1, max_size=4), st.lists(_PIECES, min_size=1, max_size=4))
def test_any_two_output_statements_render_as_parsed_alone(
    first: list[str], second: list[str]
) -> None:
    settings = LiquidSettings(includes_dirs=(), include_labels=(), strict_variables=True)
    context: dict[str, Any] = {"x": "y"}
    pages = (f"{{{{ {''.join(first)} }}}}", f"p\n {{{{ {''.join(second)} }}}}")

    def results(*, share: bool) -> list[str]:
        env = create_environment(settings)
        if not share:
            env.shared_nodes = None  # type: ignore[assignment]
        return [_render(env, page, f"en/{n}.md", context) for n, page in enumerate(pages)]

    logging.disable(logging.WARNING)
    try:
        assert results(share=True) == results(share=False)
    finally:
        logging.disable(logging.NOTSET)
