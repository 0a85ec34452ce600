"""``mkdocs-jekyll new``: a first site that builds with ``--strict`` and serves, as written.

Given an empty folder, when ``new`` writes a site (two locales by default, or ``--single``),
then ``mkdocs build --strict`` passes on it unchanged, every locale has its home, about page
and post, the author text is in each locale's language, and ``mkdocs serve`` serves it.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from mkdocs_jekyll.cli.main import cli
from sitebuild import build_project, html

TODAY = dt.datetime.now(dt.UTC).date()
DAY = TODAY.strftime("%Y/%m/%d")


def _new(dest: Path, *args: str) -> str:
    done = CliRunner().invoke(cli, ["new", str(dest), *args])
    assert done.exit_code == 0, done.output
    return done.output


@dataclass(frozen=True)
class Case:
    description: str
    args: tuple[str, ...]
    pages: frozenset[str]
    bios: dict[str, str]
    home: str


CASES = [
    Case(
        "two locales by default",
        (),
        frozenset(
            f"{loc}/{path}index.html"
            for loc in ("en", "es-419")
            for path in ("", "about/", f"{DAY}/welcome/")
        ),
        {"en/index.html": "One line about you", "es-419/index.html": "Una línea sobre ti"},
        "/en/",
    ),
    Case(
        "three locales, one without skeleton text (English text, its own lang)",
        ("--locales", "pt-BR,en,fr"),
        frozenset(
            f"{loc}/{path}index.html"
            for loc in ("pt-br", "en", "fr")
            for path in ("", "about/", f"{DAY}/welcome/")
        ),
        {"pt-br/index.html": "Uma linha sobre você", "fr/index.html": "One line about you"},
        "/pt-br/",
    ),
    Case(
        "one locale, no locale folders",
        ("--single",),
        frozenset({"index.html", "about/index.html", f"{DAY}/welcome/index.html"}),
        {"index.html": "One line about you", "about/index.html": "One line about you"},
        "/",
    ),
    Case(
        "one Spanish locale",
        ("--single", "--locales", "es-419"),
        frozenset({"index.html", "about/index.html", f"{DAY}/welcome/index.html"}),
        {"index.html": "Una línea sobre ti"},
        "/",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.description)
def test_new_site_builds_strict_as_written(tmp_path: Path, case: Case) -> None:
    dest = tmp_path / "my-site"
    output = _new(dest, *case.args)
    site = build_project(dest, strict=True)
    built = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    assert case.pages <= built
    for page, bio in case.bios.items():
        assert html(site / page).select_one(".jekyll-author__bio").get_text(strip=True) == bio
    home = html(site / case.home.lstrip("/") / "index.html")
    # The home lists the locale's own post and links its about page.
    links = [a["href"] for a in home.select(".md-content a")]
    assert f"{case.home}about/" in links
    assert f"{case.home}{DAY}/welcome/" in links
    assert output.splitlines()[1:] == [
        f"  cd {dest} && mkdocs serve           # preview at http://127.0.0.1:8000{case.home}",
        f"  cd {dest} && mkdocs build --strict  # write the site to {dest / 'site'}",
    ]


def test_new_writes_the_files_it_lists(tmp_path: Path) -> None:
    dest = tmp_path / "site"
    output = _new(dest)
    written = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())
    assert written == [
        ".gitignore",
        "_data/navigation.yml",
        f"docs/en/_posts/{TODAY.isoformat()}-welcome.md",
        "docs/en/about.md",
        "docs/en/index.md",
        f"docs/es-419/_posts/{TODAY.isoformat()}-welcome.md",
        "docs/es-419/about.md",
        "docs/es-419/index.md",
        "docs/images/profile.svg",
        "mkdocs.yml",
        "overrides/main.html",
    ]
    assert output.splitlines()[0] == f"Created 11 files in {dest} (en, es-419). Next:"
    assert (
        (dest / "overrides/main.html")
        .read_text()
        .rstrip()
        .endswith('{% extends "jekyll-main.html" %}')
    )


@dataclass(frozen=True)
class Refusal:
    description: str
    args: tuple[str, ...]
    message: str
    existing: bool = False


REFUSALS = [
    Refusal("a folder with files", (), "Error: '{dest}' is not empty: choose a new folder", True),
    Refusal("a file", (), "Error: Invalid value for 'DEST': Directory '{dest}' is a file.", True),
    Refusal(
        "a malformed locale",
        ("--locales", "en,es 419"),
        "Error: Invalid value for '--locales': "
        "Expected a locale such as 'en' or 'es-419', received 'es 419'",
    ),
    Refusal(
        "a repeated locale",
        ("--locales", "pt-br,pt_BR"),
        "Error: Invalid value for '--locales': 'pt_BR' is given twice",
    ),
    Refusal(
        "two locales with --single",
        ("--single", "--locales", "en,es"),
        "Error: Invalid value for '--locales': --single builds one locale, received 2: 'en,es'",
    ),
]


@pytest.mark.parametrize("case", REFUSALS, ids=lambda c: c.description)
def test_new_refuses_with_one_line(tmp_path: Path, case: Refusal) -> None:
    dest = tmp_path / "site"
    if case.description == "a file":
        dest.write_text("mine")
    elif case.existing:
        dest.mkdir()
        (dest / "notes.txt").write_text("mine")
    done = CliRunner().invoke(cli, ["new", str(dest), *case.args])
    assert done.exit_code != 0
    assert done.output.strip().splitlines()[-1] == case.message.format(dest=dest)
    if case.description == "a file":
        assert dest.read_text() == "mine"
    elif case.existing:
        assert [p.name for p in dest.iterdir()] == ["notes.txt"]
    else:
        assert not dest.exists()


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


def test_new_site_serves(tmp_path: Path) -> None:
    dest = tmp_path / "my-site"
    _new(dest)
    port = _free_port()
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=dest,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 60
        page = None
        while page is None and time.monotonic() < deadline:
            page = _fetch(f"http://127.0.0.1:{port}/es-419/about/")
            time.sleep(0.3)
        assert page is not None, (tmp_path / "serve.log").read_text()
        assert "Acerca de" in page
        assert "Una línea sobre ti" in page
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
