"""Where a locale cut in two is cut: chosen when the first of its two shards starts.

A balanced plan (``page_shards.balanced_plan``) cuts one locale in two so that both lanes
(the parent and its worker) get about the same number of pages, and builds its shards last
in each lane. An even cut assumed both lanes reach it together, and they did not: measured
on the bench (three locales of 200 pages, two CPUs), the lane that started its shard first
was ahead by 0.03 to 0.33 s (where the template warm-up's CPU landed, which locale was
slower), and it ended about as much ahead, the other CPU idle meanwhile.

So the cut is chosen by the first lane to reach that locale's pass, from how far the other
still is from it: each lane publishes its pages read and written in its current pass and
the passes it has queued before its shard (shared memory made before the fork); the first
one turns that into time with its own last pass's pace per page, and takes half of the
difference more than half of the pages. The worker's lane also does the build end's
``spare`` work once its passes are done (``parallel``: whichever lane claims it first), so
the cut leaves it that much less (``SPARE_PART``). The second lane reads the cut the first
one chose.
Either lane's shard is still a contiguous slice of the pages in build order, so the output
is the same whatever the cut (``page_shards``): only who renders which page changes.

Only a plan with exactly one locale cut, in two, and not the parent's own (first) pass, is
balanced this way. When the parent's own pass is cut (a one-locale site, or ``mkdocs
serve``'s first pass), the parent is past its pass's start when its worker forks and takes
``PASS_START_PAGES`` more (``page_shards.with_head_start``); other plans keep even cuts.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.context import ForkContext

    from mkdocs_jekyll.mkdocs.page_shards import Plan, Shard

PASS_START_PAGES = 22
"""What a worker's pass start (config, files, nav) costs, in pages rendered.

Measured on the bench (CPU time): a worker's pass start takes about 0.2 s, a page rendered
about 7.4 ms and a page skipped 0.25 ms. With 22, the first build of ``mkdocs serve`` (whose
parent forks its worker when its own pass is past its start) had its worker end 0.03 s after
the parent (mean of 8 runs), with 24 the parent 0.04 s after the worker. A one-locale
``mkdocs build`` cut evenly had its worker end 0.17 s after the parent (mean of 4 runs).
"""

SPARE_PART = 0.02
"""The build end's ``spare`` work (the documents' sitemap entries, the scan's findings) in
pages rendered, per page of the site: measured on the bench, 0.09 to 0.12 s for 600 pages
against some 8 ms a page. The worker done first does it, so the cut leaves the worker that
much less to build."""

READ_PART = 0.6
"""A page's part of its cost in MkDocs' first loop (read, Markdown) rather than its second
(template, write), measured on the bench: what a lane without a pace of its own assumes."""

_FIELDS = 7
"""Per shard, its lane's progress: the pages of its current pass, pages read, pages written,
when the last page was written (``time.monotonic``, the same clock in every process), the
pages and passes it builds after this one before its shard, and whether it reached it."""
_CUT = 2 * _FIELDS
"""Where the chosen cut is kept (-1: not chosen yet)."""


@dataclass
class Tally:
    """Pages counted, and when the first and the last one were."""

    count: int = 0
    first: float = 0.0
    last: float = 0.0

    def add(self, now: float) -> None:
        if not self.count:
            self.first = now
        self.count += 1
        self.last = now

    def seconds_per_page(self) -> float | None:
        """The time between two pages, once two were counted."""
        return None if self.count < 2 else (self.last - self.first) / (self.count - 1)


@dataclass
class Pace:
    """This lane's current pass so far: its pages read and written, and when."""

    pages: int = 0
    read: Tally = field(default_factory=Tally)
    written: Tally = field(default_factory=Tally)
    all_read: bool = False
    """MkDocs' first loop is over (``on_env``)."""

    def phase(self) -> int:
        """Where the pass is: 0 its start, 1 reading pages, 2 between MkDocs' two loops
        over them, 3 writing pages, 4 its end."""
        if self.written.count:
            return 4 if self.written.count >= self.pages else 3
        if self.all_read:
            return 2
        return 1 if self.read.count else 0

    def per_page(self) -> tuple[float, float] | None:
        """Seconds per page read and per page written, once two of each were."""
        read, written = self.read.seconds_per_page(), self.written.seconds_per_page()
        return None if read is None or written is None else (read, written)


@dataclass(frozen=True)
class Progress:
    """The other lane, as it published itself."""

    pages: int
    read: int
    written: int
    last_written: float
    queued_pages: int
    queued_passes: int
    arrived: bool


class Balance:
    """The shared state of one build's cut locale (made in the parent before the fork)."""

    def __init__(
        self, context: ForkContext, locale: str, sizes: Mapping[str, int], *, spare: bool
    ) -> None:
        self.locale = locale
        self.spare_pages = SPARE_PART * sum(sizes.values()) if spare else 0.0
        """The build end's work the worker does once its passes are done (``parallel``)."""
        self.parent = True
        """Whether this process is the parent."""
        self._sizes = dict(sizes)
        self._values: Any = context.RawArray("d", _CUT + 1)
        self._values[_CUT] = -1.0
        self._lock = context.Lock()
        self.index: int | None = None
        """The shard of ``locale`` this process builds (None: none, it publishes nothing)."""
        self._before: list[int] = []
        """The pages of each pass this process builds before its shard."""
        self._passes = 0
        """The passes this process started so far."""
        self.pace = Pace()
        """This process's current pass."""
        self.last = Pace()
        """This process's previous pass (its pace per page)."""

    def join(self, tasks: Sequence[Shard], *, parent: bool) -> None:
        """This process (the ``parent`` or a worker) builds ``tasks``, one after another (a
        worker forgets the parent's)."""
        self.parent = parent
        self._before, self._passes, self.pace, self.last = [], 0, Pace(), Pace()
        for task in tasks:
            if task.locale == self.locale:
                self.index = task.index
                return
            self._before.append(self._sizes.get(task.locale, 0))
        self.index = None

    def begin_pass(self) -> None:
        """This process starts its next pass (its records are made at its start from now).

        Its pages are the locale's until its files say (``pass_pages``); a lane starting its
        shard is as good as there (``Progress.arrived``).
        """
        self._passes += 1
        before = self._before
        pages = before[self._passes - 1] if self._passes <= len(before) else 0
        self.last, self.pace = self.pace, Pace(pages=pages)
        self.publish()

    def pass_pages(self, pages: int) -> None:
        """The pass this process builds has ``pages`` pages (known once its files are)."""
        self.pace.pages = pages
        self.publish()

    def publish(self) -> None:
        """Let the other lane see this one's progress."""
        if self.index is None:
            return
        base, pace = self.index * _FIELDS, self.pace
        queued = self._before[self._passes :]
        values = self._values
        values[base] = pace.pages
        values[base + 1] = pace.read.count
        values[base + 2] = pace.written.count
        values[base + 3] = pace.written.last
        values[base + 4] = sum(queued)
        values[base + 5] = len(queued)
        values[base + 6] = 1.0 if self._passes > len(self._before) else 0.0

    def progress(self, index: int) -> Progress:
        """The lane of shard ``index``, as it last published itself."""
        values = self._values[index * _FIELDS : (index + 1) * _FIELDS]
        return Progress(
            int(values[0]),
            int(values[1]),
            int(values[2]),
            values[3],
            int(values[4]),
            int(values[5]),
            values[6] > 0,
        )

    def cut(self, shard: Shard, pages: int) -> int:
        """Where shard 0 ends: chosen now by the first lane to ask, read by the second.

        Its pace is its previous pass's (``last``).
        """
        with self._lock:
            chosen = self._values[_CUT]
            if chosen >= 0:
                return int(chosen)
            other = self.progress(1 - shard.index)
            lean = self.spare_pages if self.parent else -self.spare_pages
            share = first_share(pages, self.last, other, time.monotonic(), lean=lean)
            cut = share if shard.index == 0 else pages - share
            self._values[_CUT] = cut
            return cut


def first_share(pages: int, last: Pace, other: Progress, now: float, *, lean: float = 0.0) -> int:
    """How many of ``pages`` the first lane to reach them takes, for both to end together.

    Args:
        pages: The cut locale's pages.
        last: The first lane's previous pass (its pace per page), if it had one.
        other: The other lane's progress (``pages`` 0: no pass started yet).
        now: When the first lane asks.
        lean: Pages of work the other lane has after its shard and this one does not
            (negative: this one has them), the build end's ``spare`` work.
    """
    if other.arrived:
        ahead = 0.0  # Both are at their shard's start.
    elif other.pages == 0:
        ahead = float(PASS_START_PAGES)  # It has a pass start before it, at least.
    else:
        ahead = _pages_behind(last, other, now)
    return max(0, min(pages, round((pages + ahead + lean) / 2)))


def _pages_behind(last: Pace, other: Progress, now: float) -> float:
    """How far the other lane is from its shard's start, in pages of this lane's pace
    (without one, a page read as ``READ_PART`` of a page and a pass start as
    ``PASS_START_PAGES``)."""
    pace = last.per_page()
    if pace is None:
        read, written, gap, passed = READ_PART, 1.0 - READ_PART, float(PASS_START_PAGES), 0.0
    else:
        read, written = pace
        # Between its last page and its shard: this lane's pass end and shard start, the
        # other's too (once per pass still to start), less what it is through already.
        gap = now - last.written.last
        passed = now - other.last_written if other.written >= other.pages else 0.0
    left = (
        (other.pages - other.read) * read
        + (other.pages - other.written) * written
        + other.queued_pages * (read + written)
        + (other.queued_passes + 1) * gap
        - min(passed, gap)
    )
    return max(0.0, left) / (read + written) if read + written > 0 else 0.0


_BALANCE: Balance | None = None
"""The build's balance, while its passes are built (inherited by the forked worker)."""


def prepare(plan: Plan, sizes: Mapping[str, int], *, spare: bool) -> None:
    """Balance ``plan``'s cut locale, if it has exactly one, cut in two (before the fork);
    ``spare``: the worker done first does some of the end's work (``parallel``)."""
    global _BALANCE
    context = multiprocessing.get_context("fork")
    cut = {(task.locale, task.count) for tasks in plan for task in tasks if task.count > 1}
    _BALANCE = None
    if len(cut) == 1:
        ((locale, count),) = cut
        if count == 2:
            _BALANCE = Balance(context, locale, sizes, spare=spare)


def balancing() -> bool:
    """Whether this process's passes report their progress (a balanced build is on)."""
    return _BALANCE is not None


def join(tasks: Sequence[Shard], *, parent: bool = False) -> None:
    """This process builds ``tasks``: note which shard of the cut locale is its own."""
    if _BALANCE is not None:
        _BALANCE.join(tasks, parent=parent)


def end() -> None:
    """The build's passes are over."""
    global _BALANCE
    _BALANCE = None


def begin_pass() -> None:
    """A pass starts in this process (before static-i18n's notices about it)."""
    if _BALANCE is not None:
        _BALANCE.begin_pass()


def pass_pages(pages: int) -> None:
    """This process's pass has ``pages`` pages (its files are final)."""
    if _BALANCE is not None:
        _BALANCE.pass_pages(pages)


def page_read() -> None:
    """This process's pass reads its next page (MkDocs' first loop over the pages)."""
    if _BALANCE is not None:
        _BALANCE.pace.read.add(time.monotonic())
        _BALANCE.publish()


def page_written() -> None:
    """This process's pass wrote its next page (MkDocs' second loop over the pages)."""
    if _BALANCE is not None:
        _BALANCE.pace.written.add(time.monotonic())
        _BALANCE.publish()


def pages_read() -> None:
    """This process's pass read every page (MkDocs' ``on_env``, between its two loops)."""
    if _BALANCE is not None:
        _BALANCE.pace.all_read = True


def phase() -> int | None:
    """Where this process's pass is (``Pace.phase``), while a build is balanced."""
    return None if _BALANCE is None else _BALANCE.pace.phase()


def chosen_cut(shard: Shard, pages: int) -> int | None:
    """Where ``shard``'s locale is cut (the end of shard 0), when it is balanced here."""
    balance = _BALANCE
    if balance is None or shard.locale != balance.locale or balance.index != shard.index:
        return None
    return balance.cut(shard, pages)
