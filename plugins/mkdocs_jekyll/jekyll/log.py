"""The plugin's logger for the rooms that must not import MkDocs.

``mkdocs.plugins.get_plugin_logger`` is two lines: a logger under ``mkdocs.plugins`` (so
MkDocs shows it and ``--strict`` counts its warnings) whose messages start with the package
name. This is the same logger without the import.
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping
from typing import Any


class PrefixedLogger(logging.LoggerAdapter[logging.Logger]):
    """Put ``mkdocs_jekyll: `` in front of every message, as MkDocs' ``PrefixedLogger``."""

    def __init__(self, prefix: str, logger: logging.Logger) -> None:
        super().__init__(logger, {})
        self.prefix = prefix

    def process(
        self, msg: Any, kwargs: MutableMapping[str, Any]
    ) -> tuple[Any, MutableMapping[str, Any]]:
        """Prefix the message."""
        return f"{self.prefix}: {msg}", kwargs


def plugin_logger(name: str) -> PrefixedLogger:
    """``get_plugin_logger(name)`` without importing MkDocs.

    Args:
        name: The module's ``__name__``.

    Returns:
        The logger ``mkdocs.plugins.<name>``, prefixing messages with the package name.
    """
    return PrefixedLogger(name.split(".", 1)[0], logging.getLogger(f"mkdocs.plugins.{name}"))
