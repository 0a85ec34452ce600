"""Fixtures for the Liquid tests: an environment over include folders under ``tmp_path``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from liquid_helpers import Render, make_settings
from mkdocs_jekyll.liquid import create_environment, render_markdown


@pytest.fixture
def site_dirs(tmp_path: Path) -> dict[str, Path]:
    """Create the site's ``_includes``, the package's includes and ``docs``."""
    dirs = {
        "includes": tmp_path / "_includes",
        "package": tmp_path / "package" / "includes",
        "docs": tmp_path / "docs",
    }
    for path in dirs.values():
        path.mkdir(parents=True)
    return dirs


@pytest.fixture
def render(site_dirs: dict[str, Path]) -> Render:
    """Return ``render(template, context=..., path=..., line_offset=..., **settings)``."""

    def _render(
        template: str,
        context: Mapping[str, Any] | None = None,
        *,
        path: str = "en/page.md",
        line_offset: int = 0,
        source_file: Path | None = None,
        **settings: Any,
    ) -> str:
        env = create_environment(make_settings(site_dirs, **settings))
        return render_markdown(
            env,
            template,
            path=path,
            line_offset=line_offset,
            context=context or {},
            source_file=source_file,
        )

    return _render
