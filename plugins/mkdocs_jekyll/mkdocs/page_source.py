"""What MkDocs reads of a page: its front matter, its Markdown after Liquid, its content.

``on_page_markdown`` gives MkDocs the page's merged front matter (escaped where Material
prints it raw, with the layout's template) and the Liquid output rendered before the build
(``render_cache``); ``on_page_content`` gives a page that is not Markdown its Liquid output.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.features.layouts import template_for_layout
from mkdocs_jekyll.jekyll.safe_paths import is_inside
from mkdocs_jekyll.jekyll.safe_url import drop_unsafe_urls
from mkdocs_jekyll.mkdocs import page_shards
from mkdocs_jekyll.mkdocs.render_cache import error_block, lines

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

    from mkdocs_jekyll.jekyll.documents import Document, ScanCache
    from mkdocs_jekyll.mkdocs.render_cache import RenderCache
    from mkdocs_jekyll.mkdocs.scan import SiteScan

log = get_plugin_logger(__name__)

# Front matter keys Material prints into HTML without escaping: `title` (<title>, header,
# nav), `description` and `author` (<meta>), `subtitle` (nav-item.html) and `status` (a class
# and a lookup in nav-item.html). Our templates print them with `| e`, which leaves Markup
# as it is, and read the text back with `striptags`.
_ESCAPED_META = ("title", "description", "author", "subtitle", "status")
# Material includes `.icons/<icon>.svg` for a page's `icon`: anything but a path of names
# would end the build with Jinja's TemplateNotFound traceback.
_ICON_NAME = re.compile(r"[\w-]+(?:/[\w-]+)+")


def may_skip_meta(config: MkDocsConfig, *, serving: bool) -> bool:
    """Whether pages may skip MkDocs' second parse of their front matter (``known_source``).

    Only with the plugins known to read no page's ``meta`` before ours sets it (``page_shards``'
    list), and not under ``mkdocs serve``, whose saves may land between the scan and the read.
    """
    return not serving and set(config.plugins) <= page_shards.SHARDABLE_PLUGINS


def known_source(file: File, cache: ScanCache) -> str | None:
    """The page's text for MkDocs' read, split as MkDocs splits it, without its YAML loaded again.

    Why: MkDocs reads every page and loads its front matter's YAML into ``page.meta``, which
    ``on_page_markdown`` then replaces with the scan's (``theme_page_meta``); the scan read
    the same file with the same loader moments before. When the scan found that MkDocs' own
    split reads the front matter as a mapping (``FrontMatter.mkdocs_meta``) and the file has
    not changed since (its size and mtime, ``ScanCache``'s key), MkDocs' ``page.markdown``
    is the scan's ``body``: the text after the block (``YAML_RE``, blank lines stripped) of
    the file as MkDocs decodes it (one byte order mark dropped, universal newlines). A
    leading blank line makes ``mkdocs.utils.meta.get_data`` return it as it is, with an
    empty ``meta`` and no YAML. None: MkDocs reads the file itself.

    The file is not read again: the scan's text is taken as it is. A forked worker taking
    it copies the memory page holding the string's header (its reference count), a few
    kilobytes per page, where reading and decoding the file again cost about a tenth of a
    millisecond.

    Callers check ``may_skip_meta`` and that the page is a document of the scan (whose
    ``on_page_markdown`` sets its ``meta``).
    """
    path = file.abs_src_path
    hit = cache.entries.get(path) if path is not None else None
    if path is None or hit is None or not hit[1].mkdocs_meta:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None  # MkDocs reports it
    if hit[0] != (stat.st_mtime_ns, stat.st_size):
        return None
    return "\n" + hit[1].body


def theme_page_meta(doc: Document, scan: SiteScan) -> dict[str, Any]:
    """The page's front matter for MkDocs, with the layout's template.

    A ``layouts/<name>.html`` in a theme folder (the site's ``overrides/`` first) wins
    over the package's mapping, so a site can add or replace layouts.
    """
    meta = page_meta(doc)
    icon = meta.get("icon")
    if isinstance(icon, str) and not any(
        is_inside(root / f"{icon}.svg", root) and (root / f"{icon}.svg").is_file()
        for root in scan.icon_dirs
    ):
        # Material includes `.icons/<icon>.svg` from the theme folders: a missing one
        # would end the build with Jinja's TemplateNotFound traceback.
        log.warning(
            f"{doc.src_path}: icon: no icon '{icon}' in Material's icons or the site's "
            f"'overrides/.icons/'; it is left out."
        )
        del meta["icon"]
    layout = doc.data.get("layout")
    if "template" not in doc.data and isinstance(layout, str) and layout in scan.layouts:
        meta["template"] = f"layouts/{layout}.html"
    return meta


def skipped_page_meta(doc: Document, scan: SiteScan) -> dict[str, Any]:
    """A page another shard renders (``page_shards``): its metadata, the empty template.

    Its title and nav metadata are what the other pages' navigation shows; search leaves it
    out. Warnings about its front matter are its own shard's to log.
    """
    with page_shards.quietly():
        meta = theme_page_meta(doc, scan)
    return {**meta, "template": page_shards.SKIPPED_TEMPLATE, "search": {"exclude": True}}


def page_meta(doc: Document) -> dict[str, Any]:
    """The page's front matter for MkDocs and templates, defaults merged.

    Titles, descriptions and the other ``_ESCAPED_META`` keys become ``Markup`` holding
    their escaped text: Material prints them raw in many partials, and ``| e`` leaves
    ``Markup`` as is (no double escaping). URLs ``is_safe_url`` refuses are left out, with a
    warning. Liquid's ``page`` keeps the values as written, as in Jekyll.
    """
    meta = drop_unsafe_urls(doc.data, doc.src_path)
    for key in _ESCAPED_META:
        value = meta.get(key)
        if isinstance(value, str):
            meta[key] = escape(value)
    icon = meta.get("icon")
    if icon is not None and not (isinstance(icon, str) and _ICON_NAME.fullmatch(icon)):
        log.warning(
            f"{doc.src_path}: icon: Expected an icon name like 'material/home', received "
            f"'{icon}'; it is left out."
        )
        del meta["icon"]
    tags = meta.get("tags")
    if isinstance(tags, list):
        # Material's search index carries them, and its results insert them as HTML.
        meta["tags"] = [escape(tag) if isinstance(tag, str) else tag for tag in tags]
    if "template" not in meta:
        template = template_for_layout(meta.get("layout"))
        if template is not None:
            meta["template"] = template
    return meta


def page_markdown(
    doc: Document, source: str, *, scan: SiteScan, cache: RenderCache, env: Environment
) -> str:
    """The page's Markdown after Liquid: rendered before the build, unless it changed.

    A page that is not Markdown (``blog/index.html``) gets none: Jekyll converts no
    Markdown in it, and its Liquid output becomes its content (``page_html``).
    """
    if not doc.is_markdown:
        return ""
    cached = cache.rendered_for(doc)
    if cached is not None and (cached[0] == lines(source) or doc.src_path in scan.model.errors):
        output = cached[1]
    else:
        # Another plugin changed the Markdown since it was read: render what it gave us.
        output = cache.render(doc, source)
    return _data_error_boxes(scan, env) + output


def page_html(doc: Document, *, scan: SiteScan, cache: RenderCache, env: Environment) -> str | None:
    """The content of a page that is not Markdown: its Liquid output; None for Markdown."""
    if doc.is_markdown:
        return None
    return _data_error_boxes(scan, env) + cache.output_for(doc)


def _data_error_boxes(scan: SiteScan, env: Environment) -> str:
    """Under ``mkdocs serve``: the ``_data`` files' errors, shown atop every page."""
    return "".join(error_block(message, env) + "\n" for message in scan.data_errors)
