"""Dated passages: the date grammar (French and English), its false-positive guards, the matching of
passages to events' quotes, exclusions and the per-source coverage summary, on the seeds and a fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from kaztimeline.coverage import find_passages, parse_exclusions, source_coverage
from kaztimeline.coverage.citations import citing_events
from kaztimeline.coverage.exclusions import RULES, dangling_problems
from kaztimeline.coverage.report import DataFolder, coverages
from kaztimeline.coverage.report import exclusions as read_exclusions
from kaztimeline.resources import bundled_root

FIXTURE = Path(__file__).parent / "fixtures" / "coverage" / "article_fictif.txt"
ROOT = bundled_root()


def readings(text: str, reference: str | None = None) -> list[tuple[str, str, str, str, str]]:
    return [(p.expression, p.date, p.end_date, p.qualifier, p.basis) for p in find_passages(text, reference)]


@pytest.mark.parametrize("text, expected", [
    # days, months, years
    ("Le 5 juin 2025, le Sénat a voté.", ("Le 5 juin 2025", "2025-06-05", "", "", "explicit")),
    ("Le 1er janvier 2024, rien.", ("Le 1er janvier 2024", "2024-01-01", "", "", "explicit")),
    ("On 5 June 2025 the Senate voted.", ("On 5 June 2025", "2025-06-05", "", "", "explicit")),
    ("On June 5, 2025 the Senate voted.", ("On June 5, 2025", "2025-06-05", "", "", "explicit")),
    ("Le 06/06/2025", ("Le 06/06/2025", "2025-06-06", "", "", "explicit")),
    ("En avril 2025, le Parlement a adopté la loi.", ("avril 2025", "2025-04", "", "", "explicit")),
    ("In April 2025 parliament passed it.", ("April 2025", "2025-04", "", "", "explicit")),
    ("Lancée en 2022, l'initiative.", ("2022", "2022", "", "", "explicit")),
    # spans
    ("Du 7 au 11 avril 2025, des manœuvres.", ("Du 7 au 11 avril 2025", "2025-04-07", "2025-04-11", "", "explicit")),
    ("From 7 to 11 April 2025, drills.", ("From 7 to 11 April 2025", "2025-04-07", "2025-04-11", "", "explicit")),
    ("April 7-11, 2025 saw drills.", ("April 7-11, 2025", "2025-04-07", "2025-04-11", "", "explicit")),
    ("En mars-avril 2022, des manifestations.", ("mars-avril 2022", "2022-03", "2022-04", "", "explicit")),
    ("In March-April 2022, protests.", ("March-April 2022", "2022-03", "2022-04", "", "explicit")),
    ("membre du Conseil (2017-2018) ;", ("2017-2018", "2017", "2018", "", "explicit")),
    ("fut entre 2011 et 2013 vice-secrétaire", ("entre 2011 et 2013", "2011", "2013", "", "explicit")),
    ("between 2011 and 2013 he served", ("between 2011 and 2013", "2011", "2013", "", "explicit")),
    # hedges, seasons, bounds
    ("Sputnik a rapporté début décembre 2025 que", ("début décembre 2025", "2025-12", "", "early", "explicit")),
    ("Fin août 2025, le président", ("Fin août 2025", "2025-08", "", "late", "explicit")),
    ("Début 2025, la Russie a signé", ("Début 2025", "2025", "", "early", "explicit")),
    ("In late August 2025 he went", ("late August 2025", "2025-08", "", "late", "explicit")),
    ("pendant l'été 2022, le président", ("l'été 2022", "2022", "", "mid", "explicit")),
    ("during the summer of 2022 he met", ("the summer of 2022", "2022", "", "mid", "explicit")),
    ("Depuis le début des années 2010, le pays", ("Depuis le début des années 2010", "2010", "", "circa", "explicit")),
    ("a cessé après 2020.", ("après 2020", "2020", "", "after", "explicit")),
    ("au cours de la première semaine de janvier 2022 :",
     ("au cours de la première semaine de janvier 2022", "2022-01", "", "early", "explicit")),
])
def test_date_forms_read_as_the_curation_guide_encodes_them(text, expected):
    assert readings(text) == [expected]


@pytest.mark.parametrize("text, reference, expected", [
    ("après le tir du 27 novembre dernier, les auditions", "2026-01-14",
     ("27 novembre dernier", "2025-11-27", "", "", "relative")),
    ("Il l'a dit l'an dernier.", "2026-01", ("l'an dernier", "2025", "", "", "relative")),
    ("He said so last year.", "2026-01", ("last year", "2025", "", "", "relative")),
    ("il a récemment accepté", "2026-01-14", ("récemment", "2026", "", "circa", "relative")),
    ("il a récemment accepté", None, ("récemment", "", "", "", "unresolved")),
    ("début décembre, Sputnik a rapporté", "2025-12-19", ("début décembre", "2025-12", "", "early", "inferred")),
])
def test_relative_dates_read_against_the_reference(text, reference, expected):
    assert readings(text, reference) == [expected]


def test_anaphoric_dates_read_against_the_date_given_before():
    text = ("Le 28 novembre 2022, il se rend à Moscou. Un an plus tard, Poutine vient. "
            "En 2024, un député parle. Depuis lors, le discours change. En mai de la même année, rien.\n"
            "Since then, nothing; the following year, elections.")
    got = {p.expression: (p.date, p.qualifier, p.basis) for p in find_passages(text)}
    assert got["Un an plus tard"] == ("2023", "circa", "relative")
    assert got["Depuis lors"] == ("2024", "after", "relative")
    assert got["mai de la même année"] == ("2024-05", "", "relative")
    assert got["Since then"] == ("2024-05", "after", "relative")
    assert got["the following year"] == ("2025", "", "relative")


def test_a_relative_date_with_nothing_to_read_it_against_is_unresolved():
    assert readings("Depuis lors, rien.") == [("Depuis lors", "", "", "", "unresolved")]


@pytest.mark.parametrize("text", [
    "un référendum ayant reçu 71,12 % de votes favorables",
    "une force de 1 500 soldats",
    "la Chine partage 2800 km de frontières",
    "d'une superficie de 6 717 km2",
    "l'inflation a atteint 20,3 % ;",
    "le plan OTAN 2030 prévoit",
    "voir p. 2019 du rapport",
    "signataire des Accords d'Abraham42(*) ;",
    "l'épisode du « janvier sanglant »",
    "il y a 2000 soldats",
    "Cf https://example.org/2025/03/article",
    "You may march on.",
])
def test_figures_names_pages_and_footnotes_are_not_dates(text):
    assert readings(text) == []


def test_a_footnote_number_glued_to_a_year_is_left_out():
    assert readings("des manifestations hostiles, notamment en septembre 201962(*).") == \
        [("septembre 2019", "2019-09", "", "", "explicit")]


def test_passages_give_line_column_span_and_sentence():
    text = "Titre\n\nPremière phrase. Le 3 mars 2024, le conseil a voté. Fin."
    [passage] = find_passages(text)
    assert (passage.line, passage.column) == (3, 18)
    assert text[passage.start:passage.end] == passage.expression == "Le 3 mars 2024"
    assert passage.sentence == "Le 3 mars 2024, le conseil a voté."


def test_fictional_article_lists_its_dated_passages_with_their_dates():
    got = [(p.line, p.expression, p.date, p.end_date, p.qualifier)
           for p in find_passages(FIXTURE.read_text(encoding="utf-8"))]
    assert got == [
        (3, "Le 3 mars 2024", "2024-03-03", "", ""),
        (3, "Du 7 au 11 avril 2025", "2025-04-07", "2025-04-11", ""),
        (4, "Début 2025", "2025", "", "early"),
        (4, "mars-avril 2022", "2022-03", "2022-04", ""),
        (5, "Fin août 2025", "2025-08", "", "late"),
        (5, "l'été 2026", "2026", "", "mid"),
        (6, "Le 27 novembre dernier", "2026-11-27", "", ""),
        (6, "Depuis lors", "2026-11-27", "", "after"),
        (6, "Un an plus tard", "2027", "", "circa"),
        (7, "XIXe siècle", "1800", "1899", ""),
        (7, "années 1990", "1990", "1999", ""),
        (8, "actuellement", "2027", "", "circa"),
        (11, "Le 14/01/2027", "2027-01-14", "", ""),
    ]


def test_a_50_kb_text_has_a_passage_per_date_and_each_reads_in_the_projects_form():
    text = FIXTURE.read_text(encoding="utf-8") * 60
    passages = find_passages(text)
    assert len(passages) == 13 * 60
    assert all(p.date[:4].isdigit() for p in passages)


# --- matching passages to events' quotes --------------------------------------------------------------------

def test_a_quote_cites_the_passages_it_overlaps_despite_whitespace_and_elisions():
    text = "Le 5 juin  2025, le Sénat\u00a0a voté. Puis, en 2026, rien.\nEn 2027, fin."
    passages = find_passages(text)
    citations = [
        ("e1", "s.txt", "Le 5 juin 2025, le Sénat a voté."),
        ("e2", "s.txt", "le Sénat a voté. […] En 2027, fin."),
        ("e3", "other.txt", "Puis, en 2026, rien."),
        ("e4", "s.txt", "not in the text"),
    ]
    assert citing_events("s.txt", text, passages, citations) == [("e1",), (), ("e2",)]


# --- exclusions and the coverage summary --------------------------------------------------------------------

def bundled_coverages():
    """The bundled data's coverage as `kaztimeline coverage` computes it (events' quotes and citations.csv)."""
    folder = DataFolder.of(ROOT / "data" / "events.csv")
    _, exclusions, problems = read_exclusions(folder)
    assert problems == []
    return exclusions, {c.source: c for c in coverages(folder)}


def test_bundled_exclusions_point_at_real_passages_with_documented_rules():
    exclusions, coverages = bundled_coverages()
    assert {e.rule for e in exclusions} <= set(RULES)
    assert dangling_problems("exclusions.csv", coverages.values(), set(coverages), exclusions) == []


def test_every_dated_passage_of_the_seeds_is_cited_or_excluded():
    _, coverages = bundled_coverages()
    left = {(name, p.line, p.expression) for name, c in coverages.items() for p in c.left()}
    assert left == set()
    for coverage in coverages.values():
        counts = coverage.counts
        assert counts["cited"] + counts["excluded"] + counts["left"] == counts["dated"] > 0


def test_summary_counts_cited_excluded_left_and_dangling():
    text = "En 2020, A. En 2021, B. En 2022, C.\nLigne sans date."
    exclusions, problems = parse_exclusions("x.csv", (
        "source,line,passage,rule,reason\n"
        "s.txt,1,En 2021,generic,why\n"
        "s.txt,2,Ligne sans date,generic,points at no passage\n"
        "s.txt,1,En 2020,not-an-event,also cited\n"))
    assert problems == []
    coverage = source_coverage("s.txt", text, [("e", "s.txt", "En 2020, A.")], exclusions)
    assert coverage.counts == {"dated": 3, "cited": 1, "excluded": 1, "left": 1, "dangling": 1}
    assert [p.expression for p in coverage.left()] == ["2022"]
    dangling, needless = dangling_problems("x.csv", [coverage], {"s.txt"}, exclusions)
    assert str(dangling) == 'x.csv:3: passage: "Ligne sans date" is not a dated passage on line 2 of s.txt'
    assert str(needless) == 'x.csv:4: passage: warning: "En 2020" is cited by e; the exclusion is not needed'


def test_bad_exclusion_rows_are_reported_with_file_line_and_column():
    _, problems = parse_exclusions("x.csv", (
        "source,line,passage,rule,reason\n"
        "s.txt,zero,En 2021,generic,why\n"
        "s.txt,1,En 2021,made-up,why\n"
        "s.txt,1,,generic,why\n"
        "s.txt,1\n"))
    assert [str(p) for p in problems] == [
        'x.csv:2: line: "zero" is not a line number',
        f'x.csv:3: rule: "made-up" is not one of {", ".join(RULES)}',
        "x.csv:4: passage: is empty",
        "x.csv:5: expected 5 cells, found 2",
    ]
    [header] = parse_exclusions("x.csv", "a,b\n")[1]
    assert str(header) == "x.csv:1: the header must be source,line,passage,rule,reason"
