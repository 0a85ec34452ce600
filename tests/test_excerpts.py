"""Excerpts as Jekyll 4.3 makes them (``excerpt.rb``), and where the theme shows them.

``EXPECTED_LISTING`` was recorded from a real ``jekyll build`` (Debian's jekyll 4.3.1,
``permalink: pretty``) of ``FILES``; ``test_jekyll_still_makes_the_expected_excerpts``
re-runs Jekyll so the table cannot drift. HTML is compared with the whitespace between tags
removed, and without the class Jekyll's Rouge adds to inline code.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from mkdocs_jekyll.jekyll.excerpts import excerpt_separator, extract_excerpt
from sitebuild import JEKYLL, BuildSite, html, jekyll_build, strict_abort, warning_lines


@dataclass(frozen=True)
class Case:
    description: str
    content: str
    separator: str
    expected: str
    closed: list[str] = field(default_factory=list)


CASES = [
    Case("first paragraph", "One.\n\nTwo.\n", "\n\n", "One."),
    Case("no separator: everything", "Only one.\n", "\n\n", "Only one.\n"),
    Case("custom separator", "A\n\nB <!--more--> C", "<!--more-->", "A\n\nB "),
    Case(
        "used reference definitions are appended",
        "See [x][1].\n\nMore.\n\n[1]: https://a.example/\n[2]: https://b.example/\n",
        "\n\n",
        "See [x][1].\n\n[1]: https://a.example/",
    ),
    Case(
        "indented definitions count (unindented), deeper ones do not",
        "[a][1] [b][2]\n\n   [1]: /one\n    [2]: /two\n",
        "\n\n",
        "[a][1] [b][2]\n\n[1]: /one",
    ),
    Case(
        "an open block is closed",
        "{% if x %}A\n\nB{% endif %}",
        "\n\n",
        "{% if x %}A\n{% endif %}",
        ["if"],
    ),
    Case(
        "a closed block is left alone",
        "{% if x %}A{% endif %}\n\nB",
        "\n\n",
        "{% if x %}A{% endif %}",
    ),
    Case(
        "inner blocks close first, each name once",
        "{% for a in b %}{% if a %}{% if c %}x\n\ny{% endif %}{% endif %}{% endfor %}",
        "\n\n",
        "{% for a in b %}{% if a %}{% if c %}x\n{% endif %}\n{% endfor %}",
        ["if", "for"],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.description for case in CASES])
def test_extract_excerpt(case: Case) -> None:
    closed: list[str] = []
    assert extract_excerpt(case.content, case.separator, on_closed=closed.extend) == case.expected
    assert closed == case.closed


def test_the_document_separator_wins_over_the_site_one() -> None:
    assert excerpt_separator({"excerpt_separator": "<!--x-->"}, {"excerpt_separator": "~"}) == (
        "<!--x-->"
    )
    assert excerpt_separator({}, {"excerpt_separator": "~"}) == "~"
    assert excerpt_separator({}, {}) == "\n\n"


FILES = {
    "_posts/2024-01-03-links.md": (
        "---\ntitle: Links\n---\n"
        "See [the docs](https://example.com/docs) and [a ref][ref] in {{ page.title }}.\n\n"
        'More text.\n\n[ref]: https://example.com/ref "Ref title"\n'
        "[unused]: https://example.com/unused\n"
    ),
    "_posts/2024-01-02-sep.md": (
        "---\ntitle: Sep\nexcerpt_separator: <!--more-->\n---\n"
        "First *para*.\n\nSecond para <!--more--> hidden\n"
    ),
    "_posts/2024-01-01-given.md": "---\ntitle: Given\nexcerpt: Written by hand\n---\nBody text.\n",
    "_posts/2023-12-31-nosep.md": "---\ntitle: Nosep\n---\nOnly one paragraph with `code`.\n",
    "blog.md": (
        '---\ntitle: Blog\n---\n<div id="list">\n{% for post in site.posts %}'
        '<div class="item" data-path="{{ post.path }}">{{ post.excerpt }}</div>\n'
        "{% endfor %}</div>\n"
    ),
}

# Recorded from `jekyll build` (4.3.1) of FILES: each post's `excerpt` in the listing.
EXPECTED_LISTING = {
    "_posts/2024-01-03-links.md": (
        '<p>See <a href="https://example.com/docs">the docs</a> and '
        '<a href="https://example.com/ref" title="Ref title">a ref</a> in Links.</p>'
    ),
    "_posts/2024-01-02-sep.md": "<p>First <em>para</em>.</p><p>Second para</p>",
    "_posts/2024-01-01-given.md": "Written by hand",
    "_posts/2023-12-31-nosep.md": "<p>Only one paragraph with <code>code</code>.</p>",
}


def _normal(text: str) -> str:
    text = text.replace(' class="language-plaintext highlighter-rouge"', "")
    text = re.sub(r">\s+<", "><", text)
    return re.sub(r"\s+</p>", "</p>", text).strip()


def _listing(page: Path) -> dict[str, str]:
    items = html(page).select("#list .item")
    return {str(item["data-path"]): _normal(item.decode_contents()) for item in items}


def test_given_posts_when_a_page_lists_excerpts_then_they_match_jekyll(
    build_site: BuildSite,
) -> None:
    site = build_site(files={f"docs/{k}": v for k, v in FILES.items()}, strict=True)
    assert _listing(site / "blog/index.html") == EXPECTED_LISTING


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_jekyll_still_makes_the_expected_excerpts(tmp_path: Path) -> None:
    site, _ = jekyll_build(tmp_path / "src", FILES, "permalink: pretty\n")
    assert _listing(site / "blog/index.html") == EXPECTED_LISTING


def test_given_a_home_layout_then_archive_items_show_the_excerpt_as_text(
    build_site: BuildSite,
) -> None:
    files = {f"docs/{k}": v for k, v in FILES.items() if k != "blog.md"}
    files["docs/index.md"] = "---\nlayout: home\ntitle: Home\n---\n"
    site = build_site(files=files, strict=True)
    items = html(site / "index.html").select(".archive__item")
    texts = {
        item.select_one(".archive__item-title").get_text(strip=True): (
            item.select_one(".archive__item-excerpt").get_text(strip=True)
        )
        for item in items
    }
    assert texts == {
        "Links": "See the docs and a ref in Links.",
        "Sep": "First para. Second para",
        "Given": "Written by hand",
        "Nosep": "Only one paragraph with code.",
    }


def test_given_no_description_then_seo_describes_the_post_by_its_excerpt(
    build_site: BuildSite,
) -> None:
    site = build_site(files={f"docs/{k}": v for k, v in FILES.items()}, strict=True)
    page = html(site / "2024/01/03/links/index.html")
    og = page.select_one('meta[property="og:description"]')
    assert og is not None
    assert og["content"] == "See the docs and a ref in Links."


def test_given_a_liquid_block_across_the_separator_then_a_warning_names_the_file(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    files = {
        "docs/_posts/2024-01-01-block.md": (
            "---\ntitle: Block\n---\n{% if true %}Shown\n\nAlso{% endif %}\n"
        ),
        "docs/blog.md": "<div id='x'>{{ site.posts[0].excerpt }}</div>\n",
    }
    message = (
        "mkdocs_jekyll: _posts/2024-01-01-block.md: the excerpt ends inside a Liquid block, "
        "closed with '{% endif %}'. Give the document an 'excerpt' or an 'excerpt_separator' "
        "in its front matter if the excerpt is wrong."
    )
    with caplog.at_level(logging.WARNING):
        site = build_site(files=files)
    assert warning_lines(caplog) == [message]
    node = html(site / "blog/index.html").select_one("#x")
    assert node is not None
    assert _normal(node.decode_contents()) == "<p>Shown</p>"
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(1)):
        build_site(files=files, strict=True)
    assert warning_lines(caplog) == [message]
