"""Lines of MkDocs' build log that are not true of the builds this package runs.

static-i18n's nested locale passes would each print "Documentation built in ..." and an
incremental ``mkdocs serve`` rebuild would warn that a dirty build may be inaccurate; both
are silenced for the duration of those builds only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from mkdocs_jekyll.compat import build_log_filter

NESTED_BUILD_LINES = ("Documentation built in", "Building documentation to directory")
"""What every nested locale pass would repeat (static-i18n hides them in its own loop)."""

DIRTY_BUILD_LINES = ("A 'dirty' build is being performed", "The directory contains stale files")
"""MkDocs' notices about ``--dirty``, untrue of an incremental rebuild (``incremental``)."""


@contextmanager
def quiet_build_log(prefixes: tuple[str, ...]) -> Iterator[None]:
    """Drop ``mkdocs.commands.build`` records starting with one of ``prefixes``, meanwhile."""
    logger = logging.getLogger("mkdocs.commands.build")
    quiet = build_log_filter(prefixes)
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)
