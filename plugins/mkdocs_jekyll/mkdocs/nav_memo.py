"""Material's primary navigation rendered once per pass for the pages that show it alike.

Why: Material renders ``partials/nav.html`` (the whole site navigation, through
``nav-item.html``'s macros) for every page, about 4% of a cold build of the bench site,
where most pages are not in the navigation. For a page that is not in the navigation, no
item is active and none is the page, so the HTML depends on the pass's settings and on the
page only through the links' URLs, which ``url`` makes relative to the page. Pages whose
links come out the same (the same folder depth, for pretty permalinks) get the same HTML:
the pass renders it once and the others reuse it.

Only when ``nav.html``, ``nav-item.html``, ``logo.html`` and ``source.html`` are Material's
own files (whose inputs are listed below); a site's override of any of them, or a page in
the navigation, renders as Material does. The memo belongs to the pass's environment.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateNotFound
from mkdocs.utils.templates import url_filter

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.runtime import Context

NAV_TEMPLATE = "partials/nav.html"
_MATERIAL_PARTIALS = (NAV_TEMPLATE, "partials/nav-item.html", "partials/logo.html")
_SOURCE = "partials/source.html"


def install_nav_memo(env: Environment) -> bool:
    """Make the pass's ``partials/nav.html`` reuse its HTML for pages that show it alike.

    Returns:
        Whether the memo is installed (Material's own partials, loaded in ``env``).
    """
    if env.loader is None or not all(is_materials(env, name) for name in _MATERIAL_PARTIALS):
        return False
    if not is_materials(env, _SOURCE):
        return False
    shapes: list[_Shape] = []
    memoise_render(env, NAV_TEMPLATE, lambda context: nav_key(context, shapes))
    return True


def memoise_render(
    env: Environment, name: str, key_of: Callable[[Context], tuple[Any, ...] | None]
) -> None:
    """Replace ``name``'s render function by one keeping its HTML per ``key_of``.

    ``key_of`` returns what the template reads of the page, or None when the page must be
    rendered as the template is (the memo is kept with the pass's environment).
    """
    template = env.get_template(name)
    template.root_render_func = memoised(env, template.root_render_func, key_of)


def memoised(
    env: Environment,
    render: Callable[[Context], Iterator[str]],
    key_of: Callable[[Context], tuple[Any, ...] | None],
) -> Callable[[Context], Iterator[str]]:
    """``render`` (a template's or a block's render function) keeping its HTML per
    ``key_of``: None renders as before; a key seen before gives the HTML made then."""
    memo: dict[tuple[Any, ...], str] = {}

    def render_memoised(context: Context) -> Iterator[str]:
        key = key_of(context)
        if key is None:
            yield from render(context)
            return
        html = memo.get(key)
        if html is None:
            html = memo[key] = env.concat(render(context))
        yield html

    return render_memoised


def nav_key(context: Context, shapes: list[_Shape]) -> tuple[Any, ...] | None:
    """What Material's navigation reads of the page being rendered; None: render it.

    For a page outside the navigation: the pass's navigation and settings (the same
    objects for every page of the pass), the page's language (``lang``), the features, and
    every URL the partials pass to ``url``, as ``url`` gives it for this page: each item's,
    the home page's, ``extra.homepage`` and the logo's. ``shapes`` keeps the pass's
    navigation as read once (``_shape``).
    """
    page = context.get("page")
    nav = context.get("nav")
    config = context.get("config")
    url = context.environment.filters.get("url")
    if page is None or nav is None or config is None or url is not url_filter:
        return None  # another plugin's `url` may read more of the page
    shape = _shape(nav, shapes)
    # Material compares items with the page (`==`: same title and file): any item of the
    # page's file, or an active one, and the page renders its own navigation.
    if page.file.src_uri in shape.files or any(
        getattr(item, "active", False) for item in shape.items
    ):
        return None
    homepage = getattr(nav, "homepage", None)
    wanted = [
        *shape.urls,
        homepage.url if homepage is not None else None,
        config.extra.get("homepage"),
        config.theme.get("logo"),
    ]
    features = context.get("features")
    return (
        id(nav),
        id(config),
        config.theme.get("language"),
        tuple(features) if isinstance(features, list | tuple) else repr(features),
        tuple(None if value is None else url_filter(context, value) for value in wanted),
    )


@dataclass(frozen=True)
class _Shape:
    """A navigation's items, their URLs and the files of its pages, read once per pass."""

    nav: Any
    items: tuple[Any, ...]
    urls: tuple[Any, ...]
    files: frozenset[str]


def _shape(nav: Any, shapes: list[_Shape]) -> _Shape:
    """The navigation's shape, kept in ``shapes`` for the last navigation seen."""
    if shapes and shapes[0].nav is nav:
        return shapes[0]
    items = tuple(_walk(nav))
    files = frozenset(
        file.src_uri for item in items if (file := getattr(item, "file", None)) is not None
    )
    shape = _Shape(nav, items, tuple(getattr(item, "url", None) for item in items), files)
    shapes[:] = [shape]
    return shape


def _walk(items: Any) -> Iterator[Any]:
    """Every item of the navigation, sections' children included, in order."""
    for item in items:
        yield item
        children = getattr(item, "children", None)
        if children:
            yield from _walk(children)


def is_materials(env: Environment, name: str) -> bool:
    """Whether ``name`` loads Material's own file (no override in a theme folder)."""
    return _materials_source(env, name) is not None


def is_known_materials(env: Environment, name: str, known: frozenset[str]) -> bool:
    """Whether ``name`` loads Material's own file, its source's SHA-256 one of ``known``
    (the releases whose template a memo's keys were read from)."""
    source = _materials_source(env, name)
    return source is not None and hashlib.sha256(source.encode("utf-8")).hexdigest() in known


def _materials_source(env: Environment, name: str) -> str | None:
    """The source of ``name`` when it loads Material's own file; None for an override."""
    assert env.loader is not None
    try:
        source, filename, _ = env.loader.get_source(env, name)
    except TemplateNotFound:
        return None
    material = _material_templates()
    if filename is None or material is None or Path(filename).resolve() != material / name:
        return None
    return source


@cache
def _material_templates() -> Path | None:
    """Material's own ``templates`` folder."""
    spec = importlib.util.find_spec("material")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).resolve().parent / "templates"
