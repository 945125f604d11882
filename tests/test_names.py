"""Themes, sources and events named the way people name them: ids in any case, labels, short names,
authors, title words, unique prefixes; and did-you-mean that suggests each thing once."""

from __future__ import annotations

import pytest
from conftest import write_events

from kaztimeline.query.names import Entry, closest, matches, resolve

UKRAINE = "ukraine-war"


def ids(result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize("typed", ["ukraine-war", "ukraine", "war", "Ukraine-War", "War in Ukraine", "war in ukr",
                                   "UKRAINE WAR"])
def test_a_theme_by_id_label_or_prefix(invoke, typed):
    assert ids(invoke("list", "-t", typed, "-c", "id")) == ids(invoke("list", "-t", UKRAINE, "-c", "id"))


def test_theme_id_in_another_case_and_label_words(invoke):
    expected = ids(invoke("list", "-t", "defence-reform", "-c", "id"))
    assert expected and ids(invoke("list", "-t", "Defence-Reform", "-c", "id")) == expected
    assert ids(invoke("list", "-t", "legislation", "-c", "id")) == expected


def test_an_ambiguous_theme_names_each_candidate_with_its_label(invoke):
    result = invoke("list", "-t", "defence")
    assert result.exit_code == 2
    assert "defence-reform (Legislation and defence reform)" in result.stderr
    assert "defence-industry (Defence industry and equipment)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_misspelt_theme_suggests_the_closest(invoke):
    result = invoke("list", "-t", "diplomcy")
    assert result.exit_code == 2
    assert "did you mean diplomacy (Alignment and diplomacy)?" in result.stderr


@pytest.mark.parametrize("typed", ["000", "000_d97", "Zolkin", "rodion zolkin", "Zolkin 2025", "zolkin 2025",
                                   "000_d970a0a86d3a984d.txt", "muscle"])
def test_a_source_by_prefix_author_short_name_or_title_word(invoke, typed):
    found = ids(invoke("list", "--source", typed, "-c", "source"))
    assert found and set(found) == {"000_d970a0a86d3a984d.txt"}


@pytest.mark.parametrize("typed", ["Sénat", "senat", "Senate report"])
def test_the_senate_report_by_its_short_name_accent_blind(invoke, typed):
    by_file = ids(invoke("list", "--source", "003_d30f7943c14984aa.txt", "-c", "id"))
    assert by_file and ids(invoke("list", "--source", typed, "-c", "id")) == by_file
    # the events whose first citation is the Senate report are among them (the others cite it further on)
    primary = ids(invoke("list", "--source", typed, "-c", "source"))
    assert "003_d30f7943c14984aa.txt" in primary


def test_an_ambiguous_source_lists_the_candidates_by_short_name(invoke):
    result = invoke("list", "--source", "défense")
    assert result.exit_code == 2
    assert "000_d970a0a86d3a984d.txt (Zolkin 2025)" in result.stderr
    assert "002_4bcfaecb188bc0a3.txt (Néel analysis)" in result.stderr


def test_an_unknown_source_lists_the_few_there_are(invoke):
    result = invoke("list", "--source", "nope.txt")
    assert result.exit_code == 2
    assert "004_838898ed9f5e34ec.txt (Korybko commentary)" in result.stderr


def test_a_user_sources_file_without_short_names_still_works(invoke, tmp_path):
    (tmp_path / "sources.csv").write_text(
        "source,title,author,published,kind,language,notes\n"
        "mine.txt,Un article,Jean Dupont,2025,news,fr,\n", encoding="utf-8")
    path = write_events(tmp_path / "events.csv", [{
        "id": "a", "date": "2025", "title": "T", "summary": "S.", "actors": "Kazakhstan", "themes": "diplomacy",
        "source": "mine.txt", "quote": "q", "claim_type": "reported"}])
    assert ids(invoke("list", "--data", str(path), "--source", "Dupont", "-c", "id")) == ["a"]
    assert ids(invoke("list", "--data", str(path), "--source", "mine", "-c", "id")) == ["a"]
    checked = invoke("validate", str(path))
    assert "missing column" not in checked.stdout and "sources.csv" not in checked.stdout
    listed = invoke("sources", "--data", str(path), "-f", "csv")
    assert listed.exit_code == 0 and listed.stdout.splitlines()[1].startswith("mine.txt,,Un article")


def test_sources_table_shows_short_names(invoke):
    result = invoke("sources", "-f", "tsv")
    assert "\tSenate report\t" in result.stdout


def test_misspelt_actor_suggests_each_actor_once_by_its_name(invoke):
    result = invoke("list", "-a", "Rusia")
    assert result.exit_code == 2
    assert "did you mean Russia?" in result.stderr
    assert "USA" not in result.stderr and "Russie" not in result.stderr


def test_an_unknown_event_id_suggests_ids_and_titles_that_match(invoke):
    result = invoke("show", "kandy")
    assert result.exit_code == 2
    assert "2022-01-kandy-kantar-unrest" in result.stderr and "'Kandy kantar' unrest" in result.stderr


def test_tiers_prefer_an_exact_key_over_a_prefix():
    entries = [Entry("war"), Entry("war-crimes", ("War crimes",))]
    assert [e.key for e in matches("war", entries)] == ["war"]
    assert [e.key for e in matches("War", entries)] == ["war"]
    assert resolve("crimes", entries, "theme", "themes") == "war-crimes"


def test_closest_collapses_spellings_of_one_thing():
    spellings = {"Russia": "Russia", "Russie": "Russia", "USA": "United States", "Ruse": "Ruse"}
    assert closest("Rusia", spellings) == ["Russia"]
    assert closest("zzz", spellings) == []
