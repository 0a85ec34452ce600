"""The site model: every content file of every locale, with its front matter and permalink.

static-i18n builds the site once per locale, and each pass only sees its own locale's files,
yet Liquid needs ``site.pages`` of the whole site and two pages claiming one URL must be caught
across locales. So the model is built from the whole ``docs_dir`` once per build, before
MkDocs cleans ``site/``: a content error then leaves the previous output untouched.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

from mkdocs_jekyll.jekyll.collections import (
    Collection,
    Placement,
    categories_of,
    document_location,
    draft_date,
    is_future,
    place,
    post_date,
)
from mkdocs_jekyll.jekyll.conflicts import resolve_conflicts
from mkdocs_jekyll.jekyll.defaults import FrontMatterDefaults
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.frontmatter import FrontMatter, parse_front_matter, validate_front_matter
from mkdocs_jekyll.jekyll.paths import path_name, path_parts
from mkdocs_jekyll.jekyll.permalinks import (
    check_permalink,
    page_url,
    resolve_output_ext,
    url_to_dest,
)
from mkdocs_jekyll.jekyll.safe_paths import read_utf8

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn")
"""What MkDocs reads as Markdown pages (``mkdocs.utils.markdown_extensions``)."""
# Jekyll's Utils.has_yaml_header?: the first line is `---` and blanks.
_YAML_HEADER = re.compile(rb"---\s*\r?\n")
_HEADER_BYTES = 512
"""How much of a file is read to find its front matter fence: assets are never slurped."""
# Jekyll's own folders, whose files are templates and styles, never pages (reader.rb skips
# every `_` folder; collections and `_pages` are content here, as a site's `include` makes
# them in Jekyll).
_TEMPLATE_FOLDERS = frozenset({"_layouts", "_includes", "_sass", "_data", "_plugins", "_site"})

DEFAULTS_SOURCE = "mkdocs.yml plugins.jekyll.defaults"
"""How messages name a front matter value that came from the defaults, not the page."""


@dataclass(frozen=True)
class Document:
    """One content file as Jekyll sees it: a page (posts and collections come later)."""

    src_path: str
    """Path relative to ``docs_dir``, POSIX separators (``en/impact.md``)."""
    abs_path: str
    data: Mapping[str, Any]
    """Front matter deep-merged over the matching front matter defaults."""
    body: str
    line_offset: int
    """File lines before ``body``; added to Liquid line numbers in messages."""
    url: str
    """The Jekyll URL, from the site root without the base path (``/en/impact/``)."""
    dest: str
    """The output file relative to ``site_dir`` (``en/impact/index.html``)."""
    locale: str | None
    """The configured locale whose folder holds the file, if any."""
    type: str = "pages"
    """``pages``, ``posts`` or a collection label (Jekyll's defaults scope ``type``)."""
    output: bool = True
    """False for documents of a collection with ``output: false``: in Liquid, not built."""
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False)
    """The file line of each front matter key, for messages; a key missing here came from
    the front matter defaults in ``mkdocs.yml``."""
    output_ext: str = ".html"
    """Jekyll's ``output_ext``: ``.html`` for Markdown and HTML, else the file's own
    extension, unless the permalink names one (``search.json``, ``notes.txt``)."""

    @property
    def is_markdown(self) -> bool:
        """Whether the source is Markdown (else Liquid alone renders it, as Jekyll's
        ``Identity`` converter does for ``.html``, ``.json``, ``.txt``...)."""
        return is_markdown_path(self.src_path)

    @property
    def is_themed(self) -> bool:
        """Whether the output is a page in the theme: Markdown, or a file naming a layout.

        Jekyll writes a file without a layout as its Liquid output alone, whatever its
        extension (``search.json``, a whole ``<html>`` document in ``landing.html``).
        """
        return self.is_markdown or has_layout(self.data.get("layout"))

    @property
    def lang(self) -> str | None:
        """The page language: front matter ``lang``, else its locale folder."""
        value = self.data.get("lang")
        return str(value) if value else self.locale

    @property
    def name(self) -> str:
        """The file name (``2024-01-02-hello.md``)."""
        return path_name(self.src_path)

    @property
    def published(self) -> bool:
        """Jekyll's ``published: false`` keeps a document out of the build."""
        return self.data.get("published", True) is not False


@dataclass
class SiteModel:
    """All documents of a build, indexed the ways the plugin looks them up."""

    documents: dict[str, Document] = field(default_factory=dict)
    """Published documents by ``src_path``."""
    unpublished: set[str] = field(default_factory=set)
    """Sources that must not be built: ``published: false``, drafts, future posts."""
    mtime_dated: set[str] = field(default_factory=set)
    """Drafts dated by their file's modification time (``show_drafts``): saving one moves
    it in ``site.posts`` and may change its URL, so ``mkdocs serve`` rebuilds everything."""
    errors: dict[str, str] = field(default_factory=dict)
    """Under ``mkdocs serve``: sources whose front matter or permalink failed, by message."""

    static_files: list[StaticFile] = field(default_factory=list)
    """The files copied as they are (no front matter), for ``site.static_files``."""
    excerpts: dict[str, str] = field(default_factory=dict)
    """Each document's excerpt as HTML by ``src_path`` (set once Liquid is rendered)."""

    def of_type(self, label: str) -> list[Document]:
        """The documents of one collection (``posts``: newest first, as ``site.posts``).

        Other collections are in Jekyll's collection order (``Document#<=>``: by date, then
        path; a document without ``date`` is dated at the build time, after any past date).
        Pages are in Jekyll's reader order (``site.pages``: by file name).
        """
        docs = [doc for doc in self.documents.values() if doc.type == label]
        if label == "pages":
            # reader.rb sort_files!: `site.pages.sort_by!(&:name)`. Ruby's sort is not
            # stable, so pages sharing a name (every `index.md`) come in no set order in
            # Jekyll; here they follow their paths.
            docs.sort(key=lambda doc: (doc.name, doc.src_path))
            return docs
        docs.sort(key=lambda doc: (_sort_date(doc.data.get("date"), undated), doc.src_path))
        if label == "posts":
            docs.reverse()
        return docs

    _by_layout: tuple[int, dict[str, list[Document]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def built(self) -> list[Document]:
        """The documents written to the site."""
        return [doc for doc in self.documents.values() if doc.output]

    def built_with_layout(self, layout: str) -> list[Document]:
        """The built documents whose front matter ``layout`` is ``layout``, as ``built()`` orders.

        Indexed once, on first use (after the scan, which is the only step that changes the
        model; a change in the number of documents rebuilds the index): looking through every
        document for each page's category and tag links grew with pages x documents.
        """
        if self._by_layout is None or self._by_layout[0] != len(self.documents):
            index: dict[str, list[Document]] = {}
            for doc in self.built():
                index.setdefault(str(doc.data.get("layout") or ""), []).append(doc)
            self._by_layout = (len(self.documents), index)
        return self._by_layout[1].get(layout, [])

    def link_targets(self) -> dict[str, str]:
        """Source path to URL, for Liquid's ``link`` tag."""
        return {path: doc.url for path, doc in self.documents.items() if doc.output}

    def post_urls(self) -> dict[str, str]:
        """Post name (``2024-01-02-hi``, also ``en/2024-01-02-hi``) to URL, for ``post_url``."""
        result: dict[str, str] = {}
        names: dict[str, int] = {}
        for doc in self.of_type("posts"):
            if "_drafts" in PurePosixPath(doc.src_path).parts:
                # post_url.rb PostComparer: a name matches `_posts/` paths only.
                continue
            path = PurePosixPath(doc.src_path)
            before = doc.src_path.split("/_posts/")[0] if "/_posts/" in doc.src_path else ""
            result[f"{before}/{path.stem}".lstrip("/")] = doc.url
            names[path.stem] = names.get(path.stem, 0) + 1
            result.setdefault(path.stem, doc.url)
        # A bare name shared by two locales' posts is ambiguous: only the prefixed one works.
        for stem, count in names.items():
            if count > 1:
                result.pop(stem, None)
        return result


@dataclass
class ScanCache:
    """Parsed front matter by file, reused while a file's size and mtime do not change.

    ``mkdocs serve`` rebuilds on every save and static-i18n runs one pass per locale: both
    would otherwise re-read every file of the site each time.
    """

    entries: dict[str, tuple[tuple[int, int], FrontMatter]] = field(default_factory=dict)

    def read(self, abs_path: str, src_path: str) -> FrontMatter:
        """Return the parsed front matter of ``abs_path``, parsing only when it changed."""
        stat = os.stat(abs_path)
        key = (stat.st_mtime_ns, stat.st_size)
        hit = self.entries.get(abs_path)
        if hit is not None and hit[0] == key:
            return hit[1]
        text = read_utf8(abs_path, src_path)
        parsed = parse_front_matter(text, src_path)
        if parsed.mkdocs_meta and text.startswith("\ufeff"):
            # A second byte order mark: MkDocs' read drops one only, and then finds no
            # front matter (its split needs `---` first): the body is not its Markdown.
            parsed = replace(parsed, mkdocs_meta=False)
        validate_front_matter(parsed.data, src_path, lines=parsed.key_lines)
        self.entries[abs_path] = (key, parsed)
        return parsed

    def front_matter_changed(self, abs_path: str, src_path: str) -> bool:
        """Whether a file's front matter differs from when it was last read.

        An edit to the body alone is no change: the site model and every other page's Liquid
        stay as they were (``incremental``). A file never read counts as changed.

        Raises:
            ContentError: The new front matter is malformed.
        """
        hit = self.entries.get(abs_path)
        after = self.read(abs_path, src_path)
        return (
            hit is None
            or hit[1].data != after.data
            or (hit[1].has_front_matter != after.has_front_matter)
        )


def is_markdown_path(src_path: str) -> bool:
    """Whether MkDocs reads ``src_path`` as a Markdown page."""
    return src_path.lower().endswith(MARKDOWN_EXTENSIONS)


def has_layout(layout: object) -> bool:
    """Whether front matter ``layout`` names one (``none``, ``null`` and blank do not)."""
    return isinstance(layout, str) and layout.strip().lower() not in {"", "none", "null"}


def source_output_ext(src_path: str) -> str:
    """The output extension of a source before its permalink: Jekyll's converter's.

    Markdown and HTML give ``.html``; any other file keeps its own (``Identity``):
    ``search.json`` -> ``.json``, ``notes.txt`` -> ``.txt``.
    """
    if is_markdown_path(src_path):
        return ".html"
    name = src_path.rpartition("/")[2]
    stem = name.lstrip(".")
    dot = stem.rfind(".")
    return stem[dot:] if dot > 0 else ""


def has_front_matter_header(abs_path: str) -> bool:
    """Jekyll's ``Utils.has_yaml_header?``: the first line is ``---`` (then blanks).

    Only the first bytes are read, so a large asset costs one small read.
    """
    try:
        with open(abs_path, "rb") as handle:
            head = handle.read(_HEADER_BYTES)
    except OSError:
        return False
    return _YAML_HEADER.match(head) is not None


def is_content_file(src_path: str, abs_path: str) -> bool:
    """Whether a file of ``docs_dir`` is a page or document for Jekyll.

    Markdown pages always are (MkDocs builds them all); any other file is when it starts
    with front matter and is not in one of Jekyll's template folders (``_layouts``...).
    Everything else is a static file, copied as it is.
    """
    if is_markdown_path(src_path):
        return True
    if any(part in _TEMPLATE_FOLDERS for part in src_path.split("/")[:-1]):
        return False
    return has_front_matter_header(abs_path)


def locale_of(src_path: str, locales: Mapping[str, str]) -> str | None:
    """Return the configured locale whose folder holds ``src_path``.

    Args:
        src_path: Path relative to ``docs_dir``.
        locales: Normalised folder key (``pt-br``) to the configured locale code.

    Returns:
        The locale code, or None for files outside every locale folder.
    """
    first = path_parts(src_path)[0]
    return locales.get(normalise_locale(first))


def normalise_locale(code: str) -> str:
    """``pt_BR``, ``pt-BR`` and ``pt-br`` are one locale: compare them lower-cased with '-'."""
    return code.replace("_", "-").lower()


def locale_folder_map(codes: Iterable[str]) -> dict[str, str]:
    """Normalised folder name (``pt-br``) to configured locale code, for ``locale_of``.

    static-i18n's special ``null`` language is a switcher entry, never a folder.
    """
    return {normalise_locale(code): code for code in codes if code != "null"}


def build_site_model(
    sources: Iterable[tuple[str, str]],
    *,
    cache: ScanCache,
    defaults: FrontMatterDefaults,
    permalink_style: str,
    locales: Mapping[str, str],
    collections: Mapping[str, Collection],
    now: dt.datetime,
    future: bool = False,
    show_drafts: bool = False,
    zone: dt.tzinfo | None = None,
    on_error: Callable[[ContentError], None] | None = None,
) -> SiteModel:
    """Read every source's front matter and compute its permalink.

    Args:
        sources: ``(src_path, abs_path)`` of every content file in ``docs_dir``: the
            Markdown pages and every other file that starts with front matter
            (``is_content_file``).
        cache: Front matter parsed by earlier builds.
        defaults: The site's front matter defaults.
        permalink_style: Jekyll's site-wide ``permalink`` (``pretty``, ``date``, a template).
        locales: Normalised folder key to configured locale code.
        collections: Jekyll's ``collections`` (``posts`` included).
        now: The build time: posts dated later are left out unless ``future``.
        future: Jekyll's ``future``: build posts dated in the future.
        show_drafts: Jekyll's ``show_drafts``: build ``_drafts/`` as posts.
        zone: The site's ``timezone``: the zone of a draft's modification time (else UTC).
        on_error: Under ``mkdocs serve``: called with each file's error instead of raising;
            the file is then kept at its path-based URL and listed in ``model.errors``, so
            the rest of the site still builds and the page can show the error.

    Returns:
        The model of the site.

    Raises:
        ContentError: Bad front matter, a permalink leaving the site, or a post without
            a date (without ``on_error``). Two documents writing the same output file are
            only a warning, as in Jekyll (``conflicts``).
    """
    model = SiteModel()
    owners: dict[str, str] = {}
    reader = _Reader(
        cache, defaults, permalink_style, locales, collections, now, future, show_drafts, zone
    )
    for src_path, abs_path in sources:
        try:
            doc = reader.read(src_path, abs_path, model)
        except ContentError as err:
            if on_error is None:
                raise
            on_error(err)
            ext = source_output_ext(src_path)
            url = page_url(src_path, permalink=None, style=permalink_style, output_ext=ext)
            doc = Document(
                src_path=src_path,
                abs_path=abs_path,
                data={},
                body="",
                line_offset=0,
                url=url,
                dest=url_to_dest(url, ext),
                locale=locale_of(src_path, locales),
                output_ext=ext,
            )
            if doc.dest in owners:
                model.unpublished.add(src_path)
                continue
            owners[doc.dest] = src_path
            model.errors[src_path] = str(err)
        if doc is not None:
            model.documents[src_path] = doc
    # Two documents on one output file: Jekyll warns and the one it writes last stays.
    resolve_conflicts(model, list(collections))
    return model


@dataclass(frozen=True)
class _Reader:
    """Turns one source file into a ``Document`` with the build's settings."""

    cache: ScanCache
    defaults: FrontMatterDefaults
    permalink_style: str
    locales: Mapping[str, str]
    collections: Mapping[str, Collection]
    now: dt.datetime
    future: bool
    show_drafts: bool = False
    zone: dt.tzinfo | None = None

    def read(self, src_path: str, abs_path: str, model: SiteModel) -> Document | None:
        """The file's document, or None (recorded in ``model.unpublished``) when not built."""
        parsed = self.cache.read(abs_path, src_path)
        placement = place(src_path, self.collections)
        draft = placement.label == "drafts"
        if draft:
            if not self.show_drafts:
                # reader.rb retrieve_posts: `_drafts` is read only with `show_drafts`.
                model.unpublished.add(src_path)
                return None
            # post_reader.rb read_drafts: a draft is a document of the posts collection
            # (its defaults `type` is `posts`); its categories are the folders above
            # `_drafts`, and `:path` keeps `_drafts/` (only `_posts` is cut from it).
            placement = Placement("posts", placement.superdirs, "_posts")
        data = self.defaults.apply(parsed.data, src_path, placement.label)
        if draft:
            # Document#date: the file's modification time unless a date is given. And
            # Document#draft? (`data["draft"] ||= ...`, called again by #date) turns a front
            # matter `draft: false` back into true: a draft's `page.draft` is always true.
            when, by_mtime = draft_date(src_path, data, os.stat(abs_path).st_mtime, self.zone)
            data = {**data, "draft": True, "date": when}
            if by_mtime:
                model.mtime_dated.add(src_path)
        if data.get("published", True) is False:
            model.unpublished.add(src_path)
            return None
        raw = data.get("permalink")
        permalink = str(raw) if raw is not None else None
        if permalink is not None:
            line = parsed.key_lines.get("permalink")
            source = "front matter" if "permalink" in parsed.data else DEFAULTS_SOURCE
            check_permalink(permalink, src_path, line=line, source=source)
        output = True
        # Jekyll takes the output extension from the permalink (`/feed.xml` -> feed.xml),
        # else from the converter (Markdown and HTML: `.html`; others keep their own).
        output_ext = resolve_output_ext(permalink, source_output_ext(src_path))
        if placement.label == "posts" and not draft:
            # The date the URL and `page.date` share (a date string read in the site's zone).
            data = {**data, "date": post_date(src_path, data, self.zone)}
        if placement.label == "pages":
            url = page_url(
                src_path,
                permalink=permalink,
                style=self.permalink_style,
                output_ext=source_output_ext(src_path),
            )
            dest = url_to_dest(url, output_ext)
        else:
            collection = self.collections[placement.label]
            url, dest = document_location(
                src_path,
                data,
                placement,
                collection,
                style=self.permalink_style,
                output_ext=source_output_ext(src_path),
            )
            output = collection.output
            if placement.label == "posts":
                when = post_date(src_path, data, self.zone)
                data = {
                    **data,
                    "date": when,
                    "categories": categories_of(data, placement.superdirs),
                }
                if not self.future and is_future(when, self.now):
                    model.unpublished.add(src_path)
                    return None
        if not output:
            model.unpublished.add(src_path)
        return Document(
            src_path=src_path,
            abs_path=abs_path,
            data=data,
            body=parsed.body,
            line_offset=parsed.line_offset,
            url=url,
            dest=dest,
            locale=locale_of(src_path, self.locales),
            type=placement.label,
            output=output,
            key_lines=parsed.key_lines,
            output_ext=output_ext,
        )


def _sort_date(value: Any, missing: dt.datetime) -> dt.datetime:
    """A comparable UTC datetime for a document's date (dates at midnight)."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return missing


undated = dt.datetime.max.replace(tzinfo=dt.UTC)
"""Where a collection document without ``date`` sorts: Jekyll dates it at the build time."""


@dataclass(frozen=True)
class StaticFile:
    """A file copied as it is, as ``site.static_files`` lists it (``StaticFileDrop``)."""

    src_path: str
    """Path relative to ``docs_dir``, POSIX separators."""
    modified_time: dt.datetime
    collection: str | None = None
    """The label of the collection folder holding it, if any."""

    def to_liquid(self) -> dict[str, Any]:
        """``name``, ``basename``, ``extname``, ``path`` (from the site root), and the rest."""
        path = PurePosixPath(self.src_path)
        # static_file.rb #basename: the name without extension and without trailing dots.
        return {
            "name": path.name,
            "basename": path.name.removesuffix(path.suffix).rstrip("."),
            "extname": path.suffix,
            "path": "/" + self.src_path,
            "collection": self.collection,
            "modified_time": self.modified_time,
        }
