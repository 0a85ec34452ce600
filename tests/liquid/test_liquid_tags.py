"""Jekyll's tags: include, include_relative, highlight, link, post_url, raw and comment."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from liquid_helpers import Render, make_settings
from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.liquid import create_environment, render_markdown
from mkdocs_jekyll.liquid.environment import PAGE_CACHE_SIZE

INCLUDES = {
    "note.html": "<{{ include.title }}|{{ include.body }}|{{ include.n }}>",
    "plain.html": "plain {{ page.title }}",
    "nested.html": "[{% include note.html title=include.title %}]",
    "sub/deep.html": "deep",
    "assign.html": "{% assign leaked = 'yes' %}",
    "keep.html": "{{ include.title }}",
}
PACKAGE = {"plain.html": "package plain", "only-package.html": "from package"}


@pytest.fixture(autouse=True)
def _files(site_dirs: dict[str, Path]) -> None:
    for name, text in INCLUDES.items():
        path = site_dirs["includes"] / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, text in PACKAGE.items():
        (site_dirs["package"] / name).write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class Case:
    description: str
    template: str
    expected: str = ""
    context: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


PAGE = {"page": {"title": "Impact", "file": "note"}, "name": "note.html"}
SYNTAX = "expected {% include file.ext param='value' param2='value' %}"

CASES = [
    Case(
        "include with params",
        '{% include note.html title="A b" body=page.title n=5 %}',
        "<A b|Impact|5>",
        PAGE,
    ),
    Case(
        "single quotes and escapes",
        '{% include note.html title=\'it\\\'s\' body="say \\"hi\\"" %}',
        '<it\'s|say "hi"|>',
        PAGE,
    ),
    Case("site includes win over the package", "{% include plain.html %}", "plain Impact", PAGE),
    Case("package includes are searched next", "{% include only-package.html %}", "from package"),
    Case("sub-folder", "{% include sub/deep.html %}", "deep"),
    Case("dynamic name", "{% include {{ name }} title=page.title %}", "<Impact||>", PAGE),
    Case("dynamic name with suffix", "{% include {{ page.file }}.html title='t' %}", "<t||>", PAGE),
    Case(
        "nested include sees its own params", "{% include nested.html title='out' %}", "[<out||>]"
    ),
    Case(
        "include keeps outer params without its own",
        "{% include note.html title='a' %}{% include keep.html %}",
        "<a||>",
    ),
    Case(
        "assign inside an include leaks as in Liquid",
        "{% include assign.html %}{{ leaked }}",
        "yes",
    ),
    Case("raw", "{% raw %}{{ not rendered }}{% endraw %}", "{{ not rendered }}"),
    Case("comment", "a{% comment %}{{ x }} {% if %}{% endcomment %}b", "ab"),
    # Expected output: Jekyll 4.3's own for the same tags (jekyll build, Rouge).
    Case(
        "highlight",
        "{% highlight Ruby %}\nputs {{ x }}\n{% endhighlight %}",
        '<figure class="highlight"><pre><code class="language-ruby" data-lang="ruby">'
        '<span class="nb">puts</span> <span class="mi">1</span></code></pre></figure>',
        {"x": 1},
    ),
    Case(
        "highlight linenos",
        "{% highlight python linenos %}\n\nx = 1\n\n{% endhighlight %}",
        '<figure class="highlight"><pre><code class="language-python" data-lang="python">'
        '<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">1\n'
        '</pre></td><td class="code"><pre><span class="n">x</span> <span class="o">=</span> '
        '<span class="mi">1</span>\n</pre></td></tr></tbody></table></code></pre></figure>',
    ),
    Case(
        "highlight hl_lines (ignored by Jekyll's Rouge)",
        '{% highlight c hl_lines="1 2" %}a{% endhighlight %}',
        '<figure class="highlight"><pre><code class="language-c" data-lang="c">'
        '<span class="n">a</span></code></pre></figure>',
    ),
    Case(
        "highlight an unknown language as escaped text",
        '{% highlight nosuchlang %}a < b & "c"{% endhighlight %}',
        '<figure class="highlight"><pre><code class="language-nosuchlang" '
        'data-lang="nosuchlang">a &lt; b &amp; "c"</code></pre></figure>',
    ),
    Case(
        "highlight c++ (the class turns + into -)",
        "{% highlight c++ %}int x;{% endhighlight %}",
        '<figure class="highlight"><pre><code class="language-c--" data-lang="c++">'
        '<span class="kt">int</span> <span class="n">x</span><span class="p">;</span>'
        "</code></pre></figure>",
    ),
    Case("link", "{% link en/cv.md %}", "/repo/en/cv/", settings={"baseurl": "/repo"}),
    Case("link with liquid", "{% link {{ lang }}/cv.md %}", "/en/cv/", {"lang": "en"}),
    Case("link with leading slash", "{% link /en/cv.md %}", "/en/cv/"),
    Case(
        "post_url",
        "{% post_url 2024-01-02-hello %}",
        "/repo/2024/01/02/hello/",
        settings={"baseurl": "/repo"},
    ),
    Case("post_url in a folder", "{% post_url sub/2024-01-03-deep %}", "/sub/deep/"),
    Case(
        "missing include",
        "x\n  {% include nope.html %}",
        error=(
            "en/page.md:2:6: could not locate the included file 'nope.html' in any of "
            "['_includes', 'mkdocs_jekyll/includes']; ensure it exists in one of those directories"
        ),
    ),
    Case(
        "parent folder refused",
        "{% include ../secret.html %}",
        error=(
            "en/page.md:1:4: Invalid syntax for include tag. File contains invalid characters or "
            f"sequences: '../secret.html'; {SYNTAX}"
        ),
    ),
    Case(
        "absolute path refused",
        "{% include /etc/passwd %}",
        error=(
            "en/page.md:1:4: Invalid syntax for include tag. File contains invalid characters or "
            f"sequences: '/etc/passwd'; {SYNTAX}"
        ),
    ),
    Case(
        "dynamic parent folder refused",
        "{% include {{ name }} %}",
        context={"name": "a/../../b"},
        error=(
            "en/page.md:1:4: Invalid syntax for include tag. File contains invalid characters or "
            f"sequences: 'a/../../b'; {SYNTAX}"
        ),
    ),
    Case(
        "NUL refused",
        "{% include {{ name }} %}",
        context={"name": "a\x00.html"},
        error=(
            "en/page.md:1:4: Invalid syntax for include tag. File contains invalid characters or "
            f"sequences: 'a\x00.html'; {SYNTAX}"
        ),
    ),
    Case(
        "bad params",
        "{% include note.html title= %}",
        error=("en/page.md:1:12: Invalid syntax for include tag: 'title='; " + SYNTAX),
    ),
    Case(
        "no file name",
        "{% include %}",
        error=("en/page.md:1:4: missing file name in 'include' tag; " + SYNTAX),
    ),
    Case(
        "unknown link",
        "{% link en/cvv.md %}",
        error=(
            "en/page.md:1:4: could not find document 'en/cvv.md' in tag 'link'; make sure the "
            "document exists and the path is correct; did you mean 'en/cv.md'?"
        ),
    ),
    Case(
        "unknown post",
        "{% post_url 2024-01-02-nope %}",
        error=(
            "en/page.md:1:4: could not find post '2024-01-02-nope' in tag 'post_url'; "
            "make sure the post exists and the name is correct"
        ),
    ),
    Case(
        "no posts",
        "{% post_url 2024-01-02-nope %}",
        settings={"post_urls": {}},
        error=(
            "en/page.md:1:4: could not find post '2024-01-02-nope' in tag 'post_url'; "
            "the site has no posts"
        ),
    ),
    Case(
        "bad post name",
        "{% post_url hello %}",
        error=(
            "en/page.md:1:4: could not parse name of post 'hello' in tag 'post_url'; expected a "
            "name such as '2024-01-02-title' (date, then title)"
        ),
    ),
    Case(
        "bad highlight markup",
        "{% highlight %}x{% endhighlight %}",
        error=(
            "en/page.md:1:4: Syntax Error in tag 'highlight' while parsing the following markup: "
            "''; expected {% highlight <lang> [linenos] %}"
        ),
    ),
    Case(
        "unclosed highlight",
        "\n{% highlight ruby %}x",
        error=("en/page.md:2:4: 'highlight' tag was never closed; expected '{% endhighlight %}'"),
    ),
]

LINKS = {"en/cv.md": "/en/cv/", "en/index.md": "/en/"}
POSTS = {"2024-01-02-hello": "/2024/01/02/hello/", "sub/2024-01-03-deep": "/sub/deep/"}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_tags(render: Render, case: Case) -> None:
    settings = {"link_targets": LINKS, "post_urls": POSTS, **case.settings}
    if case.error is not None:
        with pytest.raises(ContentError) as caught:
            render(case.template, case.context, **settings)
        assert str(caught.value) == case.error
    else:
        assert render(case.template, case.context, **settings) == case.expected


def test_symlink_out_of_the_include_folder_is_refused(
    render: Render, site_dirs: dict[str, Path], tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (site_dirs["includes"] / "link.html").symlink_to(secret)
    with pytest.raises(ContentError) as caught:
        render("{% include link.html %}")
    assert str(caught.value) == (
        f"en/page.md:1:4: '_includes/link.html' is a symlink to '{secret}', outside _includes; "
        "it is not read (as Jekyll's safe mode does): move the file into the folder instead "
        "of linking it"
    )


def test_symlink_inside_the_include_folder_is_allowed(
    render: Render, site_dirs: dict[str, Path]
) -> None:
    (site_dirs["includes"] / "alias.html").symlink_to(site_dirs["includes"] / "sub" / "deep.html")
    assert render("{% include alias.html %}") == "deep"


def test_include_files_are_parsed_once(site_dirs: dict[str, Path]) -> None:
    env = create_environment(make_settings(site_dirs))
    first = render_markdown(
        env,
        "{% include plain.html %}",
        path="a.md",
        line_offset=0,
        context={"page": {"title": "A"}},
    )
    (site_dirs["includes"] / "plain.html").write_text("changed", encoding="utf-8")
    second = render_markdown(
        env,
        "{% include plain.html %}",
        path="b.md",
        line_offset=0,
        context={"page": {"title": "B"}},
    )
    assert (first, second) == ("plain A", "plain B")
    assert len(env.include_cache) == 1


def test_pages_are_parsed_once(site_dirs: dict[str, Path]) -> None:
    env = create_environment(make_settings(site_dirs))
    for title in ("A", "B"):
        render_markdown(
            env, "{{ page.title }}", path="a.md", line_offset=0, context={"page": {"title": title}}
        )
    render_markdown(env, "{{ page.title }}!", path="a.md", line_offset=0, context={})
    assert len(env.page_cache) == 2


def _render_page(env: Any, source: str, path: str = "a.md", **kwargs: Any) -> str:
    return render_markdown(
        env, source, path=path, line_offset=0, context={"page": {"title": "T"}}, **kwargs
    )


def test_an_include_edited_or_added_between_two_builds_is_read_again(
    site_dirs: dict[str, Path],
) -> None:
    """``mkdocs serve``: each build has its own environment, so its own include lookups."""
    source = "{% include plain.html %}/{% include only-package.html %}"
    first = _render_page(create_environment(make_settings(site_dirs)), source)
    (site_dirs["includes"] / "plain.html").write_text("edited", encoding="utf-8")
    (site_dirs["includes"] / "only-package.html").write_text("now the site's", encoding="utf-8")
    second = _render_page(create_environment(make_settings(site_dirs)), source)
    assert (first, second) == ("plain T/from package", "edited/now the site's")


def test_an_include_is_located_once_per_environment(site_dirs: dict[str, Path]) -> None:
    env = create_environment(make_settings(site_dirs))
    for path in ("a.md", "b.md"):
        _render_page(env, "{% include plain.html %}{% include keep.html %}", path=path)
    assert env.include_locations == {
        "plain.html": (site_dirs["includes"].resolve() / "plain.html", "_includes/plain.html"),
        "keep.html": (site_dirs["includes"].resolve() / "keep.html", "_includes/keep.html"),
    }


def test_include_relative_finds_each_pages_own_file_in_one_environment(
    site_dirs: dict[str, Path],
) -> None:
    env = create_environment(make_settings(site_dirs))
    outputs = []
    for locale in ("en", "es"):
        folder = site_dirs["docs"] / locale
        folder.mkdir()
        (folder / "snippet.md").write_text(locale, encoding="utf-8")
        outputs.append(
            _render_page(
                env,
                "{% include_relative snippet.md %}",
                path=f"{locale}/page.md",
                source_file=folder / "page.md",
            )
        )
    assert outputs == ["en", "es"]


def test_text_without_liquid_renders_to_itself_unparsed(site_dirs: dict[str, Path]) -> None:
    env = create_environment(make_settings(site_dirs))
    text = "# Title\r\n\n{ not liquid } %} }} {# no #}\n\u00e9\n"
    assert _render_page(env, text) == text
    assert env.page_cache == {}


def test_the_page_cache_keeps_only_recent_pages(site_dirs: dict[str, Path]) -> None:
    env = create_environment(make_settings(site_dirs))
    for number in range(PAGE_CACHE_SIZE + 10):
        _render_page(env, f"{{{{ page.title }}}} {number}", path=f"p{number}.md")
    assert len(env.page_cache) == PAGE_CACHE_SIZE
    assert ("p0.md", "{{ page.title }} 0") not in env.page_cache


def test_include_relative(render: Render, site_dirs: dict[str, Path]) -> None:
    folder = site_dirs["docs"] / "en"
    folder.mkdir()
    (folder / "snippet.md").write_text("snip {{ include.x }}", encoding="utf-8")
    page = folder / "page.md"
    assert render("{% include_relative snippet.md x=1 %}", source_file=page) == "snip 1"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "{% include_relative ../secret.md %}",
            "en/page.md:1:4: Invalid syntax for include tag. File contains invalid characters or "
            "sequences: '../secret.md'; expected {% include_relative file.ext param='value' "
            "param2='value' %}",
        ),
        (
            "{% include_relative nope.md %}",
            "en/page.md:1:4: could not locate the included file 'nope.md' in any of ['en']; "
            "ensure it exists in one of those directories",
        ),
    ],
    ids=["parent folder refused", "missing file"],
)
def test_include_relative_errors(
    render: Render, site_dirs: dict[str, Path], template: str, message: str
) -> None:
    (site_dirs["docs"] / "en").mkdir()
    with pytest.raises(ContentError) as caught:
        render(template, source_file=site_dirs["docs"] / "en" / "page.md")
    assert str(caught.value) == message


def test_include_relative_symlink_out_of_docs_is_refused(
    render: Render, site_dirs: dict[str, Path], tmp_path: Path
) -> None:
    (site_dirs["docs"] / "en").mkdir()
    (tmp_path / "outside.md").write_text("x", encoding="utf-8")
    (site_dirs["docs"] / "en" / "out.md").symlink_to(tmp_path / "outside.md")
    with pytest.raises(ContentError) as caught:
        render("{% include_relative out.md %}", source_file=site_dirs["docs"] / "en" / "page.md")
    assert str(caught.value) == (
        f"en/page.md:1:4: 'en/out.md' is a symlink to '{tmp_path / 'outside.md'}', outside "
        "docs_dir; it is not read (as Jekyll's safe mode does): move the file into the folder "
        "instead of linking it"
    )


def test_include_relative_needs_the_page_file(render: Render) -> None:
    with pytest.raises(ContentError) as caught:
        render("{% include_relative x.md %}")
    assert str(caught.value) == (
        "en/page.md:1:4: 'include_relative' needs the page's file and docs_dir; "
        "use 'include' with a file from _includes instead"
    )
