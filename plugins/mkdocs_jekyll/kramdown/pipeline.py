"""The Python-Markdown extensions (and their settings) that read Markdown as kramdown does.

MkDocs always runs ``toc``, ``tables`` and ``fenced_code``; the site may add its own. The
pipeline adds what kramdown's dialect needs and configures what is there, leaving alone an
extension the site configured itself.
"""

from __future__ import annotations

from typing import Any

from mkdocs_jekyll.kramdown.settings import KramdownSettings

# Extensions the pipeline adds, with the kramdown feature each one stands for.
KRAMDOWN_EXTENSIONS: tuple[str, ...] = (
    "attr_list",  # {: .class #id key="value"}
    "md_in_html",  # <div markdown="1">
    "tables",
    "footnotes",
    "def_list",
    "pymdownx.superfences",  # GFM fenced code blocks
    "mkdocs_jekyll.markdown_compat",  # lists without a blank line before them
)


def configure_markdown(
    settings: KramdownSettings, extensions: list[Any], configs: dict[str, Any]
) -> tuple[list[Any], dict[str, Any]]:
    """The extension list and ``mdx_configs`` MkDocs should run for ``settings``.

    ``fenced_code`` and ``pymdownx.superfences`` do the same job and conflict, so a site
    that configured ``fenced_code`` keeps it.
    """
    result = list(extensions)
    for name in KRAMDOWN_EXTENSIONS:
        if name in result:
            continue
        if name == "pymdownx.superfences" and "fenced_code" in result:
            continue
        result.append(name)
    return result, dict(configs)
