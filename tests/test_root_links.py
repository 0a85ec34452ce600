"""``root_relative_links`` skips lines that cannot hold a link: the same answer as reading all.

The oracle below is the function before its shortcuts (every line through every pattern);
the findings of a build read every page's source with it, once per build.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_jekyll.jekyll import root_links
from mkdocs_jekyll.jekyll.root_links import root_relative_links


def _every_line(body: str) -> list[tuple[int, str]]:
    """``root_relative_links`` as it was: no line skipped."""
    found: set[tuple[int, int, str]] = set()
    fence: str | None = None
    block: str | None = None
    for number, text in enumerate(body.splitlines(), start=1):
        if fence is not None:
            if text.strip().startswith(fence):
                fence = None
            continue
        if block is not None:
            if root_links._CLOSE_BLOCK[block].search(text):
                block = None
            continue
        opening = root_links._FENCE.match(text)
        if opening:
            fence = opening.group(1)
            continue
        text = root_links._INLINE_BLOCK.sub("", text)
        opened = root_links._OPEN_BLOCK.search(text)
        if opened:
            block = opened.group(1)
            text = text[: opened.start()]
        text = root_links._CODE_SPAN.sub("", text)
        for _, pattern in root_links._PATTERNS:
            found.update((number, m.start(1), m.group(1)) for m in pattern.finditer(text))
    return [(number, url) for number, _, url in sorted(found)]


_PIECES = [
    "[a](/x/)",
    "[a]: /y",
    " [r]:/z",
    "](",
    "]",
    ")",
    "(",
    "/",
    "//",
    "=",
    "href=",
    'src="/i.png"',
    "`",
    "``",
    "`/c`",
    "{% raw %}",
    "{% endraw %}",
    "{%- highlight ruby -%}",
    "{% endhighlight %}",
    "```",
    "~~~",
    "\n",
    " ",
    "x",
    "<",
    ">",
    ":",
    "[",
    "\r",
    "\u2028",
    "\x0c",
    "\t",
    "  ",
    "HREF =",
    "poster='/p'",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_skipping_lines_finds_what_reading_every_line_finds(body: str) -> None:
    assert root_relative_links(body) == _every_line(body)


def test_a_code_span_between_bracket_and_target_is_still_found() -> None:
    # Deleting the span joins `](` and `/x`: the line is kept by its ']' and '/'.
    body = "See [a]`code`(/x/) and <a href=/y>.\n{% raw %}[b](/no/){% endraw %} [c](/z/)"
    assert root_relative_links(body) == _every_line(body) == [(1, "/x/"), (1, "/y"), (2, "/z/")]
    assert re.search(r"\]\(/x", body) is None
