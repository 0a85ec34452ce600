"""Checks of the finished site: images and links that point at nothing the site has.

Jekyll copies whatever it is pointed at and never says that an avatar, a header image or a
``relative_url`` link leads nowhere: the page simply shows a broken image or a 404. These
checks run once every locale is written (the outermost pass's ``on_post_build``) and look
for each target in the built folder itself, so pages and files that plugins generate
(archives, feeds, pagination, the landing page) count as they would on the server.

- Images (the author's ``avatar``, a page's ``header.image``/``overlay_image``/``og_image``/
  ``teaser``/``image``, the site's ``og_image``): a missing one is a warning.
- Links made with ``relative_url``/``absolute_url`` in a page's Liquid: a missing target is
  logged at the level of MkDocs' ``validation.links.not_found`` (a warning by default), the
  setting MkDocs uses for a Markdown link to a missing file, so a site that links to pages
  deployed elsewhere quiets both the same way.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.features.author import localize_author

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.jekyll.documents import Document
    from mkdocs_jekyll.mkdocs.build import BuildState
    from mkdocs_jekyll.mkdocs.config import JekyllConfig

log = get_plugin_logger(__name__)

_SCHEME = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")

# The page images Minimal Mistakes and jekyll-seo-tag print (seo.html, page__hero.html,
# archive-single.html), as (front matter key path, label in messages).
_PAGE_IMAGES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("header", "image"), "header.image"),
    (("header", "overlay_image"), "header.overlay_image"),
    (("header", "og_image"), "header.og_image"),
    (("header", "teaser"), "header.teaser"),
    (("image",), "image"),
    (("image", "path"), "image.path"),
)


def check_site_references(config: MkDocsConfig, state: BuildState, options: JekyllConfig) -> None:
    """Report images and ``relative_url`` targets that the built site does not have.

    Args:
        config: The outermost pass's configuration (``site_dir`` holds every locale).
        state: The build: its site model, author config and each page's ``relative_url``s.
        options: The ``jekyll`` plugin's config.
    """
    site = _BuiltSite(Path(config.site_dir), state)
    docs = _docs_label(config)
    # Pages show the same images (the bench: one header image on 600 pages): each value's
    # path is made once (``urlsplit``, in the serial end of a build with workers).
    image_paths: dict[tuple[str, str], str] = {}
    for source, key, path in _images(state, options):
        if not _is_site_path(path):
            continue
        image = image_paths.get((key, path))
        if image is None:
            image = image_paths[key, path] = _image_path(key, path)
        if not site.has(image):
            where = _where(source, key, state)
            log.warning(
                f"{where}: {key} '{path}' is not in the site: add {docs}{image} or fix the path"
            )
    level = int(config.validation.links.not_found)
    if level <= logging.DEBUG:
        return
    documents = state.scan.model.documents
    # Pages link to the same targets (the bench: 3,000 links, a fifth of them distinct);
    # each is parsed and looked for once.
    missing: dict[str, bool] = {}
    for src_path, targets in sorted(state.cache.url_targets.items()):
        doc = documents.get(src_path)
        if doc is None or not doc.output:
            continue
        for target in dict.fromkeys(targets):
            found = missing.get(target)
            if found is None:
                found = missing[target] = _is_site_path(target) and not site.has(_site_path(target))
            if found:
                log.log(
                    level,
                    f"{src_path}: relative_url target '{target}' is not a page or file of the "
                    "site (MkDocs' validation.links.not_found sets how this is reported)",
                )


class _BuiltSite:
    """What the built folder holds, and the URLs of pages another pass did not write."""

    def __init__(self, root: Path, state: BuildState) -> None:
        self.root = root
        # `build_only_locale` leaves the other locales unbuilt; their pages still exist.
        self.urls = {doc.url for doc in state.scan.model.built()}
        self._seen: dict[str, bool] = {}

    def has(self, path: str) -> bool:
        """Whether ``path`` (a URL path without ``baseurl``) is served by the site."""
        if path not in self._seen:
            self._seen[path] = path in self.urls or self._on_disk(path)
        return self._seen[path]

    def _on_disk(self, path: str) -> bool:
        """Whether the built folder has a file a server would answer ``path`` with."""
        # As relative_url normalises it: dot segments never climb above the site's root.
        target = self.root / posixpath.normpath(path).lstrip("/")
        if path.endswith("/"):
            return (target / "index.html").is_file()
        # A server answers /about with about.html or /about/index.html (GitHub Pages does).
        return (
            target.is_file()
            or (target / "index.html").is_file()
            or target.with_name(target.name + ".html").is_file()
        )


def _images(state: BuildState, options: JekyllConfig) -> Iterator[tuple[str, str, str]]:
    """``(source, key, value)`` of every image the site's pages show."""
    author = options.author
    if isinstance(author, Mapping) and author:
        locales: Iterable[str | None] = state.scan.translations.locales or (None,)
        default = state.setup.settings.lang
        avatars = {localize_author(author, locale, default).get("avatar") for locale in locales}
        for avatar in sorted(a for a in avatars if isinstance(a, str) and a.strip()):
            yield "mkdocs.yml", "author.avatar", avatar.strip()
    site = state.setup.settings.extra
    og_image = options.seo_og_image or site.get("og_image")
    if isinstance(og_image, str) and og_image.strip():
        key = "seo_og_image" if options.seo_og_image else "site.og_image"
        yield "mkdocs.yml", key, og_image.strip()
    # Only a page whose front matter has a header or an image shows one of _PAGE_IMAGES.
    shown = [doc for doc in state.scan.model.built() if _may_show_image(doc.data)]
    for doc in sorted(shown, key=lambda d: d.src_path):
        if not doc.is_themed:
            continue
        for keys, label in _PAGE_IMAGES:
            value = _dig(doc.data, keys)
            if isinstance(value, str) and value.strip():
                yield doc.src_path, label, value.strip()


_IMAGE_ROOTS = tuple(dict.fromkeys(keys[0] for keys, _label in _PAGE_IMAGES))
"""The front matter keys every path of ``_PAGE_IMAGES`` starts from (``header``, ``image``)."""


def _may_show_image(data: object) -> bool:
    """Whether ``_dig`` can find a value of ``_PAGE_IMAGES`` in ``data``."""
    return isinstance(data, Mapping) and any(data.get(key) is not None for key in _IMAGE_ROOTS)


def _where(source: str, key: str, state: BuildState) -> str:
    """``source`` with the line of ``key`` in its front matter, when known."""
    doc: Document | None = state.scan.model.documents.get(source)
    if doc is None:
        return source
    line = doc.key_lines.get(key.split(".")[0])
    return f"{source}:{line}" if line else source


def _dig(data: Mapping[str, Any], keys: tuple[str, ...]) -> object:
    """``data[k1][k2]...``, or None when a level is missing or not a mapping."""
    value: object = data
    for key in keys:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _is_site_path(value: str) -> bool:
    """Whether ``value`` is a path of this site (not ``https://``, ``//host`` or ``data:``)."""
    return bool(value.strip()) and not _SCHEME.match(value) and not value.startswith("#")


def _image_path(key: str, value: str) -> str:
    """The site path an image value means (academicpages: a bare avatar is in /images/)."""
    if key == "author.avatar" and "/" not in value:
        return f"/images/{value}"
    return _site_path(value)


def _site_path(value: str) -> str:
    """A link's path as ``relative_url`` makes it (leading slash), without query or anchor."""
    path = unquote(urlsplit(value).path)
    return path if path.startswith("/") else f"/{path}"


def _docs_label(config: MkDocsConfig) -> str:
    """``docs_dir`` as the author knows it (``docs``), without the trailing slash."""
    root = Path(config.config_file_path or ".").resolve().parent
    try:
        return os.path.relpath(config.docs_dir, root).replace(os.sep, "/")
    except ValueError:  # another drive (Windows)
        return str(config.docs_dir)
