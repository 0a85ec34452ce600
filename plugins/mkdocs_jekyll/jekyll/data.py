"""Read a Jekyll ``_data`` folder into the mapping templates see as ``site.data``."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.safe_paths import escaping_link, read_utf8, skipped_link_message
from mkdocs_jekyll.jekyll.yaml import load_yaml

# Jekyll's DataReader reads these extensions (jekyll/readers/data_reader.rb).
DATA_EXTENSIONS = (".yml", ".yaml", ".json", ".csv", ".tsv")


def load_data_dir(
    folder: Path,
    *,
    label: str,
    warn: Callable[[str], None] | None = None,
    on_error: Callable[[ContentError], None] | None = None,
) -> dict[str, Any]:
    """Load every data file below ``folder``, sub-folders becoming nested mappings.

    Mirrors Jekyll's ``DataReader``: ``_data/members.yml`` is ``site.data.members`` and
    ``_data/team/leads.csv`` is ``site.data.team.leads``; CSV and TSV files become lists of
    row mappings keyed by their header. A missing folder is an empty mapping. As in Jekyll's
    safe mode, an entry that is a symbolic link leaving the data folder is skipped
    (``DataReader#read_data_to`` asks ``EntryFilter#symlink?``).

    Args:
        folder: The data folder (absolute).
        label: How messages name the folder, e.g. ``_data``.
        warn: Called with the message for each link skipped.
        on_error: Under ``mkdocs serve``: called with each file's error instead of raising;
            the file is left out of the mapping and the others still load.

    Returns:
        The nested mapping for ``site.data``.

    Raises:
        ContentError: A file does not parse or is not UTF-8; the message names it and the
            line.
    """
    if not folder.is_dir():
        return {}
    return _load_folder(folder, label, root=(folder, label), warn=warn, on_error=on_error)


def _load_folder(
    folder: Path,
    label: str,
    *,
    root: tuple[Path, str],
    warn: Callable[[str], None] | None,
    on_error: Callable[[ContentError], None] | None = None,
) -> dict[str, Any]:
    """``load_data_dir`` for ``folder``, the data folder or one below it (``root``)."""
    data: dict[str, Any] = {}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "_")):
            continue
        name = f"{label}/{entry.name}"
        escape = escaping_link(entry, root[0])
        if escape is not None:
            if warn is not None:
                warn(skipped_link_message(name, escape[1], root[1]))
            continue
        if entry.is_dir():
            data[entry.name] = _load_folder(entry, name, root=root, warn=warn, on_error=on_error)
        elif entry.suffix.lower() in DATA_EXTENSIONS:
            try:
                data[entry.stem] = load_data_file(entry, label=name)
            except ContentError as err:
                if on_error is None:
                    raise
                on_error(err)
    return data


def data_file_label(folder: Path, stem: str, label: str) -> str:
    """How messages name the file that ``site.data.<stem>`` was read from.

    ``navigation.yml``, ``navigation.yaml`` or ``navigation.json``: the one
    ``load_data_dir`` kept (the last by name, as it reads them in order); ``<stem>.yml``
    when there is none.

    Args:
        folder: The data folder (absolute).
        stem: The top-level key of ``site.data`` (``navigation``).
        label: How messages name the folder, e.g. ``_data``.

    Returns:
        ``_data/navigation.yml`` or the like.
    """
    names = sorted(
        entry.name
        for entry in folder.glob(f"{stem}.*")
        if entry.stem == stem and entry.suffix.lower() in DATA_EXTENSIONS
    )
    return f"{label}/{names[-1] if names else stem + '.yml'}"


def load_data_file(path: Path, *, label: str) -> Any:
    """Parse one data file by its extension; errors name ``label`` and the line."""
    text = read_utf8(path, label)
    suffix = path.suffix.lower()
    if suffix in (".yml", ".yaml"):
        try:
            return load_yaml(text)
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark
            line = mark.line + 1 if mark is not None else None
            raise ContentError(label, f"invalid YAML: {err.problem}", line=line) from err
        except yaml.YAMLError as err:
            raise ContentError(label, f"invalid YAML: {err}") from err
        except ValueError as err:
            # PyYAML resolves `2024-13-45` as a date and fails to build it (Psych keeps text).
            raise ContentError(
                label,
                f"invalid YAML: a date that does not exist ({err}); write a real date such as "
                "'2024-01-31', or quote the value to keep it as text",
            ) from err
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise ContentError(
                label, f"invalid JSON: {err.msg}", line=err.lineno, column=err.colno
            ) from err
    delimiter = "\t" if suffix == ".tsv" else ","
    return [dict(row) for row in csv.DictReader(text.splitlines(), delimiter=delimiter)]
