"""Drafts: ``_drafts/`` (per locale too) built as posts with ``show_drafts``, never without.

Given a site with posts and drafts in its locale folders, when it is built with
``show_drafts: true`` (Jekyll's ``show_drafts``, ``jekyll build --drafts``), then each draft
is a post dated at its file's modification time (``Document#date``) unless its front matter
or file name gives a date, titled and slugged from its file name, with ``page.draft`` true,
at the posts' permalink in its own locale, paired with its translations, in the sitemap and
the search index. Without the option no draft is written anywhere. The URLs, dates and
``site.posts`` order are recorded from Jekyll 4.3.1 (``post_reader.rb read_drafts``,
``document.rb``), and re-checked against the real Jekyll when it is installed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_incremental_serve import (
    _assert_same_as_full_build,
    _edit,
    _rebuild_logged,
    _serving,
)

from sitebuild import JEKYLL, build_project, html, jekyll_build, write_files

MTIME = dt.datetime(2024, 3, 4, 5, 6, 7, tzinfo=dt.UTC).timestamp()
"""The drafts' modification time: it dates the undated ones."""

LISTING = (
    "---\n---\n{% for p in site.posts %}{{ p.url }}|{{ p.date | date: '%Y-%m-%d %H:%M:%S %z' }}"
    "|{{ p.draft }}|{{ p.title }}|{{ p.slug }}|{{ p.categories | join: ',' }}|{{ p.id }}"
    "|{{ p.collection }}|{{ p.relative_path }}\n{% endfor %}"
)
"""``posts.html``: every post as ``site.posts`` lists it, the same source for both builds."""

SOURCES = {
    "en/_posts/2024-01-02-first.md": "---\ntitle: First\ni18n_key: first\n---\nFirst post\n",
    "en/_drafts/my-idea.md": "---\ni18n_key: idea\n---\nDRAFT-EN idea\n",
    "en/_drafts/dated-idea.md": (
        "---\ntitle: Dated idea\ndate: 2023-12-25 10:00:00 +0000\n---\nDRAFT-DATED\n"
    ),
    "en/_drafts/2024-02-03-named.md": "---\n---\nDRAFT-NAMED\n",
    "es-419/_drafts/mi-idea.md": "---\ni18n_key: idea\n---\nDRAFT-ES idea\n",
    "posts.html": LISTING,
}
"""Files below Jekyll's source folder and below ``docs/``."""

MTIMES = {
    path: MTIME
    for path in (
        "en/_drafts/my-idea.md",
        "en/_drafts/2024-02-03-named.md",
        "es-419/_drafts/mi-idea.md",
    )
}

JEKYLL_POSTS = [
    "/es-419/2024/03/04/mi-idea.html|2024-03-04 05:06:07 +0000|true|Mi Idea|mi-idea|es-419"
    "|/es-419/2024/03/04/mi-idea|posts|es-419/_drafts/mi-idea.md",
    "/en/2024/03/04/my-idea.html|2024-03-04 05:06:07 +0000|true|My Idea|my-idea|en"
    "|/en/2024/03/04/my-idea|posts|en/_drafts/my-idea.md",
    "/en/2024/02/03/named.html|2024-02-03 00:00:00 +0000|true|Named|named|en"
    "|/en/2024/02/03/named|posts|en/_drafts/2024-02-03-named.md",
    "/en/2024/01/02/first.html|2024-01-02 00:00:00 +0000|false|First|first|en"
    "|/en/2024/01/02/first|posts|en/_posts/2024-01-02-first.md",
    "/en/2023/12/25/dated-idea.html|2023-12-25 10:00:00 +0000|true|Dated idea|dated-idea|en"
    "|/en/2023/12/25/dated-idea|posts|en/_drafts/dated-idea.md",
]
"""``posts.html`` as ``jekyll build --drafts`` (4.3.1, ``timezone: UTC``) writes it: the
undated drafts at their modification time, ``2024-02-03-named`` at its name's date (which
``populate_title`` reads before any modification time), ``dated-idea`` at its front matter's."""

JEKYLL_DRAFT_OUTPUTS = {
    "es-419/2024/03/04/mi-idea.html",
    "en/2024/03/04/my-idea.html",
    "en/2024/02/03/named.html",
    "en/2023/12/25/dated-idea.html",
}
"""The drafts' output files in Jekyll's ``_site``."""

LANGUAGES = [
    {"locale": "en", "name": "English", "default": True},
    {"locale": "es-419", "name": "Español"},
]

HOMES = {
    "en/index.md": "---\ntitle: Home\n---\n# Home\n",
    "es-419/index.md": "---\ntitle: Inicio\n---\n# Inicio\n",
}
"""The locale homes MkDocs needs (Jekyll's build does without)."""


def _build(
    root: Path,
    *,
    sources: Mapping[str, str] = SOURCES,
    mtimes: Mapping[str, float] = MTIMES,
    strict: bool = False,
    **jekyll: Any,
) -> Path:
    """Build ``sources`` (below ``docs/``) with two locales, the drafts at ``mtimes``."""
    _write_project(root, sources=sources, mtimes=mtimes, **jekyll)
    return build_project(root, strict=strict)


def _write_project(
    root: Path,
    *,
    sources: Mapping[str, str] = SOURCES,
    mtimes: Mapping[str, float] = MTIMES,
    **jekyll: Any,
) -> None:
    """Write the project of ``_build``."""
    write_files(root, {f"docs/{path}": text for path, text in {**HOMES, **sources}.items()})
    for path, when in mtimes.items():
        if path in sources:
            os.utime(root / "docs" / path, (when, when))
    config = {
        "site_name": "Drafts",
        "site_url": "https://example.com/",
        "theme": {"name": "material"},
        "plugins": [
            "search",
            {"jekyll/i18n": {"languages": LANGUAGES}},
            {"jekyll": {"permalink": "date", "timezone": "UTC", **jekyll}},
        ],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _files(site: Path) -> Iterator[str]:
    return (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-locale site built with ``show_drafts: true`` (strict: no warning)."""
    return _build(tmp_path_factory.mktemp("drafted"), show_drafts=True, strict=True)


# -- Jekyll's behaviour ----------------------------------------------------------------------


def test_drafts_are_posts_with_jekylls_urls_dates_and_order(drafted: Path) -> None:
    assert _lines(drafted / "posts.html") == JEKYLL_POSTS


def test_each_draft_is_written_at_its_url(drafted: Path) -> None:
    assert JEKYLL_DRAFT_OUTPUTS <= set(_files(drafted))
    page = html(drafted / "en/2024/03/04/my-idea.html")
    assert "DRAFT-EN idea" in page.get_text()
    assert page.html is not None and page.html["lang"] == "en"
    spanish = html(drafted / "es-419/2024/03/04/mi-idea.html")
    assert "DRAFT-ES idea" in spanish.get_text()
    assert spanish.html is not None and spanish.html["lang"] == "es-419"


@pytest.mark.skipif(JEKYLL is None, reason="needs the real jekyll")
def test_the_recorded_values_are_what_jekyll_builds_with_drafts(tmp_path: Path) -> None:
    site, _ = jekyll_build(
        tmp_path / "src", SOURCES, "timezone: UTC\n", args=["--drafts"], mtimes=MTIMES
    )
    assert _lines(site / "posts.html") == JEKYLL_POSTS
    written = {path for path in _files(site) if "idea" in path or "named" in path}
    assert written == JEKYLL_DRAFT_OUTPUTS


@pytest.mark.skipif(JEKYLL is None, reason="needs the real jekyll")
def test_without_drafts_jekyll_writes_none(tmp_path: Path) -> None:
    sources = {**SOURCES, "es-419/_drafts/figura.svg": "<svg>DRAFT-FIGURE</svg>\n"}
    site, _ = jekyll_build(tmp_path / "src", sources, "timezone: UTC\n", mtimes=MTIMES)
    assert _lines(site / "posts.html") == [JEKYLL_POSTS[3]]
    assert [path for path in _files(site) if "idea" in path or "_drafts" in path] == []


def test_without_show_drafts_no_draft_output_exists(tmp_path: Path) -> None:
    # Nothing of `_drafts/` is read, so a draft's image is not copied either.
    sources = {**SOURCES, "es-419/_drafts/figura.svg": "<svg>DRAFT-FIGURE</svg>\n"}
    site = _build(tmp_path, sources=sources, strict=True)
    assert _lines(site / "posts.html") == [JEKYLL_POSTS[3]]
    leaked = [
        path
        for path in _files(site)
        if "idea" in path
        or "named" in path
        or "_drafts" in path
        or "DRAFT-" in (site / path).read_bytes().decode("utf-8", "replace")
    ]
    assert leaked == []


ZONED_MTIME = dt.datetime(2024, 3, 4, 3, 0, 0, tzinfo=dt.UTC).timestamp()
"""03:00 UTC: still the 3rd of March in Bogotá (22:00, UTC-5)."""

ZONED_POST = (
    "/en/2024/03/03/my-idea.html|2024-03-03 22:00:00 -0500|true|My Idea|my-idea|en"
    "|/en/2024/03/03/my-idea|posts|en/_drafts/my-idea.md"
)
"""The draft in ``posts.html`` from Jekyll 4.3.1 with ``timezone: America/Bogota``."""


def test_a_drafts_modification_time_is_read_in_the_sites_zone(tmp_path: Path) -> None:
    sources = {"en/_drafts/my-idea.md": SOURCES["en/_drafts/my-idea.md"], "posts.html": LISTING}
    mtimes = {"en/_drafts/my-idea.md": ZONED_MTIME}
    site = _build(
        tmp_path, sources=sources, mtimes=mtimes, show_drafts=True, timezone="America/Bogota"
    )
    assert _lines(site / "posts.html") == [ZONED_POST]
    assert (site / "en/2024/03/03/my-idea.html").is_file()
    if JEKYLL is not None:
        jekyll_site, _ = jekyll_build(
            tmp_path / "src",
            sources,
            "timezone: America/Bogota\n",
            args=["--drafts"],
            mtimes=mtimes,
        )
        assert _lines(jekyll_site / "posts.html") == [ZONED_POST]


def test_drafts_take_the_posts_defaults_and_their_front_matter_wins(tmp_path: Path) -> None:
    # Jekyll 4.3: a draft's defaults `type` is `posts` (Document#type is its collection's
    # label); a `drafts` scope matches nothing. Front matter `draft: false` does not stick:
    # Document#draft? (`data["draft"] ||= ...`) sets it back to true when #date calls it.
    sources = {
        "en/_drafts/my-idea.md": "---\ndraft: false\n---\nDRAFT-EN\n",
        "posts.html": "---\n---\n{% for p in site.posts %}{{ p.tag }}|{{ p.shelf }}|"
        "{{ p.draft }}{% endfor %}\n",
    }
    defaults = [
        {"scope": {"type": "posts"}, "values": {"tag": "from-posts"}},
        {"scope": {"type": "drafts"}, "values": {"shelf": "from-drafts"}},
    ]
    site = _build(tmp_path, sources=sources, show_drafts=True, defaults=defaults)
    assert _lines(site / "posts.html") == ["from-posts||true"]


# -- languages, sitemap, search --------------------------------------------------------------


def test_translated_drafts_are_paired_in_the_switcher_and_head(drafted: Path) -> None:
    links = html(drafted / "en/2024/03/04/my-idea.html").select(
        "head link[rel=alternate][hreflang]:not([type])"
    )
    assert {link["hreflang"]: link["href"] for link in links} == {
        "en": "https://example.com/en/2024/03/04/my-idea.html",
        "es-419": "https://example.com/es-419/2024/03/04/mi-idea.html",
        "x-default": "https://example.com/en/2024/03/04/my-idea.html",
    }
    switcher = html(drafted / "es-419/2024/03/04/mi-idea.html").select("a.md-select__link")
    assert {a["hreflang"]: a["href"] for a in switcher} == {
        "en": "/en/2024/03/04/my-idea.html",
        "es-419": "/es-419/2024/03/04/mi-idea.html",
    }


def test_drafts_are_in_the_sitemap_and_their_locales_search(drafted: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(drafted / "sitemap.xml").getroot()
    locs = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    assert {f"https://example.com/{path}" for path in JEKYLL_DRAFT_OUTPUTS} <= locs
    english = json.loads((drafted / "en/search/search_index.json").read_text("utf-8"))
    spanish = json.loads((drafted / "es-419/search/search_index.json").read_text("utf-8"))
    assert any("DRAFT-EN" in entry["text"] for entry in english["docs"])
    assert not any("DRAFT-ES" in entry["text"] for entry in english["docs"])
    assert any("DRAFT-ES" in entry["text"] for entry in spanish["docs"])


# -- mkdocs serve ----------------------------------------------------------------------------


def test_saving_an_undated_draft_rebuilds_the_site_and_moves_it_to_its_new_date(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # `jekyll serve --drafts` regenerates the whole site, so a saved draft takes its new
    # modification time as its date; here too, while a dated draft is rebuilt alone.
    project = tmp_path / "project"
    _write_project(project, show_drafts=True)
    with _serving(project, tmp_path / "served") as session:
        draft = project / "docs/en/_drafts/my-idea.md"
        draft.write_text(SOURCES["en/_drafts/my-idea.md"].replace("idea", "edited"), "utf-8")
        next_day = MTIME + 86400
        os.utime(draft, (next_day, next_day))
        assert _rebuild_logged(session, caplog) == (
            "Rebuilding the whole site: 'en/_drafts/my-idea.md' is a draft dated by its "
            "file's modification time."
        )
        served = set(_files(session.site_dir))
        assert "en/2024/03/05/my-idea.html" in served
        assert "en/2024/03/04/my-idea.html" not in served
        _edit(project, "docs/en/_drafts/dated-idea.md", "DRAFT-DATED", "DRAFT-DATED-two")
        # The locale's archives list it (its excerpt): the whole site, too.
        assert _rebuild_logged(session, caplog) == (
            "Rebuilding the whole site: 'en/_drafts/dated-idea.md' is a post its locale's "
            "archive pages list."
        )
        page = session.site_dir / "en/2023/12/25/dated-idea.html"
        assert "DRAFT-DATED-two" in page.read_text("utf-8")
        _assert_same_as_full_build(session, tmp_path)
