"""MkDocs' link rewriting with less work for the links it leaves as they are
(``mkdocs/relative_links.py``): every link, under every validation level, gives the URL,
the recorded anchors and the log records MkDocs' own ``path_to_url`` gives."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from mkdocs_jekyll.compat import relative_path_processor_class
from mkdocs_jekyll.mkdocs import relative_links

URLS = [
    "/bench/en/page-19/",
    "/other/",
    "\\windows\\path",
    "/other.md#part",
    "//host.example/x",
    "/\t/host.example/x",
    "https://example.com/a#b",
    "mailto:someone@example.com",
    "#fn:1",
    "#",
    "?q=1",
    "?q=1#top",
    "\x02amp\x03#x",
    "other.md",
    "other.md#part",
    "sub/",
    "missing.md",
    "missing",
    "someone@example.com",
    "",
]


@dataclass
class Case:
    description: str
    validation: dict[str, Any] = field(default_factory=dict)
    excluded_page: bool = False
    log_level: int = logging.WARNING


CASES = [
    Case("defaults"),
    Case("absolute links ignored", {"absolute_links": "ignore"}),
    Case("absolute links ignored, logged", {"absolute_links": "ignore"}, log_level=logging.DEBUG),
    Case("absolute links at info", {"absolute_links": "info"}),
    Case("absolute links at warn", {"absolute_links": "warn"}),
    Case("absolute links relative to docs", {"absolute_links": "relative_to_docs"}),
    Case("an excluded page", {"absolute_links": "warn"}, excluded_page=True),
    Case("everything ignored", {"absolute_links": "ignore", "not_found": "ignore"}),
]


def _setup(tmp_path: Path, case: Case) -> tuple[File, Files, MkDocsConfig]:
    config = MkDocsConfig()
    config.load_dict(
        {
            "site_name": "Links",
            "docs_dir": str(tmp_path),
            "validation": {"links": case.validation},
        }
    )
    errors, _warnings = config.validate()
    assert errors == []
    for name in ("index.md", "other.md", "sub/index.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    inclusion = InclusionLevel.EXCLUDED if case.excluded_page else InclusionLevel.UNDEFINED
    page = File("index.md", str(tmp_path), "/tmp/out", True, inclusion=inclusion)
    others = [File(name, str(tmp_path), "/tmp/out", True) for name in ("other.md", "sub/index.md")]
    return page, Files([page, *others]), config


def _run(
    cls: type[Any], file: File, files: Files, config: MkDocsConfig, caplog: Any
) -> tuple[list[str], dict[Any, dict[str, str]], list[tuple[int, str, str, int]]]:
    caplog.clear()
    processor = cls(file, files, config)
    urls = [processor.path_to_url(url) for url in URLS]
    records = [(r.levelno, r.getMessage(), r.pathname, r.lineno) for r in caplog.records]
    return urls, processor.links_to_anchors, records


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_every_link_is_rewritten_and_reported_as_mkdocs_does(
    case: Case, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    lean = relative_links._lean_class()
    assert lean is not None
    file, files, config = _setup(tmp_path, case)
    with caplog.at_level(case.log_level, logger="mkdocs.structure.pages"):
        ours = _run(lean, file, files, config, caplog)
        theirs = _run(relative_path_processor_class(), file, files, config, caplog)
    assert ours == theirs


def test_the_installed_mkdocs_link_processor_is_the_one_mirrored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file, files, config = _setup(tmp_path, Case("defaults"))
    upstream = relative_path_processor_class()
    assert relative_links.mirrored(upstream)
    lean = relative_links.relative_paths(file, files, config)
    assert type(lean) is not upstream and isinstance(lean, upstream)
    monkeypatch.setitem(relative_links._MIRRORED, "path_to_url", (frozenset({"x"}), ()))
    relative_links._lean_class.cache_clear()
    try:
        assert not relative_links.mirrored(upstream)
        assert type(relative_links.relative_paths(file, files, config)) is upstream
    finally:
        monkeypatch.undo()
        relative_links._lean_class.cache_clear()


def test_a_guess_function_that_is_not_a_generator_is_not_mirrored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    upstream = relative_path_processor_class()

    class Eager(upstream):  # type: ignore[misc, valid-type]
        @classmethod
        def _possible_target_uris(cls, *args: Any, **kwargs: Any) -> Any:
            return iter(())

    assert relative_links.mirrored(upstream)
    assert not relative_links.mirrored(Eager)


SITE_PAGES = {
    "docs/index.md": "# Home\n\n[Abs](/guide/), [note](#part), [Other](other.md#part), "
    "[gone](missing.md), [ext](https://example.com/).\n\n## Part\n",
    "docs/other.md": "# Other\n\n## Part\n\n[Home](index.md) and [self](#nowhere).\n",
}


@pytest.mark.parametrize("absolute_links", ["ignore", "info", "warn", "relative_to_docs"])
def test_a_site_is_the_same_with_the_lean_link_processor_and_without(
    absolute_links: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Given pages with absolute, anchor, relative, missing and external links, when the site
    is built with the lean processor and with MkDocs' own, then the same warnings are logged
    and every produced file is the same."""
    from sitebuild import make_site_builder, site_tree

    config = {"validation": {"absolute_links": absolute_links, "anchors": "warn"}}

    def build(name: str) -> tuple[Path, list[str]]:
        (tmp_path / name).mkdir()
        caplog.clear()
        with caplog.at_level(logging.INFO):
            site = make_site_builder(tmp_path / name)(files=SITE_PAGES, **config)
        return site, [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]

    on, on_logs = build("on")
    monkeypatch.setattr(relative_links, "_lean_class", lambda: None)
    off, off_logs = build("off")
    assert [m for m in on_logs if "link" in m] == [m for m in off_logs if "link" in m]
    assert any("missing.md" in m for m in on_logs)
    on_files, off_files = site_tree(on), site_tree(off)
    assert sorted(on_files) == sorted(off_files)
    assert [name for name in on_files if on_files[name] != off_files[name]] == []
