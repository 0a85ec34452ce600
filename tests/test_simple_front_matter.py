"""Simple front matter (``key: text`` lines) is read without the YAML parser: same data.

``jekyll/yaml.load_simple_mapping`` takes the blocks most pages have and must give exactly
what ``load_yaml`` gives, or hand the block back (None). The table holds the values where
YAML's rules bite (words YAML reads as bools or null, numbers, dates, quotes, comments,
non-ASCII, line breaks other than ``\\n``); a property compares the two on random blocks;
and a site with such front matter builds the same with the fast path on and off.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_jekyll.jekyll import frontmatter
from mkdocs_jekyll.jekyll import yaml as yaml_module
from mkdocs_jekyll.jekyll.yaml import load_simple_mapping, load_yaml
from sitebuild import make_site_builder, site_tree


@dataclass(frozen=True)
class Case:
    """A front matter block and whether the fast path reads it (else it hands it back)."""

    description: str
    source: str
    simple: bool


CASES = [
    Case("quoted and plain text", 'title: "Page 7 (en)"\npermalink: /en/page-7/\n', True),
    Case("the bench's block", 'title: "P"\npermalink: /en/p/\nlang: en\ni18n_key: p-7\n', True),
    Case("single quotes keep backslashes", "title: 'a \\ b'\n", True),
    Case("double quotes with a colon and a hash", 'title: "a: b # c"\n', True),
    Case("non-ASCII in quotes", 'title: "Português — ü ✓ 𝄞"\n', True),
    Case("a later duplicate key wins", "a: x\nb: y\na: z\n", True),
    Case("plain 'y' and 'n' are text in YAML 1.1 as PyYAML reads it", "a: y\nb: n\n", True),
    Case("'yes' is a bool", "draft: yes\n", False),
    Case("'on' is a bool", "a: on\n", False),
    Case("'Null' is null", "a: Null\n", False),
    Case("a number", "order: 3\n", False),
    Case("a float", "weight: 1.5\n", False),
    Case("a sexagesimal int", "a: 1_000\n", False),
    Case("a date", "date: 2024-01-02\n", False),
    Case("a key YAML reads as a bool", "yes: a\n", False),
    Case("a key YAML reads as null", "null: a\n", False),
    Case("an escape in double quotes", 'title: "a\\tb"\n', False),
    Case("a doubled single quote", "title: 'it''s'\n", False),
    Case("a comment line", "# note\ntitle: a\n", False),
    Case("a trailing comment", "title: a # note\n", False),
    Case("a blank line", "title: a\n\nlang: en\n", False),
    Case("a list", "tags:\n- a\n- b\n", False),
    Case("a flow list", "tags: [a, b]\n", False),
    Case("an empty value", "title:\n", False),
    Case("two spaces after the colon", "title:  a\n", False),
    Case("a trailing space", "title: a \n", False),
    Case("a tab", "title:\ta\n", False),
    Case("NEL in quotes", 'title: "a\x85b"\n', False),
    Case("a line separator in quotes", 'title: "a\u2028b"\n', False),
    Case("a byte order mark in quotes", 'title: "a\ufeffb"\n', False),
    Case("a control character in quotes", 'title: "a\x01b"\n', False),
    Case("no final line end", "title: a", False),
    Case("empty", "", False),
    Case("an indented line", " title: a\n", False),
    Case("a merge key", "<<: a\n", False),
    Case("a tag", "title: !!str 3\n", False),
    Case("an anchor", "title: &x a\n", False),
]


@pytest.mark.parametrize("case", CASES, ids=[case.description for case in CASES])
def test_load_simple_mapping(case: Case) -> None:
    fast = load_simple_mapping(case.source)
    assert (fast is not None) == case.simple
    if fast is not None:
        assert fast == load_yaml(case.source)
        assert list(fast) == list(load_yaml(case.source))


# libyaml's printable characters, less tabs, line breaks (NEL, U+2028, U+2029) and the byte
# order mark: what a quoted value of the fast path may hold (but its own quote and, double
# quoted, the backslash).
PRINTABLE = [(0x20, 0x7E), (0xA0, 0x2027), (0x202A, 0xD7FF), (0xE000, 0xFEFE), (0xFF00, 0xFFFD)]
PRINTABLE.append((0x10000, 0x10FFFF))


def _printable(code: int) -> bool:
    return any(low <= code <= high for low, high in PRINTABLE)


# Every range's ends and their neighbours, and the characters the quotes leave out.
EDGES = sorted(
    {code for low, high in PRINTABLE for code in (low - 1, low, high, high + 1)}
    | {0x00, 0x09, 0x0A, 0x0D, ord('"'), ord("'"), ord("\\"), 0x85, 0xFEFF}
)


@pytest.mark.parametrize("quote", ['"', "'"])
def test_quoted_values_hold_exactly_the_printable_characters(quote: str) -> None:
    for code in EDGES:
        if code > 0x10FFFF:
            continue
        char = chr(code)
        takes = _printable(code) and char != quote and not (quote == '"' and char == "\\")
        fast = load_simple_mapping(f"title: {quote}a{char}b{quote}\n")
        assert fast == ({"title": f"a{char}b"} if takes else None), hex(code)


KEYS = st.sampled_from(["title", "a", "yes", "on", "null", "Null", "x_1", "i18n-key", "y", "_"])
VALUES = st.one_of(
    st.text(alphabet="aZ09_./-:# yonNulTrEe", min_size=0, max_size=8),
    st.text(alphabet="aZ09_./-:# yonNulTrEe", max_size=8).map(lambda text: f'"{text}"'),
    st.text(max_size=6).map(lambda text: f'"{text}"'),
    st.text(max_size=6).map(lambda text: f"'{text}'"),
    st.sampled_from(["1", "1.5", ".5", "0x1f", "2024-01-02", "~", "1:20", "+1", "-a", "/a"]),
)
LINES = st.lists(st.tuples(KEYS, st.sampled_from([": ", ":  ", ":"]), VALUES), max_size=5)


@given(LINES)
def test_the_fast_path_gives_what_yaml_gives_or_hands_the_block_back(
    lines: list[tuple[str, str, str]],
) -> None:
    source = "".join(f"{key}{colon}{value}\n" for key, colon, value in lines)
    fast = load_simple_mapping(source)
    if fast is not None:
        loaded = load_yaml(source)
        assert fast == loaded and list(fast) == list(loaded)


@given(st.lists(VALUES, max_size=6))
def test_plain_values_are_judged_alike_from_memory(values: list[str]) -> None:
    """``_is_text`` remembers its answers: a value asked again gets the resolver's answer."""
    for value in [*values, *values]:
        assert yaml_module._is_text(value) == yaml_module._is_text.__wrapped__(value)


FILES = {
    "docs/index.md": '---\ntitle: "Home: start"\nlang: en\n---\n{{ page.title }} {{ page.lang }}\n',
    "docs/a.md": "---\ntitle: 'A \\ b'\npermalink: /a-page/\nlayout: single\n---\n{{ page.url }}\n",
    "docs/b.md": "---\ntitle: B\nnav_order: 2\npublished: yes\n---\n{{ page.nav_order }}\n",
    "docs/c.md": '---\ntitle: "Cé ✓"\ntitle: Second\n---\n{{ page.title }}\n',
    "docs/d.md": "---\n# comment\ntitle: D\ndate: 2024-01-02\n---\n{{ page.date }}\n",
    "docs/_posts/2024-01-02-hi.md": "---\ntitle: Hi\ncategories: news\n---\nHi {{ page.url }}\n",
}


def test_a_site_with_simple_and_other_front_matter_builds_the_same_without_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = {"plugins": ["search", {"jekyll": {"cache_enabled": False}}]}
    fast_calls: list[str] = []

    def spy(source: str) -> dict[str, str] | None:
        result = load_simple_mapping(source)
        fast_calls.append("fast" if result is not None else "yaml")
        return result

    monkeypatch.setattr(frontmatter, "load_simple_mapping", spy)
    (tmp_path / "on").mkdir()
    site = site_tree(make_site_builder(tmp_path / "on")(FILES, **config))
    assert fast_calls.count("fast") == 4 and fast_calls.count("yaml") == 2
    monkeypatch.setattr(frontmatter, "load_simple_mapping", lambda source: None)
    (tmp_path / "off").mkdir()
    assert site == site_tree(make_site_builder(tmp_path / "off")(FILES, **config))
    assert b"Second" in site["c/index.html"] and b"Home: start en" in site["index.html"]
