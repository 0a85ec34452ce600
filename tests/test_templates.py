"""The package's templates: ``layout: single`` with the author sidebar, and region locales.

Given a Material site with the ``jekyll`` plugin (its ``author`` option, the site's
``_data/ui-text.yml``, ``theme.language``, the site's ``overrides/``), when the site is built in
strict mode, then the pages show what Minimal Mistakes shows, escaped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from jinja2 import Environment

from sitebuild import BuildSite, html

TEMPLATES = Path(__file__).resolve().parent.parent / "plugins" / "mkdocs_jekyll" / "templates"
MATERIAL = Path(str(package_files("material"))) / "templates"

AUTHOR: dict[str, Any] = {
    "name": "Ada Lovelace",
    "avatar": "profile.png",
    "bio": "Engineer & writer.",
    "location": "London",
    "employer": "Analytical Engines",
    "email": "ada@example.com",
    "github": "ada",
    "links": [
        {"label": "Scholar", "icon": "ai ai-google-scholar",
         "url": "https://scholar.google.com/citations?user=x&hl=en"},
        {"label": "Odd icon", "icon": "fab fa-no-such-brand", "url": "https://odd.example/"},
    ],
}  # fmt: skip

PAGE = """
---
layout: single
author_profile: true
title: "Impact & Outcomes"
excerpt: "Measurable outcomes from production ML."
---
Some text.

## Section
"""


def build(
    build_site: BuildSite,
    pages: Mapping[str, str],
    *,
    author: Mapping[str, Any] | None = None,
    theme: Mapping[str, Any] | None = None,
    overrides: Mapping[str, str] | None = None,
    ui_text: str | None = None,
    options: Mapping[str, Any] | None = None,
) -> Path:
    """Build a strict Material site with the ``jekyll`` plugin and its ``author`` option.

    ``ui_text`` is the site's ``_data/ui-text.yml`` and ``options`` more ``jekyll`` options;
    the plugin puts the package's
    ``templates/`` between ``overrides/`` and Material, and adds its stylesheets itself.
    """
    files = {f"docs/{name}": text for name, text in pages.items()}
    files["docs/images/profile.png"] = "png"  # AUTHOR's avatar: a missing one fails --strict
    files |= {f"overrides/{name}": text for name, text in (overrides or {}).items()}
    if ui_text is not None:
        files["_data/ui-text.yml"] = ui_text
    settings: dict[str, Any] = {"name": "material"} | dict(theme or {})
    if overrides:
        settings["custom_dir"] = "overrides"
    return build_site(
        files=files,
        strict=True,
        site_url="https://example.github.io/repo/",
        theme=settings,
        plugins=[
            "search",
            {
                "jekyll": {"author": dict(AUTHOR if author is None else author)}
                | dict(options or {})
            },
        ],
    )


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    """The single element matching ``selector``."""
    found = soup.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} matches"
    return found[0]


def link_table(profile: Tag) -> list[tuple[str, str]]:
    """(label, href) of every link of an author profile."""
    return [
        (a.get_text(" ", strip=True), str(a["href"]))
        for a in profile.select(".jekyll-author__urls a")
    ]


# -----------------------------------------------------------------------------
# Author profile


@pytest.mark.parametrize(
    ("look", "below_author"),
    [
        ("material", [["md-nav", "md-nav--primary"]]),
        # The Minimal Mistakes look (the default for `layout: single`) has the menu in its
        # masthead instead.
        (None, []),
    ],
    ids=["material look: the navigation follows", "minimal-mistakes look: the masthead has it"],
)
def test_author_profile_sits_above_the_navigation_in_the_primary_sidebar(
    build_site: BuildSite, look: str | None, below_author: list[list[str]]
) -> None:
    options = {"look": look} if look else {}
    site = build(build_site, {"index.md": "# Home\n", "impact.md": PAGE}, options=options)
    soup = html(site / "impact" / "index.html")

    sidebar = one(soup, ".md-sidebar--primary")
    inner = one(sidebar, ".md-sidebar__inner")
    children = [child for child in inner.children if isinstance(child, Tag)]
    assert [c.get("class") for c in children] == [["jekyll-author-sidebar"], *below_author]

    profile = one(sidebar, ".jekyll-author")
    assert one(profile, ".jekyll-author__name").get_text(strip=True) == "Ada Lovelace"
    assert one(profile, ".jekyll-author__bio").get_text(strip=True) == "Engineer & writer."
    assert one(profile, "img.jekyll-author__avatar-img")["src"] == "/repo/images/profile.png"
    assert one(profile, "img.jekyll-author__avatar-img")["alt"] == "Ada Lovelace"
    assert one(profile, ".jekyll-author__location").get_text(strip=True) == "London"
    assert one(profile, ".jekyll-author__employer").get_text(strip=True) == "Analytical Engines"
    assert link_table(profile) == [
        ("Scholar", "https://scholar.google.com/citations?user=x&hl=en"),
        ("Odd icon", "https://odd.example/"),
        ("Email", "mailto:ada@example.com"),
        ("GitHub", "https://github.com/ada"),
    ]
    # Every link has an icon, even when Material lacks the one asked for.
    assert all(li.select_one(".jekyll-author__icon svg") for li in profile.select("li"))
    # The table of contents keeps its own sidebar.
    assert one(soup, ".md-sidebar--secondary").select_one(".md-nav--secondary")


def test_narrow_screens_get_a_compact_profile_with_a_follow_button(build_site: BuildSite) -> None:
    site = build(build_site, {"index.md": "# Home\n", "impact.md": PAGE})
    soup = html(site / "impact" / "index.html")

    compact = one(soup, ".jekyll-author-compact .jekyll-author--compact")
    assert compact.find_parent(class_="md-sidebar") is None
    assert one(compact, "summary").get_text(strip=True) == "Follow"
    assert len(link_table(compact)) == 4


@pytest.mark.parametrize(
    ("language", "ui_text", "label"),
    [
        ("es-419", None, "Seguir"),
        ("en", "en:\n  follow_label: 'Sígueme:'\n", "Sígueme"),
    ],
    ids=["package labels of the base language", "the site's ui-text.yml"],
)
def test_follow_button_speaks_the_locale_of_ui_text(
    build_site: BuildSite, language: str, ui_text: str | None, label: str
) -> None:
    pages = {"index.md": "# Inicio\n", "impacto.md": PAGE}
    site = build(build_site, pages, theme={"language": language}, ui_text=ui_text)
    soup = html(site / "impacto" / "index.html")

    # Minimal Mistakes: `follow_label | remove: ":"`.
    assert one(soup, ".jekyll-author--compact summary").get_text(strip=True) == label


def test_title_and_excerpt_lead_the_page(build_site: BuildSite) -> None:
    site = build(build_site, {"index.md": "# Home\n", "impact.md": PAGE})
    soup = html(site / "impact" / "index.html")

    article = one(soup, "article.md-content__inner")
    assert one(article, "h1").get_text(strip=True) == "Impact & Outcomes"
    lead = one(article, "h1 + p.jekyll-page__lead")
    assert lead.get_text(strip=True) == "Measurable outcomes from production ML."
    assert soup.title is not None
    assert soup.title.get_text() == "Impact & Outcomes - Test site"


def test_content_with_its_own_h1_keeps_it_and_gets_no_second_title(build_site: BuildSite) -> None:
    page = PAGE.replace("Some text.", "# Own title\n\nSome text.")
    site = build(build_site, {"index.md": "# Home\n", "impact.md": page})
    article = one(html(site / "impact" / "index.html"), "article.md-content__inner")

    assert [h.get_text(strip=True) for h in article.select("h1")] == ["Own title"]


@pytest.mark.parametrize(
    "front_matter",
    ["layout: single", "layout: single\nauthor_profile: false"],
    ids=["author_profile unset", "author_profile false"],
)
def test_page_without_author_profile_has_materials_sidebars(
    build_site: BuildSite, front_matter: str
) -> None:
    pages = {"index.md": "# Home\n", "plain.md": f"---\n{front_matter}\n---\n# Plain\n"}
    site = build(build_site, pages)
    soup = html(site / "plain" / "index.html")

    assert soup.select(".jekyll-author") == []
    sidebar = one(soup, ".md-sidebar--primary")
    assert "jekyll-sidebar" not in sidebar["class"]
    assert sidebar.select_one(".md-nav--primary")


def test_no_author_configured_means_no_profile(build_site: BuildSite) -> None:
    site = build(build_site, {"index.md": "# Home\n", "impact.md": PAGE}, author={"bio": "x"})
    soup = html(site / "impact" / "index.html")

    assert soup.select(".jekyll-author") == []
    assert one(soup, ".md-sidebar--primary").select_one(".md-nav--primary")


def test_hidden_navigation_keeps_the_author(build_site: BuildSite) -> None:
    page = PAGE.replace("author_profile: true", "author_profile: true\nhide: [navigation, toc]")
    site = build(build_site, {"index.md": "# Home\n", "impact.md": page})
    soup = html(site / "impact" / "index.html")

    sidebar = one(soup, ".md-sidebar--primary")
    assert sidebar.select_one(".jekyll-author")
    assert sidebar.select_one(".md-nav--primary") is None
    assert one(soup, ".md-sidebar--secondary").has_attr("hidden")


def test_stylesheet_is_shipped_with_the_theme(build_site: BuildSite) -> None:
    site = build(build_site, {"index.md": "# Home\n", "impact.md": PAGE})
    soup = html(site / "impact" / "index.html")

    assert (site / "assets" / "mkdocs_jekyll" / "jekyll.css").is_file()
    hrefs = [str(link["href"]) for link in soup.select("link[rel=stylesheet]")]
    assert "../assets/mkdocs_jekyll/jekyll.css" in hrefs


# -----------------------------------------------------------------------------
# Escaping: MkDocs' Jinja environment does not autoescape


@pytest.mark.parametrize(
    ("seo", "title"),
    [
        # jekyll-seo-tag's title: `strip_html` drops the script element, contents and all.
        (True, "Impact - Test site"),
        # Without SEO tags, the package's main.html prints the front matter title, escaped.
        (False, "Impact <script>alert('title')</script> - Test site"),
    ],
    ids=["seo title", "seo off"],
)
def test_front_matter_and_config_values_are_escaped(
    build_site: BuildSite, seo: bool, title: str
) -> None:
    author = {
        "name": "Ada <script>alert('name')</script>",
        "bio": "Bio <script>alert('bio')</script> & more",
        "location": "<b>Lima</b>",
        "avatar": 'https://cdn.example/a.png" onerror="alert(1)',
        "links": [{"label": "<i>Web</i>", "icon": "fas fa-link",
                   "url": 'https://x.example/?a=1&b="2"'}],
    }  # fmt: skip
    page = PAGE.replace(
        'title: "Impact & Outcomes"', "title: \"Impact <script>alert('title')</script>\""
    ).replace(
        'excerpt: "Measurable outcomes from production ML."',
        "excerpt: \"Lead <script>alert('excerpt')</script>\"",
    )
    site = build(
        build_site,
        {"index.md": "# Home\n", "impact.md": page},
        author=author,
        options={"seo_enabled": seo},
    )
    text = (site / "impact" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(text, "html.parser")

    for region in soup.select(".jekyll-author"):
        assert region.find(["script", "b", "i"]) is None
        assert one(region, ".jekyll-author__name").get_text(strip=True) == author["name"]
        assert one(region, ".jekyll-author__bio").get_text(strip=True) == author["bio"]
        assert one(region, ".jekyll-author__location").get_text(strip=True) == "<b>Lima</b>"
        img = one(region, "img")
        assert img["src"] == author["avatar"]
        assert not img.has_attr("onerror")
        assert link_table(region) == [("<i>Web</i>", 'https://x.example/?a=1&b="2"')]
    for marker in ("alert('name')", "alert('bio')", "alert('excerpt')"):
        assert f"<script>{marker}" not in text
    # Material itself prints the title unescaped in its header and nav; ours does not.
    article = one(soup, "article.md-content__inner")
    assert article.find("script") is None
    assert one(article, "h1").get_text() == "Impact <script>alert('title')</script>"
    assert soup.title is not None
    assert soup.title.get_text() == title


# -----------------------------------------------------------------------------
# The site's overrides/ win over the package's templates


def test_site_overrides_win_over_the_package(build_site: BuildSite) -> None:
    overrides = {
        "main.html": (
            '{% extends "base.html" %}\n'
            '{% block extrahead %}<meta name="x-site-main" content="yes">{% endblock %}\n'
        ),
        "partials/jekyll/author-profile.html": (
            '<div class="my-author">{{ jekyll_author.name | e }}</div>\n'
        ),
    }
    site = build(build_site, {"index.md": "# Home\n", "impact.md": PAGE}, overrides=overrides)
    soup = html(site / "impact" / "index.html")

    assert soup.select_one('meta[name="x-site-main"]')
    assert [d.get_text() for d in soup.select(".my-author")] == ["Ada Lovelace", "Ada Lovelace"]
    assert soup.select(".jekyll-author") == []


# -----------------------------------------------------------------------------
# Material UI language for region locales


def test_es_419_site_speaks_spanish_and_says_es_419(build_site: BuildSite) -> None:
    site = build(build_site, {"index.md": "# Inicio\n"}, theme={"language": "es-419"})
    soup = html(site / "index.html")

    assert soup.html is not None
    assert soup.html["lang"] == "es-419"
    search = one(soup, "input.md-search__input")
    assert search["placeholder"] == "Búsqueda"
    assert one(soup, "nav.md-search__options")["aria-label"] == "Buscar"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["es"]


@pytest.fixture(scope="module")
def language_env(tmp_path_factory: pytest.TempPathFactory) -> Environment:
    """MkDocs' Jinja environment of a site with the plugin, after its ``on_config``.

    The theme folders are then the plugin's order (the package's templates before Material),
    so a language file is found exactly as a page build finds it.
    """
    from mkdocs.config import load_config

    project = tmp_path_factory.mktemp("language-env")
    (project / "docs").mkdir()
    settings = {"site_name": "Test site", "theme": {"name": "material"}, "plugins": ["jekyll"]}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    dirs = [Path(folder).resolve() for folder in config.theme.dirs]
    assert dirs.index(TEMPLATES) < dirs.index(MATERIAL.resolve())
    env: Environment = config.theme.get_env()
    return env


@pytest.mark.parametrize(
    ("language", "tag", "base"),
    [
        ("es-419", "es-419", "es"), ("es-mx", "es-MX", "es"), ("es-ar", "es-AR", "es"),
        ("es-es", "es-ES", "es"), ("pt-br", "pt-BR", "pt-BR"), ("pt-pt", "pt-PT", "pt"),
        ("en-us", "en-US", "en"), ("en-gb", "en-GB", "en"), ("fr-ca", "fr-CA", "fr"),
        ("de-ch", "de-CH", "de"), ("zh-hans", "zh-Hans", "zh"), ("zh-cn", "zh-CN", "zh"),
        ("zh-hant", "zh-Hant", "zh-Hant"), ("zh-tw", "zh-TW", "zh-TW"),
        ("zh-hk", "zh-HK", "zh-Hant"), ("ku-iq", "ku-IQ", "ku-IQ"),
    ],
)  # fmt: skip
def test_region_locale_reuses_its_base_language(
    language_env: Environment, language: str, tag: str, base: str
) -> None:
    env = language_env
    probe = env.from_string(
        '{% import "partials/language.html" as lang with context %}'
        "{{ lang.t('search.placeholder') }}|{{ lang.t('toc') }}|{{ lang.t('search.config.lang') }}"
        "|{{ lang.t('direction') }}|{{ lang.t('language') }}"
    )
    rendered = probe.render(config={"theme": {"language": language}})
    expected = probe.render(config={"theme": {"language": base}})
    # Same labels through Material's fallback chain (base, then en); only the tag differs.
    assert rendered.rsplit("|", 1) == [expected.rsplit("|", 1)[0], tag]


def test_every_language_file_imports_an_existing_material_language(
    language_env: Environment,
) -> None:
    env = language_env
    for path in sorted((TEMPLATES / "partials" / "languages").glob("*.html")):
        assert path.stem == path.stem.lower(), f"{path.name}: ship lowercase names only"
        assert not (MATERIAL / "partials" / "languages" / path.name).exists(), path.name
        module: Any = env.get_template(f"partials/languages/{path.name}").module
        assert module.t("language").lower() == path.stem, path.name
        assert module.t("search"), path.name


def test_academicpages_home_and_pronouns_reach_the_profile(build_site: BuildSite) -> None:
    # academicpages' author.home links the name and the avatar; author.pronouns is a line.
    author = {**AUTHOR, "home": "https://ada.example/", "pronouns": "she/her"}
    site = build(build_site, {"index.md": "# Home\n", "impact.md": PAGE}, author=author)
    soup = html(site / "impact" / "index.html")

    profile = one(one(soup, ".md-sidebar--primary"), ".jekyll-author")
    assert one(profile, ".jekyll-author__pronouns").get_text(strip=True) == "she/her"
    name = one(profile, ".jekyll-author__name a")
    assert (name.get_text(strip=True), name["href"]) == ("Ada Lovelace", "https://ada.example/")
    assert one(profile, ".jekyll-author__avatar a")["href"] == "https://ada.example/"


def test_the_reference_overrides_extend_the_package_page_template(tmp_path: Path) -> None:
    from sitebuild import build_project, copy_reference_site

    site = build_project(copy_reference_site(tmp_path / "ref"), strict=True)
    soup = html(site / "en/impact/index.html")
    # The site's own block is there, and the package's head (SEO, alternates) still is.
    assert soup.select_one('meta[name="color-scheme"]') is not None
    assert soup.select_one('meta[property="og:title"]') is not None
    assert soup.select_one('link[rel=alternate][hreflang="es-419"]') is not None
    assert soup.select_one("[data-jekyll-author=sidebar]") is not None
