"""Let the Liquid environments of finished builds go.

python-liquid keeps a parser for each of the last 128 environments it parsed with
(``liquid.parser.get_parser``, a cache keyed by the environment), and a parser holds its
environment. Ours holds its build (its settings hold the Markdown converter, which holds
MkDocs' config, its pages and the site model), so a ``mkdocs serve`` session, one
environment per rebuild, kept up to 128 builds alive: 3.5 MB more with each rebuild of a
150-page site. Without python-liquid imported (a build replayed from the cache parses no
Liquid) there is nothing to let go, and this module imports nothing of it.
"""

from __future__ import annotations

import sys


def release_environments() -> None:
    """Drop python-liquid's parsers as a build ends; the next parse makes its environment's
    parser again (a small object)."""
    parser = sys.modules.get("liquid.parser")
    if parser is not None:
        parser.get_parser.cache_clear()
