"""static-i18n's dedupe of the merged search entries, skipped where it can remove nothing.

Before Material writes the root search index from every locale's entries, static-i18n's
``reconfigure_search_duplicates`` (1.3) drops each entry of a locale folder (``en/about/``)
that repeats one the default locale built outside every locale folder (``about/``): the
same title and text, a location ending with the other's. It first sorts the entries into
those two kinds with two filters, each entry's test making the tuple of locale folders
anew: 5 ms of the serial end of a build with workers on the bench's 3,600 entries. Under
``jekyll/i18n`` every locale, the default one included, is built in its own folder, so no
entry is outside them and the dedupe removes nothing; one pass over the entries tells.

Only over the code it was read from (``UPSTREAM``, compared by
``compat.nested_code_fingerprint``): another release dedupes as it does.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from mkdocs_jekyll.compat import nested_code_fingerprint

UPSTREAM = (
    frozenset("build_languages debug endswith filter list log remove startswith tuple".split()),
    frozenset({" ", "/", "location", "removed duplicated search entry: ", "text", "title"}),
)
"""The names and strings of static-i18n 1.3's ``reconfigure_search_duplicates``, its lambdas'
included (``compat.nested_code_fingerprint``)."""


@cache
def mirrored() -> bool:
    """Whether static-i18n's dedupe is the code ``removes_nothing`` was read from."""
    from mkdocs_static_i18n.plugin import I18n

    dedupe = getattr(I18n, "reconfigure_search_duplicates", None)
    arity = getattr(getattr(dedupe, "__code__", None), "co_argcount", None)
    return arity == 2 and nested_code_fingerprint(dedupe) == UPSTREAM


def removes_nothing(entries: list[Any], languages: list[str]) -> bool:
    """Whether static-i18n's dedupe would leave ``entries`` as they are.

    Args:
        entries: The merged search entries, every locale's.
        languages: static-i18n's ``build_languages``, which the dedupe reads.

    Returns:
        True when the dedupe is the one mirrored and every entry's location is in a locale
        folder (none is a default-locale entry that another could repeat); False when it
        has to run. An entry without a string location raises as the dedupe would.
    """
    if not mirrored():
        return False
    folders = tuple(f"{language}/" for language in languages)
    return all(entry["location"].startswith(folders) for entry in entries)
