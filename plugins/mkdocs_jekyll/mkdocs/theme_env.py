"""MkDocs' theme environment for the pages the plugin writes itself.

The landing page, the root 404, redirect stubs and the serve error box are rendered from
``templates/jekyll/*.html`` (see ``features.page_templates``) through the same loader as
Material's templates, so a site's ``overrides/jekyll/<name>.html`` wins as any override does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs_jekyll.features.page_templates import install_filters
from mkdocs_jekyll.mkdocs.safe_files import guard_theme_loader

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig


def theme_env(config: MkDocsConfig, warn: Callable[[str], None]) -> Environment:
    """A Jinja environment over the theme folders (``custom_dir``, ours, Material's).

    Pages are written outside MkDocs' page loop (before it, for the error box; after the
    last locale pass, for the root pages), so the environment is MkDocs' own
    (``theme.get_env()``) rather than a page pass's. Like the pass's, its loader skips an
    override linked from outside ``custom_dir``.

    Args:
        config: The build's configuration, after the plugin added its theme folder.
        warn: Called once per skipped link.

    Returns:
        The environment, with the filters the page templates use.
    """
    env = config.theme.get_env()
    guard_theme_loader(env, config, warn)
    return install_filters(env)
