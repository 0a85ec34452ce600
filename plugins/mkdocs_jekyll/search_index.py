"""One search index per locale, so a Spanish reader searches Spanish pages with Spanish stemming.

static-i18n merges every locale's entries into the root ``search/search_index.json``; Material
loads that file from its ``base`` URL. Each locale pass therefore also writes
``<locale>/search/search_index.json`` holding only that pass's pages, with locations relative
to the locale folder, and pages of the locale point Material's ``base`` at the locale folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import ContentError
from .site.documents import normalise_locale

# Languages Material's search can stem (assets/javascripts/lunr/min/lunr.<code>.min.js),
# plus English, which lunr has built in.
LUNR_LANGUAGES = frozenset(
    "ar da de du el en es fi fr he hi hu hy it ja jp kn ko nl no pt ro ru sa sv ta te th tr "
    "vi zh".split()
)


def lunr_language(locale: str) -> str | None:
    """The lunr language of a locale (``es-419`` -> ``es``), None when lunr has none."""
    base = normalise_locale(locale).split("-")[0]
    return base if base in LUNR_LANGUAGES else None


def configure_search_languages(search_config: Any, locales: list[str]) -> None:
    """Give the root index every locale's lunr language, unless the user chose some.

    static-i18n only adds locales lunr knows by their full code, so ``es-419`` was left out
    and Spanish pages were stemmed as English.
    """
    if search_config.get("lang"):
        return
    languages = []
    for locale in locales:
        language = lunr_language(locale)
        if language is not None and language not in languages:
            languages.append(language)
    if languages:
        search_config["lang"] = languages


def write_locale_index(site_dir: str, locale: str, *, lunr_language: str | None) -> Path | None:
    """Split this pass's pages out of the root index into ``<locale>/search/``.

    Args:
        site_dir: The build's output folder.
        locale: The locale of the pass just built (its URL folder, e.g. ``es-419``).
        lunr_language: The lunr language for the locale (``es`` for ``es-419``), or None
            to keep the languages of the root index.

    Returns:
        The path written, or None when the pass wrote no search index (search disabled).

    Raises:
        ContentError: The index Material wrote is not valid JSON.
    """
    source = Path(site_dir) / "search" / "search_index.json"
    if not source.is_file():
        return None
    try:
        index: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ContentError("search/search_index.json", f"invalid JSON: {err.msg}") from err
    prefix = f"{locale}/"
    docs = []
    for entry in index.get("docs", []):
        location = str(entry.get("location", ""))
        if location.startswith(prefix):
            docs.append({**entry, "location": location[len(prefix) :]})
    target = Path(site_dir) / locale / "search" / "search_index.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {**index, "docs": docs}
    if lunr_language is not None:
        payload["config"] = {**index.get("config", {}), "lang": [lunr_language]}
    target.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return target
