"""Arrow-backed text columns: the whole-column helpers loading, filtering and output share.

Frames from `load_events` hold pandas' `str` dtype, backed by pyarrow arrays; these helpers reach those
arrays without copying, and do what pandas does slowly on many-chunked text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa


def arrow_strings(column: pd.Series) -> pa.ChunkedArray:
    """A column of text cells as Arrow data (no copy for the Arrow-backed frames `load_events` makes)."""
    array = pa.array(column, type=pa.large_string())
    return array if isinstance(array, pa.ChunkedArray) else pa.chunked_array([array])


def blank_cells(column: pd.Series) -> np.ndarray:
    """Cells that are empty or all whitespace, as Python's `str.strip` sees whitespace.

    Only a cell that is empty or starts with a byte other than visible ASCII can be blank: numpy finds
    those few from the Arrow buffers, and Python decides them, so the rule is exactly `cell.strip() == ""`.
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
    first = data[np.minimum(offsets[:-1], len(data) - 1)]
    return (offsets[1:] == offsets[:-1]) | (first < 0x21) | (first > 0x7E)


def take_rows(frame: pd.DataFrame, positions: np.ndarray) -> pd.DataFrame:
    """`frame.iloc[positions]` with a fresh index, without pandas' slow path for many-chunked Arrow text."""
    positions = np.asarray(positions, dtype=np.int64)  # sort indices arrive unsigned; np.diff would wrap
    if not all(isinstance(t, pd.StringDtype) for t in frame.dtypes):
        return frame.iloc[positions].reset_index(drop=True)
    arrays = [arrow_strings(frame[c]) for c in frame.columns]
    chunked = any(a.num_chunks > 1 for a in arrays)
    if chunked and 1 < len(positions) < len(frame) and not (np.diff(positions) >= 0).all():
        # Some rows in another order: take them chunk by chunk in ascending order, then reorder that much
        # smaller table, rather than combine (copy) every row of every column first.
        ranked = np.argsort(positions, kind="stable")
        rank = np.empty_like(ranked)
        rank[ranked] = np.arange(len(ranked))
        wanted = positions[ranked]
        table = pa.table([take_chunked(a, wanted) for a in arrays], names=list(frame.columns)).take(rank)
    else:
        table = pa.table([take_chunked(a, positions) for a in arrays], names=list(frame.columns))
    return table.to_pandas()


def take_chunked(array: pa.ChunkedArray, positions: np.ndarray) -> pa.ChunkedArray:
    """Rows in ascending order are taken chunk by chunk; any other order from one combined chunk."""
    positions = np.asarray(positions, dtype=np.int64)
    if array.num_chunks == 1 or not (len(positions) < 2 or (np.diff(positions) >= 0).all()):
        return pa.chunked_array([array.combine_chunks().take(positions)], type=array.type)
    return take_ascending([array], positions)[0]


def take_ascending(arrays: list[pa.ChunkedArray], positions: np.ndarray) -> list[pa.ChunkedArray]:
    """`take_chunked` of several columns at once, for ascending positions: one take per record batch.

    Columns read from one CSV share their chunk boundaries, so a million rows are a few hundred record
    batches; taking from each batch instead of each column's chunk is a twelfth of the calls.
    """
    table = pa.table(arrays, names=[str(i) for i in range(len(arrays))])
    batches = table.to_batches()
    bounds = np.cumsum([0] + [b.num_rows for b in batches])
    cuts = np.searchsorted(positions, bounds)
    pieces = [batch.take(positions[cuts[i]:cuts[i + 1]] - bounds[i])
              for i, batch in enumerate(batches) if cuts[i + 1] > cuts[i]]
    return pa.Table.from_batches(pieces, schema=table.schema).columns
