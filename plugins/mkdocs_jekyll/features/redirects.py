"""``redirect_from`` and ``redirect_to`` as jekyll-redirect-from does them.

``redirect_from: [/old/, /older]`` writes a stub page at each old URL that sends the reader
to the page's permalink; ``redirect_to: https://x`` turns the page itself into such a stub.
The stubs are jekyll-redirect-from's ``redirect.html``, with every value escaped.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from mkdocs_jekyll.jekyll.documents import DEFAULTS_SOURCE, Document
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.permalinks import check_permalink, clean_url, url_to_dest
from mkdocs_jekyll.jekyll.safe_url import is_safe_url

# jekyll-redirect-from keeps http(s) targets as written and absolute_url's the rest.
_EXTERNAL = re.compile(r"^https?://")


@dataclass(frozen=True)
class Redirect:
    """One stub: the old URL, its output file, and where it sends readers."""

    source: str
    """The page whose front matter asked for it."""
    from_url: str
    dest: str
    to: str


def _entries(value: object) -> list[tuple[str, str]]:
    """``Redirectable#redirect_from``: a string or a list, nils dropped.

    Each entry comes with its key as messages name it: ``redirect_from``, or
    ``redirect_from[1]`` for the second item of a list.
    """
    if value is None:
        return []
    if isinstance(value, list):
        return [
            (f"redirect_from[{index}]", str(item))
            for index, item in enumerate(value)
            if item is not None
        ]
    return [("redirect_from", str(value))]


def redirect_target(doc: Document) -> str | None:
    """``Redirectable#redirect_to``: the first entry of a list, else the value.

    A target ``is_safe_url`` refuses (``javascript:``) gives None: the page is built as a
    page, and the warning was given when its front matter was read (``drop_unsafe_urls``).
    """
    value = doc.data.get("redirect_to")
    if isinstance(value, list):
        value = next((item for item in value if item is not None), None)
    return None if value is None or not is_safe_url(str(value)) else str(value)


def absolute(url: str, *, site_url: str, baseurl: str) -> str:
    """jekyll-redirect-from's target: http(s) URLs as written, else ``absolute_url``."""
    if _EXTERNAL.match(url):
        return url
    return site_url + baseurl + (url if url.startswith("/") else "/" + url)


def collect_redirects(
    documents: Iterable[Document],
    *,
    site_url: str,
    baseurl: str,
    on_error: Callable[[ContentError], None] | None = None,
) -> list[Redirect]:
    """Every ``redirect_from`` stub of the site, checked against pages and each other.

    Args:
        documents: The built documents of every locale.
        site_url: Scheme and host (Jekyll's ``url``), or ''.
        baseurl: Jekyll's ``baseurl``.
        on_error: Under ``mkdocs serve``: called with each refused entry's error instead
            of raising; the entry is left out and the rest of the site still builds.

    Returns:
        The stubs, in document order.

    Raises:
        ContentError: An old URL that leaves the site, or that a page or another redirect
            already uses (both files are named); the message gives the key's line.
    """
    owners = {doc.dest: doc.src_path for doc in documents}
    redirects: list[Redirect] = []
    claimed: dict[str, Redirect] = {}
    for doc in documents:
        line = doc.key_lines.get("redirect_from")
        source = "front matter" if line is not None else DEFAULTS_SOURCE
        for key, raw in _entries(doc.data.get("redirect_from")):
            try:
                dest = _check_entry(raw, doc, key, line, source, owners, claimed)
            except ContentError as err:
                if on_error is None:
                    raise
                on_error(err)
                continue
            from_url = clean_url(raw)
            target = absolute(doc.url, site_url=site_url, baseurl=baseurl)
            redirect = Redirect(doc.src_path, from_url, dest, target)
            claimed[dest] = redirect
            redirects.append(redirect)
    return redirects


def _check_entry(
    raw: str,
    doc: Document,
    key: str,
    line: int | None,
    source: str,
    owners: Mapping[str, str],
    claimed: Mapping[str, Redirect],
) -> str:
    """Return the output file of one ``redirect_from`` entry, or raise why it is refused."""
    # Without this check, 'https://evil.example/' would write a stub at
    # 'https:/evil.example/index.html' and '/../x/' one at 'x/index.html'.
    check_permalink(raw, doc.src_path, line=line, key=key, source=source)
    dest = url_to_dest(clean_url(raw))
    page = owners.get(dest)
    if page is not None:
        raise ContentError(
            doc.src_path,
            f"redirect_from '{raw}' would overwrite the page '{page}' ({dest}); "
            "remove the redirect or move that page.",
            line=line,
        )
    other = claimed.get(dest)
    if other is not None:
        raise ContentError(
            doc.src_path,
            f"redirect_from '{raw}' is also a redirect of '{other.source}'; "
            "keep it in one page's front matter only.",
            line=line,
        )
    return dest


def render_stub(to: str, *, lang: str = "en-US") -> str:
    """jekyll-redirect-from's ``redirect.html`` for ``to``, escaped for each context."""
    attr = html.escape(to, quote=True)
    script = json.dumps(to).replace("<", "\\u003c")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang, quote=True)}">\n'
        '  <meta charset="utf-8">\n'
        "  <title>Redirecting&hellip;</title>\n"
        f'  <link rel="canonical" href="{attr}">\n'
        f"  <script>location={script}</script>\n"
        f'  <meta http-equiv="refresh" content="0; url={attr}">\n'
        '  <meta name="robots" content="noindex">\n'
        "  <h1>Redirecting&hellip;</h1>\n"
        f'  <a href="{attr}">Click here if you are not redirected.</a>\n'
        "</html>\n"
    )


def redirects_json(redirects: Iterable[Redirect], extra: Mapping[str, str]) -> str:
    """``redirects.json``: old URL to target, the ``redirect_to`` pages included."""
    mapping = {item.from_url: item.to for item in redirects}
    mapping.update(extra)
    return json.dumps(mapping)
