"""Date filters, with and without the site's ``timezone``.

Expected values were produced by Jekyll 4.3.1's own ``Jekyll::Filters`` (with ``TZ=UTC``
and with ``timezone: America/New_York``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from liquid_helpers import Render
from mkdocs_jekyll.jekyll.errors import ContentError

UTC_TIME = dt.datetime(2024, 1, 2, 10, tzinfo=dt.UTC)
NY = "America/New_York"
# PyYAML reads a timestamp without offset as a naive datetime.
NAIVE = dt.datetime(2024, 1, 2, 10)  # noqa: DTZ001


@dataclass(frozen=True)
class Case:
    description: str
    template: str
    value: object
    expected: str
    timezone: str | None = None


CASES = [
    Case("xmlschema", "{{ d | date_to_xmlschema }}", UTC_TIME, "2024-01-02T10:00:00+00:00"),
    Case("rfc822", "{{ d | date_to_rfc822 }}", UTC_TIME, "Tue, 02 Jan 2024 10:00:00 +0000"),
    Case("string", "{{ d | date_to_string }}", UTC_TIME, "02 Jan 2024"),
    Case("string ordinal", "{{ d | date_to_string: 'ordinal' }}", UTC_TIME, "2nd Jan 2024"),
    Case(
        "string ordinal US",
        "{{ d | date_to_string: 'ordinal', 'US' }}",
        dt.datetime(2024, 1, 22, tzinfo=dt.UTC),
        "Jan 22nd, 2024",
    ),
    Case(
        "long ordinal teen",
        "{{ d | date_to_long_string: 'ordinal' }}",
        dt.datetime(2024, 1, 13, tzinfo=dt.UTC),
        "13th January 2024",
    ),
    Case(
        "long ordinal US",
        "{{ d | date_to_long_string: 'ordinal', 'US' }}",
        dt.datetime(2024, 9, 3, tzinfo=dt.UTC),
        "September 3rd, 2024",
    ),
    Case(
        "long",
        "{{ d | date_to_long_string }}",
        dt.datetime(2024, 9, 3, tzinfo=dt.UTC),
        "03 September 2024",
    ),
    Case(
        "date object",
        "{{ d | date_to_xmlschema }}",
        dt.date(2024, 1, 2),
        "2024-01-02T00:00:00+00:00",
    ),
    Case(
        "naive datetime is UTC",
        "{{ d | date_to_xmlschema }}",
        NAIVE,
        "2024-01-02T10:00:00+00:00",
    ),
    Case(
        "aware datetime keeps its offset",
        "{{ d | date_to_xmlschema }}",
        dt.datetime(2024, 1, 2, 10, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        "2024-01-02T10:00:00+02:00",
    ),
    Case("iso string", "{{ d | date_to_xmlschema }}", "2024-01-02", "2024-01-02T00:00:00+00:00"),
    Case(
        "iso string with time",
        "{{ d | date_to_xmlschema }}",
        "2024-01-02 10:00:00",
        "2024-01-02T10:00:00+00:00",
    ),
    Case(
        "iso string Z",
        "{{ d | date_to_xmlschema }}",
        "2024-01-02T10:00:00Z",
        "2024-01-02T10:00:00+00:00",
    ),
    # Ruby's Time.parse ignores words after the date and a zone it does not know (CET).
    Case(
        "words after a date",
        "{{ d | date_to_xmlschema }}",
        "2024-01-02 (approx.)",
        "2024-01-02T00:00:00+00:00",
    ),
    Case(
        "unknown zone name is local time",
        "{{ d | date_to_xmlschema }}",
        "2024-01-02 10:00 CET",
        "2024-01-02T10:00:00+00:00",
    ),
    Case(
        "string with offset",
        "{{ d | date_to_xmlschema }}",
        "2024-01-02 10:00:00 +0200",
        "2024-01-02T10:00:00+02:00",
    ),
    Case(
        "rfc822 string",
        "{{ d | date_to_xmlschema }}",
        "Tue, 02 Jan 2024 10:00:00 +0000",
        "2024-01-02T10:00:00+00:00",
    ),
    Case(
        "month day year", "{{ d | date_to_xmlschema }}", "Jan 2, 2024", "2024-01-02T00:00:00+00:00"
    ),
    Case(
        "day month year 3pm",
        "{{ d | date_to_xmlschema }}",
        "2 January 2024 3pm",
        "2024-01-02T15:00:00+00:00",
    ),
    Case("slashes", "{{ d | date_to_string }}", "2024/01/02", "02 Jan 2024"),
    Case("epoch string", "{{ d | date_to_xmlschema }}", "1704189600", "2024-01-02T10:00:00+00:00"),
    Case("epoch number", "{{ d | date_to_xmlschema }}", 1704189600, "2024-01-02T10:00:00+00:00"),
    Case("empty string stays", "{{ d | date_to_xmlschema }}", "", ""),
    Case("nil stays", "{{ d | date_to_rfc822 }}", None, ""),
    Case(
        "tz: aware converted",
        "{{ d | date_to_xmlschema }}",
        UTC_TIME,
        "2024-01-02T05:00:00-05:00",
        NY,
    ),
    Case("tz: rfc822", "{{ d | date_to_rfc822 }}", UTC_TIME, "Tue, 02 Jan 2024 05:00:00 -0500", NY),
    Case(
        "tz: date is local midnight",
        "{{ d | date_to_xmlschema }}",
        dt.date(2024, 1, 2),
        "2024-01-02T00:00:00-05:00",
        NY,
    ),
    Case(
        "tz: string without offset is local",
        "{{ d | date_to_xmlschema }}",
        "2024-01-02 10:00:00",
        "2024-01-02T10:00:00-05:00",
        NY,
    ),
    Case(
        "tz: string with offset converted",
        "{{ d | date_to_xmlschema }}",
        "2024-01-02T10:00:00.5+02:00",
        "2024-01-02T03:00:00-05:00",
        NY,
    ),
    Case("tz: epoch", "{{ d | date_to_xmlschema }}", 1704189600, "2024-01-02T05:00:00-05:00", NY),
    Case(
        "tz: naive datetime is UTC",
        "{{ d | date_to_xmlschema }}",
        NAIVE,
        "2024-01-02T05:00:00-05:00",
        NY,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.description)
def test_date_filters(render: Render, case: Case) -> None:
    assert render(case.template, {"d": case.value}, timezone=case.timezone) == case.expected


@pytest.mark.parametrize(
    ("value", "timezone", "message"),
    [
        ("garbage", None, "en/page.md:1:8: Invalid Date: '\"garbage\"' is not a valid datetime."),
        ([1], None, "en/page.md:1:8: Invalid Date: '[1]' is not a valid datetime."),
        (
            "2024-01-02",
            "Mars/Olympus",
            "en/page.md:1:8: unknown timezone 'Mars/Olympus'; "
            "expected an IANA name such as 'Europe/Paris'",
        ),
    ],
    ids=["not a date", "a list", "unknown timezone"],
)
def test_invalid_dates_fail_like_jekyll(
    render: Render, value: object, timezone: str | None, message: str
) -> None:
    with pytest.raises(ContentError) as caught:
        render("{{ d | date_to_string }}", {"d": value}, timezone=timezone)
    assert str(caught.value) == message


def test_now_is_aware(render: Render) -> None:
    assert render("{{ 'now' | date_to_xmlschema }}").endswith("+00:00")
