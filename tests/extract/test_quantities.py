"""Number phrases: the reading table, what is not a count, and round-trip properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.extract.quantities import find_quantities, parse_number, parse_quantity, vague_readings

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen".split()  # fmt: skip
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n: int) -> str:
    """English words for 0 <= n < 10**12 ("one hundred and twenty-five thousand ...")."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _ONES[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + (" and " + words(rest) if rest else "")
    for scale, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if n >= scale:
            rest = n % scale
            return words(n // scale) + " " + name + (" " + words(rest) if rest else "")
    raise ValueError(n)


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier", "unit"),
    [
        ("30,000", 30000, None, None, "exact", None),
        ("seven", 7, None, None, "exact", None),
        ("tens of thousands", None, 10000, 99999, "about", None),
        ("hundreds of thousands", None, 100000, 999999, "about", None),
        ("two dozen", 24, None, None, "about", None),
        ("a dozen", 12, None, None, "about", None),
        ("dozens", None, 12, 99, "about", None),
        ("hundreds", None, 100, 999, "about", None),
        ("thousands", None, 1000, 9999, "about", None),
        ("several hundred", None, 300, 999, "about", None),
        ("a few", None, 2, 5, "about", None),
        ("a third of", 33.3, None, None, "about", "percent"),
        ("two-thirds of", 66.7, None, None, "about", "percent"),
        ("half of", 50, None, None, "about", "percent"),
        ("one in five", 20, None, None, "about", "percent"),
        ("more than 52 percent", 52, 52, None, "more_than", "percent"),
        ("52%", 52, None, None, "exact", "percent"),
        ("12 per cent", 12, None, None, "exact", "percent"),
        ("between 100,000 and 200,000", None, 100000, 200000, "between", None),
        ("100,000-200,000", None, 100000, 200000, "between", None),
        ("from 5 to 10", None, 5, 10, "between", None),
        ("two or three", None, 2, 3, "between", None),
        ("2 to 3 million", None, 2_000_000, 3_000_000, "between", None),
        ("at least 30,000", 30000, 30000, None, "at_least", None),
        ("no fewer than 40", 40, 40, None, "at_least", None),
        ("nearly 400", 400, None, 400, "about", None),
        ("almost 2,000", 2000, None, 2000, "about", None),
        ("about 5,000", 5000, None, None, "about", None),
        ("an estimated 250,000", 250000, None, None, "about", None),
        ("up to 1,000", 1000, None, 1000, "up_to", None),
        ("as many as 300", 300, None, 300, "up_to", None),
        ("fewer than 10", 10, None, 10, "fewer_than", None),
        ("at most 12", 12, None, 12, "at_most", None),
        ("100 or more", 100, 100, None, "at_least", None),
        ("400-plus", 400, 400, None, "more_than", None),
        ("1.5 million", 1_500_000, None, None, "exact", None),
        ("half a million", 500_000, None, None, "exact", None),
        ("twenty-five", 25, None, None, "exact", None),
        ("one hundred and twenty", 120, None, None, "exact", None),
        ("a hundred", 100, None, None, "exact", None),
        ("seven-day", 7, None, None, "exact", "days"),
        ("72-hour", 72, None, None, "exact", "hours"),
        ("three weeks", 3, None, None, "exact", "weeks"),
    ],
)
def test_parse_quantity_table(text, value, low, high, qualifier, unit):
    q = parse_quantity(text)
    assert q is not None, text
    assert (q.value, q.low, q.high, q.qualifier.value, q.unit) == (value, low, high, qualifier, unit)


def test_vague_readings_agree_with_acled_where_it_codes_a_number():
    readings = vague_readings()
    assert {w: readings[w].acled for w in ("tens", "dozens", "hundreds")} == {
        "tens": 10,
        "dozens": 12,
        "hundreds": 100,
    }
    assert all(r.acled is None or r.acled == r.low for r in readings.values())
    assert all(r.low <= r.high for r in readings.values())


@pytest.mark.parametrize(
    "sentence",
    [
        "Khalil Halabi, 35-year-old pharmacist, left on Dec. 4, 2016.",  # age, day of month, year
        "The 5-year-old conflict began in 2011.",
        "At 6:19 PM the 3rd Brigade and G20 leaders met about COVID-19.",
        "The offer was worth $5 million.",
    ],
)
def test_things_that_are_not_counts(sentence):
    assert [q.text for q in find_quantities(sentence)] == []


def test_find_quantities_in_running_text():
    text = "More than 52 percent of the city fell, and tens of thousands of people fled, 400,000 in all."
    found = [(q.text, q.start, q.end) for q in find_quantities(text)]
    assert found == [("More than 52 percent", 0, 20), ("tens of thousands", 43, 60), ("400,000", 77, 84)]
    assert all(text[s:e] == t for t, s, e in found)


@given(n=st.integers(0, 10**12))
@settings(max_examples=300, deadline=None)
def test_digits_with_separators_round_trip(n):
    assert parse_number(f"{n:,}") == n


@given(n=st.integers(1, 10**12 - 1))
@settings(max_examples=300, deadline=None)
def test_words_round_trip(n):
    assert parse_number(words(n)) == n


@given(a=st.integers(1, 10**6), b=st.integers(1, 10**6))
@settings(max_examples=200, deadline=None)
def test_ranges_round_trip(a, b):
    low, high = sorted((a, b))
    q = parse_quantity(f"between {low:,} and {high:,}")
    assert (q.low, q.high, q.value, q.qualifier.value) == (low, high, None, "between")


@given(text=st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_scanner_never_raises_and_spans_point_into_the_text(text):
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        assert q.start <= q.core_start < q.core_end <= q.end
        assert q.low is None or q.high is None or q.low <= q.high
    parse_quantity(text)
    parse_number(text)
