"""An Excel workbook (.xlsx) of the events, for spreadsheet users.

A CSV opened in a spreadsheet is re-read by its import dialog: LibreOffice's default turns `été` into
`Ã©tÃ©` even with a BOM, Excel reads `2025-04` as a date and `=...` as a formula. A workbook carries the
cells as they are: every cell is a text cell (so a cell starting with = + - @ is never a formula, and a
date stays at its precision: `2025-04`, not 1 April 2025), list cells are kept as in the CSV
(`Kazakhstan;Russia`), the header row is bold and frozen, and columns are as wide as their content, capped.

openpyxl is imported only when a workbook is written, so `--help` and the other commands never load it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import BinaryIO

from ..errors import OutputError

MAX_COLUMN_WIDTH = 60  # characters; longer text stays in the cell, shown when the cell is selected
MIN_COLUMN_WIDTH = 6
EXCEL_MAX_CELL = 32767  # characters a cell can hold (Excel's limit)
# XML 1.0 cannot hold these control characters; openpyxl refuses them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
SHEET_TITLE = "events"


def column_widths(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """Each column as wide as its longest line (header included), between MIN and MAX_COLUMN_WIDTH."""
    widths = [len(c) for c in columns]
    for row in rows:
        for index, value in enumerate(row):
            longest = max((len(line) for line in value.split("\n")), default=0) if value else 0
            if longest > widths[index]:
                widths[index] = longest
    return [min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, w)) + 2 for w in widths]


def write_xlsx(columns: Sequence[str], rows: Iterable[Sequence[str]], out: BinaryIO) -> None:
    """Write a one-sheet workbook of text cells onto the binary stream `out`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    rows = [list(row) for row in rows]
    _check_lengths(columns, rows)  # before the workbook exists, so a refusal leaves nothing half-built
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(column_widths(columns, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)

    def text_cell(value: str, font: Font | None = None) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=_ILLEGAL.sub("\ufffd", value))
        cell.data_type = "s"  # text, always: openpyxl would make "=..." a formula
        if font is not None:
            cell.font = font
        return cell

    sheet.append([text_cell(c, bold) for c in columns])
    for row in rows:
        sheet.append([text_cell(value or "") for value in row])
    book.save(out)


def _check_lengths(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    for line, row in enumerate(rows, start=2):
        for value, column in zip(row, columns):
            if value and len(value) > EXCEL_MAX_CELL:
                raise OutputError(f"row {line}, column {column}: {len(value):,} characters; a spreadsheet cell "
                                  f"holds at most {EXCEL_MAX_CELL:,}: export csv or json instead")
