"""``bench/phases.py`` notes every phase of a build with workers, and reads its notes right.

Given a bench site just large enough for a worker (``page_shards.WORKER_PAGES``) on a machine
that forks workers, when ``phases.py`` builds it, then
each moment it names (MkDocs' first event, the warm-up, the fork, both lanes' ends, the
results) was noted: a renamed function it wraps shows here, not as ``n/a`` in a later
session's figures. Its arithmetic is checked on notes written by hand.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from mkdocs_jekyll.mkdocs.parallel import can_fork
from sitebuild import REPO, load_bench_script

phases = load_bench_script("phases")


def test_notes_read_as_moments_from_the_process_start() -> None:
    started = 1000.0
    notes = "\n".join(
        [
            "1000.200000 1 first-event",
            "1000.210000 2 start mkdocs-jekyll-templates",
            "1000.400000 3 start ForkProcess-2",
            "1000.420000 2 end mkdocs-jekyll-templates",
            "1001.400000 3 worker-lane-end",
            "1001.410000 1 parent-lane-end",
            "1001.430000 1 results",
            "1001.480000 1 exit",
        ]
    )
    read = phases.read_notes(notes, started, 1.5)
    assert read.fork == pytest.approx(0.4) and read.warmup == pytest.approx((0.21, 0.42))
    spans = read.spans()
    assert spans["imports"] == pytest.approx(0.2)
    assert spans["preparation"] == pytest.approx(0.2)
    assert spans["lanes"] == pytest.approx(1.01)
    assert spans["end"] == pytest.approx(0.09)
    assert spans["lane gap"] == pytest.approx(-0.01)


@pytest.mark.skipif(
    not (can_fork() and sys.platform.startswith("linux") and (os.cpu_count() or 1) >= 2),
    reason="a build forks its worker and warm-up on Linux with two CPUs or more",
)
def test_a_build_of_the_bench_site_notes_every_phase() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "phases.py"), "--pages", "20", "--runs", "1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[-1].startswith("phases: imports ")
    assert "n/a" not in done.stdout, done.stdout
