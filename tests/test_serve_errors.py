"""Under ``mkdocs serve``, an error found while a page's template context is made shows in
that page and the rest of the site is still served.

MkDocs' live-reload server holds every request after a failed rebuild ("The server will
appear stuck until build errors are resolved"), so a content error must never fail a
serve rebuild; ``mkdocs build`` still stops on it with one line.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from sitebuild import BUILD_ERROR, error_lines, html, write_files

FILES = {
    "docs/index.md": "---\ntitle: Home\n---\nHOME-PAGE\n",
    "docs/other.md": "---\ntitle: Other\ndate: not-a-date\n---\nOTHER-PAGE\n",
}
MESSAGE = "other.md: date: Expected a date such as '2024-01-02', received 'not-a-date'"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "project"
    write_files(root, FILES)
    settings = {
        "site_name": "Serve",
        "site_url": "https://example.com/",
        "theme": {"name": "material"},
        "plugins": [{"jekyll": {}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        yield root
    finally:
        os.chdir(cwd)


def _config(project: Path, command: str) -> Any:
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)
    return config


def test_under_serve_a_bad_date_shows_in_its_page_and_the_site_builds(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = _config(project, "serve")
    try:
        with caplog.at_level(logging.ERROR):
            build(config)
    finally:
        config.plugins.on_shutdown()
    site = Path(config.site_dir)
    assert error_lines(caplog) == [f"mkdocs_jekyll: {MESSAGE}"]
    assert "HOME-PAGE" in html(site / "index.html").get_text()
    page = html(site / "other/index.html")
    error = page.select_one(".jekyll-error pre")
    assert error is not None and error.get_text() == MESSAGE
    assert "OTHER-PAGE" in page.get_text()


def test_mkdocs_build_stops_on_the_same_bad_date_with_one_line(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = _config(project, "build")
    try:
        with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
            build(config)
    finally:
        config.plugins.on_shutdown()
    assert error_lines(caplog) == ["Error building page 'other.md':", MESSAGE]
