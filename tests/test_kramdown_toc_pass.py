"""Given Python-Markdown's ``toc`` pass run by ``kramdown/toc_pass.py``'s lean mirror,
when a page is converted, then the HTML, ``md.toc`` and ``md.toc_tokens`` are the ones
Python-Markdown's own pass gives, for every ``toc`` setting that changes what it does; and
a release or a processor it does not mirror runs Python-Markdown's own.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown.extensions.toc import TocExtension, TocTreeprocessor

from mkdocs_jekyll.kramdown import toc_pass

SEEDS = Path(__file__).parent.parent / "docs"
PAGE = """\
# Title *em* `code` &amp; \\*star\\*

[TOC]

## Same

## Same

## Same_1

### A <b>raw</b> heading with a note[^1]

#### Deep {: data-toc-label="Label *x* &amp;" }

##### Five {#given-id}

###### Six

H2 by setext
------------

<div markdown="1">
## Inside HTML
</div>

[^1]: The note.
"""
SETTINGS: list[dict[str, Any]] = [
    {},
    {"permalink": True},
    {"permalink": "#", "permalink_leading": True, "permalink_title": "Link"},
    {"anchorlink": True},
    {"baselevel": 3},
    {"toc_depth": "2-4"},
    {"toc_depth": 2, "title": "Contents", "marker": ""},
    {"slugify": lambda value, separator: "x", "separator": "_"},
]
EXTENSIONS = ["attr_list", "footnotes", "md_in_html", "fenced_code", "tables"]


class _LeanToc(TocTreeprocessor):
    def run(self, doc: etree.Element) -> None:
        assert toc_pass.lean_toc_run(self, doc)


def _convert(text: str, settings: dict[str, Any], *, lean: bool) -> tuple[str, str, Any]:
    extension = TocExtension(**settings)
    md = markdown.Markdown(extensions=[*EXTENSIONS, extension])
    if lean:
        md.treeprocessors.register(_LeanToc(md, extension.getConfigs()), "toc", 5)
    html = md.convert(text)
    return html, md.toc, md.toc_tokens  # type: ignore[attr-defined]


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda settings: ",".join(settings) or "none")
def test_a_page_gets_the_html_and_toc_python_markdowns_pass_gives(
    settings: dict[str, Any],
) -> None:
    lean = _convert(PAGE, settings, lean=True)
    assert lean == _convert(PAGE, settings, lean=False)
    assert "Same_1" in lean[1] or settings.get("toc_depth") or "slugify" in settings


def test_the_reference_sites_pages_are_the_same_with_the_lean_pass() -> None:
    pages = sorted(SEEDS.rglob("*.md"))
    assert len(pages) >= 2
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert _convert(text, {"permalink": True}, lean=True) == _convert(
            text, {"permalink": True}, lean=False
        ), page.name


@given(st.text(alphabet="#\n -=*`[]^:{}<>&\\ahH1", max_size=60))
def test_any_short_page_is_the_same_with_the_lean_pass(text: str) -> None:
    assert _convert(text, {}, lean=True) == _convert(text, {}, lean=False)


def test_the_installed_python_markdowns_pass_is_the_one_mirrored() -> None:
    assert toc_pass.mirrored()


def test_another_release_or_expression_runs_python_markdowns_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    md = markdown.Markdown(extensions=["toc"])
    processor = md.treeprocessors["toc"]
    processor.header_rgx = __import__("re").compile("[Hh][12]")
    assert not toc_pass.lean_toc_run(processor, etree.Element("div"))
    monkeypatch.setitem(toc_pass._MIRRORED, "run_postprocessors", (frozenset({"x"}), ()))
    toc_pass.installed_mirrored.cache_clear()
    try:
        assert not toc_pass.mirrored()
        processor = markdown.Markdown(extensions=["toc"]).treeprocessors["toc"]
        assert not toc_pass.lean_toc_run(processor, etree.Element("div"))
    finally:
        monkeypatch.undo()
        toc_pass.installed_mirrored.cache_clear()
