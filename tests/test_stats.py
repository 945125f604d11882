"""`kaztimeline stats`: counting by period or category (list columns exploded), cross-tabulation,
and the table, csv and json outputs, with every filter."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from conftest import make_event, read_csv_text

from kaztimeline.errors import UsageError
from kaztimeline.files.load import load_events
from kaztimeline.query.stats import count_events, parse_keys
from kaztimeline.render.charts import bar
from kaztimeline.schema.model import split_list

ROWS = [
    make_event(id="2025-a", date="2025", actors="Kazakhstan;Russia", themes="diplomacy;ukraine-war"),
    make_event(id="2025-04-b", date="2025-04", actors="Russia", themes="diplomacy", claim_type="statement"),
    make_event(id="2025-05-03-c", date="2025-05-03", actors="China;Kazakhstan", themes="economy-sanctions"),
    make_event(id="2024-12-d", date="2024-12", end_date="2025-02", actors="Kazakhstan", themes="diplomacy"),
]


@pytest.fixture
def table(events_file):
    return load_events(events_file(ROWS))


def test_periods_come_from_the_start_date_at_its_precision(table):
    assert count_events(table, ("year",)).totals == {"2024": 1, "2025": 3}
    assert count_events(table, ("quarter",)).totals == {"2024Q4": 1, "2025Q2": 2, "2025Q?": 1}
    assert count_events(table, ("month",)).totals == {"2024-12": 1, "2025-04": 1, "2025-05": 1, "2025-??": 1}


def test_multi_valued_columns_count_once_under_each_value(table):
    actors = count_events(table, ("actor",))
    assert actors.totals == {"Kazakhstan": 3, "Russia": 2, "China": 1}
    assert list(actors.totals) == ["Kazakhstan", "Russia", "China"]  # largest first
    assert sum(actors.totals.values()) == 6 and actors.events == 4
    assert count_events(table, ("theme",)).totals == {"diplomacy": 3, "economy-sanctions": 1, "ukraine-war": 1}


def test_categories_and_claim_types(table):
    assert count_events(table, ("claim-type",)).totals == {"reported": 3, "statement": 1}
    assert count_events(table, ("source",)).totals == {"000_d970a0a86d3a984d.txt": 4}


def test_cross_tabulation(table):
    tally = count_events(table, ("year", "theme"))
    assert tally.totals == {"2024": 1, "2025": 3}  # row totals count each event once
    assert tally.columns == ["diplomacy", "economy-sanctions", "ukraine-war"]
    assert tally.cells == {("2024", "diplomacy"): 1, ("2025", "diplomacy"): 2,
                           ("2025", "economy-sanctions"): 1, ("2025", "ukraine-war"): 1}
    assert tally.records()[0] == ("2024", "diplomacy", 1)
    both_lists = count_events(table, ("actor", "theme"))
    assert both_lists.cells[("Kazakhstan", "diplomacy")] == 2
    assert both_lists.cells[("Russia", "ukraine-war")] == 1


def test_repeated_value_within_one_event_counts_once(events_file):
    table = load_events(events_file([make_event(actors="Russia;Russia;Kazakhstan")]))
    assert count_events(table, ("actor",)).totals == {"Kazakhstan": 1, "Russia": 1}


def test_bundled_theme_counts_match_a_direct_count():
    table = load_events()
    direct = Counter(t for cell in table.frame["themes"] for t in dict.fromkeys(split_list(cell)))
    assert count_events(table, ("theme",)).totals == dict(direct)


@pytest.mark.parametrize("text", ["", "year,", "decade", "year,theme,actor", "theme,theme", "Yaer"])
def test_bad_keys_are_usage_errors(text):
    with pytest.raises(UsageError):
        parse_keys(text)


def test_bad_key_exits_2(invoke):
    result = invoke("stats", "--by", "decade")
    assert result.exit_code == 2 and "year, quarter, month" in result.stderr


def test_bar_lengths():
    assert bar(0, 10) == ""
    assert bar(10, 10, width=20) == "█" * 20
    assert bar(5, 10, width=20) == "█" * 10
    assert bar(1, 1000, width=20) == "▏"  # a non-zero count never vanishes
    assert len(bar(3, 7, width=40)) == 18  # 17 full cells and a partial one


def test_table_view_with_footer(invoke, events_file):
    result = invoke("stats", "--data", str(events_file(ROWS)), "--by", "actor")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    kazakhstan = next(line for line in lines if line.strip().startswith("Kazakhstan"))
    china = next(line for line in lines if line.strip().startswith("China"))
    assert kazakhstan.split()[1] == "3" and china.split()[1] == "1"
    assert kazakhstan.count("█") == 40 and china.count("█") == 13  # 40 / 3, drawn to the eighth
    assert "4 events." in result.stdout
    assert "several actors counts once under each, so the counts add up to 6" in " ".join(result.stdout.split())
    assert "\x1b[" not in result.stdout  # plain text off a terminal


def test_table_view_cross_tab_and_period_notes(invoke, events_file):
    path = str(events_file(ROWS))
    matrix = invoke("stats", "--data", path, "--by", "quarter,claim-type").stdout
    header = next(line for line in matrix.splitlines() if "reported" in line)
    assert header.split() == ["quarter", "events", "reported", "statement"]
    assert [line.split()[0] for line in matrix.splitlines() if line.strip()[:4].isdigit()] == \
        ["2024Q4", "2025Q2", "2025Q?"]
    assert "2022Q? holds the events dated only to that year" in " ".join(matrix.split())
    assert "counted by their start date" in matrix


def test_wide_cross_tab_falls_back_to_groups(invoke):
    """year × theme is too wide for 160 columns: one group of bars per year instead of a matrix."""
    result = invoke("stats", "--by", "year,theme", "--period", "2022")
    lines = result.stdout.splitlines()
    listed = read_csv_text(invoke("list", "--period", "2022", "--format", "csv").stdout)
    starting_2022 = str(sum(r["date"].startswith("2022") for r in listed))
    assert any(line.split()[:3] == ["2022", "all", starting_2022] for line in lines if line.strip())
    assert any(line.split()[:1] == ["ukraine-war"] and "█" in line for line in lines)


def test_csv_and_json_outputs(invoke, events_file):
    path = str(events_file(ROWS))
    rows = read_csv_text(invoke("stats", "--data", path, "--by", "month", "--format", "csv").stdout)
    assert rows == [{"month": "2024-12", "events": "1"}, {"month": "2025-04", "events": "1"},
                    {"month": "2025-05", "events": "1"}, {"month": "2025-??", "events": "1"}]
    data = json.loads(invoke("stats", "--data", path, "--by", "claim-type,theme", "--format", "json").stdout)
    assert {"claim_type": "reported", "theme": "diplomacy", "events": 2} in data
    assert all(isinstance(d["events"], int) and d["events"] > 0 for d in data)
    assert sum(d["events"] for d in data) == 5  # 3 + 1 + 1 themes across four events


FILTERS = [
    ("--actor", "Russia"), ("--theme", "ukraine-war"), ("--since", "2025"), ("--until", "2010"),
    ("--period", "2022Q1"), ("--search", "Baïkonour"), ("--source", "002_4bcfaecb188bc0a3.txt"),
    ("--claim-type", "statement"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: " ".join(f))
def test_every_filter_selects_what_list_selects(invoke, filters):
    listed = read_csv_text(invoke("list", *filters, "--format", "csv").stdout)
    data = json.loads(invoke("stats", *filters, "--by", "claim-type", "--format", "json").stdout)
    assert {d["claim_type"]: d["events"] for d in data} == dict(Counter(r["claim_type"] for r in listed))
    assert sum(d["events"] for d in data) == len(listed) > 0


def test_no_events(invoke):
    result = invoke("stats", "--search", "no-such-word", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    table = invoke("stats", "--search", "no-such-word")
    assert table.exit_code == 0 and "0 events." in table.stdout


def test_actor_counts_say_why_they_differ_from_actors(invoke):
    """`stats --by actor` counts names as written; `actors` rolls members up (Russia 28 here, 29 there)."""
    stats = invoke("stats", "--by", "actor", "-f", "csv")
    counted = dict(line.rsplit(",", 1) for line in stats.stdout.splitlines()[1:])
    listed = dict(line.split("\t")[0::4] for line in invoke("actors", "-f", "tsv").stdout.splitlines()[1:])
    assert int(counted["Russia"]) < int(listed["Russia"])
    footer = " ".join(invoke("stats", "--by", "actor").stdout.split())
    assert "Actors count as written on each event; `kaztimeline actors` and `list --actor` also count" in footer
    assert "Actors count as written" not in " ".join(invoke("stats", "--by", "theme").stdout.split())
