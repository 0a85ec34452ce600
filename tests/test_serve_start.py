"""`mkdocs serve` serves the default locale first and builds the other locales after.

Given a three-locale site, when `mkdocs serve` runs (a real server, on a free port of
127.0.0.1), then the default locale's pages are served once its own pass is built, the other
locales' pages follow without any edit (a request for one waits, it never gets a 404), the
served folder then equals, file by file, what serve's full first build writes, a Liquid error
of another locale shows in its page and in the log as before, and an edit still reloads.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from test_serve import _free_port, _stop, _wait_for

from mkdocs_jekyll.mkdocs.serve_start import LaterLocales, move_tree
from mkdocs_jekyll.mkdocs.shard_balance import PASS_START_PAGES
from sitebuild import THREE_LOCALES, site_tree, write_files

SPANISH_PAGES = 40
"""Enough pages that the other locales are still being built when the first page is served."""
ENGLISH_PAGES = 2 * PASS_START_PAGES + 10
"""Enough that the first pass is cut in shards and the worker's shard has pages too."""

FILES = {
    "docs/en/index.md": "---\ntitle: Home\ni18n_key: home\n---\n# Home\n\nHOME-en\n",
    "docs/en/about.md": "---\ntitle: About\ni18n_key: about\n---\n# About\n\nABOUT-one\n",
    "docs/es-419/index.md": "---\ntitle: Inicio\ni18n_key: home\n---\n# Inicio\n\nINICIO\n",
    "docs/es-419/roto.md": "---\ntitle: Roto\n---\n# Roto\n\nantes {% if %} ROTO\n",
    "docs/pt-br/index.md": "---\ntitle: Início\ni18n_key: home\n---\n# Início\n\nINICIO-pt\n",
    "docs/pt-br/sobre.md": "---\ntitle: Sobre\ni18n_key: about\n---\n# Sobre\n\nSOBRE\n",
    **{
        f"docs/es-419/pagina-{n}.md": f"---\ntitle: Página {n}\n---\n# Página {n}\n\nTEXTO-{n}\n"
        for n in range(SPANISH_PAGES)
    },
    **{
        f"docs/en/page-{n}.md": f"---\ntitle: Page {n}\n---\n# Page {n}\n\nTEXT-{n}\n"
        for n in range(ENGLISH_PAGES)
    },
}
ERROR = "es-419/roto.md:6:"
"""The start of the Liquid error's message (file:line), in the page and in the log."""


def _status(url: str, timeout: float = 120) -> tuple[int, str]:
    """One request: its status and body, however long the server holds it."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return int(response.status), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return int(error.code), ""


def _serve_build(project: Path, site_dir: Path, serve_url: str) -> dict[str, bytes]:
    """What `mkdocs serve`'s first build wrote before this change: every locale, in process.

    Outside MkDocs' command line nothing is left for later (``compat.serve_livereload``).
    """
    config: Any = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir))
    config.site_url = serve_url
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url=serve_url)
    finally:
        config.plugins.on_shutdown()
    return site_tree(site_dir)


def _project(root: Path, workers: int) -> Path:
    write_files(root, FILES)
    config = {
        "site_name": "Serve",
        "site_url": "https://example.com/base/",
        "theme": {"name": "material"},
        "plugins": [
            "search",
            {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": workers}},
            {"jekyll": {}},
        ],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


def _serve(project: Path, temp: Path, port: int) -> subprocess.Popen[bytes]:
    """`mkdocs serve` of ``project``, building below ``temp``, logging to serve.log."""
    temp.mkdir()  # `mkdocs serve` builds into a tempfile.mkdtemp() folder
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    with (project / "serve.log").open("w", encoding="utf-8") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "first-pass-in-shards"])
def test_serve_serves_the_default_locale_first_then_every_locale_as_a_full_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    project = _project(tmp_path / "project", workers)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/base"
    temp = tmp_path / "tmp"
    process = _serve(project, temp, port)
    try:
        _wait_for(f"{base}/en/about/", lambda text: "ABOUT-one" in text, timeout=120)
        # Asked for while the other locales are (likely) still being built: held, not 404.
        for path in ("/es-419/pagina-39/", "/", "/search/search_index.json"):
            status, _ = _status(f"{base}{path}")
            assert status == 200, path
        status, broken = _status(f"{base}/es-419/roto/")
        assert status == 200 and "Content error" in broken and ERROR in broken
        assert "SOBRE" in _status(f"{base}/pt-br/sobre/")[1]
        served = [path for path in temp.iterdir() if path.name.startswith("mkdocs_")]
        assert len(served) == 1, served  # The background build's scratch folder is gone.
        served_tree = site_tree(served[0])

        # An edit still rebuilds and is served.
        source = project / "docs/en/about.md"
        time.sleep(0.01)
        source.write_text(source.read_text().replace("ABOUT-one", "ABOUT-two"), "utf-8")
        _wait_for(f"{base}/en/about/", lambda text: "ABOUT-two" in text, timeout=120)
        assert "TEXTO-39" in _status(f"{base}/es-419/pagina-39/")[1]
    finally:
        _stop(process)
    assert list(temp.iterdir()) == []
    logged = (project / "serve.log").read_text(encoding="utf-8")
    assert (
        "INFO    -  mkdocs_jekyll: Building the other locales (es-419, pt-br) in the background;"
        " their pages are served once they are all built." in logged
    )
    assert logged.count(ERROR) == 1, logged  # Shown once, as the full first build shows it.
    assert "Traceback" not in logged, logged

    source.write_text(source.read_text().replace("ABOUT-two", "ABOUT-one"), "utf-8")
    monkeypatch.chdir(project)
    full = _serve_build(project, tmp_path / "full", f"{base}/")
    assert sorted(served_tree) == sorted(full)
    assert [path for path in full if served_tree[path] != full[path]] == []


def test_an_edit_saved_during_the_background_build_is_rebuilt_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path / "project", 1)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/base"
    temp = tmp_path / "tmp"
    process = _serve(project, temp, port)
    try:
        _wait_for(f"{base}/en/about/", lambda text: "ABOUT-one" in text, timeout=120)
        source = project / "docs/en/about.md"
        source.write_text(source.read_text().replace("ABOUT-one", "ABOUT-two"), "utf-8")
        _wait_for(f"{base}/en/about/", lambda text: "ABOUT-two" in text, timeout=120)
        assert "TEXTO-39" in _status(f"{base}/es-419/pagina-39/")[1]
        served = [path for path in temp.iterdir() if path.name.startswith("mkdocs_")]
        served_tree = site_tree(served[0])
    finally:
        _stop(process)
    monkeypatch.chdir(project)
    full = _serve_build(project, tmp_path / "full", f"{base}/")
    assert sorted(served_tree) == sorted(full)
    assert [path for path in full if served_tree[path] != full[path]] == []


def test_stopping_the_server_during_the_background_build_leaves_nothing_behind(
    tmp_path: Path,
) -> None:
    project = _project(tmp_path / "project", 1)
    port = _free_port()
    temp = tmp_path / "tmp"
    process = _serve(project, temp, port)
    try:
        _wait_for(f"http://127.0.0.1:{port}/base/en/about/", lambda text: "ABOUT-one" in text)
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl+C, most likely while es-419 is built
        assert process.wait(timeout=60) == 0
    assert list(temp.iterdir()) == []
    logged = (project / "serve.log").read_text(encoding="utf-8")
    assert "Traceback" not in logged and "ERROR   -  Error" not in logged, logged


def test_move_tree_moves_every_file_and_removes_what_the_source_lacks(tmp_path: Path) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    write_files(source, {"a.html": "A2", "es/b.html": "B", "es/x/c.html": "C"})
    write_files(target, {"a.html": "A1", "gone.html": "G", "en/d.html": "D"})
    (source / "en").mkdir()
    (source / "en/d.html").write_text("D", encoding="utf-8")
    move_tree(source, target)
    assert site_tree(target) == {
        "a.html": b"A2",
        "en/d.html": b"D",
        "es/b.html": b"B",
        "es/x/c.html": b"C",
    }


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("/base/en/about/", True),
        ("/base/en/about", True),  # The server redirects it to the folder's index.
        ("/base/assets/main.css", True),
        ("/base/en/../en/about/", True),
        ("/base/es-419/", False),
        ("/base/", False),
        ("/base/search/search_index.json", False),
        ("/livereload/1/2", True),
        ("/elsewhere/", True),  # Outside the site: the server answers it at once.
    ],
    ids=lambda value: str(value),
)
def test_only_files_the_first_pass_wrote_are_served_before_the_other_locales(
    path: str, ready: bool
) -> None:
    later = LaterLocales(enabled=True)
    files = [
        type("F", (), {"dest_uri": uri})
        for uri in ("en/about/index.html", "assets/main.css", "en/index.html")
    ]
    later.note_files(files)  # type: ignore[arg-type]
    environ = {"PATH_INFO": path}
    assert later._ready_for(environ, "/base/") is ready


def test_a_failed_background_build_holds_its_pages_until_a_rebuild_works(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    served = tmp_path / "served"
    write_files(served, {"en/index.html": "EN"})
    config: Any = SimpleNamespace(site_dir=str(served), site_url="http://127.0.0.1:8000/")

    def failing_pass() -> None:
        write_files(Path(config.site_dir), {"es-419/index.html": "HALF"})
        raise PluginError("es-419/roto.md: something broke")

    later = LaterLocales(enabled=True)
    later.note_files([SimpleNamespace(dest_uri="en/index.html")])  # type: ignore[list-item]
    later.defer(failing_pass, ["es-419"])
    with caplog.at_level(logging.ERROR):
        assert later.start(config, finish=lambda: None)
        later.wait()
    assert [r.getMessage() for r in caplog.records] == [
        "mkdocs_jekyll: Building the other locales failed: es-419/roto.md: something broke. "
        "Their pages are held until a rebuild (save a file) succeeds."
    ]
    # Nothing of the failed build was put in place, and its scratch folder is gone.
    assert site_tree(tmp_path) == {"served/en/index.html": b"EN"}
    assert later.failed

    forgotten: list[bool] = []
    rebuilt: list[object] = []
    server = SimpleNamespace(builder=lambda config=None: rebuilt.append(config))
    later.serve(server, config, forget=lambda: forgotten.append(True))  # type: ignore[arg-type]
    assert not later._open.is_set()  # Another locale's page is still held.
    server.builder()  # A save: a full rebuild (the failed build's state is forgotten).
    assert forgotten == [True] and rebuilt == [None]
    assert later._open.is_set()
