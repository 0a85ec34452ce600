"""Fuzzing: random front matter and random Liquid-ish text never crash the plugin.

A page's author may write anything; the build must then succeed or stop with one of our
documented errors: MkDocs' ``PluginError`` / ``Abort`` (or ``ConfigurationError``) carrying
one clean line that names the page, never a traceback. The front matter reader and the Liquid
layer run in-process on each example; a smaller number of examples go through a whole
``mkdocs build``. ``HYPOTHESIS_PROFILE=long`` runs 10,000 examples of each, builds included
(see ``conftest.py``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.frontmatter import parse_front_matter, validate_front_matter
from mkdocs_jekyll.liquid import LiquidSettings, create_environment, render_markdown
from sitebuild import build_project, write_files

PAGE = "en/page.md"
# MkDocs logs this line before the error of a page hook (commands/build.py).
_MKDOCS_PREFIX = re.compile(rf"Error (?:reading|building) page '{PAGE}':")
# A build takes about 0.1 s: half the default profile's examples, all of the long one's.
_EXAMPLES = settings.default.max_examples
BUILD_EXAMPLES = _EXAMPLES if _EXAMPLES >= 10_000 else max(_EXAMPLES // 2, 1)

# -- strategies --------------------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=12,
)
KEYS = st.sampled_from(
    [
        "title",
        "permalink",
        "date",
        "layout",
        "categories",
        "category",
        "tags",
        "i18n_key",
        "ref",
        "lang",
        "redirect_from",
        "redirect_to",
        "published",
        "slug",
        "excerpt",
        "author",
        "header",
        "sitemap",
        "description",
        "toc",
        "classes",
    ]
)
PERMALINKS = st.lists(
    st.sampled_from(["/", "en", ":title", ":path", ":basename", ":year", "..", ".", "%2e", "x y"]),
    max_size=6,
).map("/".join)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    PERMALINKS,
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.datetimes(timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-5))])),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS | TEXT, inner, max_size=3),
    max_leaves=8,
)
MAPPINGS = st.dictionaries(KEYS, VALUES, max_size=6)
YAMLISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "title: x",
                "permalink: /a/:title/",
                "date: 2024-13-45",
                "date: 2024-01-02 25:61:00",
                "- item",
                "  nested: [1, {a: b}",
                "key: 'unclosed",
                'key: "\\x"',
                "&a [1]",
                "*a",
                "? complex",
                "!!python/object:os.system x",
                "\tindent: tab",
                "...",
                "---",
                "{",
                ": :",
                "categories: [a, b",
                "tags: {x: 1}",
                "redirect_from: [/x/, 3]",
                "published: maybe",
            ]
        ),
        TEXT,
    ),
    max_size=6,
).map("\n".join)
FRONT_MATTER = st.one_of(
    MAPPINGS.map(lambda data: yaml.safe_dump(data, allow_unicode=True)), YAMLISH
)
LIQUID_PIECES = st.sampled_from(
    [
        "{{",
        "}}",
        "{%",
        "%}",
        "{%-",
        "-%}",
        "{{ page.title }}",
        "{{ page.date | date: '%Y' }}",
        "{{ page | jsonify }}",
        "{{ site.pages | map: 'url' | join: ',' }}",
        "{{ 'x' | nope }}",
        "{{ 1 | divided_by: 0 }}",
        "{{ x | where_exp: 'p', 'p ==' }}",
        "{{ 'a' | relative_url }}",
        "{{ page.permalink | absolute_url }}",
        "{% if page.title %}",
        "{% elsif x %}",
        "{% else %}",
        "{% endif %}",
        "{% for p in site.posts limit: 2 %}",
        "{% endfor %}",
        "{% unless x %}",
        "{% endunless %}",
        "{% case x %}{% when 1 %}",
        "{% endcase %}",
        "{% capture c %}",
        "{% endcapture %}",
        "{% assign a = page.tags | first %}",
        "{% raw %}",
        "{% endraw %}",
        "{% comment %}",
        "{% endcomment %}",
        "{% include nope.html %}",
        "{% include {{ page.title }} %}",
        "{% include_relative ../../etc/passwd %}",
        "{% post_url 2024-01-02-nope %}",
        "{% post_url nope %}",
        "{% link en/nope.md %}",
        "{% highlight python %}",
        "{% endhighlight %}",
        "{% unknown_tag %}",
        "{{ page.title | append: 'x' | slugify: 'latin' }}",
        "{{ 'now' | date: '%s' | plus: 1 }}",
        "{{ site.data | jsonify }}",
        "'",
        '"',
        "|",
        ":",
        "\n",
        "# heading\n",
        "[link](other.md)",
        "<script>",
    ]
)
LIQUIDISH = st.lists(st.one_of(LIQUID_PIECES, TEXT), max_size=12).map("".join)
# Well-formed Liquid and plausible front matter, so that many examples build to the end.
WELL_FORMED = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "{{ page.title }}",
                "{{ page.title | escape }}",
                "{{ page.url | relative_url }}",
                "{{ page.permalink | absolute_url }}",
                "{% if page.tags %}{{ page.tags | join: ', ' }}{% endif %}",
                "{% for p in site.posts %}{{ p.title }}{% endfor %}",
                "{% post_url 2024-01-02-hi %}",
                "{% link en/index.md %}",
                "{% raw %}{{ x }}{% endraw %}",
                "\n\n## Part\n",
            ]
        ),
        TEXT.filter(lambda text: "{" not in text and "%" not in text),
    ),
    max_size=8,
).map("".join)
PLAUSIBLE = st.fixed_dictionaries(
    {},
    optional={
        "title": TEXT,
        "permalink": PERMALINKS,
        "tags": st.lists(TEXT, max_size=3),
        "categories": st.lists(TEXT, max_size=3),
        "excerpt": TEXT,
        "description": TEXT,
        "date": st.dates(dt.date(1970, 1, 1), dt.date(2100, 1, 1)),
    },
).map(lambda data: yaml.safe_dump(data, allow_unicode=True))
BODIES = st.one_of(LIQUIDISH, WELL_FORMED)
FRONTS = st.one_of(FRONT_MATTER, PLAUSIBLE)


def _assert_clean_message(message: str, path: str) -> None:
    """One line naming ``path`` (Jekyll's "included from" lines excepted)."""
    first, *rest = message.split("\n")
    assert first.startswith(f"{path}:") or first.startswith(f"{path} "), message
    assert all(line.startswith("  included from ") for line in rest), message
    assert "Traceback" not in message


# -- front matter ------------------------------------------------------------------------------


@given(FRONTS, BODIES)
def test_any_front_matter_is_read_or_refused_with_a_clean_message(front: str, body: str) -> None:
    text = f"---\n{front}\n---\n{body}"
    try:
        parsed = parse_front_matter(text, PAGE)
        validate_front_matter(parsed.data, PAGE, lines=parsed.key_lines)
    except ContentError as err:
        _assert_clean_message(str(err), PAGE)


# -- Liquid ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def liquid_env(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("liquid")
    for name in ("_includes", "docs/en"):
        (root / name).mkdir(parents=True)
    (root / "_includes/note.html").write_text("{{ include.x }}{{ 1 | nope }}", "utf-8")
    settings = LiquidSettings(
        includes_dirs=(root / "_includes",),
        include_labels=("_includes",),
        site_url="https://example.com",
        baseurl="/repo",
        post_urls={"2024-01-02-hi": "/2024/01/02/hi/"},
        link_targets={"en/cv.md": "/en/cv/"},
        docs_dir=root / "docs",
    )
    return create_environment(settings), root


@given(BODIES, MAPPINGS)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_liquid_renders_or_fails_with_a_clean_message(
    liquid_env: Any, body: str, page: dict[str, Any]
) -> None:
    env, root = liquid_env
    context = {
        "page": {**page, "path": PAGE},
        "site": {"pages": [page], "posts": [], "data": {"x": [1, "a"]}},
    }
    try:
        render_markdown(
            env,
            body,
            path=PAGE,
            line_offset=3,
            context=context,
            source_file=root / "docs" / PAGE,
        )
    except ContentError as err:
        _assert_clean_message(str(err), PAGE)


# -- whole builds ------------------------------------------------------------------------------


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _errors_logged() -> Iterator[list[str]]:
    handler = _Errors()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    config = {
        "site_name": "Fuzz",
        "site_url": "https://example.com/repo/",
        "theme": {"name": "material"},
        "plugins": [{"jekyll": {}}],
    }
    write_files(
        root,
        {
            "mkdocs.yml": yaml.safe_dump(config),
            "docs/en/index.md": "# Home\n",
            "docs/en/_posts/2024-01-02-hi.md": "---\ntitle: Hi\n---\nHi\n",
        },
    )
    return root


@given(FRONTS, BODIES)
@settings(
    max_examples=BUILD_EXAMPLES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_a_random_page_builds_or_stops_with_one_clean_line(
    project: Path, front: str, body: str
) -> None:
    page = project / "docs" / PAGE
    page.write_text(f"---\n{front}\n---\n{body}", encoding="utf-8")
    with _errors_logged() as errors:
        try:
            build_project(project)
        except (Abort, PluginError, ConfigurationError) as err:
            event("the build stopped")
            assert errors or str(err), "the build stopped without saying why"
            for message in errors:
                if not _MKDOCS_PREFIX.fullmatch(message):
                    _assert_clean_message(message, PAGE)
        else:
            event("the page was built")
            assert not errors
            assert (project / "site").is_dir()
