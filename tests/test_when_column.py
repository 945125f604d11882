"""The `when` column: the date as a person reads it ("early Jan 2022", "Jan 2022, inferred"), offered by
`--columns` in every rows format and shown by default in Markdown, so a pasted table keeps the hedging
that the raw `date` loses (`early Jan 2022` and `after Jan 2022` are both `2022-01`)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import ROOT, make_event, read_csv_text, write_events

from kaztimeline.query.derived import reading_columns, when_column
from kaztimeline.schema.model import EVENT_COLUMNS
from kaztimeline.values.dates import record_date

UNREST = "2022-01-kandy-kantar-unrest"  # early Jan 2022, stated
REFORMS = "2022-01-tokayev-launches-reforms"  # after Jan 2022, inferred


def bundled_events() -> list[dict[str, str]]:
    with (ROOT / "data" / "events.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def md_rows(text: str) -> list[list[str]]:
    lines = [line for line in text.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line[2:-2].split(" | ")] for line in lines]


def test_when_is_record_date_for_every_bundled_event(invoke):
    result = invoke("list", "-f", "json", "-c", "id,when")
    assert result.exit_code == 0, result.stderr
    got = {row["id"]: row["when"] for row in json.loads(result.stdout)}
    events = bundled_events()
    assert got == {event["id"]: record_date(event) for event in events}
    assert len(got) == len(events)
    assert got[UNREST] == "early Jan 2022" and got[REFORMS] == "after Jan 2022, inferred"


def test_markdown_default_shows_the_hedged_date(invoke):
    result = invoke("list", "-p", "2022-01", "-f", "md")
    assert result.exit_code == 0, result.stderr
    header, _, *rows = md_rows(result.stdout)
    assert header == reading_columns([c for c in EVENT_COLUMNS])
    assert header[:3] == ["id", "when", "title"]
    assert not {"date", "end_date", "date_qualifier", "date_basis"} & set(header)
    when = {row[0]: row[1] for row in rows}
    assert when[UNREST] == "early Jan 2022"
    assert when[REFORMS] == "after Jan 2022, inferred"


def test_markdown_export_default_matches_list(invoke, tmp_path):
    assert invoke("export", "-p", "2022-01", "-o", str(tmp_path / "t.md")).exit_code == 0
    written = (tmp_path / "t.md").read_text(encoding="utf-8")
    assert written == invoke("list", "-p", "2022-01", "-f", "md").stdout
    assert "| early Jan 2022 |" in written


def test_markdown_with_columns_keeps_what_was_asked(invoke):
    raw = md_rows(invoke("list", "-p", "2022-01", "-f", "md", "-c", "id,date,title").stdout)
    assert raw[0] == ["id", "date", "title"]
    assert {row[0]: row[1] for row in raw[2:]}[REFORMS] == "2022-01"


@pytest.mark.parametrize("command", [("list",), ("export", "-o", "-")])
def test_csv_when_title(invoke, command):
    result = invoke(*command, "-f", "csv", "-c", "when,title", "-p", "2022-01")
    assert result.exit_code == 0, result.stderr
    rows = read_csv_text(result.stdout)
    assert list(rows[0]) == ["when", "title"]
    events = [e for e in bundled_events() if e["id"] in (UNREST, REFORMS)]
    for event in events:
        assert {"when": record_date(event), "title": event["title"]} in rows


def test_tsv_and_jsonl_and_table_offer_when(invoke):
    tsv = invoke("list", "-f", "tsv", "-c", "ID,When", "-p", "2022-01").stdout  # column names in any case
    assert f"{REFORMS}\tafter Jan 2022, inferred" in tsv.splitlines()
    jsonl = [json.loads(line) for line in invoke("list", "-f", "jsonl", "-c", "id,when").stdout.splitlines()]
    assert {"id": UNREST, "when": "early Jan 2022"} in jsonl
    table = invoke("list", "-f", "table", "-c", "id,when", "-p", "2022-01").stdout
    assert "after Jan 2022, inferred" in table and "early Jan 2022" in table


def test_json_keeps_raw_dates_and_adds_when_only_when_asked(invoke):
    default = json.loads(invoke("list", "-f", "json", "-p", "2022-01").stdout)
    assert all("when" not in row for row in default)
    reforms = next(row for row in default if row["id"] == REFORMS)
    assert (reforms["date"], reforms["date_qualifier"], reforms["date_basis"]) == ("2022-01", "after", "inferred")
    asked = json.loads(invoke("export", "-o", "-", "-f", "json", "-c", "id,when", "-p", "2022-01").stdout)
    assert {"id": REFORMS, "when": "after Jan 2022, inferred"} in asked
    assert all(list(row) == ["id", "when"] for row in asked)


def test_xlsx_read_back(invoke, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "t.xlsx"
    result = invoke("export", "-c", "id,when,title", "-p", "2022-01", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    cells = [[c.value for c in row] for row in openpyxl.load_workbook(target).active.iter_rows()]
    assert cells[0] == ["id", "when", "title"]
    assert [UNREST, "early Jan 2022"] in [row[:2] for row in cells]
    assert [REFORMS, "after Jan 2022, inferred"] in [row[:2] for row in cells]


def test_large_csv_gets_when_from_the_arrow_columns(invoke, tmp_path):
    """CSV is written from the Arrow columns, batch by batch, in story order: `when` is one of them, made before
    any writer runs, for thousands of events with every qualifier and basis."""
    qualifiers = ["", "early", "after", "circa"]
    bases = ["", "stated", "inferred", "publication"]
    rows = [make_event(id=f"2025-06-05-e{i:05d}", date=f"2025-{1 + i % 12:02d}",
                       date_qualifier=qualifiers[i % 4], date_basis=bases[i % 3]) for i in range(6000)]
    path = write_events(tmp_path / "events.csv", rows)
    result = invoke("list", "--data", str(path), "-f", "csv", "-c", "id,when")
    assert result.exit_code == 0, result.stderr
    got = {row["id"]: row["when"] for row in read_csv_text(result.stdout)}
    assert got == {row["id"]: record_date(row) for row in rows}
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerows([[r["id"], record_date(r)] for r in rows])
    assert sorted(result.stdout.splitlines()[1:]) == sorted(expected.getvalue().splitlines())


def test_a_file_without_date_basis_reads_as_stated(invoke, tmp_path):
    columns = [c for c in EVENT_COLUMNS if c != "date_basis"]
    path = write_events(tmp_path / "events.csv", [make_event(date="2025-06", date_qualifier="late")], columns)
    result = invoke("list", "--data", str(path), "-f", "csv", "-c", "when")
    assert result.stdout == "when\nlate Jun 2025\n"


def test_a_files_own_when_column_is_kept(invoke, tmp_path):
    columns = [*EVENT_COLUMNS, "when"]
    path = write_events(tmp_path / "events.csv", [make_event(when="the curators' words")], columns)
    result = invoke("list", "--data", str(path), "-f", "csv", "-c", "id,when")
    assert result.stdout.splitlines()[1].endswith(",the curators' words")


def test_when_column_of_no_rows_and_of_several_chunks():
    import pyarrow as pa

    from kaztimeline.values.arrowtext import text_array

    empty = pa.table({c: text_array([]) for c in EVENT_COLUMNS})
    assert when_column(empty).to_pylist() == []
    one = {c: text_array([""]) for c in EVENT_COLUMNS}
    one["date"] = text_array(["2022-01"])
    one["date_qualifier"] = text_array(["early"])
    table = pa.concat_tables([pa.table(one), pa.table(one)])
    assert table["date"].num_chunks == 2
    assert when_column(table).to_pylist() == ["early Jan 2022", "early Jan 2022"]


def test_reading_columns_put_when_where_the_date_was():
    columns = ["id", "date", "end_date", "date_qualifier", "title", "date_basis"]
    assert reading_columns(columns) == ["id", "when", "title"]
    assert reading_columns(["id", "title"]) == ["id", "title"]
    assert reading_columns(["when", "date"]) == ["when", "date"]


def test_sort_when_is_refused_naming_the_choices(invoke):
    result = invoke("list", "--sort", "when")
    assert result.exit_code == 2
    assert "'when' is not one of 'date', '-date'" in result.stderr


def test_help_and_unknown_column_name_when(invoke):
    assert "when" in invoke("list", "--help").stdout
    result = invoke("list", "-c", "id,whenever")
    assert result.exit_code == 2
    assert "date_basis, when" in result.stderr
