"""pymdown-extensions' search for fenced code, less the lines that cannot open a fence.

SuperFences finds fenced code in a preprocessor (``SuperFencesBlockPreprocessor``) whose
``search_nested`` walks every line of the page: outside a fence, it reads the line's leading
whitespace and block quote markers character by character (``parse_whitespace``) and tries
its opening expression after them. On the bench site's pages that is about 5% of a page's
conversion, for some sixty lines of which two open a fence.

``lean_search_nested`` is the same loop, statement for statement, except that outside a
fence a line holding none of the strings the opening expression needs (``regex_triggers`` of
``RE_NESTED_FENCE_START``: a backtick or a tilde) is passed over at once. For such a line
the expression cannot match, so the only thing SuperFences' loop does with it is set
``ws_len`` and ``ws_virtual_len`` from its whitespace; the loop reads both only for a line
that opens a fence (after setting them again from that line) and inside one (where every
line is handled as before), and ``run`` clears them for the next page. The lines inside a
fence, and the lines that hold a trigger, go through SuperFences' own code.

Why the output cannot change: the loop is installed only on a preprocessor of exactly
``SuperFencesBlockPreprocessor`` (not ``SuperFencesRawBlockPreprocessor``, nor another
extension's subclass), and only while ``search_nested`` and ``parse_whitespace`` use
exactly the names and constants they were mirrored from (pymdown-extensions 13: ``_MIRRORED``);
with any other release, SuperFences runs its own loop.
"""

from __future__ import annotations

import re
import sys
from functools import partial
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.compat import code_fingerprint
from mkdocs_jekyll.kramdown.regex_triggers import regex_triggers

if TYPE_CHECKING:
    from markdown import Markdown

_NAME = "fenced_code_block"  # where SuperFences registers its preprocessor

# The code of each function mirrored or relied on: (names, constants), as
# `compat.code_fingerprint` reads.
_MIRRORED: dict[str, tuple[frozenset[str], tuple[Any, ...]]] = {
    "search_nested": (
        frozenset(
            {"count", "match", "parse_whitespace", "parse_options", "handle_unrecognized"}
            | {"NESTED_FENCE_END", "handle_attrs", "first", "fence", "eval_quoted"}
            | {"parse_fence_line", "quote_level", "reassemble", "group", "re", "empty_lines"}
            | {"clear", "RE_NESTED_FENCE_START", "fence_end", "eval_fence", "rstrip", "ws"}
            | {"ws_len", "normalize_ws", "compile"}
        ),
        (0, "\r", None, "unrecognized", "attrs", ">", "fence", 1),
    ),
    # Sets `ws_len` and `ws_virtual_len` and returns the whitespace: nothing else.
    "parse_whitespace": (
        frozenset({"ws_virtual_len", "ws_len", "append", "join", "PREFIX_CHARS", "normalize_ws"})
        | {"len"},
        (0, 1, ""),
    ),
}

if sys.version_info >= (3, 12):
    # From Python 3.12 the compiler keeps no None constant for the loop's `is None` tests
    # (3.12.1 and 3.13.0 alike; 3.11.7 keeps it).
    _MIRRORED["search_nested"] = (
        _MIRRORED["search_nested"][0],
        (0, "\r", "unrecognized", "attrs", ">", "fence", 1),
    )


def _superfences() -> Any:
    """pymdown-extensions' ``superfences`` module, or None when it is not installed."""
    try:
        from pymdownx import superfences
    except ImportError:  # pragma: no cover (a dependency of ours)
        return None
    return superfences


def mirrored() -> bool:
    """Whether the installed SuperFences searches with the code mirrored here."""
    module = _superfences()
    cls = getattr(module, "SuperFencesBlockPreprocessor", None)
    return cls is not None and all(
        code_fingerprint(getattr(cls, name, None)) == code for name, code in _MIRRORED.items()
    )


def fence_triggers() -> tuple[str, ...] | None:
    """The strings one of which a line opening a fence holds (None: unknown)."""
    module = _superfences()
    return regex_triggers(getattr(module, "RE_NESTED_FENCE_START", None))


def lean_search_nested(self: Any, triggers: tuple[str, ...], lines: list[str]) -> list[str]:
    """``SuperFencesBlockPreprocessor.search_nested``, passing over the lines outside a
    fence that hold none of ``triggers``."""
    superfences = _superfences()
    fence_start = superfences.RE_NESTED_FENCE_START
    count = 0
    start = 0
    for line in lines:
        if self.fence is None:
            for trigger in triggers:
                if trigger in line:
                    break
            else:
                # No fence opens here: SuperFences would only set `ws_len` from it.
                count += 1
                continue
        # Strip carriage returns if the lines end with them.
        line = line.rstrip("\r")
        if self.fence is None:
            ws = self.parse_whitespace(line)

            # Found the start of a fenced block.
            m = fence_start.match(line, self.ws_len)
            if m is not None:
                # Parse options
                if m.group("unrecognized"):
                    okay = self.handle_unrecognized(m)
                elif m.group("attrs"):
                    okay = self.handle_attrs(m)
                else:
                    okay = self.parse_options(m)

                if okay:
                    # Valid fence options, handle fence
                    start = count
                    self.first = ws + self.normalize_ws(m.group(0))
                    self.ws = ws
                    self.quote_level = self.ws.count(">")
                    self.empty_lines = 0
                    self.fence = m.group("fence")
                    self.fence_end = re.compile(superfences.NESTED_FENCE_END % self.fence)
                else:
                    # Option parsing failed, abandon fence
                    self.clear()
        else:
            ws, content = self.parse_fence_line(line)

            end = count + 1
            quote_level = ws.count(">")

            if self.quote_level:
                # Handle blockquotes
                self.eval_quoted(ws, content, quote_level, start, end)
            elif quote_level == 0:
                # Handle all other cases
                self.eval_fence(ws, content, start, end)
            else:
                # Looks like we got a blockquote line
                # when not in a blockquote.
                self.clear()

        count += 1

    result: list[str] = self.reassemble(lines)
    return result


def install_fence_search(md: Markdown) -> None:
    """Give SuperFences' fence preprocessor the loop above, where it is the one mirrored."""
    if _NAME not in md.preprocessors:
        return
    processor = md.preprocessors[_NAME]
    module = _superfences()
    if module is None or type(processor) is not module.SuperFencesBlockPreprocessor:
        return
    triggers = fence_triggers()
    if not triggers or not mirrored():
        return
    # An instance attribute shadows the method `run` calls (`self.search_nested(lines)`);
    # the instance stays the one SuperFences' formatter is bound to.
    setattr(processor, "search_nested", partial(lean_search_nested, processor, triggers))  # noqa: B010
