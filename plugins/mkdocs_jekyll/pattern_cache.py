"""Regular expressions compiled once per Python: the program ``re`` builds for a pattern.

Why: compiling a regular expression parses it and builds its program in Python code
(``re._parser``, ``re._compiler``); only the last step, ``_sre.compile``, is C. A build's
start compiles some 500 of them after this package is imported (Python-Markdown's and its
extensions', Pygments' lexer for each highlighted language, python-liquid's, ours): about
45 ms on the bench, in the one process the build then forks its workers from. The program
depends only on the pattern, its flags and the interpreter, so ``install`` keeps it in a
file beside the package's bytecode (``compile_cache``), and later processes hand it to
``_sre.compile`` directly.

How: ``re`` compiles a pattern missing from its own cache with ``re._compiler.compile``,
looked up at each call; ``install`` puts there a function doing the same steps for a string
pattern (``str`` or ``bytes``) and keeping its program. It hands anything else (a parsed
pattern, flags given as ``re.RegexFlag`` rather than ``int`` as ``re`` gives them, the
``DEBUG`` or ``LOCALE`` flag) to the function it replaced, and installs
nothing where that function is not the code mirrored here (``_MIRRORED``: the same in
Python 3.11 to 3.13). The file's header names the interpreter build exactly
(``sys.version``) and ``_sre``'s magic number and code size, so a program is never used by
another build of Python, not even another patch release (3.11.2's ``re`` matched
possessive repeats otherwise). ``_sre.compile`` validates every program it is given; one it
refuses is dropped, and the pattern compiled as before.
"""

from __future__ import annotations

import atexit
import importlib
import marshal
import re
import sys
from collections.abc import Callable
from importlib.util import MAGIC_NUMBER
from typing import Any

from mkdocs_jekyll import compile_cache
from mkdocs_jekyll.compat import code_fingerprint
from mkdocs_jekyll.compile_cache import CompiledStore, cache_path, source_stamp

_sre: Any = importlib.import_module("_sre")
_compiler: Any = importlib.import_module("re._compiler")
_parser: Any = importlib.import_module("re._parser")

HEADER = (
    MAGIC_NUMBER
    + b"mkdocs-jekyll regex programs 2\n"
    + f"{sys.version}\n{_sre.MAGIC} {_sre.CODESIZE} {sys.maxunicode}\n".encode()
    + source_stamp(__file__, compile_cache.__file__)
)
"""The file's first bytes: the format, the interpreter build its programs are for, and the
stamp of the modules compiling them (``compile_cache``)."""
MAX_PATTERNS = 1024
"""Programs the file keeps at most (a build of the bench compiles some 330 after this
package's import; every program read is memory the build holds): the ones the last writer
used first."""
_UNCACHED = re.DEBUG | re.LOCALE
"""Flags whose patterns are compiled as before (``DEBUG`` prints the program)."""
_MIRRORED = (
    frozenset(
        {"SRE_FLAG_DEBUG", "_code", "_parser", "_sre", "compile", "dis", "flags", "groupdict"}
        | {"groups", "isstring", "items", "parse", "print", "state", "tuple"}
    ),
    (None, 1),
)
"""The names and constants of ``re._compiler.compile`` in Python 3.11 to 3.13::

    if isstring(p): pattern = p; p = _parser.parse(p, flags)
    else: pattern = None
    code = _code(p, flags)
    if flags & SRE_FLAG_DEBUG: print(); dis(code)
    groupindex = p.state.groupdict
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items(): indexgroup[i] = k
    return _sre.compile(pattern, flags | p.state.flags, code, p.state.groups-1,
                        groupindex, tuple(indexgroup))
"""

Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What ``_sre.compile`` takes after the pattern: its flags, code, groups (less one), and the
group names both ways."""


def _valid(key: Any, blob: Any) -> bool:
    """A pattern and its flags, and its program's bytes (read when the pattern is asked for)."""
    return (
        type(key) is tuple
        and len(key) == 2
        and type(key[0]) in (str, bytes)
        and type(key[1]) is int
        and type(blob) is bytes
    )


def _program(blob: bytes) -> Program | None:
    """A program's bytes read back, or None for anything not of the shape ``Program``."""
    try:
        program = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return None
    if (
        type(program) is tuple
        and len(program) == 5
        and type(program[0]) is int
        and type(program[1]) is list
        and type(program[2]) is int
        and type(program[3]) is dict
        and type(program[4]) is tuple
    ):
        return program
    return None


class PatternCache(CompiledStore):
    """Programs by pattern and flags."""

    def __init__(self, path: str | None) -> None:
        super().__init__(path, HEADER, limit=MAX_PATTERNS)

    def load_programs(self) -> None:
        """Read the file: each program stays bytes until its pattern is compiled (a file
        holds the patterns of every kind of build and test run: reading all of them took
        9 ms where a build uses under half)."""
        self.load(_valid)

    def program(self, pattern: str | bytes, flags: int) -> Program:
        """The program ``re._compiler.compile`` builds for ``pattern`` with ``flags``."""
        key = (pattern, flags)
        blob: bytes | None = self.get(key)
        found = None if blob is None else _program(blob)
        if found is not None:
            return found
        if blob is not None:
            self.forget(key)  # Not a program: compiled again.
        parsed = _parser.parse(pattern, flags)
        # Its opcodes are `int`s with names (`_NamedIntConstant`): the same numbers to _sre.
        code = [int(value) for value in _compiler._code(parsed, flags)]
        groupindex = parsed.state.groupdict
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        program = (
            int(flags | parsed.state.flags),
            code,
            parsed.state.groups - 1,
            dict(groupindex),
            tuple(indexgroup),
        )
        self.keep(key, marshal.dumps(program))
        return program


def cached_compile(cache: PatternCache, replaced: Callable[..., Any]) -> Callable[..., Any]:
    """``re._compiler.compile`` through ``cache`` for string patterns (see the module)."""

    def compile(p: Any, flags: int = 0) -> Any:
        if (type(p) is str or type(p) is bytes) and type(flags) is int and not flags & _UNCACHED:
            program = cache.program(p, flags)
            final, code, groups, groupindex, indexgroup = program
            try:
                return _sre.compile(p, final, code, groups, dict(groupindex), indexgroup)
            except (RuntimeError, TypeError, ValueError, OverflowError):
                cache.forget((p, flags))  # A program _sre refuses: compiled as before.
        return replaced(p, flags)

    compile.__wrapped__ = replaced  # type: ignore[attr-defined]
    return compile


def mirrored(function: Any) -> bool:
    """Whether ``function`` is the ``re._compiler.compile`` mirrored here."""
    return code_fingerprint(function) == _MIRRORED


_installed: list[PatternCache] = []


def install() -> PatternCache | None:
    """Give ``re`` the caching compile (once per process); None where not mirrored."""
    if _installed:
        return _installed[0]
    replaced = _compiler.compile
    if not mirrored(replaced):
        return None
    cache = PatternCache(cache_path("regex-programs"))
    cache.load_programs()
    _compiler.compile = cached_compile(cache, replaced)
    atexit.register(cache.save)
    _installed.append(cache)
    return cache
