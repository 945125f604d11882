"""The fast way in: pyarrow's multithreaded CSV reader, for the well-formed files that are nearly all of them.

It must give exactly the cells and line numbers the csv-module reader in `load` gives, so it accepts a file
only when it can prove that, and otherwise answers None: `load` then reads the file the slow way, which also
words any problem precisely. Where the two readers differ (pyarrow reads `"a"b` as `ab` where strict csv
refuses it; pyarrow has no line numbers; blank lines; NUL bytes; a BOM other than UTF-8's) it bails out.
"""

from __future__ import annotations

import codecs
import mmap

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

Bytes = bytes | mmap.mmap
QUOTE, COMMA, CR, LF = 34, 44, 13, 10
_CHUNK = 1 << 22  # bytes scanned at a time when checking quotes, to bound temporary memory


def read_arrow(data: Bytes, required: tuple[str, ...]) -> tuple[pa.Table, np.ndarray] | None:
    """The table of text cells and each row's first physical line, or None to use the csv-module reader.

    `data` may be a memory-mapped file: it is read through offsets, never sliced whole, so it is never copied.
    """
    if data[:4].startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    start = len(codecs.BOM_UTF8) if data[:3] == codecs.BOM_UTF8 else 0
    end = len(data)
    while end > start and data[end - 1] in (CR, LF):
        end -= 1  # trailing blank lines are skipped by both readers
    if end == start or data.find(b"\x00", start, end) >= 0 or not _quotes_are_strict(data, start, end):
        return None
    header = _header(data, start, end)
    if header is None or len(header) < 2 or len(set(header)) != len(header) or any(not c.strip() for c in header):
        return None
    if any(c not in header for c in required):
        return None
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data)[start:end],
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1, block_size=1 << 22),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.large_string() for c in header}, strings_can_be_null=False,
                quoted_strings_can_be_null=False, null_values=[], check_utf8=True),
            memory_pool=pa.system_memory_pool(),  # measured faster here than mimalloc for one big read
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    if _has_blank_rows(table):
        return None  # pyarrow keeps a blank line as a row of empty cells; the csv module skips it
    return table, _row_lines(table)


def _has_blank_rows(table: pa.Table) -> bool:
    """Rows whose every cell is empty: a blank line (or `,,,`, which no valid event is either)."""
    blank = None
    for column in table.columns:
        empty = pc.equal(pc.binary_length(column), 0)
        blank = empty if blank is None else pc.and_(blank, empty)
        if not pc.any(blank).as_py():
            return False
    return blank is not None and pc.any(blank).as_py()


def _header(data: bytes, start: int, end: int) -> list[str] | None:
    """The first line as column names, if it is a plain (unquoted, single-line, UTF-8) header."""
    head = data[start:min(end, start + (1 << 20))]
    stop = min((i for i in (head.find(b"\n"), head.find(b"\r")) if i >= 0), default=len(head))
    line = head[:stop]
    if not line or QUOTE in line or (stop == len(head) and start + len(head) < end):
        return None
    try:
        return line.decode("utf-8").split(",")
    except UnicodeDecodeError:
        return None


def _cell_breaks(column: pa.ChunkedArray) -> np.ndarray:
    """Line breaks inside each cell, counted as the csv module counts physical lines."""
    counts = [pc.count_substring(column, text).to_numpy() for text in ("\n", "\r", "\r\n")]
    return counts[0] + counts[1] - counts[2]


def _row_lines(table: pa.Table) -> np.ndarray:
    """The physical line each row starts on: the header is line 1 and no line is blank."""
    extra = np.zeros(table.num_rows, dtype=np.int64)
    for column in table.columns:
        if pc.any(pc.match_substring_regex(column, "[\r\n]")).as_py():
            extra += _cell_breaks(column)
    lines = np.empty(table.num_rows, dtype=np.int64)
    if table.num_rows:
        lines[0] = 2
        np.cumsum(extra[:-1] + 1, out=lines[1:])
        lines[1:] += 2
    return lines


def _quotes_are_strict(data: bytes, start: int, end: int) -> bool:
    """No character after a closing quote but a comma or a line end: what `csv.reader(strict=True)` demands.

    Each run of quote characters either opens a field (at a field start), closes one (odd run inside a
    field), or stays literal (inside an unquoted field, or escaped pairs); tracking the inside/outside state
    across runs needs no loop: after an odd run not at a field start the state is always "outside", and an
    odd run at a field start flips it.
    """
    starts, lengths, before, after = _quote_runs(np.frombuffer(data, dtype=np.uint8, count=end - start, offset=start))
    if not len(starts):
        return True
    odd = (lengths % 2).astype(bool)
    at_start = np.isin(before, (COMMA, CR, LF, -1))
    flips = odd & at_start
    resets = odd & ~at_start
    # State before each run: parity of flips since the last reset (or the start of the file).
    flip_count = np.cumsum(flips)
    last_reset = np.maximum.accumulate(np.where(resets, np.arange(len(starts)), -1))
    prior_reset = np.concatenate(([-1], last_reset[:-1]))  # the last reset strictly before each run
    flips_at_reset = np.where(prior_reset >= 0, flip_count[np.maximum(prior_reset, 0)], 0)
    inside_before = ((flip_count - flips) - flips_at_reset) % 2 == 1
    closes = (inside_before & odd) | (~inside_before & at_start & ~odd)
    inside_after = np.where(resets, False, inside_before ^ flips)
    if inside_after[-1]:
        return False  # the file ends inside a quoted field
    return bool(np.isin(after[closes], (COMMA, CR, LF, -1)).all())


def _quote_runs(view: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Start, length, byte before and byte after (-1 at either end of the file) of each run of quotes."""
    found = [np.zeros(0, dtype=np.int64)]
    mask = np.empty(min(_CHUNK, len(view)), dtype=bool)  # reused: fresh pages cost more than the comparison
    for i in range(0, len(view), _CHUNK):
        chunk = view[i:i + _CHUNK]
        np.equal(chunk, QUOTE, out=mask[:len(chunk)])
        found.append(np.flatnonzero(mask[:len(chunk)]) + i)
    positions = np.concatenate(found)
    if not len(positions):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    new_run = np.ones(len(positions), dtype=bool)
    new_run[1:] = np.diff(positions) != 1
    starts = positions[new_run]
    ends = np.append(positions[np.flatnonzero(new_run)[1:] - 1], positions[-1]) + 1
    before = np.where(starts > 0, view[np.maximum(starts - 1, 0)].astype(np.int64), -1)
    after = np.where(ends < len(view), view[np.minimum(ends, len(view) - 1)].astype(np.int64), -1)
    return starts, ends - starts, before, after
