"""Story order: events in the order their dates say they happened, then in the curators' order.

A date names a span of days (`2022-01` is all of January) and a qualifier places the event inside it:
`before` and `early` at its first day, a plain or `circa` date at its first day too, `mid` half way in,
`late` two thirds in, `after` at its last day. Events are ordered by that day; on the same day by
qualifier (before < early < plain < mid < late < after), then a shorter event before a longer one (`Jan
2022` before `2022`), then by their rows in the file: curators keep `events.csv` in story order within a
date, so two events the date cannot tell apart keep the order the curators gave them, never an id order.

The anchor day always lies inside the event's own date, so it never leaves the year its date names and
the year headings of the timeline and the HTML page stay in one piece. Every key is computed over whole
columns with numpy and pyarrow, so ordering a million events costs a few tens of milliseconds.
"""

from __future__ import annotations

import numpy as np
import pyarrow.compute as pc

from ..files.load import EventTable
from ..values.arrowtext import int_scalar, numpy_values, take_chunked, text_array

# Qualifier -> (rank among events anchored on the same day, sixths of its span before the anchor).
# "after" is anchored on the span's last day (None); an empty or unknown qualifier reads as plain.
QUALIFIER_PLACES: dict[str, tuple[int, int | None]] = {
    "before": (0, 0), "early": (1, 0), "": (2, 0), "circa": (2, 0), "mid": (3, 3), "late": (4, 4), "after": (5, None),
}
_EPOCH = 719163  # date(1970, 1, 1).toordinal(): numpy counts days from 1970


def story_order(table: EventTable, rows: np.ndarray | None = None) -> np.ndarray:
    """The positions `rows` (ascending; default all) in story order, oldest first."""
    if rows is None:
        rows = np.arange(len(table), dtype=np.int64)
    if not len(rows):
        return rows
    start, end = table.start[rows], table.end[rows]
    date_last = _date_last_day(_column(table, "date", rows), start)
    names = list(QUALIFIER_PLACES)
    qualifiers = pc.utf8_lower(pc.utf8_trim_whitespace(_column(table, "date_qualifier", rows)))
    found = pc.cast(pc.index_in(qualifiers, value_set=text_array(names)), "int64")
    codes = numpy_values(pc.fill_null(found, int_scalar(names.index(""))))  # a Python int would import pandas
    rank = np.array([QUALIFIER_PLACES[n][0] for n in names], dtype=np.int64)[codes]
    sixths = np.array([QUALIFIER_PLACES[n][1] or 0 for n in names], dtype=np.int64)[codes]
    is_after = np.array([QUALIFIER_PLACES[n][1] is None for n in names])[codes]
    anchor = np.where(is_after, date_last, start + (date_last - start + 1) * sixths // 6)
    order = np.lexsort((end - start, rank, anchor))  # last key first; lexsort is stable, so rows break ties
    return rows[order]


def _column(table: EventTable, name: str, rows: np.ndarray):
    column = table.column(name)
    return column if len(rows) == len(table) else take_chunked(column, rows)


def _date_last_day(dates, start: np.ndarray) -> np.ndarray:
    """Last day (ordinal) of each `date` cell alone, from its first day and its length (YYYY, YYYY-MM, ...)."""
    length = numpy_values(pc.utf8_length(pc.utf8_trim_whitespace(dates)))
    day = (start - _EPOCH).astype("datetime64[D]")
    month_last = ((day.astype("datetime64[M]") + 1).astype("datetime64[D]") - 1).astype(np.int64) + _EPOCH
    year_last = ((day.astype("datetime64[Y]") + 1).astype("datetime64[D]") - 1).astype(np.int64) + _EPOCH
    return np.where(length == 4, year_last, np.where(length == 7, month_last, start))
