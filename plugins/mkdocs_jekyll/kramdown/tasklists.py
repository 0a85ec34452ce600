"""GFM task lists, with kramdown-parser-gfm's markup.

``parser/gfm.rb`` ``parse_list``: a list item whose first paragraph starts with ``[ ]`` or
``[x]`` (any case) and a space has that marker replaced by a disabled checkbox
(``<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />``, plus
``checked="checked"``). The list gets ``class="task-list"`` and, once the first task item is
seen, every following item gets ``class="task-list-item"`` (even one that is not a task:
kramdown's flag is never reset within a list, and items before the first task get none).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

if TYPE_CHECKING:
    from markdown import Markdown

_UNCHECKED = re.compile(r"\A\s*\[ \]\s+")
_CHECKED = re.compile(r"\A\s*\[x\]\s+", re.I)
# After inline processing (20), so the item's text is final; before attr_list (8).
_PRIORITY = 19


class TaskListProcessor(Treeprocessor):
    """Turn ``[ ]``/``[x]`` at the start of list items into kramdown's checkboxes."""

    def run(self, root: etree.Element) -> None:
        """Rewrite every ``ul``/``ol`` in the document."""
        for lst in root.iter():
            if lst.tag in {"ul", "ol"}:
                self._list(lst)

    def _list(self, lst: etree.Element) -> None:
        is_tasklist = False
        for li in lst:
            if li.tag != "li":
                continue
            holder = li
            if not (li.text or "").strip() and len(li) and li[0].tag == "p":
                holder = li[0]
            text = holder.text or ""
            for pattern, checked in ((_UNCHECKED, False), (_CHECKED, True)):
                match = pattern.match(text)
                if match:
                    box = etree.Element("input", {"type": "checkbox"})
                    box.set("class", "task-list-item-checkbox")
                    box.set("disabled", "disabled")
                    if checked:
                        box.set("checked", "checked")
                    box.tail = text[match.end() :]
                    holder.text = ""
                    holder.insert(0, box)
                    is_tasklist = True
                    break
            if is_tasklist:
                li.set("class", "task-list-item")
        if is_tasklist:
            lst.set("class", "task-list")


class TaskListExtension(Extension):
    """kramdown-parser-gfm's task lists."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the list rewriter after inline processing."""
        md.treeprocessors.register(TaskListProcessor(md), "kramdown_tasklists", _PRIORITY)
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> TaskListExtension:
    """Python-Markdown's entry point."""
    return TaskListExtension(**kwargs)
