"""The pyarrow fast path reads exactly what the csv-module reader reads, or steps aside.

`ArrowStream` may decline any file (the slow reader then runs), but when it accepts one, its cells and row
line numbers must be the ones `parse_csv` gives. Hypothesis throws CSV-ish byte soup at both.
"""

from __future__ import annotations

import codecs
import os

import pyarrow as pa
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kaztimeline.files.load import DataError, decode_text, load_events, parse_csv
from kaztimeline.files.load_fast import ArrowStream, empty_table

HEADER = b"a,b,c"
PIECES = [b"x", b"y z", b"\xc3\xa9", b",", b'"', b'""', b"\n", b"\r", b"\r\n", b" ", b"NA", b"\x00", b"\xff"]


def read_arrow(data, required: tuple[str, ...], path: str | None = None):
    """The whole table and each row's first physical line as `load_events` streams them, or None to decline."""
    stream = ArrowStream.open(data, required, path)
    if stream is None:
        return None
    with stream:
        groups = [group for _, group in stream.groups()]
        lines = stream.finish()
    if lines is None:
        return None
    table = pa.concat_tables(groups) if groups else empty_table(stream.header)
    return table.slice(0, len(lines)), lines


def slow(data: bytes):
    """Rows and lines from the csv-module reader, or None if it refuses the file."""
    try:
        table = parse_csv("f", decode_text("f", data), ())
    except DataError:
        return None
    return table.header, table.rows, table.lines


def fast(data: bytes):
    found = read_arrow(data, ())
    if found is None:
        return None
    table, lines = found
    rows = [list(r) for r in zip(*(table[c].to_pylist() for c in table.column_names))]
    return table.column_names, rows, list(lines)


cell_text = st.text(alphabet='xé ,"\n\r', max_size=6)


@st.composite
def csv_files(draw):
    """Mostly well-formed files (cells quoted when they must be, or at random), then maybe one mutation."""
    out = [HEADER]
    for _ in range(draw(st.integers(0, 4))):
        out.append(draw(st.sampled_from([b"\n", b"\r\n", b"\r"])))
        cells = []
        for text in draw(st.lists(cell_text, min_size=3, max_size=3)):
            must = any(ch in text for ch in ',"\n\r')
            if must or draw(st.booleans()):
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text.encode())
        out.append(b",".join(cells))
    out.append(draw(st.sampled_from([b"", b"\n", b"\r\n\n"])))
    data = b"".join(out)
    if draw(st.booleans()):
        at = draw(st.integers(len(HEADER), len(data)))
        data = data[:at] + draw(st.sampled_from(PIECES)) + data[at:]
    return data


@settings(max_examples=int(os.environ.get("KAZTIMELINE_FUZZ", "400")), deadline=None)
@given(st.one_of(csv_files(), st.lists(st.sampled_from(PIECES), max_size=30).map(lambda p: HEADER + b"".join(p))),
       st.booleans())
@example(HEADER + b'\n"x"y,x,x', False)  # "x"y: strict csv refuses it
@example(HEADER + b'\n"x" ,x,x', False)
@example(HEADER + b'\nx,"a\nb",x\n\nx,x,x', True)
def test_fast_path_agrees_with_the_csv_module(data, bom):
    data = (codecs.BOM_UTF8 if bom else b"") + data
    got = fast(data)
    if got is not None:
        assert got == slow(data)


@settings(max_examples=int(os.environ.get("KAZTIMELINE_FUZZ", "400")), deadline=None)
@given(csv_files(), st.integers(1, 7))
@example(HEADER + b'\n"x\ny",x,"a""b"\r\n1,2,3', 2)
@example(HEADER + b'\nab"c,x,y', 4)  # a literal quote that starts a chunk: the byte before is in the last one
def test_the_scan_in_small_chunks_agrees_too(data, chunk):
    """The byte scan reads 4 MB at a time; chunk ends that fall inside quotes and line ends change nothing."""
    from kaztimeline.files import load_fast

    saved, load_fast._CHUNK = load_fast._CHUNK, chunk
    try:
        got = fast(data)
    finally:
        load_fast._CHUNK = saved
    assert got == fast(data)  # the same answer as one 4 MB chunk gives, None or not
    if got is not None:
        assert got == slow(data)


@pytest.mark.parametrize("data", [
    b'a,b,c\n"x"y,1,2\n',  # a character after a closing quote
    b'a,b,c\n"x,1,2\n',  # the file ends inside a quoted field
    b"a,b,c\n1,2,3\n\n4,5,6\n",  # a blank line shifts the line numbers
    b"a,b,c\n1,2\n",  # ragged
    b"a,a,c\n1,2,3\n",  # duplicate column
    b"a,b,c\n1,\x00,3\n",  # NUL
    b"a,b,c\n1,\xff,3\n",  # not UTF-8
    codecs.BOM_UTF16_LE + "a,b,c\n".encode("utf-16-le"),
])
def test_fast_path_declines_what_it_cannot_read_exactly(data):
    assert read_arrow(data, ()) is None


def test_fast_path_numbers_rows_by_physical_line():
    data = b'a,b,c\r\n1,"two\nlines",3\r\n4,5,"six\r\nand\rmore"\n7,8,9'
    table, lines = read_arrow(data, ())
    assert list(lines) == [2, 4, 7]
    assert table["c"].to_pylist() == ["3", "six\r\nand\rmore", "9"]


def test_both_readers_give_the_same_event_table(tmp_path):
    # A blank line sends the file down the slow path; without it the fast path reads it.
    body = "\n".join(open(load_events().name, encoding="utf-8").read().splitlines()[:6]) + "\n"
    fast_file, slow_file = tmp_path / "fast.csv", tmp_path / "slow.csv"
    fast_file.write_text(body, encoding="utf-8")
    slow_file.write_text(body.replace("\n", "\n\n", 1), encoding="utf-8")
    assert read_arrow(fast_file.read_bytes(), ()) is not None
    assert read_arrow(slow_file.read_bytes(), ()) is None
    one, two = load_events(fast_file), load_events(slow_file)
    assert one.data.equals(two.data) and one.frame.equals(two.frame)
    assert list(two.lines) == [line + 1 for line in one.lines]
    assert (one.start == two.start).all() and (one.end == two.end).all()


@pytest.mark.parametrize("positions", [[0, 2, 3, 4], [4, 0, 3], [], [1]])
def test_take_rows_from_many_chunks_in_any_order(positions):
    import numpy as np
    import pyarrow as pa

    from kaztimeline.values.arrowtext import take_rows

    chunked = pa.chunked_array([["a", "b", "c"], ["d", "e"]], type=pa.large_string())
    table = pa.table({"x": chunked, "y": chunked})
    # Sort indices come back unsigned from pyarrow; order must not be mistaken for ascending.
    got = take_rows(table, np.asarray(positions, dtype=np.uint64))
    assert got["x"].to_pylist() == got["y"].to_pylist() == [["a", "b", "c", "d", "e"][i] for i in positions]


@pytest.mark.parametrize("ending", [b"", b"\n", b"\n\n", b"\r\n\r\n", b"\r\r", b"\n,,\n"])
def test_reading_from_the_file_itself_agrees(tmp_path, ending):
    """With a path, pyarrow reads the file (blank lines at its end included) while numpy scans the map."""
    import mmap

    path = tmp_path / "e.csv"
    path.write_bytes(b'a,b,c\nx,"y\nz",1\n2,3,4' + ending)
    with path.open("rb") as fh:
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    found = read_arrow(mapped, (), path=str(path))
    expected = slow(path.read_bytes())
    if found is not None:
        table, lines = found
        rows = [list(r) for r in zip(*(table[c].to_pylist() for c in table.column_names))]
        assert (table.column_names, rows, list(lines)) == expected
    else:
        assert ending == b"\n,,\n"  # a row of empty cells is left to the csv module
