"""Map Jekyll's front-matter ``layout`` to a template of the package's ``templates/`` folder.

The plugin sets ``page.meta["template"]`` to the result, which MkDocs then renders instead of
``main.html``. Every Minimal Mistakes / academicpages layout has its own template; their
aliases (``category`` is an archive, ``post`` is single) share one, and an unknown name renders
with ``single``: a page in the right frame (author sidebar, title, excerpt) beats a page that
fails to build. This module does not import MkDocs.
"""

from __future__ import annotations

SINGLE_TEMPLATE = "layouts/single.html"
"""Template of ``layout: single``, the default page layout of Minimal Mistakes."""

KNOWN_LAYOUTS: frozenset[str] = frozenset(
    {
        # Minimal Mistakes (_layouts/)
        "archive", "archive-taxonomy", "categories", "category", "collection", "compress",
        "default", "home", "posts", "search", "single", "splash", "tag", "tags",
        # academicpages additions (_layouts/)
        "cv-layout", "talk",
        # Jekyll's and GitHub Pages' conventional names, often left in migrated front matter
        "page", "post",
    }
)  # fmt: skip
"""Layout names of Minimal Mistakes and academicpages; anything else deserves a warning."""

_TEMPLATES: dict[str, str] = {
    "single": SINGLE_TEMPLATE,
    "archive": "layouts/archive.html",
    "splash": "layouts/splash.html",
    "home": "layouts/home.html",
    "talk": "layouts/talk.html",
    "posts": "layouts/posts.html",
    "categories": "layouts/categories.html",
    "tags": "layouts/tags.html",
    "collection": "layouts/collection.html",
    "search": "layouts/search.html",
    "default": "layouts/default.html",
    # Minimal Mistakes' jekyll-archives layouts: a title and the list in the content.
    "archive-taxonomy": "layouts/archive.html",
    "category": "layouts/archive.html",
    "tag": "layouts/archive.html",
    # Minimal Mistakes' compress.html wraps `default` to minify it; MkDocs needs no wrapper.
    "compress": "layouts/default.html",
    # academicpages' CV page is a single page with the author sidebar.
    "cv-layout": SINGLE_TEMPLATE,
    # Jekyll's and GitHub Pages' conventional names.
    "page": SINGLE_TEMPLATE,
    "post": SINGLE_TEMPLATE,
}


def template_for_layout(layout: str | None) -> str | None:
    """Return the template that renders a page with this Jekyll ``layout``.

    Args:
        layout: The page's ``layout`` after front-matter defaults, or None when unset.

    Returns:
        A path relative to the theme folders (``layouts/single.html``), or None to keep
        MkDocs' default ``main.html``: for no layout, and for ``layout: none``/``null``,
        which Jekyll renders bare (the closest MkDocs page is the plain theme page). Unknown
        names also get the single layout, so the page still renders; the plugin warns about
        them using ``is_known_layout``.
    """
    if layout is None:
        return None
    name = layout.strip()
    # Jekyll: `layout: none`, `layout: null` or an empty value means "no layout".
    if not name or name.lower() in {"none", "null"}:
        return None
    return _TEMPLATES.get(name, SINGLE_TEMPLATE)


def is_known_layout(layout: str) -> bool:
    """Tell whether ``layout`` is a Minimal Mistakes / academicpages layout name.

    Args:
        layout: The front-matter value.

    Returns:
        True for names in ``KNOWN_LAYOUTS`` and for ``none``, which Jekyll accepts.
    """
    name = layout.strip()
    return name in KNOWN_LAYOUTS or name.lower() in {"none", "null", ""}
