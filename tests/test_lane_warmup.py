"""A build with workers makes the site's lexers once, in the parent, before the fork.

Each lane used to make Pygments' lexer of the site's code at its first code block (and to
import and set up every Markdown extension): the worker inherits them now, and the site is
the one the same build writes without this.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_jekyll.kramdown import code, rouge
from mkdocs_jekyll.kramdown.code import FENCED_TEXTS, fence_languages
from mkdocs_jekyll.mkdocs import i18n_plugin
from mkdocs_jekyll.mkdocs.parallel import can_fork
from sitebuild import THREE_LOCALES, site_tree, write_files

PYTHON = "```python\ndef f(x):\n    return x + 1\n```\n"
RUBY = "~~~ ruby\nputs 'hi'\n~~~\n"
FILES = {
    **{
        f"docs/{locale}/page-{n}.md": f"---\ntitle: P{n}\ni18n_key: p{n}\n---\n# P{n}\n\n{PYTHON}"
        for locale in ("en", "es-419", "pt-br")
        for n in range(6)
    },
    "docs/pt-br/ruby.md": f"---\ntitle: Ruby\n---\n# Ruby\n\n{RUBY}",
}


def _project(root: Path) -> Path:
    write_files(root, FILES)
    config = {
        "site_name": "Lanes",
        "site_url": "https://example.com/",
        "theme": {"name": "material"},
        "plugins": ["search", {"jekyll/i18n": {"languages": THREE_LOCALES}}, {"jekyll": {}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


def _build(project: Path, site: Path) -> None:
    config: Any = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    build(config)


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not can_fork(), reason="forks a worker (Linux)"
)
def test_the_worker_inherits_the_lexers_made_before_the_fork_and_writes_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr(i18n_plugin, "warm_lanes", lambda config, model: None)
    rouge._lexer.cache_clear()
    _build(_project(tmp_path / "cold"), tmp_path / "cold-site")
    expected = site_tree(tmp_path / "cold-site")
    monkeypatch.undo()

    monkeypatch.setattr("os.cpu_count", lambda: 2)
    forks: list[int] = []
    real = i18n_plugin.ParallelPasses

    def spy(*args: Any, **kw: Any) -> Any:
        forks.append(os.getpid())
        return real(*args, **kw)

    monkeypatch.setattr(i18n_plugin, "ParallelPasses", spy)
    log = tmp_path / "lexers.log"
    make = rouge.get_lexer_by_name

    def noted(name: str, **options: Any) -> Any:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {len(forks)} {name}\n")
        return make(name, **options)

    monkeypatch.setattr(rouge, "get_lexer_by_name", noted)
    rouge._lexer.cache_clear()
    _build(_project(tmp_path / "warm"), tmp_path / "warm-site")

    assert forks == [os.getpid()], "the build forked its worker"
    made = [line.split(" ") for line in log.read_text(encoding="utf-8").splitlines()]
    # Both lexers (Ruby's on one pt-br page, which the worker builds): once, in the
    # parent, before the fork; no lane makes one.
    assert sorted((int(pid), int(forked), name) for pid, forked, name in made) == [
        (os.getpid(), 0, "python"),
        (os.getpid(), 0, "ruby"),
    ]
    assert site_tree(tmp_path / "warm-site") == expected


def test_fence_languages_reads_the_openings_of_the_first_fenced_texts() -> None:
    texts = [
        "no code here",
        "```python\nx\n```\n\n  ~~~~ ruby?line_numbers=true\nx\n~~~~\n",
        "```{.js}\nx\n```\n```python\ny\n```\n",
        "    ```indented-by-four\nis code, not a fence\n",
        "```\nno language\n```\n",
    ]
    assert fence_languages(texts) == ["python", "ruby", "js"]
    # Only the first FENCED_TEXTS texts with a fence are read.
    many = ["```c\nx\n```\n"] * FENCED_TEXTS + ["```go\nx\n```\n"]
    assert fence_languages(many) == ["c"]


def test_no_lexer_is_made_when_code_blocks_are_not_highlighted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from markdown import Markdown

    md = Markdown(
        extensions=["pymdownx.superfences", "mkdocs_jekyll.kramdown.code"],
        extension_configs={"mkdocs_jekyll.kramdown.code": {"syntax_highlighter": ""}},
    )
    made: list[str] = []
    monkeypatch.setattr(code, "warm_lexers", made.extend)
    code.warm_highlighting(md, [PYTHON])
    assert made == []
    highlighted = Markdown(extensions=["pymdownx.superfences", "mkdocs_jekyll.kramdown.code"])
    code.warm_highlighting(highlighted, [PYTHON])
    assert made == ["python"]
