"""Posts and collections on real builds, per locale (Jekyll's features/post_url,
collections.feature and permalinks.feature for posts, with locale folders).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from sitebuild import (
    BUILD_ERROR,
    JEKYLL,
    THREE_LOCALES,
    BuildSite,
    error_lines,
    html,
    jekyll_build,
    output_paths,
)

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
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(files=files, plugins=_plugins())
    assert error_lines(caplog) == [
        "en/_posts/hello.md: a post needs a date: name the file 'YYYY-MM-DD-title.md' or add "
        "'date: YYYY-MM-DD' to its front matter"
    ]


# Jekyll's post_url.rb on the same files (checked by test_post_url_names_match_jekyll): the
# folder-prefixed names match exactly; the bare `2024-01-02-hi` matches no name exactly, so
# Jekyll falls back to any post of that date and title with a deprecation warning and links
# the first by path: the English post, from the Spanish page too.
POST_URL_POSTS = {
    "en/_posts/2024-01-02-hi.md": "---\ntitle: Hi\n---\nHi\n",
    "es-419/_posts/2024-01-02-hi.md": "---\ntitle: Hola\n---\nHola\n",
    "es-419/_posts/2024-01-03-solo.md": "---\ntitle: Solo\n---\nSolo\n",
}
POST_URL_NAMES = {
    "en/2024-01-02-hi": "/en/2024/01/02/hi/",
    "es-419/2024-01-02-hi": "/es-419/2024/01/02/hi/",
    "2024-01-03-solo": "/es-419/2024/01/03/solo/",
}


def test_post_url_takes_a_folder_prefixed_name_and_a_bare_name_of_one_post(
    build_site: BuildSite,
) -> None:
    links = "".join(f"<p class='u'>{{% post_url {name} %}}</p>\n" for name in POST_URL_NAMES)
    files = {f"docs/{path}": text for path, text in POST_URL_POSTS.items()}
    files |= {
        "docs/en/index.md": f"# Home\n{links}",
        "docs/es-419/index.md": "# Inicio\n",
        "docs/pt-br/index.md": "# Início\n",
    }
    site = build_site(files=files, plugins=_plugins(), strict=True)
    links_built = [p.get_text() for p in html(site / "en/index.html").select("p.u")]
    assert links_built == list(POST_URL_NAMES.values())


@pytest.mark.parametrize("strict", [False, True], ids=["build", "strict build"])
def test_a_bare_post_url_name_of_posts_in_two_folders_is_an_error_naming_them(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture, strict: bool
) -> None:
    files = {f"docs/{path}": text for path, text in POST_URL_POSTS.items()}
    files |= {
        "docs/en/index.md": "# Home\n",
        "docs/es-419/index.md": "# Inicio\n\n{% post_url 2024-01-02-hi %}\n",
    }
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_site(files=files, plugins=_plugins(), strict=strict)
    assert error_lines(caplog) == [
        "es-419/index.md:3:4: post '2024-01-02-hi' in tag 'post_url' matches posts in several "
        "folders ('en/2024-01-02-hi', 'es-419/2024-01-02-hi'); name the folder, as in "
        "{% post_url en/2024-01-02-hi %}"
    ]


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_post_url_names_match_jekyll(tmp_path: Path) -> None:
    names = [*POST_URL_NAMES, "2024-01-02-hi"]
    page = "".join(f"{{% post_url {name} %}}\n" for name in names)
    site, log = jekyll_build(
        tmp_path / "src",
        {**POST_URL_POSTS, "page.html": f"---\npermalink: /page.html\n---\n{page}"},
        "permalink: pretty\n",
    )
    urls = (site / "page.html").read_text("utf-8").splitlines()
    assert urls == [*POST_URL_NAMES.values(), "/en/2024/01/02/hi/"]
    deprecated = re.findall(r"A call to '\{% post_url (\S+) %\}' did not match a post", log)
    assert deprecated == ["2024-01-03-solo", "2024-01-02-hi"]


def test_a_date_only_post_is_at_midnight_in_the_sites_timezone(build_site: BuildSite) -> None:
    # Jekyll 4.3.1 with `timezone: America/Bogota` on the same files printed
    # [2024-01-02T00:00:00-05:00] (Time.parse in ENV['TZ']); before, midnight UTC.
    site = build_site(
        files={
            "docs/_posts/2024-01-02-x.md": "---\ntitle: X\n---\nhi\n",
            "docs/index.md": "[{{ site.posts[0].date | date_to_xmlschema }}]\n",
        },
        plugins=[{"jekyll": {"timezone": "America/Bogota"}}],
    )
    assert "[2024-01-02T00:00:00-05:00]" in (site / "index.html").read_text("utf-8")
