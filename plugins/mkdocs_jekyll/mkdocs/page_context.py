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
    feed = head_link(options, settings, locale, locales=bool(scan.translations.locales))
    feed = feed_head_link(feed, state.setup.features, settings)
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
    context["jekyll_alternates"] = [
        (hreflang, settings.absolute_url(url))
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
    """``jekyll_ui_text``: the ui-text.yml labels of ``locale``, escaped."""
    return _escaped(ui_text_for(state.scan.data.get("ui-text", {}), locale, settings.lang))


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
