"""Read the events CSV and its vocabularies, checking structure and cell formats on the way in.

Every value is read as text: `NA`, `None` and `null` stay strings and only an empty cell is missing.
A bad file raises `DataError` carrying one `file:line: column: message` line per problem, never a
traceback. The curation rules that need the vocabularies and the seeds (known actors, verbatim quotes)
live in `validate`; loading only refuses what would make filtering or output wrong.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import functools
import io
import mmap
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from ..errors import DataError
from ..resources import bundled_events
from ..schema import model
from ..schema.descriptor import LOADING, column_problems
from ..schema.model import CsvCells, Field
from ..schema.problems import Problem
from ..schema.rules import DaySpans, checked_cells, in_line_order, spans
from ..values.arrowtext import empty_texts, take_rows, text_array
from .dialect import sniff_separator
from .load_fast import ArrowStream, empty_table

if TYPE_CHECKING:
    import pandas as pd

STDIN = "-"
MAX_REPORTED_PROBLEMS = 200
COMBINE_MAX_BYTES = 64 << 20  # kept rows up to this size are copied into one chunk: a cheap copy, fewer chunks
# Below this the csv module is quicker than starting pyarrow's reader (both read files identically).
FAST_PATH_MIN_BYTES = 1 << 20
csv.field_size_limit(sys.maxsize)


@dataclass
class EventTable:
    """Events as text cells, plus what filtering needs, computed once per load.

    The cells are an Arrow table: reading, checking, filtering and writing CSV work on it directly, so
    those commands never import pandas. `frame` gives pandas to the code that
    wants it (stats), made on first use without copying the text.
    """

    name: str
    data: pa.Table  # one large_string column per CSV column, "" where empty, in file order
    lines: np.ndarray  # physical line of each row, for messages
    start: np.ndarray  # first day (ordinal) each event covers
    end: np.ndarray  # last day (ordinal)
    # Optional schema columns the file lacks: present in `data` as empty cells, so code can read them, but
    # left out of `columns`, so output keeps the file's own columns and a file written back is the same.
    added: tuple[str, ...] = ()

    def __len__(self) -> int:
        return self.data.num_rows

    @property
    def columns(self) -> list[str]:
        """The file's columns: the schema's in schema order, then its others (`data` may hold more)."""
        return [c for c in self.data.column_names if c not in self.added]

    def column(self, name: str) -> pa.ChunkedArray:
        return self.data.column(name)

    def records(self) -> list[dict[str, str]]:
        """One dict per event, column name to cell, in table order."""
        return self.data.to_pylist()

    @functools.cached_property
    def frame(self) -> pd.DataFrame:
        """The cells as a pandas frame of `str` columns with a fresh index."""
        return self.data.to_pandas()

    def subset(self, rows: np.ndarray) -> EventTable:
        """The rows at ascending, distinct positions: this table itself when that is all of them."""
        return self if len(rows) == len(self) else self.take(rows)

    def take(self, positions: np.ndarray) -> EventTable:
        """A new table holding the given rows, in the given order."""
        return EventTable(
            name=self.name,
            data=take_rows(self.data, positions),
            lines=self.lines[positions],
            start=self.start[positions],
            end=self.end[positions],
            added=self.added,
        )


RowFilter = Callable[[EventTable], np.ndarray]  # events -> positions of those to keep, ascending


# --- bytes to text ------------------------------------------------------------------------------------

def read_source_bytes(path: str | Path) -> tuple[str, bytes]:
    """The display name and bytes of a file, or of standard input for `-`."""
    if str(path) == STDIN:
        return "<stdin>", sys.stdin.buffer.read()
    name = str(path)
    try:
        return name, Path(path).read_bytes()
    except IsADirectoryError:
        raise DataError(f"{name}: is a directory, not a CSV file") from None
    except OSError as exc:
        raise DataError(f"{name}: cannot read: {exc.strerror or exc}") from None


def decode_text(name: str, data: bytes) -> str:
    """Strict UTF-8 (a BOM is accepted); anything else is one clear error with line and column."""
    text, problem = decode(name, data)
    if problem is not None:
        raise DataError(str(problem))
    return text


def decode(name: str, data: bytes) -> tuple[str, Problem | None]:
    """The text without its BOM, or "" and the reason it is not UTF-8 text."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "", Problem(name, None, "", "the file is UTF-32; save it as UTF-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "", Problem(name, None, "", "the file is UTF-16; save it as UTF-8")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    nul = data.find(b"\x00")
    if nul >= 0 and _looks_like_utf16(data):
        raise DataError(f"{name}: the file looks like UTF-16 without a byte-order mark; save it as UTF-8")
    if nul >= 0:
        line, column = _position(data, nul)
        return "", Problem(name, line, f"column {column}", "NUL byte: this is a binary file, not UTF-8 CSV text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        return "", Problem(
            name, line, f"column {column}",
            f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
        )


def _looks_like_utf16(data: bytes) -> bool:
    """ASCII-heavy text in UTF-16 has a NUL in every other byte: the header row alone shows it."""
    head = data[:200]
    return len(head) >= 8 and (head[0::2].count(0) > len(head) // 4 or head[1::2].count(0) > len(head) // 4)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset (CRLF, LF and bare CR all end a line)."""
    lines = re.split(rb"\r\n|\r|\n", data[:offset])
    return len(lines), len(lines[-1].decode("utf-8", errors="replace")) + 1


# --- text to rows ---------------------------------------------------------------------------------------

def parse_csv(name: str, text: str, required: tuple[str, ...]) -> CsvCells:
    """RFC 4180 rows with their line numbers; blank lines are skipped; structural problems raise."""
    table, problems = scan_csv(name, text, required)
    _raise_if(problems)
    assert table is not None  # no table always comes with a problem
    return table


def scan_csv(name: str, text: str, required: tuple[str, ...]) -> tuple[CsvCells | None, list[Problem]]:
    """Like `parse_csv`, but returns the structural problems, with the well-formed rows when the header is sound."""
    separator, problem = sniff_separator(name, text, required)
    if problem is not None:
        return None, [problem]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=separator)
    problems: list[Problem] = []
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    line = 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if not record or record == [""]:
                continue
            if header is None:
                header = record
                problems += _header_problems(name, start, header, required)
                if problems:
                    return None, problems
                continue
            if len(record) != len(header):
                found = f"expected {len(header)} cells as in the header, found {len(record)}"
                problems.append(Problem(name, start, "", found))
                continue
            rows.append(record)
            lines.append(start)
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, "", f"malformed CSV: {exc}"))
    if header is None:
        return None, [Problem(name, None, "", "empty file: no header row")]
    return CsvCells(name, header, rows, lines, separator), problems


def _header_problems(name: str, line: int, header: list[str], required: tuple[str, ...]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for index, column in enumerate(header, start=1):
        if not column.strip():
            problems.append(Problem(name, line, "", f"column {index} of the header has no name"))
        elif column in seen:
            problems.append(Problem(name, line, f"column {index}", f"duplicate column name \"{column}\""))
        seen.add(column)
    missing = [c for c in required if c not in seen]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        problems.append(Problem(name, line, "", f"missing column{plural}: {', '.join(missing)}"))
    return problems


def _raise_if(problems: list[Problem]) -> None:
    if problems:
        shown = [str(p) for p in problems[:MAX_REPORTED_PROBLEMS]]
        if len(problems) > len(shown):
            shown.append(f"... and {len(problems) - len(shown)} more problems")
        raise DataError(shown[0], shown)


def read_table(path: str | Path, required: tuple[str, ...]) -> CsvCells:
    name, data = read_source_bytes(path)
    return parse_csv(name, decode_text(name, data), required)


# --- events ---------------------------------------------------------------------------------------------

def default_events_path() -> str:
    """`KAZTIMELINE_DATA` if set, else the bundled curated events."""
    return os.environ.get("KAZTIMELINE_DATA") or str(bundled_events())


def load_events(path: str | Path | None = None, keep: RowFilter | None = None) -> EventTable:
    """Read and check an events file; `None` means the default, `-` standard input.

    With `keep`, only the events it picks: `keep` gets a table of some of the events (any group of rows)
    and gives the positions of those to keep, deciding each row by that row alone. The answer is the
    same as `load_events(path).take(keep(...))`, but a large file is checked and filtered a group of rows
    at a time, so the rows not kept are never all held in memory at once. Every row is still checked.
    """
    name, data = _map_source(path if path is not None else default_events_path())
    if len(data) >= FAST_PATH_MIN_BYTES:
        events = _load_streaming(name, data, keep)
        if events is not None:
            return events
    text = decode_text(name, data[:] if isinstance(data, mmap.mmap) else data)
    table = parse_csv(name, text, model.REQUIRED_EVENT_COLUMNS)
    events, problems = build_events(table)
    _raise_if(problems)
    return events if keep is None else events.subset(keep(events))


def _load_streaming(name: str, data: bytes | mmap.mmap, keep: RowFilter | None) -> EventTable | None:
    """`load_events` through pyarrow's streaming reader, or None if the csv module must read the file."""
    stream = ArrowStream.open(data, model.REQUIRED_EVENT_COLUMNS, path=name if isinstance(data, mmap.mmap) else None,
                              distinct="id")
    if stream is None:
        return None
    found, dated, kept = [], [], []
    known = DaySpans()
    fields = model.resource_fields("events")
    with stream:
        for first, group in stream.groups():
            cells = _table_from_arrow(group)
            positions = np.arange(first, first + cells.num_rows)  # lines are known once the scan is done
            found += column_problems(name, cells, positions, fields, LOADING - {"unique"})
            start, end, problems = spans(name, cells, positions, known)
            dated += problems
            events = EventTable(name, cells, positions, start, end, _added(stream.header))
            kept.append(events if keep is None else events.subset(keep(events)))
            del group, cells, events  # a group's rows not kept go now, not when the next group is at hand
        lines = stream.finish()
        repeated = stream.repeated()  # ids, if any repeats
    if lines is None:
        return None
    _release(data)  # the groups hold what is needed; let a large file's pages go now
    rows = len(lines)  # any rows after these are blank lines at the end of the file
    found, dated = ([dataclasses.replace(p, line=int(lines[p.line])) for p in part
                     if p.line is not None and p.line < rows] for part in (found, dated))
    if repeated is not None:  # ids, sliced: blank rows at the end repeat ""
        found += column_problems(name, pa.table({"id": repeated.slice(0, rows)}), lines, fields, {"unique"})
    _raise_if(in_line_order(found, dated))
    if not kept:  # a header and nothing else
        none = np.zeros(0, dtype=np.int64)
        return EventTable(name, _table_from_arrow(empty_table(stream.header)), none, none, none,
                          _added(stream.header))
    return _joined(name, kept, lines)


def _joined(name: str, parts: list[EventTable], lines: np.ndarray) -> EventTable:
    """One table of the parts, numbered by position until now, without the blank rows after `lines`."""
    positions = np.concatenate([part.lines for part in parts])
    real = np.flatnonzero(positions < len(lines))
    data = pa.concat_tables([part.data for part in parts])
    if len(real) < len(positions):
        data = data.slice(0, len(real))  # blank rows come last
    if data.nbytes <= COMBINE_MAX_BYTES:
        data = data.combine_chunks()  # a few rows from each of hundreds of batches: later kernels see one chunk
    return EventTable(name, data, lines[positions[real]], np.concatenate([part.start for part in parts])[real],
                      np.concatenate([part.end for part in parts])[real], parts[0].added)


def _release(data: bytes | mmap.mmap) -> None:
    """Unmap a mapped file now, not whenever the last reference goes (the CLI runs with the cyclic GC off)."""
    if isinstance(data, mmap.mmap):
        try:
            data.close()
        except BufferError:  # a view of it is still alive somewhere: it goes with that view
            pass


def build_events(table: CsvCells, fields: tuple[Field, ...] | None = None) -> tuple[EventTable, list[Problem]]:
    """The events of a parsed table, and the cell problems that `load_events` refuses, in line order
    (`fields`: the events' schema; by default the bundled one)."""
    cells, lines = _table_from_rows(table)
    start, end, problems = checked_cells(table.name, cells, lines, fields)
    return EventTable(table.name, cells, lines, start, end, _added(table.header)), problems



def _added(header: list[str]) -> tuple[str, ...]:
    """The optional columns a file with `header` lacks, which the loader fills with empty cells."""
    return tuple(c for c in model.OPTIONAL_EVENT_COLUMNS if c not in header)


def _map_source(path: str | Path) -> tuple[str, bytes | mmap.mmap]:
    """Like `read_source_bytes`, but a regular file is memory-mapped, so a large one is not copied."""
    if str(path) != STDIN:
        try:
            with open(path, "rb") as fh:
                return str(path), mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            pass  # empty, special or unreadable: the ordinary read gives the right message
    return read_source_bytes(path)


def _event_columns(header: list[str]) -> list[str]:
    """The schema's columns in schema order, then any extra columns in file order."""
    return list(model.EVENT_COLUMNS) + [c for c in header if c not in model.EVENT_COLUMNS]


def _table_from_rows(table: CsvCells) -> tuple[pa.Table, np.ndarray]:
    columns = _event_columns(table.header)
    order = [table.header.index(c) if c in table.header else None for c in columns]
    arrays = [text_array([row[i] for row in table.rows]) if i is not None else empty_texts(len(table.rows))
              for i in order]
    return pa.table(arrays, names=columns), np.asarray(table.lines, dtype=np.int64)


def _table_from_arrow(table: pa.Table) -> pa.Table:
    """The schema's columns in schema order (empty where the file has none), then the file's others."""
    columns = _event_columns(table.column_names)
    cells = [table[c] if c in table.column_names else empty_texts(table.num_rows) for c in columns]
    return pa.table(cells, names=columns)


