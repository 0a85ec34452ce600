"""The ``mkdocs-jekyll`` console command: installed, with help and a version."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from mkdocs_jekyll import __version__
from mkdocs_jekyll.cli.main import COMMANDS, cli


def test_the_console_script_is_installed_and_answers_help() -> None:
    script = Path(sys.executable).parent / "mkdocs-jekyll"
    found = shutil.which("mkdocs-jekyll") or str(script)
    done = subprocess.run([found, "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Usage: mkdocs-jekyll" in done.stdout


def test_version_and_every_subcommand_has_help() -> None:
    runner = CliRunner()
    done = runner.invoke(cli, ["--version"])
    assert done.exit_code == 0
    assert __version__ in done.output
    for name in COMMANDS:
        done = runner.invoke(cli, [name, "--help"])
        assert done.exit_code == 0, (name, done.output)
        assert f"Usage: cli {name}" in done.output or f"mkdocs-jekyll {name}" in done.output


def test_an_unknown_subcommand_fails_with_a_message() -> None:
    done = CliRunner().invoke(cli, ["no-such-command"])
    assert done.exit_code != 0
    assert "No such command" in done.output
