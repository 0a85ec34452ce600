"""Jekyll's URL rules: joining ``baseurl`` and a path, and Addressable's normalisation.

Mirrors ``lib/jekyll/filters/url_filters.rb`` (Jekyll 4.3), including the normalisation
Addressable applies to the joined URL (percent-encoding, dot segments, host case, default
port), so links built anywhere (Liquid filters and tags, SEO tags, the site model, the
sitemap, redirects, the Jinja ``relative_url`` filter of the theme templates) are
byte-for-byte the ones Jekyll writes. The one implementation: the Liquid filters in
``liquid/filters/urls.py`` and every other caller wrap it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote, unquote_to_bytes, urlsplit

# Addressable::URI#absolute? is true when the URL has a scheme.
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
# Characters Addressable leaves alone in each component (RFC 3986 pchar and friends).
_UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
_SUB_DELIMS = "!$&'()*+,;="
_PATH_SAFE = _SUB_DELIMS + ":@/"
_QUERY_SAFE = _SUB_DELIMS + ":@/?"
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_DEFAULT_PORTS = {"http": "80", "https": "443", "ftp": "21"}


def split_site_url(site_url: str | None) -> tuple[str, str]:
    """Split MkDocs' ``site_url`` into Jekyll's ``url`` and ``baseurl``.

    A Jekyll site names its host (``url: https://example.github.io``) and its project path
    (``baseurl: /repo``) apart; MkDocs has one ``site_url``. The one place that splits it:
    the ``site`` variables, the Jinja URL filters and the menu all agree on the base path.

    Args:
        site_url: ``https://example.github.io/repo/``, or ``None``/``''`` when unset.

    Returns:
        ``('https://example.github.io', '/repo')``; ``('', '')`` when unset. ``url`` is
        ``''`` without a host (a ``site_url`` of ``/repo/`` gives only the base path).
    """
    parts = urlsplit(site_url or "")
    url = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    return url, parts.path.rstrip("/")


def compute_relative_url(url: str, baseurl: str) -> str:
    """Join ``baseurl`` and ``url`` the way Jekyll does, used by filters and tags.

    Memoised for plain strings: the same links are joined again on every page that has
    them (``relative_url`` in content, the author profile, SEO tags). A ``str`` subclass
    such as ``Markup`` is computed each time, so it comes back as it went in.

    Args:
        url: The URL path; left alone when it has a scheme.
        baseurl: The site's base path (``''`` or ``'/repo'``).

    Returns:
        ``baseurl`` and ``url`` each given a leading slash, joined and normalised:
        ``('/en/cv/', '/repo') -> '/repo/en/cv/'``, ``('', '') -> ''``.
    """
    if type(url) is str and type(baseurl) is str:
        return _cached_relative_url(url, baseurl)
    return _relative_url(url, baseurl)


@lru_cache(maxsize=4096)
def _cached_relative_url(url: str, baseurl: str) -> str:
    return _relative_url(url, baseurl)


def _relative_url(url: str, baseurl: str) -> str:
    # url_filters.rb compute_relative_url / sanitized_baseurl / ensure_leading_slash.
    if SCHEME.match(url):
        return url
    parts = (baseurl.removesuffix("/"), url)
    joined = "".join(part if not part or part.startswith("/") else "/" + part for part in parts)
    return normalize_url(joined)


def compute_absolute_url(url: str, site_url: str, baseurl: str) -> str:
    """Jekyll's ``absolute_url``: ``site_url``, ``baseurl`` and ``url`` joined and normalised.

    Mirrors ``compute_absolute_url`` of ``lib/jekyll/filters/url_filters.rb`` (Jekyll 4.3):
    a URL with a scheme (``https:``, ``mailto:``, ``ftp:``) is kept as written, a site
    without ``url`` gets ``relative_url``, and the joined URL goes through Addressable's
    ``normalize`` (host in lower case, default port dropped, dot segments removed, bytes
    outside the allowed set percent-encoded). The one implementation: the Liquid filter,
    the SEO tags, the sitemap, the head alternates, the landing page and the redirect
    targets all call it, so an address is written the same everywhere. Memoised for
    plain strings, as ``compute_relative_url`` is.

    Args:
        url: The URL path from the site root (``/en/cv/``), or a full URL.
        site_url: Jekyll's ``url``: scheme and host (``https://example.com``), or ``''``.
        baseurl: Jekyll's ``baseurl`` (``''`` or ``'/repo'``).

    Returns:
        ``('/a b/', 'https://Example.com', '/repo') -> 'https://example.com/repo/a%20b/'``;
        ``('/a/', '', '/repo') -> '/repo/a/'``.
    """
    if type(url) is str and type(site_url) is str and type(baseurl) is str:
        return _cached_absolute_url(url, site_url, baseurl)
    return _absolute_url(url, site_url, baseurl)


@lru_cache(maxsize=8192)
def _cached_absolute_url(url: str, site_url: str, baseurl: str) -> str:
    """``compute_absolute_url`` memoised, as ``compute_relative_url`` is: every page's head
    alternates, then the sitemap, write each page's address again (3,000 normalisations
    of 600 addresses for the bench's sitemap alone, on the serial end of a build)."""
    return _absolute_url(url, site_url, baseurl)


def _absolute_url(url: str, site_url: str, baseurl: str) -> str:
    if SCHEME.match(url):
        return url
    relative = compute_relative_url(url, baseurl)
    return normalize_url(site_url + relative) if site_url else relative


def normalize_url(url: str) -> str:
    """Normalise a URL as ``Addressable::URI#normalize`` does for Jekyll's URL filters.

    Args:
        url: A URL, with or without scheme and authority.

    Returns:
        The URL with a lower-case scheme and host, no default port, dot segments removed
        from the path and percent-encoding made canonical in path, query and fragment.
    """
    url = unicodedata.normalize("NFC", url)
    fragment: str | None = None
    query: str | None = None
    if "#" in url:
        url, fragment = url.split("#", 1)
    if "?" in url:
        url, query = url.split("?", 1)
    prefix = ""
    scheme_match = SCHEME.match(url)
    scheme = ""
    if scheme_match:
        scheme = scheme_match.group()[:-1].lower()
        prefix = scheme + ":"
        url = url[scheme_match.end() :]
    if url.startswith("//"):
        authority, slash, path = url[2:].partition("/")
        prefix += "//" + _normalize_authority(authority, scheme)
        path = slash + path
        if not path:
            path = "/"
    else:
        path = url
    text = prefix + _remove_dot_segments(_encode(path, _PATH_SAFE))
    if query is not None:
        text += "?" + _encode(query, _QUERY_SAFE)
    if fragment is not None:
        text += "#" + _encode(fragment, _QUERY_SAFE)
    return text


def _normalize_authority(authority: str, scheme: str) -> str:
    userinfo, at, hostport = authority.rpartition("@")
    host, colon, port = hostport.partition(":")
    if colon and (not port or _DEFAULT_PORTS.get(scheme) == port):
        colon = port = ""
    return userinfo + at + host.lower() + colon + port


def _encode(component: str, safe: str) -> str:
    """Percent-encode what ``safe`` does not allow; decode encoded unreserved characters."""
    out: list[str] = []
    pos = 0
    for match in _PERCENT.finditer(component):
        out.append(quote(component[pos : match.start()], safe=safe))
        char = chr(int(match.group(1), 16))
        out.append(char if char in _UNRESERVED else match.group().upper())
        pos = match.end()
    out.append(quote(component[pos:], safe=safe))
    return "".join(out)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, as Addressable applies it to the path."""
    if "." not in path:
        return path
    output: list[str] = []
    rest = path
    while rest:
        if rest.startswith("../"):
            rest = rest[3:]
        elif rest.startswith("./"):
            rest = rest[2:]
        elif rest.startswith("/./"):
            rest = rest[2:]
        elif rest == "/.":
            rest = "/"
        elif rest.startswith("/../"):
            rest = rest[3:]
            if output:
                output.pop()
        elif rest == "/..":
            rest = "/"
            if output:
                output.pop()
        elif rest in (".", ".."):
            rest = ""
        else:
            start = 1 if rest.startswith("/") else 0
            end = rest.find("/", start)
            end = len(rest) if end < 0 else end
            output.append(rest[:end])
            rest = rest[end:]
    return "".join(output)


def uri_escape(text: str) -> str:
    """Escape a URL component as Jekyll's ``uri_escape`` does.

    Mirrors ``Addressable::URI.normalize_component``: existing escapes are decoded, then
    everything outside the reserved and unreserved sets is percent-encoded
    (``'foo, bar \\baz?' -> 'foo,%20bar%20%5Cbaz?'``).
    """
    raw = unquote_to_bytes(unicodedata.normalize("NFC", text))
    return quote(raw, safe=_SUB_DELIMS + ":/?#[]@")
