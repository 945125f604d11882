"""The HTML timeline in a real browser: headless Chromium, driven over the DevTools protocol.

Skipped, with the reason, where Debian's `chromium` is not installed; `.ci/run` installs it.
"""

from __future__ import annotations

import pytest
from browser import Browser, find_chromium
from conftest import read_csv_text

from kaztimeline.schema.model import split_list

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")

FILTERS = ("--since", "2020")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The timeline of events since 2020, and the rows `list` gives for the same filters."""
    from typer.testing import CliRunner

    from kaztimeline.cli import app

    runner = CliRunner()
    target = tmp_path_factory.mktemp("html") / "timeline.html"
    result = runner.invoke(app, ["export", *FILTERS, "-o", str(target)], env={"KAZTIMELINE_DATA": ""})
    assert result.exit_code == 0, result.output
    rows = read_csv_text(runner.invoke(app, ["list", *FILTERS, "--format", "csv"], env={"KAZTIMELINE_DATA": ""}).stdout)
    within = read_csv_text(runner.invoke(app, ["list", *FILTERS, "--within", "--format", "csv"],
                                         env={"KAZTIMELINE_DATA": ""}).stdout)
    # The page shows the events known to fall inside the window first, then those it only overlaps.
    inside = {r["id"] for r in within}
    assert 0 < len(inside) < len(rows)
    rows = [r for r in rows if r["id"] in inside] + [dict(r, apart="yes") for r in rows if r["id"] not in inside]
    return target, rows, result.stderr


def section_of(row) -> str:
    """The section of the page an event sits in: its year, or the one for events set apart from the window."""
    return "apart" if row.get("apart") else row["date"][:4]


@pytest.fixture(scope="module")
def browser():
    with Browser(CHROMIUM) as b:
        yield b


def test_every_exported_event_is_visible(browser, exported):
    target, rows, stderr = exported
    browser.open(target)
    visible = browser.visible_event_ids()
    assert len(visible) == len(rows) and f"wrote {len(rows)} events" in stderr
    assert visible == [r["id"] for r in rows]


def test_events_the_window_only_overlaps_come_last_under_their_heading(browser, exported):
    target, rows, _ = exported
    browser.open(target)
    headings = browser.evaluate("Array.from(document.querySelectorAll('section.year > h2')).map(h => h.textContent)")
    assert headings[0] == "2020" and headings[-1] == "Not known to fall within the window (since 2020)"
    apart = browser.evaluate("Array.from(document.querySelectorAll('section.apart li.event')).map(e => e.id)")
    assert apart == [r["id"] for r in rows if r.get("apart")]


def test_theme_chip_hides_other_themes_and_second_click_restores(browser, exported, tmp_path):
    target, rows, _ = exported
    theme = "ukraine-war"
    expected = [r["id"] for r in rows if theme in split_list(r["themes"])]
    assert 0 < len(expected) < len(rows)
    browser.open(target)
    chip = f'button[data-filter-theme="{theme}"]'
    browser.click(chip)
    assert browser.visible_event_ids() == expected
    assert browser.evaluate(f"document.querySelector('{chip}').getAttribute('aria-pressed')") == "true"
    assert browser.evaluate("document.getElementById('kz-status').textContent") == \
        f"showing {len(expected)} of {len(rows)}"
    # Years left without a visible event fold away too.
    hidden_years = browser.evaluate(
        "Array.from(document.querySelectorAll('section.year')).filter(s => !s.getClientRects().length).length")
    shown = {section_of(r) for r in rows if r["id"] in expected}
    assert hidden_years == len({section_of(r) for r in rows}) - len(shown)
    shot = browser.screenshot(tmp_path / "filtered.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    browser.click(chip)
    assert len(browser.visible_event_ids()) == len(rows)


def test_actor_chip_and_search_narrow_the_list(browser, exported):
    target, rows, _ = exported
    browser.open(target)
    browser.evaluate("document.querySelector('.controls details').open = true")
    browser.click('button[data-filter-actor="China"]')
    expected = [r["id"] for r in rows if "China" in split_list(r["actors"])]
    assert browser.visible_event_ids() == expected
    browser.click('button[data-filter-actor="China"]')
    browser.evaluate("const s = document.getElementById('kz-search'); s.value = 'KANDY';"
                     " s.dispatchEvent(new Event('input'))")
    found = browser.visible_event_ids()
    assert found and len(found) < len(rows)
    by_id = {r["id"]: r for r in rows}
    assert all("kandy" in (by_id[i]["title"] + by_id[i]["summary"] + by_id[i]["quote"]).lower() for i in found)


def test_page_works_as_static_content_without_javascript(browser, exported):
    target, rows, _ = exported
    browser.open(target, javascript=False)
    try:
        assert len(browser.visible_event_ids()) == len(rows)
        # The filter controls need the script, so they stay out of the way without it.
        assert browser.evaluate("getComputedStyle(document.querySelector('.controls')).display") == "none"
    finally:
        browser.send("Emulation.setScriptExecutionDisabled", value=False)


def test_full_timeline_screenshot(browser, tmp_path, invoke):
    target = tmp_path / "all.html"
    result = invoke("export", "-o", str(target))
    assert result.exit_code == 0
    browser.open(target)
    assert f"wrote {len(browser.visible_event_ids())} events" in result.stderr
    shot = browser.screenshot(tmp_path / "timeline.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- the map ------------------------------------------------------------------------------------------------

def places_of(rows) -> dict[str, int]:
    """Events per place with a point on the map (a place without one is marked at its region), as the page counts."""
    from kaztimeline.files.places import load_places

    gazetteer = load_places()
    counts: dict[str, int] = {}
    for row in rows:
        marks = {gazetteer.map_point(p)[0] for p in split_list(row["location"]) if gazetteer.map_point(p)}
        for mark in marks:
            counts[mark] = counts.get(mark, 0) + 1
    return counts


def marker_counts(browser) -> dict[str, int]:
    """The markers shown and the count each says."""
    return browser.evaluate(
        "Object.fromEntries(Array.from(document.querySelectorAll('.map .place'))"
        ".filter(m => m.getClientRects().length > 0 && +m.querySelector('circle').getAttribute('r') > 0)"
        ".map(m => [m.getAttribute('data-place'), +m.getAttribute('data-count')]))")


def test_a_marker_per_place_sized_by_its_events(browser, exported):
    target, rows, _ = exported
    browser.open(target)
    expected = places_of(rows)
    assert expected and marker_counts(browser) == expected
    radii = browser.evaluate("Object.fromEntries(Array.from(document.querySelectorAll('.map .place'))"
                             ".map(m => [m.getAttribute('data-place'), +m.querySelector('circle').getAttribute('r')]))")
    most = max(expected, key=expected.get)
    least = min(expected, key=expected.get)
    assert expected[most] > expected[least] and radii[most] > radii[least]
    assert browser.evaluate("document.querySelectorAll('.map path.land').length") > 10
    caption = browser.evaluate("document.querySelector('figure.map figcaption').textContent")
    assert "Natural Earth" in caption and "GeoNames (CC BY 4.0)" in caption


def test_clicking_a_marker_filters_the_timeline_to_that_place(browser, exported):
    target, rows, _ = exported
    browser.open(target)
    marker = '.map .place[data-place="Almaty"]'
    expected = [r["id"] for r in rows if "Almaty" in split_list(r["location"])]
    assert len(expected) >= 2
    browser.click(marker)
    assert browser.visible_event_ids() == expected
    assert browser.evaluate(f"document.querySelector('{marker}').getAttribute('aria-pressed')") == "true"
    # The other markers stay, so a second place can be added; a second click restores everything.
    browser.click('.map .place[data-place="Astana"]')
    assert set(browser.visible_event_ids()) == set(expected) | {
        r["id"] for r in rows if "Astana" in split_list(r["location"])}
    browser.click('.map .place[data-place="Astana"]')
    browser.click(marker)
    assert len(browser.visible_event_ids()) == len(rows)


def test_filtering_the_timeline_updates_the_markers(browser, exported):
    target, rows, _ = exported
    browser.open(target)
    theme = "domestic-unrest"
    chosen = [r for r in rows if theme in split_list(r["themes"])]
    assert places_of(chosen) != places_of(rows)
    browser.click(f'button[data-filter-theme="{theme}"]')
    assert marker_counts(browser) == places_of(chosen)
    browser.click(f'button[data-filter-theme="{theme}"]')
    browser.evaluate("const s = document.getElementById('kz-search'); s.value = 'Baikonur';"
                     " s.dispatchEvent(new Event('input'))")
    shown = set(browser.visible_event_ids())
    assert 0 < len(shown) < len(rows)
    assert marker_counts(browser) == places_of([r for r in rows if r["id"] in shown]) == {"Baikonur": 1}


def test_events_without_a_place_stay_in_the_timeline(browser, exported):
    target, rows, _ = exported
    browser.open(target)
    without = [r["id"] for r in rows if not r["location"]]
    assert without and set(without) <= set(browser.visible_event_ids())


def test_the_page_fetches_nothing_and_logs_no_error(browser, exported):
    target, _, _ = exported
    browser.send("Network.enable")
    browser.send("Log.enable")
    browser.events.clear()
    try:
        browser.open(target)
        browser.click('.map .place[data-place="Almaty"]')
        browser.evaluate("new Promise(r => setTimeout(r, 300))")
    finally:
        browser.send("Network.disable")
        browser.send("Log.disable")
    requests = [e["params"]["request"]["url"] for e in browser.events if e["method"] == "Network.requestWillBeSent"]
    assert requests == [target.resolve().as_uri()]
    errors = [e for e in browser.events if e["method"] == "Runtime.exceptionThrown"
              or (e["method"] == "Runtime.consoleAPICalled" and e["params"].get("type") in ("error", "warning"))
              or (e["method"] == "Log.entryAdded" and e["params"]["entry"].get("level") in ("error", "warning"))]
    assert errors == []
