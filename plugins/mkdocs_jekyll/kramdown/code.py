"""Code blocks and code spans in the markup kramdown's HTML converter gives them.

Follows ``Kramdown::Converter::Html#convert_codeblock`` and ``#convert_codespan`` (kramdown
2.4) with Rouge as Jekyll 4.3 sets it up (``rouge.py``): fenced blocks (GFM's ````` and
``~~~``, read by pymdownx.superfences, whose catch-all fence this extension takes over) and
indented blocks become ``div.language-x.highlighter-rouge > div.highlight >
pre.highlight > code``; code spans get ``class="language-plaintext highlighter-rouge"``.
Material's copy button and annotations look for ``pre > code`` inside ``.highlight``, so
they keep working on this markup.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING, Any

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from pymdownx.superfences import SuperFencesCodeExtension

from mkdocs_jekyll.kramdown.rouge import (
    Highlighter,
    RougeOptions,
    block_html,
    highlight,
    plain_block_html,
)
from mkdocs_jekyll.kramdown.settings import KramdownSettings

if TYPE_CHECKING:
    from markdown import Markdown

_LANGUAGE = re.compile(r"\blanguage-(\S+)")
# After the inline patterns (20) and attr_list (8: a span's `{:.language-ruby}`), before
# toc (5), which copies heading content.
_PRIORITY = 7


def _unescape(text: str) -> str:
    """Undo Python-Markdown's ``code_escape``."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def render_block(code: str, lang: str | None, options: RougeOptions | None) -> str:
    """A code block as kramdown writes it: Rouge's wrapper, or a plain ``<pre><code>``.

    Args:
        code: The code, ending with a newline.
        lang: The language the author gave, if any.
        options: The block highlighting options (``None``: ``syntax_highlighter`` is nil).
    """
    highlighted = highlight(code, lang, options)
    if highlighted is None or options is None:
        return plain_block_html(code, lang)
    return block_html(code, highlighted, options)


class CodeTreeprocessor(Treeprocessor):
    """Indented code blocks and code spans in kramdown's markup."""

    def __init__(self, md: Markdown, highlighter: Highlighter) -> None:
        super().__init__(md)
        self.highlighter = highlighter

    def run(self, root: etree.Element) -> None:
        """Rewrite every ``pre > code`` block and every code span of the page."""
        if next(root.iter("pre"), None) is None and next(root.iter("code"), None) is None:
            return  # nothing to rewrite: only `pre` and `code` elements are
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "pre":
                    self._block(parent, index, child)
                elif child.tag == "code":
                    self._span(child)

    def _block(self, parent: etree.Element, index: int, pre: etree.Element) -> None:
        code = pre.find("code")
        if code is None or len(pre) != 1 or len(code) or pre.attrib or code.attrib:
            return
        text = _unescape(code.text or "")
        html = render_block(text, None, self.highlighter.block)
        placeholder = etree.Element("p")
        placeholder.text = self.md.htmlStash.store(html)
        placeholder.tail = pre.tail
        parent.remove(pre)
        parent.insert(index, placeholder)

    def _span(self, code: etree.Element) -> None:
        if len(code):
            return
        classes = code.get("class", "")
        found = _LANGUAGE.search(classes)
        lang = found.group(1) if found else None
        highlighted = highlight(_unescape(code.text or ""), lang, self.highlighter.span)
        if highlighted is None:
            return
        # kramdown's add_syntax_highlighter_to_class_attr.
        rest = _LANGUAGE.sub("", classes).split()
        code.set("class", " ".join([f"language-{highlighted.lang}", *rest, "highlighter-rouge"]))
        if "<span" in highlighted.html:
            code.text = self.md.htmlStash.store(highlighted.html)


class KramdownCodeExtension(Extension):
    """kramdown's code markup, configured by the site's kramdown settings."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "syntax_highlighter": ["rouge", "kramdown's syntax_highlighter ('' for nil)"],
            "syntax_highlighter_opts": [{}, "kramdown's syntax_highlighter_opts"],
            "guess_lang": [True, "Jekyll's kramdown guess_lang"],
        }
        super().__init__(**kwargs)

    def highlighter(self) -> Highlighter:
        """The highlighter for this extension's configuration."""
        config = self.getConfigs()
        settings = KramdownSettings(
            syntax_highlighter=config["syntax_highlighter"] or None,
            syntax_highlighter_opts=dict(config["syntax_highlighter_opts"]),
            guess_lang=bool(config["guess_lang"]),
        )
        return Highlighter.from_settings(settings)

    def extendMarkdown(self, md: Markdown) -> None:
        """Take over superfences' catch-all fence and register the tree processor."""
        highlighter = self.highlighter()

        def fence(src: str = "", language: str = "", **_kwargs: Any) -> str:
            return render_block(src + "\n", language or None, highlighter.block)

        for extension in md.registeredExtensions:
            if isinstance(extension, SuperFencesCodeExtension) and extension.superfences:
                # Index 0 is the fence every language falls back to; the site's own custom
                # fences (mermaid...) are tried first and keep working.
                extension.superfences[0] = {**extension.superfences[0], "formatter": fence}
        md.treeprocessors.register(CodeTreeprocessor(md, highlighter), "kramdown_code", _PRIORITY)
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> KramdownCodeExtension:
    """Python-Markdown's entry point for ``mkdocs_jekyll.kramdown.code``."""
    return KramdownCodeExtension(**kwargs)
