"""Inline patterns skipped on a page whose text cannot hold their syntax.

Python-Markdown tries every inline pattern on every run of text of the page (about 20
patterns on 60 runs for a short page), whether or not the page uses that syntax; kramdown's
features add several of them (``$$`` math, ``{::tags}``, ``\\`` line breaks and escaped
guillemets, footnote references, entities, inline HTML, quotes and symbols). This extension
takes the place of Python-Markdown's ``inline`` treeprocessor with a subclass that, once per
page, leaves out the patterns whose match needs a string the page's text does not contain, then
runs Python-Markdown's own inline pass over the patterns that are left.

Why the output cannot change: each pattern left out (``_TRIGGERS``) has a regular expression
that matches nothing without one of its trigger strings, so on that page it would have
matched nothing. The text the inline pass reads is the tree's text (``itertext``, the text the
patterns will see, plus atomic text they will not), read right before the pass. Within the
pass, a pattern only sees text from the tree or what an earlier pattern made of it, and
every pattern that can run before a skipped one is one we know (``_KNOWN``): each either
stashes what it writes (as a placeholder between the text around it, so it joins no two
characters into a trigger) or keeps the page's own text. A pattern from any other extension
stops the skipping for every pattern after it.

Then, for each run of text, the patterns left are filtered again: Python-Markdown tries each
on the run (``__handleInline``, which this processor takes the place of), and we skip a
pattern whose regular expression needs a string the run, as it is when the pattern's turn
comes, does not contain (``regex_triggers``: the strings are read from the expression
itself). Such a pattern would have found no match, and Python-Markdown would have moved to
the next one with the text unchanged: we do the same without asking (and at once, for a run
holding no trigger of any pattern left, most runs of most pages; each trigger looked for
by its rarest character first, ``regex_triggers.probes``). That check reads the
very text the pattern would search, placeholders of earlier patterns included, so it needs
no knowledge of the other patterns. A Python-Markdown whose loop differs from the one we
mirror (``compat.inline_handler_mirrored``) runs its own, with only the page's choice.

Python-Markdown's ``toc`` looks for its ``[TOC]`` marker in the text of every element of every
page (``replace_marker``): ``MarkerCheckedTocTreeprocessor`` takes its place and looks only
on a page whose text holds the marker, as an element whose own text is the marker is in it.

Nothing is kept between pages: the patterns are chosen at the start of each pass and
Python-Markdown's registry is back in place at its end.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteInlineProcessor
from markdown.extensions.toc import TocExtension, TocTreeprocessor
from markdown.inlinepatterns import EscapeInlineProcessor
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

from mkdocs_jekyll.compat import (
    inline_handler_mirrored,
    inline_pattern_applier,
    replace_inline_handler,
)
from mkdocs_jekyll.kramdown.block_triggers import install_block_loop
from mkdocs_jekyll.kramdown.extensions import ExtensionTagsInlineProcessor
from mkdocs_jekyll.kramdown.fence_search import install_fence_search
from mkdocs_jekyll.kramdown.inline_pass import lean_inline_run
from mkdocs_jekyll.kramdown.inline_pass import mirrored as inline_pass_mirrored
from mkdocs_jekyll.kramdown.linebreaks import BackslashBreakProcessor
from mkdocs_jekyll.kramdown.math import InlineMathProcessor
from mkdocs_jekyll.kramdown.regex_triggers import holds as text_holds
from mkdocs_jekyll.kramdown.regex_triggers import probes, regex_triggers
from mkdocs_jekyll.kramdown.serializer import install_serializer
from mkdocs_jekyll.kramdown.shortcuts import install_shortcuts
from mkdocs_jekyll.kramdown.toc_pass import lean_toc_run
from mkdocs_jekyll.kramdown.typography import (
    EntityProcessor,
    EscapedGuillemetsProcessor,
    KramdownHtmlProcessor,
    TypographyProcessor,
)

if TYPE_CHECKING:
    import xml.etree.ElementTree as etree

    from markdown import Markdown

# Pattern class -> the strings one of which every match of its regex contains.
_TRIGGERS: dict[type[Any], tuple[str, ...]] = {
    InlineMathProcessor: ("$$",),  # \$\$...\$\$ (its other branches give no match)
    ExtensionTagsInlineProcessor: ("{::",),
    BackslashBreakProcessor: ("\\",),  # \\\n
    EscapedGuillemetsProcessor: ("\\",),  # \\(<|>)\1
    EscapeInlineProcessor: ("\\",),  # \\(.)
    FootnoteInlineProcessor: ("[^",),
    EntityProcessor: ("&",),  # &name; &#1; &#x1;
    KramdownHtmlProcessor: ("<",),  # <tag ...>, </tag>, <!-- -->
    # An IAL, a quote, or a symbol (typography.py's _SCAN).
    TypographyProcessor: ("{:", "{#", '"', "'", "--", "...", "<<", ">>"),
}
# Modules whose patterns write only stashed nodes, atomic text, or parts of the text they
# matched: a pattern after them still sees only the page's own text between placeholders.
# (pymdown-extensions' strikethrough builds <del> from slices of the text it matched.)
_KNOWN = (
    "markdown.inlinepatterns",
    "markdown.extensions.",
    "mkdocs_jekyll.kramdown.",
    "pymdownx.tilde",
    "pymdownx.delimiterprocessor",
)
_NAME = "inline"
_TOC = "toc"
_TOC_PRIORITY = 5  # where Python-Markdown's TocExtension registers it (3.5 to 3.11)
# Python-Markdown registers its inline pass (20) before any extension's treeprocessor, so it
# runs first of those at 20: the next float above 20 keeps that place, before every other
# processor at 20 and after every one above it.
_PRIORITY = math.nextafter(20.0, math.inf)


def kept_patterns(patterns: Sequence[Any], text: str) -> list[Any]:
    """The patterns, in order, less those that cannot match anything in ``text``.

    Args:
        patterns: The inline patterns in the order Python-Markdown tries them.
        text: All the text the inline pass will read (more is harmless).
    """
    kept: list[Any] = []
    known = True
    held: dict[str, bool] = {}  # trigger -> whether the text holds it, for this text
    for pattern in patterns:
        triggers = _TRIGGERS.get(type(pattern)) if known else None
        if triggers is None:
            kept.append(pattern)
        else:
            for trigger in triggers:
                holds = held.get(trigger)
                if holds is None:
                    holds = held[trigger] = text_holds(text, trigger)
                if holds:
                    kept.append(pattern)
                    break
        known = known and type(pattern).__module__.startswith(_KNOWN)
    return kept


def _any_trigger_from(triggers: list[tuple[str, ...] | None]) -> list[tuple[str, ...] | None]:
    """For each index, the triggers of the patterns from there on, which ``_handle_inline``
    looks for one by one (``in``: some ten scans of a run cost less than one search of an
    alternation of them, which tests its first characters at each position). None when one
    of them has no triggers (it is always tried), or none has any (what an expression
    alternating none would be: found in every run)."""
    found: list[tuple[str, ...] | None] = []
    union: frozenset[str] | None = frozenset()
    for needed in reversed(triggers):
        union = None if union is None or needed is None else union | frozenset(needed)
        found.append(tuple(sorted(union)) if union else None)
    return found[::-1]


@lru_cache(maxsize=64)
def _probes_and_finders(
    needed: tuple[tuple[str, ...] | None, ...],
) -> tuple[list[tuple[tuple[str, str], ...] | None], list[tuple[str, ...] | None]]:
    """Per kept pattern (each with the triggers in ``needed``): its triggers with their
    probes, and ``_any_trigger_from``'s triggers. Made once for the pages that keep
    patterns with the same triggers (most pages of a site), instead of per page; the inline
    pass only reads both lists."""
    probed = [None if strings is None else probes(strings) for strings in needed]
    return probed, _any_trigger_from(list(needed))


def pattern_triggers(pattern: Any) -> tuple[str, ...] | None:
    """The strings one of which any text ``pattern`` matches in contains (None: unknown)."""
    compiled = getattr(pattern, "getCompiledRegExp", None)
    return regex_triggers(compiled()) if callable(compiled) else None


class TriggeredInlineProcessor(InlineProcessor):
    """Python-Markdown's inline pass over the patterns the page's text can trigger, each
    tried only on the runs of text that hold one of its trigger strings."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        # Per kept pattern: its triggers, each with the character looked for first.
        self._triggers: list[tuple[tuple[str, str], ...] | None] = []
        self._any_from: list[tuple[str, ...] | None] = []
        self._apply = inline_pattern_applier(self)
        if inline_handler_mirrored():
            replace_inline_handler(self, self._handle_inline)

    def run(self, tree: etree.Element, ancestors: list[str] | None = None) -> etree.Element:
        """Choose the patterns for this tree, run the inline pass, put the registry back."""
        registry, triggers, any_from = self.inlinePatterns, self._triggers, self._any_from
        kept = kept_patterns(list(registry), "".join(tree.itertext()))
        # The pass reads its patterns only by len() and integer index: a list serves, and
        # skips the registry's per-lookup sorting checks too.
        self.inlinePatterns = cast(Any, kept)
        needed = tuple(pattern_triggers(pattern) for pattern in kept)
        self._triggers, self._any_from = _probes_and_finders(needed)
        try:
            if inline_pass_mirrored():
                return lean_inline_run(self, tree, ancestors)
            return super().run(tree, ancestors)
        finally:
            self.inlinePatterns, self._triggers, self._any_from = registry, triggers, any_from

    def _handle_inline(self, data: str, index: int = 0) -> str:
        """``InlineProcessor.__handleInline``: the patterns from ``index`` on, tried in
        turn on ``data`` (again after each match), less those it cannot trigger."""
        if isinstance(data, AtomicString):
            return data
        anywhere = self._any_from[index] if index < len(self._any_from) else None
        if anywhere is not None:
            for trigger in anywhere:
                if trigger in data:
                    break
            else:
                return data  # no pattern left can match: each would be skipped below
        patterns, triggers, apply = self.inlinePatterns, self._triggers, self._apply
        start = 0
        count = len(patterns)
        while index < count:
            needed = triggers[index]
            if needed is not None:
                for probe, trigger in needed:  # `trigger in data`, quicker
                    if probe in data and (probe is trigger or trigger in data):
                        break
                else:
                    # What __applyPattern returns when the regex finds nothing.
                    index, start = index + 1, 0
                    continue
            data, matched, start = apply(patterns[index], data, index, start)
            if not matched:
                index += 1
        return data


class MarkerCheckedTocTreeprocessor(TocTreeprocessor):
    """Python-Markdown's ``toc``, which looks for its marker only on a page holding it."""

    def run(self, doc: etree.Element) -> None:
        """Python-Markdown's pass, with less work where mirrored (``kramdown.toc_pass``)."""
        if not lean_toc_run(self, doc):
            super().run(doc)

    def replace_marker(self, root: etree.Element, elem: etree.Element) -> None:
        """Replace the element whose own text is the marker: none unless the page has it."""
        if self.marker in "".join(root.itertext()):
            super().replace_marker(root, elem)


def _check_toc_marker(md: Markdown) -> None:
    """Put ``MarkerCheckedTocTreeprocessor`` in place of Python-Markdown's own, configured
    alike, unless another extension replaced that one already."""
    current = md.treeprocessors[_TOC] if _TOC in md.treeprocessors else None
    extension = next((e for e in md.registeredExtensions if type(e) is TocExtension), None)
    if type(current) is TocTreeprocessor and extension is not None:
        checked = MarkerCheckedTocTreeprocessor(md, extension.getConfigs())
        md.treeprocessors.register(checked, _TOC, _TOC_PRIORITY)


class TriggersExtension(Extension):
    """Skip the inline patterns a page cannot trigger (load after the others)."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Take the place of Python-Markdown's own inline pass, unless another did already."""
        current = md.treeprocessors[_NAME] if _NAME in md.treeprocessors else None
        if type(current) is InlineProcessor:
            md.treeprocessors.register(TriggeredInlineProcessor(md), _NAME, _PRIORITY)
        install_block_loop(md.parser)
        _check_toc_marker(md)
        install_shortcuts(md)
        install_fence_search(md)
        self.md = md
        md.registerExtension(self)

    def reset(self) -> None:
        """As each page starts: serialize it with ``kramdown.serializer``'s lean function
        (``Markdown`` sets its serializer after registering the extensions)."""
        install_serializer(self.md)


def makeExtension(**kwargs: Any) -> TriggersExtension:
    """Python-Markdown's entry point for ``mkdocs_jekyll.kramdown.triggers``."""
    return TriggersExtension(**kwargs)
