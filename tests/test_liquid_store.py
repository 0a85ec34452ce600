"""The build cache's Liquid outputs: reused only when nothing Liquid reads has changed.

Given a site built once (which keeps every page's Liquid output in
``.cache/mkdocs-jekyll/liquid/``), when one kind of input changes and the site is built
again, then the output equals a clean build's of the changed sources, file by file, and the
kept outputs were used only when nothing changed. A build whose pages read the clock or
chance keeps none.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from mkdocs_jekyll.mkdocs import liquid_store, site_replay
from mkdocs_jekyll.mkdocs.parallel import can_fork
from sitebuild import THREE_LOCALES, make_site_builder, site_tree, warning_lines

FILES = {
    "docs/index.md": (
        "---\ntitle: Home\n---\n# Home\n\n{% for p in site.pages %}{{ p.title }}; {% endfor %}\n\n"
        "{% include note.html %}\n\nMotto: {{ site.data.facts.motto }}, {{ site.title }}.\n\n"
        "{% include_relative parts/aside.txt %}\n"
    ),
    "docs/a.md": "---\ntitle: A\n---\n# A\n\nSee [home]({{ '/' | relative_url }}).\n",
    "docs/b.md": "---\ntitle: B\n---\n# B\n\nPlain.\n",
    "docs/parts/aside.txt": "aside one\n",
    "_data/facts.yml": "motto: one\n",
    "_includes/note.html": "<p>note one</p>\n",
}
CONFIG: dict[str, Any] = {"theme": {"name": "material"}, "plugins": ["search", {"jekyll": {}}]}


@pytest.fixture
def reused(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether each build took the kept Liquid outputs, in build order."""
    seen: list[bool] = []
    real = liquid_store.LiquidStore.load

    def spy(self: Any) -> Any:
        found = real(self)
        seen.append(found is not None)
        return found

    monkeypatch.setattr(liquid_store.LiquidStore, "load", spy)
    yield seen


@dataclass(frozen=True)
class Case:
    description: str
    files: dict[str, str] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)
    reused: bool = False
    """Whether the second build takes the kept outputs."""


CASES = [
    Case("nothing changed: every output kept", reused=True),
    Case(
        "a page's text",
        files={"docs/b.md": "---\ntitle: B\n---\n# B\n\nPlain, {{ page.title }}.\n"},
    ),
    Case("a page's front matter", files={"docs/a.md": "---\ntitle: A2\n---\n# A\n\nText.\n"}),
    Case(
        "another page's front matter, which the home page lists through site.pages",
        files={"docs/b.md": "---\ntitle: B again\n---\n# B\n\nPlain.\n"},
    ),
    Case("_data", files={"_data/facts.yml": "motto: two\n"}),
    Case("an include", files={"_includes/note.html": "<p>note two</p>\n"}),
    Case("a file read with include_relative", files={"docs/parts/aside.txt": "aside two\n"}),
    Case("mkdocs.yml", config={"site_name": "Another name"}),
    Case(
        "the plugin's options",
        config={"plugins": ["search", {"jekyll": {"site": {"motto": "x"}}}]},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_a_rebuild_with_kept_liquid_equals_a_clean_build(
    tmp_path: Path, reused: list[bool], case: Case
) -> None:
    (tmp_path / "cached").mkdir()
    (tmp_path / "clean").mkdir()
    build = make_site_builder(tmp_path / "cached")
    build(files=FILES, strict=True, **CONFIG)
    assert reused == [False]
    assert len(_liquid_packs(tmp_path / "cached")) == 1
    config = {**CONFIG, **case.config}
    changed = {**FILES, **case.files}
    rebuilt = site_tree(build(files=changed, strict=True, **config))
    assert reused == [False, case.reused]
    *others, last = config["plugins"]
    (core,) = last
    options = {**last[core], "cache_enabled": False}
    clean_config = {**config, "plugins": [*others, {core: options}]}
    clean = site_tree(make_site_builder(tmp_path / "clean")(files=changed, **clean_config))
    assert sorted(rebuilt) == sorted(clean)
    assert [path for path in clean if _timeless(clean[path]) != _timeless(rebuilt[path])] == []
    # The pack of the changed inputs replaced the first one.
    assert len(_liquid_packs(tmp_path / "cached")) == 1


VOLATILE = [
    "{{ site.time }}",
    "{{ site['time'] | date: '%Y' }}",
    "{{ 'now' | date: '%Y' }}",
    "{{ ' Today ' | date_to_xmlschema }}",
    "{% for item in site %}{{ item[0] }}{% endfor %}",
    "{{ site | jsonify | size }}",
    "{{ site.pages | sample | map: 'title' }}",
]


@pytest.mark.parametrize("liquid", VOLATILE)
def test_a_page_reading_the_clock_or_chance_keeps_no_liquid_output(
    tmp_path: Path, reused: list[bool], liquid: str
) -> None:
    files = {"docs/index.md": f"---\ntitle: Home\n---\n# Home\n\n{liquid}\n"}
    build = make_site_builder(tmp_path)
    build(files=files, **CONFIG)
    build(files=files, **CONFIG)
    assert reused == [False, False]
    assert _liquid_packs(tmp_path) == []


def test_site_time_is_printed_anew_by_every_build(tmp_path: Path) -> None:
    files = {"docs/index.md": "---\ntitle: Home\n---\n# Home\n\nAt [{{ site.time }}].\n"}
    build = make_site_builder(tmp_path)
    first = (build(files=files, **CONFIG) / "index.html").read_text(encoding="utf-8")
    second = (build(files=files, **CONFIG) / "index.html").read_text(encoding="utf-8")
    stamps = [re.search(r"At \[([^\]]+)\]", text) for text in (first, second)]
    assert stamps[0] is not None and stamps[1] is not None
    assert stamps[0].group(1) != stamps[1].group(1)


def test_an_undated_collection_document_is_dated_by_the_build_and_keeps_no_output(
    tmp_path: Path, reused: list[bool]
) -> None:
    files = {
        "docs/index.md": "---\ntitle: Home\n---\n# Home\n",
        "docs/_recipes/soup.md": "---\ntitle: Soup\n---\nOn {{ page.date | date: '%Y' }}.\n",
    }
    config = {**CONFIG, "plugins": ["search", {"jekyll": {"collections": {"recipes": {}}}}]}
    build = make_site_builder(tmp_path)
    build(files=files, **config)
    build(files=files, **config)
    assert _liquid_packs(tmp_path) == []
    assert reused == []  # Not even looked up.


def test_a_page_reading_only_the_site_keeps_its_output(tmp_path: Path, reused: list[bool]) -> None:
    files = {"docs/index.md": "---\ntitle: Home\n---\n# Home\n\n{{ site.title }} {{ site.url }}\n"}
    build = make_site_builder(tmp_path)
    first = site_tree(build(files=files, **CONFIG))
    assert site_tree(build(files=files, **CONFIG)).keys() == first.keys()
    assert reused == [False, True]


def test_a_static_file_touched_renders_the_pages_again_only_when_they_list_static_files(
    tmp_path: Path, reused: list[bool]
) -> None:
    listing = "{% for f in site.static_files %}{{ f.name }} {{ f.modified_time }}{% endfor %}"
    for name, text, expected in (
        ("lists", listing, [False, False]),
        ("does-not-list", "{{ site.title }}", [False, True]),
    ):
        reused.clear()
        files = {"docs/index.md": f"---\ntitle: Home\n---\n# Home\n\n{text}\n"}
        build = make_site_builder(tmp_path / name)
        (tmp_path / name).mkdir()
        build(files=files, **CONFIG)
        image = tmp_path / name / "project/docs/image.txt"
        image.write_text("x", encoding="utf-8")
        os.utime(image, (1_000_000_000, 1_000_000_000))
        build(files=files, **CONFIG)  # A new static file: the key changes.
        os.utime(image, (1_100_000_000, 1_100_000_000))
        rebuilt = (build(files=files, **CONFIG) / "index.html").read_text(encoding="utf-8")
        assert reused == [False, False, *expected[1:]], name
        if name == "lists":
            assert "2004-11-09" in rebuilt  # 1,100,000,000 seconds: the new time.


def test_kept_outputs_log_their_warnings_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, reused: list[bool]
) -> None:
    files = {"docs/index.md": "---\ntitle: Home\n---\n# Home\n\n{{ 'x' | no_such_filter }}\n"}
    build = make_site_builder(tmp_path)
    lines = []
    for _ in range(2):
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            build(files=files, **CONFIG)
        lines.append(warning_lines(caplog))
    assert reused == [False, True]
    assert lines[0] == lines[1]
    assert any("no_such_filter" in line for line in lines[0])


@pytest.mark.parametrize(
    "damage",
    [lambda data: data[: len(data) // 2], lambda data: b"", lambda data: data[:-1] + b"?"],
    ids=["cut short", "empty", "checksum"],
)
def test_a_damaged_liquid_pack_is_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, reused: list[bool], damage: Any
) -> None:
    build = make_site_builder(tmp_path)
    first = site_tree(build(files=FILES, **CONFIG))
    (pack,) = _liquid_packs(tmp_path)
    pack.write_bytes(damage(pack.read_bytes()))
    with caplog.at_level(logging.WARNING):
        again = site_tree(build(files=FILES, **CONFIG))
    assert warning_lines(caplog) == [
        f"mkdocs_jekyll: The build cache entry '.cache/mkdocs-jekyll/liquid/{pack.name}' is "
        "damaged; it is ignored and rebuilt."
    ]
    assert reused == [False, False]
    assert [path for path in first if _timeless(first[path]) != _timeless(again[path])] == []
    # Rewritten whole: the next build takes it.
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        build(files=FILES, **CONFIG)
    assert warning_lines(caplog) == []
    assert reused == [False, False, True]


def _liquid_packs(root: Path) -> list[Path]:
    return sorted((root / "project/.cache/mkdocs-jekyll/liquid").glob("*.pack"))


def _timeless(data: bytes) -> bytes:
    """The file without jekyll-feed's ``<updated>``, the build time."""
    return re.sub(rb"<updated>[^<]*</updated>", b"", data)


@pytest.mark.skipif(not can_fork(), reason="the locale passes fork worker processes")
def test_locale_passes_in_workers_take_the_kept_outputs_as_one_process_would(
    tmp_path: Path, reused: list[bool]
) -> None:
    files = {
        f"docs/{locale}/{name}.md": (
            f"---\ntitle: {name} {locale}\ni18n_key: {name}\n---\n# {name}\n\n"
            "{% for p in site.pages %}{% if p.lang == page.lang %}{{ p.title }}; "
            "{% endif %}{% endfor %}\n\n{% include note.html %} {{ site.data.facts.motto }}\n"
        )
        for locale in ("en", "es-419", "pt-br")
        for name in ("index", "a", "b")
    }
    files |= {"_data/facts.yml": "motto: one\n", "_includes/note.html": "<p>note</p>\n"}

    def plugins(**core: Any) -> list[Any]:
        languages = {"languages": THREE_LOCALES, "parallel_workers": 2}
        return ["search", {"jekyll/i18n": languages}, {"jekyll": core}]

    (tmp_path / "cached").mkdir()
    (tmp_path / "clean").mkdir()
    build = make_site_builder(tmp_path / "cached")
    build(files=files, plugins=plugins())
    rebuilt = site_tree(build(files=files, plugins=plugins()))
    assert reused == [False, True]
    clean_build = make_site_builder(tmp_path / "clean")
    clean = site_tree(clean_build(files=files, plugins=plugins(cache_enabled=False)))
    assert sorted(rebuilt) == sorted(clean)
    assert [path for path in clean if _timeless(clean[path]) != _timeless(rebuilt[path])] == []


@pytest.mark.skipif(not can_fork(), reason="parallel passes fork worker processes")
def test_a_warm_build_on_one_process_per_cpu_cuts_no_locale_and_writes_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reused: list[bool]
) -> None:
    from test_balanced_passes import TITLED, _plugins, spy_plans

    plans = spy_plans(monkeypatch, 2)
    # The passes themselves, not the whole build replayed (``test_site_replay.py``).
    monkeypatch.setattr(site_replay.SiteReplay, "load", classmethod(lambda *args, **kwargs: None))
    (tmp_path / "cached").mkdir()
    (tmp_path / "clean").mkdir()
    build = make_site_builder(tmp_path / "cached")
    build(files=TITLED, plugins=_plugins({}))
    rebuilt = site_tree(build(files=TITLED, plugins=_plugins({})))
    assert reused == [False, True]
    # Cold: pt-br cut between the parent and the worker. Warm: every locale whole, the
    # parent building en then pt-br, the worker es-419.
    assert plans == [[["pt-br#0/2"], ["es-419", "pt-br#1/2"]], [["pt-br"], ["es-419"]]]
    plugins = _plugins({})
    plugins[2] = {"jekyll": {"cache_enabled": False}}
    clean = site_tree(make_site_builder(tmp_path / "clean")(files=TITLED, plugins=plugins))
    assert sorted(rebuilt) == sorted(clean)
    assert [path for path in clean if _timeless(clean[path]) != _timeless(rebuilt[path])] == []
