"""static-i18n's two per-page hooks, doing the same with less work.

Why: each locale pass runs static-i18n's ``on_page_markdown`` and ``on_page_context`` on every
page, some 1.3% of a build's CPU on the bench (issue #17), for work that is mostly the same
on every page:

- ``on_page_markdown`` translates the titles of admonitions (and of details, with
  ``pymdownx.details``): it looks up the pass's language settings, then runs a regex on each
  line of the page and joins the lines again. Every line the regex matches holds its marker,
  ``!!!`` or ``???``: on a page holding neither, each line comes out as it went in, and the
  result is ``"\\n".join(markdown.splitlines())``, which ``page_markdown`` returns at once.
- ``on_page_context`` points Material's language selector at the page's translations
  (``reconfigure_page_context``): it deep-copies the selector's entries, then compares the
  page's URL with ``.`` and its alternate's as two new ``PurePath`` objects each.
  ``page_context`` copies entries that are dicts of strings (and other atomic values) as
  ``deepcopy`` does, and makes each URL's ``PurePath`` once (``_pure_path``), so that a
  comparison compares the same objects ``PurePath`` makes.

Only over the code read here (``*_UPSTREAM``, compared by ``compat.nested_code_fingerprint``)
and only for a plugin whose ``reconfigure_page_context`` is static-i18n's: another release or
an override runs as it is. ``jekyll/i18n`` calls these from its own hooks
(``JekyllI18nPlugin.on_page_markdown`` and ``on_page_context``), which run static-i18n's when
these return None.
"""

from __future__ import annotations

from copy import deepcopy
from functools import cache, lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from mkdocs.structure.pages import Page

from mkdocs_jekyll.compat import nested_code_fingerprint

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

MARKERS = ("!!!", "???")
"""Text one of which every line static-i18n's admonition regex matches holds (its marker is
``!!!``, or ``???``/``???+`` with ``pymdownx.details``)."""

MARKDOWN_UPSTREAM = (
    frozenset(
        "admonition_translations append compile current_language_config group items join "
        "lower match re splitlines strip".split()
    ),
    frozenset(
        {
            "",
            "\n",
            ' "',
            ' ?)(?P<type>[\\w\\-]+(?: +[\\w\\-]+)*)(?: +"(?P<title>.*?)")? *$',
            "!{3}",
            '"',
            "(?:\\?{3}\\+?|!{3})",
            "^(?P<indent>[ \\t]*)(?P<marker>",
            "indent",
            "markdown_extensions",
            "marker",
            "pymdownx.details",
            "title",
            "type",
        }
    ),
)
"""The names and strings of static-i18n 1.3.1's ``I18n.on_page_markdown``."""

MARKDOWN_UPSTREAM_1_3_0 = (
    frozenset(
        "admonition_translations append compile current_language_config group join match re "
        "splitlines strip".split()
    ),
    frozenset(
        {
            "",
            "\n",
            ' "',
            ' ?)([\\w\\-]+(?: +[\\w\\-]+)*)(?: +"(.*?)")? *$',
            "!{3}",
            '"',
            "(?:\\?{3}\\+?|!{3})",
            "^(",
            "markdown_extensions",
            "pymdownx.details",
        }
    ),
)
"""The same in static-i18n 1.3.0, whose regex has no indent and whose translations' keys
are not lowercased: a line it matches still starts with its marker, ``!!!`` or ``???``."""

MARKDOWN_UPSTREAMS = (MARKDOWN_UPSTREAM, MARKDOWN_UPSTREAM_1_3_0)
"""Every ``on_page_markdown`` ``page_markdown`` was read from."""

CONTEXT_UPSTREAM = (
    frozenset(
        "Page config current_language file hasattr isinstance locale reconfigure_material "
        "reconfigure_page_context".split()
    ),
    frozenset({"i18n_config", "i18n_file_locale", "i18n_page_locale", "locale"}),
)
"""The names and strings of static-i18n 1.3's ``I18n.on_page_context``."""

RECONFIGURE_UPSTREAM = (
    frozenset(
        "PurePath alternate alternates deepcopy extra extra_alternate file "
        "locale_alternate_of url".split()
    ),
    frozenset({".", "lang", "link"}),
)
"""The names and strings of static-i18n 1.3's ``ExtendedPlugin.reconfigure_page_context``."""

_ATOMIC = (str, bool, int, float, type(None))
"""Types ``deepcopy`` returns as they are (and we may put in a copied dict as they are)."""


@cache
def markdown_mirrored() -> bool:
    """Whether static-i18n's ``on_page_markdown`` is the code ``page_markdown`` was read from."""
    from mkdocs_static_i18n.plugin import I18n

    return nested_code_fingerprint(getattr(I18n, "on_page_markdown", None)) in MARKDOWN_UPSTREAMS


@cache
def context_mirrored(reconfigure: Any) -> bool:
    """Whether static-i18n's ``on_page_context``, and ``reconfigure`` (the plugin class's
    ``reconfigure_page_context``), are the code ``page_context`` was read from."""
    from mkdocs_static_i18n.plugin import I18n
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    own = getattr(ExtendedPlugin, "reconfigure_page_context", None)
    return (
        reconfigure is own
        and nested_code_fingerprint(own) == RECONFIGURE_UPSTREAM
        and nested_code_fingerprint(getattr(I18n, "on_page_context", None)) == CONTEXT_UPSTREAM
    )


def page_markdown(markdown: Any) -> str | None:
    """static-i18n's ``on_page_markdown`` on a page without an admonition marker.

    Such a page's lines all come out unchanged, whatever the language's translations.

    Returns:
        The Markdown as upstream returns it; None when upstream's must run (a marker, not a
        string, or another static-i18n).
    """
    if type(markdown) is not str or not markdown_mirrored():
        return None
    if MARKERS[0] in markdown or MARKERS[1] in markdown:
        return None
    return "\n".join(markdown.splitlines())


def page_context(
    plugin: Any, context: dict[str, Any], page: Any, config: MkDocsConfig
) -> dict[str, Any] | None:
    """static-i18n's ``on_page_context`` (with its ``reconfigure_page_context``), line for line.

    Returns:
        The page's context as upstream returns it; None when upstream's must run (another
        static-i18n, or a ``reconfigure_page_context`` of the plugin's own).
    """
    if not context_mirrored(getattr(type(plugin), "reconfigure_page_context", None)):
        return None
    if isinstance(page, Page) and hasattr(page.file, "locale"):
        context["i18n_config"] = plugin.config
        context["i18n_file_locale"] = page.file.locale
        context["i18n_page_locale"] = plugin.current_language
        if plugin.config.reconfigure_material is True:
            context = _reconfigure_page_context(plugin, context, page, config)
    return context


def _reconfigure_page_context(
    plugin: Any, context: dict[str, Any], page: Page, config: MkDocsConfig
) -> dict[str, Any]:
    """static-i18n's ``reconfigure_page_context``: the selector's links to the page's
    translations."""
    if plugin.extra_alternate:
        config.extra.alternate = _copy(plugin.extra_alternate)  # type: ignore[attr-defined]
        if _pure_path(page.url) == _pure_path("."):
            return context
        if _pure_path(page.url) == _pure_path(page.file.locale_alternate_of):  # type: ignore[attr-defined]
            return context
        #
        for extra_alternate in config.extra.alternate:  # type: ignore[attr-defined]
            alternate_lang = extra_alternate["lang"]
            # current page has an alternate for this language, use it
            if alternate_lang in page.file.alternates:  # type: ignore[attr-defined]
                alternate_file = page.file.alternates[alternate_lang]  # type: ignore[attr-defined]
                extra_alternate["link"] = alternate_file.url
    return context


def _copy(value: Any) -> Any:
    """``deepcopy(value)``, made directly for a list of distinct dicts of atomic values.

    ``deepcopy`` returns a new list of new dicts with the same keys and values (atomic values
    are not copied); a dict listed twice would be copied once and listed twice, so those go
    through ``deepcopy``, as does anything else.
    """
    if type(value) is list and len({id(item) for item in value}) == len(value):
        if all(
            type(item) is dict
            and all(type(k) in _ATOMIC and type(v) in _ATOMIC for k, v in item.items())
            for item in value
        ):
            return [dict(item) for item in value]
    return deepcopy(value)


def _pure_path(value: Any) -> PurePath:
    """``PurePath(value)``, made once per string (a ``PurePath`` never changes)."""
    if type(value) is str:
        return _string_path(value)
    return PurePath(value)


@lru_cache(maxsize=4096)
def _string_path(text: str) -> PurePath:
    """``PurePath(text)``, kept for the next page comparing the same URL."""
    return PurePath(text)
