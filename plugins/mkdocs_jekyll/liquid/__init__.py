"""Liquid for Jekyll pages: python-liquid with Jekyll's tags, filters and error messages.

The names below are imported on first use: a build whose every page's Liquid output is
in the build cache (``mkdocs/liquid_store.py``) never imports python-liquid. When it is
imported, ``asyncio`` waits for its first use (``deferred_asyncio``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.liquid import deferred_asyncio

if TYPE_CHECKING:
    from mkdocs_jekyll.liquid.environment import LiquidSettings, create_environment
    from mkdocs_jekyll.liquid.render import render_markdown

__all__ = ["LiquidSettings", "create_environment", "render_markdown"]

deferred_asyncio.install()

_HOMES = {
    "LiquidSettings": "mkdocs_jekyll.liquid.environment",
    "create_environment": "mkdocs_jekyll.liquid.environment",
    "render_markdown": "mkdocs_jekyll.liquid.render",
}


def __getattr__(name: str) -> Any:
    """Import ``name`` from its module when it is first asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(home), name)
