"""`mkdocs build` freezes its startup objects for the collector, `mkdocs serve` for each build;
the site is the same."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_jekyll.mkdocs import gc_policy, parallel
from mkdocs_jekyll.mkdocs.parallel import can_fork
from sitebuild import THREE_LOCALES, site_tree, write_project

FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Welcome\n[a](a.md)\n",
    "docs/en/a.md": "---\ntitle: A page\n---\n## Part\nText {{ site.pages | size }}\n",
    "docs/en/_posts/2024-01-02-hello.md": "---\ntitle: Hello\n---\nHi\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/pt-br/index.md": "# Início\n",
}


def _project(folder: Path) -> Path:
    plugins = [
        "search",
        {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": 1}},
        {"jekyll": {}},
    ]
    return write_project(folder, FILES, plugins=plugins)


def _build(project: Path, command: str | None) -> tuple[dict[str, bytes], list[int]]:
    """Build ``project`` in-process, as ``mkdocs <command>`` would (None: ``build()`` alone).

    Returns the site and the collector's frozen-object counts during and after the build.
    """
    cwd = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"))
        if command is not None:
            config.plugins.on_startup(command=command, dirty=False)
        try:
            during = gc.get_freeze_count()
            build(config)
        finally:
            if command is not None:
                config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
    return site_tree(Path(config.site_dir)), [during, gc.get_freeze_count()]


def test_a_build_command_freezes_its_startup_objects_and_builds_the_same_site(
    tmp_path: Path,
) -> None:
    assert gc.get_freeze_count() == 0
    plain, _ = _build(_project(tmp_path / "plain"), None)
    frozen, counts = _build(_project(tmp_path / "frozen"), "build")
    assert counts[0] > 0, "on_startup of `mkdocs build` freezes the objects alive"
    assert counts[1] == 0, "on_shutdown gives them back to the collector"
    assert frozen == plain
    assert gc_policy._exit_hook == [True]


def test_serve_holds_the_policy_for_each_build_only() -> None:
    before = gc.get_threshold()
    policy = gc_policy.BuildCollector()
    policy.start("serve")  # The server's start holds nothing: it collects between builds.
    policy.keep()
    assert not policy.active
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before
    try:
        policy.start_serve_build()
        assert policy.active
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (gc_policy.YOUNG_THRESHOLD, *before[1:])
        # A build whose end never came (a background pass failed) is let go by the next.
        policy.start_serve_build()
        assert gc_policy._owners.count(policy) == 1
        assert gc.get_threshold() == (gc_policy.YOUNG_THRESHOLD, *before[1:])
    finally:
        policy.stop()
    assert not policy.active
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


def test_a_serve_build_holds_the_policy_from_its_read_to_its_end_and_builds_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given `mkdocs serve`'s build in process, when it reads the site, then the collector's
    # policy is held (thresholds raised, startup objects frozen); once its site-wide outputs
    # are written every object is the collector's again, with its thresholds; same site.
    before = gc.get_threshold()
    seen: list[tuple[bool, int, int]] = []
    keep = gc_policy.BuildCollector.keep

    def spy(self: gc_policy.BuildCollector) -> None:
        seen.append((self.active, gc.get_threshold()[0], gc.get_freeze_count()))
        keep(self)

    monkeypatch.setattr(gc_policy.BuildCollector, "keep", spy)
    plain, _ = _build(_project(tmp_path / "plain"), None)
    seen.clear()
    served, counts = _build(_project(tmp_path / "served"), "serve")
    assert seen and all(active for active, _, _ in seen), seen
    assert all(young == gc_policy.YOUNG_THRESHOLD and frozen > 0 for _, young, frozen in seen)
    assert counts == [0, 0]  # Nothing held before the build (on_startup) nor after it.
    assert gc.get_threshold() == before
    assert served == plain


def test_the_command_line_build_exits_cleanly_and_writes_the_same_site(tmp_path: Path) -> None:
    in_process, _ = _build(_project(tmp_path / "in-process"), None)
    project = _project(tmp_path / "cli")
    _run_cli(project, "-m", "mkdocs", "build", "-q")
    assert site_tree(project / "site") == in_process


def _run_cli(project: Path, *args: str) -> str:
    """Run Python with ``args`` in ``project``; its standard output, once it exits cleanly."""
    done = subprocess.run(
        [sys.executable, *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout


_EXIT_WATCH = """
import atexit, gc, json, sys

import mkdocs.commands.build as build

seen = {}


def last():  # Registered first: the last exit hook to run.
    seen["after"] = gc.get_stats()[2]["collections"]
    seen["frozen"] = gc.get_freeze_count()
    print(json.dumps(seen))


atexit.register(last)
built = build.build


def build_then_watch(*args, **kwargs):
    built(*args, **kwargs)
    # Registered last: the first exit hook to run, before the policy's.
    atexit.register(lambda: seen.setdefault("before", gc.get_stats()[2]["collections"]))


build.build = build_then_watch
from mkdocs.__main__ import cli

sys.argv = ["mkdocs", "build", "-q"]
cli()
"""


def test_the_command_line_build_leaves_every_object_out_of_the_exit_collections(
    tmp_path: Path,
) -> None:
    """A full collection at exit walked every module's and the build's objects again, the
    last serial work of a build (50-90 ms on the bench) for garbage the exit frees anyway."""
    stdout = _run_cli(_project(tmp_path / "cli"), "-c", _EXIT_WATCH)
    seen = json.loads(stdout.strip().splitlines()[-1])
    assert seen["after"] == seen["before"], "no full collection between the build and exit"
    assert seen["frozen"] > 1000, "shutdown's own collections find every object frozen"


@pytest.mark.parametrize("command", ["build", "gh-deploy"])
def test_the_policy_freezes_once_and_gives_back_at_stop(command: str) -> None:
    policy = gc_policy.BuildCollector()
    before = gc.get_threshold()
    policy.start(command)
    try:
        assert policy.active
        assert gc.get_threshold() == (gc_policy.YOUNG_THRESHOLD, *before[1:])
        count = gc.get_freeze_count()
        policy.start(command)  # a second start changes nothing
        assert gc.get_freeze_count() == count
        assert gc.get_threshold() == (gc_policy.YOUNG_THRESHOLD, *before[1:])
        kept = [[] for _ in range(3)]  # made after the start, alive for the build
        policy.keep()
        assert gc.get_freeze_count() >= count + len(kept)
    finally:
        policy.stop()
    assert not policy.active
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


def test_the_workers_freeze_leaves_a_build_commands_objects_frozen_until_stop() -> None:
    policy = gc_policy.BuildCollector()
    policy.start("build")
    try:
        gc_policy.freeze_for_workers()
        kept = gc.get_freeze_count()
        results = [[index] for index in range(100)]  # The workers' results, alive to the end.
        gc_policy.thaw_after_workers()
        # The policy owns the freeze until on_shutdown, and the build's end walks no result.
        assert gc.get_freeze_count() >= kept + len(results)
    finally:
        policy.stop()
    assert gc.get_freeze_count() == 0
    # Without a build command (serve, a caller's own build()), the workers' freeze is theirs.
    gc_policy.freeze_for_workers()
    assert gc.get_freeze_count() > 0
    gc_policy.thaw_after_workers()
    assert gc.get_freeze_count() == 0


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
@pytest.mark.parametrize("command", [None, "build"])
def test_a_build_with_workers_thaws_only_what_no_build_command_owns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str | None
) -> None:
    # Given a three-locale site built with two workers, when the workers are done, then a
    # build command's objects stay frozen (its policy gives them back at on_shutdown), a
    # plain build() gets every object back; the site is the same either way.
    thawed: list[int] = []
    thaw = parallel.thaw_after_workers

    def spy() -> None:
        thaw()
        thawed.append(gc.get_freeze_count())

    monkeypatch.setattr(parallel, "thaw_after_workers", spy)
    plugins = [
        "search",
        {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": 2}},
        {"jekyll": {}},
    ]
    sequential, _ = _build(_project(tmp_path / "sequential"), None)
    site, counts = _build(write_project(tmp_path / "workers", FILES, plugins=plugins), command)
    assert len(thawed) == 1
    assert (thawed[0] > 0) == (command is not None)
    assert counts[1] == 0
    assert site == sequential


def test_a_build_command_pauses_automatic_collection_until_the_scan_is_kept() -> None:
    assert gc.isenabled()
    policy = gc_policy.BuildCollector()
    policy.start("build")
    try:
        assert not gc.isenabled(), "the config and the scan are read without collections"
        policy.keep()
        assert gc.isenabled()
    finally:
        policy.stop()
    assert gc.isenabled()
    failed = gc_policy.BuildCollector()
    failed.start("gh-deploy")
    failed.stop()  # a build that fails before its scan is kept
    assert gc.isenabled()
    serve = gc_policy.BuildCollector()
    serve.start("serve")
    serve.start_serve_build()
    try:
        assert gc.isenabled(), "a serve build keeps collecting"
    finally:
        serve.stop()
