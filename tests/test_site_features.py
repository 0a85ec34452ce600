"""Minimal Mistakes' site-level features, configured with its own ``_config.yml`` keys.

Given a site whose ``jekyll`` plugin has Minimal Mistakes' ``analytics``, ``comments``,
``consent``, ``head_scripts``/``footer_scripts``, ``atom_feed``, ``footer.links``,
``social``, ``search_provider`` ... under ``site:``, when it is built, then each page
prints what Minimal Mistakes' includes print (through Material's ``extra.analytics``,
``extra.consent`` and ``extra.social`` where Material has them), and every key that has
no equivalent is one warning naming it and what replaces it (a strict build fails).

The expected markup follows Minimal Mistakes' own includes (``analytics-providers/``,
``comments-providers/``, ``comments.html``, ``head.html``, ``scripts.html``,
``footer.html``); its theme is not installed here, so it is not built with Jekyll.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.exceptions import Abort

from mkdocs_jekyll.features.site_features import SiteFeatures, icon_for_url, read_site_features
from sitebuild import (
    BUILD_ERROR,
    THREE_LOCALES,
    BuildSite,
    error_lines,
    html,
    strict_abort,
    warning_lines,
)

PAGE = "---\ntitle: Hello\n---\nHello.\n"
KEY = "mkdocs.yml: plugins.jekyll.site."


SINGLE = [{"scope": {"path": ""}, "values": {"layout": "single"}}]
"""Minimal Mistakes' layout on every page: the comments are part of its layouts."""


def _plugins(site: dict[str, Any], **jekyll: Any) -> list[Any]:
    return [{"jekyll": {"site": site, "defaults": SINGLE, **jekyll}}]


def _page(site: Path, path: str = "index.html") -> str:
    return (site / path).read_text(encoding="utf-8")


def _config_script(text: str) -> dict[str, Any]:
    found = re.search(r'<script id="__config" type="application/json">(.*?)</script>', text, re.S)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


@pytest.fixture
def production(monkeypatch: pytest.MonkeyPatch) -> None:
    """``JEKYLL_ENV=production``: Minimal Mistakes prints analytics only then."""
    monkeypatch.setenv("JEKYLL_ENV", "production")


# -----------------------------------------------------------------------------
# Analytics
# -----------------------------------------------------------------------------


def test_google_gtag_becomes_materials_google_tag_in_production(
    build_site: BuildSite, production: None, caplog: pytest.LogCaptureFixture
) -> None:
    site = build_site(
        files={"docs/index.md": PAGE, "docs/quiet.md": "---\nanalytics: false\n---\nQuiet.\n"},
        plugins=_plugins(
            {"analytics": {"provider": "google-gtag", "google": {"tracking_id": "G-ABC123"}}}
        ),
        strict=True,
    )
    page = _page(site)
    assert '<script id="__analytics">function __md_analytics()' in page
    assert 'e("config","G-ABC123")' in page
    assert "https://www.googletagmanager.com/gtag/js?id=G-ABC123" in page
    # Without consent, Material runs it at once.
    assert '<script>"undefined"!=typeof __md_analytics&&__md_analytics()</script>' in page
    # Minimal Mistakes' `page.analytics != false`.
    assert "__md_analytics" not in _page(site, "quiet/index.html")
    assert warning_lines(caplog) == []


def test_no_analytics_outside_production(build_site: BuildSite) -> None:
    site = build_site(
        files={"docs/index.md": PAGE},
        plugins=_plugins(
            {"analytics": {"provider": "google-gtag", "google": {"tracking_id": "G-ABC123"}}}
        ),
    )
    assert "__md_analytics" not in _page(site)
    assert "G-ABC123" not in _page(site)


UNIVERSAL = (
    f"{KEY}analytics.provider: '{{}}' is no longer served by Google (Universal Analytics "
    "stopped in July 2023); printed as 'google-gtag' (Google tag, Material's extra.analytics) "
    "with the same tracking_id."
)
ANONYMIZE = (
    f"{KEY}analytics.google.anonymize_ip: not used: Google Analytics 4 (gtag.js) always "
    "anonymizes IP addresses; remove the key."
)


@pytest.mark.parametrize("provider", ["google-universal", "google"])
def test_universal_analytics_is_printed_as_the_google_tag_with_a_warning(
    build_site: BuildSite, production: None, caplog: pytest.LogCaptureFixture, provider: str
) -> None:
    analytics = {"provider": provider, "google": {"tracking_id": "UA-1-1", "anonymize_ip": True}}
    site = build_site(files={"docs/index.md": PAGE}, plugins=_plugins({"analytics": analytics}))
    assert 'e("config","UA-1-1")' in _page(site)
    assert warning_lines(caplog) == [
        "mkdocs_jekyll: " + UNIVERSAL.format(provider),
        "mkdocs_jekyll: " + ANONYMIZE,
    ]
    with pytest.raises(Abort, match=strict_abort(2)):
        build_site(
            files={"docs/index.md": PAGE}, plugins=_plugins({"analytics": analytics}), strict=True
        )


def test_a_provider_without_tracking_id_is_a_warning(
    build_site: BuildSite, production: None, caplog: pytest.LogCaptureFixture
) -> None:
    plugins = _plugins({"analytics": {"provider": "google-gtag"}})
    site = build_site(files={"docs/index.md": PAGE}, plugins=plugins)
    assert "__md_analytics" not in _page(site)
    assert warning_lines(caplog) == [
        f"mkdocs_jekyll: {KEY}analytics.google.tracking_id: Expected an ID such as "
        "'G-XXXXXXXXXX' for provider 'google-gtag', received nothing; no analytics are printed."
    ]
    with pytest.raises(Abort, match=strict_abort(1)):
        build_site(files={"docs/index.md": PAGE}, plugins=plugins, strict=True)


CUSTOM_ANALYTICS = "<script>window.counted = {{ page.title | jsonify }};</script>\n"


def test_custom_analytics_prints_the_sites_include_with_the_page(
    build_site: BuildSite, production: None
) -> None:
    site = build_site(
        files={
            "docs/index.md": PAGE,
            "docs/quiet.md": "---\ntitle: Quiet\nanalytics: false\n---\nQuiet.\n",
            "_includes/analytics-providers/custom.html": CUSTOM_ANALYTICS,
        },
        plugins=_plugins({"analytics": {"provider": "custom"}}),
        strict=True,
    )
    head = str(html(site / "index.html").head)
    assert '<script>window.counted = "Hello";</script>' in head
    assert "window.counted" not in _page(site, "quiet/index.html")


def test_custom_analytics_waits_for_consent(build_site: BuildSite, production: None) -> None:
    site = build_site(
        files={
            "docs/index.md": PAGE,
            "_includes/analytics-providers/custom.html": CUSTOM_ANALYTICS,
        },
        plugins=_plugins({"analytics": {"provider": "custom"}, "consent": True}),
        strict=True,
    )
    held = html(site / "index.html").select('template[data-jekyll-consent="analytics"]')
    assert [str(t.decode_contents()).strip() for t in held] == [
        '<script>window.counted = "Hello";</script>'
    ]
    # Its cookie type is in the consent form, named in the page's language.
    form = html(site / "index.html").select_one("form[name=consent]")
    assert form is not None
    assert [i["name"] for i in form.select("input[type=checkbox][name]")] == ["analytics"]
    assert "Analytics" in form.get_text()


@pytest.mark.parametrize(
    ("site", "include"),
    [
        ({"analytics": {"provider": "custom"}}, "analytics-providers/custom.html"),
        ({"comments": {"provider": "custom"}}, "comments-providers/custom.html"),
    ],
    ids=["analytics", "comments"],
)
def test_a_custom_provider_without_its_include_is_a_warning(
    build_site: BuildSite,
    production: None,
    caplog: pytest.LogCaptureFixture,
    site: dict[str, Any],
    include: str,
) -> None:
    plugins = _plugins(site)
    build_site(files={"docs/index.md": PAGE}, plugins=plugins)
    key = next(iter(site))
    assert warning_lines(caplog) == [
        f"mkdocs_jekyll: {KEY}{key}.provider: 'custom' prints the site's _includes/{include}, "
        "which does not exist."
    ]
    with pytest.raises(Abort, match=strict_abort(1)):
        build_site(files={"docs/index.md": PAGE}, plugins=plugins, strict=True)


# -----------------------------------------------------------------------------
# Comments
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CommentsCase:
    description: str
    comments: dict[str, Any]
    expected: tuple[str, ...]
    """Fragments of the comments container's HTML."""
    site: dict[str, Any] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)


COMMENTS_CASES = [
    CommentsCase(
        "disqus: its thread and embed.js with the shortname, page URL and id",
        {"provider": "disqus", "disqus": {"shortname": "my-site"}},
        (
            '<section id="disqus_thread"></section>',
            'this.page.url = "https://example.com/2024/01/02/hello/";',
            'this.page.identifier = "/2024/01/02/hello";',
            '"https://" + "my-site" + ".disqus.com/embed.js"',
        ),
    ),
    CommentsCase(
        "discourse: the server and the canonical URL without a trailing slash",
        {"provider": "discourse", "discourse": {"server": "forum.example.org"}},
        (
            '<section id="discourse-comments"></section>',
            'discourseUrl: "//" + "forum.example.org" + "/"',
            'discourseEmbedUrl: "https://example.com/2024/01/02/hello"',
        ),
    ),
    CommentsCase(
        "facebook: appid, num_of_comments and colorscheme",
        {
            "provider": "facebook",
            "facebook": {"appid": "42", "num_of_comments": 7, "colorscheme": "dark"},
        },
        (
            '<section class="fb-comments" data-colorscheme="dark" '
            'data-href="https://example.com/2024/01/02/hello/" data-mobile="true" '
            'data-num-posts="7" data-width="100%"></section>',
            '<div id="fb-root"></div>',
            '"https://connect.facebook.net/en_US/sdk.js#xfbml=1&version=v2.5" + "\\u0026appId=42"',
        ),
    ),
    CommentsCase(
        "facebook: Minimal Mistakes' defaults (5 comments, light)",
        {"provider": "facebook"},
        ('data-colorscheme="light"', 'data-num-posts="5"', '+ "";'),
    ),
    CommentsCase(
        "utterances: repository, issue_term and theme",
        {
            "provider": "utterances",
            "utterances": {"theme": "github-dark", "issue_term": "title", "label": "💬 comment"},
        },
        (
            '<div id="utterances-comments"></div>',
            'script.setAttribute("repo", "octo/site");',
            'script.setAttribute("issue-term", "title");',
            'script.setAttribute("theme", "github-dark");',
            # A JSON string: Jinja's tojson writes non-ASCII as \u escapes.
            'script.setAttribute("label", "\\ud83d\\udcac comment");',
        ),
        site={"repository": "octo/site"},
    ),
    CommentsCase(
        "utterances: Minimal Mistakes' defaults (pathname, github-light)",
        {"provider": "utterances"},
        ('"issue-term", "pathname"', '"theme", "github-light"'),
        site={"repository": "octo/site"},
    ),
    CommentsCase(
        "giscus: every setting Minimal Mistakes passes",
        {
            "provider": "giscus",
            "giscus": {
                "repo_id": "R_1",
                "category_name": "General",
                "category_id": "DIC_1",
                "discussion_term": "og:title",
                "reactions_enabled": "0",
                "theme": "dark_dimmed",
                "strict": 1,
                "input_position": "top",
                "emit_metadata": 1,
                "lang": "es",
                "lazy": True,
            },
        },
        (
            '<div id="giscus-comments"></div>',
            '"data-repo": "octo/site"',
            '"data-repo-id": "R_1"',
            '"data-category": "General"',
            '"data-category-id": "DIC_1"',
            '"data-mapping": "og:title"',
            '"data-strict": "1"',
            '"data-reactions-enabled": "0"',
            '"data-emit-metadata": "1"',
            '"data-input-position": "top"',
            '"data-theme": "dark_dimmed"',
            '"data-lang": "es"',
            'attributes["data-loading"] = "lazy";',
        ),
        site={"repository": "Octo/Site"},
    ),
    CommentsCase(
        "giscus: defaults (pathname, reactions on, light, bottom, en)",
        {
            "provider": "giscus",
            "giscus": {"repo_id": "R_1", "category_name": "General", "category_id": "DIC_1"},
        },
        (
            '"data-mapping": "pathname"',
            '"data-strict": "0"',
            '"data-reactions-enabled": "1"',
            '"data-emit-metadata": "0"',
            '"data-input-position": "bottom"',
            '"data-theme": "light"',
            '"data-lang": "en"',
        ),
        site={"repository": "octo/site"},
    ),
    CommentsCase(
        "staticman_v2: approved comments and a form posting to endpoint/repository/branch",
        {"provider": "staticman_v2", "staticman": {"branch": "main"}},
        (
            '<form action="https://staticman.example.org/v3/entry/github/octo/site/main/comments" '
            'class="page__comments-form js-form form" id="new_comment" method="post">',
            '<input name="options[slug]" type="hidden" value="hello"/>',
            '<input name="options[origin]" type="hidden" value="https://example.com/2024/01/02/hello/"/>',
            '<span itemprop="name">Ada</span>',
            "<p>First!</p>",
        ),
        site={
            "repository": "octo/site",
            "staticman": {"endpoint": "https://staticman.example.org/v3/entry/github/"},
        },
        files={
            "_data/comments/hello/entry1.yml": "name: Ada\nmessage: First!\ndate: 2024-01-03\n",
        },
    ),
    CommentsCase(
        "staticman: Minimal Mistakes' v1 endpoint and the top-level staticman.branch",
        {"provider": "staticman"},
        ('action="https://api.staticman.net/v1/entry/octo/site/gh-pages"',),
        site={"repository": "octo/site", "staticman": {"branch": "gh-pages"}},
    ),
    CommentsCase(
        "custom: the site's comments-providers/custom.html with the page",
        {"provider": "custom"},
        ('<div class="my-comments">Hello</div>',),
        files={
            "_includes/comments-providers/custom.html": (
                '<div class="my-comments">{{ page.title }}</div>\n'
            )
        },
    ),
]

POST = "---\ntitle: Hello\ncomments: true\n---\nHello.\n"


@pytest.mark.parametrize("case", COMMENTS_CASES, ids=lambda case: case.description)
def test_comments_widget_of_each_provider(build_site: BuildSite, case: CommentsCase) -> None:
    site = build_site(
        files={
            "docs/_posts/2024-01-02-hello.md": POST,
            "docs/_posts/2024-01-03-quiet.md": "---\ntitle: Quiet\n---\nNo comments.\n",
            "docs/about.md": "---\ntitle: About\ncomments: false\n---\nAbout.\n",
            **case.files,
        },
        plugins=_plugins({"comments": case.comments, **case.site}),
        strict=True,
    )
    container = html(site / "2024/01/02/hello/index.html").select("#comments")
    assert len(container) == 1
    assert container[0].get("class") == ["page__comments"]
    assert container[0]["data-jekyll-comments"] == case.comments["provider"]
    text = str(container[0])
    for fragment in case.expected:
        assert fragment in text, fragment
    # Only where `comments: true`.
    assert html(site / "2024/01/03/quiet/index.html").select("#comments") == []
    assert html(site / "about/index.html").select("#comments") == []


def test_comments_follow_front_matter_defaults(build_site: BuildSite) -> None:
    site = build_site(
        files={
            "docs/_posts/2024-01-02-hello.md": "---\ntitle: Hello\n---\nHello.\n",
            "docs/_posts/2024-01-03-off.md": '---\ntitle: "Off"\ncomments: false\n---\nOff.\n',
            "docs/about.md": "---\ntitle: About\n---\nAbout.\n",
        },
        plugins=_plugins(
            {"comments": {"provider": "disqus", "disqus": {"shortname": "s"}}},
            defaults=[
                *SINGLE,
                {"scope": {"path": "", "type": "posts"}, "values": {"comments": True}},
            ],
        ),
    )
    assert len(html(site / "2024/01/02/hello/index.html").select("#comments")) == 1
    assert html(site / "2024/01/03/off/index.html").select("#comments") == []
    assert html(site / "about/index.html").select("#comments") == []


def test_the_widget_script_is_held_until_consent_when_consent_is_on(build_site: BuildSite) -> None:
    site = build_site(
        files={"docs/_posts/2024-01-02-hello.md": POST},
        plugins=_plugins(
            {"comments": {"provider": "disqus", "disqus": {"shortname": "s"}}, "consent": True}
        ),
    )
    page = html(site / "2024/01/02/hello/index.html")
    container = page.select_one("#comments")
    assert container is not None
    # No script of the widget outside the held template.
    assert [s for s in container.find_all("script") if s.find_parent("template") is None] == []
    note = container.select_one('[data-jekyll-consent-note="comments"]')
    assert note is not None and note.has_attr("hidden")
    assert note.select_one('a[href="#__consent"]') is not None
    cookies = page.select("form[name=consent] input[type=checkbox][name]")
    assert [(c["name"], c.has_attr("checked")) for c in cookies] == [("comments", True)]


@dataclass(frozen=True)
class MissingCase:
    description: str
    site: dict[str, Any]
    keys: str


MISSING_CASES = [
    MissingCase(
        "disqus without shortname",
        {"comments": {"provider": "disqus"}},
        "'comments.disqus.shortname'",
    ),
    MissingCase(
        "giscus without its ids and repository",
        {"comments": {"provider": "giscus", "giscus": {"category_name": "General"}}},
        "'comments.giscus.repo_id', 'comments.giscus.category_id', 'repository'",
    ),
    MissingCase(
        "staticman_v2 without branch",
        {"comments": {"provider": "staticman_v2"}, "repository": "octo/site"},
        "'staticman.branch'",
    ),
]


@pytest.mark.parametrize("case", MISSING_CASES, ids=lambda case: case.description)
def test_a_provider_missing_its_settings_is_a_warning(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, case: MissingCase
) -> None:
    provider = case.site["comments"]["provider"]
    site = build_site(files={"docs/index.md": POST}, plugins=_plugins(case.site))
    assert html(site / "index.html").select("#comments") == []
    assert warning_lines(caplog) == [
        f"mkdocs_jekyll: {KEY}comments.provider: '{provider}' needs {case.keys} (Minimal "
        "Mistakes' _config.yml keys); no comments are printed until they are set."
    ]
    with pytest.raises(Abort, match=strict_abort(1)):
        build_site(files={"docs/index.md": POST}, plugins=_plugins(case.site), strict=True)


@pytest.mark.parametrize(
    ("site", "message"),
    [
        (
            {"comments": {"provider": "livefyre"}},
            "comments.provider: Expected one of 'disqus', 'discourse', 'facebook', "
            "'utterances', 'giscus', 'staticman', 'staticman_v2', 'custom', received 'livefyre'.",
        ),
        ({"comments": "giscus"}, "comments: Expected a mapping, received 'giscus'."),
        (
            {"analytics": {"provider": "matomo"}},
            "analytics.provider: Expected one of 'google', 'google-universal', 'google-gtag', "
            "'custom', received 'matomo'.",
        ),
        (
            {"head_scripts": [3]},
            "head_scripts: Expected a list of script URLs or site paths, received '[3]'.",
        ),
        (
            {"consent": {"actions": ["yes"]}},
            "consent.actions: Expected a list of 'accept', 'reject', 'manage', received '['yes']'.",
        ),
    ],
    ids=["unknown provider", "not a mapping", "unknown analytics", "scripts", "consent actions"],
)
def test_a_malformed_key_is_one_clean_error(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, site: dict[str, Any], message: str
) -> None:
    with pytest.raises(Abort, match=BUILD_ERROR):
        build_site(files={"docs/index.md": PAGE}, plugins=_plugins(site))
    assert error_lines(caplog)[-1] == f"{KEY}{message}"


# -----------------------------------------------------------------------------
# Consent
# -----------------------------------------------------------------------------


def test_consent_holds_back_the_google_tag_and_google_fonts(
    build_site: BuildSite, production: None
) -> None:
    site = build_site(
        files={"docs/index.md": PAGE},
        plugins=_plugins(
            {
                "analytics": {"provider": "google-gtag", "google": {"tracking_id": "G-ABC123"}},
                "consent": True,
            }
        ),
        strict=True,
    )
    page = _page(site)
    # Material's: the tag runs only once `__consent.analytics` is stored.
    assert (
        '<script>if("undefined"!=typeof __md_analytics){var consent=__md_get("__consent");'
        "consent&&consent.analytics&&__md_analytics()}</script>"
    ) in page
    assert "fonts.googleapis.com" not in page
    soup = html(site / "index.html")
    assert soup.select_one("#__consent h4").get_text() == "Cookie consent"
    assert [i["name"] for i in soup.select("form[name=consent] input[type=checkbox][name]")] == [
        "analytics"
    ]
    # Every src and href of the page stays on the site before consent.
    external = [
        tag.get("src") or tag.get("href")
        for tag in soup.select("script[src], link[href]")
        if re.match(r"https?://", tag.get("src") or tag.get("href") or "")
        and tag.get("rel") != ["canonical"]
        and tag.get("rel") != ["alternate"]
    ]
    assert external == []


def test_a_font_the_site_chose_is_kept_with_consent(build_site: BuildSite) -> None:
    site = build_site(
        files={"docs/index.md": PAGE},
        theme={"name": "material", "font": {"text": "Lato"}},
        plugins=_plugins({"consent": True}),
    )
    assert "family=Lato" in _page(site)


@pytest.mark.parametrize(
    ("path", "title", "comments"),
    [
        ("en/index.html", "Cookie consent", "Comments (giscus)"),
        ("es-419/index.html", "Consentimiento de cookies", "Comentarios (giscus)"),
        ("pt-br/index.html", "Consentimento de cookies", "Comentários (giscus)"),
    ],
)
def test_the_consent_banner_speaks_the_pages_language(
    build_site: BuildSite, path: str, title: str, comments: str
) -> None:
    home = "---\ntitle: Home\ncomments: true\n---\nHome.\n"
    site = build_site(
        files={"docs/en/index.md": home, "docs/es-419/index.md": home, "docs/pt-br/index.md": home},
        plugins=[
            "search",
            {"jekyll/i18n": {"languages": THREE_LOCALES}},
            {
                "jekyll": {
                    "defaults": SINGLE,
                    "site": {
                        "repository": "octo/site",
                        "consent": True,
                        "comments": {
                            "provider": "giscus",
                            "giscus": {"repo_id": "R", "category_name": "G", "category_id": "C"},
                        },
                    },
                }
            },
        ],
        strict=True,
    )
    soup = html(site / path)
    assert soup.select_one("#__consent h4").get_text() == title
    assert soup.select_one("form[name=consent] label.task-list-control").get_text().strip() == (
        comments
    )


def test_the_sites_own_consent_text_and_actions_win(build_site: BuildSite) -> None:
    site = build_site(
        files={"docs/index.md": PAGE},
        plugins=_plugins(
            {
                "consent": {
                    "title": "Cookies & you",
                    "description": "We <3 privacy.",
                    "actions": ["accept", "reject"],
                }
            }
        ),
    )
    soup = html(site / "index.html")
    consent = soup.select_one("#__consent")
    assert consent is not None
    assert consent.select_one("h4").get_text() == "Cookies & you"
    assert consent.select_one("p").get_text() == "We <3 privacy."
    assert "We &lt;3 privacy." in _page(site)
    assert [b.get_text() for b in consent.select("button")] == ["Accept", "Reject"]


# -----------------------------------------------------------------------------
# Scripts, feed, footer links, search, the rest
# -----------------------------------------------------------------------------


def test_head_and_footer_scripts_get_the_base_path(build_site: BuildSite) -> None:
    site = build_site(
        files={"docs/index.md": PAGE},
        site_url="https://example.com/repo/",
        plugins=_plugins(
            {
                "head_scripts": ["/assets/js/head.js", "https://cdn.example.org/lib.js"],
                "footer_scripts": ["/assets/js/main.min.js"],
                "after_footer_scripts": ["assets/js/late.js"],
            }
        ),
        strict=True,
    )
    soup = html(site / "index.html")
    head = [s["src"] for s in soup.head.select("script[src]")]
    assert head[-2:] == ["/repo/assets/js/head.js", "https://cdn.example.org/lib.js"]
    body = [s["src"] for s in soup.body.select("script[src]")]
    # After Material's bundle (its name changes with each Material release) and the
    # Minimal Mistakes look's menu script.
    assert re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", body[-4])
    assert body[-3] == "assets/mkdocs_jekyll/greedy-nav.js"
    assert body[-2:] == ["/repo/assets/js/main.min.js", "/repo/assets/js/late.js"]


def test_atom_feed_path_replaces_the_feed_link_and_hide_drops_it_from_the_footer(
    build_site: BuildSite,
) -> None:
    links = {
        "footer": {
            "links": [
                {"label": "GitHub", "icon": "fab fa-github", "url": "https://github.com/octo"}
            ]
        }
    }
    site = build_site(
        files={"docs/index.md": PAGE},
        plugins=_plugins(
            {**links, "atom_feed": {"path": "https://feeds.example.org/me"}}, look="material"
        ),
        strict=True,
    )
    soup = html(site / "index.html")
    assert [link["href"] for link in soup.select('link[type="application/atom+xml"]')] == [
        "https://feeds.example.org/me"
    ]
    footer = [(a["href"], a["title"]) for a in soup.select("footer .md-social a")]
    assert footer == [
        ("https://github.com/octo", "GitHub"),
        ("https://feeds.example.org/me", "Feed"),
    ]

    hidden = build_site(
        files={"docs/index.md": PAGE},
        plugins=_plugins({**links, "atom_feed": {"hide": True}}, look="material"),
    )
    soup = html(hidden / "index.html")
    assert [a["href"] for a in soup.select("footer .md-social a")] == ["https://github.com/octo"]
    assert [link["href"] for link in soup.select('link[type="application/atom+xml"]')] == [
        "https://example.com/feed.xml"
    ]


def test_footer_and_social_links_become_materials_footer_links(build_site: BuildSite) -> None:
    site = build_site(
        files={"docs/index.md": PAGE},
        site_url="https://example.com/repo/",
        plugins=_plugins(
            {
                "footer": {
                    "links": [
                        {
                            "label": "Twitter",
                            "icon": "fab fa-fw fa-twitter-square",
                            "url": "https://twitter.com/ada",
                        },
                        {"label": "No URL", "icon": "fas fa-link"},
                        {
                            "label": "Odd",
                            "icon": "fab fa-not-an-icon",
                            "url": "https://odd.example.org/?a=1&b=2",
                        },
                    ]
                },
                "social": {"links": ["https://github.com/ada", "https://twitter.com/ada"]},
            },
            look="material",
        ),
        strict=True,
    )
    soup = html(site / "index.html")
    footer = [(a["href"], a["title"]) for a in soup.select("footer .md-social a")]
    assert footer == [
        ("https://twitter.com/ada", "Twitter"),
        ("https://odd.example.org/?a=1&b=2", "Odd"),
        ("https://github.com/ada", "github.com"),
        ("/repo/feed.xml", "Feed"),
    ]
    assert 'href="https://odd.example.org/?a=1&amp;b=2"' in _page(site)


def test_the_sites_own_extra_social_wins(build_site: BuildSite) -> None:
    site = build_site(
        files={"docs/index.md": PAGE},
        extra={"social": [{"icon": "fontawesome/brands/github", "link": "https://github.com/me"}]},
        plugins=_plugins(
            {"footer": {"links": [{"label": "X", "url": "https://x.com/ada"}]}}, look="material"
        ),
    )
    assert [a["href"] for a in html(site / "index.html").select("footer .md-social a")] == [
        "https://github.com/me"
    ]


@pytest.mark.parametrize(
    ("site", "warning"),
    [
        (
            {"search_provider": "algolia", "algolia": {"application_id": "A"}},
            "search_provider: 'algolia' is not used (nor its 'algolia' settings): Material's "
            "built-in search (the 'search' plugin) replaces it.",
        ),
        (
            {"search_provider": "google", "google": {"search_engine_id": "x"}},
            "search_provider: 'google' is not used (nor its 'google' settings): Material's "
            "built-in search (the 'search' plugin) replaces it.",
        ),
        (
            {"search": False},
            "search: false is not used: the search is Material's 'search' plugin; remove it "
            "from plugins to have no search.",
        ),
        (
            {"compress_html": {"clippings": "all", "ignore": {"envs": "development"}}},
            "compress_html: not used: pages are written as Material renders them; the "
            "mkdocs-minify-plugin package compresses them.",
        ),
    ],
    ids=["algolia", "google", "no search", "compress_html"],
)
def test_a_key_with_no_equivalent_is_one_warning(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, site: dict[str, Any], warning: str
) -> None:
    # Three pages: the warning is the site's, not one per page.
    files = {"docs/index.md": PAGE, "docs/a.md": PAGE, "docs/b.md": PAGE}
    plugins = ["search", *_plugins(site)]
    built = build_site(files=files, plugins=plugins)
    assert (built / "search/search_index.json").is_file()
    assert warning_lines(caplog) == [f"mkdocs_jekyll: {KEY}{warning}"]
    with pytest.raises(Abort, match=strict_abort(1)):
        build_site(files=files, plugins=plugins, strict=True)


def test_lunr_search_is_materials_search_without_a_warning(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    build_site(
        files={"docs/index.md": PAGE},
        plugins=["search", *_plugins({"search": True, "search_provider": "lunr"})],
        strict=True,
    )
    assert warning_lines(caplog) == []


def test_copy_code_button_rtl_and_verifications(build_site: BuildSite) -> None:
    site = build_site(
        files={"docs/index.md": PAGE},
        plugins=_plugins(
            {
                "enable_copy_code_button": True,
                "rtl": True,
                "google_site_verification": "g-1",
                "bing_site_verification": "b-1",
                "naver_site_verification": "n-1",
            }
        ),
        strict=True,
    )
    page = _page(site)
    assert "content.code.copy" in _config_script(page)["features"]
    assert html(site / "index.html").body["dir"] == "rtl"
    meta = {
        tag["name"]: tag["content"]
        for tag in html(site / "index.html").select("meta[name][content]")
        if "verif" in tag["name"] or tag["name"] == "msvalidate.01"
    }
    assert meta == {
        "google-site-verification": "g-1",
        "msvalidate.01": "b-1",
        "naver-site-verification": "n-1",
    }


# -----------------------------------------------------------------------------
# A Minimal Mistakes _config.yml, as it is
# -----------------------------------------------------------------------------

MM_CONFIG = """
minimal_mistakes_skin    : "dark" # "air", "aqua", "contrast", "dark", "dirt", ...

# Site Settings
locale                   : "en-US"
title                    : "Ada's notes"
repository               : "ada/notes"
comments:
  provider               : "giscus" # false (default), "disqus", "discourse", ...
  disqus:
    shortname            :
  giscus:
    repo_id              : "R_kgDOAda" # Shown during giscus setup at https://giscus.app
    category_name        : "Comments" # Full text name of the category
    category_id          : "DIC_kwDOAda" # Shown during giscus setup at https://giscus.app
    discussion_term      : # "pathname" (default), "url", "title", "og:title"
    reactions_enabled    : # '1' for enabled (default), '0' for disabled
    theme                : "dark" # "light" (default), "dark", "dark_dimmed", ...
atom_feed:
  path                   : # blank (default) uses feed.xml
  hide                   : # true, false (default)
search                   : true # true, false (default)
search_full_content      : true # true, false (default)
search_provider          : lunr # lunr (default), algolia, google
og_image                 : "/images/site.png" # Open Graph/Twitter default site image
social:
  type                   : Person # Person or Organization (defaults to Person)
  name                   : Ada
  links: # An array of links to social media profiles
    - "https://github.com/ada"

# Analytics
analytics:
  provider               : "google-gtag" # false (default), "google", "custom", ...
  google:
    tracking_id          : "G-ADA12345"
    anonymize_ip         : # true, false (default)

# Cookie consent (Material's, worded in each page's language)
consent                  : true

# Site Footer
footer:
  links:
    - label: "Twitter"
      icon: "fab fa-fw fa-twitter-square"
      url: "https://twitter.com/ada"
    - label: "GitHub"
      icon: "fab fa-fw fa-github"
      url: "https://github.com/ada"
"""
"""Minimal Mistakes' ``_config.yml`` keys, formatted as its own file is."""

MM_PAGES = {
    "docs/index.md": "---\ntitle: Ada's notes\n---\nWelcome.\n",
    "docs/about.md": "---\ntitle: About\n---\nAbout me.\n",
    "docs/_posts/2024-01-02-hello.md": "---\ntitle: Hello\n---\nFirst post.\n",
    "docs/images/site.png": "png",  # MM_CONFIG's og_image: a missing one fails --strict
}
MM_DEFAULTS = [
    {"scope": {"path": ""}, "values": {"layout": "single", "author_profile": True}},
    {"scope": {"path": "", "type": "posts"}, "values": {"comments": True}},
]


def mm_plugins() -> list[Any]:
    """The plugins of a site whose ``site:`` is :data:`MM_CONFIG` as loaded from YAML."""
    return [
        "search",
        {
            "jekyll": {
                "defaults": MM_DEFAULTS,
                "author": {"name": "Ada"},
                "site": yaml.safe_load(MM_CONFIG),
            }
        },
    ]


def test_a_minimal_mistakes_config_under_site_works_without_a_template(
    build_site: BuildSite, production: None, caplog: pytest.LogCaptureFixture
) -> None:
    site = build_site(files=MM_PAGES, plugins=mm_plugins(), strict=True)
    assert warning_lines(caplog) == []
    post, about = html(site / "2024/01/02/hello/index.html"), html(site / "about/index.html")
    # The skin: Minimal Mistakes' dark is Material's slate scheme.
    assert post.body["data-md-color-scheme"] == "slate"
    # Analytics: the Google tag, held back until the visitor accepts analytics.
    text = _page(site, "2024/01/02/hello/index.html")
    assert 'e("config","G-ADA12345")' in text
    assert "consent&&consent.analytics&&__md_analytics()" in text
    # Consent: the banner, with analytics and comments to choose from.
    assert [i["name"] for i in post.select("form[name=consent] input[type=checkbox][name]")] == [
        "analytics",
        "comments",
    ]
    # Comments: giscus on the post only, held until consent.
    comments = post.select_one("#comments")
    assert comments is not None
    assert '"data-repo": "ada/notes"' in str(comments)
    assert '"data-theme": "dark"' in str(comments)
    assert about.select("#comments") == []
    # Footer links, then the social profiles not among them, then the feed (in the
    # Minimal Mistakes look that its layouts give the site: its footer's "Follow:" list).
    assert [a["href"] for a in post.select("footer.jekyll-footer .page__footer-follow a")] == [
        "https://twitter.com/ada",
        "https://github.com/ada",
        "/feed.xml",
    ]
    # og_image and the social profile, as jekyll-seo-tag prints them.
    assert post.select_one('meta[property="og:image"]')["content"] == (
        "https://example.com/images/site.png"
    )
    home = html(site / "index.html").select_one('script[type="application/ld+json"]')
    assert home is not None and json.loads(home.get_text())["sameAs"] == ["https://github.com/ada"]


# -----------------------------------------------------------------------------
# Reading the keys (no build)
# -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "icon"),
    [
        ("https://github.com/ada", "fontawesome/brands/github"),
        ("https://www.linkedin.com/in/ada", "fontawesome/brands/linkedin"),
        ("https://x.com/ada", "fontawesome/brands/x-twitter"),
        ("https://scholar.google.com/citations?user=1", "fontawesome/brands/google-scholar"),
        ("https://notgithub.com/ada", "fontawesome/solid/link"),
        ("https://ada.example.org/", "fontawesome/solid/link"),
    ],
)
def test_a_profile_url_gets_its_hosts_icon(url: str, icon: str) -> None:
    assert icon_for_url(url) == icon


def test_the_keys_minimal_mistakes_leaves_empty_are_no_feature() -> None:
    # Minimal Mistakes' _config.yml as shipped: every provider false or blank.
    features = read_site_features(
        yaml.safe_load(
            """
            comments: {provider: false, disqus: {shortname: null}}
            analytics: {provider: false, google: {tracking_id: null, anonymize_ip: null}}
            atom_feed: {path: null, hide: null}
            search: null
            search_provider: null
            footer: {links: [{label: Twitter, icon: "fab fa-fw fa-twitter-square"}]}
            """
        )
    )
    assert features == SiteFeatures()


def test_each_locales_footer_links_its_own_feed(build_site: BuildSite) -> None:
    home = "---\ntitle: Home\n---\nHome.\n"
    site = build_site(
        files={"docs/en/index.md": home, "docs/es-419/index.md": home, "docs/pt-br/index.md": home},
        plugins=[
            {"jekyll/i18n": {"languages": THREE_LOCALES}},
            {"jekyll": {"site": {"footer": {"links": [{"label": "X", "url": "https://x.com/a"}]}}}},
        ],
        strict=True,
    )
    for locale in ("en", "es-419", "pt-br"):
        soup = html(site / locale / "index.html")
        head = soup.select_one('link[type="application/atom+xml"]')
        assert head is not None and head["href"] == f"https://example.com/{locale}/feed.xml"
        assert [a["href"] for a in soup.select("footer .md-social a")] == [
            "https://x.com/a",
            f"/{locale}/feed.xml",
        ]


@pytest.mark.parametrize("look", ["material", "minimal-mistakes"])
def test_a_script_url_in_footer_or_social_links_is_left_out_with_one_warning(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, look: str
) -> None:
    files = {"docs/index.md": PAGE, "docs/a.md": PAGE}
    plugins = _plugins(
        {
            "footer": {
                "links": [
                    {"label": "Evil", "url": "javascript:alert(1)"},
                    {"label": "Good", "url": "https://example.org/"},
                ]
            },
            "social": {"links": ["JavaScript:alert(2)", "https://github.com/ada"]},
        },
        look=look,
    )
    site = build_site(files=files, plugins=plugins)
    for page in ("index.html", "a/index.html"):
        hrefs = [a["href"] for a in html(site / page).select("footer a[href]")]
        assert not [href for href in hrefs if "alert" in href]
        assert {"https://example.org/", "https://github.com/ada"} <= set(hrefs)
    refused = "refused the URL '{}': only http(s), mailto:, tel: and relative URLs are linked"
    assert warning_lines(caplog) == [
        f"mkdocs_jekyll: {KEY}social.links[0]: {refused.format('JavaScript:alert(2)')}; "
        "it is left out of the footer.",
        f"mkdocs_jekyll: {KEY}footer.links[0].url: {refused.format('javascript:alert(1)')}; "
        "it is left out.",
    ]
    with pytest.raises(Abort, match=strict_abort(2)):
        build_site(files=files, plugins=plugins, strict=True)
