"""Scenarios for the `jekyll` plugin on real builds (Jekyll's features/*.feature style).

Each test: given a tiny site, when it is built, then the output files / HTML / errors are as
Jekyll would have them.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from sitebuild import (
    BUILD_ERROR,
    BuildSite,
    error_lines,
    html,
    output_paths,
    strict_abort,
    two_locale_plugins,
    warning_lines,
)


def _article_text(site: Path, path: str) -> str:
    """The page's own content: the article without the title Material adds."""
    article = html(site / path).select_one("article")
    assert article is not None
    for heading in article.select("h1"):
        heading.decompose()
    return article.get_text(" ", strip=True)


# -- permalinks -----------------------------------------------------------------------------


def test_given_permalinks_when_built_then_pages_are_written_where_jekyll_writes_them(
    build_site: BuildSite,
) -> None:
    # Jekyll features/permalinks.feature: "Use custom permalink schema with prefix" and
    # "Use pretty permalink schema" for pages.
    site = build_site(
        files={
            "docs/index.md": "# Home\n",
            "docs/about.md": "---\npermalink: /about-me/\n---\n# About\n",
            "docs/contact.md": "---\npermalink: /contact.html\n---\n# Contact\n",
            "docs/notes/ideas.md": "---\npermalink: /ideas\n---\n# Ideas\n",
            "docs/plain.md": "# Plain\n",
        },
    )
    assert {
        "index.html",
        "about-me/index.html",
        "contact.html",
        "ideas.html",
        "plain/index.html",
    } <= output_paths(site)
    assert not (site / "about/index.html").exists()


def test_given_date_style_when_built_then_pages_get_html_names(build_site: BuildSite) -> None:
    site = build_site(
        files={"docs/index.md": "# Home\n", "docs/guide/setup.md": "# Setup\n"},
        plugins=[{"jekyll": {"permalink": "date"}}],
    )
    assert (site / "guide/setup.html").is_file()


def test_given_a_permalink_when_another_page_links_to_the_file_then_the_link_follows(
    build_site: BuildSite,
) -> None:
    site = build_site(
        files={
            "docs/index.md": "[About](about.md)\n",
            "docs/about.md": "---\npermalink: /people/me/\n---\n# About\n",
        },
    )
    link = html(site / "index.html").select_one("article a[href*='people']")
    assert link is not None and link["href"] == "people/me/"


def test_given_published_false_when_built_then_the_page_is_not_written(
    build_site: BuildSite,
) -> None:
    site = build_site(
        files={
            "docs/index.md": "# Home\n",
            "docs/draft.md": "---\npublished: false\n---\n# Draft\n",
        },
    )
    assert not (site / "draft/index.html").exists()


def test_given_two_pages_on_one_url_then_a_warning_names_both_files(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    # As Jekyll: a warning, and the page written last (by file name) stays; more cases,
    # checked against a real Jekyll build, in tests/test_conflicts.py.
    files = {
        "docs/a.md": "---\npermalink: /same/\n---\nA\n",
        "docs/b.md": "---\npermalink: /same/\n---\nB\n",
    }
    with caplog.at_level(logging.WARNING):
        site = build_site(files=files)
    assert warning_lines(caplog) == [
        "mkdocs_jekyll: a.md: Conflict: 'same/index.html' is also the destination of 'b.md'; "
        "only 'b.md' is written, as Jekyll writes the last of them ('The following "
        "destination is shared by multiple files'). Give one of them another permalink."
    ]
    assert "<p>B</p>" in (site / "same/index.html").read_text()
    with pytest.raises(Abort, match=strict_abort(1)):
        build_site(files=files, strict=True)


@pytest.mark.parametrize(
    ("permalink", "message"),
    [
        (
            "/../outside/",
            "x.md:2: front matter 'permalink': '/../outside/' contains '..', which would leave "
            "the site; write the URL from the site root instead, such as '/outside/'",
        ),
        (
            "https://evil.example/x/",
            "x.md:2: front matter 'permalink': 'https://evil.example/x/' is an absolute URL, but "
            "a permalink is the page's path on this site; write a path such as '/x/' (use "
            "'redirect_to' to send readers elsewhere)",
        ),
        (
            "//evil/x/",
            "x.md:2: front matter 'permalink': '//evil/x/' is an absolute URL, but a permalink "
            "is the page's path on this site; write a path such as '/x/' (use 'redirect_to' to "
            "send readers elsewhere)",
        ),
    ],
)
def test_given_a_permalink_leaving_the_site_when_built_then_it_fails(
    build_site: BuildSite,
    caplog: pytest.LogCaptureFixture,
    permalink: str,
    message: str,
    tmp_path: Path,
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(files={"docs/x.md": f"---\npermalink: {permalink!r}\n---\nX\n"})
    assert error_lines(caplog) == [message]
    assert not (tmp_path / "outside").exists()


# -- defaults -------------------------------------------------------------------------------


def test_given_defaults_when_built_then_longest_scope_wins_and_page_wins_over_defaults(
    build_site: BuildSite,
) -> None:
    site = build_site(
        files={
            "docs/index.md": "{{ page.kind }} {{ page.who }}\n",
            "docs/en/a.md": "{{ page.kind }} {{ page.who }}\n",
            "docs/en/b.md": "---\nkind: own\n---\n{{ page.kind }} {{ page.who }}\n",
        },
        plugins=[
            {
                "jekyll": {
                    "defaults": [
                        {"scope": {"path": "en"}, "values": {"kind": "en-scope"}},
                        {"scope": {"path": ""}, "values": {"kind": "site", "who": "all"}},
                    ]
                }
            }
        ],
    )
    assert _article_text(site, "index.html") == "site all"
    assert _article_text(site, "en/a/index.html") == "en-scope all"
    assert _article_text(site, "en/b/index.html") == "own all"


def test_given_a_default_permalink_layout_when_built_then_it_applies(build_site: BuildSite) -> None:
    site = build_site(
        files={"docs/index.md": "# Home\n", "docs/talks/a.md": "---\ntitle: A\n---\nA\n"},
        plugins=[
            {"jekyll": {"defaults": [{"scope": {"path": "talks"}, "values": {"published": False}}]}}
        ],
    )
    assert not (site / "talks/a/index.html").exists()


# -- Liquid ---------------------------------------------------------------------------------


def test_given_relative_url_when_built_under_a_subpath_then_links_carry_it(
    build_site: BuildSite,
) -> None:
    site = build_site(
        files={
            "docs/index.md": '[CV]({{ "/en/cv/" | relative_url }}) {{ "/x" | absolute_url }}\n',
        },
        site_url="https://user.github.io/repo/",
    )
    article = html(site / "index.html").select_one("article")
    assert article is not None
    assert article.select_one("a")["href"] == "/repo/en/cv/"  # type: ignore[index]
    assert "https://user.github.io/repo/x" in article.get_text()


def test_given_site_and_page_variables_when_built_then_they_render(build_site: BuildSite) -> None:
    site = build_site(
        files={
            "docs/index.md": (
                "---\ntitle: Hello\n---\n"
                # `;`, not `|`: kramdown (as Jekyll) reads a line with pipes as a table.
                "{{ page.title }};{{ page.url }};{{ page.path }};{{ site.title }};"
                "{{ site.baseurl }};{{ site.url }};{{ site.tagline }};{{ jekyll.environment }};"
                "{{ site.data.people.first.name }};{{ site.pages | size }}\n"
            ),
            "docs/other.md": "O\n",
            "_data/people.yml": "first:\n  name: Ada\n",
        },
        site_url="https://example.com/base/",
        plugins=[{"jekyll": {"site": {"tagline": "Hi there"}}}],
    )
    assert _article_text(site, "index.html") == (
        "Hello;/;index.md;Test site;/base;https://example.com;Hi there;development;Ada;2"
    )


def test_given_an_include_with_parameters_when_built_then_include_vars_render(
    build_site: BuildSite,
) -> None:
    site = build_site(
        files={
            "docs/index.md": (
                "---\ntitle: T\n---\n"
                '{% include note.html title="Note" body=page.title %}\n'
                "{% assign name = 'note.html' %}{% include {{ name }} title='Dyn' body='b' %}\n"
            ),
            "_includes/note.html": '<p class="n">{{ include.title }}-{{ include.body }}</p>',
        },
    )
    notes = [p.get_text() for p in html(site / "index.html").select("p.n")]
    assert notes == ["Note-T", "Dyn-b"]


def test_given_raw_when_built_then_liquid_inside_is_kept(build_site: BuildSite) -> None:
    site = build_site(files={"docs/index.md": "{% raw %}{{ not_rendered }}{% endraw %}\n"})
    assert _article_text(site, "index.html") == "{{ not_rendered }}"


# -- errors ---------------------------------------------------------------------------------


def test_given_malformed_front_matter_then_the_error_names_file_and_line(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(files={"docs/bad.md": "---\ntitle: ok\nlayout: [unclosed\n---\nBody\n"})
    assert error_lines(caplog) == [
        "bad.md:4:1: invalid YAML front matter: did not find expected ',' or ']' (while parsing "
        "a flow sequence at line 3)"
    ]


def test_given_an_unknown_tag_then_error_has_file_line_column_counting_front_matter(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(files={"docs/t.md": "---\ntitle: x\n---\nline 4\n\nx {% nosuchtag %}\n"})
    assert error_lines(caplog) == ["t.md:6:6: unknown tag 'nosuchtag'"]


def test_given_an_unclosed_block_then_error_names_the_file(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(files={"docs/t.md": "{% if true %}\nopen\n"})
    assert error_lines(caplog) == ["t.md:1:4: 'if' tag was never closed; expected '{% endif %}'"]


def test_given_a_missing_include_then_error_names_it_and_where_it_looked(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(files={"docs/t.md": "text\n{% include missing.html %}\n"})
    assert error_lines(caplog) == [
        "t.md:2:4: could not locate the included file 'missing.html' in any of "
        "['_includes', 'mkdocs_jekyll/includes']; ensure it exists in one of those directories"
    ]


def test_given_an_include_escaping_the_folder_then_it_is_refused(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(
            files={
                "docs/t.md": "{% include ../mkdocs.yml %}\n",
                "_includes/ok.html": "ok",
            }
        )
    assert error_lines(caplog) == [
        "t.md:1:4: Invalid syntax for include tag. File contains invalid characters or "
        "sequences: '../mkdocs.yml'; expected {% include file.ext param='value' "
        "param2='value' %}"
    ]


def test_given_an_unknown_filter_then_strict_build_fails(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(1)):
        build_site(files={"docs/t.md": "{{ 'a b' | slugifyy }}\n"}, strict=True)
    assert warning_lines(caplog) == [
        "mkdocs_jekyll: t.md:1:12: unknown filter 'slugifyy'; did you mean 'slugify'?"
    ]


def test_given_a_content_error_then_the_previous_site_is_left_alone(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    site = build_site(files={"docs/index.md": "# Good\n"})
    before = (site / "index.html").read_bytes()
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(files={"docs/index.md": "{% if %}\n"})
    assert error_lines(caplog) == ["index.md:1:4: missing expression in 'if' tag"]
    assert (site / "index.html").read_bytes() == before


def test_given_a_content_error_then_it_is_a_plugin_error_not_a_traceback() -> None:
    from mkdocs_jekyll.jekyll.errors import ContentError
    from mkdocs_jekyll.mkdocs.build import as_plugin_error as _as_plugin_error

    with pytest.raises(PluginError, match=r"^x\.md:3:2: broken$"), _as_plugin_error():
        raise ContentError("x.md", "broken", line=3, column=2)


# -- layouts and Markdown ------------------------------------------------------------------


def test_given_a_list_right_after_a_paragraph_then_it_is_a_list(build_site: BuildSite) -> None:
    site = build_site(
        files={
            "docs/index.md": ("**Impact:**\n- one\n- two\n\n```text\nnot\n- a list\n```\n"),
        }
    )
    article = html(site / "index.html").select_one("article")
    assert article is not None
    assert [li.get_text() for li in article.select("ul > li")] == ["one", "two"]
    code = article.select_one("pre code")
    assert code is not None and code.get_text() == "not\n- a list\n"


def test_given_layout_single_then_the_shipped_template_is_used(build_site: BuildSite) -> None:
    site = build_site(
        files={"docs/index.md": "---\nlayout: single\nauthor_profile: true\n---\nBody\n"},
        plugins=[{"jekyll": {"author": {"name": "Ada <Lovelace>", "github": "ada"}}}],
    )
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "Ada &lt;Lovelace&gt;" in page
    assert "Ada <Lovelace>" not in page
    assert html(site / "index.html").select_one("a[href='https://github.com/ada']") is not None


# -- i18n together with the core ------------------------------------------------------------


def test_given_three_locales_then_each_builds_under_its_folder(build_site: BuildSite) -> None:
    site = build_site(
        files={
            "docs/en/index.md": "Home\n",
            "docs/en/about.md": "---\nlang: en\n---\nAbout\n",
            "docs/es-419/index.md": "Inicio\n",
            "docs/es-419/acerca.md": "---\nlang: es-419\n---\nAcerca\n",
            "docs/pt-br/index.md": "Início\n",
            "docs/pt-br/sobre.md": "---\nlang: pt-br\n---\nSobre\n",
            "docs/cv/index.md": "---\npermalink: /cv/\n---\nCV\n",
        },
        plugins=[
            "search",
            {
                "jekyll/i18n": {
                    "languages": [
                        {"locale": "en", "name": "English", "default": True},
                        {"locale": "es-419", "name": "Español"},
                        {"locale": "pt-br", "name": "Português"},
                    ]
                }
            },
            {"jekyll": {}},
        ],
    )
    paths = output_paths(site)
    assert {
        "en/index.html",
        "en/about/index.html",
        "es-419/index.html",
        "es-419/acerca/index.html",
        "pt-br/index.html",
        "pt-br/sobre/index.html",
        "cv/index.html",
    } <= paths
    # No fallback copies of untranslated pages in other locales.
    assert "es-419/about/index.html" not in paths and "pt-br/about/index.html" not in paths
    assert html(site / "pt-br/sobre/index.html").html["lang"] == "pt-BR"  # type: ignore[index]
    assert html(site / "es-419/acerca/index.html").html["lang"] == "es-419"  # type: ignore[index]
    assert _article_text(site, "es-419/acerca/index.html") == "Acerca"


def test_given_two_locales_then_material_ui_for_es_419_is_spanish(build_site: BuildSite) -> None:
    site = build_site(
        files={"docs/en/index.md": "Home\n", "docs/es-419/index.md": "Inicio\n"},
        plugins=two_locale_plugins(),
    )
    search = html(site / "es-419/index.html").select_one("input.md-search__input")
    assert search is not None and search["placeholder"] == "Búsqueda"


def test_given_markup_in_front_matter_then_head_values_are_escaped(build_site: BuildSite) -> None:
    site = build_site(
        files={
            "docs/index.md": (
                "---\ntitle: 'Impact & \"Outcomes\" <script>x</script>'\n"
                "description: 'Say \"hi\" <b>now</b>'\n---\nBody\n"
            ),
        },
    )
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "<script>x</script>" not in page and "<b>now</b>" not in page
    soup = html(site / "index.html")
    meta = soup.select_one("meta[name=description]")
    # jekyll-seo-tag strips HTML from titles and descriptions.
    assert meta is not None and meta["content"] == 'Say "hi" now'
    assert soup.title is not None
    assert soup.title.get_text() == 'Impact & "Outcomes" - Test site'


def test_given_an_absolute_liquid_link_then_mkdocs_does_not_report_it(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        build_site(files={"docs/index.md": '[CV]({{ "/cv/" | relative_url }})\n'})
    assert not [r for r in caplog.records if "absolute link" in r.getMessage()]


def test_given_two_locales_then_each_page_liquid_is_rendered_once_per_build(
    build_site: BuildSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Regression: static-i18n re-joins the Markdown's lines, so the pre-rendered output was
    # not recognised and every page was rendered a second time.
    from mkdocs_jekyll.mkdocs.render_cache import RenderCache

    calls: list[str] = []
    original = RenderCache.render

    def counting(self: RenderCache, doc: object, source: str) -> str:
        calls.append(doc.src_path)  # type: ignore[attr-defined]
        return original(self, doc, source)  # type: ignore[arg-type]

    monkeypatch.setattr(RenderCache, "render", counting)
    plugins = two_locale_plugins()
    plugins[1]["jekyll/i18n"]["parallel_workers"] = 1  # A worker's renders are not seen here.
    build_site(
        files={
            "docs/en/index.md": "Home {{ page.url }}\n\n!!! note\n    x\n",
            "docs/es-419/index.md": "Inicio\n",
        },
        plugins=plugins,
    )
    assert sorted(calls) == ["en/index.md", "es-419/index.md"]


def test_given_an_unknown_layout_then_it_warns_and_renders_with_single(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    warning = (
        "mkdocs_jekyll: index.md: unknown layout 'fancy'; the page is rendered with the "
        "'single' layout. Use a Minimal Mistakes layout (single, splash, archive, ...) or add "
        "'overrides/layouts/fancy.html'."
    )
    with caplog.at_level(logging.WARNING):
        site = build_site(files={"docs/index.md": "---\nlayout: fancy\n---\nBody\n"})
    assert warning in [r.getMessage() for r in caplog.records]
    assert "Body" in (site / "index.html").read_text()
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(1)):
        build_site(files={"docs/index.md": "---\nlayout: fancy\n---\nBody\n"}, strict=True)
    assert warning_lines(caplog) == [warning]


def test_given_a_layout_in_overrides_then_it_is_used_without_warning(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        site = build_site(
            files={
                "docs/index.md": "---\nlayout: fancy\n---\nBody\n",
                "overrides/layouts/fancy.html": (
                    '{% extends "main.html" %}{% block content %}<p id="fancy">'
                    "{{ page.content }}</p>{% endblock %}"
                ),
            },
            theme={"name": "material", "custom_dir": "overrides"},
            strict=True,
        )
    assert html(site / "index.html").select_one("#fancy") is not None
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
