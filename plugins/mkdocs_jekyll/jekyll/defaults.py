"""Front matter defaults, scoped by path and type, with Jekyll's precedence and deep merge.

A mirror of ``Jekyll::FrontmatterDefaults`` (frontmatter_defaults.rb) over the ``defaults:``
list in Jekyll's own format::

    defaults:
      - scope: {path: "en", type: "pages"}
        values: {layout: single, author_profile: true}

Differences from Jekyll, all on input Jekyll crashes on or resolves by accident:

- Jekyll merges the matching sets in file order and only compares each set with the last one
  that won, so with three sets the result can depend on their order. Here the sets are sorted
  by precedence first (longest scope path, then typed over untyped, then later over earlier),
  which gives Jekyll's result whenever Jekyll's does not depend on the order.
- A glob in ``scope.path`` is matched against the document's own folders instead of running
  ``Dir.glob`` on the disk: the same answer for every file that exists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["FrontMatterDefaults", "deep_merge"]

# Jekyll's Deprecator.defaults_deprecate_type: singular types still work, with a warning.
_DEPRECATED_TYPES = {"page": "pages", "post": "posts", "draft": "drafts"}


def deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``override`` merged over ``base``, recursing into mappings.

    Mirrors ``Utils.deep_merge_hashes``: a ``None`` in ``override`` keeps ``base``'s value
    (``layout: null`` does not erase a default), mappings merge key by key, anything else
    (lists included) replaces. Examples: ``({"a": {"x": 1}}, {"a": {"y": 2}})`` gives
    ``{"a": {"x": 1, "y": 2}}``; ``({"a": 1}, {"a": None})`` gives ``{"a": 1}``;
    ``({}, {"a": None})`` gives ``{"a": None}``.

    Args:
        base: The lower-precedence values.
        override: The higher-precedence values.

    Returns:
        A new dict; nested dicts and lists are copies, so callers may mutate it.
    """
    merged = {key: _copy(value) for key, value in base.items()}
    for key, new in override.items():
        if key not in merged:
            merged[key] = _copy(new)
        elif new is None:
            continue
        elif isinstance(merged[key], Mapping) and isinstance(new, Mapping):
            merged[key] = deep_merge(merged[key], new)
        else:
            merged[key] = _copy(new)
    return merged


def _copy(value: Any) -> Any:
    """Copy the containers of a YAML value, so merged results never share mutable state."""
    if isinstance(value, Mapping):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


@dataclass(frozen=True)
class _Set:
    """One valid defaults set, normalised."""

    index: int
    path: str | None
    """The scope path as written; None or "" matches every document."""
    type: str | None
    values: Mapping[str, Any]

    @property
    def rank(self) -> tuple[int, bool, int]:
        """Jekyll's ``has_precedence?``: longer path, then typed, then later in the list."""
        return (len(_sanitize(self.path)), self.type is not None, self.index)


class FrontMatterDefaults:
    """The site's front matter defaults, answering per document path and type.

    Example: with ``[{"scope": {"path": ""}, "values": {"layout": "single"}},
    {"scope": {"path": "en", "type": "pages"}, "values": {"author_profile": True}}]``,
    ``all("en/cv.md", "pages")`` is ``{"layout": "single", "author_profile": True}`` and
    ``all("es/cv.md", "pages")`` is ``{"layout": "single"}``.
    """

    def __init__(self, sets: Sequence[Mapping[str, Any]], *, collections_dir: str = "") -> None:
        """Read the sets, keeping the valid ones and the problems of the others.

        Args:
            sets: The ``defaults`` list in Jekyll's format.
            collections_dir: Jekyll's ``collections_dir``; scope paths may include it.
        """
        self._collections_dir = collections_dir
        self._problems: list[str] = []
        self._sets: list[_Set] = []
        self._cache: dict[tuple[str, str], list[_Set]] = {}
        if not isinstance(sets, list | tuple):
            # Jekyll: `return [] unless sets.is_a?(Array)`.
            self._problems.append(f"expected a list of sets, received {_describe(sets)}")
            return
        for index, raw in enumerate(sets):
            normalised = self._read_set(index, raw)
            if normalised is not None:
                self._sets.append(normalised)

    def problems(self) -> list[str]:
        """Return one message per malformed or deprecated set, for the plugin to warn with.

        Jekyll warns "An invalid front-matter default set was found" and ignores the set.
        """
        return list(self._problems)

    def find(self, path: str, type_: str, key: str) -> Any:
        """Return the default of one key for a document, or None.

        Mirrors ``FrontmatterDefaults#find``: the value of the highest-precedence matching
        set that has the key, not merged with the others.

        Args:
            path: The document relative to the source folder, POSIX (``en/impact.md``).
            type_: ``pages``, ``posts``, ``drafts`` or a collection label.
            key: The front matter key.
        """
        value = None
        for item in self._matching(path, type_):
            if key in item.values:
                value = item.values[key]
        return value

    def all(self, path: str, type_: str) -> dict[str, Any]:
        """Return every default of a document, deep-merged by precedence.

        Mirrors ``FrontmatterDefaults#all``: the longest scope path wins, then a set with a
        ``type`` beats one without, then a later set beats an earlier one.

        Args:
            path: The document relative to the source folder, POSIX (``en/impact.md``).
            type_: ``pages``, ``posts``, ``drafts`` or a collection label.
        """
        merged: dict[str, Any] = {}
        for item in self._matching(path, type_):
            merged = deep_merge(merged, item.values)
        return merged

    def apply(self, front_matter: Mapping[str, Any], path: str, type_: str) -> dict[str, Any]:
        """Return the document's front matter deep-merged over its defaults.

        This is what Jekyll's documents hold and what Liquid's ``page`` shows
        (``Document#merge_defaults``, ``Convertible#to_liquid``). One nuance: Jekyll's own
        use of a *page's* key reads ``find`` only when the key is absent, so a page's
        ``layout: null`` disables a default layout internally while Liquid sees the default;
        check ``front_matter`` for such explicit nulls when it matters.
        """
        return deep_merge(self.all(path, type_), front_matter)

    # -- scope matching ----------------------------------------------------------------------

    def _matching(self, path: str, type_: str) -> list[_Set]:
        """The sets that apply to a document, lowest precedence first."""
        key = (path, type_)
        hit = self._cache.get(key)
        if hit is None:
            found = [item for item in self._sets if self._applies(item, path, type_)]
            hit = self._cache[key] = sorted(found, key=lambda item: item.rank)
        return hit

    def _applies(self, item: _Set, path: str, type_: str) -> bool:
        """Jekyll's ``applies?``: the type matches (or is unset) and the path does."""
        if item.type is not None and item.type != type_:
            return False
        if not item.path:
            return True
        doc = _sanitize(path)
        if "*" in item.path:
            pattern = _glob_regex(self._strip_collections_dir(item.path))
            return any(pattern.fullmatch(prefix) for prefix in _prefixes(doc))
        # Jekyll compares strings, not folders: scope "en" also matches "english/x.md".
        return doc.startswith(self._strip_collections_dir(item.path))

    def _strip_collections_dir(self, scope_path: str) -> str:
        """Jekyll's ``strip_collections_dir``: ``my_coll/_posts`` -> ``_posts``."""
        prefix = f"{self._collections_dir}/"
        if self._collections_dir and scope_path.startswith(prefix):
            return scope_path.replace(prefix, "", 1)
        return scope_path

    # -- reading the sets --------------------------------------------------------------------

    def _read_set(self, index: int, raw: object) -> _Set | None:
        """Validate one set as Jekyll's ``valid?`` does, recording why it is ignored."""
        where = f"defaults[{index}]"
        if not isinstance(raw, Mapping):
            self._problem(
                where, f"expected a mapping with 'scope' and 'values', received {_describe(raw)}"
            )
            return None
        values = raw.get("values")
        if not isinstance(values, Mapping):
            received = "nothing" if values is None else _describe(values)
            self._problem(
                f"{where}.values", f"expected a mapping of front matter keys, received {received}"
            )
            return None
        scope = raw.get("scope") or {}
        if not isinstance(scope, Mapping):
            self._problem(
                f"{where}.scope",
                f"expected a mapping with 'path' and/or 'type', received {_describe(scope)}",
            )
            return None
        path = scope.get("path")
        if path is not None and not isinstance(path, str):
            self._problem(f"{where}.scope.path", f"expected a string, received {_describe(path)}")
            return None
        type_ = scope.get("type")
        if type_ is not None and not isinstance(type_, str):
            self._problem(f"{where}.scope.type", f"expected a string, received {_describe(type_)}")
            return None
        if type_ in _DEPRECATED_TYPES:
            new = _DEPRECATED_TYPES[type_]
            self._problems.append(f"{where}.scope.type: '{type_}' is deprecated; write '{new}'")
            type_ = new
        if path and path.startswith("/"):
            # Jekyll matches scope paths as written against paths without a leading slash,
            # so this set never applies; keep it (as Jekyll does) but say why it is inert.
            self._problems.append(
                f"{where}.scope.path: '{path}' starts with '/', so Jekyll never matches it; "
                f"write '{path.lstrip('/')}'"
            )
        return _Set(index, path, type_, values)

    def _problem(self, where: str, message: str) -> None:
        self._problems.append(f"{where}: {message}; the set is ignored")


def _sanitize(path: str | None) -> str:
    """Jekyll's ``sanitize_path``: drop one leading slash; None becomes ""."""
    if not path:
        return ""
    return path[1:] if path.startswith("/") else path


def _prefixes(path: str) -> list[str]:
    """Every ancestor folder of ``path`` (with and without a trailing slash) and ``path``.

    ``Dir.glob`` can only return existing entries, and the entries a document's path starts
    with are its folders and itself.
    """
    parts = path.split("/")
    found = []
    for end in range(1, len(parts)):
        folder = "/".join(parts[:end])
        found += [folder, f"{folder}/"]
    found.append(path)
    return found


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Translate a Ruby ``Dir.glob`` pattern (``*``, ``**/``, ``?``, ``[..]``, ``{a,b}``).

    As in ``Dir.glob`` without ``FNM_DOTMATCH``, wildcards do not match a leading dot.
    """
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        at_start = i == 0 or pattern[i - 1] == "/"
        if pattern.startswith("**/", i) and at_start:
            out.append(r"(?:(?!\.)[^/]*/)*")
            i += 3
            continue
        if char == "*":
            out.append(r"(?!\.)[^/]*" if at_start else r"[^/]*")
        elif char == "?":
            out.append(r"(?!\.)[^/]" if at_start else r"[^/]")
        elif char == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end].replace("\\", "\\\\")
            out.append(f"[^{body[1:]}]" if body.startswith(("!", "^")) else f"[{body}]")
            i = end
        elif char == "{" and "}" in pattern[i:]:
            end = pattern.index("}", i)
            options = pattern[i + 1 : end].split(",")
            out.append("(?:" + "|".join(_glob_regex(part).pattern for part in options) + ")")
            i = end
        elif char == "\\" and i + 1 < len(pattern):
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("".join(out))


def _describe(value: object) -> str:
    """Render a value for a message: ``'text' (str)``, ``3 (int)``."""
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{shown} ({type(value).__name__})"
