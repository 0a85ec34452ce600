"""What the first pass reads once per build, before MkDocs cleans ``site/``.

The site model, the translation index, redirects, the theme's layouts and ``_data`` are read
in ``on_pre_build`` of the first pass: a content error then leaves the previous output
untouched, and every locale pass reads the same ``SiteScan`` afterwards.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import get_files

from mkdocs_jekyll.features.layouts import is_known_layout
from mkdocs_jekyll.features.redirects import Redirect, collect_redirects
from mkdocs_jekyll.i18n.ui_text import load_ui_text
from mkdocs_jekyll.jekyll.collections import place, read_collections
from mkdocs_jekyll.jekyll.data import data_file_label, load_data_dir
from mkdocs_jekyll.jekyll.dates import site_zone
from mkdocs_jekyll.jekyll.defaults import FrontMatterDefaults
from mkdocs_jekyll.jekyll.documents import ScanCache, SiteModel, build_site_model, is_content_file
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.findings import THEME, record_finding
from mkdocs_jekyll.jekyll.pagination import Pagination
from mkdocs_jekyll.jekyll.safe_paths import FolderGuard, is_inside
from mkdocs_jekyll.mkdocs.archive_pages import scan_archives
from mkdocs_jekyll.mkdocs.i18n_context import build_order, build_translations, locale_folders
from mkdocs_jekyll.mkdocs.listing import static_files
from mkdocs_jekyll.mkdocs.pagination_pages import pair_pages, scan_pagination

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.i18n.translations import Translations
    from mkdocs_jekyll.mkdocs.build import BuildSetup
    from mkdocs_jekyll.mkdocs.config import JekyllConfig

log = get_plugin_logger(__name__)


@dataclass(frozen=True)
class SiteScan:
    """The site as Jekyll reads it, shared unchanged by every locale pass of one build."""

    model: SiteModel
    """Every document, its permalink, and the files not written."""
    translations: Translations
    """Pages paired across locales, with where ``x-default`` points."""
    redirects: tuple[Redirect, ...]
    """Every ``redirect_from`` stub, checked against pages and each other."""
    layouts: frozenset[str]
    """Layout names with a ``layouts/<name>.html`` template in a theme folder."""
    icon_dirs: tuple[Path, ...]
    """The theme folders' ``.icons/``, where a page's front matter ``icon`` must exist."""
    locale_order: tuple[str | None, ...]
    """The locales the build writes, in static-i18n's order (``(None,)``: no locales)."""
    data: dict[str, Any]
    """``site.data``, with the merged ``ui-text``."""
    data_errors: tuple[str, ...]
    """Under ``mkdocs serve``: errors of ``_data`` files, shown atop every page."""
    pagination: Pagination = dataclasses.field(default_factory=Pagination)
    """Paginated pages (``jekyll/pagination.py``): their pagers and generated pages N."""


def scan_site(
    config: MkDocsConfig, setup: BuildSetup, cache: ScanCache, *, keep_going: bool = False
) -> SiteScan:
    """Read every locale's front matter and ``_data``; pair translations; collect redirects.

    With ``keep_going`` (under ``mkdocs serve``), a file whose front matter or permalink
    fails is logged, kept at its path-based URL, and shows its error as its content; a
    ``_data`` file that fails is left out and its error shown atop every page.
    """
    options = setup.options
    model = _read_model(config, options, cache, setup, keep_going=keep_going)
    order = build_order(config)
    # `build_only_locale`: the other locales' documents are not written, but links to
    # them still resolve to their permalinks.
    for path, doc in list(model.documents.items()):
        if doc.locale is not None and doc.locale not in order:
            model.documents[path] = dataclasses.replace(doc, output=False)
            model.unpublished.add(path)
    errors: list[str] = []
    data = _load_data(setup, errors.append if keep_going else None)
    scan_archives(config, options, model, data=data, order=order)
    layouts = _site_layouts(config)
    _check_layouts(model, layouts)
    pagination = scan_pagination(model, options.site, by_locale=bool(locale_folders(config)))
    translations = build_translations(model, config)
    pair_pages(translations, pagination, model)
    if len(translations.locales) > 1:
        _resolve_root(model, translations, options.i18n_root)

    def page_error(err: ContentError) -> None:
        # Under `mkdocs serve`: log a page's error and show it as the page's content.
        log.error(str(err))
        model.errors.setdefault(err.path, str(err))

    redirects = collect_redirects(
        model.built(),
        site_url=setup.settings.url,
        baseurl=setup.settings.baseurl,
        on_error=page_error if keep_going else None,
        collection_labels=list(read_collections(options.collections)),
    )
    return SiteScan(
        model=model,
        translations=translations,
        redirects=tuple(redirects),
        layouts=layouts,
        icon_dirs=tuple(Path(folder) / ".icons" for folder in config.theme.dirs),
        locale_order=tuple(order),
        data=data,
        data_errors=tuple(errors),
        pagination=pagination,
    )


def permalink_style(config: MkDocsConfig, options: JekyllConfig) -> str:
    """Jekyll's ``permalink``; unset, what MkDocs' ``use_directory_urls`` says."""
    if options.permalink:
        return options.permalink
    return "pretty" if config.use_directory_urls else "date"


def _read_model(
    config: MkDocsConfig,
    options: JekyllConfig,
    cache: ScanCache,
    setup: BuildSetup,
    *,
    keep_going: bool,
) -> SiteModel:
    """Every file starting with front matter, as Jekyll's documents with their permalinks."""
    defaults = FrontMatterDefaults(options.defaults)
    for problem in defaults.problems():
        # Problems name their set ("defaults[2].scope.path: ..."), so the key reads as
        # it is in mkdocs.yml: plugins.jekyll.defaults[2].scope.path.
        where = "plugins.jekyll." if problem.startswith("defaults") else "plugins.jekyll.defaults: "
        log.warning(f"mkdocs.yml: {where}{problem}")
    # Pages reached through a link leaving docs_dir are never read (Jekyll's safe mode);
    # on_files warns about them and drops them from MkDocs' files.
    guard = FolderGuard(config.docs_dir)
    files = get_files(config)
    # Jekyll's file model: every file starting with front matter is a page or document,
    # whatever its extension (`blog/index.html`, `search.json`), not only Markdown.
    sources = [
        (f.src_uri, f.abs_src_path)
        for f in files
        if f.abs_src_path is not None
        and not f.inclusion.is_excluded()  # type: ignore[no-untyped-call]
        and is_content_file(f.src_uri, f.abs_src_path)
        and not guard.escapes(f.abs_src_path)
    ]
    model = build_site_model(
        sources,
        cache=cache,
        defaults=defaults,
        permalink_style=permalink_style(config, options),
        locales=locale_folders(config),
        collections=read_collections(options.collections),
        now=setup.now,
        future=options.future,
        show_drafts=options.show_drafts,
        zone=site_zone(options.timezone),
        on_error=_log_error if keep_going else None,
    )
    if not options.show_drafts:
        # reader.rb retrieve_posts: without `show_drafts` nothing of `_drafts/` is read,
        # so its images and other files are not copied either.
        collections = read_collections(options.collections)
        model.unpublished.update(
            f.src_uri for f in files if place(f.src_uri, collections).label == "drafts"
        )
    model.static_files = static_files(files, model, options.collections)
    return model


def _load_data(setup: BuildSetup, on_error: Callable[[str], None] | None) -> dict[str, Any]:
    """``site.data`` from the data folder, with the theme's UI text merged into ``ui-text``.

    With ``on_error`` (``mkdocs serve``), a file that fails is logged and left out: failing
    the build instead left MkDocs' live reload server waiting for a good build, every
    request hanging until the file was fixed.
    """
    options = setup.options
    data_dir = setup.root / options.data_dir

    def site_error(err: ContentError) -> None:
        log.error(str(err))
        if on_error is not None:
            on_error(str(err))

    data = load_data_dir(
        data_dir,
        label=options.data_dir,
        warn=setup.warn_link,
        on_error=site_error if on_error is not None else None,
    )
    try:
        data["ui-text"] = load_ui_text(
            data.get("ui-text"), source=data_file_label(data_dir, "ui-text", options.data_dir)
        )
    except ContentError as err:
        if on_error is None:
            raise
        site_error(err)
        data["ui-text"] = load_ui_text(None)
    return data


def _check_layouts(model: SiteModel, layouts: frozenset[str]) -> None:
    """Warn once per build about a ``layout`` no template or theme knows."""
    for doc in model.built():
        layout = doc.data.get("layout")
        if not isinstance(layout, str) or layout in layouts or is_known_layout(layout):
            continue
        message = (
            f"unknown layout '{layout}'; the page is rendered with the 'single' layout. Use "
            f"a Minimal Mistakes layout (single, splash, archive, ...) or add "
            f"'overrides/layouts/{layout}.html'."
        )
        log.warning(f"{doc.src_path}: {message}")
        record_finding(THEME, doc.src_path, message)


def _resolve_root(model: SiteModel, translations: Translations, i18n_root: str) -> None:
    """Where ``x-default`` points, by what ``/`` will serve (``i18n_root``)."""
    for doc in model.documents.values():
        if doc.output and doc.dest == "index.html":
            # A page of the site is the root. One of no locale (a root `index.md`, or
            # `lang: x-default`) is the language chooser: it replaces the landing page.
            if translations.locale_of(doc) is None:
                translations.landing = doc.url
            return
    if i18n_root == "landing":
        translations.landing = "/"
    else:
        default = translations.locales[0]
        translations.root_url = translations.homes.get(default, f"/{default}/")


def _site_layouts(config: MkDocsConfig) -> frozenset[str]:
    """The ``layouts/*.html`` templates of every theme folder (overrides and package)."""
    names: set[str] = set()
    for folder in config.theme.dirs:
        layouts = Path(folder) / "layouts"
        if layouts.is_dir():
            # A layout linked from outside its theme folder is never loaded (safe_files).
            names.update(path.stem for path in layouts.glob("*.html") if is_inside(path, folder))
    return frozenset(names)


def _log_error(err: ContentError) -> None:
    """Report a content error and carry on (``mkdocs serve``)."""
    log.error(str(err))
