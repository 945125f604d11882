"""Evidence model: further citations (citations.csv), corroborated and disputed events, and date_basis.

Run against tests/fixtures/evidence/: five curated events with their citations from the seeds. There,
1991-kazakhstan-independence is told by two sources (corroborated); the 2020 and 2021 rows each have a
citation that differs; one date is inferred and one is a publication date.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, read_csv_text

from kaztimeline.values.dates import format_event_date

EVIDENCE = FIXTURES / "evidence"
EVENTS = str(EVIDENCE / "events.csv")
SECOND = "001_04dca4ea6ba9c658.txt"
DISPUTED = "2020-kazakhstan-stops-nato-exercises"


def ids(result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [line.split("\t")[0] for line in result.stdout.splitlines()]


@pytest.fixture
def copy(tmp_path) -> Path:
    for name in ("events.csv", "citations.csv"):
        shutil.copy(EVIDENCE / name, tmp_path / name)
    return tmp_path


def test_source_matches_any_citation(invoke):
    assert ids(invoke("list", "--data", EVENTS, "--source", SECOND, "-c", "id")) == ["1991-kazakhstan-independence"]
    assert len(ids(invoke("list", "--data", EVENTS, "--source", "003_d30f7943c14984aa.txt", "-c", "id"))) == 5


def test_corroborated_needs_two_distinct_sources(invoke):
    # the 2020 row has a further citation, but from its own source: not corroborated
    assert ids(invoke("list", "--data", EVENTS, "--corroborated", "-c", "id")) == ["1991-kazakhstan-independence"]


def test_stated_dates_leaves_out_inferred_and_publication_dates(invoke):
    kept = ids(invoke("list", "--data", EVENTS, "--stated-dates", "-c", "id"))
    assert "2022-01-csto-troops-withdraw" not in kept and "2026-01-06-new-armoured-vehicles-announced" not in kept
    assert len(kept) == 3


def test_without_citations_file_no_event_is_corroborated(invoke, tmp_path):
    shutil.copy(EVIDENCE / "events.csv", tmp_path / "events.csv")
    path = str(tmp_path / "events.csv")
    assert ids(invoke("list", "--data", path, "--corroborated", "-c", "id")) == []
    # 1991's own source is not 003: only its further citation named it
    assert len(ids(invoke("list", "--data", path, "--source", "003_d30f7943c14984aa.txt", "-c", "id"))) == 4


def test_json_carries_every_citation_primary_first(invoke):
    records = {r["id"]: r for r in json.loads(invoke("list", "--data", EVENTS, "-f", "json").stdout)}
    independence = records["1991-kazakhstan-independence"]
    assert [c["relation"] for c in independence["citations"]] == ["primary", "supports"]
    assert independence["sources"] == [SECOND, "003_d30f7943c14984aa.txt"] and independence["disputed"] is False
    assert records[DISPUTED]["disputed"] is True
    lines = invoke("list", "--data", EVENTS, "-f", "jsonl").stdout.splitlines()
    assert json.loads(lines[1])["citations"][1]["relation"] == "differs"


def test_csv_keeps_the_events_columns_and_round_trips(invoke, tmp_path):
    out = invoke("list", "--data", EVENTS, "-f", "csv").stdout
    assert out.splitlines()[0] == (EVIDENCE / "events.csv").read_text(encoding="utf-8").splitlines()[0]
    assert read_csv_text(out) == read_csv_text((EVIDENCE / "events.csv").read_text(encoding="utf-8"))


def test_every_view_marks_differing_sources(invoke, tmp_path):
    assert "≠ sources differ" in invoke("timeline", "--data", EVENTS).stdout
    assert "[≠ sources differ]" in invoke("list", "--data", EVENTS, "-f", "md").stdout
    assert "≠ sources differ" in invoke("list", "--data", EVENTS, "-f", "table").stdout
    shown = invoke("show", DISPUTED, "--data", EVENTS).stdout
    assert "evidence: ≠ sources differ" in shown and "cited: 003_d30f7943c14984aa.txt (differs)" in shown
    assert "Depuis le déclenchement du conflit ukrainien" in shown
    assert "≠ sources differ" not in invoke("show", "1991-kazakhstan-independence", "--data", EVENTS).stdout
    shown_json = json.loads(invoke("show", DISPUTED, "--data", EVENTS, "-f", "json").stdout)
    assert shown_json["disputed"] is True and len(shown_json["citations"]) == 2
    html = tmp_path / "t.html"
    assert invoke("export", "--data", EVENTS, "-o", str(html)).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert page.count('class="disputed"') == 2 and "au moment de l&#39;indépendance du pays en 1991" in page
    tl = tmp_path / "t.timeline.json"
    invoke("export", "--data", EVENTS, "-o", str(tl))
    slides = {s["unique_id"]: s for s in json.loads(tl.read_text(encoding="utf-8"))["events"]}
    assert "≠ sources differ" in slides[DISPUTED]["text"]["headline"]
    assert "Also cited (supports)" in slides["1991-kazakhstan-independence"]["text"]["text"]
    assert slides["2022-01-csto-troops-withdraw"]["display_date"] == "January 2022, inferred"


def test_stats_by_source_counts_citations(invoke):
    rows = json.loads(invoke("stats", "--data", EVENTS, "--by", "source", "-f", "json").stdout)
    assert {r["source"]: r["events"] for r in rows} == {"003_d30f7943c14984aa.txt": 5, SECOND: 1}
    assert "An event with several sources counts once under each" in invoke("stats", "--data", EVENTS,
                                                                            "--by", "source").stdout
    counts = {line.split("\t")[0]: line.split("\t")[-1] for line in
              invoke("sources", "--data", EVENTS, "-f", "tsv").stdout.splitlines()}
    assert counts[SECOND] == "1" and counts["003_d30f7943c14984aa.txt"] == "5"


@pytest.mark.parametrize(("basis", "shown"), [("", "Nov 2025"), ("stated", "Nov 2025"),
                                               ("inferred", "Nov 2025, inferred"),
                                               ("publication", "Nov 2025, publication date")])
def test_the_date_says_how_it_is_known(basis, shown):
    assert format_event_date("2025-11", basis=basis) == shown


def test_views_show_the_date_basis(invoke):
    text = invoke("timeline", "--data", EVENTS).stdout
    assert "Jan 2022, inferred" in text and "before 6 Jan 2026, publication date" in text


def test_validate_checks_citations(invoke, copy):
    path = copy / "citations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append('no-such-event,003_d30f7943c14984aa.txt,inventé de toutes pièces,maybe,')
    lines.append(f'{DISPUTED},unknown.txt,x,differs,')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("validate", str(copy / "events.csv"))
    assert result.exit_code != 0
    out = result.stdout + result.stderr
    assert f"{path.name}:6: event_id: \"no-such-event\" is not an event id" in out
    assert f"{path.name}:6: quote: the quote is not verbatim in 003_d30f7943c14984aa.txt" in out
    assert f"{path.name}:6: relation: \"maybe\" is not one of supports, differs" in out
    assert f"{path.name}:7: source: \"unknown.txt\" is not in sources.csv" in out
    assert f"{path.name}:7: note: a citation that differs must say how" in out


def test_validate_passes_the_fixture_and_checks_date_basis(invoke, copy):
    assert invoke("validate", str(copy / "events.csv")).exit_code == 0
    events = copy / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(",inferred\n", ",guessed\n"), encoding="utf-8")
    result = invoke("validate", str(events))
    assert result.exit_code != 0 and 'date_basis: "guessed" is not one of stated, inferred, publication' in (
        result.stdout + result.stderr)
    loaded = invoke("list", "--data", str(events))
    assert loaded.exit_code != 0 and "date_basis" in loaded.stderr and "Traceback" not in loaded.stderr


def test_bad_citations_file_is_one_clear_error(invoke, copy):
    (copy / "citations.csv").write_text("event_id,source,quote,relation,note\nx,y,z,perhaps,\n", encoding="utf-8")
    result = invoke("list", "--data", str(copy / "events.csv"))
    assert result.exit_code != 0 and 'citations.csv:2: relation: "perhaps" is not one of' in result.stderr


def test_twelve_column_file_still_reads_and_validates(invoke, tmp_path):
    from kaztimeline.schema.model import OPTIONAL_EVENT_COLUMNS

    rows = read_csv_text((EVIDENCE / "events.csv").read_text(encoding="utf-8"))
    header = [c for c in rows[0] if c not in OPTIONAL_EVENT_COLUMNS]
    from conftest import write_events

    path = write_events(tmp_path / "events.csv", rows, columns=header)
    assert invoke("validate", str(path)).exit_code == 0
    assert len(ids(invoke("list", "--data", str(path), "--stated-dates", "-c", "id"))) == 5


def test_twelve_column_file_round_trips_byte_for_byte(invoke, tmp_path):
    """The loader fills a missing date_basis with empty cells for the filters and views, but output keeps
    the file's own columns: a 12-column file comes back from list, export and a data package unchanged."""
    from kaztimeline.schema.model import EVENT_COLUMNS, OPTIONAL_EVENT_COLUMNS

    twelve = [c for c in EVENT_COLUMNS if c not in OPTIONAL_EVENT_COLUMNS]
    text = invoke("list", "--data", EVENTS, "-f", "csv", "-c", ",".join(twelve)).stdout
    path = tmp_path / "events.csv"
    path.write_text(text, encoding="utf-8")
    assert text.splitlines()[0] == ",".join(twelve)
    assert invoke("list", "--data", str(path), "-f", "csv").stdout == text
    assert invoke("list", "--data", str(path), "-f", "tsv").stdout.splitlines()[0].split("\t") == twelve
    assert invoke("export", "--data", str(path), "-o", str(tmp_path / "out.csv")).exit_code == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == text
    assert "date_basis" not in json.loads(invoke("list", "--data", str(path), "-f", "json").stdout)[0]
    assert invoke("export", "--data", str(path), "-o", str(tmp_path / "pkg") + "/").exit_code == 0
    assert (tmp_path / "pkg" / "events.csv").read_text(encoding="utf-8") == text
    # the column is still there to ask for, empty (a stated date)
    assert set(invoke("list", "--data", str(path), "-f", "csv", "-c", "date_basis").stdout.splitlines()[1:]) == {'""'}


def test_every_view_names_a_source_by_one_line_and_a_theme_by_one_label():
    from kaztimeline.files.vocabularies import load_vocabularies, source_line, theme_labels

    vocab = load_vocabularies(None)
    assert source_line(vocab.sources, "000_d970a0a86d3a984d.txt") == (
        "«Le Kazakhstan muscle sa défense territoriale : simple précaution ou virage militaire ?», Rodion Zolkin, "
        "news, 2025-06-06")
    assert source_line(vocab.sources, "unknown.txt") == "unknown.txt"
    assert source_line({"x.txt": {"title": "", "kind": "news"}}, "x.txt") == "«x.txt», news"
    labels = theme_labels(vocab.themes)
    assert labels["ukraine-war"] == "War in Ukraine" and list(labels) == list(vocab.themes)
    assert theme_labels({"bare": {"label": ""}}) == {"bare": "bare"}
