"""The ``author:`` config of Minimal Mistakes and academicpages becomes one ``AuthorProfile``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest

from mkdocs_jekyll.features.author import (
    DEFAULT_ICON,
    AuthorLink,
    AuthorProfile,
    build_author_profile,
    icon_for_class,
)
from mkdocs_jekyll.jekyll.errors import ConfigError


def at_root(path: str) -> str:
    """Jekyll's relative_url for a site at the domain root."""
    return path


def under_repo(path: str) -> str:
    """Jekyll's relative_url for a project site at ``/repo/``."""
    return "/repo" + path


# -----------------------------------------------------------------------------
# Links


@dataclass(frozen=True)
class LinkCase:
    description: str
    author: Mapping[str, Any]
    expected: tuple[AuthorLink, ...]
    labels: Mapping[str, str] = field(default_factory=dict)


LINK_CASES = [
    LinkCase(
        "minimal mistakes links keep label and url, icon mapped",
        {
            "name": "A",
            "links": [
                {
                    "label": "Email",
                    "icon": "fas fa-fw fa-envelope-square",
                    "url": "mailto:a@example.com",
                },
                {"label": "GitHub", "icon": "fab fa-fw fa-github", "url": "https://github.com/a"},
            ],
        },
        (
            AuthorLink("Email", "mailto:a@example.com", "fontawesome/solid/envelope-square"),
            AuthorLink("GitHub", "https://github.com/a", "fontawesome/brands/github"),
        ),
    ),
    LinkCase(
        "minimal mistakes links without url or label are skipped, as its template does",
        {
            "name": "A",
            "links": [
                {"label": "Website", "icon": "fas fa-fw fa-link"},
                {"icon": "fas fa-link", "url": "https://x.example/"},
                {"label": "Kept", "url": "https://kept.example/"},
            ],
        },
        (AuthorLink("Kept", "https://kept.example/", DEFAULT_ICON),),
    ),
    LinkCase(
        "academicpages flat keys follow its URL patterns",
        {
            "name": "A",
            "email": "a@example.com",
            "github": "octocat",
            "linkedin": "ada-l",
            "twitter": "@ada",
            "orcid": "0000-0002-1825-0097",
            "stackoverflow": 123456,
            "keybase": "ada",
            "gitlab": "ada",
            "kaggle": "ada",
            "bluesky": "ada.bsky.social",
            "youtube": "@adachannel",
        },
        (
            AuthorLink("Email", "mailto:a@example.com", "fontawesome/solid/envelope"),
            AuthorLink("Keybase", "https://keybase.io/ada", "fontawesome/brands/keybase"),
            AuthorLink(
                "ORCID", "https://orcid.org/0000-0002-1825-0097", "fontawesome/brands/orcid"
            ),
            AuthorLink("GitHub", "https://github.com/octocat", "fontawesome/brands/github"),
            AuthorLink("GitLab", "https://gitlab.com/ada", "fontawesome/brands/gitlab"),
            AuthorLink(
                "Stack Overflow",
                "https://stackoverflow.com/users/123456",
                "fontawesome/brands/stack-overflow",
            ),
            AuthorLink("Kaggle", "https://www.kaggle.com/ada", "fontawesome/brands/kaggle"),
            AuthorLink(
                "LinkedIn", "https://www.linkedin.com/in/ada-l", "fontawesome/brands/linkedin"
            ),
            AuthorLink("Twitter", "https://twitter.com/ada", "fontawesome/brands/twitter"),
            AuthorLink(
                "Bluesky", "https://bsky.app/profile/ada.bsky.social", "fontawesome/brands/bluesky"
            ),
            AuthorLink(
                "YouTube", "https://www.youtube.com/@adachannel", "fontawesome/brands/youtube"
            ),
        ),
    ),
    LinkCase(
        "academicpages full URLs are kept as they are",
        {
            "name": "A",
            "uri": "https://ada.example/",
            "googlescholar": "https://scholar.google.com/citations?user=abc&hl=en",
            "orcid": "https://orcid.org/0000-0002-1825-0097",
            "researchgate": "https://www.researchgate.net/profile/Ada",
            "pubmed": "https://pubmed.ncbi.nlm.nih.gov/?term=Ada",
            "mastodon": "https://mastodon.social/@ada",
        },
        (
            AuthorLink("Website", "https://ada.example/", "fontawesome/solid/link"),
            AuthorLink(
                "Google Scholar",
                "https://scholar.google.com/citations?user=abc&hl=en",
                "fontawesome/brands/google-scholar",
            ),
            AuthorLink(
                "ORCID", "https://orcid.org/0000-0002-1825-0097", "fontawesome/brands/orcid"
            ),
            AuthorLink(
                "ResearchGate",
                "https://www.researchgate.net/profile/Ada",
                "fontawesome/brands/researchgate",
            ),
            AuthorLink("PubMed", "https://pubmed.ncbi.nlm.nih.gov/?term=Ada", "simple/pubmed"),
            AuthorLink("Mastodon", "https://mastodon.social/@ada", "fontawesome/brands/mastodon"),
        ),
    ),
    LinkCase(
        "a mastodon handle becomes the profile URL",
        {"name": "A", "mastodon": "@ada@hachyderm.io"},
        (AuthorLink("Mastodon", "https://hachyderm.io/@ada", "fontawesome/brands/mastodon"),),
    ),
    LinkCase(
        "both styles: links first, then flat keys, same URL listed once",
        {
            "name": "A",
            "links": [{"label": "Code", "icon": "fab fa-github", "url": "https://github.com/a"}],
            "github": "a",
            "email": "a@example.com",
        },
        (
            AuthorLink("Code", "https://github.com/a", "fontawesome/brands/github"),
            AuthorLink("Email", "mailto:a@example.com", "fontawesome/solid/envelope"),
        ),
    ),
    LinkCase(
        "labels of flat keys can be localized",
        {"name": "A", "email": "a@example.com", "uri": "https://a.example/"},
        (
            AuthorLink("Sitio web", "https://a.example/", "fontawesome/solid/link"),
            AuthorLink("Correo", "mailto:a@example.com", "fontawesome/solid/envelope"),
        ),
        labels={"email": "Correo", "uri": "Sitio web"},
    ),
    LinkCase(
        "empty and null values add no link",
        {"name": "A", "email": "", "github": None, "links": []},
        (),
    ),
]


@pytest.mark.parametrize("case", LINK_CASES, ids=lambda case: case.description)
def test_links(case: LinkCase) -> None:
    profile = build_author_profile(case.author, relative_url=at_root, labels=case.labels)
    assert profile is not None
    assert profile.links == case.expected


# -----------------------------------------------------------------------------
# Avatar


@dataclass(frozen=True)
class AvatarCase:
    description: str
    avatar: str | None
    relative_url: Callable[[str], str]
    expected: str | None


AVATAR_CASES = [
    AvatarCase("academicpages bare file name lives in /images/", "me.png", at_root,
               "/images/me.png"),
    AvatarCase("bare file name under a base path", "me.png", under_repo, "/repo/images/me.png"),
    AvatarCase("minimal mistakes site path gets relative_url", "/assets/images/me.jpg",
               under_repo, "/repo/assets/images/me.jpg"),
    AvatarCase("path without leading slash is site-relative", "assets/me.jpg", under_repo,
               "/repo/assets/me.jpg"),
    AvatarCase("absolute URL is kept", "https://cdn.example/me.png", under_repo,
               "https://cdn.example/me.png"),
    AvatarCase("protocol-relative URL is kept", "//cdn.example/me.png", under_repo,
               "//cdn.example/me.png"),
    AvatarCase("no avatar", None, under_repo, None),
    AvatarCase("empty avatar", "  ", under_repo, None),
]  # fmt: skip


@pytest.mark.parametrize("case", AVATAR_CASES, ids=lambda case: case.description)
def test_avatar(case: AvatarCase) -> None:
    profile = build_author_profile(
        {"name": "A", "avatar": case.avatar}, relative_url=case.relative_url
    )
    assert profile is not None
    assert profile.avatar == case.expected


# -----------------------------------------------------------------------------
# Whole profile, missing author, errors


def test_academicpages_profile_is_read_whole() -> None:
    author = {
        "name": " Ada Lovelace ",
        "avatar": "profile.png",
        "bio": "Engineer & writer",
        "location": "London",
        "employer": "Analytical Engines Ltd",
        "pronouns": "she/her",
        "home": "/about/",
        "github": "ada",
    }
    assert build_author_profile(author, relative_url=under_repo) == AuthorProfile(
        name="Ada Lovelace",
        avatar="/repo/images/profile.png",
        bio="Engineer & writer",
        location="London",
        employer="Analytical Engines Ltd",
        links=(AuthorLink("GitHub", "https://github.com/ada", "fontawesome/brands/github"),),
        # Minimal Mistakes prints `author.home | absolute_url`: the base path is added.
        home="/repo/about/",
        pronouns="she/her",
    )


@pytest.mark.parametrize(
    "author",
    [None, {}, {"name": ""}, {"name": None, "bio": "x"}],
    ids=["no author", "empty mapping", "empty name", "null name"],
)
def test_no_name_means_no_profile(author: Mapping[str, Any] | None) -> None:
    assert build_author_profile(author, relative_url=at_root) is None


@dataclass(frozen=True)
class ErrorCase:
    description: str
    author: Any
    message: str


ERROR_CASES = [
    ErrorCase("author is not a mapping", "Ada",
              "mkdocs.yml: author: Expected a mapping, received 'Ada'"),
    ErrorCase("links is not a list", {"name": "A", "links": "https://x"},
              "mkdocs.yml: author.links: Expected a list of {label, icon, url}, "
              "received 'https://x'"),
    ErrorCase("a link is not a mapping", {"name": "A", "links": [{"label": "x", "url": "y"}, 3]},
              "mkdocs.yml: author.links[1]: Expected a mapping with 'label', 'icon' and 'url', "
              "received '3'"),
    ErrorCase("a text key holds a list", {"name": "A", "bio": ["a", "b"]},
              "mkdocs.yml: author.bio: Expected text, received '['a', 'b']'"),
]  # fmt: skip


@pytest.mark.parametrize("case", ERROR_CASES, ids=lambda case: case.description)
def test_errors(case: ErrorCase) -> None:
    with pytest.raises(ConfigError) as info:
        build_author_profile(case.author, relative_url=at_root)
    assert str(info.value) == case.message


def test_error_names_the_source_file() -> None:
    with pytest.raises(ConfigError) as info:
        build_author_profile({"name": "A", "links": {}}, relative_url=at_root, source="_config.yml")
    assert str(info.value) == (
        "_config.yml: author.links: Expected a list of {label, icon, url}, received '{}'"
    )


# -----------------------------------------------------------------------------
# Icons


@dataclass(frozen=True)
class IconCase:
    description: str
    css_class: str | None
    expected: str


ICON_CASES = [
    IconCase("brands with fixed width", "fab fa-fw fa-github", "fontawesome/brands/github"),
    IconCase("solid", "fas fa-envelope", "fontawesome/solid/envelope"),
    IconCase("font awesome 6 style names", "fa-brands fa-linkedin", "fontawesome/brands/linkedin"),
    IconCase("regular", "far fa-fw fa-envelope", "fontawesome/regular/envelope"),
    IconCase("font awesome 4 brand without style", "fa fa-twitter", "fontawesome/brands/twitter"),
    IconCase("font awesome 4 glyph without style", "fa fa-link", "fontawesome/solid/link"),
    IconCase("modifiers are skipped", "fas fa-lg fa-2x fa-spin fa-rss", "fontawesome/solid/rss"),
    IconCase("academicons google scholar", "ai ai-google-scholar",
             "fontawesome/brands/google-scholar"),
    IconCase("academicons pubmed", "ai ai-pubmed-square ai-pubmed", "simple/pubmed"),
    IconCase("a material icon path is kept", "material/email", "material/email"),
    IconCase("svg suffix is dropped", "simple/orcid.svg", "simple/orcid"),
    IconCase("no icon", None, DEFAULT_ICON),
    IconCase("blank icon", "  ", DEFAULT_ICON),
    IconCase("unknown class", "icon-github", DEFAULT_ICON),
    IconCase("only modifiers", "fas fa-fw", DEFAULT_ICON),
]  # fmt: skip


@pytest.mark.parametrize("case", ICON_CASES, ids=lambda case: case.description)
def test_icon_for_class(case: IconCase) -> None:
    assert icon_for_class(case.css_class) == case.expected
