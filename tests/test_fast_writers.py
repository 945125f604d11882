"""The pyarrow CSV/TSV writers write exactly what the csv-module writers write, for any cells."""

from __future__ import annotations

import io

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from kaztimeline.render import machine, machine_arrow

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
