"""One search index per locale, so a Spanish reader searches Spanish pages with Spanish stemming.

static-i18n merges every locale's entries into the root ``search/search_index.json``; Material
loads that file from its ``base`` URL. Each locale pass therefore also writes
``<locale>/search/search_index.json`` holding only that pass's pages, with locations relative
to the locale folder, and pages of the locale point Material's ``base`` at the locale folder.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.compat import material_search_plugin, search_index_data
from mkdocs_jekyll.jekyll.documents import normalise_locale
from mkdocs_jekyll.jekyll.errors import ContentError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

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


def root_index_path(site_dir: str) -> Path:
    """Where Material writes the search index of a pass (static-i18n: of every locale)."""
    return Path(site_dir) / "search" / "search_index.json"


def read_index(path: Path) -> dict[str, Any] | None:
    """A search index file as written, or None when there is none (search disabled).

    Raises:
        ContentError: The file is not valid JSON.
    """
    if not path.is_file():
        return None
    try:
        index: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ContentError(path.as_posix(), f"invalid JSON: {err.msg}") from err
    return index


def pass_index(config: MkDocsConfig) -> dict[str, Any] | None:
    """The search index of the pass just built: its own pages, as Material writes it.

    Taken from Material's search plugin rather than from ``search/search_index.json``:
    parallel locale passes all write that file, and one may read another's half-written
    copy. None when search is off. Its values are Material's (not a decoded copy): the
    index is written with ``default=str``, as Material writes it, and never changed.

    Raises:
        ContentError: The index file (read without Material's plugin) is not valid JSON.
    """
    plugin = material_search_plugin(config)
    if plugin is None:
        return read_index(root_index_path(config.site_dir))
    if not plugin.config.get("enabled", True):
        return None
    return search_index_data(plugin)


def write_pass_search(
    config: MkDocsConfig, locale: str | None, *, incremental: bool
) -> list[dict[str, Any]]:
    """Give the pass's locale its own index; return the pass's entries.

    An incremental rebuild (``incremental``) merges the entries into the locale's existing
    index, and needs them again for the root index, rewritten once every pass is done.

    Raises:
        ContentError: An index is not valid JSON.
    """
    index = pass_index(config)
    if index is None:
        return []
    if locale is not None:
        write_locale_index(
            config.site_dir,
            locale,
            index,
            lunr_language=lunr_language(locale),
            merge=incremental,
        )
    return list(index.get("docs", []))


def write_locale_index(
    site_dir: str,
    locale: str,
    index: Mapping[str, Any],
    *,
    lunr_language: str | None,
    merge: bool = False,
) -> Path:
    """Split this pass's pages out of its index into ``<locale>/search/``.

    Args:
        site_dir: The build's output folder.
        locale: The locale of the pass just built (its URL folder, e.g. ``es-419``).
        index: The pass's search index (``pass_index``).
        lunr_language: The lunr language for the locale (``es`` for ``es-419``), or None
            to keep the languages of the root index.
        merge: The pass rebuilt some pages only (``incremental``): their entries replace
            theirs in the locale's existing index, and the other pages' entries stay.

    Returns:
        The path written.

    Raises:
        ContentError: The locale's existing index is not valid JSON.
    """
    prefix = f"{locale}/"
    docs = []
    for entry in index.get("docs", []):
        location = str(entry.get("location", ""))
        if location.startswith(prefix):
            docs.append({**entry, "location": location[len(prefix) :]})
    target = Path(site_dir) / locale / "search" / "search_index.json"
    previous = read_index(target) if merge else None
    if previous is not None:
        docs = merge_search_entries(previous.get("docs", []), docs)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {**index, "docs": docs}
    if lunr_language is not None:
        payload["config"] = {**index.get("config", {}), "lang": [lunr_language]}
    # default=str: Material's, for a value JSON has no type for (a `search.boost` date).
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    target.write_text(text, "utf-8")
    return target


def write_merged_root_index(
    site_dir: str, previous: Mapping[str, Any], rebuilt: list[dict[str, Any]]
) -> None:
    """Rewrite the root index after an incremental rebuild, as Material writes it.

    Each pass of the rebuild overwrote it with its own rebuilt pages only; ``previous`` is
    the index read before the rebuild started.
    """
    data = {
        "config": previous.get("config", {}),
        "docs": merge_search_entries(list(previous.get("docs", [])), rebuilt),
    }
    # Material's own serialisation (plugins/search/plugin.py, generate_search_index).
    text = json.dumps(data, separators=(",", ":"), default=str)
    root_index_path(site_dir).write_text(text, encoding="utf-8")


def merge_search_entries(
    previous: list[dict[str, Any]], rebuilt: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The previous entries, each rebuilt page's entries swapped in at its place.

    An entry belongs to the page at its ``location`` without the ``#anchor``; the rebuilt
    pages are those ``rebuilt`` has entries for (every built page has at least one).
    """
    fresh: dict[str, list[dict[str, Any]]] = {}
    for entry in rebuilt:
        fresh.setdefault(_page_location(entry), []).append(entry)
    merged: list[dict[str, Any]] = []
    placed: set[str] = set()
    for entry in previous:
        page = _page_location(entry)
        if page not in fresh:
            merged.append(entry)
        elif page not in placed:
            merged.extend(fresh[page])
            placed.add(page)
    for page, entries in fresh.items():
        if page not in placed:
            merged.extend(entries)
    return merged


def _page_location(entry: Mapping[str, Any]) -> str:
    return str(entry.get("location", "")).split("#", 1)[0]
