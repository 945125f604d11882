"""The events' own rules, run with the descriptor's constraints in one pass over a table as it is loaded.

The descriptor says which cells are required, which values are allowed, which ids are unique; what it
cannot say lives here: a date's grammar, and a span that ends after it starts. These take an Arrow table
of text cells and each row's line (or, while a file is still being read, its position: the caller turns
positions into lines once it knows them).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..values.arrowtext import is_empty, numpy_values, take_chunked, text_array
from ..values.dates import event_span, is_partial_date, parse_partial
from . import model
from .descriptor import LOADING, column_problems
from .model import Field
from .problems import Problem


def checked_cells(name: str, data: pa.Table, lines: np.ndarray, fields: tuple[Field, ...] | None = None
                  ) -> tuple[np.ndarray, np.ndarray, list[Problem]]:
    """Each event's first and last day (ordinals; 0 where the date is bad) and every problem loading refuses,
    in line order: the `LOADING` constraints of `fields` (default: the bundled descriptor's events), and dates."""
    fields = model.resource_fields("events") if fields is None else fields
    start, end, date_problems = spans(name, data, lines)
    return start, end, in_line_order(column_problems(name, data, lines, fields, LOADING), date_problems)


def in_line_order(problems: list[Problem], date_problems: list[Problem]) -> list[Problem]:
    """Line by line; within a line, cell problems (in the order found) before date problems."""
    return sorted(problems + date_problems, key=lambda p: p.line or 0)


def spans(name: str, data: pa.Table, lines: np.ndarray, known: DaySpans | None = None
          ) -> tuple[np.ndarray, np.ndarray, list[Problem]]:
    """First and last day of every event, parsing each distinct date and each distinct end date once.

    `known` keeps parsed dates across calls, for a file checked a group of rows at a time. Rows with a
    problem get the message `event_span` gives for their pair, so wording stays per row.
    """
    known = DaySpans() if known is None else known
    date_codes, first, last, date_ok, date_blank = _partial_days(data["date"], known)
    end_codes, _, end_last, end_ok, _ = _partial_days(data["end_date"], known)
    no_end = numpy_values(is_empty(data["end_date"]))
    start = first[date_codes]
    end = np.where(no_end, last[date_codes], end_last[end_codes])
    blank = date_blank[date_codes]  # reported as a missing required value
    bad = ~blank & (~date_ok[date_codes] | (~no_end & (~end_ok[end_codes] | (end < start))))
    start[blank | bad], end[blank | bad] = 0, 0
    problems, said = [], {}
    rows = np.flatnonzero(bad)
    pairs = zip(take_chunked(data["date"], rows).to_pylist(), take_chunked(data["end_date"], rows).to_pylist())
    for row, pair in zip(rows, pairs):
        if pair not in said:
            said[pair] = _span_problem(*pair)
        problems.append(Problem(name, int(lines[row]), *said[pair]))
    return start, end, problems


def _partial_days(column: pa.ChunkedArray, known: DaySpans):
    """Per row: code of its distinct value; per distinct value: first and last day, parsed, blank."""
    encoded = pc.dictionary_encode(column.combine_chunks() if column.num_chunks != 1 else column.chunk(0))
    spans = known.spans_of(encoded.dictionary)
    return numpy_values(encoded.indices), spans[:, 0], spans[:, 1], spans[:, 2].astype(bool), spans[:, 3].astype(bool)


class DaySpans:
    """Date texts parsed so far, with first day, last day, parsed (0/1) and blank (0/1) for each.

    A file read a group of rows at a time meets the same few thousand dates in every group: Arrow finds
    which are known, and only new ones are parsed in Python.
    """

    def __init__(self) -> None:
        self._texts: list[str] = []
        self._known = text_array([])
        self._spans = np.zeros((0, 4), dtype=np.int64)

    def spans_of(self, texts: pa.Array) -> np.ndarray:
        """One row of (first, last, parsed, blank) per text."""
        where = pc.index_in(texts, value_set=self._known)
        new = np.flatnonzero(numpy_values(pc.is_null(where)))
        if len(new):
            fresh = list(dict.fromkeys(take_chunked(pa.chunked_array([texts]), new).to_pylist()))
            self._texts += fresh
            self._known = text_array(self._texts)
            self._spans = np.concatenate([self._spans, np.array([_day_span(t) for t in fresh], dtype=np.int64)])
            where = pc.index_in(texts, value_set=self._known)
        return self._spans[numpy_values(where)]


def _day_span(text: str) -> tuple[int, int, int, int]:
    """First day, last day, parsed (0/1), blank (0/1)."""
    try:
        partial = parse_partial(text)
    except ValueError:
        return 0, 0, 0, int(not text.strip())
    return partial.first_day().toordinal(), partial.last_day().toordinal(), 1, int(not text.strip())


def _span_problem(start: str, end: str) -> tuple[str, str]:
    """The column and message `event_span` gives for a bad pair."""
    try:
        event_span(start, end)
    except ValueError as exc:
        return ("end_date" if end and is_partial_date(start) else "date"), str(exc)
    raise AssertionError("a span flagged as bad parsed")  # pragma: no cover
