"""The sitemap of a multi-locale site, written once after every locale pass.

Given two- and three-locale sites (with ``pt-br``), at the host root and under ``/repo/``, when
they are built, then ``sitemap.xml`` lists every page once with an absolute URL, a
``lastmod`` and exactly the hreflang alternates of the page's own ``<head>``; pages marked
``sitemap: false``, redirects and 404 pages are left out (jekyll-sitemap's rules).
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_jekyll.features import sitemap
from mkdocs_jekyll.features.sitemap import (
    SITEMAP_NS,
    XHTML_NS,
    SitemapEntry,
    render_sitemap,
    w3c_date,
)
from sitebuild import THREE_LOCALES, BuildSite, html, write_files

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}

THREE = THREE_LOCALES

FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Home\n",
    "docs/en/impact.md": "---\ni18n_key: impact\n---\n# Impact\n",
    "docs/en/cv.md": "---\nref: cv\n---\n# CV\n",
    "docs/en/only-english.md": "---\ni18n_key: lonely\n---\n# Only English\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/impacto.md": "---\ni18n_key: impact\n---\n# Impacto\n",
    "docs/es-419/cv.md": "---\nref: cv\n---\n# CV ES\n",
    "docs/es-419/solo.md": "---\ni18n_key: solo\n---\n# Solo en español\n",
    "docs/pt-br/index.md": "---\ni18n_key: home\n---\n# Início\n",
    "docs/pt-br/impacto.md": "---\ni18n_key: impact\npermalink: /pt-br/resultados/\n---\n# R\n",
}

PAGES = {
    "/",
    "/en/",
    "/en/impact/",
    "/en/cv/",
    "/en/only-english/",
    "/es-419/",
    "/es-419/impacto/",
    "/es-419/cv/",
    "/es-419/solo/",
    "/pt-br/",
    "/pt-br/resultados/",
}


def _plugins(languages: list[dict[str, Any]] = THREE, **jekyll: Any) -> list[Any]:
    return ["search", {"jekyll/i18n": {"languages": languages}}, {"jekyll": jekyll}]


def _sitemap(site: Path) -> dict[str, tuple[str | None, set[tuple[str, str]]]]:
    """loc -> (lastmod, {(hreflang, href)}) of the site's sitemap.xml."""
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    result = {}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc is not None and loc not in result
        links = {
            (link.attrib["hreflang"], link.attrib["href"])
            for link in url.findall("x:link", NS)
            if link.attrib.get("rel") == "alternate"
        }
        result[loc] = (url.findtext("s:lastmod", namespaces=NS), links)
    return result


def _head_alternates(site: Path, path: str) -> set[tuple[str, str]]:
    page = site / path.lstrip("/")
    if path.endswith("/"):
        page = page / "index.html"
    links = html(page).select("head link[rel=alternate][hreflang]:not([type])")
    return {(str(link["hreflang"]), str(link["href"])) for link in links}


@pytest.fixture(
    params=["https://example.com/", "https://example.com/repo/"], ids=["root", "subpath"]
)
def built(request: pytest.FixtureRequest, build_site: BuildSite) -> tuple[Path, str]:
    site = build_site(files=FILES, site_url=request.param, plugins=_plugins(), strict=True)
    return site, request.param.rstrip("/")


def test_sitemap_lists_every_page_once_with_absolute_urls(built: tuple[Path, str]) -> None:
    site, prefix = built
    assert set(_sitemap(site)) == {prefix + page for page in PAGES}


def test_sitemap_alternates_equal_each_pages_head_alternates(built: tuple[Path, str]) -> None:
    site, prefix = built
    for loc, (_, links) in _sitemap(site).items():
        assert links == _head_alternates(site, loc.removeprefix(prefix)), loc
    assert _sitemap(site)[f"{prefix}/es-419/impacto/"][1] == {
        ("en", f"{prefix}/en/impact/"),
        ("es-419", f"{prefix}/es-419/impacto/"),
        ("pt-BR", f"{prefix}/pt-br/resultados/"),
        ("x-default", f"{prefix}/en/impact/"),
    }


def test_an_untranslated_page_lists_itself_and_x_default_the_landing_page(
    built: tuple[Path, str],
) -> None:
    site, prefix = built
    assert _sitemap(site)[f"{prefix}/es-419/solo/"][1] == {
        ("es-419", f"{prefix}/es-419/solo/"),
        ("x-default", f"{prefix}/"),
    }


def test_sitemap_gz_holds_the_same_sitemap(built: tuple[Path, str]) -> None:
    site, _ = built
    assert (
        gzip.decompress((site / "sitemap.xml.gz").read_bytes())
        == (site / "sitemap.xml").read_bytes()
    )


def test_robots_txt_names_the_sitemap(built: tuple[Path, str]) -> None:
    site, prefix = built
    assert (site / "robots.txt").read_text(encoding="utf-8").splitlines()[-1] == (
        f"Sitemap: {prefix}/sitemap.xml"
    )


def test_excluded_pages_stay_out_of_the_sitemap(build_site: BuildSite) -> None:
    # jekyll-sitemap: `sitemap: false`, jekyll-redirect-from stubs and 404 pages are skipped.
    files = {
        **FILES,
        "docs/en/private.md": "---\nsitemap: false\n---\n# Private\n",
        "docs/en/moved.md": "---\nredirect_to: https://example.org/\n---\n# Moved\n",
        "docs/en/404.md": "---\npermalink: /en/404.html\n---\n# Not here\n",
    }
    site = build_site(files=files, plugins=_plugins(), strict=True)
    locs = set(_sitemap(site))
    assert locs == {"https://example.com" + page for page in PAGES}
    assert (site / "en/private/index.html").is_file()
    assert not any("404" in loc for loc in locs)


def test_lastmod_comes_from_front_matter_else_the_file_time(
    build_site: BuildSite, tmp_path: Path
) -> None:
    files = {
        "docs/en/index.md": "---\ni18n_key: home\nlast_modified_at: 2024-03-04\n---\n# H\n",
        "docs/en/news.md": "---\ndate: 2023-01-02 10:00:00 +0100\n---\n# News\n",
        "docs/en/when.md": "---\nlast_modified_at: 2024-05-06T07:08:09Z\ndate: 2020-01-01\n---\n",
        "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    }
    write_files(tmp_path / "project", files)
    stamp = dt.datetime(2022, 7, 8, 12, tzinfo=dt.UTC).timestamp()
    os.utime(tmp_path / "project/docs/es-419/index.md", (stamp, stamp))
    site = build_site(files={}, plugins=_plugins(THREE[:2]))
    lastmod = {loc: value for loc, (value, _) in _sitemap(site).items()}
    assert lastmod["https://example.com/en/"] == "2024-03-04"
    assert lastmod["https://example.com/en/news/"] == "2023-01-02T10:00:00+01:00"
    assert lastmod["https://example.com/en/when/"] == "2024-05-06T07:08:09+00:00"
    assert lastmod["https://example.com/es-419/"] == "2022-07-08"
    assert lastmod["https://example.com/"] == "2024-03-04"


def test_a_single_locale_site_gets_a_sitemap_of_its_permalinks(build_site: BuildSite) -> None:
    site = build_site(
        files={
            "docs/index.md": "# Home\n",
            "docs/about.md": "---\npermalink: /about-me/\n---\n# About\n",
        },
        site_url="https://example.com/repo/",
    )
    assert _sitemap(site).keys() == {
        "https://example.com/repo/",
        "https://example.com/repo/about-me/",
    }
    assert all(not links for _, links in _sitemap(site).values())


def test_sitemap_urls_are_jekylls_absolute_url(build_site: BuildSite) -> None:
    # jekyll-sitemap writes `page.url | absolute_url`: Jekyll 4.3.1 with
    # `url: https://Example.COM:443` writes <loc>https://example.com/repo/about/</loc>.
    site = build_site(
        files={
            "docs/index.md": "# Home\n",
            "docs/about.md": "---\npermalink: /about/\n---\n# About\n",
        },
        site_url="https://Example.COM:443/repo/",
    )
    assert _sitemap(site).keys() == {
        "https://example.com/repo/",
        "https://example.com/repo/about/",
    }


def test_a_sites_own_robots_txt_is_kept(build_site: BuildSite) -> None:
    files = {**FILES, "docs/robots.txt": "User-agent: *\nDisallow: /private/\n"}
    site = build_site(files=files, plugins=_plugins())
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        "User-agent: *\nDisallow: /private/\n"
    )


def test_sitemap_disabled_leaves_robots_txt_out(build_site: BuildSite) -> None:
    site = build_site(files=FILES, plugins=_plugins(sitemap_enabled=False))
    assert not (site / "robots.txt").exists()


# -- W3C dates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    description: str
    value: object
    expected: str | None


DATES = [
    Case("a date", dt.date(2024, 1, 2), "2024-01-02"),
    Case(
        "an aware datetime",
        dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        "2024-01-02T03:04:05+00:00",
    ),
    Case("a naive datetime keeps its date", dt.datetime(2024, 1, 2, 23, 0), "2024-01-02"),  # noqa: DTZ001
    Case("an ISO string with offset", "2024-01-02T03:04:05+01:00", "2024-01-02T03:04:05+01:00"),
    Case("Jekyll's spelling", "2024-01-02 03:04:05 +0100", "2024-01-02T03:04:05+01:00"),
    Case("a date with words after it", "2024-01-02 (approx.)", "2024-01-02"),
    Case("a time in a zone Ruby's Time.parse does not know", "2024-01-02 23:00 CET", "2024-01-02"),
    Case("single-digit month and day, as Time.parse reads them", "2024-1-2", "2024-01-02"),
    Case("not a date", "soon", None),
    Case("an impossible date", "2024-02-31", None),
    Case("a number", 2024, None),
]


@pytest.mark.parametrize("case", DATES, ids=lambda case: case.description)
def test_w3c_date(case: Case) -> None:
    assert w3c_date(case.value) == case.expected


def test_without_site_url_no_robots_txt_is_written(build_site: BuildSite) -> None:
    site = build_site(files=FILES, site_url=None, plugins=_plugins())
    assert not (site / "robots.txt").exists()
    assert "/es-419/impacto/" in _sitemap(site)


def _tree_sitemap(entries: list[SitemapEntry]) -> bytes:
    """``render_sitemap`` through ElementTree alone, as it was before its string writer."""
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS, "xmlns:xhtml": XHTML_NS})
    for entry in sorted(entries, key=lambda item: item.loc):
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = entry.loc
        if entry.lastmod is not None:
            ET.SubElement(url, "lastmod").text = entry.lastmod
        for hreflang, href in entry.alternates:
            ET.SubElement(
                url, "xhtml:link", {"rel": "alternate", "hreflang": hreflang, "href": href}
            )
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="UTF-8", xml_declaration=True)) + b"\n"


_TEXT = st.text(
    st.sampled_from(["a", "/", ":", "é", "日", "&", "<", ">", '"', "'", "\r", "\n", "\t", " "]),
    max_size=6,
)
_SITEMAP_ENTRY = st.builds(
    SitemapEntry,
    loc=st.builds(lambda tail: f"https://example.com/{tail}", _TEXT) | _TEXT,
    lastmod=st.none() | st.sampled_from(["2024-01-02", "2024-01-02T03:04:05+01:00", ""]),
    alternates=st.lists(st.tuples(_TEXT, _TEXT), max_size=3),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_SITEMAP_ENTRY, max_size=6))
def test_the_string_writer_writes_what_elementtree_writes(entries: list[SitemapEntry]) -> None:
    assert render_sitemap(entries) == _tree_sitemap(entries)


def test_a_plain_sitemap_takes_the_string_writer() -> None:
    # The shortcut is used for ordinary URLs (and only falls back for odd values).
    entries = [
        SitemapEntry("https://example.com/b/", "2024-01-02", [("en", "https://example.com/b/")]),
        SitemapEntry("https://example.com/a/", None),
    ]
    written = sitemap._plain_sitemap(sorted(entries, key=lambda entry: entry.loc))
    assert written is not None and written == _tree_sitemap(entries)
    assert sitemap._plain_sitemap([SitemapEntry("https://example.com/?a&b", None)]) is None
