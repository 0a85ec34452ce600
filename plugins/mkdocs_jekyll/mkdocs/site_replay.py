"""A whole build replayed: a build of an unchanged site writes the last one's files, no pass.

A warm build (every page a cache hit, ``page_cache``) still ran every locale pass through
MkDocs: each pass listed, placed and keyed its files, walked every page through every hook,
rendered its theme templates and wrote its search index, about as much work again as
writing its pages. When nothing the build reads has changed, every pass would produce the
same files and log the same records as last time, so the build keeps them instead.

- **Recording** (every build that may use the cache, not serve or ``--dirty``): from the
  first pass's ``on_files`` to the site-wide outputs (``plugin._write_site_outputs``), what
  the build logs is kept; there, the staged folder holds every pass's files, and each is
  kept as a reference to the page pack entry it was written from (``note_page``, checked by
  size) or as its bytes (theme assets, search indexes, 404 pages: a few MB). Saved when the
  build succeeds, in ``.cache/mkdocs-jekyll/site/<key>.pack`` (``cache_packs``' format).
- **Replaying**: a build whose key matches, whose every page's Liquid came from the Liquid
  store (``liquid_store``: nothing read the clock or chance) and whose every referenced
  page entry is readable gives MkDocs no files, forks no worker and builds no other
  locale, and logs the kept records. A forked process (two threads where the build
  cannot fork) writes the kept files into a hidden folder of the staged one from
  ``on_pre_build`` on, while the build goes on (file writes are kernel time); where the
  site-wide outputs start, those files replace what the empty pass wrote, and the
  site-wide outputs run as in any build (the feeds take this build's time, the site
  checks run again).

The key is the page cache's build key (versions, this package, ``mkdocs.yml``, settings,
plugin options, theme folders, ``_data``, ``_includes``, the site model) with every
plugin's resolved options, every page's Liquid output (a digest of each page's source and
output, made in the process that rendered it: ``page_digests``) and the path and content
of every file below ``docs_dir``. Anything missing or damaged (a warning for damage) means an
ordinary build.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import stat
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.jekyll.findings import record_finding
from mkdocs_jekyll.mkdocs.build_cache import stable_json
from mkdocs_jekyll.mkdocs.cache_packs import PackDamaged, PackWriter, PassPacks, read_pack
from mkdocs_jekyll.mkdocs.page_cache import Recorder, forget_pages, noted_page, replay
from mkdocs_jekyll.mkdocs.page_digests import rendered_digest
from mkdocs_jekyll.mkdocs.parallel import can_fork_helper
from mkdocs_jekyll.mkdocs.replay_scan_work import plain, restored

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.mkdocs.build import BuildState
    from mkdocs_jekyll.mkdocs.build_cache import BuildCache
    from mkdocs_jekyll.mkdocs.replay_early import EarlyReplay
    from mkdocs_jekyll.mkdocs.replay_scan_work import ScanWork

log = get_plugin_logger(__name__)

FOLDER = "site"
SUFFIX = ".pack"
_META = ""
"""The record of what is not one file's (no file's relative path is empty)."""
_PAGE = "page"
_BYTES = "bytes"
STAMP_SUFFIX = ".stat"
"""Beside a kept build, the ``replay_early.stamp`` its build started with: ``<key>.stat``."""
_PENDING = "pending-"
"""The record's name while it is written, before the build is published (no key starts so)."""


def may_replay(state: BuildState) -> bool:
    """Whether the build's Liquid outputs are (or are now) in the cache, as a replay needs.

    Call before the build cache opens (``BuildCache.open`` saves the pending outputs).
    """
    store = state.cache.liquid_store
    if state.cache.pages is not None:  # The pages' outputs are kept at the end (``rekey``).
        return store is not None
    return state.cache.reused or (store is not None and store.pending is not None)


def open_replay(
    config: MkDocsConfig,
    state: BuildState,
    cache: BuildCache,
    *,
    early: EarlyReplay | None = None,
    sources: str = "",
) -> tuple[SiteReplay | None, SiteRecorder | None]:
    """The kept build this one replays (its files already being written), or the recorder
    that keeps this one; for a build in a staged folder, outside ``mkdocs serve``.

    Args:
        config: The build's config.
        state: The build's scan and render cache.
        cache: The build cache.
        early: The kept build being written since ``on_config`` (``replay_early``):
            taken when its key is this build's, else stopped and removed.
        sources: The build's ``replay_early.stamp``, kept with the build for the next.
    """
    if state.cache.pages is not None:
        _cancel(early)
        # Its pages render in the passes (nothing to replay): it is keyed once their
        # outputs are back (``rekey``), not twice; each process hashes its own pages.
        state.cache.pages.keep_digests = True
        return None, SiteRecorder(cache, "", sources)
    key = replay_key(config, state, cache)
    if state.cache.reused and early is not None and early.key == key:
        if early.replay.pages_ready():  # Its pages read by its writer: else load them here.
            return early.replay, None  # Written since on_config.
    if state.cache.reused:  # Nothing read the clock or chance.
        replay = SiteReplay.load(cache.folder, cache.label, key)
        if replay is not None:
            _cancel(early)
            # Its sources' times may not be the kept build's (the key holds their contents):
            # the sitemap's dates from them are made again (``replay_scan_work``).
            replay.scan_work = None
            replay.start(config.site_dir)
            return replay, None
    _cancel(early)
    return None, SiteRecorder(cache, key, sources)


def _cancel(early: EarlyReplay | None) -> None:
    if early is not None:
        early.cancel()


def replay_key(config: MkDocsConfig, state: BuildState, cache: BuildCache) -> str:
    """Everything the build's files and records depend on (see the module docstring)."""
    digest = hashlib.sha256(f"site replay\0{cache.build_key}\0".encode())
    options = {name: dict(plugin.config.items()) for name, plugin in config.plugins.items()}
    digest.update(stable_json(options).encode())
    # Each page's digest, made where it was rendered when it could be (``page_digests``).
    kept = state.cache.pages.digests if state.cache.pages is not None else {}
    rendered = state.cache.rendered
    for path in sorted(rendered):
        digest.update(f"\0{path}".encode())
        digest.update(rendered_digest(rendered[path], kept, path))
    # A document's text is in the key already: its front matter (the build key) and its
    # Liquid output (above) are all its page is made of, as the page cache's key holds.
    known = state.scan.model.documents.keys() & state.cache.rendered.keys()
    docs = os.path.abspath(config.docs_dir)
    found: list[str] = []
    for folder, dirs, names in os.walk(docs, followlinks=True):  # As MkDocs' own walk.
        dirs.sort()
        found.extend(os.path.join(folder, name) for name in names)
    for path in sorted(found):
        rel = _relative(path, docs)
        digest.update(f"\0{rel}\0".encode("utf-8", "surrogateescape"))
        if rel in known:
            continue
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            return ""  # A file that cannot be read: no key (never replayed, never kept).
    return digest.hexdigest()


def _relative(path: str, docs: str) -> str:
    """``path`` (found by walking the absolute folder ``docs``) relative to it, with ``/``.

    What ``Path(os.path.relpath(path, docs)).as_posix()`` gives, by slicing the string: a
    walk's path is the folder's followed by plain names, already normal; ``pathlib`` and
    ``relpath`` (two ``abspath`` calls) per file were a sizeable share of this key, computed
    in the serial end of a build with workers.
    """
    prefix = os.path.join(docs, "")
    if not path.startswith(prefix):
        return Path(os.path.relpath(path, docs)).as_posix()
    rel = path[len(prefix) :]
    return rel if os.sep == "/" else rel.replace(os.sep, "/")


@dataclass
class _Snapshot:
    """The staged folder where the site-wide outputs start, and what the build logged."""

    files: list[tuple[str, tuple[Any, ...]]]
    meta: tuple[Any, ...]


class SiteRecorder:
    """Keeps one build's logs and files for a later build to replay (``SiteReplay``).

    The record (the bench: 9 MB, its theme assets and search indexes) is written by a
    thread from the snapshot on, under a pending name, while the main thread writes the
    site-wide outputs: its checksum and file writes let the other go (about 20 ms of the
    serial end of a build with workers, the other CPU idle). ``save`` gives it its key's
    name once the build is published; a failed build removes it (``abandon``).
    """

    def __init__(self, cache: BuildCache, key: str, sources: str = "") -> None:
        self._cache = cache
        self._key = key
        self._sources = sources
        """The build's ``replay_early.stamp``, saved beside its record ("": none)."""
        self._records = Recorder()
        self._snapshot: _Snapshot | None = None
        self._writer: threading.Thread | None = None
        self._written: Path | None = None
        """The record, written under its pending name (None: not, or not yet)."""
        self._failure: BaseException | None = None
        forget_pages()

    def start(self) -> None:
        """The first pass's files are listed: record what the build logs from here."""
        self._records.attach()

    def snapshot(
        self, site_dir: str, own_404_page: str | None, scan_work: ScanWork | None = None
    ) -> None:
        """Every pass is built: keep the staged folder's files (pages by reference), and the
        end's scan-only work if it is done (``replay_scan_work``).

        A file the walk cannot explain (a link, a page of another size than its entry's)
        leaves nothing kept.
        """
        logs = self._records.detach()
        findings = self._records.findings
        files: list[tuple[str, tuple[Any, ...]]] = []
        dirs: list[str] = []
        try:
            if not _walk_site(str(Path(site_dir)), "", files, dirs):
                return
        except OSError as err:
            log.debug(f"The build is not kept for replay ({err})")
            return
        meta = (
            own_404_page,
            [list(r) for r in logs],
            [list(f) for f in findings],
            dirs,
            plain(scan_work),
        )
        self._snapshot = _Snapshot(files, meta)
        pending = self._cache.folder / FOLDER / f"{_PENDING}{os.getpid()}{SUFFIX}"
        self._writer = threading.Thread(
            target=self._write, args=(self._snapshot, pending), daemon=True
        )
        self._writer.start()

    def rekey(self, key: str) -> None:
        """The build's key once every page's Liquid output is known: the passes rendered
        the pages (``page_liquid``), and ``open_replay`` saw only the posts'."""
        self._key = key

    def abandon(self) -> None:
        """The build failed: keep nothing."""
        self._records.detach()
        self._snapshot = None
        self._remove(self._join())

    def save(self) -> None:
        """The build succeeded: put its record in place, and remove older ones."""
        snapshot, self._snapshot = self._snapshot, None
        written = self._join()
        if snapshot is None or not self._key:
            self._remove(written)
            return
        folder = self._cache.folder / FOLDER
        final = folder / f"{self._key}{SUFFIX}"
        try:
            if written is None:
                raise OSError(f"not written: {self._failure}")
            os.replace(written, final)
            stamp = folder / f"{self._key}{STAMP_SUFFIX}"
            for name in os.listdir(folder):
                if name not in (final.name, stamp.name):
                    (folder / name).unlink(missing_ok=True)
            if self._sources:
                stamp.write_text(self._sources, encoding="ascii")
        except OSError as err:
            self._remove(written)
            log.debug(f"The build was not kept for replay ({err})")

    def _write(self, snapshot: _Snapshot, pending: Path) -> None:
        """In the writer thread: the record under its pending name (``_written``)."""
        writer = PackWriter(pending)
        try:
            writer.add(_META, snapshot.meta)
            for rel, fields in snapshot.files:
                writer.add(rel, fields)
            self._written = writer.close()
        except (OSError, ValueError) as err:
            writer.discard()
            self._failure = err

    def _join(self) -> Path | None:
        """Wait for the writer thread; the record it wrote, if it did."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.join()
        written, self._written = self._written, None
        return written

    @staticmethod
    def _remove(written: Path | None) -> None:
        if written is not None:
            written.unlink(missing_ok=True)


@dataclass
class SiteReplay:
    """A kept build, every file's bytes at hand (or its pages' in their packs: ``pages``),
    ready to be written again."""

    own_404_page: str | None
    logs: list[tuple[str, int, str]]
    findings: list[tuple[str, str, int | None, str]]
    dirs: list[str]
    files: list[tuple[str, bytes]]
    packs: list[PassPacks] = field(default_factory=list)
    scan_work: ScanWork | None = None
    """The kept build's scan-only end work, for a build whose sources' stamp is its own
    (``replay_scan_work``; ``open_replay`` drops it for any other)."""
    pages: list[tuple[int, str, str]] = field(default_factory=list)
    """The pages still to read from the page packs (``load(pages_later=True)``): the index
    of each in ``files`` (whose bytes are empty until then), its pass key and page key."""
    cache: tuple[Path, str] | None = None
    """The build cache's folder and label, where ``pages`` are read."""
    _pages_read: Any = None
    """Where the writing process tells whether it read ``pages``: 0 not yet, 1 read, 2 not
    (a ``multiprocessing.Value``; ``pages_ready``)."""
    _writers: list[threading.Thread] = field(default_factory=list)
    _process: multiprocessing.process.BaseProcess | None = None
    _claims: _Claims | None = None
    """The next file for the writing process or this one to write (``_write_claimed``)."""
    _failed: BaseException | None = None

    @classmethod
    def load(
        cls, folder: Path, label: str, key: str, *, quiet: bool = False, pages_later: bool = False
    ) -> SiteReplay | None:
        """The build kept under ``key`` with every page it refers to, else None.

        A damaged record is ignored with a warning (the build is then an ordinary one).

        Args:
            folder: The build cache's folder.
            label: The folder as the config gives it, for messages.
            key: The kept build's key.
            quiet: No warning (``replay_early``'s guess: the build's own load warns).
            pages_later: Leave the pages in their packs (``pages``): the writing process
                reads them (``start``), and the build takes the replay once it has
                (``pages_ready``).
        """
        if not key:
            return None
        path = folder / FOLDER / f"{key}{SUFFIX}"
        try:
            records = read_pack(path)
        except OSError:
            return None
        except PackDamaged:
            if not quiet:
                shown = f"{label.rstrip('/')}/{FOLDER}/{path.name}"
                log.warning(
                    f"The build cache entry '{shown}' is damaged; it is ignored and rebuilt."
                )
            return None
        try:
            return cls._from_records(folder, label, records, pages_later=pages_later)
        except (LookupError, ValueError, TypeError) as err:
            log.debug(f"The kept build is not replayed ({err})")
            return None

    @classmethod
    def _from_records(
        cls, folder: Path, label: str, records: dict[str, tuple[Any, ...]], *, pages_later: bool
    ) -> SiteReplay:
        meta = records.pop(_META)
        own_404_page, logs, findings, dirs = meta[:4]
        scan_work = restored(meta[4]) if len(meta) > 4 else None
        files: list[tuple[str, bytes]] = []
        pages: list[tuple[int, str, str]] = []
        for rel, fields in records.items():
            if fields[0] == _BYTES and isinstance(fields[1], bytes):
                files.append((rel, fields[1]))
                continue
            kind, pass_key, page_key = fields
            if kind != _PAGE:
                raise ValueError(f"unknown record kind {kind!r}")
            pages.append((len(files), str(pass_key), str(page_key)))
            files.append((rel, b""))
        packs = [] if pages_later else _read_pages(folder, label, files, pages)
        return cls(
            own_404_page=own_404_page if own_404_page is None else str(own_404_page),
            logs=[(str(n), int(level), str(m)) for n, level, m in logs],
            findings=[
                (str(c), str(p), None if n is None else int(n), str(m)) for c, p, n, m in findings
            ],
            dirs=[str(d) for d in dirs],
            files=files,
            packs=packs,
            scan_work=scan_work,
            pages=pages if pages_later else [],
            cache=(folder, label),
        )

    def replay_logs(self) -> None:
        """Log what the kept build logged from its first pass's files on, in order."""
        replay(self.logs)
        for category, path, line, message in self.findings:
            record_finding(category, path, message, line=line)

    def start(self, site_dir: str) -> None:
        """Write the files into a hidden folder of the staged folder, beside the build.

        MkDocs' clean step keeps hidden entries. The writes (most of a replayed build's
        time, spent in the kernel) run beside the rest of the build, in a forked process
        where the build can fork one (``parallel.can_fork_helper``): it shares the files' bytes with
        the build, and neither waits for the other. Threads share the interpreter's lock
        with the build's own work, which slowed both: on the bench's site, the process
        with the end's scan-only work beside it (``BuildEnd.open_replay``) took a replayed
        build from 1.09 to 0.97 s and from 1.12 to 1.03 s (old code against new,
        alternated pairs), where that work beside two threads had saved nothing.
        Elsewhere two threads write. Pages left in their packs (``pages``) are read by the
        forked process before it writes (where none can be forked, here first).
        """
        folder = os.path.join(site_dir, WRITING)
        shutil.rmtree(folder, ignore_errors=True)
        try:
            os.mkdir(folder)
        except OSError as err:
            self._failed = err
            self._pages_read = None  # (``pages_ready``: no process reads them)
            return
        if can_fork_helper():
            context = multiprocessing.get_context("fork")
            self._claims = _new_claims()
            pages = None
            if self.pages:
                assert self.cache is not None
                self._pages_read = context.Value("b", 0)
                pages = (*self.cache, self.pages, self._pages_read)
            self._process = context.Process(
                target=_write_in_process,
                args=(folder, self.files, self._claims, pages),
                daemon=True,
            )
            self._process.start()
        else:
            self.read_pages()
            for part in range(_WRITERS):
                chunk = self.files[part::_WRITERS]
                writer = threading.Thread(
                    target=self._write_into, args=(folder, chunk), daemon=True
                )
                writer.start()
                self._writers.append(writer)
        # Kept, and their entries let go of while the files are written (not at exit).
        for packs in self.packs:
            packs.keep()
        self.packs = []

    def pages_ready(self) -> bool:
        """Whether every page of the kept build was read (here, or by the writing process:
        waited for, as the build takes the replay only once they were).

        A page entry missing or damaged means no replay, as for ``load``.
        """
        status, process = self._pages_read, self._process
        if not self.pages:
            return True
        if status is None or process is None:
            return False
        while status.value == 0 and process.is_alive():
            process.join(0.005)
        return bool(status.value == _PAGES_READ)

    def read_pages(self) -> None:
        """Read the pages left in their packs (``pages``) in this process.

        Raises:
            LookupError: A page's entry is missing or damaged.
        """
        if self.pages:
            assert self.cache is not None
            self.packs.extend(_read_pages(*self.cache, self.files, self.pages))
            self.pages = []

    def _write_into(self, folder: str, files: list[tuple[str, bytes]]) -> None:
        try:
            write_files(folder, files)
        except BaseException as err:  # Reported by `finish`, which writes them again.
            self._failed = err

    def _help(self, folder: str) -> None:
        """Write the files the writing process has not begun, beside it: this process has
        nothing else to do until they are written (a replayed build's end waits for them).
        A failure here is the writer's: ``finish`` writes every file again."""
        claims, self._claims = self._claims, None
        if claims is None or self._process is None or self._failed is not None:
            return
        try:
            if claims.value < len(self.files):  # (The pages' bytes only if some are left.)
                self.read_pages()
            _write_claimed(folder, self.files, claims)
        except (OSError, LookupError) as err:
            self._failed = err

    def _join(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.join()
            if process.exitcode != 0 and self._failed is None:
                # Reported by `finish`, which writes the files again.
                self._failed = OSError(f"the writing process exited with {process.exitcode}")
            process.close()
        for writer in self._writers:
            writer.join()
        self._writers = []

    def cancel(self, site_dir: str) -> None:
        """The build is not replayed after all (``--dirty``): remove what was written."""
        self._join()
        shutil.rmtree(Path(site_dir, WRITING), ignore_errors=True)

    def stop(self, site_dir: str) -> None:
        """As ``cancel``, without waiting for the writing process to finish (``replay_early``:
        the guess was wrong, or the build failed)."""
        if self._process is not None:
            self._process.kill()
        self.cancel(site_dir)

    def finish(self, site_dir: str) -> None:
        """Make the staged folder the kept build's: its folders and files, nothing else.

        The page packs the pages came from are kept (a build that reads an entry keeps it).
        """
        root = Path(site_dir)
        folder = root / WRITING
        self._help(str(folder))
        self._join()
        for entry in os.scandir(root):
            if entry.name == WRITING and self._failed is None:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        if self._failed is not None or not folder.is_dir():
            log.debug(f"The kept build is written again ({self._failed})")
            self.read_pages()  # (Read and checked by the writing process already.)
            write_files(str(root), self.files)
            _make_dirs(str(root), self.dirs)
        else:
            _make_dirs(str(folder), self.dirs)  # The empty ones.
            for name in os.listdir(folder):
                os.rename(folder / name, root / name)
            folder.rmdir()
        for packs in self.packs:  # Kept by `start` unless it could not start.
            packs.keep()
        self.files = []


WRITING = ".mkdocs-jekyll-replay"
"""The hidden folder of the staged folder the kept build's files are written into."""


_WRITERS = 2
"""Threads writing a replayed build's files where the build cannot fork (the bench
machine's CPUs)."""


_PAGES_READ = 1
_PAGES_MISSING = 2
"""``SiteReplay._pages_read`` once the writing process has read the pages, or failed to."""


def _write_in_process(
    root: str,
    files: list[tuple[str, bytes]],
    claims: _Claims,
    pages: tuple[Path, str, list[tuple[int, str, str]], Any] | None = None,
) -> None:
    """In the forked writer: read the pages left in their packs (``pages``: the cache's
    folder and label, the pages, where to tell whether they were read), then write the
    ``files`` it claims, exiting with 1 on any failure (quietly: the build does not take a
    replay whose pages were not read, and writes the files again after a failed write,
    ``SiteReplay.finish``)."""
    try:
        if pages is not None:
            folder, label, refs, status = pages
            try:
                for packs in _read_pages(folder, label, files, refs):
                    packs.keep()  # (Touched here: the build's ``prune`` leaves them.)
            except BaseException:
                status.value = _PAGES_MISSING
                raise
            status.value = _PAGES_READ
        _write_claimed(root, files, claims)
    except BaseException:
        sys.exit(1)


def _read_pages(
    folder: Path, label: str, files: list[tuple[str, bytes]], pages: list[tuple[int, str, str]]
) -> list[PassPacks]:
    """Put each page's bytes from its pack into ``files``; the passes' packs read.

    Raises:
        LookupError: A page's entry is missing (or its pack damaged).
    """
    packs: dict[str, PassPacks] = {}
    for index, pass_key, page_key in pages:
        if pass_key not in packs:
            # Quietly: a damaged pack is reported by the pass that reads it next.
            packs[pass_key] = PassPacks(folder, label, pass_key, "-", warn=False)
        entry = packs[pass_key].get(page_key)
        rel = files[index][0]
        if entry is None or not isinstance(entry[0], bytes):
            raise LookupError(f"page entry missing: {rel}")
        files[index] = (rel, entry[0])
    return list(packs.values())


_Claims = Any
"""A ``multiprocessing.Value`` of type ``q``: the index of the next file to claim."""

CLAIMED = 8
"""Files taken per claim: one lock for a few files, the two writers ending close together."""


def _new_claims() -> _Claims:
    """The claims of a list of files, shared with processes forked after this call."""
    return multiprocessing.get_context("fork").Value("q", 0)


def _write_claimed(root: str, files: list[tuple[str, bytes]], claims: _Claims) -> None:
    """Write the files of ``files`` claimed from ``claims``, a few at a time, until none is
    left; the process that writes the same list beside this one claims the others."""
    made: set[str] = set()
    while True:
        with claims.get_lock():
            first = claims.value
            claims.value = first + CLAIMED
        if first >= len(files):
            return
        write_files(root, files[first : first + CLAIMED], made)


def write_files(root: str, files: list[tuple[str, bytes]], made: set[str] | None = None) -> None:
    """Write ``files`` below ``root``, with their folders (another thread or process may
    make one); ``made``: the folders this caller made already."""
    made = set() if made is None else made
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    for rel, data in files:
        parent = os.path.dirname(rel)
        if parent and parent not in made:
            os.makedirs(os.path.join(root, parent), exist_ok=True)
            made.add(parent)
        fd = os.open(os.path.join(root, rel), flags, 0o666)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)


def _make_dirs(root: str, dirs: list[str]) -> None:
    """Make every folder of ``dirs`` that writing the files did not."""
    for rel in dirs:
        path = os.path.join(root, rel)
        if not os.path.isdir(path):  # A failing mkdir costs more than a stat.
            os.makedirs(path, exist_ok=True)


def _write_all(fd: int, data: bytes) -> None:
    """``os.write`` until every byte is written (one call, for a file on a local disk)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _walk_site(
    folder: str, rel: str, files: list[tuple[str, tuple[Any, ...]]], dirs: list[str]
) -> bool:
    """Keep ``folder``'s files and folders below it, in ``os.walk``'s order (top down, names
    sorted); False for a file the walk cannot explain (a link, not a regular file).

    One ``scandir`` per folder and one ``lstat`` per file, with string paths: the staged
    folder of a cold build holds every page, and ``pathlib`` (three stats and a relative path
    per file) made this a sizeable share of the serial tail of a build with workers.
    ``folder`` is normalised (``str(Path(..))``), so each file's path is the one
    ``note_page`` was given.
    """
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return True  # As os.walk: a folder it cannot list is left out.
    subdirs: list[os.DirEntry[str]] = []
    names: list[os.DirEntry[str]] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()  # Through a link, as os.walk sorts them.
        except OSError:
            is_dir = False
        (subdirs if is_dir else names).append(entry)
    subdirs.sort(key=lambda entry: entry.name)
    names.sort(key=lambda entry: entry.name)
    for entry in subdirs:
        if entry.is_symlink():
            return False
        dirs.append(rel + entry.name)
    for entry in names:
        info = entry.stat(follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode):
            return False  # A link, or not a regular file.
        ref = noted_page(entry.path)
        if ref is not None and ref[2] == info.st_size:
            files.append((rel + entry.name, (_PAGE, ref[0], ref[1])))
        else:
            with open(entry.path, "rb") as handle:
                files.append((rel + entry.name, (_BYTES, handle.read())))
    return all(_walk_site(entry.path, f"{rel}{entry.name}/", files, dirs) for entry in subdirs)
