"""`kaztimeline coverage`, exclusions in `validate`, `show --context` (text, JSON, HTML) and bringing in a new
source (`register`, then `coverage FILE`, then `add --from-passage`), through the CLI."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, read_csv_text

from kaztimeline.coverage import find_passages

ARTICLE = FIXTURES / "coverage" / "article_fictif.txt"
SEEDS = sorted(path.name for path in (ROOT / "seeds").glob("*.txt"))


# --- coverage ---------------------------------------------------------------------------------------------

def test_bundled_data_accounts_for_every_dated_passage(invoke):
    result = invoke("coverage", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert {row["source"] for row in rows} == set(SEEDS)
    assert {row["status"] for row in rows} <= {"cited", "excluded"}
    for row in rows:
        assert row["by"], row  # the citing events or the exclusion's rule
    cited = [row for row in rows if row["status"] == "cited"]
    assert all(by.replace("-", "").replace(";", "").isalnum() for by in (row["by"] for row in cited))
    left = invoke("coverage", "--left", "--format", "csv")
    assert read_csv_text(left.stdout) == []


def test_summary_counts_each_seeds_passages(invoke):
    rows = json.loads(invoke("coverage", "--format", "json").stdout)
    summary = read_csv_text(invoke("coverage", "--summary", "--format", "csv").stdout)
    assert [row["source"] for row in summary] == SEEDS
    for row in summary:
        mine = [r for r in rows if r["source"] == row["source"]]
        assert int(row["dated"]) == len(mine) > 0
        assert int(row["cited"]) == sum(r["status"] == "cited" for r in mine)
        assert int(row["excluded"]) == sum(r["status"] == "excluded" for r in mine)
        assert row["left"] == "0"


def test_an_unseen_article_lists_its_passages_as_left_with_their_dates(invoke):
    result = invoke("coverage", str(ARTICLE), "--format", "tsv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["source", "line", "date", "end_date", "date_qualifier", "basis", "expression",
                                    "status", "by", "passage"]
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) == len(find_passages(ARTICLE.read_text("utf-8")))
    assert ["article_fictif.txt", "3", "2025-04-07", "2025-04-11", "", "explicit", "Du 7 au 11 avril 2025",
            "left", ""] == rows[1][:9]
    assert {row[7] for row in rows} == {"left"}
    piped = invoke("coverage", str(ARTICLE))  # not a terminal: tsv without its header
    assert piped.stdout.splitlines() == lines[1:]


def test_the_table_shows_passages_and_the_summary_per_source(invoke):
    result = invoke("coverage", str(ARTICLE), "--format", "table")
    assert "Du 7 au 11 avril" in result.stdout and "2025-04-07/" in result.stdout and "2025-04-11" in result.stdout
    assert result.stdout.splitlines()[0].strip() == "article_fictif.txt"  # one table per source, titled
    assert "Per source" in result.stdout and "article_fictif.txt" in result.stdout
    summary = invoke("coverage", "--summary", "--format", "table").stdout
    assert "Per source" in summary and "explicit" not in summary


def test_a_missing_text_is_a_usage_error(invoke, tmp_path):
    result = invoke("coverage", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "nope.txt: no such text file" in result.stderr


def test_coverage_offers_its_formats_in_help(invoke):
    help_text = invoke("coverage", "--help").stdout
    for word in ("table", "tsv", "csv", "json", "--left", "--summary", "--data"):
        assert word in help_text


# --- exclusions in validate ---------------------------------------------------------------------------------

def test_validate_reports_exclusions_that_point_at_no_passage(invoke, data_copy):
    path = data_copy / "exclusions.csv"
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([
            ["000_d970a0a86d3a984d.txt", "1", "pas de date ici", "generic", "points at nothing"],
            ["999_unknown.txt", "3", "En 2020", "generic", "no such source"],
        ])
    lines = path.read_text("utf-8").count("\n")
    result = invoke("validate", str(data_copy / "events.csv"))
    assert result.exit_code == 1
    problems = [line for line in result.stdout.splitlines() if "exclusions.csv" in line]
    assert sorted(problems) == sorted([
        f'{path}:{lines - 1}: passage: "pas de date ici" is not a dated passage on line 1 of 000_d970a0a86d3a984d.txt',
        f'{path}:{lines}: source: "999_unknown.txt" is not a known source',
    ])


def test_validate_warns_of_an_exclusion_whose_passages_are_all_cited(invoke, data_copy):
    path = data_copy / "exclusions.csv"
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(
            ["004_838898ed9f5e34ec.txt", "12", "23 novembre 2025", "publication-date-of-other-article", "listed"])
    lines = path.read_text("utf-8").count("\n")
    result = invoke("validate", str(data_copy / "events.csv"))
    assert result.exit_code == 0, result.stdout
    warning = (f'{path}:{lines}: passage: warning: "23 novembre 2025" is cited by '
               "2025-11-kazakhstan-joins-abraham-accords; the exclusion is not needed")
    assert warning in result.stdout.splitlines()


def test_an_exclusion_with_one_passage_left_uncited_is_needed(invoke, data_copy):
    path = data_copy / "exclusions.csv"  # an excerpt of line 6 of seed 001: "En 2022" is cited, "2025" is not
    excerpt = ("En 2022, des troubles ont eu lieu, entraînant des répressions massives, mais le pays s’efforce de "
               "restaurer l’ordre et de réduire les tensions. À l’horizon 2025")
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([
            ["source", "line", "passage", "rule", "reason"],
            ["001_04dca4ea6ba9c658.txt", "6", excerpt, "generic", "both"]])
    result = invoke("validate", str(data_copy / "events.csv"))
    assert result.exit_code == 0, result.stdout
    assert "exclusions.csv" not in result.stdout


def test_validate_reports_a_malformed_exclusion_row(invoke, data_copy):
    with (data_copy / "exclusions.csv").open("a", encoding="utf-8") as handle:
        handle.write("000_d970a0a86d3a984d.txt,one,Le 06/06/2025,generic,why\n")
    result = invoke("validate", str(data_copy / "events.csv"))
    assert result.exit_code == 1
    assert any(line.endswith('line: "one" is not a line number') for line in result.stdout.splitlines())


# --- show --context -----------------------------------------------------------------------------------------

EVENT = "1991-kazakhstan-independence"  # its own quote in seed 001, a further citation in seed 003


def test_show_context_marks_each_quote_in_its_paragraph_with_line_numbers(invoke):
    text = invoke("show", EVENT, "--context").stdout
    assert "context (primary): 001_04dca4ea6ba9c658.txt, line " in text
    assert "context (supports): 003_d30f7943c14984aa.txt, line 83" in text
    block = " ".join(text.split("context (supports)")[1].split())
    assert "minoritaire >>>au moment de l'indépendance du pays en 1991<<<. Depuis lors" in block
    assert "context" not in invoke("show", EVENT).stdout.replace("context_", "")


def test_show_context_in_json_gives_lines_paragraph_and_spans(invoke):
    payload = json.loads(invoke("show", EVENT, "--context", "--format", "json").stdout)
    primary, further = payload["context"]
    assert (primary["relation"], further["relation"]) == ("primary", "supports")
    seed = (ROOT / "seeds" / further["source"]).read_text("utf-8").split("\n")
    assert further["paragraph"] == seed[further["first_line"] - 1]
    [(start, end)] = further["spans"]
    assert further["paragraph"][start:end] == further["quote"]
    assert primary["paragraph"][slice(*primary["spans"][0])] == primary["quote"]
    assert "context" not in json.loads(invoke("show", EVENT, "--format", "json").stdout)


def test_show_context_on_a_terminal_highlights_the_quote(invoke, monkeypatch):
    from kaztimeline.cli import listing

    monkeypatch.setattr(listing, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = invoke("show", EVENT, "--context").stdout
    assert "context (supports): 003_d30f7943c14984aa.txt, line 83" in out
    assert "\x1b[" in out.split("context (supports)")[1]  # the quote is styled
    assert ">>>" not in out


def test_html_export_unfolds_each_quote_in_context(invoke, tmp_path):
    page = tmp_path / "t.html"
    assert invoke("export", "-o", str(page), "--period", "1991").exit_code == 0
    html = page.read_text("utf-8")
    ids = {row["id"] for row in json.loads(invoke("list", "--period", "1991", "--format", "json").stdout)}
    further = [row for row in read_csv_text((ROOT / "data" / "citations.csv").read_text("utf-8"))
               if row["event_id"] in ids]
    assert html.count('<details class="context">') == len(ids) + len(further) == html.count("<mark>")
    assert "<mark>au moment de l&#39;indépendance du pays en 1991</mark>" in html
    assert "In context (supports): 003_d30f7943c14984aa.txt, line 83" in html


# --- bringing in a new source -------------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path) -> Path:
    """A data folder of one's own: a copy of the bundled tables, no seeds yet."""
    (tmp_path / "proj" / "data").mkdir(parents=True)
    for table in (ROOT / "data").glob("*.csv"):
        shutil.copy(table, tmp_path / "proj" / "data")
    return tmp_path / "proj" / "data" / "events.csv"


REGISTER = ["--title", "La fête des lanternes de Valbrune", "--author", "Claire Fictive",
            "--published", "2026-12-01", "--kind", "news"]


def test_register_then_add_from_a_passage_and_validate_accepts_it(invoke, project):
    result = invoke("register", str(ARTICLE), "--data", str(project), *REGISTER)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "article_fictif.txt\n"
    seed = project.parent.parent / "seeds" / "article_fictif.txt"
    assert seed.read_bytes() == ARTICLE.read_bytes()
    sources = read_csv_text((project.parent / "sources.csv").read_text("utf-8"))
    assert sources[-1] == {"source": "article_fictif.txt", "title": "La fête des lanternes de Valbrune",
                           "author": "Claire Fictive", "published": "2026-12-01", "kind": "news", "language": "fr",
                           "notes": "", "short": ""}
    assert len(sources) == len(read_csv_text((ROOT / "data" / "sources.csv").read_text("utf-8"))) + 1

    listed = json.loads(invoke("coverage", str(seed), "--data", str(project), "--format", "json").stdout)
    # read against the registered publication date: "Le 27 novembre dernier" is 2026's
    assert {"line": "6", "date": "2026-11-27", "expression": "Le 27 novembre dernier"}.items() \
        <= next(r for r in listed if r["line"] == "6").items()
    assert {r["status"] for r in listed} == {"left"}

    added = invoke("add", "--data", str(project), "--from-passage", "article_fictif.txt:3",
                   "--title", "Valbrune council votes to create a lantern festival",
                   "--summary", "The council of a fictional town votes to create a lantern festival.",
                   "--actors", "Kazakhstan", "--themes", "diplomacy", "--claim-type", "reported")
    assert added.exit_code == 0, added.stderr
    assert added.stdout == "2024-03-03-valbrune-council-votes-to-create-a-lantern-festival\n"
    assert 'from article_fictif.txt:3: "Le 3 mars 2024" reads 2024-03-03 (explicit)' in added.stderr
    row = read_csv_text(project.read_text("utf-8"))
    new = next(r for r in row if r["source"] == "article_fictif.txt")
    assert new["quote"] == ("Le 3 mars 2024, le conseil municipal de Valbrune, ville imaginaire, a voté la "
                            "création d'une fête des lanternes.")
    assert new["quote"] in seed.read_text("utf-8")
    assert invoke("validate", str(project)).exit_code == 0
    after = json.loads(invoke("coverage", str(seed), "--data", str(project), "--format", "json").stdout)
    assert [r["by"] for r in after if r["status"] == "cited"] == [new["id"]]


def test_add_from_a_span_passage_takes_both_dates_and_options_win(invoke, project):
    assert invoke("register", str(ARTICLE), "--data", str(project), *REGISTER).exit_code == 0
    added = invoke("add", "--data", str(project), "--from-passage", "article_fictif.txt:5", "--date-qualifier",
                   "circa", "--title", "Valbrune announces a second festival",
                   "--summary", "A fictional town announces its second festival.", "--actors", "Kazakhstan",
                   "--themes", "diplomacy", "--claim-type", "reported")
    assert added.exit_code == 0, added.stderr
    new = next(r for r in read_csv_text(project.read_text("utf-8")) if r["source"] == "article_fictif.txt")
    assert (new["date"], new["date_qualifier"]) == ("2025-08", "circa")
    assert new["quote"].startswith("Fin août 2025, la deuxième édition a été annoncée")


@pytest.mark.parametrize("reference, message", [
    ("article_fictif.txt:1", "line 1 of article_fictif.txt has no dated passage"),
    ("nothing.txt:3", '"nothing.txt" is not a source text'),
    ("article_fictif.txt", "give SOURCE:LINE"),
])
def test_add_from_a_passage_that_is_not_there_is_a_usage_error(invoke, project, reference, message):
    assert invoke("register", str(ARTICLE), "--data", str(project), *REGISTER).exit_code == 0
    before = project.read_bytes()
    result = invoke("add", "--data", str(project), "--from-passage", reference, "--title", "T", "--summary", "S",
                    "--actors", "Kazakhstan", "--themes", "diplomacy", "--claim-type", "reported")
    assert result.exit_code == 2
    assert message in result.stderr
    assert project.read_bytes() == before


def test_register_refuses_what_would_break_the_data_and_writes_nothing(invoke, project, tmp_path):
    sources = project.parent / "sources.csv"
    before = sources.read_bytes()
    seeds = project.parent.parent / "seeds"
    bad_kind = invoke("register", str(ARTICLE), "--data", str(project), *REGISTER[:-1], "blog")
    assert bad_kind.exit_code == 1 and 'kind: "blog" is not one of' in bad_kind.stderr
    bad_date = invoke("register", str(ARTICLE), "--data", str(project), "--title", "T", "--kind", "news",
                      "--published", "1er mars")
    assert bad_date.exit_code == 1 and "published" in bad_date.stderr
    missing = invoke("register", str(ARTICLE), "--data", str(project), "--kind", "news")
    assert missing.exit_code == 2 and "missing --title" in missing.stderr
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Le 3 mars 2024, été.".encode("latin-1"))
    assert invoke("register", str(latin1), "--data", str(project), *REGISTER).exit_code == 1
    bundled_name = tmp_path / SEEDS[0]
    bundled_name.write_text("Le 3 mars 2024.", encoding="utf-8")
    clash = invoke("register", str(bundled_name), "--data", str(project), *REGISTER)
    assert clash.exit_code == 1 and "already" in clash.stderr
    assert sources.read_bytes() == before
    assert not seeds.exists() or not any(seeds.iterdir())
    assert invoke("register", str(ARTICLE), "--data", str(project), *REGISTER).exit_code == 0
    again = invoke("register", str(ARTICLE), "--data", str(project), *REGISTER)
    assert again.exit_code == 1 and "already a source" in again.stderr


def test_register_starts_from_the_bundled_sources_when_the_folder_has_none(invoke, tmp_path):
    events = tmp_path / "mine" / "data" / "events.csv"
    events.parent.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "events.csv", events)
    assert invoke("register", str(ARTICLE), "--data", str(events), *REGISTER).exit_code == 0
    sources = read_csv_text((events.parent / "sources.csv").read_text("utf-8"))
    assert [row["source"] for row in sources] == [*SEEDS, "article_fictif.txt"]


def test_register_asks_for_what_is_missing_on_a_terminal(invoke, project, monkeypatch):
    from kaztimeline.cli import curation

    monkeypatch.setattr(curation, "interactive", lambda: True)
    result = invoke("register", str(ARTICLE), "--data", str(project), "--kind", "analysis",
                    input="La fête des lanternes\n\n2026-12\n")
    assert result.exit_code == 0, result.stderr
    row = read_csv_text((project.parent / "sources.csv").read_text("utf-8"))[-1]
    assert (row["title"], row["author"], row["published"], row["kind"]) == (
        "La fête des lanternes", "", "2026-12", "analysis")


def test_a_text_that_is_not_utf8_is_a_data_error_naming_where(invoke, tmp_path):
    text = tmp_path / "latin1.txt"
    text.write_bytes("Première ligne\nLe 3 mars 2024, été.\n".encode("latin-1"))
    result = invoke("coverage", str(text))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kaztimeline: {text}:1:")
    assert "UTF-8" in result.stderr and "Traceback" not in result.stderr
