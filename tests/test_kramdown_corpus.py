"""Our Markdown gives the HTML Jekyll's kramdown gives, case by case (tests/kramdown/).

The expected HTML is kramdown's own, kept in the repository and checked against the
installed kramdown here, so it can never drift into a copy of our output. The comparison
is under the normalisation documented in ``tests/kramdown/normalise.py``.
"""

from __future__ import annotations

import difflib
from importlib.metadata import version

import pytest
from packaging.version import Version

from kramdown.corpus import Case, cases, kramdown_html, our_html
from kramdown.normalise import normalise

CASES = cases()

# Cases where we knowingly differ from kramdown, with the reason (also listed in README.md).
# Each is still converted and must still differ: when one starts to match, take it out.
KNOWN_DIFFERENCES: dict[str, str] = {
    "strikethrough-spaces": (
        "kramdown's earliest ~~ wins over a later code span: ~~ spaced ~~, and `~~code~~` "
        "strikes ', and `'; we keep the code span"
    ),
    "footnotes-edges": (
        "a note whose second block is an indented list: the lists feature's preprocessor adds "
        "a second blank line before the list, which ends the note"
    ),
    "footnotes-backlink-inline": "the same note ending in a list as footnotes-edges",
    "extensions-options-headings": (
        '{::options auto_ids="false" /} still gives headings ids, as headings-noids'
    ),
    "code-kramdown-input": "with input: kramdown, ``` fences are still code blocks (kramdown "
    "reads them as code spans; pymdownx.superfences has no setting for it)",
    "headings-noids": "auto_ids: false still gives headings ids: Material's table of contents "
    "links to them",
}
# Differences that depend on a dependency's release (`.ci/lowest` runs the other side).
if Version(version("mdx-breakless-lists")) < Version("1.0.1"):
    # 1.0 adds no second blank line before the note's list: the note keeps it, as kramdown.
    del KNOWN_DIFFERENCES["footnotes-edges"]
if Version(version("pymdown-extensions")) < Version("12"):
    KNOWN_DIFFERENCES["strikethrough"] = (
        "pymdown-extensions before 12 leaves ~~~three~~~ as it is, where kramdown strikes "
        "the inner ~~three~~"
    )


def test_the_kept_html_is_what_kramdown_gives() -> None:
    stale = [
        case.name
        for case, html in zip(CASES, kramdown_html(CASES), strict=True)
        if not case.expected_path.exists() or case.expected != html
    ]
    assert stale == [], "run tests/kramdown/regenerate.py and review the diff"


def test_every_known_difference_names_a_case() -> None:
    assert set(KNOWN_DIFFERENCES) <= {case.name for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_our_html_is_kramdowns(case: Case) -> None:
    expected = normalise(case.expected)
    ours = normalise(our_html(case))
    if case.name in KNOWN_DIFFERENCES:
        assert ours != expected, f"{case.name} now matches kramdown: drop it from the list"
        return
    diff = "\n".join(
        difflib.unified_diff(
            expected.splitlines(), ours.splitlines(), "kramdown", "ours", lineterm=""
        )
    )
    assert ours == expected, f"{case.name}.md differs from kramdown:\n{diff}"
