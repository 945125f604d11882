"""`add` on a terminal checks each answer as it is typed: a quote not verbatim in the chosen source is
refused at once and asked again, an actor typo gets the canonical name suggested, the lists of choices
wrap to the terminal, and sources are offered with their titles. Nothing typed before is lost."""

from __future__ import annotations

import pytest

from kaztimeline.cli import curation

SOURCE = "000_d970a0a86d3a984d.txt"
GOOD_QUOTE = "Le 5 juin 2025, le Sénat du Kazakhstan a validé une loi majeure"
BAD_QUOTE = "Le 5 juin 2025, le Sénat du Kazakhstan a voté une loi majeure"


@pytest.fixture
def events_copy(data_copy, monkeypatch):
    monkeypatch.setattr(curation, "interactive", lambda: True)
    return data_copy / "events.csv"


def _answers(*, actors=("Kazakhstan",), quotes=(GOOD_QUOTE,)) -> str:
    return "\n".join(["2025-06-05", "Prompted test event", "Summary.", *actors, "defence-reform", "1", *quotes,
                      "reported"]) + "\n"


def test_a_quote_not_in_the_source_is_refused_at_once_and_asked_again(invoke, events_copy):
    result = invoke("add", "--data", str(events_copy), input=_answers(quotes=(BAD_QUOTE, GOOD_QUOTE)))
    assert result.exit_code == 0, result.stdout + result.stderr
    out = result.stdout
    refused = out.index("the quote is not verbatim in 000_d970a0a86d3a984d.txt")
    assert 'differs at "oté une loi majeure"' in out
    assert out.count("quote (verbatim from the source") == 2  # asked again, right after the bad one
    assert refused < out.rindex("quote (verbatim") < out.index("claim_type")
    assert out.count("title (at most") == 1  # nothing typed before the quote was asked again
    row = next(line for line in events_copy.read_text(encoding="utf-8").splitlines()
               if line.startswith("2025-06-05-prompted-test-event,"))
    assert GOOD_QUOTE in row and ",Summary.," in row


def test_an_actor_typo_gets_the_canonical_name_suggested(invoke, events_copy):
    result = invoke("add", "--data", str(events_copy), input=_answers(actors=("Rusia;Kazakhstan", "Russia;Kazakhstan")))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert '"Rusia" is not one of the actors listed above; did you mean Russia' in result.stdout
    assert result.stdout.count("actors (;-separated") == 2
    assert ",Russia;Kazakhstan,defence-reform," in events_copy.read_text(encoding="utf-8")


def test_a_theme_typo_gets_a_suggestion(invoke, events_copy):
    answers = _answers().replace("defence-reform", "defense-reform\ndefence-reform")
    result = invoke("add", "--data", str(events_copy), input=answers)
    assert result.exit_code == 0
    assert '"defense-reform" is not one of the themes listed above; did you mean defence-reform' in result.stdout


@pytest.mark.parametrize("width", [60, 80, 120])
def test_choices_wrap_to_the_terminal_between_names(invoke, events_copy, width):
    from kaztimeline.files.vocabularies import load_vocabularies

    result = invoke("add", "--data", str(events_copy), input=_answers(), env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    offers = [line for line in lines if line.startswith(("Known ", "  "))]  # not the prompts and their echoes
    assert len(offers) > 10 and max(len(line) for line in offers) <= width
    offered = lines[next(i for i, line in enumerate(lines) if line.startswith("Known actors:")):]
    offered = offered[: next(i for i, line in enumerate(offered) if line.startswith("actors ("))]
    names = [name.strip() for name in " ".join(offered).removeprefix("Known actors:").split(",")]
    assert names == list(load_vocabularies(str(events_copy)).actors)  # every name whole, in order


def test_sources_are_offered_with_their_titles(invoke, events_copy):
    result = invoke("add", "--data", str(events_copy), input=_answers(), env={"COLUMNS": "200"})
    assert "  1. 000_d970a0a86d3a984d.txt (Zolkin 2025): «Le Kazakhstan muscle sa défense territoriale" in result.stdout
    assert "Rodion Zolkin" in result.stdout
    narrow = invoke("add", "--data", str(events_copy), input=_answers(), env={"COLUMNS": "60"})
    line = next(line for line in narrow.stdout.splitlines() if line.startswith("  1. "))
    assert len(line) == 60 and line.endswith("…")


def test_a_quote_option_not_in_the_chosen_source_is_asked_for_again(invoke, events_copy):
    result = invoke("add", "--data", str(events_copy), "--date", "2025-06-05", "--title", "Prompted test event",
                    "--summary", "Summary.", "--actors", "Kazakhstan", "--themes", "defence-reform",
                    "--quote", BAD_QUOTE, input="\n".join(["1", GOOD_QUOTE, "reported"]) + "\n")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "--quote: the quote is not verbatim in 000_d970a0a86d3a984d.txt" in result.stdout
    assert GOOD_QUOTE in events_copy.read_text(encoding="utf-8")
