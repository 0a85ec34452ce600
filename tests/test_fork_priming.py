"""What each process would set up on its first page is set up once, before workers fork."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pymdownx.superfences import SuperFencesException
from test_balanced_passes import _plugins, spy_plans

from mkdocs_jekyll.kramdown import rouge
from mkdocs_jekyll.mkdocs import fork_priming
from mkdocs_jekyll.mkdocs.fork_priming import MAX_LANGUAGES, common_languages, prime
from mkdocs_jekyll.mkdocs.parallel import can_fork
from sitebuild import assert_same_tree, build_tree

RUBY = "```ruby\nputs 'hi'\n```\n"

# Ruby in a page of every locale, Python in one page only.
CODE_SITE = {
    "docs/en/index.md": f"---\ntitle: Home\ni18n_key: home\n---\n# Home\n\n{RUBY}",
    "docs/en/a.md": "---\ntitle: A\n---\n# A\n\n{% highlight python %}\nx\n{% endhighlight %}\n",
    "docs/es-419/index.md": f"---\ntitle: Inicio\ni18n_key: home\n---\n# Inicio\n\n{RUBY}",
    "docs/es-419/b.md": f"---\ntitle: B\n---\n# B\n\nTexto.\n\n{RUBY}",
    "docs/pt-br/index.md": f"---\ntitle: Início\ni18n_key: home\n---\n# Início\n\n{RUBY}",
    "docs/pt-br/c.md": f"---\ntitle: C\n---\n# C\n\n{RUBY}",
    "docs/pt-br/d.md": "---\ntitle: D\n---\n# D\n\n*Sem código.*\n",
}


@pytest.fixture
def lexers_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file each process appends ``pid name`` to as it makes a Pygments lexer; this
    process's lexers and highlighted code forgotten first (another test may have made them)."""
    log = tmp_path / "lexers.log"
    real = rouge.get_lexer_by_name

    def made(name: str, **options: Any) -> Any:
        with open(log, "a", encoding="utf-8") as file:
            file.write(f"{os.getpid()} {name}\n")
        return real(name, **options)

    monkeypatch.setattr(rouge, "get_lexer_by_name", made)
    rouge._lexer.cache_clear()
    rouge._tokens_html.cache_clear()
    return log


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_workers_inherit_the_lexers_of_the_sites_common_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lexers_made: Path
) -> None:
    plans = spy_plans(monkeypatch, 2)
    primed: list[bool] = []
    real_prime = fork_priming.prime

    def spy(*args: Any) -> bool:
        primed.append(real_prime(*args))
        return primed[-1]

    monkeypatch.setattr(fork_priming, "prime", spy)
    with_priming = build_tree(tmp_path / "primed", CODE_SITE, plugins=_plugins({}), strict=True)
    assert plans and len(plans[0]) == 2  # the parent's passes and a worker's
    assert primed == [True]
    made = [line.split() for line in lexers_made.read_text(encoding="utf-8").splitlines()]
    # Ruby (in five pages) was made once, by the parent before the fork; Python (in one
    # page) by the process that rendered that page.
    assert [name for pid, name in made if name == "ruby"] == ["ruby"]
    assert all(int(pid) == os.getpid() for pid, name in made if name == "ruby")

    monkeypatch.setattr(fork_priming, "prime", lambda *args: False)
    rouge._lexer.cache_clear()
    rouge._tokens_html.cache_clear()
    without = build_tree(tmp_path / "plain", CODE_SITE, plugins=_plugins({}), strict=True)
    assert_same_tree(with_priming, without)


@pytest.mark.parametrize(
    ("bodies", "expected"),
    [
        ([RUBY, RUBY, "```python\nx\n```\n"], ["ruby"]),
        (["~~~ ruby\nx\n~~~\n", "```{.ruby}\nx\n```\n", "{%- highlight JS linenos %}"], ["ruby"]),
        (["{% highlight js %}", "{% highlight js %}\n```ruby\n```\n", "```ruby\n"], ["js", "ruby"]),
        # A page naming a language twice counts once.
        (["```go\n```\n```go\n```\n", "Text"], []),
        (["No code at all", "```\nno language\n```\n"], []),
    ],
)
def test_common_languages_are_those_of_two_pages_or_more(
    bodies: list[str], expected: list[str]
) -> None:
    assert common_languages(bodies) == expected


def test_common_languages_are_the_most_common_few() -> None:
    names = [f"lang{number}" for number in range(MAX_LANGUAGES + 2)]
    bodies = [f"```{name}\n```\n" for count, name in enumerate(names, 2) for _ in range(count)]
    assert common_languages(bodies) == names[::-1][:MAX_LANGUAGES]


def _config(extensions: list[Any], configs: dict[str, Any] | None = None) -> Any:
    return SimpleNamespace(markdown_extensions=extensions, mdx_configs=configs or {})


def test_a_site_with_an_extension_not_known_to_be_reset_safe_is_not_primed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_instance(**_options: Any) -> Any:
        raise AssertionError("no Markdown instance is made")

    monkeypatch.setattr(fork_priming, "Markdown", no_instance)
    assert not prime(_config(["toc", "pymdownx.snippets"]), [RUBY, RUBY])


def test_a_conversion_that_fails_is_left_to_the_page_that_would_fail(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def boom(*_args: Any, **_kwargs: Any) -> str:
        raise SuperFencesException("the site's own fence")  # superfences lets it through

    fence = {"name": "boom", "class": "boom", "format": boom}
    config = _config(["pymdownx.superfences"], {"pymdownx.superfences": {"custom_fences": [fence]}})
    with caplog.at_level("INFO"):
        assert not prime(config, ["```boom\nx\n```\n"] * 2)
    assert caplog.records == []
    assert prime(config, [RUBY, RUBY])  # without that fence, the same extensions convert
