"""Jekyll's URL filters for the theme's Jinja templates: ``relative_url`` and ``absolute_url``.

Minimal Mistakes writes ``{{ action.url | relative_url }}`` in its Liquid includes; our Jinja
ports of them write the same, and these filters make it mean the same: the rules of
``jekyll/urls.py`` (Jekyll's ``url_filters.rb`` and Addressable's normalisation), not a
Jinja macro of their own, so a hero button, a talk link and a Liquid link in the page's
Markdown are written alike (``/go/?b="2"`` -> ``/repo/go/?b=%222%22``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from jinja2 import Undefined
from markupsafe import Markup

from mkdocs_jekyll.jekyll.urls import compute_absolute_url, compute_relative_url, split_site_url

if TYPE_CHECKING:
    from jinja2 import Environment

    from mkdocs_jekyll.jekyll.documents import Document
    from mkdocs_jekyll.mkdocs.render_cache import RenderCache

JekyllInclude = Callable[..., Markup]
"""``jekyll_include(name, page=page, **params)`` as templates call it."""


def install_url_filters(env: Environment, site_url: str | None) -> None:
    """Register ``relative_url`` and ``absolute_url`` for ``site_url`` on ``env``.

    Called from ``on_env`` on every build's environment, before any template is compiled
    (Jinja resolves filter names at compile time). The filters are closures over the base
    path, the same in every locale pass, so the shared compiled templates stay valid.

    Args:
        env: The build's Jinja environment.
        site_url: MkDocs' ``site_url`` (Jekyll's ``url`` and ``baseurl`` in one), or None.
    """
    url, baseurl = split_site_url(site_url)

    def relative_url(value: object) -> str:
        return "" if _nil(value) else compute_relative_url(str(value), baseurl)

    def absolute_url(value: object) -> str:
        return "" if _nil(value) else compute_absolute_url(str(value), url, baseurl)

    filters: dict[str, Callable[[object], str]] = {
        "relative_url": relative_url,
        "absolute_url": absolute_url,
    }
    env.filters.update(filters)
    # Pages rendered without a page context (Material's 404.html, our own root pages) have
    # no Jekyll `page`: there `jekyll_include` prints nothing, as for a page outside the model.
    env.globals["jekyll_include"] = jekyll_include_helper(None, None)


def install_label_memo(env: Environment) -> None:
    """Give ``env`` the ``jekyll_label_memo`` our ``partials/language.html`` calls.

    Material's ``lang.t`` renders the language's macro on every call, some twenty times a
    page, for the same few labels. The memo belongs to this environment (one build pass),
    so a label is rendered once per language and pass, from the templates that pass loads.
    """
    labels: dict[tuple[str, str], str] = {}

    def jekyll_label_memo(language: str, translate: Callable[[str], str]) -> Callable[[str], str]:
        def t(key: str) -> str:
            found = labels.get((language, key))
            if found is None:
                # What Material's macro prints (a str: MkDocs' Jinja does not autoescape).
                found = labels[(language, key)] = translate(key)
            return found

        return t

    env.globals["jekyll_label_memo"] = jekyll_label_memo


def _nil(value: object) -> bool:
    """Liquid's ``nil`` in Jinja: a missing key prints nothing, as ``nil | relative_url``."""
    return value is None or isinstance(value, Undefined)


def jekyll_include_helper(cache: RenderCache | None, doc: Document | None) -> JekyllInclude:
    """``jekyll_include``: a site's ``_includes`` file rendered through Liquid, from Jinja.

    An override keeps a Jekyll layout's own additions (a call-to-action box, a subscribe
    form) by rendering the same include the layout used, with the same ``site`` and
    ``page``: ``{{ jekyll_include('cta.html', page=page) }}`` in ``overrides/main.html`` or
    a layout. Keyword arguments other than ``page`` are the include's parameters
    (``include.<name>``); strings and numbers only, as a layout's literal parameters are.
    ``mkdocs-jekyll import`` writes such overrides; they work in hand-written ones too.

    Args:
        cache: The build's rendered Liquid (its environment, ``site`` and page drops).
        doc: The page being rendered; None for a page outside the site model (nothing is
            printed there: an include expects a Jekyll ``page``).

    Returns:
        The helper, for the page's template context.
    """

    def jekyll_include(name: str, page: object = None, **params: object) -> Markup:
        if cache is None or doc is None:
            return Markup("")
        args = "".join(f" {key}={_liquid_literal(value)}" for key, value in params.items())
        source = f"{{% include {name}{args} %}}"
        return Markup(cache.render(doc, source))

    return jekyll_include


def _liquid_literal(value: object) -> str:
    """A Liquid literal for an include parameter (strings quoted, numbers as they are)."""
    if isinstance(value, bool) or value is None:
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    quote = '"' if '"' not in text else "'"
    return f"{quote}{text.replace(quote, '')}{quote}"
