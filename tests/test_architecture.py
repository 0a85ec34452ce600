"""The direction of imports between the package's rooms (see ARCHITECTURE.md).

``jekyll/`` is Jekyll's semantics, ``liquid/`` the template language over it and ``i18n/``
the locales: none of them may import MkDocs, static-i18n, Material, the MkDocs adapters
(``mkdocs_jekyll.mkdocs``) or the theme features, so they can be read, tested and reused
without a build. ``jekyll/`` depends on no other room at all.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "mkdocs_jekyll"

UPSTREAM = ("mkdocs", "mkdocs_static_i18n", "material")
ADAPTERS = ("mkdocs_jekyll.mkdocs", "mkdocs_jekyll.features", "mkdocs_jekyll.cli")


@dataclass(frozen=True)
class Rule:
    room: str
    forbidden: tuple[str, ...]


RULES = (
    Rule(
        "jekyll",
        (
            *UPSTREAM,
            *ADAPTERS,
            "mkdocs_jekyll.liquid",
            "mkdocs_jekyll.i18n",
            "mkdocs_jekyll.compat",
        ),
    ),
    Rule("liquid", (*UPSTREAM, *ADAPTERS)),
    Rule("i18n", (*UPSTREAM, *ADAPTERS)),
    # kramdown/ reads Python-Markdown's private names through compat.py, as liquid/ does.
    Rule("kramdown", (*UPSTREAM, *ADAPTERS, "mkdocs_jekyll.liquid", "mkdocs_jekyll.i18n")),
    # The console command drives builds from outside; a build never calls back into it.
    Rule("features", ("mkdocs_jekyll.cli",)),
    Rule("mkdocs", ("mkdocs_jekyll.cli",)),
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports (relative imports resolved), with its line."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            # `from mkdocs_jekyll import features` imports the subpackage itself.
            found.extend((node.lineno, f"{name}.{alias.name}") for alias in node.names)
            found.append((node.lineno, name))
    return found


def _matches(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(rule: Rule) -> list[str]:
    out = []
    for path in sorted((PACKAGE / rule.room).rglob("*.py")):
        for line, name in imported_modules(path):
            if any(_matches(name, prefix) for prefix in rule.forbidden):
                out.append(f"{path.relative_to(PACKAGE)}:{line}: imports '{name}'")
    return sorted(set(out))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.room)
def test_room_imports_only_what_it_may(rule: Rule) -> None:
    assert (PACKAGE / rule.room / "__init__.py").is_file()
    assert violations(rule) == []


def test_the_check_sees_a_forbidden_import() -> None:
    """The walker resolves relative and absolute imports alike (else the test above is moot)."""
    seen = violations(Rule("mkdocs", ("mkdocs", "mkdocs_jekyll.mkdocs.build")))
    assert any(
        line.startswith("mkdocs/plugin.py:") and line.endswith("imports 'mkdocs.plugins'")
        for line in seen
    )
    assert any("imports 'mkdocs_jekyll.mkdocs.build'" in line for line in seen)
    assert not _matches("mkdocs_jekyll.jekyll", "mkdocs")
    assert not _matches("mkdocs_static_i18n", "mkdocs")
