"""``jekyll``: the core plugin. Hooks only; the work lives in the modules they call."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from mkdocs_jekyll.compat import file_url, strict_abort_pending, wrap_serve_builder
from mkdocs_jekyll.features.search_index import (
    read_index,
    root_index_path,
    write_merged_root_index,
    write_pass_search,
)
from mkdocs_jekyll.features.skins import palette_for_skin
from mkdocs_jekyll.jekyll.data import data_file_label
from mkdocs_jekyll.jekyll.documents import Document, ScanCache
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.markdown_compat import add_kramdown_extensions
from mkdocs_jekyll.mkdocs.build import BuildState, error_block
from mkdocs_jekyll.mkdocs.config import JekyllConfig
from mkdocs_jekyll.mkdocs.feeds import locale_text
from mkdocs_jekyll.mkdocs.file_model import place_content_files
from mkdocs_jekyll.mkdocs.i18n_context import (
    configure_search,
    current_locale,
    disable_instant_navigation,
    is_locale_pass,
    language_names,
    page_language,
    restore_language,
    set_language_selector,
    set_page_language,
)
from mkdocs_jekyll.mkdocs.incremental import (
    IncrementalBuilder,
    PageHead,
    RebuildPlan,
    Snapshot,
    active_plan,
    mark_for_rebuild,
    plan_rebuild,
    remember_page,
    restore_unread_pages,
    serve_builder_supported,
    watched_roots,
)
from mkdocs_jekyll.mkdocs.jinja_cache import SharedBytecodeCache
from mkdocs_jekyll.mkdocs.navigation import data_navigation
from mkdocs_jekyll.mkdocs.outputs import localized_404, write_site_outputs
from mkdocs_jekyll.mkdocs.page_context import page_context
from mkdocs_jekyll.mkdocs.publish import write_pages_files
from mkdocs_jekyll.mkdocs.safe_files import (
    drop_escaping_files,
    guard_theme_loader,
    refuse_endless_walks,
)
from mkdocs_jekyll.mkdocs.staging import (
    StagedBuild,
    discard,
    keep_dirty_files,
    publish,
    stage,
)
from mkdocs_jekyll.mkdocs.template_filters import install_url_filters

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger(__name__)

TEMPLATES_DIR = Path(__file__).parent.parent / "templates"
# The package's stylesheets (copied from TEMPLATES_DIR as theme files): the layouts' own
# styles, and Minimal Mistakes' utility classes that content uses (.notice, .btn, ...).
EXTRA_CSS = ("assets/mkdocs_jekyll/jekyll.css", "assets/mkdocs_jekyll/utilities.css")


class JekyllPlugin(BasePlugin[JekyllConfig]):  # type: ignore[no-untyped-call]
    """Jekyll pages (front matter, permalinks, Liquid, layouts) on MkDocs + Material."""

    def __init__(self) -> None:
        self._scan_cache = ScanCache()
        self._state: BuildState | None = None
        self._previous: BuildState | None = None
        """Under ``mkdocs serve``: the last build's state, whose Liquid a rebuild may reuse."""
        self._serving = False
        self._templates = SharedBytecodeCache()
        """Compiled theme templates, kept across locale passes and serve rebuilds."""
        self._page_heads: dict[str, PageHead] = {}
        """Under ``mkdocs serve``: each page's title and metadata, for dirty rebuilds."""
        self._staged: StagedBuild | None = None
        """The folder this build writes into, which replaces ``site/`` on success."""
        self._pass_language: str | None = None
        """The pass's ``theme.language`` while a page renders in its own (``set_page_language``)."""

    @property
    def serving(self) -> bool:
        """Whether this is ``mkdocs serve`` (not ``--clean``): every build keeps its state."""
        return self._serving

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note `mkdocs serve`; defining this also keeps the plugin (and its caches) alive."""
        self._serving = command == "serve"

    def on_shutdown(self) -> None:
        """Forget the server's state: MkDocs reuses this instance for later builds in-process."""
        self._serving = False
        self._previous = None
        self._page_heads = {}

    # -- configuration ---------------------------------------------------------------------

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Resolve site settings and install templates and Markdown extensions.

        Priority: 100, because static-i18n (-100) must see our theme folder and extensions.
        """
        if not self.config.enabled:
            return config
        _install_theme(config)
        if self.config.markdown_kramdown:
            config.markdown_extensions = add_kramdown_extensions(config.markdown_extensions)
        if config.validation.links.absolute_links == logging.INFO:
            # Jekyll content links with `{{ "/en/cv/" | relative_url }}`: absolute paths by
            # design, which MkDocs would report one INFO line each. An explicit setting stays.
            config.validation.links.absolute_links = logging.DEBUG
        present = {str(item) for item in config.extra_css}
        config.extra_css.extend(css for css in EXTRA_CSS if css not in present)
        if self.config.minimal_mistakes_skin and not config.theme.get("palette"):
            with _as_plugin_error():
                config.theme["palette"] = palette_for_skin(self.config.minimal_mistakes_skin)
        disable_instant_navigation(config)
        configure_search(config)
        if self._state is None or not is_locale_pass(config):
            # A new build (static-i18n's later locale passes reuse the first pass's state).
            self._state = BuildState(config, self.config)
        if not self._serving and not is_locale_pass(config):
            # Whatever fails from here on, the previous site/ survives (see `staging`).
            self._staged = stage(config)
        return config

    # -- reading the site ------------------------------------------------------------------

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Read every locale's front matter and render its Liquid, before `site/` is cleaned.

        Any content error stops the build here, so the previous `site/` stays intact.
        """
        state = self._state
        if not self.config.enabled or state is None:
            return
        # The locale's own site_name/site_description (static-i18n's per-language overrides,
        # applied in its on_config) title this pass's pages.
        state.localize_settings(config)
        if is_locale_pass(config):
            return
        plan = active_plan()
        # An incremental rebuild keeps every unchanged page's Liquid (see `incremental`).
        previous = self._previous if plan is not None else None
        with _as_plugin_error():
            refuse_endless_walks(config)  # before MkDocs' own walk of docs_dir hangs on it
            state.scan(config, self._scan_cache, keep_going=self._serving)
            state.render_all(config, keep_going=self._serving, previous=previous)
            if plan is not None:
                state.search_before = read_index(root_index_path(config.site_dir))
        self._previous = state if self._serving else None

    # -- files and URLs --------------------------------------------------------------------

    @event_priority(100)
    def _drop_linked_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Drop files reached through a symbolic link leaving docs_dir (or custom_dir).

        Priority: 100, before every other plugin (static-i18n at -100) sees the files.
        """
        state = self._state
        if not self.config.enabled or state is None:
            return files
        drop_escaping_files(files, config, state.warn_link)
        return files

    @event_priority(100)
    def _keep_dirty_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Under ``--dirty``, start the staged folder from a copy of ``site/``.

        Priority: 100, before jekyll/i18n (-100) forks the workers that write into it.
        """
        if self._staged is not None:
            keep_dirty_files(self._staged)
        return files

    @event_priority(-200)
    def _place_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
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
        place_content_files(files, state, config, locale_pass=is_locale_pass(config))
        plan = active_plan()
        if plan is not None:
            mark_for_rebuild(files, plan.pages)
        for redirect in state.redirects:
            if redirect.source in files.src_uris:
                # The stub is written in the pass that builds its page (once per build).
                files.append(state.redirect_file(config, redirect))
        # Other locales' pages that links may point at (jekyll/i18n's CrossLocaleFiles).
        others = getattr(files, "others", {})
        for src_uri, file in list(others.items()):
            doc = state.model.documents.get(src_uri)
            if doc is None:
                del others[src_uri]
            else:
                _move_file(file, doc, config)
        return files

    on_files = CombinedEvent(_drop_linked_files, _keep_dirty_files, _place_files)

    # -- pages -----------------------------------------------------------------------------

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Under ``mkdocs serve``, a page that is not UTF-8 is read as empty.

        Its error (from the scan) replaces its content; MkDocs' own read would stop the
        server's build with a traceback.
        """
        state = self._state
        if not self.config.enabled or state is None:
            return None
        if page.file.src_uri in state.model.errors and not _is_utf8(page.file.abs_src_path):
            return ""
        return None

    @event_priority(60)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Give the page its merged front matter and layout, and its Liquid output.

        Priority: 60, before static-i18n (50) and Markdown-rewriting plugins: as in Jekyll,
        Liquid runs on the page source first.
        """
        state = self._state
        if not self.config.enabled or state is None:
            return markdown
        doc = state.model.documents.get(page.file.src_uri)
        if doc is None:
            return markdown
        page.meta = state.page_meta(doc)
        with _as_plugin_error():
            return state.markdown_for(doc, markdown)

    @event_priority(100)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """A page that is not Markdown (``blog/index.html``) shows its Liquid output.

        Priority: 100, before other plugins read or post-process the page's content.
        """
        state = self._state
        if not self.config.enabled or state is None:
            return html
        doc = state.model.documents.get(page.file.src_uri)
        content = state.html_for(doc) if doc is not None else None
        return html if content is None else content

    @event_priority(-100)
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Expose author, UI text, alternates, furniture and SEO tags; feed the switcher.

        Priority: -100, after static-i18n (50), whose per-page switcher only pairs pages
        with the same file name; ours follows the translation index.
        """
        state = self._state
        if not self.config.enabled or state is None:
            return context
        doc = state.model.documents.get(page.file.src_uri)
        locale = (state.translations.locale_of(doc) if doc else None) or current_locale(config)
        try:
            context.update(page_context(state, doc, page, locale=locale))  # type: ignore[typeddict-item]
        except ContentError as err:
            # A `date` that is not a date stops the build, as in Jekyll. Under serve the page
            # shows it instead: a failed rebuild leaves MkDocs' server holding every request.
            if not self._serving:
                raise PluginError(str(err)) from err
            log.error(str(err))
            page.content = error_block(str(err), state.page_env) + (page.content or "")
        if doc is not None:
            set_language_selector(config, state.translations, doc, state.settings.baseurl)
        self._pass_language = set_page_language(config, page_language(state.translations, doc))
        if self._serving:
            remember_page(self._page_heads, page)
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
            locale=current_locale(config),
            default_locale=state.settings.lang,
            files=files,
            config=config,
            urls={path: doc.url for path, doc in state.model.documents.items()},
            source=data_file_label(
                state.root / self.config.data_dir, "navigation", self.config.data_dir
            ),
        )

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """A page with ``redirect_to`` becomes jekyll-redirect-from's stub.

        The pass gets its language back from a page rendered in its own ``lang``.
        """
        state = self._state
        if not self.config.enabled or state is None:
            return output
        restore_language(config, self._pass_language)
        self._pass_language = None
        doc = state.model.documents.get(page.file.src_uri)
        stub = state.redirect_stub(doc) if doc is not None else None
        result = output if stub is None else stub
        if doc is not None and doc.dest == "404.html":
            state.own_404_page = result  # Later passes write the theme's 404 over it.
        return result

    def on_pre_template(self, template: Any, /, *, template_name: str, config: MkDocsConfig) -> Any:
        """The 404 page's language selector lists every locale's home.

        Without this it kept the switcher of the last page rendered in the pass.
        """
        if self.config.enabled and self._state is not None and template_name == "404.html":
            state = self._state
            set_language_selector(config, state.translations, None, state.settings.baseurl)
        return template

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
                model=state.model if state is not None else None,
                docs_dir=config.docs_dir,
            )
        return output_content

    @event_priority(-50)
    def _write_locale_search(self, *, config: MkDocsConfig) -> None:
        """Give the pass's locale its own search index.

        Priority: -50, after Material's search plugin (0) wrote this pass's index and before
        static-i18n (-100) starts the next pass or merges every locale into the root index.
        """
        state = self._state
        if not self.config.enabled or state is None:
            return
        incremental = active_plan() is not None
        with _as_plugin_error():
            entries = write_pass_search(config, current_locale(config), incremental=incremental)
        if incremental:
            state.search_rebuilt.extend(entries)

    @event_priority(-150)
    def _write_site_outputs(self, *, config: MkDocsConfig) -> None:
        """Write the sitemap, landing page, root 404 and report once every locale is built.

        Priority: -150, after static-i18n (-100), which runs the other locales' passes
        from its own ``on_post_build``; those nested passes are skipped here.
        """
        state = self._state
        if not self.config.enabled or state is None or is_locale_pass(config):
            return
        with _as_plugin_error():
            if active_plan() is not None and state.search_before is not None:
                write_merged_root_index(config.site_dir, state.search_before, state.search_rebuilt)
            state.write_redirects_json(config)
            write_pages_files(config.site_dir, cname=self.config.cname)
            write_site_outputs(
                config.site_dir,
                model=state.model,
                translations=state.translations,
                settings=state.site_settings,
                options=self.config,
                docs_dir=config.docs_dir,
                language_names=language_names(config),
                env=state.page_env,
                own_404_page=state.own_404_page,
                drops=state.drops,
                locale_text=locale_text(config),
            )

    @event_priority(-1000)
    def _publish_site(self, *, config: MkDocsConfig) -> None:
        """Replace ``site/`` with the staged folder, unless ``--strict`` is about to fail.

        Priority: -1000, last: every post-build output (static-i18n's locale passes at -100,
        ours at -150, Material's offline plugin at -100) must be in the staged folder first.
        """
        staged = self._staged
        if staged is None or is_locale_pass(config) or not staged.owned:
            return
        if strict_abort_pending():
            return  # MkDocs raises Abort next, and on_build_error removes the staged folder.
        publish(staged)
        self._staged = None

    on_post_build = CombinedEvent(_write_locale_search, _write_site_outputs, _publish_site)

    @event_priority(-100)
    def on_build_error(self, *, error: Exception) -> None:
        """Remove a failed build's staged folder, leaving ``site/`` as it was.

        Priority: -100, after jekyll/i18n (0) has waited for the workers writing into it.
        """
        staged, self._staged = self._staged, None
        if staged is not None and staged.owned:
            discard(staged)

    @event_priority(-100)
    def on_env(
        self, env: Environment, /, *, config: MkDocsConfig, files: Files
    ) -> Environment | None:
        """Compile each theme template once per process: across locale passes and serve rebuilds.

        Priority: -100, after the plugins that add filters and extensions to the environment.
        """
        if not self.config.enabled:
            return env
        if active_plan() is not None:
            # A dirty build read only the rebuilt pages (populated before this event).
            restore_unread_pages(files, self._page_heads)
        if self._state is not None:
            guard_theme_loader(env, config, self._state.warn_link)
        install_url_filters(env, config.site_url)
        return self._templates.install(env)

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
        root = Path(config.config_file_path or ".").resolve().parent
        folders = [root / self.config.data_dir, root / self.config.includes_dir]
        if config.theme.custom_dir:
            folders.append(Path(config.theme.custom_dir))
        for path in folders:
            if path.is_dir():
                server.watch(str(path))
        if self._serving and self.config.incremental_serve and serve_builder_supported():
            plan = partial(self._plan_rebuild, docs_dir=Path(config.docs_dir).resolve())
            roots = watched_roots(config, folders)
            wrap_serve_builder(server, partial(IncrementalBuilder, roots=roots, plan=plan))
        return server

    def _plan_rebuild(
        self, before: Snapshot, after: Snapshot, *, docs_dir: Path
    ) -> RebuildPlan | None:
        """The pages an edit changed, if rebuilding only them gives what a full build would."""
        if self._previous is None:
            return None
        return plan_rebuild(before, after, self._previous, docs_dir, self._scan_cache)


# -- helpers -------------------------------------------------------------------------------


@contextmanager
def _as_plugin_error() -> Iterator[None]:
    """Turn a content mistake into MkDocs' one-line build error (never a traceback)."""
    try:
        yield
    except ContentError as err:
        raise PluginError(str(err)) from err


def _is_utf8(path: str | None) -> bool:
    """Whether the file reads as UTF-8 (a missing file counts: MkDocs reports it)."""
    if path is None:
        return True
    try:
        Path(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    except OSError:
        return True
    return True


def _install_theme(config: MkDocsConfig) -> None:
    """Put our templates right after the user's ``custom_dir`` and before Material's."""
    dirs = config.theme.dirs
    ours = str(TEMPLATES_DIR)
    if ours in dirs:
        return
    custom = config.theme.custom_dir
    position = dirs.index(custom) + 1 if custom in dirs else 0
    dirs.insert(position, ours)


def _move_file(file: Any, doc: Document, config: MkDocsConfig) -> None:
    """Point a file at its permalink; MkDocs caches all three, so all three are set."""
    file.dest_uri = doc.dest
    file.url = file_url(file, config.use_directory_urls)
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, doc.dest))
