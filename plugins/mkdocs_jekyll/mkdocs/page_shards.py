"""Spread the pages of one locale over worker processes (page shards).

``parallel.py`` runs whole locale passes in workers; a site with one locale, or one locale
much larger than the others, left every CPU but one idle. A large locale is cut into
shards: contiguous slices of its pages, in MkDocs' build order. Every shard runs the
locale's whole pass (files, nav, theme, static templates), so each sees the same site, but
renders only its own pages: the others are *skipped*, made as cheap as a page can be inside
MkDocs' page loop, which has no way to leave a page out. A skipped page

- reads as empty (``on_page_read_source``) and gets its front matter as ``page.meta`` (so
  its title and nav metadata are what the other pages' navigation shows);
- is excluded from this process's search index (``search: {exclude: true}``);
- renders ``jekyll/skipped.html``, an empty template, and writes nothing (MkDocs' notice
  about an empty page is dropped for it);
- has no anchors (``present_anchor_ids`` None): links to it are not checked in this process.

A shard's output is therefore exactly its pages' output in the sequential build. Only
sites whose every page has a front matter ``title`` are sharded (MkDocs would otherwise title
a skipped page from its rendered first heading, which the others' navigation shows), with
no plugins but ``search``, ``jekyll`` and ``jekyll/i18n`` (another plugin might keep state of
every page), and with MkDocs' anchor validation below WARNING (a link into another shard's
page is not checked, see above).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.jekyll.documents import normalise_locale
from mkdocs_jekyll.mkdocs import shard_balance

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from mkdocs_jekyll.jekyll.documents import SiteModel

SKIPPED_TEMPLATE = "jekyll/skipped.html"
"""The template of a skipped page: it renders nothing."""

SHARDABLE_PLUGINS = frozenset({"search", "material/search", "jekyll", "jekyll/i18n"})
"""The plugins whose per-page work is known to ignore a skipped page (see the docstring)."""

_OWN_404 = "404.html"


@dataclass(frozen=True)
class Shard:
    """One slice of a locale pass: shard ``index`` of ``count``."""

    locale: str
    index: int
    count: int
    head_start: int = 0
    """Pages shard 0 takes beyond an even cut (``with_head_start``); the same in every shard."""


@dataclass
class _Active:
    shard: Shard
    pages: frozenset[str] | None = None
    """The src_uris this process renders, once the pass's files are known (``assign``)."""
    search: dict[str, Any] | None = None
    """The pass's search index (its own pages): the parent writes the locale's index from
    every shard's (``keep_search``)."""


Plan = list[list[Shard]]
"""Shards per process, each process's in the order it builds them."""

_ACTIVE: _Active | None = None
"""The shard this process is building, if its pass is sharded (one pass at a time)."""
_QUIET: set[str] = set()
"""The pass's pages MkDocs' "empty output" notice is dropped for (skipped, or cached)."""


def plan_shards(
    locales: Sequence[str], sizes: Mapping[str, int], workers: int, *, shardable: bool
) -> list[Shard]:
    """Every locale pass's shards, in static-i18n's order; the first is the parent's.

    A locale gets about its share of the workers by page count (at least one shard):
    one locale of 600 pages and 2 workers gives 2 shards; three locales of 200 pages and
    2 workers give one each, as locale passes already spread over the workers.

    Args:
        locales: The locales to build, the first pass's first.
        sizes: Pages per locale.
        workers: ``parallel_workers``.
        shardable: Whether the site may be sharded at all (``shardable_site``).

    Returns:
        One shard per task; a locale that is not cut has ``count`` 1.
    """
    total = sum(sizes.get(locale, 0) for locale in locales) or 1
    shards: list[Shard] = []
    for locale in locales:
        count = max(1, round(workers * sizes.get(locale, 0) / total)) if shardable else 1
        shards.extend(Shard(locale, index, count) for index in range(count))
    return shards


BALANCE_SLACK = 1.1
"""How far over its share of the pages a process may go before a locale is cut for it."""

WORKER_PAGES = shard_balance.PASS_START_PAGES
"""A balanced plan starts a process beside the parent only for shares of more pages than this.

A worker's start costs about as much as rendering this many pages (``shard_balance``), and
it costs its own memory: with a smaller share, the parent alone is done as soon. Measured
(three locales, two CPUs, medians of 10 alternated builds): at 10 pages a locale, one
process took 1.48 s against 1.56 s with a worker, with three quarters of its peak memory
(the process tree's PSS: 72 against 97 MiB, Jekyll 49) and of its CPU; at 25 pages a
locale the two were even, at 50 the worker was 13% faster."""


def worth_processes(pages: int, processes: int) -> int:
    """How many of ``processes`` to spread ``pages`` pages over: each share must be more
    than ``WORKER_PAGES`` pages, else one process fewer (one at least)."""
    while processes > 1 and pages / processes <= WORKER_PAGES:
        processes -= 1
    return processes


def balanced_plan(
    locales: Sequence[str], sizes: Mapping[str, int], processes: int, *, cut: bool = True
) -> Plan:
    """Every locale pass's shards spread over ``processes`` processes, the parent first.

    Each process gets about the same number of pages, and a process builds its passes one
    after another, so there is one process per CPU instead of one per locale beside the
    parent (each costs its own memory), and fewer for a site whose shares would not pay for
    a process's start (``worth_processes``: a small site gets the parent alone). Locales go
    whole, in order, to the least loaded process while they fit its share; one that does
    not is cut into equal shards, one per process it needs: three locales on two processes
    give ``[en, pt#0] / [es, pt#1]``.
    Every shard is a whole pass (files, nav, theme), so cutting costs CPU: only a locale
    that does not fit is cut.

    Args:
        locales: The locales to build, the first pass's first.
        sizes: Pages per locale.
        processes: The processes at most, the parent included.
        cut: Whether a locale may be cut; without, each goes whole to the least loaded
            process (a warm build: its pages come from the build cache, each shard would
            only add a pass's fixed cost).

    Returns:
        The shards of each process in the order it builds them; the parent's first is its
        own pass.
    """
    total = sum(sizes.get(locale, 0) for locale in locales)
    processes = worth_processes(total, processes)
    share = max(total, 1) / processes
    loads = [0.0] * processes
    plan: Plan = [[] for _ in range(processes)]
    for locale in locales:
        size = sizes.get(locale, 0)
        least = min(loads)
        count = 1
        if cut and least + size > share * BALANCE_SLACK:
            count = min(processes, max(2, math.ceil((least + size) / share)))
        taken: set[int] = set()
        for index in range(count):
            free = [p for p in range(processes) if p not in taken]
            chosen = min(free, key=lambda p: (loads[p], len(plan[p]), p))
            taken.add(chosen)
            plan[chosen].append(Shard(locale, index, count))
            loads[chosen] += size / count
    return [tasks for tasks in plan if tasks]


def process_plan(
    locales: Sequence[str],
    sizes: Mapping[str, int],
    workers: int,
    *,
    shardable: bool,
    balanced: bool,
    cut: bool = True,
) -> Plan:
    """The shards of each process, the parent's first (its own pass first).

    ``balanced`` (``parallel_workers`` unset, ``workers`` the CPU count): one process per
    CPU, the parent included (``balanced_plan``; ``cut``: locales may be cut), when the
    site may be sharded, and the parent alone for a site too small to pay for a worker
    (``worth_processes``). Otherwise
    ``workers`` worker processes beside the parent, each pass or shard of ``plan_shards``
    a call of its own, taken by the next free worker.
    """
    total = sum(sizes.get(locale, 0) for locale in locales)
    if balanced and worth_processes(total, workers) < 2:
        return [[Shard(locale, 0, 1) for locale in locales]]  # The parent alone.
    if balanced and shardable:
        return balanced_plan(locales, sizes, workers, cut=cut)
    own, *tasks = plan_shards(locales, sizes, workers, shardable=shardable)
    return [[own], *([task] for task in tasks)]


def with_head_start(plan: Plan, locale: str, pages: int) -> Plan:
    """``plan`` with ``locale``'s shard 0 taking ``pages`` more of its pages than an even cut.

    For a plan whose shard 0 of ``locale`` is the parent's own pass, already past its start
    (files, nav) when the workers fork: each worker's pass starts from nothing, which costs
    about as much as rendering ``pages`` pages, so an even cut leaves the parent waiting.
    """
    return [
        [replace(task, head_start=pages) if task.locale == locale else task for task in tasks]
        for tasks in plan
    ]


def shardable_site(config: MkDocsConfig, files: Files, model: SiteModel) -> bool:
    """Whether skipping pages leaves the others' output exactly as it is (see the docstring)."""
    if not set(config.plugins) <= SHARDABLE_PLUGINS:
        return False
    if config.validation.links.anchors >= logging.WARNING:
        return False
    for file in files.documentation_pages():
        doc = model.documents.get(file.src_uri)
        if doc is None:
            if file.src_uri in model.unpublished:
                continue  # Never built.
            return False
        if doc.output and doc.data.get("title") in (None, ""):
            return False
    return all(doc.data.get("title") not in (None, "") for doc in model.built())


def locale_sizes(files: Files, folders: Mapping[str, str]) -> dict[str, int]:
    """Pages per locale: the documentation pages below each locale folder.

    Args:
        files: Every file of the site, before static-i18n chooses a pass's files.
        folders: Normalised locale folder name to locale (``locale_folder_map``).
    """
    sizes: dict[str, int] = {}
    for file in files.documentation_pages():
        locale = folders.get(normalise_locale(file.src_uri.split("/", 1)[0]))
        if locale is not None:
            sizes[locale] = sizes.get(locale, 0) + 1
    return sizes


def start(shard: Shard | None) -> None:
    """This process builds ``shard`` in its next pass (None: every page, as usual)."""
    global _ACTIVE
    _ACTIVE = None if shard is None or shard.count == 1 else _Active(shard)


def keep_search(index: dict[str, Any] | None) -> None:
    """A sharded pass's search index, which ``kept_search`` hands to the parent."""
    if _ACTIVE is not None:
        _ACTIVE.search = index


def kept_search() -> dict[str, Any] | None:
    """The search index ``keep_search`` kept for this process's shard."""
    return None if _ACTIVE is None else _ACTIVE.search


def current() -> Shard | None:
    """The shard this process's pass builds, if the pass is sharded."""
    return None if _ACTIVE is None else _ACTIVE.shard


def assign(files: Files) -> None:
    """Choose this shard's pages among the pass's, once its files are final.

    Shard ``i`` of ``n`` takes the ``i``-th contiguous slice of the pages in build order, so
    the shards' search entries, put one after another, are in the sequential build's order.
    The slices are even, but for shard 0's ``head_start`` extra pages (``with_head_start``),
    or where the first lane to reach a locale cut in two chose (``shard_balance``).
    The site's own ``404.html`` page stays with shard 0: the parent keeps its output for
    the root 404 page.
    """
    active = _ACTIVE
    if active is None and not shard_balance.balancing():
        return
    pages = [file.src_uri for file in files.documentation_pages()]
    cut = None if active is None else shard_balance.chosen_cut(active.shard, len(pages))
    shard_balance.pass_pages(len(pages))
    if active is None:
        return
    own_404 = {file.src_uri for file in files.documentation_pages() if file.dest_uri == _OWN_404}
    index, count = active.shard.index, active.shard.count
    if cut is not None:  # Chosen by the lane that reached the locale first (two shards).
        start, end = (0, cut) if index == 0 else (cut, len(pages))
    else:
        head = min(active.shard.head_start, len(pages))
        start, end = _cut(index, len(pages), count, head), _cut(index + 1, len(pages), count, head)
    chosen = set(pages[start:end])
    chosen = (chosen | own_404) if index == 0 else (chosen - own_404)
    active.pages = frozenset(chosen)


def _cut(index: int, pages: int, count: int, head: int) -> int:
    """Where shard ``index`` of ``count`` starts: an even cut of the pages after shard 0's
    ``head`` extra ones (``Shard.head_start``); ``_cut(count, ...)`` is ``pages``."""
    return 0 if index == 0 else head + index * (pages - head) // count


def skips(src_uri: str) -> bool:
    """Whether this process's pass skips the page (another shard renders it)."""
    active = _ACTIVE
    if active is None or active.pages is None or src_uri in active.pages:
        return False
    quiet_notice(src_uri)
    return True


def new_pass() -> None:
    """A locale pass starts: no page of it is skipped yet."""
    _QUIET.clear()


def quiet_notice(src_uri: str) -> None:
    """MkDocs writes nothing for this page in this pass, and must not say so (its notice
    that the page "generated empty output" is dropped)."""
    logger = logging.getLogger("mkdocs.commands.build")
    if skipped_page_notice not in logger.filters:
        logger.addFilter(skipped_page_notice)
    _QUIET.add(src_uri)


def skipped_page_notice(record: logging.LogRecord) -> bool:
    """A logging filter: drop MkDocs' "empty output" notice of the pages skipped on purpose."""
    if not _QUIET:
        return True
    message = record.getMessage()
    if not message.startswith("Page skipped: '"):
        return True
    src_uri = message[len("Page skipped: '") :].split("'", 1)[0]
    return src_uri not in _QUIET


@contextmanager
def quietly() -> Iterator[None]:
    """Log nothing meanwhile: a skipped page's warnings are its own shard's to log."""
    before = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        yield
    finally:
        logging.disable(before)
