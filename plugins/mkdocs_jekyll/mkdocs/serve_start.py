"""``mkdocs serve`` serves the default locale first and builds the other locales after.

MkDocs' server starts only once its first build is done, and static-i18n builds every
locale in that build, one after another: on a three-locale site of 600 pages the first
page came after about 12 s. Under ``mkdocs serve`` (with live reload) the first build now
stops after the default locale's pass; the server starts, and a background thread builds
the rest exactly as the first build would have gone on: the other locales' passes
(static-i18n's own loop), then the site-wide outputs (``post_build``).

Nothing half-built is ever served:

- the thread builds into a scratch copy of the served folder, never into it, and moves
  every file of the finished site into place with ``os.replace`` (a reader gets the old
  file or the new one, never part of one);
- until then a request is answered at once only for a file the first pass wrote from its
  own file list (the default locale's pages, the theme's assets, the site's own static
  files), whose content the rest of the build does not change; any other request (another
  locale's page, the search index, the sitemap, the landing page) waits until the whole
  site is in place;
- a rebuild the server starts (a save) first waits for the thread.

The default locale's pass is itself spread over the CPUs (page shards, ``parallel_workers``
unset): the parent's shard takes ``PASS_START_PAGES`` (``shard_balance``) more pages than a
worker's, whose pass starts from nothing, and a locale of no more pages than that is not
cut. Its templates
are compiled on the idle CPU while the site is read (``template_warmup``).

The first build defers only when every plugin is one whose post-build work is known
(``page_shards.SHARDABLE_PLUGINS``): another plugin's ``on_post_build`` would otherwise
run before the other locales exist. It does not defer in strict mode (a warning of another
locale must still stop the server's start), nor without live reload (nothing could hold
the requests), nor with ``--dirty`` (Material's search plugin reads it in its ``on_serve``),
nor on Windows (a file being served cannot be replaced there).
"""

from __future__ import annotations

import os
import posixpath
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.compat import wrap_serve_builder
from mkdocs_jekyll.mkdocs.incremental import active_plan
from mkdocs_jekyll.mkdocs.page_shards import SHARDABLE_PLUGINS

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files

log = get_plugin_logger(__name__)

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class Stopped(Exception):
    """The server is shutting down: the background build ends before its next pass."""


class LaterLocales:
    """The first serve build's other locales, built after the server starts."""

    def __init__(self, *, enabled: bool) -> None:
        """Create the first build's plan.

        Args:
            enabled: ``mkdocs serve`` with live reload, not ``--dirty`` (see the docstring).
        """
        self._enabled = enabled
        self._first = True
        """No build has finished yet: only the server's first build defers."""
        self._steps: list[Callable[[], None]] = []
        self._locales: list[str] = []
        self._ready: frozenset[str] = frozenset()
        """The files (``dest_uri``) the first pass wrote from its own file list."""
        self._open = threading.Event()
        """Set while every file of the site is in place (requests need not wait)."""
        self._open.set()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    # -- the first build -------------------------------------------------------------------

    def may_defer(self, config: MkDocsConfig) -> bool:
        """Whether this build may leave its other locales for later (see the docstring)."""
        return (
            self._enabled
            and self._first
            and os.name == "posix"
            and not config.strict
            and active_plan() is None
            and set(config.plugins) <= SHARDABLE_PLUGINS
        )

    def note_files(self, files: Files) -> None:
        """The first pass's final file list: the files served before the others are built."""
        if self._enabled and self._first:
            self._ready = frozenset(file.dest_uri for file in files)

    def defer(self, step: Callable[[], None], locales: list[str]) -> None:
        """Run ``step`` (the other locales' passes) after the server starts."""
        self._steps.append(step)
        self._locales = locales

    def start(self, config: MkDocsConfig, *, finish: Callable[[], None]) -> bool:
        """End the first build: start the deferred passes, then ``finish``, in the background.

        Returns:
            Whether the build deferred anything (``finish`` then runs in the background).
        """
        self._first = False
        if not self._steps:
            return False
        steps, self._steps = [*self._steps, finish], []
        self._open.clear()
        log.info(
            f"Building the other locales ({', '.join(self._locales)}) in the background; "
            "their pages are served once they are all built."
        )
        self._thread = threading.Thread(
            target=self._run,
            args=(config, steps),
            name="mkdocs-jekyll-later-locales",
            daemon=True,  # Never keeps the process alive; `stop` ends it first.
        )
        self._thread.start()
        return True

    # -- the background build --------------------------------------------------------------

    def _run(self, config: MkDocsConfig, steps: list[Callable[[], None]]) -> None:
        """Build into a scratch copy of the served folder, then move the site into place."""
        served = config.site_dir
        parent, name = os.path.split(os.path.abspath(served))
        scratch = tempfile.mkdtemp(prefix=f"{name}-", dir=parent)  # same file system
        started = time.monotonic()
        try:
            shutil.copytree(served, scratch, dirs_exist_ok=True)
            config.site_dir = scratch
            try:
                for step in steps:
                    self.check()
                    step()
            finally:
                config.site_dir = served
            move_tree(Path(scratch), Path(served))
            # Gone before the pages are released (`finally` covers a failed or stopped build).
            shutil.rmtree(scratch, ignore_errors=True)
            self._open.set()
            log.debug(f"The other locales were built in {time.monotonic() - started:.2f} s.")
        except Stopped:
            pass
        except Exception as error:
            # MkDocs' message for a failed rebuild; its pages stay held until a build works.
            known = isinstance(error, MkDocsException)
            log.error(
                f"Building the other locales failed: {error if known else repr(error)}. "
                "Their pages are held until a rebuild (save a file) succeeds.",
                exc_info=not known,
            )
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def check(self) -> None:
        """Raise ``Stopped`` when the server is stopping (from the background build)."""
        if self._stopping.is_set() and threading.current_thread() is self._thread:
            raise Stopped

    # -- the server ------------------------------------------------------------------------

    def serve(
        self, server: LiveReloadServer, config: MkDocsConfig, *, forget: Callable[[], None]
    ) -> None:
        """Make the server hold requests for files not yet built, and rebuild after us.

        Without a way to hold requests (a server other than MkDocs'), the rest is built
        before the server starts.

        Args:
            server: MkDocs' live-reload server.
            config: The first build's configuration.
            forget: Makes the next rebuild a full one (after a failed background build).
        """
        if self._thread is None:
            return  # Every locale was built before the server started.
        wrap_serve_builder(server, partial(self._after_background, forget=forget))
        get_app = getattr(server, "get_app", None)
        set_app = getattr(server, "set_app", None)
        if callable(get_app) and callable(set_app):
            set_app(self._gate(get_app(), urlsplit(config.site_url or "/").path))
        else:
            self.wait()

    def _gate(self, app: WsgiApp, mount_path: str) -> WsgiApp:
        """``app``, holding each request for a file the first pass did not write."""
        mount = ("/" + mount_path.lstrip("/")).rstrip("/") + "/"

        def gated(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
            if not self._open.is_set() and not self._ready_for(environ, mount):
                self._open.wait()
            return app(environ, start_response)

        return gated

    def _ready_for(self, environ: dict[str, Any], mount: str) -> bool:
        """Whether the request may be answered now: live reload's, or a file already final.

        The path is read as MkDocs' server reads it (``LiveReloadServer._serve_request``).
        """
        path = str(environ.get("PATH_INFO", "")).encode("latin-1").decode("utf-8", "ignore")
        if path.startswith("/livereload/") or not (path + "/").startswith(mount):
            return True  # Not a file of the site (the server answers it as usual).
        relative = path[len(mount) :] + ("index.html" if path.endswith("/") else "")
        relative = posixpath.normpath("/" + relative).lstrip("/")
        return relative in self._ready or f"{relative}/index.html" in self._ready

    def _after_background(
        self, builder: Callable[..., None], *, forget: Callable[[], None]
    ) -> Callable[..., None]:
        """The server's builder: first the background build, then the rebuild."""

        def rebuild(config: MkDocsConfig | None = None) -> None:
            self.wait()
            if self.failed:
                forget()  # Its locales were never built: no incremental rebuild from it.
            builder(config)
            self._open.set()  # A build that works puts every page in place.

        return rebuild

    @property
    def failed(self) -> bool:
        """Whether the background build ended without putting the site in place."""
        return self._thread is not None and not self._thread.is_alive() and not self._open.is_set()

    def wait(self) -> None:
        """Wait for the background build, if one runs."""
        if self._thread is not None:
            self._thread.join()

    def stop(self) -> None:
        """The server stops: end the background build before its next pass, and wait for it.

        A pass is not stopped halfway: MkDocs logs an error for a page whose hook raises.
        """
        self._stopping.set()
        self.wait()


def move_tree(source: Path, target: Path) -> None:
    """Move every file of ``source`` to the same place in ``target``, each atomically.

    Folders are created as needed; a file of ``target`` that ``source`` lacks is removed
    (the finished site is ``source``, which started as a copy of ``target``).
    """
    moved: set[str] = set()
    for folder, _, names in os.walk(source):
        relative = os.path.relpath(folder, source)
        destination = target / relative
        destination.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(os.path.join(folder, name), destination / name)
            moved.add(os.path.normpath(os.path.join(relative, name)))
    for folder, _, names in os.walk(target):
        relative = os.path.relpath(folder, target)
        for name in names:
            if os.path.normpath(os.path.join(relative, name)) not in moved:
                os.remove(os.path.join(folder, name))
