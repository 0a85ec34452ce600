"""The Liquid environment Jekyll pages are rendered with: settings, caches and undefined mode.

python-liquid does the parsing and rendering; this module configures it the way Jekyll
configures Shopify Liquid (``liquid.strict_variables``, ``liquid.strict_filters``), owns the
parse caches and keeps the per-render state (page path, line offset, warnings) that the
rendering layer needs to report errors against the author's file.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liquid import Environment, Mode, RenderContext, StrictUndefined, Undefined
from liquid.exceptions import LiquidError, LiquidSyntaxError, LoopIterationLimitError
from liquid.template import BoundTemplate

from mkdocs_jekyll.compat import fast_liquid_lexer, no_op_filter
from mkdocs_jekyll.jekyll.drops import WholeReads
from mkdocs_jekyll.jekyll.findings import LIQUID, record_finding
from mkdocs_jekyll.jekyll.log import plugin_logger
from mkdocs_jekyll.jekyll.safe_paths import read_utf8
from mkdocs_jekyll.liquid.limits import DEPTH_LIMIT, LOOP_LIMIT, NAMESPACE_LIMIT, OUTPUT_LIMIT
from mkdocs_jekyll.liquid.register import register

if TYPE_CHECKING:
    from liquid.builtin.tags.for_tag import ForLoop
    from liquid.builtin.tags.tablerow_tag import TableRow
    from liquid.token import Token


log = plugin_logger(__name__)

PAGE_CACHE_SIZE = 64
"""Parsed pages an environment keeps for a repeated render of the same source."""

_DEFAULT_DELIMITERS = ("{%", "%}", "{{", "}}", "", "")
"""Tag, output and (none) comment delimiters ``compat.fast_liquid_lexer`` is built for."""

# Resource limits (``limits.py``): python-liquid sets none.
# Filters that read a range without walking it: `(1..n) | size` stays cheap for any n.
_RANGE_SAFE_FILTERS = frozenset({"size", "first", "last", "default"})


@dataclass(frozen=True)
class LiquidSettings:
    """Everything Jekyll's tags and filters read from the site, resolved by the plugin.

    Attributes:
        includes_dirs: Folders searched by ``include``, in order: the site's ``_includes/``
            first, then the package's. Missing folders are skipped.
        include_labels: How each of ``includes_dirs`` is named in messages.
        site_url: Scheme and host (and port), no trailing slash; ``''`` when unknown.
        baseurl: ``''`` or a path such as ``'/repo'``, no trailing slash.
        strict_variables: Jekyll's ``liquid.strict_variables``: undefined variables fail.
        strict_filters: Jekyll's ``liquid.strict_filters``: unknown filters fail.
        link_targets: Source path relative to ``docs_dir`` (``'en/cv.md'``) to its URL path
            without ``baseurl`` (``'/en/cv/'``), for the ``link`` tag.
        post_urls: Post name without extension (``'2024-01-02-hello'``, also with a
            sub-folder) to its URL path without ``baseurl``, for the ``post_url`` tag.
        markdownify: Converts Markdown with the site's Markdown settings; ``None`` uses
            plain ``markdown.markdown``.
        timezone: IANA name used by the date filters (Jekyll's ``timezone``).
        docs_dir: Root that ``include_relative`` never leaves.
        loop_limit: Loop iterations allowed in one page (``liquid_loop_limit``).
        output_limit: Bytes of output allowed for one page (``liquid_output_limit``).
        depth_limit: Nested includes and loops allowed (``liquid_depth_limit``).
        namespace_limit: Bytes of ``assign``/``capture`` variables allowed in one page
            (``liquid_namespace_limit``).
        error_mode: Jekyll's ``liquid.error_mode``: ``'warn'`` reads markup only Ruby
            Liquid's lax parser accepts as Jekyll does and warns, ``'lax'`` does so
            quietly, ``'strict'`` makes it an error (``liquid_error_mode``).
        feed_enabled: Whether the site has Atom feeds (``feed_enabled``): ``feed_meta``
            prints their link.
    """

    includes_dirs: tuple[Path, ...]
    include_labels: tuple[str, ...]
    site_url: str = ""
    baseurl: str = ""
    strict_variables: bool = False
    strict_filters: bool = False
    link_targets: Mapping[str, str] = field(default_factory=dict)
    post_urls: Mapping[str, str] = field(default_factory=dict)
    markdownify: Callable[[str], str] | None = None
    timezone: str | None = None
    docs_dir: Path | None = None
    loop_limit: int = LOOP_LIMIT
    output_limit: int = OUTPUT_LIMIT
    depth_limit: int = DEPTH_LIMIT
    namespace_limit: int = NAMESPACE_LIMIT
    error_mode: str = "warn"
    feed_enabled: bool = True


@dataclass
class RenderState:
    """What one page render needs beyond the Liquid scope.

    Attributes:
        page_name: The page path relative to ``docs_dir``; also the page template's name.
        line_offset: File lines before the Markdown (the stripped front matter).
        source_file: Absolute path of the page, for ``include_relative`` (made a ``Path``
            there: most pages never need one).
        warn: Called with a finished message for each unknown filter (once per place).
        warned: Places (template name, source index) already warned about.
        iterations: Loop iterations begun so far in this page, every loop counted.
    """

    page_name: str
    line_offset: int
    source_file: Path | str | None
    warn: Callable[[str], None]
    warned: set[tuple[str, int]] = field(default_factory=set)
    iterations: int = 0


class JekyllRenderContext(RenderContext):
    """A render context that knows the page being rendered.

    It reports unknown filters as Jekyll does without ``strict_filters``: the filter is
    skipped (Liquid's lax behaviour) and the author gets a warning with the place.
    """

    __slots__ = ("state",)

    def __init__(
        self, template: BoundTemplate, *, state: RenderState | None = None, **kwargs: Any
    ) -> None:
        super().__init__(template, **kwargs)
        self.state = state

    def copy(self, *args: Any, **kwargs: Any) -> RenderContext:
        """Copy the context, keeping the page state (used by block-scoped tags)."""
        ctx = super().copy(*args, **kwargs)
        if isinstance(ctx, JekyllRenderContext):
            ctx.state = self.state
        return ctx

    @contextmanager
    def loop(
        self, namespace: Mapping[str, object], forloop: ForLoop | TableRow
    ) -> Iterator[RenderContext]:
        """Count the loop's iterations against the page's budget, then run it.

        python-liquid limits each nest of loops on its own (the product of their lengths);
        a page of many loops, each under the limit, ran on. Here every loop of the page,
        includes' loops too, draws on one budget (a ``break`` still counts the whole loop).
        """
        if self.state is not None:
            self.state.iterations += forloop.length
            limit = self.env.loop_iteration_limit
            if limit is not None and self.state.iterations > limit:
                raise LoopIterationLimitError("loop iteration limit reached", token=None)
        with super().loop(namespace, forloop) as context:
            yield context

    def filter(self, name: str, token: Token | None) -> Callable[..., object]:
        """Return the filter ``name``; one that can print the time or a random item marks
        the render volatile (``JekyllEnvironment.volatile``).

        A known filter that is not given the render context is the same function for every
        call of the build: it is made once (python-liquid binds the environment and the
        range guard wraps it at each call otherwise).
        """
        env = self.env
        if not isinstance(env, JekyllEnvironment):
            return self._find_filter(name, token)
        func = env.bound_filters.get(name)
        if func is not None:
            return func
        func = self._find_filter(name, token)
        if name in _VOLATILE_FILTERS:
            func = _watched(env, name, func)
        known = env.filters.get(name)
        if known is not None and not getattr(known, "with_context", False):
            env.bound_filters[name] = func
        return func

    def _find_filter(self, name: str, token: Token | None) -> Callable[..., object]:
        """Return the filter ``name``; warn and skip it when unknown and not strict.

        Filters that would walk a range longer than the loop limit refuse it: a range is
        lazy, but ``(1..100000000) | join`` would build the whole list first.
        """
        env = self.env
        if name in env.filters or env.strict_filters:
            func = super().filter(name, token)
            limit = env.loop_iteration_limit
            if limit is None or name in _RANGE_SAFE_FILTERS:
                return func
            return _guard(func, limit)
        if self.state is not None and token is not None:
            template_name = self.template.name
            place = (template_name, token.start_index)
            if place not in self.state.warned:
                self.state.warned.add(place)
                offset = self.state.line_offset if template_name == self.state.page_name else 0
                line, column = source_position(token.source, token.start_index)
                message = unknown_filter_message(name, self.env.filters)
                self.state.warn(f"{template_name}:{line + offset}:{column}: {message}")
                record_finding(LIQUID, template_name, message, line=line + offset)
        return no_op_filter()


_VOLATILE_FILTERS = frozenset(
    {
        "date",
        "date_to_xmlschema",
        "date_to_rfc822",
        "date_to_string",
        "date_to_long_string",
        "sample",
    }
)
"""Filters whose output can change from one build to the next with the same input: the date
filters read ``'now'`` and ``'today'`` as the clock (``jekyll/dates.py``, python-liquid's
``date``), ``sample`` is random."""


def _watched(
    env: JekyllEnvironment, name: str, func: Callable[..., object]
) -> Callable[..., object]:
    """``func``, marking the render volatile when its input makes its output time or chance."""

    def watched(*args: object, **kwargs: object) -> object:
        first = args[0] if args else None
        if name == "sample" or (
            isinstance(first, str) and first.strip().lower() in ("now", "today")
        ):
            env.volatile = True
        return func(*args, **kwargs)

    return watched


class WatchedSite(WholeReads):
    """``site`` while a page renders: reading ``site.time`` marks the render volatile, and
    reading the static files (``site.static_files``, ``site.collections``) is noted: their
    modification times are then part of what the render read.

    Any read of the whole mapping (iteration, ``items``, ``values``, a copy, its text,
    JSON, a comparison) counts as reading it, as a template that prints ``site`` or loops
    over it may print the time.
    """

    __slots__ = ("_env",)

    def __init__(self, values: Mapping[str, Any], env: JekyllEnvironment) -> None:
        super().__init__(values)
        self._env = env

    def _whole(self) -> None:
        self._env.volatile = True

    def _read(self, key: str) -> None:
        if key == "time":
            self._env.volatile = True
        elif key in ("static_files", "collections"):
            self._env.read_static_files = True

    def __getitem__(self, key: str) -> Any:
        self._read(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        """``site[key]`` when present, else ``default``."""
        self._read(key)
        return super().get(key, default)

    def items(self) -> Any:
        """The items (the whole of ``site``)."""
        self._whole()
        return super().items()

    def values(self) -> Any:
        """The values (the whole of ``site``)."""
        self._whole()
        return super().values()

    def copy(self) -> dict[str, Any]:
        """A plain copy (the whole of ``site``)."""
        self._whole()
        return dict(super().items())


def _guard(func: Callable[..., object], limit: int) -> Callable[..., object]:
    """Wrap a filter so that a range argument longer than ``limit`` fails first."""

    def guarded(*args: object, **kwargs: object) -> object:
        for value in args:
            # `stop - start`, not len(): len() overflows for (1..10**30).
            if isinstance(value, range) and value.stop - value.start > limit:
                raise LoopIterationLimitError("loop iteration limit reached", token=None)
        return func(*args, **kwargs)

    return guarded


class JekyllTemplate(BoundTemplate):
    """A parsed template that renders with a ``JekyllRenderContext``."""

    context_class = JekyllRenderContext


class JekyllEnvironment(Environment):
    """A python-liquid environment with Jekyll's tags and filters and parse caches."""

    template_class = JekyllTemplate

    def __init__(self, settings: LiquidSettings) -> None:
        self.settings = settings
        self.page_cache: dict[tuple[str, str], BoundTemplate] = {}
        """The most recently parsed pages (at most ``PAGE_CACHE_SIZE``), by name and source."""
        self.include_cache: dict[Path, BoundTemplate] = {}
        self.include_locations: dict[str, tuple[Path, str]] = {}
        """Include name -> (resolved file, label), found once per environment."""
        self.relative_includes: set[str] = set()
        """Files ``include_relative`` read: other pages' output depends on them."""
        self.include_sources: dict[str, str] = {}
        self.expression_cache: dict[tuple[str, str], Any] = {}
        self.shared_nodes: dict[tuple[str, str], Any] = {}
        """Markup parsed once for every place it is written (``shared_nodes``)."""
        self.bound_filters: dict[str, Callable[..., object]] = {}
        """Known filters that take no render context, as ``JekyllRenderContext.filter``
        gives them (environment bound, range guard, volatile watch), by name."""
        self.url_targets: list[str] = []
        """Site paths given to ``relative_url``/``absolute_url`` while rendering the current
        page; the build checks after writing the site that each one exists."""
        self.lax_warnings: list[tuple[Token, str, str]] = []
        """Lax syntax met while parsing the current template: (tag token, written, meant)."""
        self.volatile = False
        """Whether a render read the clock or chance (``site.time``, ``'now'``, ``sample``):
        its output may differ in the next build with the same inputs (``liquid_store``)."""
        self.read_static_files = False
        """Whether a render read ``site.static_files`` or ``site.collections`` (``WatchedSite``)."""
        # python-liquid reads its limits as class attributes; these are per site.
        self.loop_iteration_limit = settings.loop_limit  # type: ignore[misc]
        self.output_stream_limit = settings.output_limit  # type: ignore[misc]
        self.context_depth_limit = settings.depth_limit  # type: ignore[misc]
        self.local_namespace_limit = settings.namespace_limit  # type: ignore[misc]
        super().__init__(
            tolerance=Mode.STRICT,
            undefined=StrictUndefined if settings.strict_variables else Undefined,
            strict_filters=settings.strict_filters,
        )

    def tokenizer(self) -> Callable[[str], Iterator[Token]]:
        """python-liquid's lexer, with a text rule that reads a page's text in runs.

        Lexing a page was a tenth of its Liquid; the tokens are the same (``compat``). Only
        for the default delimiters (this environment's), else python-liquid's own.
        """
        fast = fast_liquid_lexer()
        if fast is None or self.tokenizer_delimiters() != _DEFAULT_DELIMITERS:
            return super().tokenizer()
        return fast

    def tokenizer_delimiters(self) -> tuple[str, ...]:
        """The delimiters python-liquid's ``tokenizer`` builds its lexer from."""
        return (
            self.tag_start_string,
            self.tag_end_string,
            self.statement_start_string,
            self.statement_end_string,
            self.comment_start_string,
            self.comment_end_string,
        )

    def setup_tags_and_filters(self, *, extra: bool = False) -> None:
        """Register Liquid's standard tags and filters, then Jekyll's on top."""
        super().setup_tags_and_filters(extra=extra)
        register(self)

    def error(
        self,
        exc: type[LiquidError] | LiquidError,
        msg: str | None = None,
        token: Token | None = None,
    ) -> None:
        """Raise ``exc``, first giving it the best known position.

        python-liquid reports some syntax errors at a pseudo end-of-expression token that
        has no position; the enclosing tag or output statement is a better place than none.
        """
        if (
            isinstance(exc, LiquidError)
            and token is not None
            and token.start_index >= 0
            and (exc.token is None or exc.token.start_index < 0)
        ):
            exc.token = token
        super().error(exc, msg, token)

    def lax_syntax(
        self, token: Token, written: str, meant: str, err: LiquidSyntaxError | None
    ) -> None:
        """Accept markup Jekyll reads with Ruby Liquid's lax parser, as ``error_mode`` says.

        Jekyll's default ``liquid.error_mode: warn`` warns and renders ``meant``; ``strict``
        fails on the original error (``err``, or one naming ``meant`` where python-liquid
        accepted what Ruby's strict parser does not).

        Raises:
            LiquidSyntaxError: With ``error_mode: strict``.
        """
        mode = self.settings.error_mode
        if mode == "strict":
            raise err or LiquidSyntaxError(
                f"Liquid syntax only Jekyll's lax parser accepts: '{written}'; write "
                f"'{meant}' instead",
                token=token,
            )
        # Both modes render `meant`; the report lists it either way, only `warn` warns.
        self.lax_warnings.append((token, written, meant))

    def _parse_reporting(
        self, source: str, name: str, line_offset: int, path: str | None = None
    ) -> BoundTemplate:
        """Parse ``source`` and log a warning for each lax construct it holds."""
        self.lax_warnings.clear()
        try:
            template = self.from_string(source, name=name, path=path)
        finally:
            found, self.lax_warnings = self.lax_warnings, []
        for token, written, meant in found:
            line, column = source_position(token.source, token.start_index)
            message = (
                f"Liquid syntax Jekyll accepts but ignores part of: '{written}'; "
                f"write '{meant}' instead"
            )
            if self.settings.error_mode == "warn":
                log.warning(f"{name}:{line + line_offset}:{column}: {message}")
            record_finding(LIQUID, name, message, line=line + line_offset)
        return template

    def parse_page(self, name: str, source: str, line_offset: int = 0) -> BoundTemplate:
        """Parse a page once for repeated renders of the same source.

        Only the last ``PAGE_CACHE_SIZE`` pages are kept: the plugin renders every page once
        per build (its environment is per build), so a larger cache only held memory.

        Args:
            name: The page path relative to ``docs_dir``; names the template in messages.
            source: The Markdown with Liquid, front matter already removed.
            line_offset: File lines before ``source``, for the lines of lax syntax warnings.

        Returns:
            The parsed template.

        Raises:
            LiquidError: On a syntax error; the rendering layer turns it into a message.
        """
        key = (name, source)
        template = self.page_cache.get(key)
        if template is None:
            template = self._parse_reporting(source, name, line_offset)
            if len(self.page_cache) >= PAGE_CACHE_SIZE:
                # A build renders each page once: keeping every parsed page cost about
                # 14 KB per page for the whole build. Drop the oldest.
                del self.page_cache[next(iter(self.page_cache))]
            self.page_cache[key] = template
        return template

    def parse_include(self, path: Path, label: str) -> BoundTemplate:
        """Read and parse an include file once per environment.

        Args:
            path: The resolved file.
            label: How the file is named in messages (``'_includes/note.html'``).

        Returns:
            The parsed template, named ``label``.

        Raises:
            ContentError: The file is not valid UTF-8.
        """
        template = self.include_cache.get(path)
        if template is None:
            # Not UTF-8: a ContentError naming the include, which the page render passes on.
            source = read_utf8(path, label)
            self.include_sources[label] = source
            template = self._parse_reporting(source, label, 0, path=label)
            self.include_cache[path] = template
        return template


def source_position(source: str, index: int) -> tuple[int, int]:
    """Return the 1-based (line, column) of ``index`` in ``source``."""
    line = source.count("\n", 0, index) + 1
    column = index - (source.rfind("\n", 0, index) + 1) + 1
    return line, column


def unknown_filter_message(name: str, filters: Mapping[str, object]) -> str:
    """Return "unknown filter 'x'" with the closest known filter as a suggestion."""
    message = f"unknown filter '{name}'"
    close = difflib.get_close_matches(name, list(filters), n=1)
    if close:
        message += f"; did you mean '{close[0]}'?"
    return message


def create_environment(settings: LiquidSettings) -> JekyllEnvironment:
    """Create the environment that renders a site's pages.

    Create one per build: it caches parsed pages and includes, and the settings (URLs,
    posts, links) change between builds under ``mkdocs serve``.

    Args:
        settings: The site's settings as Jekyll's tags and filters need them.

    Returns:
        A python-liquid environment with Jekyll's tags and filters registered.
    """
    return JekyllEnvironment(settings)


__all__ = [
    "DEPTH_LIMIT",
    "LOOP_LIMIT",
    "NAMESPACE_LIMIT",
    "OUTPUT_LIMIT",
    "JekyllEnvironment",
    "JekyllRenderContext",
    "LiquidSettings",
    "RenderState",
    "WatchedSite",
    "create_environment",
    "source_position",
]
