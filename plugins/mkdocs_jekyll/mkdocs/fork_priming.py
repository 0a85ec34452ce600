"""What every process would set up on its first page, set up once before workers fork.

Why: a forked worker starts with the parent's memory as it is at the fork. What a process
makes lazily on its first converted page (the Markdown extensions' modules and regular
expressions, Pygments' compiled lexer states, the kramdown passes' first checks of the
code they mirror) was made after the fork by the parent and by every worker alike: the
first page of each took 180-240 ms on the bench site against ~6 for the next, all of it
while the other lane kept the second CPU busy. Converting one small document before the
fork moves that work to the parent, once: the workers inherit it, and share its memory.

- The document (``SAMPLE``) holds the Markdown most pages hold (headings, emphasis, links,
  lists, a quote, a table, a footnote), and one fenced block per language the site's
  pages use in at least two pages (``common_languages``): a lexer is made in the process
  that first highlights with it, ~50 ms each for Python's.
- Only when every configured extension is reset-safe (``markdown_reuse.RESET_SAFE``):
  those are known to keep nothing from one document to the next, so the pages convert
  exactly as they would have; a site's own extension might not expect an extra document.
- The instance is thrown away. A conversion that fails is left to the page that would
  have made it fail (logged at DEBUG only): this is an optimisation, never a new error.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from markdown import Markdown
from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.mkdocs.markdown_reuse import unsafe_extensions

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)

SAMPLE = """\
# A heading {#a-heading}

A paragraph with *emphasis*, **strong** text, `code`, a [link](https://example.com/ "Title"),
an ![image](image.png), <span>inline HTML</span>, "quotes", dashes -- and... a note[^1].

## A list

1. One
2. Two
   - a nested item

> A quote.

| Left | Right |
|------|------:|
| a    | 1     |

[^1]: The note.
"""
"""Markdown as most pages hold it; nothing in it is logged or recorded as a finding."""

MAX_LANGUAGES = 8
"""The most common languages primed: each costs its lexer (~50 ms) even if one lane uses it."""

_LANGUAGE = r"[ \t]*\{?[ \t]*\.?([A-Za-z0-9_+#-]+)"
_LANGUAGE_AFTER = tuple(
    re.compile(opening + _LANGUAGE) for opening in ("```+", "~~~+", r"\{%-?[ \t]*highlight[ \t]")
)
"""A fenced block's language (GFM's and kramdown's fences, ``{.lang}``) or a Liquid
``highlight`` tag's: a heuristic, as a language missed only costs its first use. One
pattern per opening, each starting with a literal that ``re`` searches for quickly (one
pattern for the three took 16 ms on the bench's 3 MB of pages, these 6 ms)."""


def common_languages(bodies: Iterable[str]) -> list[str]:
    """The code languages named in at least two of ``bodies``, most common first.

    A language one page uses is made by the lane that renders the page, at most once: priming
    it would cost every build its lexer for no saving.
    """
    pages: Counter[str] = Counter()
    for body in bodies:
        pages.update({name.lower() for rx in _LANGUAGE_AFTER for name in rx.findall(body)})
    common = [name for name, count in pages.most_common() if count >= 2]
    return common[:MAX_LANGUAGES]


def sample_document(languages: Iterable[str]) -> str:
    """``SAMPLE``, and a fenced block of one line for each language."""
    fences = "".join(f"\n```{name}\nx = 1\n```\n" for name in languages)
    return SAMPLE + fences


def prime(config: MkDocsConfig, bodies: Iterable[str]) -> bool:
    """Convert ``sample_document`` with the pass's extensions, before workers fork.

    Args:
        config: The pass's MkDocs config (its ``markdown_extensions`` and ``mdx_configs``).
        bodies: The site's pages' Markdown, for the languages of their code.

    Returns:
        Whether the sample was converted.
    """
    extensions = list(config.markdown_extensions)
    configs = dict(config.mdx_configs or {})
    if unsafe_extensions(extensions, configs):
        return False
    text = sample_document(common_languages(bodies))
    try:
        Markdown(extensions=extensions, extension_configs=configs).convert(text)
    except Exception as err:  # an optimisation only: see the module docstring
        log.debug(f"Priming before the workers fork failed ({err!r}); each process does it")
        return False
    return True
