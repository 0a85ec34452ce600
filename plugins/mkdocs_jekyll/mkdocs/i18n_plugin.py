"""``jekyll/i18n``: mkdocs-static-i18n with the locale model Jekyll sites need.

It keeps static-i18n's locale trees, per-locale builds, nav and search handling, and changes
four things: region locales (``es-419``, ``pt-br``) are accepted; the default locale is served
under ``/<locale>/`` like the others; an untranslated page is never copied into another
locale; and only configured locale folders are locales (``docs/cv/`` is a folder, not Czech).
"""

from __future__ import annotations

import os
import sys
from functools import partial
from typing import TYPE_CHECKING, Any

from mkdocs.commands.build import build
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs_static_i18n.plugin import I18n

from mkdocs_jekyll.compat import restoring_clean_directory
from mkdocs_jekyll.features.search_index import lunr_language
from mkdocs_jekyll.jekyll.documents import locale_folder_map, normalise_locale
from mkdocs_jekyll.mkdocs import (
    fork_priming,
    i18n_page_hooks,
    page_release,
    page_shards,
    root_search_writes,
    shard_balance,
)
from mkdocs_jekyll.mkdocs.build import as_plugin_error
from mkdocs_jekyll.mkdocs.build_log import NESTED_BUILD_LINES, quiet_build_log
from mkdocs_jekyll.mkdocs.config import JekyllI18nConfig
from mkdocs_jekyll.mkdocs.incremental import active_plan
from mkdocs_jekyll.mkdocs.jinja_cache import SharedBytecodeCache
from mkdocs_jekyll.mkdocs.locale_pass_files import locale_pass_files
from mkdocs_jekyll.mkdocs.page_cache import add_pages
from mkdocs_jekyll.mkdocs.parallel import (
    ParallelPasses,
    can_fork,
    replay_logs,
    write_shards_search,
)
from mkdocs_jekyll.mkdocs.plugin import JekyllPlugin
from mkdocs_jekyll.mkdocs.search_dedupe import removes_nothing
from mkdocs_jekyll.mkdocs.shard_balance import PASS_START_PAGES

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

    from mkdocs_jekyll.jekyll.documents import SiteModel
    from mkdocs_jekyll.mkdocs.serve_start import LaterLocales

log = get_plugin_logger(__name__)


class JekyllI18nPlugin(I18n):  # type: ignore[misc]  # static-i18n ships no type hints
    """static-i18n, folder structure, for Jekyll-style locale trees."""

    config_class = JekyllI18nConfig
    # Set by upstream's __init__; declared for the type checker.
    building: bool
    current_language: Any
    search_entries: list[Any]

    def __init__(self) -> None:
        self._held_names: tuple[list[str], Any] | None = None
        """``all_languages`` and ``default_language`` while a pass's files are made."""
        super().__init__()
        self._templates = SharedBytecodeCache()
        """Compiled theme templates, shared by the locale passes (``on_env``)."""
        self._parallel: ParallelPasses | None = None
        """The other locales' passes, when workers build them during the first pass."""
        self._entries_kept = False
        """The first pass's search entries are gathered already (from its page shards)."""
        self._release_pages = False
        """The pass's pages let go of their text once written (``page_release``)."""
        self._held_languages: list[str] | None = None
        """``build_languages`` while static-i18n merges the search entries (its dedupe)."""

    def locale_folders(self) -> dict[str, str]:
        """Normalised folder name (``pt-br``) to configured locale code.

        Every configured locale counts, built or not: with ``build_only_locale`` the other
        locales' folders are still locale folders (left out), not the site's own files.
        """
        return locale_folder_map(self.all_languages)

    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Refuse fallback copies, then let static-i18n configure the locale pass.

        Priority: -100, as upstream's (an override does not inherit the decorator), because
        static-i18n must react to the other plugins' configuration.
        """
        if self.config.fallback_to_default:
            # With fallback on, a later locale pass re-renders default-locale pages onto their
            # own URLs and overwrites them (seen: /en/ pages ending with <html lang="pt">).
            log.warning(
                "'fallback_to_default: true' is not supported by jekyll/i18n: untranslated "
                "pages would be copied over other locales' pages. Remove the option; the "
                "language switcher sends readers to the locale's home page instead."
            )
            self.config.fallback_to_default = False
        plan = active_plan()
        if self.current_language is None and plan is not None and plan.locales[0] is not None:
            # An incremental rebuild (`mkdocs serve`) starts with a locale it rebuilds.
            self.current_language = plan.locales[0]
        result: MkDocsConfig | None = super().on_config(config)
        # The passes leave the root search index to the build's end (``root_search_writes``).
        root_search_writes.install(config, _root_search_rewritten)
        return result

    @event_priority(-100)
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Let upstream flatten the locale's own section, whatever MkDocs titled it.

        Priority: -100, as upstream's. MkDocs titles the folder ``es-419`` "Es 419" while
        upstream looks for "Es-419", so the Spanish nav kept a useless top-level section.
        A replayed build (``site_replay``) has no page, hence no homepage to warn about.
        """
        if _replaying(config):
            return nav
        current = normalise_locale(self.current_language)
        for item in nav.items:
            if item.is_section and item.title:
                if normalise_locale(item.title.replace(" ", "-")) == current:
                    item.title = self.current_language.capitalize()
        result: Navigation = super().on_nav(nav, config, files)
        return result

    @event_priority(-100)
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Compile each template once for all locale passes, not once per pass.

        Priority: -100, after the other plugins configured the environment. Each pass gets a
        new environment from MkDocs; templates whose source is unchanged reuse the code
        compiled in an earlier pass (see ``jinja_cache``).
        """
        super().on_env(env, config, files)
        if isinstance(env.bytecode_cache, SharedBytecodeCache):
            return env  # Another plugin shares one already (one that outlives serve rebuilds).
        return self._templates.install(env)

    @event_priority(-100)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Start the other locales' passes in worker processes, once ``site/`` is clean.

        Priority: -100, as upstream's, which builds this pass's file list. The workers start
        first: their passes make their own file lists, so they need not wait for this one's.
        """
        if not self.building:
            shard_balance.end()  # (A build whose workers never started left one behind.)
        sizes = page_shards.locale_sizes(files, self.locale_folders())
        workers = self._workers()
        # `mkdocs serve` builds its other locales after the server starts (`serve_start`),
        # so only this pass's pages are spread over workers, before any thread starts.
        later = _serving(config) and _later_locales(config) is not None
        if (
            not self.building
            and not _replaying(config)  # No pass to build (``site_replay``).
            and workers >= 2  # 1: one locale after another, as static-i18n does.
            and active_plan() is None
            and (later or not _serving(config))
            # Fewer pages than a worker's pass start costs: the parent alone is done first.
            and not (later and sizes.get(self.current_language, 0) <= PASS_START_PAGES)
            and can_fork()
        ):
            locales = [self.current_language, *([] if later else self._other_locales())]
            model = _site_model(config)
            shardable = model is not None and page_shards.shardable_site(config, files, model)
            balanced = self.config.parallel_workers is None
            # Every page's Liquid from the build cache: its pages will be too, so a cut
            # locale would only add a pass's fixed cost (measured: ~0.3 s CPU and wall).
            cut = not _liquid_reused(config)
            mine, *others = page_shards.process_plan(
                locales, sizes, workers, shardable=shardable, balanced=balanced, cut=cut
            )
            if later or (balanced and mine[0].count > 1):
                # The parent is past its pass's start: it takes more of its pages.
                mine, *others = page_shards.with_head_start(
                    [mine, *others], self.current_language, PASS_START_PAGES
                )
            if others:  # (A plan of one process: static-i18n's own loop, as with 1.)
                core = _core_plugin(config)
                spare = None if core is None else core.end_scan_work
                if balanced and mine[0].count == 1:  # A later locale cut: by the lanes' progress.
                    shard_balance.prepare([mine, *others], sizes, spare=spare is not None)
                    shard_balance.join(mine, parent=True)
                    shard_balance.begin_pass()  # This one.
                page_shards.start(mine[0])
                plan = [mine[1:], *others]
                workers = max(1, min(workers, len(others)))
                if model is not None:  # Once here, not in each process (``fork_priming``).
                    fork_priming.prime(config, (doc.body for doc in model.documents.values()))
                self._parallel = ParallelPasses(self, config, plan, workers, locales, spare=spare)
        result: Files = super().on_files(files, config)
        self._release_pages = page_release.may_release(config, serving=_serving(config))
        return result

    @event_priority(50)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """static-i18n's admonition titles, its work skipped on pages without an admonition.

        Priority: 50, as upstream's. See ``i18n_page_hooks``.
        """
        result = i18n_page_hooks.page_markdown(markdown)
        if result is None:
            result = super().on_page_markdown(markdown, page, config, files)
        return result

    @event_priority(50)
    def on_page_context(
        self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        """static-i18n's page context and language selector, with less work per page.

        Priority: 50, as upstream's. See ``i18n_page_hooks``.
        """
        result = i18n_page_hooks.page_context(self, context, page, config)
        if result is None:
            result = super().on_page_context(context, page, config, nav)
        return result

    @event_priority(-100)
    def _upstream_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """static-i18n's own. Priority: -100, as upstream's."""
        result: str = super().on_post_page(output, page, config)
        return result

    @event_priority(-2000)
    @page_release.leaves_output
    def _release_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """The page's Markdown and HTML go once every plugin has its output (``page_release``).

        Priority: -2000, after every other plugin's (the core plugin's last is -1000).
        """
        if self._release_pages:
            page_release.release(page)
        return output

    on_post_page = CombinedEvent(_upstream_post_page, _release_page)

    def on_build_error(self, *, error: Exception) -> None:
        """Wait for the worker passes of a failed build rather than leave them running."""
        if self._parallel is not None and not self.building:
            parallel, self._parallel = self._parallel, None
            page_shards.start(None)
            parallel.abandon()

    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Build the other locales, or collect the worker passes started in ``on_files``.

        Priority: -100, as upstream's: it runs the other locale passes after every plugin's
        post-build work for the first pass.
        """
        if _replaying(config):
            return  # The kept build holds every locale's files (``site_replay``).
        plan = active_plan()
        if plan is not None and not self.building:
            self._build_planned(config, [c for c in self._other_locales() if c in plan.locales])
            return
        later = _later_locales(config)
        if self._parallel is not None and later is not None and not self.building:
            self._collect_shards(config)  # This pass's own pages, from its shards.
            self._entries_kept = True
        if later is not None and not self.building and self._other_locales():
            # `mkdocs serve`: the server starts now, the other locales follow (`serve_start`).
            later.defer(partial(self._build_other_locales, config), self._other_locales())
            return
        if self._parallel is None or self.building:
            with restoring_clean_directory():
                super().on_post_build(config)
            return
        others = self._other_locales()
        self._collect_shards(config)
        # As the sequential loop leaves it, then merge every locale's search entries.
        if others:
            self.current_language = others[-1]
        self.reconfigure_search_index(config)

    def _collect_shards(self, config: MkDocsConfig) -> None:
        """Wait for the worker passes; gather their logs and search entries in order."""
        parallel, self._parallel = self._parallel, None
        assert parallel is not None
        self.extend_search_entries(config)
        own = page_shards.current()
        own_search = page_shards.kept_search()
        page_shards.start(None)
        self.building = True
        try:
            core = _core_plugin(config)
            results = parallel.results(
                None if core is None else core.prepare_end,
                ahead=None if core is None else core.prepare_end_ahead,
            )
            failed = replay_logs(results)
            if failed is not None and failed.content_error is not None:
                # The pass logged the error's one line (``replay_logs``), as MkDocs does.
                raise Abort("Aborted with a BuildError!")
            if failed is not None:
                raise PluginError(f"the '{failed.locale}' locale pass failed: {failed.error}")
            for result in results:
                self.search_entries.extend(result.search_entries)
                add_pages(result.pages)
            with as_plugin_error():
                write_shards_search(config, own, own_search, results)
        finally:
            self.building = False

    def extend_search_entries(self, config: MkDocsConfig) -> None:
        """Keep the pass's search entries, unless its shards' were gathered already.

        Upstream's loop starts by keeping the first pass's; when that pass was built in
        shards (``_collect_shards``), they are kept, in order, from every shard.
        """
        if self._entries_kept and not self.building:
            self._entries_kept = False
            return
        super().extend_search_entries(config)

    @property
    def build_languages(self) -> list[str]:
        """static-i18n's locales to build (held for its search dedupe, see below)."""
        if self._held_languages is not None:
            return self._held_languages
        languages: list[str] = super().build_languages
        return languages

    @property
    def all_languages(self) -> list[str]:
        """static-i18n's configured locales (held while the pass's files are made, see below)."""
        if self._held_names is not None:
            return self._held_names[0]
        languages: list[str] = super().all_languages
        return languages

    @property
    def default_language(self) -> Any:
        """static-i18n's default locale (held while the pass's files are made, see below)."""
        if self._held_names is not None:
            return self._held_names[1]
        return super().default_language

    def reconfigure_search_duplicates(self, search_index_entries: list[Any]) -> None:
        """static-i18n's own dedupe of the merged search entries, its locales listed once.

        Upstream reads ``build_languages`` (a list made anew from the config) twice per
        entry: 10-40 ms of the serial tail on the bench's 600 pages. Nothing changes the
        languages meanwhile, so the same list serves every read; the dedupe is upstream's.
        """
        self._held_languages = self.build_languages
        try:
            # Nothing to remove when every entry is in a locale folder (``search_dedupe``).
            if not removes_nothing(search_index_entries, self._held_languages):
                super().reconfigure_search_duplicates(search_index_entries)
        finally:
            self._held_languages = None

    def _build_other_locales(self, config: MkDocsConfig) -> None:
        """The rest of the first pass's ``on_post_build``, left for after the server starts."""
        with restoring_clean_directory():
            super().on_post_build(config)

    def _other_locales(self) -> list[str]:
        """The locales built after this pass's, in static-i18n's order."""
        return [code for code in self.build_languages if code != self.current_language]

    def _workers(self) -> int:
        """``parallel_workers``, else one process per CPU on Linux (``process_plan``).

        Elsewhere the default stays sequential: Python calls forking unsafe on macOS (system
        frameworks may crash the child), and Windows cannot fork.
        """
        configured: int | None = self.config.parallel_workers
        if configured is not None:
            return configured
        return (os.cpu_count() or 1) if sys.platform.startswith("linux") else 1

    def _build_planned(self, config: MkDocsConfig, locales: list[str]) -> None:
        """An incremental rebuild's other locales, as dirty builds (see ``incremental``).

        Unlike upstream's loop, the root search index is not rebuilt from these passes'
        entries: the core plugin merges the rebuilt pages into the previous index.
        """
        self.building = True
        try:
            with quiet_build_log(NESTED_BUILD_LINES):
                for locale in locales:
                    self.current_language = locale
                    build(config, dirty=True)
        finally:
            self.building = False

    def reconfigure_search_plugin(
        self, config: MkDocsConfig, search_plugin_name: str, search_plugin: Any
    ) -> MkDocsConfig:
        """Give search each locale's lunr language, by its base language (``es-419``: ``es``).

        Upstream adds only the locales lunr knows by their full code, and prints "Language
        'es-419' is not supported by lunr.js" on every build, although Spanish stemming
        (``es``) is there for it: that line read like trouble and was not true here.
        """
        languages = list(search_plugin.config.lang or [])
        for code in self.build_languages:
            language = lunr_language(code)
            if language is None and not self.building:  # said once, in the first pass
                log.debug(f"search: lunr.js has no stemmer for '{code}'; its pages use English")
            elif language is not None and language not in languages:
                languages.append(language)
        if languages:
            search_plugin.config.lang = languages
        return config

    def reconfigure_files(self, files: Files, mkdocs_config: MkDocsConfig) -> Any:
        """Build the locale's file list, trusting configured locale folders only.

        Upstream guesses at locale folders and moves the default locale to the site root;
        ``locale_pass_files`` does neither.

        Upstream reads ``all_languages`` (a list made anew from the config) and
        ``default_language`` (a walk of it) for every file it makes, ~2,400 times a pass on
        the bench: nothing changes the languages meanwhile, so they are read once and held.
        """
        self._held_names = (self.all_languages, self.default_language)
        try:
            return locale_pass_files(self, files, mkdocs_config)
        finally:
            self._held_names = None


def _root_search_rewritten(config: MkDocsConfig) -> bool:
    """Whether static-i18n writes the root search index again once every pass is done.

    Its ``on_post_build`` does (``reconfigure_search_index``, with every locale's entries)
    at the end of a build's first pass, after the other passes (nested, or collected from
    the workers), but not in a replayed build (no pass: ``site_replay``), an incremental
    rebuild (the core plugin merges the rebuilt pages into the previous index) or under
    ``mkdocs serve`` (whose other locales may come after the server starts).
    """
    return not _serving(config) and active_plan() is None and not _replaying(config)


def _core_plugin(config: MkDocsConfig) -> JekyllPlugin | None:
    """The enabled ``jekyll`` plugin of this build, if there is one."""
    for plugin in config.plugins.values():
        if isinstance(plugin, JekyllPlugin) and plugin.config.enabled:
            return plugin
    return None


def _site_model(config: MkDocsConfig) -> SiteModel | None:
    """The core plugin's site model (None when it is missing or disabled)."""
    core = _core_plugin(config)
    return None if core is None else core.site_model


def _liquid_reused(config: MkDocsConfig) -> bool:
    """Whether the core plugin took every page's Liquid output from the build cache."""
    core = _core_plugin(config)
    return core is not None and core.liquid_reused


def _replaying(config: MkDocsConfig) -> bool:
    """Whether this build writes the last build's files instead of its passes (``site_replay``)."""
    core = _core_plugin(config)
    return core is not None and core.replaying


def _later_locales(config: MkDocsConfig) -> LaterLocales | None:
    """The core plugin's ``LaterLocales``, when this build may leave other locales for later."""
    core = _core_plugin(config)
    if core is None:
        return None
    later = core.later_locales
    return later if later.may_defer(config) else None


def _serving(config: MkDocsConfig) -> bool:
    """``mkdocs serve`` builds every locale in this process: its rebuilds reuse their state.

    The first build runs before the server starts its threads, so ``can_fork`` alone
    would let it fork.
    """
    return any(isinstance(p, JekyllPlugin) and p.serving for p in config.plugins.values())
