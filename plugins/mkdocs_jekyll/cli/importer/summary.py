"""What an import did, as the command prints it and as ``IMPORT.md`` keeps it.

Every file of the source appears in one of its lists (placed, copied, replaced, kept as an
override, left out with Jekyll's reason, or lost with the reason), so nothing goes missing
silently; the counts come first so a large site reads at a glance.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

__all__ = ["Summary"]


@dataclass
class Summary:
    """The import's outcome, filled in by ``run``."""

    source: str
    dest: str
    base: str = "/"
    """The site's base path (``/repo/``), for the ``check`` command it suggests."""
    locales: list[str] = field(default_factory=list)
    default_locale: str = ""
    per_locale: Counter[str] = field(default_factory=Counter)
    """Pages per locale folder (``(root)`` for pages outside them)."""
    posts: int = 0
    drafts: int = 0
    collections: Counter[str] = field(default_factory=Counter)
    static_files: int = 0
    moved: list[str] = field(default_factory=list)
    """``old -> new`` for each page whose path changed."""
    front_matter: list[str] = field(default_factory=list)
    """``path: key (why)`` for each key the import wrote into a copy's front matter."""
    skipped: list[str] = field(default_factory=list)
    """Files left out as Jekyll leaves them out, with Jekyll's reason."""
    replaced: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    """What no longer exists after the import (parity impossible), each naming its file."""
    warnings: list[str] = field(default_factory=list)

    def lines(self, *, brief: bool = False) -> list[str]:
        """The summary as Markdown lines; ``brief``: counts and problems only (the
        command's output; the lists of moved files and the rest are in ``IMPORT.md``)."""
        out = [
            "# Imported from Jekyll",
            "",
            f"`mkdocs-jekyll import {self.source} {self.dest}`. Build with `mkdocs build "
            "--strict`, then compare with Jekyll's own output: `mkdocs-jekyll check "
            + (f"--base {self.base} " if self.base != "/" else "")
            + "<jekyll _site> site`.",
            "",
            "## Counts",
            "",
        ]
        if self.locales:
            out.append(f"- locales: {', '.join(self.locales)} (default {self.default_locale})")
        for locale, count in sorted(self.per_locale.items()):
            out.append(f"- pages in {locale}: {count}")
        out.append(f"- posts: {self.posts}")
        if self.drafts:
            out.append(f"- drafts: {self.drafts}")
        for label, count in sorted(self.collections.items()):
            out.append(f"- collection {label}: {count}")
        out.append(f"- static files: {self.static_files}")
        out.append(f"- skipped (Jekyll does not publish them either): {len(self.skipped)}")
        out.append(f"- warnings: {len(self.warnings) + len(self.lost)}")
        sections = [
            ("Not brought over (check these)", self.lost),
            ("Warnings", self.warnings),
        ]
        if not brief:
            sections += [
                ("Pages moved", self.moved),
                ("Front matter written", self.front_matter),
                ("Theme parts replaced", self.replaced),
                ("Layout additions kept", self.kept),
                ("Left out, as Jekyll leaves them out", self.skipped),
            ]
        for title, items in sections:
            if items:
                out += ["", f"## {title}", ""]
                out += [f"- {item}" for item in items]
        return out

    def text(self, *, brief: bool = False) -> str:
        """``IMPORT.md``, or with ``brief`` what the command prints."""
        return "\n".join(self.lines(brief=brief)) + "\n"
