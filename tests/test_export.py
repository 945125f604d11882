"""`kaztimeline export`: format from extension or --format, every filter, --excel-safe, stdout, and
atomic writing that leaves the previous file untouched whatever fails."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_event, read_csv_text

from kaztimeline.cli.export import ExportFormat, export_format
from kaztimeline.errors import UsageError
from kaztimeline.schema.model import EVENT_COLUMNS

FILTERS = [
    (),
    ("--actor", "Russia"),
    ("--theme", "domestic-unrest"),
    ("--since", "2025-04"),
    ("--until", "2000"),
    ("--period", "2022Q1"),
    ("--search", "Baïkonour"),
    ("--source", "000_d970a0a86d3a984d.txt"),
    ("--claim-type", "assessment"),
    ("--actor", "CSTO", "--theme", "military-cooperation", "--since", "2020"),
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("out.csv", "csv"), ("OUT.CSV", "csv"), ("a.tsv", "tsv"), ("notes.md", "md"), ("events.json", "json"),
        ("events.jsonl", "jsonl"), ("page.html", "html"), ("page.htm", "html"), ("t.xlsx", "xlsx"), ("T.XLSX", "xlsx"),
        ("kz.timeline.json", "timelinejs"), ("dir.v2/kz.TIMELINE.JSON", "timelinejs"),
    ],
)
def test_format_comes_from_the_extension(name, expected):
    assert export_format(name, None) is ExportFormat(expected)


def test_format_option_wins_over_the_extension():
    assert export_format("out.csv", ExportFormat.json) is ExportFormat.json
    assert export_format("-", ExportFormat.md) is ExportFormat.md


@pytest.mark.parametrize("name", ["out.xls", "out", "out.csv.bak", "-"])
def test_unknown_extension_is_a_usage_error(name):
    with pytest.raises(UsageError):
        export_format(name, None)


def test_unknown_extension_exits_2_and_writes_nothing(invoke, tmp_path):
    result = invoke("export", "-o", str(tmp_path / "out.ods"))
    assert result.exit_code == 2
    assert "--format" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_format_option_writes_any_file_name(invoke, tmp_path):
    target = tmp_path / "events.txt"
    result = invoke("export", "--period", "2025Q2", "--format", "jsonl", "-o", str(target))
    assert result.exit_code == 0
    assert all(json.loads(line)["id"] for line in target.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: " ".join(f) or "no-filter")
def test_export_selects_what_list_selects(invoke, tmp_path, filters):
    """Same filters, same events, same order, same bytes as `list --format csv`."""
    target = tmp_path / "out.csv"
    result = invoke("export", *filters, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    listed = invoke("list", *filters, "--format", "csv")
    assert target.read_text(encoding="utf-8") == listed.stdout
    count = len(read_csv_text(listed.stdout))
    assert result.stderr == f"wrote {count} {'event' if count == 1 else 'events'} to {target} (csv)\n"


@pytest.mark.parametrize("fmt", [f.value for f in ExportFormat])
def test_every_format_honours_the_filters(invoke, tmp_path, fmt):
    """A filtered export holds exactly the filtered events' ids, whatever the format."""
    expected = read_csv_text(invoke("list", "--actor", "Russia", "--period", "2022", "--format", "csv").stdout)
    ids = [row["id"] for row in expected]
    assert 0 < len(ids) < 91
    target = tmp_path / "out.data"
    result = invoke("export", "--actor", "Russia", "--period", "2022", "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    if fmt == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
        text = "\n".join(str(c.value) for row in book.active.iter_rows() for c in row)
    else:
        written = target / "events.csv" if fmt == "datapackage" else target  # a data package is a folder
        text = written.read_text(encoding="utf-8")
    # GeoJSON holds only the events with a place (tests/test_geojson.py checks what it leaves out).
    mapped = [row["id"] for row in expected if row["location"]] if fmt == "geojson" else ids
    assert mapped and [i for i in ids if i in text] == mapped
    assert f"wrote {len(ids)} events" in result.stderr


def test_data_option_is_honoured(invoke, events_file, tmp_path):
    path = events_file([make_event(id="2025-01-01-only-one", date="2025-01-01")])
    result = invoke("export", "--data", str(path), "-o", "-", "--format", "json")
    assert [e["id"] for e in json.loads(result.stdout)] == ["2025-01-01-only-one"]
    assert result.stderr == "wrote 1 event to standard output (json)\n"


def test_dash_writes_standard_output(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("export", "--theme", "nuclear-space", "-o", "-", "--format", "md")
    assert result.exit_code == 0
    assert result.stdout.startswith("| id | when |")
    assert list(tmp_path.iterdir()) == []  # no file called "-"


def test_tsv_and_jsonl_and_markdown_shapes(invoke, tmp_path):
    for fmt, check in (
        ("tsv", lambda t: t.splitlines()[0].startswith("id\tdate\tend_date")),
        ("jsonl", lambda t: all(isinstance(json.loads(line), dict) for line in t.splitlines())),
        ("md", lambda t: t.splitlines()[1].startswith("|---|")),
    ):
        target = tmp_path / f"out.{fmt}"
        assert invoke("export", "--period", "2022", "-o", str(target)).exit_code == 0
        assert check(target.read_text(encoding="utf-8")), fmt


# --- --excel-safe ----------------------------------------------------------------------------------------

FORMULAS = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "\tTAB", "\rCR"]


def _formula_events(tmp_path: Path) -> Path:
    """Events whose titles look like formulas; fully quoted, since one holds a bare carriage return."""
    path = tmp_path / "events.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(EVENT_COLUMNS), quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writeheader()
        writer.writerows(make_event(id=f"2025-01-0{i + 1}-e", title=f) for i, f in enumerate(FORMULAS))
    return path


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_excel_safe_defuses_formulas_only_when_asked(invoke, tmp_path, fmt):
    path = _formula_events(tmp_path)
    plain, safe = tmp_path / f"plain.{fmt}", tmp_path / f"safe.{fmt}"
    assert invoke("export", "--data", str(path), "-o", str(plain)).exit_code == 0
    assert invoke("export", "--data", str(path), "-o", str(safe), "--excel-safe").exit_code == 0
    plain_text, safe_text = (p.read_bytes().decode("utf-8") for p in (plain, safe))  # keep bare CRs
    if fmt == "csv":
        plain_titles = [r["title"] for r in read_csv_text(plain_text)]
        safe_titles = [r["title"] for r in read_csv_text(safe_text)]
        assert plain_titles == FORMULAS  # lossless by default, the bare carriage return included
        assert safe_titles == ["'" + f for f in FORMULAS]
    else:
        # TSV turns tabs and line breaks inside values into spaces first, so only =, +, - and @ remain.
        safe_titles = [line.split("\t")[4] for line in safe_text.split("\n")[1:-1]]
        plain_titles = [line.split("\t")[4] for line in plain_text.split("\n")[1:-1]]
        assert safe_titles == ["'" + f for f in FORMULAS[:4]] + [" TAB", " CR"]
        assert plain_titles == FORMULAS[:4] + [" TAB", " CR"]


def test_excel_safe_leaves_ordinary_cells_alone(invoke, tmp_path):
    target = tmp_path / "out.csv"
    invoke("export", "--period", "2025Q2", "--excel-safe", "-o", str(target))
    rows = read_csv_text(target.read_text(encoding="utf-8"))
    assert rows and not any(v.startswith("'") for row in rows for v in row.values())


def test_excel_safe_with_another_format_is_a_usage_error(invoke, tmp_path):
    result = invoke("export", "--excel-safe", "-o", str(tmp_path / "out.html"))
    assert result.exit_code == 2 and "csv and tsv" in result.stderr
    assert not (tmp_path / "out.html").exists()


# --- atomic writing --------------------------------------------------------------------------------------

PREVIOUS = b"previous,content\n\xc3\xa9\n"


@pytest.fixture
def previous(tmp_path) -> Path:
    target = tmp_path / "out.csv"
    target.write_bytes(PREVIOUS)
    return target


def _assert_untouched(target: Path, result) -> None:
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kaztimeline: ") and "Traceback" not in result.stderr
    assert target.read_bytes() == PREVIOUS
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temporary file left


@pytest.mark.parametrize("bug", [RuntimeError, ValueError])
def test_renderer_bug_leaves_previous_file_and_is_not_called_a_write_failure(invoke, previous, monkeypatch, bug):
    from kaztimeline.render import delimited

    def half_then_fail(columns, rows, out, excel=False):
        out.write(",".join(columns) + "\npartial")
        raise bug("renderer crashed")

    monkeypatch.setattr(delimited, "write_csv", half_then_fail)
    with pytest.raises(bug, match="renderer crashed"):  # a bug keeps its traceback
        invoke("export", "-o", str(previous))
    assert previous.read_bytes() == PREVIOUS
    assert sorted(p.name for p in previous.parent.iterdir()) == [previous.name]  # no temporary file left


def test_full_disk_leaves_previous_file(invoke, previous, monkeypatch):
    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", no_space)
    result = invoke("export", "-o", str(previous))
    _assert_untouched(previous, result)
    assert "No space left on device" in result.stderr


def test_failing_rename_leaves_previous_file(invoke, previous, monkeypatch):
    def refuse(src, dst):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "replace", refuse)
    _assert_untouched(previous, invoke("export", "-o", str(previous)))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod 0o500; the /proc test covers root")
def test_unwritable_directory(invoke, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "out.csv").write_bytes(PREVIOUS)
    locked.chmod(0o500)
    try:
        result = invoke("export", "-o", str(locked / "out.csv"))
        assert result.exit_code == 1 and "cannot write" in result.stderr
        assert (locked / "out.csv").read_bytes() == PREVIOUS
    finally:
        locked.chmod(0o700)


def test_directory_nobody_can_write_in(invoke):
    """/proc refuses new files even to root: the real mkstemp error, reported on one line."""
    result = invoke("export", "-o", "/proc/kaztimeline-test.csv")
    assert result.exit_code == 1
    assert result.stderr.startswith("kaztimeline: /proc/kaztimeline-test.csv: cannot write in /proc")
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_directory(invoke, tmp_path):
    result = invoke("export", "-o", str(tmp_path / "nowhere" / "out.csv"))
    assert result.exit_code == 1 and "No such file or directory" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_target_is_a_directory(invoke, tmp_path):
    (tmp_path / "out.csv").mkdir()
    result = invoke("export", "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 1 and "cannot write" in result.stderr
    assert (tmp_path / "out.csv").is_dir() and list((tmp_path / "out.csv").iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_bad_data_writes_nothing(invoke, tmp_path, previous):
    broken = tmp_path / "broken.csv"
    broken.write_text("id,date\n1,2025\n", encoding="utf-8")
    result = invoke("export", "--data", str(broken), "-o", str(previous))
    assert result.exit_code == 1 and previous.read_bytes() == PREVIOUS


def test_replacing_keeps_the_file_mode(invoke, previous):
    previous.chmod(0o640)
    assert invoke("export", "--period", "2025", "-o", str(previous)).exit_code == 0
    assert previous.stat().st_mode & 0o777 == 0o640
    assert previous.read_bytes() != PREVIOUS


def test_export_in_a_real_process(tmp_path):
    """The console entry point end to end: file written, message on stderr, nothing on stdout."""
    target = tmp_path / "kz.timeline.json"
    done = subprocess.run([sys.executable, "-m", "kaztimeline", "export", "--theme", "ukraine-war", "-o", str(target)],
                          capture_output=True, text=True, env={**os.environ, "KAZTIMELINE_DATA": ""}, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    document = json.loads(target.read_text(encoding="utf-8"))
    assert done.stderr == f"wrote {len(document['events'])} events to {target} (timelinejs)\n"
