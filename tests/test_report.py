"""The translation report: one INFO line per build, DEBUG details, an optional JSON file.

Given a three-locale site where some pages are not translated yet, when it is built (also with
``--strict``), then the build passes and says how many pages each locale has and how many keys
it lacks; with ``i18n_report_file`` the same report is written as JSON inside the site.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from sitebuild import CONFIG_ERROR, THREE_LOCALES, BuildSite, error_lines

LANGUAGES = THREE_LOCALES

FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Home\n",
    "docs/en/impact.md": "---\ni18n_key: impact\n---\n# Impact\n",
    "docs/en/cv.md": "---\nref: cv\n---\n# CV\n",
    "docs/en/only-english.md": "---\ni18n_key: lonely\n---\n# Only English\n",
    "docs/en/notes.md": "# Notes without a key\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/impacto.md": "---\ni18n_key: impact\n---\n# Impacto\n",
    "docs/es-419/cv.md": "---\nref: cv\n---\n# CV ES\n",
    "docs/pt-br/index.md": "---\ni18n_key: home\n---\n# Início\n",
    "docs/pt-br/impacto.md": "---\ni18n_key: impact\npermalink: /pt-br/resultados/\n---\n# R\n",
}

SUMMARY = (
    "mkdocs_jekyll: Translations: en 5 pages (0 missing), es-419 3 pages (1 missing), "
    "pt-br 2 pages (2 missing)"
)


def _plugins(**jekyll: Any) -> list[Any]:
    return ["search", {"jekyll/i18n": {"languages": LANGUAGES}}, {"jekyll": jekyll}]


def _records(caplog: pytest.LogCaptureFixture, name: str, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == name and r.levelno == level]


def test_a_build_ends_with_one_info_line_per_build(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        build_site(files=FILES, plugins=_plugins())
    name = "mkdocs.plugins.mkdocs_jekyll.i18n.report"
    assert _records(caplog, name, logging.INFO) == [SUMMARY]
    assert _records(caplog, name, logging.DEBUG) == [
        "mkdocs_jekyll: es-419 has no translation of: 'lonely'",
        "mkdocs_jekyll: pt-br has no translation of: 'cv', 'lonely'",
    ]


def test_an_untranslated_page_passes_a_strict_build(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        site = build_site(files=FILES, plugins=_plugins(), strict=True)
    assert (site / "en/only-english/index.html").is_file()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_the_json_report_lists_pages_missing_keys_and_pairs(build_site: BuildSite) -> None:
    site = build_site(
        files=FILES,
        plugins=_plugins(i18n_report_file="reports/i18n.json"),
        strict=True,
    )
    report = json.loads((site / "reports/i18n.json").read_text(encoding="utf-8"))
    assert report == {
        "locales": {
            "en": {"pages": 5, "missing": []},
            "es-419": {"pages": 3, "missing": ["lonely"]},
            "pt-br": {"pages": 2, "missing": ["cv", "lonely"]},
        },
        "pairs": {
            "cv": {"en": "/en/cv/", "es-419": "/es-419/cv/"},
            "home": {"en": "/en/", "es-419": "/es-419/", "pt-br": "/pt-br/"},
            "impact": {
                "en": "/en/impact/",
                "es-419": "/es-419/impacto/",
                "pt-br": "/pt-br/resultados/",
            },
            "lonely": {"en": "/en/only-english/"},
        },
    }


@pytest.mark.parametrize("path", ["../i18n.json", "/tmp/i18n.json", "a/../../b.json", "."])
def test_a_report_path_leaving_the_site_is_refused(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, path: str
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=CONFIG_ERROR):
        build_site(files=FILES, plugins=_plugins(i18n_report_file=path))
    assert error_lines(caplog) == [
        "Config value 'plugins': Plugin 'jekyll' option 'i18n_report_file': Expected a path "
        f"inside the site folder such as 'i18n-report.json', received '{path}'."
    ]


def test_a_single_locale_site_logs_no_translation_summary(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        build_site(files={"docs/index.md": "# Home\n"})
    assert _records(caplog, "mkdocs.plugins.mkdocs_jekyll.i18n.report", logging.INFO) == []
