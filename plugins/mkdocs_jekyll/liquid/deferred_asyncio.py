"""python-liquid imported with ``asyncio`` left for its first use.

Why: python-liquid's file system loaders import ``asyncio`` at the top of their modules, for
their ``*_async`` methods alone, which Jekyll's pages never call. Importing ``asyncio`` and
what it imports takes about 10 ms, in every build's serial start (the first pass reads the
site, and imports python-liquid, before the workers fork); without it the bench's worker
forked some 5 ms earlier (``ssl``, which other packages import later, stays).

How: ``install`` (the ``liquid/`` room's ``__init__``) puts a one-shot finder first on
``sys.meta_path``. When python-liquid itself is first imported, and ``asyncio`` is not yet,
``sys.modules`` holds a stand-in for ``asyncio`` for the length of python-liquid's import:
its modules bind the stand-in, which imports the real module on its first attribute read
(``asyncio.get_running_loop``) and from then on is that module's namespace. Once
python-liquid is imported the stand-in leaves ``sys.modules``, so every later
``import asyncio``, anyone's, imports the real module as it would have.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from collections.abc import Sequence
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec
from typing import Any

PYTHON_LIQUID = "liquid"
DEFERRED = "asyncio"


class _Deferred(types.ModuleType):
    """``asyncio`` until its first attribute is read, then the real module's namespace."""

    def __getattr__(self, name: str) -> Any:
        if sys.modules.get(DEFERRED) is self:
            del sys.modules[DEFERRED]
        real = importlib.import_module(DEFERRED)
        vars(self).update(vars(real))
        return getattr(real, name)

    def __dir__(self) -> list[str]:
        return dir(importlib.import_module(DEFERRED))


class _Finder(MetaPathFinder):
    """Finds nothing; python-liquid's first import puts the stand-in in place meanwhile."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != PYTHON_LIQUID:
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        if DEFERRED in sys.modules:
            return None
        spec = importlib.util.find_spec(fullname)  # The other finders', as without this.
        if spec is None or spec.loader is None:
            return spec
        stand_in = _Deferred(DEFERRED)
        stand_in.__spec__ = None
        spec.loader = _Loader(spec.loader, stand_in)
        return spec


class _Loader(Loader):
    """python-liquid's own loader, with the stand-in in ``sys.modules`` while it runs."""

    def __init__(self, loader: Loader, stand_in: types.ModuleType) -> None:
        self._loader = loader
        self._stand_in = stand_in

    def create_module(self, spec: ModuleSpec) -> types.ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        if DEFERRED not in sys.modules:
            sys.modules[DEFERRED] = self._stand_in
        try:
            self._loader.exec_module(module)
        finally:
            if sys.modules.get(DEFERRED) is self._stand_in:
                del sys.modules[DEFERRED]
            # The module keeps python-liquid's loader, as if this had never been there.
            if module.__spec__ is not None:
                module.__spec__.loader = self._loader
            module.__loader__ = self._loader


def install() -> None:
    """Defer ``asyncio`` in python-liquid's import, if python-liquid is not imported yet."""
    if PYTHON_LIQUID in sys.modules or DEFERRED in sys.modules:
        return
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
