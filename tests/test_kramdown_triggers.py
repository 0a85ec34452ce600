"""Given a page whose text lacks a pattern's trigger character, when the inline pass skips
that pattern (``kramdown/triggers.py``), then the HTML is the same as with every pattern;
likewise for the shortcuts of the IAL and extension-tag preprocessors, headings and table
rows (a page or block without ``{:``, ``{::``, ``#``, a backslash or a backtick).

Each case puts the trigger only where a shortcut could miss it: in a code span, escaped, in
raw HTML, in a footnote, a table cell, a heading, an attribute list definition, at the very
end of the page. Each is converted with the skipping on and off (the pipeline without the
``triggers`` extension) and must match byte for byte, and must show the pattern did its
work where it should (``expected``), so a shortcut that skipped it would fail.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mkdocs_jekyll.mkdocs.configure as configure
from mkdocs_jekyll.kramdown.math import InlineMathProcessor
from mkdocs_jekyll.kramdown.pipeline import TRIGGERS, configure_markdown
from mkdocs_jekyll.kramdown.settings import KramdownSettings
from mkdocs_jekyll.kramdown.triggers import kept_patterns
from sitebuild import make_site_builder, site_tree

MKDOCS_BUILTINS = ["toc", "tables", "fenced_code"]


@dataclass(frozen=True)
class Case:
    description: str
    source: str
    expected: tuple[str, ...] = ()
    block: tuple[tuple[str, Any], ...] = ()


CASES = (
    Case("math at the very end, no newline", "Sum: $$a+b$$", (r"\(a+b\)",)),
    Case("math only in a code span stays code", "Price `$$5$$` here.\n", ("<code",)),
    Case("escaped math is text", "Not \\$$x$$ math.\n", ("$$x$$",)),
    Case("math in a raw HTML block is left alone", '<div class="a">$$x$$</div>\n\nText.\n'),
    Case("math in markdown=1 HTML", '<div markdown="1">$$x$$ y</div>\n', (r"\(x\)",)),
    Case("math in a table cell", "| a | b |\n|---|---|\n| $$x$$ | 2 |\n", (r"\(x\)",)),
    Case(
        "math only in a footnote",
        "Text.[^n]\n\n[^n]: See $$x^2$$.\n",
        (r"\(x^2\)", 'class="footnote"'),
    ),
    Case("math with no engine", "$$x$$ y\n", ('class="kdmath"',), (("math_engine", None),)),
    Case("a comment tag at the very end", "Text {::comment}hid{:/}", ("<!-- hid -->",)),
    Case("a tag only in a code span", "Use `{::comment}` here.\n", ("{::comment}",)),
    Case(
        "an options tag inline",
        'Go {::options footnote_nr="3" /} on.[^a]\n\n[^a]: Note.\n',
        ('<ol start="3">',),
    ),
    Case("a nomarkdown tag in a heading", "# Head {::nomarkdown}<b>x</b>{:/}\n", ("<b>x</b>",)),
    Case("a backslash break", "one\\\ntwo\n", ("<br />",)),
    Case("a backslash break in a list item", "- one\\\n  two\n", ("<br />",)),
    Case("an escape at the very end", "A star \\*", ("A star *",)),
    Case("an escaped pipe in a table", "| a | b |\n|---|---|\n| x \\| y | 2 |\n", ("x | y",)),
    Case("escaped guillemets before a tag", "Arrows \\<<b> and x>>\n", ("&lt;&lt;b&gt;",)),
    Case("a backslash only in a code span", "Path `C:\\dir\\` here.\n", ("C:\\dir\\",)),
    Case("a backslash only in fenced code", "```\na\\b\n```\n\nText.\n"),
    Case("a footnote reference in a heading", "# Title[^h]\n\n[^h]: Note.\n", ("fnref:h",)),
    Case(
        "a footnote reference in a table cell",
        "| a | b |\n|---|---|\n| x[^t] | 2 |\n\n[^t]: Cell note.\n",
        ("fnref:t",),
    ),
    Case("a footnote reference at the very end", "[^e]: End.\n\nText[^e]", ("fnref:e",)),
    Case("a caret only in a code span", "Power `2^8` and [^x] text.\n", ("[^x]",)),
    Case("an entity at the very end", "Copyright &copy;", ("\u00a9",)),
    Case("an unknown entity", "Odd &nosuchname; entity.\n", ("&amp;nosuchname;",)),
    Case("an entity in a link's text", "[a &amp; b](https://example.com/)\n", ("a &amp; b",)),
    Case("an entity only in a link title", '[a](https://example.com/ "x &amp; y")\n'),
    Case(
        "an entity in an attribute list definition's reference",
        '{:ref: title="&amp;"}\n\nPara &#169; here.\n{: ref}\n',
        ("\u00a9",),
    ),
    Case("an entity in a definition list", "Term\n: Def &copy;\n", ("\u00a9",)),
    Case("an entity in an abbreviation's title", "*[HTML]: A &amp; B\n\nHTML text.\n"),
    Case("control characters around a trigger", "a\x02$\x03$x$$ b\n"),
    Case("single dollars are not math", "Costs $5 and $6.\n", ("$5 and $6",)),
    Case("an apostrophe at the very end", "It is Tom'", ("Tom\u2019",)),
    Case("double quotes alone", 'He said "hi" today.\n', ("\u201chi\u201d",)),
    Case("an IAL after an entity is dropped", "Mark &copy;{: .x} here.\n", ("\u00a9 here",)),
    Case("an opening guillemet alone", "x << y\n", ("\u00ab\u00a0y",)),
    Case("a closing guillemet alone", "x >> y\n", ("x\u00a0\u00bb",)),
    Case("an id IAL after an entity is dropped", "Mark &copy;{#x} here.\n", ("\u00a9 here",)),
    Case("a dash pair split by an escape", "a -\\- b and c -- d\n", ("c \u2013 d",)),
    Case("dashes only in a table's separator", "| a | b |\n| --- | --- |\n| 1 | 2 |\n"),
    Case("quotes only in raw HTML", '<div class="x">y</div>\n\nText.\n', ('class="x"',)),
    Case("quotes only in a code span", 'Say `"hi"` now.\n', ('"hi"</code>',)),
    Case("an ellipsis in a link's text", "[wait...](https://example.com/)\n", ("wait\u2026",)),
    Case("guillemets in a heading", "# <<Title>>\n", ("\u00abTitle\u00bb",)),
    Case("an IAL after a quote", '"Quoted"{: .x} text\n', ("\u201cQuoted\u201d",)),
    Case("inline HTML at the very end", "Text <b>bold</b>", ("<b>bold</b>",)),
    Case("a trigger split across two elements", "a {*x*::comment} b -*y*- c\n"),
    # The preprocessors' and block processors' own shortcuts (no "{:", "{::", "#", no
    # backslash or backtick in a table row): the trigger only at the edges.
    Case("a block IAL at the very end", "Para\n{: .end}", ('<p class="end">',)),
    Case("a span IAL after emphasis", "An *em*{: .x} word.\n", ('<em class="x">',)),
    Case(
        "an attribute list definition used before it is defined",
        "Para\n{: r}\n\n{:r: .late}\n",
        ('<p class="late">',),
    ),
    Case(
        "an options tag at the very end",
        'Text[^a]\n\n[^a]: N.\n\n{::options footnote_nr="5" /}',
        ('<ol start="5">',),
    ),
    Case("a comment block", "{::comment}\nhidden\n{:/comment}\nAfter.\n", ("<!-- hidden -->",)),
    Case("a tag only in fenced code", "```\n{::comment}\n{: .x}\n```\n", ("{::comment}",)),
    Case("a heading at the very end", "Text.\n\n# Last", ('<h1 id="last">Last</h1>',)),
    Case("a heading mark only in a code span", "Say `#hash` here.\n", ("<code",)),
    Case(
        "a table row with a pipe in a code span",
        "| a | b |\n|---|---|\n| `x|y` | 2 |\n",
        ("x|y</code>",),
    ),
    Case(
        "a table row ending with a backslash before its pipe",
        "| a | b |\n|---|---|\n| x\\\\| 2 |\n",
    ),
    Case(
        "the same code highlighted in two languages",
        "```python\nprint(1)\n```\n\n```ruby\nprint(1)\n```\n\n```python\nprint(1)\n```\n",
        ("language-python", "language-ruby"),
    ),
    Case("no trigger at all", "Plain *text* with [a link](https://example.com/).\n"),
    # Per run of text: a pattern is tried only on the runs holding one of its triggers.
    Case("emphasis only in a link's text", "[x *em* y](https://e.com/) z\n", ("<em>em</em>",)),
    Case("a link inside emphasis", "*a [b *c*](https://e.com/) d*\n", ("<em>c</em>",)),
    Case("an image in a link", "[![alt *x*](i.png)](https://e.com/) t\n", ('alt="alt *x*"',)),
    Case("a trigger in the tail after a link", "[a](https://e.com/) *b* & `c`\n", ("<em>b</em>",)),
    Case("a trigger in the tail after a code span", "`a*b*` *c* `d` _e_\n", ("<em>c</em>",)),
    Case("escaped emphasis and link", "\\*not\\* \\[x](y) *yes*\n", ("<em>yes</em>",)),
    Case(
        "emphasis in raw inline HTML", "<span>*em*</span> [x](https://e.com/)\n", ("<em>em</em>",)
    ),
    Case("a hard break by two spaces", "line  \nnext *x*\n", ("<br />",)),
    Case("a hard break only in a link", "[a  \nb](https://e.com/)\n", ("<br />",)),
    Case(
        "an autolink and a mail", "See <https://e.com/> or <a@b.io>.\n", ('href="https://e.com/"',)
    ),
    Case("a reference link", "[a][r] and [r]\n\n[r]: https://e.com/\n", ('href="https://e.com/"',)),
    Case("quotes in emphasis in a link", "[*'q'*](https://e.com/)\n", ("\u2018q\u2019",)),
    Case("a footnote reference in emphasis", "*a[^1]* b\n\n[^1]: N.\n", ("fnref:1",)),
    Case("strikethrough in a link", "[~~gone~~](https://e.com/) ~~x~~\n", ("<del>gone</del>",)),
    Case("an abbreviation with a dash", "*[HT-ML]: Hyper\n\nThe HT-ML spec.\n", ("<abbr",)),
    Case("an entity only in emphasis", "*a &copy; b* c\n", ("\u00a9",)),
    Case("emphasis across a code span", "*a `b` c* d\n", ("<em>a <code",)),
    Case("nested strong and emphasis", "***a** b* _c **d**_\n", ("<em>", "<strong>")),
    Case("triggers in a table cell's tail", "| a | b |\n|---|---|\n| `x` *y* | [z](u) |\n"),
    Case("a heading with a code span and emphasis", "# `a` *b*\n", ("<em>b</em>",)),
    # The block loop: a test is skipped for a block without a string its regex needs.
    Case("a quote after a paragraph line", "para\n> quote\n", ("<blockquote>",)),
    Case("a lazy quote", "> a\nb\n\nc > d\n", ("<blockquote>",)),
    Case("a greater-than only in inline HTML", "a <b>x</b> y\n", ("<b>x</b>",)),
    Case("rules of three kinds", "a\n\n***\n\n___\n\n- - -\n", ("<hr />",)),
    Case("setext headings", "Title\n=====\n\nSub\n---\n", ("<h1", "<h2")),
    Case("a setext underline not on the second line", "a\nb\n===\n"),
    Case("a definition list", "Term\n: def\n\nOther\n:   more\n", ("<dl>",)),
    Case("lists of each marker", "1. a\n2. b\n\n+ c\n\n* d\n\n- e\n", ("<ol>", "<ul>")),
    Case("a quote in a list item", "- a\n\n  > q\n", ("<blockquote>",)),
    Case("a list in a quote", "> - a\n> - b\n", ("<li>a</li>",)),
    Case("a rule in a quote", "> a\n>\n> ---\n", ("<hr />",)),
    Case("a colon without a definition", "Time: 10:30\n", ("10:30",)),
    # Python-Markdown's [TOC] marker: looked for only on a page holding it.
    Case("a toc marker", "[TOC]\n\n# A\n\n## B\n", ('<div class="toc">',)),
    Case("a toc marker in a list item", "- [TOC]\n\n# A\n", ('<div class="toc">',)),
    Case("a toc marker only in a code span", "`[TOC]`\n\n# A\n", ("[TOC]</code>",)),
    Case("a toc marker within a sentence", "See [TOC] here.\n\n# A\n", ("[TOC] here",)),
)


def _markdown(block: dict[str, Any], *, skipping: bool) -> markdown.Markdown:
    settings = KramdownSettings.from_block(block)
    extensions, configs = configure_markdown(settings, list(MKDOCS_BUILTINS), {})
    if not skipping:
        extensions = [name for name in extensions if name != TRIGGERS]
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_skipping_patterns_changes_no_output(case: Case) -> None:
    block = dict(case.block)
    on = _markdown(block, skipping=True).convert(case.source)
    off = _markdown(block, skipping=False).convert(case.source)
    assert on == off
    assert [fragment for fragment in case.expected if fragment not in on] == []


def test_a_reused_instance_skips_per_page() -> None:
    """One Markdown reused with reset(), as MkDocs may: no page's choice leaks to the next."""
    pages = [case.source for case in CASES] * 2
    reused = _markdown({}, skipping=True)
    for page in pages:
        reused.reset()
        assert reused.convert(page) == _markdown({}, skipping=False).convert(page)


def test_pages_keeping_the_same_patterns_share_their_probes() -> None:
    """The second page keeping the same patterns reuses the first's probes and finders, and
    each page is still what every pattern gives."""
    from mkdocs_jekyll.kramdown.triggers import _probes_and_finders

    _probes_and_finders.cache_clear()
    reused = _markdown({}, skipping=True)
    for page in ["A *b* and `c`.\n", "D *e* and `f`.\n", "$$x$$ and *g*\n"]:
        reused.reset()
        assert reused.convert(page) == _markdown({}, skipping=False).convert(page)
    info = _probes_and_finders.cache_info()
    assert (info.hits, info.misses) == (1, 2)


def test_a_page_without_the_trigger_leaves_the_pattern_out() -> None:
    patterns = list(_markdown({}, skipping=True).inlinePatterns)
    math = next(p for p in patterns if isinstance(p, InlineMathProcessor))
    assert math not in kept_patterns(patterns, "one $ here")
    assert math in kept_patterns(patterns, "math $$x$$ here")


@given(st.text(alphabet="$-.<>{:#'\"\\&[^ab", max_size=30))
def test_the_patterns_kept_are_those_whose_trigger_the_text_holds(text: str) -> None:
    """Each trigger is looked for once per text, and first by its characters alone: the
    patterns kept are those a search for each trigger in turn keeps."""
    from mkdocs_jekyll.kramdown.regex_triggers import holds
    from mkdocs_jekyll.kramdown.triggers import _TRIGGERS

    patterns = list(_markdown({}, skipping=True).inlinePatterns)
    expected = [
        p
        for p in patterns
        if (needed := _TRIGGERS.get(type(p))) is None or any(t in text for t in needed)
    ]
    assert kept_patterns(patterns, text) == expected
    for needed in _TRIGGERS.values():
        for trigger in needed:
            assert holds(text, trigger) is (trigger in text)


def test_a_pattern_from_another_extension_stops_the_skipping() -> None:
    """Patterns after an unknown one may see text it wrote: none of them is skipped."""

    class Foreign:
        pass

    foreign = Foreign()
    patterns = list(_markdown({}, skipping=True).inlinePatterns)
    assert kept_patterns([foreign, *patterns], "") == [foreign, *patterns]
    assert len(kept_patterns([*patterns, foreign], "")) < len(patterns)


SITE_PAGES = {
    "docs/index.md": "# Home\n\nNo triggers *here*.\n",
    "docs/math.md": "# Math\n\nInline $$x$$ and a note.[^n]\n\n[^n]: Note &copy; end\\\nnext\n",
    "docs/code.md": "# Code\n\n`$$x$$` and `{::comment}` and `\\`.\n\n```\n$ ls\n```\n",
    "docs/end.md": "# End\n\nText {::comment}c{:/} and &amp; \\*",
}


def test_a_site_is_the_same_with_and_without_skipping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given pages with triggers in odd places and one with none, when the site is built
    with the skipping and without it, then every produced file is the same."""
    (tmp_path / "on").mkdir()
    (tmp_path / "off").mkdir()
    on = make_site_builder(tmp_path / "on")(files=SITE_PAGES)
    assert r"\(x\)" in (on / "math" / "index.html").read_text(encoding="utf-8")

    calls: list[bool] = []

    def without_skipping(*args: Any) -> tuple[list[Any], dict[str, Any]]:
        extensions, configs = configure_markdown(*args)
        calls.append(TRIGGERS in extensions)
        return [name for name in extensions if name != TRIGGERS], configs

    monkeypatch.setattr(configure, "configure_markdown", without_skipping)
    off = make_site_builder(tmp_path / "off")(files=SITE_PAGES)
    assert calls == [True]
    on_files, off_files = site_tree(on), site_tree(off)
    assert sorted(on_files) == sorted(off_files)
    assert [name for name in on_files if on_files[name] != off_files[name]] == []


def test_every_corpus_case_is_the_same_with_and_without_skipping() -> None:
    """The kramdown corpus (every syntax we read), converted with the skipping and without."""
    from kramdown.corpus import cases

    found = cases()
    assert len(found) > 50
    for case in found:
        block = dict(case.kramdown)
        on = _markdown(block, skipping=True).convert(case.markdown)
        assert on == _markdown(block, skipping=False).convert(case.markdown), case.name


def _applied(md: markdown.Markdown, source: str) -> list[tuple[str, str]]:
    """(pattern class, text) for each time the inline pass tried a pattern on a text."""
    inline = md.treeprocessors["inline"]
    applied: list[tuple[str, str]] = []
    apply = inline._apply

    def spy(pattern: Any, data: str, index: int, start: int) -> tuple[str, bool, int]:
        applied.append((type(pattern).__name__, data))
        return apply(pattern, data, index, start)

    inline._apply = spy
    md.convert(source)
    return applied


def test_a_run_without_a_patterns_trigger_is_not_tried_with_it() -> None:
    """The page has a backtick and a star, the first paragraph neither: the code span and
    emphasis patterns are not tried on it (else the skipping silently stopped)."""
    md = _markdown({}, skipping=True)
    applied = _applied(md, "Plain words here\n\n`code` and *em*\n")
    first = {name for name, data in applied if data == "Plain words here"}
    second = {name for name, data in applied if data.startswith("`code`")}
    assert "BacktickInlineProcessor" not in first
    assert "BacktickInlineProcessor" in second
    assert not any("Delimiter" in name or "Asterisk" in name for name in first)
    assert first == set()  # no trigger of any pattern in it: none was tried at all


def test_a_pattern_without_triggers_keeps_every_run_tried() -> None:
    """The shortcut for a run holding no trigger of the patterns left needs them all known."""
    from mkdocs_jekyll.kramdown.triggers import _any_trigger_from

    found = _any_trigger_from([("*",), None, ("`", "[")])
    assert found == [None, None, ("[", "`")]
    assert _any_trigger_from([("*",), ("$$",)]) == [("$$", "*"), ("$$",)]
    # No triggers at all: an expression alternating none matched every run.
    assert _any_trigger_from([(), ()]) == [None, None]


def test_a_python_markdown_with_another_loop_runs_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """When ``__handleInline`` is not the loop we mirror, ours is not installed, and the
    output is the same."""
    import mkdocs_jekyll.kramdown.triggers as triggers
    from mkdocs_jekyll.compat import INLINE_HANDLER

    assert INLINE_HANDLER in vars(_markdown({}, skipping=True).treeprocessors["inline"])
    monkeypatch.setattr(triggers, "inline_handler_mirrored", lambda: False)
    md = _markdown({}, skipping=True)
    assert INLINE_HANDLER not in vars(md.treeprocessors["inline"])
    for case in CASES:
        assert md.convert(case.source) == _markdown({}, skipping=False).convert(case.source)
        md.reset()


def test_a_block_without_a_tests_trigger_is_not_tested() -> None:
    """No ``>`` on the page: the block quote processor is never asked; one quote: it is."""
    from markdown.blockprocessors import BlockQuoteProcessor

    asked: list[str] = []

    def spy(self: BlockQuoteProcessor, parent: Any, block: str) -> bool:
        asked.append(block)
        return bool(self.RE.search(block))

    md = _markdown({}, skipping=True)
    quote = next(p for p in md.parser.blockprocessors if type(p) is BlockQuoteProcessor)
    quote.test = spy.__get__(quote)  # type: ignore[method-assign]
    md.convert("One\n\nTwo *x*\n\n- three\n")
    assert asked == []
    md.convert("One\n\n> Two\n")
    assert asked == ["> Two"]


def test_a_subclass_with_its_own_test_is_always_asked() -> None:
    from markdown.blockprocessors import BlockQuoteProcessor

    from mkdocs_jekyll.kramdown.block_triggers import test_triggers

    class Own(BlockQuoteProcessor):
        def test(self, parent: Any, block: str) -> bool:
            return True

    parser = markdown.Markdown().parser
    assert test_triggers(BlockQuoteProcessor(parser)) == (">",)
    assert test_triggers(Own(parser)) is None


@given(st.text(alphabet="-_* x\n\t", max_size=30))
def test_a_rule_is_found_only_in_a_block_holding_one_of_its_triggers(block: str) -> None:
    """The rule's strings (two of `-`, `_` or `*` with up to two spaces between) are in
    every block whose rule expression finds a rule: a block without them skips its test."""
    from markdown.blockprocessors import HRProcessor

    from mkdocs_jekyll.kramdown.block_triggers import test_triggers

    triggers = test_triggers(HRProcessor(markdown.Markdown().parser))
    assert triggers is not None and "- -" in triggers
    if HRProcessor.SEARCH_RE.search(block):
        assert any(trigger in block for trigger in triggers)


@pytest.mark.parametrize(
    "block",
    ["---", "- - -", "*  *  *", "__ _", "text\n***\nmore", " -  -  -  ", "page-19 and a_b *x*"],
)
def test_rules_and_near_rules_convert_alike_with_and_without_skipping(block: str) -> None:
    source = f"Before\n\n{block}\n\nAfter *em* and page-2 and snake_case\n"
    assert _markdown({}, skipping=True).convert(source) == _markdown({}, skipping=False).convert(
        source
    )


def test_a_rule_expression_of_its_own_gets_the_triggers_read_from_it() -> None:
    import re

    from markdown.blockprocessors import HRProcessor

    from mkdocs_jekyll.kramdown.block_triggers import test_triggers

    processor = HRProcessor(markdown.Markdown().parser)
    processor.SEARCH_RE = re.compile(r"^[ ]{0,3}(?:-[ ]?){3,}$", re.MULTILINE)
    assert test_triggers(processor) == ("-",)


def test_a_python_markdown_with_another_block_loop_runs_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import mkdocs_jekyll.kramdown.block_triggers as block_triggers

    assert "parseBlocks" in vars(_markdown({}, skipping=True).parser)
    monkeypatch.setattr(block_triggers, "block_loop_mirrored", lambda: False)
    md = _markdown({}, skipping=True)
    assert "parseBlocks" not in vars(md.parser)
    for case in CASES:
        assert md.convert(case.source) == _markdown({}, skipping=False).convert(case.source)
        md.reset()


def test_pythons_toc_is_the_marker_checked_one_unless_replaced() -> None:
    from markdown.extensions.toc import TocExtension, TocTreeprocessor

    from mkdocs_jekyll.kramdown.triggers import MarkerCheckedTocTreeprocessor

    md = _markdown({}, skipping=True)
    assert type(md.treeprocessors["toc"]) is MarkerCheckedTocTreeprocessor

    class OwnToc(TocTreeprocessor):
        pass

    class OwnTocExtension(TocExtension):
        TreeProcessorClass = OwnToc

    own = markdown.Markdown(extensions=[OwnTocExtension(), TRIGGERS])
    assert type(own.treeprocessors["toc"]) is OwnToc
    configured = markdown.Markdown(
        extensions=["toc", TRIGGERS], extension_configs={"toc": {"marker": "[[x]]", "title": "T"}}
    )
    assert configured.convert("[[x]]\n\n# A\n").startswith(
        '<div class="toc"><span class="toctitle">T'
    )


RUNS = ["plain words", "a [link", "x $$ y", "a*b", "tail  \n", "\\\\", "", "$", "[^", "`code`"]
TRIGGER_SETS = [(("*",), ("$$",)), (("[", "!["), ("`",), ("  \n", "\\\\")), (("$$",),)]


@pytest.mark.parametrize("sets", TRIGGER_SETS, ids=str)
@pytest.mark.parametrize("run", RUNS, ids=repr)
def test_the_triggers_left_are_found_where_an_expression_alternating_them_finds_one(
    run: str, sets: tuple[tuple[str, ...], ...]
) -> None:
    """Given the patterns' triggers, when a run is looked at from each index, then it holds
    one of the triggers left exactly when the alternation of them (what the pass searched
    before) finds a match in it."""
    import re

    from mkdocs_jekyll.kramdown.triggers import _any_trigger_from

    for index, found in enumerate(_any_trigger_from(list(sets))):
        left = sorted({trigger for triggers in sets[index:] for trigger in triggers})
        expression = re.compile("|".join(re.escape(trigger) for trigger in left))
        assert found is not None
        assert any(trigger in run for trigger in found) == bool(expression.search(run))
