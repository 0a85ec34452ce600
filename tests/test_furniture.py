"""Minimal Mistakes' page furniture: table of contents, reading time, share links, related
posts, taxonomy, dates, the front matter ``sidebar`` and the per-locale author profile.

Given a two-locale site (en, es-419) under a project path, when it is built with the
``jekyll`` plugin, then each page carries what Minimal Mistakes prints around it, in the
page's language. Related posts, taxonomy links, sidebar menus and the per-locale author come
from the plugin's ``on_page_context`` (``jekyll_furniture``, ``jekyll_author``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from mkdocs_jekyll.features.author import build_author_profile, localize_author
from mkdocs_jekyll.features.furniture import (
    DEFAULT_WORDS_PER_MINUTE,
    page_furniture,
    related_posts,
)
from mkdocs_jekyll.jekyll.documents import Document, SiteModel
from sitebuild import BuildSite, html, two_locale_plugins

SITE_URL = "https://example.github.io/repo/"

AUTHOR: dict[str, Any] = {
    "name": {"en": "Ada Lovelace", "es": "Ada Lovelace (es)"},
    "bio": {"en": "Engineer & writer", "es-419": "Ingeniera y escritora"},
    "location": {"en": "London", "es-419": "Londres"},
    "links": [{"label": {"en": "Website", "es": "Sitio"}, "url": "https://ada.example/"}],
}


def build(build_site: BuildSite, files: Mapping[str, str], **jekyll: Any) -> Path:
    """A two-locale site under ``/repo/`` with both homes, ``files`` and the author above."""
    options = {"author": AUTHOR, **jekyll}
    return build_site(
        files={"docs/en/index.md": "# Home\n", "docs/es-419/index.md": "# Inicio\n", **files},
        site_url=SITE_URL,
        plugins=two_locale_plugins(**options),
    )


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    """The single element matching ``selector``."""
    found = soup.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} matches"
    return found[0]


def words(count: int) -> str:
    """A paragraph of ``count`` words."""
    return " ".join(["word"] * count) + "\n"


# -----------------------------------------------------------------------------
# Table of contents


def test_toc_false_hides_the_table_of_contents(build_site: BuildSite) -> None:
    page = "---\nlayout: single\ntoc: false\n---\n## A\n\n## B\n"
    soup = html(build(build_site, {"docs/en/a.md": page}) / "en" / "a" / "index.html")
    assert one(soup, ".md-sidebar--secondary").has_attr("hidden")


def test_toc_is_shown_by_default_titled_with_the_locales_label(build_site: BuildSite) -> None:
    page = "---\nlayout: single\n---\n## A\n"
    soup = html(build(build_site, {"docs/es-419/a.md": page}) / "es-419" / "a" / "index.html")
    toc = one(soup, ".md-sidebar--secondary")
    assert not toc.has_attr("hidden")
    assert one(toc, "label.md-nav__title").get_text(strip=True) == "En esta página"


def test_toc_label_and_toc_sticky_of_the_page(build_site: BuildSite) -> None:
    pages = {
        "docs/en/a.md": (
            "---\nlayout: single\ntoc_label: 'In <this> page'\ntoc_sticky: true\n---\n## A\n"
        ),
        "docs/en/b.md": "---\nlayout: single\ntoc_sticky: false\n---\n## B\n",
    }
    site = build(build_site, pages)

    toc = one(html(site / "en" / "a" / "index.html"), ".md-sidebar--secondary")
    assert one(toc, "label.md-nav__title").get_text(strip=True) == "In <this> page"
    assert "jekyll-toc--sticky" in toc["class"]
    static = one(html(site / "en" / "b" / "index.html"), ".md-sidebar--secondary")
    assert "jekyll-toc--static" in static["class"]


# -----------------------------------------------------------------------------
# Reading time and dates


@pytest.mark.parametrize(
    ("count", "locale", "expected"),
    [
        (50, "en", "less than 1 minute read"),
        (450, "en", "2 minute read"),
        (50, "es-419", "menos de 1 minutos de lectura"),
        (650, "es-419", "3 minutos de lectura"),
    ],
)
def test_read_time_in_the_pages_language(
    build_site: BuildSite, count: int, locale: str, expected: str
) -> None:
    page = "---\nlayout: single\nread_time: true\n---\n" + words(count)
    site = build(build_site, {f"docs/{locale}/a.md": page})
    meta = one(html(site / locale / "a" / "index.html"), "article .page__meta-readtime")
    assert " ".join(meta.get_text().split()) == expected


def test_words_per_minute_from_the_site_then_the_page(build_site: BuildSite) -> None:
    pages = {
        "docs/en/a.md": "---\nlayout: single\nread_time: true\n---\n" + words(300),
        "docs/en/b.md": (
            "---\nlayout: single\nread_time: true\nwords_per_minute: 50\n---\n" + words(300)
        ),
    }
    site = build(build_site, pages, site={"words_per_minute": 100})

    def read_time(name: str) -> str:
        meta = one(html(site / "en" / name / "index.html"), ".page__meta-readtime")
        return " ".join(meta.get_text().split())

    assert read_time("a") == "3 minute read"
    assert read_time("b") == "6 minute read"


def test_show_date_and_last_modified_at(build_site: BuildSite) -> None:
    page = (
        "---\nlayout: single\nshow_date: true\ndate: 2024-02-03\n"
        "last_modified_at: 2024-05-06\n---\nText.\n"
    )
    site = build(build_site, {"docs/es-419/a.md": page}, look="material")
    soup = html(site / "es-419" / "a" / "index.html")

    assert one(soup, ".page__meta-date time")["datetime"] == "2024-02-03"
    updated = one(soup, ".page__date")
    assert " ".join(updated.get_text().split()) == "Actualizado: 2024-05-06"


def test_show_date_and_last_modified_at_in_the_minimal_mistakes_look(
    build_site: BuildSite,
) -> None:
    page = (
        "---\nlayout: single\nshow_date: true\ndate: 2024-02-03\n"
        "last_modified_at: 2024-05-06\n---\nText.\n"
    )
    soup = html(build(build_site, {"docs/es-419/a.md": page}) / "es-419" / "a" / "index.html")

    # Both dates under the title, in `date_format` with the locale's month names.
    assert one(soup, ".page__meta-date time")["datetime"] == "2024-02-03"
    updated = one(soup, ".page__meta .page__meta-updated")
    assert " ".join(updated.get_text().split()) == "Actualizado: mayo 6, 2024"
    assert soup.select(".page__date") == []


# -----------------------------------------------------------------------------
# Share links


def test_share_links_carry_the_absolute_url_under_the_project_path(build_site: BuildSite) -> None:
    page = '---\nlayout: single\ntitle: "Impact & Outcomes"\nshare: true\n---\nText.\n'
    site = build(build_site, {"docs/es-419/impacto.md": page})
    soup = html(site / "es-419" / "impacto" / "index.html")

    share = one(soup, ".page__share")
    assert one(share, ".page__share-title").get_text(strip=True) == "Compartir en"
    url = "https://example.github.io/repo/es-419/impacto/"
    links = {str(a["data-jekyll-share"]): urlsplit(str(a["href"])) for a in share.select("a")}
    assert sorted(links) == ["bluesky", "facebook", "linkedin", "x"]
    assert parse_qs(links["x"].query)["text"] == [f"Impact & Outcomes {url}"]
    assert parse_qs(links["facebook"].query)["u"] == [url]
    assert parse_qs(links["linkedin"].query)["url"] == [url]
    assert parse_qs(links["bluesky"].query)["text"] == [f"Impact & Outcomes {url}"]
    assert one(share, "a[data-jekyll-share=x]")["aria-label"] == "Compartir en X"


def test_no_share_links_without_share_true(build_site: BuildSite) -> None:
    soup = html(
        build(build_site, {"docs/en/a.md": "---\nlayout: single\n---\nText.\n"}) / "en/a/index.html"
    )
    assert soup.select(".page__share") == []


# -----------------------------------------------------------------------------
# Related posts and taxonomy


POSTS = {
    "docs/en/_posts/2024-04-01-four.md": "---\ntitle: Four\ntags: [other]\n---\n4.\n",
    "docs/en/_posts/2024-03-01-three.md": "---\ntitle: Three\ntags: [evals]\n---\n3.\n",
    "docs/en/_posts/2024-02-01-two.md": "---\ntitle: Two\ncategories: [ml]\n---\n2.\n",
    "docs/en/_posts/2024-01-01-one.md": (
        "---\nlayout: single\ntitle: One\ncategories: [ml]\ntags: [evals]\nrelated: true\n---\n1.\n"
    ),
    "docs/en/_posts/2023-01-01-zero.md": "---\ntitle: Zero\n---\n0.\n",
    "docs/en/_posts/2022-01-01-older.md": "---\ntitle: Older\n---\n-1.\n",
    "docs/es-419/_posts/2024-05-01-cinco.md": "---\ntitle: Cinco\ncategories: [ml]\n---\n5.\n",
}


def _post_soup(site: Path, title: str) -> BeautifulSoup:
    """The built page of the post titled ``title``."""
    for path in site.rglob("index.html"):
        soup = html(path)
        heading = soup.select_one("article h1")
        if heading is not None and heading.get_text(strip=True) == title:
            return soup
    raise AssertionError(f"no page titled {title!r}")


def test_related_posts_share_terms_first_then_recent_of_the_same_locale(
    build_site: BuildSite,
) -> None:
    site = build(build_site, POSTS)
    soup = _post_soup(site, "One")

    related = one(soup, ".page__related")
    assert one(related, ".page__related-title").get_text(strip=True) == "You may also enjoy"
    titles = [a.get_text(strip=True) for a in related.select(".archive__item-title a")]
    # Three shares `evals`, Two shares `ml`; then the newest others; never Cinco (es-419).
    assert titles == ["Three", "Two", "Four", "Zero"]
    assert all(str(a["href"]).startswith("/repo/en/") for a in related.select("a"))


def test_taxonomy_links_point_at_the_locales_archive_pages(build_site: BuildSite) -> None:
    pages = {
        **POSTS,
        "docs/en/categories.md": "---\nlayout: categories\ntitle: Categories\n---\n",
        "docs/es-419/etiquetas.md": "---\nlayout: tags\ntitle: Etiquetas\n---\n",
    }
    # Without generated archives (archives_enabled: false), only the site's own pages.
    site = build(build_site, pages, archives_enabled=False)
    soup = _post_soup(site, "One")

    categories = one(soup, ".page__taxonomy--categories")
    assert [(a.get_text(), a["href"]) for a in categories.select("a")] == [
        ("ml", "/repo/en/categories/#ml")
    ]
    # The only tags page is Spanish: English tags stay text.
    tags = one(soup, ".page__taxonomy--tags")
    assert tags.select("a") == []
    assert [s.get_text() for s in tags.select(".page__taxonomy-item")] == ["evals"]
    # The categories page has a section with that id.
    index = html(site / "en" / "categories" / "index.html")
    assert one(index, "section#ml")


# -----------------------------------------------------------------------------
# Front matter sidebar and the per-locale author


def test_sidebar_blocks_sit_under_the_author_profile(build_site: BuildSite) -> None:
    navigation = """
docs:
  - titles: {en: Guide, es-419: Guía}
    urls: {en: /en/guide/, es-419: /es-419/guia/}
    children:
      - title: Setup
        url: /en/setup/
"""
    page = """---
layout: single
author_profile: true
permalink: /en/guide/
sidebar:
  - title: "Docs <b>menu</b>"
    image: /images/side.png
    image_alt: "A \\"map\\""
    text: "Read <script>alert('s')</script> first"
    nav: docs
---
Text.
"""
    site = build(build_site, {"docs/en/guide.md": page, "_data/navigation.yml": navigation})
    soup = html(site / "en" / "guide" / "index.html")

    inner = one(soup, ".md-sidebar--primary .md-sidebar__inner")
    children = [c.get("class") for c in inner.children if isinstance(c, Tag)]
    assert children[:2] == [["jekyll-author-sidebar"], ["jekyll-sidebar-blocks"]]
    block = one(inner, ".jekyll-sidebar__block")
    assert block.find(["script", "b"]) is None
    assert one(block, ".jekyll-sidebar__title").get_text() == "Docs <b>menu</b>"
    assert (
        one(block, ".jekyll-sidebar__text").get_text() == "Read <script>alert('s')</script> first"
    )
    image = one(block, "img")
    assert (image["src"], image["alt"]) == ("/repo/images/side.png", 'A "map"')
    menu = [(a.get_text(strip=True), a["href"], a.get("class")) for a in block.select("nav a")]
    assert menu == [("Guide", "/repo/en/guide/", ["active"]), ("Setup", "/repo/en/setup/", None)]


def test_author_fields_speak_the_pages_locale(build_site: BuildSite) -> None:
    page = "---\nlayout: single\nauthor_profile: true\n---\nText.\n"
    site = build(build_site, {"docs/en/a.md": page, "docs/es-419/a.md": page})

    def profile(locale: str) -> tuple[str, str, str, list[str]]:
        region = one(html(site / locale / "a" / "index.html"), ".jekyll-author-sidebar")
        return (
            one(region, ".jekyll-author__name").get_text(strip=True),
            one(region, ".jekyll-author__bio").get_text(strip=True),
            one(region, ".jekyll-author__location").get_text(strip=True),
            [a.get_text(strip=True) for a in region.select(".jekyll-author__urls a")],
        )

    assert profile("en") == ("Ada Lovelace", "Engineer & writer", "London", ["Website"])
    # es-419 has its own bio; the name comes from `es`, the base language.
    assert profile("es-419") == (
        "Ada Lovelace (es)",
        "Ingeniera y escritora",
        "Londres",
        ["Sitio"],
    )


def test_comments_hook_is_an_overridable_partial(build_site: BuildSite) -> None:
    files = {
        "docs/en/a.md": "---\nlayout: single\ncomments: true\n---\nText.\n",
        "overrides/partials/jekyll/comments.html": '<div id="my-comments"></div>\n',
    }
    site = build_site(
        files={"docs/en/index.md": "# Home\n", "docs/es-419/index.md": "# Inicio\n", **files},
        site_url=SITE_URL,
        theme={"name": "material", "custom_dir": "overrides"},
        plugins=two_locale_plugins(),
    )
    assert one(html(site / "en" / "a" / "index.html"), "article #my-comments")


# -----------------------------------------------------------------------------
# Pure functions


@dataclass(frozen=True)
class AuthorCase:
    description: str
    locale: str | None
    default: str | None
    expected: str | None
    bio: Any = field(default_factory=lambda: {"en": "EN", "es": "ES", "es-419": "LATAM"})


AUTHOR_CASES = [
    AuthorCase("the locale's own value", "es-419", "en", "LATAM"),
    AuthorCase("the base language", "es-MX", "en", "ES"),
    AuthorCase("the default locale", "pt-br", "en", "EN"),
    AuthorCase("locale keys compare loosely", "es_419", "en", "LATAM"),
    AuthorCase("the first value without a match", "de", "fr", "ES", {"es": "ES", "pt": "PT"}),
    AuthorCase("no locale at all gives the first value", None, None, "EN"),
    AuthorCase("empty values are skipped", "es", "en", "EN", {"es": "", "en": "EN"}),
    AuthorCase("plain values stay", "es", "en", "Plain", "Plain"),
]


@pytest.mark.parametrize("case", AUTHOR_CASES, ids=lambda case: case.description)
def test_localize_author(case: AuthorCase) -> None:
    localized = localize_author({"name": "Ada", "bio": case.bio}, case.locale, case.default)
    assert localized == {"name": "Ada", "bio": case.expected}


def test_build_author_profile_accepts_per_locale_fields_without_a_locale() -> None:
    profile = build_author_profile(AUTHOR, relative_url=lambda path: path)
    assert profile is not None
    assert (profile.name, profile.bio) == ("Ada Lovelace", "Engineer & writer")


def _doc(src_path: str, locale: str | None, **data: Any) -> Document:
    return Document(
        src_path=src_path,
        abs_path=src_path,
        data=data,
        body="",
        line_offset=0,
        url="/" + src_path.removesuffix(".md") + "/",
        dest=src_path.removesuffix(".md") + "/index.html",
        locale=locale,
        type="posts" if "_posts" in src_path else "pages",
    )


def test_related_posts_never_include_the_page_and_stop_at_four() -> None:
    posts = [_doc(f"en/_posts/2024-01-0{i}-p{i}.md", "en", tags=["t"]) for i in range(1, 8)]
    picked = related_posts(posts[0], posts)
    assert [post.src_path for post in picked] == [post.src_path for post in posts[1:5]]


def test_page_furniture_reads_words_per_minute_and_ignores_junk() -> None:
    model = SiteModel()
    page = _doc("en/a.md", "en", sidebar="not a list", categories=None, words_per_minute="x")
    model.documents[page.src_path] = page
    furniture = page_furniture(page, model, site={}, data={}, relative_url=lambda p: p)
    assert furniture.words_per_minute == DEFAULT_WORDS_PER_MINUTE
    assert (furniture.sidebar, furniture.categories, furniture.related) == ((), (), ())
    assert (
        page_furniture(
            page, model, site={"words_per_minute": 120}, data={}, relative_url=lambda p: p
        ).words_per_minute
        == 120
    )


def test_page_furniture_lists_posts_of_the_page_locale_by_year() -> None:
    model = SiteModel()
    docs = [
        _doc("en/posts.md", "en", layout="posts"),
        _doc("en/_posts/2024-02-01-b.md", "en", title="B", date=dt.date(2024, 2, 1)),
        _doc("en/_posts/2023-02-01-a.md", "en", title="A", date=dt.date(2023, 2, 1)),
        _doc("es-419/_posts/2024-03-01-c.md", "es-419", title="C", date=dt.date(2024, 3, 1)),
    ]
    model.documents.update((doc.src_path, doc) for doc in docs)
    furniture = page_furniture(docs[0], model, site={}, data={}, relative_url=lambda p: "/r" + p)
    assert [(g.name, [e.title for e in g.entries]) for g in furniture.groups] == [
        ("2024", ["B"]),
        ("2023", ["A"]),
    ]
    assert furniture.groups[0].entries[0].url == "/r/en/_posts/2024-02-01-b/"


def test_toc_icon_puts_the_font_awesome_icon_before_the_toc_title(build_site: BuildSite) -> None:
    site = build_site(
        files={
            "docs/index.md": (
                "---\nlayout: single\ntoc: true\ntoc_icon: cog\ntoc_label: Contents\n---\n"
                "# Title\n\n## One\n\n## Two\n"
            ),
            "docs/other.md": (
                "---\nlayout: single\ntoc: true\ntoc_icon: '../../x'\n---\n# T\n\n## A\n"
            ),
        }
    )
    title = html(site / "index.html").select_one("nav.md-nav--secondary .md-nav__title")
    assert title is not None
    assert title.select_one(".jekyll-toc-icon svg") is not None
    assert "Contents" in title.get_text()
    other = html(site / "other/index.html").select_one("nav.md-nav--secondary .md-nav__title")
    assert other is not None and other.select_one(".jekyll-toc-icon") is None
