"""Compare a Jekyll ``_site`` with the site MkDocs built from the import of the same source.

``differences`` is what the import tests assert is empty. It is the tests' own comparison
until ``mkdocs_jekyll.cli.check`` (the ``check`` command's library) lands; then
``differences`` calls it instead (one place to switch).

What counts, as the issue's "Done when" says: every URL Jekyll wrote exists (pages, static
files, feeds, ``redirects.json``), every redirect stub points where Jekyll's does, each page's
content links to the same internal targets, and ``<html lang>`` is the same.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

# Files the build writes that a Jekyll site of these tests has no counterpart for.
GENERATED = re.compile(
    r"^(404\.html|[\w-]+/404\.html|\.nojekyll|sitemap\.xml(\.gz)?|robots\.txt|"
    r"[\w-]+/feed\.xml|(?:[\w-]+/)?search/search_index\.json|assets/.*|search\.json)$"
)
_REFRESH = re.compile(r"url=([^\"'>]+)", re.I)


def urls(site: Path) -> dict[str, Path]:
    """Every output file by its site path (``about/index.html``)."""
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def redirect_target(soup: BeautifulSoup) -> str | None:
    """The target of a redirect stub (meta refresh), else None."""
    meta = soup.find("meta", attrs={"http-equiv": re.compile("refresh", re.I)})
    if meta is None:
        return None
    match = _REFRESH.search(str(meta.get("content", "")))
    return match.group(1).strip() if match else None


def page_url(path: str) -> str:
    """``about/index.html`` -> ``/about/``; ``x.html`` -> ``/x.html``."""
    return "/" + (path[: -len("index.html")] if path.endswith("index.html") else path)


def content_links(soup: BeautifulSoup, url: str, base: str, *, ours: bool) -> set[str]:
    """Internal link targets of the page's content, resolved against its URL, no fragment."""
    region = soup.select_one("article.md-content__inner") if ours else soup.find("main")
    if region is None:
        region = soup
    found = set()
    for tag in region.find_all("a", href=True):
        href = str(tag["href"])
        if href.startswith(("#", "mailto:", "tel:")) or tag.find_parent(class_="headerlink"):
            continue
        if "headerlink" in (tag.get("class") or []):
            continue
        target = urljoin(f"https://site.invalid{base}{url.lstrip('/')}", href)
        parts = urlsplit(target)
        if parts.netloc != "site.invalid":
            continue
        found.add(parts.path)
    return found


def differences(
    jekyll_site: Path,
    our_site: Path,
    *,
    base: str = "/",
    default_lang: str = "en",
    allowed_missing: frozenset[str] = frozenset(),
) -> list[str]:
    """One line per difference between Jekyll's output and ours (empty: full parity)."""
    problems: list[str] = []
    theirs, mine = urls(jekyll_site), urls(our_site)
    for path in sorted(theirs.keys() - mine.keys() - allowed_missing):
        problems.append(f"missing: {path}")
    for path in sorted(mine.keys() - theirs.keys()):
        if path.endswith(".html") and not GENERATED.match(path):
            problems.append(f"extra page: {path}")
    for path in sorted(theirs.keys() & mine.keys()):
        if not path.endswith(".html"):
            continue
        jsoup = BeautifulSoup(theirs[path].read_text("utf-8"), "html.parser")
        osoup = BeautifulSoup(mine[path].read_text("utf-8"), "html.parser")
        jtarget, otarget = redirect_target(jsoup), redirect_target(osoup)
        if jtarget is not None or otarget is not None:
            if jtarget != otarget:
                problems.append(f"redirect {path}: Jekyll -> {jtarget}, ours -> {otarget}")
            continue
        jhtml, ohtml = jsoup.find("html"), osoup.find("html")
        jlang = jhtml.get("lang") if jhtml is not None else None
        olang = ohtml.get("lang") if ohtml is not None else None
        if jlang == "x-default":
            jlang = default_lang
        # BCP 47 tags are case-insensitive: Jekyll prints `pt-br` as written, we `pt-BR`.
        if jhtml is not None and str(jlang).lower() != str(olang).lower():
            problems.append(f"lang {path}: Jekyll '{jlang}', ours '{olang}'")
        if jhtml is None:
            continue
        url = page_url(path)
        missing = content_links(jsoup, url, base, ours=False) - content_links(
            osoup, url, base, ours=True
        )
        if missing:
            problems.append(f"links {path}: ours lacks {sorted(missing)}")
    return problems
