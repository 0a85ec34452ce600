"""The Minimal Mistakes look in a real browser: headless Debian Chromium through Playwright.

Given the reference site (default skin) and a Minimal Mistakes-style site (the dark skin,
seven menu entries, author links and footer links), built and served on 127.0.0.1, when
Chromium opens their pages at 1280 and 390 px, then the menu links are in the masthead at
1280 px and behind the "more" toggle at 390 px, the language selector names the current
language and leads to the translated page, titles are bold in the skin's text colour and
links in its link colour (computed styles against the skin's Sass values), and the footer
holds the follow links and the copyright. Screenshots of each page go to
test-output/browser/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from browsing import CHROMIUM, OUTPUT, chromium, serving
from mkdocs_jekyll.features.skin_colours import skin_colours
from sitebuild import build_project, copy_reference_site, two_locale_plugins, write_files

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is absent")

WIDTHS = (1280, 390)

MENU = ["About", "Publications", "Talks", "Teaching", "Portfolio", "Blog", "CV"]
_SPANISH = ["Acerca", "Publicaciones", "Charlas", "Docencia", "Portafolio", "Blog", "CV"]
_SLUGS = ["about", "publications", "talks", "teaching", "portfolio", "blog", "cv"]

NAVIGATION = "main:\n" + "".join(
    f"  - titles: {{en: {en}, es-419: {es}}}\n"
    f"    urls: {{en: /en/{slug}/, es-419: /es-419/{slug}/}}\n"
    for en, es, slug in zip(MENU, _SPANISH, _SLUGS, strict=True)
)


def _mm_project(root: Path) -> Path:
    """An academicpages-like site: dark skin, seven menu entries, two locales."""
    files = {"_data/navigation.yml": NAVIGATION}
    for locale in ("en", "es-419"):
        files[f"docs/{locale}/index.md"] = "---\ntitle: Ada Lovelace\n---\nWelcome.\n"
        for slug in _SLUGS:
            files[f"docs/{locale}/{slug}.md"] = (
                f"---\ntitle: {slug.title()}\ni18n_key: {slug}\n---\n"
                "Some text with [a link](https://example.org/).\n\n## Details\n\nMore text.\n"
            )
    files["docs/en/_posts/2025-01-10-hello.md"] = (
        "---\ntitle: Hello\nread_time: true\n---\nA first post.\n"
    )
    write_files(root, files)
    import yaml

    jekyll = {
        "minimal_mistakes_skin": "dark",
        "defaults": [
            {"scope": {"path": ""}, "values": {"layout": "single", "author_profile": True}}
        ],
        "author": {
            "name": "Ada Lovelace",
            "bio": "Analyst",
            "github": "ada",
            "email": "ada@example.com",
        },
        "site": {
            "footer": {"links": [{"label": "Privacy", "icon": "fas fa-lock", "url": "/en/about/"}]}
        },
    }
    settings = {
        "site_name": "Ada Lovelace",
        "site_url": "http://127.0.0.1/",
        "theme": {"name": "material"},
        "plugins": two_locale_plugins(**jekyll),
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Both sites built (strict) and served: name -> base URL."""
    reference = copy_reference_site(tmp_path_factory.mktemp("ref"), site_url="http://127.0.0.1/")
    mm = _mm_project(tmp_path_factory.mktemp("mm"))
    with (
        serving(build_project(reference, strict=True)) as reference_origin,
        serving(build_project(mm, strict=True)) as mm_origin,
    ):
        yield {"reference": reference_origin, "mm": mm_origin}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


# Each site: its pages, its skin, the menu it shows, and a page with its translation.
CASES = {
    "reference": {
        "skin": "default",
        "page": "/en/impact/",
        "menu": ["Home", "Impact", "Case studies", "CV", "Speaking", "Contact"],
        "translated": ("/en/impact/", "English", "/es-419/impacto/", "Español"),
        "follow": ["Feed"],
        "copyright": "Production ML, GenAI & MLOps",
    },
    "mm": {
        "skin": "dark",
        "page": "/en/about/",
        "menu": MENU,
        "translated": ("/en/teaching/", "English", "/es-419/teaching/", "Español"),
        "follow": ["Email", "GitHub", "Privacy", "Feed"],
        "copyright": "Ada Lovelace",
    },
}


def _open(browser: Any, url: str, width: int) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    return page


def _rgb(colour: str) -> str:
    """``#2f7d95`` as the browser reports it: ``rgb(47, 125, 149)``."""
    digits = colour.lstrip("#")
    red, green, blue = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({red}, {green}, {blue})"


def _shot(page: Any, name: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"look-{name}.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 5_000


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(CASES))
def test_menu_is_in_the_masthead_and_overflows_into_the_more_toggle(
    browser: Any, sites: dict[str, str], name: str, width: int
) -> None:
    case = CASES[name]
    page = _open(browser, sites[name] + case["page"], width)
    masthead = page.locator("header.jekyll-masthead")
    toggle = masthead.locator(".greedy-nav__toggle")
    visible = masthead.locator(".visible-links a")
    if width == 1280:
        assert visible.all_inner_texts() == case["menu"]
        assert all(link.is_visible() for link in visible.all())
        assert not toggle.is_visible()
    else:
        # Every entry is reachable: in the row, or in the list the toggle opens.
        assert toggle.is_visible()
        moved = int(toggle.get_attribute("data-count") or "0")
        assert moved > 0
        hidden = masthead.locator(".hidden-links a")
        assert not hidden.first.is_visible()
        toggle.click()
        assert hidden.first.is_visible()
        assert visible.all_inner_texts() + hidden.all_inner_texts() == case["menu"]
        assert hidden.count() == moved
        _shot(page, f"{name}-menu-open-{width}")
        target = hidden.last
        expected = urljoin(page.url, target.get_attribute("href"))
        target.click()
        page.wait_for_url(expected)
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(CASES))
def test_language_selector_names_the_language_and_leads_to_the_translation(
    browser: Any, sites: dict[str, str], name: str, width: int
) -> None:
    source, current, target, other = CASES[name]["translated"]
    page = _open(browser, sites[name] + source, width)
    button = page.locator(".jekyll-masthead .jekyll-language__button")
    assert button.is_visible()
    label = button.inner_text()
    assert current in label
    assert ("Language:" in label) == (width == 1280)
    button.hover() if width == 1280 else button.focus()
    link = page.locator(f".jekyll-masthead a.md-select__link[hreflang={other_lang(target)}]")
    link.wait_for(state="visible")
    assert link.inner_text().strip() == other
    link.click()
    page.wait_for_url(sites[name] + target)
    name_after = page.locator(".jekyll-masthead .jekyll-language__name").inner_text()
    assert name_after.strip() == other
    page.close()


def other_lang(path: str) -> str:
    """The hreflang of a path's locale folder."""
    return path.strip("/").split("/")[0]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(CASES))
def test_titles_and_colours_are_the_skins(
    browser: Any, sites: dict[str, str], name: str, width: int
) -> None:
    case = CASES[name]
    colours = skin_colours(case["skin"])
    page = _open(browser, sites[name] + case["page"], width)
    styles = page.evaluate(
        """() => {
          const css = (selector, property) => {
            const element = document.querySelector(selector);
            return element ? getComputedStyle(element)[property] : null;
          };
          return {
            titleWeight: css("article h1", "fontWeight"),
            titleColour: css("article h1", "color"),
            link: css("article .page__content p a", "color"),
            body: css("body", "backgroundColor"),
            masthead: css("header.jekyll-masthead", "backgroundColor"),
            mastheadBorder: css("header.jekyll-masthead", "borderBottomColor"),
            footer: css("footer.jekyll-footer", "backgroundColor"),
            menuLink: css("header.jekyll-masthead .site-title", "color"),
          };
        }"""
    )
    assert styles["titleWeight"] == "700"
    assert styles["titleColour"] == _rgb(colours.text)
    if styles["link"] is not None:
        assert styles["link"] == _rgb(colours.link)
    assert styles["body"] == _rgb(colours.background)
    assert styles["masthead"] == _rgb(colours.background)
    assert styles["mastheadBorder"] == _rgb(colours.border)
    assert styles["footer"] == _rgb(colours.footer_background)
    assert styles["menuLink"] == _rgb(colours.masthead_link)
    _shot(page, f"{name}-{width}")
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(CASES))
def test_footer_holds_the_follow_links_and_the_copyright(
    browser: Any, sites: dict[str, str], name: str, width: int
) -> None:
    case = CASES[name]
    page = _open(browser, sites[name] + case["page"], width)
    footer = page.locator("footer.jekyll-footer")
    footer.scroll_into_view_if_needed()
    follow = footer.locator(".page__footer-follow")
    assert follow.locator("strong").inner_text().strip().lower() == "follow:"
    labels = [text.strip().lower() for text in follow.locator("a").all_inner_texts()]
    assert labels == [label.lower() for label in case["follow"]]
    assert all(link.is_visible() for link in follow.locator("a").all())
    copyright_line = footer.locator(".page__footer-copyright").inner_text()
    assert case["copyright"] in copyright_line
    assert copyright_line.strip().endswith("Powered by Jekyll & Minimal Mistakes.")
    assert "Made with" not in page.locator("body").inner_text()
    page.close()


@pytest.mark.parametrize("name", list(CASES))
def test_search_button_opens_materials_search(
    browser: Any, sites: dict[str, str], name: str
) -> None:
    page = _open(browser, sites[name] + CASES[name]["page"], 1280)
    query = page.locator(".jekyll-masthead input.md-search__input")
    assert not query.is_visible()
    page.locator(".jekyll-masthead label.search__toggle").click()
    query.wait_for(state="visible")
    query.press_sequentially("impact" if name == "reference" else "details", delay=20)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
    _shot(page, f"{name}-search-1280")
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(CASES))
def test_language_landing_page_wears_the_look(
    browser: Any, sites: dict[str, str], name: str, width: int
) -> None:
    # A reader whose browser asks for no language of the site stays on the landing page.
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="de-DE")
    page.goto(sites[name] + "/")
    colours = skin_colours(CASES[name]["skin"])
    assert page.locator("header.masthead .site-title").is_visible()
    links = page.locator("ul.mkdocs-jekyll-locales a")
    assert links.all_inner_texts() == ["English", "Español"]
    styles = page.evaluate(
        """() => ({
          weight: getComputedStyle(document.querySelector("h1")).fontWeight,
          link: getComputedStyle(document.querySelector("ul.mkdocs-jekyll-locales a")).color,
          body: getComputedStyle(document.body).backgroundColor,
        })"""
    )
    assert styles == {
        "weight": "700",
        "link": _rgb(colours.link),
        "body": _rgb(colours.background),
    }
    _shot(page, f"{name}-landing-{width}")
    links.last.click()
    page.wait_for_url(sites[name] + "/es-419/")
    page.close()
