"""Minimal Mistakes' comments and cookie consent in a real browser (Debian's Chromium).

Given a site configured with a Minimal Mistakes ``_config.yml`` block under ``site:``
(dark skin, the Google tag, giscus comments on posts, cookie consent, footer links), built
for production and served on 127.0.0.1, when Chromium opens it at 1280 and 390 px, then:
the comments container is on the post and not on the page without comments; before the
visitor accepts cookies no request leaves the site (every request is routed: the ones to
other hosts are recorded and answered locally, never sent); after "Accept" the page loads
the Google tag and the giscus client (answered locally too), and a visitor who accepts
analytics only still sees the comments held back. Screenshots of each page go to
test-output/browser/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_site_features import MM_PAGES, mm_plugins

from browsing import CHROMIUM, OUTPUT, chromium, serving
from sitebuild import build_project, write_files

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is absent")

GISCUS_STUB = (
    "document.querySelector('#giscus-comments').insertAdjacentHTML("
    "'beforeend', '<p id=\"giscus-loaded\">giscus</p>');"
)
"""What the intercepted giscus client does here: mark that it ran."""


@pytest.fixture(scope="module")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the Minimal Mistakes-style site for production and serve it on loopback.

    The server starts first, so the site is built for its address: Material fetches the
    ``sitemap.xml`` of every ``<link rel=alternate>``, which must be this server's.
    """
    project = tmp_path_factory.mktemp("mm-site")
    with serving(project / "site") as origin:
        write_files(project, MM_PAGES)
        settings = {
            "site_name": "Ada's notes",
            "site_url": f"{origin}/",
            "theme": {"name": "material"},
            "plugins": mm_plugins(),
        }
        (project / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("JEKYLL_ENV", "production")
            build_project(project, strict=True)
        yield origin


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


class Visit:
    """A fresh browser context (no stored consent) whose requests off the site never leave."""

    def __init__(self, browser: Any, origin: str, width: int) -> None:
        self.origin = origin
        self.external: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.origin + "/"):
            route.continue_()
            return
        self.external.append(url)
        body = GISCUS_STUB if url.startswith("https://giscus.app/client.js") else ""
        route.fulfill(status=200, content_type="application/javascript", body=body)

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_comments_container_is_only_on_pages_with_comments(
    browser: Any, served_site: str, width: int
) -> None:
    visit = Visit(browser, served_site, width)
    try:
        page = visit.page
        page.goto(f"{served_site}/2024/01/02/hello/")
        comments = page.locator("#comments")
        assert comments.count() == 1
        comments.scroll_into_view_if_needed()
        assert comments.is_visible()
        # Before consent: the note that links to the consent form, not the widget.
        note = comments.locator("[data-jekyll-consent-note=comments]")
        assert note.is_visible()
        assert note.locator("a[href='#__consent']").count() == 1
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUTPUT / f"mm-post-{width}.png"), full_page=True)
        page.goto(f"{served_site}/about/")
        assert page.locator("#comments").count() == 0
        page.screenshot(path=str(OUTPUT / f"mm-about-{width}.png"), full_page=False)
        assert visit.external == []
    finally:
        visit.close()
    assert (OUTPUT / f"mm-post-{width}.png").stat().st_size > 10_000


def test_nothing_leaves_the_site_before_consent_and_analytics_and_comments_load_after(
    browser: Any, served_site: str
) -> None:
    visit = Visit(browser, served_site, 1280)
    try:
        page = visit.page
        page.goto(f"{served_site}/2024/01/02/hello/")
        # Material shows its banner (a box of fixed children) 250 ms after the load.
        page.wait_for_function("() => !document.getElementById('__consent').hidden")
        banner = page.locator(".md-consent__inner")
        assert banner.is_visible()
        page.wait_for_load_state("networkidle")
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUTPUT / "mm-consent-1280.png"), full_page=False)
        assert visit.external == []
        assert page.locator("#giscus-loaded").count() == 0

        with page.expect_navigation():
            banner.locator("button.md-button--primary").click()
        page.wait_for_load_state("networkidle")
        page.locator("#giscus-loaded").wait_for(state="attached")
        assert any(
            url.startswith("https://www.googletagmanager.com/gtag/js?id=G-ADA12345")
            for url in visit.external
        ), visit.external
        assert any(url.startswith("https://giscus.app/client.js") for url in visit.external)
        assert page.locator(".md-consent__inner").is_hidden()
        assert page.locator("[data-jekyll-consent-note=comments]").is_hidden()
        assert page.evaluate("() => Array.isArray(window.dataLayer)")
        page.screenshot(path=str(OUTPUT / "mm-after-consent-1280.png"), full_page=False)
    finally:
        visit.close()


def test_comments_stay_held_when_the_visitor_accepts_analytics_only(
    browser: Any, served_site: str
) -> None:
    visit = Visit(browser, served_site, 1280)
    try:
        page = visit.page
        page.goto(f"{served_site}/2024/01/02/hello/")
        page.wait_for_function("() => !document.getElementById('__consent').hidden")
        page.locator(".md-consent__inner label[for=__settings]").click()
        page.locator(".md-consent__settings input[name=comments]").uncheck(force=True)
        with page.expect_navigation():
            page.locator(".md-consent__inner button.md-button--primary").click()
        page.wait_for_load_state("networkidle")
        assert any(url.startswith("https://www.googletagmanager.com/") for url in visit.external)
        assert not any(url.startswith("https://giscus.app/") for url in visit.external)
        assert page.locator("#giscus-loaded").count() == 0
        assert page.locator("[data-jekyll-consent-note=comments]").is_visible()
    finally:
        visit.close()
