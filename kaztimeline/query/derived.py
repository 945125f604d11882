"""Derived columns: cells computed from an event's own columns, which `--columns` offers beside the file's.

`when` is the date as a person reads it ("early Jan 2022", "7-11 Apr 2025", "Nov 2025, inferred"): exactly
`values.dates.record_date`, the one date display, so a report keeps the hedging that `date` alone loses
("early Jan 2022" and "after Jan 2022" are both `2022-01`). It is added to the events table where the
output's columns are chosen, before any writer sees the rows, so every format gets the same cells. It is
computed only when asked for, and once per distinct set of date cells rather than once per event, since
`record_date` is Python (figures: docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa
import pyarrow.compute as pc

from ..schema.model import DERIVED_EVENT_COLUMNS
from ..values.arrowtext import arrow_strings, empty_texts, text_array, text_scalar
from ..values.dates import record_date

WHEN = "when"
DERIVED: tuple[str, ...] = DERIVED_EVENT_COLUMNS
# The columns `when` is made from, and which it stands for in a table people read (the Markdown default).
DATE_PARTS: tuple[str, ...] = ("date", "end_date", "date_qualifier", "date_basis")
_SEPARATOR = "\x1f"  # joins one event's date cells into a key; never in a valid date cell


def selectable(columns: Sequence[str]) -> list[str]:
    """`columns` (the table's), then the derived columns the table does not already hold."""
    return [*columns, *(name for name in DERIVED if name not in columns)]


def reading_columns(columns: Sequence[str]) -> list[str]:
    """`columns` with the raw date columns replaced by `when`, where the date was: a table people read."""
    if "date" not in columns or WHEN in columns:
        return list(columns)
    shown: list[str] = []
    for column in columns:
        if column == "date":
            shown.append(WHEN)
        elif column not in DATE_PARTS:
            shown.append(column)
    return shown


def with_derived(data: pa.Table, columns: Sequence[str] | None) -> pa.Table:
    """`data` with the derived columns named in `columns` appended; `data` itself when none are.

    A column the table already holds (a file's own `when` column) is kept as it is.
    """
    for name in DERIVED:
        if name in (columns or ()) and name not in data.column_names:
            data = data.append_column(name, _MAKERS[name](data))
    return data


def when_column(data: pa.Table) -> pa.ChunkedArray:
    """`record_date` of every row, computed once per distinct (date, end_date, qualifier, basis)."""
    rows = data.num_rows
    parts = [arrow_strings(data[c]) if c in data.column_names else pa.chunked_array([empty_texts(rows)])
             for c in DATE_PARTS]
    if not rows:
        return pa.chunked_array([empty_texts(0)])
    keys = pc.binary_join_element_wise(*parts, text_scalar(_SEPARATOR))
    distinct = pc.unique(keys)
    shown = [record_date(dict(zip(DATE_PARTS, key.split(_SEPARATOR)))) for key in distinct.to_pylist()]
    return pc.take(text_array(shown), pc.index_in(keys, value_set=distinct))


_MAKERS = {WHEN: when_column}  # each derived column's maker
