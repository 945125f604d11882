"""`validate` on the storyline tables: known storylines and events, positions 1..n, unique ids, located messages."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES

FOLDER = FIXTURES / "storylines"
STORY = "territorial-defence-law-2025"


@pytest.fixture
def copy(tmp_path):
    for name in ("events.csv", "storylines.csv", "storyline_events.csv"):
        shutil.copy(FOLDER / name, tmp_path / name)
    return tmp_path


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate(invoke, folder):
    result = invoke("validate", str(folder / "events.csv"))
    assert "Traceback" not in result.output
    return result


def test_the_fixture_is_clean(invoke, copy):
    result = validate(invoke, copy)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


@pytest.mark.parametrize("file, old, new, expected", [
    ("storyline_events.csv", "territorial-defence-law-2025,2025-06-05-senate", "territorial-defense-law-2025,"
     "2025-06-05-senate", 'storyline_events.csv:3: storyline_id: "territorial-defense-law-2025" is not in '
     "storylines.csv; did you mean territorial-defence-law-2025?"),
    ("storyline_events.csv", "2025-06-05-senate-passes-territorial-defence-law,2", "2025-06-05-senate-passes-law,2",
     'storyline_events.csv:3: event_id: "2025-06-05-senate-passes-law" is not an event in'),
    ("storyline_events.csv", "kursiv-urgency-of-law,3", "kursiv-urgency-of-law,2",
     'storyline_events.csv:4: position: position 2 of "territorial-defence-law-2025" is already used on line 3'),
    ("storyline_events.csv", "kursiv-urgency-of-law,3", "kursiv-urgency-of-law,7",
     'storyline_events.csv:2: position: "territorial-defence-law-2025" lacks positions 3, 6: positions run '
     "1..5 without gaps"),
    ("storyline_events.csv", "kursiv-urgency-of-law,3", "kursiv-urgency-of-law,0",
     'storyline_events.csv:4: position: "0" is not a position: use a whole number from 1'),
    ("storyline_events.csv", "kursiv-urgency-of-law,3", "kursiv-urgency-of-law,",
     "storyline_events.csv:4: position: required value is empty"),
    ("storyline_events.csv", "2025-06-kamaletdinov-kursiv-urgency-of-law,3",
     "2025-06-05-senate-passes-territorial-defence-law,3",
     'storyline_events.csv:4: event_id: "2025-06-05-senate-passes-territorial-defence-law" is already in '
     '"territorial-defence-law-2025" on line 3'),
    ("storylines.csv", "january-2022-crisis,", "territorial-defence-law-2025,",
     'storylines.csv:3: id: "territorial-defence-law-2025" is already used on line 2'),
    ("storylines.csv", "january-2022-crisis,", "January 2022,",
     "storylines.csv:3: id: \"January 2022\" does not match the pattern"),
    ("storylines.csv", "january-2022-crisis,The January 2022 crisis", "january-2022-crisis,",
     "storylines.csv:3: title: required value is empty"),
    ("storyline_events.csv", "storyline_id,event_id,position", "storyline,event_id,position",
     "storyline_events.csv:1: missing column"),
])
def test_each_rule_names_file_line_and_column(invoke, copy, file, old, new, expected):
    edit(copy / file, old, new)
    result = validate(invoke, copy)
    assert result.exit_code == 1
    assert any(expected in line for line in result.stdout.splitlines()), result.stdout


def test_a_storyline_without_events_is_a_warning(invoke, copy):
    with (copy / "storylines.csv").open("a", encoding="utf-8") as fh:
        fh.write("empty-thread,An empty thread,Nothing yet.\n")
    result = validate(invoke, copy)
    assert result.exit_code == 0
    assert 'storylines.csv:4: id: warning: "empty-thread" has no events in storyline_events.csv' in result.stdout


def test_storyline_events_without_storylines_is_an_error(invoke, copy):
    (copy / "storylines.csv").unlink()
    result = validate(invoke, copy)
    assert result.exit_code == 1
    assert "storyline_events.csv: storylines.csv is missing beside it" in result.stdout


@pytest.mark.parametrize("content", [b"\xff\xfe\x00junk", b"", b'storyline_id,event_id,position\n"unclosed,x,1\n'])
def test_unreadable_storyline_file_is_reported_not_raised(invoke, copy, content):
    (copy / "storyline_events.csv").write_bytes(content)
    result = validate(invoke, copy)
    assert result.exit_code == 1
    assert "storyline_events.csv" in result.stdout


def test_an_events_file_without_storylines_has_nothing_to_check(invoke, tmp_path):
    shutil.copy(FOLDER / "events.csv", tmp_path / "events.csv")
    result = validate(invoke, tmp_path)
    assert result.exit_code == 0 and result.stdout == ""
