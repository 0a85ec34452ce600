"""Where the Atom feeds go and what they list: ``/feed.xml`` and one per locale.

``features/feed.py`` writes one feed from drops; this module picks, per locale, the posts,
the title and description (static-i18n's ``languages[].site_name`` and
``site_description``), the author and the home page, and writes every feed once after all
locale passes (``outputs.write_site_outputs``). It also gives each page its head link.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.features.author import localize_author
from mkdocs_jekyll.features.feed import (
    Channel,
    Feed,
    FeedConfig,
    feed_config,
    feeds,
    render_feed,
    select_entries,
)
from mkdocs_jekyll.i18n.translations import bcp47
from mkdocs_jekyll.jekyll.dates import site_zone
from mkdocs_jekyll.mkdocs.i18n_context import i18n_plugin

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.i18n.translations import Translations
    from mkdocs_jekyll.jekyll.documents import Document, SiteModel
    from mkdocs_jekyll.jekyll.drops import SiteDrops, SiteSettings

log = get_plugin_logger(__name__)

LocaleText = Mapping[str, tuple[str | None, str | None]]
"""Locale to its own ``(site_name, site_description)``; None where it has none."""


@dataclass(frozen=True)
class HeadLink:
    """A page's ``<link rel="alternate" type="application/atom+xml">``."""

    href: str
    title: str
    hreflang: str | None


def locale_text(config: MkDocsConfig) -> dict[str, tuple[str | None, str | None]]:
    """Each locale's ``site_name`` and ``site_description`` from static-i18n's languages."""
    plugin = i18n_plugin(config)
    if plugin is None:
        return {}
    return {
        str(lang.locale): (lang.site_name, lang.site_description)
        for lang in plugin.config.languages
    }


def feeds_active(options: Any, settings: SiteSettings) -> FeedConfig | None:
    """The feed options when feeds are written, else None.

    jekyll-feed's ``disable_in_development`` skips them while ``JEKYLL_ENV`` is
    ``development`` (Jekyll's default, and ours).

    Raises:
        ContentError: A ``site: feed:`` value of the wrong type.
    """
    if not options.feed_enabled:
        return None
    config = feed_config(settings.extra)
    if config.disable_in_development and settings.environment == "development":
        return None
    return config


def head_link(
    options: Any, settings: SiteSettings, locale: str | None, *, locales: bool
) -> HeadLink | None:
    """The link a page of ``locale`` prints to its locale's feed (the root one without
    locales), titled with the pass's site name; None when no feed is written."""
    config = feeds_active(options, settings)
    if config is None:
        return None
    prefix = f"/{locale}" if locale and locales else ""
    lang = bcp47(locale) if locale and locales else settings.lang
    return HeadLink(settings.absolute_url(prefix + config.path), settings.title, lang)


def write_feeds(
    site_dir: str,
    *,
    model: SiteModel,
    translations: Translations,
    settings: SiteSettings,
    options: Any,
    drops: SiteDrops,
    texts: LocaleText,
    docs_dir: str | None,
) -> list[str]:
    """Write ``/feed.xml`` and, on a multi-locale site, ``/<locale>/feed.xml`` per locale.

    The root feed lists the default locale's posts (and those of no locale), or the whole
    site's without locales. A feed path the site fills itself (a page written there, or a
    file in ``docs_dir``) is left alone, as jekyll-feed does.

    Returns:
        The feeds written, relative to ``site_dir``.
    """
    config = feeds_active(options, settings)
    if config is None or not drops.site:
        return []
    zone = site_zone(options.timezone)
    site = drops.site
    extra = settings.extra
    data = site.get("data")
    authors = data.get("authors") if isinstance(data, Mapping) else None
    time = site.get("time")
    if not isinstance(time, dt.datetime):
        time = dt.datetime.now(dt.UTC)
    xsl = docs_dir is not None and Path(docs_dir, "feed.xslt.xml").is_file()
    default = translations.locales[0] if translations.locales else None
    targets: list[tuple[str | None, str | None]] = [(None, default)]
    targets += [(locale, locale) for locale in translations.locales]
    written: list[str] = []
    for prefix_locale, locale in targets:
        name, description = texts.get(locale or "", (None, None))
        author = site.get("author")
        if isinstance(author, Mapping):
            author = localize_author(author, locale, settings.lang)
            author = {key: value for key, value in author.items() if value not in (None, "")}
        home = translations.homes.get(prefix_locale, f"/{prefix_locale}/") if prefix_locale else "/"
        # The site's own title and description (`settings`), not the drop's: its `site`
        # is the one of the locale pass that rendered first.
        channel = Channel(
            title=name or extra.get("title") or settings.title or extra.get("name"),
            description=description or extra.get("description") or settings.description,
            lang=bcp47(locale) if locale else site.get("lang"),
            author=author or None,
            home=settings.absolute_url(home),
            time=time,
        )
        prefix = f"/{prefix_locale}" if prefix_locale else ""
        documents = _documents(model, drops, translations, locale, root=prefix_locale is None)
        for feed in feeds(config, prefix):
            if _site_has(feed, model, docs_dir):
                log.debug(f"{feed.dest}: the site's own, not generated")
                continue
            entries = select_entries(
                documents.get(feed.collection, []),
                feed,
                config,
                zone,
                show_drafts=bool(getattr(options, "show_drafts", False)),
            )
            xml = render_feed(
                feed,
                channel,
                entries,
                config=config,
                absolute_url=settings.absolute_url,
                zone=zone,
                authors=authors if isinstance(authors, Mapping) else None,
                xsl=xsl,
            )
            target = Path(site_dir, feed.dest)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(xml, encoding="utf-8")
            written.append(feed.dest)
    log.debug(f"feeds: {', '.join(written) or 'none'}")
    return written


def _documents(
    model: SiteModel,
    drops: SiteDrops,
    translations: Translations,
    locale: str | None,
    *,
    root: bool,
) -> dict[str, list[Mapping[str, Any]]]:
    """The drops of each collection's documents in ``locale``, oldest first.

    Without locales every document; the root feed of a multi-locale site also lists the
    documents of no locale.
    """
    result: dict[str, list[Mapping[str, Any]]] = {}
    labels = {doc.type for doc in model.documents.values()} - {"pages"}
    for label in labels:
        docs: list[Document] = model.of_type(label)
        if label == "posts":
            docs.reverse()  # site.posts is newest first; the collection oldest first
        chosen: list[Mapping[str, Any]] = []
        for doc in docs:
            if not doc.output or doc.src_path not in drops.pages:
                continue
            if translations.locales:
                own = translations.locale_of(doc)
                if own != locale and not (root and own is None):
                    continue
            chosen.append(drops.pages[doc.src_path])
        result[label] = chosen
    return result


def _site_has(feed: Feed, model: SiteModel, docs_dir: str | None) -> bool:
    """Whether the site writes the feed's file itself (generator.rb ``file_exists?``)."""
    dest = feed.dest
    if any(doc.output and doc.dest == dest for doc in model.documents.values()):
        return True
    return docs_dir is not None and Path(docs_dir, dest).is_file()
