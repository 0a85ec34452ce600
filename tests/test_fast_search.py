"""Material's search index, cut by ``split_sections`` instead of ``html.parser``, is Material's.

The fast path (``mkdocs/fast_search.py``) must change nothing in the output: each site here is
built with it and without it (``KNOWN_PARSERS`` emptied, so Material's own index is left),
and every file, the search indexes first, must be equal byte for byte. Section by section,
``split_sections`` is compared with Material's ``Parser`` on tricky HTML and on the kramdown
corpus; a page outside the fast path must really go to Material's parser.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kramdown.corpus import cases, our_html
from mkdocs_jekyll import compat
from mkdocs_jekyll.features.search_sections import Section, split_sections
from mkdocs_jekyll.mkdocs import fast_search
from mkdocs_jekyll.mkdocs.parallel import can_fork
from sitebuild import (
    THREE_LOCALES,
    build_project,
    copy_reference_site,
    make_site_builder,
    site_tree,
)

SectionShape = tuple[str, str | None, list[str], list[str], float, bool]


def _material(html: str) -> list[SectionShape]:
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.id, s.title, s.text, s.depth, s.is_excluded()) for s in parser.data]


def _ours(sections: list[Section]) -> list[SectionShape]:
    return [(s.tag, s.id, s.title, s.text, s.depth, s.is_excluded()) for s in sections]


# -- section by section ---------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    description: str
    html: str
    fast: bool = True
    """Whether ``split_sections`` reads it (False: Material's parser does)."""


CASES = [
    Case("text before any heading", "<p>Intro</p>\n<h2 id='a'>A</h2><p>x</p>"),
    Case("a first h1 without id", '<h1>T</h1><p>x</p><h2 id="b">B</h2>\n<p>y</p>\n'),
    Case("a first h1 with id keeps no id", '<h1 id="t">T</h1><p>x</p>'),
    Case(
        "entities in text and attributes",
        '<h2 id="a&amp;b">A &amp;lt; B</h2><p>x&nbsp;y &#169; &#x263A; &#1; &copy &amp</p>'
        '<p title="&quot;q&quot;">AT&T</p>',
    ),
    Case("text ending in an entity without a tag after it", "<p>x</p>\nAT&amp"),
    Case(
        "headings with nested markup and a permalink",
        '<h2 id="n">A <em>b</em> <code>c</code>'
        '<a class="headerlink" href="#n" title="Permanent link">&para;</a></h2><p>t</p>',
    ),
    Case(
        "code blocks with < and whitespace",
        '<div class="highlight"><pre><span></span><code>if a &lt; b:\n'
        "    <span>x</span>\n\n\n  y\n</code></pre></div>\n\n\n<p> </p>",
    ),
    Case("an attribute with > in quotes", '<p><span title="a > b">x</span></p>'),
    Case("single-quoted and valueless attributes", "<details open class='x'><p>y</p></details>"),
    Case(
        "uppercase tags and attributes",
        '<DIV CLASS="Note"><P>Loud</P><BR/><H3 ID="Up">Up</H3></DIV>',
    ),
    Case("self-closing void tags", "<p>a<br/>b<br />c<hr/><img src='x' alt='y'/>d<BR/>e</p>"),
    Case("a self-closing span", "<p>d<span/>e</p>", fast=False),
    Case(
        "a table",
        "<table>\n<thead>\n<tr>\n<th>A</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
        '<td style="text-align: right">1</td>\n</tr>\n</tbody>\n</table>',
    ),
    Case(
        "an admonition",
        '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>Body</p>\n</div>',
    ),
    Case(
        "excluded blocks and line numbers",
        '<h2 id="k" data-search-exclude>K</h2><p>hidden</p><h2 id="v">V</h2>'
        '<div data-search-exclude><div>in</div> out</div><table class="highlighttable"><tr>'
        '<td class="linenos"><div class="linenodiv"><pre>1\n2</pre></div></td>'
        "<td><pre>code</pre></td></tr></table>",
    ),
    Case(
        "a heading nested in a list item",
        "<p>a</p><ul><li><h3 id='in'>In</h3> text</li>\n<li>after</li></ul><p>b</p>",
    ),
    Case("empty and whitespace-only kept elements", "<p></p><p> \n </p><ul>\n<li></li>\n</ul>"),
    Case("an empty id", '<h2 id="">E</h2><p>x</p>'),
    Case("unbalanced end tags", "<p>a</span></p></div><em>b"),
    Case(
        "plain elements holding text, as one token each",
        '<p><span class="n">x</span> <em>y</em><a href="#z">z</a><span></span></p>'
        "<table><tr><td style='x'>1</td><th class=\"k\">2</th></tr></table>"
        '<div class="highlight"><pre><span></span><code><span class="k">if</span> '
        '<span class="n">a</span><span class="o">&gt;</span>\n</code></pre></div>',
    ),
    Case(
        "elements that look plain but are not",
        '<h2 id="h">H<a class="headerlink" href="#h">&para;</a>'
        "<a class='headerlink'>x</a><a CLASS=\"headerlink\">y</a>"
        '<a class="&#104;eaderlink">q</a></h2>'
        '<span class="linenodiv">1</span><td class="&#108;inenodiv">2</td>'
        "<span DATA-SEARCH-EXCLUDE>3</span><em data-search-exclude=''>4</em>"
        '<span data-search-exclude-not="1">5</span><Span>6</span><SPAN>7</SPAN>'
        '<span class="a" class="linenodiv">8</span><b class>9</b><i\nclass="x" >10</i >',
    ),
    Case(
        "a plain element inside a skipped one of its name",
        "<p><span data-search-exclude>a<span>b</span>c</span>d</p>"
        "<div data-search-exclude><em>e</em><td>f</td></div><td>g</td>",
    ),
    Case("a heading inside a plain element", '<p><span><h3 id="s">S</h3></span>t</p>'),
    Case("a page without a tag", "Only\ntext &amp; more"),
    Case("text before the first tag", " \nLead &lt;in&gt;<p>a</p>tail"),
    Case("a void tag first", "<br>\n<hr/>x<h2 id='v'>V</h2>"),
    Case(
        "plain elements and texts in a row, in and out of <pre>",
        "<p><em>a</em>\n<em> </em> <b></b>\n<i>b\nc</i>&gt;</p>"
        "<pre><span>d</span> \n<span> </span><span>&amp;</span>\n</pre>\n <p>e</p>",
    ),
    Case(
        "texts with and without a character to escape, after a plain element and a tag",
        "<p><em>a</em>&amp;\n<em>b&gt;</em>\n<em>c</em>>\n<em>\n</em>\n</p>\n\n<ul>\n<li>"
        "d</li>\n</ul><pre><code><span>e\n</span>\n<span>&lt;</span>f>\n"
        "<span> </span> \n</code></pre>\n<td>\n</td>\n",
    ),
    Case(
        "texts of a heading and of a <pre> in it, after plain elements",
        '<h2 id="t"><em>a</em>\n<em> </em><pre><span>b\n</span> \n</pre>c\n'
        '<a class="headerlink" href="#t">x</a>\n</h2>\n<em>d</em> e',
    ),
    Case(
        "a plain element ending a skip, the text after it indexed",
        "<p><em data-search-exclude>a<em>b</em>c <em>d</em> e</em>f</p>",
    ),
    Case("a page that is only a refused tag", "<!-- c -->", fast=False),
    Case("a refused tag at the start", "<!DOCTYPE html>text", fast=False),
    Case("a comment", "<p>a<!-- note --> b</p>", fast=False),
    Case("a script", '<p>a</p><script>var a = "<b>";</script><p>c</p>', fast=False),
    Case("a style", "<style>p > a { color: red }</style><p>c</p>", fast=False),
    Case("a stray <", "<p>1 <2 and 3< 4</p>", fast=False),
    Case("a CDATA section", "<p><![CDATA[x]]></p>", fast=False),
    Case("a declaration", "<!DOCTYPE html><p>x</p>", fast=False),
    Case("a processing instruction", "<?php echo 1 ?><p>x</p>", fast=False),
    Case("an unquoted attribute value", "<p class=x>y</p>", fast=False),
    Case("spaces around =", '<p class = "x">y</p>', fast=False),
    Case("a textarea", "<textarea><p>x</p></textarea>", fast=False),
    Case("an end tag with spaces", "<p>x</ p>", fast=False),
    Case(
        "a kept element closed after its opening was skipped (Material's parser raises)",
        "<div data-search-exclude><p><div></div>x</p></div>",
        fast=False,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.description for c in CASES])
def test_sections_are_the_ones_materials_parser_cuts(case: Case) -> None:
    sections = split_sections(case.html)
    assert (sections is not None) == case.fast
    if sections is not None:
        assert _ours(sections) == _material(case.html)


def test_start_tags_read_for_earlier_pages_are_read_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """The start tags kept from page to page (``_STARTS``), and kept anew once it is full."""
    from mkdocs_jekyll.features import search_sections

    monkeypatch.setattr(search_sections, "_STARTS", {})
    monkeypatch.setattr(search_sections, "_MAX_STARTS", 3)
    pages = [case.html for case in CASES if case.fast]
    for html in pages + pages:
        sections = split_sections(html)
        assert sections is not None
        assert _ours(sections) == _material(html)
        assert len(search_sections._STARTS) <= 3


# Pieces of HTML that exercise every branch of Material's handlers, and some outside the path.
_TAGS = "p pre code li ul div span em a h1 h2 h3 object sub hx table td th section P H2 Em".split()
_ATTRIBUTES = [
    "",
    ' id="i"',
    " id='j'",
    ' id=""',
    " id",
    " data-search-exclude",
    ' class="linenodiv"',
    ' class="headerlink"',
    ' CLASS="headerlink"',
    " class='linenodiv'",
    ' class="&#104;eaderlink"',
    ' class="n"',
    " class",
    " DATA-SEARCH-EXCLUDE",
    ' data-search-exclude-not="x"',
    ' title="a > b"',
    ' id="a&amp;b"',
    " x=y",
]
_TEXTS = [
    " ",
    "\n",
    "\n\n",
    "x",
    "a b",
    "a\nb",
    "&amp;",
    "&lt;",
    "&#1;",
    "&nbsp",
    "AT&T",
    "&",
    "\t",
    "&#x263A;",
    "\r\n",
    "é",
    ">",
    "<",
    "<br>",
    "<br/>",
    "<img src='x'>",
    "<hr />",
    "<IMG src='x'/>",
    "<span/>",
    "<!-- c -->",
    "<script>x</script>",
    "</>",
]
_PIECES = st.one_of(
    st.builds(
        "<{}{}{}>".format,
        st.sampled_from(_TAGS),
        st.sampled_from(_ATTRIBUTES),
        st.sampled_from(["", " "]),
    ),
    st.builds("</{}{}>".format, st.sampled_from(_TAGS), st.sampled_from(["", " "])),
    st.sampled_from(_TEXTS),
)


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_html_of_these_pieces_is_cut_as_material_cuts_it_or_left_to_it(html: str) -> None:
    sections = split_sections(html)
    if sections is not None:
        assert _ours(sections) == _material(html)


# The same pieces without those outside the fast path: every example is cut by it.
_REFUSED = {" x=y", "<", "<span/>", "<!-- c -->", "<script>x</script>", "</>", "<IMG src='x'/>"}
_FAST_PIECES = st.one_of(
    st.builds(
        "<{}{}>".format,
        st.sampled_from(_TAGS),
        st.sampled_from([a for a in _ATTRIBUTES if a not in _REFUSED]),
    ),
    st.builds("</{}>".format, st.sampled_from(_TAGS)),
    st.sampled_from([p for p in _TEXTS if p not in _REFUSED]),
)


@given(st.lists(_FAST_PIECES, max_size=40).map("".join))
def test_any_html_of_fast_pieces_is_cut_by_the_fast_path_as_material_cuts_it(html: str) -> None:
    sections = split_sections(html)
    if sections is None:
        # Only Material's own failure (a kept element closed after its skipped opening).
        with pytest.raises(ValueError):
            _material(html)
    else:
        assert _ours(sections) == _material(html)


CORPUS = cases()


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_the_kramdown_corpus_is_cut_as_material_cuts_it(case: Any) -> None:
    """Our Markdown's HTML (each case's settings) and kramdown's own, where fast."""
    for html in (our_html(case), case.expected):
        sections = split_sections(html)
        if sections is not None:
            assert _ours(sections) == _material(html)


# -- whole sites, with the fast path and without --------------------------------------------


@pytest.fixture
def parser_feeds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The HTML of every page Material's own parser reads (in this process), its check of
    ``split_sections`` once per process aside (``fast_search.sections_agree``)."""
    from material.plugins.search.plugin import Parser

    fed: list[str] = []
    feed = Parser.feed

    def spy(self: Any, data: str) -> None:
        if data != fast_search.SELF_CHECK_PAGE:
            fed.append(data)
        feed(self, data)

    monkeypatch.setattr(Parser, "feed", spy)
    return fed


@pytest.fixture
def without_fast_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unknown to ``KNOWN_PARSERS``: Material's index stays its own."""
    monkeypatch.setattr(fast_search, "KNOWN_PARSERS", frozenset())


def _build_on_and_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, build: Any, *, fallback: str | None = None
) -> dict[str, bytes]:
    """``build(folder)`` with and without the fast path; assert equal trees, return one.

    With ``fallback``, Material's parser refuses, during the build with the fast path, any
    page without that text: a page the fast path should have read fails the build, even in
    a worker process.
    """
    from material.plugins.search.plugin import Parser

    feed = Parser.feed

    def fallback_only(self: Any, data: str) -> None:
        # Or a page the fast path refuses in this environment: Python-Markdown 3.5 prints
        # `<span title="a > b">` as `<span title="a > b"&gt;`, which only html.parser reads.
        refused = split_sections(data) is None
        assert fallback in data or refused, "a page on the fast path reached Material's parser"
        feed(self, data)

    with monkeypatch.context() as on_build:
        if fallback is not None:
            on_build.setattr(Parser, "feed", fallback_only)
        on = site_tree(build(tmp_path / "on"))
    with monkeypatch.context() as off_build:
        off_build.setattr(fast_search, "KNOWN_PARSERS", frozenset())
        without = site_tree(build(tmp_path / "off"))
    indexes = sorted(path for path in on if path.endswith("search_index.json"))
    assert indexes, "no search index was written"
    assert {p: on[p] for p in indexes} == {p: without.get(p) for p in indexes}
    assert sorted(on) == sorted(without)
    assert [path for path in on if on[path] != without[path]] == []
    return on


def _site(files: dict[str, str], **config: Any) -> Any:
    def build(folder: Path) -> Path:
        folder.mkdir(parents=True)
        return make_site_builder(folder)(files=files, **config)

    return build


def _plugins(languages: list[dict[str, Any]], workers: int = 1) -> list[Any]:
    return [
        "search",
        {"jekyll/i18n": {"languages": languages, "parallel_workers": workers}},
        {"jekyll": {}},
    ]


TRICKY = """\
---
title: Tricky {n}
search:
  boost: 2
tags: [html, "{n}"]
---
Before the first heading: a &amp;lt; b, a&nbsp;b, &#169; &#x263A; AT&T.

## A heading with *markup* and `code` {{#custom-{n}}}

```python
if a < b and c > d:
    print("<b>")
```

<div class="note" markdown="1">
Raw **block** with <span title="a > b">quoted</span> text.<br/>
Line<br>two.
</div>

<DIV CLASS="Loud"><P>Upper</P></DIV>

<h3 id="raw-{n}">Raw <a class="headerlink" href="#raw-{n}">&para;</a></h3>

| A | B |
|---|--:|
| 1 | 2 |

!!! note "Careful"
    Inside an admonition.

<div data-search-exclude><p>hidden</p></div>

<div data-search-exclude="yes"><p>also hidden</p></div>

<ul><li><h4 id="nested-{n}">Nested</h4> in a list</li></ul>

Closing words.
"""

FALLBACK_MARK = "<!-- a comment Material's parser reads -->"
FALLBACK = f"""\
---
title: Odd {{n}}
---
# Odd

{FALLBACK_MARK}

<script>var x = "<b>";</script>

Text after.
"""


def _tricky_files(locales: list[str]) -> dict[str, str]:
    files: dict[str, str] = {}
    for locale in locales:
        files[f"docs/{locale}/index.md"] = "---\ntitle: Home\ni18n_key: home\n---\n# Home\n"
        for n in range(3):
            files[f"docs/{locale}/tricky-{n}.md"] = TRICKY.format(n=n)
        files[f"docs/{locale}/odd.md"] = FALLBACK.format(n=locale)
        files[f"docs/{locale}/hidden.md"] = "---\ntitle: Hidden\nsearch:\n  exclude: true\n---\nx\n"
    return files


def test_a_multi_locale_site_of_tricky_html_has_materials_search_indexes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parser_feeds: list[str]
) -> None:
    """The locale indexes and the merged root one; only the fallback pages reach Material."""
    languages = THREE_LOCALES[:2]
    files = _tricky_files(["en", "es-419"])
    build = _site(files, plugins=_plugins(languages), markdown_extensions=["admonition"])
    on = site_tree(build(tmp_path / "on"))
    # With the fast path, Material's parser read the two fallback pages, and otherwise only
    # pages the fast path refuses (none with current Python-Markdown, see `_build_on_and_off`).
    assert sum("<!-- a comment" in html for html in parser_feeds) == 2
    assert all("<!-- a comment" in html or split_sections(html) is None for html in parser_feeds)
    del parser_feeds[:]
    with monkeypatch.context() as off:
        off.setattr(fast_search, "KNOWN_PARSERS", frozenset())
        without = site_tree(build(tmp_path / "off"))
    assert len(parser_feeds) > 2  # without it, Material's parser read every page
    assert [path for path in on if on[path] != without.get(path)] == []
    assert sorted(on) == sorted(without)
    root = on["search/search_index.json"].decode()
    assert '"boost":2' in root and "hidden" not in root and "Inside an admonition" in root
    assert "es-419/search/search_index.json" in on


@pytest.fixture
def worker_passes(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The tasks of every set of worker passes started (``locale`` or ``locale#index/count``)."""
    import mkdocs_jekyll.mkdocs.i18n_plugin as i18n_plugin

    calls: list[list[str]] = []
    real = i18n_plugin.ParallelPasses

    def spy(
        plugin: Any, config: Any, plan: list[list[Any]], workers: int, locales: Any, **kw: Any
    ) -> Any:
        tasks = [task for worker_tasks in plan[1:] for task in worker_tasks]
        calls.append(
            [t.locale if t.count == 1 else f"{t.locale}#{t.index}/{t.count}" for t in tasks]
        )
        return real(plugin, config, plan, workers, locales, **kw)

    monkeypatch.setattr(i18n_plugin, "ParallelPasses", spy)
    return calls


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_parallel_locale_workers_and_page_shards_index_as_material(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worker_passes: list[list[str]]
) -> None:
    """Workers (three locales) and shards (one locale, every page titled) cut pages too."""
    locales = [language["locale"] for language in THREE_LOCALES]
    files = _tricky_files(locales)
    config = {"markdown_extensions": ["admonition"]}
    sequential = site_tree(
        _site(files, plugins=_plugins(THREE_LOCALES), **config)(tmp_path / "sequential")
    )
    workers = _build_on_and_off(
        tmp_path / "workers",
        monkeypatch,
        _site(files, plugins=_plugins(THREE_LOCALES, 3), **config),
        fallback=FALLBACK_MARK,
    )
    one = [THREE_LOCALES[0]]
    shards = {path: text for path, text in files.items() if path.startswith("docs/en/")}
    _build_on_and_off(
        tmp_path / "shards",
        monkeypatch,
        _site(shards, plugins=_plugins(one, 2), **config),
        fallback=FALLBACK_MARK,
    )
    assert workers == sequential
    # Each was built with workers twice: with the fast path and without.
    assert worker_passes == [["es-419", "pt-br"]] * 2 + [["en#1/2"]] * 2


def _decoded_index(plugin: Any) -> Any:
    """A pass's index as it was taken before ``search_index_data``: its JSON, decoded."""
    return json.loads(plugin.search_index.generate_search_index(None))


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_locale_indexes_from_materials_unencoded_index_are_those_of_its_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each locale's index, sequential, with workers and in shards, is written from
    Material's entries as they are (a date boost, non-ASCII text) byte for byte as from its
    JSON decoded again."""
    from mkdocs_jekyll.features import search_index

    locales = [language["locale"] for language in THREE_LOCALES]
    files = _tricky_files(locales)
    for locale in locales:
        files[f"docs/{locale}/dated.md"] = (
            "---\ntitle: Año\nsearch:\n  boost: 2024-01-02\ntags: [ñ]\n---\n"
            "## Señal «x» ↩ {#s}\n\nNiño \u2013 ü \\u00e9 &amp; <b>b</b>\n"
        )
    one = {path: text for path, text in files.items() if path.startswith("docs/en/")}
    builds = {
        "sequential": _site(files, plugins=_plugins(THREE_LOCALES)),
        "workers": _site(files, plugins=_plugins(THREE_LOCALES, 3)),
        "shards": _site(one, plugins=_plugins(THREE_LOCALES[:1], 2)),
    }
    for name, build in builds.items():
        unencoded = site_tree(build(tmp_path / name / "unencoded"))
        with monkeypatch.context() as decoded:
            decoded.setattr(search_index, "search_index_data", _decoded_index)
            before = site_tree(build(tmp_path / name / "decoded"))
        indexes = sorted(path for path in unencoded if path.endswith("search_index.json"))
        assert len(indexes) == (2 if name == "shards" else 4), name
        assert '"boost":"2024-01-02"' in unencoded[indexes[0]].decode(), name
        assert [path for path in unencoded if unencoded[path] != before.get(path)] == []
        assert sorted(unencoded) == sorted(before)


def test_the_kramdown_corpus_as_a_site_has_materials_search_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        f"docs/{case.name}.md": f"---\ntitle: {case.name}\n---\n{case.markdown}" for case in CORPUS
    }
    on = _build_on_and_off(tmp_path, monkeypatch, _site(files, plugins=["search", "jekyll"]))
    assert len(on["search/search_index.json"]) > 10_000


def test_the_reference_site_has_materials_search_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def build(folder: Path) -> Path:
        return build_project(copy_reference_site(folder))

    on = _build_on_and_off(tmp_path, monkeypatch, build)
    assert "search/search_index.json" in on


# -- the guard --------------------------------------------------------------------------------


def _search_plugin() -> Any:
    from material.plugins.search.plugin import SearchIndex, SearchPlugin

    plugin = SearchPlugin()
    plugin.search_index = SearchIndex(lang=["en"], separator=" ", pipeline=[], fields={})
    return plugin


def test_the_fast_index_takes_over_materials_state() -> None:
    plugin = _search_plugin()
    entries = plugin.search_index.entries
    config: Any = SimpleNamespace(plugins={"search": plugin})
    assert fast_search.install_fast_search(config)
    assert type(plugin.search_index).__name__ == "FastSearchIndex"
    assert plugin.search_index.entries is entries
    assert plugin.search_index.config == {
        "lang": ["en"],
        "separator": " ",
        "pipeline": [],
        "fields": {},
    }
    assert fast_search.install_fast_search(config)  # a second call changes nothing


def test_another_materials_parser_keeps_materials_index_without_a_word(
    without_fast_search: None, caplog: pytest.LogCaptureFixture
) -> None:
    from material.plugins.search.plugin import SearchIndex

    plugin = _search_plugin()
    config: Any = SimpleNamespace(plugins={"search": plugin})
    with caplog.at_level(logging.DEBUG):
        assert not fast_search.install_fast_search(config)
    assert type(plugin.search_index) is SearchIndex
    assert [r for r in caplog.records if r.levelno >= logging.INFO] == []


@pytest.mark.parametrize("known", [True, False], ids=["known file", "unknown file"])
def test_the_fingerprint_is_the_hash_of_the_parsed_source(
    monkeypatch: pytest.MonkeyPatch, known: bool
) -> None:
    """The installed Material's search module is a file ``KNOWN_PARSER_FILES`` knows, and it
    gives the hash its source has when parsed; a file not known (another release, an edited
    copy) is parsed, as before the shortcut: the same fingerprint either way."""
    parsed = hashlib.sha256(compat.material_search_parser_source().encode("utf-8")).hexdigest()
    if known:
        digest = compat.material_search_plugin_digest()
        assert fast_search.KNOWN_PARSER_FILES.get(digest) == parsed
    else:
        monkeypatch.setattr(fast_search, "KNOWN_PARSER_FILES", {})
    fast_search.parser_fingerprint.cache_clear()
    try:
        assert fast_search.parser_fingerprint() == parsed
    finally:
        fast_search.parser_fingerprint.cache_clear()


def test_a_material_without_its_source_keeps_its_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """``inspect.getsource`` fails without the .py files: no fingerprint, Material's index."""
    from material.plugins.search.plugin import SearchIndex

    def unreadable() -> str:
        raise OSError("could not get source code")

    monkeypatch.setattr(fast_search, "material_search_parser_source", unreadable)
    monkeypatch.setattr(fast_search, "material_search_plugin_digest", unreadable)
    fast_search.parser_fingerprint.cache_clear()
    try:
        plugin = _search_plugin()
        assert not fast_search.install_fast_search(SimpleNamespace(plugins={"search": plugin}))  # type: ignore[arg-type]
        assert type(plugin.search_index) is SearchIndex
    finally:
        fast_search.parser_fingerprint.cache_clear()


def test_a_search_index_of_another_class_is_left_alone() -> None:
    from material.plugins.search.plugin import SearchIndex

    class Custom(SearchIndex):  # type: ignore[misc]
        pass

    plugin = _search_plugin()
    plugin.search_index = Custom(lang=["en"], separator=" ", pipeline=[], fields={})
    config: Any = SimpleNamespace(plugins={"search": plugin})
    assert not fast_search.install_fast_search(config)
    assert type(plugin.search_index) is Custom
    assert not fast_search.install_fast_search(SimpleNamespace(plugins={}))  # type: ignore[arg-type]
