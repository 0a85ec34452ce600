"""Built pages let go of their Markdown and HTML: the output is the same as when they keep it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mkdocs_jekyll.mkdocs import page_release
from mkdocs_jekyll.mkdocs.parallel import can_fork
from sitebuild import THREE_LOCALES, make_site_builder, site_tree

# Titles from the front matter, the first heading, the file name and "Home": each page's
# title shows in the navigation of the pages built after it.
FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Welcome\n[a](a.md) [b](b.md#part)\n",
    "docs/en/a.md": "---\ntitle: From front matter\n---\nText {{ site.pages | size }}\n",
    "docs/en/b.md": "# From heading\n## Part\n[a](a.md)\n",
    "docs/en/c-file.md": "no heading, a title from the file name\n",
    "docs/en/_posts/2024-01-02-hello.md": "---\ntitle: Hello\n---\nHi\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/b.md": "# Desde el título\n[CV](../en/b.md)\n",
    "docs/pt-br/index.md": "# Início\n",
    "docs/pt-br/d.md": "---\ntitle: Sobre\n---\n## Seção\n",
    "docs/404.md": "---\ntitle: Lost\n---\n# Lost\n",
}


def _plugins(workers: int) -> list[Any]:
    return [
        "search",
        {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": workers}},
        {"jekyll": {}},
    ]


def _build(folder: Path, workers: int) -> dict[str, bytes]:
    folder.mkdir()
    return site_tree(make_site_builder(folder)(files=FILES, plugins=_plugins(workers), strict=True))


@pytest.mark.parametrize("workers", [1, 2])
def test_released_pages_give_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    if workers > 1 and not can_fork():
        pytest.skip("parallel passes fork worker processes")
    released: list[str] = []
    real = page_release.release

    def spy(page: Any) -> None:
        released.append(page.file.src_uri)
        real(page)

    monkeypatch.setattr(page_release, "release", spy)
    on = _build(tmp_path / "on", workers)
    # The first pass's pages at least (the others may be in workers).
    assert {"en/index.md", "en/b.md", "en/c-file.md"} <= set(released)
    monkeypatch.setattr(page_release, "may_release", lambda config, *, serving: False)
    released.clear()
    off = _build(tmp_path / "off", workers)
    assert released == []
    assert sorted(on) == sorted(off)
    assert [path for path in on if on[path] != off[path]] == []
    assert b"From heading" in on["en/c-file/index.html"]
    assert b"C file" in on["en/b/index.html"]


def test_other_plugins_or_serve_keep_the_pages_text() -> None:
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "plugins": ["search"]})
    config.validate()
    assert page_release.may_release(config, serving=False)
    assert not page_release.may_release(config, serving=True)
    config.load_dict({"site_name": "x", "plugins": ["search", "tags"]})
    config.validate()
    assert not page_release.may_release(config, serving=False)
