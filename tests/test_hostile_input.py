"""Hostile and broken input: links leaving the site's folders, files that are not UTF-8.

Given a project whose folders hold symbolic links to files outside them (``docs/en/etc ->
/etc``), when it is built, then nothing is read through those links, as in Jekyll's safe mode
(``EntryFilter#symlink?``, ``include.rb`` ``valid_include_file?``), and each link is named in
a warning, so ``--strict`` fails. Given a page, data file or include that is not UTF-8, the
build stops with one line naming the file before ``site/`` is touched; under ``mkdocs
serve`` the page shows the error and the rest of the site is built.
"""

from __future__ import annotations

import codecs
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_jekyll.jekyll.errors import ContentError
from mkdocs_jekyll.jekyll.safe_paths import FolderGuard, escaping_link, is_inside, read_utf8
from sitebuild import (
    BUILD_ERROR,
    build_project,
    error_lines,
    html,
    strict_abort,
    two_locale_plugins,
    write_files,
    write_project,
)

SECRET = "TOP-SECRET-0451"
PLUGIN = "mkdocs.plugins.mkdocs_jekyll"
SAFE_MODE = "skipped (as Jekyll's safe mode does)"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project, with files holding the secret (a file and a folder)."""
    folder = tmp_path / "outside"
    write_files(
        folder,
        {
            "secret.txt": f"{SECRET}\n",
            "etc/passwd": f"root:{SECRET}\n",
            "etc/page.md": f"---\ntitle: Leak\n---\n{SECRET}\n",
            "team.yml": f"lead: {SECRET}\n",
            "note.html": f"<b>{SECRET}</b>",
            "main.html": f"{SECRET}",
            "snippet.md": f"{SECRET}\n",
        },
    )
    return folder.resolve()


def _project(root: Path, files: dict[str, str], **config: Any) -> Path:
    """A project folder with ``files`` and a ``mkdocs.yml`` (Material, the jekyll plugin)."""
    return write_project(root, files, **{"site_name": "Hostile", **config})


def _link(link: Path, target: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _leaks(site: Path) -> list[str]:
    """Output files holding the secret (every file, read as bytes)."""
    return [path for path, data in _tree(site).items() if SECRET.encode() in data]


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage().removeprefix("mkdocs_jekyll: ")
        for r in caplog.records
        if r.levelno == logging.WARNING and r.name.startswith(PLUGIN)
    ]


def _assert_strict_fails_on(
    project: Path, caplog: pytest.LogCaptureFixture, warnings: list[str]
) -> None:
    """A strict build of ``project`` aborts on exactly ``warnings`` (and builds nothing)."""
    caplog.clear()
    with (
        caplog.at_level(logging.WARNING),
        pytest.raises(Abort, match=strict_abort(len(warnings))),
    ):
        build_project(project, strict=True)
    assert _warnings(caplog) == warnings


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


# -- links in docs_dir ----------------------------------------------------------------------


@pytest.fixture
def linked_docs(tmp_path: Path, outside: Path) -> Path:
    """docs/en/passwd -> a file outside, docs/en/etc -> a folder outside, two inside links."""
    project = _project(
        tmp_path / "project",
        {
            "docs/en/index.md": "---\ntitle: Home\n---\n# Home\n",
            "docs/en/real.md": "---\ntitle: Real\n---\nREAL-PAGE\n",
            "docs/assets/logo.svg": "<svg>LOGO</svg>",
        },
    )
    docs = project / "docs"
    _link(docs / "en/passwd", outside / "secret.txt")
    _link(docs / "en/etc", outside / "etc")
    _link(docs / "en/alias.md", Path("real.md"))  # relative, inside its own folder
    _link(docs / "en/logo.svg", docs / "assets/logo.svg")  # absolute, inside docs
    return project


def test_links_leaving_docs_are_not_followed_and_each_is_named_once(
    linked_docs: Path, outside: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        site = build_project(linked_docs)
    assert _leaks(site) == []
    assert not (site / "en/passwd").exists()
    assert not (site / "en/etc").exists()
    assert _warnings(caplog) == [
        f"en/passwd: symlink to '{outside / 'secret.txt'}' points outside docs_dir; {SAFE_MODE}",
        f"en/etc: symlink to '{outside / 'etc'}' points outside docs_dir; {SAFE_MODE}",
    ]


def test_links_inside_docs_keep_working(linked_docs: Path) -> None:
    site = build_project(linked_docs)
    assert "REAL-PAGE" in html(site / "en/alias/index.html").get_text()
    assert (site / "en/logo.svg").read_text(encoding="utf-8") == "<svg>LOGO</svg>"


def test_links_leaving_docs_fail_a_strict_build(
    linked_docs: Path, outside: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _assert_strict_fails_on(
        linked_docs,
        caplog,
        [
            f"en/passwd: symlink to '{outside / 'secret.txt'}' points outside docs_dir; "
            f"{SAFE_MODE}",
            f"en/etc: symlink to '{outside / 'etc'}' points outside docs_dir; {SAFE_MODE}",
        ],
    )


def test_a_two_locale_site_names_each_link_once_and_leaks_nothing(
    tmp_path: Path, outside: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = _project(
        tmp_path / "project",
        {
            "docs/en/index.md": "# Home\n",
            "docs/es-419/index.md": "# Inicio\n",
        },
        plugins=two_locale_plugins(),
    )
    _link(project / "docs/es-419/etc", outside / "etc")
    with caplog.at_level(logging.WARNING):
        site = build_project(project)
    assert _leaks(site) == []
    assert _warnings(caplog) == [
        f"es-419/etc: symlink to '{outside / 'etc'}' points outside docs_dir; {SAFE_MODE}"
    ]


# -- links in _data, _includes, overrides and include_relative ------------------------------


def test_a_data_file_linked_from_outside_is_skipped_and_an_inside_link_read(
    tmp_path: Path, outside: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = _project(
        tmp_path / "project",
        {
            "docs/index.md": "LEAD-{{ site.data.team.lead }} ALIAS-{{ site.data.alias.name }}\n",
            "_data/people.yml": "name: Ada\n",
        },
    )
    _link(project / "_data/team.yml", outside / "team.yml")
    _link(project / "_data/alias.yml", Path("people.yml"))
    _link(project / "_data/etc", outside / "etc")
    with caplog.at_level(logging.WARNING):
        site = build_project(project)
    assert _leaks(site) == []
    text = html(site / "index.html").get_text()
    assert "LEAD- " in text and "ALIAS-Ada" in text
    warnings = [
        f"_data/etc: symlink to '{outside / 'etc'}' points outside _data; {SAFE_MODE}",
        f"_data/team.yml: symlink to '{outside / 'team.yml'}' points outside _data; {SAFE_MODE}",
    ]
    assert _warnings(caplog) == warnings
    _assert_strict_fails_on(project, caplog, warnings)


@dataclass
class LinkCase:
    """A page reading a linked file that leaves its folder: the build stops, naming both."""

    description: str
    page: str
    link: str
    target: str
    message: str
    files: dict[str, str] = field(default_factory=dict)


LINK_CASES = [
    LinkCase(
        "include",
        "x {% include note.html %}\n",
        "_includes/note.html",
        "note.html",
        "index.md:1:6: '_includes/note.html' is a symlink to '{target}', outside _includes; "
        "it is not read (as Jekyll's safe mode does): move the file into the folder instead "
        "of linking it",
    ),
    LinkCase(
        "include_relative",
        "x {% include_relative snippet.md %}\n",
        "docs/snippet.md",
        "snippet.md",
        "index.md:1:6: 'snippet.md' is a symlink to '{target}', outside docs_dir; "
        "it is not read (as Jekyll's safe mode does): move the file into the folder instead "
        "of linking it",
    ),
]


@pytest.mark.parametrize("case", LINK_CASES, ids=lambda case: case.description)
def test_an_include_linked_from_outside_is_not_read(
    case: LinkCase, tmp_path: Path, outside: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = _project(tmp_path / "project", {"docs/index.md": case.page})
    _link(project / case.link, outside / case.target)
    with (
        caplog.at_level(logging.ERROR),
        pytest.raises(Abort, match=r"^Aborted with a BuildError!$"),
    ):
        build_project(project)
    assert _errors(caplog) == [case.message.format(target=outside / case.target)]
    assert not (project / "site").exists()


def test_include_relative_follows_a_link_to_another_folder_of_docs(tmp_path: Path) -> None:
    # include.rb checks `outside_site_source?` only: any file of the site source will do.
    project = _project(
        tmp_path / "project",
        {
            "docs/en/page.md": "x {% include_relative shared.md %}\n",
            "docs/shared/text.md": "SHARED-TEXT\n",
        },
    )
    _link(project / "docs/en/shared.md", Path("../shared/text.md"))
    site = build_project(project)
    assert "SHARED-TEXT" in html(site / "en/page/index.html").get_text()


def test_overrides_linked_from_outside_are_neither_rendered_nor_copied(
    tmp_path: Path, outside: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = _project(
        tmp_path / "project",
        {
            "docs/index.md": "# Home\n",
            "overrides/partials/real.html": "OVERRIDE-INSIDE",
        },
        theme={"name": "material", "custom_dir": "overrides"},
    )
    _link(project / "overrides/main.html", outside / "main.html")
    _link(project / "overrides/assets/secret.txt", outside / "secret.txt")
    _link(project / "overrides/partials/copyright.html", Path("real.html"))
    with caplog.at_level(logging.WARNING):
        site = build_project(project)
    assert _leaks(site) == []
    assert "OVERRIDE-INSIDE" in (site / "index.html").read_text(encoding="utf-8")
    assert not (site / "assets/secret.txt").exists()
    warnings = [
        f"overrides/assets/secret.txt: symlink to '{outside / 'secret.txt'}' points outside "
        f"overrides; {SAFE_MODE}",
        f"overrides/main.html: symlink to '{outside / 'main.html'}' points outside "
        f"overrides; {SAFE_MODE}",
    ]
    assert _warnings(caplog) == warnings
    _assert_strict_fails_on(project, caplog, warnings)


# -- the rule itself ------------------------------------------------------------------------


def test_the_rule_compares_resolved_paths_by_parts(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    (tmp_path / "docs-private").mkdir()
    (tmp_path / "docs-private/x.md").write_text("x", encoding="utf-8")
    _link(docs / "en/x.md", tmp_path / "docs-private/x.md")
    _link(docs / "linked", tmp_path / "docs-private")
    assert not is_inside(docs / "en/x.md", docs)  # a string prefix would say inside
    assert escaping_link(docs / "linked/x.md", docs) == (docs / "linked", tmp_path / "docs-private")
    assert escaping_link(docs / "en", docs) is None
    guard = FolderGuard(docs)
    assert guard.escapes(str(docs / "linked/x.md")) and guard.escapes(str(docs / "en/x.md"))
    assert not guard.escapes(str(docs / "en/y.md"))


# -- encodings ------------------------------------------------------------------------------


@dataclass
class EncodingCase:
    """A file that is not UTF-8, and the one line the build stops with."""

    description: str
    path: str
    content: bytes
    message: str


ENCODING_CASES = [
    EncodingCase(
        "page body",
        "docs/en/x.md",
        b"---\ntitle: X\n---\nok\ncaf\xe9\n",
        "en/x.md:5: not valid UTF-8 (byte 0xe9 at offset 23); save the file as UTF-8",
    ),
    EncodingCase(
        "front matter",
        "docs/en/x.md",
        b"---\ntitle: \xff\n---\nok\n",
        "en/x.md:2: not valid UTF-8 (byte 0xff at offset 11); save the file as UTF-8",
    ),
    EncodingCase(
        "page after a BOM",
        "docs/en/x.md",
        codecs.BOM_UTF8 + b"ok\n\x80\n",
        "en/x.md:2: not valid UTF-8 (byte 0x80 at offset 6); save the file as UTF-8",
    ),
    EncodingCase(
        "data file",
        "_data/team.yml",
        b"lead: Jos\xe9\n",
        "_data/team.yml:1: not valid UTF-8 (byte 0xe9 at offset 9); save the file as UTF-8",
    ),
    EncodingCase(
        "csv data file",
        "_data/rows.csv",
        b"a,b\n1,\xfe\n",
        "_data/rows.csv:2: not valid UTF-8 (byte 0xfe at offset 6); save the file as UTF-8",
    ),
    EncodingCase(
        "include",
        "_includes/note.html",
        b"<b>\xc3</b>",
        "_includes/note.html:1: not valid UTF-8 (byte 0xc3 at offset 3); save the file as UTF-8",
    ),
]

ENCODING_FILES = {
    "docs/en/x.md": "---\ntitle: X\n---\nok\n",
    "docs/en/index.md": "# Home\n\n{% include note.html %}\n",
    "_includes/note.html": "<b>note</b>",
    "_data/team.yml": "lead: Ada\n",
    "_data/rows.csv": "a,b\n1,2\n",
}


@pytest.mark.parametrize("case", ENCODING_CASES, ids=lambda case: case.description)
def test_a_file_that_is_not_utf8_stops_the_build_with_one_line_and_keeps_site(
    case: EncodingCase, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = _project(tmp_path / "project", ENCODING_FILES)
    before = _tree(build_project(project))
    (project / case.path).write_bytes(case.content)
    caplog.clear()
    with (
        caplog.at_level(logging.ERROR),
        pytest.raises(Abort, match=r"^Aborted with a BuildError!$"),
    ):
        build_project(project)
    assert _errors(caplog) == [case.message]
    assert all(r.exc_info is None for r in caplog.records)
    assert _tree(project / "site") == before


def test_read_utf8_names_the_byte_its_offset_and_line(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(b"a\r\nb\r\n\xff")
    with pytest.raises(ContentError) as raised:
        read_utf8(path, "en/x.md")
    assert str(raised.value) == (
        "en/x.md:3: not valid UTF-8 (byte 0xff at offset 6); save the file as UTF-8"
    )
    path.write_bytes(codecs.BOM_UTF8 + b"a\r\nb\rc")
    assert read_utf8(path, "en/x.md") == "a\nb\nc"


def test_a_bom_is_accepted_in_pages_data_and_includes(tmp_path: Path) -> None:
    bom = "\ufeff"
    project = _project(
        tmp_path / "project",
        {
            "docs/en/x.md": (
                f"{bom}---\ntitle: BOM title\npermalink: /bom/\n---\n"
                "LEAD-{{ site.data.team.lead }} {% include note.html %}\n"
            ),
            "_data/team.yml": f"{bom}lead: Ada\n",
            "_includes/note.html": f"{bom}NOTE-BODY",
        },
    )
    site = build_project(project)
    page = html(site / "bom/index.html")
    assert page.title is not None and page.title.get_text().startswith("BOM title")
    text = page.get_text()
    assert "LEAD-Ada NOTE-BODY" in text
    assert bom not in (site / "bom/index.html").read_text(encoding="utf-8")


# -- mkdocs serve ---------------------------------------------------------------------------


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[Any]:
    """`mkdocs serve`'s build in process: the plugins know it is serve, builds keep going."""
    project = _project(
        tmp_path / "project",
        {
            "docs/en/index.md": "---\ntitle: Home\n---\nHOME-PAGE\n",
            "docs/en/other.md": "---\ntitle: Other\n---\nOTHER-PAGE\n",
        },
    )
    cwd = os.getcwd()
    os.chdir(project)
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        yield project, config
    finally:
        config.plugins.on_shutdown()
        os.chdir(cwd)


SERVE_CASES = [
    EncodingCase(
        "body",
        "docs/en/other.md",
        b"---\ntitle: Other\n---\nOTHER \xff\n",
        "en/other.md:4: not valid UTF-8 (byte 0xff at offset 27); save the file as UTF-8",
    ),
    EncodingCase(
        "front matter",
        "docs/en/other.md",
        b"---\ntitle: \xff\n---\nOTHER\n",
        "en/other.md:2: not valid UTF-8 (byte 0xff at offset 11); save the file as UTF-8",
    ),
]


@pytest.mark.parametrize("case", SERVE_CASES, ids=lambda case: case.description)
def test_under_serve_a_page_that_is_not_utf8_shows_its_error_and_the_site_builds(
    serving: Any, caplog: pytest.LogCaptureFixture, case: EncodingCase
) -> None:
    project, config = serving
    (project / case.path).write_bytes(case.content)
    with caplog.at_level(logging.ERROR):
        build(config)
    site = Path(config.site_dir)
    assert [m.removeprefix("mkdocs_jekyll: ") for m in _errors(caplog)] == [case.message]
    assert "HOME-PAGE" in html(site / "en/index.html").get_text()
    error = html(site / "en/other/index.html").select_one(".jekyll-error pre")
    assert error is not None and error.get_text() == case.message


def test_under_serve_an_include_that_is_not_utf8_shows_on_the_pages_using_it(
    serving: Any, caplog: pytest.LogCaptureFixture
) -> None:
    project, config = serving
    write_files(project, {"docs/en/other.md": "OTHER {% include bad.html %}\n"})
    (project / "_includes").mkdir()
    (project / "_includes/bad.html").write_bytes(b"\xff")
    message = (
        "_includes/bad.html:1: not valid UTF-8 (byte 0xff at offset 0); save the file as UTF-8"
    )
    with caplog.at_level(logging.ERROR):
        build(config)
    site = Path(config.site_dir)
    assert [m.removeprefix("mkdocs_jekyll: ") for m in _errors(caplog)] == [message]
    assert "HOME-PAGE" in html(site / "en/index.html").get_text()
    error = html(site / "en/other/index.html").select_one(".jekyll-error pre")
    assert error is not None and error.get_text() == message


def test_an_overrides_link_back_into_itself_stops_the_build_instead_of_hanging(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # MkDocs lists custom_dir with os.walk(followlinks=True), which never ends on this link.
    project = _project(
        tmp_path / "project",
        {"docs/index.md": "Home\n", "overrides/partials/.keep": ""},
        theme={"name": "material", "custom_dir": "overrides"},
    )
    (project / "overrides/partials/up").symlink_to(project / "overrides")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match=BUILD_ERROR):
        build_project(project)
    assert error_lines(caplog) == [
        f"overrides/partials/up: symlink to '{(project / 'overrides').resolve()}' leads back "
        "into a folder that contains it, so listing the site's files would never end. "
        "Remove the link."
    ]
