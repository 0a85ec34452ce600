"""Folders that look like a locale but are not configured as one (``docs/es-MX/``).

``jekyll/i18n`` treats only configured locale folders as locales: anything else under
``docs/`` is the site's own, built at its own URL and in no locale. That is right for
``docs/cv/``, but a ``docs/es-MX/`` next to ``docs/es-419/`` is almost always a locale the
author forgot to list, whose pages would silently miss their language, switcher and search.
"""

from __future__ import annotations

import locale
from collections.abc import Iterable
from functools import cache

from mkdocs_jekyll.jekyll.documents import normalise_locale

# ISO 15924 scripts that appear in locale tags (zh-Hant, sr-Latn, ...).
_SCRIPTS = frozenset({"hans", "hant", "latn", "cyrl", "arab", "deva", "beng", "guru", "mong"})


@cache
def _known_locales() -> tuple[frozenset[str], frozenset[str]]:
    """Languages and ``language-region`` pairs the C library knows (``locale.locale_alias``)."""
    pairs: set[str] = set()
    for alias in locale.locale_alias:
        tag = alias.split(".")[0].split("@")[0].lower()
        if tag.replace("_", "").isalpha():
            pairs.add(normalise_locale(tag))
    languages = {pair.split("-")[0] for pair in pairs}
    return frozenset(languages), frozenset(p for p in pairs if "-" in p)


def looks_like_locale(name: str) -> bool:
    """Whether a folder name is a ``language-region`` or ``language-Script`` tag.

    Only two-part tags count (``es-MX``, ``pt_br``, ``es-419``, ``zh-Hant``): a bare
    two-letter folder (``cv``, ``my``) is far more often a section than a locale.

    Args:
        name: A folder name.

    Returns:
        True when the language is a known one and the second part is a known region of it,
        a UN M.49 area (three digits) or a script.
    """
    parts = normalise_locale(name).split("-")
    if len(parts) != 2:
        return False
    languages, pairs = _known_locales()
    language, second = parts
    if language not in languages:
        return False
    if len(second) == 3 and second.isdigit():
        return True
    return second in _SCRIPTS or f"{language}-{second}" in pairs


def unconfigured_locale_folders(top_folders: Iterable[str], configured: Iterable[str]) -> list[str]:
    """The top-level folders that look like a locale but are none of ``configured``.

    Args:
        top_folders: Names of the top-level folders of ``docs_dir`` that hold files.
        configured: The configured locale codes (any case or separator).

    Returns:
        The suspicious folder names, sorted.
    """
    known = {normalise_locale(code) for code in configured}
    return sorted(
        {
            name
            for name in top_folders
            if normalise_locale(name) not in known and looks_like_locale(name)
        }
    )
