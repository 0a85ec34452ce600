"""Python-Markdown's serializer, writing the same bytes with less work per element.

``Markdown.convert`` serializes the page's tree with ``to_xhtml_string`` (and ``toc`` each
heading and the table of contents again): about 8% of a page's conversion on the bench site.
Python-Markdown 3.11's ``_serialize_html`` moves every element, end tag and tail through a
deque, asks whether each is a string, a ``QName``, a comment, and lowers its tag up to
three times. ``lean_xhtml``/``lean_html`` visit the same tree depth first, as that deque
does, and write the same strings in the same order, with each tag's facts (empty element?
raw text?) looked up once per tag name.

Why the output cannot change:

- Each is put in place of Python-Markdown's own function only (``md.serializer`` is
  ``to_xhtml_string`` or ``to_html_string`` itself, checked as each page starts), and only
  when that release's serializer functions use exactly the names and constants the mirror
  was written from (``_MIRRORED``: Python-Markdown 3.11's; any other release keeps its own).
- What the mirror does not know (a ``QName`` tag or attribute, a tag of another type, text
  that is not a string, a tree deeper than Python's recursion allows) stops it, and
  Python-Markdown's own function serializes the whole element from the start, raising what
  it raises.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from markdown import serializers

from mkdocs_jekyll.compat import code_fingerprint, markdown_serializer_functions

if TYPE_CHECKING:
    from markdown import Markdown

_Serializer = Callable[[etree.Element], str]

# The names and constants of each function of `markdown.serializers` the mirror follows
# (Python-Markdown 3.11), by function name.
_MIRRORED: dict[str, tuple[frozenset[str], tuple[Any, ...]]] = {
    "_serialize_html": (
        frozenset(
            {"BOOLEAN_ATTRIBUTES", "Comment", "HTML_EMPTY", "ProcessingInstruction", "QName"}
            | {"ValueError", "_escape_attrib", "_escape_attrib_html", "_escape_cdata", "deque"}
            | {"appendleft", "extendleft", "isinstance", "items", "lower", "popleft"}
            | {"reversed", "sorted", "split", "str", "tag", "tail", "text"}
        ),
        (
            *(None, 0, 1, "<!--", "-->", "<?", "?>", "{", "}", "QName objects must define a tag."),
            *("<", " ", "html", '="', '"', ' xmlns="', "xhtml", " />", ">", ("script", "style")),
            "</",
        ),
    ),
    "_write_html": (frozenset({"_serialize_html", "append", "join"}), (None, "")),
    "to_xhtml_string": (
        frozenset({"ElementTree", "_write_html", "getroot"}),
        ("xhtml", ("format",)),
    ),
    "to_html_string": (
        frozenset({"ElementTree", "_write_html", "getroot"}),
        ("html", ("format",)),
    ),
    "_escape_cdata": (
        frozenset({"AttributeError", "RE_AMP", "TypeError", "_raise_serialization_error"})
        | {"replace", "sub"},
        (None, "&", "&amp;", "<", "&lt;", ">", "&gt;"),
    ),
    "_escape_attrib_html": (
        frozenset({"AttributeError", "RE_AMP", "TypeError", "_raise_serialization_error"})
        | {"replace", "sub"},
        (None, "&", "&amp;", "<", "&lt;", ">", "&gt;", '"', "&quot;"),
    ),
}

_RAW_TEXT = ("script", "style")
# The elements written without an end tag (ElementTree's list, which Python-Markdown reads).
_HTML_EMPTY: frozenset[str] = frozenset(vars(serializers).get("HTML_EMPTY", ()))
_TAG_FACTS_KEPT = 256
"""Tag names whose facts are kept (a page's elements use a few dozen)."""


class _Unmirrored(Exception):
    """Something the mirror does not write as Python-Markdown would: it writes the page."""


def mirrored() -> bool:
    """Whether the installed Python-Markdown serializes with the code mirrored here."""
    functions = markdown_serializer_functions()
    return functions is not None and all(
        code_fingerprint(functions.get(name)) == expected for name, expected in _MIRRORED.items()
    )


def _escape_cdata(text: str) -> str:
    """Python-Markdown's ``_escape_cdata``: ``&`` (not an entity's), ``<``, ``>``."""
    if "&" in text:
        text = serializers.RE_AMP.sub("&amp;", text)
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _escape_attrib_html(text: str) -> str:
    """Python-Markdown's ``_escape_attrib_html``: ``_escape_cdata`` and ``"``."""
    if type(text) is not str:
        raise _Unmirrored
    text = _escape_cdata(text)
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


_Facts = tuple[str, str, str, bool, bool]
_tag_facts: tuple[dict[str, _Facts], dict[str, _Facts]] = ({}, {})


def _facts(tag: str, xhtml: bool) -> _Facts:
    """How ``tag`` is written: its start tag without attributes, the end of its start tag
    after them, its end tag (empty for an element without one), whether its text and
    children are written, and whether its text is raw (not escaped)."""
    kept = _tag_facts[xhtml]
    facts = kept.get(tag)
    if facts is None:
        lowered = tag.lower()
        empty = lowered in _HTML_EMPTY
        closed = xhtml and empty
        facts = (
            f"<{tag} />" if closed else f"<{tag}>",
            " />" if closed else ">",
            "" if empty else f"</{tag}>",
            not closed,
            lowered in _RAW_TEXT,
        )
        if len(kept) < _TAG_FACTS_KEPT:
            kept[tag] = facts
    return facts


def _boolean_attributes() -> frozenset[str]:
    """The attributes the ``html`` format writes bare when their value is their name."""
    found: frozenset[str] = getattr(serializers, "BOOLEAN_ATTRIBUTES", {}).get("html", frozenset())
    return found


def _write(root: etree.Element, xhtml: bool) -> str:
    """The tree under ``root`` as Python-Markdown's ``_serialize_html`` writes it."""
    parts: list[str] = []
    boolean: frozenset[str] = frozenset() if xhtml else _boolean_attributes()
    _element(root, parts.append, _tag_facts[xhtml], xhtml, boolean)
    return "".join(parts)


def _element(
    el: etree.Element,
    write: Callable[[str], None],
    kept: dict[str, _Facts],
    xhtml: bool,
    boolean: frozenset[str],
) -> None:
    """Write ``el``, its children and its tail (a module function, not a closure: a
    closure calling itself would leave a reference cycle per call for the collector)."""
    tag: Any = el.tag
    text = el.text
    if type(tag) is str:
        start, start_end, end, content, raw = kept.get(tag) or _facts(tag, xhtml)
        items = el.items()
        if items:
            write("<" + tag)
            for name, value in sorted(items) if len(items) > 1 else items:
                if type(name) is not str:
                    raise _Unmirrored
                if value is None:
                    write(" " + name)
                    continue
                value = _escape_attrib_html(value)
                if name == value and name in boolean:
                    write(" " + value)
                else:
                    write(f' {name}="{value}"')
            write(start_end)
        else:
            write(start)
        if content:
            if text:
                if raw or not ("&" in text or "<" in text or ">" in text):
                    write(text)
                else:
                    write(_escape_cdata(text))
            for child in el:
                _element(child, write, kept, xhtml, boolean)
            if end:
                write(end)
    elif tag is etree.Comment:
        write(f"<!--{_escape_cdata(text)}-->")  # type: ignore[arg-type]
    elif tag is etree.ProcessingInstruction:
        write(f"<?{_escape_cdata(text)}?>")  # type: ignore[arg-type]
    elif tag is None:
        if text:
            write(_escape_cdata(text))
        for child in el:
            _element(child, write, kept, xhtml, boolean)
    else:
        raise _Unmirrored
    tail = el.tail
    if tail:
        write(_escape_cdata(tail) if "&" in tail or "<" in tail or ">" in tail else tail)


def _lean(upstream: _Serializer, xhtml: bool) -> _Serializer:
    def serialize(element: etree.Element) -> str:
        root = etree.ElementTree(element).getroot()
        if root is None:
            return upstream(element)
        try:
            return _write(root, xhtml)
        except (_Unmirrored, TypeError, AttributeError, RecursionError):
            return upstream(element)

    serialize.__doc__ = f"``{upstream.__name__}``, by ``kramdown.serializer``."
    return serialize


lean_xhtml = _lean(serializers.to_xhtml_string, xhtml=True)
lean_html = _lean(serializers.to_html_string, xhtml=False)
_LEAN: dict[Any, _Serializer] = {
    serializers.to_xhtml_string: lean_xhtml,
    serializers.to_html_string: lean_html,
}


def install_serializer(md: Markdown) -> None:
    """Serialize ``md``'s pages with the lean function, where it mirrors ``md.serializer``.

    Called as each page starts (the ``triggers`` extension's ``reset``): ``Markdown`` sets
    its serializer after its extensions are registered, and anew in ``set_output_format``.
    """
    lean = _LEAN.get(md.serializer)
    if lean is not None and _installed_mirrored():
        md.serializer = lean


@cache
def _installed_mirrored() -> bool:
    """``mirrored()``, asked once per process."""
    return mirrored()
