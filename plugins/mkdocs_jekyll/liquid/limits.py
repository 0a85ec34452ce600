"""The default resource limits of a page's Liquid, apart from python-liquid.

A page's Liquid is content anyone with a pull request can write, and python-liquid sets no
limits, so ``{% for i in (1..100000000) %}`` ran until memory ran out. Each default is far
above what a real site needs (a 3,000-post archive with an include per post uses about 0.3%
of the loop limit), and each has a plugin option to raise it (``config.py`` reads them here,
so loading the configuration does not import python-liquid).
"""

from __future__ import annotations

LOOP_LIMIT = 1_000_000
"""Loop iterations in one page render, every loop and include counted."""
OUTPUT_LIMIT = 10_000_000
"""Bytes of Liquid output of one page (the Markdown before conversion)."""
DEPTH_LIMIT = 30
"""Nested render contexts: each include takes two levels, each loop one (python-liquid's)."""
NAMESPACE_LIMIT = 10_000_000
"""Bytes held by a page's ``assign`` and ``capture`` variables (``sys.getsizeof``)."""
