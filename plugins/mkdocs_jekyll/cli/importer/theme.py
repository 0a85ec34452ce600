"""The theme machinery: what replaces it, what is lost, and the site's own layout additions.

A Minimal Mistakes or academicpages site carries the theme's ``_layouts/``, ``_sass/`` and
``assets/css/main.scss`` (or loads them with ``theme``/``remote_theme``): the package's
layouts and Material replace them, so they are listed, not copied. What a site added to
its layouts (an include of its own after ``{{ content }}``, ``head/custom.html``, a custom
footer include) is kept: ``overrides/main.html`` renders the same include in the matching
Material block with ``jekyll_include``, for the pages whose layout chain had it. A layout
name the package does not know gets ``overrides/layouts/<name>.html`` over the closest one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_jekyll.features.layouts import KNOWN_LAYOUTS
from mkdocs_jekyll.jekyll.frontmatter import parse_front_matter
from mkdocs_jekyll.jekyll.safe_paths import read_utf8

__all__ = ["ThemePlan", "plan_theme", "plugin_notes"]

_INCLUDE = re.compile(r"{%-?\s*include\s+([^\s%}]+)")
_COMMENTS = re.compile(r"<!--.*?-->|{%-?\s*comment\s*-?%}.*?{%-?\s*endcomment\s*-?%}", re.S)
_INCLUDE_TAG = re.compile(r"{%-?\s*include\s+[^%]*-?%}")
_CONTENT = re.compile(r"{{-?\s*content\s*-?}}")
# Minimal Mistakes' and academicpages' own includes: the package's layouts print them.
STANDARD_INCLUDES = frozenset(
    {
        "analytics.html", "archive-single.html", "author-profile.html",
        "author-profile-custom-links.html", "base_path", "breadcrumbs.html",
        "browser-upgrade.html", "category-list.html", "comment.html", "comments.html",
        "copyright.html", "documents-collection.html", "feature_row", "figure", "footer.html",
        "gallery", "head.html", "masthead.html", "nav_list", "page__date.html",
        "page__hero.html", "page__hero_video.html", "page__meta.html", "page__taxonomy.html",
        "paginator.html", "post_pagination.html", "posts-category.html", "posts-tag.html",
        "read-time.html", "scripts.html", "seo.html", "sidebar.html", "skip-links.html",
        "social-share.html", "tag-list.html", "toc", "toc.html", "video", "head/custom.html",
        "footer/custom.html", "archive-single-talk.html", "archive-single-cv.html",
    }
)  # fmt: skip
# The customisation hooks Minimal Mistakes leaves empty for the site: kept when not empty.
_HOOKS = {"head/custom.html": "extrahead", "footer/custom.html": "footer"}
# Jekyll plugins and what replaces them here.
PLUGINS = {
    "jekyll-feed": "the jekyll plugin's Atom feeds (feed_enabled)",
    "jekyll-sitemap": "the jekyll plugin's sitemap.xml (sitemap_enabled)",
    "jekyll-redirect-from": "the jekyll plugin's redirect_from/redirect_to stubs",
    "jekyll-paginate": "the jekyll plugin's pagination (site.paginate)",
    "jekyll-seo-tag": "the jekyll plugin's SEO tags (seo_enabled)",
    "jekyll-include-cache": "plain include (the build renders each include once per page)",
    "jekyll-gist": None,
    "jemoji": None,
    "jekyll-paginate-v2": None,
    "jekyll-archives": "the jekyll plugin's archive pages (archives_enabled: true)",
    "jekyll-relative-links": None,
    "jekyll-optional-front-matter": None,
}


@dataclass(frozen=True)
class Addition:
    """An include a site layout prints that the package's layouts do not."""

    include: str
    block: str
    """Material block: ``extrahead``, ``container_before``, ``container`` or ``footer``."""
    layouts: tuple[str, ...]
    """The page layouts whose chain holds it."""
    origin: str
    """``_layouts/single.html:12``."""


@dataclass
class ThemePlan:
    """The overrides to write and the summary lines about the theme."""

    files: dict[str, str] = field(default_factory=dict)
    """Path below ``overrides/`` -> text."""
    replaced: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def plan_theme(root: Path, theme_files: list[str], includes: Mapping[str, str]) -> ThemePlan:
    """What to do with ``theme_files`` (below ``root``).

    Args:
        root: The Jekyll source.
        theme_files: ``_layouts/``, ``_sass/``, ``_plugins/`` files and Sass entry points.
        includes: The site's ``_includes/`` files (path below it -> text).
    """
    plan = ThemePlan()
    layouts: dict[str, tuple[str | None, str]] = {}
    for rel in theme_files:
        path = Path(rel)
        if rel.startswith("_layouts/") and path.suffix == ".html":
            name = rel[len("_layouts/") : -len(".html")]
            text = read_utf8(root / rel, rel)
            parsed = parse_front_matter(text, rel)
            parent = parsed.data.get("layout")
            layouts[name] = (str(parent) if isinstance(parent, str) else None, text)
            if name in KNOWN_LAYOUTS:
                plan.replaced.append(f"{rel}: the package's '{name}' layout")
        elif rel.startswith("_sass/") or rel.endswith((".scss", ".sass")):
            plan.replaced.append(f"{rel}: Material's styles (Sass is not compiled)")
        elif rel.startswith("_plugins/"):
            plan.lost.append(f"{rel}: a Ruby plugin; whatever it generated is not built")
        else:
            plan.lost.append(f"{rel}: theme file with no equivalent")
    additions = _additions(layouts, includes, plan)
    for name in sorted(layouts):
        if name in KNOWN_LAYOUTS:
            continue
        base = _closest_known(name, layouts)
        plan.files[f"layouts/{name}.html"] = (
            f"{{#- mkdocs-jekyll import: _layouts/{name}.html, over the package's "
            f"'{base}' layout. -#}}\n{{% extends \"layouts/{base}.html\" %}}\n"
        )
        if name == "redirect":
            # jekyll-redirect-from's stub layout: the plugin writes every stub itself.
            plan.replaced.append(
                "_layouts/redirect.html: the jekyll plugin's redirect stubs "
                "(overrides/jekyll/redirect.html to change them)"
            )
            continue
        plan.kept.append(f"_layouts/{name}.html: overrides/layouts/{name}.html ('{base}')")
        plan.lost += _unplaced_markup(name, layouts[name][1])
    if additions:
        plan.files["main.html"] = _main_html(additions)
        for item in additions:
            plan.kept.append(
                f"{item.origin}: {{% include {item.include} %}} -> overrides/main.html "
                f"block '{item.block.replace('_before', '')}' (layouts: {', '.join(item.layouts)})"
            )
    return plan


def _unplaced_markup(name: str, text: str) -> list[str]:
    """Each line of a site's own layout that is neither its content nor an include.

    The package's layout its chain leads to frames the page instead, so such markup (a
    heading, a wrapper, a literal form) is not on the imported pages: named line by line.
    """
    parsed = parse_front_matter(text, f"_layouts/{name}.html")
    body_start = parsed.line_offset
    found = []
    for number, line in enumerate(parsed.body.splitlines(), start=body_start + 1):
        bare = _INCLUDE_TAG.sub("", _CONTENT.sub("", line)).strip()
        if bare:
            found.append(f"_layouts/{name}.html:{number}: markup not placed: {bare}")
    return found


def _chain(name: str, layouts: Mapping[str, tuple[str | None, str]]) -> list[str]:
    """``name`` and its parents, as Jekyll wraps a page in its layout's layouts."""
    chain: list[str] = []
    while name in layouts and name not in chain:
        chain.append(name)
        parent = layouts[name][0]
        if parent is None:
            break
        name = parent
    return chain


def _closest_known(name: str, layouts: Mapping[str, tuple[str | None, str]]) -> str:
    """The first layout of the chain the package has (``single`` when none is)."""
    for item in _chain(name, layouts)[1:]:
        if item in KNOWN_LAYOUTS and item not in {"compress", "page", "post"}:
            return item
    return "single"


def _additions(
    layouts: Mapping[str, tuple[str | None, str]], includes: Mapping[str, str], plan: ThemePlan
) -> list[Addition]:
    """The site's own includes in its layouts, with their Material block."""
    found: list[Addition] = []
    for name, (_parent, text) in sorted(layouts.items()):
        users = tuple(sorted(n for n in layouts if name in _chain(n, layouts)))
        content_at = _CONTENT.search(text)
        head_end = text.find("</head>")
        for match in _INCLUDE.finditer(text):
            include = match.group(1).strip("'\"")
            line = text.count("\n", 0, match.start()) + 1
            origin = f"_layouts/{name}.html:{line}"
            if "{{" in include or include not in includes:
                if include not in STANDARD_INCLUDES and "{{" in include:
                    plan.lost.append(f"{origin}: include with a computed name '{include}'")
                continue
            if include in _HOOKS:
                if _COMMENTS.sub("", includes[include]).strip():
                    found.append(Addition(include, _HOOKS[include], users, origin))
                continue
            if include in STANDARD_INCLUDES:
                continue
            if 0 <= match.start() < head_end:
                block = "extrahead"
            elif content_at is not None and match.start() < content_at.start():
                block = "container_before"
            else:
                block = "container"
            found.append(Addition(include, block, users, origin))
    return found


def _main_html(additions: list[Addition]) -> str:
    """``overrides/main.html`` printing each addition in its block for its layouts."""
    blocks: dict[str, list[Addition]] = {}
    for item in additions:
        blocks.setdefault(item.block, []).append(item)
    out = [
        "{#- mkdocs-jekyll import: the site's own additions to its Jekyll layouts, each",
        "    include rendered through Liquid with the page (jekyll_include). -#}",
        '{% extends "jekyll-main.html" %}',
    ]
    for block in ("extrahead", "container", "footer"):
        before = blocks.get(f"{block}_before", [])
        after = blocks.get(block, [])
        if not before and not after:
            continue
        out.append(f"{{% block {block} %}}")
        out.append("{%- set jekyll_layout = page.meta.layout if page and page.meta else none %}")
        out += [_call(item) for item in before]
        out.append("{{ super() }}")
        out += [_call(item) for item in after]
        out.append("{% endblock %}")
    return "\n".join(out) + "\n"


def _call(item: Addition) -> str:
    layouts = ", ".join(f'"{name}"' for name in item.layouts)
    return (
        f"{{%- if jekyll_layout in [{layouts}] %}}{{{{ jekyll_include({item.include!r}, "
        f"page=page) }}}}{{% endif %}}  {{#- {item.origin} #}}"
    )


def plugin_notes(
    plugins: set[str], config_theme: Mapping[str, object]
) -> tuple[list[str], list[str]]:
    """(replaced, lost) lines for the site's Jekyll plugins and theme settings."""
    replaced: list[str] = []
    lost: list[str] = []
    for name in sorted(plugins):
        if PLUGINS.get(name):
            replaced.append(f"plugin {name}: {PLUGINS[name]}")
        else:
            lost.append(f"plugin {name}: no equivalent; what it generated is not built")
    for key in ("theme", "remote_theme"):
        value = config_theme.get(key)
        if value:
            replaced.append(f"{key}: {value}: the package's layouts on Material")
    return replaced, lost
