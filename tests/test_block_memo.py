"""Material's page-independent blocks of base.html are rendered once per pass: same site.

Each site is built with the memo (``mkdocs/block_memo.py``) and without it, and every file
must be equal byte for byte; a spy records which blocks had a key (were memoised) and which
rendered as Material does (a setting the key does not cover, or a site's override).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from mkdocs_jekyll.mkdocs import block_memo
from mkdocs_jekyll.mkdocs import plugin as plugin_module
from sitebuild import THREE_LOCALES, build_tree

# Pages at several depths, in three locales, a translated pair, titles with HTML's special
# characters, and a post.
FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Welcome\n",
    "docs/en/a.md": '---\ntitle: A & B <i>"q"</i>\ni18n_key: a\n---\n## Part\n',
    "docs/en/guide/deep/c.md": "# C <&>\ntext\n",
    "docs/en/_posts/2024-01-02-hello.md": "---\ntitle: Hello 'you'\n---\nHi\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/a.md": "---\ni18n_key: a\n---\n# A es\n",
    "docs/pt-br/index.md": "# Início\n",
    "docs/pt-br/h/i.md": "# H fora\n",
    "docs/assets/extra.js": "var x = 1;\n",
}


def _materials_base_is_known() -> bool:
    """Whether the installed Material's base.html is one the memo knows (else it is off)."""
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "theme": {"name": "material"}})
    assert not config.validate()[0]
    env = config.theme.get_env()
    source, _, _ = env.loader.get_source(env, block_memo.BASE)
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    return digest in block_memo.KNOWN_SOURCES[block_memo.BASE]


KNOWN = _materials_base_is_known()
"""(Another Material, as .ci/lowest's, renders every block: the sites must still match.)"""

ALL = frozenset(block_memo._BLOCKS) if KNOWN else frozenset()


def _plugins(workers: int, look: str = "material") -> list[Any]:
    return [
        "search",
        {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": workers}},
        {"jekyll": {"permalink": "pretty", "look": look}},
    ]


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Record, for each render of a memoised block, whether it had a key."""
    keys: list[tuple[str, bool]] = []
    for block, (real, partials) in list(block_memo._BLOCKS.items()):

        def spy(context: Any, real: Any = real, block: str = block) -> Any:
            key = real(context)
            keys.append((block, key is not None))
            return key

        monkeypatch.setitem(block_memo._BLOCKS, block, (spy, partials))
    return keys


@dataclass(frozen=True)
class Case:
    """A site's settings, and the blocks that must render each time (no key) on it."""

    description: str
    theme: dict[str, Any] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    rendered: frozenset[str] = frozenset()
    look: str = "material"
    workers: int = 1


CASES = [
    Case("plain"),
    Case(
        "palette-fonts-language-features",
        theme={
            "palette": {"scheme": "slate", "primary": "teal"},
            "font": {"text": "Inter", "code": "Fira Code"},
            "language": "fr",
            "features": ["navigation.tabs", "search.share", "content.code.copy"],
        },
        config={"copyright": 'Copyright &copy; 2024 <a href="/x">"Me"</a>'},
    ),
    Case("no-fonts-no-generator", theme={"font": False}, config={"extra": {"generator": False}}),
    Case(
        "footer-links-and-admonition-icons",
        theme={
            "features": ["navigation.footer"],
            "icon": {"admonition": {"note": "octicons/tag-16"}},
        },
        rendered=frozenset({"footer", "styles"}),
    ),
    Case(
        "extras-the-keys-do-not-cover",
        config={
            "extra_javascript": ["assets/extra.js"],
            "extra": {
                "analytics": {"provider": "google", "property": "G-XXXX"},
                "social": [{"icon": "fontawesome/brands/github", "link": "https://x.org"}],
                "polyfills": ["https://polyfill.example/p.js"],
                "annotate": {"json": [".s2"]},
            },
        },
        rendered=frozenset({"scripts", "analytics", "footer", "libs", "config"}),
    ),
    Case("minimal-mistakes", look="minimal-mistakes"),
    Case("workers", theme={"palette": {"primary": "red"}}, workers=2),
]


@pytest.mark.parametrize("case", CASES, ids=[case.description for case in CASES])
def test_the_shared_blocks_give_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: Case
) -> None:
    keys = _spy(monkeypatch)
    theme = {"name": "material", **case.theme}
    config = {"plugins": _plugins(case.workers, case.look), "theme": theme, **case.config}
    on = build_tree(tmp_path / "on", FILES, **config)
    if case.workers == 1:  # (a worker's spies are in its own process)
        keyed = {block for block, found in keys if found}
        unkeyed = {block for block, found in keys if not found}
        assert unkeyed == (case.rendered if KNOWN else set())
        # The Minimal Mistakes look prints its own footer, not Material's.
        assert keyed == ALL - case.rendered - ({"footer"} if case.look != "material" else set())
    monkeypatch.setattr(plugin_module, "install_block_memo", lambda env: [])
    keys.clear()
    off = build_tree(tmp_path / "off", FILES, **config)
    assert keys == []
    assert on == off


def test_a_site_overriding_a_partial_renders_its_block_as_material_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = _spy(monkeypatch)
    files = {
        **FILES,
        "overrides/partials/copyright.html": "<small>{{ page.title }}</small>",
        "overrides/partials/icons.html": "<style>/* {{ page.title }} */</style>",
    }
    theme = {"name": "material", "custom_dir": "overrides"}
    tree = build_tree(tmp_path / "site", files, plugins=_plugins(1), theme=theme)
    assert {block for block, _ in keys} == ALL - {"footer", "styles"}
    page = tree["en/guide/deep/c/index.html"]
    assert b"<small>C &lt;&amp;&gt;</small>" in page
    assert b"<style>/* C &lt;&amp;&gt; */</style>" in page
    assert b"<small>H fora</small>" in tree["pt-br/h/i/index.html"]


def test_a_site_overriding_base_html_renders_every_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = _spy(monkeypatch)
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "theme": {"name": "material"}})
    assert not config.validate()[0]
    env = config.theme.get_env()
    source, _, _ = env.loader.get_source(env, "base.html")  # Material's, as it is
    files = {**FILES, "overrides/base.html": source.replace("<body", "<body data-x")}
    theme = {"name": "material", "custom_dir": "overrides"}
    tree = build_tree(tmp_path / "site", files, plugins=_plugins(1), theme=theme)
    assert keys == []
    assert b"<body data-x" in tree["en/guide/deep/c/index.html"]


def test_only_known_versions_of_materials_files_are_memoised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "theme": {"name": "material"}})
    assert not config.validate()[0]

    if not KNOWN:
        assert block_memo.install_block_memo(config.theme.get_env()) == []
        return
    assert block_memo.install_block_memo(config.theme.get_env()) == list(block_memo._BLOCKS)
    monkeypatch.setitem(block_memo.KNOWN_SOURCES, block_memo.FOOTER, frozenset())
    expected = [block for block in block_memo._BLOCKS if block != "footer"]
    assert block_memo.install_block_memo(config.theme.get_env()) == expected
    monkeypatch.setitem(block_memo.KNOWN_SOURCES, block_memo.BASE, frozenset())
    assert block_memo.install_block_memo(config.theme.get_env()) == []
