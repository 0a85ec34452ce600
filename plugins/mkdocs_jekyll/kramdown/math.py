r"""``$$`` math as kramdown 2.4 writes it for the site's ``math_engine``.

kramdown reads ``$$...$$`` (``parser/kramdown/math.rb``): a block when it stands alone
between block boundaries (blank lines), otherwise inline anywhere in text, the earliest
span wins (so ``\$$`` escapes it and code spans keep it). Its MathJax engine
(``converter/math_engine/mathjax.rb``) writes the escaped TeX as ``\[...\]`` (block, no
wrapper) or ``\(...\)`` (inline) for MathJax to typeset, or, when an IAL gives the math
attributes, a ``<div>`` around the block or a ``<span>`` around ``$TeX$``; with no engine
(``math_engine: nil``) it writes ``<div class="kdmath">$$ ... $$</div>`` and
``<span class="kdmath">$...$</span>``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

from markdown import util
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from mkdocs_jekyll.kramdown.attributes import parse_attributes
from mkdocs_jekyll.kramdown.extensions import document_options
from mkdocs_jekyll.kramdown.typography import Spanned

if TYPE_CHECKING:
    from markdown import Markdown

# Before every other span pattern (code spans 190, escapes 180, extension tags 195):
# kramdown's earliest span wins, so ``$$`` before a backtick, a backslash or ``{::`` is math.
# An escape, a code span or an extension tag that comes first is matched and skipped (left
# to its own pattern), so ``$$`` inside it is not math.
_INLINE_PRIORITY = 196
_INLINE = (
    r"\\."
    r"|(`+).+?(?<!`)\1(?!`)"
    r"|\{::\w+(?:\s[^}]*?)?(?<!/)\}.*?\{:/\w*\}"
    r"|\$\$(?P<tex>.*?)\$\$(?P<ial>(?:\{:(?!:|/)[^}]*\})*)"
)
# Block math for MathJax is bare text; this stand-in element carries it until the block IALs
# are applied, then becomes a <div> with their attributes, or the bare text again.
_BLOCK_TAG = "kramdown-math"
# After attr_list (8), abbreviations (7) and the block IALs (12).
_TREE_PRIORITY = 4
# Before paragraphs (10) and lists; after code blocks (80) so indented ``$$`` stays code.
_BLOCK_PRIORITY = 75
# BLOCK_MATH_START: the shortest ``$$...$$`` from the block's start, which must then end the
# block (``$$a$$ b $$c$$`` is a paragraph).
_BLOCK = re.compile(r"\A {0,3}\$\$(.*?)\$\$", re.S)
# BLOCK_MATH_START with its backslash: ``\$$x$$`` ending a line at a block's start is not a
# block, and kramdown drops the backslash, so the paragraph reads ``$$x$$`` as inline math.
_ESCAPED_BLOCK = re.compile(r"\A( {0,3})\\(\$\$.*?\$\$[ \t]*(?:\n|\Z))", re.S)


class InlineMathProcessor(InlineProcessor):
    """``$$x$$`` inside text."""

    def __init__(self, md: Markdown, engine: str | None) -> None:
        super().__init__(_INLINE, md)
        self.engine = engine

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[str | etree.Element | None, int | None, int | None]:
        """The math for MathJax, or kramdown's ``kdmath`` span without an engine."""
        if m.group("tex") is None:
            return None, None, None
        tex = m.group("tex").strip()
        attrs = _ial_attributes(m.group("ial"))
        if _engine(self.md, self.engine) is None:
            attrs["class"] = f"{attrs.get('class', '')} kdmath".lstrip()
            span = etree.Element("span", attrs)
            span.text = util.AtomicString(f"${tex}$")
            return span, m.start(), m.end()
        if attrs:
            # mathjax.rb: with attributes, a span around the TeX between single dollars.
            span = etree.Element("span", attrs)
            span.text = self.md.htmlStash.store(f"${tex}$")
            return span, m.start(), m.end()
        raw = self.md.htmlStash.store(f"\\({html.escape(tex, quote=False)}\\)")
        return Spanned(raw, "$$"), m.start(), m.end()


class BlockMathProcessor(BlockProcessor):
    """A block that is only ``$$...$$``."""

    # The block loop skips `test` for a block holding none of these (block_triggers.py).
    TEST_TRIGGERS = ("$$",)  # both of its expressions need `$$`

    def __init__(self, md: Markdown, engine: str | None) -> None:
        super().__init__(md.parser)
        self.md = md
        self.engine = engine

    def test(self, parent: etree.Element, block: str) -> bool:
        """kramdown's BLOCK_MATH_START, required to end the block, or escaped."""
        return _block_math(block) is not None or bool(_ESCAPED_BLOCK.match(block))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        """Write the math at block level (or drop the escaping backslash and pass it on)."""
        escaped = _ESCAPED_BLOCK.match(blocks[0])
        if escaped:
            blocks[0] = escaped.group(1) + blocks[0][escaped.start(2) :]
            return False
        match = _block_math(blocks.pop(0))
        assert match is not None
        tex = match.group(1).strip()
        if _engine(self.md, self.engine) is None:
            div = etree.SubElement(parent, "div", {"class": "kdmath"})
            div.text = util.AtomicString(f"$$\n{tex}\n$$")
            return True
        math = etree.SubElement(parent, _BLOCK_TAG)
        math.text = self.md.htmlStash.store(f"\\[{html.escape(tex, quote=False)}\\]") + "\n"
        return True


class MathBlocksTreeprocessor(Treeprocessor):
    """Each block of MathJax math: a ``<div>`` with its IAL's attributes, or bare text."""

    def run(self, root: etree.Element) -> None:
        """Replace the stand-in elements."""
        if next(root.iter(_BLOCK_TAG), None) is None:
            return  # Most pages have no block math: one quick search, not a walk.
        for parent in list(root.iter()):
            for child in [c for c in parent if c.tag == _BLOCK_TAG]:
                if child.attrib:
                    child.tag = "div"
                    continue
                text = f"\n{child.text or ''}" + (child.tail or "")
                index = list(parent).index(child)
                parent.remove(child)
                if index:
                    previous = parent[index - 1]
                    previous.tail = (previous.tail or "") + text
                else:
                    parent.text = (parent.text or "") + text


def _ial_attributes(text: str | None) -> dict[str, str]:
    """The attributes of the span IALs right after inline math (classes add up)."""
    attrs: dict[str, str] = {}
    for ial in re.findall(r"\{:([^}]*)\}", text or ""):
        for key, value in parse_attributes(ial):
            if key == "class":
                attrs["class"] = f"{attrs.get('class', '')} {value}".strip()
            elif key:
                attrs[key] = value
    return attrs


def _block_math(block: str) -> re.Match[str] | None:
    match = _BLOCK.match(block)
    return match if match is not None and not block[match.end() :].strip() else None


def _engine(md: Markdown, configured: str | None) -> str | None:
    """The site's ``math_engine``, unless the document set its own with ``{::options /}``."""
    options = document_options(md)
    return options["math_engine"] if "math_engine" in options else configured


class MathExtension(Extension):
    """kramdown's ``$$`` math."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"math_engine": ["mathjax", "kramdown's math_engine ('' for none)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the block and inline readers."""
        engine = self.getConfig("math_engine") or None
        md.parser.blockprocessors.register(
            BlockMathProcessor(md, engine), "kramdown_math", _BLOCK_PRIORITY
        )
        md.inlinePatterns.register(
            InlineMathProcessor(md, engine), "kramdown_math", _INLINE_PRIORITY
        )
        md.treeprocessors.register(MathBlocksTreeprocessor(md), "kramdown_math", _TREE_PRIORITY)
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> MathExtension:
    """Python-Markdown's entry point."""
    return MathExtension(**kwargs)
