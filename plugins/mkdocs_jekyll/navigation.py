"""The site navigation from ``_data/navigation.yml`` (stub: issue 3)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation


def data_navigation(
    nav: Navigation,
    *,
    data: Mapping[str, Any],
    locale: str | None,
    default_locale: str | None,
    files: Files,
    config: MkDocsConfig,
    urls: Mapping[str, str],
) -> Navigation:
    """Replace ``nav`` by the ``main`` menu of ``navigation.yml`` for ``locale``."""
    return nav
