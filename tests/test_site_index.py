"""How ``mkdocs-jekyll check`` reads one built site: URLs as a server serves them, pages' links.

Table-driven, without builds: the HTML shapes are Minimal Mistakes' (``.page__content``),
Material's (``article.md-content__inner``) and a site layout's own (``<main>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from mkdocs_jekyll.cli.site_index import SiteIndex, parse_page, served_url


@dataclass(frozen=True)
class PageCase:
    description: str
    html: str
    content_links: list[str]
    lang: str | None = None
    refresh: str | None = None


PAGE_CASES = [
    PageCase(
        "Minimal Mistakes: only .page__content, without its pager and meta",
        '<html lang="es-419"><body><nav><a href="/menu/">M</a></nav><main>'
        '<div class="page__content" itemprop="text"><p><a href="/in/">in</a></p></div>'
        '<nav class="pagination--pager"><a href="/next/">next</a></nav></main></body></html>',
        ["/in/"],
        lang="es-419",
    ),
    PageCase(
        "Material: the article, without edit buttons and heading anchors",
        '<html lang="en"><body><nav class="md-nav"><a href="x/">nav</a></nav>'
        '<article class="md-content__inner md-typeset">'
        '<a class="md-content__button md-icon" href="https://github.com/e/edit">edit</a>'
        '<h2 id="t">T<a class="headerlink" href="#t">¶</a></h2><p><a href="../a/">a</a></p>'
        "</article></body></html>",
        ["../a/"],
        lang="en",
    ),
    PageCase(
        "Minimal Mistakes' archive layouts: the content and the listing",
        '<div id="main" role="main"><div class="sidebar"><a href="/me/">me</a></div>'
        '<div class="archive"><h1 class="page__title">Posts</h1><p><a href="/c/">c</a></p>'
        '<div class="list__item"><a href="/2024/01/02/hi/">Hi</a></div></div></div>',
        ["/c/", "/2024/01/02/hi/"],
    ),
    PageCase(
        ".page__content wins over the article around it",
        '<article class="md-content__inner"><a href="/chrome/">c</a>'
        '<div class="page__content"><a href="/body/">b</a></div></article>',
        ["/body/"],
    ),
    PageCase(
        "a site layout's <main>",
        '<html><body><header><a href="/">home</a></header><main><a href="/x/">x</a></main>'
        "</body></html>",
        ["/x/"],
    ),
    PageCase(
        "a fragment without a layout: all of it",
        '<p><a href="/x/">x</a> <a name="anchor">no href</a></p>',
        ["/x/"],
    ),
    PageCase(
        "jekyll-redirect-from's stub",
        '<!DOCTYPE html><html lang="en-US"><meta charset="utf-8">'
        '<meta http-equiv="refresh" content="0; url=/about/"><a href="/about/">Click</a></html>',
        ["/about/"],
        lang="en-US",
        refresh="/about/",
    ),
    PageCase(
        "a refresh with a quoted, upper-case URL",
        '<meta http-equiv="Refresh" content="0;URL=\'https://e.com/a/\'">',
        [],
        refresh="https://e.com/a/",
    ),
]


@pytest.mark.parametrize("case", PAGE_CASES, ids=[c.description for c in PAGE_CASES])
def test_parse_page(case: PageCase) -> None:
    record = parse_page(case.html)
    assert record.content_links == case.content_links
    assert record.lang == case.lang
    assert record.refresh == case.refresh


def test_every_followed_or_loaded_link_is_kept_for_the_broken_link_check() -> None:
    record = parse_page(
        '<head><link rel="stylesheet" href="/s.css"><link rel="preconnect" href="https://f">'
        '<link rel="canonical" href="https://e.com/a/"><script src="/j.js"></script></head>'
        '<body><img src="/i.png"><a href="/x/">x</a><iframe src="/f/"></iframe></body>'
    )
    assert record.all_links == ["/s.css", "https://e.com/a/", "/j.js", "/i.png", "/x/", "/f/"]
    assert record.canonical == "https://e.com/a/"


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("index.html", "/"),
        ("a/index.html", "/a/"),
        ("a.html", "/a.html"),
        ("feed.xml", "/feed.xml"),
        ("a/b/index.html", "/a/b/"),
    ],
)
def test_served_url(path: str, url: str) -> None:
    assert served_url(path) == url


@pytest.fixture
def site(tmp_path: Path) -> SiteIndex:
    for rel in ("index.html", "a/index.html", "b.html", "café/index.html", "f.pdf"):
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("<p>x</p>", encoding="utf-8")
    return SiteIndex(tmp_path, "/repo/")


@dataclass(frozen=True)
class ResolveCase:
    description: str
    href: str
    page: str
    target: str | None


RESOLVE_CASES = [
    ResolveCase("a directory URL", "/repo/a/", "/", "/a/"),
    ResolveCase("its index.html", "/repo/a/index.html", "/", "/a/"),
    ResolveCase("without the slash", "/repo/a", "/", "/a/"),
    ResolveCase("an extensionless .html page", "/repo/b", "/", "/b.html"),
    ResolveCase("relative to a directory page", "../b.html", "/a/", "/b.html"),
    ResolveCase("dot segments", "/repo/x/../a/", "/", "/a/"),
    ResolveCase("percent-encoded", "/repo/caf%C3%A9/", "/", "/café/"),
    ResolveCase("a fragment stays", "/repo/a/#part", "/", "/a/#part"),
    ResolveCase("a query goes", "/repo/f.pdf?v=2", "/", "/f.pdf"),
    ResolveCase("missing: as written", "/repo/gone/", "/", "/gone/"),
    ResolveCase("outside the base", "/a/", "/", "!/a/"),
    ResolveCase("the site's host", "https://e.com/repo/a/", "/", "/a/"),
    ResolveCase("another host", "https://other.org/a/", "/", None),
    ResolveCase("protocol-relative to another host", "//cdn.org/x.js", "/", None),
    ResolveCase("mailto", "mailto:a@e.com", "/", None),
    ResolveCase("empty", "", "/", None),
]


@pytest.mark.parametrize("case", RESOLVE_CASES, ids=[c.description for c in RESOLVE_CASES])
def test_resolve(site: SiteIndex, case: ResolveCase) -> None:
    assert site.resolve(case.href, case.page, frozenset({"e.com"})) == case.target
