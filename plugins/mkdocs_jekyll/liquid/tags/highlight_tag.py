"""Jekyll's ``highlight`` block, emitted as a fenced code block.

Mirrors ``lib/jekyll/tags/highlight.rb`` (Jekyll 4.3) for the markup (``{% highlight ruby
linenos %}``), the Liquid rendering of the body and the trimming of leading and trailing
line breaks. Liquid runs before Markdown here, so instead of Rouge's HTML the tag writes a
fenced block that Material (pymdownx.superfences and highlight) colours the same way.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from liquid.ast import BlockNode, Node
from liquid.exceptions import LiquidSyntaxError
from liquid.parser import get_parser
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

if TYPE_CHECKING:
    from liquid import RenderContext
    from liquid.stream import TokenStream

# highlight.rb SYNTAX and OPTIONS_REGEX.
SYNTAX = re.compile(r"^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|\"([0-9]+\s)*[0-9]+\"))?)*)$", re.ASCII)
OPTIONS = re.compile(r"(?:\w=\"[^\"]*\"|\w=\w|\w)+", re.ASCII)
LINE_TERMINATORS = re.compile(r"\A[\n\r]+|[\n\r]+\Z")
BACKTICKS = re.compile(r"`+")


def fence(code: str, lang: str, options: dict[str, str | bool]) -> str:
    """Return ``code`` as a fenced block longer than any backtick run inside it.

    Args:
        code: The rendered body.
        lang: The language, lower-cased as Jekyll does.
        options: ``linenos`` becomes ``linenums="1"``; ``hl_lines`` is passed on.

    Returns:
        The fenced block, ending with a newline.
    """
    longest = max((len(run) for run in BACKTICKS.findall(code)), default=0)
    marks = "`" * max(3, longest + 1)
    info = lang
    if options.get("linenos"):
        info += ' linenums="1"'
    hl_lines = options.get("hl_lines")
    if isinstance(hl_lines, str):
        info += f' hl_lines="{hl_lines}"'
    return f"{marks}{info}\n{code}\n{marks}\n"


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
        return buffer.write(fence(code, self.lang, self.options))


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
