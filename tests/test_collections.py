"""Posts and collections on real builds, per locale (Jekyll's features/post_url,
collections.feature and permalinks.feature for posts, with locale folders).
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from sitebuild import THREE_LOCALES, BuildSite, html, output_paths

LANGUAGES = THREE_LOCALES

FILES = {
    "docs/en/index.md": (
        "# Home\n"
        "<p id='posts'>{% for post in site.posts %}{{ post.url }};{% endfor %}</p>\n"
        "<p id='post-url'>{% post_url en/2024-01-02-hello %}</p>\n"
        "<p id='talks'>{{ site.talks | size }}|{{ site.categories.en | size }}</p>\n"
        "<p id='hidden'>{% for n in site.notes %}{{ n.title }}{% endfor %}</p>\n"
    ),
    "docs/en/_posts/2024-01-02-hello.md": "---\ntitle: Hello\ni18n_key: hello\n---\nHello\n",
    "docs/en/_posts/2023-05-06-older.md": "---\ntitle: Older\ntags: [ml]\n---\nOld\n",
    "docs/en/_posts/2999-01-01-future.md": "---\ntitle: Future\n---\nLater\n",
    "docs/en/_talks/keynote.md": "---\ntitle: Keynote\ni18n_key: keynote\n---\nTalk\n",
    "docs/en/_notes/private.md": "---\ntitle: Private note\n---\nNot built\n",
    "docs/es-419/index.md": "# Inicio\n",
    "docs/es-419/_posts/2024-01-02-hola.md": "---\ntitle: Hola\ni18n_key: hello\n---\nHola\n",
    "docs/es-419/_talks/charla.md": "---\ntitle: Charla\ni18n_key: keynote\n---\nCharla\n",
    "docs/pt-br/index.md": "# Início\n",
    "docs/pt-br/_posts/2024-01-02-ola.md": "---\ntitle: Olá\ni18n_key: hello\n---\nOlá\n",
}


def _plugins(**jekyll: Any) -> list[Any]:
    options = {"collections": {"talks": {"output": True}, "notes": {"output": False}}, **jekyll}
    return ["search", {"jekyll/i18n": {"languages": LANGUAGES}}, {"jekyll": options}]


def _text(site: Any, page: str, selector: str) -> str:
    node = html(site / page).select_one(selector)
    assert node is not None, selector
    return node.get_text()


def test_posts_and_collections_get_jekyll_urls_under_their_locale(build_site: BuildSite) -> None:
    site = build_site(files=FILES, plugins=_plugins(), strict=True)
    paths = output_paths(site)
    assert {
        "en/2024/01/02/hello/index.html",
        "en/2023/05/06/older/index.html",
        "es-419/2024/01/02/hola/index.html",
        "pt-br/2024/01/02/ola/index.html",
        "en/talks/keynote/index.html",
        "es-419/talks/charla/index.html",
    } <= paths
    # output: false collections and future posts are not written.
    assert not [p for p in paths if "private" in p or "future" in p]


def test_liquid_sees_posts_collections_and_post_url(build_site: BuildSite) -> None:
    site = build_site(files=FILES, plugins=_plugins())
    # site.posts: every locale's posts, newest first, then by path descending (Jekyll's
    # Document#<=> reversed), future ones left out.
    assert _text(site, "en/index.html", "#posts") == (
        "/pt-br/2024/01/02/ola/;/es-419/2024/01/02/hola/;/en/2024/01/02/hello/;"
        "/en/2023/05/06/older/;"
    )
    assert _text(site, "en/index.html", "#post-url") == "/en/2024/01/02/hello/"
    # site.talks holds both locales' talks; site.categories.en the English posts.
    assert _text(site, "en/index.html", "#talks") == "2|2"
    assert _text(site, "en/index.html", "#hidden") == "Private note"


def test_posts_and_collection_documents_pair_across_locales(build_site: BuildSite) -> None:
    site = build_site(files=FILES, plugins=_plugins())
    links = {
        a["hreflang"]: a["href"]
        for a in html(site / "en/2024/01/02/hello/index.html").select("a.md-select__link")
    }
    assert links == {
        "en": "/en/2024/01/02/hello/",
        "es-419": "/es-419/2024/01/02/hola/",
        "pt-BR": "/pt-br/2024/01/02/ola/",
    }
    talk = {
        a["hreflang"]: a["href"]
        for a in html(site / "es-419/talks/charla/index.html").select("a.md-select__link")
    }
    assert talk == {
        "en": "/en/talks/keynote/",
        "es-419": "/es-419/talks/charla/",
        "pt-BR": "/pt-br/",
    }


def test_future_posts_are_built_with_future_true(build_site: BuildSite) -> None:
    site = build_site(files=FILES, plugins=_plugins(future=True))
    assert (site / "en/2999/01/01/future/index.html").is_file()


def test_defaults_scoped_by_type_posts_apply_to_posts_only(build_site: BuildSite) -> None:
    defaults = [{"scope": {"path": "", "type": "posts"}, "values": {"permalink": "/blog/:title/"}}]
    files = {
        "docs/en/index.md": "# Home\n",
        "docs/en/_posts/2024-01-02-hello.md": "---\ntitle: Hello\n---\nHello\n",
    }
    site = build_site(files=files, plugins=_plugins(defaults=defaults))
    assert (site / "blog/hello/index.html").is_file()
    assert (site / "en/index.html").is_file()


def test_a_post_without_a_date_is_an_error(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    files = {"docs/en/index.md": "# Home\n", "docs/en/_posts/hello.md": "Hello\n"}
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(files=files, plugins=_plugins())
    assert (
        "en/_posts/hello.md: a post needs a date: name the file 'YYYY-MM-DD-title.md' or add "
        "'date: YYYY-MM-DD' to its front matter"
    ) in [r.getMessage() for r in caplog.records]
