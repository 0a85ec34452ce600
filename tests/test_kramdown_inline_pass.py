"""Given Python-Markdown's inline pass run by ``kramdown/inline_pass.py``'s mirror (no parent
map, a deque for the elements), when a page is converted, then the HTML is the one
Python-Markdown's own ``InlineProcessor.run`` gives, and a release it does not mirror runs
its own.

Each case puts inline markup where the order of the visits and the ancestors matter: nested
emphasis, links in links' text, inline HTML, code and atomic text, tails after inline
elements, lists and tables (nested block elements), footnotes, and patterns excluded by
their ancestors (a link inside a link).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_jekyll.kramdown import inline_pass
from mkdocs_jekyll.kramdown.pipeline import configure_markdown
from mkdocs_jekyll.kramdown.settings import KramdownSettings

SEEDS = Path(__file__).parent.parent / "docs"
MKDOCS_BUILTINS = ["toc", "tables", "fenced_code"]
# Mirrored from Python-Markdown 3.11 (3.5 to 3.10 run their own).
MIRRORED_RELEASE = markdown.__version_info__[:2] == (3, 11)


@dataclass(frozen=True)
class Case:
    description: str
    source: str
    expected: str = ""


CASES = (
    Case("nested emphasis", "a *b **c** d* e\n", "<strong>c</strong>"),
    Case("emphasis inside strong", "a **b *c* d** e\n", "<strong>b <em>c</em> d</strong>"),
    Case("a link with emphasis and a tail", "x [*a* b](/u) tail *t*\n", "tail <em>t</em>"),
    Case("a link inside a link's text", "[a [b](/in) c](/out)\n", "/out"),
    Case("inline HTML around text", "a <span>*b*</span> c <b>d</b>\n", "<b>d</b>"),
    Case("code spans and escapes", "`a*b*` \\*c\\* <`d`>\n", "a*b*</code>"),
    Case("a list with inline markup", "- *a* b\n- c **d**\n  - `e` f\n", "e</code> f"),
    Case("a table with inline markup", "| *a* | b |\n|---|---|\n| `c` | [d](/e) |\n", "/e"),
    Case("a footnote", "Text[^1] more.\n\n[^1]: Note *x*.\n", "fn:1"),
    Case("smart quotes and symbols", "\"a\" 'b' -- c... <<d>>\n", "\u201ca\u201d"),
    Case("an image and autolink", "![alt *x*](/i.png) <https://e.org> x\n", "https://e.org"),
    Case("a heading with markup", "## A *b* `c`\n\ntext\n", "<em>b</em>"),
    Case("an html block with markdown", '<div markdown="1">\n*x* and _y_\n</div>\n', "<em>x"),
    Case("many tails in one paragraph", "*a* b *c* d *e* f *g* h `i` j\n", "i</code> j"),
    Case(
        "tails of raw HTML after markup",
        '<p markdown="1">*a* <b>x</b> *c* and <i>y</i> **d** `e`</p>\n',
        "<i>y</i> <strong>d</strong>",
    ),
    Case(
        "nested raw HTML tails in a block",
        '<div markdown="1">\n<p markdown="1">x <b>*y*</b> *z* <s>w</s> _v_</p>\n</div>\n',
        "<em>z</em>",
    ),
    Case("a line break and strike", "a  \nb ~~c~~ d\n", "<br />"),
)


def _md() -> markdown.Markdown:
    extensions, configs = configure_markdown(KramdownSettings(), MKDOCS_BUILTINS, {})
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def _convert(text: str, *, lean: bool, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        if not lean:
            patch.setattr("mkdocs_jekyll.kramdown.triggers.inline_pass_mirrored", lambda: False)
        return _md().convert(text)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_a_page_gets_the_html_python_markdowns_inline_pass_gives(
    case: Case, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = _convert(case.source, lean=True, monkeypatch=monkeypatch)
    assert html == _convert(case.source, lean=False, monkeypatch=monkeypatch)
    assert case.expected in html


def test_the_reference_sites_pages_are_the_same_with_the_mirror(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pages = sorted(SEEDS.rglob("*.md"))
    assert len(pages) >= 2
    for page in pages:
        text = page.read_text(encoding="utf-8")
        lean = _convert(text, lean=True, monkeypatch=monkeypatch)
        assert lean == _convert(text, lean=False, monkeypatch=monkeypatch), page.name


@given(st.text(alphabet="*_`[]()<>!\\ab \n-|#:^\"'~", max_size=60))
def test_any_short_page_is_the_same_with_the_mirror(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        lean = _convert(text, lean=True, monkeypatch=monkeypatch)
        assert lean == _convert(text, lean=False, monkeypatch=monkeypatch)


def test_the_mirror_runs_on_the_release_it_was_written_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[Any] = []
    real = inline_pass.lean_inline_run

    def recording(*args: Any) -> Any:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr("mkdocs_jekyll.kramdown.triggers.lean_inline_run", recording)
    _md().convert("Some *text*.\n")
    assert bool(calls) is MIRRORED_RELEASE is inline_pass.mirrored()


def test_another_release_runs_python_markdowns_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inline_pass, "_MIRRORED_SOURCE", frozenset({"other"}))
    inline_pass.mirrored.cache_clear()
    try:
        assert not inline_pass.mirrored()
        called: list[Any] = []
        monkeypatch.setattr(
            "mkdocs_jekyll.kramdown.triggers.lean_inline_run", lambda *a: called.append(a)
        )
        assert "<em>text</em>" in _md().convert("Some *text*.\n")
        assert called == []
    finally:
        monkeypatch.undo()
        inline_pass.mirrored.cache_clear()


def _tree() -> Any:
    """A tree as block processors could leave it: elements with tails holding inline
    markup (the pass's tail branch), nested block elements, and atomic text."""
    import xml.etree.ElementTree as etree

    root = etree.Element("div")
    p = etree.SubElement(root, "p")
    p.text = "*a* b"
    span = etree.SubElement(p, "span")
    span.text = "in *span*"
    span.tail = " *t* u `v` w [l](/x) z"
    br = etree.SubElement(p, "br")
    br.tail = "after **br** and *more*"
    ul = etree.SubElement(root, "ul")
    li = etree.SubElement(ul, "li")
    li.text = "item *one*"
    inner = etree.SubElement(li, "p")
    inner.text = markdown.util.AtomicString("atomic *not em*")
    inner.tail = "tail of *inner*"
    hr = etree.SubElement(root, "hr")
    hr.tail = "rule tail *x*"
    return root


def _shape(element: Any) -> tuple[Any, ...]:
    """An element as later passes read it: text and tail with their type (``None``, ``str``
    or ``AtomicString``, which later passes leave alone), attributes and children."""

    def typed(value: str | None) -> tuple[str, str | None]:
        return (type(value).__name__, value)

    return (
        element.tag,
        sorted(element.attrib.items()),
        typed(element.text),
        typed(element.tail),
        [_shape(child) for child in element],
    )


def _inline_pass(tree: Any, *, lean: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    with monkeypatch.context() as patch:
        if not lean:
            patch.setattr("mkdocs_jekyll.kramdown.triggers.inline_pass_mirrored", lambda: False)
        return _md().treeprocessors["inline"].run(tree, ["body"])


def test_the_tail_branch_gives_the_tree_python_markdowns_pass_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import xml.etree.ElementTree as etree

    lean = _inline_pass(_tree(), lean=True, monkeypatch=monkeypatch)
    own = _inline_pass(_tree(), lean=False, monkeypatch=monkeypatch)
    assert _shape(lean) == _shape(own)
    html = etree.tostring(lean, encoding="unicode")
    assert "<em>t</em> u <code" in html and "<strong>br</strong>" in html


def _plain_tree(texts: list[str]) -> Any:
    """Elements whose texts and tails are ``texts`` in turn, some atomic, some nested."""
    import xml.etree.ElementTree as etree

    root = etree.Element("div")
    parent = root
    for number, text in enumerate(texts):
        child = etree.SubElement(parent, ("p", "td", "span", "li")[number % 4])
        child.text = markdown.util.AtomicString(text) if number % 5 == 3 else text
        tail = texts[-1 - number]
        child.tail = markdown.util.AtomicString(tail) if number % 4 == 1 else tail
        if number % 3 == 2:
            parent = child
    return root


@given(st.lists(st.text(alphabet="*_`[]()<>!\\ab -", max_size=12), min_size=1, max_size=8))
def test_texts_and_tails_with_or_without_markup_are_set_as_python_markdowns_pass_sets_them(
    texts: list[str],
) -> None:
    """Texts no pattern changes (set here without ``__processPlaceholders``) and texts some
    pattern does, empty ones too: the same tree, down to ``None`` against ``""`` and the
    ``AtomicString`` type."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        lean = _inline_pass(_plain_tree(texts), lean=True, monkeypatch=monkeypatch)
        own = _inline_pass(_plain_tree(texts), lean=False, monkeypatch=monkeypatch)
        assert _shape(lean) == _shape(own)


def test_another_placeholder_step_runs_python_markdowns_own_pass(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The skipped ``__processPlaceholders`` is the one mirrored, or the mirror is not used."""
    monkeypatch.setattr(inline_pass, "_MIRRORED_PLACEHOLDERS", frozenset({"other"}))
    inline_pass.mirrored.cache_clear()
    try:
        assert not inline_pass.mirrored()
    finally:
        monkeypatch.undo()
        inline_pass.mirrored.cache_clear()
    assert inline_pass.mirrored() is MIRRORED_RELEASE


def test_the_mirrored_functions_source_is_the_one_inspect_reads() -> None:
    """``compat.function_source`` stands for ``inspect.getsource`` in the digest check."""
    import inspect

    from markdown.treeprocessors import InlineProcessor

    from mkdocs_jekyll.compat import INLINE_PLACEHOLDERS, function_source

    for function in (InlineProcessor.run, getattr(InlineProcessor, INLINE_PLACEHOLDERS)):
        assert function_source(function) == inspect.getsource(function)
