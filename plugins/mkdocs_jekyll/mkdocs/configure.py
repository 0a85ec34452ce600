"""What ``on_config`` changes in MkDocs' configuration for a Jekyll site."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from mkdocs_jekyll.features.skins import palette_for_skin
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.kramdown.pipeline import configure_markdown
from mkdocs_jekyll.mkdocs.i18n_context import configure_search, disable_instant_navigation

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.mkdocs.config import JekyllConfig

TEMPLATES_DIR = Path(__file__).parent.parent / "templates"
# The package's stylesheets (copied from TEMPLATES_DIR as theme files): the layouts' own
# styles, and Minimal Mistakes' utility classes that content uses (.notice, .btn, ...).
EXTRA_CSS = ("assets/mkdocs_jekyll/jekyll.css", "assets/mkdocs_jekyll/utilities.css")


def configure_site(config: MkDocsConfig, options: JekyllConfig) -> None:
    """Install our templates, stylesheets, Markdown extensions, skin and search settings.

    Raises:
        PluginError: ``minimal_mistakes_skin`` names no skin.
    """
    _install_theme(config)
    if options.markdown_kramdown is not None:
        config.markdown_extensions, config.mdx_configs = configure_markdown(
            options.markdown_kramdown, config.markdown_extensions, config.mdx_configs
        )
    if config.validation.links.absolute_links == logging.INFO:
        # Jekyll content links with `{{ "/en/cv/" | relative_url }}`: absolute paths by
        # design, which MkDocs would report one INFO line each. An explicit setting stays.
        config.validation.links.absolute_links = logging.DEBUG
    present = {str(item) for item in config.extra_css}
    config.extra_css.extend(css for css in EXTRA_CSS if css not in present)
    # The option, else `_config.yml`'s own key under `site:` (an imported config).
    skin = options.minimal_mistakes_skin or options.site.get("minimal_mistakes_skin")
    if skin and not config.theme.get("palette"):
        try:
            config.theme["palette"] = palette_for_skin(str(skin))
        except ContentError as err:
            raise PluginError(str(err)) from err
    disable_instant_navigation(config)
    configure_search(config)


def _install_theme(config: MkDocsConfig) -> None:
    """Put our templates right after the user's ``custom_dir`` and before Material's."""
    dirs = config.theme.dirs
    ours = str(TEMPLATES_DIR)
    if ours in dirs:
        return
    custom = config.theme.custom_dir
    position = dirs.index(custom) + 1 if custom in dirs else 0
    dirs.insert(position, ours)
