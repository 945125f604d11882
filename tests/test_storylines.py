"""Storylines through the CLI: the `storylines` listing, `--storyline` on every filtering command, story order in
`list`, `timeline` and `export`, and `show` naming an event's storylines. Runs on tests/fixtures/storylines/."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import FIXTURES, read_csv_text

FOLDER = FIXTURES / "storylines"
EVENTS = str(FOLDER / "events.csv")
STORY = "territorial-defence-law-2025"
STORY_ORDER = [
    "2025-04-parliament-second-reading-territorial-defence-bill",
    "2025-06-05-senate-passes-territorial-defence-law",
    "2025-06-kamaletdinov-kursiv-urgency-of-law",
    "2025-06-kamaletdinov-defends-volunteer-formations",
    "2025-06-05-zolkin-sees-law-as-tool-of-social-control",
]


def ids(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [row["id"] for row in read_csv_text(result.stdout)]


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "json", "jsonl", "md"])
def test_storylines_lists_id_title_count_and_span_in_every_format(invoke, fmt):
    result = invoke("storylines", "-d", EVENTS, "-f", fmt)
    assert result.exit_code == 0, result.output
    for text in (STORY, "The territorial-defence law of 2025", "2025-04..2025-06", "january-2022-crisis"):
        assert text in result.stdout
    if fmt == "json":
        rows = json.loads(result.stdout)
        assert rows[0] == {"id": STORY, "title": "The territorial-defence law of 2025", "events": "5",
                           "span": "2025-04..2025-06"}
        assert rows[1]["events"] == "4" and rows[1]["span"] == "2022-01"


def test_storylines_counts_follow_the_filters(invoke):
    rows = read_csv_text(invoke("storylines", "-d", EVENTS, "--since", "2025-06-03", "-f", "csv").stdout)
    assert [(r["id"], r["events"], r["span"]) for r in rows] == [
        (STORY, "4", "2025-06"), ("january-2022-crisis", "0", "")]


def test_list_follows_story_order_unless_sort_is_given(invoke):
    story = ids(invoke("list", "-d", EVENTS, "--storyline", STORY, "-f", "csv"))
    by_date = ids(invoke("list", "-d", EVENTS, "--storyline", STORY, "--sort", "date", "-f", "csv"))
    assert story == STORY_ORDER
    assert by_date == [STORY_ORDER[0], STORY_ORDER[3], STORY_ORDER[2], STORY_ORDER[1], STORY_ORDER[4]]
    newest = ids(invoke("list", "-d", EVENTS, "--storyline", STORY, "--sort", "-date", "-f", "csv"))
    assert newest == by_date[::-1]


@pytest.mark.parametrize("typed", [STORY, "Territorial-Defence-Law-2025", "territorial", "The TERRITORIAL-défence law",
                                   "the territorial defence law of 2025"])
def test_storyline_is_matched_by_id_title_or_unique_prefix_folded(invoke, typed):
    assert ids(invoke("list", "-d", EVENTS, "--storyline", typed, "-f", "csv")) == STORY_ORDER


@pytest.mark.parametrize("typed, message", [
    ("teritorial", 'unknown storyline "teritorial"; did you mean territorial-defence-law-2025?'),
    ("nothing-like-it", 'unknown storyline "nothing-like-it" (`kaztimeline storylines` lists them)'),
    ("t", 'storyline "t" is ambiguous: territorial-defence-law-2025, january-2022-crisis match'),
])
@pytest.mark.parametrize("command", [["list"], ["timeline"], ["stats"], ["actors"], ["storylines"],
                                     ["export", "-o", "-", "-f", "csv"]])
def test_unknown_storyline_is_a_usage_error_everywhere(invoke, command, typed, message):
    result = invoke(*command, "-d", EVENTS, "--storyline", typed)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_several_storylines_are_ored_in_date_order(invoke):
    both = ids(invoke("list", "-d", EVENTS, "--storyline", STORY, "--storyline", "january", "-f", "csv"))
    everything = ids(invoke("list", "-d", EVENTS, "-f", "csv"))
    assert both == [i for i in everything if i != "2025-05-09-tokayev-parade-speech-defence-priority"]


def test_storyline_filter_combines_with_the_others(invoke):
    got = ids(invoke("list", "-d", EVENTS, "--storyline", STORY, "--actor", "Kamaletdinov", "-f", "csv"))
    assert got == [i for i in STORY_ORDER if "kamaletdinov" in i]
    counts = read_csv_text(invoke("themes", "-d", EVENTS, "--storyline", "january", "-f", "csv").stdout)
    assert sum(int(r["events"]) for r in counts if r["id"] == "defence-reform") == 0


def test_stats_counts_a_storyline(invoke):
    rows = json.loads(invoke("stats", "-d", EVENTS, "--storyline", STORY, "--by", "year", "-f", "json").stdout)
    assert [(r["year"], r["events"]) for r in rows] == [("2025", 5)]


def test_timeline_reads_the_thread_under_its_title_and_summary(invoke):
    result = invoke("timeline", "-d", EVENTS, "--storyline", STORY)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "The territorial-defence law of 2025"
    assert lines[1].startswith("Kazakhstan's law on territorial defence")
    numbered = [line.split()[0] for line in lines if line.startswith("    ")]
    assert numbered == ["1/5", "2/5", "3/5", "4/5", "5/5"]
    assert "Kazakh Senate passes the law" in next(line for line in lines if line.strip().startswith("2/5"))


def test_timeline_with_a_filtered_thread_keeps_the_story_numbers(invoke):
    out = invoke("timeline", "-d", EVENTS, "--storyline", STORY, "--since", "2025-06-03").stdout
    assert "1/5" not in out and "2/5" in out and "5/5" in out


def test_timeline_without_a_storyline_has_no_header(invoke):
    out = invoke("timeline", "-d", EVENTS).stdout
    assert out.splitlines()[0] == "2022" and "/5" not in out


def test_show_names_the_storylines_and_the_place_in_each(invoke):
    event = STORY_ORDER[1]
    text = invoke("show", "-d", EVENTS, event).stdout
    assert f"storyline: {STORY} (2 of 5)" in text
    payload = json.loads(invoke("show", "-d", EVENTS, event, "-f", "json").stdout)
    assert payload["storylines"] == [{"id": STORY, "title": "The territorial-defence law of 2025", "position": 2,
                                      "of": 5}]


def test_show_an_event_in_no_storyline(invoke):
    payload = json.loads(invoke("show", "-d", EVENTS, "2025-05-09-tokayev-parade-speech-defence-priority",
                                "-f", "json").stdout)
    assert payload["storylines"] == []


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "md", "tsv"])
def test_export_of_one_storyline_is_in_story_order(invoke, fmt, tmp_path):
    target = tmp_path / f"story.{fmt}"
    result = invoke("export", "-d", EVENTS, "--storyline", STORY, "-o", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert [text.index(i) for i in STORY_ORDER] == sorted(text.index(i) for i in STORY_ORDER)


def test_timelinejs_of_one_storyline_opens_on_its_title_and_keeps_story_order(invoke, tmp_path):
    target = tmp_path / "story.timeline.json"
    assert invoke("export", "-d", EVENTS, "--storyline", "territorial", "-o", str(target)).exit_code == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["title"]["text"]["headline"] == "The territorial-defence law of 2025"
    assert "the Senate vote of 5 June 2025" in document["title"]["text"]["text"]
    assert [e["unique_id"] for e in document["events"]] == STORY_ORDER
    plain = tmp_path / "all.timeline.json"
    assert invoke("export", "-d", EVENTS, "-o", str(plain)).exit_code == 0
    assert json.loads(plain.read_text())["title"]["text"]["headline"].startswith("Kazakhstan")


def test_html_marks_each_events_storylines_and_lists_each_thread(invoke, tmp_path):
    target = tmp_path / "page.html"
    assert invoke("export", "-d", EVENTS, "-o", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert page.count(f'<a href="#storyline-{STORY}" data-storyline="{STORY}">') == 5
    assert '(2 of 5)' in page and f'<article id="storyline-{STORY}">' in page
    index = page[page.index(f'<article id="storyline-{STORY}">'):]
    places = [index.index(f'href="#{i}"') for i in STORY_ORDER]
    assert places == sorted(places)
    assert "<script src" not in page and "http" not in page.split("<script>")[1]


def test_storylines_are_bundled_by_default_and_optional_for_a_users_file(invoke, tmp_path):
    mine = tmp_path / "events.csv"
    shutil.copy(EVENTS, mine)
    result = invoke("storylines", "-d", str(mine), "-f", "csv")
    assert result.exit_code == 0 and read_csv_text(result.stdout) == []
    assert len(ids(invoke("list", "-d", str(mine), "-f", "csv"))) == 10
    assert invoke("list", "-d", str(mine), "--storyline", STORY).exit_code == 2
    shutil.copy(FOLDER / "storylines.csv", tmp_path)
    shutil.copy(FOLDER / "storyline_events.csv", tmp_path)
    assert ids(invoke("list", "-d", str(mine), "--storyline", STORY, "-f", "csv")) == STORY_ORDER


def test_a_bad_position_is_one_located_error(invoke, tmp_path):
    shutil.copy(EVENTS, tmp_path / "events.csv")
    shutil.copy(FOLDER / "storylines.csv", tmp_path)
    text = (FOLDER / "storyline_events.csv").read_text(encoding="utf-8").replace(",3\n", ",three\n")
    (tmp_path / "storyline_events.csv").write_text(text, encoding="utf-8")
    result = invoke("list", "-d", str(tmp_path / "events.csv"), "--storyline", STORY)
    assert result.exit_code == 1
    assert result.stderr.strip().endswith('storyline_events.csv:4: position: "three" is not a position: use a whole '
                                          "number from 1")
    assert "Traceback" not in result.output
    assert invoke("list", "-d", str(tmp_path / "events.csv"), "-f", "csv").exit_code == 0  # only storylines need it


def test_storyline_option_is_in_every_filtering_commands_help(invoke):
    for command in ("list", "timeline", "stats", "export", "actors", "themes", "sources", "storylines"):
        assert "--storyline" in invoke(command, "--help").stdout, command
