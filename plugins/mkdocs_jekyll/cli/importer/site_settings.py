"""Minimal Mistakes' site-level settings, mapped to what replaces them before the first build.

The look reads ``analytics``, ``comments``, ``footer``, ``consent``... from the ``jekyll``
plugin's ``site:`` (``features/site_features.py``) and warns about a key it has no use for,
which fails ``mkdocs build --strict``. A stock Minimal Mistakes ``_config.yml`` has such keys
(``compress_html``, Universal Analytics' ``provider: google``), so the import settles them
here: a key with an equivalent is rewritten to it, a key with none is left out, and each
case is a line of the summary quoting the look's own note. What the look still warns about
afterwards (a provider missing its ID) is a warning of the summary: the author must fix it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mkdocs_jekyll.features.site_features import read_site_features
from mkdocs_jekyll.jekyll.errors import ContentError

__all__ = ["SettledSite", "settle_site_settings"]

# Minimal Mistakes' site-level settings: the look reads them from `site:`.
SITE_FEATURES = (
    "analytics", "comments", "consent", "footer", "social", "atom_feed", "search",
    "search_provider", "head_scripts", "footer_scripts", "masthead_title", "breadcrumbs",
    "enable_copy_code_button", "rtl", "og_image", "twitter", "facebook", "logo",
)  # fmt: skip
# Universal Analytics and ga.js: Google serves neither; the Google tag takes the same IDs.
_OLD_ANALYTICS = frozenset({"google", "google-universal"})


@dataclass
class SettledSite:
    """``site:`` as the import writes it, and what the summary says about it."""

    site: dict[str, Any]
    search: bool = True
    """Whether Material's search plugin stays (``search: false`` turns it off)."""
    replaced: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def settle_site_settings(site: Mapping[str, Any]) -> SettledSite:
    """Rewrite or leave out the site-level keys the look would warn about.

    Args:
        site: ``_config.yml``'s keys as they go under ``site:``.

    Returns:
        The settled ``site:`` and the summary's lines.
    """
    settled = SettledSite(dict(site))
    values = settled.site
    if values.get("compress_html") is not None:
        del values["compress_html"]
        settled.replaced.append(
            "_config.yml compress_html: left out; pages are written as Material renders "
            "them (the mkdocs-minify-plugin package compresses them)"
        )
    if values.get("search") is False:
        del values["search"]
        settled.search = False
        settled.replaced.append(
            "_config.yml search: false: Material's search plugin is left out of mkdocs.yml"
        )
    provider = values.get("search_provider")
    if provider not in (None, "lunr"):
        del values["search_provider"]
        settled.replaced.append(
            f"_config.yml search_provider: {provider}: left out; Material's built-in search "
            "replaces it"
        )
    analytics = values.get("analytics")
    if isinstance(analytics, Mapping) and analytics.get("provider") in _OLD_ANALYTICS:
        old = analytics["provider"]
        analytics = values["analytics"] = {**analytics, "provider": "google-gtag"}
        settled.replaced.append(
            f"_config.yml analytics.provider: {old}: written as google-gtag (Google no longer "
            "serves Universal Analytics; the Google tag takes the same tracking_id)"
        )
    google = analytics.get("google") if isinstance(analytics, Mapping) else None
    if isinstance(google, Mapping) and "anonymize_ip" in google:
        values["analytics"] = {
            **analytics,  # type: ignore[dict-item]
            "google": {k: v for k, v in google.items() if k != "anonymize_ip"},
        }
        settled.replaced.append(
            "_config.yml analytics.google.anonymize_ip: left out; Google Analytics 4 always "
            "anonymizes IP addresses"
        )
    found = [key for key in SITE_FEATURES if values.get(key) not in (None, "", [], {})]
    if found:
        settled.replaced.append(
            f"_config.yml {', '.join(found)}: kept under the jekyll plugin's site:, where "
            "the Minimal Mistakes look reads them"
        )
    try:
        settled.warnings += read_site_features(values).notes
    except ContentError as err:
        settled.warnings.append(f"_config.yml: {err.message} (mkdocs build stops on it)")
    return settled
