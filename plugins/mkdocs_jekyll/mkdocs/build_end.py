"""The end of a build: its staged folder, its replay and warm-up, its site-wide outputs.

``plugin.py`` holds the hooks only (house style); what happens once a build's passes are
over, or when it fails, lives here, in the order the hooks call it. The object lives as
long as the plugin: serve rebuilds reuse it, and each build starts it again (``start``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import Files

from mkdocs_jekyll.compat import strict_abort_pending
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.mkdocs import page_liquid
from mkdocs_jekyll.mkdocs.build import as_plugin_error
from mkdocs_jekyll.mkdocs.findings import finish_findings, scan_findings, start_findings
from mkdocs_jekyll.mkdocs.post_build import prepare_outputs, write_build_outputs
from mkdocs_jekyll.mkdocs.replay_early import EarlyReplay, stamp
from mkdocs_jekyll.mkdocs.replay_scan_work import ScanWork
from mkdocs_jekyll.mkdocs.site_replay import SiteRecorder, SiteReplay, open_replay, replay_key
from mkdocs_jekyll.mkdocs.staging import StagedBuild, discard, keep_dirty_files, publish
from mkdocs_jekyll.mkdocs.template_warmup import TemplateWarmup

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.jekyll.findings import Finding, FindingsCollector
    from mkdocs_jekyll.mkdocs.build import BuildState
    from mkdocs_jekyll.mkdocs.build_cache import BuildCache
    from mkdocs_jekyll.mkdocs.config import JekyllConfig
    from mkdocs_jekyll.mkdocs.incremental import ServeState
    from mkdocs_jekyll.mkdocs.outputs import PreparedSitemap


class BuildEnd:
    """What a build keeps for its end: where it writes, what it replays, what it found."""

    def __init__(self) -> None:
        self.staged: StagedBuild | None = None
        """The folder this build writes into, which replaces ``site/`` on success."""
        self.own_404_page: str | None = None
        """The output of the site's own page at ``404.html``, put back after every pass."""
        self.collector: FindingsCollector | None = None
        self.findings: list[Finding] = []
        """The last build's compatibility findings, for ``mkdocs-jekyll report``."""
        self.scanned: list[Finding] | None = None
        """The build's findings from the scan alone, once found (``prepare``)."""
        self.sitemap: PreparedSitemap | None = None
        """The documents' sitemap entries and the sitemap, once made (``prepare``)."""
        self.prepared = False
        """Whether ``prepare`` ran for this build."""
        self.templates_ready: bool | None = None
        """Whether the root pages' templates compiled (None: not tried yet, ``prepare_ahead``)."""
        self.warmup: TemplateWarmup | None = None
        """A first or cold build: the templates compiling on another CPU (``template_warmup``)."""
        self.replay: SiteReplay | None = None
        """The last build's files and logs, when this build writes them (``site_replay``)."""
        self.recorder: SiteRecorder | None = None
        """This build's files and logs, kept for the next build to replay."""
        self.early: EarlyReplay | None = None
        """The kept build written since ``on_config``, on the guess of its stamp
        (``replay_early``), until ``open_replay`` takes or stops it."""
        self.sources = ""
        """This build's ``replay_early.stamp`` ("": none), kept with its record."""

    def start(self) -> None:
        """A new build: no 404 output yet, and its own findings collected from now on."""
        self._stop_early()
        self.sources = ""
        self.own_404_page = None
        self.collector, self.findings = start_findings(), []
        self._unprepare()

    def scan_work(self, state: BuildState) -> ScanWork | None:
        """The end's work that needs the scan alone, as data: the scan's findings, the
        documents' sitemap entries and the sitemap (None: an error, found again at the end).

        A worker whose passes are done before the parent's own does it (``parallel``), on
        the CPU that would idle; the templates are the parent's to compile (``prepare``).
        """
        try:
            scanned = scan_findings(state) if self.collector is not None else None
            return scanned, prepare_outputs(state, templates=False)
        except (ContentError, OSError):
            return None  # Found again at the end, which reports it after the passes' logs.

    def prepare(self, state: BuildState, done: ScanWork | None = None) -> None:
        """Work of the end that depends on the scan alone, done while workers build passes.

        The parent would otherwise wait idle for the workers, then do it on the serial tail.
        ``done``: a worker did the scan's part already (``scan_work``).
        """
        if self.prepared:
            return
        self.prepared = True
        if not self.prepare_ahead(state):
            return
        work = self.scan_work(state) if done is None else done
        if work is not None:
            self.scanned, self.sitemap = work

    def prepare_ahead(self, state: BuildState) -> bool:
        """The root pages' templates compiled, once; False when the end must report a failure.

        The part of ``prepare`` that needs no worker's ``scan_work``: when a worker took that
        work, the parent compiles the templates while the worker sends its results (on the
        bench, 6 of the 8 ms ``prepare`` then took after their arrival).
        """
        if self.templates_ready is None:
            try:
                prepare_outputs(state, entries=False)  # The root pages' templates, here.
                self.templates_ready = True
            except (ContentError, OSError):
                self.templates_ready = False
        return self.templates_ready

    def _unprepare(self) -> None:
        self.scanned, self.sitemap, self.prepared = None, None, False
        self.templates_ready = None

    def open_replay(
        self,
        config: MkDocsConfig,
        state: BuildState,
        cache: BuildCache | None,
        *,
        replayable: bool,
    ) -> None:
        """Replay the last build, or keep this one for the next, when the cache allows.

        A replayed build does the end's scan-only work (``prepare``) while the kept files
        are written (``SiteReplay.start``): its end then only writes the site-wide outputs.
        """
        self.replay, self.recorder = None, None
        early, self.early = self.early, None
        if replayable and cache is not None and self.staged is not None:
            self.replay, self.recorder = open_replay(
                config, state, cache, early=early, sources=self.sources
            )
        elif early is not None:
            early.cancel()
        if self.replay is not None:
            # The kept build's own scan-only work, when its sources' stamp is this build's.
            self.prepare(state, self.replay.scan_work)

    def start_early(
        self, config: MkDocsConfig, cache_folder: Path, label: str, folders: list[Path]
    ) -> None:
        """A staged build: take the sources' stamp, and start writing the kept build it
        matches, if any (``replay_early``); from ``on_config``, before the scan."""
        self._stop_early()
        self.sources = stamp(config, folders)
        self.early = EarlyReplay.start(cache_folder, label, config.site_dir, self.sources)

    def _stop_early(self) -> None:
        early, self.early = self.early, None
        if early is not None:
            early.cancel()

    def end_warmup(self, folder: Path | None) -> None:
        """Send the template warm-up the folder to write its code in (None: nowhere)."""
        if self.warmup is not None:
            self.warmup.deliver(folder)

    def close_warmup(self) -> None:
        """The build is over: no warm-up outlives it (``TemplateWarmup.close``)."""
        warmup, self.warmup = self.warmup, None
        if warmup is not None:
            warmup.close()

    # -- files -----------------------------------------------------------------------------

    def keep_dirty_files(self, config: MkDocsConfig) -> None:
        """Under ``--dirty``, start the staged folder from a copy of ``site/``.

        Only whole builds are kept and replayed: a dirty one neither replays nor is kept.
        """
        if self.staged is not None and keep_dirty_files(self.staged):
            self._stop_early()
            if self.replay is not None:
                self.replay.cancel(config.site_dir)
            self.replay, self.recorder = None, None

    def replay_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Start keeping what the build logs; a replayed build gives MkDocs no file."""
        if self.recorder is not None:
            self.recorder.start()
        if self.replay is None:
            return files
        self.replay.replay_logs()
        config.nav = None  # No page to list: the kept build's files have their nav.
        return Files([])

    # -- the site-wide outputs -------------------------------------------------------------

    def end_passes(self, config: MkDocsConfig, state: BuildState) -> None:
        """Every locale is built: write the replayed build's files, or keep this build's.

        A kept build keeps its scan-only end work too (``replay_scan_work``): a build without
        workers, which has not done it yet, does it here rather than in ``finish_site``.
        """
        replayed, self.replay = self.replay, None
        if replayed is not None:
            replayed.finish(config.site_dir)
            self.own_404_page = replayed.own_404_page
        elif self.recorder is not None:
            self.prepare(state)  # (None and None kept where it could not: made again.)
            work = (self.scanned, self.sitemap)
            self.recorder.snapshot(config.site_dir, self.own_404_page, work)

    def finish_site(
        self,
        config: MkDocsConfig,
        state: BuildState,
        *,
        options: JekyllConfig,
        serve: ServeState,
        cache: BuildCache | None,
        serving: bool,
    ) -> None:
        """Write the site-wide outputs of a build whose every locale is built."""
        self.close_warmup()
        with as_plugin_error():
            kept = page_liquid.finish_liquid(state.cache)  # What every pass rendered.
            self._rekey_replay(config, state, cache, kept)
            serve.merge_search(config.site_dir)
            write_build_outputs(
                config, state, options, own_404_page=self.own_404_page, sitemap=self.sitemap
            )
        if self.collector is not None:
            self.findings = finish_findings(self.collector, state, self.scanned)
            self.collector = None
        self._unprepare()
        if cache is not None and not serving:
            cache.prune()  # Entries no page of this build used.

    def _rekey_replay(
        self, config: MkDocsConfig, state: BuildState, cache: BuildCache | None, kept: bool
    ) -> None:
        """Key the build kept for replay with every page's Liquid output, once the passes
        rendered them (``page_liquid``); keep nothing when the outputs were not kept."""
        recorder = self.recorder
        if recorder is None or state.cache.pages is None or cache is None:
            return
        if kept:
            recorder.rekey(replay_key(config, state, cache))
        else:
            recorder.abandon()
            self.recorder = None

    def publish(self) -> None:
        """Replace ``site/`` with the staged folder, unless ``--strict`` is about to fail."""
        staged = self.staged
        if staged is None or not staged.owned:
            return
        if strict_abort_pending():
            return  # MkDocs raises Abort next, and on_build_error removes the staged folder.
        publish(staged)
        self.staged = None
        recorder, self.recorder = self.recorder, None
        if recorder is not None:
            recorder.save()

    def fail(self) -> None:
        """Remove a failed build's staged folder and forget its replay and findings."""
        staged, self.staged = self.staged, None
        self.close_warmup()
        self._stop_early()
        if self.replay is not None and staged is not None:
            self.replay.cancel(str(staged.staging))
        self.replay = None
        if self.recorder is not None:
            self.recorder.abandon()
            self.recorder = None
        page_liquid.reset()  # Drops of a failed build are watched no more.
        if self.collector is not None:
            self.collector.detach()
            self.collector = None
        self._unprepare()
        if staged is not None and staged.owned:
            discard(staged)
