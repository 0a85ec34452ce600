"""Compatibility findings: what a build met that Jekyll's output may not survive as is.

A finding is not a warning. Some are (lax Liquid, conflicts: they fail ``--strict`` as
before); others are hints a working build cannot see (a root-relative link that breaks under
a project path, an untranslated page). ``mkdocs build`` prints their count in one line and
``mkdocs-jekyll report`` lists them, grouped by category.

Any room records one with ``record_finding``; it costs nothing when no build collects.
Findings travel as DEBUG records of the logger ``mkdocs_jekyll.findings``, outside
``mkdocs.*``: MkDocs never shows them and ``--strict`` never counts them, and the parallel
locale passes hand them back to the parent like every other record (``parallel.py``).
``FindingsCollector`` is the handler a build attaches to receive them.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs_jekyll.jekyll.errors import ContentError

LOGGER = "mkdocs_jekyll.findings"

I18N = "i18n"
LIQUID = "liquid"
KRAMDOWN = "kramdown"
LINKS = "links"
CONFLICTS = "conflicts"
THEME = "theme"

CATEGORIES: dict[str, str] = {
    I18N: "Translations: unpaired i18n_keys and missing translations",
    LIQUID: "Liquid rendered leniently or not resolved",
    KRAMDOWN: "kramdown syntax left with no rendering",
    LINKS: "Root-relative links written without relative_url (they break under a project path)",
    CONFLICTS: "Permalink and redirect conflicts",
    THEME: "Layouts and includes the package does not provide",
}
"""Each category and its heading in the report, in the report's order."""

_converting: ContextVar[str | None] = ContextVar("mkdocs_jekyll_converting", default=None)
"""The page whose Markdown MkDocs is converting (set by the plugin around the conversion)."""

_logger = logging.getLogger(LOGGER)
_logger.propagate = False
_logger.setLevel(logging.DEBUG)


@dataclass(frozen=True, order=True)
class Finding:
    """One finding: where (relative to docs_dir, or ``mkdocs.yml``/``_includes/..``) and what."""

    category: str
    path: str
    line: int | None
    message: str

    def format(self) -> str:
        """``path:line: message``, the plugin's message format."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


def record_finding(
    category: str, path: str | None, message: str, *, line: int | None = None
) -> None:
    """Record a compatibility finding for the report.

    Args:
        category: One of ``CATEGORIES`` (``KRAMDOWN`` for kramdown-only syntax).
        path: The file, relative to ``docs_dir`` as messages name it. None: the page whose
            Markdown is being converted (a Markdown extension does not know its page).
        message: What was found and what to do, without the path.
        line: The line in the file (front matter included), when known.
    """
    if category not in CATEGORIES:
        raise ValueError(f"unknown finding category '{category}'")
    if _logger.handlers:
        if path is None:
            path = _converting.get() or "(Markdown outside a page)"
        finding = Finding(category, path, line, message)
        _logger.debug(finding.format(), extra={"finding": finding})


def converting(path: str | None) -> None:
    """Name the page whose Markdown is converted next (None once it is converted)."""
    _converting.set(path)


def record_error(category: str, err: ContentError) -> None:
    """Record a ``ContentError`` the build warned about (and went on) as a finding too."""
    record_finding(category, err.path, err.message, line=err.line)


class FindingsCollector(logging.Handler):
    """Receives the findings of one build, each once, in the order first recorded."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self._found: dict[Finding, None] = {}

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the record's finding."""
        finding = getattr(record, "finding", None)
        if isinstance(finding, Finding):
            self._found.setdefault(finding, None)

    def add(self, finding: Finding) -> None:
        """Keep a finding computed outside a record (the build's own checks at its end)."""
        self._found.setdefault(finding, None)

    @property
    def findings(self) -> list[Finding]:
        """Every finding so far, by category (``CATEGORIES`` order), file and line.

        Sorted, so the report reads the same whichever pass or worker met a finding first.
        """
        order = {category: index for index, category in enumerate(CATEGORIES)}
        return sorted(
            self._found, key=lambda f: (order[f.category], f.path, f.line or 0, f.message)
        )

    def attach(self) -> None:
        """Start receiving: one collector at a time (a new build replaces the last one)."""
        for handler in list(_logger.handlers):
            _logger.removeHandler(handler)
        _logger.addHandler(self)

    def detach(self) -> None:
        """Stop receiving."""
        _logger.removeHandler(self)
