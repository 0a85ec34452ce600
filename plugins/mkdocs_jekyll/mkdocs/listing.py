"""What listings read from other documents: their rendered ``content`` and ``excerpt``.

Jekyll renders every document before it writes any, so a blog index's ``post.content`` and
``post.excerpt`` are HTML. The plugin renders every document's Liquid before MkDocs converts
any Markdown; these helpers add the Markdown step for the drops, with the site's own
extensions (the converter ``markdownify`` uses).
"""

from __future__ import annotations

import datetime as dt
import os
from functools import partial
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.jekyll.collections import place, read_collections
from mkdocs_jekyll.jekyll.documents import StaticFile
from mkdocs_jekyll.jekyll.drops import HTML_EXTENSIONS, Deferred, DocumentDrop, output_ext
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.excerpts import excerpt_separator, extract_excerpt, is_markdown

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from mkdocs.structure.files import Files

    from mkdocs_jekyll.jekyll.documents import Document, SiteModel
    from mkdocs_jekyll.jekyll.drops import SiteDrops

log = get_plugin_logger(__name__)


def static_files(files: Files, model: SiteModel, collections: object) -> list[StaticFile]:
    """``site.static_files``: what MkDocs copies as it is, in Jekyll's order (by path).

    A file the site model holds (front matter, any extension) is a page or document, not
    a static file; a file in a collection folder carries the collection's label.
    """
    labels = read_collections(collections)
    result = []
    for file in files:
        path = file.abs_src_path
        if (
            path is None
            or file.is_documentation_page()
            or file.src_uri in model.documents
            or file.src_uri in model.unpublished
            or file.inclusion.is_excluded()  # type: ignore[no-untyped-call]
        ):
            continue
        label = place(file.src_uri, labels).label
        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            continue
        result.append(
            StaticFile(
                src_path=file.src_uri,
                modified_time=dt.datetime.fromtimestamp(mtime, dt.UTC).replace(microsecond=0),
                collection=None if label == "pages" else label,
            )
        )
    # reader.rb sort_files!: `site.static_files.sort_by!(&:relative_path)`.
    result.sort(key=lambda item: item.src_path)
    return result


def convert(doc: Document, text: str, markdownify: Callable[[str], str]) -> str:
    """The document's text after its converter: Markdown for Markdown files, else as is."""
    return markdownify(text) if is_markdown(doc.src_path) else text


def set_content(
    drops: SiteDrops, doc: Document, output: str, markdownify: Callable[[str], str]
) -> None:
    """Give the document's drop its rendered content, as Jekyll does once it rendered it.

    ``output`` is Jekyll's page with its layout; the plugin's layouts are MkDocs' theme,
    rendered later, so a document's ``output`` is its content without layout.
    """
    drop = drops.pages.get(doc.src_path)
    if drop is None:
        return
    # Made when a listing or feed first reads it (MkDocs converts the page itself later).
    html = Deferred(partial(convert, doc, output, markdownify))
    drop["content"] = html
    if isinstance(drop, DocumentDrop):
        drop["output"] = html


def render_excerpts(
    render: Callable[[Document, str], str],
    model: SiteModel,
    *,
    drops: SiteDrops,
    site: Mapping[str, Any],
    markdownify: Callable[[str], str],
    keep_going: bool = False,
) -> dict[str, str]:
    """Every document's excerpt (``excerpt.rb``), set in its drop; src_path to the excerpt.

    A front matter ``excerpt`` is kept as written. Otherwise posts and collection documents
    (and pages when the site sets ``page_excerpts``, HTML pages only, as
    ``Page#generate_excerpt?``) get the content up to the separator, through Liquid and
    their converter. With ``keep_going`` (``mkdocs serve``) a Liquid error leaves the
    excerpt empty; the page itself shows the error. ``site`` is the site's ``site:``
    options (``excerpt_separator``, ``page_excerpts``); ``render`` renders Liquid.
    """
    result: dict[str, str] = {}
    for doc in model.documents.values():
        drop = drops.pages.get(doc.src_path)
        given = doc.data.get("excerpt")
        if given is not None:
            result[doc.src_path] = str(given)
            continue
        if drop is None or doc.src_path in model.errors or not _has_excerpt(doc, site):
            continue
        separator = excerpt_separator(doc.data, site)
        if not separator:
            continue
        source = extract_excerpt(doc.body, separator, on_closed=partial(_warn_closed, doc))
        try:
            html = convert(doc, render(doc, source), markdownify)
        except ContentError:
            if not keep_going:
                raise
            html = ""  # rendering the page reports the same error
        drop["excerpt"] = html
        result[doc.src_path] = html
    return result


def _has_excerpt(doc: Document, site: object) -> bool:
    """Documents always get one; pages with ``page_excerpts: true`` when written as HTML."""
    if doc.type != "pages":
        return True
    enabled = isinstance(site, dict) and site.get("page_excerpts") is True
    return enabled and output_ext(doc) in HTML_EXTENSIONS


def _warn_closed(doc: Document, names: list[str]) -> None:
    """Jekyll's "Excerpt modified" warning, in the plugin's message format."""
    tags = ", ".join(f"'{{% end{name} %}}'" for name in names)
    log.warning(
        f"{doc.src_path}: the excerpt ends inside a Liquid block, closed with {tags}. Give "
        f"the document an 'excerpt' or an 'excerpt_separator' in its front matter if the "
        f"excerpt is wrong."
    )
