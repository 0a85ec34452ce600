"""Where each document goes under ``docs/``, keeping its URL and its defaults.

Pages move into the folder of their effective ``lang`` (front matter, then defaults, then the
site's default locale); ``lang: x-default`` pages and pages in no configured locale stay at
the root, as do posts and collection documents, whose categories (the folders above
``_posts``) and URLs would otherwise change. Both sides' URLs come from the same Jekyll
rules the build uses (``jekyll/``): the source's with Jekyll's layout, the import's with the
new paths and locale folders. Where they differ, the document gets an explicit ``permalink``
of its old URL; nothing that already has the right URL is touched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from mkdocs_jekyll.cli.importer.locales import SiteLocales
from mkdocs_jekyll.cli.importer.scopes import keep_defaults, rewrite_defaults
from mkdocs_jekyll.cli.importer.source import JekyllSource, SourceFile
from mkdocs_jekyll.jekyll.collections import Collection, read_collections
from mkdocs_jekyll.jekyll.defaults import FrontMatterDefaults
from mkdocs_jekyll.jekyll.documents import (
    ScanCache,
    build_site_model,
    is_markdown_path,
    locale_folder_map,
    normalise_locale,
)
from mkdocs_jekyll.jekyll.frontmatter import FrontMatter
from mkdocs_jekyll.jekyll.permalinks import unescape_path

__all__ = ["Placed", "Plan", "plan_content"]

X_DEFAULT = "x-default"


@dataclass
class Placed:
    """One content file: where it was, where it goes, what its front matter gains."""

    source: SourceFile
    dest: str
    """Path relative to ``docs/``."""
    type: str
    """Jekyll's defaults ``type``: ``pages``, ``posts`` or a collection label."""
    lang: str | None
    """The configured locale it belongs to, ``x-default``, or None."""
    front: Mapping[str, Any] = field(default_factory=dict)
    """Its own front matter (keys it sets win over any default)."""
    added: dict[str, Any] = field(default_factory=dict)
    """Front matter keys written into the copy (a ``permalink``, a default's value)."""
    why: dict[str, str] = field(default_factory=dict)
    """One reason per added key, for the summary."""


@dataclass
class Plan:
    """Every content file's placement and the rewritten ``defaults``."""

    placed: list[Placed]
    defaults: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    """Defaults and URLs the import could not keep exactly (each names its file)."""
    urls: dict[str, str] = field(default_factory=dict)
    """Each published document's URL in Jekyll's build, by source path."""


def plan_content(source: JekyllSource, locales: SiteLocales, now: dt.datetime) -> Plan:
    """Decide every content file's place, defaults scopes and needed permalinks."""
    config = source.config
    collections = read_collections(source.collections or {})
    style = str(config.get("permalink") or "date")
    raw_defaults = config.get("defaults") or []
    old_defaults = FrontMatterDefaults(raw_defaults if isinstance(raw_defaults, list) else [])
    cache = ScanCache()
    content = [f for f in source.files if f.kind != "static"]
    pager = paginated_index(config, [f.rel for f in content if f.kind == "page"])
    folders = _locale_folders(source, locales)
    placed: list[Placed] = []
    taken = {f.rel for f in source.files if f.kind == "static"}
    for item in content:
        type_ = "pages" if item.kind == "page" else (item.collection or "posts")
        parsed = cache.read(str(source.root / item.rel), item.rel)
        data = old_defaults.apply(parsed.data, item.rel, type_)
        lang = _effective_lang(data.get("lang"), locales)
        dest = item.rel
        if item.kind == "page" and locales.multi and item.rel != pager and _is_html(item.rel):
            dest = _page_dest(item.rel, lang, folders)
        dest = _free(dest, taken)
        taken.add(dest)
        placed.append(Placed(item, dest, type_, lang, parsed.data))
    notes: list[str] = []
    plan = Plan(placed, rewrite_defaults(raw_defaults, placed, notes), notes)
    if pager is not None and locales.multi:
        _pagination_note(plan, pager, locales, config)
    keep_defaults(plan, old_defaults)
    _keep_urls(plan, source, locales, collections, style, now, cache)
    for moved in plan.placed:
        body = cache.read(str(source.root / moved.source.rel), moved.source.rel).body
        if moved.dest != moved.source.rel and "include_relative" in body:
            plan.notes.append(
                f"{moved.source.rel}: uses include_relative and moved to docs/{moved.dest}; "
                "its paths are relative to the file: check them"
            )
    return plan


def _is_html(rel: str) -> bool:
    """Whether a page's output is HTML (a ``search.json`` or ``feed.xml`` has no language:
    it stays where it is)."""
    return is_markdown_path(rel) or rel.lower().endswith((".html", ".htm", ".xhtml"))


def _effective_lang(value: object, locales: SiteLocales) -> str | None:
    """A document's locale: its ``lang`` (after defaults), else the site's default."""
    if value is None or value == "":
        return locales.default
    if isinstance(value, str) and value.lower() == X_DEFAULT:
        return X_DEFAULT
    return locales.match(value)


def _page_dest(rel: str, lang: str | None, folders: Mapping[str, str]) -> str:
    """A page's path under ``docs/``: ``_pages/`` dropped, inside its locale's folder.

    The folder is the one the source already has for the locale (``pt-br/`` for a
    configured ``pt-BR``: its posts stay there), else the locale's code.
    """
    parts = list(PurePosixPath(rel).parts)
    if parts and parts[0] == "_pages" and len(parts) > 1:
        parts = parts[1:]
    if lang is None or lang == X_DEFAULT:
        return "/".join(parts)
    if len(parts) > 1 and normalise_locale(parts[0]) == normalise_locale(lang):
        parts = parts[1:]
    return "/".join([folders.get(normalise_locale(lang), lang), *parts])


def _locale_folders(source: JekyllSource, locales: SiteLocales) -> dict[str, str]:
    """Normalised locale -> the top-level folder of the source holding it, as written."""
    found: dict[str, str] = {}
    for item in source.files:
        first = item.rel.split("/", 1)[0]
        if "/" in item.rel and locales.match(first) is not None:
            found.setdefault(normalise_locale(first), first)
    return found


def _free(dest: str, taken: set[str]) -> str:
    """``dest``, or ``name-2.md`` (``-3``...) when another file already goes there."""
    if dest not in taken:
        return dest
    path = PurePosixPath(dest)
    number = 2
    while True:
        candidate = str(path.with_name(f"{path.stem}-{number}{path.suffix}"))
        if candidate not in taken:
            return candidate
        number += 1


def paginated_index(config: Mapping[str, Any], pages: Sequence[str]) -> str | None:
    """The page jekyll-paginate paginates, if it runs: ``Pagination#template_page``.

    The ``index.html`` in ``paginate_path``'s folder or the nearest folder above it (the
    longest path wins). It stays where it is: outside the locale folders, the build
    paginates it as jekyll-paginate does.
    """
    plugins = {str(p) for key in ("plugins", "gems") for p in (config.get(key) or [])}
    if not config.get("paginate") or "jekyll-paginate" not in plugins:
        return None
    path = str(config.get("paginate_path") or "/page:num/").strip("/")
    folder = PurePosixPath(path).parent.as_posix()
    ancestors = {"."} | {p.as_posix() for p in PurePosixPath(folder).parents} | {folder}
    found = [
        rel
        for rel in pages
        if PurePosixPath(rel).name == "index.html"
        and PurePosixPath(rel).parent.as_posix() in ancestors
    ]
    return max(found, key=len) if found else None


def _pagination_note(
    plan: Plan, pager: str, locales: SiteLocales, config: Mapping[str, Any]
) -> None:
    """Say so when the locale folders change how many pages the blog index has."""
    folders = {normalise_locale(code) for code in locales.codes}
    posts = [p for p in plan.placed if p.source.kind == "post"]
    own = [p for p in posts if normalise_locale(p.dest.split("/")[0]) not in folders]
    if len(own) != len(posts):
        plan.notes.append(
            f"{pager}: Jekyll paginates all {len(posts)} posts; with locale folders it lists "
            f"the {len(own)} posts outside them (each locale's blog index lists its own), so "
            "the pages after the first may differ"
        )


# -- URLs -------------------------------------------------------------------------------------


def _keep_urls(
    plan: Plan,
    source: JekyllSource,
    locales: SiteLocales,
    collections: Mapping[str, Collection],
    style: str,
    now: dt.datetime,
    cache: ScanCache,
) -> None:
    """Give each document whose URL would change an explicit ``permalink`` of its old one."""
    old_urls = _urls(
        ((p.source.rel, str(source.root / p.source.rel)) for p in plan.placed),
        plan_defaults=None,
        source=source,
        folders={},
        collections=collections,
        style=style,
        now=now,
        cache=cache,
    )
    folders = locale_folder_map(locales.codes) if locales.multi else {}
    new_urls = _urls(
        ((p.dest, str(source.root / p.source.rel)) for p in plan.placed),
        plan_defaults=plan.defaults,
        source=source,
        folders=folders,
        collections=collections,
        style=style,
        now=now,
        cache=ScanCache(),
        added={p.dest: p.added for p in plan.placed},
    )
    plan.urls = old_urls
    for item in plan.placed:
        old = old_urls.get(item.source.rel)
        new = new_urls.get(item.dest)
        if old is not None and new is not None and old != new:
            item.added["permalink"] = unescape_path(old)
            item.why["permalink"] = (
                f"permalink keeps its URL {old} (the new place would give {new})"
            )


class _WithAdded(ScanCache):
    """Front matter as the import will write it: each file's added keys set in it."""

    def __init__(self, added: Mapping[str, Mapping[str, Any]]) -> None:
        super().__init__()
        self._added = added

    def read(self, abs_path: str, src_path: str) -> FrontMatter:
        parsed = super().read(abs_path, src_path)
        extra = self._added.get(src_path)
        if not extra:
            return parsed
        return dataclasses.replace(parsed, data={**parsed.data, **extra})


def _urls(
    sources: Iterable[tuple[str, str]],
    *,
    plan_defaults: list[dict[str, Any]] | None,
    source: JekyllSource,
    folders: Mapping[str, str],
    collections: Mapping[str, Collection],
    style: str,
    now: dt.datetime,
    cache: ScanCache,
    added: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, str]:
    """Each document's URL by the build's own rules (``build_site_model``)."""
    raw = source.config.get("defaults") if plan_defaults is None else plan_defaults
    defaults = FrontMatterDefaults(raw if isinstance(raw, list) else [])
    if added:
        cache = _WithAdded(added)
    model = build_site_model(
        list(sources),
        cache=cache,
        defaults=defaults,
        permalink_style=style,
        locales=folders,
        collections=collections,
        now=now,
        future=True,
        show_drafts=True,
    )
    return {path: doc.url for path, doc in model.documents.items()}
