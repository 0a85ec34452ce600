"""Minimal Mistakes' site-level features on Material: analytics, comments, consent, scripts.

``features/site_features.py`` reads the ``_config.yml`` keys; this module maps them to
Material's built-ins where Material has one (``extra.analytics`` for the Google tag,
``extra.consent`` for the cookie banner, ``extra.social`` for the footer's links,
``content.code.copy``, ``theme.direction``) and gives each page what our templates print
where Material has none: the comments widget of Minimal Mistakes' providers, the site's
custom analytics and comments includes, and ``head_scripts``/``footer_scripts``.

With consent on, nothing leaves the site before the visitor agrees: Material holds its
Google tag back, our templates hold every third-party script (comments, custom analytics)
in a ``<template data-jekyll-consent>`` that runs only once its cookie type is accepted,
and Google Fonts are turned off (Minimal Mistakes uses the system fonts anyway).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.features.site_features import (
    FooterLink,
    SiteFeatures,
    read_site_features,
    social_links,
)
from mkdocs_jekyll.i18n.ui_text import load_ui_text, ui_text_for
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.mkdocs.feeds import HeadLink, feeds_active
from mkdocs_jekyll.mkdocs.i18n_context import current_locale, language_names

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.jekyll.documents import Document
    from mkdocs_jekyll.jekyll.drops import SiteSettings
    from mkdocs_jekyll.mkdocs.build import BuildSetup, BuildState

log = get_plugin_logger(__name__)

_MATERIAL_FONT = {"text": "Roboto", "code": "Roboto Mono"}
"""Material's default ``theme.font`` (its mkdocs_theme.yml): Google Fonts."""
_FEED_ICON = "fontawesome/solid/square-rss"
_OURS = "generated_by_mkdocs_jekyll"
"""Marks the ``extra.social`` entries made here (Material ignores other keys)."""
_CUSTOM_ANALYTICS = "analytics-providers/custom.html"
_CUSTOM_COMMENTS = "comments-providers/custom.html"
_CUSTOM_COMMENTS_SCRIPTS = "comments-providers/custom_scripts.html"
_PROVIDER_NAMES = {
    "disqus": "Disqus",
    "discourse": "Discourse",
    "facebook": "Facebook",
    "utterances": "utterances",
    "giscus": "giscus",
    "staticman": "Staticman",
    "staticman_v2": "Staticman",
    "custom": "",
}


def read_features(site: Mapping[str, Any]) -> SiteFeatures:
    """The site's Minimal Mistakes features; a malformed key stops the build in one line.

    Raises:
        PluginError: A key of the wrong shape, named as its key in ``mkdocs.yml``.
    """
    try:
        return read_site_features(site)
    except ContentError as err:
        raise PluginError(str(err)) from err


def apply_site_features(config: MkDocsConfig, setup: BuildSetup, *, report: bool) -> None:
    """Give Material the features it has built in; warn once about keys with no equivalent.

    The site's own ``extra.analytics``, ``extra.consent``, ``extra.social``, ``theme.font``
    and ``theme.direction`` in ``mkdocs.yml`` win. Runs in every locale pass (static-i18n
    passes share one configuration, and each links its own feed); only the first
    (``report``) logs.
    """
    features, settings = setup.features, setup.settings
    extra = config.extra
    notes = list(features.notes)
    analytics = features.analytics
    production = settings.environment == "production"
    if analytics is not None and analytics.tracking_id and production:
        # Minimal Mistakes prints analytics only when JEKYLL_ENV is production.
        extra.setdefault("analytics", {"provider": "google", "property": analytics.tracking_id})
    if features.consent is not None and "consent" not in extra:
        extra["consent"] = consent_config(features, None, settings.lang, ui_text=None)
        if config.theme.get("font") == _MATERIAL_FONT:
            config.theme["font"] = False
            if report:
                log.info(
                    "Google Fonts are off: the site asks for consent (site.consent) and they "
                    "load from Google before it; set theme.font to have them anyway."
                )
    links = _footer_links(features, settings, setup.options, config)
    social = extra.get("social")
    if links and (social is None or all(_ours(entry) for entry in social)):
        # Each locale pass replaces the previous pass's links (its own feed); the site's
        # own `extra.social` stays.
        extra["social"] = links
    features_list = config.theme.get("features")
    if features.copy_code and isinstance(features_list, list):
        if "content.code.copy" not in features_list:
            features_list.append("content.code.copy")
    if features.rtl and not config.theme.get("direction"):
        config.theme["direction"] = "rtl"
    if features.analytics is not None and features.analytics.provider == "custom":
        if not (setup.root / setup.options.includes_dir / _CUSTOM_ANALYTICS).is_file():
            notes.append(
                f"plugins.jekyll.site.analytics.provider: 'custom' prints the site's "
                f"{setup.options.includes_dir}/{_CUSTOM_ANALYTICS}, which does not exist."
            )
    if features.comments is not None and features.comments.provider == "custom":
        if not (setup.root / setup.options.includes_dir / _CUSTOM_COMMENTS).is_file():
            notes.append(
                f"plugins.jekyll.site.comments.provider: 'custom' prints the site's "
                f"{setup.options.includes_dir}/{_CUSTOM_COMMENTS}, which does not exist."
            )
    if report:
        for note in notes:
            log.warning(f"mkdocs.yml: {note}")


def consent_config(
    features: SiteFeatures,
    locale: str | None,
    default_locale: str | None,
    *,
    ui_text: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """Material's ``extra.consent`` in ``locale``: ui-text's wording unless the site gives its own.

    Cookie types beyond Material's ``analytics`` (Google tag) and ``github``: ``analytics``
    for a custom analytics include and ``comments`` for the comments widget.
    """
    labels = ui_text_for(
        ui_text if ui_text is not None else load_ui_text(None), locale, default_locale
    )
    consent = features.consent
    assert consent is not None
    cookies: dict[str, str] = {}
    if features.analytics is not None and features.analytics.provider == "custom":
        cookies["analytics"] = str(labels.get("cookie_consent_analytics") or "Analytics")
    if features.comments is not None:
        name = _PROVIDER_NAMES[features.comments.provider]
        label = str(labels.get("comments_title") or "Comments")
        cookies["comments"] = f"{label} ({name})" if name else label
    return {
        "title": consent.title or str(labels.get("cookie_consent_title") or ""),
        "description": consent.description or str(labels.get("cookie_consent_description") or ""),
        "actions": list(consent.actions),
        "cookies": cookies,
    }


def feed_head_link(
    link: HeadLink | None, features: SiteFeatures, settings: SiteSettings
) -> HeadLink | None:
    """``atom_feed.path`` replaces the head's feed link, as written (Minimal Mistakes' head)."""
    if features.feed_path is None:
        return link
    return HeadLink(features.feed_path, settings.title, link.hreflang if link else settings.lang)


def page_features(
    state: BuildState, settings: SiteSettings, doc: Document | None, locale: str | None
) -> dict[str, Any]:
    """The ``jekyll_*`` template variables of the site's features on one page."""
    features = state.setup.features
    context: dict[str, Any] = {
        "jekyll_scripts": {
            "head": [settings.relative_url(s) for s in features.head_scripts],
            "footer": [settings.relative_url(s) for s in features.footer_scripts],
            "after_footer": [settings.relative_url(s) for s in features.after_footer_scripts],
        }
    }
    if features.consent is not None:
        ui_text = state.scan.data.get("ui-text") or load_ui_text(None)
        context["jekyll_consent"] = consent_config(features, locale, settings.lang, ui_text=ui_text)
    if doc is None:
        return context
    drop = state.cache.drops.pages.get(doc.src_path) or {}
    analytics = features.analytics
    if (
        analytics is not None
        and analytics.provider == "custom"
        and settings.environment == "production"
        and doc.data.get("analytics") is not False
    ):
        context["jekyll_custom_analytics"] = _render_include(state, doc, _CUSTOM_ANALYTICS)
    comments = features.comments
    if comments is not None and doc.data.get("comments"):
        context["jekyll_comments"] = _comments_context(state, settings, doc, drop)
    return context


def _comments_context(
    state: BuildState, settings: SiteSettings, doc: Document, drop: Mapping[str, Any]
) -> dict[str, Any]:
    """What ``partials/jekyll/comments.html`` prints for the page's provider."""
    comments = state.setup.features.comments
    assert comments is not None
    url = settings.absolute_url(doc.url)
    slug = str(drop.get("slug") or Path(doc.url.rstrip("/")).name or "index")
    context: dict[str, Any] = {
        "provider": comments.provider,
        "settings": comments.settings,
        "repository": comments.repository,
        "url": url,
        # Minimal Mistakes' discourse.html: the canonical URL without index.html or the
        # trailing slash (`remove:'index.html' | strip_slash`).
        "canonical": url.removesuffix("index.html").rstrip("/"),
        "id": str(drop.get("id") or ""),
        "slug": slug,
        "staticman": comments.staticman,
        "recaptcha": comments.recaptcha,
        "entries": _staticman_entries(state.scan.data, slug),
    }
    if comments.provider == "custom":
        context["custom"] = _render_include(state, doc, _CUSTOM_COMMENTS)
        scripts = state.setup.root / state.setup.options.includes_dir / _CUSTOM_COMMENTS_SCRIPTS
        if scripts.is_file():
            context["custom_scripts"] = _render_include(state, doc, _CUSTOM_COMMENTS_SCRIPTS)
    return context


def _staticman_entries(data: Mapping[str, Any], slug: str) -> list[Mapping[str, Any]]:
    """``site.data.comments[page.slug]``: the approved comments Staticman committed."""
    comments = data.get("comments")
    entries = comments.get(slug) if isinstance(comments, Mapping) else None
    if not isinstance(entries, Mapping):
        return []
    return [entries[key] for key in sorted(entries) if isinstance(entries[key], Mapping)]


def _render_include(state: BuildState, doc: Document, name: str) -> str:
    """The site's include ``name`` rendered with the page's ``page`` and ``site``."""
    include = state.setup.root / state.setup.options.includes_dir / name
    if not include.is_file():
        return ""
    try:
        return state.cache.render(doc, "{% include " + name + " %}")
    except ContentError as err:
        raise PluginError(str(err)) from err


def _footer_links(
    features: SiteFeatures, settings: SiteSettings, options: Any, config: MkDocsConfig
) -> list[dict[str, Any]]:
    """Material's ``extra.social``: ``footer.links``, ``social.links``, then the pass's feed.

    The feed is the one the pass's pages link in their head: ``atom_feed.path``, else the
    locale's own (``/es-419/feed.xml``), else ``/feed.xml``.
    """
    try:
        profiles = social_links(settings.extra)
    except ContentError as err:
        raise PluginError(str(err)) from err
    links: list[FooterLink] = [*features.footer_links]
    seen = {link.url for link in links}
    links += [link for link in profiles if link.url not in seen]
    if links or features.feed_path:
        feed = features.feed_path
        active = feeds_active(options, settings) if feed is None else None
        names = language_names(config) or {}
        locale = current_locale(config) if len(names) > 1 else None
        if locale is not None and locale not in names:
            locale = settings.lang  # the first pass, before static-i18n picks its language
        if active is not None:
            feed = settings.relative_url(f"/{locale}{active.path}" if locale else active.path)
        if feed and not features.feed_hide:
            labels = ui_text_for(load_ui_text(None), locale, settings.lang)
            links.append(FooterLink(str(labels.get("feed_label") or "Feed"), feed, _FEED_ICON))
    result = []
    for link in links:
        icon = link.icon if _icon_exists(config, link.icon) else "fontawesome/solid/link"
        # Material prints `link` as it is (partials/social.html): escape it here.
        result.append({"icon": icon, "link": escape(link.url), "name": link.label, _OURS: True})
    return result


def _ours(entry: Any) -> bool:
    """Whether an ``extra.social`` entry is one a previous pass of this build made."""
    return isinstance(entry, Mapping) and entry.get(_OURS) is True


def _icon_exists(config: MkDocsConfig, icon: str) -> bool:
    """Material includes ``.icons/<icon>.svg`` without ``ignore missing``."""
    return any((Path(folder) / ".icons" / f"{icon}.svg").is_file() for folder in config.theme.dirs)
