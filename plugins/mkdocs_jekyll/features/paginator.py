"""The pager of a paginated page: Minimal Mistakes' ``_includes/paginator.html`` as data.

The ``home`` layout prints it (``partials/jekyll/paginator.html``); the Liquid include
``{% include paginator.html %}`` prints the same links for a page's own listing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mkdocs_jekyll.jekyll.pagination import Pager


@dataclass(frozen=True)
class PagerLink:
    """One item of the pager: a page number, an ellipsis, or Previous/Next."""

    label: str
    """The page number, ``…``, or ``previous``/``next`` (the template prints ui-text)."""
    url: str | None
    """The link with the base path; None for a disabled item."""
    current: bool = False


def pager_links(pager: Pager, relative_url: Callable[[str], str]) -> tuple[PagerLink, ...]:
    """Minimal Mistakes' paginator items: Previous, 1, …, the pages around, …, last, Next.

    Empty when there is one page (MM prints nothing unless ``total_pages > 1``).
    """
    if pager.total_pages <= 1:
        return ()
    page, total = pager.page, pager.total_pages

    def number(index: int) -> PagerLink:
        url = relative_url(pager.path_of(index))
        return PagerLink(str(index), None if index == page else url, index == page)

    links = [
        PagerLink(
            "previous", relative_url(pager.previous_page_path) if pager.previous_page_path else None
        ),
        number(1),
    ]
    start = 2
    if page > 4:
        start = page - 2
        links.append(PagerLink("…", None))
    end = total - 1
    if total - page > 4:
        end = page + 2
    links.extend(number(index) for index in range(start, end + 1))
    if total - page > 3:
        links.append(PagerLink("…", None))
    links.append(number(total))
    links.append(
        PagerLink("next", relative_url(pager.next_page_path) if pager.next_page_path else None)
    )
    return tuple(links)
