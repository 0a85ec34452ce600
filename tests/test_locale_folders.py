"""A folder that looks like a locale but is not configured as one is reported.

Given a two-locale site (en, es-419) with a ``docs/es-MX/`` folder, when it is built, then
one warning names the folder and how to fix it, and ``--strict`` fails; sections named
like words (``docs/cv/``, ``docs/to-do/``) stay silent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pytest
from mkdocs.exceptions import Abort

from mkdocs_jekyll.i18n.locale_folders import looks_like_locale, unconfigured_locale_folders
from sitebuild import BuildSite, strict_abort, two_locale_plugins, warning_lines


@dataclass(frozen=True)
class Case:
    description: str
    name: str
    expected: bool


CASES = [
    Case("language and region", "es-MX", True),
    Case("underscore and upper case", "pt_BR", True),
    Case("lower-case region", "pt-br", True),
    Case("UN M.49 area", "es-419", True),
    Case("script", "zh-Hant", True),
    Case("bare two letters are a section", "cv", False),
    Case("a word pair", "to-do", False),
    Case("a hyphenated name", "my-site", False),
    Case("an unknown language", "xq-ZZ", False),
    Case("three parts", "en-us-x", False),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.description)
def test_looks_like_locale(case: Case) -> None:
    assert looks_like_locale(case.name) is case.expected


def test_configured_locales_in_any_spelling_are_not_reported() -> None:
    folders = ["es-419", "PT_br", "es-MX", "cv", "de-DE"]
    assert unconfigured_locale_folders(folders, ["en", "es-419", "pt-BR"]) == ["de-DE", "es-MX"]


def test_unconfigured_locale_folder_warns_and_fails_strict(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    files = {
        "docs/en/index.md": "---\ntitle: Home\n---\nHome\n",
        "docs/es-419/index.md": "---\ntitle: Inicio\n---\nInicio\n",
        "docs/es-MX/index.md": "---\ntitle: Inicio MX\n---\nInicio\n",
        "docs/cv/index.md": "---\ntitle: CV\n---\nCV\n",
        "docs/to-do/index.md": "---\ntitle: To do\n---\nTo do\n",
    }
    with caplog.at_level(logging.WARNING):
        build_site(files, plugins=two_locale_plugins())
    assert warning_lines(caplog) == [
        "mkdocs_jekyll: es-MX/: looks like a locale folder, but 'es-MX' is not in "
        "jekyll/i18n's languages, so its pages are built in no locale; add it to languages, "
        "or rename the folder"
    ]
    caplog.clear()
    with pytest.raises(Abort, match=strict_abort(1)):
        build_site(files, strict=True, plugins=two_locale_plugins())
