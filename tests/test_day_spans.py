"""Each event's first and last day as the load checks compute them, from whole Arrow columns."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa

from kaztimeline.schema.rules import spans


def _spans(dates: list[str], ends: list[str], chunks: int = 1):
    def column(values: list[str]) -> pa.ChunkedArray:
        size = -(-len(values) // chunks)
        return pa.chunked_array([pa.array(values[i:i + size], pa.string()) for i in range(0, len(values), size)])

    data = pa.table({"date": column(dates), "end_date": column(ends)})
    start, end, problems = spans("e.csv", data, np.arange(2, len(dates) + 2))
    return start.tolist(), end.tolist(), [(p.line, p.column) for p in problems]


def day(*args: int) -> int:
    return date(*args).toordinal()


def test_a_partial_date_spans_from_its_first_to_its_last_day():
    assert _spans(["1991", "1994-05", "1997-12-10"], ["", "", ""]) == (
        [day(1991, 1, 1), day(1994, 5, 1), day(1997, 12, 10)],
        [day(1991, 12, 31), day(1994, 5, 31), day(1997, 12, 10)], [])


def test_an_end_date_gives_the_last_day_of_its_own_precision():
    assert _spans(["1991-12-16", "2000"], ["1992-03", "2000"]) == (
        [day(1991, 12, 16), day(2000, 1, 1)], [day(1992, 3, 31), day(2000, 12, 31)], [])


def test_bad_or_blank_dates_span_day_0_and_only_bad_ones_are_problems():
    start, end, problems = _spans(["1991", "someday", "", "1995", "1996"], ["", "", "", "1994", "soon"])
    assert start == [day(1991, 1, 1), 0, 0, 0, 0]
    assert end == [day(1991, 12, 31), 0, 0, 0, 0]
    assert problems == [(3, "date"), (5, "end_date"), (6, "end_date")]


def test_columns_in_several_chunks_give_the_same_spans():
    dates = ["1991", "1994-05", "someday", "2001-09-11", "1991"]
    ends = ["", "1995", "", "", "1992-02"]
    assert _spans(dates, ends, chunks=2) == _spans(dates, ends) == _spans(dates, ends, chunks=3)
