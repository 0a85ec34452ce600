"""Pagination per locale (issue 13, items 1 and 5): jekyll-paginate's pages and ``paginator``.

Compared with Debian's Jekyll 4.3.1 + ruby-jekyll-paginate on the single-locale equivalent
(the same posts, ``paginate: 2``, ``paginate_path: /blog/page:num/``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from mkdocs.exceptions import Abort
from test_incremental_serve import (
    _assert_same_as_full_build,
    _edit,
    _project,
    _rebuild_logged,
    _serving,
)

from sitebuild import (
    JEKYLL,
    THREE_LOCALES,
    BuildSite,
    html,
    jekyll_build,
    strict_abort,
    warning_lines,
)

LOCALE_POSTS = {"en": 7, "es-419": 5, "pt-br": 2}

# The paginated page's own Liquid: one line Jekyll and this plugin print alike.
PAGER_BODY = (
    "{% for p in paginator.posts %}[{{ p.title }}]{% endfor %} "
    "page={{ paginator.page }} per={{ paginator.per_page }} "
    "total_posts={{ paginator.total_posts }} total_pages={{ paginator.total_pages }} "
    "prev={{ paginator.previous_page }} prev_path={{ paginator.previous_page_path }} "
    "next={{ paginator.next_page }} next_path={{ paginator.next_page_path }} "
    "url={{ page.url }} path={{ page.path }}"
)
LINE = re.compile(r"(\[[^<]*?) page=(\d+) per=.*?path=\S+")

# Recorded from `jekyll build` (Jekyll 4.3.1, jekyll-paginate 1.1.0) of `jekyll_files()` with
# `paginate: 2`, `paginate_path: /blog/page:num/` and `baseurl: /repo` (the paths leave the
# baseurl out, as pager.rb does); `test_jekyll_still_paginates_so` re-runs it.
JEKYLL_PAGES = {
    "blog/index.html": "[Post 7][Post 6] page=1 per=2 total_posts=7 total_pages=4 prev= "
    "prev_path= next=2 next_path=/blog/page2/ url=/blog/ path=blog/index.html",
    "blog/page2/index.html": "[Post 5][Post 4] page=2 per=2 total_posts=7 total_pages=4 "
    "prev=1 prev_path=/blog/ next=3 next_path=/blog/page3/ url=/blog/page2/ "
    "path=blog/index.html",
    "blog/page3/index.html": "[Post 3][Post 2] page=3 per=2 total_posts=7 total_pages=4 "
    "prev=2 prev_path=/blog/page2/ next=4 next_path=/blog/page4/ url=/blog/page3/ "
    "path=blog/index.html",
    "blog/page4/index.html": "[Post 1] page=4 per=2 total_posts=7 total_pages=4 prev=3 "
    "prev_path=/blog/page3/ next= next_path= url=/blog/page4/ path=blog/index.html",
}


def post(title: str, day: int, lang: str | None = None) -> str:
    """A post's source."""
    extra = f"lang: {lang}\n" if lang else ""
    return f"---\ntitle: {title}\n{extra}---\nBody of {title}.\n"


def jekyll_files() -> dict[str, str]:
    """The single-locale site Jekyll builds: the English posts and the blog index."""
    files = {f"_posts/2024-01-0{n}-post-{n}.md": post(f"Post {n}", n) for n in range(1, 8)}
    files["blog/index.html"] = f'---\ntitle: Blog\n---\n<p class="pg">{PAGER_BODY}</p>\n'
    files["index.html"] = "---\n---\nroot\n"
    return files


def three_locale_files() -> dict[str, str]:
    """Three locales' posts (7 en, 5 es-419, 2 pt-br) and blog indexes (html, md, html)."""
    files: dict[str, str] = {}
    names = {"en": "Post", "es-419": "Entrada", "pt-br": "Postagem"}
    for locale, count in LOCALE_POSTS.items():
        files[f"docs/{locale}/index.md"] = f"---\ntitle: Home {locale}\n---\nHome.\n"
        for n in range(1, count + 1):
            title = f"{names[locale]} {n}" if locale != "en" else f"Post {n}"
            files[f"docs/{locale}/_posts/2024-01-0{n}-post-{n}.md"] = post(title, n)
    # English and Portuguese: `layout: home` lists paginator.posts and prints the pager;
    # Spanish (Markdown): its own Liquid includes Minimal Mistakes' paginator.html.
    head = "---\ntitle: Blog\nlayout: {}\ni18n_key: blog\n---\n"
    body = f'<p class="pg">{PAGER_BODY}</p>\n'
    files["docs/en/blog/index.html"] = head.format("home") + body
    files["docs/es-419/blog/index.md"] = (
        head.format("single") + body + "\n{% include paginator.html %}\n"
    )
    files["docs/pt-br/blog/index.html"] = head.format("home") + body
    return files


def three_locale_config(**site: Any) -> dict[str, Any]:
    """``mkdocs.yml`` of the three-locale site, ``paginate: 2`` under ``site:``."""
    return {
        "site_url": "https://example.com/repo/",
        "plugins": [
            "search",
            {"jekyll/i18n": {"languages": THREE_LOCALES}},
            {"jekyll": {"site": {"paginate": 2, "paginate_path": "/blog/page:num/", **site}}},
        ],
    }


def pager_line(page: Path) -> str:
    """The page's paginator line, whitespace-normalised."""
    found = html(page).select_one("p.pg")
    assert found is not None, page
    return " ".join(found.get_text().split())


def test_given_three_locales_when_built_then_each_blog_paginates_its_own_posts(
    build_site: BuildSite,
) -> None:
    site = build_site(three_locale_files(), **three_locale_config())

    # English: the same URLs, posts and paginator values as Jekyll's single-locale site.
    for rel, expected in JEKYLL_PAGES.items():
        ours = expected.replace("/blog/", "/en/blog/").replace("path=blog/", "path=en/blog/")
        assert pager_line(site / "en" / rel) == ours
    assert pager_line(site / "es-419/blog/page3/index.html") == (
        "[Entrada 1] page=3 per=2 total_posts=5 total_pages=3 prev=2 "
        "prev_path=/es-419/blog/page2/ next= next_path= url=/es-419/blog/page3/ "
        "path=es-419/blog/index.md"
    )
    assert pager_line(site / "pt-br/blog/index.html") == (
        "[Postagem 2][Postagem 1] page=1 per=2 total_posts=2 total_pages=1 prev= "
        "prev_path= next= next_path= url=/pt-br/blog/ path=pt-br/blog/index.html"
    )
    pages = {p.relative_to(site).as_posix() for p in site.rglob("page*/index.html")}
    assert pages == {
        "en/blog/page2/index.html",
        "en/blog/page3/index.html",
        "en/blog/page4/index.html",
        "es-419/blog/page2/index.html",
        "es-419/blog/page3/index.html",
    }


def test_given_no_locales_then_the_pages_are_jekylls_exactly(build_site: BuildSite) -> None:
    files = {f"docs/{rel}": text for rel, text in jekyll_files().items()}
    site = build_site(
        files,
        site_url="https://example.com/repo/",
        plugins=[{"jekyll": {"site": {"paginate": 2, "paginate_path": "/blog/page:num/"}}}],
    )

    for rel, expected in JEKYLL_PAGES.items():
        assert pager_line(site / rel) == expected
    assert {p.relative_to(site).as_posix() for p in site.rglob("page*/index.html")} == {
        rel for rel in JEKYLL_PAGES if "/page" in rel
    }


def test_given_a_paginated_blog_then_the_pager_links_each_locales_pages(
    build_site: BuildSite,
) -> None:
    site = build_site(three_locale_files(), **three_locale_config())

    # `layout: home`: paginator.posts, then Minimal Mistakes' pager.
    page3 = html(site / "en/blog/page3/index.html")
    titles = [item.get_text(" ", strip=True) for item in page3.select(".archive__item-title")]
    assert titles == ["Post 3", "Post 2"]
    nav = page3.select_one("nav.pagination")
    assert nav is not None
    assert [(a.get_text(), a["href"], a.get("class")) for a in nav.select("a")] == [
        ("Previous", "/repo/en/blog/page2/", None),
        ("1", "/repo/en/blog/", None),
        ("2", "/repo/en/blog/page2/", None),
        ("3", "#", ["disabled", "current"]),
        ("4", "/repo/en/blog/page4/", None),
        ("Next", "/repo/en/blog/page4/", None),
    ]
    # The site's own Liquid: `{% include paginator.html %}`, with es-419's labels.
    nav = html(site / "es-419/blog/page3/index.html").select_one("nav.pagination")
    assert nav is not None
    assert [(a.get_text(), a["href"]) for a in nav.select("a")] == [
        ("Anterior", "/repo/es-419/blog/page2/"),
        ("1", "/repo/es-419/blog/"),
        ("2", "/repo/es-419/blog/page2/"),
        ("3", "#"),
        ("Siguiente", "#"),
    ]
    # One page: no pager.
    assert html(site / "pt-br/blog/index.html").select("nav.pagination") == []


def test_given_page_3_of_en_then_it_pairs_with_es_page_3_and_pt_page_1(
    build_site: BuildSite,
) -> None:
    site = build_site(three_locale_files(), **three_locale_config())

    page = html(site / "en/blog/page3/index.html")
    alternates = [
        (link["hreflang"], link["href"])
        for link in page.select('link[rel="alternate"][hreflang]')
        if "feed" not in link["href"]
    ]
    assert alternates == [
        ("en", "https://example.com/repo/en/blog/page3/"),
        ("es-419", "https://example.com/repo/es-419/blog/page3/"),
        ("pt-BR", "https://example.com/repo/pt-br/blog/"),
        ("x-default", "https://example.com/repo/en/blog/page3/"),
    ]
    switcher = [a["href"] for a in page.select("a.md-select__link")]
    assert switcher == ["/repo/en/blog/page3/", "/repo/es-419/blog/page3/", "/repo/pt-br/blog/"]


def test_given_paginated_pages_then_the_sitemap_lists_them_and_search_does_not(
    build_site: BuildSite,
) -> None:
    site = build_site(three_locale_files(), **three_locale_config())

    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for url in ("en/blog/", "en/blog/page2/", "en/blog/page4/", "es-419/blog/page3/"):
        assert f"<loc>https://example.com/repo/{url}</loc>" in sitemap
    # Page N repeats page 1's text: Material's `search: exclude: true` keeps it out.
    for index in site.rglob("search_index.json"):
        locations = [doc["location"] for doc in json.loads(index.read_bytes())["docs"]]
        assert not [loc for loc in locations if "/page" in loc], index
    en_index = json.loads((site / "en/search/search_index.json").read_bytes())["docs"]
    assert any(doc["location"].startswith("blog/") for doc in en_index)


def test_given_a_paginated_site_then_no_internal_link_is_broken_and_strict_passes(
    build_site: BuildSite,
) -> None:
    site = build_site(three_locale_files(), strict=True, **three_locale_config())

    broken = []
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).as_posix()
        base = "https://example.com/repo/" + rel
        for tag in html(page).select("[href], [src]"):
            target = str(tag.get("href") or tag.get("src"))
            parts = urlsplit(urljoin(base, target))
            if parts.netloc != "example.com" or target.startswith("#"):
                continue
            assert parts.path.startswith("/repo/"), (rel, target)
            path = parts.path.removeprefix("/repo/")
            file = site / path / "index.html" if path.endswith("/") or not path else site / path
            if not file.exists():
                broken.append((rel, target))
    assert broken == []


def test_given_pagination_enabled_in_front_matter_then_the_page_paginates_its_locale(
    build_site: BuildSite,
) -> None:
    files = three_locale_files()
    files["docs/es-419/recientes.md"] = (
        "---\ntitle: Recientes\npagination:\n  enabled: true\n  per_page: 3\n---\n"
        f'<p class="pg">{PAGER_BODY}</p>\n'
    )
    site = build_site(files, **three_locale_config(paginate_path="/page:num/"))

    assert pager_line(site / "es-419/recientes/index.html").startswith(
        "[Entrada 5][Entrada 4][Entrada 3] page=1 per=3 total_posts=5 total_pages=2 "
    )
    assert pager_line(site / "es-419/recientes/page2/index.html") == (
        "[Entrada 2][Entrada 1] page=2 per=3 total_posts=5 total_pages=2 prev=1 "
        "prev_path=/es-419/recientes/ next= next_path= url=/es-419/recientes/page2/ "
        "path=es-419/recientes.md"
    )
    # `paginate_path: /page:num/`: the blog indexes are in no hierarchy of it.
    assert not (site / "es-419/blog/page2").exists()


def test_given_a_site_page_where_a_generated_page_goes_then_it_wins_with_a_warning(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    files = three_locale_files()
    files["docs/en/blog/page2/index.md"] = "---\ntitle: Mine\n---\nMINE\n"

    site = build_site(files, **three_locale_config())

    expected = (
        "mkdocs_jekyll: en/blog/page2/index.md: its URL '/en/blog/page2/' is page 2 of "
        "'en/blog/index.html''s pagination; the site's page wins and that generated page "
        "is not written."
    )
    assert warning_lines(caplog) == [expected]
    assert "MINE" in (site / "en/blog/page2/index.html").read_text(encoding="utf-8")
    assert (site / "en/blog/page3/index.html").exists()
    with pytest.raises(Abort, match=strict_abort(1)):
        build_site(files, strict=True, **three_locale_config())


def test_given_serve_when_a_listed_post_body_changes_then_the_whole_site_rebuilds(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = {"site_name": "Paginated", "theme": {"name": "material"}, **three_locale_config()}
    project = _project(tmp_path / "project", three_locale_files(), config)
    with _serving(project, tmp_path / "served") as session:
        _edit(project, "docs/es-419/_posts/2024-01-01-post-1.md", "Body of", "New body of")

        logged = _rebuild_logged(session, caplog)

        assert logged == (
            "Rebuilding the whole site: 'es-419/_posts/2024-01-01-post-1.md' is on paginated pages."
        )
        _assert_same_as_full_build(session, tmp_path)


@pytest.mark.skipif(JEKYLL is None, reason="needs Debian's jekyll")
def test_jekyll_still_paginates_so(tmp_path: Path) -> None:
    config = (
        "plugins: [jekyll-paginate]\npaginate: 2\npaginate_path: /blog/page:num/\nbaseurl: /repo\n"
    )
    site, _ = jekyll_build(tmp_path / "src", jekyll_files(), config)

    pages = {p.relative_to(site).as_posix() for p in site.rglob("page*/index.html")}
    assert pages | {"blog/index.html"} == set(JEKYLL_PAGES)
    for rel, expected in JEKYLL_PAGES.items():
        assert pager_line(site / rel) == expected
