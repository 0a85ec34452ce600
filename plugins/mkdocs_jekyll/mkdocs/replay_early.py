"""A replayed build's files written from the build's first hook, on a guess that it is one.

Why: a build of an unchanged site writes the last build's files (``site_replay``) in a
forked process, and the writes are most of its time (kernel time: ~0.35 s on the bench's
site, more on a disk busy deleting). That process could start only once the replay's key
was known, after the scan and the Liquid store (~0.5 s into a 0.9 s build), with the
other CPU idle until then. Started from ``on_config`` instead, the writes begin ~0.17 s
sooner.

- **The guess** is a ``stamp`` of the sources: the path, size and modification time of
  every file below ``docs_dir``, the data and includes folders and the theme's
  ``custom_dir`` (not through links to folders, nor in dot folders), and of ``mkdocs.yml``
  (~3 ms for the bench's 600 pages). Each kept build
  is saved with the stamp its build started with (``<key>.stat`` beside ``<key>.pack``). A
  build whose stamp is the kept build's loads it at once and starts writing it
  (``EarlyReplay.start``: ``SiteReplay.load`` and ``start``). The build reads the kept
  build's record (its logs, its other files' bytes); the forked writer reads its pages from
  their packs (``pages_later``: 17 of the bench's 26 MB), which took the build 30 ms on its
  critical path, then writes them, and the build takes the replay only once they were read
  (``SiteReplay.pages_ready``). Measured on the bench: ``warm`` median 397 -> 365 ms over
  sixteen alternated pairs.
- **The key decides**, as for any replay (``site_replay.open_replay``): the same key takes
  the replay as it is; anything else (another key, a build whose pages are rendered,
  ``--dirty``, a build that fails) stops the process and removes what it wrote
  (``EarlyReplay.cancel``). A stamp can be wrong either way: a file edited without its
  size or time changing costs a stopped process; a file touched but not changed costs only
  the head start.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mkdocs_jekyll.mkdocs.parallel import can_fork_helper
from mkdocs_jekyll.mkdocs.site_replay import FOLDER, STAMP_SUFFIX, SUFFIX, SiteReplay

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from mkdocs.config.defaults import MkDocsConfig


def stamp(config: MkDocsConfig, folders: Iterable[Path]) -> str:
    """The sources as the file system describes them: every file's path, size and time.

    Args:
        config: The build's config (``docs_dir``, ``mkdocs.yml``, the theme's ``custom_dir``).
        folders: The site's other folders (the data and includes folders).
    """
    digest = hashlib.sha256(b"sources\0")
    roots = [config.docs_dir, *map(str, folders)]
    if config.theme.custom_dir:
        roots.append(config.theme.custom_dir)
    for root in roots:
        digest.update(f"\0root\0{root}".encode("utf-8", "surrogateescape"))
        # Not through links to folders (a link to `/` would make this walk endless before
        # the build's guard, `refuse_endless_walks`, runs), nor into dot folders: a change
        # there costs a stopped writer at worst, as the key sees every file.
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(name for name in dirs if not name.startswith("."))
            for name in sorted(names):
                _stat_into(digest, os.path.join(folder, name))
    _stat_into(digest, config.config_file_path or "mkdocs.yml")
    return digest.hexdigest()


def _stat_into(digest: hashlib._Hash, path: str) -> None:
    try:
        info = os.stat(path)
    except OSError:
        digest.update(f"\0{path}\0missing".encode("utf-8", "surrogateescape"))
        return
    line = f"\0{path}\0{info.st_size}\0{info.st_mtime_ns}"
    digest.update(line.encode("utf-8", "surrogateescape"))


@dataclass
class EarlyReplay:
    """The kept build ``key``, loaded, its files being written into ``site_dir``."""

    key: str
    replay: SiteReplay
    site_dir: str

    @classmethod
    def start(
        cls, cache_folder: Path, label: str, site_dir: str, sources: str
    ) -> EarlyReplay | None:
        """Start writing the one kept build whose stamp is ``sources``, if there is one.

        Args:
            cache_folder: The build cache's folder.
            label: The folder as the config gives it, for messages.
            site_dir: The staged folder.
            sources: This build's ``stamp``.
        """
        if not can_fork_helper():
            return None
        folder = cache_folder / FOLDER
        try:
            names = os.listdir(folder)
        except OSError:
            return None
        records = [name for name in names if name.endswith(SUFFIX)]
        if len(records) != 1:
            return None  # None, or a build saving its own right now.
        key = records[0][: -len(SUFFIX)]
        try:
            kept = (folder / f"{key}{STAMP_SUFFIX}").read_text(encoding="ascii")
        except (OSError, ValueError):
            return None
        if kept != sources:
            return None
        # Its pages are read by the writing process, beside the build (``pages_ready``).
        replay = SiteReplay.load(cache_folder, label, key, quiet=True, pages_later=True)
        if replay is None:
            return None
        replay.start(site_dir)
        return cls(key, replay, site_dir)

    def cancel(self) -> None:
        """The build does not replay ``key``: stop writing, and remove what was written."""
        self.replay.stop(self.site_dir)
