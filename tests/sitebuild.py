"""Helpers shared by the tests: build real sites in a temporary folder and read their output."""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

REPO = Path(__file__).resolve().parent.parent

BuildSite = Callable[..., Path]


def load_bench_script(name: str) -> ModuleType:
    """``bench/<name>.py`` as module ``bench_<name>`` (the bench is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def write_files(root: Path, files: Mapping[str, str]) -> None:
    """Write ``files`` (path relative to ``root`` -> text, dedented) below ``root``."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


THREE_LOCALES: list[dict[str, Any]] = [
    {"locale": "en", "name": "English", "default": True},
    {"locale": "es-419", "name": "Español"},
    {"locale": "pt-br", "name": "Português"},
]
"""``jekyll/i18n`` languages of the three-locale fixtures (default en, es-419, pt-br)."""


LOCALE_FILES_SITE: dict[str, str] = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Welcome\n[b](guide/README.md)\n",
    "docs/en/guide/README.md": "# Guide\n[home](../index.md)\n",
    "docs/en/img/logo.png": "en",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n![l](img/logo.png)\n",
    "docs/es-419/img/logo.png": "es",
    "docs/pt-br/index.md": "# Início\n[en](../en/index.md)\n",
    "docs/cv/page.md": "# CV\n",
    "docs/assets/site.css": "body {}\n",
}
"""A three-locale site (``THREE_LOCALES``) of the file shapes a locale pass makes files of:
a README page, images in locale folders, links within and across locales, a folder named
like a locale that is not one (``cv/``) and a root asset. For tests that build it two ways."""

SEQUENTIAL_THREE_LOCALES: list[Any] = [
    "search",
    {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": 1}},
    {"jekyll": {}},
]
"""The ``plugins`` of ``LOCALE_FILES_SITE``: its locale passes one after another."""


def three_locales(workers: int, **extra: Any) -> dict[str, Any]:
    """The ``mkdocs.yml`` keys of a three-locale Material site with pretty permalinks, its
    passes spread over ``workers`` processes, and ``extra`` keys."""
    return {
        "theme": {"name": "material"},
        "plugins": [
            "search",
            {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": workers}},
            {"jekyll": {"permalink": "pretty"}},
        ],
        **extra,
    }


def three_locales_with_overrides(workers: int) -> dict[str, Any]:
    """``three_locales`` with an ``overrides`` folder (``custom_dir``)."""
    return three_locales(workers, theme={"name": "material", "custom_dir": "overrides"})


def copy_reference_site(dest: Path, *, site_url: str | None = None) -> Path:
    """Copy the repository's reference site to ``dest``, optionally with another site_url."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "_data", "_includes", "overrides"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name)
        elif source.exists():
            shutil.copy(source, dest / name)
    if site_url is not None:
        config = dest / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(
            text.replace('!ENV [SITE_URL, "https://example.github.io/"]', site_url), "utf-8"
        )
    return dest


def two_locale_plugins(**jekyll: Any) -> list[Any]:
    """The plugin list of a two-locale site (en default, es-419), with ``jekyll`` options."""
    return [
        "search",
        {
            "jekyll/i18n": {
                "languages": [
                    {"locale": "en", "name": "English", "default": True},
                    {"locale": "es-419", "name": "Español"},
                ]
            }
        },
        {"jekyll": jekyll},
    ]


def build_project(project: Path, *, strict: bool = False) -> Path:
    """Run ``mkdocs build`` in-process on ``project/mkdocs.yml``; return the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), strict=strict)
        build(config)
    finally:
        os.chdir(cwd)
    return Path(config.site_dir)


def write_project(root: Path, files: Mapping[str, str], **config: Any) -> Path:
    """Write ``files`` and a Material ``mkdocs.yml`` (keyword arguments override its keys;
    ``plugins`` defaults to a bare ``jekyll``) below ``root``; return ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    write_files(root, files)
    settings: dict[str, Any] = {
        "site_name": "Test site",
        "site_url": "https://example.com/",
        "theme": {"name": "material"},
        "plugins": [{"jekyll": {}}],
    }
    settings.update(config)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return root


def make_site_builder(tmp_path: Path) -> BuildSite:
    """``build(files={...}, strict=False, **mkdocs_yml)`` builds a site in ``tmp_path``.

    ``files`` are paths relative to the project (``docs/en/a.md``, ``_data/x.yml``);
    keyword arguments become ``mkdocs.yml`` keys (``plugins`` defaults to a bare ``jekyll``).
    """

    def _build(files: Mapping[str, str], strict: bool = False, **config: Any) -> Path:
        project = write_project(tmp_path / "project", files, **config)
        return build_project(project, strict=strict)

    return _build


def html(path: Path) -> BeautifulSoup:
    """Parse an output HTML file."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def output_paths(site: Path, suffix: str = ".html") -> set[str]:
    """All output files with ``suffix``, relative to ``site``, POSIX separators."""
    return {p.relative_to(site).as_posix() for p in site.rglob(f"*{suffix}")}


JEKYLL = shutil.which("jekyll")
"""The real ``jekyll`` executable, for tests that check a behaviour against Jekyll itself."""


def jekyll_build(
    source: Path,
    files: Mapping[str, str],
    config: str = "",
    *,
    args: Sequence[str] = (),
    mtimes: Mapping[str, float] | None = None,
) -> tuple[Path, str]:
    """Build ``files`` (written verbatim below ``source``) with the real Jekyll.

    ``args`` are added to ``jekyll build`` (``--drafts``); ``mtimes`` sets the modification
    time of written files (path -> epoch seconds), which dates Jekyll's drafts.

    Returns:
        The site folder (``source``'s sibling ``_site``) and Jekyll's log, warnings included.
    """
    assert JEKYLL is not None
    source.mkdir(parents=True, exist_ok=True)
    (source / "_config.yml").write_text(config, encoding="utf-8")
    for rel, text in files.items():
        target = source / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for rel, when in (mtimes or {}).items():
        os.utime(source / rel, (when, when))
    site = source.parent / "_site"
    done = subprocess.run(
        [JEKYLL, "build", "--disable-disk-cache", "-s", str(source), "-d", str(site), *args],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "JEKYLL_NO_BUNDLER_REQUIRE": "true"},
    )
    return site, done.stdout + done.stderr


BUILD_ERROR = r"^Aborted with a BuildError!$"
"""``Abort``'s message after a ``PluginError`` (any ``BuildError``): the same for every error, so
a test also asserts the ERROR record MkDocs logs just before it (``error_lines(caplog)``)."""


CONFIG_ERROR = r"^Aborted with a configuration error!$"
"""``Abort``'s message after a config validation error; the error is the ERROR record
``Config value '<key>': <message>`` MkDocs logs just before it."""


def strict_abort(warnings: int) -> str:
    """``Abort``'s message (a ``match`` pattern) of a strict build that logged ``warnings``."""
    return rf"^Aborted with {warnings} warnings in strict mode!$"


def error_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The messages of the ERROR records, in order: what the author sees of a failed build."""
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def warning_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The messages of the WARNING records, in order: what ``--strict`` counts."""
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


_FEED_TIME = re.compile(rb"<updated>[^<]*</updated>")


def site_bytes(path: Path) -> bytes:
    """A built file's bytes, for comparing two builds of the same sources.

    An Atom feed's first ``<updated>`` is the build time (jekyll-feed's ``site.time``), so
    it is masked; everything else must be equal byte for byte.
    """
    data = path.read_bytes()
    if (
        path.suffix == ".xml"
        and data.startswith(b"<?xml")
        and b"http://www.w3.org/2005/Atom" in data
    ):
        data = _FEED_TIME.sub(b"<updated/>", data, count=1)
    return data


def site_tree(site: Path, pattern: str = "*") -> dict[str, bytes]:
    """Every file below ``site`` (POSIX path -> ``site_bytes``)."""
    return {
        p.relative_to(site).as_posix(): site_bytes(p) for p in site.rglob(pattern) if p.is_file()
    }


def build_tree(folder: Path, files: Mapping[str, str], **config: Any) -> dict[str, bytes]:
    """Build ``files`` in the new folder ``folder`` (``make_site_builder``); its ``site_tree``.

    For tests that build one site two ways (a shortcut on and off) and compare every file.
    """
    folder.mkdir()
    return site_tree(make_site_builder(folder)(files=files, **config))


def assert_same_tree(got: Mapping[str, bytes], expected: Mapping[str, bytes]) -> None:
    """The two ``build_tree`` results hold the same files, byte for byte (a differing file
    is named)."""
    assert sorted(got) == sorted(expected)
    for name, data in expected.items():
        assert got[name] == data, name
