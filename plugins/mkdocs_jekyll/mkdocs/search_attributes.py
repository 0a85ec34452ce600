"""Material search's removal of ``data-search-*`` attributes, skipped where none can be.

After indexing a page in ``on_page_context``, Material's search plugin removes every
``data-search-exclude`` (and other ``data-search-*``) attribute from the page's HTML:
``re.sub(r'\\s?data-search-\\w+=\\"[^\\"]+\\"', "", page.content)``. The pattern opens with an
optional space, so the regex engine starts a match attempt at every character of every page:
1.7% of a cold build's CPU on the bench (issue #17), for pages that almost never hold such an
attribute. Every match holds the text ``data-search-``, so a page without it comes out of the
substitution unchanged; a ``str.find`` tells, about ten times faster than the attempt.

``install`` puts ``page_context`` in the place of the plugin's own ``on_page_context`` in the
build's event list (same position, same plugin named in MkDocs' messages). It does so only
over the code it was read from (``UPSTREAM``, compared by ``compat.nested_code_fingerprint``):
another Material keeps its own method, and ``tests/test_compat.py`` names the change.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.compat import (
    material_search_plugin,
    nested_code_fingerprint,
    replace_event_method,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

PATTERN = r"\s?data-search-\w+=\"[^\"]+\""
"""Material's pattern, as its ``on_page_context`` passes it to ``re.sub``."""

MARKER = "data-search-"
"""Text every match of ``PATTERN`` holds (its one optional part is the leading space)."""

UPSTREAM = (
    frozenset(
        {"config", "enabled", "search_index", "add_entry_from_context", "content", "re", "sub"}
    ),
    frozenset({PATTERN, ""}),
)
"""The names and strings of Material's ``SearchPlugin.on_page_context`` (9.6.16 to 9.8.2)."""


@cache
def mirrored(method: Callable[..., Any]) -> bool:
    """Whether ``method`` (the plugin class's ``on_page_context``) is the code read here."""
    return nested_code_fingerprint(method) == UPSTREAM


def install(config: MkDocsConfig) -> bool:
    """Run ``page_context`` instead of Material search's ``on_page_context`` in this build.

    Called in every pass (idempotent): a pass reuses the build's plugin collection.

    Returns:
        Whether the build's event list now holds ``page_context`` for the search plugin.
    """
    return replace_search_handler(config, "page_context", mirrored, _Replacement)


def replace_search_handler(
    config: MkDocsConfig,
    event: str,
    mirrored: Callable[[Callable[..., Any]], bool],
    replacement: Callable[..., Any],
    *args: Any,
) -> bool:
    """Put ``replacement(plugin, *args)`` in the place of Material search's ``on_<event>``.

    Only where the plugin class's method is the code read (``mirrored``); once per build
    (a pass reuses the build's plugin collection, so a replacement already there stays).

    Returns:
        Whether the build's event list now holds such a replacement for the search plugin.
    """
    plugin = material_search_plugin(config)
    if plugin is None:
        return False
    own = getattr(type(plugin), f"on_{event}", None)
    if own is None or not mirrored(own):
        return False
    if any(
        type(method) is replacement and getattr(method, "plugin", None) is plugin
        for method in config.plugins.events[event]
    ):
        return True
    handler = replacement(plugin, *args)
    return replace_event_method(config, event, getattr(plugin, f"on_{event}"), handler)


class _Replacement:
    """Material search's ``on_page_context`` for one plugin instance, its strip skipped on
    pages without ``MARKER``."""

    def __init__(self, plugin: Any) -> None:
        self.plugin = plugin

    def __call__(
        self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> None:
        """Material's method, line for line, but for the test before the substitution."""
        plugin = self.plugin
        if not plugin.config.enabled:
            return
        plugin.search_index.add_entry_from_context(page)
        content = page.content
        if not isinstance(content, str) or MARKER in content:
            page.content = re.sub(PATTERN, "", content)  # type: ignore[arg-type]
