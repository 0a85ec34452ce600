"""The root of a multi-locale site: the language landing page, the redirect, and the 404s.

Given a site whose pages all live under ``/<locale>/``, when it is built, then ``/`` lists
every locale's home (or redirects to the default one), each locale keeps its own 404 page, and
the root 404 shows the default locale's while sending readers under ``/<locale>/`` to theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from mkdocs_jekyll.features.landing import LocaleHome, language_name, render_root_404
from sitebuild import THREE_LOCALES, BuildSite, html

LANGUAGES = THREE_LOCALES

FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Home\n",
    "docs/en/cv.md": "---\ni18n_key: cv\n---\n# CV\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/cv.md": "---\ni18n_key: cv\n---\n# CV\n",
    "docs/pt-br/index.md": "---\ni18n_key: home\n---\n# Início\n",
}


def _plugins(**jekyll: Any) -> list[Any]:
    return ["search", {"jekyll/i18n": {"languages": LANGUAGES}}, {"jekyll": jekyll}]


@pytest.fixture(
    params=["https://example.com/", "https://example.com/repo/"], ids=["root", "subpath"]
)
def built(request: pytest.FixtureRequest, build_site: BuildSite) -> tuple[Path, str]:
    site = build_site(
        files=FILES, site_name="Ana & Co", site_url=request.param, plugins=_plugins(), strict=True
    )
    return site, urlsplit(request.param).path.rstrip("/")


# -- landing page ---------------------------------------------------------------------------


def test_landing_page_lists_each_locale_home_with_the_base_path(built: tuple[Path, str]) -> None:
    site, base = built
    page = html(site / "index.html")
    assert page.html is not None and page.html["lang"] == "en"
    assert page.title is not None and page.title.get_text() == "Ana & Co"
    links = [(str(a["href"]), a["hreflang"], a.get_text()) for a in page.select("main li a")]
    assert links == [
        (f"{base}/en/", "en", "English"),
        (f"{base}/es-419/", "es-419", "Español"),
        (f"{base}/pt-br/", "pt-BR", "Português"),
    ]
    for href, _, _ in links:
        assert (site / href.removeprefix(base).lstrip("/") / "index.html").is_file()


def test_landing_page_head_has_hreflang_links_and_x_default_itself(
    built: tuple[Path, str],
) -> None:
    site, base = built
    page = html(site / "index.html")
    alternates = {
        (link["hreflang"], link["href"])
        for link in page.select("head link[rel=alternate][hreflang]:not([type])")
    }
    host = "https://example.com"
    assert alternates == {
        ("en", f"{host}{base}/en/"),
        ("es-419", f"{host}{base}/es-419/"),
        ("pt-BR", f"{host}{base}/pt-br/"),
        ("x-default", f"{host}{base}/"),
    }


def test_landing_page_script_picks_the_browsers_language(built: tuple[Path, str]) -> None:
    site, base = built
    script = html(site / "index.html").select_one("head script")
    assert script is not None
    text = script.get_text()
    assert "navigator.languages" in text and "location.replace" in text
    assert f'"pt-br": "{base}/pt-br/"' in text


def test_landing_detection_can_be_turned_off(build_site: BuildSite) -> None:
    site = build_site(files=FILES, plugins=_plugins(i18n_root_detect=False))
    assert html(site / "index.html").select("script") == []


def test_redirect_mode_sends_the_root_to_the_default_locale(build_site: BuildSite) -> None:
    # jekyll-redirect-from's stub: meta refresh, canonical, script and a link.
    site = build_site(
        files=FILES,
        site_url="https://example.com/repo/",
        plugins=_plugins(i18n_root="redirect"),
        strict=True,
    )
    page = html(site / "index.html")
    refresh = page.select_one("meta[http-equiv=refresh]")
    canonical = page.select_one("link[rel=canonical]")
    link = page.select_one("body a")
    script = page.select_one("script")
    assert refresh is not None and refresh["content"] == "0; url=/repo/en/"
    assert canonical is not None and canonical["href"] == "https://example.com/repo/en/"
    assert link is not None and link["href"] == "/repo/en/"
    assert script is not None and script.get_text() == 'location.replace("/repo/en/");'
    assert page.html is not None and page.html["lang"] == "en"
    assert "<loc>https://example.com/repo/</loc>" not in (site / "sitemap.xml").read_text("utf-8")


def test_a_page_claiming_the_root_replaces_the_landing_page(build_site: BuildSite) -> None:
    files = {**FILES, "docs/en/welcome.md": "---\npermalink: /\n---\n# Welcome\n"}
    site = build_site(files=files, plugins=_plugins())
    assert html(site / "index.html").select_one("h1#welcome") is not None


def test_a_single_locale_site_gets_no_landing_page(build_site: BuildSite) -> None:
    site = build_site(files={"docs/about.md": "# About\n"})
    assert not (site / "index.html").exists()


# -- 404 pages ------------------------------------------------------------------------------


def test_each_locale_keeps_its_404_page(built: tuple[Path, str]) -> None:
    site, _ = built
    langs = {
        locale: html(site / locale / "404.html").html["lang"]  # type: ignore[index]
        for locale in ("en", "es-419", "pt-br")
    }
    assert langs == {"en": "en", "es-419": "es-419", "pt-br": "pt-BR"}


def test_locale_404_links_and_assets_resolve_from_its_folder(built: tuple[Path, str]) -> None:
    site, base = built
    page = html(site / "es-419/404.html")
    targets = [str(tag.get("href") or tag.get("src")) for tag in page.select("[href], [src]")]
    local = [url for url in targets if not urlsplit(url).scheme and not url.startswith("#")]
    assert local
    for url in local:
        assert url.startswith(f"{base}/"), url  # absolute: independent of the file's folder
        path = site / urlsplit(url).path.removeprefix(base).lstrip("/")
        assert (path / "index.html" if url.endswith("/") else path).is_file(), url


def test_root_404_shows_the_default_locale_and_sends_others_to_theirs(
    built: tuple[Path, str],
) -> None:
    site, base = built
    page = html(site / "404.html")
    assert page.html is not None and page.html["lang"] == "en"
    assert page.select_one("article h1") is not None  # readable without JavaScript
    script = next(s.get_text() for s in page.select("head script") if "404" in s.get_text())
    assert f'"{base}/es-419/": "{base}/es-419/404.html"' in script
    assert f'"{base}/pt-br/": "{base}/pt-br/404.html"' in script
    assert f'"{base}/en/"' not in script
    locales = [(a["href"], a.get_text()) for a in page.select("nav.mkdocs-jekyll-locales a")]
    assert locales == [
        (f"{base}/en/", "English"),
        (f"{base}/es-419/", "Español"),
        (f"{base}/pt-br/", "Português"),
    ]


# -- helpers without a build ----------------------------------------------------------------


@dataclass(frozen=True)
class NameCase:
    description: str
    locale: str
    names: dict[str, str] | None
    expected: str


NAMES = [
    NameCase("configured name wins", "es-419", {"es-419": "Español (LatAm)"}, "Español (LatAm)"),
    NameCase("endonym of the base language", "pt-br", None, "Português"),
    NameCase("unknown language: its BCP 47 tag", "gsw-ch", {}, "gsw-CH"),
]


@pytest.mark.parametrize("case", NAMES, ids=lambda case: case.description)
def test_language_name(case: NameCase) -> None:
    assert language_name(case.locale, case.names) == case.expected


def test_root_404_without_an_article_puts_the_list_before_body_end() -> None:
    homes = [LocaleHome("en", "English", "/en/", "https://x.org/en/")]
    page = render_root_404(
        "<html><head></head><body><p>gone</p></body></html>", homes, baseurl="", shown=None
    )
    assert page.index("<p>gone</p>") < page.index('<nav class="mkdocs-jekyll-locales">')
    assert page.index("<script>") < page.index("</head>")
    assert '"/en/": "/en/404.html"' in page


def test_a_base_path_that_closes_the_script_stays_inside_the_landing_script(
    build_site: BuildSite,
) -> None:
    # In a script element only `</script` ends it: `<` in the JSON data goes out as
    # `\u003c`, so the browser still reads one whole script with the real paths.
    site = build_site(
        files=FILES, site_url="https://example.com/r</script><b>/", plugins=_plugins()
    )
    scripts = html(site / "index.html").select("script")
    assert len(scripts) == 1
    text = scripts[0].get_text()
    assert '"pt-br": "/r\\u003c/script>\\u003cb>/pt-br/"' in text
    assert text.endswith("})();")
