"""``mkdocs-jekyll check``: Jekyll's real build of a small site against ours.

Each scenario writes the same content twice: once for Debian's Jekyll 4.3 (with
jekyll-redirect-from, jekyll-feed and jekyll-sitemap, and a layout of the site's own that
writes ``<html lang>``), once as an MkDocs project. Where a test wants a difference, it
changes our side on purpose; everything the check must see as equal comes from the two
real builds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from mkdocs_jekyll.cli.check import (
    compare_sites,
    format_result,
)
from mkdocs_jekyll.cli.main import cli
from sitebuild import jekyll_build, make_site_builder

LAYOUT = """\
<!DOCTYPE html>
<html lang="{{ page.lang | default: site.lang | default: 'en' }}">
<head><title>{{ page.title }}</title></head>
<body>
<nav><a href="{{ '/' | relative_url }}">Home</a> <a href="{{ '/gone/' | relative_url }}">x</a></nav>
<main>{{ content }}</main>
</body>
</html>
"""
"""The Jekyll site's own layout: a nav (theme chrome, never compared) and <main>."""

JEKYLL_CONFIG = """\
url: https://example.com
baseurl: "{baseurl}"
plugins: [jekyll-redirect-from, jekyll-feed, jekyll-sitemap]
defaults: [{{scope: {{path: ''}}, values: {{layout: default}}}}]
"""

CONTENT = {
    "index.md": (
        "---\ntitle: Home\n---\n# Home\n\n"
        "[About]({{ '/about/' | relative_url }}) "
        "[Post]({{ '/2024/01/02/hi.html' | relative_url }}) "
        "[Top](#home)\n"
    ),
    "about.md": (
        "---\ntitle: About\npermalink: /about/\nredirect_from: [/old-about/]\n---\n"
        "About [home]({{ '/' | relative_url }})\n"
    ),
    "team.md": "---\ntitle: Team\npermalink: /team/\n---\nTeam\n",
    "_posts/2024-01-02-hi.md": (
        "---\ntitle: Hi\n---\nHello [about]({{ '/about/' | relative_url }})\n"
    ),
}


@dataclass(frozen=True)
class Sites:
    jekyll: Path
    ours: Path


def build_both(
    root: Path,
    content: Mapping[str, str],
    ours: Mapping[str, str | None] | None = None,
    *,
    baseurl: str = "",
    **jekyll_options: Any,
) -> Sites:
    """Build ``content`` with Jekyll and with us; ``ours`` changes our copy (None deletes)."""
    jekyll_site, _ = jekyll_build(
        root / "jekyll" / "src",
        {**content, "_layouts/default.html": LAYOUT},
        JEKYLL_CONFIG.format(baseurl=baseurl),
    )
    our_files = dict(content)
    for path, text in (ours or {}).items():
        if text is None:
            del our_files[path]
        else:
            our_files[path] = text
    (root / "ours").mkdir()
    site = make_site_builder(root / "ours")(
        {f"docs/{path}": text for path, text in our_files.items()},
        site_url=f"https://example.com{baseurl}/",
        plugins=[{"jekyll": {"permalink": "date", "archives_enabled": False, **jekyll_options}}],
        strict=True,
    )
    return Sites(jekyll_site, site)


def test_the_same_site_built_by_jekyll_and_by_us_has_parity(tmp_path: Path) -> None:
    sites = build_both(tmp_path, CONTENT)
    result = compare_sites(sites.jekyll, sites.ours, "https://example.com/")
    assert result.parity, format_result(result)
    # Jekyll's build has no theme files; ours has Material's and MkDocs' own.
    assert result.theme_missing == ()
    assert {e.url for e in result.theme_extra} >= {"/sitemap.xml.gz", "/404.html"}
    assert (
        result.compared == 9
    )  # 4 pages, a stub, feed.xml, sitemap.xml, robots.txt, redirects.json
    done = CliRunner().invoke(cli, ["check", str(sites.jekyll), str(sites.ours)])
    assert done.exit_code == 0, done.output
    assert done.output.endswith(
        "Parity: every URL, redirect, link target and <html lang> matches.\n"
    )
