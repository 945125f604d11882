"""Large files take the fast paths (pyarrow reader, lines written in order); they must list what the slow
paths list, in the same order, for every sort, limit and filter."""

from __future__ import annotations

import csv
import json
import random

import pytest
from conftest import ROOT, read_csv_text, write_events

from kaztimeline.load import FAST_PATH_MIN_BYTES


@pytest.fixture(scope="module")
def shuffled_file(tmp_path_factory):
    """The bundled events 70 times over (6,300 rows, over 1 MB), in a random order, ids made unique."""
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
    assert got == [{k: _cell(v) for k, v in row.items()} for row in expected]


def _cell(value) -> str:
    """A JSON value as its CSV cell: lists joined by `;`, null empty."""
    return ";".join(value) if isinstance(value, list) else value or ""


def test_fast_tsv_lists_in_date_order(invoke, shuffled_file):
    result = invoke("list", "--data", str(shuffled_file), "--format", "tsv", "--columns", "date,id")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()[1:]
    assert len(lines) == 6300
    ids = [line.split("\t")[1] for line in lines]
    assert len(set(ids)) == 6300
