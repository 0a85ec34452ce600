"""Material search's root index written by the build's end only, not by every locale pass.

Each locale pass (and each shard of one, in its worker) runs Material search's
``on_post_build``, which encodes the pass's entries as JSON and writes them to the root
``search/search_index.json``: 8-12 ms of CPU per pass on the bench. In a ``mkdocs build``
that file is then written again by static-i18n once every pass is done
(``reconfigure_search_index`` calls the plugin's ``on_post_build`` itself, with every
locale's entries), so what the passes wrote is overwritten unread: the passes read their
own index from the plugin (``features/search_index.pass_index``), not from the file.

``install`` puts ``_Replacement`` in the place of that ``on_post_build`` in the build's
event list (same position, same plugin named in MkDocs' messages), which skips the write
when the jekyll/i18n plugin says the root index is written again later in this build
(``rewritten_later``), and otherwise runs Material's own. static-i18n's final call goes to
the plugin's own method, so the one write that stays is Material's. Only over the code it
was read from (``UPSTREAM``: nothing but that write, and under ``--dirty`` the index kept
for the next rebuild, which is never skipped); another Material keeps its own method.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.compat import nested_code_fingerprint
from mkdocs_jekyll.mkdocs.search_attributes import replace_search_handler

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig

UPSTREAM = (
    frozenset({"config", "enabled", "os", "path", "join", "site_dir", "search_index"})
    | frozenset({"generate_search_index", "search_index_prev", "utils", "write_file"})
    | frozenset({"encode", "is_dirty"}),
    frozenset({"search", "search_index.json", "utf-8"}),
)
"""The names and strings of Material's ``SearchPlugin.on_post_build`` (9.8.2)."""


@cache
def mirrored(method: Callable[..., Any]) -> bool:
    """Whether ``method`` (the plugin class's ``on_post_build``) is the code read here."""
    return nested_code_fingerprint(method) == UPSTREAM


def install(config: MkDocsConfig, rewritten_later: Callable[[MkDocsConfig], bool]) -> bool:
    """Skip Material search's root index write in the passes whose index is written again.

    Called in every pass (idempotent): a pass reuses the build's plugin collection.

    Args:
        config: The pass's configuration.
        rewritten_later: Whether the root index is written again after this pass, asked
            when the pass ends (jekyll/i18n's answer).

    Returns:
        Whether the build's event list now holds ``_Replacement`` for the search plugin.
    """
    return replace_search_handler(config, "post_build", mirrored, _Replacement, rewritten_later)


class _Replacement:
    """Material search's ``on_post_build`` for one plugin instance, its write skipped in
    the passes whose root index is written again later."""

    def __init__(self, plugin: Any, rewritten_later: Callable[[MkDocsConfig], bool]) -> None:
        self.plugin = plugin
        self.rewritten_later = rewritten_later

    def __call__(self, *, config: MkDocsConfig) -> None:
        """Material's own, unless it would only write a file written again later."""
        plugin = self.plugin
        if plugin.config.enabled and not plugin.is_dirty and self.rewritten_later(config):
            return
        plugin.on_post_build(config=config)
