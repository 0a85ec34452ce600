"""Languages as first-class on real builds: pairing, switcher, head alternates, search, links.

Given a three-locale site (en, es-419, pt-br) whose translations have different slugs, when it
is built, then each page's switcher and alternates point at its real translations (or the
locale's home), every such link exists in the build, and each locale searches its own pages.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from mkdocs_jekyll.jekyll.documents import locale_folder_map, locale_of
from sitebuild import (
    BUILD_ERROR,
    THREE_LOCALES,
    BuildSite,
    error_lines,
    html,
    output_paths,
    strict_abort,
    warning_lines,
)

LANGUAGES = THREE_LOCALES

FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Home\n",
    "docs/en/impact.md": "---\ni18n_key: impact\n---\n# Impact\n[CV ES](../es-419/cv.md)\n",
    "docs/en/cv.md": "---\nref: cv\n---\n# CV\n",
    "docs/en/only-english.md": "---\ni18n_key: lonely\n---\n# Only English\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/impacto.md": "---\ni18n_key: impact\n---\n# Impacto\n[CV](../en/cv.md)\n",
    "docs/es-419/cv.md": "---\nref: cv\n---\n# CV ES\n",
    "docs/pt-br/index.md": "---\ni18n_key: home\n---\n# Início\n",
    "docs/pt-br/impacto.md": "---\ni18n_key: impact\npermalink: /pt-br/resultados/\n---\n# Res\n",
}


def _plugins(**jekyll: Any) -> list[Any]:
    return ["search", {"jekyll/i18n": {"languages": LANGUAGES}}, {"jekyll": jekyll}]


def _switcher(site: Path, page: str) -> dict[str, tuple[str, bool]]:
    """hreflang -> (href, is current) of the page's language selector."""
    links = html(site / page).select("a.md-select__link")
    return {a["hreflang"]: (a["href"], a.get("aria-current") == "true") for a in links}


def _head(site: Path, page: str) -> dict[str, str]:
    links = html(site / page).select("head link[rel=alternate][hreflang]:not([type])")
    return {link["hreflang"]: link["href"] for link in links}


@pytest.fixture(
    params=["https://example.com/", "https://example.com/repo/"], ids=["root", "subpath"]
)
def built(request: pytest.FixtureRequest, build_site: BuildSite) -> tuple[Path, str]:
    site = build_site(files=FILES, site_url=request.param, plugins=_plugins(), strict=True)
    return site, urlsplit(request.param).path.rstrip("/")


def test_switcher_links_each_translation_whatever_its_slug(built: tuple[Path, str]) -> None:
    site, base = built
    assert _switcher(site, "en/impact/index.html") == {
        "en": (f"{base}/en/impact/", True),
        "es-419": (f"{base}/es-419/impacto/", False),
        "pt-BR": (f"{base}/pt-br/resultados/", False),
    }
    assert _switcher(site, "es-419/impacto/index.html")["en"] == (f"{base}/en/impact/", False)
    assert _switcher(site, "es-419/impacto/index.html")["es-419"][1] is True


def test_untranslated_page_links_other_locales_homes(built: tuple[Path, str]) -> None:
    site, base = built
    assert _switcher(site, "en/only-english/index.html") == {
        "en": (f"{base}/en/only-english/", True),
        "es-419": (f"{base}/es-419/", False),
        "pt-BR": (f"{base}/pt-br/", False),
    }
    # No fallback copy of the English page in the other locales.
    assert "es-419/only-english/index.html" not in output_paths(site)


def test_head_alternates_list_real_translations_and_x_default(built: tuple[Path, str]) -> None:
    site, base = built
    origin = f"https://example.com{base}"
    assert _head(site, "es-419/impacto/index.html") == {
        "en": f"{origin}/en/impact/",
        "es-419": f"{origin}/es-419/impacto/",
        "pt-BR": f"{origin}/pt-br/resultados/",
        "x-default": f"{origin}/en/impact/",
    }
    assert _head(site, "en/only-english/index.html") == {
        "en": f"{origin}/en/only-english/",
        "x-default": f"{origin}/en/only-english/",
    }
    # cv pairs by `ref`; pt-br has no cv, so it is not listed.
    assert set(_head(site, "es-419/cv/index.html")) == {"en", "es-419", "x-default"}


def test_no_switcher_or_hreflang_points_at_a_missing_page(built: tuple[Path, str]) -> None:
    site, base = built
    origin = f"https://example.com{base}"
    for page in output_paths(site):
        if not page.startswith(("en/", "es-419/", "pt-br/")) or page.endswith("404.html"):
            continue
        targets = [href for href, _ in _switcher(site, page).values()]
        targets += [href.removeprefix(origin) for href in _head(site, page).values()]
        for target in targets:
            path = target.removeprefix(base).lstrip("/")
            assert (site / path / "index.html").is_file() or (site / path).is_file(), (page, target)


def test_html_lang_is_the_bcp47_locale(built: tuple[Path, str]) -> None:
    site, _ = built
    langs = {
        page: html(site / page).html["lang"]  # type: ignore[index]
        for page in (
            "en/impact/index.html",
            "es-419/impacto/index.html",
            "pt-br/resultados/index.html",
        )
    }
    assert langs == {
        "en/impact/index.html": "en",
        "es-419/impacto/index.html": "es-419",
        "pt-br/resultados/index.html": "pt-BR",
    }


def test_cross_locale_markdown_links_resolve_to_permalinks(built: tuple[Path, str]) -> None:
    site, _ = built
    spanish = html(site / "es-419/impacto/index.html").select_one("article a[href*='cv']")
    assert spanish is not None and spanish["href"] == "../../en/cv/"
    english = html(site / "en/impact/index.html").select_one("article a[href*='cv']")
    assert english is not None and english["href"] == "../../es-419/cv/"


def test_each_locale_searches_only_its_pages(built: tuple[Path, str]) -> None:
    site, _ = built
    spanish = json.loads((site / "es-419/search/search_index.json").read_text("utf-8"))
    assert spanish["config"]["lang"] == ["es"]
    titles = {doc["title"] for doc in spanish["docs"] if "#" not in doc["location"]}
    assert titles == {"Inicio", "Impacto", "CV ES"}
    assert {doc["location"] for doc in spanish["docs"] if "#" not in doc["location"]} == {
        "",
        "impacto/",
        "cv/",
    }
    portuguese = json.loads((site / "pt-br/search/search_index.json").read_text("utf-8"))
    assert portuguese["config"]["lang"] == ["pt"]
    root = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert root["config"]["lang"] == ["en", "es", "pt"]
    script = html(site / "es-419/impacto/index.html").find(
        "script", string=lambda text: bool(text and "config.base" in text)
    )
    assert script is not None and 'config.base = "../"' in script.get_text()


def test_without_directory_urls_the_switcher_still_finds_translations(
    build_site: BuildSite,
) -> None:
    site = build_site(files=FILES, plugins=_plugins(), use_directory_urls=False, strict=True)
    assert (site / "en/impact.html").is_file()
    assert _switcher(site, "en/impact.html")["es-419"] == ("/es-419/impacto.html", False)
    assert _switcher(site, "es-419/impacto.html")["pt-BR"] == ("/pt-br/resultados/", False)


def test_a_key_used_twice_in_one_locale_is_an_error_naming_both(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    files = {**FILES, "docs/es-419/otra.md": "---\ni18n_key: impact\n---\nOtra\n"}
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(files=files, plugins=_plugins())
    assert error_lines(caplog) == [
        "es-419/otra.md: i18n_key 'impact' is also used by 'es-419/impacto.md' in locale "
        "'es-419'; each key may name one page per locale. Give one of them another key."
    ]


def test_instant_navigation_is_turned_off_with_a_warning(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        site = build_site(
            files=FILES,
            plugins=_plugins(),
            theme={"name": "material", "features": ["navigation.instant"]},
        )
    assert any("'navigation.instant' was turned off" in r.getMessage() for r in caplog.records)
    config = html(site / "en/impact/index.html").select_one("#__config")
    assert config is not None and "navigation.instant" not in config.get_text()
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(1)):
        build_site(
            files=FILES,
            plugins=_plugins(),
            theme={"name": "material", "features": ["navigation.instant"]},
            strict=True,
        )
    assert warning_lines(caplog) == [
        "mkdocs_jekyll: mkdocs.yml: theme.features: 'navigation.instant' was turned off: it "
        "keeps the language selector of the first page visited, whose links point at that "
        "page's translations. Remove it from theme.features to silence this warning."
    ]


def test_404_pages_switch_to_each_locale_home(built: tuple[Path, str]) -> None:
    site, base = built
    for page in ("404.html", "es-419/404.html"):
        links = _switcher(site, page)
        assert {href for href, _ in links.values()} == {
            f"{base}/en/",
            f"{base}/es-419/",
            f"{base}/pt-br/",
        }, page


def test_locale_homes_and_the_landing_page_agree_on_x_default(built: tuple[Path, str]) -> None:
    site, base = built
    origin = f"https://example.com{base}"
    assert _head(site, "es-419/index.html")["x-default"] == f"{origin}/"
    landing = html(site / "index.html").select("link[rel=alternate][hreflang]:not([type])")
    assert {link["hreflang"]: link["href"] for link in landing} == {
        "en": f"{origin}/en/",
        "es-419": f"{origin}/es-419/",
        "pt-BR": f"{origin}/pt-br/",
        "x-default": f"{origin}/",
    }


def test_files_outside_locale_folders_are_written_once_at_their_path(
    build_site: BuildSite,
) -> None:
    files = {**FILES, "docs/robots.txt": "User-agent: *\n", "docs/images/a.png": "png"}
    site = build_site(files=files, plugins=_plugins())
    assert (site / "robots.txt").read_text() == "User-agent: *\n"
    assert (site / "images/a.png").is_file()
    assert not (site / "es-419/robots.txt").exists()
    assert not (site / "es-419/images/a.png").exists()


def test_build_only_locale_accepts_a_region_locale_and_builds_only_it(
    build_site: BuildSite,
) -> None:
    # Regression: upstream's option rejected `es-419`, and the unbuilt locales' folders were
    # then taken for the site's own files and built at their own paths.
    site = build_site(
        files=FILES,
        plugins=[
            "search",
            {"jekyll/i18n": {"languages": LANGUAGES, "build_only_locale": "es-419"}},
            {"jekyll": {}},
        ],
        strict=True,
    )
    pages = {p for p in output_paths(site) if p.endswith("index.html") and p != "index.html"}
    assert pages == {"es-419/index.html", "es-419/impacto/index.html", "es-419/cv/index.html"}


def test_a_folder_named_like_a_locale_but_longer_belongs_to_no_locale(
    build_site: BuildSite,
) -> None:
    # `en-extra/` is not `en/`: only a whole first folder name makes a locale folder, so its
    # page is a page of the site root (no alternates, the root search index).
    files = {**FILES, "docs/en-extra/page.md": "# Extra\n"}
    site = build_site(files=files, plugins=_plugins(), strict=True)
    english = json.loads((site / "en/search/search_index.json").read_text("utf-8"))
    assert {doc["location"] for doc in english["docs"] if "#" not in doc["location"]} == {
        "",
        "impact/",
        "cv/",
        "only-english/",
    }
    root = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert "en-extra/page/" in {doc["location"] for doc in root["docs"]}
    page = html(site / "en-extra/page/index.html")
    assert page.select("head link[rel=alternate][hreflang]:not([type])") == []
    assert page.find("script", string=lambda text: bool(text and "config.base" in text)) is None


@pytest.mark.parametrize(
    ("src_path", "locale"),
    [
        ("en/cv.md", "en"),
        ("pt_BR/cv.md", "pt-br"),
        ("en-extra/cv.md", None),
        ("english/cv.md", None),
        ("es/cv.md", None),
        ("en.md", None),
    ],
)
def test_locale_of_needs_the_whole_first_folder_name(src_path: str, locale: str | None) -> None:
    folders = locale_folder_map(["en", "es-419", "pt-br"])
    assert locale_of(src_path, folders) == locale


_ENTRY = st.fixed_dictionaries(
    {
        "location": st.sampled_from(["", "a/", "en/", "en/a/", "pt-br/a/", "es-419/", "b/#x"]),
        "title": st.sampled_from(["A", "B"]),
        "text": st.sampled_from(["", "t"]),
    }
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ENTRY, max_size=12), st.lists(st.booleans(), min_size=3, max_size=3))
def test_search_dedupe_reading_the_locales_once_drops_what_upstreams_drops(
    entries: list[dict[str, str]], built: list[bool]
) -> None:
    # ``JekyllI18nPlugin`` holds ``build_languages`` through static-i18n's dedupe, which
    # otherwise remakes the list twice per entry; what it removes is upstream's answer.
    from types import SimpleNamespace

    from mkdocs_static_i18n.plugin import I18n

    from mkdocs_jekyll.mkdocs.i18n_plugin import JekyllI18nPlugin

    plugin = JekyllI18nPlugin()
    locales = ["en", "es-419", "pt-br"]
    plugin.config = SimpleNamespace(
        languages=[
            SimpleNamespace(locale=code, build=b) for code, b in zip(locales, built, strict=True)
        ]
    )
    ours, theirs = [dict(e) for e in entries], [dict(e) for e in entries]
    plugin.reconfigure_search_duplicates(ours)
    I18n.reconfigure_search_duplicates(plugin, theirs)
    assert ours == theirs
    assert plugin.build_languages == [code for code, b in zip(locales, built, strict=True) if b]
