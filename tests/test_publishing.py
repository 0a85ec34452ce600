"""GitHub Pages: .nojekyll, CNAME, `mkdocs gh-deploy` to a branch, and the Actions workflow."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort

from sitebuild import CONFIG_ERROR, REPO, BuildSite, error_lines, two_locale_plugins, write_files

README_BUILD = (
    "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/mkdocs build --strict"
)


def test_the_site_has_nojekyll_and_the_cname_option(build_site: BuildSite) -> None:
    site = build_site(
        files={"docs/en/index.md": "# Home\n", "docs/es-419/index.md": "# Inicio\n"},
        plugins=two_locale_plugins(cname="www.example.com"),
    )
    assert (site / ".nojekyll").is_file()
    assert (site / "CNAME").read_text() == "www.example.com\n"


def test_a_cname_with_a_scheme_is_refused(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=CONFIG_ERROR):
        build_site(
            files={"docs/index.md": "# Home\n"}, plugins=[{"jekyll": {"cname": "https://x.org/"}}]
        )
    assert error_lines(caplog) == [
        "Config value 'plugins': Plugin 'jekyll' option 'cname': Expected a host name such as "
        "'www.example.com' (no scheme, path, port or spaces), received 'https://x.org/'."
    ]


def _git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.com",
        },
    )
    return result.stdout


def test_gh_deploy_pushes_the_built_site_to_the_pages_branch(tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    _git(tmp_path, "init", "-q", "--bare", str(remote))
    project = tmp_path / "project"
    write_files(
        project,
        {
            "docs/en/index.md": "# Home\n",
            "docs/en/impact.md": "---\npermalink: /en/impact/\n---\n# Impact\n",
            "docs/es-419/index.md": "# Inicio\n",
            "docs/CNAME": "www.example.com\n",
        },
    )
    config = {
        "site_name": "Pages",
        "site_url": "https://user.github.io/repo/",
        "theme": {"name": "material"},
        "plugins": two_locale_plugins(),
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "site")
    _git(project, "remote", "add", "origin", str(remote))
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--no-history"],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    files = set(_git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split())
    assert {".nojekyll", "CNAME", "en/impact/index.html", "es-419/index.html"} <= files


def test_the_pages_workflow_builds_with_the_readme_command_and_deploys() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/pages.yml").read_text())
    # Only the deploy job may publish; the build job reads the repository and Pages' settings.
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    build = workflow["jobs"]["build"]
    runs = [step.get("run") for step in build["steps"] if "run" in step]
    assert runs == [README_BUILD]
    assert README_BUILD in (REPO / "README.md").read_text()
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    upload = next(
        s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact")
    )
    assert upload["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    # The base path comes from Pages, so user and project sites both get the right links.
    step = next(s for s in build["steps"] if s.get("run") == README_BUILD)
    assert step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    # GitHub Pages builds Jekyll in production: analytics and the like are printed.
    assert step["env"]["JEKYLL_ENV"] == "production"
