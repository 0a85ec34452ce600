"""Jekyll's file model in MkDocs: files with front matter are built, whatever their extension.

MkDocs builds Markdown files and copies everything else as it is, so ``blog/index.html`` or
``search.json`` with front matter would reach ``site/`` with their ``---`` fence and raw
Liquid. Jekyll renders every file that starts with front matter (``Utils.has_yaml_header?``).
The site model already holds them as documents (``jekyll/documents.py``); here each pass's
file list gets what Jekyll writes in their place:

- a file whose front matter names a layout (``.html`` or any other extension) becomes a page
  of the theme, ``FrontMatterPage``, whose content is its Liquid output: no Markdown runs
  on it (Jekyll's ``Identity`` converter), and it takes part in nav and search as a page;
- any other (``search.json``, ``notes.txt``, a whole ``<html>`` document without a layout)
  is written as its Liquid output alone, with its own extension, at its permalink.

Files without front matter stay MkDocs' static files, copied as they are.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from mkdocs_jekyll.compat import file_url
from mkdocs_jekyll.mkdocs.archive_pages import append_archive_files
from mkdocs_jekyll.mkdocs.i18n_context import current_locale
from mkdocs_jekyll.mkdocs.incremental import active_plan, mark_for_rebuild
from mkdocs_jekyll.mkdocs.redirect_files import redirect_file, redirect_stub

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from mkdocs_jekyll.jekyll.documents import Document, SiteModel
    from mkdocs_jekyll.jekyll.drops import SiteSettings
    from mkdocs_jekyll.mkdocs.build import BuildState

log = get_plugin_logger(__name__)

_SASS = (".scss", ".sass")
"""Jekyll compiles these (jekyll-sass-converter) into ``.css``; nothing here does."""

# What static-i18n reads on each of its files (`folder.create_i18n_file`).
_I18N_ATTRIBUTES = ("locale", "locale_alternate_of", "localization", "norm_src_uri")


class FrontMatterPage(File):
    """A file that is not Markdown but is a page in the theme (it names a layout).

    MkDocs makes a ``Page`` of every documentation page, runs its hooks and renders it with
    the page's template; ``on_page_markdown`` gives it no Markdown and ``on_page_content``
    its Liquid output, so Markdown never touches it.
    """

    def is_documentation_page(self) -> bool:
        """A page, whatever its extension: Jekyll renders it through its layout."""
        return True


def place_files(
    files: Files,
    state: BuildState,
    settings: SiteSettings,
    config: MkDocsConfig,
    *,
    locale_pass: bool,
) -> None:
    """Move every page of the pass to its permalink; add its redirect stubs.

    Unpublished pages are dropped, files with front matter replaced
    (``place_content_files``); the other locales' pages links may point at (jekyll/i18n's
    ``CrossLocaleFiles``) move too. A stub is written in the pass that builds its page.
    """
    model = state.scan.model
    for file in list(files.documentation_pages()):
        if file.src_uri in model.unpublished:
            files.remove(file)
            continue
        doc = model.documents.get(file.src_uri)
        if doc is not None:
            move_file(file, doc, config)
    place_content_files(files, state, settings, config, locale_pass=locale_pass)
    append_archive_files(files, model, config, locale=current_locale(config))
    plan = active_plan()
    if plan is not None:
        mark_for_rebuild(files, plan.pages)
    for redirect in state.scan.redirects:
        if redirect.source in files.src_uris:
            files.append(
                redirect_file(
                    config,
                    redirect,
                    scan=state.scan,
                    settings=settings,
                    env=state.setup.page_env,
                )
            )
    others = getattr(files, "others", {})
    for src_uri, file in list(others.items()):
        doc = model.documents.get(src_uri)
        if doc is None:
            del others[src_uri]
        else:
            move_file(file, doc, config)


def move_file(file: Any, doc: Document, config: MkDocsConfig) -> None:
    """Point a file at its permalink; MkDocs caches all three, so all three are set."""
    file.dest_uri = doc.dest
    file.url = file_url(file, config.use_directory_urls)
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, doc.dest))


def unreadable_page(file: File, model: SiteModel) -> bool:
    """Under ``mkdocs serve``: a page whose scan failed and that is not UTF-8 (read as empty).

    Its error replaces its content; MkDocs' own read would stop the build with a traceback.
    """
    return file.src_uri in model.errors and not reads_as_utf8(file.abs_src_path)


def reads_as_utf8(path: str | None) -> bool:
    """Whether the file reads as UTF-8 (a missing file counts: MkDocs reports it)."""
    if path is None:
        return True
    try:
        Path(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    except OSError:
        return True
    return True


def place_content_files(
    files: Files,
    state: BuildState,
    settings: SiteSettings,
    config: MkDocsConfig,
    *,
    locale_pass: bool,
) -> None:
    """Replace the pass's static files that start with front matter by what Jekyll makes.

    Unpublished ones (``published: false``, a collection with ``output: false``, another
    locale's under ``build_only_locale``) are dropped. Files outside the locale folders
    come in every static-i18n pass; they are written by the first one only.

    Args:
        files: The pass's files, after static-i18n chose the locale's.
        state: The build's site model and Liquid output.
        settings: The pass's settings (a ``redirect_to`` stub's target URL).
        config: The pass's configuration.
        locale_pass: Whether this is static-i18n's second or later locale pass.
    """
    for file in list(files):
        if file.is_documentation_page():
            continue  # Markdown pages (and ours, already placed) are moved elsewhere.
        if file.src_uri in state.scan.model.unpublished:
            files.remove(file)
            continue
        doc = state.scan.model.documents.get(file.src_uri)
        if doc is None:
            continue  # No front matter: a static file, copied as it is.
        files.remove(file)
        if doc.locale is None and locale_pass:
            continue
        if PurePosixPath(doc.src_path).suffix in _SASS:
            # Not a silent loss: the theme's stylesheet would be missing from the site.
            log.warning(
                f"{doc.src_path}: Sass is not compiled; the file is written as its Liquid "
                f"output to '{doc.dest}'. Material's styles replace the Jekyll theme's: add "
                f"your own CSS with 'extra_css'."
            )
        files.append(_replacement(file, doc, state, settings, config))


def _replacement(
    file: File, doc: Document, state: BuildState, settings: SiteSettings, config: MkDocsConfig
) -> File:
    """The page or generated file written in place of ``file``, at the document's URL."""
    if doc.is_themed:
        new: File = FrontMatterPage(
            file.src_path,
            config.docs_dir,
            config.site_dir,
            config.use_directory_urls,
            inclusion=file.inclusion,
        )
    else:
        # jekyll-redirect-from replaces a `redirect_to` page's output with its stub.
        stub = redirect_stub(doc, scan=state.scan, settings=settings, env=state.setup.page_env)
        content = stub or state.cache.output_for(doc)
        new = File.generated(config, file.src_uri, content=content, inclusion=file.inclusion)
    _copy_i18n(file, new)
    move_file(new, doc, config)
    return new


def _copy_i18n(old: File, new: File) -> None:
    """Carry static-i18n's attributes over; its ``alternates`` list the file itself."""
    source: Any = old
    target: Any = new
    for name in _I18N_ATTRIBUTES:
        if hasattr(source, name):
            setattr(target, name, getattr(source, name))
    alternates = getattr(source, "alternates", None)
    if isinstance(alternates, dict):
        target.alternates = {
            lang: new if other is old else other for lang, other in alternates.items()
        }
