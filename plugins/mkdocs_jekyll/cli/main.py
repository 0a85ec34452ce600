"""The ``mkdocs-jekyll`` command group.

Subcommands are imported only when they run, so ``mkdocs-jekyll --help`` stays quick and one
subcommand's dependencies (a progress library, an HTML parser) never slow another. Each
subcommand module exposes a ``click.Command`` named ``command``.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from mkdocs_jekyll import __version__

# name -> (module, one-line help shown by ``mkdocs-jekyll --help``)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": (
        "mkdocs_jekyll.cli.check",
        "Compare Jekyll's built site with ours: URLs, redirects, links, languages.",
    ),
    "import": ("mkdocs_jekyll.cli.import_site", "Turn a Jekyll site into an MkDocs project."),
    "report": (
        "mkdocs_jekyll.cli.report",
        "List what of the Jekyll site the build could not carry over as is.",
    ),
    "new": ("mkdocs_jekyll.cli.new", "Write a new site that builds with mkdocs build --strict."),
}


class LazyGroup(click.Group):
    """A group whose commands are listed from ``COMMANDS`` and imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(entry[0])
        command: click.Command = module.command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mkdocs-jekyll")
def cli(**_: Any) -> None:
    """Move a Jekyll site to MkDocs and keep it honest: see each command's --help."""


def main() -> None:
    """The console script's entry point."""
    cli()
