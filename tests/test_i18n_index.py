"""The translation index on its own (no MkDocs): keys, locales, alternates."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_jekyll.i18n.translations import Translations, base_language, bcp47
from mkdocs_jekyll.jekyll.documents import Document
from mkdocs_jekyll.jekyll.errors import ContentError

LOCALES = ("en", "es-419", "pt-br")
HOMES = {"en": "/en/", "es-419": "/es-419/", "pt-br": "/pt-br/"}


def doc(path: str, url: str, locale: str | None, **data: object) -> Document:
    return Document(
        src_path=path,
        abs_path="/x/" + path,
        data=data,
        body="",
        line_offset=0,
        url=url,
        dest=url.strip("/") + "/index.html",
        locale=locale,
    )


@dataclass(frozen=True)
class Case:
    description: str
    locale: str
    expected: str


@pytest.mark.parametrize(
    "case",
    [
        Case("plain language", "en", "en"),
        Case("numeric region", "es-419", "es-419"),
        Case("lower-case region", "pt-br", "pt-BR"),
        Case("underscore", "pt_BR", "pt-BR"),
        Case("script", "zh-hant", "zh-Hant"),
        Case("script and region", "sr_latn_rs", "sr-Latn-RS"),
    ],
    ids=lambda case: case.description,
)
def test_bcp47(case: Case) -> None:
    assert bcp47(case.locale) == case.expected


def test_base_language() -> None:
    assert [base_language(code) for code in ("es-419", "pt_BR", "en")] == ["es", "pt", "en"]


def test_ref_pairs_when_i18n_key_is_absent_and_i18n_key_wins() -> None:
    docs = [
        doc("en/a.md", "/en/a/", "en", ref="a"),
        doc("es-419/a.md", "/es-419/a/", "es-419", ref="a"),
        doc("pt-br/a.md", "/pt-br/a/", "pt-br", ref="other", i18n_key="a"),
    ]
    index = Translations(docs, LOCALES, HOMES)
    assert list(index.translations(docs[0])) == ["en", "es-419", "pt-br"]


def test_a_page_outside_locale_folders_joins_by_its_lang() -> None:
    docs = [
        doc("en/a.md", "/en/a/", "en", i18n_key="a"),
        doc("b.md", "/b/", None, lang="es-419", i18n_key="a"),
    ]
    index = Translations(docs, LOCALES, HOMES)
    assert index.head_alternates(docs[1]) == [
        ("en", "/en/a/"),
        ("es-419", "/b/"),
        ("x-default", "/en/a/"),
    ]


def test_x_default_is_the_root_when_the_default_locale_lacks_the_page() -> None:
    docs = [doc("es-419/a.md", "/es-419/a/", "es-419", i18n_key="a")]
    index = Translations(docs, LOCALES, HOMES)
    assert index.head_alternates(docs[0], root_url="/") == [
        ("es-419", "/es-419/a/"),
        ("x-default", "/"),
    ]


def test_missing_lists_keys_per_locale() -> None:
    docs = [
        doc("en/a.md", "/en/a/", "en", i18n_key="a"),
        doc("es-419/b.md", "/es-419/b/", "es-419", i18n_key="b"),
    ]
    assert Translations(docs, LOCALES, HOMES).missing() == {
        "en": ["b"],
        "es-419": ["a"],
        "pt-br": ["a", "b"],
    }


def test_duplicate_key_in_one_locale_names_both_files() -> None:
    docs = [
        doc("en/a.md", "/en/a/", "en", i18n_key="k"),
        doc("en/b.md", "/en/b/", "en", i18n_key="k"),
    ]
    with pytest.raises(ContentError) as info:
        Translations(docs, LOCALES, HOMES)
    assert str(info.value) == (
        "en/b.md: i18n_key 'k' is also used by 'en/a.md' in locale 'en'; each key may name one "
        "page per locale. Give one of them another key."
    )


@given(st.lists(st.tuples(st.sampled_from(LOCALES), st.sampled_from("abc")), unique=True))
def test_every_member_of_a_group_lists_every_alternate_including_itself(
    pages: list[tuple[str, str]],
) -> None:
    docs = [doc(f"{loc}/{key}.md", f"/{loc}/{key}/", loc, i18n_key=key) for loc, key in pages]
    index = Translations(docs, LOCALES, HOMES)
    for item in docs:
        group = {
            other.src_path for other in docs if other.data["i18n_key"] == item.data["i18n_key"]
        }
        assert {d.src_path for d in index.translations(item).values()} == group
        switcher = index.switcher(item)
        assert [entry.locale for entry in switcher] == list(LOCALES)
        assert sum(entry.url == item.url for entry in switcher) == 1
