"""Build static-i18n's other locale passes in parallel worker processes.

static-i18n builds the default locale, then each other locale one after another from its own
``on_post_build``. Every pass is independent once the site model and the posts' Liquid are
computed (``build.py``, in the first pass's ``on_pre_build``; each process renders its own
pages' Liquid, ``page_liquid``). So, as soon as the first pass has cleaned ``site/`` (its
``on_files``), forked workers start the other passes, each into its own locale folder of
``site/``, while the first pass goes on in the parent; at the first pass's
``on_post_build`` the parent collects their search entries and log records and merges them in
locale order, exactly as the sequential passes would have. A large locale is also cut into
shards of its pages (``page_shards.py``), built the same way, the first locale's first shard
in the parent. With ``parallel_workers`` unset there is one process per CPU, the parent
included, each building its group of passes one after another (``page_shards.balanced_plan``):
every process beside the parent costs its own memory (~30 MiB on the bench), so three
locales on two CPUs are two processes, not three; the parent builds its others after its own.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import groupby
from typing import TYPE_CHECKING, Any

from mkdocs.commands.build import build

from mkdocs_jekyll.compat import keep_site_folder, restoring_clean_directory
from mkdocs_jekyll.features.search_index import lunr_language, write_locale_index
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.mkdocs import page_liquid, page_shards, shard_balance
from mkdocs_jekyll.mkdocs.build_log import NESTED_BUILD_LINES, quiet_build_log
from mkdocs_jekyll.mkdocs.gc_policy import freeze_for_workers, thaw_after_workers
from mkdocs_jekyll.mkdocs.page_cache import PageRef, pages_mark, pages_since
from mkdocs_jekyll.mkdocs.page_shards import Plan, Shard

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# The parent's plugin and config, inherited by forked workers (they cannot be pickled).
_PARENT: tuple[Any, MkDocsConfig] | None = None
# The end's work a worker does once its passes are done, if it claims it before the parent
# (``_claim``, ``ParallelPasses.results``); inherited likewise.
_SPARE: tuple[Callable[[], Any], Any] | None = None
# Whether the parent is building a later pass beside its workers (``beside_workers``).
_BESIDE_WORKERS = False


@dataclass(frozen=True)
class PassResult:
    """What one locale pass (or one shard of it) hands back to the parent."""

    locale: str
    search_entries: list[dict[str, Any]]
    error: str | None = None
    logs: list[logging.LogRecord] = field(default_factory=list)
    """What the pass logged, for the parent to log in locale order (see ``replay_logs``)."""
    shard: Shard | None = None
    """The shard built, when the locale's pages are spread over several processes."""
    search_index: dict[str, Any] | None = None
    """A shard's search index (its own pages), for the parent to write the locale's."""
    pages: list[tuple[str, PageRef]] = field(default_factory=list)
    """The pages it wrote from the page packs (``page_cache.note_page``), for ``site_replay``."""
    liquid: page_liquid.Payload | None = None
    """The pages whose Liquid the pass rendered (``page_liquid``), for the parent."""
    content_error: str | None = None
    """The message of a content error that failed the pass, as the build reports it."""
    spare: Any = None
    """The end's work the worker did after its last pass, the parent's still building
    (``ParallelPasses(spare=)``), for the parent's ``meanwhile``."""


_EXITING: list[threading.Thread] = []
"""The threads of pools whose workers sent every result and are exiting
(``ParallelPasses.results``): joined before anything forks again (``can_fork``), else at the
interpreter's exit (``concurrent.futures`` joins its own)."""


def can_fork() -> bool:
    """Workers are forked: only where the platform forks, and only from a single thread.

    Forking copies just the calling thread; with others running (``mkdocs serve``'s file
    watcher and HTTP server) a lock held elsewhere could deadlock the worker. An earlier
    build's pool whose workers are exiting is joined first: its thread ends with them.
    """
    while _EXITING:
        _EXITING.pop().join()
    return (
        hasattr(os, "fork")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def can_fork_helper() -> bool:
    """A forked helper process may run beside the build (the template warm-up, a replayed
    build's writer): on Linux (forking is unsafe on macOS), with a CPU for it beside the
    build's, from a single thread (``can_fork``)."""
    return sys.platform.startswith("linux") and (os.cpu_count() or 1) >= 2 and can_fork()


class ParallelPasses:
    """Locale passes (or shards of them) in forked workers while the parent builds its own."""

    def __init__(
        self,
        plugin: Any,
        config: MkDocsConfig,
        plan: Plan,
        workers: int,
        locales: list[str],
        *,
        spare: Callable[[], Any] | None = None,
    ):
        """Fork the workers and start each worker's passes.

        Args:
            plugin: The ``jekyll/i18n`` plugin, in its first pass.
            config: The build's MkDocs config.
            plan: The passes (or shards) still to build: the parent's first (built after its
                own pass, ``results``), then one list per worker call, each built in one
                process, one pass after another.
            workers: Worker processes at most.
            locales: Every locale in static-i18n's order, the order of ``results``.
            spare: Work of the build's end that needs none of the passes' results, done by
                whichever process is done with its passes first: a worker (on the CPU that
                would idle), whose result the parent gets in ``results``, or the parent.
        """
        global _PARENT, _SPARE
        _PARENT = (plugin, config)
        self._own = plan[0]
        self._locales = locales
        # The parent's objects so far move out of the collector's reach: a worker's garbage
        # collections then leave their pages shared with the parent instead of copying them.
        freeze_for_workers()
        context = multiprocessing.get_context("fork")
        self._claim = None if spare is None else context.Value("b", 0)
        _SPARE = None if spare is None else (spare, self._claim)
        before = set(threading.enumerate())
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        self._futures = [self._pool.submit(_build_all, tasks) for tasks in plan[1:]]
        self._threads = [thread for thread in threading.enumerate() if thread not in before]
        """The pool's own threads (its manager's, its queue's), which end with its workers."""

    def results(
        self,
        meanwhile: Callable[[Any], None] | None = None,
        *,
        ahead: Callable[[], None] | None = None,
    ) -> list[PassResult]:
        """Build the parent's other passes, wait for the workers'; in static-i18n's order.

        Args:
            meanwhile: Work of the build's end that needs none of the passes' results,
                done once the parent's passes are built, before it waits for the workers
                (given None); if a worker claimed the ``spare`` work first, once the workers
                are done instead, given its result (None if it failed).
            ahead: The part of ``meanwhile`` that needs no ``spare`` result either: when a
                worker claimed that work, done before waiting for the workers' results
                (which a worker done first is still sending: the parent would wait idle).

        Returns:
            One result per pass or shard, ordered by locale, then shard.
        """
        global _PARENT, _SPARE
        collected = False
        try:
            done = [_build_here(task) for task in self._own]
            # A worker done first claimed `spare`: its result comes with the worker's.
            by_worker = self._claim is not None and not _claim(self._claim)
            if meanwhile is not None and not by_worker:
                meanwhile(None)
            elif ahead is not None:
                ahead()
            page_liquid.digest_built()  # Its pages' part of the replay key, likewise.
            page_liquid.make_lines_ahead()  # And the others' pages' lines.
            for future in self._futures:
                done.extend(future.result())
            collected = True
            if meanwhile is not None and by_worker:
                meanwhile(next((result.spare for result in done if result.spare), None))
            for result in done:
                page_liquid.collect(result.liquid)
        finally:
            if collected:
                # The workers have nothing left but to exit: they are joined later (the next
                # ``can_fork``, or the interpreter's exit) rather than on the build's serial
                # end, where waiting for them took 4 ms on the bench.
                self._pool.shutdown(wait=False)
                _EXITING.extend(self._threads)
            else:
                self._pool.shutdown()  # A pass failed: its passes still running end first.
            _PARENT = _SPARE = None
            shard_balance.end()
            thaw_after_workers()
        return sorted(done, key=self._position)

    def _position(self, result: PassResult) -> tuple[int, int]:
        return self._locales.index(result.locale), 0 if result.shard is None else result.shard.index

    def abandon(self) -> None:
        """The first pass failed: start no more passes, and let the running ones end."""
        global _PARENT, _SPARE
        self._pool.shutdown(wait=True, cancel_futures=True)
        _PARENT = _SPARE = None
        shard_balance.end()
        thaw_after_workers()


def _build_all(tasks: list[Shard]) -> list[PassResult]:
    """In a worker: its passes, one after another, as static-i18n's loop would; then the
    ``spare`` work, if the parent is still building its own passes (and none failed)."""
    shard_balance.join(tasks)
    results = [_build_one(task) for task in tasks]
    spare = _SPARE
    if (
        spare is not None
        and results
        and all(result.error is None for result in results)
        and _claim(spare[1])
    ):
        results[-1] = replace(results[-1], spare=spare[0]())
    return results


def _claim(claim: Any) -> bool:
    """Whether this process is the first to claim the ``spare`` work (a shared flag)."""
    with claim.get_lock():
        if claim.value:
            return False
        claim.value = 1
        return True


def _build_here(task: Shard) -> PassResult:
    """In the parent, after its own pass: one more, whose search entries it merges later.

    The pass's entries leave the plugin's list (``results`` puts them in locale order) and
    MkDocs gets its ``clean_directory`` back.
    """
    global _BESIDE_WORKERS
    assert _PARENT is not None
    plugin, _ = _PARENT
    before = len(plugin.search_entries)
    _BESIDE_WORKERS = True
    try:
        with restoring_clean_directory():
            return _build_one(task)
    finally:
        _BESIDE_WORKERS = False
        del plugin.search_entries[before:]
        page_shards.start(None)


def beside_workers() -> bool:
    """Whether this process is the parent building a later pass while workers build theirs.

    Such a pass failing (``--strict`` counting its warnings, say) is one result among the
    passes' (``_build_one`` keeps its error): the build fails once every pass is done
    (``replay_logs``). Its ``on_build_error`` must leave the build's staged folder, which
    the workers still write into, to the build's own failure.
    """
    return _BESIDE_WORKERS


def _build_one(task: Shard) -> PassResult:
    """Run the locale's pass (or shard) as static-i18n's loop would, keep its entries."""
    assert _PARENT is not None
    plugin, config = _PARENT
    locale = task.locale
    before = len(plugin.search_entries)
    plugin.building = True  # A nested pass, as in static-i18n's loop.
    shard_balance.begin_pass()
    plugin.current_language = locale
    page_shards.start(task)
    # static-i18n's own loop replaces clean_directory the same way: a pass must not wipe the
    # other locales' output. This runs in a forked worker that exits after the pass.
    keep_site_folder()
    shard = task if task.count > 1 else None
    mark = pages_mark()
    with _collected_logs() as logs, quiet_build_log(NESTED_BUILD_LINES):
        try:
            build(config)
        except BaseException as err:
            return PassResult(
                locale,
                [],
                f"{type(err).__name__}: {err}",
                logs,
                shard,
                content_error=_content_error(err),
            )
    if task.count > 1 and task.index > 0:
        logs = [record for record in logs if not _repeated_notice(record)]
    entries = list(plugin.search_entries[before:])
    index = page_shards.kept_search()
    if index is not None and index.get("docs") == entries:
        # A shard's index lists the pass's entries: one list, so the result is pickled
        # with one copy of them (a third of the worker's result, as long to unpickle).
        index = {**index, "docs": entries}
    return PassResult(
        locale,
        entries,
        logs=logs,
        shard=shard,
        search_index=index,
        pages=pages_since(mark),
        liquid=page_liquid.take(),
    )


def _content_error(err: BaseException) -> str | None:
    """The content error behind a failed pass (MkDocs logged it), if one is."""
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, ContentError):
            return str(seen)
        seen = seen.__cause__ or seen.__context__
    return None


_PASS_NOTICES = (
    "Building '",
    "Overriding '",
    "The following pages exist in the docs directory",
    "Cleaning site directory",
)
"""The beginnings of the notices every pass of a locale logs (static-i18n's, MkDocs')."""


def _repeated_notice(record: logging.LogRecord) -> bool:
    """A later shard's notice about the whole pass, which the locale's first shard logs."""
    if record.levelno >= logging.WARNING:
        return False
    message = record.getMessage()
    return any(message.startswith(p) or f": {p}" in message for p in _PASS_NOTICES)


def write_shards_search(
    config: MkDocsConfig,
    own: Shard | None,
    own_index: dict[str, Any] | None,
    results: list[PassResult],
) -> None:
    """Write the search index of each locale built in shards, from every shard's pages.

    A sharded pass only kept its index (its own pages, ``page_shards.keep_search``); put one
    after another in shard order, they are the index the whole pass would have written.

    Raises:
        ContentError: A locale's existing index is not valid JSON (``write_locale_index``).
    """
    shards: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    found = [(own, own_index)] + [(result.shard, result.search_index) for result in results]
    for shard, index in found:
        if shard is not None and index is not None:
            shards.setdefault(shard.locale, []).append((shard.index, index))
    for locale, indexes in shards.items():
        indexes.sort(key=lambda item: item[0])
        docs = [entry for _, index in indexes for entry in index.get("docs", [])]
        merged = {**indexes[0][1], "docs": docs}
        write_locale_index(config.site_dir, locale, merged, lunr_language=lunr_language(locale))


def replay_logs(results: list[PassResult]) -> PassResult | None:
    """Log the worker passes' records in the parent, as if the passes had run there.

    The parent's handlers (the console, ``--strict``'s warning counter, a test's capture)
    then see every pass's messages, one locale after another instead of interleaved. As the
    sequential loop, they stop after a failed locale's pass (every shard of it).

    Returns:
        The first failed pass, if one failed.
    """
    failed: PassResult | None = None
    for locale, shards in groupby(results, key=lambda result: result.locale):
        if failed is not None and locale != failed.locale:
            break
        passes = list(shards)
        for record in _in_pass_order(passes):
            logging.getLogger(record.name).handle(record)
        failed = failed or next((result for result in passes if result.error is not None), None)
    return failed


def _in_pass_order(shards: list[PassResult]) -> list[logging.LogRecord]:
    """The records of one locale's pass, or of its shards in the order one pass logs them.

    A balanced build's shards note where their pass was when each record was made
    (``shard_balance.phase``): its start, its pages read, between, its pages written, its
    end. Merged phase by phase, shard after shard within each, they are in the order of a
    pass building every page, whichever lane built which pages. Otherwise shard after shard.
    """
    records = [record for result in shards for record in result.logs]
    if len(shards) < 2 or not all(hasattr(record, _PHASE) for record in records):
        return records
    return sorted(records, key=lambda record: int(getattr(record, _PHASE)))  # stable


_PHASE = "mkdocs_jekyll_pass_phase"
"""A worker's record's attribute: where its pass was when it was made (``_in_pass_order``)."""


class _Collector(logging.Handler):
    """Keeps each record once, ready to cross the process boundary."""

    def __init__(self, records: list[logging.LogRecord], seen: set[int]) -> None:
        super().__init__()
        self._records = records
        self._seen = seen

    def emit(self, record: logging.LogRecord) -> None:
        if id(record) in self._seen:
            return  # Already kept by a handler higher in the logger hierarchy.
        self._seen.add(id(record))
        phase = shard_balance.phase()
        if phase is not None:
            setattr(record, _PHASE, phase)  # For ``_in_pass_order``.
        # As QueueHandler.prepare: the message formatted, arguments and traceback as text.
        record.msg = record.getMessage()
        record.args = None
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        self._records.append(record)


@contextmanager
def _collected_logs() -> Iterator[list[logging.LogRecord]]:
    """In a worker: every logger's handlers collect records instead of writing them.

    Records reach the same loggers' handlers as they would have (levels and filters are the
    inherited ones); the parent hands them to its real handlers (``replay_logs``).
    """
    records: list[logging.LogRecord] = []
    seen: set[int] = set()
    loggers = [logging.getLogger()] + [
        item
        for item in logging.Logger.manager.loggerDict.values()
        if isinstance(item, logging.Logger)
    ]
    saved = {id(logger): (logger, logger.handlers) for logger in loggers if logger.handlers}
    for logger, _ in saved.values():
        logger.handlers = [_Collector(records, seen)]
    try:
        yield records
    finally:
        for logger, handlers in saved.values():
            logger.handlers = handlers
