"""What a build compiles the same way in every process, kept per Python beside the bytecode.

Why: a build starts by compiling, in one process, things whose result depends only on their
source and on the interpreter: the methods ``dataclasses`` writes (``method_cache``) and
regular expressions (``pattern_cache``). Python keeps modules' bytecode in ``__pycache__``
for the same reason; these are kept there too, one file each, read by every later process
of the same interpreter build.

A file is used only when it starts with its ``header`` (Python's bytecode magic number, the
format's name and version, the size and modification time of the modules that compile
what it holds, as Python's own bytecode records its source's, and whatever else the
content depends on), and its content
checks out: its CRC-32, ``marshal``'s reading, and the caller's test of every entry.
Anything else is ignored, and replaced by the next process that compiles something. As
with bytecode, nothing is written under ``PYTHONDONTWRITEBYTECODE``
(``sys.dont_write_bytecode``) or where the folder cannot be written. Only a process that
compiled something new writes, when it exits (forked workers end without ``atexit``).
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable
from importlib.util import cache_from_source
from typing import Any

MAX_BYTES = 16 << 20
"""A larger file is not read."""


class CompiledStore:
    """Compiled results by source, loaded from and saved to one file."""

    def __init__(self, path: str | None, header: bytes, *, limit: int) -> None:
        self.path = path
        self.header = header
        self.limit = limit
        """Entries the file keeps at most: those this process used first (a site's pages
        may make patterns of their own, which would otherwise fill it over time)."""
        self.entries: dict[Any, Any] = {}
        self.used: set[Any] = set()
        """The sources this process compiled or found here."""
        self.added = False
        """Whether this process compiled a source the file did not hold."""

    def load(self, valid: Callable[[Any, Any], bool]) -> None:
        """Read the file, keeping nothing unless it is whole, this Python's, and every entry
        passes ``valid(source, compiled)``."""
        if self.path is None:
            return
        try:
            with open(self.path, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError:
            return
        start = len(self.header) + 4
        if len(data) > MAX_BYTES or len(data) < start or not data.startswith(self.header):
            return
        payload = memoryview(data)[start:]
        if zlib.crc32(payload) != int.from_bytes(data[start - 4 : start], "little"):
            return
        try:
            entries = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return
        if type(entries) is dict and all(valid(key, value) for key, value in entries.items()):
            if len(entries) > self.limit:  # (a file written with a larger limit)
                entries = dict(list(entries.items())[: self.limit])
            self.entries = entries

    def get(self, source: Any) -> Any:
        """The kept result for ``source``, or None."""
        found = self.entries.get(source)
        if found is not None:
            self.used.add(source)
        return found

    def keep(self, source: Any, compiled: Any) -> None:
        """Keep a result this process compiled (up to twice ``limit`` in memory)."""
        if len(self.entries) < 2 * self.limit:
            self.entries[source] = compiled
            self.used.add(source)
            self.added = True

    def forget(self, source: Any) -> None:
        """Drop a kept result that could not be used."""
        self.entries.pop(source, None)
        self.used.discard(source)
        self.added = True

    def save(self) -> None:
        """Write the file if this process compiled anything new (atomically; errors are
        ignored, as Python ignores them writing bytecode)."""
        if not self.added or self.path is None or sys.dont_write_bytecode:
            return
        self.added = False
        entries = self.entries
        if len(entries) > self.limit:
            used = [key for key in entries if key in self.used]
            rest = [key for key in entries if key not in self.used]
            entries = {key: entries[key] for key in (used + rest)[: self.limit]}
        temporary = f"{self.path}.{os.getpid()}.tmp"
        try:
            payload = marshal.dumps(entries)
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(temporary, "wb") as handle:
                handle.write(self.header + zlib.crc32(payload).to_bytes(4, "little") + payload)
            os.replace(temporary, self.path)
        except (OSError, ValueError):
            try:
                os.unlink(temporary)
            except OSError:
                pass


def source_stamp(*files: str) -> bytes:
    """The size and modification time of each of ``files`` (the modules compiling what a
    file keeps): a header holding them no longer matches once one is edited."""
    stamps = []
    for file in files:
        try:
            stat = os.stat(file)
        except OSError:
            stamps.append("?")
        else:
            stamps.append(f"{stat.st_size}:{stat.st_mtime_ns}")
    return (" ".join(stamps) + "\n").encode()


def cache_path(name: str) -> str | None:
    """``name``'s file beside this package's bytecode (``sys.pycache_prefix`` honoured),
    tagged with the interpreter (``cpython-311``); None where it keeps no bytecode."""
    try:
        bytecode = cache_from_source(__file__)
    except (NotImplementedError, ValueError):
        return None
    return os.path.join(os.path.dirname(bytecode), f"{name}.{sys.implementation.cache_tag}.bin")
