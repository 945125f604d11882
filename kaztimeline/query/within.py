"""Whether an event is known to fall inside a window: `--within`, and the views that set the others apart.

The window filter (`filters.Selection`) keeps every event whose span overlaps the window, so `--period
2022-01` also takes events dated only "2022" or "2021-2023". This module asks the stricter question: does
the event's whole span lie inside the window? The span is the one the overlap test uses (the first day of
`date` to the last day of `end_date`, or of `date` alone, at their precision), read with its qualifier:

- `early`, `mid`, `late`: a part of the span, so the span as it is;
- `before`: on or before the span's last day, start unknown: open towards the past;
- `after`: on or after the span's first day, end unknown: open towards the future;
- `circa`: the curators' placement from the source's context, at the precision of the date: the span as
  it is (c. Jun 2025 is inside June 2025). How firm a date is, is `date_basis`'s to say (`--stated-dates`).

An open side lies inside only a window open on that side: `--until 2025 --within` keeps "before May
2025", `--since 2022 --within` keeps "after Jan 2022", `--period 2022-01 --within` keeps neither.
Every view that shows a window uses `known_within` alone to tell the two groups apart. Computed over whole
columns with numpy and pyarrow, like every filter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow.compute as pc

from ..files.load import EventTable
from ..values.arrowtext import numpy_values, text_array
from ..values.dates import Window, window_phrase

PAST, FUTURE = np.iinfo(np.int64).min, np.iinfo(np.int64).max  # the open side of `before` and `after`


def known_span(table: EventTable) -> tuple[np.ndarray, np.ndarray]:
    """First and last day (ordinals) each event certainly lies between, its qualifier read as above;
    `PAST` and `FUTURE` for a side a `before` or `after` leaves open."""
    start, end = table.start.astype(np.int64), table.end.astype(np.int64)
    qualifier = pc.utf8_lower(pc.utf8_trim_whitespace(table.column("date_qualifier")))

    def marked(word: str) -> np.ndarray:
        return numpy_values(pc.is_in(qualifier, value_set=text_array([word])))  # a null cell is no match

    start = np.where(marked("before"), PAST, start)
    end = np.where(marked("after"), FUTURE, end)
    return start, end


def known_within(table: EventTable, window: Window) -> np.ndarray:
    """Whether each event is known to fall inside `window`: its whole `known_span` lies in it.

    Every event is, for a window open on both sides (no window at all)."""
    start, end = known_span(table)
    inside = np.ones(len(table), dtype=bool)
    if window.start is not None:
        inside &= start >= window.start
    if window.end is not None:
        inside &= end <= window.end
    return inside


@dataclass(frozen=True)
class Aside:
    """The events a view of a window sets apart, after those known to fall inside it: the last `count`
    events shown, under `heading` and `note` (the same words in every view)."""

    count: int
    heading: str
    note: str = "Dated less precisely than the window, or reaching beyond it. --within leaves these out."

    def split(self, records: list) -> tuple[list, list]:
        """`records` (in the order `set_apart` gives) as those known inside the window and those set apart."""
        cut = len(records) - self.count
        return records[:cut], records[cut:]


def set_apart(table: EventTable, window: Window, order: np.ndarray) -> tuple[np.ndarray, Aside | None]:
    """The positions `order` rearranged, each part keeping its order: the events known to fall inside
    `window` first, then those that only overlap it; with the `Aside` naming the second part (None if empty)."""
    inside = known_within(table, window)[order]
    count = int((~inside).sum())
    if not count:
        return order, None
    aside = Aside(count, f"Not known to fall within the window ({window_phrase(window)})")
    return np.concatenate([order[inside], order[~inside]]), aside
