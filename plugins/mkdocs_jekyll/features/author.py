"""The author profile shown by ``author_profile: true``, read from the site's ``author:`` config.

Minimal Mistakes and academicpages describe the site's author in ``_config.yml`` in two styles,
and real sites mix them:

* Minimal Mistakes: ``links: [{label, icon, url}]`` with Font Awesome class names as icons.
* academicpages (and Minimal Mistakes 4.x): flat keys (``email``, ``github``, ``orcid`` ...)
  that its ``_includes/author-profile.html`` turns into links with fixed URL patterns.

This module turns either style into one frozen ``AuthorProfile`` with ready-to-print URLs and
Material icon paths, so the template only loops and escapes. It does not import MkDocs: the
plugin passes Jekyll's ``relative_url`` in, and tests call it directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from mkdocs_jekyll.i18n.translations import locale_chain
from mkdocs_jekyll.jekyll.documents import normalise_locale
from mkdocs_jekyll.jekyll.errors import ConfigError
from mkdocs_jekyll.jekyll.safe_url import safe_url

DEFAULT_ICON = "fontawesome/solid/link"
"""Icon for links whose icon is missing or not understood (Minimal Mistakes' default)."""


@dataclass(frozen=True)
class AuthorLink:
    """One entry of the profile's link list.

    Attributes:
        label: Text shown next to the icon (not escaped here: templates escape it).
        url: The final ``href``: absolute URL, ``mailto:`` or whatever the author wrote.
        icon: A Material icon path without ``.svg``, e.g. ``fontawesome/brands/github``.
    """

    label: str
    url: str
    icon: str


@dataclass(frozen=True)
class AuthorProfile:
    """Everything the author sidebar prints, already resolved.

    Attributes:
        name: The author's name; a profile without one is not shown at all.
        avatar: The image URL, with the site's base path applied to site paths.
        bio: Short plain-text biography (templates escape it).
        location: Free text such as a city.
        employer: Free text (academicpages' ``employer``).
        links: Links in display order: ``links:`` entries first, then flat keys.
        home: Optional URL the name and avatar link to (academicpages' ``home``).
        pronouns: Optional pronouns line (academicpages' ``pronouns``).
    """

    name: str
    avatar: str | None
    bio: str | None
    location: str | None
    employer: str | None
    links: tuple[AuthorLink, ...]
    home: str | None = None
    pronouns: str | None = None


@dataclass(frozen=True)
class _FlatKey:
    """How academicpages renders one flat ``author.<key>``: label, icon and URL pattern."""

    key: str
    label: str
    icon: str
    pattern: str | None  # "{}" receives the quoted value; None: the value must be a URL


# Order and URL patterns follow academicpages' _includes/author-profile.html (Minimal
# Mistakes 4.x used the same keys). A value that already carries a scheme is used as is, so
# both `github: octocat` and `github: https://github.com/octocat` work.
_FLAT_KEYS: tuple[_FlatKey, ...] = (
    _FlatKey("uri", "Website", "fontawesome/solid/link", None),
    _FlatKey("email", "Email", "fontawesome/solid/envelope", "mailto:{}"),
    _FlatKey("keybase", "Keybase", "fontawesome/brands/keybase", "https://keybase.io/{}"),
    _FlatKey(
        "googlescholar",
        "Google Scholar",
        "fontawesome/brands/google-scholar",
        "https://scholar.google.com/citations?user={}",
    ),
    _FlatKey("orcid", "ORCID", "fontawesome/brands/orcid", "https://orcid.org/{}"),
    _FlatKey(
        "researchgate",
        "ResearchGate",
        "fontawesome/brands/researchgate",
        "https://www.researchgate.net/profile/{}",
    ),
    _FlatKey("pubmed", "PubMed", "simple/pubmed", "https://pubmed.ncbi.nlm.nih.gov/?term={}"),
    _FlatKey("arxiv", "arXiv", "simple/arxiv", "https://arxiv.org/a/{}"),
    _FlatKey(
        "semantic",
        "Semantic Scholar",
        "simple/semanticscholar",
        "https://www.semanticscholar.org/author/{}",
    ),
    _FlatKey("dblp", "DBLP", "simple/dblp", None),
    _FlatKey("github", "GitHub", "fontawesome/brands/github", "https://github.com/{}"),
    _FlatKey("gitlab", "GitLab", "fontawesome/brands/gitlab", "https://gitlab.com/{}"),
    _FlatKey("bitbucket", "Bitbucket", "fontawesome/brands/bitbucket", "https://bitbucket.org/{}"),
    _FlatKey(
        "stackoverflow",
        "Stack Overflow",
        "fontawesome/brands/stack-overflow",
        "https://stackoverflow.com/users/{}",
    ),
    _FlatKey("kaggle", "Kaggle", "fontawesome/brands/kaggle", "https://www.kaggle.com/{}"),
    _FlatKey(
        "linkedin", "LinkedIn", "fontawesome/brands/linkedin", "https://www.linkedin.com/in/{}"
    ),
    _FlatKey("twitter", "Twitter", "fontawesome/brands/twitter", "https://twitter.com/{}"),
    _FlatKey("bluesky", "Bluesky", "fontawesome/brands/bluesky", "https://bsky.app/profile/{}"),
    _FlatKey("mastodon", "Mastodon", "fontawesome/brands/mastodon", None),
    _FlatKey("youtube", "YouTube", "fontawesome/brands/youtube", "https://www.youtube.com/@{}"),
    _FlatKey("instagram", "Instagram", "fontawesome/brands/instagram", "https://instagram.com/{}"),
    _FlatKey("facebook", "Facebook", "fontawesome/brands/facebook", "https://www.facebook.com/{}"),
    _FlatKey("medium", "Medium", "fontawesome/brands/medium", "https://medium.com/@{}"),
)

FLAT_KEYS: tuple[str, ...] = tuple(item.key for item in _FLAT_KEYS)
"""The flat ``author.<key>`` link keys understood, in display order."""

LOCALIZED_FIELDS: tuple[str, ...] = ("name", "bio", "location", "employer", "pronouns", "avatar")
"""Author fields that may be given per locale (``bio: {en: ..., es-419: ...}``)."""

_SCHEME = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")
_MASTODON_HANDLE = re.compile(r"^@?(?P<user>[^@\s/]+)@(?P<host>[^@\s/]+)$")

# Font Awesome style classes -> Material's .icons/fontawesome/<style>/ folders.
_FA_STYLES = {
    "fab": "brands",
    "fa-brands": "brands",
    "fas": "solid",
    "fa-solid": "solid",
    "far": "regular",
    "fa-regular": "regular",
}
# Classes that change size or behaviour, never the glyph.
_FA_MODIFIERS = re.compile(
    r"^fa-(?:fw|lg|xs|sm|xl|2xs|2xl|\d+x|spin|pulse|beat|fade|bounce|shake|border|inverse|li|"
    r"ul|stack.*|flip.*|rotate.*|pull-.*|solid|brands|regular|light|thin|duotone|sharp)$"
)
# Font Awesome 4 wrote brands with the plain `fa` class; these are the ones personal sites use.
_FA4_BRANDS = frozenset(
    {
        "github", "github-square", "github-alt", "gitlab", "bitbucket", "linkedin",
        "linkedin-square", "twitter", "twitter-square", "facebook", "facebook-square",
        "instagram", "youtube", "youtube-play", "stack-overflow", "google", "google-plus",
        "orcid", "researchgate", "medium", "mastodon", "keybase", "kaggle", "flickr",
        "pinterest", "reddit", "soundcloud", "steam", "tumblr", "weibo", "xing", "bluesky",
        "google-scholar", "dribbble", "behance", "telegram", "discord", "slack", "skype",
    }
)  # fmt: skip
# academicpages uses Academicons (`ai ai-google-scholar`), which Material does not ship.
_ACADEMICONS = {
    "google-scholar": "fontawesome/brands/google-scholar",
    "google-scholar-square": "fontawesome/brands/google-scholar",
    "orcid": "fontawesome/brands/orcid",
    "orcid-square": "fontawesome/brands/orcid",
    "researchgate": "fontawesome/brands/researchgate",
    "researchgate-square": "fontawesome/brands/researchgate",
    "pubmed": "simple/pubmed",
    "arxiv": "simple/arxiv",
    "semantic-scholar": "simple/semanticscholar",
    "dblp": "simple/dblp",
    "acm": "simple/acm",
    "ieee": "simple/ieee",
    "zotero": "simple/zotero",
}


def build_author_profile(
    author: Mapping[str, Any] | None,
    *,
    relative_url: Callable[[str], str],
    labels: Mapping[str, str] | None = None,
    source: str = "mkdocs.yml",
    locale: str | None = None,
    default_locale: str | None = None,
    report: bool = True,
) -> AuthorProfile | None:
    """Resolve the site's ``author:`` config into the profile the sidebar prints.

    Text fields may be given per locale (``bio: {en: ..., es-419: ...}``): the profile
    shows the value ``localize_author`` picks for ``locale``.

    Args:
        author: The ``author`` mapping in Minimal Mistakes or academicpages style (or both).
        relative_url: Jekyll's ``relative_url`` for this build; it prepends the site's base
            path, so an avatar at ``/images/me.png`` still loads under ``/repo/``.
        labels: Localized labels for flat keys (``{"email": "Correo"}``), e.g. taken from
            ``_data/ui-text.yml``; keys not given keep the English label.
        source: The file the mapping came from, used in error messages.
        locale: The page's locale (``es-419``), or None on a single-locale site.
        default_locale: The site's default locale, the fallback for a missing translation.
        report: Warn about the URLs ``safe_url`` refuses (False for the later locales,
            which read the same config).

    Returns:
        The profile, or None when there is no author or it has no ``name`` (the sidebar
        needs at least a name, as in Minimal Mistakes).

    Raises:
        ConfigError: When ``author`` or its ``links`` has the wrong shape.
    """
    if author is None:
        return None
    if not isinstance(author, Mapping):
        raise ConfigError(source, f"author: Expected a mapping, received {_show(author)}")
    author = localize_author(author, locale, default_locale)
    name = _text(author, "name", source)
    if name is None:
        return None
    links = _resolve_links(author, source, report) + _resolve_flat_links(
        author, labels or {}, source, report
    )
    avatar = _text(author, "avatar", source)
    if avatar:
        avatar = safe_url(avatar, where=f"{source}: author.avatar", warn=report)
    home = _text(author, "home", source)
    if home:
        home = safe_url(home, where=f"{source}: author.home", warn=report)
    return AuthorProfile(
        name=name,
        avatar=_resolve_avatar(avatar, relative_url) if avatar else None,
        bio=_text(author, "bio", source),
        location=_text(author, "location", source),
        employer=_text(author, "employer", source),
        links=_unique(links),
        # Minimal Mistakes: `author.home | default: '/' | absolute_url` (a URL with a
        # scheme is kept, a site path gets the base path).
        home=relative_url(home) if home and not _SCHEME.match(home) else home,
        pronouns=_text(author, "pronouns", source),
    )


def localize_author(
    author: Mapping[str, Any], locale: str | None, default_locale: str | None
) -> dict[str, Any]:
    """Pick one locale's text for every author field given per locale.

    A text field (``LOCALIZED_FIELDS``) whose value is a mapping (``bio: {en: "Engineer",
    es-419: "Ingeniera"}``) is given per locale, as are the ``label``s of ``links``. Each
    gets the value of the first locale of the chain that has one: the locale (``es-419``),
    its base language (``es``), the default locale, its base language, then the first value
    written. Locale keys are compared like the plugin compares locales (``pt_BR`` is
    ``pt-br``).

    Args:
        author: The ``author`` config.
        locale: The page's locale, or None.
        default_locale: The site's default locale, or None.

    Returns:
        A copy of ``author`` with plain values only; fields that were plain stay as they are.
    """
    chain = locale_chain(locale, default_locale)
    result = dict(author)
    for key in LOCALIZED_FIELDS:
        result[key] = pick_localized(author.get(key), chain)
    links = author.get("links")
    if isinstance(links, list):
        result["links"] = [
            {**item, "label": pick_localized(item.get("label"), chain)}
            if isinstance(item, Mapping)
            else item
            for item in links
        ]
    return {key: value for key, value in result.items() if key in author}


def pick_localized(value: Any, chain: list[str]) -> Any:
    """A per-locale mapping's value for the first locale of ``chain``, else its first value.

    Args:
        value: A plain value (returned as is) or a mapping of locale to value.
        chain: Normalised locales, most specific first (see ``localize_author``).

    Returns:
        The chosen value; None when the mapping has no non-empty value.
    """
    if not isinstance(value, Mapping):
        return value
    index = {normalise_locale(str(code)): item for code, item in value.items()}
    for code in chain:
        if index.get(code) not in (None, ""):
            return index[code]
    return next((item for item in index.values() if item not in (None, "")), None)


def icon_for_class(css_class: str | None) -> str:
    """Map a Font Awesome (or Academicons) class list to a Material icon path.

    Args:
        css_class: e.g. ``"fab fa-fw fa-github"``, ``"fas fa-envelope-square"``,
            ``"ai ai-google-scholar"``, or already a Material path such as
            ``"material/email"`` (kept, so sites can use any icon Material ships).

    Returns:
        A path under Material's ``.icons/`` without ``.svg``; ``DEFAULT_ICON`` when the class
        names no glyph. A glyph Material lacks is caught by the template, which falls back to
        the same default.
    """
    if not css_class or not css_class.strip():
        return DEFAULT_ICON
    value = css_class.strip()
    if "/" in value and " " not in value:
        return value.removesuffix(".svg")
    tokens = value.split()
    style: str | None = None
    glyph: str | None = None
    for token in tokens:
        if token in _FA_STYLES:
            style = _FA_STYLES[token]
        elif token.startswith("ai-") and token[3:] in _ACADEMICONS:
            return _ACADEMICONS[token[3:]]
        elif token.startswith("fa-") and not _FA_MODIFIERS.match(token) and glyph is None:
            glyph = token[3:]
    if glyph is None:
        return DEFAULT_ICON
    if style is None:
        style = "brands" if glyph in _FA4_BRANDS else "solid"
    return f"fontawesome/{style}/{glyph}"


# -----------------------------------------------------------------------------
# Helpers


def _resolve_avatar(avatar: str, relative_url: Callable[[str], str]) -> str:
    """Apply the avatar rules of academicpages and Minimal Mistakes."""
    if _SCHEME.match(avatar):
        # Both themes: `avatar contains "://"` is printed as is.
        return avatar
    if "/" not in avatar:
        # academicpages: a bare file name lives in /images/ (`prepend: "/images/"`).
        return relative_url(f"/images/{avatar}")
    # Minimal Mistakes: `author.avatar | relative_url`.
    return relative_url(avatar if avatar.startswith("/") else f"/{avatar}")


def _resolve_links(author: Mapping[str, Any], source: str, report: bool) -> list[AuthorLink]:
    """Read Minimal Mistakes' ``links: [{label, icon, url}]``."""
    raw = author.get("links")
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ConfigError(
            source, f"author.links: Expected a list of {{label, icon, url}}, received {_show(raw)}"
        )
    links: list[AuthorLink] = []
    for index, item in enumerate(raw):
        if not isinstance(item, Mapping):
            raise ConfigError(
                source,
                f"author.links[{index}]: Expected a mapping with 'label', 'icon' and 'url', "
                f"received {_show(item)}",
            )
        label = _scalar(item.get("label"))
        url = _scalar(item.get("url"))
        # Minimal Mistakes prints a link only `if link.label and link.url`; its default
        # _config.yml ships links with the url commented out, so skipping is expected.
        if url:
            url = safe_url(url, where=f"{source}: author.links[{index}].url", warn=report)
        if label and url:
            links.append(AuthorLink(label=label, url=url, icon=icon_for_class(item.get("icon"))))
    return links


def _resolve_flat_links(
    author: Mapping[str, Any], labels: Mapping[str, str], source: str, report: bool
) -> list[AuthorLink]:
    """Read academicpages' flat keys (``github: octocat``) into links."""
    links: list[AuthorLink] = []
    for spec in _FLAT_KEYS:
        value = _text(author, spec.key, source)
        if value is None:
            continue
        url = safe_url(
            _resolve_flat_url(spec, value), where=f"{source}: author.{spec.key}", warn=report
        )
        if url is None:
            continue
        links.append(AuthorLink(label=labels.get(spec.key) or spec.label, url=url, icon=spec.icon))
    return links


def _resolve_flat_url(spec: _FlatKey, value: str) -> str:
    """Build the URL of one flat key, keeping values that already are URLs."""
    if _SCHEME.match(value):
        return value
    if spec.key == "mastodon":
        # academicpages expects a full URL; accept the `@user@host` handle people paste.
        handle = _MASTODON_HANDLE.match(value)
        if handle:
            return f"https://{handle['host']}/@{handle['user']}"
        return value
    if spec.key in {"bluesky", "youtube", "medium", "twitter"}:
        value = value.removeprefix("@")
    if spec.key == "email":
        return spec.pattern.format(value) if spec.pattern else value
    if spec.pattern is None:
        return value
    return spec.pattern.format(quote(value, safe="/-._~@"))


def _unique(links: list[AuthorLink]) -> tuple[AuthorLink, ...]:
    """Drop links whose URL is already listed (a site may give both styles for one service)."""
    seen: set[str] = set()
    result: list[AuthorLink] = []
    for link in links:
        if link.url not in seen:
            seen.add(link.url)
            result.append(link)
    return tuple(result)


def _text(author: Mapping[str, Any], key: str, source: str) -> str | None:
    """Return ``author[key]`` as stripped text, None when empty, error when not a scalar."""
    value = author.get(key)
    if value is not None and not isinstance(value, str | int | float):
        raise ConfigError(source, f"author.{key}: Expected text, received {_show(value)}")
    return _scalar(value)


def _scalar(value: Any) -> str | None:
    """Turn YAML scalars into text (``stackoverflow: 123456`` parses as an int)."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    return text or None


def _show(value: Any) -> str:
    """Quote a received value for an error message, shortened."""
    text = repr(value) if not isinstance(value, str) else value
    if len(text) > 60:
        text = text[:57] + "..."
    return f"'{text}'"
