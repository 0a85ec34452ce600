"""``site``, ``page`` and ``jekyll`` as Liquid templates see them (Jekyll's drops).

Plain dicts and lists: python-liquid reads them directly and ``jsonify`` can print them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from mkdocs_jekyll.jekyll.documents import Document, SiteModel
from mkdocs_jekyll.jekyll.urls import compute_absolute_url, compute_relative_url


@dataclass(frozen=True)
class SiteSettings:
    """What Jekyll reads from ``_config.yml``, resolved from ``mkdocs.yml``."""

    title: str
    description: str | None
    url: str
    """Scheme and host of ``site_url`` without the path (Jekyll's ``url``)."""
    baseurl: str
    """The path of ``site_url`` without trailing slash (Jekyll's ``baseurl``), or ''."""
    lang: str | None
    author: Mapping[str, Any]
    extra: Mapping[str, Any]
    """Keys the user declared for ``site.*`` (the plugin's ``site:`` option)."""
    environment: str

    def relative_url(self, url: str) -> str:
        """Jekyll's ``relative_url`` filter for this site (``/en/cv/`` -> ``/repo/en/cv/``)."""
        return compute_relative_url(url, self.baseurl)

    def absolute_url(self, url: str) -> str:
        """Jekyll's ``absolute_url`` filter for this site: ``url``, ``baseurl``, the path."""
        return compute_absolute_url(url, self.url, self.baseurl)


def page_drop(doc: Document) -> dict[str, Any]:
    """Front matter plus the keys Jekyll adds to every page.

    Jekyll's ``Page#to_liquid`` exposes ``url``, ``path`` (relative to the source),
    ``name`` (the file name) and ``dir`` (the URL's folder); front matter keys come first so
    that the computed ones win, as in Jekyll's ``Drops::DocumentDrop``.
    """
    drop = dict(doc.data)
    name = PurePosixPath(doc.src_path).name
    if doc.type != "pages":
        # Drops::DocumentDrop: `id` (the URL without extension), `collection`, `slug`.
        drop.setdefault("slug", PurePosixPath(doc.src_path).stem)
        drop.update(id=doc.url.removesuffix(".html").rstrip("/"), collection=doc.type)
    drop.update(
        url=doc.url,
        path=doc.src_path,
        name=name,
        dir=doc.url if doc.url.endswith("/") else doc.url.rsplit("/", 1)[0] + "/",
        lang=doc.lang,
        locale=doc.locale,
    )
    return drop


def site_drop(
    settings: SiteSettings,
    model: SiteModel,
    *,
    data: Mapping[str, Any],
    time: dt.datetime,
) -> dict[str, Any]:
    """The ``site`` variable: user keys first, then what Jekyll computes.

    Like Jekyll, where ``_config.yml`` keys become ``site.*``, the user's extra keys are
    visible, but ``pages``, ``data`` and ``time`` are always the computed values.
    """
    drop: dict[str, Any] = dict(settings.extra)
    drop.setdefault("title", settings.title)
    drop.setdefault("description", settings.description)
    drop.setdefault("author", dict(settings.author))
    drop.setdefault("lang", settings.lang)
    drops = {path: page_drop(doc) for path, doc in model.documents.items()}
    pages = [drops[doc.src_path] for doc in model.of_type("pages")]
    posts = [drops[doc.src_path] for doc in model.of_type("posts")]
    collections = []
    for label in sorted({doc.type for doc in model.documents.values()} - {"pages"}):
        docs = [drops[doc.src_path] for doc in model.of_type(label)]
        collections.append({"label": label, "docs": docs, "files": [], "output": True})
        if label != "posts":
            drop.setdefault(label, docs)  # Jekyll exposes each collection as site.<label>
    drop.update(
        url=settings.url,
        baseurl=settings.baseurl,
        time=time,
        data=data,
        pages=pages,
        posts=posts,
        collections=collections,
        documents=[d for d in drops.values() if d.get("collection")],
        html_pages=pages,
        categories=_group(posts, "categories"),
        tags=_group(posts, "tags"),
    )
    return drop


def _group(posts: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    """``site.categories`` / ``site.tags``: name to the posts carrying it, newest first."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for post in posts:
        value = post.get(key) or []
        for name in value.split() if isinstance(value, str) else value:
            groups.setdefault(str(name), []).append(post)
    return groups


def jekyll_drop(environment: str) -> dict[str, Any]:
    """The ``jekyll`` variable (``jekyll.environment``, ``jekyll.version``)."""
    return {"environment": environment, "version": "4.3.1"}
