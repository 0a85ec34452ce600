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
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from jinja2.bccache import Bucket, BytecodeCache

if TYPE_CHECKING:
    from types import CodeType

    from jinja2 import Environment

# Environment attributes that change what a template compiles to.
_COMPILE_OPTIONS = (
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

    def install(self, env: Environment) -> Environment:
        """Make ``env`` load and store compiled templates through this cache.

        Args:
            env: A build's Jinja environment, after every plugin configured it.

        Returns:
            The same environment.
        """
        self._fingerprints.pop(env, None)
        env.bytecode_cache = self
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
        entry = self.entries.get((bucket.key, self.fingerprint(bucket.environment)))
        if entry is not None and entry[0] == bucket.checksum:
            bucket.code = entry[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code Jinja just compiled for ``bucket``'s source."""
        if bucket.code is not None:
            key = (bucket.key, self.fingerprint(bucket.environment))
            self.entries[key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        """Forget every compiled template."""
        self.entries.clear()


def _option(value: object) -> object:
    """A hashable stand-in for an option: callables (``autoescape``) by identity."""
    return ("callable", id(value)) if callable(value) and not isinstance(value, type) else value


def _callables(table: dict[str, Any]) -> tuple[tuple[str, object], ...]:
    """Filter or test names with what Jinja passes them (``jinja_pass_arg``)."""
    return tuple(
        sorted((name, getattr(func, "jinja_pass_arg", None)) for name, func in table.items())
    )
