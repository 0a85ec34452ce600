"""SEO head tags as jekyll-seo-tag 2.8 prints them (``mkdocs_jekyll.features.seo``).

Rules are checked table by table without MkDocs; each table cites the part of
jekyll-seo-tag it ports (``lib/jekyll-seo-tag/drop.rb``, ``template.html``,
``json_ld_drop.rb``, ``image_drop.rb``, ``author_drop.rb``). Several expectations were
checked against a real ``jekyll build`` with jekyll-seo-tag 2.8.0 (noted "jekyll build").
Then real two-locale builds under a project subpath check the printed ``<head>``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from mkdocs_jekyll.features.author import AuthorLink, AuthorProfile
from mkdocs_jekyll.features.seo import (
    SeoOptions,
    SeoTags,
    build_seo,
    dump_json_ld,
    format_string,
    og_locale,
    seo_title,
)
from mkdocs_jekyll.i18n.translations import Translations
from mkdocs_jekyll.jekyll.documents import Document
from mkdocs_jekyll.jekyll.drops import SiteSettings
from mkdocs_jekyll.jekyll.errors import ContentError
from sitebuild import BuildSite, html, output_paths, two_locale_plugins

SETTINGS = SiteSettings(
    title="Site & Co",
    description="A *site* about [things](http://x)",
    url="https://user.github.io",
    baseurl="/repo",
    lang="en",
    author={"name": "Ada", "twitter": "ada"},
    extra={},
    environment="production",
)


def _doc(
    src_path: str = "en/page.md",
    url: str = "/en/page/",
    *,
    type_: str = "pages",
    locale: str | None = "en",
    front: Mapping[str, Any] | None = None,
    **data: Any,
) -> Document:
    """A document; ``front`` holds keys that clash with the arguments (``locale``)."""
    return Document(
        src_path=src_path,
        abs_path=f"/docs/{src_path}",
        data={**data, **(front or {})},
        body="",
        line_offset=0,
        url=url,
        dest=url.lstrip("/") + "index.html",
        locale=locale,
        type=type_,
    )


def _seo(
    doc: Document,
    *,
    settings: SiteSettings = SETTINGS,
    options: SeoOptions | None = None,
    others: tuple[Document, ...] = (),
    **kwargs: Any,
) -> SeoTags:
    translations = Translations(
        (doc, *others), ("en", "es-419"), {"en": "/en/", "es-419": "/es-419/"}
    )
    return build_seo(
        doc,
        settings=settings,
        options=options or SeoOptions(),
        translations=translations,
        **kwargs,
    )


def _meta(tags: SeoTags, key: str) -> list[str]:
    return [content for _, name, content in tags.meta if name == key]


def _settings(**changes: Any) -> SiteSettings:
    values = {**SETTINGS.__dict__, **changes}
    return SiteSettings(**values)


# -- title: drop.rb #title, #page_title, #site_title ------------------------------------------


@dataclass(frozen=True)
class TitleCase:
    description: str
    page_title: str | None
    site_title: str | None
    site_description: str | None
    tagline_or_description: str | None
    expected: str | None
    separator: str = " - "
    page_number: str | None = None


TITLE_CASES = [
    TitleCase("page title then site title", "Impact", "Site", "Desc", "Desc", "Impact - Site"),
    # The home page has no title: page_title falls back to the site title.
    TitleCase(
        "home page: site title and description", "Site", "Site", "Desc", "Desc", "Site - Desc"
    ),
    TitleCase(
        "home page: the tagline beats the description", "Site", "Site", "D", "Tag", "Site - Tag"
    ),
    TitleCase("home page without description: site title", "Site", "Site", None, None, "Site"),
    TitleCase("jekyll-seo-tag's own separator", "About", "Site", None, None, "About | Site", " | "),
    TitleCase("no site title: the page title", "Impact", None, "Desc", "Desc", "Impact"),
    TitleCase(
        "paginated: seo_paginator_message in front",
        "Blog",
        "Site",
        None,
        None,
        "Page 2 of 3 for Blog - Site",
        page_number="Page 2 of 3 for ",
    ),
]


@pytest.mark.parametrize("case", TITLE_CASES, ids=lambda case: case.description)
def test_title_follows_drop_rb(case: TitleCase) -> None:
    result = seo_title(
        case.page_title,
        case.site_title,
        case.site_description,
        case.tagline_or_description,
        separator=case.separator,
        page_number=case.page_number,
    )
    assert result == case.expected


@dataclass(frozen=True)
class PageTitleCase:
    description: str
    doc: Document
    expected: str
    heading: str | None = None
    options: SeoOptions = field(default_factory=SeoOptions)
    settings: SiteSettings = SETTINGS


PAGE_TITLE_CASES = [
    # jekyll build: "Site &amp; Co | A site about things" (description markdownified).
    PageTitleCase(
        "locale home page", _doc("en/index.md", "/en/"), "Site & Co - A site about things"
    ),
    PageTitleCase(
        "home page ignores its heading, as Jekyll sees no title",
        _doc("en/index.md", "/en/"),
        "Site & Co - A site about things",
        heading="Welcome",
    ),
    PageTitleCase(
        "an about page takes its heading too, as its nav entry does",
        _doc("en/about.md", "/en/about/"),
        "About me - Site & Co",
        heading="About me",
    ),
    PageTitleCase("front matter title", _doc(title="About"), "About - Site & Co"),
    PageTitleCase(
        "MkDocs heading when the front matter has no title",
        _doc(),
        "Only English - Site & Co",
        heading="Only English",
    ),
    PageTitleCase(
        "post title from its file name (Document#populate_title)",
        _doc("en/_posts/2024-01-02-hello-world.md", "/en/2024/01/02/hello-world/", type_="posts"),
        "Hello World - Site & Co",
    ),
    PageTitleCase(
        "seo_title_separator option",
        _doc(title="About"),
        "About | Site & Co",
        options=SeoOptions(title_separator="|"),
    ),
    PageTitleCase(
        "site.title_separator when the option is unset",
        _doc(title="About"),
        "About · Site & Co",
        settings=_settings(extra={"title_separator": "·"}),
    ),
    PageTitleCase(
        "site.tagline on the home page",
        _doc("en/index.md", "/en/"),
        "Site & Co - Notes",
        settings=_settings(extra={"tagline": "Notes"}),
    ),
]


@pytest.mark.parametrize("case", PAGE_TITLE_CASES, ids=lambda case: case.description)
def test_page_title(case: PageTitleCase) -> None:
    tags = _seo(case.doc, settings=case.settings, options=case.options, heading=case.heading)
    assert tags.title == case.expected


def test_paginated_page_title_uses_seo_paginator_message() -> None:
    # drop.rb page_number: only from the second page on; Ruby's %<current>s placeholders.
    doc = _doc(title="Blog")
    assert _seo(doc, paginator=(1, 3)).title == "Blog - Site & Co"
    assert _seo(doc, paginator=(2, 3)).title == "Page 2 of 3 for Blog - Site & Co"
    settings = _settings(extra={"seo_paginator_message": "%<current>s/%<total>s: "})
    assert _seo(doc, settings=settings, paginator=(2, 3)).title == "2/3: Blog - Site & Co"


# -- description: drop.rb #description and #format_string -------------------------------------


@dataclass(frozen=True)
class FormatCase:
    description: str
    value: object
    expected: str | None
    markdownify: Callable[[str], str] | None = None


FORMAT_CASES = [
    FormatCase(
        "inline Markdown becomes text", "A *site* about [things](http://x)", "A site about things"
    ),
    FormatCase("bold, code and images", "Say **hi** to `x` ![logo](l.png)", "Say hi to x logo"),
    # jekyll build: "Say hi x &amp; more" (printed escaped once).
    FormatCase(
        "tags stripped, entities kept as text", "Say **hi** <em>x</em>   & more", "Say hi x & more"
    ),
    FormatCase("script blocks removed with their text", "a <script>alert(1)</script>b", "a b"),
    FormatCase("comments removed", "a <!-- hidden --> b", "a b"),
    FormatCase("escaped entities decoded (escape_once)", "Q&amp;A &lt;3", "Q&A <3"),
    FormatCase("a lone '<' is text", 'Q&A: "a<b"', 'Q&A: "a<b"'),
    FormatCase("whitespace normalised", "  one\n\n two\t", "one two"),
    FormatCase("heading and list markers", "# Title\n- item", "Title item"),
    FormatCase("kramdown attribute list", "Lead {: .notice}", "Lead"),
    FormatCase("empty is none", "  ", None),
    FormatCase("nil is none", None, None),
    FormatCase("numbers become text", 2024, "2024"),
    FormatCase(
        "markdownify given: its HTML is stripped",
        "x",
        "Rendered & done",
        markdownify=lambda text: "<p>Rendered &amp; done</p>",
    ),
]


@pytest.mark.parametrize("case", FORMAT_CASES, ids=lambda case: case.description)
def test_format_string(case: FormatCase) -> None:
    assert format_string(case.value, case.markdownify) == case.expected


@dataclass(frozen=True)
class DescriptionCase:
    description: str
    doc: Document
    expected: str | None
    content: str | None = None
    settings: SiteSettings = SETTINGS


_POST = ("en/_posts/2024-01-02-hello.md", "/en/2024/01/02/hello/")

DESCRIPTION_CASES = [
    DescriptionCase("front matter description", _doc(description="Mine"), "Mine"),
    DescriptionCase("description beats excerpt", _doc(description="Mine", excerpt="Lead"), "Mine"),
    DescriptionCase("front matter excerpt", _doc(excerpt="A *lead*"), "A lead"),
    DescriptionCase("site description", _doc(), "A site about things"),
    DescriptionCase("no description anywhere", _doc(), None, settings=_settings(description=None)),
    # jekyll build: "First para with link." for a post without description.
    DescriptionCase(
        "a post's generated excerpt: its first paragraph",
        _doc(*_POST, type_="posts", date=dt.date(2024, 1, 2)),
        "First para with link.",
        content="First *para* with [link](http://x).\n\nSecond.\n",
    ),
    DescriptionCase(
        "excerpt_separator from the front matter",
        _doc(*_POST, type_="posts", date=dt.date(2024, 1, 2), excerpt_separator="<!--more-->"),
        "One. Two.",
        content="One.\n\nTwo.\n<!--more-->\nThree.",
    ),
    DescriptionCase(
        "pages have no generated excerpt (page_excerpts is off)",
        _doc(),
        "A site about things",
        content="First paragraph.\n\nSecond.",
    ),
    DescriptionCase(
        "page_excerpts: true",
        _doc(),
        "First paragraph.",
        content="First paragraph.\n\nSecond.",
        settings=_settings(extra={"page_excerpts": True}),
    ),
]


@pytest.mark.parametrize("case", DESCRIPTION_CASES, ids=lambda case: case.description)
def test_description(case: DescriptionCase) -> None:
    tags = _seo(case.doc, settings=case.settings, content=case.content)
    assert tags.description == case.expected
    expected = [case.expected] if case.expected else []
    assert _meta(tags, "description") == expected
    assert _meta(tags, "og:description") == expected


# -- canonical URL: drop.rb #canonical_url and template.html `if site.url` ---------------------


@dataclass(frozen=True)
class CanonicalCase:
    description: str
    doc: Document
    settings: SiteSettings
    expected: str | None


CANONICAL_CASES = [
    CanonicalCase(
        "absolute URL under the base path",
        _doc(),
        SETTINGS,
        "https://user.github.io/repo/en/page/",
    ),
    CanonicalCase(
        "index.html dropped",
        _doc("en/x.md", "/en/x/index.html"),
        SETTINGS,
        "https://user.github.io/repo/en/x/",
    ),
    CanonicalCase(
        "front matter canonical_url wins",
        _doc(canonical_url="https://elsewhere.org/a/"),
        SETTINGS,
        "https://elsewhere.org/a/",
    ),
    CanonicalCase("site without url: none", _doc(), _settings(url="", baseurl=""), None),
    CanonicalCase(
        "non-ASCII URL percent-encoded",
        _doc("es-419/x.md", "/es-419/año/", locale="es-419"),
        SETTINGS,
        "https://user.github.io/repo/es-419/a%C3%B1o/",
    ),
]


@pytest.mark.parametrize("case", CANONICAL_CASES, ids=lambda case: case.description)
def test_canonical_url(case: CanonicalCase) -> None:
    tags = _seo(case.doc, settings=case.settings)
    assert tags.canonical == case.expected
    assert _meta(tags, "og:url") == ([case.expected] if case.expected else [])


# -- og:locale: drop.rb #page_locale, plus og:locale:alternate -------------------------------


@dataclass(frozen=True)
class LocaleCodeCase:
    code: str
    expected: str


LOCALE_CODES = [
    LocaleCodeCase("en", "en"),
    # es-419 has no territory letters: UN M.49 '419' stays, as in the page's hreflang.
    LocaleCodeCase("es-419", "es_419"),
    LocaleCodeCase("pt-br", "pt_BR"),
    LocaleCodeCase("pt_BR", "pt_BR"),
    LocaleCodeCase("en_US", "en_US"),
    LocaleCodeCase("zh-hant", "zh_Hant"),
]


@pytest.mark.parametrize("case", LOCALE_CODES, ids=lambda case: case.code)
def test_og_locale_code(case: LocaleCodeCase) -> None:
    assert og_locale(case.code) == case.expected


@dataclass(frozen=True)
class LocaleCase:
    description: str
    doc: Document
    expected: str
    alternates: list[str]
    others: tuple[Document, ...] = ()
    settings: SiteSettings = SETTINGS


_ES = _doc("es-419/impacto.md", "/es-419/impacto/", locale="es-419", i18n_key="impact")

LOCALE_CASES = [
    LocaleCase("the page's locale", _doc(), "en", []),
    LocaleCase(
        "each real translation is an alternate",
        _doc("en/impact.md", "/en/impact/", i18n_key="impact"),
        "en",
        ["es_419"],
        others=(_ES,),
    ),
    LocaleCase(
        "from the translation's side",
        _ES,
        "es_419",
        ["en"],
        others=(_doc("en/impact.md", "/en/impact/", i18n_key="impact"),),
    ),
    LocaleCase(
        "front matter locale wins (Facebook's es_LA)",
        _doc("es-419/x.md", "/es-419/x/", locale="es-419", front={"locale": "es_LA"}),
        "es_LA",
        [],
    ),
    LocaleCase(
        "outside every locale: site.locale",
        _doc("x.md", "/x/", locale=None),
        "en_GB",
        [],
        settings=_settings(extra={"locale": "en-GB"}),
    ),
    # jekyll build: og:locale en_US on a site without lang or locale.
    LocaleCase(
        "no locale anywhere: en_US",
        _doc("x.md", "/x/", locale=None),
        "en_US",
        [],
        settings=_settings(lang=None),
    ),
]


@pytest.mark.parametrize("case", LOCALE_CASES, ids=lambda case: case.description)
def test_og_locale(case: LocaleCase) -> None:
    tags = _seo(case.doc, settings=case.settings, others=case.others)
    assert _meta(tags, "og:locale") == [case.expected]
    assert _meta(tags, "og:locale:alternate") == case.alternates


# -- image: image_drop.rb and Minimal Mistakes' seo.html --------------------------------------


@dataclass(frozen=True)
class ImageCase:
    description: str
    data: Mapping[str, Any]
    expected: list[tuple[str, str]]
    options: SeoOptions = field(default_factory=SeoOptions)


_IMG = "https://user.github.io/repo/images/a.png"
_NO_IMAGE = [("twitter:card", "summary")]

IMAGE_CASES = [
    ImageCase("no image: summary card", {}, _NO_IMAGE),
    ImageCase(
        "image path made absolute under the base path",
        {"image": "/images/a.png"},
        [("og:image", _IMG), ("twitter:card", "summary_large_image"), ("twitter:image", _IMG)],
    ),
    ImageCase(
        "relative path gets a leading slash",
        {"image": "images/a.png"},
        [("og:image", _IMG), ("twitter:card", "summary_large_image"), ("twitter:image", _IMG)],
    ),
    ImageCase(
        "full URL kept",
        {"image": "https://cdn.example/x.png"},
        [
            ("og:image", "https://cdn.example/x.png"),
            ("twitter:card", "summary_large_image"),
            ("twitter:image", "https://cdn.example/x.png"),
        ],
    ),
    # jekyll build: "https://user.github.io/repo/img/a%20b.png" and its alt.
    ImageCase(
        "image hash: path, size and alt",
        {"image": {"path": "/img/a b.png", "height": 10, "width": 20, "alt": "An alt"}},
        [
            ("og:image", "https://user.github.io/repo/img/a%20b.png"),
            ("og:image:height", "10"),
            ("og:image:width", "20"),
            ("og:image:alt", "An alt"),
            ("twitter:card", "summary_large_image"),
            ("twitter:image", "https://user.github.io/repo/img/a%20b.png"),
            ("twitter:image:alt", "An alt"),
        ],
    ),
    ImageCase(
        "image hash: facebook key",
        {"image": {"facebook": "/images/a.png"}},
        [("og:image", _IMG), ("twitter:card", "summary_large_image"), ("twitter:image", _IMG)],
    ),
    ImageCase(
        "header.og_image beats header.image and image",
        {"header": {"og_image": "/images/a.png", "image": "/h.png"}, "image": "/i.png"},
        [("og:image", _IMG), ("twitter:card", "summary_large_image"), ("twitter:image", _IMG)],
    ),
    ImageCase(
        "header.image beats image",
        {"header": {"image": "/images/a.png"}, "image": "/i.png"},
        [("og:image", _IMG), ("twitter:card", "summary_large_image"), ("twitter:image", _IMG)],
    ),
    ImageCase(
        "header.teaser after image",
        {"header": {"teaser": "/images/a.png"}},
        [("og:image", _IMG), ("twitter:card", "summary_large_image"), ("twitter:image", _IMG)],
    ),
    ImageCase(
        "site og_image option last",
        {},
        [("og:image", _IMG), ("twitter:card", "summary_large_image"), ("twitter:image", _IMG)],
        options=SeoOptions(og_image="/images/a.png"),
    ),
    ImageCase(
        "page twitter.card",
        {"image": "/images/a.png", "twitter": {"card": "summary"}},
        [("og:image", _IMG), ("twitter:card", "summary"), ("twitter:image", _IMG)],
    ),
]


@pytest.mark.parametrize("case", IMAGE_CASES, ids=lambda case: case.description)
def test_image(case: ImageCase) -> None:
    tags = _seo(_doc(**case.data), options=case.options)
    image_keys = ("og:image", "twitter:card", "twitter:image")
    found = [(key, content) for _, key, content in tags.meta if key.startswith(image_keys)]
    assert found == case.expected


# -- JSON-LD: json_ld_drop.rb and drop.rb #type, #name, #date_modified ------------------------

_PROFILE = AuthorProfile(
    name="Ada",
    avatar="/repo/images/ada.png",
    bio=None,
    location=None,
    employer=None,
    links=(
        AuthorLink("GitHub", "https://github.com/ada", "fontawesome/brands/github"),
        AuthorLink("Email", "mailto:ada@example.com", "fontawesome/solid/envelope"),
    ),
)
_HOME_URL = "https://user.github.io/repo/en/"
_POST_URL = "https://user.github.io/repo/en/2024/01/02/hello/"


@dataclass(frozen=True)
class JsonLdCase:
    description: str
    doc: Document
    expected: Mapping[str, Any]
    settings: SiteSettings = SETTINGS
    profile: AuthorProfile | None = None


JSON_LD_CASES = [
    # jekyll build: WebSite with name and headline on the home page.
    JsonLdCase(
        "locale home page: WebSite, author Person with the profile",
        _doc("en/index.md", "/en/"),
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "author": {
                "@type": "Person",
                "name": "Ada",
                "image": "https://user.github.io/repo/images/ada.png",
                "sameAs": ["https://github.com/ada"],
            },
            "description": "A site about things",
            "headline": "Site & Co",
            "name": "Site & Co",
            "url": _HOME_URL,
        },
        profile=_PROFILE,
    ),
    JsonLdCase(
        "about page is a WebSite too",
        _doc("en/about.md", "/en/about/", title="About"),
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "author": {"@type": "Person", "name": "Ada"},
            "description": "A site about things",
            "headline": "About",
            "name": "Site & Co",
            "url": "https://user.github.io/repo/en/about/",
        },
    ),
    # jekyll build: BlogPosting with both dates and mainEntityOfPage.
    JsonLdCase(
        "post: BlogPosting",
        _doc(*_POST, type_="posts", title="Hello", date=dt.date(2024, 1, 2)),
        {
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "author": {"@type": "Person", "name": "Ada"},
            "dateModified": "2024-01-02T00:00:00+00:00",
            "datePublished": "2024-01-02T00:00:00+00:00",
            "description": "A site about things",
            "headline": "Hello",
            "mainEntityOfPage": {"@type": "WebPage", "@id": _POST_URL},
            "url": _POST_URL,
        },
        profile=_PROFILE,
    ),
    JsonLdCase(
        "last_modified_at and an image",
        _doc(
            *_POST,
            type_="posts",
            title="Hello",
            date=dt.datetime(2024, 1, 2, 10, 30, tzinfo=dt.UTC),
            last_modified_at="2024-02-03",
            image="/images/a.png",
        ),
        {
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "author": {"@type": "Person", "name": "Ada"},
            "dateModified": "2024-02-03T00:00:00+00:00",
            "datePublished": "2024-01-02T10:30:00+00:00",
            "description": "A site about things",
            "headline": "Hello",
            "image": _IMG,
            "mainEntityOfPage": {"@type": "WebPage", "@id": _POST_URL},
            "url": _POST_URL,
        },
    ),
    JsonLdCase(
        "page: WebPage; page author from site.data.authors",
        _doc(title="Page", author="bob"),
        {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "author": {"@type": "Person", "name": "bob", "url": "https://bob.example/"},
            "description": "A site about things",
            "headline": "Page",
            "url": "https://user.github.io/repo/en/page/",
        },
    ),
    JsonLdCase(
        "seo.type and seo.name; an unknown author type drops the author",
        _doc(
            title="Org",
            seo={"type": "Organization", "name": "ACME"},
            author={"name": "X", "type": "Robot"},
        ),
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "description": "A site about things",
            "headline": "Org",
            "name": "ACME",
            "url": "https://user.github.io/repo/en/page/",
        },
    ),
    JsonLdCase(
        "site logo: publisher",
        _doc(title="Page"),
        {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "author": {"@type": "Person", "name": "Ada"},
            "description": "A site about things",
            "headline": "Page",
            "publisher": {
                "@type": "Organization",
                "logo": {"@type": "ImageObject", "url": "https://user.github.io/repo/logo.png"},
                "name": "Ada",
            },
            "url": "https://user.github.io/repo/en/page/",
        },
        settings=_settings(extra={"logo": "/logo.png"}),
    ),
]


@pytest.mark.parametrize("case", JSON_LD_CASES, ids=lambda case: case.description)
def test_json_ld(case: JsonLdCase) -> None:
    data = {"authors": {"bob": {"url": "https://bob.example/"}}}
    tags = _seo(case.doc, settings=case.settings, profile=case.profile, data=data)
    assert json.loads(tags.json_ld) == case.expected


def test_json_ld_cannot_close_its_script() -> None:
    text = dump_json_ld({"headline": "</script><script>alert(1)</script><!--"})
    assert "<" not in text and ">" not in text
    assert json.loads(text) == {"headline": "</script><script>alert(1)</script><!--"}


def test_json_ld_keys_are_sorted_and_compact() -> None:
    text = dump_json_ld({"url": "u", "@type": "WebPage", "@context": "https://schema.org"})
    assert text == '{"@context":"https://schema.org","@type":"WebPage","url":"u"}'


# -- the other tags: template.html ------------------------------------------------------------


def test_post_is_an_article_with_its_publication_time() -> None:
    tags = _seo(_doc(*_POST, type_="posts", date=dt.date(2024, 1, 2)))
    assert _meta(tags, "og:type") == ["article"]
    assert _meta(tags, "article:published_time") == ["2024-01-02T00:00:00+00:00"]


def test_dates_use_the_site_timezone() -> None:
    doc = _doc(*_POST, type_="posts", date=dt.date(2024, 1, 2))
    tags = _seo(doc, options=SeoOptions(timezone="America/Bogota"))
    assert _meta(tags, "article:published_time") == ["2024-01-02T00:00:00-05:00"]


def test_page_is_a_website() -> None:
    tags = _seo(_doc(title="Page"))
    assert _meta(tags, "og:type") == ["website"]
    assert _meta(tags, "article:published_time") == []


def test_twitter_site_and_creator() -> None:
    # template.html: twitter:creator only with twitter:site; '@' removed then added.
    assert _meta(_seo(_doc()), "twitter:site") == []
    tags = _seo(_doc(), options=SeoOptions(twitter_username="@site"))
    assert _meta(tags, "twitter:site") == ["@site"]
    assert _meta(tags, "twitter:creator") == ["@ada"]
    from_site = _seo(_doc(), settings=_settings(extra={"twitter": {"username": "s"}}))
    assert _meta(from_site, "twitter:site") == ["@s"]


def test_verifications_from_site_keys() -> None:
    settings = _settings(
        extra={"webmaster_verifications": {"google": "g1"}, "facebook": {"app_id": 42}}
    )
    tags = _seo(_doc(), settings=settings)
    assert ("property", "fb:app_id", "42") in tags.meta
    assert ("name", "google-site-verification", "g1") in tags.meta


def test_invalid_date_names_the_file() -> None:
    with pytest.raises(ContentError) as caught:
        _seo(_doc(date="soon"))
    assert str(caught.value) == (
        "en/page.md: date: Expected a date such as '2024-01-02', received 'soon'"
    )


# -- real builds ------------------------------------------------------------------------------

SITE_URL = "https://user.github.io/repo/"
ORIGIN = "https://user.github.io/repo"
TITLE = """Impact & "Outcomes" <script>alert(1)</script>"""
DESCRIPTION = """He said "hi" & 'bye' -> x <script>alert(2)</script></script><b>"""
TRICKY_URL = """https://example.org/"'></script><script>alert(4)</script>"""

FILES = {
    "docs/en/index.md": "---\ni18n_key: home\n---\n# Home\n",
    "docs/es-419/index.md": "---\ni18n_key: home\n---\n# Inicio\n",
    "docs/en/impact.md": (
        f"---\ni18n_key: impact\ntitle: {json.dumps(TITLE)}\n"
        f"description: {json.dumps(DESCRIPTION)}\nheader:\n  image: /images/header.png\n---\n"
        "Text.\n"
    ),
    "docs/es-419/impacto.md": "---\ni18n_key: impact\ntitle: Impacto\n---\n# Impacto\n",
    "docs/en/only.md": "# Only English\n",
    "docs/en/tricky.md": f"---\ncanonical_url: {json.dumps(TRICKY_URL)}\n---\n# Tricky\n",
    "docs/en/_posts/2024-01-02-hello.md": (
        "---\ntitle: Hello\n---\nFirst *post* paragraph.\n\nSecond.\n"
    ),
    # The avatar and header image the pages show (a missing one fails --strict).
    "docs/images/ada.png": "png",
    "docs/images/header.png": "png",
}
PAGES = {
    "home": "en/index.html",
    "home_es": "es-419/index.html",
    "impact": "en/impact/index.html",
    "impacto": "es-419/impacto/index.html",
    "only": "en/only/index.html",
    "post": "en/2024/01/02/hello/index.html",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sitebuild import make_site_builder

    build: BuildSite = make_site_builder(tmp_path_factory.mktemp("seo"))
    plugins = two_locale_plugins(
        author={"name": "Ada", "avatar": "ada.png", "github": "ada"},
        seo_twitter_username="site",
    )
    return build(
        files=FILES,
        site_url=SITE_URL,
        site_description="A test site",
        plugins=plugins,
        strict=True,
    )


def _head(site: Path, page: str) -> Tag:
    head = html(site / page).head
    assert head is not None
    return head


def _tags(head: Tag) -> list[tuple[str, str, str]]:
    """Every SEO meta tag of the head as (attribute, key, content), in order."""
    result = []
    for meta in head.find_all("meta"):
        for attr in ("name", "property"):
            key = meta.get(attr)
            if key and key not in ("viewport", "generator"):
                result.append((attr, str(key), str(meta["content"])))
    return result


def _json_ld(head: Tag) -> dict[str, Any]:
    scripts = head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    value: dict[str, Any] = json.loads(scripts[0].get_text())
    return value


def test_given_a_translated_page_then_its_head_has_jekyll_seo_tags(site: Path) -> None:
    head = _head(site, PAGES["impact"])
    title = 'Impact & "Outcomes"'
    description = "He said \"hi\" & 'bye' -> x"
    image = f"{ORIGIN}/images/header.png"
    assert head.title is not None and head.title.string == f"{title} - Test site"
    assert [link["href"] for link in head.find_all("link", rel="canonical")] == [
        f"{ORIGIN}/en/impact/"
    ]
    assert _tags(head) == [
        ("property", "og:title", title),
        ("name", "author", "Ada"),
        ("property", "og:locale", "en"),
        ("property", "og:locale:alternate", "es_419"),
        ("name", "description", description),
        ("property", "og:description", description),
        ("property", "og:url", f"{ORIGIN}/en/impact/"),
        ("property", "og:site_name", "Test site"),
        ("property", "og:image", image),
        ("property", "og:type", "website"),
        ("name", "twitter:card", "summary_large_image"),
        ("property", "twitter:image", image),
        ("property", "twitter:title", title),
        ("name", "twitter:site", "@site"),
    ]
    assert _json_ld(head)["@type"] == "WebPage"


def test_given_script_and_quotes_in_front_matter_then_nothing_breaks_out(site: Path) -> None:
    # strip_html (format_string) drops the script elements; quotes, '&' and '>' remain
    # and are escaped, so each tag keeps exactly its two attributes.
    text = (site / PAGES["impact"]).read_text(encoding="utf-8")
    head = text[: text.index("</head>")]
    assert "alert" not in head
    soup = BeautifulSoup(head, "html.parser")
    metas = [meta for meta in soup.find_all("meta") if meta.get("content")]
    assert all(len(meta.attrs) == 2 for meta in metas)
    assert _json_ld(_head(site, PAGES["impact"]))["description"] == "He said \"hi\" & 'bye' -> x"


def test_given_a_script_in_a_raw_url_then_it_stays_inside_its_attribute_and_json(
    site: Path,
) -> None:
    # canonical_url is printed as given (drop.rb), so it reaches the link and the JSON-LD.
    head = _head(site, "en/tricky/index.html")
    assert [link["href"] for link in head.find_all("link", rel="canonical")] == [TRICKY_URL]
    assert ("property", "og:url", TRICKY_URL) in _tags(head)
    assert _json_ld(head)["url"] == TRICKY_URL
    for script in head.find_all("script"):
        if script.get("type") != "application/ld+json":
            assert "alert" not in (script.string or "")


@pytest.mark.parametrize("page", sorted(PAGES.values()))
def test_each_page_has_one_title_description_and_canonical(site: Path, page: str) -> None:
    head = _head(site, page)
    assert len(head.find_all("title")) == 1
    assert len(head.find_all("meta", attrs={"name": "description"})) == 1
    assert len(head.find_all("meta", attrs={"name": "author"})) == 1
    canonical = head.find_all("link", rel="canonical")
    assert [link["href"] for link in canonical] == [f"{ORIGIN}/{page.removesuffix('index.html')}"]


@pytest.mark.parametrize("page", sorted(PAGES.values()))
def test_og_locales_agree_with_hreflang_alternates(site: Path, page: str) -> None:
    head = _head(site, page)
    links = head.find_all("link", hreflang=True, type=False)  # not the Atom feed's
    hreflangs = [str(link["hreflang"]) for link in links]
    own = head.find("meta", property="og:locale")
    assert isinstance(own, Tag)
    alternates = [str(m["content"]) for m in head.find_all("meta", property="og:locale:alternate")]
    expected = [code.replace("-", "_") for code in hreflangs if code != "x-default"]
    assert sorted([str(own["content"]), *alternates]) == sorted(expected)


@pytest.mark.parametrize(
    ("page", "schema_type"),
    [
        (PAGES["home"], "WebSite"),
        (PAGES["home_es"], "WebSite"),
        (PAGES["impact"], "WebPage"),
        (PAGES["only"], "WebPage"),
        (PAGES["post"], "BlogPosting"),
    ],
)
def test_json_ld_type(site: Path, page: str, schema_type: str) -> None:
    data = _json_ld(_head(site, page))
    assert data["@type"] == schema_type
    assert data["url"] == f"{ORIGIN}/{page.removesuffix('index.html')}"


def test_home_page_json_ld_names_the_site_and_its_author(site: Path) -> None:
    head = _head(site, PAGES["home_es"])
    assert head.title is not None and head.title.string == "Test site - A test site"
    assert _json_ld(head) == {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "author": {
            "@type": "Person",
            "name": "Ada",
            "image": f"{ORIGIN}/images/ada.png",
            "sameAs": ["https://github.com/ada"],
        },
        "description": "A test site",
        "headline": "Test site",
        "name": "Test site",
        "url": f"{ORIGIN}/es-419/",
    }


def test_post_is_an_article_with_its_excerpt(site: Path) -> None:
    head = _head(site, PAGES["post"])
    tags = _tags(head)
    assert ("property", "og:type", "article") in tags
    assert ("property", "article:published_time", "2024-01-02T00:00:00+00:00") in tags
    assert ("name", "description", "First post paragraph.") in tags
    data = _json_ld(head)
    assert data["datePublished"] == data["dateModified"] == "2024-01-02T00:00:00+00:00"
    assert data["headline"] == "Hello"


def test_untitled_page_takes_its_heading(site: Path) -> None:
    head = _head(site, PAGES["only"])
    assert head.title is not None and head.title.string == "Only English - Test site"
    assert ("property", "og:title", "Only English") in _tags(head)


def test_pages_without_the_plugin_context_keep_material_tags(site: Path) -> None:
    # The 404 page is no Jekyll document: Material's own description, no SEO extras.
    head = _head(site, "en/404.html")
    assert [m["content"] for m in head.find_all("meta", attrs={"name": "description"})] == [
        "A test site"
    ]
    assert head.find("meta", property="og:title") is None
    assert "404.html" in output_paths(site)


def test_given_seo_disabled_then_material_tags_stay(build_site: BuildSite) -> None:
    files = {"docs/en/index.md": "# Home\n", "docs/en/a.md": "---\ntitle: A\n---\nText\n"}
    site = build_site(
        files=files,
        site_url=SITE_URL,
        site_description="Desc",
        plugins=two_locale_plugins(seo_enabled=False),
    )
    head = _head(site, "en/a/index.html")
    assert head.title is not None and head.title.string == "A - Test site"
    assert head.find("meta", property="og:title") is None
    assert len(head.find_all("meta", attrs={"name": "description"})) == 1
    assert len(head.find_all("link", rel="canonical")) == 1


def test_single_locale_site_gets_the_tags(build_site: BuildSite) -> None:
    files = {"docs/index.md": "# Home\n", "docs/a.md": "---\ntitle: A\n---\nText\n"}
    site = build_site(files=files, site_url="https://example.com/", strict=True)
    head = _head(site, "a/index.html")
    assert head.title is not None and head.title.string == "A - Test site"
    assert ("property", "og:url", "https://example.com/a/") in _tags(head)
    assert _json_ld(_head(site, "index.html"))["@type"] == "WebSite"


def test_untitled_about_page_takes_its_heading_in_title_og_and_json_ld(
    build_site: BuildSite,
) -> None:
    files = {
        "docs/en/index.md": "# Welcome\n",
        "docs/es-419/index.md": "# Bienvenida\n",
        "docs/en/about.md": "---\nlayout: single\n---\n# About me\n\nText.\n",
    }
    site = build_site(files=files, strict=True, plugins=two_locale_plugins())
    head = _head(site, "en/about/index.html")
    assert head.title is not None and head.title.string == "About me - Test site"
    assert ("property", "og:title", "About me") in _tags(head)
    assert _json_ld(head)["headline"] == "About me"
    # The home page keeps jekyll-seo-tag's title (no site description here: the site title).
    home = _head(site, "en/index.html")
    assert home.title is not None and home.title.string == "Test site"
