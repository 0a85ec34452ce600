"""Python-Markdown's inline pass over a tree, without the parent map nobody reads.

``InlineProcessor.run`` starts each page by mapping every element of the tree to its parent
(``self.parent_map``), keeps that map up to date for every element the inline patterns add,
and takes the next element from the front of a list (``stack.pop(0)``, which moves the
rest). The map is read once, by ``__build_ancestors(tree, ...)``, for the tree's own parent,
which it cannot hold (no element of a tree is the parent of its root): so the root's tag is
all that call adds to the ancestors. No other code of Python-Markdown, pymdown-extensions
or ours reads ``parent_map``.

``lean_inline_run`` is the same ``run``, statement for statement, with the root's tag added
directly, no parent map (it is left empty), and a deque taking the elements in the same
order. Each run of text still goes through ``__handleInline`` (``triggers.py``'s, where
installed) and ``__processPlaceholders``.

Why the output cannot change: it runs only for the ``run`` it was written from, Python-Markdown
3.11's (its source, ``_MIRRORED_SOURCE``; 3.5 uses the same names with other steps), and
otherwise Python-Markdown's own ``run`` does.
"""

from __future__ import annotations

import hashlib
import inspect
import xml.etree.ElementTree as etree
from collections import deque
from functools import cache
from typing import Any

from markdown import util
from markdown.treeprocessors import InlineProcessor

from mkdocs_jekyll.compat import inline_placeholder_processor, inline_text_handler

# SHA-256 of `inspect.getsource(InlineProcessor.run)` in the releases mirrored (3.11).
_MIRRORED_SOURCE = frozenset({"f6c93631f2871499bcbbc2d10ec7e4fddf1023c394179a18ce1053b16d5c9b0e"})


def _source_digest(function: Any) -> str | None:
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return None
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


@cache
def mirrored() -> bool:
    """Whether the installed Python-Markdown's ``InlineProcessor.run`` is the one mirrored."""
    return _source_digest(InlineProcessor.run) in _MIRRORED_SOURCE


def lean_inline_run(
    self: InlineProcessor, tree: etree.Element, ancestors: list[str] | None = None
) -> etree.Element:
    """``InlineProcessor.run`` on ``tree``, as described above."""
    handle = inline_text_handler(self)
    process = inline_placeholder_processor(self)
    self.stashed_nodes = {}

    # Ensure a valid parent list, but copy passed in lists
    # to ensure we don't have the user accidentally change it on us.
    tree_parents = [] if ancestors is None else ancestors[:]

    self.parent_map = {}
    stack: deque[tuple[etree.Element, list[str]]] = deque([(tree, tree_parents)])
    # `__build_ancestors(tree, tree_parents)`: the root has no parent in its own tree.
    tree_parents.append(tree.tag.lower())

    while stack:
        currElement, parents = stack.popleft()

        self.ancestors = parents
        if currElement is not tree:
            self.ancestors.append(currElement.tag.lower())

        insertQueue = []
        for child in currElement:
            if child.text and not isinstance(child.text, util.AtomicString):
                self.ancestors.append(child.tag.lower())
                text = child.text
                child.text = None
                lst = process(handle(text), child)
                stack.extend(lst)
                insertQueue.append((child, lst))
                self.ancestors.pop()
            if child.tail:
                tail = handle(child.tail)
                dumby = etree.Element("d")
                child.tail = None
                tailResult = process(tail, dumby, False)
                if dumby.tail:
                    child.tail = dumby.tail
                pos = list(currElement).index(child) + 1
                tailResult.reverse()
                for newChild in tailResult:
                    currElement.insert(pos, newChild[0])
            if len(child):
                stack.append((child, self.ancestors[:]))

        for element, lst in insertQueue:
            for i, obj in enumerate(lst):
                newChild = obj[0]
                element.insert(i, newChild)
    return tree
