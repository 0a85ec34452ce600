"""Real-browser checks of the reference site in headless Chromium (Playwright).

Given the reference site built and served on 127.0.0.1, when Debian's Chromium opens the
impact page, then the author sidebar shows the author's name at desktop width and is present
at phone width, the Spanish home shows the author's Spanish bio and location, the language
selector leads to /es-419/impacto/, a notice has its notice style, and screenshots at 1280
and 390 px (and of the Spanish home) are written to test-output/ for a person to look at.
Skipped cleanly where Chromium or Playwright is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browsing import CHROMIUM, OUTPUT, chromium, serving
from sitebuild import build_project, copy_reference_site, write_files

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is absent")


@pytest.fixture(scope="module")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the reference site (domain root) and serve it on a free loopback port."""
    project = copy_reference_site(tmp_path_factory.mktemp("browser"), site_url="http://127.0.0.1/")
    with serving(build_project(project, strict=True)) as origin:
        yield origin


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _page(browser: Any, width: int) -> Any:
    return browser.new_page(viewport={"width": width, "height": 900})


def test_author_sidebar_is_visible_on_desktop_and_present_on_phones(
    browser: Any, served_site: str
) -> None:
    desktop = _page(browser, 1280)
    desktop.goto(f"{served_site}/en/impact/")
    sidebar = desktop.locator("[data-jekyll-author=sidebar]")
    assert sidebar.is_visible()
    assert "Site Owner" in sidebar.inner_text()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    desktop.screenshot(path=str(OUTPUT / "impact-1280.png"), full_page=False)
    phone = _page(browser, 390)
    phone.goto(f"{served_site}/en/impact/")
    compact = phone.locator("[data-jekyll-author=compact]")
    assert compact.count() == 1 and compact.is_visible()
    assert "Site Owner" in compact.inner_text()
    phone.screenshot(path=str(OUTPUT / "impact-390.png"), full_page=False)
    assert (OUTPUT / "impact-1280.png").stat().st_size > 10_000
    assert (OUTPUT / "impact-390.png").stat().st_size > 10_000


def test_spanish_pages_show_the_author_in_spanish(browser: Any, served_site: str) -> None:
    page = _page(browser, 1280)
    page.goto(f"{served_site}/es-419/")
    sidebar = page.locator("[data-jekyll-author=sidebar]")
    assert sidebar.is_visible()
    assert sidebar.locator(".jekyll-author__bio").inner_text() == (
        "ML en producción, plataformas de GenAI y MLOps."
    )
    assert sidebar.locator(".jekyll-author__location").inner_text().strip() == "Remoto"
    assert "Production ML" not in sidebar.inner_text()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "inicio-es-419-1280.png"), full_page=False)
    assert (OUTPUT / "inicio-es-419-1280.png").stat().st_size > 10_000


def test_language_selector_leads_to_the_spanish_page(browser: Any, served_site: str) -> None:
    page = _page(browser, 1280)
    page.goto(f"{served_site}/en/impact/")
    page.locator(".md-header__option .md-select button").hover()
    spanish = page.locator("a.md-select__link[hreflang=es-419]")
    spanish.wait_for(state="visible")
    spanish.click()
    page.wait_for_url(f"{served_site}/es-419/impacto/")
    assert page.locator("html").get_attribute("lang") == "es-419"
    assert "Impacto y Resultados" in page.locator("article h1").first.inner_text()


def test_a_notice_has_its_notice_style(browser: Any, served_site: str) -> None:
    page = _page(browser, 1280)
    page.goto(f"{served_site}/en/")
    notice = page.locator("article .notice").first
    assert notice.is_visible()
    style = notice.evaluate(
        "el => { const s = getComputedStyle(el); "
        "return [s.backgroundColor, s.borderLeftWidth, s.borderLeftStyle]; }"
    )
    background, border_width, border_style = style
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert border_style != "none" or border_width != "0px"


CODE_PAGE = """\
---
title: Code
---
# Code

```python
def hola():
    return "mundo"
```

    indented = True

{% highlight ruby %}
puts "hi"
{% endhighlight %}

Inline `code`.
"""


@pytest.fixture(scope="module")
def code_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A page with kramdown's code blocks, Material's copy button on, served on loopback."""
    project = tmp_path_factory.mktemp("code")
    write_files(project, {"docs/index.md": CODE_PAGE})
    (project / "mkdocs.yml").write_text(
        "site_name: Code\nsite_url: http://127.0.0.1/\n"
        "theme: {name: material, features: [content.code.copy]}\nplugins: [jekyll]\n",
        encoding="utf-8",
    )
    with serving(build_project(project, strict=True)) as origin:
        yield origin


def test_materials_copy_button_copies_kramdowns_code_blocks(browser: Any, code_site: str) -> None:
    """Rouge's markup (fenced, indented) and Jekyll's highlight tag each get a copy button
    whose target is the block's code, and Material colours the tokens."""
    page = _page(browser, 1280)
    page.goto(f"{code_site}/")
    # Material 9.6.16 (the floor) writes `button.md-clipboard`; later releases
    # `button.md-code__button[data-md-type=copy]`.
    buttons = page.locator(
        "article button.md-code__button[data-md-type=copy], article button.md-clipboard"
    )
    buttons.first.wait_for(state="attached")
    assert buttons.count() == 3
    targets = [buttons.nth(i).get_attribute("data-clipboard-target") for i in range(3)]
    texts = [page.locator(str(target)).inner_text().strip() for target in targets]
    assert texts == ['def hola():\n    return "mundo"', "indented = True", 'puts "hi"']
    keyword = page.locator("article .highlighter-rouge .highlight .k").first
    plain = page.locator("article p").first
    colours = [el.evaluate("el => getComputedStyle(el).color") for el in (keyword, plain)]
    assert colours[0] != colours[1]
