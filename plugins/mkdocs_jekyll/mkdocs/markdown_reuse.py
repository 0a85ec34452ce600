"""One Markdown instance per locale pass, and none for a page with nothing to convert.

MkDocs' ``Page.render`` builds a new ``markdown.Markdown`` for every page: every extension
is imported, configured and registered again, which cost 8% of a cold build of the bench
site and 17% of a warm one (where every page is a build cache hit whose Markdown is ``""``).
Python-Markdown's own answer is one instance and ``reset()`` between documents, which every
extension that keeps per-document state must honour with a ``reset`` of its own.

- A page whose Markdown is blank (a build cache hit, a page another shard renders, an empty
  page) gets what ``Page.render`` would give it (``compat.render_empty_page``) with no
  instance at all: ``Markdown.convert`` returns ``""`` for blank text before any processor
  runs.
- The other pages of a pass share one instance (for the pass's ``markdown_extensions`` and
  ``mdx_configs``), reset after each page, with MkDocs' page processors registered anew for
  each (``compat.render_page_with``): exactly what ``Page.render`` sets, from the same
  processors in the same order.
- Only when every configured extension is in ``RESET_SAFE`` (known to keep no state from one
  document to the next, or to clear it in ``reset()``); otherwise, and for a page another
  plugin or a ``Page`` subclass renders its own way, MkDocs' own ``render`` runs as before.

- MkDocs' scan of the page's raw HTML for anchors runs only where the text could hold one
  (``raw_html_anchors.py``), and its rewriting of links passes over the absolute links and
  anchors it leaves as they are with less work (``relative_links.py``).

- MkDocs' page processors take the place of the previous page's without a sort of the
  registries (``processor_reuse.py``).

- While a page converts on the shared instance, ``is_block_level`` (asked some 300 times a
  page, by the prettifier, ``attr_list`` and ``toc``) looks the tag up in a set of
  ``block_level_elements`` taken as the page starts, instead of Python-Markdown's scan of that
  list of about 50 names: the same answer, as no reset-safe extension changes the list while
  converting (they add to it when they register).

How it is installed: ``install`` replaces ``render`` on each page *instance*, from the core
plugin's ``on_page_markdown``, just before MkDocs calls it (``compat.replace_page_render``).
Nothing of MkDocs' is patched, so another build in the process, a page this plugin does
not handle, or a MkDocs whose ``Page.render`` changed (``compat.page_render_mirrored``) is
untouched. The same hook runs in every pass a build makes: sequential locale passes, forked
locale workers and page shards (each a pass of its own, starting with ``new_pass`` from
``on_files``), and ``mkdocs serve``'s rebuilds (a dirty rebuild does not render the pages it
keeps, and renders the others through the same hook).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from markdown import Markdown
from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.compat import (
    page_render_mirrored,
    render_empty_page,
    render_page_with,
    replace_page_render,
)
from mkdocs_jekyll.kramdown.toc_pass import leave_toc_html_unread
from mkdocs_jekyll.mkdocs import processor_reuse
from mkdocs_jekyll.mkdocs.raw_html_anchors import anchor_scan
from mkdocs_jekyll.mkdocs.relative_links import relative_paths

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

_Check = Callable[[Mapping[str, Any]], bool]


def _always(_config: Mapping[str, Any]) -> bool:
    return True


def _footnote_ids_fixed(config: Mapping[str, Any]) -> bool:
    # `reset()` moves `unique_prefix` on: with UNIQUE_IDS every page would get new ids.
    return not config.get("UNIQUE_IDS", False)


def _abbr_resets(_config: Mapping[str, Any]) -> bool:
    # Before Python-Markdown 3.7, abbr registered an inline pattern per definition into the
    # instance and never took it out: later pages would mark the earlier pages' words.
    from markdown.extensions.abbr import AbbrExtension

    return hasattr(AbbrExtension, "reset")


RESET_SAFE: Mapping[str, tuple[str, _Check]] = {
    # Python-Markdown's own (Markdown 3.5 to 3.11).
    "abbr": ("reset() clears the definitions (3.7 and later)", _abbr_resets),
    "admonition": ("its sibling state is consumed within the block that set it", _always),
    "attr_list": ("stateless", _always),
    "codehilite": ("stateless", _always),
    "def_list": ("stateless", _always),
    "fenced_code": ("stateless: code goes to the htmlStash, which reset() clears", _always),
    "footnotes": ("reset() clears the notes, unless UNIQUE_IDS", _footnote_ids_fixed),
    "legacy_attrs": ("stateless", _always),
    "legacy_em": ("stateless", _always),
    "md_in_html": ("its HTML parser is made anew for each document", _always),
    "meta": ("reset() empties md.Meta", _always),
    "nl2br": ("stateless", _always),
    "sane_lists": ("stateless", _always),
    "smarty": ("stateless", _always),
    "tables": ("stateless", _always),
    "toc": ("reset() empties md.toc_tokens; used ids are collected per document", _always),
    "wikilinks": ("stateless", _always),
    # pymdown-extensions (10.2 to 13).
    "pymdownx.betterem": ("stateless; reset() clears its delimiter stack (13)", _always),
    "pymdownx.caret": ("stateless; reset() clears its delimiter stack (13)", _always),
    "pymdownx.critic": ("reset() clears its stash", _always),
    "pymdownx.details": ("its sibling state is consumed within the block that set it", _always),
    "pymdownx.emoji": ("stateless; reset() clears its strict-mode list (13)", _always),
    "pymdownx.highlight": ("reset() restarts the code block counter", _always),
    "pymdownx.inlinehilite": ("settings read once; no document state", _always),
    "pymdownx.keys": ("stateless", _always),
    "pymdownx.mark": ("stateless; reset() clears its delimiter stack (13)", _always),
    "pymdownx.smartsymbols": ("stateless", _always),
    "pymdownx.superfences": ("reset() clears its code stash and custom fences'", _always),
    "pymdownx.tabbed": ("reset() restarts the tab set counter", _always),
    "pymdownx.tasklist": ("stateless", _always),
    "pymdownx.tilde": ("stateless; reset() clears its delimiter stack (13)", _always),
    # Ours (kramdown/): per-document state is cleared where each document starts.
    "mkdocs_jekyll.markdown_compat": ("lists: state per block", _always),
    "mkdocs_jekyll.kramdown.abbreviations": ("reset() clears the definitions", _always),
    "mkdocs_jekyll.kramdown.attributes": ("ALDs and IALs are read anew in run()", _always),
    "mkdocs_jekyll.kramdown.code": ("stateless", _always),
    "mkdocs_jekyll.kramdown.deflists": ("stateless", _always),
    "mkdocs_jekyll.kramdown.escapes": ("stateless", _always),
    "mkdocs_jekyll.kramdown.extensions": ("{::options} are cleared in run()", _always),
    "mkdocs_jekyll.kramdown.footnotes": ("reset(); numbered per run()", _footnote_ids_fixed),
    "mkdocs_jekyll.kramdown.headings": ("ids are counted per run()", _always),
    "mkdocs_jekyll.kramdown.html_blocks": ("stateless", _always),
    "mkdocs_jekyll.kramdown.linebreaks": ("stateless", _always),
    "mkdocs_jekyll.kramdown.math": ("stateless", _always),
    "mkdocs_jekyll.kramdown.tables": ("stateless", _always),
    "mkdocs_jekyll.kramdown.tasklists": ("stateless", _always),
    "mkdocs_jekyll.kramdown.toc": ("reset() forgets the {:toc} marker", _always),
    "mkdocs_jekyll.kramdown.triggers": ("patterns chosen per run(), put back after", _always),
    "mkdocs_jekyll.kramdown.typography": ("stateless", _always),
}  # fmt: skip
"""The extensions one instance may convert many pages with, each with why, and a check of its
configuration. Any other extension (a site's own, a plugin's) means one instance per page."""

_BUILTIN_PREFIX = "markdown.extensions."


def _extension_name(extension: object) -> str:
    """The name ``RESET_SAFE`` knows an entry of ``markdown_extensions`` by."""
    name = extension if isinstance(extension, str) else type(extension).__module__
    return name.removeprefix(_BUILTIN_PREFIX)


def unsafe_extensions(extensions: list[Any], configs: Mapping[str, Any]) -> list[str]:
    """The configured extensions that are not known to be reset-safe (``RESET_SAFE``).

    Args:
        extensions: ``markdown_extensions`` (names, or ``Extension`` instances a plugin added).
        configs: ``mdx_configs``, by the names in ``extensions``.
    """
    unsafe = []
    for extension in extensions:
        name = _extension_name(extension)
        known = RESET_SAFE.get(name)
        if isinstance(extension, str):
            config = configs.get(extension) or {}
        else:
            config = extension.getConfigs() if hasattr(extension, "getConfigs") else {}
        if known is None or not known[1](config):
            unsafe.append(extension if isinstance(extension, str) else repr(extension))
    return unsafe


def _is_block_level(names: frozenset[str], tag: Any) -> bool:
    """``Markdown.is_block_level``, with ``block_level_elements`` as a set."""
    return isinstance(tag, str) and tag.lower().rstrip("/") in names


class MarkdownReuse:
    """The pass's shared Markdown instance, made on its first page that has text."""

    def __init__(self) -> None:
        self._md: Markdown | None = None
        self._decided = False
        self._extensions: list[Any] = []
        self._configs: dict[str, Any] = {}

    def new_pass(self) -> None:
        """A locale pass starts (``on_files``): its pages get an instance of their own."""
        self._md, self._decided = None, False

    def install(self, page: Page) -> None:
        """Render ``page`` through this pass's instance when MkDocs calls ``page.render``."""
        if page_render_mirrored(page):
            replace_page_render(page, partial(self._render, page))

    def _render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """``Page.render``, by the cheapest way that gives the same attributes."""
        text = page.markdown
        if text is not None and not text.strip():
            render_empty_page(page)
            return
        md = None if text is None else self._instance(config)
        if md is None:
            type(page).render(page, config, files)  # MkDocs' own (it raises for None)
            return
        md.is_block_level = partial(_is_block_level, frozenset(md.block_level_elements))  # type: ignore[method-assign]
        try:
            render_page_with(page, md, config, files, anchor_scan, relative_paths)
        except BaseException:
            self._md, self._decided = None, False  # never reuse a half-converted instance
            raise
        finally:
            del md.is_block_level  # Python-Markdown's own again, between pages
        md.reset()

    def _instance(self, config: MkDocsConfig) -> Markdown | None:
        """The shared instance for the pass's extensions, or None when they are not all
        reset-safe. A plugin changing the extensions mid-pass gets a new decision."""
        extensions = list(config.markdown_extensions)
        configs = dict(config.mdx_configs or {})
        if self._decided and extensions == self._extensions and configs == self._configs:
            return self._md
        self._extensions = extensions
        self._configs = {
            key: dict(value) if isinstance(value, dict) else value for key, value in configs.items()
        }
        self._decided = True
        unsafe = unsafe_extensions(extensions, configs)
        if unsafe:
            log.debug(
                "One Markdown instance per page: "
                + ", ".join(f"'{name}'" for name in unsafe)
                + " not known to reset its state (markdown_reuse.RESET_SAFE)"
            )
            self._md = None
        else:
            log.debug("One Markdown instance for the pass's pages")
            self._md = Markdown(extensions=extensions, extension_configs=configs)
            # Its extensions are all RESET_SAFE's, none of which reads `md.toc`, and
            # `render_page_with` reads `md.toc_tokens` only.
            leave_toc_html_unread(self._md)
            processor_reuse.install(self._md)
        return self._md
