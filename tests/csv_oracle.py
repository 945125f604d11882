"""The csv module's writers, as the oracle the production CSV and TSV writer (`render/delimited`) must equal
byte for byte. They were the production writers for small outputs until one writer took every size."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import TextIO

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[str]], out: TextIO, excel: bool = False) -> None:
    """RFC 4180 with LF line ends; a cell holding a line break of any kind (LF, CR) is quoted.

    The csv module quotes a field only for the characters of its own line terminator, so records are
    written with CRLF (which quotes a bare CR as well as LF) and each record's CRLF then becomes LF.
    """
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\r\n")
    for row in chain([columns], rows):
        writer.writerow([excel_safe(v) for v in row] if excel and row is not columns else row)
        out.write(record.getvalue()[:-2] + "\n")
        record.seek(0)
        record.truncate()


def _flatten(value: str) -> str:
    return value.replace("\r\n", " ").replace("\t", " ").replace("\n", " ").replace("\r", " ")


def write_tsv(columns: Sequence[str], rows: Iterable[Sequence[str]], out: TextIO, header: bool = True,
              excel: bool = False) -> None:
    """One line per event; tabs and line breaks inside values become spaces."""
    if header:
        out.write("\t".join(columns) + "\n")
    for row in rows:
        cells = (_flatten(v) for v in row)
        out.write("\t".join(excel_safe(c) for c in cells) if excel else "\t".join(cells))
        out.write("\n")
