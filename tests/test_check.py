"""``mkdocs-jekyll check``: Jekyll's real build of a small site against ours.

Each scenario writes the same content twice: once for Debian's Jekyll 4.3 (with
jekyll-redirect-from, jekyll-feed and jekyll-sitemap, and a layout of the site's own that
writes ``<html lang>``), once as an MkDocs project. Where a test wants a difference, it
changes our side on purpose; everything the check must see as equal comes from the two
real builds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mkdocs_jekyll.cli.check import (
    BrokenLink,
    LangDifference,
    LinkDifference,
    RedirectDifference,
    UrlEntry,
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
<nav><a href="{{ '/' | relative_url }}">Home</a>
<a href="{{ '/nowhere/' | relative_url }}">Nowhere</a></nav>
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
    jekyll_config: str = JEKYLL_CONFIG,
    plugins: list[Any] | None = None,
    **jekyll_options: Any,
) -> Sites:
    """Build ``content`` with Jekyll and with us; ``ours`` changes our copy (None deletes)."""
    jekyll_site, _ = jekyll_build(
        root / "jekyll" / "src",
        {**content, "_layouts/default.html": LAYOUT},
        jekyll_config.format(baseurl=baseurl),
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
        plugins=plugins
        or [{"jekyll": {"permalink": "date", "archives_enabled": False, **jekyll_options}}],
        strict=True,
        # Some contents link to pages that are missing on purpose (check must find them):
        # the build's own check of relative_url targets reports them at INFO, not as warnings.
        validation={"links": {"not_found": "info"}},
    )
    return Sites(jekyll_site, site)


def test_the_same_site_built_by_jekyll_and_by_us_has_parity(tmp_path: Path) -> None:
    sites = build_both(tmp_path, CONTENT)
    read: list[int] = []
    result = compare_sites(
        sites.jekyll, sites.ours, "https://example.com/", progress=lambda: read.append(1)
    )
    assert result.parity, format_result(result)
    assert len(read) == len(list(sites.jekyll.rglob("*.html"))) + len(
        [p for p in sites.ours.rglob("*.html") if p.name != "404.html"]
    )
    # Jekyll's build has no theme files; ours has Material's and MkDocs' own.
    assert result.theme_missing == ()
    assert {e.url for e in result.theme_extra} >= {"/sitemap.xml.gz", "/404.html"}
    # The layout's nav links to a page that does not exist: Jekyll's own broken link, which
    # our build (Material's chrome) does not have.
    assert result.broken_in_jekyll == tuple(
        BrokenLink(page, "/nowhere/", "/nowhere/")
        for page in ("/", "/2024/01/02/hi.html", "/about/", "/team/")
    )
    # 4 pages, a redirect stub, feed.xml, sitemap.xml, robots.txt, redirects.json
    assert result.compared == 9
    done = CliRunner().invoke(cli, ["check", str(sites.jekyll), str(sites.ours)])
    assert done.exit_code == 0, done.output
    assert done.output.endswith(
        "Parity: every URL, redirect, link target and <html lang> matches.\n"
    )


DIFFERING = {
    **CONTENT,
    "contact.md": "---\ntitle: Contact\npermalink: /contact/\nredirect_from: /reach/\n---\nC\n",
    "lost.md": "---\ntitle: Lost\npermalink: /lost/\n---\nOnly Jekyll has me\n",
    "langs.md": "---\ntitle: Langs\npermalink: /langs/\nlang: fr\n---\nFrançais\n",
    # Language tags ignore case (BCP 47), and x-default is no language of its own: neither
    # page differs.
    "case.md": "---\ntitle: Case\npermalink: /case/\nlang: pt-br\n---\nOlá\n",
    "any.md": "---\ntitle: Any\npermalink: /any/\nlang: x-default\n---\nAny\n",
}
OURS_DIFFER: dict[str, str | None] = {
    # A page Jekyll does not have, and one it has that we lost.
    "new.md": "---\ntitle: New\npermalink: /new/\n---\nNew\n",
    "lost.md": None,
    # /old-about/ is a page here, a redirect stub in Jekyll's site.
    "about.md": (
        "---\ntitle: About\npermalink: /about/\n---\nAbout [home]({{ '/' | relative_url }})\n"
    ),
    "old-about.md": "---\ntitle: Old\npermalink: /old-about/\n---\nOld\n",
    # /reach/ redirects to /team/ here, to /contact/ there.
    "contact.md": "---\ntitle: Contact\npermalink: /contact/\n---\nC\n",
    "team.md": "---\ntitle: Team\npermalink: /team/\nredirect_from: /reach/\n---\nTeam\n",
    # The home links to /team/ and a missing page instead of /about/.
    "index.md": (
        "---\ntitle: Home\n---\n# Home\n\n"
        "[Team]({{ '/team/' | relative_url }}) "
        "[Post]({{ '/2024/01/02/hi.html' | relative_url }}) "
        "[Nope]({{ '/nope/' | relative_url }})\n"
    ),
    "langs.md": "---\ntitle: Langs\npermalink: /langs/\nlang: de\n---\nFrançais\n",
    "case.md": "---\ntitle: Case\npermalink: /case/\nlang: pt-BR\n---\nOlá\n",
    "any.md": "---\ntitle: Any\npermalink: /any/\nlang: en\n---\nAny\n",
}


@pytest.fixture(scope="module")
def differing(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    return build_both(
        tmp_path_factory.mktemp("differing"), DIFFERING, OURS_DIFFER, feed_enabled=False
    )


def test_check_finds_each_kind_of_difference(differing: Sites) -> None:
    result = compare_sites(differing.jekyll, differing.ours, "https://example.com/")
    assert result.missing == (UrlEntry("/feed.xml", "feed"), UrlEntry("/lost/", "page"))
    assert result.extra == (UrlEntry("/new/", "page"),)
    assert result.redirects == (
        RedirectDifference("/old-about/", "/about/", None),
        RedirectDifference("/reach/", "/contact/", "/team/"),
    )
    assert result.links == (LinkDifference("/", ("/about/",), ("/nope/", "/team/")),)
    assert result.langs == (LangDifference("/langs/", "fr", "de"),)
    assert result.broken == (BrokenLink("/", "/nope/", "/nope/"),)
    assert result.differences == 8
    assert not result.parity


def test_the_report_lists_each_difference_and_exits_with_1(differing: Sites) -> None:
    done = CliRunner().invoke(cli, ["check", str(differing.jekyll), str(differing.ours)])
    assert done.exit_code == 1
    # Material's file count moves with its version: only that number is masked.
    output = re.sub(r"0 only in Jekyll's site, \d+ only in ours", "0 ..., N ...", done.output)
    assert output == (
        f"Compared '{differing.jekyll}' (Jekyll) with '{differing.ours}' (ours), base '/': "
        "13 URLs in both.\n"
        "\n"
        "Missing from ours (only in Jekyll's site): 2\n"
        "  feed      /feed.xml\n"
        "  page      /lost/\n"
        "\n"
        "Extra in ours (not in Jekyll's site): 1\n"
        "  page      /new/\n"
        "\n"
        "Redirects whose target differs: 2\n"
        "  /old-about/: Jekyll /about/, ours a page\n"
        "  /reach/: Jekyll /contact/, ours /team/\n"
        "\n"
        "Pages whose links differ: 1\n"
        "  /\n"
        "    only Jekyll links to /about/\n"
        "    only ours links to /nope/\n"
        "    only ours links to /team/\n"
        "\n"
        "<html lang> differs: 1\n"
        "  /langs/: Jekyll 'fr', ours 'de'\n"
        "\n"
        "Broken links in ours: 1\n"
        "  /nope/ <- /\n"
        "\n"
        "Already broken in Jekyll's build (not counted): 9\n"
        "  /nowhere/ <- /, /2024/01/02/hi.html, /about/, /any/, /case/ and 4 more\n"
        "\n"
        "Theme and builder files (not compared): 0 ..., N ....\n"
        "\n"
        "8 differences.\n"
    )


def test_json_output_carries_every_difference(differing: Sites) -> None:
    done = CliRunner().invoke(
        cli,
        [
            "check",
            "--json",
            "--base",
            "https://example.com/",
            str(differing.jekyll),
            str(differing.ours),
        ],
    )
    assert done.exit_code == 1
    data = json.loads(done.output)
    assert data["parity"] is False
    assert data["differences"] == 8
    assert data["base"] == "https://example.com/"
    assert data["missing"] == [
        {"url": "/feed.xml", "kind": "feed"},
        {"url": "/lost/", "kind": "page"},
    ]
    assert data["redirects"][1] == {"url": "/reach/", "jekyll": "/contact/", "ours": "/team/"}
    assert data["links"] == [
        {"url": "/", "only_jekyll": ["/about/"], "only_ours": ["/nope/", "/team/"]}
    ]
    assert data["langs"] == [{"url": "/langs/", "jekyll": "fr", "ours": "de"}]
    assert data["broken"] == [
        {"page": "/", "href": "/nope/", "target": "/nope/", "also_ours": False}
    ]
    assert len(data["broken_in_jekyll"]) == 9
    assert {"url": "/404.html", "kind": "theme"} in data["theme_extra"]


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, ["check", str(tmp_path / "nope"), str(tmp_path)])
    assert done.exit_code == 2
    assert f"Directory '{tmp_path / 'nope'}' does not exist." in done.output


def test_under_a_project_path_root_relative_links_are_broken_outside_the_base(
    tmp_path: Path,
) -> None:
    # Given a site served under /repo/ whose home, in our copy, links to /about/ without
    # relative_url: that link leaves the site (GitHub Pages answers 404 for it).
    raw_link = {
        "index.md": CONTENT["index.md"].replace("{{ '/about/' | relative_url }}", "/about/")
    }
    sites = build_both(tmp_path, CONTENT, raw_link, baseurl="/repo")
    result = compare_sites(sites.jekyll, sites.ours, "/repo/")
    assert result.missing == result.extra == result.redirects == result.langs == ()
    assert result.links == (LinkDifference("/", ("/about/",), ("!/about/",)),)
    assert result.broken == (BrokenLink("/", "/about/", "!/about/"),)
    assert {(b.page, b.target) for b in result.broken_in_jekyll} == {
        (page, "/nowhere/") for page in ("/", "/2024/01/02/hi.html", "/about/", "/team/")
    }
    assert "  /about/ (outside the base path) <- /\n" in format_result(result)
    # Without --base, the base is the path our pages' canonical links show.
    inferred = compare_sites(sites.jekyll, sites.ours)
    assert inferred.base == "/repo/"
    assert inferred == result


TWO_LOCALES_JEKYLL = """\
url: https://example.com
baseurl: "{baseurl}"
plugins: [jekyll-redirect-from, jekyll-feed, jekyll-sitemap]
defaults:
  - {{scope: {{path: ''}}, values: {{layout: default}}}}
  - {{scope: {{path: en}}, values: {{lang: en}}}}
  - {{scope: {{path: es-419}}, values: {{lang: es-419}}}}
"""


def test_a_two_locale_site_has_parity_with_each_page_in_its_language(tmp_path: Path) -> None:
    content = {
        "index.html": "---\nlayout: null\nredirect_to: /en/\n---\n",
        "en/index.md": (
            "---\ntitle: Home\ni18n_key: home\n---\n[Impact]({{ '/en/impact/' | relative_url }})\n"
        ),
        "en/impact.md": "---\ntitle: Impact\ni18n_key: impact\npermalink: /en/impact/\n---\nI\n",
        "es-419/index.md": (
            "---\ntitle: Inicio\ni18n_key: home\n---\n"
            "[Impacto]({{ '/es-419/impacto/' | relative_url }})\n"
        ),
        "es-419/impacto.md": (
            "---\ntitle: Impacto\ni18n_key: impact\npermalink: /es-419/impacto/\n---\nI\n"
        ),
    }
    plugins = [
        {
            "jekyll/i18n": {
                "languages": [
                    {"locale": "en", "name": "English", "default": True},
                    {"locale": "es-419", "name": "Español"},
                ]
            }
        },
        {"jekyll": {"archives_enabled": False}},
    ]
    sites = build_both(tmp_path, content, jekyll_config=TWO_LOCALES_JEKYLL, plugins=plugins)
    result = compare_sites(sites.jekyll, sites.ours, "https://example.com/")
    assert result.parity, format_result(result)
    # Each locale's own feed is an addition (jekyll-feed writes only /feed.xml), and each
    # locale's 404 page is MkDocs': neither is a difference.
    assert result.added == (UrlEntry("/en/feed.xml", "feed"), UrlEntry("/es-419/feed.xml", "feed"))
    assert {"/en/404.html", "/es-419/404.html"} <= {e.url for e in result.theme_extra}
    assert "Files only ours adds (not counted): 2\n" in format_result(result)
