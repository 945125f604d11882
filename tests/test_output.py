"""Output formats of `list`: terminal table, pipeline TSV, lossless CSV/JSON/JSONL, Markdown; order and limits."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import make_event, read_csv_text

from kaztimeline.schema.model import EVENT_COLUMNS


@pytest.fixture
def awkward(events_file):
    """Cells with markup-like text, tabs, newlines, pipes, backslashes, quotes and a missing location."""
    return str(events_file([
        make_event(id="b-event", date="2025-06-05", title="Title with [sic] and [/b] and [red]x[/red]",
                   summary="Line one\nline two\twith tab | pipe \\ backslash \"quoted\", comma", location=""),
        make_event(id="a-event", date="2025-06-05", title="Same day, earlier id", actors="Russia;CSTO",
                   location="Almaty;Astana"),
        make_event(id="old", date="1991", title="Old event"),
    ]))


def test_default_in_a_pipe_is_headerless_tsv_one_line_per_event(invoke, awkward):
    result = invoke("list", "--data", awkward)
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert all(line.count("\t") == len(EVENT_COLUMNS) - 1 for line in lines)
    assert not lines[0].startswith("id\t")
    assert "Line one line two with tab" in result.stdout
    assert "\x1b[" not in result.stdout


def test_explicit_tsv_has_a_header(invoke, awkward):
    lines = invoke("list", "--data", awkward, "-f", "tsv").stdout.splitlines()
    assert lines[0].split("\t") == list(EVENT_COLUMNS)
    assert len(lines) == 4


def test_order_is_chronological_then_row_order_and_reversible(invoke, awkward):
    forward = [r["id"] for r in read_csv_text(invoke("list", "--data", awkward, "-f", "csv").stdout)]
    assert forward == ["old", "b-event", "a-event"]
    reverse = invoke("list", "--data", awkward, "-f", "csv", "--sort", "-date")
    backward = [r["id"] for r in read_csv_text(reverse.stdout)]
    assert backward == forward[::-1]


def test_limit_and_columns(invoke, awkward):
    result = invoke("list", "--data", awkward, "-f", "csv", "--limit", "2", "--columns", "title,id")
    parsed = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert parsed[0] == ["title", "id"] and len(parsed) == 3 and parsed[1][1] == "old"
    bad = invoke("list", "--data", awkward, "--columns", "id,nope")
    assert bad.exit_code == 2 and 'unknown column "nope"' in bad.stderr


def test_csv_round_trips_byte_for_byte(invoke, awkward, tmp_path):
    first = invoke("list", "--data", awkward, "-f", "csv").stdout
    again = tmp_path / "again.csv"
    again.write_text(first, encoding="utf-8", newline="")
    assert invoke("list", "--data", str(again), "-f", "csv").stdout == first


def test_bundled_csv_round_trips(invoke, tmp_path):
    first = invoke("list", "-f", "csv").stdout
    again = tmp_path / "events.csv"
    again.write_text(first, encoding="utf-8", newline="")
    assert invoke("list", "--data", str(again), "-f", "csv").stdout == first
    assert len(read_csv_text(first)) > 60


def test_json_has_arrays_and_nulls(invoke, awkward):
    records = json.loads(invoke("list", "--data", awkward, "-f", "json").stdout)
    by_id = {r["id"]: r for r in records}
    assert by_id["a-event"]["actors"] == ["Russia", "CSTO"]
    assert by_id["a-event"]["location"] == ["Almaty", "Astana"]
    assert by_id["b-event"]["location"] is None and by_id["b-event"]["end_date"] is None
    assert by_id["b-event"]["summary"].startswith("Line one\nline two\t")
    assert list(records[0]) == [*EVENT_COLUMNS, "citations", "sources", "disputed"]


def test_jsonl_is_one_object_per_line(invoke, awkward):
    lines = invoke("list", "--data", awkward, "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["old", "b-event", "a-event"]


def test_empty_results_keep_their_shape(invoke, awkward):
    assert invoke("list", "--data", awkward, "-f", "csv", "-q", "zzz").stdout == ",".join(EVENT_COLUMNS) + "\n"
    assert json.loads(invoke("list", "--data", awkward, "-f", "json", "-q", "zzz").stdout) == []
    empty = invoke("list", "--data", awkward, "-q", "zzz")
    assert empty.exit_code == 0 and empty.stdout == ""


def test_markdown_escapes_and_keeps_one_row_per_event(invoke, awkward):
    lines = invoke("list", "--data", awkward, "-f", "md").stdout.splitlines()
    assert len(lines) == 2 + 3
    assert lines[1].startswith("|---")
    cells = [line.replace("\\\\", "").replace("\\|", "").count("|") for line in lines]
    assert len(set(cells)) == 1
    assert "tab \\| pipe \\\\ backslash" in "\n".join(lines)


def test_table_prints_markup_literally_and_dates_at_precision(invoke, awkward):
    result = invoke("list", "--data", awkward, "-f", "table")
    assert result.exit_code == 0
    assert "[sic]" in result.stdout and "[/b]" in result.stdout and "[red]x[/red]" in result.stdout
    assert "5 Jun 2025" in result.stdout and "1991" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes


def test_wide_table_shows_every_event(invoke):
    every = read_csv_text(invoke("list", "-f", "csv").stdout)
    table = invoke("list", "-f", "table", env={"COLUMNS": "220"}).stdout
    assert all(record["id"] in table for record in every)


@pytest.mark.parametrize("width", ["40", "60", "90", "140"])
def test_table_never_drops_rows_at_any_width(invoke, width):
    every = read_csv_text(invoke("list", "-f", "csv").stdout)
    table = invoke("list", "-f", "table", env={"COLUMNS": width}).stdout
    squeezed = "".join(table.split())
    # Titles may wrap anywhere, but every title's characters appear in order, row after row.
    position = 0
    for record in every:
        title = "".join(record["title"].split())
        found = squeezed.find(title[:10], position)
        assert found >= 0, (width, record["id"])
        position = found


def test_table_honours_no_color(invoke):
    result = invoke("list", "-f", "table", "-a", "Russia", env={"NO_COLOR": "1", "FORCE_COLOR": ""})
    assert "\x1b[" not in result.stdout


def test_excel_safe_is_for_csv_and_tsv_only(invoke, events_file):
    path = str(events_file([make_event(title="=HYPERLINK(\"x\")")]))
    safe = read_csv_text(invoke("list", "--data", path, "-f", "csv", "--excel-safe").stdout)
    assert safe[0]["title"] == "'=HYPERLINK(\"x\")"
    assert read_csv_text(invoke("list", "--data", path, "-f", "csv").stdout)[0]["title"] == "=HYPERLINK(\"x\")"
    refused = invoke("list", "--data", path, "-f", "json", "--excel-safe")
    assert refused.exit_code == 2 and "csv and tsv only" in refused.stderr
