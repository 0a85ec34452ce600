"""Atomic builds: whatever fails, the previous ``site/`` is left exactly as it was.

Each build writes into a folder beside ``site/`` that replaces it only once the whole build
(MkDocs' strict-mode check included) succeeded; see ``mkdocs_jekyll.mkdocs.staging``.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from sitebuild import build_project, write_files

GOOD = {
    "docs/en/index.md": "# Home\n\n[About](about.md)\n",
    "docs/en/about.md": "---\nredirect_from: /old-about/\n---\n# About\n\nEnglish.\n",
    "docs/es-419/index.md": "# Inicio\n\n[Acerca](about.md)\n",
    "docs/es-419/about.md": "# Acerca\n\nEspañol.\n",
    "docs/images/logo.txt": "logo\n",
}

# Hooks standing in for another plugin (MkDocs' `hooks:` option).
POST_BUILD_FAILS = """
from mkdocs.exceptions import PluginError

def on_post_build(config):
    raise PluginError("another plugin failed in on_post_build")
"""
MARKDOWN_FAILS = """
def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == "{prefix}about.md":
        raise RuntimeError("another plugin broke {prefix}")
    return markdown
"""


def _settings(jekyll: dict[str, Any], i18n: dict[str, Any], hooks: bool) -> dict[str, Any]:
    """``mkdocs.yml`` of the two-locale site (en default, es-419)."""
    languages = [
        {"locale": "en", "name": "English", "default": True},
        {"locale": "es-419", "name": "Español"},
    ]
    settings: dict[str, Any] = {
        "site_name": "Test site",
        "site_url": "https://example.com/",
        "theme": {"name": "material"},
        "plugins": [
            "search",
            {"jekyll/i18n": {"languages": languages, "parallel_workers": 1, **i18n}},
            {"jekyll": jekyll},
        ],
    }
    if hooks:
        settings["hooks"] = ["hooks.py"]
    return settings


def _write_project(
    project: Path,
    *,
    files: dict[str, str] | None = None,
    jekyll: dict[str, Any] | None = None,
    i18n: dict[str, Any] | None = None,
    hooks: str | None = None,
) -> None:
    """Write the two-locale project: ``GOOD`` with ``files`` over it, and its mkdocs.yml."""
    write_files(project, {**GOOD, **(files or {})})
    if hooks is not None:
        write_files(project, {"hooks.py": hooks})
    settings = _settings(jekyll or {}, i18n or {}, hooks is not None)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")


def _snapshot(site: Path) -> dict[str, bytes]:
    """Every file below ``site`` (hidden ones too) and its bytes."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _leftovers(site: Path) -> list[str]:
    """Folders a build left beside ``site/`` (staged or previous sites)."""
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@dataclass(frozen=True)
class Case:
    """A build that fails after a good one."""

    description: str
    error: type[Exception]
    message: str
    """The exception's message."""
    logged: str | None = None
    """An ERROR record the failure logs, when it logs one."""
    warned: str | None = None
    """The one WARNING record a strict-mode failure counts."""
    files: dict[str, str] = field(default_factory=dict)
    jekyll: dict[str, Any] = field(default_factory=dict)
    i18n: dict[str, Any] = field(default_factory=dict)
    hooks: str | None = None
    strict: bool = False


FAILURES = [
    Case(
        "our content error",
        Abort,
        "Aborted with a BuildError!",
        "en/about.md:1:4: missing expression in 'if' tag",
        files={"docs/en/about.md": "{% if %}\n"},
    ),
    Case(
        "a strict-mode warning (a broken link)",
        Abort,
        "Aborted with 1 warnings in strict mode!",
        warned="Doc file 'en/about.md' contains a link 'missing.md', but the target "
        "'en/missing.md' is not found among documentation files.",
        files={"docs/en/about.md": "[Gone](missing.md)\n"},
        strict=True,
    ),
    Case(
        "a strict-mode warning in the second locale's pass",
        Abort,
        "Aborted with 1 warnings in strict mode!",
        warned="Doc file 'es-419/about.md' contains a link 'missing.md', but the target "
        "'es-419/missing.md' is not found among documentation files.",
        files={"docs/es-419/about.md": "[Gone](missing.md)\n"},
        strict=True,
    ),
    Case(
        "another plugin raising in on_post_build",
        Abort,
        "Aborted with a BuildError!",
        "another plugin failed in on_post_build",
        hooks=POST_BUILD_FAILS,
    ),
    Case(
        "another plugin raising in on_post_build while locale workers run",
        Abort,
        "Aborted with a BuildError!",
        "another plugin failed in on_post_build",
        hooks=POST_BUILD_FAILS,
        i18n={"parallel_workers": 2},
    ),
    Case(
        "another plugin raising in on_page_markdown",
        RuntimeError,
        "another plugin broke en/",
        "Error reading page 'en/about.md': another plugin broke en/",
        hooks=MARKDOWN_FAILS.format(prefix="en/"),
    ),
    Case(
        "a bad cname (a configuration error)",
        Abort,
        "Aborted with a configuration error!",
        "Config value 'plugins': Plugin 'jekyll' option 'cname': Expected a host name such "
        "as 'www.example.com' (no scheme, path, port or spaces), received "
        "'https://example.com/'.",
        jekyll={"cname": "https://example.com/"},
    ),
    Case(
        "a failed locale pass, one locale after another",
        RuntimeError,
        "another plugin broke es-419/",
        "Error reading page 'es-419/about.md': another plugin broke es-419/",
        hooks=MARKDOWN_FAILS.format(prefix="es-419/"),
    ),
    Case(
        "a failed locale pass in a parallel worker",
        Abort,
        "Aborted with a BuildError!",
        "the 'es-419' locale pass failed: RuntimeError: another plugin broke es-419/",
        hooks=MARKDOWN_FAILS.format(prefix="es-419/"),
        i18n={"parallel_workers": 2},
    ),
]


@pytest.mark.parametrize("case", FAILURES, ids=[c.description for c in FAILURES])
def test_given_a_good_site_when_a_build_fails_then_site_is_byte_identical(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, case: Case
) -> None:
    project = tmp_path / "project"
    _write_project(project, jekyll={"cname": "www.example.com"})
    site = build_project(project)
    before = _snapshot(site)
    # Every writer (MkDocs, Material's search, static-i18n's passes, our outputs) wrote
    # into the staged folder, and no output names it.
    assert set(before) >= {
        ".nojekyll",
        "CNAME",
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "search/search_index.json",
        "en/about/index.html",
        "es-419/about/index.html",
        "old-about/index.html",
        "images/logo.txt",
    }
    assert not [path for path, data in before.items() if b".site.building" in data]

    _write_project(project, files=case.files, jekyll=case.jekyll, i18n=case.i18n, hooks=case.hooks)
    with caplog.at_level(logging.WARNING), pytest.raises(case.error) as raised:
        build_project(project, strict=case.strict)

    assert str(raised.value) == case.message
    if case.logged is not None:
        assert case.logged in _errors(caplog)
    if case.warned is not None:
        warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert warned == [case.warned]
    assert _snapshot(site) == before
    assert _leftovers(site) == []


def test_given_a_failed_build_when_the_next_build_succeeds_then_site_is_replaced_fully(
    tmp_path: Path,
) -> None:
    project = tmp_path / "project"
    _write_project(project)
    site = build_project(project)
    # A failed locale pass in between (static-i18n's loop stops half-way).
    _write_project(project, hooks=MARKDOWN_FAILS.format(prefix="es-419/"))
    with pytest.raises(RuntimeError, match=r"^another plugin broke es-419/$"):
        build_project(project)

    (project / "hooks.py").unlink()
    _write_project(project, files={"docs/es-419/about.md": "# Acerca\n\nNuevo.\n"})
    (project / "docs/en/about.md").unlink()
    site = build_project(project)

    assert not (site / "en/about").exists()
    assert "Nuevo." in (site / "es-419/about/index.html").read_text(encoding="utf-8")
    assert (site / ".nojekyll").is_file()
    assert _leftovers(site) == []


def test_given_a_hidden_entry_in_site_when_rebuilt_then_it_stays_as_mkdocs_keeps_it(
    tmp_path: Path,
) -> None:
    """MkDocs' clean step never deletes ``site/.git`` (a publishing checkout); nor do we."""
    project = tmp_path / "project"
    _write_project(project)
    site = build_project(project)
    write_files(site, {".git/HEAD": "ref: refs/heads/gh-pages\n", "stale.html": "old"})

    build_project(project)

    assert (site / ".git/HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert not (site / "stale.html").exists()
    assert _leftovers(site) == []


def test_given_a_linked_site_folder_when_rebuilt_then_the_link_stays_and_its_target_changes(
    tmp_path: Path,
) -> None:
    project = tmp_path / "project"
    _write_project(project)
    outside = tmp_path / "out" / "site"
    outside.mkdir(parents=True)
    (project / "site").symlink_to(outside, target_is_directory=True)
    write_files(outside, {"stale.html": "old"})

    site = build_project(project)

    assert site == project / "site"
    assert site.is_symlink()
    assert (outside / "en/about/index.html").is_file()
    assert not (outside / "stale.html").exists()
    assert _leftovers(outside) == []


def test_given_a_staged_folder_of_a_dead_build_when_built_then_it_is_removed(
    tmp_path: Path,
) -> None:
    """Ctrl-C skips ``on_build_error``: the next build removes what the dead one left."""
    project = tmp_path / "project"
    _write_project(project)
    dead = 2**22 + 1  # Above Linux's default pid_max: no such process.
    write_files(project, {f".site.building-{dead}/en/index.html": "half"})

    site = build_project(project)

    assert _leftovers(site) == []


def test_given_dirty_when_rebuilt_then_unchanged_and_stale_files_stay(tmp_path: Path) -> None:
    project = tmp_path / "project"
    write_files(project, {"docs/index.md": "# Home\n", "docs/old.md": "# Old\n"})
    settings = {"site_name": "Test site", "theme": {"name": "material"}, "plugins": ["jekyll"]}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    site = build_project(project)
    index = site / "index.html"
    os.utime(index, (1, 1))  # Older than its source: a dirty build rewrites it.
    stale = (site / "old/index.html").read_bytes()
    (project / "docs/old.md").unlink()

    config = load_config(str(project / "mkdocs.yml"))
    build(config, dirty=True)

    assert config.site_dir == str(site)
    assert (site / "old/index.html").read_bytes() == stale  # --dirty never deletes
    assert index.stat().st_mtime > 1
    assert _leftovers(site) == []


def test_given_a_build_when_done_or_failed_then_config_site_dir_is_the_real_folder(
    tmp_path: Path,
) -> None:
    """``mkdocs gh-deploy`` publishes ``config.site_dir`` after ``build()``."""
    project = tmp_path / "project"
    _write_project(project)
    config = load_config(str(project / "mkdocs.yml"))
    real = config.site_dir

    build(config)
    assert config.site_dir == real
    assert (Path(real) / "en/index.html").is_file()

    _write_project(project, hooks=POST_BUILD_FAILS)
    config = load_config(str(project / "mkdocs.yml"))
    with pytest.raises(Abort, match=r"^Aborted with a BuildError!$"):
        build(config)
    assert config.site_dir == real


# -- options checked when mkdocs.yml is read ------------------------------------------------


@dataclass(frozen=True)
class OptionCase:
    """A ``jekyll`` option value refused when the config is loaded."""

    description: str
    option: str
    value: str
    expected: str


BAD_OPTIONS = [
    OptionCase(
        "cname with a path",
        "cname",
        "example.com/blog",
        "Expected a host name such as 'www.example.com' (no scheme, path, port or spaces), "
        "received 'example.com/blog'.",
    ),
    OptionCase(
        "cname with a port",
        "cname",
        "example.com:8080",
        "Expected a host name such as 'www.example.com' (no scheme, path, port or spaces), "
        "received 'example.com:8080'.",
    ),
    OptionCase(
        "cname with a space",
        "cname",
        "www.example .com",
        "Expected a host name such as 'www.example.com' (no scheme, path, port or spaces), "
        "received 'www.example .com'.",
    ),
    OptionCase(
        "report file outside the site",
        "i18n_report_file",
        "../i18n.json",
        "Expected a path inside the site folder such as 'i18n-report.json', "
        "received '../i18n.json'.",
    ),
    OptionCase(
        "absolute data_dir",
        "data_dir",
        "/etc",
        "Expected a folder inside the project such as '_data', received '/etc'.",
    ),
    OptionCase(
        "includes_dir leaving the project",
        "includes_dir",
        "../shared/_includes",
        "Expected a folder inside the project such as '_includes', received '../shared/_includes'.",
    ),
]


@pytest.mark.parametrize("case", BAD_OPTIONS, ids=[c.description for c in BAD_OPTIONS])
def test_given_a_bad_path_option_when_config_is_read_then_it_names_the_option(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, case: OptionCase
) -> None:
    project = tmp_path / "project"
    _write_project(project, jekyll={case.option: case.value})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort) as raised:
        load_config(str(project / "mkdocs.yml"))
    assert str(raised.value) == "Aborted with a configuration error!"
    assert _errors(caplog) == [
        f"Config value 'plugins': Plugin 'jekyll' option '{case.option}': {case.expected}"
    ]
    assert not (project / "site").exists()


@pytest.mark.parametrize("host", ["www.example.com", "example.co.uk", "xn--bcher-kva.de"])
def test_given_a_host_name_cname_then_it_is_written(tmp_path: Path, host: str) -> None:
    project = tmp_path / "project"
    _write_project(project, jekyll={"cname": host})
    site = build_project(project)
    assert (site / "CNAME").read_text(encoding="utf-8") == f"{host}\n"
