"""Theme rendering shortcuts write exactly what the plain path writes.

Given a three-locale site (a region locale among them, and a root page that asks for
another locale's language with ``lang``), when it is built with each per-page shortcut of
the theme rendering turned off and on, then every output file is byte for byte the same,
and the shortcut was used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from mkdocs_jekyll.mkdocs import plugin as core_plugin
from mkdocs_jekyll.mkdocs.template_filters import install_label_memo
from sitebuild import THREE_LOCALES, build_project, site_tree, write_files

FILES = {
    "docs/en/index.md": "---\ntitle: Home\n---\n# Home\n\nWelcome.\n\n## Part\n\nText.\n",
    "docs/en/guide.md": "---\ntitle: Guide\n---\n# Guide\n\n## One\n\n```python\nx = 1\n```\n",
    "docs/es-419/index.md": "---\ntitle: Inicio\n---\n# Inicio\n\nHola.\n",
    "docs/es-419/guia.md": "---\ntitle: Guía\n---\n# Guía\n\n## Uno\n\nTexto.\n",
    "docs/pt-br/index.md": "---\ntitle: Início\n---\n# Início\n\nOlá.\n",
    "docs/about.md": "---\ntitle: Acerca\nlang: es-419\n---\n# Acerca\n\nUna página raíz.\n",
}


def _build(root: Path) -> dict[str, bytes]:
    write_files(root, FILES)
    settings: dict[str, Any] = {
        "site_name": "Test site",
        "site_url": "https://example.com/",
        "theme": {"name": "material"},
        "plugins": [
            "search",
            # One process: the passes counted here run in this one.
            {"jekyll/i18n": {"languages": THREE_LOCALES, "parallel_workers": 1}},
            {"jekyll": {}},
        ],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return site_tree(build_project(root))


def test_labels_remembered_per_language_print_what_materials_macro_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Material's ``lang.t`` against ``jekyll_label_memo`` (our ``partials/language.html``)."""
    monkeypatch.setattr(core_plugin, "install_label_memo", lambda env: None)
    plain = _build(tmp_path / "plain")

    asked: list[tuple[str, str]] = []

    def counting(env: Any) -> None:
        install_label_memo(env)
        memo: Callable[[str, Callable[[str], str]], Callable[[str], str]]
        memo = env.globals["jekyll_label_memo"]

        def spy(language: str, translate: Callable[[str], str]) -> Callable[[str], str]:
            t = memo(language, translate)

            def counted(key: str) -> str:
                asked.append((language, key))
                return t(key)

            return counted

        env.globals["jekyll_label_memo"] = spy

    monkeypatch.setattr(core_plugin, "install_label_memo", counting)
    remembered = _build(tmp_path / "memo")

    assert remembered.keys() == plain.keys()
    assert [name for name in plain if plain[name] != remembered[name]] == []
    # Every pass's language, and the root page rendered in its own.
    assert {language for language, _ in asked} >= {"en", "es-419", "pt-br"}
    assert b'<html lang="es-419"' in remembered["about/index.html"]
