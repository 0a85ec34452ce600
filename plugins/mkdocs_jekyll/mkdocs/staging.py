"""Atomic builds: a build writes into a folder beside ``site/`` that replaces it on success.

MkDocs cleans ``site/`` before writing the new site into it, so anything that fails after
that point (a ``--strict`` warning, another plugin's exception, a failed locale pass, a bad
option caught late) leaves a half-written site: good pages deleted, ``.nojekyll`` gone.
Here every build writes into ``.<site>.building-<pid>`` next to ``site/`` (the same parent,
so the final rename stays on one filesystem) and that folder replaces ``site/`` only after
the last post-build step; on any failure it is removed and ``site/`` is left as it was.

Nested builds (jekyll/i18n's locale passes, in this process or in forked workers) write
into the same staged folder and never swap: only the build that started it does.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)

_PROBE = "mkdocs-jekyll-staging-probe"
"""Left in a new staged folder: MkDocs' ``clean_directory`` removes it unless ``--dirty``.

Not hidden, because ``clean_directory`` keeps hidden entries.
"""


@dataclass
class StagedBuild:
    """One build's staged output folder and the real ``site/`` it will replace."""

    config: MkDocsConfig
    """The build's config, whose ``site_dir`` points at ``staging`` until the build ends."""
    site_dir: str
    """``site_dir`` as configured: what ``config.site_dir`` is given back after the build."""
    target: Path
    """The folder replaced on success (a symlinked ``site/`` is resolved to its target)."""
    staging: Path
    """Where this build writes."""
    pid: int
    """The process that staged the build; forked locale workers never swap or remove it."""

    @property
    def owned(self) -> bool:
        """True in the process that started the build (not in a forked locale worker)."""
        return os.getpid() == self.pid


def stage(config: MkDocsConfig) -> StagedBuild | None:
    """Point ``config.site_dir`` at a new, empty folder beside ``site/``.

    A folder left by an interrupted build of this process (Ctrl-C skips MkDocs'
    ``on_build_error``) or by a process that no longer runs is removed first.

    Args:
        config: The build's config; ``site_dir`` is absolute, as MkDocs validated it.

    Returns:
        The staged build, its ``staging`` folder holding only the clean-step probe; None
        when ``site/``'s parent is not writable (a mounted ``site/``): MkDocs then builds
        in place, as without this module.
    """
    site_dir = config.site_dir
    target = Path(os.path.realpath(site_dir))
    staging = target.parent / f".{target.name}.building-{os.getpid()}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(target)
        staging.mkdir()
        (staging / _PROBE).write_bytes(b"")
    except OSError as err:
        log.debug(f"building in place: no staged folder beside '{target}' ({err})")
        return None
    config.site_dir = str(staging)
    log.debug(f"building into '{staging}', which replaces '{target}' on success")
    return StagedBuild(config, site_dir, target, staging, os.getpid())


def keep_dirty_files(staged: StagedBuild) -> bool:
    """After MkDocs' clean step: under ``--dirty``, start from a copy of the current site.

    ``--dirty`` means "do not clean": unchanged files stay and only newer sources are
    rebuilt, which MkDocs decides by comparing modification times, so the copy keeps them.

    Returns:
        Whether the build is a dirty one.
    """
    probe = staged.staging / _PROBE
    if not probe.exists():
        return False  # Cleaned: an ordinary build, which starts empty.
    probe.unlink()
    if staged.target.is_dir():
        shutil.copytree(
            staged.target,
            staged.staging,
            symlinks=True,
            dirs_exist_ok=True,
            ignore=partial(_hidden_top_level, staged.target),
        )
        log.debug(f"dirty build: started from a copy of '{staged.target}'")
    return True


def publish(staged: StagedBuild) -> None:
    """Replace ``site/`` with the staged folder.

    Top-level hidden entries of the old site that the build did not write (``site/.git``
    of a publishing checkout) move across, as MkDocs' clean step never deletes them.
    """
    staged.config.site_dir = staged.site_dir
    _remove_probe(staged.staging)
    target, staging = staged.target, staged.staging
    if not target.exists():
        staging.rename(target)
        return
    if target.is_dir():
        for entry in os.listdir(target):
            if entry.startswith(".") and not (staging / entry).exists():
                os.rename(target / entry, staging / entry)
    previous = target.parent / f".{target.name}.previous-{os.getpid()}"
    try:
        target.rename(previous)
    except OSError:
        # A mount point or a folder held open (Windows) cannot move: refill it instead.
        _refill(target, staging)
        return
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
    log.debug(f"'{target}' replaced by the new build")


def discard(staged: StagedBuild) -> None:
    """Remove the staged folder of a failed build; ``site/`` is untouched."""
    staged.config.site_dir = staged.site_dir
    shutil.rmtree(staged.staging, ignore_errors=True)
    log.debug(f"build failed: '{staged.target}' left as it was")


def _hidden_top_level(root: Path, folder: str, names: list[str]) -> list[str]:
    """``copytree``'s ignore: hidden entries of ``root`` itself (they move at ``publish``)."""
    return [name for name in names if name.startswith(".")] if Path(folder) == root else []


def _remove_probe(folder: Path) -> None:
    """The probe of a build whose ``on_files`` never ran must not be published."""
    (folder / _PROBE).unlink(missing_ok=True)


def _refill(target: Path, staging: Path) -> None:
    """Replace ``target``'s contents with ``staging``'s, entry by entry (not atomic)."""
    for entry in os.listdir(target):
        path = target / entry
        if entry.startswith(".") and not (staging / entry).exists():
            continue  # Kept, as MkDocs' clean step keeps hidden entries.
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    for entry in os.listdir(staging):
        shutil.move(staging / entry, target / entry)  # A mount point: maybe another device.
    staging.rmdir()


def _remove_stale(target: Path) -> None:
    """Remove staged folders of builds that can no longer finish (their process is gone)."""
    prefixes = (f".{target.name}.building-", f".{target.name}.previous-")
    for path in target.parent.iterdir():
        name = path.name
        prefix = next((p for p in prefixes if name.startswith(p)), None)
        if prefix is None or not name[len(prefix) :].isdigit():
            continue
        pid = int(name[len(prefix) :])
        if pid != os.getpid() and _running(pid):
            continue
        if prefix.endswith("previous-") and not target.exists():
            path.rename(target)  # Interrupted between the two renames: the last good site.
        else:
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists (possibly another user's).

    On Windows ``os.kill(pid, 0)`` would send Ctrl-C; every process counts as running.
    """
    if os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
