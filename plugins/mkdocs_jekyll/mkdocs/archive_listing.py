"""A generated archive's listing as its page content, so Material's search indexes it.

A generated archive (``archive_pages.py``) has no body: its layout printed the listing, so
the page reached the search index (read from ``page.content`` in ``on_page_context``) empty,
and Material indexes an empty page not at all. ``on_page_content`` makes the listing, with
the layout's partial and the same furniture, the page's content, which the layout prints.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs_jekyll.jekyll.archives import is_archive
from mkdocs_jekyll.mkdocs.i18n_context import current_locale
from mkdocs_jekyll.mkdocs.page_context import furniture_of, page_ui_text
from mkdocs_jekyll.mkdocs.template_filters import install_url_filters

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from mkdocs_jekyll.jekyll.documents import Document
    from mkdocs_jekyll.jekyll.drops import SiteSettings
    from mkdocs_jekyll.mkdocs.build import BuildState

LISTING = "jekyll_listing"
"""``page.meta`` key of a generated archive: its listing, which the layout prints as content."""

_LISTING_TEMPLATE = "partials/jekyll/taxonomy-index.html"
_PACKAGE_LISTING = Path(__file__).parent.parent / "templates" / _LISTING_TEMPLATE
_SEARCH_HEADING = re.compile(r'<h1 id="[^"<>]*" class="archive__subtitle">([^<]*)</h1>')
"""A group's heading in the copy for search (the partial's ``jekyll_search_ids`` branch);
its name is escaped, so it holds no ``<``."""


def archive_listing(
    page: Page, doc: Document, state: BuildState, settings: SiteSettings, config: MkDocsConfig
) -> str | None:
    """The content of a generated archive for Material's search, None for other pages.

    A generated archive has no body: its layout printed the listing, so the page reached
    the search index (read from ``page.content`` in ``on_page_context``) empty, and Material
    indexes an empty page not at all. The listing, made by the layout's partial from the
    same furniture, becomes the content instead; ``page.meta[LISTING]`` keeps the HTML the
    page shows, which ``restore_listing`` puts back once search has read the page. The
    copy for search (``jekyll_search_ids``) makes each group's heading an h1 with its
    section's id: Material starts an entry (``page/#slug``) only at a heading with an id,
    and the page shows the id on the ``<section>`` only (a second one would be invalid).

    Args:
        page: The page being built.
        doc: Its document.
        state: The build.
        settings: The pass's settings.
        config: The pass's configuration (its theme, for the partial).

    Returns:
        The HTML to index, or None when ``doc`` is not a generated archive.
    """
    if not is_archive(doc):
        return None
    # The build's guarded theme environment (an override linked from outside `overrides/`
    # is skipped), compiled once per build: a new environment per archive recompiled the
    # partial each time (0.2 s per archive page on a 300-post site).
    env = state.setup.page_env
    install_url_filters(env, config.site_url)
    template = env.get_template(_LISTING_TEMPLATE)
    locale = state.scan.translations.locale_of(doc) or current_locale(config)
    context = {
        "page": page,
        "config": config,
        "jekyll_ui_text": page_ui_text(state, settings, locale),
        "jekyll_furniture": furniture_of(state, settings, doc),
    }
    searched = template.render({**context, "jekyll_search_ids": True})
    if template.filename is not None and Path(template.filename) == _PACKAGE_LISTING:
        # The page shows the same listing with h2 headings without ids: made from the copy
        # for search rather than rendered again (each render formats every entry again).
        # A site's own override of the partial may differ otherwise, so it renders twice.
        page.meta[LISTING] = _SEARCH_HEADING.sub(r'<h2 class="archive__subtitle">\1</h2>', searched)
    else:
        page.meta[LISTING] = template.render(context)
    return searched


def restore_listing(page: Page) -> None:
    """Give a generated archive the listing it shows, once search has indexed its copy."""
    listing = page.meta.get(LISTING) if page.meta else None
    if isinstance(listing, str):
        page.content = listing
