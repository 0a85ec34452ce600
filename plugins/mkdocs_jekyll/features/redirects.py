"""``redirect_from`` and ``redirect_to`` as jekyll-redirect-from does them.

``redirect_from: [/old/, /older]`` writes a stub page at each old URL that sends the reader
to the page's permalink; ``redirect_to: https://x`` turns the page itself into such a stub.
The stubs are jekyll-redirect-from's ``redirect.html`` (``templates/jekyll/redirect.html``, which
a site may override), with every value escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mkdocs_jekyll.features.page_templates import REDIRECT, render_document
from mkdocs_jekyll.jekyll.conflicts import WriteOrder, write_order
from mkdocs_jekyll.jekyll.documents import DEFAULTS_SOURCE, Document
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.findings import CONFLICTS, record_error
from mkdocs_jekyll.jekyll.log import plugin_logger
from mkdocs_jekyll.jekyll.permalinks import check_permalink, clean_url, url_to_dest
from mkdocs_jekyll.jekyll.safe_url import is_safe_url
from mkdocs_jekyll.jekyll.urls import compute_absolute_url

if TYPE_CHECKING:
    from jinja2 import Environment

log = plugin_logger(__name__)

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
    collection_labels: Sequence[str] = ("posts",),
) -> list[Redirect]:
    """Every ``redirect_from`` stub of the site, checked against pages and each other.

    An old URL that a page or document is written to is left out, with a warning naming
    both files: the page wins. (jekyll-redirect-from 0.16 writes its stub over a page and
    under a collection document, by Jekyll's write order; a stub never hides a page here.)
    An old URL two pages redirect is a warning too, and the stub written is the one
    jekyll-redirect-from generates last, as Jekyll then writes it last.

    Args:
        documents: The built documents of every locale.
        site_url: Scheme and host (Jekyll's ``url``), or ''.
        baseurl: Jekyll's ``baseurl``.
        on_error: Under ``mkdocs serve``: called with each refused entry's error instead
            of raising; the entry is left out and the rest of the site still builds.
        collection_labels: The collections in ``site.collections`` order, which orders
            jekyll-redirect-from's stubs.

    Returns:
        The stubs, in document order.

    Raises:
        ContentError: An old URL that leaves the site; the message gives the key's line.
    """
    documents = list(documents)
    owners = {doc.dest: doc.src_path for doc in documents}
    candidates: list[tuple[Redirect, Document, str]] = []
    for doc in documents:
        line = doc.key_lines.get("redirect_from")
        source = "front matter" if line is not None else DEFAULTS_SOURCE
        for key, raw in _entries(doc.data.get("redirect_from")):
            try:
                # Without this check, 'https://evil.example/' would write a stub at
                # 'https:/evil.example/index.html' and '/../x/' one at 'x/index.html'.
                check_permalink(raw, doc.src_path, line=line, key=key, source=source)
            except ContentError as err:
                if on_error is None:
                    raise
                on_error(err)
                continue
            from_url = clean_url(raw)
            dest = url_to_dest(from_url)
            page = owners.get(dest)
            if page is not None:
                taken = ContentError(
                    doc.src_path,
                    f"redirect_from '{raw}' is the URL of the page '{page}' ({dest}); "
                    "the page is written and the redirect left out. Remove the redirect "
                    "or move that page.",
                    line=line,
                )
                log.warning(taken.format())
                record_error(CONFLICTS, taken)
                continue
            target = absolute(doc.url, site_url=site_url, baseurl=baseurl)
            candidates.append((Redirect(doc.src_path, from_url, dest, target), doc, raw))
    return _one_stub_per_url(candidates, collection_labels)


def _one_stub_per_url(
    candidates: list[tuple[Redirect, Document, str]], labels: Sequence[str]
) -> list[Redirect]:
    """Keep, for each old URL, the stub jekyll-redirect-from writes last; warn for the rest.

    Its generator walks ``site.docs_to_write + site.pages`` and appends one page per entry
    to ``site.pages``, which Jekyll writes in that order: the last entry's stub stays.
    """

    def generated(item: tuple[Redirect, Document, str]) -> tuple[int, WriteOrder]:
        order = write_order(item[1], labels)
        return (1 if item[1].type == "pages" else 0, order)

    last: dict[str, tuple[Redirect, Document, str]] = {}
    for item in sorted(candidates, key=generated):
        last[item[0].dest] = item
    for redirect, doc, raw in candidates:
        kept = last[redirect.dest][0]
        if kept is redirect:
            continue
        shared = ContentError(
            doc.src_path,
            f"redirect_from '{raw}' is also a redirect of '{kept.source}'; only the "
            f"stub of '{kept.source}' is written, the one jekyll-redirect-from writes "
            "last. Keep it in one page's front matter only.",
            line=doc.key_lines.get("redirect_from"),
        )
        log.warning(shared.format())
        record_error(CONFLICTS, shared)
    kept_ids = {id(item[0]) for item in last.values()}
    return [redirect for redirect, _, _ in candidates if id(redirect) in kept_ids]


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
