"""The generated archive pages (``jekyll/archives.py``) as MkDocs files.

The scan adds them to the site model (``scan_archives``); each locale pass then adds its
locale's as generated Markdown files (``append_archive_files``), which MkDocs builds like
the site's pages: ``on_page_markdown`` gives them their layout, and ``on_page_content``
their listing of the locale's posts as content (``archive_listing.py``), which the layout
prints and Material's search indexes.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, InclusionLevel

from mkdocs_jekyll.compat import file_url
from mkdocs_jekyll.i18n.ui_text import ui_text_for
from mkdocs_jekyll.jekyll.archives import GENERATED_BY, add_archives, archive_kinds, is_archive
from mkdocs_jekyll.mkdocs.incremental import active_plan

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from mkdocs_jekyll.jekyll.documents import SiteModel
    from mkdocs_jekyll.mkdocs.config import JekyllConfig

log = get_plugin_logger(__name__)


def scan_archives(
    config: MkDocsConfig,
    options: JekyllConfig,
    model: SiteModel,
    *,
    data: Mapping[str, Any],
    order: Sequence[str | None],
) -> None:
    """Add every written locale's category, tag and year archives to the site model."""
    if not options.archives_enabled:
        return
    kinds = archive_kinds(
        {
            "categories": options.archives_categories_path,
            "tags": options.archives_tags_path,
            "years": options.archives_years_path,
        }
    )
    default = order[0] if order else None
    added = add_archives(
        model,
        kinds,
        locales=order,
        labels=lambda locale: ui_text_for(data.get("ui-text", {}), locale, default),
        docs_dir=config.docs_dir,
    )
    for doc in added:
        log.debug(f"archive page {doc.url} ({doc.data['layout']})")


class ArchiveFile(File):
    """A generated archive page: a dirty rebuild under ``mkdocs serve`` keeps its output.

    A generated file counts as modified in every dirty build (it has no source time), yet
    an incremental rebuild only runs when no post changed (``plan_rebuild``), and the
    archives list posts only.
    """

    def is_modified(self) -> bool:
        """Modified unless an incremental rebuild runs and the output is there."""
        if active_plan() is not None and os.path.isfile(self.abs_dest_path):
            return False
        return super().is_modified()


def append_archive_files(
    files: Files, model: SiteModel, config: MkDocsConfig, *, locale: str | None
) -> None:
    """Add the pass's archives as generated pages (``locale``: the pass's, None without).

    Args:
        files: The pass's files.
        model: The site model holding the archives.
        config: The pass's configuration.
        locale: The locale this pass writes; None on a site without locales.
    """
    for doc in model.documents.values():
        if not is_archive(doc) or doc.locale != locale or doc.src_path in files.src_uris:
            continue
        # Like jekyll-archives' pages, they are linked from posts and menus, not listed in
        # MkDocs' automatic nav (where their generated folder read as a section).
        file: Any = ArchiveFile.generated(
            config, doc.src_path, content="", inclusion=InclusionLevel.NOT_IN_NAV
        )
        file.generated_by = GENERATED_BY
        if doc.locale is not None:
            # What static-i18n's folder structure sets on each of its files
            # (`folder.create_i18n_file`), read by its page context and switcher.
            file.locale = file.locale_alternate_of = file.localization = doc.locale
            file.norm_src_uri = doc.src_path.removeprefix(f"{doc.locale}/")
            file.alternates = {doc.locale: file}
        file.dest_uri = doc.dest
        file.url = file_url(file, config.use_directory_urls)
        file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, doc.dest))
        files.append(file)
