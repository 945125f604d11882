"""The validation core: problem format, every problem reported, structure as problems, quotes, vocabularies."""

from __future__ import annotations

import shutil

import pytest
from conftest import make_event

from kaztimeline.curation.validate import quote_problem, validate_events
from kaztimeline.resources import bundled_root
from kaztimeline.schema.problems import Problem


def errors(report: list[Problem]) -> list[str]:
    return [str(p) for p in report if p.is_error]


def test_problem_renders_file_line_column_message():
    assert str(Problem("e.csv", 12, "title", "too long")) == "e.csv:12: title: too long"
    assert str(Problem("e.csv", 12, "title", "near duplicate", "warning")) == "e.csv:12: title: warning: near duplicate"
    assert str(Problem("e.csv", None, "", "empty file")) == "e.csv: empty file"


def test_a_valid_small_file_has_no_problems(events_file):
    assert validate_events(events_file([make_event()])) == []


def test_every_problem_is_reported_not_just_the_first(events_file):
    path = events_file([
        make_event(id="a", claim_type="rumour"),
        make_event(id="b", date="2025-13", actors="Atlantis"),
        make_event(id="c", title="x" * 91, themes="weather"),
    ])
    found = {(p.line, p.column) for p in validate_events(path) if p.is_error}
    assert found >= {(2, "claim_type"), (3, "date"), (3, "actors"), (4, "title"), (4, "themes")}


def test_one_cell_gets_one_error_not_the_same_fault_twice(events_file):
    """A bad date breaks both the date rule and the schema pattern; the curator needs to read it once."""
    path = events_file([make_event(date="2025-13")])
    assert [p.column for p in validate_events(path)] == ["date"]


def test_structural_problems_are_reported_and_the_rest_still_checked(tmp_path):
    path = tmp_path / "events.csv"
    header = "id,date,end_date,date_qualifier,title,summary,actors,themes,location,source,quote,claim_type"
    good = ",".join(f'"{cell}"' for cell in make_event(claim_type="rumour").values())
    path.write_text(f"{header}\nonly,three,cells\n{good}\n", encoding="utf-8")
    report = [str(p) for p in validate_events(path)]
    assert any(":2: expected 12 cells" in line for line in report)
    assert any(":3: claim_type:" in line for line in report)


@pytest.mark.parametrize("content, says", [
    ("id,date\né\n".encode("latin-1"), "not UTF-8"),
    (b"", "empty file"),
    ("id,date\n".encode("utf-16"), "UTF-16"),
])
def test_unreadable_files_are_problems_not_crashes(tmp_path, content, says):
    path = tmp_path / "events.csv"
    path.write_bytes(content)
    report = validate_events(path)
    assert len(report) == 1 and report[0].is_error and says in report[0].message


def test_a_missing_file_is_a_problem(tmp_path):
    report = validate_events(tmp_path / "nope.csv")
    assert len(report) == 1 and "cannot read" in report[0].message


def test_extra_column_is_a_warning_missing_optional_column_an_error(events_file):
    columns = ["id", "date", "end_date", "date_qualifier", "title", "summary", "actors", "themes", "source",
               "quote", "claim_type", "notes"]
    report = validate_events(events_file([make_event(notes="x")], columns=columns))
    assert [(p.column, p.severity) for p in report if p.column == "notes"] == [("notes", "warning")]
    assert any("missing column: location" in p.message and p.is_error for p in report)


def test_vocabularies_beside_the_file_replace_the_bundled_ones(tmp_path, events_file):
    path = events_file([make_event(actors="Atlantis")])
    assert any(p.column == "actors" for p in validate_events(path))
    shutil.copy(bundled_root() / "data" / "actors.csv", tmp_path / "actors.csv")
    with (tmp_path / "actors.csv").open("a", encoding="utf-8") as fh:
        fh.write("Atlantis,state,,Atlantide\n")
    assert validate_events(path) == []


def test_alias_in_events_is_told_its_canonical_name(events_file):
    report = validate_events(events_file([make_event(actors="Russie")]))
    assert [p.message for p in report] == ['"Russie" is a spelling of "Russia"; use the canonical name']


def test_likely_duplicate_is_a_warning_naming_the_other_line(events_file):
    path = events_file([make_event(id="a", title="Senate passes the defence law"),
                        make_event(id="b", title="Senate passes the defence law."),
                        make_event(id="c", date="2025-06-06", title="Senate passes the defence law")])
    report = validate_events(path)
    assert [(p.line, p.severity) for p in report] == [(3, "warning")]
    assert "line 2" in report[0].message


def test_quote_whose_source_text_is_absent_is_a_warning(tmp_path, events_file):
    shutil.copy(bundled_root() / "data" / "sources.csv", tmp_path / "sources.csv")
    with (tmp_path / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write("my-notes.txt,My notes,,2025,news,en,,\n")  # notes and short name empty
    report = validate_events(events_file([make_event(source="my-notes.txt", quote="anything")]))
    assert [(p.column, p.severity) for p in report] == [("quote", "warning")]
    assert "could not be checked" in report[0].message


def test_source_must_be_a_file_name_not_a_path(events_file):
    report = validate_events(events_file([make_event(source="../../etc/passwd")]))
    assert [p.column for p in report] == ["source"]


SEED = "Le 5 juin 2025, le Sénat\n  a validé une loi. Ensuite, l’armée a défilé le 9 mai."


@pytest.mark.parametrize("quote", [
    "le Sénat a validé une loi",  # whitespace runs collapse
    "Le 5 juin 2025 […] l’armée a défilé",
    "[…] a validé une loi. […] le 9 mai.",
])
def test_verbatim_quotes_pass(quote):
    assert quote_problem(quote, SEED) is None


@pytest.mark.parametrize("quote, says", [
    ("l'armée a défilé", "differs at \"'armée"),  # straight apostrophe where the seed has ’
    ("l’armée a défilé […] Le 5 juin 2025", "before the previous fragment"),
    ("le sénat a validé", "not verbatim"),  # case counts
    ("Zut", "not even its first character"),
])
def test_quotes_that_are_not_verbatim_say_where_they_differ(quote, says):
    message = quote_problem(quote, SEED)
    assert message is not None and says in message
