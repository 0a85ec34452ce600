"""Array filters: where, where_exp, find, find_exp, group_by, group_by_exp, sort ...

Expected values were produced by Jekyll 4.3.1's own ``Jekyll::Filters``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from liquid_helpers import Render
from mkdocs_jekyll.jekyll.errors import ContentError
from sitebuild import JEKYLL, jekyll_build

MIXED = [{"a": "1"}, {"a": 1}, {"a": [1, 2]}, {"a": None}, {"b": 2}]
POSTS = [
    {"title": "A", "year": 2023, "tags": ["x"], "meta": {"lang": "en"}},
    {"title": "B", "year": "2024", "tags": ["y", "x"], "meta": {"lang": "es"}},
    {"title": "C", "year": 2024, "tags": [], "meta": {"lang": "en"}},
]
SORTABLE = [{"a": 2}, {"a": None}, {"a": "10"}, {"b": 1}]


@dataclass(frozen=True)
class Case:
    description: str
    template: str
    expected: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


TITLES = "{% for p in r %}{{ p.title }}{% endfor %}"

CASES = [
    Case(
        "where number matches string and number",
        "{{ x | where: 'a', 1 | jsonify }}",
        '[{"a":"1"},{"a":1},{"a":[1,2]}]',
        {"x": MIXED},
    ),
    Case(
        "where nil matches missing and nil",
        "{{ x | where: 'a', nil | jsonify }}",
        '[{"a":null},{"b":2}]',
        {"x": MIXED},
    ),
    Case("where array value returns input", "{{ x | where: 'a', x | size }}", "5", {"x": MIXED}),
    Case(
        "where dotted property",
        "{% assign r = x | where: 'meta.lang', 'en' %}" + TITLES,
        "AC",
        {"x": POSTS},
    ),
    Case(
        "where on array property",
        "{% assign r = x | where: 'tags', 'x' %}" + TITLES,
        "AB",
        {"x": POSTS},
    ),
    Case(
        "where on hash values",
        "{{ x | where: 'a', 'x' | jsonify }}",
        '[{"a":"x"}]',
        {"x": {"k1": {"a": "x"}, "k2": {"a": "y"}}},
    ),
    Case(
        "where true matches 'true'",
        "{{ x | where: 'a', 'true' | jsonify }}",
        '[{"a":true}]',
        {"x": [{"a": True}]},
    ),
    Case(
        "where numeric string normalised",
        "{{ x | where: 'a', '5' | jsonify }}",
        '[{"a":"05"}]',
        {"x": [{"a": "05"}]},
    ),
    Case("where on a string returns it", "{{ 'abc' | where: 'a', 'x' }}", "abc"),
    Case(
        "where_exp",
        "{% assign r = x | where_exp: 'p', 'p.year == 2024' %}" + TITLES,
        "C",
        {"x": POSTS},
    ),
    Case(
        "where_exp and/contains",
        "{% assign r = x | where_exp: 'p', \"p.tags contains 'x' and p.title != 'A'\" %}" + TITLES,
        "B",
        {"x": POSTS},
    ),
    Case(
        "where_exp comparing text with a number fails as in Liquid",
        "{{ x | where_exp: 'p', 'p.year > 2000' }}",
        context={"x": POSTS},
        error="en/page.md:1:8: '<' and '>' are not supported between 'int' and 'str' "
        "(in expression 'p.year > 2000')",
    ),
    Case("where_exp on non-array", "{{ 5 | where_exp: 'p', 'p' }}", "5"),
    Case(
        "where_exp bad expression",
        "{{ x | where_exp: 'p', 'p.year ==' }}",
        context={"x": POSTS},
        error="en/page.md:1:8: invalid expression 'p.year ==': "
        "expected a primitive expression, found end of expression",
    ),
    Case(
        "find", "{{ x | find: 'a', 'y' | jsonify }}", '{"a":"y"}', {"x": [{"a": "x"}, {"a": "y"}]}
    ),
    Case("find none", "{{ x | find: 'a', 'z' | jsonify }}", "null", {"x": [{"a": "x"}]}),
    Case("find_exp", "{{ x | find_exp: 'p', 'p.year == 2024' | map: 'title' }}", "C", {"x": POSTS}),
    Case("find_exp none", "{{ x | find_exp: 'p', 'p.year == 1' | jsonify }}", "null", {"x": POSTS}),
    Case(
        "group_by",
        "{{ x | group_by: 'a' | jsonify }}",
        '[{"name":"x","items":[{"a":"x","n":1},{"a":"x","n":3}],"size":2},'
        '{"name":"y","items":[{"a":"y","n":2}],"size":1},{"name":"","items":[{"n":4}],"size":1},'
        '{"name":"5","items":[{"a":"05"}],"size":1}]',
        {"x": [{"a": "x", "n": 1}, {"a": "y", "n": 2}, {"a": "x", "n": 3}, {"n": 4}, {"a": "05"}]},
    ),
    Case(
        "group_by mixed types",
        "{% assign gs = x | group_by: 'year' %}"
        "{% for g in gs %}{{ g.name }}:{{ g.size }} {% endfor %}",
        "2023:1 2024:2 ",
        {"x": POSTS},
    ),
    Case("group_by on a string", "{{ 'abc' | group_by: 'a' }}", "abc"),
    Case(
        "group_by_exp",
        "{% assign g = x | group_by_exp: 'p', 'p.title | downcase' %}"
        "{% for i in g %}{{ i.name }}{{ i.size }}{% endfor %}",
        "a1b1c1",
        {"x": POSTS},
    ),
    Case(
        "group_by_exp keeps value",
        "{{ x | group_by_exp: 'p', 'p.year' | map: 'name' | jsonify }}",
        '[2023,"2024",2024]',
        {"x": POSTS},
    ),
    Case("sort values", "{{ x | sort | join: ',' }}", "1,2,3", {"x": [3, 1, 2]}),
    Case(
        "sort property nils first",
        "{{ x | sort: 'a' | jsonify }}",
        '[{"a":null},{"b":1},{"a":2},{"a":"10"}]',
        {"x": SORTABLE},
    ),
    Case(
        "sort property nils last",
        "{{ x | sort: 'a', 'last' | jsonify }}",
        '[{"a":2},{"a":"10"},{"a":null},{"b":1}]',
        {"x": SORTABLE},
    ),
    Case(
        "sort incomparable falls back to text",
        "{{ x | sort: 'a' | map: 'a' | jsonify }}",
        '[1,"b",true]',
        {"x": [{"a": "b"}, {"a": 1}, {"a": True}]},
    ),
    Case(
        "sort bad nils",
        "{{ x | sort: 'a', 'middle' }}",
        context={"x": SORTABLE},
        error="en/page.md:1:8: Invalid nils order: 'middle' is not a valid nils order. "
        "It must be 'first' or 'last'.",
    ),
    Case("sort nil", "{{ x | sort }}", error="en/page.md:1:8: Cannot sort a null object."),
    Case(
        "sort mixed values",
        "{{ x | sort }}",
        context={"x": [1, "a"]},
        error="en/page.md:1:8: comparison of String with Integer failed",
    ),
    Case("push", "{{ x | push: 4 | join: ',' }}", "1,2,3,4", {"x": [1, 2, 3]}),
    Case("push on a string", "{{ 'str' | push: 4 }}", "str"),
    Case("pop", "{{ x | pop | join: ',' }}", "1,2", {"x": [1, 2, 3]}),
    Case("pop two", "{{ x | pop: 2 | join: ',' }}", "1", {"x": [1, 2, 3]}),
    Case(
        "pop bad count",
        "{{ x | pop: 'x' }}",
        context={"x": [1]},
        error="en/page.md:1:8: invalid integer 'x'",
    ),
    Case("shift", "{{ x | shift | join: ',' }}", "2,3", {"x": [1, 2, 3]}),
    Case("unshift", "{{ x | unshift: 0 | join: ',' }}", "0,1", {"x": [1]}),
    Case("input is not modified", "{% assign y = x | push: 9 %}{{ x | size }}", "1", {"x": [1]}),
    Case("sample one", "{{ x | sample }}", "7", {"x": [7]}),
    Case("sample many", "{{ x | sample: 2 | sort | join: ',' }}", "1,2", {"x": [2, 1]}),
    Case(
        "sentence three",
        "{{ x | array_to_sentence_string }}",
        "a, b, and c",
        {"x": ["a", "b", "c"]},
    ),
    Case(
        "sentence connector",
        "{{ x | array_to_sentence_string: 'or' }}",
        "a or b",
        {"x": ["a", "b"]},
    ),
    Case("sentence one", "{{ x | array_to_sentence_string }}", "1", {"x": [1]}),
    Case("sentence empty", "{{ x | array_to_sentence_string }}", "", {"x": []}),
    Case(
        "sentence of nil",
        "{{ x | array_to_sentence_string }}",
        error="en/page.md:1:8: array_to_sentence_string: expected an array, received NilClass",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_array_filters(render: Render, case: Case) -> None:
    if case.error is not None:
        with pytest.raises(ContentError) as caught:
            render(case.template, case.context)
        assert str(caught.value) == case.error
    else:
        assert render(case.template, case.context) == case.expected


# -- where_exp / find_exp over a hash ----------------------------------------------------------

# filters.rb where_exp: `input = input.values if input.is_a?(Hash)`: the condition sees each
# value, never a key. The expected outputs are Jekyll 4.3.1's (test_hash_filters_match_jekyll).
HASH_DATA = "k1: {title: A, year: 2023}\nk2: {title: B, year: 2024}\nk3: {title: C, year: 2024}\n"
HASH = {
    "k1": {"title": "A", "year": 2023},
    "k2": {"title": "B", "year": 2024},
    "k3": {"title": "C", "year": 2024},
}
HASH_TEMPLATES = [
    (
        "where_exp on a hash tests its values",
        "{{ x | where_exp: 'p', 'p.year == 2024' | jsonify }}",
    ),
    ("where_exp on a hash keeps its order", "{{ x | where_exp: 'p', 'p' | map: 'title' | join }}"),
    ("where_exp on a hash never sees a key", "{{ x | where_exp: 'p', 'p == \"k1\"' | jsonify }}"),
    ("find_exp on a hash", "{{ x | find_exp: 'p', 'p.year == 2024' | jsonify }}"),
]
HASH_EXPECTED = [
    '[{"title":"B","year":2024},{"title":"C","year":2024}]',
    "A B C",
    "[]",
    '{"title":"B","year":2024}',
]


@pytest.mark.parametrize(
    ("template", "expected"),
    [(template, want) for (_, template), want in zip(HASH_TEMPLATES, HASH_EXPECTED, strict=True)],
    ids=[description for description, _ in HASH_TEMPLATES],
)
def test_hash_filters(render: Render, template: str, expected: str) -> None:
    assert render(template, {"x": HASH}) == expected


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_hash_filters_match_jekyll(tmp_path: Path) -> None:
    page = "\n".join(template.replace("x |", "site.data.x |") for _, template in HASH_TEMPLATES)
    site, _ = jekyll_build(
        tmp_path / "src", {"_data/x.yml": HASH_DATA, "page.html": f"---\n---\n{page}\n"}
    )
    assert (site / "page.html").read_text("utf-8").splitlines() == HASH_EXPECTED
