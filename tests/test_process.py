"""What only a real process shows: default output in a pipe, `| head`, NO_COLOR, an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "COLUMNS": "120", **(env or {})}
    full_env.pop("KAZTIMELINE_DATA", None)
    return subprocess.run([sys.executable, "-m", "kaztimeline", *args], capture_output=True, text=True,
                          env=full_env, cwd=REPO, timeout=120, **kwargs)


def test_default_output_in_a_pipe_is_plain_tsv():
    result = run("list", "--actor", "Russia")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    columns = (REPO / "data" / "events.csv").read_text(encoding="utf-8").split("\n", 1)[0].count(",") + 1
    assert lines and all(line.count("\t") == columns - 1 for line in lines)
    assert not lines[0].startswith("id\t") and "\x1b[" not in result.stdout


def test_head_closing_the_pipe_ends_quietly():
    script = f'"{sys.executable}" -m kaztimeline list --format csv | head -1'
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.stdout.startswith("id,date,")
    assert result.stderr == ""


def test_no_color_table_has_no_escape_codes():
    result = run("list", "--format", "table", env={"NO_COLOR": "1", "FORCE_COLOR": "", "TERM": "xterm-256color"})
    assert result.returncode == 0 and "\x1b[" not in result.stdout and "Date" in result.stdout


def test_errors_are_one_line_without_traceback():
    result = run("list", "--period", "2025Q9")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_wheel_carries_the_data_and_runs_from_anywhere(tmp_path):
    """A plain (non-editable) install works from any directory: the data ships inside the wheel."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                            "-w", str(tmp_path / "dist"), str(REPO)], capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("kaztimeline-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("kaztimeline/_data/data/events.csv", "kaztimeline/_data/datapackage.json",
                     "kaztimeline/_data/seeds/003_d30f7943c14984aa.txt"):
        assert expected in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("KAZTIMELINE_DATA", None)
    result = subprocess.run([sys.executable, "-m", "kaztimeline", "list", "--actor", "Russia"], cwd=elsewhere,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) > 10
    where = subprocess.run([sys.executable, "-c", "import kaztimeline.resources as r; print(r.bundled_root())"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60)
    assert where.stdout.strip().startswith(str(target))
