"""The Liquid environment Jekyll pages are rendered with: settings, caches and undefined mode.

python-liquid does the parsing and rendering; this module configures it the way Jekyll
configures Shopify Liquid (``liquid.strict_variables``, ``liquid.strict_filters``), owns the
parse caches and keeps the per-render state (page path, line offset, warnings) that the
rendering layer needs to report errors against the author's file.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from liquid import Environment, Mode, RenderContext, StrictUndefined, Undefined
from liquid.context import _no_op_filter
from liquid.exceptions import LiquidError
from liquid.template import BoundTemplate

from mkdocs_jekyll.liquid.register import register

if TYPE_CHECKING:
    from liquid.token import Token


PAGE_CACHE_SIZE = 64
"""Parsed pages an environment keeps for a repeated render of the same source."""


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


@dataclass
class RenderState:
    """What one page render needs beyond the Liquid scope.

    Attributes:
        page_name: The page path relative to ``docs_dir``; also the page template's name.
        line_offset: File lines before the Markdown (the stripped front matter).
        source_file: Absolute path of the page, for ``include_relative``.
        warn: Called with a finished message for each unknown filter (once per place).
        warned: Places (template name, source index) already warned about.
    """

    page_name: str
    line_offset: int
    source_file: Path | None
    warn: Callable[[str], None]
    warned: set[tuple[str, int]] = field(default_factory=set)


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

    def filter(self, name: str, token: Token | None) -> Callable[..., object]:
        """Return the filter ``name``; warn and skip it when unknown and not strict."""
        if name in self.env.filters or self.env.strict_filters:
            return super().filter(name, token)
        if self.state is not None and token is not None:
            template_name = self.template.name
            place = (template_name, token.start_index)
            if place not in self.state.warned:
                self.state.warned.add(place)
                offset = self.state.line_offset if template_name == self.state.page_name else 0
                line, column = source_position(token.source, token.start_index)
                self.state.warn(
                    f"{template_name}:{line + offset}:{column}: "
                    f"{unknown_filter_message(name, self.env.filters)}"
                )
        return _no_op_filter


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
        super().__init__(
            tolerance=Mode.STRICT,
            undefined=StrictUndefined if settings.strict_variables else Undefined,
            strict_filters=settings.strict_filters,
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

    def parse_page(self, name: str, source: str) -> BoundTemplate:
        """Parse a page once for repeated renders of the same source.

        Only the last ``PAGE_CACHE_SIZE`` pages are kept: the plugin renders every page once
        per build (its environment is per build), so a larger cache only held memory.

        Args:
            name: The page path relative to ``docs_dir``; names the template in messages.
            source: The Markdown with Liquid, front matter already removed.

        Returns:
            The parsed template.

        Raises:
            LiquidError: On a syntax error; the rendering layer turns it into a message.
        """
        key = (name, source)
        template = self.page_cache.get(key)
        if template is None:
            template = self.from_string(source, name=name)
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
        """
        template = self.include_cache.get(path)
        if template is None:
            source = path.read_text(encoding="utf-8")
            self.include_sources[label] = source
            template = self.from_string(source, name=label, path=label)
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
    "JekyllEnvironment",
    "JekyllRenderContext",
    "LiquidSettings",
    "RenderState",
    "create_environment",
    "source_position",
]
