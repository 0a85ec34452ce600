"""Jekyll's text rules: ``Utils.slugify`` and whitespace as Ruby sees it.

Mirrors ``Jekyll::Utils.slugify`` (Jekyll 4.3). Ruby's regular expressions use
``\\p{L}``-style classes that Python's ``re`` lacks, so the character classes are written
with ``unicodedata`` instead; ``\\s`` is ASCII in Ruby and is kept ASCII here. The one
implementation: permalinks, archive links and the Liquid ``slugify`` filter all call it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

SLUGIFY_MODES = ("raw", "default", "pretty", "ascii", "latin")
RUBY_SPACE = " \t\n\v\f\r"
"""Ruby's ``\\s``: ASCII whitespace only."""
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
SPACES = re.compile(f"[{RUBY_SPACE}]+")


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
        slug = SPACES.sub("-", string)
    elif mode == "pretty":
        slug = _replace_runs(string, lambda c: _is_letter_mark_digit(c) or c in _PRETTY_KEEP)
    elif mode == "ascii":
        slug = _replace_runs(string, lambda c: c in _ASCII_ALNUM)
    else:
        slug = _replace_runs(string, _is_letter_mark_digit)
    # utils.rb: slug.gsub!(%r!^-|-$!i, "") removes one hyphen at each end.
    slug = re.sub(r"^-|-$", "", slug)
    return slug if cased else slug.lower()


def normalize_whitespace(text: str) -> str:
    """Jekyll's ``normalize_whitespace``: runs of whitespace become one space, trimmed."""
    return SPACES.sub(" ", text).strip(RUBY_SPACE + "\0")
