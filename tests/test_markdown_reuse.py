"""One Markdown instance per pass (``mkdocs/markdown_reuse.py``): the pages it converts one
after another are each what a new instance gives, and what Jekyll's kramdown gives.

Given pages whose output would change if anything of one page stayed in the instance for the
next (footnote numbers, abbreviations, heading ids, ALDs, link definitions, ``{:toc}``), when
they are built with the instance shared, then each page is what Jekyll writes for it alone
and the site is byte for byte the site built with an instance per page. An extension not
known to reset its state gets an instance per page, as in MkDocs.
"""

from __future__ import annotations

import difflib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
import pytest
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension

from kramdown.corpus import Case as CorpusCase
from kramdown.corpus import _markdown_setup, cases
from kramdown.normalise import normalise
from mkdocs_jekyll.mkdocs import markdown_reuse, page_shards
from mkdocs_jekyll.mkdocs.markdown_reuse import RESET_SAFE, MarkdownReuse, unsafe_extensions
from sitebuild import (
    THREE_LOCALES,
    BuildSite,
    html,
    jekyll_build,
    make_site_builder,
    site_bytes,
    write_files,
)

LEAKY_A = """\
---
title: Page A
---
# Shared heading

* TOC
{:toc}

## Notes

A claim[^1] and another[^note].

[^1]: First note of A.
[^note]: Second note of A.

*[HTML]: Hyper Text Markup Language

HTML is defined here.

{:warn: .notice--warning}

A warned paragraph.
{: warn}

[ref]: https://example.com/a

A [link][ref].

## Notes
"""

LEAKY_B = """\
---
title: Page B
---
# Shared heading

* TOC
{:toc}

## Notes

One more claim[^1].

[^1]: The note of B.

HTML is not defined on this page.

A paragraph naming an ALD of page A.
{: warn}

A [link][ref] with no definition on this page.

## Notes
"""

LEAKY = {"a.md": LEAKY_A, "b.md": LEAKY_B, "c.md": LEAKY_A.replace("Page A", "Page C")}
"""Page C repeats page A after B: whatever A and B left behind would show in it."""


def _docs(pages: dict[str, str]) -> dict[str, str]:
    return {f"docs/{name}": text for name, text in pages.items()}


def _content(page: Path) -> str:
    article = html(page).select_one("article")
    assert article is not None
    for extra in article.select("a.headerlink, h1:not([id])"):
        extra.decompose()
    return normalise(article.decode_contents())


def _site_files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): site_bytes(path)
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


class _Counting(markdown.Markdown):
    """A Markdown that counts its instances (how many ``markdown_reuse`` made)."""

    made = 0

    def __init__(self, **kwargs: Any) -> None:
        type(self).made += 1
        super().__init__(**kwargs)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> type[_Counting]:
    monkeypatch.setattr(_Counting, "made", 0)
    monkeypatch.setattr(markdown_reuse, "Markdown", _Counting)
    return _Counting


def _without_reuse(monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs' own ``Page.render`` for every page: a new instance each."""
    monkeypatch.setattr(MarkdownReuse, "install", lambda self, page: None)


def test_pages_sharing_an_instance_are_each_what_jekyll_writes(
    build_site: BuildSite, tmp_path: Path, counted: type[_Counting]
) -> None:
    site = build_site(files=_docs(LEAKY))
    assert counted.made == 1  # one instance converted the three pages
    jekyll_site, _log = jekyll_build(tmp_path / "jekyll", LEAKY)
    for name in LEAKY:
        stem = name.removesuffix(".md")
        ours = _content(site / stem / "index.html")
        theirs = normalise((jekyll_site / f"{stem}.html").read_text(encoding="utf-8"))
        diff = "\n".join(difflib.unified_diff(theirs.splitlines(), ours.splitlines(), lineterm=""))
        assert ours == theirs, f"{name}:\n{diff}"


def test_pages_sharing_an_instance_keep_nothing_of_each_other(
    build_site: BuildSite, counted: type[_Counting]
) -> None:
    site = build_site(files=_docs(LEAKY))
    assert counted.made == 1
    b = html(site / "b" / "index.html").select_one("article")
    assert b is not None
    # Heading ids are counted per page: the second "Notes" is notes-1 on every page, and
    # page B's first heading is "shared-heading", not a repeat of page A's.
    assert [h.get("id") for h in b.select("h1, h2")] == ["shared-heading", "notes", "notes-1"]
    # Footnotes are numbered from 1 on each page, with page B's note only.
    notes = b.select("div.footnotes li")
    assert [li.get("id") for li in notes] == ["fn:1"]
    assert "The note of B." in notes[0].get_text()
    assert b.select_one("sup a.footnote").get_text() == "1"  # type: ignore[union-attr]
    # Page A's abbreviation, ALD and link definition do not reach page B.
    assert b.select("abbr") == []
    assert b.select(".notice--warning") == []
    assert "[link][ref]" in b.get_text()
    # Each page's {:toc} is its own table of contents.
    assert [a.get("href") for a in b.select("#markdown-toc a")] == [
        "#shared-heading",
        "#notes",
        "#notes-1",
    ]
    a, c = (html(site / p / "index.html").select_one("article") for p in ("a", "c"))
    assert a is not None and c is not None
    assert [li.get("id") for li in c.select("div.footnotes li")] == ["fn:1", "fn:note"]
    assert c.select_one("abbr[title='Hyper Text Markup Language']") is not None
    assert c.select_one("p.notice--warning") is not None
    assert c.select_one("a[href='https://example.com/a']") is not None
    assert str(a).replace("Page A", "Page C") == str(c)


def test_the_shared_instance_gives_the_site_an_instance_per_page_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted: type[_Counting]
) -> None:
    pages = {
        **LEAKY,
        "empty.md": "---\ntitle: Empty\n---\n",
        "untitled.md": "# Title from the heading\n\nSee [A](a.md#notes) and [B](b.md#nowhere).\n",
        "html.md": '---\ntitle: Raw\n---\n<div id="raw-anchor">raw</div>\n\n[self](#raw-anchor)\n',
    }
    options = {"validation": {"anchors": "info"}}
    (tmp_path / "shared").mkdir()
    (tmp_path / "fresh").mkdir()
    shared = _site_files(make_site_builder(tmp_path / "shared")(files=_docs(pages), **options))
    assert counted.made == 1
    _without_reuse(monkeypatch)
    fresh = _site_files(make_site_builder(tmp_path / "fresh")(files=_docs(pages), **options))
    assert counted.made == 1  # MkDocs made its own
    assert shared.keys() == fresh.keys()
    assert [name for name in shared if shared[name] != fresh[name]] == []


def test_anchor_checks_and_titles_are_the_same_with_and_without_the_build_cache(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    """A cached page (its Markdown blank, never converted) keeps its title and anchors."""
    pages = {
        "a.md": "# Heading title\n\n## Part\n",
        "b.md": "---\ntitle: B\n---\n[part](a.md#part) [gone](a.md#gone) [self](#x)\n",
    }
    options = {"validation": {"anchors": "warn"}}

    def build() -> tuple[dict[str, bytes], list[str]]:
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            files = _site_files(build_site(files=_docs(pages), **options))
        warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        return files, warnings

    cold, cold_warnings = build()
    warm, warm_warnings = build()
    assert cold == warm
    assert warm_warnings == cold_warnings
    assert any("'a.md#gone'" in w for w in cold_warnings)
    assert any("'#x'" in w for w in cold_warnings)
    assert "<title>Heading title" in warm["a/index.html"].decode()


STATEFUL_EXTENSION = """
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor


class Count(Postprocessor):
    documents = 0

    def run(self, text):
        self.documents += 1
        return text + f"<p>document {self.documents} of this instance</p>"


class StatefulExtension(Extension):
    def extendMarkdown(self, md):
        md.postprocessors.register(Count(md), "count", 0)


def makeExtension(**kwargs):
    return StatefulExtension(**kwargs)
"""


def test_an_extension_not_known_to_reset_gets_an_instance_per_page(
    build_site: BuildSite,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    counted: type[_Counting],
) -> None:
    write_files(tmp_path / "ext", {"stateful_ext.py": STATEFUL_EXTENSION})
    monkeypatch.syspath_prepend(str(tmp_path / "ext"))
    site = build_site(files=_docs(LEAKY), markdown_extensions=["stateful_ext"])
    assert counted.made == 0

    def counts(page: str) -> list[str]:
        text = (site / page / "index.html").read_text(encoding="utf-8")
        return re.findall(r"document (\d+) of this instance", text)

    # Python-Markdown runs postprocessors on heading text too (toc, titles): each page counts
    # from the start again, so page C (page A again, after B) counts as page A did.
    assert counts("a") and counts("c") == counts("a")
    assert counts("b")[0] == counts("a")[0]


def test_each_pass_of_a_three_locale_site_shares_one_instance(
    build_site: BuildSite, counted: type[_Counting]
) -> None:
    files = {
        f"docs/{locale['locale']}/{name}": text
        for locale in THREE_LOCALES
        for name, text in LEAKY.items()
    }
    i18n = {"languages": THREE_LOCALES, "parallel_workers": 1}
    plugins = ["search", {"jekyll/i18n": i18n}, {"jekyll": {}}]
    site = build_site(files=files, plugins=plugins)  # one process: passes one after another
    assert counted.made == 3
    for locale in ("en", "es-419", "pt-br"):
        b = html(site / locale / "b" / "index.html")
        assert [li.get("id") for li in b.select("div.footnotes li")] == ["fn:1"]


# -- the reset-safe list, on Python-Markdown alone ------------------------------------------


def _converted(md_factory: Any, documents: list[str]) -> list[str]:
    """Each document through one instance (reset between), and through a new one each."""
    shared = md_factory()
    out = []
    for text in documents:
        out.append(shared.convert(text))
        shared.reset()
    return out


def _fresh(md_factory: Any, documents: list[str]) -> list[str]:
    return [md_factory().convert(text) for text in documents]


def _corpus_groups() -> dict[str, list[CorpusCase]]:
    groups: dict[str, list[CorpusCase]] = {}
    for case in cases():
        groups.setdefault(json.dumps(dict(case.kramdown), sort_keys=True), []).append(case)
    return groups


@pytest.mark.parametrize("settings", sorted(_corpus_groups()))
def test_the_kramdown_corpus_through_one_instance_is_what_new_instances_give(
    settings: str,
) -> None:
    """Every corpus case, converted after every other case of its settings (both orders)."""
    extensions, configs = _markdown_setup(settings)
    assert unsafe_extensions(extensions, configs) == []
    group = _corpus_groups()[settings]
    documents = [case.markdown for case in group]
    documents += documents[::-1]

    def factory() -> markdown.Markdown:
        return markdown.Markdown(extensions=extensions, extension_configs=configs)

    expected = _fresh(factory, documents)
    got = _converted(factory, documents)
    names = [case.name for case in group] + [case.name for case in group[::-1]]
    assert [n for n, a, b in zip(names, got, expected, strict=True) if a != b] == []


def test_every_kramdown_extension_in_the_list_is_in_the_corpus_pipeline() -> None:
    """The corpus test above covers each of ours that ``RESET_SAFE`` lists."""
    extensions, _configs = _markdown_setup(json.dumps({}))
    ours = {name for name in RESET_SAFE if name.startswith("mkdocs_jekyll.")}
    assert ours <= set(extensions)


SAMPLE_A = """\
title: Sample A
tags: one

# Heading

[TOC]

Text[^1] with HTML and a `code` span, ++ctrl+alt+del++, :smile:, ==mark==, ^^ins^^, ~~del~~.

[^1]: A note.

*[HTML]: Hyper Text Markup Language

!!! note "Admonition"
    Inside.

??? note "Details"
    Inside.

=== "Tab 1"
    One.

=== "Tab 2"
    Two.

```python linenums="1"
print("a")
```

    indented code

- [x] done
- [ ] todo

| a | b |
|---|---|
| 1 | 2 |

Term
:   Definition

{++added++} {--removed--}

[[WikiLink]] "quoted" -- dashes... (c) 1/2 -->

Line one
line two
{: .cls }

<div markdown="1">*inside*</div>

[link][r]

[r]: https://example.com/

# Heading
"""

SAMPLE_B = """\
title: Sample B

# Heading

Other[^2] words without abbreviations: HTML.

[^2]: Another note.

=== "Tab"
    Three.

```python linenums="1"
print("b")
```

[link][r]

# Heading
"""


def _sample_extensions(name: str) -> tuple[list[Any], dict[str, Any]]:
    configs: dict[str, Any] = {
        "pymdownx.highlight": {"anchor_linenums": True},
        "toc": {"permalink": True},
    }
    return [name, "toc"], {key: value for key, value in configs.items() if key in (name, "toc")}


@pytest.mark.parametrize(
    "name", sorted(name for name in RESET_SAFE if not name.startswith("mkdocs_jekyll."))
)
def test_each_listed_extension_gives_with_one_instance_what_new_instances_give(name: str) -> None:
    extensions, configs = _sample_extensions(name)
    documents = [SAMPLE_A, SAMPLE_B, SAMPLE_A, SAMPLE_B]

    def factory() -> markdown.Markdown:
        return markdown.Markdown(extensions=extensions, extension_configs=configs)

    if unsafe_extensions(extensions, configs):
        # abbr before Python-Markdown 3.7 (.ci/lowest): A's definition would mark B's word,
        # which is why it is refused there.
        assert name == "abbr"
        assert _converted(factory, documents) != _fresh(factory, documents)
        return
    assert _converted(factory, documents) == _fresh(factory, documents)


@dataclass(frozen=True)
class Case:
    description: str
    extensions: list[Any]
    configs: dict[str, Any]
    unsafe: list[str]


UNSAFE_CASES = (
    Case("the built-ins by short name", ["toc", "tables", "fenced_code"], {}, []),
    Case("a built-in by dotted name", ["markdown.extensions.toc"], {}, []),
    Case("an extension instance of a listed class", [TocExtension()], {}, []),
    Case("an unknown extension", ["toc", "my_ext"], {}, ["my_ext"]),
    Case("an extension named by class", ["pymdownx.superfences:X"], {}, ["pymdownx.superfences:X"]),
    Case(
        "footnotes with UNIQUE_IDS (reset() renumbers them)",
        ["footnotes"],
        {"footnotes": {"UNIQUE_IDS": True}},
        ["footnotes"],
    ),
    Case("footnotes without", ["footnotes"], {"footnotes": {"UNIQUE_IDS": False}}, []),
)


@pytest.mark.parametrize("case", UNSAFE_CASES, ids=lambda case: case.description)
def test_unsafe_extensions(case: Case) -> None:
    assert unsafe_extensions(case.extensions, case.configs) == case.unsafe


def test_an_unknown_extension_instance_is_unsafe() -> None:
    class Own(Extension):
        pass

    own = Own()
    assert unsafe_extensions([own], {}) == [repr(own)]


@pytest.mark.parametrize(
    "locales", [THREE_LOCALES[:1], THREE_LOCALES], ids=["page shards", "locale workers"]
)
def test_worker_passes_with_the_shared_instance_give_the_sequential_site_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, locales: list[dict[str, Any]]
) -> None:
    """Forked locale passes and page shards each share their own pass's instance."""
    files = {
        f"docs/{locale['locale']}/{name}": text
        for locale in locales
        for name, text in LEAKY.items()
    }

    def build(folder: str, workers: int) -> dict[str, bytes]:
        (tmp_path / folder).mkdir()
        i18n = {"languages": locales, "parallel_workers": workers}
        plugins = ["search", {"jekyll/i18n": i18n}, {"jekyll": {}}]
        return _site_files(make_site_builder(tmp_path / folder)(files=files, plugins=plugins))

    planned: list[Any] = []
    real_plan = page_shards.plan_shards

    def plan(*args: Any, **kwargs: Any) -> list[page_shards.Shard]:
        shards = real_plan(*args, **kwargs)
        planned.extend(shards)
        return shards

    monkeypatch.setattr(page_shards, "plan_shards", plan)
    parallel = build("parallel", 2)
    if len(locales) == 1:
        assert [shard.count for shard in planned] == [2, 2]  # the locale cut in two
    else:
        assert len(planned) == 3  # one pass per locale, two of them in workers
    _without_reuse(monkeypatch)
    sequential = build("sequential", 1)
    assert parallel.keys() == sequential.keys()
    assert [name for name in parallel if parallel[name] != sequential[name]] == []


BLOCK_LEVEL_PAGES = {
    "blocks.md": (
        "# Blocks\n\n<section>\n<p>raw</p>\n</section>\n\n<DIV>upper</DIV>\n\n"
        "<custom-tag>inline?</custom-tag> text\n\n<hr/>\n\nPara {: .x}\n\n"
        '<div markdown="1">\n*in* div\n\n- a\n- b\n</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n'
    ),
    "nested.md": (
        "> quote\n>\n> - item\n>   <details><summary>s</summary>x</details>\n\nTerm\n: def\n"
    ),
}


def test_block_level_lookups_on_the_shared_instance_give_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given pages whose HTML the prettifier spaces by block-level tags, when they convert on
    the shared instance (``is_block_level`` reading a set while a page converts) and on
    instances of their own, then the sites are the same, and between pages the shared
    instance answers with Python-Markdown's own ``is_block_level`` again."""
    made: list[markdown.Markdown] = []

    class Recording(markdown.Markdown):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            made.append(self)

    monkeypatch.setattr(markdown_reuse, "Markdown", Recording)
    pages = {**BLOCK_LEVEL_PAGES, **LEAKY}
    (tmp_path / "shared").mkdir()
    (tmp_path / "fresh").mkdir()
    shared = _site_files(make_site_builder(tmp_path / "shared")(files=_docs(pages)))
    assert len(made) == 1
    assert "is_block_level" not in vars(made[0])
    _without_reuse(monkeypatch)
    fresh = _site_files(make_site_builder(tmp_path / "fresh")(files=_docs(pages)))
    assert [name for name in shared if shared[name] != fresh[name]] == []
    assert shared.keys() == fresh.keys()
