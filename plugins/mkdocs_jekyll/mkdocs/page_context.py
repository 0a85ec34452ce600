"""The variables our templates read for one page (``jekyll_*`` in the Jinja context)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.utils import get_relative_url

from mkdocs_jekyll.features.author import build_author_profile
from mkdocs_jekyll.features.furniture import page_furniture
from mkdocs_jekyll.features.paginator import pager_links
from mkdocs_jekyll.features.seo import SeoOptions, build_seo
from mkdocs_jekyll.i18n.ui_text import ui_text_for
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.mkdocs.feeds import head_link
from mkdocs_jekyll.mkdocs.i18n_context import current_locale, set_language_selector
from mkdocs_jekyll.mkdocs.pagination_pages import listed_posts
from mkdocs_jekyll.mkdocs.render_cache import error_block
from mkdocs_jekyll.mkdocs.site_features import feed_head_link, page_features

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from mkdocs_jekyll.features.author import AuthorProfile
    from mkdocs_jekyll.features.furniture import Furniture
    from mkdocs_jekyll.jekyll.documents import Document
    from mkdocs_jekyll.jekyll.drops import SiteSettings
    from mkdocs_jekyll.mkdocs.build import BuildState
    from mkdocs_jekyll.mkdocs.feeds import HeadLink

log = get_plugin_logger(__name__)


def render_page_context(
    state: BuildState,
    settings: SiteSettings,
    doc: Document | None,
    page: Page,
    config: MkDocsConfig,
    serving: bool,
) -> dict[str, Any]:
    """``page_context`` in the page's locale, and the language selector for its alternates.

    Raises:
        PluginError: A front matter value SEO must read is malformed (e.g. ``date``), as
            Jekyll stops on a bad date. Under ``mkdocs serve`` the page shows the error
            instead: a failed rebuild leaves MkDocs' server holding every request.
    """
    translations = state.scan.translations
    locale = (translations.locale_of(doc) if doc else None) or current_locale(config)
    context: dict[str, Any] = {}
    try:
        context = page_context(state, settings, doc, page, locale=locale)
    except ContentError as err:
        if not serving:
            raise PluginError(str(err)) from err
        log.error(str(err))
        page.content = error_block(str(err), state.setup.page_env) + (page.content or "")
    if doc is not None:
        set_language_selector(config, translations, doc, settings.baseurl)
    return context


def page_context(
    state: BuildState,
    settings: SiteSettings,
    doc: Document | None,
    page: Page,
    *,
    locale: str | None,
) -> dict[str, Any]:
    """Author, UI text, search base, furniture, alternates and SEO tags of one page.

    Args:
        state: The build: its site model, ``site.data``, rendered excerpts and authors.
        settings: The pass's settings (its ``site_name``, for SEO).
        doc: The page's document, or None for pages outside the model.
        page: MkDocs' page (its URL, title and Markdown).
        locale: The page's locale (its folder, else the pass's).

    Returns:
        The keys to add to the page's template context.

    Raises:
        ContentError: A front matter value SEO must read is malformed (e.g. ``date``).
    """
    scan, options = state.scan, state.setup.options
    data = scan.data
    context: dict[str, Any] = {
        "jekyll_author": state.authors.profile(locale),
        "jekyll_ui_text": page_ui_text(state, settings, locale),
        "jekyll_label": jekyll_label,
    }
    feed = state.shared.feed_link(state, settings, locale)
    if feed is not None:
        context["jekyll_feed"] = feed
    if locale is not None and page.url.startswith(f"{locale}/"):
        # Material loads `search/search_index.json` relative to its `base`.
        context["jekyll_search_base"] = get_relative_url(f"{locale}/", page.url)
    context.update(page_features(state, settings, doc, locale))
    if doc is None:
        return context
    context["jekyll_furniture"] = furniture_of(state, settings, doc)
    pager = scan.pagination.pagers.get(doc.src_path)
    if pager is not None:
        context["jekyll_paginator"] = pager_links(pager, settings.relative_url)
    absolute_url = state.shared.absolute_url
    context["jekyll_alternates"] = [
        (hreflang, absolute_url(settings, url))
        for hreflang, url in scan.translations.head_alternates(doc)
    ]
    if options.seo_enabled:
        context["jekyll_seo"] = build_seo(
            doc,
            settings=settings,
            options=SeoOptions.from_config(options),
            translations=scan.translations,
            heading=page.title,
            content=page.markdown,
            excerpt=state.cache.excerpts.get(doc.src_path),
            data=data,
            profile=context["jekyll_author"],
        )
    return context


def page_ui_text(state: BuildState, settings: SiteSettings, locale: str | None) -> dict[str, Any]:
    """``jekyll_ui_text``: the ui-text.yml labels of ``locale``, escaped (a page's own copy)."""
    shared = state.shared
    key = (locale, settings.lang)
    labels = shared.ui_texts.get(key)
    if labels is None:
        labels = _escaped(ui_text_for(state.scan.data.get("ui-text", {}), locale, settings.lang))
        shared.ui_texts[key] = labels
    return dict(labels)


def furniture_of(state: BuildState, settings: SiteSettings, doc: Document) -> Furniture:
    """``jekyll_furniture`` of a page: also what a generated archive's listing is made of."""
    scan = state.scan
    return page_furniture(
        doc,
        scan.model,
        site=settings.extra,
        data=scan.data,
        relative_url=settings.relative_url,
        default_locale=settings.lang,
        neighbours=_neighbours(state, doc),
        listed=listed_posts(scan.pagination, scan.model, doc.src_path),
        contents=state.cache.drops.pages,
    )


def _neighbours(state: BuildState, doc: Document) -> tuple[Document | None, Document | None]:
    """The documents ``page.previous`` and ``page.next`` hold (``build_drops`` links them)."""
    drop = state.cache.drops.pages.get(doc.src_path) or {}

    def document(key: str) -> Document | None:
        other = drop.get(key)
        documents = state.scan.model.documents
        return documents.get(other["path"]) if isinstance(other, Mapping) else None

    return document("previous"), document("next")


class SharedParts:
    """What many pages of a build compute alike, kept once per build (``BuildState.shared``).

    Each value depends only on what is fixed for the whole build (``site.data``, which the
    scan reads once) or for the pass (its settings) and on the key it is kept under, never
    on the page, so a page gets what it would have computed itself.
    """

    def __init__(self) -> None:
        self.ui_texts: dict[tuple[str | None, str | None], dict[str, Any]] = {}
        """(locale, the site's lang) -> the escaped labels (``page_ui_text``)."""
        self._urls: dict[tuple[str, str, str], str] = {}
        self._feeds: dict[str | None, HeadLink | None] = {}
        self._feeds_of: SiteSettings | None = None

    def feed_link(
        self, state: BuildState, settings: SiteSettings, locale: str | None
    ) -> HeadLink | None:
        """The head's feed link of ``locale``'s pages, once per pass (its settings) and locale.

        Raises:
            ContentError: A malformed ``feed`` option (raised again on every page, as before).
        """
        if self._feeds_of is not settings:
            self._feeds, self._feeds_of = {}, settings  # Another pass: its own site name.
        if locale in self._feeds:
            return self._feeds[locale]
        locales = bool(state.scan.translations.locales)
        feed = head_link(state.setup.options, settings, locale, locales=locales)
        feed = feed_head_link(feed, state.setup.features, settings)
        self._feeds[locale] = feed
        return feed

    def absolute_url(self, settings: SiteSettings, url: str) -> str:
        """``settings.absolute_url(url)``, computed once per URL and site URL.

        A translation group's pages list the same alternates in every locale's pass.
        """
        key = (url, settings.url, settings.baseurl)  # All Jekyll's absolute_url reads.
        found = self._urls.get(key)
        if found is None:
            found = self._urls[key] = settings.absolute_url(url)
        return found


class AuthorProfiles:
    """The site's author profile in each locale (a translated bio, name, ...), made once."""

    def __init__(self, author: Mapping[str, Any] | None, settings: SiteSettings) -> None:
        self._author = author
        self._settings = settings
        self._profiles: dict[str | None, AuthorProfile | None] = {}

    def profile(self, locale: str | None) -> AuthorProfile | None:
        """The profile in ``locale``; problems with the config are reported once per build."""
        if locale not in self._profiles:
            self._profiles[locale] = build_author_profile(
                self._author,
                relative_url=self._settings.relative_url,
                locale=locale,
                default_locale=self._settings.lang,
                report=not self._profiles,  # every locale reads the same config: warn once
            )
        return self._profiles[locale]


def _escaped(labels: dict[str, Any]) -> dict[str, Any]:
    """The labels' text as escaped ``Markup``: Material prints ``toc_label`` as it is
    (partials/toc.html), and ``| e`` leaves Markup alone in our templates."""
    return {
        key: escape(value) if isinstance(value, str) else value for key, value in labels.items()
    }


def jekyll_label(
    labels: Mapping[str, Any], fallback: Callable[[str], str]
) -> Callable[[str], Markup | str]:
    """``lang.t`` for partials/jekyll/language.html: a label of ``labels`` as escaped Markup.

    Material's partials/toc.html prints ``lang.t("toc")`` as it is and, in ``aria-label``,
    with ``| e``: Markup is right in both, where a Jinja macro's plain string would be
    either raw or escaped twice.

    Args:
        labels: Key to label (``{"toc": "On this page"}``); empty labels fall back.
        fallback: Material's own ``lang.t``.

    Returns:
        The ``t`` function the partials call.
    """

    def translate(key: str) -> Markup | str:
        label = labels.get(key)
        return escape(label) if label else fallback(key)

    return translate
