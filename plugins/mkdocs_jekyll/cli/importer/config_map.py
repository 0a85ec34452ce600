"""``mkdocs.yml`` from ``_config.yml``: each Jekyll setting where the plugins read it.

Settings the ``jekyll`` plugin has an option for go to that option; every other key goes
under its ``site:`` block verbatim, where Liquid sees it as ``site.<key>`` exactly as in
Jekyll (and where the Minimal Mistakes look reads its own keys: ``footer``, ``analytics``,
``comments``, ``masthead_title``...). Generated outputs the source's Jekyll did not make
(a feed without jekyll-feed, a sitemap without jekyll-sitemap, archive pages Minimal
Mistakes leaves to the site's own ``_pages``) are turned off, so the URLs stay the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mkdocs_jekyll.cli.importer.locales import SiteLocales
from mkdocs_jekyll.cli.importer.site_settings import settle_site_settings
from mkdocs_jekyll.jekyll.documents import normalise_locale

__all__ = ["jekyll_plugins", "mkdocs_config"]

# Keys the plugin or mkdocs.yml reads from elsewhere, so they are not repeated under `site:`.
_CONSUMED = frozenset(
    {"title", "description", "url", "baseurl", "permalink", "defaults", "collections",
     "author", "timezone", "future", "liquid", "minimal_mistakes_skin", "show_drafts"}
)  # fmt: skip
_LIQUID = {"error_mode": "liquid_error_mode", "strict_filters": "liquid_strict_filters",
           "strict_variables": "liquid_strict_variables"}  # fmt: skip


def jekyll_plugins(config: Mapping[str, Any]) -> set[str]:
    """The Jekyll plugins the site loads (``plugins``, and Jekyll 3's ``gems``)."""
    found: set[str] = set()
    for key in ("plugins", "gems", "whitelist"):
        value = config.get(key)
        if isinstance(value, list):
            found.update(str(item) for item in value)
    return found


def mkdocs_config(
    config: Mapping[str, Any],
    locales: SiteLocales,
    defaults: list[dict[str, Any]],
    *,
    dotfiles: list[str],
    hidden: list[str],
    notes: list[str],
    replaced: list[str],
) -> dict[str, Any]:
    """The ``mkdocs.yml`` mapping for a site.

    Args:
        config: The merged ``_config.yml``.
        locales: The site's languages.
        defaults: ``defaults`` with scopes rewritten for the new paths.
        dotfiles: Published files MkDocs would skip by default (``.htaccess``, ``.well-known``).
        hidden: Files to copy that MkDocs must not build (Markdown without front matter).
        notes: Receives one line per setting the author must look at.
        replaced: Receives one line per setting rewritten to its equivalent or left out.
    """
    plugins = jekyll_plugins(config)
    site = {key: value for key, value in config.items() if key not in _CONSUMED}
    jekyll: dict[str, Any] = {}
    if config.get("permalink"):
        jekyll["permalink"] = str(config["permalink"])
    else:
        jekyll["permalink"] = "date"  # Jekyll's default style, whatever MkDocs' URLs are
    if defaults:
        jekyll["defaults"] = defaults
    if config.get("collections"):
        jekyll["collections"] = config["collections"]
    author = _trimmed(config.get("author"))
    if isinstance(author, Mapping) and author:
        jekyll["author"] = author
    elif isinstance(config.get("author"), str):
        site["author"] = config["author"]
    for key in ("timezone", "future", "show_drafts", "minimal_mistakes_skin"):
        if config.get(key) not in (None, ""):
            jekyll[key] = config[key]
    kramdown = config.get("kramdown")
    if isinstance(kramdown, Mapping) and kramdown:
        jekyll["markdown_kramdown"] = dict(kramdown)  # the kramdown/ room reads the block
    markdown = config.get("markdown")
    if isinstance(markdown, str) and markdown.lower() != "kramdown":
        notes.append(
            f"_config.yml markdown: {markdown}: pages are read as kramdown (the only "
            "Markdown dialect the plugin mirrors); check pages relying on its own syntax"
        )
    liquid = config.get("liquid")
    if isinstance(liquid, Mapping):
        for key, option in _LIQUID.items():
            if key in liquid:
                jekyll[option] = liquid[key]
    if "jekyll-feed" not in plugins:
        jekyll["feed_enabled"] = False
    if "jekyll-sitemap" not in plugins:
        jekyll["sitemap_enabled"] = False
    if "jekyll-paginate" not in plugins and "paginate" in site:
        notes.append("'paginate' is set but jekyll-paginate is not loaded: left out")
        del site["paginate"]
    # Minimal Mistakes' archives are the site's own `_pages`; the plugin's would add URLs.
    jekyll["archives_enabled"] = False
    settled = settle_site_settings(site)
    site = settled.site
    notes += settled.warnings
    replaced += settled.replaced
    if site:
        jekyll["site"] = site
    result: dict[str, Any] = {
        "site_name": str(config.get("title") or config.get("name") or "My site"),
    }
    if config.get("description"):
        result["site_description"] = str(config["description"])
    result["site_url"] = _site_url(config, notes)
    result["theme"] = {
        "name": "material",
        "custom_dir": "overrides",
        "language": normalise_locale(locales.default).split("-")[0],
    }
    if dotfiles or hidden:
        lines = [f"!/{path}\n" for path in dotfiles] + [f"/{path}\n" for path in hidden]
        result["exclude_docs"] = "".join(lines)
    entries: list[Any] = ["search"] if settled.search else []
    if locales.multi:
        languages = [
            {"locale": code, "name": locales.names[code], "default": code == locales.default}
            for code in locales.codes
        ]
        entries.append({"jekyll/i18n": {"languages": languages}})
    entries.append({"jekyll": jekyll})
    result["plugins"] = entries
    return result


def _site_url(config: Mapping[str, Any], notes: list[str]) -> str:
    """Jekyll's ``url`` + ``baseurl``, ending in ``/``."""
    url = str(config.get("url") or "").rstrip("/")
    base = str(config.get("baseurl") or "").strip("/")
    if not url:
        url = "https://example.com"
        notes.append(
            "_config.yml has no 'url': site_url uses https://example.com; set your own "
            "(absolute links, feeds and the sitemap use it)"
        )
    return f"{url}/{base}/" if base else f"{url}/"


def _trimmed(value: object) -> object:
    """A mapping without its empty values (academicpages' author block lists every key)."""
    if not isinstance(value, Mapping):
        return value
    result = {}
    for key, item in value.items():
        item = _trimmed(item)
        if item is None or item == "" or item == [] or item == {}:
            continue
        result[str(key)] = item
    return result
