"""Front matter: the split agrees with MkDocs, errors point at the line, types are checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.frontmatter import parse_front_matter, validate_front_matter


@dataclass(frozen=True)
class Case:
    """A file (or front matter mapping) and what it should give."""

    description: str
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    line_offset: int = 0
    has_front_matter: bool = True
    error: str | None = None
    """The exact message of the expected ``ContentError``."""
    jekyll_only: bool = False
    """A block Jekyll reads as front matter but MkDocs leaves in ``page.markdown``."""


def _ids(cases: list[Case]) -> list[str]:
    return [case.description for case in cases]


PARSE_CASES = [
    Case("front matter and body", "---\ntitle: CV\n---\n# CV\n", {"title": "CV"}, "# CV\n", 3),
    Case(
        "blank lines after the block are stripped, as MkDocs does",
        "---\na: 1\n---\n\n\nText",
        {"a": 1},
        "Text",
        5,
    ),
    Case("the '...' closing line", "---\na: 1\n...\nText", {"a": 1}, "Text", 3),
    Case("spaces after the dashes", "---  \na: 1\n--- \nText", {"a": 1}, "Text", 3),
    Case("a byte order mark", "\ufeff---\na: 1\n---\nText", {"a": 1}, "Text", 3),
    Case("Windows line ends", "---\r\na: 1\r\n---\r\nText\r\n", {"a": 1}, "Text\n", 3),
    Case("dates stay dates", "---\ndate: 2024-01-02\n---\n", {"date": date(2024, 1, 2)}, "", 3),
    Case(
        "datetimes keep their zone",
        "---\ndate: 2024-01-02 10:00:00 +02:00\n---\n",
        {"date": datetime(2024, 1, 2, 10, tzinfo=timezone(timedelta(hours=2)))},
        "",
        3,
    ),
    Case(
        "an empty block, which Jekyll accepts and MkDocs leaves in",
        "---\n---\nText",
        {},
        "Text",
        2,
        jekyll_only=True,
    ),
    Case("a block of comments only", "---\n# nothing\n---\nText", {}, "Text", 3, jekyll_only=True),
    Case(
        "a block closing at the end of the file",
        "---\ntitle: x\n---",
        {"title": "x"},
        "",
        2,
        jekyll_only=True,
    ),
    Case("no front matter", "# Title\n\nText\n", {}, "# Title\n\nText\n", 0, False),
    Case(
        "no front matter, leading blank lines dropped as MkDocs does",
        "\n\n# Title\n",
        {},
        "# Title\n",
        2,
        False,
    ),
    Case(
        "MultiMarkdown meta-data is dropped as MkDocs does",
        "Title: x\n    more\n\nText",
        {},
        "Text",
        3,
        False,
    ),
    Case(
        "a horizontal rule later on is not front matter",
        "Text\n\n---\na: 1\n---\n",
        {},
        "Text\n\n---\na: 1\n---\n",
        0,
        False,
    ),
    Case(
        "malformed YAML: a colon in a value",
        "---\ntitle: a: b\n---\n",
        error="x.md:2:9: invalid YAML front matter: mapping values are not allowed in this "
        "context; put the value in quotes if it contains ': '",
    ),
    Case(
        "malformed YAML: a tab",
        "---\ntags:\n\t- a\n---\n",
        error="x.md:3:1: invalid YAML front matter: found character that cannot start any token; "
        "indent with spaces, not tabs",
    ),
    Case(
        "malformed YAML: a line without a key",
        "---\ntitle: x\noops\nlang: en\n---\n",
        error="x.md:4:1: invalid YAML front matter: could not find expected ':' (while scanning "
        "a simple key at line 3); write each entry as 'key: value', and indent the lines "
        "that continue a value",
    ),
    Case(
        "malformed YAML: an unclosed quote",
        '---\ntitle: "x\n---\n',
        error="x.md:3:1: invalid YAML front matter: found unexpected end of stream (while "
        "scanning a quoted scalar at line 2); close the quote",
    ),
    Case(
        "malformed YAML: a value starting with @",
        "---\nauthor: @me\n---\n",
        error="x.md:2:9: invalid YAML front matter: found character that cannot start any token; "
        "put values that start with '@' in quotes",
    ),
    Case(
        "malformed YAML after a byte order mark and CRLF",
        "\ufeff---\r\na: 1\r\nb: c: d\r\n---\r\n",
        error="x.md:3:5: invalid YAML front matter: mapping values are not allowed in this "
        "context; put the value in quotes if it contains ': '",
    ),
    Case(
        "a list is not front matter",
        "---\n- a\n- b\n---\n",
        error="x.md:2: invalid YAML front matter: expected 'key: value' lines, received ['a', "
        "'b'] (list); write the front matter as a mapping such as 'title: About'",
    ),
    Case(
        "a scalar is not front matter",
        "---\nJust some words\n---\n",
        error="x.md:2: invalid YAML front matter: expected 'key: value' lines, received 'Just "
        "some words' (str); write the front matter as a mapping such as 'title: About'",
    ),
    # Found by tests/test_fuzz.py: PyYAML raised a bare ValueError (a traceback).
    Case(
        "a date with month 13",
        "---\ntitle: x\ndate: 2024-13-45\n---\n",
        error="x.md:3:7: invalid YAML front matter: '2024-13-45' is not a valid date (month must "
        "be in 1..12); write a real date such as '2024-01-31', or quote the value to keep it as "
        "text",
    ),
    Case(
        "a time with hour 25, in a list",
        "---\ntimes: [a, 2024-01-02 25:00:00]\n---\n",
        error="x.md:2:12: invalid YAML front matter: '2024-01-02 25:00:00' is not a valid date "
        "(hour must be in 0..23); write a real date such as '2024-01-31', or quote the value to "
        "keep it as text",
    ),
]


@pytest.mark.parametrize("case", PARSE_CASES, ids=_ids(PARSE_CASES))
def test_parse_front_matter(case: Case) -> None:
    if case.error is not None:
        with pytest.raises(ContentError) as info:
            parse_front_matter(case.text, "x.md")
        assert str(info.value) == case.error
        return
    parsed = parse_front_matter(case.text, "x.md")
    assert parsed.data == case.data
    assert parsed.body == case.body
    assert parsed.line_offset == case.line_offset
    assert parsed.has_front_matter is case.has_front_matter


MKDOCS_FILES = [case for case in PARSE_CASES if case.error is None and not case.jekyll_only]


@pytest.mark.parametrize("case", MKDOCS_FILES, ids=_ids(MKDOCS_FILES))
def test_body_is_what_mkdocs_puts_in_page_markdown(case: Case) -> None:
    # MkDocs reads files with utf-8-sig and universal newlines before get_data.
    text = case.text.removeprefix("\ufeff").replace("\r\n", "\n")
    markdown, meta = get_data(text)
    parsed = parse_front_matter(case.text, "x.md")
    assert parsed.body == markdown
    assert parsed.data == (meta if parsed.has_front_matter else {})
    # Body line n is file line n + line_offset.
    assert text.split("\n")[parsed.line_offset :] == markdown.split("\n")


SAFE_TEXT = st.text(alphabet=st.sampled_from(list("ab :-#\n")), max_size=40)


@given(
    st.dictionaries(st.sampled_from(["title", "lang", "x"]), st.sampled_from(["a", "b c"])),
    SAFE_TEXT,
)
def test_offsets_agree_with_mkdocs(data: dict[str, str], body: str) -> None:
    front = "".join(f"{key}: {value}\n" for key, value in data.items())
    text = f"---\n{front}---\n{body}" if data else body
    markdown, meta = get_data(text)
    parsed = parse_front_matter(text, "x.md")
    assert parsed.body == markdown
    assert parsed.data == (meta if data else {})
    if markdown:  # a file made only of MultiMarkdown meta-data has no body lines at all
        assert text.split("\n")[parsed.line_offset :] == markdown.split("\n")


def test_key_lines_locate_each_top_level_key() -> None:
    parsed = parse_front_matter("---\ntitle: x\nheader:\n  image: y\npermalink: 3\n---\n", "x.md")
    assert parsed.key_lines == {"title": 2, "header": 3, "permalink": 5}


# -- validation --------------------------------------------------------------------------------

VALID = Case(
    "every key with a good value",
    data={
        "permalink": "/cv/",
        "published": False,
        "layout": "single",
        "lang": "en",
        "i18n_key": 3,
        "ref": "cv",
        "title": 2020,
        "author_profile": True,
        "sitemap": False,
        "redirect_from": ["/old/"],
        "categories": "news",
        "tags": ["a", 2024],
        "other": object(),
        "layout_extra": 1,
        "date": None,
    },
)
VALIDATE_CASES = [
    VALID,
    Case("None means unset", data={"permalink": None, "published": None, "title": None}),
    Case(
        "permalink must be a string",
        data={"permalink": 3},
        error="en/cv.md:4: front matter 'permalink': expected a string, received 3 (int)",
    ),
    Case(
        "published must be a boolean",
        data={"published": "false"},
        error="en/cv.md:4: front matter 'published': expected true or false, received 'false' "
        "(str); write false without quotes",
    ),
    Case(
        "sitemap must be a boolean",
        data={"sitemap": "yes"},
        error="en/cv.md:4: front matter 'sitemap': expected true or false, received 'yes' (str); "
        "write true without quotes",
    ),
    Case(
        "title must not be a YAML boolean",
        data={"title": True},
        error="en/cv.md:4: front matter 'title': expected a string or a number, received true "
        "(bool); put the value in quotes to keep it as text",
    ),
    Case(
        "title must not be a date",
        data={"title": date(2024, 1, 2)},
        error="en/cv.md:4: front matter 'title': expected a string or a number, received "
        "datetime.date(2024, 1, 2) (date); put the value in quotes to keep it as text",
    ),
    Case(
        "i18n_key must not be a boolean",
        data={"i18n_key": False},
        error="en/cv.md:4: front matter 'i18n_key': expected a string or an integer, received "
        "false (bool); put the value in quotes to keep it as text",
    ),
    Case(
        "ref must not be a list",
        data={"ref": ["a"]},
        error="en/cv.md:4: front matter 'ref': expected a string or an integer, received ['a'] "
        "(list)",
    ),
    Case(
        "layout must be a string",
        data={"layout": {"name": "x"}},
        error="en/cv.md:4: front matter 'layout': expected a string, received {'name': 'x'} (dict)",
    ),
    Case(
        "redirect_from items must be strings",
        data={"redirect_from": ["/a/", 3]},
        error="en/cv.md:4: front matter 'redirect_from[1]': expected a string, received 3 (int)",
    ),
    Case(
        "tags must be a string or a list",
        data={"tags": {"a": 1}},
        error="en/cv.md:4: front matter 'tags': expected a string or a list of strings, received "
        "{'a': 1} (dict)",
    ),
    Case(
        "category items must be scalars",
        data={"categories": ["a", {"b": 1}]},
        error="en/cv.md:4: front matter 'categories[1]': expected a string or a number, received "
        "{'b': 1} (dict)",
    ),
    Case(
        "long values are shortened",
        data={"lang": ["x" * 80]},
        error="en/cv.md:4: front matter 'lang': expected a string, received "
        "['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx... (list)",
    ),
]


@pytest.mark.parametrize("case", VALIDATE_CASES, ids=_ids(VALIDATE_CASES))
def test_validate_front_matter(case: Case) -> None:
    lines = dict.fromkeys(case.data, 4)
    if case.error is None:
        validate_front_matter(case.data, "en/cv.md", lines=lines)
        return
    with pytest.raises(ContentError) as info:
        validate_front_matter(case.data, "en/cv.md", lines=lines)
    assert str(info.value) == case.error


def test_validate_without_lines_names_the_file_only() -> None:
    with pytest.raises(ContentError) as info:
        validate_front_matter({"permalink": 3}, "en/cv.md")
    assert (
        str(info.value) == "en/cv.md: front matter 'permalink': expected a string, received 3 (int)"
    )


def test_parsed_key_lines_locate_validation_errors() -> None:
    parsed = parse_front_matter("---\ntitle: CV\npermalink: 3\n---\n", "en/cv.md")
    with pytest.raises(ContentError) as info:
        validate_front_matter(parsed.data, "en/cv.md", lines=parsed.key_lines)
    assert str(info.value) == (
        "en/cv.md:3: front matter 'permalink': expected a string, received 3 (int)"
    )
