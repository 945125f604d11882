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

from .arrowtext import int_scalar

Bytes = bytes | mmap.mmap
QUOTE, COMMA, CR, LF = 34, 44, 13, 10
_CHUNK = 1 << 22  # bytes scanned at a time, to bound temporary memory
ZERO = int_scalar(0)


def read_arrow(data: Bytes, required: tuple[str, ...], path: str | None = None) -> tuple[pa.Table, np.ndarray] | None:
    """The table of text cells and each row's first physical line, or None to use the csv-module reader.

    `data` may be a memory-mapped file: it is read through offsets, never sliced whole, so it is never copied;
    with its `path`, pyarrow reads the file itself and the mapping is only scanned, a chunk at a time, so
    the file's pages do not stay in memory beside the table.
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
    release = _releaser(data, start) if path is not None else None
    # numpy and pyarrow both release the GIL, and pyarrow's reader leaves a core idle much of the time,
    # so the byte scan runs beside the parse.
    with ThreadPoolExecutor(max_workers=1) as pool:
        scanning = pool.submit(_Scan, view, release, _cr_finder(data, start))
        table = _parse(path if path is not None else pa.py_buffer(data)[start:end], header)
        scan = scanning.result()
    if table is None or scan.has_nul or not scan.strict:
        return None
    lines = scan.row_lines()
    # Read from the file, pyarrow also sees any blank lines at its end, as rows of empty cells after the last.
    if table.num_rows > len(lines) and not _has_blank_rows(table.slice(len(lines)), every=True):
        return None
    table = table.slice(0, len(lines))
    if table.num_rows != len(lines) or _has_blank_rows(table):
        return None  # pyarrow keeps a blank line as a row of empty cells; the csv module skips it
    return table, lines


def _releaser(data: Bytes, start: int):
    """A function telling the kernel a scanned stretch of a memory map is not needed in memory any more."""
    if not isinstance(data, mmap.mmap) or not hasattr(mmap, "MADV_DONTNEED"):
        return None

    def release(upto: int) -> None:
        end = (start + upto) // mmap.PAGESIZE * mmap.PAGESIZE
        if end > 0:
            data.madvise(mmap.MADV_DONTNEED, 0, end)

    return release


def _parse(source, header: list[str]) -> pa.Table | None:
    try:
        return pacsv.read_csv(
            source,
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1, block_size=1 << 22),
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.large_string() for c in header}, strings_can_be_null=False,
                quoted_strings_can_be_null=False, null_values=[], check_utf8=True),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def _has_blank_rows(table: pa.Table, every: bool = False) -> bool:
    """Whether any (or every) row has only empty cells: a blank line (or `,,,`, which no valid event is)."""
    blank = None
    for column in table.columns:
        empty = pc.equal(pc.binary_length(column), ZERO)
        blank = empty if blank is None else pc.and_(blank, empty)
        if not pc.any(blank).as_py():
            return False
    return blank is not None and (pc.all(blank) if every else pc.any(blank)).as_py()


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

    def __init__(self, view: np.ndarray, release=None, has_cr=None) -> None:
        found = _positions(view, release, has_cr)
        self.has_nul, self.breaks = found.has_nul, found.breaks
        self.run_starts, self.inside_after, self.strict = _quote_state(found)

    def row_lines(self) -> np.ndarray:
        """Each row's first physical line: the line after the break that ends the record before it.

        A break inside a quoted field is part of a cell; each other break ends a record (the header's first),
        so there is one per row; the caller checks that pyarrow found as many rows.
        """
        inside = np.zeros(len(self.breaks), dtype=bool)
        if len(self.run_starts):
            run = np.searchsorted(self.run_starts, self.breaks) - 1
            inside = (run >= 0) & self.inside_after[np.maximum(run, 0)]
        return np.flatnonzero(~inside).astype(np.int64) + 2


class _Found:
    """Quote offsets with the byte before and after each (-1 at the edges), line breaks, and any NUL."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.index = np.int32 if size < 2**31 - 1 else np.int64
        self.quotes: list[np.ndarray] = []
        self.before: list[np.ndarray] = []
        self.after: list[np.ndarray] = []
        self.lfs: list[np.ndarray] = []
        self.lone_crs: list[np.ndarray] = []
        self.has_nul = False
        self.breaks = np.zeros(0, dtype=self.index)

    def finish(self) -> _Found:
        for name in ("quotes", "before", "after", "lfs", "lone_crs"):
            parts = getattr(self, name)
            setattr(self, name, np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16))
        self.breaks = np.sort(np.concatenate((self.lfs, self.lone_crs))) if len(self.lone_crs) else self.lfs
        return self


def _cr_finder(data: Bytes, start: int):
    """A function telling whether a stretch of the bytes holds a CR: a C search, cheaper than numpy's."""
    return lambda i, j: data.find(b"\r", start + i, start + j) >= 0


def _positions(view: np.ndarray, release=None, has_cr=None) -> _Found:
    """One pass over the bytes, a chunk at a time, neighbours read while the chunk is at hand.

    `has_cr(i, j)` says whether view[i:j] holds a CR at all, so the usual LF-only file skips that search.
    """
    found = _Found(len(view))
    mask = np.empty(min(_CHUNK, len(view)), dtype=bool)  # reused: fresh pages cost more than the comparison
    for i in range(0, len(view), _CHUNK):
        chunk = view[i:i + _CHUNK]
        here = mask[:len(chunk)]
        found.has_nul = found.has_nul or chunk.min() == 0  # min is vectorised; all() is three times slower
        edges = (int(view[i - 1]) if i else -1, int(view[i + len(chunk)]) if i + len(chunk) < len(view) else -1)
        np.equal(chunk, QUOTE, out=here)
        at = np.flatnonzero(here)
        found.quotes.append((at + i).astype(found.index))
        found.before.append(_neighbours(chunk, at, -1, edges[0]))
        found.after.append(_neighbours(chunk, at, 1, edges[1]))
        np.equal(chunk, LF, out=here)
        found.lfs.append((np.flatnonzero(here) + i).astype(found.index))
        if has_cr is None or has_cr(i, i + len(chunk)):
            np.equal(chunk, CR, out=here)
            at = np.flatnonzero(here)
            if len(at):
                found.lone_crs.append((at[_neighbours(chunk, at, 1, edges[1]) != LF] + i).astype(found.index))
        if release is not None:
            release(i)  # everything before this chunk has been read for the last time
    return found.finish()


def _neighbours(chunk: np.ndarray, at: np.ndarray, step: int, outside: int) -> np.ndarray:
    """The byte `step` away from each offset in `at`; `outside` where that falls off the chunk."""
    where = at + step
    inside = (where >= 0) & (where < len(chunk))
    values = np.full(len(at), outside, dtype=np.int16)
    values[inside] = chunk[where[inside]]
    return values


def _ends_a_field(byte: np.ndarray) -> np.ndarray:
    """Whether each byte is a comma, a line end or the edge of the file (-1)."""
    return (byte == COMMA) | (byte == LF) | (byte == CR) | (byte == -1)


def _quote_state(found: _Found) -> tuple[np.ndarray, np.ndarray, bool]:
    """Runs of quotes, whether each leaves a quoted field open, and whether the quoting is strict.

    Strict means no character after a closing quote but a comma or a line end, and no quoted field left
    open at the end: what `csv.reader(strict=True)` demands. Each run of quotes opens a field (at a field
    start), closes one (an odd run inside a field), or is literal (inside an unquoted field; escaped
    pairs). No loop is needed to track the state: after an odd run not at a field start it is always
    "outside", and an odd run at a field start flips it.
    """
    positions = found.quotes
    if not len(positions):
        return positions, positions.astype(bool), True
    new_run = np.ones(len(positions), dtype=bool)
    new_run[1:] = np.diff(positions) != 1
    firsts = np.flatnonzero(new_run)
    lasts = np.append(firsts[1:] - 1, len(positions) - 1)
    starts = positions[firsts]
    before, after = found.before[firsts], found.after[lasts]
    odd = ((lasts - firsts + 1) % 2).astype(bool)
    at_start = _ends_a_field(before)
    flips, resets = odd & at_start, odd & ~at_start
    flip_count = np.cumsum(flips, dtype=found.index)
    last_reset = np.maximum.accumulate(np.where(resets, np.arange(len(starts), dtype=found.index), -1))
    prior_reset = np.concatenate(([-1], last_reset[:-1]))  # the last reset strictly before each run
    flips_at_reset = np.where(prior_reset >= 0, flip_count[np.maximum(prior_reset, 0)], 0)
    inside_before = ((flip_count - flips) - flips_at_reset) % 2 == 1
    closes = (inside_before & odd) | (~inside_before & at_start & ~odd)
    inside_after = np.where(resets, False, inside_before ^ flips)
    strict = not inside_after[-1] and bool(_ends_a_field(after[closes]).all())
    return starts, inside_after, strict
