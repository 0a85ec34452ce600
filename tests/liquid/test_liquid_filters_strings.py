"""String and value filters: slugify, escaping, word counts, jsonify, inspect, markdownify.

Expected values were produced by Jekyll 4.3.1's own ``Jekyll::Filters``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from liquid_helpers import Render
from mkdocs_jekyll.jekyll.text import slugify

MIXED = "Ça va? Ünïcödé — ñ ß Æ 日本"


@dataclass(frozen=True)
class Case:
    description: str
    template: str
    expected: str
    context: dict[str, Any] = field(default_factory=dict)


CASES = [
    Case(
        "slugify default", "{{ x | slugify }}", "the-config-yml-file", {"x": "The _config.yml file"}
    ),
    Case(
        "slugify pretty",
        "{{ x | slugify: 'pretty' }}",
        "the-_config.yml-file",
        {"x": "The _config.yml file"},
    ),
    Case(
        "slugify ascii",
        "{{ x | slugify: 'ascii' }}",
        "the-config-yml-file",
        {"x": "The _config.yml file"},
    ),
    Case(
        "slugify latin",
        "{{ x | slugify: 'latin' }}",
        "the-config-yml-file",
        {"x": "The _config.yml file"},
    ),
    Case(
        "slugify raw",
        "{{ x | slugify: 'raw' }}",
        "the-_config.yml-file",
        {"x": "The _config.yml file"},
    ),
    Case(
        "slugify none",
        "{{ x | slugify: 'none' }}",
        "the _config.yml file",
        {"x": "The _config.yml file"},
    ),
    Case("slugify unknown mode", "{{ x | slugify: 'bogus' }}", "hello world", {"x": "Hello World"}),
    Case("slugify unicode default", "{{ x | slugify }}", "ça-va-ünïcödé-ñ-ß-æ-日本", {"x": MIXED}),
    Case(
        "slugify unicode latin", "{{ x | slugify: 'latin' }}", "ca-va-unicode-n-ss-ae", {"x": MIXED}
    ),
    Case("slugify unicode ascii", "{{ x | slugify: 'ascii' }}", "a-va-n-c-d", {"x": MIXED}),
    Case(
        "slugify pretty edges",
        "{{ x | slugify: 'pretty' }}",
        "hello!!-world",
        {"x": "-- Hello!! World --"},
    ),
    Case(
        "slugify cased extension",
        "{{ x | slugify: 'pretty', true }}",
        "The-_config.yml-file",
        {"x": "The _config.yml file"},
    ),
    Case("slugify nil", "{{ x | slugify }}", ""),
    Case(
        "xml_escape",
        "{{ x | xml_escape }}",
        "foo &quot;bar&quot; &lt;baz&gt; &amp; &apos;q&apos;",
        {"x": "foo \"bar\" <baz> & 'q'"},
    ),
    Case("xml_escape nil", "{{ x | xml_escape }}", ""),
    Case(
        "cgi_escape",
        "{{ x | cgi_escape }}",
        "foo%2Cbar%3Bbaz%3F+~%C3%A9%2B%26",
        {"x": "foo,bar;baz? ~é+&"},
    ),
    Case("normalize_whitespace", "{{ x | normalize_whitespace }}", "a b", {"x": "  a \n\t b  "}),
    Case("number_of_words", "{{ x | number_of_words }}", "3", {"x": "hello world  foo"}),
    Case("number_of_words empty", "{{ x | number_of_words }}", "0", {"x": "  "}),
    Case("number_of_words cjk", "{{ x | number_of_words: 'cjk' }}", "5", {"x": "你好世界 hello"}),
    Case(
        "number_of_words auto with cjk",
        "{{ x | number_of_words: 'auto' }}",
        "5",
        {"x": "你好世界 hello"},
    ),
    Case(
        "number_of_words auto without cjk",
        "{{ x | number_of_words: 'auto' }}",
        "2",
        {"x": "hello world"},
    ),
    Case(
        "jsonify",
        "{{ x | jsonify }}",
        '{"a":[1,2.0,null,true],"b":"é/\\n\\u0001<"}',
        {"x": {"a": [1, 2.0, None, True], "b": "é/\n\x01<"}},
    ),
    Case(
        "jsonify date and time",
        "{{ x | jsonify }}",
        '["2024-01-02","2024-01-02 10:00:00 +0000"]',
        {"x": [dt.date(2024, 1, 2), dt.datetime(2024, 1, 2, 10, tzinfo=dt.UTC)]},
    ),
    Case("jsonify nil", "{{ x | jsonify }}", "null"),
    Case(
        "inspect hash",
        "{{ x | inspect }}",
        "{&quot;a&quot;=&gt;[1, 2.5, nil, true, &quot;x\\&quot;y&quot;], "
        "&quot;b&quot;=&gt;{&quot;c&quot;=&gt;1}}",
        {"x": {"a": [1, 2.5, None, True, 'x"y'], "b": {"c": 1}}},
    ),
    Case(
        "inspect string",
        "{{ x | inspect }}",
        "&quot;&lt;a &amp; &apos;b&apos;&gt;&quot;",
        {"x": "<a & 'b'>"},
    ),
    Case("inspect nil", "{{ x | inspect }}", "nil"),
    Case("inspect big float", "{{ x | inspect }}", "1.0e+20", {"x": 1e20}),
    Case("to_integer leading digits", "{{ x | to_integer }}", "12", {"x": "12abc"}),
    Case("to_integer spaces", "{{ x | to_integer }}", "12", {"x": " 12"}),
    Case("to_integer underscores", "{{ x | to_integer }}", "1000", {"x": "1_000"}),
    Case("to_integer float", "{{ x | to_integer }}", "3", {"x": 3.9}),
    Case("to_integer true", "{{ x | to_integer }}", "1", {"x": True}),
    Case("to_integer nil", "{{ x | to_integer }}", "0"),
    Case("to_integer negative", "{{ x | to_integer }}", "-3", {"x": "-3"}),
    Case(
        "markdownify default converter",
        "{{ x | markdownify }}",
        "<p><em>hi</em></p>",
        {"x": "*hi*"},
    ),
    Case("standard filters remain", "{{ x | upcase | default: 'n' }}", "AB", {"x": "ab"}),
    Case("default filter on nil", "{{ x | default: 'n' }}", "n"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_string_filters(render: Render, case: Case) -> None:
    assert render(case.template, case.context) == case.expected


def test_markdownify_uses_the_site_converter(render: Render) -> None:
    def convert(text: str) -> str:
        return f"<site>{text}</site>"

    assert render("{{ 'a' | markdownify }}", markdownify=convert) == "<site>a</site>"


def test_slugify_function_keeps_case_when_asked() -> None:
    assert slugify("The _config.yml file", "pretty", cased=True) == "The-_config.yml-file"
    assert slugify(None) is None
