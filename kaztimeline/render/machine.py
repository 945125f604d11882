"""Machine-readable output: Markdown, JSON and JSON Lines, and events in any rows format (CSV and TSV are
written by `delimited`). Lossless where the format allows: CSV and JSON carry every cell exactly; TSV and
Markdown flatten what their syntax cannot hold."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TextIO

from ..schema.evidence import Citations, evidence_fields, marked_title
from ..schema.model import LIST_COLUMNS, split_list

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

Rows = Iterable[Sequence[str]]
Extra = Callable[[Sequence[str]], dict[str, object]]  # a row -> keys its JSON object gains

def _flatten(value: str) -> str:
    return value.replace("\r\n", " ").replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _md_cell(value: str) -> str:
    return _flatten(value).replace("\\", "\\\\").replace("|", "\\|")


def write_markdown(columns: Sequence[str], rows: Rows, out: TextIO) -> None:
    """A GitHub-flavoured table: one line per event, `|` and `\\` escaped, line breaks flattened."""
    out.write("| " + " | ".join(_md_cell(c) for c in columns) + " |\n")
    out.write("|" + "|".join("---" for _ in columns) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(_md_cell(v) for v in row) + " |\n")


def json_record(columns: Sequence[str], row: Sequence[str]) -> dict[str, object]:
    """`;`-lists become arrays and empty cells null, so jq can test membership directly."""
    record: dict[str, object] = {}
    for column, value in zip(columns, row):
        if value == "":
            record[column] = None
        elif column in LIST_COLUMNS:
            record[column] = split_list(value)
        else:
            record[column] = value
    return record


def write_json(columns: Sequence[str], rows: Rows, out: TextIO, extra: Extra | None = None) -> None:
    """One array, one object per line inside it: valid JSON that still diffs well."""
    empty = True
    for row in rows:
        out.write(",\n  " if not empty else "[\n  ")
        out.write(json.dumps(_object(columns, row, extra), ensure_ascii=False))
        empty = False
    out.write("[]\n" if empty else "\n]\n")


def write_jsonl(columns: Sequence[str], rows: Rows, out: TextIO, extra: Extra | None = None) -> None:
    for row in rows:
        out.write(json.dumps(_object(columns, row, extra), ensure_ascii=False))
        out.write("\n")


def _object(columns: Sequence[str], row: Sequence[str], extra: Extra | None) -> dict[str, object]:
    record = json_record(columns, row)
    if extra is not None:
        record.update(extra(row))
    return record


EVIDENCE_COLUMNS = ("id", "source", "quote")


def write_events(fmt: str, columns: Sequence[str], data: pa.Table, out: TextIO, further: Citations,
                 header: bool = True, excel: bool = False, order: np.ndarray | None = None) -> None:
    """Events (an Arrow table of text cells; its rows at `order`, else as they are) in a rows format, with their
    evidence where the format has room for it: JSON and JSON Lines add `citations` (every one, the primary
    first), `sources` and `disputed`; Markdown marks the title of an event whose sources differ. CSV and TSV
    keep the events file's columns, so a file read back is the same; they are written straight from the
    Arrow columns. The evidence needs the id, source and quote columns: with fewer, rows are written as they are."""
    from ..values.arrowtext import take_rows
    from .delimited import ArrowRows
    from .formats import write_rows

    if fmt in ("csv", "tsv"):
        write_rows(fmt, columns, ArrowRows.of(data, columns, order), out, header=header, excel=excel)
        return
    chosen = data.select(columns) if order is None else take_rows(data.select(columns), order)
    rows = zip(*(column.to_pylist() for column in chosen.columns))
    if not all(c in columns for c in EVIDENCE_COLUMNS):
        write_rows(fmt, columns, rows, out)
    elif fmt in ("json", "jsonl"):
        def extra(row: Sequence[str]) -> dict[str, object]:
            return evidence_fields(dict(zip(columns, row)), further)

        (write_json if fmt == "json" else write_jsonl)(columns, rows, out, extra)
    elif fmt == "md" and "title" in columns:
        at = columns.index("title")
        marked = ([*row[:at], marked_title(dict(zip(columns, row)), further), *row[at + 1:]] for row in rows)
        write_markdown(columns, marked, out)
    else:
        write_rows(fmt, columns, rows, out)
