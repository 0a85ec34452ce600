"""Minimal Mistakes' site-level features, read from its own ``_config.yml`` keys.

A Minimal Mistakes site configures analytics, comments, extra scripts, the feed link and
its search in ``_config.yml``; here those keys sit under the ``jekyll`` plugin's ``site:``
option, so an imported ``_config.yml`` keeps working. This module reads them into plain
values (what to print, and what to tell the author about keys that have no equivalent);
``mkdocs/site_features.py`` hands them to Material's built-ins (``extra.analytics``,
``extra.consent``, ``extra.social``) and to our templates. No MkDocs import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mkdocs_jekyll.features.author import DEFAULT_ICON, icon_for_class
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.safe_url import is_safe_url, refusal

CONFIG_SOURCE = "mkdocs.yml"
_KEY = "plugins.jekyll.site."

ANALYTICS_PROVIDERS = ("google", "google-universal", "google-gtag", "custom")
"""Minimal Mistakes' ``analytics.provider`` values (``_includes/analytics.html``)."""

COMMENTS_PROVIDERS = (
    "disqus",
    "discourse",
    "facebook",
    "utterances",
    "giscus",
    "staticman",
    "staticman_v2",
    "custom",
)
"""Minimal Mistakes' ``comments.provider`` values (``_includes/comments.html``)."""

CONSENT_ACTIONS = ("accept", "reject", "manage")
"""Material's ``extra.consent.actions``."""


@dataclass(frozen=True)
class Analytics:
    """``analytics``: who counts the visits, as Minimal Mistakes' analytics include says."""

    provider: str
    """``google-gtag`` (also what ``google`` and ``google-universal`` become) or ``custom``."""
    tracking_id: str | None = None


@dataclass(frozen=True)
class Comments:
    """``comments``: the provider and its settings, with the site keys providers read."""

    provider: str
    settings: Mapping[str, Any]
    """The provider's own block (``comments.giscus``), values as written."""
    repository: str | None = None
    """``repository`` (``user/repo``): utterances, giscus and Staticman need it."""
    staticman: Mapping[str, Any] = field(default_factory=dict)
    """``staticman`` (``branch``, ``endpoint``): ``comments.staticman`` over the top level."""
    recaptcha: Mapping[str, Any] = field(default_factory=dict)
    """``reCaptcha`` (``siteKey``, ``secret``) of the Staticman form."""


@dataclass(frozen=True)
class Consent:
    """``consent``: Material's cookie consent, with text per locale unless given here."""

    title: str | None = None
    description: str | None = None
    actions: tuple[str, ...] = ("accept", "manage")


@dataclass(frozen=True)
class FooterLink:
    """A link in Material's footer (``extra.social``): Minimal Mistakes' ``footer.links``."""

    label: str
    url: str
    icon: str
    """A Material icon path (``fontawesome/brands/github``)."""


@dataclass(frozen=True)
class SiteFeatures:
    """What a Minimal Mistakes ``_config.yml`` asks the theme to print on every page."""

    analytics: Analytics | None = None
    comments: Comments | None = None
    consent: Consent | None = None
    head_scripts: tuple[str, ...] = ()
    footer_scripts: tuple[str, ...] = ()
    after_footer_scripts: tuple[str, ...] = ()
    feed_path: str | None = None
    """``atom_feed.path``: the feed the head and footer link to, printed as written."""
    feed_hide: bool = False
    """``atom_feed.hide``: no feed link in the footer (the head keeps its link)."""
    footer_links: tuple[FooterLink, ...] = ()
    copy_code: bool = False
    """``enable_copy_code_button``: Material's ``content.code.copy``."""
    rtl: bool = False
    """``rtl``: Material's ``theme.direction: rtl``."""
    notes: tuple[str, ...] = ()
    """Warnings for the author: keys with no equivalent here, and what replaces them."""


def read_site_features(site: Mapping[str, Any]) -> SiteFeatures:
    """Read Minimal Mistakes' site-level keys from the plugin's ``site:`` option.

    Args:
        site: The ``site`` option (``_config.yml``'s keys).

    Returns:
        The features, and one note per key that has no equivalent.

    Raises:
        ContentError: A key of the wrong shape (``comments: giscus``), named as its key in
            ``mkdocs.yml``, before any page is built.
    """
    notes: list[str] = _unsafe_profiles(site)
    return SiteFeatures(
        analytics=_analytics(site, notes),
        comments=_comments(site, notes),
        consent=_consent(site),
        head_scripts=_scripts(site, "head_scripts"),
        footer_scripts=_scripts(site, "footer_scripts"),
        after_footer_scripts=_scripts(site, "after_footer_scripts"),
        feed_path=_text(_block(site, "atom_feed"), "path", "atom_feed."),
        feed_hide=bool(_block(site, "atom_feed").get("hide")),
        footer_links=_footer_links(site, notes),
        copy_code=site.get("enable_copy_code_button") is True,
        rtl=site.get("rtl") is True,
        notes=tuple(notes + _search_notes(site)),
    )


# -----------------------------------------------------------------------------
# Analytics and comments
# -----------------------------------------------------------------------------


def _analytics(site: Mapping[str, Any], notes: list[str]) -> Analytics | None:
    block = _block(site, "analytics")
    provider = block.get("provider")
    if not provider:  # Minimal Mistakes' default: `provider: false`
        return None
    provider = _choice(provider, ANALYTICS_PROVIDERS, "analytics.provider")
    if provider == "custom":
        return Analytics("custom")
    google = _block(block, "google", "analytics.")
    tracking_id = _text(google, "tracking_id", "analytics.google.")
    if tracking_id is None:
        notes.append(
            f"{_KEY}analytics.google.tracking_id: Expected an ID such as 'G-XXXXXXXXXX' for "
            f"provider '{provider}', received nothing; no analytics are printed."
        )
        return None
    if provider != "google-gtag":
        # Google stopped processing Universal Analytics (analytics.js) in July 2023 and
        # ga.js long before; its Google tag (gtag.js) takes the same IDs.
        notes.append(
            f"{_KEY}analytics.provider: '{provider}' is no longer served by Google (Universal "
            "Analytics stopped in July 2023); printed as 'google-gtag' (Google tag, Material's "
            "extra.analytics) with the same tracking_id."
        )
    if google.get("anonymize_ip") is not None:
        notes.append(
            f"{_KEY}analytics.google.anonymize_ip: not used: Google Analytics 4 (gtag.js) "
            "always anonymizes IP addresses; remove the key."
        )
    return Analytics("google-gtag", tracking_id)


# What each provider needs (Minimal Mistakes prints no working widget without it).
_REQUIRED: dict[str, tuple[str, ...]] = {
    "disqus": ("shortname",),
    "discourse": ("server",),
    "giscus": ("repo_id", "category_name", "category_id"),
}


def _comments(site: Mapping[str, Any], notes: list[str]) -> Comments | None:
    block = _block(site, "comments")
    provider = block.get("provider")
    if not provider:
        return None
    provider = _choice(provider, COMMENTS_PROVIDERS, "comments.provider")
    settings = _block(block, provider, "comments.") if provider != "staticman_v2" else {}
    repository = _text(site, "repository", "")
    staticman = {**_block(site, "staticman"), **_block(block, "staticman", "comments.")}
    missing = [
        f"comments.{provider}.{key}" for key in _REQUIRED.get(provider, ()) if not settings.get(key)
    ]
    if provider in ("utterances", "giscus", "staticman", "staticman_v2") and not repository:
        missing.append("repository")
    if provider.startswith("staticman") and not staticman.get("branch"):
        missing.append("staticman.branch")
    if missing:
        keys = ", ".join(f"'{key}'" for key in missing)
        notes.append(
            f"{_KEY}comments.provider: '{provider}' needs {keys} (Minimal Mistakes' "
            "_config.yml keys); no comments are printed until they are set."
        )
        return None
    return Comments(
        provider=provider,
        settings=settings,
        repository=repository,
        staticman=staticman,
        recaptcha=_block(site, "reCaptcha"),
    )


def _consent(site: Mapping[str, Any]) -> Consent | None:
    """``consent: true`` or ``consent: {title, description, actions}`` (Material's shape)."""
    value = site.get("consent")
    if value is None or value is False:
        return None
    if value is True:
        return Consent()
    if not isinstance(value, Mapping):
        raise _config_error("consent", "true or a mapping {title, description, actions}", value)
    actions = value.get("actions", ["accept", "manage"])
    if not isinstance(actions, list) or not all(a in CONSENT_ACTIONS for a in actions):
        raise _config_error("consent.actions", "a list of 'accept', 'reject', 'manage'", actions)
    return Consent(
        title=_text(value, "title", "consent."),
        description=_text(value, "description", "consent."),
        actions=tuple(actions),
    )


# -----------------------------------------------------------------------------
# Scripts, footer links, search
# -----------------------------------------------------------------------------


def _scripts(site: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = site.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _config_error(key, "a list of script URLs or site paths", value)
    return tuple(v.strip() for v in value)


def _footer_links(site: Mapping[str, Any], notes: list[str]) -> tuple[FooterLink, ...]:
    """``footer.links`` ({label, icon, url}) with a URL: Minimal Mistakes skips the rest.

    A URL that could run script (``javascript:``) is left out with a note, as every other
    URL from the configuration is.
    """
    links = _block(site, "footer").get("links")
    if links is None:
        return ()
    if not isinstance(links, list):
        raise _config_error("footer.links", "a list of {label, icon, url}", links)
    result = []
    for index, item in enumerate(links):
        if not isinstance(item, Mapping):
            raise _config_error(f"footer.links[{index}]", "a mapping {label, icon, url}", item)
        url = _text(item, "url", f"footer.links[{index}].")
        if url and not is_safe_url(url):
            notes.append(
                refusal(url, f"plugins.jekyll.site.footer.links[{index}].url") + "; it is left out."
            )
        elif url:
            icon = item.get("icon")
            label = _text(item, "label", f"footer.links[{index}].") or url
            result.append(
                FooterLink(label, url, icon_for_class(icon if isinstance(icon, str) else None))
            )
    return tuple(result)


def _unsafe_profiles(site: Mapping[str, Any]) -> list[str]:
    links = _block(site, "social").get("links")
    return [
        refusal(url, f"plugins.jekyll.site.social.links[{index}]")
        + "; it is left out of the footer."
        for index, url in enumerate(links if isinstance(links, list) else [])
        if isinstance(url, str) and url and not is_safe_url(url)
    ]


def social_links(site: Mapping[str, Any]) -> tuple[FooterLink, ...]:
    """``social.links`` (profile URLs, jekyll-seo-tag's ``sameAs``) as footer links."""
    links = _block(site, "social").get("links")
    if links is None:
        return ()
    if not isinstance(links, list) or not all(isinstance(link, str) for link in links):
        raise _config_error("social.links", "a list of profile URLs", links)
    # An unsafe profile URL is left out (``read_site_features`` notes it once per build).
    return tuple(
        FooterLink(_host(url), url, icon_for_url(url)) for url in links if url and is_safe_url(url)
    )


# Profile hosts -> Material's Font Awesome brand icons.
_HOST_ICONS = {
    "github.com": "github",
    "gitlab.com": "gitlab",
    "twitter.com": "x-twitter",
    "x.com": "x-twitter",
    "linkedin.com": "linkedin",
    "facebook.com": "facebook",
    "instagram.com": "instagram",
    "youtube.com": "youtube",
    "bsky.app": "bluesky",
    "orcid.org": "orcid",
    "scholar.google.com": "google-scholar",
    "researchgate.net": "researchgate",
    "stackoverflow.com": "stack-overflow",
    "medium.com": "medium",
    "keybase.io": "keybase",
    "kaggle.com": "kaggle",
}


def icon_for_url(url: str) -> str:
    """A brand icon for a profile URL's host; the link icon for other hosts."""
    host = _host(url)
    for suffix, glyph in _HOST_ICONS.items():
        if host == suffix or host.endswith("." + suffix):
            return f"fontawesome/brands/{glyph}"
    return DEFAULT_ICON


def _host(url: str) -> str:
    rest = url.split("//", 1)[-1]
    return rest.split("/", 1)[0].lower().removeprefix("www.")


def _search_notes(site: Mapping[str, Any]) -> list[str]:
    """Keys with no equivalent: another search, no search, HTML compression."""
    notes = []
    provider = site.get("search_provider")
    if provider not in (None, "lunr"):  # lunr: what Material's own search plugin runs
        settings = f" (nor its '{provider}' settings)" if site.get(str(provider)) else ""
        notes.append(
            f"{_KEY}search_provider: '{provider}' is not used{settings}: Material's built-in "
            "search (the 'search' plugin) replaces it."
        )
    if site.get("search") is False:
        notes.append(
            f"{_KEY}search: false is not used: the search is Material's 'search' plugin; "
            "remove it from plugins to have no search."
        )
    if site.get("compress_html") is not None:
        notes.append(
            f"{_KEY}compress_html: not used: pages are written as Material renders them; "
            "the mkdocs-minify-plugin package compresses them."
        )
    return notes


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


def _block(site: Mapping[str, Any], key: str, where: str = "") -> Mapping[str, Any]:
    value = site.get(key)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _config_error(f"{where}{key}", "a mapping", value)
    return value


def _text(block: Mapping[str, Any], key: str, where: str) -> str | None:
    value = block.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _config_error(f"{where}{key}", "text", value)
    return str(value)


def _choice(value: Any, choices: tuple[str, ...], key: str) -> str:
    if value not in choices:
        names = ", ".join(f"'{choice}'" for choice in choices)
        raise _config_error(key, f"one of {names}", value)
    return str(value)


def _config_error(key: str, expected: str, value: object) -> ContentError:
    return ContentError(CONFIG_SOURCE, f"{_KEY}{key}: Expected {expected}, received '{value}'.")
