"""The methods ``dataclasses`` writes for this package's classes, compiled once per Python.

Why: creating a dataclass compiles the source of each method it generates (``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, and a frozen class's ``__setattr__`` and
``__delattr__``) with ``exec``. For this package that is 86 classes and 483 methods, about
33 ms of every build's start, on the part of it nothing can run beside (the imports, then
the config). A method's source depends only on its class's fields and options, so the code
compiled from it is the same at every import. As Python keeps modules' bytecode in
``__pycache__``, ``install`` keeps those code objects in a file beside this module's
bytecode (``marshal``, after Python's magic number and this format's name: ``HEADER``), and
later processes run them instead of compiling the same text again.

How: ``dataclasses`` calls ``exec`` by name, so a function of that name in its module's
globals is the one it calls. ``install`` puts one there that compiles a source from a
module of this package once (per text, per Python) and passes every other call to the
``exec`` it replaced, unchanged. The same functions come out: code compiled from the same
text, with the flags ``exec`` would use there (none: ``dataclasses`` has no ``__future__``
import), run in the same globals and namespace.

A file that cannot be read, is another Python's or holds anything but text-to-code pairs is
ignored (and replaced). As with bytecode, nothing is written under
``PYTHONDONTWRITEBYTECODE`` (``sys.dont_write_bytecode``) or where the folder cannot be
written: every process then compiles, as before. Only the process that compiled something
new writes, when it exits (forked workers end without ``atexit``).
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import marshal
import os
import sys
from collections.abc import Callable
from importlib.util import MAGIC_NUMBER, cache_from_source
from types import CodeType
from typing import Any

_PACKAGE = __name__.rpartition(".")[0] + "."
"""The prefix of the modules whose dataclasses' methods are kept."""
HEADER = MAGIC_NUMBER + b"mkdocs-jekyll dataclass methods 1\n"
"""What the file starts with: Python's bytecode magic number, then this format's name and
version (changed whenever the way sources are compiled here changes)."""
MAX_BYTES = 8 << 20
"""A larger file is not read (this package's methods take about 0.6 MB)."""
MAX_METHODS = 4096
"""Methods kept at most; past it, new sources are compiled each time, as without the file."""


class MethodCache:
    """Compiled sources by text, loaded from and saved to one file."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.codes: dict[str, CodeType] = {}
        self.added = False
        """Whether this process compiled a source the file did not hold."""

    def load(self) -> None:
        """Read the file, keeping nothing unless it is whole and this Python's."""
        if self.path is None:
            return
        try:
            with open(self.path, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError:
            return
        if len(data) > MAX_BYTES or not data.startswith(HEADER):
            return
        try:
            codes = marshal.loads(data[len(HEADER) :])
        except (EOFError, ValueError, TypeError):
            return
        if type(codes) is dict and all(
            type(text) is str and type(code) is CodeType for text, code in codes.items()
        ):
            self.codes = codes

    def code(self, source: str) -> CodeType:
        """``source`` compiled as ``exec`` compiles it for ``dataclasses``."""
        code = self.codes.get(source)
        if code is None:
            code = compile(source, "<string>", "exec", dont_inherit=True)
            if len(self.codes) < MAX_METHODS:
                self.codes[source] = code
                self.added = True
        return code

    def save(self) -> None:
        """Write the file if this process compiled anything new (atomically; errors are
        ignored, as Python ignores them writing bytecode)."""
        if not self.added or self.path is None or sys.dont_write_bytecode:
            return
        self.added = False
        temporary = f"{self.path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(temporary, "wb") as handle:
                handle.write(HEADER + marshal.dumps(self.codes))
            os.replace(temporary, self.path)
        except (OSError, ValueError):
            try:
                os.unlink(temporary)
            except OSError:
                pass


def cache_path() -> str | None:
    """The file beside this module's bytecode (``sys.pycache_prefix`` honoured); None
    where this Python keeps no bytecode."""
    try:
        bytecode = cache_from_source(__file__)
    except (NotImplementedError, ValueError):
        return None
    tag = sys.implementation.cache_tag
    return os.path.join(os.path.dirname(bytecode), f"dataclass-methods.{tag}.bin")


def cached_exec(cache: MethodCache, replaced: Callable[..., Any]) -> Callable[..., Any]:
    """The ``exec`` for ``dataclasses``: a source from this package's modules compiled
    through ``cache``, anything else given to ``replaced`` as it came."""

    def cached(source: Any, scope: Any = None, names: Any = None, /) -> Any:
        if (
            type(source) is str
            and type(scope) is dict
            and str(scope.get("__name__", "")).startswith(_PACKAGE)
        ):
            return replaced(cache.code(source), scope, names)
        return replaced(source, scope, names)

    cached.__wrapped__ = replaced  # type: ignore[attr-defined]
    return cached


_installed: list[MethodCache] = []


def install() -> MethodCache:
    """Give ``dataclasses`` the caching ``exec`` (once per process)."""
    if _installed:
        return _installed[0]
    cache = MethodCache(cache_path())
    cache.load()
    replaced = vars(dataclasses).get("exec", builtins.exec)
    dataclasses.exec = cached_exec(cache, replaced)  # type: ignore[attr-defined]
    atexit.register(cache.save)
    _installed.append(cache)
    return cache
