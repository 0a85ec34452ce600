"""The locale pass's file list, as ``jekyll/i18n`` builds it on static-i18n's.

``i18n_plugin.py`` holds the hooks only (house style); its ``reconfigure_files`` override
hands the pass's files here. Only configured locale folders are locales (``docs/cv/`` is
a folder, not Czech): other files are the site's own, written once at their own path; the
default locale stays under ``/<locale>/``; and a page may link to another locale's page,
which the pass does not build (``CrossLocaleFiles``).
"""

from __future__ import annotations

import os
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs_static_i18n import folder

from mkdocs_jekyll.i18n.locale_folders import unconfigured_locale_folders
from mkdocs_jekyll.jekyll.documents import normalise_locale
from mkdocs_jekyll.jekyll.paths import path_parts
from mkdocs_jekyll.mkdocs.i18n_files import reconfigure_files as i18n_reconfigure

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = get_plugin_logger(__name__)


def locale_pass_files(plugin: Any, files: Files, mkdocs_config: MkDocsConfig) -> Any:
    """Build the locale's file list, trusting configured locale folders only.

    Upstream guesses that any folder named like a locale (``cv``, ``es``) is one and drops
    its pages from every pass; such files are handled here as ordinary, unlocalised files.
    Upstream also moves the default locale's files to the site root; they are moved back
    under ``/<locale>/``. ``plugin`` is the ``jekyll/i18n`` plugin of the pass.
    """
    folders = plugin.locale_folders()
    docs_dir = _normalised(mkdocs_config.docs_dir)
    unlocalised = [f for f in files if _outside_locale_folders(f, folders, docs_dir)]
    if not plugin.building:  # the first pass: once per build
        _warn_unconfigured_locales(unlocalised, plugin.all_languages)
    # By identity: File equality compares several attributes, per pair.
    skipped = {id(f) for f in unlocalised}
    kept = Files([f for f in files if id(f) not in skipped])
    i18n_files = CrossLocaleFiles(plugin, list(i18n_reconfigure(plugin, kept, mkdocs_config)))
    chosen = i18n_files.src_uris
    for file in kept.documentation_pages():
        if file.src_uri not in chosen:
            # Another locale's page: not built in this pass, but links to it must resolve.
            i18n_files.others[file.src_uri] = File(
                file.src_path,
                mkdocs_config.docs_dir,
                mkdocs_config.site_dir,
                mkdocs_config.use_directory_urls,
            )
    for file in unlocalised:
        if plugin.is_default_language_build or not file.is_documentation_page():
            _mark_unlocalised(file, plugin.current_language)
            i18n_files.append(file)
    if plugin.is_default_language_build:
        for file in i18n_files:
            if getattr(file, "localization", None) == plugin.default_language:
                _restore_locale_prefix(file, mkdocs_config)
    return i18n_files


class CrossLocaleFiles(folder.I18nFiles):  # type: ignore[misc]  # untyped upstream
    """The locale pass's files, which also resolve links to other locales' pages.

    Each static-i18n pass only holds its own locale, so ``[CV](../en/cv.md)`` on a Spanish
    page was "not found". Those targets are kept in ``others`` (never built in this pass);
    the core plugin moves them to their permalinks like the pass's own files.
    """

    def __init__(self, plugin: Any, files: list[File]) -> None:
        super().__init__(plugin, files)
        self.others: dict[str, File] = {}

    def get_file_from_path(self, path: str) -> File | None:
        """The pass's file for ``path``, else another locale's page of that source path."""
        found: File | None = super().get_file_from_path(path)
        if found is None:
            found = self.others.get(PurePosixPath(path).as_posix())
        return found


def _warn_unconfigured_locales(files: list[File], configured: list[str]) -> None:
    """Warn about each top folder of ``files`` named like a locale that is not configured."""
    tops = {PurePosixPath(f.src_uri).parts[0] for f in files if "/" in f.src_uri}
    for name in unconfigured_locale_folders(tops, configured):
        log.warning(
            f"{name}/: looks like a locale folder, but '{name}' is not in jekyll/i18n's "
            "languages, so its pages are built in no locale; add it to languages, or rename "
            "the folder"
        )


def _outside_locale_folders(file: File, folders: dict[str, str], docs_dir: str) -> bool:
    """True for a docs file outside every configured locale folder (root files included).

    Such files are the site's own (``images/``, ``CNAME``, ``robots.txt``): written once at
    their own path, never copied into each locale. ``docs_dir`` is ``_normalised``.
    """
    if file.abs_src_path is None or not _within(file.abs_src_path, docs_dir):
        return False
    parts = path_parts(file.src_uri)
    return len(parts) == 1 or normalise_locale(parts[0]) not in folders


def _normalised(path: str) -> str:
    """``path`` absolute, normalised and (on Windows) case-folded, for ``_within``."""
    return os.path.normcase(os.path.abspath(path))


def _within(path: str, folder: str) -> bool:
    """True when ``path`` is ``folder`` or below it; ``folder`` is ``_normalised``.

    The same answer as comparing ``os.path.commonpath`` with ``folder``, at a fraction of
    its cost (it runs for every file of every locale pass, theme files included).
    """
    path = _normalised(path)
    return path == folder or path.startswith(folder if folder.endswith(os.sep) else folder + os.sep)


def _mark_unlocalised(file: Any, current_language: str) -> None:
    """Give a non-locale file the attributes static-i18n's templates read."""
    file.alternates = {current_language: file}
    file.locale = current_language
    file.locale_alternate_of = current_language
    file.localization = None
    file.norm_src_uri = file.src_uri


def _restore_locale_prefix(file: File, config: MkDocsConfig) -> None:
    """Put a default-locale file back at ``<locale>/...``, where its source folder says."""
    original = File(file.src_path, config.docs_dir, config.site_dir, config.use_directory_urls)
    file.dest_uri = original.dest_uri
    file.url = original.url
    file.abs_dest_path = original.abs_dest_path
