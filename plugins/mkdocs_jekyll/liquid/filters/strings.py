"""Jekyll's string filters: slugify, escaping, word counts and Markdown.

Mirrors ``lib/jekyll/filters.rb`` and ``Jekyll::Utils.slugify`` (Jekyll 4.3). Ruby's
regular expressions use ``\\p{L}``-style classes that Python's ``re`` lacks, so the
character classes are written with ``unicodedata`` instead; ``\\s`` and ``\\w`` are ASCII
in Ruby and are kept ASCII here.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import quote_plus

from liquid.filter import with_environment

from mkdocs_jekyll.liquid.filters.values import is_nil, to_s

if TYPE_CHECKING:
    from mkdocs_jekyll.liquid.environment import JekyllEnvironment

SLUGIFY_MODES = ("raw", "default", "pretty", "ascii", "latin")
_RUBY_SPACE = " \t\n\v\f\r"
_PRETTY_KEEP = frozenset("._~!$&'()+,;=@")
_ASCII_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
# I18n::Backend::Transliterator::HashTransliterator::DEFAULT_APPROXIMATIONS (i18n 1.10),
# which Jekyll's "latin" mode applies; any other non-ASCII character becomes "?".
_LATIN_KEYS = (
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûü"  # noqa: RUF001
    "ýþÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĲĳĴĵĶķĸ"
    "ĹĺĻļĽľĿŀŁłŃńŅņŇňŉŊŋŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴ"
    "ŵŶŷŸŹźŻżŽž"
)
_LATIN_VALUES = (
    "A|A|A|A|A|A|AE|C|E|E|E|E|I|I|I|I|D|N|O|O|O|O|O|x|O|U|U|U|U|Y|Th|ss|a|a|a|a|a|a|a"
    "e|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o|o|u|u|u|u|y|th|y|A|a|A|a|A|a|C|c|C|c|C|c|C|c|D"
    "|d|D|d|E|e|E|e|E|e|E|e|E|e|G|g|G|g|G|g|G|g|H|h|H|h|I|i|I|i|I|i|I|i|I|i|IJ|ij|J|j"
    "|K|k|k|L|l|L|l|L|l|L|l|L|l|N|n|N|n|N|n|'n|NG|ng|O|o|O|o|O|o|OE|oe|R|r|R|r|R|r|S|"
    "s|S|s|S|s|S|s|T|t|T|t|T|t|U|u|U|u|U|u|U|u|U|u|U|u|W|w|Y|y|Y|Z|z|Z|z|Z|z"
)
_LATIN = dict(zip(_LATIN_KEYS, _LATIN_VALUES.split("|"), strict=True))
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
_CJK = re.compile(f"[{_CJK_RANGES}]")
_CJK_WORD = re.compile(f"[^{_CJK_RANGES}{_RUBY_SPACE}]+")
_SPACES = re.compile(f"[{_RUBY_SPACE}]+")


def _is_letter_mark_digit(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LM" or category == "Nd"


def _replace_runs(text: str, keep: Callable[[str], bool]) -> str:
    """Replace each run of characters that keep rejects with one hyphen."""
    out: list[str] = []
    in_run = False
    for char in text:
        if keep(char):
            out.append(char)
            in_run = False
        elif not in_run:
            out.append("-")
            in_run = True
    return "".join(out)


def slugify(string: str | None, mode: str | None = None, *, cased: bool = False) -> str | None:
    """Turn a title into a URL slug exactly as ``Jekyll::Utils.slugify`` does.

    Args:
        string: The text; ``None`` gives ``None``.
        mode: ``none`` (only case), ``raw`` (spaces), ``default`` (all but letters,
            marks and digits), ``pretty`` (also keeps ``._~!$&'()+,;=@``), ``ascii``
            (all but A-Z, a-z, 0-9) or ``latin`` (transliterate, then ``default``).
            Unknown modes behave like ``none``.
        cased: Keep upper-case letters.

    Returns:
        The slug, e.g. ``'The _config.yml file' -> 'the-config-yml-file'``.
    """
    mode = mode or "default"
    if string is None:
        return None
    if mode not in SLUGIFY_MODES:
        return string if cased else string.lower()
    if mode == "latin":
        string = "".join(char if ord(char) < 0x80 else _LATIN.get(char, "?") for char in string)
    if mode == "raw":
        slug = _SPACES.sub("-", string)
    elif mode == "pretty":
        slug = _replace_runs(string, lambda c: _is_letter_mark_digit(c) or c in _PRETTY_KEEP)
    elif mode == "ascii":
        slug = _replace_runs(string, lambda c: c in _ASCII_ALNUM)
    else:
        slug = _replace_runs(string, _is_letter_mark_digit)
    # utils.rb: slug.gsub!(%r!^-|-$!i, "") removes one hyphen at each end.
    slug = re.sub(r"^-|-$", "", slug)
    return slug if cased else slug.lower()


def slugify_filter(input_: object, mode: object = None, cased: object = False) -> str | None:
    """Jekyll's ``slugify`` filter; the ``cased`` argument is an extension (Jekyll 4.3's
    filter always lower-cases)."""
    if is_nil(input_):
        return None
    return slugify(to_s(input_), None if is_nil(mode) else to_s(mode), cased=bool(cased))


def cgi_escape(input_: object) -> str:
    """Jekyll's ``cgi_escape`` (Ruby's ``CGI.escape``): form encoding, space as ``+``."""
    return quote_plus(to_s(input_), safe="~")


def normalize_whitespace(input_: object) -> str:
    """Jekyll's ``normalize_whitespace``: runs of whitespace become one space, trimmed."""
    return _SPACES.sub(" ", to_s(input_)).strip(_RUBY_SPACE + "\0")


def number_of_words(input_: object, mode: object = None) -> int:
    """Jekyll's ``number_of_words``; ``cjk`` counts each CJK character as a word and
    ``auto`` does so only when the text has CJK characters."""
    text = to_s(input_)
    # Ruby's String#split without arguments splits on ASCII whitespace only.
    stripped = text.strip(_RUBY_SPACE)
    words = len(_SPACES.split(stripped)) if stripped else 0
    if mode == "cjk":
        return len(_CJK.findall(text)) + len(_CJK_WORD.findall(text))
    if mode == "auto":
        cjk = len(_CJK.findall(text))
        return words if cjk == 0 else cjk + len(_CJK_WORD.findall(text))
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
