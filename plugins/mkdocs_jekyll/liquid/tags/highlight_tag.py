"""Jekyll's ``highlight`` block, with the HTML Jekyll writes for it.

Mirrors ``lib/jekyll/tags/highlight.rb`` (Jekyll 4.3) for the markup (``{% highlight ruby
linenos %}``), the Liquid rendering of the body, the trimming of leading and trailing line
breaks and the output: Rouge's tokens in ``<figure class="highlight"><pre><code
class="language-ruby" data-lang="ruby">`` (a ``rouge-table`` with ``linenos``), as
``kramdown/rouge.py`` writes them. Minimal Mistakes styles that markup, and Material's copy
button finds its ``pre > code``. Jekyll's Rouge ignores ``hl_lines``; so does this tag.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from liquid.ast import BlockNode, Node
from liquid.exceptions import LiquidSyntaxError
from liquid.parser import get_parser
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

from mkdocs_jekyll.kramdown.rouge import highlight_tag_html

if TYPE_CHECKING:
    from liquid import RenderContext
    from liquid.stream import TokenStream

# highlight.rb SYNTAX and OPTIONS_REGEX.
SYNTAX = re.compile(r"^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|\"([0-9]+\s)*[0-9]+\"))?)*)$", re.ASCII)
OPTIONS = re.compile(r"(?:\w=\"[^\"]*\"|\w=\w|\w)+", re.ASCII)
LINE_TERMINATORS = re.compile(r"\A[\n\r]+|[\n\r]+\Z")


class HighlightNode(Node):
    """``{% highlight lang [options] %}code{% endhighlight %}``."""

    __slots__ = ("block", "lang", "options")

    def __init__(
        self, token: Token, lang: str, options: dict[str, str | bool], block: BlockNode
    ) -> None:
        super().__init__(token)
        self.lang = lang
        self.options = options
        self.block = block
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer: TextIO) -> int:
        """Render the body, trim line breaks around it and write the fence."""
        body = context.get_buffer(buffer)
        self.block.render(context, body)
        code = LINE_TERMINATORS.sub("", body.getvalue())
        linenos = bool(self.options.get("linenos"))
        return buffer.write(highlight_tag_html(code, self.lang, linenos=linenos))


class HighlightTag(Tag):
    """Parse ``{% highlight %}`` blocks."""

    name = "highlight"
    end = "endhighlight"
    block = True

    def parse(self, stream: TokenStream) -> Node:
        """Check the markup as highlight.rb does and parse the body up to the end tag."""
        token = stream.current
        markup = ""
        if stream.peek.kind == TOKEN_EXPRESSION:
            next(stream)
            markup = stream.current.value.strip()
        match = SYNTAX.match(markup)
        if not match:
            raise LiquidSyntaxError(
                f"Syntax Error in tag 'highlight' while parsing the following markup: "
                f"'{markup}'; expected {{% highlight <lang> [linenos] %}}",
                token=token,
            )
        options: dict[str, str | bool] = {}
        for option in OPTIONS.findall(match.group(2)):
            key, _, value = option.partition("=")
            options[key] = value.replace('"', "") if value else True
        next(stream)
        block = get_parser(self.env).parse_block(stream, (self.end,))
        if not (stream.current.kind == TOKEN_TAG and stream.current.value == self.end):
            raise LiquidSyntaxError(
                "'highlight' tag was never closed; expected '{% endhighlight %}'", token=token
            )
        return HighlightNode(token, match.group(1).lower(), options, block)
