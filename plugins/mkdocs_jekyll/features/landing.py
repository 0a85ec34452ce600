"""The pages at the root of a multi-locale site: the language landing page and the 404.

Every page lives under ``/<locale>/``, so without these ``/`` is a 404 and a missing page under
``/es-419/`` shows the last locale pass's 404. These pages are small and standalone (no
Material), work without JavaScript, and carry the base path in every URL. No MkDocs import.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from mkdocs_jekyll.i18n.translations import base_language, bcp47

MARKER = '<meta name="generator" content="mkdocs-jekyll">'
"""Marks pages this module wrote, so a rebuild into a dirty ``site/`` may replace them."""

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
) -> str:
    """The language landing page: each locale's home, with hreflang links.

    Args:
        homes: Every locale, default first.
        title: The site title.
        lang: The default locale, for ``<html lang>``.
        self_href: The landing page's absolute URL (``x-default`` and canonical).
        site_path: The landing page's path (``/repo/``): readers coming from below it
            chose this page, and are not sent away.
        detect: Add the script sending visitors to the locale their browser prefers.

    Returns:
        A complete HTML5 document.
    """
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        MARKER,
        f"<title>{escape(title)}</title>",
        f'<link rel="canonical" href="{escape(self_href)}">',
    ]
    head += [
        f'<link rel="alternate" hreflang="{escape(home.hreflang)}" href="{escape(home.href)}">'
        for home in homes
    ]
    head.append(f'<link rel="alternate" hreflang="x-default" href="{escape(self_href)}">')
    head.append(
        "<style>body{font-family:system-ui,sans-serif;margin:4rem auto;max-width:32rem;"
        "padding:0 1rem;line-height:1.5}li{margin:.5rem 0}</style>"
    )
    if detect:
        homes_by_tag = {home.hreflang.lower(): home.path for home in homes}
        head.append(_script(_DETECT_JS, {"homes": homes_by_tag, "site": site_path}))
    items = [
        f'<li><a href="{escape(home.path)}" hreflang="{escape(home.hreflang)}" '
        f'lang="{escape(home.hreflang)}">{escape(home.name)}</a></li>'
        for home in homes
    ]
    body = [f"<h1>{escape(title)}</h1>", '<ul class="mkdocs-jekyll-locales">', *items, "</ul>"]
    return _document(lang, head, ["<main>", *body, "</main>"])


def render_redirect(target_path: str, target_href: str, *, lang: str) -> str:
    """A redirect stub to the default locale's home, as jekyll-redirect-from writes them.

    Args:
        target_path: The target's URL path, base path included.
        target_href: The target's absolute URL (canonical).
        lang: The default locale, for ``<html lang>``.

    Returns:
        A complete HTML5 document: meta refresh, canonical, script and a plain link.
    """
    path = escape(target_path)
    head = [
        '<meta charset="utf-8">',
        MARKER,
        "<title>Redirecting&hellip;</title>",
        f'<link rel="canonical" href="{escape(target_href)}">',
        f'<meta http-equiv="refresh" content="0; url={path}">',
        '<meta name="robots" content="noindex">',
        _script("location.replace(DATA);", target_path),
    ]
    body = [
        "<h1>Redirecting&hellip;</h1>",
        f'<a href="{path}">Click here if you are not redirected.</a>',
    ]
    return _document(lang, head, body)


def render_root_404(
    page: str, homes: Sequence[LocaleHome], *, baseurl: str, shown: str | None
) -> str:
    """The root 404: one locale's 404 page, sending readers to their locale's 404 by URL.

    GitHub Pages serves the root ``404.html`` for every missing path. Without JavaScript the
    reader sees ``page`` (the default locale's 404) and a list of every locale's home; with
    it, a path under ``<baseurl>/<locale>/`` loads ``<baseurl>/<locale>/404.html`` instead.

    Args:
        page: The HTML of the 404 page to show (Material's, absolute URLs).
        homes: Every locale, default first.
        baseurl: The site's base path (``/repo`` or ``''``).
        shown: The locale ``page`` is in: its readers stay on it.

    Returns:
        ``page`` with the script in its ``<head>`` and the list at the end of its article.
    """
    targets = {
        f"{baseurl}/{home.locale}/".lower(): f"{baseurl}/{home.locale}/404.html"
        for home in homes
        if home.locale != shown
    }
    script = _script(_NOT_FOUND_JS, targets)
    items = "".join(
        f'<li><a href="{escape(home.path)}" hreflang="{escape(home.hreflang)}" '
        f'lang="{escape(home.hreflang)}">{escape(home.name)}</a></li>'
        for home in homes
    )
    listing = f'<nav class="mkdocs-jekyll-locales"><ul>{items}</ul></nav>'
    page = _insert_before(page, "</head>", f"{MARKER}{script}")
    for closing in ("</article>", "</main>", "</body>"):
        if closing in page:
            return _insert_before(page, closing, listing)
    return page + listing


# Tries each browser language in order: the exact tag, then a locale of the same language
# (es-MX finds es-419). Readers who came from a page of the site chose the landing page.
_DETECT_JS = """(function () {
  var data = DATA, homes = data.homes;
  if (document.referrer.indexOf(location.origin + data.site) === 0) return;
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var tag = String(wanted[i]).toLowerCase();
    if (homes[tag]) { location.replace(homes[tag]); return; }
    for (var key in homes) {
      if (key.split("-")[0] === tag.split("-")[0]) { location.replace(homes[key]); return; }
    }
  }
})();"""

# A locale's own 404.html never runs this script; the 404.html guard stops a loop should one
# of them be missing (the host would serve this page for it).
_NOT_FOUND_JS = """(function () {
  var targets = DATA;
  var path = location.pathname.toLowerCase();
  if (/\\/404\\.html$/.test(path)) return;
  for (var prefix in targets) {
    if (path.slice(0, prefix.length) === prefix) { location.replace(targets[prefix]); return; }
  }
})();"""


def _script(code: str, data: object) -> str:
    """An inline script with ``data`` as a JSON literal (``<`` escaped: no early ``</script>``)."""
    literal = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return f"<script>{code.replace('DATA', literal, 1)}</script>"


def _document(lang: str, head: Sequence[str], body: Sequence[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{escape(lang)}">',
            "<head>",
            *head,
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _insert_before(page: str, marker: str, text: str) -> str:
    index = page.rfind(marker) if marker != "</head>" else page.find(marker)
    if index < 0:
        return text + page
    return page[:index] + text + page[index:]
