"""``redirect_from`` and ``redirect_to`` as jekyll-redirect-from does them.

``redirect_from: [/old/, /older]`` writes a stub page at each old URL that sends the reader
to the page's permalink; ``redirect_to: https://x`` turns the page itself into such a stub.
The stubs are jekyll-redirect-from's ``redirect.html`` (``templates/jekyll/redirect.html``, which
a site may override), with every value escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mkdocs_jekyll.features.page_templates import REDIRECT, render_document
from mkdocs_jekyll.jekyll.documents import DEFAULTS_SOURCE, Document
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.permalinks import check_permalink, clean_url, url_to_dest
from mkdocs_jekyll.jekyll.safe_url import is_safe_url
from mkdocs_jekyll.jekyll.urls import compute_absolute_url

if TYPE_CHECKING:
    from jinja2 import Environment

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
    """jekyll-redirect-from's target: http(s) URLs as written, else ``absolute_url``.

    Mirrors ``RedirectPage#set_paths`` (jekyll-redirect-from 0.16): ``to =~ %r!^https?://!``
    keeps the target as written; anything else goes through Jekyll's ``absolute_url``, which
    keeps other schemes (``ftp:``) too and normalises a site path (``/a/../b c/`` ->
    ``https://example.com/repo/b%20c/``).
    """
    if _EXTERNAL.match(url):
        return url
    return compute_absolute_url(url, site_url, baseurl)


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


def render_stub(
    to: str,
    *,
    lang: str = "en-US",
    canonical: str | None = None,
    root: bool = False,
    env: Environment | None = None,
) -> str:
    """jekyll-redirect-from's ``redirect.html`` for ``to`` (``templates/jekyll/redirect.html``).

    The one redirect stub of the plugin: ``redirect_from`` stubs, ``redirect_to`` pages and
    the site root with ``i18n_root: redirect``.

    Args:
        to: Where the reader is sent.
        lang: The page's BCP 47 language.
        canonical: The target's absolute URL (else ``to``).
        root: The site's root page: marked as the plugin's own file (a rebuild may replace
            it) and left out of the browser history.
        env: The theme environment, whose ``overrides/jekyll/redirect.html`` wins.

    Returns:
        A complete HTML5 document; the template escapes each value for its context.
    """
    context = {"to": to, "canonical": to if canonical is None else canonical}
    return render_document(REDIRECT, {**context, "lang": lang, "root": root}, env)


def redirects_json(redirects: Iterable[Redirect], extra: Mapping[str, str]) -> str:
    """``redirects.json``: old URL to target, the ``redirect_to`` pages included."""
    mapping = {item.from_url: item.to for item in redirects}
    mapping.update(extra)
    return json.dumps(mapping)
