"""The build cache's storage: one pack file per locale pass and writer, not one file per page.

The cache used to keep one JSON file per page: a cold build paid a folder, a file and a JSON
encoding per page, a warm one a file open, a JSON decoding and a timestamp update per page
(600 of each on the 3 x 200 bench site). Every entry of a pass shares the pass's key
(``build_cache.page_key`` starts from it), so a pass only ever reads entries written under
its own key: they are kept together, in one file per pass and writer, read whole at once.

A pack is ``packs/<pass key>.<writer>.<unique>.pack``::

    MAGIC (format included)  size record  size record ...  END  crc32(all before it)

where each record is ``marshal.dumps((page key, fields))``, its size before it, and the
fields hold only str, int, float, bool, None, list, tuple and dict (``plain``). marshal
reads and writes those at memory speed and runs no code while reading (unlike pickle); the
checksum over the whole file finds a truncated or garbled pack, which is then ignored with
a warning, never trusted in part. A pack of another format fails its first bytes.

The checksum guards against damage (an interrupted copy, a bad disk), not against an
attacker, who could write any pack with a valid checksum: CRC-32 finds every burst of
errors up to 32 bits and a random change with odds of 1 in 2**32, at three times the speed
of the SHA-256 it replaced (format 3). Its cost was a share of the serial end of a build
with workers: the Liquid and replay packs (12 MB on the bench) are written there, and a
warm build reads every page pack and the replay pack (26 MB) before writing a page.
Records are written in chunks of ``_CHUNK`` bytes, not one write per page.

- **Concurrent writers never collide**: each writer (a locale pass, or one shard of it, in
  one process) writes its own file under a unique name; readers take every pack of the
  pass. A file is written under a temporary name, then renamed: never seen half-written.
- **Prune**: a writer whose pass used every entry of its own earlier pack, and rendered no
  page, only touches that pack; otherwise it writes a new pack of every entry it used or
  stored, and removes its own earlier packs of the pass (what they held of use is in the new
  one). At the end of a build, packs (and temporary files) neither written nor touched since
  the build started are removed (``prune``).
"""

from __future__ import annotations

import json
import marshal
import os
import struct
import time
import zlib
from pathlib import Path
from typing import IO, Any

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

FORMAT = 5
"""The layout of the pack files (and the cache folder's ``manifest.json``): 4 since the
checksum is CRC-32, 5 since a page's output is kept as the bytes written."""
MAGIC = f"mkdocs-jekyll cache pack {FORMAT}\n".encode()
_END = b"\nEND"
_SIZE = struct.Struct("<I")
"""Each record's length, before it."""
_CHECKSUM = struct.Struct("<I")
"""The CRC-32 of everything before it, last in the file."""
_CHUNK = 1 << 20
"""The pack's write buffer: one write per megabyte, not per record."""
SUFFIX = ".pack"
FOLDER = "packs"

Fields = tuple[Any, ...]
"""A page's cached fields, of plain types only (see ``plain``)."""


class PackDamaged(ValueError):
    """A pack file that is not one this version wrote whole."""


def plain(value: Any) -> Any:
    """``value`` as the JSON cache kept it: str, numbers, None, lists and dicts with str keys.

    A str subclass (MarkupSafe's ``Markup``) becomes a str, a tuple a list, anything else
    its ``str()``: marshal refuses other types, and this is what the JSON files held.
    """
    kind = type(value)
    if kind is str or value is None or kind is bool or kind is int or kind is float:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, dict):
        return {_key(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, int):  # An int subclass (IntEnum); bool has none.
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


def _key(key: Any) -> str:
    """A dict key as JSON writes it (``True``: ``true``, ``None``: ``null``, ``1``: ``1``)."""
    if isinstance(key, str):
        return str.__str__(key)
    if key is None or isinstance(key, (bool, int, float)):
        return json.dumps(key)
    return str(key)


def read_pack(path: Path) -> dict[str, Fields]:
    """Every entry of the pack at ``path``.

    Raises:
        OSError: The file cannot be read.
        PackDamaged: It is truncated, garbled, or of another format.
    """
    data = path.read_bytes()
    body_end = len(data) - _CHECKSUM.size - len(_END)
    if (
        body_end < len(MAGIC)
        or not data.startswith(MAGIC)
        or data[body_end : body_end + len(_END)] != _END
        or zlib.crc32(memoryview(data)[: body_end + len(_END)])
        != _CHECKSUM.unpack_from(data, body_end + len(_END))[0]
    ):
        raise PackDamaged(path.name)
    view = memoryview(data)
    entries: dict[str, Fields] = {}
    offset = len(MAGIC)
    try:
        while offset < body_end:
            (size,) = _SIZE.unpack_from(view, offset)
            offset += _SIZE.size
            if offset + size > body_end:
                raise PackDamaged(path.name)
            record = marshal.loads(view[offset : offset + size])
            offset += size
            if not (isinstance(record, tuple) and len(record) == 2):
                raise PackDamaged(path.name)
            key, fields = record
            if not isinstance(key, str) or not isinstance(fields, tuple):
                raise PackDamaged(path.name)
            entries[key] = fields
    except (EOFError, ValueError, TypeError, struct.error) as err:
        raise PackDamaged(path.name) from err
    return entries


class PackWriter:
    """Writes one pack record by record (nothing kept in memory), renamed into place on
    ``close``."""

    def __init__(self, final: Path) -> None:
        self._final = final
        self._partial = final.with_name(f"{final.name}.tmp")
        self._checksum = 0
        self._file: IO[bytes] | None = None
        self.count = 0

    def add(self, key: str, fields: Fields) -> None:
        """Append one entry (``fields`` of plain types: see ``plain``).

        Raises:
            OSError: The pack cannot be written.
            ValueError: ``fields`` holds a type marshal cannot write.
        """
        record = marshal.dumps((key, fields))
        if self._file is None:
            self._final.parent.mkdir(parents=True, exist_ok=True)
            self._file = self._partial.open("wb", buffering=_CHUNK)
            self._write(MAGIC)
        self._write(_SIZE.pack(len(record)))
        self._write(record)
        self.count += 1

    def close(self) -> Path | None:
        """Finish the pack and put it in place (None when it holds nothing)."""
        if self._file is None:
            return None
        self._write(_END)
        self._file.write(_CHECKSUM.pack(self._checksum))
        self._file.close()
        self._file = None
        os.replace(self._partial, self._final)
        return self._final

    def discard(self) -> None:
        """Drop an unfinished pack."""
        if self._file is not None:
            self._file.close()
            self._file = None
            self._partial.unlink(missing_ok=True)

    def _write(self, chunk: bytes) -> None:
        assert self._file is not None
        self._file.write(chunk)
        self._checksum = zlib.crc32(chunk, self._checksum)


class PassPacks:
    """One writer's entries of one locale pass: the packs read, the pack written.

    Args:
        folder: The cache folder (``packs/`` below it).
        label: The folder as the config gives it, for messages.
        pass_key: The pass's key (every page key of the pass starts from it).
        writer: Which part of the pass this process builds (``all``, or a shard's
            ``1of2``): a writer compacts only its own packs (see the module docstring).
        warn: Whether a damaged pack is reported (not by a reader that falls back to
            building the pass, which reports it then).
    """

    def __init__(
        self, folder: Path, label: str, pass_key: str, writer: str, *, warn: bool = True
    ) -> None:
        self._folder = folder / FOLDER
        self._label = label
        self._prefix = f"{pass_key}."
        self._writer = writer
        self._warn = warn
        self._entries: dict[str, Fields] | None = None
        self._origin: dict[str, Path] = {}
        """Key -> the pack it was read from."""
        self._used: set[str] = set()
        self._new: PackWriter | None = None
        self._closed = False

    def get(self, key: str) -> Fields | None:
        """The fields cached under ``key`` (the pass's packs are read on the first call)."""
        if self._entries is None:
            self._entries = self._read_all()
        found = self._entries.get(key)
        if found is not None:
            self._used.add(key)
        return found

    def forget(self, key: str) -> str:
        """An entry found unusable: neither used nor kept. Returns its pack, for messages."""
        self._used.discard(key)
        path = self._origin.get(key)
        return self._shown(path.name if path is not None else "?")

    def put(self, key: str, fields: Fields) -> None:
        """Keep ``fields`` under ``key`` in this writer's new pack (after ``discard``: no).

        Raises:
            OSError: The pack cannot be written.
            ValueError: ``fields`` holds a type marshal cannot write.
        """
        try:
            self._writer_pack().add(key, fields)
        except OSError:
            self.discard()  # A pack missing a record would be damaged: none is written.
            raise

    def close(self, *, complete: bool = True) -> None:
        """The pass is over: touch the pack it used whole, or write the entries it used.

        Args:
            complete: Whether the pass looked up every page it builds (not a dirty build
                of a few pages under ``mkdocs serve``): then the new pack holds every entry
                of this writer's earlier packs still of use, and those are removed (serve
                never prunes, and would otherwise gather a pack per rebuild).
        """
        if self._closed:
            return
        own = {path for path in self._origin.values() if self._is_own(path)}
        used_from = {self._origin[key] for key in self._used}
        whole = (
            self._new is None
            and used_from <= own
            and len(own) == 1
            and self._used == {k for k, p in self._origin.items() if p in own}
        )
        try:
            if whole:
                os.utime(next(iter(own)))
            else:
                assert self._entries is not None or not self._used
                for key in sorted(self._used):
                    assert self._entries is not None
                    self._writer_pack().add(key, self._entries[key])
                if self._new is not None:
                    self._new.close()
                    self._new = None
                if complete:
                    for path in own:
                        path.unlink(missing_ok=True)
        except (OSError, ValueError) as err:
            log.debug(f"The build cache's pack was not written ({err})")
            self.discard()
        self._closed = True
        self._entries, self._origin = None, {}

    def keep(self) -> None:
        """Entries were read without building the pass (``site_replay``): every pack they
        came from is kept as it is (touched, so ``prune`` leaves it)."""
        for path in {self._origin[key] for key in self._used}:
            try:
                os.utime(path)
            except OSError:
                continue
        self._closed = True
        self._entries, self._origin = None, {}

    def discard(self) -> None:
        """Drop this writer's unfinished pack (a failed pass)."""
        self._closed = True
        if self._new is not None:
            self._new.discard()
            self._new = None

    def _writer_pack(self) -> PackWriter:
        if self._closed:
            raise OSError("the pass's pack was discarded")
        if self._new is None:
            unique = f"{os.getpid()}-{time.time_ns()}-{os.urandom(4).hex()}"
            name = f"{self._prefix}{self._writer}.{unique}{SUFFIX}"
            self._new = PackWriter(self._folder / name)
        return self._new

    def _shown(self, name: str) -> str:
        return f"{self._label.rstrip('/')}/{FOLDER}/{name}"

    def _is_own(self, path: Path) -> bool:
        return path.name[len(self._prefix) :].split(".", 1)[0] == self._writer

    def _read_all(self) -> dict[str, Fields]:
        """Every entry of the pass's packs; a damaged pack is left out with a warning."""
        entries: dict[str, Fields] = {}
        try:
            names = sorted(
                name
                for name in os.listdir(self._folder)
                if name.startswith(self._prefix) and name.endswith(SUFFIX)
            )
        except OSError:
            return entries
        for name in names:
            path = self._folder / name
            try:
                found = read_pack(path)
            except OSError:
                continue  # Removed meanwhile (another build's prune): a miss.
            except PackDamaged:
                if not self._warn:
                    continue
                log.warning(
                    f"The build cache entry '{self._shown(name)}' is damaged; it is ignored "
                    "and rebuilt."
                )
                continue
            for key, fields in found.items():
                entries[key] = fields
                self._origin[key] = path
        return entries


def prune(folder: Path, started: float) -> None:
    """Remove the files of ``folder`` (packs, unfinished files) no writer of this build
    wrote or touched."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        path = folder / name
        try:
            if path.stat().st_mtime < started - 1:
                path.unlink()
        except OSError:
            continue
