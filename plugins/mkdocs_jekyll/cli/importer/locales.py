"""The site's languages, from the keys multi-language Jekyll sites use.

There is no standard: academicpages forks write ``supported_locales``, jekyll-polyglot
``languages`` and ``default_lang``, others ``locales``; Minimal Mistakes reads ``locale``
for its UI text and most layouts print ``lang``. The first list found names the locales,
``lang``/``locale``/``default_lang`` the default one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mkdocs_jekyll.jekyll.documents import normalise_locale

__all__ = ["SiteLocales", "read_locales", "spelled_as_folders"]

_LIST_KEYS = ("supported_locales", "languages", "locales")
_DEFAULT_KEYS = ("default_locale", "default_lang", "lang", "locale")
# Each language's name in itself, for the language selector when the site names none.
ENDONYMS = {
    "ar": "العربية", "ca": "Català", "cs": "Čeština", "da": "Dansk", "de": "Deutsch",
    "el": "Ελληνικά", "en": "English", "es": "Español", "fa": "فارسی", "fi": "Suomi",
    "fr": "Français", "he": "עברית", "hi": "हिन्दी", "hu": "Magyar", "id": "Bahasa Indonesia",
    "it": "Italiano", "ja": "日本語", "ko": "한국어", "nl": "Nederlands", "no": "Norsk",
    "pl": "Polski", "pt": "Português", "ro": "Română", "ru": "Русский", "sv": "Svenska",
    "tr": "Türkçe", "uk": "Українська", "vi": "Tiếng Việt", "zh": "中文",
}  # fmt: skip


@dataclass(frozen=True)
class SiteLocales:
    """The configured locales (codes as the site writes them) and the default one."""

    codes: tuple[str, ...]
    default: str
    names: Mapping[str, str]
    source: str
    """Which ``_config.yml`` key named them (for the summary)."""

    @property
    def multi(self) -> bool:
        """Whether the site gets locale folders (two locales or more)."""
        return len(self.codes) > 1

    def match(self, lang: object) -> str | None:
        """The configured locale a front matter ``lang`` names (``es_419`` -> ``es-419``)."""
        if not isinstance(lang, str) or not lang:
            return None
        wanted = normalise_locale(lang)
        for code in self.codes:
            if normalise_locale(code) == wanted:
                return code
        return None


def read_locales(config: Mapping[str, Any], labels: Mapping[str, Any]) -> SiteLocales:
    """The locales of a Jekyll site.

    Args:
        config: The merged ``_config.yml``.
        labels: ``_data/language_labels.yml`` (code -> name), or empty.
    """
    codes: list[str] = []
    source = ""
    for key in _LIST_KEYS:
        value = config.get(key)
        if isinstance(value, list) and value:
            codes = [_code(item) for item in value if _code(item)]
            source = key
            break
        if isinstance(value, Mapping) and value:
            codes = [str(item) for item in value]
            source = key
            break
    default = ""
    for key in _DEFAULT_KEYS:
        value = config.get(key)
        if isinstance(value, str) and value:
            default = value
            source = source or key
            break
    if not codes:
        codes = [default or "en"]
    matched = next((c for c in codes if normalise_locale(c) == normalise_locale(default)), None)
    default = matched or codes[0]
    names = {code: _name(code, labels) for code in codes}
    return SiteLocales(tuple(codes), default, names, source or "none (English assumed)")


def _code(item: object) -> str:
    """A list entry: a code, or a mapping with ``code``/``locale``/``lang``."""
    if isinstance(item, Mapping):
        for key in ("code", "locale", "lang"):
            if isinstance(item.get(key), str):
                return str(item[key])
        return ""
    return str(item) if item else ""


def _name(code: str, labels: Mapping[str, Any]) -> str:
    """The language's display name: the site's label, else its endonym, else the code."""
    for key in (code, normalise_locale(code), code.replace("-", "_")):
        value = labels.get(key)
        if isinstance(value, str) and value:
            return value
        if isinstance(value, Mapping):
            for field in ("name", "label", "title"):
                if isinstance(value.get(field), str):
                    return str(value[field])
    return ENDONYMS.get(normalise_locale(code).split("-")[0], code)


def spelled_as_folders(locales: SiteLocales, folders: Iterable[str]) -> SiteLocales:
    """The locales spelled as the source's own folders spell them (``pt-br/`` for a
    configured ``pt-BR``).

    The locale's code is its folder's name for static-i18n (its home page is looked up at
    ``/<code>/``), and the source's folders and URLs already use their own spelling.
    """
    by_key = {normalise_locale(name): name for name in sorted(folders)}
    renamed = {code: by_key.get(normalise_locale(code), code) for code in locales.codes}
    return SiteLocales(
        codes=tuple(renamed[code] for code in locales.codes),
        default=renamed[locales.default],
        names={renamed[code]: name for code, name in locales.names.items()},
        source=locales.source,
    )
