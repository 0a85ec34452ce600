"""Minimal Mistakes' and academicpages' layouts, each with its own template.

Given a site whose pages set ``layout:``, when it is built with the ``jekyll`` plugin, then
each page has the structure of that layout in Minimal Mistakes (archive lists, splash
without sidebars, talk metadata ...). Lists of posts come from ``jekyll_furniture``, which
the plugin's ``on_page_context`` sets (``mkdocs_jekyll.features.furniture.page_furniture``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from sitebuild import BuildSite, html, two_locale_plugins

SITE_URL = "https://example.github.io/repo/"

POSTS = {
    "docs/en/_posts/2024-03-01-new-model.md": (
        "---\ntitle: New model\ncategories: [ml]\ntags: [platform]\n"
        "excerpt: Shipping it.\nheader: {teaser: /images/new.png}\n---\nNew.\n"
    ),
    "docs/en/_posts/2024-01-10-eval-loops.md": (
        "---\ntitle: Eval loops\ncategories: [ml, genai]\n---\nEvals.\n"
    ),
    "docs/en/_posts/2023-06-05-old-notes.md": "---\ntitle: Old notes\ntags: [notes]\n---\nOld.\n",
    "docs/es-419/_posts/2024-02-01-nuevo.md": "---\ntitle: Nuevo\ncategories: [ml]\n---\nNuevo.\n",
}


def build(build_site: BuildSite, files: dict[str, str], **jekyll: Any) -> Path:
    """A two-locale site (en, es-419) under a project path, with ``files`` and posts."""
    return build_site(
        files={**POSTS, "docs/es-419/index.md": "# Inicio\n", **files},
        site_url=SITE_URL,
        plugins=two_locale_plugins(author={"name": "Ada", "bio": "Engineer"}, **jekyll),
    )


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    """The single element matching ``selector``."""
    found = soup.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} matches"
    return found[0]


def titles(region: Tag) -> list[str]:
    """The titles of the entries listed in ``region``."""
    return [a.get_text(strip=True) for a in region.select(".archive__item-title a")]


# -----------------------------------------------------------------------------
# Layouts on real builds


def test_given_layout_home_then_the_locales_recent_posts_follow_the_content(
    build_site: BuildSite,
) -> None:
    site = build(
        build_site,
        {
            "docs/en/index.md": "---\nlayout: home\nauthor_profile: true\n---\nWelcome.\n",
            "docs/es-419/index.md": "---\nlayout: home\ntitle: Inicio\n---\nHola.\n",
        },
    )
    soup = html(site / "en" / "index.html")
    archive = one(soup, ".layout--home .archive")
    assert archive.get_text(" ", strip=True).startswith("Welcome.")
    assert one(archive, ".archive__subtitle").get_text(strip=True) == "Recent posts"
    assert titles(archive) == ["New model", "Eval loops", "Old notes"]
    links = [str(a["href"]) for a in archive.select(".archive__item-title a")]
    assert links[0].startswith("/repo/en/")
    assert one(soup, ".md-sidebar--primary .jekyll-author__name").get_text(strip=True) == "Ada"

    spanish = one(html(site / "es-419" / "index.html"), ".archive")
    assert one(spanish, ".archive__subtitle").get_text(strip=True) == "Entradas recientes"
    assert titles(spanish) == ["Nuevo"]


def test_given_layout_posts_then_posts_are_grouped_by_year_with_an_index(
    build_site: BuildSite,
) -> None:
    site = build(build_site, {"docs/en/posts.md": "---\nlayout: posts\ntitle: Posts\n---\n"})
    soup = html(site / "en" / "posts" / "index.html")

    index = one(soup, ".layout--posts .taxonomy__index")
    assert [(a["href"], a.get_text(" ", strip=True)) for a in index.select("a")] == [
        ("#2024", "2024 2"),
        ("#2023", "2023 1"),
    ]
    sections = soup.select("section.taxonomy__section")
    assert [s["id"] for s in sections] == ["2024", "2023"]
    assert titles(sections[0]) == ["New model", "Eval loops"]
    assert one(soup, "article h1").get_text(strip=True) == "Posts"


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        ("categories", [("ml", ["New model", "Eval loops"]), ("genai", ["Eval loops"])]),
        ("tags", [("notes", ["Old notes"]), ("platform", ["New model"])]),
    ],
)
def test_given_layout_categories_or_tags_then_posts_are_grouped_by_term(
    build_site: BuildSite, layout: str, expected: list[tuple[str, list[str]]]
) -> None:
    site = build(build_site, {f"docs/en/{layout}.md": f"---\nlayout: {layout}\ntitle: T\n---\n"})
    soup = html(site / "en" / layout / "index.html")

    sections = soup.select(f".layout--{layout} section.taxonomy__section")
    assert [(s["id"], titles(s)) for s in sections] == expected
    assert len(one(soup, ".taxonomy__index").select("li")) == len(expected)
    # The locale folder's category (`en`) is not a category of its own.
    assert "en" not in [s["id"] for s in sections]


def test_given_layout_collection_then_the_collections_documents_are_listed(
    build_site: BuildSite,
) -> None:
    talks = {
        "docs/en/_talks/b-talk.md": "---\ntitle: Beta talk\n---\nB.\n",
        "docs/en/_talks/a-talk.md": "---\ntitle: Alpha talk\n---\nA.\n",
        "docs/en/talks.md": (
            "---\nlayout: collection\ntitle: Talks\ncollection: talks\nsort_by: title\n---\n"
        ),
    }
    site = build(build_site, talks, collections={"talks": {"output": True}})
    soup = html(site / "en" / "talks" / "index.html")

    entries = one(soup, ".layout--collection [data-jekyll-collection=talks]")
    assert titles(entries) == ["Alpha talk", "Beta talk"]


def test_given_layout_splash_then_there_are_no_sidebars_and_the_content_is_full_width(
    build_site: BuildSite,
) -> None:
    page = (
        "---\nlayout: splash\ntitle: Welcome\nauthor_profile: true\n"
        "header: {overlay_color: '#333'}\n---\nIntro.\n\n## Features\n"
    )
    site = build(build_site, {"docs/en/index.md": page})
    soup = html(site / "en" / "index.html")

    assert one(soup, ".md-sidebar--primary").has_attr("hidden")
    assert one(soup, ".md-sidebar--secondary").has_attr("hidden")
    assert soup.select(".jekyll-author") == []
    assert one(soup, ".page__hero--overlay h1").get_text(strip=True) == "Welcome"
    # The hero holds the title: the article has none of its own.
    assert one(soup, "article .layout--splash").select("h1") == []


def test_given_layout_talk_then_type_venue_date_and_location_lead_the_page(
    build_site: BuildSite,
) -> None:
    page = (
        "---\nlayout: talk\ntitle: Scaling evals\ntype: Keynote\nvenue: ML Conf <2024>\n"
        "venue_url: https://mlconf.example/\ndate: 2024-05-02\nlocation: Lima, Peru\n"
        "slidesurl: /files/slides.pdf\n---\nAbstract.\n"
    )
    site = build(build_site, {"docs/en/talks/scaling.md": page})
    soup = html(site / "en" / "talks" / "scaling" / "index.html")

    meta = one(soup, ".layout--talk .talk__meta")
    assert one(meta, ".talk__type").get_text(strip=True) == "Keynote"
    venue = one(meta, ".talk__venue a")
    assert (venue.get_text(), venue["href"]) == ("ML Conf <2024>", "https://mlconf.example/")
    assert one(meta, "time")["datetime"] == "2024-05-02"
    assert one(meta, ".talk__location").get_text(strip=True) == "Lima, Peru"
    assert one(soup, ".talk__link--slides")["href"] == "/repo/files/slides.pdf"


def test_given_layout_archive_then_title_and_content_without_page_furniture(
    build_site: BuildSite,
) -> None:
    page = "---\nlayout: archive\ntitle: Writing\nshare: true\n---\nAll my writing.\n"
    site = build(build_site, {"docs/en/writing.md": page})
    soup = html(site / "en" / "writing" / "index.html")

    article = one(soup, "article .layout--archive")
    assert one(article, "h1").get_text(strip=True) == "Writing"
    assert one(article, ".archive").get_text(strip=True) == "All my writing."
    assert article.select(".page__share") == []


def test_given_layout_search_then_a_button_opens_materials_search(build_site: BuildSite) -> None:
    site = build(build_site, {"docs/en/search.md": "---\nlayout: search\ntitle: Search\n---\n"})
    soup = html(site / "en" / "search" / "index.html")

    assert one(soup, ".layout--search label[for=__search]")


def test_given_layout_default_then_the_page_has_materials_frame_only(
    build_site: BuildSite,
) -> None:
    page = "---\nlayout: default\ntitle: Plain & simple\nauthor_profile: true\n---\nBody.\n"
    site = build(build_site, {"docs/en/plain.md": page})
    soup = html(site / "en" / "plain" / "index.html")

    assert one(soup, "article .layout--default h1").get_text() == "Plain & simple"
    assert soup.select(".jekyll-author") == []


def test_given_classes_wide_then_the_content_takes_the_toc_column(build_site: BuildSite) -> None:
    page = "---\nlayout: single\ntitle: Wide\nclasses: wide\n---\n## A\n\nText.\n"
    site = build(build_site, {"docs/en/wide.md": page})
    soup = html(site / "en" / "wide" / "index.html")

    assert one(soup, ".md-sidebar--secondary").has_attr("hidden")
    assert one(soup, "article .jekyll-page")["class"] == ["jekyll-page", "layout--single", "wide"]


def test_given_an_unknown_layout_then_the_page_renders_as_single_with_a_warning(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    page = "---\nlayout: fancy\ntitle: Fancy\n---\nBody.\n"
    with caplog.at_level(logging.WARNING):
        site = build(build_site, {"docs/en/fancy.md": page})
    soup = html(site / "en" / "fancy" / "index.html")

    assert one(soup, "article .layout--single h1").get_text() == "Fancy"
    assert any("unknown layout 'fancy'" in record.getMessage() for record in caplog.records)
