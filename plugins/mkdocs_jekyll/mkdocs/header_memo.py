"""Material's header rendered once per pass around what differs from page to page.

Why: Material's ``partials/header.html`` runs on every page (some 30 attribute reads, six
includes, ``attr``'s ``inspect.getattr_static`` and a ``url``; about a fifth of a page's
Jinja render on the bench), yet only two of its parts read the page: its title and the
language selector (``partials/alternate.html``, whose links are the page's translations).
Everything else prints the pass's settings, the language's labels and URLs relative to the
page, alike on most pages.

So the header's source is cut at those two statements into five templates compiled in the
same environment: the three between them (``head``, ``middle``, ``tail``) are rendered once
per key (every value they read, as they read it) and reused; the title and the selector are
rendered for each page. The pieces run in the header's order on the header's context, so a
page renders what the whole file renders: Jinja prints a template's top-level statements one
after the other, and each piece sets the variables it reads (``class``, ``icon``, ``search``)
itself. On a reused page the selector's context lacks the ``class`` and ``icon`` the head
would have set, which the package's ``alternate.html`` and ``language-list.html`` never read
(the selector sets its own ``icon``).

Only over Material's own ``header.html`` and the partials its pieces include, of a version
listed in ``KNOWN_SOURCES``, the package's own selector, MkDocs' ``url`` filter and Jinja's
``d`` and ``attr``, an environment whose syntax splits the source where it is cut (Jinja's
default delimiters, no ``trim_blocks`` or ``lstrip_blocks``), and pages whose values are plain
(strings, booleans, the empty values a test skips); anything else renders as Material does.
The icons the pieces include are the theme's files named by the key (as for the search box's
memo). The memo belongs to the pass's environment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, TemplateNotFound
from jinja2.filters import do_attr, do_default
from jinja2.runtime import Undefined
from jinja2.tests import test_mapping
from mkdocs.utils.templates import url_filter

from mkdocs_jekyll.mkdocs.block_memo import UNREAD, features_key, is_blank, read_path, url_of
from mkdocs_jekyll.mkdocs.jinja_cache import SYNTAX_OPTIONS
from mkdocs_jekyll.mkdocs.nav_memo import is_known_materials
from mkdocs_jekyll.mkdocs.partial_memo import KNOWN_PARTIALS, LOGO, SEARCH, logo_key, search_key

if TYPE_CHECKING:
    from jinja2 import Template
    from jinja2.bccache import Bucket, BytecodeCache
    from jinja2.runtime import Context

HEADER = "partials/header.html"
SOURCE = "partials/source.html"
PALETTE_SCRIPT = "partials/javascripts/palette.html"
ALTERNATE = "partials/alternate.html"
LANGUAGE_LIST = "partials/jekyll/language-list.html"

KNOWN_SOURCES = {
    HEADER: frozenset({"8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f"}),
    SOURCE: frozenset({"6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752"}),
    PALETTE_SCRIPT: frozenset({"8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5"}),
    **KNOWN_PARTIALS,
}
"""SHA-256 of each file's source in the Materials whose reads the key below lists (9.6.16 to
9.8.2: the same files)."""

TITLE = """{% if page.meta and page.meta.title %}
              {{ page.meta.title }}
            {% else %}
              {{ page.title }}
            {% endif %}"""
"""The header's statement printing the page's title."""
SELECTOR = """{% if config.extra.alternate %}
      {% include "partials/alternate.html" %}
    {% endif %}"""
"""The header's statement printing the language selector."""

_SYNTAX = Environment()
"""Jinja's default syntax, which the cut reads the header's source in."""

Render = Callable[["Context"], Iterator[str]]


def install_header_memo(env: Environment) -> bool:
    """Make the pass's ``partials/header.html`` reuse its HTML around the page's own parts.

    Returns:
        Whether the memo is installed (Material's own header, of a known version, and the
        package's selector, loaded in ``env``).
    """
    found = _header_pieces(env)
    if found is None:
        return False
    template, filename, pieces = found
    head, title, middle, selector, tail = (
        _compile(env, env.bytecode_cache, template, filename, index, piece, line)[0]
        for index, (piece, line) in enumerate(pieces)
    )
    template.root_render_func = memoised_header(
        env, template.root_render_func, (head, middle, tail), title, selector
    )
    return True


def compile_header_pieces(env: Environment, cache: BytecodeCache) -> list[Bucket]:
    """The header's pieces compiled into ``cache`` (serve's template warm-up's, which
    ``template_warmup`` writes into the build cache), as ``install_header_memo`` loads them
    in a pass; none where it would not cut the header.

    Returns:
        The pieces' buckets.
    """
    found = _header_pieces(env)
    if found is None:
        return []
    template, filename, pieces = found
    compiled = (
        _compile(env, cache, template, filename, index, piece, line)[1]
        for index, (piece, line) in enumerate(pieces)
    )
    return [bucket for bucket in compiled if bucket is not None]


def _header_pieces(env: Environment) -> tuple[Template, str | None, list[tuple[str, int]]] | None:
    """The header, its file and its cut pieces (``_cut``), where the memo applies (above)."""
    if env.loader is None or not _splits_alike(env):
        return None
    included = (HEADER, SOURCE, PALETTE_SCRIPT, LOGO, SEARCH)
    if not all(_is_known(env, name) for name in included):
        return None
    if not all(_is_package(env, name) for name in (ALTERNATE, LANGUAGE_LIST)):
        return None
    template = env.get_template(HEADER)
    source, filename, _ = env.loader.get_source(env, HEADER)
    pieces = _cut(source)
    return None if pieces is None else (template, filename, pieces)


def memoised_header(
    env: Environment,
    render: Render,
    shared: tuple[Render, Render, Render],
    title: Render,
    selector: Render,
) -> Render:
    """The header's render function: its ``shared`` pieces' HTML kept per ``header_key``,
    the page's ``title`` and ``selector`` rendered between them; None keys render it all."""
    memo: dict[tuple[Any, ...], tuple[str, str, str]] = {}
    head, middle, tail = shared
    concat = env.concat

    def render_memoised(context: Context) -> Iterator[str]:
        key = header_key(context)
        if key is None:
            yield from render(context)
            return
        parts = memo.get(key)
        if parts is not None:
            yield parts[0]
            yield from title(context)
            yield parts[1]
            yield from selector(context)
            yield parts[2]
            return
        # The first page of a key: every piece, in the header's order, on its context.
        first = concat(head(context))
        yield first
        yield from title(context)
        second = concat(middle(context))
        yield second
        yield from selector(context)
        third = concat(tail(context))
        yield third
        memo[key] = (first, second, third)

    return render_memoised


def header_key(context: Context) -> tuple[Any, ...] | None:
    """What the header reads outside its title and selector; None: render it.

    The features, the labels' language (the package's ``language.html``), the home link and
    the logo as ``url`` gives them for this page (``logo_key``), the site's name, the menu,
    search and repository icons, the palette (unset or a mapping), whether search is on and
    what its box reads (``search_key``), and the repository's URL and name. Not with sticky
    tabs (``tabs.html`` reads the page).
    """
    env = context.environment
    filters = env.filters
    if (
        filters.get("url") is not url_filter
        or filters.get("d") is not do_default
        or filters.get("attr") is not do_attr
        or env.tests.get("mapping") is not test_mapping
    ):
        return None
    features = features_key(context)
    config = context.get("config")
    if features is None or config is None or "nav" not in context:
        return None
    if "navigation.tabs.sticky" in features and "navigation.tabs" in features:
        return None
    logo = logo_key(context)
    search = search_key(context)  # (None unless `lang` is the package's language.html)
    if logo is None or search is None:
        return None
    home = _home(context, config)
    theme = read_path(env, config, "theme")
    icon = read_path(env, theme, "icon")
    palette = read_path(env, theme, "palette")
    if home is None or not (is_blank(palette) or type(palette) is dict):
        return None
    plain = _plain_values(
        env,
        (config, "site_name"),
        (config, "repo_url"),
        (config, "repo_name"),
        (icon, "menu"),
        (icon, "search"),
        (icon, "repo"),
    )
    enabled = _search_enabled(env, config)
    if plain is None or enabled is None:
        return None
    return (features, home, logo, search, type(palette) is dict, enabled, plain)


def _home(context: Context, config: Any) -> str | None:
    """``config.extra.homepage | d(nav.homepage.url, true) | url``, when a string."""
    env = context.environment
    value = do_default(
        read_path(env, config, "extra", "homepage"),
        read_path(env, context.get("nav"), "homepage", "url"),
        True,
    )
    return url_of(context, value) if type(value) is str else None


def _plain_values(env: Environment, *reads: tuple[Any, str]) -> tuple[Any, ...] | None:
    """Each ``obj.name`` (an empty value as its type), when every one is a string or an
    empty value; else None."""
    values: list[Any] = []
    for obj, name in reads:
        value = read_path(env, obj, name)
        if type(value) is str:
            values.append(value)
        elif value is not UNREAD and is_blank(value):
            # An empty value by its type: every one of a type prints and tests alike
            # (`None` prints "None", Jinja's undefined "").
            values.append(type(value))
        else:
            return None
    return tuple(values)


def _search_enabled(env: Environment, config: Any) -> bool | None:
    """Whether the header shows search (``material/search`` configured and enabled);
    None when its config cannot be read as the template reads it."""
    plugins = read_path(env, config, "plugins")
    if plugins is UNREAD or isinstance(plugins, Undefined):
        return None
    if "material/search" not in plugins:
        return False
    # `| attr("config")`: an attribute getattr gives (Jinja's getattr_static then agrees).
    search = getattr(env.getitem(plugins, "material/search"), "config", UNREAD)
    enabled = read_path(env, search, "enabled")
    if type(enabled) is bool:
        return enabled
    return False if enabled is not UNREAD and is_blank(enabled) else None


def _cut(source: str) -> list[tuple[str, int]] | None:
    """The header's source cut around its title and selector: five pieces and the line each
    starts on; None unless each statement is there once."""
    if source.count(TITLE) != 1 or source.count(SELECTOR) != 1:
        return None
    start = source.index(TITLE)
    end = start + len(TITLE)
    chosen = source.index(SELECTOR)
    if chosen < end:
        return None
    stops = [0, start, end, chosen, chosen + len(SELECTOR), len(source)]
    return [
        (source[stops[i] : stops[i + 1]], source.count("\n", 0, stops[i]) + 1) for i in range(5)
    ]


def _compile(
    env: Environment,
    cache: BytecodeCache | None,
    template: Template,
    filename: str | None,
    index: int,
    piece: str,
    line: int,
) -> tuple[Render, Bucket | None]:
    """A piece compiled as the header (its name and file: errors point at the header's
    lines, which a leading comment of as many line breaks keeps), through ``cache`` as a
    loader compiles a template (the package's keeps it for the next pass), under a key of its
    own; and its bucket."""
    source = f"{{#{chr(10) * (line - 1)}#}}{piece}"
    name = template.name or HEADER
    bucket = None
    code = None
    if cache is not None:
        bucket = cache.get_bucket(env, name, f"{filename}#{index}", source)
        code = bucket.code
    if code is None:
        code = env.compile(source, name, filename)
        if cache is not None and bucket is not None:
            bucket.code = code
            cache.set_bucket(bucket)
    compiled = env.template_class.from_code(env, code, template.globals, None)
    return compiled.root_render_func, bucket


def _splits_alike(env: Environment) -> bool:
    """Whether ``env`` reads the header with Jinja's default syntax and whitespace rules
    (where a cut between two statements changes no whitespace either side)."""
    return all(getattr(env, name) == getattr(_SYNTAX, name) for name in SYNTAX_OPTIONS)


def _is_known(env: Environment, name: str) -> bool:
    """Whether ``name`` loads Material's own file, of a version listed in ``KNOWN_SOURCES``."""
    return is_known_materials(env, name, KNOWN_SOURCES[name])


def _is_package(env: Environment, name: str) -> bool:
    """Whether ``name`` loads the package's own template (not a site's override)."""
    assert env.loader is not None
    try:
        _, filename, _ = env.loader.get_source(env, name)
    except TemplateNotFound:
        return False
    package = Path(__file__).resolve().parent.parent / "templates" / name
    return filename is not None and Path(filename).resolve() == package
