"""Every private upstream name ``mkdocs_jekyll.compat`` uses, checked on the installed versions.

An upstream release that renames or reshapes one of them fails here, naming it, instead of
deep inside a build (or, worse, silently: several uses are ``setattr``).
"""

from __future__ import annotations

import inspect
import json
import logging
import sys
from collections import ChainMap
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands import serve
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import weak_property

from mkdocs_jekyll import compat


def test_serve_builder_calls_build_with_dirty() -> None:
    """mkdocs/commands/serve.py: the builder calls the module-level ``build(..., dirty=)``."""
    assert compat.serve_builder_calls_build()
    source = inspect.getsource(serve.serve)
    assert f"{compat.SERVE_BUILD}(config, serve_url=" in source
    assert "dirty=is_dirty" in source


def test_serve_builds_dirty_swaps_and_restores_build() -> None:
    original = getattr(serve, compat.SERVE_BUILD)
    with compat.serve_builds_dirty():
        assert getattr(serve, compat.SERVE_BUILD) is not original
    assert getattr(serve, compat.SERVE_BUILD) is original


def test_live_reload_server_keeps_its_builder_as_an_attribute() -> None:
    assert "builder" in inspect.signature(LiveReloadServer.__init__).parameters
    assert "self.builder = builder" in inspect.getsource(LiveReloadServer.__init__)


def test_clean_directory_is_what_static_i18n_replaces() -> None:
    from mkdocs import utils
    from mkdocs_static_i18n.plugin import I18n

    assert callable(utils.clean_directory)
    assert "utils.clean_directory" in inspect.getsource(I18n.on_post_build)
    original = utils.clean_directory
    with compat.restoring_clean_directory():
        utils.clean_directory = print
    assert utils.clean_directory is original


def test_page_title_is_a_weak_property(tmp_path: Path) -> None:
    assert isinstance(inspect.getattr_static(Page, "title"), weak_property)
    file = File("a.md", str(tmp_path), str(tmp_path / "site"), True)
    page = Page(None, file, {})  # type: ignore[arg-type]
    compat.set_page_title(page, "Hello")
    assert page.title == "Hello"


def test_file_get_url_follows_dest_uri(tmp_path: Path) -> None:
    assert "use_directory_urls" in inspect.signature(File._get_url).parameters
    file = File("a.md", str(tmp_path), str(tmp_path / "site"), True)
    file.dest_uri = "en/b/index.html"
    assert compat.file_url(file, True) == "en/b/"
    assert compat.file_url(file, False) == "en/b/index.html"


def test_static_i18n_reconfigure_files_and_logging_filter() -> None:
    from mkdocs_static_i18n.plugin import I18n

    params = list(inspect.signature(I18n.reconfigure_files).parameters)
    assert params == ["self", "files", "mkdocs_config"]
    quiet = compat.build_log_filter(("Documentation built in",))
    record = logging.LogRecord("mkdocs", logging.INFO, "", 0, "Documentation built in 1s", (), None)
    kept = logging.LogRecord("mkdocs", logging.INFO, "", 0, "Building", (), None)
    assert (quiet(record), quiet(kept)) == (False, True)


def test_material_search_index_generates_json_from_a_previous_index() -> None:
    from material.plugins.search.plugin import SearchIndex, SearchPlugin

    assert list(inspect.signature(SearchIndex.generate_search_index).parameters) == [
        "self",
        "prev",
    ]
    plugin = SearchPlugin()
    assert not compat.has_search_index(plugin)
    # Its config as Material's plugin loads it: the keys vary by release (9.7 added `fields`).
    assert plugin.load_config({"lang": ["en"], "separator": " "}) == ([], [])
    plugin.search_index = SearchIndex(**plugin.config)
    assert compat.has_search_index(plugin)
    assert compat.search_index_data(plugin)["docs"] == []
    entry = {"location": "a/", "title": "Ä <b>", "text": "\u2028\x7f", "boost": date(2024, 1, 2)}
    compat.search_entries(plugin).append(entry)
    data = compat.search_index_data(plugin)
    assert data["docs"] == [entry]
    # What Material writes is this, encoded as Material encodes it.
    encoded = json.dumps(data, separators=(",", ":"), default=str)
    assert encoded == plugin.search_index.generate_search_index(None)


def test_material_search_parser_is_the_one_fast_search_mirrors() -> None:
    """A Material whose parser changed keeps its own (slower) index: this names the change.

    Compare ``compat.material_search_parser_source()`` with ``features/search_sections.py``;
    when they still agree, add the new hash to ``fast_search.KNOWN_PARSERS``.
    """
    from material.plugins.search import plugin
    from material.plugins.search.plugin import SearchIndex

    from mkdocs_jekyll.mkdocs import fast_search

    assert compat.material_search_index_type() is SearchIndex
    assert "parser = Parser()" in inspect.getsource(SearchIndex.add_entry_from_context)
    assert fast_search.parser_fingerprint() in fast_search.KNOWN_PARSERS, plugin.__file__


def test_class_sources_from_one_parse_are_what_inspect_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fingerprint's classes are read from one parse of their module: same text."""
    import importlib.util

    from material.plugins.search import plugin

    names = ("SearchIndex.add_entry_from_context", "Parser", "Element", "Section")
    expected = [inspect.getsource(compat._attribute_path(plugin, name)) for name in names]
    assert compat._class_sources(plugin, names) == expected
    module_file = tmp_path / "classes_for_compat.py"
    module_file.write_text(
        "import dataclasses, functools\n\n\n@dataclasses.dataclass\n# a comment\nclass A:\n"
        "    x: int = 1\n\n    # inside\n    def f(self):\n        return 1\n\n"
        "    @functools.cache\n    # a comment\n    def g(self):\n        return 2\n\n"
        "    def h(self):\n        pass\n\n    h = functools.partialmethod(f)\n\n"
        '# after A\n\n\nclass B(A):\n    """Doc."""\n\n\nB2 = B\n',
        "utf-8",
    )
    spec = importlib.util.spec_from_file_location("classes_for_compat", module_file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "classes_for_compat", module)  # inspect looks it up
    spec.loader.exec_module(module)
    assert compat._class_sources(module, ("A", "B", "B2", "A.f", "A.g", "B.f", "A.h")) == [
        inspect.getsource(module.A),
        inspect.getsource(module.B),
        inspect.getsource(module.B),  # not a class of that name: inspect's own answer
        inspect.getsource(module.A.f),
        inspect.getsource(module.A.g),
        inspect.getsource(module.A.f),  # B's f is A's: inspect's own answer
        inspect.getsource(module.A.h),  # not the `def h` parsed: inspect's own answer
    ]


def test_replace_search_index_keeps_materials_state() -> None:
    from material.plugins.search.plugin import SearchIndex, SearchPlugin

    class Replacement(SearchIndex):  # type: ignore[misc]
        pass

    plugin = SearchPlugin()
    plugin.search_index = index = SearchIndex(lang=["en"], separator=" ", pipeline=[], fields={})
    compat.replace_search_index(plugin, Replacement)
    assert type(plugin.search_index) is Replacement
    assert vars(plugin.search_index) == vars(index)
    assert plugin.search_index.entries is index.entries


def test_python_liquid_no_op_filter_returns_its_input() -> None:
    assert compat.no_op_filter()("x", 1, a=2) == "x"


def test_python_liquid_lexes_text_with_the_rule_the_fast_lexer_replaces() -> None:
    """liquid/lex.py: ``compile_liquid_rules`` holds the lazy text rule once, and
    ``_tokenize_template`` is the lexer ``get_lexer`` binds to those rules."""
    from liquid.lex import _tokenize_template, compile_liquid_rules, get_lexer

    assert compile_liquid_rules().pattern.count(compat.LIQUID_TEXT_PATTERN) == 1
    assert get_lexer().func is _tokenize_template  # type: ignore[attr-defined]
    lexer = compat.fast_liquid_lexer()
    assert lexer is not None
    source = "a {{ b }} {%- if c -%}\n{% endif %}{ {{x}}\n"
    assert [(t.kind, t.value, t.start_index) for t in lexer(source)] == [
        (t.kind, t.value, t.start_index) for t in get_lexer()(source)
    ]


def test_strict_builds_count_warnings_with_a_count_handler_on_the_mkdocs_logger() -> None:
    """MkDocs 1.6's ``build()`` adds a ``CountHandler`` in strict mode and aborts on it."""
    from mkdocs.commands import build as build_module
    from mkdocs.utils import CountHandler

    source = inspect.getsource(build_module.build)
    assert "CountHandler()" in source and "get_counts()" in source
    handler = CountHandler()
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        assert not compat.strict_abort_pending()
        logging.getLogger("mkdocs.test_compat").warning("counted")
        assert compat.strict_abort_pending()
    finally:
        logger.removeHandler(handler)


def test_page_render_is_the_body_render_page_with_mirrors() -> None:
    """mkdocs/structure/pages.py: ``Page.render`` uses exactly the names we mirror, and its
    page processors and the attributes it sets are where ``render_page_with`` expects them."""
    from mkdocs.structure import pages

    assert frozenset(Page.render.__code__.co_names) == compat.PAGE_RENDER_NAMES
    source = inspect.getsource(Page.render)
    for name in (
        "_RawHTMLPreprocessor()",
        "_ExtractAnchorsTreeprocessor(self.file, files, config)",
        "_RelativePathTreeprocessor(self.file, files, config)",
        "_ExtractTitleTreeprocessor()",
        "self.toc = get_toc(getattr(md, 'toc_tokens', []))",
        "self._title_from_render = extract_title_ext.title",
        "if log.getEffectiveLevel() > logging.DEBUG:",
    ):
        assert name in source, name
    for processor in (
        pages._RawHTMLPreprocessor,
        pages._ExtractAnchorsTreeprocessor,
        pages._RelativePathTreeprocessor,
        pages._ExtractTitleTreeprocessor,
    ):
        assert callable(processor._register)
    assert isinstance(pages.log, logging.Logger)


def test_mkdocs_raw_html_scan_is_the_preprocessor_and_its_handler() -> None:
    """mkdocs/structure/pages.py: ``_RawHTMLPreprocessor`` registers as ``mkdocs_raw_html``
    (where ``render_page_with`` puts ``raw_html_anchors``' scan) and parses with
    ``_HTMLHandler``, a Python-Markdown HTML parser."""
    import markdown
    from markdown.htmlparser import htmlparser

    preprocessor, handler = compat.mkdocs_raw_html_scan()
    md = markdown.Markdown()
    preprocessor()._register(md)
    assert type(md.preprocessors["mkdocs_raw_html"]) is preprocessor
    assert issubclass(handler, htmlparser.HTMLParser)


def test_relative_path_processor_class_is_mkdocs_link_processor() -> None:
    """mkdocs/structure/pages.py: ``_RelativePathTreeprocessor`` registers as ``relpath``
    (where ``render_page_with`` puts ``relative_links``' subclass) and rewrites links in
    ``path_to_url``."""
    from mkdocs.structure import pages

    cls = compat.relative_path_processor_class()
    assert cls is pages._RelativePathTreeprocessor
    assert callable(cls.path_to_url)


def test_a_page_render_replaced_or_overridden_is_left_alone(tmp_path: Path) -> None:
    from mkdocs.config.defaults import MkDocsConfig

    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path)})
    file = File("a.md", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True)
    page = Page(None, file, config)
    assert compat.page_render_mirrored(page)
    compat.replace_page_render(page, lambda config, files: None)
    assert not compat.page_render_mirrored(page)

    class OwnPage(Page):
        def render(self, config: Any, files: Any) -> None:
            pass

    assert not compat.page_render_mirrored(OwnPage(None, file, config))


def test_mkdocs_serve_command_has_a_livereload_parameter() -> None:
    from mkdocs.__main__ import cli

    command = cli.commands["serve"]
    # Parsing MkDocs' options sets up its 'mkdocs' logger (its own handler, no propagation):
    # left so, later tests' caplog would see none of the build's records.
    logger = logging.getLogger("mkdocs")
    saved = (logger.propagate, logger.level, list(logger.handlers))
    try:
        for args, expected in (([], True), (["--no-livereload"], False)):
            with command.make_context("serve", args):
                assert compat.serve_livereload() is expected
    finally:
        logger.propagate, logger.handlers[:] = saved[0], saved[2]
        logger.setLevel(saved[1])
    assert not compat.serve_livereload()  # Outside MkDocs' command line.


def test_python_markdowns_inline_loop_is_the_one_triggers_mirrors() -> None:
    """markdown/treeprocessors.py: ``__handleInline`` uses the names we mirror and calls
    ``__applyPattern(pattern, data, patternIndex, startIndex)``; an instance attribute
    takes its place."""
    import markdown
    from markdown.treeprocessors import InlineProcessor

    assert compat.inline_handler_mirrored()
    source = inspect.getsource(getattr(InlineProcessor, compat.INLINE_HANDLER))
    assert "self.inlinePatterns[patternIndex], data, patternIndex, startIndex" in source
    parameters = inspect.signature(getattr(InlineProcessor, compat.INLINE_APPLY)).parameters
    assert list(parameters) == ["self", "pattern", "data", "patternIndex", "startIndex"]
    processor = InlineProcessor(markdown.Markdown())
    compat.replace_inline_handler(processor, lambda data, index=0: data.upper())
    assert getattr(processor, compat.INLINE_HANDLER)("x") == "X"
    assert callable(compat.inline_pattern_applier(processor))
    assert compat.inline_text_handler(processor)("y") == "Y"
    parameters = inspect.signature(compat.inline_placeholder_processor(processor)).parameters
    assert list(parameters) == ["data", "parent", "isText"]


def test_python_regex_parser_gives_named_operators() -> None:
    """re/_parser.py: the parse tree ``regex_triggers`` reads, with its operators' names."""
    import re

    tree = compat.regex_tree(re.compile(r"\{:|(?=a)[bc]+"))
    assert tree is not None
    names = [compat.regex_op_name(op) for op, _ in tree]
    assert names == ["BRANCH"]
    branch = tree[0][1][1]
    assert [compat.regex_op_name(op) for op, _ in branch[0]] == ["LITERAL", "LITERAL"]
    assert [compat.regex_op_name(op) for op, _ in branch[1]] == ["ASSERT", "MAX_REPEAT"]


def test_python_markdowns_block_loop_is_the_one_block_triggers_mirrors() -> None:
    """markdown/blockparser.py: ``parseBlocks`` is the loop we mirror, and an instance
    attribute takes its place for ``parseChunk``."""
    import xml.etree.ElementTree as etree

    import markdown
    from markdown.blockparser import BlockParser

    assert compat.block_loop_mirrored()
    source = inspect.getsource(BlockParser.parseBlocks)
    assert "if processor.test(parent, blocks[0]):" in source
    assert "if processor.run(parent, blocks) is not False:" in source
    parser = markdown.Markdown().parser
    seen: list[list[str]] = []
    compat.replace_parse_blocks(parser, lambda parent, blocks: seen.append(blocks))
    parser.parseChunk(etree.Element("div"), "a\n\nb")
    assert seen == [["a", "b"]]


def test_python_markdowns_registry_storage_is_the_one_we_read_and_write() -> None:
    """markdown/util.py: ``Registry`` keeps ``_priority`` (name, priority items, sorted when
    iterated) and ``_data`` (items by name); iterating reads an item by its name there."""
    from markdown.util import Registry

    registry: Registry[str] = Registry()
    registry.register("a", "first", 10)
    registry.register("b", "second", 20)
    storage = compat.registry_storage(registry)
    assert storage is not None
    assert list(registry) == ["b", "a"]
    assert [item.name for item in storage[0]] == ["second", "first"]
    assert storage[1] == {"first": "a", "second": "b"}
    assert compat.replace_registered(registry, "first", "z")
    assert list(registry) == ["b", "z"]
    assert not compat.replace_registered(registry, "missing", "y")
    assert compat.registry_storage(object()) is None


def test_add_files_from_theme_reads_one_listing_of_the_environment(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    assert compat.theme_files_listing_only()
    original = compat._ORIGINAL_ADD_FILES_FROM_THEME or Files.add_files_from_theme
    assert list(inspect.signature(original).parameters)[1:] == ["env", "config"]
    (tmp_path / "docs").mkdir()
    (tmp_path / "theme/css").mkdir(parents=True)
    (tmp_path / "theme/css/a.css").write_text("a", "utf-8")
    config = load_config(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        docs_dir=str(tmp_path / "docs"),
        theme={"name": None, "custom_dir": str(tmp_path / "theme")},
    )
    listed: list[Any] = []

    class Listing:  # the one thing of the environment it reads
        def list_templates(self, extensions: Any = None, filter_func: Any = None) -> list[str]:
            listed.append(filter_func)
            return ["css/a.css"]

    files = Files([])
    original(files, Listing(), config)
    assert [f.src_uri for f in files] == ["css/a.css"] and len(listed) == 1
    assert not listed[0]("main.html") and listed[0]("css/a.css")


def test_the_theme_filter_drops_dot_paths_and_jinja_lists_as_mirrored(tmp_path: Path) -> None:
    import jinja2
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    assert compat.theme_filter_drops_dot_paths()
    assert compat.jinja_listing_mirrored()
    source = inspect.getsource(jinja2.FileSystemLoader.list_templates)
    assert "os.walk(searchpath, followlinks=self.followlinks)" in source
    (tmp_path / "docs").mkdir()
    config = load_config(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        docs_dir=str(tmp_path / "docs"),
        theme={"name": None, "custom_dir": str(tmp_path)},
    )
    listed: list[Any] = []

    class Listing:
        def list_templates(self, extensions: Any = None, filter_func: Any = None) -> list[str]:
            listed.append(filter_func)
            return []

    original = compat._ORIGINAL_ADD_FILES_FROM_THEME or Files.add_files_from_theme
    original(Files([]), Listing(), config)
    for name in (".icons/a.svg", "assets/.x/b.css", "a/b/.c.js", ".d/e/f.png"):
        assert not listed[0](name)
    assert listed[0]("assets/b.css")


def test_static_i18n_create_i18n_file_is_the_one_mirrored() -> None:
    from mkdocs_static_i18n import folder
    from mkdocs_static_i18n.plugin import I18n

    assert compat.i18n_file_mirrored()
    original, log, pattern = compat.i18n_file_parts()
    assert original is folder.create_i18n_file and hasattr(log, "isEnabledFor")
    assert pattern.match("pt_BR") and not pattern.match("cv1")
    assert "folder.create_i18n_file" in inspect.getsource(I18n.reconfigure_files)
    with compat.i18n_files_made_by(print):  # type: ignore[arg-type]
        assert folder.create_i18n_file is print
    assert folder.create_i18n_file is original


def test_jinja_getattr_and_make_globals_are_the_ones_jinja_runtime_mirrors() -> None:
    from jinja2 import Environment

    assert compat.jinja_runtime_mirrored()
    env = Environment()
    assert isinstance(env.make_globals(None), ChainMap)
    assert env.getattr({"a": 1}, "a") == 1

    class Other(Environment):
        pass

    compat.use_environment_class(env, Other)
    assert type(env) is Other and env.getattr({"a": 1}, "a") == 1


def test_mkdocs_config_options_read_their_private_named_item() -> None:
    """``BaseConfigOption.__get__`` reads ``config[self._name]``: ``jinja_runtime`` reads the
    item directly. A MkDocs whose options read otherwise is read through the attribute."""
    from mkdocs.config.defaults import MkDocsConfig

    items = compat.config_option_items(MkDocsConfig)
    assert items, "MkDocs' config options no longer read as compat.config_option_items checks"
    config = MkDocsConfig()
    config["site_name"] = "Site"
    for attribute, name in items.items():
        if name in config.data:
            assert getattr(config, attribute) is config.data[name], attribute


def test_python_markdowns_serializer_functions_are_the_ones_kramdown_serializer_reads() -> None:
    """markdown/serializers.py: the private functions ``kramdown/serializer.py`` compares
    with the code it mirrors are there, and ``to_xhtml_string`` serializes through them."""
    import xml.etree.ElementTree as etree

    from markdown import serializers

    functions = compat.markdown_serializer_functions()
    assert functions is not None
    assert sorted(functions) == sorted(compat.MARKDOWN_SERIALIZER_FUNCTIONS)
    assert functions["to_xhtml_string"] is serializers.to_xhtml_string
    assert "_write_html" in inspect.getsource(serializers.to_xhtml_string)
    assert "_serialize_html" in inspect.getsource(functions["_write_html"])
    element = etree.Element("p")
    element.text = "a & b"
    assert functions["_escape_cdata"]("a & b <") == "a &amp; b &lt;"
    assert serializers.to_xhtml_string(element) == "<p>a &amp; b</p>"


def test_pygments_regex_lexer_loop_is_the_one_pygments_loop_mirrors() -> None:
    """pygments/lexer.py: ``RegexLexer.get_tokens_unprocessed`` uses the names we mirror, a
    lexer class keeps its compiled states in ``_tokens`` (rules of ``(match, action,
    new_state)``), and ``Lexer.get_tokens`` calls the loop through the instance."""
    from pygments.lexer import Lexer, RegexLexer
    from pygments.lexers import get_lexer_by_name

    loop = RegexLexer.get_tokens_unprocessed
    assert loop.__code__.co_names == compat.REGEX_LEXER_NAMES
    lexer = get_lexer_by_name("python")
    states = compat.regex_lexer_states(lexer)
    assert states is not None and states is type(lexer)._tokens  # type: ignore[attr-defined]
    match, _action, _new_state = states["root"][0]
    assert match.__self__.match == match
    assert "self.get_tokens_unprocessed(text)" in inspect.getsource(Lexer.get_tokens)
    seen: list[str] = []
    compat.replace_lexer_loop(lexer, lambda text, stack=("root",): iter(seen.append(text) or ()))
    assert list(lexer.get_tokens("x")) == [] and seen == ["x\n"]
    assert compat.regex_lexer_states(get_lexer_by_name("pycon")) is None


def test_copy_static_files_copies_each_static_file_as_mirrored(tmp_path: Path) -> None:
    """``static_copies`` mirrors the loop and may skip ``copy_file`` of a plain file."""
    from mkdocs.structure.files import Files

    assert compat.static_copy_mirrored()
    original = compat._ORIGINAL_COPY_STATIC_FILES or Files.copy_static_files
    assert list(inspect.signature(original).parameters) == ["self", "dirty", "inclusion"]
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/a.css").write_text("a", "utf-8")
    (tmp_path / "docs/b.md").write_text("# b", "utf-8")
    plain = File("a.css", str(tmp_path / "docs"), str(tmp_path / "site"), True)
    page = File("b.md", str(tmp_path / "docs"), str(tmp_path / "site"), True)
    assert compat.file_content_unset(plain)
    original(Files([plain, page]))
    assert sorted(p.name for p in (tmp_path / "site").rglob("*")) == ["a.css"]
    plain.content_string = "set"
    assert not compat.file_content_unset(plain) and plain.abs_src_path is None


def test_static_i18n_tests_each_files_folder_with_its_is_relative_to(tmp_path: Path) -> None:
    """``i18n_files`` swaps the folder test ``reconfigure_files`` looks up on its module."""
    from mkdocs_static_i18n import reconfigure

    assert compat.i18n_relative_test_mirrored()
    original = reconfigure.is_relative_to
    assert original("/docs/en/a.md", "/docs") and not original("/docsx/a.md", "/docs")
    with compat.i18n_relative_test_by(lambda path, folder: False) as upstream:
        assert upstream is original and not reconfigure.is_relative_to("/docs/a", "/docs")
    assert reconfigure.is_relative_to is original


def test_the_file_src_path_setter_is_mkdocs_one_line() -> None:
    from mkdocs.structure.files import File

    assert compat.file_src_path_mirrored()
    original = compat._ORIGINAL_SRC_PATH or vars(File)["src_path"]
    assert "self.src_uri = PurePath(value).as_posix()" in inspect.getsource(original.fset)
