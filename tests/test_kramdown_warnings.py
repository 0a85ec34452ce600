"""Kramdown syntax and settings the pipeline cannot render as kramdown does: one warning
naming the file (``--strict`` fails on it), through ``kramdown/report.py: unsupported``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from mkdocs.exceptions import Abort

from mkdocs_jekyll.cli.main import cli
from sitebuild import BuildSite, strict_abort, warning_lines, write_files


@dataclass(frozen=True)
class Case:
    description: str
    kramdown: dict[str, Any]
    page: str
    warning: str


CASES = (
    Case(
        "another syntax highlighter",
        {"syntax_highlighter": "coderay"},
        "```ruby\nputs 1\n```\n",
        "mkdocs_jekyll: mkdocs.yml: markdown_kramdown.syntax_highlighter 'coderay' is not "
        "supported; code gets Rouge's markup (set it to rouge, or nil for plain <pre><code>)",
    ),
    Case(
        "a Rouge formatter option",
        {"syntax_highlighter_opts": {"block": {"formatter": "HTMLInline"}}},
        "```ruby\nputs 1\n```\n",
        "mkdocs_jekyll: mkdocs.yml: markdown_kramdown.syntax_highlighter_opts.block.formatter "
        "is not supported; Rouge's default markup is written",
    ),
    Case(
        "a heading transliteration beyond Latin letters",
        {"input": "kramdown", "transliterated_header_ids": True},
        "---\ntitle: T\n---\n# Café\n\n## Ελλάδα\n",
        "mkdocs_jekyll: index.md: transliterated_header_ids for 'Ελάδα' (heading 'Ελλάδα') is "
        "not supported; kramdown may spell this heading's id differently: give it an "
        "explicit {#id}",
    ),
)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_the_build_warns_and_strict_fails(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, case: Case
) -> None:
    plugins = [{"jekyll": {"markdown_kramdown": case.kramdown}}]
    build_site(files={"docs/index.md": case.page}, plugins=plugins)
    assert warning_lines(caplog) == [case.warning]
    caplog.clear()
    with pytest.raises(Abort, match=strict_abort(1)):
        build_site(files={"docs/index.md": case.page}, plugins=plugins, strict=True)
    assert warning_lines(caplog) == [case.warning]


def test_the_report_lists_them_as_kramdown_findings(tmp_path: Path) -> None:
    write_files(tmp_path, {"docs/index.md": CASES[2].page})
    config = tmp_path / "mkdocs.yml"
    kramdown = {**CASES[2].kramdown, "syntax_highlighter": "coderay"}
    config.write_text(
        yaml.safe_dump(
            {
                "site_name": "Test site",
                "theme": {"name": "material"},
                "plugins": [{"jekyll": {"markdown_kramdown": kramdown}}],
            }
        ),
        encoding="utf-8",
    )
    done = CliRunner().invoke(cli, ["report", "--json", "-f", str(config)])
    assert done.exit_code == 0, done.output
    findings = json.loads(done.output[done.output.index("{") :])["findings"]
    prefix = "mkdocs_jekyll: "
    assert [
        (f["category"], f["path"], f["line"], f"{f['path']}: {f['message']}") for f in findings
    ] == [
        ("kramdown", "index.md", None, CASES[2].warning.removeprefix(prefix)),
        ("kramdown", "mkdocs.yml", None, CASES[0].warning.removeprefix(prefix)),
    ]
