"""A whole build replayed (``site_replay``): an unchanged rebuild writes the last build's files.

Given a site built once, when it is built again unchanged, then no locale pass renders or
looks up a page and the output equals a clean build's, file by file (the feeds' build time
aside); when any input changed, the build is an ordinary one and equals a clean build of
the changed sources. A damaged or incomplete record means an ordinary build.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from mkdocs_jekyll.mkdocs import page_cache, page_digests, site_replay
from mkdocs_jekyll.mkdocs.cache_packs import PackWriter, read_pack
from mkdocs_jekyll.mkdocs.parallel import can_fork
from sitebuild import make_site_builder, site_tree, warning_lines

FILES = {
    "docs/en/index.md": (
        "---\ntitle: Home\ni18n_key: home\n---\n# Home\n\n{% include note.html %} "
        "{{ site.data.facts.motto }}\n\n![Logo](logo.txt)\n"
    ),
    "docs/en/a.md": "---\ntitle: A\ni18n_key: a\n---\n# A\n\nSee [home](index.md#home).\n",
    "docs/en/logo.txt": "logo one\n",
    "docs/es-419/index.md": "---\ntitle: Inicio\ni18n_key: home\n---\n# Inicio\n\nHola.\n",
    "docs/es-419/a.md": "---\ntitle: A es\ni18n_key: a\n---\n# A\n\n[Falta](missing.md)\n",
    "docs/404.md": "---\ntitle: Not found\npermalink: /404.html\n---\n# Lost\n",
    "_data/facts.yml": "motto: one\n",
    "_includes/note.html": "<p>note one</p>\n",
}
LANGUAGES = [
    {"locale": "en", "name": "English", "default": True},
    {"locale": "es-419", "name": "Español"},
]


def _plugins(workers: int = 1, **core: Any) -> list[Any]:
    i18n = {"languages": LANGUAGES, "parallel_workers": workers}
    return ["search", {"jekyll/i18n": i18n}, {"jekyll": core}]


@dataclass
class Spies:
    replayed: int = 0
    """Builds that wrote a kept build's files."""
    lookups: list[str] = field(default_factory=list)
    """Pages looked up in the page cache (a replayed build looks none up)."""


@pytest.fixture
def spies(monkeypatch: pytest.MonkeyPatch) -> Iterator[Spies]:
    found = Spies()
    finish = site_replay.SiteReplay.finish
    lookup = page_cache.PassCache.lookup

    def spy_finish(self: Any, site_dir: str) -> None:
        found.replayed += 1
        finish(self, site_dir)

    def spy_lookup(self: Any, src_uri: str, *args: Any) -> Any:
        found.lookups.append(src_uri)
        return lookup(self, src_uri, *args)

    monkeypatch.setattr(site_replay.SiteReplay, "finish", spy_finish)
    monkeypatch.setattr(page_cache.PassCache, "lookup", spy_lookup)
    yield found


def _clean(tmp_path: Path, files: dict[str, str], **config: Any) -> dict[str, bytes]:
    """A build of ``files`` without the cache."""
    folder = tmp_path / "clean"
    folder.mkdir(exist_ok=True)
    plugins = config.pop("plugins", _plugins())
    plugins[2] = {"jekyll": {**plugins[2]["jekyll"], "cache_enabled": False}}
    return site_tree(make_site_builder(folder)(files=files, plugins=plugins, **config))


WORKERS = [
    pytest.param(1, id="one locale after another"),
    pytest.param(
        2,
        id="locales in workers",
        marks=pytest.mark.skipif(not can_fork(), reason="the locale passes fork workers"),
    ),
]


@pytest.mark.parametrize("workers", WORKERS)
def test_an_unchanged_rebuild_is_replayed_and_equals_a_clean_build(
    tmp_path: Path, spies: Spies, workers: int
) -> None:
    (tmp_path / "cached").mkdir()
    build = make_site_builder(tmp_path / "cached")
    build(files=FILES, plugins=_plugins(workers))
    assert spies.replayed == 0
    spies.lookups.clear()
    rebuilt = site_tree(build(files=FILES, plugins=_plugins(workers)))
    assert (spies.replayed, spies.lookups) == (1, [])
    clean = _clean(tmp_path, FILES, plugins=_plugins(workers))
    assert rebuilt == clean
    assert "404.html" in rebuilt and b"Lost" in rebuilt["404.html"]  # The site's own 404.
    # The pages' packs were kept by the replayed build: the next one replays too.
    assert site_tree(build(files=FILES, plugins=_plugins(workers))) == clean
    assert (spies.replayed, spies.lookups) == (2, [])


@dataclass(frozen=True)
class Case:
    description: str
    files: dict[str, str] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)


CASES = [
    Case("a page's text", files={"docs/en/a.md": FILES["docs/en/a.md"] + "\nMore.\n"}),
    Case("a static file's content", files={"docs/en/logo.txt": "logo two\n"}),
    Case("a new static file", files={"docs/es-419/logo.txt": "logo es\n"}),
    Case("_data", files={"_data/facts.yml": "motto: two\n"}),
    Case("_includes", files={"_includes/note.html": "<p>note two</p>\n"}),
    Case("mkdocs.yml", config={"site_name": "Another name"}),
    Case(
        "a setting mkdocs.yml inherits",
        files={"base.yml": "copyright: Two\n"},
        config={"INHERIT": "base.yml"},
    ),
]
INHERITED = {"base.yml": "copyright: One\n"}
"""The first build of the case above inherits this ``copyright``."""


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_a_changed_input_is_built_again_and_equals_a_clean_build(
    tmp_path: Path, spies: Spies, case: Case
) -> None:
    (tmp_path / "cached").mkdir()
    build = make_site_builder(tmp_path / "cached")
    inherited = "INHERIT" in case.config
    first = {**FILES, **INHERITED} if inherited else FILES
    build(files=first, plugins=_plugins(), **({"INHERIT": "base.yml"} if inherited else {}))
    changed = {**FILES, **case.files}
    rebuilt = site_tree(build(files=changed, plugins=_plugins(), **case.config))
    assert spies.replayed == 0
    assert rebuilt == _clean(tmp_path, changed, **case.config)


def test_a_replayed_build_logs_the_same_warnings(
    tmp_path: Path, spies: Spies, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    (tmp_path / "cached").mkdir()
    build = make_site_builder(tmp_path / "cached")
    build(files=FILES, plugins=_plugins())
    first = warning_lines(caplog)
    caplog.clear()
    build(files=FILES, plugins=_plugins())
    assert spies.replayed == 1
    assert warning_lines(caplog) == first
    assert any("missing.md" in line for line in first)


def test_a_damaged_record_is_ignored_with_a_warning(
    tmp_path: Path, spies: Spies, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "cached").mkdir()
    build = make_site_builder(tmp_path / "cached")
    build(files=FILES, plugins=_plugins())
    (record,) = (tmp_path / "cached/project/.cache/mkdocs-jekyll/site").glob("*.pack")
    data = bytearray(record.read_bytes())
    data[len(data) // 2] ^= 0xFF
    record.write_bytes(bytes(data))
    caplog.clear()
    rebuilt = site_tree(build(files=FILES, plugins=_plugins()))
    assert spies.replayed == 0
    shown = f".cache/mkdocs-jekyll/site/{record.name}"
    assert f"The build cache entry '{shown}' is damaged; it is ignored and rebuilt." in (
        " ".join(warning_lines(caplog))
    )
    assert rebuilt == _clean(tmp_path, FILES)
    build(files=FILES, plugins=_plugins())
    assert spies.replayed == 1  # The ordinary build kept a whole record again.


def test_a_record_whose_pages_are_gone_means_an_ordinary_build(
    tmp_path: Path, spies: Spies, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "cached").mkdir()
    build = make_site_builder(tmp_path / "cached")
    build(files=FILES, plugins=_plugins())
    for pack in (tmp_path / "cached/project/.cache/mkdocs-jekyll/packs").iterdir():
        pack.unlink()
    caplog.clear()
    rebuilt = site_tree(build(files=FILES, plugins=_plugins()))
    assert spies.replayed == 0
    assert not any("damaged" in line for line in warning_lines(caplog))
    assert rebuilt == _clean(tmp_path, FILES)


def test_a_page_reading_the_build_time_is_never_replayed(tmp_path: Path, spies: Spies) -> None:
    files = {**FILES, "docs/en/a.md": "---\ntitle: A\ni18n_key: a\n---\nBuilt {{ site.time }}\n"}
    (tmp_path / "cached").mkdir()
    build = make_site_builder(tmp_path / "cached")
    build(files=files, plugins=_plugins())
    build(files=files, plugins=_plugins())
    assert spies.replayed == 0


def test_a_site_without_locales_is_replayed_too(tmp_path: Path, spies: Spies) -> None:
    from test_build_cache import CONFIG
    from test_build_cache import FILES as ONE_LOCALE

    (tmp_path / "cached").mkdir()
    build = make_site_builder(tmp_path / "cached")
    build(files=ONE_LOCALE, strict=True, **CONFIG)
    spies.lookups.clear()
    rebuilt = site_tree(build(files=ONE_LOCALE, strict=True, **CONFIG))
    assert (spies.replayed, spies.lookups) == (1, [])
    clean_config = {**CONFIG, "plugins": ["search", {"jekyll": {"cache_enabled": False}}]}
    clean = tmp_path / "clean"
    clean.mkdir()
    assert rebuilt == site_tree(make_site_builder(clean)(files=ONE_LOCALE, **clean_config))


def test_a_dirty_build_is_never_replayed(tmp_path: Path, spies: Spies) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    build = make_site_builder(tmp_path)
    build(files=FILES, plugins=_plugins())
    site = build(files=FILES, plugins=_plugins())
    (site / "stale.txt").write_text("kept by --dirty\n", "utf-8")
    project = tmp_path / "project"
    cwd = os.getcwd()
    os.chdir(project)
    try:
        mkdocs_build(load_config(str(project / "mkdocs.yml")), dirty=True)
    finally:
        os.chdir(cwd)
    assert spies.replayed == 1  # The second build only.
    assert (site / "stale.txt").read_text("utf-8") == "kept by --dirty\n"
    assert not (site / site_replay.WRITING).exists()


FORKED_WRITER = pytest.mark.skipif(
    not site_replay.can_fork_helper(), reason="the replay's writer is a forked process"
)


@dataclass
class Writes:
    """How the replayed builds wrote their files, and when the end's scan-only work ran."""

    processes: list[int | None] = field(default_factory=list)
    """Each replay's writing process: its exit code once joined (None: it wrote in threads)."""
    events: list[str] = field(default_factory=list)
    """``prepare`` (the end's scan-only work) and ``finish`` (the replay's end), in order."""


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> Writes:
    from mkdocs_jekyll.mkdocs.build_end import BuildEnd

    found = Writes()
    join = site_replay.SiteReplay._join
    finish = site_replay.SiteReplay.finish
    prepare = BuildEnd.prepare

    def spy_join(self: Any) -> None:
        if self._process is not None:
            self._process.join()  # (Joined again by `_join`, which closes it.)
            found.processes.append(self._process.exitcode)
        elif self._writers:
            found.processes.append(None)
        join(self)

    def spy_finish(self: Any, site_dir: str) -> None:
        found.events.append("finish")
        finish(self, site_dir)

    def spy_prepare(self: Any, *args: Any) -> None:
        found.events.append("prepare")
        prepare(self, *args)

    monkeypatch.setattr(site_replay.SiteReplay, "_join", spy_join)
    monkeypatch.setattr(site_replay.SiteReplay, "finish", spy_finish)
    monkeypatch.setattr(BuildEnd, "prepare", spy_prepare)
    return found


@FORKED_WRITER
def test_a_replay_writes_in_a_forked_process_while_the_end_prepares(
    tmp_path: Path, writes: Writes
) -> None:
    # Given a site built once (which keeps the end's scan-only work with its files), when
    # it is built again unchanged, then a forked process writes the kept files, the build
    # prepares its end meanwhile (before the replay's end waits for the writer), and the
    # site equals a clean build.
    (tmp_path / "cached").mkdir()
    build = make_site_builder(tmp_path / "cached")
    build(files=FILES, plugins=_plugins())
    assert writes.processes == []
    assert writes.events == ["prepare"]  # Before its files are kept (``end_passes``).
    writes.events.clear()
    rebuilt = site_tree(build(files=FILES, plugins=_plugins()))
    assert writes.processes == [0]
    assert writes.events == ["prepare", "finish"]
    assert rebuilt == _clean(tmp_path, FILES)


@FORKED_WRITER
def test_a_failed_writing_process_means_the_build_writes_the_files_itself(
    tmp_path: Path, writes: Writes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a writer process that cannot write (a full disk, say), when the unchanged site
    # is replayed, then the process fails quietly and the build writes every file itself.
    build_pid = os.getpid()
    write_files = site_replay.write_files

    def failing_elsewhere(root: str, files: list[tuple[str, bytes]], *made: Any) -> None:
        if os.getpid() != build_pid:
            raise OSError(28, "No space left on device")
        write_files(root, files, *made)

    (tmp_path / "cached").mkdir()
    build = make_site_builder(tmp_path / "cached")
    build(files=FILES, plugins=_plugins())
    monkeypatch.setattr(site_replay, "write_files", failing_elsewhere)
    rebuilt = site_tree(build(files=FILES, plugins=_plugins()))
    assert writes.processes == [1]
    assert rebuilt == _clean(tmp_path, FILES)
    assert not any(site_replay.WRITING in name for name in rebuilt)


def test_a_build_that_cannot_fork_replays_with_writer_threads(
    tmp_path: Path, writes: Writes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(site_replay, "can_fork_helper", lambda: False)
    (tmp_path / "cached").mkdir()
    build = make_site_builder(tmp_path / "cached")
    build(files=FILES, plugins=_plugins())
    rebuilt = site_tree(build(files=FILES, plugins=_plugins()))
    assert writes.processes == [None]
    assert rebuilt == _clean(tmp_path, FILES)


@FORKED_WRITER
def test_a_replay_that_fails_while_its_writer_writes_leaves_the_site_as_it_was(
    tmp_path: Path, writes: Writes, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a replayed build whose writer process has started, when the build fails (a
    # plugin's error, here in the replayed logs), then the build waits for the writer,
    # removes its staged folder, and the last site stands as it was.
    import multiprocessing

    (tmp_path / "cached").mkdir()
    build = make_site_builder(tmp_path / "cached")
    site = build(files=FILES, plugins=_plugins())
    before = site_tree(site)

    def fail(self: Any) -> None:
        raise RuntimeError("a plugin failed")

    monkeypatch.setattr(site_replay.SiteReplay, "replay_logs", fail)
    with pytest.raises(RuntimeError, match="a plugin failed"):
        build(files=FILES, plugins=_plugins())
    assert writes.processes == [0]  # Joined, having written every file.
    assert multiprocessing.active_children() == []
    assert site_tree(site) == before
    assert [p.name for p in site.parent.iterdir() if ".building-" in p.name] == []


def _walked_by_os_walk(root: Path) -> tuple[list[tuple[str, Any]], list[str]] | None:
    """The snapshot's files and folders as ``os.walk`` and ``pathlib`` list them."""
    files: list[tuple[str, Any]] = []
    dirs: list[str] = []
    for folder, subdirs, names in os.walk(root):
        subdirs.sort()
        here = Path(folder)
        for name in subdirs:
            if (here / name).is_symlink():
                return None
            dirs.append((here / name).relative_to(root).as_posix())
        for name in sorted(names):
            path = here / name
            if not path.is_file() or path.is_symlink():
                return None
            ref = page_cache.noted_page(str(path))
            kept = ("page", ref[0], ref[1]) if ref else ("bytes", path.read_bytes())
            files.append((path.relative_to(root).as_posix(), kept))
    return files, dirs


@pytest.mark.parametrize("link", [None, "file", "folder", "broken"])
def test_the_snapshot_walk_lists_the_staged_folder_as_os_walk_does(
    tmp_path: Path, link: str | None
) -> None:
    # Given a staged folder of nested folders (names out of order, a noted page) and maybe a
    # link, when the snapshot walks it, then it keeps what os.walk's listing gives, in its
    # order, and keeps nothing when a link is there.
    site = tmp_path / "site"
    for rel in ["b/index.html", "a/z/index.html", "a/index.html", "a.css", "B.txt", "a/y/x.js"]:
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(f"<{rel}>", encoding="utf-8")
    (site / "a/empty").mkdir()
    page_cache.forget_pages()
    page_cache.note_page(str(site / "a/index.html"), "pass", "page", len("<a/index.html>"))
    if link == "file":
        (site / "a/y/link.html").symlink_to(site / "a.css")
    elif link == "folder":
        (site / "a/linked").symlink_to(site / "b")
    elif link == "broken":
        (site / "b/gone").symlink_to(site / "nowhere")
    files: list[tuple[str, Any]] = []
    dirs: list[str] = []
    try:
        kept = site_replay._walk_site(str(site), "", files, dirs)
        expected = _walked_by_os_walk(site)
    finally:
        page_cache.forget_pages()
    assert kept == (expected is not None)
    if expected is not None:
        assert (files, dirs) == expected
        assert ("a/index.html", ("page", "pass", "page")) in files


def test_the_recorder_keeps_every_record_once_though_freed_records_ids_come_back() -> None:
    # Each record reaches the recorder twice (``mkdocs``'s handlers, then the root's) and is
    # freed once logged; CPython then gives the next record the same id, which the
    # recorder once took for the same record: a replayed build lost some of its INFO lines.
    recorder = page_cache.Recorder()
    for number in range(200):
        fields = {"name": "mkdocs.plugins.x", "levelno": logging.INFO, "msg": f"line {number}"}
        record = logging.makeLogRecord({**fields, "levelname": "INFO"})
        recorder.handle(record)  # on the `mkdocs` logger
        recorder.handle(record)  # on the root, the same record
        del record
    assert [message for _name, _level, message in recorder.records] == [
        f"line {n}" for n in range(200)
    ]


def test_the_keys_file_paths_are_the_ones_pathlib_gave(tmp_path: Path) -> None:
    """The replay key names each file below ``docs_dir`` as ``Path(os.path.relpath(..))``
    did (the reference), on names ``pathlib`` might treat apart; the docs folder given with
    a trailing slash or a ``..`` walks to the same names."""
    names = [
        "index.md",
        "a b/c d.md",
        "a.b/.hidden",
        "é/ü.md",
        "deep/er/than/that.txt",
        "x/-dash",
        "x/y.z/",
    ]
    docs = tmp_path / "docs"
    for name in names:
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not name.endswith("/"):
            path.write_text("x", "utf-8")
    for given in (str(docs), f"{docs}/", f"{docs}/../docs"):
        top = os.path.abspath(given)
        found = [os.path.join(f, n) for f, _, ns in os.walk(top, followlinks=True) for n in ns]
        expected = [Path(os.path.relpath(path, Path(given))).as_posix() for path in found]
        assert [site_replay._relative(path, top) for path in found] == expected
        assert len(found) == len(names) - 1


@pytest.mark.skipif(not can_fork(), reason="the locale passes fork workers")
def test_the_pages_digests_made_in_their_passes_key_the_build_as_hashing_them_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each page's part of the replay key is made where it rendered (``page_digests``): the
    parent's pages before it waits for the worker, the worker's in its pass. The key is the
    one hashing every page's text where the key is made (the reference) gives."""
    kept: list[str] = []
    rendered_digest = site_replay.rendered_digest

    def spy(texts: tuple[str, str], digests: page_digests.Digests, path: str) -> bytes:
        if path in digests and digests[path][0] is texts[1]:
            kept.append(path)
        return rendered_digest(texts, digests, path)

    def keys(run: str) -> list[str]:
        make_site_builder(tmp_path)(files=FILES, plugins=_plugins(2))
        packs = tmp_path / "project" / ".cache" / "mkdocs-jekyll" / site_replay.FOLDER
        found = sorted(path.name for path in packs.iterdir())
        (tmp_path / "project" / ".cache").rename(tmp_path / f"cache-{run}")  # A cold build next.
        return found

    monkeypatch.setattr(site_replay, "rendered_digest", spy)
    made = keys("passes")
    # Both locales' pages, the parent's (en) and the worker's (es-419), came with digests.
    assert {path.split("/")[0] for path in kept} >= {"en", "es-419"}
    monkeypatch.setattr(
        site_replay,
        "rendered_digest",
        lambda texts, digests, path: page_digests.page_digest(*texts),
    )
    assert keys("reference") == made != []


@pytest.mark.parametrize("workers", WORKERS)
def test_the_record_written_beside_the_builds_end_is_the_one_written_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    # Given a build kept for replay, when its record is written by a thread from the
    # snapshot on, then the record in place holds the records a writer starting at `save`
    # writes from the same snapshot, and no pending record is left beside it.
    expected = tmp_path / "expected.pack"
    save = site_replay.SiteRecorder.save

    def save_and_write_after(self: Any) -> None:
        snapshot = self._snapshot
        if snapshot is not None:
            writer = PackWriter(expected)
            writer.add(site_replay._META, snapshot.meta)
            for rel, fields in snapshot.files:
                writer.add(rel, fields)
            writer.close()
        save(self)

    monkeypatch.setattr(site_replay.SiteRecorder, "save", save_and_write_after)
    (tmp_path / "cached").mkdir()
    make_site_builder(tmp_path / "cached")(files=FILES, plugins=_plugins(workers))
    folder = tmp_path / "cached/project/.cache/mkdocs-jekyll" / site_replay.FOLDER
    record, stamp = sorted(folder.iterdir(), key=lambda path: path.suffix != ".pack")
    assert record.name.endswith(site_replay.SUFFIX)
    assert not record.name.startswith(site_replay._PENDING)
    # Beside it, the stamp of the sources it was built from (``replay_early``).
    assert stamp.name == record.stem + site_replay.STAMP_SUFFIX
    # marshal marks objects by their reference counts at the time: the records, not bytes.
    assert read_pack(record) == read_pack(expected)


def test_a_failed_build_leaves_no_record_nor_pending_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a build kept for replay that `--strict` fails after its snapshot (a warning of
    # the site checks, at its end), when it ends, then the record its thread wrote is
    # removed.
    snapshots: list[bool] = []
    snapshot = site_replay.SiteRecorder.snapshot

    def spy(self: Any, *args: Any) -> None:
        snapshot(self, *args)
        snapshots.append(self._snapshot is not None)

    monkeypatch.setattr(site_replay.SiteRecorder, "snapshot", spy)
    files = {
        **FILES,
        "docs/es-419/a.md": "---\ntitle: A es\ni18n_key: a\n---\n# A\n",
        "docs/en/b.md": "---\ntitle: B\nheader:\n  image: /missing.png\n---\n# B\n",
    }
    (tmp_path / "cached").mkdir()
    with pytest.raises(Abort):
        make_site_builder(tmp_path / "cached")(files=files, plugins=_plugins(), strict=True)
    assert snapshots == [True]
    folder = tmp_path / "cached/project/.cache/mkdocs-jekyll" / site_replay.FOLDER
    assert list(folder.iterdir()) == []
