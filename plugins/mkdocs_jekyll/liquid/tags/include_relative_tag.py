"""Jekyll's ``include_relative`` tag: include a file next to the page.

Mirrors ``IncludeRelativeTag`` in ``lib/jekyll/tags/include.rb`` (Jekyll 4.3): same markup
and parameters as ``include``, but the file is looked up in the folder of the page being
rendered (also from inside an included file), and never outside ``docs_dir``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from liquid.exceptions import LiquidSyntaxError

from mkdocs_jekyll.liquid.tags.include_tag import IncludeNode, IncludeTag

if TYPE_CHECKING:
    from liquid import RenderContext

    from mkdocs_jekyll.liquid.environment import JekyllEnvironment, JekyllRenderContext


class IncludeRelativeNode(IncludeNode):
    """``{% include_relative file.ext key=value %}``."""

    __slots__ = ()

    def search_dirs(self, context: RenderContext) -> list[tuple[Path, str]]:
        """Return the page's folder, named relative to ``docs_dir``."""
        settings = cast("JekyllEnvironment", context.env).settings
        state = getattr(cast("JekyllRenderContext", context), "state", None)
        source_file = state.source_file if state is not None else None
        if source_file is None or settings.docs_dir is None:
            raise LiquidSyntaxError(
                "'include_relative' needs the page's file and docs_dir; "
                "use 'include' with a file from _includes instead",
                token=self.token,
            )
        folder = Path(source_file).parent
        docs_dir = settings.docs_dir.resolve()
        if not folder.resolve().is_relative_to(docs_dir):
            raise LiquidSyntaxError(
                f"'include_relative' cannot include from '{folder}', which is outside docs_dir",
                token=self.token,
            )
        label = folder.resolve().relative_to(docs_dir).as_posix()
        return [(folder, label)]

    def link_root(self, context: RenderContext, directory: Path, label: str) -> tuple[Path, str]:
        """Anywhere in ``docs_dir``: include.rb checks ``outside_site_source?`` only."""
        settings = cast("JekyllEnvironment", context.env).settings
        assert settings.docs_dir is not None  # checked by search_dirs
        return settings.docs_dir, "docs_dir"

    def _locate(self, context: RenderContext, name: str) -> tuple[Path, str]:
        # Searched every time: the folder is the rendering page's, so the environment's
        # cache of ``include`` locations (by name alone) does not apply.
        path, label = self._search(context, name)
        cast("JekyllEnvironment", context.env).relative_includes.add(str(path))
        return path, label


class IncludeRelativeTag(IncludeTag):
    """Parse ``{% include_relative ... %}`` like ``include``."""

    name = "include_relative"
    node_class = IncludeRelativeNode
