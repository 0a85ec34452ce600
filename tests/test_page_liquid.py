"""Pages' Liquid rendered in the pass that builds them (``page_liquid``) equals Jekyll's order.

Each build here is compared with the same build whose pages all render before the passes,
in Jekyll's order (``upfront``: what every build did before), byte for byte and log for log.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from mkdocs_jekyll.mkdocs import render_cache
from mkdocs_jekyll.mkdocs.parallel import can_fork
from sitebuild import (
    BUILD_ERROR,
    THREE_LOCALES,
    error_lines,
    make_site_builder,
    site_tree,
    warning_lines,
)

LISTING = (
    "{% for p in site.pages %}{% if p.title == 'B' %}[{{ p.content | strip_newlines }}]"
    "{% endif %}{% endfor %}\n"
)
"""A page that prints page B's content: B's source before B renders, its HTML after."""


def _page(title: str, body: str, lang: str | None = None) -> str:
    front = f"title: {title}\n" + (f"lang: {lang}\n" if lang else "")
    return f"---\n{front}---\n{body}"


def _locale_files(locale: str) -> dict[str, str]:
    return {
        f"docs/{locale}/a.md": _page("A", f"# A\n\n{LISTING}"),
        f"docs/{locale}/b.md": _page("B", "**bold** {{ page.title }}\n"),
        f"docs/{locale}/c.md": _page("C", "See [B]({{ '/" + locale + "/b/' | relative_url }}).\n"),
        f"docs/{locale}/d.md": _page("D", "{{ 'x' | no_such_filter }} {% include note.html %}\n"),
        f"docs/{locale}/z.md": _page("Z", f"# Z\n\n{LISTING}"),
        f"docs/{locale}/index.md": _page("Home", "# Home\n"),
    }


FILES = {
    **_locale_files("en"),
    **_locale_files("es-419"),
    **_locale_files("pt-br"),
    "_includes/note.html": "<p>note</p>\n",
}


def _plugins(workers: int, **core: Any) -> list[Any]:
    languages = {"languages": THREE_LOCALES, "parallel_workers": workers}
    return ["search", {"jekyll/i18n": languages}, {"jekyll": {"permalink": "pretty", **core}}]


@contextmanager
def upfront() -> Iterator[None]:
    """Every page's Liquid rendered before the passes, in Jekyll's order (the old way)."""
    real = render_cache._defer_pages

    def render_all(cache: Any, *args: Any) -> None:
        real(cache, *args)
        cache.pages.finalize()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render_cache, "_defer_pages", render_all)
        yield


def _build(
    path: Path, caplog: pytest.LogCaptureFixture, workers: int, **core: Any
) -> tuple[dict[str, bytes], list[str]]:
    path.mkdir()
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        site = make_site_builder(path)(files=FILES, plugins=_plugins(workers, **core))
    return site_tree(site), warning_lines(caplog)


def test_a_page_listing_a_pages_content_sees_its_source_before_it_and_its_html_after(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Jekyll renders the pages in site.pages order: a.md lists b.md before b.md renders,
    # z.md after.
    tree, _ = _build(tmp_path / "site", caplog, 1)
    a = tree["en/a/index.html"].decode()
    z = tree["en/z/index.html"].decode()
    assert "<strong>bold</strong> {{ page.title }}]" in a
    assert "<strong>bold</strong> B</p>]" in z


@pytest.mark.skipif(not can_fork(), reason="the locale passes fork worker processes")
@pytest.mark.parametrize("workers", [1, 2], ids=["one process", "workers"])
def test_pages_rendered_in_their_passes_write_and_log_what_rendering_them_first_did(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, workers: int
) -> None:
    tree, warnings = _build(tmp_path / "lazy", caplog, workers, cache_enabled=False)
    with upfront():
        before, before_warnings = _build(tmp_path / "upfront", caplog, workers, cache_enabled=False)
    assert sorted(tree) == sorted(before)
    assert [path for path in tree if tree[path] != before[path]] == []
    assert warnings == before_warnings
    assert sum("no_such_filter" in line for line in warnings) == 3  # Once per locale.


@pytest.mark.skipif(not can_fork(), reason="the locale passes fork worker processes")
def test_a_warm_build_logs_the_pages_warnings_where_the_cold_build_did(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    build = make_site_builder(tmp_path)
    results = []
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            site = build(files=FILES, plugins=_plugins(2))
        results.append((site_tree(site), warning_lines(caplog)))
    packs = (tmp_path / "project/.cache/mkdocs-jekyll/liquid").glob("*.pack")
    assert len(list(packs)) == 1  # Every page's output, from every process.
    (cold, cold_warnings), (warm, warm_warnings) = results
    assert [path for path in cold if cold[path] != warm.get(path)] == []
    assert cold_warnings == warm_warnings
    assert sum("no_such_filter" in line for line in cold_warnings) == 3


@pytest.mark.skipif(not can_fork(), reason="the locale passes fork worker processes")
@pytest.mark.parametrize("strict", [False, True], ids=["build", "strict build"])
@pytest.mark.parametrize("locale", ["en", "pt-br"], ids=["first pass", "worker pass"])
def test_a_liquid_error_in_a_pass_fails_the_build_with_its_one_line_and_leaves_site_as_it_was(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, strict: bool, locale: str
) -> None:
    build = make_site_builder(tmp_path)
    site = build(files=FILES, plugins=_plugins(2))
    before = site_tree(site)
    broken = {f"docs/{locale}/c.md": _page("C", "Text.\n\n{% if %}\n")}
    caplog.clear()
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build(files=broken, plugins=_plugins(2), strict=strict)
    assert len(error_lines(caplog)) == 1
    assert error_lines(caplog)[0].startswith(f"{locale}/c.md:6:")
    assert site_tree(site) == before


def test_an_include_a_theme_prints_reads_the_pages_content_as_once_every_page_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Minimal Mistakes' custom analytics include renders with each page's theme, after
    # every page's Liquid: it reads b.md's HTML, which the pass renders in order first.
    from test_site_features import SINGLE

    monkeypatch.setenv("JEKYLL_ENV", "production")
    files = {
        "docs/a.md": _page("A", "Text.\n"),
        "docs/b.md": _page("B", "**bold** {{ page.title }}\n"),
        "_includes/analytics-providers/custom.html": (
            "<script>/* {% for p in site.pages %}{% if p.title == 'B' %}"
            "{{ p.content | strip_newlines }}{% endif %}{% endfor %} */</script>\n"
        ),
    }
    plugins = [{"jekyll": {"site": {"analytics": {"provider": "custom"}}, "defaults": SINGLE}}]
    (tmp_path / "lazy").mkdir()
    (tmp_path / "upfront").mkdir()
    lazy = site_tree(make_site_builder(tmp_path / "lazy")(files=files, plugins=plugins))
    with upfront():
        before = site_tree(make_site_builder(tmp_path / "upfront")(files=files, plugins=plugins))
    assert "/* <p><strong>bold</strong> B</p> */" in lazy["a/index.html"].decode()
    assert [path for path in before if before[path] != lazy.get(path)] == []


LISTING_CV = (
    "{% for p in site.pages %}{% if p.title == 'CV' %}[{{ p.content | strip_newlines }}]"
    "{% endif %}{% endfor %}"
)


def test_serve_rebuilding_a_page_that_shows_another_pages_content_shows_its_html(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # shows.md is edited to print cv.md's content; Jekyll renders cv.md first (site.pages
    # order), so it prints its HTML. The first build rendered every page alone in its pass:
    # its drops must hold cv.md's HTML all the same for the rebuild of shows.md alone.
    from test_incremental_serve import (
        FILES as SERVED,
    )
    from test_incremental_serve import (
        _assert_same_as_full_build,
        _edit,
        _project,
        _rebuild_logged,
        _serving,
    )

    files = {
        **SERVED,
        "docs/en/shows.md": "---\ntitle: Shows\n---\nSHOWS-one\n",
    }
    settings = {
        "site_name": "Incremental",
        "site_url": "https://example.com/base/",
        "theme": {"name": "material"},
        "plugins": ["search", {"jekyll/i18n": {"languages": THREE_LOCALES}}, {"jekyll": {}}],
    }
    project = _project(tmp_path / "project", files, settings)
    with _serving(project, tmp_path / "served") as serving:
        _edit(project, "docs/en/shows.md", "SHOWS-one", f"SHOWS-two {LISTING_CV}")
        assert _rebuild_logged(serving, caplog) == (
            "Rebuilding en/shows.md only (the text changed)."
        )
        page = (serving.site_dir / "en/shows/index.html").read_text(encoding="utf-8")
        assert "SHOWS-two" in page and '<h1 id="cv">CV</h1><p>CV-one</p>]' in page
        _assert_same_as_full_build(serving, tmp_path)


@pytest.mark.skipif(not can_fork(), reason="the locale passes fork worker processes")
@pytest.mark.parametrize("workers", [1, 2], ids=["one process", "workers"])
def test_a_page_context_include_keeps_its_relative_url_targets_when_it_renders_pages_in_order(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, workers: int
) -> None:
    # The post's theme renders cta.html (`jekyll_include`), whose `site.pages` loop renders
    # the other locales' pages in order inside it; its target found before that is still
    # checked.
    files = {
        "docs/es-419/index.md": _page("Inicio", "Inicio\n"),
        "docs/pt-br/index.md": _page("Início", "Início\n"),
        "docs/en/_posts/2024-01-02-one.md": _page("One", "One\n"),
        "_includes/cta.html": (
            "{{ '/cta-missing/' | relative_url }} "
            "{% for p in site.pages %}{{ p.content | size }}{% endfor %}\n"
        ),
        "overrides/main.html": (
            '{% extends "base.html" %}{% block content %}{{ super() }}'
            "{{ jekyll_include('cta.html', page=page) }}{% endblock %}\n"
        ),
    }
    theme = {"name": "material", "custom_dir": "overrides"}
    with caplog.at_level(logging.WARNING):
        make_site_builder(tmp_path)(files=files, plugins=_plugins(workers), theme=theme)
    assert [line for line in warning_lines(caplog) if "relative_url" in line] == [
        "mkdocs_jekyll: en/_posts/2024-01-02-one.md: relative_url target '/cta-missing/' is "
        "not a page or file of the site (MkDocs' validation.links.not_found sets how this is "
        "reported)"
    ]


@pytest.mark.skipif(not can_fork(), reason="the locale passes fork worker processes")
def test_the_lines_of_the_workers_pages_made_while_the_parent_waits_are_theirs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``make_lines_ahead``: what the build keeps of each page (the replay key, the checks)
    is what making the lines in the serial end gave."""
    from mkdocs_jekyll.mkdocs import build_end, page_liquid

    kept: list[dict[str, Any]] = []
    ahead: list[int] = []
    real_finish = page_liquid.finish_liquid

    def finish(cache: Any) -> bool:
        ahead.append(len(cache.pages.lines_ahead))
        result = real_finish(cache)
        kept.append(dict(cache.rendered))
        return result

    def no_lines_ahead(pages: Any) -> None:
        assert pages.lines_ahead == {}

    monkeypatch.setattr(build_end.page_liquid, "finish_liquid", finish)
    tree, warnings = _build(tmp_path / "ahead", caplog, 2)
    monkeypatch.setattr(page_liquid.PageLiquid, "make_lines_ahead", no_lines_ahead)
    before, before_warnings = _build(tmp_path / "tail", caplog, 2)
    assert ahead[0] > 0 and ahead[1:] == [0]  # The workers' pages, made ahead the first time.
    assert kept[0] == kept[1] and len(kept[0]) == len(FILES) - 1
    assert sorted(tree) == sorted(before)
    assert [path for path in tree if tree[path] != before[path]] == []
    assert warnings == before_warnings
