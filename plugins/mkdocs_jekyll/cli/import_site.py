"""``mkdocs-jekyll import JEKYLL_SRC DEST``: the click command around ``importer.run``.

Planning takes about a second per 3,000 files; writing them is disk-bound (18 s for 3,000
pages on a busy machine), so a terminal shows click's progress bar on stderr while files
are written. Output that is not a terminal gets the summary alone.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click

from mkdocs_jekyll.cli.importer.run import ImportRefused, run_import
from mkdocs_jekyll.jekyll.errors import ContentError


def _bar(items: Sequence[Any], label: str) -> Iterator[Any]:
    """click's progress bar over ``items`` on stderr, when it is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, label=label, file=sys.stderr) as bar:
        yield from bar


@click.command(name="import")
@click.argument("jekyll_src", type=click.Path(file_okay=False, path_type=Path))
@click.argument("dest", type=click.Path(path_type=Path))
@click.option(
    "--config",
    "configs",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Jekyll config file(s) to read, in order, instead of JEKYLL_SRC/_config.yml "
    "(as jekyll build --config a.yml,b.yml; repeat the option or separate with commas).",
)
@click.option("--force", is_flag=True, help="Write into a non-empty DEST.")
def command(jekyll_src: Path, dest: Path, configs: tuple[Path, ...], force: bool) -> None:
    """Write an MkDocs project into DEST that builds the Jekyll site in JEKYLL_SRC at the
    same URLs (mkdocs.yml, docs/, _data/, _includes/, overrides/ and IMPORT.md).

    JEKYLL_SRC is only read. Then run `mkdocs build --strict` in DEST and compare with
    Jekyll's own output using `mkdocs-jekyll check`.
    """
    files: list[Path] = []
    for item in configs:
        files += [Path(part) for part in str(item).split(",") if part]
    try:
        summary = run_import(jekyll_src, dest, configs=files, force=force, progress=_bar)
    except (ImportRefused, ContentError) as err:
        raise click.ClickException(str(err)) from None
    click.echo(summary.text(brief=True), nl=False)
    click.echo(
        f"\nWritten to {dest}; {dest / 'IMPORT.md'} also lists the files moved, the front "
        "matter written, the theme parts replaced and kept, and what was left out."
    )
