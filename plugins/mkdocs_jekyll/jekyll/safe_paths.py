"""What the plugin may read from the author's folders: paths inside them, as UTF-8 text.

A site's folders come from anyone who can open a pull request. A symbolic link such as
``docs/en/etc -> /etc`` would otherwise publish files of the machine that builds the site,
and a file that is not UTF-8 would stop the build with a traceback naming no file. Every
reader of the plugin (pages, ``_data``, ``_includes``, ``include_relative``, the theme's
``custom_dir``) goes through these two rules. This module does not import MkDocs.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path, PurePosixPath

from mkdocs_jekyll.jekyll.errors import ContentError

__all__ = [
    "FolderGuard",
    "escaping_link",
    "is_inside",
    "read_utf8",
    "site_relative",
    "skipped_link_message",
]


def is_inside(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> bool:
    """Tell whether ``path`` lies in ``root`` once every symbolic link is resolved.

    Jekyll's safe mode rule (``EntryFilter#symlink_outside_site_source?``: the entry's
    ``File.realpath`` must start with the site source), compared by path parts rather than
    by string prefix, so ``/site/docs-private`` is not inside ``/site/docs``.

    Args:
        path: The file or folder as the reader found it.
        root: The folder it must stay in (itself resolved: a linked ``docs_dir`` is fine).

    Returns:
        True when the resolved path is ``root`` or below it.
    """
    real = os.path.realpath(path)
    real_root = os.path.realpath(root)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def escaping_link(
    path: str | os.PathLike[str], root: str | os.PathLike[str]
) -> tuple[Path, Path] | None:
    """Find the symbolic link through which ``path`` leaves ``root``, if it does.

    Example: with ``docs/en/etc -> /etc``, ``docs/en/etc/passwd`` gives
    ``(docs/en/etc, /etc)``: the link to report, once for every file below it.

    Args:
        path: A path below ``root`` (lexically: ``root / "en/etc/passwd"``).
        root: The folder the path must stay in.

    Returns:
        ``(link, resolved target)`` of the first part of the path that resolves outside
        ``root``, or None when the path stays inside.
    """
    if is_inside(path, root):
        return None
    path = Path(path)
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return path, Path(os.path.realpath(path))
    current = Path(root)
    for part in parts:
        current = current / part
        if not is_inside(current, root):
            return current, Path(os.path.realpath(current))
    return path, Path(os.path.realpath(path))  # pragma: no cover - resolved outside above


class FolderGuard:
    """``is_inside`` for many files of one folder, resolving each sub-folder once.

    A file leaves the folder through its own link or through one of its parent folders, so
    the parents' answers are shared: a site of 2,000 pages resolves each folder once, not
    each file's every parent.
    """

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = os.fspath(root)
        self._real_root = os.path.realpath(root)
        self._folders: dict[str, bool] = {}

    def _inside(self, path: str) -> bool:
        real = os.path.realpath(path)
        root = self._real_root
        return real == root or real.startswith(root.rstrip(os.sep) + os.sep)

    def escapes(self, path: str) -> bool:
        """Whether ``path`` (a file below the folder) resolves outside it."""
        folder = os.path.dirname(path)
        outside = self._folders.get(folder)
        if outside is None:
            outside = self._folders[folder] = not self._inside(folder)
        return outside or (os.path.islink(path) and not self._inside(path))


def skipped_link_message(link: str, target: Path, folder: str) -> str:
    """The warning for a link that is not followed, e.g. for ``docs/en/passwd``.

    ``en/passwd: symlink to '/etc/passwd' points outside docs_dir; skipped (as Jekyll's
    safe mode does)``.

    Args:
        link: The link, relative to ``docs_dir`` for pages, else to the project.
        target: Where it resolves.
        folder: The folder it leaves, as the author knows it (``docs_dir``, ``_data``).

    Returns:
        The one-line message.
    """
    return (
        f"{link}: symlink to '{target}' points outside {folder}; skipped "
        "(as Jekyll's safe mode does)"
    )


def read_utf8(path: str | os.PathLike[str], label: str) -> str:
    """Read a text file of the site as UTF-8, a leading byte order mark removed.

    Jekyll reads every file as UTF-8 (its ``encoding`` setting); Windows editors often save
    a BOM, which MkDocs also accepts (``utf-8-sig``). Line ends are read as ``Path.read_text``
    reads them (universal newlines): ``\r\n`` and ``\r`` become ``\n``.

    Args:
        path: The file.
        label: How messages name it (relative to ``docs_dir`` for pages, else to the
            project, e.g. ``_data/team.yml``).

    Returns:
        The text, without the BOM.

    Raises:
        ContentError: The file is not valid UTF-8; the message names the first bad byte,
            its offset in the file and its line.
    """
    # Not Path(path): half the CPU, 600 times a build; unbuffered, as it is read whole.
    with open(path, "rb", buffering=0) as file:
        raw = file.readall()
    start = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        text = raw[start:].decode("utf-8")
    except UnicodeDecodeError as err:
        offset = start + err.start
        line = raw.count(b"\n", 0, offset) + 1
        raise ContentError(
            label,
            f"not valid UTF-8 (byte 0x{raw[offset]:02x} at offset {offset}); "
            "save the file as UTF-8",
            line=line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def site_relative(path: str) -> PurePosixPath | None:
    """``path`` as a relative path inside the site, or None when it would leave it.

    Absolute paths, drive letters, ``..`` and empty names are refused.
    """
    relative = PurePosixPath(path.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts or not relative.name or path[1:2] == ":":
        return None
    return relative
