"""MkDocs plugins that build Jekyll (Minimal Mistakes / academicpages) sites with Material."""

from __future__ import annotations

from mkdocs_jekyll.method_cache import install as _install_method_cache
from mkdocs_jekyll.pattern_cache import install as _install_pattern_cache

__version__ = "0.1.0"

# Before any module of the package makes its dataclasses and regular expressions (see
# compile_cache.py).
_install_method_cache()
_install_pattern_cache()
