"""redirect_from / redirect_to as jekyll-redirect-from (its spec: redirect stubs, JSON map)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from sitebuild import (
    JEKYLL,
    BuildSite,
    html,
    jekyll_build,
    strict_abort,
    two_locale_plugins,
    warning_lines,
)


def _stub_target(path: object) -> tuple[str, str, str, str]:
    soup = html(path)  # type: ignore[arg-type]
    canonical = soup.select_one("link[rel=canonical]")
    refresh = soup.select_one("meta[http-equiv=refresh]")
    link = soup.select_one("a")
    script = soup.select_one("script")
    assert canonical and refresh and link and script
    return canonical["href"], refresh["content"], link["href"], script.get_text()  # type: ignore[return-value]


def test_redirect_from_writes_stubs_pointing_at_the_permalink(build_site: BuildSite) -> None:
    site = build_site(
        files={
            "docs/en/index.md": "# Home\n",
            "docs/en/impact.md": (
                "---\npermalink: /en/impact/\n"
                "redirect_from:\n  - /en/old-impact/\n  - /impact\n---\nI\n"
            ),
            "docs/es-419/index.md": "# Inicio\n",
            "docs/es-419/impacto.md": "---\nredirect_from: /es-419/viejo.html\n---\nI\n",
        },
        site_url="https://user.github.io/repo/",
        plugins=two_locale_plugins(),
        strict=True,
    )
    target = "https://user.github.io/repo/en/impact/"
    for stub in ("en/old-impact/index.html", "impact.html"):
        assert _stub_target(site / stub) == (
            target,
            f"0; url={target}",
            target,
            f'location="{target}"',
        )
    spanish = "https://user.github.io/repo/es-419/impacto/"
    assert _stub_target(site / "es-419/viejo.html")[0] == spanish
    assert html(site / "es-419/viejo.html").html["lang"] == "es-419"  # type: ignore[index]
    assert json.loads((site / "redirects.json").read_text()) == {
        "/en/old-impact/": target,
        "/impact": target,
        "/es-419/viejo.html": spanish,
    }


def test_redirect_to_turns_the_page_into_a_stub(build_site: BuildSite) -> None:
    site = build_site(
        files={
            "docs/moved.md": '---\nredirect_to: "https://example.org/new?a=1&b=\\"x\\""\n---\nGone\n'
        },
    )
    page = (site / "moved/index.html").read_text()
    assert "Gone" not in page
    canonical, _, link, script = _stub_target(site / "moved/index.html")
    assert canonical == link == 'https://example.org/new?a=1&b="x"'
    assert script == 'location="https://example.org/new?a=1&b=\\"x\\""'
    assert json.loads((site / "redirects.json").read_text()) == {"/moved/": canonical}


@pytest.mark.parametrize(
    ("files", "message", "kept"),
    [
        (
            {"docs/a.md": "---\nredirect_from: /b/\n---\nA\n", "docs/b.md": "B\n"},
            "a.md:2: redirect_from '/b/' is the URL of the page 'b.md' (b/index.html); the "
            "page is written and the redirect left out. Remove the redirect or move that page.",
            "B",
        ),
        (
            {
                "docs/a.md": "---\nredirect_from: /old/\n---\nA\n",
                "docs/c.md": "---\nredirect_from: /old/\n---\nC\n",
            },
            "a.md:2: redirect_from '/old/' is also a redirect of 'c.md'; only the stub of "
            "'c.md' is written, the one jekyll-redirect-from writes last. Keep it in one "
            "page's front matter only.",
            "https://example.com/c/",
        ),
    ],
    ids=["collides with a page", "collides with a redirect"],
)
def test_colliding_redirects_are_warnings_naming_both_files(
    build_site: BuildSite,
    caplog: pytest.LogCaptureFixture,
    files: dict[str, str],
    message: str,
    kept: str,
) -> None:
    # tests/test_conflicts.py compares the same cases with a real Jekyll build.
    with caplog.at_level(logging.WARNING):
        site = build_site(files=files)
    assert warning_lines(caplog) == [f"mkdocs_jekyll: {message}"]
    dest = site / ("b" if kept == "B" else "old") / "index.html"
    if kept == "B":
        assert "<p>B</p>" in dest.read_text()
    else:
        assert _stub_target(dest)[0] == kept
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(1)):
        build_site(files=files, strict=True)


def test_a_target_that_closes_the_script_stays_inside_the_stubs_script(
    build_site: BuildSite,
) -> None:
    # In a script element only `</script` ends it, whatever the JSON quoting: `<` goes out
    # as `\u003c`, so the browser still reads one script that assigns the whole target.
    target = "https://example.org/</script><script>alert(1)</script>"
    site = build_site(files={"docs/moved.md": f'---\nredirect_to: "{target}"\n---\nGone\n'})
    scripts = html(site / "moved/index.html").select("script")
    assert [script.get_text() for script in scripts] == [
        'location="https://example.org/\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"'
    ]
    assert json.loads(scripts[0].get_text().removeprefix("location=")) == target


# jekyll-redirect-from 0.16 keeps an http(s) target as written and sends any other through
# Jekyll's absolute_url, which normalises it; the real Jekyll 4.3.1 writes these targets
# (test_redirect_targets_are_what_jekyll_writes).
REDIRECT_TARGETS = [
    ("/a/../b c/", "https://example.github.io/repo/b%20c/"),
    ("docs/é.html", "https://example.github.io/repo/docs/%C3%A9.html"),
    ("https://Example.org/a b", "https://Example.org/a b"),
]


@pytest.mark.parametrize(("target", "expected"), REDIRECT_TARGETS)
def test_redirect_to_a_site_path_is_jekylls_absolute_url(
    build_site: BuildSite, target: str, expected: str
) -> None:
    site = build_site(
        files={"docs/moved.md": f"---\nredirect_to: {json.dumps(target)}\n---\nGone\n"},
        site_url="https://example.github.io/repo/",
    )
    canonical, refresh, link, _ = _stub_target(site / "moved/index.html")
    assert (canonical, refresh, link) == (expected, f"0; url={expected}", expected)
    assert json.loads((site / "redirects.json").read_text()) == {"/moved/": expected}


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_redirect_targets_are_what_jekyll_writes(tmp_path: Path) -> None:
    pages = {
        f"moved{index}.md": f"---\nredirect_to: {json.dumps(target)}\n---\nGone\n"
        for index, (target, _) in enumerate(REDIRECT_TARGETS)
    }
    site, _ = jekyll_build(
        tmp_path / "src",
        pages,
        "url: https://example.github.io\nbaseurl: /repo\nplugins: [jekyll-redirect-from]\n",
    )
    assert json.loads((site / "redirects.json").read_text()) == {
        f"/moved{index}.html": expected for index, (_, expected) in enumerate(REDIRECT_TARGETS)
    }
