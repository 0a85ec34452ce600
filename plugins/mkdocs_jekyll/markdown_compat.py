"""The Markdown extension's public name: ``markdown_extensions: [mkdocs_jekyll.markdown_compat]``.

The code lives in ``mkdocs_jekyll.kramdown.lists``. This dotted path is what sites
write in ``mkdocs.yml`` and what ``markdown_kramdown`` adds, so it stays importable.
"""

from __future__ import annotations

from mkdocs_jekyll.kramdown.lists import KramdownListsExtension, makeExtension

__all__ = ["KramdownListsExtension", "makeExtension"]
