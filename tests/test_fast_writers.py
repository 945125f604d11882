"""The pyarrow CSV/TSV writers write exactly what the csv-module writers write, for any cells."""

from __future__ import annotations

import io

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from kaztimeline.render import machine, machine_arrow
from kaztimeline.values.arrowtext import take_ascending, take_chunked

cells = st.text(alphabet='ab é,"\r\n\t;\'\\', max_size=8)


def tables(min_columns: int = 1):
    return st.integers(min_columns, 4).flatmap(
        lambda n: st.lists(st.lists(cells, min_size=n, max_size=n), max_size=6).map(lambda rows: (n, rows)))


def as_arrays(n: int, rows: list[list[str]]) -> list[pa.ChunkedArray]:
    return [pa.chunked_array([[r[i] for r in rows]], type=pa.large_string()) for i in range(n)]


@settings(max_examples=300, deadline=None)
@given(tables())
def test_csv_matches_the_csv_module(table):
    n, rows = table
    columns = [f"c{i}" for i in range(n)]
    expected, got = io.StringIO(), io.BytesIO()
    machine.write_csv(columns, rows, expected)
    machine_arrow.write_csv(columns, as_arrays(n, rows), got)
    assert got.getvalue().decode("utf-8") == expected.getvalue()


@settings(max_examples=300, deadline=None)
@given(tables(), st.booleans())
def test_tsv_matches_the_plain_writer(table, header):
    n, rows = table
    columns = [f"c{i}" for i in range(n)]
    expected, got = io.StringIO(), io.BytesIO()
    machine.write_tsv(columns, rows, expected, header=header)
    machine_arrow.write_tsv(columns, as_arrays(n, rows), got, header=header)
    assert got.getvalue().decode("utf-8") == expected.getvalue()


def test_batches_join_seamlessly(monkeypatch):
    monkeypatch.setattr(machine_arrow, "BATCH_ROWS", 2)
    rows = [[str(i), f'"{i}",\n'] for i in range(5)]
    expected, got = io.StringIO(), io.BytesIO()
    machine.write_csv(["a", "b"], rows, expected)
    arrays = [pa.chunked_array([[r[0] for r in rows[:3]], [r[0] for r in rows[3:]]], type=pa.large_string()),
              pa.chunked_array([[r[1] for r in rows]], type=pa.large_string())]
    machine_arrow.write_csv(["a", "b"], arrays, got)
    assert got.getvalue().decode("utf-8") == expected.getvalue()


def ordered_tables():
    """A table split into chunks, and an order of some of its rows (repeats and runs included)."""
    return tables().flatmap(lambda t: st.tuples(
        st.just(t), st.lists(st.integers(0, max(len(t[1]) - 1, 0)), max_size=10 if t[1] else 0),
        st.integers(1, 3), st.booleans()))


def chunked(n: int, rows: list[list[str]], size: int) -> list[pa.ChunkedArray]:
    pieces = [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]
    return [pa.chunked_array([[r[i] for r in piece] for piece in pieces], type=pa.large_string()) for i in range(n)]


@settings(max_examples=300, deadline=None)
@given(ordered_tables())
def test_writing_in_an_order_equals_reordering_first(case):
    (n, rows), order, chunk_rows, tsv = case
    columns = [f"c{i}" for i in range(n)]
    expected, got = io.StringIO(), io.BytesIO()
    reordered = [rows[i] for i in order]
    if tsv:
        machine.write_tsv(columns, reordered, expected, header=True)
        machine_arrow.write_tsv(columns, chunked(n, rows, chunk_rows), got, header=True, order=order)
    else:
        machine.write_csv(columns, reordered, expected)
        machine_arrow.write_csv(columns, chunked(n, rows, chunk_rows), got, order=order)
    assert got.getvalue().decode("utf-8") == expected.getvalue()


def test_ordered_writing_spans_batches(monkeypatch):
    monkeypatch.setattr(machine_arrow, "BATCH_ROWS", 2)
    rows = [[str(i), f'"{i}",\n'] for i in range(7)]
    order = [6, 0, 1, 2, 5, 4, 3, 3]
    expected, got = io.StringIO(), io.BytesIO()
    machine.write_csv(["a", "b"], [rows[i] for i in order], expected)
    machine_arrow.write_csv(["a", "b"], chunked(2, rows, 3), got, order=order)
    assert got.getvalue().decode("utf-8") == expected.getvalue()


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 12).flatmap(lambda n: st.tuples(
    st.just(n), st.sets(st.integers(1, max(n - 1, 1))), st.sets(st.integers(1, max(n - 1, 1))),
    st.lists(st.integers(0, max(n - 1, 0)), max_size=8 if n else 0))))
def test_taking_columns_chunked_differently(case):
    """Columns with different chunk boundaries are taken row for row as `take_chunked` takes each."""
    n, cuts_a, cuts_b, positions = case

    def chunked_at(values, cuts):
        edges = [0, *sorted(c for c in cuts if c < n), n]
        return pa.chunked_array([values[i:j] for i, j in zip(edges, edges[1:])], type=pa.large_string())

    a = chunked_at([f"a{i}" for i in range(n)], cuts_a)
    b = chunked_at([f"b{i}\n" for i in range(n)], cuts_b)
    positions = np.asarray(sorted(positions), dtype=np.int64)
    got = take_ascending([a, b], positions)
    assert [c.to_pylist() for c in got] == [take_chunked(x, positions).to_pylist() for x in (a, b)]
