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
    columns = [take_chunked(arrow_strings(frame[c]), positions) for c in frame.columns]
    return pa.table(columns, names=list(frame.columns)).to_pandas()


def take_chunked(array: pa.ChunkedArray, positions: np.ndarray) -> pa.ChunkedArray:
    """Rows in ascending order are taken chunk by chunk; any other order from one combined chunk.

    A few rows in another order are first taken chunk by chunk in ascending order, then put in order:
    combining the whole column first would copy every row, wanted or not.
    """
    positions = np.asarray(positions, dtype=np.int64)
    if array.num_chunks > 1 and len(positions) > 1 and not (np.diff(positions) >= 0).all():
        if len(positions) >= len(array):
            return pa.chunked_array([array.combine_chunks().take(positions)], type=array.type)
        ranked = np.argsort(positions, kind="stable")
        rank = np.empty_like(ranked)
        rank[ranked] = np.arange(len(ranked))
        return pa.chunked_array([take_chunked(array, positions[ranked]).combine_chunks().take(rank)], type=array.type)
    if array.num_chunks == 1:
        return pa.chunked_array([array.combine_chunks().take(positions)], type=array.type)
    bounds = np.cumsum([0] + [len(chunk) for chunk in array.chunks])
    cuts = np.searchsorted(positions, bounds)
    pieces = [chunk.take(positions[cuts[i]:cuts[i + 1]] - bounds[i]) for i, chunk in enumerate(array.chunks)]
    return pa.chunked_array(pieces, type=array.type)
