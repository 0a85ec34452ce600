"""Every use of an upstream name that is not public API, each behind one small function.

An upstream release that renames one of these breaks only this module, and
``tests/test_compat.py`` names the missing piece against the installed versions. Upstream
modules are imported inside each function: ``liquid/`` uses this module too and must not
pull in MkDocs.

MkDocs (1.6):
- ``serve_builder_calls_build``, ``serve_builds_dirty``: swap ``mkdocs.commands.serve.build``,
  the function ``mkdocs serve``'s builder calls, for a ``dirty=True`` build (incremental serve).
- ``wrap_serve_builder``: replace ``LiveReloadServer.builder``, the callable a save runs.
- ``serve_livereload``: the ``livereload`` parameter of the ``mkdocs serve`` command
  (``--no-livereload``), read from click's current context.
- ``restoring_clean_directory``, ``keep_site_folder``: put back or replace
  ``mkdocs.utils.clean_directory``, which static-i18n replaces for its nested locale passes.
- ``set_page_title``: write ``Page.title`` through ``vars(page)`` (it is a ``weak_property``).
- ``config_option_items``: ``BaseConfigOption._name``, the item a config option reads (its
  ``__get__`` checked), for ``mkdocs/jinja_runtime.py``'s reads of ``config.*``.
- ``file_url``: ``File._get_url``, the URL of a file whose ``dest_uri`` was changed.
- ``replace_event_method``: MkDocs' ``PluginCollection._event_origins`` (the plugin named for
  an event handler), for a handler put in another's place: Material search's
  ``on_page_context``, which ``mkdocs/search_attributes.py`` mirrors.
- ``strict_abort_pending``: the ``CountHandler`` that ``build()`` puts on the ``mkdocs`` logger
  in strict mode; it raises ``Abort`` after ``on_post_build`` when that handler counted any.
- ``page_render_mirrored``, ``render_page_with``, ``render_empty_page``, ``replace_page_render``:
  ``Page.render``'s steps with a Markdown instance of our own (``markdown_reuse``): its
  page processors ``_RawHTMLPreprocessor``, ``_ExtractAnchorsTreeprocessor``,
  ``_RelativePathTreeprocessor``, ``_ExtractTitleTreeprocessor`` (and their ``_register``),
  ``Page._title_from_render``, the ``mkdocs.structure.pages`` logger; ``render`` replaced on
  the page instance. ``mkdocs_raw_html_scan``: ``_RawHTMLPreprocessor`` and ``_HTMLHandler``;
  ``relative_path_processor_class``: ``_RelativePathTreeprocessor``.
- ``theme_files_listing_only``, ``replace_add_files_from_theme``: ``Files.add_files_from_theme``
  (public, but replaced on the class by ``mkdocs/theme_files.py``, which memoises the one
  ``list_templates`` call it makes and relies on its reading nothing else of the environment).
  ``theme_filter_drops_dot_paths``: its filter's pattern list starts with ``'.*'`` and
  ``'*/.*'`` (so ``theme_files`` leaves the theme's dot folders, Material's ``.icons``,
  unwalked).
- ``file_src_path_mirrored``, ``replace_file_src_path_setter``: ``File.src_path``'s
  setter (public, but replaced on the class by ``mkdocs/file_paths.py``, which stores a plain
  path as it is instead of its ``PurePath(value).as_posix()``, the same string).
- ``static_copy_mirrored``, ``replace_copy_static_files``, ``file_content_unset``:
  ``Files.copy_static_files`` (public, but replaced on the class by
  ``mkdocs/static_copies.py``, which mirrors its loop) and ``File.copy_file``, which copies
  ``abs_src_path`` to ``abs_dest_path`` when the file's private ``_content`` is unset.

Jinja (3.1):
- ``jinja_listing_mirrored``: ``FileSystemLoader.list_templates`` (public, but
  ``mkdocs/theme_files.py`` mirrors its walk to prune folders the filter drops whole).

mkdocs-static-i18n (1.3):
- ``i18n_reconfigure_files``: ``I18n.reconfigure_files``, which builds a locale's file list.
- ``build_log_filter``: ``I18nLoggingFilter`` and its ``filtered_prefixes`` set.
- ``i18n_file_mirrored``, ``i18n_file_parts``, ``i18n_files_made_by``:
  ``folder.create_i18n_file`` (which ``mkdocs/i18n_files.py`` mirrors; ``reconfigure_files``
  looks it up on the module at each call), its logger ``folder.log`` and ``config.RE_LOCALE``.
- ``i18n_relative_test_mirrored``, ``i18n_relative_test_by``: the ``is_relative_to`` that
  ``reconfigure_files`` looks up in ``mkdocs_static_i18n.reconfigure`` (``PurePath``'s test,
  which ``mkdocs/i18n_files.py`` mirrors on strings).

Material (9.6):
- ``has_search_index``, ``material_search_plugin``, ``search_index_data``:
  ``SearchIndex.generate_search_index(prev)`` of its search plugin, found by name (what it
  encodes: the ``config`` keys it picks and the ``entries``).
- ``material_search_index_type``, ``material_search_parser_source``, ``replace_search_index``:
  ``material.plugins.search.plugin``'s ``SearchIndex``, and the source of what it does with
  a page's HTML (``add_entry_from_context``, ``Parser``, ``Element``, ``Section``, ``void``),
  which ``mkdocs/fast_search.py`` mirrors; the plugin's ``search_index`` is replaced.
  ``material_search_plugin_digest``: the hash of that module's file, which holds them all.
- ``material_search_settings_plugin``: the search plugin whose ``on_config`` and
  ``_translate`` (the private method that reads ``lang``, ``separator`` and ``pipeline`` from
  ``partials/language.html``) are the ones ``mkdocs/search_settings.py`` mirrors.

python-liquid (2):
- ``no_op_filter``: ``liquid.context._no_op_filter``, what an unknown filter does in lax mode.
- ``fast_liquid_lexer``: ``liquid.lex._tokenize_template`` (the template lexer behind
  ``get_lexer``) with the rules of ``compile_liquid_rules`` whose text pattern is rewritten,
  given as an object whose ``finditer`` is the one method the lexer calls.

Python-Markdown (3.5 to 3.11):
- ``inline_handler_mirrored``, ``replace_inline_handler``, ``inline_pattern_applier``: the
  inline pass's ``InlineProcessor.__handleInline`` (the loop over the patterns for one run of
  text, which ``kramdown/triggers.py`` mirrors) and ``__applyPattern`` (one pattern on it).
  ``inline_text_handler``, ``inline_placeholder_processor``: ``__handleInline`` and
  ``__processPlaceholders``, which ``kramdown/inline_pass.py``'s mirror of ``run`` calls.

- ``block_loop_mirrored``, ``replace_parse_blocks``: ``BlockParser.parseBlocks``, the loop
  over the block processors (public, but ``kramdown/block_triggers.py`` mirrors its body),
  replaced on the parser instance.
- ``replace_registered``: a ``Registry``'s ``_data``, to put one item in another's place
  (its name, priority and place among equal priorities kept: ``kramdown/shortcuts.py``).
- ``registry_storage``: a ``Registry``'s ``_priority`` list and ``_data`` dict, which
  ``kramdown/block_triggers.py`` compares with a copy to know the registry unchanged.
- ``register_in_place``: a ``Registry``'s ``_priority``, ``_data`` and ``_is_sorted``, to
  register an item again under its name where that leaves its place unchanged
  (``mkdocs/processor_reuse.py``).

Jinja (3.1):
- ``jinja_runtime_mirrored``, ``use_environment_class``: ``Environment.getattr``,
  ``Environment.make_globals`` and ``Context.__init__`` (public, but ``mkdocs/jinja_runtime.py``
  mirrors their bodies: the compiled templates call ``environment.getattr`` for every ``a.b``
  and make a context for every include), and the class of MkDocs' environment, swapped on the
  instance for a subclass overriding them.

Pygments (2.16 to 2.21):
- ``regex_lexer_states``, ``replace_lexer_loop``: ``RegexLexer.get_tokens_unprocessed`` (the
  loop over a state's rules, which ``kramdown/pygments_loop.py`` mirrors), a lexer class's
  ``_tokens`` (its compiled states), and the loop replaced on the lexer instance.

Python (3.11 and later):
- ``regex_tree``, ``regex_op_name``: ``re._parser``, the parse tree of a regular expression
  (``kramdown/regex_triggers.py`` reads what its matches need).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from itertools import chain
from types import CodeType
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from markdown import Markdown
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

SERVE_BUILD = "build"
"""The name ``mkdocs serve``'s builder calls (``from mkdocs.commands.build import build``)."""


def serve_builder_calls_build() -> bool:
    """Whether this MkDocs' serve builder calls ``build`` as 1.6 does (``serve_builds_dirty``)."""
    from mkdocs.commands import serve

    return callable(getattr(serve, SERVE_BUILD, None))


@contextmanager
def serve_builds_dirty() -> Iterator[None]:
    """Make the serve builder's ``build()`` call a dirty build, meanwhile.

    The builder passes ``dirty=`` from the command line; MkDocs has no other way in.
    """
    from mkdocs.commands import serve

    original: Any = getattr(serve, SERVE_BUILD)

    def build_dirty(config: MkDocsConfig, *, serve_url: str | None = None, **_: Any) -> None:
        original(config, serve_url=serve_url, dirty=True)

    setattr(serve, SERVE_BUILD, build_dirty)
    try:
        yield
    finally:
        setattr(serve, SERVE_BUILD, original)


def wrap_serve_builder(
    server: LiveReloadServer, wrap: Callable[[Callable[..., None]], Callable[..., None]]
) -> None:
    """Replace the callable ``mkdocs serve`` runs after a save by ``wrap(builder)``."""
    server.builder = wrap(server.builder)


def serve_livereload() -> bool:
    """Whether this is the ``mkdocs serve`` command with live reload (no ``--no-livereload``).

    False outside MkDocs' command line (``serve()`` called from Python, tests): only the
    command says whether its server will call the plugins' ``on_serve``.
    """
    import click

    context = click.get_current_context(silent=True)
    if context is None or context.command.name != "serve":
        return False
    return bool(context.params.get("livereload", False))


@contextmanager
def restoring_clean_directory() -> Iterator[None]:
    """Give MkDocs back its ``clean_directory`` even when a locale pass fails.

    static-i18n's loop replaces it for its nested passes and restores it on success only;
    left replaced, later builds in the process stop cleaning their site folder (and the
    core plugin would take them for ``--dirty`` builds, see ``staging``).
    """
    from mkdocs import utils

    original = utils.clean_directory
    try:
        yield
    finally:
        utils.clean_directory = original


def keep_site_folder() -> None:
    """Make ``clean_directory`` a no-op, as static-i18n's loop does for a later locale pass.

    For a forked worker that exits after its pass: nothing puts the original back.
    """
    from mkdocs import utils

    utils.clean_directory = _keep_directory


def _keep_directory(directory: str) -> None:
    """``clean_directory`` for a later locale pass: the site folder stays as it is."""


def set_page_title(page: Page, title: str | None) -> None:
    """Set a page's title; ``Page.title`` is a weak property an instance attribute overrides."""
    vars(page)["title"] = title


def file_url(file: File, use_directory_urls: bool) -> str:
    """The URL MkDocs gives ``file`` for its current ``dest_uri``."""
    return file._get_url(use_directory_urls)


ADD_FILES_FROM_THEME_NAMES = frozenset(
    {"list_templates", "get_file_from_path", "theme", "dirs", "os", "path", "isfile", "join"}
    | {"append", "File", "site_dir", "use_directory_urls"}
)
"""What MkDocs 1.6's ``Files.add_files_from_theme`` reads: of the environment, only
``list_templates`` (its filter reads the theme's ``static_templates`` and MkDocs'
``markdown_extensions``, see ``THEME_FILTER_NAMES``)."""

THEME_FILTER_NAMES = frozenset(
    {"append", "extend", "utils", "markdown_extensions", "theme", "static_templates"}
    | {"fnmatch", "lower"}
)


def theme_files_listing_only() -> bool:
    """Whether ``Files.add_files_from_theme`` is MkDocs 1.6's: one ``env.list_templates``
    call whose filter depends only on the theme's ``static_templates`` and MkDocs'
    ``markdown_extensions``, so its result can be kept for the build's later passes."""
    from mkdocs.structure.files import Files

    code = getattr(_ORIGINAL_ADD_FILES_FROM_THEME or Files.add_files_from_theme, "__code__", None)
    if code is None or frozenset(code.co_names) != ADD_FILES_FROM_THEME_NAMES:
        return False
    inner = [const for const in code.co_consts if hasattr(const, "co_names")]
    return (
        len(inner) == 1
        and frozenset(inner[0].co_names) == THEME_FILTER_NAMES
        and inner[0].co_freevars == ("config",)
    )


def theme_filter_drops_dot_paths() -> bool:
    """Whether ``add_files_from_theme``'s filter drops every path with a part starting with
    ``.``: MkDocs 1.6's, whose patterns (any one matching drops the name) include ``'.*'``
    (the first part) and ``'*/.*'`` (any later one; ``*`` crosses ``/``)."""
    from mkdocs.structure.files import Files

    if not theme_files_listing_only():
        return False
    code = (_ORIGINAL_ADD_FILES_FROM_THEME or Files.add_files_from_theme).__code__
    inner = next(const for const in code.co_consts if hasattr(const, "co_names"))
    patterns = [const for const in inner.co_consts if isinstance(const, tuple)]
    return len(patterns) == 1 and patterns[0][:2] == (".*", "*/.*")


JINJA_LISTING_NAMES = frozenset(
    {"add", "followlinks", "join", "len", "os", "path", "replace", "searchpath", "sep"}
    | {"set", "sorted", "strip", "walk"}
)
"""What Jinja 3.1's ``FileSystemLoader.list_templates`` reads (``theme_files`` mirrors it)."""


def jinja_listing_mirrored() -> bool:
    """Whether ``FileSystemLoader.list_templates`` is Jinja 3.1's, which ``theme_files``
    mirrors: one ``os.walk`` per folder, names relative to it with ``/``, a set, sorted."""
    import jinja2

    code = getattr(jinja2.FileSystemLoader.list_templates, "__code__", None)
    return (
        code is not None
        and frozenset(code.co_names) == JINJA_LISTING_NAMES
        and code.co_consts == (None, ("followlinks",), "/", 2, "./")
    )


_ORIGINAL_ADD_FILES_FROM_THEME: Any = None


def replace_add_files_from_theme(wrap: Callable[[Any], Any]) -> None:
    """Replace ``Files.add_files_from_theme`` by ``wrap(original)``, once per process.

    ``build()`` calls it on every pass with a new environment; the replacement decides,
    per call, whether to call the original with the real environment or a recorded listing.
    """
    global _ORIGINAL_ADD_FILES_FROM_THEME
    from mkdocs.structure.files import Files

    if _ORIGINAL_ADD_FILES_FROM_THEME is not None:
        return
    _ORIGINAL_ADD_FILES_FROM_THEME = Files.add_files_from_theme
    Files.add_files_from_theme = wrap(Files.add_files_from_theme)  # type: ignore[method-assign]


COPY_STATIC_FILES_NAMES = frozenset({"is_documentation_page", "inclusion", "copy_file"})
"""What MkDocs 1.6's ``Files.copy_static_files`` reads: each file's kind, its inclusion
and its ``copy_file``, which it calls with ``dirty``, in the files' order."""

FILE_COPY_NAMES = frozenset(
    {"is_modified", "log", "debug", "src_uri", "abs_dest_path", "os", "makedirs", "path"}
    | {"dirname", "_content", "abs_src_path", "utils", "copy_file", "shutil", "SameFileError"}
    | {"isinstance", "str", "open", "write"}
)
"""What MkDocs 1.6's ``File.copy_file`` reads: with ``_content`` unset, it copies
``abs_src_path`` to ``abs_dest_path`` with ``utils.copy_file``, nothing else."""


def static_copy_mirrored() -> bool:
    """Whether ``Files.copy_static_files`` and ``File.copy_file`` are MkDocs 1.6's, whose
    loop ``mkdocs/static_copies.py`` mirrors and whose copy of a file it may skip."""
    from mkdocs.structure.files import File, Files

    loop = getattr(_ORIGINAL_COPY_STATIC_FILES or Files.copy_static_files, "__code__", None)
    copy = getattr(File.copy_file, "__code__", None)
    return (
        loop is not None
        and copy is not None
        and frozenset(loop.co_names) == COPY_STATIC_FILES_NAMES
        and loop.co_varnames[:3] == ("self", "dirty", "inclusion")
        and frozenset(copy.co_names) == FILE_COPY_NAMES
    )


def file_content_unset(file: File) -> bool:
    """Whether ``file``'s content is its source file's (no ``content_string``/``bytes`` set)."""
    return file._content is None


_ORIGINAL_COPY_STATIC_FILES: Any = None


def replace_copy_static_files(wrap: Callable[[Any], Any]) -> None:
    """Replace ``Files.copy_static_files`` by ``wrap(original)``, once per process."""
    global _ORIGINAL_COPY_STATIC_FILES
    from mkdocs.structure.files import Files

    if _ORIGINAL_COPY_STATIC_FILES is not None:
        return
    _ORIGINAL_COPY_STATIC_FILES = Files.copy_static_files
    Files.copy_static_files = wrap(Files.copy_static_files)  # type: ignore[method-assign]


SRC_PATH_SETTER_NAMES = frozenset({"PurePath", "as_posix", "src_uri"})
"""What MkDocs 1.6's ``File.src_path`` setter reads: ``src_uri = PurePath(value).as_posix()``."""

_ORIGINAL_SRC_PATH: Any = None


def file_src_path_mirrored() -> bool:
    """Whether ``File.src_path``'s setter is MkDocs 1.6's one line, which stores
    ``PurePath(value).as_posix()`` as ``src_uri`` and nothing else (``mkdocs/file_paths.py``
    stores a plain path as it is)."""
    from mkdocs.structure.files import File

    prop = _ORIGINAL_SRC_PATH or vars(File).get("src_path")
    code = getattr(getattr(prop, "fset", None), "__code__", None)
    return (
        isinstance(prop, property)
        and code is not None
        and frozenset(code.co_names) == SRC_PATH_SETTER_NAMES
        and code.co_varnames[:2] == ("self", "value")
        and code.co_argcount == 2
    )


def replace_file_src_path_setter(wrap: Callable[[Any], Any]) -> None:
    """Replace ``File.src_path``'s setter by ``wrap(original setter)``, once per process;
    its getter stays upstream's."""
    global _ORIGINAL_SRC_PATH
    from mkdocs.structure.files import File

    if _ORIGINAL_SRC_PATH is not None:
        return
    original = vars(File)["src_path"]
    _ORIGINAL_SRC_PATH = original
    File.src_path = original.setter(wrap(original.fset))  # type: ignore[method-assign]


def i18n_reconfigure_files(plugin: Any, files: Files, config: MkDocsConfig) -> Any:
    """static-i18n's own ``reconfigure_files``: the locale pass's files (``I18nFiles``)."""
    from mkdocs_static_i18n.plugin import I18n

    return I18n.reconfigure_files(plugin, files, config)


I18N_FILE_NAMES = frozenset(
    {"File", "Path", "PurePath", "RE_LOCALE", "_get_url", "abs_dest_path", "alternates"}
    | {"as_posix", "debug", "dest_path", "dest_uri", "docs_dir", "endswith", "inclusion"}
    | {"is_relative_to", "join", "locale", "locale_alternate_of", "localization", "log"}
    | {"match", "name", "norm_src_uri", "normpath", "os", "parts", "path", "relative_to"}
    | {"site_dir", "src_path", "src_uri", "url", "use_directory_urls", "with_name"}
)
"""What static-i18n 1.3's ``folder.create_i18n_file`` reads, which ``i18n_files`` mirrors."""

I18N_FILE_TEXTS = ("reconfigure ", "README.html", "index.html", "README", "index", " from locale ")


def i18n_file_mirrored() -> bool:
    """Whether static-i18n's ``folder.create_i18n_file`` is the 1.3 one ``i18n_files`` mirrors."""
    from mkdocs_static_i18n import folder

    code = getattr(folder.create_i18n_file, "__code__", None)
    return (
        code is not None
        and frozenset(code.co_names) == I18N_FILE_NAMES
        and tuple(c for c in code.co_consts if isinstance(c, str)) == I18N_FILE_TEXTS
    )


def i18n_file_parts() -> tuple[Callable[..., File], Any, re.Pattern[str]]:
    """static-i18n's own ``create_i18n_file``, its logger and its locale pattern (``RE_LOCALE``)."""
    from mkdocs_static_i18n import config, folder

    return folder.create_i18n_file, folder.log, config.RE_LOCALE


@contextmanager
def i18n_files_made_by(make: Callable[..., File]) -> Iterator[None]:
    """Make static-i18n's ``reconfigure_files`` create each locale file with ``make``, meanwhile
    (it looks ``folder.create_i18n_file`` up at each call)."""
    from mkdocs_static_i18n import folder

    original = folder.create_i18n_file
    folder.create_i18n_file = make
    try:
        yield
    finally:
        folder.create_i18n_file = original


I18N_RELATIVE_TEST_NAMES = (
    *("PurePath", "is_relative_to", "AttributeError", "relative_to", "ValueError"),
)
"""What static-i18n 1.3's ``is_relative_to`` reads: ``PurePath(a).is_relative_to(b)``, with
a fallback for Pythons before 3.9."""


def i18n_relative_test_mirrored() -> bool:
    """Whether ``reconfigure_files`` tests a file's folder with static-i18n 1.3's
    ``is_relative_to``, looked up on its module at each call (``i18n_relative_test_by``)."""
    import mkdocs_static_i18n
    from mkdocs_static_i18n import reconfigure

    test = getattr(reconfigure, "is_relative_to", None)
    code = getattr(test, "__code__", None)
    loop = getattr(reconfigure.ExtendedPlugin.reconfigure_files, "__code__", None)
    return (
        test is getattr(mkdocs_static_i18n, "is_relative_to", None)
        and code is not None
        and code.co_names == I18N_RELATIVE_TEST_NAMES
        and code.co_argcount == 2
        and loop is not None
        and "is_relative_to" in loop.co_names
    )


@contextmanager
def i18n_relative_test_by(test: Callable[[Any, Any], bool]) -> Iterator[Callable[..., bool]]:
    """Make ``reconfigure_files`` test a file's folder with ``test``, meanwhile; yields
    static-i18n's own test."""
    from mkdocs_static_i18n import reconfigure

    original = reconfigure.is_relative_to
    reconfigure.is_relative_to = test
    try:
        yield original
    finally:
        reconfigure.is_relative_to = original


def build_log_filter(prefixes: tuple[str, ...]) -> Callable[[logging.LogRecord], bool]:
    """static-i18n's filter dropping log records whose message starts with one of ``prefixes``."""
    from mkdocs_static_i18n.utils import I18nLoggingFilter

    quiet = I18nLoggingFilter()
    quiet.filtered_prefixes.update(prefixes)
    result: Callable[[logging.LogRecord], bool] = quiet
    return result


def has_search_index(plugin: object) -> bool:
    """Whether ``plugin`` is Material's search plugin with its index (``search_index_data``)."""
    index = getattr(plugin, "search_index", None)
    return index is not None and hasattr(index, "generate_search_index")


def material_search_plugin(config: MkDocsConfig) -> Any | None:
    """The build's Material search plugin (``material/search`` or ``search``) with its index."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if has_search_index(plugin):
            return plugin
    return None


SEARCH_INDEX_CONFIG = ("lang", "separator", "pipeline", "fields")
"""The keys of its config Material's ``generate_search_index`` writes in the index, in its
order, where its config has them (``fields`` came with Material 9.7)."""


def search_index_data(plugin: Any) -> dict[str, Any]:
    """Material's search index of the pass just built (see ``has_search_index``), unencoded.

    What ``generate_search_index(None)`` encodes with ``json.dumps(.., default=str)``: the
    same bytes come of encoding this so, without the index's JSON made and read back. The
    entries are Material's own (read only; it makes new ones for each page), in a list of
    their own; the config is a copy, as a later pass's ``on_config`` may change its lists.
    """
    from copy import deepcopy

    index = plugin.search_index
    settings = index.config
    config = deepcopy({key: settings[key] for key in SEARCH_INDEX_CONFIG if key in settings})
    return {"config": config, "docs": list(index.entries)}


def search_entries(plugin: Any) -> list[dict[str, Any]]:
    """The entries of Material's search index so far (see ``has_search_index``), in place.

    The build cache records a page's and puts a cached page's back where it would be.
    """
    entries: list[dict[str, Any]] = plugin.search_index.entries
    return entries


_SEARCH_ON_CONFIG_96 = (
    frozenset(
        {"SearchIndex", "_translate", "config", "debug", "enabled", "filter", "isfile"}
        | {"jieba", "jieba_dict", "jieba_dict_user", "lang", "len", "list", "load_userdict"}
        | {"log", "normpath", "os", "path", "pipeline", "re", "search_index", "separator"}
        | {"set_dictionary", "split", "warning"}
    ),
    (
        None, "search.config.lang", "search.config.separator", "\\s*,\\s*",
        "search.config.pipeline", "Loading jieba dictionary: ",
        "Configuration error for 'search.jieba_dict': '", "' does not exist.",
        "Loading jieba user dictionary: ",
        "Configuration error for 'search.jieba_dict_user': '", (),
    ),
)  # fmt: skip
SEARCH_ON_CONFIG_CODE = (
    # 9.7 to 9.8.2: the search fields' validation and defaults after the settings.
    (
        _SEARCH_ON_CONFIG_96[0] | {"SearchFieldConfig", "SubConfig", "fields"}
        | {"run_validation", "values"},
        (
            *_SEARCH_ON_CONFIG_96[1][:5], "title", "boost", 1000.0, "text", 1.0, "tags",
            1000000.0, *_SEARCH_ON_CONFIG_96[1][5:],
        ),
    ),
    _SEARCH_ON_CONFIG_96,  # 9.6.16
)  # fmt: skip
"""``code_fingerprint`` of the Material ``SearchPlugin.on_config`` releases whose reading of
``lang``, ``separator`` and ``pipeline`` ``mkdocs/search_settings.py`` mirrors (the same
under Python 3.11 and 3.13)."""
SEARCH_TRANSLATE_CODE = (
    frozenset({"get_env", "get_template", "module", "t", "theme"}),
    (None, "partials/language.html", "config"),
)
"""``code_fingerprint`` of the ``SearchPlugin._translate`` it calls (9.6.16 to 9.8.2)."""


def material_search_settings_plugin(config: MkDocsConfig) -> Any | None:
    """The build's Material search plugin, when its ``on_config`` (and the ``_translate`` it
    calls for ``lang``, ``separator`` and ``pipeline``) are those of ``SEARCH_ON_CONFIG_CODE``
    and ``SEARCH_TRANSLATE_CODE`` and it runs at the default priority; else None."""
    try:
        from material.plugins.search.plugin import SearchPlugin  # type: ignore[import-untyped]
    except ImportError:
        return None
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if type(plugin) is SearchPlugin:
            break
    else:
        return None
    mirrored = (
        code_fingerprint(getattr(SearchPlugin, "on_config", None)) in SEARCH_ON_CONFIG_CODE
        and code_fingerprint(getattr(SearchPlugin, "_translate", None)) == SEARCH_TRANSLATE_CODE
    )
    priority = getattr(getattr(SearchPlugin, "on_config", None), "mkdocs_priority", 0)
    return plugin if mirrored and priority == 0 else None


def material_search_index_type() -> type[Any] | None:
    """Material's ``SearchIndex`` class, or None when its search plugin is not importable."""
    return _material_search_class("SearchIndex")


def material_search_parser_type() -> type[Any] | None:
    """Material's search ``Parser`` class (an ``HTMLParser``), None when not importable."""
    return _material_search_class("Parser")


def _material_search_class(name: str) -> type[Any] | None:
    """The class ``name`` of Material's search plugin module (imported on first use)."""
    try:
        from material.plugins.search import plugin  # type: ignore[import-untyped]
    except ImportError:
        return None
    found = getattr(plugin, name, None)
    return found if isinstance(found, type) else None


def material_search_parser_source() -> str:
    """The source of how Material's search index cuts a page's HTML into sections.

    ``SearchIndex.add_entry_from_context`` and the ``Parser``, ``Element`` and ``Section``
    classes it uses, with the ``void`` tags, the ``escape`` function and ``Parser``'s bases:
    a change to any of them changes this text.
    """
    from material.plugins.search import plugin

    pieces = [
        *_class_sources(
            plugin, ("SearchIndex.add_entry_from_context", "Parser", "Element", "Section")
        ),
        repr(sorted(plugin.void)),
        f"{plugin.escape.__module__}.{plugin.escape.__qualname__}",
        repr([f"{base.__module__}.{base.__qualname__}" for base in plugin.Parser.__bases__]),
    ]
    return "\n".join(pieces)


def material_search_plugin_digest() -> str:
    """SHA-256 of the file of ``material.plugins.search.plugin``, where ``inspect`` reads it.

    The file holds every piece ``material_search_parser_source`` reads: the classes, ``void``,
    and the import lines that name ``escape`` and ``Parser``'s base. The same bytes give the
    same source, without parsing the module (``fast_search.KNOWN_PARSER_FILES``).

    Raises:
        OSError: The module has no source file (``inspect`` could not read it either).
    """
    import hashlib
    import inspect

    from material.plugins.search import plugin

    path = inspect.getsourcefile(plugin)
    if path is None:
        raise OSError(f"no source file for {plugin.__name__}")
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def _class_sources(module: Any, names: tuple[str, ...]) -> list[str]:
    """``inspect.getsource`` of each of a module's top-level classes or their methods.

    Python 3.11's ``inspect`` parses the whole module again for every class it is asked
    for (15 ms for Material's three, in every build's serial head), and tokenizes the
    module's lines for a method (3 ms for ``add_entry_from_context``); here the module's
    lines (``linecache``'s, as ``inspect`` reads them) are parsed once, and each class runs
    from its first decorator, or its ``class`` line, to its last line. A name
    ``Class.method`` is a method defined in such a class, from its first decorator, or its
    ``def`` line (where its code starts), to its last line. Anything else (a class or
    method not defined there, no source) asks ``inspect``.
    """
    import ast
    import inspect
    import linecache

    objects = [_attribute_path(module, name) for name in names]
    try:
        lines = linecache.getlines(inspect.getsourcefile(module) or "", module.__dict__)
        tree = ast.parse("".join(lines))
    except (OSError, TypeError, SyntaxError, ValueError):
        return [inspect.getsource(item) for item in objects]
    found: dict[str, ast.ClassDef | ast.FunctionDef] = {}
    for statement in tree.body:
        if isinstance(statement, ast.ClassDef):
            found[statement.name] = statement
            for member in statement.body:
                if isinstance(member, ast.FunctionDef):
                    found[f"{statement.name}.{member.name}"] = member
    sources = []
    for name, item in zip(names, objects, strict=True):
        node = found.get(name)
        start = 0
        if node is not None:
            start = node.decorator_list[0].lineno if node.decorator_list else node.lineno
        code = getattr(item, "__code__", None)
        if (
            node is None
            or getattr(item, "__module__", None) != module.__name__
            or getattr(item, "__qualname__", None) != name
            or isinstance(node, ast.ClassDef) != isinstance(item, type)
            or (code is not None and code.co_firstlineno != start)
        ):
            sources.append(inspect.getsource(item))
            continue
        sources.append("".join(lines[start - 1 : node.end_lineno]))
    return sources


def _attribute_path(module: Any, name: str) -> Any:
    """``module.A.b`` for ``"A.b"``."""
    item = module
    for part in name.split("."):
        item = getattr(item, part)
    return item


def replace_event_method(
    config: MkDocsConfig, event: str, method: Callable[..., Any], replacement: Callable[..., Any]
) -> bool:
    """Put ``replacement`` in ``method``'s place among the build's ``event`` handlers.

    Same position (so the same order among the plugins'), and the same plugin named for it
    in MkDocs' messages (``PluginCollection._event_origins``).

    Returns:
        Whether ``method`` was registered for ``event`` (and is now replaced).
    """
    plugins = config.plugins
    events = plugins.events[event]
    for index, registered in enumerate(events):
        if registered == method:
            events[index] = replacement
            origin = plugins._event_origins.get(registered)
            if origin is not None:
                plugins._event_origins[replacement] = origin
            return True
    return False


def replace_search_index(plugin: Any, index_type: type[Any]) -> None:
    """Give Material's search plugin an ``index_type`` index in the state of its own.

    The new index takes over the instance's attributes (its config and its entries, the same
    list), so it goes on as Material's would from here.
    """
    index = plugin.search_index
    replacement = object.__new__(index_type)
    vars(replacement).update(vars(index))
    plugin.search_index = replacement


def no_op_filter() -> Callable[..., object]:
    """What python-liquid returns for an unknown filter in lax mode: the input, unchanged."""
    from liquid.context import _no_op_filter

    return _no_op_filter


LIQUID_TEXT_PATTERN = r".+?(?=((\{%|\{\{)(?P<rstrip>-?))|$)"
"""python-liquid 2's rule for the text between tags and outputs (default delimiters, no
comment syntax): one character, then as few as it can, each time testing the lookahead."""

FAST_LIQUID_TEXT_PATTERN = r".(?:[^{]++|\{(?![{%]))*+(?=((\{%|\{\{)(?P<rstrip>-?))|\Z)"
"""The same text, matched in runs: one character, then every character up to the first
``{%`` or ``{{`` or the end, which is where the lazy rule stops, but for its ``$``: that
also holds before a last newline, which ``_EndSplit`` gives the lexer as its own text.
Same matches, same groups."""

GREEDY_LIQUID_TEXT_PATTERN = r".(?:[^{]+|\{(?![{%]))*(?=((\{%|\{\{)(?P<rstrip>-?))|\Z)"
"""``FAST_LIQUID_TEXT_PATTERN`` with greedy repeats instead of possessive ones, for a Python
whose ``re`` gets those wrong (``possessive_repeats_hold``). Same matches: a run stops only
where the lookahead holds, so the engine never gives a character back, but it keeps the
state to do so (a fifth slower on a page's text)."""


@cache
def possessive_repeats_hold() -> bool:
    """Whether this Python's ``re`` ends a possessive repeat of alternatives where it should.

    CPython 3.11.2 (Debian 12's ``python3.11``) does not: the fast text rule's repeat ran
    on through "{{", where the negative lookahead of its second alternative fails, so the
    outputs and tags after a page's text were lexed as text and the pages came out garbled
    (their Markdown too). 3.11.7 ends it there. The interpreter is asked, not its version
    number.
    """
    found = re.match(r"(?:[^{]++|\{(?![{%]))*+", "a{{")
    return found is not None and found.end() == 1


def fast_liquid_text_pattern() -> str:
    """The fast text rule this Python's ``re`` matches as python-liquid's lazy one."""
    if possessive_repeats_hold():
        return FAST_LIQUID_TEXT_PATTERN
    return GREEDY_LIQUID_TEXT_PATTERN


class _EndSplit:
    """The fast rules, searched up to a source's last newline and then from it.

    python-liquid's text rule stops before a source's last newline (its ``$``): the text
    up to there and the newline are two tokens. Searched with ``endpos`` there, the end (``\\Z``)
    holds where ``$`` did, and no other rule can match across that newline (each ends in
    ``}}`` or ``%}``). Testing for a newline at each newline instead was most of the
    lexer's time.
    """

    __slots__ = ("rules",)

    def __init__(self, rules: re.Pattern[str]) -> None:
        self.rules = rules

    def finditer(self, source: str) -> Iterator[re.Match[str]]:
        """Every match of the rules in ``source``, as python-liquid's rules match."""
        if not source.endswith("\n"):
            return self.rules.finditer(source)
        end = len(source) - 1
        return chain(self.rules.finditer(source, 0, end), self.rules.finditer(source, end))


@cache
def fast_liquid_lexer() -> Callable[[str], Iterator[Any]] | None:
    """python-liquid's template lexer for the default delimiters, with a faster text rule.

    The lexer's lazy text rule tested its lookahead at every character of a page's text,
    half of the lexing of a page. The tokens are the same (``tests/test_compat.py`` and
    ``tests/liquid/test_fast_lexer.py`` compare them). None when this python-liquid's rules
    do not hold the rule replaced, or when the two lexers part on ``LEXER_SAMPLE`` here (an
    interpreter's ``re`` matching otherwise, as 3.11.2's did before
    ``possessive_repeats_hold``): the environment then uses python-liquid's own lexer.
    """
    from functools import partial

    from liquid.lex import _tokenize_template, compile_liquid_rules

    rules = compile_liquid_rules()
    if rules.pattern.count(LIQUID_TEXT_PATTERN) != 1:
        return None
    fast = re.compile(
        rules.pattern.replace(LIQUID_TEXT_PATTERN, fast_liquid_text_pattern()), rules.flags
    )
    lexer = partial(_tokenize_template, rules=cast("re.Pattern[str]", _EndSplit(fast)))
    if _sample_tokens(lexer) != _sample_tokens(partial(_tokenize_template, rules=rules)):
        from mkdocs.plugins import get_plugin_logger

        get_plugin_logger(__name__).debug(
            "Liquid: the fast text rule lexes otherwise on this Python; python-liquid's lexer"
            " is used"
        )
        return None
    return lexer


LEXER_SAMPLE = (
    "a {{ b }} {%- if c -%}\n{% endif %}{ {{x}} {x} {% raw %}{{ y }}{% endraw %}\n"
    "{% comment %}{{ z }}{% endcomment %} tail {\n"
)
"""Text, outputs and tags (whitespace control too), braces that open nothing, a raw block,
a comment, a last newline: what ``fast_liquid_lexer`` lexes with both lexers once."""


def _sample_tokens(lexer: Callable[[str], Iterator[Any]]) -> list[tuple[str, str, int]] | None:
    """``LEXER_SAMPLE``'s tokens (kind, value, position), None when lexing it fails."""
    try:
        return [(t.kind, t.value, t.start_index) for t in lexer(LEXER_SAMPLE)]
    except Exception:  # python-liquid's LiquidError, or another lexer failing: not fast
        return None


def strict_abort_pending() -> bool:
    """Whether MkDocs will abort the build once the post-build events are done.

    In strict mode MkDocs' ``build()`` counts warnings with a ``CountHandler`` on the
    ``mkdocs`` logger and raises ``Abort`` after ``on_post_build`` when it counted any.
    """
    from mkdocs.utils import CountHandler

    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)


PAGE_RENDER_NAMES = frozenset(
    {
        "DEBUG", "Markdown", "RuntimeError", "_ExtractAnchorsTreeprocessor",
        "_ExtractTitleTreeprocessor", "_RawHTMLPreprocessor", "_RelativePathTreeprocessor",
        "_register", "_title_from_render", "content", "convert", "file", "getEffectiveLevel",
        "get_toc", "getattr", "links_to_anchors", "log", "logging", "markdown",
        "present_anchor_ids", "title", "toc",
    }
)  # fmt: skip
"""The names MkDocs 1.6's ``Page.render`` uses: ``render_page_with`` mirrors that body. A
release whose ``render`` uses others (sets a new attribute, say) is left to render itself."""


def page_render_mirrored(page: Page) -> bool:
    """Whether ``page`` renders with MkDocs 1.6's own ``Page.render``, which we can mirror.

    A ``Page`` subclass with its own ``render``, a page whose ``render`` another plugin
    replaced, or a MkDocs whose ``render`` changed (``PAGE_RENDER_NAMES``) is left alone.
    """
    from mkdocs.structure.pages import Page

    render = Page.render
    return (
        type(page).render is render
        and "render" not in vars(page)
        and frozenset(render.__code__.co_names) == PAGE_RENDER_NAMES
    )


def replace_page_render(page: Page, render: Callable[[MkDocsConfig, Files], None]) -> None:
    """Make ``page.render(config, files)`` call ``render`` (an instance attribute shadows the
    method; MkDocs' ``_populate_page`` calls ``page.render`` once)."""
    setattr(page, "render", render)  # noqa: B010 (mypy refuses assigning to a method)


def render_page_with(
    page: Page,
    md: Markdown,
    config: MkDocsConfig,
    files: Files,
    wrap_raw_html: Callable[[Any], Any] | None = None,
    relative_paths: Callable[[Any, Files, MkDocsConfig], Any] | None = None,
) -> None:
    """``Page.render`` (MkDocs 1.6) with ``md`` in place of the instance it creates.

    The page's own processors are registered anew (replacing the previous page's, under the
    same names and priorities, so they run in the same order as on a new instance). The
    caller resets ``md`` after the page. ``wrap_raw_html`` (``mkdocs/raw_html_anchors.py``)
    takes MkDocs' raw HTML anchor scan and gives the preprocessor registered in its place;
    ``relative_paths`` (``mkdocs/relative_links.py``) makes the link processor registered
    in place of ``_RelativePathTreeprocessor``, from the same arguments.
    """
    from mkdocs.structure import pages
    from mkdocs.structure.toc import get_toc

    assert page.markdown is not None
    raw_html_ext = pages._RawHTMLPreprocessor()
    raw_html_ext._register(md)
    if wrap_raw_html is not None:
        replace_registered(md.preprocessors, "mkdocs_raw_html", wrap_raw_html(raw_html_ext))
    extract_anchors_ext = pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    extract_anchors_ext._register(md)
    if relative_paths is None:
        relative_path_ext = pages._RelativePathTreeprocessor(page.file, files, config)
    else:
        relative_path_ext = relative_paths(page.file, files, config)
    relative_path_ext._register(md)
    extract_title_ext = pages._ExtractTitleTreeprocessor()
    extract_title_ext._register(md)

    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = extract_title_ext.title
    page.present_anchor_ids = (
        extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
    )
    if pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative_path_ext.links_to_anchors


def relative_path_processor_class() -> type[Any]:
    """MkDocs' ``_RelativePathTreeprocessor`` (a page's link rewriting), which
    ``mkdocs/relative_links.py`` subclasses when its ``path_to_url`` is the one mirrored."""
    from mkdocs.structure import pages

    return pages._RelativePathTreeprocessor


def mkdocs_raw_html_scan() -> tuple[type[Any], type[Any]]:
    """MkDocs' ``_RawHTMLPreprocessor`` (which finds the ids of a page's raw HTML) and the
    ``_HTMLHandler`` it parses with, whose code ``mkdocs/raw_html_anchors.py`` checks."""
    from mkdocs.structure import pages

    return pages._RawHTMLPreprocessor, pages._HTMLHandler


def render_empty_page(page: Page) -> None:
    """What ``Page.render`` gives a page whose Markdown is blank, without a Markdown instance.

    ``Markdown.convert`` returns ``""`` for blank text before any processor runs: no title,
    no anchors, no links, the table of contents of no headings.
    """
    from mkdocs.structure import pages
    from mkdocs.structure.toc import get_toc

    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    if pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {}


INLINE_HANDLER = "_InlineProcessor__handleInline"
INLINE_APPLY = "_InlineProcessor__applyPattern"
INLINE_PLACEHOLDERS = "_InlineProcessor__processPlaceholders"
INLINE_HANDLER_NAMES = frozenset(
    {"AtomicString", INLINE_APPLY, "inlinePatterns", "isinstance", "len", "util"}
)
"""The names Python-Markdown's ``__handleInline`` (3.5 to 3.11) uses: the loop
``kramdown/triggers.py`` mirrors. A release whose loop uses others is left to run its own."""


def inline_handler_mirrored() -> bool:
    """Whether Python-Markdown's inline pass loops over the patterns as we mirror it."""
    from markdown.treeprocessors import InlineProcessor

    handler = getattr(InlineProcessor, INLINE_HANDLER, None)
    code = getattr(handler, "__code__", None)
    return (
        callable(getattr(InlineProcessor, INLINE_APPLY, None))
        and code is not None
        and frozenset(code.co_names) == INLINE_HANDLER_NAMES
    )


def replace_inline_handler(processor: object, handler: Callable[[str, int], str]) -> None:
    """Make ``processor``'s inline pass call ``handler(data, pattern_index)`` for each run of
    text (an instance attribute shadows ``InlineProcessor.__handleInline``)."""
    setattr(processor, INLINE_HANDLER, handler)


def inline_pattern_applier(
    processor: object,
) -> Callable[[Any, str, int, int], tuple[str, bool, int]]:
    """``processor.__applyPattern(pattern, data, pattern_index, start)``, bound."""
    applier: Callable[[Any, str, int, int], tuple[str, bool, int]] = getattr(
        processor, INLINE_APPLY
    )
    return applier


def inline_text_handler(processor: object) -> Callable[[str], str]:
    """``processor.__handleInline``, bound (or the handler ``replace_inline_handler`` set)."""
    handler: Callable[[str], str] = getattr(processor, INLINE_HANDLER)
    return handler


def inline_placeholder_processor(processor: object) -> Callable[..., list[Any]]:
    """``processor.__processPlaceholders(data, parent, isText=True)``, bound: the run's
    nodes and their ancestors, with ``parent``'s text or tail set from ``data``."""
    process: Callable[..., list[Any]] = getattr(processor, INLINE_PLACEHOLDERS)
    return process


def regex_tree(regex: re.Pattern[str]) -> list[tuple[Any, Any]] | None:
    """The parse tree of ``regex`` (``re._parser``'s items), or None when it cannot be read."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        return list(_parser.parse(regex.pattern, regex.flags).data)
    except (ImportError, AttributeError, re.error, TypeError, ValueError):
        return None


def regex_op_name(op: object) -> str:
    """The name of an operator of ``regex_tree`` (``LITERAL``, ``BRANCH``...)."""
    return str(getattr(op, "name", op))


MARKDOWN_SERIALIZER_FUNCTIONS = (
    "_serialize_html",
    "_write_html",
    "to_xhtml_string",
    "to_html_string",
    "_escape_cdata",
    "_escape_attrib_html",
)
"""The functions of ``markdown.serializers`` ``kramdown/serializer.py`` mirrors (some private)."""


def markdown_serializer_functions() -> dict[str, Any] | None:
    """Python-Markdown's serializer functions by name (None when one is missing), for
    ``kramdown/serializer.py`` to compare with the code it mirrors."""
    from markdown import serializers

    functions = {name: getattr(serializers, name, None) for name in MARKDOWN_SERIALIZER_FUNCTIONS}
    return None if None in functions.values() else functions


PARSE_BLOCKS_NAMES = frozenset({"blockprocessors", "run", "test"})
"""The names Python-Markdown's ``BlockParser.parseBlocks`` (3.5 to 3.11) uses: the loop
``kramdown/block_triggers.py`` mirrors. A release whose loop uses others runs its own."""


def block_loop_mirrored() -> bool:
    """Whether Python-Markdown's block parser loops over its processors as we mirror it."""
    from markdown.blockparser import BlockParser

    code = getattr(BlockParser.parseBlocks, "__code__", None)
    return code is not None and frozenset(code.co_names) == PARSE_BLOCKS_NAMES


def replace_parse_blocks(parser: object, loop: Callable[[Any, list[str]], None]) -> None:
    """Make ``parser.parseBlocks(parent, blocks)`` (what ``parseChunk`` and block processors
    call) run ``loop``: an instance attribute shadows the method."""
    setattr(parser, "parseBlocks", loop)  # noqa: B010 (mypy refuses assigning to a method)


def replace_registered(registry: object, name: str, item: object) -> bool:
    """Put ``item`` in the place of the one registered as ``name`` in a Python-Markdown
    ``Registry``, keeping its priority and its place among equal priorities.

    Returns:
        Whether it was replaced (False when ``name`` is not registered or the registry's
        storage is not the one we know).
    """
    data = getattr(registry, "_data", None)
    if not isinstance(data, dict) or name not in data:
        return False
    data[name] = item
    return True


def register_in_place(registry: object, item: object, name: str, priority: object) -> bool:
    """``Registry.register(item, name, priority)`` done in place, when it moves nothing.

    ``register`` takes the item of that name out and appends the new one, then marks the
    registry unsorted; its next iteration sorts it again (by priority, stably). When the
    registry is sorted and the old item has the same priority (of the same type), with no
    item of that priority after it, that sort would put the new one where the old one was:
    here it takes that place at once (its name moved last in ``_data``, as ``register`` moves
    it) and the registry stays sorted.

    Returns:
        Whether it was done (False when ``register`` has to run, which it then must be).
    """
    storage = registry_storage(registry)
    if storage is None or getattr(registry, "_is_sorted", None) is not True:
        return False
    items, data = storage
    if name not in data or len(items) != len(data):
        return False
    index = len(items) - 1
    while index >= 0 and items[index][0] != name:
        index -= 1
    if index < 0:
        return False
    old = items[index][1]
    if type(old) is not type(priority) or old != priority:
        return False
    if index + 1 < len(items) and items[index + 1][1] == priority:
        return False
    del data[name]
    data[name] = item
    return True


def registry_storage(registry: object) -> tuple[list[Any], dict[str, Any]] | None:
    """A Python-Markdown ``Registry``'s own storage: its ``(name, priority)`` items in
    registration order (sorted once iterated) and its items by name. Iterating it gives
    ``[data[name] for name, _ in sorted(priority items)]``, so equal storage gives the same
    items in the same order. None when the storage is not the one we know."""
    priority = getattr(registry, "_priority", None)
    data = getattr(registry, "_data", None)
    if isinstance(priority, list) and isinstance(data, dict):
        return priority, data
    return None


JINJA_GETATTR_NAMES = ("getattr", "AttributeError", "TypeError", "LookupError", "undefined")
JINJA_MAKE_GLOBALS_NAMES = ("ChainMap", "globals")
JINJA_CONTEXT_NAMES = (
    "parent", "vars", "environment", "EvalContext", "eval_ctx", "set", "exported_vars",
    "name", "globals_keys", "items", "blocks",
)  # fmt: skip
"""The names Jinja 3.1's ``Environment.getattr``, ``make_globals`` and ``Context.__init__``
use, in order: the bodies ``mkdocs/jinja_runtime.py`` mirrors. A release whose methods use
others is left alone."""


def function_source(function: Any) -> str | None:
    """A function's source lines, from its first line (its first decorator's) to the last
    line holding code of it or of a function nested in it; None without a source file.

    What ``inspect.getsource`` gives for a function ending in code (the functions mirrored
    here: checked against it in the tests), without tokenizing the module's lines: two
    calls of it were 5 ms of every build's serial head.
    """
    import linecache

    code = getattr(function, "__code__", None)
    if code is None:
        return None
    lines = linecache.getlines(code.co_filename)
    if not lines:
        return None
    return "".join(lines[code.co_firstlineno - 1 : _last_line(code)])


def _last_line(code: Any) -> int:
    last: int = max(
        (line for _, _, line in code.co_lines() if line is not None), default=code.co_firstlineno
    )
    for const in code.co_consts:
        if hasattr(const, "co_lines"):
            last = max(last, _last_line(const))
    return last


def code_fingerprint(function: Any) -> tuple[frozenset[str], tuple[Any, ...]] | None:
    """The names and constants a function's code uses, its docstring aside (Python 3.13
    strips its indentation), or None for what is not Python code.

    What a mirror of upstream code checks before it takes that code's place: a release
    whose function uses other names or constants keeps its own.
    """
    code = getattr(function, "__code__", None)
    if code is None:
        return None
    doc = getattr(function, "__doc__", None)
    consts = tuple(c for c in code.co_consts if doc is None or not (type(c) is str and c == doc))
    return frozenset(code.co_names), consts


def nested_code_fingerprint(function: Any) -> tuple[frozenset[str], frozenset[str]] | None:
    """The names and string constants of a function's code and of every code object nested
    in it (its lambdas and comprehensions), its docstring aside; None for what is not Python
    code.

    For a mirrored function with lambdas, which ``code_fingerprint`` would compare with their
    line numbers: as sets, the same on every Python from 3.11 (3.12 inlines comprehensions
    into the code around them, 3.13 drops unused None constants).
    """
    code = getattr(function, "__code__", None)
    if code is None:
        return None
    doc = getattr(function, "__doc__", None)
    names: set[str] = set()
    strings: set[str] = set()
    pending = [code]
    while pending:
        current = pending.pop()
        names.update(current.co_names)
        for const in current.co_consts:
            if isinstance(const, CodeType):
                pending.append(const)
            elif type(const) is str and const != doc:
                strings.add(const)
    return frozenset(names), frozenset(strings)


def jinja_runtime_mirrored() -> bool:
    """Whether Jinja's ``Environment.getattr``, ``make_globals`` and ``Context.__init__`` are
    the ones we mirror."""
    from jinja2 import Environment
    from jinja2.runtime import Context

    return (
        Environment.getattr.__code__.co_names == JINJA_GETATTR_NAMES
        and Environment.make_globals.__code__.co_names == JINJA_MAKE_GLOBALS_NAMES
        and Environment.context_class is Context
        and Context.__init__.__code__.co_names == JINJA_CONTEXT_NAMES
    )


def theme_getitem() -> Any:
    """MkDocs' ``Theme.__getitem__`` when it reads its private dict (``self.__vars[key]``,
    MkDocs 1.5 and 1.6), else None: ``jinja_runtime`` then reads a theme's items the
    item way, raising ``KeyError`` for a missing one."""
    from mkdocs.theme import Theme

    getitem = Theme.__dict__.get("__getitem__")
    code = getattr(getitem, "__code__", None)
    if code is None or code.co_names != ("_Theme__vars",) or code.co_argcount != 2:
        return None
    return getitem


CONFIG_OPTION_GET_NAMES = ("isinstance", "Config", "_name")
"""The names MkDocs' ``BaseConfigOption.__get__`` (1.4 to 1.6) uses: ``obj[self._name]`` for
a ``Config``, the option itself otherwise."""


def config_option_items(kind: type[Any]) -> dict[str, str] | None:
    """Each option attribute of the MkDocs config class ``kind`` and the item it reads.

    For a class whose attributes read as MkDocs 1.6's do: an option (a ``BaseConfigOption``,
    a data descriptor, so an instance's ``__dict__`` cannot shadow it) whose ``__get__`` is
    MkDocs' own returns ``config[option._name]``, the private name ``__set_name__`` gave it,
    and ``config[key]`` is ``UserDict``'s (``self.data[key]`` when present). None when any
    of that differs (another MkDocs, a class reading attributes or items its own way).
    """
    from collections import UserDict

    from mkdocs.config.base import BaseConfigOption, Config

    get = BaseConfigOption.__dict__.get("__get__")
    if getattr(getattr(get, "__code__", None), "co_names", None) != CONFIG_OPTION_GET_NAMES:
        return None
    if not issubclass(kind, Config) or "__getattr__" in dir(kind) or "__missing__" in dir(kind):
        return None
    if kind.__getattribute__ is not object.__getattribute__:
        return None
    if getattr(kind, "__getitem__", None) is not UserDict.__getitem__:
        return None
    found: dict[str, Any] = {}
    for base in kind.__mro__:  # The class attribute an instance's lookup finds first.
        for name, value in vars(base).items():
            found.setdefault(name, value)
    items: dict[str, str] = {}
    for name, option in found.items():
        if isinstance(option, BaseConfigOption) and getattr(type(option), "__get__", None) is get:
            items[name] = option._name
    return items


def use_environment_class(env: Any, cls: type[Any]) -> None:
    """Make ``env`` (a plain ``jinja2.Environment``) an instance of ``cls``, a subclass adding
    no state: its attributes stay, the compiled templates call ``cls``'s methods."""
    env.__class__ = cls


REGEX_LEXER_NAMES = (
    "_tokens", "list", "type", "_TokenType", "group", "end", "isinstance", "tuple", "len",
    "pop", "append", "int", "abs", "Whitespace", "Error", "IndexError",
)  # fmt: skip
"""The names Pygments' ``RegexLexer.get_tokens_unprocessed`` (2.16 to 2.21) uses, in order:
the loop ``kramdown/pygments_loop.py`` mirrors. A release whose loop uses others runs its own."""


def regex_lexer_states(lexer: object) -> dict[str, list[tuple[Any, Any, Any]]] | None:
    """The compiled states (``_tokens``) of a Pygments lexer whose loop is ``RegexLexer``'s
    own as we mirror it, or None (a lexer with a loop of its own, or another Pygments)."""
    from pygments.lexer import RegexLexer

    loop = RegexLexer.get_tokens_unprocessed
    if getattr(type(lexer), "get_tokens_unprocessed", None) is not loop:
        return None
    if loop.__code__.co_names != REGEX_LEXER_NAMES:
        return None
    states = getattr(type(lexer), "_tokens", None)
    return states if isinstance(states, dict) and "root" in states else None


def replace_lexer_loop(lexer: object, loop: Callable[..., Iterator[Any]]) -> None:
    """Make ``lexer.get_tokens_unprocessed(text, stack)`` (what ``Lexer.get_tokens`` and
    ``using(this)`` call) run ``loop``: an instance attribute shadows the method."""
    setattr(lexer, "get_tokens_unprocessed", loop)  # noqa: B010 (mypy refuses assigning to a method)
