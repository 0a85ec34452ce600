"""Refuse a theme override that extends itself, before Jinja recurses until Python gives up.

Jinja resolves ``{% extends "main.html" %}`` through the same theme folders as any other
name, so ``overrides/main.html`` extending ``main.html`` (a natural guess when the
package's own starting point says "every layout extends main.html") extends itself. The
first page then failed with a 1,000-frame ``RecursionError`` traceback naming no fix. So
each build follows the ``extends`` chain of every template in ``custom_dir`` (names
resolved by the environment's own loader, as a render would) and stops with the file,
its line and the template to extend instead when a chain comes back to a file already in
it. Loops through theme templates only (Material's, ours) cannot happen: they are ours to
keep right.

Templates are parsed with Jinja's own parser, and only when their file changed since the
last check in this process (``mkdocs serve`` checks on every rebuild).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jinja2 import TemplateError, TemplateNotFound, nodes
from mkdocs.exceptions import PluginError

from mkdocs_jekyll.mkdocs.safe_files import project_label, quiet_loader

if TYPE_CHECKING:
    from jinja2 import BaseLoader, Environment
    from mkdocs.config.defaults import MkDocsConfig

Stamp = tuple[int, int]
"""A file's modification time (ns) and size: what says its parse may be reused."""


@dataclass(frozen=True)
class Extends:
    """A template's ``{% extends %}``: the name it extends and the line saying so."""

    name: str
    line: int


_parsed: dict[str, tuple[Stamp, Extends | None]] = {}
"""Per template file: its stamp when parsed and what it extends (None: nothing constant)."""


def refuse_extends_loops(env: Environment, config: MkDocsConfig) -> None:
    """Raise when a template of ``custom_dir`` extends itself, directly or through others.

    Raises:
        PluginError: The first loop found, naming the override, its line, the chain and
            the template to extend instead.
    """
    custom = config.theme.custom_dir
    if not custom or env.loader is None:
        return
    loader = quiet_loader(env.loader)  # A linked template is warned about when it loads.
    ended: set[str] = set()
    for name in _template_names(custom):
        chain = _loop_from(env, loader, name, ended)
        if chain is not None:
            raise PluginError(_message(config, chain))


def _template_names(folder: str) -> list[str]:
    """The ``.html`` templates below ``folder``, as template names (``partials/x.html``).

    Dot folders are not walked, as MkDocs' theme listing walks none (``theme_files``).
    """
    names = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]  # .git, .cache: no theme
        relative = os.path.relpath(root, folder)
        for file in sorted(files):
            if file.endswith(".html"):
                names.append(file if relative == "." else f"{relative}/{file}".replace(os.sep, "/"))
    return sorted(names)


def _loop_from(
    env: Environment, loader: BaseLoader, name: str, ended: set[str]
) -> list[tuple[str, str, Extends]] | None:
    """The chain of ``(name, file, extends)`` from ``name`` back to a file already in it.

    ``ended`` holds the names whose chain is known to end (the overrides' chains mostly
    share their tail: ``jekyll-main.html``, ``base.html``): a chain reaching one ends there,
    without loading it again, and every name of a chain that ends is added to it.
    """
    chain: list[tuple[str, str, Extends]] = []
    seen: set[str] = set()
    while name not in ended:
        try:
            source, filename, _uptodate = loader.get_source(env, name)
        except (TemplateNotFound, OSError):
            break  # Jinja reports a missing template itself, with its name.
        if filename is None:
            break
        if filename in seen:
            # A loop: through the first file (reported), or entered later (reported from
            # its own first file, which is in custom_dir: theme templates make no loop).
            return chain if chain[0][1] == filename else None
        seen.add(filename)
        extends = _extends_of(env, filename, source)
        if extends is None:
            break
        chain.append((name, filename, extends))
        name = extends.name
    ended.add(name)
    ended.update(link[0] for link in chain)
    return None


def _extends_of(env: Environment, filename: str, source: str) -> Extends | None:
    """What ``filename`` extends, when it names a constant template; parsed once per change."""
    try:
        status = os.stat(filename)
        stamp = (status.st_mtime_ns, status.st_size)
    except OSError:
        stamp = (0, -1)
    known = _parsed.get(filename)
    if known is not None and known[0] == stamp:
        return known[1]
    found = None  # Nothing constant: a variable name, or Jinja's own syntax error to report.
    try:
        node = env.parse(source, filename=filename).find(nodes.Extends)
    except TemplateError:
        node = None
    if node is not None and isinstance(node.template, nodes.Const):
        name = node.template.value
        found = Extends(name, node.lineno) if isinstance(name, str) else None
    _parsed[filename] = (stamp, found)
    return found


def _message(config: MkDocsConfig, chain: list[tuple[str, str, Extends]]) -> str:
    """``overrides/main.html:14: ...``: where the loop starts, how it closes, what to do."""
    first_name, first_file, first = chain[0]
    where = f"{project_label(config, first_file)}:{first.line}"
    if len(chain) == 1:
        loop = f"'{{% extends \"{first.name}\" %}}' names this same file"
    else:
        steps = " -> ".join(
            f"'{name}' ({project_label(config, filename)})" for name, filename, _ in chain
        )
        loop = f"its 'extends' chain {steps} -> '{first_name}' comes back to it"
    return (
        f"{where}: {loop}, so rendering it would never end. A template in the theme's "
        f"custom_dir replaces the theme's template of the same name: to build on the "
        f"package's page template, extend 'jekyll-main.html' (or Material's 'base.html')."
    )


__all__ = ["refuse_extends_loops"]
