"""Given the ``mkdocs`` command line building a site, when it exits, then every ``atexit``
handler has run, what they printed is out, the status is click's, and the interpreter's
teardown is skipped (``process_exit``); wherever that could change what the process does,
the interpreter exits as usual.

The teardown shows itself in the lines ``python -v`` writes as it clears modules
(``# clear sys.argv``), which come after every ``atexit`` handler and never after
``os._exit``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_jekyll.mkdocs import process_exit
from sitebuild import THREE_LOCALES, site_tree, write_project

FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Welcome\n[a](a.md)\n",
    "docs/en/a.md": "---\ntitle: A page\n---\nText {{ site.pages | size }}\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/pt-br/index.md": "# Início\n",
}

_CLI = """
import atexit, sys

atexit.register(lambda: print("earlier handler ran", end=""))  # before the build's own

from mkdocs.__main__ import cli

sys.argv = [{program!r}, "build", *{args!r}]
try:
    cli()
finally:
    if {late!r}:  # registered after the build's shutdown: the first to run at exit
        atexit.register(lambda: print("late handler ran", end=""))
"""

TEARDOWN = "# clear sys.argv"


def _project(folder: Path, **config: object) -> Path:
    plugins: list[object] = [
        "search",
        {"jekyll/i18n": {"languages": THREE_LOCALES}},
        {"jekyll": {}},
    ]
    return write_project(folder, FILES, plugins=plugins, **config)


def _cli(
    project: Path, *args: str, program: str = "mkdocs", late: bool = False
) -> tuple[int, str, str, bool]:
    """The script's status, standard output and error, and whether the interpreter's
    teardown ran."""
    code = _CLI.format(program=program, args=list(args), late=late)
    done = subprocess.run(
        [sys.executable, "-v", "-c", code],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
        timeout=300,
    )
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    return done.returncode, done.stdout, done.stderr, TEARDOWN in done.stderr.splitlines()


def test_the_command_line_runs_every_handler_and_skips_the_teardown(tmp_path: Path) -> None:
    status, stdout, _, teardown = _cli(_project(tmp_path / "cli"), "-q")
    assert (status, stdout, teardown) == (0, "earlier handler ran", False)  # flushed, no newline
    status, stdout, _, teardown = _cli(_project(tmp_path / "plain"), "-q", program="build-site")
    assert (status, stdout, teardown) == (0, "earlier handler ran", True)  # as this test sees it
    assert site_tree(tmp_path / "cli" / "site") == site_tree(tmp_path / "plain" / "site")


def test_a_failed_strict_build_exits_with_clicks_status(tmp_path: Path) -> None:
    project = _project(tmp_path / "cli")
    for name in ("a", "b"):  # two pages claiming one URL: a warning
        page = project / "docs" / "en" / f"{name}.md"
        page.write_text(f"---\npermalink: /en/same/\n---\n{name}\n", encoding="utf-8")
    # (Not `-q`: MkDocs counts the warnings it logs.)
    status, stdout, _, teardown = _cli(project, "--strict")
    assert status == 1
    # The conflict, and the home page's link to the page not written.
    assert stdout == "\nAborted with 2 warnings in strict mode!\nearlier handler ran"
    assert not teardown


def test_a_handler_registered_after_it_leaves_the_exit_to_the_interpreter(
    tmp_path: Path,
) -> None:
    status, stdout, _, teardown = _cli(_project(tmp_path / "cli"), "-q", late=True)
    assert (status, stdout, teardown) == (0, "late handler ranearlier handler ran", True)


_ARM = """
import sys
from mkdocs_jekyll.mkdocs import process_exit

sys.argv = ["mkdocs", "build"]
print(process_exit.arm(["search", "jekyll", "material/tags"]), end=" ")
print(process_exit.arm(["search", "jekyll", "jekyll/i18n"]), end="")
sys.exit(3)
"""


def test_other_plugins_are_refused_and_a_noted_status_is_the_exit_status() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _ARM], capture_output=True, text=True, check=False, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (3, "False True", "")


@pytest.mark.parametrize(
    ("program", "expected"),
    [
        ("/venv/bin/mkdocs", True),
        ("mkdocs", True),
        ("C:\\venv\\Scripts\\mkdocs.exe".replace("\\", os.sep), True),
        (os.path.join("/venv", "lib", "site-packages", "mkdocs", "__main__.py"), True),
        (os.path.join("/venv", "lib", "site-packages", "other", "__main__.py"), False),
        ("/venv/bin/pytest", False),
        ("-c", False),
    ],
)
def test_only_the_mkdocs_command_line_is_the_command_line(
    monkeypatch: pytest.MonkeyPatch, program: str, expected: bool
) -> None:
    monkeypatch.setattr(sys, "argv", [program, "build"])
    assert process_exit.command_line() is expected
