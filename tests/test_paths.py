"""``jekyll/paths.py`` splits a site path exactly as ``PurePosixPath`` does, only faster.

The scan places, localises and sorts every file by these parts and names, so a difference
would move a page or reorder ``site.pages``: a table of the paths where a plain split and
``PurePosixPath`` part ways, and a property over random paths of ``/``, ``.`` and letters.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_jekyll.jekyll.paths import path_name, path_parts

PATHS = [
    "en/_posts/2024-01-02-hi.md",
    "index.md",
    "",
    ".",
    "./a.md",
    "a/./b.md",
    "a//b.md",
    "/a/b.md",
    "//a/b.md",
    "///a",
    "a/b/",
    "a/b/.",
    "a/..",
    "../a.md",
    ".hidden/a.md",
    "a/.md",
    "a\\b.md",
    "é/ü.md",
]


@pytest.mark.parametrize("path", PATHS)
def test_parts_and_name_are_pure_posix_paths(path: str) -> None:
    assert path_parts(path) == PurePosixPath(path).parts
    assert path_name(path) == PurePosixPath(path).name


@given(st.lists(st.sampled_from(["/", ".", "..", "a", "_b", "c.md", "\\", " "]), max_size=8))
def test_any_path_splits_as_pure_posix_path_splits_it(pieces: list[str]) -> None:
    path = "".join(pieces)
    assert path_parts(path) == PurePosixPath(path).parts
    assert path_name(path) == PurePosixPath(path).name
