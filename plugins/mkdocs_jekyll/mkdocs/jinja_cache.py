"""Compile each theme template once per process instead of once per locale pass.

MkDocs creates a new Jinja environment for every build, and static-i18n runs one build per
locale, so Material's templates and ours were parsed, code-generated and compiled by Python
again in every pass (about a third of the page rendering time of a three-locale site).
``SharedBytecodeCache`` keeps the compiled code in memory and hands it to the next
environment; MkDocs still reads every template's source, and the code is reused only while
that source is unchanged (Jinja checks a checksum of it), so a template edited under
``mkdocs serve`` is compiled again on the next rebuild.

Jinja's own caches key code by template name and file only. The compiled code also depends
on the environment (delimiters, whitespace options, extensions, and which filters and tests
exist and what they are passed), so the key here adds a fingerprint of those: an
environment configured differently never receives code compiled for another one.

With a folder (the build cache's ``jinja/``), compiled code also outlives the process: every
``mkdocs build`` and ``mkdocs serve`` start, and every worker process, otherwise compiled
about forty templates again (a third of a second of CPU before the first page). On disk the
fingerprint uses names instead of object identities, and an entry is used only when its
Jinja/Python magic, fingerprint and source checksum all match; anything unreadable is a miss.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from jinja2.bccache import Bucket, BytecodeCache, bc_magic
from jinja2.utils import LRUCache

if TYPE_CHECKING:
    from jinja2 import Environment

JINJA_FOLDER = "jinja"
"""The folder of compiled templates in the build cache's folder."""

SYNTAX_OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
)
"""Environment attributes that change how a template's source is read (its syntax and the
whitespace around its tags)."""

# Environment attributes that change what a template compiles to.
_COMPILE_OPTIONS = (
    *SYNTAX_OPTIONS,
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "autoescape",
    "finalize",
    "is_async",
    "code_generator_class",
    "newstyle_gettext",
)


class SharedBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory, shared by the environments of one process.

    Install it on each build's environment (``env.bytecode_cache = cache`` in ``on_env``).
    Entries are replaced when a template's source changes, so memory stays bounded by the
    number of distinct templates.
    """

    def __init__(self) -> None:
        self.entries: dict[tuple[str, tuple[Any, ...]], tuple[str, CodeType]] = {}
        """(template key, environment fingerprint) -> (source checksum, compiled code)."""
        self._fingerprints: WeakKeyDictionary[Environment, tuple[Any, ...]] = WeakKeyDictionary()
        self._stable_names: WeakKeyDictionary[Environment, str | None] = WeakKeyDictionary()
        """The fingerprint by names (``_stable``) of each environment; None: not stable."""
        self.folder: Path | None = None
        """Where compiled code is also kept between processes (None: memory only)."""
        self._written: set[tuple[Path, bytes]] = set()
        """Files this process wrote or found current (one check per template and folder)."""

    def install(self, env: Environment, folder: Path | None = None) -> Environment:
        """Make ``env`` load and store compiled templates through this cache.

        Args:
            env: A build's Jinja environment, after every plugin configured it.
            folder: A folder to keep compiled code in between processes, or None.

        Returns:
            The same environment.
        """
        self._fingerprints.pop(env, None)
        self._stable_names.pop(env, None)
        self.folder = folder
        env.bytecode_cache = self
        if isinstance(env.cache, LRUCache):
            # Every `{% include %}` looks its template up here, some forty a page, and the
            # LRU moves the name to the back of a list (a scan of every loaded template).
            # One pass loads a bounded set (the theme's), which a dict keeps alike.
            env.cache = dict(env.cache.items())
        return env

    def fingerprint(self, env: Environment) -> tuple[Any, ...]:
        """What the compiled code of any template depends on in ``env``.

        Computed when the environment first loads a template: plugins configure it (add
        filters and extensions) in ``on_env``, before any page is rendered.
        """
        found = self._fingerprints.get(env)
        if found is None:
            found = (
                tuple(_option(getattr(env, name, None)) for name in _COMPILE_OPTIONS),
                tuple(sorted((key, type(ext)) for key, ext in env.extensions.items())),
                _callables(env.filters),
                _callables(env.tests),
            )
            self._fingerprints[env] = found
        return found

    def load_bytecode(self, bucket: Bucket) -> None:
        """Give ``bucket`` the code compiled earlier from the same source, if any."""
        key = (bucket.key, self.fingerprint(bucket.environment))
        found = self._path(bucket)
        entry = self.entries.get(key)
        if entry is not None and entry[0] == bucket.checksum:
            bucket.code = entry[1]
            self._write(found, bucket)  # Compiled for another build of this process.
            return
        code = None if found is None else _read(*found)
        if code is not None and found is not None:
            bucket.code = code
            self.entries[key] = (bucket.checksum, code)
            self._written.add(found)  # Current on disk: no need to write it again.

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code Jinja just compiled for ``bucket``'s source."""
        if bucket.code is not None:
            key = (bucket.key, self.fingerprint(bucket.environment))
            self.entries[key] = (bucket.checksum, bucket.code)
            self._write(self._path(bucket), bucket)

    def write_entries(self, env: Environment) -> None:
        """Write into the folder every template's code compiled so far for ``env``'s
        environment (the template warm-up's, once the parent's folder is known)."""
        if self.folder is None:
            return
        fingerprint = self.fingerprint(env)
        for (key, found), (checksum, code) in self.entries.items():
            if found == fingerprint:
                bucket = Bucket(env, key, checksum)
                bucket.code = code
                self._write(self._path(bucket), bucket)

    def _path(self, bucket: Bucket) -> tuple[Path, bytes] | None:
        """The file of ``bucket``'s code in the folder, and the header it must start with."""
        if self.folder is None:
            return None
        stable = self._stable_name(bucket.environment)
        if stable is None:
            return None
        name = hashlib.sha256(f"{bucket.key}\0{stable}".encode()).hexdigest()
        header = b"%s\n%s\n%s\n" % (bc_magic, name.encode(), bucket.checksum.encode())
        return self.folder / f"{name}.code", header

    def _stable_name(self, env: Environment) -> str | None:
        """``env``'s fingerprint by names, computed once per environment (not per template).

        None when an option is a callable with no name that means the same elsewhere.
        """
        if env in self._stable_names:
            return self._stable_names[env]
        stable = repr(_stable(self.fingerprint(env)))
        named = None if "<lambda>" in stable or "<locals>" in stable else stable
        self._stable_names[env] = named
        return named

    def _write(self, found: tuple[Path, bytes] | None, bucket: Bucket) -> None:
        """Keep ``bucket``'s code at ``found`` (its ``_path``), once per process."""
        if found is None or bucket.code is None or found in self._written:
            return
        self._written.add(found)
        path, header = found
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(header + marshal.dumps(bucket.code))
            os.replace(temporary, path)  # Another process may be writing the same entry.
        except OSError:
            return  # A cache that cannot be written only costs the compile next time.

    def clear(self) -> None:
        """Forget every compiled template."""
        self.entries.clear()


def _read(path: Path, header: bytes) -> CodeType | None:
    """The code kept at ``path``, if the file starts with ``header``; None for anything else."""
    try:
        data = path.read_bytes()
        if not data.startswith(header):
            return None
        code = marshal.loads(data[len(header) :])
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def _option(value: object) -> object:
    """A hashable stand-in for an option: callables (``autoescape``) by identity and name."""
    if callable(value) and not isinstance(value, type):
        name = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
        return ("callable", id(value), name)
    return value


def _stable(value: object) -> object:
    """``value`` with every identity (``id()`` of a callable, a class) replaced by its name."""
    if isinstance(value, tuple):
        if len(value) == 3 and value[0] == "callable" and isinstance(value[1], int):
            return ("callable", value[2])  # Its identity means nothing in another process.
        return tuple(_stable(item) for item in value)
    if isinstance(value, type):
        return f"{value.__module__}.{value.__qualname__}"
    return value


def _callables(table: dict[str, Any]) -> tuple[tuple[str, object], ...]:
    """Filter or test names with what Jinja passes them (``jinja_pass_arg``)."""
    return tuple(
        sorted((name, getattr(func, "jinja_pass_arg", None)) for name, func in table.items())
    )
