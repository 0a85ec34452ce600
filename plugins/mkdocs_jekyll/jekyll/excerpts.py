"""Excerpts as Jekyll 4.3 makes them (``excerpt.rb``, ``page_excerpt.rb``).

A document's excerpt is its front matter ``excerpt`` when it has one, printed as written.
Otherwise it is the content up to the first ``excerpt_separator`` (the document's, else the
site's, by default ``"\\n\\n"``: the first paragraph), with the reference-style link
definitions it uses appended so that its links still resolve, then rendered through Liquid
and the converter like the document itself. The rendering is left to the caller, which
owns the Liquid environment and the Markdown converter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

DEFAULT_SEPARATOR = "\n\n"
"""Jekyll's ``excerpt_separator`` default: the first blank line ends the first paragraph."""

# excerpt.rb's LIQUID_TAG_REGEX and MKDWN_LINK_REF_REGEX.
_LIQUID_TAG = re.compile(r"{%-?\s*(\w+)\s*.*?-?%}", re.DOTALL)
_LINK_REFERENCE = re.compile(r"^ {0,3}(?:(\[[^\]]+\])(:.+))$", re.MULTILINE)

BLOCK_TAGS = frozenset(
    {"capture", "case", "comment", "for", "highlight", "if", "raw", "tablerow", "unless"}
)
"""The Liquid tags Jekyll 4.3 registers as blocks (``Liquid::Block`` subclasses)."""

MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown", ".mkdown", ".mkdn", ".mkd"})
"""Jekyll's default ``markdown_ext``: the files its Markdown converter converts."""


def excerpt_separator(data: Mapping[str, Any], site: Mapping[str, Any]) -> str:
    """The document's ``excerpt_separator``, else the site's, else ``"\\n\\n"``.

    ``Document#excerpt_separator``: ``(data["excerpt_separator"] ||
    site.config["excerpt_separator"]).to_s``; an empty one turns excerpts off.
    """
    value = data.get("excerpt_separator")
    if value is None:
        value = site.get("excerpt_separator", DEFAULT_SEPARATOR)
    return "" if value is None else str(value)


def extract_excerpt(
    content: str, separator: str, *, on_closed: Callable[[list[str]], None] | None = None
) -> str:
    """The excerpt's source: ``content`` up to ``separator``, as ``Excerpt#extract_excerpt``.

    When the separator is not found the whole content is the excerpt. A Liquid block left
    open before the separator is closed (Jekyll warns "Excerpt modified"), and the
    reference-style link definitions (``[1]: https://...``) after the separator whose label
    the excerpt uses are appended, so ``[text][1]`` still becomes a link.

    Args:
        content: The document's body, without front matter.
        separator: From ``excerpt_separator``; must not be empty.
        on_closed: Called with the names of the blocks that were closed, if any.

    Returns:
        The excerpt's source, before Liquid and Markdown.
    """
    head, _, tail = content.partition(separator)
    if not tail:
        return head
    if "{%" in head:
        head, closed = _close_blocks(head)
        if closed and on_closed is not None:
            on_closed(closed)
    definitions = [label + rest for label, rest in _LINK_REFERENCE.findall(tail) if label in head]
    if not definitions:
        return head
    return head + "\n\n" + "\n".join(definitions)


def _close_blocks(head: str) -> tuple[str, list[str]]:
    """Close the block tags ``head`` opens without their end tag; name the ones closed.

    ``sanctify_liquid_tags``: from the last tag to the first, a block tag whose
    ``end<name>`` appears nowhere in ``head`` (closings already added included) gets one
    appended.
    """
    closed: list[str] = []
    for name in reversed(_LIQUID_TAG.findall(head)):
        if name not in BLOCK_TAGS:
            continue
        if re.search(r"{%-?\s*end" + re.escape(name) + r".*?\s*-?%}", head, re.DOTALL):
            continue
        head += f"\n{{% end{name} %}}"
        closed.append(name)
    return head, closed


def is_markdown(src_path: str) -> bool:
    """Whether Jekyll converts the file as Markdown (its extension is a ``markdown_ext``)."""
    dot = src_path.rfind(".")
    return dot > src_path.rfind("/") and src_path[dot:].lower() in MARKDOWN_EXTENSIONS
