"""The documented normalisation under which our HTML must equal kramdown's.

Two renderings are the same page when they differ only in:

- whitespace between block-level tags, and runs of whitespace inside text (a browser shows
  them alike; inside ``<pre>`` whitespace is kept exactly);
- attribute order, and the order of tokens in ``class`` (``class="a b"`` == ``class="b a"``);
- how a character is written: ``&ldquo;``, ``&#8220;`` and ``“`` are one character
  (``entity_output`` is checked by its own tests, not through this comparison);
- syntax-highlighting tokens inside ``<pre>``: Rouge and Pygments split code into differently
  classed ``<span>``s, so spans inside ``<pre>`` are unwrapped and only the code's text and
  the wrappers around ``<pre>`` (``div.language-x.highlighter-rouge > div.highlight``) count.

Everything else (tags, nesting, ids, classes, attributes, text) must match. The result is
one block tag per line, so a failing comparison reads as a small diff.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

BLOCK = frozenset(
    "address article aside blockquote body dd details div dl dt figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main math nav ol p pre section summary table tbody td "
    "tfoot th thead tr ul script style".split()
)
_SPACE = re.compile(r"\s+")


def normalise(html: str) -> str:
    """The canonical text of ``html`` under the rules in this module's docstring."""
    soup = BeautifulSoup(html, "html.parser")
    for pre in soup.find_all("pre"):
        for span in pre.find_all("span"):
            span.unwrap()
        pre.smooth()
    lines: list[str] = []
    _emit(soup, lines, [""])
    return "\n".join(line for line in (part.rstrip() for part in lines) if line.strip())


def _attributes(tag: Tag) -> str:
    parts = []
    for name in sorted(tag.attrs):
        value = tag.attrs[name]
        text = " ".join(sorted(value)) if isinstance(value, list) else str(value)
        parts.append(f' {name}="{text}"')
    return "".join(parts)


def _emit(node: Tag, lines: list[str], current: list[str], in_pre: bool = False) -> None:
    children = list(node.children)
    for index, child in enumerate(children):
        if isinstance(child, Comment):
            current[0] += f"<!--{child}-->"
        elif isinstance(child, NavigableString):
            text = str(child)
            if not in_pre:
                text = _SPACE.sub(" ", text)
                before = children[index - 1] if index else None
                after = children[index + 1] if index + 1 < len(children) else None
                if before is None or _is_block(before):
                    text = text.lstrip()
                if after is None or _is_block(after):
                    text = text.rstrip()
            current[0] += _escape(text)
        elif isinstance(child, Tag):
            block = child.name in BLOCK
            if block and not in_pre:
                lines.append(current[0])
                current[0] = ""
            current[0] += f"<{child.name}{_attributes(child)}>"
            _emit(child, lines, current, in_pre or child.name == "pre")
            current[0] += f"</{child.name}>"
            if block and not in_pre:
                lines.append(current[0])
                current[0] = ""
    if node.parent is None:
        lines.append(current[0])


def _is_block(node: object) -> bool:
    return isinstance(node, Tag) and node.name in BLOCK


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
