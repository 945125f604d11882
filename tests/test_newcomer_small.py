"""Small things a newcomer tripped on (issue 13): help order, `-n N`, the count under `list`, empty values,
`export --columns/--sort`, and formats, columns and `--by` keys in any case."""

from __future__ import annotations

import json

import pytest
from conftest import read_csv_text


def test_help_lists_list_first_and_curation_last(invoke):
    result = invoke("--help")
    commands = [line.split()[0] for line in result.stdout.split("Commands:")[1].splitlines() if line.strip()]
    assert commands[0] == "list"
    assert commands[-2:] == ["validate", "add"]


def test_limit_shows_as_n_and_still_refuses_a_negative(invoke):
    assert "-n, --limit N " in invoke("list", "--help").stdout
    assert "[x>=0]" not in invoke("list", "--help").stdout
    result = invoke("list", "-n", "-1")
    assert result.exit_code == 2 and "Invalid value for '--limit'" in result.stderr


def test_list_table_ends_with_the_count(invoke):
    count = len(invoke("list", "-f", "csv", "-p", "2022-01", "-c", "id").stdout.splitlines()) - 1  # header
    lines = invoke("list", "-f", "table", "-p", "2022-01", "-c", "id").stdout.rstrip().splitlines()
    assert count > 3 and lines[-1].strip() == f"{count} events"
    lines = invoke("list", "-f", "table", "-p", "2022-01", "-c", "id", "-n", "3").stdout.rstrip().splitlines()
    assert lines[-1].strip() == f"3 of {count} events"
    assert "events" not in invoke("list", "-f", "tsv", "-p", "2022-01", "-c", "id").stdout.splitlines()[-1]


@pytest.mark.parametrize("args", [
    ("list", "--since", ""), ("list", "--actor", "Russia", "--actor", ""), ("list", "--search", " "),
    ("list", "--columns", ""), ("stats", "--by", ""), ("export", "-o", "-", "-f", "csv", "--theme", ""),
    ("show", ""), ("list", "--data", ""),
])
def test_an_empty_value_is_a_usage_error(invoke, args):
    result = invoke(*args)
    assert result.exit_code == 2
    assert "empty value" in result.stderr


def test_an_empty_environment_variable_is_no_value(invoke):
    assert invoke("list", "-n", "1", "-f", "csv", env={"KAZTIMELINE_DATA": ""}).exit_code == 0


def test_export_takes_columns_and_sort_like_list(invoke):
    listed = invoke("list", "-p", "2022", "-c", "id,date", "--sort", "-date", "-f", "csv").stdout
    exported = invoke("export", "-o", "-", "-p", "2022", "-c", "id,date", "--sort", "-date", "-f", "csv")
    assert exported.exit_code == 0
    assert exported.stdout == listed
    rows = read_csv_text(exported.stdout)
    assert list(rows[0]) == ["id", "date"] and rows[0]["date"] >= rows[-1]["date"]


def test_export_refuses_columns_for_whole_event_pages(invoke, tmp_path):
    result = invoke("export", "-o", str(tmp_path / "t.html"), "-c", "id")
    assert result.exit_code == 2 and "--columns applies to csv, tsv, md, json, jsonl and xlsx" in result.stderr
    assert not (tmp_path / "t.html").exists()


def test_formats_columns_and_keys_in_any_case(invoke):
    assert json.loads(invoke("list", "-f", "JSON", "-n", "1", "-c", "ID,Date").stdout) == [
        {"id": "1955-baikonur-cosmodrome-inaugurated", "date": "1955"}]
    assert invoke("export", "-o", "-", "-f", "Csv", "-n", "1").exit_code == 2  # export has no --limit
    assert invoke("export", "-o", "-", "-f", "Csv").stdout.startswith("id,date,")
    assert invoke("stats", "--by", "Year,THEME", "-f", "CSV").stdout.startswith("year,theme,events")


def test_an_unknown_format_names_the_formats_in_one_line(invoke):
    result = invoke("export", "-o", "-", "-f", "xml")
    assert result.exit_code == 2
    error = [line for line in result.stderr.splitlines() if "xml" in line]
    assert len(error) == 1 and "'csv'" in error[0] and "'timelinejs'" in error[0]
