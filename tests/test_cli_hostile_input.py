"""Hostile and broken input through the real command line: exit status, message, no traceback.

Given a two-locale site built once (the "last good site"), when one hostile or broken file is
added and ``mkdocs build --strict`` (then ``mkdocs build``) runs as a user runs it, then the
exit status is the documented one, the output names the file and what went wrong in one line,
no traceback is printed, nothing from outside ``docs_dir`` is published, and after a failed
build ``site/`` is byte-identical to the last good one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from sitebuild import two_locale_plugins, write_files

SECRET = "TOP-SECRET-7f3a"

GOOD = {
    "docs/en/index.md": "---\ntitle: Home\n---\nWelcome.\n",
    "docs/en/about.md": "---\ntitle: About\npermalink: /en/about/\n---\nEnglish.\n",
    "docs/es-419/index.md": "---\ntitle: Inicio\n---\nBienvenida.\n",
}


def _settings(**jekyll: object) -> dict[str, object]:
    return {
        "site_name": "Test site",
        "site_url": "https://example.com/",
        "theme": {"name": "material"},
        "plugins": two_locale_plugins(**jekyll),
    }


@dataclass(frozen=True)
class Case:
    """One hostile input and what each command must do with it."""

    description: str
    apply: Callable[[Path, Path], None]
    """Change the project (first argument); the second is a folder outside it."""
    message: str
    """Printed by both commands (an error) or by the strict one (a warning)."""
    fails_without_strict: bool
    jekyll: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.description


def _write(rel: str, data: bytes) -> Callable[[Path, Path], None]:
    def apply(project: Path, outside: Path) -> None:
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return apply


def _link(rel: str, target: str) -> Callable[[Path, Path], None]:
    def apply(project: Path, outside: Path) -> None:
        (project / rel).symlink_to(outside / target)

    return apply


def _page(front: str, body: str = "Text.\n") -> bytes:
    return f"---\n{front}---\n{body}".encode()


CASES = [
    Case(
        "a symlink to a file outside the project is skipped with a warning",
        _link("docs/en/passwd", "secret.txt"),
        "en/passwd: symlink to '{outside}/secret.txt' points outside docs_dir; skipped",
        fails_without_strict=False,
    ),
    Case(
        "a symlink to a folder outside the project is skipped with a warning",
        _link("docs/en/etc", "etc"),
        "en/etc: symlink to '{outside}/etc' points outside docs_dir; skipped",
        fails_without_strict=False,
    ),
    Case(
        "a symlink to the filesystem root stops the build instead of walking it forever",
        lambda project, outside: (project / "docs/en/root").symlink_to("/"),
        "en/root: symlink to '/' leads back into a folder that contains it, so listing the "
        "site's files would never end. Remove the link.",
        fails_without_strict=True,
    ),
    Case(
        "a symlink to its own parent folder stops the build instead of walking it forever",
        lambda project, outside: (project / "docs/en/loop").symlink_to(project / "docs/en"),
        "en/loop: symlink to '{project}/docs/en' leads back into a folder that contains it",
        fails_without_strict=True,
    ),
    Case(
        "an endless Liquid loop stops at the loop limit",
        _write(
            "docs/en/loop.md",
            _page("title: Loop\n", "{% for i in (1..100000000) %}x{% endfor %}\n"),
        ),
        "en/loop.md:4:4: Liquid loop limit reached (1,000,000 iterations); "
        "raise plugins.jekyll.liquid_loop_limit if this page needs more",
        fails_without_strict=True,
    ),
    Case(
        "a page that is not UTF-8 names the byte and its offset",
        _write("docs/en/latin1.md", b"---\ntitle: Caf\xe9\n---\nText.\n"),
        "en/latin1.md:2: not valid UTF-8 (byte 0xe9 at offset 14); save the file as UTF-8",
        fails_without_strict=True,
    ),
    Case(
        "redirect_from with a full URL is refused under its own key",
        _write("docs/en/r.md", _page("title: R\nredirect_from: https://evil.example/\n")),
        "en/r.md:3: front matter 'redirect_from': 'https://evil.example/'",
        fails_without_strict=True,
    ),
    Case(
        "redirect_from leaving the site is refused under its own key",
        _write("docs/en/r.md", _page("title: R\nredirect_from: /../x/\n")),
        "en/r.md:3: front matter 'redirect_from': '/../x/' contains '..'",
        fails_without_strict=True,
    ),
    Case(
        "a cname that is not a host name is a configuration error",
        lambda project, outside: None,
        "option 'cname': Expected a host name such as 'www.example.com'",
        fails_without_strict=True,
        jekyll={"cname": "https://example.com/x"},
    ),
    Case(
        "a broken link (MkDocs' own strict warning) keeps the last site",
        _write("docs/en/broken.md", _page("title: Broken\n", "[x](missing.md)\n")),
        "Doc file 'en/broken.md' contains a link 'missing.md', "
        "but the target 'en/missing.md' is not found",
        fails_without_strict=False,
    ),
    Case(
        "a javascript: hero action is left out with a warning",
        _write(
            "docs/en/hero.md",
            _page(
                "title: Hero\nheader:\n  image: /x.png\n  actions:\n"
                "    - label: Go\n      url: javascript:alert(1)\n"
            ),
        ),
        "refused the URL 'javascript:alert(1)'",
        fails_without_strict=False,
    ),
]


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with its site built once by ``mkdocs build``: the last good site."""
    project = tmp_path_factory.mktemp("good") / "project"
    write_files(project, GOOD)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(_settings()), encoding="utf-8")
    result = _mkdocs(project)
    assert result.returncode == 0, result.stdout
    return project


def _mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
        check=False,
    )


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hostile_input_through_the_command_line(
    case: Case, good_site: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(good_site, project, symlinks=True)
    outside = tmp_path / "outside"
    write_files(outside, {"secret.txt": SECRET, "etc/shadow": SECRET})
    case.apply(project, outside)
    if case.jekyll:
        (project / "mkdocs.yml").write_text(
            yaml.safe_dump(_settings(**case.jekyll)), encoding="utf-8"
        )
    before = _tree(project / "site")
    message = case.message.format(outside=outside.resolve(), project=project.resolve())

    strict = _mkdocs(project, "--strict")
    assert strict.returncode == 1, strict.stdout
    assert message in strict.stdout
    assert "Traceback" not in strict.stdout
    assert _tree(project / "site") == before
    assert sorted(p.name for p in project.iterdir()) == sorted(p.name for p in good_site.iterdir())

    plain = _mkdocs(project)
    assert "Traceback" not in plain.stdout
    assert message in plain.stdout
    if case.fails_without_strict:
        assert plain.returncode == 1, plain.stdout
        assert _tree(project / "site") == before
    else:
        assert plain.returncode == 0, plain.stdout
        published = _tree(project / "site")
        assert not [path for path, data in published.items() if SECRET.encode() in data]
        assert not [path for path, data in published.items() if b"javascript:alert" in data]
