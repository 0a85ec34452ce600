"""The garbage collector's policy for a ``mkdocs build`` (or ``gh-deploy``) command.

Why: a cold build of the bench site spent about 0.3 s in full collections, each walking every
object the imports, the config and the site model made, objects that live until the build
ends; and the process took 0.25-0.35 s to exit after "Documentation built": the interpreter's
shutdown runs several full collections over every module's objects, and frees them one by
one, work the operating system does for free when the process ends.

So, from ``on_startup`` of a build command (imports and config loaded) to ``on_shutdown``,
the objects alive at the start are frozen (``gc.freeze``), and those the scan made (the site
model and every page's Liquid, alive for the whole build) once it ends; automatic
collection is paused between the two (``start``, ``keep``). The collector no longer walks
them, and everything made during the passes is collected as usual. ``on_shutdown``
unfreezes them, so a caller that goes on in-process (a test, a tool running builds) has its
collector as before. At interpreter exit, once the build command has run in the process, a last hook
freezes every object, so shutdown's collections have nothing to walk (``_freeze_at_exit``).
``atexit`` work and flushing of other code is untouched.

Forking workers (``parallel``) freezes too, so that a worker's collections leave the pages
it shares with the parent alone; ``freeze_for_workers`` and ``thaw_after_workers`` are its
side of the one freeze owner. ``gc.unfreeze`` gives back every frozen object at once, so
when the workers were done it used to give back this policy's objects too, and the tail of
the build (and its full collection) walked them again. Under a build command the objects
frozen for the workers (the parent's, alive for the build) stay frozen until ``on_shutdown``;
elsewhere (serve, a caller's own ``build()``) they are given back when the workers are done.

The youngest generation is collected every ``YOUNG_THRESHOLD`` net allocations instead of
Python's 700, for the same span. A page's work makes many short-lived containers (Markdown's
trees, Jinja's contexts), nearly all freed by their reference counts: at 700 the collector ran
about 140 times in each lane of the bench's parallel build, walking objects still in use and
promoting them to be walked again, 50 ms of CPU per lane; at 10,000, about 10 times,
25-30 ms. The garbage it leaves waiting is at most that many containers (a few MB).

``mkdocs serve`` holds the same policy for each of its builds only, from the site's read
(``start_serve_build``) to the build's end, its other locales' background passes included
(``stop``), and gives the collector everything back between builds: a long-lived server must
collect everything while it waits for the next save. Its first build otherwise ran a full
collection of every module's objects while reading the site (44 ms on the bench, before
the first page could be served) and collected the youngest generation every 700
allocations in each lane (about 125 ms of the parent's CPU by the first page, against some
50 ms with the policy). A build whose end never comes (a background pass failed) is let go
when the next one starts, or when the server stops.
Output does not depend on any of this.
"""

from __future__ import annotations

import atexit
import gc

_BUILD_COMMANDS = frozenset({"build", "gh-deploy"})
YOUNG_THRESHOLD = 10_000
"""Net allocations of containers between two collections of the youngest generation."""
_exit_hook: list[bool] = []
"""Whether ``_freeze_at_exit`` is registered in this process (once)."""
_owners: list[BuildCollector] = []
"""The build command's policy while it holds objects frozen (``start`` to ``stop``)."""


class BuildCollector:
    """Freezes the objects alive when a build command starts, until it shuts down."""

    def __init__(self) -> None:
        self._frozen = False
        self._paused = False
        """Whether ``start`` paused automatic collection (until ``keep`` or ``stop``)."""
        self._thresholds: tuple[int, ...] | None = None
        """The collector's thresholds before ``start`` raised the first, put back at ``stop``."""

    @property
    def active(self) -> bool:
        """Whether this build froze the collector's view of the objects alive at its start."""
        return self._frozen

    def start(self, command: str) -> None:
        """At ``on_startup``: freeze the startup objects of ``build``/``gh-deploy``, not serve.

        Automatic collection also pauses until the scan is kept (``keep``): the config, the
        scan and the Liquid import make objects that live for the build, and the collector
        walked them some sixty times meanwhile (7-10 ms of the build's serial head); the
        garbage they leave is a few hundred objects.
        """
        if command not in _BUILD_COMMANDS or self._frozen:
            return
        self._hold()
        if gc.isenabled():
            gc.disable()
            self._paused = True
        if not _exit_hook:
            atexit.register(_freeze_at_exit)
            _exit_hook.append(True)

    def start_serve_build(self) -> None:
        """A build of ``mkdocs serve`` starts: hold the policy until ``stop`` at its end.

        An earlier build's hold that its end never let go is let go first, so that what that
        build left is the collector's again.
        """
        self.stop()
        self._hold()

    def _hold(self) -> None:
        gc.freeze()
        self._frozen = True
        self._thresholds = gc.get_threshold()
        gc.set_threshold(max(YOUNG_THRESHOLD, self._thresholds[0]), *self._thresholds[1:])
        _owners.append(self)

    def keep(self) -> None:
        """After the scan: its objects (the site model, every page's Liquid) live as long.

        Frozen without a collection first: on the bench the young generations held some
        100,000 of the scan's objects and no garbage, and walking them took 3-4 ms of the
        build's serial head. What garbage a scan leaves stays frozen until ``stop`` gives it
        back to the collector, like the passes' results (``thaw_after_workers``).
        """
        self._resume()
        if self._frozen:
            gc.freeze()

    def _resume(self) -> None:
        if self._paused:
            self._paused = False
            gc.enable()

    def stop(self) -> None:
        """At ``on_shutdown`` (and at the end of a serve build): give the collector every
        object back."""
        self._resume()
        if self._frozen:
            gc.unfreeze()
            if self._thresholds is not None:
                gc.set_threshold(*self._thresholds)
                self._thresholds = None
            self._frozen = False
            _owners.remove(self)


def freeze_for_workers() -> None:
    """Before forking workers: freeze what the parent holds, so theirs stay shared pages.

    While the policy is held (a build command, a serve build), its young garbage goes first
    (what is frozen now stays frozen until ``stop``); the objects frozen already are not
    walked again.
    """
    if _owners:
        gc.collect()
    gc.freeze()


def thaw_after_workers() -> None:
    """The workers are done: give the collector back what ``freeze_for_workers`` froze.

    While the policy is held it keeps them frozen, with its own, until ``stop``,
    and freezes what the parent holds now too: the passes' results (search entries, every
    page's Liquid output, log records), alive until the build ends. The serial end of the
    build otherwise ran a full collection of them (13 ms on the bench, while the other CPU
    idles) for the little garbage it makes.
    """
    if not _owners:
        gc.unfreeze()
    else:
        gc.freeze()


def _freeze_at_exit() -> None:
    """Leave every object out of shutdown's collections.

    Registered after the interpreter's own exit work (logging's, for one), so it runs before
    it; those handlers still run, and whatever they make is collected as usual.

    It used to collect first, a full collection of every object ``on_shutdown`` had given
    back: 50-90 ms at the very end of a bench build (some 85,000 objects, the modules' and
    the build's, in one generation), to free about 3,000 (the passes' files and templates,
    none with a finalizer) that the process's exit frees anyway. What no collection
    finalizes any more is only garbage in a reference cycle, as after ``os._exit``: Python
    does not promise ``__del__`` at exit, and what the build writes is closed by its writers
    (every file, the pages and the caches, is written and closed before ``on_post_build``
    ends).
    """
    gc.freeze()
