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

The three labels are kept per Python beside the package's bytecode (``compile_cache``),
under the exact sources of the three templates they come from and the theme language, so
that a later build reads them instead of compiling the templates again (about 5 ms of
its serial start, measured at the worker's fork). Only when ``partials/language.html`` is
an installed one (Material's or this package's): the language files are imported without
context, but a site's own ``language.html`` could read anything in the config.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2 import TemplateError

from mkdocs_jekyll.compat import material_search_settings_plugin
from mkdocs_jekyll.compile_cache import CompiledStore, cache_path
from mkdocs_jekyll.mkdocs.configure import TEMPLATES_DIR

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig

KEYS = ("search.config.lang", "search.config.separator", "search.config.pipeline")
"""The labels Material's search reads, in its order."""
HEADER = (
    importlib.util.MAGIC_NUMBER
    + f"mkdocs-jekyll search labels 1 jinja {jinja2.__version__}\n".encode()
)
"""What the kept labels' file starts with: the format, and the Jinja that rendered them."""
_INSTALLED = (
    os.path.join(str(TEMPLATES_DIR), ""),  # this package's, as `configure` puts it in the theme
    *(
        os.path.join(folder, "templates", "")
        for folder in getattr(
            importlib.util.find_spec("material"), "submodule_search_locations", ()
        )
        or ()
    ),
)
"""Where an installed ``partials/language.html`` lives: this package's templates, Material's."""


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
    env = config.theme.get_env()
    try:
        labels = _labels(env, config)
    except TemplateError:
        return False  # Material's own `_translate` raises its error.
    lang = None if settings.lang else [labels[0]]
    separator = None if settings.separator else labels[1]
    pipeline = None
    if settings.pipeline is None:
        pipeline = list(filter(len, re.split(r"\s*,\s*", labels[2])))
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


def _labels(env: Environment, config: MkDocsConfig) -> tuple[str, ...]:
    """Material's ``t`` of each of ``KEYS``: kept, or from ``partials/language.html``."""
    key = _sources_key(env, str(config.theme.get("language", "")))
    store = _store() if key is not None else None
    found = None if store is None else store.get(key)
    if found is not None:
        return tuple(found)
    template = env.get_template("partials/language.html", None, {"config": config})
    module: Any = template.module  # Material's macros, `t` among them
    labels = tuple(str(module.t(name)) for name in KEYS)
    if store is not None:
        store.keep(key, labels)
        store.save()
    return labels


def _sources_key(env: Environment, language: str) -> str | None:
    """The theme language and the sources ``t`` reads, hashed; None: not to be kept (a
    site's own ``language.html``, or a template the loader cannot give)."""
    loader = env.loader
    if loader is None:
        return None
    digest = hashlib.sha256(language.encode())
    names = ("partials/language.html", f"partials/languages/{language}.html")
    try:
        for name in (*names, "partials/languages/en.html"):
            source, filename, _ = loader.get_source(env, name)
            if name == names[0] and not str(filename).startswith(_INSTALLED):
                return None
            digest.update(f"\0{name}\0{len(source)}\0".encode())
            digest.update(source.encode())
    except (TemplateError, OSError):
        return None
    return digest.hexdigest()


def _store() -> CompiledStore:
    store = CompiledStore(cache_path("search-labels"), HEADER, limit=32)
    store.load(
        lambda key, value: (
            type(key) is str
            and type(value) is tuple
            and len(value) == len(KEYS)
            and all(type(label) is str for label in value)
        )
    )
    return store
