"""One built site as a web server serves it: its URLs, and what each HTML page links to.

``mkdocs-jekyll check`` compares Jekyll's ``_site`` with ours, and both are folders of files:
this module turns a folder into the URLs a static server (GitHub Pages, ``jekyll serve``,
``python -m http.server``) answers, and reads each HTML file once into a ``PageRecord``.

URLs as a server serves them: ``a/index.html`` is ``/a/`` (a request for ``/a`` or
``/a/index.html`` gets the same file), ``a.html`` is ``/a.html`` (GitHub Pages also answers
``/a``), anything else is its path. A link's target is resolved the same way, so
``/a/index.html`` and ``/a`` in one site and ``/a/`` in the other are the same target.

HTML is parsed with BeautifulSoup (the standard library's parser behind it: no compiled
dependency); an unreadable file is read with replacement characters, never skipped.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

PAGE = "page"
REDIRECT = "redirect"
FEED = "feed"
SITEMAP = "sitemap"
THEME = "theme"
OTHER = "file"

# The part of a page whose links are compared: the first of these that the page has, as
# (element name or None for any, class or None). Minimal Mistakes (and our `single`-style
# layouts) wrap the content in `.page__content` (`itemprop="text"`), its archive layouts
# (home, posts, categories, tags, collection: ours too) the content and the listing in
# `.archive`; Material's other pages in `article.md-content__inner`; a Jekyll layout of the
# site's own usually in <main>. A page without any: its <body> (or all of it).
CONTENT_AREAS: tuple[tuple[str | None, str | None], ...] = (
    (None, "page__content"),
    (None, "archive"),
    ("article", "md-content__inner"),
    ("main", None),
    ("article", None),
    ("body", None),
)
# Classes of theme parts that can sit inside the content area and are not the author's
# content: Material's edit/view buttons, heading anchors, tag chips, source dates and
# feedback; Minimal Mistakes' page meta, share buttons, pager, taxonomy, related posts and
# comments. A link inside one of them is not compared.
CHROME = frozenset(
    {
        "md-content__button",
        "headerlink",
        "md-tags",
        "md-source-file",
        "md-feedback",
        "page__meta",
        "page__share",
        "page__taxonomy",
        "page__related",
        "page__comments",
        "pagination--pager",
    }
)
# Files that come from the theme or the builder and differ between Minimal Mistakes on
# Jekyll and Material on MkDocs by design: styles, scripts, fonts and their source maps,
# Material's search index and favicon, MkDocs' compressed sitemap and 404 pages (one per
# locale with jekyll/i18n), .nojekyll.
_THEME_SUFFIXES = (".css", ".js", ".map", ".woff", ".woff2", ".ttf", ".eot", ".otf", ".scss")
_BUILDER_FILES = (
    "search/search_index.json",
    "sitemap.xml.gz",
    "404.html",
    ".nojekyll",
    "assets/images/favicon.png",
)
# Schemes of links that never point into the site.
_OTHER_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:", "ftp:")


@dataclass
class PageRecord:
    """What an HTML file says: its language, redirect target and links, as written."""

    lang: str | None = None
    refresh: str | None = None
    """The URL a ``<meta http-equiv="refresh">`` sends readers to (a redirect stub)."""
    canonical: str | None = None
    base: str | None = None
    """The ``<base href>`` relative links resolve against, when the page has one."""
    content_links: list[str] = field(default_factory=list)
    """``a[href]`` inside the content area, without theme chrome (``CONTENT_AREAS``)."""
    all_links: list[str] = field(default_factory=list)
    """Every link a browser would follow or load: ``a``, ``link``, ``img``, ``script`` ..."""


@dataclass(frozen=True)
class SiteFile:
    """One output file: the URL it is served at, its path and what kind of file it is."""

    url: str
    path: str
    kind: str


def served_url(path: str) -> str:
    """The URL a static server gives ``path`` (``a/index.html`` -> ``/a/``)."""
    if path == "index.html":
        return "/"
    if path.endswith("/index.html"):
        return "/" + path[: -len("index.html")]
    return "/" + path


def _file_kind(path: str, head: bytes) -> str:
    name = posixpath.basename(path)
    if path in _BUILDER_FILES or path.startswith("search/") or name == "404.html":
        return THEME
    if path.endswith(_THEME_SUFFIXES):
        return THEME
    if name.startswith("sitemap") or name == "robots.txt":
        return SITEMAP
    if path.endswith((".html", ".htm")):
        return PAGE
    if path.endswith((".xml", ".atom", ".rss")) and (b"<feed" in head or b"<rss" in head):
        return FEED
    return OTHER


# Elements and the attribute holding the URL a browser follows or loads.
_LINK_ATTRIBUTES = {
    "a": "href",
    "area": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
}


def parse_page(text: str) -> PageRecord:
    """Read one HTML file's language, redirect target and links.

    One walk over the elements: a CSS selector per rule walked the page again each time
    (Material pages are large: it was 40% of the time).
    """
    soup = BeautifulSoup(text, "html.parser")
    record = PageRecord()
    area: Tag | None = None
    area_rank = len(CONTENT_AREAS)
    for element in soup.find_all(True):
        name = element.name
        if name == "html" and record.lang is None and element.has_attr("lang"):
            record.lang = str(element["lang"]).strip()
        elif name == "meta" and record.refresh is None:
            if str(element.get("http-equiv", "")).lower() == "refresh":
                record.refresh = _refresh_target(str(element.get("content", "")))
        elif name == "base" and record.base is None and element.has_attr("href"):
            record.base = str(element["href"])
        attr = _LINK_ATTRIBUTES.get(name)
        if attr is not None and element.has_attr(attr):
            rel = _attr_set(element, "rel")
            if name == "link" and "canonical" in rel:
                record.canonical = str(element[attr])
            if not (name == "link" and {"preconnect", "dns-prefetch"} & rel):
                record.all_links.append(str(element[attr]))
        if area_rank:
            rank = _area_rank(element, area_rank)
            if rank is not None:
                area, area_rank = element, rank
    root = area if area is not None else soup
    record.content_links = [
        str(a["href"]) for a in root.find_all("a", href=True) if not _in_chrome(a, root)
    ]
    return record


def _refresh_target(content: str) -> str:
    """The URL of a meta refresh's ``content`` (``0; url=/a/``)."""
    _, _, rest = content.partition(";")
    rest = rest.strip()
    if rest.lower().startswith("url="):
        rest = rest[4:]
    return rest.strip().strip("'\"")


def _attr_set(tag: Tag, name: str) -> set[str]:
    """A multi-valued attribute (``class``, ``rel``) as a set."""
    value = tag.get(name)
    if value is None:
        return set()
    return {value} if isinstance(value, str) else {str(item) for item in value}


def _area_rank(element: Tag, better_than: int) -> int | None:
    """The element's rank in ``CONTENT_AREAS`` if it beats ``better_than``, else None."""
    classes: set[str] | None = None
    for rank, (name, cls) in enumerate(CONTENT_AREAS[:better_than]):
        if name is not None and element.name != name:
            continue
        if cls is not None:
            classes = _attr_set(element, "class") if classes is None else classes
            if cls not in classes:
                continue
        return rank
    return None


def _in_chrome(element: Tag, root: Tag | BeautifulSoup) -> bool:
    """Whether ``element`` is, or sits inside, a theme part (``CHROME``) below ``root``."""
    node: Tag | None = element
    while node is not None and node is not root:
        if CHROME & _attr_set(node, "class"):
            return True
        node = node.parent
    return False


class SiteIndex:
    """A built site folder: its files by served URL, and each HTML file read once."""

    def __init__(
        self, root: Path, base_path: str = "/", progress: Callable[[], None] | None = None
    ) -> None:
        """Read every file below ``root``; ``progress`` is called after each HTML file."""
        self.root = root
        self.set_base(base_path)
        self.files: dict[str, SiteFile] = {}
        self.paths: set[str] = set()
        self.pages: dict[str, PageRecord] = {}
        for path in sorted(root.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            self.paths.add(rel)
            with path.open("rb") as handle:
                head = handle.read(1024)
            kind = _file_kind(rel, head)
            if kind == PAGE:
                record = parse_page(path.read_text(encoding="utf-8", errors="replace"))
                self.pages[served_url(rel)] = record
                if record.refresh is not None:
                    kind = REDIRECT
                if progress is not None:
                    progress()
            self.files[served_url(rel)] = SiteFile(served_url(rel), rel, kind)

    def set_base(self, base_path: str) -> None:
        """Serve the site under ``base_path`` (``/repo/``) when resolving links."""
        self.base_path = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"

    def lookup(self, site_path: str) -> str | None:
        """The served URL answering a request for ``site_path`` (base removed), if any.

        ``/a`` finds ``a`` itself, then ``a.html`` (GitHub Pages' extensionless URLs),
        then ``a/index.html``; ``/a/`` finds ``a/index.html``.
        """
        rel = unquote(site_path).lstrip("/")
        candidates = [rel + "index.html"] if rel.endswith("/") or not rel else []
        if rel and not rel.endswith("/"):
            candidates += [rel, rel + ".html", rel + "/index.html"]
        for candidate in candidates:
            if candidate in self.paths:
                return served_url(candidate)
        return None

    def resolve(self, href: str, page_url: str, hosts: frozenset[str]) -> str | None:
        """The site path (``/a/#x``) a link on ``page_url`` points to; None when external.

        The path is the served URL of the file a server would answer with (so ``/a``,
        ``/a/index.html`` and ``/a/`` agree), or the path itself when no file answers it;
        a path outside the base (a root-relative link written without the project path) is
        given as written, with a leading ``!`` so it never matches a file.
        """
        href = href.strip()
        if not href or href.lower().startswith(_OTHER_SCHEMES):
            return None
        page_base = self.pages[page_url].base if page_url in self.pages else None
        origin = "http://site.invalid"
        absolute = urljoin(origin + self.base_path + page_url.lstrip("/"), page_base or "")
        parts = urlsplit(urljoin(absolute, href))
        if parts.scheme not in ("http", "https"):
            return None
        if parts.netloc != "site.invalid" and parts.netloc.lower() not in hosts:
            return None
        path = posixpath.normpath(parts.path) + ("/" if parts.path.endswith("/") else "")
        path = path.replace("//", "/")
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if not (path + "/").startswith(self.base_path):
            return f"!{path}{fragment}"
        site_path = "/" + path[len(self.base_path) :]
        found = self.lookup(site_path)
        return (found if found is not None else site_path) + fragment

    def exists(self, target: str) -> bool:
        """Whether a resolved target (``resolve``'s result, fragment ignored) is a file."""
        path = target.partition("#")[0]
        return not path.startswith("!") and self.lookup(path) is not None
