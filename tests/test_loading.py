"""Reading event files: text-only cells, BOM, encodings, and one clear line per problem."""

from __future__ import annotations

import json

import pytest
from conftest import make_event

from kaztimeline.schema.model import EVENT_COLUMNS

HEADER = ",".join(EVENT_COLUMNS)


def row(**cells: str) -> str:
    event = make_event(**cells)
    cells = [event.get(c, "") for c in EVENT_COLUMNS]
    return ",".join(f'"{cell}"' if "," in cell else cell for cell in cells)


def test_na_like_values_stay_text(invoke, events_file):
    path = events_file([make_event(id="x", location="NA", title="None", summary="null", end_date="")])
    record = json.loads(invoke("list", "--data", str(path), "-f", "json").stdout)[0]
    assert record["location"] == ["NA"] and record["title"] == "None" and record["summary"] == "null"
    assert record["end_date"] is None


def test_utf8_bom_is_accepted(invoke, tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeff".encode() + f"{HEADER}\n{row()}\n".encode())
    result = invoke("list", "--data", str(path), "-f", "csv")
    assert result.exit_code == 0 and result.stdout.startswith("id,date")


def test_bad_date_names_file_line_and_column(invoke, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(f"{HEADER}\n{row(id='ok')}\n{row(id='bad', date='2025-13-40')}\n", encoding="utf-8")
    result = invoke("list", "--data", str(path))
    assert result.exit_code == 1
    assert result.stderr == f'kaztimeline: {path}:3: date: "2025-13-40" is not YYYY, YYYY-MM or YYYY-MM-DD\n'
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_every_problem_is_reported(invoke, tmp_path):
    path = tmp_path / "events.csv"
    lines = [HEADER, row(id="a", date="2025-99"), row(id="b", claim_type="rumour"), row(id="a"),
             row(id="c", title=""), row(id="d", date="2025-05", end_date="2025-04")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("list", "--data", str(path))
    assert result.exit_code == 1
    err = result.stderr
    assert f"{path}:2: date:" in err
    assert f'{path}:3: claim_type: "rumour" is not one of reported, statement, assessment' in err
    assert f'{path}:4: id: "a" is already used on line 2' in err
    assert f"{path}:5: title: required value is empty" in err
    assert f"{path}:6: end_date:" in err and "before" in err


def test_missing_columns_are_named(invoke, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("id,date,title\nx,2025,T\n", encoding="utf-8")
    result = invoke("list", "--data", str(path))
    assert result.exit_code == 1
    assert f"{path}:1: missing columns: summary, actors, themes, source, quote, claim_type" in result.stderr


def test_extra_columns_are_kept(invoke, events_file):
    columns = (*EVENT_COLUMNS, "my_notes")
    path = events_file([{**make_event(), "my_notes": "checked"}], columns=columns)
    out = invoke("list", "--data", str(path), "-f", "csv").stdout
    assert out.splitlines()[0].endswith(",my_notes") and out.splitlines()[1].endswith(",checked")


@pytest.mark.parametrize(
    ("payload", "fragment"),
    [
        ("café,é".encode("latin-1"), ":1: column 4: byte 0xe9 is not UTF-8"),
        ("id\n".encode("utf-16"), "the file is UTF-16; save it as UTF-8"),
        (b"id,date\nab\x00c\n", ":2: column 3: NUL byte"),
        (b"", "empty file: no header row"),
    ],
)
def test_unreadable_bytes_get_one_clear_line(invoke, tmp_path, payload, fragment):
    path = tmp_path / "events.csv"
    path.write_bytes(payload)
    result = invoke("list", "--data", str(path))
    assert result.exit_code == 1
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_file_and_directory(invoke, tmp_path):
    missing = invoke("list", "--data", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 1 and "cannot read: No such file or directory" in missing.stderr
    folder = invoke("list", "--data", str(tmp_path))
    assert folder.exit_code == 1 and "is a directory" in folder.stderr


def test_ragged_row(invoke, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(f"{HEADER}\n{row()},extra\n", encoding="utf-8")
    result = invoke("list", "--data", str(path))
    assert result.exit_code == 1 and f"{path}:2: expected 13 cells as in the header, found 14" in result.stderr


def test_stdin_and_environment_variable(invoke, events_file):
    path = events_file([make_event(id="from-file")])
    text = path.read_text(encoding="utf-8")
    assert invoke("list", "--data", "-", input=text).stdout.startswith("from-file\t")
    assert invoke("list", env={"KAZTIMELINE_DATA": str(path)}).stdout.startswith("from-file\t")


def test_own_vocabularies_beside_the_file(invoke, events_file, tmp_path):
    path = events_file([make_event(id="x", actors="Local Akimat", themes="water")])
    (tmp_path / "actors.csv").write_text("name,kind,member_of,aliases\nLocal Akimat,institution,,Akimat\n",
                                         encoding="utf-8")
    (tmp_path / "themes.csv").write_text("id,label,description\nwater,Water,Water disputes.\n", encoding="utf-8")
    assert invoke("list", "--data", str(path), "-a", "akimat").stdout.startswith("x\t")
    assert invoke("list", "--data", str(path), "-t", "water").stdout.startswith("x\t")
    themes = invoke("themes", "--data", str(path), "-f", "csv").stdout
    assert themes.splitlines() == ["id,label,description,events", "water,Water,Water disputes.,1"]
