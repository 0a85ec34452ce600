"""Liquid for Jekyll pages: python-liquid with Jekyll's tags, filters and error messages."""

from __future__ import annotations

from mkdocs_jekyll.liquid.environment import LiquidSettings, create_environment
from mkdocs_jekyll.liquid.render import render_markdown

__all__ = ["LiquidSettings", "create_environment", "render_markdown"]
