"""Story order: what the date says (qualifier, then span), then the curators' row order; the same in every view."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from conftest import make_event, read_csv_text

from kaztimeline.files.load import load_events
from kaztimeline.query.filters import sorted_rows
from kaztimeline.query.order import story_order

# (id, date, end_date, qualifier) in the order a reader expects; ids run against it so an id order shows.
EXPECTED = [
    ("z-2021", "2021", "", "late"),
    ("y-before-may", "2025-05", "", "before"),
    ("x-early-may", "2025-05", "", "early"),
    ("w-may", "2025-05", "", ""),
    ("v-circa-may", "2025-05", "", "circa"),
    ("u-may-to-june", "2025-05", "2025-06", ""),
    ("t-7-may", "2025-05-07", "", ""),
    ("s-mid-may", "2025-05", "", "mid"),
    ("r-late-may", "2025-05", "", "late"),
    ("p-31-may", "2025-05-31", "", ""),
    ("q-after-may", "2025-05", "", "after"),
    ("o-june", "2025-06", "", ""),
    ("n-mid-2025", "2025", "", "mid"),
]


@pytest.fixture
def story(events_file):
    """The expected events written in a scrambled row order."""
    rows = [make_event(id=i, date=d, end_date=e, date_qualifier=q, title=f"Event {i}") for i, d, e, q in EXPECTED]
    scrambled = [rows[k] for k in (5, 12, 0, 9, 3, 7, 1, 11, 4, 8, 2, 10, 6)]
    return str(events_file(scrambled))


def ids_of(invoke, *args) -> list[str]:
    return [r["id"] for r in read_csv_text(invoke("list", *args, "-f", "csv", "-c", "id").stdout)]


def test_qualifier_places_the_event_inside_its_span(invoke, story):
    assert ids_of(invoke, "--data", story) == [i for i, *_ in EXPECTED]


def test_sort_minus_date_reverses_the_story(invoke, story):
    assert ids_of(invoke, "--data", story, "--sort", "-date") == [i for i, *_ in EXPECTED][::-1]


def test_same_date_keeps_the_curators_row_order_not_the_id_order(invoke, events_file):
    rows = [make_event(id=i, title=f"Event {i}", date="2022-01", date_qualifier="early") for i in ("b", "c", "a")]
    path = str(events_file(rows))
    assert ids_of(invoke, "--data", path) == ["b", "c", "a"]
    assert ids_of(invoke, "--data", path, "--sort", "-date") == ["a", "c", "b"]


def test_a_shorter_span_comes_before_a_longer_one_starting_the_same_day(invoke, events_file):
    rows = [make_event(id="year", date="2024"), make_event(id="span", date="2024-01", end_date="2024-03"),
            make_event(id="jan", date="2024-01"), make_event(id="first", date="2024-01-01")]
    assert ids_of(invoke, "--data", str(events_file(rows))) == ["first", "jan", "span", "year"]


def test_order_of_a_subset_is_the_order_of_the_whole(story):
    table = load_events(story)
    whole = list(story_order(table))
    subset = np.array([0, 2, 3, 7, 11], dtype=np.int64)
    assert list(sorted_rows(table, subset)) == [r for r in whole if r in set(subset)]
    assert list(story_order(table, np.array([], dtype=np.int64))) == []


def test_every_command_and_format_tells_the_story_in_the_same_order(invoke, story, tmp_path):
    expected = [i for i, *_ in EXPECTED]
    for fmt in ("csv", "tsv", "json", "jsonl", "md"):
        out = invoke("export", "--data", story, "-o", "-", "-f", fmt).stdout
        found = [i for i in re.findall(r"\b[a-z]-[a-z0-9-]+\b", out) if i in expected]
        assert list(dict.fromkeys(found)) == expected, fmt
    page = invoke("export", "--data", story, "-o", "-", "-f", "html").stdout
    assert re.findall(r'<li class="event" id="([^"]+)"', page) == expected
    document = json.loads(invoke("export", "--data", story, "-o", "-", "-f", "timelinejs").stdout)
    assert [e["unique_id"] for e in document["events"]] == expected
    text = invoke("timeline", "--data", story).stdout
    assert re.findall(r"Event ([a-z]-[a-z0-9-]+)", text) == expected


def test_january_2022_reads_in_the_curators_order_within_a_date(invoke):
    """Within "early Jan 2022" the rows of events.csv decide; the plain and "after" dates follow."""
    out = invoke("timeline", "-p", "2022-01", "-t", "domestic-unrest").stdout
    titles = [line.split("  ")[-1] for line in out.splitlines() if line.startswith("  ")]
    bundled = [r["id"] for r in read_csv_text(invoke("list", "-f", "csv", "-c", "id,date_qualifier",
                                                         "-p", "2022-01", "-t", "domestic-unrest").stdout)]
    assert len(titles) == len(bundled) == 4
    assert bundled[2:] == ["2022-01-csto-troops-withdraw", "2022-01-tokayev-launches-reforms"]
    assert "withdrawn" in titles[2] and "reforms" in titles[3]
