"""`export --format timelinejs`: TimelineJS3 JSON checked against a schema written from its documentation,
with date objects at each event's precision, display dates for hedged dates, and escaped HTML text."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
from conftest import FIXTURES, make_event, read_csv_text

from kaztimeline.render.timelinejs import date_object
from kaztimeline.schema.model import split_list

SCHEMA = json.loads((FIXTURES / "timelinejs.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.fixture
def export_timelinejs(invoke, tmp_path):
    def run(*args: str) -> dict:
        target = tmp_path / "kz.timeline.json"
        result = invoke("export", *args, "-o", str(target))
        assert result.exit_code == 0, result.stderr
        return json.loads(target.read_text(encoding="utf-8"))

    return run


@pytest.mark.parametrize("filters", [(), ("--actor", "Russia"), ("--period", "2025Q2")])
def test_bundled_events_validate(export_timelinejs, filters):
    VALIDATOR.validate(export_timelinejs(*filters))


def test_one_slide_per_event_with_its_id_and_first_theme(invoke, export_timelinejs):
    document = export_timelinejs("--theme", "diplomacy", "--since", "2022")
    rows = read_csv_text(invoke("list", "--theme", "diplomacy", "--since", "2022", "--format", "csv").stdout)
    assert [e["unique_id"] for e in document["events"]] == [r["id"] for r in rows]
    from kaztimeline.files.vocabularies import load_vocabularies

    labels = {k: v["label"] for k, v in load_vocabularies().themes.items()}
    assert [e["group"] for e in document["events"]] == [labels[split_list(r["themes"])[0]] for r in rows]
    assert document["title"]["text"]["headline"]
    assert f"{len(rows)} events" in document["title"]["text"]["text"]
    assert "theme: diplomacy" in document["title"]["text"]["text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025", {"year": "2025"}), ("2025-12", {"year": "2025", "month": "12"}),
     ("2025-04-07", {"year": "2025", "month": "4", "day": "7"})],
)
def test_date_object_has_only_the_parts_the_date_has(text, expected):
    assert date_object(text) == expected


def test_dates_precision_spans_and_display_dates(invoke, events_file, tmp_path):
    rows = [
        make_event(id="2025-e-year", date="2025"),
        make_event(id="2025-12-e-early", date="2025-12", date_qualifier="early"),
        make_event(id="2025-04-07-e-span", date="2025-04-07", end_date="2025-04-11"),
        make_event(id="2025-06-05-e-day", date="2025-06-05"),
    ]
    target = tmp_path / "t.timeline.json"
    assert invoke("export", "--data", str(events_file(rows)), "-o", str(target)).exit_code == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    VALIDATOR.validate(document)
    slides = {e["unique_id"]: e for e in document["events"]}
    assert slides["2025-e-year"]["start_date"] == {"year": "2025"}
    assert "display_date" not in slides["2025-e-year"] and "end_date" not in slides["2025-e-year"]
    assert slides["2025-12-e-early"]["start_date"] == {"year": "2025", "month": "12"}
    assert slides["2025-12-e-early"]["display_date"] == "early December 2025"
    assert slides["2025-04-07-e-span"]["end_date"] == {"year": "2025", "month": "4", "day": "11"}
    assert slides["2025-04-07-e-span"]["display_date"] == "7-11 April 2025"
    assert slides["2025-06-05-e-day"]["start_date"] == {"year": "2025", "month": "6", "day": "5"}
    assert "display_date" not in slides["2025-06-05-e-day"]


def test_text_is_escaped_html(invoke, events_file, tmp_path):
    hostile = '<script>alert("x")</script> & co'
    rows = [make_event(title=hostile, summary=hostile, quote=hostile, actors="A<b>;Kazakhstan")]
    target = tmp_path / "t.timeline.json"
    invoke("export", "--data", str(events_file(rows)), "-o", str(target))
    slide = json.loads(target.read_text(encoding="utf-8"))["events"][0]
    assert slide["text"]["headline"] == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"
    assert "<script>" not in slide["text"]["text"] and "A<b>" not in slide["text"]["text"]
    assert "&lt;script&gt;" in slide["text"]["text"] and "A&lt;b&gt;" in slide["text"]["text"]
    assert "<blockquote>" in slide["text"]["text"]  # our own markup stays markup


def test_schema_rejects_what_timelinejs_would_not_load(export_timelinejs):
    """The schema must be able to fail: each broken copy of a real export is refused."""
    good = export_timelinejs("--period", "2025Q2")
    breakages = [
        lambda d: d.pop("events"),
        lambda d: d["events"][0].pop("start_date"),
        lambda d: d["events"][0]["start_date"].pop("year"),
        lambda d: d["events"][0]["start_date"].update(month="13"),
        lambda d: d["events"][0]["start_date"].update(year="2025 AD"),
        lambda d: d["events"][0].update(headline="misplaced"),
        lambda d: d["events"][0]["text"].update(body="misspelt"),
        lambda d: d.update(scale="geological"),
    ]
    for breaking in breakages:
        broken = copy.deepcopy(good)
        breaking(broken)
        assert not VALIDATOR.is_valid(broken)
