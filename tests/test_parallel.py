"""Parallel locale passes write exactly what the sequential passes write, file by file."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mkdocs_jekyll.mkdocs.parallel import can_fork
from sitebuild import (
    BUILD_ERROR,
    CONFIG_ERROR,
    THREE_LOCALES,
    error_lines,
    make_site_builder,
    site_tree,
    warning_lines,
)

FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Home\n{{ site.pages | size }}\n",
    "docs/en/impact.md": "---\ni18n_key: impact\nredirect_from: /old/\n---\n# Impact\n",
    "docs/en/_posts/2024-01-02-hello.md": "---\ntitle: Hello\ni18n_key: hello\n---\nHi\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/impacto.md": "---\ni18n_key: impact\n---\n# Impacto\n[CV](../en/impact.md)\n",
    "docs/es-419/_posts/2024-01-02-hola.md": "---\ntitle: Hola\ni18n_key: hello\n---\nHola\n",
    "docs/pt-br/index.md": "---\ni18n_key: home\n---\n# Início\n",
    "docs/pt-br/sobre.md": "# Sobre\n",
    "docs/images/a.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
}


# Locales with their own site names: pages that belong to no locale (the landing page) must
# not take the name of whichever locale a process built last.
SITE_NAMES = {"es-419": "Sitio", "pt-br": "Sítio"}
LANGUAGES = [
    {**language, "site_name": SITE_NAMES[language["locale"]]}
    if language["locale"] in SITE_NAMES
    else language
    for language in THREE_LOCALES
]


def _plugins(workers: int) -> list[Any]:
    return [
        "search",
        {"jekyll/i18n": {"languages": LANGUAGES, "parallel_workers": workers}},
        {"jekyll": {}},
    ]


def _tree(site: Path) -> dict[str, bytes]:
    return site_tree(site)


def _build_both(
    tmp_path: Path, files: dict[str, str], sequential: list[Any], parallel: list[Any]
) -> dict[str, bytes]:
    """Build ``files`` with each plugin list; assert the outputs are equal, file by file."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = _tree(make_site_builder(tmp_path / "one")(files=files, plugins=sequential, strict=True))
    two = _tree(make_site_builder(tmp_path / "two")(files=files, plugins=parallel, strict=True))
    assert sorted(one) == sorted(two)
    assert [path for path in one if one[path] != two[path]] == []
    return one


def _name(task: Any) -> str:
    return str(task.locale) if task.count == 1 else f"{task.locale}#{task.index}/{task.count}"


@pytest.fixture
def parallel_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], int]]:
    """The ``(tasks, workers)`` of every set of worker passes started."""
    import mkdocs_jekyll.mkdocs.i18n_plugin as i18n_plugin

    calls: list[tuple[list[str], int]] = []
    real = i18n_plugin.ParallelPasses

    def spy(
        plugin: Any, config: Any, plan: list[list[Any]], workers: int, locales: Any, **kw: Any
    ) -> Any:
        # A whole locale pass by its locale, a shard of one as "locale#index/count"; a worker
        # call of several passes as "a+b", the parent's passes after its own as "parent: a".
        names = [f"parent: {_name(task)}" for task in plan[0]]
        names += ["+".join(_name(task) for task in tasks) for tasks in plan[1:]]
        calls.append((names, workers))
        return real(plugin, config, plan, workers, locales, **kw)

    monkeypatch.setattr(i18n_plugin, "ParallelPasses", spy)
    return calls


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_parallel_and_sequential_builds_are_identical_file_by_file(
    tmp_path: Path, parallel_calls: list[tuple[list[str], int]]
) -> None:
    one = _build_both(tmp_path, FILES, _plugins(1), _plugins(3))
    assert "pt-br/sobre/index.html" in one and "es-419/search/search_index.json" in one
    assert b"<title>Test site</title>" in one["index.html"]
    assert b"Sitio" in one["es-419/impacto/index.html"]
    # The second build really ran its later passes in workers.
    assert parallel_calls == [(["es-419", "pt-br"], 2)]


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_a_failing_parallel_pass_fails_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    files = {**FILES, "docs/pt-br/sobre.md": "# Sobre\n[x](missing.md)\n"}
    # The pt-br worker's pass counts its own warning, fails, and the parent fails the build.
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=BUILD_ERROR):
        make_site_builder(tmp_path)(files=files, plugins=_plugins(3), strict=True)
    assert warning_lines(caplog) == [
        "Doc file 'pt-br/sobre.md' contains a link 'missing.md', but the target "
        "'pt-br/missing.md' is not found among documentation files."
    ]
    assert error_lines(caplog) == [
        "the 'pt-br' locale pass failed: Abort: Aborted with 1 warnings in strict mode!"
    ]


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_unset_workers_use_every_cpu_and_worker_warnings_reach_the_parent_in_locale_order(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    parallel_calls: list[tuple[list[str], int]],
) -> None:
    import logging

    import mkdocs_jekyll.mkdocs.i18n_plugin as i18n_plugin

    monkeypatch.setattr(i18n_plugin.os, "cpu_count", lambda: 2)
    files = {
        **FILES,
        "docs/es-419/roto.md": "---\nlayout: nope-es\n---\n# Roto\n",
        "docs/pt-br/quebrado.md": "---\nlayout: nope-pt\n---\n# Quebrado\n[x](falta.md)\n",
    }
    plugins = ["search", {"jekyll/i18n": {"languages": THREE_LOCALES}}, {"jekyll": {}}]
    with caplog.at_level(logging.WARNING):
        make_site_builder(tmp_path)(files=files, plugins=plugins)
    assert parallel_calls == [(["es-419", "pt-br"], 2)]
    missing = [r.getMessage() for r in caplog.records if "falta.md" in r.getMessage()]
    # Logged by the pt-br worker's pass, once, in the parent (where --strict counts it).
    assert len(missing) == 1 and "pt-br/quebrado.md" in missing[0]


def test_zero_workers_is_refused_with_a_message(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    plugins = [
        "search",
        {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": 0}},
        {"jekyll": {}},
    ]
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=CONFIG_ERROR):
        make_site_builder(tmp_path)(files=FILES, plugins=plugins)
    assert error_lines(caplog) == [
        "Config value 'plugins': Plugin 'jekyll/i18n' option 'parallel_workers': Expected 1 or "
        "more worker processes, received 0: use 1 to build the locales one after another, or "
        "leave it unset to use every CPU."
    ]


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_a_failing_first_pass_waits_for_its_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import multiprocessing

    from mkdocs.exceptions import Abort

    import mkdocs_jekyll.mkdocs.i18n_plugin as i18n_plugin

    abandoned: list[bool] = []

    class Spy(i18n_plugin.ParallelPasses):
        def abandon(self) -> None:
            abandoned.append(True)
            super().abandon()

    monkeypatch.setattr(i18n_plugin, "ParallelPasses", Spy)
    # The English page fails while its pass renders it, after the workers started.
    files = {**FILES, "docs/en/impact.md": "---\ndate: not a date\n---\n# Impact\n"}
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        make_site_builder(tmp_path)(files=files, plugins=_plugins(3))
    assert error_lines(caplog) == [
        "Error building page 'en/impact.md':",
        "en/impact.md: date: Expected a date such as '2024-01-02', received 'not a date'",
    ]
    assert abandoned == [True]
    assert multiprocessing.active_children() == []


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_a_two_locale_site_builds_its_second_locale_beside_the_first(
    tmp_path: Path, parallel_calls: list[tuple[list[str], int]]
) -> None:
    files = {path: text for path, text in FILES.items() if not path.startswith("docs/pt-br/")}

    def plugins(workers: int) -> list[Any]:
        languages = THREE_LOCALES[:2]
        return [
            "search",
            {"jekyll/i18n": {"languages": languages, "parallel_workers": workers}},
            {"jekyll": {}},
        ]

    _build_both(tmp_path, files, plugins(1), plugins(2))
    assert parallel_calls == [(["es-419"], 1)]


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_a_build_right_after_a_parallel_build_forks_its_workers_though_they_still_exit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel_calls: list[tuple[list[str], int]]
) -> None:
    # A build with workers leaves their exit to the background once every result is in;
    # their pool's thread lives until they are gone, and a process with two threads forks
    # no workers. The next build (serve's, a tool's) joins them first and forks its own.
    import threading
    import time
    from multiprocessing import util

    real_exit = util._exit_function

    def slow_exit(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.5)  # A worker slow to exit (in the workers only: see below).
        return real_exit(*args, **kwargs)

    monkeypatch.setattr(util, "_exit_function", slow_exit)
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one = _tree(make_site_builder(tmp_path / "one")(files=FILES, plugins=_plugins(2)))
    two = _tree(make_site_builder(tmp_path / "two")(files=FILES, plugins=_plugins(2)))
    monkeypatch.setattr(util, "_exit_function", real_exit)  # (before this process's exit)
    assert len(parallel_calls) == 2 and parallel_calls[0] == parallel_calls[1]  # both forked
    assert one == two
    assert can_fork() and threading.active_count() == 1


@pytest.mark.parametrize(("platform", "expected"), [("linux", 6), ("darwin", 1), ("win32", 1)])
def test_the_default_worker_count_is_the_cpu_count_on_linux_only(
    monkeypatch: pytest.MonkeyPatch, platform: str, expected: int
) -> None:
    import mkdocs_jekyll.mkdocs.i18n_plugin as i18n_plugin

    monkeypatch.setattr(i18n_plugin.sys, "platform", platform)
    monkeypatch.setattr(i18n_plugin.os, "cpu_count", lambda: 6)
    plugin = i18n_plugin.JekyllI18nPlugin()
    plugin.load_config({"languages": THREE_LOCALES})
    assert plugin._workers() == expected
    plugin.load_config({"languages": THREE_LOCALES, "parallel_workers": 3})
    assert plugin._workers() == 3


# A site with one locale whose pages all have a title: its pages are spread over the workers.
ONE_LOCALE = [{"locale": "en", "name": "English", "default": True}]
TITLED = {
    "docs/en/index.md": "---\ntitle: Home\ni18n_key: home\n---\n# Home\n[b](b.md#part)\n",
    "docs/en/a.md": "---\ntitle: A\n---\n# A\n{{ site.pages | size }} pages\n",
    "docs/en/b.md": "---\ntitle: B\n---\n# B\n## Part\n[A](a.md)\n",
    "docs/en/c.md": "---\ntitle: C\nlayout: single\n---\n# C\n[home](index.md)\n",
    "docs/en/_posts/2024-01-02-hello.md": "---\ntitle: Hello\ntags: [x]\n---\nHi\n",
    "docs/en/_posts/2024-01-03-again.md": "---\ntitle: Again\ncategories: [y]\n---\nYo\n",
    "docs/404.md": "---\ntitle: Lost\n---\n# Lost\n",
    "docs/images/a.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
}


def _one_locale(workers: int) -> list[Any]:
    return [
        "search",
        {"jekyll/i18n": {"languages": ONE_LOCALE, "parallel_workers": workers}},
        {"jekyll": {}},
    ]


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_a_one_locale_site_spreads_its_pages_over_the_workers_with_the_same_output(
    tmp_path: Path, parallel_calls: list[tuple[list[str], int]]
) -> None:
    one = _build_both(tmp_path, TITLED, _one_locale(1), _one_locale(2))
    # The parent built the first half of the pages, one worker the second half.
    assert parallel_calls == [(["en#1/2"], 1)]
    assert "en/c/index.html" in one and "en/search/search_index.json" in one


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_a_warning_in_a_worker_shard_fails_a_strict_build_once_in_page_order(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    files = {
        **TITLED,
        "docs/en/a.md": "---\ntitle: A\n---\n# A\n[x](missing-a.md)\n",
        "docs/en/c.md": "---\ntitle: C\n---\n# C\n[x](missing-c.md)\n",
    }
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        make_site_builder(tmp_path)(files=files, plugins=_one_locale(2), strict=True)
    assert warning_lines(caplog) == [
        "Doc file 'en/a.md' contains a link 'missing-a.md', but the target 'en/missing-a.md' "
        "is not found among documentation files.",
        "Doc file 'en/c.md' contains a link 'missing-c.md', but the target 'en/missing-c.md' "
        "is not found among documentation files.",
    ]


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_a_page_without_a_title_keeps_its_locale_in_one_process(
    tmp_path: Path, parallel_calls: list[tuple[list[str], int]]
) -> None:
    # MkDocs titles it from its rendered first heading, which the others' navigation shows.
    files = {**TITLED, "docs/en/d.md": "# D\n"}
    _build_both(tmp_path, files, _one_locale(1), _one_locale(2))
    assert parallel_calls == []


@dataclass(frozen=True)
class ShardCase:
    description: str
    sizes: dict[str, int]
    workers: int
    expected: list[tuple[str, int, int]]


SHARD_CASES = [
    ShardCase("one locale, two workers: two halves", {"en": 600}, 2, [("en", 0, 2), ("en", 1, 2)]),
    ShardCase(
        "three equal locales, two workers: one pass each",
        {"en": 200, "es": 200, "pt": 200},
        2,
        [("en", 0, 1), ("es", 0, 1), ("pt", 0, 1)],
    ),
    ShardCase(
        "one large locale and a small one: the large one is cut",
        {"en": 1000, "es": 50},
        2,
        [("en", 0, 2), ("en", 1, 2), ("es", 0, 1)],
    ),
    ShardCase(
        "four workers, one locale: four shards", {"en": 10}, 4, [("en", i, 4) for i in range(4)]
    ),
]


@pytest.mark.parametrize("case", SHARD_CASES, ids=lambda case: case.description)
def test_locales_get_shards_by_their_share_of_the_pages(case: ShardCase) -> None:
    from mkdocs_jekyll.mkdocs.page_shards import plan_shards

    shards = plan_shards(list(case.sizes), case.sizes, case.workers, shardable=True)
    assert [(s.locale, s.index, s.count) for s in shards] == case.expected
    unshardable = plan_shards(list(case.sizes), case.sizes, case.workers, shardable=False)
    assert [(s.locale, s.count) for s in unshardable] == [(name, 1) for name in case.sizes]


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_the_workers_start_before_the_first_pass_makes_its_file_list_with_the_same_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel_calls: list[tuple[list[str], int]]
) -> None:
    """Their passes make their own lists: the first pass's (static-i18n's ``on_files``, a
    tenth of the build's serial head) no longer delays them, and nothing else changes."""
    from mkdocs_static_i18n.plugin import I18n

    events: list[str] = []
    upstream = I18n.on_files

    def file_list(self: Any, files: Any, config: Any) -> Any:
        events.append(f"file list {self.current_language} after {len(parallel_calls)} starts")
        return upstream(self, files, config)

    monkeypatch.setattr(I18n, "on_files", file_list)
    one = _build_both(tmp_path, FILES, _plugins(1), _plugins(3))
    assert "pt-br/sobre/index.html" in one
    assert parallel_calls == [(["es-419", "pt-br"], 2)]
    assert events[3:] == ["file list en after 1 starts"]  # this process: the first pass only
    assert events[:3] == [
        f"file list {locale} after 0 starts" for locale in ("en", "es-419", "pt-br")
    ]
