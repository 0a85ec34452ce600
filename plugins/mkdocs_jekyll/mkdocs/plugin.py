"""``jekyll``: the core plugin. Hooks only; the work lives in the modules they call."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from mkdocs_jekyll.compat import serve_livereload
from mkdocs_jekyll.jekyll.documents import ScanCache
from mkdocs_jekyll.jekyll.findings import converting
from mkdocs_jekyll.kramdown.pipeline import warn_unsupported_settings
from mkdocs_jekyll.liquid.release import release_environments
from mkdocs_jekyll.mkdocs import process_exit, search_attributes, shard_balance
from mkdocs_jekyll.mkdocs.block_memo import install_block_memo
from mkdocs_jekyll.mkdocs.build import (
    BuildSetup,
    BuildState,
    as_plugin_error,
    pass_settings,
)
from mkdocs_jekyll.mkdocs.build_cache import BuildCache
from mkdocs_jekyll.mkdocs.build_end import BuildEnd
from mkdocs_jekyll.mkdocs.build_start import read_site
from mkdocs_jekyll.mkdocs.config import JekyllConfig
from mkdocs_jekyll.mkdocs.configure import configure_site
from mkdocs_jekyll.mkdocs.fast_search import install_fast_search
from mkdocs_jekyll.mkdocs.file_paths import start_build as plain_src_paths
from mkdocs_jekyll.mkdocs.gc_policy import BuildCollector
from mkdocs_jekyll.mkdocs.header_memo import install_header_memo
from mkdocs_jekyll.mkdocs.i18n_context import (
    current_locale,
    is_locale_pass,
    set_language_selector,
)
from mkdocs_jekyll.mkdocs.incremental import (
    ServeState,
    active_plan,
    restore_unread_pages,
    watch_site,
)
from mkdocs_jekyll.mkdocs.jinja_cache import JINJA_FOLDER, SharedBytecodeCache
from mkdocs_jekyll.mkdocs.jinja_runtime import install_fast_runtime
from mkdocs_jekyll.mkdocs.look import install_look
from mkdocs_jekyll.mkdocs.nav_memo import install_nav_memo
from mkdocs_jekyll.mkdocs.navigation import site_navigation
from mkdocs_jekyll.mkdocs.outputs import localized_404, pass_sitemap
from mkdocs_jekyll.mkdocs.page_pass import PagePass
from mkdocs_jekyll.mkdocs.page_source import may_skip_meta
from mkdocs_jekyll.mkdocs.parallel import beside_workers
from mkdocs_jekyll.mkdocs.partial_memo import install_partial_memo
from mkdocs_jekyll.mkdocs.replay_scan_work import ScanWork
from mkdocs_jekyll.mkdocs.safe_files import (
    drop_escaping_files,
    guard_theme_loader,
)
from mkdocs_jekyll.mkdocs.search_settings import translate_search_settings
from mkdocs_jekyll.mkdocs.serve_start import LaterLocales
from mkdocs_jekyll.mkdocs.site_features import apply_site_features
from mkdocs_jekyll.mkdocs.site_replay import may_replay
from mkdocs_jekyll.mkdocs.staging import stage
from mkdocs_jekyll.mkdocs.static_copies import start_build as copy_static_once
from mkdocs_jekyll.mkdocs.template_filters import (
    install_label_memo,
    install_url_filters,
)
from mkdocs_jekyll.mkdocs.template_loops import refuse_extends_loops
from mkdocs_jekyll.mkdocs.theme_files import skip_listing
from mkdocs_jekyll.mkdocs.theme_files import start_build as list_theme_once

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

    from mkdocs_jekyll.jekyll.documents import SiteModel
    from mkdocs_jekyll.jekyll.drops import SiteSettings
    from mkdocs_jekyll.jekyll.findings import Finding

log = get_plugin_logger(__name__)


class JekyllPlugin(BasePlugin[JekyllConfig]):  # type: ignore[no-untyped-call]
    """Jekyll pages (front matter, permalinks, Liquid, layouts) on MkDocs + Material."""

    def __init__(self) -> None:
        self._scan_cache = ScanCache()
        self._setup: BuildSetup | None = None
        """The build's settings, time and theme environment (``on_config``)."""
        self._state: BuildState | None = None
        """The build's scan and rendered Liquid (``on_pre_build``), for every locale pass."""
        self._settings: SiteSettings | None = None
        """The locale pass's settings: the site's, with the pass's own ``site_name``."""
        self._serve = ServeState()
        """Under ``mkdocs serve``: the last build, for incremental rebuilds."""
        self._serving = False
        self._templates = SharedBytecodeCache()
        """Compiled theme templates, kept across locale passes and serve rebuilds."""
        self._end = BuildEnd()
        """Its staged folder, replay, warm-up and findings: the build's end (``build_end``)."""
        self._cache: BuildCache | None = None
        """The build cache (``build_cache``), when this build can use one."""
        self._pages = PagePass()
        """The pass's pages, from cache lookup to written output (``page_pass``)."""
        self.later_locales = LaterLocales(enabled=False)
        """Under ``mkdocs serve``: the other locales, built once the server has started."""
        self._collector_policy = BuildCollector()
        """The collector's policy for a ``mkdocs build`` command (``gc_policy``)."""
        self._command = ""
        """The command line's command (``on_startup``)."""
        self._plugin_names: frozenset[str] | None = None
        """The build's plugins, once configured (``process_exit``)."""

    @property
    def site_model(self) -> SiteModel | None:
        """The build's site model, once ``on_pre_build`` has read it."""
        return None if self._state is None else self._state.scan.model

    @property
    def liquid_reused(self) -> bool:
        """Whether this build took every page's Liquid output from the build cache."""
        return self._state is not None and self._state.cache.reused

    @property
    def replaying(self) -> bool:
        """Whether this build writes the last build's files instead of its passes."""
        return self._end.replay is not None

    @property
    def findings(self) -> list[Finding]:
        """The last build's compatibility findings, for ``mkdocs-jekyll report``."""
        return self._end.findings

    def prepare_end(self, done: ScanWork | None = None) -> None:
        """While workers build passes: the end's work that needs the scan only (``build_end``;
        ``done``: the part a worker did, ``end_scan_work``)."""
        if self.config.enabled and self._state is not None:
            self._end.prepare(self._state, done)

    def prepare_end_ahead(self) -> None:
        """Before the workers' results come: what of ``prepare_end`` needs none of them."""
        if self.config.enabled and self._state is not None:
            self._end.prepare_ahead(self._state)

    def end_scan_work(self) -> ScanWork | None:
        """In a worker done before the parent: the end's scan-only work (``parallel``)."""
        if self.config.enabled and self._state is not None:
            return self._end.scan_work(self._state)
        return None

    @property
    def serving(self) -> bool:
        """Whether this is ``mkdocs serve`` (not ``--clean``): every build keeps its state."""
        return self._serving

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note `mkdocs serve`; defining this also keeps the plugin (and its caches) alive."""
        self._serving = command == "serve"
        self._command = command
        # Not with `--dirty`: Material's search reads it in its `on_serve`, which would then
        # run before the other locales' passes instead of after them.
        later = self._serving and not dirty and serve_livereload()
        self.later_locales = LaterLocales(enabled=later)
        if self.config.enabled:
            self._collector_policy.start(command)

    def on_shutdown(self) -> None:
        """Forget the server's state: MkDocs reuses this instance for later builds in-process."""
        self.later_locales.stop()
        self.later_locales = LaterLocales(enabled=False)
        self._serving = False
        self._serve = ServeState()
        self._collector_policy.stop()
        if self._command == "build" and self._plugin_names is not None:
            process_exit.arm(self._plugin_names)  # Its exit skips the teardown (`process_exit`).

    # -- configuration ---------------------------------------------------------------------

    @event_priority(100)
    def _configure(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Resolve site settings and install templates and Markdown extensions.

        Priority: 100, because static-i18n (-100) must see our theme folder and extensions.
        """
        if not self.config.enabled:
            return config
        self.later_locales.check()  # The server stops: so does its background build.
        configure_site(config, self.config)
        self._plugin_names = frozenset(config.plugins)
        if self._setup is None or not is_locale_pass(config):
            # A new build (static-i18n's later locale passes reuse the first pass's state).
            self._setup = BuildSetup.create(config, self.config)
            self._state = None
            self._end.start()
            list_theme_once(config)  # the later passes reuse this pass's theme listing
            copy_static_once()  # the later passes skip the static files this one copied
            plain_src_paths()  # every File made from here on: a plain path kept as it is
            if self.config.markdown_kramdown is not None:
                warn_unsupported_settings(self.config.markdown_kramdown)
        apply_site_features(config, self._setup, report=not is_locale_pass(config))
        if not self._serving and not is_locale_pass(config):
            # Whatever fails from here on, the previous site/ survives (see `staging`).
            self._end.staged = stage(config)
            options = self.config
            if self._end.staged is not None and options.cache_enabled and options.cache_dir:
                root = self._setup.root
                folders = [root / options.data_dir, root / options.includes_dir]
                self._end.start_early(config, root / options.cache_dir, options.cache_dir, folders)
        return config

    @event_priority(1)
    def _search_settings(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Read Material search's unset settings from one language template (``search_settings``).

        Priority: 1, after every other plugin's own settings, right before Material's search
        (0), which then finds them set; only when it is the next ``on_config`` to run.
        """
        if self.config.enabled:
            translate_search_settings(config, self._search_settings)
        return config

    on_config = CombinedEvent(_configure, _search_settings)

    # -- reading the site ------------------------------------------------------------------

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Read every locale's front matter and render its posts' Liquid (`render_cache`).

        Any content error stops the build (here, or in the pass of its page), and the
        previous `site/` stays intact (`staging`).
        """
        setup = self._setup
        if not self.config.enabled or setup is None:
            return
        # The locale's own site_name/site_description (static-i18n's per-language overrides,
        # applied in its on_config) title this pass's pages.
        self._settings = pass_settings(setup.settings, config)
        self._pages.skip_meta = may_skip_meta(config, serving=self._serving)
        install_fast_search(config)  # every pass: Material's on_config made a new index
        search_attributes.install(config)
        if is_locale_pass(config):
            return
        if self._serving:
            self._collector_policy.start_serve_build()  # until `_finish_site` (`gc_policy`)
        # The previous build's cache is not this one's: the template warm-up `read_site`
        # forks runs `on_env`, which must not load code from that build's folder.
        self._cache = None
        self._state = read_site(
            config,
            setup,
            self.config,
            scan_cache=self._scan_cache,
            settings=self._settings,
            serve=self._serve,
            end=self._end,
            serving=self._serving,
            compiled_before=bool(self._templates.entries),
        )
        with as_plugin_error():
            self._serve.start_build(config.site_dir)
        self._serve.previous = self._state if self._serving else None
        self._collector_policy.keep()  # the scan's objects live as long as the build
        options = self.config
        replayable = may_replay(self._state)
        self._cache = (
            BuildCache.open(config, self._state, options.cache_dir, serving=self._serving)
            if options.cache_enabled and options.cache_dir
            else None
        )
        folder = None if self._cache is None else self._cache.folder / JINJA_FOLDER
        # The root pages' templates (``post_build``) too: a later build, a replayed one
        # included, loads their code instead of compiling them at its end (~12 ms).
        self._templates.install(self._state.setup.page_env, folder)
        self._end.open_replay(config, self._state, self._cache, replayable=replayable)
        if self._end.replay is not None and self._files_reach_us_first(config):
            skip_listing(config)  # the file list is dropped at `_replay_files`
        self._end.end_warmup(folder)

    # -- files and URLs --------------------------------------------------------------------

    @event_priority(100)
    def _drop_linked_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Drop files reached through a symbolic link leaving docs_dir (or custom_dir).

        Priority: 100, before every other plugin (static-i18n at -100) sees the files.
        """
        if self.config.enabled and self._setup is not None:
            drop_escaping_files(files, config, self._setup.warn_link)
        return files

    @event_priority(100)
    def _keep_dirty_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Under ``--dirty``, start the staged folder from a copy of ``site/``.

        Priority: 100, before jekyll/i18n (-100) forks the workers that write into it.
        """
        self._end.keep_dirty_files(config)
        return files

    @event_priority(100)
    def _replay_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Start keeping what the build logs; a replayed build gives MkDocs no file.

        Priority: 100, before static-i18n (-100) reads the files (after the dirty check).
        """
        if is_locale_pass(config):
            return files
        return self._end.replay_files(files, config)

    def _files_reach_us_first(self, config: MkDocsConfig) -> bool:
        """Whether no other package's ``on_files`` reads the file list before ours drops it."""
        for method in config.plugins.events["files"]:
            owner = getattr(method, "__self__", None)
            if owner is self and getattr(method, "__name__", "") == "_replay_files":
                return True
            if not type(owner).__module__.startswith("mkdocs_jekyll."):
                return False
        return False

    @event_priority(-200)
    def _place_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Move every page to its permalink, drop unpublished ones, add redirect stubs.

        Priority: -200, after static-i18n (-100), which rebuilds the file list and would
        otherwise strip the locale folder from our URLs again.
        """
        state = self._state
        if self.config.enabled and state is not None and self._end.replay is None:
            settings = self._settings or state.setup.settings
            self._pages.start(
                files,
                state,
                settings,
                config,
                cache=self._cache,
                later_locales=self.later_locales,
                finish=self._finish_page,
            )
        return files

    on_files = CombinedEvent(_drop_linked_files, _keep_dirty_files, _replay_files, _place_files)

    # -- pages -----------------------------------------------------------------------------

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Under ``mkdocs serve``, a page that is not UTF-8 is read as empty.

        Its error (from the scan) replaces its content; MkDocs' own read would stop the
        server's build with a traceback. Otherwise a page of the scan is given its text
        split as MkDocs would split it, without its front matter (``known_source``).
        """
        state = self._state
        if not self.config.enabled or state is None:
            return None
        return self._pages.read_source(page, state, self._scan_cache)

    @event_priority(60)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Give the page its merged front matter and layout, and its Liquid output.

        Priority: 60, before static-i18n (50) and Markdown-rewriting plugins: as in Jekyll,
        Liquid runs on the page source first.
        """
        converting(page.file.src_uri)  # the page of findings recorded during its conversion
        state = self._state
        if not self.config.enabled or state is None:
            return markdown
        return self._pages.page_markdown(markdown, page, state)

    @event_priority(100)
    def _page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """A page that is not Markdown (``blog/index.html``) shows its Liquid output.

        Priority: 100, before other plugins read or post-process the page's content.
        """
        converting(None)
        state = self._state
        if not self.config.enabled or state is None:
            return html
        settings = self._settings or state.setup.settings
        return self._pages.content(html, page, state, settings, config)

    @event_priority(-1000)
    def _end_page_read(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """A cached page gets its title and anchors back; a page rendered is recorded.

        Priority: -1000, last: what every plugin did to the page's content is recorded.
        """
        self._pages.end_read(page, files)
        return html

    on_page_content = CombinedEvent(_page_content, _end_page_read)

    @event_priority(100)
    def _start_page_build(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Start recording a page the cache does not have: its logs, its search entries.

        Priority: 100, before Material's search (0) indexes the page.
        """
        self._pages.start_build(page, config)
        return context

    @event_priority(-100)
    def _page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Expose author, UI text, alternates, furniture and SEO tags; feed the switcher.

        Priority: -100, after static-i18n (50), whose per-page switcher only pairs pages
        with the same file name; ours follows the translation index.
        """
        state = self._state
        if not self.config.enabled or state is None:
            return context
        settings = self._settings or state.setup.settings
        return self._pages.context(
            context, page, state, settings, config, serve=self._serve, serving=self._serving
        )

    on_page_context = CombinedEvent(_start_page_build, _page_context)

    @event_priority(-200)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Use ``_data/navigation.yml`` as the locale's nav when the site has one.

        Priority: -200, after static-i18n (-100) has shaped the locale's automatic nav.
        """
        state = self._state
        if not self.config.enabled or state is None or self._end.replay is not None:
            return nav
        return site_navigation(nav, state, config, files, data_dir=self.config.data_dir)

    def _post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """A page with ``redirect_to`` becomes jekyll-redirect-from's stub.

        The pass gets its language back from a page rendered in its own ``lang``.
        """
        state = self._state
        if not self.config.enabled or state is None:
            return output
        return self._pages.post_page(output, page, state, config, end=self._end)

    @event_priority(-1000)
    def _finish_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Write a cached page's output; keep a rendered page's in the cache.

        Priority: -1000, last: the output as every plugin left it is what is written.
        """
        return self._pages.finish(output, page, config)

    on_post_page = CombinedEvent(_post_page, _finish_page)

    def on_pre_template(self, template: Any, /, *, template_name: str, config: MkDocsConfig) -> Any:
        """The 404 page's language selector lists every locale's home; a pass's sitemap is a
        placeholder when the build writes the whole site's.

        Without this the 404 page kept the switcher of the last page rendered in the pass.
        """
        state = self._state
        if self.config.enabled and state is not None and template_name == "404.html":
            baseurl = state.setup.settings.baseurl
            set_language_selector(config, state.scan.translations, None, baseurl)
        if template_name == "sitemap.xml" and self._writes_sitemap(state):
            return pass_sitemap(template)
        return template

    def _writes_sitemap(self, state: BuildState | None) -> bool:
        """Whether this build ends by writing the sitemap over the passes' (``outputs``).

        Not under ``mkdocs serve``, whose server may send a pass's sitemap before then.
        """
        return (
            self.config.enabled
            and self.config.sitemap_enabled
            and state is not None
            and not self._serving
        )

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        """Keep each locale's 404 page: static-i18n writes the root one once per locale."""
        if self.config.enabled and template_name == "404.html":
            state = self._state
            localized_404(
                output_content,
                site_dir=config.site_dir,
                locale=current_locale(config),
                model=state.scan.model if state is not None else None,
                docs_dir=config.docs_dir,
            )
        return output_content

    @event_priority(-50)
    def _write_locale_search(self, *, config: MkDocsConfig) -> None:
        """Give the pass's locale its own search index.

        Priority: -50, after Material's search plugin (0) wrote this pass's index and before
        static-i18n (-100) starts the next pass or merges every locale into the root index.
        """
        if self.config.enabled and self._state is not None and self._end.replay is None:
            self._pages.write_search(config, self._serve)

    @event_priority(-60)
    def _close_cache_pass(self, *, config: MkDocsConfig) -> None:
        """Write the pass's build cache pack.

        Priority: -60, after the pass's pages, before static-i18n (-100) starts the next
        pass (or collects the workers' passes, and the cache is pruned at -150).
        """
        self._pages.close(complete=active_plan() is None)

    @event_priority(-150)
    def _write_site_outputs(self, *, config: MkDocsConfig) -> None:
        """Write the sitemap, landing page, root 404 and report once every locale is built.

        Priority: -150, after static-i18n (-100), which runs the other locales' passes
        from its own ``on_post_build``; those nested passes are skipped here.
        """
        state = self._state
        if not self.config.enabled or state is None or is_locale_pass(config):
            return
        self._end.end_passes(config, state)
        if self.later_locales.start(config, finish=partial(self._finish_site, config, state)):
            return  # Under `mkdocs serve`: after the other locales (see `serve_start`).
        self._finish_site(config, state)

    def _finish_site(self, config: MkDocsConfig, state: BuildState) -> None:
        """Write the site-wide outputs of a build whose every locale is built."""
        try:
            self._end.finish_site(
                config,
                state,
                options=self.config,
                serve=self._serve,
                cache=self._cache,
                serving=self._serving,
            )
        finally:
            if self._serving:
                self._collector_policy.stop()  # The server collects everything until a save.

    @event_priority(-1000)
    def _publish_site(self, *, config: MkDocsConfig) -> None:
        """Replace ``site/`` with the staged folder, unless ``--strict`` is about to fail.

        Priority: -1000, last: every post-build output (static-i18n's locale passes at -100,
        ours at -150, Material's offline plugin at -100) must be in the staged folder first.
        """
        if not is_locale_pass(config):
            self._end.publish()

    @event_priority(-1000)
    def _release_liquid(self, *, config: MkDocsConfig) -> None:
        """Let python-liquid forget this pass's Liquid environment: ``mkdocs serve``'s
        rebuilds kept up to 128 builds alive (``liquid.release``)."""
        release_environments()

    on_post_build = CombinedEvent(
        _write_locale_search, _close_cache_pass, _write_site_outputs, _publish_site, _release_liquid
    )

    @event_priority(-100)
    def on_build_error(self, *, error: Exception) -> None:
        """Remove a failed build's staged folder, leaving ``site/`` as it was.

        Priority: -100, after jekyll/i18n (0) has waited for the workers writing into it.
        A later pass of the parent's, failing while workers still build theirs, leaves the
        folder to the build's own failure (``parallel.beside_workers``).
        """
        if not beside_workers():
            self._end.fail()
        self._pages.abandon()
        release_environments()
        if self._serving:
            self._collector_policy.stop()

    @event_priority(-100)
    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment | None:
        """Compile each theme template once per process: across locale passes and serve rebuilds.

        Priority: -100, after the plugins that add filters and extensions to the environment.
        """
        if not self.config.enabled:
            return env
        shard_balance.pages_read()
        install_fast_runtime(env)  # before any template is loaded: their globals
        if active_plan() is not None:
            # A dirty build read only the rebuilt pages (populated before this event).
            restore_unread_pages(files, self._serve.page_heads)
        if self._setup is not None:
            guard_theme_loader(env, config, self._setup.warn_link)
        refuse_extends_loops(env, config)
        install_url_filters(env, config.site_url)
        install_label_memo(env)
        if self._state is not None:
            settings = self._settings or self._state.setup.settings
            install_look(env, self._state, settings, self.config, config)
        cache = self._cache
        self._templates.install(env, None if cache is None else cache.folder / JINJA_FOLDER)
        install_nav_memo(env)  # after the template cache: it loads partials/nav.html
        install_partial_memo(env)  # the search box and logo, likewise
        install_block_memo(env)  # base.html's blocks that print the same on most pages
        install_header_memo(env)  # the header around the page's title and language selector
        return env

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Rebuild when data, includes or the site's overrides change, as `jekyll serve` does.

        MkDocs watches `docs_dir` and `mkdocs.yml`, and theme folders only with
        `--watch-theme`; a Jekyll user edits `_data/`, `_includes/` and `_layouts/`
        (here `overrides/`) as often as pages.
        """
        if not self.config.enabled:
            return server
        plan = None
        if self._serving and self.config.incremental_serve:
            docs_dir = Path(config.docs_dir).resolve()
            plan = partial(self._serve.plan, docs_dir=docs_dir, scan_cache=self._scan_cache)
        watch_site(server, config, self.config, plan=plan)
        self.later_locales.serve(server, config, forget=self._serve.forget)
        return server
