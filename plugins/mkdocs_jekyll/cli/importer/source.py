"""A Jekyll source folder as Jekyll's reader sees it: its config and what each file is.

Mirrors ``Jekyll::Configuration`` (which ``_config.yml`` keys replace or extend Jekyll's
defaults), ``Jekyll::EntryFilter`` (which entries are special, excluded or included) and
``Jekyll::Reader`` (pages, static files, posts and drafts in any folder's ``_posts`` and
``_drafts``, collections at the root), so the import copies exactly what Jekyll publishes.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mkdocs_jekyll.jekyll.documents import has_front_matter_header
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.safe_paths import is_inside, read_utf8
from mkdocs_jekyll.jekyll.yaml import load_yaml

__all__ = ["JekyllSource", "SourceFile", "read_source"]

# Configuration::DEFAULTS["exclude"] and Configuration#add_default_excludes (Jekyll 4.3):
# these are always excluded, a site's own `exclude` adds to them.
DEFAULT_EXCLUDES = (
    ".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
    "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/",
)  # fmt: skip
# Configuration::DEFAULTS["include"]: replaced, not extended, by a site's own `include`.
DEFAULT_INCLUDES = (".htaccess",)
# EntryFilter::SPECIAL_LEADING_CHAR_REGEX.
_SPECIAL = re.compile(r"\A[._#~]")
# Document::DATE_FILENAME_MATCHER: what PostReader reads from `_posts`.
_POST_NAME = re.compile(r"^(?:.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$")
# Reader#read_drafts: Document::DATE_FILENAME_MATCHER without the date.
_DRAFT_NAME = re.compile(r"^(?:.+/)*?([^/]*)(\.[^.]+)$")
# The folders of the theme and the build: never content, never copied into docs/.
THEME_FOLDERS = ("_layouts", "_sass", "_plugins")


@dataclass(frozen=True)
class SourceFile:
    """One file of the source and what Jekyll makes of it."""

    rel: str
    """Path relative to the source, POSIX (``_pages/about.md``)."""
    kind: str
    """``page``, ``post``, ``draft``, ``document`` (of a collection) or ``static``."""
    collection: str | None = None
    """The collection label of a document or of a static file in a collection folder."""


@dataclass
class JekyllSource:
    """The source folder, its merged config and its files sorted by kind."""

    root: Path
    config: dict[str, Any]
    files: list[SourceFile] = field(default_factory=list)
    theme_files: list[str] = field(default_factory=list)
    """Files of ``_layouts/``, ``_sass/``, ``_plugins/``, and Sass entry points."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(path, why Jekyll does not publish it) for files the import leaves out."""

    @property
    def collections(self) -> dict[str, dict[str, Any]]:
        """``collections`` as a mapping (Jekyll also accepts a list of labels)."""
        raw = self.config.get("collections") or {}
        if isinstance(raw, list):
            return {str(label): {} for label in raw}
        if isinstance(raw, Mapping):
            return {str(k): dict(v) if isinstance(v, Mapping) else {} for k, v in raw.items()}
        return {}

    def folder(self, key: str, default: str) -> str:
        """A folder setting of ``_config.yml`` (``data_dir``, ``includes_dir``, ...)."""
        value = self.config.get(key)
        return str(value).strip("/") if isinstance(value, str) and value.strip("/") else default


def load_config(root: Path, extra: Sequence[Path] = ()) -> dict[str, Any]:
    """``_config.yml`` merged with each ``--config`` file in order, as ``jekyll build
    --config a.yml,b.yml`` does (later files win, key by key at the top level).

    Raises:
        ContentError: A config file is not a YAML mapping.
    """
    merged: dict[str, Any] = {}
    files = list(extra) if extra else [root / "_config.yml"]
    for path in files:
        if not path.is_file():
            if extra:
                raise ContentError(str(path), "no such config file")
            continue
        label = path.name
        try:
            data = load_yaml(read_utf8(path, label))
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            problem = getattr(err, "problem", None) or "not valid YAML"
            raise ContentError(label, f"invalid YAML: {problem}", line=line) from None
        if data is None:
            continue
        if not isinstance(data, Mapping):
            raise ContentError(label, f"expected a mapping of settings, received {data!r}")
        merged.update(data)
    return merged


class EntryFilter:
    """``Jekyll::EntryFilter``: whether an entry of the source is read at all."""

    def __init__(self, root: Path, config: Mapping[str, Any]) -> None:
        self.root = root
        exclude = config.get("exclude")
        include = config.get("include")
        excludes = [str(p) for p in exclude] if isinstance(exclude, list) else []
        self.include = [str(p) for p in include] if isinstance(include, list) else []
        if not isinstance(include, list):
            self.include = list(DEFAULT_INCLUDES)
        self.exclude = [p for p in [*excludes, *DEFAULT_EXCLUDES] if p not in self.include]

    def why_left_out(self, rel: str) -> str | None:
        """None when Jekyll reads the entry, else the reason it does not."""
        name = rel.rpartition("/")[2]
        if name.endswith("."):
            return "a dot entry"
        included = self._matches(self.include, rel) or self._matches(self.include, name)
        if not included and self._matches(self.exclude, rel):
            return "listed in exclude"
        if os.path.islink(self.root / rel):
            # EntryFilter#symlink? in safe mode (GitHub Pages): a link leaving the source.
            real = os.path.realpath(self.root / rel)
            if not is_inside(real, self.root):
                return "a symbolic link out of the source (Jekyll's safe mode skips it)"
            if (self.root / rel).is_dir() and Path(os.path.abspath(self.root / rel)).is_relative_to(
                real
            ):
                return "a symbolic link to a folder containing it (it would never end)"
        if included:
            return None
        if _SPECIAL.match(name):
            return f"its name starts with '{name[0]}'"
        if name.endswith("~"):
            return "a backup file"
        return None

    def _matches(self, patterns: Iterable[str], rel: str) -> bool:
        """``EntryFilter#glob_include?``: fnmatch, a string prefix, or the folder itself."""
        is_dir = (self.root / rel).is_dir()
        for pattern in patterns:
            pattern = pattern.lstrip("/")
            if (
                fnmatch.fnmatchcase(rel, pattern)
                or rel.startswith(pattern)
                or (is_dir and pattern == f"{rel}/")
            ):
                return True
        return False


def read_source(root: Path, config: dict[str, Any]) -> JekyllSource:
    """Sort every file of ``root`` as Jekyll's reader does."""
    source = JekyllSource(root=root, config=config)
    entry_filter = EntryFilter(root, config)
    collections = source.collections
    dest = source.folder("destination", "_site")
    _read_folder(source, entry_filter, "", collections, dest)
    source.files.sort(key=lambda f: f.rel)
    return source


def _read_folder(
    source: JekyllSource,
    entry_filter: EntryFilter,
    folder: str,
    collections: Mapping[str, Any],
    dest: str,
) -> None:
    """``Reader#read_directories``: pages and static files, then ``_posts``/``_drafts``."""
    base = source.root / folder if folder else source.root
    for name in sorted(os.listdir(base)):
        rel = f"{folder}/{name}" if folder else name
        path = source.root / rel
        if not folder and name in THEME_FOLDERS:
            source.theme_files += _all_files(source.root, rel)
            continue
        if not folder and name in {"_data", "_includes", dest, "_config.yml"}:
            continue
        if name in {"_posts", "_drafts"} and path.is_dir():
            _read_posts(source, entry_filter, rel, "post" if name == "_posts" else "draft")
            continue
        if not folder and name.startswith("_") and name[1:] in collections and path.is_dir():
            _read_collection(source, entry_filter, rel, name[1:], collections[name[1:]])
            continue
        why = entry_filter.why_left_out(rel)
        if why is not None:
            # A link is named once: what it points to is not the site's.
            files = [rel] if path.is_symlink() else _all_files(source.root, rel)
            source.skipped += [(f, why) for f in files]
            continue
        if path.is_dir():
            _read_folder(source, entry_filter, rel, collections, dest)
        elif has_front_matter_header(str(path)):
            if name.endswith((".scss", ".sass")):
                source.theme_files.append(rel)
            else:
                source.files.append(SourceFile(rel, "page"))
        else:
            source.files.append(SourceFile(rel, "static"))


def _read_posts(source: JekyllSource, entry_filter: EntryFilter, folder: str, kind: str) -> None:
    """``PostReader#read_posts``/``#read_drafts``: dated names only in ``_posts``."""
    matcher = _POST_NAME if kind == "post" else _DRAFT_NAME
    for rel in _all_files(source.root, folder):
        inner = rel[len(folder) + 1 :]
        why = _filtered(entry_filter, folder, inner)
        if why is None and not matcher.match(inner):
            why = "in _posts without a YYYY-MM-DD- name (Jekyll reads no such post)"
        if why is not None:
            source.skipped.append((rel, why))
        else:
            source.files.append(SourceFile(rel, kind, "posts"))


def _read_collection(
    source: JekyllSource, entry_filter: EntryFilter, folder: str, label: str, meta: Any
) -> None:
    """``Collection#read``: documents with front matter, other files copied when output."""
    output = isinstance(meta, Mapping) and meta.get("output") is True
    for rel in _all_files(source.root, folder):
        why = _filtered(entry_filter, folder, rel[len(folder) + 1 :])
        if why is not None:
            source.skipped.append((rel, why))
        elif has_front_matter_header(str(source.root / rel)):
            source.files.append(SourceFile(rel, "document", label))
        elif output:
            source.files.append(SourceFile(rel, "static", label))
        else:
            source.skipped.append((rel, f"a file of collection '{label}', which has no output"))


def _filtered(entry_filter: EntryFilter, folder: str, inner: str) -> str | None:
    """The entry filter applied to each level below a special folder."""
    parts = inner.split("/")
    for end in range(1, len(parts) + 1):
        why = entry_filter.why_left_out(f"{folder}/{'/'.join(parts[:end])}")
        if why is not None:
            return why
    return None


def _all_files(root: Path, rel: str) -> list[str]:
    """Every file at or below ``rel``, POSIX paths relative to ``root``, sorted."""
    path = root / rel
    if not path.is_dir():
        return [rel]
    found = []
    for folder, dirs, names in os.walk(path):
        dirs.sort()
        for name in sorted(names):
            found.append(Path(folder, name).relative_to(root).as_posix())
    return found
