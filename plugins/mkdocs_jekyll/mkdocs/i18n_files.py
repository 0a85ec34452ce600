"""static-i18n's locale files made with string operations instead of ``pathlib``.

Every locale pass (and every shard of one) runs static-i18n's ``reconfigure_files``, which
makes a new ``File`` for each docs file and for each alternate it looks at
(``folder.create_i18n_file``: ~1,200 calls per pass on the bench site). Each call builds a
dozen ``PurePath`` objects to compare a path's first folders with the locales and to move
it under another folder, and formats two debug messages even when nobody logs them
(measured: ~4% of a sequential build's CPU). For a plain relative POSIX path (no empty,
``.`` or ``..`` part) those ``pathlib`` steps are list operations on the path's parts, so
``make_file`` does the same steps on ``str.split('/')``, assigns the same attributes in the
same order and logs the same messages when DEBUG is on; any other path, or a static-i18n
whose ``create_i18n_file`` is not the one mirrored here, goes to upstream's own function.
Its test of each file's folder (``is_relative_to``, two more ``PurePath`` objects per file)
is likewise a prefix test on two plain absolute paths (``_RelativeTest``).
"""

from __future__ import annotations

import logging
import os
import weakref
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, cast

from mkdocs.structure.files import File

from mkdocs_jekyll.compat import (
    file_url,
    i18n_file_mirrored,
    i18n_file_parts,
    i18n_files_made_by,
    i18n_reconfigure_files,
    i18n_relative_test_by,
    i18n_relative_test_mirrored,
)
from mkdocs_jekyll.mkdocs.file_paths import plain_path

if TYPE_CHECKING:
    import re
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files


def reconfigure_files(plugin: Any, files: Files, config: MkDocsConfig) -> Any:
    """static-i18n's ``reconfigure_files`` (``compat.i18n_reconfigure_files``), its locale
    files made by ``_FileMaker`` and its folder test by ``_RelativeTest`` when they can
    mirror upstream's."""
    if plugin.config.docs_structure != "folder" or os.sep != "/" or not i18n_file_mirrored():
        return i18n_reconfigure_files(plugin, files, config)
    global _made_for
    if _made_for is None or _made_for() is not config:  # a new build (or a serve rebuild)
        _made.clear()
        _made_for = weakref.ref(config)
    with i18n_files_made_by(_FileMaker(*i18n_file_parts())), ExitStack() as stack:
        if i18n_relative_test_mirrored():
            test = _RelativeTest()
            test.original = stack.enter_context(i18n_relative_test_by(test))
        return i18n_reconfigure_files(plugin, files, config)


_made: dict[tuple[Any, ...], dict[str, Any]] = {}
"""Each file ``_FileMaker`` made in this build, by all it was made from (the source file's
paths and inclusion, the languages, the config's folders and ``use_directory_urls``): its
attributes as made. A pass makes a file for each docs file in its own locale and for each
alternate in the others' (~1,200 on the bench), and the next pass in the same process
makes many of the same again (a locale's files as its alternates were made, every other
locale's alternates): those are copied from here into a new ``File``, its own
``alternates`` map given anew, at a tenth of the cost. With DEBUG on, every file is made
(upstream logs as it makes one)."""

_made_for: weakref.ref[Any] | None = None
"""The config of the build ``_made`` belongs to."""


def _plain_absolute(path: str) -> bool:
    """Whether ``path`` is absolute and its ``PurePosixPath`` parts are ``/`` and its
    ``/``-separated parts: no empty (a ``//``, a trailing ``/``), ``.`` or ``..`` part."""
    return path[:1] == "/" and plain_path(path[1:])


class _RelativeTest:
    """static-i18n's ``is_relative_to`` (``PurePath(path).is_relative_to(folder)``) on
    strings, for two plain absolute paths; any other pair goes to upstream's own.

    ``reconfigure_files`` tests each file of the pass with it (~650 a pass on the bench,
    theme files included): two ``PurePath`` objects each (~25 ms of CPU per pass).
    """

    original: Callable[[Any, Any], bool]

    def __call__(self, path: Any, folder: Any) -> bool:
        """Whether ``folder``'s parts begin ``path``'s."""
        if (
            isinstance(path, str)
            and isinstance(folder, str)
            and _plain_absolute(path)
            and _plain_absolute(folder)
        ):
            return path == folder or path.startswith(folder + "/")
        return self.original(path, folder)


def _under(parts: list[str], folder: list[str]) -> bool:
    """``PurePosixPath(parts).is_relative_to(folder)``, on parts."""
    return parts[: len(folder)] == folder


def _joined(parts: list[str]) -> str:
    """``PurePosixPath(*parts).as_posix()``: ``.`` when there are none."""
    return "/".join(parts) or "."


class _FileMaker:
    """``folder.create_i18n_file`` (static-i18n 1.3), step for step, on plain paths."""

    def __init__(
        self, original: Callable[..., File], log: Any, locale_pattern: re.Pattern[str]
    ) -> None:
        self.original = original
        self.log = log
        self.locale_pattern = locale_pattern
        self._plain_languages: dict[tuple[Any, ...], bool] = {}
        """Whether each set of a call's language names is plain: the same for every file."""
        self._settings: tuple[Any, str, str, bool] | None = None
        """The config and its ``docs_dir``, ``site_dir`` and ``use_directory_urls``, read once:
        nothing sets them while ``reconfigure_files`` runs (the life of this maker)."""

    def __call__(
        self,
        file: File,
        current_language: str,
        default_language: str,
        all_languages: list[str],
        config: MkDocsConfig,
    ) -> File:
        """The file as the ``current_language`` pass sees it (a new ``File``)."""
        if not (
            self._languages_plain(current_language, default_language, all_languages)
            and isinstance(file.src_uri, str)
            and plain_path(file.src_uri)
            and isinstance(file.dest_uri, str)
            and plain_path(file.dest_uri)
        ):
            return self.original(file, current_language, default_language, all_languages, config)
        settings = self._settings
        if settings is None or settings[0] is not config:
            settings = (config, config.docs_dir, config.site_dir, config.use_directory_urls)
            self._settings = settings
        _, docs_dir, site_dir, use_directory_urls = settings
        debug = self.log.isEnabledFor(logging.DEBUG)
        key = (
            *(file.src_uri, file.dest_uri, file.inclusion, current_language, default_language),
            *(tuple(all_languages), docs_dir, site_dir, use_directory_urls),
        )
        made = None if debug else _made.get(key)
        if made is not None:  # made in an earlier pass of this build (``_made``)
            again: Any = File.__new__(File)
            vars(again).update(made)
            again.alternates = {current_language: again}
            return cast("File", again)
        if debug:
            self.log.debug(f"reconfigure {file}")
        file = File(
            file.src_path,
            docs_dir,
            file.dest_path,
            use_directory_urls,
            dest_uri=file.dest_uri,
            inclusion=file.inclusion,
        )
        src_parts = file.src_uri.split("/")
        file_locale: str = default_language
        file_localization: str | None = None
        for language in all_languages:
            if _under(src_parts, language.split("/")):
                file_locale = language
                file_localization = language
                break
            # Upstream: a folder named like a locale, not configured, is one too.
            if self.locale_pattern.match(src_parts[0]):
                file_locale = src_parts[0]
                file_localization = src_parts[0]
                break
        dest_parts = file.dest_uri.split("/")
        if dest_parts[-1].endswith("README.html"):  # README.html should be index.html
            dest_parts = [*dest_parts[:-1], "index.html"]
        locale_parts = file_locale.split("/")
        current_parts = current_language.split("/")
        dest_uri: str | None = None
        if file_locale != current_language:
            if _under(dest_parts, locale_parts):
                dest_uri = _joined(current_parts + dest_parts[len(locale_parts) :])
            elif current_language != default_language:
                dest_uri = _joined(current_parts + dest_parts)
        elif file_locale == default_language:
            if _under(dest_parts, locale_parts):
                dest_uri = _joined(dest_parts[len(locale_parts) :])
            elif current_language != default_language:
                dest_uri = _joined(current_parts + dest_parts)
        if dest_uri is not None:
            file.dest_uri = dest_uri  # ``dest_path``'s setter, for a plain path
        file.abs_dest_path = os.path.normpath(os.path.join(site_dir, file.dest_path))
        if file.name == "README":
            file.name = "index"
        file.url = file_url(file, use_directory_urls)
        i18n: Any = file  # static-i18n's attributes, which ``File`` does not declare
        i18n.alternates = {current_language: file}
        i18n.locale = file_locale
        i18n.locale_alternate_of = current_language
        i18n.localization = file_localization
        i18n.norm_src_uri = file.src_uri
        if file_localization:
            i18n.norm_src_uri = _joined(src_parts[len(file_localization.split("/")) :])
        if debug:
            self.log.debug(f"reconfigure {file} from locale {file_locale}")
        else:
            made = dict(vars(file))
            made["alternates"] = None  # in its place, given anew: no hold on this file
            _made[key] = made
        return file

    def _languages_plain(self, current: Any, default: Any, languages: list[Any]) -> bool:
        """Whether the language names are all plain strings, asked once per set of names
        (a pass asks for each of its ~1,200 files with the same names: 1 ms a pass)."""
        names = (current, default, *languages)
        try:
            known = self._plain_languages.get(names)
        except TypeError:  # An unhashable name: not a string.
            return False
        if known is None:
            plain = all(isinstance(name, str) and plain_path(name) for name in names)
            known = self._plain_languages[names] = plain
        return known
