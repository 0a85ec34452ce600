"""The pages at the root of a multi-locale site: the language landing page and the 404.

Every page lives under ``/<locale>/``, so without these ``/`` is a 404 and a missing page under
``/es-419/`` shows the last locale pass's 404. These pages work without JavaScript and carry
the base path in every URL. Their HTML is in ``templates/jekyll/`` (``landing.html``,
``404-root.html``), which a site may override; this module computes what they show. With
``i18n_root: redirect`` the root is a redirect stub (``redirects.render_stub``). No MkDocs
import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mkdocs_jekyll.features.page_templates import (
    LANDING,
    MARKER,
    ROOT_404,
    render_document,
    render_page,
)
from mkdocs_jekyll.i18n.translations import base_language, bcp47

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["MARKER", "LocaleHome", "language_name", "render_landing", "render_root_404"]

# Endonyms used when the plugin is not given the i18n plugin's `languages[].name`.
_ENDONYMS = {
    "ar": "العربية",
    "de": "Deutsch",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "it": "Italiano",
    "ja": "日本語",
    "ko": "한국어",
    "nl": "Nederlands",
    "pl": "Polski",
    "pt": "Português",
    "ru": "Русский",
    "tr": "Türkçe",
    "uk": "Українська",
    "zh": "中文",
}


@dataclass(frozen=True)
class LocaleHome:
    """One locale as the root pages list it."""

    locale: str
    """The configured code, which is also the URL segment (``pt-br``)."""
    name: str
    """What readers see: the language's own name (``Português``)."""
    path: str
    """The home page's URL path, base path included (``/repo/pt-br/``)."""
    href: str
    """The home page's absolute URL (the path alone without ``site_url``)."""

    @property
    def hreflang(self) -> str:
        """The BCP 47 tag (``pt-BR``)."""
        return bcp47(self.locale)


def language_name(locale: str, names: Mapping[str, str] | None) -> str:
    """The configured name of a locale, else its language's endonym, else its tag.

    Args:
        locale: The configured code.
        names: ``languages[].name`` of the i18n plugin, by code, when the plugin passes them.

    Returns:
        A name for a link text.
    """
    if names and names.get(locale):
        return names[locale]
    return _ENDONYMS.get(base_language(locale), bcp47(locale))


def render_landing(
    homes: Sequence[LocaleHome],
    *,
    title: str,
    lang: str,
    self_href: str,
    site_path: str,
    detect: bool,
    env: Environment | None = None,
) -> str:
    """The language landing page (``jekyll/landing.html``): each locale's home, with hreflang.

    Args:
        homes: Every locale, default first.
        title: The site title.
        lang: The default locale, for ``<html lang>``.
        self_href: The landing page's absolute URL (``x-default`` and canonical).
        site_path: The landing page's path (``/repo/``): readers coming from below it
            chose this page, and are not sent away.
        detect: Add the script sending visitors to the locale their browser prefers.
        env: The theme environment, whose ``overrides/jekyll/landing.html`` wins.

    Returns:
        A complete HTML5 document.
    """
    context = {
        "homes": homes,
        "title": title,
        "lang": lang,
        "self_href": self_href,
        "detect": detect,
        "detect_data": {
            "homes": {home.hreflang.lower(): home.path for home in homes},
            "site": site_path,
        },
    }
    return render_document(LANDING, context, env)


def render_root_404(
    page: str,
    homes: Sequence[LocaleHome],
    *,
    baseurl: str,
    shown: str | None,
    env: Environment | None = None,
) -> str:
    """The root 404 (``jekyll/404-root.html``): one locale's 404, sending readers to theirs.

    GitHub Pages serves the root ``404.html`` for every missing path. Without JavaScript the
    reader sees ``page`` (the default locale's 404) and a list of every locale's home; with
    it, a path under ``<baseurl>/<locale>/`` loads ``<baseurl>/<locale>/404.html`` instead.

    Args:
        page: The HTML of the 404 page to show (Material's, absolute URLs).
        homes: Every locale, default first.
        baseurl: The site's base path (``/repo`` or ``''``).
        shown: The locale ``page`` is in: its readers stay on it.
        env: The theme environment, whose ``overrides/jekyll/404-root.html`` wins.

    Returns:
        ``page`` with the script in its ``<head>`` and the list at the end of its article.
    """
    targets = {
        f"{baseurl}/{home.locale}/".lower(): f"{baseurl}/{home.locale}/404.html"
        for home in homes
        if home.locale != shown
    }
    head, body, end = split_404(page)
    context = {
        "page_head": head,
        "page_body": body,
        "page_end": end,
        "homes": homes,
        "targets": targets,
    }
    return render_page(ROOT_404, context, env)


def split_404(page: str) -> tuple[str, str, str]:
    """Cut a 404 page before its ``</head>`` and before the end of its article.

    The list of locales goes at the end of the article, else of ``<main>``, else of
    ``<body>``, else of the page; the script goes before ``</head>`` (else first).

    Returns:
        The text before ``</head>``, the text up to the list's place, and the rest.
    """
    head_end = max(page.find("</head>"), 0)
    list_at = len(page)
    for closing in ("</article>", "</main>", "</body>"):
        index = page.rfind(closing)
        if index >= 0:
            list_at = max(index, head_end)
            break
    return page[:head_end], page[head_end:list_at], page[list_at:]
