"""Shared fixtures: a CliRunner with a fixed terminal, the bundled data, and small event files.

Hypothesis runs under one of two profiles. `ci` (chosen by HYPOTHESIS_PROFILE=ci, which `.ci/run` exports,
or by CI=true) is deterministic: the same examples on every run, no example database, and a failure prints the
`@reproduce_failure` blob. Elsewhere `dev` keeps exploring new random examples on every run; anything it
finds becomes an `@example` or a unit test.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from kaztimeline.cli import app
from kaztimeline.resources import bundled_root
from kaztimeline.schema.model import EVENT_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = bundled_root()

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
# Hypothesis itself turns derandomize on where CI is set; a local "dev" run explores whatever the environment.
settings.register_profile("dev", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.delenv("KAZTIMELINE_DATA", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return CliRunner()


@pytest.fixture
def invoke(runner):
    """Run the CLI in-process; returns the Result (stdout in .stdout, stderr in .stderr)."""

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return run


def read_csv_text(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def write_events(path: Path, rows: list[dict[str, str]], columns=EVENT_COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
    return path


def make_event(**cells: str) -> dict[str, str]:
    """A valid event row; override any cell."""
    row = {
        "id": "2025-06-05-test-event",
        "date": "2025-06-05",
        "end_date": "",
        "date_qualifier": "",
        "title": "Test event",
        "summary": "A test event.",
        "actors": "Kazakhstan",
        "themes": "diplomacy",
        "location": "",
        "source": "000_d970a0a86d3a984d.txt",
        "quote": "Le 5 juin 2025, le Sénat du Kazakhstan a validé une loi majeure",
        "claim_type": "reported",
    }
    row.update(cells)
    return row


@pytest.fixture
def events_file(tmp_path):
    """Factory: write rows to a fresh events.csv (bundled vocabularies apply) and return its path."""

    def make(rows: list[dict[str, str]], name: str = "events.csv", columns=EVENT_COLUMNS) -> Path:
        return write_events(tmp_path / name, rows, columns)

    return make


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A private copy of the bundled data folder, safe to modify."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target
