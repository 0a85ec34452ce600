"""The Minimal Mistakes look on Material: what the masthead, meta and footer templates read.

Material draws its own header (a coloured bar with the title), light 300-weight titles in
indigo and "Made with Material for MkDocs"; a Minimal Mistakes site has a white masthead
with the menu, dark bold titles in the skin's colours, the date and read time under the
title and a "Follow:" footer. The plugin's ``look`` option picks one; unset, a site whose
pages use Minimal Mistakes layouts gets Minimal Mistakes'. The templates read one ``Look``
per locale pass (a Jinja global, ``jekyll_look``), made here from Minimal Mistakes' own
``_config.yml`` keys under the plugin's ``site:`` option: ``masthead_title``, ``subtitle``,
``logo``, ``date_format``, ``words_per_minute``, ``breadcrumbs``, ``copyright``,
``copyright_url`` and ``atom_feed.hide`` (``footer.links``, ``social.links`` and
``atom_feed.path`` reach the footer through Material's ``extra.social``, which
``mkdocs/site_features.py`` fills). No MkDocs import.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from mkdocs_jekyll.features.author import AuthorProfile, pick_localized
from mkdocs_jekyll.features.layouts import KNOWN_LAYOUTS
from mkdocs_jekyll.features.skin_colours import SKIN_NAMES, SkinColours, skin_colours
from mkdocs_jekyll.i18n.dates import localized_strftime
from mkdocs_jekyll.i18n.translations import locale_chain
from mkdocs_jekyll.jekyll.dates import to_date
from mkdocs_jekyll.jekyll.safe_url import safe_url

SOURCE = "mkdocs.yml: site"
"""How messages name the ``site:`` block the look reads."""

MINIMAL_MISTAKES = "minimal-mistakes"
MATERIAL = "material"
LOOKS = (MINIMAL_MISTAKES, MATERIAL)
"""The values of the plugin's ``look`` option."""

DATE_FORMAT = "%B %-d, %Y"
"""Minimal Mistakes' ``date_format`` default (_includes/page__date.html)."""

WORDS_PER_MINUTE = 200
"""Minimal Mistakes' ``words_per_minute`` default (_includes/read-time.html)."""

_WORD = re.compile(r"\w+")
_FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def choose_look(option: str | None, layouts: Iterable[object]) -> str:
    """The look of the site: the option's, else Minimal Mistakes' when a page uses its layouts.

    Args:
        option: The plugin's ``look`` (``'minimal-mistakes'`` or ``'material'``), or None.
        layouts: Every document's ``layout`` after front matter defaults.

    Returns:
        ``'minimal-mistakes'`` or ``'material'``: ``choose_look(None, ["single"])`` is
        Minimal Mistakes', ``choose_look(None, [None])`` Material's.
    """
    if option is not None:
        return option
    uses_layouts = any(isinstance(name, str) and name.strip() in KNOWN_LAYOUTS for name in layouts)
    return MINIMAL_MISTAKES if uses_layouts else MATERIAL


@dataclass(frozen=True)
class Crumb:
    """One step of the breadcrumbs; the last (the page itself) has no ``url``."""

    name: str
    url: str | None


@dataclass(frozen=True)
class Look:
    """Everything the look's templates read that is not the page's own.

    Attributes:
        name: ``'minimal-mistakes'`` or ``'material'``.
        skin: The Minimal Mistakes skin whose colours paint the page.
        colours: That skin's colours; None when the site chose its own Material palette
            and no skin: the look then paints with the palette's colours (and its toggle).
        masthead_title: ``masthead_title``, else the pass's ``site_name``.
        subtitle: ``subtitle`` under the title, if any.
        logo: ``logo``'s URL (base path applied), if any.
        home: The pass's home page path (``/en/``), which the title links to.
        date_format: ``date_format`` (Ruby's strftime).
        words_per_minute: ``words_per_minute``, for the read time.
        breadcrumbs: ``breadcrumbs: true``.
        copyright: ``copyright``, else the pass's ``site_name``.
        copyright_url: ``copyright_url``, else the site's URL.
        year: The build's year (``site.time | date: '%Y'``).
        feed_hidden: ``atom_feed.hide: true``.
        feed_href: The locale's own feed (jekyll-feed's), if the plugin writes one.
        locale: The pass's locale, for dates.
        author: The pass's author profile, for pages without one in their context (404).
        ui: The pass's ui-text labels, for pages without their own (404).
    """

    name: str
    skin: str
    colours: SkinColours | None
    masthead_title: str
    subtitle: str | None = None
    logo: str | None = None
    home: str = "/"
    date_format: str = DATE_FORMAT
    words_per_minute: int = WORDS_PER_MINUTE
    breadcrumbs: bool = False
    copyright: str = ""
    copyright_url: str = "/"
    year: int = 1970
    feed_hidden: bool = False
    feed_href: str | None = None
    locale: str | None = None
    author: AuthorProfile | None = None
    ui: Mapping[str, Any] = field(default_factory=dict)

    @property
    def minimal_mistakes(self) -> bool:
        """Whether the pages wear Minimal Mistakes' masthead, type and footer."""
        return self.name == MINIMAL_MISTAKES

    @property
    def css(self) -> str:
        """The skin's colours as CSS custom properties, and Material's colours set to them.

        Material sets its colours on ``body[data-md-color-*]``; this rule is one attribute
        more specific, so it wins whatever ``theme.palette`` says.
        """
        c = self.colours
        if c is None:
            mm = {key: f"var(--{value})" for key, value in _MATERIAL_COLOURS.items()}
            return (
                ":root,body,body[data-md-color-scheme]{"
                + ";".join(f"--jekyll-mm-{key}:{value}" for key, value in mm.items())
                + "}"
            )
        mm = {
            "bg": c.background,
            "text": c.text,
            "muted": c.muted,
            "primary": c.primary,
            "link": c.link,
            "link-hover": c.link_hover,
            "link-visited": c.link_visited,
            "border": c.border,
            "masthead-link": c.masthead_link,
            "masthead-link-hover": c.masthead_link_hover,
            "navicon-hover": c.navicon_hover,
            "footer-bg": c.footer_background,
            "footer-text": c.footer_text,
            "code-bg": c.code_background,
        }
        material = {
            "md-default-bg-color": c.background,
            "md-default-fg-color": c.text,
            "md-default-fg-color--light": c.muted,
            "md-typeset-color": c.text,
            "md-typeset-a-color": c.link,
            "md-primary-fg-color": c.primary,
            "md-primary-bg-color": c.background,
            "md-accent-fg-color": c.link_hover,
            "md-footer-bg-color": c.footer_background,
            "md-footer-fg-color": c.footer_text,
            "md-code-bg-color": c.code_background,
        }
        declarations = [f"--jekyll-mm-{key}:{value}" for key, value in mm.items()]
        declarations += [f"--{key}:{value}" for key, value in material.items()]
        return f":root,body,body[data-md-color-scheme]{{{';'.join(declarations)}}}"

    def date(self, value: object) -> str:
        """A front matter date in ``date_format``, with the pass locale's month names.

        Returns:
            The date as text, or '' for a value that is not a date.
        """
        when = to_date(value)
        if when is None:
            return ""
        return localized_strftime(when, self.date_format, self.locale)

    def iso_date(self, value: object) -> str:
        """A front matter date as ``YYYY-MM-DD`` for ``<time datetime>``, or ''."""
        when = to_date(value)
        return when.isoformat() if when is not None else ""


# The look's colours taken from the site's own Material palette (no skin chosen).
_MATERIAL_COLOURS = {
    "bg": "md-default-bg-color",
    "text": "md-default-fg-color",
    "muted": "md-default-fg-color--light",
    "primary": "md-primary-fg-color",
    "link": "md-typeset-a-color",
    "link-hover": "md-accent-fg-color",
    "link-visited": "md-typeset-a-color",
    "border": "md-default-fg-color--lightest",
    "masthead-link": "md-default-fg-color--light",
    "masthead-link-hover": "md-default-fg-color",
    "navicon-hover": "md-default-fg-color--lightest",
    "footer-bg": "md-default-bg-color",
    "footer-text": "md-default-fg-color--light",
    "code-bg": "md-code-bg-color",
}


def build_look(
    name: str,
    *,
    site: Mapping[str, Any],
    skin: str | None,
    own_palette: bool = False,
    site_name: str,
    relative_url: Callable[[str], str],
    absolute_home: str,
    home: str,
    now: dt.datetime,
    feed_href: str | None,
    locale: str | None,
    default_locale: str | None,
    author: AuthorProfile | None,
    ui: Mapping[str, Any],
    report: bool = True,
) -> Look:
    """The ``Look`` of one locale pass.

    Args:
        name: The chosen look (``choose_look``).
        site: The plugin's ``site:`` block (Minimal Mistakes' ``_config.yml`` keys); a
            text key may be a mapping locale -> text (``masthead_title: {en: .., es: ..}``).
        skin: ``minimal_mistakes_skin``, or None for Minimal Mistakes' default skin.
        own_palette: The site set Material's ``theme.palette`` itself: without a skin, the
            look keeps the palette's colours.
        site_name: The pass's ``site_name``.
        relative_url: Jekyll's ``relative_url`` of the site.
        absolute_home: The site's address (``copyright_url``'s default, Jekyll's ``site.url``).
        home: The pass's home page path (``/en/``).
        now: The build time.
        feed_href: The locale's feed, if the plugin writes one.
        locale: The pass's locale.
        default_locale: The site's default locale.
        author: The pass's author profile.
        ui: The pass's ui-text labels.
        report: Warn about a refused ``logo`` URL (``javascript:`` ...): once per build,
            in the first pass, as every locale reads the same config.

    Returns:
        The look's settings; a refused ``logo`` is left out.
    """
    chain = locale_chain(locale, default_locale) if locale else []

    def text(key: str, value: Any = None) -> str | None:
        picked = pick_localized(site.get(key) if value is None else value, chain)
        return str(picked).strip() or None if isinstance(picked, str | int | float) else None

    atom_feed = site.get("atom_feed")
    feed = atom_feed if isinstance(atom_feed, Mapping) else {}
    skin_name = (skin or "default").strip().lower()
    if skin_name not in SKIN_NAMES:
        skin_name = "default"  # The skin check in on_config names the mistake.
    logo = text("logo")
    if logo:
        logo = safe_url(logo, where=f"{SOURCE}.logo", warn=report)
    return Look(
        name=name,
        skin=skin_name,
        colours=None if own_palette and not skin else skin_colours(skin_name),
        masthead_title=text("masthead_title") or site_name,
        subtitle=text("subtitle"),
        logo=relative_url(logo) if logo and not _has_scheme(logo) else logo,
        home=home,
        date_format=text("date_format") or DATE_FORMAT,
        words_per_minute=_positive(site.get("words_per_minute")) or WORDS_PER_MINUTE,
        breadcrumbs=site.get("breadcrumbs") is True,
        copyright=text("copyright") or site_name,
        copyright_url=text("copyright_url") or absolute_home,
        year=now.year,
        feed_hidden=feed.get("hide") is True,
        feed_href=feed_href,
        locale=locale or default_locale,
        author=author,
        ui=ui,
    )


def _has_scheme(url: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//", url))


def _positive(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _words(text: str) -> list[str]:
    """The words of HTML or text: tags dropped, entities decoded, case folded."""
    return _WORD.findall(html.unescape(_TAG.sub(" ", text)).casefold())


def lead_repeats(lead: object, content: str | None) -> bool:
    """Whether the lead (``excerpt`` or ``description``) is the page's first paragraph.

    Minimal Mistakes prints the lead under the title; when a page's excerpt is its first
    paragraph (Jekyll's own excerpt is exactly that), the reader sees the sentence twice.
    Whitespace, markup, entities and case do not count: ``*Hi*  there`` repeats
    ``<p><em>Hi</em> there</p>``.

    Args:
        lead: The lead as front matter gives it.
        content: The page's HTML.

    Returns:
        True when the words of both are the same.
    """
    if not isinstance(lead, str) or not content:
        return False
    match = _FIRST_PARAGRAPH.search(content)
    if match is None:
        return False
    words = _words(lead)
    return bool(words) and words == _words(match.group(1))


def breadcrumb_trail(url: str, title: str, *, home: str, home_label: str) -> list[Crumb]:
    """Minimal Mistakes' breadcrumbs.html: home, each folder of the URL, then the page.

    Args:
        url: The page's path (``/en/case-studies/ads/``), without the base path.
        title: The page's title, the last crumb.
        home: The locale's home path (``/en/``): folders up to it are the home crumb.
        home_label: ui-text's ``breadcrumb_home_label``.

    Returns:
        The crumbs, links without the base path; empty for the home page itself.
    """
    path = url.removesuffix("index.html")
    if path.rstrip("/") == home.rstrip("/") or not path.startswith(home):
        return []
    parts = [part for part in path[len(home) :].split("/") if part]
    crumbs = [Crumb(home_label, home)]
    for position, part in enumerate(parts[:-1]):
        target = home + "/".join(parts[: position + 1]) + "/"
        crumbs.append(Crumb(unquote(part).replace("-", " ").capitalize(), target))
    crumbs.append(Crumb(title, None))
    return crumbs
