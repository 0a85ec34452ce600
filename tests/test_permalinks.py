"""Permalinks: styles, placeholders, URL cleaning and output paths, as Jekyll 4.3 computes them.

The expected values were checked with ``jekyll build``; ``test_*_match_jekyll`` re-check them
against the real Jekyll when it is installed.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_jekyll.jekyll import permalinks
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.permalinks import (
    STYLES,
    PermalinkError,
    add_permalink_suffix,
    check_permalink,
    clean_url,
    collection_template,
    document_url,
    escape_path,
    expand,
    page_url,
    resolve_output_ext,
    url_to_dest,
)

JEKYLL = shutil.which("jekyll")
needs_jekyll = pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")


@dataclass(frozen=True)
class Case:
    """One input and its expected output (or the exception it raises)."""

    description: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    want: Any = None
    error: str | None = None
    """The exact message of the expected ``ContentError``."""


def _ids(cases: list[Case]) -> list[str]:
    return [case.description for case in cases]


# -- clean_url, escape_path, expand ------------------------------------------------------------

CLEAN_CASES = [
    Case("adds the leading slash", ("en/cv/",), want="/en/cv/"),
    Case("collapses repeated slashes", ("//en///cv",), want="/en/cv"),
    Case("turns every .. into a slash (url.rb sanitize_url)", ("/a/../b",), want="/a/b"),
    Case("turns .. inside a name into a slash too", ("/a..b/",), want="/a/b/"),
    Case("drops ./", ("/./a/./b/",), want="/a/b/"),
    Case("drops a dot before a slash, as Jekyll does", ("/v1.5./x",), want="/v1.5x"),
    Case("keeps the root", ("",), want="/"),
]


@pytest.mark.parametrize("case", CLEAN_CASES, ids=_ids(CLEAN_CASES))
def test_clean_url(case: Case) -> None:
    assert clean_url(*case.args) == case.want


ESCAPE_CASES = [
    Case("plain values are untouched", ("/en/cv-1.0",), want="/en/cv-1.0"),
    Case("a space", ("a b",), want="a%20b"),
    Case("UTF-8 bytes", ("é",), want="%C3%A9"),
    Case("a percent sign", ("100%",), want="100%25"),
    Case("every hash", ("a#b#c",), want="a%23b%23c"),
    Case("a question mark stays (Addressable reads a query)", ("a?b#c?d",), want="a?b%23c?d"),
    Case("brackets and braces", ("[x]{y}",), want="%5Bx%5D%7By%7D"),
    Case("sub-delims, ':' and '@' stay", ("~_-.!$*(),;@:&=+'",), want="~_-.!$*(),;@:&=+'"),
    Case("quotes, pipes and backslashes", ('a"b|c\\d',), want="a%22b%7Cc%5Cd"),
]


@pytest.mark.parametrize("case", ESCAPE_CASES, ids=_ids(ESCAPE_CASES))
def test_escape_path_mirrors_url_escape_path(case: Case) -> None:
    assert escape_path(*case.args) == case.want


EXPAND_CASES = [
    Case(
        "fills placeholders",
        ("/:path/:basename/", {"path": "/en", "basename": "cv"}),
        want="/en/cv/",
    ),
    Case(
        "a None placeholder removes its /:segment", ("/:a/:b/", {"a": None, "b": "x"}), want="/x/"
    ),
    Case("a None placeholder without a slash stays", ("/x:a/", {"a": None}), want="/x:a/"),
    Case("unknown placeholders stay literal", ("/:title/", {"path": ""}), want="/:title/"),
    Case("longer keys win", ("/:month_:monthx", {"month": "05", "monthx": "M"}), want="/05_M"),
    Case("a key prefix matches like Ruby's gsub", ("/:pathology", {"path": "p"}), want="/pology"),
    Case("values are escaped", ("/:t/", {"t": "a b"}), want="/a%20b/"),
    Case("values are never re-expanded", ("/:a/:b", {"a": ":b", "b": "x"}), want="/:b/x"),
    Case("the result is cleaned", ("//:a/../:b", {"a": "x", "b": "y"}), want="/x/y"),
]


@pytest.mark.parametrize("case", EXPAND_CASES, ids=_ids(EXPAND_CASES))
def test_expand(case: Case) -> None:
    assert expand(*case.args) == case.want


# -- styles ------------------------------------------------------------------------------------

SUFFIX_CASES = [
    Case("pretty adds a slash", ("/:path/:basename", "pretty"), want="/:path/:basename/"),
    Case(
        "date adds the extension", ("/:path/:basename", "date"), want="/:path/:basename:output_ext"
    ),
    Case("ordinal adds the extension", ("/:p", "ordinal"), want="/:p:output_ext"),
    Case("none adds the extension", ("/:p", "none"), want="/:p:output_ext"),
    Case("weekdate adds nothing (utils.rb)", ("/:p", "weekdate"), want="/:p"),
    Case("a custom style ending in / adds a slash", ("/:p", "/:year/:title/"), want="/:p/"),
    Case(
        "a custom style ending in :output_ext", ("/:p", "/:title:output_ext"), want="/:p:output_ext"
    ),
    Case("another custom style adds nothing", ("/:p", "/:year/:title"), want="/:p"),
]


@pytest.mark.parametrize("case", SUFFIX_CASES, ids=_ids(SUFFIX_CASES))
def test_add_permalink_suffix(case: Case) -> None:
    assert add_permalink_suffix(*case.args) == case.want


@pytest.mark.parametrize(
    ("style", "want"),
    [
        ("date", "/news/2024/03/05/hello.html"),
        ("pretty", "/news/2024/03/05/hello/"),
        ("ordinal", "/news/2024/065/hello.html"),
        ("weekdate", "/news/2024/W10/Tue/hello.html"),
        ("none", "/news/hello.html"),
    ],
)
def test_each_style_puts_a_post_where_jekyll_does(style: str, want: str) -> None:
    # Jekyll 4.3 (checked with the real jekyll) on _posts/2024-03-05-hello.md, categories
    # [news], under `permalink: <style>`: a Tuesday, day 65 of the year, ISO week 10.
    url = document_url(
        "_posts/2024-03-05-hello.md",
        collection="posts",
        permalink_template=collection_template("posts", style),
        date=None,
        slug=None,
        categories=["news"],
    )
    assert url == want


# -- pages -------------------------------------------------------------------------------------

PAGE_CASES = [
    Case("pretty: a page becomes a folder", ("en/cv.md",), {"style": "pretty"}, "/en/cv/"),
    Case("date: a page keeps .html", ("en/cv.md",), {"style": "date"}, "/en/cv.html"),
    Case("ordinal: like date", ("en/cv.md",), {"style": "ordinal"}, "/en/cv.html"),
    Case("none: like date", ("cv.md",), {"style": "none"}, "/cv.html"),
    Case("weekdate: no extension in the URL", ("en/cv.md",), {"style": "weekdate"}, "/en/cv"),
    Case("custom style ending in /", ("en/cv.md",), {"style": "/:year/:title/"}, "/en/cv/"),
    Case("an index page is its folder", ("en/index.md",), {"style": "date"}, "/en/"),
    Case("the root index page", ("index.md",), {"style": "pretty"}, "/"),
    Case(
        "a non-HTML page keeps its extension",
        ("feed.xml",),
        {"style": "pretty", "output_ext": ".xml"},
        "/feed.xml",
    ),
    Case(
        "a non-HTML index keeps its name",
        ("a/index.xml",),
        {"style": "pretty", "output_ext": ".xml"},
        "/a/index.xml",
    ),
    Case("dots before the extension are dropped", ("v1..md",), {"style": "pretty"}, "/v1/"),
    Case(
        "folders with spaces are escaped",
        ("my dir/a b.md",),
        {"style": "pretty"},
        "/my%20dir/a%20b/",
    ),
    Case("a permalink wins", ("en/cv.md",), {"style": "pretty", "permalink": "/cv/"}, "/cv/"),
    Case("a permalink without slashes", ("p2.md",), {"style": "pretty", "permalink": "p2"}, "/p2"),
    Case(
        "page placeholders in a permalink",
        ("en/p3.md",),
        {"style": "pretty", "permalink": "/:path/:basename:output_ext"},
        "/en/p3.html",
    ),
    Case(
        "other placeholders stay literal in a page permalink",
        ("p6.md",),
        {"style": "pretty", "permalink": "/:title/:year/"},
        "/:title/:year/",
    ),
    Case(
        "a permalink's own extension",
        ("p9.md",),
        {"style": "pretty", "permalink": "/:basename.json"},
        "/p9.json",
    ),
    Case(
        "a permalink with '..' is refused",
        ("en/cv.md",),
        {"style": "pretty", "permalink": "../cv/"},
        error="en/cv.md: front matter 'permalink': '../cv/' contains '..', which would leave the "
        "site; write the URL from the site root instead, such as '/cv/'",
    ),
]


@pytest.mark.parametrize("case", PAGE_CASES, ids=_ids(PAGE_CASES))
def test_page_url(case: Case) -> None:
    kwargs = {"permalink": None, **case.kwargs}
    if case.error is not None:
        with pytest.raises(PermalinkError) as info:
            page_url(*case.args, **kwargs)
        assert str(info.value) == case.error
    else:
        assert page_url(*case.args, **kwargs) == case.want


DEST_CASES = [
    Case("a trailing slash writes index.html", ("/en/impact/",), want="en/impact/index.html"),
    Case("an .html URL is the file", ("/en/cv.html",), want="en/cv.html"),
    Case("a URL without extension gets .html", ("/en/cv",), want="en/cv.html"),
    Case("the root", ("/",), want="index.html"),
    Case("a feed with its extension", ("/feed.xml", ".xml"), want="feed.xml"),
    Case("a feed URL on an .html page gets .html appended", ("/feed.xml",), want="feed.xml.html"),
    Case("a page folder with another extension", ("/feed/", ".xml"), want="feed/index.xml"),
    Case(
        "a document folder is always index.html",
        ("/feed/", ".xml"),
        {"document": True},
        "feed/index.html",
    ),
    Case("escapes are decoded", ("/my%20page/caf%C3%A9/",), want="my page/café/index.html"),
    Case("decoded .. stays inside the site", ("/%2e%2e/x/",), want="x/index.html"),
]


@pytest.mark.parametrize("case", DEST_CASES, ids=_ids(DEST_CASES))
def test_url_to_dest(case: Case) -> None:
    assert url_to_dest(*case.args, **case.kwargs) == case.want


OUTPUT_EXT_CASES = [
    Case("no permalink", (None, ".html"), want=".html"),
    Case("a folder permalink", ("/about/", ".html"), want=".html"),
    Case("a permalink with an extension", ("/feed.xml", ".html"), want=".xml"),
    Case("a dot in a folder is no extension", ("/v1.0/about", ".html"), want=".html"),
]


@pytest.mark.parametrize("case", OUTPUT_EXT_CASES, ids=_ids(OUTPUT_EXT_CASES))
def test_resolve_output_ext(case: Case) -> None:
    assert resolve_output_ext(*case.args) == case.want


# -- permalinks that leave the site ------------------------------------------------------------

CHECK_CASES = [
    Case("a path from the root is fine", ("/en/cv/",)),
    Case("a relative path is fine (Jekyll adds the slash)", ("cv/",)),
    Case("dots inside a name are fine", ("/v1..2/",)),
    Case(
        "'..' segment",
        ("../cv/",),
        error="en/cv.md:3: front matter 'permalink': '../cv/' contains '..', which would leave "
        "the site; write the URL from the site root instead, such as '/cv/'",
    ),
    Case(
        "encoded '..' segment",
        ("/%2e%2e/x",),
        error="en/cv.md:3: front matter 'permalink': '/%2e%2e/x' contains '..', which would "
        "leave the site; write the URL from the site root instead, such as '/x'",
    ),
    Case(
        "absolute URL",
        ("https://example.org/cv/",),
        error="en/cv.md:3: front matter 'permalink': 'https://example.org/cv/' is an absolute "
        "URL, but a permalink is the page's path on this site; write a path such as '/cv/' "
        "(use 'redirect_to' to send readers elsewhere)",
    ),
    Case(
        "protocol-relative URL",
        ("//example.org/cv/",),
        error="en/cv.md:3: front matter 'permalink': '//example.org/cv/' is an absolute URL, but "
        "a permalink is the page's path on this site; write a path such as '/cv/' (use "
        "'redirect_to' to send readers elsewhere)",
    ),
    Case(
        "mailto URL",
        ("mailto:me@example.org",),
        error="en/cv.md:3: front matter 'permalink': 'mailto:me@example.org' is an absolute URL, "
        "but a permalink is the page's path on this site; write a path such as '/about/' "
        "(use 'redirect_to' to send readers elsewhere)",
    ),
    Case(
        "backslash",
        ("\\en\\cv\\",),
        error="en/cv.md:3: front matter 'permalink': '\\en\\cv\\' contains a backslash; separate "
        "folders with '/', as in '/en/cv/'",
    ),
    Case(
        "NUL",
        ("/cv\x00/",),
        error="en/cv.md:3: front matter 'permalink' contains the control character U+0000; "
        "remove it",
    ),
    Case(
        "empty (Jekyll's InvalidPermalinkError)",
        ("",),
        error="en/cv.md:3: front matter 'permalink' is empty; remove it, or write a URL such as "
        "'/about/'",
    ),
]


@pytest.mark.parametrize("case", CHECK_CASES, ids=_ids(CHECK_CASES))
def test_check_permalink(case: Case) -> None:
    if case.error is None:
        check_permalink(case.args[0], "en/cv.md", line=3)
        return
    with pytest.raises(ContentError) as info:
        check_permalink(case.args[0], "en/cv.md", line=3)
    assert str(info.value) == case.error


def _refusal(permalink: str, key: str) -> str | None:
    """What every rule of ``check_permalink`` says of ``permalink`` (None: it passes)."""
    try:
        permalinks._check_permalink_rules(
            permalink, "en/cv.md", line=3, key=key, source="front matter"
        )
    except ContentError as err:
        return str(err)
    return None


# Permalink-like text with every character a rule looks at: '/', '.', ':', '%', '\\',
# control characters (U+0000, U+001F, U+007F), and some that no rule names.
PERMALINKISH = st.text(alphabet="ab/.:%\\-_~ é\x00\x1f\x7f\x80", max_size=12) | st.sampled_from(
    ["/en/page-7/", "//cdn/x", "/a/../b/", "..", "/a/..", "/v1.5/", "http://x/y", "", "/"]
)


@given(PERMALINKISH, st.sampled_from(["permalink", "redirect_from[1]"]))
def test_check_permalink_says_what_all_its_rules_say(permalink: str, key: str) -> None:
    """The shortcut for plain permalinks (``plainly_valid``) passes only what every rule
    passes, and a refused permalink gets the message the rules give, control character
    included (the first one, found by a regex rather than a scan of each character)."""
    want = _refusal(permalink, key)
    if permalinks.plainly_valid(permalink):
        assert want is None
    try:
        check_permalink(permalink, "en/cv.md", line=3, key=key)
    except ContentError as err:
        assert str(err) == want
    else:
        assert want is None
    first = next((char for char in permalink if ord(char) < 32 or ord(char) == 127), None)
    if first is not None and permalink:
        assert want is not None and f"U+{ord(first):04X}" in want


# -- documents (posts and collections) ---------------------------------------------------------

POST: dict[str, Any] = {"collection": "posts", "date": None, "slug": None, "categories": []}
TALK: dict[str, Any] = {
    "collection": "talks",
    "permalink_template": "/:collection/:year/:path/:title:output_ext",
}
DOC_CASES = [
    Case(
        "pretty post: date from the file name",
        ("_posts/2024-01-02-Hi There.md",),
        {**POST, "permalink_template": STYLES["pretty"]},
        "/2024/01/02/Hi-There/",
    ),
    Case(
        "date post with categories",
        ("_posts/2024-1-5-short.md",),
        {**POST, "permalink_template": STYLES["date"], "categories": ["C Sharp", "News"]},
        "/c%20sharp/news/2024/01/05/short.html",
    ),
    Case(
        "weekdate post",
        ("_posts/2024-01-02-hi.md",),
        {**POST, "permalink_template": STYLES["weekdate"]},
        "/2024/W01/Tue/hi.html",
    ),
    Case(
        "ordinal post",
        ("_posts/2024-03-03-hi.md",),
        {**POST, "permalink_template": STYLES["ordinal"]},
        "/2024/063/hi.html",
    ),
    Case(
        "none post",
        ("_posts/2024-03-03-hi.md",),
        {**POST, "permalink_template": STYLES["none"], "categories": ["a", "A"]},
        "/a/hi.html",
    ),
    Case(
        "front matter slug drives :title",
        ("_posts/2023-12-31-x.md",),
        {**POST, "permalink_template": STYLES["date"], "slug": "Custom Slug!"},
        "/2023/12/31/Custom-Slug!.html",
    ),
    Case(
        "front matter date beats the file name",
        ("_posts/2024-02-29-leap.md",),
        {
            **POST,
            "permalink_template": "/:year/:month/:day/:hour:minute:second/",
            "date": datetime(2024, 3, 1, 13, 14, 15, tzinfo=UTC),
        },
        "/2024/03/01/131415/",
    ),
    Case(
        ":month_:day and friends",
        ("_posts/2024-03-03-perm.md",),
        {
            **POST,
            "permalink_template": STYLES["date"],
            "permalink": "/:year_:month/:i_day-:y_day/:short_year/",
        },
        "/2024_03/3-063/24/",
    ),
    Case(
        "names of months and days",
        ("_posts/2024-03-03-x.md",),
        {
            **POST,
            "permalink_template": "/:short_month/:long_month/:short_day/:long_day/"
            ":w_year-:week-:w_day/:i_month",
        },
        "/Mar/March/Sun/Sunday/2024-09-7/3",
    ),
    Case(
        ":name keeps the date, :slugified_categories",
        ("_posts/2024-03-04-perm2.md",),
        {
            **POST,
            "permalink_template": "/x/:slugified_categories/:name:output_ext",
            "categories": ["A b", "A B", "Ça"],
        },
        "/x/a-b/%C3%A7a/2024-03-04-perm2.html",
    ),
    Case(
        "a permalink's own extension",
        ("_posts/2024-03-05-ext.md",),
        {**POST, "permalink_template": STYLES["date"], "permalink": "/feeds/:title.json"},
        "/feeds/ext.json",
    ),
    Case(
        ":output_ext in a permalink is the converter's",
        ("_posts/2024-03-05-ext.md",),
        {**POST, "permalink_template": STYLES["date"], "permalink": "/feeds/:title:output_ext"},
        "/feeds/ext.html",
    ),
    Case(
        "a two-digit year is read as Ruby does",
        ("_posts/99-01-02-old.md",),
        {**POST, "permalink_template": STYLES["date"]},
        "/1999/01/02/old.html",
    ),
    Case(
        "collection :path keeps its folders",
        ("_talks/2020/my talk.md",),
        {**TALK, "date": date(2020, 5, 6), "slug": None, "categories": []},
        "/talks/2020/2020/my%20talk/my-talk.html",
    ),
    Case(
        "collection document with a dated name",
        ("_talks/2021-07-08-dated talk.md",),
        {**TALK, "date": None, "slug": None, "categories": []},
        "/talks/2021/2021-07-08-dated%20talk/dated-talk.html",
    ),
    Case(
        "collection slug keeps case and accents in :title",
        ("_talks/alpha.beta.md",),
        {**TALK, "date": date(2021, 1, 1), "slug": "Über Café", "categories": []},
        "/talks/2021/alpha.beta/%C3%9Cber-Caf%C3%A9.html",
    ),
    Case(
        "an unknown placeholder",
        ("_posts/2024-01-02-x.md",),
        {**POST, "permalink_template": "/:yaer/:title/"},
        error="_posts/2024-01-02-x.md: permalink '/:yaer/:title/' has an unknown placeholder "
        "':yaer'; did you mean ':year'?",
    ),
    Case(
        "an unknown placeholder without a close match lists them all",
        ("_posts/2024-01-02-x.md",),
        {**POST, "permalink_template": "/:zzzq/"},
        error="_posts/2024-01-02-x.md: permalink '/:zzzq/' has an unknown placeholder ':zzzq'; "
        "use :categories, :collection, :day, :hour, :i_day, :i_month, :long_day, :long_month, "
        ":minute, :month, :name, :output_ext, :path, :second, :short_day, :short_month, "
        ":short_year, :slug, :slugified_categories, :title, :w_day, :w_year, :week, :y_day, :year",
    ),
    Case(
        "a date placeholder without a date",
        ("_talks/x.md",),
        {**TALK, "date": None, "slug": None, "categories": []},
        error="_talks/x.md: permalink '/:collection/:year/:path/:title:output_ext' uses ':year', "
        "but the document has no date; add 'date: YYYY-MM-DD' to its front matter or start "
        "its file name with the date",
    ),
    Case(
        "an invalid date in the file name",
        ("_posts/2024-13-45-x.md",),
        {**POST, "permalink_template": STYLES["date"]},
        error="_posts/2024-13-45-x.md: the file name does not start with a valid date "
        "(YYYY-MM-DD-title.md)",
    ),
]


@pytest.mark.parametrize("case", DOC_CASES, ids=_ids(DOC_CASES))
def test_document_url(case: Case) -> None:
    if case.error is not None:
        with pytest.raises(PermalinkError) as info:
            document_url(*case.args, **case.kwargs)
        assert str(info.value) == case.error
    else:
        assert document_url(*case.args, **case.kwargs) == case.want


def test_collection_template_follows_the_style() -> None:
    assert collection_template("posts", "pretty") == STYLES["pretty"]
    assert collection_template("posts", "/:title/") == "/:title/"
    assert collection_template("talks", "pretty") == "/:collection/:path/"
    assert collection_template("talks", "date") == "/:collection/:path:output_ext"
    assert collection_template("talks", "date", "/t/:title/") == "/t/:title/"


# -- properties --------------------------------------------------------------------------------

URLISH = st.text(alphabet=st.sampled_from(list("/.a-:%é ")), max_size=30)


@given(URLISH)
def test_clean_url_is_clean_and_idempotent(url: str) -> None:
    cleaned = clean_url(url)
    assert cleaned.startswith("/")
    assert "//" not in cleaned
    assert ".." not in cleaned
    assert clean_url(cleaned) == cleaned


@given(URLISH, st.dictionaries(st.sampled_from(["path", "basename", "x"]), st.none() | URLISH))
def test_expand_always_gives_a_clean_url(template: str, values: dict[str, str | None]) -> None:
    url = expand(template, values)
    assert url.startswith("/")
    assert "//" not in url
    assert ".." not in url


@given(URLISH)
def test_url_to_dest_stays_inside_the_site(url: str) -> None:
    dest = url_to_dest(url)
    assert not dest.startswith("/")
    assert ".." not in dest.split("/")


# -- against the real Jekyll -------------------------------------------------------------------

# path -> (front matter permalink, converter output extension)
ORACLE_PAGES: dict[str, tuple[str | None, str]] = {
    "index.md": (None, ".html"),
    "cv.md": (None, ".html"),
    "en/index.md": (None, ".html"),
    "en/cv.md": (None, ".html"),
    "en/sub/deep.md": (None, ".html"),
    "en/my page.md": (None, ".html"),
    "en/café.md": (None, ".html"),
    "about.html": (None, ".html"),
    "feed.xml": (None, ".xml"),
    "data/index.xml": (None, ".xml"),
    "v1.2.md": (None, ".html"),
    "p/abs.md": ("/custom/", ".html"),
    "p/noslash.md": ("noslash", ".html"),
    "p/ph.md": ("/:path/:basename:output_ext", ".html"),
    "p/ph2.md": ("/:path/:basename/", ".html"),
    "p/literal.md": ("/:title/:year/", ".html"),
    "p/ext.md": ("/data/feed.json", ".html"),
    "p/space.md": ("/x y/café/", ".html"),
    "p/dots.md": ("/v1.5./q/", ".html"),
}
ORACLE_STYLES = [
    "pretty",
    "date",
    "ordinal",
    "none",
    "weekdate",
    "/:categories/:title/",
    "/:year/:title",
]


def _jekyll_build(source: Path, config: str, files: dict[str, str]) -> set[str]:
    """Build a tiny site with the real Jekyll and return the files it wrote."""
    source.mkdir(parents=True)
    (source / "_config.yml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    site = source.parent / "_site"
    assert JEKYLL is not None
    subprocess.run(
        [JEKYLL, "build", "--quiet", "--disable-disk-cache", "-s", str(source), "-d", str(site)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


@needs_jekyll
@pytest.mark.parametrize("style", ORACLE_STYLES)
def test_page_destinations_match_jekyll(tmp_path: Path, style: str) -> None:
    files = {}
    want = set()
    for path, (permalink, ext) in ORACLE_PAGES.items():
        front = f"permalink: '{permalink}'\n" if permalink else ""
        files[path] = f"---\n{front}---\nx\n"
        url = page_url(path, permalink=permalink, style=style, output_ext=ext)
        want.add(url_to_dest(url, resolve_output_ext(permalink, ext)))
    config = f"permalink: '{style}'\n"
    assert _jekyll_build(tmp_path / "src", config, files) == want


ORACLE_DOCS: list[tuple[str, dict[str, Any]]] = [
    ("_posts/2024-01-02-Hi There.md", {}),
    ("_posts/2024-1-5-short.md", {"categories": ["C Sharp", "News"]}),
    ("_posts/2023-12-31-year-end.md", {"slug": "Custom Slug!"}),
    ("_posts/2024-02-29-leap.md", {"date": datetime(2024, 3, 1, 13, 14, 15, tzinfo=UTC)}),
    (
        "_posts/2024-03-03-perm.md",
        {"permalink": "/:year_:month/:i_day-:y_day/:short_year/:hour:minute:second/"},
    ),
    (
        "_posts/2024-03-04-perm2.md",
        {
            "permalink": "/x/:slugified_categories/:name:output_ext",
            "categories": ["A b", "A B", "Ça"],
        },
    ),
    ("_posts/2024-03-05-ext.md", {"permalink": "/feeds/:title.json"}),
    ("_posts/99-01-02-old.md", {}),
    ("en/_posts/2024-05-06-en-post.md", {"categories": ["en"]}),
    ("_talks/2020/my talk.md", {"date": date(2020, 5, 6)}),
    ("_talks/2021-07-08-dated talk.md", {}),
    ("_talks/alpha.beta.md", {"date": date(2021, 1, 1), "slug": "Über Café"}),
]


@needs_jekyll
@pytest.mark.parametrize("style", ["pretty", "date", "weekdate"])
def test_document_destinations_match_jekyll(tmp_path: Path, style: str) -> None:
    talks = "/:collection/:year/:path/:title:output_ext"
    files = {}
    want = set()
    for path, data in ORACLE_DOCS:
        front = "".join(
            f"{key}: {value!s}\n" if key != "categories" else f"categories: {list(value)}\n"
            for key, value in data.items()
            if key != "categories" or not path.startswith("en/")
        )
        files[path] = f"---\n{front}---\nx\n"
        label = "posts" if "_posts/" in path else "talks"
        url = document_url(
            path,
            collection=label,
            permalink_template=collection_template(
                label, style, talks if label == "talks" else None
            ),
            date=data.get("date"),
            slug=data.get("slug"),
            categories=data.get("categories", []),
            permalink=data.get("permalink"),
        )
        want.add(url_to_dest(url, resolve_output_ext(data.get("permalink")), document=True))
    config = (
        f"timezone: UTC\npermalink: {style}\n"
        f"collections:\n  talks:\n    output: true\n    permalink: {talks}\n"
    )
    assert _jekyll_build(tmp_path / "src", config, files) == want
