"""The fast way in: pyarrow's streaming CSV reader, for the well-formed files that are nearly all of them.

It must give exactly the cells and line numbers the csv-module reader in `load` gives, so it accepts a file
only when it can prove that, and otherwise answers None: `load` then reads the file the slow way, which also
words any problem precisely. Where the two readers differ (pyarrow reads `"a"b` as `ab` where strict csv
refuses it; pyarrow has no line numbers; blank lines; NUL bytes; a BOM other than UTF-8's) it bails out.
"""

from __future__ import annotations

import codecs
import mmap
import queue
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..values.arrowtext import empty_texts, has_repeats, is_empty, numpy_values

Bytes = bytes | mmap.mmap
QUOTE, COMMA, CR, LF = 34, 44, 13, 10
_CHUNK = 1 << 22  # bytes scanned at a time, to bound temporary memory


GROUP_ROWS = 1 << 16  # rows handed on at a time: the reader's 4 MB batches are a few thousand rows
READ_AHEAD = 16  # batches the reader may run ahead of the caller: ~64 MB, a group's worth
_END = object()


class ArrowStream:
    """A file read by pyarrow's streaming reader, a group of rows at a time, while numpy scans its bytes.

    The streaming reader keeps about one core busy and the byte scan (numpy, without the GIL) the other, so
    reading costs about what parsing alone does, and the caller can check and filter each group and drop
    what it does not need instead of holding the whole file. Use it as a context manager; `finish` says
    whether the groups were the csv module's rows, and where each starts.
    """

    def __init__(self, data: Bytes, start: int, end: int, header: list[str], path: str | None,
                 distinct: str | None = None) -> None:
        self.header = header
        self._distinct = header.index(distinct) if distinct is not None else None
        self._repeated: pa.ChunkedArray | None = None
        self._reading: Future[None] | None = None
        self._data, self._start, self._end, self._path = data, start, end, path
        self._pool = ThreadPoolExecutor(max_workers=2)  # the byte scan, and a thread draining the reader
        self._scanning: Future[_Scan] | None = None
        self._stop = threading.Event()
        self._rows = 0
        self._blank: list[np.ndarray] = []
        self._failed = False

    @classmethod
    def open(cls, data: Bytes, required: tuple[str, ...], path: str | None = None,
             distinct: str | None = None) -> ArrowStream | None:
        """A stream over `data` (with its `path`, pyarrow reads the file itself), or None when only the csv
        module can read it: a UTF-16/32 BOM, or a header that is not one plain line of distinct names.

        With `distinct` (a required column), the stream also finds out whether that column repeats a value
        (`repeated`), in the reading thread once the reader is done, while the caller is still at work.
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
        return cls(data, start, end, header, path, distinct)

    def __enter__(self) -> ArrowStream:
        view = np.frombuffer(self._data, dtype=np.uint8, count=self._end - self._start, offset=self._start)
        release = _releaser(self._data, self._start) if self._path is not None else None
        self._scanning = self._pool.submit(_Scan, view, release, _finder(self._data, self._start, b"\r"),
                                           _finder(self._data, self._start, b"\0"))
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._pool.shutdown(wait=True)

    def groups(self) -> Iterator[tuple[int, pa.Table]]:
        """(first row's position, table of text cells) for each group of rows, in file order."""
        batches: queue.Queue = queue.Queue(maxsize=READ_AHEAD)
        self._reading = self._pool.submit(self._drain, batches)
        pending: list[pa.RecordBatch] = []
        while (batch := batches.get()) is not _END:
            if isinstance(batch, BaseException):
                if isinstance(batch, pa.ArrowInvalid | pa.ArrowNotImplementedError):
                    self._failed = True
                    return
                raise batch
            pending.append(batch)
            if sum(b.num_rows for b in pending) >= GROUP_ROWS:
                yield self._group(pending)
                pending = []
        if pending:
            yield self._group(pending)

    def _drain(self, batches: queue.Queue) -> None:
        """Pull batches from the reader as soon as they are parsed: it reads ahead only a batch or two, so
        while the caller checks a group it would otherwise stand idle."""
        column = []
        try:
            for batch in _open(self._path if self._path is not None else self._buffer(), self.header):
                if self._distinct is not None:
                    column.append(batch.column(self._distinct))
                if not self._put(batches, batch):
                    return
        except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread, which raises it
            self._put(batches, exc)
            return
        self._put(batches, _END)
        values = pa.chunked_array(column, type=pa.large_string())
        if has_repeats(values):
            self._repeated = values

    def repeated(self) -> pa.ChunkedArray | None:
        """The `distinct` column of every row read (blank rows at the end included) if it repeats a value."""
        if self._reading is not None:
            self._reading.result()
        return self._repeated

    def _put(self, batches: queue.Queue, item) -> bool:
        """Queue an item, waiting while the queue is full; False if the caller has stopped listening."""
        while not self._stop.is_set():
            try:
                batches.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def _buffer(self) -> pa.BufferReader:
        return pa.BufferReader(pa.py_buffer(self._data)[self._start:self._end])

    def _group(self, batches: list[pa.RecordBatch]) -> tuple[int, pa.Table]:
        table = pa.Table.from_batches(batches)
        first, self._rows = self._rows, self._rows + table.num_rows
        self._blank.append(_blank_rows(table) + first)
        return first, table

    def finish(self) -> np.ndarray | None:
        """Each row's first physical line, or None if the groups are not exactly the csv module's rows.

        Read from the file, pyarrow also sees any blank lines at its end, as rows of empty cells after the
        last: the caller drops rows from `len(lines)` on. A blank row before that means a blank line the
        csv module skips, so the numbering would differ: None.
        """
        assert self._scanning is not None, "finish() comes after the stream is entered"
        scan = self._scanning.result()
        if self._failed or scan.has_nul or not scan.strict:
            return None
        lines = scan.row_lines()
        blank = np.concatenate(self._blank) if self._blank else np.zeros(0, dtype=np.int64)
        trailing = self._rows - len(lines)
        if trailing < 0 or (blank < len(lines)).any() or (blank >= len(lines)).sum() != trailing:
            return None
        return lines


def empty_table(columns: list[str]) -> pa.Table:
    return pa.table([empty_texts(0) for _ in columns], names=columns)


def _open(source, header: list[str]) -> pacsv.CSVStreamingReader:
    return pacsv.open_csv(
        source,
        read_options=pacsv.ReadOptions(column_names=header, skip_rows=1, block_size=1 << 22),
        parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False),
        convert_options=pacsv.ConvertOptions(
            column_types={c: pa.large_string() for c in header}, strings_can_be_null=False,
            quoted_strings_can_be_null=False, null_values=[], check_utf8=True),
    )


def _releaser(data: Bytes, start: int):
    """A function telling the kernel a scanned stretch of a memory map is not needed in memory any more."""
    if not isinstance(data, mmap.mmap) or not hasattr(mmap, "MADV_DONTNEED"):
        return None

    def release(upto: int) -> None:
        end = (start + upto) // mmap.PAGESIZE * mmap.PAGESIZE
        if end > 0:
            data.madvise(mmap.MADV_DONTNEED, 0, end)

    return release


def _blank_rows(table: pa.Table) -> np.ndarray:
    """Positions of the rows whose cells are all empty: a blank line (or `,,,`, which no valid event is)."""
    blank = None
    for column in table.columns:
        empty = is_empty(column)
        blank = empty if blank is None else pc.and_(blank, empty)
        if not pc.any(blank).as_py():
            return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(numpy_values(blank)) if blank is not None else np.zeros(0, dtype=np.int64)


def _header(data: Bytes, start: int, end: int) -> list[str] | None:
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

    def __init__(self, view: np.ndarray, release=None, has_cr=None, has_nul=None) -> None:
        found = _positions(view, release, has_cr, has_nul)
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

    NAMES = ("quotes", "before", "after", "lfs", "lone_crs")

    def __init__(self, size: int) -> None:
        self.size = size
        self.index: type[np.signedinteger[Any]] = np.int32 if size < 2**31 - 1 else np.int64
        self.parts: dict[str, list[np.ndarray]] = {name: [] for name in self.NAMES}  # per chunk, until `finish`
        nothing = np.zeros(0, dtype=np.int16)
        self.quotes: np.ndarray = nothing
        self.before: np.ndarray = nothing
        self.after: np.ndarray = nothing
        self.lfs: np.ndarray = nothing
        self.lone_crs: np.ndarray = nothing
        self.has_nul = False
        self.breaks: np.ndarray = np.zeros(0, dtype=self.index)

    def finish(self) -> _Found:
        for name, parts in self.parts.items():
            setattr(self, name, np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16))
        self.parts = {}
        self.breaks = np.sort(np.concatenate((self.lfs, self.lone_crs))) if len(self.lone_crs) else self.lfs
        return self


def _finder(data: Bytes, start: int, byte: bytes):
    """A function telling whether a stretch of the bytes holds `byte`: a C search (memchr), cheaper than numpy's."""
    return lambda i, j: data.find(byte, start + i, start + j) >= 0


def _positions(view: np.ndarray, release=None, has_cr=None, has_nul=None) -> _Found:
    """One pass over the bytes, a chunk at a time, neighbours read while the chunk is at hand.

    `has_cr(i, j)` and `has_nul(i, j)` say whether view[i:j] holds a CR or a NUL at all (memchr, cheaper than
    numpy's min), so the usual LF-only file skips the CR search.
    """
    found = _Found(len(view))
    mask = np.empty(min(_CHUNK, len(view)), dtype=bool)  # reused: fresh pages cost more than the comparison
    for i in range(0, len(view), _CHUNK):
        chunk = view[i:i + _CHUNK]
        here = mask[:len(chunk)]
        found.has_nul = found.has_nul or (has_nul(i, i + len(chunk)) if has_nul else chunk.min() == 0)
        edges = (int(view[i - 1]) if i else -1, int(view[i + len(chunk)]) if i + len(chunk) < len(view) else -1)
        np.equal(chunk, QUOTE, out=here)
        at = np.flatnonzero(here)
        found.parts["quotes"].append((at + i).astype(found.index))
        found.parts["before"].append(_neighbours(chunk, at, -1, edges[0]))
        found.parts["after"].append(_neighbours(chunk, at, 1, edges[1]))
        np.equal(chunk, LF, out=here)
        found.parts["lfs"].append((np.flatnonzero(here) + i).astype(found.index))
        if has_cr is None or has_cr(i, i + len(chunk)):
            np.equal(chunk, CR, out=here)
            at = np.flatnonzero(here)
            if len(at):
                found.parts["lone_crs"].append((at[_neighbours(chunk, at, 1, edges[1]) != LF] + i).astype(found.index))
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
    positions, index = found.quotes, found.index
    if not len(positions):
        return positions, positions.astype(bool), True
    # Millions of quotes: int32 and in-place steps keep the peak to about a dozen arrays of one int32 per run.
    new_run = np.empty(len(positions), dtype=bool)
    new_run[0] = True
    np.not_equal(np.diff(positions), 1, out=new_run[1:])
    firsts = np.flatnonzero(new_run).astype(index)
    del new_run
    lasts = np.empty_like(firsts)
    lasts[:-1] = firsts[1:]
    lasts[:-1] -= 1
    lasts[-1] = len(positions) - 1
    starts = positions[firsts]
    at_start = _ends_a_field(found.before[firsts])
    after = found.after[lasts]
    odd = (lasts - firsts) % 2 == 0  # a run of lasts - firsts + 1 quotes
    del firsts, lasts
    flips, resets = odd & at_start, odd & ~at_start
    flip_count = np.cumsum(flips, dtype=index)
    last_reset = np.arange(len(starts), dtype=index)
    last_reset[~resets] = -1
    np.maximum.accumulate(last_reset, out=last_reset)
    prior_reset = np.empty_like(last_reset)  # the last reset strictly before each run
    prior_reset[0] = -1
    prior_reset[1:] = last_reset[:-1]
    del last_reset
    flips_at_reset = flip_count[np.maximum(prior_reset, 0)]
    flips_at_reset[prior_reset < 0] = 0
    del prior_reset
    inside_before = (flip_count - flips - flips_at_reset) % 2 == 1
    del flip_count, flips_at_reset
    closes = (inside_before & odd) | (~inside_before & at_start & ~odd)
    inside_after = inside_before ^ flips
    inside_after[resets] = False
    strict = not inside_after[-1] and bool(_ends_a_field(after[closes]).all())
    return starts, inside_after, strict
