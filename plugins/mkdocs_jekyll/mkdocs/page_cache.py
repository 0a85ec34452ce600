"""A locale pass's use of the build cache (``build_cache``), driven by the page hooks.

A page found in the cache is skipped (read as empty, an empty template) and its results
are put back where MkDocs would have made them: its title and anchors after the Markdown
step of every page, its search entries in its place in the index, its logs, its output
written in place of the template's. A page not found is recorded on its way through the
same steps, then stored, its output as the bytes MkDocs writes; the pass writes those bytes
itself when no later ``on_post_page`` handler can change them (``writes_last``), rather
than let MkDocs encode the page a second time.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.compat import set_page_title
from mkdocs_jekyll.jekyll.findings import LOGGER as FINDINGS_LOGGER
from mkdocs_jekyll.jekyll.findings import Finding, record_finding
from mkdocs_jekyll.mkdocs import page_shards
from mkdocs_jekyll.mkdocs.build_cache import (
    BuildCache,
    CachedPage,
    from_fields,
    page_key,
    to_fields,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from mkdocs_jekyll.jekyll.documents import SiteModel

log = get_plugin_logger(__name__)


PageRef = tuple[str, str, int]
"""Where a written page's output is kept: (pass key, page key, size in bytes)."""

_PAGES: dict[str, PageRef] = {}
"""Every page this process wrote from (or into) a page pack this build, by absolute path
(for ``site_replay``)."""


def note_page(abs_dest_path: str, pass_key: str, page_key: str, size: int) -> None:
    """A page's output file, written from the page pack entry ``page_key`` (``size`` bytes)."""
    _PAGES[abs_dest_path] = (pass_key, page_key, size)


def pages_mark() -> int:
    """How many pages are noted so far (a worker's pass sends back those noted after it)."""
    return len(_PAGES)


def pages_since(mark: int) -> list[tuple[str, PageRef]]:
    """The pages noted after ``pages_mark`` returned ``mark``."""
    return list(_PAGES.items())[mark:]


def add_pages(pages: list[tuple[str, PageRef]]) -> None:
    """Note the pages a worker's pass wrote (``pages_since`` in the worker)."""
    _PAGES.update(pages)


def noted_page(abs_dest_path: str) -> PageRef | None:
    """The page pack entry the file at ``abs_dest_path`` was written from, if noted."""
    return _PAGES.get(abs_dest_path)


def forget_pages() -> None:
    """A new build: no page written yet."""
    _PAGES.clear()


_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def writes_last(config: MkDocsConfig, handler: Callable[..., Any]) -> bool:
    """Whether the pass may write a page's output in ``handler`` (the core plugin's last
    ``on_post_page``, which stores it): only handlers marked ``page_release.leaves_output``
    run after it, so MkDocs would write the output ``handler`` returns as it is."""
    handlers = config.plugins.events["post_page"]
    if handler not in handlers:
        return False
    after = handlers[handlers.index(handler) + 1 :]
    return all(getattr(other, "leaves_output", False) is True for other in after)


def write_page(data: bytes, path: str) -> None:
    """Write a cached page's output as MkDocs' ``write_file`` does, in half the system calls.

    ``write_file`` stats the folder (``makedirs``), then opens the file through ``open``
    (which stats it, asks whether it is a terminal and where it starts): eight calls per
    page. Here, four: the page's own folder made (a pretty URL's; its parent exists, being
    the locale's or an earlier page's), the file opened, written, closed. Same bytes, same
    mode (``0o666`` less the umask); a deeper missing folder falls back to ``makedirs``.
    """
    folder = os.path.dirname(path)
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    fd = os.open(path, _FLAGS, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def replay(records: list[tuple[str, int, str]]) -> None:
    """Log a cached page's records again, where its rendering would have logged them."""
    for name, level, message in records:
        logger = logging.getLogger(name)
        if logger.isEnabledFor(level):
            fields = {"name": name, "levelno": level, "msg": message}
            fields["levelname"] = logging.getLevelName(level)
            logger.handle(logging.makeLogRecord(fields))


class Recorder(logging.Handler):
    """Keeps what a page's rendering logs (once per record, whichever logger it reaches),
    and the compatibility findings it records (``jekyll/findings.py``)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[tuple[str, int, str]] = []
        self.findings: list[tuple[str, str, int | None, str]] = []
        self._recent: deque[logging.LogRecord] = deque(maxlen=RECENT_RECORDS)
        """The last records handled, held: a record reaches this handler once per logger
        on its way up (``mkdocs``, then the root), one logger after another. Their ids
        alone are not enough: once a record is freed, a later one may get its id."""

    def emit(self, record: logging.LogRecord) -> None:
        if any(seen is record for seen in self._recent):
            return
        self._recent.append(record)
        finding = getattr(record, "finding", None)
        if isinstance(finding, Finding):
            self.findings.append((finding.category, finding.path, finding.line, finding.message))
        elif record.levelno >= logging.INFO:
            self.records.append((record.name, record.levelno, record.getMessage()))

    def attach(self) -> None:
        for logger in _RECORDED:
            logging.getLogger(logger).addHandler(self)

    def detach(self) -> list[tuple[str, int, str]]:
        for logger in _RECORDED:
            logging.getLogger(logger).removeHandler(self)
        return self.records


RECENT_RECORDS = 64
"""Records a ``Recorder`` holds to know one it has kept (another thread's may come between)."""

_RECORDED = ("", "mkdocs", FINDINGS_LOGGER)
"""The loggers a page's records reach: the root, MkDocs' (which may not propagate), the
findings' (which does not)."""


@dataclass
class _Miss:
    """A page being rendered: its key and what it produced so far."""

    key: str
    recorder: Recorder | None = None
    read_logs: list[tuple[str, int, str]] = field(default_factory=list)
    findings: list[tuple[str, str, int | None, str]] = field(default_factory=list)
    entries_before: int = 0


class PassCache:
    """One locale pass's use of the cache, driven by the core plugin's page hooks.

    ``lookup`` (first hook of a page) decides: a hit is skipped and ``restore_read``,
    ``restore_entries`` and ``finish`` put its results back; a miss is recorded between
    ``lookup`` and ``end_read`` (Markdown) and ``start_build`` and ``finish`` (template),
    then stored.
    """

    def __init__(
        self, cache: BuildCache, files: Files, locale: str | None, model: SiteModel
    ) -> None:
        self._key = cache.pass_key(files, locale, model)
        shard = page_shards.current()
        writer = "all" if shard is None else f"{shard.index}of{shard.count}"
        self._packs = cache.pass_packs(self._key, writer)
        self.hits: dict[str, CachedPage] = {}
        self._hit_keys: dict[str, str] = {}
        self._misses: dict[str, _Miss] = {}
        self.writes_misses = False
        """Whether ``finish`` writes a stored page's output itself (``writes_last``)."""

    def lookup(self, src_uri: str, url: str, data: Any, markdown: str) -> CachedPage | None:
        """Look the page up; on a miss, start recording what its Markdown logs."""
        key = page_key(self._key, src_uri, url, data, markdown)
        fields = self._packs.get(key)
        if fields is not None:
            try:
                found = from_fields(fields)
            except (ValueError, TypeError):
                shown = self._packs.forget(key)
                log.warning(
                    f"The build cache entry '{shown}' is damaged; it is ignored and rebuilt."
                )
            else:
                self.hits[src_uri] = found
                self._hit_keys[src_uri] = key
                return found
        miss = _Miss(key, Recorder())
        assert miss.recorder is not None
        miss.recorder.attach()
        self._misses[src_uri] = miss
        return None

    def restore_read(self, page: Any, files: Files) -> None:
        """After the page's Markdown step: a hit gets its title and anchors back; a miss
        stops recording."""
        src_uri = page.file.src_uri
        hit = self.hits.get(src_uri)
        if hit is not None:
            set_page_title(page, hit.title)
            page.present_anchor_ids = None if hit.anchors is None else set(hit.anchors)
            links: dict[Any, dict[str, str]] = {}
            for target, anchors in hit.links.items():
                file = files.get_file_from_path(target)
                if file is not None:
                    links[file] = dict(anchors)
            page.links_to_anchors = links
            replay(hit.read_logs)
            for category, path, line, message in hit.findings:
                record_finding(category, path, message, line=line)
            return
        miss = self._misses.get(src_uri)
        if miss is not None and miss.recorder is not None:
            miss.read_logs = miss.recorder.detach()
            miss.findings.extend(miss.recorder.findings)
            miss.recorder = None

    def start_build(self, src_uri: str, entries: list[dict[str, Any]] | None) -> None:
        """Before the page's template: a miss records its logs and search entries."""
        miss = self._misses.get(src_uri)
        if miss is not None:
            miss.entries_before = len(entries) if entries is not None else 0
            miss.recorder = Recorder()
            miss.recorder.attach()

    def restore_entries(self, src_uri: str, entries: list[dict[str, Any]] | None) -> None:
        """A hit's search entries, in its place in the index; its template's logs."""
        hit = self.hits.get(src_uri)
        if hit is not None:
            if entries is not None:
                entries.extend(dict(entry) for entry in hit.entries)
            replay(hit.build_logs)

    def finish(self, page: Any, output: str, entries: list[dict[str, Any]] | None) -> str | None:
        """The page's final output: a hit's is written here (None: MkDocs writes nothing);
        a miss is stored."""
        src_uri = page.file.src_uri
        hit = self.hits.get(src_uri)
        if hit is not None:
            data = hit.output
            write_page(data, page.file.abs_dest_path)
            note_page(page.file.abs_dest_path, self._key, self._hit_keys[src_uri], len(data))
            return None
        miss = self._misses.pop(src_uri, None)
        if miss is None:
            return output
        build_logs = miss.recorder.detach() if miss.recorder is not None else []
        findings = miss.findings + (miss.recorder.findings if miss.recorder is not None else [])
        added = entries[miss.entries_before :] if entries is not None else []
        anchors = page.present_anchor_ids
        # The bytes MkDocs' `_build_page` writes: stored (marshal copies bytes, where it
        # would encode a str again), counted, and written below.
        data = output.encode("utf-8", errors="xmlcharrefreplace")
        stored = self._store(
            miss.key,
            CachedPage(
                output=data,
                title=page.title,
                entries=[dict(entry) for entry in added],
                anchors=None if anchors is None else sorted(anchors),
                links={
                    file.src_uri: dict(links)
                    for file, links in (page.links_to_anchors or {}).items()
                },
                read_logs=miss.read_logs,
                build_logs=build_logs,
                findings=findings,
            ),
        )
        if stored:
            note_page(page.file.abs_dest_path, self._key, miss.key, len(data))
            if self.writes_misses and output.strip():
                # Written here, as a hit's is above: MkDocs would encode the page again
                # (some 50 us for the bench's 22 kB pages) to write it.
                write_page(data, page.file.abs_dest_path)
                page_shards.quiet_notice(src_uri)
                return None
        return output

    def _store(self, key: str, page: CachedPage) -> bool:
        try:
            self._packs.put(key, to_fields(page))
        except (OSError, ValueError) as err:
            log.debug(f"Not cached ({err}): {key}")
            return False
        return True

    def close(self, *, complete: bool = True) -> None:
        """The pass is over: its pack is written (or the one it used whole kept).

        Args:
            complete: Whether every page of the pass was looked up (not a dirty build).
        """
        self._packs.close(complete=complete)

    def abandon(self) -> None:
        """Stop every recording and write nothing (a failed pass)."""
        for miss in self._misses.values():
            if miss.recorder is not None:
                miss.recorder.detach()
        self._misses.clear()
        self._packs.discard()
