"""Properties that hold for every input, checked with Hypothesis.

Permalinks, the URL filters, front matter defaults and translation groups are each tested on
tables of Jekyll's own cases elsewhere; here random inputs look for the case nobody wrote.
``HYPOTHESIS_PROFILE=long`` runs 10,000 examples per property (see ``conftest.py``).
"""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st
from markupsafe import Markup

from mkdocs_jekyll.i18n.translations import Translations
from mkdocs_jekyll.jekyll import urls
from mkdocs_jekyll.jekyll.defaults import FrontMatterDefaults
from mkdocs_jekyll.jekyll.documents import Document
from mkdocs_jekyll.jekyll.permalinks import STYLES, clean_url, expand, page_url
from mkdocs_jekyll.jekyll.urls import compute_absolute_url, compute_relative_url, normalize_url

# Text that looks like a URL path: slashes, dots, percent signs, placeholders' colons,
# spaces and non-ASCII letters are where cleaning and escaping go wrong.
URL_CHARS = st.sampled_from([*"/.:%-_~ ?#&=+a0Zé", "..", "./", "//", "%2e", "%2F", "ü", "\\"])
URLISH = st.lists(URL_CHARS, max_size=25).map("".join)
SEGMENT = st.text(alphabet="abcxyz019-_.é ", min_size=1, max_size=8)
PLACEHOLDERS = ["path", "basename", "output_ext", "title", "year", "categories"]


def _is_clean(url: str) -> bool:
    return url.startswith("/") and "//" not in url and ".." not in url


# -- permalinks --------------------------------------------------------------------------------


@given(URLISH)
def test_clean_url_gives_a_clean_url_that_cleaning_keeps(url: str) -> None:
    cleaned = clean_url(url)
    assert _is_clean(cleaned)
    assert clean_url(cleaned) == cleaned


@given(
    st.lists(st.one_of(URL_CHARS, st.sampled_from([f":{p}" for p in PLACEHOLDERS])), max_size=12),
    st.dictionaries(st.sampled_from(PLACEHOLDERS), st.none() | URLISH),
)
def test_a_template_filled_with_any_values_is_clean(
    pieces: list[str], values: dict[str, str | None]
) -> None:
    url = expand("".join(pieces), values)
    assert _is_clean(url)
    assert clean_url(url) == url


@given(
    st.lists(SEGMENT, min_size=1, max_size=4),
    st.sampled_from([*STYLES, "/:path/:basename/", "/x/:basename:output_ext"]),
    st.sampled_from([".md", ".html", ".xml", ".markdown"]),
)
def test_a_page_url_is_clean_whatever_the_file_name_and_style(
    parts: list[str], style: str, ext: str
) -> None:
    assume(all(part not in {".", ".."} for part in parts))
    output_ext = ".xml" if ext == ".xml" else ".html"
    url = page_url("/".join(parts) + ext, permalink=None, style=style, output_ext=output_ext)
    assert _is_clean(url)
    assert clean_url(url) == url


# -- relative_url / absolute_url ---------------------------------------------------------------

# url_filters.rb joins the base path and the input, so relative_url is not idempotent (a
# second call prefixes the base path again). What holds: the base path is never dropped from
# a path, no "//" is introduced, a URL with a scheme is left alone, and normalising twice
# changes nothing.
BASEURLS = st.sampled_from(["", "/", "/repo", "/repo/", "/a/b", "/café", "/r%20x"])
PATHS = st.lists(
    st.sampled_from([*"/abcé-_~ ", "x", "en", "cv", "index.html", "%41", "%2F", "?q=1", "#h"]),
    max_size=12,
).map("".join)


def _base_path(baseurl: str) -> str:
    return normalize_url("/" + baseurl.strip("/")) if baseurl.strip("/") else ""


@given(PATHS, BASEURLS)
def test_relative_url_keeps_the_base_path_and_adds_no_double_slash(path: str, baseurl: str) -> None:
    url = compute_relative_url(path, baseurl)
    base = _base_path(baseurl)
    if path or base:
        assert url.startswith(base + "/") or url == base
    head = url.split("?")[0].split("#")[0]
    if "//" not in path:
        assert "//" not in head


@given(PATHS, BASEURLS)
def test_relative_url_of_its_own_output_prefixes_the_base_path_once_more(
    path: str, baseurl: str
) -> None:
    once = compute_relative_url("/" + path, baseurl)
    assert compute_relative_url(once, baseurl) == _base_path(baseurl) + once


@given(st.sampled_from(["http", "https", "HTTPS", "mailto", "ftp", "x-y.z"]), PATHS, BASEURLS)
def test_relative_url_leaves_a_url_with_a_scheme_alone(
    scheme: str, rest: str, baseurl: str
) -> None:
    url = f"{scheme}://example.com/{rest}"
    assert compute_relative_url(url, baseurl) == url


SITE_URLS = st.sampled_from(["", "https://Example.COM", "http://example.com:80", "https://h.io"])


@given(PATHS, SITE_URLS, BASEURLS)
def test_absolute_url_memoised_is_the_url_computed_afresh(
    path: str, site_url: str, baseurl: str
) -> None:
    """The memo keys on every argument: the same inputs, the same URL; others, theirs."""
    first = compute_absolute_url(path, site_url, baseurl)
    other = compute_absolute_url(path, "https://other.example", baseurl)
    assert first == compute_absolute_url(path, site_url, baseurl)
    assert first == urls._absolute_url(path, site_url, baseurl)
    assert other == urls._absolute_url(path, "https://other.example", baseurl)


def test_absolute_url_of_markup_with_a_scheme_comes_back_as_markup() -> None:
    url = Markup("https://example.com/a/")
    for _ in range(2):
        assert type(compute_absolute_url(url, "https://h.io", "/repo")) is Markup


@given(PATHS)
def test_normalising_a_url_twice_changes_nothing(path: str) -> None:
    for url in (path, f"https://Example.COM:443/{path}"):
        once = normalize_url(url)
        assert normalize_url(once) == once


# -- front matter defaults ---------------------------------------------------------------------

DOC_PATHS = ["en/sub/x.md", "en/y.md", "es/z.md", "x.md", "_posts/2024-01-01-p.md"]
TYPES = ["pages", "posts"]
# Scope paths that match some of DOC_PATHS, each of a different length.
SCOPE_PATHS = ["", "e", "en", "en/", "en/s", "en/sub", "en/sub/x.md"]
VALUE = st.one_of(
    st.integers(0, 3),
    st.sampled_from(["a", "b"]),
    st.dictionaries(st.sampled_from(["p", "q"]), st.integers(0, 3), max_size=2),
)
VALUES = st.dictionaries(st.sampled_from(["k1", "k2", "k3", "h"]), VALUE, max_size=3)


@st.composite
def distinct_rank_sets(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Defaults sets whose (path length, typed) ranks all differ.

    Jekyll's ``has_precedence?`` lets the later of two sets of equal rank win, so only sets
    of distinct ranks may be given in any order with the same result.
    """
    ranks = draw(
        st.lists(
            st.tuples(st.sampled_from(SCOPE_PATHS), st.sampled_from([None, *TYPES])),
            unique_by=lambda rank: (len(rank[0]), rank[1] is not None),
            max_size=8,
        )
    )
    sets = []
    for path, type_ in ranks:
        scope: dict[str, str] = {"path": path}
        if type_ is not None:
            scope["type"] = type_
        sets.append({"scope": scope, "values": draw(VALUES)})
    return sets


@given(distinct_rank_sets(), st.randoms(use_true_random=False))
def test_defaults_of_distinct_ranks_do_not_depend_on_their_order(
    sets: list[dict[str, Any]], rnd: Any
) -> None:
    shuffled = list(sets)
    rnd.shuffle(shuffled)
    first, second = FrontMatterDefaults(sets), FrontMatterDefaults(shuffled)
    for path, type_ in itertools.product(DOC_PATHS, TYPES):
        assert first.all(path, type_) == second.all(path, type_)
        for key in ("k1", "k2", "k3", "h"):
            assert first.find(path, type_, key) == second.find(path, type_, key)


@given(distinct_rank_sets(), VALUES)
def test_front_matter_beats_every_default(sets: list[dict[str, Any]], own: dict[str, Any]) -> None:
    defaults = FrontMatterDefaults(sets)
    for path, type_ in itertools.product(DOC_PATHS, TYPES):
        merged = defaults.apply(own, path, type_)
        for key, value in own.items():
            if not isinstance(value, dict):
                assert merged[key] == value
            elif isinstance(merged[key], dict):
                assert merged[key].items() >= value.items()


# -- translation groups ------------------------------------------------------------------------

LOCALES = ("en", "es-419", "pt-br")


@st.composite
def sites(draw: st.DrawFn) -> list[Document]:
    """Pages of three locales, paired by ``i18n_key`` or ``ref``, some in no group.

    A locale comes from the folder, or from ``lang`` for a page outside the locale folders;
    each key names at most one page per locale (else the build stops, as tested elsewhere).
    """
    docs = []
    used: set[tuple[str, str]] = set()
    for index in range(draw(st.integers(0, 10))):
        locale = draw(st.sampled_from(LOCALES))
        key = draw(st.sampled_from(["a", "b", "c", None]))
        if key is not None and (locale, key) in used:
            key = None
        data: dict[str, Any] = {}
        if key is not None:
            used.add((locale, key))
            data[draw(st.sampled_from(["i18n_key", "ref"]))] = key
        in_folder = draw(st.booleans())
        if not in_folder:
            data["lang"] = draw(st.sampled_from([locale, locale.upper(), locale.replace("-", "_")]))
        folder = locale if in_folder else "shared"
        url = f"/{folder}/p{index}/"
        docs.append(
            Document(
                src_path=f"{folder}/p{index}.md",
                abs_path=f"/docs/{folder}/p{index}.md",
                data=data,
                body="",
                line_offset=0,
                url=url,
                dest=url.strip("/") + "/index.html",
                locale=locale if in_folder else None,
            )
        )
    return docs


@given(sites())
def test_every_member_of_a_group_lists_every_member_including_itself(docs: list[Document]) -> None:
    homes = {locale: f"/{locale}/" for locale in LOCALES}
    index = Translations(docs, LOCALES, homes)
    for doc in docs:
        group = index.translations(doc)
        assert doc in group.values()
        for member in group.values():
            assert index.translations(member) == group
        switcher = index.switcher(doc)
        assert [entry.locale for entry in switcher] == list(LOCALES)
        assert {entry.url for entry in switcher if entry.translated} == {
            member.url for member in group.values()
        }
        alternates = index.head_alternates(doc)
        assert {url for lang, url in alternates if lang != "x-default"} == {
            member.url for member in group.values()
        }
        assert [lang for lang, _ in alternates].count("x-default") == 1
