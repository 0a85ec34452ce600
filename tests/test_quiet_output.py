"""A clean build says little, and nothing that reads like trouble.

Given a two-locale site (en, es-419) without mistakes, when it is built, then no record
mentions lunr (static-i18n's "Language 'es-419' is not supported by lunr.js" was untrue:
search gets Spanish stemming through ``es``), the search index is configured for both
languages, and our plugin's own INFO output is the one-line translation summary.
"""

from __future__ import annotations

import json
import logging

import pytest

from sitebuild import BuildSite, two_locale_plugins

FILES = {
    "docs/en/index.md": "---\ntitle: Home\ni18n_key: home\n---\nHome\n",
    "docs/es-419/index.md": "---\ntitle: Inicio\ni18n_key: home\n---\nInicio\n",
}


def test_clean_two_locale_build_is_quiet(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        site = build_site(FILES, strict=True, plugins=two_locale_plugins())
    infos = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert [line for line in infos if "lunr" in line] == []
    assert [line for line in infos if line.startswith("mkdocs_jekyll:")] == [
        "mkdocs_jekyll: Translations: en 1 page (0 missing), es-419 1 page (0 missing)"
    ]
    debug = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert not any("no stemmer" in line for line in debug)  # es-419 has one: es
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en", "es"]


def test_a_locale_without_a_stemmer_is_noted_at_debug_only(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    plugins = [
        "search",
        {
            "jekyll/i18n": {
                "languages": [
                    {"locale": "en", "name": "English", "default": True},
                    {"locale": "pl", "name": "Polski"},
                ]
            }
        },
        {"jekyll": {}},
    ]
    files = {"docs/en/index.md": "# Home\n", "docs/pl/index.md": "# Strona\n"}
    with caplog.at_level(logging.DEBUG):
        build_site(files, strict=True, plugins=plugins)
    lunr = [
        (r.levelno, r.getMessage())
        for r in caplog.records
        if "lunr" in r.getMessage()
        and "Copying" not in r.getMessage()
        and "Already copied" not in r.getMessage()  # lunr's files (``static_copies``)
    ]
    assert lunr == [
        (
            logging.DEBUG,
            "mkdocs_jekyll: search: lunr.js has no stemmer for 'pl'; its pages use English",
        )
    ]
