"""`export -o t.xlsx`: a workbook read back with openpyxl holds exactly the CSV export's cells, all text
(never a formula, dates at their precision), with a bold frozen header and capped column widths."""

from __future__ import annotations

import errno
import io

import pytest
from conftest import make_event, read_csv_text, write_events

openpyxl = pytest.importorskip("openpyxl")

from kaztimeline.render.xlsx import MAX_COLUMN_WIDTH  # noqa: E402


def _cells(path) -> list[list[str]]:
    sheet = openpyxl.load_workbook(path).active
    return [[cell.value if cell.value is not None else "" for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("filters", [(), ("--since", "2025"), ("--actor", "Russia", "--theme", "diplomacy")])
def test_workbook_holds_the_csv_export_cell_for_cell(invoke, tmp_path, filters):
    result = invoke("export", "-o", str(tmp_path / "t.xlsx"), *filters)
    assert result.exit_code == 0, result.stderr
    csv_text = invoke("export", "-o", "-", "-f", "csv", *filters).stdout
    expected = read_csv_text(csv_text)
    cells = _cells(tmp_path / "t.xlsx")
    assert cells[0] == list(expected[0])
    assert cells[1:] == [list(row.values()) for row in expected]
    assert f"wrote {len(expected)} events to" in result.stderr


def test_every_cell_is_text_and_nothing_is_a_formula(invoke, tmp_path):
    rows = [make_event(id="2025-06-05-a", title="=HYPERLINK(\"http://x\")", summary="+1 -1 @SUM(A1)"),
            make_event(id="2025-06-05-b", title="-2", date="2025-06", summary="@x")]
    events = write_events(tmp_path / "events.csv", rows)
    assert invoke("export", "--data", str(events), "-o", str(tmp_path / "t.xlsx")).exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    types = {cell.data_type for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert types == {"s"}
    values = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row]
    assert "=HYPERLINK(\"http://x\")" in values and "-2" in values and "2025-06" in values
    assert "+1 -1 @SUM(A1)" in values


def test_header_is_bold_and_frozen_and_widths_are_capped(invoke, tmp_path):
    assert invoke("export", "-o", str(tmp_path / "t.xlsx")).exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1]) and not any(cell.font.b for cell in sheet[2])
    widths = {letter: dim.width for letter, dim in sheet.column_dimensions.items()}
    header = {cell.column_letter: cell.value for cell in sheet[1]}
    assert widths[next(k for k, v in header.items() if v == "summary")] == MAX_COLUMN_WIDTH + 2
    assert widths[next(k for k, v in header.items() if v == "date")] < 15


def test_format_option_and_standard_output(invoke, tmp_path):
    result = invoke("export", "-o", "-", "--format", "xlsx", "--since", "2025")
    assert result.exit_code == 0
    data = result.stdout_bytes
    assert data.startswith(b"PK")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.max_row == 1 + len(read_csv_text(invoke("export", "-o", "-", "-f", "csv", "--since", "2025").stdout))


def test_a_failed_workbook_leaves_the_previous_file(invoke, tmp_path, monkeypatch):
    from kaztimeline.render import xlsx

    target = tmp_path / "t.xlsx"
    target.write_bytes(b"previous")

    def disk_full(columns, rows, out):
        out.write(b"PK partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(xlsx, "write_xlsx", disk_full)
    result = invoke("export", "-o", str(target))
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


def test_a_cell_too_long_for_a_spreadsheet_is_refused(invoke, tmp_path):
    events = write_events(tmp_path / "events.csv", [make_event(summary="word " * 7000)])
    result = invoke("export", "--data", str(events), "-o", str(tmp_path / "t.xlsx"))
    assert result.exit_code == 1
    assert "row 2, column summary: 35,000 characters" in result.stderr
    assert not (tmp_path / "t.xlsx").exists()


def test_help_and_other_exports_do_not_import_openpyxl(tmp_path):
    from test_startup import SCRIPT, imported_modules

    if not SCRIPT.is_file():
        pytest.skip("the kaztimeline console script is not installed next to this Python")
    for args in (["--help"], ["export", "--help"], ["export", "-o", str(tmp_path / "t.csv")]):
        modules, done = imported_modules(args)
        assert done.returncode == 0 and "kaztimeline.cli" in modules
        assert not [m for m in modules if m.startswith("openpyxl")], args
    modules, done = imported_modules(["export", "-o", str(tmp_path / "t.xlsx")])
    assert "openpyxl" in modules  # the probe does see it when a workbook is written


def test_help_names_the_format_and_its_extension(invoke):
    text = " ".join(invoke("export", "--help").stdout.split())
    assert "xlsx" in text and ".xlsx" in text
