"""The category, tag and year archives of each locale, as generated documents.

Minimal Mistakes ships them as pages a site copies (``_pages/category-archive.md`` with
``layout: categories``, ``tag-archive.md`` with ``layout: tags``, ``year-archive.md`` with
``layout: posts``), and its ``page__taxonomy`` include links every post's categories and
tags to them. A site built here gets them without copying anything: one of each per locale
that has posts, at a configurable permalink (``/:locale/categories/`` ...), unless the site
has its own page at that URL (the site's wins, as Jekyll would write the site's file). They
are ordinary documents of the site model, so translations, the sitemap, search and the
theme treat them like any page; the layouts list the locale's posts.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mkdocs_jekyll.jekyll.documents import Document, SiteModel
from mkdocs_jekyll.jekyll.permalinks import expand, url_to_dest

GENERATED_FOLDER = "_jekyll_archives"
"""The folder of the generated documents' made-up source paths (never read from disk)."""

GENERATED_BY = "mkdocs-jekyll/archives"
"""The ``generated_by`` of their MkDocs files, and a front matter key marking them."""


@dataclass(frozen=True)
class ArchiveKind:
    """One of the three archives: its layout, permalink, ``i18n_key`` and title label."""

    name: str
    """``categories``, ``tags`` or ``years`` (the source file's stem)."""
    layout: str
    """Minimal Mistakes' layout listing the posts (``categories``, ``tags``, ``posts``)."""
    permalink: str
    """The URL template; ``:locale`` is the locale folder, removed without locales."""
    title_label: str
    """The ui-text label of its title."""
    default_title: str
    """Its title when no ui-text has the label (Minimal Mistakes' ``_pages`` titles)."""

    @property
    def i18n_key(self) -> str:
        """The key pairing the locales' archives of this kind (``archive-categories``)."""
        return f"archive-{self.name}"


DEFAULT_PATHS = {
    "categories": "/:locale/categories/",
    "tags": "/:locale/tags/",
    "years": "/:locale/year-archive/",
}
"""Minimal Mistakes' ``_pages`` permalinks, inside each locale's folder."""


def archive_kinds(paths: Mapping[str, str | None]) -> list[ArchiveKind]:
    """The archives to generate: each kind whose path is not empty.

    Args:
        paths: ``categories``, ``tags``, ``years`` to a permalink template (``:locale``
            for the locale folder); None or '' leaves that archive out.

    Returns:
        The kinds in a fixed order (categories, tags, years).
    """
    table = (
        ("categories", "categories", "archive_categories_title", "Posts by Category"),
        ("tags", "tags", "archive_tags_title", "Posts by Tag"),
        ("years", "posts", "archive_years_title", "Posts by Year"),
    )
    return [
        ArchiveKind(name, layout, str(paths[name]), label, title)
        for name, layout, label, title in table
        if paths.get(name)
    ]


def add_archives(
    model: SiteModel,
    kinds: Iterable[ArchiveKind],
    *,
    locales: Iterable[str | None],
    labels: Callable[[str | None], Mapping[str, Any]],
    docs_dir: str,
) -> list[Document]:
    """Add each locale's archives to the model, except where the site has its own page.

    An archive is made for a locale with at least one post; it is skipped when a
    document already writes its output file, or when a document of the locale already
    carries its ``i18n_key`` (the site made its own archive elsewhere).

    Args:
        model: The site model, after conflicts are resolved.
        kinds: The archives to make (``archive_kinds``).
        locales: The locales the build writes (``None``: the site has no locales).
        labels: A locale's ui-text labels (titles).
        docs_dir: The docs folder (the documents' made-up absolute paths).

    Returns:
        The documents added.
    """
    built = model.built()
    taken = {doc.dest for doc in model.documents.values()}
    keys = {(doc.locale, doc.data.get("i18n_key")) for doc in built}
    posts: dict[str | None, list[Document]] = {}
    for post in model.of_type("posts"):
        if post.output:
            posts.setdefault(post.locale, []).append(post)
    added: list[Document] = []
    for locale in locales:
        mine = posts.get(locale)
        if not mine:
            continue
        ui = labels(locale)
        for kind in kinds:
            url = expand(kind.permalink, {"locale": locale})
            if not url.endswith(("/", ".html")):
                url += "/"
            dest = url_to_dest(url)
            if dest in taken or (locale, kind.i18n_key) in keys:
                continue
            src_path = "/".join(
                part for part in (locale, GENERATED_FOLDER, f"{kind.name}.md") if part
            )
            title = ui.get(kind.title_label) or kind.default_title
            doc = Document(
                src_path=src_path,
                abs_path=os.path.join(docs_dir, src_path),
                data={
                    "title": str(title),
                    "layout": kind.layout,
                    "i18n_key": kind.i18n_key,
                    # The sitemap's <lastmod>: the newest post it lists.
                    "last_modified_at": _newest(mine),
                    GENERATED_BY: True,
                },
                body="",
                line_offset=0,
                url=url,
                dest=dest,
                locale=locale,
            )
            model.documents[src_path] = doc
            taken.add(dest)
            added.append(doc)
    return added


ARCHIVE_LAYOUTS = frozenset({"categories", "tags", "posts"})
"""Minimal Mistakes' layouts listing every post of a locale with its excerpt."""


def lists_posts(doc: Document) -> bool:
    """Whether the page is an archive listing posts (generated or the site's own)."""
    return is_archive(doc) or doc.data.get("layout") in ARCHIVE_LAYOUTS


def is_archive(doc: Document) -> bool:
    """Whether the document is a generated archive (no file behind it)."""
    return doc.data.get(GENERATED_BY) is True


def _newest(posts: list[Document]) -> Any:
    """The date of the newest post (``posts`` newest first)."""
    value = posts[0].data.get("date")
    return value if isinstance(value, dt.date) else None
