"""Hostile environments, each in a real process: NO_COLOR, TERM=dumb, narrow terminals, a real terminal
(pseudo-terminal), a reader that goes away (`| head -1`), a full disk (/dev/full) and a closed stdout.

Machine formats must be byte-identical whatever the environment; failures are one line and exit 1.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_event, write_events

REPO = Path(__file__).resolve().parent.parent
KAZ = [sys.executable, "-m", "kaztimeline"]
MACHINE_FORMATS = ("tsv", "csv", "md", "json", "jsonl")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Select Graphic Rendition parameters that set a colour (foreground, background, 256-colour, truecolour).
COLOUR_SGR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")
BUNDLED = REPO / "data" / "events.csv"


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "LINES", "KAZTIMELINE_DATA")}
    env.update({"TERM": "xterm-256color", "PYTHONIOENCODING": "utf-8"}, **extra)
    return env


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*KAZ, *args], capture_output=True, env=env or clean_env(), cwd=REPO, timeout=120)


def run_on_terminal(*args: str, env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run with stdout on a pseudo-terminal in raw mode (so the bytes arrive as written)."""
    import tty  # POSIX only

    master, slave = os.openpty()
    tty.setraw(slave)
    proc = subprocess.Popen([*KAZ, *args], stdout=slave, stderr=subprocess.PIPE, env=env, cwd=REPO)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    stderr = proc.stderr.read()
    proc.wait(timeout=120)
    return proc.returncode, b"".join(chunks), stderr


needs_pty = pytest.mark.skipif(not hasattr(os, "openpty") or sys.platform == "win32", reason="needs a POSIX pty")


@pytest.fixture(scope="module")
def baseline() -> dict[str, bytes]:
    """Each machine format of the bundled data in a plain, wide environment."""
    out = {}
    for fmt in MACHINE_FORMATS:
        result = run("list", "--format", fmt, env=clean_env(COLUMNS="200"))
        assert result.returncode == 0 and result.stderr == b""
        out[fmt] = result.stdout
    return out


def test_the_baseline_csv_is_the_whole_dataset(baseline):
    """So that "identical to the baseline" below also means "nothing truncated"."""
    with BUNDLED.open(encoding="utf-8", newline="") as fh:
        expected = sorted(map(tuple, csv.reader(fh)))
    got = sorted(map(tuple, csv.reader(io.StringIO(baseline["csv"].decode("utf-8"), newline=""))))
    assert got == expected
    assert max(len(cell) for row in got for cell in row) > 200  # long cells a 40-column view would cut


HOSTILE_ENVS = {
    "NO_COLOR": {"NO_COLOR": "1"},
    "TERM=dumb": {"TERM": "dumb"},
    "COLUMNS=40": {"COLUMNS": "40"},
    "all-three": {"NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "40"},
}


@pytest.mark.parametrize("fmt", ["csv", "md", "json"])
@pytest.mark.parametrize("name", list(HOSTILE_ENVS))
def test_machine_formats_ignore_the_environment(baseline, name, fmt):
    result = run("list", "--format", fmt, env=clean_env(**HOSTILE_ENVS[name]))
    assert result.returncode == 0 and result.stderr == b""
    assert b"\x1b[" not in result.stdout
    assert result.stdout == baseline[fmt]


@needs_pty
@pytest.mark.parametrize("fmt", MACHINE_FORMATS)
def test_machine_formats_on_a_narrow_colour_terminal(baseline, fmt):
    code, out, err = run_on_terminal("list", "--format", fmt, env=clean_env(COLUMNS="40", FORCE_COLOR="1"))
    assert (code, err) == (0, b"")
    assert b"\x1b[" not in out
    assert out == baseline[fmt]


@needs_pty
def test_the_terminal_table_has_colour_unless_no_color():
    colour = run_on_terminal("list", "--period", "2025", env=clean_env(COLUMNS="120"))
    plain = run_on_terminal("list", "--period", "2025", env=clean_env(COLUMNS="120", NO_COLOR="1"))
    assert colour[0] == plain[0] == 0
    assert COLOUR_SGR.search(colour[1].decode()), "the test must be able to see colour"
    assert not COLOUR_SGR.search(plain[1].decode())
    assert ANSI.sub("", colour[1].decode()) == ANSI.sub("", plain[1].decode()), "NO_COLOR changes only colour"


@needs_pty
def test_a_dumb_terminal_gets_no_escape_codes_at_all():
    # Rich takes a dumb terminal as 80x25 unless both COLUMNS and LINES are set
    code, out, err = run_on_terminal("list", "--period", "2025", env=clean_env(TERM="dumb", COLUMNS="120", LINES="40"))
    assert (code, err) == (0, b"")
    assert b"Date" in out and b"\x1b" not in out


def titles_in(period: str) -> list[str]:
    with BUNDLED.open(encoding="utf-8", newline="") as fh:
        return [r["title"] for r in csv.DictReader(fh) if r["date"].startswith(period)]


@needs_pty
@pytest.mark.parametrize("width", [40, 60, 100])
def test_a_narrow_terminal_table_fits_and_shows_every_title(width):
    code, out, err = run_on_terminal("list", "--period", "2025", env=clean_env(COLUMNS=str(width), NO_COLOR="1"))
    assert code == 0 and b"Traceback" not in err
    text = ANSI.sub("", out.decode())
    assert max(len(line) for line in text.split("\n")) <= width
    words = set(text.split())
    titles = titles_in("2025")
    assert titles and all(set(title.split()) <= words for title in titles), "no column is dropped"


# --- the reader goes away, the disk is full, stdout is closed ---------------------------------------------

@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    """Far more output than a pipe buffer holds, so `head -1` really closes the pipe mid-write."""
    rows = [make_event(id=f"2025-06-05-event-{i}", summary="A long summary. " * 20) for i in range(3000)]
    return write_events(tmp_path_factory.mktemp("big") / "events.csv", rows)


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("head") is None, reason="needs bash and head")
@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "md", "table"])
def test_a_reader_that_stops_early(big_file, tmp_path, fmt):
    status = tmp_path / "status"
    script = (f'set +o pipefail; "{sys.executable}" -m kaztimeline list --data "{big_file}" --format {fmt} '
              f'| head -1; echo "${{PIPESTATUS[0]}}" > "{status}"')
    result = subprocess.run(["bash", "-c", script], capture_output=True, env=clean_env(), cwd=REPO, timeout=120)
    assert result.stderr == b"", result.stderr.decode()
    assert result.stdout.count(b"\n") == 1
    assert status.read_text().strip() == "0", "a reader going away is not an error"


FULL_ERROR = b"kaztimeline: cannot write the output: No space left on device\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    ("list", "--format", "csv"), ("list", "--format", "json"), ("list", "--format", "table"),
    ("list", "--format", "csv", "--limit", "1"),  # small enough to sit in the buffer until the end
    ("show", "2007-kazakhstan-in-nato-deep-programme"), ("actors",),
    ("--version",), ("--help",), ("list", "--help"),  # written by Typer itself, outside any command
], ids=" ".join)
def test_a_full_disk(args):
    with open("/dev/full", "wb") as full:
        result = subprocess.run([*KAZ, *args], stdout=full, stderr=subprocess.PIPE, env=clean_env(), cwd=REPO,
                                timeout=120)
    assert (result.returncode, result.stderr) == (1, FULL_ERROR)


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_a_closed_stdout(fmt):
    result = subprocess.run([*KAZ, "list", "--format", fmt], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=clean_env(), cwd=REPO, timeout=120, close_fds=True,
                            preexec_fn=lambda: os.close(1))
    assert result.returncode == 1
    assert result.stderr == b"kaztimeline: cannot write the output: standard output is closed\n"


# --- export: a failing write leaves the previous file, and no temporary file ----------------------------

@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_export_on_a_full_disk_keeps_the_previous_file(invoke, monkeypatch, tmp_path, failing):
    from kaztimeline.files import atomic

    target = tmp_path / "timeline.csv"
    target.write_bytes(b"previous export\n")

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, failing, full)
    result = invoke("export", "--format", "csv", "--output", str(target))
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and str(target) in result.stderr
    assert target.read_bytes() == b"previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.csv"]


def test_export_into_a_read_only_folder(invoke, monkeypatch, tmp_path):
    from kaztimeline.files import atomic

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    target = tmp_path / "timeline.csv"
    target.write_bytes(b"previous export\n")
    result = invoke("export", "--format", "csv", "--output", str(target))
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and "Permission denied" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert target.read_bytes() == b"previous export\n"
