"""``jekyll``: the core plugin. Hooks only; the work lives in the modules they call."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, get_files
from mkdocs.utils import get_relative_url
from mkdocs_static_i18n.plugin import I18n

from .author import build_author_profile
from .config import JekyllConfig
from .data import load_data_dir
from .defaults import FrontMatterDefaults
from .errors import ContentError
from .i18n import Translations, bcp47
from .layouts import template_for_layout
from .liquid.environment import LiquidSettings, create_environment
from .liquid.filters.urls import compute_relative_url
from .liquid.render import render_markdown
from .markdown_compat import add_kramdown_extensions
from .navigation import data_navigation
from .outputs import localized_404, write_site_outputs
from .redirects import Redirect, collect_redirects, redirect_target, redirects_json, render_stub
from .redirects import absolute as redirect_absolute
from .search_index import configure_search_languages, lunr_language, write_locale_index
from .site.collections import read_collections
from .site.documents import Document, ScanCache, SiteModel, build_site_model, normalise_locale
from .site.drops import SiteSettings, jekyll_drop, page_drop, site_drop
from .ui_text import load_ui_text, ui_text_for

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger(__name__)

TEMPLATES_DIR = Path(__file__).parent / "templates"
INCLUDES_DIR = Path(__file__).parent / "includes"
EXTRA_CSS = "assets/mkdocs_jekyll/jekyll.css"


class _BuildState:
    """Everything computed once per build and shared by static-i18n's locale passes."""

    def __init__(self, settings: SiteSettings, root: Path) -> None:
        self.settings = settings
        self.root = root
        self.model = SiteModel()
        self.rendered: dict[str, tuple[str, str]] = {}
        """src_path -> (Markdown body as read, Markdown after Liquid)."""
        self.author: Any = None
        self.translations = Translations((), (), {})
        self.redirects: list[Redirect] = []
        self.now = dt.datetime.now(dt.UTC)
        """The build time: ``site.time``, and the limit for future posts."""
        self.data: dict[str, Any] = {}
        """``site.data``, with the merged ``ui-text``."""
        self.liquid: Any = None
        self.context: dict[str, Any] = {}
        """The ``site`` and ``jekyll`` variables shared by every page."""


class JekyllPlugin(BasePlugin[JekyllConfig]):  # type: ignore[no-untyped-call]
    """Jekyll pages (front matter, permalinks, Liquid, layouts) on MkDocs + Material."""

    def __init__(self) -> None:
        self._scan_cache = ScanCache()
        self._state: _BuildState | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this keeps the plugin alive across `mkdocs serve` rebuilds (scan cache)."""

    # -- configuration ---------------------------------------------------------------------

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Resolve site settings and install templates and Markdown extensions.

        Priority: 100, because static-i18n (-100) must see our theme folder and extensions.
        """
        if not self.config.enabled:
            return config
        self._install_theme(config)
        if self.config.markdown_kramdown:
            config.markdown_extensions = add_kramdown_extensions(config.markdown_extensions)
        if config.validation.links.absolute_links == logging.INFO:
            # Jekyll content links with `{{ "/en/cv/" | relative_url }}`: absolute paths by
            # design, which MkDocs would report one INFO line each. An explicit setting stays.
            config.validation.links.absolute_links = logging.DEBUG
        if EXTRA_CSS not in [str(item) for item in config.extra_css]:
            config.extra_css.append(EXTRA_CSS)
        _disable_instant_navigation(config)
        _configure_search(config)
        if self._state is None or not _is_locale_pass(config):
            # A new build (static-i18n's later locale passes reuse the first pass's state).
            root = Path(config.config_file_path or ".").resolve().parent
            self._state = _BuildState(self._resolve_settings(config), root)
        return config

    def _install_theme(self, config: MkDocsConfig) -> None:
        """Put our templates right after the user's ``custom_dir`` and before Material's."""
        dirs = config.theme.dirs
        ours = str(TEMPLATES_DIR)
        if ours in dirs:
            return
        custom = config.theme.custom_dir
        position = dirs.index(custom) + 1 if custom in dirs else 0
        dirs.insert(position, ours)

    def _resolve_settings(self, config: MkDocsConfig) -> SiteSettings:
        parts = urlsplit(config.site_url or "")
        url = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
        return SiteSettings(
            title=config.site_name,
            description=config.site_description,
            url=url,
            baseurl=parts.path.rstrip("/"),
            lang=_site_lang(config),
            author=self.config.author,
            extra=self.config.site,
            environment=os.environ.get("JEKYLL_ENV", "development"),
        )

    # -- reading the site ------------------------------------------------------------------

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Read every locale's front matter and render its Liquid, before `site/` is cleaned.

        Any content error stops the build here, so the previous `site/` stays intact.
        """
        state = self._state
        if not self.config.enabled or state is None or _is_locale_pass(config):
            return
        with _as_plugin_error():
            self._scan(config, state)
            self._render_all(config, state)

    def _scan(self, config: MkDocsConfig, state: _BuildState) -> None:
        defaults = FrontMatterDefaults(self.config.defaults)
        for problem in defaults.problems():
            log.warning(f"mkdocs.yml: plugins.jekyll.defaults: {problem}")
        files = get_files(config)
        sources = [
            (f.src_uri, f.abs_src_path)
            for f in files.documentation_pages()
            if f.abs_src_path is not None and not f.inclusion.is_excluded()  # type: ignore[no-untyped-call]
        ]
        state.model = build_site_model(
            sources,
            cache=self._scan_cache,
            defaults=defaults,
            permalink_style=self._permalink_style(config),
            locales=_locales(config),
            collections=read_collections(self.config.collections),
            now=state.now,
            future=self.config.future,
        )
        state.translations = _build_translations(state.model, config)
        state.redirects = collect_redirects(
            state.model.built(), site_url=state.settings.url, baseurl=state.settings.baseurl
        )

    def _permalink_style(self, config: MkDocsConfig) -> str:
        if self.config.permalink:
            return self.config.permalink
        # MkDocs' use_directory_urls says what the site wants when Jekyll's option is unset.
        return "pretty" if config.use_directory_urls else "date"

    def _render_all(self, config: MkDocsConfig, state: _BuildState) -> None:
        data = load_data_dir(state.root / self.config.data_dir, label=self.config.data_dir)
        data["ui-text"] = load_ui_text(data.get("ui-text"))
        state.data = data
        state.liquid = self._create_liquid(config, state)
        state.context = {
            "site": site_drop(state.settings, state.model, data=data, time=state.now),
            "jekyll": jekyll_drop(state.settings.environment),
        }
        state.author = build_author_profile(
            self.config.author, relative_url=lambda url: _relative(url, state.settings.baseurl)
        )
        for doc in state.model.documents.values():
            state.rendered[doc.src_path] = (doc.body, _render(state, doc, doc.body))

    def _create_liquid(self, config: MkDocsConfig, state: _BuildState) -> Any:
        site_includes = state.root / self.config.includes_dir
        settings = LiquidSettings(
            includes_dirs=(site_includes, INCLUDES_DIR),
            include_labels=(self.config.includes_dir, "mkdocs_jekyll/includes"),
            site_url=state.settings.url,
            baseurl=state.settings.baseurl,
            strict_variables=self.config.liquid_strict_variables,
            strict_filters=self.config.liquid_strict_filters,
            link_targets=state.model.link_targets(),
            post_urls=state.model.post_urls(),
            markdownify=_markdown_converter(config),
            timezone=self.config.timezone,
            docs_dir=Path(config.docs_dir),
        )
        return create_environment(settings)

    # -- files and URLs --------------------------------------------------------------------

    @event_priority(-200)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Move every page to its permalink and drop unpublished ones.

        Priority: -200, after static-i18n (-100), which rebuilds the file list and would
        otherwise strip the locale folder from our URLs again.
        """
        state = self._state
        if not self.config.enabled or state is None:
            return files
        for file in list(files.documentation_pages()):
            if file.src_uri in state.model.unpublished:
                files.remove(file)
                continue
            doc = state.model.documents.get(file.src_uri)
            if doc is not None:
                _move_file(file, doc, config)
        for redirect in state.redirects:
            if redirect.source in files.src_uris:
                # The stub is written in the pass that builds its page (once per build).
                files.append(_redirect_file(config, redirect, state))
        # Other locales' pages that links may point at (jekyll/i18n's CrossLocaleFiles).
        others = getattr(files, "others", {})
        for src_uri, file in list(others.items()):
            doc = state.model.documents.get(src_uri)
            if doc is None:
                del others[src_uri]
            else:
                _move_file(file, doc, config)
        return files

    # -- pages -----------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Give the page its merged front matter and layout, and its Liquid output."""
        state = self._state
        if not self.config.enabled or state is None:
            return markdown
        doc = state.model.documents.get(page.file.src_uri)
        if doc is None:
            return markdown
        page.meta = _page_meta(doc)
        cached = state.rendered.get(doc.src_path)
        if cached is not None and cached[0] == markdown:
            return cached[1]
        # Another plugin changed the Markdown since it was read: render what it gave us.
        with _as_plugin_error():
            return _render(state, doc, markdown)

    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Expose the author profile, the page's alternates and its language switcher.

        Priority: -100, after static-i18n (50), whose per-page switcher only pairs pages
        with the same file name; ours follows the translation index.
        """
        state = self._state
        if not self.config.enabled or state is None:
            return context
        context["jekyll_author"] = state.author  # type: ignore[typeddict-unknown-key]
        doc = state.model.documents.get(page.file.src_uri)
        plugin = _i18n_plugin(config)
        locale = (state.translations.locale_of(doc) if doc else None) or _current_locale(config)
        context["jekyll_ui_text"] = ui_text_for(  # type: ignore[typeddict-unknown-key]
            state.data.get("ui-text", {}), locale, state.settings.lang
        )
        if locale is not None and page.url.startswith(f"{locale}/"):
            # Material loads `search/search_index.json` relative to its `base`.
            context["jekyll_search_base"] = get_relative_url(  # type: ignore[typeddict-unknown-key]
                f"{locale}/", page.url
            )
        if doc is None:
            return context
        absolute = state.settings.url + state.settings.baseurl
        context["jekyll_alternates"] = [  # type: ignore[typeddict-unknown-key]
            (hreflang, absolute + url)
            for hreflang, url in state.translations.head_alternates(doc, root_url="/")
        ]
        if plugin is not None and len(plugin.build_languages) > 1:
            switcher = _switcher(state, doc, plugin)
            # static-i18n sets `config.extra.alternate` as an attribute, which Jinja reads
            # before the mapping item: set both so templates see this page's switcher.
            config.extra["alternate"] = switcher
            config.extra.alternate = switcher  # type: ignore[attr-defined]
        return context

    @event_priority(-200)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Use ``_data/navigation.yml`` as the locale's nav when the site has one.

        Priority: -200, after static-i18n (-100) has shaped the locale's automatic nav.
        """
        state = self._state
        if not self.config.enabled or state is None:
            return nav
        return data_navigation(
            nav,
            data=state.data,
            locale=_current_locale(config),
            default_locale=state.settings.lang,
            files=files,
            config=config,
            urls={path: doc.url for path, doc in state.model.documents.items()},
        )

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """A page with ``redirect_to`` becomes jekyll-redirect-from's stub."""
        state = self._state
        if not self.config.enabled or state is None:
            return output
        doc = state.model.documents.get(page.file.src_uri)
        target = redirect_target(doc) if doc is not None else None
        if doc is None or target is None:
            return output
        settings = state.settings
        to = redirect_absolute(target, site_url=settings.url, baseurl=settings.baseurl)
        return render_stub(to, lang=_html_lang(state, doc))

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        """Keep each locale's 404 page: static-i18n writes the root one once per locale."""
        if self.config.enabled and template_name == "404.html":
            localized_404(output_content, site_dir=config.site_dir, locale=_current_locale(config))
        return output_content

    @event_priority(-50)
    def _write_locale_search(self, *, config: MkDocsConfig) -> None:
        """Give the pass's locale its own search index.

        Priority: -50, after Material's search plugin (0) wrote this pass's index and before
        static-i18n (-100) starts the next pass or merges every locale into the root index.
        """
        locale = _current_locale(config)
        if not self.config.enabled or locale is None:
            return
        with _as_plugin_error():
            write_locale_index(config.site_dir, locale, lunr_language=lunr_language(locale))

    @event_priority(-150)
    def _write_site_outputs(self, *, config: MkDocsConfig) -> None:
        """Write the sitemap, landing page, root 404 and report once every locale is built.

        Priority: -150, after static-i18n (-100), which runs the other locales' passes
        from its own ``on_post_build``; those nested passes are skipped here.
        """
        state = self._state
        if not self.config.enabled or state is None or _is_locale_pass(config):
            return
        with _as_plugin_error():
            _write_redirects_json(config, state)
            write_site_outputs(
                config.site_dir,
                model=state.model,
                translations=state.translations,
                settings=state.settings,
                options=self.config,
            )

    on_post_build = CombinedEvent(_write_locale_search, _write_site_outputs)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Rebuild when data or include files change, as `jekyll serve` does."""
        if not self.config.enabled:
            return server
        root = Path(config.config_file_path or ".").resolve().parent
        for folder in (self.config.data_dir, self.config.includes_dir):
            path = root / folder
            if path.is_dir():
                server.watch(str(path))
        return server


# -- helpers -------------------------------------------------------------------------------


@contextmanager
def _as_plugin_error() -> Iterator[None]:
    """Turn a content mistake into MkDocs' one-line build error (never a traceback)."""
    try:
        yield
    except ContentError as err:
        raise PluginError(str(err)) from err


def _is_locale_pass(config: MkDocsConfig) -> bool:
    """True inside static-i18n's second and later locale passes of one build."""
    return any(isinstance(p, I18n) and p.building for p in config.plugins.values())


def _disable_instant_navigation(config: MkDocsConfig) -> None:
    """Turn off Material's instant loading on multi-locale sites, saying why."""
    plugin = _i18n_plugin(config)
    features = config.theme.get("features") or []
    if plugin is None or len(plugin.build_languages) < 2 or "navigation.instant" not in features:
        return
    # Instant loading swaps the page body but keeps the header, so the language selector
    # would keep the first page's links and send readers to the wrong translation.
    config.theme["features"] = [f for f in features if not f.startswith("navigation.instant")]
    log.warning(
        "mkdocs.yml: theme.features: 'navigation.instant' was turned off: it keeps the "
        "language selector of the first page visited, whose links point at that page's "
        "translations. Remove it from theme.features to silence this warning."
    )


def _configure_search(config: MkDocsConfig) -> None:
    """Search languages from the locales (``es`` for ``es-419``) on multi-locale sites."""
    plugin = _i18n_plugin(config)
    if plugin is None:
        return
    for name in ("search", "material/search"):
        search = config.plugins.get(name)
        if search is not None:
            configure_search_languages(search.config, list(plugin.build_languages))


def _i18n_plugin(config: MkDocsConfig) -> Any:
    for plugin in config.plugins.values():
        if isinstance(plugin, I18n):
            return plugin
    return None


def _current_locale(config: MkDocsConfig) -> str | None:
    """The locale static-i18n is building in this pass (None without jekyll/i18n)."""
    plugin = _i18n_plugin(config)
    return None if plugin is None else str(plugin.current_language)


def _locales(config: MkDocsConfig) -> dict[str, str]:
    """Normalised folder name to configured locale, from static-i18n's `languages`."""
    plugin = _i18n_plugin(config)
    if plugin is None:
        return {}
    return {normalise_locale(code): code for code in plugin.build_languages}


def _site_lang(config: MkDocsConfig) -> str | None:
    plugin = _i18n_plugin(config)
    if plugin is not None and plugin.default_language:
        return str(plugin.default_language)
    language = config.theme.get("language")
    return str(language) if language else None


def _render(state: _BuildState, doc: Document, markdown: str) -> str:
    """Render one document's Liquid with the build's shared ``site`` and ``jekyll``."""
    context = {**state.context, "page": page_drop(doc)}
    return render_markdown(
        state.liquid,
        markdown,
        path=doc.src_path,
        line_offset=doc.line_offset,
        context=context,
        source_file=Path(doc.abs_path),
    )


def _build_translations(model: SiteModel, config: MkDocsConfig) -> Translations:
    """The translation index over every locale; homes are the locale folders' index pages."""
    plugin = _i18n_plugin(config)
    if plugin is None:
        return Translations((), (), {})
    default = plugin.default_language
    locales = [default, *(code for code in plugin.build_languages if code != default)]
    homes = {}
    for code in locales:
        home = model.documents.get(f"{code}/index.md")
        homes[code] = home.url if home is not None else f"/{code}/"
    return Translations(model.documents.values(), locales, homes)


def _switcher(state: _BuildState, doc: Document, plugin: Any) -> list[dict[str, Any]]:
    """Material's ``extra.alternate`` for one page: each locale's translation, else its home."""
    current = state.translations.locale_of(doc) or plugin.current_language
    names = {lang.locale: lang.name for lang in plugin.config.languages}
    return [
        {
            "name": names.get(entry.locale, entry.locale),
            "link": state.settings.baseurl + entry.url,
            "lang": entry.hreflang,
            "current": entry.locale == current,
            "translated": entry.translated,
        }
        for entry in state.translations.switcher(doc)
    ]


def _html_lang(state: _BuildState, doc: Document) -> str:
    locale = state.translations.locale_of(doc) or state.settings.lang or "en"
    return bcp47(locale)


def _redirect_file(config: MkDocsConfig, redirect: Redirect, state: _BuildState) -> File:
    """A generated stub at the old URL (a static file: MkDocs copies it as it is)."""
    doc = state.model.documents[redirect.source]
    content = render_stub(redirect.to, lang=_html_lang(state, doc))
    return File.generated(config, redirect.dest, content=content)


def _write_redirects_json(config: MkDocsConfig, state: _BuildState) -> None:
    """jekyll-redirect-from's ``redirects.json``, unless the site ships its own."""
    if (Path(config.docs_dir) / "redirects.json").exists():
        return
    settings = state.settings
    extra = {}
    for doc in state.model.built():
        target = redirect_target(doc)
        if target is not None:
            extra[doc.url] = redirect_absolute(
                target, site_url=settings.url, baseurl=settings.baseurl
            )
    path = Path(config.site_dir) / "redirects.json"
    path.write_text(redirects_json(state.redirects, extra), encoding="utf-8")


def _move_file(file: Any, doc: Document, config: MkDocsConfig) -> None:
    """Point a file at its permalink; MkDocs caches all three, so all three are set."""
    file.dest_uri = doc.dest
    file.url = file._get_url(config.use_directory_urls)
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, doc.dest))


# Front matter keys Material prints into HTML without escaping (header, nav, <meta>).
_ESCAPED_META = ("title", "description")


def _page_meta(doc: Document) -> dict[str, Any]:
    """The page's front matter for MkDocs and templates, defaults merged.

    Titles and descriptions become ``Markup`` holding their escaped text: Material prints
    them raw in many partials, and ``| e`` leaves ``Markup`` as is (no double escaping).
    """
    meta = dict(doc.data)
    for key in _ESCAPED_META:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = escape(value)
    if "template" not in meta:
        template = template_for_layout(meta.get("layout"))
        if template is not None:
            meta["template"] = template
    return meta


def _relative(url: str, baseurl: str) -> str:
    return str(compute_relative_url(url, baseurl))


def _markdown_converter(config: MkDocsConfig) -> Any:
    """``markdownify`` converts with the site's own Markdown extensions."""
    import markdown

    def convert(text: str) -> str:
        md = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        )
        return str(md.convert(text))

    return convert
