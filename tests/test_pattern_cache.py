"""Given regular expressions compiled with their programs kept per Python
(``pattern_cache.py``), when a pattern is compiled, then it is the pattern ``re`` compiles
without the cache (patterns compare equal when their text, flags and program are the same),
from the file or not; and what the cache does not know is compiled as before.

The oracle is ``re``'s own compile (the function the cache replaced), on the patterns a
build of the bench's kind compiles: Python-Markdown's, Pygments' lexers, python-liquid's,
the package's own, and hand-written ones with every construct the parser knows.
"""

from __future__ import annotations

import importlib
import re
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from fresh_python import run_report

from mkdocs_jekyll import pattern_cache

pytestmark = pytest.mark.usefixtures("bytecode_written")

_compiler: Any = importlib.import_module("re._compiler")

HAND_WRITTEN = [
    r"",
    r"a|b|",
    r"(?P<name>x+)(?P=name)\1?",
    r"(?:a(?=b)|c(?!d)|(?<=e)f|(?<!g)h)*+",
    r"[^\W\d_]{2,5}?[\u00e9-\u00ff]\b\B\A\Z",
    r"(?i)straße|ǅ",
    r"(?x) a b  # comment\n c",
    r"(?s:.)(?m:^$)(?-i:X)",
    r"(a)?(?(1)b|c)",
    r"(?>ab|a)b",
    r"x{3}y{2,}z{,4}",
    r"[\s\S]\d\D\w\W",
]
FLAGS = [
    int(flags)  # as re hands them to its compile
    for flags in (0, re.IGNORECASE, re.MULTILINE | re.DOTALL, re.VERBOSE, re.ASCII | re.I)
]


def _replaced() -> Any:
    """``re``'s own compile: the one the installed cache hands unknown cases to."""
    installed = _compiler.compile
    return getattr(installed, "__wrapped__", installed)


def _corpus() -> list[tuple[str | bytes, int]]:
    """What a build compiles (imported here the way a build imports it), and more."""
    import markdown
    from pygments.lexers import get_lexer_by_name

    from mkdocs_jekyll.kramdown.pipeline import configure_markdown
    from mkdocs_jekyll.kramdown.settings import KramdownSettings

    for name in ("python", "ruby", "yaml", "html", "bash", "javascript"):
        get_lexer_by_name(name).get_tokens("x = 1\n")
    extensions, configs = configure_markdown(KramdownSettings(), ["toc", "tables"], {})
    markdown.Markdown(extensions=extensions, extension_configs=configs).convert("*a* `b`")
    importlib.import_module("mkdocs_jekyll.liquid.environment")
    cache = pattern_cache._installed[0]
    found = list(cache.entries)
    found += [(text, flags) for text in HAND_WRITTEN for flags in FLAGS]
    found += [
        (text.encode(), int(flags & ~re.ASCII)) for text in HAND_WRITTEN[:4] for flags in FLAGS
    ]
    return found


def test_the_cache_is_installed_where_re_is_the_code_mirrored() -> None:
    assert pattern_cache.mirrored(_replaced())
    assert pattern_cache._installed
    assert _compiler.compile is not _replaced()


def test_every_pattern_is_the_one_re_compiles_without_the_cache() -> None:
    cache = pattern_cache.PatternCache(None)
    compile_ = pattern_cache.cached_compile(cache, _replaced())
    corpus = _corpus()
    assert len(corpus) > 300
    cache.limit = len(corpus)  # (the process's own cache may hold more than a build's)
    for text, flags in corpus:
        expected = _replaced()(text, flags)
        for _ in range(2):  # compiled, then from the cache's program
            got = compile_(text, flags)
            assert got == expected, (text, flags)
            assert got.groupindex == expected.groupindex
            assert got.groups == expected.groups
    assert len(cache.entries) == len(set(corpus))


def test_programs_read_from_the_file_give_the_same_patterns(tmp_path: Path) -> None:
    path = str(tmp_path / "programs.bin")
    first = pattern_cache.PatternCache(path)
    compile_ = pattern_cache.cached_compile(first, _replaced())
    corpus = _corpus()
    first.limit = len(corpus)  # (the process's own cache may hold more than a build's)
    for text, flags in corpus:
        compile_(text, flags)
    first.save()
    again = pattern_cache.PatternCache(path)
    again.limit = len(corpus)
    again.load_programs()
    # (Keys, then the keys whose programs differ: a diff of the programs themselves, a
    # thousand of them, took a test worker down.)
    assert set(again.entries) == set(first.entries)
    assert [key for key, kept in first.entries.items() if again.entries[key] != kept] == []
    compile_ = pattern_cache.cached_compile(again, _replaced())
    for text, flags in corpus:
        assert compile_(text, flags) == _replaced()(text, flags), (text, flags)
    assert not again.added


def test_what_the_cache_does_not_keep_is_compiled_as_before() -> None:
    calls: list[tuple[Any, Any]] = []

    def recording(p: Any, flags: int = 0) -> Any:
        calls.append((p, flags))
        return _replaced()(p, flags)

    cache = pattern_cache.PatternCache(None)
    compile_ = pattern_cache.cached_compile(cache, recording)
    parsed = importlib.import_module("re._parser").parse("ab", 0)
    compile_(parsed, 0)
    compile_("x", re.IGNORECASE)  # a RegexFlag, not the int re gives
    compile_(b"y", re.LOCALE.value)
    compile_(type("Text", (str,), {})("z"), 0)
    assert [flags for _, flags in calls] == [0, re.IGNORECASE, re.LOCALE.value, 0]
    assert cache.entries == {}


def test_the_debug_flag_prints_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    cache = pattern_cache.PatternCache(None)
    compile_ = pattern_cache.cached_compile(cache, _replaced())
    compile_("ab", re.DEBUG.value)
    assert "LITERAL" in capsys.readouterr().out
    assert cache.entries == {}


def test_a_program_sre_refuses_is_dropped_and_the_pattern_compiled_as_before() -> None:
    import marshal

    cache = pattern_cache.PatternCache(None)
    flags, code, groups, groupindex, indexgroup = cache.program("abc", 0)
    refused = (flags, [99999, *code], groups, groupindex, indexgroup)
    cache.entries[("abc", 0)] = marshal.dumps(refused)
    compile_ = pattern_cache.cached_compile(cache, _replaced())
    assert compile_("abc", 0) == _replaced()("abc", 0)
    assert ("abc", 0) not in cache.entries


@pytest.mark.parametrize(
    "blob",
    [b"\x00not marshal", b"", "marshalled:a list", "marshalled:short"],
    ids=["not-marshal", "empty", "a-list", "short-program"],
)
def test_a_kept_program_of_another_shape_is_compiled_again(blob: Any) -> None:
    import marshal

    if blob == "marshalled:a list":
        blob = marshal.dumps([1, 2])
    elif blob == "marshalled:short":
        blob = marshal.dumps((0, [1], 0, {}))
    cache = pattern_cache.PatternCache(None)
    cache.entries[("ab+", 0)] = blob
    compile_ = pattern_cache.cached_compile(cache, _replaced())
    assert compile_("ab+", 0) == _replaced()("ab+", 0)
    assert pattern_cache._program(cache.entries[("ab+", 0)]) is not None


def test_a_file_of_another_build_of_python_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "programs.bin"
    cache = pattern_cache.PatternCache(str(path))
    cache.program("abc", 0)
    cache.save()
    data = path.read_bytes()
    assert data.startswith(pattern_cache.HEADER)
    version = sys.version.encode()
    other = data.replace(version, version[:-1] + b"!", 1)
    assert other != data
    path.write_bytes(other)
    again = pattern_cache.PatternCache(str(path))
    again.load_programs()
    assert again.entries == {}


@pytest.mark.parametrize(
    "entries",
    [
        {"abc": b"program"},
        {("abc", 0): (0, [1], 0, {}, ())},
        {("abc", 0, 1): b"program"},
        {("abc", "0"): b"program"},
    ],
    ids=["key-not-a-pair", "program-not-bytes", "key-of-three", "flags-not-int"],
)
def test_a_file_of_another_shape_is_not_read(tmp_path: Path, entries: dict[Any, Any]) -> None:
    import marshal

    payload = marshal.dumps(entries)
    path = tmp_path / "programs.bin"
    path.write_bytes(pattern_cache.HEADER + zlib.crc32(payload).to_bytes(4, "little") + payload)
    cache = pattern_cache.PatternCache(str(path))
    cache.load_programs()
    assert cache.entries == {}


def _saved(path: str, *, limit: int | None = None) -> None:
    """The file of a process that compiled ``a``, ``b``, ``c`` and ``d``, in that order."""
    cache = pattern_cache.PatternCache(path)
    if limit is not None:
        cache.limit = limit
    for text in ("a", "b", "c", "d"):
        cache.program(text, 0)
    cache.save()


def test_the_file_keeps_the_patterns_a_process_used_first(tmp_path: Path) -> None:
    path = str(tmp_path / "programs.bin")
    _saved(path, limit=3)
    loaded = pattern_cache.PatternCache(path)
    loaded.limit = 3
    loaded.load_programs()
    assert list(loaded.entries) == [("a", 0), ("b", 0), ("c", 0)]
    loaded.program("d", 0)  # new
    loaded.program("b", 0)  # used
    loaded.save()
    after = pattern_cache.PatternCache(path)
    after.load_programs()
    # Used ones first (in the order kept), then the rest up to the limit.
    assert list(after.entries) == [("b", 0), ("d", 0), ("a", 0)]


_PROCESS = r"""
import json, re
import mkdocs_jekyll
from mkdocs_jekyll import pattern_cache
from pygments.lexers import get_lexer_by_name
get_lexer_by_name("python").get_tokens("x = 1")
cache = pattern_cache._installed[0]
print(json.dumps({"added": cache.added, "kept": len(cache.entries), "path": cache.path}))
"""


def test_a_later_process_reads_what_the_first_compiled(tmp_path: Path) -> None:
    first = run_report(_PROCESS, tmp_path)
    assert first["added"] and first["kept"] > 50
    assert Path(first["path"]).is_relative_to(tmp_path)
    second = run_report(_PROCESS, tmp_path)
    assert not second["added"]
    assert second["kept"] >= first["kept"]


def test_a_file_holding_more_than_the_limit_is_read_up_to_it(tmp_path: Path) -> None:
    path = str(tmp_path / "programs.bin")
    _saved(path)
    smaller = pattern_cache.PatternCache(path)
    smaller.limit = 2
    smaller.load_programs()
    assert list(smaller.entries) == [("a", 0), ("b", 0)]
