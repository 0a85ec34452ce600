"""The build cache's Liquid outputs: a build whose every Liquid input is unchanged reuses them.

``render_site`` renders the posts' Liquid before the first pass and each pass its pages'
(``render_cache``, ``page_liquid``), and the page cache keys each page by that output
(``build_cache.page_key``), so even a build of an unchanged site parsed and rendered the
Liquid of every page. Here the outputs of the last
build are kept in one pack (``cache_packs``' format) under a key of everything Liquid can
read, and a build whose key matches takes them instead of rendering.

The key is the whole site, not one page: a page can read every other page's source and
rendered content (``site.pages``), so any change to any document renders them all again.
It holds ``build_cache.inputs_digest`` (versions, this package, ``mkdocs.yml`` and its
variables, the plugin's options, theme folders, ``_data/``, ``_includes/``), the site's
settings and ``site.data``, every document (every field: source, front matter, URL, output
flag, line offset), the excerpts, unpublished and draft sources, the static files and the
docs folder. Files read with ``include_relative`` are kept with their content hash, and
the static files' modification times when a render read ``site.static_files`` or
``site.collections``; both are compared when the pack is read.

Outputs that may change with the same inputs are never kept: when a render read the clock
or chance (``site.time``, ``'now'`` or ``'today'`` through a date filter, ``sample``:
``JekyllEnvironment.volatile``) or a collection document is dated by the build time, the
build writes no pack. What the renders logged (warnings, findings) is kept and logged again.

The pages' outputs come back from the processes that rendered them (``page_liquid``); the
pack is written at the end of the build, when every page's is there, and what a page's
render logged is logged again when its pass builds it.

Used only by ``mkdocs build`` with the build cache on (``cacheable_build``), not by ``mkdocs
serve``, whose rebuilds reuse the previous build's outputs page by page (``incremental``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.jekyll.findings import record_finding
from mkdocs_jekyll.mkdocs.build_cache import cacheable_build, read_manifest, stable_json
from mkdocs_jekyll.mkdocs.cache_packs import PackDamaged, PackWriter, read_pack
from mkdocs_jekyll.mkdocs.page_cache import Recorder, replay

if TYPE_CHECKING:
    import datetime as dt

    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.jekyll.drops import SiteDrops, SiteSettings
    from mkdocs_jekyll.mkdocs.build import BuildSetup
    from mkdocs_jekyll.mkdocs.scan import SiteScan

log = get_plugin_logger(__name__)

FOLDER = "liquid"
SUFFIX = ".pack"
_META = ""
"""The pack's record of what is not one document's (no source path is empty)."""


@dataclass
class StoredLiquid:
    """Every document's Liquid output of an earlier build, and what its renders left."""

    outputs: dict[str, tuple[str, tuple[str, ...]]]
    """src_path -> (its Liquid output, the site paths it gave ``relative_url``)."""
    relative_includes: set[str] = field(default_factory=set)
    include_locations: dict[str, tuple[Path, str]] = field(default_factory=dict)
    logs: list[tuple[str, int, str]] = field(default_factory=list)
    findings: list[tuple[str, str, int | None, str]] = field(default_factory=list)
    file_times: str | None = None
    """The static files' modification times, when a render read them (``static_times``)."""
    page_logs: dict[
        str, tuple[list[tuple[str, int, str]], list[tuple[str, str, int | None, str]]]
    ] = field(default_factory=dict)
    """src_path -> what a page's render logged, logged when a pass builds it (``page_liquid``)."""

    def replay(self) -> None:
        """Log what the renders logged, and record their findings, as rendering would."""
        replay(self.logs)
        for category, path, line, message in self.findings:
            record_finding(category, path, message, line=line)


class LiquidStore:
    """The cache folder's Liquid pack: read before the pages render, written after."""

    def __init__(self, folder: Path, label: str, key: str, file_times: str) -> None:
        self.folder = folder
        self.label = label
        self.key = key
        self.file_times = file_times
        """This build's ``static_times``."""
        self.recorder: Recorder | None = None
        self.early: tuple[list[tuple[str, int, str]], list[tuple[str, str, int | None, str]]] = (
            [],
            [],
        )
        """What the renders before the passes logged, when the pages render later (``pause``)."""
        self.pending: StoredLiquid | None = None
        """Outputs to keep once the build cache has opened its folder (``save``)."""
        self.opened = False
        """Whether the build cache opened its folder (``save`` was called): the outputs of
        pages rendered in the passes are saved at the end of the build then."""

    @classmethod
    def open(
        cls,
        config: MkDocsConfig,
        setup: BuildSetup,
        scan: SiteScan,
        settings: SiteSettings,
        drops: SiteDrops,
        inputs: str,
    ) -> LiquidStore | None:
        """The store of this build (None: it cannot use one; see the docstring)."""
        options = setup.options
        if not (options.cache_enabled and options.cache_dir) or not cacheable_build(config):
            return None
        if _dated_by_build_time(drops, setup.now):
            return None
        root = setup.root / options.cache_dir
        key = site_key(config, scan, settings, inputs)
        return cls(root, options.cache_dir, key, static_times(scan))

    def load(self) -> StoredLiquid | None:
        """The outputs kept under this build's key, when the folder is this version's cache
        and every file read with ``include_relative`` is unchanged."""
        path = self._pack()
        if not path.is_file() or not read_manifest(self.folder)[1]:
            return None
        try:
            stored = _from_records(read_pack(path))
        except OSError:
            return None
        except (PackDamaged, ValueError, TypeError, KeyError):
            log.warning(
                f"The build cache entry '{self._shown(path.name)}' is damaged; it is ignored "
                "and rebuilt."
            )
            return None
        if stored is not None and stored.file_times not in (None, self.file_times):
            return None  # A render read the static files, and one was touched since.
        if stored is not None:
            log.debug(f"Liquid: every page's output reused from '{self._shown(path.name)}'")
        return stored

    def start(self) -> None:
        """Record what the renders log from now on (a miss)."""
        self.recorder = Recorder()
        self.recorder.attach()

    def pause(self) -> None:
        """The renders before the passes are over; the pages render in the passes."""
        recorder, self.recorder = self.recorder, None
        if recorder is not None:
            self.early = (recorder.detach(), list(recorder.findings))

    def finish(
        self,
        outputs: dict[str, tuple[str, tuple[str, ...]]],
        relative_includes: set[str],
        include_locations: dict[str, tuple[Path, str]],
        *,
        volatile: bool,
        read_static_files: bool,
        page_logs: dict[
            str, tuple[list[tuple[str, int, str]], list[tuple[str, str, int | None, str]]]
        ]
        | None = None,
    ) -> None:
        """The renders are over: keep their outputs for ``save`` unless they were volatile."""
        recorder, self.recorder = self.recorder, None
        if recorder is not None:
            self.early = (recorder.detach(), list(recorder.findings))
        if volatile:
            log.debug("Liquid: a page read the time or chance; its outputs are not cached")
            return
        self.pending = StoredLiquid(
            outputs=dict(outputs),
            relative_includes=set(relative_includes),
            include_locations=dict(include_locations),
            logs=self.early[0],
            findings=self.early[1],
            file_times=self.file_times if read_static_files else None,
            page_logs=dict(page_logs or {}),
        )

    def abandon(self) -> None:
        """A render failed: stop recording, keep nothing."""
        if self.recorder is not None:
            self.recorder.detach()
            self.recorder = None

    def save(self) -> None:
        """Write the pending outputs (the build cache's folder exists and is ours now).

        The pack replaces every earlier one: only the last build's outputs can match.
        """
        self.opened = True
        stored, self.pending = self.pending, None
        if stored is None:
            return
        final = self._pack()
        writer = PackWriter(final)
        try:
            for key, fields in _to_records(stored):
                writer.add(key, fields)
            writer.close()
        except (OSError, ValueError) as err:
            writer.discard()
            log.debug(f"The Liquid outputs were not cached ({err})")
            return
        for name in os.listdir(final.parent):
            if name != final.name:
                (final.parent / name).unlink(missing_ok=True)

    def _pack(self) -> Path:
        return self.folder / FOLDER / f"{self.key}{SUFFIX}"

    def _shown(self, name: str) -> str:
        return f"{self.label.rstrip('/')}/{FOLDER}/{name}"


def site_key(config: MkDocsConfig, scan: SiteScan, settings: SiteSettings, inputs: str) -> str:
    """Everything a page's Liquid can read (see the docstring), as one key."""
    model = scan.model
    digest = hashlib.sha256(f"{inputs}\0{config.docs_dir}\0".encode())
    digest.update(stable_json(dataclasses.asdict(settings)).encode())
    digest.update(stable_json(scan.data).encode())
    docs = [model.documents[path] for path in sorted(model.documents)]
    digest.update(stable_json([_fields(doc) for doc in docs]).encode())
    for doc in docs:
        digest.update(b"\0" + doc.body.encode("utf-8", "surrogatepass"))
    digest.update(stable_json(sorted(model.excerpts.items())).encode())
    digest.update(stable_json(sorted(model.unpublished)).encode())
    digest.update(stable_json(sorted(model.mtime_dated)).encode())
    digest.update(stable_json(sorted(model.errors.items())).encode())
    files = [item.to_liquid() for item in model.static_files]
    for item in files:
        item.pop("modified_time", None)  # In the pack when a render read it (``static_times``).
    digest.update(stable_json(files).encode())
    return digest.hexdigest()


def static_times(scan: SiteScan) -> str:
    """The static files' modification times (``site.static_files``), as one digest.

    Not in the key: a checkout touches every file, and few pages list the static files.
    """
    times = [item.to_liquid().get("modified_time") for item in scan.model.static_files]
    return hashlib.sha256(stable_json(times).encode()).hexdigest()


def _fields(doc: Any) -> list[Any]:
    """Every field of a document but its body (hashed as bytes: cheaper than JSON)."""
    return [getattr(doc, f.name) for f in dataclasses.fields(doc) if f.name != "body"]


def _dated_by_build_time(drops: SiteDrops, now: dt.datetime) -> bool:
    """Whether a document's ``date`` is the build time (an undated collection document)."""
    return any(dict.get(drop, "date") is now for drop in drops.pages.values())


def _to_records(stored: StoredLiquid) -> list[tuple[str, tuple[Any, ...]]]:
    records: list[tuple[str, tuple[Any, ...]]] = [
        (
            _META,
            (
                sorted((path, _file_hash(path)) for path in stored.relative_includes),
                [
                    (name, str(path), shown)
                    for name, (path, shown) in stored.include_locations.items()
                ],
                [list(record) for record in stored.logs],
                [list(finding) for finding in stored.findings],
                stored.file_times,
            ),
        )
    ]
    for path, (output, targets) in stored.outputs.items():
        logs, findings = stored.page_logs.get(path, ([], []))
        fields = (output, list(targets), [list(r) for r in logs], [list(f) for f in findings])
        records.append((path, fields))
    return records


def _from_records(records: dict[str, tuple[Any, ...]]) -> StoredLiquid | None:
    """The stored outputs (None: a file read with ``include_relative`` changed).

    Raises:
        ValueError, TypeError: The records are not what ``_to_records`` writes.
    """
    relative, locations, logs, findings, file_times = records.pop(_META)
    for path, hashed in relative:
        if _file_hash(str(path)) != hashed:
            return None
    outputs: dict[str, tuple[str, tuple[str, ...]]] = {}
    page_logs = {}
    for path, (output, targets, logged, found) in records.items():
        if not isinstance(output, str):
            raise TypeError("expected str")
        outputs[path] = (output, tuple(str(target) for target in targets))
        if logged or found:
            page_logs[path] = (_logs(logged), _findings(found))
    return StoredLiquid(
        outputs=outputs,
        relative_includes={str(path) for path, _ in relative},
        include_locations={str(n): (Path(p), str(s)) for n, p, s in locations},
        logs=_logs(logs),
        findings=_findings(findings),
        file_times=None if file_times is None else str(file_times),
        page_logs=page_logs,
    )


def _logs(logs: Any) -> list[tuple[str, int, str]]:
    return [(str(name), int(level), str(text)) for name, level, text in logs]


def _findings(findings: Any) -> list[tuple[str, str, int | None, str]]:
    return [(str(c), str(p), None if n is None else int(n), str(m)) for c, p, n, m in findings]


def _file_hash(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "missing"
