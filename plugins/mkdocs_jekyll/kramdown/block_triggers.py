"""The block parser's loop, less the tests a block cannot pass.

Python-Markdown's block parser asks every block processor in turn whether it takes the
block at hand (``test``): about 20 questions for each paragraph of a page. Several of its
own tests only search the block with a regular expression (``_SEARCHED``: a block quote's
``>``, a rule's ``-``, ``*`` or ``_``, a setext underline's ``\\n=`` or ``\\n-``, a list's marker, a
definition's ``: ``), the costliest of them at every position of the block. On a block
holding none of the strings that expression needs (``regex_triggers``) such a test is
false, and the parser moves on to the next processor: this loop moves on without asking.

Why the output cannot change: the loop is Python-Markdown's (``BlockParser.parseBlocks``,
the same in 3.5 to 3.11, checked by ``compat.block_loop_mirrored``), the registry read
afresh for each block as it does; a test is skipped only for a processor of exactly one of
these classes whose ``test`` still uses exactly the names we read it with (a subclass or a
release with another test is asked as before), with the expression the processor holds.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from markdown.blockprocessors import (
    BlockQuoteProcessor,
    HRProcessor,
    OListProcessor,
    SetextHeaderProcessor,
    UListProcessor,
)
from markdown.extensions.def_list import DefListProcessor

from mkdocs_jekyll.compat import block_loop_mirrored, replace_parse_blocks
from mkdocs_jekyll.kramdown.regex_triggers import regex_triggers

if TYPE_CHECKING:
    import xml.etree.ElementTree as etree

    from markdown.blockparser import BlockParser

_MATCH = frozenset({"bool", "RE", "match"})
_SEARCH = frozenset({"bool", "RE", "search"})
# Processor class -> (the attribute holding its expression, the names its `test` uses):
# `test` is false unless that expression finds a match in the block.
_SEARCHED: dict[type[Any], tuple[str, frozenset[str]]] = {
    # return bool(self.RE.search(block)) and not util.nearing_recursion_limit()
    BlockQuoteProcessor: ("RE", _SEARCH | {"util", "nearing_recursion_limit"}),
    # m = self.SEARCH_RE.search(block); if m: self.match = m; return True; return False
    HRProcessor: ("SEARCH_RE", frozenset({"SEARCH_RE", "search", "match"})),
    SetextHeaderProcessor: ("RE", _MATCH),  # return bool(self.RE.match(block))
    OListProcessor: ("RE", _MATCH),
    UListProcessor: ("RE", _MATCH),
    DefListProcessor: ("RE", _SEARCH),  # return bool(self.RE.search(block))
}


def _test_mirrored(cls: type[Any]) -> bool:
    """Whether ``cls.test`` uses exactly the names ``_SEARCHED`` read it with."""
    code = getattr(getattr(cls, "test", None), "__code__", None)
    return code is not None and frozenset(code.co_names) == _SEARCHED[cls][1]


_ATTRIBUTE = {cls: entry[0] for cls, entry in _SEARCHED.items() if _test_mirrored(cls)}
"""The classes whose test we skip, each with the attribute holding its expression."""


def test_triggers(processor: Any) -> tuple[str, ...] | None:
    """The strings one of which a block needs to pass ``processor.test`` (None: unknown)."""
    attribute = _ATTRIBUTE.get(type(processor))
    regex = None if attribute is None else getattr(processor, attribute, None)
    return regex_triggers(regex) if isinstance(regex, re.Pattern) else None


class TriggeredBlockLoop:
    """``BlockParser.parseBlocks`` for one parser, skipping the tests a block cannot pass."""

    def __init__(self, parser: BlockParser) -> None:
        self.parser = parser
        # Processor -> (the expression it held, its triggers): read again if it changes.
        self._known: dict[Any, tuple[Any, tuple[str, ...] | None]] = {}

    def _needed(self, processor: Any, attribute: str) -> tuple[str, ...] | None:
        regex = getattr(processor, attribute, None)
        known = self._known.get(processor)
        if known is None or known[0] is not regex:
            known = self._known[processor] = (regex, test_triggers(processor))
        return known[1]

    def parse_blocks(self, parent: etree.Element, blocks: list[str]) -> None:
        """Process ``blocks`` into ``parent``, as Python-Markdown's loop does."""
        while blocks:
            for processor in self.parser.blockprocessors:
                attribute = _ATTRIBUTE.get(type(processor))
                if attribute is not None:
                    needed = self._needed(processor, attribute)
                    if needed is not None:
                        block = blocks[0]
                        for trigger in needed:
                            if trigger in block:
                                break
                        else:
                            continue  # the test would be false
                if processor.test(parent, blocks[0]):
                    if processor.run(parent, blocks) is not False:
                        # run returns True or None
                        break


def install_block_loop(parser: BlockParser) -> None:
    """Give ``parser`` the loop above, when its own is the one we mirror."""
    if block_loop_mirrored():
        replace_parse_blocks(parser, TriggeredBlockLoop(parser).parse_blocks)
