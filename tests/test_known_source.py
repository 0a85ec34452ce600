"""Pages skip MkDocs' second parse of their front matter: the site is the same as without."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mkdocs_jekyll.mkdocs import page_pass
from mkdocs_jekyll.mkdocs import plugin as plugin_module
from sitebuild import THREE_LOCALES, make_site_builder, site_tree

# Front matter MkDocs reads as a mapping, and every shape it does not: none, an empty or
# null block (MkDocs keeps it in the Markdown), MultiMarkdown lines, a second block in the
# body, blank lines, Windows line ends and a byte order mark.
FILES = {
    "docs/en/index.md": "---\ni18n_key: home\ntitle: Home & more\n---\n# Welcome\n[a](a.md)\n",
    "docs/en/a.md": "---\ntitle: 'A: page'\ntags: [x, y]\n---\n\n\n## Part\nText {{ page.title }}",
    "docs/en/b.md": "# No front matter\n[a](a.md)\n",
    "docs/en/c.md": "Title: MultiMarkdown\nAuthor: me\n\n# C heading\nbody\n",
    "docs/en/d.md": "---\ntitle: D\n---\n---\nnot: front matter\n---\n\nText\n",
    "docs/en/e.md": "---\ntitle: E\n---\nKey: looks like meta\n\nText\n",
    "docs/en/f.md": "---\n---\n# F empty block\n",
    "docs/en/g.md": "---\nnull\n---\n# G null block\n",
    "docs/en/h.md": "\ufeff---\r\ntitle: H\r\n---\r\n\r\n# H heading\r\nline\r\n",
    "docs/en/i.md": "---\ntitle: I\n...\n# Dots end the block\n",
    "docs/en/j.md": "\ufeff\ufeff---\ntitle: J\n---\n# J two byte order marks\n",
    "docs/en/k.md": "---\r\ntitle: K\r\n---\r\n\r\n\rOld Mac line ends\r\rText\r",
    "docs/en/_posts/2024-01-02-hello.md": "---\ntitle: Hello\n---\nHi {{ site.posts | size }}\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/pt-br/index.md": "# Início\n",
}


def _plugins(*more: Any) -> list[Any]:
    return [
        "search",
        {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": 1}},
        {"jekyll": {}},
        *more,
    ]


def _build(folder: Path, plugins: list[Any]) -> dict[str, bytes]:
    folder.mkdir()
    return site_tree(make_site_builder(folder)(files=FILES, plugins=plugins))


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    given: list[str] = []
    real = page_pass.known_source

    def spy(file: Any, cache: Any) -> str | None:
        source = real(file, cache)
        if source is not None:
            given.append(file.src_uri)
        return source

    monkeypatch.setattr(page_pass, "known_source", spy)
    return given


def test_pages_skipping_the_second_parse_build_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = _spy(monkeypatch)
    on = _build(tmp_path / "on", _plugins())
    # MkDocs' mapping front matter only: the other shapes are read by MkDocs.
    assert sorted(given) == [
        "en/_posts/2024-01-02-hello.md",
        "en/a.md",
        "en/d.md",
        "en/e.md",
        "en/h.md",
        "en/i.md",
        "en/index.md",
        "en/k.md",
        "es-419/index.md",
    ]
    monkeypatch.setattr(plugin_module, "may_skip_meta", lambda config, *, serving: False)
    given.clear()
    off = _build(tmp_path / "off", _plugins())
    assert given == []
    assert on == off


def test_another_plugin_sees_the_front_matter_as_mkdocs_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = _spy(monkeypatch)
    _build(tmp_path / "other", _plugins("tags"))
    assert given == []  # a plugin we do not know may read `page.meta` before we set it


def test_the_text_is_the_scans_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page's text comes from the scan: MkDocs' read of the file is not needed."""
    from mkdocs.structure.files import File

    from mkdocs_jekyll.jekyll.documents import ScanCache
    from mkdocs_jekyll.mkdocs.page_source import known_source

    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "a.md"
    page.write_bytes(b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\n\r\nBody\r\nmore\r\n")
    cache = ScanCache()
    cache.read(str(page), "a.md")
    file = File("a.md", str(docs), str(tmp_path / "site"), use_directory_urls=True)

    def refuse(self: Any) -> str:
        raise AssertionError("read again")

    monkeypatch.setattr(File, "content_string", property(refuse))
    assert known_source(file, cache) == "\nBody\nmore\n"


def test_the_scan_splits_the_front_matter_with_mkdocs_expression() -> None:
    from mkdocs.utils.meta import YAML_RE

    from mkdocs_jekyll.jekyll import frontmatter

    expression = frontmatter._MKDOCS_YAML_RE
    assert (expression.pattern, expression.flags) == (YAML_RE.pattern, YAML_RE.flags)


def test_an_edited_file_is_read_by_mkdocs(tmp_path: Path) -> None:
    from mkdocs.structure.files import File

    from mkdocs_jekyll.jekyll.documents import ScanCache
    from mkdocs_jekyll.mkdocs.page_source import known_source

    docs = tmp_path / "docs"
    docs.mkdir()
    page = docs / "a.md"
    page.write_text("---\ntitle: A\n---\n\nBody\n", encoding="utf-8")
    cache = ScanCache()
    cache.read(str(page), "a.md")
    file = File("a.md", str(docs), str(tmp_path / "site"), use_directory_urls=True)
    assert known_source(file, cache) == "\nBody\n"
    page.write_text("---\ntitle: A\n---\n\nBody, edited\n", encoding="utf-8")
    assert known_source(file, cache) is None
