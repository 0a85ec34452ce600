"""The build cache: a page whose every input is unchanged is not rendered again.

MkDocs renders every page from scratch on every build (Markdown, then the theme template,
then Material's search parses the HTML): most of a build's time. The cache keeps, per page,
what its rendering produced: the written HTML, its title, its search entries, its anchors
and the links it makes to other pages' anchors (MkDocs checks those after every page is
rendered, so they are checked again each build), and what it logged (so ``--strict``
counts the same warnings). A page found in the cache is skipped like another shard's page
(``page_shards``) and those results are put back in its place.

The key is conservative: a wrong hit writes a wrong site, a miss only costs time.

- **Build**: the versions of Python and of every package that renders (MkDocs, Material,
  static-i18n, Markdown, pymdown-extensions, Pygments, Jinja, python-liquid), the content
  of this package's own files, ``mkdocs.yml``'s bytes with the values of the environment
  variables it reads (``!ENV``), every resolved setting (command-line flags change some) and
  the plugin's resolved options (an ``INHERIT``ed file is not in ``mkdocs.yml``'s bytes),
  ``JEKYLL_ENV`` and ``SOURCE_DATE_EPOCH``, the content of every file in the theme folders
  outside Material's package (``overrides/``, the package's templates), of ``_data/``
  and ``_includes/``; the site model: every document's front matter, URL and output flag,
  every excerpt, the Liquid output of every document that is not a page (listings show
  posts' content) and the text of every page without a front matter ``title`` (MkDocs
  titles it from its first heading, which other pages' navigation shows).
- **Pass**: the locale, and every file of the pass with its URL (links resolve to them).
- **Page**: its source path and URL, its front matter and its Markdown after Liquid (which
  holds whatever it read through ``site``, ``include`` and ``include_relative``).

The cache is only used when every plugin is ``search``, ``jekyll`` or ``jekyll/i18n`` and
every Markdown extension is one known to read nothing but the page (``snippets`` reads
files): other code could make a page depend on something the key does not hold.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.compile_cache import CompiledStore, cache_path
from mkdocs_jekyll.mkdocs.cache_packs import FOLDER as PACKS
from mkdocs_jekyll.mkdocs.cache_packs import FORMAT, Fields, PassPacks, plain, prune
from mkdocs_jekyll.mkdocs.page_shards import SHARDABLE_PLUGINS

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    from mkdocs_jekyll.jekyll.documents import SiteModel
    from mkdocs_jekyll.mkdocs.build import BuildState
    from mkdocs_jekyll.mkdocs.config import JekyllConfig

log = get_plugin_logger(__name__)

MARKER = "mkdocs-jekyll build cache"

_PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "mkdocs-static-i18n",
    "markdown",
    "pymdown-extensions",
    "pygments",
    "jinja2",
    "markupsafe",
    "python-liquid",
    "pyyaml",
)
_FORMER_FOLDERS = ("pages", "packs", "liquid", "site")
"""The page entries, Liquid outputs and kept build of a cache of another format (format 2:
``pages/``, one JSON file per page); compiled templates (``jinja/``) check their own version."""
_PACKAGE_ROOT = Path(__file__).resolve().parent.parent
_PURE_EXTENSION = re.compile(
    r"^(?:(?:markdown\.extensions\.)?(?:abbr|admonition|attr_list|def_list|fenced_code|"
    r"footnotes|md_in_html|tables|toc|codehilite|legacy_attrs|legacy_em|meta|nl2br|"
    r"sane_lists|smarty|wikilinks)|pymdownx\.(?!snippets$|b64$)[a-z_]+|mkdocs_jekyll\..+|"
    r"material\.extensions\..+)$"
)
"""Markdown extensions that read nothing but the page's text and their configuration."""
_NOT_OUTPUT = frozenset(
    {"plugins", "site_dir", "config_file_path", "dev_addr", "remote_branch", "remote_name", "watch"}
)
"""Settings that do not shape the output (``plugins``: the plugin's own options are hashed;
``site_dir`` points at the build's staged folder)."""
_ENV_TAG = re.compile(rb"!ENV\s*\[?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)")


@dataclass
class CachedPage:
    """What rendering one page produced, as the cache keeps it (``to_fields``)."""

    output: bytes
    """The page as written: its HTML in UTF-8, what MkDocs cannot encode as character
    references (MkDocs' ``encode("utf-8", errors="xmlcharrefreplace")``)."""
    title: str | None
    entries: list[dict[str, Any]]
    anchors: list[str] | None
    links: dict[str, dict[str, str]]
    """Target src_uri -> {anchor: the link as written}, for MkDocs' anchor check."""
    read_logs: list[tuple[str, int, str]] = field(default_factory=list)
    """(logger name, level, message) of what reading and converting the page logged."""
    build_logs: list[tuple[str, int, str]] = field(default_factory=list)
    """The same for its template (MkDocs renders every page's Markdown, then every template)."""
    findings: list[tuple[str, str, int | None, str]] = field(default_factory=list)
    """The compatibility findings its rendering recorded (category, path, line, message)."""


class BuildCache:
    """The cache folder of one build; one ``PassPacks`` per locale pass and writer."""

    def __init__(self, folder: Path, build_key: str, label: str = "") -> None:
        self.folder = folder
        self.label = label or str(folder)
        """The folder as the config gives it, for messages."""
        self.build_key = build_key
        self.started = time.time()

    @classmethod
    def open(
        cls, config: MkDocsConfig, state: BuildState, folder: str, *, serving: bool = False
    ) -> BuildCache | None:
        """The build's cache, or None when this build cannot use one (see the docstring).

        A cache folder that is not this package's (its ``manifest.json`` unreadable, or of
        another marker) is ignored with a warning and left as it is. This package's cache of
        another format (written by another version) is emptied and started anew.
        """
        if not cacheable_build(config):
            return None
        root = state.setup.root / folder
        manifest = root / "manifest.json"
        current = False
        if manifest.exists() or (root.is_dir() and any(root.iterdir())):
            ours, current = read_manifest(root)
            if not ours:
                # Never trusted, never deleted: it may not be ours.
                log.warning(
                    f"The build cache folder '{folder}' is not an mkdocs-jekyll cache of this "
                    "version, or is damaged; it is ignored. Delete it to start a new cache."
                )
                return None
            if not current:
                log.info(f"The build cache '{folder}' is of another version; it starts anew.")
                for name in _FORMER_FOLDERS:
                    shutil.rmtree(root / name, ignore_errors=True)
        try:
            root.mkdir(parents=True, exist_ok=True)
            if not current:
                manifest.write_text(json.dumps({"marker": MARKER, "format": FORMAT}), "utf-8")
        except OSError as err:
            log.warning(f"The build cache '{folder}' cannot be written ({err}); it is not used.")
            return None
        if state.cache.liquid_store is not None:
            state.cache.liquid_store.save()  # The Liquid outputs (``liquid_store``).
        return cls(root, build_key(config, state, serving=serving), folder)

    def pass_key(self, files: Files, locale: str | None, model: SiteModel) -> str:
        """The key of a locale pass: the build's, its locale and its files' URLs.

        Links resolve to the pass's files and to other locales' pages (``others``); a page
        outside the site model (no front matter) is titled from its own text, so its text
        counts too.
        """
        digest = hashlib.sha256(self.build_key.encode())
        digest.update(repr(locale).encode())
        others = getattr(files, "others", {})
        for file in [*files, *(others.values() if isinstance(others, dict) else ())]:
            digest.update(f"\0{file.src_uri}\0{file.dest_uri}\0{file.url}".encode())
            if file.is_documentation_page() and file.src_uri not in model.documents:
                digest.update(_file_digest(file.abs_src_path))
        return digest.hexdigest()

    def pass_packs(self, pass_key: str, writer: str) -> PassPacks:
        """The entries of the pass under ``pass_key`` that ``writer`` reads and writes."""
        return PassPacks(self.folder, self.label, pass_key, writer)

    def prune(self) -> None:
        """Remove the entries this build neither used nor wrote (see ``cache_packs``)."""
        prune(self.folder / PACKS, self.started)


def to_fields(page: CachedPage) -> Fields:
    """A page's results as a pack keeps them (plain types, as the JSON files held them; the
    output as the bytes written, which marshal copies as they are)."""
    return (
        bytes(page.output),
        plain(page.title),
        plain(page.entries),
        plain(page.anchors),
        plain(page.links),
        plain(page.read_logs),
        plain(page.build_logs),
        plain(page.findings),
    )


def from_fields(fields: Fields) -> CachedPage:
    """The page ``to_fields`` kept, its types checked.

    Raises:
        ValueError, TypeError: The fields are not what ``to_fields`` writes.
    """
    output, title, entries, anchors, links, read_logs, build_logs, findings = fields
    return CachedPage(
        output=_typed(output, bytes),
        title=title if title is None else _typed(title, str),
        entries=_typed(entries, list),
        anchors=None if anchors is None else _typed(anchors, list),
        links=_typed(links, dict),
        read_logs=_records(read_logs),
        build_logs=_records(build_logs),
        findings=[
            (str(c), str(p), None if n is None else int(n), str(m))
            for c, p, n, m in _typed(findings, list)
        ],
    )


def read_manifest(root: Path) -> tuple[bool, bool]:
    """Whether the cache folder ``root`` is this package's (its ``manifest.json`` marker),
    and whether it is of this format: (ours, current); an unreadable manifest is neither."""
    try:
        data = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False, False
    ours = isinstance(data, dict) and data.get("marker") == MARKER
    return ours, ours and data.get("format") == FORMAT


def page_key(pass_key: str, src_uri: str, url: str, data: Any, markdown: str) -> str:
    """A page's key: its pass's, its source and URL, its front matter, its Liquid output."""
    digest = hashlib.sha256(pass_key.encode())
    digest.update(f"\0{src_uri}\0{url}\0".encode())
    digest.update(stable_json(data).encode())
    digest.update(b"\0")
    digest.update(markdown.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def cacheable_build(config: MkDocsConfig) -> bool:
    """Whether every plugin and Markdown extension is known to let the key hold every input."""
    if not set(config.plugins) <= SHARDABLE_PLUGINS:
        return False
    return all(
        isinstance(name, str) and _PURE_EXTENSION.match(name) for name in config.markdown_extensions
    )


def build_key(config: MkDocsConfig, state: BuildState, *, serving: bool = False) -> str:
    """Everything outside the pages that the key holds (see the docstring)."""
    inputs = state.cache.inputs or inputs_digest(config, state.setup.root, state.setup.options)
    digest = hashlib.sha256(f"{inputs}\0serving={serving}".encode())
    model = state.scan.model
    for path in sorted(model.documents):
        doc = model.documents[path]
        digest.update(f"\0{path}\0{doc.url}\0{doc.output}\0{doc.type}\0".encode())
        digest.update(stable_json(doc.data).encode())
        if doc.data.get("title") in (None, ""):
            digest.update(doc.body.encode("utf-8", "surrogatepass"))
        if doc.type != "pages":
            rendered = state.cache.rendered.get(path)
            digest.update(repr(rendered).encode("utf-8", "surrogatepass"))
    digest.update(stable_json(sorted(model.excerpts.items())).encode())
    digest.update(stable_json(sorted(model.unpublished)).encode())
    return digest.hexdigest()


def inputs_digest(config: MkDocsConfig, root: Path, options: JekyllConfig) -> str:
    """What the keys hold outside the docs: versions, this package's files, ``mkdocs.yml``
    and the variables it reads, settings, theme folders, ``_data/`` and ``_includes/``.

    The Liquid outputs' key (``liquid_store``) and the build's key share it, computed once.
    """
    digest = hashlib.sha256(f"{MARKER} {FORMAT} {sys.version}".encode())
    for name in _PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"\0{name}={version}".encode())
    digest.update(package_digest())
    config_path = Path(config.config_file_path or "mkdocs.yml")
    try:
        raw = config_path.read_bytes()
    except OSError:
        raw = b""
    digest.update(raw)
    for name in sorted(set(_ENV_TAG.findall(raw))):
        value = os.environ.get(name.decode())
        digest.update(b"\0" + name + b"=" + repr(value).encode())
    for name in ("JEKYLL_ENV", "SOURCE_DATE_EPOCH", "TZ"):
        digest.update(f"\0{name}={os.environ.get(name)!r}".encode())
    # Every setting as resolved (an `INHERIT`ed `copyright` is not in mkdocs.yml's bytes),
    # some in a stable form.
    settings = {name: value for name, value in config.items() if name not in _NOT_OUTPUT}
    settings |= {
        "site_url": config.site_url,
        "docs_dir": config.docs_dir,
        "use_directory_urls": config.use_directory_urls,
        "strict": config.strict,
        "theme": dict(config.theme.items()),
        "nav": config.nav,
        "extra": dict(config.extra),
        "markdown_extensions": config.markdown_extensions,
        "mdx_configs": config.mdx_configs,
        "extra_css": config.extra_css,
        "extra_javascript": [str(item) for item in config.extra_javascript],
    }
    digest.update(stable_json(settings).encode())
    versioned = [_PACKAGE_ROOT, *(_package_dir(name) for name in ("material", "mkdocs"))]
    for theme_dir in config.theme.dirs:
        folder = Path(theme_dir).resolve()
        if not any(top == folder or top in folder.parents for top in versioned if top):
            _hash_tree(digest, folder)  # Those inside a package: its version (above).
    # The plugin's options as resolved (an `INHERIT`ed file is not in mkdocs.yml's bytes).
    digest.update(stable_json(dict(options.items())).encode())
    for name in (options.data_dir, options.includes_dir):
        _hash_tree(digest, root / name)
    return digest.hexdigest()


def package_digest() -> bytes:
    """This package's files, paths and contents hashed (``_hash_tree``, its bytecode left
    out), kept per Python beside the bytecode (``compile_cache``) under every file's path,
    size and modification time.

    Why: reading and hashing the package's 1.5 MB took about 10 ms of every build's serial
    head, for files that change only when the package does. Stating them takes a tenth of
    that; a file whose size or time changed (an edit, an upgrade) makes another stamp, and
    the files are read again, as Python reads a module's source again when its bytecode's
    record of the source's size and time no longer matches.
    """
    files = sorted(_tree_files(str(_PACKAGE_ROOT), (), True))
    stamp = hashlib.sha256()
    for parts, path in files:
        try:
            stat = os.stat(path)
        except OSError:
            stamp.update(f"\0{'/'.join(parts)}\0?".encode())
            continue
        stamp.update(f"\0{'/'.join(parts)}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    store = _package_digests()
    key = stamp.hexdigest()
    found = store.get(key)
    if found is not None:
        return bytes(found)
    digest = hashlib.sha256()
    _hash_files(digest, files)
    value = digest.digest()
    store.keep(key, value)
    store.save()
    return value


_DIGESTS_HEADER = MAGIC_NUMBER + b"mkdocs-jekyll package digests 1\n"


def _package_digests() -> CompiledStore:
    """The package digests kept for this Python (a few: one per state of the files)."""
    store = CompiledStore(cache_path("package-digests"), _DIGESTS_HEADER, limit=8)
    store.load(lambda key, value: type(key) is str and type(value) is bytes and len(value) == 32)
    return store


def _package_dir(name: str) -> Path | None:
    """The folder of an installed package (its theme folders are covered by its version)."""
    spec = importlib.util.find_spec(name)
    origin = spec.origin if spec is not None else None
    return Path(origin).resolve().parent if origin else None


def _file_digest(path: str | None) -> bytes:
    """A file's content hash (a missing file: a text no file hashes to)."""
    try:
        return hashlib.sha256(Path(path or "").read_bytes()).digest()
    except OSError:
        return _unstable().encode()


def _hash_tree(digest: Any, folder: Path, *, skip_compiled: bool = False) -> None:
    """Every file's path and content below ``folder`` (missing: nothing).

    The files ``sorted(folder.rglob("*"))`` lists, in its order (by parts), read with
    ``os.scandir``: ``Path`` objects made, compared and read cost as much as hashing this
    package's 1.5 MB (10 ms of every build's serial head). ``skip_compiled`` leaves out
    anything in a ``__pycache__`` folder, without walking it.
    """
    if not folder.is_dir() or (skip_compiled and "__pycache__" in folder.parts):
        return
    _hash_files(digest, sorted(_tree_files(str(folder), (), skip_compiled)))


def _hash_files(digest: Any, files: list[tuple[tuple[str, ...], str]]) -> None:
    """Each file's parts and bytes, in the order given."""
    for parts, path in files:
        digest.update(f"\0{'/'.join(parts)}\0".encode())
        try:
            with open(path, "rb") as file:
                digest.update(file.read())
        except OSError:
            digest.update(b"\0unreadable")


def _tree_files(
    folder: str, above: tuple[str, ...], skip_compiled: bool
) -> list[tuple[tuple[str, ...], str]]:
    """The files below ``folder`` as ``rglob`` finds them (into folders, not folder links;
    an unreadable folder skipped), each as (its parts below the top folder, its path)."""
    found: list[tuple[tuple[str, ...], str]] = []
    try:
        entries = list(os.scandir(folder))
    except PermissionError:
        return found
    for entry in entries:
        if skip_compiled and entry.name == "__pycache__":
            continue
        parts = (*above, entry.name)
        if entry.is_dir() and not entry.is_symlink():
            found.extend(_tree_files(entry.path, parts, skip_compiled))
        elif entry.is_file():
            found.append((parts, entry.path))
    return found


def stable_json(value: Any) -> str:
    """JSON with sorted keys; an object without a stable text makes a key that never hits."""

    def fallback(item: Any) -> str:
        text = repr(item)
        return _unstable() if " at 0x" in text else f"{type(item).__name__}:{text}"

    try:
        return json.dumps(value, sort_keys=True, default=fallback, ensure_ascii=False)
    except (TypeError, ValueError):  # Keys of mixed types cannot be sorted.
        return _unstable()


def _unstable() -> str:
    """A text no other build produces: the key that holds it never hits."""
    return f"unstable {time.time_ns()} {os.getpid()} {os.urandom(8).hex()}"


def _typed(value: Any, kind: type) -> Any:
    if not isinstance(value, kind):
        raise TypeError(f"expected {kind.__name__}")
    return value


def _records(value: Any) -> list[tuple[str, int, str]]:
    return [(str(name), int(level), str(text)) for name, level, text in _typed(value, list)]
