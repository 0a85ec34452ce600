"""``page.previous`` / ``page.next`` and Minimal Mistakes' pager on posts and talks.

Jekyll links posts by date (``Document#previous_doc``/``#next_doc`` over the collection's
date order) and other collections in collection order (date, then path). A multi-locale
site's posts are one collection to Jekyll; the plugin links each post to its own locale's
neighbours only, so a Spanish post's pager never leads to an English post.
"""

from __future__ import annotations

from typing import Any

from sitebuild import BuildSite, html, two_locale_plugins

PROBE = '<p id="pn">{{ page.previous.title }}|{{ page.next.title }}|{{ page.next.url }}</p>\n'


def _post(title: str, layout: str = "single") -> str:
    return f"---\ntitle: {title}\nlayout: {layout}\n---\n{PROBE}"


FILES = {
    "docs/en/index.md": "# Home\n",
    "docs/es-419/index.md": "# Inicio\n",
    "docs/en/_posts/2024-01-01-a.md": _post("A"),
    "docs/en/_posts/2024-02-01-b.md": _post("B"),
    "docs/en/_posts/2024-03-01-c.md": _post("C"),
    "docs/es-419/_posts/2024-01-15-x.md": _post("X"),
    "docs/es-419/_posts/2024-02-15-y.md": _post("Y"),
    "docs/en/_talks/2-second.md": _post("Second talk", "talk"),
    "docs/en/_talks/1-first.md": _post("First talk", "talk"),
    "docs/es-419/_talks/charla.md": _post("Charla", "talk"),
}


def _build(build_site: BuildSite) -> Any:
    plugins = two_locale_plugins(collections={"talks": {"output": True}})
    return build_site(files=FILES, plugins=plugins, strict=True)


def _pager(site: Any, page: str) -> list[tuple[str, str, list[str]]]:
    nav = html(site / page).select_one("nav.pagination")
    assert nav is not None, page
    return [
        (a.get_text(), str(a.get("href")), list(a.get("class") or [])) for a in nav.find_all("a")
    ]


def _probe(site: Any, page: str) -> str:
    node = html(site / page).select_one("#pn")
    assert node is not None
    return node.get_text()


def test_given_posts_in_two_locales_then_neighbours_stay_in_the_locale(
    build_site: BuildSite,
) -> None:
    site = _build(build_site)
    assert _probe(site, "en/2024/02/01/b/index.html") == "A|C|/en/2024/03/01/c/"
    assert _probe(site, "en/2024/01/01/a/index.html") == "|B|/en/2024/02/01/b/"
    assert _probe(site, "en/2024/03/01/c/index.html") == "B||"
    assert _probe(site, "es-419/2024/01/15/x/index.html") == "|Y|/es-419/2024/02/15/y/"
    assert _probe(site, "es-419/2024/02/15/y/index.html") == "X||"


def test_given_a_post_then_the_pager_links_its_neighbours(build_site: BuildSite) -> None:
    site = _build(build_site)
    assert _pager(site, "en/2024/02/01/b/index.html") == [
        ("Previous", "/en/2024/01/01/a/", ["pagination--pager"]),
        ("Next", "/en/2024/03/01/c/", ["pagination--pager"]),
    ]
    assert _pager(site, "en/2024/03/01/c/index.html") == [
        ("Previous", "/en/2024/02/01/b/", ["pagination--pager"]),
        ("Next", "#", ["pagination--pager", "disabled"]),
    ]


def test_given_a_spanish_post_then_the_pager_labels_are_spanish(build_site: BuildSite) -> None:
    site = _build(build_site)
    assert _pager(site, "es-419/2024/01/15/x/index.html") == [
        ("Anterior", "#", ["pagination--pager", "disabled"]),
        ("Siguiente", "/es-419/2024/02/15/y/", ["pagination--pager"]),
    ]


def test_given_talks_then_they_follow_collection_order(build_site: BuildSite) -> None:
    site = _build(build_site)
    assert _probe(site, "en/talks/1-first/index.html") == "|Second talk|/en/talks/2-second/"
    assert _pager(site, "en/talks/2-second/index.html") == [
        ("Previous", "/en/talks/1-first/", ["pagination--pager"]),
        ("Next", "#", ["pagination--pager", "disabled"]),
    ]


def test_given_a_document_without_neighbours_then_no_pager(build_site: BuildSite) -> None:
    site = _build(build_site)
    assert html(site / "es-419/talks/charla/index.html").select_one("nav.pagination") is None
    assert html(site / "en/index.html").select_one("nav.pagination") is None
