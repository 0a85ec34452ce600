"""Python-Markdown settings that read content the way Jekyll's kramdown (GFM input) does.

Jekyll content relies on a list starting right after a paragraph line (``**Impact:**`` then
``- item``), on ``{: .notice}`` attribute lists, ``markdown="1"`` blocks, tables, footnotes,
definition lists and fenced code. Plain Python-Markdown reads the first as one paragraph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markdown.extensions import Extension
from mdx_breakless_lists.mdx_breakless_lists import BreaklessListsProcessor

if TYPE_CHECKING:
    from markdown import Markdown

# Extensions the plugin adds when ``markdown_kramdown`` is on, with the kramdown feature each
# one stands for. Users keep full control: an extension already configured is left alone.
KRAMDOWN_EXTENSIONS: tuple[str, ...] = (
    "attr_list",  # {: .class #id key="value"}
    "md_in_html",  # <div markdown="1">
    "tables",
    "footnotes",
    "def_list",
    "pymdownx.superfences",  # GFM fenced code blocks
    "mkdocs_jekyll.markdown_compat",  # lists without a blank line before them
)

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


def add_kramdown_extensions(extensions: list[str]) -> list[str]:
    """Return ``extensions`` plus the kramdown-compatibility ones that are missing.

    ``fenced_code`` and ``pymdownx.superfences`` do the same job and conflict, so a site that
    configured ``fenced_code`` keeps it.
    """
    result = list(extensions)
    for name in KRAMDOWN_EXTENSIONS:
        if name in result:
            continue
        if name == "pymdownx.superfences" and "fenced_code" in result:
            continue
        result.append(name)
    return result
