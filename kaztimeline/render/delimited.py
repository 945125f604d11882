"""CSV and TSV: the one writer of each, for every command and every size.

Quoting, escaping and joining run over whole columns in pyarrow's string kernels, a batch of rows at a time,
and the finished bytes go straight to the output stream. The bytes are the csv module's (RFC 4180, LF line
ends, a line break of any kind quoted): `tests/test_delimited.py` compares them with the csv module's writer
on any cells. Which characters make the csv module quote a field is asked of the csv module itself, so the
output stays the same on any Python version. Why this writer rather than the csv module's: docs/performance.md.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import itertools
import os
import re
from collections import deque
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import BinaryIO, TextIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..values.arrowtext import arrow_strings, take_ascending, text_array, text_scalar

# Cells a spreadsheet would run as a formula (OWASP's CSV-injection advice): `--excel-safe` prefixes `'`.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ArrowRows:
    """Rows as Arrow text columns, taken at `order` (positions; None: as they are), so no row is copied
    into Python or reordered whole before it is written."""

    arrays: list[pa.ChunkedArray]
    order: np.ndarray | None = None

    @classmethod
    def of(cls, table: pa.Table, columns: Sequence[str], order: np.ndarray | None = None) -> ArrowRows:
        return cls([arrow_strings(table[c]) for c in columns], order)

    @classmethod
    def from_python(cls, width: int, rows: Iterable[Sequence[object]]) -> ArrowRows:
        """Python rows of cells; as in the csv module, None is an empty cell and other values their `str`."""
        cells = list(zip(*rows)) or [()] * width
        return cls([pa.chunked_array([text_array([_text(v) for v in column])]) for column in cells])


Rows = ArrowRows | Iterable[Sequence[object]]


def _text(value: object) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def _arrow_rows(width: int, rows: Rows) -> ArrowRows:
    return rows if isinstance(rows, ArrowRows) else ArrowRows.from_python(width, rows)


BATCH_ROWS = 1 << 16  # at most; fewer rows are split so that every builder has a share
MIN_BATCH_ROWS = 1 << 12
BUILDERS = max(1, min(4, os.cpu_count() or 1))  # batches built at once, one per core


@functools.cache
def _csv_quote_pattern() -> str:
    """An RE2 class of the characters that make the csv module's writer (CRLF line ends) quote a field."""
    def quoted(ch: str) -> bool:
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerow([f"a{ch}b", "c"])
        return out.getvalue().startswith('"')

    chars = [ch for ch in ',"\r\n\t ;\\\'' if quoted(ch)]
    return "[" + "".join(re.escape(ch) if ch not in "\r\n\t" else {"\r": r"\r", "\n": r"\n", "\t": r"\t"}[ch]
                         for ch in chars) + "]"


def _csv_cells(column: pa.ChunkedArray, only_column: bool) -> list:
    """A field as pieces to concatenate: the text, or its opening quote, escaped text and closing quote.

    Leaving the quotes as separate pieces lets `_lines` build each line in one pass, instead of copying
    the wide columns once to quote them and again to choose between quoted and plain.
    """
    needs = pc.match_substring_regex(column, _csv_quote_pattern())
    if only_column:  # the csv module quotes an empty field when it is the whole row
        needs = pc.or_(needs, pc.equal(pc.binary_length(column), 0))
    if not pc.any(needs).as_py():
        return [column]  # ids, dates, lists: usually nothing to quote, so nothing to copy
    body = pc.replace_substring(column, '"', '""')  # cheaper than searching for a quote first
    mark = text_scalar('"') if pc.all(needs).as_py() else pc.if_else(needs, text_scalar('"'), text_scalar(""))
    return [mark, body, mark]


def _tsv_cells(column: pa.ChunkedArray, excel: bool) -> list:
    flat = pc.replace_substring_regex(column, r"\r\n|[\t\n\r]", " ")
    return [_excel_safe(flat) if excel else flat]


def _lines(cells: list[list], separator: str) -> pa.ChunkedArray:
    """Each row's fields and separators, then a line end, concatenated in one pass."""
    pieces: list = []
    for cell in cells:
        pieces += [text_scalar(separator), *cell] if pieces else cell
    return pc.binary_join_element_wise(*pieces, text_scalar("\n"), text_scalar(""))


def _offsets(chunk: pa.Array) -> np.ndarray:
    offset_type = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    return np.frombuffer(chunk.buffers()[1], dtype=offset_type)[chunk.offset:chunk.offset + len(chunk) + 1]


def _write_values(chunk: pa.Array, out: BinaryIO) -> None:
    """Write the concatenated values of a string array straight from its data buffer."""
    if not len(chunk):
        return
    offsets = _offsets(chunk)
    out.write(memoryview(chunk.buffers()[2])[int(offsets[0]):int(offsets[-1])])


def _write_in_order(chunks: list[pa.Array], order: np.ndarray, out: BinaryIO) -> None:
    """Write the values of `chunks` (one sequence of lines) in `order`, as slices of their data buffers.

    Lines that follow each other in the buffer as in `order` go out as one slice, so a nearly sorted file
    costs a few writes, and no line is copied before it reaches the output buffer.
    """
    chunks = [chunk for chunk in chunks if len(chunk)]
    if not chunks or not len(order):
        return
    offsets = [_offsets(chunk).astype(np.int64) for chunk in chunks]
    start = np.concatenate([o[:-1] for o in offsets])[order]
    end = np.concatenate([o[1:] for o in offsets])[order]
    which = np.concatenate([np.full(len(c), i, dtype=np.int64) for i, c in enumerate(chunks)])[order]
    new_run = np.ones(len(order), dtype=bool)
    new_run[1:] = (which[1:] != which[:-1]) | (start[1:] != end[:-1])
    firsts = np.flatnonzero(new_run)
    lasts = np.append(firsts[1:] - 1, len(order) - 1)
    views = [memoryview(chunk.buffers()[2]) for chunk in chunks]
    out.writelines(views[w][s:e] for w, s, e in zip(which[firsts].tolist(), start[firsts].tolist(),
                                                   end[lasts].tolist()))


def _write_batches(arrays: Sequence[pa.ChunkedArray], cells, separator: str, out: BinaryIO,
                   order: np.ndarray | None) -> None:
    """Lines of `BATCH_ROWS` rows at a time; with `order`, the rows at those positions, in that order.

    A batch of positions is taken in ascending order, a record batch at a time, and its lines are written
    in the batch's order, so memory stays a couple of batches and no column is ever reordered whole.
    Arrow's kernels run one thread each and release the GIL, so the next batches are built meanwhile;
    a single batch is built in the caller's thread, as starting a thread would cost more than it saves.
    """
    order = None if order is None else np.asarray(order, dtype=np.int64)
    rows = len(order) if order is not None else len(arrays[0]) if arrays else 0
    size = min(BATCH_ROWS, max(MIN_BATCH_ROWS, -(-rows // BUILDERS)))

    def build(first: int) -> tuple[list[pa.Array], np.ndarray | None]:
        if order is None:
            return _lines([cells(a.slice(first, size)) for a in arrays], separator).chunks, None
        wanted = order[first:first + size]
        ascending = np.sort(wanted)
        lines = _lines([cells(a) for a in take_ascending(arrays, ascending)], separator)
        return lines.chunks, np.searchsorted(ascending, wanted)

    if rows <= size:
        if rows:
            _write_built(*build(0), out)
        return
    starts = iter(range(0, rows, size))
    with ThreadPoolExecutor(max_workers=BUILDERS) as pool:
        pending = deque(pool.submit(build, first) for first in itertools.islice(starts, BUILDERS))
        while pending:
            built = pending.popleft().result()
            pending.extend(pool.submit(build, first) for first in itertools.islice(starts, 1))
            _write_built(*built, out)


def _write_built(chunks: list[pa.Array], rank: np.ndarray | None, out: BinaryIO) -> None:
    if rank is None:
        for chunk in chunks:
            _write_values(chunk, out)
    else:
        _write_in_order(chunks, rank, out)


@functools.cache
def _formula_pattern() -> str:
    escaped = {"\t": r"\t", "\r": r"\r", "-": r"\-", "+": r"\+"}
    return "^[" + "".join(escaped.get(ch, ch) for ch in FORMULA_TRIGGERS) + "]"


def _excel_safe(column: pa.ChunkedArray) -> pa.ChunkedArray:
    needs = pc.match_substring_regex(column, _formula_pattern())
    if not pc.any(needs).as_py():
        return column
    return pc.if_else(needs, pc.binary_join_element_wise(text_scalar("'"), column, text_scalar("")), column)


def write_csv(columns: Sequence[str], rows: Rows, out: BinaryIO | TextIO, excel: bool = False) -> None:
    """CSV of the rows under a header of `columns`; with `excel`, formula-like cells are prefixed `'`."""
    rows = _arrow_rows(len(columns), rows)
    quote = functools.partial(_csv_cells, only_column=len(columns) == 1)
    sink = _byte_sink(out)
    for chunk in _lines([quote(pa.chunked_array([text_array([c])])) for c in columns], ",").chunks:
        _write_values(chunk, sink)
    _write_batches(rows.arrays, (lambda a: quote(_excel_safe(a))) if excel else quote, ",", sink, rows.order)
    _finish(sink, out)


def write_tsv(columns: Sequence[str], rows: Rows, out: BinaryIO | TextIO, header: bool = True,
              excel: bool = False) -> None:
    """One line per row; tabs and line breaks inside cells become spaces (the GitHub CLI's rule)."""
    rows = _arrow_rows(len(columns), rows)
    sink = _byte_sink(out)
    if header:
        sink.write(("\t".join(columns) + "\n").encode("utf-8"))
    _write_batches(rows.arrays, functools.partial(_tsv_cells, excel=excel), "\t", sink, rows.order)
    _finish(sink, out)


def _byte_sink(out: BinaryIO | TextIO):
    """Where the bytes go: a binary stream; a text stream's own buffer when it would write them unchanged
    (UTF-8, no newline mapping); else the text stream, a line at a time."""
    if not isinstance(out, io.TextIOBase):
        return out
    try:
        utf8 = codecs.lookup(out.encoding or "").name == "utf-8"
    except (LookupError, AttributeError):
        utf8 = False
    if utf8 and os.linesep == "\n" and hasattr(out, "buffer"):
        out.flush()
        return out.buffer
    return _TextSink(out)


def _finish(sink, out: BinaryIO | TextIO) -> None:
    if sink is not out and hasattr(sink, "flush"):
        sink.flush()


class _TextSink:
    """Bytes of whole lines, decoded onto a text stream (a `StringIO`, or a stream that maps newlines)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, data) -> None:
        self._out.write(bytes(data).decode("utf-8"))

    def writelines(self, pieces) -> None:
        for piece in pieces:
            self.write(piece)
