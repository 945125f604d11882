"""Help and tab completion stay fast: they must never import the data stack (pandas, pyarrow, numpy);
commands that read events must not import pandas.

Only a fresh process shows what gets imported, so these run the real program with `-X importtime`, which
prints one line per module imported to standard error.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, write_events

from kaztimeline.files.load import FAST_PATH_MIN_BYTES

# The installed console script, so the program sees its real name (completion keys on it).
SCRIPT = Path(sys.executable).with_name("kaztimeline")
HEAVY = ("pandas", "pyarrow", "numpy")


@pytest.fixture(autouse=True)
def _needs_script():
    if not SCRIPT.is_file():
        pytest.skip("the kaztimeline console script is not installed next to this Python")


def imported_modules(args: list[str], env: dict[str, str] | None = None):
    """The modules a run imports, and the finished process."""
    run_env = {**os.environ, **(env or {})}
    run_env.pop("KAZTIMELINE_DATA", None)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(SCRIPT), *args],
        capture_output=True, text=True, env=run_env, timeout=60,
    )
    modules = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            modules.add(line.rsplit("|", 1)[1].strip())
    return modules, done


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY)


@pytest.mark.parametrize("args", [["--help"], ["list", "--help"], ["show", "--help"], []])
def test_help_does_not_import_the_data_stack(args):
    modules, done = imported_modules(args)
    assert "Usage" in done.stdout + done.stderr
    assert "kaztimeline.cli" in modules  # the probe sees our own imports
    assert heavy_in(modules) == []


@pytest.mark.parametrize(
    "words, cword, expected", [("kaztimeline li", "1", "list"), ("kaztimeline list --ac", "2", "--actor")]
)
def test_tab_completion_does_not_import_the_data_stack(words, cword, expected):
    # Click's completion protocol: the program name decides the variable, COMP_WORDS/COMP_CWORD the line.
    env = {"_KAZTIMELINE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword}
    modules, done = imported_modules([], env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert expected in done.stdout.split()
    assert heavy_in(modules) == []


@pytest.fixture(scope="module")
def large_file(tmp_path_factory) -> Path:
    """The bundled events 20 times over, ids made unique: over 1 MB, so the pyarrow reader takes it."""
    with open(ROOT / "data" / "events.csv", encoding="utf-8", newline="") as fh:
        events = list(csv.DictReader(fh))
    rows = [{**e, "id": f"{e['id']}-{copy:02d}"} for copy in range(20) for e in events]
    path = write_events(tmp_path_factory.mktemp("large") / "events.csv", rows)
    assert path.stat().st_size >= FAST_PATH_MIN_BYTES
    return path


@pytest.mark.parametrize("args", [
    ["list", "--actor", "Russia", "--format", "csv"],
    ["list", "--period", "2022", "--theme", "diplomacy", "--sort", "-date", "--format", "json"],
    ["list", "--search", "frontiere", "--source", "003_d30f7943c14984aa.txt", "--claim-type", "reported"],
    ["show", "2025-06-05-senate-passes-territorial-defence-law", "--format", "json"],
    ["actors", "--period", "2022"],
    ["export", "--actor", "Russia", "-o", "-", "-f", "md"],
    ["timeline", "--theme", "diplomacy"],
])
def test_reading_commands_do_not_import_pandas(args):
    """Events stay an Arrow table from reading to output; pandas (~0.17 s to import) is for `stats` alone."""
    modules, done = imported_modules(args)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "pyarrow" in heavy_in(modules)  # the probe sees the data stack
    assert "pandas" not in heavy_in(modules)


@pytest.mark.parametrize("args", [
    ["--actor", "Russia"], ["--period", "2022", "--sort", "-date"], ["--search", "defense"],
    ["--theme", "diplomacy", "--format", "tsv"],
])
def test_listing_a_large_file_does_not_import_pandas(large_file, args):
    modules, done = imported_modules(["list", "--data", str(large_file), "--format", "csv", *args])
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("\n") > 1
    assert "pandas" not in heavy_in(modules)


def test_the_probe_does_see_pandas_when_a_command_needs_it():
    """Guards the guards: `stats` counts with pandas, and the probe notices."""
    modules, done = imported_modules(["stats", "--by", "year", "--format", "csv"])
    assert done.returncode == 0, done.stderr[-2000:]
    assert "pandas" in heavy_in(modules)


@pytest.mark.parametrize("args", [["list", "--actor", "Russia", "--format", "csv"], ["list", "--help"], ["--version"]])
def test_commands_do_not_import_pydantic(args):
    """Typer 0.29+ builds a pydantic adapter per option on every run (~70 ms); pyproject.toml keeps Typer below."""
    modules, done = imported_modules(args)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "kaztimeline.cli" in modules
    assert sorted(m for m in modules if m.split(".")[0] == "pydantic") == []
