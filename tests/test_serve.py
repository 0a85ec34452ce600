"""`mkdocs serve` serves the locale pages and rebuilds on edits to pages, _data and _includes.

Given a two-locale site, when `mkdocs serve` runs on a free port of 127.0.0.1, then both
locales' pages are served at their permalinks, and editing a page, a data file or an include
is visible after the automatic rebuild. The test stops the server it started.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from sitebuild import two_locale_plugins, write_files


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, predicate: Callable[[str], bool], timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    last: str | None = None
    while time.monotonic() < deadline:
        last = _fetch(url)
        if last is not None and predicate(last):
            return last
        time.sleep(0.3)
    raise AssertionError(f"{url} did not satisfy the condition in {timeout}s; last: {last!r:.300}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = tmp_path / "site"
    write_files(
        project,
        {
            "docs/en/index.md": "Home\n",
            "docs/en/impact.md": (
                "---\npermalink: /en/impact/\n---\n"
                "DATA-{{ site.data.msg.text }} {% include bit.html %} PAGE-one\n\n"
                "ABS-{{ '/x/' | absolute_url }}\n"
            ),
            "docs/es-419/index.md": "Inicio\n",
            "docs/es-419/impacto.md": (
                "---\ntitle: Impacto\npermalink: /es-419/impacto/\n---\nImpacto\n"
            ),
            "_data/msg.yml": "text: first\n",
            "_includes/bit.html": "INC-first",
            "overrides/main.html": (
                '{% extends "base.html" %}{% block announce %}OVR-first{% endblock %}'
            ),
        },
    )
    config = {
        "site_name": "Serve",
        "site_url": "https://example.com/base/",
        "theme": {"name": "material", "custom_dir": "overrides"},
        "plugins": two_locale_plugins(),
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    port = _free_port()
    # `mkdocs serve` builds into a tempfile.mkdtemp() folder: keep it inside tmp_path.
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    with (project / "serve.log").open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            yield project, f"http://127.0.0.1:{port}/base"
        finally:
            _stop(process)
    # Ctrl+C (not SIGTERM) lets `mkdocs serve` run its cleanup, which removes that folder.
    assert list(temp.iterdir()) == []


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop `mkdocs serve` as Ctrl+C does; kill it only if it does not stop in 10 s."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_serve_serves_both_locales_and_rebuilds_on_edits(served: tuple[Path, str]) -> None:
    project, base = served
    page = _wait_for(f"{base}/en/impact/", lambda text: "DATA-first" in text)
    assert "INC-first" in page and "PAGE-one" in page
    # Like `jekyll serve`, site.url is the dev server's address, under the base path.
    assert f"ABS-{base}/x/" in page
    assert "Impacto" in _wait_for(f"{base}/es-419/impacto/", lambda text: "Impacto" in text)

    (project / "_data/msg.yml").write_text("text: second\n", encoding="utf-8")
    _wait_for(f"{base}/en/impact/", lambda text: "DATA-second" in text)

    (project / "_includes/bit.html").write_text("INC-second", encoding="utf-8")
    _wait_for(f"{base}/en/impact/", lambda text: "INC-second" in text)

    overrides = project / "overrides/main.html"
    overrides.write_text(overrides.read_text().replace("OVR-first", "OVR-second"), "utf-8")
    _wait_for(f"{base}/en/impact/", lambda text: "OVR-second" in text)

    source = project / "docs/en/impact.md"
    source.write_text(source.read_text().replace("PAGE-one", "PAGE-two"), encoding="utf-8")
    _wait_for(f"{base}/en/impact/", lambda text: "PAGE-two" in text)


def test_serve_shows_a_front_matter_error_and_recovers(served: tuple[Path, str]) -> None:
    project, base = served
    _wait_for(f"{base}/en/impact/", lambda text: "PAGE-one" in text)
    source = project / "docs/en/impact.md"
    good = source.read_text()
    source.write_text(good.replace("permalink: /en/impact/", "permalink: [broken"), "utf-8")
    # The page moves to its path-based URL (its permalink is unreadable) and shows the error.
    page = _wait_for(f"{base}/en/impact/", lambda text: "Content error" in text)
    assert "en/impact.md:" in page and "invalid YAML front matter" in page
    assert "Impacto" in _wait_for(f"{base}/es-419/impacto/", lambda text: "Impacto" in text)
    source.write_text(good.replace("PAGE-one", "PAGE-fixed"), encoding="utf-8")
    _wait_for(
        f"{base}/en/impact/", lambda text: "PAGE-fixed" in text and "Content error" not in text
    )


def test_serve_shows_a_liquid_error_and_recovers(served: tuple[Path, str]) -> None:
    project, base = served
    _wait_for(f"{base}/en/impact/", lambda text: "PAGE-one" in text)
    source = project / "docs/en/impact.md"
    good = source.read_text()
    source.write_text(good.replace("PAGE-one", "{% if %}"), encoding="utf-8")
    page = _wait_for(f"{base}/en/impact/", lambda text: "Content error" in text)
    assert "en/impact.md:4:" in page
    # The rest of the site is still served.
    assert "Impacto" in _wait_for(f"{base}/es-419/impacto/", lambda text: "Impacto" in text)
    source.write_text(good.replace("PAGE-one", "PAGE-fixed"), encoding="utf-8")
    _wait_for(
        f"{base}/en/impact/", lambda text: "PAGE-fixed" in text and "Content error" not in text
    )


def test_serve_rebuilds_only_the_page_whose_text_changed(served: tuple[Path, str]) -> None:
    project, base = served
    _wait_for(f"{base}/es-419/impacto/", lambda text: "Impacto" in text)
    source = project / "docs/es-419/impacto.md"
    source.write_text(source.read_text().replace("---\nImpacto", "---\nImpacto EDITADO"), "utf-8")
    _wait_for(f"{base}/es-419/impacto/", lambda text: "Impacto EDITADO" in text)
    log = (project / "serve.log").read_text(encoding="utf-8")
    assert "Rebuilding es-419/impacto.md only (the text changed)." in log, log
    # The other locale is still served, unchanged.
    assert "PAGE-one" in _wait_for(f"{base}/en/impact/", lambda text: "PAGE-one" in text)
