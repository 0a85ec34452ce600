"""A site path split as ``PurePosixPath`` splits it, without making one.

Reading the site asks for the parts or the name of every file several times (its collection,
its locale, the pages' sort by name): a ``PurePosixPath`` each time costs ten times a string
split, a few milliseconds of every build's serial head on a site of 600 pages. A path that a
split could read differently (an empty or ``.`` part: ``a//b``, ``/a``, ``a/``, ``./a``) is
still read by ``PurePosixPath``.
"""

from __future__ import annotations

from pathlib import PurePosixPath


def path_parts(path: str) -> tuple[str, ...]:
    """``PurePosixPath(path).parts``: ``en/_posts/a.md`` -> ``('en', '_posts', 'a.md')``."""
    parts = path.split("/")
    if "" in parts or "." in parts:
        return PurePosixPath(path).parts
    return tuple(parts)


def path_name(path: str) -> str:
    """``PurePosixPath(path).name``: ``en/_posts/a.md`` -> ``a.md``."""
    name = path.rpartition("/")[2]
    if name and name != ".":
        return name
    return PurePosixPath(path).name
