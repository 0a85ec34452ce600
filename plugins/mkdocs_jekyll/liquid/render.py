"""Render the Liquid of one Markdown page, and turn every Liquid error into a message.

This is the one place where python-liquid's exceptions become ``ContentError``: the
position comes from the error's token (plus the page's front matter lines), the file is
the include the error happened in, and the chain names the pages that included it, as
Jekyll's "Liquid Exception: ... in _includes/x.html, included in page.md".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from liquid.exceptions import (
    ContextDepthError,
    LiquidError,
    LocalNamespaceLimitError,
    LoopIterationLimitError,
    OutputStreamLimitError,
    UndefinedError,
    UnknownFilterError,
)
from liquid.token import TOKEN_TAG

from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.log import plugin_logger
from mkdocs_jekyll.liquid.environment import (
    JekyllEnvironment,
    JekyllRenderContext,
    RenderState,
    source_position,
    unknown_filter_message,
)
from mkdocs_jekyll.liquid.tags.include_tag import include_trace

log = plugin_logger(__name__)

_UNKNOWN_FILTER = re.compile(r"unknown filter '(.+)'")
_UNEXPECTED_TAG = re.compile(r"unexpected tag '(.+)'")
_UNDEFINED = re.compile(r"'?(.+?)'? is undefined")
# Tags python-liquid uses internally; never suggested to authors.
_INTERNAL_TAGS = frozenset({"illegal", "content", "output", "doc", "#"})


def render_markdown(
    env: JekyllEnvironment,
    source: str,
    *,
    path: str,
    line_offset: int,
    context: Mapping[str, Any],
    source_file: Path | str | None = None,
) -> str:
    """Render the Liquid in a page's Markdown, before Markdown is converted.

    Args:
        env: The environment from ``create_environment``; it caches parsed pages.
        source: The Markdown without front matter.
        path: The page path relative to ``docs_dir``, for messages.
        line_offset: File lines before ``source`` (the front matter), added to lines.
        context: The variables: ``site``, ``page``, ``jekyll`` ...
        source_file: The page's absolute path, for ``include_relative``.

    Returns:
        The Markdown with the Liquid rendered.

    Raises:
        ContentError: For any Liquid mistake in the page or in a file it includes.
    """
    if not has_markup(env, source):
        # Text alone renders to itself: skip the lexer, the parser and the parse cache.
        return source
    state = RenderState(
        page_name=path, line_offset=line_offset, source_file=source_file, warn=log.warning
    )
    try:
        template = env.parse_page(path, source, line_offset)
        ctx = JekyllRenderContext(
            template, globals=template.make_globals(dict(context)), state=state
        )
        buffer = ctx.get_buffer()
        template.render_with_context(ctx, buffer)
    except LiquidError as err:
        raise _content_error(env, err, path, line_offset, source) from err
    except RecursionError as err:
        # Only with liquid_depth_limit raised past what Python's stack holds (about 400).
        message = (
            f"Liquid includes nested too deeply for Python before the include depth limit "
            f"({env.context_depth_limit} levels); does an include include itself? Lower "
            "plugins.jekyll.liquid_depth_limit"
        )
        raise ContentError(path, message) from err
    return buffer.getvalue()


def has_markup(env: JekyllEnvironment, source: str) -> bool:
    """True when ``source`` holds a Liquid tag or output statement (else it is plain text).

    Args:
        env: The environment, for its delimiters.
        source: The text to render.

    Returns:
        Whether rendering could produce anything but ``source`` itself.
    """
    return (
        env.tag_start_string in source
        or env.statement_start_string in source
        or (env.template_comments and env.comment_start_string in source)
    )


def _content_error(
    env: JekyllEnvironment, err: LiquidError, path: str, line_offset: int, source: str
) -> ContentError:
    """Locate ``err`` in the page or include it came from and word it for the author."""
    trace = include_trace(err)
    origin = trace.origin if trace is not None else path
    origin_source = source if origin == path else env.include_sources.get(origin, "")
    offset = line_offset if origin == path else 0
    message = _message(env, err)
    line: int | None = None
    column: int | None = None
    token = err.token
    if token is not None and token.start_index >= 0 and token.source == origin_source:
        line, column = source_position(origin_source, token.start_index)
        line += offset
    else:
        unclosed = _first_unclosed_tag(env, origin_source, origin)
        if unclosed is not None:
            name, index = unclosed
            line, column = source_position(origin_source, index)
            line += offset
            message = f"'{name}' tag was never closed; expected '{{% end{name} %}}'"
    chain: list[str] = []
    if trace is not None:
        for name, tag in trace.frames:
            tag_line, _ = source_position(tag.source, tag.start_index)
            if name == path:
                tag_line += line_offset
            chain.append(f"'{name}' line {tag_line}")
    return ContentError(origin, message, line=line, column=column, chain=_collapse(chain))


def _collapse(chain: list[str]) -> list[str]:
    """Merge repeated levels (a recursive include) into one entry with a count."""
    merged: list[str] = []
    counts: list[int] = []
    for entry in chain:
        if merged and merged[-1] == entry:
            counts[-1] += 1
        else:
            merged.append(entry)
            counts.append(1)
    return [
        entry if n == 1 else f"{entry} ({n} times)" for entry, n in zip(merged, counts, strict=True)
    ]


def _first_unclosed_tag(env: JekyllEnvironment, source: str, name: str) -> tuple[str, int] | None:
    """Find the first block tag without its end tag; python-liquid reports no position."""
    if not source:
        return None
    try:
        analysis = env.analyze_tags_from_string(source, name=name)
    except LiquidError:
        return None
    spans = [(span.index, tag) for tag, found in analysis.unclosed_tags.items() for span in found]
    if not spans:
        return None
    index, tag = min(spans)
    return tag, index


def _limit_message(env: JekyllEnvironment, err: LiquidError) -> str | None:
    """Name the resource limit ``err`` hit, its value, and the option that raises it."""
    if isinstance(err, LoopIterationLimitError):
        what, option = f"loop limit reached ({env.loop_iteration_limit:,} iterations)", "loop"
    elif isinstance(err, OutputStreamLimitError):
        what, option = f"output limit reached ({env.output_stream_limit:,} bytes)", "output"
    elif isinstance(err, ContextDepthError):
        what = (
            f"include depth limit reached ({env.context_depth_limit} levels: an include "
            "takes two, a loop one; does an include include itself?)"
        )
        option = "depth"
    elif isinstance(err, LocalNamespaceLimitError):
        what = (
            f"variable size limit reached ({env.local_namespace_limit:,} bytes of 'assign' "
            "and 'capture' variables)"
        )
        option = "namespace"
    else:
        return None
    return f"Liquid {what}; raise plugins.jekyll.liquid_{option}_limit if this page needs more"


def _message(env: JekyllEnvironment, err: LiquidError) -> str:
    """Word python-liquid's message as the plugin's messages are worded."""
    limit = _limit_message(env, err)
    if limit is not None:
        return limit
    text = str(err.message)
    token = err.token
    if text == "missing expression" and token is not None and token.kind == TOKEN_TAG:
        return f"missing expression in '{token.value}' tag"
    if isinstance(err, UnknownFilterError):
        match = _UNKNOWN_FILTER.fullmatch(text)
        if match:
            return unknown_filter_message(match.group(1), env.filters)
    if isinstance(err, UndefinedError):
        match = _UNDEFINED.fullmatch(text)
        if match:
            return (
                f"undefined variable '{match.group(1)}'; define it, or turn off "
                "liquid.strict_variables"
            )
    match = _UNEXPECTED_TAG.fullmatch(text)
    if match and match.group(1) not in env.tags and not match.group(1).startswith("end"):
        known = [tag for tag in env.tags if tag not in _INTERNAL_TAGS]
        return unknown_filter_message(match.group(1), dict.fromkeys(known)).replace(
            "unknown filter", "unknown tag", 1
        )
    return text
