"""Paginated pages in MkDocs: the scan's pages 2..N, their files, their ``paginator``.

``jekyll/pagination.py`` decides which pages are paginated and adds each one's pages 2..N
to the site model as documents (so Liquid, layouts, the sitemap and translation pairing see
them like any page). Here the scan pairs them across locales, the render cache gets each
page's ``paginator``, and each locale pass gets their files: ``File.generated`` over the
first page's source, at page N's URL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from mkdocs_jekyll.jekyll.drops import locale_key
from mkdocs_jekyll.jekyll.pagination import Pagination, paginate_site
from mkdocs_jekyll.mkdocs.file_model import FrontMatterPage, _copy_i18n, move_file
from mkdocs_jekyll.mkdocs.i18n_context import current_locale, is_locale_pass

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from mkdocs_jekyll.i18n.translations import Translations
    from mkdocs_jekyll.jekyll.documents import Document, SiteModel
    from mkdocs_jekyll.jekyll.drops import SiteDrops

log = get_plugin_logger(__name__)

GENERATED_BY = "mkdocs_jekyll/pagination"
"""``File.generated_by`` of every page N: MkDocs names it in its messages."""


def scan_pagination(model: SiteModel, site: Mapping[str, Any], *, by_locale: bool) -> Pagination:
    """Add every paginated page's pages 2..N to the model (``jekyll.pagination``).

    Args:
        model: The site model, after drafts, future posts and other locales were set aside.
        site: The ``site.*`` keys of the config (``paginate``, ``paginate_path``).
        by_locale: Whether the site has locale folders (each locale paginates its posts).
    """
    pagination = paginate_site(
        model, site, by_locale=by_locale, locale_key=locale_key, warn=log.warning
    )
    for first, pages in pagination.series.items():
        log.debug(f"{first}: {len(pages)} page(s) of posts")
    return pagination


def pair_pages(translations: Translations, pagination: Pagination, model: SiteModel) -> None:
    """Pair each page N with the other locales' page N, else with their first page."""
    for copy_path, first_path in pagination.copies.items():
        copy, first = model.documents[copy_path], model.documents[first_path]
        for locale, other in translations.translations(first).items():
            translations.pair_fallback(copy, locale, other)


def paginators(pagination: Pagination, drops: SiteDrops) -> dict[str, dict[str, Any]]:
    """Every paginated page's ``paginator``; a page N's ``page.path`` is its first page's.

    pagination.rb makes page N with ``Page.new(site, site.source, page.dir, page.name)``:
    the same ``path`` as page 1.
    """
    for copy_path, first_path in pagination.copies.items():
        drop = drops.pages.get(copy_path)
        if drop is not None:
            drop["path"] = first_path
    return {path: pager.to_liquid(drops.pages) for path, pager in pagination.pagers.items()}


def append_pager_files(
    files: Files, pagination: Pagination, model: SiteModel, config: MkDocsConfig
) -> None:
    """Add the pass's pages 2..N: those of its locale whose first page the pass builds.

    Another locale's first page can be among a pass's files (static-i18n's fallbacks); its
    pages N are written by their own locale's pass. Pages outside the locale folders are
    written by the first pass, as ``place_content_files`` does.
    """
    locale = current_locale(config)
    for copy_path, first_path in pagination.copies.items():
        first = files.get_file_from_path(first_path)
        if first is None or copy_path in files.src_uris:
            continue
        owner = model.documents[copy_path].locale
        if owner != locale and (owner is not None or is_locale_pass(config)):
            continue
        doc = model.documents[copy_path]
        source = model.documents[first_path].abs_path
        # An `.html` first page is a FrontMatterPage (file_model.py): Liquid alone renders it.
        cls = File if doc.is_markdown else FrontMatterPage
        new = cls.generated(config, copy_path, abs_src_path=source)
        new.generated_by = GENERATED_BY
        _copy_i18n(first, new)
        move_file(new, doc, config)
        files.append(new)


def listed_posts(pagination: Pagination, model: SiteModel, src_path: str) -> list[Document] | None:
    """The posts a paginated page lists (``paginator.posts``); None for other pages."""
    pager = pagination.pagers.get(src_path)
    if pager is None:
        return None
    return [model.documents[path] for path in pager.posts]
