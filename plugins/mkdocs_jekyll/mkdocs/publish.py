"""What GitHub Pages needs next to the built site.

``.nojekyll`` stops GitHub Pages from running Jekyll again over a site that is already
built (it would drop ``_``-prefixed folders such as Material's assets); ``CNAME`` keeps a
custom domain when the site is published from a branch (``mkdocs gh-deploy``).
"""

from __future__ import annotations

from pathlib import Path


def write_pages_files(site_dir: str, *, cname: str | None) -> None:
    """Write ``.nojekyll`` and, when configured, ``CNAME`` into the site.

    A ``CNAME`` file in ``docs/`` is copied by MkDocs itself; the ``cname`` option wins.
    ``cname`` is a bare host name: the option refuses anything else (``config.HostName``).
    """
    root = Path(site_dir)
    (root / ".nojekyll").write_text("", encoding="utf-8")
    if cname is not None:
        (root / "CNAME").write_text(cname + "\n", encoding="utf-8")
