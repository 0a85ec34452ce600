"""Two documents on one output file: Jekyll warns, writes both, and the last one stays.

Jekyll 4.3 does not refuse a shared destination. ``Site#write`` first prints
``Commands::Doctor.conflicting_urls`` ("Conflict: The following destination is shared by
multiple files."), then writes every file in ``Site#each_site_file`` order, so the one
written last is what the site serves. Both stay in ``site.pages`` and the collections for
Liquid. This module finds that order and keeps the same winner; the other documents stay in
the model (``output=False``), out of the build, with one warning each naming both files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.jekyll.findings import CONFLICTS, record_finding
from mkdocs_jekyll.jekyll.log import plugin_logger
from mkdocs_jekyll.jekyll.paths import path_name

if TYPE_CHECKING:
    from mkdocs_jekyll.jekyll.documents import Document, SiteModel

log = plugin_logger(__name__)

_EARLIEST = dt.datetime.min.replace(tzinfo=dt.UTC)

WriteOrder = tuple[int, int, dt.datetime, str, str]


def write_order(doc: Document, labels: Sequence[str]) -> WriteOrder:
    """Where ``doc`` comes in Jekyll's ``Site#each_site_file``: later is written later.

    Pages come first, sorted by file name (``Reader#sort_files!``: ``pages.sort_by!(&:name)``),
    then each collection's documents, collections in ``site.collections`` order (``posts``
    first, then as configured), each sorted by ``Document#<=>`` (date, then path).

    Args:
        doc: A document of the model.
        labels: The collection labels in ``site.collections`` order.

    Returns:
        A sort key; ties in Jekyll's own sort are broken by path.
    """
    if doc.type == "pages":
        return (0, 0, _EARLIEST, path_name(doc.src_path), doc.src_path)
    index = labels.index(doc.type) if doc.type in labels else len(labels)
    return (1, index, _date(doc.data.get("date")), "", doc.src_path)


def resolve_conflicts(model: SiteModel, labels: Sequence[str]) -> None:
    """Keep one document per output file, the one Jekyll writes last; warn for the others.

    Args:
        model: The site model; losing documents become ``output=False`` and are added to
            ``model.unpublished`` (still in Liquid's ``site.pages``, as in Jekyll).
        labels: The collection labels in ``site.collections`` order.
    """
    by_dest: dict[str, list[Document]] = {}
    for doc in model.documents.values():
        if doc.output:
            by_dest.setdefault(doc.dest, []).append(doc)
    for dest, docs in by_dest.items():
        if len(docs) < 2:
            continue
        ordered = sorted(docs, key=lambda doc: write_order(doc, labels))
        winner = ordered[-1]
        for loser in ordered[:-1]:
            model.documents[loser.src_path] = dataclasses.replace(loser, output=False)
            model.unpublished.add(loser.src_path)
            model.errors.pop(loser.src_path, None)
            message = conflict_message(loser.src_path, winner.src_path, dest)
            log.warning(message)
            record_finding(CONFLICTS, loser.src_path, message.removeprefix(f"{loser.src_path}: "))


def conflict_message(loser: str, winner: str, dest: str) -> str:
    """The warning for a document that another one's output replaces, naming both."""
    return (
        f"{loser}: Conflict: '{dest}' is also the destination of '{winner}'; only "
        f"'{winner}' is written, as Jekyll writes the last of them "
        "('The following destination is shared by multiple files'). Give one of them "
        "another permalink."
    )


def _date(value: Any) -> dt.datetime:
    """A comparable UTC datetime for a document's date (none: the earliest)."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return _EARLIEST
