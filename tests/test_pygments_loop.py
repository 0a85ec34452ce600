"""Given a Pygments lexer tokenising with ``kramdown/pygments_loop.py``'s joined runs, when it
lexes any text (real source files, snippets, random characters), then the tokens are the ones
Pygments' own ``RegexLexer`` loop gives, position for position; and a site whose code blocks
are highlighted with it is the same, byte for byte, as one highlighted without it. Rouge's
spans around the tokens are the ones ``html.escape`` and the token classes give.
"""

from __future__ import annotations

import html
import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pygments.lexer import ExtendedRegexLexer, Lexer, RegexLexer, bygroups, default, words
from pygments.lexers import get_lexer_by_name
from pygments.token import Keyword, Name, Punctuation, String, Text, Token

from mkdocs_jekyll.kramdown import pygments_loop, rouge

ROOT = Path(__file__).parent.parent
# Languages sites highlight most, and lexers with callbacks, `using`, nested states, flags.
LANGUAGES = [
    "python", "ruby", "javascript", "typescript", "html", "css", "scss", "bash", "console",
    "yaml", "json", "toml", "ini", "c", "cpp", "csharp", "java", "kotlin", "go", "rust",
    "swift", "php", "sql", "diff", "markdown", "liquid", "jinja", "xml", "dockerfile",
    "makefile", "lua", "perl", "haskell", "elixir", "r", "powershell", "nginx", "graphql",
    "latex", "vim", "erb", "django",
]  # fmt: skip
SNIPPETS = [
    "",
    "\n",
    "x",
    'def f(a, *b, **c) -> "str":\n    """Doc."""\n    return f"{a!r:>{b}}" + r\'\\d\' # c\n',
    "class A(B):\n  @property\n  def x(self): return 0x1F, 1_000.5e-3j, b'\\x00'\n",
    "<div class=\"a\" id='b'>{{ page.title | escape }}{% if x %}<br/>{% endif %}</div>\n",
    "SELECT a, COUNT(*) FROM t WHERE b = 'c' -- note\nGROUP BY 1;\n",
    '#include <stdio.h>\nint main(void) { printf("%d\\n", 1 << 2); /* c */ }\n',
    "$ echo \"$HOME\" | grep -e '^/' && cd ~\nfoo: bar # x\n- [1, 2]\n",
    'key = "v"\n[table]\narr = [1, 2]\n{"a": [true, null, 1.5e3]}\n',
    'fn main() { let x: Vec<u8> = vec![1]; println!("{x:?}"); }\n',
    "--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n",
    "# Title\n\n*em* **strong** `code` [link](url)\n\n```py\nx = 1\n```\n",
    "\t\tmixed\ttabs\r\nand\rCR\u00a0nbsp \u2028 é ü 日本 \U0001f600 \x00\x7f",
    "unterminated 'string and \"other\n/* comment\n<!-- html\n'''\n",
]
ALPHABET = "abcdefxyzABCDEF_0123456789 \t\n\r'\"`#/*\\-+=<>!?.,;:()[]{}@$%^&|~\u00e9\u65e5"


def _pair(name: str) -> tuple[Lexer, Lexer]:
    """A lexer tokenising with the joined runs and one with Pygments' own loop."""
    fast = get_lexer_by_name(name, stripnl=False, ensurenl=False)
    pygments_loop.speed_up(fast)
    return fast, get_lexer_by_name(name, stripnl=False, ensurenl=False)


def _same(name: str, texts: list[str]) -> None:
    fast, own = _pair(name)
    for text in texts:
        fast_tokens = list(fast.get_tokens_unprocessed(text))
        assert fast_tokens == list(own.get_tokens_unprocessed(text)), (name, text[:80])


def _sources() -> list[str]:
    """Real text: source files of this repository and of the installed packages."""
    import markdown
    import pygments.lexer

    texts = [inspect.getsource(pygments.lexer), inspect.getsource(markdown.core)]
    for pattern in ("tests/kramdown/*.rb", "*.md", "docs/en/*.md", ".ci/*", "mkdocs.yml"):
        texts.extend(path.read_text(encoding="utf-8") for path in sorted(ROOT.glob(pattern)))
    return [text[:4000] for text in texts]


@pytest.mark.parametrize("name", LANGUAGES)
def test_each_language_lexes_snippets_and_sources_as_pygments_does(name: str) -> None:
    _same(name, SNIPPETS + _sources())


@pytest.mark.parametrize("name", ["python", "ruby", "html", "bash", "yaml", "c", "liquid"])
@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=120))
def test_any_text_lexes_as_pygments_does(name: str, text: str) -> None:
    _same(name, [text])


class _Tricky(RegexLexer):
    """Rules that must stay alone or join with care: back-references, named groups twice, a
    leading flag, `default`, callbacks, `#push`/`#pop` and integer pops."""

    name = "tricky"
    flags = re.MULTILINE
    tokens = {  # noqa: RUF012 (Pygments reads the class attribute)
        "root": [
            (r"(['\"])(.*?)(\1)", bygroups(Punctuation, String, Punctuation)),
            (r"(?P<w>[a-z]+)(?=\()", Name.Function),
            (r"(?P<w>[a-z]+)!", Keyword),
            (r"(?i)select\b", Keyword),
            (r"(?s)<<.*?>>", String),
            (words(("if", "else", "while"), suffix=r"\b"), Keyword),
            (r"\{", Punctuation, "block"),
            (r"\[", Punctuation, ("block", "inner")),
            (r"[a-z]+", Name),
            (r"\s+", Text),
        ],
        "block": [
            (r"\}", Punctuation, "#pop"),
            (r"\{", Punctuation, "#push"),
            (r"\]", Punctuation, "#pop:2"),
            (r"[^{}\[\]]+", Text),
            default("#pop"),
        ],
        "inner": [
            (r"\s+", Text),
            (r"[a-z]+", Name, "#pop"),
            default(("#pop", "#push")),
        ],
    }


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab(!'\"sSeElcT <>{}[]\n\t", max_size=60))
def test_a_lexer_with_tricky_rules_lexes_as_pygments_does(text: str) -> None:
    fast, own = _Tricky(), _Tricky()
    assert pygments_loop.speed_up(fast)
    assert list(fast.get_tokens_unprocessed(text)) == list(own.get_tokens_unprocessed(text))


def test_rules_that_could_change_when_joined_stay_alone() -> None:
    """The back-reference runs as Pygments runs it; the others join, without their groups
    (named ones too), the leading `(?i)` and `(?s)` as scoped groups."""
    lexer = _Tricky()
    pygments_loop.speed_up(lexer)
    list(lexer.get_tokens("select 'a' x! <<\n>> f( {a}"))
    runs = pygments_loop._RUNS[_Tricky]["root"]
    alone = [rule[0].__self__.pattern for _, rule, _ in runs if rule is not None]
    assert alone == [r"(['\"])(.*?)(\1)"]
    joined = [run[0].__self__.pattern for run in runs if run[1] is None]  # type: ignore[attr-defined]
    assert joined[0].startswith(
        r"(?:(?:[a-z]+)(?=\())()|(?:(?:[a-z]+)!)()|(?:(?i:select\b))()|(?:(?s:<<.*?>>))()|"
    )


class _Verbose(RegexLexer):
    """A verbose lexer: its rules keep their groups (a comment could hold a parenthesis), and
    a comment ends at the end of its rule."""

    name = "verbose"
    flags = re.MULTILINE | re.VERBOSE
    tokens = {  # noqa: RUF012 (Pygments reads the class attribute)
        "root": [
            (r"(?P<w>[a-z]+) (\()  # a call", bygroups(Name.Function, Punctuation)),
            (r"(?P<w>[a-z]+) (!)", bygroups(Keyword, Punctuation)),
            (r"\s+", Text),
            (r"[a-z(!]  # one character", Name),
        ],
    }


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab(! \n", max_size=30))
def test_a_run_that_does_not_compile_is_cut_in_halves(text: str) -> None:
    """The two `(?P<w>)` rules cannot share a regex: they run alone, the rest joins."""
    fast, own = _Verbose(), _Verbose()
    assert pygments_loop.speed_up(fast)
    assert list(fast.get_tokens_unprocessed(text)) == list(own.get_tokens_unprocessed(text))
    runs = pygments_loop._RUNS[_Verbose]["root"]
    assert [run[1] is None for run in runs] == [False, False, True]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(a)(?:b)(?P<n>c)(?=d)", (r"(?:a)(?:b)(?:c)(?=d)", 2)),
        (r"[(]\((x)[^]()][]()]", (r"[(]\((?:x)[^]()][]()]", 1)),
        (r"(?<!\.)(?i:(q))", (r"(?<!\.)(?i:(?:q))", 1)),
        (r"\\(\\)", (r"\\(?:\\)", 1)),
    ],
)
def test_groups_are_made_non_capturing_outside_character_classes(
    pattern: str, expected: tuple[str, int]
) -> None:
    assert pygments_loop._without_groups(pattern) == expected
    assert re.compile(expected[0]).groups == 0


def test_a_lexer_with_a_loop_of_its_own_is_left_alone() -> None:
    class Extended(ExtendedRegexLexer):
        tokens = {"root": [(r".", Text)]}  # noqa: RUF012

    assert not pygments_loop.speed_up(Extended())
    assert not pygments_loop.speed_up(get_lexer_by_name("pycon"))  # overrides the loop


def test_the_code_highlighted_for_a_site_uses_the_joined_runs() -> None:
    rouge._lexer.cache_clear()
    lexer = rouge._lexer("python")
    assert lexer is not None
    assert "get_tokens_unprocessed" in vars(lexer)


def _code_pages() -> dict[str, str]:
    blocks = []
    for n, text in enumerate(SNIPPETS + _sources()[:3]):
        fence = "~" * 12
        for lang in LANGUAGES[n % 7 :: 7]:
            blocks.append(f"{fence} {lang}\n{text}\n{fence}\n")
    pages = {f"docs/code-{n}.md": "# Code\n\n" + "\n".join(blocks[n::4]) for n in range(4)}
    pages["docs/index.md"] = (
        "# Home\n\n    indented = 'code'\n\nInline `x = 1`{:.language-python}.\n\n"
        "{% highlight ruby linenos %}\ndef x; 'y'; end\n{% endhighlight %}\n"
    )
    return pages


def test_a_site_is_the_same_with_and_without_the_joined_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given pages with code in every language above, when the site is built with the
    joined runs and without them, then every produced file is the same."""
    from sitebuild import make_site_builder, site_tree

    files = _code_pages()
    sites = {}
    for mode in ("on", "off"):
        if mode == "off":
            monkeypatch.setattr(rouge, "speed_up", lambda lexer: False)
        rouge._lexer.cache_clear()
        rouge._tokens_html.cache_clear()
        (tmp_path / mode).mkdir()
        sites[mode] = site_tree(make_site_builder(tmp_path / mode)(files=files))
    rouge._lexer.cache_clear()
    rouge._tokens_html.cache_clear()
    on, off = sites["on"], sites["off"]
    assert sorted(on) == sorted(off)
    assert [name for name in on if on[name] != off[name]] == []
    assert any(b'<span class="k">def</span>' in on[name] for name in on)


class _Given(Lexer):
    """A lexer giving the tokens it is made with."""

    def __init__(self, tokens: list[tuple[Any, str]]) -> None:
        super().__init__()
        self.given = tokens

    def get_tokens(self, text: str, unfiltered: bool = False) -> Iterator[tuple[Any, str]]:
        return iter(self.given)


TOKEN_TYPES = [Text, Keyword, Name.Function, String.Escape, Punctuation, Token.Custom.Thing]


@settings(max_examples=300, deadline=None)
@given(
    tokens=st.lists(
        st.tuples(
            st.sampled_from(TOKEN_TYPES),
            st.text(alphabet="a<>&\"' \t\n\u00a0\u2028\x1c", max_size=5),
        ),
        max_size=8,
    )
)
def test_the_spans_are_each_tokens_escaped_text_in_its_class(tokens: list[tuple[Any, str]]) -> None:
    """Rouge's markup as it was written before: `html.escape(value, quote=False)`, in a span
    of the type's class unless the text is only blanks (or the type has no class)."""
    expected = "".join(
        f'<span class="{rouge.token_class(ttype)}">{html.escape(value, quote=False)}</span>'
        if rouge.token_class(ttype) and value.strip()
        else html.escape(value, quote=False)
        for ttype, value in tokens
    )
    assert rouge._spans(_Given(tokens), "") == expected
