"""The theme's static files listed once per build, not once per locale pass.

MkDocs' ``build()`` calls ``Files.add_files_from_theme`` on every pass (every locale, every
shard): ``env.list_templates`` walks all the theme folders (Material alone holds ~14,500
files, its icons) and matches every name against ~15 patterns, to keep a few dozen
(measured: 0.06 to 0.09 s of CPU per pass). The listing depends only on the loader's
folders, the theme's ``static_templates`` and MkDocs' ``markdown_extensions``, and the
theme folders do not change during a build, so the first pass's listing serves the later
ones; MkDocs' own method still runs on it (which files the docs override, which folder
holds each, the ``File`` objects of the pass). The first pass fills it before the workers
fork (``parallel``), so they inherit it. A new build (a serve rebuild too) lists again;
a replayed build (``site_replay``), whose file list is dropped unread, lists nothing.

That one listing leaves the folders whose names start with a dot unwalked: MkDocs' filter
drops every name under them, and Material's ``.icons`` holds 14,300 of its 14,500 files
(walking and filtering them took 0.05 to 0.09 s of a parallel build's serial head).
"""

from __future__ import annotations

import os
import weakref
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs import utils

from mkdocs_jekyll.compat import (
    jinja_listing_mirrored,
    replace_add_files_from_theme,
    theme_files_listing_only,
    theme_filter_drops_dot_paths,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

_Key = tuple[tuple[str, ...], bool, tuple[str, ...], tuple[str, ...]]


class _BuildListing:
    """One build's theme listings, by what they depend on (its config held weakly)."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = weakref.ref(config)
        self.names: dict[_Key, list[str]] = {}
        self.skip = False
        """A replayed build: MkDocs' file list is dropped unread (``skip_listing``)."""
        self.prune = theme_filter_drops_dot_paths() and jinja_listing_mirrored()
        """Whether the listing may leave the dot folders unwalked (``_pruned_listing``)."""


_build: _BuildListing | None = None


def start_build(config: MkDocsConfig) -> None:
    """Forget the previous build's listing; this build's first pass lists the theme anew.

    Called from the first pass's ``on_config`` (before MkDocs lists the theme's files).
    A MkDocs whose ``add_files_from_theme`` reads more than its one listing is left alone.
    """
    global _build
    if not theme_files_listing_only():
        _build = None
        return
    replace_add_files_from_theme(_listing_once)
    _build = _BuildListing(config)


def skip_listing(config: MkDocsConfig) -> None:
    """This build lists no theme file: it replays the last build's files.

    A replayed build gives MkDocs an empty file list before any plugin but ours reads it
    (``site_replay``; the caller checks no other plugin comes first), so the theme walk,
    an eighth of such a build, would be thrown away unread.
    """
    if _build is not None and _build.config() is config:
        _build.skip = True


class _Recording:
    """The pass's environment as ``add_files_from_theme`` uses it, keeping what it lists."""

    def __init__(self, env: jinja2.Environment, prune: bool) -> None:
        self.env = env
        self.prune = prune
        self.names: list[str] = []

    def list_templates(self, extensions: Any = None, filter_func: Any = None) -> list[str]:
        loader = self.env.loader
        if self.prune and extensions is None and isinstance(loader, jinja2.FileSystemLoader):
            names = _pruned_listing(loader)
            self.names = names if filter_func is None else [n for n in names if filter_func(n)]
        else:
            self.names = self.env.list_templates(extensions=extensions, filter_func=filter_func)
        return list(self.names)


def _pruned_listing(loader: jinja2.FileSystemLoader) -> list[str]:
    """``loader.list_templates()`` without the names under folders starting with a dot.

    Jinja 3.1's walk and naming, mirrored (``compat.jinja_listing_mirrored``); only used
    with MkDocs' filter, which drops those names anyway (``theme_filter_drops_dot_paths``).
    """
    found: set[str] = set()
    for searchpath in loader.searchpath:
        for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=loader.followlinks):
            dirnames[:] = [name for name in dirnames if not name.startswith(".")]
            for filename in filenames:
                template = (
                    os.path.join(dirpath, filename)[len(searchpath) :]
                    .strip(os.path.sep)
                    .replace(os.path.sep, "/")
                )
                if template[:2] == "./":
                    template = template[2:]
                found.add(template)
    return sorted(found)


class _Recorded:
    """An earlier pass's listing, in place of the environment."""

    def __init__(self, names: list[str]) -> None:
        self.names = names

    def list_templates(self, extensions: Any = None, filter_func: Any = None) -> list[str]:
        return list(self.names)


def _key(env: jinja2.Environment, config: MkDocsConfig) -> _Key | None:
    """What the listing depends on, or None for an environment not MkDocs' own kind.

    The loader lists the union of its folders' files, sorted: a folder given twice (as
    static-i18n adds its sitemap folder again on every pass) lists nothing more.
    """
    loader = env.loader
    if type(loader) is not jinja2.FileSystemLoader:
        return None
    return (
        tuple(dict.fromkeys(loader.searchpath)),
        loader.followlinks,
        tuple(sorted(config.theme.static_templates)),
        tuple(utils.markdown_extensions),
    )


def _listing_once(original: Any) -> Any:
    """``Files.add_files_from_theme`` listing the theme once per build and key."""

    def add_files_from_theme(files: Files, env: jinja2.Environment, config: MkDocsConfig) -> None:
        listing = _build
        key = _key(env, config) if listing is not None else None
        if listing is None or key is None or listing.config() is not config:
            original(files, env, config)
            return
        names = [] if listing.skip else listing.names.get(key)
        if names is None:
            recording = _Recording(env, listing.prune)
            original(files, recording, config)
            listing.names[key] = recording.names
        else:
            original(files, _Recorded(names), config)

    return add_files_from_theme
