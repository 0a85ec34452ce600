"""MkDocs plugins that build Jekyll (Minimal Mistakes / academicpages) sites with Material."""

from __future__ import annotations

__version__ = "0.1.0"
