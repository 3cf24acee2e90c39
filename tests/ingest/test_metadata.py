"""Date lines, bylines and publishers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.ingest.metadata import format_published, parse_date_line, publisher_for


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("December 4, 2016, 6:19 PM", "2016-12-04T18:19"),
        ("Dec. 4, 2016", "2016-12-04"),
        ("4 December 2016", "2016-12-04"),
        ("Published: 4 December 2016", "2016-12-04"),
        ("Sunday 4 December 2016 18.19 GMT", "2016-12-04T18:19+00:00"),
        ("Updated 5:00 AM EST Dec 4, 2016", "2016-12-04T05:00-05:00"),
        ("2016-12-04T18:19:00Z", "2016-12-04T18:19+00:00"),
        ("Government forces have advanced rapidly in the past week", None),
        ("May 2016", None),
        ("The attack began on June 3, 2014, and lasted for weeks as the militants advanced.", None),
    ],
)
def test_parse_date_line(line, expected):
    assert parse_date_line(line) == expected


@given(st.text(max_size=100))
def test_parse_date_line_never_crashes(line):
    result = parse_date_line(line)
    assert result is None or result[:4].isdigit()


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)))
def test_format_published_round_trips_to_the_minute(value):
    text = format_published(value)
    parsed = datetime.fromisoformat(text)
    assert parsed.date() == value.date()
    if "T" in text:
        assert (parsed.hour, parsed.minute) == (value.hour, value.minute)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2020, 5, 9), "2020-05-09"),
        (datetime(2020, 5, 9, 0, 0), "2020-05-09"),
        (datetime(2020, 5, 9, 14, 30, tzinfo=UTC), "2020-05-09T14:30+00:00"),
    ],
)
def test_format_published(value, expected):
    assert format_published(value) == expected


@pytest.mark.parametrize(
    ("url", "publisher"),
    [
        ("https://www.reuters.com/world/x", "Reuters"),
        ("https://edition.cnn.com/2024/01/01/a", "CNN"),
        ("https://www.theguardian.com/world/2016/dec/04/x", "The Guardian"),
        ("https://example.org/x", None),
        (None, None),
    ],
)
def test_publisher_for(url, publisher):
    assert publisher_for(url) == publisher
