"""The translation report: pages per locale and the keys each locale has not translated yet.

A page without a translation is normal while a site is being translated, so it is reported
(one INFO line, DEBUG details, optionally a JSON file) and never warned about: a warning
would fail ``mkdocs build --strict``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.i18n.translations import translation_key
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.log import plugin_logger
from mkdocs_jekyll.jekyll.safe_paths import site_relative

if TYPE_CHECKING:
    from mkdocs_jekyll.i18n.translations import Translations
    from mkdocs_jekyll.jekyll.documents import Document

log = plugin_logger(__name__)

OPTION = "plugins.jekyll.i18n_report_file"


@dataclass(frozen=True)
class TranslationReport:
    """What the report says, in locale order."""

    pages: dict[str, int]
    """Locale to the number of documents it builds."""
    missing: dict[str, list[str]]
    """Locale to the keys other locales have and it lacks, sorted."""
    pairs: dict[str, dict[str, str]] = field(default_factory=dict)
    """Key to ``{locale: Jekyll URL}`` of every document carrying it."""

    def summary(self) -> str:
        """The INFO line: ``Translations: en 4 pages (0 missing), es-419 3 pages (1 missing)``."""
        parts = [
            f"{locale} {count} page{'' if count == 1 else 's'} "
            f"({len(self.missing.get(locale, []))} missing)"
            for locale, count in self.pages.items()
        ]
        return "Translations: " + ", ".join(parts)

    def as_json(self) -> dict[str, Any]:
        """The JSON report: ``{locales: {code: {pages, missing}}, pairs: {key: {locale: url}}}``."""
        return {
            "locales": {
                locale: {"pages": count, "missing": self.missing.get(locale, [])}
                for locale, count in self.pages.items()
            },
            "pairs": self.pairs,
        }


def build_report(documents: Iterable[Document], translations: Translations) -> TranslationReport:
    """Count each locale's pages and collect the translation pairs.

    Args:
        documents: Every published document of the site.
        translations: The translation index.

    Returns:
        The report (empty when the site has no locales).
    """
    pages = dict.fromkeys(translations.locales, 0)
    pairs: dict[str, dict[str, str]] = {}
    for doc in documents:
        locale = translations.locale_of(doc)
        if locale is None or not doc.output:
            continue
        pages[locale] = pages.get(locale, 0) + 1
        key = translation_key(doc)
        if key is not None:
            pairs.setdefault(key, {})[locale] = doc.url
    order = {locale: index for index, locale in enumerate(translations.locales)}
    sorted_pairs = {
        key: dict(sorted(group.items(), key=lambda item: order.get(item[0], len(order))))
        for key, group in sorted(pairs.items())
    }
    return TranslationReport(pages, translations.missing(), sorted_pairs)


def log_report(report: TranslationReport) -> None:
    """One INFO summary per build, then one DEBUG line per locale with missing keys."""
    if not report.pages:
        return
    log.info(report.summary())
    for locale, keys in report.missing.items():
        if keys:
            log.debug(f"{locale} has no translation of: {', '.join(repr(k) for k in keys)}")


def write_report_file(site_dir: str, path: str, report: TranslationReport) -> Path:
    """Write the JSON report to ``path`` inside the site.

    Args:
        site_dir: The built site.
        path: The option's value, relative to the site (``i18n-report.json``).
        report: The report.

    Returns:
        The file written.

    Raises:
        ContentError: ``path`` is absolute or leaves the site folder.
    """
    relative = site_relative(path)
    if relative is None:  # Refused by the option already; a direct caller is checked too.
        raise ContentError(
            "mkdocs.yml",
            f"{OPTION}: Expected a path inside the site folder such as 'i18n-report.json', "
            f"received '{path}'.",
        )
    target = Path(site_dir, *relative.parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"
    target.write_text(text, encoding="utf-8")
    log.debug(f"translation report written to '{relative}'")
    return target
