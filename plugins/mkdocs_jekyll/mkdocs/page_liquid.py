"""Each page's Liquid, rendered in the process that builds the page, when that is provably
what rendering every page up front would give.

``render_site`` used to render every document's Liquid in Jekyll's order (posts, collections,
pages: ``render_order``) before the first pass, in the parent, for every locale: a serial
block of the parallel build. Posts and collection documents still render there: their
rendered content feeds listings, feeds and excerpts. A page only renders when a pass needs
its output (``RenderCache.rendered_for``), so each process renders the pages it builds.

Why the output is the same: a page's Liquid output depends on the order of renders only
through the ``content``/``output`` of the pages (``drops.CONTENT_KEYS``): the posts and
collection documents are all rendered before any page in both ways, and nothing else a
render reads changes between renders. So a page rendered on its own while every drop of
the pages watches its content (``drops.watch_content``):

- that read no page's content gives exactly its output in Jekyll's order; its logs are
  kept back until then and logged once, as the page's;
- that read one is thrown away (its logs with it) and the pages are rendered up to it in
  Jekyll's order (``_advance``), each seeing what it sees in Jekyll's order; their logs
  are logged when (if) this process builds them.

A read of a page's content outside a page's own render (a template helper's include, a
listing's word count) needs the content as it is once every page rendered: every page is
then rendered in order first (``finalize``). Pages rendered on their own never get their
content set, so the pages rendered in order see what they would have seen.

The pages a worker rendered go back to the parent with its pass (``take``, ``merge``):
their ``relative_url`` targets (the site checks), their includes (the report) and, for
the build cache's Liquid store, their outputs and logs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.jekyll.drops import watch_content
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.findings import Finding, record_finding
from mkdocs_jekyll.mkdocs.listing import set_content
from mkdocs_jekyll.mkdocs.page_cache import replay
from mkdocs_jekyll.mkdocs.page_digests import Digests, page_digest
from mkdocs_jekyll.mkdocs.page_reads import merge

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs_jekyll.jekyll.documents import Document
    from mkdocs_jekyll.jekyll.drops import SiteDrops
    from mkdocs_jekyll.mkdocs.render_cache import RenderCache

log = get_plugin_logger(__name__)

Logs = list[tuple[str, int, str]]
Findings = list[tuple[str, str, int | None, str]]


@dataclass
class PageOutput:
    """One page's Liquid output, and what its render logged (not yet logged)."""

    output: str
    targets: tuple[str, ...]
    records: list[logging.LogRecord] = field(default_factory=list)
    """What the render logged, logged when this process builds the page."""
    logs: Logs = field(default_factory=list)
    findings: Findings = field(default_factory=list)
    """What an earlier build's render logged (the Liquid store): logged the same way."""
    logged: bool = False

    def log(self) -> None:
        """Log what the render logged, once (when the page is built)."""
        if self.logged:
            return
        self.logged = True
        for record in self.records:
            logging.getLogger(record.name).handle(record)
        replay(self.logs)
        for category, path, line, message in self.findings:
            record_finding(category, path, message, line=line)

    def kept(self) -> tuple[str, tuple[str, ...], Logs, Findings]:
        """The output, its targets, logs and findings, as the Liquid store keeps them."""
        logs = list(self.logs)
        findings = list(self.findings)
        for record in self.records:
            finding = getattr(record, "finding", None)
            if isinstance(finding, Finding):
                findings.append((finding.category, finding.path, finding.line, finding.message))
            elif record.levelno >= logging.INFO:
                logs.append((record.name, record.levelno, record.getMessage()))
        return self.output, self.targets, logs, findings


@dataclass
class Payload:
    """What a pass's process rendered, for the parent (``PassResult.liquid``)."""

    pages: dict[str, tuple[str, tuple[str, ...], Logs, Findings]]
    relative_includes: set[str]
    include_locations: dict[str, tuple[Path, str]]
    volatile: bool
    read_static_files: bool
    reads: dict[str, set[str]] | None = None
    """Under ``mkdocs serve``: what each render of the process read (``page_reads``)."""
    digests: dict[str, bytes] = field(default_factory=dict)
    """Each page's part of the replay key, when the build keeps it (``page_digests``)."""


class PageLiquid:
    """The pages whose Liquid is rendered when a pass first needs it (see the docstring)."""

    def __init__(
        self,
        render: Callable[[Document, str], str],
        targets: Callable[[Document], tuple[str, ...]],
        order: list[Document],
        drops: SiteDrops,
        markdownify: Callable[[str], str],
        env: Callable[[], Any],
        on_error: Callable[[ContentError], str] | None = None,
        reads: dict[str, set[str]] | None = None,
    ) -> None:
        """Watch the pages' content from now on.

        Args:
            render: Renders a document's Liquid (``RenderCache.render``).
            targets: The ``relative_url`` targets of the document's last render.
            order: The pages in Jekyll's render order.
            drops: The build's drops.
            markdownify: The site's Markdown converter (``set_content``).
            env: The build's Liquid environment, if created (its includes and flags).
            on_error: Under ``mkdocs serve``: logs a page's Liquid error and gives what
                the page shows instead (the error box); None: the error fails the build.
            reads: What the renders read (``RenderCache.reads``), sent to the parent.
        """
        self._on_error = on_error
        self._reads = reads
        global _ACTIVE
        _ACTIVE = self
        self._env = env
        self._render = render
        self._targets = targets
        self.order = order
        self._index = {doc.src_path: index for index, doc in enumerate(order)}
        self._drops = drops
        self._markdownify = markdownify
        self.outputs: dict[str, PageOutput] = {}
        self._next = 0
        """The pages before this index rendered in order (their content set)."""
        self._read = False
        self.built: set[str] = set()
        """The pages whose output this process used since the last ``take``."""
        self.keep_digests = False
        """Whether the build keys its replay with every page's output (``page_digests``)."""
        self.digests: Digests = {}
        """The pages' digests made so far, each with the output it was made from."""
        self.lines_ahead: dict[str, tuple[str, str]] = {}
        """The lines of the pages other processes render, each with the text they were
        made of, made while this one waits for them (``make_lines_ahead``)."""
        watch_content(self.finalize)

    def __contains__(self, src_path: str) -> bool:
        return src_path in self._index

    def output(self, doc: Document) -> PageOutput:
        """The page's output, rendered now if need be; its logs are logged (once).

        Raises:
            ContentError: The page's Liquid fails (in Jekyll's order, another page's may).
        """
        result = self.outputs.get(doc.src_path)
        if result is None:
            try:
                result = self._render_alone(doc)
            except ContentError:
                _quiet_page_error(doc.src_path)
                raise
        self.built.add(doc.src_path)
        result.log()
        return result

    def _render_alone(self, doc: Document) -> PageOutput:
        self._read = False
        watch_content(self._note_read)
        try:
            with _captured() as records:
                try:
                    output = self._render(doc, doc.body)
                except ContentError as err:
                    if self._read:
                        return self._in_order(doc)
                    if self._on_error is None:
                        for record in records:
                            logging.getLogger(record.name).handle(record)
                        raise
                    output = self._on_error(err)
        finally:
            watch_content(self.finalize if self._next < len(self.order) else None)
        if self._read:
            return self._in_order(doc)
        result = PageOutput(output, self._targets(doc), records)
        self.outputs[doc.src_path] = result
        return result

    def _note_read(self) -> None:
        self._read = True

    def _in_order(self, doc: Document) -> PageOutput:
        """The page's output with every page before it rendered in Jekyll's order."""
        log.debug(f"Liquid: {doc.src_path} read a page's content; pages render in order")
        self._advance(self._index[doc.src_path])
        return self.outputs[doc.src_path]

    def finalize(self) -> None:
        """Render every page in order: a page's content is read outside its own render."""
        log.debug("Liquid: a page's content was read; every page renders in order")
        self._advance(len(self.order) - 1)

    def _advance(self, last: int) -> None:
        """Render the pages up to ``last`` in Jekyll's order, setting their content."""
        watch_content(None)
        try:
            while self._next <= last:
                doc = self.order[self._next]
                result = self.outputs.get(doc.src_path)
                if result is None:
                    with _captured() as records:
                        try:
                            output = self._render(doc, doc.body)
                        except ContentError as err:
                            if self._on_error is None:
                                for record in records:
                                    logging.getLogger(record.name).handle(record)
                                raise
                            output = self._on_error(err)
                    result = PageOutput(output, self._targets(doc), records)
                    self.outputs[doc.src_path] = result
                set_content(self._drops, doc, result.output, self._markdownify)
                self._next += 1
        finally:
            watch_content(self.finalize if self._next < len(self.order) else None)

    def stop(self) -> None:
        """The build is over: stop watching the drops."""
        global _ACTIVE
        watch_content(None)
        if _ACTIVE is self:
            _ACTIVE = None

    def digest_built(self) -> None:
        """Make the digest of every page this process used that has none yet."""
        if not self.keep_digests:
            return
        from mkdocs_jekyll.mkdocs.render_cache import lines  # (it imports this module)

        for path in self.built:
            if path not in self.digests:
                output = self.outputs[path].output
                body = self.order[self._index[path]].body
                self.digests[path] = (output, page_digest(lines(body), output))

    def make_lines_ahead(self) -> None:
        """While the parent waits for the workers: the lines (``render_cache.lines``) of
        the pages it did not render, which ``finish_liquid`` keeps with their outputs."""
        from mkdocs_jekyll.mkdocs.render_cache import lines  # (it imports this module)

        for doc in self.order:
            if doc.src_path not in self.outputs:
                self.lines_ahead[doc.src_path] = (doc.body, lines(doc.body))

    def take(self, *, digests: bool = True) -> Payload:
        """The outputs this process used since the last call, for the parent.

        ``digests``: with the pages' digests, when the build keeps them (a pass's, not the
        parent's own at the end: the key hashes those from ``RenderCache.rendered``).
        """
        pages = {path: self.outputs[path].kept() for path in self.built}
        if digests:
            self.digest_built()
        made = {path: self.digests[path][1] for path in self.built if path in self.digests}
        self.built = set()
        env = self._env()
        return Payload(
            pages,
            set(env.relative_includes) if env is not None else set(),
            dict(env.include_locations) if env is not None else {},
            volatile=env is not None and env.volatile,
            read_static_files=env is not None and env.read_static_files,
            reads=self._reads,
            digests=made,
        )


_ACTIVE: PageLiquid | None = None
"""This process's build's pages (one build at a time)."""
_COLLECTED: list[Payload] = []
"""In the parent: what the other passes' processes rendered (``collect``)."""


def reset() -> None:
    """A new build: stop watching the last one's drops, forget what it collected."""
    global _ACTIVE
    watch_content(None)
    _ACTIVE = None
    _COLLECTED.clear()


def take() -> Payload | None:
    """What this process rendered since the last call (None: no page renders lazily)."""
    return None if _ACTIVE is None else _ACTIVE.take()


def digest_built() -> None:
    """This process's passes are built: make its pages' digests, before it waits for the
    workers' passes (``page_digests``)."""
    if _ACTIVE is not None:
        _ACTIVE.digest_built()


def make_lines_ahead() -> None:
    """This process's passes are built: the lines of the others' pages, before it waits
    for them (``PageLiquid.make_lines_ahead``), not in the build's serial end."""
    if _ACTIVE is not None:
        _ACTIVE.make_lines_ahead()


def collect(payload: Payload | None) -> None:
    """In the parent: keep what another pass rendered, for ``collected``."""
    if payload is not None:
        _COLLECTED.append(payload)


def collected() -> list[Payload]:
    """What the passes rendered, this process's own first; forgets them."""
    own = None if _ACTIVE is None else _ACTIVE.take(digests=False)
    found = ([own] if own is not None else []) + _COLLECTED
    _COLLECTED.clear()
    return found


_FAILED: set[str] = set()
"""The pages whose Liquid failed in a pass (``_quiet_page_error``)."""


def _quiet_page_error(src_path: str) -> None:
    """Drop MkDocs' "Error reading page 'x':" line (nothing follows the colon for a build
    error) of a page whose Liquid failed in its pass: MkDocs then logs the error's own line,
    the one line the build logged when every page rendered before the passes."""
    logger = logging.getLogger("mkdocs.commands.build")
    if _page_error_line not in logger.filters:
        logger.addFilter(_page_error_line)
    _FAILED.add(src_path)


def _page_error_line(record: logging.LogRecord) -> bool:
    """A logging filter: False for MkDocs' empty error line of a page in ``_FAILED``."""
    if not _FAILED or record.levelno < logging.ERROR:
        return True
    message = record.getMessage()
    for start in ("Error reading page '", "Error building page '"):
        if message.startswith(start) and message.endswith("':"):
            return message[len(start) : -2] not in _FAILED
    return True


def finish_liquid(cache: RenderCache) -> bool:
    """The passes are over: gather what each process rendered, for the site's checks and
    report, and keep it in the Liquid store (when every page was rendered).

    Returns:
        Whether the pages' outputs are kept in the Liquid store.
    """
    pages = cache.pages
    if pages is None:
        return False
    from mkdocs_jekyll.mkdocs.render_cache import lines  # (it imports this module)

    payloads = collected()
    if pages._on_error is not None:
        # `mkdocs serve`: an incremental rebuild takes the pages' content from these drops,
        # as every page rendered in order leaves them (a worker's outputs are as good).
        for payload in payloads:
            for path, (output, targets, _, _) in payload.pages.items():
                pages.outputs.setdefault(path, PageOutput(output, targets, logged=True))
        pages.finalize()
    pages.stop()
    outputs = dict(cache.early_outputs)
    page_logs = {}
    volatile = read_static = False
    for payload in payloads:
        for path, (output, targets, logs, findings) in payload.pages.items():
            cache.url_targets[path] = targets
            doc = pages.order[pages._index[path]]
            if path not in cache.rendered:  # (Not setdefault: the parent's own are there.)
                body, text = pages.lines_ahead.pop(path, (None, ""))
                cache.rendered[path] = (text if body is doc.body else lines(doc.body), output)
                digest = payload.digests.get(path)
                if digest is not None:  # Made of this very output (``page_digests``).
                    pages.digests[path] = (output, digest)
            outputs[path] = (output, targets)
            page_logs[path] = (logs, findings)
        more = payload.reads
        if cache.reads is not None and more is not None and more is not cache.reads:
            merge(cache.reads, more)
        cache.relative_includes |= payload.relative_includes
        cache.include_locations.update(payload.include_locations)
        volatile = volatile or payload.volatile
        read_static = read_static or payload.read_static_files
    pages.lines_ahead.clear()
    store, cache.liquid_store = cache.liquid_store, None
    if store is None or any(doc.src_path not in outputs for doc in pages.order):
        return False  # A page no pass built: the next build renders them all again.
    if not store.opened:
        store.abandon()
        return False  # The build cache did not open its folder (not ours, not writable).
    store.finish(
        outputs,
        cache.relative_includes,
        cache.include_locations,
        volatile=volatile,
        read_static_files=read_static,
        page_logs=page_logs,
    )
    kept = store.pending is not None  # None: a render read the clock or chance.
    store.save()
    return kept


@contextmanager
def _captured() -> Iterator[list[logging.LogRecord]]:
    """Every record logged meanwhile, kept instead of handled (see ``parallel``)."""
    records: list[logging.LogRecord] = []
    saved = [(logger, logger.handlers) for logger in _loggers() if logger.handlers]
    # A handler per page cost more than the page's Liquid rendered in some (a lock, and
    # logging's registry of handlers): each capture takes a free one.
    handler = _KEEPERS.pop() if _KEEPERS else _Keeper()
    handler.keep(records)
    for logger, _ in saved:
        logger.handlers = [handler]
    try:
        yield records
    finally:
        for logger, handlers in saved:
            logger.handlers = handlers
        handler.keep(None)
        _KEEPERS.append(handler)


_LOGGERS: tuple[int, list[logging.Logger]] = (-1, [])


def _loggers() -> list[logging.Logger]:
    """Every logger, the root's first (loggers are never removed: kept while none is added)."""
    global _LOGGERS
    known = logging.Logger.manager.loggerDict
    if _LOGGERS[0] != len(known):
        found = [item for item in known.values() if isinstance(item, logging.Logger)]
        _LOGGERS = (len(known), [logging.getLogger(), *found])
    return _LOGGERS[1]


class _Keeper(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self._records: list[logging.LogRecord] | None = None
        self._seen: set[int] = set()

    def keep(self, records: list[logging.LogRecord] | None) -> None:
        """Keep what is logged in ``records`` from now on (None: a free handler)."""
        self._records = records
        self._seen = set()

    def emit(self, record: logging.LogRecord) -> None:
        if self._records is not None and id(record) not in self._seen:
            self._seen.add(id(record))
            self._records.append(record)


_KEEPERS: list[_Keeper] = []
"""Handlers no capture uses (``_captured``)."""
