"""Lists that start right after a paragraph line, as kramdown's GFM parser reads them.

Jekyll content relies on a list starting right after a paragraph line (``**Impact:**`` then
``- item``); plain Python-Markdown reads both as one paragraph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markdown.extensions import Extension
from mdx_breakless_lists.mdx_breakless_lists import BreaklessListsProcessor

if TYPE_CHECKING:
    from markdown import Markdown

# Fenced code is stashed by superfences' preprocessor at priority 25 (Python-Markdown's own
# fenced_code also uses 25); running after it keeps "- x" lines inside code blocks untouched.
_PRIORITY = 24


class KramdownListsExtension(Extension):
    """Start a list right after a paragraph line, as kramdown's GFM parser does.

    Reuses mdx-breakless-lists' preprocessor (it inserts the blank line Python-Markdown
    needs) but registers it after fenced code is stashed: the upstream extension runs before
    and would add blank lines inside code blocks.
    """

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the list preprocessor after the fenced-code stash."""
        md.preprocessors.register(BreaklessListsProcessor(md.parser), "kramdown_lists", _PRIORITY)
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> KramdownListsExtension:
    """Python-Markdown's entry point: ``markdown_extensions: [mkdocs_jekyll.markdown_compat]``."""
    return KramdownListsExtension(**kwargs)
