"""The repository's own files keep CI honest and the declared dependency ranges true.

Given pyproject.toml, constraints/lowest.txt, .ci/ and .github/workflows/, then the lowest
constraints pin exactly the floors pyproject declares, the checkers are pinned, the version is
written once, every workflow action is pinned to a commit with its version beside it, each job
gets only the permissions it names, and the tests workflow runs the test command on the lowest
and the newest supported Python plus the suite at the lowest allowed versions.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from typing import Any

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

import mkdocs_jekyll
from sitebuild import REPO

WORKFLOWS = sorted((REPO / ".github/workflows").glob("*.yml"))
PINNED_USES = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(?:\.\d+)*$")


def _pyproject() -> dict[str, Any]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _floors(requirements: list[str]) -> dict[str, str]:
    """Each requirement's `>=` version, by canonical package name."""
    floors = {}
    for line in requirements:
        requirement = Requirement(line)
        (floor,) = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        floors[canonicalize_name(requirement.name)] = floor
    return floors


def _constraints() -> dict[str, str]:
    pins = {}
    for line in (REPO / "constraints/lowest.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_the_lowest_constraints_pin_exactly_the_declared_floors() -> None:
    project = _pyproject()["project"]
    floors = _floors(project["dependencies"] + project["optional-dependencies"]["test"])
    pins = _constraints()
    assert sorted(pins) == sorted(floors)
    # Version('1.6') == Version('1.6.0'): the floor is the pinned release.
    assert [name for name in floors if Version(floors[name]) != Version(pins[name])] == []


def test_the_checkers_are_pinned_exactly() -> None:
    dev = _pyproject()["project"]["optional-dependencies"]["dev"]
    names = {canonicalize_name(Requirement(line).name) for line in dev}
    assert {"ruff", "mypy", "zizmor"} <= names
    assert [line for line in dev if not re.fullmatch(r"[\w.-]+==[\w.]+", line)] == []


def test_the_version_is_written_once() -> None:
    pyproject = _pyproject()
    assert "version" not in pyproject["project"]
    assert pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "plugins/mkdocs_jekyll/__init__.py"
    assert importlib.metadata.version("mkdocs-jekyll") == mkdocs_jekyll.__version__


def test_the_license_file_is_mit() -> None:
    assert _pyproject()["project"]["license"] == "MIT"
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    assert [path.name for path in WORKFLOWS] == ["pages.yml", "tests.yml"]
    for path in WORKFLOWS:
        uses = [line for line in path.read_text().splitlines() if "uses:" in line]
        assert uses, path.name
        assert [line for line in uses if not PINNED_USES.match(line)] == [], path.name


def test_every_job_names_its_own_permissions_and_checkout_keeps_no_token() -> None:
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        assert workflow["permissions"] == {}, path.name
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name}: {name}"
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False, f"{path.name}: {name}"


def test_the_tests_workflow_runs_the_test_command_and_the_lowest_versions() -> None:
    jobs = yaml.safe_load((REPO / ".github/workflows/tests.yml").read_text())["jobs"]
    assert jobs["test"]["strategy"]["matrix"]["python"] == ["3.11", "3.12", "3.13"]
    assert jobs["test"]["container"]["image"] == "python:${{ matrix.python }}-bookworm"
    assert [step.get("run") for step in jobs["test"]["steps"]] == [None, "bash .ci/run"]
    assert jobs["lowest"]["container"]["image"] == "python:3.11-bookworm"
    assert [step.get("run") for step in jobs["lowest"]["steps"]] == [None, "bash .ci/lowest"]
    lowest = (REPO / ".ci/lowest").read_text(encoding="utf-8")
    assert "pip install -q -c constraints/lowest.txt -e '.[test]'" in lowest


def test_the_test_command_installs_what_the_tests_need_and_checks_the_workflows() -> None:
    command = (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()[-1]
    assert " && bash .ci/debian-packages && " in command
    assert "pip install -q -e '.[test,dev]'" in command
    assert ".venv/bin/zizmor --offline -q .github/workflows" in command
    assert "|| true" not in command


def _readme_command(heading: str) -> str:
    """The ``sh`` block that follows ``heading`` in README.md."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    after = text[text.index(heading) :]
    match = re.search(r"```sh\n(.+?)\n```", after, re.DOTALL)
    assert match is not None, f"no sh block after {heading!r}"
    return match.group(1).strip()


def test_ci_runs_exactly_the_readme_test_command() -> None:
    """Given README.md's "Run the tests" command, then .ci/run's last line is that command."""
    run = (REPO / ".ci/run").read_text(encoding="utf-8").strip().splitlines()
    assert run[-1] == _readme_command("**Run the tests**")
