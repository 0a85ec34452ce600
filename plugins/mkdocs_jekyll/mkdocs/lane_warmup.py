"""What every lane of a parallel build would do first, done once before its workers fork.

Why: a forked worker starts with the parent's modules, compiled patterns and objects, but
the first page each lane converted imported Python-Markdown's extensions (47 modules on the
bench: pymdownx's, Pygments' and ours), compiled their patterns and made the lexer of the
site's code: in a fresh process, 45-65 ms for the Markdown instance and 30-55 ms for
Pygments' Python lexer, paid by the parent's lane and again by the worker's. Done in the
parent just before the fork, the worker inherits them and the parent's lane no longer pays
them: the lanes share one start instead of two.

Nothing of a page is rendered: a Markdown instance of the pass's extensions is made and
dropped (``markdown_reuse.prime``: only when every extension is known to keep no state, so
that no extension of the site's own runs its setup one more time), and the lexers of the
languages the first fenced documents name are made (``kramdown.code.warm_highlighting``);
a language first seen later is made by the lane that needs it, as before. The output and
the log do not depend on any of this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs_jekyll.kramdown.code import warm_highlighting
from mkdocs_jekyll.mkdocs.markdown_reuse import prime

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from mkdocs_jekyll.jekyll.documents import SiteModel


def warm_lanes(config: MkDocsConfig, model: SiteModel | None) -> None:
    """Before the workers fork: the first pass's Markdown extensions and the site's lexers."""
    md = prime(config)
    if md is not None and model is not None:
        warm_highlighting(md, (document.body for document in model.documents.values()))
