"""The pages the plugin writes itself come from templates a site can override.

Given a site with ``overrides/jekyll/<name>.html`` (the landing page, the root 404, the
redirect stub, the serve error box), when it is built, then that page is the site's version,
rendered with the same variables as the package's template; without one, the package's.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_jekyll.features.landing import LocaleHome
from mkdocs_jekyll.features.page_templates import render_error_box, script_json
from mkdocs_jekyll.features.redirects import render_stub
from sitebuild import (
    THREE_LOCALES,
    BuildSite,
    html,
    strict_abort,
    warning_lines,
    write_files,
)

LOCALE_FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Home\n",
    "docs/en/cv.md": "---\ni18n_key: cv\nredirect_from: /old-cv/\n---\n# CV\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/pt-br/index.md": "---\ni18n_key: home\n---\n# Início\n",
}


def _plugins(**jekyll: Any) -> list[Any]:
    return ["search", {"jekyll/i18n": {"languages": THREE_LOCALES}}, {"jekyll": jekyll}]


def _build(build_site: BuildSite, overrides: dict[str, str] | None, **config: Any) -> Path:
    """Build the three-locale site; ``overrides`` (None: no ``custom_dir``) below overrides/."""
    files = {**LOCALE_FILES, **{f"overrides/{k}": v for k, v in (overrides or {}).items()}}
    theme: dict[str, Any] = {"name": "material"}
    if overrides is not None:
        theme["custom_dir"] = "overrides"
    return build_site(files=files, theme=theme, site_url="https://example.com/repo/", **config)


# -- a site's override wins -----------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    description: str
    template: str
    """The override's path below overrides/."""
    text: str
    """The override's source."""
    expected: dict[str, str]
    """Output file -> its exact text."""
    jekyll: dict[str, Any] = field(default_factory=dict)


CASES = [
    Case(
        "landing page",
        "jekyll/landing.html",
        "<!-- {{ title }} -->{% for home in homes %} {{ home.locale }}={{ home.path }}"
        "{% endfor %} {{ detect_data.site }}\n",
        {
            "index.html": "<!-- Ana & Co --> en=/repo/en/ es-419=/repo/es-419/ pt-br=/repo/pt-br/"
            " /repo/\n"
        },
    ),
    Case(
        "redirect stubs: redirect_from and the root with i18n_root: redirect",
        "jekyll/redirect.html",
        "GO {{ to }} {{ canonical }} {{ lang }} {{ root }}\n",
        {
            "index.html": "GO /repo/en/ https://example.com/repo/en/ en True\n",
            "old-cv/index.html": "GO https://example.com/repo/en/cv/ "
            "https://example.com/repo/en/cv/ en False\n",
        },
        {"i18n_root": "redirect"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_an_override_in_the_site_replaces_the_packages_page(
    build_site: BuildSite, case: Case
) -> None:
    site = _build(
        build_site,
        {case.template: case.text},
        site_name="Ana & Co",
        plugins=_plugins(**case.jekyll),
        strict=True,
    )
    assert {name: (site / name).read_text("utf-8") for name in case.expected} == case.expected


def test_a_root_404_override_decorates_the_default_locales_404(build_site: BuildSite) -> None:
    override = (
        '{{ page_head }}<meta name="x-mine" content="1">{{ page_body }}'
        '<p id="mine">{{ targets | jekyll_script_json }}</p>{{ page_end }}'
    )
    site = _build(build_site, {"jekyll/404-root.html": override}, plugins=_plugins(), strict=True)
    page = html(site / "404.html")
    mine = page.select_one("article p#mine")  # at the end of Material's article
    assert mine is not None
    assert mine.get_text() == (
        '{"/repo/es-419/": "/repo/es-419/404.html", "/repo/pt-br/": "/repo/pt-br/404.html"}'
    )
    assert page.select_one("head meta[name=x-mine]") is not None
    assert page.html is not None and page.html["lang"] == "en"  # still the en 404 page
    assert page.select("nav.mkdocs-jekyll-locales") == []


def test_without_overrides_the_root_pages_are_the_packages(build_site: BuildSite) -> None:
    site = _build(build_site, None, plugins=_plugins(), strict=True)
    assert html(site / "index.html").select("ul.mkdocs-jekyll-locales li") != []
    assert html(site / "404.html").select("nav.mkdocs-jekyll-locales li") != []
    old = html(site / "old-cv/index.html").select_one("meta[http-equiv=refresh]")
    assert old is not None and old["content"] == "0; url=https://example.com/repo/en/cv/"


# -- the serve error box --------------------------------------------------------------------


def _serve_build(root: Path, files: dict[str, str]) -> Path:
    write_files(root, files)
    settings = {
        "site_name": "Serve",
        "site_url": "https://example.com/",
        "theme": {"name": "material", "custom_dir": "overrides"},
        "plugins": [{"jekyll": {}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        config = load_config(str(root / "mkdocs.yml"))
        config.plugins.on_startup(command="serve", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
    return Path(config.site_dir)


def test_under_serve_an_error_box_override_shows_the_error(tmp_path: Path) -> None:
    files = {
        "docs/index.md": "HOME\n",
        "docs/bad.md": "Before {% if x %}\n",
        "_data/broken.yml": "a: [\n",
        "overrides/jekyll/error-box.html": '<div class="my-error">{{ message | e }}</div>\n',
    }
    site = _serve_build(tmp_path / "project", files)
    page = html(site / "bad/index.html")
    boxes = [box.get_text() for box in page.select("article .my-error")]
    assert len(boxes) == 2  # the data file's, atop every page, then the page's own
    assert boxes[0].startswith("_data/broken.yml:")
    assert boxes[1].startswith("bad.md:1:")
    assert page.select(".jekyll-error") == []
    home = html(site / "index.html")
    assert [box.get_text() for box in home.select("article .my-error")] == boxes[:1]


# -- a linked override is not read ----------------------------------------------------------


def test_an_override_linked_from_outside_the_project_is_skipped_with_a_warning(
    build_site: BuildSite, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    outside = tmp_path / "outside.html"
    outside.write_text("SECRET {{ title }}\n", encoding="utf-8")
    link = tmp_path / "project/overrides/jekyll/landing.html"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    with caplog.at_level(logging.WARNING):
        site = _build(build_site, {}, plugins=_plugins())
    assert "SECRET" not in (site / "index.html").read_text("utf-8")
    assert html(site / "index.html").select("ul.mkdocs-jekyll-locales li") != []
    warnings = warning_lines(caplog)
    assert len(warnings) == 1 and "overrides/jekyll/landing.html" in warnings[0], warnings
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(1)):
        _build(build_site, {}, plugins=_plugins(), strict=True)
    assert warning_lines(caplog) == warnings


# -- the default templates, without a build -------------------------------------------------


@dataclass(frozen=True)
class RenderCase:
    description: str
    render: Callable[[], str]
    expected: str


HOMES = [LocaleHome("en", "English", "/en/", "https://x.org/en/")]

RENDERS = [
    RenderCase(
        "a redirect target closing the script stays JSON inside it",
        lambda: render_stub("/a</script>", lang="en"),
        '<script>location="/a\\u003c/script>"</script>',
    ),
    RenderCase(
        "the root redirect is marked and leaves the history alone",
        lambda: render_stub("/en/", lang="en", canonical="https://x.org/en/", root=True),
        '<meta name="generator" content="mkdocs-jekyll">',
    ),
    RenderCase(
        "the error box escapes the message",
        lambda: render_error_box("a.md:1: <b> & 'x'"),
        "<pre>a.md:1: &lt;b&gt; &amp; &#39;x&#39;</pre>\n</div>\n",
    ),
]


@pytest.mark.parametrize("case", RENDERS, ids=lambda case: case.description)
def test_default_templates_render_without_a_theme(case: RenderCase) -> None:
    assert case.expected in case.render()


def test_script_json_keeps_every_less_than_sign_out_of_the_script() -> None:
    assert str(script_json({"b": "</script>", "a": "é"})) == ('{"a": "é", "b": "\\u003c/script>"}')
