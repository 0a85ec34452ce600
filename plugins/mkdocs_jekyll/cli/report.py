"""``mkdocs-jekyll report``: what of the Jekyll site this build could not carry over as is.

It builds the project into a temporary folder (``site/`` is never touched; ``strict`` is
off so the build goes to the end) and prints the build's compatibility findings
(``jekyll/findings.py``) grouped by category: translations, lenient Liquid, kramdown-only
syntax, root-relative links, permalink and redirect conflicts, layouts and includes the
package does not provide. ``mkdocs build`` prints their count in one line.
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import click

from mkdocs_jekyll.jekyll.findings import CATEGORIES, Finding


class _Kept(logging.Handler):
    """Keeps the build's errors; the console stays quiet while the report builds."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.errors.append(record.getMessage())


@contextmanager
def _quiet_build() -> Iterator[_Kept]:
    logger = logging.getLogger("mkdocs")
    kept = _Kept()
    saved = logger.handlers, logger.propagate
    logger.handlers, logger.propagate = [kept], False
    try:
        yield kept
    finally:
        logger.handlers, logger.propagate = saved


def collect_findings(config_file: Path) -> list[Finding]:
    """Build the project of ``config_file`` into a temporary folder; return its findings.

    Raises:
        click.ClickException: The build failed; the message holds its errors.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from mkdocs_jekyll.mkdocs.plugin import JekyllPlugin

    with tempfile.TemporaryDirectory(prefix="mkdocs-jekyll-report-") as tmp, _quiet_build() as kept:
        try:
            config = load_config(str(config_file), site_dir=str(Path(tmp, "site")), strict=False)
            plugins = [p for p in config.plugins.values() if isinstance(p, JekyllPlugin)]
            if not plugins:
                raise click.ClickException(
                    f"{config_file}: the 'jekyll' plugin is not in 'plugins'; add it to "
                    "report on the site."
                )
            build(config)
        except MkDocsException as err:
            # MkDocs logs the error, then aborts with a generic line: the error says more.
            lines = kept.errors or [str(err)]
            raise click.ClickException("the build failed:\n" + "\n".join(lines)) from err
    return plugins[0].findings


def format_findings(findings: list[Finding], config_file: Path) -> str:
    """The readable report: a heading per category, one line per finding."""
    if not findings:
        return f"{config_file}: no compatibility findings."
    noun = "finding" if len(findings) == 1 else "findings"
    lines = [f"{config_file}: {len(findings)} compatibility {noun}."]
    for category, heading in CATEGORIES.items():
        rows = [finding.format() for finding in findings if finding.category == category]
        if rows:
            lines.append("")
            lines.append(f"{heading}: {len(rows)}")
            lines.extend(f"  {row}" for row in rows)
    return "\n".join(lines)


@click.command(name="report")
@click.option(
    "-f",
    "--config-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default="mkdocs.yml",
    show_default=True,
    help="The project's MkDocs configuration.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def command(config_file: Path, as_json: bool) -> None:
    """List what of the Jekyll site the build could not carry over as is.

    Builds the project into a temporary folder (site/ is left alone) and prints, grouped:
    unpaired i18n_keys and missing translations, Liquid rendered leniently or not resolved,
    kramdown-only syntax, root-relative links written without relative_url, permalink and
    redirect conflicts, and the layouts and includes the package does not provide.
    Exits with 0 when the build ran (findings or not), 1 when it failed.
    """
    click.echo(f"Building '{config_file}' into a temporary folder ...", err=True)
    findings = collect_findings(config_file)
    if as_json:
        data = {
            "config_file": str(config_file),
            "count": len(findings),
            "categories": CATEGORIES,
            "findings": [asdict(finding) for finding in findings],
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(format_findings(findings, config_file))
