"""The Python-Markdown extensions (and their settings) that read Markdown as kramdown does.

MkDocs always runs ``toc``, ``tables`` and ``fenced_code``; the site may add its own. The
pipeline is a registry of kramdown features (``FEATURES``): each names the extensions it adds
with their configuration for the site's kramdown settings, and the extensions it takes over
from (MkDocs' ``tables`` when ours builds kramdown's tables). A site turns a feature off with
``markdown_kramdown: {features: {tables: false}}``: its extensions are not added and what it
replaces stays, so the feature renders as plain Python-Markdown would.

An extension the site configured itself keeps the site's configuration: the pipeline only
fills keys the site left unset, and a feature whose replaced extension the site configured
(``mdx_configs`` has ``fenced_code: {...}``) stays off.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mkdocs_jekyll.kramdown.report import unsupported
from mkdocs_jekyll.kramdown.settings import KramdownSettings

# An extension's dotted name (as in `markdown_extensions`) -> its configuration.
ExtensionConfigs = Mapping[str, Mapping[str, Any]]
# Not a feature: skips the inline patterns a page cannot trigger (same output, less work).
TRIGGERS = "mkdocs_jekyll.kramdown.triggers"


@dataclass(frozen=True)
class Feature:
    """One kramdown feature the pipeline can turn on or off.

    Attributes:
        name: The name a site uses under ``features:`` (``tables``, ``heading_ids``...).
        summary: The kramdown syntax it stands for, for the README and messages.
        extensions: The extensions it adds, in order, with their configuration for the
            site's settings (an empty mapping when it needs none).
        replaces: Extensions it takes the place of: removed while the feature is on.
    """

    name: str
    summary: str
    extensions: Callable[[KramdownSettings], ExtensionConfigs]
    replaces: tuple[str, ...] = ()


def _fixed(*names: str) -> Callable[[KramdownSettings], ExtensionConfigs]:
    """Extensions that need no configuration."""
    return lambda _settings: {name: {} for name in names}


# Blocks (branch h/kblocks) ---------------------------------------------------------------

_BLOCK_FEATURES: tuple[Feature, ...] = (
    Feature(
        "lists",
        "lists right after a paragraph line, nested by the marker's width",
        _fixed("mkdocs_jekyll.markdown_compat"),
    ),
    Feature(
        "tables",
        "tables: header-less, `|---|` bodies, `|===|` footers, alignment",
        _fixed("mkdocs_jekyll.kramdown.tables"),
        replaces=("tables",),
    ),
    Feature(
        "code",
        "fenced and indented code, code spans: Rouge's markup",
        lambda settings: {
            "pymdownx.superfences": {},
            "mkdocs_jekyll.kramdown.code": {
                "syntax_highlighter": settings.syntax_highlighter or "",
                "syntax_highlighter_opts": dict(settings.syntax_highlighter_opts),
                "guess_lang": settings.guess_lang,
            },
        },
        replaces=("fenced_code",),
    ),
    Feature(
        "heading_ids",
        "heading ids by kramdown's rules (GFM's by default), `{#id}`, `header_offset`, "
        "ATX headings needing a space after `#` in GFM",
        lambda settings: {
            "mkdocs_jekyll.kramdown.headings": {
                "input": settings.input,
                "auto_ids": settings.auto_ids,
                "auto_id_prefix": settings.auto_id_prefix,
                "auto_id_stripping": settings.auto_id_stripping,
                "transliterated_header_ids": settings.transliterated_header_ids,
                "header_offset": settings.header_offset,
            },
        },
    ),
    Feature(
        "toc",
        "`* TOC` / `1. TOC` lists followed by `{:toc}`, within `toc_levels`, without "
        "`{:.no_toc}` headings",
        lambda settings: {
            # Python-Markdown's `[TOC]` marker stays: the package's `toc` include uses it.
            "mkdocs_jekyll.kramdown.toc": {"toc_levels": list(settings.toc_levels)},
        },
    ),
    Feature(
        "line_breaks",
        "backslash line breaks; every line break with hard_wrap",
        lambda settings: {
            "mkdocs_jekyll.kramdown.linebreaks": {"hard_wrap": settings.hard_wrap},
        },
    ),
    Feature(
        "block_html",
        '`markdown="1|block|span|0"` in HTML blocks, `parse_block_html`',
        lambda settings: {
            "md_in_html": {},
            "mkdocs_jekyll.kramdown.html_blocks": {"parse_block_html": settings.parse_block_html},
        },
    ),
)

# Inline (branch h/kinline) ---------------------------------------------------------------


def _typography(settings: KramdownSettings) -> ExtensionConfigs:
    return {
        "mkdocs_jekyll.kramdown.typography": {
            "smart_quotes": list(settings.smart_quotes),
            "typographic_symbols": dict(settings.typographic_symbols),
            "entity_output": settings.entity_output,
            # kramdown-parser-gfm drops the symbols parser for this quirk.
            "symbols": "no_auto_typographic" not in settings.gfm_quirks,
        }
    }


def _footnotes(settings: KramdownSettings) -> ExtensionConfigs:
    return {
        "mkdocs_jekyll.kramdown.footnotes": {
            "footnote_nr": settings.footnote_nr,
            "footnote_backlink": settings.footnote_backlink,
            "footnote_backlink_inline": settings.footnote_backlink_inline,
        }
    }


def _gfm_only(
    name: str, config: Mapping[str, Any]
) -> Callable[[KramdownSettings], ExtensionConfigs]:
    """An extension for syntax only kramdown-parser-gfm reads (none with ``input: kramdown``)."""
    return lambda settings: {name: config} if settings.gfm else {}


def _escapes(settings: KramdownSettings) -> ExtensionConfigs:
    return {"mkdocs_jekyll.kramdown.escapes": {"gfm": settings.gfm}}


def _math(settings: KramdownSettings) -> ExtensionConfigs:
    return {"mkdocs_jekyll.kramdown.math": {"math_engine": settings.math_engine or ""}}


_INLINE_FEATURES: tuple[Feature, ...] = (
    Feature(
        "attributes",
        '{: .class #id key="value"} attribute lists, {:name: ...} definitions, block IALs',
        _fixed("attr_list", "mkdocs_jekyll.kramdown.attributes"),
    ),
    Feature(
        "footnotes",
        "footnotes, numbered and back-linked as kramdown writes them",
        _footnotes,
        replaces=("footnotes",),
    ),
    Feature(
        "definition_lists",
        "definition lists",
        _fixed("def_list", "mkdocs_jekyll.kramdown.deflists"),
    ),
    Feature(
        "abbreviations",
        "*[HTML]: Hyper Text Markup Language",
        _fixed("mkdocs_jekyll.kramdown.abbreviations"),
        replaces=("abbr",),
    ),
    Feature(
        "typography",
        "smart quotes, -- and --- dashes, ... ellipsis, << >> guillemets, entity_output",
        _typography,
        replaces=("smarty",),
    ),
    Feature(
        "escapes",
        "backslash escapes: kramdown's (quotes, | $ : = < > included), and ~ with GFM input",
        _escapes,
    ),
    Feature(
        "task_lists",
        "GFM task lists: - [ ] and - [x]",
        _gfm_only("mkdocs_jekyll.kramdown.tasklists", {}),
        replaces=("pymdownx.tasklist",),
    ),
    Feature(
        "strikethrough",
        "GFM strikethrough: ~~text~~",
        _gfm_only("pymdownx.tilde", {"subscript": False}),
    ),
    Feature(
        "math",
        "$$ math for the math_engine (MathJax or none)",
        _math,
        replaces=("pymdownx.arithmatex",),
    ),
    Feature(
        "extensions",
        "{::comment}, {::nomarkdown} and {::options /}",
        _fixed("mkdocs_jekyll.kramdown.extensions"),
    ),
)

FEATURES: Mapping[str, Feature] = {
    feature.name: feature for feature in (*_BLOCK_FEATURES, *_INLINE_FEATURES)
}


def check_features(settings: KramdownSettings) -> None:
    """Reject a ``features:`` entry that names no feature.

    Raises:
        ValueError: an unknown name, with the closest known one suggested.
    """
    for name in settings.features:
        if name not in FEATURES:
            close = difflib.get_close_matches(name, FEATURES, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            known = ", ".join(sorted(FEATURES))
            raise ValueError(
                f"markdown_kramdown.features: unknown feature '{name}'{hint} (known: {known})"
            )


def enabled_features(settings: KramdownSettings) -> list[Feature]:
    """The features the site left on (all, unless ``features:`` turns some off)."""
    return [f for f in FEATURES.values() if settings.features.get(f.name, True)]


def configure_markdown(
    settings: KramdownSettings, extensions: list[Any], configs: dict[str, Any]
) -> tuple[list[Any], dict[str, Any]]:
    """The extension list and ``mdx_configs`` MkDocs should run for ``settings``.

    Args:
        settings: The site's kramdown settings.
        extensions: MkDocs' ``markdown_extensions`` (its three built-ins included).
        configs: MkDocs' ``mdx_configs``.

    Returns:
        New lists: the enabled features' extensions added after the site's, the ones they
        replace removed, configurations merged under the site's own keys, and ``TRIGGERS``.
    """
    features = [
        feature
        for feature in enabled_features(settings)
        if not any(name in configs for name in feature.replaces)
    ]
    replaced = {name for feature in features for name in feature.replaces}
    result = [name for name in extensions if name not in replaced]
    merged = {name: dict(value) for name, value in configs.items() if name not in replaced}
    for feature in features:
        for name, config in feature.extensions(settings).items():
            if name not in result:
                result.append(name)
            if config:
                # The site's own keys win over the pipeline's.
                merged[name] = {**config, **merged.get(name, {})}
    if TRIGGERS not in result:
        result.append(TRIGGERS)
    return result, merged


# Rouge options that change the markup in ways kramdown/rouge.py does not write.
_ROUGE_UNSUPPORTED = ("formatter", "inline_theme", "line_format", "table_class", "gutter_class")


def warn_unsupported_settings(settings: KramdownSettings) -> None:
    """Name the settings the pipeline reads differently from kramdown (``unsupported``).

    Once per build (not per locale pass), once its findings are collected.
    """
    if not settings.features.get("code", True):
        return
    where = "mkdocs.yml"
    highlighter = settings.syntax_highlighter
    if highlighter is not None and highlighter.lower() != "rouge":
        unsupported(
            f"markdown_kramdown.syntax_highlighter '{highlighter}'",
            hint="code gets Rouge's markup (set it to rouge, or nil for plain <pre><code>)",
            source=where,
        )
    opts = settings.syntax_highlighter_opts
    scopes = [("", opts)] + [
        (f"{kind}.", value)
        for kind in ("block", "span")
        if isinstance(value := opts.get(kind), Mapping)
    ]
    for prefix, scope in scopes:
        for key in _ROUGE_UNSUPPORTED:
            if key in scope:
                unsupported(
                    f"markdown_kramdown.syntax_highlighter_opts.{prefix}{key}",
                    hint="Rouge's default markup is written",
                    source=where,
                )
