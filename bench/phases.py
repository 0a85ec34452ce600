"""Where a cold ``ours-par`` build's wall time goes: the timeline of its phases.

Why: ``bench/run.py`` says how long a build takes, not where the time is, and what is worth
cutting depends on what runs beside it. A build with workers on two CPUs has four phases,
and a millisecond is not worth the same in each (README, "Benchmarks", eighteenth round):

- **imports**: from the process's start to MkDocs' first event. One CPU works; nothing can
  run beside it, as everything after needs the config.
- **preparation**: from there to the worker's fork. The parent reads the site and primes
  the Markdown pipeline while the template warm-up compiles the theme on the other CPU.
- **lanes**: from the fork to the later of the two lanes' ends (the worker's passes and its
  share of the build's end; the parent's passes).
- **end**: from the later lane's end to the process's exit: the workers' results, then the
  search indexes, the kept build, the Liquid outputs' store and the site-wide files, on one
  CPU.

It builds the bench's site (or the ``ours`` folder of one ``run.py --keep`` left, ``--site``)
several times, cold as ``run.py`` builds ``ours-par`` (the output and the build cache set
aside first), each in a fresh process with a ``sitecustomize`` that notes when those
moments come: MkDocs' first event, the start and end of each forked process, the lanes'
ends (``parallel._build_all`` in the worker, ``parallel._build_here`` in the parent) and the
results' arrival (``ParallelPasses.results``). A moment it cannot note (a one-CPU machine
forks no worker; a renamed function) is shown as ``n/a``. The notes cost a few function
calls per build; the figures are for finding where to cut, not for the README's table.

Run it by hand (not part of the test suite's timings)::

    .venv/bin/python bench/phases.py                # 200 pages x 3 locales, 5 builds
    .venv/bin/python bench/phases.py --site /tmp/mkdocs-jekyll-bench-200-xxx/ours --runs 9

The last line printed is machine-readable::

    phases: imports I s, preparation P s, lanes L s, end E s, wall W s, lane gap G s
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
LOG_VARIABLE = "MKDOCS_JEKYLL_PHASES_LOG"
"""The file every process of the build appends its notes to (``SITECUSTOMIZE``)."""

SITECUSTOMIZE = '''\
"""Notes when a build's phases start and end (bench/phases.py); changes nothing else.

MkDocs' plugin module is patched as it is first imported (a finder for that one name, so
the imports before it pay nothing but one ``find_spec`` call each).
"""
import atexit, functools, importlib, importlib.machinery, os, sys, time

_LOG = os.environ.get("MKDOCS_JEKYLL_PHASES_LOG")


def _note(what):
    with open(_LOG, "a", encoding="utf-8") as handle:
        handle.write(f"{time.time():.6f} {os.getpid()} {what}\\n")


def _noting(owner, name, what):
    original = getattr(owner, name, None)
    if original is None:
        return

    @functools.wraps(original)  # (pickled by reference, as the original is)
    def noted(*args, **kwargs):
        try:
            return original(*args, **kwargs)
        finally:
            _note(what)

    setattr(owner, name, noted)


def _ours():
    try:
        parallel = importlib.import_module("mkdocs_jekyll.mkdocs.parallel")
    except ImportError:
        return
    _noting(parallel, "_build_all", "worker-lane-end")
    _noting(parallel, "_build_here", "parent-lane-end")
    _noting(getattr(parallel, "ParallelPasses", None), "results", "results")


def _patch(plugins):
    import multiprocessing.process

    run_event = plugins.PluginCollection.run_event
    seen = []

    def noted_event(self, name, *args, **kwargs):
        if not seen:
            seen.append(name)
            _note("first-event")
            _ours()
        return run_event(self, name, *args, **kwargs)

    plugins.PluginCollection.run_event = noted_event
    bootstrap = multiprocessing.process.BaseProcess._bootstrap

    def noted_bootstrap(self, *args, **kwargs):
        _note(f"start {self.name}")
        try:
            return bootstrap(self, *args, **kwargs)
        finally:
            _note(f"end {self.name}")

    multiprocessing.process.BaseProcess._bootstrap = noted_bootstrap


class _Finder:
    def find_spec(self, fullname, path=None, target=None):
        if fullname != "mkdocs.plugins":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            exec_module = spec.loader.exec_module

            def exec_and_patch(module):
                exec_module(module)
                _patch(module)

            spec.loader.exec_module = exec_and_patch
        return spec


if _LOG:
    sys.meta_path.insert(0, _Finder())
    atexit.register(_note, "exit")
'''
"""Installed for the build's processes only, through ``PYTHONPATH``."""

WARMUP = "mkdocs-jekyll-templates"
"""The template warm-up's process name (``template_warmup``)."""


def _load_run() -> ModuleType:
    """``bench/run.py``, for its site generator, its set-aside and its child environment."""
    spec = importlib.util.spec_from_file_location("bench_run", HERE / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # (its dataclasses resolve annotations through it)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Phases:
    """One build's moments, in seconds from its process's start (None: not noted)."""

    wall: float
    first_event: float | None
    fork: float | None
    warmup: tuple[float, float] | None
    worker_lane_end: float | None
    parent_lane_end: float | None
    results: float | None
    atexit: float | None
    """The parent's last ``atexit`` handler (the interpreter's shutdown follows)."""

    @property
    def lanes_end(self) -> float | None:
        worker, parent = self.worker_lane_end, self.parent_lane_end
        return None if worker is None or parent is None else max(worker, parent)

    def spans(self) -> dict[str, float | None]:
        """The four phases' lengths, the wall time and the gap between the lanes' ends."""
        lanes_end = self.lanes_end
        return {
            "imports": self.first_event,
            "preparation": _minus(self.fork, self.first_event),
            "lanes": _minus(lanes_end, self.fork),
            "end": _minus(self.wall, lanes_end),
            "wall": self.wall,
            "lane gap": _minus(self.worker_lane_end, self.parent_lane_end),
        }


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def read_notes(text: str, started: float, wall: float) -> Phases:
    """A build's moments from its processes' notes (``SITECUSTOMIZE``)."""
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    for line in text.splitlines():
        stamp, _, what = line.split(" ", 2)
        moment = float(stamp) - started
        first.setdefault(what, moment)
        last[what] = moment
    forks = [
        moment
        for what, moment in first.items()
        if what.startswith("start ") and what != f"start {WARMUP}"
    ]
    warmup = None
    if f"start {WARMUP}" in first and f"end {WARMUP}" in last:
        warmup = (first[f"start {WARMUP}"], last[f"end {WARMUP}"])
    return Phases(
        wall=wall,
        first_event=first.get("first-event"),
        fork=min(forks) if forks else None,
        warmup=warmup,
        worker_lane_end=last.get("worker-lane-end"),
        parent_lane_end=last.get("parent-lane-end"),
        results=last.get("results"),
        atexit=last.get("exit"),
    )


def build_once(run: ModuleType, site: object, hooks: Path) -> Phases:
    """One cold ``ours-par`` build of ``site`` (``run.GeneratedSite``), its notes read."""
    folder = run.variant_dir(site, "ours-par")
    run.set_aside(site, run.output_dir(site, "ours-par"))
    run.set_aside(site, folder / run.CACHE_DIR)
    env = run.child_env()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(hooks), env.get("PYTHONPATH")]))
    with tempfile.NamedTemporaryFile("r", prefix="phases-", suffix=".log") as log:
        env[LOG_VARIABLE] = log.name
        started = time.time()
        done = subprocess.run(
            run.build_command("ours-par"),
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.time() - started
        notes = Path(log.name).read_text(encoding="utf-8")
    if done.returncode != 0:
        raise run.BenchError(f"The build failed in {folder}:\n{run._tail(done.stderr)}")
    return read_notes(notes, started, wall)


def _seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def print_run(number: int, phases: Phases) -> None:
    warmup = "n/a" if phases.warmup is None else "-".join(f"{t:.3f}" for t in phases.warmup)
    print(
        f"  build {number}: first event {_seconds(phases.first_event)}, warm-up {warmup}, "
        f"fork {_seconds(phases.fork)}, lanes end {_seconds(phases.worker_lane_end)} (worker) "
        f"{_seconds(phases.parent_lane_end)} (parent), results {_seconds(phases.results)}, "
        f"atexit {_seconds(phases.atexit)}, exit {_seconds(phases.wall)}",
        flush=True,
    )


def summary_line(builds: Sequence[Phases]) -> str:
    """The medians of each phase over ``builds`` (``n/a`` where a build did not note it)."""
    medians: dict[str, float | None] = {}
    for name in builds[0].spans():
        values = [span for b in builds if (span := b.spans()[name]) is not None]
        medians[name] = statistics.median(values) if len(values) == len(builds) else None
    fields = ", ".join(f"{name} {_seconds(value)} s" for name, value in medians.items())
    return f"phases: {fields}"


def parse_args(argv: Iterable[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200, help="pages per locale (200)")
    parser.add_argument("--runs", type=int, default=5, help="builds (5)")
    parser.add_argument(
        "--site", type=Path, default=None, help="the ours folder of a site run.py --keep left"
    )
    args = parser.parse_args(None if argv is None else list(argv))
    if args.pages < 1 or args.runs < 1:
        parser.error("--pages and --runs must be at least 1")
    return args


def main(argv: Iterable[str] | None = None) -> int:
    args = parse_args(argv)
    run = _load_run()
    with tempfile.TemporaryDirectory(prefix="mkdocs-jekyll-phases-") as scratch:
        hooks = Path(scratch) / "hooks"
        hooks.mkdir()
        (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        if args.site is not None:
            ours = args.site.resolve()
            site = run.GeneratedSite(
                root=ours.parent, pages=0, locales=(), ours=ours, plain=ours, jekyll=ours
            )
        else:
            site = run.generate_site(
                Path(scratch) / "site", pages=args.pages, locales=run.DEFAULT_LOCALES
            )
        run.compile_package()
        builds = []
        for number in range(1, args.runs + 1):
            phases = build_once(run, site, hooks)
            print_run(number, phases)
            builds.append(phases)
        print(summary_line(builds), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
