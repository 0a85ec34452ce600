"""What GitHub Pages needs next to the built site.

``.nojekyll`` stops GitHub Pages from running Jekyll again over a site that is already
built (it would drop ``_``-prefixed folders such as Material's assets); ``CNAME`` keeps a
custom domain when the site is published from a branch (``mkdocs gh-deploy``).
"""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError


def write_pages_files(site_dir: str, *, cname: str | None) -> None:
    """Write ``.nojekyll`` and, when configured, ``CNAME`` into the site.

    A ``CNAME`` file in ``docs/`` is copied by MkDocs itself; the ``cname`` option wins.

    Raises:
        ContentError: ``cname`` is not a bare host name.
    """
    root = Path(site_dir)
    (root / ".nojekyll").write_text("", encoding="utf-8")
    if cname is None:
        return
    host = cname.strip()
    if not host or "/" in host or ":" in host or " " in host:
        raise ContentError(
            "mkdocs.yml",
            f"plugins.jekyll.cname: expected a host name such as 'www.example.com', "
            f"received '{cname}'",
        )
    (root / "CNAME").write_text(host + "\n", encoding="utf-8")
