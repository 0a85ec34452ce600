"""Jekyll's URL filters: ``relative_url``, ``absolute_url`` and ``strip_index``.

Mirrors ``lib/jekyll/filters/url_filters.rb`` (Jekyll 4.3), including the normalisation
Addressable applies to the joined URL (percent-encoding, dot segments, host case, default
port), so links built in Liquid are byte-for-byte the ones Jekyll writes. The rules
themselves live in ``jekyll/urls.py``; these are the Liquid-facing wrappers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from liquid.filter import with_environment
from liquid.undefined import Undefined

from mkdocs_jekyll.jekyll.urls import compute_absolute_url, compute_relative_url
from mkdocs_jekyll.jekyll.urls import uri_escape as escape_uri
from mkdocs_jekyll.liquid.filters.values import to_s

if TYPE_CHECKING:
    from mkdocs_jekyll.liquid.environment import JekyllEnvironment


@with_environment
def relative_url(input_: object, *, environment: JekyllEnvironment) -> str | None:
    """Prefix a site path with ``baseurl``, as Jekyll's ``relative_url`` does.

    Args:
        input_: A URL path (``'/en/cv/'``); ``nil`` stays ``nil``.
        environment: The active environment, for ``baseurl``.

    Returns:
        The normalised URL relative to the domain root, or the input untouched when it
        already has a scheme.
    """
    if input_ is None or isinstance(input_, Undefined):
        return None
    url = _url_of(input_)
    environment.url_targets.append(url)
    return compute_relative_url(url, environment.settings.baseurl)


@with_environment
def absolute_url(input_: object, *, environment: JekyllEnvironment) -> str | None:
    """Prefix a site path with ``url`` and ``baseurl``, as Jekyll's ``absolute_url`` does.

    Args:
        input_: A URL path; ``nil`` stays ``nil``.
        environment: The active environment, for ``site_url`` and ``baseurl``.

    Returns:
        The absolute URL, or ``relative_url`` of the input when the site URL is unknown.
    """
    if input_ is None or isinstance(input_, Undefined):
        return None
    settings = environment.settings
    url = _url_of(input_)
    environment.url_targets.append(url)
    return compute_absolute_url(url, settings.site_url, settings.baseurl)


def strip_index(input_: object) -> str | None:
    """Drop a trailing ``/index.html`` (Jekyll's ``strip_index``) for pretty links."""
    if input_ is None or isinstance(input_, Undefined) or str(input_) == "":
        return None
    return re.sub(r"/index\.html?$", "/", str(input_), count=1)


def _url_of(value: object) -> str:
    """Return the URL of a page-like mapping (``input.url``) or the value as text."""
    if isinstance(value, dict) and "url" in value:
        value = value["url"]
    return to_s(value)


def uri_escape(input_: object) -> str:
    """Jekyll's ``uri_escape`` filter: ``nil`` gives ``''``, anything else is escaped as text."""
    if input_ is None or isinstance(input_, Undefined):
        return ""
    return escape_uri(to_s(input_))
