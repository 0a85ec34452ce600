"""MkDocs' ``File.src_path`` setter without ``pathlib`` for a plain relative POSIX path.

Every ``File`` made sets ``src_path``, whose setter stores ``PurePath(value).as_posix()``
as ``src_uri``: ~3.5 of the ~4.7 microseconds a ``File`` costs. A locale pass makes ~2,400
on the bench (MkDocs' ``get_files`` 600, static-i18n's locale files and alternates and the
links to other locales' pages ~1,700, the theme's files ~140), and the scan 600 more: ~8 ms
of CPU per pass, a fixed cost every pass and every shard of one pays. For a plain path
(relative, ``/``-separated, no empty, ``.`` or ``..`` part) that round trip through
``PurePosixPath`` gives the same string back, so it is stored as it is; any other value
(absolute, ``a//b``, ``./a``, ``a/``, a ``str`` subclass, a ``Path``) goes through
upstream's setter. A MkDocs whose setter is not that one line, or a Windows ``PurePath``,
keeps upstream's setter untouched.
"""

from __future__ import annotations

from pathlib import PurePath, PurePosixPath
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.compat import file_src_path_mirrored, replace_file_src_path_setter

if TYPE_CHECKING:
    from collections.abc import Callable


def plain_path(path: str) -> bool:
    """Whether ``path`` is relative, POSIX and without empty, ``.`` or ``..`` parts: one
    whose ``PurePath`` parts are its ``/``-separated parts and which ``normpath`` keeps."""
    # An empty, ``.`` or ``..`` part is a ``//``, ``/./`` or ``/../`` once the path is
    # framed by slashes (an empty path is ``//``): three substring tests instead of a
    # split and a loop over the parts.
    framed = f"/{path}/"
    return "//" not in framed and "/./" not in framed and "/../" not in framed


def start_build() -> None:
    """Store plain source paths as they are from now on (once per process).

    Called from the first pass's ``on_config``, before the scan and MkDocs list the files.
    """
    if type(PurePath("a")) is PurePosixPath and file_src_path_mirrored():
        replace_file_src_path_setter(_plain_as_it_is)


def _plain_as_it_is(original: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    """Upstream's ``src_path`` setter, a plain path stored without the ``PurePath`` trip."""

    def src_path(file: Any, value: Any) -> None:
        if type(value) is str and plain_path(value):
            file.src_uri = value
        else:
            original(file, value)

    return src_path
