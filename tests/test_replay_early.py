"""A replayed build's files written from ``on_config``, when the sources' stamp says the
site is the kept build's (``replay_early``), and by the build itself once it has nothing
else to do (``SiteReplay.finish``).

Given a site built once, when it is built again without a file touched, then its kept
build is written by a process started before the scan, taken once the key agrees, and the
output equals a clean build's; when a source changed, nothing starts early; when the stamp
guesses wrong, or the build fails, the process is stopped and nothing it wrote remains.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort
from test_site_replay import LANGUAGES

from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.mkdocs import build, replay_early, site_replay
from mkdocs_jekyll.mkdocs.plugin import JekyllPlugin
from sitebuild import build_project, site_tree, write_files, write_project

FILES = {
    "docs/en/index.md": "---\ntitle: Home\ni18n_key: home\n---\n# Home\n\n{{ site.data.f.x }}\n",
    "docs/en/a.md": "---\ntitle: A\n---\n# A\n\nSee [home](index.md).\n",
    "docs/es-419/index.md": "---\ntitle: Inicio\ni18n_key: home\n---\n# Inicio\n\nHola.\n",
    "_data/f.yml": "x: one\n",
}
PLUGINS = ["search", {"jekyll/i18n": {"languages": LANGUAGES, "parallel_workers": 1}}, "jekyll"]

pytestmark = pytest.mark.skipif(
    not site_replay.can_fork_helper(), reason="the early writer is a forked process"
)


@dataclass
class Early:
    """What the early writer did in each build, in the order the build did it."""

    events: list[str] = field(default_factory=list)
    """``writing`` (a kept build's writing starts), ``early`` (from ``on_config``), ``none``
    (nothing started there), ``pre_build`` (the first pass's), ``replayed`` (the kept build
    finished), ``cancelled`` (the early writing stopped)."""
    in_build: bool = False
    """Whether the build's first ``on_pre_build`` is still to come."""


@pytest.fixture
def early(monkeypatch: pytest.MonkeyPatch) -> Early:
    found = Early()
    start = replay_early.EarlyReplay.start.__func__  # type: ignore[attr-defined]
    cancel = replay_early.EarlyReplay.cancel
    finish = site_replay.SiteReplay.finish
    writing = site_replay.SiteReplay.start
    pre_build = JekyllPlugin.on_pre_build

    def spy_start(cls: Any, *args: Any) -> Any:
        started = start(cls, *args)
        found.events.append("none" if started is None else "early")
        found.in_build = True
        return started

    def spy_cancel(self: Any) -> None:
        found.events.append("cancelled")
        cancel(self)

    def spy_writing(self: Any, site_dir: str) -> None:
        found.events.append("writing")
        writing(self, site_dir)

    def spy_finish(self: Any, site_dir: str) -> None:
        found.events.append("replayed")
        finish(self, site_dir)

    def spy_pre_build(self: Any, **kwargs: Any) -> None:
        if found.in_build:  # The first pass's (each locale pass has one).
            found.events.append("pre_build")
            found.in_build = False
        pre_build(self, **kwargs)

    monkeypatch.setattr(replay_early.EarlyReplay, "start", classmethod(spy_start))
    monkeypatch.setattr(replay_early.EarlyReplay, "cancel", spy_cancel)
    monkeypatch.setattr(site_replay.SiteReplay, "finish", spy_finish)
    monkeypatch.setattr(site_replay.SiteReplay, "start", spy_writing)
    monkeypatch.setattr(JekyllPlugin, "on_pre_build", spy_pre_build)
    return found


def _project(tmp_path: Path, files: dict[str, str], **jekyll: Any) -> Path:
    plugins = [*PLUGINS[:2], {"jekyll": jekyll}]
    return write_project(tmp_path, files, plugins=plugins)


def _clean(tmp_path: Path, files: dict[str, str]) -> dict[str, bytes]:
    return site_tree(build_project(_project(tmp_path / "clean", files, cache_enabled=False)))


def test_an_untouched_site_is_written_from_the_builds_start(tmp_path: Path, early: Early) -> None:
    project = _project(tmp_path / "cached", FILES)
    build_project(project)
    assert early.events == ["none", "pre_build"]  # No kept build yet.
    early.events.clear()
    rebuilt = site_tree(build_project(project))
    assert early.events == ["writing", "early", "pre_build", "replayed"]
    assert rebuilt == _clean(tmp_path, FILES)
    assert not any(site_replay.WRITING in name for name in rebuilt)
    assert multiprocessing.active_children() == []


def test_a_changed_source_starts_nothing_early(tmp_path: Path, early: Early) -> None:
    project = _project(tmp_path / "cached", FILES)
    build_project(project)
    changed = {**FILES, "_data/f.yml": "x: two\n"}
    time.sleep(0.01)  # (A file system keeping whole seconds would still see the size.)
    write_files(project, {"_data/f.yml": changed["_data/f.yml"]})
    early.events.clear()
    rebuilt = site_tree(build_project(project))
    assert early.events == ["none", "pre_build"]
    assert rebuilt == _clean(tmp_path, changed)


def test_a_wrong_guess_stops_the_writer_and_removes_what_it_wrote(
    tmp_path: Path, early: Early
) -> None:
    project = _project(tmp_path / "cached", FILES)
    build_project(project)
    # The same size and modification time, another text: the stamp cannot tell.
    data = project / "_data/f.yml"
    before = data.stat()
    data.write_text("x: six\n", encoding="utf-8")
    os.utime(data, ns=(before.st_atime_ns, before.st_mtime_ns))
    changed = {**FILES, "_data/f.yml": "x: six\n"}
    early.events.clear()
    rebuilt = site_tree(build_project(project))
    assert early.events == ["writing", "early", "pre_build", "cancelled"]
    assert rebuilt == _clean(tmp_path, changed)
    assert b"six" in rebuilt["en/index.html"]
    assert not any(site_replay.WRITING in name for name in rebuilt)
    assert multiprocessing.active_children() == []


def test_a_build_failing_after_the_early_start_stops_it_and_keeps_the_last_site(
    tmp_path: Path, early: Early, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path / "cached", FILES)
    site = build_project(project)
    before = site_tree(site)

    def failing_scan(*_args: Any, **_kwargs: Any) -> Any:
        raise ContentError("docs/en/a.md", "a page that cannot be read")

    monkeypatch.setattr(build, "scan_site", failing_scan)
    early.events.clear()
    with pytest.raises(Abort):
        build_project(project)
    assert early.events == ["writing", "early", "pre_build", "cancelled"]
    assert site_tree(site) == before
    assert [path.name for path in project.iterdir() if "building" in path.name] == []
    assert multiprocessing.active_children() == []


def test_the_build_writes_the_files_its_writer_has_not_reached(
    tmp_path: Path, early: Early, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a writer that is slow to write its first files, when the build reaches its
    # end, then it writes the files nobody claimed yet itself: each file once, the output
    # equal to a clean build's.
    project = _project(tmp_path / "cached", FILES)
    build_project(project)
    build_pid = os.getpid()
    written = tmp_path / "written.log"
    write_files = site_replay.write_files

    def logged(root: str, files: list[tuple[str, bytes]], *made: Any) -> None:
        if os.getpid() != build_pid and not written.exists():
            time.sleep(1)  # The writer's first claim: the build catches up meanwhile.
        with open(written, "a", encoding="utf-8") as log:
            log.writelines(f"{os.getpid()} {rel}\n" for rel, _data in files)
        write_files(root, files, *made)

    monkeypatch.setattr(site_replay, "write_files", logged)
    early.events.clear()
    rebuilt = site_tree(build_project(project))
    assert early.events == ["writing", "early", "pre_build", "replayed"]
    lines = [line.split(" ", 1) for line in written.read_text(encoding="utf-8").splitlines()]
    writers = {int(pid) for pid, _rel in lines}
    assert build_pid in writers and len(writers) == 2
    rels = [rel for _pid, rel in lines]
    assert len(rels) == len(set(rels)) > site_replay.CLAIMED
    assert rebuilt == _clean(tmp_path, FILES)


def _scan_work_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One item per time a build made its scan-only end work (``BuildEnd.scan_work``)."""
    from mkdocs_jekyll.mkdocs import build_end

    calls: list[int] = []
    real = build_end.BuildEnd.scan_work

    def counted(self: Any, state: Any) -> Any:
        calls.append(1)
        return real(self, state)

    monkeypatch.setattr(build_end.BuildEnd, "scan_work", counted)
    return calls


def _lastmod(site: dict[str, bytes], page: str) -> str:
    entry = site["sitemap.xml"].split(page.encode(), 1)[1]
    return entry.split(b"<lastmod>", 1)[1].split(b"</lastmod>", 1)[0].decode()


def test_an_untouched_sites_replay_takes_the_kept_sitemap_and_findings(
    tmp_path: Path,
    early: Early,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # The kept build holds its scan-only end work (``replay_scan_work``): a build whose
    # sources' stamp is the kept one's makes neither the sitemap nor the scan's findings
    # again, and writes what a clean build writes.
    files = {**FILES, "docs/en/b.md": "# B\n\nA [root link](/en/a/).\n"}  # (a finding)
    project = _project(tmp_path / "cached", files)
    with caplog.at_level(logging.INFO):
        build_project(project)
    kept = _findings_lines(caplog)
    caplog.clear()
    calls = _scan_work_calls(monkeypatch)
    early.events.clear()
    with caplog.at_level(logging.INFO):
        rebuilt = site_tree(build_project(project))
    assert early.events == ["writing", "early", "pre_build", "replayed"]
    assert calls == []
    assert _findings_lines(caplog) == kept == ["1 compatibility finding"]
    assert rebuilt == _clean(tmp_path, files)
    assert b"<lastmod>" in rebuilt["sitemap.xml"]


def _findings_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The build's findings summary (``mkdocs-jekyll report``'s count), as logged."""
    return [
        record.getMessage().split(";", 1)[0].split(": ", 1)[-1]
        for record in caplog.records
        if "compatibility finding" in record.getMessage()
    ]


def test_a_touched_sources_replay_dates_its_sitemap_anew(
    tmp_path: Path, early: Early, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A page without a date in its front matter is dated by its file's modification time.
    # Touched (same text, another day), the site's key is the kept build's, its stamp is
    # not: the build is replayed by its key, and its sitemap is made again with the date.
    project = _project(tmp_path / "cached", FILES)
    build_project(project)
    page = project / "docs/en/a.md"
    noon = 1_580_601_600 + 43_200  # 2020-02-02 12:00 UTC
    os.utime(page, (noon, noon))
    calls = _scan_work_calls(monkeypatch)
    early.events.clear()
    rebuilt = site_tree(build_project(project))
    assert "early" not in early.events and early.events[-1] == "replayed"
    assert calls == [1]
    assert _lastmod(rebuilt, "/en/a/") == "2020-02-02"


def test_the_kept_pages_are_read_by_the_writer_not_by_the_build(
    tmp_path: Path, early: Early, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The build reads the kept build's record at ``on_config``; its pages' bytes (most of
    # what is kept) are read from their packs by the writing process, beside the build.
    project = _project(tmp_path / "cached", FILES)
    build_project(project)
    readers = tmp_path / "readers"
    real = site_replay._read_pages

    def spy(*args: Any) -> Any:
        with readers.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\n")
        return real(*args)

    monkeypatch.setattr(site_replay, "_read_pages", spy)
    early.events.clear()
    rebuilt = site_tree(build_project(project))
    assert early.events == ["writing", "early", "pre_build", "replayed"]
    pids = readers.read_text(encoding="utf-8").split()
    assert len(pids) == 1 and int(pids[0]) != os.getpid()
    assert rebuilt == _clean(tmp_path, FILES)


def test_kept_pages_the_writer_cannot_read_mean_no_replay(tmp_path: Path, early: Early) -> None:
    # The stamp matches, but the page packs are gone: the writer cannot read the pages, the
    # build does not take the kept build (nor can it load it itself) and builds the site.
    project = _project(tmp_path / "cached", FILES)
    build_project(project)
    for pack in (project / ".cache/mkdocs-jekyll/packs").glob("*.pack"):
        pack.unlink()
    early.events.clear()
    rebuilt = site_tree(build_project(project))
    assert early.events == ["writing", "early", "pre_build", "cancelled"]
    assert rebuilt == _clean(tmp_path, FILES)
    assert not any(site_replay.WRITING in name for name in rebuilt)
    assert multiprocessing.active_children() == []
