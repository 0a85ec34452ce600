"""Add Jekyll's tags and filters to a python-liquid environment.

Jekyll 4.3 renders with Shopify Liquid 4 plus ``Jekyll::Filters`` and ``Jekyll::Tags``;
the same set is registered here on top of python-liquid's standard ones. Where Jekyll
overrides a standard filter (``where``, ``find``, ``sort``) or tag (``include``), its
version wins. ``render`` is removed: Liquid 4 has no such tag. ``for``, ``if``, ``unless``,
``assign``, ``echo`` and output statements also read what Ruby Liquid's lax parser accepts
(``tags/lax_tags.py``); ``case``, ``capture``, ``tablerow``, ``cycle`` and end tags read
their markup as Ruby Liquid's regular expressions do (``tags/lax_markup_tags.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mkdocs_jekyll.liquid.filters import arrays, dates, strings, urls, values
from mkdocs_jekyll.liquid.tags.feed_meta_tag import FeedMetaTag
from mkdocs_jekyll.liquid.tags.highlight_tag import HighlightTag
from mkdocs_jekyll.liquid.tags.include_relative_tag import IncludeRelativeTag
from mkdocs_jekyll.liquid.tags.include_tag import IncludeTag
from mkdocs_jekyll.liquid.tags.lax_markup_tags import LAX_MARKUP_TAGS
from mkdocs_jekyll.liquid.tags.lax_tags import LAX_TAGS
from mkdocs_jekyll.liquid.tags.link_tag import LinkTag
from mkdocs_jekyll.liquid.tags.post_url_tag import PostUrlTag

if TYPE_CHECKING:
    from liquid import Environment

FILTERS: dict[str, Callable[..., Any]] = {
    # lib/jekyll/filters/url_filters.rb
    "relative_url": urls.relative_url,
    "absolute_url": urls.absolute_url,
    "strip_index": urls.strip_index,
    # lib/jekyll/filters.rb
    "markdownify": strings.markdownify,
    "slugify": strings.slugify_filter,
    "xml_escape": values.xml_escape,
    "cgi_escape": strings.cgi_escape,
    "uri_escape": urls.uri_escape,
    "normalize_whitespace": strings.normalize_whitespace,
    "smartify": strings.smartify,
    "number_of_words": strings.number_of_words,
    "array_to_sentence_string": arrays.array_to_sentence_string,
    "jsonify": values.jsonify,
    "where": arrays.where,
    "where_exp": arrays.where_exp,
    "find": arrays.find,
    "find_exp": arrays.find_exp,
    "to_integer": values.to_integer,
    "sort": arrays.sort,
    "pop": arrays.pop,
    "push": arrays.push,
    "shift": arrays.shift,
    "unshift": arrays.unshift,
    "sample": arrays.sample,
    "inspect": values.inspect_filter,
    # lib/jekyll/filters/grouping_filters.rb
    "group_by": arrays.group_by,
    "group_by_exp": arrays.group_by_exp,
    # lib/jekyll/filters/date_filters.rb
    "date_to_xmlschema": dates.date_to_xmlschema,
    "date_to_rfc822": dates.date_to_rfc822,
    "date_to_string": dates.date_to_string,
    "date_to_long_string": dates.date_to_long_string,
}

TAGS = (
    IncludeTag,
    IncludeRelativeTag,
    HighlightTag,
    LinkTag,
    PostUrlTag,
    FeedMetaTag,
    *LAX_TAGS,
    *LAX_MARKUP_TAGS,
)


def register(env: Environment) -> None:
    """Register Jekyll's tags and filters on ``env``, replacing Liquid's where they clash.

    Args:
        env: An environment that already has python-liquid's standard tags and filters.
    """
    env.tags.pop("render", None)
    for tag in TAGS:
        env.add_tag(tag)
    for name, func in FILTERS.items():
        env.add_filter(name, func)
