"""The build cache: a rebuild writes exactly what a clean build of the same sources writes.

Given a site built once (which fills ``.cache/mkdocs-jekyll/``), when one kind of input
changes and the site is built again, then the output equals a clean build's of the changed
sources, file by file; pages whose inputs did not change came from the cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from mkdocs_jekyll.mkdocs import build_cache, cache_packs, page_cache, site_replay
from mkdocs_jekyll.mkdocs.parallel import can_fork
from sitebuild import make_site_builder, site_tree, warning_lines

FILES = {
    "docs/index.md": (
        "---\ntitle: Home\n---\n# Home\n{% for post in site.posts %}{{ post.title }} "
        "{% endfor %}\n\n{% include note.html %}\n\nMotto: {{ site.data.facts.motto }}\n"
    ),
    "docs/a.md": "---\ntitle: A\n---\n# A\n\nSee [home](index.md#home).\n",
    "docs/_posts/2024-01-02-hello.md": "---\ntitle: Hello\ntags: [x]\n---\nHi there.\n",
    "_data/facts.yml": "motto: one\n",
    "_includes/note.html": "<p>note one</p>\n",
    "overrides/partials/copyright.html": "<div>made here, one</div>\n",
}
CONFIG: dict[str, Any] = {
    "theme": {"name": "material", "custom_dir": "overrides"},
    "plugins": ["search", {"jekyll": {}}],
}
SMALL: dict[str, Any] = {"theme": {"name": "material"}, "plugins": ["search", {"jekyll": {}}]}
"""The config of the one-page sites below."""
POST = "_posts/2024-01-02-hello.md"
ARCHIVES = {f"_jekyll_archives/{name}.md" for name in ("categories", "tags", "years")}
"""The generated archive pages (of the post's tags and year)."""


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, bool]]:
    """src_uri -> whether the cache had the page, for every page looked up.

    No build is replayed whole (``site_replay``, tested in ``test_site_replay.py``): an
    unchanged rebuild then looks every page up.
    """
    monkeypatch.setattr(site_replay.SiteReplay, "load", classmethod(lambda *args, **kwargs: None))
    seen: dict[str, bool] = {}
    real = page_cache.PassCache.lookup

    def spy(self: Any, src_uri: str, *args: Any) -> Any:
        found = real(self, src_uri, *args)
        seen[src_uri] = found is not None
        return found

    monkeypatch.setattr(page_cache.PassCache, "lookup", spy)
    yield seen


@dataclass(frozen=True)
class Case:
    description: str
    files: dict[str, str] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    patch: Callable[[pytest.MonkeyPatch], None] | None = None
    cached: frozenset[str] = frozenset()
    """The pages the second build takes from the cache."""


def _new_version(monkeypatch: pytest.MonkeyPatch) -> None:
    real = build_cache.metadata.version
    monkeypatch.setattr(
        build_cache.metadata,
        "version",
        lambda name: "99.0" if name == "mkdocs-material" else real(name),
    )


CASES = [
    Case(
        "nothing changed: every page from the cache",
        cached=frozenset({"index.md", "a.md", POST, *ARCHIVES}),
    ),
    Case(
        "a page's text: only that page is rendered again",
        files={"docs/a.md": "---\ntitle: A\n---\n# A\n\nNew text, [home](index.md#home).\n"},
        cached=frozenset({"index.md", POST, *ARCHIVES}),
    ),
    Case(
        "a post's front matter, which another page lists through site.posts",
        files={"docs/_posts/2024-01-02-hello.md": "---\ntitle: Hello again\n---\nHi there.\n"},
    ),
    Case("_data", files={"_data/facts.yml": "motto: two\n"}),
    Case("_includes", files={"_includes/note.html": "<p>note two</p>\n"}),
    Case(
        "a template of the site's overrides",
        files={"overrides/partials/copyright.html": "<div>made here, two</div>\n"},
    ),
    Case("mkdocs.yml", config={"site_name": "Another name"}),
    Case("a package's version", patch=_new_version),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_a_rebuild_with_the_cache_equals_a_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lookups: dict[str, bool], case: Case
) -> None:
    (tmp_path / "cached").mkdir()
    (tmp_path / "clean").mkdir()
    build = make_site_builder(tmp_path / "cached")
    build(files=FILES, strict=True, **CONFIG)
    assert set(lookups.values()) == {False}  # The first build renders every page.
    lookups.clear()
    if case.patch is not None:
        case.patch(monkeypatch)
    config = {**CONFIG, **case.config}
    changed = {**FILES, **case.files}
    rebuilt = site_tree(build(files=changed, strict=True, **config))
    assert {page for page, hit in lookups.items() if hit} == case.cached
    clean_config = {**config, "plugins": ["search", {"jekyll": {"cache_enabled": False}}]}
    clean = site_tree(make_site_builder(tmp_path / "clean")(files=changed, **clean_config))
    assert sorted(rebuilt) == sorted(clean)
    assert [path for path in clean if clean[path] != rebuilt[path]] == []


def test_a_cached_page_logs_its_warnings_again_and_fails_a_strict_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, lookups: dict[str, bool]
) -> None:
    files = {**FILES, "docs/a.md": "---\ntitle: A\n---\n# A\n[x](missing.md)\n"}
    build = make_site_builder(tmp_path)
    expected = [
        "Doc file 'a.md' contains a link 'missing.md', but the target is not found among "
        "documentation files."
    ]
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.WARNING), pytest.raises(Abort):
            build(files=files, strict=True, **CONFIG)
        assert warning_lines(caplog) == expected
    assert lookups["a.md"] is True  # The second time, from the cache.


def test_a_damaged_entry_is_rendered_again_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    files = {"docs/index.md": "---\ntitle: Home\n---\n# Home\n"}
    build = make_site_builder(tmp_path)
    first = site_tree(build(files=files, **SMALL))
    (entry,) = (tmp_path / "project/.cache/mkdocs-jekyll/packs").glob("*.pack")
    entry.write_bytes(entry.read_bytes()[:-10])
    with caplog.at_level(logging.WARNING):
        again = site_tree(build(files=files, **SMALL))
    assert warning_lines(caplog) == [
        f"mkdocs_jekyll: The build cache entry '.cache/mkdocs-jekyll/packs/{entry.name}' is "
        "damaged; it is ignored and rebuilt."
    ]
    assert again == first
    # --strict is part of the key: its own entry, damaged, fails a strict build.
    before = set(entry.parent.glob("*.pack"))
    build(files=files, strict=True, **SMALL)
    (strict_entry,) = set(entry.parent.glob("*.pack")) - before
    strict_entry.write_bytes(b"not a pack")
    with pytest.raises(Abort):
        build(files=files, strict=True, **SMALL)


def test_a_foreign_cache_folder_is_ignored_with_a_warning_and_left_as_it_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, lookups: dict[str, bool]
) -> None:
    files = {"docs/index.md": "---\ntitle: Home\n---\n# Home\n"}
    folder = tmp_path / "project/.cache/mkdocs-jekyll"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"marker": "someone else"}), "utf-8")
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    build = make_site_builder(tmp_path)
    with caplog.at_level(logging.WARNING):
        build(files=files, **SMALL)
    assert warning_lines(caplog) == [
        "mkdocs_jekyll: The build cache folder '.cache/mkdocs-jekyll' is not an mkdocs-jekyll "
        "cache of this "
        "version, or is damaged; it is ignored. Delete it to start a new cache."
    ]
    assert lookups == {}
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json", "notes.txt"]
    with pytest.raises(Abort):
        build(files=files, strict=True, **SMALL)


def test_the_cache_folder_moves_or_turns_off(tmp_path: Path, lookups: dict[str, bool]) -> None:
    files = {"docs/index.md": "---\ntitle: Home\n---\n# Home\n"}
    (tmp_path / "moved").mkdir()
    (tmp_path / "off").mkdir()
    moved = {**SMALL, "plugins": ["search", {"jekyll": {"cache_dir": "build/cache"}}]}
    make_site_builder(tmp_path / "moved")(files=files, **moved)
    assert list((tmp_path / "moved/project/build/cache/packs").glob("*.pack")) != []
    assert not (tmp_path / "moved/project/.cache").exists()
    off = {**SMALL, "plugins": ["search", {"jekyll": {"cache_enabled": False}}]}
    lookups.clear()
    make_site_builder(tmp_path / "off")(files=files, **off)
    assert not (tmp_path / "off/project/.cache").exists() and lookups == {}


def test_a_cached_page_records_its_compatibility_findings_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lookups: dict[str, bool]
) -> None:
    from click.testing import CliRunner
    from test_findings import EXTENSION, _stdout

    from mkdocs_jekyll.cli.main import cli

    # The stand-in for the kramdown room's extension records a finding while MkDocs converts
    # the page; the cache trusts it as it trusts the package's own extensions.
    (tmp_path / "ext").mkdir()
    (tmp_path / "ext" / "find_kramdown.py").write_text(EXTENSION, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "ext"))
    known = build_cache._PURE_EXTENSION.pattern
    monkeypatch.setattr(build_cache, "_PURE_EXTENSION", re.compile(f"{known}|^find_kramdown$"))
    files = {"docs/a.md": '---\ntitle: A\n---\nA\n\n{::options auto_ids="false" /}\n'}
    build = make_site_builder(tmp_path)
    build(files=files, markdown_extensions=["find_kramdown"], **SMALL)
    config = str(tmp_path / "project/mkdocs.yml")
    reports = []
    for _ in range(2):
        lookups.clear()
        done = CliRunner().invoke(cli, ["report", "--json", "-f", config])
        assert done.exit_code == 0, done.output
        reports.append(json.loads(_stdout(done.output))["findings"])
    assert lookups == {"a.md": True}
    assert (
        reports[0]
        == reports[1]
        == [
            {
                "category": "kramdown",
                "path": "a.md",
                "line": 3,
                "message": "'{::options}' has no rendering",
            }
        ]
    )


def _packs(project: Path) -> list[Path]:
    return sorted((project / ".cache/mkdocs-jekyll/packs").glob("*.pack"))


def _truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _garble(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


def _other_format(data: bytes) -> bytes:
    return data.replace(cache_packs.MAGIC, b"mkdocs-jekyll cache pack 99\n", 1)


@dataclass(frozen=True)
class DamageCase:
    description: str
    damage: Callable[[bytes], bytes]


DAMAGE_CASES = [
    DamageCase("cut short (an interrupted copy)", _truncate),
    DamageCase("one byte garbled (its checksum no longer matches)", _garble),
    DamageCase("a pack of another format", _other_format),
    DamageCase("empty", lambda data: b""),
]


@pytest.mark.parametrize("case", DAMAGE_CASES, ids=lambda case: case.description)
def test_a_damaged_pack_is_never_trusted_and_the_next_build_writes_a_whole_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, lookups: dict[str, bool], case: DamageCase
) -> None:
    files = {
        "docs/index.md": "---\ntitle: Home\n---\n# Home\n",
        "docs/a.md": "---\ntitle: A\n---\n# A\n\nText.\n",
    }
    build = make_site_builder(tmp_path)
    first = site_tree(build(files=files, **SMALL))
    (pack,) = _packs(tmp_path / "project")
    pack.write_bytes(case.damage(pack.read_bytes()))
    os.utime(pack, (time.time() - 60, time.time() - 60))  # Not this build's: pruned.
    lookups.clear()
    with caplog.at_level(logging.WARNING):
        again = site_tree(build(files=files, **SMALL))
    assert warning_lines(caplog) == [
        f"mkdocs_jekyll: The build cache entry '.cache/mkdocs-jekyll/packs/{pack.name}' is "
        "damaged; it is ignored and rebuilt."
    ]
    assert lookups == {"index.md": False, "a.md": False}
    assert again == first
    # The damaged pack was pruned; the pages' new pack serves the next build.
    (new,) = _packs(tmp_path / "project")
    assert new != pack
    lookups.clear()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert site_tree(build(files=files, **SMALL)) == first
    assert warning_lines(caplog) == []
    assert lookups == {"index.md": True, "a.md": True}


def test_a_cache_of_an_earlier_format_starts_anew_without_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, lookups: dict[str, bool]
) -> None:
    files = {"docs/index.md": "---\ntitle: Home\n---\n# Home\n"}
    folder = tmp_path / "project/.cache/mkdocs-jekyll"
    (folder / "pages/ab").mkdir(parents=True)
    (folder / "pages/ab/ab12.json").write_text('{"output": "stale"}', encoding="utf-8")
    manifest = {"marker": build_cache.MARKER, "format": 2}
    (folder / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    build = make_site_builder(tmp_path)
    with caplog.at_level(logging.WARNING):
        build(files=files, strict=True, **SMALL)
    assert warning_lines(caplog) == []
    assert lookups == {"index.md": False}
    assert not (folder / "pages").exists() and len(_packs(tmp_path / "project")) == 1
    assert json.loads((folder / "manifest.json").read_text("utf-8"))["format"] == cache_packs.FORMAT
    lookups.clear()
    build(files=files, strict=True, **SMALL)
    assert lookups == {"index.md": True}


def test_an_edited_page_replaces_the_pass_pack_at_once(
    tmp_path: Path, lookups: dict[str, bool]
) -> None:
    files = {
        "docs/index.md": "---\ntitle: Home\n---\n# Home\n",
        "docs/a.md": "---\ntitle: A\n---\n# A\n\nOne.\n",
    }
    project = tmp_path / "project"
    build = make_site_builder(tmp_path)
    build(files=files, **SMALL)
    (first,) = _packs(project)
    build(files=files, **SMALL)
    assert _packs(project) == [first]  # Every entry used, none new: the pack is kept.
    # The new pack holds every entry still of use: the old one is removed at once (serve,
    # which never prunes, would otherwise gather one per rebuild).
    lookups.clear()
    edited = {**files, "docs/a.md": "---\ntitle: A\n---\n# A\n\nTwo.\n"}
    out = build(files=edited, **SMALL)
    assert lookups == {"index.md": True, "a.md": False}
    (second,) = _packs(project)
    assert second != first
    assert "Two." in (out / "a/index.html").read_text("utf-8")
    lookups.clear()
    build(files=edited, **SMALL)
    assert lookups == {"index.md": True, "a.md": True} and _packs(project) == [second]
    # A pack of another key (--strict is in the key) no build of this key touches is
    # pruned once older than a build's start.
    before = set(_packs(project))
    build(files=edited, strict=True, **SMALL)
    (strict,) = set(_packs(project)) - before
    os.utime(strict, (time.time() - 60, time.time() - 60))
    build(files=edited, **SMALL)
    assert strict not in _packs(project) and len(_packs(project)) == 1


@pytest.mark.skipif(not can_fork(), reason="page shards fork worker processes")
def test_two_shards_writing_one_locale_pass_lose_no_entry(tmp_path: Path) -> None:
    from test_parallel import TITLED, _one_locale

    (tmp_path / "cached").mkdir()
    (tmp_path / "clean").mkdir()
    build = make_site_builder(tmp_path / "cached")
    project = tmp_path / "cached/project"
    build(files=TITLED, plugins=_one_locale(2))
    packs = _packs(project)
    # One pack per shard, under the pass's one key: the parent's and the worker's.
    assert len(packs) == 2 and len({p.name.split(".")[0] for p in packs}) == 1
    assert {p.name.split(".")[1] for p in packs} == {"0of2", "1of2"}
    rebuilt = site_tree(build(files=TITLED, plugins=_one_locale(2)))
    # Every page came from the cache: each shard used its whole pack, and rewrote none.
    assert _packs(project) == packs
    plugins = _one_locale(2)
    plugins[2] = {"jekyll": {"cache_enabled": False}}
    clean = site_tree(make_site_builder(tmp_path / "clean")(files=TITLED, plugins=plugins))
    assert rebuilt == clean


def _rglob_digest(folder: Path, *, skip_compiled: bool = False) -> str:
    """The tree digest as it was computed with ``pathlib`` (the reference)."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or (skip_compiled and "__pycache__" in path.parts):
                continue
            digest.update(f"\0{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("skip_compiled", [False, True])
def test_the_tree_digest_is_the_one_rglob_gave(tmp_path: Path, skip_compiled: bool) -> None:
    """Same files, same order (by parts: ``a/b`` before ``a-b``), same bytes, on a tree of
    the shapes ``rglob`` treats apart: dot files, a folder link (not followed), a file link
    (read), ``__pycache__`` folders and a file of that name."""
    files = {
        "a/b": "1",
        "a-b": "2",
        "a.b/c": "3",
        ".hidden/x": "4",
        "z/.dot": "5",
        "p/__pycache__/m.pyc": "6",
        "__pycache__/n.pyc": "7",
        "q/__pycache__": "8",
        "é/ü.txt": "9",
        "deep/er/than/that.txt": "10",
    }
    for name, text in files.items():
        (tmp_path / "t" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "t" / name).write_text(text, "utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/o.txt").write_text("o", "utf-8")
    (tmp_path / "t/linked-folder").symlink_to(tmp_path / "outside", target_is_directory=True)
    (tmp_path / "t/linked-file").symlink_to(tmp_path / "outside/o.txt")
    for folder in (tmp_path / "t", tmp_path / "missing", build_cache._PACKAGE_ROOT):
        digest = hashlib.sha256()
        build_cache._hash_tree(digest, folder, skip_compiled=skip_compiled)
        assert digest.hexdigest() == _rglob_digest(folder, skip_compiled=skip_compiled)


@dataclass(frozen=True)
class WriteCase:
    description: str
    path: str
    before: dict[str, str] = field(default_factory=dict)
    """Files already there (relative path: text)."""


WRITE_CASES = [
    WriteCase("a pretty URL's new folder", "en/page/index.html", {"en/other/index.html": "x"}),
    WriteCase("a folder two levels deep, neither there", "a/b/index.html"),
    WriteCase("a file at the root", "404.html"),
    WriteCase(
        "a longer file there is cut to the new one", "p/index.html", {"p/index.html": "9" * 99}
    ),
    WriteCase("its folder there already", "p/index.html", {"p/other.html": "x"}),
]


@pytest.mark.parametrize("case", WRITE_CASES, ids=lambda case: case.description)
def test_a_cached_page_is_written_as_mkdocs_writes_it(tmp_path: Path, case: WriteCase) -> None:
    from mkdocs.utils import write_file

    data = "<p>é ☃ &amp;</p>\n".encode()
    for name, writer in (("ours", page_cache.write_page), ("mkdocs", write_file)):
        root = tmp_path / name
        for rel, text in case.before.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, "utf-8")
        root.mkdir(exist_ok=True)
        writer(data, str(root / case.path))
    ours, mkdocs = tmp_path / "ours", tmp_path / "mkdocs"
    assert site_tree(ours) == site_tree(mkdocs)
    assert (ours / case.path).read_bytes() == data
    mode = (ours / case.path).stat().st_mode
    assert mode == (mkdocs / case.path).stat().st_mode


def test_the_package_digest_is_its_files_hashed_and_kept_under_their_stamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bytecode_written: None
) -> None:
    """The digest read back under the files' sizes and times is the one hashing them gives;
    another stamp (a file edited) hashes the files again."""
    store = tmp_path / "package-digests.bin"
    monkeypatch.setattr(build_cache, "cache_path", lambda name: str(store))
    expected = hashlib.sha256()
    build_cache._hash_tree(expected, build_cache._PACKAGE_ROOT, skip_compiled=True)
    assert build_cache.package_digest() == expected.digest()
    assert store.is_file()
    hashed: list[Any] = []
    real = build_cache._hash_files
    monkeypatch.setattr(build_cache, "_hash_files", lambda d, f: hashed.append(f) or real(d, f))
    assert build_cache.package_digest() == expected.digest()
    assert hashed == []  # read back, not hashed again
    package = tmp_path / "package"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("a = 1\n", "utf-8")
    (package / "sub" / "b.txt").write_text("b", "utf-8")
    monkeypatch.setattr(build_cache, "_PACKAGE_ROOT", package)
    first = build_cache.package_digest()
    assert len(hashed) == 1
    assert build_cache.package_digest() == first and len(hashed) == 1
    (package / "a.py").write_text("a = 2\n", "utf-8")  # same size, another time
    stat = (package / "a.py").stat()
    os.utime(package / "a.py", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = build_cache.package_digest()
    assert len(hashed) == 2 and second != first
    again = hashlib.sha256()
    build_cache._hash_tree(again, package, skip_compiled=True)
    assert second == again.digest()
