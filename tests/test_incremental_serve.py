"""Under `mkdocs serve`, a save that changes pages' text rebuilds only those pages, exactly.

Given a three-locale site served in process (MkDocs' own serve builder, wrapped by our
``on_serve``), when a page's body is edited, then only that page's locale is built, the other
pages' output files are not written again, and the served folder equals, file by file, what a
full ``mkdocs build`` of the edited sources writes. Edits that other pages can show (front
matter, data, new files, ``include_relative`` targets) rebuild the whole site.
"""

from __future__ import annotations

import gc
import logging
import os
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from mkdocs.commands import serve as serve_command
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_jekyll.features.search_index import merge_search_entries
from mkdocs_jekyll.jekyll.documents import ScanCache, SiteModel
from mkdocs_jekyll.liquid import environment as liquid_environment
from mkdocs_jekyll.mkdocs.incremental import changed_files, plan_rebuild
from sitebuild import THREE_LOCALES, copy_reference_site, site_tree, write_files

SERVE_URL = "http://127.0.0.1:8000/base/"

FILES = {
    "docs/en/index.md": "---\ntitle: Home\ni18n_key: home\n---\n# Home\n{{ site.pages | size }}\n",
    "docs/en/impact.md": (
        "---\ntitle: Impact\ni18n_key: impact\nredirect_from: /old/\n---\n"
        "# Impact\n\nIMPACT-one [CV]({{ '/en/cv/' | relative_url }})\n\n## Results\n\nMany.\n"
    ),
    "docs/en/cv.md": "---\ntitle: CV\npermalink: /en/cv/\n---\n# CV\n\nCV-one\n",
    "docs/en/notes.md": "---\ntitle: Notes\n---\nNOTES {% include_relative snippet.md %}\n",
    "docs/en/snippet.md": "---\ntitle: Snippet\n---\nSNIPPET-one\n",
    "docs/en/_posts/2024-01-02-hello.md": "---\ntitle: Hello\ni18n_key: hello\n---\nHi\n",
    "docs/es-419/index.md": "---\ntitle: Inicio\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/impacto.md": (
        "---\ntitle: Impacto\ni18n_key: impact\n---\n# Impacto\n\n"
        "IMPACTO-one {{ site.data.msg.text }}\n"
    ),
    "docs/es-419/_posts/2024-01-02-hola.md": "---\ntitle: Hola\ni18n_key: hello\n---\nHola\n",
    "docs/pt-br/index.md": "---\ntitle: Início\ni18n_key: home\n---\n# Início\n",
    "docs/pt-br/sobre.md": "---\ntitle: Sobre\n---\n# Sobre\n\nSOBRE-one\n",
    "docs/pt-br/untitled.md": "# Sem título\n\nUNTITLED-one\n",
    "_data/msg.yml": "text: DATA-one\n",
}


# A locale with its own site name: the landing page keeps the site's, whatever pass ran last.
LANGUAGES = [
    {**language, "site_name": "Sitio"} if language["locale"] == "es-419" else language
    for language in THREE_LOCALES
]


class ServeSession:
    """`mkdocs serve`'s build loop without the HTTP server: the same builder, in process."""

    def __init__(self, project: Path, site_dir: Path) -> None:
        self.project = project
        self.site_dir = site_dir
        self.server: Any = None
        self._plugins: Any = None

    def _config(self) -> Any:
        config = load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config

    def _builder(self, config: Any = None) -> None:
        # As mkdocs.commands.serve.serve's builder: a fresh config, then the module's build.
        serve_command.build(config or self._config(), serve_url=SERVE_URL, dirty=False)

    def start(self) -> None:
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=False)
        self._builder(config)

        class Server:
            builder = staticmethod(self._builder)

            def watch(self, path: str) -> None:
                pass

        self.server = config.plugins.on_serve(Server(), config=config, builder=self._builder)
        self._plugins = config.plugins

    def stop(self) -> None:
        # As `mkdocs serve` ends; MkDocs keeps plugin instances for later builds in-process.
        self._plugins.on_shutdown()

    def rebuild(self) -> None:
        self.server.builder()


def _project(root: Path, files: dict[str, str], config: dict[str, Any]) -> Path:
    """A project folder with ``files`` and ``config`` as its ``mkdocs.yml``."""
    write_files(root, files)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


@contextmanager
def _serving(project: Path, site_dir: Path) -> Iterator[ServeSession]:
    """Serve ``project`` from its own folder (as `mkdocs serve` runs), then stop."""
    cwd = os.getcwd()
    os.chdir(project)
    try:
        serving = ServeSession(project, site_dir)
        serving.start()
        try:
            yield serving
        finally:
            serving.stop()
    finally:
        os.chdir(cwd)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[ServeSession]:
    config = {
        "site_name": "Incremental",
        "site_url": "https://example.com/base/",
        "theme": {"name": "material"},
        "plugins": [
            "search",
            {"jekyll/i18n": {"languages": LANGUAGES}},
            {"jekyll": {}},
        ],
    }
    project = _project(tmp_path / "project", FILES, config)
    with _serving(project, tmp_path / "served") as serving:
        yield serving


def _full_build(project: Path, site_dir: Path) -> Path:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    config.site_url = SERVE_URL
    build(config, serve_url=SERVE_URL)
    return site_dir


def _tree(site: Path) -> dict[str, bytes]:
    return site_tree(site)


def _stamps(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def _edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(0.01)  # A distinct modification time, as a human save has.
    path.write_text(text.replace(old, new), encoding="utf-8")


def _assert_same_as_full_build(session: ServeSession, tmp_path: Path) -> None:
    # The server stops first: MkDocs hands later in-process builds the same plugin instances,
    # and the comparison must be an ordinary `mkdocs build` (parallel where it can be).
    session.stop()
    served = _tree(session.site_dir)
    full = _tree(_full_build(session.project, tmp_path / "full"))
    assert sorted(served) == sorted(full)
    assert [path for path in full if served[path] != full[path]] == []


def _rebuild_logged(session: ServeSession, caplog: pytest.LogCaptureFixture) -> str:
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.mkdocs_jekyll.mkdocs.incremental"):
        session.rebuild()
    messages = [r.getMessage().removeprefix("mkdocs_jekyll: ") for r in caplog.records]
    return "\n".join(message for message in messages if message.startswith("Rebuilding"))


def test_a_body_edit_rebuilds_only_that_page_and_equals_a_full_build(
    session: ServeSession, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    before = _stamps(session.site_dir)
    _edit(session.project, "docs/es-419/impacto.md", "IMPACTO-one", "IMPACTO-two\n\n## Nuevo")
    logged = _rebuild_logged(session, caplog)
    assert logged == "Rebuilding es-419/impacto.md only (the text changed)."
    page = (session.site_dir / "es-419/impacto/index.html").read_text(encoding="utf-8")
    assert "IMPACTO-two" in page and "DATA-one" in page
    after = _stamps(session.site_dir)
    rewritten = {path for path in after if after[path] != before.get(path)}
    # No other page of any locale is written again (the 404 pages are, by every pass, and
    # the site-wide outputs at the root are, by the end of every build).
    pages = {path for path in rewritten if "/" in path and not path.endswith("/404.html")}
    assert pages == {"es-419/impacto/index.html"}
    # The search indexes keep every page, with the new heading.
    spanish = (session.site_dir / "es-419/search/search_index.json").read_text("utf-8")
    assert "Nuevo" in spanish and "Inicio" in spanish and "Hola" in spanish
    _assert_same_as_full_build(session, tmp_path)


def test_edits_in_two_locales_rebuild_both_and_equal_a_full_build(
    session: ServeSession, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _edit(session.project, "docs/en/impact.md", "IMPACT-one", "IMPACT-two")
    _edit(session.project, "docs/pt-br/sobre.md", "SOBRE-one", "SOBRE-two")
    logged = _rebuild_logged(session, caplog)
    assert logged == "Rebuilding en/impact.md, pt-br/sobre.md only (the text changed)."
    assert "SOBRE-two" in (session.site_dir / "pt-br/sobre/index.html").read_text("utf-8")
    _edit(session.project, "docs/en/cv.md", "CV-one", "CV-two")
    assert "en/cv.md only" in _rebuild_logged(session, caplog)
    _assert_same_as_full_build(session, tmp_path)


@pytest.mark.parametrize(
    ("rel", "old", "new", "reason"),
    [
        ("docs/en/cv.md", "title: CV", "title: Résumé", "the front matter of 'en/cv.md' changed"),
        ("_data/msg.yml", "DATA-one", "DATA-two", "changed"),
        ("docs/en/snippet.md", "SNIPPET-one", "SNIPPET-two", "('include_relative')"),
        ("docs/pt-br/untitled.md", "UNTITLED-one", "UNTITLED-two", "has no 'title'"),
    ],
)
def test_edits_other_pages_show_rebuild_the_whole_site(
    session: ServeSession,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    rel: str,
    old: str,
    new: str,
    reason: str,
) -> None:
    _edit(session.project, rel, old, new)
    logged = _rebuild_logged(session, caplog)
    assert logged.startswith("Rebuilding the whole site:") and reason in logged
    _assert_same_as_full_build(session, tmp_path)


def test_a_serve_session_lets_the_earlier_builds_liquid_environments_go(
    session: ServeSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a served site, when three saves each rebuild the whole site, then only the last
    # build's Liquid environment is still alive: python-liquid's parser cache kept one for
    # each of the last 128 builds, and each holds its whole build.
    made: list[weakref.ref[Any]] = []
    create = liquid_environment.create_environment

    def spy(settings: Any) -> Any:
        env = create(settings)
        made.append(weakref.ref(env))
        return env

    monkeypatch.setattr(liquid_environment, "create_environment", spy)
    for title in ("CV two", "CV three", "CV four"):
        _edit(session.project, "docs/en/cv.md", "title: CV", f"title: {title}")
        session.rebuild()
        _edit(session.project, "docs/en/cv.md", f"title: {title}", "title: CV")
    gc.collect()
    assert len(made) >= 3
    assert [ref for ref in made[:-1] if ref() is not None] == []


def test_a_new_page_rebuilds_the_whole_site(
    session: ServeSession, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_files(session.project, {"docs/es-419/nueva.md": "---\ntitle: Nueva\n---\nNUEVA\n"})
    assert "was added or removed" in _rebuild_logged(session, caplog)
    assert "NUEVA" in (session.site_dir / "es-419/nueva/index.html").read_text("utf-8")
    _assert_same_as_full_build(session, tmp_path)


def test_a_liquid_error_shows_on_the_page_and_a_fix_recovers_incrementally(
    session: ServeSession, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _edit(session.project, "docs/es-419/impacto.md", "IMPACTO-one", "{% if %}")
    assert "es-419/impacto.md only" in _rebuild_logged(session, caplog)
    page = (session.site_dir / "es-419/impacto/index.html").read_text(encoding="utf-8")
    assert "Content error" in page and "es-419/impacto.md:7:" in page
    _edit(session.project, "docs/es-419/impacto.md", "{% if %}", "IMPACTO-fixed")
    assert "es-419/impacto.md only" in _rebuild_logged(session, caplog)
    page = (session.site_dir / "es-419/impacto/index.html").read_text(encoding="utf-8")
    assert "IMPACTO-fixed" in page and "Content error" not in page
    _assert_same_as_full_build(session, tmp_path)


# -- the pieces ------------------------------------------------------------------------------


def test_changed_files_tells_edits_from_new_and_removed_files() -> None:
    before = {"a": (1, 10), "b": (1, 10), "c": (1, 10)}
    after = {"a": (2, 10), "b": (1, 10), "d": (1, 10)}
    assert changed_files(before, after) == ({"a"}, {"c", "d"})


def test_no_change_in_the_snapshot_means_a_full_rebuild(tmp_path: Path) -> None:
    snapshot = {str(tmp_path / "docs/en/a.md"): (1, 1)}
    previous = SimpleNamespace(model=SiteModel(), locale_order=("en",))
    plan = plan_rebuild(snapshot, dict(snapshot), previous, set(), tmp_path / "docs", ScanCache())  # type: ignore[arg-type]
    assert plan is None


def test_merged_search_entries_keep_each_page_in_its_place() -> None:
    previous = [
        {"location": "a/", "title": "A"},
        {"location": "b/", "title": "B"},
        {"location": "b/#one", "title": "B one"},
        {"location": "c/", "title": "C"},
    ]
    rebuilt = [{"location": "b/", "title": "B2"}, {"location": "b/#two", "title": "B two"}]
    merged = merge_search_entries(previous, rebuilt)
    assert [entry["title"] for entry in merged] == ["A", "B2", "B two", "C"]
    # A page the previous index lacked goes last.
    assert merge_search_entries(previous[:1], rebuilt)[1:] == rebuilt


def test_an_editor_swap_file_does_not_force_a_full_rebuild(
    session: ServeSession, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (session.project / "docs/pt-br/.sobre.md.swp").write_bytes(b"vim")
    _edit(session.project, "docs/pt-br/sobre.md", "SOBRE-one", "SOBRE-two")
    assert _rebuild_logged(session, caplog) == (
        "Rebuilding pt-br/sobre.md only (the text changed)."
    )
    _assert_same_as_full_build(session, tmp_path)


def test_a_site_without_locales_is_rebuilt_incrementally_too(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    files = {
        "docs/index.md": "---\ntitle: Home\n---\n# Home\n\nHOME-one {{ site.pages | size }}\n",
        "docs/about.md": "---\ntitle: About\n---\n# About\n\nABOUT-one\n\n## Team\n",
    }
    config = {
        "site_name": "Plain",
        "site_url": "https://example.com/",
        "theme": {"name": "material"},
        "plugins": ["search", {"jekyll": {}}],
    }
    project = _project(tmp_path / "project", files, config)
    with _serving(project, tmp_path / "served") as serving:
        _edit(project, "docs/about.md", "ABOUT-one", "ABOUT-two")
        assert _rebuild_logged(serving, caplog) == "Rebuilding about.md only (the text changed)."
        assert "ABOUT-two" in (serving.site_dir / "about/index.html").read_text("utf-8")
        index = (serving.site_dir / "search/search_index.json").read_text("utf-8")
        assert "ABOUT-two" in index and "HOME-one" in index
        _assert_same_as_full_build(serving, tmp_path)


def test_the_reference_site_rebuilt_incrementally_equals_a_full_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = copy_reference_site(tmp_path / "project")
    with _serving(project, tmp_path / "served") as serving:
        page = project / "docs/es-419/impacto.md"
        time.sleep(0.01)
        page.write_text(page.read_text(encoding="utf-8") + "\nEDITADO-AHORA\n", "utf-8")
        logged = _rebuild_logged(serving, caplog)
        assert logged == "Rebuilding es-419/impacto.md only (the text changed)."
        served = (serving.site_dir / "es-419/impacto/index.html").read_text("utf-8")
        assert "EDITADO-AHORA" in served
        _assert_same_as_full_build(serving, tmp_path)


def test_without_the_serve_builder_it_knows_serve_rebuilds_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A MkDocs whose serve builder no longer calls `mkdocs.commands.serve.build`.
    monkeypatch.delattr(serve_command, "build")
    monkeypatch.setattr(
        ServeSession, "_builder", lambda self, config=None: build(config or self._config())
    )
    files = {"docs/index.md": "---\ntitle: Home\n---\nHOME-one\n"}
    config = {"site_name": "S", "theme": {"name": "material"}, "plugins": [{"jekyll": {}}]}
    project = _project(tmp_path / "project", files, config)
    with _serving(project, tmp_path / "served") as serving:
        _edit(project, "docs/index.md", "HOME-one", "HOME-two")
        assert _rebuild_logged(serving, caplog) == ""  # No plan: MkDocs' own full rebuild.
        assert "HOME-two" in (serving.site_dir / "index.html").read_text("utf-8")


def test_a_server_started_from_the_build_cache_rebuilds_an_edit_as_a_full_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs_jekyll.mkdocs import page_cache

    hits: list[str] = []
    real = page_cache.PassCache.lookup

    def spy(self: Any, src_uri: str, *args: Any) -> Any:
        found = real(self, src_uri, *args)
        if found is not None:
            hits.append(src_uri)
        return found

    monkeypatch.setattr(page_cache.PassCache, "lookup", spy)
    config = {
        "site_name": "Incremental",
        "site_url": "https://example.com/base/",
        "theme": {"name": "material"},
        "plugins": ["search", {"jekyll/i18n": {"languages": LANGUAGES}}, {"jekyll": {}}],
    }
    project = _project(tmp_path / "project", FILES, config)
    with _serving(project, tmp_path / "first"):
        pass  # The first server fills the build cache.
    assert hits == []
    with _serving(project, tmp_path / "served") as session:
        # Its pages came from the cache: an edit's rebuild must still show them titled.
        assert "es-419/impacto.md" in hits
        _edit(session.project, "docs/es-419/impacto.md", "IMPACTO-one", "IMPACTO-two")
        session.rebuild()
        _assert_same_as_full_build(session, tmp_path)
