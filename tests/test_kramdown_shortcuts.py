"""Given Python-Markdown's whole-page processors replaced by lean ones
(``kramdown/shortcuts.py``) and the block loop's plan kept while the registry is unchanged
(``kramdown/block_triggers.py``), when a page is converted, then the HTML is the one
Python-Markdown's own processors write.

Each case puts what a shortcut skips or rewrites where it matters: lines of only spaces,
escapes in text, tails and attributes, code, attribute lists in every place ``attr_list``
reads them, elements the prettifier visits, reference and footnote definitions where the
loop could miss them. Each is converted with the shortcuts on and off (the pipeline
without the ``triggers`` extension) and must match byte for byte, and must show the
processor did its work where it should (``expected``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown.blockprocessors import BlockProcessor
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.extensions.md_in_html import MarkdownInHTMLPostprocessor
from markdown.preprocessors import NormalizeWhitespace
from markdown.treeprocessors import PrettifyTreeprocessor, UnescapeTreeprocessor

import mkdocs_jekyll.kramdown.shortcuts as shortcuts
from mkdocs_jekyll.kramdown.pipeline import TRIGGERS, configure_markdown
from mkdocs_jekyll.kramdown.settings import KramdownSettings

MKDOCS_BUILTINS = ["toc", "tables", "fenced_code"]
SEEDS = Path(__file__).parent.parent / "docs"


@dataclass(frozen=True)
class Case:
    description: str
    source: str
    expected: tuple[str, ...] = ()


CASES = (
    Case("lines of spaces between paragraphs", "a\n   \nb\n  \n\n \nc\n", ("<p>b</p>",)),
    Case("spaces at the very end", "a\n   ", ("<p>a</p>",)),
    Case("spaces before a line break in a paragraph", "a  \nb\n", ("<br />",)),
    Case("tabs and spaces lines in code", "```\nx\n   \n\t\ny\n```\n", ("x\n",)),
    Case("an indented code block with blank space lines", "    a\n    \n    b\n", ("a\n\nb",)),
    Case("a carriage return page", "a\r\n  \r\nb\r\n", ("<p>b</p>",)),
    Case("an escape in text", "A \\*star\\* here.\n", ("*star*",)),
    Case("an escape in a link's title", '[a](/x "t \\" q")\n', ("title=",)),
    Case("an escape in a link's text and tail", "[\\*a](/x) \\_b\n", ("*a", "_b")),
    Case("an escape in a heading", "## One \\# two\n", ("One # two",)),
    Case("an escape inside code stays", "`a \\* b`\n", ("a \\* b",)),
    Case("an escape in a table cell", "| a | b |\n|---|---|\n| \\| | 2 |\n"),
    Case("an attribute list on a paragraph", "Para\n{: .note}\n", ('class="note"',)),
    Case("an attribute list on a heading", "## Head {#hid}\n", ('id="hid"',)),
    Case("an inline attribute list", "*em*{: .x} after\n", ('class="x"',)),
    Case("an attribute list on a list item", "- item\n  {: .li}\n", ()),
    Case("an attribute list in a table cell", "| a {: .c} | b |\n|---|---|\n| 1 | 2 |\n"),
    Case("a brace only in a code span", "Use `{: .x}` here.\n", ("{: .x}",)),
    Case("a brace only in text", "Braces { and } alone.\n", ("{ and }",)),
    Case("a brace only in an entity", "Brace &#123;: .x} here.\n"),
    Case("a brace in raw HTML", '<div class="a">{: .x}</div>\n\nText.\n'),
    Case(
        "nested lists, a rule and a quote",
        "- a\n  - b\n\n    c\n\n---\n\n> q\n> > r\n",
        ("<ul>\n<li>",),
    ),
    Case("line breaks in a paragraph", "one\\\ntwo  \nthree\n", ("<br />\n",)),
    Case("an HTML block and a comment", "<div>\n<p>x</p>\n</div>\n\n<!-- c -->\n\nText.\n"),
    Case("a markdown=1 block", '<div markdown="1">\n*x*\n\n- y\n</div>\n', ("<em>x</em>",)),
    Case("a definition list", "Term\n: Definition\n", ("<dl>",)),
    Case("a reference definition after a paragraph", "See [a][r].\n[r]: /url\n", ('"/url"',)),
    Case("reference definitions alone", "[r]: /url\n[s]: /two\n\n[a][r] [b][s]\n", ("/two",)),
    Case("a bracket colon in text", "Odd ]: text and [x]: y z\n", ()),
    Case("a footnote definition", "Text.[^n]\n\n[^n]: Note *here*.\n", ('class="footnote"',)),
    Case("a footnote definition after a paragraph", "A.[^a]\n[^a]: Note.\n", ("fn:a",)),
    Case("a caret bracket in text", "Odd [^ text here.\n", ("[^ text",)),
    Case("an abbreviation", "*[HTML]: Hyper Text\n\nSome HTML.\n", ("<abbr",)),
    Case("a toc", "* TOC\n{:toc}\n\n## A\n\n### B\n", ('href="#a"',)),
    Case(
        "the footnotes' place marker in the page",
        "Text.[^a]\n\n///Footnotes Go Here///\n\nAfter.\n\n[^a]: Note.\n",
        ('<div class="footnotes"',),
    ),
    Case(
        "the place marker in a list item's tail",
        "- x[^a] ///Footnotes Go Here///\n\n[^a]: Note.\n",
    ),
    Case("raw HTML in a heading", "## A <b>bold</b> head\n\nText.\n", ("<b>bold</b>",)),
    Case("an entity and code in a heading", "## A &amp; `b`\n", ("&amp;",)),
    Case("an HTML block then a heading", "<div>x</div>\n\n## After\n", ('id="after"',)),
    Case("indented code after a paragraph", "Para\n\n    code\n    more\n", ("<pre",)),
    Case("tab-indented code", "Para\n\n\tcode\n", ("code\n",)),
    Case("a list item's indented paragraph", "- item\n\n    continued\n", ("continued",)),
    Case("code in an ordered item", "1. one\n\n    para\n\n        code\n", ("<pre",)),
    Case("a definition's indented paragraph", "Term\n: def\n\n    more of it\n", ("more",)),
    Case("indented code holding a fence", "Text\n\n    ```\n    x\n    ```\n", ("```",)),
    Case("a fence in a list item", "- item\n\n    ```\n    fenced\n    ```\n", ("fenced",)),
    Case("three spaces are no code", "Text\n\n   not code\n", ("<p>not code</p>",)),
    Case("four spaces inside a paragraph", "Text    with    gaps\n\nMore\n", ("gaps",)),
    Case(
        "a markdown block with text after it",
        '<div markdown="1">\n*x*\n</div>\ntext after\n\n<section markdown="1">\ny\n</section>\n',
        ("<em>x</em>", "text after"),
    ),
    Case("a raw HTML block in a list item", "- item\n\n    <div>raw</div>\n", ("raw",)),
)


def _markdown(*, shortcuts_on: bool) -> markdown.Markdown:
    settings = KramdownSettings.from_block({})
    extensions, configs = configure_markdown(settings, list(MKDOCS_BUILTINS), {})
    if not shortcuts_on:
        extensions = [name for name in extensions if name != TRIGGERS]
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_the_shortcuts_change_no_output(case: Case) -> None:
    on = _markdown(shortcuts_on=True)
    off = _markdown(shortcuts_on=False)
    html = on.convert(case.source)
    assert html == off.convert(case.source)
    assert on.toc_tokens == off.toc_tokens  # type: ignore[attr-defined]
    assert [fragment for fragment in case.expected if fragment not in html] == []


def test_one_reused_instance_converts_every_case_as_new_ones_do() -> None:
    reused = _markdown(shortcuts_on=True)
    for case in CASES * 2:
        assert reused.convert(case.source) == _markdown(shortcuts_on=False).convert(case.source)
        reused.reset()


def test_the_reference_sites_pages_are_the_same_with_and_without_the_shortcuts() -> None:
    pages = sorted(SEEDS.rglob("*.md"))
    assert len(pages) >= 2
    for page in pages:
        text = page.read_text(encoding="utf-8")
        on, off = _markdown(shortcuts_on=True), _markdown(shortcuts_on=False)
        assert on.convert(text) == off.convert(text), page.name


def _order(registry: Any) -> list[str]:
    """The names in the order the registry gives its items."""
    registry._sort()
    return [item.name for item in registry._priority]


def test_each_shortcut_takes_the_place_of_python_markdowns_own() -> None:
    """The same names in the same order in every registry; the lean classes in place."""
    on, off = _markdown(shortcuts_on=True), _markdown(shortcuts_on=False)
    for registry in ("preprocessors", "treeprocessors", "postprocessors"):
        assert _order(getattr(on, registry)) == _order(getattr(off, registry))
    assert type(on.preprocessors["normalize_whitespace"]) is shortcuts.LeanNormalizeWhitespace
    assert type(on.treeprocessors["prettify"]) is shortcuts.LeanPrettifyTreeprocessor
    assert type(on.treeprocessors["unescape"]) is shortcuts.LeanUnescapeTreeprocessor
    assert type(on.treeprocessors["attr_list"]) is shortcuts.TriggeredAttrListTreeprocessor
    assert type(on.postprocessors["raw_html"]) is shortcuts.LeanMarkdownInHTMLPostprocessor


def test_attr_list_runs_only_on_a_page_with_a_brace(monkeypatch: pytest.MonkeyPatch) -> None:
    md = _markdown(shortcuts_on=True)  # before the spy: its code is not attr_list's own
    runs: list[str] = []
    original = AttrListTreeprocessor.run

    def spy(self: AttrListTreeprocessor, doc: etree.Element) -> None:
        runs.append("".join(doc.itertext()))
        original(self, doc)

    monkeypatch.setattr(AttrListTreeprocessor, "run", spy)
    md.convert("No brace *here*.\n")
    assert runs == []
    md.reset()
    md.convert("A brace `{` in code.\n")
    assert len(runs) == 1


def test_a_python_markdown_with_other_code_keeps_its_own_processors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A release whose processors use other names or constants runs them unreplaced."""
    monkeypatch.setitem(
        shortcuts._MIRRORED, (NormalizeWhitespace, "run"), (frozenset({"other"}), ())
    )
    monkeypatch.setitem(
        shortcuts._MIRRORED, (PrettifyTreeprocessor, "_prettifyETree"), (frozenset(), ())
    )
    monkeypatch.setitem(shortcuts._MIRRORED, (UnescapeTreeprocessor, "run"), (frozenset(), ()))
    monkeypatch.setattr(shortcuts, "_ATTR_LIST_NAMES", frozenset())
    monkeypatch.setattr(shortcuts, "_RAW_HTML_NAMES", ())
    md = _markdown(shortcuts_on=True)
    assert type(md.preprocessors["normalize_whitespace"]) is NormalizeWhitespace
    assert type(md.treeprocessors["prettify"]) is PrettifyTreeprocessor
    assert type(md.treeprocessors["unescape"]) is UnescapeTreeprocessor
    assert type(md.treeprocessors["attr_list"]) is AttrListTreeprocessor
    assert type(md.postprocessors["raw_html"]) is MarkdownInHTMLPostprocessor


def test_the_mirrored_code_is_the_installed_python_markdowns() -> None:
    """The shortcuts are on with the installed release (else they silently stopped)."""
    assert shortcuts.mirrored(NormalizeWhitespace, "run")
    assert shortcuts.mirrored(PrettifyTreeprocessor, "run", "_prettifyETree")
    assert shortcuts.mirrored(UnescapeTreeprocessor, "run")
    assert shortcuts._attr_list_triggers() == ("{",)
    assert shortcuts._raw_html_mirrored()
    assert shortcuts.itertext_reads_all()


def test_raw_html_is_restored_by_lines_only_with_the_mirrored_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Python-Markdown 3.11's ``run`` is mirrored; any other is run as it is."""
    from markdown.postprocessors import RawHtmlPostprocessor

    assert shortcuts.raw_html_run_mirrored()
    calls: list[str] = []
    original = RawHtmlPostprocessor.run

    def other(self: RawHtmlPostprocessor, text: str) -> str:
        calls.append(text)
        return original(self, text)

    page = "<div>raw</div>\n\nText\n"
    expected = _markdown(shortcuts_on=True).convert(page)
    monkeypatch.setattr(RawHtmlPostprocessor, "run", other)
    shortcuts.raw_html_run_mirrored.cache_clear()
    try:
        assert not shortcuts.raw_html_run_mirrored()
        assert _markdown(shortcuts_on=True).convert(page) == expected
        assert calls != []
    finally:
        monkeypatch.undo()
        shortcuts.raw_html_run_mirrored.cache_clear()
    assert shortcuts.raw_html_run_mirrored()


RAW_HTML_PAGES = (
    "<div>a</div>\n\npara\n\n<p>x</p>\n",
    "Inline <span>one</span> and <b>two</b> on a line.\n\n<hr>\n",
    "```python\nx = '<p>'\n```\n\n<div markdown=\"1\">\n*in*\n\n<div>deep</div>\n</div>\n",
    "## Heading <em>html</em>\n\n<!-- comment -->\n\ntext <br> end\n",
    "<div>\n<div>\nnested\n</div>\n</div>\n\n- item <i>x</i>\n- `code <b>`\n",
)


@pytest.mark.parametrize("page", RAW_HTML_PAGES)
def test_raw_html_restored_by_lines_is_python_markdowns(
    page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    mirrored = _markdown(shortcuts_on=True).convert(page)
    monkeypatch.setattr(shortcuts, "raw_html_run_mirrored", lambda: False)
    assert _markdown(shortcuts_on=True).convert(page) == mirrored
    assert mirrored == _markdown(shortcuts_on=False).convert(page)


PLACEHOLDER_TEXT = st.lists(
    st.sampled_from(["<p>", "</p>", "\n", "x", "<", "\x02wzxhzdk:", "\x03", "0", "1", "7", "2"]),
    max_size=25,
).map("".join)


@given(PLACEHOLDER_TEXT)
def test_a_substitution_by_lines_is_the_expressions_own(text: str) -> None:
    from markdown import util

    base = util.HTML_PLACEHOLDER % r"([0-9]+)"
    pattern = re.compile(f"<p>{base}</p>|{base}")

    def repl(m: re.Match[str]) -> str:
        return f"[{m.group(1)}|{m.group(2)}]"

    assert shortcuts._sub_by_line(pattern, repl, text) == pattern.sub(repl, text)


@given(st.text(alphabet=" \t\na\r", max_size=40))
def test_blank_lines_of_spaces_are_found_as_python_markdown_finds_them(text: str) -> None:
    assert shortcuts._BLANK_LINE_SPACES.sub("\n", text) == re.sub(r"(?<=\n) +\n", "\n", text)


@given(st.text(alphabet=" \n\t*-#>[]^:{}|`\\a1.", max_size=60))
def test_any_short_page_is_the_same_with_and_without_the_shortcuts(text: str) -> None:
    assert _markdown(shortcuts_on=True).convert(text) == _markdown(shortcuts_on=False).convert(text)


class _Registering(BlockProcessor):
    """Takes a block starting with ``!add``, and registers a processor for ``!new`` ones."""

    def test(self, parent: etree.Element, block: str) -> bool:
        return block.startswith("!add")

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        blocks.pop(0)
        self.parser.blockprocessors.register(_New(self.parser), "new", 200)


class _New(BlockProcessor):
    def test(self, parent: etree.Element, block: str) -> bool:
        return block.startswith("!new")

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        etree.SubElement(parent, "hr").set("class", blocks.pop(0)[1:])


def test_a_processor_registered_while_parsing_takes_the_next_block() -> None:
    """The loop's plan is made again when the registry changes, as Python-Markdown reads
    the registry for each block."""
    for shortcuts_on in (True, False):
        md = _markdown(shortcuts_on=shortcuts_on)
        md.parser.blockprocessors.register(_Registering(md.parser), "registering", 200)
        html = md.convert("!new before\n\n!add\n\n!new after\n")
        assert "<p>!new before</p>" in html
        assert '<hr class="new after" />' in html


def test_a_site_with_every_case_is_the_same_with_and_without_the_shortcuts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given a site whose pages are the cases above, when it is built with the shortcuts
    and without them, then every produced file is the same."""
    import mkdocs_jekyll.mkdocs.configure as configure
    from sitebuild import make_site_builder, site_tree

    files = {f"docs/case-{n}.md": case.source for n, case in enumerate(CASES)}
    files["docs/index.md"] = "# Home\n\nText.\n"
    (tmp_path / "on").mkdir()
    (tmp_path / "off").mkdir()
    on = make_site_builder(tmp_path / "on")(files=files)

    def without(*args: Any) -> tuple[list[Any], dict[str, Any]]:
        extensions, configs = configure_markdown(*args)
        return [name for name in extensions if name != TRIGGERS], configs

    monkeypatch.setattr(configure, "configure_markdown", without)
    off = make_site_builder(tmp_path / "off")(files=files)
    on_files, off_files = site_tree(on), site_tree(off)
    assert sorted(on_files) == sorted(off_files)
    assert [name for name in on_files if on_files[name] != off_files[name]] == []


def _declaring() -> list[Any]:
    from mkdocs_jekyll.kramdown.block_triggers import own_test_triggers

    md = _markdown(shortcuts_on=True)
    return [p for p in md.parser.blockprocessors if own_test_triggers(p) is not None]


def test_our_block_processors_declare_the_strings_their_tests_need() -> None:
    names = sorted(type(processor).__name__ for processor in _declaring())
    assert names == [
        "AbbrDefinitionProcessor",
        "BlockMathProcessor",
        "EndOfBlockProcessor",
        "KramdownTableProcessor",
        "TocMarkerProcessor",
        "_GfmHashHeader",
        "_SetextHeader",
    ]


@given(st.text(alphabet=" \n\t*-#=>[]^:{}|$`\\a1.t", max_size=50))
def test_a_block_without_a_declared_trigger_fails_that_test(block: str) -> None:
    """What the loop skips would have been false: no block holding none of a class's
    TEST_TRIGGERS passes its test."""
    from mkdocs_jekyll.kramdown.block_triggers import own_test_triggers

    for processor in _declaring():
        triggers = own_test_triggers(processor)
        assert triggers is not None
        if not any(trigger in block for trigger in triggers):
            assert not processor.test(etree.Element("div"), block), type(processor).__name__


@pytest.mark.parametrize(
    "block",
    ["| a | b |", "# Head", "Head\n===", "$$x$$", "*[A]: b", "* TOC\n{:toc}", "^"],
)
def test_a_block_with_its_trigger_is_still_tested(block: str) -> None:
    assert any(p.test(etree.Element("div"), block) for p in _declaring())


def _indent_and_placeholder_steps() -> list[Any]:
    from mkdocs_jekyll.kramdown.block_triggers import TriggeredBlockLoop

    md = _markdown(shortcuts_on=True)
    steps = TriggeredBlockLoop(md.parser)._current_plan()
    return [step for step in steps if step[2] == "tab_length" or step[1] == ("\x02",)]


def test_the_indented_and_html_stash_tests_are_skipped_where_they_cannot_pass() -> None:
    names = sorted(type(step[0]).__name__ for step in _indent_and_placeholder_steps())
    assert names == [
        "KramdownDefListIndentProcessor",
        "ListIndentProcessor",
        "MarkdownInHtmlProcessor",
        "SuperFencesCodeBlockProcessor",
    ]


@given(
    st.text(alphabet=" \n\t*-#>a1.`\x02\x03", max_size=40),
    st.sampled_from(["div", "li", "dd", "ul", "dl"]),
)
def test_a_block_without_the_indent_or_placeholder_takes_no_skipped_processor(
    block: str, tag: str
) -> None:
    """What the loop skips would have been declined: a block not holding ``tab_length``
    spaces fails the indented tests (SuperFences' code declines it in ``run``), and one
    without the stash's placeholder is declined by md_in_html's ``run``; the blocks and the
    parent are left as they were."""
    for processor, needed, _attribute, _value, _looks in _indent_and_placeholder_steps():
        if any(trigger in block for trigger in needed):
            continue
        parent = etree.Element(tag)
        etree.SubElement(parent, "ul" if tag == "div" else "p")
        before = etree.tostring(parent)
        blocks = [block, "next"]
        test = processor.test(parent, block)
        assert not test or processor.run(parent, blocks) is False, type(processor).__name__
        assert blocks == [block, "next"]
        assert etree.tostring(parent) == before


def test_the_footnotes_place_marker_is_looked_for_only_in_a_page_holding_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from markdown.extensions.footnotes import FootnoteExtension

    calls: list[bool] = []
    original = FootnoteExtension.findFootnotesPlaceholder

    def spy(self: FootnoteExtension, root: etree.Element) -> Any:
        calls.append(True)
        return original(self, root)

    monkeypatch.setattr(FootnoteExtension, "findFootnotesPlaceholder", spy)
    md = _markdown(shortcuts_on=True)
    md.convert("Text.[^a]\n\n[^a]: Note.\n")
    assert calls == []
    md.reset()
    html = md.convert("Text.[^a]\n\n///Footnotes Go Here///\n\nEnd.\n\n[^a]: Note.\n")
    assert calls == [True]
    assert html.index('class="footnotes"') < html.index("End.")
