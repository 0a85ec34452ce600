"""HTML blocks and their ``markdown`` attribute, as kramdown's parser treats them.

Python-Markdown's ``md_in_html`` reads ``markdown="1"``, ``"block"`` and ``"span"`` as
kramdown does (``Parser::Kramdown#parse_block_html``, kramdown 2.4). Two differences are
closed here: kramdown drops the attribute from the output whatever its value (``md_in_html``
leaves ``markdown="0"`` in the HTML), and with ``parse_block_html: true`` kramdown parses the
content of every block HTML element as if it said ``markdown="1"``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from markdown.extensions import Extension
from markdown.extensions.md_in_html import HtmlBlockPreprocessor, HTMLExtractorExtra
from markdown.postprocessors import Postprocessor

from mkdocs_jekyll.kramdown.extensions import document_options

if TYPE_CHECKING:
    from markdown import Markdown

# An opening tag's `markdown="0"` (code is escaped by now, so only real tags match).
_MARKDOWN_OFF = re.compile(r"""(<[A-Za-z][^<>]*?)\s+markdown=(["']?)0\2(?=[\s/>])""")
# md_in_html's preprocessor priority; its raw HTML postprocessor runs at 30.
_PREPROCESSOR_PRIORITY = 20
_POSTPROCESSOR_PRIORITY = 25


class _ParseAllExtractor(HTMLExtractorExtra):
    """``parse_block_html``: a block element without ``markdown`` reads as ``markdown="1"``."""

    def get_state(
        self, tag: Any, attrs: Mapping[str, str]
    ) -> Literal["block", "span", "off", None]:
        """Default the ``markdown`` attribute to ``1``."""
        if "markdown" not in attrs:
            attrs = {**attrs, "markdown": "1"}
        return super().get_state(tag, attrs)


class _ParseAllPreprocessor(HtmlBlockPreprocessor):
    """md_in_html's preprocessor, with the extractor above when ``parse_block_html`` is on
    for the site or for the page (``{::options parse_block_html="true" /}``)."""

    def __init__(self, md: Markdown, *, site: bool) -> None:
        super().__init__(md)
        self.site = site

    def run(self, lines: list[str]) -> list[str]:
        """Stash HTML blocks, parsing every block element's content when the option is on."""
        if not document_options(self.md).get("parse_block_html", self.site):
            return super().run(lines)
        parser = _ParseAllExtractor(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        return "".join(parser.cleandoc).split("\n")


class _DropMarkdownOff(Postprocessor):
    """Remove ``markdown="0"`` from the raw HTML kramdown would have written without it."""

    def run(self, text: str) -> str:
        """Strip the attribute from every opening tag."""
        return _MARKDOWN_OFF.sub(r"\1", text) if "markdown=" in text else text


class KramdownHtmlBlocksExtension(Extension):
    """``markdown="0"`` dropped; ``parse_block_html`` applied (needs ``md_in_html``)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"parse_block_html": [False, "kramdown's parse_block_html"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        """Replace md_in_html's preprocessor when parsing every block; drop ``markdown="0"``."""
        if isinstance(md.preprocessors["html_block"], HtmlBlockPreprocessor):
            # A page's {::options /} may turn it on: kramdown/extensions.py reads them first.
            site = bool(self.getConfig("parse_block_html"))
            md.preprocessors.register(
                _ParseAllPreprocessor(md, site=site), "html_block", _PREPROCESSOR_PRIORITY
            )
        md.postprocessors.register(
            _DropMarkdownOff(md), "kramdown_markdown_off", _POSTPROCESSOR_PRIORITY
        )
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> KramdownHtmlBlocksExtension:
    """Python-Markdown's entry point for ``mkdocs_jekyll.kramdown.html_blocks``."""
    return KramdownHtmlBlocksExtension(**kwargs)
