"""Help and tab completion stay fast: they must never import the data stack (pandas, pyarrow, numpy).

Only a fresh process shows what gets imported, so these run the real program with `-X importtime`, which
prints one line per module imported to standard error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_the_probe_does_see_pandas_when_a_command_reads_data():
    """Guards the guard: a command that reads events does import pandas, and the probe notices."""
    modules, done = imported_modules(["list", "--format", "csv", "--limit", "1"])
    assert done.returncode == 0, done.stderr[-2000:]
    assert "pandas" in heavy_in(modules)


@pytest.mark.parametrize("args", [["list", "--actor", "Russia", "--format", "csv"], ["list", "--help"], ["--version"]])
def test_commands_do_not_import_pydantic(args):
    """Typer 0.29+ would build a pydantic adapter per option (~70 ms); kaztimeline.cli.coercion avoids it."""
    modules, done = imported_modules(args)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "kaztimeline.cli.coercion" in modules
    assert sorted(m for m in modules if m.split(".")[0] == "pydantic") == []
