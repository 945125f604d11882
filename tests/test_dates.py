"""Partial dates, spans, the period grammar and date display."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import strategies as st

from kaztimeline.errors import UsageError
from kaztimeline.values.dates import (
    PartialDate,
    event_span,
    format_event_date,
    parse_bound,
    parse_partial,
    parse_period,
    window_from_bounds,
)


def days(*iso: str) -> tuple[int, ...]:
    return tuple(date.fromisoformat(d).toordinal() for d in iso)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025", PartialDate(2025)), ("2025-04", PartialDate(2025, 4)), ("2025-06-05", PartialDate(2025, 6, 5))],
)
def test_parse_partial_keeps_precision(text, expected):
    assert parse_partial(text) == expected
    assert str(expected) == text


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "25", "2025/04", "2025-4", "", "June 2025"])
def test_parse_partial_rejects(text):
    with pytest.raises(ValueError):
        parse_partial(text)


def test_event_span_covers_whole_precision():
    assert event_span("2025-04") == days("2025-04-01", "2025-04-30")
    assert event_span("2024-02") == days("2024-02-01", "2024-02-29")
    assert event_span("2025") == days("2025-01-01", "2025-12-31")
    assert event_span("2025-04-07", "2025-04-11") == days("2025-04-07", "2025-04-11")
    assert event_span("2017", "2018") == days("2017-01-01", "2018-12-31")


def test_an_end_date_equal_to_the_date_is_a_one_day_span():
    assert event_span("2025-04-07", "2025-04-07") == days("2025-04-07", "2025-04-07")
    assert event_span("2025", "2025") == days("2025-01-01", "2025-12-31")


def test_event_span_rejects_end_before_start():
    with pytest.raises(ValueError, match="before"):
        event_span("2025-04-11", "2025-04-07")
    # An end at coarser precision that still covers the start is fine.
    assert event_span("2025-04-11", "2025-04") == days("2025-04-11", "2025-04-30")


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        ("2025", "2025-01-01", "2025-12-31"),
        ("2025-04", "2025-04-01", "2025-04-30"),
        ("2025Q2", "2025-04-01", "2025-06-30"),
        ("2025q4", "2025-10-01", "2025-12-31"),
        ("2025H1", "2025-01-01", "2025-06-30"),
        ("2025H2", "2025-07-01", "2025-12-31"),
        ("2024-12..2025Q1", "2024-12-01", "2025-03-31"),
        ("2022..2023", "2022-01-01", "2023-12-31"),
        ("2025-06-05", "2025-06-05", "2025-06-05"),
    ],
)
def test_period_grammar(period, first, last):
    window = parse_period(period)
    assert (window.start, window.end) == days(first, last)


def test_period_open_ends():
    assert parse_period("2025..").start == days("2025-01-01")[0]
    assert parse_period("2025..").end is None
    assert parse_period("..2022").end == days("2022-12-31")[0]


@pytest.mark.parametrize("period", ["2025Q5", "2025H3", "25", "2025-13", "..", "2025..2026..2027", "spring"])
def test_invalid_period_is_usage_error(period):
    with pytest.raises(UsageError):
        parse_period(period)


def test_reversed_period_is_usage_error():
    with pytest.raises(UsageError, match="ends before it starts"):
        parse_period("2025..2024")


def test_period_equals_since_until():
    assert parse_period("2025Q2") == window_from_bounds("2025-04", "2025-06")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("June 2025", PartialDate(2025, 6)), ("5 June 2025", PartialDate(2025, 6, 5)), ("2025", PartialDate(2025)),
     ("Dec 2025", PartialDate(2025, 12))],
)
def test_free_form_bounds_keep_precision(text, expected):
    assert parse_bound(text) == expected


@pytest.mark.parametrize("text", ["June", "not a date", "5 June"])
def test_bad_bounds_are_usage_errors(text):
    with pytest.raises(UsageError):
        parse_bound(text)


def test_until_before_since_is_usage_error():
    with pytest.raises(UsageError, match="before"):
        window_from_bounds("2025-06", "2025-04")


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("2025-04",), "Apr 2025"),
        (("2025-12", "", "early"), "early Dec 2025"),
        (("2025-04-07", "2025-04-11"), "7-11 Apr 2025"),
        (("2025-06-05",), "5 Jun 2025"),
        (("2017", "2018"), "2017-2018"),
        (("2022-03", "2022-04"), "Mar-Apr 2022"),
        (("2010", "", "circa"), "c. 2010"),
        (("2024-11", "2025-01"), "Nov 2024 - Jan 2025"),
        (("2025-04-07", "2025-04-07"), "7 Apr 2025"),  # an end equal to the date says nothing more
        (("2025", "2025"), "2025"),
        (("2025-03-30", "2025-04-02"), "30 Mar - 2 Apr 2025"),
        (("2025-04-30", "2025-06"), "30 Apr 2025 - Jun 2025"),
        (("2024", "2025-06"), "2024 - Jun 2025"),
        (("2025-06", "", "mid"), "mid Jun 2025"),
        (("2025", "", "before"), "before 2025"),
    ],
)
def test_format_event_date(args, shown):
    assert format_event_date(*args) == shown


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("2025-13",), "2025-13"),
        (("2025-13", "", "circa"), "circa 2025-13"),  # as written: no "c." for a date that did not parse
        (("2025-04", "2025-13"), "2025-04 to 2025-13"),
        (("June 2025", "2025-13", "late"), "late June 2025 to 2025-13"),
    ],
)
def test_an_unparseable_date_is_shown_as_written(args, shown):
    assert format_event_date(*args) == shown


def test_format_event_date_long_months():
    assert format_event_date("2025-12", "", "early", long_months=True) == "early December 2025"


# --- properties -------------------------------------------------------------------------------------

atoms = st.one_of(
    st.integers(1990, 2030).map(str),
    st.tuples(st.integers(1990, 2030), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.tuples(st.integers(1990, 2030), st.integers(1, 4)).map(lambda t: f"{t[0]}Q{t[1]}"),
    st.tuples(st.integers(1990, 2030), st.integers(1, 2)).map(lambda t: f"{t[0]}H{t[1]}"),
)
