"""The variables our templates read for one page (``jekyll_*`` in the Jinja context)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from mkdocs_jekyll.features.furniture import page_furniture
from mkdocs_jekyll.features.seo import SeoOptions, build_seo
from mkdocs_jekyll.i18n.ui_text import ui_text_for
from mkdocs_jekyll.mkdocs.feeds import head_link

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

    from mkdocs_jekyll.jekyll.documents import Document
    from mkdocs_jekyll.mkdocs.build import BuildState


def page_context(
    state: BuildState, doc: Document | None, page: Page, *, locale: str | None
) -> dict[str, Any]:
    """Author, UI text, search base, furniture, alternates and SEO tags of one page.

    Args:
        state: The build.
        doc: The page's document, or None for pages outside the model.
        page: MkDocs' page (its URL, title and Markdown).
        locale: The page's locale (its folder, else the pass's).

    Returns:
        The keys to add to the page's template context.

    Raises:
        ContentError: A front matter value SEO must read is malformed (e.g. ``date``).
    """
    context: dict[str, Any] = {
        "jekyll_author": state.author_for(locale),
        "jekyll_ui_text": _escaped(
            ui_text_for(state.data.get("ui-text", {}), locale, state.settings.lang)
        ),
        "jekyll_label": jekyll_label,
    }
    feed = head_link(
        state.options, state.settings, locale, locales=bool(state.translations.locales)
    )
    if feed is not None:
        context["jekyll_feed"] = feed
    if locale is not None and page.url.startswith(f"{locale}/"):
        # Material loads `search/search_index.json` relative to its `base`.
        context["jekyll_search_base"] = get_relative_url(f"{locale}/", page.url)
    if doc is None:
        return context
    context["jekyll_furniture"] = page_furniture(
        doc,
        state.model,
        site=state.settings.extra,
        data=state.data,
        relative_url=state.relative_url,
        default_locale=state.settings.lang,
        neighbours=_neighbours(state, doc),
    )
    context["jekyll_alternates"] = [
        (hreflang, state.absolute_url(url))
        for hreflang, url in state.translations.head_alternates(doc)
    ]
    if state.options.seo_enabled:
        context["jekyll_seo"] = build_seo(
            doc,
            settings=state.settings,
            options=SeoOptions.from_config(state.options),
            translations=state.translations,
            heading=page.title,
            content=page.markdown,
            excerpt=state.excerpts.get(doc.src_path),
            data=state.data,
            profile=context["jekyll_author"],
        )
    return context


def _neighbours(state: BuildState, doc: Document) -> tuple[Document | None, Document | None]:
    """The documents ``page.previous`` and ``page.next`` hold (``build_drops`` links them)."""
    drop = state.drops.pages.get(doc.src_path) or {}

    def document(key: str) -> Document | None:
        other = drop.get(key)
        return state.model.documents.get(other["path"]) if isinstance(other, Mapping) else None

    return document("previous"), document("next")


def _escaped(labels: dict[str, Any]) -> dict[str, Any]:
    """The labels' text as escaped ``Markup``: Material prints ``toc_label`` as it is
    (partials/toc.html), and ``| e`` leaves Markup alone in our templates."""
    return {
        key: escape(value) if isinstance(value, str) else value for key, value in labels.items()
    }


def jekyll_label(
    labels: Mapping[str, Any], fallback: Callable[[str], str]
) -> Callable[[str], Markup | str]:
    """``lang.t`` for partials/jekyll/language.html: a label of ``labels`` as escaped Markup.

    Material's partials/toc.html prints ``lang.t("toc")`` as it is and, in ``aria-label``,
    with ``| e``: Markup is right in both, where a Jinja macro's plain string would be
    either raw or escaped twice.

    Args:
        labels: Key to label (``{"toc": "On this page"}``); empty labels fall back.
        fallback: Material's own ``lang.t``.

    Returns:
        The ``t`` function the partials call.
    """

    def translate(key: str) -> Markup | str:
        label = labels.get(key)
        return escape(label) if label else fallback(key)

    return translate
