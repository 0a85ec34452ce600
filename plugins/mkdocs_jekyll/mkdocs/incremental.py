"""Under ``mkdocs serve``, rebuild only the locale pages an edit changed.

MkDocs rebuilds the whole site on every save, and static-i18n runs one full build per locale:
on a three-locale site of 600 pages, about 13 s between saving a page and seeing it. Most
saves change one page's text and nothing another page shows. For those, the server's builder
is wrapped so that the build is a MkDocs "dirty" build (pages whose source is older than
their output are not rendered again) of the edited pages' locales only, with the Liquid of
every other page reused from the previous build.

A save qualifies when every changed file is an existing page of a locale folder whose front
matter is unchanged, that has a ``title`` (else MkDocs titles it from its first heading, which
other pages' navigation shows) and that no page pulls in with ``include_relative``. The
pages that show an edited document's text are rebuilt with it: those whose Liquid printed
its ``content``, ``output`` or ``excerpt`` in the previous builds (and those that printed
theirs, ``page_reads``), and those whose layout lists its excerpt; each must qualify as
the edited pages do. Anything else (a new or deleted file, a front matter edit,
``mkdocs.yml``, ``_data/``, ``_includes/``, ``overrides/``) rebuilds the whole site as
before. Either way the served site equals what a full build writes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.compat import (
    serve_builder_calls_build,
    serve_builds_dirty,
    set_page_title,
    wrap_serve_builder,
)
from mkdocs_jekyll.features.search_index import (
    read_index,
    root_index_path,
    write_merged_root_index,
    write_pass_search,
)
from mkdocs_jekyll.jekyll.archives import lists_posts
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.mkdocs.build_log import DIRTY_BUILD_LINES, quiet_build_log
from mkdocs_jekyll.mkdocs.page_reads import excerpt_readers, readers_of

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from mkdocs_jekyll.jekyll.documents import Document, ScanCache
    from mkdocs_jekyll.mkdocs.build import BuildState
    from mkdocs_jekyll.mkdocs.config import JekyllConfig
    from mkdocs_jekyll.mkdocs.scan import SiteScan

log = get_plugin_logger(__name__)

Snapshot = dict[str, tuple[int, int]]
"""Absolute file path to ``(mtime_ns, size)``."""

_ACTIVE: ContextVar[RebuildPlan | None] = ContextVar("mkdocs_jekyll_rebuild_plan", default=None)


@dataclass(frozen=True)
class RebuildPlan:
    """What an incremental rebuild builds: the edited pages and their locales."""

    locales: tuple[str | None, ...]
    """The locales to build, in static-i18n's build order (``(None,)`` without i18n)."""
    pages: frozenset[str]
    """The edited pages, by path relative to ``docs_dir``."""


PageHead = tuple[str | None, dict[str, Any]]
"""A page's title and metadata as its last build left them."""


@dataclass
class ServeState:
    """What ``mkdocs serve`` keeps from one build to the next, and a rebuild's search."""

    previous: BuildState | None = None
    """The last build, whose Liquid an incremental rebuild reuses."""
    page_heads: dict[str, PageHead] = field(default_factory=dict)
    """Each page's title and metadata, for the pages a dirty rebuild does not read."""
    search_before: dict[str, Any] | None = None
    """Incremental rebuilds: the root search index as the previous build wrote it."""
    search_rebuilt: list[dict[str, Any]] = field(default_factory=list)
    """Incremental rebuilds: the search entries of the pages rebuilt, every locale."""

    def forget(self) -> None:
        """The last build is not one to rebuild incrementally from (a failed one)."""
        self.previous = None

    def start_build(self, site_dir: str) -> None:
        """Before a build's passes: keep the root search index an incremental one merges into."""
        incremental = active_plan() is not None
        self.search_before = read_index(root_index_path(site_dir)) if incremental else None
        self.search_rebuilt = []

    def write_locale_search(self, config: MkDocsConfig, locale: str | None) -> None:
        """Give the pass's locale its own index; an incremental rebuild keeps its entries."""
        incremental = active_plan() is not None
        entries = write_pass_search(config, locale, incremental=incremental)
        if incremental:
            self.search_rebuilt.extend(entries)

    def plan(
        self, before: Snapshot, after: Snapshot, *, docs_dir: Path, scan_cache: ScanCache
    ) -> RebuildPlan | None:
        """The pages an edit changed, if rebuilding only them gives what a full build would."""
        previous = self.previous
        if previous is None:
            return None
        cache = previous.cache
        return plan_rebuild(
            before,
            after,
            previous.scan,
            cache.relative_includes,
            docs_dir,
            scan_cache,
            reads=cache.reads,
        )

    def merge_search(self, site_dir: str) -> None:
        """After every pass of an incremental rebuild: the root index, rebuilt pages merged."""
        if active_plan() is not None and self.search_before is not None:
            write_merged_root_index(site_dir, self.search_before, self.search_rebuilt)


def active_plan() -> RebuildPlan | None:
    """The plan of the build in progress; None for a full build."""
    return _ACTIVE.get()


def take_snapshot(roots: Iterable[Path]) -> Snapshot:
    """Every file under ``roots`` (files or folders), with its modification time and size.

    Hidden files and folders are left out, as MkDocs leaves them out of the site: an
    editor's swap file coming and going must not force a full rebuild.
    """
    snapshot: Snapshot = {}
    for root in roots:
        if root.is_file():
            stat = root.stat()
            snapshot[str(root)] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, subfolders, names in os.walk(root):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            for name in names:
                if name.startswith("."):
                    continue
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue  # Removed while walking: the next snapshot sees it gone.
                snapshot[path] = (stat.st_mtime_ns, stat.st_size)
    return snapshot


def changed_files(before: Snapshot, after: Snapshot) -> tuple[set[str], set[str]]:
    """Return ``(modified, added_or_removed)`` between two snapshots."""
    modified = {path for path, stamp in after.items() if before.get(path, stamp) != stamp}
    created_or_removed = set(after).symmetric_difference(before)
    return modified, created_or_removed


def plan_rebuild(
    before: Snapshot,
    after: Snapshot,
    previous: SiteScan,
    relative_includes: AbstractSet[str],
    docs_dir: Path,
    scan_cache: ScanCache,
    *,
    reads: Mapping[str, AbstractSet[str]] | None = None,
) -> RebuildPlan | None:
    """The incremental rebuild for the changes between two snapshots, or None for a full one.

    Args:
        before: The snapshot taken when the previous build started.
        after: The snapshot now.
        previous: The previous build's scan: its site model and the locales it wrote
            (in static-i18n's order, ``(None,)`` without locales).
        relative_includes: The files the previous build's pages read with
            ``include_relative``.
        docs_dir: The site's ``docs_dir``, absolute.
        scan_cache: The previous build's front matter, by file; updated for edited files.
        reads: What each document's renders read of other documents' text in the
            previous builds (``page_reads``): their readers are rebuilt with them. None:
            not recorded, so only a full rebuild is exact.
    """
    model, build_order = previous.model, previous.locale_order
    modified, created_or_removed = changed_files(before, after)
    if created_or_removed:
        return _full(f"{_shown(sorted(created_or_removed)[0], docs_dir)} was added or removed")
    if not modified:
        return _full("the change is outside the pages")
    if reads is None:
        return _full("the previous build did not record what its pages read")
    edited: set[str] = set()
    for path in sorted(modified):
        shown = _shown(path, docs_dir)
        src_path = _docs_relative(path, docs_dir)
        doc = model.documents.get(src_path) if src_path is not None else None
        if src_path is None or doc is None:
            return _full(f"{shown} changed")
        reason = _not_alone(doc, previous)
        if reason is not None:
            return _full(f"{shown} {reason}")
        if path in relative_includes:
            return _full(f"{shown} is included by a page ('include_relative')")
        try:
            if scan_cache.front_matter_changed(path, src_path):
                return _full(f"the front matter of {shown} changed")
        except (ContentError, OSError, UnicodeDecodeError):
            return _full(f"the front matter of {shown} has an error")
        edited.add(src_path)
    # The documents whose text changes: the edited ones, the ones whose Liquid printed
    # one of them, and so on; then the pages whose layout lists one's excerpt.
    changed = edited | readers_of(edited, reads)
    readers = (changed - edited) | excerpt_readers(changed, model)
    locales: set[str | None] = set()
    for src_path in sorted(edited):
        locales.add(model.documents[src_path].locale)
    for src_path in sorted(readers):
        doc = model.documents.get(src_path)
        if doc is None:
            return _full(f"'{src_path}' shows an edited page's text and is not a site page")
        if not doc.output:
            continue  # Not written: its text shows only through its readers, found above.
        reason = _not_alone(doc, previous)
        if reason is not None:
            return _full(f"'{src_path}' shows an edited page's text and {reason}")
        locales.add(doc.locale)
    order = tuple(locale for locale in build_order if locale in locales)
    pages = frozenset(path for path in edited | readers if model.documents[path].output)
    shown_by = sorted(pages - edited)
    also = f"; and {', '.join(shown_by)}, which show its text" if shown_by else ""
    log.info(f"Rebuilding {', '.join(sorted(edited))} only (the text changed){also}.")
    return RebuildPlan(locales=order, pages=pages)


def _not_alone(doc: Document, previous: SiteScan) -> str | None:
    """Why rebuilding the document's page alone would not give a full build's output (what
    else shows its text is rebuilt with it); None when it would."""
    model, src_path = previous.model, doc.src_path
    if not doc.output or doc.locale not in previous.locale_order:
        return "changed"
    if src_path in model.errors:
        return "had an error"
    if src_path in model.mtime_dated:
        # Document#date: a draft without a date is dated at its file's modification
        # time, so every save moves it in `site.posts` (and maybe to another URL).
        return "is a draft dated by its file's modification time"
    if previous.pagination.depends_on(src_path):
        # Its locale's paginated pages (jekyll-paginate) list it, or it is one: every
        # page of the series (generated pages 2..N) is rebuilt with it.
        return "is on paginated pages"
    if doc.type == "posts" and any(
        lists_posts(page) and page.locale == doc.locale for page in model.built()
    ):
        # The locale's archives print the post's excerpt and reading time.
        return "is a post its locale's archive pages list"
    if not doc.is_markdown:
        # Its output is a generated file or a page without Markdown: rebuilt in full.
        return "is not a Markdown page"
    if "title" not in doc.data:
        return "has no 'title' (its first heading titles it in the nav)"
    return None


def mark_for_rebuild(files: Files, pages: frozenset[str]) -> None:
    """Make a dirty build render ``pages`` whatever the file times say.

    MkDocs renders a page again when its source is newer than its output; a save within the
    file system's timestamp granularity of the previous build's write would look older.
    """
    for file in files.documentation_pages():
        if file.src_uri in pages and os.path.isfile(file.abs_dest_path):
            os.utime(file.abs_dest_path, ns=(0, 0))


def remember_page(heads: dict[str, PageHead], page: Page) -> None:
    """Keep a built page's title and metadata for the rebuilds that will not read it."""
    heads[page.file.src_uri] = (page.title, dict(page.meta))


def restore_unread_pages(files: Files, heads: Mapping[str, PageHead]) -> None:
    """Give the pages a dirty build skips the title and metadata of their last build.

    MkDocs does not read them, so the rebuilt pages' navigation, previous/next links and
    nav icons would show them untitled ('None').
    """
    for file in files.documentation_pages():
        page = file.page
        head = heads.get(file.src_uri)
        if page is None or page.markdown is not None or head is None:
            continue
        set_page_title(page, head[0])
        page.meta = dict(head[1])


def _full(reason: str) -> RebuildPlan | None:
    """No incremental rebuild: say why, for an author wondering why a save took long."""
    log.info(f"Rebuilding the whole site: {reason}.")
    return None


def _shown(path: str, docs_dir: Path) -> str:
    """A changed file as a message names it: relative to docs_dir, else as it is."""
    relative = _docs_relative(path, docs_dir)
    return f"'{relative}'" if relative is not None else f"'{path}'"


def _docs_relative(path: str, docs_dir: Path) -> str | None:
    """``path`` relative to ``docs_dir`` with POSIX separators, None outside it."""
    try:
        return Path(path).relative_to(docs_dir).as_posix()
    except ValueError:
        return None


def serve_builder_supported() -> bool:
    """Whether this MkDocs' serve builder calls ``build`` as 1.6 does (see ``_dirty_builds``)."""
    return serve_builder_calls_build()


def watched_folders(config: MkDocsConfig, options: JekyllConfig) -> list[Path]:
    """The folders besides ``docs_dir`` whose edits rebuild: ``_data/``, ``_includes/``, and
    the site's ``overrides/`` (``custom_dir``), as ``jekyll serve`` watches its own."""
    root = Path(config.config_file_path or ".").resolve().parent
    folders = [root / options.data_dir, root / options.includes_dir]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    return folders


def watch_site(
    server: LiveReloadServer,
    config: MkDocsConfig,
    options: JekyllConfig,
    *,
    plan: Callable[[Snapshot, Snapshot], RebuildPlan | None] | None,
) -> None:
    """Watch ``watched_folders``; with ``plan``, wrap the server's builder in ours.

    MkDocs watches ``docs_dir`` and ``mkdocs.yml``, and theme folders only with
    ``--watch-theme``.
    """
    folders = watched_folders(config, options)
    for path in folders:
        if path.is_dir():
            server.watch(str(path))
    if plan is not None and serve_builder_supported():
        roots = watched_roots(config, folders)
        wrap_serve_builder(server, partial(IncrementalBuilder, roots=roots, plan=plan))


def watched_roots(config: MkDocsConfig, extra: Iterable[Path]) -> list[Path]:
    """What a snapshot covers: the files whose edits make ``mkdocs serve`` rebuild."""
    roots = [Path(config.docs_dir).resolve()]
    if config.config_file_path:
        roots.append(Path(config.config_file_path).resolve())
    roots.extend(path.resolve() for path in extra)
    roots.extend(Path(item).resolve() for item in config.watch)
    return [root for root in dict.fromkeys(roots) if root.exists()]


class IncrementalBuilder:
    """``mkdocs serve``'s builder, building only the edited pages when that is exact.

    ``plan`` decides from two snapshots; None means a full build by the original builder.
    """

    def __init__(
        self,
        builder: Callable[..., None],
        roots: list[Path],
        plan: Callable[[Snapshot, Snapshot], RebuildPlan | None],
    ) -> None:
        self._builder = builder
        self._roots = roots
        self._plan = plan
        self._snapshot: Snapshot | None = take_snapshot(roots)
        """Taken when the last successful build started; None after a failed one."""

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        current = take_snapshot(self._roots)
        previous, self._snapshot = self._snapshot, None
        plan = None
        if config is None and previous is not None:
            plan = self._plan(previous, current)
        if plan is None:
            self._builder(config)  # serve's builder(config=None): None loads mkdocs.yml anew
        else:
            token = _ACTIVE.set(plan)
            try:
                with _dirty_builds():
                    self._builder()
            finally:
                _ACTIVE.reset(token)
        self._snapshot = current


@contextmanager
def _dirty_builds() -> Iterator[None]:
    """Make the serve builder's ``build()`` call a dirty build, and keep MkDocs' notice quiet.

    The builder passes ``dirty=`` from the command line; MkDocs has no other way in.
    """
    with serve_builds_dirty(), quiet_build_log(DIRTY_BUILD_LINES):
        yield
