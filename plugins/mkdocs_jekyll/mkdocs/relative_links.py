"""MkDocs' rewriting of a page's links, with less work for links it leaves as they are.

``Page.render`` registers ``_RelativePathTreeprocessor``, which passes every ``<a href>`` and
``<img src>`` of the page to ``path_to_url``. A Jekyll site's links are mostly absolute
(``relative_url`` writes ``/baseurl/...``) or anchors on the page (footnotes), which MkDocs
leaves as they are. For each absolute link ``path_to_url`` still reads the validation
setting through three config descriptors, formats the warning, unquotes the path and makes
the generator of guesses, then logs the warning at ``absolute_links``' level (DEBUG for our
sites: nothing is written); about 4% of a page's conversion on the bench site.

``LeanRelativePaths.path_to_url`` does the same for those two kinds of link:

- an absolute link whose level (after the excluded-page cap) is DEBUG or lower and which
  MkDocs' logger would not write (``Logger.log`` with an ``int`` level does nothing then):
  the level read once per page, no warning formatted, the unread guesses not made;
- a link of only a query or an anchor: recorded in ``links_to_anchors`` as MkDocs does.

Every other link (relative links to documents, absolute links whose warning suggests a
file, links holding Python-Markdown's ``&`` placeholder) goes to MkDocs' own
``path_to_url``. The URL is split by the same ``urlsplit`` call, so what is a scheme, a host,
a path or an anchor does not change.

Why the output cannot change: the subclass is used only while MkDocs' ``path_to_url`` is
the code it was written from (``_MIRRORED``, MkDocs 1.6, with ``_possible_target_uris`` a
generator: making it runs none of its code), and only its pure work is left out; otherwise
``compat.render_page_with`` registers MkDocs' own processor.
"""

from __future__ import annotations

import inspect
import logging
from functools import cache
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.compat import code_fingerprint, relative_path_processor_class

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

_PATH_TO_URL_NAMES = frozenset(
    {"AMP_SUBSTITUTE", "DEBUG", "INFO", "RELATIVE_TO_DOCS", "_AbsoluteLinksValidationValue"}
    | {"_possible_target_uris", "absolute_links", "config", "file", "files", "get_file_from_path"}
    | {"get_relative_url", "inclusion", "is_excluded", "links", "links_to_anchors", "log"}
    | {"logging", "lstrip", "min", "next", "not_found", "posixpath", "setdefault", "splitext"}
    | {"src_uri", "startswith", "unrecognized_links", "url", "urlsplit", "urlunquote"}
    | {"urlunsplit", "use_directory_urls", "utils", "validation"}
)
_PATH_TO_URL_CONSTANTS = (
    *(None, (0, ""), ("/", "\\"), "Doc file '", "' contains an absolute link '"),
    *("', it was left as is.", -1, "' contains an unrecognized relative link '", "/", " '"),
    *("'", "", "' contains a link '", "', but the target"),
    *(" is not found among documentation files.", "@", ".", "mailto:", " Did you mean '"),
    *("'?", "' contains a link to '", "' which is excluded from the built site."),
)
_MIRRORED = {"path_to_url": (_PATH_TO_URL_NAMES, _PATH_TO_URL_CONSTANTS)}
"""The code of MkDocs' ``path_to_url`` (1.6), as ``compat.code_fingerprint`` reads it."""


def mirrored(upstream: type[Any]) -> bool:
    """Whether ``upstream`` (MkDocs' processor class) has the ``path_to_url`` mirrored here."""
    guesses = getattr(upstream, "_possible_target_uris", None)
    return code_fingerprint(getattr(upstream, "path_to_url", None)) == _MIRRORED[
        "path_to_url"
    ] and inspect.isgeneratorfunction(getattr(guesses, "__func__", guesses))


@cache
def _lean_class() -> type[Any] | None:
    """The subclass of the installed MkDocs' processor, or None when it is not mirrored."""
    upstream = relative_path_processor_class()
    if not mirrored(upstream):
        return None
    # The names as MkDocs' `path_to_url` finds them, in its module's globals.
    names = upstream.path_to_url.__globals__
    relative_to_docs = names["_AbsoluteLinksValidationValue"].RELATIVE_TO_DOCS
    urlsplit, amp_substitute = names["urlsplit"], names["AMP_SUBSTITUTE"]
    unset = object()

    class LeanRelativePaths(upstream):  # type: ignore[misc, valid-type]
        """MkDocs' processor, the links it leaves as they are found with less work."""

        _absolute_level: Any = unset

        def path_to_url(self, url: str) -> str:
            """MkDocs' ``path_to_url``, as described in the module's docstring."""
            scheme, netloc, path, _query, anchor = urlsplit(url)
            if scheme or netloc:
                return url
            if url.startswith(("/", "\\")):
                level = self._absolute_level
                if level is unset:
                    level = self._absolute_level = self.config.validation.links.absolute_links
                if level is relative_to_docs or type(level) is not int:
                    return str(super().path_to_url(url))
                if self.file.inclusion.is_excluded():
                    level = min(logging.INFO, level)
                if level > logging.DEBUG or names["log"].isEnabledFor(level):
                    # It looks for a file to suggest, or the warning is written (from
                    # MkDocs' own code, so the record is the same to the line).
                    return str(super().path_to_url(url))
                return url
            if amp_substitute in url:
                return url
            if not path:
                if anchor:
                    self.links_to_anchors.setdefault(self.file, {}).setdefault(anchor, url)
                return url
            return str(super().path_to_url(url))

    return LeanRelativePaths


def relative_paths(file: File, files: Files, config: MkDocsConfig) -> Any:
    """The processor ``compat.render_page_with`` registers as MkDocs' ``relpath``."""
    lean = _lean_class()
    cls = relative_path_processor_class() if lean is None else lean
    return cls(file, files, config)
