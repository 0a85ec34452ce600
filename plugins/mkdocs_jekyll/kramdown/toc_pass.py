"""Python-Markdown's ``toc`` pass, doing the same with less work per element and heading.

``TocTreeprocessor.run`` costs about 7% of a page's conversion on the bench site. Per
element of the page it matches its tag against ``[Hh][123456]``; per heading it sorts and
copies the registry of postprocessors to run them on the heading's HTML, and builds an
``UnescapeTreeprocessor`` to unescape it. ``lean_toc_run`` is the same ``run``, statement
for statement, with:

- a tag found to be a heading by its first two characters (what ``match`` of
  ``[Hh][123456]`` reads);
- the postprocessors read from their registry once per page (the pass registers none);
- a text without ``STX`` (what every escape's placeholder starts with) left as it is by
  ``unescape``, which would give it back unchanged.

Why the output cannot change: it runs only for Python-Markdown's own ``run`` (and its
helpers) with exactly the names and constants it was written from (``_MIRRORED``,
Python-Markdown 3.11) and the processor's ``header_rgx`` the one that release compiles;
otherwise Python-Markdown's own ``run`` runs.
"""

from __future__ import annotations

import html
import re
import weakref
from functools import cache
from typing import TYPE_CHECKING, Any

from markdown import util
from markdown.extensions import toc
from markdown.treeprocessors import UnescapeTreeprocessor

from mkdocs_jekyll.compat import code_fingerprint
from mkdocs_jekyll.kramdown.regex_triggers import holds
from mkdocs_jekyll.kramdown.shortcuts import itertext_reads_all

if TYPE_CHECKING:
    import xml.etree.ElementTree as etree

    from markdown import Markdown
    from markdown.postprocessors import Postprocessor

_HEADER_PATTERN = "[Hh][123456]"
_HEADINGS = frozenset(f"{h}{n}" for h in "Hh" for n in "123456")

_RUN_NAMES = frozenset(
    {"add", "add_anchor", "add_permalink", "append", "attrib", "build_toc_div", "escape_cdata"}
    | {"header_rgx", "html", "int", "isinstance", "iter", "marker", "match", "md"}
    | {"nest_toc_tokens", "postprocessors", "remove_fnrefs", "render_inner_html", "replace_marker"}
    | {"run", "run_postprocessors", "sep", "serializer", "set", "set_level", "slugify", "str"}
    | {"strip_tags", "tag", "toc", "toc_bottom", "toc_tokens", "toc_top", "unescape", "unique"}
    | {"use_anchors", "use_permalinks"}
)
# The code each mirrored function uses: (names, constants), as `compat.code_fingerprint` reads.
_MIRRORED: dict[str, tuple[frozenset[str], tuple[Any, ...]]] = {
    "TocTreeprocessor.run": (
        _RUN_NAMES,
        (
            *(None, "id", "", "data-toc-label", -1),
            ("level", "id", "name", "html", "data-toc-label"),
            (False, None),
        ),
    ),
    "render_inner_html": (
        frozenset({"index", "rindex", "run_postprocessors", "serializer", "strip", "unescape"}),
        (">", 1, "<"),
    ),
    "run_postprocessors": (
        frozenset({"postprocessors", "run", "strip"}),
        (),
    ),
    "unescape": (
        frozenset({"UnescapeTreeprocessor", "unescape"}),
        (),
    ),
    "UnescapeTreeprocessor.unescape": (frozenset({"RE", "_unescape", "sub"}), (None,)),
}
_UNIQUE_NAMES = frozenset({"IDCOUNT_RE", "add", "get", "group", "int", "match", "max"})
"""The names ``toc.unique`` uses since 3.11.3, which added the counters the pass passes it
(3.10 to 3.11.2 take two arguments); its constants differ between Python releases."""


def _functions() -> dict[str, Any]:
    """The functions mirrored, by name (None for one the release lacks)."""
    return {
        "TocTreeprocessor.run": getattr(toc.TocTreeprocessor, "run", None),
        "render_inner_html": getattr(toc, "render_inner_html", None),
        "run_postprocessors": getattr(toc, "run_postprocessors", None),
        "unescape": getattr(toc, "unescape", None),
        "UnescapeTreeprocessor.unescape": getattr(UnescapeTreeprocessor, "unescape", None),
    }


def mirrored() -> bool:
    """Whether the installed Python-Markdown's ``toc`` pass is the code mirrored here."""
    functions = _functions()
    return _unique_takes_counters() and all(
        code_fingerprint(functions[name]) == code for name, code in _MIRRORED.items()
    )


def _unique_takes_counters() -> bool:
    """Whether ``toc.unique`` is the one called as ``unique(id, ids, counters)``."""
    code = getattr(getattr(toc, "unique", None), "__code__", None)
    return code is not None and code.co_argcount == 3 and frozenset(code.co_names) == _UNIQUE_NAMES


@cache
def installed_mirrored() -> bool:
    """``mirrored()``, asked once per process."""
    return mirrored()


def _unescape(text: str) -> str:
    """``toc.unescape``: a text without a placeholder comes back as it is (a ``str``
    subclass, such as an ``AtomicString``, comes back from ``re.sub`` as a ``str``)."""
    return text if type(text) is str and util.STX not in text else toc.unescape(text)


def _run_postprocessors(text: str, postprocessors: list[Postprocessor]) -> str:
    """``toc.run_postprocessors``, over the page's postprocessors."""
    for pp in postprocessors:
        text = pp.run(text)
    return text.strip()


def _render_inner_html(el: etree.Element, md: Markdown, postprocessors: list[Postprocessor]) -> str:
    """``toc.render_inner_html``."""
    text = _unescape(md.serializer(el))
    start = text.index(">") + 1
    end = text.rindex("<")
    text = text[start:end].strip()
    return _run_postprocessors(text, postprocessors)


_TOC_HTML_UNREAD: weakref.WeakSet[Markdown] = weakref.WeakSet()
# Modules whose postprocessors only rewrite the text they are given (no state, no warning).
_PURE_POSTPROCESSORS = ("markdown.", "mkdocs_jekyll.kramdown.")


def leave_toc_html_unread(md: Markdown) -> None:
    """Tell ``lean_toc_run`` that nothing reads ``md.toc`` after a conversion on ``md``.

    ``md.toc`` is the table of contents as HTML, which the pass serializes and runs every
    postprocessor on; MkDocs (1.6) reads ``md.toc_tokens`` instead, and no extension of
    Python-Markdown's or pymdown-extensions' reads it. Only the caller of ``convert`` and the
    instance's extensions can, so it is for the owner of the instance (one that knows all
    of them) to say.
    """
    _TOC_HTML_UNREAD.add(md)


def _pure(postprocessors: list[Postprocessor]) -> bool:
    """Whether running ``postprocessors`` on a text changes nothing but that text."""
    return all(type(pp).__module__.startswith(_PURE_POSTPROCESSORS) for pp in postprocessors)


def _has_marker(processor: toc.TocTreeprocessor, doc: etree.Element) -> bool:
    """Whether ``replace_marker`` could put the div in the page: never on a page whose text
    lacks the marker (its element's own text is the marker), when ``itertext`` reads every
    text of the page."""
    marker = processor.marker
    if not marker:
        return False
    return not itertext_reads_all() or holds("".join(doc.itertext()), marker)


def lean_toc_run(self: toc.TocTreeprocessor, doc: etree.Element) -> bool:
    """``TocTreeprocessor.run`` on ``doc``, as described above. Returns False (having done
    nothing) when the processor or the release is not the one mirrored."""
    header_rgx = self.header_rgx
    if header_rgx.pattern != _HEADER_PATTERN or header_rgx.flags != re.UNICODE:
        return False
    if not installed_mirrored():
        return False
    md = self.md
    postprocessors = list(md.postprocessors)
    headings = _HEADINGS

    # Get a list of id attributes
    used_ids = set()
    for el in doc.iter():
        if "id" in el.attrib:
            used_ids.add(el.attrib["id"])
    id_counters: dict[str, int] = {}

    toc_tokens: list[Any] = []
    for el in doc.iter():
        if isinstance(el.tag, str) and el.tag[:2] in headings:
            self.set_level(el)
            innerhtml = _render_inner_html(toc.remove_fnrefs(el), md, postprocessors)
            name = toc.strip_tags(innerhtml)

            # Do not override pre-existing ids
            if "id" not in el.attrib:
                el.attrib["id"] = toc.unique(
                    self.slugify(html.unescape(name), self.sep), used_ids, id_counters
                )

            data_toc_label = ""
            if "data-toc-label" in el.attrib:
                data_toc_label = _run_postprocessors(
                    _unescape(el.attrib["data-toc-label"]), postprocessors
                )
                # Overwrite name with sanitized value of `data-toc-label`.
                name = toc.escape_cdata(toc.strip_tags(data_toc_label))
                # Remove the data-toc-label attribute as it is no longer needed
                del el.attrib["data-toc-label"]

            if int(el.tag[-1]) >= self.toc_top and int(el.tag[-1]) <= self.toc_bottom:
                toc_tokens.append(
                    {
                        "level": int(el.tag[-1]),
                        "id": _unescape(el.attrib["id"]),
                        "name": name,
                        "html": innerhtml,
                        "data-toc-label": data_toc_label,
                    }
                )

            if self.use_anchors:
                self.add_anchor(el, el.attrib["id"])
            if self.use_permalinks not in [False, None]:
                self.add_permalink(el, el.attrib["id"])

    nested = toc.nest_toc_tokens(toc_tokens)
    if md in _TOC_HTML_UNREAD and _pure(postprocessors) and not _has_marker(self, doc):
        # Nobody reads `md.toc` and no marker takes the div: `reset()`'s value stands.
        md.toc_tokens = nested  # type: ignore[attr-defined]
        md.toc = ""  # type: ignore[attr-defined]
        return True
    div = self.build_toc_div(nested)
    if self.marker:
        self.replace_marker(doc, div)

    # serialize and attach to markdown instance.
    toc_html = md.serializer(div)
    for pp in md.postprocessors:
        toc_html = pp.run(toc_html)
    md.toc_tokens = nested  # type: ignore[attr-defined]
    md.toc = toc_html  # type: ignore[attr-defined]
    return True
