"""`export --format datapackage`: every table of the selected events as a Frictionless data package,
written atomically, valid for the `frictionless` validator, and read back losslessly with `--data`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, read_csv_text

EVENTS = str(FIXTURES / "evidence" / "events.csv")
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def export(invoke, out: Path, *args: str):
    return invoke("export", "--data", EVENTS, "-o", str(out), "--format", "datapackage", *args)


def test_package_reads_back_the_same_events_and_citations(invoke, tmp_path):
    out = tmp_path / "pkg"
    result = export(invoke, out)
    assert result.exit_code == 0, result.stderr
    assert {p.name for p in out.iterdir()} >= {"datapackage.json", "events.csv", "citations.csv", "actors.csv",
                                               "themes.csv", "sources.csv"}
    original = json.loads(invoke("list", "--data", EVENTS, "-f", "json").stdout)
    again = json.loads(invoke("list", "--data", str(out / "events.csv"), "-f", "json").stdout)
    assert again == original
    names = [r["name"] for r in json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["resources"]]
    assert names[0] == "events" and "citations" in names and all(not n.startswith("data/") for n in names)


def test_filtered_package_keeps_only_the_selected_events_citations(invoke, tmp_path):
    out = tmp_path / "pkg"
    assert export(invoke, out, "--corroborated").exit_code == 0
    events = read_csv_text((out / "events.csv").read_text(encoding="utf-8"))
    citations = read_csv_text((out / "citations.csv").read_text(encoding="utf-8"))
    assert [e["id"] for e in events] == ["1991-kazakhstan-independence"]
    assert {c["event_id"] for c in citations} == {"1991-kazakhstan-independence"}
    assert "corroborated: yes" in json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["description"]


@pytest.mark.skipif(not FRICTIONLESS.is_file(), reason="frictionless is not installed (pip install -e '.[test]')")
def test_frictionless_validates_the_package(invoke, tmp_path):
    out = tmp_path / "pkg"
    assert export(invoke, out, "--since", "2020").exit_code == 0
    done = subprocess.run([str(FRICTIONLESS), "validate", "--json", "datapackage.json"], cwd=out,
                          capture_output=True, text=True, timeout=300)
    report = json.loads(done.stdout)
    assert report["valid"], json.dumps(report, indent=1)[:3000]


def test_package_replaces_a_package_but_never_a_users_folder(invoke, tmp_path):
    out = tmp_path / "pkg"
    assert export(invoke, out).exit_code == 0
    assert export(invoke, out, "--corroborated").exit_code == 0  # a package written before is replaced
    assert len(read_csv_text((out / "events.csv").read_text(encoding="utf-8"))) == 1
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    result = export(invoke, mine)
    assert result.exit_code != 0 and "not empty" in result.stderr
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary folder left behind"


def test_package_needs_a_folder(invoke, tmp_path):
    result = invoke("export", "--data", EVENTS, "-o", "-", "--format", "datapackage")
    assert result.exit_code == 2 and "folder" in result.stderr
    assert invoke("export", "--data", EVENTS, "-o", str(tmp_path / "by-slash") + "/").exit_code == 0
    assert (tmp_path / "by-slash" / "datapackage.json").is_file()


def _previous_package(invoke, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "pkg"
    assert export(invoke, out).exit_code == 0
    return out, {p.name: p.read_bytes() for p in out.iterdir()}


def test_a_renderer_bug_is_not_called_a_write_failure(invoke, tmp_path, monkeypatch):
    """Only an I/O error is "cannot write"; a bug in a writer keeps its traceback, and the old package stays."""
    from kaztimeline.render import package

    out, before = _previous_package(invoke, tmp_path)

    def broken(columns, rows, stream, excel=False):
        stream.write("partial")
        raise ValueError("renderer bug")

    monkeypatch.setattr(package, "write_csv", broken)
    with pytest.raises(ValueError, match="renderer bug"):
        export(invoke, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary folder left behind"


def test_an_io_error_is_a_write_failure(invoke, tmp_path, monkeypatch):
    import errno
    import os

    from kaztimeline.render import package

    out, before = _previous_package(invoke, tmp_path)

    def full(columns, rows, stream, excel=False):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(package, "write_csv", full)
    result = export(invoke, out)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "cannot write: No space left on device; the previous folder is untouched" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
