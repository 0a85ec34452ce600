"""Kramdown syntax the pipeline cannot render: one warning naming the page and line.

Python-Markdown extensions do not know which file they convert, so the plugin names the
page before MkDocs converts it (``converting``); an extension that meets syntax it cannot
render calls ``unsupported`` with the line in the Markdown it was given. The warning goes
through the plugin logger (``--strict`` fails on it), and the same finding is recorded for
``mkdocs-jekyll report`` (``jekyll/findings.py``, category ``kramdown``).
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass

from mkdocs_jekyll.jekyll.findings import KRAMDOWN, record_finding
from mkdocs_jekyll.jekyll.log import plugin_logger

log = plugin_logger(__name__)


@dataclass(frozen=True)
class PageSource:
    """The page being converted.

    Attributes:
        path: Its path relative to ``docs_dir``.
        line_offset: Lines before the Markdown body (its front matter): body line ``n`` is
            file line ``n + line_offset``.
    """

    path: str
    line_offset: int = 0


_CURRENT: ContextVar[PageSource | None] = ContextVar("kramdown_page", default=None)


def converting(page: PageSource | None) -> None:
    """Name the page MkDocs converts next (``None`` once it is done)."""
    _CURRENT.set(page)


def unsupported(
    syntax: str, *, line: int | None = None, hint: str = "", source: str | None = None
) -> str:
    """Warn that ``syntax`` is kramdown's and is not rendered as kramdown would.

    Args:
        syntax: What the author wrote, named as kramdown's documentation names it.
        line: Its line in the Markdown body (1-based), when known.
        hint: What the author can do instead.
        source: Where it was written when that is not the page being converted
            (``mkdocs.yml`` for a setting).

    Returns:
        The message logged: "<page>:<line>: <syntax> is not supported; <hint>".
    """
    page = None if source else _CURRENT.get()
    where = source or (page.path if page else "<markdown>")
    file_line = line + page.line_offset if page is not None and line is not None else None
    if file_line is not None:
        where += f":{file_line}"
    what = f"{syntax} is not supported" + (f"; {hint}" if hint else "")
    message = f"{where}: {what}"
    log.warning(message)
    # The same finding for `mkdocs-jekyll report` (nothing when no build collects).
    record_finding(KRAMDOWN, source or (page.path if page else None), what, line=file_line)
    return message
