"""The cut of a locale split between two lanes, chosen by the first lane to reach it."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from test_balanced_passes import TITLED, _plugins, same_site_with_workers, spy_plans

from mkdocs_jekyll.mkdocs import page_shards, shard_balance
from mkdocs_jekyll.mkdocs.parallel import can_fork
from mkdocs_jekyll.mkdocs.shard_balance import (
    PASS_START_PAGES,
    Pace,
    Progress,
    Tally,
    first_share,
)
from sitebuild import make_site_builder, site_tree

# A lane that read and wrote 11 pages in 1 s each way: 0.1 s a page read, 0.1 s written.
PACE = Pace(pages=11, read=Tally(11, first=0.0, last=1.0), written=Tally(11, first=1.0, last=2.0))


def _other(**fields: Any) -> Progress:
    values = {
        "pages": 20,
        "read": 20,
        "written": 20,
        "last_written": 2.0,
        "queued_pages": 0,
        "queued_passes": 0,
        "arrived": False,
    }
    return Progress(**{**values, **fields})


def test_a_lane_level_with_the_other_takes_half() -> None:
    # The other lane wrote its last page when this one did, and is through its pass end and
    # its shard's start as this one is.
    assert first_share(100, PACE, _other(arrived=True), now=2.5) == 50
    assert first_share(100, PACE, _other(last_written=2.0), now=2.5) == 50


def test_the_first_lane_takes_half_the_pages_the_other_still_has_to_build_more() -> None:
    # 10 pages left to write (1 s), then its pass end and shard start (0.5 s, as this
    # lane's took): 7.5 pages at this lane's pace (0.2 s a page). This lane takes half of
    # them more than half of the pages.
    assert first_share(100, PACE, _other(written=10), now=2.5) == round((100 + 5 + 2.5) / 2)
    # 10 pages still to read too: 1 s, 5 pages more.
    assert first_share(100, PACE, _other(read=10, written=0), now=2.5) > first_share(
        100, PACE, _other(written=0), now=2.5
    )
    # A whole pass of 40 pages still queued: 40 pages of work and one more pass start.
    queued = first_share(100, PACE, _other(queued_pages=40, queued_passes=1), now=2.5)
    assert queued == round((100 + 40 + 2.5) / 2)


def test_a_lane_with_nothing_to_go_on_assumes_a_worker_pass_start() -> None:
    # No pass measured here (the parent's first), or no pass started there (a worker
    # still forking): the other has at least a pass start before it.
    share = round((100 + PASS_START_PAGES) / 2)
    assert first_share(100, Pace(), _other(), now=2.5) == share
    assert first_share(100, PACE, _other(pages=0, read=0, written=0), now=2.5) == share
    # Without a pace of its own, a page still to write is 0.4 of a page (its read 0.6).
    unpaced = first_share(100, Pace(), _other(written=10), now=2.5)
    assert unpaced == round((100 + PASS_START_PAGES + 4) / 2)


def test_the_end_work_the_worker_does_after_its_shard_leaves_it_fewer_pages() -> None:
    # 10 pages' worth of the build's end: the parent, first, takes half of them more; the
    # worker, first, half of them fewer.
    level = _other(arrived=True)
    assert first_share(100, PACE, level, now=2.5, lean=10.0) == 55
    assert first_share(100, PACE, level, now=2.5, lean=-10.0) == 45


def test_the_share_stays_within_the_pages() -> None:
    assert first_share(10, PACE, _other(written=0, read=0, pages=500), now=2.5) == 10
    assert first_share(0, PACE, _other(), now=2.5) == 0


@pytest.fixture
def shard_sizes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file where every process notes the pages of each shard it builds."""
    log = tmp_path / "shards.log"
    real = page_shards.assign

    def assign(files: Any) -> None:
        real(files)
        active = page_shards._ACTIVE
        if active is not None and active.pages is not None:
            with log.open("a", encoding="utf-8") as out:
                out.write(f"{os.getpid()} {active.shard.index} {len(active.pages)}\n")

    monkeypatch.setattr(page_shards, "assign", assign)
    return log


def _sizes(log: Path) -> dict[int, int]:
    sizes: dict[int, int] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        _, index, pages = line.split()
        sizes[int(index)] = int(pages)
    return sizes


# pt-br's 4 pages in build order (its 404 page goes with shard 0 wherever the cut is).
@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
@pytest.mark.parametrize("share", [0, 1, 3, 4])
def test_any_cut_the_first_lane_chooses_writes_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shard_sizes: Path, share: int
) -> None:
    plans = spy_plans(monkeypatch, 2)
    chosen: list[int] = []

    def forced(pages: int, *args: Any, **kw: Any) -> int:
        chosen.append(pages)
        return share

    monkeypatch.setattr(shard_balance, "first_share", forced)
    same_site_with_workers(tmp_path)
    assert plans == [[["pt-br#0/2"], ["es-419", "pt-br#1/2"]]]
    # Both lanes built their half by the one cut: every page once.
    sizes = _sizes(shard_sizes)
    assert sorted(sizes) == [0, 1] and sizes[0] + sizes[1] == 4


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
@pytest.mark.parametrize("slow", ["parent", "worker"])
def test_the_lane_ahead_takes_more_of_the_cut_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shard_sizes: Path, slow: str
) -> None:
    # The slow lane's first pass reads its first page two seconds late: the other lane
    # reaches pt-br well ahead and takes its pages (the slow one still has pages to build).
    from mkdocs_jekyll.mkdocs.page_pass import PagePass

    spy_plans(monkeypatch, 2)
    parent = os.getpid()
    first = {"parent": "en/", "worker": "es-419/"}[slow]
    real = PagePass.read_source

    def read_source(self: PagePass, page: Any, *args: Any) -> Any:
        mine = "parent" if os.getpid() == parent else "worker"
        if mine == slow and page.file.src_uri == f"{first}index.md":
            time.sleep(2)
        return real(self, page, *args)

    monkeypatch.setattr(PagePass, "read_source", read_source)
    same_site_with_workers(tmp_path)
    sizes = _sizes(shard_sizes)
    ahead = 1 if slow == "parent" else 0  # The worker builds pt-br's second shard.
    assert sizes[ahead] > sizes[1 - ahead], sizes


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
@pytest.mark.parametrize("share", [0, 2, 3])
def test_the_cut_locales_messages_come_in_the_order_one_pass_logs_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, share: int
) -> None:
    # Every pt-br page logs a message as MkDocs reads it and another as it writes it:
    # wherever the cut, they come as one pass logs them, every read before every write.
    import logging

    from mkdocs_jekyll.mkdocs.page_pass import PagePass

    spy_plans(monkeypatch, 2)
    monkeypatch.setattr(shard_balance, "first_share", lambda pages, *args, **kw: share)
    log = logging.getLogger("mkdocs.plugins.test")
    read, context = PagePass.read_source, PagePass.context

    def read_source(self: PagePass, page: Any, *args: Any) -> Any:
        found = read(self, page, *args)
        if page.file.src_uri.startswith("pt-br/") and not self.skipped(page.file.src_uri):
            log.warning("read %s", page.file.src_uri)
        return found

    def page_context(self: PagePass, context_: Any, page: Any, *args: Any, **kw: Any) -> Any:
        if page.file.src_uri.startswith("pt-br/") and not self.skipped(page.file.src_uri):
            log.warning("wrote %s", page.file.src_uri)
        return context(self, context_, page, *args, **kw)

    monkeypatch.setattr(PagePass, "read_source", read_source)
    monkeypatch.setattr(PagePass, "context", page_context)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    with caplog.at_level(logging.WARNING):
        make_site_builder(tmp_path / "one")(files=TITLED, plugins=_plugins({"parallel_workers": 1}))
    one = [r.getMessage() for r in caplog.records if r.name == log.name]
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        make_site_builder(tmp_path / "two")(files=TITLED, plugins=_plugins({}))
    two = [r.getMessage() for r in caplog.records if r.name == log.name]
    pages = ["pt-br/index.md", "pt-br/a.md", "pt-br/b.md", "pt-br/c.md"]
    assert sorted(one) == sorted([f"read {p}" for p in pages] + [f"wrote {p}" for p in pages])
    assert [m.split()[0] for m in one] == ["read"] * 4 + ["wrote"] * 4
    assert two == one


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_a_one_locale_build_gives_its_parent_a_head_start_and_writes_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shard_sizes: Path
) -> None:
    # The parent forks its worker from its own pass, past that pass's start: its shard
    # takes PASS_START_PAGES more of the pages than an even cut gives.
    from test_parallel import ONE_LOCALE

    spy_plans(monkeypatch, 2)
    pages = 3 * PASS_START_PAGES
    files = {
        f"docs/en/page-{n:02}.md": f"---\ntitle: Page {n}\n---\n# Page {n}\n" for n in range(pages)
    }

    def plugins(**i18n: Any) -> list[Any]:
        return ["search", {"jekyll/i18n": {"languages": ONE_LOCALE, **i18n}}, {"jekyll": {}}]

    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = site_tree(
        make_site_builder(tmp_path / "one")(files=files, plugins=plugins(parallel_workers=1))
    )
    two = site_tree(make_site_builder(tmp_path / "two")(files=files, plugins=plugins()))
    assert sorted(one) == sorted(two)
    assert [path for path in one if one[path] != two[path]] == []
    sizes = _sizes(shard_sizes)
    assert sizes[0] + sizes[1] == pages
    assert sizes[0] - sizes[1] == PASS_START_PAGES
