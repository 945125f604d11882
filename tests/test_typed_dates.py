"""Dates as people type them: --period reads what --since reads, day-first slashes, year ranges, `add --date`."""

from __future__ import annotations

import pytest
from conftest import read_csv_text

from kaztimeline.errors import UsageError
from kaztimeline.values.dates import PartialDate, normalise_date, parse_bound, parse_period, window_from_bounds


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-6", PartialDate(2025, 6)),
    ("2025-6-5", PartialDate(2025, 6, 5)),
    ("2025/06/05", PartialDate(2025, 6, 5)),
    ("06/05/2025", PartialDate(2025, 5, 6)),
    ("6.5.2025", PartialDate(2025, 5, 6)),
    ("13/05/2025", PartialDate(2025, 5, 13)),
    ("6/2025", PartialDate(2025, 6)),
    ("June 5, 2025", PartialDate(2025, 6, 5)),
    (" 5 June 2025 ", PartialDate(2025, 6, 5)),
])
def test_dates_as_people_type_them(text, expected):
    assert parse_bound(text) == expected


def test_a_slash_date_that_only_reads_month_first_is_refused_with_the_fix():
    with pytest.raises(UsageError, match=r"reads month first; dates are day first \(DD/MM/YYYY\): write 13/05/2025"):
        parse_bound("05/13/2025")


@pytest.mark.parametrize("text", ["31/02/2025", "2025-13", "20250605", "6/5", "06/05/25"])
def test_numbers_in_no_known_form_are_refused_never_guessed(text):
    with pytest.raises(UsageError):
        parse_bound(text)


@pytest.mark.parametrize(("period", "since", "until"), [
    ("June 2025", "2025-06", "2025-06"),
    ("2025-6", "2025-06", "2025-06"),
    ("5 June 2025", "2025-06-05", "2025-06-05"),
    ("06/05/2025", "2025-05-06", "2025-05-06"),
    ("2025-2026", "2025", "2026"),
    ("2021 - 2023", "2021", "2023"),
    ("June 2025..Aug 2025", "2025-06", "2025-08"),
])
def test_period_reads_what_since_reads(period, since, until):
    assert parse_period(period) == window_from_bounds(since, until)


def test_a_reversed_year_range_is_refused():
    with pytest.raises(UsageError, match="ends before it starts"):
        parse_period("2026-2025")


def test_normalise_keeps_what_is_no_date_for_validation_to_report():
    assert normalise_date("5 June 2025") == "2025-06-05"
    assert normalise_date("2025") == "2025"
    assert normalise_date("someday") == "someday"


def test_period_on_the_command_line(invoke):
    typed = invoke("list", "-p", "January 2022", "-f", "csv", "-c", "id")
    iso = invoke("list", "-p", "2022-01", "-f", "csv", "-c", "id")
    assert typed.exit_code == 0 and typed.stdout == iso.stdout and len(read_csv_text(iso.stdout)) > 3
    years = invoke("list", "-p", "2022-2023", "-f", "csv", "-c", "id")
    assert years.stdout == invoke("list", "-p", "2022..2023", "-f", "csv", "-c", "id").stdout


def test_month_first_on_the_command_line_is_a_usage_error(invoke):
    result = invoke("list", "--since", "05/13/2025")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "day first" in result.stderr


@pytest.fixture
def events_copy(data_copy):
    return data_copy / "events.csv"


NEW = ["--title", "Senate committee reviews the territorial defence bill",
       "--summary", "A Senate committee reviews the bill.", "--actors", "Kazakhstan", "--themes", "defence-reform",
       "--source", "000_d970a0a86d3a984d.txt", "--claim-type", "reported",
       "--quote", "Le 5 juin 2025, le Sénat du Kazakhstan a validé une loi majeure"]


@pytest.mark.parametrize("typed", ["5 June 2025", "05/06/2025", "2025-6-5"])
def test_add_normalises_the_date_and_derives_the_id_from_it(invoke, events_copy, typed):
    result = invoke("add", "--data", str(events_copy), "--date", typed, *NEW)
    assert result.exit_code == 0, result.stderr
    new_id = "2025-06-05-senate-committee-reviews-the-territorial-defence-bill"
    assert result.stdout == new_id + "\n"
    rows = [r for r in read_csv_text(events_copy.read_text(encoding="utf-8")) if r["id"] == new_id]
    assert [r["date"] for r in rows] == ["2025-06-05"]


def test_add_refuses_a_month_first_date_and_writes_nothing(invoke, events_copy):
    before = events_copy.read_bytes()
    result = invoke("add", "--data", str(events_copy), "--date", "06/13/2025", *NEW)
    assert result.exit_code == 2 and "day first" in result.stderr
    assert events_copy.read_bytes() == before
