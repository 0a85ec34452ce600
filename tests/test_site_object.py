"""The ``site`` object and every document's ``page`` keys, as Jekyll 4.3 builds them.

Given a Jekyll-style site (posts with and without separators, a collection, pages, static
files, a page printing ``site.*`` as JSON), when the plugin builds it, then the parsed JSON
equals what the real Jekyll 4.3.1 printed for the same files. ``EXPECTED`` was recorded from
a real ``jekyll build`` (Debian's jekyll 4.3.1, ``permalink: pretty``) of ``FILES``;
``test_jekyll_still_prints_the_expected_values`` re-runs Jekyll so the table cannot drift.
HTML is compared with whitespace between tags removed (kramdown and Python-Markdown space
blocks differently); ``lang`` and ``locale``, which the plugin adds, are not compared.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sitebuild import JEKYLL, BuildSite, jekyll_build

# Every `jsonify` escapes "</" so a page's raw content cannot close the <script> early.
_J = '| jsonify | replace: "</", "<\\/" }}'

DUMP = (
    "---\ntitle: Dump\n---\n"
    '<script type="application/json" id="dump">\n'
    '{"pages": {{ site.pages ' + _J + ",\n"
    '"html_pages": {{ site.html_pages | map: "path" ' + _J + ",\n"
    '"static": {{ site.static_files ' + _J + ",\n"
    '"collections": [{% for c in site.collections %}{"label": {{ c.label ' + _J + ", "
    '"docs": {{ c.docs | map: "path" ' + _J + ', "files": {{ c.files | map: "path" ' + _J + ", "
    '"output": {{ c.output ' + _J + ', "relative_directory": {{ c.relative_directory ' + _J + "}"
    "{% unless forloop.last %},{% endunless %}{% endfor %}],\n"
    '"documents": {{ site.documents | map: "path" ' + _J + ",\n"
    '"related": {{ site.related_posts ' + _J + ",\n"
    '"time": {{ site.time ' + _J + ",\n"
    '"posts": {{ site.posts ' + _J + ",\n"
    '"talks": {{ site.talks ' + _J + "\n}\n</script>\n"
)

RELATED = (
    "---\ntitle: Related\n---\nRelated post.\n\n"
    '<script type="application/json" id="dump">\n'
    '{"related": {{ site.related_posts | map: "path" ' + _J + ", "
    '"previous": {{ page.previous.path ' + _J + ', "next": {{ page.next.path ' + _J + ", "
    '"keys": {{ page | jsonify | replace: "</", "<\\/" }}}\n</script>\n'
)

FILES = {
    "_posts/2024-01-02-hello.md": (
        "---\ntitle: Hello\ntags: [a, b]\n---\n"
        "First [link][1] and {{ page.title }} and *em*.\n\nSecond paragraph.\n\n"
        "[1]: https://example.com/\n[2]: https://other.example/\n"
    ),
    "_posts/2023-05-06-older.md": (
        "---\ntitle: Older\nexcerpt_separator: <!--more-->\ncategories: x\n---\n"
        "One\n\nTwo <!--more--> three\n"
    ),
    "_posts/2022-01-01-fm.md": '---\ntitle: FM\nexcerpt: "Given *here*"\n---\nBody\n',
    "_posts/2021-01-01-related.md": RELATED,
    "_talks/b.md": "---\ntitle: B talk\n---\nTalk B\n",
    "_talks/a.md": "---\ntitle: A talk\n---\nTalk A\n\nmore\n",
    "about.md": "---\ntitle: About\n---\nAbout para\n\nsecond\n",
    "sub/page.md": "---\ntitle: Sub\n---\nsub\n",
    "assets/x.css": "body{}",
    "sub/file.txt": "data",
    "dump.md": DUMP,
    "zz.md": "---\ntitle: ZZ\n---\nzz\n",
}

JEKYLL_CONFIG = "permalink: pretty\ncollections:\n  talks:\n    output: true\n"

RELATED_URL = "2021/01/01/related/index.html"

# Recorded from `jekyll build` (4.3.1) of FILES with JEKYLL_CONFIG, through `summary`.
# Note what it shows: `site.pages` by file name; a page's `content` is HTML for the pages
# rendered before the listing (about.md) and the source for those after it (sub/page.md,
# zz.md); posts' and talks' `content` and `excerpt` are HTML (documents render first);
# a page's `excerpt` is nil; front matter `excerpt` is printed as written; the excerpt keeps
# the reference-style link whose definition follows it.
EXPECTED: dict[str, Any] = {
    "pages": [
        {
            "path": "about.md",
            "url": "/about/",
            "dir": "/about/",
            "name": "about.md",
            "title": "About",
            "excerpt": None,
            "content": "<p>About para</p><p>second</p>",
        },
        {
            "path": "dump.md",
            "url": "/dump/",
            "dir": "/dump/",
            "name": "dump.md",
            "title": "Dump",
            "excerpt": None,
            "content": "<raw>",
        },
        {
            "path": "sub/page.md",
            "url": "/sub/page/",
            "dir": "/sub/page/",
            "name": "page.md",
            "title": "Sub",
            "excerpt": None,
            "content": "sub",
        },
        {
            "path": "zz.md",
            "url": "/zz/",
            "dir": "/zz/",
            "name": "zz.md",
            "title": "ZZ",
            "excerpt": None,
            "content": "zz",
        },
    ],
    "html_pages": ["about.md", "dump.md", "sub/page.md", "zz.md"],
    "static": [
        {
            "name": "x.css",
            "basename": "x",
            "extname": ".css",
            "path": "/assets/x.css",
            "collection": None,
        },
        {
            "name": "file.txt",
            "basename": "file",
            "extname": ".txt",
            "path": "/sub/file.txt",
            "collection": None,
        },
    ],
    "collections": [
        {
            "docs": [
                "_posts/2021-01-01-related.md",
                "_posts/2022-01-01-fm.md",
                "_posts/2023-05-06-older.md",
                "_posts/2024-01-02-hello.md",
            ],
            "files": [],
            "label": "posts",
            "output": True,
            "relative_directory": "_posts",
        },
        {
            "docs": ["_talks/a.md", "_talks/b.md"],
            "files": [],
            "label": "talks",
            "output": True,
            "relative_directory": "_talks",
        },
    ],
    "documents": [
        "_posts/2021-01-01-related.md",
        "_posts/2022-01-01-fm.md",
        "_posts/2023-05-06-older.md",
        "_posts/2024-01-02-hello.md",
        "_talks/a.md",
        "_talks/b.md",
    ],
    "related": None,
    "posts": [
        {
            "name": "2024-01-02-hello.md",
            "id": "/2024/01/02/hello",
            "relative_path": "_posts/2024-01-02-hello.md",
            "path": "_posts/2024-01-02-hello.md",
            "url": "/2024/01/02/hello/",
            "slug": "hello",
            "ext": ".md",
            "title": "Hello",
            "categories": [],
            "tags": ["a", "b"],
            "collection": "posts",
            "draft": False,
            "excerpt": '<p>First <a href="https://example.com/">link</a> and Hello and '
            "<em>em</em>.</p>",
            "content": '<p>First <a href="https://example.com/">link</a> and Hello and '
            "<em>em</em>.</p><p>Second paragraph.</p>",
            "output": '<p>First <a href="https://example.com/">link</a> and Hello and '
            "<em>em</em>.</p><p>Second paragraph.</p>",
            "date": "2024-01-02 00:00:00 +0000",
            "previous": "_posts/2023-05-06-older.md",
            "next": None,
        },
        {
            "name": "2023-05-06-older.md",
            "id": "/x/2023/05/06/older",
            "relative_path": "_posts/2023-05-06-older.md",
            "path": "_posts/2023-05-06-older.md",
            "url": "/x/2023/05/06/older/",
            "slug": "older",
            "ext": ".md",
            "title": "Older",
            "categories": ["x"],
            "tags": [],
            "collection": "posts",
            "draft": False,
            "excerpt": "<p>One</p><p>Two</p>",
            "content": "<p>One</p><p>Two <!--more--> three</p>",
            "output": "<p>One</p><p>Two <!--more--> three</p>",
            "date": "2023-05-06 00:00:00 +0000",
            "previous": "_posts/2022-01-01-fm.md",
            "next": "_posts/2024-01-02-hello.md",
        },
        {
            "name": "2022-01-01-fm.md",
            "id": "/2022/01/01/fm",
            "relative_path": "_posts/2022-01-01-fm.md",
            "path": "_posts/2022-01-01-fm.md",
            "url": "/2022/01/01/fm/",
            "slug": "fm",
            "ext": ".md",
            "title": "FM",
            "categories": [],
            "tags": [],
            "collection": "posts",
            "draft": False,
            "excerpt": "Given *here*",
            "content": "<p>Body</p>",
            "output": "<p>Body</p>",
            "date": "2022-01-01 00:00:00 +0000",
            "previous": "_posts/2021-01-01-related.md",
            "next": "_posts/2023-05-06-older.md",
        },
    ],
    "talks": [
        {
            "name": "a.md",
            "id": "/talks/a",
            "relative_path": "_talks/a.md",
            "path": "_talks/a.md",
            "url": "/talks/a/",
            "slug": "a",
            "ext": ".md",
            "title": "A talk",
            "categories": [],
            "tags": [],
            "collection": "talks",
            "draft": False,
            "excerpt": "<p>Talk A</p>",
            "content": "<p>Talk A</p><p>more</p>",
            "output": "<p>Talk A</p><p>more</p>",
            "previous": None,
            "next": "_talks/b.md",
        },
        {
            "name": "b.md",
            "id": "/talks/b",
            "relative_path": "_talks/b.md",
            "path": "_talks/b.md",
            "url": "/talks/b/",
            "slug": "b",
            "ext": ".md",
            "title": "B talk",
            "categories": [],
            "tags": [],
            "collection": "talks",
            "draft": False,
            "excerpt": "<p>Talk B</p>",
            "content": "<p>Talk B</p>",
            "output": "<p>Talk B</p>",
            "previous": "_talks/a.md",
            "next": None,
        },
    ],
}

# Recorded likewise from the related post's own page.
EXPECTED_RELATED = {
    "related": [
        "_posts/2024-01-02-hello.md",
        "_posts/2023-05-06-older.md",
        "_posts/2022-01-01-fm.md",
    ],
    "previous": None,
    "next": "_posts/2022-01-01-fm.md",
    "keys": [
        "categories",
        "collection",
        "content",
        "date",
        "draft",
        "excerpt",
        "ext",
        "id",
        "name",
        "next",
        "output",
        "path",
        "previous",
        "relative_path",
        "slug",
        "tags",
        "title",
        "url",
    ],
}

_DOC_KEYS = (
    "name",
    "id",
    "relative_path",
    "path",
    "url",
    "slug",
    "ext",
    "title",
    "categories",
    "tags",
    "collection",
    "draft",
    "excerpt",
    "content",
    "output",
)
_OURS = ("lang", "locale")


def _html(value: Any) -> Any:
    """HTML without the whitespace between tags and before ``</p>``."""
    if not isinstance(value, str):
        return value
    value = re.sub(r">\s+<", "><", value)
    return re.sub(r"\s+</p>", "</p>", value).strip()


def _doc(item: dict[str, Any], *, dated: bool = True) -> dict[str, Any]:
    out = {key: _html(item.get(key)) for key in _DOC_KEYS}
    if dated:
        out["date"] = item.get("date")
    out["previous"] = item["previous"]["path"] if item.get("previous") else None
    out["next"] = item["next"]["path"] if item.get("next") else None
    return out


def summary(dump: dict[str, Any]) -> dict[str, Any]:
    """The compared part of the dump (undated talks are dated at build time: left out)."""
    page_keys = ("path", "url", "dir", "name", "title", "excerpt", "content")
    return {
        "pages": [
            {
                key: "<raw>"
                if page["path"] == "dump.md" and key == "content"
                else _html(page.get(key))
                for key in page_keys
            }
            for page in dump["pages"]
        ],
        "html_pages": dump["html_pages"],
        "static": [
            {key: item[key] for key in ("name", "basename", "extname", "path", "collection")}
            for item in dump["static"]
        ],
        "collections": dump["collections"],
        "documents": dump["documents"],
        "related": dump["related"],
        "posts": [_doc(p) for p in dump["posts"] if p["path"] != "_posts/2021-01-01-related.md"],
        "talks": [_doc(p, dated=False) for p in dump["talks"]],
    }


def _dump(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="dump">\s*(.*?)</script>', text, re.S)
    assert match is not None, path
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def _related(dump: dict[str, Any]) -> dict[str, Any]:
    keys = sorted(key for key in dump["keys"] if key not in _OURS)
    return {**dump, "keys": keys}


def _ours(build_site: BuildSite) -> Path:
    files = {f"docs/{path}": text for path, text in FILES.items()}
    return build_site(
        files=files,
        strict=True,
        plugins=[{"jekyll": {"collections": {"talks": {"output": True}}}}],
    )


_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4}$")


def test_given_a_jekyll_site_then_site_and_page_keys_match_jekyll(build_site: BuildSite) -> None:
    site = _ours(build_site)
    dump = _dump(site / "dump/index.html")
    assert summary(dump) == EXPECTED
    assert _TIME.match(dump["time"])
    assert all(_TIME.match(item["modified_time"]) for item in dump["static"])
    assert all(talk["date"] == dump["time"] for talk in dump["talks"])
    assert _related(_dump(site / RELATED_URL)) == EXPECTED_RELATED


def test_given_a_page_then_its_keys_are_pages_not_documents(build_site: BuildSite) -> None:
    dump = _dump(_ours(build_site) / "dump/index.html")
    about = dump["pages"][0]
    assert set(about) - set(_OURS) == {"title", "content", "dir", "excerpt", "name", "path", "url"}


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_jekyll_still_prints_the_expected_values(tmp_path: Path) -> None:
    site, _ = jekyll_build(tmp_path / "src", FILES, JEKYLL_CONFIG)
    dump = _dump(site / "dump/index.html")
    assert summary(dump) == EXPECTED
    assert _related(_dump(site / RELATED_URL)) == EXPECTED_RELATED
