"""The look of a locale pass (``features/look.py``) as Jinja globals of the theme.

Globals rather than page context: Material's ``404.html`` and the plugin's own pages
(landing page, root 404) are rendered without ``on_page_context``, and they wear the look
too. The globals are looked up when a template runs, so the compiled templates shared
across locale passes (``jinja_cache.py``) stay valid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.features.look import (
    LOOKS,
    Look,
    breadcrumb_trail,
    build_look,
    choose_look,
    lead_repeats,
)
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.safe_url import is_safe_url
from mkdocs_jekyll.mkdocs.feeds import head_link
from mkdocs_jekyll.mkdocs.i18n_context import current_locale
from mkdocs_jekyll.mkdocs.page_context import page_ui_text

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.jekyll.drops import SiteSettings
    from mkdocs_jekyll.mkdocs.build import BuildState
    from mkdocs_jekyll.mkdocs.config import JekyllConfig

__all__ = ["LOOKS", "install_look", "pass_look"]


def pass_look(
    state: BuildState,
    settings: SiteSettings,
    options: JekyllConfig,
    locale: str | None,
    *,
    own_palette: bool = False,
    report: bool = True,
) -> Look:
    """The look of the pass in ``locale``: its title, author, labels and the site's skin.

    The skin is the option's, else the ``site:`` block's ``minimal_mistakes_skin`` (as
    ``configure.py`` reads it). Refused URLs are reported when ``report`` and ``locale`` is
    the default locale's: once per build, as every pass reads the same config.
    """
    skin = options.minimal_mistakes_skin or settings.extra.get("minimal_mistakes_skin")
    documents = state.scan.model.documents.values()
    name = choose_look(options.look, (doc.data.get("layout") for doc in documents))
    translations = state.scan.translations
    home = translations.homes.get(locale, f"/{locale}/") if locale else "/"
    try:
        feed = head_link(options, settings, locale, locales=bool(translations.locales))
    except ContentError:
        feed = None  # A malformed `feed:` option: the pages report it, once, as they render.
    return build_look(
        name,
        site=settings.extra,
        skin=skin if isinstance(skin, str) else None,
        own_palette=own_palette,
        site_name=settings.title,
        relative_url=settings.relative_url,
        absolute_home=settings.absolute_url("/"),
        home=home,
        now=state.setup.now,
        feed_href=feed.href if feed is not None else None,
        locale=locale,
        default_locale=settings.lang,
        author=state.authors.profile(locale),
        ui=page_ui_text(state, settings, locale),
        report=report and _is_default(state, locale),
    )


def install_look(
    env: Environment,
    state: BuildState,
    settings: SiteSettings,
    options: JekyllConfig,
    config: MkDocsConfig,
) -> None:
    """Give the pass's theme (and the plugin's own pages, in the default locale's look)
    ``jekyll_look``, ``jekyll_lead_repeats``, ``jekyll_breadcrumbs`` and
    ``jekyll_is_safe_url``."""
    locale = current_locale(config)
    skin = options.minimal_mistakes_skin or settings.extra.get("minimal_mistakes_skin")
    # A palette the site set itself (configure.py sets one from a skin only).
    own_palette = bool(config.theme.get("palette")) and not skin
    helpers = _helpers(pass_look(state, settings, options, locale, own_palette=own_palette))
    env.globals.update(helpers)
    page_env = state.setup.page_env
    if _is_default(state, locale):
        page_env.globals.update(helpers)
    elif "jekyll_look" not in page_env.globals:
        # A pass of another locale alone (a serve rebuild of that locale, a worker process):
        # the landing page still speaks the default locale, whose pass reports problems.
        locales = state.scan.translations.locales
        default = locales[0] if locales else None
        look = pass_look(
            state, state.setup.settings, options, default, own_palette=own_palette, report=False
        )
        page_env.globals.update(_helpers(look))


def _helpers(look: Look) -> dict[str, Any]:
    return {
        "jekyll_look": look,
        "jekyll_lead_repeats": lead_repeats,
        "jekyll_breadcrumbs": breadcrumb_trail,
        "jekyll_is_safe_url": is_safe_url,
    }


def _is_default(state: BuildState, locale: str | None) -> bool:
    """Whether ``locale`` is the first pass's: the default locale, or the only one."""
    locales = state.scan.translations.locales
    return locale is None or not locales or locale == locales[0]
