"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# sitebuild's comparisons (``assert_same_tree``) fail with pytest's own diffs.
pytest.register_assert_rewrite("sitebuild")

from sitebuild import BuildSite, make_site_builder  # noqa: E402

# Hypothesis: few examples by default; `HYPOTHESIS_PROFILE=long` runs 10,000 per property
# (tests/test_properties.py, tests/test_fuzz.py). No deadline: builds and the first Liquid
# parse of a run vary with the machine's load.
settings.register_profile("fast", max_examples=50, deadline=None)
settings.register_profile("long", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


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
