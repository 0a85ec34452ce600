"""Minimal Mistakes' page header (``_includes/page__hero.html``) from front matter ``header``.

Given a page with ``header.image``, ``overlay_image``, ``overlay_color``, ``overlay_filter``,
``caption`` or ``actions``, when the site is built under a project path (``/repo/``), then
the hero shows them as Minimal Mistakes does: site paths get the base path, the title and
lead move into an overlay hero, and every value is escaped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from mkdocs_jekyll.features.furniture import caption_html
from sitebuild import JEKYLL, BuildSite, html, jekyll_build

SITE_URL = "https://example.github.io/repo/"


def build_page(build_site: BuildSite, front_matter: str, body: str = "Body.\n") -> BeautifulSoup:
    """Build a one-page site (plus a home page) and parse the page."""
    site: Path = build_site(
        files={
            "docs/index.md": "# Home\n",
            "docs/page.md": f"---\nlayout: single\n{front_matter}\n---\n{body}",
        },
        site_url=SITE_URL,
    )
    return html(site / "page" / "index.html")


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    """The single element matching ``selector``."""
    found = soup.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} matches"
    return found[0]


def test_header_image_is_a_full_width_picture_above_the_page(build_site: BuildSite) -> None:
    soup = build_page(
        build_site, 'title: "Impact"\nheader:\n  image: /images/banner.jpg\n  caption: "Lima"'
    )

    hero = one(soup, ".md-container > .page__hero")
    img = one(hero, "img.page__hero-image")
    assert (img["src"], img["alt"]) == ("/repo/images/banner.jpg", "Impact")
    assert one(hero, ".page__hero-caption").get_text() == "Lima"
    # Not an overlay: the title stays in the article.
    assert one(soup, "article h1").get_text() == "Impact"


def test_header_image_keeps_full_urls(build_site: BuildSite) -> None:
    soup = build_page(build_site, "header: {image: 'https://cdn.example/b.jpg'}")
    assert one(soup, "img.page__hero-image")["src"] == "https://cdn.example/b.jpg"


@dataclass(frozen=True)
class OverlayCase:
    description: str
    header: str
    style: str


OVERLAY_CASES = [
    OverlayCase(
        "image alone",
        "overlay_image: /images/bg.jpg",
        'background-image: url("/repo/images/bg.jpg")',
    ),
    OverlayCase(
        "a number is a black veil of that opacity",
        "overlay_image: bg.jpg\n  overlay_filter: 0.5",
        "background-image: linear-gradient(rgba(0, 0, 0, 0.5), rgba(0, 0, 0, 0.5)), "
        'url("/repo/bg.jpg")',
    ),
    OverlayCase(
        "a colour becomes a flat gradient",
        "overlay_image: /bg.jpg\n  overlay_filter: rgba(255, 0, 0, 0.5)",
        "background-image: linear-gradient(rgba(255, 0, 0, 0.5), rgba(255, 0, 0, 0.5)), "
        'url("/repo/bg.jpg")',
    ),
    OverlayCase(
        "a gradient is used as is",
        "overlay_image: /bg.jpg\n  overlay_filter: linear-gradient(red, blue)",
        'background-image: linear-gradient(red, blue), url("/repo/bg.jpg")',
    ),
    OverlayCase("overlay colour alone", "overlay_color: '#5e616c'", "background-color: #5e616c"),
    OverlayCase(
        "a filter that would leave its declaration is dropped",
        "overlay_image: /bg.jpg\n  overlay_filter: 'red; position: fixed'",
        'background-image: url("/repo/bg.jpg")',
    ),
    OverlayCase(
        "quotes and brackets cannot end the CSS string",
        'overlay_image: /a"b(c).jpg',
        'background-image: url("/repo/a%22b%28c%29.jpg")',
    ),
]


@pytest.mark.parametrize("case", OVERLAY_CASES, ids=lambda case: case.description)
def test_overlay_hero_style(build_site: BuildSite, case: OverlayCase) -> None:
    soup = build_page(build_site, f"title: T\nheader:\n  {case.header}")
    assert one(soup, ".page__hero--overlay")["style"] == case.style


def test_overlay_hero_holds_title_lead_meta_and_actions(build_site: BuildSite) -> None:
    front_matter = """title: "Impact & Outcomes"
excerpt: "Measurable outcomes."
read_time: true
header:
  overlay_image: /images/bg.jpg
  actions:
    - label: "Download CV"
      url: /files/cv.pdf
    - label: "GitHub"
      url: https://github.com/ada
    - url: /more/"""
    soup = build_page(build_site, front_matter)

    hero = one(soup, ".page__hero--overlay")
    assert one(hero, "h1.page__title").get_text() == "Impact & Outcomes"
    assert one(hero, "p.page__lead").get_text() == "Measurable outcomes."
    assert one(hero, ".page__meta-readtime")
    buttons = [(a.get_text(strip=True), a["href"]) for a in hero.select(".page__hero-actions a")]
    assert buttons == [
        ("Download CV", "/repo/files/cv.pdf"),
        ("GitHub", "https://github.com/ada"),
        ("Learn more", "/repo/more/"),
    ]
    # The article does not repeat the title or the lead.
    article = one(soup, "article")
    assert article.select("h1") == []
    assert article.select(".jekyll-page__lead") == []


def test_show_overlay_excerpt_false_keeps_the_lead_out(build_site: BuildSite) -> None:
    soup = build_page(
        build_site,
        "title: T\nexcerpt: E\nheader: {overlay_color: '#000', show_overlay_excerpt: false}",
    )
    assert soup.select(".page__hero--overlay .page__lead") == []


def test_caption_keeps_links_and_emphasis(build_site: BuildSite) -> None:
    soup = build_page(
        build_site,
        "header:\n  overlay_image: /bg.jpg\n"
        '  caption: "Photo: [**Unsplash**](https://unsplash.com) by *Ana*"',
    )
    caption = one(soup, ".page__hero-caption")
    assert caption.decode_contents() == (
        'Photo: <a href="https://unsplash.com"><strong>Unsplash</strong></a> by <em>Ana</em>'
    )


def test_hero_values_are_escaped(build_site: BuildSite) -> None:
    front_matter = """title: "T <script>alert('t')</script>"
excerpt: "E <script>alert('e')</script>"
header:
  overlay_image: /bg.jpg
  caption: "C <script>alert('c')</script> [x](javascript&quot;) \\" onmouseover=\\"alert(1)"
  actions:
    - label: "<script>alert('a')</script> \\"quoted\\""
      url: '/go/?a=1&b="2"'"""
    soup = build_page(build_site, front_matter)

    hero = one(soup, ".page__hero--overlay")
    assert hero.find("script") is None
    assert one(hero, "h1").get_text() == "T <script>alert('t')</script>"
    assert one(hero, ".page__lead").get_text() == "E <script>alert('e')</script>"
    caption = one(hero, ".page__hero-caption")
    assert caption.get_text().startswith("C <script>alert('c')</script>")
    assert not any(tag.has_attr("onmouseover") for tag in caption.find_all(True))
    action = one(hero, ".page__hero-actions a")
    assert action.get_text(strip=True) == "<script>alert('a')</script> \"quoted\""
    # Jekyll's relative_url percent-encodes the quotes (Jekyll 4.3.1 writes the same).
    assert action["href"] == "/repo/go/?a=1&b=%222%22"


# Minimal Mistakes writes `{{ action.url | relative_url }}`: each URL as written in
# `header.actions`, and the href Jekyll 4.3.1 gives it under `baseurl: /repo`
# (test_action_hrefs_are_what_jekyll_writes checks them against the real Jekyll).
ACTION_HREFS = [
    ("/files/cv.pdf", "/repo/files/cv.pdf"),
    ("files/a b/é.pdf", "/repo/files/a%20b/%C3%A9.pdf"),
    ("/a/../b/./c/", "/repo/b/c/"),
    ("#contact", "/repo/#contact"),
    ("mailto:ada@example.com", "mailto:ada@example.com"),
    ("https://github.com/ada", "https://github.com/ada"),
]


def test_action_hrefs_are_jekylls_relative_url(build_site: BuildSite) -> None:
    actions = "".join(f"\n    - url: {json.dumps(url)}" for url, _ in ACTION_HREFS)
    soup = build_page(build_site, f"header:\n  overlay_color: '#000'\n  actions:{actions}")
    hrefs = [a["href"] for a in soup.select(".page__hero-actions a")]
    assert hrefs == [href for _, href in ACTION_HREFS]


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_action_hrefs_are_what_jekyll_writes(tmp_path: Path) -> None:
    lines = "".join(f"[{{{{ '{url}' | relative_url }}}}]\n" for url, _ in ACTION_HREFS)
    site, _ = jekyll_build(
        tmp_path / "src",
        {"index.html": f"---\n---\n{lines}"},
        "url: https://example.github.io\nbaseurl: /repo\n",
    )
    written = (site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r"\[(.*)\]", written) == [href for _, href in ACTION_HREFS]


def test_talk_links_get_jekylls_relative_url(build_site: BuildSite) -> None:
    soup = build_page(
        build_site,
        "layout: talk\nvenue: Lima\nvenue_url: venues/lima city/\nslidesurl: /files/s.pdf",
    )
    assert one(soup, ".talk__venue a")["href"] == "/repo/venues/lima%20city/"
    assert one(soup, ".talk__link--slides")["href"] == "/repo/files/s.pdf"


@dataclass(frozen=True)
class CaptionCase:
    description: str
    text: object
    expected: str | None


CAPTION_CASES = [
    CaptionCase("nothing", None, None),
    CaptionCase("plain text", "Lima & Cusco", "Lima &amp; Cusco"),
    CaptionCase("site link gets the base path", "[me](/about/)", '<a href="/repo/about/">me</a>'),
    CaptionCase("a javascript: link keeps its text only", "[x](javascript:void)", "x"),
    CaptionCase("markup is text", "<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
    CaptionCase(
        "a quote in a link URL stays in the attribute",
        '[x](https://a.example/?q="y")',
        '<a href="https://a.example/?q=&#34;y&#34;">x</a>',
    ),
]


@pytest.mark.parametrize("case", CAPTION_CASES, ids=lambda case: case.description)
def test_caption_html(case: CaptionCase) -> None:
    result = caption_html(case.text, lambda path: "/repo" + path)
    assert (None if result is None else str(result)) == case.expected
