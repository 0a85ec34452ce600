"""Translations: which documents are the same page in other locales, and where each link goes.

Documents with the same ``i18n_key`` (else ``ref``, the key older Jekyll sites use) are
translations of each other whatever their slugs: ``/en/impact/`` and ``/es-419/impacto/``.
The switcher, the head alternates, the sitemap and the report all read this one index, so
they cannot disagree. No MkDocs import: the plugin hands in ``Document`` objects.

Pages outside the locale folders (a root ``index.md``, root posts and collection documents)
belong to no locale unless their front matter ``lang`` names one. ``lang: x-default`` makes
such a page its group's ``x-default`` alternate (a language chooser at ``/``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from mkdocs_jekyll.jekyll.documents import Document, normalise_locale
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.findings import I18N, record_finding
from mkdocs_jekyll.jekyll.log import plugin_logger

log = plugin_logger(__name__)

X_DEFAULT = "x-default"
"""hreflang's "no particular language" value, as a page's front matter ``lang``."""


@cache
def bcp47(locale: str) -> str:
    """The BCP 47 spelling of a locale folder name, for ``lang`` and ``hreflang``.

    Kept per name: every page's alternates and language switcher ask for the same few.

    ``pt-br`` -> ``pt-BR``, ``es-419`` -> ``es-419``, ``zh-hant`` -> ``zh-Hant``,
    ``sr_latn_rs`` -> ``sr-Latn-RS`` (RFC 5646 case conventions).
    """
    parts = locale.replace("_", "-").split("-")
    result = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            result.append(part.title())  # script
        elif len(part) == 2 and part.isalpha():
            result.append(part.upper())  # region
        else:
            result.append(part.lower())
    return "-".join(result)


def base_language(locale: str) -> str:
    """``es-419`` -> ``es``: the language Material and lunr know, for UI text and search."""
    return normalise_locale(locale).split("-")[0]


def locale_chain(locale: str | None, default_locale: str | None) -> list[str]:
    """Normalised locales to look a per-locale value up in, most specific first.

    The fallback chain of UI text and per-locale author fields: the locale, its base
    language, the default locale, its base. ``("es-419", "en")`` -> ``["es-419", "es", "en"]``.
    """
    chain: list[str] = []
    for code in (locale, default_locale):
        if code:
            chain += [normalise_locale(code), base_language(code)]
    return list(dict.fromkeys(chain))


@dataclass(frozen=True)
class Alternate:
    """One locale's entry for a page: its URL there, and whether it is a real translation."""

    locale: str
    hreflang: str
    url: str
    """Jekyll URL path from the site root, without the base path (``/es-419/impacto/``)."""
    translated: bool
    """False when the locale has no translation and the entry points at its home page."""


class Translations:
    """The translation index of a whole site, computed once from every locale's front matter.

    Args:
        documents: Every published document of every locale.
        locales: The configured locales, default first (their order is the switcher's).
        homes: Locale to the URL of its home page (``/en/``), used where a page has no
            translation.

    Raises:
        ContentError: One key used by two documents of the same locale folder (both are
            named). When one of them is outside the locale folders (placed by its ``lang``),
            or both are ``x-default`` pages, it is a warning instead: the page in the locale
            folder (else the first) keeps the key, the other is left unpaired.
    """

    def __init__(
        self,
        documents: Iterable[Document],
        locales: Sequence[str],
        homes: Mapping[str, str],
    ) -> None:
        self.locales = tuple(locales)
        self.homes = dict(homes)
        self.root_url = "/"
        """Where ``x-default`` points when the default locale lacks a page: the site root
        (the language landing page), or the default locale's home when ``/`` redirects."""
        self.landing: str | None = None
        """The language landing page's URL when the build writes one: ``x-default`` of the
        locale homes, so their alternates agree with the landing page's own."""
        self._by_key: dict[str, dict[str, Document]] = {}
        self._key_of: dict[str, str] = {}
        self._locale_of: dict[str, str] = {}
        self._x_default: dict[str, Document] = {}
        """Key to the ``lang: x-default`` page of its group."""
        self._x_default_paths: set[str] = set()
        known = {normalise_locale(code): code for code in self.locales}
        for doc in documents:
            key = translation_key(doc)
            if is_x_default(doc):
                self._x_default_paths.add(doc.src_path)
                if key is not None:
                    self._add(doc, key, key, self._x_default)
                continue
            locale = _document_locale(doc, known)
            if locale is None:
                continue
            self._locale_of[doc.src_path] = locale
            if key is not None:
                self._add(doc, key, locale, self._by_key.setdefault(key, {}))

    def _add(self, doc: Document, key: str, slot: str, group: dict[str, Document]) -> None:
        """Put ``doc`` in ``group`` under ``slot``: its locale, or its key for x-default."""
        other = group.get(slot)
        if other is None:
            group[slot] = doc
            self._key_of[doc.src_path] = key
            return
        x_default = doc.src_path in self._x_default_paths
        where = "as its x-default page" if x_default else f"in locale '{slot}'"
        if other.locale is not None and doc.locale is not None:
            raise ContentError(
                doc.src_path,
                f"i18n_key '{key}' is also used by '{other.src_path}' {where}; each key "
                "may name one page per locale. Give one of them another key.",
            )
        # A page outside the locale folders sharing a key: the build goes on, as Jekyll
        # (which has no i18n_key) would build both. The locale folder's page keeps the key.
        kept, dropped = (doc, other) if other.locale is None and doc.locale else (other, doc)
        group[slot] = kept
        self._key_of[kept.src_path] = key
        self._key_of.pop(dropped.src_path, None)
        message = (
            f"i18n_key '{key}' is also used by '{kept.src_path}' {where}; "
            f"'{kept.src_path}' is the one paired, and '{dropped.src_path}' has no "
            "translations. Give one of them another key."
        )
        log.warning(f"{dropped.src_path}: {message}")
        record_finding(I18N, dropped.src_path, message)

    def pair_fallback(self, doc: Document, locale: str, other: Document) -> None:
        """Let ``other`` stand as ``doc``'s translation in ``locale`` when none has its key.

        A paginated page N pairs with the other locale's page N, else with that locale's
        first page (it has fewer pages).
        """
        key = self._key_of.get(doc.src_path)
        if key is not None:
            self._by_key.setdefault(key, {}).setdefault(locale, other)

    def locale_of(self, doc: Document) -> str | None:
        """The locale ``doc`` belongs to (its folder, else its ``lang``), if configured."""
        return self._locale_of.get(doc.src_path)

    def translations(self, doc: Document) -> dict[str, Document]:
        """The page in every locale that has it, ``doc`` included, in locale order.

        An ``x-default`` page gets its group's pages (it is none of them).
        """
        key = self._key_of.get(doc.src_path)
        if key is None:
            locale = self._locale_of.get(doc.src_path)
            return {locale: doc} if locale else {}
        group = self._by_key.get(key, {})
        return {locale: group[locale] for locale in self.locales if locale in group}

    def x_default(self, doc: Document) -> Document | None:
        """The ``lang: x-default`` page of ``doc``'s group (``doc`` itself, for one)."""
        key = self._key_of.get(doc.src_path)
        return None if key is None else self._x_default.get(key)

    def is_landing(self, doc: Document) -> bool:
        """Whether ``doc`` stands in for the language landing page: a page at its URL
        that belongs to no locale and to no group (a root ``index.md`` language chooser)."""
        return (
            self.landing is not None
            and doc.url == self.landing
            and doc.src_path not in self._locale_of
            and doc.src_path not in self._key_of
        )

    def switcher(self, doc: Document) -> list[Alternate]:
        """Every locale's link for ``doc``: its translation, else that locale's home page.

        Never a copy of the page in the wrong language (static-i18n's fallback does that).
        """
        found = self.translations(doc)
        entries = []
        for locale in self.locales:
            match = found.get(locale)
            if match is not None:
                entries.append(Alternate(locale, bcp47(locale), match.url, True))
            else:
                home = self.homes.get(locale, f"/{locale}/")
                entries.append(Alternate(locale, bcp47(locale), home, False))
        return entries

    def home_switcher(self) -> list[Alternate]:
        """Every locale's home page: the switcher of pages that belong to no document."""
        return [
            Alternate(locale, bcp47(locale), self.homes.get(locale, f"/{locale}/"), False)
            for locale in self.locales
        ]

    def head_alternates(
        self, doc: Document, *, root_url: str | None = None
    ) -> list[tuple[str, str]]:
        """``(hreflang, url)`` pairs for ``<link rel="alternate">`` and the sitemap.

        The page itself and each real translation, then ``x-default``: the language landing
        page for the locale homes when there is one, else the default locale's version, else
        ``root_url`` (default: ``self.root_url``). An untranslated page lists only itself
        and ``x-default``.
        """
        if self.is_landing(doc):
            return [
                (bcp47(locale), self.homes.get(locale, f"/{locale}/")) for locale in self.locales
            ] + [(X_DEFAULT, doc.url)]
        found = self.translations(doc)
        chooser = self.x_default(doc)
        if not found:
            return [(X_DEFAULT, doc.url)] if chooser is doc else []
        pairs = [(bcp47(locale), match.url) for locale, match in found.items()]
        default = found.get(self.locales[0])
        if chooser is not None:
            fallback = chooser.url  # The group's own language chooser (`lang: x-default`).
        elif self.landing is not None and doc.url == self.homes.get(self.locale_of(doc) or ""):
            fallback = self.landing
        elif default is not None:
            fallback = default.url
        else:
            fallback = self.root_url if root_url is None else root_url
        pairs.append(("x-default", fallback))
        return pairs

    def missing(self) -> dict[str, list[str]]:
        """Locale to the keys that other locales have and it lacks (for the report)."""
        result: dict[str, list[str]] = {locale: [] for locale in self.locales}
        for key, group in sorted(self._by_key.items()):
            for locale in self.locales:
                if locale not in group:
                    result[locale].append(key)
        return result


def translation_key(doc: Document) -> str | None:
    """``i18n_key``, else ``ref``: the key pairing a document with its translations."""
    for name in ("i18n_key", "ref"):
        value = doc.data.get(name)
        if value is not None and value != "":
            return str(value)
    return None


def is_x_default(doc: Document) -> bool:
    """Whether ``doc`` is a page outside the locale folders with ``lang: x-default``."""
    lang = doc.data.get("lang")
    return doc.locale is None and isinstance(lang, str) and lang.lower() == X_DEFAULT


def _document_locale(doc: Document, known: Mapping[str, str]) -> str | None:
    """The folder's locale, else a front matter ``lang`` naming a configured locale."""
    if doc.locale is not None:
        return doc.locale
    lang = doc.data.get("lang")
    return known.get(normalise_locale(str(lang))) if lang else None
