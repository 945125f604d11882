"""Following a storyline on the HTML page, in headless Chromium: the selector, the links, story order, no errors.

Skipped, with the reason, where Debian's `chromium` is not installed; `.ci/run` installs it.
"""

from __future__ import annotations

import pytest
from browser import Browser, find_chromium
from conftest import FIXTURES, read_csv_text

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")

EVENTS = FIXTURES / "storylines" / "events.csv"
STORY = "territorial-defence-law-2025"


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The whole fixture as a page, the page `--storyline` opens on one thread, and `list`'s orders."""
    from typer.testing import CliRunner

    from kaztimeline.cli import app

    runner = CliRunner()
    folder = tmp_path_factory.mktemp("html")
    env = {"KAZTIMELINE_DATA": ""}
    for name, extra in (("all.html", []), ("story.html", ["--storyline", STORY])):
        result = runner.invoke(app, ["export", "-d", str(EVENTS), *extra, "-o", str(folder / name)], env=env)
        assert result.exit_code == 0, result.output

    def ids(*args):
        return [r["id"] for r in read_csv_text(runner.invoke(app, ["list", "-d", str(EVENTS), *args, "-f", "csv"],
                                                             env=env).stdout)]

    return folder, ids(), ids("--storyline", STORY)


@pytest.fixture(scope="module")
def browser():
    with Browser(CHROMIUM) as b:
        yield b


def test_selector_shows_the_thread_in_story_order_and_back(browser, pages):
    folder, by_date, story = pages
    assert story != sorted(story, key=by_date.index)  # the fixture's story order is not date order
    browser.open(folder / "all.html")
    assert browser.visible_event_ids() == by_date
    browser.evaluate(f"const p = document.getElementById('kz-storyline'); p.value = '{STORY}';"
                     " p.dispatchEvent(new Event('change'))")
    assert browser.visible_event_ids() == story
    assert browser.evaluate("document.getElementById('kz-story-title').textContent") == \
        "The territorial-defence law of 2025"
    assert browser.evaluate("document.getElementById('kz-status').textContent") == \
        f"showing {len(story)} of {len(by_date)}"
    browser.click("#kz-clear")
    assert browser.visible_event_ids() == by_date
    assert browser.errors == []


def test_an_events_storyline_link_follows_it(browser, pages, tmp_path):
    folder, by_date, story = pages
    browser.open(folder / "all.html")
    first = story[0]
    link = f'[id="{first}"] a[data-storyline="{STORY}"]'
    assert browser.evaluate(f"document.querySelector('{link}').parentNode.textContent").endswith("(1 of 5)")
    browser.click(link)
    assert browser.visible_event_ids() == story
    shot = browser.screenshot(tmp_path / "story.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # Other filters still apply inside the thread.
    browser.evaluate("const s = document.getElementById('kz-search'); s.value = 'Kamaletdinov';"
                     " s.dispatchEvent(new Event('input'))")
    assert browser.visible_event_ids() == [i for i in story if "kamaletdinov" in i]
    assert browser.errors == []


def test_page_exported_for_one_storyline_opens_on_it(browser, pages):
    folder, _, story = pages
    browser.open(folder / "story.html")
    assert browser.visible_event_ids() == story
    assert browser.evaluate("document.getElementById('kz-storyline').value") == STORY
    assert browser.errors == []


def test_without_javascript_every_event_and_the_storyline_index_show(browser, pages):
    folder, by_date, story = pages
    browser.open(folder / "all.html", javascript=False)
    try:
        assert browser.visible_event_ids() == by_date
        listed = browser.evaluate(f"Array.from(document.querySelectorAll('#storyline-{STORY} li a'))"
                                  ".map(a => a.getAttribute('href').slice(1))")
        assert listed == story
    finally:
        browser.send("Emulation.setScriptExecutionDisabled", value=False)


def test_the_error_probe_sees_page_errors(browser, tmp_path):
    """Guards the guard: a console error and an uncaught exception both reach `browser.errors`."""
    page = tmp_path / "broken.html"
    page.write_text('<!DOCTYPE html><script>console.error("logged"); throw new Error("thrown");</script>')
    before = len(browser.errors)
    browser.open(page)
    browser.evaluate("1")
    found = browser.errors[before:]
    del browser.errors[before:]
    assert any("logged" in e for e in found) and any("thrown" in e for e in found)
