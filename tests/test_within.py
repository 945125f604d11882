"""--within, and views of a window setting apart the events it only overlaps (dated "2022" in January 2022)."""

from __future__ import annotations

import re

import pytest
from conftest import make_event, read_csv_text

from kaztimeline.files.load import load_events
from kaztimeline.query.criteria import Criteria
from kaztimeline.query.within import known_within, set_apart
from kaztimeline.values.dates import parse_period, window_from_bounds, window_phrase

JANUARY = ["2022-01-kandy-kantar-unrest", "2022-01-csto-force-deployed-at-tokayev-request",
           "2022-01-csto-troops-withdraw"]
HEADING = "Not known to fall within the window"

# (id, date, end_date, qualifier)
SPANS = [
    ("jan", "2022-01", "", ""),
    ("early-jan", "2022-01", "", "early"),
    ("days", "2022-01-05", "2022-01-07", ""),
    ("year", "2022", "", ""),
    ("years", "2021", "2023", ""),
    ("dec-to-jan", "2021-12", "2022-01", ""),
    ("before-jan", "2022-01", "", "before"),
    ("after-jan", "2022-01", "", "after"),
    ("circa-jan", "2022-01", "", "circa"),
]
# window -> the ids known to fall inside it
INSIDE = {
    parse_period("2022-01"): {"jan", "early-jan", "days", "circa-jan"},
    parse_period("2022"): {"jan", "early-jan", "days", "year", "circa-jan"},
    parse_period("2021-2023"): {"jan", "early-jan", "days", "year", "years", "dec-to-jan", "circa-jan"},
    parse_period("2022-01-06..2022-01"): set(),
    window_from_bounds("2022", None): {"jan", "early-jan", "days", "year", "after-jan", "circa-jan"},
    window_from_bounds(None, "2022-01"): {"jan", "early-jan", "days", "dec-to-jan", "before-jan", "circa-jan"},
    window_from_bounds(None, None): {span[0] for span in SPANS},
}


@pytest.fixture
def spans(events_file):
    return load_events(events_file([make_event(id=i, date=d, end_date=e, date_qualifier=q, title=f"Event {i}")
                                    for i, d, e, q in SPANS]))


@pytest.mark.parametrize("window", list(INSIDE), ids=window_phrase)
def test_an_event_is_within_a_window_when_its_whole_span_is(spans, window):
    ids = spans.column("id").to_pylist()
    assert {i for i, inside in zip(ids, known_within(spans, window)) if inside} == INSIDE[window]


def test_set_apart_keeps_each_part_in_its_order(spans):
    import numpy as np

    order, aside = set_apart(spans, parse_period("2022-01"), np.arange(len(spans))[::-1])
    ids = [spans.column("id").to_pylist()[i] for i in order]
    assert ids == ["circa-jan", "days", "early-jan", "jan", "after-jan", "before-jan", "dec-to-jan", "years", "year"]
    assert aside.count == 5 and aside.heading == f"{HEADING} (Jan 2022)"
    assert set_apart(spans, parse_period("2021-2023"), np.arange(3))[1] is None  # nothing to set apart


@pytest.mark.parametrize("window, phrase", [
    (parse_period("2022-01"), "Jan 2022"), (parse_period("2025Q2"), "Apr-Jun 2025"),
    (parse_period("2022-2023"), "2022-2023"), (parse_period("2024-11..2025-02"), "Nov 2024 to Feb 2025"),
    (parse_period("2025-06-05"), "5 Jun 2025"), (window_from_bounds("2022", None), "since 2022"),
    (window_from_bounds(None, "2025-06"), "until Jun 2025"),
])
def test_a_window_is_named_as_a_reader_says_it(window, phrase):
    assert window_phrase(window) == phrase


def ids_of(invoke, *args: str) -> list[str]:
    result = invoke("list", *args, "-f", "csv", "-c", "id")
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in read_csv_text(result.stdout)]


def test_within_keeps_only_what_falls_inside_the_window(invoke):
    overlapping = ids_of(invoke, "--period", "2022-01")
    assert ids_of(invoke, "--period", "2022-01", "--within") == JANUARY
    assert len(overlapping) > 20 and set(JANUARY) < set(overlapping)
    since = ids_of(invoke, "--since", "2022", "--within")
    assert "2022-01-tokayev-launches-reforms" in since  # after Jan 2022: still since 2022
    assert "2021-chinese-deliveries-to-kazakhstan-surge" not in since  # 2021-2023
    assert "2021-chinese-deliveries-to-kazakhstan-surge" in ids_of(invoke, "--since", "2022")


def test_within_without_a_window_is_a_usage_error(invoke):
    for command in ("list", "timeline", "stats", "actors"):
        result = invoke(command, "--within")
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.strip().splitlines() == [
            "kaztimeline: --within keeps the events inside a window: give --period, --since or --until too"]


def test_every_command_reading_events_honours_within(invoke):
    stats = read_csv_text(invoke("stats", "--period", "2022-01", "--within", "--by", "month", "-f", "csv").stdout)
    assert [(row["month"], row["events"]) for row in stats] == [("2022-01", "3")]
    actors = read_csv_text(invoke("actors", "--period", "2022-01", "--within", "-f", "csv").stdout)
    counts = {row["name"]: row["events"] for row in actors}
    assert counts["CSTO"] == "2" and counts.get("China", "0") == "0"
    lines = invoke("timeline", "--period", "2022-01", "--within").stdout.splitlines()
    assert lines[0] == "2022" and len([line for line in lines if line.startswith("  ")]) == 3
    assert not any(HEADING in line for line in lines)


def test_criteria_describe_within_for_export_headers():
    assert ("within", "yes") in Criteria(period="2022", within=True).describe()
    assert "within" not in dict(Criteria(period="2022").describe())


def test_timeline_sets_apart_what_the_window_only_overlaps(invoke):
    lines = invoke("timeline", "--period", "2022-01").stdout.splitlines()
    assert lines[0] == "2022"  # not "2021": the 2021-2023 events go after the heading
    heading = next(i for i, line in enumerate(lines) if line.startswith(HEADING))
    assert lines[heading] == f"{HEADING} (Jan 2022)"
    events = [line for line in lines[:heading] if line.startswith("  ")]
    apart = [line for line in lines[heading:] if line.startswith("  ")]
    assert [line.split()[0] for line in events] == ["early", "early", "Jan"]
    assert all(title in "".join(events) for title in ("Kandy kantar", "CSTO deploys", "Order restored"))
    assert len(apart) > 15 and all("Jan 2022" not in line.split("  ")[1] or "after" in line for line in apart)
    assert any(line.lstrip().startswith("2021-2023") for line in apart)


def test_timeline_on_a_terminal_sets_apart_too(invoke, monkeypatch):
    from kaztimeline.cli import views

    monkeypatch.setattr(views, "stdout_is_terminal", lambda: True)
    out = invoke("timeline", "--period", "2022-01").stdout
    assert out.index("Order restored") < out.index(f"{HEADING} (Jan 2022)") < out.index("2021-2023")


def html_headings(page: str) -> list[str]:
    return re.findall(r'<section class="year[^"]*" data-year="[^"]*">\s*<h2>([^<]*)</h2>', page)


def test_html_opens_on_the_window_and_sets_apart_the_rest(invoke, tmp_path):
    page = tmp_path / "t.html"
    assert invoke("export", "--since", "2022", "-o", str(page)).exit_code == 0
    text = page.read_text(encoding="utf-8")
    headings = html_headings(text)
    assert headings[0] == "2022" and "2021" not in headings
    assert headings[-1] == f"{HEADING} (since 2022)"
    apart = text[text.index('<section class="year apart"'):text.index('<section class="storylines"')]
    assert "Middle Corridor freight volumes" in apart and "Dated less precisely than the window" in apart
    assert "Tokayev launches reforms" not in apart  # after Jan 2022 lies since 2022

    within = tmp_path / "within.html"
    assert invoke("export", "--since", "2022", "--within", "-o", str(within)).exit_code == 0
    text = within.read_text(encoding="utf-8")
    assert HEADING not in text and "Middle Corridor freight volumes" not in text
    assert html_headings(text) == ["2022", "2023", "2024", "2025", "2026"]
    # The page's header names the filters as a reader says them: "within", not "within yes".
    assert '<span class="filter">since 2022</span>, <span class="filter">within</span>' in text


def test_html_without_a_window_has_no_aside(invoke, tmp_path):
    page = tmp_path / "all.html"
    assert invoke("export", "-o", str(page)).exit_code == 0
    headings = html_headings(page.read_text(encoding="utf-8"))
    assert HEADING not in page.read_text(encoding="utf-8") and headings == sorted(headings)


def test_list_table_sets_apart_with_a_note(invoke, monkeypatch):
    from kaztimeline.cli import listing

    monkeypatch.setattr(listing, "stdout_is_terminal", lambda: True)
    out = invoke("list", "--period", "2022-01", "-f", "table", "-c", "date,title").stdout
    heading = out.index(f"{HEADING} (Jan 2022)")
    assert out.index("Order restored") < heading < out.index("Middle Corridor freight volumes")
    assert "--within leaves these out" in out[heading:]
    assert HEADING not in invoke("list", "--period", "2022-01", "--within", "-f", "table").stdout


def test_machine_formats_keep_their_rows(invoke):
    """Pipes see the same rows in the same order, window or not: only views for a reader set events apart."""
    rows = ids_of(invoke, "--period", "2022-01")
    assert rows.index("2021-middle-corridor-volume-growth") < rows.index("2022-01-kandy-kantar-unrest")
