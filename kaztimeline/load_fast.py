"""The fast way in: pyarrow's multithreaded CSV reader, for the well-formed files that are nearly all of them.

It must give exactly the cells and line numbers the csv-module reader in `load` gives, so it accepts a file
only when it can prove that, and otherwise answers None: `load` then reads the file the slow way, which also
words any problem precisely. Where the two readers differ (pyarrow reads `"a"b` as `ab` where strict csv
refuses it; pyarrow has no line numbers; blank lines; NUL bytes; a BOM other than UTF-8's) it bails out.
"""

from __future__ import annotations

import codecs
import mmap
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

Bytes = bytes | mmap.mmap
QUOTE, COMMA, CR, LF = 34, 44, 13, 10
_CHUNK = 1 << 22  # bytes scanned at a time, to bound temporary memory


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
    header = _header(data, start, end) if end > start else None
    if header is None or len(header) < 2 or len(set(header)) != len(header) or any(not c.strip() for c in header):
        return None
    if any(c not in header for c in required):
        return None
    view = np.frombuffer(data, dtype=np.uint8, count=end - start, offset=start)
    # numpy and pyarrow both release the GIL, and pyarrow's reader leaves a core idle much of the time,
    # so the byte scan runs beside the parse.
    with ThreadPoolExecutor(max_workers=1) as pool:
        scanning = pool.submit(_Scan, view)
        table = _parse(data, start, end, header)
        scan = scanning.result()
    if table is None or scan.has_nul or not scan.strict:
        return None
    if _has_blank_rows(table):
        return None  # pyarrow keeps a blank line as a row of empty cells; the csv module skips it
    lines = scan.row_lines(table.num_rows)
    return None if lines is None else (table, lines)


def _parse(data: Bytes, start: int, end: int, header: list[str]) -> pa.Table | None:
    try:
        return pacsv.read_csv(
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


class _Scan:
    """Where the quotes and line breaks are, and whether the quoting is what strict csv accepts."""

    def __init__(self, view: np.ndarray) -> None:
        quotes, breaks, self.has_nul = _positions(view)
        self.breaks = breaks
        self.run_starts, self.inside_after, self.strict = _quote_state(view, quotes)

    def row_lines(self, rows: int) -> np.ndarray | None:
        """Each row's first physical line: the line after the break that ends the record before it.

        A break inside a quoted field is part of a cell; the others end records, and there must be exactly
        one per row (the header's, then one between each pair of rows), or this is not the file pyarrow read.
        """
        inside = np.zeros(len(self.breaks), dtype=bool)
        if len(self.run_starts):
            run = np.searchsorted(self.run_starts, self.breaks) - 1
            inside = (run >= 0) & self.inside_after[np.maximum(run, 0)]
        ends = np.flatnonzero(~inside)
        return ends + 2 if len(ends) == rows else None


def _positions(view: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """Offsets of every quote and line break (LF, CRLF once at its LF, a lone CR), and whether a NUL occurs."""
    quotes, lfs, crs = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    mask = np.empty(min(_CHUNK, len(view)), dtype=bool)  # reused: fresh pages cost more than the comparison
    has_nul = False
    for i in range(0, len(view), _CHUNK):
        chunk = view[i:i + _CHUNK]
        here = mask[:len(chunk)]
        for byte, found in ((QUOTE, quotes), (LF, lfs), (CR, crs)):
            np.equal(chunk, byte, out=here)
            found.append(np.flatnonzero(here) + i)
        has_nul = has_nul or not chunk.all()
    breaks, cr = np.concatenate(lfs), np.concatenate(crs)
    if len(cr):
        nxt = view[np.minimum(cr + 1, len(view) - 1)]
        lone = cr[(cr + 1 >= len(view)) | (nxt != LF)]
        breaks = np.sort(np.concatenate((breaks, lone)))
    return np.concatenate(quotes), breaks, has_nul


def _ends_a_field(byte: np.ndarray) -> np.ndarray:
    """Whether each byte is a comma, a line end or the edge of the file (-1)."""
    return (byte == COMMA) | (byte == LF) | (byte == CR) | (byte == -1)


def _quote_state(view: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """Runs of quotes, whether each leaves a quoted field open, and whether the quoting is strict.

    Strict means no character after a closing quote but a comma or a line end, and no quoted field left
    open at the end: what `csv.reader(strict=True)` demands. Each run of quotes opens a field (at a field
    start), closes one (an odd run inside a field), or is literal (inside an unquoted field; escaped
    pairs). No loop is needed to track the state: after an odd run not at a field start it is always
    "outside", and an odd run at a field start flips it.
    """
    if not len(positions):
        return positions, positions.astype(bool), True
    new_run = np.ones(len(positions), dtype=bool)
    new_run[1:] = np.diff(positions) != 1
    starts = positions[new_run]
    ends = np.append(positions[np.flatnonzero(new_run)[1:] - 1], positions[-1]) + 1
    before = np.where(starts > 0, view[np.maximum(starts - 1, 0)].astype(np.int64), -1)
    after = np.where(ends < len(view), view[np.minimum(ends, len(view) - 1)].astype(np.int64), -1)
    odd = ((ends - starts) % 2).astype(bool)
    at_start = _ends_a_field(before)
    flips, resets = odd & at_start, odd & ~at_start
    flip_count = np.cumsum(flips)
    last_reset = np.maximum.accumulate(np.where(resets, np.arange(len(starts)), -1))
    prior_reset = np.concatenate(([-1], last_reset[:-1]))  # the last reset strictly before each run
    flips_at_reset = np.where(prior_reset >= 0, flip_count[np.maximum(prior_reset, 0)], 0)
    inside_before = ((flip_count - flips) - flips_at_reset) % 2 == 1
    closes = (inside_before & odd) | (~inside_before & at_start & ~odd)
    inside_after = np.where(resets, False, inside_before ^ flips)
    strict = not inside_after[-1] and bool(_ends_a_field(after[closes]).all())
    return starts, inside_after, strict
