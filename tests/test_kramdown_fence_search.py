"""Given SuperFences' fence search run by ``kramdown/fence_search.py``'s lean loop (which
passes over the lines outside a fence that hold no backtick or tilde), when a page is
converted, then the HTML is the one SuperFences' own loop gives.

Each case puts a fence where the skipped lines could matter: after lines of whitespace and
block quote markers, nested in lists and quotes, unclosed, with options the header parser
rejects, with carriage returns and tabs, beside code spans and indented code. Each is
converted with the pipeline's own instance, once with the lean loop and once with
SuperFences' ``search_nested``, and must match byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pymdownx.superfences import SuperFencesBlockPreprocessor, SuperFencesRawBlockPreprocessor

from mkdocs_jekyll.kramdown import fence_search
from mkdocs_jekyll.kramdown.pipeline import configure_markdown
from mkdocs_jekyll.kramdown.settings import KramdownSettings

SEEDS = Path(__file__).parent.parent / "docs"
MKDOCS_BUILTINS = ["toc", "tables", "fenced_code"]
# Mirrored from pymdown-extensions 13; the lowest allowed release (10.2) reads no
# unrecognized fence headers, and its search is its own.
MIRRORED_RELEASE = hasattr(SuperFencesBlockPreprocessor, "handle_unrecognized")


@dataclass(frozen=True)
class Case:
    description: str
    source: str
    expected: str = ""


CASES = (
    Case("a fence after prose", "Text\n\n```python\nx = 1\n```\n\nAfter\n", "x"),
    Case("a tilde fence", "Text\n\n~~~\ncode\n~~~\n", "code"),
    Case("a longer closing fence", "````\na\n``` inner\n`````\n", "inner"),
    Case("an unclosed fence", "Intro\n\n```\nnever closed\n\nmore\n", "never closed"),
    Case("a fence in a list item", "- item\n\n    ```\n    in list\n    ```\n\n- next\n", "in"),
    Case("a fence in a block quote", "> quote\n>\n> ```\n> quoted\n> ```\n", "quoted"),
    Case("a quote line inside a fence ends it", "```\na\n> b\n```\n", "a"),
    Case("options it rejects", '``` {bad attrs\nx\n```\n\n```python linenums="1"\ny\n```\n'),
    Case("an unrecognized header", "``` python foo bar\nz\n```\n", "z"),
    Case("carriage returns", "Text\r\n\r\n```\r\ncr\r\n```\r\n", "cr"),
    Case("tabs before a fence", "-\titem\n\n\t```\n\ttabbed\n\t```\n", "tabbed"),
    Case("code spans beside fences", "Use `x` and ``y``.\n\n```\nz\n```\nthen `w`\n", "w"),
    Case("a fence in indented code", "    ```\n    not a fence\n    ```\n", "not a fence"),
    Case("whitespace-only lines around", "   \n> \n```\n  \n```\n  \n", ""),
    Case("no fence at all", "# Title\n\nJust text, no code.\n", "Just text"),
    Case("two fences in a row", "```\na\n```\n```\nb\n```\n~~~\nc\n~~~\n", "c"),
)


def _md(*, lean: bool) -> markdown.Markdown:
    extensions, configs = configure_markdown(KramdownSettings(), MKDOCS_BUILTINS, {})
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    processor = md.preprocessors["fenced_code_block"]
    lean_installed = "search_nested" in vars(processor)
    assert lean_installed is fence_search.mirrored()
    if not lean and lean_installed:
        del processor.search_nested  # SuperFences' own method again
    return md


def _convert(text: str, *, lean: bool) -> str:
    md = _md(lean=lean)
    html = md.convert(text)
    md.reset()
    return html


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_a_page_gets_the_html_superfences_own_search_gives(case: Case) -> None:
    html = _convert(case.source, lean=True)
    assert html == _convert(case.source, lean=False)
    assert case.expected in html


def test_one_instance_converting_every_case_in_turn_gives_the_same_pages() -> None:
    """The preprocessor's state left by one page (the last line's whitespace) never reaches
    the next: one shared instance, reset between pages, gives each page's own HTML."""
    lean, own = _md(lean=True), _md(lean=False)
    for case in (*CASES, *reversed(CASES)):
        assert lean.convert(case.source) == own.convert(case.source), case.description
        lean.reset()
        own.reset()


def test_the_reference_sites_pages_are_the_same_with_the_lean_search() -> None:
    pages = sorted(SEEDS.rglob("*.md"))
    assert len(pages) >= 2
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert _convert(text, lean=True) == _convert(text, lean=False), page.name


@given(st.text(alphabet='`~ \t>\n-*1.ab{}="#\r', max_size=80))
def test_any_short_page_is_the_same_with_the_lean_search(text: str) -> None:
    assert _convert(text, lean=True) == _convert(text, lean=False)


def test_the_installed_superfences_search_is_the_one_mirrored() -> None:
    assert fence_search.mirrored() is MIRRORED_RELEASE
    assert fence_search.fence_triggers() == ("`", "~")


def test_another_release_or_a_subclass_keeps_superfences_own_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(fence_search._MIRRORED, "parse_whitespace", (frozenset({"x"}), ()))
    assert not fence_search.mirrored()
    processor = _md(lean=True).preprocessors["fenced_code_block"]
    assert "search_nested" not in vars(processor)
    monkeypatch.undo()

    md = markdown.Markdown(extensions=["pymdownx.superfences"])
    raw = SuperFencesRawBlockPreprocessor(md)
    md.preprocessors.register(raw, "fenced_code_block", 25)
    fence_search.install_fence_search(md)
    assert "search_nested" not in vars(raw)
    assert type(md.preprocessors["fenced_code_block"]) is not SuperFencesBlockPreprocessor


SITE_PAGES = {
    "docs/index.md": "# Home\n\n```python\ndef f(x):\n    return x < 1\n```\n\nText `code`.\n",
    "docs/a.md": "".join(case.source + "\n\n" for case in CASES),
}


def test_a_site_is_the_same_with_the_lean_fence_search_and_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given a site whose pages hold every fence case above, when it is built with the lean
    fence search and again with SuperFences' own, then every produced file is the same."""
    from sitebuild import make_site_builder, site_tree

    (tmp_path / "on").mkdir()
    (tmp_path / "off").mkdir()
    installed: list[Any] = []
    real_install = fence_search.install_fence_search

    def install_and_record(md: markdown.Markdown) -> None:
        real_install(md)
        installed.append(vars(md.preprocessors["fenced_code_block"]).get("search_nested"))

    monkeypatch.setattr("mkdocs_jekyll.kramdown.triggers.install_fence_search", install_and_record)
    on = make_site_builder(tmp_path / "on")(files=SITE_PAGES)
    assert installed
    assert all(isinstance(search, partial) is MIRRORED_RELEASE for search in installed)
    monkeypatch.setattr(
        "mkdocs_jekyll.kramdown.triggers.install_fence_search", lambda md: installed.clear()
    )
    off = make_site_builder(tmp_path / "off")(files=SITE_PAGES)
    assert installed == []
    on_files, off_files = site_tree(on), site_tree(off)
    assert sorted(on_files) == sorted(off_files)
    assert [name for name in on_files if on_files[name] != off_files[name]] == []
