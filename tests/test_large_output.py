"""Large files take the fast paths (pyarrow reader, lines written in order); they must list what the slow
paths list, in the same order, for every sort, limit and filter."""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, read_csv_text, write_events

from kaztimeline.files.load import FAST_PATH_MIN_BYTES


@pytest.fixture(scope="module")
def shuffled_file(tmp_path_factory):
    """The bundled events 70 times over (over 6,000 rows, over 1 MB), in a random order, ids made unique."""
    with open(ROOT / "data" / "events.csv", encoding="utf-8", newline="") as fh:
        events = list(csv.DictReader(fh))
    rows = [{**e, "id": f"{e['id']}-{copy:02d}", "summary": e["summary"] + ' "quoted", and\nbroken.'}
            for copy in range(70) for e in events]
    random.Random(7).shuffle(rows)
    path = write_events(tmp_path_factory.mktemp("large") / "events.csv", rows)
    assert path.stat().st_size >= FAST_PATH_MIN_BYTES
    return path


@pytest.mark.parametrize("args", [
    (), ("--sort", "-date"), ("--limit", "5001"), ("--actor", "Russia"), ("--sort", "-date", "--theme", "diplomacy"),
])
def test_fast_csv_lists_what_jsonl_lists(invoke, shuffled_file, args):
    fast = invoke("list", "--data", str(shuffled_file), "--format", "csv", *args)
    slow = invoke("list", "--data", str(shuffled_file), "--format", "jsonl", *args)
    assert fast.exit_code == 0 == slow.exit_code, fast.stderr + slow.stderr
    expected = [json.loads(line) for line in slow.stdout.splitlines()]
    got = read_csv_text(fast.stdout)
    assert len(got) == len(expected) >= 5000 or args[:1] in (("--actor",), ("--sort",))
    # JSON adds each event's evidence (citations, sources, disputed) after its cells; CSV holds the cells
    assert got == [{k: _cell(v) for k, v in row.items() if k not in EVIDENCE_KEYS} for row in expected]


EVIDENCE_KEYS = ("citations", "sources", "disputed")


def _cell(value) -> str:
    """A JSON value as its CSV cell: lists joined by `;`, null empty."""
    return ";".join(value) if isinstance(value, list) else value or ""


def test_fast_tsv_lists_in_date_order(invoke, shuffled_file):
    result = invoke("list", "--data", str(shuffled_file), "--format", "tsv", "--columns", "date,id")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()[1:]
    with open(ROOT / "data" / "events.csv", encoding="utf-8", newline="") as fh:
        expected = 70 * sum(1 for _ in csv.DictReader(fh))
    assert len(lines) == expected
    ids = [line.split("\t")[1] for line in lines]
    assert len(set(ids)) == expected


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("head") is None, reason="needs bash and head")
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_reader_that_stops_early_while_batches_are_built(shuffled_file, tmp_path, fmt):
    """The fast writer builds the next batches in threads; a closed pipe must still end quietly with 0."""
    status = tmp_path / "status"
    script = (f'set +o pipefail; "{sys.executable}" -m kaztimeline list --data "{shuffled_file}" --format {fmt} '
              f'| head -1; echo "${{PIPESTATUS[0]}}" > "{status}"')
    env = {k: v for k, v in os.environ.items() if k != "KAZTIMELINE_DATA"}
    result = subprocess.run(["bash", "-c", script], capture_output=True, env=env, timeout=120)
    assert result.stderr == b"", result.stderr.decode()
    assert result.stdout.count(b"\n") == 1
    assert status.read_text().strip() == "0"
