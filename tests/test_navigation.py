"""``_data/navigation.yml`` as each locale's nav (Minimal Mistakes' ``main`` menu).

Given a site with a ``main`` menu, in Minimal Mistakes' shape (one menu for every locale) or
per locale (``titles``/``urls`` keyed by locale), when it is built, then each locale's
Material nav is that menu: its titles, links to its pages (the current one marked active),
links to other locales' pages and external sites, while pages outside the menu are still
built and a menu URL that is not a page warns (so ``--strict`` fails). A ``nav:`` in the
configuration (mkdocs.yml's, or a locale's in jekyll/i18n) wins over the menu, as upstream
static-i18n gives it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from mkdocs.exceptions import Abort

from mkdocs_jekyll.mkdocs.navigation import MenuEntry, classify_url, locale_menu, url_candidates
from sitebuild import (
    BuildSite,
    html,
    make_site_builder,
    output_paths,
    strict_abort,
    warning_lines,
)

LANGUAGES: list[dict[str, Any]] = [
    {"locale": "en", "name": "English", "default": True},
    {"locale": "es-419", "name": "Español"},
    {"locale": "pt-br", "name": "Português"},
]

PAGES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Home\n",
    "docs/en/cv.md": "---\ni18n_key: cv\ntitle: Curriculum Vitae\n---\n## Jobs\n\nText\n",
    "docs/en/talks.md": "---\ni18n_key: talks\n---\n# Talks\n",
    "docs/en/hidden.md": "---\ni18n_key: hidden\n---\n# Not in the menu\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/cv.md": "---\ni18n_key: cv\n---\n# CV ES\n",
    "docs/es-419/charlas.md": "---\ni18n_key: talks\n---\n# Charlas\n",
    "docs/pt-br/index.md": "---\ni18n_key: home\n---\n# Início\n",
    "docs/pt-br/cv.md": "---\ni18n_key: cv\npermalink: /pt-br/curriculo/\n---\n# Currículo\n",
}

MINIMAL_MISTAKES_MENU = """
main:
  - title: "Home"
    url: /en/
  - title: "CV"
    url: /en/cv
  - title: "More"
    children:
      - title: "Talks"
        url: /en/talks/index.html
      - title: "GitHub"
        url: https://github.com/someone
"""

PER_LOCALE_MENU = """
main:
  - key: home
    titles: {en: "Home", es-419: "Inicio", pt-BR: "Início"}
    urls: {en: /en/, es-419: /es-419/, pt-br: /pt-br/}
  - key: cv
    titles: {en: "CV", es: "Currículum"}
    urls: {en: /en/cv/, es-419: /es-419/cv/, pt_BR: /pt-br/curriculo/}
  - key: talks
    titles: {en: "Talks", es-419: "Charlas"}
    urls: {en: /en/talks/, es-419: /es-419/charlas/}
  - title: "GitHub"
    url: https://github.com/someone
"""


def _plugins(languages: list[dict[str, Any]] = LANGUAGES) -> list[Any]:
    return ["search", {"jekyll/i18n": {"languages": languages}}, {"jekyll": {}}]


def _nav(site: Path, page: str, base: str = "") -> list[tuple[str, str]]:
    """(title, site path) of every link of the primary nav, hrefs resolved from ``page``."""
    here = f"https://example.com{base}/{page.removesuffix('index.html')}"
    links = [
        a
        for a in html(site / page).select("nav.md-nav--primary a.md-nav__link")
        if a.find_parent("nav", class_="md-nav--secondary") is None  # the page's own toc
    ]
    result = []
    for a in links:
        title = " ".join(a.get_text(" ", strip=True).split())
        result.append((title, urlsplit(urljoin(here, str(a["href"]))).path))
    return result


def _active(site: Path, page: str) -> list[str]:
    """Titles of the nav links marked as the current page."""
    links = html(site / page).select("nav.md-nav--primary a.md-nav__link--active")
    return [a.get_text(" ", strip=True) for a in links]


# -- the menu of a locale, without a build ---------------------------------------------------


@dataclass
class MenuCase:
    description: str
    main: Any
    locale: str | None
    expected: list[MenuEntry]
    problems: list[str] = field(default_factory=list)


MENU_CASES = [
    MenuCase(
        "minimal mistakes shape: the same entries for every locale",
        [{"title": "CV", "url": "/en/cv/"}],
        "es-419",
        [MenuEntry("CV", "/en/cv/", True)],
    ),
    MenuCase(
        "per-locale title and url",
        [{"titles": {"en": "Talks", "es-419": "Charlas"}, "urls": {"es-419": "/es-419/c/"}}],
        "es-419",
        [MenuEntry("Charlas", "/es-419/c/", False)],
    ),
    MenuCase(
        "a missing title falls back to the base language, then the default locale",
        [
            {"titles": {"en": "CV", "es": "Currículum"}, "urls": {"es-419": "/es-419/cv/"}},
            {"titles": {"en": "Talks"}, "urls": {"es-419": "/es-419/charlas/"}},
        ],
        "es-419",
        [
            MenuEntry("Currículum", "/es-419/cv/", False),
            MenuEntry("Talks", "/es-419/charlas/", False),
        ],
    ),
    MenuCase(
        "an entry without a url for the locale is left out; `key` is the last title",
        [{"key": "cv", "urls": {"en": "/en/cv/"}}, {"key": "talks", "urls": {"pt-BR": "/t/"}}],
        "pt-br",
        [MenuEntry("talks", "/t/", False)],
    ),
    MenuCase(
        "title and url may be per-locale mappings too, locale keys in any case",
        [{"title": {"EN": "CV", "PT_br": "Currículo"}, "url": {"pt-BR": "/pt-br/c/"}}],
        "pt-br",
        [MenuEntry("Currículo", "/pt-br/c/", False)],
    ),
    MenuCase(
        "a section keeps the children of the locale and is dropped when none is left",
        [
            {"title": "More", "children": [{"title": "A", "urls": {"en": "/a/"}}]},
            {"title": "Empty", "children": [{"title": "B", "urls": {"es-419": "/b/"}}]},
        ],
        "en",
        [MenuEntry("More", None, False, (MenuEntry("A", "/a/", False),))],
    ),
    MenuCase(
        "main keyed by locale",
        {"en": [{"title": "CV", "url": "/en/cv/"}], "es-419": [{"title": "X", "url": "/x/"}]},
        "es-419",
        [MenuEntry("X", "/x/", False)],
    ),
    MenuCase(
        "malformed entries are reported and skipped",
        [
            "CV",
            {"title": "Ok", "url": "/ok/"},
            {"title": "Bad", "url": "/b/", "children": "x"},
        ],
        "en",
        [MenuEntry("Ok", "/ok/", True), MenuEntry("Bad", "/b/", True)],
        [
            "main[0]: Expected a mapping with 'title' and 'url', received a string 'CV'",
            "main[2].children: Expected a list of menu entries, received a string 'x'",
        ],
    ),
    MenuCase(
        "main that is not a list is reported",
        "oops",
        "en",
        [],
        ["main: Expected a list of menu entries, received a string 'oops'"],
    ),
]


@pytest.mark.parametrize("case", MENU_CASES, ids=lambda case: case.description)
def test_locale_menu(case: MenuCase) -> None:
    entries, problems = locale_menu(case.main, case.locale, "en")
    assert entries == case.expected
    assert problems == case.problems


@dataclass
class UrlCase:
    description: str
    url: str
    site_url: str
    external: bool
    path: str
    suffix: str = ""


URL_CASES = [
    UrlCase("site path", "/en/cv/", "https://example.com/", False, "/en/cv/"),
    UrlCase("under the base path", "/en/cv/", "https://e.com/repo/", False, "/en/cv/"),
    UrlCase("base path written", "/repo/en/cv/", "https://e.com/repo/", False, "/en/cv/"),
    UrlCase("relative path", "en/cv/", "https://e.com/", False, "/en/cv/"),
    UrlCase("own full URL", "https://e.com/repo/en/", "https://e.com/repo/", False, "/en/"),
    UrlCase("fragment kept", "/en/#about", "https://e.com/", False, "/en/", "#about"),
    UrlCase("other site", "https://github.com/x", "https://e.com/", True, "https://github.com/x"),
    UrlCase("mailto", "mailto:a@b.c", "https://e.com/", True, "mailto:a@b.c"),
    UrlCase(
        "outside the base path", "https://e.com/x/", "https://e.com/repo/", True, "https://e.com/x/"
    ),
]


@pytest.mark.parametrize("case", URL_CASES, ids=lambda case: case.description)
def test_classify_url(case: UrlCase) -> None:
    target = classify_url(case.url, site_url=case.site_url)
    assert (target.external, target.path, target.suffix) == (case.external, case.path, case.suffix)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/en/cv/", ["/en/cv/"]),
        ("/en/cv/index.html", ["/en/cv/index.html", "/en/cv/"]),
        ("/en/cv", ["/en/cv", "/en/cv/", "/en/cv.html"]),
        ("/cv.pdf", ["/cv.pdf"]),
    ],
)
def test_url_candidates(path: str, expected: list[str]) -> None:
    assert url_candidates(path) == expected


# -- real builds -------------------------------------------------------------------------------


@pytest.fixture(params=["https://example.com/", "https://example.com/repo/"], ids=["root", "repo"])
def mm_site(request: pytest.FixtureRequest, build_site: BuildSite) -> tuple[Path, str]:
    files = {**PAGES, "_data/navigation.yml": MINIMAL_MISTAKES_MENU}
    site = build_site(
        files=files,
        site_url=request.param,
        plugins=_plugins(),
        theme={"name": "material", "features": ["navigation.footer"]},
        strict=True,
    )
    return site, urlsplit(request.param).path.rstrip("/")


def test_given_a_minimal_mistakes_menu_then_it_is_the_nav_of_every_locale(
    mm_site: tuple[Path, str],
) -> None:
    site, base = mm_site
    expected = [
        ("Home", f"{base}/en/"),
        ("CV", f"{base}/en/cv/"),
        ("Talks", f"{base}/en/talks/"),
        ("GitHub", "/someone"),
    ]
    assert _nav(site, "en/talks/index.html", base) == expected
    # The menu's URLs are kept as written: Spanish pages link to the English pages.
    assert _nav(site, "es-419/charlas/index.html", base) == expected


def test_given_a_menu_then_the_current_page_is_active_and_its_section_open(
    mm_site: tuple[Path, str],
) -> None:
    site, _ = mm_site
    assert _active(site, "en/cv/index.html") == ["CV"]
    assert _active(site, "en/talks/index.html") == ["Talks"]
    section = html(site / "en/talks/index.html").select_one(
        "nav.md-nav--primary li.md-nav__item--nested.md-nav__item--active"
    )
    assert section is not None and "More" in section.get_text()


def test_given_a_menu_then_prev_next_follow_it_and_its_titles_label_the_pages(
    mm_site: tuple[Path, str],
) -> None:
    site, _ = mm_site
    footer = html(site / "en/cv/index.html").select("a.md-footer__link")
    assert [" ".join(a.get_text(" ", strip=True).split()) for a in footer] == [
        "Previous Home",
        "Next Talks",
    ]


def test_given_pages_outside_the_menu_then_they_are_still_built(
    mm_site: tuple[Path, str],
) -> None:
    site, _ = mm_site
    assert {
        "en/hidden/index.html",
        "es-419/index.html",
        "es-419/cv/index.html",
        "pt-br/curriculo/index.html",
    } <= output_paths(site)
    assert _active(site, "en/hidden/index.html") == []
    assert html(site / "en/hidden/index.html").select("a.md-footer__link") == []


def test_given_a_per_locale_menu_then_each_locale_has_its_titles_and_pages(
    build_site: BuildSite,
) -> None:
    files = {**PAGES, "_data/navigation.yml": PER_LOCALE_MENU}
    site = build_site(files=files, plugins=_plugins(), strict=True)
    github = ("GitHub", "/someone")
    assert _nav(site, "en/index.html") == [
        ("Home", "/en/"),
        ("CV", "/en/cv/"),
        ("Talks", "/en/talks/"),
        github,
    ]
    assert _nav(site, "es-419/cv/index.html") == [
        ("Inicio", "/es-419/"),
        ("Currículum", "/es-419/cv/"),  # es-419 has no title: the base language's
        ("Charlas", "/es-419/charlas/"),
        github,
    ]
    assert _nav(site, "pt-br/index.html") == [
        ("Início", "/pt-br/"),
        ("CV", "/pt-br/curriculo/"),  # no pt title: the default locale's
        github,  # no pt-br talks URL: left out
    ]
    assert _active(site, "es-419/cv/index.html") == ["Currículum"]
    assert _active(site, "pt-br/curriculo/index.html") == ["CV"]


def test_given_a_menu_then_the_logo_links_to_the_locale_home(build_site: BuildSite) -> None:
    files = {**PAGES, "_data/navigation.yml": PER_LOCALE_MENU}
    site = build_site(files=files, plugins=_plugins(), strict=True)
    logo = html(site / "es-419/cv/index.html").select_one("nav.md-nav--primary a.md-logo")
    assert logo is not None and logo["href"] == "../"


def test_given_no_navigation_data_then_the_automatic_nav_is_kept(build_site: BuildSite) -> None:
    site = build_site(files=PAGES, plugins=_plugins(), strict=True)
    titles = [title for title, _ in _nav(site, "en/index.html")]
    assert "Not in the menu" in titles


def test_given_a_single_locale_site_then_the_menu_is_its_nav(build_site: BuildSite) -> None:
    files = {
        "docs/index.md": "# Home\n",
        "docs/about.md": "---\npermalink: /me/\n---\n# About\n",
        "docs/other.md": "# Other\n",
        "_data/navigation.yml": "main:\n  - {title: About me, url: /me/}\n",
    }
    site = build_site(files=files, strict=True)
    assert _nav(site, "me/index.html") == [("About me", "/me/")]
    assert _active(site, "me/index.html") == ["About me"]
    assert "other/index.html" in output_paths(site)


def test_given_a_menu_url_that_is_no_page_then_it_warns_and_strict_fails(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    menu = "main:\n  - {title: CV, url: /en/cv/}\n  - {title: Blog, url: /en/blog/}\n"
    files = {**PAGES, "_data/navigation.yml": menu}
    with caplog.at_level(logging.WARNING):
        build_site(files=files, plugins=_plugins())
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    # One warning, though the shared menu is used by all three locale passes.
    assert warnings == [
        "mkdocs_jekyll: _data/navigation.yml: menu entry 'Blog' links to '/en/blog/', which "
        "is not a page of the site; fix the URL or add the page."
    ]
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(1)):
        build_site(files=files, plugins=_plugins(), strict=True)
    assert warning_lines(caplog) == warnings


def test_given_a_locales_own_list_then_its_bad_url_warns_in_its_pass(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    menu = """
    main:
      en: [{title: CV, url: /en/cv/}]
      es-419: [{title: CV, url: /es-419/cv/}, {title: Charlas, url: /es-419/talks/}]
    """
    with caplog.at_level(logging.WARNING):
        site = build_site(files={**PAGES, "_data/navigation.yml": menu}, plugins=_plugins())
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "mkdocs_jekyll: _data/navigation.yml: menu entry 'Charlas' links to '/es-419/talks/', "
        "which is not a page of the site; fix the URL or add the page."
    ]
    assert _nav(site, "en/index.html") == [("CV", "/en/cv/")]
    assert _nav(site, "es-419/index.html") == [("CV", "/es-419/cv/"), ("Charlas", "/es-419/talks/")]


def test_given_a_malformed_entry_then_it_warns_once_and_strict_fails(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    files = {**PAGES, "_data/navigation.yml": "main:\n  - CV\n  - {title: CV, url: /en/cv/}\n"}
    with caplog.at_level(logging.WARNING):
        site = build_site(files=files, plugins=_plugins())
    warnings = [
        "mkdocs_jekyll: _data/navigation.yml: main[0]: Expected a mapping with 'title' and "
        "'url', received a string 'CV'; the entry is left out of the menu."
    ]
    assert warning_lines(caplog) == warnings
    assert _nav(site, "en/cv/index.html") == [("CV", "/en/cv/")]
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(1)):
        build_site(files=files, plugins=_plugins(), strict=True)
    assert warning_lines(caplog) == warnings


def test_given_a_main_menu_that_is_no_list_then_it_warns_and_keeps_the_automatic_nav(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    files = {**PAGES, "_data/navigation.yml": "main: CV\n"}
    with caplog.at_level(logging.WARNING):
        site = build_site(files=files, plugins=_plugins())
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "mkdocs_jekyll: _data/navigation.yml: main: Expected a list of menu entries, received "
        "a string 'CV'; the automatic nav is kept."
    ]
    assert "Not in the menu" in [title for title, _ in _nav(site, "en/index.html")]


# -- a nav: in the configuration ---------------------------------------------------------------

NAV_PAGES = {
    "docs/en/index.md": "# Home\n",
    "docs/en/guide/a.md": "# Guide A\n",
    "docs/en/guide/b.md": "# Guide B\n",
    "docs/en/other.md": "# Other\n",
    "docs/fr/index.md": "# Accueil\n",
    "docs/fr/guide/a.md": "# Guide A FR\n",
    "docs/fr/guide/b.md": "# Guide B FR\n",
    "docs/fr/other.md": "# Autre\n",
}
"""A two-locale site whose locales each have a ``nav:`` with a section (``Guide``)."""

NAV_LOCALES = [("en", "English", "Guide"), ("fr", "Français", "Guide FR")]


def _locale_navs(folders: dict[str, str]) -> list[dict[str, Any]]:
    """``languages:`` with a ``nav:`` each; ``folders``: locale to its docs folder."""
    return [
        {
            "locale": locale,
            "name": name,
            **({"default": True} if locale == "en" else {}),
            "nav": [
                {"Home": f"{folders[locale]}/index.md"},
                {
                    section: [
                        {f"A ({locale})": f"{folders[locale]}/guide/a.md"},
                        {f"B ({locale})": f"{folders[locale]}/guide/b.md"},
                    ]
                },
            ],
        }
        for locale, name, section in NAV_LOCALES
    ]


def _primary_nav(site: Path, page: str) -> tuple[list[tuple[str, Any, bool]], list[Any]]:
    """The primary nav's links (title, href, active) and its items' active marks."""
    nav = html(site / page).select_one("nav.md-nav--primary")
    assert nav is not None

    def own(tag: Any) -> bool:
        return tag.find_parent("nav", class_="md-nav--secondary") is None  # not the toc

    links = [
        (
            " ".join(a.get_text(" ", strip=True).split()),
            a.get("href"),
            "md-nav__link--active" in a.get("class", []),
        )
        for a in nav.select(".md-nav__link")
        if own(a)
    ]
    items = [
        " ".join(li.select_one(".md-nav__link").get_text(" ", strip=True).split())
        for li in nav.select("li.md-nav__item--active")
        if own(li)
    ]
    return links, items


@pytest.mark.parametrize("menu", [True, False], ids=["menu", "no-menu"])
@pytest.mark.parametrize("workers", [1, 2])
def test_given_each_locale_a_nav_then_its_pages_are_active_in_their_locale(
    build_site: BuildSite, menu: bool, workers: int
) -> None:
    """The locale's ``nav:`` is its nav, even with a ``_data/navigation.yml`` menu.

    The menu (one for every locale, Minimal Mistakes' shape) used to replace every
    locale's ``nav:``: the later locales showed the default locale's links, their own pages
    never active.
    """
    files = dict(NAV_PAGES)
    if menu:
        files["_data/navigation.yml"] = "main:\n  - {title: Other, url: /en/other/}\n"
    folders = {"en": "en", "fr": "fr"}
    i18n = {"languages": _locale_navs(folders), "parallel_workers": workers}
    site = build_site(
        files=files,
        plugins=["search", {"jekyll/i18n": i18n}, {"jekyll": {"permalink": "pretty"}}],
        strict=True,
    )
    for locale, _, section in NAV_LOCALES:
        for page, title in (("guide/a", f"A ({locale})"), ("guide/b", f"B ({locale})")):
            links, items = _primary_nav(site, f"{locale}/{page}/index.html")
            assert [text for text, _, active in links if active] == [title]
            assert [text for text, _, _ in links] == [
                "Home",
                section,
                f"A ({locale})",
                f"B ({locale})",
            ]
            assert items == [section, title]  # the section (open), the page
        links, items = _primary_nav(site, f"{locale}/other/index.html")  # outside the nav
        assert [active for _, _, active in links] == [False] * 4
        assert items == []


def test_given_each_locale_a_nav_then_it_is_the_nav_upstream_gives(
    tmp_path: Path, build_site: BuildSite
) -> None:
    """The oracle: static-i18n and Material on the same content give the same nav.

    Upstream serves the default locale at the site root, so only the later locale's
    pages are compared link for link; the default locale's, by titles and active marks.
    """
    menu = {"_data/navigation.yml": "main:\n  - {title: Other, url: /en/other/}\n"}
    i18n = {"languages": _locale_navs({"en": "en", "fr": "fr"}), "parallel_workers": 1}
    site = build_site(
        files={**NAV_PAGES, **menu},
        plugins=["search", {"jekyll/i18n": i18n}, {"jekyll": {"permalink": "pretty"}}],
    )
    (tmp_path / "upstream").mkdir()
    upstream = make_site_builder(tmp_path / "upstream")(
        files=NAV_PAGES,
        plugins=[
            "search",
            {"i18n": {"docs_structure": "folder", "languages": i18n["languages"]}},
        ],
    )
    for page in ("index.html", "guide/a/index.html", "guide/b/index.html", "other/index.html"):
        assert _primary_nav(site, f"fr/{page}") == _primary_nav(upstream, f"fr/{page}")
        ours, theirs = _primary_nav(site, f"en/{page}"), _primary_nav(upstream, page)
        assert [(text, active) for text, _, active in ours[0]] == [
            (text, active) for text, _, active in theirs[0]
        ]
        assert ours[1] == theirs[1]


def test_given_a_site_nav_and_a_menu_then_the_nav_wins(build_site: BuildSite) -> None:
    """A single-locale site's ``nav:`` in mkdocs.yml is its nav; the menu stays data."""
    files = {
        "docs/index.md": "# Home\n",
        "docs/about.md": "# About\n",
        "_data/navigation.yml": "main:\n  - {title: Home page, url: /}\n",
    }
    site = build_site(files=files, nav=[{"Start": "index.md"}, {"About us": "about.md"}])
    assert _nav(site, "about/index.html") == [("Start", "/"), ("About us", "/about/")]
    assert _active(site, "about/index.html") == ["About us"]


def test_given_a_nav_for_one_locale_only_then_the_others_use_the_menu(
    build_site: BuildSite,
) -> None:
    """static-i18n puts the top-level ``nav:`` back between passes: a locale without its
    own ``nav:`` gets the menu."""
    languages = _locale_navs({"en": "en", "fr": "fr"})
    del languages[1]["nav"]
    menu = "main:\n  - {title: Autre, url: /fr/other/}\n"
    site = build_site(
        files={**NAV_PAGES, "_data/navigation.yml": menu},
        plugins=[
            "search",
            {"jekyll/i18n": {"languages": languages, "parallel_workers": 1}},
            {"jekyll": {"permalink": "pretty"}},
        ],
    )
    assert [t for t, _ in _nav(site, "en/guide/a/index.html")] == ["Home", "A (en)", "B (en)"]
    assert _nav(site, "fr/other/index.html") == [("Autre", "/fr/other/")]
    assert _active(site, "fr/other/index.html") == ["Autre"]
