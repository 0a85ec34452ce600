"""The exit of a ``mkdocs build`` process: every ``atexit`` handler, then no teardown.

Why: once the last ``atexit`` handler has run, CPython's finalization clears every module
and frees their objects one by one (the site model, every page's Liquid, the templates, the
imported packages): about 20 ms of the bench's parallel build of 1.4 s, on one CPU, after
the site is written and while the other CPU is idle. The operating system frees a process's
memory at once when it ends.

How: when a build command's plugins shut down (``on_shutdown``, its last event) in the
``mkdocs`` command line's own process, ``arm`` registers an ``atexit`` handler, the last one
registered and so the first to run, and has ``sys.exit`` note the status click gives it
(``_noting_exit``). At exit that handler runs every other handler itself
(``atexit._run_exitfuncs``: logging's flush, multiprocessing's joins, the compile caches'
saves, whatever another package registered), flushes the standard streams, and ends the
process with the noted status (``os._exit``). What is left out is the teardown alone.

It steps aside, and the interpreter exits as usual, wherever that could change what the
process does:

- not the command line (a program or a test running the build command in its own process,
  which goes on after it, with a status of its own);
- a plugin outside the known ones (``page_shards.SHARDABLE_PLUGINS``): another plugin may
  leave a file open for the teardown to flush and close;
- no status noted (an exception went past click: its traceback, status 1);
- a handler registered after this one (it would run twice), or an interpreter that empties
  its list of handlers before running them (both seen in ``atexit._ncallbacks``);
- a standard stream that cannot be flushed (the interpreter then exits with 120).
"""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Iterable
from typing import Any, NoReturn, Protocol

from mkdocs_jekyll.mkdocs.page_shards import SHARDABLE_PLUGINS

_armed: list[int] = []
"""The number of ``atexit`` handlers once ``_leave`` was registered (once per process)."""
_status: list[int] = []
"""The status the command line exits with, as ``sys.exit`` was given it (``_noting_exit``)."""


def command_line() -> bool:
    """Whether this process is the ``mkdocs`` command line (its script, or ``-m mkdocs``)."""
    program = sys.argv[0] if sys.argv else ""
    name = os.path.basename(program)
    if name in ("mkdocs", "mkdocs.exe"):
        return True
    return name == "__main__.py" and os.path.basename(os.path.dirname(program)) == "mkdocs"


def arm(plugins: Iterable[str]) -> bool:
    """At a build command's shutdown: end the process without its teardown, if it may.

    Returns:
        Whether the exit is armed (it still steps aside at exit, see the module docstring).
    """
    if _armed or not command_line() or not set(plugins) <= SHARDABLE_PLUGINS:
        return bool(_armed)
    sys.exit = _noting_exit(sys.exit)
    atexit.register(_leave)
    _armed.append(atexit._ncallbacks())
    return True


class _Exit(Protocol):
    def __call__(self, status: Any = None, /) -> NoReturn: ...


def _noting_exit(exit_: _Exit) -> _Exit:
    """``sys.exit``, noting a status ``os._exit`` can give as the interpreter would."""

    def noting(status: Any = None, /) -> NoReturn:
        _status.clear()
        if status is None or type(status) is int:
            _status.append(status or 0)
        exit_(status)

    return noting


def _leave() -> None:
    """The first ``atexit`` handler: the others, the streams flushed, then the end."""
    if not _status or atexit._ncallbacks() != _armed[0]:
        return
    atexit.unregister(_leave)
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None and not stream.closed:
                stream.flush()
    except (OSError, ValueError):
        return  # The interpreter's own flush fails again, and it exits with 120.
    os._exit(_status[-1])
