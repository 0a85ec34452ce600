"""Render the plugin's own pages (landing, root 404, redirect stub, error box) from templates.

These pages are written outside MkDocs' page loop, but their HTML lives in the package's
``templates/jekyll/`` like every other template, so a site changes one by putting a file of
the same path in its ``overrides/`` folder. The plugin passes MkDocs' theme environment,
whose loader searches ``custom_dir`` first; without one (unit tests, other callers) the
package's own templates are used. Jinja only: no MkDocs import.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

if TYPE_CHECKING:
    from collections.abc import Mapping

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

LANDING = "jekyll/landing.html"
ROOT_404 = "jekyll/404-root.html"
REDIRECT = "jekyll/redirect.html"
ERROR_BOX = "jekyll/error-box.html"

MARKER = '<meta name="generator" content="mkdocs-jekyll">'
"""Marks root pages this plugin wrote, so a rebuild into a dirty ``site/`` may replace them.

The default landing, redirect and root 404 templates print it; an override should too."""


def script_json(value: object) -> Markup:
    """``value`` as a JSON literal for inside ``<script>``.

    In a script element only ``</script`` ends it, whatever the JSON quoting: every ``<``
    goes out as ``\\u003c``, so no value (a base path, a redirect target) can end the
    element early. Registered as the ``jekyll_script_json`` filter.
    """
    literal = json.dumps(value, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return Markup(literal)


def install_filters(env: Environment) -> Environment:
    """Add the filters the plugin's page templates use to ``env`` (MkDocs' theme one).

    Args:
        env: A Jinja environment.

    Returns:
        The same environment.
    """
    env.filters["jekyll_script_json"] = script_json
    return env


@cache
def default_env() -> Environment:
    """The package's templates alone, for callers that have no theme environment."""
    return install_filters(Environment(loader=FileSystemLoader(str(TEMPLATES_DIR))))


def render_page(name: str, context: Mapping[str, Any], env: Environment | None = None) -> str:
    """Render the template ``name`` of ``env`` (else the package's) with ``context``.

    Args:
        name: The template's path, e.g. ``jekyll/landing.html``.
        context: Its variables.
        env: The theme environment, whose ``overrides/`` copy of ``name`` wins.

    Returns:
        The rendered text.
    """
    env = default_env() if env is None else env
    if "jekyll_script_json" not in env.filters:
        install_filters(env)
    return env.get_template(name).render(**context)


def render_document(name: str, context: Mapping[str, Any], env: Environment | None = None) -> str:
    """A whole file's text: the rendered template ending in exactly one newline.

    Jinja drops a template's last newline; a file written to ``site/`` ends with one.
    """
    return render_page(name, context, env).rstrip("\n") + "\n"


def render_error_box(message: str, env: Environment | None = None) -> str:
    """The error box shown in place of a page's content under ``mkdocs serve``.

    Args:
        message: The one-line error (``page.md:3: ...``), escaped by the template.
        env: The theme environment (``overrides/jekyll/error-box.html`` wins).

    Returns:
        Raw HTML that Markdown passes through: one block, ending with a newline.
    """
    return render_document(ERROR_BOX, {"message": message}, env)
