"""Jekyll's dates: a value from front matter or Liquid as an aware datetime.

Mirrors ``time(input)`` of ``lib/jekyll/filters/date_filters.rb`` (Jekyll 4.3): dates,
times, ``now``, epoch seconds, or a string parsed like Ruby's ``Time.parse``, shown in the
site's zone. Without a zone, aware datetimes keep their offset and naive ones are UTC, as
PyYAML and Psych both read a timestamp without offset as UTC. The one implementation: the
date filters (``liquid/filters/dates.py``), the SEO tags, the sitemap's ``lastmod`` and the
archive lists (``features/furniture.py``) call it.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS = (
    "January February March April May June July August September October November December"
).split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
# Texts that `re`'s cache compiles when a date string is first parsed (`(?is)`: IGNORECASE
# and DOTALL): front matter dates are YAML timestamps, so most builds parse none, and the
# month names' alternatives took about 1 ms of every build's start to compile.
_ISO = (
    r"(?is)\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?(?:\s+.*)?\s*"
)
_MONTH_NAMES = "|".join(name[:3] + f"(?:{name[3:]})?" for name in MONTHS)
_TIME = r"(?:\s*,?\s*(\d{1,2})(?::(\d{2})(?::(\d{2}))?)?\s*(am|pm)?)?"
_DAY_MONTH_YEAR = (
    r"(?i)\s*(?:\w+,?\s+)??(\d{1,2})(?:st|nd|rd|th)?"
    rf"\s+({_MONTH_NAMES})\.?,?\s+(\d{{4}}){_TIME}\s*"
)
_MONTH_DAY_YEAR = (
    rf"(?i)\s*(?:\w+,?\s+)??({_MONTH_NAMES})\.?"
    rf"\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){_TIME}\s*"
)


class InvalidDate(ValueError):
    """A value that is not a date; ``value`` is kept so each caller can word the error."""

    def __init__(self, value: object) -> None:
        super().__init__(value)
        self.value = value


class UnknownZone(ValueError):
    """A ``timezone`` that is no IANA zone; ``name`` is kept so each caller can word it."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def site_zone(name: str | None) -> ZoneInfo | None:
    """The site's ``timezone`` setting as a zone; ``None`` when unset.

    Jekyll sets ``ENV["TZ"]`` from ``timezone`` (``Jekyll.set_timezone``), so every date it
    shows is in that zone; without one, dates keep their own offset here (see the module).

    Raises:
        UnknownZone: ``name`` is not an IANA zone name (``Mars/Olympus``).
    """
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise UnknownZone(name) from err


def _offset(text: str | None) -> dt.tzinfo | None:
    if not text:
        return None
    if text.upper() in ("Z", "UTC", "GMT"):
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) > 2 else 0)
    return dt.timezone(sign * dt.timedelta(minutes=minutes))


def _hour(hour: str | None, meridian: str | None) -> int:
    value = int(hour or 0)
    if meridian and meridian.lower() == "pm" and value < 12:
        value += 12
    if meridian and meridian.lower() == "am" and value == 12:
        value = 0
    return value


def _month(name: str) -> int:
    return [month[:3].lower() for month in MONTHS].index(name[:3].lower()) + 1


def parse_time(text: str, zone: dt.tzinfo | None) -> dt.datetime | None:
    """Parse a date string as Ruby's ``Time.parse`` reads the common formats.

    As in Ruby, words after an ISO date or time are ignored (``2024-01-02 (approx.)``,
    ``2024-01-02 10:00 CET``: ``Time.parse`` knows no ``CET`` and reads local time).

    Args:
        text: ISO 8601 (``2024-01-02``, ``2024-01-02 10:00:00 +0200``), RFC 2822, or
            day and month name in either order (``2 Jan 2024``, ``January 2, 2024 3pm``).
        zone: The zone of a string without offset (Ruby uses local time); ``None`` leaves
            such a result naive, for callers that keep only its date.

    Returns:
        A datetime (aware unless ``zone`` is ``None`` and the text has no offset), or
        ``None`` when the string is not a date.
    """
    try:
        match = re.fullmatch(_ISO, text)
        if match:
            year, month, day, hour, minute, second, fraction, offset = match.groups()
            micro = int((fraction or "0")[:6].ljust(6, "0"))
            value = dt.datetime(
                int(year),
                int(month),
                int(day),
                int(hour or 0),
                int(minute or 0),
                int(second or 0),
                micro,
                tzinfo=_offset(offset) or zone,
            )
            return value
        for pattern, day_first in ((_DAY_MONTH_YEAR, True), (_MONTH_DAY_YEAR, False)):
            match = re.fullmatch(pattern, text)
            if match:
                first, second_, year, hour, minute, sec, meridian = match.groups()
                day, month = (first, second_) if day_first else (second_, first)
                return dt.datetime(
                    int(year),
                    _month(month),
                    int(day),
                    _hour(hour, meridian),
                    int(minute or 0),
                    int(sec or 0),
                    tzinfo=zone,
                )
        parsed = email.utils.parsedate_to_datetime(text)
    except (ValueError, TypeError, IndexError):
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)


def to_date(value: object) -> dt.date | None:
    """The calendar date of a front matter value, in the value's own zone.

    Args:
        value: A ``date`` or ``datetime`` (as YAML gives them) or a string ``parse_time``
            reads (Jekyll parses a string ``date`` with ``Time.parse``).

    Returns:
        The date, or ``None`` for anything that is not a date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        parsed = parse_time(value.strip(), None)
        return parsed.date() if parsed is not None else None
    return None


def to_time(value: object, zone: dt.tzinfo | None) -> dt.datetime:
    """Turn a filter input into an aware datetime shown in ``zone``.

    Mirrors ``time(input)`` of ``date_filters.rb``: ``Liquid::Utils.to_date`` then
    ``to_time.localtime``.

    Raises:
        InvalidDate: The value is not a date (the Liquid filter words it as Jekyll).
    """
    base = zone or dt.UTC
    result: dt.datetime | None = None
    if isinstance(value, dt.datetime):
        result = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    elif isinstance(value, dt.date):
        result = dt.datetime(value.year, value.month, value.day, tzinfo=base)
    elif isinstance(value, int) and not isinstance(value, bool):
        result = dt.datetime.fromtimestamp(value, tz=base)
    elif isinstance(value, str):
        text = value.strip().lower()
        if text in ("now", "today"):
            result = dt.datetime.now(tz=base)
        elif re.fullmatch(r"\d+", value):
            result = dt.datetime.fromtimestamp(int(value), tz=base)
        else:
            result = parse_time(value, base)
    if result is None:
        raise InvalidDate(value)
    return result.astimezone(zone) if zone is not None else result
