"""Hostile input: every front matter, data and config string a template prints is escaped,
and every URL from them that lands in ``href``/``src`` goes through ``safe_url``.

A two-locale site whose every string holds ``<script>alert(1)</script>``, a quote and an
ampersand is built, and the whole output (HTML, XML, JSON, text) is searched.
"""

from __future__ import annotations

import json
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from mkdocs_jekyll.jekyll.safe_url import is_safe_url, safe_url
from sitebuild import BuildSite, html, two_locale_plugins

EVIL = '<script>alert(1)</script> "q" & co'
"""Every hostile string: an element, a quote for attributes, an ampersand."""

JS = "javascript:alert(1)"

UI_KEYS = list(
    yaml.safe_load(
        (Path(__file__).parent.parent / "plugins/mkdocs_jekyll/data/ui-text.yml").read_text(
            encoding="utf-8"
        )
    )["en"]
)


def front_matter(data: Mapping[str, Any], body: str = "## Section\n\nText.\n") -> str:
    """A page: ``data`` as YAML front matter, then ``body``."""
    return f"---\n{yaml.safe_dump(dict(data), allow_unicode=True)}---\n{body}"


PAGE: dict[str, Any] = {
    "layout": "single",
    "title": EVIL,
    "subtitle": EVIL,
    "description": EVIL,
    "excerpt": EVIL,
    "status": EVIL,
    "author": EVIL,
    "tagline": EVIL,
    "categories": [EVIL],
    "tags": [EVIL],
    "toc_label": EVIL,
    "toc_icon": EVIL,
    "link": JS,
    "image": JS,
    "canonical_url": JS,
    "date": "2024-01-02",
    "show_date": True,
    "read_time": True,
    "share": True,
    "related": True,
    "author_profile": True,
    "classes": EVIL,
    "header": {
        "overlay_image": "/assets/hero.png",
        "overlay_filter": EVIL,
        "overlay_color": EVIL,
        "caption": f"{EVIL} [credit](javascript:void) [ok](https://ok.example/?a=1&b=2)",
        "teaser": JS,
        "og_image": JS,
        "image_description": EVIL,
        "actions": [{"label": EVIL, "url": JS}, {"label": EVIL, "url": "/en/"}],
    },
    "sidebar": [
        {"title": EVIL, "text": EVIL, "image": JS, "image_alt": EVIL, "nav": "docs"},
    ],
}

POST: dict[str, Any] = {
    "title": EVIL,
    "excerpt": EVIL,
    "categories": [EVIL],
    "tags": [EVIL],
    "header": {"teaser": "/assets/teaser.png"},
}

TALK: dict[str, Any] = {
    "layout": "talk",
    "title": EVIL,
    "type": EVIL,
    "venue": EVIL,
    "venue_url": JS,
    "location": EVIL,
    "slidesurl": JS,
    "paperurl": "https://ok.example/paper.pdf",
    "date": "2024-01-02",
}

MENU = {
    locale: [{"title": EVIL, "url": f"/{locale}/evil/"}, {"title": EVIL, "url": JS}]
    for locale in ("en", "es-419")
}
"""``_data/navigation.yml``'s menus: a page with a subtitle, and a script URL."""

AUTHOR: dict[str, Any] = {
    "name": EVIL,
    "bio": EVIL,
    "location": EVIL,
    "employer": EVIL,
    "pronouns": EVIL,
    "home": JS,
    "avatar": "/assets/me.png",
    "links": [{"label": EVIL, "url": JS}, {"label": EVIL, "url": "https://ok.example/"}],
}


def locale_files(locale: str) -> dict[str, str]:
    """The hostile pages of one locale."""
    listing = {"title": EVIL, "excerpt": EVIL}
    return {
        f"docs/{locale}/index.md": front_matter({"layout": "home", **listing}),
        f"docs/{locale}/evil.md": front_matter(PAGE),
        f"docs/{locale}/talk.md": front_matter(TALK),
        f"docs/{locale}/posts.md": front_matter({"layout": "posts", **listing}),
        f"docs/{locale}/tags.md": front_matter({"layout": "tags", **listing}),
        f"docs/{locale}/categories.md": front_matter({"layout": "categories", **listing}),
        f"docs/{locale}/_posts/2024-01-02-post.md": front_matter(POST),
    }


def build_hostile(build_site: BuildSite, *, strict: bool = False) -> Path:
    """The two-locale site whose every string is hostile."""
    ui_text = {locale: dict.fromkeys(UI_KEYS, EVIL) for locale in ("en", "es-419")}
    files = {
        **locale_files("en"),
        **locale_files("es-419"),
        "_data/ui-text.yml": yaml.safe_dump(ui_text),
        "_data/navigation.yml": yaml.safe_dump({"main": MENU, "docs": MENU}),
    }
    return build_site(
        files=files,
        strict=strict,
        site_url="https://example.com/repo/",
        site_description=EVIL,
        plugins=two_locale_plugins(author=AUTHOR, site={"og_image": JS, "logo": JS}),
    )


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once for the module's checks of the whole output."""
    from sitebuild import make_site_builder

    return build_hostile(make_site_builder(tmp_path_factory.mktemp("hostile")))


def json_strings(value: Any) -> list[str]:
    """Every string inside a decoded JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in json_strings(item)]
    return []


def outputs(site: Path) -> list[Path]:
    return sorted(
        path
        for path in site.rglob("*")
        if path.suffix in {".html", ".xml", ".json", ".txt"} and path.is_file()
    )


def test_no_output_file_holds_the_raw_script(hostile_site: Path) -> None:
    files = outputs(hostile_site)
    assert len(files) > 20
    found = [
        path.relative_to(hostile_site).as_posix()
        for path in files
        if "<script>alert" in path.read_text(encoding="utf-8")
    ]
    assert found == []


def test_hostile_subtitle_in_materials_nav_is_escaped_once(build_site: BuildSite) -> None:
    files = {
        "docs/index.md": front_matter({"layout": "single", "title": EVIL, "subtitle": EVIL}),
    }
    site = build_site(files=files, plugins=[{"jekyll": {"look": "material"}}])
    soup = html(site / "index.html")

    subtitles = [small.get_text() for small in soup.select(".md-nav__link small")]
    assert EVIL in subtitles


def test_no_script_element_runs_the_hostile_text(hostile_site: Path) -> None:
    checked = 0
    for path in outputs(hostile_site):
        if path.suffix != ".html":
            continue
        text = path.read_text(encoding="utf-8")
        for script in BeautifulSoup(text, "html.parser").find_all("script"):
            body = script.string or ""
            if "alert(1)" not in body:
                continue
            # Only JSON-LD may carry it, as a JSON string that decodes to the original.
            assert script.get("type") == "application/ld+json", path
            assert "</script" not in body.lower()
            assert "<" not in body
            assert EVIL in json_strings(json.loads(body)), path
            checked += 1
    assert checked >= 2  # the JSON-LD of both locales' hostile page


def test_no_attribute_holds_a_script_url(hostile_site: Path) -> None:
    bad = []
    for path in outputs(hostile_site):
        if path.suffix != ".html":
            continue
        for element in html(path).find_all(True):
            for name, value in element.attrs.items():
                values = value if isinstance(value, list) else [value]
                for item in values:
                    if re.sub(r"[\x00-\x20]", "", str(item)).lower().startswith("javascript:"):
                        bad.append(f"{path.relative_to(hostile_site)}: <{element.name} {name}>")
    assert bad == []


def test_sitemap_and_search_indexes_parse(hostile_site: Path) -> None:
    ET.parse(hostile_site / "sitemap.xml")
    indexes = list(hostile_site.rglob("search_index.json"))
    assert indexes
    for index in indexes:
        json.loads(index.read_text(encoding="utf-8"))


@pytest.mark.parametrize("locale", ["en", "es-419"])
def test_hostile_text_is_shown_as_text_escaped_once(hostile_site: Path, locale: str) -> None:
    soup = html(hostile_site / locale / "evil" / "index.html")
    assert soup.select_one("h1#page-title").get_text() == EVIL  # type: ignore[union-attr]
    # jekyll-seo-tag's title strips HTML (`strip_html`), as Jekyll does.
    assert soup.select_one("title").get_text() == '"q" & co - Test site'  # type: ignore[union-attr]
    assert soup.find("meta", attrs={"name": "description"})["content"] == '"q" & co'  # type: ignore[index]
    # The Minimal Mistakes look (the default here) has the menu in its masthead; Material's
    # nav, with the page's subtitle, is checked in Material's look below.
    menu = [a.get_text() for a in soup.select(".jekyll-masthead .visible-links a")]
    assert EVIL in menu
    assert soup.select_one(".jekyll-masthead .site-title").get_text() == "Test site"  # type: ignore[union-attr]
    toc = soup.select_one("nav.md-nav--secondary")
    assert toc is not None
    assert toc["aria-label"] == EVIL  # not escaped twice
    assert toc.select_one("label.md-nav__title").get_text().strip() == EVIL  # type: ignore[union-attr]
    actions = soup.select(".page__hero-actions a")
    assert [(a.get_text(), a["href"]) for a in actions] == [(EVIL, "/repo/en/")]
    caption = soup.select_one(".page__hero-caption")
    assert caption is not None
    assert [a["href"] for a in caption.select("a")] == ["https://ok.example/?a=1&b=2"]
    assert caption.get_text().startswith(f"{EVIL} credit ok")
    author_links = [a["href"] for a in soup.select(".jekyll-author-sidebar .jekyll-author__urls a")]
    assert author_links == ["https://ok.example/"]


def test_liquid_page_keeps_the_values_as_written(build_site: BuildSite) -> None:
    page = front_matter(
        {"title": EVIL, "subtitle": EVIL},
        # `;`, not `|`: kramdown (as Jekyll) reads a line with pipes as a table.
        "{{ page.title | escape }};{{ page.subtitle | size }}\n",
    )
    site = build_site(files={"docs/a.md": page})
    text = html(site / "a" / "index.html").select_one("article p").get_text()  # type: ignore[union-attr]
    assert text == f"{EVIL};{len(EVIL)}"


# -----------------------------------------------------------------------------
# The shared URL check


@dataclass(frozen=True)
class UrlCase:
    description: str
    url: str
    safe: bool


URL_CASES = [
    UrlCase("https", "https://example.com/a?b=1#c", True),
    UrlCase("http, upper-case scheme", "HTTP://example.com/", True),
    UrlCase("mailto", "mailto:me@example.com", True),
    UrlCase("tel", "tel:+44123", True),
    UrlCase("absolute path", "/en/a/", True),
    UrlCase("relative path", "a/b.png", True),
    UrlCase("fragment", "#top", True),
    UrlCase("query", "?q=1", True),
    UrlCase("protocol-relative", "//cdn.example.com/x.js", True),
    UrlCase("colon after a slash is a path", "/a:b/", True),
    UrlCase("empty", "", True),
    UrlCase("javascript", "javascript:alert(1)", False),
    UrlCase("mixed case", "JaVaScRiPt:alert(1)", False),
    UrlCase("leading space and control", " \x01javascript:alert(1)", False),
    UrlCase("tab inside the scheme", "java\tscript:alert(1)", False),
    UrlCase("newline inside the scheme", "java\nscript:alert(1)", False),
    UrlCase("character reference", "&#106;avascript:alert(1)", False),
    UrlCase("named colon reference", "javascript&colon;alert(1)", False),
    UrlCase("data", "data:text/html,<script>alert(1)</script>", False),
    UrlCase("vbscript", "vbscript:msgbox(1)", False),
    UrlCase("file", "file:///etc/passwd", False),
]


@pytest.mark.parametrize("case", URL_CASES, ids=lambda case: case.description)
def test_is_safe_url(case: UrlCase) -> None:
    assert is_safe_url(case.url) is case.safe


def test_safe_url_warns_with_file_and_key(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert safe_url(JS, where="en/a.md: header.image") is None
        assert safe_url("/ok/", where="en/a.md: header.image") == "/ok/"
        assert safe_url(JS, where="en/a.md: link", warn=False) is None
    assert warnings(caplog) == [
        "mkdocs_jekyll: en/a.md: header.image: refused the URL 'javascript:alert(1)': only "
        "http(s), mailto:, tel: and relative URLs are linked; it is left out."
    ]


HERO = front_matter(
    {
        "layout": "single",
        "title": "Hero",
        "header": {"overlay_color": "#333", "actions": [{"label": "Go", "url": JS}]},
    }
)


def test_hero_action_with_a_script_url_is_dropped_with_a_warning(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        site = build_site(files={"docs/a.md": HERO})
    soup = html(site / "a" / "index.html")
    assert soup.select(".page__hero-actions a") == []
    assert "javascript:" not in (site / "a" / "index.html").read_text(encoding="utf-8")
    assert warnings(caplog) == [
        "mkdocs_jekyll: a.md: header.actions[0].url: refused the URL 'javascript:alert(1)': "
        "only http(s), mailto:, tel: and relative URLs are linked; it is left out."
    ]


def test_hero_action_with_a_script_url_fails_a_strict_build(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        caplog.at_level(logging.WARNING),
        pytest.raises(Abort, match=r"^Aborted with 1 warnings in strict mode!$"),
    ):
        build_site(files={"docs/a.md": HERO}, strict=True)
    assert warnings(caplog) == [
        "mkdocs_jekyll: a.md: header.actions[0].url: refused the URL 'javascript:alert(1)': "
        "only http(s), mailto:, tel: and relative URLs are linked; it is left out."
    ]


def test_hostile_site_reports_each_refused_url_once(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        build_hostile(build_site)
    refused = sorted(
        message.split(": refused")[0].removeprefix("mkdocs_jekyll: ")
        for message in warnings(caplog)
        if ": refused the URL" in message
    )
    page_keys = [
        "canonical_url",
        "header.actions[0].url",
        "header.og_image",
        "header.teaser",
        "image",
        "link",
        "sidebar[0].image",
    ]
    expected = [
        "_data/navigation.yml: main[1].url",  # each locale's own menu
        "_data/navigation.yml: main[1].url",
        *[f"en/evil.md: {key}" for key in page_keys],
        "en/talk.md: slidesurl",
        "en/talk.md: venue_url",
        *[f"es-419/evil.md: {key}" for key in page_keys],
        "es-419/talk.md: slidesurl",
        "es-419/talk.md: venue_url",
        "mkdocs.yml: author.home",
        "mkdocs.yml: author.links[0].url",
        "mkdocs.yml: site.logo",  # the Minimal Mistakes look's masthead logo
    ]
    assert refused == sorted(expected)


def test_icon_that_is_no_icon_name_is_left_out_with_a_warning(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    page = front_matter({"title": "A", "icon": EVIL}, "Text.\n")
    with caplog.at_level(logging.WARNING):
        site = build_site(files={"docs/a.md": page})
    assert "alert" not in (site / "a" / "index.html").read_text(encoding="utf-8")
    assert warnings(caplog) == [
        f"mkdocs_jekyll: a.md: icon: Expected an icon name like 'material/home', received "
        f"'{EVIL}'; it is left out."
    ]


def test_icon_that_is_no_icon_name_fails_a_strict_build(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    page = front_matter({"title": "A", "icon": "../../../etc/passwd"}, "Text.\n")
    with (
        caplog.at_level(logging.WARNING),
        pytest.raises(Abort, match=r"^Aborted with 1 warnings in strict mode!$"),
    ):
        build_site(files={"docs/a.md": page}, strict=True)
    assert warnings(caplog) == [
        "mkdocs_jekyll: a.md: icon: Expected an icon name like 'material/home', received "
        "'../../../etc/passwd'; it is left out."
    ]


def test_icon_name_is_kept(build_site: BuildSite) -> None:
    page = front_matter({"title": "A", "icon": "material/home"}, "Text.\n")
    site = build_site(files={"docs/a.md": page})
    assert html(site / "a" / "index.html").select(".md-nav__link svg")


def test_an_icon_material_does_not_have_is_left_out_instead_of_a_traceback(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    page = front_matter({"title": "A", "icon": "material/no-such-icon"}, "Text.\n")
    with (
        caplog.at_level(logging.WARNING),
        pytest.raises(Abort, match=r"^Aborted with 1 warnings in strict mode!$"),
    ):
        build_site(files={"docs/a.md": page}, strict=True)
    assert warnings(caplog) == [
        "mkdocs_jekyll: a.md: icon: no icon 'material/no-such-icon' in Material's icons or "
        "the site's 'overrides/.icons/'; it is left out."
    ]


def test_an_icon_of_the_sites_own_overrides_is_kept(build_site: BuildSite) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" id="own-icon"><path d="M0 0h1v1z"/></svg>\n'
    site = build_site(
        files={
            "docs/a.md": front_matter({"title": "A", "icon": "own/star"}, "Text.\n"),
            "overrides/.icons/own/star.svg": svg,
        },
        strict=True,
        theme={"name": "material", "custom_dir": "overrides"},
    )
    assert html(site / "a" / "index.html").select(".md-nav__link svg#own-icon")
