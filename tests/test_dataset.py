"""The curated dataset obeys every curation rule, checked through `kaztimeline.curation.validate` (one implementation).

Each rule is a pair: a way to recognise its problems in the report, and a small breakage of a copy of the
data that must make it fire. The bundled data must show none of them; each breakage must show its own.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kaztimeline.curation.quotes import quote_problem
from kaztimeline.curation.validate import Problem, validate_events
from kaztimeline.resources import bundled_events, bundled_root, bundled_seeds
from kaztimeline.schema.model import EVENT_COLUMNS

ROOT = bundled_root()
# Storyline ids follow the shape datapackage.json gives event ids.
_PACKAGE = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
ID_PATTERN = _PACKAGE["resources"][0]["schema"]["fields"][0]["constraints"]["pattern"]


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit(folder: Path, name: str, change: Callable[[list[str], list[dict[str, str]]], None]) -> None:
    header, rows = read_rows(folder / name)
    change(header, rows)
    write_rows(folder / name, header, rows)


def set_cell(name: str, row: int, column: str, value: str):
    def breaker(folder: Path) -> None:
        edit(folder, name, lambda header, rows: rows[row].update({column: value}))
    return breaker


def swap_header(folder: Path) -> None:
    text = (folder / "events.csv").read_text(encoding="utf-8")
    (folder / "events.csv").write_text(text.replace("id,date,", "date,id,", 1), encoding="utf-8")


def duplicate_id(folder: Path) -> None:
    edit(folder, "events.csv", lambda header, rows: rows[5].update(id=rows[4]["id"]))


def end_before_start(folder: Path) -> None:
    edit(folder, "events.csv", lambda header, rows: rows[0].update(date="2020", end_date="2019"))


def alias_clash(folder: Path) -> None:
    def change(header, rows):
        rows[1]["aliases"] += ";" + rows[0]["name"].upper()  # folding makes it the first actor's name
    edit(folder, "actors.csv", change)


def member_cycle(folder: Path) -> None:
    def change(header, rows):
        rows[0]["member_of"], rows[1]["member_of"] = rows[1]["name"], rows[0]["name"]
    edit(folder, "actors.csv", change)


def unknown_seed(folder: Path) -> None:
    edit(folder, "sources.csv", lambda header, rows: rows.append({**rows[0], "source": "999_missing.txt"}))
    edit(folder, "events.csv", lambda header, rows: rows[0].update(source="999_missing.txt"))


def quote_fragments_reversed(folder: Path) -> None:
    def change(header, rows):
        row = next(r for r in rows if "[…]" in r["quote"])
        row["quote"] = " […] ".join(reversed(row["quote"].split(" […] ")))
    edit(folder, "events.csv", change)


def too_many_themes(folder: Path) -> None:
    def change(header, rows):
        rows += [{"id": f"extra-{i}", "label": f"Extra {i}", "description": "Padding."} for i in range(16)]
    edit(folder, "themes.csv", change)


@dataclass(frozen=True)
class Rule:
    name: str
    file: str
    columns: tuple[str, ...]
    breaker: Callable[[Path], None]
    says: str = ""  # a word of the message, where the column alone does not single the rule out
    severity: str = "error"

    def matches(self, problem: Problem) -> bool:
        return (Path(problem.file).name == self.file and problem.column in self.columns
                and self.says in problem.message and problem.severity == self.severity)


RULES = [
    Rule("columns in schema order", "events.csv", ("",), swap_header, "order"),
    Rule("ids slug-shaped", "events.csv", ("id",), set_cell("events.csv", 3, "id", "Bad_Id"), "pattern"),
    Rule("ids unique", "events.csv", ("id",), duplicate_id, "already used"),
    Rule("dates valid", "events.csv", ("date",), set_cell("events.csv", 2, "date", "2025-02-30")),
    Rule("end_date not before date", "events.csv", ("end_date",), end_before_start),
    Rule("claim_type allowed", "events.csv", ("claim_type",), set_cell("events.csv", 1, "claim_type", "rumour")),
    Rule("date_qualifier allowed", "events.csv", ("date_qualifier",),
         set_cell("events.csv", 1, "date_qualifier", "soonish")),
    Rule("actors in actors.csv", "events.csv", ("actors",), set_cell("events.csv", 1, "actors", "Atlantis")),
    Rule("themes in themes.csv", "events.csv", ("themes",), set_cell("events.csv", 1, "themes", "weather")),
    Rule("member_of known", "actors.csv", ("member_of",), set_cell("actors.csv", 2, "member_of", "Atlantis"),
         "not an actor"),
    Rule("member_of free of cycles", "actors.csv", ("member_of",), member_cycle, "loops"),
    Rule("aliases unique after folding", "actors.csv", ("name", "aliases"), alias_clash, "also a spelling"),
    Rule("sources in sources.csv", "events.csv", ("source",),
         set_cell("events.csv", 1, "source", "123_unknown.txt"), "sources.csv"),
    Rule("sources in seeds/", "events.csv", ("quote",), unknown_seed, "could not be checked", "warning"),
    Rule("quotes verbatim", "events.csv", ("quote",),
         set_cell("events.csv", 1, "quote", "Une phrase qui n'est dans aucune source."), "not verbatim"),
    Rule("quote fragments in order", "events.csv", ("quote",), quote_fragments_reversed, "order"),
    Rule("titles at most 90 characters", "events.csv", ("title",), set_cell("events.csv", 1, "title", "x" * 91)),
    Rule("8 to 15 themes", "themes.csv", ("",), too_many_themes, "themes", "warning"),
    Rule("actor kinds allowed", "actors.csv", ("kind",), set_cell("actors.csv", 0, "kind", "country")),
    Rule("theme ids kebab-case", "themes.csv", ("id",), set_cell("themes.csv", 0, "id", "Domestic_Unrest")),
    Rule("source kinds allowed", "sources.csv", ("kind",), set_cell("sources.csv", 0, "kind", "blog")),
    Rule("source dates are calendar dates", "sources.csv", ("published",),
         set_cell("sources.csv", 0, "published", "2025-02-30")),
]


@pytest.fixture(scope="module")
def bundled_report() -> list[Problem]:
    return validate_events(bundled_events())


def test_bundled_data_validates_with_zero_errors(bundled_report):
    assert [str(p) for p in bundled_report if p.is_error] == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_bundled_data_keeps_rule(rule, bundled_report):
    assert [str(p) for p in bundled_report if rule.matches(p)] == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_fires_on_broken_copy(rule, data_copy):
    rule.breaker(data_copy)
    report = validate_events(data_copy / "events.csv")
    assert any(rule.matches(p) for p in report), "\n".join(map(str, report))


def test_bundled_columns_are_the_schema_columns():
    header, _ = read_rows(bundled_events())
    assert tuple(header) == EVENT_COLUMNS


def _shared_seeds() -> Path | None:
    for candidate in (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")):
        if candidate.is_dir():
            return candidate
    return None


@pytest.mark.skipif(_shared_seeds() is None, reason="no shared/seeds beside the clone to compare with")
def test_seeds_are_byte_identical_to_shared_seeds():
    shared = _shared_seeds()
    assert shared is not None
    ours = {p.name: p.read_bytes() for p in bundled_seeds().iterdir() if p.is_file()}
    theirs = {p.name: p.read_bytes() for p in shared.iterdir() if p.is_file()}
    assert sorted(ours) == sorted(theirs)
    changed = [name for name in ours if ours[name] != theirs[name]]
    assert changed == []


def test_seeds_beside_the_data_are_used_before_the_bundled_ones(data_copy):
    """Seeds beside the data folder win: a curator's edited seed is what quotes are checked against."""
    seeds = data_copy.parent / "seeds"
    shutil.copytree(bundled_seeds(), seeds)
    header, rows = read_rows(data_copy / "events.csv")
    (seeds / rows[0]["source"]).write_text("Texte remplacé.", encoding="utf-8")
    report = validate_events(data_copy / "events.csv")
    assert any(p.line == 2 and p.column == "quote" and p.is_error for p in report)


# The evidence tables of issue 12: citations, storylines and each event's date basis. Each check below is a
# function of the data folder, so the same check runs on the bundled data and fires on a broken copy.

def citation_problems(data: Path) -> list[str]:
    """Citations whose event, source or quote is wrong, or that repeat a citation or the event's own quote."""
    events = {row["id"]: row for row in read_rows(data / "events.csv")[1]}
    sources = {row["source"] for row in read_rows(data / "sources.csv")[1]}
    seeds = bundled_seeds()
    problems, seen = [], set()
    for line, row in enumerate(read_rows(data / "citations.csv")[1], start=2):
        where = f"citations.csv:{line}"
        event = events.get(row["event_id"])
        if event is None:
            problems.append(f"{where}: unknown event {row['event_id']!r}")
        if row["source"] not in sources:
            problems.append(f"{where}: unknown source {row['source']!r}")
        elif (problem := quote_problem(row["quote"], (seeds / row["source"]).read_text(encoding="utf-8"),
                                       row["source"])):
            problems.append(f"{where}: {problem}")
        if row["relation"] not in ("supports", "differs"):
            problems.append(f"{where}: relation {row['relation']!r}")
        if row["relation"] == "differs" and not row["note"].strip():
            problems.append(f"{where}: a differs citation needs a note saying how")
        key = (row["event_id"], row["source"], " ".join(row["quote"].split()))
        primary = event and (event["id"], event["source"], " ".join(event["quote"].split()))
        if key in seen or key == primary:
            problems.append(f"{where}: repeats a citation or the event's own quote")
        seen.add(key)
    return problems


def storyline_problems(data: Path) -> list[str]:
    """Storylines with a bad id, a missing event, a repeated event or positions that are not 1..n."""
    events = {row["id"] for row in read_rows(data / "events.csv")[1]}
    storylines = [row["id"] for row in read_rows(data / "storylines.csv")[1]]
    problems = [f"storylines.csv: bad or repeated id {s!r}" for i, s in enumerate(storylines)
                if not re.fullmatch(ID_PATTERN, s) or s in storylines[:i]]
    members: dict[str, list[tuple[int, str]]] = {s: [] for s in storylines}
    for line, row in enumerate(read_rows(data / "storyline_events.csv")[1], start=2):
        where = f"storyline_events.csv:{line}"
        if row["event_id"] not in events:
            problems.append(f"{where}: unknown event {row['event_id']!r}")
        if row["storyline_id"] not in members:
            problems.append(f"{where}: unknown storyline {row['storyline_id']!r}")
            continue
        members[row["storyline_id"]].append((int(row["position"]), row["event_id"]))
    for storyline, rows in members.items():
        if sorted(p for p, _ in rows) != list(range(1, len(rows) + 1)):
            problems.append(f"{storyline}: positions {sorted(p for p, _ in rows)} are not 1..{len(rows)}")
        if len({e for _, e in rows}) != len(rows):
            problems.append(f"{storyline}: an event appears twice")
        if len(rows) < 2:
            problems.append(f"{storyline}: a storyline links at least two events")
    return problems


def date_basis_problems(data: Path) -> list[str]:
    return [f"events.csv:{line}: date_basis {row['date_basis']!r}"
            for line, row in enumerate(read_rows(data / "events.csv")[1], start=2)
            if row.get("date_basis", "") not in ("", "stated", "inferred", "publication")]


EVIDENCE_CHECKS = [citation_problems, storyline_problems, date_basis_problems]


@pytest.mark.parametrize("check", EVIDENCE_CHECKS, ids=lambda c: c.__name__)
def test_bundled_evidence_tables_are_sound(check):
    assert check(ROOT / "data") == []


def _reword_citation(folder: Path) -> None:
    edit(folder, "citations.csv", lambda header, rows: rows[0].update(quote=rows[0]["quote"].replace("'", "’")))


def _drop_storyline_position(folder: Path) -> None:
    edit(folder, "storyline_events.csv", lambda header, rows: rows.pop(1))


def _orphan_citation(folder: Path) -> None:
    edit(folder, "citations.csv", lambda header, rows: rows[-1].update(event_id="2099-no-such-event"))


@pytest.mark.parametrize("check, breaker, says", [
    (citation_problems, _reword_citation, "not verbatim"),
    (citation_problems, _orphan_citation, "unknown event"),
    (citation_problems, set_cell("citations.csv", 0, "relation", "contradicts"), "relation"),
    (citation_problems, set_cell("citations.csv", 0, "source", "999_missing.txt"), "unknown source"),
    (storyline_problems, _drop_storyline_position, "not 1.."),
    (storyline_problems, set_cell("storyline_events.csv", 0, "event_id", "2099-no-such-event"), "unknown event"),
    (date_basis_problems, set_cell("events.csv", 0, "date_basis", "guessed"), "guessed"),
], ids=lambda v: v if isinstance(v, str) else getattr(v, "__name__", ""))
def test_evidence_check_fires_on_broken_copy(data_copy, check, breaker, says):
    breaker(data_copy)
    assert any(says in problem for problem in check(data_copy))
