"""Minimal Mistakes' content helpers on real builds: the package's includes and utility classes.

The includes mirror Minimal Mistakes' ``_includes/`` (``figure``, ``gallery``,
``feature_row``, ``video``, ``toc``, ``nav_list``, ``base_path``); the classes come from its
``_utilities.scss``, ``_buttons.scss`` and ``_notices.scss`` and are styled by the package's
``utilities.css``. Every site here is a project site (``/repo/``), so paths must get the base.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from sitebuild import BuildSite, html, two_locale_plugins

SITE_URL = "https://example.com/repo/"
SCRIPT = "<script>alert('x')</script>"


def _build_page(
    build_site: BuildSite,
    body: str,
    *,
    front_matter: str = "",
    files: dict[str, str] | None = None,
    **config: Any,
) -> BeautifulSoup:
    """Build ``docs/index.md`` (front matter + body) on a project site; return its HTML."""
    page = f"---\n{front_matter}\n---\n{body}" if front_matter else body
    # The pages link images and pages the tests do not write: report those as MkDocs
    # reports a missing link target under this setting (INFO), not as warnings.
    config.setdefault("validation", {"links": {"not_found": "info"}})
    site = build_site(
        files={"docs/index.md": page, **(files or {})},
        site_url=SITE_URL,
        strict=True,
        **config,
    )
    return html(site / "index.html")


def _article(soup: BeautifulSoup) -> Tag:
    article = soup.select_one("article")
    assert article is not None
    return article


def _one(root: Tag, selector: str) -> Tag:
    found = root.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} matches"
    return found[0]


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


# -- base_path --------------------------------------------------------------------------------


def test_given_base_path_included_when_built_then_base_path_is_url_and_baseurl(
    build_site: BuildSite,
) -> None:
    # Minimal Mistakes' _includes/base_path: `{{ base_path }}` after `{% include base_path %}`.
    soup = _build_page(
        build_site, '{% include base_path %}\n<img src="{{ base_path }}/images/a.png" alt="A">\n'
    )
    img = _one(_article(soup), "img[alt='A']")
    assert img["src"] == "https://example.com/repo/images/a.png"
    assert "{%" not in _text(_article(soup))


# -- figure -----------------------------------------------------------------------------------


def test_given_a_figure_when_built_then_it_has_minimal_mistakes_markup(
    build_site: BuildSite,
) -> None:
    soup = _build_page(
        build_site,
        '{% include figure image_path="/images/x.png" alt="An \\"x\\" & y" '
        'caption="A **bold** caption" class="align-right" %}\n',
    )
    figure = _one(_article(soup), "figure")
    assert figure["class"] == ["align-right"]
    img = _one(figure, "img")
    assert img["src"] == "/repo/images/x.png"
    assert img["alt"] == 'An "x" & y'
    assert img["loading"] == "lazy"
    caption = _one(figure, "figcaption")
    assert caption.decode_contents() == "A <strong>bold</strong> caption"
    assert figure.select("a") == []


def test_given_a_figure_caption_with_html_when_built_then_the_html_is_text(
    build_site: BuildSite,
) -> None:
    soup = _build_page(
        build_site,
        f'{{% include figure image_path="/x.png" caption="{SCRIPT} it\'s" %}}\n',
    )
    article = _article(soup)
    assert article.select("script") == []
    assert _text(_one(article, "figure figcaption")) == f"{SCRIPT} it's"


def test_given_a_figure_with_a_full_url_and_popup_when_built_then_the_url_is_kept(
    build_site: BuildSite,
) -> None:
    soup = _build_page(
        build_site,
        '{% include figure image_path="https://cdn.example.org/a.png?w=1&h=2" popup=true %}\n',
    )
    figure = _one(_article(soup), "figure")
    assert not figure.has_attr("class")
    link = _one(figure, "a.image-popup")
    assert link["href"] == "https://cdn.example.org/a.png?w=1&h=2"
    assert _one(link, "img")["src"] == "https://cdn.example.org/a.png?w=1&h=2"
    assert _one(link, "img")["alt"] == ""
    assert figure.select("figcaption") == []


# -- gallery ----------------------------------------------------------------------------------

GALLERY = """\
gallery:
  - url: /images/a.jpg
    image_path: /images/a-th.jpg
    alt: "A \\"quoted\\" <b>"
    title: "It's <script>x()</script>"
  - image_path: https://cdn.example.org/b.jpg
    alt: B
  - image_path: /images/c.jpg
more:
  - image_path: /images/one.jpg
    alt: One
  - image_path: /images/two.jpg
    alt: Two
single:
  - image_path: /images/solo.jpg
"""


@dataclass(frozen=True)
class GalleryCase:
    description: str
    include: str
    classes: list[str]
    images: list[str]


GALLERY_CASES = [
    GalleryCase("page.gallery with three images is third", "{% include gallery %}",
                ["third"], ["/repo/images/a-th.jpg", "https://cdn.example.org/b.jpg",
                            "/repo/images/c.jpg"]),
    GalleryCase("id picks the front matter key; two images are half",
                '{% include gallery id="more" %}', ["half"],
                ["/repo/images/one.jpg", "/repo/images/two.jpg"]),
    GalleryCase("one image has no layout", '{% include gallery id="single" %}', [],
                ["/repo/images/solo.jpg"]),
    GalleryCase("layout and class are given", '{% include gallery id="more" layout="third" '
                'class="full" %}', ["third", "full"],
                ["/repo/images/one.jpg", "/repo/images/two.jpg"]),
]  # fmt: skip


@pytest.mark.parametrize("case", GALLERY_CASES, ids=lambda case: case.description)
def test_given_a_gallery_when_built_then_images_are_laid_out(
    build_site: BuildSite, case: GalleryCase
) -> None:
    soup = _build_page(build_site, case.include + "\n", front_matter=GALLERY)
    figure = _one(_article(soup), "figure")
    assert figure.get("class", []) == case.classes
    assert [img["src"] for img in figure.select("img")] == case.images
    assert all(img["loading"] == "lazy" for img in figure.select("img"))


def test_given_gallery_items_with_links_when_built_then_links_and_titles_are_escaped(
    build_site: BuildSite,
) -> None:
    soup = _build_page(
        build_site,
        '{% include gallery caption="Photos by **me** <em>x</em>" %}\n',
        front_matter=GALLERY,
    )
    figure = _one(_article(soup), "figure")
    link = _one(figure, "a")
    assert link["href"] == "/repo/images/a.jpg"
    assert link["title"] == "It's <script>x()</script>"
    assert _one(link, "img")["alt"] == 'A "quoted" <b>'
    assert figure.select("script, b, em") == []
    caption = _one(figure, "figcaption")
    assert caption.decode_contents() == "Photos by <strong>me</strong> &lt;em&gt;x&lt;/em&gt;"
    # Images without a url are not wrapped in a link.
    assert [img.parent.name for img in figure.select("img")] == ["a", "figure", "figure"]


# -- feature_row ------------------------------------------------------------------------------

FEATURES = """\
feature_row:
  - image_path: /images/f.png
    alt: "F \\"1\\""
    image_caption: "Photo by **me**"
    title: "Feature <script>x()</script>"
    excerpt: "Some **bold** <script>bad()</script>"
    url: /docs/
    btn_class: btn--primary
  - title: Second
    excerpt: plain
    url: https://example.org/?a=1&b=2
    btn_label: "Go \\"there\\""
intro:
  - title: Intro
    excerpt: Hello
"""


def test_given_a_feature_row_when_built_then_items_have_minimal_mistakes_markup(
    build_site: BuildSite,
) -> None:
    soup = _build_page(build_site, "{% include feature_row %}\n", front_matter=FEATURES)
    wrapper = _one(_article(soup), "div.feature__wrapper")
    items = wrapper.select(":scope > div")
    assert [item["class"] for item in items] == [["feature__item"], ["feature__item"]]
    first, second = items
    img = _one(first, ".archive__item > .archive__item-teaser > img")
    assert img["src"] == "/repo/images/f.png"
    assert img["alt"] == 'F "1"'
    caption = _one(first, ".archive__item-teaser > span.archive__item-caption")
    assert caption.decode_contents() == "Photo by <strong>me</strong>"
    body = _one(first, ".archive__item > .archive__item-body")
    assert _text(_one(body, "h2.archive__item-title")) == "Feature <script>x()</script>"
    excerpt = _one(body, "div.archive__item-excerpt")
    assert excerpt.decode_contents().strip() == (
        "<p>Some <strong>bold</strong> &lt;script&gt;bad()&lt;/script&gt;</p>"
    )
    button = _one(body, "p > a.btn")
    assert button["class"] == ["btn", "btn--primary"]
    assert button["href"] == "/repo/docs/"
    # The label comes from ui-text's more_label, as in Minimal Mistakes.
    assert _text(button) == "Learn more"
    assert wrapper.select("script") == []
    assert second.select(".archive__item-teaser") == []
    second_button = _one(second, "a.btn")
    assert second_button["class"] == ["btn"]
    assert second_button["href"] == "https://example.org/?a=1&b=2"
    assert _text(second_button) == 'Go "there"'
    # The row's titles are part of the row, not of the page's table of contents.
    assert soup.select("nav.md-nav--secondary a[href='#second']") == []


@pytest.mark.parametrize("kind", ["left", "right", "center"])
def test_given_a_feature_row_type_when_built_then_items_carry_the_type(
    build_site: BuildSite, kind: str
) -> None:
    soup = _build_page(
        build_site, f'{{% include feature_row id="intro" type="{kind}" %}}\n', front_matter=FEATURES
    )
    item = _one(_article(soup), "div.feature__wrapper > div")
    assert item["class"] == [f"feature__item--{kind}"]
    assert _text(_one(item, ".archive__item-title")) == "Intro"
    assert item.select("a.btn") == []


# -- video ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VideoCase:
    description: str
    include: str
    src: str | None
    title: str = ""


VIDEO_CASES = [
    VideoCase("youtube uses the no-cookie domain",
              '{% include video id="XsxDH4HcOWA" provider="youtube" %}',
              "https://www.youtube-nocookie.com/embed/XsxDH4HcOWA", "YouTube video"),
    VideoCase("vimeo asks not to track", '{% include video id="212731897" provider="vimeo" %}',
              "https://player.vimeo.com/video/212731897?dnt=true", "Vimeo video"),
    VideoCase("google drive uses the preview player",
              '{% include video id="1aB-c_D" provider="google-drive" %}',
              "https://drive.google.com/file/d/1aB-c_D/preview", "Google Drive video"),
    VideoCase("bilibili hides danmaku by default",
              '{% include video id="BV1Xx411c7mD" provider="bilibili" %}',
              "https://player.bilibili.com/player.html?bvid=BV1Xx411c7mD&page=1&as_wide=1"
              "&high_quality=1&danmaku=0", "Bilibili video"),
    VideoCase("bilibili shows danmaku on request",
              '{% include video id="BV1Xx411c7mD" provider="bilibili" danmaku=1 %}',
              "https://player.bilibili.com/player.html?bvid=BV1Xx411c7mD&page=1&as_wide=1"
              "&high_quality=1&danmaku=1", "Bilibili video"),
    VideoCase("a title names the player",
              '{% include video id="abc" provider="youtube" title="My \\"talk\\" <b>" %}',
              "https://www.youtube-nocookie.com/embed/abc", 'My "talk" <b>'),
    VideoCase("the id cannot leave its URL segment",
              '{% include video id="a/b?c=\\"d" provider="youtube" %}',
              "https://www.youtube-nocookie.com/embed/a%2Fb%3Fc%3D%22d", "YouTube video"),
    VideoCase("an unknown provider prints nothing",
              '{% include video id="abc" provider="dailymotion" %}', None),
]  # fmt: skip


@pytest.mark.parametrize("case", VIDEO_CASES, ids=lambda case: case.description)
def test_given_a_video_when_built_then_it_embeds_the_provider_player(
    build_site: BuildSite, case: VideoCase
) -> None:
    soup = _build_page(build_site, f"Before\n\n{case.include}\n\nAfter\n")
    article = _article(soup)
    if case.src is None:
        assert article.select(".responsive-video-container, iframe") == []
        return
    iframe = _one(article, "div.responsive-video-container > iframe")
    assert iframe["src"] == case.src
    assert iframe["title"] == case.title
    assert iframe["loading"] == "lazy"
    assert iframe.has_attr("allowfullscreen")
    assert article.select("b") == []


# -- toc --------------------------------------------------------------------------------------


def test_given_a_toc_include_when_built_then_the_box_lists_the_page_headings(
    build_site: BuildSite,
) -> None:
    soup = _build_page(
        build_site,
        "{% include toc %}\n\n## First\n\nText\n\n### Inner\n\n## Second\n",
        front_matter="toc_sticky: true",
    )
    aside = _one(_article(soup), "aside.sidebar__right")
    assert aside["class"] == ["sidebar__right", "sticky"]
    nav = _one(aside, "nav.toc")
    assert nav["aria-label"] == "On this page"
    title = _one(nav, "header > p.nav__title")
    assert _text(title) == "On this page"
    assert _one(title, "i")["class"] == ["fas", "fa-file-alt"]
    links = [(a["href"], _text(a)) for a in nav.select("div.toc a")]
    assert links == [("#first", "First"), ("#inner", "Inner"), ("#second", "Second")]
    assert _one(nav, "div.toc > ul > li > ul > li > a")["href"] == "#inner"
    assert "[TOC]" not in _text(_article(soup))
    # Material's own table of contents lists the headings, not the box's title.
    sidebar = soup.select_one(".md-sidebar--secondary nav.md-nav--secondary")
    assert sidebar is not None
    material_toc = [a["href"] for a in sidebar.select("a")]
    assert material_toc == ["#first", "#inner", "#second"]


def test_given_a_toc_title_and_icon_when_built_then_they_are_escaped(
    build_site: BuildSite,
) -> None:
    soup = _build_page(
        build_site, '{% include toc title="In \\"short\\" <b>" icon="list x" %}\n\n## A\n'
    )
    nav = _one(_article(soup), "aside.sidebar__right nav.toc")
    assert nav["aria-label"] == 'In "short" <b>'
    assert _text(_one(nav, "p.nav__title")) == 'In "short" <b>'
    assert _one(nav, "p.nav__title > i")["class"] == ["fas", "fa-list", "x"]
    assert nav.select("b") == []


def test_given_a_spanish_page_when_a_toc_is_included_then_its_title_is_spanish(
    build_site: BuildSite,
) -> None:
    site = build_site(
        files={
            "docs/en/index.md": "# Home\n",
            "docs/es-419/index.md": "{% include toc %}\n\n## Uno\n",
        },
        site_url=SITE_URL,
        plugins=two_locale_plugins(),
    )
    nav = _one(_article(html(site / "es-419/index.html")), "nav.toc")
    assert _text(_one(nav, ".nav__title")) == "En esta página"


# -- nav_list ---------------------------------------------------------------------------------

NAVIGATION = """\
docs:
  - title: "Getting <started>"
    children:
      - title: Home
        url: /
      - title: "Q&A"
        url: /qa/
  - title: External
    url: https://example.org/x?a=1&b=2
  - title: Guide
    url: /guide/
    children:
      - title: Setup
        url: /guide/setup/
"""


def test_given_a_nav_list_when_built_then_it_lists_the_data_menu(build_site: BuildSite) -> None:
    soup = _build_page(
        build_site,
        '{% include nav_list nav="docs" %}\n',
        front_matter="sidebar:\n  title: 'Docs & <more>'",
        files={"_data/navigation.yml": NAVIGATION},
    )
    nav = _one(_article(soup), "nav.nav__list")
    assert _text(_one(nav, "h3.nav__title")) == "Docs & <more>"
    top = nav.select("ul.nav__items > li")
    assert [_text(_one(li, ".nav__sub-title")) for li in top] == [
        "Getting <started>",
        "External",
        "Guide",
    ]
    assert top[0].select(":scope > a") == []
    assert _one(top[1], ":scope > a")["href"] == "https://example.org/x?a=1&b=2"
    assert _one(top[2], ":scope > a")["href"] == "/repo/guide/"
    children = [(a["href"], _text(a)) for a in top[0].select(":scope > ul > li > a")]
    assert children == [("/repo/", "Home"), ("/repo/qa/", "Q&A")]
    active = _one(nav, "a.active")
    assert active["href"] == "/repo/"
    assert active["aria-current"] == "page"
    assert nav.select("started, more") == []


def test_given_a_per_locale_menu_when_a_nav_list_is_included_then_it_uses_the_locale(
    build_site: BuildSite,
) -> None:
    menu = """\
    main:
      - titles: {en: Home, es-419: Inicio}
        urls: {en: /en/, es-419: /es-419/}
    """
    site = build_site(
        files={
            "docs/en/index.md": '{% include nav_list nav="main" %}\n',
            "docs/es-419/index.md": '{% include nav_list nav="main" %}\n',
            "_data/navigation.yml": menu,
        },
        site_url=SITE_URL,
        plugins=two_locale_plugins(),
    )
    link = _one(_article(html(site / "es-419/index.html")), "nav.nav__list a")
    assert (link["href"], _text(link)) == ("/repo/es-419/", "Inicio")
    assert link["class"] == ["active"]


# -- utility classes --------------------------------------------------------------------------


def test_given_attribute_lists_when_built_then_notice_and_button_classes_are_set(
    build_site: BuildSite,
) -> None:
    soup = _build_page(
        build_site,
        "**Note:** read this.\n{: .notice--info}\n\n"
        "[Download]({{ '/cv.pdf' | relative_url }}){: .btn .btn--primary .btn--large}\n\n"
        "Centered\n{: .text-center .small}\n",
    )
    article = _article(soup)
    notice = _one(article, "p.notice--info")
    assert notice.decode_contents() == "<strong>Note:</strong> read this."
    button = _one(article, "a.btn")
    assert button["class"] == ["btn", "btn--primary", "btn--large"]
    assert button["href"] == "/repo/cv.pdf"
    assert _one(article, "p.text-center")["class"] == ["text-center", "small"]


def test_given_a_notice_block_with_markdown_when_built_then_its_markdown_is_converted(
    build_site: BuildSite,
) -> None:
    soup = _build_page(
        build_site,
        '<div class="notice--warning" markdown="1">\n'
        "#### Heads up\n\n"
        "Some **bold** text and a list:\n"
        "- one\n"
        "- two\n"
        "</div>\n",
    )
    notice = _one(_article(soup), "div.notice--warning")
    assert _text(_one(notice, "h4")) == "Heads up"
    assert _one(notice, "p strong").get_text() == "bold"
    assert [_text(li) for li in notice.select("ul > li")] == ["one", "two"]


def test_given_the_plugin_when_built_then_utilities_css_is_linked_and_served(
    build_site: BuildSite,
) -> None:
    site = build_site(files={"docs/index.md": "# Home\n"}, site_url=SITE_URL)
    head = html(site / "index.html").select_one("head")
    assert head is not None
    hrefs = [link["href"] for link in head.select("link[rel=stylesheet]")]
    assert "assets/mkdocs_jekyll/utilities.css" in hrefs
    # After jekyll.css, so it can build on the profile styles.
    assert hrefs.index("assets/mkdocs_jekyll/utilities.css") > hrefs.index(
        "assets/mkdocs_jekyll/jekyll.css"
    )
    css = (site / "assets/mkdocs_jekyll/utilities.css").read_text(encoding="utf-8")
    for selector in (".notice--info", ".btn--light-outline", ".responsive-video-container"):
        assert selector in css


def test_the_stylesheet_covers_minimal_mistakes_utility_classes() -> None:
    css = (
        Path(__file__).resolve().parent.parent
        / "plugins/mkdocs_jekyll/templates/assets/mkdocs_jekyll/utilities.css"
    ).read_text(encoding="utf-8")
    classes = [
        "notice", "notice--primary", "notice--info", "notice--warning", "notice--danger",
        "notice--success", "btn", "btn--primary", "btn--secondary", "btn--success",
        "btn--warning", "btn--danger", "btn--info", "btn--inverse", "btn--light-outline",
        "btn--x-large", "btn--large", "btn--small", "align-left", "align-right",
        "align-center", "full", "text-center", "text-left", "text-right", "text-justify",
        "text-nowrap", "small", "large", "half", "third", "feature__item--left",
        "feature__item--right", "feature__item--center", "sidebar__right", "nav__list",
    ]  # fmt: skip
    missing = [name for name in classes if f".{name}" not in css]
    assert missing == []
    assert css.count("{") == css.count("}")
