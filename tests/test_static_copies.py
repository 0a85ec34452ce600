"""A static file is not copied again onto a copy of it that stands: the same site.

Each site is built with the passes skipping the copies that stand
(``mkdocs/static_copies.py``) and with MkDocs' own loop, and every file must be equal byte
for byte; a spy counts the copies. The unit tests run MkDocs' ``Files.copy_static_files``
twice on real files and change what a skip relies on between the two runs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from mkdocs.structure.files import File, Files

from mkdocs_jekyll.mkdocs import static_copies
from sitebuild import build_tree
from sitebuild import three_locales_with_overrides as _config

# Three locales, an override folder with its own static file, and files of the site's own
# outside the locale folders (every locale pass lists them).
FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Welcome\n",
    "docs/en/guide/a.md": "# A\ntext\n",
    "docs/en/guide/pic.png": "en picture",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/guide/pic.png": "es picture",
    "docs/pt-br/index.md": "# Início\n",
    "docs/images/logo.png": "site logo",
    "docs/CNAME": "example.org\n",
    "overrides/assets/extra/site.css": "body { color: red }\n",
    "overrides/main.html": '{% extends "base.html" %}\n',
}


def _count_copies(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The destinations MkDocs copies a source file to, in this process."""
    from mkdocs import utils

    copies: list[str] = []
    original = utils.copy_file

    def copy_file(source: str, output: str) -> None:
        copies.append(output)
        original(source, output)

    monkeypatch.setattr(utils, "copy_file", copy_file)
    return copies


@pytest.mark.parametrize("workers", [1, 2])
def test_given_locale_passes_when_later_passes_skip_standing_copies_then_the_site_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    with monkeypatch.context() as off:
        off.setattr(static_copies, "static_copy_mirrored", lambda: False)
        copies_off = _count_copies(off)
        expected = build_tree(tmp_path / "off", FILES, **_config(workers))
    copies_on = _count_copies(monkeypatch)
    site = build_tree(tmp_path / "on", FILES, **_config(workers))
    assert site == expected
    assert site["images/logo.png"] == b"site logo" and "assets/extra/site.css" in site
    if workers == 1:  # every pass in this process: each destination copied once, not 3 times
        on = sorted(path.split("/on/", 1)[1] for path in copies_on)
        assert on == sorted({path.split("/off/", 1)[1] for path in copies_off})
        assert len(copies_off) > len(copies_on) and len(copies_on) == len(set(copies_on))
        assert any(path.endswith("logo.png") for path in copies_on)


@pytest.fixture
def copying(tmp_path: Path) -> Any:
    """Two static files, and a run of ``copy_static_files`` returning what it copied."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/a.css").write_text("a", "utf-8")
    (tmp_path / "docs/b.js").write_text("b", "utf-8")
    static_copies.start_build()
    assert static_copies._copied == {}

    def run(**content: str) -> list[str]:
        from mkdocs import utils

        copied: list[str] = []
        original = utils.copy_file

        def copy_file(source: str, output: str) -> None:
            copied.append(Path(output).name)
            original(source, output)

        utils.copy_file = copy_file
        try:
            docs, site = str(tmp_path / "docs"), str(tmp_path / "site")
            files = [File(name, docs, site, True) for name in ("a.css", "b.js")]
            for file in files:
                if file.src_uri in content:
                    file.content_string = content[file.src_uri]
            Files(files).copy_static_files()
        finally:
            utils.copy_file = original
        return copied

    yield run
    static_copies._copied = None


def test_a_later_pass_skips_a_standing_copy(copying: Any, tmp_path: Path) -> None:
    assert copying() == ["a.css", "b.js"]
    assert copying() == []
    assert (tmp_path / "site/a.css").read_text("utf-8") == "a"


def test_a_rewritten_destination_is_copied_again(copying: Any, tmp_path: Path) -> None:
    copying()
    (tmp_path / "site/a.css").write_text("changed by a plugin", "utf-8")
    assert copying() == ["a.css"]
    assert (tmp_path / "site/a.css").read_text("utf-8") == "a"


def test_a_destination_holding_the_same_bytes_is_not_written_again(
    copying: Any, tmp_path: Path
) -> None:
    copying()
    (tmp_path / "site/a.css").write_text("a", "utf-8")  # another process's copy
    assert copying() == []
    (tmp_path / "site/a.css").write_text("x", "utf-8")  # the same size, other bytes
    assert copying() == ["a.css"]
    assert (tmp_path / "site/a.css").read_text("utf-8") == "a"


def test_a_changed_or_removed_source_or_destination_is_copied_again(
    copying: Any, tmp_path: Path
) -> None:
    copying()
    source = tmp_path / "docs/b.js"
    source.write_text("b2", "utf-8")
    os.utime(source, ns=(1, 1))  # even with an older mtime: its ctime moved
    (tmp_path / "site/a.css").unlink()  # a cleaned site folder
    assert copying() == ["a.css", "b.js"]
    assert (tmp_path / "site/b.js").read_text("utf-8") == "b2"


def test_a_file_whose_content_is_set_is_written_every_pass(copying: Any, tmp_path: Path) -> None:
    copying()
    assert copying(**{"a.css": "set by a plugin"}) == []  # written, not copied from a source
    assert (tmp_path / "site/a.css").read_text("utf-8") == "set by a plugin"
    assert copying() == ["a.css"]  # the written file is no copy of the source


def test_a_dirty_build_keeps_mkdocs_own_test(copying: Any, tmp_path: Path) -> None:
    copying()
    files = Files([File("a.css", str(tmp_path / "docs"), str(tmp_path / "site"), True)])
    (tmp_path / "site/a.css").write_text("newer", "utf-8")
    files.copy_static_files(dirty=True)  # MkDocs': the destination is newer, so no copy
    assert (tmp_path / "site/a.css").read_text("utf-8") == "newer"
