"""Material's search box and logo rendered once per pass for the pages that show them alike.

Why: the header includes ``partials/search.html`` (the search form) and
``partials/logo.html`` on every page, and neither reads the page: the search form prints
the language's labels (``lang.t``), the theme's icons and the features; the logo prints
the theme's logo (its URL made relative to the page by ``url``) or icon. Their HTML is the
same for every page with the same values of those, so a pass renders each once per key
(the values it reads, as it reads them) and reuses it.

Only for Material's own files of the versions read here (``KNOWN_PARTIALS``: a partial
that reads something new renders as Material does), with MkDocs' own ``url`` filter, and
``lang`` the module of the package's ``partials/language.html``, whose labels depend only
on the language and the key (``install_label_memo``). Anything else, in any page, renders
as before. The memo belongs to the pass's environment.

That ``partials/language.html`` (the package's) is also imported once per pass and language:
Material's ``base.html`` imports it with the page's context on every page, but with the
label memo all it makes is ``t``, whose labels depend only on the language
(``memoise_language``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import TemplateNotFound, UndefinedError
from jinja2.tests import test_defined
from jinja2.utils import missing
from mkdocs.utils.templates import url_filter

from mkdocs_jekyll.mkdocs.nav_memo import is_known_materials, memoise_render

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.environment import TemplateModule
    from jinja2.runtime import Context

SEARCH = "partials/search.html"
LOGO = "partials/logo.html"
LANGUAGE = "partials/language.html"

KNOWN_PARTIALS = {
    SEARCH: frozenset({"bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30"}),
    LOGO: frozenset({"e0925ef6c190174a5162ed1ecc55295016dd8a7beec3018db3e04aac283a2dd9"}),
}
"""SHA-256 of each partial's source in the Materials whose reads the keys below list
(9.6 to 9.8: the same files)."""

_SEARCH_ICONS = ("search", "previous", "share", "close")
"""The ``theme.icon`` keys ``search.html`` reads."""

KeyFunction = Callable[["Context"], "tuple[Any, ...] | None"]


def install_partial_memo(env: Environment) -> list[str]:
    """Make the pass's search box and logo partials reuse their HTML where it is the same.

    Returns:
        The partials memoised (Material's own, of a known version, loaded in ``env``).
    """
    installed: list[str] = []
    # The search box's labels are the package's language.html's (a site's may read more).
    search = _is_package_language(env)
    for name, key in ((SEARCH, search_key), (LOGO, logo_key)):
        if _is_known(env, name) and (name != SEARCH or search):
            memoise_render(env, name, key)
            installed.append(name)
    if search and memoise_language(env):
        installed.append(LANGUAGE)
    return installed


def memoise_language(env: Environment) -> bool:
    """Make importing the package's ``partials/language.html`` with a page's context give the
    module made for the first page of the same language (in this pass's environment).

    The module holds ``t``, the label memo's function (``install_label_memo``) of the
    language's labels, which render Material's language files imported without context:
    nothing of the page. Imported with anything else (no label memo, another ``defined``
    test, a language that is not a string, no context), it is made as Jinja makes it.

    Returns:
        Whether the memo is installed (the environment has the label memo).
    """
    label_memo = env.globals.get("jekyll_label_memo")
    if label_memo is None:
        return False
    template = env.get_template(LANGUAGE)
    make_module = template.make_module
    modules: dict[str, TemplateModule] = {}

    def language_of(vars: dict[str, Any] | None, shared: bool, locals: Any) -> str | None:
        if not shared or not isinstance(vars, dict) or env.tests.get("defined") is not test_defined:
            return None

        def resolve(name: str) -> Any:  # What the module's context resolves `name` to.
            value = locals.get(name, missing) if locals else missing
            return vars.get(name, missing) if value is missing else value

        if resolve("jekyll_label_memo") is not label_memo:
            return None
        config = resolve("config")
        if config is missing:
            return None
        try:
            language = env.getattr(env.getattr(config, "theme"), "language")
        except UndefinedError:
            return None  # The template raises it, where it reads it.
        return language if type(language) is str else None

    def make(
        vars: dict[str, Any] | None = None, shared: bool = False, locals: Any = None
    ) -> TemplateModule:
        language = language_of(vars, shared, locals)
        if language is None:
            return make_module(vars, shared, locals)
        module = modules.get(language)
        if module is None:
            module = modules[language] = make_module(vars, shared, locals)
        return module

    # An instance attribute shadows the method (Material's base.html calls `make_module`).
    setattr(template, "make_module", make)  # noqa: B010
    return True


def search_key(context: Context) -> tuple[Any, ...] | None:
    """What ``partials/search.html`` reads; None: render it.

    The labels (``lang.t`` of the package's ``language.html``: the theme's language), the
    features and the four icons it names.
    """
    config = context.get("config")
    features = context.get("features")
    if config is None or not isinstance(features, list | tuple) or not package_lang(context):
        return None
    icons = _icons(config)
    if icons is None:
        return None
    return (
        id(config),
        config.theme.get("language"),
        tuple(features),
        tuple(icons.get(name) for name in _SEARCH_ICONS),
    )


def logo_key(context: Context) -> tuple[Any, ...] | None:
    """What ``partials/logo.html`` reads; None: render it.

    The theme's logo as ``url`` gives it for this page, and the logo icon.
    """
    config = context.get("config")
    if config is None or context.environment.filters.get("url") is not url_filter:
        return None  # another plugin's `url` may read more of the page
    icons = _icons(config)
    logo = config.theme.get("logo")
    if icons is None or not (logo is None or isinstance(logo, str)):
        return None
    return (id(config), logo and url_filter(context, logo), icons.get("logo"))


def _icons(config: Any) -> dict[str, Any] | None:
    """The theme's ``icon`` settings (empty when unset); None when not a mapping."""
    icon = config.theme.get("icon")
    if icon is None:
        return {}
    return icon if isinstance(icon, dict) else None


def package_lang(context: Context) -> bool:
    """Whether ``lang`` is the module of the package's ``partials/language.html``."""
    lang = context.get("lang")
    return (
        getattr(lang, "__name__", None) == LANGUAGE
        and "jekyll_label_memo" in context.environment.globals
    )


def _is_known(env: Environment, name: str) -> bool:
    """Whether ``name`` loads Material's own file, of a version listed in ``KNOWN_PARTIALS``."""
    return env.loader is not None and is_known_materials(env, name, KNOWN_PARTIALS[name])


def _is_package_language(env: Environment) -> bool:
    """Whether ``partials/language.html`` loads the package's own file (not a site's)."""
    assert env.loader is not None
    try:
        _, filename, _ = env.loader.get_source(env, LANGUAGE)
    except TemplateNotFound:
        return False
    package = Path(__file__).resolve().parent.parent / "templates" / LANGUAGE
    return filename is not None and Path(filename).resolve() == package
