"""Fixtures for the Liquid tests: an environment over include folders under ``tmp_path``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs_jekyll.liquid import LiquidSettings

Render = Callable[..., str]


def make_settings(site_dirs: dict[str, Path], **overrides: Any) -> LiquidSettings:
    """Settings pointing at the temporary include folders, with ``overrides``."""
    values: dict[str, Any] = {
        "includes_dirs": (site_dirs["includes"], site_dirs["package"]),
        "include_labels": ("_includes", "mkdocs_jekyll/includes"),
        "docs_dir": site_dirs["docs"],
    }
    values.update(overrides)
    return LiquidSettings(**values)
