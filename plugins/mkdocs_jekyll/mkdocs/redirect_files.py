"""jekyll-redirect-from's outputs: stubs at old URLs, ``redirect_to`` pages, redirects.json."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File

from mkdocs_jekyll.features.redirects import (
    Redirect,
    redirect_target,
    redirects_json,
    render_stub,
)
from mkdocs_jekyll.features.redirects import absolute as redirect_absolute
from mkdocs_jekyll.i18n.translations import bcp47
from mkdocs_jekyll.mkdocs.i18n_context import page_language

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.jekyll.documents import Document
    from mkdocs_jekyll.jekyll.drops import SiteSettings
    from mkdocs_jekyll.mkdocs.scan import SiteScan


def html_lang(scan: SiteScan, settings: SiteSettings, doc: Document) -> str:
    """The page's BCP 47 language: its locale, else its own ``lang`` (outside the locale
    folders; not ``x-default``), else the site's."""
    locale = scan.translations.locale_of(doc) or page_language(scan.translations, doc)
    return bcp47(locale or settings.lang or "en")


def redirect_file(
    config: MkDocsConfig,
    redirect: Redirect,
    *,
    scan: SiteScan,
    settings: SiteSettings,
    env: Environment,
) -> File:
    """A generated stub at the old URL (a static file: MkDocs copies it as it is)."""
    doc = scan.model.documents[redirect.source]
    content = render_stub(redirect.to, lang=html_lang(scan, settings, doc), env=env)
    return File.generated(config, redirect.dest, content=content)


def redirect_stub(
    doc: Document, *, scan: SiteScan, settings: SiteSettings, env: Environment
) -> str | None:
    """The stub replacing a ``redirect_to`` page's output, or None."""
    target = redirect_target(doc)
    if target is None:
        return None
    to = redirect_absolute(target, site_url=settings.url, baseurl=settings.baseurl)
    return render_stub(to, lang=html_lang(scan, settings, doc), env=env)


def write_redirects_json(config: MkDocsConfig, scan: SiteScan, settings: SiteSettings) -> None:
    """jekyll-redirect-from's ``redirects.json``, unless the site ships its own."""
    if (Path(config.docs_dir) / "redirects.json").exists():
        return
    extra = {}
    for doc in scan.model.built():
        target = redirect_target(doc)
        if target is not None:
            extra[doc.url] = redirect_absolute(
                target, site_url=settings.url, baseurl=settings.baseurl
            )
    path = Path(config.site_dir) / "redirects.json"
    path.write_text(redirects_json(scan.redirects, extra), encoding="utf-8")
