"""Rewrite ``corpus/*.html`` with what the installed kramdown gives for ``corpus/*.md``.

Run after adding or changing a case: ``.venv/bin/python tests/kramdown/regenerate.py``.
Needs Debian's ``jekyll``, ``ruby-kramdown`` and ``ruby-kramdown-parser-gfm`` (the versions
Jekyll 4.3 calls); the test suite checks the kept files against them.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kramdown.corpus import cases, kramdown_html


def main() -> None:
    items = cases()
    for case, html in zip(items, kramdown_html(items), strict=True):
        if not case.expected_path.exists() or case.expected != html:
            case.expected_path.write_text(html, encoding="utf-8")
            print(f"wrote {case.expected_path.name}")


if __name__ == "__main__":
    main()
