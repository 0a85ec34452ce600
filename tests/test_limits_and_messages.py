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
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort
from test_serve import _wait_for, served

from sitebuild import (
    BUILD_ERROR,
    CONFIG_ERROR,
    BuildSite,
    error_lines,
    strict_abort,
    warning_lines,
)

__all__ = ["served"]  # the `mkdocs serve` fixture, shared with test_serve

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
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(
            files={"docs/en/index.md": "Home\n", **case.files}, plugins=[{"jekyll": case.options}]
        )
    assert error_lines(caplog) == [case.message]
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
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=CONFIG_ERROR):
        build_site(files={PAGE: "A\n"}, plugins=[{"jekyll": {"liquid_output_limit": 0}}])
    assert error_lines(caplog) == [
        "Config value 'plugins': Plugin 'jekyll' option 'liquid_output_limit': Expected a limit "
        "of 1 or more, received 0."
    ]


# -- messages naming the right key, file and line ---------------------------------------------

REDIRECT_CASES = [
    Case(
        "a full URL in redirect_from",
        {PAGE: "---\ntitle: X\nredirect_from: https://evil.example/\n---\nX\n"},
        "en/x.md:3: front matter 'redirect_from': 'https://evil.example/' is an absolute URL, "
        "but redirect_from lists the page's old paths on this site; write a path such as "
        "'/old-page/' (use 'redirect_to' to send readers elsewhere)",
    ),
    Case(
        "a '..' entry in a redirect_from list",
        {PAGE: "---\ntitle: X\n\nredirect_from:\n  - /old/\n  - /../x/\n---\nX\n"},
        "en/x.md:4: front matter 'redirect_from[1]': '/../x/' contains '..', which would leave "
        "the site; write the URL from the site root instead, such as '/x/'",
    ),
    Case(
        "a redirect_from from the defaults names mkdocs.yml's defaults",
        {PAGE: "X\n"},
        "en/x.md: mkdocs.yml plugins.jekyll.defaults 'redirect_from': '//evil.example/x/' is "
        "an absolute URL, but redirect_from lists the page's old paths on this site; write a "
        "path such as '/x/' (use 'redirect_to' to send readers elsewhere)",
        {
            "defaults": [
                {"scope": {"path": "en/x.md"}, "values": {"redirect_from": "//evil.example/x/"}}
            ]
        },
    ),
    Case(
        "a permalink from the defaults names mkdocs.yml's defaults",
        {PAGE: "X\n"},
        "en/x.md: mkdocs.yml plugins.jekyll.defaults 'permalink': '/../x/' contains '..', which "
        "would leave the site; write the URL from the site root instead, such as '/x/'",
        {"defaults": [{"scope": {"path": "en/x.md"}, "values": {"permalink": "/../x/"}}]},
    ),
]


@pytest.mark.parametrize("case", REDIRECT_CASES, ids=[case.description for case in REDIRECT_CASES])
def test_a_refused_redirect_from_names_the_key_file_and_line(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, case: Case
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(
            files={"docs/en/index.md": "Home\n", **case.files}, plugins=[{"jekyll": case.options}]
        )
    assert error_lines(caplog) == [case.message]


def test_a_malformed_data_file_is_one_line_naming_the_file_and_line(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    files = {
        "docs/en/index.md": "Home\n",
        "_data/navigation.yml": "main:\n  - title: Home\n   url: [\n",
    }
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(files=files)
    assert [record.getMessage() for record in caplog.records] == [
        "_data/navigation.yml:3: invalid YAML: did not find expected '-' indicator"
    ]


def test_a_data_file_with_an_impossible_date_is_one_line_naming_the_file(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    # Found by tests/test_fuzz.py in front matter: PyYAML raised a bare ValueError.
    files = {"docs/en/index.md": "Home\n", "_data/talks.yml": "- when: 2024-13-45\n"}
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(files=files)
    assert [record.getMessage() for record in caplog.records] == [
        "_data/talks.yml: invalid YAML: a date that does not exist (month must be in 1..12); "
        "write a real date such as '2024-01-31', or quote the value to keep it as text"
    ]


def test_a_malformed_ui_text_file_is_named_by_its_own_extension(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    files = {"docs/en/index.md": "Home\n", "_data/ui-text.json": '["not", "a mapping"]'}
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(files=files)
    assert [record.getMessage() for record in caplog.records] == [
        "_data/ui-text.json: Expected a mapping of locales to labels (en: {toc_label: 'On this "
        "page'}), received a list"
    ]


def test_a_malformed_defaults_set_names_its_key_in_mkdocs_yml(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    defaults = [{"scope": {"path": 3}, "values": {"layout": "single"}}]
    warning = (
        "mkdocs_jekyll: mkdocs.yml: plugins.jekyll.defaults[0].scope.path: expected a string, "
        "received 3 (int); "
        "the set is ignored"
    )
    with caplog.at_level(logging.WARNING):
        build_site(
            files={"docs/en/index.md": "Home\n"}, plugins=[{"jekyll": {"defaults": defaults}}]
        )
    assert warning in [record.getMessage() for record in caplog.records]
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(1)):
        build_site(
            files={"docs/en/index.md": "Home\n"},
            strict=True,
            plugins=[{"jekyll": {"defaults": defaults}}],
        )
    assert warning_lines(caplog) == [warning]


def test_serve_shows_a_malformed_data_file_on_every_page_and_recovers(
    served: tuple[Path, str],
) -> None:
    project, base = served
    _wait_for(f"{base}/en/impact/", lambda text: "PAGE-one" in text)
    navigation = project / "_data/navigation.yml"
    good = "main:\n  - title: NAVOK\n    url: /en/impact/\n"
    navigation.write_text(good, encoding="utf-8")
    _wait_for(f"{base}/en/impact/", lambda text: "NAVOK" in text)

    navigation.write_text("main:\n  - title: NAVOK\n   url: [\n", encoding="utf-8")
    # Before, the server waited for a good build: this request hung until the file was fixed.
    message = "_data/navigation.yml:3: invalid YAML: did not find expected '-' indicator"
    page = _wait_for(f"{base}/en/impact/", lambda text: "Content error" in text)
    assert _error_boxes(page) == [message]
    assert "PAGE-one" in page and "DATA-first" in page  # the rest of site.data still loads
    spanish = _wait_for(f"{base}/es-419/impacto/", lambda text: "Impacto" in text)
    assert _error_boxes(spanish) == [message]
    log = (project / "serve.log").read_text(encoding="utf-8")
    assert "ERROR   -  mkdocs_jekyll: _data/navigation.yml:3: invalid YAML" in log, log

    navigation.write_text(good.replace("NAVOK", "NAVFIXED"), encoding="utf-8")
    _wait_for(f"{base}/en/impact/", lambda text: "NAVFIXED" in text and "Content error" not in text)


def test_serve_shows_a_refused_redirect_from_on_its_page_and_recovers(
    served: tuple[Path, str],
) -> None:
    project, base = served
    _wait_for(f"{base}/en/impact/", lambda text: "PAGE-one" in text)
    source = project / "docs/en/impact.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("---\n", "---\nredirect_from: /../x/\n", 1), "utf-8")
    page = _wait_for(f"{base}/en/impact/", lambda text: "Content error" in text)
    (error,) = _error_boxes(page)
    assert error.startswith("en/impact.md:2: front matter 'redirect_from': '/../x/'")
    assert "Impacto" in _wait_for(f"{base}/es-419/impacto/", lambda text: "Impacto" in text)
    source.write_text(good.replace("PAGE-one", "PAGE-fixed"), encoding="utf-8")
    _wait_for(
        f"{base}/en/impact/", lambda text: "PAGE-fixed" in text and "Content error" not in text
    )


def _error_boxes(page: str) -> list[str]:
    """The text of each error box (``.jekyll-error pre``) of a served page."""
    soup = BeautifulSoup(page, "html.parser")
    return [pre.get_text() for pre in soup.select(".jekyll-error pre")]
