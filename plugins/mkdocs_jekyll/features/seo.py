"""The head tags jekyll-seo-tag 2.8 prints (``{% seo %}``), computed per page.

Minimal Mistakes and academicpages sites get their ``<title>``, description, canonical link,
Open Graph, Twitter card and JSON-LD from jekyll-seo-tag (or a copy of its rules in the
theme's ``seo.html``); search engines have indexed those values, so a move to MkDocs must keep
them. The rules below follow ``lib/jekyll-seo-tag/drop.rb``, ``template.html``,
``json_ld_drop.rb``, ``image_drop.rb`` and ``author_drop.rb``; each cites its source.

Additions for multi-locale sites: ``og:locale:alternate`` per real translation, locale home
pages count as home pages, and the author's ``Person`` on home pages carries the profile's
avatar and links. No MkDocs import: the plugin hands in a ``Document`` and the site's
settings, and the template only prints (and escapes) the result.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from mkdocs_jekyll.i18n.translations import Translations, bcp47
from mkdocs_jekyll.jekyll.dates import InvalidDate, UnknownZone, site_zone, to_time
from mkdocs_jekyll.jekyll.documents import Document
from mkdocs_jekyll.jekyll.drops import SiteSettings
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.safe_url import is_safe_url
from mkdocs_jekyll.jekyll.text import normalize_whitespace
from mkdocs_jekyll.jekyll.urls import uri_escape

if TYPE_CHECKING:
    from mkdocs_jekyll.features.author import AuthorProfile
    from mkdocs_jekyll.mkdocs.config import JekyllConfig

Meta = tuple[str, str, str]
"""``(attribute, key, content)``: ``("property", "og:title", "Impact")``."""

# drop.rb HOMEPAGE_OR_ABOUT_REGEX, applied below a locale's home as well as below "/".
_HOME_OR_ABOUT = re.compile(r"(about/)?(index\.html?)?")
# Liquid's strip_html (StandardFilters): script, style and comment blocks, then every tag.
_STRIP_BLOCKS = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.I | re.S)
_STRIP_TAGS = re.compile(r"<.*?>", re.S)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_JSON_ESCAPES = {ord(char): f"\\u{ord(char):04x}" for char in "<>&"}
# Inline Markdown that markdownify would turn into markup (see _plain_markdown).
_MD_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])?")
_MD_LINE_MARKERS = re.compile(
    r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)", re.M
)
_MD_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$", re.M)
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3}|~~|`+)(?=\S)(.+?)(?<=\S)\1", re.S)
_MD_ATTR_LIST = re.compile(r"\{:?[ \t]*[.#][^}\n]*\}")
_MD_LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:.*$", re.M)


@dataclass(frozen=True)
class SeoOptions:
    """The plugin options that feed the tags (``seo_*``); None falls back to ``site.*``."""

    title_separator: str | None = None
    og_image: str | None = None
    twitter_username: str | None = None
    timezone: str | None = None

    @classmethod
    def from_config(cls, options: JekyllConfig) -> SeoOptions:
        """Read the ``seo_*`` options and ``timezone`` of the ``jekyll`` plugin."""
        return cls(
            title_separator=options.seo_title_separator,
            og_image=options.seo_og_image,
            twitter_username=options.seo_twitter_username,
            timezone=options.timezone,
        )


@dataclass(frozen=True)
class SeoTags:
    """Everything the head prints for one page; plain text, the template escapes it.

    Attributes:
        title: The ``<title>`` text.
        description: The meta description (also in ``meta``), None without one.
        canonical: The ``<link rel="canonical">`` URL; None when the site has no URL.
        author: The ``<meta name="author">`` name (also in ``meta``), None without one.
        meta: The ``<meta>`` tags in jekyll-seo-tag's order.
        json_ld: The JSON-LD object, serialised with ``<``, ``>`` and ``&`` as ``\\u``
            escapes so it cannot end or confuse its ``<script>`` element: print it as is.
    """

    title: str | None
    description: str | None
    canonical: str | None
    author: str | None
    meta: tuple[Meta, ...]
    json_ld: str


def build_seo(
    doc: Document,
    *,
    settings: SiteSettings,
    options: SeoOptions,
    translations: Translations,
    heading: str | None = None,
    content: str | None = None,
    data: Mapping[str, Any] | None = None,
    profile: AuthorProfile | None = None,
    paginator: tuple[int, int] | None = None,
    markdownify: Callable[[str], str] | None = None,
    excerpt: str | None = None,
) -> SeoTags:
    """Compute a page's SEO tags as jekyll-seo-tag's ``{% seo %}`` would print them.

    Args:
        doc: The page, with its front matter after defaults.
        settings: The site (title, description, url, baseurl, lang, author, ``site:`` keys).
        options: The ``seo_*`` options.
        translations: The site's translation index (locale, home and translations).
        heading: MkDocs' page title (the first heading), used when the front matter has no
            ``title`` (Jekyll would fall back to the site title on every such page).
        content: The page's Markdown after Liquid, for the excerpt of collection documents.
        data: ``site.data``, for ``site.data.authors`` (author_drop.rb).
        profile: The site author's profile, enriching the home page's ``Person``.
        paginator: ``(page, total_pages)`` of a paginated page.
        markdownify: Markdown to HTML; without it a plain-text approximation is used.
        excerpt: The page's excerpt as Jekyll makes it (``page.excerpt``: rendered HTML,
            or the front matter's); without it, the text before the separator.

    Returns:
        The page's tags.

    Raises:
        ContentError: A ``date`` or ``last_modified_at`` that is not a date.
    """
    page, site = doc.data, settings.extra

    def fmt(value: object) -> str | None:
        return format_string(value, markdownify)

    locale = translations.locale_of(doc)
    home = _is_home_or_about(doc.url, translations.homes.get(locale) if locale else None)
    site_title = fmt(settings.title or site.get("name"))
    # An untitled page takes its first heading, as its nav entry does; the home page keeps
    # jekyll-seo-tag's "Site - description" (an about page is no longer an exception).
    index = home and not doc.url.rstrip("/").endswith(("/about", "/about/index.html"))
    title_value = page.get("title") or _document_title(doc) or (None if index else heading)
    page_title = fmt(title_value) or site_title
    number = None
    if paginator and paginator[0] > 1:
        message = str(site.get("seo_paginator_message") or "Page %<current>s of %<total>s for ")
        number = message.replace("%<current>s", str(paginator[0]))
        number = number.replace("%<total>s", str(paginator[1]))
    separator = options.title_separator or str(site.get("title_separator") or "-")
    title = seo_title(
        page_title,
        site_title,
        fmt(settings.description),
        fmt(site.get("tagline")) or fmt(settings.description),
        separator=f" {separator} ",
        page_number=number,
    )
    # jekyll-seo-tag: `page.description || page.excerpt`.
    description = fmt(page.get("description") or excerpt or _excerpt(doc, content, site))
    author = _author_hash(page, settings.author, data or {})
    zone = _zone(options.timezone, doc)
    resolved = _Resolved(
        page_title=page_title,
        site_title=site_title,
        description=description or fmt(settings.description),
        canonical=_canonical_url(doc, settings),
        author=author,
        author_name=_scalar(author.get("name")),
        image=_image(page, settings, options.og_image or _scalar(site.get("og_image"))),
        date=_xmlschema(page.get("date"), zone, doc, "date"),
        home=home,
    )
    json_ld = _json_ld(resolved, doc, settings, profile if home else None, zone, fmt)
    return SeoTags(
        title=title,
        description=resolved.description,
        canonical=resolved.canonical if settings.url else None,
        author=resolved.author_name,
        meta=_meta_tags(resolved, doc, settings, options, translations),
        json_ld=dump_json_ld({key: value for key, value in json_ld.items() if value}),
    )


@dataclass(frozen=True)
class _Resolved:
    """The values several tags share, computed once per page (drop.rb's memoised methods)."""

    page_title: str | None
    site_title: str | None
    description: str | None
    canonical: str
    author: Mapping[str, Any]
    author_name: str | None
    image: tuple[str, Mapping[str, Any]] | None
    date: str | None
    home: bool


def _meta_tags(
    r: _Resolved,
    doc: Document,
    settings: SiteSettings,
    options: SeoOptions,
    translations: Translations,
) -> tuple[Meta, ...]:
    """template.html's ``<meta>`` tags, in its order, plus ``og:locale:alternate``."""
    page, site = doc.data, settings.extra
    meta: list[Meta] = []
    add = meta.append
    if r.page_title:
        add(("property", "og:title", r.page_title))
    if r.author_name:
        add(("name", "author", r.author_name))
    locale = translations.locale_of(doc)
    add(("property", "og:locale", og_locale(_page_locale(doc, locale, settings))))
    for other_locale, other in translations.translations(doc).items():
        if other.src_path != doc.src_path:
            other_code = _page_locale(other, other_locale, settings)
            add(("property", "og:locale:alternate", og_locale(other_code)))
    if r.description:
        add(("name", "description", r.description))
        add(("property", "og:description", r.description))
    if settings.url:
        add(("property", "og:url", r.canonical))
    if r.site_title:
        add(("property", "og:site_name", r.site_title))
    if r.image is not None:
        add(("property", "og:image", r.image[0]))
        for key in ("height", "width", "alt"):
            if _scalar(r.image[1].get(key)):
                add(("property", f"og:image:{key}", str(r.image[1][key])))
    if page.get("date"):
        add(("property", "og:type", "article"))
        add(("property", "article:published_time", r.date or ""))
    else:
        add(("property", "og:type", "website"))
    if r.image is not None:
        card = _sub_hash(page, "twitter").get("card") or _sub_hash(site, "twitter").get("card")
        add(("name", "twitter:card", str(card or "summary_large_image")))
        add(("property", "twitter:image", r.image[0]))
        if _scalar(r.image[1].get("alt")):
            add(("name", "twitter:image:alt", str(r.image[1]["alt"])))
    else:
        add(("name", "twitter:card", "summary"))
    if r.page_title:
        add(("property", "twitter:title", r.page_title))
    twitter = options.twitter_username or _scalar(_sub_hash(site, "twitter").get("username"))
    if twitter:
        add(("name", "twitter:site", "@" + twitter.replace("@", "")))
        # Deviation: jekyll-seo-tag falls back to the author's name ("@Ada Lovelace").
        creator = _scalar(r.author.get("twitter"))
        if creator:
            add(("name", "twitter:creator", "@" + creator.replace("@", "")))
    meta.extend(_site_verifications(site))
    return tuple(meta)


def _json_ld(
    r: _Resolved,
    doc: Document,
    settings: SiteSettings,
    profile: AuthorProfile | None,
    zone: ZoneInfo | None,
    fmt: Callable[[object], str | None],
) -> dict[str, Any]:
    """json_ld_drop.rb's object (None values are dropped by the caller)."""
    page, site = doc.data, settings.extra
    seo = _sub_hash(page, "seo")
    schema_type = str(seo.get("type") or "")
    if not schema_type:  # drop.rb type
        schema_type = "WebSite" if r.home else "BlogPosting" if page.get("date") else "WebPage"
    # drop.rb date_modified: seo.date_modified, else last_modified_at, else date.
    modified_key, modified = "date", page.get("date")
    if seo.get("date_modified"):
        modified_key, modified = "seo.date_modified", seo["date_modified"]
    elif page.get("last_modified_at"):
        modified_key, modified = "last_modified_at", page["last_modified_at"]
    image = r.image
    social = _sub_hash(site, "social")
    return {
        "@context": "https://schema.org",
        "@type": schema_type,
        "author": _json_ld_author(r.author, profile, settings),
        "dateModified": _xmlschema(modified, zone, doc, modified_key),
        "datePublished": r.date,
        "description": r.description,
        "headline": r.page_title,
        "image": (image[0] if len(image[1]) == 1 else image_object(*image)) if image else None,
        "mainEntityOfPage": {"@type": "WebPage", "@id": r.canonical}
        if schema_type in ("BlogPosting", "CreativeWork")
        else None,
        "name": fmt(seo.get("name"))
        or ((fmt(social.get("name")) or r.site_title) if r.home else None),
        "publisher": _publisher(site, settings, r.author_name),
        "sameAs": seo.get("links") or (social.get("links") if r.home else None),
        "url": r.canonical,
    }


# -- rules with their own tests ----------------------------------------------------------------


def seo_title(
    page_title: str | None,
    site_title: str | None,
    site_description: str | None,
    site_tagline_or_description: str | None,
    *,
    separator: str,
    page_number: str | None = None,
) -> str | None:
    """jekyll-seo-tag's ``Drop#title``: page and site title, or site title and tagline.

    ``("Impact", "Site", ..)`` -> ``"Impact - Site"``; on a page without its own title (the
    home page) ``page_title`` is the site title, giving ``"Site - <tagline or description>"``.
    """
    title: str | None
    if site_title and page_title != site_title:
        title = page_title + separator + site_title if page_title else site_title
    elif site_description and site_title:
        title = site_title + separator + (site_tagline_or_description or site_description)
    else:
        title = page_title or site_title
    return page_number + title if page_number and title else title


def format_string(value: object, markdownify: Callable[[str], str] | None = None) -> str | None:
    """drop.rb ``format_string``: markdownify, strip_html, normalize_whitespace, escape_once.

    The result is plain text (entities decoded: the template escapes once). Without
    ``markdownify``, inline Markdown is removed by ``_plain_markdown``, an approximation.
    """
    if value is None or value is False:
        return None
    text = str(value)
    if markdownify is None:
        return _format_plain(text)
    return _format_html(markdownify(text))


@lru_cache(maxsize=1024)
def _format_plain(text: str) -> str | None:
    """``format_string`` without markdownify; memoised, as the site's title, description
    and tagline are formatted again for every page."""
    return _format_html(_plain_markdown(text))


def _format_html(text: str) -> str | None:
    """strip_html, normalize_whitespace and escape_once of ``format_string``."""
    text = _STRIP_TAGS.sub("", _STRIP_BLOCKS.sub("", text))
    text = normalize_whitespace(html.unescape(text))
    return text or None


def og_locale(code: str) -> str:
    """drop.rb ``page_locale``'s ``tr("-", "_")`` on the BCP 47 form of ``code``.

    ``en`` -> ``en``, ``pt-br`` -> ``pt_BR``, ``es-419`` -> ``es_419`` (Open Graph's
    ``language_TERRITORY`` with the UN M.49 region: the same region as the page's hreflang).
    """
    return bcp47(code).replace("-", "_")


def image_object(url: str, extra: Mapping[str, Any]) -> dict[str, Any]:
    """json_ld_drop.rb ``image`` for an image hash: its keys, ``path`` as ``url``."""
    result = {key: value for key, value in extra.items() if key != "path"}
    return {**result, "url": url, "@type": "imageObject"}


def dump_json_ld(value: Mapping[str, Any]) -> str:
    """Serialise JSON-LD compactly, top-level keys sorted (json_ld_drop.rb ``to_json``).

    Every ``<``, ``>`` and ``&`` is written as a ``\\u`` escape (as Rails' ``json_escape``
    does): the same JSON, but no ``</script>`` or ``<!--`` can appear, so a value can neither
    end the element nor switch the HTML parser into its escaped state, and no raw markup
    from front matter reaches the page.
    """
    ordered = dict(sorted(value.items()))  # the top level only, as Ruby's keys.sort
    text = json.dumps(ordered, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_JSON_ESCAPES)


# -- helpers -----------------------------------------------------------------------------------


def _plain_markdown(text: str) -> str:
    """Inline Markdown to the text markdownify + strip_html would leave (no HTML built)."""
    text = _MD_LINK_DEFINITION.sub("", text)
    text = _MD_ATTR_LIST.sub("", text)
    text = _MD_LINE_MARKERS.sub("", _MD_CLOSING_HASHES.sub("", text))
    text = _MD_IMAGE_OR_LINK.sub(r"\1", text)
    previous = None
    while previous != text:  # nested emphasis: ***a** b*
        previous, text = text, _MD_EMPHASIS.sub(r"\2", text)
    return text


def _is_home_or_about(url: str, home: str | None) -> bool:
    """drop.rb ``homepage_or_about?``, also below the page's locale home (``/es-419/``)."""
    for prefix in (home, "/"):
        if prefix and url.startswith(prefix) and _HOME_OR_ABOUT.fullmatch(url[len(prefix) :]):
            return True
    return False


def _document_title(doc: Document) -> str | None:
    """Jekyll's ``Document#populate_title``: a collection document's title from its slug."""
    if doc.type == "pages":
        return None
    stem = PurePosixPath(doc.src_path).stem
    slug = re.sub(r"^\d{2,4}-\d{1,2}-\d{1,2}-", "", stem).rstrip(".")
    return " ".join(word.capitalize() for word in slug.split("-"))  # Utils.titleize_slug


def _excerpt(doc: Document, content: str | None, site: Mapping[str, Any]) -> str | None:
    """The front matter ``excerpt``, else Jekyll's generated one (text before the separator).

    Jekyll generates excerpts for collection documents (``Document#generate_excerpt``) and
    for pages only with ``page_excerpts: true`` (``Page#generate_excerpt?``).
    """
    if doc.data.get("excerpt"):
        return str(doc.data["excerpt"])
    if content is None or (doc.type == "pages" and not site.get("page_excerpts")):
        return None
    separator = str(doc.data.get("excerpt_separator", site.get("excerpt_separator", "\n\n")))
    return content.partition(separator)[0] if separator else None


def _canonical_url(doc: Document, settings: SiteSettings) -> str:
    """drop.rb ``canonical_url``: front matter ``canonical_url``, else the absolute URL.

    URLs ``is_safe_url`` refuses are skipped here and in the other URL tags (the plugin
    warned about the page's own when it read its front matter).
    """
    given = doc.data.get("canonical_url")
    if given is not None and str(given) != "" and is_safe_url(str(given)):
        return str(given)
    return re.sub(r"/index\.html$", "/", settings.absolute_url(doc.url))


def _page_locale(doc: Document, locale: str | None, settings: SiteSettings) -> str:
    """drop.rb ``page_locale``: page.locale, site.locale, page.lang, site.lang, ``en_US``.

    A front matter ``locale`` wins (``locale: es_LA`` for Facebook's Latin American Spanish),
    then the page's configured locale, as our ``page.locale`` is.
    """
    for value in (
        doc.data.get("locale"),
        locale,
        settings.extra.get("locale"),
        doc.lang,
        settings.lang,
    ):
        if value:
            return str(value)
    return "en_US"


def _author_hash(
    page: Mapping[str, Any], site_author: Mapping[str, Any], data: Mapping[str, Any]
) -> Mapping[str, Any]:
    """author_drop.rb: page.author, page.authors[0], site.author; names via data.authors."""
    authors = page.get("authors")
    sources = [page.get("author"), authors[0] if isinstance(authors, list) and authors else None]
    found = next((item for item in [*sources, site_author] if item), None)
    if isinstance(found, Mapping):
        return found
    if isinstance(found, str):
        entries = data.get("authors")
        entry = entries.get(found) if isinstance(entries, Mapping) else None
        return {"name": found, **(entry if isinstance(entry, Mapping) else {})}
    return {}


def _json_ld_author(
    author: Mapping[str, Any], profile: AuthorProfile | None, settings: SiteSettings
) -> dict[str, Any] | None:
    """json_ld_drop.rb ``author``; on home pages the profile adds its avatar and links."""
    name = _scalar(author.get("name"))
    kind = author.get("type")
    if not name or (kind and kind not in ("Organization", "Person")):
        return None
    result: dict[str, Any] = {"@type": kind or "Person", "name": name}
    url = _scalar(author.get("url")) or (profile.home if profile else None)
    url = url if url and is_safe_url(url) else None
    if profile is not None and profile.name == name:
        if profile.avatar:
            # The avatar already carries the base path (author.py applies relative_url).
            avatar = profile.avatar
            result["image"] = avatar if _SCHEME.match(avatar) else settings.url + avatar
        links = [link.url for link in profile.links if link.url.startswith(("https:", "http:"))]
        if links:
            result["sameAs"] = links
    if url:
        result["url"] = url
    return result


def _image(
    page: Mapping[str, Any], settings: SiteSettings, fallback: str | None
) -> tuple[str, Mapping[str, Any]] | None:
    """The page image's escaped absolute URL and its hash (image_drop.rb).

    Minimal Mistakes' ``seo.html`` order first: ``header.og_image``, ``header.image``,
    ``header.overlay_image``; then jekyll-seo-tag's ``image`` (a path, or a hash with
    ``path``/``facebook``/``twitter`` and ``height``/``width``/``alt``); then Minimal
    Mistakes' ``header.teaser`` and the site's ``og_image``.
    """
    header = _sub_hash(page, "header")
    image = page.get("image")
    details: Mapping[str, Any] = image if isinstance(image, Mapping) else {}
    candidates = [
        (header.get("og_image"), {}),
        (header.get("image"), {}),
        (header.get("overlay_image"), {}),
        (image if isinstance(image, str) else None, {}),
        (details.get("path") or details.get("facebook") or details.get("twitter"), details),
        (header.get("teaser"), {}),
        (fallback, {}),
    ]
    for path, extra in candidates:
        if isinstance(path, str) and path and is_safe_url(path):
            return uri_escape(settings.absolute_url(path)), {"path": path, **extra}
    return None


def _publisher(
    site: Mapping[str, Any], settings: SiteSettings, author_name: str | None
) -> dict[str, Any] | None:
    """json_ld_drop.rb ``publisher``: the site ``logo`` as an Organization."""
    logo = _scalar(site.get("logo"))
    if not logo or not is_safe_url(logo):
        return None
    url = uri_escape(settings.absolute_url(logo))
    result: dict[str, Any] = {"@type": "Organization", "logo": {"@type": "ImageObject", "url": url}}
    if author_name:
        result["name"] = author_name
    return result


def _site_verifications(site: Mapping[str, Any]) -> list[Meta]:
    """template.html's ``site.facebook`` and ``site.webmaster_verifications`` tags."""
    result: list[Meta] = []
    facebook = _sub_hash(site, "facebook")
    for key, attr, name in (
        ("admins", "property", "fb:admins"),
        ("publisher", "property", "article:publisher"),
        ("app_id", "property", "fb:app_id"),
    ):
        if _scalar(facebook.get(key)):
            result.append((attr, name, str(facebook[key])))
    checks = _sub_hash(site, "webmaster_verifications")
    for key, name in (
        ("google", "google-site-verification"),
        ("bing", "msvalidate.01"),
        ("alexa", "alexaVerifyID"),
        ("yandex", "yandex-verification"),
        ("baidu", "baidu-site-verification"),
        ("facebook", "facebook-domain-verification"),
    ):
        if _scalar(checks.get(key)):
            result.append(("name", name, str(checks[key])))
    if checks:
        return result
    # Minimal Mistakes' own seo.html reads flat `<engine>_site_verification` keys.
    for key, name in (
        ("google", "google-site-verification"),
        ("bing", "msvalidate.01"),
        ("alexa", "alexaVerifyID"),
        ("yandex", "yandex-verification"),
        ("naver", "naver-site-verification"),
        ("baidu", "baidu-site-verification"),
    ):
        value = site.get(f"{key}_site_verification")
        if _scalar(value):
            result.append(("name", name, str(value)))
    return result


def _zone(name: str | None, doc: Document) -> ZoneInfo | None:
    """The site's ``timezone`` for date_to_xmlschema, None for UTC."""
    try:
        return site_zone(name)
    except UnknownZone as err:
        raise ContentError(
            doc.src_path,
            f"timezone: Expected an IANA zone such as 'Europe/Paris', received '{name}'",
        ) from err


def _xmlschema(value: object, zone: ZoneInfo | None, doc: Document, key: str) -> str | None:
    """Jekyll's ``date_to_xmlschema``; a value that is no date fails as in Jekyll."""
    if value is None or value == "":
        return None
    try:
        return to_time(value, zone).replace(microsecond=0).isoformat()
    except InvalidDate as err:
        raise ContentError(
            doc.src_path, f"{key}: Expected a date such as '2024-01-02', received '{value}'"
        ) from err


def _sub_hash(mapping: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    """drop.rb ``sub_hash``: ``mapping[key]`` when it is a hash, else an empty one."""
    value = mapping.get(key)
    return value if isinstance(value, Mapping) else {}


def _scalar(value: object) -> str | None:
    """Text of a YAML scalar, None when missing or empty."""
    if value is None or value is False or isinstance(value, Mapping | list):
        return None
    return str(value) or None
