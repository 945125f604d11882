"""One meaning for one word: the page searches what --search searches; an empty TimelineJS export is refused."""

from __future__ import annotations

import re

import pytest

from kaztimeline.query.search import SEARCHED_COLUMNS
from kaztimeline.values.text import fold


@pytest.mark.parametrize("target", ["t.timeline.json", "-"])
def test_a_timelinejs_export_of_no_events_is_refused_and_leaves_the_file(invoke, tmp_path, monkeypatch, target):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.timeline.json").write_text("previous\n", encoding="utf-8")
    result = invoke("export", "--search", "no such words anywhere", "-o", target, "-f", "timelinejs")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "TimelineJS cannot show a timeline without events" in result.stderr
    assert (tmp_path / "t.timeline.json").read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.timeline.json"]


def test_other_formats_still_export_no_events(invoke):
    result = invoke("export", "--search", "no such words anywhere", "-o", "-", "-f", "json")
    assert result.exit_code == 0 and result.stdout == "[]\n"


def test_the_page_searches_the_fields_the_cli_searches(invoke):
    page = invoke("export", "-o", "-", "-f", "html").stdout
    searched = dict(re.findall(r'<li class="event" id="([^"]+)"[^>]* data-search="([^"]*)"', page))
    table = invoke("list", "-f", "json").stdout
    import json

    events = json.loads(table)
    assert len(searched) == len(events) > 50
    for event in events:
        cells = [event[c] if isinstance(event[c], str) else ";".join(event[c] or []) for c in SEARCHED_COLUMNS]
        expected = fold(" ".join(c or "" for c in cells))
        assert searched[event["id"]] == expected.replace("&", "&amp;").replace('"', "&#34;"), event["id"]
    assert "kzText = el.getAttribute(\"data-search\")" in page


def test_defense_territoriale_finds_the_same_events_in_page_and_cli(invoke):
    query = "defense territoriale"
    cli = set(re.findall(r"^(\S+)", invoke("list", "-q", query, "-c", "id").stdout, re.M))
    page = invoke("export", "-o", "-", "-f", "html").stdout
    searched = dict(re.findall(r'<li class="event" id="([^"]+)"[^>]* data-search="([^"]*)"', page))
    # The page's script keeps an event when every folded word is in its data-search text.
    in_page = {i for i, text in searched.items() if all(w in text for w in fold(query).split())}
    assert cli == in_page and len(cli) >= 3
