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
from markdown.extensions.toc import IDCOUNT_RE, TocExtension, TocTreeprocessor

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


# Mirrored from Python-Markdown 3.11.3 (other releases run their own pass).
MIRRORED_RELEASE = markdown.__version_info__[:3] == (3, 11, 3)  # 3.11.2: another `unique`


class _LeanToc(TocTreeprocessor):
    def run(self, doc: etree.Element) -> None:
        if not toc_pass.lean_toc_run(self, doc):
            assert not toc_pass.mirrored()
            super().run(doc)


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
    assert toc_pass.mirrored() is MIRRORED_RELEASE


def test_a_release_whose_unique_takes_no_counters_runs_its_own_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """3.10 to 3.11.2: the same pass, but ``unique(id, ids)``, which the mirror's call with the
    counters made fail with a TypeError on every page with a heading."""
    from markdown.extensions import toc

    def unique(id: str, ids: Any) -> str:
        # The names 3.11.3's `unique` uses, without its third parameter.
        counters: dict[str, int] = {}
        m = IDCOUNT_RE.match(id)
        counters[id] = max(counters.get(id, 0), int(m.group(2)) if m else 0)
        ids.add(id)
        return id

    monkeypatch.setattr(toc, "unique", unique)
    assert not toc_pass.mirrored()


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


SITE_PAGES = {
    "docs/index.md": "# Home\n\nText with `code` & <b>bold</b>.\n",
    "docs/a.md": PAGE + "\n```python\ndef f(x):\n    return x < 1 & 2\n```\n",
    "docs/b.md": "## Same\n\n## Same\n\n# C# & F#\n\nText\n# In a block\nafter\n"
    "\n<script>if (a < b && c) {}</script>\n\n<!-- a comment & -->\n",
}


def test_a_site_is_the_same_with_the_lean_toc_serializer_and_heading_runs_and_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given a site whose pages have headings of every kind, raw HTML, code and a table of
    contents, when it is built with ``toc_pass``, the lean serializer and the headings'
    reused matches, and again with Python-Markdown's own and a new match per heading, then
    every produced file is the same."""
    from mkdocs_jekyll.kramdown import serializer
    from mkdocs_jekyll.kramdown.headings import _GfmHashHeader
    from sitebuild import make_site_builder, site_tree

    config: dict[str, Any] = {"markdown_extensions": [{"toc": {"permalink": True}}]}
    (tmp_path / "on").mkdir()
    (tmp_path / "off").mkdir()
    on = make_site_builder(tmp_path / "on")(files=SITE_PAGES, **config)
    assert 'class="headerlink"' in (on / "a" / "index.html").read_text(encoding="utf-8")

    original_run = _GfmHashHeader.run

    def run_matching_again(self: _GfmHashHeader, parent: Any, blocks: list[str]) -> None:
        self._found = None
        original_run(self, parent, blocks)

    monkeypatch.setattr(_GfmHashHeader, "run", run_matching_again)
    monkeypatch.setattr(toc_pass, "installed_mirrored", lambda: False)
    monkeypatch.setattr(serializer, "_installed_mirrored", lambda: False)
    off = make_site_builder(tmp_path / "off")(files=SITE_PAGES, **config)
    on_files, off_files = site_tree(on), site_tree(off)
    assert sorted(on_files) == sorted(off_files)
    assert [name for name in on_files if on_files[name] != off_files[name]] == []


def _convert_unread(text: str, settings: dict[str, Any]) -> tuple[str, str, Any]:
    extension = TocExtension(**settings)
    md = markdown.Markdown(extensions=[*EXTENSIONS, extension])
    md.treeprocessors.register(_LeanToc(md, extension.getConfigs()), "toc", 5)
    toc_pass.leave_toc_html_unread(md)
    html = md.convert(text)
    return html, md.toc, md.toc_tokens  # type: ignore[attr-defined]


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda settings: ",".join(settings) or "none")
def test_an_instance_whose_toc_html_nobody_reads_gets_the_same_page_and_tokens(
    settings: dict[str, Any],
) -> None:
    """Given an instance marked with ``leave_toc_html_unread``, when a page with and without
    the ``[TOC]`` marker is converted, then the HTML and ``toc_tokens`` are Python-Markdown's;
    ``md.toc`` is left as ``reset()`` sets it, unless the marker's div was built anyway."""
    for text in (PAGE, PAGE.replace("[TOC]", "")):
        html, toc_html, tokens = _convert_unread(text, settings)
        own_html, own_toc_html, own_tokens = _convert(text, settings, lean=False)
        assert (html, tokens) == (own_html, own_tokens)
        marker_div = bool(settings.get("marker", "[TOC]")) and "[TOC]" in text
        if toc_pass.mirrored() and not marker_div:
            assert toc_html == ""
        else:
            assert toc_html == own_toc_html


def test_the_toc_html_is_written_when_a_postprocessor_is_not_known_to_be_pure() -> None:
    """A postprocessor of another package might keep state or warn on the table of
    contents' HTML: with one registered, the table of contents is written as before."""
    from markdown.postprocessors import Postprocessor

    class Counting(Postprocessor):
        calls = 0

        def run(self, text: str) -> str:
            Counting.calls += 1
            return text

    Counting.__module__ = "someone_else"
    text = PAGE.replace("[TOC]", "")
    results = []
    for unread in (False, True):
        extension = TocExtension()
        md = markdown.Markdown(extensions=[*EXTENSIONS, extension])
        md.treeprocessors.register(_LeanToc(md, extension.getConfigs()), "toc", 5)
        md.postprocessors.register(Counting(md), "counting", 1)
        if unread:
            toc_pass.leave_toc_html_unread(md)
        Counting.calls = 0
        html = md.convert(text)
        results.append((html, md.toc, md.toc_tokens, Counting.calls))  # type: ignore[attr-defined]
    assert results[0] == results[1]
    assert results[1][1] == _convert(text, {}, lean=False)[1]


def test_the_shared_instance_of_a_pass_leaves_its_toc_html_unread() -> None:
    from mkdocs_jekyll.mkdocs.markdown_reuse import MarkdownReuse

    reuse = MarkdownReuse()
    config: Any = type("Config", (), {"markdown_extensions": ["toc"], "mdx_configs": {}})()
    md = reuse._instance(config)
    assert md is not None and md in toc_pass._TOC_HTML_UNREAD
