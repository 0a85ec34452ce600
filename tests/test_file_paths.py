"""Plain source paths stored as they are (``mkdocs/file_paths.py``) are upstream's.

Every path shape (relative or not, empty, ``.`` and ``..`` parts, doubled and trailing
slashes, ``Path`` objects) gives the ``src_uri`` MkDocs' own setter gives, and a
three-locale site is built the same with MkDocs' setter as with ours.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from mkdocs.structure.files import File

from mkdocs_jekyll import compat
from mkdocs_jekyll.mkdocs import file_paths
from sitebuild import LOCALE_FILES_SITE, SEQUENTIAL_THREE_LOCALES, make_site_builder, site_tree

_PIECES = st.lists(st.sampled_from(["/", ".", "..", "...", "a", "en", ".a", "b.md", "\\"]))


def _upstream_src_uri(value: Any) -> str:
    """The ``src_uri`` MkDocs 1.6's setter stores (``compat.file_src_path_mirrored``)."""
    return PurePath(value).as_posix()


@given(_PIECES, st.booleans())
@example(["en", "/", "a", "/", "b.md"], False)
@example([], False)  # "" is "."
@example(["/", "/", "a"], False)  # "//a" stays, "///a" does not
@example(["a", "/"], True)  # a trailing slash, as a Path
def test_given_any_path_when_set_as_src_path_then_src_uri_is_upstreams(
    pieces: list[str], as_path: bool
) -> None:
    setter = file_paths._plain_as_it_is(lambda file, value: setattr(file, "src_uri", "upstream"))
    text = "".join(pieces)
    value: Any = Path(text) if as_path else text

    class Holder:
        src_uri = ""

    holder = Holder()
    setter(holder, value)
    if holder.src_uri != "upstream":  # stored as it is: the string upstream's trip gives
        assert holder.src_uri == _upstream_src_uri(value) == text and type(value) is str
    else:
        assert as_path or text != _upstream_src_uri(text) or not file_paths.plain_path(text)


@given(st.lists(st.sampled_from(["/", ".", "..", "...", "a", "en", ".a"]), max_size=8))
def test_a_plain_path_is_one_whose_parts_are_not_empty_dot_or_dot_dot(pieces: list[str]) -> None:
    path = "".join(pieces)
    parts = path.split("/")
    assert file_paths.plain_path(path) == (
        bool(path) and all(part not in ("", ".", "..") for part in parts)
    )


def test_a_file_made_after_a_build_starts_keeps_its_src_uri(tmp_path: Path) -> None:
    file_paths.start_build()
    assert vars(File)["src_path"].fset is not compat._ORIGINAL_SRC_PATH.fset
    for value in ("en/a.md", "./en/a.md", "en//a.md", "en/a/", "/abs/a.md", Path("en/a.md")):
        made = File(value, str(tmp_path), str(tmp_path / "site"), True)  # type: ignore[arg-type]
        assert made.src_uri == _upstream_src_uri(value)
        assert made.src_path == str(PurePath(value))


def test_given_a_three_locale_site_when_src_paths_are_stored_as_they_are_then_the_site_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = LOCALE_FILES_SITE
    plugins = SEQUENTIAL_THREE_LOCALES
    file_paths.start_build()
    original = compat._ORIGINAL_SRC_PATH
    with monkeypatch.context() as off:  # MkDocs' own setter for the whole build
        off.setattr(File, "src_path", original)
        off.setattr(file_paths, "start_build", lambda: None)
        (tmp_path / "off").mkdir()
        expected = site_tree(make_site_builder(tmp_path / "off")(files, plugins=plugins))
    stored: list[str] = []
    fast = vars(File)["src_path"]

    def spy(file: Any, value: Any) -> None:
        fast.fset(file, value)
        stored.append(file.src_uri)

    monkeypatch.setattr(File, "src_path", fast.setter(spy))
    (tmp_path / "on").mkdir()
    assert site_tree(make_site_builder(tmp_path / "on")(files, plugins=plugins)) == expected
    assert "es-419/index.md" in stored and "en/guide/README.md" in stored
