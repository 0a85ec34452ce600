"""The benchmark's site generator writes the three variants it builds (no builds), and its runs
are timed unobserved.

Given ``bench/run.py --pages 3 --locales 2``, when the generator runs, then ours, plain and
Jekyll each get every page of both locales, the data and include files, and a config; the
Liquid stays in ours and Jekyll and is resolved in plain.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitebuild import load_bench_script

bench = load_bench_script("run")

PAGES = ("index.md", "page-2.md", "page-3.md")


@dataclass(frozen=True)
class Case:
    description: str
    variant: str
    expected: frozenset[str]


CASES = [
    Case(
        "ours: docs per locale, data, include, mkdocs.yml and the parallel variant's config",
        "ours",
        frozenset(
            {"mkdocs.yml", "mkdocs-parallel.yml", "_data/navigation.yml", "_data/facts.yml"}
            | {"_includes/note.html"}
            | {f"docs/{locale}/{page}" for locale in ("en", "es-419") for page in PAGES}
        ),
    ),
    Case(
        "plain: upstream-accepted locale folders, data, mkdocs.yml, no include",
        "plain",
        frozenset(
            {"mkdocs.yml", "_data/navigation.yml", "_data/facts.yml"}
            | {f"docs/{folder}/{page}" for folder in ("en", "es") for page in PAGES}
        ),
    ),
    Case(
        "jekyll: pages per locale, _config.yml, layout, data, include",
        "jekyll",
        frozenset(
            {
                "_config.yml",
                "_layouts/default.html",
                "_data/navigation.yml",
                "_data/facts.yml",
                "_includes/note.html",
            }
            | {f"{locale}/{page}" for locale in ("en", "es-419") for page in PAGES}
        ),
    ),
]


@pytest.fixture
def site(tmp_path: Path) -> Any:
    return bench.generate_site(tmp_path, pages=3, locales=bench.parse_locales("2"))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_generator_writes_the_expected_files(site: Any, case: Case) -> None:
    folder: Path = getattr(site, case.variant)
    written = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
    assert written == case.expected


def test_liquid_stays_in_ours_and_is_resolved_in_plain(site: Any) -> None:
    ours = (site.ours / "docs/es-419/page-2.md").read_text(encoding="utf-8")
    plain = (site.plain / "docs/es/page-2.md").read_text(encoding="utf-8")
    assert '{% include note.html title="Heads up" body=page.title %}' in ours
    assert "| relative_url }}" in ours and "{{ site.data.facts.motto }}" in ours
    assert "{%" not in plain and "{{" not in plain
    assert "/bench/es/page-3/" in plain and "<h4>Heads up</h4>" in plain
    assert "i18n_key: page-2" in ours and "i18n_key: page-2" in plain


def test_both_mkdocs_variants_get_the_same_small_nav(site: Any) -> None:
    def navs(folder: Path, plugin: str) -> list[int]:
        config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
        options = next(p[plugin] for p in config["plugins"] if isinstance(p, dict) and plugin in p)
        return [len(language["nav"]) for language in options["languages"]]

    assert navs(site.ours, "jekyll/i18n") == navs(site.plain, "i18n") == [3, 3]


def test_ours_builds_one_locale_at_a_time_and_ours_par_uses_every_cpu(site: Any) -> None:
    def workers(name: str) -> Any:
        config = yaml.safe_load((site.ours / name).read_text(encoding="utf-8"))
        options = next(p for p in config["plugins"] if isinstance(p, dict) and "jekyll/i18n" in p)
        return options["jekyll/i18n"].get("parallel_workers", "unset")

    assert workers("mkdocs.yml") == 1
    assert workers("mkdocs-parallel.yml") == "unset"


def test_posts_go_to_every_variant_with_their_liquid_resolved_in_plain(tmp_path: Path) -> None:
    site = bench.generate_site(tmp_path, pages=3, posts=2, locales=bench.parse_locales("2"))
    names = ("2024-12-31-post-1.md", "2024-12-30-post-2.md")
    for locale, folder in (("en", "en"), ("es-419", "es")):
        for name in names:
            ours = (site.ours / f"docs/{locale}/_posts/{name}").read_text(encoding="utf-8")
            assert (site.jekyll / f"{locale}/_posts/{name}").read_text(encoding="utf-8") == ours
            plain = (site.plain / f"docs/{folder}/posts/{name}").read_text(encoding="utf-8")
            assert "categories: [" in ours and "tags: [" in ours and "| relative_url }}" in ours
            assert "{{" not in plain and "{%" not in plain
    assert site.total_pages == 10


def test_a_previous_output_is_moved_into_the_trash_not_deleted(site: Any) -> None:
    """Deleting before a timed run would slow its file creation (see ``set_aside``)."""
    output = bench.output_dir(site, "ours")
    (output / "en").mkdir(parents=True)
    (output / "en" / "index.html").write_text("previous", encoding="utf-8")

    bench.set_aside(site, output)
    bench.set_aside(site, output)  # Nothing left to move: no error.

    assert not output.exists()
    (moved,) = (site.root / bench.TRASH_DIR).iterdir()
    assert (moved / "en" / "index.html").read_text(encoding="utf-8") == "previous"


def _wrapped(tmp_path: Path, poll: float, script: str) -> list[float]:
    """Run ``script`` under the bench's wrapper; its fields (tree, cpu, single peak, wall)."""
    out = tmp_path / f"fields-{poll}"
    command = [sys.executable, "-c", script]
    done = subprocess.run(
        [sys.executable, "-c", bench._TREE_WRAPPER, str(out), str(poll), *command],
        check=False,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return [float(field) for field in out.read_text(encoding="utf-8").split()]


def test_a_timed_run_is_not_sampled_and_a_memory_run_is(tmp_path: Path) -> None:
    """Sampling takes CPU from a variant that uses every CPU (``MEMORY_RUNS``): a timed run
    reads no process tree, and still gets its wall and CPU time and its largest process's
    peak from the kernel; a memory run gets the tree's peak."""
    script = "import time; data = bytearray(64 << 20); time.sleep(0.5)"

    timed = _wrapped(tmp_path, 0.0, script)
    sampled = _wrapped(tmp_path, 0.05, script)

    assert timed[0] == 0  # No sample taken.
    assert sampled[0] >= 60 * 1024  # The 64 MiB buffer, in KiB.
    for fields in (timed, sampled):
        _tree, cpu, single, wall = fields
        assert single >= 60 * 1024
        assert 0.5 <= wall < 5
        assert cpu >= 0


def test_medians_come_from_the_timed_runs_and_memory_from_the_sampled_ones(
    site: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[str, bool]] = []

    def fake_run_build(site: Any, variant: str, *, sample_memory: bool = False) -> Any:
        calls.append((variant, sample_memory))
        seconds = 100.0 if sample_memory else 1.0 + len(calls) / 100
        return bench.Run(
            variant=variant,
            seconds=seconds,
            peak_rss_kib=1024,
            warnings=0,
            cpu_seconds=seconds,
            peak_tree_kib=7 * 1024 if sample_memory else 0,
        )

    monkeypatch.setattr(bench, "run_build", fake_run_build)
    monkeypatch.setattr(bench, "tree_bytes", lambda folder: 1)

    results = bench.measure(site, ["ours", "warm"], repeat=3, memory_runs=1)

    timed = [call for call in calls if not call[1]]
    sampled = [call for call in calls if call[1]]
    # Three rounds of both, each warm run after an unsampled build filling its cache (the
    # memory run's warm too): 3 ours + 3 x 2 warm + 1.
    assert len(timed) == 10
    assert sampled == [("ours", True), ("warm", True)]
    for result in results.values():
        assert len(result.runs) == 3
        assert result.median_seconds < 2  # The sampled runs' 100 s are not in the median.
        assert result.peak_tree_mib == 7


def test_serve_startup_is_the_median_of_its_starts_each_from_no_cache(
    site: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A single server start is one sample of the machine's speed (``SERVE_STARTS``): each
    start sets the build cache aside, the startup is the starts' median, the last start
    takes the edits, and a second server is timed with the last start's cache."""
    events: list[str] = []
    edits = iter([0.5, 0.4])

    class FakeServer:
        def __init__(self, command: list[str], **_kwargs: Any) -> None:
            events.append("start")

    def fake_wait(url: str, needle: str, **_kwargs: Any) -> float:
        events.append("wait page" if needle == "</html>" else "wait edit")
        return next(edits, 0.0) if needle.startswith("BENCH-EDIT-") else 0.0

    # Each start's clock readings, before and after its first page: 3 s, 1 s and 2 s; then
    # the second server's: 1.5 s.
    clock = iter([0.0, 3.0, 10.0, 11.0, 20.0, 22.0, 30.0, 31.5])
    monkeypatch.setattr(bench.subprocess, "Popen", FakeServer)
    monkeypatch.setattr(bench, "_wait_for_text", fake_wait)
    monkeypatch.setattr(bench, "_stop", lambda server: events.append("stop"))
    monkeypatch.setattr(bench, "set_aside", lambda site, path: events.append("aside"))
    monkeypatch.setattr(bench.time, "perf_counter", lambda: next(clock))

    result = bench.measure_serve(site, edits=2, timeout=1.0, starts=3)

    assert result.startup_samples == [3.0, 1.0, 2.0]
    assert result.startup_seconds == 2.0
    assert result.edit_seconds == [0.5, 0.4]
    assert result.restart_seconds == 1.5
    assert events == [
        *["aside", "start", "wait page", "stop"] * 2,
        *["aside", "start", "wait page", "wait edit", "wait edit", "stop"],
        *["start", "wait edit", "stop"],  # The second server, with the last start's cache.
    ]


def test_the_run_names_the_python_that_builds_ours_behind_its_venv() -> None:
    """Figures move with how that Python was built (README, nineteenth round)."""
    named = bench._interpreter()
    assert platform.python_version() in named
    assert os.path.realpath(sys.executable) in named
    assert Path(named.rsplit("(", 1)[1].rstrip(")")).is_file()
