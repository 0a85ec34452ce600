"""Given the package's dataclasses made with their methods' compiled code kept per Python
(``method_cache.py``), when the package is imported in a fresh process, then every method is
the code that compiling its source gives, the file is written once and read after, and a
file that is not whole, not this Python's or not text-to-code pairs is not trusted.

Each process runs with its own ``PYTHONPYCACHEPREFIX``, so the repository's bytecode folder
is never the one read or written here.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import zlib
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from typing import Any

import pytest
from fresh_python import run_report

from mkdocs_jekyll import method_cache

pytestmark = pytest.mark.usefixtures("bytecode_written")

# Imports every module of the package that makes dataclasses at import, then prints, per
# dataclass, the marshalled code of each method `dataclasses` generated (hex), and what the
# process's method cache did.
_REPORT = r"""
import dataclasses, importlib, json, marshal, pkgutil, sys
import mkdocs_jekyll
from mkdocs_jekyll import method_cache
for info in pkgutil.walk_packages(mkdocs_jekyll.__path__, "mkdocs_jekyll."):
    if ".cli" not in info.name:
        importlib.import_module(info.name)
methods = {}
for name, module in sorted(sys.modules.items()):
    if not name.startswith("mkdocs_jekyll."):
        continue
    for value in vars(module).values():
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == name:
            for attr in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__",
                         "__delattr__"):
                function = getattr(vars(value).get(attr), "__wrapped__", vars(value).get(attr))
                code = getattr(function, "__code__", None)
                if code is not None and code.co_filename == "<string>":
                    methods[f"{value.__qualname__}.{attr}"] = marshal.dumps(code).hex()
cache = method_cache._installed[0]
print(json.dumps({"methods": methods, "added": cache.added, "path": cache.path,
                  "kept": len(cache.entries)}))
"""


def _report(prefix: Path, *, dont_write: bool = False) -> dict[str, Any]:
    return run_report(_REPORT, prefix, dont_write=dont_write)


def test_methods_run_from_the_file_are_the_code_compiling_their_source_gives(
    tmp_path: Path,
) -> None:
    first = _report(tmp_path)
    assert first["added"] and first["kept"] > 50  # methods, or classes from Python 3.13 on
    assert Path(first["path"]).is_file()
    assert Path(first["path"]).is_relative_to(tmp_path)
    second = _report(tmp_path)
    assert not second["added"]
    assert len(second["methods"]) > 100
    assert second["methods"] == first["methods"]


def test_the_cache_gives_the_methods_a_process_without_it_compiles(tmp_path: Path) -> None:
    """Against code compiled by ``dataclasses`` itself: the builtin ``exec`` (a process
    whose cache was never installed), reading the same modules."""
    _report(tmp_path)  # writes the file
    cached = _report(tmp_path)
    assert not cached["added"]
    report = run_report(
        "import dataclasses, builtins\n"
        "from mkdocs_jekyll import method_cache\n"
        "method_cache._installed[0].entries = {}\n"
        "dataclasses.exec = builtins.exec\n" + _REPORT,
        tmp_path,
    )
    assert report["kept"] == 0  # the builtin compiled every method
    assert report["methods"] == cached["methods"]


def test_nothing_is_written_where_bytecode_is_not(tmp_path: Path) -> None:
    report = _report(tmp_path, dont_write=True)
    assert report["added"]
    assert not Path(report["path"]).exists()


def _framed(payload: bytes, header: bytes = method_cache.HEADER) -> bytes:
    """A file as ``CompiledStore.save`` writes it: header, CRC-32 of the payload, payload."""
    return header + zlib.crc32(payload).to_bytes(4, "little") + payload


_ONE = compile("1", "<string>", "exec")


@pytest.mark.parametrize(
    "content",
    [
        b"",
        _framed(marshal.dumps({"x": _ONE}), MAGIC_NUMBER),
        _framed(marshal.dumps({"x": _ONE}), b"\x00\x01\x02\x03" + method_cache.HEADER[4:]),
        _framed(marshal.dumps({"x": _ONE}), method_cache.HEADER.replace(b" 2\n", b" 1\n")),
        _framed(marshal.dumps({"x": _ONE}))[:-3],
        _framed(marshal.dumps({"x": _ONE}))[:-1] + b"\x00",
        _framed(b"\x00not marshal"),
        _framed(marshal.dumps(["a list"])),
        _framed(marshal.dumps({"text": "not code"})),
        _framed(marshal.dumps({1: _ONE})),
    ],
    ids=[
        "empty",
        "no-format",
        "another-python",
        "another-format-version",
        "truncated",
        "changed-byte",
        "not-marshal",
        "not-a-dict",
        "not-code",
        "not-text",
    ],
)
def test_a_file_that_is_not_whole_or_not_this_pythons_is_ignored_and_replaced(
    tmp_path: Path, content: bytes
) -> None:
    cache = method_cache.MethodCache(str(tmp_path / "methods.bin"))
    Path(cache.path or "").write_bytes(content)
    cache.load_methods()
    assert cache.entries == {}
    code = cache.code("def f():\n return 1\n")
    cache.save()
    again = method_cache.MethodCache(cache.path)
    again.load_methods()
    assert again.entries == {"def f():\n return 1\n": code}


def test_a_whole_file_is_read(tmp_path: Path) -> None:
    """The framing above is the one read (else the cases above would pass for nothing)."""
    path = tmp_path / "methods.bin"
    path.write_bytes(_framed(marshal.dumps({"x": _ONE})))
    cache = method_cache.MethodCache(str(path))
    cache.load_methods()
    assert cache.entries == {"x": _ONE}


def test_a_source_is_compiled_as_exec_compiles_it_in_dataclasses() -> None:
    """No ``__future__`` flag of the caching module leaks in: annotations stay objects."""
    cache = method_cache.MethodCache(None)
    source = "def __create_fn__(_type_x):\n def f(x:_type_x):\n  return x\n return f\n"
    scope: dict[str, Any] = {}
    exec(cache.code(source), {}, scope)
    assert scope["__create_fn__"](int).__annotations__ == {"x": int}


def test_only_this_packages_dataclasses_go_through_the_cache() -> None:
    cache = method_cache.MethodCache(None)
    calls: list[Any] = []

    def recording(source: Any, scope: Any = None, names: Any = None, /) -> Any:
        calls.append(source)
        return exec(source, scope, names)

    run = method_cache.cached_exec(cache, recording)
    run("x = 1", {"__name__": "someone_else"}, {})
    run("y = 2", {"__name__": "mkdocs_jekyll.jekyll.documents"}, {})
    assert calls[0] == "x = 1"
    assert type(calls[1]).__name__ == "code"
    assert list(cache.entries) == ["y = 2"]


def test_dataclasses_here_are_made_through_the_installed_cache() -> None:
    installed = method_cache._installed[0]
    assert vars(dataclasses)["exec"].__wrapped__ is not None
    assert installed.path is None or installed.path.endswith(".bin")


def test_editing_a_module_that_compiles_makes_its_files_unread(tmp_path: Path) -> None:
    """The header holds the compiling modules' size and time, as bytecode its source's."""
    from mkdocs_jekyll.compile_cache import source_stamp

    module = tmp_path / "module.py"
    module.write_text("x = 1\n", encoding="utf-8")
    before = source_stamp(str(module))
    stat = module.stat()
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert source_stamp(str(module)) != before
    assert source_stamp(str(tmp_path / "gone.py")) != before
    assert method_cache.HEADER.endswith(source_stamp(method_cache.__file__, _compile_cache_file()))


def _compile_cache_file() -> str:
    from mkdocs_jekyll import compile_cache

    return compile_cache.__file__
