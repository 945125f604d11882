"""Properties over generated event tables with awkward text: what goes in comes out, whatever the cells hold.

The tables are written with the csv module, so they are valid CSV with valid dates and enumerations; the
free-text cells mix NFD accents, right-to-left scripts, emoji, typographic apostrophes, no-break spaces,
Rich-markup look-alikes, `|`, `\\`, quotes, commas, `;` and line breaks of every kind.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kaztimeline.errors import UsageError
from kaztimeline.schema.model import CLAIM_TYPES, DATE_QUALIFIERS, EVENT_COLUMNS, LIST_COLUMNS, split_list
from kaztimeline.values.dates import parse_period
from kaztimeline.values.text import fold

PROPERTY = settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])

AWKWARD = ["e\u0301", "É", "ï", "ș", "İ", "ß", "ǆ", "ﬁ", "שלום", "مرحبا", "🇰🇿", "👩‍👩‍👧", "’", "'", "\u00a0", "\u202f",
           "«", "»", "[red]", "[/b]", "[sic]", "|", "\\", "\\|", '"', ",", ";", "\n", "\r\n", "\r", "\t", "<script>",
           "&amp;", "=", "+", "@", "-", " ", "Tokaïev", "Qazaqstan", "\u2028", "\x85", "\x0b"]
# Any character except NUL (a binary file, refused on load) and lone surrogates (not encodable).
ANY_CHAR = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
TEXT = st.lists(st.one_of(st.sampled_from(AWKWARD), ANY_CHAR), max_size=12).map("".join)
# Required cells must hold something besides whitespace.
REQUIRED_TEXT = st.tuples(st.sampled_from(["A", "é", "ש", "7", "[x]", "«"]), TEXT).map("".join)
ACTOR_POOL = ["Russia", "Kassym-Jomart Tokayev", "CSTO", "Tokaïev", "Tokai\u0308ev", "N’Djamena Group",
              "N'Djamena Group", "שלום", "[red]Reds[/red]", "Pipe | Co", "Back\\slash", "Étoile", "E\u0301toile"]


@st.composite
def partial_dates(draw) -> tuple[str, str]:
    """A `date` and an `end_date` (empty, or not before `date`), each at year, month or day precision."""
    first = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 31)))
    precision = draw(st.sampled_from([4, 7, 10]))
    start = first.isoformat()[:precision]
    if draw(st.booleans()):
        return start, ""
    last = draw(st.dates(min_value=first.replace(month=12, day=31), max_value=date(9999, 12, 31)))
    return start, last.isoformat()[: draw(st.sampled_from([4, 7, 10]))]


@st.composite
def events(draw, index: int) -> dict[str, str]:
    start, end = draw(partial_dates())
    actors = draw(st.lists(st.sampled_from(ACTOR_POOL), min_size=1, max_size=3))
    return {
        "id": f"e{index}",
        "date": start,
        "end_date": end,
        "date_qualifier": draw(st.sampled_from(("",) + DATE_QUALIFIERS)),
        "title": draw(REQUIRED_TEXT),
        "summary": draw(REQUIRED_TEXT),
        "actors": draw(st.sampled_from([";", "; ", " ;"])).join(actors),
        "themes": draw(st.sampled_from(["diplomacy", "energy-transit;economy-sanctions", " diplomacy ; ukraine-war"])),
        "location": draw(TEXT),
        "source": draw(REQUIRED_TEXT),
        "quote": draw(REQUIRED_TEXT),
        "claim_type": draw(st.sampled_from(CLAIM_TYPES)),
    }


@st.composite
def tables(draw, max_rows: int = 6) -> list[dict[str, str]]:
    count = draw(st.integers(min_value=0, max_value=max_rows))
    return [draw(events(i)) for i in range(count)]


def write_table(folder: Path, rows: list[dict[str, str]]) -> Path:
    """CSV as a spreadsheet or another tool would write it (CRLF, every bare CR inside a cell quoted)."""
    path = folder / "events.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(EVENT_COLUMNS)
        for row in rows:
            writer.writerow([row.get(c, "") for c in EVENT_COLUMNS])
    return path


def by_id(rows) -> dict[str, list[str]]:
    return {row[0]: list(row) for row in rows}


def cells(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    return by_id([[r.get(c, "") for c in EVENT_COLUMNS] for r in rows])


def raw(result) -> str:
    return result.stdout_bytes.decode("utf-8")


def listed(invoke, path: Path, fmt: str, *args: str) -> str:
    result = invoke("list", "--data", str(path), "--format", fmt, *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return raw(result)


@pytest.fixture
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("prop")


# --- lossless formats ----------------------------------------------------------------------------------------

@PROPERTY
@given(rows=tables())
def test_csv_export_then_reload_gives_identical_rows(invoke, folder, rows):
    path = write_table(folder, rows)
    out = listed(invoke, path, "csv")
    parsed = list(csv.reader(io.StringIO(out, newline="")))
    assert parsed[0] == list(EVENT_COLUMNS)
    assert by_id(parsed[1:]) == cells(rows) and len(parsed) == len(rows) + 1
    # Our own CSV read back by kaztimeline gives the same bytes again: a fixed point.
    again = folder / "again.csv"
    again.write_text(out, encoding="utf-8", newline="")
    assert listed(invoke, again, "csv") == out


def as_json(row: dict[str, str]) -> dict[str, object]:
    """Every cell (lists as arrays, empty as null), then the event's own citation: no citations.csv here."""
    row = {c: row.get(c, "") for c in EVENT_COLUMNS}
    record: dict[str, object] = {c: None if row[c] == "" else split_list(row[c]) if c in LIST_COLUMNS else row[c]
                                 for c in EVENT_COLUMNS}
    record.update(citations=[{"source": row["source"], "quote": row["quote"], "relation": "primary", "note": ""}],
                  sources=[row["source"]] if row["source"] else [], disputed=False)
    return record


@PROPERTY
@given(rows=tables())
def test_json_and_json_lines_give_back_every_cell(invoke, folder, rows):
    path = write_table(folder, rows)
    expected = {r["id"]: as_json(r) for r in rows}
    records = json.loads(listed(invoke, path, "json"))
    assert {r["id"]: r for r in records} == expected and len(records) == len(rows)
    lines = listed(invoke, path, "jsonl").split("\n")
    assert lines[-1] == ""
    assert [json.loads(line) for line in lines[:-1]] == records


# --- Markdown ------------------------------------------------------------------------------------------------

UNESCAPED_PIPE = re.compile(r"(?<!\\)(?:\\\\)*\|")


def count_cells(line: str) -> int:
    """Table cells on a Markdown line: unescaped pipes minus one (a pipe after an even run of backslashes)."""
    return len(UNESCAPED_PIPE.findall(line)) - 1


@PROPERTY
@given(rows=tables())
def test_markdown_has_a_header_a_separator_and_one_line_per_event(invoke, folder, rows):
    out = listed(invoke, write_table(folder, rows), "md")
    lines = out.split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert len(lines) == len(rows) + 2
    shown = len(EVENT_COLUMNS) - 3  # a table people read: `when` in place of the four raw date columns
    assert set(lines[1]) <= set("|-: ") and lines[1].count("-") >= shown
    assert {count_cells(line) for line in lines} == {shown}
    assert all("\r" not in line for line in lines)


# --- filters -------------------------------------------------------------------------------------------------

def ids(out: str) -> set[str]:
    return {json.loads(line)["id"] for line in out.split("\n") if line}


@PROPERTY
@given(rows=tables(max_rows=8), data=st.data())
def test_two_actor_options_select_the_union(invoke, folder, rows, data):
    present = sorted({name for r in rows for name in split_list(r["actors"])})
    assume(present)
    first = data.draw(st.sampled_from(present))
    second = data.draw(st.sampled_from(present))
    path = write_table(folder, rows)
    one = ids(listed(invoke, path, "jsonl", "--actor", first))
    two = ids(listed(invoke, path, "jsonl", "--actor", second))
    both = ids(listed(invoke, path, "jsonl", "--actor", first, "--actor", second))
    assert both == one | two
    assert one  # a name taken from the data finds at least the rows that name it


# --- periods -------------------------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@st.composite
def period_texts(draw) -> str:
    day = draw(DAYS)
    return draw(st.sampled_from([
        f"{day.year:04d}", f"{day.year:04d}-{day.month:02d}", day.isoformat(),
        f"{day.year:04d}Q{(day.month - 1) // 3 + 1}", f"{day.year:04d}H{(day.month - 1) // 6 + 1}",
    ]))


@settings(deadline=None, max_examples=300)
@given(left=period_texts(), right=period_texts(), shape=st.sampled_from(["A", "A..", "..B", "A..B"]))
def test_period_parse_refuses_only_a_reversed_range(left, right, shape):
    text = shape.replace("A", left).replace("B", right)
    try:
        window = parse_period(text)
    except UsageError as exc:  # only a reversed A..B may be refused
        assert shape == "A..B" and "ends before it starts" in str(exc)
        return
    assert window.start is not None or window.end is not None
    if shape == "A..B":
        assert (window.start, window.end) == (parse_period(left).start, parse_period(right).end)


# --- folding -------------------------------------------------------------------------------------------------

def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def strip_accents(text: str) -> str:
    return "".join(ch for ch in nfd(text) if not unicodedata.combining(ch))


@settings(deadline=None, max_examples=1000)
@given(text=TEXT)
def test_fold_is_idempotent_and_accent_blind(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert fold(nfd(text)) == fold(nfc(text)) == folded
    assert fold(strip_accents(text)) == folded
    assert fold(text.replace("’", "'")) == folded
    assert fold(text.upper()) == fold(text.lower()) or not text.isascii()


@pytest.mark.parametrize(("typed", "stored"), [
    ("Tokaiev", "Tokaïev"), ("TOKAÏEV", "Tokai\u0308ev"), ("d'Asie", "d’Asie"),
    ("« défense »", "«\u00a0défense\u00a0»"),
    ("Etoile", "E\u0301toile"), ("oeuvre", "Œuvre"),
])
def test_fold_matches_what_users_type(typed, stored):
    assert fold(typed) == fold(stored)


def test_an_actor_spelled_by_an_alias_in_the_data_is_found(invoke, events_file):
    """Found by the union property: `--actor Tokaïev` missed a row whose cell says `Tokaïev`."""
    from conftest import make_event

    path = events_file([make_event(id="e1", actors="Tokaïev"), make_event(id="e2", actors="Russie;CSTO"),
                        make_event(id="e3", actors="Kazakhstan")])
    for typed, expected in (("Tokaïev", {"e1"}), ("Kassym-Jomart Tokayev", {"e1"}), ("Russia", {"e2"}),
                            ("Kazakhstan", {"e1", "e3"})):
        assert ids(listed(invoke, path, "jsonl", "--actor", typed)) == expected, typed
