"""A page the build cache stores is written by the pass itself, as MkDocs would write it.

``page_cache.PassCache.finish`` encodes a rendered page's output once, to store its size,
and when only handlers that leave the output as it is follow the core plugin's last
``on_post_page`` (``page_cache.writes_last``), writes those bytes itself rather than let
MkDocs encode the page again. Each site here is built with and without that (MkDocs then
writes every page): the files, their modes and the log must be the same.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from mkdocs.plugins import BasePlugin, event_priority

from mkdocs_jekyll.mkdocs import cache_packs, page_cache, page_pass, page_release
from sitebuild import assert_same_tree, build_tree, three_locales

PAGES = {
    "docs/en/index.md": "---\ntitle: Home\n---\n# Home\n\nCafé, naïve, ☃ and 𝄞.\n",
    "docs/en/deep/er/page.md": "---\ntitle: Deep\npermalink: /en/a/b/c/\n---\n# Deep\n",
    "docs/en/moved.md": "---\ntitle: Moved\nredirect_to: /en/\n---\n",
    "docs/es-419/index.md": "---\ntitle: Inicio\n---\n# Inicio\n\nAñadido.\n",
    "docs/pt-br/index.md": "---\ntitle: Início\n---\n# Início\n",
}


def _build(
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    *,
    writes: bool,
    workers: int = 1,
) -> tuple[dict[str, bytes], dict[str, int], list[tuple[str, int, str]], int]:
    """Build ``PAGES``; the tree, the files' modes, the log and the pages ``finish`` wrote."""
    written: list[str] = []
    real_write = page_cache.write_page

    def write_page(data: bytes, path: str) -> None:
        written.append(path)
        real_write(data, path)

    monkeypatch.setattr(page_cache, "write_page", write_page)
    if not writes:
        monkeypatch.setattr(page_pass, "writes_last", lambda config, handler: False)
    caplog.clear()
    try:
        with caplog.at_level(logging.INFO):
            tree = build_tree(folder, PAGES, **three_locales(workers))
    finally:
        monkeypatch.undo()
    site = folder / "project" / "site"
    modes = {
        name: stat.S_IMODE(os.stat(site / name).st_mode) for name in tree if name.endswith(".html")
    }
    records = [
        (r.name, r.levelno, r.getMessage().replace(str(folder), "<folder>"))
        for r in caplog.records
        if "Documentation built in" not in r.getMessage()
    ]
    return tree, modes, records, len(written)


@pytest.mark.parametrize("workers", [1, 2], ids=["sequential", "workers"])
def test_pages_written_by_the_pass_are_mkdocs_own(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    workers: int,
) -> None:
    ours, our_modes, our_log, written = _build(
        tmp_path / "ours", monkeypatch, caplog, writes=True, workers=workers
    )
    mkdocs, their_modes, their_log, their_written = _build(
        tmp_path / "mkdocs", monkeypatch, caplog, writes=False, workers=workers
    )
    assert_same_tree(ours, mkdocs)
    assert our_modes == their_modes
    assert our_log == their_log
    assert not any("Page skipped" in message for _, _, message in our_log)
    assert their_written == 0
    if workers == 1:  # (a worker's writes are its own process's)
        assert written == len(PAGES)  # The redirect stub too; the 404 page is not stored.


def test_the_cache_keeps_each_page_as_the_bytes_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    tree, *_ = _build(tmp_path / "site", monkeypatch, caplog, writes=True)
    kept = [
        fields[0]
        for pack in sorted((tmp_path / "site/project/.cache/mkdocs-jekyll/packs").glob("*.pack"))
        for fields in cache_packs.read_pack(pack).values()
    ]
    assert all(type(output) is bytes for output in kept)
    pages = {name: data for name, data in tree.items() if name.endswith("index.html")}
    assert sorted(kept) == sorted(data for name, data in pages.items() if name != "index.html")
    assert any("Café".encode() in output for output in kept)


class _Rewriter(BasePlugin):  # type: ignore[type-arg]
    """A plugin changing every page's output after the core plugin's last handler."""

    @event_priority(-1500)
    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        return output.replace("</body>", "<!-- rewritten --></body>")


def test_a_handler_after_the_cores_leaves_the_writing_to_mkdocs(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        config = load_config(str(tmp_path / "mkdocs.yml"))
    finally:
        os.chdir(cwd)

    class Host:
        @event_priority(-1000)
        def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
            return output

    class Releaser:
        @event_priority(-2000)
        @page_release.leaves_output
        def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
            return output

    host, releaser, rewriter = Host(), Releaser(), _Rewriter()
    config.plugins["host"] = host  # type: ignore[assignment]
    config.plugins["releaser"] = releaser  # type: ignore[assignment]
    assert page_cache.writes_last(config, host.on_post_page)
    config.plugins["rewriter"] = rewriter
    assert not page_cache.writes_last(config, host.on_post_page)
    assert page_cache.writes_last(config, rewriter.on_post_page)  # the releaser only after
    assert not page_cache.writes_last(config, Host().on_post_page)  # not registered
