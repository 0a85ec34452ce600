"""Attribute list definitions and block IALs where kramdown reads them.

Python-Markdown's ``attr_list`` reads ``{: .class #id key="value"}`` at the end of a block
and after an inline element. kramdown 2.4 (``parser/kramdown/extensions.rb``) also reads:

- attribute list definitions, ``{:name: .class key="value"}`` on a line of their own,
  written nowhere and referenced by name from any IAL (``{: name .other}``), before or
  after their definition;
- a block IAL on a line of its own after a blank line (or first in the page): it applies
  to the block that follows (``@block_ial``);
- a block IAL right under a block applies to that whole block (the ``<ul>``, the
  ``<blockquote>``), where ``attr_list`` would give it to the list item or the paragraph
  inside.

A preprocessor removes the definitions, expands references in every IAL, and turns each
block IAL line into a marker block; a treeprocessor gives the marker's attributes to the
block before it (or after it) and drops the marker. IALs naming ``toc`` are left as
written for the table-of-contents marker. Fenced code is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from mkdocs_jekyll.kramdown.regex_triggers import holds

if TYPE_CHECKING:
    import xml.etree.ElementTree as etree

    from markdown import Markdown

# After {::extension} tags (28), before the fenced-code stash (25).
_PRE_PRIORITY = 27
# After inline processing (20), before attr_list (8) and the table of contents.
_TREE_PRIORITY = 12
# After raw HTML is put back (30): markers inside it were never blocks.
_POST_PRIORITY = 26

# extensions.rb: ALD_ANY_CHARS, ALD_ID_NAME, ALD_START, IAL_BLOCK_START, IAL_SPAN_START.
_ANY = r"(?:\\\}|[^}])"
# Ruby's \w is ASCII: kramdown ignores ``#ecuación`` (ALD_ID_NAME, ALD_TYPE_ID_NAME).
_NAME = r"(?a:\w[\w-]*)"
_ALD = re.compile(rf"^ {{0,3}}\{{:({_NAME}):({_ANY}+)\}}\s*$")
_IAL_LINE = re.compile(rf"^ {{0,3}}\{{:(?!:|/)({_ANY}+)\}}\s*$")
_IAL_SPAN = re.compile(rf"\{{:(?!:|/)({_ANY}+)\}}")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
# Two span IALs in a row right after an element's closing mark (emphasis, code, a link,
# strikethrough): kramdown adds the second to the same element. After text both stay text.
_ADJACENT_IALS = re.compile(rf"(?<=[*_`)\]~])\{{:(?!:|/)({_ANY}+)\}}\{{:(?!:|/)({_ANY}+)\}}")
# ALD_TYPE_ANY: key="value", a reference, or .class/#id runs, each between spaces.
_TOKEN = re.compile(
    rf"""(?:\A|\s)(?:({_NAME})=("|')((?:\\\}}|\\\2|(?!\2)[^}}])*?)\2"""
    rf"""|({_NAME})|((?:#[A-Za-z](?a:[\w:-])*|\.[^\s.#]+)+))(?=\s|\Z)"""
)
_ID_OR_CLASS = re.compile(r"#([A-Za-z][\w:-]*)|\.([^\s.#]+)", re.ASCII)
_MARKER = re.compile(r"\A\u2063kial(\d+)(before|after)\u2063\Z")
_LEFTOVER = re.compile(r"\n?\u2063kial(\d+)(?:before|after)\u2063\n?")


def parse_attributes(text: str) -> list[tuple[str, str]]:
    """``(key, value)`` pairs of an IAL's text, references as ``("", name)``.

    kramdown's ``parse_attribute_list``: ``.a.b`` and ``#id`` runs, ``key="value"`` (or
    single quotes), and bare names that refer to attribute list definitions.
    """
    pairs: list[tuple[str, str]] = []
    for key, _quote, value, ref, id_and_class in _TOKEN.findall(text):
        if key:
            pairs.append((key, re.sub(r"\\(\}|\"|')", r"\1", value)))
        elif ref:
            pairs.append(("", ref))
        else:
            for ident, cls in _ID_OR_CLASS.findall(id_and_class):
                pairs.append(("class", cls) if cls else ("id", ident))
    return pairs


def _write(pairs: list[tuple[str, str]]) -> str:
    parts = []
    for key, value in pairs:
        if key == "":
            parts.append(value)
        elif key == "class":
            parts.append(f".{value}")
        elif key == "id":
            parts.append(f"#{value}")
        else:
            parts.append(f'{key}="{value}"')
    return " ".join(parts)


class AttributesPreprocessor(Preprocessor):
    """Collect definitions, expand references, mark block IAL lines."""

    def __init__(
        self, md: Markdown, pending: list[list[tuple[str, str]]], originals: list[str]
    ) -> None:
        super().__init__(md)
        self.pending = pending
        self.originals = originals

    def run(self, lines: list[str]) -> list[str]:
        """The page without definitions, each block IAL a marker block of its own."""
        self.pending.clear()
        self.originals.clear()
        if not holds("\n".join(lines), "{:"):
            return lines  # Every definition, IAL and reference starts with "{:".
        definitions: dict[str, list[tuple[str, str]]] = {}
        fenced = _fenced_lines(lines)
        for number, line in enumerate(lines):
            match = None if number in fenced else _ALD.match(line)
            if match:
                definitions.setdefault(match[1], []).extend(parse_attributes(match[2]))
        out: list[str] = []
        # Consecutive IAL lines go where the first one goes (kramdown adds no block boundary
        # between them).
        where: str | None = None
        for number, line in enumerate(lines):
            if number in fenced:
                out.append(line)
                where = None
                continue
            if _ALD.match(line):
                out.append("")
                where = None
                continue
            block = _IAL_LINE.match(line)
            pairs = parse_attributes(block[1]) if block else []
            if block and not any(key == "" and value == "toc" for key, value in pairs):
                previous = out[-1] if out else ""
                where = where or ("before" if not previous.strip() else "after")
                self.pending.append(_expand(pairs, definitions))
                self.originals.append(line)
                out.extend(["", f"\u2063kial{len(self.pending) - 1}{where}\u2063", ""])
                continue
            where = None
            out.append(_outside_code(line, lambda text: _span_ials(text, definitions)))
        return out


def _fenced_lines(lines: list[str]) -> set[int]:
    inside: set[int] = set()
    fence: str | None = None
    for number, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is not None:
            inside.add(number)
            if match and match[1][0] == fence[0] and len(match[1]) >= len(fence):
                fence = None
        elif match:
            fence = match[1]
            inside.add(number)
    return inside


def _expand(
    pairs: list[tuple[str, str]], definitions: dict[str, list[tuple[str, str]]], depth: int = 0
) -> list[tuple[str, str]]:
    """References replaced by their definitions (which may refer to others)."""
    result: list[tuple[str, str]] = []
    for key, value in pairs:
        if key == "" and value in definitions and depth < 10:
            result.extend(_expand(definitions[value], definitions, depth + 1))
        else:
            result.append((key, value))
    return result


def _outside_code(line: str, change: Callable[[str], str]) -> str:
    """``change`` applied to the parts of ``line`` outside code spans."""
    if "`" not in line:
        return change(line)
    # split() keeps both groups: text, ticks, code, text, ticks, code, ..., text (the
    # closing ticks are the opening ones again).
    parts = _CODE_SPAN.split(line)
    out = []
    for index, part in enumerate(parts):
        if index % 3 == 0:
            out.append(change(part))
        elif index % 3 == 1:
            out.append(part)
        else:
            out.append(part + parts[index - 1])
    return "".join(out)


def _span_ials(text: str, definitions: dict[str, list[tuple[str, str]]]) -> str:
    """Adjacent span IALs merged (``{: .a}{: .b}``), references expanded."""
    merged = _ADJACENT_IALS.sub(lambda m: "{:" + m[1] + " " + m[2] + "}", text)
    while merged != text:
        text, merged = merged, _ADJACENT_IALS.sub(lambda m: "{:" + m[1] + " " + m[2] + "}", merged)
    return _IAL_SPAN.sub(lambda m: _expand_text(m, definitions), text)


def _expand_text(match: re.Match[str], definitions: dict[str, list[tuple[str, str]]]) -> str:
    pairs = parse_attributes(match[1])
    if not any(key == "" and value in definitions for key, value in pairs):
        return match.group()
    return "{: " + _write(_expand(pairs, definitions)) + "}"


class AttributesTreeprocessor(Treeprocessor):
    """Give each marker's attributes to its block and drop the marker."""

    def __init__(self, md: Markdown, pending: list[list[tuple[str, str]]]) -> None:
        super().__init__(md)
        self.pending = pending

    def run(self, root: etree.Element) -> None:
        """Apply markers in document order."""
        if not self.pending:
            return
        for parent in list(root.iter()):
            children = list(parent)
            for index, child in enumerate(children):
                match = _MARKER.match(child.text or "") if child.tag == "p" else None
                if match is None or len(child):
                    continue
                pairs = self.pending[int(match[1])]
                target = _neighbour(children, index, match[2] == "before")
                if target is not None:
                    _apply(target, pairs)
                _drop(parent, child)


def _neighbour(children: list[etree.Element], index: int, forward: bool) -> etree.Element | None:
    step = 1 if forward else -1
    position = index + step
    while 0 <= position < len(children):
        candidate = children[position]
        if not (candidate.tag == "p" and _MARKER.match(candidate.text or "")):
            return candidate
        position += step
    return None


def _apply(target: etree.Element, pairs: list[tuple[str, str]]) -> None:
    """kramdown's ``update_attr_with_ial``: classes add up, anything else replaces."""
    for key, value in pairs:
        if key == "":
            continue  # a reference to no definition: kramdown ignores it
        if key == "class":
            target.set("class", f"{target.get('class', '')} {value}".strip())
        else:
            target.set(key, value)


def _drop(parent: etree.Element, child: etree.Element) -> None:
    tail = child.tail or ""
    index = list(parent).index(child)
    parent.remove(child)
    if tail.strip():
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


class LeftoverMarkersPostprocessor(Postprocessor):
    """Put back the IAL lines that stood inside raw HTML, where kramdown leaves them as text."""

    def __init__(self, md: Markdown, originals: list[str]) -> None:
        super().__init__(md)
        self.originals = originals

    def run(self, text: str) -> str:
        """Each marker left in the output becomes its line again."""
        if "\u2063kial" not in text:
            return text
        return _LEFTOVER.sub(lambda m: self.originals[int(m[1])], text)


class AttributesExtension(Extension):
    """kramdown's attribute list definitions and block IALs."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the marker preprocessor and the treeprocessor that applies them."""
        pending: list[list[tuple[str, str]]] = []
        originals: list[str] = []
        md.preprocessors.register(
            AttributesPreprocessor(md, pending, originals), "kramdown_attributes", _PRE_PRIORITY
        )
        md.postprocessors.register(
            LeftoverMarkersPostprocessor(md, originals), "kramdown_attributes", _POST_PRIORITY
        )
        md.treeprocessors.register(
            AttributesTreeprocessor(md, pending), "kramdown_attributes", _TREE_PRIORITY
        )
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> AttributesExtension:
    """Python-Markdown's entry point."""
    return AttributesExtension(**kwargs)
