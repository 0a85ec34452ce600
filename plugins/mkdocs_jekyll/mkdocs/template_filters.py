"""Jekyll's URL filters for the theme's Jinja templates: ``relative_url`` and ``absolute_url``.

Minimal Mistakes writes ``{{ action.url | relative_url }}`` in its Liquid includes; our Jinja
ports of them write the same, and these filters make it mean the same: the rules of
``jekyll/urls.py`` (Jekyll's ``url_filters.rb`` and Addressable's normalisation), not a
Jinja macro of their own, so a hero button, a talk link and a Liquid link in the page's
Markdown are written alike (``/go/?b="2"`` -> ``/repo/go/?b=%222%22``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from jinja2 import Undefined

from mkdocs_jekyll.jekyll.urls import compute_absolute_url, compute_relative_url, split_site_url

if TYPE_CHECKING:
    from jinja2 import Environment


def install_url_filters(env: Environment, site_url: str | None) -> None:
    """Register ``relative_url`` and ``absolute_url`` for ``site_url`` on ``env``.

    Called from ``on_env`` on every build's environment, before any template is compiled
    (Jinja resolves filter names at compile time). The filters are closures over the base
    path, the same in every locale pass, so the shared compiled templates stay valid.

    Args:
        env: The build's Jinja environment.
        site_url: MkDocs' ``site_url`` (Jekyll's ``url`` and ``baseurl`` in one), or None.
    """
    url, baseurl = split_site_url(site_url)

    def relative_url(value: object) -> str:
        return "" if _nil(value) else compute_relative_url(str(value), baseurl)

    def absolute_url(value: object) -> str:
        return "" if _nil(value) else compute_absolute_url(str(value), url, baseurl)

    filters: dict[str, Callable[[object], str]] = {
        "relative_url": relative_url,
        "absolute_url": absolute_url,
    }
    env.filters.update(filters)


def _nil(value: object) -> bool:
    """Liquid's ``nil`` in Jinja: a missing key prints nothing, as ``nil | relative_url``."""
    return value is None or isinstance(value, Undefined)
