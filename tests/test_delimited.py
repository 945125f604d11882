"""The CSV and TSV writer writes exactly what the csv module's writers write, for any cells and options."""

from __future__ import annotations

import io

import csv_oracle as oracle
import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kaztimeline.render import delimited
from kaztimeline.values.arrowtext import take_ascending, take_chunked

cells = st.text(alphabet='ab é,"\r\n\t;\'\\=+-@«\U0001f600', max_size=8)


def tables(min_columns: int = 1):
    return st.integers(min_columns, 4).flatmap(
        lambda n: st.lists(st.lists(cells, min_size=n, max_size=n), max_size=6).map(lambda rows: (n, rows)))


def as_arrays(n: int, rows: list[list[str]]) -> delimited.ArrowRows:
    return delimited.ArrowRows([pa.chunked_array([[r[i] for r in rows]], type=pa.large_string()) for i in range(n)])


@settings(max_examples=300, deadline=None)
@given(tables(), st.booleans(), st.booleans())
def test_csv_matches_the_csv_module(table, excel, from_python):
    """Arrow columns to bytes, or Python rows to a text stream: what the csv module writes, `--excel-safe` too."""
    n, rows = table
    columns = [f"c{i}" for i in range(n)]
    expected = io.StringIO()
    oracle.write_csv(columns, rows, expected, excel=excel)
    if from_python:
        got = io.StringIO()
        delimited.write_csv(columns, rows, got, excel=excel)
        assert got.getvalue() == expected.getvalue()
    else:
        raw = io.BytesIO()
        delimited.write_csv(columns, as_arrays(n, rows), raw, excel=excel)
        assert raw.getvalue().decode("utf-8") == expected.getvalue()


@settings(max_examples=300, deadline=None)
@given(tables(), st.booleans(), st.booleans(), st.booleans())
def test_tsv_matches_the_plain_writer(table, header, excel, from_python):
    n, rows = table
    columns = [f"c{i}" for i in range(n)]
    expected = io.StringIO()
    oracle.write_tsv(columns, rows, expected, header=header, excel=excel)
    if from_python:
        got = io.StringIO()
        delimited.write_tsv(columns, rows, got, header=header, excel=excel)
        assert got.getvalue() == expected.getvalue()
    else:
        raw = io.BytesIO()
        delimited.write_tsv(columns, as_arrays(n, rows), raw, header=header, excel=excel)
        assert raw.getvalue().decode("utf-8") == expected.getvalue()


TRICKY = ['say "no"', "two\nlines", "crlf\r\nend", "bare\rcr", "=1+1", "+7 727", "-1", "@x", "\tlead", "\rlead",
          "", " ", "Алматы «é» 😀", "a,b", "'quoted'", "7-1", 'end"', '"']


@pytest.mark.parametrize("excel", [False, True])
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_tricky_cells_through_a_utf8_file(tmp_path, fmt, excel):
    """The path `export -o` takes: a UTF-8 text file whose buffer gets the bytes, after text already written."""
    columns = ["id", "cell", "other"]
    rows = [[str(i), cell, TRICKY[-1 - i]] for i, cell in enumerate(TRICKY)]
    expected = io.StringIO()
    oracle_writer = oracle.write_csv if fmt == "csv" else oracle.write_tsv
    oracle_writer(columns, rows, expected, excel=excel)
    path = tmp_path / f"out.{fmt}"
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("before\n")
        writer = delimited.write_csv if fmt == "csv" else delimited.write_tsv
        writer(columns, as_arrays(3, rows), out, excel=excel)
        out.write("after\n")
    assert path.read_bytes().decode("utf-8") == "before\n" + expected.getvalue() + "after\n"


def test_a_single_empty_column_is_quoted_as_the_csv_module_quotes_it():
    expected, got = io.StringIO(), io.StringIO()
    oracle.write_csv([""], [[""], ["x"]], expected)
    delimited.write_csv([""], [[""], ["x"]], got)
    assert got.getvalue() == expected.getvalue() == '""\n""\nx\n'


def test_batches_join_seamlessly(monkeypatch):
    monkeypatch.setattr(delimited, "BATCH_ROWS", 2)
    rows = [[str(i), f'"{i}",\n'] for i in range(5)]
    expected, got = io.StringIO(), io.BytesIO()
    oracle.write_csv(["a", "b"], rows, expected)
    arrays = [pa.chunked_array([[r[0] for r in rows[:3]], [r[0] for r in rows[3:]]], type=pa.large_string()),
              pa.chunked_array([[r[1] for r in rows]], type=pa.large_string())]
    delimited.write_csv(["a", "b"], delimited.ArrowRows(arrays), got)
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
        oracle.write_tsv(columns, reordered, expected, header=True)
        delimited.write_tsv(columns, delimited.ArrowRows(chunked(n, rows, chunk_rows), order), got, header=True)
    else:
        oracle.write_csv(columns, reordered, expected)
        delimited.write_csv(columns, delimited.ArrowRows(chunked(n, rows, chunk_rows), order), got)
    assert got.getvalue().decode("utf-8") == expected.getvalue()


def test_ordered_writing_spans_batches(monkeypatch):
    monkeypatch.setattr(delimited, "BATCH_ROWS", 2)
    rows = [[str(i), f'"{i}",\n'] for i in range(7)]
    order = [6, 0, 1, 2, 5, 4, 3, 3]
    expected, got = io.StringIO(), io.BytesIO()
    oracle.write_csv(["a", "b"], [rows[i] for i in order], expected)
    delimited.write_csv(["a", "b"], delimited.ArrowRows(chunked(2, rows, 3), order), got)
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
