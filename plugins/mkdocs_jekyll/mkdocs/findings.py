"""One build's compatibility findings: collected while it runs, completed at its end.

The rooms record findings as they meet them (``jekyll/findings.py``); at the end of the
outermost pass this module adds what only the whole site shows (translations, literal
root-relative links, the includes the site brings itself) and logs the one summary line.
``mkdocs-jekyll report`` reads the list from the plugin afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

from mkdocs_jekyll.i18n.report import build_report
from mkdocs_jekyll.jekyll.findings import I18N, LINKS, THEME, Finding, FindingsCollector
from mkdocs_jekyll.jekyll.root_links import root_relative_links
from mkdocs_jekyll.mkdocs.render_cache import INCLUDES_DIR

if TYPE_CHECKING:
    from mkdocs_jekyll.jekyll.documents import Document
    from mkdocs_jekyll.mkdocs.build import BuildState

log = get_plugin_logger(__name__)


def start_findings() -> FindingsCollector:
    """A new build's collector, receiving from now on."""
    collector = FindingsCollector()
    collector.attach()
    return collector


def scan_findings(state: BuildState) -> list[Finding]:
    """The site-wide findings the scan alone shows (translations, root-relative links).

    They depend on nothing the passes do, so a build with workers finds them while it waits
    for the workers' passes (``BuildEnd.prepare``) rather than after.
    """
    documents = [doc for doc in state.scan.model.documents.values() if doc.output]
    return _translation_findings(state, documents) + _link_findings(documents)


def finish_findings(
    collector: FindingsCollector, state: BuildState, scanned: list[Finding] | None = None
) -> list[Finding]:
    """Add the site-wide findings, log the summary line and stop collecting.

    Args:
        collector: The build's collector (``start_findings``).
        state: The build.
        scanned: ``scan_findings(state)``, when found already.

    Returns:
        Every finding of the build, in report order.
    """
    for finding in scan_findings(state) if scanned is None else scanned:
        collector.add(finding)
    for finding in _include_findings(state):
        collector.add(finding)
    collector.detach()
    found = collector.findings
    if found:
        noun = "finding" if len(found) == 1 else "findings"
        log.info(f"{len(found)} compatibility {noun}; run `mkdocs-jekyll report` for the list")
    return found


def _translation_findings(state: BuildState, documents: list[Document]) -> list[Finding]:
    """An unpaired key once; a key some locales lack once per missing locale.

    Pages without an ``i18n_key`` (or ``ref``) are not listed: most posts have none.
    """
    translations = state.scan.translations
    if len(translations.locales) < 2:
        return []
    report = build_report(documents, translations)
    source = {doc.url: doc.src_path for doc in documents}
    found = []
    for key, group in report.pairs.items():
        first = source.get(next(iter(group.values())), "")
        if len(group) == 1:
            (locale,) = group
            found.append(
                Finding(I18N, first, None, f"i18n_key '{key}' is unpaired: only '{locale}' has it")
            )
    unpaired = {key for key, group in report.pairs.items() if len(group) == 1}
    for locale, keys in report.missing.items():
        for key in keys:
            group = report.pairs.get(key, {})
            if key in unpaired or not group:
                continue
            first = source.get(next(iter(group.values())), "")
            found.append(
                Finding(I18N, first, None, f"no '{locale}' translation of i18n_key '{key}'")
            )
    return found


def _link_findings(documents: list[Document]) -> list[Finding]:
    found = []
    for doc in documents:
        if doc.output_ext != ".html":
            continue
        for line, url in root_relative_links(doc.body):
            found.append(_root_link(doc.src_path, doc.line_offset + line, url))
    return found


def _root_link(path: str, line: int, url: str) -> Finding:
    return Finding(
        LINKS,
        path,
        line,
        f"'{url}' is written root-relative: served under a project path it leaves the "
        f"site. Write {{{{ '{url}' | relative_url }}}}.",
    )


def _include_findings(state: BuildState) -> list[Finding]:
    """Includes the pages used from the site's own folder, and their root-relative links."""
    found = []
    own = (state.setup.root / state.setup.options.includes_dir).resolve()
    locations = state.cache.includes_found()
    for name, (path, shown) in sorted(locations.items()):
        if not path.is_relative_to(own):
            continue  # the package's include, or a page's include_relative
        if (INCLUDES_DIR / name).is_file():
            message = (
                f"the site's own include replaces the package's '{name}', which is made "
                "for Material; remove it to use the package's"
            )
        else:
            message = "the package has no include of this name: the site's own is used"
        found.append(Finding(THEME, shown, None, message))
        text = path.read_text(encoding="utf-8", errors="replace")
        found.extend(_root_link(shown, line, url) for line, url in root_relative_links(text))
    return found
