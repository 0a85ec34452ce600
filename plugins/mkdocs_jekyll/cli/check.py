"""``mkdocs-jekyll check``: does our build serve what Jekyll's did?

Run once after moving a site: it compares Jekyll's built folder with ours and lists

- URLs missing from ours (pages, redirect stubs, feeds, sitemaps and robots.txt, other
  generated and static files) and pages or redirects extra in ours, URLs served as a server
  serves them (``a/index.html`` is ``/a/``: see ``site_index.py``); other files only ours
  has (a feed per locale, say) are listed as added, not as differences: they lose nothing;
- redirects whose target differs (jekyll-redirect-from's stubs against ours; a URL that is a
  redirect in one site and a page in the other is listed with no target on that side);
- pages whose internal link targets differ: the set of resolved targets of the links inside
  each page's content area (``site_index.CONTENT_AREAS``, theme chrome removed), links to
  the page itself left out (heading anchors and tables of contents differ by design);
- pages whose ``<html lang>`` differs (redirect stubs left out: jekyll-redirect-from
  always writes ``en-US``). Language tags are compared as BCP 47 says, ignoring case
  (``pt-br`` is ``pt-BR``), and a Jekyll page whose ``lang`` is ``x-default`` (hreflang's
  "no particular language", which is no language for ``<html lang>``) matches any
  language ours gives it;
- links anywhere in a page (``a``, ``link``, ``img``, ``script``, ``source``, ``iframe``)
  that lead to no file: those of our build, and apart, those already broken in Jekyll's.

Styles, scripts, fonts and the builders' own files (Material's search index, MkDocs' 404
page and ``sitemap.xml.gz``) differ between the two themes by design: they are counted in
the report but are not differences. ``compare_sites`` is the library API (the import
command's parity tests use it); ``command`` prints its result.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

import click

from mkdocs_jekyll.cli.site_index import PAGE, REDIRECT, THEME, SiteIndex

_PROGRESS_FROM = 200
"""HTML files (both sites) from which ``check`` shows a progress bar on a terminal."""
_LOCAL_HOSTS = frozenset({"localhost", "localhost:4000", "127.0.0.1", "127.0.0.1:4000"})


@dataclass(frozen=True)
class UrlEntry:
    """A URL one site serves and the other does not."""

    url: str
    kind: str
    """``page``, ``redirect``, ``feed``, ``sitemap``, ``file`` or ``theme``."""


@dataclass(frozen=True)
class RedirectDifference:
    """A URL both sites redirect (or one redirects and one serves a page), to different places."""

    url: str
    jekyll: str | None
    """Jekyll's target (a site path such as ``/a/``, or an external URL); None: a page."""
    ours: str | None


@dataclass(frozen=True)
class LinkDifference:
    """A page whose content links to different targets in the two sites."""

    url: str
    only_jekyll: tuple[str, ...]
    only_ours: tuple[str, ...]


@dataclass(frozen=True)
class LangDifference:
    """A page whose ``<html lang>`` differs (None: no ``lang`` attribute)."""

    url: str
    jekyll: str | None
    ours: str | None


@dataclass(frozen=True)
class BrokenLink:
    """A link on ``page`` whose ``target`` no file answers.

    ``target`` is the resolved site path; one that starts with ``!`` lies outside the
    site's base path (a root-relative link written without ``relative_url``).
    """

    page: str
    href: str
    target: str
    also_ours: bool = False
    """For a link broken in Jekyll's build: whether ours has the same broken link."""


@dataclass(frozen=True)
class CheckResult:
    """The differences between Jekyll's site and ours, as data (``to_json`` for JSON)."""

    jekyll_site: str
    our_site: str
    base: str
    compared: int
    """How many URLs both sites serve."""
    missing: tuple[UrlEntry, ...]
    extra: tuple[UrlEntry, ...]
    """Pages and redirects only ours has."""
    added: tuple[UrlEntry, ...]
    """Feeds, sitemaps and other files only ours has: listed, never a difference."""
    redirects: tuple[RedirectDifference, ...]
    links: tuple[LinkDifference, ...]
    langs: tuple[LangDifference, ...]
    broken: tuple[BrokenLink, ...]
    """Links broken in our build that are not broken the same way in Jekyll's."""
    broken_in_jekyll: tuple[BrokenLink, ...]
    """Links already broken in Jekyll's build: listed apart, never a difference."""
    theme_missing: tuple[UrlEntry, ...]
    theme_extra: tuple[UrlEntry, ...]

    @property
    def differences(self) -> int:
        """How many differences count against parity."""
        return (
            len(self.missing)
            + len(self.extra)
            + len(self.redirects)
            + len(self.links)
            + len(self.langs)
            + len(self.broken)
        )

    @property
    def parity(self) -> bool:
        """True when ours serves every URL, redirect, link target and language Jekyll's does."""
        return self.differences == 0

    def to_json(self) -> dict[str, object]:
        """The result as JSON-ready data, with ``parity`` and ``differences``."""
        data = asdict(self)
        data["parity"] = self.parity
        data["differences"] = self.differences
        return data


def _hosts(base: str, *sites: SiteIndex) -> frozenset[str]:
    """Hosts whose links point into the site: the base's, the pages' canonical ones, local."""
    hosts = set(_LOCAL_HOSTS)
    if urlsplit(base).netloc:
        hosts.add(urlsplit(base).netloc.lower())
    for site in sites:
        for url, record in site.pages.items():
            if record.canonical and record.refresh is None and site.files[url].kind == PAGE:
                netloc = urlsplit(record.canonical).netloc.lower()
                if netloc:
                    hosts.add(netloc)
    return frozenset(hosts)


def _infer_base(site: SiteIndex) -> str | None:
    """The base path most pages' canonical links show (a page may name another as its own).

    A page served at ``/en/a/`` whose canonical URL is ``https://x.io/repo/en/a/`` says the
    site lives under ``/repo/``; Material writes the canonical link from ``site_url``,
    jekyll-seo-tag from ``url`` and ``baseurl``.
    """
    found: Counter[str] = Counter()
    for url, record in site.pages.items():
        if record.canonical is None or record.refresh is not None:
            continue
        path = urlsplit(record.canonical).path
        if path.endswith(url):
            found[path[: len(path) - len(url)] + "/"] += 1
    return found.most_common(1)[0][0] if found else None


def _redirect_target(site: SiteIndex, url: str, hosts: frozenset[str]) -> str | None:
    record = site.pages.get(url)
    if record is None or record.refresh is None:
        return None
    resolved = site.resolve(record.refresh, url, hosts)
    return resolved if resolved is not None else record.refresh


def _content_targets(site: SiteIndex, url: str, hosts: frozenset[str]) -> set[str]:
    targets = set()
    for href in site.pages[url].content_links:
        target = site.resolve(href, url, hosts)
        if target is not None and target.partition("#")[0] != url:
            targets.add(target)
    return targets


def _broken(site: SiteIndex, hosts: frozenset[str]) -> list[BrokenLink]:
    found = []
    for url, record in site.pages.items():
        seen = set()
        for href in record.all_links:
            target = site.resolve(href, url, hosts)
            if target is None or site.exists(target) or (href, target) in seen:
                continue
            seen.add((href, target))
            found.append(BrokenLink(url, href, target.partition("#")[0]))
    return sorted(found, key=lambda link: (link.page, link.target, link.href))


def compare_sites(
    jekyll_site: Path,
    our_site: Path,
    base: str | None = None,
    *,
    progress: Callable[[], None] | None = None,
) -> CheckResult:
    """Compare Jekyll's built site with ours.

    Args:
        jekyll_site: Jekyll's output folder (``_site``).
        our_site: Our output folder (``site``).
        base: The path both sites are served under (``/repo/`` for a project site), or the
            site's full URL (``https://example.github.io/repo/``): links to its host are
            internal too. None: the path the pages' canonical links show (``_infer_base``),
            else ``/``.
        progress: Called after each HTML file read, of either site.

    Returns:
        Every difference, as data.
    """
    jekyll = SiteIndex(jekyll_site, "/", progress)
    ours = SiteIndex(our_site, "/", progress)
    if base is None:
        base = _infer_base(ours) or _infer_base(jekyll) or "/"
    base_path = urlsplit(base).path if urlsplit(base).netloc else base
    jekyll.set_base(base_path or "/")
    ours.set_base(base_path or "/")
    hosts = _hosts(base, jekyll, ours)

    def entries(urls: Iterable[str], site: SiteIndex) -> list[UrlEntry]:
        return [UrlEntry(url, site.files[url].kind) for url in sorted(urls)]

    missing = entries(jekyll.files.keys() - ours.files.keys(), jekyll)
    extra = entries(ours.files.keys() - jekyll.files.keys(), ours)
    both = sorted(jekyll.files.keys() & ours.files.keys())
    redirects, links, langs = [], [], []
    for url in both:
        kinds = {jekyll.files[url].kind, ours.files[url].kind}
        if REDIRECT in kinds:
            theirs = _redirect_target(jekyll, url, hosts)
            mine = _redirect_target(ours, url, hosts)
            if theirs != mine:
                redirects.append(RedirectDifference(url, theirs, mine))
            continue
        if kinds != {PAGE}:
            continue
        theirs_links = _content_targets(jekyll, url, hosts)
        our_links = _content_targets(ours, url, hosts)
        if theirs_links != our_links:
            links.append(
                LinkDifference(
                    url,
                    tuple(sorted(theirs_links - our_links)),
                    tuple(sorted(our_links - theirs_links)),
                )
            )
        if not _same_language(jekyll.pages[url].lang, ours.pages[url].lang):
            langs.append(LangDifference(url, jekyll.pages[url].lang, ours.pages[url].lang))
    broken_jekyll = _broken(jekyll, hosts)
    broken_ours = _broken(ours, hosts)
    jekyll_keys = {(b.page, b.target) for b in broken_jekyll}
    our_keys = {(b.page, b.target) for b in broken_ours}
    return CheckResult(
        jekyll_site=str(jekyll_site),
        our_site=str(our_site),
        base=base,
        compared=len(both),
        missing=tuple(e for e in missing if e.kind != THEME),
        extra=tuple(e for e in extra if e.kind in (PAGE, REDIRECT)),
        added=tuple(e for e in extra if e.kind not in (PAGE, REDIRECT, THEME)),
        redirects=tuple(redirects),
        links=tuple(links),
        langs=tuple(langs),
        broken=tuple(b for b in broken_ours if (b.page, b.target) not in jekyll_keys),
        broken_in_jekyll=tuple(
            BrokenLink(b.page, b.href, b.target, (b.page, b.target) in our_keys)
            for b in broken_jekyll
        ),
        theme_missing=tuple(e for e in missing if e.kind == THEME),
        theme_extra=tuple(e for e in extra if e.kind == THEME),
    )


def _same_language(jekyll: str | None, ours: str | None) -> bool:
    if jekyll is None or ours is None:
        return jekyll is ours
    return jekyll.lower() == ours.lower() or (jekyll.lower() == "x-default" and bool(ours))


def _shown(value: str | None) -> str:
    return "a page" if value is None else value


def format_result(result: CheckResult) -> str:
    """The readable report ``check`` prints."""
    lines = [
        f"Compared '{result.jekyll_site}' (Jekyll) with '{result.our_site}' (ours), "
        f"base '{result.base}': {result.compared} URLs in both."
    ]

    def section(title: str, rows: list[str], count: int | None = None) -> None:
        if rows:
            lines.append("")
            lines.append(f"{title}: {len(rows) if count is None else count}")
            lines.extend(f"  {row}" for row in rows)

    section(
        "Missing from ours (only in Jekyll's site)",
        [f"{e.kind:<9} {e.url}" for e in result.missing],
    )
    section("Extra in ours (not in Jekyll's site)", [f"{e.kind:<9} {e.url}" for e in result.extra])
    section("Files only ours adds (not counted)", [f"{e.kind:<9} {e.url}" for e in result.added])
    section(
        "Redirects whose target differs",
        [f"{d.url}: Jekyll {_shown(d.jekyll)}, ours {_shown(d.ours)}" for d in result.redirects],
    )
    rows = []
    for d in result.links:
        rows.append(f"{d.url}")
        rows.extend(f"  only Jekyll links to {t}" for t in d.only_jekyll)
        rows.extend(f"  only ours links to {t}" for t in d.only_ours)
    section("Pages whose links differ", rows, len(result.links))
    section(
        "<html lang> differs",
        [f"{d.url}: Jekyll {_lang(d.jekyll)}, ours {_lang(d.ours)}" for d in result.langs],
    )
    section("Broken links in ours", _grouped(result.broken), len(result.broken))
    section(
        "Already broken in Jekyll's build (not counted)",
        _grouped(result.broken_in_jekyll),
        len(result.broken_in_jekyll),
    )
    if result.theme_missing or result.theme_extra:
        lines.append("")
        lines.append(
            f"Theme and builder files (not compared): {len(result.theme_missing)} only in "
            f"Jekyll's site, {len(result.theme_extra)} only in ours."
        )
    lines.append("")
    if result.parity:
        lines.append("Parity: every URL, redirect, link target and <html lang> matches.")
    else:
        noun = "difference" if result.differences == 1 else "differences"
        lines.append(f"{result.differences} {noun}.")
    return "\n".join(lines)


def _grouped(links: tuple[BrokenLink, ...], shown: int = 5) -> list[str]:
    """One row per missing target, with the pages that link to it (the first ``shown``).

    A theme's broken menu link is on every page: one row, not one per page.
    """
    pages: dict[tuple[str, bool], list[str]] = {}
    for link in links:
        pages.setdefault((link.target, link.also_ours), []).append(link.page)
    rows = []
    for (target, also_ours), found in sorted(pages.items()):
        listed = ", ".join(found[:shown])
        more = f" and {len(found) - shown} more" if len(found) > shown else ""
        too = " (broken in ours too)" if also_ours else ""
        rows.append(f"{_target(target)}{too} <- {listed}{more}")
    return rows


def _lang(lang: str | None) -> str:
    return "none" if lang is None else f"'{lang}'"


def _target(target: str) -> str:
    if target.startswith("!"):
        return f"{target[1:]} (outside the base path)"
    return target


@click.command(name="check")
@click.argument("jekyll_site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--base",
    default=None,
    help="The path the sites are served under ('/repo/'), or the site's full URL. "
    "Default: the path the pages' canonical links show, else '/'.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def command(jekyll_site_dir: Path, site_dir: Path, base: str | None, as_json: bool) -> None:
    """Compare Jekyll's built site (JEKYLL_SITE_DIR) with ours (SITE_DIR).

    Lists missing and extra URLs, redirects with another target, pages whose links or
    <html lang> differ, and broken links (those already broken in Jekyll's build apart).
    Exits with 1 when the sites differ, 0 on parity.
    """
    pages = sum(1 for folder in (jekyll_site_dir, site_dir) for _ in folder.rglob("*.htm*"))
    if sys.stderr.isatty() and pages >= _PROGRESS_FROM:
        # Reading a page takes about 40 ms (Material's are large): show where it is.
        with click.progressbar(length=pages, label="Reading both sites", file=sys.stderr) as bar:
            result = compare_sites(jekyll_site_dir, site_dir, base, progress=lambda: bar.update(1))
    else:
        result = compare_sites(jekyll_site_dir, site_dir, base)
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_result(result))
    if not result.parity:
        raise SystemExit(1)
