"""kramdown's inline syntax and extensions in real builds, checked against kramdown and Jekyll.

The corpus (``test_kramdown_corpus.py``) compares whole conversions under a normalisation
that reads entities as characters; ``entity_output`` is about exactly that, so it is
compared here byte for byte with live kramdown. The builds check what the plugin adds
around the Markdown: the page's settings, ``{::options /}`` warnings naming the page and
line (``--strict`` fails on them), and a feature turned off.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from kramdown.corpus import Case as CorpusCase
from kramdown.corpus import kramdown_html, our_html
from kramdown.normalise import normalise
from mkdocs_jekyll.cli.main import cli
from mkdocs_jekyll.kramdown.pipeline import FEATURES, configure_markdown
from mkdocs_jekyll.kramdown.settings import KramdownSettings
from sitebuild import (
    CONFIG_ERROR,
    BuildSite,
    error_lines,
    html,
    jekyll_build,
    strict_abort,
    warning_lines,
    write_files,
)

ENTITIES = "\"Hi\" -- it's &copy; &amp; &#169; &#x41; &lt; &quot; <<x>> ... 'Olé'\n"


@dataclass(frozen=True)
class Case:
    description: str
    kramdown: dict[str, Any]


ENTITY_CASES = (
    Case("as_char (Jekyll's default) writes characters", {"entity_output": "as_char"}),
    Case("as_input keeps the entities as written", {"entity_output": "as_input"}),
    Case("numeric writes code points", {"entity_output": "numeric"}),
    Case("symbolic writes names where there is one", {"entity_output": "symbolic"}),
    Case(
        "smart_quotes by number and by name, numeric",
        {"entity_output": "numeric", "smart_quotes": "8216,8217,lsaquo,rsaquo"},
    ),
    Case(
        "typographic_symbols overrides are text, escaped",
        {"typographic_symbols": {"hellip": "...", "ndash": "<->", "laquo": "&lt;&lt;"}},
    ),
)


@pytest.mark.parametrize("case", ENTITY_CASES, ids=lambda case: case.description)
def test_entities_are_written_as_kramdown_writes_them(case: Case) -> None:
    corpus_case = CorpusCase("entities", ENTITIES, case.kramdown)
    [expected] = kramdown_html([corpus_case])
    assert our_html(corpus_case).strip() == expected.strip()


PAGE = """\
---
title: Inline
---
"Smart" quotes -- it's *kramdown*'s, «y» en español: "¿Qué?"...
A note[^n], ~~struck~~ text, $$x^2$$ math and the HTML abbreviation.

- [ ] open
- [x] done

[^n]: The "note".

*[HTML]: Hyper Text Markup Language
"""


def test_a_page_renders_as_jekyll_renders_it(build_site: BuildSite, tmp_path: Path) -> None:
    ours = html(build_site(files={"docs/index.md": PAGE}, strict=True) / "index.html")
    jekyll_site, _log = jekyll_build(tmp_path / "jekyll", {"index.md": PAGE})
    theirs = html(jekyll_site / "index.html")
    for selector in ("p", "ul.task-list", "div.footnotes"):
        mine, jekyll = ours.select_one(f"article {selector}"), theirs.select_one(selector)
        assert mine is not None and jekyll is not None, selector
        assert normalise(str(mine)) == normalise(str(jekyll)), selector


OPTIONS_PAGE = """\
---
title: Options
---
Intro.

{::options syntax_highlighter="coderay" /}

Text {::options colour="red" /} here.
"""


def test_options_that_cannot_apply_warn_with_the_page_and_line(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    build_site(files={"docs/notes/options.md": OPTIONS_PAGE})
    assert warning_lines(caplog) == [
        'mkdocs_jekyll: notes/options.md:6: {::options syntax_highlighter="coderay" /} is not '
        "supported; set 'syntax_highlighter' in the kramdown: settings instead",
        'mkdocs_jekyll: notes/options.md:8: {::options colour="red" /} is not supported; '
        "kramdown has no option 'colour'",
    ]


def test_options_that_cannot_apply_fail_a_strict_build(build_site: BuildSite) -> None:
    with pytest.raises(Abort, match=strict_abort(2)):
        build_site(files={"docs/notes/options.md": OPTIONS_PAGE}, strict=True)


def test_options_the_pipeline_applies_change_the_page_without_a_warning(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    page = (
        '{::options smart_quotes="laquo,raquo,laquo,raquo" footnote_nr="4" /}\n'
        '"Hola"[^a]\n\n[^a]: Nota.\n'
    )
    site = build_site(files={"docs/index.md": page}, strict=True)
    article = html(site / "index.html").select_one("article")
    assert article is not None
    assert "«Hola»" in article.get_text()
    assert [a.get_text() for a in article.select("sup a.footnote")] == ["4"]
    assert warning_lines(caplog) == []


def test_typography_turned_off_leaves_straight_quotes(build_site: BuildSite) -> None:
    page = '"Quotes" -- it\'s...\n'
    on = html(build_site(files={"docs/index.md": page}) / "index.html").select_one("article p")
    off_site = build_site(
        files={"docs/index.md": page},
        plugins=[{"jekyll": {"markdown_kramdown": {"features": {"typography": False}}}}],
    )
    off = html(off_site / "index.html").select_one("article p")
    assert on is not None and off is not None
    assert on.get_text() == "\u201cQuotes\u201d \u2013 it\u2019s\u2026"
    assert off.get_text() == '"Quotes" -- it\'s...'


def test_the_site_kramdown_block_reaches_the_page(build_site: BuildSite) -> None:
    corpus_case = CorpusCase("math", "$$x$$ and [^a]\n\n[^a]: b\n", {"math_engine": None})
    [expected] = kramdown_html([corpus_case])
    assert normalise(our_html(corpus_case)) == normalise(expected)
    site = build_site(
        files={"docs/index.md": corpus_case.markdown},
        plugins=[{"jekyll": {"markdown_kramdown": {"math_engine": None, "footnote_nr": 3}}}],
    )
    article = html(site / "index.html").select_one("article")
    assert article is not None
    assert str(article.select_one("span.kdmath")) == '<span class="kdmath">$x$</span>'
    assert [a.get_text() for a in article.select("sup a.footnote")] == ["3"]


INLINE_FEATURES = (
    "attributes",
    "footnotes",
    "definition_lists",
    "abbreviations",
    "typography",
    "escapes",
    "task_lists",
    "strikethrough",
    "math",
    "extensions",
)


@pytest.mark.parametrize("name", INLINE_FEATURES)
def test_each_inline_feature_turns_off_alone(name: str) -> None:
    builtins = ["toc", "tables", "fenced_code"]
    on, _ = configure_markdown(KramdownSettings(), list(builtins), {})
    off, _ = configure_markdown(
        KramdownSettings.from_block({"features": {name: False}}), list(builtins), {}
    )
    added = set(FEATURES[name].extensions(KramdownSettings()))
    others = {
        ext
        for other in FEATURES.values()
        if other.name != name
        for ext in other.extensions(KramdownSettings())
    }
    assert added <= set(on)
    assert (added - others) & set(off) == set()
    assert set(on) - set(off) == added - others - set(builtins)


def test_an_extension_the_site_configured_keeps_the_feature_off() -> None:
    extensions, configs = configure_markdown(
        KramdownSettings(),
        ["toc", "pymdownx.arithmatex"],
        {"pymdownx.arithmatex": {"generic": True}},
    )
    assert "pymdownx.arithmatex" in extensions
    assert "mkdocs_jekyll.kramdown.math" not in extensions
    assert configs["pymdownx.arithmatex"] == {"generic": True}


@pytest.mark.parametrize(
    ("block", "message"),
    [
        (
            {"smart_quotes": "lsquo,rsquo,ldquo,rdqou"},
            "markdown_kramdown.smart_quotes: 'rdqou' is not an HTML entity name or number "
            "(kramdown's smart_quotes, such as 'lsquo,rsquo,ldquo,rdquo' or '8216,8217,...')",
        ),
        (
            {"entity_output": "characters"},
            "markdown_kramdown.entity_output: expected one of as_char, as_input, numeric, "
            "symbolic, got 'characters'",
        ),
    ],
    ids=["an unknown smart quote entity", "an unknown entity_output"],
)
def test_settings_the_typography_cannot_use_are_configuration_errors(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, block: dict[str, Any], message: str
) -> None:
    with pytest.raises(Abort, match=CONFIG_ERROR):
        build_site(
            files={"docs/index.md": "Hi\n"}, plugins=[{"jekyll": {"markdown_kramdown": block}}]
        )
    assert error_lines(caplog) == [
        f"Config value 'plugins': Plugin 'jekyll' option 'markdown_kramdown': {message}"
    ]


def test_the_report_lists_kramdown_syntax_the_build_could_not_apply(tmp_path: Path) -> None:
    write_files(tmp_path, {"docs/notes/options.md": OPTIONS_PAGE})
    settings = {
        "site_name": "Report",
        "site_url": "https://example.com/",
        "theme": {"name": "material"},
        "plugins": [{"jekyll": {}}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    done = CliRunner().invoke(cli, ["report", "-f", str(tmp_path / "mkdocs.yml")])
    assert done.exit_code == 0, done.output
    section = done.output[done.output.index("kramdown syntax left with no rendering") :]
    assert section.splitlines()[:3] == [
        "kramdown syntax left with no rendering: 2",
        '  notes/options.md:6: {::options syntax_highlighter="coderay" /} is not supported; '
        "set 'syntax_highlighter' in the kramdown: settings instead",
        '  notes/options.md:8: {::options colour="red" /} is not supported; '
        "kramdown has no option 'colour'",
    ]


_PIECES = st.sampled_from(
    [
        "word",
        "palabra",
        " ",
        "\n",
        "\n\n",
        '"',
        "'",
        "--",
        "---",
        "...",
        "<<",
        ">>",
        "<b>",
        "</b>",
        "&amp;",
        "&copy;",
        "&bogus;",
        "*",
        "_",
        "~~",
        "$$",
        "`",
        "[^1]",
        "[^1]: n",
        "{: .c}",
        "{:ref: .r}",
        "{: ref}",
        "{::comment}",
        "{::nomarkdown}",
        "{:/}",
        '{::options smart_quotes="laquo,raquo,laquo,raquo" /}',
        "*[HTML]: H",
        "HTML",
        "- [ ] ",
        "- [x] ",
        "\\",
        "\\<<",
        "# ",
        "> ",
        "    ",
        "```\n",
        "term\n: def",
    ]
)


@given(st.lists(_PIECES, max_size=25).map("".join))
@settings(max_examples=150, deadline=None)
def test_no_input_leaks_a_placeholder_or_fails(text: str) -> None:
    html_out = our_html(CorpusCase("property", text, {}))
    for leak in ("\x02", "\x03", "\u2063", "klzzwxh", "wzxhzdk", "qq3936677670287331zz"):
        assert leak not in html_out
