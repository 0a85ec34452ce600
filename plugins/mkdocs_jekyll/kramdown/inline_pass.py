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
installed). Where the handled text holds no placeholder (no pattern made an element of it:
most runs of a page, a table's cells, the tails between links), ``__processPlaceholders``
is not called: on such a text it only sets the element's text (or the tail, through its
``dumby`` element) to the text, and returns no node to insert, so the run's text or tail is
set here, and the tail's position among its siblings (a list of them, per tail) is not looked
up. Any other text goes through ``__processPlaceholders`` as before.

Why the output cannot change: it runs only for the ``run`` and ``__processPlaceholders`` it was
written from, Python-Markdown 3.11's (their source, ``_MIRRORED_SOURCE``; 3.5 uses the same
names with other steps), and otherwise Python-Markdown's own ``run`` does.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as etree
from collections import deque
from functools import cache
from typing import Any

from markdown import util
from markdown.treeprocessors import InlineProcessor

from mkdocs_jekyll.compat import (
    INLINE_PLACEHOLDERS,
    function_source,
    inline_placeholder_processor,
    inline_text_handler,
)

# SHA-256 of the source of `InlineProcessor.run` and of its `__processPlaceholders`
# (`compat.function_source`, as `inspect.getsource` gives it), in the releases mirrored (3.11).
_MIRRORED_SOURCE = frozenset({"f6c93631f2871499bcbbc2d10ec7e4fddf1023c394179a18ce1053b16d5c9b0e"})
_MIRRORED_PLACEHOLDERS = frozenset(
    {"3f4a6088e773c9965f1008d544aea43c4d97db9ce08f5ebc444b62bee1b29d85"}
)


def _source_digest(function: Any) -> str | None:
    source = function_source(function)
    if source is None:
        return None
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


@cache
def mirrored() -> bool:
    """Whether the installed Python-Markdown's ``InlineProcessor.run`` is the one mirrored,
    with the ``__processPlaceholders`` whose work on a text without placeholders it skips."""
    placeholders = getattr(InlineProcessor, INLINE_PLACEHOLDERS, None)
    return (
        _source_digest(InlineProcessor.run) in _MIRRORED_SOURCE
        and _source_digest(placeholders) in _MIRRORED_PLACEHOLDERS
    )


def lean_inline_run(
    self: InlineProcessor, tree: etree.Element, ancestors: list[str] | None = None
) -> etree.Element:
    """``InlineProcessor.run`` on ``tree``, as described above."""
    handle = inline_text_handler(self)
    process = inline_placeholder_processor(self)
    prefix = util.INLINE_PLACEHOLDER_PREFIX
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
                handled = handle(text)
                if prefix in handled:
                    lst = process(handled, child)
                    stack.extend(lst)
                    insertQueue.append((child, lst))
                elif handled:
                    # What __processPlaceholders does with it (see the module's docstring).
                    child.text = _same_kind(handled)
                self.ancestors.pop()
            if child.tail:
                tail = handle(child.tail)
                child.tail = None
                if prefix in tail:
                    dumby = etree.Element("d")
                    tailResult = process(tail, dumby, False)
                    if dumby.tail:
                        child.tail = dumby.tail
                    pos = list(currElement).index(child) + 1
                    tailResult.reverse()
                    for newChild in tailResult:
                        currElement.insert(pos, newChild[0])
                elif tail:
                    child.tail = _same_kind(tail)
            if len(child):
                stack.append((child, self.ancestors[:]))

        for element, lst in insertQueue:
            for i, obj in enumerate(lst):
                newChild = obj[0]
                element.insert(i, newChild)
    return tree


def _same_kind(data: str) -> str:
    """``data`` as ``__processPlaceholders`` links it to an element when it holds no
    placeholder: ``data[0:]`` (the string itself, or a plain ``str`` of a subclass's), kept an
    ``AtomicString`` where it was one, so that later passes still leave it alone."""
    text = data[0:]
    if isinstance(data, util.AtomicString):
        return util.AtomicString(text)
    return text
