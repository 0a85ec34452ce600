"""The start of a build: its templates compiling on the idle CPU, then the site read.

``plugin.py`` holds the hooks only (house style); ``on_pre_build``'s first pass hands the
reading of the site here. The template warm-up starts before the read, so that it runs
while the scan and the Liquid keep this CPU busy (``template_warmup``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs_jekyll.mkdocs.build import as_plugin_error, read_build
from mkdocs_jekyll.mkdocs.incremental import active_plan
from mkdocs_jekyll.mkdocs.jinja_cache import JINJA_FOLDER
from mkdocs_jekyll.mkdocs.safe_files import refuse_endless_walks
from mkdocs_jekyll.mkdocs.template_warmup import TemplateWarmup, cold_build

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.jekyll.documents import ScanCache
    from mkdocs_jekyll.jekyll.drops import SiteSettings
    from mkdocs_jekyll.mkdocs.build import BuildSetup, BuildState
    from mkdocs_jekyll.mkdocs.build_end import BuildEnd
    from mkdocs_jekyll.mkdocs.config import JekyllConfig
    from mkdocs_jekyll.mkdocs.incremental import ServeState


def read_site(
    config: MkDocsConfig,
    setup: BuildSetup,
    options: JekyllConfig,
    *,
    scan_cache: ScanCache,
    settings: SiteSettings,
    serve: ServeState,
    end: BuildEnd,
    serving: bool,
    compiled_before: bool,
) -> BuildState:
    """Start the template warm-up of a first or cold build, then read the whole site.

    An incremental rebuild keeps every unchanged page's Liquid (see ``incremental``). A
    content error stops the build as MkDocs' one-line error, ``site/`` left intact.
    ``compiled_before``: this process holds templates an earlier build compiled, and starts
    no warm-up (see ``template_warmup``).
    """
    previous = serve.previous if active_plan() is not None else None
    if (
        serve.previous is None
        and not compiled_before
        and options.cache_enabled
        and options.cache_dir
    ):
        folder = setup.root / options.cache_dir / JINJA_FOLDER
        if serving or cold_build(config, folder):
            end.warmup = TemplateWarmup.start(config)
    with as_plugin_error():
        refuse_endless_walks(config)  # before MkDocs' own walk of docs_dir hangs on it
        return read_build(
            config,
            setup,
            scan_cache,
            settings,
            keep_going=serving,
            previous=previous.cache if previous is not None else None,
        )
