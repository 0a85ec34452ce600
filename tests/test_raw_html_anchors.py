"""Given MkDocs' scan of a page's raw HTML for anchors skipped where the text cannot name one
(``mkdocs/raw_html_anchors.py``), when pages are built, then every anchor MkDocs' own scan
finds is found, links to them validate as before, and the site is byte for byte the one
built with MkDocs' scan on every page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_jekyll.compat import mkdocs_raw_html_scan
from mkdocs_jekyll.mkdocs import raw_html_anchors
from mkdocs_jekyll.mkdocs.raw_html_anchors import AnchorScan, may_name_an_anchor


def _mkdocs_anchors(text: str) -> set[str]:
    """What MkDocs' own scan finds in ``text``."""
    preprocessor, _handler = mkdocs_raw_html_scan()
    scan = preprocessor()
    scan.run(text.split("\n"))
    found: set[str] = scan.present_anchor_ids
    return found


def _lean_anchors(text: str) -> set[str]:
    scan = mkdocs_raw_html_scan()[0]()
    AnchorScan(scan).run(text.split("\n"))
    found: set[str] = scan.present_anchor_ids
    return found


@dataclass(frozen=True)
class Case:
    description: str
    text: str
    anchors: frozenset[str | None]


CASES = (
    Case("an id", 'Text\n\n<div id="box">x</div>\n', frozenset({"box"})),
    Case("an upper-case ID", "<P ID=Up>x</P>\n", frozenset({"Up"})),
    Case("a mixed-case iD", "<span iD='m'>x</span>", frozenset({"m"})),
    Case("a name on a link", '<a name="old">x</a>', frozenset({"old"})),
    Case("a NAME on a link", "<A NAME=old2>x</A>", frozenset({"old2"})),
    Case("a name elsewhere is no anchor", '<input name="q">', frozenset()),
    Case("after a slash", "<a/id=s>x</a>", frozenset({"s"})),
    Case("right after a quoted value", '<a class="c"id="q">x</a>', frozenset({"q"})),
    Case("after a tab and a line break", "<div\tclass=x\nid=t>y</div>", frozenset({"t"})),
    Case("spaces around the equals", "<div id = 'sp'>y</div>", frozenset({"sp"})),
    Case("a self-closing tag", "<img src=x id=img />", frozenset({"img"})),
    Case("no value", "<div id>y</div>", frozenset({None})),
    Case("no value before the end", "<div id/>", frozenset({None})),
    Case("a longer name is not id", '<div idx="n" data-id="d" ids=z>y</div>', frozenset()),
    Case("prose naming an id", "Give each an id = 3 > 2.\n", frozenset()),
    Case("no HTML at all", "# Title\n\nJust text with a name.\n", frozenset()),
    Case("raw HTML without anchors", '<div class="x">\n  <h4>Heads</h4>\n</div>\n', frozenset()),
    Case("an id in a comment", "<!-- <a id=c> -->\n", frozenset()),
    Case("an entity id is no id", "<a &#105;d=e>x</a>", frozenset()),
)  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_every_anchor_mkdocs_finds_is_found(case: Case) -> None:
    assert _mkdocs_anchors(case.text) == case.anchors
    assert _lean_anchors(case.text) == case.anchors
    if case.anchors:
        assert may_name_an_anchor(case.text)


@given(st.text(alphabet="<>/='\" \t\nidnameIDNAMEx&#;!-a", max_size=60))
def test_a_text_it_skips_holds_no_anchor_for_mkdocs(text: str) -> None:
    if not may_name_an_anchor(text):
        assert _mkdocs_anchors(text) == set()
    assert _lean_anchors(text) == _mkdocs_anchors(text)


@given(
    st.lists(
        st.sampled_from(
            ["<a ", "<div", " id", "ID", "name", "=", '"x"', "'y'", "/", ">", "\n", "z"]
        ),
        max_size=12,
    )
)
def test_a_tag_soup_it_skips_holds_no_anchor_for_mkdocs(parts: list[str]) -> None:
    text = "".join(parts)
    if not may_name_an_anchor(text):
        assert _mkdocs_anchors(text) == set()


def test_the_installed_mkdocs_scan_is_the_one_mirrored(monkeypatch: pytest.MonkeyPatch) -> None:
    assert raw_html_anchors.mirrored()
    scan = mkdocs_raw_html_scan()[0]()
    assert isinstance(raw_html_anchors.anchor_scan(scan), AnchorScan)
    monkeypatch.setitem(
        raw_html_anchors._MIRRORED, "_HTMLHandler.handle_starttag", (frozenset({"x"}), ())
    )
    raw_html_anchors.mirrored.cache_clear()
    try:
        assert not raw_html_anchors.mirrored()
        assert raw_html_anchors.anchor_scan(scan) is scan
    finally:
        monkeypatch.undo()
        raw_html_anchors.mirrored.cache_clear()


SITE_PAGES = {
    "docs/index.md": "# Home\n\nSee [the box](other.md#box), [old](other.md#old) and "
    "[Up](other.md#Up).\n\nPlain prose with no anchors.\n",
    "docs/other.md": '# Other\n\n<div id="box">\n  <p>Boxed</p>\n</div>\n\n<a name="old"></a>\n\n'
    "<P ID=Up>x</P>\n",
    "docs/plain.md": '# Plain\n\n<div class="notice">\n  <h4>Heads up</h4>\n</div>\n\n'
    "[Missing](other.md#nowhere)\n",
}


def test_a_site_is_the_same_with_the_skipped_scans_and_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Given pages linking to anchors that only raw HTML holds (and one that does not exist),
    when the site is built with the skip and with MkDocs' scan on every page, then the same
    links validate, the same one is reported, and every produced file is the same."""
    from sitebuild import make_site_builder, site_tree

    config = {"validation": {"anchors": "warn"}}
    (tmp_path / "on").mkdir()
    (tmp_path / "off").mkdir()
    with caplog.at_level(logging.WARNING):
        on = make_site_builder(tmp_path / "on")(files=SITE_PAGES, **config)
    on_warnings = sorted(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
    caplog.clear()
    monkeypatch.setattr(raw_html_anchors, "mirrored", lambda: False)
    with caplog.at_level(logging.WARNING):
        off = make_site_builder(tmp_path / "off")(files=SITE_PAGES, **config)
    off_warnings = sorted(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
    assert on_warnings == off_warnings
    anchor_warnings = [w for w in on_warnings if "anchor" in w]
    assert len(anchor_warnings) == 1 and "nowhere" in anchor_warnings[0]
    on_files, off_files = site_tree(on), site_tree(off)
    assert sorted(on_files) == sorted(off_files)
    assert [name for name in on_files if on_files[name] != off_files[name]] == []


@given(st.text(alphabet="<>/='\" \t\nidnameIDNAMEx", max_size=40))
def test_the_quick_look_answers_as_the_expression_of_an_attribute_name(text: str) -> None:
    in_tags = text[text.find("<") :] if "<" in text else ""
    assert may_name_an_anchor(text) is (raw_html_anchors._ANCHOR_NAME.search(in_tags) is not None)
