"""Hostile and broken input: Liquid resource limits, and messages naming the right key.

Given a page whose Liquid would run for minutes or fill memory (a hundred-million-step loop,
a self-including include, a doubling string), when the site is built, then the build stops
within seconds with one line naming the page, the line, the limit and the option raising
it. Given a real site's heaviest page (a 3,000-post archive with an include per post), the
default limits let it through.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from sitebuild import BuildSite

PAGE = "docs/en/x.md"


@dataclass(frozen=True)
class Case:
    """A page (and include files) that hits one limit, and the exact message."""

    description: str
    files: dict[str, str]
    message: str
    options: dict[str, Any] = field(default_factory=dict)


def _limit(name: str, what: str) -> str:
    return f"Liquid {what}; raise plugins.jekyll.liquid_{name}_limit if this page needs more"


LIMIT_CASES = [
    Case(
        "a hundred-million-step loop hits the loop limit before its first step",
        {PAGE: "---\ntitle: X\n---\n{% for i in (1..100000000) %}x{% endfor %}\n"},
        "en/x.md:4:4: " + _limit("loop", "loop limit reached (1,000,000 iterations)"),
    ),
    Case(
        "many loops under the limit each add up to the page's budget",
        {PAGE: "A\n" + "{% for i in (1..400000) %}{% endfor %}\n" * 3},
        "en/x.md:4:4: " + _limit("loop", "loop limit reached (1,000,000 iterations)"),
    ),
    Case(
        "a filter walking a huge range is refused before it builds the list",
        {PAGE: "A\n\n{{ (1..100000000) | join: ',' }}\n"},
        "en/x.md:3:1: " + _limit("loop", "loop limit reached (1,000,000 iterations)"),
    ),
    Case(
        "a range too long for Python is refused too",
        {PAGE: "A\n\n{{ (1..1000000000000000000000000000000) | sort }}\n"},
        "en/x.md:3:1: " + _limit("loop", "loop limit reached (1,000,000 iterations)"),
    ),
    Case(
        "a raised loop limit is the one named",
        {PAGE: "{% for i in (1..5000) %}x{% endfor %}\n"},
        "en/x.md:1:4: " + _limit("loop", "loop limit reached (1,000 iterations)"),
        {"liquid_loop_limit": 1000},
    ),
    Case(
        "output past the output limit",
        {PAGE: "A\n{% for i in (1..900000) %}" + "x" * 20 + "{% endfor %}\n"},
        "en/x.md:2:4: " + _limit("output", "output limit reached (10,000,000 bytes)"),
    ),
    Case(
        "a string doubled in a loop hits the variable size limit",
        {
            PAGE: "A\n{% assign s = 'xxxxxxxxxx' %}\n"
            "{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}\n"
        },
        "en/x.md:3:4: "
        + _limit(
            "namespace",
            "variable size limit reached (10,000,000 bytes of 'assign' and 'capture' variables)",
        ),
    ),
    Case(
        "a captured string counts too",
        {PAGE: "A\n{% capture s %}{% for i in (1..50) %}0123456789{% endfor %}{% endcapture %}\n"},
        "en/x.md:2:4: "
        + _limit(
            "namespace",
            "variable size limit reached (100 bytes of 'assign' and 'capture' variables)",
        ),
        {"liquid_namespace_limit": 100},
    ),
    Case(
        "a self-including include stops at the depth limit, with its include chain",
        {
            PAGE: "A\n\n{% include loop.html %}\n",
            "_includes/loop.html": "a\n{% include loop.html %}\n",
        },
        "_includes/loop.html:2:4: "
        + _limit(
            "depth",
            "include depth limit reached (30 levels: an include takes two, a loop one; does an "
            "include include itself?)",
        )
        + "\n  included from '_includes/loop.html' line 2 (12 times)"
        + "\n  included from 'en/x.md' line 3",
    ),
    Case(
        "a depth limit past Python's stack is still one clean line",
        {
            PAGE: "A\n\n{% include loop.html %}\n",
            "_includes/loop.html": "a\n{% include loop.html %}\n",
        },
        "en/x.md: Liquid includes nested too deeply for Python before the include depth limit "
        "(5000 levels); does an include include itself? Lower plugins.jekyll.liquid_depth_limit",
        {"liquid_depth_limit": 5000},
    ),
]


@pytest.mark.parametrize("case", LIMIT_CASES, ids=[case.description for case in LIMIT_CASES])
def test_a_page_past_a_liquid_limit_fails_with_the_limit_and_its_option(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, case: Case
) -> None:
    started = time.monotonic()
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(
            files={"docs/en/index.md": "Home\n", **case.files}, plugins=[{"jekyll": case.options}]
        )
    assert case.message in [record.getMessage() for record in caplog.records]
    # Generous for a loaded CI machine; without limits these pages ran for minutes.
    assert time.monotonic() - started < 30


def test_a_3000_post_archive_with_an_include_per_post_passes_the_default_limits(
    build_site: BuildSite,
) -> None:
    posts = {
        f"docs/en/_posts/2020-01-01-post-{n}.md": (
            f"---\ntitle: Post {n}\ncategories: [a, b]\n---\nP\n"
        )
        for n in range(3000)
    }
    archive = (
        "---\ntitle: Archive\n---\n"
        "{% for post in site.posts %}{% include item.html post=post %}{% endfor %}\n"
    )
    item = (
        '<p><a href="{{ include.post.url | relative_url }}">{{ include.post.title }}</a>'
        "{% for c in include.post.categories %} {{ c }}{% endfor %}</p>\n"
    )
    site = build_site(
        files={**posts, "docs/en/archive.md": archive, "_includes/item.html": item},
        # Posts are listed, not written: the archive is what this test is about.
        plugins=[{"jekyll": {"collections": {"posts": {"output": False}}}}],
    )
    page = (site / "en/archive/index.html").read_text(encoding="utf-8")
    assert page.count("<p><a href=") == 3000
    assert "Post 2999</a> en a b</p>" in page


def test_raising_a_limit_lets_a_page_through(build_site: BuildSite) -> None:
    site = build_site(
        files={
            PAGE: "{% for i in (1..2000) %}{% for j in (1..1000) %}{% endfor %}{% endfor %}OK\n"
        },
        plugins=[{"jekyll": {"liquid_loop_limit": 3_000_000}}],
    )
    assert "OK" in (site / "en/x/index.html").read_text(encoding="utf-8")


def test_a_limit_below_one_is_a_config_error(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(files={PAGE: "A\n"}, plugins=[{"jekyll": {"liquid_output_limit": 0}}])
    messages = " ".join(record.getMessage() for record in caplog.records)
    assert "Expected a limit of 1 or more, received 0." in messages
