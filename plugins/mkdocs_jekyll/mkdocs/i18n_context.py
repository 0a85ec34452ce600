"""What the core plugin needs from ``jekyll/i18n`` (static-i18n) in a MkDocs build.

The core works without locales; these helpers answer "which locale pass is this?" and feed
the translation index to Material's language selector and search.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger
from mkdocs_static_i18n.plugin import I18n

from mkdocs_jekyll.features.search_index import configure_search_languages
from mkdocs_jekyll.i18n.translations import X_DEFAULT, Translations
from mkdocs_jekyll.jekyll.documents import Document, SiteModel, locale_folder_map

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)


def i18n_plugin(config: MkDocsConfig) -> Any:
    """The static-i18n plugin instance (``jekyll/i18n`` or upstream ``i18n``), if any."""
    for plugin in config.plugins.values():
        if isinstance(plugin, I18n):
            return plugin
    return None


def is_locale_pass(config: MkDocsConfig) -> bool:
    """True inside static-i18n's second and later locale passes of one build."""
    return any(isinstance(p, I18n) and p.building for p in config.plugins.values())


def current_locale(config: MkDocsConfig) -> str | None:
    """The locale static-i18n is building in this pass (None without jekyll/i18n)."""
    plugin = i18n_plugin(config)
    return None if plugin is None else str(plugin.current_language)


def locale_folders(config: MkDocsConfig) -> dict[str, str]:
    """Normalised folder name to configured locale, from static-i18n's ``languages``."""
    plugin = i18n_plugin(config)
    if plugin is None:
        return {}
    return locale_folder_map(plugin.all_languages)


def language_names(config: MkDocsConfig) -> dict[str, str] | None:
    """Locale to its ``languages[].name`` (``es-419`` -> ``Español``); None without i18n."""
    plugin = i18n_plugin(config)
    if plugin is None:
        return None
    return {lang.locale: lang.name for lang in plugin.config.languages}


def build_order(config: MkDocsConfig) -> list[str | None]:
    """The locales this build writes (all, or ``build_only_locale``), in static-i18n's
    order; ``[None]`` without i18n."""
    plugin = i18n_plugin(config)
    return [None] if plugin is None else list(plugin.build_languages)


def site_lang(config: MkDocsConfig) -> str | None:
    """Jekyll's ``site.lang``: the default locale, else Material's ``theme.language``."""
    plugin = i18n_plugin(config)
    if plugin is not None and plugin.default_language:
        return str(plugin.default_language)
    language = config.theme.get("language")
    return str(language) if language else None


def disable_instant_navigation(config: MkDocsConfig) -> None:
    """Turn off Material's instant loading on multi-locale sites, saying why."""
    plugin = i18n_plugin(config)
    features = config.theme.get("features") or []
    if plugin is None or len(plugin.build_languages) < 2 or "navigation.instant" not in features:
        return
    # Instant loading swaps the page body but keeps the header, so the language selector
    # would keep the first page's links and send readers to the wrong translation.
    config.theme["features"] = [f for f in features if not f.startswith("navigation.instant")]
    log.warning(
        "mkdocs.yml: theme.features: 'navigation.instant' was turned off: it keeps the "
        "language selector of the first page visited, whose links point at that page's "
        "translations. Remove it from theme.features to silence this warning."
    )


def configure_search(config: MkDocsConfig) -> None:
    """Search languages from the locales (``es`` for ``es-419``) on multi-locale sites."""
    plugin = i18n_plugin(config)
    if plugin is None:
        return
    for name in ("search", "material/search"):
        search = config.plugins.get(name)
        if search is not None:
            configure_search_languages(search.config, list(plugin.build_languages))


def build_translations(model: SiteModel, config: MkDocsConfig) -> Translations:
    """The translation index over every locale; homes are the locale folders' index pages."""
    plugin = i18n_plugin(config)
    if plugin is None:
        return Translations((), (), {})
    default = plugin.default_language
    locales = [default, *(code for code in plugin.build_languages if code != default)]
    homes = {}
    for code in locales:
        home = model.documents.get(f"{code}/index.md")
        homes[code] = home.url if home is not None else f"/{code}/"
    return Translations(model.built(), locales, homes)


def set_language_selector(
    config: MkDocsConfig, translations: Translations, doc: Document | None, baseurl: str
) -> None:
    """Feed Material's selector (``extra.alternate``) this page's translations.

    Each locale links to the page's translation, else to that locale's home page (every
    locale's home for a page outside the model, such as 404.html); the current locale is
    marked for ``partials/alternate.html``.
    """
    plugin = i18n_plugin(config)
    if plugin is None or len(plugin.build_languages) < 2:
        return
    current = (translations.locale_of(doc) if doc else None) or plugin.current_language
    names = language_names(config) or {}
    if doc is not None:
        switcher = translations.switcher(doc)
    else:
        switcher = translations.home_switcher()
    entries = [
        {
            "name": names.get(entry.locale, entry.locale),
            "link": baseurl + entry.url,
            "lang": entry.hreflang,
            "current": entry.locale == current,
            "translated": entry.translated,
        }
        for entry in switcher
    ]
    # static-i18n sets `config.extra.alternate` as an attribute, which Jinja reads before
    # the mapping item: set both so templates see this page's entries.
    config.extra["alternate"] = entries
    config.extra.alternate = entries  # type: ignore[attr-defined]


def page_language(translations: Translations, doc: Document | None) -> str | None:
    """The language a page outside the locale folders asks for with its ``lang``.

    Its configured locale (``lang: es-419``, or ``es_419``), else the ``lang`` as written;
    None for pages in a locale folder (their pass's language is theirs), for pages without
    ``lang`` and for ``lang: x-default`` (they keep the default locale's pass language).
    """
    if doc is None or doc.locale is not None:
        return None
    locale = translations.locale_of(doc)
    if locale is not None:
        return locale
    lang = doc.data.get("lang")
    if not isinstance(lang, str) or not lang or lang.lower() == X_DEFAULT:
        return None
    return lang


def set_page_language(config: MkDocsConfig, language: str | None) -> str | None:
    """Render one page in ``language``: Material's ``<html lang>`` and UI text.

    Material reads ``theme.language`` (``partials/language.html``), which static-i18n sets
    once per pass, so a root page with ``lang: es-419`` came out as the pass's English.
    A language with no ``partials/languages/<language>.html`` in the theme is left as is.
    The lower-case name is tried first: the package's region partials (``pt-br.html``)
    print the tag itself, where Material's ``pt-BR.html`` prints ``<html lang="pt">``.

    Returns:
        The pass's language, to give back with ``restore_language`` after the page; None
        when nothing changed.
    """
    current = config.theme.get("language")
    if not language or current is None:
        return None
    for name in dict.fromkeys((language.lower(), language)):
        if name == current:
            return None
        if any(
            Path(folder, "partials", "languages", f"{name}.html").is_file()
            for folder in config.theme.dirs
        ):
            config.theme["language"] = name
            return str(current)
    return None


def restore_language(config: MkDocsConfig, previous: str | None) -> None:
    """Give the pass its language back after a page rendered in its own (``set_page_language``)."""
    if previous is not None:
        config.theme["language"] = previous
