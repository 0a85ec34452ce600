"""Compile the theme's templates on an idle CPU while ``mkdocs serve``'s first build reads.

From a fresh clone (no build cache) every process of the first serve build compiled
Material's templates and ours before its first page: about 0.4 s of CPU in the parent, on
the path to the first page served, while the other CPU sat idle through the whole start
(reading the site in ``on_pre_build`` is one process's work). So the first pass forks a
short-lived process as ``on_pre_build`` starts: it makes the pass's Jinja environment as
the build will (MkDocs' theme environment, then every plugin's ``on_env``), compiles the
templates a page render loads (``main.html``, the static templates, and every template
they name, in about the order a page's render loads them), and writes each template's code
into the build cache's ``jinja/`` folder (``jinja_cache``) as soon as the parent has opened
it (``_Writer``). The parent and the page-shard worker then load that code there instead
of compiling, as a later build would; on a small site, whose parent asks for its templates
while the warm-up still compiles, it finds those already done.

Nothing it writes can change a page: ``SharedBytecodeCache`` uses an entry only when its
template name, environment fingerprint and source checksum all match, so code compiled for
an environment configured differently is never used (it is compiled as before). Late or
failed, it costs nothing but its own CPU: a template not there yet is compiled as before.

It runs only where the plugins' ``on_env`` is known to touch nothing outside the
environment (``page_shards.SHARDABLE_PLUGINS``), on Linux (as parallel passes: forking is
unsafe on macOS), from a single thread, with more than one CPU and a build cache folder.

A cold ``mkdocs build`` whose passes are spread over worker processes has the same idle CPU
while the first pass reads the site (about a quarter of its wall time on the bench), and
then compiled the templates in the parent and in every worker (about 0.25 s each, on the
path of both lanes). So it warms up too (``cold_build``), when the cache's ``jinja/`` folder
holds no compiled code yet: a later build loads that code, and a warm-up would only repeat
it. A build of one process (``parallel_workers: 1``) starts none: it asked for one process.

Nor does a build in a process that has built before (a tool or a test calling MkDocs'
``build()`` again, ``mkdocs serve`` whose plugins MkDocs keeps across a restart): the code
is in its memory (``SharedBytecodeCache``), where the parent and its forked workers find it
and write it into a new folder as they load it. A warm-up would parse every template again
to find what it names, and a small site's build paid more for it than it saved (a
three-locale site of five pages, built again in one process: about 0.4 s of CPU of 1.0).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateError
from mkdocs.structure.files import Files

from mkdocs_jekyll.mkdocs.header_memo import compile_header_pieces
from mkdocs_jekyll.mkdocs.jinja_cache import SharedBytecodeCache
from mkdocs_jekyll.mkdocs.page_shards import SHARDABLE_PLUGINS, SKIPPED_TEMPLATE
from mkdocs_jekyll.mkdocs.parallel import can_fork_helper
from mkdocs_jekyll.mkdocs.template_refs import referenced_templates, site_settings

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from jinja2 import Environment
    from jinja2.bccache import Bucket
    from mkdocs.config.defaults import MkDocsConfig

ROOTS = ("main.html", SKIPPED_TEMPLATE)
"""The page templates compiled (after the theme's static ones), with what they name."""

WAIT_SECONDS = 60.0
"""How long the warm-up waits for the parent's cache folder before it gives up."""


class TemplateWarmup:
    """The forked process compiling the templates, and the pipe its folder is sent on."""

    def __init__(self, process: multiprocessing.process.BaseProcess, sender: Connection) -> None:
        self._process = process
        self._sender: Connection | None = sender
        self._parent = os.getpid()
        """The process that started it: a forked worker inherits this object, not the child."""

    @classmethod
    def start(cls, config: MkDocsConfig) -> TemplateWarmup | None:
        """Fork the warm-up, when this build can use one (see the module docstring).

        Args:
            config: The first pass's configuration, after every plugin's ``on_config``.

        Returns:
            The running warm-up, or None.
        """
        if not may_warm(config):
            return None
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_warm, args=(config, receiver), name="mkdocs-jekyll-templates", daemon=True
        )
        process.start()
        receiver.close()  # The child's end.
        return cls(process, sender)

    def deliver(self, folder: Path | None) -> None:
        """Tell the warm-up where to write its code (None: nowhere; it is then stopped).

        Called once, when the parent's build cache is open (or the build failed first: a
        failed build leaves no process of its own running).
        """
        sender, self._sender = self._sender, None
        if sender is None or os.getpid() != self._parent:
            return
        try:
            if folder is None:
                self._process.terminate()
                self._process.join()
            else:
                sender.send(str(folder))
        except OSError:
            pass  # It has ended already (and wrote nothing).
        finally:
            sender.close()

    def close(self) -> None:
        """The build is done: a warm-up still compiling is stopped (its code comes too late
        for this build; the build wrote what it compiled itself), and the process reaped."""
        if os.getpid() != self._parent:
            return
        sender, self._sender = self._sender, None
        if sender is not None:
            sender.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def may_warm(config: MkDocsConfig) -> bool:
    """Whether a warm-up may run for this build (see the module docstring)."""
    return set(config.plugins) <= SHARDABLE_PLUGINS and can_fork_helper()


def cold_build(config: MkDocsConfig, folder: Path) -> bool:
    """Whether a ``mkdocs build`` warms up (see the module docstring): it spreads its passes
    over workers, and ``folder`` (the build cache's ``jinja/``) holds no compiled code."""
    i18n = config.plugins.get("jekyll/i18n")
    workers = getattr(getattr(i18n, "config", None), "parallel_workers", 1) if i18n else 1
    if workers is not None and workers < 2:
        return False
    try:
        with os.scandir(folder) as entries:
            return not any(entry.name.endswith(".code") for entry in entries)
    except OSError:
        return True  # No folder yet: a first build.


def _warm(config: MkDocsConfig, receiver: Connection) -> None:
    """In the forked process: compile, and write each template's code in the parent's
    folder as soon as both are there (``_Writer``)."""
    # Ctrl+C stops the server, not this (it ends with the parent's pipe, or at its exit).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()  # (a build command's parent pauses it while it reads the site: gc_policy)
    logging.disable(logging.CRITICAL)  # The build logs whatever the environment has to say.
    try:
        env = config.plugins.on_env(config.theme.get_env(), config=config, files=Files([]))
        cache = _memory_cache(env)
        writer = _Writer(env, cache, receiver)
        compile_header_pieces(env, cache)  # (what `header_memo` compiles, if `on_env` did not)
        writer.template_done()
        settings = site_settings(env, config)
        compile_templates(env, cache, _roots(config), settings, compiled=writer.template_done)
    except (TemplateError, OSError):
        return  # The build compiles (and reports) what this could not.
    writer.finish()


class _Writer:
    """The warm-up's code, written in the parent's folder as it is compiled.

    Why not at the end: on a small site the parent's first pass loads its templates before
    the warm-up has compiled them all (it started 0.3 s after the warm-up, with a tenth of
    the bench's pages to read first), and compiled every one of them again: 0.27 s of its
    CPU, on a build of 1.2 s. Written as they come, those the warm-up has done are there
    when the parent asks; and a template the parent compiled first (it writes its code in
    the same folder) is read there by ``compile_templates`` instead of compiled again.
    Until the folder arrives (the parent's cache opens at the end of its site read), the
    code stays in the cache's memory; then everything compiled so far is written at once,
    the plugins' ``on_env`` templates (``base.html``, the header's pieces) first among them.
    From then on the cache writes each template's code itself, as it compiles it or finds
    it in memory (``SharedBytecodeCache``): this only looks for the folder.
    """

    def __init__(self, env: Environment, cache: SharedBytecodeCache, receiver: Connection) -> None:
        self._env = env
        self._cache = cache
        self._receiver: Connection | None = receiver

    def template_done(self, bucket: Bucket | None = None) -> None:
        """A template is compiled (``bucket``, unread): take the folder if it has come,
        without waiting."""
        if self._cache.folder is None:
            self._receive(0)

    def finish(self) -> None:
        """Everything is compiled: wait for the folder, if it has not come."""
        if self._cache.folder is None:
            self._receive(WAIT_SECONDS)

    def _receive(self, timeout: float) -> None:
        """Take the folder if it comes within ``timeout`` seconds, and write there all the
        code compiled so far."""
        receiver = self._receiver
        if receiver is None:
            return
        try:
            if not receiver.poll(timeout):
                return
            folder = receiver.recv()
        except (EOFError, OSError):
            folder = None
        self._receiver = None  # One message (or none, ever, once the pipe is closed).
        if isinstance(folder, str):
            self._cache.folder = Path(folder)
            self._cache.write_entries(self._env)


def _memory_cache(env: Environment) -> SharedBytecodeCache:
    """The cache the plugins' ``on_env`` installed on ``env``, kept in memory until the
    parent's folder arrives; a new one if none was.

    ``on_env`` compiled the memos' partials and the header's pieces into it: a new cache
    would compile those sixteen templates again (about 0.1 s of this process's CPU, while
    the lanes build).
    """
    cache = env.bytecode_cache
    if isinstance(cache, SharedBytecodeCache):
        cache.folder = None
        return cache
    cache = SharedBytecodeCache()
    cache.install(env)
    return cache


def _roots(config: MkDocsConfig) -> list[str]:
    """The templates to start from: the theme's static templates (a pass renders them
    first, ``404.html`` extends ``main.html``), the page templates, and the UI text of every
    locale built (``locale_texts``)."""
    return [*config.theme.static_templates, *ROOTS, *locale_texts(config)]


def locale_texts(config: MkDocsConfig) -> list[str]:
    """Material's language partial of each locale jekyll/i18n builds (theme ``language``).

    ``partials/language.html`` imports ``"partials/languages/" ~ config.theme.language``, a
    name made at render time, which ``compile_templates`` cannot follow: each process
    compiled it (and the Material file it imports) in the first pass of each locale, its
    404 page (measured: ~10 ms per such pass on the bench, on the path of both lanes).
    static-i18n sets the theme's ``language`` to the locale's code in each pass; a name
    without a template is left out by ``compile_templates``, as any missing template.
    """
    i18n = config.plugins.get("jekyll/i18n")
    codes = getattr(i18n, "build_languages", None) if i18n is not None else None
    if not isinstance(codes, list):
        return []
    return [f"partials/languages/{code}.html" for code in codes if isinstance(code, str)]


def compile_templates(
    env: Environment,
    cache: SharedBytecodeCache,
    roots: list[str],
    settings: Mapping[str, Any] | None = None,
    *,
    compiled: Callable[[Bucket], None] | None = None,
) -> list[Bucket]:
    """Compile ``roots`` and every template they name (``{% include "x" %}``), into ``cache``.

    A template is compiled as Jinja's loader compiles it, parsed once: its references are
    read from the same tree. A name made at render time (``"icons/" ~ name``) is not
    followed, and a template that is missing or does not parse is left out; the build
    compiles (or reports) such a template when it first loads it. With ``settings``
    (``template_refs.site_settings``), a name only a branch they rule out reaches is not
    followed either (``template_refs``). Code ``cache`` has already (loaded from its
    folder, say) is not compiled again. ``compiled`` is given each bucket as it is done.

    Returns:
        The compiled templates' buckets (their code is also in ``cache``).
    """
    loader = env.loader
    if loader is None:
        return []
    buckets: list[Bucket] = []
    # Depth first, each template's references in their order (an `extends` first): about
    # the order a page's render loads them in, so a lane that asks for its templates
    # before this is done finds the first ones written (``_Writer``).
    stack, seen = list(reversed(roots)), set(roots)
    while stack:
        name = stack.pop()
        try:
            source, filename, _ = loader.get_source(env, name)
            tree = env.parse(source, name, filename)
        except TemplateError:
            # Not in this theme (a static template it lacks), or broken: the build compiles
            # (and reports) it as before.
            continue
        bucket = cache.get_bucket(env, name, filename, source)
        named = [
            found
            for found in dict.fromkeys(referenced_templates(env, tree, settings or {}))
            if found is not None and found not in seen
        ]
        seen.update(named)
        stack.extend(reversed(named))
        if bucket.code is None:
            bucket.code = env.compile(tree, name, filename)
            cache.set_bucket(bucket)
        buckets.append(bucket)
        if compiled is not None:
            compiled(bucket)
    return buckets
