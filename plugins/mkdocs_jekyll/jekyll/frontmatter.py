"""Split a content file into its YAML front matter and its Markdown body, then check the keys.

The split must agree with MkDocs (``mkdocs.utils.meta.get_data``): MkDocs strips the front
matter before plugins see ``page.markdown``, so the number of lines it removed is what turns a
Liquid error's line into the line of the file. Where MkDocs and Jekyll disagree (an empty
``---``/``---`` block, a block closing at the end of the file) Jekyll's reading wins, because
those files are Jekyll pages: ``body`` is then the Markdown the plugin must render.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.yaml import load_simple_mapping, load_yaml

__all__ = ["FrontMatter", "parse_front_matter", "validate_front_matter"]

# The exact pattern of mkdocs/utils/meta.py, so that offsets agree with `page.markdown`.
_MKDOCS_YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
# Jekyll's Document::YAML_FRONT_MATTER_REGEXP (document.rb), for the blocks MkDocs ignores.
_JEKYLL_YAML_RE = re.compile(
    r"\A(---\s*\n.*?\n?)^((?:---|\.\.\.)\s*$\n?)", re.MULTILINE | re.DOTALL
)
# MultiMarkdown meta-data, which MkDocs strips from files without YAML front matter.
_META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE_RE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
# What PyYAML's resolver takes for a timestamp (yaml/resolver.py), for ``_date_error``.
_TIMESTAMP_RE = re.compile(
    r"(?<![\w.:-])\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?"
    r"(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?(?![\w.:-])"
)
# A top-level key of a block mapping: unindented, a plain name, then ':'.
_TOP_KEY_RE = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")


@dataclass(frozen=True)
class FrontMatter:
    """A content file split as MkDocs and Jekyll split it.

    Attributes:
        data: The front matter mapping; ``{}`` when the file has none.
        body: The Markdown after the front matter, equal to MkDocs' ``page.markdown``
            whenever MkDocs recognised the front matter.
        line_offset: File lines before ``body``: body line ``n`` is file line
            ``n + line_offset``.
        has_front_matter: Whether the file starts with a front matter block (Jekyll renders
            only such files; it copies the others as they are).
        key_lines: 1-based file line of each top-level key, for messages.
        mkdocs_meta: Whether MkDocs' own split (``mkdocs.utils.meta.get_data``) reads the
            front matter as a mapping, so that its ``page.markdown`` is ``body``.
    """

    data: dict[str, Any]
    body: str
    line_offset: int
    has_front_matter: bool
    key_lines: dict[str, int] = field(default_factory=dict)
    mkdocs_meta: bool = False


def parse_front_matter(text: str, path: str) -> FrontMatter:
    """Split ``text`` into front matter and body.

    Examples:
        ``"---\\ntitle: CV\\n---\\n\\n# CV\\n"`` gives ``data={"title": "CV"}``,
        ``body="# CV\\n"``, ``line_offset=4``; ``"# CV\\n"`` gives ``data={}``, ``body="# CV\\n"``,
        ``line_offset=0``.

    A UTF-8 byte order mark and Windows line ends are accepted (MkDocs reads files with
    ``utf-8-sig`` and universal newlines). YAML dates stay ``date``/``datetime``.

    Args:
        text: The whole file.
        path: The file relative to ``docs_dir``, for messages.

    Returns:
        The split file.

    Raises:
        ContentError: The YAML is malformed (located at the offending line), or it is not a
            mapping (a list, a scalar).
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    match = _MKDOCS_YAML_RE.match(text)
    if match is not None:
        # The YAML starts on line 2, after the opening `---`.
        data = _load(match.group(1), path, first_line=2)
        if data is not None:
            body = text[match.end() :].lstrip("\n")
            return _result(text, body, data, match.group(1), first_line=2, mkdocs_meta=True)
    jekyll = _JEKYLL_YAML_RE.match(text)
    if jekyll is not None:
        # Jekyll keeps `---` in the YAML it loads: the YAML starts on line 1. An empty block
        # loads as None, which Jekyll reads as {} (convertible.rb: `self.data ||= {}`).
        data = _load(jekyll.group(1), path, first_line=1) or {}
        body = text[jekyll.end() :].lstrip("\n")
        return _result(text, body, data, jekyll.group(1), first_line=1)
    body = _strip_multimarkdown_meta(text)
    return FrontMatter({}, body, text[: len(text) - len(body)].count("\n"), False)


def _load(source: str, path: str, *, first_line: int) -> dict[str, Any] | None:
    """Load the YAML of a front matter block: a mapping, or None when the block is empty."""
    simple = load_simple_mapping(source)
    if simple is not None:
        return simple
    try:
        data = load_yaml(source)
    except yaml.YAMLError as err:
        raise _yaml_error(err, source, path, first_line) from None
    except ValueError as err:
        raise _date_error(err, source, path, first_line) from None
    if data is None or isinstance(data, dict):
        return data
    # Jekyll: "Invalid YAML front matter in <file>" (convertible.rb, validate_data!).
    raise ContentError(
        path,
        f"invalid YAML front matter: expected 'key: value' lines, received "
        f"{_describe(data)}; write the front matter as a mapping such as 'title: About'",
        line=first_line,
    )


def _yaml_error(err: yaml.YAMLError, source: str, path: str, first_line: int) -> ContentError:
    """Turn PyYAML's error into a ``ContentError`` at the problem's line, with a hint."""
    problem = str(getattr(err, "problem", None) or str(err).splitlines()[0])
    mark = getattr(err, "problem_mark", None)
    context = getattr(err, "context", None)
    context_mark = getattr(err, "context_mark", None)
    message = f"invalid YAML front matter: {problem}"
    if context and context_mark is not None and (mark is None or context_mark.line != mark.line):
        message += f" ({context} at line {context_mark.line + first_line})"
    hint = _yaml_hint(problem, source, mark)
    if hint:
        message += f"; {hint}"
    if mark is None:
        return ContentError(path, message, line=first_line)
    return ContentError(path, message, line=mark.line + first_line, column=mark.column + 1)


def _date_error(err: ValueError, source: str, path: str, first_line: int) -> ContentError:
    """A date PyYAML recognised but could not build (``2024-13-45``), at its line.

    PyYAML raises a bare ``ValueError`` for these; Ruby's Psych reads them as text, and
    Jekyll then refuses them wherever it needs a date. Either way the author must fix it.
    """
    for number, line in enumerate(source.splitlines()):
        for match in _TIMESTAMP_RE.finditer(line):
            try:
                load_yaml(match.group())
            except ValueError:
                return ContentError(
                    path,
                    f"invalid YAML front matter: '{match.group()}' is not a valid date ({err}); "
                    "write a real date such as '2024-01-31', or quote the value to keep it "
                    "as text",
                    line=number + first_line,
                    column=match.start() + 1,
                )
    return ContentError(path, f"invalid YAML front matter: {err}", line=first_line)


def _yaml_hint(problem: str, source: str, mark: Any) -> str:
    """Suggest the fix for the YAML mistakes front matter authors make most."""
    if problem.startswith("mapping values are not allowed"):
        return "put the value in quotes if it contains ': '"
    if problem == "could not find expected ':'":
        return "write each entry as 'key: value', and indent the lines that continue a value"
    if problem == "found undefined alias":
        return "put values that start with '*' in quotes"
    if "cannot start any token" in problem and mark is not None:
        lines = source.split("\n")
        line = lines[mark.line] if mark.line < len(lines) else ""
        char = line[mark.column : mark.column + 1]
        if char == "\t":
            return "indent with spaces, not tabs"
        if char:
            return f"put values that start with '{char}' in quotes"
    if problem == "found unexpected end of stream":
        return "close the quote"
    return ""


def _result(
    text: str,
    body: str,
    data: dict[str, Any],
    source: str,
    *,
    first_line: int,
    mkdocs_meta: bool = False,
) -> FrontMatter:
    """Build the ``FrontMatter`` of a file with a front matter block."""
    key_lines: dict[str, int] = {}
    for number, line in enumerate(source.split("\n"), start=first_line):
        key = _TOP_KEY_RE.match(line)
        if key is not None and key.group(1) in data:
            key_lines[key.group(1)] = number  # later duplicates win, as in PyYAML
    offset = text[: len(text) - len(body)].count("\n")
    return FrontMatter(data, body, offset, True, key_lines, mkdocs_meta)


def _strip_multimarkdown_meta(text: str) -> str:
    """Return ``text`` without the ``Key: value`` lines MkDocs reads as MultiMarkdown meta-data.

    A mirror of the second half of ``mkdocs.utils.meta.get_data``: MkDocs drops these lines
    from ``page.markdown`` (and leading blank lines from every file), so the body must too.
    """
    lines = text.split("\n")
    key = None
    while lines:
        line = lines.pop(0)
        if line.strip() == "":
            break
        if _META_RE.match(line):
            key = True
            continue
        if key and _META_MORE_RE.match(line):
            continue
        lines.insert(0, line)
        break
    return "\n".join(lines).lstrip("\n")


# -- validation ----------------------------------------------------------------------------


def _is_str(value: object) -> bool:
    return isinstance(value, str)


def _is_bool(value: object) -> bool:
    return isinstance(value, bool)


def _is_key(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def _is_scalar(value: object) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


_WORDS = {
    "true": "true",
    "yes": "true",
    "on": "true",
    "false": "false",
    "no": "false",
    "off": "false",
}

# key -> (what is expected, check of the value, check of each list item or None)
_RULES: dict[str, tuple[str, Any, Any]] = {
    "permalink": ("a string", _is_str, None),
    "published": ("true or false", _is_bool, None),
    "layout": ("a string", _is_str, None),
    "lang": ("a string", _is_str, None),
    "i18n_key": ("a string or an integer", _is_key, None),
    "ref": ("a string or an integer", _is_key, None),
    "title": ("a string or a number", _is_scalar, None),
    "author_profile": ("true or false", _is_bool, None),
    "sitemap": ("true or false", _is_bool, None),
    "redirect_from": ("a string or a list of strings", _is_str, _is_str),
    "categories": ("a string or a list of strings", _is_str, _is_scalar),
    "tags": ("a string or a list of strings", _is_str, _is_scalar),
}


def validate_front_matter(
    data: Mapping[str, Any], path: str, *, lines: Mapping[str, int] | None = None
) -> None:
    """Check the types of the front matter keys the plugin relies on.

    ``None`` (``key:`` with no value) is accepted everywhere: Jekyll treats nil as unset.
    Example: ``{"permalink": 3}`` in ``en/cv.md`` raises
    ``en/cv.md:2: front matter 'permalink': expected a string, received 3 (int)``.

    Args:
        data: The front matter (or the front matter merged with its defaults).
        path: The file relative to ``docs_dir``, for messages.
        lines: The line of each key (``FrontMatter.key_lines``), to locate the message.

    Raises:
        ContentError: The first key whose value has the wrong type.
    """
    for key, value in data.items():
        rule = _RULES.get(key)
        if rule is None or value is None:
            continue
        expected, check, item_check = rule
        line = (lines or {}).get(key)
        if item_check is not None and isinstance(value, list):
            for index, item in enumerate(value):
                if not item_check(item):
                    item_expected = "a string" if item_check is _is_str else "a string or a number"
                    raise ContentError(
                        path,
                        f"front matter '{key}[{index}]': expected {item_expected}, "
                        f"received {_describe(item)}{_hint(item)}",
                        line=line,
                    )
            continue
        if not check(value):
            raise ContentError(
                path,
                f"front matter '{key}': expected {expected}, received {_describe(value)}"
                f"{_hint(value, expected)}",
                line=line,
            )


def _hint(value: object, expected: str = "") -> str:
    """Suggest the fix for the mistakes YAML makes easy."""
    if expected == "true or false" and isinstance(value, str) and value.lower() in _WORDS:
        return f"; write {_WORDS[value.lower()]} without quotes"
    if expected != "true or false" and isinstance(value, bool | date):
        return "; put the value in quotes to keep it as text"
    return ""


def _describe(value: object) -> str:
    """Render a value for a message: ``'text' (str)``, ``3 (int)``, ``true (bool)``."""
    if isinstance(value, bool):
        shown = "true" if value else "false"
    else:
        shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{shown} ({type(value).__name__})"
