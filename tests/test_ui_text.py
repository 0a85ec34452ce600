"""Localized UI text: Minimal Mistakes' ``_data/ui-text.yml`` over the package's labels.

Given a multi-locale site with or without its own ``ui-text.yml``, when it is built, then
Liquid sees the merged labels as ``site.data.ui-text``, and each page's templates print its
locale's labels ("En esta página", "Seguir"), found through the chain locale -> base
language -> default locale -> en, label by label.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from mkdocs_jekyll.i18n.ui_text import fallback_chain, load_ui_text, ui_text_for
from mkdocs_jekyll.jekyll.errors import ContentError
from sitebuild import BUILD_ERROR, BuildSite, error_lines, html

LANGUAGES: list[dict[str, Any]] = [
    {"locale": "en", "name": "English", "default": True},
    {"locale": "es-419", "name": "Español"},
    {"locale": "pt-br", "name": "Português"},
]

AUTHOR = {"name": "Ada", "github": "ada", "location": "Lima"}

PAGE = "---\nlayout: single\nauthor_profile: {profile}\n---\n# {title}\n\n## One\n\n## Two\n{body}"

LAYOUT = (
    Path(__file__).resolve().parent.parent / "plugins/mkdocs_jekyll/templates/layouts/single.html"
)
SINGLE_USES_UI_TEXT_TOC = "partials/jekyll/language.html" in LAYOUT.read_text(encoding="utf-8")
needs_single_toc = pytest.mark.xfail(
    not SINGLE_USES_UI_TEXT_TOC,
    reason="layouts/single.html must import partials/jekyll/language.html as `lang` in its "
    "site_nav block (requested change)",
    strict=True,
)


def _page(title: str, *, profile: bool = True, body: str = "") -> str:
    return PAGE.format(title=title, profile=str(profile).lower(), body=body)


def _files(**extra: str) -> dict[str, str]:
    return {
        "docs/en/index.md": _page("Home"),
        "docs/en/plain.md": _page("Plain", profile=False),
        "docs/es-419/index.md": _page("Inicio"),
        "docs/es-419/plain.md": _page("Simple", profile=False),
        "docs/pt-br/index.md": _page("Início"),
        **extra,
    }


def _build(build_site: BuildSite, files: dict[str, str], **kwargs: Any) -> Path:
    plugins = ["search", {"jekyll/i18n": {"languages": LANGUAGES}}, {"jekyll": {"author": AUTHOR}}]
    return build_site(files=files, plugins=plugins, **kwargs)


def _toc_title(site: Path, page: str) -> str:
    label = html(site / page).select_one(".md-sidebar--secondary nav.md-nav--secondary label")
    assert label is not None
    return label.get_text(" ", strip=True)


def _follow(site: Path, page: str) -> str:
    button = html(site / page).select_one(".jekyll-author__follow-button")
    assert button is not None
    return button.get_text(strip=True)


def _article_text(site: Path, page: str) -> str:
    article = html(site / page).select_one("article")
    assert article is not None
    return article.get_text(" ", strip=True)


# -- loading and looking up, without a build ---------------------------------------------------


def test_without_a_site_file_the_package_labels_cover_en_es_pt() -> None:
    ui = load_ui_text(None)
    assert {code: ui[code]["toc_label"] for code in ("en", "es", "pt")} == {
        "en": "On this page",
        "es": "En esta página",
        "pt": "Nesta página",
    }
    labels = (
        "toc_label share_on_label follow_label related_label read_more_label more_label "
        "comments_label date_label minute_read less_than search_label pagination_previous "
        "pagination_next breadcrumb_home_label skip_links skip_primary_nav skip_content "
        "skip_footer page powered_by"
    ).split()
    for code in ("en", "es", "pt"):
        assert [name for name in labels if not ui[code].get(name)] == [], code


def test_site_labels_win_one_by_one_and_keep_the_sites_spelling() -> None:
    ui = load_ui_text(
        {"ES": {"toc_label": "Contenido", "menu_label": None}, "pt_BR": {"page": "Pág."}}
    )
    assert "es" not in ui and ui["ES"]["toc_label"] == "Contenido"
    assert ui["ES"]["follow_label"] == "Seguir:"  # the package's, not overridden
    assert ui["ES"]["menu_label"] == "Abrir el menú"  # an empty label keeps the default
    assert ui["pt_BR"] == {"page": "Pág."}  # a new locale: the chain fills the rest
    assert ui["pt"]["page"] == "Página"


def test_the_package_defaults_are_not_changed_by_a_merge() -> None:
    load_ui_text({"en": {"toc_label": "Changed"}})
    assert load_ui_text(None)["en"]["toc_label"] == "On this page"


def test_liquid_lookups_match_locales_like_the_plugin() -> None:
    ui = load_ui_text({"pt-BR": {"page": "Pág."}})
    assert ui["pt_br"]["page"] == "Pág."
    assert ui["en-US"]["toc_label"] == "On this page"  # a region finds its language
    assert ui.get("fr") is None
    with pytest.raises(KeyError):
        ui["fr"]


@dataclass
class MalformedCase:
    description: str
    user: Any
    message: str


MALFORMED_CASES = [
    MalformedCase(
        "the file is a list",
        ["toc_label"],
        "_data/ui-text.yml: Expected a mapping of locales to labels "
        "(en: {toc_label: 'On this page'}), received a list",
    ),
    MalformedCase(
        "a locale is a list",
        {"en": {"toc_label": "x"}, "es": ["En esta página"]},
        "_data/ui-text.yml: 'es': Expected a mapping of labels (toc_label: 'On this page'), "
        "received a list",
    ),
    MalformedCase(
        "a locale is a string",
        {"es": "Contenido"},
        "_data/ui-text.yml: 'es': Expected a mapping of labels (toc_label: 'On this page'), "
        "received a string",
    ),
]


@pytest.mark.parametrize("case", MALFORMED_CASES, ids=lambda case: case.description)
def test_a_malformed_site_file_is_an_error_naming_it(case: MalformedCase) -> None:
    with pytest.raises(ContentError) as info:
        load_ui_text(case.user)
    assert str(info.value) == case.message


@dataclass
class LookupCase:
    description: str
    ui_text: Any
    locale: str | None
    default: str | None
    expected: dict[str, Any]


USER: dict[str, Any] = {
    "en": {"toc_label": "On this page", "follow_label": "Follow:", "page": "Page"},
    "es": {"toc_label": "En esta página", "follow_label": "Seguir:"},
    "es-419": {"toc_label": "En esta página (LatAm)", "follow_label": None},
    "pt": {"toc_label": "Nesta página"},
    "fr": ["junk"],
}

LOOKUP_CASES = [
    LookupCase(
        "exact locale, then base language, then en, label by label",
        USER,
        "es-419",
        "en",
        {"toc_label": "En esta página (LatAm)", "follow_label": "Seguir:", "page": "Page"},
    ),
    LookupCase(
        "locale keys compare case- and separator-insensitively",
        {"EN": {"page": "Page"}, "PT_br": {"page": "Pág."}},
        "pt-br",
        "en",
        {"page": "Pág."},
    ),
    LookupCase(
        "an unknown locale gets the default locale's labels",
        USER,
        "de",
        "pt-br",
        {"toc_label": "Nesta página", "follow_label": "Follow:", "page": "Page"},
    ),
    LookupCase(
        "a junk locale entry counts as absent",
        USER,
        "fr",
        "es",
        {"toc_label": "En esta página", "follow_label": "Seguir:", "page": "Page"},
    ),
    LookupCase("no locale: the default", USER, None, "pt", {**USER["en"], **USER["pt"]}),
    LookupCase("junk ui-text", ["x"], "es", "en", {}),
    LookupCase("nothing at all", {}, None, None, {}),
]


@pytest.mark.parametrize("case", LOOKUP_CASES, ids=lambda case: case.description)
def test_ui_text_for(case: LookupCase) -> None:
    assert ui_text_for(case.ui_text, case.locale, case.default) == case.expected


def test_fallback_chain() -> None:
    assert fallback_chain("es-419", "en-US") == ["es-419", "es", "en-us", "en"]
    assert fallback_chain("pt_BR", None) == ["pt-br", "pt", "en"]
    assert fallback_chain(None, None) == ["en"]


# -- real builds -------------------------------------------------------------------------------


def test_given_no_site_file_then_liquid_sees_the_shipped_labels(build_site: BuildSite) -> None:
    body = (
        # `/`, not `|`: kramdown (as Jekyll) reads a line with pipes as a table.
        "\n{{ site.data.ui-text.es.toc_label }} / {{ site.data.ui-text['es-419'].follow_label }}"
        " / {{ site.data.ui-text['pt-BR'].minute_read }}\n"
    )
    site = _build(build_site, _files(**{"docs/en/index.md": _page("Home", body=body)}))
    assert _article_text(site, "en/index.html").endswith(
        "En esta página / Seguir: / minutos de leitura"
    )


def test_given_no_site_file_then_each_locale_follows_in_its_language(
    build_site: BuildSite,
) -> None:
    site = _build(build_site, _files(), strict=True)
    assert _follow(site, "en/index.html") == "Follow"
    assert _follow(site, "es-419/index.html") == "Seguir"
    assert _follow(site, "pt-br/index.html") == "Siga"


@needs_single_toc
@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("en/index.html", "On this page"),
        ("en/plain/index.html", "On this page"),
        ("es-419/index.html", "En esta página"),
        ("es-419/plain/index.html", "En esta página"),
        ("pt-br/index.html", "Nesta página"),
    ],
)
def test_given_a_single_layout_then_the_toc_is_titled_with_toc_label(
    build_site: BuildSite, page: str, title: str
) -> None:
    site = _build(build_site, _files(), strict=True)
    assert _toc_title(site, page) == title


USER_FILE = """
es: &ES
  toc_label: "Contenido"
  follow_label: "Sígueme:"
es-419:
  <<: *ES
  follow_label: "Seguime:"
en:
  follow_label: "Find me:"
"""


def test_given_a_site_file_with_anchors_then_its_labels_win(build_site: BuildSite) -> None:
    body = "\n{{ site.data.ui-text['es-419'].toc_label }} / {{ site.data.ui-text.en.toc_label }}\n"
    files = _files(
        **{"_data/ui-text.yml": USER_FILE, "docs/es-419/index.md": _page("Inicio", body=body)}
    )
    site = _build(build_site, files, strict=True)
    assert _article_text(site, "es-419/index.html").endswith("Contenido / On this page")
    assert _follow(site, "es-419/index.html") == "Seguime"
    assert _follow(site, "en/index.html") == "Find me"
    assert _follow(site, "pt-br/index.html") == "Siga"


@needs_single_toc
def test_given_a_site_file_then_its_toc_label_titles_the_toc(build_site: BuildSite) -> None:
    site = _build(build_site, _files(**{"_data/ui-text.yml": USER_FILE}), strict=True)
    assert _toc_title(site, "es-419/plain/index.html") == "Contenido"
    assert _toc_title(site, "en/plain/index.html") == "On this page"


def test_given_a_malformed_site_file_then_the_build_stops_naming_it(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    files = _files(**{"_data/ui-text.yml": "es:\n  - En esta página\n"})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        _build(build_site, files)
    assert error_lines(caplog) == [
        "_data/ui-text.yml: 'es': Expected a mapping of labels (toc_label: 'On this page'), "
        "received a list"
    ]
