"""Jekyll's URLs: permalink styles, placeholders, URL cleaning and output paths.

Mirrors ``Jekyll::URL`` (url.rb), ``Page#template``/``#url``/``#destination`` (page.rb),
``Document#url``/``#destination`` (document.rb), ``Drops::UrlDrop`` (drops/url_drop.rb) and
``Utils.add_permalink_suffix`` (utils.rb) of Jekyll 4.3, checked against ``jekyll build``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from difflib import get_close_matches
from functools import lru_cache
from string import ascii_letters, digits
from urllib.parse import unquote, urlsplit

from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.text import slugify

# Jekyll's Configuration::STYLE_TO_PERMALINK: the post URL of each named `permalink` style.
STYLES: dict[str, str] = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}
# Page::HTML_EXTENSIONS: pages with these output extensions get the site's permalink style.
HTML_EXTENSIONS = (".html", ".xhtml", ".htm")

_PLAIN_RE = re.compile(r"[a-zA-Z0-9./-]+")
# Addressable's PATH and QUERY character classes (RFC 3986 pchar, plus "/" and "?").
_PATH_SAFE = frozenset(ascii_letters + digits + "-._~!$&'()*+,;=:@/")
_QUERY_SAFE = _PATH_SAFE | {"?"}
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(//)?")
_URL_SCHEMES = {"data", "file", "ftp", "http", "https", "javascript", "mailto", "sms", "tel"}
# Document::DATE_FILENAME_MATCHER (document.rb).
_DATE_NAME_RE = re.compile(r"^(?>.+/)*?(\d{2,4})-(\d{1,2})-(\d{1,2})-([^/]*)(\.[^.]+)$")
_DROP_KEY_RE = re.compile(r":([a-z_]+)")
# What ``check_permalink`` refuses as a control character: below U+0020, and U+007F.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_MONTHS = "January February March April May June July August September October November December"
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
# The locale-independent strftime codes of the UrlDrop date placeholders.
_DATE_CODES = {
    "year": "%Y", "month": "%m", "day": "%d", "hour": "%H", "minute": "%M", "second": "%S",
    "short_year": "%y", "w_year": "%G", "week": "%V", "w_day": "%u", "y_day": "%j",
}  # fmt: skip
_DATE_KEYS = frozenset(
    [*_DATE_CODES, "i_day", "i_month", "short_month", "long_month", "short_day", "long_day"]
)


class PermalinkError(ContentError):
    """A permalink that cannot be turned into a URL inside the site."""


def escape_path(value: str) -> str:
    """Percent-encode a placeholder value as ``URL.escape_path`` does.

    Examples: ``"a b"`` -> ``"a%20b"``, ``"é"`` -> ``"%C3%A9"``, ``"c#"`` -> ``"c%23"``,
    ``"a?b"`` -> ``"a?b"`` (Addressable reads ``?`` as the start of a query and keeps it).
    """
    if not value or _PLAIN_RE.fullmatch(value):
        return value
    head, hash_mark, fragment = value.partition("#")
    path, question, query = head.partition("?")
    encoded = _encode(path, _PATH_SAFE)
    if question:
        encoded += "?" + _encode(query, _QUERY_SAFE)
    if hash_mark:
        encoded += "#" + _encode(fragment, _QUERY_SAFE)
    return encoded.replace("#", "%23", 1)


def _encode(text: str, safe: frozenset[str]) -> str:
    return "".join(
        char if char in safe else "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
        for char in text
    )


def unescape_path(value: str) -> str:
    """Decode percent escapes as ``URL.unescape_path``: ``"/a%20b"`` -> ``"/a b"``."""
    return unquote(value) if "%" in value else value


def clean_url(url: str) -> str:
    """Sanitize a URL as ``URL#sanitize_url``: leading slash, no ``..``, ``./`` or ``//``.

    Jekyll's rule is textual: every ``..`` becomes ``/``, every ``./`` is dropped, then
    runs of slashes collapse. Examples: ``"en/cv/"`` -> ``"/en/cv/"``,
    ``"/a/../b//c"`` -> ``"/a/b/c"``, ``"/v1.5./x"`` -> ``"/v1.5x"``. Idempotent.
    """
    result = f"/{url}".replace("..", "/").replace("./", "")
    return re.sub("/{2,}", "/", result)


def expand(template: str, placeholders: Mapping[str, str | None]) -> str:
    """Fill a URL template from a mapping, as ``URL#generate_url_from_hash``, then clean it.

    Values are escaped with ``escape_path``. A ``None`` value removes ``/:key`` entirely
    (so no ``//`` is left behind); a ``:key`` not preceded by ``/`` then stays as written.
    Unknown placeholders stay as written (a page's ``permalink: /:title/`` is literal in
    Jekyll). Longer keys are tried first and values are never re-expanded.

    Example: ``expand("/:path/:basename/", {"path": "/en", "basename": "cv"})`` -> ``"/en/cv/"``.
    """
    if not placeholders:
        return clean_url(template)
    pattern = _placeholder_pattern(tuple(sorted(placeholders, key=len, reverse=True)))

    def replace(match: re.Match[str]) -> str:
        value = placeholders[match.group(2)]
        if value is None:
            return "" if match.group(1) else match.group(0)
        return match.group(1) + escape_path(value)

    return clean_url(pattern.sub(replace, template))


@lru_cache(maxsize=256)
def _placeholder_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    """``/:key`` or ``:key`` for each of ``keys``, tried in their order.

    Every page's URL is expanded from the same few placeholder names: escaping and joining
    them again for each (then finding the expression in ``re``'s cache) took about 6 us a
    page of the scan, the build's serial head.
    """
    return re.compile("(/?):(" + "|".join(re.escape(key) for key in keys) + ")")


def add_permalink_suffix(template: str, style: str) -> str:
    """Finish a template with the site style's ending, as ``Utils.add_permalink_suffix``.

    ``pretty`` adds ``/``; ``date``, ``ordinal`` and ``none`` add ``:output_ext``; a custom
    style adds ``/`` or ``:output_ext`` when it ends with one; anything else (``weekdate``
    included) adds nothing, so ``/:path/:basename`` is written as ``basename.html``.
    """
    if style == "pretty":
        return f"{template}/"
    if style in {"date", "ordinal", "none"}:
        return f"{template}:output_ext"
    if style.endswith("/"):
        return f"{template}/"
    if style.endswith(":output_ext"):
        return f"{template}:output_ext"
    return template


def resolve_output_ext(permalink: str | None, output_ext: str = ".html") -> str:
    """Return the output extension Jekyll uses: the permalink's own one, if it has one.

    Mirrors ``Renderer#permalink_ext``: ``("/feed.xml", ".html")`` -> ``".xml"``,
    ``("/about/", ".html")`` -> ``".html"``, ``(None, ".html")`` -> ``".html"``. Pass the
    result to ``url_to_dest``.
    """
    if permalink and not permalink.endswith("/"):
        return _extname(permalink) or output_ext
    return output_ext


def check_permalink(
    permalink: str,
    path: str,
    *,
    line: int | None = None,
    key: str = "permalink",
    source: str = "front matter",
) -> None:
    """Refuse a front matter permalink that cannot be a path inside the site.

    Jekyll silently rewrites these (``../cv/`` becomes ``/cv/``, ``https://x/`` becomes
    ``/https:/x/``); the author meant something else, so say what to write instead. The
    same rules hold for ``redirect_from`` entries (old URLs of the page on this site), whose
    messages name that key.

    Args:
        permalink: The front matter value.
        path: The file relative to ``docs_dir``, for the message.
        line: The line of the key, when known.
        key: The key as messages name it: ``permalink``, ``redirect_from[1]``.
        source: Where the value was written: ``front matter``, or the defaults in
            ``mkdocs.yml`` when the page's front matter does not have the key.

    Raises:
        PermalinkError: Empty (Jekyll's ``InvalidPermalinkError``), a control character, a
            backslash, an absolute URL, or a ``..`` segment.
    """
    if not plainly_valid(permalink):
        _check_permalink_rules(permalink, path, line=line, key=key, source=source)


def plainly_valid(permalink: str) -> bool:
    """Whether ``check_permalink`` passes ``permalink`` without looking further.

    The usual permalink (letters, digits, ``./-``; each page's, and once more by
    ``page_url``) is not empty and holds no control character, backslash, scheme (no
    ``:``) or escape (no ``%``): only a leading ``//`` or a ``..`` segment can fail it.
    """
    return (
        _PLAIN_RE.fullmatch(permalink) is not None
        and not permalink.startswith("//")
        and ".." not in permalink.split("/")
    )


def _check_permalink_rules(
    permalink: str, path: str, *, line: int | None, key: str, source: str
) -> None:
    """Every rule of ``check_permalink``, in its order (its first refusal is raised)."""
    named = f"{source} '{key}'"
    shown = f"{named}: '{permalink}'"
    if permalink == "":
        message = f"{named} is empty; remove it, or write a URL such as '/about/'"
        raise PermalinkError(path, message, line=line)
    found = _CONTROL_RE.search(permalink)
    if found is not None:
        control = found.group()
        message = f"{named} contains the control character U+{ord(control):04X}"
        raise PermalinkError(path, f"{message}; remove it", line=line)
    if "\\" in permalink:
        fixed = permalink.replace("\\", "/")
        message = f"{shown} contains a backslash; separate folders with '/', as in '{fixed}'"
        raise PermalinkError(path, message, line=line)
    scheme = _SCHEME_RE.match(permalink)
    if permalink.startswith("//") or (
        scheme is not None and (scheme.group(2) or scheme.group(1).lower() in _URL_SCHEMES)
    ):
        parts = urlsplit(permalink)
        old_urls = key.startswith("redirect_from")
        has_path = parts.netloc and parts.path not in ("", "/")
        suggestion = clean_url(parts.path) if has_path else "/old-page/" if old_urls else "/about/"
        role = (
            "redirect_from lists the page's old paths on this site"
            if old_urls
            else "a permalink is the page's path on this site"
        )
        message = (
            f"{shown} is an absolute URL, but {role}; write a path such as '{suggestion}' "
            "(use 'redirect_to' to send readers elsewhere)"
        )
        raise PermalinkError(path, message, line=line)
    segments = unescape_path(permalink).split("/")
    if ".." in segments:
        kept = [part for part in segments if part not in {"", ".", ".."}]
        suggestion = "/" + "/".join(kept) + ("/" if kept and permalink.endswith("/") else "")
        message = (
            f"{shown} contains '..', which would leave the site; write the URL from the "
            f"site root instead, such as '{suggestion}'"
        )
        raise PermalinkError(path, message, line=line)


def page_url(
    path: str,
    *,
    permalink: str | None,
    style: str,
    output_ext: str = ".html",
    is_html: bool | None = None,
) -> str:
    """Return a page's URL as ``Page#url``: ``"en/cv.md"`` -> ``"/en/cv/"`` (``pretty``).

    More: ``"/en/cv.html"`` with ``date``; ``"en/index.md"`` -> ``"/en/"``; ``permalink="/cv/"``
    -> ``"/cv/"``; ``("feed.xml", output_ext=".xml")`` -> ``"/feed.xml"``.

    Args:
        path: The page relative to the source folder, POSIX (``en/cv.md``).
        permalink: The front matter ``permalink`` (after defaults), or None. Its
            placeholders are ``:path`` (the folder), ``:basename`` and ``:output_ext``.
        style: The site's ``permalink`` setting (``date``, ``pretty``, ..., or a template).
        output_ext: The converter's extension (``.html`` for Markdown).
        is_html: Whether the output is HTML; by default from the resolved extension.

    Returns:
        The URL from the site root, without the base path.

    Raises:
        PermalinkError: ``permalink`` fails ``check_permalink``.
    """
    if permalink is not None:
        check_permalink(permalink, path)
    folder, _, name = path.rpartition("/")
    ext = _extname(name)
    basename = name[: len(name) - len(ext)].rstrip(".")
    out_ext = resolve_output_ext(permalink, output_ext)
    html = out_ext in HTML_EXTENSIONS if is_html is None else is_html
    if permalink is not None:
        template = permalink
    elif not html:
        template = "/:path/:basename:output_ext"
    elif basename == "index":
        template = "/:path/"
    else:
        template = add_permalink_suffix("/:path/:basename", style)
    # Page#url_placeholders: Jekyll's @dir is "" at the root and "/en" below it.
    folder = f"/{folder}" if folder else ""
    return expand(template, {"path": folder, "basename": basename, "output_ext": out_ext})


def collection_template(label: str, style: str, permalink: str | None = None) -> str:
    """Return a collection's URL template, as ``Collection#url_template``.

    Posts take the named style's template (``Configuration#style_to_permalink``); other
    collections ``/:collection/:path`` with the style's ending. A ``permalink`` set in the
    collection's metadata wins. Example: ``("talks", "pretty")`` -> ``"/:collection/:path/"``.
    """
    if permalink:
        return permalink
    if label == "posts":
        return STYLES.get(style, style)
    return add_permalink_suffix("/:collection/:path", style)


def document_url(
    path: str,
    *,
    collection: str,
    permalink_template: str,
    date: datetime | date | None,
    slug: str | None,
    categories: Sequence[str],
    output_ext: str = ".html",
    permalink: str | None = None,
    relative_directory: str | None = None,
) -> str:
    """Return a post's or collection document's URL, as ``Document#url`` with a ``UrlDrop``.

    Example: ``"_posts/2024-01-02-Hi There.md"`` in ``posts``, style ``pretty``, categories
    ``["News"]`` -> ``"/news/2024/01/02/Hi-There/"``. ``:title`` and ``:slug`` come from the
    front matter ``slug``, else the file name: Jekyll 4 never puts ``title`` in URLs.

    Args:
        path: The document relative to the source folder, POSIX.
        collection: The collection label (``posts``, ``talks``).
        permalink_template: The collection's template (``collection_template``).
        date: The front matter ``date`` (after defaults), else the file name's date is used;
            an aware datetime is read in its own time zone, so convert it to the site's.
        slug: The front matter ``slug``, or None.
        categories: The document's categories (front matter and folders, as Jekyll adds).
        output_ext: The converter's extension.
        permalink: The front matter ``permalink``, which replaces the template.
        relative_directory: The collection's folder, removed from ``:path`` (``_<label>``).

    Returns:
        The URL from the site root.

    Raises:
        PermalinkError: An unknown placeholder, a date placeholder without a date, an invalid
            date in the file name, or a ``permalink`` failing ``check_permalink``.
    """
    if permalink is not None:
        check_permalink(permalink, path)
    template = permalink if permalink is not None else permalink_template
    name = path.rpartition("/")[2]
    ext = _extname(path)
    basename = name[: len(name) - len(ext)] if ext else name
    # Document#populate_title: the name's date and slug; a front matter date wins.
    dated = _DATE_NAME_RE.match(path)
    when = date if date is not None or dated is None else _filename_date(dated, path)
    file_slug = dated.group(4) if dated is not None else basename
    source = (slug if slug is not None else file_slug.rstrip(".")) or ""
    cleaned = path[: len(path) - len(ext)] if ext else path
    cleaned = cleaned.replace(relative_directory or f"_{collection}", "", 1).rstrip(".")
    lowered = list(dict.fromkeys(str(item).lower() for item in categories))
    values: dict[str, str] = {
        "collection": collection,
        "path": cleaned,
        "name": _slugify(basename),
        "title": _slugify(source, pretty=True, cased=True),
        "slug": _slugify(source),
        "categories": "/".join(lowered),
        "slugified_categories": "/".join(dict.fromkeys(_slugify(str(c)) for c in categories)),
        "output_ext": resolve_output_ext(permalink, output_ext),
    }
    if when is not None:
        values.update(_date_values(when))

    def replace(match: re.Match[str]) -> str:
        # A key may be followed by "_" (":month_:day"): url.rb `generate_url_from_drop`.
        key = match.group(1).removesuffix("_")
        if key in _DATE_KEYS and when is None:
            raise PermalinkError(
                path,
                f"permalink '{template}' uses ':{key}', but the document has no date; add "
                f"'date: YYYY-MM-DD' to its front matter or start its file name with the date",
            )
        if key not in values:
            known = sorted({*values, *_DATE_KEYS})
            close = get_close_matches(key, known, n=1)
            hint = f"did you mean ':{close[0]}'?" if close else "use :" + ", :".join(known)
            raise PermalinkError(
                path, f"permalink '{template}' has an unknown placeholder ':{key}'; {hint}"
            )
        return escape_path(values[key]) + match.group(0)[len(key) + 1 :]

    return clean_url(_DROP_KEY_RE.sub(replace, template))


def url_to_dest(url: str, output_ext: str = ".html", *, document: bool = False) -> str:
    """Return the output file of a URL, relative to the site folder, as ``#destination``.

    Examples: ``"/en/impact/"`` -> ``"en/impact/index.html"``, ``"/en/cv.html"`` ->
    ``"en/cv.html"``, ``"/en/cv"`` -> ``"en/cv.html"``, ``("/feed.xml", ".xml")`` ->
    ``"feed.xml"``, ``"/my%20page/"`` -> ``"my page/index.html"``.

    Args:
        url: The URL from ``page_url`` or ``document_url``.
        output_ext: The resolved output extension (``resolve_output_ext``): appended unless
            the path already ends with it. A ``/feed.xml`` page URL with ``.html`` gives
            ``feed.xml.html``, as Jekyll would.
        document: Documents write ``index.html`` for a trailing slash whatever their
            extension (``Document#destination``); pages write ``index`` + ``output_ext``.

    Returns:
        A POSIX path without a leading slash that never leaves the site folder: escapes are
        decoded and ``.``/``..`` resolved as ``File.expand_path`` does.
    """
    parts: list[str] = []
    for segment in unescape_path(url).split("/"):
        if segment == "..":
            if parts:
                parts.pop()
        elif segment not in {"", "."}:
            parts.append(segment)
    if url.endswith("/"):
        index = "index.html" if document or output_ext == ".html" else f"index{output_ext}"
        return "/".join([*parts, index])
    dest = "/".join(parts)
    return dest if dest.endswith(output_ext) else dest + output_ext


# -- helpers --------------------------------------------------------------------------------


def _extname(path: str) -> str:
    """Ruby's ``File.extname``: leading dots of the name do not start an extension."""
    name = path.rpartition("/")[2]
    stem = name.lstrip(".")
    dot = stem.rfind(".")
    return stem[dot:] if dot > 0 else ""


def _filename_date(match: re.Match[str], path: str) -> date:
    """The date of a ``YYYY-MM-DD-name`` file, read as Ruby's ``Time.parse`` reads it."""
    year, month, day = (int(match.group(index)) for index in (1, 2, 3))
    if len(match.group(1)) == 2:
        year += 1900 if year >= 69 else 2000
    try:
        return date(year, month, day)
    except ValueError:
        message = "the file name does not start with a valid date (YYYY-MM-DD-title.md)"
        raise PermalinkError(path, message) from None


def _date_values(when: date) -> dict[str, str]:
    """The date placeholders of ``Drops::UrlDrop`` (English names, as Ruby's strftime)."""
    values = {key: when.strftime(code) for key, code in _DATE_CODES.items()}
    month, day = _MONTHS.split()[when.month - 1], _DAYS.split()[when.isoweekday() - 1]
    values.update(i_day=str(when.day), i_month=str(when.month), long_month=month)
    values.update(short_month=month[:3], long_day=day, short_day=day[:3])
    return values


def _slugify(text: str, *, pretty: bool = False, cased: bool = False) -> str:
    """``Utils.slugify`` in its ``default`` and ``pretty`` modes (``jekyll/text.py``)."""
    return slugify(text, "pretty" if pretty else "default", cased=cased) or ""
