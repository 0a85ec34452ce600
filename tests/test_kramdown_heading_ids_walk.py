"""Given headings in every kind of container, when ``kramdown/headings.py`` gives them ids
by its walk over a stack, then the page is the one the walk by a call per element (what
``HeadingIdsTreeprocessor.run`` did before) gives: the same ids, counted in the same order."""

from __future__ import annotations

from collections import Counter
from typing import Any

import markdown
import pytest

from mkdocs_jekyll.kramdown import headings
from mkdocs_jekyll.kramdown.extensions import document_options
from mkdocs_jekyll.kramdown.pipeline import configure_markdown
from mkdocs_jekyll.kramdown.settings import KramdownSettings

SOURCES = {
    "repeated headings": "# Same\n\n## Same\n\n### Same\n\nText\n\n## Same\n",
    "in lists and quotes": (
        "- # Item\n\n  ## Item\n\n> ## Quote\n>\n> - ### Quote\n\n## Item\n\n1. # Item\n"
    ),
    "in HTML with markdown": (
        '<div markdown="1">\n\n## Inside\n\n<div markdown="1">\n\n## Inside\n\n</div>\n\n'
        "</div>\n\n## Inside\n\n## Outside\n"
    ),
    "given ids and code": "## `code` head\n\n## Given {#given}\n\n## `code` head\n\n## Given\n",
    "definition lists and tables": ("Term\n: ## Def\n\n| a |\n|---|\n| b |\n\n## Def\n\n## Term\n"),
    "footnotes": "## Note[^1]\n\n[^1]: ## In note\n\n    ## In note\n\n## Note\n",
}


def _recursive_run(self: Any, root: Any) -> None:
    """The walk as it was: one call per element."""
    self.config = {**self.site_config, **document_options(self.md)}
    self.gfm = str(self.config["input"]).lower() == "gfm"
    self.seen = {True: Counter(), False: Counter()}

    def walk(node: Any, in_html: bool) -> None:
        if node.tag in headings.HEADINGS:
            self._identify(node, in_html=in_html)
            return
        inside = in_html or node.tag not in headings._MARKDOWN_BLOCKS
        for child in node:
            walk(child, inside)

    for child in root:
        walk(child, False)


def _convert(input_format: str, source: str) -> str:
    settings = KramdownSettings.from_block({"input": input_format})
    extensions, configs = configure_markdown(
        settings, ["toc", "tables", "md_in_html", "footnotes", "def_list"], {}
    )
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(source)


@pytest.mark.parametrize("input_format", ["GFM", "kramdown"])
@pytest.mark.parametrize("name", SOURCES)
def test_the_stack_walk_gives_the_ids_the_recursive_walk_gives(
    name: str, input_format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = SOURCES[name]
    got = _convert(input_format, source)
    monkeypatch.setattr(headings.HeadingIdsTreeprocessor, "run", _recursive_run)
    expected = _convert(input_format, source)
    assert got == expected
    assert got.count(' id="') >= 2
