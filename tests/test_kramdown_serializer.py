"""Given Python-Markdown's serializer replaced by ``kramdown/serializer.py``'s lean one,
when a tree is serialized (a page, a heading for the table of contents), then the string
is the one Python-Markdown's own ``to_xhtml_string``/``to_html_string`` writes, byte for
byte, and what the lean one does not mirror falls back to Python-Markdown's own.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import serializers

import mkdocs_jekyll.kramdown.serializer as serializer
from mkdocs_jekyll.kramdown.pipeline import TRIGGERS, configure_markdown
from mkdocs_jekyll.kramdown.settings import KramdownSettings

SEEDS = Path(__file__).parent.parent / "docs"
# Mirrored from Python-Markdown 3.11 (the lowest allowed release serializes otherwise: there
# the lean functions are never installed, which the tests below check instead).
MIRRORED = serializer.mirrored()
MIRRORED_RELEASE = markdown.__version_info__[:3] == (3, 11, 3)  # 3.11.2 writes otherwise
TAGS = ["p", "div", "br", "hr", "img", "script", "STYLE", "Br", "span", "a", "code", "pre"]
TEXTS = st.none() | st.text(alphabet="a &<>\"';\n#x1\x02", max_size=8)
ATTRIBUTES = st.dictionaries(
    st.sampled_from(["id", "class", "checked", "href", "open", "title"]),
    st.none() | st.sampled_from(["checked", "open", "a&b", 'q"t', "<x>", "", "&amp;", "l\nf"]),
    max_size=3,
)


def _tree(draw: Any, depth: int) -> etree.Element:
    kind = draw(st.sampled_from([*TAGS, "comment", "pi", "none"]))
    if kind == "comment":
        element = etree.Comment(draw(st.text(alphabet="a&<-", max_size=5)))
    elif kind == "pi":
        element = etree.ProcessingInstruction("php", draw(st.text(alphabet="a&<?", max_size=5)))
    else:
        element = etree.Element(None if kind == "none" else kind, draw(ATTRIBUTES))  # type: ignore[arg-type]
        element.text = draw(TEXTS)
        if depth:
            for _ in range(draw(st.integers(0, 3))):
                element.append(_tree(draw, depth - 1))
    element.tail = draw(TEXTS)
    return element


@st.composite
def trees(draw: Any) -> etree.Element:
    root = etree.Element("div")
    for _ in range(draw(st.integers(0, 3))):
        root.append(_tree(draw, 3))
    return root


@settings(max_examples=300)
@given(trees())
def test_any_tree_is_written_as_python_markdown_writes_it(root: etree.Element) -> None:
    if not MIRRORED:  # never installed (test_a_page_is_serialized_by_the_lean_function...)
        return
    assert serializer.lean_xhtml(root) == serializers.to_xhtml_string(root)
    assert serializer.lean_html(root) == serializers.to_html_string(root)


def test_the_installed_python_markdown_is_the_one_mirrored() -> None:
    """The lean serializer is on with the release it mirrors (else it silently stopped)."""
    assert MIRRORED is MIRRORED_RELEASE


def test_what_the_mirror_does_not_know_is_written_by_python_markdown() -> None:
    if not MIRRORED:
        return
    root = etree.Element("div")
    etree.SubElement(root, etree.QName("http://example.com/ns", "x")).text = "q"  # type: ignore[arg-type]
    etree.SubElement(root, "y", {"k": etree.QName("v")})  # type: ignore[dict-item]
    assert serializer.lean_xhtml(root) == serializers.to_xhtml_string(root)
    assert 'xmlns="http://example.com/ns"' in serializer.lean_xhtml(root)
    deep = top = etree.Element("div")
    for _ in range(5000):
        deep = etree.SubElement(deep, "span")
    assert serializer.lean_xhtml(top) == serializers.to_xhtml_string(top)
    bad = etree.Element("div")
    bad.text = 5  # type: ignore[assignment]
    with pytest.raises(TypeError):
        serializer.lean_xhtml(bad)


def _markdown(*, lean: bool, output_format: str = "xhtml") -> markdown.Markdown:
    settings = KramdownSettings.from_block({})
    extensions, configs = configure_markdown(settings, ["toc", "tables", "fenced_code"], {})
    if not lean:
        extensions = [name for name in extensions if name != TRIGGERS]
    return markdown.Markdown(
        extensions=extensions, extension_configs=configs, output_format=output_format
    )


def test_a_page_is_serialized_by_the_lean_function_in_its_format() -> None:
    if not MIRRORED:
        assert _markdown(lean=True).serializer is serializers.to_xhtml_string
        assert _markdown(lean=True, output_format="html").serializer is serializers.to_html_string
        return
    assert _markdown(lean=True).serializer is serializer.lean_xhtml
    assert _markdown(lean=True, output_format="html").serializer is serializer.lean_html
    assert _markdown(lean=False).serializer is serializers.to_xhtml_string
    md = _markdown(lean=True)
    md.set_output_format("html")
    md.reset()
    assert md.serializer is serializer.lean_html


def test_a_python_markdown_with_other_code_keeps_its_own_serializer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(serializer._MIRRORED, "_write_html", (frozenset({"other"}), ()))
    serializer._installed_mirrored.cache_clear()
    try:
        assert _markdown(lean=True).serializer is serializers.to_xhtml_string
    finally:
        monkeypatch.undo()
        serializer._installed_mirrored.cache_clear()
    expected = serializer.lean_xhtml if MIRRORED else serializers.to_xhtml_string
    assert _markdown(lean=True).serializer is expected


def test_the_reference_sites_pages_and_tocs_are_the_same_with_the_lean_serializer() -> None:
    pages = sorted(SEEDS.rglob("*.md"))
    assert len(pages) >= 2
    for output_format in ("xhtml", "html"):
        for page in pages:
            text = page.read_text(encoding="utf-8")
            on = _markdown(lean=True, output_format=output_format)
            off = _markdown(lean=True, output_format=output_format)
            off.serializer = {"xhtml": serializers.to_xhtml_string}.get(
                output_format, serializers.to_html_string
            )
            assert on.serializer in (serializer.lean_xhtml, serializer.lean_html) or not MIRRORED
            assert on.convert(text) == off.convert(text), page.name
            assert on.toc == off.toc, page.name  # type: ignore[attr-defined]
            assert on.toc_tokens == off.toc_tokens, page.name  # type: ignore[attr-defined]
