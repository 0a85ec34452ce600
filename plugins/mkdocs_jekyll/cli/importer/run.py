"""One import, from a Jekyll source folder to an MkDocs project: read, plan, then write.

Nothing is written before the whole plan stands (a front matter error stops the import with
its one-line message and DEST untouched), and nothing is ever written inside the source.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from mkdocs_jekyll.cli.importer.config_map import jekyll_plugins, mkdocs_config
from mkdocs_jekyll.cli.importer.locales import read_locales, spelled_as_folders
from mkdocs_jekyll.cli.importer.placement import X_DEFAULT, Plan, plan_content
from mkdocs_jekyll.cli.importer.source import JekyllSource, load_config, read_source
from mkdocs_jekyll.cli.importer.summary import Summary
from mkdocs_jekyll.cli.importer.theme import ThemePlan, plan_theme, plugin_notes
from mkdocs_jekyll.jekyll.documents import is_markdown_path
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.safe_paths import is_inside, read_utf8
from mkdocs_jekyll.jekyll.yaml import load_yaml

__all__ = ["ImportRefused", "run_import"]

# Document::YAML_FRONT_MATTER_REGEXP (the closing fence of the front matter).
_FRONT_MATTER = re.compile(r"\A(---[ \t]*\n)(.*?\n?)^((?:---|\.\.\.)[ \t]*$\n?)", re.M | re.S)
Progress = Callable[[Sequence[Any], str], Iterable[Any]]
"""``progress(items, label)`` yields ``items``, showing how far it got."""
# What the import writes in DEST; with --force, only these are replaced.
_OUTPUTS = ("mkdocs.yml", "IMPORT.md", "docs", "overrides", "_data", "_includes")


class ImportRefused(Exception):
    """The import cannot start (paths, DEST not empty); the message is one line."""


def run_import(
    src: Path,
    dest: Path,
    *,
    configs: Sequence[Path] = (),
    force: bool = False,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Summary:
    """Import the Jekyll site in ``src`` into a new MkDocs project in ``dest``.

    Args:
        src: The Jekyll source folder (with ``_config.yml``); only read.
        dest: Where the MkDocs project goes; must be empty unless ``force``.
        configs: Jekyll's ``--config`` files, in order (default: ``src/_config.yml``).
        force: Write into a non-empty ``dest``, replacing what an import writes there.
        now: The time that decides which posts are in the future (default: now).
        progress: Wraps the files being written, to show a progress bar (the command's,
            on a terminal); by default they are written silently.

    Returns:
        The summary, also written to ``dest/IMPORT.md``.

    Raises:
        ImportRefused: Bad paths or a non-empty ``dest`` without ``force``.
        ContentError: A file of the source cannot be read (front matter, UTF-8, YAML).
    """
    src, dest = src.resolve(), dest.absolute()
    _check_paths(src, dest, force)
    config = load_config(src, [Path(p) for p in configs])
    source = read_source(src, config)
    data_dir = source.folder("data_dir", "_data")
    includes_dir = source.folder("includes_dir", "_includes")
    labels = _read_labels(src / data_dir)
    top = {f.rel.split("/", 1)[0] for f in source.files if "/" in f.rel}
    locales = spelled_as_folders(read_locales(config, labels), top)
    plan = plan_content(source, locales, now or dt.datetime.now(dt.UTC))
    includes = _texts(src / includes_dir)
    theme = plan_theme(src, source.theme_files, includes)
    base = str(config.get("baseurl") or "").strip("/")
    summary = Summary(source=str(src), dest=str(dest), base=f"/{base}/" if base else "/")
    if locales.multi:
        summary.locales, summary.default_locale = list(locales.codes), locales.default
    notes: list[str] = []
    statics, dotfiles, hidden = _statics(source, summary)
    replaced: list[str] = []
    settings = mkdocs_config(
        config,
        locales,
        plan.defaults,
        dotfiles=dotfiles,
        hidden=hidden,
        notes=notes,
        replaced=replaced,
    )
    summary.replaced += replaced
    if locales.multi and "/" not in plan.urls.values() and not _has_root_index(statics):
        notes.append(
            "no page of the site is at '/': the build writes a language landing page there "
            "(plugins.jekyll.i18n_root), a URL Jekyll's site does not have"
        )
    if not configs and not (src / "_config.yml").is_file():
        notes.append(f"{src}: no _config.yml; Jekyll's defaults were used")
    if config.get("collections_dir"):
        summary.lost.append(
            f"_config.yml collections_dir: {config['collections_dir']}: the import reads "
            "collections and posts at the source's root only; their folder was read as "
            "ordinary files (move them to the root, remove collections_dir, import again)"
        )
    if locales.multi:
        homes = set(plan.urls.values())
        for code in locales.codes:
            if f"/{code}/" not in homes:
                notes.append(
                    f"locale '{code}' has no page at /{code}/: static-i18n warns 'Could not "
                    f"find a homepage for locale '{code}'', so mkdocs build --strict fails; "
                    f"give one page of docs/{code}/ the permalink /{code}/"
                )
    _fill_summary(summary, source, plan, theme, notes)
    if force:
        for name in _OUTPUTS:
            _remove(dest / name)
    dest.mkdir(parents=True, exist_ok=True)
    _write_content(src, dest / "docs", plan, statics, progress or _silent)
    for folder, target in ((data_dir, "_data"), (includes_dir, "_includes")):
        if (src / folder).is_dir():
            shutil.copytree(src / folder, dest / target, symlinks=False, ignore=_links_out(src))
    for rel, text in theme.files.items():
        _write_text(dest / "overrides" / rel, text)
    (dest / "overrides").mkdir(exist_ok=True)
    header = "# Written by mkdocs-jekyll import from _config.yml; see IMPORT.md.\n"
    yaml_text = yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=100)
    _write_text(dest / "mkdocs.yml", header + yaml_text)
    _write_text(dest / "IMPORT.md", summary.text())
    return summary


def _check_paths(src: Path, dest: Path, force: bool) -> None:
    """The source must exist, DEST must not overlap it and must be empty unless ``force``."""
    if not src.is_dir():
        raise ImportRefused(f"{src}: no such folder")
    real_dest = Path(os.path.realpath(dest))
    if is_inside(real_dest, src) or is_inside(src, real_dest):
        raise ImportRefused(
            f"{dest}: DEST and JEKYLL_SRC overlap; the import never writes into the source, "
            "choose a folder outside it"
        )
    if dest.exists() and not dest.is_dir():
        raise ImportRefused(f"{dest}: not a folder")
    if dest.is_dir() and any(dest.iterdir()) and not force:
        raise ImportRefused(f"{dest}: not empty; use --force to write into it anyway")


def _read_labels(data: Path) -> Mapping[str, Any]:
    """``_data/language_labels.yml``, the languages' display names, when the site has one."""
    for name in ("language_labels.yml", "language_labels.yaml", "languages.yml"):
        path = data / name
        if path.is_file():
            value = load_yaml(read_utf8(path, f"_data/{name}"))
            if isinstance(value, Mapping):
                return value
    return {}


def _texts(folder: Path) -> dict[str, str]:
    """Every text file below ``folder`` (path -> text); unreadable ones as empty."""
    found: dict[str, str] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*")):
        if path.is_file() and is_inside(path, folder):
            try:
                found[path.relative_to(folder).as_posix()] = path.read_text("utf-8")
            except (UnicodeDecodeError, OSError):
                found[path.relative_to(folder).as_posix()] = ""
    return found


def _statics(
    source: JekyllSource, summary: Summary
) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """The static files to copy (source, path below ``docs/``), the dotfiles among them,
    which MkDocs skips unless told, and the Markdown files MkDocs must not build."""
    statics: list[tuple[str, str]] = []
    dotfiles: list[str] = []
    hidden: list[str] = []
    for item in source.files:
        if item.kind != "static":
            continue
        if is_markdown_path(item.rel) and item.collection is None:
            # Kept for `include_relative`, but out of MkDocs' pages (exclude_docs).
            summary.lost.append(
                f"{item.rel}: Markdown without front matter, which Jekyll publishes as it is "
                f"(/{item.rel}) and MkDocs would build as a page; copied but not published "
                "(exclude_docs), so include_relative still reads it (add front matter to "
                "make it a page)"
            )
            hidden.append(item.rel)
            statics.append((item.rel, item.rel))
            continue
        dest: str | None = item.rel
        if item.collection is not None:
            dest = _collection_static(source, item.rel, item.collection, summary)
        if dest is None:
            continue
        statics.append((item.rel, dest))
        if any(part.startswith(".") for part in dest.split("/")) or dest.startswith("templates/"):
            dotfiles.append(dest)
    summary.static_files = len(statics) - len(hidden)
    return statics, dotfiles, hidden


def _has_root_index(statics: Sequence[tuple[str, str]]) -> bool:
    """Whether a static ``index.html`` serves ``/``."""
    return any(dest == "index.html" for _, dest in statics)


def _collection_static(source: JekyllSource, rel: str, label: str, summary: Summary) -> str | None:
    """Where a collection's static file goes: Jekyll writes it at the collection's URL
    (``StaticFile#url`` with ``:path`` the path inside the collection folder), which the
    build copies it to from ``docs/<label>/...``."""
    template = str(source.collections.get(label, {}).get("permalink") or "/:collection/:path")
    if not template.startswith("/:collection/:path"):
        summary.lost.append(
            f"{rel}: a static file of collection '{label}', whose permalink '{template}' "
            "the import cannot place it by; not imported"
        )
        return None
    return f"{label}/{rel.split('/', 1)[1]}"


def _fill_summary(
    summary: Summary, source: JekyllSource, plan: Plan, theme: ThemePlan, notes: list[str]
) -> None:
    """Counts and lists of everything the import decided."""
    for item in plan.placed:
        kind = item.source.kind
        if kind == "page":
            locale = item.lang if item.lang in summary.locales else "(root)"
            if item.lang == X_DEFAULT:
                locale = "(root, x-default)"
            summary.per_locale[locale] += 1
        elif kind == "post":
            summary.posts += 1
        elif kind == "draft":
            summary.drafts += 1
        else:
            summary.collections[item.source.collection or "?"] += 1
        if item.dest != item.source.rel:
            summary.moved.append(f"{item.source.rel} -> docs/{item.dest}")
        for key, why in item.why.items():
            summary.front_matter.append(f"docs/{item.dest}: {key}: {why}")
    summary.skipped += [f"{path}: {why}" for path, why in source.skipped]
    summary.warnings += plan.notes + notes
    summary.replaced += theme.replaced
    summary.kept += theme.kept
    summary.lost += theme.lost
    replaced, lost = plugin_notes(jekyll_plugins(source.config), source.config)
    summary.replaced += replaced
    summary.lost += lost


def _silent(items: Sequence[Any], label: str) -> Iterable[Any]:
    """No progress shown."""
    return items


def _write_content(
    src: Path, docs: Path, plan: Plan, statics: list[tuple[str, str]], progress: Progress
) -> None:
    """Copy every document (with its added front matter) and static file below ``docs``."""
    for item in progress(plan.placed, "Writing pages and documents"):
        target = docs / item.dest
        target.parent.mkdir(parents=True, exist_ok=True)
        if not item.added:
            shutil.copy2(src / item.source.rel, target)
            continue
        text = read_utf8(src / item.source.rel, item.source.rel)
        _write_text(target, with_front_matter(text, item.added, item.source.rel))
    for rel, dest in progress(statics, "Copying static files"):
        target = docs / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src / rel, target)


def with_front_matter(text: str, added: Mapping[str, Any], label: str) -> str:
    """``text`` with ``added`` keys set in its front matter (replacing those keys).

    Raises:
        ContentError: The file has no front matter block to add to.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ContentError(label, "no front matter block to add keys to")
    body = match.group(2)
    for key in added:
        # The key's own line and its indented continuation lines.
        body = re.sub(rf"(?m)^{re.escape(key)}[ \t]*:.*\n(?:[ \t]+.*\n|\n)*", "", body)
    if body and not body.endswith("\n"):
        body += "\n"
    extra = yaml.safe_dump(dict(added), sort_keys=False, allow_unicode=True, width=1000)
    return match.group(1) + body + extra + match.group(3) + text[match.end() :]


def _links_out(src: Path) -> Any:
    """A ``copytree`` filter leaving out links that lead outside the source."""

    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if not is_inside(os.path.join(folder, n), src)]

    return ignore


def _remove(path: Path) -> None:
    """Delete what an earlier import wrote (``--force``)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
