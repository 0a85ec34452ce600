"""``relative_url``, ``absolute_url``, ``strip_index`` and ``uri_escape``.

Expected values were produced by Jekyll 4.3.1's own ``Jekyll::Filters`` (Addressable 2.8).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from liquid_helpers import Render


@dataclass(frozen=True)
class Case:
    description: str
    template: str
    expected: str
    url: str = "https://example.com"
    baseurl: str = "/repo"


def _cases() -> list[Case]:
    rel = "{{ x | relative_url }}"
    ab = "{{ x | absolute_url }}"
    return [
        Case("relative path with baseurl", '{{ "/en/cv/" | relative_url }}', "/repo/en/cv/"),
        Case("no leading slash gets one", '{{ "en/cv/" | relative_url }}', "/repo/en/cv/"),
        Case("empty string is the baseurl", '{{ "" | relative_url }}', "/repo"),
        Case("root", '{{ "/" | relative_url }}', "/repo/"),
        Case("nil stays nil", rel, ""),
        Case("full URL untouched", '{{ "https://x.org/A b" | relative_url }}', "https://x.org/A b"),
        Case("mailto untouched", '{{ "mailto:a@b.c" | relative_url }}', "mailto:a@b.c"),
        Case(
            "protocol-relative is a path", '{{ "//cdn.com/x" | relative_url }}', "/repo//cdn.com/x"
        ),
        Case(
            "percent-encodes path, query and fragment",
            '{{ "/a b/é?q=1 2#f g" | relative_url }}',
            "/repo/a%20b/%C3%A9?q=1%202#f%20g",
        ),
        Case("dot segments removed", '{{ "/a/./b/../c" | relative_url }}', "/repo/a/c"),
        Case("dot segments may leave baseurl", '{{ "/a/../../b" | relative_url }}', "/b"),
        Case("fragment only", '{{ "#top" | relative_url }}', "/repo/#top"),
        Case("escapes normalised", '{{ "/a%2fb%zz%41%7e" | relative_url }}', "/repo/a%2Fb%25zzA~"),
        Case(
            "sub-delims kept", '{{ "/a:b@c!$&\'()*+,;=" | relative_url }}', "/repo/a:b@c!$&'()*+,;="
        ),
        Case("unsafe characters encoded", '{{ "/a[b]|c" | relative_url }}', "/repo/a%5Bb%5D%7Cc"),
        Case("number input", "{{ 5 | relative_url }}", "/repo/5"),
        Case("without baseurl", '{{ "/en/cv/" | relative_url }}', "/en/cv/", baseurl=""),
        Case("empty without baseurl", '{{ "" | relative_url }}', "", baseurl=""),
        Case("baseurl trailing slash dropped", '{{ "" | relative_url }}', "/r", baseurl="/r/"),
        Case(
            "absolute with baseurl",
            '{{ "/en/cv/" | absolute_url }}',
            "https://example.com/repo/en/cv/",
        ),
        Case("absolute of empty", '{{ "" | absolute_url }}', "https://example.com/repo"),
        Case(
            "absolute of empty without baseurl",
            '{{ "" | absolute_url }}',
            "https://example.com/",
            baseurl="",
        ),
        Case("absolute nil stays nil", ab, ""),
        Case(
            "absolute of relative path", '{{ "en" | absolute_url }}', "https://example.com/repo/en"
        ),
        Case(
            "absolute full URL untouched",
            '{{ "https://x.org/A" | absolute_url }}',
            "https://x.org/A",
        ),
        Case("absolute encodes", '{{ "/é" | absolute_url }}', "https://example.com/repo/%C3%A9"),
        Case("absolute without site url", '{{ "/en/" | absolute_url }}', "/repo/en/", url=""),
        Case(
            "host lower-cased, default port dropped",
            '{{ "/x" | absolute_url }}',
            "http://example.com/repo/x",
            url="http://Example.COM:80",
        ),
        Case(
            "page-like mapping uses its url",
            "{{ page | relative_url }}",
            "/repo/en/cv/",
        ),
        Case("strip_index", '{{ "/a/index.html" | strip_index }}', "/a/"),
        Case("strip_index of empty is nil", '{{ "" | strip_index }}', ""),
        Case("uri_escape", '{{ "foo, bar \\\\baz?" | uri_escape }}', "foo,%20bar%20%5C%5Cbaz?"),
        Case(
            "uri_escape re-escapes", '{{ "a%20b%zz é[]#" | uri_escape }}', "a%20b%25zz%20%C3%A9[]#"
        ),
    ]


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case.description)
def test_url_filters(render: Render, case: Case) -> None:
    context = {"page": {"url": "/en/cv/"}}
    assert render(case.template, context, site_url=case.url, baseurl=case.baseurl) == case.expected


def test_relative_url_of_a_markup_string_is_not_served_from_the_memo() -> None:
    """The memo holds plain strings only: a ``Markup`` input comes back as it went in."""
    from markupsafe import Markup

    from mkdocs_jekyll.jekyll.urls import compute_relative_url

    assert type(compute_relative_url("https://x.org/a", "/repo")) is str
    marked = compute_relative_url(Markup("https://x.org/a"), "/repo")
    assert type(marked) is Markup
    assert compute_relative_url("/en/cv/", "/repo") == "/repo/en/cv/"
