"""MkDocs plugins that build Jekyll (Minimal Mistakes / academicpages) sites with Material."""

from __future__ import annotations

from mkdocs_jekyll.method_cache import install as _install_method_cache

__version__ = "0.1.0"

# Before any module of the package makes its dataclasses (see method_cache.py).
_install_method_cache()
