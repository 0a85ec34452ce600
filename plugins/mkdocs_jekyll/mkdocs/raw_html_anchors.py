"""MkDocs' search of a page's raw HTML for anchors, skipped where the page cannot hold one.

``Page.render`` registers ``_RawHTMLPreprocessor``, which runs an HTML parser over the whole
Markdown text of every page to collect the ``id`` of any tag and the ``name`` of any ``<a>``
(``page.present_anchor_ids``, which MkDocs checks ``#fragment`` links against): about 3.5%
of a page's conversion on the bench site, whose pages hold raw HTML without either.

``AnchorScan`` asks the parser only when the text could give an anchor. The parser reports
an attribute only inside a start tag, and its name is the run of characters after a quote, a
slash or whitespace up to whitespace, a slash, ``=`` or ``>`` (``attrfind_tolerant`` of
``html.parser``, in Python 3.11 to 3.14), lowercased; so a page whose text has no ``id`` or
``name`` (in any case) between such characters (``_ANCHOR_NAME``) gives no anchor, and its
scan finds the empty set the preprocessor starts with.

Why the output cannot change: the skip is used only while MkDocs' preprocessor and its
handler are the code it was written from (``_MIRRORED``: MkDocs 1.6's ``run`` feeding the
text to ``_HTMLHandler``, whose ``handle_starttag`` is its only override and reads only the
``id`` and ``name`` attributes); otherwise MkDocs' own scan runs on every page.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from markdown.preprocessors import Preprocessor

from mkdocs_jekyll.compat import code_fingerprint, mkdocs_raw_html_scan

# `id` or `name` as a whole attribute name, as html.parser delimits one (over-approximated:
# `\s` is wider than HTML's whitespace, and the text outside tags is searched too): what
# `may_name_an_anchor` looks for, and the tests check it against.
_ANCHOR_NAME = re.compile(r"""(?i)(?<=['"\s/])(?:id|name)(?=[\s/=>]|\Z)""")

_NAMES = ("id", "name")
_QUOTE_SLASH = frozenset("'\"/")
_SLASH_EQUALS_GT = frozenset("/=>")

_MIRRORED: dict[str, tuple[frozenset[str], tuple[Any, ...]]] = {
    "_RawHTMLPreprocessor.run": (
        frozenset({"_HTMLHandler", "feed", "join", "close", "present_anchor_ids"}),
        (None, "\n"),
    ),
    "_HTMLHandler.handle_starttag": (
        frozenset({"present_anchor_ids", "add", "super", "handle_starttag"}),
        (None, "id", "name", "a"),
    ),
}
_HANDLER_OWN = frozenset({"__init__", "handle_starttag"})


@cache
def mirrored() -> bool:
    """Whether MkDocs' raw HTML scan is the code the skip was written from."""
    preprocessor, handler = mkdocs_raw_html_scan()
    own = {name for name, value in vars(handler).items() if callable(value)}
    return (
        own == _HANDLER_OWN
        and code_fingerprint(getattr(preprocessor, "run", None))
        == _MIRRORED["_RawHTMLPreprocessor.run"]
        and code_fingerprint(getattr(handler, "handle_starttag", None))
        == _MIRRORED["_HTMLHandler.handle_starttag"]
    )


def may_name_an_anchor(text: str) -> bool:
    """Whether MkDocs' scan of ``text`` could find an anchor (False: it finds none).

    The text is lowercased (each character alone: ``id`` and ``name`` only come from ASCII
    letters, and the characters around them lowercase to themselves) and each ``id`` or
    ``name`` in it is looked at, which is several times quicker than ``_ANCHOR_NAME``.
    Only the text from the first ``<`` on is read: an attribute is inside a tag.
    """
    first_tag = text.find("<")
    if first_tag == -1:
        return False
    lowered = text[first_tag:].lower()
    end = len(lowered)
    for name in _NAMES:
        width = len(name)
        at = lowered.find(name, 1)
        while at != -1:
            before = lowered[at - 1]
            if before in _QUOTE_SLASH or before.isspace():
                after = at + width
                if after == end:
                    return True
                following = lowered[after]
                if following in _SLASH_EQUALS_GT or following.isspace():
                    return True
            at = lowered.find(name, at + 1)
    return False


class AnchorScan(Preprocessor):
    """MkDocs' ``_RawHTMLPreprocessor`` for one page, run only on a text that could hold an
    anchor; the anchors stay on MkDocs' preprocessor, where ``Page.render`` reads them."""

    def __init__(self, scan: Any) -> None:
        super().__init__()
        self.scan = scan

    def run(self, lines: list[str]) -> list[str]:
        """MkDocs' scan, unless no line could name an anchor."""
        if may_name_an_anchor("\n".join(lines)):
            result: list[str] = self.scan.run(lines)
            return result
        return lines


def anchor_scan(scan: Any) -> Any:
    """What ``compat.render_page_with`` registers in place of MkDocs' scan ``scan``."""
    return AnchorScan(scan) if mirrored() else scan
