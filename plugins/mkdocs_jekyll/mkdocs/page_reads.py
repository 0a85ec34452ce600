"""Under ``mkdocs serve``: which documents' text each render printed, for incremental rebuilds.

An incremental rebuild (``incremental``) builds the edited pages and keeps every other
page's output. That is exact only for the pages whose output does not depend on the edited
text; a page that prints another document's ``content``, ``output`` or ``excerpt`` (a
``{% for p in site.pages %}{{ p.content }}`` listing, ``site.posts.first.content``, a
``jsonify`` of a drop) does. Every read of those keys is seen by the drops
(``drops.watch_reads``); while a document's Liquid renders, the reads are recorded as that
document's (``RenderCache.reads``), and the planner rebuilds the documents that read an
edited one, and the ones that read those.

Only Liquid renders are recorded (a page's own, its excerpt's, and the includes its theme
renders with ``jekyll_include``): outside them, the plugin's theme shows other documents'
text only as the excerpts of posts and collection documents that layouts list
(``excerpt_readers``), the archives' excerpts and reading times (an edit of a post they list
rebuilds everything: ``incremental``), and in the site-wide outputs (feeds, search,
sitemap) that every build writes again. Recording costs a call and a set insertion per read
of those keys inside a render, and only under ``mkdocs serve``; other builds pay one false
test per read of a drop's key.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from typing import TYPE_CHECKING

from mkdocs_jekyll.jekyll.drops import watch_reads

if TYPE_CHECKING:
    from mkdocs_jekyll.jekyll.documents import SiteModel

Reads = MutableMapping[str, set[str]]
"""src_path of a rendered document -> the src_paths of the documents whose text it read."""

_READERS: list[tuple[str, Reads]] = []
"""The renders in progress (a render may render others: ``page_liquid._advance``)."""


@contextmanager
def reading_for(src_path: str, reads: Reads) -> Iterator[None]:
    """Record in ``reads[src_path]`` every document whose text is read meanwhile."""
    reads.setdefault(src_path, set())
    if not _READERS:
        watch_reads(_note)
    _READERS.append((src_path, reads))
    try:
        yield
    finally:
        _READERS.pop()
        if not _READERS:
            watch_reads(None)


def _note(path: str | None) -> None:
    """A document's text was read: by the innermost render in progress."""
    if _READERS and path:
        reader, reads = _READERS[-1]
        if path != reader:
            reads[reader].add(path)


def merge(reads: Reads, more: Mapping[str, AbstractSet[str]]) -> None:
    """Add ``more`` (another process's records) to ``reads``."""
    for reader, read in more.items():
        reads.setdefault(reader, set()).update(read)


def readers_of(edited: AbstractSet[str], reads: Mapping[str, AbstractSet[str]]) -> set[str]:
    """The documents whose renders read an edited one, or read one of those, and so on.

    Returns:
        Those documents' src_paths, without ``edited`` itself.
    """
    read_by: dict[str, set[str]] = {}
    for reader, read in reads.items():
        for path in read:
            read_by.setdefault(path, set()).add(reader)
    found: set[str] = set()
    todo = list(edited)
    while todo:
        for reader in read_by.get(todo.pop(), ()):
            if reader not in found and reader not in edited:
                found.add(reader)
                todo.append(reader)
    return found


def excerpt_readers(paths: AbstractSet[str], model: SiteModel) -> set[str]:
    """The pages whose layout lists the excerpt of one of ``paths`` (Minimal Mistakes'
    ``home`` layout and ``related: true`` list posts, the ``collection`` layout its
    collection's documents: ``features.furniture``), of any locale."""
    docs = model.documents
    types = {docs[path].type for path in paths if path in docs} - {"pages"}
    if not types:
        return set()
    found = set()
    for doc in model.built():
        data = doc.data
        if "posts" in types and (data.get("layout") == "home" or data.get("related")):
            found.add(doc.src_path)
        elif data.get("layout") == "collection" and data.get("collection") in types:
            found.add(doc.src_path)
    return found - set(paths)
