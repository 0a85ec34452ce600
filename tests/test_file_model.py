"""Jekyll's file model: every file that starts with front matter is built, whatever its extension.

Given a Jekyll-style site whose content is not only Markdown (a blog index and archives in
``.html``, a collection document in ``.html``, ``search.json``, ``notes.txt`` and ``style.css``
with front matter, a plain ``.html`` and a binary asset without), when it is built, then each
file is where Jekyll 4.3 writes it, with what Jekyll writes: Liquid rendered and no Markdown
for ``.html`` (in the theme when it names a layout), Liquid alone for the other extensions,
and files without front matter copied as they are. No output keeps a front matter fence or
unrendered Liquid.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import material
import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from mkdocs_jekyll.jekyll.documents import has_front_matter_header, is_content_file
from mkdocs_jekyll.mkdocs.parallel import can_fork
from sitebuild import (
    JEKYLL,
    BuildSite,
    build_project,
    html,
    jekyll_build,
    make_site_builder,
    site_tree,
    strict_abort,
    warning_lines,
    write_files,
)

POSTS = {
    "_posts/2024-01-02-first.md": "---\ntitle: First post\n---\nHello first.\n",
    "_posts/2024-02-03-second.md": '---\ntitle: Second "post"\n---\nHello second.\n',
}

FILES = {
    **POSTS,
    "blog/index.html": (
        "---\ntitle: Blog\nlayout: archive\n---\n<ul>\n{% for post in site.posts %}"
        '  <li><a href="{{ post.url }}">{{ post.title }}</a></li>\n{% endfor %}</ul>\n'
    ),
    "_pages/archive.html": (
        "---\ntitle: Archive\nlayout: archive\npermalink: /archive/\n---\n"
        "{% for post in site.posts %}<h2>{{ post.title }}</h2>\n{% endfor %}"
    ),
    "_portfolio/x.html": (
        "---\ntitle: Project X\nlayout: single\n---\n<p>Project {{ page.title }}</p>\n"
    ),
    "search.json": (
        "---\n---\n[{% for post in site.posts %}"
        '{"title": {{ post.title | jsonify }}, "url": {{ post.url | jsonify }}}'
        "{% unless forloop.last %},{% endunless %}{% endfor %}]\n"
    ),
    "notes.txt": "---\n---\nSite: {{ site.title }}\n{% raw %}{{ kept }}{% endraw %}\n",
    "style.css": '---\n---\nbody::before { content: "{{ site.title }}"; }\n',
    "about.html": "---\ntitle: About\n---\n<p>About {{ page.title }}</p>\n",
    "plain.html": "<p>{{ copied as it is }}</p>\n",
}
BINARY = b"\x89PNG\r\n\x1a\n\x00---\n{{ not text }}\xff"

JEKYLL_CONFIG = """\
title: Test site
permalink: {style}
include: [_pages]
collections:
  portfolio:
    output: true
"""

# Recorded from `jekyll build` (Jekyll 4.3.1) of FILES with JEKYLL_CONFIG; re-checked by
# test_the_recorded_values_are_what_jekyll_builds.
JEKYLL_PATHS = {
    "pretty": {
        "2024/01/02/first/index.html",
        "2024/02/03/second/index.html",
        "about/index.html",
        "archive/index.html",
        "assets/logo.png",
        "blog/index.html",
        "notes.txt",
        "plain.html",
        "portfolio/x/index.html",
        "search.json",
        "style.css",
    },
    "date": {
        "2024/01/02/first.html",
        "2024/02/03/second.html",
        "about.html",
        "archive/index.html",
        "assets/logo.png",
        "blog/index.html",
        "notes.txt",
        "plain.html",
        "portfolio/x.html",
        "search.json",
        "style.css",
    },
}
# Files Jekyll writes as their Liquid output alone (no layout): byte for byte.
JEKYLL_TEXT = {
    "about/index.html": "<p>About About</p>\n",
    "notes.txt": "Site: Test site\n{{ kept }}\n",
    "style.css": 'body::before { content: "Test site"; }\n',
    "plain.html": "<p>{{ copied as it is }}</p>\n",
}
JEKYLL_SEARCH = [
    {"title": 'Second "post"', "url": "/2024/02/03/second/"},
    {"title": "First post", "url": "/2024/01/02/first/"},
]
# The listings of the pages that name a layout: Jekyll's content, compared as text and links.
JEKYLL_LISTINGS = {
    "blog/index.html": [
        ('Second "post"', "/2024/02/03/second/"),
        ("First post", "/2024/01/02/first/"),
    ],
}
JEKYLL_HEADINGS = {"archive/index.html": ['Second "post"', "First post"]}
JEKYLL_PARAGRAPHS = {"portfolio/x/index.html": ["Project Project X"]}
RAW_SOURCES = {"notes.txt"}
"""Sources whose output keeps Liquid delimiters on purpose (``{% raw %}``)."""


def _build(tmp_path: Path, *, style: str = "pretty", **jekyll: Any) -> Path:
    project = tmp_path / "project"
    write_files(project / "docs", FILES)
    (project / "docs/assets").mkdir(parents=True, exist_ok=True)
    (project / "docs/assets/logo.png").write_bytes(BINARY)
    options = {"permalink": style, "collections": {"portfolio": {"output": True}}, **jekyll}
    config = {
        "site_name": "Test site",
        "site_url": "https://example.com/",
        "theme": {"name": "material"},
        "plugins": ["search", {"jekyll": options}],
    }
    (project / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
    return build_project(project, strict=True)


def _content(path: Path) -> BeautifulSoup:
    """The page's content: the layout's own markup left out."""
    article = html(path).select_one("article")
    assert article is not None, path
    return article


@pytest.mark.parametrize("style", ["pretty", "date"])
def test_every_file_is_where_jekyll_writes_it(tmp_path: Path, style: str) -> None:
    site = _build(tmp_path, style=style)
    written = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert JEKYLL_PATHS[style] <= written
    # No copy of a source at its own path beside its output.
    assert written & {"_pages/archive.html", "_portfolio/x.html"} == set()
    assert style == "date" or "about.html" not in written
    assert (site / "assets/logo.png").read_bytes() == BINARY


def test_outputs_match_jekyll(tmp_path: Path) -> None:
    site = _build(tmp_path)
    for rel, text in JEKYLL_TEXT.items():
        assert (site / rel).read_text("utf-8") == text, rel
    assert json.loads((site / "search.json").read_text("utf-8")) == JEKYLL_SEARCH
    for rel, links in JEKYLL_LISTINGS.items():
        anchors = _content(site / rel).select(".archive a")
        assert [(a.get_text(), a["href"]) for a in anchors] == links
    for rel, headings in JEKYLL_HEADINGS.items():
        assert [h.get_text() for h in _content(site / rel).select(".archive h2")] == headings
    for rel, paragraphs in JEKYLL_PARAGRAPHS.items():
        found = [p.get_text() for p in _content(site / rel).select("p")]
        assert paragraphs[0] in found


def test_html_pages_with_a_layout_are_theme_pages_without_markdown(tmp_path: Path) -> None:
    site = _build(tmp_path)
    blog = html(site / "blog/index.html")
    assert blog.title is not None and blog.title.get_text() == "Blog - Test site"
    # The Liquid output as it is: Markdown would have made `  <li>` lines a code block.
    assert "<pre" not in str(_content(site / "blog/index.html"))
    assert blog.select_one("html")["lang"] == "en"  # type: ignore[index]
    # In the search index like the Markdown pages; files without a layout are not.
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"blog/", "archive/", "portfolio/x/"} <= locations
    assert not locations & {"about/", "search.json", "notes.txt"}


def test_no_output_keeps_front_matter_or_liquid(tmp_path: Path) -> None:
    """Walk all of site/: no `{{`, `{%` or front matter fence outside raw copies."""
    site = _build(tmp_path)
    docs = site.parent / "docs"
    theme = Path(material.__file__).parent / "templates"
    leftovers = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or (theme / rel).is_file() or rel in RAW_SOURCES:
            continue
        data = path.read_bytes()
        source = docs / rel
        if source.is_file() and not has_front_matter_header(str(source)):
            assert data == source.read_bytes(), rel  # A static file: copied as it is.
            continue
        if b"{{" in data or b"{%" in data or re.match(rb"---\s*\r?\n", data):
            leftovers.append(rel)
    assert leftovers == []


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
@pytest.mark.parametrize("style", ["pretty", "date"])
def test_the_recorded_values_are_what_jekyll_builds(tmp_path: Path, style: str) -> None:
    site, _ = jekyll_build(tmp_path / "src", FILES, JEKYLL_CONFIG.format(style=style))
    written = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert written == JEKYLL_PATHS[style] - {"assets/logo.png"}
    if style != "pretty":
        return
    for rel, text in JEKYLL_TEXT.items():
        assert (site / rel).read_text("utf-8") == text, rel
    assert json.loads((site / "search.json").read_text("utf-8")) == JEKYLL_SEARCH
    for rel, links in JEKYLL_LISTINGS.items():
        anchors = html(site / rel).select("a")
        assert [(a.get_text(), a["href"]) for a in anchors] == links
    for rel, headings in JEKYLL_HEADINGS.items():
        assert [h.get_text() for h in html(site / rel).select("h2")] == headings
    for rel, paragraphs in JEKYLL_PARAGRAPHS.items():
        assert [p.get_text() for p in html(site / rel).select("p")] == paragraphs


@dataclass(frozen=True)
class HeaderCase:
    description: str
    head: bytes
    expected: bool


HEADER_CASES = [
    HeaderCase("a fence", b"---\ntitle: x\n---\n", True),
    HeaderCase("a fence with blanks and CRLF", b"---  \r\n---\r\n", True),
    HeaderCase("four dashes", b"----\n", False),
    HeaderCase("text after the dashes", b"--- x\n", False),
    HeaderCase("a byte order mark (Jekyll reads bytes)", b"\xef\xbb\xbf---\n---\n", False),
    HeaderCase("a binary file", BINARY, False),
    HeaderCase("an empty file", b"", False),
]


@pytest.mark.parametrize("case", HEADER_CASES, ids=lambda case: case.description)
def test_front_matter_is_found_as_jekyll_finds_it(tmp_path: Path, case: HeaderCase) -> None:
    path = tmp_path / "file.txt"
    path.write_bytes(case.head)
    assert has_front_matter_header(str(path)) is case.expected
    assert is_content_file("file.txt", str(path)) is case.expected


def test_only_the_first_bytes_of_an_asset_are_read(tmp_path: Path) -> None:
    big = tmp_path / "video.bin"
    with big.open("wb") as handle:
        handle.write(b"\x00" * 1024)
        handle.truncate(2**31)  # 2 GiB, sparse: reading it whole would take seconds.
    assert not is_content_file("video.bin", str(big))
    assert is_content_file("page.md", str(big))  # Markdown pages are pages anyway.


def test_jekyll_template_folders_are_not_pages(tmp_path: Path) -> None:
    layout = tmp_path / "default.html"
    layout.write_text("---\nlayout: compress\n---\n{{ content }}\n", encoding="utf-8")
    assert not is_content_file("_layouts/default.html", str(layout))
    assert not is_content_file("en/_includes/default.html", str(layout))
    assert is_content_file("_pages/default.html", str(layout))


def test_defaults_published_redirects_and_sitemap_apply_to_every_extension(
    build_site: BuildSite,
) -> None:
    site = build_site(
        files={
            "docs/about.html": "---\ntitle: About\nredirect_from: /old-about/\n---\n<p>ABOUT</p>\n",
            "docs/hidden.html": "---\npublished: false\n---\n<p>HIDDEN</p>\n",
            "docs/hidden.json": "---\npublished: false\n---\n{}\n",
            "docs/feed/data.json": (
                '---\nlayout: none\n---\n{"title": {{ site.title | jsonify }}}\n'
            ),
            "docs/wrapped.json": '---\n---\n{"a": 1}\n',
            "docs/card.txt": "---\nlayout: single\ntitle: Card\n---\nCARD {{ page.title }}\n",
        },
        plugins=[
            "search",
            {
                "jekyll": {
                    "defaults": [
                        {"scope": {"path": "", "type": "pages"}, "values": {"layout": "single"}},
                        {"scope": {"path": "feed"}, "values": {"permalink": "/api/data.json"}},
                    ]
                }
            },
        ],
        strict=True,
    )
    # Defaults: a layout for every page (about.html is now a theme page), a permalink.
    assert html(site / "about/index.html").select_one("article .jekyll-page") is not None
    assert json.loads((site / "api/data.json").read_text("utf-8")) == {"title": "Test site"}
    assert not (site / "feed/data.json").exists()
    # The layout from the defaults wraps a .json page too, unless it says `layout: none`:
    # Jekyll 4.3.1 wrote `LAYOUT {"a": 1}` for this file with a `single` layout `LAYOUT
    # {{ content }}`, and `{"a": 2}` for one with `layout: none` (`null` alike).
    assert (site / "wrapped.json").read_text("utf-8").lstrip().startswith("<!doctype html>")
    # published: false, whatever the extension: not written, not even copied.
    assert not list(site.glob("hidden*"))
    # redirect_from on an .html page: jekyll-redirect-from's stub at the old URL.
    stub = (site / "old-about/index.html").read_text("utf-8")
    assert 'http-equiv="refresh"' in stub and "https://example.com/about/" in stub
    # A .txt naming a layout is a theme page written at its own extension.
    card = (site / "card.txt").read_text("utf-8")
    assert card.lstrip().startswith("<!doctype html>") and "CARD Card" in card
    # jekyll-sitemap lists pages whose output is HTML, never .json or .txt.
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "https://example.com/about/" in sitemap
    assert "data.json" not in sitemap and "card.txt" not in sitemap


LOCALE_FILES = {
    **{
        f"docs/{locale}/{name}": text.replace("LOCALE", locale)
        for locale in ("en", "es-419", "pt-br")
        for name, text in {
            "index.md": "---\ntitle: Home LOCALE\ni18n_key: home\n---\nhome\n",
            "_posts/2024-01-02-hello.md": "---\ntitle: Post LOCALE\n---\nHi\n",
            "blog/index.html": (
                "---\ntitle: Blog LOCALE\nlayout: archive\ni18n_key: blog\n---\n<ul>"
                "{% for post in site.posts %}<li>{{ post.title }}</li>{% endfor %}</ul>\n"
            ),
            "feed.json": "---\n---\n{{ site.posts | map: 'title' | jsonify }}\n",
        }.items()
    },
    "docs/notes.txt": "---\n---\nroot {{ site.title }}\n",
}


def _locale_plugins(workers: int) -> list[Any]:
    languages = [
        {"locale": "en", "name": "English", "default": True},
        {"locale": "es-419", "name": "Español"},
        {"locale": "pt-br", "name": "Português"},
    ]
    return [
        "search",
        {"jekyll/i18n": {"languages": languages, "parallel_workers": workers}},
        {"jekyll": {}},
    ]


def test_locale_folders_build_their_own_files(build_site: BuildSite) -> None:
    site = build_site(files=LOCALE_FILES, plugins=_locale_plugins(1), strict=True)
    titles = ["Post pt-br", "Post es-419", "Post en"]
    for locale, lang in {"en": "en", "es-419": "es-419", "pt-br": "pt-BR"}.items():
        assert json.loads((site / locale / "feed.json").read_text("utf-8")) == titles
        page = html(site / locale / "blog/index.html")
        assert [li.get_text() for li in page.select(".archive li")] == titles
        assert page.select_one("html")["lang"] == lang  # type: ignore[index]
        assert not (site / locale / "feed.json.html").exists()
    # Paired by i18n_key like Markdown pages.
    alternates = html(site / "en/blog/index.html").select(
        'link[rel="alternate"][hreflang]:not([type])'
    )
    assert {"/es-419/blog/", "/pt-br/blog/"} <= {
        str(link["href"]).removeprefix("https://example.com") for link in alternates
    }
    # A file outside the locale folders is written once, by the first pass.
    assert (site / "notes.txt").read_text("utf-8") == "root Test site\n"
    assert not (site / "es-419/notes.txt").exists()
    index = json.loads((site / "es-419/search/search_index.json").read_text("utf-8"))
    assert "blog/" in {doc["location"].split("#")[0] for doc in index["docs"]}


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_parallel_locale_passes_write_the_same_files(tmp_path: Path) -> None:
    trees = []
    for workers in (1, 3):
        (tmp_path / str(workers)).mkdir()
        site = make_site_builder(tmp_path / str(workers))(
            files=LOCALE_FILES, plugins=_locale_plugins(workers)
        )
        trees.append(site_tree(site, "*.*"))
    one, three = trees
    assert sorted(one) == sorted(three)
    assert [rel for rel in one if one[rel] != three[rel]] == []
    assert "es-419/blog/index.html" in three


def test_an_unknown_layout_on_an_html_page_warns_and_strict_fails(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    files = {"docs/blog/index.html": "---\nlayout: nope\n---\n<p>x</p>\n"}
    site = build_site(files=files)
    assert "<p>x</p>" in (site / "blog/index.html").read_text("utf-8")
    assert warning_lines(caplog)[-1].endswith(
        "blog/index.html: unknown layout 'nope'; the page is rendered with the 'single' "
        "layout. Use a Minimal Mistakes layout (single, splash, archive, ...) or add "
        "'overrides/layouts/nope.html'."
    )
    caplog.clear()
    with pytest.raises(Abort, match=strict_abort(1)):
        build_site(files=files, strict=True)
    assert [line.removeprefix("mkdocs_jekyll: ") for line in warning_lines(caplog)] == [
        "blog/index.html: unknown layout 'nope'; the page is rendered with the 'single' "
        "layout. Use a Minimal Mistakes layout (single, splash, archive, ...) or add "
        "'overrides/layouts/nope.html'."
    ]


def test_sass_with_front_matter_is_not_compiled_and_says_so(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    # Jekyll (jekyll-sass-converter) writes assets/css/main.css; nothing here compiles Sass,
    # so the author is told rather than left with a site missing its stylesheet.
    files = {"docs/assets/css/main.scss": "---\n---\n$c: red;\nbody { color: $c; }\n"}
    warning = (
        "assets/css/main.scss: Sass is not compiled; the file is written as its Liquid output "
        "to 'assets/css/main.scss'. Material's styles replace the Jekyll theme's: add your "
        "own CSS with 'extra_css'."
    )
    site = build_site(files=files)
    assert (site / "assets/css/main.scss").read_text("utf-8").startswith("$c: red;")
    assert [line.removeprefix("mkdocs_jekyll: ") for line in warning_lines(caplog)] == [warning]
    caplog.clear()
    with pytest.raises(Abort, match=strict_abort(1)):
        build_site(files=files, strict=True)
    assert [line.removeprefix("mkdocs_jekyll: ") for line in warning_lines(caplog)] == [warning]


@pytest.mark.parametrize(
    ("rel", "old", "new", "output"),
    [
        ("docs/en/feed.json", "FEED-one", "FEED-two", "en/feed.json"),
        ("docs/en/blog/index.html", "BLOG-one", "BLOG-two", "en/blog/index.html"),
    ],
)
def test_under_serve_an_edit_of_such_a_file_rebuilds_the_site(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, rel: str, old: str, new: str, output: str
) -> None:
    from test_incremental_serve import (
        FILES as SERVED,
    )
    from test_incremental_serve import (
        LANGUAGES,
        _assert_same_as_full_build,
        _edit,
        _project,
        _rebuild_logged,
        _serving,
    )

    files = {
        **SERVED,
        "docs/en/feed.json": '---\n---\n{"text": "FEED-one", "posts": {{ site.posts | size }}}\n',
        "docs/en/blog/index.html": "---\ntitle: Blog\nlayout: archive\n---\n<p>BLOG-one</p>\n",
    }
    config = {
        "site_name": "Served",
        "site_url": "https://example.com/base/",
        "theme": {"name": "material"},
        "plugins": ["search", {"jekyll/i18n": {"languages": LANGUAGES}}, {"jekyll": {}}],
    }
    project = _project(tmp_path / "project", files, config)
    with _serving(project, tmp_path / "served") as session:
        _edit(project, rel, old, new)
        shown = rel.removeprefix("docs/")
        assert _rebuild_logged(session, caplog) == (
            f"Rebuilding the whole site: '{shown}' is not a Markdown page."
        )
        text = (session.site_dir / output).read_text("utf-8")
        assert new in text and old not in text
        _assert_same_as_full_build(session, tmp_path)
