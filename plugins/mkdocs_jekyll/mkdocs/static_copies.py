"""A static file not written again onto a copy of it that stands (locale passes).

MkDocs' ``build()`` copies every static file of the pass (``Files.copy_static_files``): the
theme's assets (Material's ~47 files) and the site's own files outside the locale folders,
which every locale pass lists (``locale_pass_files``). Each later pass copies them again onto
the same destination with the same bytes: ~47 sources opened and destinations truncated and
written again per pass (measured on the bench: 12 to 20 ms of CPU and up to 0.12 s of wall
per later pass, as rewriting a file just written waits on the disk). With parallel passes,
the processes also write the same files over each other's copies.

So, in a build, a file is not copied when its destination provably holds its bytes: this
process copied it (or found it so) and neither file changed since (device, inode, size,
mtime and ctime as ``os.stat`` gave them: the source's before, the destination's after), or
the destination has the source's size and, read, its bytes (another process's copy). A
skipped file ends as a copy would leave it: ``shutil.copyfile`` keeps neither times nor
mode. Anything else is copied as MkDocs does: a file whose content a plugin set, a ``File``
subclass with its own ``copy_file``, a destination that differs or is missing, a ``--dirty``
build (whose own test of each file stays MkDocs'), or a MkDocs whose loop or
``File.copy_file`` is not the one mirrored here (``compat.static_copy_mirrored``).
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from mkdocs_jekyll.compat import (
    file_content_unset,
    replace_copy_static_files,
    static_copy_mirrored,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.structure.files import Files

log = get_plugin_logger(__name__)

_Stat = tuple[int, int, int, int, int]

CHUNK = 1 << 20
"""How much of each file ``_same_bytes`` reads at a time."""

_copied: dict[tuple[str, str], tuple[_Stat, _Stat]] | None = None
"""The copies this process made or found in this build: (source, destination) to their
``_stat`` then (None: outside a build of ours)."""


def start_build() -> None:
    """Forget the previous build's copies (a serve rebuild cleans the site folder).

    Called from the first pass's ``on_config``. A MkDocs whose copy is not the mirrored one
    keeps its own loop for the whole build.
    """
    global _copied
    if not static_copy_mirrored():
        _copied = None
        return
    replace_copy_static_files(_copy_once)
    _copied = {}


def _stat(path: str) -> _Stat | None:
    """What changes when a file is rewritten or replaced; None for no regular file."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def _same_bytes(source: str, destination: str) -> bool:
    """Whether the two files hold the same bytes (read a chunk at a time)."""
    try:
        with open(source, "rb") as first, open(destination, "rb") as second:
            while True:
                chunk = first.read(CHUNK)
                if chunk != second.read(CHUNK):
                    return False
                if not chunk:
                    return True
    except OSError:
        return False


def _plain_copy(file: File) -> str | None:
    """The source ``file.copy_file`` copies as it is, or None for any other kind of file."""
    source = file.abs_src_path
    if type(file).copy_file is not File.copy_file or not file_content_unset(file):
        return None
    return source


def _copy_once(original: Callable[..., None]) -> Callable[..., None]:
    """``Files.copy_static_files``, skipping the files whose copy stands already."""

    def copy_static_files(
        files: Files,
        dirty: bool = False,
        *,
        inclusion: Callable[[InclusionLevel], bool] = InclusionLevel.is_included,
    ) -> None:
        copied = _copied
        if copied is None or dirty:
            original(files, dirty, inclusion=inclusion)
            return
        for file in files:  # MkDocs 1.6's loop, in its order
            if file.is_documentation_page() or not inclusion(file.inclusion):
                continue
            source = _plain_copy(file)
            if source is None:
                file.copy_file(dirty)
                continue
            key = (source, file.abs_dest_path)
            before = _stat(source)
            found = _stat(key[1])
            if (
                before is not None
                and found is not None
                and (
                    copied.get(key) == (before, found)
                    or (before[2] == found[2] and _same_bytes(*key))
                )
            ):
                log.debug(f"Already copied in this build: '{file.src_uri}'")
                copied[key] = (before, found)
                continue
            file.copy_file(dirty)
            after = _stat(key[1])
            if before is None or after is None:
                copied.pop(key, None)
            else:
                copied[key] = (before, after)

    return copy_static_files
