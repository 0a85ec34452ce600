"""Under `mkdocs serve`, an edit rebuilds the pages that print the edited text, exactly.

Given a three-locale site served in process (``test_incremental_serve``'s session) with
pages whose Liquid prints other documents' content, output or excerpt, when one of those
documents is edited, then its page and every page that printed its text (and the pages
that printed theirs) are rebuilt, no other page is written again, and the served folder
equals, file by file, a full ``mkdocs build`` of the edited sources. Front matter edits,
new and deleted files still rebuild everything, and equal a full build too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from test_incremental_serve import (
    FILES,
    ServeSession,
    _assert_same_as_full_build,
    _edit,
    _project,
    _rebuild_logged,
    _serving,
    _stamps,
)

from mkdocs_jekyll.mkdocs.page_reads import readers_of
from sitebuild import THREE_LOCALES


def _shows(title: str) -> str:
    """Liquid printing the content of the page titled ``title`` (``site.pages``)."""
    return (
        "{% for p in site.pages %}{% if p.title == '" + title + "' %}"
        "[{{ p.content | strip_newlines }}]{% endif %}{% endfor %}\n"
    )


SERVED = {path: text for path, text in FILES.items() if "hola" not in path}

READERS = {
    **SERVED,
    # Older than en's post: `site.posts.first` (the whole site's newest) is en's.
    "docs/es-419/_posts/2024-01-01-hola.md": FILES["docs/es-419/_posts/2024-01-02-hola.md"],
    # Before cv.md in Jekyll's order (site.pages by name): prints its source.
    "docs/en/about-cv.md": "---\ntitle: About CV\n---\nABOUT " + _shows("CV"),
    # After it: prints its HTML.
    "docs/en/shows.md": "---\ntitle: Shows\n---\nSHOWS " + _shows("CV"),
    # Prints shows.md's content, so cv.md's too.
    "docs/en/twice.md": "---\ntitle: Shows shows\n---\nTWICE " + _shows("Shows"),
    # A page of a locale the first build renders after the server started (workers).
    "docs/pt-br/mostra.md": "---\ntitle: Mostra\n---\nMOSTRA " + _shows("CV"),
    "docs/en/latest.md": (
        "---\ntitle: Latest\n---\nLATEST [{{ site.posts.first.content | strip_newlines }}]\n"
    ),
    "docs/en/excerpts.md": (
        "---\ntitle: Excerpts\n---\n"
        "{% for post in site.posts %}({{ post.excerpt | strip_newlines }}){% endfor %}\n"
    ),
    "docs/en/whole.md": (
        "---\ntitle: Whole\n---\n"
        "{% assign p = site.pages | where: 'title', 'Sobre' | first %}{{ p | jsonify }}\n"
    ),
    "docs/en/titles.md": (
        "---\ntitle: Titles\n---\n"
        "{% for p in site.pages %}<{{ p.title }} {{ p.url }}>{% endfor %}\n"
    ),
    "docs/en/_posts/2024-01-02-hello.md": (
        "---\ntitle: Hello\ni18n_key: hello\n---\nHELLO-one\n\nSecond paragraph.\n"
    ),
}


def _config(workers: int | None) -> dict[str, Any]:
    i18n: dict[str, Any] = {"languages": THREE_LOCALES}
    if workers is not None:
        i18n["parallel_workers"] = workers
    return {
        "site_name": "Readers",
        "site_url": "https://example.com/base/",
        "theme": {"name": "material"},
        # No generated archives: they list posts, whose edits then rebuild everything.
        "plugins": ["search", {"jekyll/i18n": i18n}, {"jekyll": {"archives_enabled": False}}],
    }


@pytest.fixture
def readers(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServeSession]:
    """The site served, with workers where the machine allows (``parallel_workers: 1`` when
    a test is parametrized with ``readers=1``)."""
    project = _project(tmp_path / "project", READERS, _config(getattr(request, "param", None)))
    with _serving(project, tmp_path / "served") as serving:
        yield serving


def _rewritten(session: ServeSession, before: dict[str, int]) -> set[str]:
    """The pages written again since ``before`` (not the 404s, which every pass writes)."""
    after = _stamps(session.site_dir)
    changed = {path for path in after if after[path] != before.get(path)}
    stubs = {"old/index.html"}  # en/impact.md's `redirect_from`, written by its pass
    return {path for path in changed - stubs if "/" in path and not path.endswith("/404.html")}


@dataclass(frozen=True)
class Case:
    description: str
    rel: str
    old: str
    new: str
    logged: str
    rewritten: frozenset[str]
    shown: tuple[tuple[str, str], ...] = ()
    """(page, text) the served page holds after the rebuild."""


CASES = [
    Case(
        "a page printed by site.pages listings, before and after it, and a listing of those",
        "docs/en/cv.md",
        "CV-one",
        "CV-two",
        "Rebuilding en/cv.md only (the text changed); and en/about-cv.md, en/shows.md,"
        " en/twice.md, pt-br/mostra.md, which show its text.",
        frozenset(
            {
                "en/cv/index.html",
                "en/about-cv/index.html",
                "en/shows/index.html",
                "en/twice/index.html",
                "pt-br/mostra/index.html",
            }
        ),
        (
            ("en/shows/index.html", "<p>CV-two</p>]"),
            ("en/about-cv/index.html", "CV-two]"),
            ("en/twice/index.html", "CV-two"),
            ("pt-br/mostra/index.html", "<p>CV-two</p>]"),
        ),
    ),
    Case(
        "a post printed by site.posts.first.content and by an excerpt listing",
        "docs/en/_posts/2024-01-02-hello.md",
        "HELLO-one",
        "HELLO-two",
        "Rebuilding en/_posts/2024-01-02-hello.md only (the text changed); and"
        " en/excerpts.md, en/latest.md, which show its text.",
        frozenset(
            {
                "en/2024/01/02/hello/index.html",
                "en/latest/index.html",
                "en/excerpts/index.html",
            }
        ),
        (
            ("en/latest/index.html", "<p>HELLO-two</p>"),
            ("en/excerpts/index.html", "(<p>HELLO-two</p>)"),
        ),
    ),
    Case(
        "a page whose whole drop another prints (jsonify)",
        "docs/pt-br/sobre.md",
        "SOBRE-one",
        "SOBRE-two",
        "Rebuilding pt-br/sobre.md only (the text changed); and en/whole.md, which show its text.",
        frozenset({"pt-br/sobre/index.html", "en/whole/index.html"}),
        (("en/whole/index.html", "SOBRE-two"),),
    ),
    Case(
        "a page nobody prints",
        "docs/es-419/impacto.md",
        "IMPACTO-one",
        "IMPACTO-two",
        "Rebuilding es-419/impacto.md only (the text changed).",
        frozenset({"es-419/impacto/index.html"}),
        (("es-419/impacto/index.html", "IMPACTO-two"),),
    ),
]


@pytest.mark.parametrize("readers", [None, 1], ids=["workers", "one process"], indirect=True)
@pytest.mark.parametrize("case", CASES, ids=[case.description for case in CASES])
def test_an_edit_rebuilds_the_pages_printing_its_text_and_equals_a_full_build(
    readers: ServeSession, tmp_path: Path, caplog: pytest.LogCaptureFixture, case: Case
) -> None:
    before = _stamps(readers.site_dir)
    _edit(readers.project, case.rel, case.old, case.new)
    assert _rebuild_logged(readers, caplog) == case.logged
    assert _rewritten(readers, before) == case.rewritten
    for page, text in case.shown:
        assert text in (readers.site_dir / page).read_text("utf-8"), page
    _assert_same_as_full_build(readers, tmp_path)


def test_two_edits_in_a_row_keep_the_readers_known(
    readers: ServeSession, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The first rebuild renders shows.md again: what it read must be recorded again.
    _edit(readers.project, "docs/en/cv.md", "CV-one", "CV-two")
    assert "en/shows.md" in _rebuild_logged(readers, caplog)
    _edit(readers.project, "docs/en/shows.md", "SHOWS ", "SHOWS-AGAIN ")
    assert _rebuild_logged(readers, caplog) == (
        "Rebuilding en/shows.md only (the text changed); and en/twice.md, which show its text."
    )
    _edit(readers.project, "docs/en/cv.md", "CV-two", "CV-three")
    assert "en/twice.md" in _rebuild_logged(readers, caplog)
    page = (readers.site_dir / "en/twice/index.html").read_text("utf-8")
    assert "CV-three" in page and "SHOWS-AGAIN" in page
    _assert_same_as_full_build(readers, tmp_path)


def test_an_edit_making_a_page_print_another_records_it_for_the_next_edit(
    readers: ServeSession, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _edit(readers.project, "docs/pt-br/index.md", "# Início", "# Início\n\n" + _shows("Impacto"))
    assert _rebuild_logged(readers, caplog) == (
        "Rebuilding pt-br/index.md only (the text changed)."
    )
    _edit(readers.project, "docs/es-419/impacto.md", "IMPACTO-one", "IMPACTO-two")
    assert _rebuild_logged(readers, caplog) == (
        "Rebuilding es-419/impacto.md only (the text changed); and pt-br/index.md, which show"
        " its text."
    )
    assert "IMPACTO-two" in (readers.site_dir / "pt-br/index.html").read_text("utf-8")
    _assert_same_as_full_build(readers, tmp_path)


@pytest.mark.parametrize(
    ("rel", "old", "new", "reason"),
    [
        ("docs/en/cv.md", "title: CV", "title: Résumé", "the front matter of 'en/cv.md'"),
        ("docs/en/cv.md", "permalink: /en/cv/", "permalink: /en/resume/", "front matter"),
    ],
    ids=["title", "permalink"],
)
def test_a_front_matter_edit_a_listing_prints_rebuilds_everything(
    readers: ServeSession,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    rel: str,
    old: str,
    new: str,
    reason: str,
) -> None:
    _edit(readers.project, rel, old, new)
    logged = _rebuild_logged(readers, caplog)
    assert logged.startswith("Rebuilding the whole site:") and reason in logged
    titles = (readers.site_dir / "en/titles/index.html").read_text("utf-8")
    assert ("Résumé" in titles) == ("Résumé" in new)
    _assert_same_as_full_build(readers, tmp_path)


def test_deleting_and_adding_a_page_a_listing_prints_rebuilds_everything(
    readers: ServeSession, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    os.remove(readers.project / "docs/en/cv.md")
    assert "was added or removed" in _rebuild_logged(readers, caplog)
    assert "CV-one" not in (readers.site_dir / "en/shows/index.html").read_text("utf-8")
    (readers.project / "docs/en/cv.md").write_text(
        "---\ntitle: CV\npermalink: /en/cv/\n---\n# CV\n\nCV-back\n", "utf-8"
    )
    assert "was added or removed" in _rebuild_logged(readers, caplog)
    assert "CV-back" in (readers.site_dir / "en/shows/index.html").read_text("utf-8")
    _assert_same_as_full_build(readers, tmp_path)


def test_layouts_listing_post_excerpts_are_rebuilt_with_the_post(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Minimal Mistakes' `home` layout and `related: true` list posts with their excerpts
    # (the theme's, not the page's Liquid).
    single = "layout: single\nrelated: true\n"
    files = {
        "docs/index.md": "---\ntitle: Home\nlayout: home\n---\n",
        "docs/other.md": "---\ntitle: Other\n---\nOTHER-one\n",
        "docs/_posts/2024-01-02-one.md": f"---\ntitle: One\n{single}---\nONE-one\n",
        "docs/_posts/2024-01-03-two.md": f"---\ntitle: Two\n{single}---\nTWO-one\n",
    }
    config = {
        "site_name": "Blog",
        "site_url": "https://example.com/",
        "theme": {"name": "material"},
        "plugins": ["search", {"jekyll": {"archives_enabled": False}}],
    }
    project = _project(tmp_path / "project", files, config)
    with _serving(project, tmp_path / "served") as serving:
        assert "ONE-one" in (serving.site_dir / "index.html").read_text("utf-8")
        _edit(project, "docs/_posts/2024-01-02-one.md", "ONE-one", "ONE-two")
        assert _rebuild_logged(serving, caplog) == (
            "Rebuilding _posts/2024-01-02-one.md only (the text changed); and"
            " _posts/2024-01-03-two.md, index.md, which show its text."
        )
        assert "ONE-two" in (serving.site_dir / "index.html").read_text("utf-8")
        two = (serving.site_dir / "2024/01/03/two/index.html").read_text("utf-8")
        assert "ONE-two" in two
        before = _stamps(serving.site_dir)
        _edit(project, "docs/other.md", "OTHER-one", "OTHER-two")
        assert _rebuild_logged(serving, caplog) == "Rebuilding other.md only (the text changed)."
        assert _rewritten(serving, before) | {"other/index.html"} == {"other/index.html"}
        _assert_same_as_full_build(serving, tmp_path)


def test_readers_of_follows_readers_of_readers() -> None:
    reads = {"a": {"b"}, "b": {"c"}, "d": {"e"}, "c": {"a"}}
    assert readers_of({"c"}, reads) == {"a", "b"}
    assert readers_of({"e"}, reads) == {"d"}
    assert readers_of({"a"}, reads) == {"b", "c"}
    assert readers_of({"z"}, reads) == set()


def test_a_rebuild_does_not_convert_the_content_of_pages_it_keeps(
    readers: ServeSession, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # The kept pages' drops keep the previous build's content as it was: a conversion not
    # made yet is made when (if) a listing reads it, not for every page on every save.
    import markdown

    converted: list[str] = []
    real = markdown.Markdown.convert

    def spy(self: markdown.Markdown, source: str) -> str:
        converted.append(source)
        return real(self, source)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown.Markdown, "convert", spy)
        _edit(readers.project, "docs/es-419/impacto.md", "IMPACTO-one", "IMPACTO-two")
        assert _rebuild_logged(readers, caplog).startswith("Rebuilding es-419/impacto.md only")
    pages = [text for text in converted if "HELLO-one" not in text and "Hola" not in text]
    assert len(pages) == 1 and "IMPACTO-two" in pages[0]  # The page itself; excerpts aside.
    _assert_same_as_full_build(readers, tmp_path)
