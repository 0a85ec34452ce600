"""Material's page-independent blocks of ``base.html`` rendered once per pass for the pages
that show them alike.

Why: of Material's ``base.html``, the blocks ``config`` (the JSON settings Material's script
reads), ``styles``, ``fonts``, ``libs``, ``analytics``, ``scripts`` and ``footer`` print the
same HTML on most pages of a pass: what they read of a page is the URLs ``url`` makes
relative to it (the stylesheet's, the search worker's, ``base_url``), and on a site without
polyfills, analytics, extra scripts, custom icons or footer links, nothing else. Rendering
them took about a fifth of a page's Jinja render on the bench (some 0.1 s of a 3.3 s build).
A pass renders each once per key (the values it reads, as it reads them) and reuses it.

Only over Material's own ``base.html`` and the partials those blocks include, of a version
listed in ``KNOWN_SOURCES`` (another version, or a site's override of any of them, renders
as Material does), with MkDocs' ``url`` filter and Jinja's own ``tojson``, ``default`` and
``replace``. A key reads every value the block reads and is given only where those values
are plain (strings, or the empty and missing values a block tests and skips); anything else,
in any page, renders as before. The memo belongs to the pass's environment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from jinja2.filters import do_default, do_replace, do_tojson
from jinja2.runtime import Undefined
from jinja2.utils import Namespace
from mkdocs.utils.templates import url_filter

from mkdocs_jekyll.mkdocs.nav_memo import is_known_materials, memoised
from mkdocs_jekyll.mkdocs.partial_memo import package_lang

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.runtime import Context

BASE = "base.html"
ICONS = "partials/icons.html"
FOOTER = "partials/footer.html"
COPYRIGHT = "partials/copyright.html"
ANALYTICS = "partials/integrations/analytics.html"

KNOWN_SOURCES = {
    BASE: frozenset({"a919e32d2225e09ecbdeb8076ca6ce9ca0836329760bf7871a04172569b77842"}),
    ICONS: frozenset({"461a02930eb982ef17829cfe5ebb9f8dca6eb1eb0c9da2391c130b0fe8eb5fa7"}),
    FOOTER: frozenset({"50c2a75f013b7b03fb97f381860c77df8fd5d13d68f90d3281754b68f69ec894"}),
    COPYRIGHT: frozenset({"bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea"}),
    ANALYTICS: frozenset({"3dba249b95699a16f243168a47234282a3de163ea485dc23bab55a8e21fe63c7"}),
}
"""SHA-256 of each file's source in the Materials whose reads the keys below list (9.8.2;
``base.html`` names its assets by their hashes, so each release has its own)."""

_MAIN_CSS = "assets/stylesheets/main.57a0d79d.min.css"
_PALETTE_CSS = "assets/stylesheets/palette.fb2fffe2.min.css"
_BUNDLE_JS = "assets/javascripts/bundle.a5f9d56c.min.js"
_SEARCH_JS = "assets/javascripts/workers/search.a7633da7.min.js"
"""The assets the known ``base.html`` passes to ``url``."""

UNREAD: Any = object()
"""A value the block cannot read as Jinja would (an undefined value's attribute): no key."""

KeyFunction = Callable[["Context"], "tuple[Any, ...] | None"]


def install_block_memo(env: Environment) -> list[str]:
    """Make the pass's ``base.html`` reuse the HTML of its blocks where it is the same.

    Returns:
        The blocks memoised (those whose files are Material's own, of a known version).
    """
    if env.loader is None or not _is_known(env, BASE):
        return []
    installed: list[str] = []
    for block, (key_of, partials) in _BLOCKS.items():
        if all(_is_known(env, name) for name in partials):
            memoise_block(env, BASE, block, key_of)
            installed.append(block)
    return installed


def memoise_block(env: Environment, name: str, block: str, key_of: KeyFunction) -> None:
    """Replace the block ``block`` of the template ``name`` by one keeping its HTML per
    ``key_of`` (None: render it as the template does).

    The template's ``blocks`` are what a render's context takes the block from (an
    extending template's ``super()`` included), so each page rendering the block uses this.
    """
    template = env.get_template(name)
    template.blocks[block] = memoised(env, template.blocks[block], key_of)


def config_key(context: Context) -> tuple[Any, ...] | None:
    """What the ``config`` block reads; None: render it.

    ``base_url``, the features, the labels (the theme's language, through the package's
    ``language.html``), the search worker's URL, and ``extra``'s ``annotate``, ``tags`` and
    ``version``, each printed as ``null`` when empty (when set, the block renders).
    """
    env = context.environment
    filters = env.filters
    if (
        filters.get("tojson") is not do_tojson
        or env.policies.get("json.dumps_function") is not None
        or env.policies.get("json.dumps_kwargs") != {"sort_keys": True}
        or env.globals.get("namespace") is not Namespace
        or not package_lang(context)
    ):
        return None
    config = context.get("config")
    base_url = context.get("base_url")
    features = features_key(context)
    if config is None or type(base_url) is not str or features is None:
        return None
    extra = read_path(env, config, "extra")
    if extra is UNREAD or not all(
        is_blank(read_path(env, extra, name)) for name in ("annotate", "tags", "version")
    ):
        return None
    language = config.theme.get("language")
    search = url_of(context, _SEARCH_JS)
    if search is None or type(language) is not str:
        return None
    return ("config", base_url, features, language, search)


def styles_key(context: Context) -> tuple[Any, ...] | None:
    """What the ``styles`` block reads; None: render it.

    The stylesheets' URLs (the palette's when a palette is set) and the theme's admonition,
    annotation and tag icons, which ``icons.html`` prints only when set (then it renders).
    """
    env = context.environment
    config = context.get("config")
    if config is None:
        return None
    palette = read_path(env, config, "theme", "palette")
    icon = read_path(env, config, "theme", "icon")
    if palette is UNREAD or icon is UNREAD or not _plain_truth(palette):
        return None
    names = ("admonition", "annotation", "tag")
    if not all(is_blank(read_path(env, icon, name)) for name in names):
        return None
    main = url_of(context, _MAIN_CSS)
    if main is None:
        return None
    return ("styles", main, url_of(context, _PALETTE_CSS) if palette else None)


def fonts_key(context: Context) -> tuple[Any, ...] | None:
    """What the ``fonts`` block reads; None: render it.

    The theme's ``font``: false (no fonts), or its text and code fonts (strings, or unset:
    Roboto's).
    """
    env = context.environment
    filters = env.filters
    if filters.get("d") is not do_default or filters.get("replace") is not do_replace:
        return None
    config = context.get("config")
    if config is None:
        return None
    font = read_path(env, config, "theme", "font")
    if font is False:
        return ("fonts", False)
    if type(font) is not dict:
        return None
    names = tuple(read_path(env, font, name) for name in ("text", "code"))
    if not all(type(name) is str or is_blank(name) for name in names):
        return None
    return ("fonts", tuple(name if type(name) is str else None for name in names))


def libs_key(context: Context) -> tuple[Any, ...] | None:
    """What the ``libs`` block reads; None: render it (``extra.polyfills`` is set)."""
    config = context.get("config")
    if config is None:
        return None
    polyfills = read_path(context.environment, config, "extra", "polyfills")
    if not (type(polyfills) is Undefined or (type(polyfills) is list and not polyfills)):
        return None
    return ("libs",)


def analytics_key(context: Context) -> tuple[Any, ...] | None:
    """What the ``analytics`` block reads; None: render it (a provider is set)."""
    config = context.get("config")
    if config is None or not is_blank(context.get("provider")):
        return None
    if not is_blank(read_path(context.environment, config, "extra", "analytics")):
        return None
    return ("analytics",)


def scripts_key(context: Context) -> tuple[Any, ...] | None:
    """What the ``scripts`` block reads; None: render it (``extra_javascript`` is set).

    The script bundle's URL.
    """
    config = context.get("config")
    if config is None:
        return None
    scripts = read_path(context.environment, config, "extra_javascript")
    if type(scripts) is not list or scripts:
        return None
    bundle = url_of(context, _BUNDLE_JS)
    return None if bundle is None else ("scripts", bundle)


def footer_key(context: Context) -> tuple[Any, ...] | None:
    """What the ``footer`` block reads; None: render it.

    Without the ``navigation.footer`` feature (its links are the page's neighbours) and
    social links: the copyright (a string, printed as it is) and whether
    ``extra.generator`` is false.
    """
    env = context.environment
    config = context.get("config")
    features = features_key(context)
    if config is None or features is None or "navigation.footer" in features:
        return None
    copyright = read_path(env, config, "copyright")
    generator = read_path(env, config, "extra", "generator")
    social = read_path(env, config, "extra", "social")
    if not (type(copyright) is str or is_blank(copyright)) or not is_blank(social):
        return None
    if not (type(generator) is bool or is_blank(generator)):
        return None
    return ("footer", copyright if type(copyright) is str else None, generator is False)


_BLOCKS: dict[str, tuple[KeyFunction, tuple[str, ...]]] = {
    "config": (config_key, ()),
    "styles": (styles_key, (ICONS,)),
    "fonts": (fonts_key, ()),
    "libs": (libs_key, ()),
    "analytics": (analytics_key, (ANALYTICS,)),
    "scripts": (scripts_key, ()),
    "footer": (footer_key, (FOOTER, COPYRIGHT)),
}
"""Each memoised block's key, and the partials it includes (each must be known too)."""


def read_path(env: Environment, obj: Any, *names: str) -> Any:
    """``obj.name1.name2...`` as the template reads it; ``UNREAD`` past an undefined value."""
    for name in names:
        if obj is UNREAD or isinstance(obj, Undefined):
            return UNREAD
        obj = env.getattr(obj, name)
    return obj


def is_blank(value: Any) -> bool:
    """Whether ``value`` is an empty value every test of it skips (Jinja's own undefined,
    None, false, an empty string, list or dict)."""
    return (
        value is None
        or value is False
        or type(value) is Undefined
        or (type(value) in (str, list, dict, tuple) and not value)
    )


def _plain_truth(value: Any) -> bool:
    """Whether the truth of ``value`` is read without running anything of a site's."""
    return is_blank(value) or type(value) in (str, list, dict, tuple, bool)


def features_key(context: Context) -> tuple[str, ...] | None:
    """The page's ``features`` (a list of strings), as a key."""
    features = context.get("features")
    if type(features) not in (list, tuple) or not all(type(name) is str for name in features):
        return None
    return tuple(features)


def url_of(context: Context, path: str) -> str | None:
    """``path | url`` for this page; None when ``url`` is not MkDocs' or cannot run."""
    if context.environment.filters.get("url") is not url_filter:
        return None  # another plugin's `url` may read more of the page
    if "page" not in context or "base_url" not in context:
        return None
    url: str = url_filter(context, path)
    return url


def _is_known(env: Environment, name: str) -> bool:
    """Whether ``name`` loads Material's own file, of a version listed in ``KNOWN_SOURCES``."""
    return env.loader is not None and is_known_materials(env, name, KNOWN_SOURCES[name])
