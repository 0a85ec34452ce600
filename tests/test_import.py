"""``mkdocs-jekyll import``: Jekyll sites of our own, built by Debian's Jekyll 4.3, imported,
built with ``mkdocs build --strict``, and compared URL by URL with Jekyll's output.

Each site is small (a few seconds per test) and exercises one family: academicpages with
three locales and a base path, Minimal Mistakes on one locale at the root.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from parity import differences

from mkdocs_jekyll.cli.main import cli
from sitebuild import JEKYLL, build_project, html, jekyll_build

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
    "_layouts/newsletter.html": "---\nlayout: single\n---\n{{ content }}\n",
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
    "pt-br/index.md": page("title: Início\nlang: pt-br\ni18n_key: home"),
    "pt-br/sobre.html": page(
        "title: Sobre\nlang: pt-br",
        '<p><a href="{{ "/pt-br/" | relative_url }}">início</a></p>',
    ),
    # A root newsletter (default locale) next to the locale's own: they must not collide.
    "newsletter/index.md": page("title: Newsletter\nlayout: newsletter"),
    "en/newsletter/index.md": page("title: Newsletter (en)\nlayout: newsletter"),
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
        x_default="en",
    )
    assert problems == []
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
    assert summary in output
    assert "- pages in es-419: 2" in summary
    assert "- notes.txt: listed in exclude" in summary
    assert "- _sass/_theme.scss: Material's styles (Sass is not compiled)" in summary


MM_CONFIG = """\
title: Cooking notes
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
        x_default="en-US",
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
        "- README.md: Markdown without front matter, which Jekyll copies as it is (/README.md) "
        "and MkDocs would build as a page; not imported (add front matter to make it a page)"
    ) in summary
    assert "- _plugins/shout.rb: a Ruby plugin; whatever it generated is not built" in summary
    assert "- _posts/notes.md: in _posts without a YYYY-MM-DD- name" in summary
    assert "- _secrets/sauce.md: a file of collection 'secrets', which has no output" not in summary
    config = yaml.safe_load((tmp_path / "project/mkdocs.yml").read_text("utf-8"))
    jekyll = config["plugins"][-1]["jekyll"]
    assert jekyll["minimal_mistakes_skin"] == "mint"
    assert jekyll["site"]["footer"] == {
        "links": [{"label": "GitHub", "url": "https://github.com/cook"}]
    }
    assert config["exclude_docs"] == "!/.well-known/security.txt\n"
