"""Events files saved by a spreadsheet: a French Excel "CSV" separated by `;` (often with a BOM and CRLF), a
tab-separated file, and a header that mixes separators, which is refused in one line naming file and line."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from kaztimeline.files.dialect import sniff_separator

EVENTS = ROOT / "data" / "events.csv"


def _resave(tmp_path: Path, name: str, separator: str, encoding: str = "utf-8", terminator: str = "\n",
            rows: int | None = None) -> Path:
    """The bundled events as a spreadsheet would save them, beside copies of the vocabularies."""
    for vocabulary in ("actors.csv", "themes.csv", "sources.csv"):
        shutil.copy(ROOT / "data" / vocabulary, tmp_path / vocabulary)
    with EVENTS.open(encoding="utf-8", newline="") as fh:
        records = list(csv.reader(fh))
    target = tmp_path / name
    with target.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=separator, lineterminator=terminator).writerows(records[: rows and rows + 1])
    return target


@pytest.mark.parametrize(
    ("separator", "encoding", "terminator"),
    [(";", "utf-8", "\n"), (";", "utf-8-sig", "\r\n"), ("\t", "utf-8", "\n")],
    ids=["semicolon", "semicolon-bom-crlf", "tab"],
)
def test_spreadsheet_csv_reads_like_the_original(invoke, tmp_path, separator, encoding, terminator):
    saved = _resave(tmp_path, "saved.csv", separator, encoding, terminator)
    expected = invoke("list", "--format", "csv")
    result = invoke("list", "--data", str(saved), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected.stdout
    assert "été" in result.stdout or "é" in result.stdout  # accents survive the BOM


def test_semicolon_file_validates_cleanly(invoke, tmp_path):
    saved = _resave(tmp_path, "fr.csv", ";", "utf-8-sig", "\r\n")
    result = invoke("validate", str(saved))
    assert " 0 errors" in " " + result.stderr or result.stderr.startswith("no problems"), result.stdout


def test_add_to_a_semicolon_file_keeps_its_separator(invoke, tmp_path):
    saved = _resave(tmp_path, "fr.csv", ";", "utf-8-sig", "\r\n", rows=5)
    before = saved.read_bytes()
    result = invoke(
        "add", "--data", str(saved), "--date", "1991-12-16", "--title", "A test row in a semicolon file",
        "--summary", "Test.", "--actors", "Kazakhstan;Russia", "--themes", "diplomacy",
        "--source", "000_d970a0a86d3a984d.txt",
        "--quote", "Le 5 juin 2025, le Sénat du Kazakhstan a validé une loi majeure", "--claim-type", "reported")
    assert result.exit_code == 0, result.stderr
    after = saved.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and len(after) > len(before)
    new = [line for line in after.decode("utf-8-sig").split("\r\n") if "semicolon file" in line]
    assert new and new[0].startswith("1991-12-16-a-test-row-in-a-semicolon-file;1991-12-16;")
    assert '"Kazakhstan;Russia"' in new[0]  # a list cell is quoted, as Excel quotes it
    listed = invoke("list", "--data", str(saved), "--format", "csv", "--columns", "id,actors")
    assert "1991-12-16-a-test-row-in-a-semicolon-file,Kazakhstan;Russia" in listed.stdout


def test_mixed_separators_in_the_header_are_one_clear_line(invoke, tmp_path):
    saved = _resave(tmp_path, "mixed.csv", ",", rows=2)
    text = saved.read_text(encoding="utf-8")
    saved.write_text(text.replace("id,date,end_date", "id;date;end_date", 1), encoding="utf-8")
    result = invoke("list", "--data", str(saved))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"kaztimeline: {saved}:1: the header mixes separators (10 commas, 2 semicolons); save the file as CSV "
        "with one separator (comma, semicolon or tab)"]


def test_semicolon_file_missing_a_column_names_it(invoke, tmp_path):
    saved = _resave(tmp_path, "fr.csv", ";", rows=2)
    text = saved.read_text(encoding="utf-8")
    saved.write_text(text.replace("id;date;", "ident;date;", 1), encoding="utf-8")
    result = invoke("list", "--data", str(saved))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"kaztimeline: {saved}:1: missing column: id"


@pytest.mark.parametrize(
    ("header", "expected"),
    [("id,date,title", ","), ("id;date;title", ";"), ("id\tdate\ttitle", "\t"), ("id", ","),
     ("\n\nid;date", ";"), ("id;date;x,y", ";")],
)
def test_sniffing_reads_the_header_line_only(header, expected):
    separator, problem = sniff_separator("f.csv", header + "\nA,B;C\tD\n", ("id", "date") if ";" in header else ())
    assert (separator, problem) == (expected, None)


def test_an_empty_file_is_left_to_the_reader():
    assert sniff_separator("f.csv", "", ("id",)) == (",", None)
