"""Everything computed once per build and shared by static-i18n's locale passes.

The site model, the translation index, redirects and every page's Liquid output are built
in ``on_pre_build`` of the first pass, before MkDocs cleans ``site/``: a content error then
leaves the previous output untouched, and later locale passes reuse the work.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import markdown
from markupsafe import escape
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, get_files

from mkdocs_jekyll.features.author import build_author_profile
from mkdocs_jekyll.features.layouts import is_known_layout, template_for_layout
from mkdocs_jekyll.features.page_templates import render_error_box
from mkdocs_jekyll.features.redirects import (
    Redirect,
    collect_redirects,
    redirect_target,
    redirects_json,
    render_stub,
)
from mkdocs_jekyll.features.redirects import absolute as redirect_absolute
from mkdocs_jekyll.i18n.translations import Translations, bcp47
from mkdocs_jekyll.i18n.ui_text import load_ui_text
from mkdocs_jekyll.jekyll.collections import place, read_collections
from mkdocs_jekyll.jekyll.data import data_file_label, load_data_dir
from mkdocs_jekyll.jekyll.dates import site_zone
from mkdocs_jekyll.jekyll.defaults import FrontMatterDefaults
from mkdocs_jekyll.jekyll.documents import (
    Document,
    ScanCache,
    SiteModel,
    build_site_model,
    is_content_file,
)
from mkdocs_jekyll.jekyll.drops import (
    SiteDrops,
    SiteSettings,
    build_drops,
    jekyll_drop,
    page_drop,
    render_order,
)
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.safe_paths import FolderGuard, is_inside
from mkdocs_jekyll.jekyll.safe_url import drop_unsafe_urls
from mkdocs_jekyll.jekyll.urls import split_site_url
from mkdocs_jekyll.liquid.environment import LiquidSettings, create_environment
from mkdocs_jekyll.liquid.render import render_markdown
from mkdocs_jekyll.mkdocs.i18n_context import (
    build_order,
    build_translations,
    locale_folders,
    page_language,
    site_lang,
)
from mkdocs_jekyll.mkdocs.listing import render_excerpts, set_content, static_files
from mkdocs_jekyll.mkdocs.theme_env import theme_env

if TYPE_CHECKING:
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.mkdocs.config import JekyllConfig

log = get_plugin_logger(__name__)

INCLUDES_DIR = Path(__file__).parent.parent / "includes"

# Front matter keys Material prints into HTML without escaping: `title` (<title>, header,
# nav), `description` and `author` (<meta>), `subtitle` (nav-item.html) and `status` (a class
# and a lookup in nav-item.html). Our templates print them with `| e`, which leaves Markup
# as it is, and read the text back with `striptags`.
_ESCAPED_META = ("title", "description", "author", "subtitle", "status")
# Material includes `.icons/<icon>.svg` for a page's `icon`: anything but a path of names
# would end the build with Jinja's TemplateNotFound traceback.
_ICON_NAME = re.compile(r"[\w-]+(?:/[\w-]+)+")


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


class BuildState:
    """The site as Jekyll sees it, for one build (every locale pass)."""

    def __init__(self, config: MkDocsConfig, options: JekyllConfig) -> None:
        self.options = options
        self.settings = resolve_settings(config, options)
        self.site_settings = self.settings
        """The site's own settings (``mkdocs.yml``'s ``site_name``), for the pages that
        belong to no locale (the landing page, the root 404); ``settings`` is the pass's."""
        self.root = Path(config.config_file_path or ".").resolve().parent
        self.now = dt.datetime.now(dt.UTC)
        """The build time: ``site.time``, and the limit for future posts."""
        self.model = SiteModel()
        self.translations = Translations((), (), {})
        self.redirects: list[Redirect] = []
        self.data: dict[str, Any] = {}
        """``site.data``, with the merged ``ui-text``."""
        self._authors: dict[str | None, Any] = {}
        self.liquid: Any = None
        self.context: dict[str, Any] = {}
        self.drops = SiteDrops({}, {}, {})
        """``site`` and each document's ``page``, with rendered content and excerpts."""
        self.excerpts: dict[str, str] = {}
        """src_path -> the document's excerpt as HTML (front matter's as written)."""
        """The ``site`` and ``jekyll`` variables shared by every page."""
        self.layouts: frozenset[str] = frozenset()
        self.icon_dirs: list[Path] = []
        """The theme folders' ``.icons/``, where a page's front matter ``icon`` must exist."""
        """Layout names with a ``layouts/<name>.html`` template in a theme folder."""
        self.rendered: dict[str, tuple[str, str]] = {}
        """src_path -> (Markdown body as read, line ends normalised; Markdown after Liquid)."""
        self.relative_includes: set[str] = set()
        """Files pages read with ``include_relative`` (their edits change those pages)."""
        self.locale_order: list[str | None] = [None]
        """The locales the build writes, in static-i18n's order (``[None]``: no locales)."""
        self.search_before: dict[str, Any] | None = None
        """Incremental rebuilds: the root search index as the previous build wrote it."""
        self.search_rebuilt: list[dict[str, Any]] = []
        """Incremental rebuilds: the search entries of the pages rebuilt, every locale."""
        self.site_errors: list[str] = []
        """Under ``mkdocs serve``: errors of ``_data`` files, shown atop every page."""
        self.skipped_links: set[str] = set()
        """Symbolic links leaving their folder, warned about once per build (``safe_files``)."""
        self.page_env = theme_env(config, self.warn_link)
        self.own_404_page: str | None = None
        """The output of the site's own page at ``404.html``, put back after every pass."""
        self.markdownify = _markdown_converter(config)
        """Markdown to HTML with the site's extensions: ``markdownify``, content, excerpts."""
        """The theme environment rendering the plugin's own pages (``templates/jekyll/``)."""

    def localize_settings(self, config: MkDocsConfig) -> None:
        """Take this locale pass's ``site_name`` and ``site_description`` for its pages."""
        self.settings = dataclasses.replace(
            self.settings, title=config.site_name, description=config.site_description
        )

    # -- reading -----------------------------------------------------------------------------

    def scan(self, config: MkDocsConfig, cache: ScanCache, *, keep_going: bool = False) -> None:
        """Read every locale's front matter; compute permalinks, translations, redirects.

        With ``keep_going`` (under ``mkdocs serve``), a file whose front matter or permalink
        fails is logged, kept at its path-based URL, and shows its error as its content.
        """
        defaults = FrontMatterDefaults(self.options.defaults)
        for problem in defaults.problems():
            # Problems name their set ("defaults[2].scope.path: ..."), so the key reads as
            # it is in mkdocs.yml: plugins.jekyll.defaults[2].scope.path.
            where = (
                "plugins.jekyll." if problem.startswith("defaults") else "plugins.jekyll.defaults: "
            )
            log.warning(f"mkdocs.yml: {where}{problem}")
        # Pages reached through a link leaving docs_dir are never read (Jekyll's safe mode);
        # on_files warns about them and drops them from MkDocs' files.
        guard = FolderGuard(config.docs_dir)
        files = get_files(config)
        # Jekyll's file model: every file starting with front matter is a page or document,
        # whatever its extension (`blog/index.html`, `search.json`), not only Markdown.
        sources = [
            (f.src_uri, f.abs_src_path)
            for f in files
            if f.abs_src_path is not None
            and not f.inclusion.is_excluded()  # type: ignore[no-untyped-call]
            and is_content_file(f.src_uri, f.abs_src_path)
            and not guard.escapes(f.abs_src_path)
        ]
        self.model = build_site_model(
            sources,
            cache=cache,
            defaults=defaults,
            permalink_style=self.permalink_style(config),
            locales=locale_folders(config),
            collections=read_collections(self.options.collections),
            now=self.now,
            future=self.options.future,
            show_drafts=self.options.show_drafts,
            zone=site_zone(self.options.timezone),
            on_error=_log_error if keep_going else None,
        )
        if not self.options.show_drafts:
            # reader.rb retrieve_posts: without `show_drafts` nothing of `_drafts/` is read,
            # so its images and other files are not copied either.
            collections = read_collections(self.options.collections)
            self.model.unpublished.update(
                f.src_uri for f in files if place(f.src_uri, collections).label == "drafts"
            )
        self.model.static_files = static_files(files, self.model, self.options.collections)
        self.locale_order = build_order(config)
        # `build_only_locale`: the other locales' documents are not written, but links to
        # them still resolve to their permalinks.
        for path, doc in list(self.model.documents.items()):
            if doc.locale is not None and doc.locale not in self.locale_order:
                self.model.documents[path] = dataclasses.replace(doc, output=False)
                self.model.unpublished.add(path)
        self.layouts = _site_layouts(config)
        self.icon_dirs = [Path(folder) / ".icons" for folder in config.theme.dirs]
        self._check_layouts()
        self.translations = build_translations(self.model, config)
        if len(self.translations.locales) > 1:
            self._resolve_root(self.translations)
        self.redirects = collect_redirects(
            self.model.built(),
            site_url=self.settings.url,
            baseurl=self.settings.baseurl,
            on_error=self._page_error if keep_going else None,
            collection_labels=list(read_collections(self.options.collections)),
        )

    def _check_layouts(self) -> None:
        """Warn once per build about a ``layout`` no template or theme knows."""
        for doc in self.model.built():
            layout = doc.data.get("layout")
            if not isinstance(layout, str) or layout in self.layouts or is_known_layout(layout):
                continue
            log.warning(
                f"{doc.src_path}: unknown layout '{layout}'; the page is rendered with the "
                f"'single' layout. Use a Minimal Mistakes layout (single, splash, archive, "
                f"...) or add 'overrides/layouts/{layout}.html'."
            )

    def page_meta(self, doc: Document) -> dict[str, Any]:
        """The page's front matter for MkDocs, with the layout's template.

        A ``layouts/<name>.html`` in a theme folder (the site's ``overrides/`` first) wins
        over the package's mapping, so a site can add or replace layouts.
        """
        meta = page_meta(doc)
        icon = meta.get("icon")
        if isinstance(icon, str) and not any(
            is_inside(root / f"{icon}.svg", root) and (root / f"{icon}.svg").is_file()
            for root in self.icon_dirs
        ):
            # Material includes `.icons/<icon>.svg` from the theme folders: a missing one
            # would end the build with Jinja's TemplateNotFound traceback.
            log.warning(
                f"{doc.src_path}: icon: no icon '{icon}' in Material's icons or the site's "
                f"'overrides/.icons/'; it is left out."
            )
            del meta["icon"]
        layout = doc.data.get("layout")
        if "template" not in doc.data and isinstance(layout, str) and layout in self.layouts:
            meta["template"] = f"layouts/{layout}.html"
        return meta

    def _resolve_root(self, translations: Translations) -> None:
        """Where ``x-default`` points, by what ``/`` will serve (``i18n_root``)."""
        for doc in self.model.documents.values():
            if doc.output and doc.dest == "index.html":
                # A page of the site is the root. One of no locale (a root `index.md`, or
                # `lang: x-default`) is the language chooser: it replaces the landing page.
                if translations.locale_of(doc) is None:
                    translations.landing = doc.url
                return
        if self.options.i18n_root == "landing":
            translations.landing = "/"
        else:
            default = translations.locales[0]
            translations.root_url = translations.homes.get(default, f"/{default}/")

    def permalink_style(self, config: MkDocsConfig) -> str:
        """Jekyll's ``permalink``; unset, what MkDocs' ``use_directory_urls`` says."""
        if self.options.permalink:
            return self.options.permalink
        return "pretty" if config.use_directory_urls else "date"

    def render_all(
        self,
        config: MkDocsConfig,
        *,
        keep_going: bool = False,
        previous: BuildState | None = None,
    ) -> None:
        """Load ``_data``, then render every document's Liquid once for all passes.

        With ``keep_going`` (under ``mkdocs serve``), a page whose Liquid fails shows the
        error instead of its content and the rest of the site is built, as ``jekyll serve``
        keeps serving while the author fixes the file.

        With ``previous`` (an incremental rebuild, whose plan guarantees that the data, the
        includes and every front matter are unchanged), a page whose body is unchanged keeps
        its previous output.
        """
        options = self.options
        data_dir = self.root / options.data_dir
        data = load_data_dir(
            data_dir,
            label=options.data_dir,
            warn=self.warn_link,
            on_error=self._site_error if keep_going else None,
        )
        try:
            data["ui-text"] = load_ui_text(
                data.get("ui-text"), source=data_file_label(data_dir, "ui-text", options.data_dir)
            )
        except ContentError as err:
            if not keep_going:
                raise
            self._site_error(err)
            data["ui-text"] = load_ui_text(None)
        self.data = data
        self.liquid = self._create_liquid(config)
        labels = list(read_collections(options.collections))
        self.drops = build_drops(
            self.settings, self.model, data=data, time=self.now, collections=labels
        )
        self.context = {"site": self.drops.site, "jekyll": jekyll_drop(self.settings.environment)}
        # Resolve the author now: a malformed `author:` config stops the build before site/
        # is cleaned, not halfway through the pages.
        self.author_for(self.settings.lang)
        self.excerpts = self.model.excerpts = render_excerpts(self, keep_going=keep_going)
        # Jekyll's order (posts, collections, pages): a listing shows the rendered content of
        # what was rendered before it, as in Jekyll.
        for doc in render_order(self.model, labels):
            if not doc.output:
                continue  # Not written (output: false, another locale): no content needed.
            failure = self.model.errors.get(doc.src_path)
            if failure is not None:
                box = error_block(failure, self.page_env)
                self.rendered[doc.src_path] = (_lines(doc.body), box)
                continue
            reused = previous.rendered.get(doc.src_path) if previous is not None else None
            if reused is not None and reused[0] == _lines(doc.body):
                self.rendered[doc.src_path] = reused
                # Its drop keeps the HTML content of the last build (feeds, listings).
                before = previous.drops.pages.get(doc.src_path) if previous else None
                drop = self.drops.pages.get(doc.src_path)
                if before is not None and drop is not None:
                    drop.update({k: v for k, v in before.items() if k in ("content", "output")})
                continue
            try:
                output = self.render(doc, doc.body)
            except ContentError as err:
                if not keep_going:
                    raise
                log.error(str(err))
                output = error_block(str(err), self.page_env)
            self.rendered[doc.src_path] = (_lines(doc.body), output)
            set_content(self.drops, doc, output, self.markdownify)
        self.relative_includes = set(self.liquid.relative_includes)
        if previous is not None:
            self.relative_includes |= previous.relative_includes

    def warn_link(self, message: str) -> None:
        """Warn once per build about a link that is not followed (``safe_paths``)."""
        if message not in self.skipped_links:
            self.skipped_links.add(message)
            log.warning(message)

    def _site_error(self, err: ContentError) -> None:
        """Under ``mkdocs serve``: log a data file's error and show it atop every page.

        The file is left out of ``site.data``; failing the build instead left MkDocs' live
        reload server waiting for a good build, every request hanging until the file was
        fixed.
        """
        log.error(str(err))
        self.site_errors.append(str(err))

    def _page_error(self, err: ContentError) -> None:
        """Under ``mkdocs serve``: log a page's error and show it as the page's content."""
        log.error(str(err))
        self.model.errors.setdefault(err.path, str(err))

    def _create_liquid(self, config: MkDocsConfig) -> Any:
        options = self.options
        settings = LiquidSettings(
            includes_dirs=(self.root / options.includes_dir, INCLUDES_DIR),
            include_labels=(options.includes_dir, "mkdocs_jekyll/includes"),
            site_url=self.settings.url,
            baseurl=self.settings.baseurl,
            strict_variables=options.liquid_strict_variables,
            strict_filters=options.liquid_strict_filters,
            error_mode=options.liquid_error_mode,
            feed_enabled=options.feed_enabled,
            link_targets=self.model.link_targets(),
            post_urls=self.model.post_urls(),
            markdownify=self.markdownify,
            timezone=options.timezone,
            loop_limit=options.liquid_loop_limit,
            output_limit=options.liquid_output_limit,
            depth_limit=options.liquid_depth_limit,
            namespace_limit=options.liquid_namespace_limit,
            docs_dir=Path(config.docs_dir),
        )
        return create_environment(settings)

    # -- pages -------------------------------------------------------------------------------

    def render(self, doc: Document, source: str) -> str:
        """Render one document's Liquid with the build's shared ``site`` and ``jekyll``."""
        page = self.drops.pages.get(doc.src_path) or page_drop(doc, time=self.now)
        site = self.drops.site_for(doc.src_path) if self.drops.site else self.context.get("site")
        context = {**self.context, "site": site, "page": page}
        return render_markdown(
            self.liquid,
            source,
            path=doc.src_path,
            line_offset=doc.line_offset,
            context=context,
            source_file=Path(doc.abs_path),
        )

    def markdown_for(self, doc: Document, source: str) -> str:
        """The page's Markdown after Liquid: rendered before the build, unless it changed.

        A page that is not Markdown (``blog/index.html``) gets none: Jekyll converts no
        Markdown in it, and its Liquid output becomes its content (``html_for``).
        """
        if not doc.is_markdown:
            return ""
        cached = self.rendered.get(doc.src_path)
        if cached is not None and (
            cached[0] == _lines(source) or doc.src_path in self.model.errors
        ):
            output = cached[1]
        else:
            # Another plugin changed the Markdown since it was read: render what it gave us.
            output = self.render(doc, source)
        boxes = (error_block(message, self.page_env) + "\n" for message in self.site_errors)
        return "".join(boxes) + output

    def output_for(self, doc: Document) -> str:
        """A document's Liquid output, rendered before the build (``render_all``)."""
        cached = self.rendered.get(doc.src_path)
        return cached[1] if cached is not None else self.render(doc, doc.body)

    def html_for(self, doc: Document) -> str | None:
        """The content of a page that is not Markdown: its Liquid output; None for Markdown."""
        if doc.is_markdown:
            return None
        boxes = (error_block(message, self.page_env) + "\n" for message in self.site_errors)
        return "".join(boxes) + self.output_for(doc)

    def author_for(self, locale: str | None) -> Any:
        """The author profile in ``locale`` (a translated bio, name, ...), once per locale."""
        if locale not in self._authors:
            self._authors[locale] = build_author_profile(
                self.options.author,
                relative_url=self.relative_url,
                locale=locale,
                default_locale=self.settings.lang,
                report=not self._authors,  # every locale reads the same config: warn once
            )
        return self._authors[locale]

    def relative_url(self, url: str) -> str:
        """Jekyll's ``relative_url`` with this site's base path."""
        return self.settings.relative_url(url)

    def absolute_url(self, url: str) -> str:
        """Jekyll's ``absolute_url``, as head alternates and the sitemap write it."""
        return self.settings.absolute_url(url)

    def html_lang(self, doc: Document) -> str:
        """The page's BCP 47 language: its locale, else its own ``lang`` (outside the locale
        folders; not ``x-default``), else the site's."""
        locale = self.translations.locale_of(doc) or page_language(self.translations, doc)
        return bcp47(locale or self.settings.lang or "en")

    # -- redirects ---------------------------------------------------------------------------

    def redirect_file(self, config: MkDocsConfig, redirect: Redirect) -> File:
        """A generated stub at the old URL (a static file: MkDocs copies it as it is)."""
        doc = self.model.documents[redirect.source]
        content = render_stub(redirect.to, lang=self.html_lang(doc), env=self.page_env)
        return File.generated(config, redirect.dest, content=content)

    def redirect_stub(self, doc: Document) -> str | None:
        """The stub replacing a ``redirect_to`` page's output, or None."""
        target = redirect_target(doc)
        if target is None:
            return None
        settings = self.settings
        to = redirect_absolute(target, site_url=settings.url, baseurl=settings.baseurl)
        return render_stub(to, lang=self.html_lang(doc), env=self.page_env)

    def write_redirects_json(self, config: MkDocsConfig) -> None:
        """jekyll-redirect-from's ``redirects.json``, unless the site ships its own."""
        if (Path(config.docs_dir) / "redirects.json").exists():
            return
        settings = self.settings
        extra = {}
        for doc in self.model.built():
            target = redirect_target(doc)
            if target is not None:
                extra[doc.url] = redirect_absolute(
                    target, site_url=settings.url, baseurl=settings.baseurl
                )
        path = Path(config.site_dir) / "redirects.json"
        path.write_text(redirects_json(self.redirects, extra), encoding="utf-8")


def _site_layouts(config: MkDocsConfig) -> frozenset[str]:
    """The ``layouts/*.html`` templates of every theme folder (overrides and package)."""
    names: set[str] = set()
    for folder in config.theme.dirs:
        layouts = Path(folder) / "layouts"
        if layouts.is_dir():
            # A layout linked from outside its theme folder is never loaded (safe_files).
            names.update(path.stem for path in layouts.glob("*.html") if is_inside(path, folder))
    return frozenset(names)


def _log_error(err: ContentError) -> None:
    """Report a content error and carry on (``mkdocs serve``)."""
    log.error(str(err))


def _lines(text: str) -> str:
    """The text's lines joined by ``\n``: equal whether or not a plugin re-joined them."""
    return "\n".join(text.splitlines())


def error_block(message: str, env: Environment | None = None) -> str:
    """An error shown in place of a page's content (``jekyll/error-box.html``, Markdown-safe)."""
    return render_error_box(message, env)


def page_meta(doc: Document) -> dict[str, Any]:
    """The page's front matter for MkDocs and templates, defaults merged.

    Titles, descriptions and the other ``_ESCAPED_META`` keys become ``Markup`` holding
    their escaped text: Material prints them raw in many partials, and ``| e`` leaves
    ``Markup`` as is (no double escaping). URLs ``is_safe_url`` refuses are left out, with a
    warning. Liquid's ``page`` keeps the values as written, as in Jekyll.
    """
    meta = drop_unsafe_urls(doc.data, doc.src_path)
    for key in _ESCAPED_META:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = escape(value)
    icon = meta.get("icon")
    if icon is not None and not (isinstance(icon, str) and _ICON_NAME.fullmatch(icon)):
        log.warning(
            f"{doc.src_path}: icon: Expected an icon name like 'material/home', received "
            f"'{icon}'; it is left out."
        )
        del meta["icon"]
    tags = meta.get("tags")
    if isinstance(tags, list):
        # Material's search index carries them, and its results insert them as HTML.
        meta["tags"] = [escape(tag) if isinstance(tag, str) else tag for tag in tags]
    if "template" not in meta:
        template = template_for_layout(meta.get("layout"))
        if template is not None:
            meta["template"] = template
    return meta


def _markdown_converter(config: MkDocsConfig) -> Callable[[str], str]:
    """``markdownify`` converts with the site's own Markdown extensions."""

    md: markdown.Markdown | None = None

    def convert(text: str) -> str:
        # One converter, reset between texts: building one per call (loading every
        # extension) cost more than the conversion once content and excerpts used it too.
        nonlocal md
        if md is None:
            md = markdown.Markdown(
                extensions=config.markdown_extensions, extension_configs=config.mdx_configs
            )
        md.reset()
        return str(md.convert(text))

    return convert
