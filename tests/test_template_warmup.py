"""`mkdocs serve`'s first build: templates compiled on another CPU, the pages cut for the parent.

Given a fresh project (no build cache), when `mkdocs serve` makes its first build, then the
theme's templates are compiled by a forked warm-up while the site is read, the build loads
that code instead of compiling it, and every page is exactly what the same build writes
without the warm-up. Given the first pass cut in page shards, the parent's shard takes the
pages a worker's pass start costs, and the shards still cover every page once, in order.
Given a cold `mkdocs build` with workers, its parent and worker load the warm-up's code too.
Given a build cache, a later build loads the root pages' templates (landing page, root 404)
from it rather than compiling them at its end.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_jekyll.features.page_templates import LANDING, ROOT_404
from mkdocs_jekyll.mkdocs import i18n_plugin, page_shards, template_warmup
from mkdocs_jekyll.mkdocs.jinja_cache import SharedBytecodeCache
from mkdocs_jekyll.mkdocs.page_shards import Shard, with_head_start
from mkdocs_jekyll.mkdocs.parallel import can_fork
from mkdocs_jekyll.mkdocs.shard_balance import PASS_START_PAGES
from mkdocs_jekyll.mkdocs.template_warmup import TemplateWarmup, compile_templates
from sitebuild import THREE_LOCALES, site_tree, write_files

FILES = {
    "docs/en/index.md": "---\ntitle: Home\ni18n_key: home\n---\n# Home\n\nHOME {{ site.title }}\n",
    "docs/en/about.md": "---\ntitle: About\ni18n_key: about\n---\n# About\n\nABOUT\n",
    "docs/es-419/index.md": "---\ntitle: Inicio\ni18n_key: home\n---\n# Inicio\n\nINICIO\n",
    "docs/pt-br/index.md": "---\ntitle: Início\ni18n_key: home\n---\n# Início\n\nINICIO-pt\n",
}


def _project(root: Path) -> Path:
    write_files(root, FILES)
    config = {
        "site_name": "Warm",
        "site_url": "https://example.com/base/",
        "theme": {"name": "material"},
        "plugins": ["search", {"jekyll/i18n": {"languages": THREE_LOCALES}}, {"jekyll": {}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


def _first_serve_build(project: Path, site_dir: Path) -> dict[str, bytes]:
    """What the first build of `mkdocs serve` writes (in process: every locale, no server)."""
    config: Any = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    # MkDocs keeps a plugin with `on_startup` for the whole process: as a new server's,
    # its compiled templates start empty (an earlier test's build filled them).
    config.plugins["jekyll"]._templates.clear()
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="https://example.com/base/")
    finally:
        config.plugins.on_shutdown()
    return site_tree(site_dir)


def _compiled_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates this process compiles from now on."""
    names: list[str] = []
    compile_ = jinja2.Environment.compile

    def spy(
        self: jinja2.Environment, source: Any, name: str | None = None, *a: Any, **k: Any
    ) -> Any:
        names.append(str(name))
        return compile_(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    return names


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not can_fork(), reason="forks the warm-up (Linux)"
)
def test_the_first_serve_build_loads_the_warm_ups_code_and_writes_the_same_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _project(tmp_path / "cold")
    monkeypatch.chdir(cold)
    monkeypatch.setattr(template_warmup, "may_warm", lambda config: False)
    compiled_cold = _compiled_here(monkeypatch)
    expected = _first_serve_build(cold, tmp_path / "cold-site")
    monkeypatch.undo()

    warm = _project(tmp_path / "warm")
    monkeypatch.chdir(warm)
    monkeypatch.setattr("os.cpu_count", lambda: 2)  # Warms up on a one-CPU machine too.
    deliver = TemplateWarmup.deliver
    started: list[TemplateWarmup] = []

    def deliver_and_wait(self: TemplateWarmup, folder: Path | None) -> None:
        started.append(self)
        deliver(self, folder)
        self._process.join(60)  # Done before the pass loads templates (no race in a test).

    monkeypatch.setattr(TemplateWarmup, "deliver", deliver_and_wait)
    compiled_warm = _compiled_here(monkeypatch)
    served = _first_serve_build(warm, tmp_path / "warm-site")

    assert len(started) == 1 and started[0]._process.exitcode == 0
    assert len(list((warm / ".cache/mkdocs-jekyll/jinja").glob("*.code"))) >= 20
    assert {"main.html", "base.html", "partials/header.html"} <= set(compiled_cold)
    assert {"main.html", "base.html", "partials/header.html"}.isdisjoint(compiled_warm)
    # The later locales' UI text, a name made at render time, is warmed up too
    # (``locale_texts``), and the Material file each imports.
    texts = {f"partials/languages/{name}.html" for name in ("es-419", "pt-br", "es", "pt-BR")}
    assert texts <= set(compiled_cold) and texts.isdisjoint(compiled_warm)
    assert sorted(served) == sorted(expected)
    assert [path for path in expected if served[path] != expected[path]] == []


def _build_project(project: Path, site_dir: Path, jekyll: dict[str, Any] | None = None) -> None:
    """``mkdocs build`` of ``project`` in-process (workers unset: one process per CPU)."""
    if jekyll is not None:
        config_file = project / "mkdocs.yml"
        config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        config["plugins"][-1] = {"jekyll": jekyll}
        config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    config: Any = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins["jekyll"]._templates.clear()  # A new process compiled nothing yet.
    build(config)


def _compiled_by_process(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Every process forked from now on (workers too) notes the templates it compiles."""
    compile_ = jinja2.Environment.compile

    def spy(
        self: jinja2.Environment, source: Any, name: str | None = None, *a: Any, **k: Any
    ) -> Any:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {name}\n")
        return compile_(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not can_fork(), reason="forks the warm-up (Linux)"
)
def test_a_cold_build_with_workers_loads_the_warm_ups_code_in_every_lane_and_writes_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a fresh three-locale project built with workers on two CPUs, when `mkdocs build`
    # runs, then a warm-up compiles the theme's templates (each once), neither the parent nor
    # the worker compiles them, and the site is the one the same build writes without the
    # warm-up.
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    cold = _project(tmp_path / "cold")
    monkeypatch.chdir(cold)
    monkeypatch.setattr(template_warmup, "may_warm", lambda config: False)
    _build_project(cold, tmp_path / "cold-site")
    expected = site_tree(tmp_path / "cold-site")
    monkeypatch.undo()

    monkeypatch.setattr("os.cpu_count", lambda: 2)
    warm = _project(tmp_path / "warm")
    monkeypatch.chdir(warm)
    forks: list[int] = []
    real = i18n_plugin.ParallelPasses

    def spy(*args: Any, **kw: Any) -> Any:
        forks.append(os.getpid())
        return real(*args, **kw)

    monkeypatch.setattr(i18n_plugin, "ParallelPasses", spy)
    deliver = TemplateWarmup.deliver
    warmups: list[TemplateWarmup] = []

    def deliver_and_wait(self: TemplateWarmup, folder: Path | None) -> None:
        warmups.append(self)
        deliver(self, folder)
        self._process.join(60)  # Done before the lanes load templates (no race in a test).

    monkeypatch.setattr(TemplateWarmup, "deliver", deliver_and_wait)
    log = tmp_path / "compiled.log"
    _compiled_by_process(monkeypatch, log)
    keys = tmp_path / "stored.log"
    store = SharedBytecodeCache.set_bucket

    def store_and_note(self: SharedBytecodeCache, bucket: Any) -> None:
        # Every template (or header piece) compiled is set in the cache under its own key.
        with keys.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {bucket.key}\n")
        store(self, bucket)

    monkeypatch.setattr(SharedBytecodeCache, "set_bucket", store_and_note)
    _build_project(warm, tmp_path / "warm-site")

    assert len(warmups) == 1 and warmups[0]._process.exitcode == 0
    assert forks == [os.getpid()], "the build forked its worker"
    compiled: dict[int, set[str]] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        pid, name = line.split(" ", 1)
        compiled.setdefault(int(pid), set()).add(name)
    warmup_pid = warmups[0]._process.pid
    assert {"main.html", "base.html", "partials/header.html"} <= compiled.pop(warmup_pid)
    stored = [
        key
        for pid, key in (line.split(" ", 1) for line in keys.read_text().splitlines())
        if int(pid) == warmup_pid
    ]
    twice = sorted({key for key in stored if stored.count(key) > 1})
    assert not twice, f"the warm-up compiled these more than once: {twice}"
    assert len(compiled) <= 2, "the parent and its worker, if they compiled anything"
    for names in compiled.values():
        assert {"main.html", "base.html", "partials/header.html"}.isdisjoint(names)
    assert site_tree(tmp_path / "warm-site") == expected


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not can_fork(), reason="forks a worker (Linux)"
)
def test_a_process_that_built_before_starts_no_warm_up_and_fills_a_new_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a process that built a three-locale project (workers on two CPUs), when it
    # builds a copy of that project (a new, empty cache folder), then no warm-up starts, no
    # process compiles the theme's templates again (they are in its memory), the new
    # folder receives their code, and the site is the first one's.
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    first = _project(tmp_path / "first")
    monkeypatch.chdir(first)
    _build_project(first, tmp_path / "first-site")
    second = _project(tmp_path / "second")
    monkeypatch.chdir(second)
    started: list[object] = []
    monkeypatch.setattr(TemplateWarmup, "start", lambda config: started.append(config))
    log = tmp_path / "compiled.log"
    log.touch()
    _compiled_by_process(monkeypatch, log)
    build(load_config(str(second / "mkdocs.yml"), site_dir=str(tmp_path / "second-site")))

    assert started == []
    compiled = {line.split(" ", 1)[1] for line in log.read_text(encoding="utf-8").splitlines()}
    assert {"main.html", "base.html", "partials/header.html"}.isdisjoint(compiled)
    assert len(list((second / ".cache/mkdocs-jekyll/jinja").glob("*.code"))) >= 20
    assert site_tree(tmp_path / "second-site") == site_tree(tmp_path / "first-site")


def test_a_later_build_loads_the_root_pages_templates_and_writes_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a three-locale project built once (one process: no warm-up), when it is built
    # again from a new process's state, then the landing page's and the root 404's
    # templates come from the build cache's compiled code, and the site is the same.
    monkeypatch.setattr("os.cpu_count", lambda: 1)  # One process: no warm-up, no worker.
    project = _project(tmp_path / "site")
    monkeypatch.chdir(project)
    compiled = _compiled_here(monkeypatch)
    _build_project(project, tmp_path / "first")
    first = site_tree(tmp_path / "first")
    assert {LANDING, ROOT_404} <= set(compiled)
    compiled.clear()
    _build_project(project, tmp_path / "again")
    assert {LANDING, ROOT_404}.isdisjoint(compiled)
    assert site_tree(tmp_path / "again") == first
    _build_project(project, tmp_path / "uncached", {"cache_enabled": False})
    assert site_tree(tmp_path / "uncached") == first


@pytest.mark.parametrize(
    ("why", "jekyll", "i18n", "built_before"),
    [
        ("one process asked for", {}, {"parallel_workers": 1}, False),
        ("no build cache", {"cache_enabled": False}, {}, False),
        ("the cache's templates are compiled already", {}, {}, True),
    ],
)
def test_a_build_starts_no_warm_up_when_it_cannot_pay(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    why: str,
    jekyll: dict[str, Any],
    i18n: dict[str, Any],
    built_before: bool,
) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    project = _project(tmp_path / "project")
    config_file = project / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["plugins"][1]["jekyll/i18n"].update(i18n)
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    monkeypatch.chdir(project)
    if built_before:
        _build_project(project, tmp_path / "site", jekyll)
        assert list((project / ".cache/mkdocs-jekyll/jinja").glob("*.code")), why
    started: list[object] = []
    monkeypatch.setattr(TemplateWarmup, "start", lambda config: started.append(config))
    _build_project(project, tmp_path / "site", jekyll)
    assert started == [], why


def test_compile_templates_follows_the_names_a_template_gives_and_skips_made_ones() -> None:
    env = jinja2.Environment(
        loader=jinja2.DictLoader(
            {
                "main.html": '{% extends "base.html" %}{% block b %}{% include "a.html" %}'
                '{% include "icons/" ~ name %}{% endblock %}',
                "base.html": "{% block b %}{% endblock %}"
                '{% include "missing.html" ignore missing %}',
                "a.html": '{% import "macros.html" as m %}{{ m.x() }}{% if 0 %}'
                '{% include "broken.html" %}{% endif %}',
                "broken.html": "{% if %}",
                "macros.html": "{% macro x() %}X{% endmacro %}",
                "icons/star.svg": "<svg/>",
                "unused.html": "never",
            }
        )
    )
    cache = SharedBytecodeCache()
    cache.install(env)
    buckets = compile_templates(env, cache, ["main.html", "404.html"])
    assert [bucket.key for bucket in buckets] == [
        cache.get_cache_key(name) for name in ("main.html", "base.html", "a.html", "macros.html")
    ]
    assert all(bucket.code is not None for bucket in buckets)
    assert len(cache.entries) == 4
    # The environment then loads the compiled code instead of compiling it.
    assert env.get_template("main.html").render(name="star.svg") == "X<svg/>"


class _RecordingLoader(jinja2.DictLoader):
    """A loader noting each template's name as Jinja asks for its source."""

    def __init__(self, mapping: dict[str, str]) -> None:
        super().__init__(mapping)
        self.asked: list[str] = []

    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        self.asked.append(template)
        return super().get_source(environment, template)


# A theme's static page extending its page template, which fills its base's last block; each
# template's includes in the order a render reaches them.
RENDER_ORDER = {
    "404.html": '{% extends "main.html" %}',
    "main.html": '{% extends "base.html" %}{% block content %}{% include "toc.html" %}'
    "{% endblock %}",
    "base.html": '{% include "header.html" %}{% include "nav.html" %}'
    "{% block content %}{% endblock %}",
    "header.html": '{% include "logo.html" %}',
    "nav.html": "nav",
    "logo.html": "logo",
    "toc.html": "toc",
}


def test_compile_templates_goes_in_the_order_a_render_loads_the_templates() -> None:
    # Given a static page whose render loads its templates one after another, when the
    # warm-up compiles from it, then it compiles them in the render's order: a lane that
    # asks for them while the warm-up still compiles finds the first ones done.
    rendered = _RecordingLoader(RENDER_ORDER)
    jinja2.Environment(loader=rendered).get_template("404.html").render()
    env = jinja2.Environment(loader=jinja2.DictLoader(RENDER_ORDER))
    cache = SharedBytecodeCache()
    cache.install(env)
    buckets = compile_templates(env, cache, ["404.html", "main.html"])
    assert [bucket.key for bucket in buckets] == [
        cache.get_cache_key(name) for name in rendered.asked
    ]


def test_the_warm_up_writes_its_code_as_it_compiles_once_the_folder_is_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a warm-up that compiled the base template before the parent's folder came (as
    # the plugins' `on_env` does), when the folder comes while it compiles the others, then
    # everything compiled so far is written at once, and each later template as soon as it
    # is compiled; a template the parent wrote first is read, not compiled again.
    env = jinja2.Environment(loader=jinja2.DictLoader(RENDER_ORDER))
    cache = SharedBytecodeCache()
    cache.install(env)
    env.get_template("base.html")  # Compiled into the cache's memory: no folder yet.
    folder = tmp_path / "jinja"
    parents = SharedBytecodeCache()
    parents_env = jinja2.Environment(loader=jinja2.DictLoader(RENDER_ORDER))
    parents.install(parents_env, folder)
    parents_env.get_template("toc.html")  # The parent got there first.
    receiver, sender = multiprocessing.Pipe(duplex=False)
    writer = template_warmup._Writer(env, cache, receiver)
    written: list[tuple[str, int]] = []
    compiled_here: list[str] = []
    compile = env.compile

    def compile_and_note(source: Any, name: Any = None, *args: Any, **kw: Any) -> Any:
        compiled_here.append(name)
        return compile(source, name, *args, **kw)

    monkeypatch.setattr(env, "compile", compile_and_note)

    def add(bucket: Any) -> None:
        if bucket.key == cache.get_cache_key("main.html"):
            sender.send(str(folder))  # The parent's cache opens now.
        writer.template_done(bucket)
        written.append((bucket.key, len(list(folder.glob("*.code")))))

    compile_templates(env, cache, ["404.html"], compiled=add)
    key = cache.get_cache_key
    # Before the folder: nothing on disk but the parent's toc.html.
    assert written[0] == (key("404.html"), 1)
    # With main.html the folder came: 404, main and base (compiled first) written at once.
    assert written[1] == (key("main.html"), 4)
    # Then each one as it is done; toc.html was on disk already (the parent's).
    assert [count for _, count in written[2:]] == [4, 5, 6, 7, 7]
    assert "toc.html" not in compiled_here and "base.html" not in compiled_here
    # The parent's environment loads every one of them from the folder.
    loaded = SharedBytecodeCache()
    fresh = jinja2.Environment(loader=jinja2.DictLoader(RENDER_ORDER))
    loaded.install(fresh, folder)
    monkeypatch.setattr(fresh, "compile", lambda *args, **kw: pytest.fail("compiled again"))
    assert fresh.get_template("404.html").render() == "logonavtoc"


def _files(count: int) -> Any:
    pages = [
        SimpleNamespace(src_uri=f"p{n:03}.md", dest_uri=f"p{n:03}/index.html") for n in range(count)
    ]
    return SimpleNamespace(documentation_pages=lambda: pages)


@pytest.mark.parametrize("pages", [0, 1, 5, 20, 21, 50, 200])
@pytest.mark.parametrize("count", [2, 3])
@pytest.mark.parametrize("head", [0, 20])
def test_shards_with_a_head_start_cover_every_page_once_in_order(
    pages: int, count: int, head: int
) -> None:
    (plan,) = with_head_start([[Shard("en", i, count) for i in range(count)]], "en", head)
    slices: list[list[str]] = []
    try:
        for shard in plan:
            page_shards.start(shard)
            page_shards.assign(_files(pages))
            slices.append(
                sorted(s for s in (f"p{n:03}.md" for n in range(pages)) if not page_shards.skips(s))
            )
    finally:
        page_shards.start(None)
    assert [page for part in slices for page in part] == [f"p{n:03}.md" for n in range(pages)]
    extra = min(head, pages)
    assert len(slices[0]) == extra + (pages - extra) // count
    assert max(map(len, slices[1:])) - min(map(len, slices[1:])) <= 1


def test_a_head_start_is_given_only_to_the_named_locales_shards() -> None:
    plan = [[Shard("en", 0, 2), Shard("pt", 0, 2)], [Shard("en", 1, 2), Shard("pt", 1, 2)]]
    assert with_head_start(plan, "en", 20) == [
        [Shard("en", 0, 2, 20), Shard("pt", 0, 2)],
        [Shard("en", 1, 2, 20), Shard("pt", 1, 2)],
    ]


def _english_site(root: Path, pages: int) -> Path:
    files = {
        f"docs/en/page-{n}.md": f"---\ntitle: Page {n}\n---\n# Page {n}\n\nTEXT-{n}\n"
        for n in range(pages)
    }
    write_files(root, files)
    return _project(root)


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not can_fork(), reason="forks page shards (Linux)"
)
@pytest.mark.parametrize("pages", [PASS_START_PAGES - 2, 3 * PASS_START_PAGES])
def test_serves_first_pass_is_cut_with_the_parents_head_start_only_when_it_pays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pages: int
) -> None:
    # Given `mkdocs serve` with live reload, workers unset on two CPUs, and an English locale
    # of `pages` + 2 pages, when its first build runs, then the English pass is cut only when
    # it has more pages than a worker's pass start costs, the parent's shard first.
    monkeypatch.setattr("mkdocs_jekyll.mkdocs.plugin.serve_livereload", lambda: True)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    plans: list[Any] = []
    real = i18n_plugin.ParallelPasses

    def spy(plugin: Any, config: Any, plan: Any, *args: Any, **kw: Any) -> Any:
        plans.append((page_shards.current(), plan))
        return real(plugin, config, plan, *args, **kw)

    monkeypatch.setattr(i18n_plugin, "ParallelPasses", spy)
    project = _english_site(tmp_path / "project", pages)
    monkeypatch.chdir(project)
    site = tmp_path / "site"
    config: Any = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="https://example.com/base/")
        config.plugins["jekyll"].later_locales.wait()
    finally:
        config.plugins.on_shutdown()

    if pages <= PASS_START_PAGES:
        assert plans == []
    else:
        head = PASS_START_PAGES
        assert plans == [(Shard("en", 0, 2, head), [[], [Shard("en", 1, 2, head)]])]
    for n in range(pages):
        assert f"TEXT-{n}" in (site / f"en/page-{n}/index.html").read_text(encoding="utf-8")
