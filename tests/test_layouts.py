"""Jekyll's front-matter ``layout`` picks a template of the package's ``templates/`` folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from mkdocs_jekyll.features.layouts import KNOWN_LAYOUTS, is_known_layout, template_for_layout

TEMPLATES = Path(__file__).resolve().parent.parent / "plugins" / "mkdocs_jekyll" / "templates"


@dataclass(frozen=True)
class Case:
    description: str
    layout: str | None
    expected: str | None


LAYOUTS_WITH_TEMPLATE = (
    "archive", "splash", "home", "talk", "posts", "categories", "tags",
    "collection", "search", "default",
)  # fmt: skip

CASES = [
    Case("no layout keeps MkDocs' main.html", None, None),
    Case("single has its own template", "single", "layouts/single.html"),
    Case("surrounding spaces are ignored", " single ", "layouts/single.html"),
    Case("layout none renders without layout", "none", None),
    Case("empty layout renders without layout", "", None),
    *(
        Case(f"{name} has its own template", name, f"layouts/{name}.html")
        for name in LAYOUTS_WITH_TEMPLATE
    ),
    Case("page renders with single", "page", "layouts/single.html"),
    Case("post renders with single", "post", "layouts/single.html"),
    Case("academicpages' cv-layout renders with single", "cv-layout", "layouts/single.html"),
    Case("jekyll-archives' category page is an archive", "category", "layouts/archive.html"),
    Case("jekyll-archives' tag page is an archive", "tag", "layouts/archive.html"),
    Case("archive-taxonomy is an archive", "archive-taxonomy", "layouts/archive.html"),
    Case("compress wraps default", "compress", "layouts/default.html"),
    Case("unknown layout still renders with single", "my-custom", "layouts/single.html"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_template_for_layout(case: Case) -> None:
    assert template_for_layout(case.layout) == case.expected


def test_every_template_returned_exists_in_the_package() -> None:
    for name in KNOWN_LAYOUTS:
        template = template_for_layout(name)
        assert template is not None
        assert (TEMPLATES / template).is_file(), template


@pytest.mark.parametrize(
    ("layout", "known"),
    [("single", True), ("talk", True), ("archive-taxonomy", True), ("none", True),
     ("singel", False), ("Single", False)],
)  # fmt: skip
def test_is_known_layout(layout: str, known: bool) -> None:
    assert is_known_layout(layout) is known
