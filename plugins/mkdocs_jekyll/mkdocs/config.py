"""Option schemas of the two plugins, declared with MkDocs' own config descriptors.

Names are flat and prefixed by feature, as in Material's plugins, and default to what Jekyll
does when its ``_config.yml`` says nothing.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs_static_i18n.config import I18nPluginConfig, I18nPluginLanguage

from mkdocs_jekyll.features.author import FLAT_KEYS
from mkdocs_jekyll.features.look import LOOKS
from mkdocs_jekyll.jekyll.safe_paths import site_relative
from mkdocs_jekyll.liquid.limits import DEPTH_LIMIT, LOOP_LIMIT, NAMESPACE_LIMIT, OUTPUT_LIMIT
from mkdocs_jekyll.mkdocs.options import (
    Collections,
    DefaultsSet,
    Items,
    Kramdown,
    LocalizedText,
    Shape,
    Skin,
    Text,
    TimeZone,
    locate_error,
    locate_warning,
)

# BCP 47 as people write it in folder names: a language, then optional script and region
# subtags, with '-' or '_' and any case ("es-419", "pt-br", "pt_BR", "zh-Hant", "sr-Latn-RS").
_BCP47 = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z]{4})?(?:[-_](?:[A-Za-z]{2}|[0-9]{3}))?$")


class BCP47Locale(c.Type[str]):
    """A locale code such as ``en``, ``es-419`` or ``pt-br``.

    static-i18n's own ``Locale`` option rejects region codes made of digits (``es-419``) and
    lower-case regions (``pt-br``), which are exactly what our users' folders are called.
    """

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        """Accept a BCP 47 tag (or static-i18n's special ``null``)."""
        text = super().run_validation(value)
        if text.lower() != "null" and not _BCP47.match(text):
            raise base.ValidationError(
                f"Expected a BCP 47 locale such as 'en', 'es-419' or 'pt-br', received '{text}'."
            )
        return text


class WorkerCount(c.Type[int]):
    """A number of worker processes: 1 or more."""

    def __init__(self) -> None:
        super().__init__(int)

    def run_validation(self, value: object) -> int:
        """Refuse 0 and negative counts, saying what the values mean."""
        count = super().run_validation(value)
        if count < 1:
            raise base.ValidationError(
                f"Expected 1 or more worker processes, received {count}: use 1 to build the "
                "locales one after another, or leave it unset to use every CPU."
            )
        return count


class Limit(c.Type[int]):
    """A resource limit: a whole number, 1 or more."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        """Refuse 0 and negative limits, which would fail every page."""
        limit = super().run_validation(value)
        if limit < 1:
            raise base.ValidationError(f"Expected a limit of 1 or more, received {limit}.")
        return limit


# A DNS host name as GitHub Pages takes a custom domain: RFC 1123 labels, then a top-level
# label that starts with a letter ("www.example.com", "example.co.uk", "xn--bcher-kva.de").
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_HOST = re.compile(rf"^(?=.{{1,253}}$)(?:{_LABEL}\.)+[A-Za-z](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])$")


class HostName(c.Type[str]):
    """A custom domain for GitHub Pages' ``CNAME`` file: a bare host name."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        """Refuse URLs, paths, ports and spaces, which GitHub Pages would not serve."""
        host = super().run_validation(value)
        if not _HOST.match(host):
            raise base.ValidationError(
                "Expected a host name such as 'www.example.com' (no scheme, path, port or "
                f"spaces), received '{host}'."
            )
        return host


class SitePath(c.Type[str]):
    """A file the plugin writes inside the built site (``i18n-report.json``)."""

    def __init__(self, example: str) -> None:
        super().__init__(str)
        self._example = example

    def run_validation(self, value: object) -> str:
        """Refuse paths that would write outside the site folder."""
        path = super().run_validation(value)
        if site_relative(path) is None:
            raise base.ValidationError(
                f"Expected a path inside the site folder such as '{self._example}', "
                f"received '{path}'."
            )
        return path


class ProjectFolder(c.Type[str]):
    """A folder of the project (``_data``), relative to the folder of ``mkdocs.yml``."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)
        self._example = default

    def run_validation(self, value: object) -> str:
        """Refuse absolute paths and ``..``: as Jekyll's ``in_source_dir``, stay inside."""
        folder = super().run_validation(value)
        if site_relative(folder) is None:
            raise base.ValidationError(
                f"Expected a folder inside the project such as '{self._example}', "
                f"received '{folder}'."
            )
        return folder


class JekyllLanguage(I18nPluginLanguage):  # type: ignore[misc]  # untyped upstream
    """One entry of ``languages:``; the default language lives under ``/<locale>/`` too."""

    locale = BCP47Locale()

    def validate(self) -> tuple[list[Any], list[Any]]:
        """Default every ``link`` to ``/<locale>/``, the default language included."""
        user_link = self.get("link")
        failed, warnings = super().validate()
        if user_link is None and not failed and self.locale != "null":
            # Upstream sends the default language's switcher entry to "/", but our default
            # locale is served under its own folder, like every other locale.
            self.link = f"/{self.locale}/"
        return failed, warnings


class JekyllI18nConfig(I18nPluginConfig):  # type: ignore[misc]  # untyped upstream
    """``jekyll/i18n`` options: static-i18n's, with locale folders and no fallback copies."""

    docs_structure = c.Choice(["folder", "suffix"], default="folder")
    # A fallback copy of an untranslated page overwrites real pages in later locale passes and
    # advertises fake alternates, so it is off unless a user asks for it.
    fallback_to_default = c.Type(bool, default=False)
    languages = c.ListOfItems(c.SubConfig(JekyllLanguage, validate=True))
    # Locale passes after the first built in this many forked worker processes; unset: one
    # process per CPU, the parent included. 1 builds them one after another as static-i18n does.
    parallel_workers = c.Optional(WorkerCount())
    # Build one locale only (fast authoring with `mkdocs serve`): a region locale such as
    # `es-419` must be accepted here too.
    build_only_locale = c.Optional(BCP47Locale())


class DefaultsScope(base.Config):  # type: ignore[no-untyped-call]
    """``defaults[i].scope``: which documents a set applies to (Jekyll reads no other key)."""

    path = c.Optional(c.Type(str))
    type_ = c.Optional(c.Type(str))


class DefaultsEntry(base.Config):  # type: ignore[no-untyped-call]
    """One set of ``defaults``: a scope and the front matter values it gives."""

    scope = Shape(DefaultsScope, expected="a mapping with 'path' and/or 'type'", extra_keys=False)
    values_ = c.Type(dict)  # `values`: the trailing _ keeps Mapping.values()


class CollectionMetadata(base.Config):  # type: ignore[no-untyped-call]
    """One collection's metadata (collection.rb); other keys are kept for Liquid."""

    output = c.Optional(c.Type(bool))
    permalink = c.Optional(c.Type(str))
    sort_by = c.Optional(c.Type(str))
    order = c.Optional(c.ListOfItems(c.Type(str)))


class AuthorLinkConfig(base.Config):  # type: ignore[no-untyped-call]
    """One of Minimal Mistakes' ``author.links``; the label may be given per locale."""

    label = c.Optional(LocalizedText())
    icon = c.Optional(Text())
    url = c.Optional(Text())


class AuthorConfig(base.Config):  # type: ignore[no-untyped-call]
    """``author``: the keys the profile reads; a theme's own keys are kept as written."""

    name = c.Optional(LocalizedText())
    avatar = c.Optional(LocalizedText())
    bio = c.Optional(LocalizedText())
    location = c.Optional(LocalizedText())
    employer = c.Optional(LocalizedText())
    pronouns = c.Optional(LocalizedText())
    home = c.Optional(Text())
    links = Items(
        Shape(AuthorLinkConfig, expected="a mapping with 'label', 'icon' and 'url'"),
        expected="a list of {label, icon, url}",
    )


# academicpages' flat link keys (`github: octocat`, `orcid: ...`): text, one option each.
FlatAuthorConfig: type[base.Config] = type(
    "FlatAuthorConfig", (AuthorConfig,), {key: c.Optional(Text()) for key in FLAT_KEYS}
)


class JekyllConfig(base.Config):  # type: ignore[no-untyped-call]
    """``jekyll`` options (the core): what Jekyll reads from ``_config.yml``."""

    enabled = c.Type(bool, default=True)

    # Permalinks: the site-wide style for documents without a `permalink` (Jekyll's
    # `permalink`). Unset: 'pretty' with `use_directory_urls`, else Jekyll's 'date'.
    permalink = c.Optional(c.Type(str))
    # Front matter defaults in Jekyll's format: [{scope: {path, type}, values: {...}}].
    defaults = Items(
        DefaultsSet(
            DefaultsEntry, expected="a mapping with 'scope' and 'values'", extra_keys=False
        ),
        expected="a list of sets ({scope: {path, type}, values: {...}})",
    )

    # The site author (Minimal Mistakes `author.links` or academicpages' flat keys).
    author = Shape(FlatAuthorConfig, expected="a mapping such as {name: ..., bio: ...}")
    # Extra keys exposed as `site.<key>` to Liquid, as `_config.yml` keys are in Jekyll.
    site = c.DictOfItems(c.Type(object), default={})

    # Jekyll's `collections` (a mapping label -> {output, permalink}, or a list of labels);
    # `posts` is always one. Files live in `_<label>/` folders (per locale: `en/_talks/`).
    collections = Collections(
        Shape(CollectionMetadata, expected="a mapping such as {output: true, permalink: ...}")
    )
    # Jekyll's `future`: build posts dated after the build time.
    future = c.Type(bool, default=False)
    # Jekyll's `show_drafts` (`jekyll build --drafts`): build `_drafts/` (per locale too,
    # `es-419/_drafts/`) as posts dated at their file's modification time.
    show_drafts = c.Type(bool, default=False)

    # `mkdocs serve`: after an edit to pages' text only, rebuild just those pages (and
    # their locales) instead of the whole site. False rebuilds everything on every save.
    incremental_serve = c.Type(bool, default=True)
    # The build cache: each page's rendered output, keyed by everything it depends on, in
    # this folder (relative to mkdocs.yml); an unchanged page is not rendered again.
    cache_enabled = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/mkdocs-jekyll")

    # Folders, relative to the folder of mkdocs.yml (Jekyll's `data_dir`, `includes_dir`).
    data_dir = ProjectFolder("_data")
    includes_dir = ProjectFolder("_includes")

    # Liquid (Jekyll's `liquid:` section).
    liquid_strict_variables = c.Type(bool, default=False)
    liquid_strict_filters = c.Type(bool, default=False)
    # Jekyll's `liquid.error_mode`: markup only Ruby Liquid's lax parser accepts
    # (`{% for x in list | sort %}`) renders as in Jekyll with a warning ('warn'), quietly
    # ('lax'), or stops the build ('strict').
    liquid_error_mode = c.Choice(("warn", "strict", "lax"), default="warn")
    # Resource limits of one page's Liquid (none in Jekyll, which hangs instead): loop
    # iterations, output bytes, nested include/loop levels, bytes of assign/capture values.
    liquid_loop_limit = Limit(LOOP_LIMIT)
    liquid_output_limit = Limit(OUTPUT_LIMIT)
    liquid_depth_limit = Limit(DEPTH_LIMIT)
    liquid_namespace_limit = Limit(NAMESPACE_LIMIT)
    # Jekyll's `timezone`, used by date filters: an IANA zone name ('America/Bogota').
    timezone = c.Optional(TimeZone())

    # Minimal Mistakes' `minimal_mistakes_skin` (default, air, aqua, contrast, dark, dirt,
    # mint, neon, plum, sunrise): sets Material's palette when theme.palette is not set.
    minimal_mistakes_skin = c.Optional(Skin())
    # The pages' look: Minimal Mistakes' masthead, type, colours and footer on Material
    # ('minimal-mistakes'), or Material's own ('material'). Unset: Minimal Mistakes' when
    # the site's pages use its layouts (`layout: single`, ...), else Material's.
    look = c.Optional(c.Choice(LOOKS))

    # GitHub Pages: a custom domain written to the site's CNAME file.
    cname = c.Optional(HostName())

    # Markdown: read content as Jekyll's kramdown does. `true` (kramdown's settings as Jekyll
    # sets them), `false`, or Jekyll's `kramdown:` block (input, auto_ids, toc_levels, ...).
    markdown_kramdown = Kramdown()

    # Sitemap: `sitemap.xml` (and `.gz`) of every page with hreflang alternates, written once
    # after every locale pass, plus a `robots.txt` naming it unless `docs/robots.txt` exists.
    sitemap_enabled = c.Type(bool, default=True)
    # Atom feeds as jekyll-feed writes them: `/feed.xml` (the default locale's posts, or the
    # whole site's) and `/<locale>/feed.xml`, linked from every page's head. Its options are
    # jekyll-feed's `feed:` block, under `site:` (`site: {feed: {posts_limit: 20}}`).
    feed_enabled = c.Type(bool, default=True)
    # Archives as Minimal Mistakes' `_pages` make them: per locale with posts, a categories
    # page (`layout: categories`), a tags page (`layout: tags`) and a year archive
    # (`layout: posts`), at these permalinks (`:locale`: the locale folder, dropped without
    # locales; '' leaves one out). A site's own page at the URL wins.
    archives_enabled = c.Type(bool, default=True)
    archives_categories_path = c.Type(str, default="/:locale/categories/")
    archives_tags_path = c.Type(str, default="/:locale/tags/")
    archives_years_path = c.Type(str, default="/:locale/year-archive/")

    # Languages: what `/` serves on a multi-locale site when no page claims it: a page
    # listing each locale's home ('landing') or a redirect to the default locale ('redirect').
    i18n_root = c.Choice(["landing", "redirect"], default="landing")
    # On the landing page, send visitors to the locale matching their browser's languages.
    i18n_root_detect = c.Type(bool, default=True)
    # A JSON translation report, as a path inside the site (`i18n-report.json`).
    i18n_report_file = c.Optional(SitePath("i18n-report.json"))

    # SEO: the head tags jekyll-seo-tag prints (title, description, canonical, Open Graph,
    # Twitter card, JSON-LD). Off when a site prints its own in `overrides/main.html`.
    seo_enabled = c.Type(bool, default=True)
    # Between page and site title, with a space each side (Minimal Mistakes' `title_separator`,
    # default '-'; jekyll-seo-tag's is '|'). Unset: `site.title_separator`, else '-'.
    seo_title_separator = c.Optional(c.Type(str))
    # Image for pages without one (Minimal Mistakes' `og_image`): a site path or a full URL.
    seo_og_image = c.Optional(c.Type(str))
    # The site's Twitter/X handle for `twitter:site` (jekyll-seo-tag's `twitter.username`).
    seo_twitter_username = c.Optional(c.Type(str))

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """Name the key below an option that failed (``defaults[1].scope``) as its key."""
        failed, warnings = super().validate()
        return (
            [locate_error(key, error) for key, error in failed],
            [locate_warning(key, warning) for key, warning in warnings],
        )
