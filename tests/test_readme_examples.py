"""Every configuration and page the README shows builds, as written, with ``--strict``.

A README example is a fenced block preceded by a marker comment naming the example and
the file it is::

    <!-- example: minimal docs/en/index.md -->
    <!-- example: feeds mkdocs.yml on minimal -->

Blocks of one example make one project. ``on BASE`` starts from another example's files;
an ``mkdocs.yml`` block given that way is merged into the base's (mappings key by key,
``plugins`` plugin by plugin), so a fragment showing a few options is built in a whole site.
Given the README, when each example is built with ``--strict``, then it builds; every
``yaml``, ``markdown``, ``html`` and ``svg`` block is an example (none escapes the test);
and breaking an example makes the test fail.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.exceptions import Abort

from sitebuild import REPO, build_project, strict_abort

README = REPO / "README.md"
CHECKED_LANGUAGES = {"yaml", "yml", "markdown", "md", "html", "svg", "liquid", "json"}
_MARKER = re.compile(r"^\s*<!-- example: (?P<name>\S+) (?P<path>\S+)(?: on (?P<base>\S+))? -->$")
_FENCE = re.compile(r"^(?P<indent>\s*)```(?P<lang>[\w-]*)\s*$")


@dataclass
class Example:
    """One project of the README: its files and the example it starts from."""

    name: str
    files: dict[str, str] = field(default_factory=dict)
    base: str | None = None


@dataclass(frozen=True)
class Fence:
    """A fenced block: its first line (1-based), language and text (dedented)."""

    line: int
    lang: str
    text: str
    marker: re.Match[str] | None


def fences(text: str) -> list[Fence]:
    """The fenced blocks of a Markdown text, each with the marker comment right before it."""
    lines = text.splitlines()
    found: list[Fence] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent = opening["indent"]
        end = index + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        body = "\n".join(line.removeprefix(indent) for line in lines[index + 1 : end])
        marker = _MARKER.match(lines[index - 1]) if index > 0 else None
        found.append(Fence(index + 1, opening["lang"], textwrap.dedent(body) + "\n", marker))
        index = end + 1
    return found


def examples(text: str) -> dict[str, Example]:
    """The README's examples by name, their files in the order written."""
    result: dict[str, Example] = {}
    for fence in fences(text):
        if fence.marker is None:
            continue
        name, path, base = fence.marker["name"], fence.marker["path"], fence.marker["base"]
        example = result.setdefault(name, Example(name))
        if base is not None:
            example.base = base
        assert path not in example.files, f"README.md:{fence.line}: {name} gives {path} twice"
        example.files[path] = fence.text
    return result


def project_files(name: str, found: dict[str, Example]) -> dict[str, str]:
    """An example's files on top of its base's (``mkdocs.yml`` merged, others replaced)."""
    example = found[name]
    if example.base is None:
        return dict(example.files)
    files = project_files(example.base, found)
    for path, text in example.files.items():
        if path == "mkdocs.yml" and path in files:
            merged = merge(yaml.safe_load(files[path]), yaml.safe_load(text))
            files[path] = yaml.safe_dump(merged, allow_unicode=True, sort_keys=False)
        else:
            files[path] = text
    return files


def merge(base: Any, extra: Any, key: str = "") -> Any:
    """``extra`` over ``base``: mappings key by key, ``plugins`` by plugin name."""
    if isinstance(base, dict) and isinstance(extra, dict):
        result = dict(base)
        for name, value in extra.items():
            result[name] = merge(base[name], value, name) if name in base else value
        return result
    if key == "plugins" and isinstance(base, list) and isinstance(extra, list):
        plugins = {_plugin_name(item): item for item in base}
        for item in extra:
            name = _plugin_name(item)
            plugins[name] = merge(plugins[name], item) if name in plugins else item
        return list(plugins.values())
    return extra


def _plugin_name(item: Any) -> str:
    return item if isinstance(item, str) else next(iter(item))


def build_example(tmp_path: Path, files: dict[str, str]) -> Path:
    """Write an example's files into ``tmp_path`` and build them with ``--strict``."""
    for path, text in files.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return build_project(tmp_path, strict=True)


README_TEXT = README.read_text(encoding="utf-8")
EXAMPLES = examples(README_TEXT)


def test_every_configuration_and_page_block_is_an_example() -> None:
    unmarked = [
        f"README.md:{fence.line}: ```{fence.lang}"
        for fence in fences(README_TEXT)
        if fence.marker is None and fence.lang in CHECKED_LANGUAGES
    ]
    assert unmarked == []
    assert {"minimal", "feeds", "nav-one-menu", "nav-per-locale"} <= set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_readme_example_builds_strict(tmp_path: Path, name: str) -> None:
    files = project_files(name, EXAMPLES)
    assert "mkdocs.yml" in files, f"example '{name}' has no mkdocs.yml"
    site = build_example(tmp_path, files)
    assert (site / "index.html").is_file()


@dataclass(frozen=True)
class Breakage:
    description: str
    old: str
    new: str
    warnings: int


BREAKAGES = [
    Breakage(
        "a link to a page that does not exist",
        '"/en/cv/" | relative_url',
        '"/en/cvv/" | relative_url',
        1,
    ),
    Breakage("an avatar that is not in the site", "avatar: profile.svg", "avatar: me.png", 1),
    Breakage("a menu entry no page has", "url: /en/cv/", "url: /en/resume/", 1),
]


@pytest.mark.parametrize("case", BREAKAGES, ids=lambda c: c.description)
def test_a_broken_example_fails_the_test(tmp_path: Path, case: Breakage) -> None:
    assert README_TEXT.count(case.old) == 1
    broken = examples(README_TEXT.replace(case.old, case.new))
    name = next(
        name
        for name, example in broken.items()
        if any(case.new in t for t in example.files.values())
    )
    with pytest.raises(Abort, match=strict_abort(case.warnings)):
        build_example(tmp_path, project_files(name, broken))
