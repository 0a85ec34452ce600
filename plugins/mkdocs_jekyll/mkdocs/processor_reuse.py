"""MkDocs' page processors registered on the shared instance in the place of the last page's.

``compat.render_page_with`` registers MkDocs' four page processors (raw HTML anchors, anchor
ids, link rewriting, title) for every page, as ``Page.render`` does on its new instance. On
the pass's shared instance (``markdown_reuse.py``) each name is still registered, by the
previous page, at the same priority: Python-Markdown's ``Registry.register`` then looks for
the old item's index (sorting the registry first), deletes it, appends the new one and marks
the registry unsorted, so that the page's run over its preprocessors and treeprocessors
sorts both again. About 2% of the Markdown stage of the bench site.

``install`` gives the instance's ``preprocessors`` and ``treeprocessors`` a ``register`` that
puts the new item in the old one's place when ``register`` followed by that sort would leave
it there (``compat.register_in_place``: the registry is sorted, the old item has the same
priority and is the last of that priority), and calls ``Registry.register`` otherwise (a
first page, a new name, another priority).

Why the same: the sort is stable and by priority alone, so an item appended with the
priority of the item it replaces lands after every item of a higher or equal priority, which
is where the old one was when none of its priority followed it; the registry's order, its
items by name (in the same order) and its sorted state are what ``register`` and the sort
give. Only over the code that reasoning was read from (``UPSTREAM``, Python-Markdown 3.11,
compared by ``compat.nested_code_fingerprint``) and for a registry of Python-Markdown's own
class; otherwise ``register`` is left as it is.
"""

from __future__ import annotations

from functools import cache, partial
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.compat import nested_code_fingerprint, register_in_place

if TYPE_CHECKING:
    from markdown import Markdown

UPSTREAM = {
    "register": (
        frozenset({"_PriorityItem", "_data", "_is_sorted", "_priority", "append", "deregister"}),
        frozenset(),
    ),
    "deregister": (
        frozenset({"ValueError", "_data", "_priority", "get_index_for_name"}),
        frozenset(),
    ),
    "get_index_for_name": (
        frozenset({"ValueError", "_priority", "_sort", "format", "index", "name"}),
        frozenset({'No item named "{}" exists.'}),
    ),
    "_sort": (frozenset({"_is_sorted", "_priority", "priority", "sort"}), frozenset()),
}
"""The names and strings of Python-Markdown 3.11's ``Registry`` methods that ``register``
runs (``compat.nested_code_fingerprint``)."""


@cache
def mirrored() -> bool:
    """Whether Python-Markdown's ``Registry`` is the code ``register_in_place`` was read from."""
    from markdown.util import Registry

    return all(
        nested_code_fingerprint(getattr(Registry, method, None)) == fingerprint
        for method, fingerprint in UPSTREAM.items()
    )


def _register(registry: Any, item: object, name: str, priority: float) -> None:
    """``Registry.register``, in place when that gives the same registry."""
    if not register_in_place(registry, item, name, priority):
        type(registry).register(registry, item, name, priority)


def install(md: Markdown) -> None:
    """Register MkDocs' page processors in place on ``md``, the pass's shared instance."""
    from markdown.util import Registry

    if not mirrored():
        return
    for registry in (md.preprocessors, md.treeprocessors):
        if type(registry) is Registry:
            registry.register = partial(_register, registry)  # type: ignore[method-assign]
