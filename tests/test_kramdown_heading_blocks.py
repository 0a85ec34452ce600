"""Given ATX headings parsed by ``kramdown/headings.py``, whose ``run`` starts from the
match its ``test`` found on the same block, when a page is converted, then the HTML is the
one the heading would get from matching the block again (what ``run`` did before).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import markdown
import pytest

from mkdocs_jekyll.kramdown.headings import _GfmHashHeader
from mkdocs_jekyll.kramdown.pipeline import configure_markdown
from mkdocs_jekyll.kramdown.settings import KramdownSettings


@dataclass(frozen=True)
class Case:
    description: str
    source: str
    expected: str


CASES = (
    Case("a heading alone", "## Alone\n", "<h2"),
    Case("an empty heading line before a real one", "#\n## Real\n", "Real</h2>"),
    Case("closing hashes only, then a heading", "# #\n### Three ###\n", "Three</h3>"),
    Case("a paragraph then a heading in one block", "Text here\n# Head\nafter\n", "Head</h1>"),
    Case("a heading with an id", "## With id {#given}\n", 'id="given"'),
    Case("a heading with an IAL below", "## Styled\n{: .x}\n", 'class="x"'),
    Case("two headings in one block", "# One\n## Two\n", "Two</h2>"),
    Case("a hash inside text", "C# and F# are languages.\n", "<p>C# and F#"),
    Case("headings inside a list item", "- # In item\n  ## Also\n", "In item"),
)


def _markdown(input_format: str) -> markdown.Markdown:
    settings = KramdownSettings.from_block({"input": input_format})
    extensions, configs = configure_markdown(settings, ["toc", "tables", "fenced_code"], {})
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


@pytest.mark.parametrize("input_format", ["GFM", "kramdown"])
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_a_heading_is_built_from_the_match_its_test_found_as_from_a_new_one(
    case: Case, input_format: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reused = _markdown(input_format).convert(case.source)
    original_run = _GfmHashHeader.run

    def run_matching_again(self: _GfmHashHeader, parent: Any, blocks: list[str]) -> None:
        self._found = None
        original_run(self, parent, blocks)

    monkeypatch.setattr(_GfmHashHeader, "run", run_matching_again)
    assert reused == _markdown(input_format).convert(case.source)
    if input_format == "GFM":
        assert case.expected in reused
