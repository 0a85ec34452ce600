"""Front matter defaults: scope, precedence and deep merge, as Jekyll's FrontmatterDefaults.

Scenarios ported from Jekyll's ``test/test_front_matter_defaults.rb`` and
``features/frontmatter_defaults.feature`` cite their source in the description.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_jekyll.jekyll.defaults import FrontMatterDefaults, deep_merge

JEKYLL = shutil.which("jekyll")


@dataclass(frozen=True)
class Case:
    """Defaults sets, one document, and the defaults it should receive."""

    description: str
    sets: list[Any]
    path: str
    type: str = "pages"
    want: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    collections_dir: str = ""


def _ids(cases: list[Case]) -> list[str]:
    return [case.description for case in cases]


def _set(values: dict[str, Any], **scope: str) -> dict[str, Any]:
    return {"scope": scope, "values": values}


KEY = {"key": "val"}
ALL_CASES = [
    # test_front_matter_defaults.rb
    Case(
        "rb: full front matter defaults (path and deprecated type)",
        [_set(KEY, path="contacts", type="page")],
        "contacts/bar.html",
        want=KEY,
        problems=["defaults[0].scope.type: 'page' is deprecated; write 'pages'"],
    ),
    Case(
        "rb: full front matter defaults do not leak to other folders",
        [_set(KEY, path="contacts", type="pages")],
        "index.html",
    ),
    Case("rb: type pages and an extension", [_set(KEY, path="index.html")], "index.html", want=KEY),
    Case(
        "rb: type pages and an extension, other page", [_set(KEY, path="index.html")], "about.html"
    ),
    Case("rb: no type", [_set(KEY, path="win")], "win/foo.html", want=KEY),
    Case(
        "rb: no path and a deprecated type",
        [_set(KEY, type="page")],
        "x.html",
        want=KEY,
        problems=["defaults[0].scope.type: 'page' is deprecated; write 'pages'"],
    ),
    Case("rb: no path", [_set(KEY, type="pages")], "x/y.html", want=KEY),
    Case(
        "rb: no path, another type",
        [_set(KEY, type="pages")],
        "_posts/2024-01-01-a.md",
        type="posts",
    ),
    Case("rb: no path or type", [_set(KEY)], "_posts/2024-01-01-a.md", type="posts", want=KEY),
    Case("rb: no scope", [{"values": KEY}], "x.html", want=KEY),
    Case("rb: glob scope", [_set(KEY, path="contacts/*.html")], "contacts/bar.html", want=KEY),
    Case("rb: glob scope, other extension", [_set(KEY, path="contacts/*.html")], "contacts/bar.md"),
    Case("rb: recursive glob scope", [_set(KEY, path="**/*.md")], "a/b/c.md", want=KEY),
    Case("rb: glob scope matches a folder", [_set(KEY, path="en/*")], "en/sub/x.md", want=KEY),
    Case("rb: glob wildcards skip dot files", [_set(KEY, path="*")], ".hidden/x.md"),
    Case(
        "rb: collections_dir in the scope path",
        [_set(KEY, path="gathering/_staff", type="staff")],
        "_staff/a.md",
        type="staff",
        want=KEY,
        collections_dir="gathering",
    ),
    # features/frontmatter_defaults.feature
    Case(
        "feature: Override frontmatter defaults by path",
        [_set({"d": "all"}, path=""), _set({"d": "special"}, path="special")],
        "special/x.md",
        want={"d": "special"},
    ),
    Case(
        "feature: Override frontmatter defaults by path (written backwards)",
        [_set({"d": "special"}, path="special"), _set({"d": "all"}, path="")],
        "special/x.md",
        want={"d": "special"},
    ),
    Case(
        "feature: Override frontmatter defaults by type",
        [_set({"d": "typed"}, path="", type="posts"), _set({"d": "all"}, path="")],
        "_posts/2024-01-01-a.md",
        type="posts",
        want={"d": "typed"},
    ),
    Case(
        "feature: Deep merge frontmatter defaults",
        [
            _set({"h": {"image": "a", "overlay": "dark"}}, path=""),
            _set({"h": {"image": "b"}}, path="en"),
        ],
        "en/x.md",
        want={"h": {"image": "b", "overlay": "dark"}},
    ),
    Case(
        "feature: Use frontmatter defaults in collections",
        [_set({"d": "talk"}, path="", type="talks")],
        "_talks/a.md",
        type="talks",
        want={"d": "talk"},
    ),
    # precedence rules and quirks
    Case(
        "a later set beats an earlier one of equal precedence",
        [_set({"d": 1}, path="en"), _set({"d": 2}, path="en")],
        "en/x.md",
        want={"d": 2},
    ),
    Case(
        "a longer path beats a typed shorter one",
        [_set({"d": "long"}, path="en/sub"), _set({"d": "typed"}, path="en", type="pages")],
        "en/sub/x.md",
        want={"d": "long"},
    ),
    Case(
        "scope paths are string prefixes, as in Jekyll",
        [_set(KEY, path="en")],
        "english/x.md",
        want=KEY,
    ),
    Case(
        "a leading slash never matches, as in Jekyll",
        [_set(KEY, path="/en")],
        "en/x.md",
        problems=[
            "defaults[0].scope.path: '/en' starts with '/', so Jekyll never matches it; write 'en'"
        ],
    ),
    # malformed sets are warnings, not failures (frontmatter_defaults.rb valid_sets)
    Case(
        "a set that is not a mapping",
        ["oops", _set(KEY)],
        "x.md",
        want=KEY,
        problems=[
            "defaults[0]: expected a mapping with 'scope' and 'values', received 'oops' (str); "
            "the set is ignored"
        ],
    ),
    Case(
        "a set without values",
        [{"scope": {"path": ""}}],
        "x.md",
        problems=[
            "defaults[0].values: expected a mapping of front matter keys, received nothing; the "
            "set is ignored"
        ],
    ),
    Case(
        "values that are not a mapping",
        [{"values": ["a"]}],
        "x.md",
        problems=[
            "defaults[0].values: expected a mapping of front matter keys, received ['a'] (list); "
            "the set is ignored"
        ],
    ),
    Case(
        "a scope that is not a mapping",
        [{"scope": "en", "values": KEY}],
        "en/x.md",
        problems=[
            "defaults[0].scope: expected a mapping with 'path' and/or 'type', received 'en' "
            "(str); the set is ignored"
        ],
    ),
    Case(
        "a scope path that is not a string",
        [{"scope": {"path": 3}, "values": KEY}],
        "x.md",
        problems=[
            "defaults[0].scope.path: expected a string, received 3 (int); the set is ignored"
        ],
    ),
    Case(
        "defaults that are not a list",
        {"values": KEY},  # type: ignore[arg-type]
        "x.md",
        problems=["expected a list of sets, received {'values': {'key': 'val'}} (dict)"],
    ),
]


@pytest.mark.parametrize("case", ALL_CASES, ids=_ids(ALL_CASES))
def test_all(case: Case) -> None:
    defaults = FrontMatterDefaults(case.sets, collections_dir=case.collections_dir)
    assert defaults.all(case.path, case.type) == case.want
    assert defaults.problems() == case.problems


def test_find_returns_the_winning_value_unmerged() -> None:
    defaults = FrontMatterDefaults(
        [_set({"h": {"a": 1}, "x": 1}, path=""), _set({"h": {"b": 2}}, path="en")]
    )
    assert defaults.find("en/x.md", "pages", "h") == {"b": 2}
    assert defaults.find("en/x.md", "pages", "x") == 1
    assert defaults.find("en/x.md", "pages", "missing") is None


def test_apply_puts_front_matter_over_defaults() -> None:
    defaults = FrontMatterDefaults([_set({"layout": "single", "h": {"a": 1}, "tags": ["x"]})])
    front = {"layout": None, "h": {"b": 2}, "tags": ["y"], "title": "T"}
    assert defaults.apply(front, "x.md", "pages") == {
        "layout": "single",
        "h": {"a": 1, "b": 2},
        "tags": ["y"],
        "title": "T",
    }


MERGE_CASES = [
    Case(
        "mappings merge key by key",
        [{"a": {"x": 1}}, {"a": {"y": 2}}],
        "",
        want={"a": {"x": 1, "y": 2}},
    ),
    Case("None keeps the base value", [{"a": 1}, {"a": None}], "", want={"a": 1}),
    Case("a new None key is kept", [{}, {"a": None}], "", want={"a": None}),
    Case("lists replace", [{"a": [1]}, {"a": [2]}], "", want={"a": [2]}),
    Case("a scalar replaces a mapping", [{"a": {"x": 1}}, {"a": 3}], "", want={"a": 3}),
]


@pytest.mark.parametrize("case", MERGE_CASES, ids=_ids(MERGE_CASES))
def test_deep_merge_mirrors_utils_deep_merge_hashes(case: Case) -> None:
    assert deep_merge(case.sets[0], case.sets[1]) == case.want


def test_deep_merge_copies_nested_values() -> None:
    base = {"h": {"a": [1]}}
    merged = deep_merge(base, {})
    merged["h"]["a"].append(2)
    assert base == {"h": {"a": [1]}}


# -- properties --------------------------------------------------------------------------------

# Every scope below matches "en/sub/x.md"; each (path length, typed) pair is used once.
SCOPES = [{"path": p} for p in ("", "e", "en", "en/", "en/s", "en/sub")] + [
    {"path": p, "type": "pages"} for p in ("", "e", "en", "en/", "en/s", "en/sub")
]
VALUES = st.dictionaries(
    st.sampled_from(["a", "b", "h"]),
    st.integers(0, 9) | st.dictionaries(st.sampled_from(["x", "y"]), st.integers(0, 9)),
    max_size=3,
)


@given(
    st.lists(st.tuples(st.sampled_from(range(len(SCOPES))), VALUES), unique_by=lambda t: t[0]),
    st.randoms(),
)
def test_defaults_do_not_depend_on_the_order_of_the_sets(items: list[Any], rnd: Any) -> None:
    sets = [{"scope": SCOPES[index], "values": values} for index, values in items]
    shuffled = list(sets)
    rnd.shuffle(shuffled)
    first, second = FrontMatterDefaults(sets), FrontMatterDefaults(shuffled)
    assert first.all("en/sub/x.md", "pages") == second.all("en/sub/x.md", "pages")
    for key in ("a", "b", "h"):
        assert first.find("en/sub/x.md", "pages", key) == second.find("en/sub/x.md", "pages", key)


# -- against the real Jekyll -------------------------------------------------------------------

ORACLE_SETS: list[dict[str, Any]] = [
    {"values": {"k1": "all", "header": {"image": "all.png", "overlay": "dark"}}},
    _set({"k5": "deprecated-page"}, type="page"),
    _set({"k1": "posts"}, path="", type="posts"),
    _set({"k5": "slash"}, path="/en"),
    _set({"k3": "e-prefix"}, path="e"),
    _set({"k1": "en-first"}, path="en"),
    _set({"k1": "en-second"}, path="en"),
    _set({"k2": "special", "header": {"image": "special.png"}}, path="special"),
    _set({"k2": "special-pages"}, path="special", type="pages"),
    _set({"k3": "staff"}, path="_staff", type="staff"),
    _set({"k4": "glob"}, path="en/*.html"),
]
# path -> (type, front matter)
ORACLE_DOCS: dict[str, tuple[str, dict[str, Any]]] = {
    "x.html": ("pages", {}),
    "en/x.html": ("pages", {"k1": None, "header": {"caption": "fm"}}),
    "en/sub/y.html": ("pages", {}),
    "english/z.html": ("pages", {}),
    "special/y.html": ("pages", {"k2": "own"}),
    "special/w.html": ("pages", {}),
    "_posts/2024-01-01-p.html": ("posts", {}),
    "special/_posts/2024-01-01-q.html": ("posts", {}),
    "_staff/s.html": ("staff", {}),
}
ORACLE_KEYS = ["k1", "k2", "k3", "k4", "k5", "header"]


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_defaults_match_jekyll(tmp_path: Path) -> None:
    source = tmp_path / "src"
    config = {"collections": {"staff": {"output": True}}, "defaults": ORACLE_SETS}
    source.mkdir()
    (source / "_config.yml").write_text(json.dumps(config), encoding="utf-8")
    body = "\n".join(f"{key}={{{{ page.{key} | jsonify }}}}" for key in ORACLE_KEYS)
    for path, (_, front) in ORACLE_DOCS.items():
        target = source / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f"---\n{json.dumps(front)}\n---\nsrc={json.dumps(path)}\n{body}\n", encoding="utf-8"
        )
    site = tmp_path / "site"
    assert JEKYLL is not None
    subprocess.run(
        [JEKYLL, "build", "--quiet", "--disable-disk-cache", "-s", str(source), "-d", str(site)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    got: dict[str, dict[str, Any]] = {}
    for output in site.rglob("*.html"):
        lines = output.read_text(encoding="utf-8").strip().splitlines()
        values = {k: json.loads(v) for k, v in (line.split("=", 1) for line in lines)}
        got[values.pop("src")] = values
    defaults = FrontMatterDefaults(ORACLE_SETS)
    want = {
        path: {key: defaults.apply(front, path, type_).get(key) for key in ORACLE_KEYS}
        for path, (type_, front) in ORACLE_DOCS.items()
    }
    assert got == want
