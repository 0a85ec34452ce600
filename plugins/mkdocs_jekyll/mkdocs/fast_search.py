"""Material's search index without ``html.parser``'s cost, byte for byte the same (issue #17).

Material's search plugin indexes each page in its ``on_page_context``: its
``SearchIndex.add_entry_from_context`` feeds the page's HTML to an ``HTMLParser`` subclass
that cuts it into sections, 12% of a cold build's time. ``install_fast_search`` gives the
plugin a subclass of Material's ``SearchIndex`` whose ``add_entry_from_context`` cuts the
page with ``features/search_sections.split_sections`` (about four times faster), and hands a
page outside that fast path to Material's own. The entries themselves are still made by
Material's ``create_entry_for_section``, and the index written by its ``on_post_build``.

Material's ``on_config`` makes a new index for every pass (static-i18n's locale passes,
parallel locale workers and page shards each run a whole build), so the core plugin
installs it in every pass's ``on_pre_build``, between that and the first page.

It is installed only while Material's parser is one ``split_sections`` mirrors: the source
of its pieces (``compat.material_search_parser_source``) must hash to one of
``KNOWN_PARSERS``. Reading that source parses Material's module (7 ms of every build's
serial start), so a module file whose bytes are known (``KNOWN_PARSER_FILES``) gives the
hash its source was found to have. Another Material keeps its own index, without a word:
the index is then right, only slower, and ``tests/test_compat.py`` names the change.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.compat import (
    material_search_index_type,
    material_search_parser_source,
    material_search_parser_type,
    material_search_plugin,
    material_search_plugin_digest,
    replace_search_index,
)
from mkdocs_jekyll.features.search_sections import split_sections

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

_PARSER_9_6 = "7eda2f027a0f2281facea86f40199e6b52073b6854e3edefff114a62c601207a"
"""The parser of Material 9.6.16 to 9.8.2."""

KNOWN_PARSERS = frozenset({_PARSER_9_6})
"""SHA-256 of ``material_search_parser_source()`` in the Materials ``split_sections`` mirrors
(9.6.16 to 9.8.2: the same parser)."""

KNOWN_PARSER_FILES = {
    # 9.6.16
    "856c944681d533ddf8b863da039113aa32bed11ed312f76554e3dc178232b6d6": _PARSER_9_6,
    # 9.8.2
    "cc8a3ac0a8862662d11e87fefcdaa4a42d9ebd70a7943fa921c1c80e2661730b": _PARSER_9_6,
}
"""SHA-256 of Material's ``material/plugins/search/plugin.py`` -> the hash of the parser
source read from it (``parser_fingerprint``; ``tests/test_fast_search.py`` reads them again)."""


def install_fast_search(config: MkDocsConfig) -> bool:
    """Give this pass's Material search plugin the fast index, when it is the one mirrored.

    Returns:
        Whether the pass indexes pages with ``split_sections``.
    """
    plugin = material_search_plugin(config)
    if plugin is None:
        return False
    index_type = fast_index_type()
    if index_type is None:
        log.debug("search: Material's search parser is not one this mirrors; it indexes pages")
        return False
    current = type(plugin.search_index)
    if current is index_type:
        return True
    if current is not index_type.__base__:
        return False  # Not Material's own class (another plugin's, or a new shape).
    replace_search_index(plugin, index_type)
    return True


def fast_index_type() -> type[Any] | None:
    """The fast subclass of Material's ``SearchIndex``; None if Material's is not mirrored,
    or if ``split_sections`` cuts ``SELF_CHECK_PAGE`` otherwise on this Python."""
    base: Any = material_search_index_type()
    if base is None or parser_fingerprint() not in KNOWN_PARSERS or not sections_agree():
        return None
    return _subclass(base)


SELF_CHECK_PAGE = (
    '<h1 id="t">Title</h1><p>Text <em class="x" data-x="y">em</em> &amp; <code>c</code>'
    '<br/>more</p><h2 id="h">H<a class="headerlink" href="#h">&para;</a></h2>'
    '<span class="linenodiv">1</span><span DATA-SEARCH-EXCLUDE>2</span>'
    "<em data-search-exclude=''>3</em><Span>4</Span><b class>5</b><i\nclass=\"x\" >6</i >"
    '<table><tr><td class="c">7</td><td data-search-exclude="">8</td></tr></table>'
)
"""A page through each of ``split_sections``' rules: plain elements and the tags that only
look plain (Python 3.11.2's ``re`` took ``<span DATA-SEARCH-EXCLUDE>`` for one)."""


@cache
def sections_agree() -> bool:
    """Whether ``split_sections`` cuts ``SELF_CHECK_PAGE`` as Material's parser does, here.

    Asked once per process, before any page: the mirror is checked against Material's
    source (``parser_fingerprint``), and this checks it against this Python's ``re`` and
    ``html.parser``. Where they part, Material's parser indexes every page.
    """
    ours = split_sections(SELF_CHECK_PAGE)
    parser_type = material_search_parser_type()
    if ours is None or parser_type is None:
        return False
    parser = parser_type()
    parser.feed(SELF_CHECK_PAGE)
    parser.close()
    theirs = [(s.el.tag, s.id, s.title, s.text, s.depth, s.is_excluded()) for s in parser.data]
    agree = theirs == [(s.tag, s.id, s.title, s.text, s.depth, s.is_excluded()) for s in ours]
    if not agree:
        log.debug("search: split_sections cuts pages otherwise on this Python; Material's parser")
    return agree


@cache
def parser_fingerprint() -> str:
    """SHA-256 of the source of Material's search parser (read once per process).

    Empty when it cannot be read (no source files installed, a piece renamed or gone).
    """
    try:
        known = KNOWN_PARSER_FILES.get(material_search_plugin_digest())
        if known is not None:
            return known
        source = material_search_parser_source()
    except (ImportError, OSError, TypeError, AttributeError):
        return ""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


@cache
def _subclass(base: Any) -> type[Any]:
    """``FastSearchIndex``, Material's ``SearchIndex`` with ``split_sections`` (one per base)."""

    class FastSearchIndex(base):  # type: ignore[misc]
        """Material's ``SearchIndex``, cutting pages with ``split_sections`` when it can."""

        def add_entry_from_context(self, page: Page) -> None:
            """Material's ``add_entry_from_context``, line for line, but for the parser."""
            search = page.meta.get("search") or {}
            if search.get("exclude"):
                return
            sections = split_sections(page.content) if isinstance(page.content, str) else None
            if sections is None:
                log.debug(f"search: '{page.file.src_uri}' is indexed by Material's parser")
                super().add_entry_from_context(page)
                return
            for section in sections:
                if not section.is_excluded():
                    self.create_entry_for_section(section, page.toc, page.url, page)

    return FastSearchIndex
