"""Pages outside the locale folders, and a site's own 404 pages (issue 12, parts 5 and 6).

A root ``index.md`` language chooser, a root ``404.md``, root posts and collection documents
belong to no locale unless their front matter ``lang`` names one; ``lang`` then decides their
``<html lang>``, listings, pairing and sitemap alternates, and ``lang: x-default`` makes a
page its group's ``x-default``. A site's own ``404.html`` (root or per locale) replaces ours.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from sitebuild import (
    JEKYLL,
    BuildSite,
    html,
    jekyll_build,
    strict_abort,
    two_locale_plugins,
    warning_lines,
)

LISTING = (
    '{% assign talks = site.talks | where: "lang", "es-419" %}'
    "{% for talk in talks %}\n- {{ talk.title }} {{ talk.url }}\n{% endfor %}\n"
    '{% assign posts = site.posts | where: "lang", "es-419" %}'
    "{% for post in posts %}\n- {{ post.title }} {{ post.url }}\n{% endfor %}\n"
)
# The site as a Jekyll user writes it (paths from the site root; `layout: null` keeps
# Jekyll's output to the page's own text). Our build puts the same files under docs/.
SOURCES = {
    "index.md": "---\nlayout: null\ntitle: Choose\nlang: x-default\ni18n_key: home\n---\n"
    "CHOOSE A LANGUAGE\n",
    "en/index.md": "---\nlayout: null\ntitle: Home\ni18n_key: home\n---\nHOME EN\n",
    "es-419/index.md": "---\nlayout: null\ntitle: Inicio\ni18n_key: home\n---\nINICIO\n" + LISTING,
    "_talks/charla.md": "---\nlayout: null\ntitle: Charla\nlang: es-419\n---\nCHARLA\n",
    "_talks/talk.md": "---\nlayout: null\ntitle: Talk\n---\nTALK\n",
    "_posts/2024-01-02-entrada.md": "---\nlayout: null\ntitle: Entrada\nlang: es-419\n---\n"
    "ENTRADA\n",
    "404.md": "---\nlayout: null\ntitle: Not found\npermalink: /404.html\n---\nOWN 404\n",
    "es-419/404.md": "---\nlayout: null\ntitle: No encontrada\npermalink: /es-419/404.html\n"
    "---\nOWN 404 ES\n",
}
TALKS = {"talks": {"output": True, "permalink": "/talks/:path/"}}
JEKYLL_CONFIG = (
    "permalink: pretty\ncollections:\n  talks: {output: true, permalink: '/talks/:path/'}\n"
)

# The Spanish home's listing as Jekyll 4.3.1 renders it from these files (written from a
# real run; test_jekyll_lists_and_places_the_root_documents_the_same re-runs it): the root
# talk and post whose `lang` is es-419, at their root URLs.
JEKYLL_LISTING = ["Charla /talks/charla/", "Entrada /2024/01/02/entrada/"]
# Where Jekyll writes each file that says which page it is.
JEKYLL_FILES = {
    "index.html": "CHOOSE A LANGUAGE",
    "404.html": "OWN 404",
    "es-419/404.html": "OWN 404 ES",
    "talks/charla/index.html": "CHARLA",
    "2024/01/02/entrada/index.html": "ENTRADA",
}


def _build(build_site: BuildSite, files: dict[str, str], *, strict: bool = True) -> Path:
    return build_site(
        files={f"docs/{name}": text for name, text in files.items()},
        plugins=two_locale_plugins(collections=TALKS),
        strict=strict,
    )


def _alternates(path: Path) -> list[tuple[str, str]]:
    return [
        (str(link["hreflang"]), str(link["href"]))
        for link in html(path).select("head link[rel=alternate][hreflang]:not([type])")
    ]


def _lang(path: Path) -> str:
    return str(html(path).html["lang"])  # type: ignore[index]


def _listing(path: Path) -> list[str]:
    return [item.get_text(" ", strip=True) for item in html(path).select("article li")]


HOMES = [
    ("en", "https://example.com/en/"),
    ("es-419", "https://example.com/es-419/"),
    ("x-default", "https://example.com/"),
]


def test_a_root_x_default_home_is_the_groups_x_default_and_replaces_the_landing_page(
    build_site: BuildSite,
) -> None:
    site = _build(build_site, SOURCES)
    root = (site / "index.html").read_text(encoding="utf-8")
    assert "CHOOSE A LANGUAGE" in root
    assert 'content="mkdocs-jekyll"' not in root  # no landing page of ours
    for page in ("index.html", "en/index.html", "es-419/index.html"):
        assert _alternates(site / page) == HOMES, page
    assert _lang(site / "index.html") == "en"  # x-default: the site's default language
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>https://example.com/</loc>") == 1
    assert "404" not in sitemap


def test_root_documents_follow_their_lang_in_html_lang_listings_and_alternates(
    build_site: BuildSite,
) -> None:
    site = _build(build_site, SOURCES)
    assert _lang(site / "talks/charla/index.html") == "es-419"
    assert _lang(site / "2024/01/02/entrada/index.html") == "es-419"
    assert _lang(site / "talks/talk/index.html") == "en"  # no lang: the site's
    assert _listing(site / "es-419/index.html") == JEKYLL_LISTING
    assert _alternates(site / "talks/charla/index.html") == [
        ("es-419", "https://example.com/talks/charla/"),
        ("x-default", "https://example.com/"),
    ]
    assert _alternates(site / "talks/talk/index.html") == []


def test_the_sites_own_404_pages_replace_ours(build_site: BuildSite) -> None:
    site = _build(build_site, SOURCES)
    root = (site / "404.html").read_text(encoding="utf-8")
    assert "OWN 404" in root and "OWN 404 ES" not in root
    assert 'content="mkdocs-jekyll"' not in root  # not our root 404 around it
    assert "OWN 404 ES" in (site / "es-419/404.html").read_text(encoding="utf-8")
    # A locale without its own keeps ours (the theme's 404 in that locale).
    english = (site / "en/404.html").read_text(encoding="utf-8")
    assert "OWN 404" not in english and _lang(site / "en/404.html") == "en"


def test_without_its_own_404_the_site_gets_ours(build_site: BuildSite) -> None:
    files = {k: v for k, v in SOURCES.items() if "404" not in k}
    site = _build(build_site, files)
    assert 'content="mkdocs-jekyll"' in (site / "404.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("locales", [True, False], ids=["two locales", "no locales"])
def test_a_404_html_file_without_front_matter_is_copied_over_the_theme_404(
    build_site: BuildSite, locales: bool
) -> None:
    # Plain MkDocs renders the theme's 404.html over it; Jekyll copies it as it is.
    files = {"docs/en/index.md": "Home\n", "docs/404.html": "<p>STATIC 404</p>\n"}
    if locales:
        files["docs/es-419/index.md"] = "Inicio\n"
        files["docs/es-419/404.html"] = "<p>STATIC 404 ES</p>\n"
    plugins = two_locale_plugins() if locales else [{"jekyll": {}}]
    site = build_site(files=files, plugins=plugins, strict=True)
    assert (site / "404.html").read_text(encoding="utf-8") == "<p>STATIC 404</p>\n"
    if locales:
        assert (site / "es-419/404.html").read_text() == "<p>STATIC 404 ES</p>\n"


ROOT_KEY_WARNING = (
    "mkdocs_jekyll: index.md: i18n_key 'home' is also used by 'es-419/index.md' in locale "
    "'es-419'; 'es-419/index.md' is the one paired, and 'index.md' has no translations. Give "
    "one of them another key."
)


def test_a_root_page_sharing_a_locale_homes_key_is_a_warning_naming_both(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    files = {**SOURCES, "index.md": SOURCES["index.md"].replace("x-default", "es-419")}
    with caplog.at_level(logging.WARNING):
        site = _build(build_site, files, strict=False)
    assert warning_lines(caplog) == [ROOT_KEY_WARNING]
    # The locale folder's home keeps the pairing; the root page is Spanish on its own.
    assert _alternates(site / "en/index.html")[:2] == HOMES[:2]
    assert _lang(site / "index.html") == "es-419"
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(1)):
        _build(build_site, files)
    assert warning_lines(caplog) == [ROOT_KEY_WARNING]


def test_two_x_default_pages_of_one_key_are_a_warning(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    files = {**SOURCES, "elige.md": SOURCES["index.md"]}
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(1)):
        _build(build_site, files)
    assert warning_lines(caplog) == [
        "mkdocs_jekyll: elige.md: i18n_key 'home' is also used by 'index.md' as its x-default "
        "page; 'index.md' is the one paired, and 'elige.md' has no translations. Give one of "
        "them another key."
    ]


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_jekyll_lists_and_places_the_root_documents_the_same(tmp_path: Path) -> None:
    site, _ = jekyll_build(tmp_path / "src", SOURCES, JEKYLL_CONFIG)
    listing = html(site / "es-419/index.html").select("li")
    assert [item.get_text(" ", strip=True) for item in listing] == JEKYLL_LISTING
    for dest, text in JEKYLL_FILES.items():
        assert text in (site / dest).read_text(encoding="utf-8"), dest
    assert "OWN 404 ES" not in (site / "404.html").read_text(encoding="utf-8")
