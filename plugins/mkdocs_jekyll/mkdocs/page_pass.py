"""A page's way through a locale pass: cache lookup, content, context, its written output.

``plugin.py`` holds the hooks only (house style); each page hook there checks the plugin
is on and has read the site, then hands the page to this object, in the order MkDocs
calls them. It keeps what lives as long as one pass: its build cache lookups, its shared
Markdown instance, whether its pages skip MkDocs' front matter parse, and the pass's
language while a page renders in its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.compat import material_search_plugin, search_entries
from mkdocs_jekyll.features.search_index import pass_index
from mkdocs_jekyll.kramdown.report import PageSource
from mkdocs_jekyll.kramdown.report import converting as converting_markdown
from mkdocs_jekyll.mkdocs import page_shards, shard_balance
from mkdocs_jekyll.mkdocs.archive_listing import archive_listing, restore_listing
from mkdocs_jekyll.mkdocs.build import as_plugin_error
from mkdocs_jekyll.mkdocs.file_model import place_files, unreadable_page
from mkdocs_jekyll.mkdocs.i18n_context import (
    current_locale,
    is_locale_pass,
    page_language,
    restore_language,
    set_page_language,
)
from mkdocs_jekyll.mkdocs.incremental import remember_page
from mkdocs_jekyll.mkdocs.markdown_reuse import MarkdownReuse
from mkdocs_jekyll.mkdocs.page_cache import PassCache, writes_last
from mkdocs_jekyll.mkdocs.page_context import render_page_context
from mkdocs_jekyll.mkdocs.page_source import (
    known_source,
    page_html,
    page_markdown,
    skipped_page_meta,
    theme_page_meta,
)
from mkdocs_jekyll.mkdocs.pagination_pages import append_pager_files
from mkdocs_jekyll.mkdocs.redirect_files import redirect_stub
from mkdocs_jekyll.mkdocs.template_filters import jekyll_include_helper

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

    from mkdocs_jekyll.jekyll.documents import ScanCache
    from mkdocs_jekyll.jekyll.drops import SiteSettings
    from mkdocs_jekyll.mkdocs.build import BuildState
    from mkdocs_jekyll.mkdocs.build_cache import BuildCache
    from mkdocs_jekyll.mkdocs.build_end import BuildEnd
    from mkdocs_jekyll.mkdocs.incremental import ServeState
    from mkdocs_jekyll.mkdocs.serve_start import LaterLocales


class PagePass:
    """One locale pass's pages, from their files to their written output."""

    def __init__(self) -> None:
        self.cache: PassCache | None = None
        """The locale pass's lookups and recordings in the build cache."""
        self.language: str | None = None
        """The pass's ``theme.language`` while a page renders in its own (``set_page_language``)."""
        self.markdown = MarkdownReuse()
        """The pass's shared Markdown instance (``markdown_reuse``)."""
        self.skip_meta = False
        """Whether the pass's pages skip MkDocs' parse of their front matter (``page_source``)."""

    def start(
        self,
        files: Files,
        state: BuildState,
        settings: SiteSettings,
        config: MkDocsConfig,
        *,
        cache: BuildCache | None,
        later_locales: LaterLocales,
        finish: Callable[..., Any] | None = None,
    ) -> None:
        """Move every page to its permalink, drop unpublished ones, add redirect stubs; then
        cut the pass's shards and open its build cache lookups (``finish``: the plugin's
        handler calling ``finish``, which writes the pages it stores when it runs last)."""
        place_files(files, state, settings, config, locale_pass=is_locale_pass(config))
        append_pager_files(files, state.scan.pagination, state.scan.model, config)
        page_shards.new_pass()
        page_shards.assign(files)
        self.markdown.new_pass()
        if not is_locale_pass(config):
            later_locales.note_files(files)
        self.cache = (
            None
            if cache is None
            else PassCache(cache, files, current_locale(config), state.scan.model)
        )
        if self.cache is not None and finish is not None:
            self.cache.writes_misses = writes_last(config, finish)

    def read_source(self, page: Page, state: BuildState, scan_cache: ScanCache) -> str | None:
        """The page's text for MkDocs to read, or None for MkDocs' own read."""
        shard_balance.page_read()
        if page_shards.skips(page.file.src_uri):
            return ""  # Another shard renders it (see `page_shards`).
        if self._look_up_cache(page, state):
            return ""  # Its cached output is written instead (see `build_cache`).
        if unreadable_page(page.file, state.scan.model):
            return ""
        if self.skip_meta and page.file.src_uri in state.scan.model.documents:
            return known_source(page.file, scan_cache)  # its YAML is loaded once
        return None

    def _look_up_cache(self, page: Page, state: BuildState) -> bool:
        """Whether the page's output is in the build cache (it is then not rendered)."""
        cache = self.cache
        doc = state.scan.model.documents.get(page.file.src_uri)
        if cache is None or doc is None or doc.dest == "404.html":
            return False  # The root 404 page's output is kept for the root (on_post_page).
        if doc.src_path in state.scan.model.errors:
            return False
        with as_plugin_error():
            rendered = state.cache.rendered_for(doc)  # Its Liquid, rendered now if need be.
        if rendered is None:
            return False
        if cache.lookup(doc.src_path, page.file.url, doc.data, rendered[1]) is None:
            return False
        page_shards.quiet_notice(doc.src_path)
        return True

    def skipped(self, src_uri: str) -> bool:
        """Whether this pass does not render the page: another shard does, or it is cached."""
        cache = self.cache
        return page_shards.skips(src_uri) or (cache is not None and src_uri in cache.hits)

    def page_markdown(self, markdown: str, page: Page, state: BuildState) -> str:
        """The page's merged front matter and layout, and its Liquid output as its Markdown."""
        self.markdown.install(page)  # MkDocs converts it next: one instance per pass
        doc = state.scan.model.documents.get(page.file.src_uri)
        # Name the page for the kramdown extensions' warnings (MkDocs converts it next).
        converting_markdown(PageSource(page.file.src_uri, doc.line_offset if doc else 0))
        if doc is None:
            return markdown
        if self.skipped(doc.src_path):
            page.meta = skipped_page_meta(doc, state.scan)
            return ""
        page.meta = theme_page_meta(doc, state.scan)
        with as_plugin_error():
            return page_markdown(
                doc, markdown, scan=state.scan, cache=state.cache, env=state.setup.page_env
            )

    def content(
        self,
        html: str,
        page: Page,
        state: BuildState,
        settings: SiteSettings,
        config: MkDocsConfig,
    ) -> str:
        """The page's HTML: a listing's, a page that is not Markdown's Liquid output, or
        MkDocs' conversion; nothing for a page this pass does not render."""
        doc = state.scan.model.documents.get(page.file.src_uri)
        if doc is None:
            return html
        if page_shards.skips(doc.src_path):
            page.present_anchor_ids = None  # Unchecked here: its own shard has its anchors.
            return ""
        if self.skipped(doc.src_path):
            return ""  # Cached: its title and anchors come back in `end_read`.
        listing = archive_listing(page, doc, state, settings, config)
        if listing is not None:
            return listing
        with as_plugin_error():
            content = page_html(doc, scan=state.scan, cache=state.cache, env=state.setup.page_env)
        return html if content is None else content

    def end_read(self, page: Page, files: Files) -> None:
        """A cached page gets its title and anchors back; a page rendered is recorded."""
        if self.cache is not None:
            self.cache.restore_read(page, files)

    def start_build(self, page: Page, config: MkDocsConfig) -> None:
        """Start recording a page the cache does not have: its logs, its search entries."""
        if self.cache is not None:
            self.cache.start_build(page.file.src_uri, _search_entries(config))

    def context(
        self,
        context: TemplateContext,
        page: Page,
        state: BuildState,
        settings: SiteSettings,
        config: MkDocsConfig,
        *,
        serve: ServeState,
        serving: bool,
    ) -> TemplateContext:
        """The page's author, UI text, alternates, furniture and SEO tags, and its language;
        a page this pass does not render gets its search entries back instead."""
        if self.skipped(page.file.src_uri):
            if self.cache is not None:
                self.cache.restore_entries(page.file.src_uri, _search_entries(config))
            doc = state.scan.model.documents.get(page.file.src_uri)
            if serving and doc is not None:
                # A later incremental rebuild shows it unread: its title and own metadata.
                with page_shards.quietly():
                    meta = theme_page_meta(doc, state.scan)
                serve.page_heads[doc.src_path] = (page.title, meta)
            return context
        restore_listing(page)
        doc = state.scan.model.documents.get(page.file.src_uri)
        context.update(render_page_context(state, settings, doc, page, config, serving))  # type: ignore[typeddict-item]
        context["jekyll_include"] = jekyll_include_helper(state.cache, doc)  # type: ignore[typeddict-unknown-key]
        self.language = set_page_language(config, page_language(state.scan.translations, doc))
        if serving:
            remember_page(serve.page_heads, page)
        return context

    def post_page(
        self, output: str, page: Page, state: BuildState, config: MkDocsConfig, *, end: BuildEnd
    ) -> str:
        """The page's output, or jekyll-redirect-from's stub for a page with ``redirect_to``;
        the site's own 404 page's is kept for the build's end (later passes write over it).

        The pass gets its language back from a page rendered in its own ``lang``.
        """
        restore_language(config, self.language)
        self.language = None
        if self.skipped(page.file.src_uri):
            return ""
        doc = state.scan.model.documents.get(page.file.src_uri)
        if doc is None:
            return output
        env, settings = state.setup.page_env, state.setup.settings
        stub = redirect_stub(doc, scan=state.scan, settings=settings, env=env)
        result = output if stub is None else stub
        if doc.dest == "404.html":
            end.own_404_page = result  # Later passes write the theme's 404 over it.
        return result

    def finish(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """Write a cached page's output; keep a rendered page's in the cache."""
        shard_balance.page_written()
        cache = self.cache
        if cache is None or page_shards.skips(page.file.src_uri):
            return output
        kept = cache.finish(page, output, _search_entries(config))
        return "" if kept is None else kept

    def write_search(self, config: MkDocsConfig, serve: ServeState) -> None:
        """Give the pass's locale its own search index, or keep a shard's entries for it."""
        with as_plugin_error():
            if page_shards.current() is not None:
                # One shard's pages: the parent writes the locale's index from all.
                page_shards.keep_search(pass_index(config))
            else:
                serve.write_locale_search(config, current_locale(config))

    def close(self, *, complete: bool) -> None:
        """Write the pass's build cache pack (``complete``: not an incremental rebuild's)."""
        cache, self.cache = self.cache, None
        if cache is not None:
            cache.close(complete=complete)

    def abandon(self) -> None:
        """The build failed: the pass's recordings are not written."""
        if self.cache is not None:
            self.cache.abandon()


def _search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """Material's search index entries of the pass so far (None without search)."""
    plugin = material_search_plugin(config)
    return None if plugin is None else search_entries(plugin)
