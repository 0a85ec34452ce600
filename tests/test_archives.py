"""Category, tag and year archives per locale (issue 13, items 3 and 5).

Minimal Mistakes' ``_pages/category-archive.md`` (``layout: categories``), ``tag-archive.md``
(``layout: tags``) and ``year-archive.md`` (``layout: posts``), generated for each locale
with posts; ``site.categories``/``site.tags`` per locale; every link resolves.
"""

from __future__ import annotations

import json
import logging
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from sitebuild import THREE_LOCALES, build_project, html, warning_lines, write_files

SITE_URL = "https://example.com/"

POST = "---\ntitle: {title}\nlayout: single\nread_time: true\n{extra}---\n{body}\n"


def _post(title: str, body: str = "Some words here.", **front: Any) -> str:
    extra = "".join(f"{key}: {json.dumps(value)}\n" for key, value in front.items())
    return POST.format(title=title, extra=extra, body=body)


FILES = {
    "docs/en/index.md": "---\ntitle: Home\n---\n# Home\n",
    "docs/es-419/index.md": "---\ntitle: Inicio\n---\n# Inicio\n",
    "docs/pt-br/index.md": "---\ntitle: Início\n---\n# Início\n",
    "docs/en/_posts/2024-03-01-gamma.md": _post(
        "Gamma", "Gamma words.", categories=["news"], tags=["intro", "Big Tag"]
    ),
    "docs/en/_posts/2024-01-02-beta.md": _post(
        "Beta", "Beta words.", categories=["tech"], tags=["intro"]
    ),
    "docs/en/_posts/2023-05-02-alpha.md": _post(
        "Alpha", "Alpha words.", categories=["news", "tech"]
    ),
    "docs/en/_posts/2022-07-07-quiet.md": _post(
        "Quiet", "Not in the feed.", categories=["tech"], feed=False
    ),
    "docs/en/_posts/2999-01-01-future.md": _post("Future", categories=["news"]),
    "docs/en/_drafts/draft.md": _post("Draft", categories=["news"]),
    "docs/es-419/_posts/2024-02-02-hola.md": _post(
        "Hola", "Palabras.", categories=["noticias"], tags=["intro"]
    ),
    "docs/es-419/_posts/2023-02-02-adios.md": _post("Adiós", "Adiós.", categories=["noticias"]),
    "docs/pt-br/_posts/2024-02-02-ola.md": _post("Olá", "Olá.", categories=["notícias"]),
}


def _config(**jekyll: Any) -> dict[str, Any]:
    return {
        "site_name": "Archives",
        "site_url": SITE_URL,
        "theme": {"name": "material"},
        "plugins": [
            "search",
            {"jekyll/i18n": {"languages": THREE_LOCALES}},
            {"jekyll": jekyll},
        ],
    }


def _build(root: Path, files: dict[str, str], *, strict: bool = False, **jekyll: Any) -> Path:
    project = root / "project"
    write_files(project, files)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(_config(**jekyll)), encoding="utf-8")
    return build_project(project, strict=strict)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("archives"), FILES, strict=True)


def _titles(section: Any) -> list[str]:
    return [a.get_text(strip=True) for a in section.select(".archive__item-title a")]


def _sections(path: Path) -> dict[str, list[str]]:
    page = html(path)
    return {section["id"]: _titles(section) for section in page.select("section.taxonomy__section")}


# -- the archives ------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["en", "es-419", "pt-br"])
def test_given_posts_then_each_locale_has_its_three_archives(site: Path, locale: str) -> None:
    for name in ("categories", "tags", "year-archive"):
        assert (site / locale / name / "index.html").is_file()
    assert not (site / "categories").exists()


def test_the_year_archive_lists_every_published_post_once_newest_year_first(site: Path) -> None:
    assert _sections(site / "en/year-archive/index.html") == {
        "2024": ["Gamma", "Beta"],
        "2023": ["Alpha"],
        "2022": ["Quiet"],
    }
    years = html(site / "en/year-archive/index.html").select("section.taxonomy__section")
    assert [section["id"] for section in years] == ["2024", "2023", "2022"]
    assert _sections(site / "es-419/year-archive/index.html") == {
        "2024": ["Hola"],
        "2023": ["Adiós"],
    }
    assert _sections(site / "pt-br/year-archive/index.html") == {"2024": ["Olá"]}


def test_categories_largest_first_posts_newest_first_no_draft_or_future(site: Path) -> None:
    page = html(site / "en/categories/index.html")
    assert [s["id"] for s in page.select("section.taxonomy__section")] == ["tech", "news"]
    assert _sections(site / "en/categories/index.html") == {
        "tech": ["Beta", "Alpha", "Quiet"],
        "news": ["Gamma", "Alpha"],
    }
    index = [li.get_text(" ", strip=True) for li in page.select(".taxonomy__index li")]
    assert index == ["tech 3", "news 2"]


def test_tags_are_grouped_per_locale(site: Path) -> None:
    assert _sections(site / "en/tags/index.html") == {
        "intro": ["Gamma", "Beta"],
        "big-tag": ["Gamma"],
    }
    assert _sections(site / "es-419/tags/index.html") == {"intro": ["Hola"]}


def test_each_entry_shows_title_date_read_time_and_excerpt(site: Path) -> None:
    page = html(site / "en/year-archive/index.html")
    item = page.select_one("article.archive__item")
    assert item is not None
    assert item.select_one(".archive__item-title a")["href"] == "/en/news/2024/03/01/gamma/"
    assert item.select_one("time")["datetime"] == "2024-03-01"
    assert item.select_one(".page__meta-readtime").get_text(strip=True) == (
        "less than 1 minute read"
    )
    assert item.select_one(".archive__item-excerpt").get_text(strip=True) == "Gamma words."


def test_titles_and_labels_are_localized(site: Path) -> None:
    page = html(site / "es-419/categories/index.html")
    assert page.select_one("h1").get_text(strip=True) == "Entradas por categoría"
    assert page.select_one(".page__meta-readtime").get_text(strip=True) == (
        "menos de 1 minutos de lectura"
    )
    titles = {
        locale: html(site / locale / "year-archive/index.html")
        .select_one("h1")
        .get_text(strip=True)
        for locale in ("en", "es-419", "pt-br")
    }
    assert titles == {"en": "Posts by Year", "es-419": "Entradas por año", "pt-br": "Posts por ano"}


def test_the_locales_archives_pair_in_the_head_alternates(site: Path) -> None:
    page = html(site / "es-419/tags/index.html")
    alternates = {
        link["hreflang"]: link["href"]
        for link in page.select('link[rel="alternate"][hreflang]')
        if not link["href"].endswith(".xml")
    }
    assert alternates == {
        "en": f"{SITE_URL}en/tags/",
        "es-419": f"{SITE_URL}es-419/tags/",
        "pt-BR": f"{SITE_URL}pt-br/tags/",
        "x-default": f"{SITE_URL}en/tags/",
    }


def test_the_archives_are_in_the_sitemap(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for locale in ("en", "es-419", "pt-br"):
        for name in ("categories", "tags", "year-archive"):
            assert f"<loc>{SITE_URL}{locale}/{name}/</loc>" in sitemap


def _archive_entries(index_path: Path) -> dict[str, list[tuple[str, str]]]:
    """The archives' entries of a search index: location -> [(title, text)], in order."""
    index = json.loads(index_path.read_text(encoding="utf-8"))
    entries: dict[str, list[tuple[str, str]]] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0].rstrip("/").rsplit("/", 1)[-1]
        if page in ("categories", "tags", "year-archive"):
            entries.setdefault(doc["location"], []).append((doc["title"], doc["text"]))
    return entries


def test_the_archives_are_in_each_locales_search_index_once_per_section(site: Path) -> None:
    en = _archive_entries(site / "en/search/search_index.json")
    assert list(en) == [
        "categories/",
        "categories/#tech",
        "categories/#news",
        "tags/",
        "tags/#intro",
        "tags/#big-tag",
        "year-archive/",
        "year-archive/#2024",
        "year-archive/#2023",
        "year-archive/#2022",
    ]
    assert all(len(found) == 1 for found in en.values())
    assert en["categories/"] == [
        ("Posts by Category", "<ul> <li>tech 3</li> <li>news 2</li> </ul>")
    ]
    title, text = en["tags/#big-tag"][0]
    assert title == "Big Tag"
    assert text.startswith("Gamma <p>2024-03-01 less than 1 minute read</p> <p>Gamma words.</p>")
    assert en["year-archive/#2022"][0][0] == "2022"
    assert "Quiet" in en["year-archive/#2022"][0][1]
    es = _archive_entries(site / "es-419/search/search_index.json")
    assert list(es) == [
        "categories/",
        "categories/#noticias",
        "tags/",
        "tags/#intro",
        "year-archive/",
        "year-archive/#2024",
        "year-archive/#2023",
    ]
    assert es["categories/"][0][0] == "Entradas por categoría"
    title, text = es["categories/#noticias"][0]
    assert title == "noticias"
    assert text.startswith("Hola <p>2024-02-02 menos de 1 minutos de lectura</p>")
    assert "Adiós" in text
    merged = _archive_entries(site / "search/search_index.json")
    assert [title for title, _ in merged["es-419/tags/#intro"]] == ["intro"]
    assert [title for title, _ in merged["en/tags/#intro"]] == ["intro"]


def test_the_listing_is_printed_once_with_its_section_ids(site: Path) -> None:
    page = html(site / "en/tags/index.html")
    assert len(page.select(".taxonomy__index")) == 1
    assert [h2.get_text(strip=True) for h2 in page.select("h2.archive__subtitle")] == [
        "intro",
        "Big Tag",
    ]
    assert page.select("h1[id], h2.archive__subtitle[id]") == []


def test_taxonomy_links_of_posts_point_at_the_locales_archives(site: Path) -> None:
    page = html(site / "es-419/noticias/2024/02/02/hola/index.html")
    links = [a["href"] for a in page.select(".page__taxonomy a")]
    assert links == ["/es-419/tags/#intro", "/es-419/categories/#noticias"]


def test_every_internal_link_of_the_site_resolves(site: Path) -> None:
    broken = []
    for path in site.rglob("*.html"):
        page_url = "/" + path.relative_to(site).as_posix()
        soup = html(path)
        for tag in soup.find_all(["a", "link", "img", "script"]):
            target = tag.get("href") or tag.get("src")
            if not target or (tag.get("rel") == ["alternate"] and target.endswith(".xml")):
                continue
            problem = _check_link(site, page_url, str(target))
            if problem:
                broken.append(f"{page_url}: {target}: {problem}")
    assert broken == []


def _check_link(site: Path, page_url: str, target: str) -> str | None:
    parts = urlsplit(target)
    if parts.scheme in ("mailto", "javascript", "data", "tel"):
        return None
    if parts.scheme or parts.netloc:
        if not target.startswith(SITE_URL):
            return None
        parts = urlsplit(target[len(SITE_URL) - 1 :])
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    url = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else page_url
    if parts.path.endswith("/") or not parts.path:
        url = url.rstrip("/") + ("/" if not url.endswith(".html") else "")
    file = site / url.lstrip("/")
    if url.endswith("/"):
        file = file / "index.html"
    if not file.exists():
        return "no such file"
    if parts.fragment and file.suffix == ".html":
        ids = {tag.get("id") for tag in html(file).find_all(id=True)}
        if unquote(parts.fragment) not in ids:
            return "no such anchor"
    return None


# -- site.categories and site.tags ------------------------------------------------------------


def test_site_categories_and_tags_hold_the_locales_posts(tmp_path: Path) -> None:
    files = {
        **FILES,
        "docs/es-419/mias.md": (
            "---\ntitle: Mías\n---\n"
            # `/`, not `|`: kramdown (as Jekyll) reads a line with pipes as a table.
            "{% for c in site.categories %}{{ c[0] }}={% for p in c[1] %}{{ p.title }};"
            "{% endfor %}/{% endfor %}"
            "{% for t in site.tags %}{{ t[0] }}={{ t[1] | size }}/{% endfor %}\n"
        ),
        "docs/root.md": "---\ntitle: Root\n---\n{{ site.categories | size }}\n",
    }
    site = _build(tmp_path, files)
    text = html(site / "es-419/mias/index.html").select_one("article").get_text()
    assert "es-419=Hola;Adiós;/noticias=Hola;Adiós;/intro=1/" in text
    # Outside the locale folders: the whole site's, as Jekyll's (the three locale folders,
    # news, tech, noticias, notícias).
    assert "<p>7</p>" in (site / "root/index.html").read_text(encoding="utf-8")


# -- the site's own pages, options ------------------------------------------------------------


def test_a_sites_own_page_at_the_url_wins_without_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    files = {
        **FILES,
        "docs/en/categories.md": (
            "---\ntitle: My categories\npermalink: /en/categories/\nlayout: categories\n---\nMINE\n"
        ),
    }
    with caplog.at_level(logging.WARNING):
        site = _build(tmp_path, files, strict=True)
    assert warning_lines(caplog) == []
    page = html(site / "en/categories/index.html")
    assert page.select_one("h1").get_text(strip=True) == "My categories"
    assert "MINE" in page.get_text()
    archive = page.select_one("div.archive")
    assert archive is not None
    assert archive.get_text(" ", strip=True).startswith("MINE tech 3 news 2")
    assert len(page.select(".taxonomy__index")) == 1
    assert _sections(site / "en/categories/index.html") == {
        "tech": ["Beta", "Alpha", "Quiet"],
        "news": ["Gamma", "Alpha"],
    }
    index = json.loads((site / "en/search/search_index.json").read_text(encoding="utf-8"))
    own = [doc for doc in index["docs"] if doc["location"].startswith("categories/")]
    assert [(doc["location"], doc["title"], doc["text"]) for doc in own] == [
        ("categories/", "My categories", "<p>MINE</p>")
    ]
    post = html(site / "en/news/2024/03/01/gamma/index.html")
    assert [a["href"] for a in post.select(".page__taxonomy--categories a")] == [
        "/en/categories/#news"
    ]
    assert (site / "es-419/categories/index.html").is_file()


def test_paths_are_configurable_and_archives_can_be_turned_off(tmp_path: Path) -> None:
    site = _build(
        tmp_path / "a",
        FILES,
        archives_categories_path="/:locale/blog/categories/",
        archives_tags_path="",
    )
    assert (site / "pt-br/blog/categories/index.html").is_file()
    assert not (site / "pt-br/tags").exists()
    assert (site / "pt-br/year-archive/index.html").is_file()
    off = _build(tmp_path / "b", FILES, archives_enabled=False)
    assert not (off / "en/categories").exists()
    post = html(off / "es-419/noticias/2024/02/02/hola/index.html")
    assert post.select(".page__taxonomy a") == []


def test_a_site_without_locales_gets_root_archives(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_files(
        project,
        {
            "docs/index.md": "---\ntitle: Home\n---\n# Home\n",
            "docs/_posts/2024-01-02-one.md": _post("One", categories=["news"], tags=["x"]),
        },
    )
    config = {"site_name": "Plain", "site_url": SITE_URL, "theme": {"name": "material"}}
    config["plugins"] = [{"jekyll": {}}]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    site = build_project(project, strict=True)
    assert _sections(site / "categories/index.html") == {"news": ["One"]}
    assert _sections(site / "tags/index.html") == {"x": ["One"]}
    assert _sections(site / "year-archive/index.html") == {"2024": ["One"]}


# -- mkdocs serve --------------------------------------------------------------------------------


def test_a_post_body_edit_under_serve_rebuilds_the_whole_site(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from test_incremental_serve import (
        _assert_same_as_full_build,
        _edit,
        _project,
        _rebuild_logged,
        _serving,
    )

    config = _config()
    project = _project(tmp_path / "project", FILES, config)
    with _serving(project, tmp_path / "served") as session:
        _edit(project, "docs/es-419/_posts/2024-02-02-hola.md", "Palabras.", "Nuevas palabras.")
        logged = _rebuild_logged(session, caplog)
        assert logged == (
            "Rebuilding the whole site: 'es-419/_posts/2024-02-02-hola.md' is a post its "
            "locale's archive pages list."
        )
        page = html(session.site_dir / "es-419/year-archive/index.html")
        excerpts = [p.get_text(strip=True) for p in page.select(".archive__item-excerpt")]
        assert excerpts == ["Nuevas palabras.", "Adiós."]
        _assert_same_as_full_build(session, tmp_path)


def test_without_a_nav_the_archives_are_built_but_not_listed_in_materials_nav(
    build_site: Any,
) -> None:
    """MkDocs' automatic nav lists every page; the generated archives showed up there as a
    section named after their generated folder. jekyll-archives' pages are reached through
    posts and menus, so they are built and left out of the automatic nav."""
    site = build_site(
        files={
            "docs/index.md": "---\ntitle: Home\n---\nHi\n",
            "docs/_posts/2024-01-02-post.md": _post("Post", categories=["a"], tags=["t"]),
        },
        plugins=[{"jekyll": {"look": "material"}}],
        strict=True,
    )
    for archive in ("categories/index.html", "tags/index.html", "year-archive/index.html"):
        assert (site / archive).is_file()
    nav = html(site / "index.html").select("nav.md-nav--primary .md-nav__link")
    labels = [link.get_text(" ", strip=True) for link in nav]
    assert "Home" in labels
    assert not [label for label in labels if "archive" in label.lower() or "by" in label]
