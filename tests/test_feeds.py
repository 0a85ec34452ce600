"""Atom feeds as jekyll-feed 0.17 writes them: ``/feed.xml`` and one per locale (issue 13).

``EXPECTED_JEKYLL`` is the ``feed.xml`` a real ``jekyll build`` (Debian's Jekyll 4.3.1 with
jekyll-feed 0.17.0) wrote for ``JEKYLL_FILES``; ``test_jekyll_still_writes_the_expected_feed``
re-runs Jekyll so the record cannot drift. Feeds are read with ElementTree in the Atom
namespace: each must be well-formed XML with the right entries in the right order.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from mkdocs.exceptions import Abort

from mkdocs_jekyll.features.feed import FeedConfig, feed_config
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.smartify import smartify
from mkdocs_jekyll.liquid.tags.feed_meta_tag import feed_meta
from sitebuild import (
    BUILD_ERROR,
    JEKYLL,
    THREE_LOCALES,
    BuildSite,
    build_project,
    error_lines,
    html,
    jekyll_build,
    write_files,
)

A = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE_URL = "https://example.com/sub/"

# -- the three-locale site -------------------------------------------------------------------

FILES = {
    "docs/en/index.md": "---\ntitle: Home\n---\n# Home\n\nHOME {% feed_meta %}\n",
    "docs/es-419/index.md": "---\ntitle: Inicio\n---\n# Inicio\n\nINICIO {% feed_meta %}\n",
    "docs/pt-br/index.md": "---\ntitle: Início\n---\n# Início\n",
    "docs/en/_posts/2024-01-02-hello.md": (
        '---\ntitle: Hello "world"\ncategories: [news]\ntags: [intro]\n---\n'
        "First *paragraph* with a [link](/en/).\n\nSecond paragraph.\n"
    ),
    "docs/en/_posts/2024-02-03-second.md": (
        "---\ntitle: Second\nauthor: Bob\ndescription: Written summary\nimage: /img/a.png\n"
        "last_modified_at: 2024-03-01\n---\nBody of the second.\n"
    ),
    "docs/en/_posts/2024-03-04-hidden.md": "---\ntitle: Hidden\nfeed: false\n---\nHidden.\n",
    "docs/en/_posts/2024-04-05-unpublished.md": (
        "---\ntitle: Unpublished\npublished: false\n---\nNo.\n"
    ),
    "docs/en/_posts/2099-01-01-future.md": "---\ntitle: Future\n---\nLater.\n",
    "docs/en/_drafts/a-draft.md": "---\ntitle: Draft\n---\nDraft.\n",
    "docs/es-419/_posts/2024-01-05-hola.md": (
        "---\ntitle: Hola\ntags: [saludo]\n---\nPrimero.\n\nSegundo.\n"
    ),
    "docs/es-419/_posts/2024-02-06-adios.md": "---\ntitle: Adiós\n---\nAdiós, mundo.\n",
    "docs/pt-br/_posts/2024-01-06-ola.md": "---\ntitle: Olá\n---\nUm.\n",
}

LANGUAGES = [
    {**lang, "site_name": "Sitio", "site_description": "Un blog"}
    if lang["locale"] == "es-419"
    else lang
    for lang in THREE_LOCALES
]


def _three_locales(tmp_path: Path, **jekyll: Any) -> Path:
    project = tmp_path / "project"
    write_files(project, FILES)
    config = {
        "site_name": "Test site",
        "site_description": "A blog & more",
        "site_url": SITE_URL,
        "theme": {"name": "material"},
        "plugins": [
            "search",
            {"jekyll/i18n": {"languages": LANGUAGES}},
            {"jekyll": {"author": {"name": "Ana", "email": "ana@example.com"}, **jekyll}},
        ],
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return build_project(project)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _three_locales(tmp_path_factory.mktemp("feeds"))


@dataclass(frozen=True)
class Entry:
    title: str
    link: str
    lang: str | None
    author: str
    categories: list[str]
    summary: str | None
    content: str | None


def parse(path: Path) -> tuple[ET.Element, list[Entry]]:
    """The feed's root element and its entries (a real XML parser: it must be well-formed)."""
    root = ET.parse(path).getroot()
    assert root.tag == f"{A}feed"
    entries = []
    for entry in root.findall(f"{A}entry"):
        links = entry.findall(f"{A}link")
        assert len(links) == 1
        entries.append(
            Entry(
                title=entry.findtext(f"{A}title") or "",
                link=links[0].get("href") or "",
                lang=entry.get(XML_LANG),
                author=entry.findtext(f"{A}author/{A}name") or "",
                categories=[c.get("term") or "" for c in entry.findall(f"{A}category")],
                summary=entry.findtext(f"{A}summary"),
                content=entry.findtext(f"{A}content"),
            )
        )
    return root, entries


def site_file(site: Path, url: str) -> Path:
    """The file an absolute URL of the site serves."""
    assert url.startswith(SITE_URL), url
    path = unquote(urlsplit(url).path).removeprefix("/sub/")
    target = site / path
    return target / "index.html" if path.endswith("/") or not path else target


def test_each_locale_has_its_feed_and_the_root_one_is_the_default_locales(site: Path) -> None:
    feeds = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.xml") if "feed" in p.name)
    assert feeds == ["en/feed.xml", "es-419/feed.xml", "feed.xml", "pt-br/feed.xml"]
    root, entries = parse(site / "feed.xml")
    assert root.findtext(f"{A}id") == f"{SITE_URL}feed.xml"
    assert [e.link for e in entries] == [e.link for e in parse(site / "en/feed.xml")[1]]


def test_the_english_feed_lists_the_published_posts_newest_first(site: Path) -> None:
    root, entries = parse(site / "en/feed.xml")
    # No `feed: false`, `published: false`, future or draft post.
    assert [e.title for e in entries] == ["Second", "Hello \u201cworld\u201d"]
    assert [e.link for e in entries] == [
        f"{SITE_URL}en/2024/02/03/second/",
        f"{SITE_URL}en/news/2024/01/02/hello/",
    ]
    assert root.get(XML_LANG) == "en"
    assert root.findtext(f"{A}title") == "Test site"
    assert root.findtext(f"{A}subtitle") == "A blog & more"
    assert root.findtext(f"{A}author/{A}name") == "Ana"
    assert root.findtext(f"{A}author/{A}email") == "ana@example.com"
    assert root.findtext(f"{A}id") == f"{SITE_URL}en/feed.xml"
    self_link = root.find(f"{A}link[@rel='self']")
    assert self_link is not None and self_link.get("href") == f"{SITE_URL}en/feed.xml"
    home = root.find(f"{A}link[@rel='alternate']")
    assert home is not None and home.get("href") == f"{SITE_URL}en/"
    assert home.get("hreflang") == "en"
    second, hello = entries
    assert second.author == "Bob"
    assert second.summary == "Written summary"
    assert second.content == "<p>Body of the second.</p>"
    assert hello.author == "Ana"
    assert hello.lang == "en"
    assert hello.categories == ["en", "news", "intro"]
    assert hello.summary == "First paragraph with a link."
    assert hello.content is not None
    assert hello.content.startswith('<p>First <em>paragraph</em> with a <a href="/en/">link</a>')


def test_a_locale_feed_has_the_locales_posts_name_and_description(site: Path) -> None:
    root, entries = parse(site / "es-419/feed.xml")
    assert root.get(XML_LANG) == "es-419"
    assert root.findtext(f"{A}title") == "Sitio"
    assert root.findtext(f"{A}subtitle") == "Un blog"
    assert [(e.title, e.lang) for e in entries] == [("Adiós", "es-419"), ("Hola", "es-419")]
    assert entries[1].categories == ["es-419", "saludo"]
    _, portuguese = parse(site / "pt-br/feed.xml")
    assert [e.link for e in portuguese] == [f"{SITE_URL}pt-br/2024/01/06/ola/"]


def test_every_entry_link_and_id_is_a_page_of_the_site(site: Path) -> None:
    for feed in site.rglob("feed.xml"):
        root, entries = parse(feed)
        for entry in entries:
            assert site_file(site, entry.link).is_file(), entry.link
        ids = [e.findtext(f"{A}id") or "" for e in root.findall(f"{A}entry")]
        assert all(site_file(site, url + "/").is_file() for url in ids)


def test_every_page_links_its_locales_feed_in_its_head(site: Path) -> None:
    pages = [p for p in site.rglob("*.html") if "search" not in p.parts]
    checked = 0
    for page in pages:
        soup = html(page)
        if page.name == "404.html" or page == site / "index.html":
            continue  # MkDocs renders 404 pages without a page; the landing page is ours
        links = soup.select('head link[rel="alternate"][type="application/atom+xml"]')
        assert len(links) == 1, page
        locale = page.relative_to(site).parts[0]
        expected = locale if locale in {"en", "es-419", "pt-br"} else "en"
        assert links[0]["href"] == f"{SITE_URL}{expected}/feed.xml"
        assert links[0]["hreflang"] == {"pt-br": "pt-BR"}.get(expected, expected)
        assert site_file(site, str(links[0]["href"])).is_file()
        checked += 1
    assert checked >= 8
    spanish = html(site / "es-419/index.html")
    assert spanish.select_one('head link[type="application/atom+xml"]')["title"] == "Sitio"


def test_the_feed_meta_tag_prints_jekyll_feeds_link_to_the_pages_locale_feed(site: Path) -> None:
    text = (site / "es-419/index.html").read_text(encoding="utf-8")
    assert (
        f'INICIO <link type="application/atom+xml" rel="alternate" '
        f'href="{SITE_URL}es-419/feed.xml" title="Test site" />' in text
    )


def test_the_sitemap_leaves_the_feeds_out(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "feed.xml" not in sitemap and "/en/2024/02/03/second/" in sitemap


def test_feed_enabled_false_writes_no_feed_and_no_head_link(tmp_path: Path) -> None:
    site = _three_locales(tmp_path, feed_enabled=False)
    assert list(site.rglob("feed.xml")) == []
    page = (site / "en/index.html").read_text(encoding="utf-8")
    assert "application/atom+xml" not in page
    assert "HOME </p>" in page or "HOME</p>" in page


def test_feed_options_path_limit_excerpt_only_categories_and_collections(
    build_site: BuildSite,
) -> None:
    site = build_site(
        files={
            "docs/index.md": "---\ntitle: Home\n---\nHome\n",
            "docs/_posts/2024-01-01-a.md": "---\ntitle: A\ncategories: [news]\n---\nA.\n",
            "docs/_posts/2024-01-02-b.md": "---\ntitle: B\n---\nB.\n",
            "docs/_posts/2024-01-03-c.md": "---\ntitle: C\ncategories: [news]\n---\nC.\n",
            "docs/_talks/t.md": "---\ntitle: Talk\ndate: 2024-02-01\n---\nTalk.\n",
        },
        plugins=[
            {
                "jekyll": {
                    "collections": {"talks": {"output": True}},
                    "site": {
                        "feed": {
                            "path": "atom.xml",
                            "posts_limit": 2,
                            "excerpt_only": True,
                            "categories": ["news"],
                            "collections": ["talks"],
                        }
                    },
                }
            }
        ],
    )
    assert not (site / "feed.xml").exists()
    _, entries = parse(site / "atom.xml")
    assert [e.title for e in entries] == ["C", "B"]
    assert all(e.content is None and e.summary for e in entries)
    _, news = parse(site / "feed/news.xml")
    assert [e.title for e in news] == ["C", "A"]
    talks_root, talks = parse(site / "feed/talks.xml")
    assert talks_root.findtext(f"{A}title") == "Test site | Talks"
    assert [e.title for e in talks] == ["Talk"]
    head = html(site / "index.html").select_one('head link[type="application/atom+xml"]')
    assert head is not None and head["href"] == "https://example.com/atom.xml"


def test_a_sites_own_feed_is_left_alone(build_site: BuildSite) -> None:
    site = build_site(
        files={
            "docs/index.md": "---\ntitle: Home\n---\nHome\n",
            "docs/_posts/2024-01-01-a.md": "---\ntitle: A\n---\nA.\n",
            "docs/feed.xml": "<feed>mine</feed>\n",
        }
    )
    assert (site / "feed.xml").read_text(encoding="utf-8") == "<feed>mine</feed>\n"


def test_a_malformed_feed_option_is_one_clean_error(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort, match=BUILD_ERROR):
        build_site(
            files={"docs/index.md": "---\ntitle: Home\n---\nHome\n"},
            plugins=[{"jekyll": {"site": {"feed": {"posts_limit": "ten"}}}}],
        )
    assert error_lines(caplog)[-1] == (
        "mkdocs.yml: plugins.jekyll.site.feed.posts_limit: Expected a whole number, 0 or "
        "more, received 'ten'."
    )


@dataclass(frozen=True)
class ConfigCase:
    description: str
    site: dict[str, Any]
    expected: FeedConfig | str


CONFIG_CASES = [
    ConfigCase("defaults", {}, FeedConfig()),
    ConfigCase(
        "a path without a slash is from the root", {"feed": {"path": "atom.xml"}}, "/atom.xml"
    ),
    ConfigCase(
        "collections must be a list or mapping",
        {"feed": {"collections": "talks"}},
        "plugins.jekyll.site.feed.collections: Expected a list of labels or a mapping, "
        "received 'talks'.",
    ),
    ConfigCase(
        "categories must be names",
        {"feed": {"categories": "news"}},
        "plugins.jekyll.site.feed.categories: Expected a list of names, received 'news'.",
    ),
]


@pytest.mark.parametrize("case", CONFIG_CASES, ids=[c.description for c in CONFIG_CASES])
def test_feed_config(case: ConfigCase) -> None:
    if isinstance(case.expected, FeedConfig):
        assert feed_config(case.site) == case.expected
    elif case.expected.startswith("/"):
        assert feed_config(case.site).path == case.expected
    else:
        with pytest.raises(ContentError) as caught:
            feed_config(case.site)
        assert str(caught.value) == f"mkdocs.yml: {case.expected}"


def test_feed_meta_escapes_the_title() -> None:
    assert feed_meta("https://x.test/feed.xml", 'A "B" & C') == (
        '<link type="application/atom+xml" rel="alternate" href="https://x.test/feed.xml" '
        'title="A &quot;B&quot; &amp; C" />'
    )


# -- one locale, compared with Jekyll 4.3.1 + jekyll-feed 0.17.0 -------------------------------

JEKYLL_CONFIG = """\
title: Test site
description: "A blog & more"
url: "https://example.com"
baseurl: "/blog"
lang: en
timezone: UTC
permalink: pretty
author:
  name: Ana Pérez
  email: ana@example.com
plugins: [jekyll-feed]
"""

JEKYLL_FILES = {
    "_posts/2024-01-02-hello.md": (
        '---\ntitle: "Hello \\"world\\" & <friends>"\ncategories: [news, Big Things]\n'
        "tags: [intro, welcome]\n---\nFirst *paragraph* with a [link](/about/).\n\n"
        "Second paragraph.\n"
    ),
    "_posts/2024-02-03-second.md": (
        "---\ntitle: Second\ndate: 2024-02-03 10:30:00 +0100\nauthor: Bob\n"
        'description: "A written description"\nimage: /assets/pic.png\n'
        "last_modified_at: 2024-03-01\n---\nBody of the second.\n"
    ),
    "_posts/2024-03-04-hidden.md": "---\ntitle: Hidden\nfeed: false\n---\nNot in the feed?\n",
    "_posts/2024-04-05-unpub.md": "---\ntitle: Unpublished\npublished: false\n---\nNope.\n",
    "_posts/2099-01-01-future.md": "---\ntitle: Future\n---\nLater.\n",
    "_drafts/a-draft.md": "---\ntitle: Draft\n---\nDrafty.\n",
    "index.md": "---\nlayout: null\n---\n{% feed_meta %}\n",
}

MKDOCS_YML = {
    "site_name": "Test site",
    "site_description": "A blog & more",
    "site_url": "https://example.com/blog/",
    "theme": {"name": "material", "language": "en"},
    "plugins": [
        {
            "jekyll": {
                "permalink": "pretty",
                "timezone": "UTC",
                "author": {"name": "Ana Pérez", "email": "ana@example.com"},
            }
        }
    ],
}

EXPECTED_JEKYLL = (
    '<?xml version="1.0" encoding="utf-8"?>'
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'
    '<generator uri="https://jekyllrb.com/" version="4.3.1">Jekyll</generator>'
    '<link href="https://example.com/blog/feed.xml" rel="self" type="application/atom+xml" />'
    '<link href="https://example.com/blog/" rel="alternate" type="text/html" hreflang="en" />'
    "<updated>{TIME}</updated>"
    "<id>https://example.com/blog/feed.xml</id>"
    '<title type="html">Test site</title>'
    "<subtitle>A blog &amp; more</subtitle>"
    "<author>"
    "<name>Ana Pérez</name>"
    "<email>ana@example.com</email>"
    "</author>"
    "<entry>"
    '<title type="html">Hidden</title>'
    '<link href="https://example.com/blog/2024/03/04/hidden/" rel="alternate" '
    'type="text/html" title="Hidden" />'
    "<published>2024-03-04T00:00:00+00:00</published>"
    "<updated>2024-03-04T00:00:00+00:00</updated>"
    "<id>https://example.com/blog/2024/03/04/hidden</id>"
    '<content type="html" xml:base="https://example.com/blog/2024/03/04/hidden/">'
    "<![CDATA[<p>Not in the feed?</p>]]>"
    "</content>"
    "<author>"
    "<name>Ana Pérez</name>"
    "<email>ana@example.com</email>"
    "</author>"
    '<summary type="html">'
    "<![CDATA[Not in the feed?]]>"
    "</summary>"
    "</entry>"
    "<entry>"
    '<title type="html">Second</title>'
    '<link href="https://example.com/blog/2024/02/03/second/" rel="alternate" '
    'type="text/html" title="Second" />'
    "<published>2024-02-03T09:30:00+00:00</published>"
    "<updated>2024-03-01T00:00:00+00:00</updated>"
    "<id>https://example.com/blog/2024/02/03/second</id>"
    '<content type="html" xml:base="https://example.com/blog/2024/02/03/second/">'
    "<![CDATA[<p>Body of the second.</p>]]>"
    "</content>"
    "<author>"
    "<name>Bob</name>"
    "</author>"
    '<summary type="html">'
    "<![CDATA[A written description]]>"
    "</summary>"
    '<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" '
    'url="https://example.com/blog/assets/pic.png" />'
    '<media:content medium="image" url="https://example.com/blog/assets/pic.png" '
    'xmlns:media="http://search.yahoo.com/mrss/" />'
    "</entry>"
    "<entry>"
    '<title type="html">Hello “world” &amp;amp;</title>'
    '<link href="https://example.com/blog/news/big%20things/2024/01/02/hello/" '
    'rel="alternate" type="text/html" title="Hello “world” &amp;amp;" />'
    "<published>2024-01-02T00:00:00+00:00</published>"
    "<updated>2024-01-02T00:00:00+00:00</updated>"
    "<id>https://example.com/blog/news/big%20things/2024/01/02/hello</id>"
    '<content type="html" xml:base="https://example.com/blog/news/big%20things/2024/01/02/hello/">'
    "<![CDATA[<p>First <em>paragraph</em> with a <a "
    'href="/about/">link</a>.</p>\n\n<p>Second paragraph.</p>]]>'
    "</content>"
    "<author>"
    "<name>Ana Pérez</name>"
    "<email>ana@example.com</email>"
    "</author>"
    '<category term="news" />'
    '<category term="Big Things" />'
    '<category term="intro" />'
    '<category term="welcome" />'
    '<summary type="html">'
    "<![CDATA[First paragraph with a link.]]>"
    "</summary>"
    "</entry>"
    "</feed>"
)

"""``feed.xml`` of ``JEKYLL_FILES`` as Jekyll wrote it, its build time as ``{TIME}``."""

FEED_META = (
    '<link type="application/atom+xml" rel="alternate" href="https://example.com/blog/feed.xml" '
    'title="Test site" />'
)
"""What ``{% feed_meta %}`` printed in Jekyll's ``index.html``."""


def comparable(feed: str, *, without: str | None = None) -> str:
    """A feed with its build time masked and the whitespace between content tags dropped.

    kramdown writes a blank line between paragraphs where Python-Markdown writes a newline;
    ``without`` removes the entry with that title (jekyll-feed lists ``feed: false`` posts,
    which the issue leaves out).
    """
    feed = re.sub(r"<updated>[^<]*</updated>", "<updated>{TIME}</updated>", feed, count=1)
    feed = re.sub(r">\s+<", "><", feed)
    if without is not None:
        feed = re.sub(rf'<entry><title type="html">{without}</title>.*?</entry>', "", feed)
    return feed


def test_the_feed_of_one_locale_is_jekyll_feeds(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for rel, text in JEKYLL_FILES.items():
        target = project / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (project / "mkdocs.yml").write_text(yaml.safe_dump(MKDOCS_YML), encoding="utf-8")
    site = build_project(project)
    ours = (site / "feed.xml").read_text(encoding="utf-8")
    ET.fromstring(ours)  # well-formed
    assert comparable(ours) == comparable(EXPECTED_JEKYLL, without="Hidden")
    assert FEED_META in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.skipif(JEKYLL is None, reason="needs Debian's jekyll")
def test_jekyll_still_writes_the_expected_feed(tmp_path: Path) -> None:
    site, _ = jekyll_build(tmp_path / "src", JEKYLL_FILES, JEKYLL_CONFIG)
    assert comparable((site / "feed.xml").read_text(encoding="utf-8")) == comparable(
        EXPECTED_JEKYLL
    )
    assert FEED_META in (site / "index.html").read_text(encoding="utf-8")


# -- smartify: values recorded from Jekyll 4.3.1's `smartify` (kramdown 2.4) -----------------

SMARTIFY = [
    ("It's the '80s, isn't it?", "It\u2019s the \u201980s, isn\u2019t it?"),
    (
        "\"'Quoted' words in a larger quote.\"",
        "\u201c\u2018Quoted\u2019 words in a larger quote.\u201d",
    ),
    ("He said, \"Hi.\" Then 'bye'.", "He said, \u201cHi.\u201d Then \u2018bye\u2019."),
    ("Wait... what -- really --- yes", "Wait\u2026 what \u2013 really \u2014 yes"),
    ("<< guillemets >> and <<tight>>", "\u00ab\u00a0guillemets\u00a0\u00bb and \u00abtight\u00bb"),
    ('"Custer"\'s Last Stand', "\u201cCuster\u201d\u2019s Last Stand"),
    ("A &amp; B &copy; C &lt;tag&gt;", "A &amp; B \u00a9 C &lt;tag&gt;"),
    ('<em>"emph"</em> and *"star"*', "<em>\u201cemph\u201d</em> and *\u201dstar\u201d*"),
    (
        '\'single\' "double" x"y" 5\'10"',
        "\u2018single\u2019 \u201cdouble\u201d x\u201dy\u201d 5\u201910\u201d",
    ),
    ('"Hello", she said; "bye!"', "\u201cHello\u201d, she said; \u201cbye!\u201d"),
    ("(parens \"in\") [brackets 'in']", "(parens \u201cin\u201d) [brackets \u2018in\u2019]"),
    ("Rock 'n' roll", "Rock \u2018n\u2019 roll"),
    (
        '\u00dcn\u00efc\u00f6d\u00e9 "quotes" \u00f1\'a',
        "\u00dcn\u00efc\u00f6d\u00e9 \u201cquotes\u201d \u00f1\u2019a",
    ),
    ("Fish & chips", "Fish &amp; chips"),
]


@pytest.mark.parametrize(("text", "expected"), SMARTIFY, ids=[t for t, _ in SMARTIFY])
def test_smartify_matches_jekyll(text: str, expected: str) -> None:
    assert smartify(text) == expected


# -- mkdocs serve ----------------------------------------------------------------------------


def test_a_post_body_edit_under_serve_updates_its_locales_feed(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from test_incremental_serve import (
        _assert_same_as_full_build,
        _edit,
        _project,
        _rebuild_logged,
        _serving,
    )

    config = {
        "site_name": "Serve",
        "site_url": "https://example.com/base/",
        "theme": {"name": "material"},
        # Without archives, which list the post's excerpt: a post edit then rebuilds the
        # whole site (test_archives.py).
        "plugins": [
            "search",
            {"jekyll/i18n": {"languages": LANGUAGES}},
            {"jekyll": {"archives_enabled": False}},
        ],
    }
    project = _project(tmp_path / "project", FILES, config)
    with _serving(project, tmp_path / "served") as session:
        _edit(project, "docs/es-419/_posts/2024-01-05-hola.md", "Primero.", "Primero *nuevo*.")
        logged = _rebuild_logged(session, caplog)
        assert logged == "Rebuilding es-419/_posts/2024-01-05-hola.md only (the text changed)."
        _, entries = parse(session.site_dir / "es-419/feed.xml")
        assert [e.content for e in entries] == [
            "<p>Adiós, mundo.</p>",
            "<p>Primero <em>nuevo</em>.</p>\n<p>Segundo.</p>",
        ]
        assert entries[1].summary == "Primero nuevo."
        _assert_same_as_full_build(session, tmp_path)
