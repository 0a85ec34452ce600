"""Compare a Jekyll ``_site`` with the site MkDocs built from the import of the same source.

``differences`` is what the import tests assert is empty: ``mkdocs-jekyll check``'s library
(``compare_sites``), with each difference as one readable line, so a failing test shows
what differs. What counts is what the issue's "Done when" says: every URL Jekyll wrote
exists (pages, static files, feeds, ``redirects.json``), every redirect stub points where
Jekyll's does, each page's content links to the same internal targets, ``<html lang>`` is
the same, and no link of ours is broken where Jekyll's was not.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs_jekyll.cli.check import compare_sites


def differences(
    jekyll_site: Path,
    our_site: Path,
    *,
    base: str = "/",
    allowed_missing: frozenset[str] = frozenset(),
) -> list[str]:
    """One line per difference between Jekyll's output and ours (empty: full parity).

    Args:
        jekyll_site: Jekyll's ``_site``.
        our_site: Our ``site``.
        base: The base path both are served under.
        allowed_missing: URLs the import summary names as not brought over.
    """
    result = compare_sites(jekyll_site, our_site, base)
    lines = [f"missing {e.kind}: {e.url}" for e in result.missing if e.url not in allowed_missing]
    lines += [f"extra {e.kind}: {e.url}" for e in result.extra]
    lines += [f"redirect {r.url}: Jekyll {r.jekyll}, ours {r.ours}" for r in result.redirects]
    lines += [
        f"links {d.url}: only Jekyll {list(d.only_jekyll)}, only ours {list(d.only_ours)}"
        for d in result.links
    ]
    lines += [f"lang {d.url}: Jekyll {d.jekyll}, ours {d.ours}" for d in result.langs]
    lines += [f"broken link on {b.page}: {b.href} ({b.target})" for b in result.broken]
    return lines
