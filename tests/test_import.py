"""``mkdocs-jekyll import``: Jekyll sites of our own, built by Debian's Jekyll 4.3, imported,
built with ``mkdocs build --strict``, and compared URL by URL with Jekyll's output.

Each site is small (a few seconds per test) and exercises one family: academicpages with
three locales and a base path, Minimal Mistakes on one locale at the root.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from mkdocs.exceptions import Abort
from parity import differences

from mkdocs_jekyll.cli.main import cli
from sitebuild import JEKYLL, build_project, html, jekyll_build, warning_lines

needs_jekyll = pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")

# A theme of our own in Jekyll: the page's lang on <html>, the content in <main>, and a
# call-to-action include after it that the import must keep (overrides/main.html).
LAYOUTS = {
    "_layouts/default.html": (
        "<!doctype html>\n"
        "<html lang=\"{{ page.lang | default: site.lang | default: 'en' }}\">"
        "<head><title>{{ page.title }}</title></head>\n"
        "<body>{{ content }}</body></html>\n"
    ),
    "_layouts/single.html": (
        "---\nlayout: default\n---\n<main>{{ content }}</main>\n{% include cta.html %}\n"
    ),
    "_layouts/talk.html": "---\nlayout: single\n---\n{{ content }}\n",
    "_layouts/newsletter.html": (
        "---\nlayout: single\n---\n<h2>Our newsletter</h2>\n{{ content }}\n{% include cta.html %}\n"
    ),
    "_includes/cta.html": (
        '<aside class="cta">Subscribe to {{ site.title }} ({{ page.title }})</aside>\n'
    ),
    "_includes/person.html": "<b>{{ include.who }}</b>",
    "_sass/_theme.scss": "$x: 1;\n",
    "assets/css/main.scss": "---\n---\nbody { color: red; }\n",
}


def page(front: str, body: str = "Text.") -> str:
    """A content file: front matter lines, then the body."""
    return f"---\n{front.strip()}\n---\n{body}\n"


ACADEMIC_CONFIG = """\
title: Ana's lab
description: Research
url: https://ana.example.org
baseurl: /lab
lang: en
supported_locales: [en, es-419, pt-br]
permalink: /:categories/:title/
plugins: [jekyll-redirect-from, jekyll-feed]
include: [_pages]
exclude: [notes.txt, drafts-folder]
author:
  name: Ana
  email:
  github: ana
collections:
  talks:
    output: true
    permalink: /:collection/:path/
defaults:
  - scope: {path: ""}
    values: {layout: single}
  - scope: {path: "_pages"}
    values: {author_profile: true}
  - scope: {path: "es-419"}
    values: {lang: es-419}
  - scope: {path: "", type: talks}
    values: {layout: talk}
"""

ACADEMIC_FILES = {
    **LAYOUTS,
    "_data/language_labels.yml": "en: English\nes-419: Español (Latinoamérica)\n",
    "_data/people.yml": "lead: Ana\n",
    # A root x-default chooser and the locales' homes.
    "index.md": page(
        "title: Welcome\nlang: x-default\ni18n_key: home\nlayout: default",
        '[English]({{ "/en/" | relative_url }}) [Español]({{ "/es-419/" | relative_url }})',
    ),
    "_pages/home-en.md": page(
        "title: Home\npermalink: /en/\ni18n_key: home",
        "Lead: {{ site.data.people.lead }}. {% include person.html who='Ana' %}\n\n"
        '[CV]({{ "/en/cv/" | relative_url }}) [talk]({{ "/talks/jan/" | relative_url }})',
    ),
    "_pages/cv.md": page(
        "title: CV\npermalink: /en/cv/\ni18n_key: cv\nredirect_from: [/resume/]",
        '[home]({{ "/en/" | relative_url }})',
    ),
    "_pages/es-419/inicio.md": page(
        "title: Inicio\npermalink: /es-419/\nlang: es-419\ni18n_key: home",
        '[CV]({{ "/es-419/cv/" | relative_url }})',
    ),
    "_pages/es-419/cv.md": page(
        "title: Currículum\npermalink: /es-419/cv/\nlang: es-419\ni18n_key: cv"
    ),
    "pt-br/index.md": page(
        "title: Início\nlang: pt-br\ni18n_key: home", "{% include_relative parts/bio.md %}"
    ),
    # Markdown without front matter: Jekyll copies it as it is; include_relative reads it.
    "pt-br/parts/bio.md": "Somos um laboratório.\n",
    "pt-br/sobre.html": page(
        "title: Sobre\nlang: pt-br",
        '<p><a href="{{ "/pt-br/" | relative_url }}">início</a></p>',
    ),
    # A root newsletter (default locale) next to the locale's own: they must not collide.
    "newsletter/index.md": page("title: Newsletter\nlayout: newsletter"),
    "en/newsletter/index.md": page("title: Newsletter (en)\nlayout: newsletter"),
    # A page that only redirects, with a layout of the site's own (academicpages forks).
    "_layouts/redirect.html": (
        '<meta http-equiv="refresh" content="0; url={{ page.redirect.to }}">\n'
    ),
    "old-lab.md": page(
        "title: Moved\nlayout: redirect\nredirect_to: https://ana.example.org/lab/en/"
    ),
    # A page in no configured locale stays at the root with its own lang.
    "fr/bonjour.md": page("title: Bonjour\nlang: fr"),
    # Posts at the root and in a locale folder; a talk.
    "_posts/2024-01-05-hello.md": page(
        "title: Hello\ncategories: [news]\nredirect_from: /old-hello/", "Hi."
    ),
    "_posts/2024-02-01-second.md": page("title: Second", "[cv]({{ '/en/cv/' | relative_url }})"),
    "es-419/_posts/2024-03-01-hola.md": page("title: Hola", "Hola."),
    "_talks/jan.md": page("title: January talk", "Talk."),
    # Static files Jekyll publishes, and some it does not.
    "images/ana.png": "png",
    "files/paper.pdf": "pdf",
    "CNAME": "ana.example.org\n",
    "robots.txt": "User-agent: *\n",
    "favicon.ico": "ico",
    "notes.txt": "private\n",
    "drafts-folder/x.md": page("title: X"),
    "Gemfile": 'source "https://rubygems.org"\n',
    "node_modules/x/index.js": "x",
    ".git-keep": "",
    "backup.md~": "old",
}


def run_import(src: Path, dest: Path, *args: str) -> str:
    """Run ``mkdocs-jekyll import``; return its output (it must succeed)."""
    done = CliRunner().invoke(cli, ["import", str(src), str(dest), *args])
    assert done.exit_code == 0, done.output
    return done.output


def source_digest(root: Path) -> str:
    """A hash of every file below ``root`` (paths and bytes), to prove it is unchanged."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(path.relative_to(root).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@needs_jekyll
def test_an_academicpages_site_in_three_locales_keeps_every_url(tmp_path: Path) -> None:
    jekyll_site, _log = jekyll_build(tmp_path / "src", ACADEMIC_FILES, ACADEMIC_CONFIG)
    before = source_digest(tmp_path / "src")
    output = run_import(tmp_path / "src", tmp_path / "project")
    assert source_digest(tmp_path / "src") == before
    site = build_project(tmp_path / "project", strict=True)
    problems = differences(
        jekyll_site,
        site,
        base="/lab/",
        allowed_missing=frozenset({"/pt-br/parts/bio.md"}),
    )
    assert problems == []
    assert "Somos um laboratório." in html(site / "pt-br/index.html").select_one("article").text
    docs = tmp_path / "project" / "docs"
    # Pages went to their locale's folder; posts and the talk stayed where Jekyll reads them.
    assert (docs / "en/cv.md").is_file()
    assert (docs / "es-419/inicio.md").is_file()
    assert (docs / "pt-br/sobre.html").is_file()
    assert (docs / "index.md").is_file()
    assert (docs / "fr/bonjour.md").is_file()
    assert (docs / "_posts/2024-01-05-hello.md").is_file()
    assert (docs / "es-419/_posts/2024-03-01-hola.md").is_file()
    assert (docs / "_talks/jan.md").is_file()
    # The root newsletter moved into en/ beside en/newsletter/, keeping its URL.
    assert (docs / "en/newsletter/index-2.md").read_text("utf-8") == page(
        "title: Newsletter\nlayout: newsletter\npermalink: /newsletter/"
    )
    # Files Jekyll does not publish are not copied.
    for left_out in ("notes.txt", "drafts-folder", "Gemfile", "node_modules", "backup.md~"):
        assert not (docs / left_out).exists()
    # The call-to-action box of `single` is on every page whose layout chain has it.
    cta = html(site / "en/cv/index.html").select("aside.cta")
    assert [node.get_text() for node in cta] == ["Subscribe to Ana's lab (CV)"]
    assert html(site / "talks/jan/index.html").select("aside.cta")
    assert not html(site / "index.html").select("aside.cta")
    # mkdocs.yml: languages with the site's labels, author trimmed, other keys under site:.
    config = yaml.safe_load((tmp_path / "project/mkdocs.yml").read_text("utf-8"))
    assert config["site_url"] == "https://ana.example.org/lab/"
    i18n = config["plugins"][1]["jekyll/i18n"]["languages"]
    assert [(x["locale"], x["name"], x["default"]) for x in i18n] == [
        ("en", "English", True),
        ("es-419", "Español (Latinoamérica)", False),
        ("pt-br", "Português", False),
    ]
    jekyll = config["plugins"][2]["jekyll"]
    assert jekyll["author"] == {"name": "Ana", "github": "ana"}
    assert jekyll["site"]["supported_locales"] == ["en", "es-419", "pt-br"]
    summary = (tmp_path / "project/IMPORT.md").read_text("utf-8")
    counts = summary[summary.index("## Counts") : summary.index("## Pages moved")]
    assert counts in output
    assert "## Pages moved" not in output
    assert "- pages in es-419: 2" in summary
    assert "- notes.txt: listed in exclude" in summary
    assert "- _sass/_theme.scss: Material's styles (Sass is not compiled)" in summary
    assert "- _layouts/newsletter.html:4: markup not placed: <h2>Our newsletter</h2>" in summary
    assert (
        "- _layouts/redirect.html: the jekyll plugin's redirect stubs (overrides/jekyll/"
        "redirect.html to change them)" in summary
    )


MM_CONFIG = """\
title: Cooking notes
search: true
compress_html:
  clippings: all
analytics:
  provider: google-universal
  google:
    tracking_id: UA-0000-1
    anonymize_ip: false
kramdown:
  auto_ids: true
  toc_levels: 1..3
url: https://cook.example.com
locale: en-US
minimal_mistakes_skin: mint
permalink: /:categories/:title/
paginate: 2
paginate_path: /page:num/
plugins: [jekyll-paginate, jekyll-feed, jekyll-sitemap, jekyll-redirect-from]
include: [_pages, .well-known]
footer:
  links:
    - {label: GitHub, url: "https://github.com/cook"}
collections:
  recipes:
    output: true
  secrets:
    output: false
defaults:
  - scope: {path: ""}
    values: {layout: single, lang: en-US}
  - scope: {path: "", type: posts}
    values: {layout: single, share: true}
  - scope: {path: "_pages"}
    values: {layout: splash}
"""

MM_FILES = {
    **LAYOUTS,
    "_layouts/default.html": (
        "<!doctype html>\n"
        "<html lang=\"{{ page.lang | default: site.lang | default: 'en' }}\">"
        "<head><title>{{ page.title }}</title>{% include head/custom.html %}</head>\n"
        "<body>{{ content }}{% include footer/custom.html %}</body></html>\n"
    ),
    "_layouts/splash.html": "---\nlayout: default\n---\n<main>{{ content }}</main>\n",
    "_includes/head/custom.html": '<meta name="cook" content="yes">\n',
    "_includes/footer/custom.html": "<!-- start custom footer snippets -->\n",
    "_plugins/shout.rb": "module Jekyll; end\n",
    "_data/navigation.yml": "main:\n  - title: About\n    url: /about/\n",
    # The blog index jekyll-paginate fills, at the root (paginate_path /page:num/).
    "index.html": page(
        "title: Home\nlayout: default",
        "<main>{% for post in paginator.posts %}"
        '<a href="{{ post.url | relative_url }}">{{ post.title }}</a>{% endfor %}'
        '{% if paginator.next_page %}<a href="{{ paginator.next_page_path | relative_url }}">'
        "next</a>{% endif %}</main>",
    ),
    "_pages/about.md": page(
        "title: About\npermalink: /about/\nredirect_from: [/about-me/, /bio.html]",
        '[recipes]({{ "/recipes/soup/" | relative_url }}) {% include person.html who="cook" %}',
    ),
    "_layouts/categories.html": (
        "---\nlayout: default\n---\n<main>{{ content }}{% for category in site.categories %}"
        '<h2 id="{{ category[0] | slugify }}">{{ category[0] }}</h2>'
        '{% for post in category[1] %}<a href="{{ post.url | relative_url }}">{{ post.title }}'
        "</a>{% endfor %}{% endfor %}</main>\n"
    ),
    "_pages/category-archive.md": page(
        "title: Posts by category\nlayout: categories\npermalink: /categories/"
    ),
    "_pages/archive.html": page(
        "title: Archive\npermalink: /archive/",
        '{% for post in site.posts %}<a href="{{ post.url }}">{{ post.title }}</a>{% endfor %}',
    ),
    "search.json": page(
        "layout: null",
        '[{% for post in site.posts %}"{{ post.url }}"{% unless forloop.last %},'
        "{% endunless %}{% endfor %}]",
    ),
    "_posts/2023-05-01-bread.md": page("title: Bread\ncategories: [baking]", "Flour."),
    "_posts/2023-06-01-cake.md": page("title: Cake\ncategories: baking", "Sugar."),
    "_posts/2023-07-01-soup.md": page("title: Soup", "[about](/about/)"),
    "_posts/notes.md": page("title: Not a post"),
    "_drafts/pie.md": page("title: Pie"),
    "_recipes/soup.md": page("title: Soup recipe", "Water."),
    "_recipes/img/soup.jpg": "jpg",
    "_secrets/sauce.md": page("title: Sauce"),
    ".well-known/security.txt": "Contact: mailto:cook@example.com\n",
    ".htaccess": "Deny from none\n",
    "assets/js/app.js": "console.log(1)\n",
    "README.md": "# Cooking notes\n",
    "vendor/bundle/x.rb": "x",
}


@needs_jekyll
def test_a_minimal_mistakes_site_on_one_locale_keeps_every_url(tmp_path: Path) -> None:
    jekyll_site, _log = jekyll_build(tmp_path / "src", MM_FILES, MM_CONFIG)
    run_import(tmp_path / "src", tmp_path / "project")
    site = build_project(tmp_path / "project", strict=True)
    problems = differences(
        jekyll_site,
        site,
        allowed_missing=frozenset({"/README.md"}),
    )
    assert problems == []
    docs = tmp_path / "project" / "docs"
    # One locale: no locale folders, every file where Jekyll read it.
    assert (docs / "_pages/about.md").is_file()
    assert (docs / "index.html").is_file()
    assert (docs / ".well-known/security.txt").is_file()
    assert (site / "page2/index.html").is_file()
    # head/custom.html is kept in the head; the empty footer hook is not.
    assert html(site / "about/index.html").select('head meta[name="cook"]')
    summary = (tmp_path / "project/IMPORT.md").read_text("utf-8")
    assert (
        "- README.md: Markdown without front matter, which Jekyll publishes as it is "
        "(/README.md) and MkDocs would build as a page; copied but not published "
        "(exclude_docs), so include_relative still reads it (add front matter to make it a "
        "page)"
    ) in summary
    assert "- _plugins/shout.rb: a Ruby plugin; whatever it generated is not built" in summary
    assert "- _posts/notes.md: in _posts without a YYYY-MM-DD- name" in summary
    assert "- _secrets/sauce.md: a file of collection 'secrets', which has no output" not in summary
    config = yaml.safe_load((tmp_path / "project/mkdocs.yml").read_text("utf-8"))
    jekyll = config["plugins"][-1]["jekyll"]
    assert jekyll["minimal_mistakes_skin"] == "mint"
    assert jekyll["markdown_kramdown"] == {"auto_ids": True, "toc_levels": "1..3"}
    # Minimal Mistakes' stock settings the look would warn about are settled by the import.
    assert "compress_html" not in jekyll["site"]
    assert jekyll["site"]["analytics"] == {
        "provider": "google-gtag",
        "google": {"tracking_id": "UA-0000-1"},
    }
    assert (
        "- _config.yml compress_html: left out; pages are written as Material renders them "
        "(the mkdocs-minify-plugin package compresses them)"
    ) in summary
    assert jekyll["site"]["footer"] == {
        "links": [{"label": "GitHub", "url": "https://github.com/cook"}]
    }
    assert config["exclude_docs"] == "!/.well-known/security.txt\n/README.md\n"
    assert (docs / "README.md").is_file()


def write(root: Path, files: dict[str, str]) -> None:
    """Write ``files`` (path -> text) below ``root``."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_non_empty_dest_is_refused_unless_forced(tmp_path: Path) -> None:
    write(tmp_path / "src", {"_config.yml": "title: T\n", "about.md": page("title: About")})
    write(tmp_path / "dest", {"keep.txt": "mine"})
    done = CliRunner().invoke(cli, ["import", str(tmp_path / "src"), str(tmp_path / "dest")])
    assert done.exit_code == 1
    assert done.output == (
        f"Error: {tmp_path / 'dest'}: not empty; use --force to write into it anyway\n"
    )
    assert sorted(p.name for p in (tmp_path / "dest").iterdir()) == ["keep.txt"]
    # --force writes the project, replacing an earlier import's docs/ but nothing else.
    write(tmp_path / "dest", {"docs/stale.md": page("title: Stale")})
    run_import(tmp_path / "src", tmp_path / "dest", "--force")
    assert (tmp_path / "dest/keep.txt").read_text("utf-8") == "mine"
    assert not (tmp_path / "dest/docs/stale.md").exists()
    assert (tmp_path / "dest/docs/about.md").is_file()


def test_dest_inside_the_source_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "src", {"_config.yml": "title: T\n"})
    dest = tmp_path / "src" / "mkdocs"
    done = CliRunner().invoke(cli, ["import", str(tmp_path / "src"), str(dest)])
    assert done.exit_code == 1
    assert done.output == (
        f"Error: {dest}: DEST and JEKYLL_SRC overlap; the import never writes into the "
        "source, choose a folder outside it\n"
    )
    assert not dest.exists()


def test_a_broken_config_or_front_matter_stops_with_one_line(tmp_path: Path) -> None:
    write(tmp_path / "src", {"_config.yml": "title: [unclosed\n"})
    done = CliRunner().invoke(cli, ["import", str(tmp_path / "src"), str(tmp_path / "a")])
    assert done.exit_code == 1
    assert done.output.startswith("Error: _config.yml:2: invalid YAML: ")
    assert "Traceback" not in done.output
    write(tmp_path / "src", {"_config.yml": "title: T\n", "x.md": "---\ntitle: [a\n---\n"})
    done = CliRunner().invoke(cli, ["import", str(tmp_path / "src"), str(tmp_path / "b")])
    assert done.exit_code == 1
    assert done.output == (
        "Error: x.md:3:1: invalid YAML front matter: did not find expected ',' or ']' "
        "(while parsing a flow sequence at line 2)\n"
    )
    assert not (tmp_path / "b").exists()


def test_config_files_merge_in_order_as_jekylls_config_option(tmp_path: Path) -> None:
    write(
        tmp_path / "src",
        {
            "_config.yml": "title: Base\nurl: https://a.example\n",
            "_config.dev.yml": "url: http://localhost:4000\nbaseurl: /dev\n",
            "index.md": page("title: Home"),
        },
    )
    configs = f"{tmp_path / 'src/_config.yml'},{tmp_path / 'src/_config.dev.yml'}"
    run_import(tmp_path / "src", tmp_path / "dest", "--config", configs)
    config = yaml.safe_load((tmp_path / "dest/mkdocs.yml").read_text("utf-8"))
    assert (config["site_name"], config["site_url"]) == ("Base", "http://localhost:4000/dev/")


def test_scopes_that_moved_files_no_longer_match_alone_are_rewritten(tmp_path: Path) -> None:
    write(
        tmp_path / "src",
        {
            "_config.yml": (
                "title: T\nurl: https://x.example\nlanguages: [en, es]\ninclude: [_pages]\n"
                "defaults:\n"
                "  - scope: {path: _pages}\n    values: {author_profile: true}\n"
                "  - scope: {path: es}\n    values: {lang: es, sidebar: es}\n"
                "  - scope: {path: ''}\n    values: {layout: single}\n"
            ),
            "_pages/about.md": page("title: About\npermalink: /about/"),
            "_pages/home.md": page("title: Home\npermalink: /en/\nauthor_profile: false"),
            "_pages/acerca.md": page("title: Acerca\npermalink: /es/acerca/\nlang: es"),
            "es/index.md": page("title: Inicio"),
            "es/_posts/2024-01-01-hola.md": page("title: Hola"),
        },
    )
    run_import(tmp_path / "src", tmp_path / "dest")
    config = yaml.safe_load((tmp_path / "dest/mkdocs.yml").read_text("utf-8"))
    defaults = config["plugins"][-1]["jekyll"]["defaults"]
    # `_pages` became the shortest new paths matching only the moved pages; `es` (which now
    # also holds the moved acerca.md) the paths of the files it matched before, no more.
    assert defaults == [
        {"scope": {"path": "en"}, "values": {"author_profile": True}},
        {"scope": {"path": "es/acerca.md"}, "values": {"author_profile": True}},
        {"scope": {"path": "es/_posts"}, "values": {"lang": "es", "sidebar": "es"}},
        {"scope": {"path": "es/index.md"}, "values": {"lang": "es", "sidebar": "es"}},
        {"scope": {"path": ""}, "values": {"layout": "single"}},
    ]
    site = build_project(tmp_path / "dest", strict=True)
    assert html(site / "es/acerca/index.html").find("html")["lang"] == "es"
    summary = (tmp_path / "dest/IMPORT.md").read_text("utf-8")
    assert "- _pages/acerca.md -> docs/es/acerca.md" in summary
    assert (
        "- no page of the site is at '/': the build writes a language landing page there "
        "(plugins.jekyll.i18n_root), a URL Jekyll's site does not have"
    ) in summary


def test_pagination_over_every_locale_is_named_where_the_build_differs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(
        tmp_path / "src",
        {
            "_config.yml": (
                "title: T\nlanguages: [en, es]\npaginate: 1\npaginate_path: /blog/page:num/\n"
                "plugins: [jekyll-paginate]\n"
            ),
            "blog/index.html": page("title: Blog\nlayout: home"),
            "_posts/2024-01-01-a.md": page("title: A"),
            "es/_posts/2024-01-02-b.md": page("title: B\nlang: es"),
        },
    )
    run_import(tmp_path / "src", tmp_path / "dest")
    # The blog index stays where jekyll-paginate finds it, outside the locale folders.
    assert (tmp_path / "dest/docs/blog/index.html").is_file()
    summary = (tmp_path / "dest/IMPORT.md").read_text("utf-8")
    assert (
        "- blog/index.html: Jekyll paginates all 2 posts; with locale folders it lists the 1 "
        "posts outside them (each locale's blog index lists its own), so the pages after the "
        "first may differ"
    ) in summary
    assert (
        "- locale 'es' has no page at /es/: static-i18n warns 'Could not find a homepage for "
        "locale 'es'', so mkdocs build --strict fails; give one page of docs/es/ the "
        "permalink /es/"
    ) in summary
    # As the summary says: the strict build fails on static-i18n's warning.
    with pytest.raises(Abort):
        build_project(tmp_path / "dest", strict=True)
    assert "mkdocs_static_i18n: Could not find a homepage for locale 'es'" in warning_lines(caplog)


def test_jekyll_include_renders_a_site_include_from_a_hand_written_override(
    build_site: Callable[..., Path],
) -> None:
    site = build_site(
        files={
            "docs/a.md": page("title: Page A\nlayout: single"),
            "_includes/box.html": '<p class="box">{{ page.title }} {{ include.tone }}</p>',
            "overrides/main.html": (
                '{% extends "jekyll-main.html" %}\n{% block container %}{{ super() }}'
                "{{ jekyll_include('box.html', page=page, tone='calm') }}{% endblock %}\n"
            ),
        },
        theme={"name": "material", "custom_dir": "overrides"},
        strict=True,
    )
    assert [str(p) for p in html(site / "a/index.html").select("p.box")] == [
        '<p class="box">Page A calm</p>'
    ]


FORK_CONFIG = """\
title: Jane Doe
url: https://jane.example.dev
baseurl: ""
languages: ["en", "es-419"]
default_lang: en
timezone: America/Bogota
permalink: /:categories/:title/
plugins: [jekyll-sitemap, jekyll-feed, jekyll-redirect-from, jekyll-seo-tag]
include: ["_pages"]
exclude: ["*.sublime-project", "scripts", "LICENSE"]
analytics:
  provider: false
collections:
  publications:
    output: true
    permalink: /publication/:path/
defaults:
  - scope: {path: ""}
    values: {layout: single, author_profile: true}
  - scope: {path: "_pages/es-419"}
    values: {lang: es-419}
  - scope: {path: "_pages/en"}
    values: {lang: en}
"""


def fork_files() -> dict[str, str]:
    """An academicpages fork: `languages`/`default_lang`, pages per locale under `_pages/`,
    an x-default home at `/`, a publications collection listed by an `.html` page."""
    files = {
        **LAYOUTS,
        "_layouts/default.html": LAYOUTS["_layouts/default.html"].replace(
            "site.lang", "site.default_lang"
        ),
        "_includes/pub.html": '<li><a href="{{ include.pub.url | relative_url }}">'
        "{{ include.pub.title }}</a></li>\n",
        "_pages/home.md": page(
            "title: Jane\npermalink: /\nlang: x-default\nlayout: default\n"
            "redirect_from: [/home/, /index-old.html]",
            "<main>[English](/en/) [Español](/es-419/)</main>",
        ),
        "_pages/publications.html": page(
            "title: Publications\npermalink: /en/publications/\nlang: en",
            "<ul>{% for pub in site.publications %}{% include pub.html pub=pub %}{% endfor %}</ul>",
        ),
        "_pages/404.md": page("title: Not found\npermalink: /404.html", "Nothing here."),
        "_publications/2023-paper-one.md": page("title: Paper one\ndate: 2023-03-01"),
        "_publications/2024-paper-two.md": page("title: Paper two\ndate: 2024-03-01"),
        "_posts/2024-05-01-shipping-ml.md": page(
            "title: Shipping ML\ncategories: [blog]\nredirect_from: /2024/05/shipping/",
            '[CV]({{ "/en/cv/" | relative_url }})',
        ),
        "_posts/2024-06-01-enviar-ml.md": page(
            "title: Enviar ML\nlang: es-419\ncategories: [blog]", "Publicación."
        ),
        "_drafts/idea.md": page("title: Idea"),
        "files/cv.pdf": "%PDF",
        "ads.txt": "google.com, pub-0, DIRECT\n",
        "LICENSE": "MIT\n",
        "scripts/gen.py": "print(1)\n",
        "jane.sublime-project": "{}\n",
        "markdown_generator/pubs.py": "x = 1\n",
    }
    for name, title, key in (("home", "Home", "home"), ("cv", "CV", "cv")):
        for lang in ("en", "es-419"):
            permalink = f"/{lang}/" if name == "home" else f"/{lang}/{name}/"
            files[f"_pages/{lang}/{name}.md"] = page(
                f"title: {title}\npermalink: {permalink}\ni18n_key: {key}",
                f'[{lang}]({{{{ "/{lang}/" | relative_url }}}})',
            )
    return files


@needs_jekyll
def test_an_academicpages_fork_with_an_x_default_home_keeps_every_url(tmp_path: Path) -> None:
    jekyll_site, _log = jekyll_build(tmp_path / "src", fork_files(), FORK_CONFIG)
    run_import(tmp_path / "src", tmp_path / "project")
    site = build_project(tmp_path / "project", strict=True)
    assert differences(jekyll_site, site) == []
    docs = tmp_path / "project" / "docs"
    assert (docs / "home.md").is_file()
    assert (docs / "en/publications.html").is_file()
    assert (docs / "_drafts/idea.md").is_file()
    for left_out in ("LICENSE", "scripts", "jane.sublime-project"):
        assert not (docs / left_out).exists()
    assert (docs / "markdown_generator/pubs.py").is_file()
    links = [a["href"] for a in html(site / "en/publications/index.html").select("article li a")]
    assert links == ["/publication/2023-paper-one/", "/publication/2024-paper-two/"]
    summary = (tmp_path / "project/IMPORT.md").read_text("utf-8")
    assert "- pages in (root, x-default): 1\n" in summary
    assert "- drafts: 1\n" in summary


def test_links_out_of_the_source_are_left_out_as_safe_mode_does(tmp_path: Path) -> None:
    outside = tmp_path / "secret"
    write(outside, {"key.txt": "secret"})
    write(tmp_path / "src", {"_config.yml": "title: T\n", "real/a.txt": "a"})
    (tmp_path / "src/etc").symlink_to(outside)
    (tmp_path / "src/alias").symlink_to(tmp_path / "src/real")
    run_import(tmp_path / "src", tmp_path / "dest")
    docs = tmp_path / "dest/docs"
    assert not (docs / "etc").exists()
    assert (docs / "alias/a.txt").read_text("utf-8") == "a"
    summary = (tmp_path / "dest/IMPORT.md").read_text("utf-8")
    assert "- etc: a symbolic link out of the source (Jekyll's safe mode skips it)\n" in summary
    assert "key.txt" not in summary


def test_a_locale_takes_the_spelling_of_the_sources_folder(tmp_path: Path) -> None:
    write(
        tmp_path / "src",
        {
            "_config.yml": "title: C\nurl: https://c.example\nlanguages: [en, pt-BR]\n"
            "include: [_pages]\n",
            "en/index.md": page("title: Home"),
            "pt-br/index.md": page("title: Início\nlang: pt-BR"),
            "_pages/sobre.md": page("title: Sobre\nlang: pt-BR\npermalink: /pt-br/sobre/"),
        },
    )
    run_import(tmp_path / "src", tmp_path / "dest")
    config = yaml.safe_load((tmp_path / "dest/mkdocs.yml").read_text("utf-8"))
    languages = config["plugins"][1]["jekyll/i18n"]["languages"]
    assert [entry["locale"] for entry in languages] == ["en", "pt-br"]
    assert (tmp_path / "dest/docs/pt-br/sobre.md").is_file()
    # static-i18n finds the locale's home at /pt-br/: the strict build passes.
    site = build_project(tmp_path / "dest", strict=True)
    assert html(site / "pt-br/sobre/index.html").find("html")["lang"] == "pt-BR"


def test_a_value_the_rewritten_sets_would_rank_otherwise_goes_into_front_matter(
    tmp_path: Path,
) -> None:
    # In Jekyll `_pages/es` (longer) beats `_pages` for es pages. Once moved, both become
    # `es`, equally long, and the later set would win: the page keeps its value in its
    # front matter instead.
    write(
        tmp_path / "src",
        {
            "_config.yml": (
                "title: T\nlanguages: [en, es]\ninclude: [_pages]\n"
                "defaults:\n"
                "  - scope: {path: _pages/es}\n    values: {sidebar: es}\n"
                "  - scope: {path: _pages}\n    values: {sidebar: all}\n"
            ),
            "_pages/es/p.md": page("title: P\nlang: es\npermalink: /es/p/"),
            "_pages/q.md": page("title: Q\npermalink: /q/"),
        },
    )
    run_import(tmp_path / "src", tmp_path / "dest")
    assert (tmp_path / "dest/docs/es/p.md").read_text("utf-8") == page(
        "title: P\nlang: es\npermalink: /es/p/\nsidebar: es"
    )
    assert (tmp_path / "dest/docs/en/q.md").read_text("utf-8") == page("title: Q\npermalink: /q/")
    summary = (tmp_path / "dest/IMPORT.md").read_text("utf-8")
    assert (
        "- docs/es/p.md: sidebar: the value defaults gave it in Jekyll; the rewritten sets "
        "would give 'all'" in summary
    )


def test_search_false_leaves_materials_search_out(tmp_path: Path) -> None:
    write(
        tmp_path / "src",
        {
            "_config.yml": "title: T\nurl: https://t.example\nsearch: false\n"
            "search_provider: algolia\n",
            "index.md": page("title: Home"),
        },
    )
    run_import(tmp_path / "src", tmp_path / "dest")
    config = yaml.safe_load((tmp_path / "dest/mkdocs.yml").read_text("utf-8"))
    assert [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]] == ["jekyll"]
    assert "search" not in config["plugins"][0]["jekyll"].get("site", {})
    summary = (tmp_path / "dest/IMPORT.md").read_text("utf-8")
    assert "- _config.yml search: false: Material's search plugin is left out of mkdocs.yml\n" in (
        summary
    )
    assert (
        "- _config.yml search_provider: algolia: left out; Material's built-in search "
        "replaces it\n" in summary
    )
    site = build_project(tmp_path / "dest", strict=True)
    assert not (site / "search").exists()


@needs_jekyll
def test_a_permalink_template_from_defaults_keeps_the_urls_of_moved_pages(
    tmp_path: Path,
) -> None:
    config = (
        "title: T\nurl: https://t.example\nlanguages: [en, es]\ninclude: [_pages]\n"
        "defaults:\n"
        "  - scope: {path: _pages}\n    values: {permalink: '/:path/:basename/'}\n"
        "  - scope: {path: ''}\n    values: {layout: single}\n"
    )
    files = {
        **LAYOUTS,
        "index.md": page("title: Languages\nlang: x-default"),
        "_pages/team/ana.md": page("title: Ana"),
        "_pages/es/equipo.md": page("title: Equipo\nlang: es"),
        "en/index.md": page("title: Home"),
        "es/index.md": page("title: Inicio\nlang: es"),
    }
    jekyll_site, _log = jekyll_build(tmp_path / "src", files, config)
    run_import(tmp_path / "src", tmp_path / "project")
    site = build_project(tmp_path / "project", strict=True)
    assert differences(jekyll_site, site) == []
    # Jekyll's URLs (from :path) are written where the new place would change them.
    assert (tmp_path / "project/docs/en/team/ana.md").read_text("utf-8") == page(
        "title: Ana\npermalink: /_pages/team/ana/"
    )
