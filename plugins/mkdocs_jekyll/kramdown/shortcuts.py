"""Python-Markdown's own whole-page processors, less the work that cannot change the page.

Five of Python-Markdown's processors run on every page and cost a fifth of its conversion
on a typical page, mostly for nothing (measured on the bench site's pages):

- ``normalize_whitespace`` blanks the lines holding only spaces with ``(?<=\\n) +\\n``, an
  expression the regex engine can start at any position (a lookbehind first): about 5% of
  a page's conversion. ``\\n +(?=\\n)`` replaces exactly the same runs of spaces (those with a
  line break on either side) and is found by a scan for ``\\n``.
- ``prettify`` asks ``is_block_level`` up to three times for each element, through a
  recursive call per element; the same visit with a stack and one answer per tag and page
  does the same writes.
- ``unescape`` runs its expression over every text, tail and attribute of the page; one
  without ``STX`` (what every escape's placeholder starts with) comes back unchanged, so it
  is left alone, except that an ``AtomicString`` still comes back as a plain ``str``.
- ``attr_list`` looks for ``{...}`` at the end of every block and the start of every tail;
  on a page whose text holds no ``{`` (the string each of its expressions needs,
  ``regex_triggers``) none matches and it changes nothing, so it does not run.
- ``raw_html`` puts the stashed HTML back where its placeholders are: it runs on the page
  and again on each heading and on the table of contents (``toc`` runs every postprocessor
  on them), building its expression each time; a text without ``STX`` (what every
  placeholder starts with) holds none and comes back unchanged, so it is returned at once.
  In another text, the expression is run only on the lines holding ``STX`` (no placeholder
  spans a line break), not tried at every ``<`` of the page and of each stashed block:
  about 3% of a page's conversion on the bench site (3.11's ``run``).

Why the output cannot change: each replacement is installed only in place of Python-Markdown's
exact class, and only when that class's code uses exactly the names and constants the
mirror was written from (Python-Markdown 3.5 to 3.11: ``_MIRRORED``); any other release, a
subclass or another extension's processor under that name is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from types import CodeType
from typing import TYPE_CHECKING, Any

from markdown import util
from markdown.extensions.attr_list import AttrListTreeprocessor
from markdown.extensions.md_in_html import MarkdownInHTMLPostprocessor
from markdown.postprocessors import RawHtmlPostprocessor
from markdown.preprocessors import NormalizeWhitespace
from markdown.treeprocessors import PrettifyTreeprocessor, UnescapeTreeprocessor

from mkdocs_jekyll.compat import code_fingerprint, replace_registered
from mkdocs_jekyll.kramdown.regex_triggers import regex_triggers

if TYPE_CHECKING:
    import xml.etree.ElementTree as etree

    from markdown import Markdown

# Python-Markdown's `(?<=\n) +\n`, found by its leading line break.
_BLANK_LINE_SPACES = re.compile(r"\n +(?=\n)")
_NOT_PRETTIFIED = ("code", "pre")


# (class, method) -> the names and constants of the code each replacement mirrors.
_MIRRORED: dict[tuple[type[Any], str], tuple[frozenset[str], tuple[Any, ...]]] = {
    (NormalizeWhitespace, "run"): (
        frozenset(
            {"ETX", "STX", "expandtabs", "join", "md", "re", "replace", "split", "sub"}
            | {"tab_length", "util"}
        ),
        (None, "\n", "", "\r\n", "\r", "\n\n", "(?<=\\n) +\\n"),
    ),
    (PrettifyTreeprocessor, "run"): (
        frozenset(
            {"AtomicString", "_prettifyETree", "iter", "len", "rstrip", "strip", "tag", "tail"}
            | {"text", "util"}
        ),
        ("br", "\n", "\n%s", "pre", 0, "code", None),
    ),
    (PrettifyTreeprocessor, "_prettifyETree"): (
        frozenset({"_prettifyETree", "is_block_level", "len", "md", "strip", "tag", "tail"})
        | {"text"},
        ("\n", ("code", "pre"), 0, None),
    ),
    (UnescapeTreeprocessor, "run"): (
        frozenset({"items", "iter", "set", "tag", "tail", "text", "unescape"}),
        ("code", None),
    ),
}

# Every name `AttrListTreeprocessor.run` uses in 3.5 to 3.11: it changes the tree only where
# one of its three expressions matches. A release using another name is not skipped.
_ATTR_LIST_NAMES = frozenset(
    {"BLOCK_RE", "HEADER_RE", "INLINE_RE", "assign_attrs", "end", "enumerate", "group"}
    | {"is_block_level", "isheader", "iter", "len", "match", "md", "rstrip", "search"}
    | {"start", "tag", "tail", "text"}
)
_ATTR_LIST_EXPRESSIONS = ("HEADER_RE", "BLOCK_RE", "INLINE_RE")


def mirrored(cls: type[Any], *methods: str) -> bool:
    """Whether each of ``cls``'s ``methods`` is the code its replacement here mirrors."""
    return all(
        code_fingerprint(getattr(cls, method, None)) == _MIRRORED.get((cls, method))
        for method in methods
    )


class LeanNormalizeWhitespace(NormalizeWhitespace):
    """``NormalizeWhitespace``, with lines of only spaces found by a scan for line breaks."""

    def run(self, lines: list[str]) -> list[str]:
        """Python-Markdown's steps, in its order."""
        source = "\n".join(lines)
        source = source.replace(util.STX, "").replace(util.ETX, "")
        source = source.replace("\r\n", "\n").replace("\r", "\n") + "\n\n"
        source = source.expandtabs(self.md.tab_length)
        source = _BLANK_LINE_SPACES.sub("\n", source)
        return source.split("\n")


class LeanPrettifyTreeprocessor(PrettifyTreeprocessor):
    """``prettify``: the same elements visited with a stack, one ``is_block_level`` per tag."""

    def run(self, root: etree.Element) -> None:
        """Add the line breaks Python-Markdown's prettifier adds."""
        is_block_level = self.md.is_block_level
        known: dict[Any, bool] = {}  # tag -> is_block_level(tag), for this page
        # `_prettifyETree`: each element's text and tail depend only on themselves and its
        # children's tags, so the order of the visits does not matter.
        stack = [root]
        while stack:
            elem = stack.pop()
            tag = elem.tag
            block = known.get(tag)
            if block is None:
                block = known[tag] = bool(is_block_level(tag))
            if block and tag not in _NOT_PRETTIFIED:
                for child in elem:
                    child_tag = child.tag
                    child_block = known.get(child_tag)
                    if child_block is None:
                        child_block = known[child_tag] = bool(is_block_level(child_tag))
                    if child_block:
                        stack.append(child)
                text = elem.text
                if (not text or not text.strip()) and len(elem) and known[elem[0].tag]:
                    elem.text = "\n"
            tail = elem.tail
            if not tail or not tail.strip():
                elem.tail = "\n"
        for br in root.iter("br"):
            if not br.tail or not br.tail.strip():
                br.tail = "\n"
            else:
                br.tail = f"\n{br.tail}"
        for pre in root.iter("pre"):
            if len(pre) and pre[0].tag == "code":
                code = pre[0]
                if not len(code) and code.text is not None:
                    code.text = util.AtomicString(code.text.rstrip() + "\n")


class LeanUnescapeTreeprocessor(UnescapeTreeprocessor):
    """``unescape``, leaving alone the plain strings without an escape's placeholder."""

    def run(self, root: etree.Element) -> None:
        """Unescape what holds ``STX`` (and make ``AtomicString`` text plain, as it does)."""
        unescape, stx = self.unescape, util.STX
        for elem in root.iter():
            text = elem.text
            if text and elem.tag != "code" and (type(text) is not str or stx in text):
                elem.text = unescape(text)
            tail = elem.tail
            if tail and (type(tail) is not str or stx in tail):
                elem.tail = unescape(tail)
            for key, value in elem.items():
                # A value of None is a valueless attribute (Python-Markdown 3.10 and later,
                # whose loop skips it too; earlier releases never write one).
                if value is not None and (type(value) is not str or stx in value):
                    elem.set(key, unescape(value))


class TriggeredAttrListTreeprocessor(AttrListTreeprocessor):
    """``attr_list``, run only on a page whose text holds one of its expressions' triggers."""

    triggers: tuple[str, ...] = ()

    def run(self, doc: etree.Element) -> None:
        """Python-Markdown's ``attr_list``, unless no text or tail holds a trigger."""
        text = "".join(doc.itertext())
        if any(trigger in text for trigger in self.triggers):
            super().run(doc)


@cache
def itertext_reads_all() -> bool:
    """Whether ``itertext`` yields every element's text and tail, below a comment too
    (the C ElementTree's does; Python's own skips what is under a comment's tag)."""
    from xml.etree import ElementTree

    root = ElementTree.Element("div")
    comment = ElementTree.Comment("a")
    comment.tail = "b"
    child = ElementTree.SubElement(comment, "p")
    child.text, child.tail = "c", "d"
    root.append(comment)
    return "".join(root.itertext()) == "acdb"


# The names `RawHtmlPostprocessor.run` uses in Python-Markdown 3.11 and in 3.5 to 3.10:
# either way it only replaces matches of a placeholder expression (which needs `STX`), and
# returns the text unchanged when there is none.
_RAW_HTML_NAMES = (
    frozenset({"HTML_PLACEHOLDER", "compile", "htmlStash", "html_counter", "md", "re", "sub"})
    | {"util"},
    frozenset({"HTML_PLACEHOLDER", "OrderedDict", "compile", "format", "get_placeholder"})
    | {"htmlStash", "html_counter", "isblocklevel", "md", "range", "rawHtmlBlocks", "re"}
    | {"run", "stash_to_string", "sub", "util"},
)


def _raw_html_mirrored() -> bool:
    code = getattr(RawHtmlPostprocessor.run, "__code__", None)
    return (
        code is not None
        and frozenset(code.co_names) in _RAW_HTML_NAMES
        and "run" not in vars(MarkdownInHTMLPostprocessor)
    )


# Python-Markdown 3.11's `RawHtmlPostprocessor.run`: its names, the strings building its
# expression, and the names and constants of its `substitute_match` (alike under Python 3.11
# and 3.13; its other constants, the annotations, differ).
_RAW_HTML_RUN_311 = frozenset(
    {"HTML_PLACEHOLDER", "compile", "htmlStash", "html_counter", "md", "re", "sub", "util"}
)
_RAW_HTML_RUN_STRINGS = frozenset({"([0-9]+)", "<p>", "</p>|"})
_SUBSTITUTE_MATCH = (
    frozenset({"group", "htmlStash", "html_counter", "int", "isblocklevel", "md"})
    | {"rawHtmlBlocks", "stash_to_string", "sub"},
    (None, 1, True, 2, False, 0, "<p>", "</p>"),
)


@cache
def raw_html_run_mirrored() -> bool:
    """Whether ``RawHtmlPostprocessor.run`` is 3.11's, which ``_restore_raw_html`` mirrors."""
    code = getattr(RawHtmlPostprocessor.run, "__code__", None)
    if code is None or frozenset(code.co_names) != _RAW_HTML_RUN_311:
        return False
    nested = [const for const in code.co_consts if isinstance(const, CodeType)]
    strings = {const for const in code.co_consts if type(const) is str}
    return (
        len(nested) == 1
        and nested[0].co_name == "substitute_match"
        and (frozenset(nested[0].co_names), nested[0].co_consts) == _SUBSTITUTE_MATCH
        and _RAW_HTML_RUN_STRINGS <= strings
    )


def _sub_by_line(pattern: re.Pattern[str], repl: Callable[[Any], str], text: str) -> str:
    """``pattern.sub(repl, text)`` for the placeholder expression, run only on the lines
    holding ``STX``: every match holds one, and none spans a line break (``STX``, letters,
    digits and ``ETX``, maybe within ``<p>`` and ``</p>``); ``sub`` gives the others back."""
    if type(text) is not str:
        return pattern.sub(repl, text)
    stx = util.STX
    at = text.find(stx)
    if at == -1:
        return text
    parts: list[str] = []
    done = 0
    while at != -1:
        begin = max(done, text.rfind("\n", done, at) + 1)
        end = text.find("\n", at)
        if end == -1:
            end = len(text)
        parts.append(text[done:begin])
        parts.append(pattern.sub(repl, text[begin:end]))
        done = end
        at = text.find(stx, end)
    parts.append(text[done:])
    return "".join(parts)


def _restore_raw_html(self: RawHtmlPostprocessor, text: str) -> str:
    """``RawHtmlPostprocessor.run`` (Python-Markdown 3.11), statement for statement, its
    substitutions made by ``_sub_by_line``."""

    def substitute_match(m: re.Match[str]) -> str:
        if key := m.group(1):
            wrapped = True
        else:
            key = m.group(2)
            wrapped = False
        if (index := int(key)) >= self.md.htmlStash.html_counter:
            return m.group(0)
        html = self.stash_to_string(self.md.htmlStash.rawHtmlBlocks[index])  # type: ignore[arg-type]
        if not wrapped or self.isblocklevel(html):
            return _sub_by_line(pattern, substitute_match, html)
        return _sub_by_line(pattern, substitute_match, f"<p>{html}</p>")

    if self.md.htmlStash.html_counter:
        base_placeholder = util.HTML_PLACEHOLDER % r"([0-9]+)"
        pattern = re.compile(f"<p>{base_placeholder}</p>|{base_placeholder}")
        return _sub_by_line(pattern, substitute_match, text)
    return text


class LeanRawHtmlPostprocessor(RawHtmlPostprocessor):
    """``raw_html``, returning at once a text that holds no placeholder."""

    def run(self, text: str) -> str:
        """Python-Markdown's, unless the text has no ``STX``."""
        if type(text) is str and util.STX not in text:
            return text
        if raw_html_run_mirrored():
            return _restore_raw_html(self, text)
        return super().run(text)


class LeanMarkdownInHTMLPostprocessor(MarkdownInHTMLPostprocessor):
    """md_in_html's ``raw_html``, returning at once a text that holds no placeholder."""

    def run(self, text: str) -> str:
        """md_in_html's, unless the text has no ``STX``."""
        if type(text) is str and util.STX not in text:
            return text
        if raw_html_run_mirrored():
            return _restore_raw_html(self, text)
        return super().run(text)


def _attr_list_triggers() -> tuple[str, ...] | None:
    """The strings one of which any change ``attr_list`` makes needs (None: unknown)."""
    code = getattr(AttrListTreeprocessor.run, "__code__", None)
    if code is None or not itertext_reads_all() or not frozenset(code.co_names) <= _ATTR_LIST_NAMES:
        return None
    found: set[str] = set()
    for name in _ATTR_LIST_EXPRESSIONS:
        expression = getattr(AttrListTreeprocessor, name, None)
        needed = regex_triggers(expression) if isinstance(expression, re.Pattern) else None
        if needed is None:
            return None
        found.update(needed)
    return tuple(sorted(found))


def _replace(
    registry: util.Registry[Any], name: str, cls: type[Any], make: Callable[[Any], Any]
) -> None:
    """Put ``make(current)`` in the place of ``registry[name]`` when it is exactly ``cls``."""
    if name in registry and type(registry[name]) is cls:
        replace_registered(registry, name, make(registry[name]))


def install_shortcuts(md: Markdown) -> None:
    """Put the lean processors above in place of Python-Markdown's own, where mirrored."""
    if mirrored(NormalizeWhitespace, "run"):
        _replace(
            md.preprocessors,
            "normalize_whitespace",
            NormalizeWhitespace,
            lambda _current: LeanNormalizeWhitespace(md),
        )
    if mirrored(PrettifyTreeprocessor, "run", "_prettifyETree"):
        _replace(
            md.treeprocessors,
            "prettify",
            PrettifyTreeprocessor,
            lambda _current: LeanPrettifyTreeprocessor(md),
        )
    if mirrored(UnescapeTreeprocessor, "run"):
        _replace(
            md.treeprocessors,
            "unescape",
            UnescapeTreeprocessor,
            lambda _current: LeanUnescapeTreeprocessor(md),
        )
    if _raw_html_mirrored():
        _replace(
            md.postprocessors,
            "raw_html",
            RawHtmlPostprocessor,
            lambda _current: LeanRawHtmlPostprocessor(md),
        )
        _replace(
            md.postprocessors,
            "raw_html",
            MarkdownInHTMLPostprocessor,
            lambda _current: LeanMarkdownInHTMLPostprocessor(md),
        )
    triggers = _attr_list_triggers()
    if triggers:

        def attr_list(_current: Any) -> TriggeredAttrListTreeprocessor:
            processor = TriggeredAttrListTreeprocessor(md)
            processor.triggers = triggers
            return processor

        _replace(md.treeprocessors, "attr_list", AttrListTreeprocessor, attr_list)
