"""Every page's Liquid output, rendered once per build for all locale passes.

``render_site`` runs in ``on_pre_build`` of the first pass, right after the scan, and
renders the posts' and collection documents' Liquid; a page's renders in the pass that
builds it (``page_liquid``), except under ``mkdocs serve``, which renders every page here.
A Liquid error fails the build and leaves ``site/`` as it was (``staging``). Under ``mkdocs
serve`` an incremental rebuild hands it the previous build's ``RenderCache`` and
re-renders only changed pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import markdown
from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.features.page_templates import render_error_box
from mkdocs_jekyll.jekyll.collections import read_collections
from mkdocs_jekyll.jekyll.drops import (
    CONTENT_KEYS,
    SiteDrops,
    build_drops,
    jekyll_drop,
    page_drop,
    render_order,
)
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.mkdocs import page_liquid
from mkdocs_jekyll.mkdocs.build_cache import inputs_digest
from mkdocs_jekyll.mkdocs.incremental import active_plan
from mkdocs_jekyll.mkdocs.liquid_store import LiquidStore
from mkdocs_jekyll.mkdocs.listing import render_excerpts, set_content
from mkdocs_jekyll.mkdocs.page_reads import merge, reading_for
from mkdocs_jekyll.mkdocs.pagination_pages import paginators

if TYPE_CHECKING:
    import datetime as dt

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.jekyll.documents import Document, SiteModel
    from mkdocs_jekyll.jekyll.drops import SiteSettings
    from mkdocs_jekyll.mkdocs.build import BuildSetup
    from mkdocs_jekyll.mkdocs.liquid_store import StoredLiquid
    from mkdocs_jekyll.mkdocs.scan import SiteScan

log = get_plugin_logger(__name__)

INCLUDES_DIR = Path(__file__).parent.parent / "includes"


@dataclass
class RenderCache:
    """The Liquid environment, the shared ``site``/``jekyll`` and every page's output."""

    make_liquid: Callable[[], Any]
    """Creates the build's python-liquid environment (includes, filters, limits) when a
    render first needs it (``liquid``): a build whose outputs come from the build cache
    renders nothing, and does not import python-liquid."""
    drops: SiteDrops
    """``site`` and each document's ``page``, with rendered content and excerpts."""
    context: dict[str, Any]
    """The ``site`` and ``jekyll`` variables shared by every page."""
    now: dt.datetime
    """``site.time``: a page outside the model gets its ``page`` drop with it."""
    excerpts: dict[str, str] = field(default_factory=dict)
    """src_path -> the document's excerpt as HTML (front matter's as written)."""
    rendered: dict[str, tuple[str, str]] = field(default_factory=dict)
    """src_path -> (Markdown body as read, line ends normalised; Markdown after Liquid)."""
    relative_includes: set[str] = field(default_factory=set)
    """Files pages read with ``include_relative`` (their edits change those pages)."""
    paginators: dict[str, dict[str, Any]] = field(default_factory=dict)
    """src_path -> the paginated page's ``paginator`` (jekyll-paginate's; unset: nil)."""
    url_targets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """src_path -> the site paths its Liquid gave ``relative_url``/``absolute_url``."""
    inputs: str | None = None
    """``build_cache.inputs_digest`` of this build, when the build cache computed it."""
    liquid_store: LiquidStore | None = None
    """The outputs to keep in the build cache (``liquid_store``), once its folder is open."""
    include_locations: dict[str, tuple[Path, str]] = field(default_factory=dict)
    """Include name -> (file, label) of the outputs taken from the build cache."""
    reused: bool = False
    """Whether every page's output came from the build cache (``liquid_store``)."""
    pages: page_liquid.PageLiquid | None = None
    """The pages rendered when a pass first needs them (``page_liquid``)."""
    page_logs: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    """src_path -> what the page's render logged in the build the store kept, logged when
    a pass builds the page (as that build logged it)."""
    early_outputs: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict, repr=False)
    """The outputs rendered before the passes, for the Liquid store (``finish_liquid``)."""
    reads: dict[str, set[str]] | None = None
    """Under ``mkdocs serve``: src_path -> the documents whose text its renders read
    (``page_reads``), for the incremental rebuilds; None: not recorded."""
    _liquid: Any = field(default=None, repr=False)

    @property
    def liquid(self) -> Any:
        """The build's python-liquid environment, created on first use."""
        if self._liquid is None:
            self._liquid = self.make_liquid()
        return self._liquid

    def includes_found(self) -> dict[str, tuple[Path, str]]:
        """Every include the pages' Liquid used: name -> (resolved file, label)."""
        found = dict(self.include_locations)
        if self._liquid is not None:
            found.update(self._liquid.include_locations)
        return found

    def render(self, doc: Document, source: str) -> str:
        """Render one document's Liquid with the build's shared ``site`` and ``jekyll``."""
        if self.reads is None:
            return self._render(doc, source)
        with reading_for(doc.src_path, self.reads):
            return self._render(doc, source)

    def _render(self, doc: Document, source: str) -> str:
        from mkdocs_jekyll.liquid.environment import JekyllEnvironment, WatchedSite
        from mkdocs_jekyll.liquid.render import render_markdown

        page = self.drops.pages.get(doc.src_path) or page_drop(doc, time=self.now)
        site = self.drops.site_for(doc.src_path) if self.drops.site else self.context.get("site")
        if isinstance(site, dict) and isinstance(self.liquid, JekyllEnvironment):
            site = WatchedSite(site, self.liquid)  # `site.time` marks the render volatile
        context = {**self.context, "site": site, "page": page}
        context["paginator"] = self.paginators.get(doc.src_path)
        # Each render collects its own targets: a render within it (a page rendered in
        # order when an include reads its content, ``page_liquid.finalize``) must not
        # clear the ones this render found before it.
        liquid = self.liquid
        outer, liquid.url_targets = liquid.url_targets, []
        try:
            output = render_markdown(
                liquid,
                source,
                path=doc.src_path,
                line_offset=doc.line_offset,
                context=context,
                source_file=doc.abs_path,
            )
            self.url_targets[doc.src_path] = tuple(liquid.url_targets)
        finally:
            liquid.url_targets = outer
        return output

    def rendered_for(self, doc: Document) -> tuple[str, str] | None:
        """A written document's (source, Liquid output): a page's is rendered when first
        needed (``page_liquid``), and what its render logged is logged then.

        Raises:
            ContentError: The page's Liquid fails.
        """
        path = doc.src_path
        cached = self.rendered.get(path)
        if cached is None and self.pages is not None and path in self.pages:
            cached = self.rendered[path] = (lines(doc.body), self.pages.output(doc).output)
        elif path in self.page_logs:
            logs, findings = self.page_logs.pop(path)
            page_liquid.PageOutput("", (), logs=logs, findings=findings).log()
        return cached

    def output_for(self, doc: Document) -> str:
        """A document's Liquid output, rendered before the build (``render_site``)."""
        cached = self.rendered_for(doc)
        return cached[1] if cached is not None else self.render(doc, doc.body)


def render_site(
    config: MkDocsConfig,
    setup: BuildSetup,
    scan: SiteScan,
    settings: SiteSettings,
    *,
    keep_going: bool = False,
    previous: RenderCache | None = None,
) -> RenderCache:
    """Render every document's Liquid once for all passes.

    Args:
        config: The first pass's configuration.
        setup: The build's options, time, theme environment and Markdown converter.
        scan: The site model and ``site.data``.
        settings: The first pass's settings, which ``site`` shows (its ``site_name``).
        keep_going: Under ``mkdocs serve``: a page whose Liquid fails shows the error
            instead of its content and the rest of the site is built, as ``jekyll serve``
            keeps serving while the author fixes the file.
        previous: An incremental rebuild's previous cache (its plan guarantees that the
            data, the includes and every front matter are unchanged): a page whose body is
            unchanged keeps its previous output.

    Returns:
        The build's render cache.

    Raises:
        ContentError: A page's Liquid fails (without ``keep_going``).
    """
    model = scan.model
    page_liquid.reset()
    labels = list(read_collections(setup.options.collections))
    drops = build_drops(settings, model, data=scan.data, time=setup.now, collections=labels)
    cache = RenderCache(
        make_liquid=partial(_create_liquid, config, setup, scan, settings),
        drops=drops,
        context={"site": drops.site, "jekyll": jekyll_drop(settings.environment)},
        now=setup.now,
    )
    if keep_going:  # `mkdocs serve`: what each render read, for the incremental rebuilds.
        cache.reads = {}
    cache.paginators = paginators(scan.pagination, drops)
    cache.excerpts = model.excerpts = render_excerpts(
        cache.render,
        model,
        drops=drops,
        site=settings.extra,
        markdownify=setup.markdownify,
        keep_going=keep_going,
    )
    store = None
    options = setup.options
    # Pages render in the passes (``page_liquid``); an incremental serve rebuild renders
    # its changed pages here (it reuses the previous build's outputs page by page).
    lazy = previous is None
    if lazy and not keep_going and options.cache_enabled and options.cache_dir:
        cache.inputs = inputs_digest(config, setup.root, setup.options)
        store = LiquidStore.open(config, setup, scan, settings, drops, cache.inputs)
    stored = store.load() if store is not None else None
    if stored is not None:
        cache.reused = True
        stored.replay()  # What the renders logged, in their place.
        cache.relative_includes |= stored.relative_includes
        cache.include_locations.update(stored.include_locations)
        cache.page_logs.update(stored.page_logs)
        for doc in model.documents.values():
            if doc.type == "pages" and (doc.locale is None or not doc.is_themed):
                cache.rendered_for(doc)  # Logged where the build that kept it logged it.
    elif store is not None:
        store.start()
        # Excerpts are rendered anew every build (they are in the key): only pages count.
        cache.liquid.volatile = cache.liquid.read_static_files = False
    outputs = cache.early_outputs
    deferred = lazy and stored is None
    try:
        later = _render_documents(
            cache, model, labels, setup, stored, outputs, keep_going, previous, deferred
        )
        if later:
            _defer_pages(cache, later, setup, store, keep_going)
    except BaseException:
        if store is not None:
            store.abandon()
        raise
    if cache.pages is not None:
        cache.liquid_store = store  # Written once the passes rendered the pages.
    elif store is not None and stored is None:
        liquid = cache.liquid
        store.finish(
            outputs,
            liquid.relative_includes,
            liquid.include_locations,
            volatile=liquid.volatile,
            read_static_files=liquid.read_static_files,
        )
        cache.liquid_store = store
    if cache._liquid is not None:
        cache.relative_includes |= cache._liquid.relative_includes
    if previous is not None:
        cache.relative_includes |= previous.relative_includes
    return cache


def _render_documents(
    cache: RenderCache,
    model: SiteModel,
    labels: list[str],
    setup: BuildSetup,
    stored: StoredLiquid | None,
    outputs: dict[str, tuple[str, tuple[str, ...]]],
    keep_going: bool,
    previous: RenderCache | None,
    defer: bool = False,
) -> list[Document]:
    """Render (or take from ``stored``) every written document's Liquid, in Jekyll's order.

    Each output rendered is also put in ``outputs``, for the Liquid store. With ``defer``,
    the pages are not rendered but returned, in order (``page_liquid``).
    """
    drops = cache.drops
    deferred: list[Document] = []
    plan = active_plan()
    # An incremental rebuild renders its pages again: the edited ones and their readers.
    rebuilt = plan.pages if plan is not None else frozenset()
    # Jekyll's order (posts, collections, pages): a listing shows the rendered content of
    # what was rendered before it, as in Jekyll.
    for doc in render_order(model, labels):
        if not doc.output:
            continue  # Not written (output: false, another locale): no content needed.
        failure = model.errors.get(doc.src_path)
        if defer and doc.type == "pages" and failure is None:
            deferred.append(doc)
            continue
        if failure is not None:
            box = error_block(failure, setup.page_env)
            cache.rendered[doc.src_path] = (lines(doc.body), box)
            continue
        reused = previous.rendered.get(doc.src_path) if previous is not None else None
        if (
            previous is not None
            and reused is not None
            and reused[0] == lines(doc.body)
            and doc.src_path not in rebuilt
        ):
            cache.rendered[doc.src_path] = reused
            cache.url_targets[doc.src_path] = previous.url_targets.get(doc.src_path, ())
            if cache.reads is not None and previous.reads is not None:
                merge(cache.reads, {doc.src_path: previous.reads.get(doc.src_path, set())})
            # Its drop keeps the HTML content of the last build (feeds, listings): the
            # values as they are (a conversion not made yet is made when first read).
            before = previous.drops.pages.get(doc.src_path)
            drop = drops.pages.get(doc.src_path)
            if before is not None and drop is not None:
                drop.update({k: dict.get(before, k) for k in CONTENT_KEYS if k in before})
            continue
        source = lines(doc.body)
        kept = stored.outputs.get(doc.src_path) if stored is not None else None
        if kept is not None:  # Its key holds every document's source (``liquid_store``).
            output, cache.url_targets[doc.src_path] = kept
        else:
            try:
                output = cache.render(doc, doc.body)
            except ContentError as err:
                if not keep_going:
                    raise
                log.error(str(err))
                output = error_block(str(err), setup.page_env)
            else:
                outputs[doc.src_path] = (output, cache.url_targets[doc.src_path])
        cache.rendered[doc.src_path] = (source, output)
        set_content(drops, doc, output, setup.markdownify)
    return deferred


def _defer_pages(
    cache: RenderCache,
    pages: list[Document],
    setup: BuildSetup,
    store: LiquidStore | None,
    keep_going: bool = False,
) -> None:
    """Leave the pages' Liquid to the passes that build them (``page_liquid``).

    A page more than one pass writes (outside the locale folders) or that is not themed
    (written as a file, in every pass's ``on_files``) renders now, once, in the parent.
    With ``keep_going`` (``mkdocs serve``) a page whose Liquid fails shows the error.
    """

    def show_error(err: ContentError) -> str:
        log.error(str(err))
        return error_block(str(err), setup.page_env)

    if store is not None:
        store.pause()  # What a page's render logs is kept with its output.
    _ = cache.liquid  # Created once, before the passes fork their workers.
    cache.pages = page_liquid.PageLiquid(
        cache.render,
        lambda doc: cache.url_targets.get(doc.src_path, ()),
        pages,
        cache.drops,
        setup.markdownify,
        lambda: cache._liquid,
        on_error=show_error if keep_going else None,
        reads=cache.reads,
    )
    for doc in pages:
        if doc.locale is None or not doc.is_themed:
            cache.rendered_for(doc)


def _create_liquid(
    config: MkDocsConfig, setup: BuildSetup, scan: SiteScan, settings: SiteSettings
) -> Any:
    """The build's Liquid environment: the site's and the package's includes, its limits."""
    from mkdocs_jekyll.liquid.environment import LiquidSettings, create_environment

    options = setup.options
    liquid_settings = LiquidSettings(
        includes_dirs=(setup.root / options.includes_dir, INCLUDES_DIR),
        include_labels=(options.includes_dir, "mkdocs_jekyll/includes"),
        site_url=settings.url,
        baseurl=settings.baseurl,
        strict_variables=options.liquid_strict_variables,
        strict_filters=options.liquid_strict_filters,
        error_mode=options.liquid_error_mode,
        feed_enabled=options.feed_enabled,
        link_targets=scan.model.link_targets(),
        post_urls=scan.model.post_urls(),
        markdownify=setup.markdownify,
        timezone=options.timezone,
        loop_limit=options.liquid_loop_limit,
        output_limit=options.liquid_output_limit,
        depth_limit=options.liquid_depth_limit,
        namespace_limit=options.liquid_namespace_limit,
        docs_dir=Path(config.docs_dir),
    )
    return create_environment(liquid_settings)


def lines(text: str) -> str:
    """The text's lines joined by ``\n``: equal whether or not a plugin re-joined them."""
    return "\n".join(text.splitlines())


def error_block(message: str, env: Environment | None = None) -> str:
    """An error shown in place of a page's content (``jekyll/error-box.html``, Markdown-safe)."""
    return render_error_box(message, env)


def markdown_converter(config: MkDocsConfig) -> Callable[[str], str]:
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
