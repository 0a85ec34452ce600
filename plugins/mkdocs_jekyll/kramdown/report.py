"""Kramdown syntax the pipeline cannot render: one warning naming the page, and a finding.

Python-Markdown extensions do not know which file they convert; the plugin names the page
before MkDocs converts it (``jekyll/findings.py: converting``). An extension that meets
syntax it cannot render, or the pipeline meeting a setting it cannot honour, calls
``unsupported``: a warning through the plugin logger (``--strict`` fails on it) and a
``kramdown`` finding for ``mkdocs-jekyll report``.
"""

from __future__ import annotations

from mkdocs_jekyll.jekyll.findings import KRAMDOWN, converting_page, record_finding
from mkdocs_jekyll.jekyll.log import plugin_logger

log = plugin_logger(__name__)


def unsupported(
    syntax: str, *, line: int | None = None, hint: str = "", source: str | None = None
) -> str:
    """Warn that ``syntax`` is kramdown's and is not rendered as kramdown would.

    Args:
        syntax: What the author wrote, named as kramdown's documentation names it.
        line: Its line in the file (front matter included), when known.
        hint: What the author can do instead.
        source: Where it was written when that is not the page being converted
            (``mkdocs.yml`` for a setting).

    Returns:
        The message logged: "<page>:<line>: <syntax> is not supported; <hint>".
    """
    message = f"{syntax} is not supported" + (f"; {hint}" if hint else "")
    record_finding(KRAMDOWN, source, message, line=line)
    where = source or converting_page() or "(Markdown outside a page)"
    if line is not None:
        where += f":{line}"
    text = f"{where}: {message}"
    log.warning(text)
    return text
