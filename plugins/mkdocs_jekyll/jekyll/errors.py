"""Error types for content mistakes, and the one message format they all share.

The core modules (front matter, permalinks, Liquid) must not import MkDocs, so they raise
``ContentError``; ``plugin.py`` turns it into MkDocs' ``PluginError`` so the build stops with
one clean line instead of a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence


def format_location(path: str, line: int | None = None, column: int | None = None) -> str:
    """Return ``path``, ``path:line`` or ``path:line:column`` as compilers print them.

    Args:
        path: The file, relative to the project's ``docs_dir`` (or to the project root for
            files outside it, such as ``_includes/note.html``).
        line: 1-based line number, when known.
        column: 1-based column number, when known (ignored without a line).

    Returns:
        The location prefix used by every message of the plugin.
    """
    if line is None:
        return path
    if column is None:
        return f"{path}:{line}"
    return f"{path}:{line}:{column}"


class ContentError(Exception):
    """A mistake in the site's content or configuration that the author must fix.

    The message reads ``path:line:col: what went wrong`` followed by one
    ``  included from 'x'`` line per include level, as Jekyll prints Liquid errors.
    """

    def __init__(
        self,
        path: str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        chain: Sequence[str] = (),
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.chain = tuple(chain)
        super().__init__(self.format())

    def format(self) -> str:
        """Render the full message, location first."""
        text = f"{format_location(self.path, self.line, self.column)}: {self.message}"
        for item in self.chain:
            text += f"\n  included from {item}"
        return text


class ConfigError(ContentError):
    """A mistake in the plugin's configuration (``mkdocs.yml`` or a data file it points at)."""
