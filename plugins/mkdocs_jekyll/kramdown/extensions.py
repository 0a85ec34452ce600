"""kramdown's extension tags: ``{::comment}``, ``{::nomarkdown}`` and ``{::options /}``.

kramdown 2.4 ``parser/kramdown/extensions.rb``:

- ``{::comment}body{:/comment}`` (or ``{:/}``) is written as an HTML comment
  ``<!-- body -->``, on its own line as a block or inside text as a span;
- ``{::nomarkdown}body{:/}`` is written exactly as it is, never read as Markdown (with a
  ``type="latex"`` that does not name ``html``, not at all: ``convert_raw``);
- ``{::options key="value" /}`` sets kramdown options for the document. The options this
  pipeline renders take effect for the whole document, as they do in kramdown (smart quotes,
  entities, footnotes, math and heading ids are applied when kramdown writes the HTML, after
  the whole document is read): ``document_options`` gives them to the other extensions.
  Heading ids (``auto_ids``, ``auto_id_prefix``) and ``toc_levels`` apply too;
  ``hard_wrap`` does nothing inline (kramdown-parser-gfm reads it once, before parsing); an
  option kramdown does not know, or one this pipeline cannot apply, is a warning naming
  the page and line.

A block tag is a line of its own (up to three spaces before it); fenced code is skipped.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from mkdocs_jekyll.kramdown.regex_triggers import holds
from mkdocs_jekyll.kramdown.report import unsupported
from mkdocs_jekyll.kramdown.settings import KramdownSettings

if TYPE_CHECKING:
    import xml.etree.ElementTree as etree

    from markdown import Markdown

# After normalize_whitespace (30), before the fenced-code stash (25): line numbers are
# still the page's own.
_PRIORITY = 28
# After inline processing (20): the markers are whole paragraphs by then.
_TREE_PRIORITY = 19
_RAW_MARKER = re.compile("\\A\u2063kraw(\\d+)\u2063\\Z")
_LEFTOVER = re.compile("\n?\u2063kraw(\\d+)\u2063\n?")
# After raw HTML is put back (30): markers inside it were never blocks.
_POST_PRIORITY = 26
# Before code spans (190): kramdown's earliest span wins, and a ``{::nomarkdown}`` body
# may hold backticks that are not code.
_INLINE_PRIORITY = 195

# extensions.rb: ALD_ANY_CHARS, EXT_START_STR, EXT_STOP_STR, with OPT_SPACE for blocks.
_ANY = r"(?:\\\}|[^}])"
_START = rf"\{{::(\w+)(?:\s({_ANY}*?)|)(/)?\}}"
_BLOCK_START = re.compile(rf"^ {{0,3}}{_START}\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SPAN = re.compile(rf"{_START}", re.S)
# ALD_TYPE_KEY_VALUE_PAIR: key="value" or key='value'.
_KEY_VALUE = re.compile(r"""(\w[\w-]*)=("|')((?:\\\}|\\\2|(?!\2)[^}])*?)\2""")

# Options the pipeline applies for the document (read by the extensions through
# ``document_options``), and options that change nothing when set inline.
APPLIED = frozenset(
    {
        "smart_quotes",
        "entity_output",
        "footnote_nr",
        "footnote_backlink",
        "footnote_backlink_inline",
        "math_engine",
        "auto_ids",  # headings.py
        "auto_id_prefix",
        "toc_levels",  # toc.py
        "parse_block_html",  # html_blocks.py, for the whole page
    }
)
NO_EFFECT = frozenset({"hard_wrap"})
# kramdown 2.4's options (Kramdown::Options plus kramdown-parser-gfm's), for "unknown".
KNOWN = frozenset(
    {
        "template",
        "auto_ids",
        "auto_id_stripping",
        "auto_id_prefix",
        "transliterated_header_ids",
        "parse_block_html",
        "parse_span_html",
        "html_to_native",
        "link_defs",
        "footnote_nr",
        "entity_output",
        "toc_levels",
        "line_width",
        "latex_headers",
        "smart_quotes",
        "typographic_symbols",
        "remove_block_html_tags",
        "remove_span_html_tags",
        "header_offset",
        "syntax_highlighter",
        "syntax_highlighter_opts",
        "math_engine",
        "math_engine_opts",
        "footnote_backlink",
        "footnote_backlink_inline",
        "footnote_prefix",
        "remove_line_breaks_for_cjk",
        "forbidden_inline_options",
        "list_indent",
        "hard_wrap",
        "gfm_quirks",
        "gfm_emojis",
        "gfm_emoji_opts",
    }
)

_DOCUMENT: weakref.WeakKeyDictionary[Markdown, dict[str, Any]] = weakref.WeakKeyDictionary()


def document_options(md: Markdown) -> Mapping[str, Any]:
    """The kramdown options this document set with ``{::options /}`` (validated values)."""
    return _DOCUMENT.get(md, {})


def _attributes(text: str) -> dict[str, str]:
    return {key: value.replace("\\}", "}") for key, _quote, value in _KEY_VALUE.findall(text)}


def _apply_options(md: Markdown, text: str, line: int) -> None:
    """Record the options the pipeline applies; warn for the rest."""
    options = _DOCUMENT.setdefault(md, {})
    for key, value in _attributes(text).items():
        syntax = f'{{::options {key}="{value}" /}}'
        if key in NO_EFFECT:
            continue
        if key not in KNOWN:
            unsupported(syntax, line=line, hint=f"kramdown has no option '{key}'")
            continue
        if key not in APPLIED:
            unsupported(syntax, line=line, hint=f"set '{key}' in the kramdown: settings instead")
            continue
        try:
            parsed = KramdownSettings.from_block({key: _typed(key, value)}, source="{::options}")
        except ValueError as err:
            unsupported(syntax, line=line, hint=str(err))
            continue
        options[key] = getattr(parsed, key)


def _typed(key: str, value: str) -> Any:
    """An inline option's text as the settings expect it (kramdown's Options.parse)."""
    if key in {"auto_ids", "footnote_backlink_inline", "parse_block_html"}:
        # kramdown's Boolean option: "true" (any case) is true, anything else false.
        return value.strip().lower() == "true"
    if key == "footnote_nr":
        return int(value) if value.strip().isdigit() else value
    return value


def _written(name: str, attrs: str, body: str) -> str:
    """What kramdown's HTML converter writes for a comment or a nomarkdown body."""
    if name == "comment":
        return f"<!-- {body} -->"
    kinds = _attributes(attrs).get("type", "").split()
    return body if not kinds or "html" in kinds else ""


class ExtensionTagsPreprocessor(Preprocessor):
    """Block ``{::comment}``, ``{::nomarkdown}`` and ``{::options /}`` lines."""

    def __init__(self, md: Markdown, raw: list[str], originals: list[str]) -> None:
        super().__init__(md)
        self.raw = raw
        self.originals = originals

    def run(self, lines: list[str]) -> list[str]:
        """Replace each block tag (and its body) by what kramdown writes for it."""
        _DOCUMENT[self.md] = {}
        self.raw.clear()
        self.originals.clear()
        if not holds("\n".join(lines), "{::"):
            return lines  # Every tag starts with "{::".
        out: list[str] = []
        fence: str | None = None
        index = 0
        while index < len(lines):
            line = lines[index]
            fence_match = _FENCE.match(line)
            if fence_match and (fence is None or fence_match[1].startswith(fence)):
                fence = None if fence else fence_match[1][0] * 3
            match = None if fence else _BLOCK_START.match(line)
            if match is None:
                if not fence:
                    for span in _SPAN.finditer(line):
                        if span[1] == "options" and span[3]:
                            _apply_options(self.md, span[2] or "", index + 1)
                out.append(line)
                index += 1
                continue
            name, attrs, closed = match.groups()
            if name == "options":
                _apply_options(self.md, attrs or "", index + 1)
                out.append("")
                index += 1
                continue
            if name not in {"comment", "nomarkdown"}:
                unsupported(line.strip(), line=index + 1, hint="kramdown has no such extension")
                out.append(line)
                index += 1
                continue
            end = index + 1
            stop = re.compile(rf"^ {{0,3}}\{{:/(?:{name})?\}}\s*$")
            if not closed:
                while end < len(lines) and not stop.match(lines[end]):
                    end += 1
                if end == len(lines):
                    out.append(line)  # kramdown: no stop tag, the line stays text
                    index += 1
                    continue
            body = "\n".join(lines[index + 1 : end]) if not closed else None
            if body is not None:
                # A marker paragraph, which the treeprocessor replaces with the raw text at
                # block level (Python-Markdown would wrap text or a span in <p>).
                self.raw.append(_written(name, attrs or "", body))
                self.originals.append("\n".join(lines[index : end + 1]))
                out.extend(["", f"\u2063kraw{len(self.raw) - 1}\u2063", ""])
            index = end + 1 if not closed else index + 1
        return out


class RawBlockTreeprocessor(Treeprocessor):
    """Put each block tag's output where its marker paragraph is, outside any ``<p>``."""

    def __init__(self, md: Markdown, raw: list[str]) -> None:
        super().__init__(md)
        self.raw = raw

    def run(self, root: etree.Element) -> None:
        """Replace the markers."""
        if not self.raw:
            return
        for parent in list(root.iter()):
            for child in list(parent):
                match = _RAW_MARKER.match(child.text or "") if child.tag == "p" else None
                if match is None or len(child):
                    continue
                html = self.raw[int(match[1])]
                text = f"\n{self.md.htmlStash.store(html)}\n" if html else ""
                index = list(parent).index(child)
                parent.remove(child)
                if index:
                    previous = parent[index - 1]
                    previous.tail = (previous.tail or "") + text + (child.tail or "")
                else:
                    parent.text = (parent.text or "") + text + (child.tail or "")


class LeftoverMarkersPostprocessor(Postprocessor):
    """Put back the tags that stood inside raw HTML, where kramdown leaves them as text."""

    def __init__(self, md: Markdown, originals: list[str]) -> None:
        super().__init__(md)
        self.originals = originals

    def run(self, text: str) -> str:
        """Each marker left in the output becomes its lines again."""
        if "\u2063kraw" not in text:
            return text
        return _LEFTOVER.sub(lambda m: self.originals[int(m[1])], text)


class ExtensionTagsInlineProcessor(InlineProcessor):
    """``{::comment}...{:/}``, ``{::nomarkdown}...{:/}`` and ``{::options /}`` in text."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(_START, md)

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[str | etree.Element | None, int | None, int | None]:
        """The comment or raw body, or nothing for options (applied by the preprocessor)."""
        name, attrs, closed = m.groups()
        if name == "options" and closed:
            return "", m.start(), m.end()
        if name not in {"comment", "nomarkdown"}:
            if name != "options":
                # kramdown: "Invalid extension with name ..." and the text stays.
                unsupported(m.group(), hint="kramdown has no such extension")
            return None, None, None
        if closed:
            return "", m.start(), m.end()
        stop = re.compile(rf"\{{:/(?:{name})?\}}").search(data, m.end())
        if stop is None:
            return None, None, None
        html = _written(name, attrs or "", data[m.end() : stop.start()])
        return self.md.htmlStash.store(html), m.start(), stop.end()


class ExtensionTagsExtension(Extension):
    """kramdown's ``{::name}`` extension tags."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the block and span readers."""
        raw: list[str] = []
        originals: list[str] = []
        md.preprocessors.register(
            ExtensionTagsPreprocessor(md, raw, originals), "kramdown_extensions", _PRIORITY
        )
        md.postprocessors.register(
            LeftoverMarkersPostprocessor(md, originals), "kramdown_extensions", _POST_PRIORITY
        )
        md.treeprocessors.register(
            RawBlockTreeprocessor(md, raw), "kramdown_extensions", _TREE_PRIORITY
        )
        md.inlinePatterns.register(
            ExtensionTagsInlineProcessor(md), "kramdown_extensions", _INLINE_PRIORITY
        )
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> ExtensionTagsExtension:
    """Python-Markdown's entry point."""
    return ExtensionTagsExtension(**kwargs)
