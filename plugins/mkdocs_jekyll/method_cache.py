"""The methods ``dataclasses`` writes for this package's classes, compiled once per Python.

Why: creating a dataclass compiles the source of each method it generates (``__init__``,
``__repr__``, ``__eq__``, ``__hash__``, and a frozen class's ``__setattr__`` and
``__delattr__``) with ``exec``. For this package that is 86 classes and 483 methods, about
33 ms of every build's start, on the part of it nothing can run beside (the imports, then
the config). A method's source depends only on its class's fields and options, so the code
compiled from it is the same at every import: ``install`` keeps those code objects in a
file beside the package's bytecode (``compile_cache``), and later processes run them
instead of compiling the same text again.

How: ``dataclasses`` calls ``exec`` by name, so a function of that name in its module's
globals is the one it calls. ``install`` puts one there that compiles a source from a
module of this package once (per text, per Python) and passes every other call to the
``exec`` it replaced, unchanged. The same functions come out: code compiled from the same
text, with the flags ``exec`` would use there (none: ``dataclasses`` has no ``__future__``
import), run in the same globals and namespace.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
from collections.abc import Callable
from importlib.util import MAGIC_NUMBER
from types import CodeType
from typing import Any

from mkdocs_jekyll import compile_cache
from mkdocs_jekyll.compile_cache import CompiledStore, cache_path, source_stamp

_PACKAGE = __name__.rpartition(".")[0] + "."
"""The prefix of the modules whose dataclasses' methods are kept."""
HEADER = (
    MAGIC_NUMBER
    + b"mkdocs-jekyll dataclass methods 2\n"
    + source_stamp(__file__, compile_cache.__file__)
)
"""What the file starts with: Python's bytecode magic number, then this format's name and
version, and the stamp of the modules compiling its methods (``compile_cache``)."""
MAX_METHODS = 4096
"""Methods kept at most (this package has about 500)."""


class MethodCache(CompiledStore):
    """Compiled method sources by text."""

    def __init__(self, path: str | None) -> None:
        super().__init__(path, HEADER, limit=MAX_METHODS)

    def load_methods(self) -> None:
        """Read the file: text-to-code pairs only."""
        self.load(lambda text, code: type(text) is str and type(code) is CodeType)

    def code(self, source: str) -> CodeType:
        """``source`` compiled as ``exec`` compiles it for ``dataclasses``."""
        code: CodeType | None = self.get(source)
        if code is None:
            code = compile(source, "<string>", "exec", dont_inherit=True)
            self.keep(source, code)
        return code


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
    cache = MethodCache(cache_path("dataclass-methods"))
    cache.load_methods()
    replaced = vars(dataclasses).get("exec", builtins.exec)
    dataclasses.exec = cached_exec(cache, replaced)  # type: ignore[attr-defined]
    atexit.register(cache.save)
    _installed.append(cache)
    return cache
