"""Compatibility findings: ``mkdocs build``'s one summary line and ``mkdocs-jekyll report``.

Given a three-locale site with one of each thing Jekyll's output may not survive as is
(untranslated and unpaired pages, lenient Liquid, a root-relative link, two pages on one
URL, two redirects from one URL, an unknown layout, includes of the site's own), the build
passes, says how many findings it has, and the report lists each under its category.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from mkdocs_jekyll.cli.main import cli
from mkdocs_jekyll.jekyll.findings import (
    KRAMDOWN,
    Finding,
    FindingsCollector,
    record_finding,
)
from mkdocs_jekyll.jekyll.root_links import root_relative_links
from sitebuild import THREE_LOCALES, build_project, write_files

FILES = {
    "docs/en/index.md": (
        "---\ni18n_key: home\n---\n# Home\n\nSee [impact](/en/impact/) and {{ 'x' | slugifyy }}.\n"
    ),
    "docs/en/impact.md": (
        "---\ni18n_key: impact\n---\n# Impact\n\n"
        "{% for p in site.pages | sort %}{% endfor %}\n"
        "{% include cta.html %}\n"
        "{% include figure %}\n"
    ),
    "docs/en/only.md": "---\ni18n_key: lonely\n---\n# Only English\n",
    "docs/en/a.md": "---\npermalink: /en/same/\n---\nA\n",
    "docs/en/b.md": "---\npermalink: /en/same/\n---\nB\n",
    "docs/en/c.md": "---\nredirect_from: /en/old/\n---\nC\n",
    "docs/en/d.md": "---\nredirect_from: /en/old/\n---\nD\n",
    "docs/en/fancy.md": "---\nlayout: fancy\n---\nFancy\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/es-419/impacto.md": "---\ni18n_key: impact\n---\n# Impacto\n",
    "docs/pt-br/index.md": "---\ni18n_key: home\n---\n# Início\n",
    "_includes/cta.html": '<p><a href="/en/subscribe/">Subscribe</a></p>\n',
    "_includes/figure": "<figure>the site's own</figure>\n",
}


def write_project(root: Path, files: dict[str, str] = FILES) -> Path:
    write_files(root, files)
    settings = {
        "site_name": "Findings",
        "site_url": "https://example.com/",
        "theme": {"name": "material"},
        "plugins": [{"jekyll/i18n": {"languages": THREE_LOCALES}}, {"jekyll": {}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return root / "mkdocs.yml"


SUMMARY = "mkdocs_jekyll: 11 compatibility findings; run `mkdocs-jekyll report` for the list"

REPORT = """\
{config}: 11 compatibility findings.

Translations: unpaired i18n_keys and missing translations: 2
  en/impact.md: no 'pt-br' translation of i18n_key 'impact'
  en/only.md: i18n_key 'lonely' is unpaired: only 'en' has it

Liquid rendered leniently or not resolved: 2
  en/impact.md:6: Liquid syntax Jekyll accepts but ignores part of: \
'{{% for p in site.pages | sort %}}'; write '{{% for p in site.pages %}}' instead
  en/index.md:6: unknown filter 'slugifyy'; did you mean 'slugify'?

Root-relative links written without relative_url (they break under a project path): 2
  _includes/cta.html:1: '/en/subscribe/' is written root-relative: served under a project \
path it leaves the site. Write {{{{ '/en/subscribe/' | relative_url }}}}.
  en/index.md:6: '/en/impact/' is written root-relative: served under a project path it \
leaves the site. Write {{{{ '/en/impact/' | relative_url }}}}.

Permalink and redirect conflicts: 2
  en/a.md: Conflict: 'en/same/index.html' is also the destination of 'en/b.md'; only \
'en/b.md' is written, as Jekyll writes the last of them ('The following destination is \
shared by multiple files'). Give one of them another permalink.
  en/c.md:2: redirect_from '/en/old/' is also a redirect of 'en/d.md'; only the stub of \
'en/d.md' is written, the one jekyll-redirect-from writes last. Keep it in one page's front \
matter only.

Layouts and includes the package does not provide: 3
  _includes/cta.html: the package has no include of this name: the site's own is used
  _includes/figure: the site's own include replaces the package's 'figure', which is made \
for Material; remove it to use the package's
  en/fancy.md: unknown layout 'fancy'; the page is rendered with the 'single' layout. Use a \
Minimal Mistakes layout (single, splash, archive, ...) or add 'overrides/layouts/fancy.html'.
"""

FINDINGS_LOG = "mkdocs.plugins.mkdocs_jekyll.mkdocs.findings"


def _stdout(output: str) -> str:
    """The command's output without its progress line (on stderr; click 8.1 mixes them)."""
    return "".join(
        line for line in output.splitlines(keepends=True) if not line.startswith("Building '")
    )


def test_the_build_prints_one_summary_line_with_the_count(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_project(tmp_path)
    with caplog.at_level(logging.INFO):
        build_project(tmp_path)
    assert [r.getMessage() for r in caplog.records if r.name == FINDINGS_LOG] == [SUMMARY]


def test_report_lists_each_category_and_leaves_site_alone(tmp_path: Path) -> None:
    config = write_project(tmp_path)
    done = CliRunner().invoke(cli, ["report", "-f", str(config)])
    assert done.exit_code == 0, done.output
    assert _stdout(done.output) == REPORT.format(config=config)
    assert not (tmp_path / "site").exists()


def test_report_as_json(tmp_path: Path) -> None:
    config = write_project(tmp_path)
    done = CliRunner().invoke(cli, ["report", "--json", "-f", str(config)])
    assert done.exit_code == 0, done.output
    data = json.loads(_stdout(done.output))
    assert data["count"] == 11
    assert list(data["categories"]) == [
        "i18n",
        "liquid",
        "kramdown",
        "links",
        "conflicts",
        "theme",
    ]
    assert data["findings"][5] == {
        "category": "links",
        "path": "en/index.md",
        "line": 6,
        "message": "'/en/impact/' is written root-relative: served under a project path it "
        "leaves the site. Write {{ '/en/impact/' | relative_url }}.",
    }
    assert [f["category"] for f in data["findings"]] == [
        "i18n",
        "i18n",
        "liquid",
        "liquid",
        "links",
        "links",
        "conflicts",
        "conflicts",
        "theme",
        "theme",
        "theme",
    ]


@pytest.mark.parametrize("workers", [1, 2], ids=["one-pass-after-another", "forked-passes"])
def test_forked_passes_find_the_scans_findings_while_waiting_and_report_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    # With workers, the lane done first finds the translation and link findings while the
    # other builds (``BuildEnd.prepare``: the parent before it waits, or a worker done before
    # the parent's passes), not at the end; without, the build finds them once its passes
    # are done, before its files are kept for a replay (``BuildEnd.end_passes``, which keeps
    # them too: ``replay_scan_work``). The report is the same either way.
    from mkdocs_jekyll.mkdocs import build_end, findings

    calls = tmp_path / "found-at"  # One line per call, in whichever process made it.

    def finder(where: str, original: Any) -> Any:
        def find(state: Any) -> Any:
            with calls.open("a", encoding="utf-8") as handle:
                handle.write(f"{where}\n")
            return original(state)

        return find

    monkeypatch.setattr(build_end, "scan_findings", finder("wait", build_end.scan_findings))
    monkeypatch.setattr(findings, "scan_findings", finder("end", findings.scan_findings))
    config = write_project(tmp_path)
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["plugins"][0]["jekyll/i18n"]["parallel_workers"] = workers
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    done = CliRunner().invoke(cli, ["report", "-f", str(config)])
    assert done.exit_code == 0, done.output
    assert _stdout(done.output) == REPORT.format(config=config)
    found_at = calls.read_text("utf-8").splitlines()
    # (Both lanes may find them, when they end together: the parent uses its own.)
    assert found_at == ["wait"] if workers == 1 else set(found_at) == {"wait"}


def test_a_replayed_build_takes_the_kept_scans_findings_and_reports_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a site reported once (its build kept for replay, with the translation and link
    # findings it found), when it is reported again unchanged, then the build replays the
    # kept one, takes those findings kept with it instead of finding them again
    # (``replay_scan_work``), and the report is the same.
    from mkdocs_jekyll.mkdocs import build_end, findings, site_replay

    found_at: list[str] = []
    replayed: list[bool] = []

    def finder(where: str, original: Any) -> Any:
        def find(state: Any) -> Any:
            found_at.append(where)
            return original(state)

        return find

    finish = site_replay.SiteReplay.finish

    def spy_finish(self: Any, site_dir: str) -> None:
        replayed.append(True)
        finish(self, site_dir)

    monkeypatch.setattr(build_end, "scan_findings", finder("wait", build_end.scan_findings))
    monkeypatch.setattr(findings, "scan_findings", finder("end", findings.scan_findings))
    monkeypatch.setattr(site_replay.SiteReplay, "finish", spy_finish)
    config = write_project(tmp_path)
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["plugins"][0]["jekyll/i18n"]["parallel_workers"] = 1
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    first = CliRunner().invoke(cli, ["report", "-f", str(config)])
    assert (first.exit_code, replayed, found_at) == (0, [], ["wait"]), first.output
    found_at.clear()
    again = CliRunner().invoke(cli, ["report", "-f", str(config)])
    assert (again.exit_code, replayed, found_at) == (0, [True], []), again.output
    assert _stdout(again.output) == _stdout(first.output) == REPORT.format(config=config)


def test_a_site_without_findings_has_no_summary_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    files = {
        "docs/en/index.md": "---\ni18n_key: home\n---\n[Impact]({{ '/en/x/' | relative_url }})\n",
        "docs/en/x.md": "---\ntitle: X\n---\nX\n",  # the link's target: a missing one warns
        "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
        "docs/pt-br/index.md": "---\ni18n_key: home\n---\n# Início\n",
    }
    config = write_project(tmp_path, files)
    with caplog.at_level(logging.INFO):
        build_project(tmp_path, strict=True)
    assert [r.getMessage() for r in caplog.records if r.name == FINDINGS_LOG] == []
    done = CliRunner().invoke(cli, ["report", "-f", str(config)])
    assert done.exit_code == 0
    assert _stdout(done.output) == f"{config}: no compatibility findings.\n"


def test_lax_liquid_without_a_warning_is_still_a_finding(tmp_path: Path) -> None:
    # liquid_error_mode: lax renders Ruby's lenient reading quietly, as Jekyll's `lax` does:
    # a strict build passes, and the report still lists it.
    write_files(tmp_path, {"docs/index.md": "{% for p in site.pages | sort %}{% endfor %}\n"})
    settings = {
        "site_name": "Lax",
        "theme": {"name": "material"},
        "plugins": [{"jekyll": {"liquid_error_mode": "lax"}}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    build_project(tmp_path, strict=True)
    config = tmp_path / "mkdocs.yml"
    done = CliRunner().invoke(cli, ["report", "-f", str(config)])
    assert _stdout(done.output).startswith(f"{config}: 1 compatibility finding.\n")
    done = CliRunner().invoke(cli, ["report", "--json", "-f", str(config)])
    assert json.loads(_stdout(done.output))["findings"] == [
        {
            "category": "liquid",
            "path": "index.md",
            "line": 1,
            "message": "Liquid syntax Jekyll accepts but ignores part of: "
            "'{% for p in site.pages | sort %}'; write '{% for p in site.pages %}' instead",
        }
    ]


def test_a_failing_build_fails_the_report_with_its_error(tmp_path: Path) -> None:
    config = write_project(tmp_path, {"docs/index.md": "{% if %}\n"})
    done = CliRunner().invoke(cli, ["report", "-f", str(config)])
    assert done.exit_code == 1
    assert _stdout(done.output) == (
        "Error: the build failed:\nindex.md:1:4: missing expression in 'if' tag\n"
    )
    assert not (tmp_path / "site").exists()


def test_a_project_without_the_jekyll_plugin_is_refused(tmp_path: Path) -> None:
    write_files(tmp_path, {"docs/index.md": "# Hi\n"})
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Plain\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["report", "-f", str(config)])
    assert done.exit_code == 1
    assert _stdout(done.output) == (
        f"Error: {config}: the 'jekyll' plugin is not in 'plugins'; add it to report on the site.\n"
    )


def test_any_room_records_a_finding_for_the_collecting_build() -> None:
    # The kramdown room's call: record_finding(KRAMDOWN, src_path, message, line=...).
    record_finding(KRAMDOWN, "lost.md", "nobody collects this")
    collector = FindingsCollector()
    collector.attach()
    try:
        record_finding(KRAMDOWN, "en/a.md", "'{::comment}' has no rendering", line=4)
        record_finding(KRAMDOWN, "en/a.md", "'{::comment}' has no rendering", line=4)
    finally:
        collector.detach()
    record_finding(KRAMDOWN, "late.md", "after the build")
    assert collector.findings == [Finding(KRAMDOWN, "en/a.md", 4, "'{::comment}' has no rendering")]
    assert collector.findings[0].format() == "en/a.md:4: '{::comment}' has no rendering"
    with pytest.raises(ValueError, match="unknown finding category 'kramdwon'"):
        record_finding("kramdwon", "en/a.md", "typo")


@dataclass(frozen=True)
class Case:
    description: str
    body: str
    expected: list[tuple[int, str]]


CASES = [
    Case("a Markdown link", "[a](/x/)", [(1, "/x/")]),
    Case("an image and a title", '![i](/i.png "t")', [(1, "/i.png")]),
    Case("a reference definition", "[r]: /ref/", [(1, "/ref/")]),
    Case("HTML attributes", "<a href=\"/h/\"><img src='/s.png'></a>", [(1, "/h/"), (1, "/s.png")]),
    Case("relative_url is fine", "[a]({{ '/x/' | relative_url }})", []),
    Case("site.baseurl is fine", '<a href="{{ site.baseurl }}/x/">', []),
    Case("relative and external links", "[a](x/) [b](https://e.com/) [c](//cdn.e.com/x)", []),
    Case("the second line", "text\n[a](/x/)", [(2, "/x/")]),
    Case("inline code", "`[a](/x/)` [b](/y/)", [(1, "/y/")]),
    Case("a fenced block", "```\n[a](/x/)\n```\n[b](/y/)", [(4, "/y/")]),
    Case("raw", "{% raw %}[a](/x/){% endraw %} [b](/y/)", [(1, "/y/")]),
    Case(
        "highlight",
        '{% highlight html %}\n<a href="/x/">\n{% endhighlight %}\n[b](/y/)',
        [(4, "/y/")],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.description for case in CASES])
def test_root_relative_links(case: Case) -> None:
    assert root_relative_links(case.body) == case.expected


EXTENSION = '''
"""A stand-in for a kramdown extension that meets syntax it cannot render."""
from markdown import Extension
from markdown.preprocessors import Preprocessor

from mkdocs_jekyll.jekyll.findings import KRAMDOWN, record_finding


class _Find(Preprocessor):
    def run(self, lines):
        for number, line in enumerate(lines, start=1):
            if "{::options" in line:
                record_finding(KRAMDOWN, None, "'{::options}' has no rendering", line=number)
        return lines


class FindExtension(Extension):
    def extendMarkdown(self, md):
        # Before the kramdown room's own preprocessors, which apply {::options /} lines.
        md.preprocessors.register(_Find(md), "find_kramdown", 35)


def makeExtension(**kwargs):
    return FindExtension(**kwargs)
'''


@pytest.mark.parametrize("workers", [1, 2], ids=["one-pass-after-another", "forked-passes"])
def test_a_markdown_extension_records_findings_on_the_page_it_converts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    # The kramdown room's Markdown extensions do not know their page: they pass None, and
    # the finding names the page being converted, in every locale's pass (forked or not).
    # (The stand-in counts lines of the Markdown it is given, front matter removed.)
    (tmp_path / "ext").mkdir()
    (tmp_path / "ext" / "find_kramdown.py").write_text(EXTENSION, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "ext"))
    files = {
        "docs/en/index.md": "---\ni18n_key: home\n---\n# Home\n",
        "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
        "docs/pt-br/index.md": (
            '---\ni18n_key: home\n---\n# Início\n\n{::options parse_block_html="true" /}\n'
        ),
        "docs/en/a.md": 'A\n\n{::options auto_ids="false" /}\n',
    }
    config = write_project(tmp_path, files)
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["markdown_extensions"] = ["find_kramdown"]
    settings["plugins"][0]["jekyll/i18n"]["parallel_workers"] = workers
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    done = CliRunner().invoke(cli, ["report", "--json", "-f", str(config)])
    assert done.exit_code == 0, done.output
    assert json.loads(_stdout(done.output))["findings"] == [
        {
            "category": "kramdown",
            "path": "en/a.md",
            "line": 3,
            "message": "'{::options}' has no rendering",
        },
        {
            "category": "kramdown",
            "path": "pt-br/index.md",
            "line": 3,
            "message": "'{::options}' has no rendering",
        },
    ]
