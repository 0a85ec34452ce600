"""Which URLs from front matter, data and config may become an ``href`` or ``src``.

MkDocs' Jinja does not autoescape, and even escaped, ``href="javascript:alert(1)"`` runs
when clicked. Every URL an author's file hands to a template (hero actions, header images,
author links, menus, redirects, og:image ...) goes through ``is_safe_url`` here, so the rule
is written once: http(s), ``mailto:``, ``tel:`` and relative URLs (paths, ``#frag``,
``?query``, protocol-relative ``//host``) pass; any other scheme (``javascript:``,
``data:``, ``vbscript:``) is refused, however it is spelled. No MkDocs import: the warning
goes through ``jekyll/log.py``'s logger under ``mkdocs.plugins``, so ``--strict`` counts it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from mkdocs_jekyll.jekyll.log import plugin_logger

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Schemes a link may use; anything else with a scheme is refused."""

_log = plugin_logger(__name__)

# What browsers ignore when they read a scheme (WHATWG URL parser): leading and trailing C0
# controls and spaces, and tabs and newlines anywhere (`java\tscript:`). Other controls are
# dropped too: nothing legitimate puts them in a URL.
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in ``url``, lower case, or None for a relative URL.

    Character references are decoded first (``&#106;avascript:``, ``javascript&colon;``), as
    an attribute value would be, and ignored characters removed (``java\\tscript:``).

    Args:
        url: The URL as the author wrote it.

    Returns:
        ``"https"``, ``"javascript"`` ..., or None.
    """
    text = _IGNORED.sub("", html.unescape(url))
    match = _SCHEME.match(text)
    return match[1].lower() if match else None


def is_safe_url(url: str) -> bool:
    """Whether ``url`` may be printed in an ``href`` or ``src``.

    Args:
        url: The URL as the author wrote it.

    Returns:
        True for http(s), ``mailto:``, ``tel:`` and relative URLs.
    """
    scheme = url_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES


def refusal(url: str, where: str) -> str:
    """The warning for a refused URL: ``where`` names the file and the key."""
    return (
        f"{where}: refused the URL '{url}': only http(s), mailto:, tel: and relative URLs "
        "are linked"
    )


def safe_url(url: str, *, where: str, warn: bool = True) -> str | None:
    """``url`` when it is safe; otherwise None, after a warning naming ``where``.

    Args:
        url: The URL as the author wrote it.
        where: The file and key it came from (``en/a.md: header.actions[0].url``).
        warn: False where another pass over the same value already warned (a second
            locale reading the same config).

    Returns:
        The URL unchanged, or None.
    """
    if is_safe_url(url):
        return url
    if warn:
        _log.warning(f"{refusal(url, where)}; it is left out.")
    return None


# Front matter keys whose values templates and SEO tags print as URLs: Minimal Mistakes'
# header and sidebar, jekyll-seo-tag's `image` and `canonical_url`, academicpages' talks.
_PAGE_URL_KEYS = (
    "link",
    "image",
    "canonical_url",
    "venue_url",
    "venueurl",
    "slidesurl",
    "paperurl",
    "talk_url",
)
_HEADER_URL_KEYS = ("image", "overlay_image", "teaser", "og_image")


def drop_unsafe_urls(data: Mapping[str, Any], source: str) -> dict[str, Any]:
    """A copy of a page's front matter without the URLs ``is_safe_url`` refuses.

    Each refused URL is reported once, naming the file and the key
    (``en/a.md: header.actions[0].url``); the values left are the author's, unchanged.

    Args:
        data: The page's front matter (defaults merged); not modified.
        source: The page's path relative to ``docs_dir``.

    Returns:
        The front matter, its ``header``, ``sidebar`` and ``image`` copied where a URL went.
    """
    meta = dict(data)
    target = meta.get("redirect_to")  # jekyll-redirect-from: the first entry of a list
    if isinstance(target, list):
        target = next((item for item in target if item is not None), None)
    if _refused(target, f"{source}: redirect_to"):
        del meta["redirect_to"]
    for key in _PAGE_URL_KEYS:
        if _refused(meta.get(key), f"{source}: {key}"):
            del meta[key]
    image = meta.get("image")
    if isinstance(image, Mapping) and _refused(image.get("path"), f"{source}: image.path"):
        del meta["image"]
    header = meta.get("header")
    if isinstance(header, Mapping):
        header = meta["header"] = dict(header)
        for key in _HEADER_URL_KEYS:
            if _refused(header.get(key), f"{source}: header.{key}"):
                del header[key]
        actions = header.get("actions")
        if isinstance(actions, list):
            header["actions"] = [
                {k: v for k, v in action.items() if k != "url"}
                if isinstance(action, Mapping)
                and _refused(action.get("url"), f"{source}: header.actions[{index}].url")
                else action
                for index, action in enumerate(actions)
            ]
    sidebar = meta.get("sidebar")
    blocks = [sidebar] if isinstance(sidebar, Mapping) else sidebar
    if isinstance(blocks, list):
        cleaned = [
            {k: v for k, v in block.items() if k != "image"}
            if isinstance(block, Mapping)
            and _refused(block.get("image"), f"{source}: sidebar[{index}].image")
            else block
            for index, block in enumerate(blocks)
        ]
        meta["sidebar"] = cleaned[0] if isinstance(sidebar, Mapping) else cleaned
    return meta


def _refused(value: Any, where: str) -> bool:
    """Whether ``value`` is a URL ``safe_url`` refuses (after warning about it)."""
    return isinstance(value, str) and safe_url(value, where=where) is None
