"""One build's pieces, each with one reason to change, and the facade the hooks share.

- ``BuildSetup``: what ``on_config`` of the first pass fixes (the site's own settings, the
  build time, the theme environment of our pages, the Markdown converter), before
  static-i18n localizes the configuration.
- ``SiteScan`` (``scan.py``): what ``on_pre_build`` reads once (site model, translations,
  redirects, layouts, ``_data``), unchanged by every locale pass after it.
- ``RenderCache`` (``render_cache.py``): the Liquid environment and every page's output,
  which an incremental serve rebuild reuses.
- ``pass_settings``: the settings a locale pass shows (its own ``site_name``).

``BuildState`` only holds the first three (and the author profiles) together, so the hooks
check one value and incremental serve keeps one previous build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.jekyll.dates import site_zone
from mkdocs_jekyll.jekyll.drops import SiteSettings
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.urls import split_site_url
from mkdocs_jekyll.mkdocs.i18n_context import site_lang
from mkdocs_jekyll.mkdocs.page_context import AuthorProfiles, SharedParts
from mkdocs_jekyll.mkdocs.render_cache import RenderCache, markdown_converter, render_site
from mkdocs_jekyll.mkdocs.scan import SiteScan, scan_site
from mkdocs_jekyll.mkdocs.site_features import read_features
from mkdocs_jekyll.mkdocs.theme_env import theme_env

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.features.site_features import SiteFeatures
    from mkdocs_jekyll.jekyll.documents import ScanCache
    from mkdocs_jekyll.mkdocs.config import JekyllConfig

log = get_plugin_logger(__name__)


def resolve_settings(config: MkDocsConfig, options: JekyllConfig) -> SiteSettings:
    """What Jekyll reads from ``_config.yml``, from ``mkdocs.yml`` and the plugin options."""
    url, baseurl = split_site_url(config.site_url)
    return SiteSettings(
        title=config.site_name,
        description=config.site_description,
        url=url,
        baseurl=baseurl,
        lang=site_lang(config),
        author=options.author,
        extra=options.site,
        environment=os.environ.get("JEKYLL_ENV", "development"),
    )


def pass_settings(site: SiteSettings, config: MkDocsConfig) -> SiteSettings:
    """The site's settings with this locale pass's ``site_name`` and ``site_description``.

    static-i18n applies each language's overrides in its ``on_config``, after ours.
    """
    return dataclasses.replace(site, title=config.site_name, description=config.site_description)


class LinkWarnings:
    """Warn once per build about a link that is not followed (``safe_paths``)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def __call__(self, message: str) -> None:
        """Log ``message`` as a warning, unless this build already did."""
        if message not in self._seen:
            self._seen.add(message)
            log.warning(message)


@dataclass(frozen=True)
class BuildSetup:
    """What a build fixes in ``on_config`` of its first pass, for every pass."""

    options: JekyllConfig
    settings: SiteSettings
    """The site's own settings (``mkdocs.yml``'s ``site_name``), for the pages that belong
    to no locale (the landing page, the root 404)."""
    root: Path
    """The folder of ``mkdocs.yml``, where ``_data/`` and ``_includes/`` are."""
    now: dt.datetime
    """The build time: ``site.time``, and the limit for future posts."""
    warn_link: Callable[[str], None]
    """Symbolic links leaving their folder, warned about once per build (``safe_files``)."""
    page_env: Environment
    """The theme environment rendering the plugin's own pages (``templates/jekyll/``)."""
    markdownify: Callable[[str], str]
    """Markdown to HTML with the site's extensions: ``markdownify``, content, excerpts."""
    features: SiteFeatures
    """Minimal Mistakes' site-level features (analytics, comments, consent, scripts)."""

    @classmethod
    def create(cls, config: MkDocsConfig, options: JekyllConfig) -> BuildSetup:
        """The setup of a new build, from the configuration as ``mkdocs.yml`` gives it."""
        warn_link = LinkWarnings()
        return cls(
            options=options,
            settings=resolve_settings(config, options),
            root=Path(config.config_file_path or ".").resolve().parent,
            # Jekyll's Time.now in the site's `timezone` (ENV['TZ']): `site.time` and the
            # midnight of a date-only post are in that zone.
            now=dt.datetime.now(site_zone(options.timezone) or dt.UTC),
            warn_link=warn_link,
            page_env=theme_env(config, warn_link),
            markdownify=markdown_converter(config),
            features=read_features(options.site),
        )


@dataclass(frozen=True)
class BuildState:
    """The site as Jekyll sees it, for one build (every locale pass)."""

    setup: BuildSetup
    scan: SiteScan
    cache: RenderCache
    authors: AuthorProfiles
    shared: SharedParts = field(default_factory=SharedParts)
    """What pages compute alike, once per build (``page_context``)."""


@contextmanager
def as_plugin_error() -> Iterator[None]:
    """Turn a content mistake into MkDocs' one-line build error (never a traceback)."""
    try:
        yield
    except ContentError as err:
        raise PluginError(str(err)) from err


def read_build(
    config: MkDocsConfig,
    setup: BuildSetup,
    scan_cache: ScanCache,
    settings: SiteSettings,
    *,
    keep_going: bool = False,
    previous: RenderCache | None = None,
) -> BuildState:
    """Scan the site, then render the posts' Liquid (the pages' renders in their passes).

    Args:
        config: The first pass's configuration.
        setup: The build's setup (``on_config``).
        scan_cache: Front matter by file, kept across serve rebuilds.
        settings: The first pass's settings (``pass_settings``).
        keep_going: Under ``mkdocs serve``, show content errors in the pages instead of
            failing the build.
        previous: An incremental rebuild's previous render cache.

    Returns:
        The build's state.

    Raises:
        ContentError: A content mistake (without ``keep_going``, for most of them).
    """
    scan = scan_site(config, setup, scan_cache, keep_going=keep_going)
    authors = AuthorProfiles(setup.options.author, settings)
    # Resolve the author now: a malformed `author:` config stops the build before site/
    # is cleaned, not halfway through the pages.
    authors.profile(settings.lang)
    cache = render_site(config, setup, scan, settings, keep_going=keep_going, previous=previous)
    return BuildState(setup=setup, scan=scan, cache=cache, authors=authors)
