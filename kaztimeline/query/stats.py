"""Counting events by period or category, for `kaztimeline stats`. Pure: an EventTable in, a Tally out.

Periods come from an event's start date at its own precision, so an event dated only `2025` has no month:
it is counted under `2025-??` (by month) or `2025Q?` (by quarter) rather than silently under January.
Actors and themes are lists: an event counts once under each of its values, so such counts can add up
to more than the number of events. Actors are counted as written on the event (members are not rolled
up into their organisation, unlike `kaztimeline actors`). Sources are the events' citations: an event told
by two sources counts once under each, as `list --source` finds it under each.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast

import pandas as pd

from ..files.load import EventTable
from ..schema import model
from ..schema.evidence import Citation
from ..values.dates import parse_partial
from ..values.text import fold
from .stats_keys import KEYS, MULTI_VALUED, TIME_KEYS, parse_keys

_COLUMN = {"claim-type": "claim_type"}
NONE_LABEL = "(none)"


@dataclass(frozen=True)
class Tally:
    """Counts under one key, or a cross-tabulation under two (rows by the first key, columns by the second).

    `totals` holds the one-key count of each row value, in display order; `cells` the two-key counts
    (empty for one key); `events` the number of distinct events counted.
    """

    keys: tuple[str, ...]
    totals: dict[str, int]
    columns: list[str]
    cells: dict[tuple[str, str], int]
    events: int

    @property
    def multi_valued(self) -> tuple[str, ...]:
        """The keys under which one event may be counted more than once."""
        return tuple(k for k in self.keys if k in MULTI_VALUED)

    def field_names(self) -> list[str]:
        """Column names for machine output: `year`, `claim_type`..., then `events`."""
        return [k.replace("-", "_") for k in self.keys] + ["events"]

    def records(self) -> list[tuple[str | int, ...]]:
        """Long (tidy) rows: (value, count) for one key; (row, column, count) for non-zero cells of two."""
        if len(self.keys) == 1:
            return [(value, count) for value, count in self.totals.items()]
        return [(row, column, self.cells[(row, column)])
                for row in self.totals for column in self.columns if (row, column) in self.cells]


def _period_labels(dates: pd.Series, key: str) -> pd.Series:
    """Each event's period label under `key`, computing each distinct start date once."""
    codes, uniques = pd.factorize(dates)
    labels = []
    for text in uniques:
        start = parse_partial(text)
        if key == "year":
            labels.append(f"{start.year:04d}")
        elif key == "month":
            labels.append(f"{start.year:04d}-{start.month:02d}" if start.month else f"{start.year:04d}-??")
        else:
            labels.append(f"{start.year:04d}Q{(start.month - 1) // 3 + 1}" if start.month else f"{start.year:04d}Q?")
    return pd.Series([labels[c] for c in codes], index=dates.index, dtype=object)


def _labels(table: EventTable, key: str, further: Mapping[str, Sequence[Citation]]) -> pd.Series:
    frame = table.frame
    if key in TIME_KEYS:
        return _period_labels(frame["date"], key)
    if key == "source":
        cited = [[c.source for c in further.get(event_id, ())] for event_id in frame["id"]]
        return pd.Series([list(dict.fromkeys(s for s in [primary, *more] if s)) or [NONE_LABEL]
                          for primary, more in zip(frame["source"], cited)], index=frame.index, dtype=object)
    if key in MULTI_VALUED:
        return frame[MULTI_VALUED[key]].map(lambda cell: model.split_list(cell) or [NONE_LABEL])
    return frame[_COLUMN[key]].map(lambda cell: cell or NONE_LABEL)


def _order(counts: pd.Series, key: str) -> list[str]:
    """Periods chronologically (`2025-??` after `2025-12`); categories by count, then name."""
    if key in TIME_KEYS:
        return sorted(counts.index)
    return sorted(counts.index, key=lambda value: (-int(counts[value]), fold(value), value))


def _exploded(table: EventTable, keys: tuple[str, ...], further: Mapping[str, Sequence[Citation]]) -> pd.DataFrame:
    """One row per (event, value...) combination; a value repeated within one event counts once."""
    long = pd.DataFrame({key: _labels(table, key, further) for key in keys}, index=range(len(table)))
    for key in keys:
        if key in MULTI_VALUED:
            long = long.explode(key)
    return long.rename_axis("event").reset_index().drop_duplicates()


def count_events(table: EventTable, keys: tuple[str, ...],
                 further: Mapping[str, Sequence[Citation]] | None = None) -> Tally:
    """Count the events of `table` under one key, or cross-tabulate them under two; `further` holds the
    events' further citations, which `source` counts."""
    further = further or {}
    first = keys[0]
    first_counts = _exploded(table, (first,), further).groupby(first).size()
    totals = {str(value): int(first_counts[value]) for value in _order(first_counts, first)}
    if len(keys) == 1:
        return Tally(keys, totals, [], {}, len(table))
    second = keys[1]
    long = _exploded(table, keys, further)
    columns = [str(v) for v in _order(_exploded(table, (second,), further).groupby(second).size(), second)]
    pairs = cast("dict[tuple[object, object], int]", long.groupby([first, second]).size().to_dict())
    cells = {(str(row), str(column)): int(n) for (row, column), n in pairs.items()}
    return Tally(keys, totals, columns, cells, len(table))


__all__ = ["KEYS", "MULTI_VALUED", "NONE_LABEL", "TIME_KEYS", "Tally", "count_events", "parse_keys"]
