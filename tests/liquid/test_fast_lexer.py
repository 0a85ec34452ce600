"""The environment's lexer (``compat.fast_liquid_lexer``) gives python-liquid's own tokens.

Its text rule reads a run of text at once where python-liquid's lazy rule tests its
lookahead at every character; any source must lex to the same tokens (kind, value and
position), whitespace control, raw blocks, comments and broken markup included.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st
from liquid.exceptions import LiquidError
from liquid.lex import get_lexer

from mkdocs_jekyll.compat import fast_liquid_lexer
from mkdocs_jekyll.liquid.environment import JekyllEnvironment, LiquidSettings


def _tokens(lexer: object, source: str) -> list[tuple[str, str, int]] | str:
    """The tokens, or the error's message where lexing fails."""
    try:
        return [(t.kind, t.value, t.start_index) for t in lexer(source)]  # type: ignore[operator]
    except LiquidError as err:
        return f"{type(err).__name__}: {err}"


@dataclass(frozen=True)
class Case:
    description: str
    source: str


CASES = [
    Case("plain text", "Just text,\nno markup.\n"),
    Case("an empty source", ""),
    Case("a last newline", "text\n"),
    Case("two last newlines", "text\n\n"),
    Case("only a newline", "\n"),
    Case("outputs and tags", "a {{ page.title }} b {% if x %}y{% endif %}\n"),
    Case("whitespace control", "a  {{- x -}}  b \n {%- if y -%} \n c {%- endif %}\n"),
    Case("braces that open nothing", "{ x } {x} {{x}} { {% raw %}{{ y }}{% endraw %} }"),
    Case("a lone brace at the end", "text {"),
    Case("a brace before a newline at the end", "text {\n"),
    Case("an unclosed output", "a {{ b"),
    Case("an unclosed tag", "a {% if b"),
    Case("a tag with no name", "a {% %} b"),
    Case("comments", "a {% comment %} {{ x }} {% endcomment %} b {%# note %} c"),
    Case("a doc block", "{% doc %}about {{ x }}{% enddoc %}after"),
    Case("a liquid tag", "{% liquid\nassign x = 1\necho x\n%}\n"),
    Case("carriage returns and tabs", "a\r\n{{ b }}\t\r\n"),
    Case("a fenced code block", "```liquid\n{% raw %}{{ a }}{% endraw %}\n```\n"),
    Case("text after the last output, then a newline", "a {{ b }} c\nd\n"),
    Case("stripped text up to a last newline", "{{ x -}} abc\n"),
    Case("stripped text before a last newline", "abc {{- x }}\n"),
    Case("a raw block, then a last newline", "{% raw %}a\n{% endraw %}\n"),
    Case("three last newlines", "a {{ b }}\n\n\n"),
    Case("an unclosed output before a last newline", "a {{ b\n"),
    Case("an unclosed tag before a last newline", "a {% if\n"),
]


@pytest.mark.parametrize("case", CASES, ids=[case.description for case in CASES])
def test_the_fast_lexer_gives_python_liquids_tokens(case: Case) -> None:
    fast = fast_liquid_lexer()
    assert fast is not None
    assert _tokens(fast, case.source) == _tokens(get_lexer(), case.source)


@given(st.text(alphabet="ab {}%-\n\r #", max_size=60))
def test_any_source_of_these_pieces_lexes_as_python_liquid_lexes_it(source: str) -> None:
    fast = fast_liquid_lexer()
    assert fast is not None
    assert _tokens(fast, source) == _tokens(get_lexer(), source)


def test_the_jekyll_environment_lexes_with_it() -> None:
    env = JekyllEnvironment(LiquidSettings(includes_dirs=(), include_labels=()))
    assert env.tokenizer() is fast_liquid_lexer()
    template = env.from_string("a {{ 1 | plus: 2 }}{% if true %} b{% endif %}\n")
    assert template.render() == "a 3 b\n"
