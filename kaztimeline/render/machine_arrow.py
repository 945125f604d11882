"""CSV and TSV written by pyarrow's string kernels, byte for byte what `machine.write_csv`/`write_tsv` write.

Quoting, escaping and joining run over whole columns in C++, a batch of rows at a time, and the finished
bytes go straight to the binary stream: a million rows take about a second instead of most of a minute.
Which characters make the csv module quote a field is asked of the csv module itself, so the output stays
identical on any Python version.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import os
import re
from collections import deque
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..values.arrowtext import take_ascending, text_scalar
from . import machine

BATCH_ROWS = 1 << 16  # at most; fewer rows are split so that every builder has a share
MIN_BATCH_ROWS = 1 << 12
BUILDERS = max(1, min(4, os.cpu_count() or 1))  # batches built at once, one per core


@functools.cache
def _csv_quote_pattern() -> str:
    """An RE2 class of the characters that make `machine.write_csv`'s writer quote a field."""
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


def _tsv_cells(column: pa.ChunkedArray) -> list:
    return [pc.replace_substring_regex(column, r"\r\n|[\t\n\r]", " ")]


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
    Arrow's kernels run one thread each and release the GIL, so the next batches are built meanwhile.
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


def write_csv(columns: Sequence[str], arrays: Sequence[pa.ChunkedArray], out: BinaryIO,
              order: np.ndarray | None = None) -> None:
    """CSV of the columns; with `order`, its rows are the arrays' rows at those positions."""
    header = io.StringIO()
    machine.write_csv(columns, [], header)
    out.write(header.getvalue().encode("utf-8"))
    _write_batches(arrays, lambda a: _csv_cells(a, len(arrays) == 1), ",", out, order)


def write_tsv(columns: Sequence[str], arrays: Sequence[pa.ChunkedArray], out: BinaryIO, header: bool,
              order: np.ndarray | None = None) -> None:
    if header:
        out.write(("\t".join(columns) + "\n").encode("utf-8"))
    _write_batches(arrays, _tsv_cells, "\t", out, order)
