"""Front matter ``defaults`` whose scopes match the moved files exactly as before.

Jekyll's scope paths name source paths (``_pages``, ``es-419``); once pages move into their
locale folders, a scope may match other files or none. Each set is checked with the build's
own matching (``jekyll/defaults.py``) on the old and the new paths, and rewritten to the
shortest new paths that match the same files; where the new sets would rank otherwise, the
value is written into the page's front matter.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.jekyll.defaults import FrontMatterDefaults

if TYPE_CHECKING:
    from mkdocs_jekyll.cli.importer.placement import Placed, Plan

__all__ = ["MAX_SCOPES", "keep_defaults", "rewrite_defaults"]

_MARKER = "__mkdocs_jekyll_import_marker"
MAX_SCOPES = 20
"""More rewritten scopes than this for one set: its values go into front matter instead."""


def _matches(scope: Mapping[str, Any], path: str, type_: str) -> bool:
    """Whether a scope matches a document, by Jekyll's rules (``jekyll/defaults.py``)."""
    probe = FrontMatterDefaults([{"scope": dict(scope), "values": {_MARKER: True}}])
    return _MARKER in probe.all(path, type_)


def rewrite_defaults(
    raw: object, placed: Sequence[Placed], notes: list[str]
) -> list[dict[str, Any]]:
    """``defaults`` whose scopes match the moved files exactly as they matched before.

    A scope that still matches the same documents is kept as written; otherwise it becomes
    one set per shortest new path prefix that matches only documents it matched before.
    When that takes more than ``MAX_SCOPES`` sets (files scattered among others), the set
    is left out and ``keep_defaults`` writes its values into those files' front matter:
    every build would otherwise test each page against each of those sets.
    """
    if not isinstance(raw, list):
        return []
    result: list[dict[str, Any]] = []
    for entry in raw:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("values"), Mapping):
            continue  # Jekyll ignores it (a warning at build time): so does the import
        scope = dict(entry.get("scope") or {})
        before = {p.dest for p in placed if _matches(scope, p.source.rel, p.type)}
        after = {p.dest for p in placed if _matches(scope, p.dest, p.type)}
        if before == after or not scope.get("path"):
            result.append({"scope": scope, "values": dict(entry["values"])})
            continue
        cover = _cover(before, placed, scope)
        if len(cover) > MAX_SCOPES:
            notes.append(
                f"_config.yml defaults (scope path '{scope['path']}'): the {len(before)} files "
                f"it matched need {len(cover)} scopes once moved; its values are written into "
                "their front matter instead"
            )
            continue
        for prefix in cover:
            result.append({"scope": {**scope, "path": prefix}, "values": dict(entry["values"])})
    return result


def _cover(wanted: set[str], placed: Sequence[Placed], scope: Mapping[str, Any]) -> list[str]:
    """The fewest, shortest path prefixes matching ``wanted`` and nothing else.

    A literal scope path matches by string prefix (``FrontMatterDefaults``), so the files
    a candidate reaches are a range of the sorted paths: a site of thousands of pages is
    covered in one pass, not a scan of every file per candidate.
    """
    type_ = scope.get("type")
    eligible = sorted(p.dest for p in placed if type_ is None or p.type == type_)
    chosen: list[str] = []
    chosen_set: set[str] = set()
    tried: dict[str, bool] = {}
    for dest in sorted(wanted):
        if any(dest[:end] in chosen_set for end in range(1, len(dest) + 1)):
            continue
        parts = dest.split("/")
        for end in range(1, len(parts) + 1):
            prefix = "/".join(parts[:end])
            if prefix in tried:
                if tried[prefix]:
                    break
                continue
            if "*" in prefix:  # matched as a glob (jekyll/defaults.py), not as a prefix
                candidate = {**scope, "path": prefix}
                hits = {p.dest for p in placed if _matches(candidate, p.dest, p.type)}
            else:
                hits = _prefixed(eligible, prefix)
            tried[prefix] = hits <= wanted
            if tried[prefix]:
                chosen.append(prefix)
                chosen_set.add(prefix)
                break
    return chosen


def _prefixed(paths: Sequence[str], prefix: str) -> set[str]:
    """The sorted ``paths`` that start with ``prefix``."""
    found: set[str] = set()
    index = bisect.bisect_left(paths, prefix)
    while index < len(paths) and paths[index].startswith(prefix):
        found.add(paths[index])
        index += 1
    return found


def keep_defaults(plan: Plan, old: FrontMatterDefaults) -> None:
    """Write into the front matter any default value the new scopes no longer give."""
    new = FrontMatterDefaults(plan.defaults)
    for item in plan.placed:
        before = old.all(item.source.rel, item.type)
        after = new.all(item.dest, item.type)
        for key, value in before.items():
            if key not in item.front and after.get(key) != value:
                item.added[key] = value
                item.why[key] = (
                    "the value defaults gave it in Jekyll; the rewritten sets would give "
                    + (repr(after[key]) if key in after else "none")
                )
        for key in after.keys() - before.keys() - item.front.keys():
            plan.notes.append(
                f"{item.dest}: defaults now also give it '{key}' (the rewritten scopes could "
                "not leave it out); check the page"
            )
