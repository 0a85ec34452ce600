"""jekyll-paginate's pagination, per locale: which pages are paginated, at which URLs, with
which posts. No MkDocs import: the scan hands in the site model.

jekyll-paginate (pager.rb, pagination.rb) paginates ``site.posts`` on one page, the
``index.html`` in ``paginate_path``'s folder (or the nearest folder above it), page 1 at the
page's own URL and page N at ``paginate_path`` with ``:num``. Here:

- each locale folder has its own blog index: ``paginate_path: /blog/page:num/`` means
  ``/<locale>/blog/page:num/`` for ``docs/<locale>/blog/index.html`` (or ``index.md``), which
  paginates that locale's posts only. Outside the locale folders, a site without locales
  follows jekyll-paginate exactly; a site with locales paginates the page in
  ``paginate_path``'s own folder (``docs/blog/index.html``), over the posts of no locale;
- any page whose front matter says ``pagination: {enabled: true}`` (jekyll-paginate-v2's
  convention) is paginated too, over its locale's posts (``per_page`` from its
  ``pagination``, else ``paginate``, else 10), page N at ``<page URL>page<N>/`` for
  ``paginate_path: /page:num/`` (the last segment of ``paginate_path``).

Page N (N >= 2) is a copy of the page's document at its own URL (``Page.new`` + ``dir =
paginate_path`` in pagination.rb), out of the search index (its text repeats page 1's), and
paired with the other locales' page N through its ``i18n_key`` plus ``#page<N>``.
"""

from __future__ import annotations

import dataclasses
import math
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from mkdocs_jekyll.jekyll.documents import Document, SiteModel

DEFAULT_PAGINATE_PATH = "/page:num/"
"""jekyll-paginate's default ``paginate_path`` (Jekyll's configuration.rb)."""
DEFAULT_PER_PAGE = 10
"""jekyll-paginate-v2's ``per_page`` default, for ``pagination: {enabled: true}`` pages of a
site that sets no ``paginate``."""
_KEY_NAMES = ("i18n_key", "ref")
"""The front matter keys pairing translations (``i18n/translations.translation_key``)."""
_NOT_COPIED = ("redirect_from", "redirect_to", "permalink")
"""Front matter of the first page that would clash on a copy: stubs, an own permalink."""


@dataclass(frozen=True)
class Pager:
    """One page of a series: pager.rb's ``Pager`` (``to_liquid`` keys), posts by path."""

    page: int
    per_page: int
    posts: tuple[str, ...]
    """The ``src_path`` of each post on this page, newest first."""
    total_posts: int
    total_pages: int
    previous_page: int | None
    previous_page_path: str | None
    next_page: int | None
    next_page_path: str | None
    first_page_path: str
    """Page 1's URL (ours: MM's paginator include links page 1 without ``paginate_path``)."""
    paginate_path: str
    """The series' URL pattern with ``:num`` (ours: the locale's ``paginate_path``)."""

    def path_of(self, number: int) -> str:
        """The URL of page ``number`` of the series (pager.rb ``Pager.paginate_path``)."""
        if number <= 1:
            return self.first_page_path
        return self.paginate_path.replace(":num", str(number))

    def to_liquid(self, drops: Mapping[str, Any]) -> dict[str, Any]:
        """The ``paginator`` variable: pager.rb ``to_liquid``, posts as their drops."""
        return {
            "page": self.page,
            "per_page": self.per_page,
            "posts": [drops[path] for path in self.posts if path in drops],
            "total_posts": self.total_posts,
            "total_pages": self.total_pages,
            "previous_page": self.previous_page,
            "previous_page_path": self.previous_page_path,
            "next_page": self.next_page,
            "next_page_path": self.next_page_path,
            "first_page_path": self.first_page_path,
            "paginate_path": self.paginate_path,
        }


@dataclass
class Pagination:
    """Every paginated page of a build."""

    pagers: dict[str, Pager] = field(default_factory=dict)
    """``src_path`` of every page of every series (first pages and copies) to its pager."""
    series: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """First page's ``src_path`` to the ``src_path`` of its pages 1..N."""
    copies: dict[str, str] = field(default_factory=dict)
    """``src_path`` of each generated page N (N >= 2) to its first page's ``src_path``."""
    listed: set[str] = field(default_factory=set)
    """``src_path`` of every post some paginated page lists: an edit changes those pages."""

    def depends_on(self, src_path: str) -> bool:
        """Whether editing ``src_path`` changes a paginated page (it is one, or listed)."""
        return src_path in self.pagers or src_path in self.listed


def paginate_site(
    model: SiteModel,
    site: Mapping[str, Any],
    *,
    by_locale: bool,
    locale_key: Callable[[Document], str],
    warn: Callable[[str], None],
) -> Pagination:
    """Find the paginated pages; add each one's pages 2..N to ``model.documents``.

    Args:
        model: The site model (published documents, posts).
        site: The ``site.*`` keys (``paginate``, ``paginate_path``).
        by_locale: Whether the site has locales: each page then lists its locale's posts.
        locale_key: The locale a document belongs to (``drops.locale_key``).
        warn: Reports a site page standing where a generated page would go (it wins).

    Returns:
        The build's pagination.
    """
    result = Pagination()
    per_page = _positive_int(site.get("paginate"))
    pattern = str(site.get("paginate_path") or DEFAULT_PAGINATE_PATH)
    templates: dict[str, tuple[Document, int, str]] = {}
    if per_page is not None:
        for doc in _index_templates(model, pattern, by_locale=by_locale):
            # The locale folder's own paginate_path: /blog/page:num/ -> /es-419/blog/page:num/.
            prefix = f"/{doc.src_path.split('/')[0]}" if doc.locale and by_locale else ""
            templates[doc.src_path] = (doc, per_page, prefix + _leading_slash(pattern))
    tail = posixpath.basename(pattern.rstrip("/")) or "page:num"
    for doc in model.built():
        options = doc.data.get("pagination")
        if doc.type != "pages" or not isinstance(options, Mapping) or not options.get("enabled"):
            continue
        size = _positive_int(options.get("per_page")) or per_page or DEFAULT_PER_PAGE
        folder = doc.url if doc.url.endswith("/") else posixpath.dirname(doc.url) + "/"
        templates.setdefault(doc.src_path, (doc, size, f"{folder}{tail}/"))
    posts = [post for post in model.of_type("posts") if post.output and not post.data.get("hidden")]
    by_url = {doc.url: doc for doc in model.built()}
    for doc, size, path_pattern in templates.values():
        key = locale_key(doc)
        listed = [p.src_path for p in posts if not by_locale or locale_key(p) == key]
        _paginate(model, result, doc, listed, size, path_pattern, by_url, warn)
        result.listed.update(listed)
    return result


def _paginate(
    model: SiteModel,
    result: Pagination,
    template: Document,
    posts: list[str],
    per_page: int,
    pattern: str,
    by_url: Mapping[str, Document],
    warn: Callable[[str], None],
) -> None:
    """pagination.rb ``paginate``: a pager per page; pages 2..N as copies of ``template``."""
    total = math.ceil(len(posts) / per_page)
    series = [template.src_path]
    for number in range(1, total + 1):
        start = (number - 1) * per_page
        previous = number - 1 if number != 1 else None
        following = number + 1 if number != total else None
        pager = Pager(
            page=number,
            per_page=per_page,
            posts=tuple(posts[start : start + per_page]),
            total_posts=len(posts),
            total_pages=total,
            previous_page=previous,
            previous_page_path=None,
            next_page=following,
            next_page_path=None,
            first_page_path=template.url,
            paginate_path=pattern,
        )
        pager = dataclasses.replace(
            pager,
            previous_page_path=None if previous is None else pager.path_of(previous),
            next_page_path=None if following is None else pager.path_of(following),
        )
        if number == 1:
            result.pagers[template.src_path] = pager
            continue
        url = pager.path_of(number)
        own = by_url.get(url)
        if own is not None:
            warn(
                f"{own.src_path}: its URL '{url}' is page {number} of "
                f"'{template.src_path}''s pagination; the site's page wins and that "
                f"generated page is not written."
            )
            continue
        copy = _copy(template, url, number)
        model.documents[copy.src_path] = copy
        result.pagers[copy.src_path] = pager
        result.copies[copy.src_path] = template.src_path
        series.append(copy.src_path)
    result.series[template.src_path] = tuple(series)


def _copy(template: Document, url: str, number: int) -> Document:
    """Page ``number`` of ``template``'s series: its source and layout at ``url``."""
    data = {k: v for k, v in template.data.items() if k not in _NOT_COPIED}
    for name in _KEY_NAMES:
        value = data.get(name)
        if value:
            data[name] = f"{value}#page{number}"
    search = data.get("search")
    data["search"] = {**(search if isinstance(search, Mapping) else {}), "exclude": True}
    suffix = PurePosixPath(template.src_path).suffix
    return dataclasses.replace(
        template,
        src_path=f"{url.strip('/')}/index{suffix}",
        data=data,
        url=url,
        dest=f"{url.lstrip('/')}index.html",
    )


def _index_templates(model: SiteModel, pattern: str, *, by_locale: bool) -> list[Document]:
    """pagination.rb ``template_page``, per locale: its deepest ``index`` page in hierarchy.

    pager.rb ``pagination_candidate?``: a page named ``index.html`` in ``paginate_path``'s
    folder or a folder above it, up to the source; ``index.md`` counts here too.
    """
    target = PurePosixPath(posixpath.dirname(pattern.strip("/")))
    allowed = {target, *target.parents}
    best: dict[str | None, Document] = {}
    for doc in model.built():
        path = PurePosixPath(doc.src_path)
        if doc.type != "pages" or path.stem != "index":
            continue
        if path.suffix != ".html" and not doc.is_markdown:
            continue
        scope = doc.locale if by_locale else None
        folder = PurePosixPath(*path.parent.parts[1:]) if scope is not None else path.parent
        if scope is None and by_locale:
            # Outside the locale folders of a site with locales: only paginate_path's own
            # folder (the root index is the language chooser or a redirect).
            if folder != target:
                continue
        elif folder not in allowed:
            continue
        current = best.get(scope)
        # pagination.rb: the candidate with the longest path wins.
        if current is None or len(doc.src_path) > len(current.src_path):
            best[scope] = doc
    return list(best.values())


def _leading_slash(path: str) -> str:
    """pager.rb ``ensure_leading_slash``."""
    return path if path.startswith("/") else f"/{path}"


def _positive_int(value: Any) -> int | None:
    """``paginate``'s number (``to_i``), or None when unset or not a positive number."""
    if isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None
