"""Jekyll's string filters: slugify, escaping, word counts and Markdown.

Mirrors ``lib/jekyll/filters.rb`` (Jekyll 4.3). ``slugify`` and ``normalize_whitespace``
wrap the one implementation in ``jekyll/text.py``. Ruby's ``\\s`` is ASCII, and is kept
ASCII here.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import quote_plus

from liquid.filter import with_environment

from mkdocs_jekyll.jekyll import text as jekyll_text
from mkdocs_jekyll.jekyll.smartify import smartify as smartypants
from mkdocs_jekyll.liquid.filters.values import is_nil, to_s

if TYPE_CHECKING:
    from mkdocs_jekyll.liquid.environment import JekyllEnvironment

# Code point ranges of the Han, Hiragana, Katakana and Hangul scripts, standing in for
# Ruby's \p{Han}\p{Katakana}\p{Hiragana}\p{Hangul} in number_of_words.
_CJK_RANGES = (
    "\u1100-\u11ff\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029"
    "\u302e\u302f\u3038-\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff"
    "\u3131-\u318e\u31f0-\u31ff\u3200-\u321e\u3260-\u327e\u32d0-\u32fe\u3300-\u3357"
    "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97c\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb"
    "\uf900-\ufa6d\ufa70-\ufad9\uff66-\uff6f\uff71-\uff9d\uffa0-\uffdc"
    "\U00020000-\U0003134a"
)


@cache
def _cjk_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A CJK character, and a run of anything else but spaces; compiled at their first use
    (3.4 ms, in the build's serial head if done at import, for a filter few sites use)."""
    return (
        re.compile(f"[{_CJK_RANGES}]"),
        re.compile(f"[^{_CJK_RANGES}{jekyll_text.RUBY_SPACE}]+"),
    )


def slugify_filter(input_: object, mode: object = None, cased: object = False) -> str | None:
    """Jekyll's ``slugify`` filter; the ``cased`` argument is an extension (Jekyll 4.3's
    filter always lower-cases)."""
    if is_nil(input_):
        return None
    return jekyll_text.slugify(
        to_s(input_), None if is_nil(mode) else to_s(mode), cased=bool(cased)
    )


def cgi_escape(input_: object) -> str:
    """Jekyll's ``cgi_escape`` (Ruby's ``CGI.escape``): form encoding, space as ``+``."""
    return quote_plus(to_s(input_), safe="~")


def smartify(input_: object) -> str:
    """Jekyll's ``smartify``: curly quotes, dashes and ellipses (kramdown's SmartyPants)."""
    return smartypants(to_s(input_))


def normalize_whitespace(input_: object) -> str:
    """Jekyll's ``normalize_whitespace``: runs of whitespace become one space, trimmed."""
    return jekyll_text.normalize_whitespace(to_s(input_))


def number_of_words(input_: object, mode: object = None) -> int:
    """Jekyll's ``number_of_words``; ``cjk`` counts each CJK character as a word and
    ``auto`` does so only when the text has CJK characters."""
    text = to_s(input_)
    # Ruby's String#split without arguments splits on ASCII whitespace only.
    stripped = text.strip(jekyll_text.RUBY_SPACE)
    words = len(jekyll_text.SPACES.split(stripped)) if stripped else 0
    if mode == "cjk":
        cjk_char, cjk_word = _cjk_patterns()
        return len(cjk_char.findall(text)) + len(cjk_word.findall(text))
    if mode == "auto":
        cjk_char, cjk_word = _cjk_patterns()
        cjk = len(cjk_char.findall(text))
        return words if cjk == 0 else cjk + len(cjk_word.findall(text))
    return words


@with_environment
def markdownify(input_: object, *, environment: JekyllEnvironment) -> str:
    """Jekyll's ``markdownify``: convert Markdown with the site's own Markdown settings."""
    text = to_s(input_)
    convert = environment.settings.markdownify
    if convert is not None:
        return convert(text)
    # Imported lazily and untyped: python-markdown ships no type hints.
    markdown = importlib.import_module("markdown")
    return str(markdown.markdown(text))
