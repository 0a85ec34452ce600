"""static-i18n's search dedupe is skipped only where it would remove nothing.

Given the merged search entries, when every entry's location is in a locale folder, then the
dedupe is not run (it removes nothing there); when one is outside them, or static-i18n's
dedupe is not the code mirrored, it runs. What it removes is upstream's answer either way
(``test_i18n``'s property test compares the plugin's dedupe with upstream's).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from mkdocs_jekyll.mkdocs import search_dedupe

LOCALES = ["en", "es-419", "pt-br"]


@dataclass(frozen=True)
class Case:
    description: str
    locations: list[str]
    removes_nothing: bool


CASES = [
    Case("no entry", [], True),
    Case("every entry in a locale folder", ["en/", "en/a/#x", "pt-br/a/", "es-419/"], True),
    Case("an entry of the default locale outside them", ["en/a/", "a/"], False),
    Case("a folder that only starts like a locale", ["en/a/", "english/a/"], False),
    Case("a locale without its slash", ["en"], False),
]


def _entries(locations: list[str]) -> list[dict[str, Any]]:
    return [{"location": location, "title": "T", "text": ""} for location in locations]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.description)
def test_the_dedupe_is_skipped_only_when_every_entry_is_in_a_locale_folder(case: Case) -> None:
    assert search_dedupe.removes_nothing(_entries(case.locations), LOCALES) is case.removes_nothing


@pytest.fixture
def fresh_check() -> Iterator[None]:
    """``mirrored`` reads static-i18n's code anew in the test, and again after it."""
    search_dedupe.mirrored.cache_clear()
    yield
    search_dedupe.mirrored.cache_clear()


def test_the_installed_dedupe_is_the_one_mirrored(fresh_check: None) -> None:
    assert search_dedupe.mirrored()


def test_the_plugin_skips_the_dedupe_over_the_mirrored_code(
    monkeypatch: pytest.MonkeyPatch, fresh_check: None
) -> None:
    from mkdocs_static_i18n.plugin import I18n

    assert search_dedupe.mirrored()  # (kept: the count below wraps upstream's code)
    upstream = I18n.reconfigure_search_duplicates
    calls: list[list[Any]] = []

    def counting(self: Any, search_index_entries: list[Any]) -> None:
        calls.append(search_index_entries)
        upstream(self, search_index_entries)

    monkeypatch.setattr(I18n, "reconfigure_search_duplicates", counting)
    plugin = _plugin()
    plugin.reconfigure_search_duplicates(_entries(["en/", "pt-br/a/"]))
    assert calls == []
    plugin.reconfigure_search_duplicates(_entries(["en/", "a/"]))
    assert len(calls) == 1


def test_another_dedupe_runs_even_when_every_entry_is_in_a_locale_folder(
    monkeypatch: pytest.MonkeyPatch, fresh_check: None
) -> None:
    from mkdocs_static_i18n.plugin import I18n

    calls: list[list[Any]] = []

    def other(self: Any, search_index_entries: list[Any]) -> None:
        calls.append(search_index_entries)

    monkeypatch.setattr(I18n, "reconfigure_search_duplicates", other)
    assert not search_dedupe.mirrored()
    entries = _entries(["en/", "pt-br/a/"])
    assert not search_dedupe.removes_nothing(entries, LOCALES)
    _plugin().reconfigure_search_duplicates(entries)
    assert len(calls) == 1


def _plugin() -> Any:
    """The ``jekyll/i18n`` plugin with the three locales built."""
    from types import SimpleNamespace

    from mkdocs_jekyll.mkdocs.i18n_plugin import JekyllI18nPlugin

    plugin = JekyllI18nPlugin()
    plugin.config = SimpleNamespace(
        languages=[SimpleNamespace(locale=code, build=True) for code in LOCALES]
    )
    return plugin
