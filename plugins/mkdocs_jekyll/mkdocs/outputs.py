"""Files written once per build, after every locale pass: sitemap, robots, root pages, report.

static-i18n builds the site once per locale, and Material writes ``sitemap.xml`` and the root
``404.html`` in every pass, so the last locale wins. The plugin calls ``write_site_outputs``
once, from the outermost pass's ``on_post_build`` after the nested passes, and
``localized_404`` from every pass, to keep each locale's 404 page.
"""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateError
from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.features.landing import (
    MARKER,
    LocaleHome,
    language_name,
    render_landing,
    render_root_404,
)
from mkdocs_jekyll.features.page_templates import LANDING, REDIRECT, ROOT_404, install_filters
from mkdocs_jekyll.features.redirects import render_stub
from mkdocs_jekyll.features.sitemap import (
    ROBOTS_MARKER,
    SitemapEntry,
    document_entries,
    last_modified,
    render_robots,
    render_sitemap,
)
from mkdocs_jekyll.i18n.report import build_report, log_report, write_report_file
from mkdocs_jekyll.mkdocs.feeds import LocaleText, write_feeds

if TYPE_CHECKING:
    from jinja2 import Environment

    from mkdocs_jekyll.i18n.translations import Translations
    from mkdocs_jekyll.jekyll.documents import SiteModel
    from mkdocs_jekyll.jekyll.drops import SiteDrops, SiteSettings

log = get_plugin_logger(__name__)


def write_site_outputs(
    site_dir: str,
    *,
    model: SiteModel,
    translations: Translations,
    settings: SiteSettings,
    options: Any,
    docs_dir: str | None = None,
    language_names: Mapping[str, str] | None = None,
    env: Environment | None = None,
    own_404_page: str | None = None,
    drops: SiteDrops | None = None,
    locale_text: LocaleText | None = None,
    sitemap: PreparedSitemap | None = None,
) -> None:
    """Write sitemap.xml, robots, feeds, the root landing page, the root 404 and the report.

    Args:
        site_dir: The built site.
        model: Every document of every locale.
        translations: The translation index (no locales: a single-locale site).
        settings: ``url`` and ``baseurl`` for every link written.
        options: The ``jekyll`` plugin's config.
        docs_dir: The docs folder, for ``robots.txt`` (else found from the documents).
        language_names: ``languages[].name`` of the i18n plugin by locale (else endonyms).
        env: The theme environment rendering the root pages (``overrides/jekyll/`` wins).
        own_404_page: The HTML of the site's own page written to ``404.html``, if it has
            one: written again, over the theme's 404 that later locale passes wrote.
        drops: ``site`` and every document's drop, rendered content included: the feeds'
            entries (none without them).
        locale_text: Each locale's own ``site_name`` and ``site_description``, for its feed.
        sitemap: The documents' sitemap entries and the sitemap files, when made already
            (``prepare_site_outputs``).

    Raises:
        ContentError: ``i18n_report_file`` leaves the site folder.
    """
    site = Path(site_dir)
    report = build_report(model.documents.values(), translations)
    if options.i18n_report_file:
        write_report_file(site_dir, options.i18n_report_file, report)
    homes = _locale_homes(translations, settings, language_names)
    extra: list[SitemapEntry] = []
    if homes:
        landing = _write_root_page(site, model, translations, settings, options, homes, env)
        if landing is not None:
            extra.append(landing)
        if own_404(model, docs_dir or _docs_dir(model)) is None:
            _write_root_404(site, homes, settings, default=translations.locales[0], env=env)
    _restore_own_404(site, model, docs_dir or _docs_dir(model), own_404_page)
    if drops is not None:
        write_feeds(
            site_dir,
            model=model,
            translations=translations,
            settings=settings,
            options=options,
            drops=drops,
            texts=locale_text or {},
            docs_dir=docs_dir or _docs_dir(model),
        )
    if options.sitemap_enabled:
        if sitemap is None:
            documents = document_entries(model.documents.values(), translations, settings)
        else:
            documents = sitemap.documents
        _write_sitemap(site, documents + extra, sitemap)
        _write_robots(site, settings, docs_dir or _docs_dir(model))
    log_report(report)


def prepare_site_outputs(
    *,
    model: SiteModel,
    translations: Translations,
    settings: SiteSettings,
    options: Any,
    env: Environment | None,
    templates: bool = True,
    entries: bool = True,
) -> PreparedSitemap | None:
    """What of ``write_site_outputs`` needs the scan alone, done while workers build passes.

    The documents' sitemap entries and the sitemap files (None without a sitemap), and the
    root pages' templates compiled into ``env``'s cache. A template that fails to compile
    is left for ``write_site_outputs``, which reports it as it always has.

    Args:
        model: Every document of every locale.
        translations: The translation index.
        settings: ``url`` and ``baseurl`` for the entries' links.
        options: The ``jekyll`` plugin's config.
        env: The theme environment the root pages are rendered in.
        templates: Whether to compile the templates (not in a worker: ``env`` is the parent's).
        entries: Whether to make the sitemap (None when not: a worker made it).
    """
    if templates and translations.locales and env is not None:
        names = [REDIRECT if options.i18n_root == "redirect" else LANDING, ROOT_404]
        if "jekyll_script_json" not in env.filters:
            install_filters(env)
        for name in names:
            try:
                env.get_template(name)
            except TemplateError:
                continue
    if not (entries and options.sitemap_enabled):
        return None
    documents = document_entries(model.documents.values(), translations, settings)
    expected = documents + _expected_landing(model, translations, settings, options)
    data = render_sitemap(expected)
    return PreparedSitemap(documents, expected, data, _packed(data))


@dataclass(frozen=True)
class PreparedSitemap:
    """The sitemap made while workers build passes (``prepare_site_outputs``).

    Rendering and compressing it were 10% of the instructions of the serial end of a
    build with workers. Made of the entries the end is expected to write (the documents',
    then the landing page's as the scan predicts it), they are written when the end's
    entries are equal (``_write_sitemap``): the files are made of the entries alone.
    """

    documents: list[SitemapEntry]
    """The documents' entries."""
    expected: list[SitemapEntry]
    """Every entry the end is expected to write."""
    data: bytes
    """``sitemap.xml`` of ``expected``."""
    packed: bytes
    """``sitemap.xml.gz`` of ``expected``."""


def _expected_landing(
    model: SiteModel, translations: Translations, settings: SiteSettings, options: Any
) -> list[SitemapEntry]:
    """The landing page's entry as ``write_site_outputs`` will add it, by the scan alone
    (whether ``site/index.html`` is the docs' own is seen at the end, by equality)."""
    homes = _locale_homes(translations, settings, None)
    if not homes or options.i18n_root == "redirect" or _document_at_root(model):
        return []
    return [_landing_entry(model, translations, settings, homes)]


def _document_at_root(model: SiteModel) -> bool:
    return any(doc.output and doc.dest == "index.html" for doc in model.documents.values())


def localized_404(
    output: str,
    *,
    site_dir: str,
    locale: str | None,
    model: SiteModel | None = None,
    docs_dir: str | None = None,
) -> None:
    """Copy the locale pass's 404 page to ``<locale>/404.html``.

    Material renders ``404.html`` with absolute URLs (from ``site_url``), so the copy's links
    and assets resolve from its new folder too. Without locales there is nothing to do, and
    a locale with its own 404 page (``docs/<locale>/404.md`` written to
    ``<locale>/404.html``, or a ``docs/<locale>/404.html`` file) keeps it.
    """
    if not locale:
        return
    if model is not None and own_404(model, docs_dir, locale) is not None:
        return
    target = Path(site_dir, locale, "404.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")


# -- root pages ----------------------------------------------------------------------------


def _locale_homes(
    translations: Translations, settings: SiteSettings, names: Mapping[str, str] | None
) -> list[LocaleHome]:
    """Every locale's home, default first, as the root pages link them."""
    homes = []
    for locale in translations.locales:
        url = translations.homes.get(locale, f"/{locale}/")
        homes.append(
            LocaleHome(
                locale=locale,
                name=language_name(locale, names),
                path=settings.baseurl + url,
                href=settings.absolute_url(url),
            )
        )
    return homes


def _write_root_page(
    site: Path,
    model: SiteModel,
    translations: Translations,
    settings: SiteSettings,
    options: Any,
    homes: list[LocaleHome],
    env: Environment | None,
) -> SitemapEntry | None:
    """Write ``/index.html`` unless a page claims ``/``; the landing page's sitemap entry."""
    if _document_at_root(model):
        log.debug("no root landing page: a document is written to 'index.html'")
        return None
    target = site / "index.html"
    if target.exists() and MARKER not in target.read_text(encoding="utf-8", errors="replace"):
        log.debug("no root landing page: 'index.html' comes from docs_dir")
        return None
    default = homes[0]
    root_href = settings.absolute_url("/")
    if options.i18n_root == "redirect":
        target.write_text(
            render_stub(
                default.path, lang=default.hreflang, canonical=default.href, root=True, env=env
            ),
            encoding="utf-8",
        )
        return None  # A redirect is no page of its own (jekyll-sitemap skips them).
    target.write_text(
        render_landing(
            homes,
            title=settings.title,
            lang=default.hreflang,
            self_href=root_href,
            site_path=settings.baseurl + "/",
            detect=options.i18n_root_detect,
            env=env,
        ),
        encoding="utf-8",
    )
    return _landing_entry(model, translations, settings, homes)


def _landing_entry(
    model: SiteModel, translations: Translations, settings: SiteSettings, homes: list[LocaleHome]
) -> SitemapEntry:
    """The landing page's sitemap entry: every locale's home as its alternates."""
    root_href = settings.absolute_url("/")
    home_urls = set(translations.homes.values())
    dates = [last_modified(doc) for doc in model.documents.values() if doc.url in home_urls]
    alternates = [(home.hreflang, home.href) for home in homes] + [("x-default", root_href)]
    return SitemapEntry(
        loc=root_href,
        lastmod=max((date[:10] for date in dates), default=None),
        alternates=alternates,
    )


def own_404(model: SiteModel, docs_dir: str | None, locale: str | None = None) -> str | None:
    """The site's own 404 page (the root one, or ``locale``'s): ours is only the fallback.

    A page or document written to ``404.html`` (``docs/404.md`` with ``permalink:
    /404.html``, as GitHub Pages and Jekyll sites have it), or a ``docs/404.html`` copied as
    it is; for a locale, the same under ``<locale>/``.

    Returns:
        Its path relative to ``docs_dir``, or None.
    """
    dest = f"{locale}/404.html" if locale else "404.html"
    for doc in model.documents.values():
        if doc.output and doc.dest == dest:
            return doc.src_path
    if docs_dir is not None and Path(docs_dir, dest).is_file():
        return dest
    return None


def _restore_own_404(site: Path, model: SiteModel, docs_dir: str | None, page: str | None) -> None:
    """Put the site's own root 404 back: each locale pass writes the theme's over it.

    MkDocs renders the theme's ``404.html`` in every pass, before the pages, and over the
    static files: a ``docs/404.html`` never survived it, nor, on a multi-locale site, a
    page written to ``404.html`` by the first pass.
    """
    source = own_404(model, docs_dir)
    if source is None:
        return
    if source in model.documents:
        if page is not None:
            (site / "404.html").write_text(page, encoding="utf-8")
    elif docs_dir is not None:
        shutil.copyfile(Path(docs_dir, source), site / "404.html")


def _write_root_404(
    site: Path,
    homes: list[LocaleHome],
    settings: SiteSettings,
    *,
    default: str,
    env: Environment | None,
) -> None:
    """The root 404: the default locale's, sending other locales' readers to theirs."""
    source = site / default / "404.html"
    shown: str | None = default
    if not source.is_file():
        # No pass rendered the default locale's 404: decorate whichever root one exists.
        source, shown = site / "404.html", None
    if not source.is_file():
        return
    page = source.read_text(encoding="utf-8")
    (site / "404.html").write_text(
        render_root_404(page, homes, baseurl=settings.baseurl, shown=shown, env=env),
        encoding="utf-8",
    )


# -- sitemap and robots --------------------------------------------------------------------


PASS_SITEMAP = (
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    "<!-- mkdocs-jekyll: replaced by the whole site's sitemap after the last locale pass -->\n"
)
"""What a locale pass writes to ``sitemap.xml``: ``_write_sitemap`` replaces it at the end."""


def pass_sitemap(template: Any) -> Any:
    """The theme's ``sitemap.xml`` for one locale pass: a placeholder, not the theme's.

    Every pass (and every worker's) rendered the theme's sitemap of its pages, which the
    build's own sitemap then replaced, unread. The placeholder is not empty, so MkDocs
    writes it without a "Template skipped" line.

    Args:
        template: The theme's template, as MkDocs loaded it (a Jinja ``Template``).

    Returns:
        A template of the same environment rendering the placeholder.
    """
    return template.environment.from_string(PASS_SITEMAP)


def _write_sitemap(
    site: Path, entries: list[SitemapEntry], prepared: PreparedSitemap | None = None
) -> None:
    """Replace the per-pass sitemaps with the whole site's (``.gz`` alike), as prepared
    when its entries are the expected ones."""
    if prepared is not None and prepared.expected == entries:
        data, packed = prepared.data, prepared.packed
    else:
        data = render_sitemap(entries)
        packed = _packed(data)
    (site / "sitemap.xml").write_bytes(data)
    (site / "sitemap.xml.gz").write_bytes(packed)
    log.debug(f"sitemap.xml: {len(entries)} pages")


def _packed(data: bytes) -> bytes:
    """``sitemap.xml.gz``: mtime=0, so the same sitemap gives the same bytes, build after build."""
    return gzip.compress(data, mtime=0)


def _write_robots(site: Path, settings: SiteSettings, docs_dir: str | None) -> None:
    """``robots.txt`` naming the sitemap, unless the site has its own ``docs/robots.txt``."""
    target = site / "robots.txt"
    own = Path(docs_dir, "robots.txt") if docs_dir else None
    if own is not None and own.is_file():
        if not target.exists():
            # static-i18n's folder structure builds only locale folders: serve the file.
            shutil.copyfile(own, target)
        return
    if target.exists() and ROBOTS_MARKER not in target.read_text("utf-8", errors="replace"):
        return  # Another plugin's or a static file's: theirs.
    if not settings.url:
        # `Sitemap:` needs an absolute URL, which only `site_url` gives.
        log.debug("no robots.txt: set site_url to name the sitemap in it")
        return
    target.write_text(render_robots(settings.absolute_url("/sitemap.xml")), encoding="utf-8")


def _docs_dir(model: SiteModel) -> str | None:
    """The docs folder, from any document's absolute and relative paths."""
    for doc in model.documents.values():
        depth = len(PurePosixPath(doc.src_path).parts)
        return str(Path(doc.abs_path).parents[depth - 1])
    return None
