"""Files written once per build after every locale pass (stub: issue 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .i18n import Translations
    from .site.documents import SiteModel
    from .site.drops import SiteSettings


def write_site_outputs(
    site_dir: str,
    *,
    model: SiteModel,
    translations: Translations,
    settings: SiteSettings,
    options: Any,
) -> None:
    """Write sitemap.xml, robots, the root landing page, the root 404 and the report."""


def localized_404(output: str, *, site_dir: str, locale: str | None) -> None:
    """Copy the locale pass's 404 page to ``<locale>/404.html``."""
