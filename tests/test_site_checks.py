"""Images and ``relative_url`` links that lead nowhere are reported, once the site is built.

Given a site whose author avatar, page header image, ``og_image`` or a ``relative_url`` link
points at nothing the built site has, when it is built, then one warning names the file
(relative to docs_dir, with the front matter line when known), the value and where the file
should be; a ``--strict`` build fails on it. Targets the site does have (pages, static files,
generated archives and feeds, other locales' pages) are silent, and MkDocs'
``validation.links.not_found`` sets the level of the link check.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from sitebuild import BuildSite, strict_abort, two_locale_plugins, warning_lines

HOMES = {
    "docs/en/index.md": "---\ntitle: Home\n---\nHome\n",
    "docs/es-419/index.md": "---\ntitle: Inicio\n---\nInicio\n",
}
PNG = "not really a PNG, but a file"
PREFIX = "mkdocs_jekyll: "


@dataclass(frozen=True)
class Case:
    description: str
    files: dict[str, str]
    warnings: list[str]
    jekyll: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)


CASES = [
    Case(
        "a bare avatar name is looked for in docs/images/",
        {},
        [
            "mkdocs.yml: author.avatar 'profile.png' is not in the site: add "
            "docs/images/profile.png or fix the path"
        ],
        jekyll={"author": {"name": "Ada", "avatar": "profile.png"}},
    ),
    Case(
        "an avatar that is there is silent (bare name, site path, URL)",
        {"docs/images/profile.png": PNG, "docs/img/me.png": PNG},
        [],
        jekyll={
            "author": {
                "name": "Ada",
                "avatar": {
                    "en": "profile.png",
                    "es-419": "/img/me.png",
                },
            }
        },
    ),
    Case(
        "a per-locale avatar missing in one locale",
        {"docs/images/profile.png": PNG},
        [
            "mkdocs.yml: author.avatar '/img/yo.png' is not in the site: add "
            "docs/img/yo.png or fix the path"
        ],
        jekyll={
            "author": {"name": "Ada", "avatar": {"en": "profile.png", "es-419": "/img/yo.png"}}
        },
    ),
    Case(
        "an external avatar is not checked",
        {},
        [],
        jekyll={"author": {"name": "Ada", "avatar": "https://example.org/me.png"}},
    ),
    Case(
        "page header images, with their front matter line",
        {
            "docs/en/about.md": (
                "---\ntitle: About\nheader:\n  image: /images/banner.png\n"
                "  teaser: images/teaser.png\n  overlay_image: /images/there.png\n"
                "image: {path: /images/card.png}\n---\nText\n"
            ),
            "docs/images/there.png": PNG,
        },
        [
            "en/about.md:3: header.image '/images/banner.png' is not in the site: add "
            "docs/images/banner.png or fix the path",
            "en/about.md:3: header.teaser 'images/teaser.png' is not in the site: add "
            "docs/images/teaser.png or fix the path",
            "en/about.md:7: image.path '/images/card.png' is not in the site: add "
            "docs/images/card.png or fix the path",
        ],
    ),
    Case(
        "pages showing the same missing image each name it, those showing one that is there not",
        {
            "docs/en/a.md": "---\ntitle: A\nheader: {image: /images/gone.png}\n---\nA\n",
            "docs/en/b.md": "---\ntitle: B\nheader: {teaser: /images/gone.png}\n---\nB\n",
            "docs/es-419/c.md": "---\ntitle: C\nheader: {image: /images/gone.png}\n---\nC\n",
            "docs/es-419/d.md": "---\ntitle: D\nheader: {image: images/there.png}\n---\nD\n",
            "docs/en/e.md": "---\ntitle: E\nheader: {image: /images/there.png}\n---\nE\n",
            "docs/images/there.png": PNG,
        },
        [
            "en/a.md:3: header.image '/images/gone.png' is not in the site: add "
            "docs/images/gone.png or fix the path",
            "en/b.md:3: header.teaser '/images/gone.png' is not in the site: add "
            "docs/images/gone.png or fix the path",
            "es-419/c.md:3: header.image '/images/gone.png' is not in the site: add "
            "docs/images/gone.png or fix the path",
        ],
    ),
    Case(
        "the site's og_image",
        {},
        [
            "mkdocs.yml: seo_og_image '/images/og.png' is not in the site: add "
            "docs/images/og.png or fix the path"
        ],
        jekyll={"seo_og_image": "/images/og.png"},
    ),
    Case(
        "site.og_image",
        {},
        ["mkdocs.yml: site.og_image 'og.png' is not in the site: add docs/og.png or fix the path"],
        jekyll={"site": {"og_image": "og.png"}},
    ),
    Case(
        "relative_url and absolute_url targets that no page or file has",
        {
            "docs/en/links.md": (
                "---\ntitle: Links\n---\n"
                '[cv]({{ "/en/cv/" | relative_url }}) '
                '[cv again]({{ "/en/cv/" | relative_url }}) '
                '[talk]({{ "/talks/one" | absolute_url }}) '
                '[pdf]({{ "/files/cv.pdf" | relative_url }})\n'
            ),
        },
        [
            "en/links.md: relative_url target '/en/cv/' is not a page or file of the site "
            "(MkDocs' validation.links.not_found sets how this is reported)",
            "en/links.md: relative_url target '/talks/one' is not a page or file of the site "
            "(MkDocs' validation.links.not_found sets how this is reported)",
            "en/links.md: relative_url target '/files/cv.pdf' is not a page or file of the "
            "site (MkDocs' validation.links.not_found sets how this is reported)",
        ],
    ),
    Case(
        "pages linking to the same targets: each page's missing ones, in page order",
        {
            "docs/en/b.md": (
                "---\ntitle: B\nheader: {overlay_color: '#333'}\n---\n"
                '[gone]({{ "/gone/" | relative_url }}) [a]({{ "/en/a/" | relative_url }})\n'
            ),
            "docs/en/a.md": (
                "---\ntitle: A\nimage: {alt: x}\n---\n"
                '[a]({{ "/en/a/" | relative_url }}) [gone]({{ "/gone/" | relative_url }}) '
                '[gone too]({{ "gone" | relative_url }})\n'
            ),
        },
        [
            "en/a.md: relative_url target '/gone/' is not a page or file of the site "
            "(MkDocs' validation.links.not_found sets how this is reported)",
            "en/a.md: relative_url target 'gone' is not a page or file of the site "
            "(MkDocs' validation.links.not_found sets how this is reported)",
            "en/b.md: relative_url target '/gone/' is not a page or file of the site "
            "(MkDocs' validation.links.not_found sets how this is reported)",
        ],
    ),
    Case(
        "targets the site has: pages of both locales, files, generated pages, outside URLs",
        {
            "docs/en/links.md": (
                "---\ntitle: Links\n---\n"
                '[es]({{ "/es-419/" | relative_url }}) '
                '[top]({{ "/en/?tab=1#top" | relative_url }}) '
                '[slashless]({{ "/en/links" | relative_url }}) '
                '[pdf]({{ "files/cv.pdf" | relative_url }}) '
                '[feed]({{ "/feed.xml" | absolute_url }}) '
                '[tags]({{ "/en/tags/" | relative_url }}) '
                '[root]({{ "/" | relative_url }}) '
                '[out]({{ "https://example.org/x/" | relative_url }}) '
                "[self]({{ page.url | relative_url }})\n"
            ),
            "docs/en/_posts/2024-01-02-hi.md": "---\ntitle: Hi\ntags: [a]\n---\nHi\n",
            "docs/files/cv.pdf": PNG,
        },
        [],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.description)
def test_missing_targets_warn_and_fail_strict(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, case: Case
) -> None:
    settings = {"plugins": two_locale_plugins(**case.jekyll), **case.config}
    files = {**HOMES, **case.files}
    with caplog.at_level(logging.WARNING):
        build_site(files, **settings)
    assert warning_lines(caplog) == [PREFIX + line for line in case.warnings]
    if case.warnings:
        caplog.clear()
        with pytest.raises(Abort, match=strict_abort(len(case.warnings))):
            build_site(files, strict=True, **settings)


def test_link_check_follows_mkdocs_validation_setting(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    files = {**HOMES, "docs/en/a.md": '---\ntitle: A\n---\n[x]({{ "/en/x/" | relative_url }})\n'}
    with caplog.at_level(logging.INFO):
        build_site(
            files,
            strict=True,
            plugins=two_locale_plugins(),
            validation={"links": {"not_found": "info"}},
        )
    assert warning_lines(caplog) == []
    infos = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    assert (
        "mkdocs_jekyll: en/a.md: relative_url target '/en/x/' is not a page or file of the site "
        "(MkDocs' validation.links.not_found sets how this is reported)"
    ) in infos


def test_single_locale_site_checks_too(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    files = {
        "docs/index.md": '---\ntitle: Home\n---\n[a]({{ "/about/" | relative_url }})\n',
    }
    with caplog.at_level(logging.WARNING):
        build_site(files, plugins=[{"jekyll": {"author": {"name": "A", "avatar": "/me.jpg"}}}])
    assert warning_lines(caplog) == [
        f"{PREFIX}mkdocs.yml: author.avatar '/me.jpg' is not in the site: add docs/me.jpg or "
        "fix the path",
        f"{PREFIX}index.md: relative_url target '/about/' is not a page or file of the site "
        "(MkDocs' validation.links.not_found sets how this is reported)",
    ]
