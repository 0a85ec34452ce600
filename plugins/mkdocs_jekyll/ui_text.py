"""Localized UI text in Minimal Mistakes' ``_data/ui-text.yml`` format (stub: issue 3)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def load_ui_text(user: Any) -> dict[str, Any]:
    """The site's ui-text over the package's defaults, keyed by locale."""
    return dict(user) if isinstance(user, Mapping) else {}


def ui_text_for(
    ui_text: Mapping[str, Any], locale: str | None, default_locale: str | None
) -> dict[str, Any]:
    """The labels of one locale, looked up with a fallback chain."""
    value = ui_text.get(locale or "") if locale else None
    return dict(value) if isinstance(value, Mapping) else {}
