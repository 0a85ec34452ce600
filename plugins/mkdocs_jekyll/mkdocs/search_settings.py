"""Material's search settings read from one language template instead of one per setting.

Material's search plugin, in its ``on_config``, fills each of ``lang``, ``separator`` and
``pipeline`` the site left unset with its private ``_translate``: a new theme environment,
``partials/language.html`` loaded in it, and the label read from the template's ``t`` macro,
which imports the language's file (``partials/languages/en.html``, some seventy labels). Each
call compiles both templates again: about 10 ms a setting, in the build's serial start (the
first pass; later passes keep the values).

``translate_search_settings`` runs right before that ``on_config`` (the next ``on_config``
of the build: nothing runs between the two) and fills the same settings, in the same order,
from one environment and one template module, so Material finds them set and calls
``_translate`` for none. It does so only for the ``on_config`` and ``_translate`` it mirrors
(``compat.material_search_settings_plugin``), and leaves the settings to Material when the
template fails to load or render (Material then raises its own error).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateError

from mkdocs_jekyll.compat import material_search_settings_plugin

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def translate_search_settings(config: MkDocsConfig, before: Any) -> bool:
    """Fill Material's unset search settings as its ``on_config`` would, just before it.

    Args:
        config: The build's configuration.
        before: The bound ``on_config`` method this runs as: Material's search must be the
            next ``on_config`` after it, so that nothing changes the theme between the two.

    Returns:
        Whether the settings were read here (False: Material reads them, if it needs to).
    """
    plugin = material_search_settings_plugin(config)
    if plugin is None or not plugin.config.enabled or not _runs_next(config, before, plugin):
        return False
    settings = plugin.config
    if settings.lang and settings.separator and settings.pipeline is not None:
        return False
    try:
        template = config.theme.get_env().get_template(
            "partials/language.html", None, {"config": config}
        )
        module: Any = template.module  # Material's macros, `t` among them
        translate = module.t
        lang = None if settings.lang else [translate("search.config.lang")]
        separator = None if settings.separator else translate("search.config.separator")
        pipeline = None
        if settings.pipeline is None:
            text = translate("search.config.pipeline")
            pipeline = list(filter(len, re.split(r"\s*,\s*", text)))
    except TemplateError:
        return False  # Material's own `_translate` raises its error.
    if lang is not None:
        settings.lang = lang
    if separator is not None:
        settings.separator = separator
    if pipeline is not None:
        settings.pipeline = pipeline
    return True


def _runs_next(config: MkDocsConfig, before: Any, plugin: Any) -> bool:
    """Whether the ``on_config`` event calls ``plugin.on_config`` right after ``before``."""
    events = config.plugins.events["config"]
    for index, method in enumerate(events[:-1]):
        if method == before:
            following = events[index + 1]
            return getattr(following, "__self__", None) is plugin and (
                getattr(following, "__name__", "") == "on_config"
            )
    return False
