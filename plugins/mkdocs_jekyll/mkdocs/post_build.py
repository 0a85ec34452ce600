"""What the outermost pass writes once every locale is built.

jekyll-redirect-from's ``redirects.json``, the GitHub Pages files, and the site-wide outputs
(sitemap, robots.txt, landing page, root 404, translation report; see ``outputs``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs_jekyll.mkdocs.feeds import locale_text
from mkdocs_jekyll.mkdocs.i18n_context import language_names
from mkdocs_jekyll.mkdocs.outputs import (
    PreparedSitemap,
    prepare_site_outputs,
    write_site_outputs,
)
from mkdocs_jekyll.mkdocs.publish import write_pages_files
from mkdocs_jekyll.mkdocs.redirect_files import write_redirects_json
from mkdocs_jekyll.mkdocs.site_checks import check_site_references

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.mkdocs.build import BuildState
    from mkdocs_jekyll.mkdocs.config import JekyllConfig


def write_build_outputs(
    config: MkDocsConfig,
    state: BuildState,
    options: JekyllConfig,
    *,
    own_404_page: str | None,
    sitemap: PreparedSitemap | None = None,
) -> None:
    """Write every file of the whole site, in the site's own settings (not a locale's).

    Args:
        config: The outermost pass's configuration.
        state: The build.
        options: The ``jekyll`` plugin's config.
        own_404_page: The HTML of the site's own page at ``404.html``, if it has one.
        sitemap: The documents' sitemap entries and the sitemap, if made already
            (``prepare_outputs``).

    Raises:
        ContentError: An output cannot be written as the site asks.
    """
    scan, setup = state.scan, state.setup
    write_redirects_json(config, scan, setup.settings)
    write_pages_files(config.site_dir, cname=options.cname)
    write_site_outputs(
        config.site_dir,
        model=scan.model,
        translations=scan.translations,
        settings=setup.settings,
        options=options,
        docs_dir=config.docs_dir,
        language_names=language_names(config),
        env=setup.page_env,
        own_404_page=own_404_page,
        drops=state.cache.drops,
        locale_text=locale_text(config),
        sitemap=sitemap,
    )
    check_site_references(config, state, options)


def prepare_outputs(
    state: BuildState, *, templates: bool = True, entries: bool = True
) -> PreparedSitemap | None:
    """The site-wide outputs' work that needs the scan alone (``prepare_site_outputs``)."""
    scan, setup = state.scan, state.setup
    return prepare_site_outputs(
        model=scan.model,
        translations=scan.translations,
        settings=setup.settings,
        options=setup.options,
        env=setup.page_env,
        templates=templates,
        entries=entries,
    )
