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
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs import utils

from mkdocs_jekyll.compat import replace_add_files_from_theme, theme_files_listing_only

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

    def __init__(self, env: jinja2.Environment) -> None:
        self.env = env
        self.names: list[str] = []

    def list_templates(self, extensions: Any = None, filter_func: Any = None) -> list[str]:
        self.names = self.env.list_templates(extensions=extensions, filter_func=filter_func)
        return list(self.names)


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
            recording = _Recording(env)
            original(files, recording, config)
            listing.names[key] = recording.names
        else:
            original(files, _Recorded(names), config)

    return add_files_from_theme
