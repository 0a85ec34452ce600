"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from mkdocs_jekyll.mkdocs import page_shards

# sitebuild's comparisons (``assert_same_tree``) fail with pytest's own diffs.
pytest.register_assert_rewrite("sitebuild")

from sitebuild import BuildSite, make_site_builder  # noqa: E402

# Hypothesis: few examples by default; `HYPOTHESIS_PROFILE=long` runs 10,000 per property
# (tests/test_properties.py, tests/test_fuzz.py). No deadline: builds and the first Liquid
# parse of a run vary with the machine's load.
settings.register_profile("fast", max_examples=50, deadline=None)
settings.register_profile("long", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


_SHIPPED_WORKER_PAGES = page_shards.WORKER_PAGES


@pytest.fixture(autouse=True)
def workers_for_small_sites() -> Iterator[None]:
    """Builds with ``parallel_workers`` unset start their workers whatever the site's size.

    The suite's sites have a handful of pages: with the real threshold
    (``page_shards.WORKER_PAGES``) each would be built by the parent alone, and no test of
    the default would fork a worker any more. They stand for sites large enough to; tests
    of the threshold itself ask for ``real_worker_pages``. Set outside ``monkeypatch``, so
    that a test's ``monkeypatch.undo()`` keeps it.
    """
    page_shards.WORKER_PAGES = 0
    yield
    page_shards.WORKER_PAGES = _SHIPPED_WORKER_PAGES


@pytest.fixture
def real_worker_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """``page_shards.WORKER_PAGES`` as shipped (see ``workers_for_small_sites``)."""
    monkeypatch.setattr(page_shards, "WORKER_PAGES", _SHIPPED_WORKER_PAGES)


@pytest.fixture
def bytecode_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files beside the bytecode (``compile_cache``) are written in this test's process, as
    in a user's Python, whether or not the suite runs under ``PYTHONDONTWRITEBYTECODE``
    (CI's does, and a test that saved a file then read nothing back failed there)."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


@pytest.fixture
def build_site(tmp_path: Path) -> BuildSite:
    """Build a site from files in ``tmp_path`` (see ``sitebuild.make_site_builder``)."""
    return make_site_builder(tmp_path)


# Under CI (CI=true), a skipped test fails the run: a skip there means a missing install step
# (chromium, jekyll, playwright...), and a green run must mean every test ran.
_SKIPPED: list[str] = []


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in {"true", "1"}


def _note_skip(report: pytest.CollectReport | pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        _SKIPPED.append(f"{report.nodeid}: {reason}")


def pytest_collectreport(report: pytest.CollectReport) -> None:
    """Note a module skipped as a whole (``pytest.importorskip`` at import time)."""
    _note_skip(report)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Note a skipped test (``skipif`` marks and ``pytest.skip`` calls)."""
    _note_skip(report)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the session under CI when any test was skipped."""
    if _ci() and _SKIPPED and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Name the skipped tests that failed the run under CI."""
    if _ci() and _SKIPPED:
        terminalreporter.section("CI=true: skipped tests fail the run", sep="=", red=True)
        for line in _SKIPPED:
            terminalreporter.write_line(line)
