"""A theme override that extends itself stops the build with a message, not a traceback.

Given ``overrides/main.html`` whose ``{% extends %}`` chain comes back to itself (directly,
through another override, or through one of the package's templates), when the site is
built, then the build stops with one error naming the override, its line and the template
to extend instead, and the previous ``site/`` is left as it was; a chain that ends is built.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

import mkdocs_jekyll
from sitebuild import BuildSite

PAGES = {"docs/index.md": "# Home\n"}
FIX = (
    "so rendering it would never end. A template in the theme's custom_dir replaces the "
    "theme's template of the same name: to build on the package's page template, extend "
    "'jekyll-main.html' (or Material's 'base.html')."
)
PACKAGE_404 = Path(mkdocs_jekyll.__file__).parent / "templates" / "404.html"


@dataclass(frozen=True)
class Case:
    description: str
    overrides: dict[str, str]
    """Files below overrides/."""
    error: str | None
    """The one ERROR record; None: the site builds."""
    pages: dict[str, str] = field(default_factory=lambda: dict(PAGES))


CASES = [
    Case(
        "main.html extending main.html",
        {"main.html": '{# mine #}\n{% extends "main.html" %}\n'},
        f"overrides/main.html:2: '{{% extends \"main.html\" %}}' names this same file, {FIX}",
    ),
    Case(
        "a loop through another override",
        {
            "main.html": '{% extends "layout.html" %}\n',
            "layout.html": '{# the layout #}\n{# of pages #}\n{% extends "main.html" %}\n',
        },
        "overrides/layout.html:3: its 'extends' chain 'layout.html' (overrides/layout.html) -> "
        "'main.html' (overrides/main.html) -> 'layout.html' comes back to it, " + FIX,
    ),
    Case(
        "an override leading into another's loop: the loop's own file is named",
        {
            "about.html": '{% extends "main.html" %}\n',
            "main.html": '{% extends "main.html" %}\n',
        },
        f"overrides/main.html:1: '{{% extends \"main.html\" %}}' names this same file, {FIX}",
    ),
    Case(
        "a loop through the package's 404 page, which extends main.html",
        {"main.html": '{% extends "404.html" %}\n'},
        f"overrides/main.html:1: its 'extends' chain 'main.html' (overrides/main.html) -> "
        f"'404.html' ({PACKAGE_404}) -> 'main.html' comes back to it, " + FIX,
    ),
    Case(
        "a partial extending itself, in a subfolder",
        {
            "main.html": '{% extends "jekyll-main.html" %}\n',
            "partials/footer.html": '{% extends "partials/footer.html" %}\n',
        },
        "overrides/partials/footer.html:1: '{% extends \"partials/footer.html\" %}' names this "
        "same file, " + FIX,
    ),
    Case(
        "chains that end (the package's page template, a variable name, no extends), a dot folder",
        {
            "main.html": '{% extends "jekyll-main.html" %}\n'
            "{% block extrahead %}{{ super() }}<!-- mine -->{% endblock %}\n",
            "partials/copyright.html": "<small>{{ config.site_name }}</small>\n",
            "other.html": "{% extends layout_name %}\n",
            # A dot folder is no theme folder: not walked (nor copied, nor listed).
            ".backup/main.html": '{% extends ".backup/main.html" %}\n',
        },
        None,
    ),
]


def _build(build_site: BuildSite, overrides: dict[str, str], pages: dict[str, str]) -> Path:
    files = {**pages, **{f"overrides/{name}": text for name, text in overrides.items()}}
    return build_site(files=files, theme={"name": "material", "custom_dir": "overrides"})


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_an_extends_loop_stops_the_build_with_the_override_named(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, case: Case
) -> None:
    caplog.set_level(logging.ERROR)
    if case.error is None:
        site = _build(build_site, case.overrides, case.pages)
        assert "<!-- mine -->" in (site / "index.html").read_text(encoding="utf-8")
        assert [r.getMessage() for r in caplog.records] == []
        return
    with pytest.raises(Abort, match=r"^Aborted with a BuildError!$"):
        _build(build_site, case.overrides, case.pages)
    assert [r.getMessage() for r in caplog.records] == [case.error]


def test_the_previous_site_is_left_as_it_was(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    good = {"main.html": '{% extends "jekyll-main.html" %}\n'}
    site = _build(build_site, good, PAGES)
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}

    caplog.set_level(logging.ERROR)
    with pytest.raises(Abort):
        _build(build_site, {"main.html": '{% extends "main.html" %}\n'}, PAGES)

    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(".site.")) == []
