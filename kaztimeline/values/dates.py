"""Partial dates, event spans, and the period grammar used by --since, --until and --period.

A date is known at the precision its source gives: a year (`2025`), a month (`2025-04`) or a day
(`2025-06-05`). Each partial date covers a span of days; an event covers the days from the start of its
`date` to the end of its `end_date` (or of its `date` when it has none). A window selects an event when the
two spans overlap, so a `2025-04` event is inside `--since 2025-04-20` and `--until 2025` takes all of 2025.
Days are proleptic Gregorian ordinals (`date.toordinal()`), cheap to compare in bulk.

Dates as people type them: `2025-6`, `6/2025`, `2025/06/05`, `"June 2025"`, `"5 June 2025"`. Numeric dates
with slashes or dots are read day first (`06/05/2025` is 6 May 2025, as the sources write them); one that
only makes sense month first (`05/13/2025`) is refused, never silently read month first. `--period`
takes every one of these, plus `2025Q2`, `2025H1`, `2025-2026` (whole years) and `A..B`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from ..errors import UsageError

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, month or day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day:
            return date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text


def parse_partial(text: str) -> PartialDate:
    """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; ValueError names what is wrong."""
    match = _PARTIAL.fullmatch(text.strip())
    if not match:
        raise ValueError(f'"{text}" is not YYYY, YYYY-MM or YYYY-MM-DD')
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        checked = date(year or 0, month or 1, day or 1)  # the pattern always has a year
    except ValueError:
        raise ValueError(f'"{text}" is not YYYY, YYYY-MM or YYYY-MM-DD') from None
    return PartialDate(checked.year, month, day)


def is_partial_date(text: str) -> bool:
    """Whether `text` is a valid `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
    try:
        parse_partial(text)
    except ValueError:
        return False
    return True


def event_span(start: str, end: str = "") -> tuple[int, int]:
    """First and last day (ordinals) an event covers; ValueError if a date is bad or the span reversed."""
    first = parse_partial(start).first_day().toordinal()
    last = parse_partial(end or start).last_day().toordinal()
    if end and last < first:
        raise ValueError(f'end_date "{end}" is before date "{start}"')
    return first, last


@dataclass(frozen=True)
class Window:
    """An inclusive range of days; either end may be open."""

    start: int | None = None
    end: int | None = None


# --- the period grammar -----------------------------------------------------------------------------

PERIOD_FORMS = '2025, 2025-04, "June 2025", 2025-04-05, 2025Q2, 2025H1, 2025-2026 or A..B'
DATE_FORMS = 'YYYY, YYYY-MM, YYYY-MM-DD, DD/MM/YYYY or e.g. "5 June 2025"'
_YEAR_RANGE = re.compile(r"(\d{4})\s*-\s*(\d{4})")
_QUARTER_OR_HALF = re.compile(r"(?P<year>\d{4})(?:[Qq](?P<q>[1-4])|[Hh](?P<h>[12]))")


def _atom_span(text: str) -> tuple[date, date]:
    """One side of a period (`2025Q2`, `2025H1`, or any date `parse_bound` reads) as its first and last day."""
    match = _QUARTER_OR_HALF.fullmatch(text.strip())
    if match:
        year = int(match["year"])
        months = 3 if match["q"] else 6
        index = int(match["q"] or match["h"])
        first_month, last_month = (index - 1) * months + 1, index * months
        return PartialDate(year, first_month).first_day(), PartialDate(year, last_month).last_day()
    partial = read_date(text)
    if partial is None:
        raise UsageError(f'"{text}" is not a period: use {PERIOD_FORMS}')
    return partial.first_day(), partial.last_day()


def parse_period(text: str) -> Window:
    """`P`, `YYYY-YYYY` or `A..B` (inclusive; either side of `..` may be left empty for an open end)."""
    years = _YEAR_RANGE.fullmatch(text.strip())
    if years:
        text = f"{years[1]}..{years[2]}"
    if ".." in text:
        left, _, right = text.partition("..")
        if ".." in right or not (left.strip() or right.strip()):
            raise UsageError(f'"{text}" is not a period: use A..B with A and B like 2025, 2025-04, 2025Q2, 2025H1')
        start = _atom_span(left)[0].toordinal() if left.strip() else None
        end = _atom_span(right)[1].toordinal() if right.strip() else None
    else:
        first, last = _atom_span(text)
        start, end = first.toordinal(), last.toordinal()
    window = Window(start, end)
    _check_order(window, f'period "{text}" ends before it starts')
    return window


def parse_bound(text: str) -> PartialDate:
    """A --since/--until value (any form `read_date` reads), at the precision written."""
    partial = read_date(text)
    if partial is None:
        raise UsageError(f'"{text}" is not a date: use {DATE_FORMS}')
    return partial


def normalise_date(text: str) -> str:
    """A date as typed, in the events file's form (`"5 June 2025"` -> `2025-06-05`); text that is no date
    at all comes back as typed, for validation to report in its own words."""
    partial = read_date(text)
    return str(partial) if partial is not None else text


_LOOSE_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?")
_DAY_FIRST = re.compile(r"(?:(\d{1,2})[/.])?(\d{1,2})[/.](\d{4})")
_LETTER = re.compile(r"[^\W\d_]")


def read_date(text: str) -> PartialDate | None:
    """A date as people type it, or None when the text is not one.

    ISO partial dates, `2025-6`, `2025/06/05`; day-first numeric dates `06/05/2025`, `6.5.2025`, `6/2025`;
    words through python-dateutil (`June 2025`, `5 June 2025`, `June 5, 2025`). A numeric date that would
    need reading month first, or a day the calendar lacks, is a UsageError saying so.
    """
    stripped = text.strip()
    try:
        return parse_partial(stripped)
    except ValueError:
        pass
    iso = _LOOSE_ISO.fullmatch(stripped)
    if iso:
        return _checked(text, int(iso[1]), int(iso[2]), int(iso[3]) if iso[3] else None)
    numeric = _DAY_FIRST.fullmatch(stripped)
    if numeric:
        day_text, month_text, year_text = numeric.groups()
        day, month, year = int(day_text) if day_text else None, int(month_text), int(year_text)
        if day is not None and month > 12 >= day:
            raise UsageError(f'"{text}" reads month first; dates are day first (DD/MM/YYYY): '
                             f"write {month:02d}/{day:02d}/{year} or {year}-{day:02d}-{month:02d}")
        return _checked(text, year, month, day)
    if not _LETTER.search(stripped):
        return None  # digits in no form above: never guessed
    return _words(stripped)


def _checked(text: str, year: int, month: int, day: int | None) -> PartialDate:
    try:
        date(year, month, day or 1)
    except ValueError:
        raise UsageError(f'"{text}" is not a date on the calendar (year {year}, month {month}'
                         + (f", day {day})" if day else ")")) from None
    return PartialDate(year, month, day)


def _words(text: str) -> PartialDate | None:
    from dateutil import parser  # only needed for dates written in words

    # Parse twice with different defaults: a field the text does not give comes out different.
    try:
        one = parser.parse(text, default=_DEFAULT_A, dayfirst=True)
        two = parser.parse(text, default=_DEFAULT_B, dayfirst=True)
    except (ValueError, OverflowError):
        return None
    if one.year != two.year:
        raise UsageError(f'"{text}" has no year: use {DATE_FORMS}')
    month = one.month if one.month == two.month else None
    day = one.day if (one.day == two.day and month) else None
    return PartialDate(one.year, month, day)


_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2001, 2, 2)


def window_from_bounds(since: str | None, until: str | None) -> Window:
    """--since takes the first day of its date, --until the last (both inclusive)."""
    start = parse_bound(since).first_day().toordinal() if since else None
    end = parse_bound(until).last_day().toordinal() if until else None
    window = Window(start, end)
    _check_order(window, f'--until "{until}" is before --since "{since}"')
    return window


def window_phrase(window: Window) -> str:
    """A window as a reader says it, both ends at the coarsest precision that names them exactly: "Jan 2022",
    "2022-2023", "Apr-Jun 2025", "5 Apr 2025 to 5 Jun 2025", "since 2022", "until Jun 2025"."""
    ends = [date.fromordinal(day) if day is not None else None for day in (window.start, window.end)]
    if ends[0] is None and ends[1] is None:
        return "all dates"
    precision = next(p for p in ("year", "month", "day") if all(
        day is None or _opens(day, p, first=i == 0) for i, day in enumerate(ends)))
    first, last = (PartialDate(d.year, d.month if precision != "year" else None, d.day if precision == "day" else None)
                   if d is not None else None for d in ends)
    if last is None:
        return f"since {_format_one(first, MONTH_ABBR)}" if first else "all dates"
    if first is None:
        return f"until {_format_one(last, MONTH_ABBR)}"
    text = _format_range(first, last, MONTH_ABBR)
    return text.replace(" - ", " to ")


def _opens(day: date, precision: str, first: bool) -> bool:
    """Whether `day` is the first (or last) day of its year or month (any day opens a day)."""
    if precision == "day":
        return True
    partial = PartialDate(day.year, day.month if precision == "month" else None)
    return day == (partial.first_day() if first else partial.last_day())


def _check_order(window: Window, message: str) -> None:
    if window.start is not None and window.end is not None and window.end < window.start:
        raise UsageError(message)


# --- display ----------------------------------------------------------------------------------------

# How a date that the source does not state was found, as the views say it after the date.
BASIS_LABELS = {"inferred": "inferred", "publication": "publication date"}


def format_event_date(start: str, end: str = "", qualifier: str = "", long_months: bool = False,
                      basis: str = "") -> str:
    """Human date at its own precision: "Apr 2025", "early Dec 2025", "7-11 Apr 2025", "2017-2018", and how
    it is known when the source does not state it: "Nov 2025, inferred", "6 Jan 2026, publication date"."""
    suffix = f", {BASIS_LABELS.get(basis, basis)}" if basis and basis != "stated" else ""
    try:
        first = parse_partial(start)
        last = parse_partial(end) if end else None
    except ValueError:
        return " ".join(filter(None, (qualifier, start, end and f"to {end}"))) + suffix
    months = MONTH_NAMES if long_months else MONTH_ABBR
    text = _format_range(first, last, months)
    if qualifier:
        text = {"circa": "c."}.get(qualifier, qualifier) + " " + text
    return text + suffix


def record_date(record: Mapping[str, str], long_months: bool = False) -> str:
    """`format_event_date` of an event record: the one way every view shows an event's date."""
    return format_event_date(record.get("date", ""), record.get("end_date", ""), record.get("date_qualifier", ""),
                             long_months=long_months, basis=record.get("date_basis") or "")


def _format_one(d: PartialDate, months: tuple[str, ...]) -> str:
    if not d.month:
        return str(d.year)
    return f"{d.day} {months[d.month - 1]} {d.year}" if d.day else f"{months[d.month - 1]} {d.year}"


def _format_range(first: PartialDate, last: PartialDate | None, months: tuple[str, ...]) -> str:
    if last is None or last == first:
        return _format_one(first, months)
    if first.precision == last.precision and first.year == last.year and first.month and last.month:
        start, end = months[first.month - 1], months[last.month - 1]
        if first.day and first.month == last.month:
            return f"{first.day}-{last.day} {start} {first.year}"
        if first.day:
            return f"{first.day} {start} - {last.day} {end} {first.year}"
        return f"{start}-{end} {first.year}"
    if first.precision == last.precision == "year":
        return f"{first.year}-{last.year}"
    return f"{_format_one(first, months)} - {_format_one(last, months)}"
