"""Arrow text columns: the whole-column helpers loading, filtering and output share.

`load_events` keeps events as an Arrow table of text, so reading, filtering and writing CSV never need
pandas; these helpers work on its columns without copying them.

`pa.array` and `pa.scalar` import pandas to ask whether their argument is a pandas object, and so does
`to_numpy`, so values cross between Python, numpy and Arrow here, through the buffers: `text_array`,
`text_scalar`, `int_array`, `int_scalar` and `numpy_values`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def text_array(values: Sequence[str]) -> pa.LargeStringArray:
    """Arrow text of Python strings, made from its buffers (`pa.array` would import pandas)."""
    encoded = [value.encode("utf-8") for value in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)))
    return pa.Array.from_buffers(pa.large_string(), len(encoded),
                                 [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))])


def empty_texts(count: int) -> pa.LargeStringArray:
    """`count` empty strings, without a Python string each."""
    offsets = np.zeros(count + 1, dtype=np.int64)
    return pa.Array.from_buffers(pa.large_string(), count, [None, pa.py_buffer(offsets), pa.py_buffer(b"")])


def text_scalar(value: str) -> pa.Scalar:
    return text_array([value])[0]


def int_array(values: np.ndarray) -> pa.Int64Array:
    """Arrow integers sharing a numpy array's memory (`pa.array` would import pandas)."""
    values = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(values)])


def int_scalar(value: int) -> pa.Scalar:
    return int_array(np.array([value]))[0]


def numpy_values(array: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Integers or booleans without nulls as numpy, read from the Arrow buffers (`to_numpy` imports pandas)."""
    if isinstance(array, pa.ChunkedArray):
        parts = [numpy_values(chunk) for chunk in array.chunks]
        return np.concatenate(parts) if parts else numpy_values(pa.chunked_array([], type=array.type).combine_chunks())
    if array.null_count:
        raise ValueError("numpy_values takes arrays without nulls")
    if pa.types.is_boolean(array.type):
        if not len(array):
            return np.zeros(0, dtype=bool)
        bits = np.frombuffer(array.buffers()[1], dtype=np.uint8)
        return np.unpackbits(bits, count=array.offset + len(array), bitorder="little")[array.offset:].astype(bool)
    if not pa.types.is_integer(array.type):
        raise TypeError(f"numpy_values takes integers or booleans, not {array.type}")
    kind = "u" if pa.types.is_unsigned_integer(array.type) else "i"
    dtype = np.dtype(f"{kind}{array.type.bit_width // 8}")
    if not len(array):
        return np.zeros(0, dtype=dtype)
    return np.frombuffer(array.buffers()[1], dtype=dtype)[array.offset:array.offset + len(array)]


def is_empty(column: pa.ChunkedArray | pa.Array) -> pa.BooleanArray | pa.ChunkedArray:
    """Which cells are the empty string, as Arrow booleans."""
    return pc.equal(pc.binary_length(column), int_scalar(0))


def has_repeats(column: pa.ChunkedArray) -> bool:
    """Whether any value occurs twice, by Arrow's `unique` (cheaper than `count_distinct`)."""
    return len(column) > 1 and len(pc.unique(column)) < len(column)


def arrow_strings(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray:
    """A column of text cells as chunked Arrow large strings (no copy when it is one already)."""
    array = column if column.type == pa.large_string() else column.cast(pa.large_string())
    return array if isinstance(array, pa.ChunkedArray) else pa.chunked_array([array])


# The first two UTF-8 bytes of every non-ASCII character `str.isspace` accepts (U+0085, U+00A0, U+1680,
# U+2000-U+205F, U+3000); tests/test_filtered_loading.py derives them from Python's Unicode tables.
SPACE_LEAD_BYTES = ((0xC2, 0x85), (0xC2, 0xA0), (0xE1, 0x9A), (0xE2, 0x80), (0xE2, 0x81), (0xE3, 0x80))


def blank_cells(column: pa.ChunkedArray) -> np.ndarray:
    """Cells that are empty or all whitespace, as Python's `str.strip` sees whitespace.

    Only a cell that is empty or starts with a whitespace character can be blank: numpy finds those few
    from the first two bytes of each cell, and Python decides them, so the rule is exactly
    `cell.strip() == ""`. (Testing for any non-ASCII first byte instead sends every cell that starts
    with « or É to Python.)
    """
    array = arrow_strings(column)
    parts = [_maybe_blank(chunk) for chunk in array.chunks]
    maybe = np.concatenate(parts) if parts else np.zeros(0, dtype=bool)
    rows = np.flatnonzero(maybe)
    if len(rows):
        maybe[rows] = [not cell.strip() for cell in take_chunked(array, rows).to_pylist()]
    return maybe


def _maybe_blank(chunk: pa.LargeStringArray) -> np.ndarray:
    offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64)[chunk.offset:chunk.offset + len(chunk) + 1]
    data = np.frombuffer(chunk.buffers()[2] or b"\0", dtype=np.uint8)
    starts = np.minimum(offsets[:-1], len(data) - 1)
    first, second = data[starts], data[np.minimum(starts + 1, len(data) - 1)]
    lead = (first.astype(np.uint16) << 8) | second
    return (offsets[1:] == offsets[:-1]) | (first < 0x21) | _space_leads()[lead]


@functools.cache
def _space_leads() -> np.ndarray:
    table = np.zeros(1 << 16, dtype=bool)
    table[[(a << 8) | b for a, b in SPACE_LEAD_BYTES]] = True
    return table


def take_rows(table: pa.Table, positions: np.ndarray) -> pa.Table:
    """`table.take(positions)`, without combining (copying) every row of many-chunked text first."""
    positions = np.asarray(positions, dtype=np.int64)  # sort indices arrive unsigned; np.diff would wrap
    arrays = table.columns
    chunked = any(a.num_chunks > 1 for a in arrays)
    if chunked and 1 < len(positions) < table.num_rows and not (np.diff(positions) >= 0).all():
        # Some rows in another order: take them chunk by chunk in ascending order, then reorder that much
        # smaller table, rather than combine (copy) every row of every column first.
        ranked = np.argsort(positions, kind="stable")
        rank = np.empty_like(ranked)
        rank[ranked] = np.arange(len(ranked))
        wanted = positions[ranked]
        return pa.table(take_ascending(arrays, wanted), names=table.column_names).take(int_array(rank))
    if chunked and (len(positions) < 2 or (np.diff(positions) >= 0).all()):
        return pa.table(take_ascending(arrays, positions), names=table.column_names)
    return pa.table([take_chunked(a, positions) for a in arrays], names=table.column_names)


def take_chunked(array: pa.ChunkedArray, positions: np.ndarray) -> pa.ChunkedArray:
    """Rows in ascending order are taken chunk by chunk; any other order from one combined chunk."""
    positions = np.asarray(positions, dtype=np.int64)
    if array.num_chunks == 1 or not (len(positions) < 2 or (np.diff(positions) >= 0).all()):
        return pa.chunked_array([array.combine_chunks().take(int_array(positions))], type=array.type)
    return take_ascending([array], positions)[0]


def take_ascending(arrays: Sequence[pa.ChunkedArray], positions: np.ndarray) -> list[pa.ChunkedArray]:
    """`take_chunked` of several columns at once, for ascending positions: one take per record batch.

    Columns read from one CSV share their chunk boundaries, so a million rows are a few hundred record
    batches; taking from each batch instead of each column's chunk is a twelfth of the calls.
    """
    table = pa.table(arrays, names=[str(i) for i in range(len(arrays))])
    batches = table.to_batches()
    bounds = np.cumsum([0] + [b.num_rows for b in batches])
    cuts = np.searchsorted(positions, bounds)
    pieces = [batch.take(int_array(positions[cuts[i]:cuts[i + 1]] - bounds[i]))
              for i, batch in enumerate(batches) if cuts[i + 1] > cuts[i]]
    return pa.Table.from_batches(pieces, schema=table.schema).columns
