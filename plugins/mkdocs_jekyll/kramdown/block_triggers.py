"""The block parser's loop, less the tests a block cannot pass.

Python-Markdown's block parser asks every block processor in turn whether it takes the
block at hand (``test``): about 20 questions for each paragraph of a page. Several of its
own tests only search the block with a regular expression (``_SEARCHED``: a block quote's
``>``, a rule's ``--``, ``- -`` or ``-  -`` or the same of ``*`` or ``_``
(``_KNOWN_TRIGGERS``), a setext underline's ``\\n=`` or ``\\n-``, a list's marker, a
definition's ``: ``), the costliest of them at every position of the block. On a block
holding none of the strings that expression needs (``regex_triggers``) such a test is
false, and the parser moves on to the next processor: this loop moves on without asking.

Why the output cannot change: the loop is Python-Markdown's (``BlockParser.parseBlocks``,
the same in 3.5 to 3.11, checked by ``compat.block_loop_mirrored``), the registry read
afresh for each block as it does; a test is skipped only for a processor of exactly one of
these classes whose ``test`` still uses exactly the names we read it with (a subclass or a
release with another test is asked as before), with the expression the processor holds.

Three more cuts of the same kind: Python-Markdown's reference and footnote definitions
(``_DECLINING``) pass every test and decline in ``run``, changing nothing, unless their
expression matches, so both are skipped alike on a block without its triggers; our own
processors declare the strings their tests need (``TEST_TRIGGERS``, property-tested); and
the loop keeps the processors in order (its plan) for as long as the registry's storage
equals a copy of it, instead of iterating the registry (a sort check and a new list) for
each block, as a registry that changed gives a new plan.

And three whose test needs an indented block: Python-Markdown's indented code and list
continuations (``CodeBlockProcessor.test``, ``ListIndentProcessor.test``, kept by def_list's
subclass and ours) and SuperFences' indented code (which passes every test and declines in
``run`` unless ``CodeBlockProcessor.test`` passes) take only a block starting with
``tab_length`` spaces, so a block holding no such run of spaces is not offered to them
(while the processor's ``tab_length`` is the value read); md_in_html's processor passes
every test and declines unless the block starts with an HTML stash placeholder, so a block
without its ``STX`` is not offered to it either. Each only where its code is the one read
(``_INDENTED_TESTS``, ``_SUPERFENCES_RUN``, ``_MD_IN_HTML_RUNS``), for that exact class or a
subclass keeping the test function.

A block is searched for each string by its rarest character first (``regex_triggers.probes``):
a search for ``$$`` or ``[^`` in a paragraph costs ten to twenty times one for ``$``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from markdown import util
from markdown.blockprocessors import (
    BlockQuoteProcessor,
    CodeBlockProcessor,
    HRProcessor,
    ListIndentProcessor,
    OListProcessor,
    ReferenceProcessor,
    SetextHeaderProcessor,
    UListProcessor,
)
from markdown.extensions.def_list import DefListProcessor
from markdown.extensions.footnotes import FootnoteBlockProcessor
from markdown.extensions.md_in_html import MarkdownInHtmlProcessor
from pymdownx.superfences import SuperFencesCodeBlockProcessor

from mkdocs_jekyll.compat import (
    block_loop_mirrored,
    code_fingerprint,
    registry_storage,
    replace_parse_blocks,
)
from mkdocs_jekyll.kramdown.regex_triggers import probes, regex_triggers

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


_RUN_NAMES = frozenset({"RE", "end", "group", "insert", "lstrip", "pop", "rstrip", "search"})
# Processor class -> (the attribute holding its expression, the names its `run` uses in
# Python-Markdown 3.5 to 3.11 besides `_RUN_NAMES`): `test` is always true (`return True`),
# and `run` declines with nothing changed unless that expression finds a match:
#   block = blocks.pop(0); m = self.RE.search(block); if m: ...
#   else: blocks.insert(0, block); return False
# so on a block holding none of the expression's triggers, test and run are skipped alike.
_DECLINING: dict[type[Any], tuple[str, tuple[frozenset[str], ...]]] = {
    ReferenceProcessor: (
        "RE",
        (
            frozenset({"lower", "md", "parser", "references", "start", "strip"}),
            frozenset({"finditer", "lower", "md", "parser", "references", "start", "strip"}),
        ),
    ),
    FootnoteBlockProcessor: (
        "RE",
        (
            frozenset({"detab", "detectTabbed", "extend", "footnotes", "join", "setFootnote"})
            | {"start", "strip"},
            frozenset({"detab", "detectTabbed", "extend", "footnotes", "join", "setFootnote"})
            | {"finditer", "start", "strip"},
        ),
    ),
}


def _declining_mirrored(cls: type[Any]) -> bool:
    """Whether ``cls.test`` is ``return True`` and ``cls.run`` uses the names we read."""
    test = getattr(getattr(cls, "test", None), "__code__", None)
    run = getattr(getattr(cls, "run", None), "__code__", None)
    return (
        test is not None
        and run is not None
        and not test.co_names
        and test.co_consts[-1:] == (True,)
        and frozenset(run.co_names) - _RUN_NAMES in _DECLINING[cls][1]
    )


_ATTRIBUTE = {cls: entry[0] for cls, entry in _SEARCHED.items() if _test_mirrored(cls)} | {
    cls: entry[0] for cls, entry in _DECLINING.items() if _declining_mirrored(cls)
}
"""The classes whose test we skip, each with the attribute holding its expression."""

# Tests that are false unless the block starts with `tab_length` spaces (an indented block):
#   CodeBlockProcessor: return block.startswith(' '*self.tab_length)
#   ListIndentProcessor: return block.startswith(' '*self.tab_length) and ...
# Keyed by the function, so a subclass that keeps the test (def_list's and our definition
# continuations) is skipped alike; with the names and constants each was read with.
_INDENTED_TESTS: dict[Any, tuple[frozenset[str], tuple[Any, ...]]] = {
    CodeBlockProcessor.test: (frozenset({"startswith", "tab_length"}), (None, " ")),
    ListIndentProcessor.test: (
        frozenset({"startswith", "tab_length", "parser", "state", "isstate", "len", "tag"})
        | {"ITEM_TYPES", "LIST_TYPES"},
        (None, " ", "detabbed", -1),
    ),
}
# SuperFences' indented code: `test` is `return True`, and `run` declines (returns False,
# nothing changed) unless `CodeBlockProcessor.test` passes, as above.
_SUPERFENCES_RUN = (
    frozenset({"config", "get", "CodeBlockProcessor", "test", "revert_greedy_fences", "run"}),
    (False, "disable_indented_code_blocks", 0, "nested", True),
)
# md_in_html's processor: `test` is `return True`, and `run` declines unless the block
# starts with a placeholder of the HTML stash (`util.HTML_PLACEHOLDER_RE.match(blocks[0])`).
_MD_IN_HTML_RUN_NAMES = frozenset(
    {"HTML_PLACEHOLDER_RE", "match", "util", "group", "int", "parser", "md", "htmlStash"}
    | {"rawHtmlBlocks", "isinstance", "etree", "Element", "pop", "append", "insert"}
    | {"parse_element_content"}
)
_MD_IN_HTML_RUNS = (_MD_IN_HTML_RUN_NAMES, _MD_IN_HTML_RUN_NAMES | {"end"})


def _returns_true(function: Any) -> bool:
    code = getattr(function, "__code__", None)
    return code is not None and not code.co_names and code.co_consts[-1:] == (True,)


def _indented_test(cls: type[Any]) -> bool:
    """Whether ``cls``'s test is false for a block not starting with ``tab_length`` spaces."""
    test = getattr(cls, "test", None)
    if cls is SuperFencesCodeBlockProcessor:
        return (
            _returns_true(test)
            and code_fingerprint(getattr(cls, "run", None)) == _SUPERFENCES_RUN
            and _indented_test(CodeBlockProcessor)
        )
    expected = _INDENTED_TESTS.get(test)
    return expected is not None and code_fingerprint(test) == expected


def _placeholder_triggers(cls: type[Any]) -> tuple[str, ...] | None:
    """For md_in_html's processor, the strings its ``run`` needs to take the block."""
    run = getattr(cls, "run", None)
    code = getattr(run, "__code__", None)
    if (
        cls is not MarkdownInHtmlProcessor
        or not _returns_true(getattr(cls, "test", None))
        or code is None
        or frozenset(code.co_names) not in _MD_IN_HTML_RUNS
    ):
        return None
    return regex_triggers(util.HTML_PLACEHOLDER_RE)


# A rule (`HRProcessor.SEARCH_RE`, Python-Markdown 3.5 to 3.11): three or more runs of one
# of `-`, `_` or `*`, each followed by at most two spaces, so two of the runs meet as the
# character twice with zero, one or two spaces between. `regex_triggers` reads only the
# character from the repeat, which every paragraph holding a hyphenated word passes; these
# strings let such blocks skip the rule's search (at every line of the block). Used only for
# exactly this expression (pattern and flags).
_RULE_PATTERN = (
    r"^[ ]{0,3}(?=(?P<atomicgroup>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,}))"
    r"(?P=atomicgroup)[ ]*$"
)
_RULE_TRIGGERS = tuple(f"{c}{gap}{c}" for c in "-_*" for gap in ("", " ", "  "))
_KNOWN_TRIGGERS: dict[tuple[str, int], tuple[str, ...]] = {
    (_RULE_PATTERN, re.MULTILINE | re.UNICODE): _RULE_TRIGGERS,
}


def test_triggers(processor: Any) -> tuple[str, ...] | None:
    """The strings one of which a block needs to pass ``processor.test`` (None: unknown)."""
    attribute = _ATTRIBUTE.get(type(processor))
    regex = None if attribute is None else getattr(processor, attribute, None)
    if not isinstance(regex, re.Pattern):
        return None
    return _KNOWN_TRIGGERS.get((regex.pattern, regex.flags)) or regex_triggers(regex)


_Step = tuple[Any, tuple[str, ...] | None, str | None, Any, tuple[tuple[str, str], ...]]
"""A processor, the strings one of which its test needs (None: always asked), and the
attribute holding the expression they were read from, with that expression (None: the
strings its class declares); last, each of those strings with its character looked for
first (``regex_triggers.probes``)."""


class TriggeredBlockLoop:
    """``BlockParser.parseBlocks`` for one parser, skipping the tests a block cannot pass."""

    def __init__(self, parser: BlockParser) -> None:
        self.parser = parser
        # The registry the plan was made from, a copy of its storage then, and the plan:
        # each processor in the order iterating the registry gives them.
        self._registry: Any = None
        self._copy: tuple[list[Any], dict[str, Any]] | None = None
        self._plan: list[_Step] = []

    def _current_plan(self) -> list[_Step]:
        """The processors as iterating the registry gives them now, with their triggers.

        Made again whenever the registry's storage differs from its copy (a processor
        registered, removed or replaced): otherwise iterating the registry, as
        Python-Markdown's loop does for each block, would give the same processors in the
        same order.
        """
        registry = self.parser.blockprocessors
        storage = registry_storage(registry)
        copy = self._copy
        if (
            storage is not None
            and registry is self._registry
            and copy is not None
            and storage[0] == copy[0]
            and storage[1] == copy[1]
        ):
            return self._plan
        plan = [_step(processor) for processor in registry]
        storage = registry_storage(registry)  # sorted by the iteration
        self._registry = registry
        self._copy = None if storage is None else (list(storage[0]), dict(storage[1]))
        self._plan = plan
        return plan

    def parse_blocks(self, parent: etree.Element, blocks: list[str]) -> None:
        """Process ``blocks`` into ``parent``, as Python-Markdown's loop does."""
        while blocks:
            for processor, needed, attribute, regex, looks in self._current_plan():
                # A processor holding another expression than its triggers were read from
                # is asked (a test is skipped only for the expression it holds); a class's
                # declared triggers (no attribute) always hold.
                if needed is not None and (
                    attribute is None or getattr(processor, attribute, None) is regex
                ):
                    block = blocks[0]
                    for probe, trigger in looks:  # `trigger in block`, quicker
                        if probe in block and (probe is trigger or trigger in block):
                            break
                    else:
                        continue  # the test would be false
                if processor.test(parent, blocks[0]):
                    if processor.run(parent, blocks) is not False:
                        # run returns True or None
                        break


def _step(processor: Any) -> _Step:
    processor, needed, attribute, regex = _read_step(processor)
    return processor, needed, attribute, regex, probes(needed or ())


def _read_step(processor: Any) -> tuple[Any, tuple[str, ...] | None, str | None, Any]:
    cls = type(processor)
    attribute = _ATTRIBUTE.get(cls)
    if not attribute:
        if _indented_test(cls):
            # The test needs the block to start with this many spaces, so to hold them.
            tab_length = getattr(processor, _TAB_LENGTH, None)
            if type(tab_length) is int and tab_length > 0:
                return processor, (" " * tab_length,), _TAB_LENGTH, tab_length
        placeholder = _placeholder_triggers(cls)
        if placeholder is not None:
            return processor, placeholder, None, None
        return processor, own_test_triggers(processor), None, None
    regex = getattr(processor, attribute, None)
    return processor, test_triggers(processor), attribute, regex


def own_test_triggers(processor: Any) -> tuple[str, ...] | None:
    """The ``TEST_TRIGGERS`` a processor class of ``kramdown/`` declares: its ``test`` is
    false on a block holding none of them. Read only from the processor's own class (a
    subclass with a test of its own is asked), and only from our modules."""
    cls = type(processor)
    triggers = vars(cls).get("TEST_TRIGGERS")
    if not cls.__module__.startswith(_OURS) or not isinstance(triggers, tuple):
        return None
    return triggers if triggers and all(isinstance(t, str) and t for t in triggers) else None


_OURS = "mkdocs_jekyll.kramdown."
_TAB_LENGTH = "tab_length"


def install_block_loop(parser: BlockParser) -> None:
    """Give ``parser`` the loop above, when its own is the one we mirror."""
    if block_loop_mirrored():
        replace_parse_blocks(parser, TriggeredBlockLoop(parser).parse_blocks)
