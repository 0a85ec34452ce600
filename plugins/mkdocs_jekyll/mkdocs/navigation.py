"""The site navigation from ``_data/navigation.yml``: its ``main`` menu is the locale's nav.

Minimal Mistakes draws its masthead from ``site.data.navigation.main``; Material draws its
tabs and sidebar from MkDocs' nav. Using the data file as the nav keeps one menu for both,
and keeps Material's nav small: it embeds the whole nav in every page, so the automatic nav
of a large site makes build time grow with the square of the page count.

A ``nav:`` the pass was given (mkdocs.yml's, or the locale's in jekyll/i18n) is the author's
own choice for Material's nav and wins over the menu.

Two shapes are read, and may be mixed:

- Minimal Mistakes': ``main: [{title: CV, url: /en/cv/, children: [...]}]``, one menu for
  every locale, URLs kept as written (one locale's URL is a link to that locale's page).
- Per locale: ``main: [{key: cv, titles: {en: CV, es-419: CV}, urls: {en: /en/cv/, ...}}]``
  (``title``/``url`` may be such mappings too), or ``main: {en: [...], es-419: [...]}``
  (a locale without its own list uses its base language's, then the default locale's).
  A title missing for a locale falls back through its base language to the default
  locale's, then to ``key``; an entry without a URL for the locale is left out of its menu
  (a link to another language's page in a menu would surprise readers), and so is a
  section left without entries.

URL matching mirrors Jekyll's ``relative_url``: ``/en/cv/`` is under the site's base path;
``/repo/en/cv/``, ``/en/cv``, ``/en/cv/index.html`` and the full ``site_url`` address of the
page name the same page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from mkdocs_jekyll.i18n.translations import base_language
from mkdocs_jekyll.jekyll.data import data_file_label
from mkdocs_jekyll.jekyll.documents import normalise_locale
from mkdocs_jekyll.jekyll.safe_url import is_safe_url, refusal
from mkdocs_jekyll.jekyll.urls import split_site_url
from mkdocs_jekyll.mkdocs.i18n_context import current_locale

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure import StructureItem
    from mkdocs.structure.files import Files

    from mkdocs_jekyll.mkdocs.build import BuildState

log = get_plugin_logger(__name__)

SOURCE = "_data/navigation.yml"
"""How messages name the data file."""


# -- the menu of one locale (no MkDocs objects) ---------------------------------------------


@dataclass(frozen=True)
class MenuEntry:
    """One entry of a locale's menu, with its title and URL for that locale."""

    title: str | None
    url: str | None
    shared_url: bool
    """True when the URL serves every locale (checked once, in the default locale's pass)."""
    children: tuple[MenuEntry, ...] = ()


def locale_menu(
    main: Any, locale: str | None, default_locale: str | None
) -> tuple[list[MenuEntry], list[str]]:
    """The ``main`` menu as ``locale`` sees it, and the problems found on the way.

    Args:
        main: ``site.data.navigation.main``: a list of entries, or locale to such a list.
        locale: The locale of this pass (``es-419``), or None on a single-locale site.
        default_locale: The site's default locale, whose titles fill the gaps.

    Returns:
        The entries, and one message per malformed entry (such entries are skipped).
    """
    problems: list[str] = []
    own_menu = isinstance(main, Mapping)
    if own_menu:
        main = _pick(main, _title_chain(locale, default_locale))
        if main is None:
            return [], problems
    if not isinstance(main, list):
        problems.append(f"main: Expected a list of menu entries, received {_kind(main)}")
        return [], problems
    entries = _resolve_entries(main, "main", locale, default_locale, problems)
    return (_own_entries(entries) if own_menu else entries), problems


def _own_entries(entries: Iterable[MenuEntry]) -> list[MenuEntry]:
    """The entries of a locale's own list (``main: {es-419: [...]}``): none is shared."""
    return [
        replace(entry, shared_url=False, children=tuple(_own_entries(entry.children)))
        for entry in entries
    ]


def _resolve_entries(
    items: Sequence[Any],
    where: str,
    locale: str | None,
    default_locale: str | None,
    problems: list[str],
) -> list[MenuEntry]:
    entries = []
    for position, item in enumerate(items):
        here = f"{where}[{position}]"
        if not isinstance(item, Mapping):
            problems.append(
                f"{here}: Expected a mapping with 'title' and 'url', received {_kind(item)}"
            )
            continue
        entry = _resolve_entry(item, here, locale, default_locale, problems)
        if entry is not None:
            entries.append(entry)
    return entries


def _resolve_entry(
    item: Mapping[str, Any],
    where: str,
    locale: str | None,
    default_locale: str | None,
    problems: list[str],
) -> MenuEntry | None:
    title = _pick(item.get("titles"), _title_chain(locale, default_locale))
    if title is None:
        title = _pick(item.get("title"), _title_chain(locale, default_locale))
    if title is None and item.get("key") is not None:
        title = item["key"]
    url, shared = _resolve_url(item, locale or default_locale)
    if url is not None and not is_safe_url(url):
        problems.append(refusal(url, f"{where}.url"))
        url = None
    children: tuple[MenuEntry, ...] = ()
    raw_children = item.get("children")
    if raw_children is not None:
        if not isinstance(raw_children, list):
            problems.append(
                f"{where}.children: Expected a list of menu entries, received {_kind(raw_children)}"
            )
        else:
            found = _resolve_entries(
                raw_children, f"{where}.children", locale, default_locale, problems
            )
            children = tuple(found)
            if not children and url is None:
                return None  # A section with nothing for this locale.
    elif url is None:
        return None  # Not in this locale's menu.
    return MenuEntry(None if title is None else str(title), url, shared, children)


def _resolve_url(item: Mapping[str, Any], locale: str | None) -> tuple[str | None, bool]:
    """The entry's URL for ``locale`` (exact locale only), and whether it is shared."""
    for name in ("urls", "url"):
        value = item.get(name)
        if isinstance(value, Mapping):
            picked = _pick(value, [normalise_locale(locale)] if locale else [])
            if picked is not None:
                return str(picked), False
        elif value is not None and name == "url":
            return str(value), True
    return None, False


def _title_chain(locale: str | None, default_locale: str | None) -> list[str]:
    """``es-419`` -> es-419, es, then the default locale and its base language."""
    chain: list[str] = []
    for code in (locale, default_locale):
        if code:
            chain += [normalise_locale(code), base_language(code)]
    return list(dict.fromkeys(chain))


def _pick(value: Any, chain: Iterable[str]) -> Any:
    """A per-locale mapping's value for the first locale of ``chain`` it has; else ``value``."""
    if not isinstance(value, Mapping):
        return value
    index = {normalise_locale(str(code)): item for code, item in value.items()}
    for code in chain:
        if index.get(code) is not None:
            return index[code]
    return None


def _kind(value: Any) -> str:
    names = ((str, "a string"), (bool, "a boolean"), (int, "a number"), (float, "a number"))
    for kind, name in names:
        if isinstance(value, kind):
            return f"{name} '{value}'"
    if value is None:
        return "nothing"
    return "a list" if isinstance(value, list) else "a mapping"


# -- URLs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """Where a menu URL points: outside the site, or a path of it."""

    external: bool
    path: str
    """The path from the site root without the base path (``/en/cv/``); external: the URL."""
    suffix: str = ""
    """``?query#fragment`` as written."""


def classify_url(url: str, *, site_url: str) -> Target:
    """Split a menu URL into an external address or a site path without the base path.

    A path without a leading slash is taken from the site root, as Jekyll's ``relative_url``
    does; ``mailto:`` and other schemes are external.
    """
    parts = urlsplit(url)
    site = urlsplit(site_url)
    base = split_site_url(site_url)[1]
    suffix = (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else ""
    )
    if parts.scheme or parts.netloc:
        same_site = parts.netloc == site.netloc and parts.scheme in ("http", "https", "")
        inside = parts.path == base or parts.path.startswith(f"{base}/")
        if not (site.netloc and same_site and inside):
            return Target(True, url)
        return Target(False, parts.path[len(base) :] or "/", suffix)
    path = parts.path if parts.path.startswith("/") else f"/{parts.path}"
    if base and (path == base or path.startswith(f"{base}/")):
        path = path[len(base) :] or "/"
    return Target(False, path, suffix)


def url_candidates(path: str) -> list[str]:
    """The site paths ``path`` may mean: as written, without ``index.html``, with a slash."""
    candidates = [path]
    if path.endswith("/index.html"):
        candidates.append(path[: -len("index.html")])
    elif not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        # Jekyll serves /en/cv for /en/cv.html, and redirects it to /en/cv/ for a folder.
        candidates += [f"{path}/", f"{path}.html"]
    return candidates


def _site_path(file_url: str) -> str:
    """MkDocs' ``file.url`` (``en/cv/``, ``./``) as a path from the site root (``/en/cv/``)."""
    url = "" if file_url in (".", "./") else file_url
    return f"/{url.lstrip('/')}"


# -- the MkDocs nav ----------------------------------------------------------------------------


def site_navigation(
    nav: Navigation, state: BuildState, config: MkDocsConfig, files: Files, *, data_dir: str
) -> Navigation:
    """``data_navigation`` for the pass's locale, from the build's ``_data`` and URLs."""
    return data_navigation(
        nav,
        data=state.scan.data,
        locale=current_locale(config),
        default_locale=state.setup.settings.lang,
        files=files,
        config=config,
        urls={path: doc.url for path, doc in state.scan.model.documents.items()},
        source=data_file_label(state.setup.root / data_dir, "navigation", data_dir),
    )


def data_navigation(
    nav: Navigation,
    *,
    data: Mapping[str, Any],
    locale: str | None,
    default_locale: str | None,
    files: Files,
    config: MkDocsConfig,
    urls: Mapping[str, str],
    source: str = SOURCE,
) -> Navigation:
    """Replace ``nav`` by the ``main`` menu of ``navigation.yml`` for ``locale``.

    Unless the pass has a ``nav:`` of its own (``config.nav``): an explicit nav wins.

    The menu's internal URLs become the pass's own ``Page`` objects (MkDocs made them for
    every file; reusing them keeps one object per page, so Material marks the active page
    and prev/next follow the menu), other locales' pages and external addresses become
    ``Link`` objects, and entries with ``children`` become ``Section`` objects. Pages missing
    from the menu are still built, as MkDocs builds every file; they get no prev/next.

    Args:
        nav: The nav MkDocs and static-i18n built, returned as it is without a menu or
            with a ``nav:`` in the configuration.
        data: ``site.data``.
        locale: The locale of this pass, or None on a single-locale site.
        default_locale: The site's default locale.
        files: The pass's files, already moved to their permalinks.
        config: The MkDocs config (for ``site_url``'s base path).
        urls: Every document's source path to its Jekyll URL (``en/cv.md`` -> ``/en/cv/``).
        source: How messages name the data file.

    Returns:
        The locale's nav.
    """
    navigation = data.get("navigation")
    if not isinstance(navigation, Mapping) or navigation.get("main") is None:
        return nav
    if config.nav is not None:
        # The pass's own ``nav:`` (mkdocs.yml's, or the locale's in jekyll/i18n) is the
        # author's choice for this nav, as upstream honours it: the menu stays data only
        # (``site.data.navigation`` for Minimal Mistakes' masthead). Replacing it gave the
        # later locales the default locale's menu, where their pages are never active.
        log.debug(f"{source}: the {locale or 'site'} nav is the nav: of the configuration")
        return nav
    main = navigation["main"]
    # Problems of the shared menu are reported once, in the default locale's pass.
    first_pass = (
        locale is None
        or default_locale is None
        or normalise_locale(locale) == normalise_locale(default_locale)
    )
    if not isinstance(main, list | Mapping):
        if first_pass:
            log.warning(
                f"{source}: main: Expected a list of menu entries, received {_kind(main)}; "
                "the automatic nav is kept."
            )
        return nav
    entries, problems = locale_menu(main, locale, default_locale)
    for problem in problems if first_pass or isinstance(main, Mapping) else ():
        log.warning(f"{source}: {problem}; the entry is left out of the menu.")
    builder = _NavBuilder(files, config, urls, source=source)
    builder.report_shared = first_pass
    items = [builder.item(entry) for entry in entries]
    for page in builder.pass_pages.values():
        # The automatic nav linked every page; only the menu's pages are linked now.
        page.parent = None
        page.previous_page = None
        page.next_page = None
    pages = _unique(builder.menu_pages)
    for position, page in enumerate(pages):
        page.previous_page = pages[position - 1] if position > 0 else None
        page.next_page = pages[position + 1] if position + 1 < len(pages) else None
    _link_parents(items, None)
    result = Navigation(items, pages)
    result.homepage = _homepage(files, locale) or nav.homepage
    log.debug(
        f"{source}: the {locale or 'site'} nav has {len(items)} top-level entries and "
        f"{len(pages)} pages"
    )
    return result


class _NavBuilder:
    """Turns menu entries into MkDocs nav items for one pass."""

    def __init__(
        self, files: Files, config: MkDocsConfig, urls: Mapping[str, str], *, source: str
    ) -> None:
        self.source = source
        self.site_url = config.site_url or ""
        self.baseurl = split_site_url(self.site_url)[1]
        self.pass_pages: dict[str, Page] = {}
        for file in files.documentation_pages():
            if isinstance(file.page, Page):
                self.pass_pages[_site_path(file.url)] = file.page
        self.known = set(self.pass_pages) | {"/"} | set(urls.values())
        self.known |= {_site_path(file.url) for file in files}
        self.menu_pages: list[Page] = []
        self.report_shared = True

    def item(self, entry: MenuEntry) -> StructureItem:
        """A ``Section``, ``Page`` or ``Link`` for ``entry``."""
        if entry.children:
            children = [self.item(child) for child in entry.children]
            if entry.url is not None:
                # Material's navigation.indexes: a section's own page is its first child.
                children.insert(0, self._target(entry))
            return Section(escape(entry.title or ""), children)
        return self._target(entry)

    def _target(self, entry: MenuEntry) -> StructureItem:
        url = entry.url or ""
        target = classify_url(url, site_url=self.site_url)
        # Material prints nav titles as they are: the menu's titles are text.
        title = escape(entry.title or url)
        if target.external:
            return Link(title, url)
        candidates = url_candidates(target.path)
        if not target.suffix:
            for candidate in candidates:
                page = self.pass_pages.get(candidate)
                if page is not None:
                    if entry.title:
                        # As a title in mkdocs.yml's nav does: the menu's label for the page.
                        page.title = title
                    self.menu_pages.append(page)
                    return page
        found = next((path for path in candidates if path in self.known), None)
        if found is None and (self.report_shared or not entry.shared_url):
            log.warning(
                f"{self.source}: menu entry '{entry.title or url}' links to '{url}', "
                "which is not a page of the site; fix the URL or add the page."
            )
        path = found or target.path
        href = url if urlsplit(url).scheme else f"{self.baseurl}{path}{target.suffix}"
        return Link(title, href)


def _unique(pages: list[Page]) -> list[Page]:
    """Each page once, where it first appears (``Page`` compares by title, not identity)."""
    seen: set[int] = set()
    result = []
    for page in pages:
        if id(page) not in seen:
            seen.add(id(page))
            result.append(page)
    return result


def _link_parents(items: list[StructureItem], parent: Section | None) -> None:
    """Set ``parent`` as MkDocs does, so a section opens around the active page."""
    for item in items:
        item.parent = parent
        if isinstance(item, Section):
            _link_parents(item.children, item)


def _homepage(files: Files, locale: str | None) -> Page | None:
    """The locale's home: ``<locale>/index.md`` (``index.md`` without locales)."""
    wanted = f"{normalise_locale(locale)}/index.md" if locale else "index.md"
    for file in files.documentation_pages():
        if normalise_locale(file.src_uri) == wanted and isinstance(file.page, Page):
            return file.page
    return None
