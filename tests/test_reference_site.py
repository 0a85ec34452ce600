"""The reference site (the repository's own mkdocs.yml) builds as the README promises.

Given the repository's site, when it is built with --strict at a domain root and under a
project subpath, then the impact pages exist, carry the base path in every Liquid link, show
the author sidebar, render the seed's "**Impact:**" lines as paragraph + list, and no Liquid
is left in any HTML.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import REPO, build_project, copy_reference_site, html

SEEDS = {
    "docs/en/impact.md": "impact.en.md",
    "docs/es-419/impacto.md": "impacto.es-419.md",
}


@pytest.fixture(
    scope="module", params=["https://example.github.io/", "https://example.github.io/repo/"]
)
def reference_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, str]:
    """Copy the reference site to a temp folder and build it strictly; yield (site, base)."""
    project = copy_reference_site(tmp_path_factory.mktemp("reference"), site_url=request.param)
    site = build_project(project, strict=True)
    base = "/repo" if request.param.endswith("/repo/") else ""
    return site, base


def test_seed_pages_are_the_seeds_unchanged() -> None:
    # The seeds are copied into the repository so that every clone runs this test; where the
    # shared seeds folder sits next to the checkout, the copies must still equal it.
    seeds = REPO / "tests" / "fixtures" / "seeds"
    shared = REPO.parent / "shared" / "seeds"
    for target, seed in SEEDS.items():
        assert (REPO / target).read_bytes() == (seeds / seed).read_bytes(), target
        if shared.is_dir():
            assert (seeds / seed).read_bytes() == (shared / seed).read_bytes(), seed


def test_impact_pages_are_written_at_their_permalinks(reference_site: tuple[Path, str]) -> None:
    site, _ = reference_site
    assert (site / "en/impact/index.html").is_file()
    assert (site / "es-419/impacto/index.html").is_file()
    assert (site / "es-419/casos/platform-guardrails/index.html").is_file()
    assert (site / "en/case-studies/ads-incrementality/index.html").is_file()


def test_no_liquid_is_left_in_any_page(reference_site: tuple[Path, str]) -> None:
    site, _ = reference_site
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "{{" not in text and "{%" not in text, page


def test_liquid_links_carry_the_base_path(reference_site: tuple[Path, str]) -> None:
    site, base = reference_site
    soup = html(site / "en/impact/index.html")
    content = soup.select_one("article")
    assert content is not None
    hrefs = [a["href"] for a in content.select("a[href]") if not a["href"].startswith("#")]
    expected = {
        f"{base}/en/case-studies/platform-guardrails/",
        f"{base}/en/case-studies/ads-incrementality/",
        f"{base}/en/cv/",
        f"{base}/en/case-studies/",
        f"{base}/en/speaking/",
        f"{base}/en/contact/",
    }
    assert expected <= set(hrefs)
    # Every such link points at a page of the build.
    for href in expected:
        assert (site / href.removeprefix(base).lstrip("/") / "index.html").is_file(), href


def test_impact_lines_are_followed_by_real_lists(reference_site: tuple[Path, str]) -> None:
    site, _ = reference_site
    for path, label in (
        ("en/impact/index.html", "Impact:"),
        ("es-419/impacto/index.html", "Impacto:"),
    ):
        article = html(site / path).select_one("article")
        assert article is not None
        labels = [p for p in article.find_all("p") if p.get_text(strip=True) == label]
        assert len(labels) == 5, path
        for paragraph in labels:
            sibling = paragraph.find_next_sibling()
            assert sibling is not None and sibling.name == "ul", path
            assert len(sibling.find_all("li", recursive=False)) == 3


def test_impact_pages_show_the_author_sidebar(reference_site: tuple[Path, str]) -> None:
    site, base = reference_site
    for path in ("en/impact/index.html", "es-419/impacto/index.html"):
        soup = html(site / path)
        text = soup.get_text(" ", strip=True)
        assert "Site Owner" in text
        avatar = soup.select_one("img[src$='avatar.svg']")
        assert avatar is not None, path
        assert avatar["src"] == f"{base}/images/avatar.svg"
    assert (site / "images/avatar.svg").is_file()


def test_spanish_pages_say_es_419(reference_site: tuple[Path, str]) -> None:
    site, _ = reference_site
    soup: BeautifulSoup = html(site / "es-419/impacto/index.html")
    assert soup.html is not None and soup.html["lang"] == "es-419"
    english = html(site / "en/impact/index.html")
    assert english.html is not None and english.html["lang"] == "en"


def test_default_locale_is_served_under_its_folder(reference_site: tuple[Path, str]) -> None:
    site, _ = reference_site
    assert (site / "en/index.html").is_file()
    assert (site / "es-419/index.html").is_file()
    assert not (site / "impact/index.html").exists()


def test_build_logs_no_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = copy_reference_site(tmp_path / "ref")
    with caplog.at_level(logging.WARNING):
        build_project(project, strict=True)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_impact_pages_switch_to_each_other(reference_site: tuple[Path, str]) -> None:
    site, base = reference_site
    english = html(site / "en/impact/index.html").select("a.md-select__link")
    spanish = html(site / "es-419/impacto/index.html").select("a.md-select__link")
    assert {a["hreflang"]: a["href"] for a in english} == {
        "en": f"{base}/en/impact/",
        "es-419": f"{base}/es-419/impacto/",
    }
    assert {a["hreflang"]: a["href"] for a in spanish} == {
        "en": f"{base}/en/impact/",
        "es-419": f"{base}/es-419/impacto/",
    }


def test_spanish_pages_show_spanish_navigation_and_labels(reference_site: tuple[Path, str]) -> None:
    site, _ = reference_site
    soup = html(site / "es-419/impacto/index.html")
    # The Minimal Mistakes look: the main menu is the masthead's row of links.
    nav = [a.get_text(strip=True) for a in soup.select(".jekyll-masthead .visible-links a")]
    assert {"Inicio", "Impacto", "Casos de estudio", "Charlas", "Contacto"} <= set(nav)
    toc_title = soup.select_one("nav.md-nav--secondary label.md-nav__title")
    assert toc_title is not None and "En esta página" in toc_title.get_text()
    assert soup.title is not None
    assert soup.title.get_text() == "Impacto y Resultados - ML en Producción, GenAI y MLOps"


def test_sitemap_lists_both_impact_pages_with_alternates(reference_site: tuple[Path, str]) -> None:
    import xml.etree.ElementTree as ET

    site, base = reference_site
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    origin = f"https://example.github.io{base}"
    entries = {
        url.findtext("s:loc", namespaces=ns): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    assert entries[f"{origin}/es-419/impacto/"] == {
        "en": f"{origin}/en/impact/",
        "es-419": f"{origin}/es-419/impacto/",
        "x-default": f"{origin}/en/impact/",
    }


def test_no_switcher_or_hreflang_link_points_at_a_missing_page(
    reference_site: tuple[Path, str],
) -> None:
    site, base = reference_site
    origin = f"https://example.github.io{base}"
    for page in sorted(site.rglob("index.html")):
        soup = html(page)
        targets = [a["href"] for a in soup.select("a.md-select__link")]
        targets += [
            link["href"].removeprefix(origin)
            for link in soup.select("head link[rel=alternate][hreflang]:not([type])")
        ]
        for target in targets:
            path = str(target).removeprefix(base).lstrip("/")
            assert (site / path / "index.html").is_file() or (site / path).is_file(), (
                page,
                target,
            )
