"""Jekyll's date filters: ``date_to_xmlschema``, ``date_to_rfc822``, ``date_to_string``.

Mirrors ``lib/jekyll/filters/date_filters.rb`` (Jekyll 4.3): the input goes through
``Liquid::Utils.to_date`` (dates, times, ``now``, epoch seconds, or a string parsed like
Ruby's ``Time.parse``) and is shown in the site's ``timezone``. Without a ``timezone``,
aware datetimes keep their offset and naive ones are UTC, as PyYAML and Psych both read
a timestamp without offset as UTC. All arithmetic uses aware datetimes. The parsing lives
in ``jekyll/dates.py``; these filters format its result.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from liquid.exceptions import FilterArgumentError
from liquid.filter import with_environment

from mkdocs_jekyll.jekyll import dates
from mkdocs_jekyll.liquid.filters.values import inspect, is_nil, to_s

if TYPE_CHECKING:
    from mkdocs_jekyll.liquid.environment import JekyllEnvironment


def _zone(environment: JekyllEnvironment) -> dt.tzinfo | None:
    name = environment.settings.timezone
    try:
        return dates.site_zone(name)
    except dates.UnknownZone as err:
        raise FilterArgumentError(
            f"unknown timezone '{name}'; expected an IANA name such as 'Europe/Paris'",
            token=None,
        ) from err


def to_time(value: object, zone: dt.tzinfo | None) -> dt.datetime:
    """``jekyll/dates.py``'s ``to_time``, its error worded as Jekyll's date filters word it.

    Raises:
        FilterArgumentError: "Invalid Date: '...' is not a valid datetime." as Jekyll.
    """
    try:
        return dates.to_time(value, zone)
    except dates.InvalidDate:
        raise FilterArgumentError(
            f"Invalid Date: '{inspect(value)}' is not a valid datetime.", token=None
        ) from None


def _ordinal(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _stringify(value: object, long: bool, type_: object, style: object, zone: object) -> object:
    time = to_time(value, zone if isinstance(zone, dt.tzinfo) else None)
    month = dates.MONTHS[time.month - 1]
    month = month if long else month[:3]
    if type_ == "ordinal":
        day = f"{time.day}{_ordinal(time.day)}"
        if style == "US":
            return f"{month} {day}, {time.year}"
        return f"{day} {month} {time.year}"
    return f"{time.day:02d} {month} {time.year}"


@with_environment
def date_to_xmlschema(date: object, *, environment: JekyllEnvironment) -> object:
    """Jekyll's ``date_to_xmlschema``: ``2011-04-24T20:34:46+08:00`` for feeds and SEO."""
    if is_nil(date) or to_s(date) == "":
        return date
    time = to_time(date, _zone(environment))
    return time.replace(microsecond=0).isoformat()


@with_environment
def date_to_rfc822(date: object, *, environment: JekyllEnvironment) -> object:
    """Jekyll's ``date_to_rfc822``: ``Sun, 24 Apr 2011 12:34:46 +0000`` for RSS."""
    if is_nil(date) or to_s(date) == "":
        return date
    time = to_time(date, _zone(environment))
    day = dates.DAYS[time.weekday()][:3]
    month = dates.MONTHS[time.month - 1][:3]
    return f"{day}, {time.day:02d} {month} {time.year} {time.strftime('%H:%M:%S %z')}"


@with_environment
def date_to_string(
    date: object,
    type_: object = None,
    style: object = None,
    *,
    environment: JekyllEnvironment,
) -> object:
    """Jekyll's ``date_to_string``: ``27 Jan 2011``; ``ordinal`` and ``US`` variants."""
    if is_nil(date) or to_s(date) == "":
        return date
    return _stringify(date, False, type_, style, _zone(environment))


@with_environment
def date_to_long_string(
    date: object,
    type_: object = None,
    style: object = None,
    *,
    environment: JekyllEnvironment,
) -> object:
    """Jekyll's ``date_to_long_string``: ``27 January 2011``; ``ordinal`` and ``US``."""
    if is_nil(date) or to_s(date) == "":
        return date
    return _stringify(date, True, type_, style, _zone(environment))
