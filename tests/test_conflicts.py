"""Conflicts Jekyll tolerates are warnings naming both files; the build goes on as Jekyll's.

Jekyll 4.3 writes every file in ``Site#each_site_file`` order (pages by name, then each
collection's documents, ``posts`` first), after printing "Conflict: The following
destination is shared by multiple files." for each shared one: the last written stays.
jekyll-redirect-from appends its stubs to ``site.pages`` (so a stub two pages ask for is the
last one generated); Jekyll then writes a stub over a page but under a collection document.
Here a page always wins over a stub (issue 12: a redirect never hides a page).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from sitebuild import JEKYLL, BuildSite, jekyll_build, strict_abort, warning_lines

# The same site for Jekyll (`layout: null`, so each output is the file's own text) and for
# us: shared destinations between two pages, a page and a talk, a post and a talk; a
# redirect onto a page, onto a talk, and two redirects from one old URL.
SOURCES = {
    "one.md": "---\nlayout: null\npermalink: /same/\n---\nSAME ONE\n",
    "two.md": "---\nlayout: null\npermalink: /same/\n---\nSAME TWO\n",
    "zpage.md": "---\nlayout: null\npermalink: /dup2/\n---\nPAGE DUP2\n",
    "_talks/t2.md": "---\nlayout: null\npermalink: /dup2/\n---\nTALK DUP2\n",
    "_posts/2024-01-01-p.md": "---\nlayout: null\npermalink: /dup3/\n---\nPOST DUP3\n",
    "_talks/t3.md": "---\nlayout: null\npermalink: /dup3/\n---\nTALK DUP3\n",
    "a.md": "---\nlayout: null\nredirect_from: /b/\n---\nPAGE A\n",
    "b.md": "---\nlayout: null\npermalink: /b/\n---\nPAGE B\n",
    "c.md": "---\nlayout: null\nredirect_from: /talks/t1/\n---\nPAGE C\n",
    "_talks/t1.md": "---\nlayout: null\n---\nTALK T1\n",
    "d.md": "---\nlayout: null\nredirect_from: /old/\n---\nPAGE D\n",
    "e.md": "---\nlayout: null\nredirect_from: /old/\n---\nPAGE E\n",
}
JEKYLL_CONFIG = (
    "permalink: pretty\nplugins: [jekyll-redirect-from]\n"
    "collections:\n  talks: {output: true, permalink: '/talks/:path/'}\n"
)
TALKS = {"talks": {"output": True, "permalink": "/talks/:path/"}}

# What each shared destination holds after `jekyll build` (Jekyll 4.3.1,
# jekyll-redirect-from 0.16, Debian), written from a real run: the text of the page, or
# "-> <path>" for a redirect stub. test_jekyll_writes_the_recorded_winners re-runs it.
JEKYLL_WINNERS = {
    "same/index.html": "SAME TWO",
    "dup2/index.html": "TALK DUP2",
    "dup3/index.html": "TALK DUP3",
    "b/index.html": "-> /a/",
    "talks/t1/index.html": "TALK T1",
    "old/index.html": "-> /e/",
}
# Ours: Jekyll's, except that the page b.md is kept instead of a.md's stub.
OUR_WINNERS = {**JEKYLL_WINNERS, "b/index.html": "PAGE B"}

WARNINGS = [
    "one.md: Conflict: 'same/index.html' is also the destination of 'two.md'; only 'two.md' "
    "is written, as Jekyll writes the last of them ('The following destination is shared by "
    "multiple files'). Give one of them another permalink.",
    "zpage.md: Conflict: 'dup2/index.html' is also the destination of '_talks/t2.md'; only "
    "'_talks/t2.md' is written, as Jekyll writes the last of them ('The following "
    "destination is shared by multiple files'). Give one of them another permalink.",
    "_posts/2024-01-01-p.md: Conflict: 'dup3/index.html' is also the destination of "
    "'_talks/t3.md'; only '_talks/t3.md' is written, as Jekyll writes the last of them ('The "
    "following destination is shared by multiple files'). Give one of them another "
    "permalink.",
    "a.md:3: redirect_from '/b/' is the URL of the page 'b.md' (b/index.html); the page is "
    "written and the redirect left out. Remove the redirect or move that page.",
    "c.md:3: redirect_from '/talks/t1/' is the URL of the page '_talks/t1.md' "
    "(talks/t1/index.html); the page is written and the redirect left out. Remove the "
    "redirect or move that page.",
    "d.md:3: redirect_from '/old/' is also a redirect of 'e.md'; only the stub of 'e.md' is "
    "written, the one jekyll-redirect-from writes last. Keep it in one page's front matter "
    "only.",
]

_STUB = re.compile(r'<link rel="canonical" href="(?:https://example\.com)?([^"]*)"')


def _winner(path: Path) -> str:
    """The page text in ``path``, or ``-> <path>`` for a redirect stub."""
    text = path.read_text(encoding="utf-8")
    stub = _STUB.search(text) if "Redirecting" in text else None
    if stub:
        return f"-> {stub.group(1)}"
    found = set(re.findall(r"(?:SAME|PAGE|TALK|POST) [A-Z0-9]+", text))
    assert len(found) == 1, (path, found)
    return found.pop()


def _build(build_site: BuildSite, *, strict: bool = False) -> Path:
    files = {f"docs/{name}": text for name, text in SOURCES.items()}
    return build_site(files=files, strict=strict, plugins=[{"jekyll": {"collections": TALKS}}])


def test_shared_destinations_warn_naming_both_files_and_keep_jekylls_winner(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        site = _build(build_site)
    assert warning_lines(caplog) == [f"mkdocs_jekyll: {line}" for line in WARNINGS]
    assert {dest: _winner(site / dest) for dest in OUR_WINNERS} == OUR_WINNERS
    # The documents that lost are still in the site's listings, as in Jekyll's site.pages.
    assert (site / "a/index.html").is_file() and (site / "e/index.html").is_file()


def test_a_strict_build_fails_on_the_conflicts(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(6)):
        _build(build_site, strict=True)
    assert warning_lines(caplog) == [f"mkdocs_jekyll: {line}" for line in WARNINGS]


def test_the_redirect_map_lists_only_the_stubs_written(build_site: BuildSite) -> None:
    import json

    site = _build(build_site)
    assert json.loads((site / "redirects.json").read_text()) == {"/old/": "https://example.com/e/"}


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_jekyll_writes_the_recorded_winners(tmp_path: Path) -> None:
    site, log = jekyll_build(tmp_path / "src", SOURCES, JEKYLL_CONFIG)
    assert {dest: _winner(site / dest) for dest in JEKYLL_WINNERS} == JEKYLL_WINNERS
    # Jekyll's doctor names each shared destination, not the redirect stubs'.
    assert log.count("Conflict: The following destination is shared by multiple files.") == 3
