"""`kaztimeline validate` and `kaztimeline add` from the command line: reports, exit codes, safe writes."""

from __future__ import annotations

import codecs
import json
import os
import re
import select
import shutil
import subprocess
import sys

import pytest
from conftest import make_event, read_csv_text

from kaztimeline.cli import curation
from kaztimeline.curation import add as add_module
from kaztimeline.curation.add import make_id
from kaztimeline.files.atomic import atomic_text_writer
from kaztimeline.resources import bundled_events

PROBLEM_LINE = re.compile(r"^[^:]+:\d+: [a-z_]+: (warning: )?\S")

NEW_EVENT = [
    "--date", "2025-06-05", "--title", "Senate committee reviews the territorial defence bill",
    "--summary", "A test event.", "--actors", "Kazakhstan", "--themes", "defence-reform",
    "--source", "000_d970a0a86d3a984d.txt",
    "--quote", "Le 5 juin 2025, le Sénat du Kazakhstan a validé une loi majeure", "--claim-type", "reported",
]


# --- validate ---------------------------------------------------------------------------------------------

def test_validate_bundled_data_is_clean(invoke):
    """No error and no warning: every column, date_basis too, is in the schema."""
    result = invoke("validate")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.startswith("no problems in ")


def test_validate_reports_every_problem_one_per_line_and_exits_1(invoke, events_file):
    path = events_file([make_event(id="a", claim_type="rumour"), make_event(id="a", date="2025-02-30"),
                        make_event(id="b", actors="Atlantis", title="Senate passes the defence law"),
                        make_event(id="c", title="Senate passes the defence law.")])
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(PROBLEM_LINE.match(line) for line in lines), lines
    assert [line.split(": ")[0:2] for line in lines] == [
        [f"{path}:2", "claim_type"], [f"{path}:3", "id"], [f"{path}:3", "date"], [f"{path}:4", "actors"],
        [f"{path}:5", "title"]]
    assert ": title: warning: likely duplicate of line 4" in lines[-1]
    assert result.stderr.strip() == f"4 errors, 1 warning in {path}"


def test_validate_warnings_alone_exit_0_unless_strict(invoke, events_file):
    path = events_file([make_event(id="a"), make_event(id="b", title="Test event!")])
    assert invoke("validate", str(path)).exit_code == 0
    assert invoke("validate", "--strict", str(path)).exit_code == 1


def test_validate_json_is_the_same_report(invoke, events_file):
    path = events_file([make_event(claim_type="rumour", themes="weather")])
    text = invoke("validate", str(path)).stdout.splitlines()
    result = invoke("validate", str(path), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 2 and report["warnings"] == 0 and report["file"] == str(path)
    assert [f"{p['file']}:{p['line']}: {p['column']}: {p['message']}" for p in report["problems"]] == text
    assert {p["severity"] for p in report["problems"]} == {"error"}


def test_validate_reads_standard_input(invoke):
    result = invoke("validate", "-", input=bundled_events().read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.stdout


def test_validate_unreadable_file_is_a_problem_line_not_a_traceback(invoke, tmp_path):
    path = tmp_path / "events.csv"
    path.write_bytes("id,date\nCaf\xe9\n".encode("latin-1"))
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.strip() == (f"{path}:2: column 4: byte 0xe9 is not UTF-8; save the file as UTF-8 "
                                     "(it may be Latin-1 or Windows-1252)")


# --- add ------------------------------------------------------------------------------------------------

@pytest.fixture
def events_copy(data_copy):
    return data_copy / "events.csv"


def test_add_inserts_at_its_date_keeping_every_other_byte(invoke, events_copy):
    before = events_copy.read_bytes()
    result = invoke("add", "--data", str(events_copy), *NEW_EVENT)
    assert result.exit_code == 0, result.stderr
    new_id = "2025-06-05-senate-committee-reviews-the-territorial-defence-bill"
    assert result.stdout == new_id + "\n"
    after = events_copy.read_bytes().splitlines(keepends=True)
    added = [i for i, line in enumerate(after) if line.startswith(new_id.encode())]
    assert len(added) == 1
    assert b"".join(after[:added[0]] + after[added[0] + 1:]) == before
    # Chronological place: the previous row starts no later, the next one no earlier (ties by id).
    keys = [(line.split(b",")[1], line.split(b",")[0]) for line in after[1:]]
    assert keys[added[0] - 2] <= keys[added[0] - 1] <= keys[added[0]]


def test_two_adds_in_a_row_give_a_file_validate_accepts(invoke, events_copy):
    assert invoke("add", "--data", str(events_copy), *NEW_EVENT).exit_code == 0
    second = [*NEW_EVENT[:3], "Unrelated test event in 1990", *NEW_EVENT[4:]]
    second[1] = "1990"
    assert invoke("add", "--data", str(events_copy), *second).exit_code == 0
    result = invoke("validate", str(events_copy))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""


def test_add_duplicate_id_writes_nothing_and_exits_1(invoke, events_copy):
    before = events_copy.read_bytes()
    used = "2025-06-05-senate-passes-territorial-defence-law"
    result = invoke("add", "--data", str(events_copy), *NEW_EVENT, "--id", used)
    assert result.exit_code == 1
    assert "is already used on line" in result.stderr
    assert events_copy.read_bytes() == before


def test_add_failing_rule_writes_nothing_and_says_why(invoke, events_copy):
    before = events_copy.read_bytes()
    args = [*NEW_EVENT, "--claim-type", "rumour", "--themes", "weather"]
    result = invoke("add", "--data", str(events_copy), *args)
    assert result.exit_code == 1
    assert "(new row): claim_type:" in result.stderr and "(new row): themes:" in result.stderr
    assert events_copy.read_bytes() == before


def test_add_missing_required_value_off_a_terminal_exits_2(invoke, events_copy, monkeypatch):
    monkeypatch.setattr(curation, "interactive", lambda: False)
    before = events_copy.read_bytes()
    result = invoke("add", "--data", str(events_copy), "--date", "2025", "--title", "Something")
    assert result.exit_code == 2
    assert "missing --summary, --actors, --themes, --source, --quote, --claim-type" in result.stderr
    assert events_copy.read_bytes() == before


def test_add_prompts_on_a_terminal_and_asks_again_after_a_typo(invoke, events_copy, monkeypatch):
    monkeypatch.setattr(curation, "interactive", lambda: True)
    answers = ["2025-13", "2025-06-05", "Prompted test event", "Summary.", "Atlantis", "Russie; Kazakhstan",
               "defence-reform", "000_d970a0a86d3a984d.txt", "Le 5 juin 2025", "reported"]
    result = invoke("add", "--data", str(events_copy), input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Known actors: Kazakhstan, Russia" in result.stdout
    assert result.stdout.count("date (YYYY, YYYY-MM, YYYY-MM-DD or e.g. 5 June 2025):") == 2  # 2025-13 asked again
    assert '"Atlantis" is not one of the actors' in result.stdout
    assert result.stdout.splitlines()[-1] == "2025-06-05-prompted-test-event"
    assert ",Russia;Kazakhstan,defence-reform," in events_copy.read_text(encoding="utf-8")


def test_add_accepts_repeated_and_semicolon_list_options_and_canonical_aliases(invoke, events_copy):
    args = [*NEW_EVENT, "--actors", "Russie;Tokaïev", "--location", "Astana", "--location", "Almaty"]
    result = invoke("add", "--data", str(events_copy), *args)
    assert result.exit_code == 0, result.stderr
    assert "actors: Russie -> Russia" in result.stderr
    row = next(line for line in events_copy.read_text(encoding="utf-8").splitlines()
               if line.startswith(result.stdout.strip()))
    assert ",Kazakhstan;Russia;Kassym-Jomart Tokayev,defence-reform,Astana;Almaty," in row


def test_add_keeps_crlf_bom_and_a_missing_final_line_end(invoke, tmp_path):
    source = bundled_events().read_text(encoding="utf-8").replace("\n", "\r\n").rstrip("\r\n")
    path = tmp_path / "events.csv"
    path.write_bytes(codecs.BOM_UTF8 + source.encode("utf-8"))
    second = [*NEW_EVENT[:3], "Last event of all", *NEW_EVENT[4:]]
    second[1] = "2099"
    assert invoke("add", "--data", str(path), *second).exit_code == 0
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + b"id,date,")
    assert data.startswith(codecs.BOM_UTF8 + source.encode("utf-8") + b"\r\n2099-last-event-of-all,2099,")
    assert not data.endswith(b"\n") and b"\n" not in data.replace(b"\r\n", b"")


def test_add_creates_a_new_file_with_the_header(invoke, tmp_path):
    path = tmp_path / "mine.csv"
    result = invoke("add", "--data", str(path), *NEW_EVENT)
    assert result.exit_code == 0, result.stderr
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,date,end_date,") and len(lines) == 2
    assert invoke("validate", str(path)).exit_code == 0


def test_add_refuses_standard_input(invoke):
    result = invoke("add", "--data", "-", *NEW_EVENT)
    assert result.exit_code == 2


def test_a_write_failing_midway_leaves_the_file_identical(invoke, events_copy, monkeypatch):
    """Disk full after half the new content: the original stays byte for byte, no temporary file remains."""

    class HalfWriter:
        def __init__(self, stream):
            self.stream = stream

        def write(self, text):
            self.stream.write(text[: len(text) // 2])
            self.stream.flush()
            raise OSError(28, "No space left on device")

    real = atomic_text_writer

    def failing(target, **kwargs):
        from contextlib import contextmanager

        @contextmanager
        def wrapped():
            with real(target, **kwargs) as stream:
                yield HalfWriter(stream)
        return wrapped()

    monkeypatch.setattr(add_module, "atomic_text_writer", failing)
    before = events_copy.read_bytes()
    listing = sorted(p.name for p in events_copy.parent.iterdir())
    result = invoke("add", "--data", str(events_copy), *NEW_EVENT)
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr and "untouched" in result.stderr
    assert events_copy.read_bytes() == before
    assert sorted(p.name for p in events_copy.parent.iterdir()) == listing


@pytest.mark.parametrize("date, title, expected", [
    ("2025-06-05", "Senate passes territorial-defence law", "2025-06-05-senate-passes-territorial-defence-law"),
    ("2022-01", "Tokaïev’s « shoot without warning » order", "2022-01-tokaievs-shoot-without-warning-order"),
    ("2025", "!!!", "2025-event"),
])
def test_make_id_is_a_slug_of_date_and_title(date, title, expected):
    assert make_id(date, title) == expected


def test_make_id_stays_short_and_ends_on_a_whole_word():
    made = make_id("2025-06-05", "word " * 40)
    assert len(made) <= 80 and made.endswith("-word")


def test_bundled_data_of_an_installed_copy_is_read_only(invoke, tmp_path, monkeypatch):
    root = tmp_path / "_data"
    shutil.copytree(bundled_events().parent, root / "data")
    monkeypatch.setattr(add_module, "bundled_root", lambda: root)
    result = invoke("add", "--data", str(root / "data" / "events.csv"), *NEW_EVENT)
    assert result.exit_code == 2 and "read-only" in result.stderr


def test_add_warns_of_a_likely_duplicate_by_the_line_it_has_after_the_insert(invoke, events_copy):
    original = events_copy.read_text(encoding="utf-8").splitlines()
    line = 1 + next(i for i, text in enumerate(original) if text.startswith("2025-06-05-senate-passes-territorial"))
    title = "Kazakh Senate passes the law on territorial defence."
    args = [*NEW_EVENT, "--id", "2025-06-05-a-near-copy", "--title", title]
    result = invoke("add", "--data", str(events_copy), *args)
    assert result.exit_code == 0, result.stderr
    # The new row sorts first among that day's rows, so the row it repeats moves one line down.
    assert f"{events_copy}:{line}: title: warning: likely duplicate of line {line + 1} (" in result.stderr
    assert events_copy.read_text(encoding="utf-8").splitlines()[line].startswith("2025-06-05-senate-passes-territorial")


def test_add_to_a_directory_is_one_error_line(invoke, tmp_path):
    result = invoke("add", "--data", str(tmp_path), *NEW_EVENT)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kaztimeline: {tmp_path}: cannot read: ") and result.stderr.count("\n") == 1


def test_add_to_a_ragged_file_refuses_and_names_the_line(invoke, tmp_path):
    path = tmp_path / "events.csv"
    bundled = bundled_events().read_text(encoding="utf-8")
    path.write_text(bundled + "one,two\n", encoding="utf-8")
    before = path.read_bytes()
    result = invoke("add", "--data", str(path), *NEW_EVENT)
    assert result.exit_code == 1
    cells = bundled.split("\n", 1)[0].count(",") + 1
    assert f"{path}:{bundled.count(chr(10)) + 1}: expected {cells} cells as in the header, found 2" in result.stderr
    assert "nothing written" in result.stderr
    assert path.read_bytes() == before


# --- real processes: only they show whether standard input and output are terminals ---------------------

def test_add_in_a_script_exits_2_without_prompting(events_copy):
    before = events_copy.read_bytes()
    result = subprocess.run([sys.executable, "-m", "kaztimeline", "add", "--data", str(events_copy), "--date", "2025"],
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == "" and "missing --title" in result.stderr
    assert events_copy.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a POSIX pseudo-terminal")
def test_add_on_a_real_terminal_prompts_for_what_is_missing(events_copy):
    args = list(NEW_EVENT)
    at = args.index("--claim-type")
    del args[at:at + 2]  # leave claim_type to the prompt
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "kaztimeline", "add", "--data", str(events_copy), *args],
                            stdin=slave, stdout=slave, stderr=subprocess.PIPE)
    os.close(slave)
    seen = b""
    try:
        while b"claim_type:" not in seen:
            ready, _, _ = select.select([master], [], [], 30)
            assert ready, f"no prompt; got {seen!r}"
            seen += os.read(master, 1024)
        os.write(master, b"2\n")  # 2. statement
        assert proc.wait(timeout=60) == 0, proc.stderr.read()
        while select.select([master], [], [], 0.5)[0]:
            try:
                chunk = os.read(master, 1024)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
    assert b"1. reported" in seen and b"2. statement" in seen
    assert b"2025-06-05-senate-committee-reviews-the-territorial-defence-bill" in seen
    added = [row for row in read_csv_text(events_copy.read_text(encoding="utf-8"))
             if row["id"] == "2025-06-05-senate-committee-reviews-the-territorial-defence-bill"]
    assert [row["claim_type"] for row in added] == ["statement"]


def test_add_takes_a_source_by_any_name_sources_accepts(invoke, events_copy):
    args = [a if a != "000_d970a0a86d3a984d.txt" else "Zolkin" for a in NEW_EVENT]
    result = invoke("add", "--data", str(events_copy), *args)
    assert result.exit_code == 0, result.stderr
    assert "source: Zolkin -> 000_d970a0a86d3a984d.txt" in result.stderr
    assert ",000_d970a0a86d3a984d.txt," in events_copy.read_text(encoding="utf-8")
    ambiguous = invoke("add", "--data", str(events_copy), *[a if a != "Zolkin" else "défense" for a in args])
    assert ambiguous.exit_code == 2 and "(Néel analysis)" in ambiguous.stderr


def test_add_offers_sources_with_their_short_name_and_title(invoke, events_copy, monkeypatch):
    monkeypatch.setattr(curation, "interactive", lambda: True)
    answers = ["2025-06-05", "Prompted test event", "Summary.", "Kazakhstan", "defence-reform", "Zolkn",
               "zolkin", "Le 5 juin 2025", "reported"]
    result = invoke("add", "--data", str(events_copy), input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "1. 000_d970a0a86d3a984d.txt (Zolkin 2025): «Le Kazakhstan muscle sa défense" in result.stdout
    assert "did you mean 000_d970a0a86d3a984d.txt (Zolkin 2025)?" in result.stdout  # "Zolkn", asked again
    assert ",000_d970a0a86d3a984d.txt," in events_copy.read_text(encoding="utf-8")
