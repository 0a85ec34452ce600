"""Block inline attribute lists (IALs) as the block features read them.

kramdown's ``IAL_BLOCK`` (``{: .class #id key="value" ref}`` alone on a line, but not an
attribute list definition ``{:name: ...}`` nor an extension ``{::name}``) and
``parse_attribute_list``: classes add up, the last ``#id`` wins, and bare words are
references (``toc``) rather than attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BLOCK_IAL = re.compile(r"^ {0,3}\{:(?![\w-]*:)([^}\n]*)\}[ \t]*$")
_PART = re.compile(
    r"""\.(?P<cls>[^\s.#"'{}=]+)|\#(?P<id>[^\s.#"'{}=]+)"""
    r"""|(?P<key>[\w-]+)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')|(?P<ref>[\w-]+)"""
)


@dataclass
class InlineAttributes:
    """A block IAL read as kramdown's ``parse_attribute_list`` reads it."""

    refs: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)


def parse_ial(body: str) -> InlineAttributes:
    """The references, classes, id and key-value pairs of an IAL's body."""
    result = InlineAttributes()
    classes: list[str] = []
    for part in _PART.finditer(body):
        if part["cls"]:
            classes.append(part["cls"])
        elif part["id"]:
            result.attrs["id"] = part["id"]
        elif part["key"]:
            result.attrs[part["key"]] = part["dq"] if part["dq"] is not None else part["sq"]
        elif part["ref"]:
            result.refs.append(part["ref"])
    if classes:
        result.attrs["class"] = " ".join(classes)
    return result
