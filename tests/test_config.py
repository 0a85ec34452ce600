"""The ``jekyll`` options are checked when MkDocs reads ``mkdocs.yml`` (``mkdocs/config.py``).

A wrong type is MkDocs' usual configuration error, naming the key below the option
(``option 'defaults[1].scope'``); the shapes Jekyll itself tolerates with a warning (a
malformed ``defaults`` set, frontmatter_defaults.rb ``valid_sets``) pass through and are
warned about by the build, as in Jekyll.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from sitebuild import CONFIG_ERROR, BuildSite, strict_abort, warning_lines, write_files

ALL_SKINS = (
    "'default', 'air', 'aqua', 'contrast', 'dark', 'dirt', 'mint', 'neon', 'plum', 'sunrise'"
)
PREFIX = "Config value 'plugins': Plugin 'jekyll' option "


def _project(root: Path, jekyll: dict[str, Any]) -> Path:
    """A project in ``root`` whose ``mkdocs.yml`` gives the ``jekyll`` plugin ``jekyll``."""
    settings = {
        "site_name": "Test site",
        "theme": {"name": "material"},
        "plugins": [{"jekyll": jekyll}],
    }
    write_files(root, {"docs/index.md": "# Home\n"})
    (root / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return root / "mkdocs.yml"


def _options(path: Path, *, strict: bool = False) -> Any:
    """The validated ``jekyll`` options of the project's ``mkdocs.yml``."""
    return load_config(str(path), strict=strict).plugins["jekyll"].config


@dataclass(frozen=True)
class Case:
    """Options given to the plugin, and the one configuration error they cause."""

    description: str
    options: dict[str, Any]
    error: str


ERRORS = [
    # defaults: the type errors Jekyll crashes on (NoMethodError) are errors here
    Case("defaults that are not a list", {"defaults": {"values": {"layout": "single"}}},
         "'defaults': Expected a list of sets ({scope: {path, type}, values: {...}}), received "
         "{'values': {'layout': 'single'}} (dict)."),
    Case("a defaults scope that is not a mapping",
         {"defaults": [{"values": {"a": 1}}, {"scope": "en", "values": {"a": 1}}]},
         "'defaults[1].scope': Expected a mapping with 'path' and/or 'type', received 'en' "
         "(str)."),
    Case("a defaults scope type that is not a string",
         {"defaults": [{"scope": {"type": 3}, "values": {"a": 1}}]},
         "'defaults[0].scope.type': Expected type: <class 'str'> but received: <class 'int'>"),
    # collections
    Case("collections that are neither a mapping nor a list", {"collections": "talks"},
         "'collections': Expected a mapping of labels to {output, permalink} or a list of "
         "labels, received 'talks' (str)."),
    Case("a collection label that is not a name", {"collections": ["talks", 3]},
         "'collections[1]': Expected a collection label such as 'talks', received 3 (int)."),
    Case("collection metadata that is not a mapping", {"collections": {"talks": "yes"}},
         "'collections.talks': Expected a mapping such as {output: true, permalink: ...}, "
         "received 'yes' (str)."),
    Case("a collection output that is not a boolean",
         {"collections": {"talks": {"output": "yes"}}},
         "'collections.talks.output': Expected type: <class 'bool'> but received: <class 'str'>"),
    Case("a collection permalink that is not a string",
         {"collections": {"talks": {"permalink": ["/a/"]}}},
         "'collections.talks.permalink': Expected type: <class 'str'> but received: "
         "<class 'list'>"),
    Case("a collection order that is not a list of names",
         {"collections": {"talks": {"order": "a.md"}}},
         "'collections.talks.order': Expected a list of items, but a <class 'str'> was given."),
    # author
    Case("an author that is not a mapping", {"author": "Ada"},
         "'author': Expected a mapping such as {name: ..., bio: ...}, received 'Ada' (str)."),
    Case("an author bio that is a list", {"author": {"name": "Ada", "bio": ["a", "b"]}},
         "'author.bio': Expected text or a mapping of locales to text ({en: ..., es-419: ...}), "
         "received ['a', 'b'] (list)."),
    Case("author links that are not a list", {"author": {"name": "Ada", "links": "https://x"}},
         "'author.links': Expected a list of {label, icon, url}, received 'https://x' (str)."),
    Case("an author link that is not a mapping",
         {"author": {"name": "Ada", "links": [{"label": "x", "url": "https://x/"}, 3]}},
         "'author.links[1]': Expected a mapping with 'label', 'icon' and 'url', received 3 "
         "(int)."),
    Case("an author link url that is a list",
         {"author": {"name": "Ada", "links": [{"label": "x", "url": ["https://x/"]}]}},
         "'author.links[0].url': Expected text, received ['https://x/'] (list)."),
    Case("an academicpages flat key that is a mapping",
         {"author": {"name": "Ada", "github": {"user": "ada"}}},
         "'author.github': Expected text, received {'user': 'ada'} (dict)."),
    # site
    Case("site that is not a mapping", {"site": ["tagline"]},
         "'site': Expected a dict of items, but a <class 'list'> was given."),
    # timezone
    Case("a misspelt timezone suggests the closest zone", {"timezone": "America/Bogata"},
         "'timezone': Expected an IANA time zone such as 'Europe/Paris' or 'UTC', received "
         "'America/Bogata'; did you mean 'America/Bogota'?"),
    Case("a timezone in the wrong case suggests the zone", {"timezone": "europe/paris"},
         "'timezone': Expected an IANA time zone such as 'Europe/Paris' or 'UTC', received "
         "'europe/paris'; did you mean 'Europe/Paris'?"),
    Case("a timezone far from any zone", {"timezone": "Nowhere at all"},
         "'timezone': Expected an IANA time zone such as 'Europe/Paris' or 'UTC', received "
         "'Nowhere at all'."),
    Case("a timezone that is a path", {"timezone": "../../etc/passwd"},
         "'timezone': Expected an IANA time zone such as 'Europe/Paris' or 'UTC', received "
         "'../../etc/passwd'."),
    Case("a timezone that is a number", {"timezone": 5},
         "'timezone': Expected type: <class 'str'> but received: <class 'int'>"),
    # minimal_mistakes_skin
    Case("a misspelt skin suggests the closest skin", {"minimal_mistakes_skin": "darkk"},
         f"'minimal_mistakes_skin': Expected one of {ALL_SKINS}, received 'darkk'; did you "
         "mean 'dark'?"),
    Case("a skin that is no Minimal Mistakes skin", {"minimal_mistakes_skin": "solarized"},
         f"'minimal_mistakes_skin': Expected one of {ALL_SKINS}, received 'solarized'"),
    # look
    Case("a look that is neither Minimal Mistakes' nor Material's", {"look": "fancy"},
         "'look': Expected one of: ('minimal-mistakes', 'material') but received: 'fancy'"),
]  # fmt: skip


@pytest.mark.parametrize("case", ERRORS, ids=lambda case: case.description)
def test_given_a_wrong_type_when_mkdocs_yml_is_read_then_the_error_names_the_key(
    case: Case, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = _project(tmp_path, case.options)
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=CONFIG_ERROR):
        load_config(str(config))
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("ERROR", PREFIX + case.error)
    ]


@dataclass(frozen=True)
class Valid:
    """Options the plugin accepts, and what the plugin then holds."""

    description: str
    options: dict[str, Any]
    expected: dict[str, Any] = field(default_factory=dict)
    """Option -> validated value; unset: the options as given."""


VALID = [
    Valid("defaults in Jekyll's format",
          {"defaults": [{"scope": {"path": "en", "type": "posts"}, "values": {"layout": "single"}},
                        {"values": {"author_profile": True}}]}),
    Valid("collections as a list of labels", {"collections": ["talks", "staff"]}),
    Valid("collections as a mapping, metadata of the theme's own kept",
          {"collections": {"talks": {"output": True, "permalink": "/:collection/:name/",
                                     "sort_by": "date", "order": ["a.md"], "people": 3}}}),
    Valid("a collection without metadata", {"collections": {"talks": None}},
          {"collections": {"talks": {}}}),
    Valid("an academicpages author with numbers and a theme's own keys",
          {"author": {"name": "Ada", "stackoverflow": 123456, "googlescholar": "x",
                      "uri": "https://ada.example/", "theme_key": [1, {"a": 2}]}}),
    Valid("a Minimal Mistakes author, text per locale",
          {"author": {"name": {"en": "Ada", "es-419": "Ada L."}, "bio": {"en": "Engineer"},
                      "links": [{"label": {"en": "Site", "es": "Sitio"},
                                 "icon": "fas fa-link", "url": "https://ada.example/"}]}}),
    Valid("an empty author", {"author": None}, {"author": {}}),
    Valid("free site keys", {"site": {"tagline": "Hi", "nested": {"list": [1]}}}),
    Valid("an IANA timezone", {"timezone": "America/Bogota"}),
    Valid("a skin with capitals and spaces", {"minimal_mistakes_skin": " Dark "},
          {"minimal_mistakes_skin": "dark"}),
]  # fmt: skip


@pytest.mark.parametrize("case", VALID, ids=lambda case: case.description)
def test_given_valid_options_then_they_load_as_written_without_warnings(
    case: Valid, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = _project(tmp_path, case.options)
    with caplog.at_level(logging.WARNING):
        options = _options(config, strict=True)
    assert {key: options[key] for key in case.options} == (case.expected or case.options)
    assert caplog.records == []


def test_given_an_unknown_key_in_a_defaults_set_then_mkdocs_warns_and_strict_fails(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Jekyll reads only `scope.path` and `scope.type`: a misspelt `path` would apply the
    # set to every document, so it is named.
    config = _project(
        tmp_path, {"defaults": [{"scope": {"paht": "en"}, "values": {"a": 1}, "scopes": {}}]}
    )
    warnings = [
        f"{PREFIX}'defaults[0].scope': Unrecognised configuration name: paht",
        f"{PREFIX}'defaults[0]': Unrecognised configuration name: scopes",
    ]
    with caplog.at_level(logging.WARNING):
        _options(config)
    assert warning_lines(caplog) == warnings
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort) as raised:
        _options(config, strict=True)
    assert str(raised.value) == "Aborted with 2 configuration warnings in 'strict' mode!"
    assert warning_lines(caplog) == warnings


def test_given_sets_jekyll_skips_then_the_build_warns_as_jekyll_does(
    build_site: BuildSite, caplog: pytest.LogCaptureFixture
) -> None:
    # frontmatter_defaults.rb valid_sets: "An invalid front-matter default set was found",
    # and the set is skipped; the other sets still apply.
    defaults = ["oops", {"scope": {"path": ""}}, {"values": {"title": "From defaults"}}]
    files = {"docs/index.md": "Home\n"}
    warnings = [
        "mkdocs_jekyll: mkdocs.yml: plugins.jekyll.defaults[0]: expected a mapping with 'scope' "
        "and 'values', received 'oops' (str); the set is ignored",
        "mkdocs_jekyll: mkdocs.yml: plugins.jekyll.defaults[1].values: expected a mapping of "
        "front matter keys, received nothing; the set is ignored",
    ]
    with caplog.at_level(logging.WARNING):
        site = build_site(files=files, plugins=[{"jekyll": {"defaults": defaults}}])
    assert warning_lines(caplog) == warnings
    assert "<title>From defaults - Test site</title>" in (site / "index.html").read_text("utf-8")
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match=strict_abort(2)):
        build_site(files=files, strict=True, plugins=[{"jekyll": {"defaults": defaults}}])
    assert warning_lines(caplog) == warnings


def test_given_a_wrong_type_when_mkdocs_build_runs_then_it_prints_one_line_and_exits_1(
    tmp_path: Path,
) -> None:
    _project(tmp_path, {"defaults": [{"values": {"a": 1}}, {"scope": "en", "values": {"a": 1}}]})
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"ERROR   -  {PREFIX}'defaults[1].scope': Expected a mapping with 'path' and/or "
        "'type', received 'en' (str)."
    ]
    assert done.stdout.strip() == "Aborted with a configuration error!"
    assert not (tmp_path / "site").exists()
