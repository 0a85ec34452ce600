"""The Minimal Mistakes look on Material (the ``look`` option, ``features/look.py``).

Given a site whose pages use Minimal Mistakes layouts, when it is built, then its pages wear
Minimal Mistakes' masthead (title, menu, labelled language selector, search button), the
skin's colours, the dated meta under the title and Minimal Mistakes' footer; with
``look: material`` they keep Material's header and footer. Minimal Mistakes' own theme is not
installed here (no gem or npm package ships it), so the expected text follows its
templates (_includes/masthead.html, footer.html, page__meta.html, breadcrumbs.html).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from mkdocs.exceptions import Abort

from mkdocs_jekyll.features.look import (
    Crumb,
    breadcrumb_trail,
    choose_look,
    lead_repeats,
)
from mkdocs_jekyll.features.skin_colours import SKIN_NAMES, mix, skin_colours
from mkdocs_jekyll.features.skins import SKINS
from mkdocs_jekyll.i18n.dates import localized_strftime
from sitebuild import BuildSite, html, strict_abort, two_locale_plugins, warning_lines

YEAR = dt.datetime.now(dt.UTC).year

NAVIGATION = """
main:
  - key: about
    titles: {en: About, es-419: Acerca}
    urls: {en: /en/about/, es-419: /es-419/acerca/}
  - key: posts
    titles: {en: Posts, es-419: Entradas}
    urls: {en: /en/year-archive/, es-419: /es-419/year-archive/}
"""

POST = """---
title: Shipping models
date: 2025-01-10
last_modified_at: 2025-02-03
excerpt: A note on shipping.
read_time: true
---
Shipping models to production takes more than a notebook: here is how we did it.
"""

PAGES = {
    "docs/en/index.md": "---\nlayout: single\ntitle: Home\n---\nWelcome.\n",
    "docs/en/about.md": (
        "---\nlayout: single\ntitle: About\ni18n_key: about\n"
        "excerpt: I build  *ML platforms*.\n---\nI build **ML platforms**.\n\nMore text.\n"
    ),
    "docs/en/_posts/2025-01-10-shipping.md": POST,
    "docs/es-419/index.md": "---\nlayout: single\ntitle: Inicio\n---\nHola.\n",
    "docs/es-419/acerca.md": (
        "---\nlayout: single\ntitle: Acerca\ni18n_key: about\n---\nConstruyo plataformas.\n"
    ),
    "docs/es-419/_posts/2025-01-10-envios.md": POST.replace("Shipping models", "Envíos"),
    "_data/navigation.yml": NAVIGATION,
}

AUTHOR = {
    "name": "Ada Lovelace",
    "bio": "Engineer",
    "github": "ada",
}

DEFAULTS = [
    {"scope": {"path": ""}, "values": {"layout": "single", "author_profile": True}},
]


def build(
    build_site: BuildSite,
    files: dict[str, str] | None = None,
    *,
    strict: bool = True,
    **jekyll: Any,
) -> Path:
    """A two-locale Minimal Mistakes-style site (en, es-419) with ``jekyll`` options."""
    options: dict[str, Any] = {"author": AUTHOR, "defaults": DEFAULTS} | jekyll
    return build_site(
        files={**PAGES, **(files or {})},
        strict=strict,
        site_url="https://example.github.io/repo/",
        plugins=two_locale_plugins(**options),
    )


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    """The single element matching ``selector``."""
    found = soup.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} matches"
    return found[0]


def text(tag: Tag) -> str:
    """The element's text, whitespace collapsed."""
    return " ".join(tag.get_text().split())


@pytest.fixture(scope="module")
def mm_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test site in its default look, built once for the read-only checks."""
    from sitebuild import make_site_builder

    return build(make_site_builder(tmp_path_factory.mktemp("look")))


# -----------------------------------------------------------------------------
# Which look


@pytest.mark.parametrize(
    ("option", "layouts", "expected"),
    [
        (None, ["single", None], "minimal-mistakes"),
        (None, ["splash"], "minimal-mistakes"),
        (None, [None, "none", 3], "material"),
        (None, [], "material"),
        ("material", ["single"], "material"),
        ("minimal-mistakes", [None], "minimal-mistakes"),
    ],
    ids=[
        "a page with layout single",
        "a splash page",
        "no Minimal Mistakes layout",
        "no pages",
        "look: material wins over the layouts",
        "look: minimal-mistakes without layouts",
    ],
)
def test_choose_look(option: str | None, layouts: list[object], expected: str) -> None:
    assert choose_look(option, layouts) == expected


def test_given_minimal_mistakes_layouts_then_the_masthead_replaces_materials_header(
    mm_site: Path,
) -> None:
    soup = html(mm_site / "en" / "about" / "index.html")

    masthead = one(soup, "header.jekyll-masthead[data-md-component=header]")
    assert soup.select(".md-header__title") == []
    assert text(one(masthead, ".site-title")) == "Test site"
    assert one(masthead, ".site-title")["href"] == "../"
    menu = [(text(a), str(a["href"])) for a in masthead.select(".visible-links a")]
    assert menu == [("About", "./"), ("Posts", "../year-archive/")]
    assert one(masthead, ".visible-links a.active")["aria-current"] == "page"
    # Search opens Material's own search.
    assert one(masthead, "label.search__toggle")["for"] == "__search"
    assert one(masthead, "[data-md-component=search]")
    # The stylesheet and the skin's colours; Material's footer is gone.
    hrefs = [str(link["href"]) for link in soup.select("link[rel=stylesheet]")]
    assert "../../assets/mkdocs_jekyll/minimal-mistakes.css" in hrefs
    assert one(soup, "style#jekyll-skin")["data-jekyll-skin"] == "default"
    assert "Made with" not in soup.get_text()
    assert (mm_site / "assets" / "mkdocs_jekyll" / "greedy-nav.js").is_file()
    assert one(soup, "script[src$='greedy-nav.js']")


def test_given_look_material_then_materials_header_footer_and_sidebar_nav_stay(
    build_site: BuildSite,
) -> None:
    site = build(build_site, look="material")
    soup = html(site / "en" / "about" / "index.html")

    assert soup.select(".jekyll-masthead") == []
    assert one(soup, "header.md-header .md-header__title")
    assert soup.select("style#jekyll-skin") == []
    assert not [link for link in soup.select("link") if "minimal-mistakes.css" in str(link)]
    assert "Made with" in one(soup, ".md-copyright").get_text()
    assert one(soup, ".md-sidebar--primary .md-nav--primary")
    # Material's look keeps the date at the bottom, as before.
    post = html(site / "en" / "2025" / "01" / "10" / "shipping" / "index.html")
    assert text(one(post, ".page__date")) == "Updated: 2025-02-03"


def test_given_pages_without_layouts_then_materials_look_stays(build_site: BuildSite) -> None:
    site = build_site(files={"docs/index.md": "# Home\n"}, strict=True)
    soup = html(site / "index.html")

    assert soup.select(".jekyll-masthead") == []
    assert one(soup, "header.md-header .md-header__title")


def test_given_look_minimal_mistakes_then_a_site_without_layouts_wears_it(
    build_site: BuildSite,
) -> None:
    site = build_site(
        files={"docs/index.md": "# Home\n"},
        strict=True,
        plugins=[{"jekyll": {"look": "minimal-mistakes"}}],
    )
    assert one(html(site / "index.html"), "header.jekyll-masthead")


# -----------------------------------------------------------------------------
# Masthead


def test_masthead_title_subtitle_and_logo_come_from_the_site_block(build_site: BuildSite) -> None:
    site_block = {
        "masthead_title": {"en": "Ada's notes", "es-419": "Notas de Ada"},
        "subtitle": "ML in production",
        "logo": "/images/logo.png",
    }
    site = build(build_site, site=site_block)
    soup = html(site / "en" / "about" / "index.html")
    spanish = html(site / "es-419" / "acerca" / "index.html")

    title = one(soup, ".jekyll-masthead .site-title")
    assert str(title.contents[0]).strip() == "Ada's notes"
    assert text(one(title, ".site-subtitle")) == "ML in production"
    assert one(soup, ".jekyll-masthead .site-logo img")["src"] == "/repo/images/logo.png"
    assert str(one(spanish, ".jekyll-masthead .site-title").contents[0]).strip() == "Notas de Ada"


@pytest.mark.parametrize(
    ("path", "label", "name", "other"),
    [
        ("en/about/index.html", "Language:", "English", ("es-419", "/repo/es-419/acerca/")),
        ("es-419/acerca/index.html", "Idioma:", "Español", ("en", "/repo/en/about/")),
    ],
    ids=["English page", "Spanish page"],
)
def test_language_selector_is_labelled_with_the_current_language(
    mm_site: Path, path: str, label: str, name: str, other: tuple[str, str]
) -> None:
    soup = html(mm_site / path)

    selector = one(soup, ".jekyll-masthead [data-jekyll-language]")
    assert text(one(selector, ".jekyll-language__prefix")) == label
    assert text(one(selector, ".jekyll-language__name")) == name
    hreflang, href = other
    assert one(selector, f"a.md-select__link[hreflang={hreflang}]")["href"] == href
    assert one(selector, "a[aria-current=true]")["hreflang"] != hreflang


# -----------------------------------------------------------------------------
# Page meta and breadcrumbs


def test_post_meta_shows_the_date_updated_and_read_time_under_the_title(mm_site: Path) -> None:
    post = html(mm_site / "en" / "2025" / "01" / "10" / "shipping" / "index.html")

    meta = one(post, "article h1 ~ p.page__meta")
    assert text(one(meta, ".page__meta-date")) == "Published: January 10, 2025"
    assert one(meta, ".page__meta-date time")["datetime"] == "2025-01-10"
    assert text(one(meta, ".page__meta-updated")) == "Updated: February 3, 2025"
    assert text(one(meta, ".page__meta-readtime")) == "less than 1 minute read"
    # The dates are at the top only.
    assert post.select(".page__date") == []


def test_post_dates_use_the_locales_month_names(mm_site: Path) -> None:
    post = html(mm_site / "es-419" / "2025" / "01" / "10" / "envios" / "index.html")

    assert text(one(post, ".page__meta-date")) == "Publicado: enero 10, 2025"
    assert text(one(post, ".page__meta-updated")) == "Actualizado: febrero 3, 2025"
    assert text(one(post, ".page__meta-readtime")) == "menos de 1 minutos de lectura"


def test_date_format_and_words_per_minute_come_from_the_site_block(build_site: BuildSite) -> None:
    site = build(build_site, site={"date_format": "%d/%m/%Y", "words_per_minute": 5})
    post = html(site / "en" / "2025" / "01" / "10" / "shipping" / "index.html")

    assert text(one(post, ".page__meta-date")) == "Published: 10/01/2025"
    words = int(one(post, ".page__meta-readtime")["data-jekyll-words"])
    assert text(one(post, ".page__meta-readtime")) == f"{words // 5} minute read"


def test_breadcrumbs_when_configured(build_site: BuildSite) -> None:
    site = build(build_site, site={"breadcrumbs": True})
    post = html(site / "en" / "2025" / "01" / "10" / "shipping" / "index.html")

    crumbs = one(post, "article nav.breadcrumbs")
    assert [(text(a), a["href"]) for a in crumbs.select("a")] == [
        ("Home", "/repo/en/"),
        ("2025", "/repo/en/2025/"),
        ("01", "/repo/en/2025/01/"),
        ("10", "/repo/en/2025/01/10/"),
    ]
    assert text(one(crumbs, ".current")) == "Shipping models"
    assert html(site / "en" / "index.html").select("nav.breadcrumbs") == []


def test_no_breadcrumbs_unless_configured(mm_site: Path) -> None:
    post = html(mm_site / "en" / "2025" / "01" / "10" / "shipping" / "index.html")
    assert post.select("nav.breadcrumbs") == []


# -----------------------------------------------------------------------------
# Footer


def test_footer_follows_the_author_and_the_feed_with_the_copyright(mm_site: Path) -> None:
    soup = html(mm_site / "en" / "about" / "index.html")

    footer = one(soup, "footer.jekyll-footer")
    follow = one(footer, ".page__footer-follow")
    assert text(follow.select("li")[0]) == "Follow:"
    links = [(text(a), str(a["href"])) for a in follow.select("a")]
    assert links == [
        ("GitHub", "https://github.com/ada"),
        ("Feed", "https://example.github.io/repo/en/feed.xml"),
    ]
    assert text(one(footer, ".page__footer-copyright")) == (
        f"© {YEAR} Test site. Powered by Jekyll & Minimal Mistakes."
    )
    assert (
        footer.select(".page__footer-copyright a")[0]["href"] == "https://example.github.io/repo/"
    )


def test_footer_speaks_the_pages_locale(mm_site: Path) -> None:
    footer = one(html(mm_site / "es-419" / "acerca" / "index.html"), "footer.jekyll-footer")

    assert text(footer.select(".page__footer-follow li")[0]) == "Seguir:"
    assert "Hecho con Jekyll & Minimal Mistakes." in text(footer)


def test_footer_links_copyright_and_a_hidden_feed_come_from_the_site_block(
    build_site: BuildSite,
) -> None:
    site_block = {
        "footer": {
            "links": [
                {"label": "Privacy", "icon": "fas fa-lock", "url": "/en/privacy/"},
                {"label": "Mastodon", "icon": "fab fa-mastodon", "url": "https://x.social/@a"},
                {"label": "No URL"},
            ]
        },
        "copyright": "Ada Lovelace",
        "copyright_url": "https://ada.example/",
        "atom_feed": {"hide": True},
    }
    site = build(build_site, site=site_block)
    footer = one(html(site / "en" / "about" / "index.html"), "footer.jekyll-footer")

    links = [(text(a), str(a["href"])) for a in footer.select(".page__footer-follow a")]
    # Minimal Mistakes' footer.html prints `link.url` as written.
    assert links == [
        ("GitHub", "https://github.com/ada"),
        ("Privacy", "/en/privacy/"),
        ("Mastodon", "https://x.social/@a"),
    ]
    assert all(a.select_one("svg") for a in footer.select(".page__footer-follow a"))
    copyright_line = one(footer, ".page__footer-copyright")
    assert text(copyright_line).startswith(f"© {YEAR} Ada Lovelace.")
    assert copyright_line.select("a")[0]["href"] == "https://ada.example/"


def test_footer_leaves_empty_places_for_more_links_and_scripts() -> None:
    from sitebuild import REPO

    partials = REPO / "plugins" / "mkdocs_jekyll" / "templates" / "partials" / "jekyll"
    footer = (partials / "site-footer.html").read_text(encoding="utf-8")
    assert '{% include "partials/jekyll/footer-follow.html" %}' in footer
    assert '{% include "partials/jekyll/footer-scripts.html" %}' in footer
    for name in ("footer-follow.html", "footer-scripts.html"):
        body = re.sub(r"\{#.*?#\}", "", (partials / name).read_text(encoding="utf-8"), flags=re.S)
        assert body.strip() == ""


# -----------------------------------------------------------------------------
# The 404 and landing pages


def test_404_page_has_the_masthead_and_the_author_card(mm_site: Path) -> None:
    for path in ("404.html", "en/404.html", "es-419/404.html"):
        soup = html(mm_site / path)
        assert one(soup, "header.jekyll-masthead"), path
        sidebar = one(soup, ".md-sidebar--primary [data-jekyll-author=sidebar]")
        assert text(one(sidebar, ".jekyll-author__name")) == "Ada Lovelace"
        assert one(soup, "[data-jekyll-author=compact]")
        assert one(soup, "footer.jekyll-footer .page__footer-feed")
    spanish = html(mm_site / "es-419" / "404.html")
    assert text(one(spanish, ".jekyll-language__name")) == "Español"


def test_language_landing_page_wears_the_look(mm_site: Path) -> None:
    soup = html(mm_site / "index.html")

    assert text(one(soup, "header.masthead .site-title")) == "Test site"
    assert [text(a) for a in soup.select("ul.mkdocs-jekyll-locales a")] == ["English", "Español"]
    style = one(soup, "style").get_text()
    assert "--jekyll-mm-link:#2f7d95" in style
    assert text(one(soup, "footer .page__footer-copyright")).endswith(
        "Powered by Jekyll & Minimal Mistakes."
    )


def test_landing_page_keeps_its_plain_style_in_materials_look(build_site: BuildSite) -> None:
    site = build(build_site, look="material")
    soup = html(site / "index.html")

    assert soup.select("header.masthead") == []
    assert "system-ui" in one(soup, "style").get_text()


# -----------------------------------------------------------------------------
# Skins


@pytest.mark.parametrize("skin", SKIN_NAMES)
def test_every_skin_prints_its_sass_colours(build_site: BuildSite, skin: str) -> None:
    site = build_site(
        files={"docs/index.md": "---\nlayout: single\n---\n# Home\n"},
        strict=True,
        plugins=[{"jekyll": {"minimal_mistakes_skin": skin}}],
    )
    style = one(html(site / "index.html"), "style#jekyll-skin")
    colours = skin_colours(skin)

    assert style["data-jekyll-skin"] == skin
    css = style.get_text()
    for name, value in [
        ("bg", colours.background),
        ("text", colours.text),
        ("link", colours.link),
        ("border", colours.border),
        ("footer-bg", colours.footer_background),
    ]:
        assert f"--jekyll-mm-{name}:{value};" in css
    assert f"--md-typeset-a-color:{colours.link};" in css


def test_every_mapped_skin_has_colours() -> None:
    assert set(SKIN_NAMES) == set(SKINS)
    for name, skin in SKINS.items():
        # The palette's scheme and the skin's own background agree on light or dark.
        assert skin_colours(name).dark == (skin.scheme == "slate"), name


@dataclass(frozen=True)
class SkinCase:
    description: str
    skin: str
    attribute: str
    expected: str


# Values Minimal Mistakes' compiled CSS prints (main.css of each skin).
SKIN_CASES = [
    SkinCase("default text is $dark-gray", "default", "text", "#494e52"),
    SkinCase("default links mix $info-color with black", "default", "link", "#2f7d95"),
    SkinCase("default borders are $lighter-gray", "default", "border", "#f2f3f3"),
    SkinCase("air's background", "air", "background", "#eeeeee"),
    SkinCase("air's footer is its primary colour", "air", "footer_background", "#0092ca"),
    SkinCase("air's footer text is white", "air", "footer_text", "#ffffff"),
    SkinCase("contrast's links are blue", "contrast", "link", "#0000ff"),
    SkinCase("dark's background", "dark", "background", "#252a34"),
    SkinCase("dark's text", "dark", "text", "#eaeaea"),
    SkinCase("dirt's border", "dirt", "border", "#e9dcbe"),
    SkinCase("mint's link", "mint", "link", "#11999e"),
    SkinCase("neon's link is its primary", "neon", "link", "#f21368"),
    SkinCase("plum's text", "plum", "text", "#fffd86"),
    SkinCase("sunrise's background", "sunrise", "background", "#e8d5b7"),
]


@pytest.mark.parametrize("case", SKIN_CASES, ids=lambda case: case.description)
def test_skin_colours(case: SkinCase) -> None:
    assert getattr(skin_colours(case.skin), case.attribute) == case.expected


@pytest.mark.parametrize(
    ("first", "second", "weight", "expected"),
    [
        ("#000", "#3b9cba", 20, "#2f7d95"),
        ("#fff", "#7a8288", 90, "#f2f3f3"),
        ("#000", "#7a8288", 40, "#494e52"),
        ("#ffffff", "#000000", 50, "#808080"),
        ("#123456", "#abcdef", 100, "#123456"),
    ],
)
def test_sass_mix(first: str, second: str, weight: float, expected: str) -> None:
    assert mix(first, second, weight) == expected


# -----------------------------------------------------------------------------
# No repeated lead


@pytest.mark.parametrize(
    ("lead", "content", "expected"),
    [
        ("Hello world.", "<p>Hello world.</p><p>More.</p>", True),
        ("Hello   *world*.", "<p>Hello <em>world</em>.</p>", True),
        ("Tom &amp; Jerry", "<p>Tom &amp; Jerry</p>", True),
        ("HELLO world", '<p class="x">hello\n  World</p>', True),
        ("Hello world.", "<p>Hello world, again.</p>", False),
        ("Hello world.", "<h2>Hello world.</h2>", False),
        ("", "<p></p>", False),
        (None, "<p>x</p>", False),
        ("Hello", "", False),
    ],
    ids=[
        "the same sentence",
        "markup and spaces aside",
        "entities aside",
        "case aside",
        "another sentence",
        "no paragraph",
        "an empty lead",
        "no lead",
        "no content",
    ],
)
def test_lead_repeats(lead: object, content: str, expected: bool) -> None:
    assert lead_repeats(lead, content) is expected


@pytest.mark.parametrize("look", ["minimal-mistakes", "material"])
def test_a_lead_equal_to_the_first_paragraph_is_shown_once(
    build_site: BuildSite, look: str
) -> None:
    site = build(build_site, look=look)
    about = html(site / "en" / "about" / "index.html")
    post = html(site / "en" / "2025" / "01" / "10" / "shipping" / "index.html")

    # "I build  *ML platforms*." is the first paragraph, "I build **ML platforms**.".
    assert about.select(".jekyll-page__lead") == []
    assert text(about.select("article .page__content p")[0]) == "I build ML platforms."
    # A different excerpt still leads the page.
    assert text(one(post, ".jekyll-page__lead")) == "A note on shipping."


def test_an_overlay_hero_does_not_repeat_the_first_paragraph(build_site: BuildSite) -> None:
    page = (
        "---\nlayout: single\ntitle: Hero\nheader: {overlay_color: '#333'}\n"
        "excerpt: Same words here.\n---\nSame words here.\n"
    )
    site = build(build_site, {"docs/en/hero.md": page})
    soup = html(site / "en" / "hero" / "index.html")

    assert soup.select(".page__hero--overlay .page__lead") == []


# -----------------------------------------------------------------------------
# Helpers


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/", []),
        ("/en/index.html", []),
        ("/en/cv/", [Crumb("Home", "/en/"), Crumb("CV", None)]),
        (
            "/en/case-studies/ads/",
            [Crumb("Home", "/en/"), Crumb("Case studies", "/en/case-studies/"), Crumb("CV", None)],
        ),
        ("/other/", []),
    ],
    ids=["the home page", "the home page's file", "a page", "a nested page", "another locale"],
)
def test_breadcrumb_trail(url: str, expected: list[Crumb]) -> None:
    assert breadcrumb_trail(url, "CV", home="/en/", home_label="Home") == expected


@pytest.mark.parametrize(
    ("fmt", "locale", "expected"),
    [
        ("%B %-d, %Y", "en", "January 5, 2025"),
        ("%B %-d, %Y", "es-419", "enero 5, 2025"),
        ("%-d de %B de %Y", "pt-br", "5 de janeiro de 2025"),
        ("%b %d", "fr", "jan 05"),
        ("%A %^B", "de", "Sonntag JANUAR"),
        ("%Y-%m-%d", "xx", "2025-01-05"),
        ("%B", None, "January"),
    ],
)
def test_localized_strftime(fmt: str, locale: str | None, expected: str) -> None:
    assert localized_strftime(dt.date(2025, 1, 5), fmt, locale) == expected


def test_an_unsafe_logo_or_footer_link_is_left_out(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    site_block = {
        "logo": "javascript:alert(1)",
        "footer": {"links": [{"label": "Evil", "url": "javascript:alert(2)"}]},
    }
    with caplog.at_level(logging.WARNING):
        site = build(build_site, strict=False, site=site_block)
    soup = html(site / "en" / "about" / "index.html")

    assert soup.select(".jekyll-masthead .site-logo") == []
    assert "Evil" not in one(soup, "footer.jekyll-footer").get_text()
    assert "javascript" not in str(one(soup, "footer.jekyll-footer"))
    assert warning_lines(caplog) == [
        "mkdocs_jekyll: mkdocs.yml: plugins.jekyll.site.footer.links[0].url: refused the URL "
        "'javascript:alert(2)': only http(s), mailto:, tel: and relative URLs are linked; "
        "it is left out.",
        "mkdocs_jekyll: mkdocs.yml: site.logo: refused the URL "
        "'javascript:alert(1)': only http(s), mailto:, tel: and relative URLs are linked; "
        "it is left out.",
    ]


def test_an_unsafe_logo_fails_a_strict_build(build_site: BuildSite) -> None:
    site_block = {"logo": "javascript:alert(1)"}
    with pytest.raises(Abort, match=strict_abort(1)):
        build(build_site, site=site_block)


def test_atom_feed_path_points_the_footer_elsewhere(build_site: BuildSite) -> None:
    site = build(build_site, site={"atom_feed": {"path": "https://feeds.example/ada.xml"}})
    footer = one(html(site / "en" / "about" / "index.html"), "footer.jekyll-footer")

    assert one(footer, "a.page__footer-feed")["href"] == "https://feeds.example/ada.xml"


def test_the_skin_may_come_from_the_site_block(build_site: BuildSite) -> None:
    site = build(build_site, site={"minimal_mistakes_skin": "dark"})
    soup = html(site / "en" / "about" / "index.html")

    style = one(soup, "style#jekyll-skin")
    assert style["data-jekyll-skin"] == "dark"
    assert "--jekyll-mm-bg:#252a34;" in style.get_text()
    assert one(soup, "body")["data-md-color-scheme"] == "slate"


def test_a_palette_the_site_chose_keeps_its_colours_and_toggle(build_site: BuildSite) -> None:
    palette = [
        {"scheme": scheme, "primary": "teal", "toggle": {"icon": f"material/{icon}", "name": name}}
        for scheme, icon, name in [
            ("default", "weather-night", "Dark"),
            ("slate", "weather-sunny", "Light"),
        ]
    ]
    site = build_site(
        files={"docs/index.md": "---\nlayout: single\n---\n# Home\n"},
        strict=True,
        theme={"name": "material", "palette": palette},
    )
    soup = html(site / "index.html")

    css = one(soup, "style#jekyll-skin").get_text()
    assert "--jekyll-mm-link:var(--md-typeset-a-color)" in css
    assert "--md-typeset-a-color:" not in css
    assert one(soup, "header.jekyll-masthead form[data-md-component=palette]")


@pytest.mark.parametrize("name", SKIN_NAMES)
def test_a_skins_colours_are_evaluated_once_per_process_and_the_same(name: str) -> None:
    evaluated = skin_colours.__wrapped__(name)  # what the Sass expressions give, anew
    assert skin_colours(name) == evaluated
    assert skin_colours(name) is skin_colours(name)  # every locale pass: the same values


def test_an_unknown_skin_is_refused_every_time() -> None:
    for _ in range(2):
        with pytest.raises(KeyError):
            skin_colours("no-such-skin")
