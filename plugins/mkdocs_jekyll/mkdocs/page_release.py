"""A built page lets go of its Markdown and HTML once every plugin has seen its output.

MkDocs keeps every ``Page`` of a pass until the pass ends (the files and the nav hold
them), and with it the page's Markdown source and converted HTML: about 4 MiB for the
bench's 200 pages per pass, held by each process at its peak (the parent holds its first
pass's all through the passes it builds after it). Once the page's output is written,
nothing of the site reads them again, so they become empty strings, not None: a page's
``title`` (shown in the other pages' navigation) is None when its Markdown is None, and is
read from the Markdown when its HTML is None, so with empty strings it stays as it was.

Only when the plugins are those known to read neither after the page (``page_shards``'
list) and not under ``mkdocs serve``, whose rebuilds take a page whose Markdown is None
for one they did not read (``incremental``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from mkdocs_jekyll.mkdocs.page_shards import SHARDABLE_PLUGINS

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

Handler = TypeVar("Handler", bound=Callable[..., Any])


def leaves_output(handler: Handler) -> Handler:
    """Mark an ``on_post_page`` handler that returns the output it is given, unchanged.

    The build cache writes a page's output in the core plugin's last handler when only such
    handlers follow it (``page_cache.writes_last``): what they return is not written.
    """
    handler.leaves_output = True  # type: ignore[attr-defined]
    return handler


def may_release(config: MkDocsConfig, *, serving: bool) -> bool:
    """Whether this build's pages may let go of their text once written (see above)."""
    return not serving and set(config.plugins) <= SHARDABLE_PLUGINS


def release(page: Page) -> None:
    """Empty the page's Markdown and HTML (after every plugin's ``on_post_page``).

    A page without HTML keeps both: its title may still come from its Markdown.
    """
    if page.content is not None and page.markdown is not None:
        page.markdown = ""
        page.content = ""
