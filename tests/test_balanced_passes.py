"""One process per CPU (``parallel_workers`` unset): passes grouped by pages, same output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mkdocs_jekyll.mkdocs.page_shards import balanced_plan, process_plan
from mkdocs_jekyll.mkdocs.parallel import can_fork
from sitebuild import THREE_LOCALES, make_site_builder, site_tree


@dataclass(frozen=True)
class PlanCase:
    description: str
    sizes: dict[str, int]
    processes: int
    expected: list[list[str]]
    """Each process's passes, ``locale`` or ``locale#index/count``, the parent's first."""


PLAN_CASES = [
    PlanCase(
        "three equal locales, two processes: the last one is cut in two",
        {"en": 200, "es": 200, "pt": 200},
        2,
        [["en", "pt#0/2"], ["es", "pt#1/2"]],
    ),
    PlanCase("one locale, two processes: two halves", {"en": 600}, 2, [["en#0/2"], ["en#1/2"]]),
    PlanCase("two equal locales: one each", {"en": 100, "es": 100}, 2, [["en"], ["es"]]),
    PlanCase(
        "four equal locales, two processes: two whole locales each",
        {"en": 50, "es": 50, "pt": 50, "fr": 50},
        2,
        [["en", "pt"], ["es", "fr"]],
    ),
    PlanCase(
        "a large locale and two small ones: the large one is cut",
        {"en": 1000, "es": 50, "pt": 50},
        2,
        [["en#0/2", "es"], ["en#1/2", "pt"]],
    ),
    PlanCase(
        "a little more than a share still goes whole",
        {"en": 210, "es": 190, "pt": 200},
        2,
        [["en", "pt#1/2"], ["es", "pt#0/2"]],
    ),
    PlanCase(
        "locales without pages: the parent alone",
        {"en": 0, "es": 0, "pt": 0},
        2,
        [["en", "es", "pt"]],
    ),
    PlanCase(
        "ten pages a locale: no share pays for a worker's start, the parent alone",
        {"en": 10, "es": 10, "pt": 10},
        2,
        [["en", "es", "pt"]],
    ),
    PlanCase(
        "fifteen pages a locale: shares of 22.5 pages, two processes",
        {"en": 15, "es": 15, "pt": 15},
        2,
        [["en", "pt#0/2"], ["es", "pt#1/2"]],
    ),
    PlanCase(
        "sixty pages on four CPUs: as many processes as shares of more than 22 pages",
        {"en": 30, "es": 30},
        4,
        [["en"], ["es"]],
    ),
]


def _names(plan: list[list[Any]]) -> list[list[str]]:
    return [
        [s.locale if s.count == 1 else f"{s.locale}#{s.index}/{s.count}" for s in tasks]
        for tasks in plan
    ]


@pytest.mark.usefixtures("real_worker_pages")
@pytest.mark.parametrize("case", PLAN_CASES, ids=lambda case: case.description)
def test_balanced_plans_cut_only_the_locales_that_do_not_fit(case: PlanCase) -> None:
    plan = balanced_plan(list(case.sizes), case.sizes, case.processes)
    assert _names(plan) == case.expected
    # Every page is built once: each locale's shards are all there, each in one process.
    shards = [shard for tasks in plan for shard in tasks]
    for locale in case.sizes:
        mine = sorted((s.index, s.count) for s in shards if s.locale == locale)
        assert mine == [(index, len(mine)) for index in range(len(mine))]
    for tasks in plan:
        assert len({s.locale for s in tasks}) == len(tasks)


def test_an_unshardable_site_or_set_workers_keep_one_call_per_pass() -> None:
    sizes = {"en": 200, "es": 200, "pt": 200}
    whole = [["en"], ["es"], ["pt"]]
    assert _names(process_plan(list(sizes), sizes, 2, shardable=False, balanced=True)) == whole
    assert _names(process_plan(list(sizes), sizes, 2, shardable=True, balanced=False)) == whole


# Three locales whose every page has a title: the site may be cut into page shards.
TITLED = {
    "docs/en/index.md": "---\ntitle: Home\ni18n_key: home\n---\n# Home\n[a](a.md#part)\n",
    "docs/en/a.md": "---\ntitle: A\ni18n_key: a\n---\n# A\n## Part\n{{ site.pages | size }}\n",
    "docs/en/_posts/2024-01-02-hello.md": "---\ntitle: Hello\ni18n_key: hello\n---\nHi\n",
    "docs/es-419/index.md": "---\ntitle: Inicio\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/a.md": "---\ntitle: A es\ni18n_key: a\n---\n# A\n[CV](../en/a.md)\n",
    "docs/es-419/b.md": "---\ntitle: B es\n---\n# B\n[x](a.md)\n",
    "docs/pt-br/index.md": "---\ntitle: Início\ni18n_key: home\n---\n# Início\n",
    "docs/pt-br/a.md": "---\ntitle: A pt\ni18n_key: a\n---\n# A\n[b](b.md)\n",
    "docs/pt-br/b.md": "---\ntitle: B pt\n---\n# B\n## Parte\n[a](a.md)\n",
    "docs/pt-br/c.md": "---\ntitle: C pt\n---\n# C\n[início](index.md)\n",
    "docs/404.md": "---\ntitle: Lost\n---\n# Lost\n",
    "docs/images/a.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
}


def _plugins(i18n: dict[str, Any]) -> list[Any]:
    return ["search", {"jekyll/i18n": {"languages": THREE_LOCALES, **i18n}}, {"jekyll": {}}]


# The passes after the parent's own: the parent's, then each worker's.
def spy_plans(monkeypatch: pytest.MonkeyPatch, cpus: int) -> list[list[list[str]]]:
    """Linux with ``cpus`` CPUs and ``parallel_workers`` unset; the list each build's plan
    (``_names``) is appended to as ``ParallelPasses`` receives it."""
    import mkdocs_jekyll.mkdocs.i18n_plugin as i18n_plugin

    plans: list[list[list[str]]] = []
    real = i18n_plugin.ParallelPasses

    def spy(
        plugin: Any, config: Any, plan: list[list[Any]], workers: int, locales: Any, **kw: Any
    ) -> Any:
        plans.append(_names(plan))
        return real(plugin, config, plan, workers, locales, **kw)

    monkeypatch.setattr(i18n_plugin, "ParallelPasses", spy)
    monkeypatch.setattr(i18n_plugin.os, "cpu_count", lambda: cpus)
    monkeypatch.setattr(i18n_plugin.sys, "platform", "linux")
    return plans


def same_site_with_workers(tmp_path: Path) -> dict[str, bytes]:
    """``TITLED`` built with workers, checked against the site a build without writes."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    build = make_site_builder(tmp_path / "one")
    one = site_tree(build(files=TITLED, plugins=_plugins({"parallel_workers": 1}), strict=True))
    two = site_tree(make_site_builder(tmp_path / "two")(files=TITLED, plugins=_plugins({})))
    assert sorted(one) == sorted(two)
    assert [path for path in one if one[path] != two[path]] == []
    return one


PLANS = {
    2: [["pt-br#0/2"], ["es-419", "pt-br#1/2"]],
    4: [["pt-br#0/3"], ["en#1/2", "pt-br#1/3"], ["es-419#0/2", "pt-br#2/3"], ["es-419#1/2"]],
}


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
@pytest.mark.parametrize("cpus", sorted(PLANS))
def test_unset_workers_group_the_passes_on_one_process_per_cpu_with_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cpus: int
) -> None:
    plans = spy_plans(monkeypatch, cpus)
    one = same_site_with_workers(tmp_path)
    assert "pt-br/c/index.html" in one and "pt-br/search/search_index.json" in one
    # Two CPUs: the parent built en and then half of pt-br; one worker es-419, then the
    # other half.
    assert plans == [PLANS[cpus]]


def _titled_pages(per_locale: int) -> dict[str, str]:
    """Three locales of ``per_locale`` titled pages each, every one linking to the next."""
    files: dict[str, str] = {}
    for locale in ("en", "es-419", "pt-br"):
        for number in range(per_locale):
            name = "index" if number == 0 else f"p{number}"
            following = f"p{number + 1}.md" if number + 1 < per_locale else "index.md"
            files[f"docs/{locale}/{name}.md"] = (
                f"---\ntitle: {locale} {number}\n---\n# {number}\n[next]({following})\n"
            )
    return files


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
@pytest.mark.usefixtures("real_worker_pages")
@pytest.mark.parametrize(
    ("per_locale", "expected"),
    [(4, []), (16, [[["pt-br#0/2"], ["es-419", "pt-br#1/2"]]])],
    ids=["12 pages: the parent alone", "48 pages: a worker"],
)
def test_a_site_too_small_for_a_worker_is_built_by_the_parent_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, per_locale: int, expected: list[Any]
) -> None:
    files = _titled_pages(per_locale)
    plans = spy_plans(monkeypatch, 2)
    (tmp_path / "one").mkdir()
    (tmp_path / "default").mkdir()
    one = site_tree(
        make_site_builder(tmp_path / "one")(
            files=files, plugins=_plugins({"parallel_workers": 1}), strict=True
        )
    )
    default = site_tree(
        make_site_builder(tmp_path / "default")(files=files, plugins=_plugins({}), strict=True)
    )
    # Shares of 6 pages (no more than a worker's start costs): no worker; of 24: one.
    assert plans == expected
    assert f"pt-br/p{per_locale - 1}/index.html" in one
    assert sorted(one) == sorted(default)
    assert [path for path in one if one[path] != default[path]] == []


# A link to a missing page in each half of pt-br: a warning in each lane's pass.
MISSING_IN_PT = {
    **TITLED,
    "docs/pt-br/a.md": "---\ntitle: A pt\ni18n_key: a\n---\n# A\n[x](falta-a.md)\n",
    "docs/pt-br/c.md": "---\ntitle: C pt\n---\n# C\n[x](falta-c.md)\n",
}


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_a_warning_in_the_parents_later_pass_fails_a_strict_build_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    from mkdocs.exceptions import Abort

    import mkdocs_jekyll.mkdocs.i18n_plugin as i18n_plugin

    monkeypatch.setattr(i18n_plugin.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(i18n_plugin.sys, "platform", "linux")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        make_site_builder(tmp_path)(files=MISSING_IN_PT, plugins=_plugins({}), strict=True)
    missing = [r.getMessage() for r in caplog.records if "falta-" in r.getMessage()]
    # One from each half of pt-br (the parent's and the worker's), in page order.
    assert len(missing) == 2
    assert "pt-br/a.md" in missing[0] and "pt-br/c.md" in missing[1]


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_the_parents_later_pass_failing_leaves_the_staged_folder_to_its_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # The parent's half of pt-br fails --strict (a warning) while its worker has not even
    # started es-419: the worker still writes into the staged folder, and the build fails
    # once, on the warnings of both halves, with site/ as it was.
    import logging
    import os
    import time

    from mkdocs.exceptions import Abort

    import mkdocs_jekyll.mkdocs.i18n_plugin as i18n_plugin
    from mkdocs_jekyll.mkdocs import parallel

    parent = os.getpid()
    done = tmp_path / "parent-done"
    real_pass = parallel._build_one

    def held(*args: Any) -> Any:
        """The parent's later pass marks its end; the worker's passes wait for it."""
        if os.getpid() == parent:
            result = real_pass(*args)
            done.touch()
            return result
        deadline = time.monotonic() + 60
        while not done.exists():
            assert time.monotonic() < deadline, "the parent's pass never ended"
            time.sleep(0.02)
        return real_pass(*args)

    monkeypatch.setattr(parallel, "_build_one", held)
    monkeypatch.setattr(i18n_plugin.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(i18n_plugin.sys, "platform", "linux")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        make_site_builder(tmp_path)(files=MISSING_IN_PT, plugins=_plugins({}), strict=True)
    messages = [r.getMessage() for r in caplog.records]
    assert not [m for m in messages if "FileNotFoundError" in m or "es-419" in m], messages
    assert len([m for m in messages if "falta-" in m]) == 2
    project = tmp_path / "project"
    assert not (project / "site").exists()  # No site before: none after a failed build.
    assert not list(project.glob(".site.building-*"))


@dataclass(frozen=True)
class SpareCase:
    description: str
    slow: str
    """The lane held back until the other's passes are done: ``parent`` or ``worker``."""
    maker: str
    """Who makes the sitemap entries (and the scan's findings): ``parent`` or ``worker``."""
    order: tuple[str, ...]
    """The parent's end work in order: the root pages' templates compiled, the results of
    the worker awaited, and ``BuildEnd.prepare`` given the worker's part (or None)."""


SPARE_CASES = [
    SpareCase(
        "the worker is busy: the parent makes them while it waits",
        "worker",
        "parent",
        ("prepare None", "templates", "await"),
    ),
    SpareCase(
        "the worker is done first: it makes them, the parent takes them and compiles the "
        "root pages' templates while the worker sends its results",
        "parent",
        "worker",
        ("templates", "await", "prepare ScanWork"),
    ),
]


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
@pytest.mark.parametrize("case", SPARE_CASES, ids=lambda case: case.description)
def test_the_lane_done_first_makes_the_sitemap_entries_and_the_site_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: SpareCase
) -> None:
    # ``BuildEnd.prepare``/``scan_work``: the documents' sitemap entries (and the scan's
    # findings) need nothing the passes do, so whichever lane is done first makes them: the
    # parent before it waits for its worker, or a worker done before the parent's own
    # passes. The site is the one a build without workers writes.
    import os
    import time

    import mkdocs_jekyll.mkdocs.i18n_plugin as i18n_plugin
    from mkdocs_jekyll.mkdocs import outputs, parallel

    parent = os.getpid()
    calls = tmp_path / "calls"  # One line per call, in whichever process made it.
    real = outputs.document_entries

    def entries(*args: Any) -> Any:
        who = "parent" if os.getpid() == parent else "worker"
        with calls.open("a", encoding="utf-8") as handle:
            handle.write(f"{who} {parallel._PARENT is not None}\n")
        return real(*args)

    real_pass = parallel._build_one
    # The plan on two CPUs: the parent builds en, then pt-br's first half (one call here);
    # the worker es-419, then pt-br's second half (two calls).
    passes = {"parent": 1, "worker": 2}

    def held(*args: Any) -> Any:
        """A pass; the slow lane's wait until the other lane's passes are all done."""
        mine = "parent" if os.getpid() == parent else "worker"
        other = "worker" if mine == "parent" else "parent"
        if mine == case.slow:
            deadline = time.monotonic() + 60
            while not (tmp_path / f"{other}-{passes[other]}").exists():
                assert time.monotonic() < deadline, f"the {other}'s passes never ended"
                time.sleep(0.02)
        result = real_pass(*args)
        done = len(list(tmp_path.glob(f"{mine}-*"))) + 1
        (tmp_path / f"{mine}-{done}").touch()
        return result

    monkeypatch.setattr(outputs, "document_entries", entries)
    monkeypatch.setattr(parallel, "_build_one", held)
    order = _spy_end_order(monkeypatch)
    monkeypatch.setattr(i18n_plugin.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(i18n_plugin.sys, "platform", "linux")
    prepared = _spy_prepared_sitemap(monkeypatch)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    build = make_site_builder(tmp_path / "one")
    one = site_tree(build(files=TITLED, plugins=_plugins({"parallel_workers": 1}), strict=True))
    assert calls.read_text("utf-8").splitlines() == ["parent False"]
    calls.unlink()
    order.clear()
    two = site_tree(make_site_builder(tmp_path / "two")(files=TITLED, plugins=_plugins({})))
    # Made once, by the lane done first, while the other was still building; the sitemap
    # too, written as made (the build without workers makes it once its passes are done,
    # before its files are kept with it: ``replay_scan_work``).
    assert calls.read_text("utf-8").splitlines() == [f"{case.maker} True"]
    assert tuple(order) == case.order
    assert prepared == [True, True]
    assert sorted(one) == sorted(two)
    assert [path for path in one if one[path] != two[path]] == []
    assert b"pt-br/c/" in one["sitemap.xml"] and "index.html" in one


def _spy_end_order(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The parent's end work as it comes (the worker's own calls stay in its process)."""
    from concurrent.futures import Future

    from mkdocs_jekyll.mkdocs import build_end

    order: list[str] = []
    real_outputs, real_prepare, real_result = (
        build_end.prepare_outputs,
        build_end.BuildEnd.prepare,
        Future.result,
    )

    def outputs(state: Any, *, templates: bool = True, entries: bool = True) -> Any:
        if templates:
            order.append("templates")
        return real_outputs(state, templates=templates, entries=entries)

    def prepare(self: Any, state: Any, done: Any = None) -> None:
        if not self.prepared:  # (Called again before the build's files are kept: no work.)
            order.append(f"prepare {'None' if done is None else 'ScanWork'}")
        real_prepare(self, state, done)

    def result(self: Any, timeout: float | None = None) -> Any:
        order.append("await")
        return real_result(self, timeout)

    monkeypatch.setattr(build_end, "prepare_outputs", outputs)
    monkeypatch.setattr(build_end.BuildEnd, "prepare", prepare)
    monkeypatch.setattr(Future, "result", result)
    return order


def _spy_prepared_sitemap(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each sitemap written was the one made while the workers built passes."""
    from mkdocs_jekyll.mkdocs import outputs

    written: list[bool] = []
    real = outputs._write_sitemap

    def write(site: Path, entries: Any, prepared: Any = None) -> None:
        written.append(prepared is not None and prepared.expected == entries)
        real(site, entries, prepared)

    monkeypatch.setattr(outputs, "_write_sitemap", write)
    return written


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_a_sitemap_made_ahead_whose_entries_the_end_changes_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The scan predicts a landing page at the root, but the docs have their own
    # index.html: the end's entries are not the ones the sitemap was made of.
    import mkdocs_jekyll.mkdocs.i18n_plugin as i18n_plugin

    monkeypatch.setattr(i18n_plugin.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(i18n_plugin.sys, "platform", "linux")
    prepared = _spy_prepared_sitemap(monkeypatch)
    files = {**TITLED, "docs/index.html": "<html><body>Our own root</body></html>\n"}
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    build = make_site_builder(tmp_path / "one")
    one = site_tree(build(files=files, plugins=_plugins({"parallel_workers": 1})))
    two = site_tree(make_site_builder(tmp_path / "two")(files=files, plugins=_plugins({})))
    assert prepared == [False, False]
    assert b"Our own root" in two["index.html"]
    assert sorted(one) == sorted(two)
    assert [path for path in one if one[path] != two[path]] == []


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_a_shards_result_carries_its_search_entries_once_and_the_site_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A shard's own index lists the same entries as its pass: the worker sends one list
    # (pickle keeps one copy of an object), and the locale's index is the one a build
    # without workers writes.
    import mkdocs_jekyll.mkdocs.i18n_plugin as i18n_plugin
    from mkdocs_jekyll.mkdocs import parallel

    shared: list[bool] = []
    real = parallel.ParallelPasses.results

    def results(self: Any, *args: Any, **kwargs: Any) -> Any:
        found = real(self, *args, **kwargs)
        for result in found:
            if result.search_index is not None:
                shared.append(result.search_index["docs"] is result.search_entries)
        return found

    monkeypatch.setattr(parallel.ParallelPasses, "results", results)
    monkeypatch.setattr(i18n_plugin.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(i18n_plugin.sys, "platform", "linux")
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    build = make_site_builder(tmp_path / "one")
    one = site_tree(build(files=TITLED, plugins=_plugins({"parallel_workers": 1})))
    two = site_tree(make_site_builder(tmp_path / "two")(files=TITLED, plugins=_plugins({})))
    assert shared == [True, True]  # pt-br's halves: the parent's, the worker's (unpickled)
    for path in ("pt-br/search/search_index.json", "search/search_index.json"):
        assert one[path] == two[path]
