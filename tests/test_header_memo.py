"""Material's header is rendered once per pass around each page's title and language selector:
same site.

Each site is built with the memo (``mkdocs/header_memo.py``) and without it, and every file
must be equal byte for byte; a spy checks the memo was used (or, where a site overrides what
it relies on, not used).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mkdocs_jekyll.mkdocs import header_memo
from mkdocs_jekyll.mkdocs import plugin as plugin_module
from sitebuild import THREE_LOCALES, assert_same_tree, build_tree

# Pages at several depths, in three locales, titled by front matter or heading, a translated
# pair (a selector linking translations), a post, and a title with markup characters.
FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Welcome\n",
    "docs/en/a.md": "---\ntitle: A & <B>\ni18n_key: a\n---\n## Part\n",
    "docs/en/guide/deep/c.md": "# C\ntext\n",
    "docs/en/_posts/2024-01-02-hello.md": "---\ntitle: Hello\n---\nHi\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/a.md": "---\ni18n_key: a\n---\n# A es\n",
    "docs/pt-br/index.md": "# Início\n",
    "docs/pt-br/h/i.md": "# H fora\n",
    "docs/assets/logo.png": "png",
}


def _plugins(workers: int = 1, look: str = "material", search: bool = True) -> list[Any]:
    return [
        {"search": {"enabled": search}},
        {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": workers}},
        {"jekyll": {"permalink": "pretty", "look": look}},
    ]


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record, for each header rendered with the memo installed, whether it had a key."""
    keys: list[bool] = []
    real = header_memo.header_key

    def spy(context: Any) -> Any:
        key = real(context)
        keys.append(key is not None)
        return key

    monkeypatch.setattr(header_memo, "header_key", spy)
    return keys


THEMES: dict[str, dict[str, Any]] = {
    "plain": {"name": "material"},
    "logo-features-icons": {
        "name": "material",
        "logo": "assets/logo.png",
        "features": ["search.share", "navigation.tabs"],
        "icon": {"menu": "material/menu-open", "search": "material/magnify-expand"},
    },
    "language-palette-map": {
        "name": "material",
        "language": "fr",
        "palette": {"primary": "teal"},
        "icon": {"logo": "material/cloud", "repo": "fontawesome/brands/github"},
    },
    "palette-list": {
        "name": "material",
        "palette": [
            {"scheme": "default", "toggle": {"icon": "material/brightness-7", "name": "Dark"}},
            {"scheme": "slate", "toggle": {"icon": "material/brightness-4", "name": "Light"}},
        ],
    },
    "sticky-tabs": {
        "name": "material",
        "features": ["navigation.tabs", "navigation.tabs.sticky"],
    },
}

SITES: dict[str, dict[str, Any]] = {
    "plain": {},
    "repo-home": {
        "repo_url": "https://example.com/r",
        "repo_name": "r & co",
        "extra": {"homepage": "https://example.com/home/"},
    },
    "no-site-name": {"site_name": ""},
}


@pytest.mark.parametrize(
    ("theme", "site", "look", "workers", "search", "keyed"),
    [
        ("plain", "plain", "material", 1, True, True),
        ("logo-features-icons", "repo-home", "material", 1, True, True),
        ("language-palette-map", "repo-home", "material", 1, True, True),
        ("plain", "no-site-name", "material", 1, False, True),
        ("palette-list", "plain", "material", 1, True, False),
        ("sticky-tabs", "plain", "material", 1, True, False),
        ("logo-features-icons", "plain", "minimal-mistakes", 1, True, None),
        ("logo-features-icons", "repo-home", "material", 2, True, None),
    ],
    ids=[
        "plain",
        "logo-features-icons-repo",
        "language-palette-map",
        "no-search-empty-name",
        "palette-list",
        "sticky-tabs",
        "minimal-mistakes",
        "workers",
    ],
)
def test_the_shared_header_gives_the_same_site(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    theme: str,
    site: str,
    look: str,
    workers: int,
    search: bool,
    keyed: bool | None,
) -> None:
    keys = _spy(monkeypatch)
    config = {"plugins": _plugins(workers, look, search), "theme": THEMES[theme], **SITES[site]}
    on = build_tree(tmp_path / "on", FILES, **config)
    if keyed is not None:  # (a worker's spies are in its own process; M.M. has its own header)
        assert keys and all(found is keyed for found in keys)
    monkeypatch.setattr(plugin_module, "install_header_memo", lambda env: False)
    keys.clear()
    off = build_tree(tmp_path / "off", FILES, **config)
    assert keys == []
    assert_same_tree(on, off)
    if look == "material":  # (the title printed by the page's own part)
        page = on["en/a/index.html"].decode()
        assert "A &amp; &lt;B&gt;" in page.split('data-md-component="header-topic"')[1][:200]


def test_a_site_overriding_the_selector_renders_the_header_as_material_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = _spy(monkeypatch)
    files = {**FILES, "overrides/partials/alternate.html": "<i>{{ class }} {{ page.title }}</i>"}
    theme = {"name": "material", "custom_dir": "overrides"}
    tree = build_tree(tmp_path / "site", files, plugins=_plugins(), theme=theme)
    assert keys == []
    # The header's `class`, which the selector reads here, on every page.
    assert b"<i>md-header md-header--shadow C</i>" in tree["en/guide/deep/c/index.html"]
    assert b"<i>md-header md-header--shadow H fora</i>" in tree["pt-br/h/i/index.html"]


def test_only_known_versions_of_materials_header_are_memoised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "theme": {"name": "material"}})
    assert not config.validate()[0]
    templates = Path(plugin_module.__file__).resolve().parent.parent / "templates"

    def env(**settings: Any) -> Any:
        env = config.theme.get_env()
        env.loader.searchpath.insert(0, str(templates))
        for name, value in settings.items():
            setattr(env, name, value)
        return env

    assert header_memo.install_header_memo(env())
    # What serve's warm-up compiles for it: the five pieces, none where it does not apply.
    from mkdocs_jekyll.mkdocs.jinja_cache import SharedBytecodeCache

    buckets = header_memo.compile_header_pieces(env(), SharedBytecodeCache())
    assert len(buckets) == 5 and all(bucket.code is not None for bucket in buckets)
    assert header_memo.compile_header_pieces(env(trim_blocks=True), SharedBytecodeCache()) == []
    # Another syntax reads the cut otherwise (a block's line break, its indent).
    assert not header_memo.install_header_memo(env(trim_blocks=True))
    assert not header_memo.install_header_memo(env(lstrip_blocks=True))
    for name in (header_memo.HEADER, header_memo.SOURCE):
        with monkeypatch.context() as patch:
            patch.setitem(header_memo.KNOWN_SOURCES, name, frozenset())
            assert not header_memo.install_header_memo(env())


def test_the_cut_pieces_are_the_header_in_order() -> None:
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "theme": {"name": "material"}})
    assert not config.validate()[0]
    env = config.theme.get_env()
    header, _, _ = env.loader.get_source(env, header_memo.HEADER)
    pieces = header_memo._cut(header)
    assert pieces is not None
    assert "".join(piece for piece, _ in pieces) == header
    assert [piece for piece, _ in pieces][1::2] == [header_memo.TITLE, header_memo.SELECTOR]
    for piece, line in pieces:
        assert header.splitlines()[line - 1].endswith(piece.splitlines()[0])
    assert header_memo._cut(header.replace(header_memo.TITLE, "")) is None
