"""Links written root-relative (``/about/``) instead of through ``relative_url``.

Jekyll writes ``[About](/about/)`` as it stands: served at a domain's root the link works,
served under a project path (``https://user.github.io/repo/``) it points outside the site.
``{{ '/about/' | relative_url }}`` (or ``{{ site.baseurl }}/about/``) works in both, so the
report lists the literal ones. Only the source is read, before Liquid: what Liquid prints is
already the site's own business (``relative_url`` and ``site.baseurl`` print the base).

Code is left out: fenced blocks, ``{% highlight %}``, ``{% raw %}`` and inline code spans
show links, they do not make them.
"""

from __future__ import annotations

import re

# A Markdown link or image target, a reference definition, an HTML attribute holding a URL;
# each starting with one slash (two is a protocol-relative URL to another host).
_PATTERNS = (
    ("](", re.compile(r"\]\(\s*<?(/(?!/)[^)\s>]*)")),
    ("]:", re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(/(?!/)[^\s>]*)")),
    ("=", re.compile(r"\b(?:href|src|srcset|action|poster)\s*=\s*[\"']?(/(?!/)[^\"'\s>]*)", re.I)),
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_OPEN_BLOCK = re.compile(r"\{%-?\s*(raw|highlight)\b")
_CLOSE_BLOCK = {
    "raw": re.compile(r"\{%-?\s*endraw\b"),
    "highlight": re.compile(r"\{%-?\s*endhighlight\b"),
}
_INLINE_BLOCK = re.compile(r"\{%-?\s*(raw|highlight)\b.*?%\}.*?\{%-?\s*end\1\s*-?%\}", re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def root_relative_links(body: str) -> list[tuple[int, str]]:
    """Every root-relative link written literally in ``body``.

    Args:
        body: A page's source after its front matter.

    Returns:
        ``(line, url)`` pairs, ``line`` counted from 1 at the body's first line.
    """
    found: set[tuple[int, int, str]] = set()
    fence: str | None = None
    block: str | None = None
    lines = body.splitlines()
    for number in _telling(lines):
        text = lines[number - 1]
        if fence is not None:
            if text.strip().startswith(fence):
                fence = None
            continue
        if block is not None:
            if _CLOSE_BLOCK[block].search(text):
                block = None
            continue
        opening = _FENCE.match(text)
        if opening:
            fence = opening.group(1)
            continue
        if "{%" in text:  # Both block patterns start with it.
            text = _INLINE_BLOCK.sub("", text)
            opened = _OPEN_BLOCK.search(text)
            if opened:
                block = opened.group(1)
                text = text[: opened.start()]
        if "/" not in text or ("]" not in text and "=" not in text):
            # Every pattern needs a '/' and a ']' or '='; what follows only deletes text.
            continue
        if "`" in text:
            text = _CODE_SPAN.sub("", text)
        for needle, pattern in _PATTERNS:
            if needle in text:  # Each pattern's match holds its needle: a cheap test first.
                found.update((number, m.start(1), m.group(1)) for m in pattern.finditer(text))
    return [(number, url) for number, _, url in sorted(found)]


def _telling(lines: list[str]) -> list[int]:
    """The numbers (from 1) of the lines ``root_relative_links`` must read, in order.

    Any other line neither holds a link nor opens or closes a fence (each has a backtick
    or a tilde) or a ``raw``/``highlight`` block (each has ``{%``), so reading it changes
    nothing: most of a page's lines, skipped by one comprehension instead of the loop.
    """
    return [
        number
        for number, text in enumerate(lines, start=1)
        if "{%" in text
        or "`" in text
        or "~" in text
        or ("/" in text and ("]" in text or "=" in text))
    ]
