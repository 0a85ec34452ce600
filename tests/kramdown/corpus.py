"""The kramdown corpus: Markdown inputs, the HTML real kramdown gives for them, and ours.

Each case is ``corpus/<name>.md`` with the HTML Jekyll 4.3's kramdown (GFM input, Rouge)
produced for it in ``corpus/<name>.html``, and optionally ``corpus/<name>.yml``: the site's
``kramdown:`` block for that case (Jekyll's defaults otherwise). ``regenerate.py`` rewrites
the HTML files from the installed kramdown; the tests check they are still current.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import markdown
import yaml

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
ORACLE = HERE / "oracle.rb"


@dataclass(frozen=True)
class Case:
    name: str
    markdown: str
    kramdown: Mapping[str, Any]

    @property
    def expected_path(self) -> Path:
        return CORPUS / f"{self.name}.html"

    @property
    def expected(self) -> str:
        return self.expected_path.read_text(encoding="utf-8")


def cases() -> list[Case]:
    found = []
    for source in sorted(CORPUS.glob("*.md")):
        settings = source.with_suffix(".yml")
        block = yaml.safe_load(settings.read_text(encoding="utf-8")) if settings.exists() else {}
        found.append(Case(source.stem, source.read_text(encoding="utf-8"), block or {}))
    return found


def kramdown_html(items: list[Case]) -> list[str]:
    """What Jekyll's kramdown converter gives for each case (one Ruby process for all)."""
    payload = json.dumps([{"markdown": c.markdown, "kramdown": dict(c.kramdown)} for c in items])
    env = {**os.environ, "JEKYLL_NO_BUNDLER_REQUIRE": "true"}
    done = subprocess.run(
        ["ruby", str(ORACLE)], input=payload, capture_output=True, text=True, env=env, check=True
    )
    result: list[str] = json.loads(done.stdout)
    return result


def our_html(case: Case) -> str:
    """What our build's Markdown gives: MkDocs' configuration after our plugin's ``on_config``
    changes, with the case's ``kramdown:`` block as the plugin's ``markdown_kramdown``."""
    extensions, configs = _markdown_setup(json.dumps(dict(case.kramdown), sort_keys=True))
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    return md.convert(case.markdown)


@cache
def _markdown_setup(kramdown: str) -> tuple[list[Any], dict[str, Any]]:
    from mkdocs.config import load_config

    from mkdocs_jekyll.mkdocs.configure import configure_site

    block = json.loads(kramdown)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "docs").mkdir()
        plugin: dict[str, Any] = {"markdown_kramdown": block} if block else {}
        config_file = root / "mkdocs.yml"
        config_file.write_text(
            yaml.safe_dump(
                {
                    "site_name": "Corpus",
                    "theme": {"name": "material"},
                    "plugins": [{"jekyll": plugin}],
                }
            ),
            encoding="utf-8",
        )
        config = load_config(config_file=str(config_file))
        configure_site(config, config.plugins["jekyll"].config)
        return list(config.markdown_extensions), dict(config.mdx_configs)
