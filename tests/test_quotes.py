"""Quote checks: where a quote stops matching its seed text, which fragment, and in what words."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kaztimeline.curation.quotes import SeedTexts, collapsed_quote_problem, quote_problem

SEED = "Le 5 juin 2025, le Sénat\n  a validé une loi. Ensuite, l’armée a défilé le 9 mai."


def says(quote: str, source: str = "s.txt") -> str | None:
    return quote_problem(quote, SEED, source)


@pytest.mark.parametrize(("quote", "matched", "differs"), [
    ("le Sénat a validé la loi", "le Sénat a validé ", "la loi"),
    ("l'armée a défilé", "l", "'armée a défilé"),
    ("Le 5 juin 2025, le Sénat a validé une loi!", "…le Sénat a validé une loi", "!"),  # the last 25 characters
    ("a validé une loi. Ensuite, l’armée a défilé le 10 mai", "…ite, l’armée a défilé le ", "10 mai"),
    ("une loi, puis l’armée a défilé longuement devant", "une loi", ", puis l’armée a défilé l"),  # 25 at most
])
def test_the_message_says_where_the_quote_stops_matching(quote, matched, differs):
    assert says(quote) == (f'the quote is not verbatim in s.txt: it matches up to "{matched}", then the text differs '
                           f'at "{differs}"')


def test_a_quote_whose_first_character_is_nowhere_says_so():
    assert says("Zut alors") == 'the quote is not in s.txt: not even its first character "Z" matches'
    assert quote_problem("Zut", SEED) == 'the quote is not in the source: not even its first character "Z" matches'


@pytest.mark.parametrize(("quote", "label"), [
    ("Le 5 juin […] l’armée a défilé le 10 mai", "fragment 2 of 2"),
    ("Le 5 juin […] le Sénat a voté […] le 9 mai.", "fragment 2 of 3"),
    ("Le 5 juin […] le Sénat […] le 10 mai", "fragment 3 of 3"),
    ("Le 5 juin 2024 […] le Sénat […] le 9 mai", "fragment 1 of 3"),
    ("[…] Le 5 juin […] l’armée a défilé le 10 mai", "fragment 2 of 2"),  # a leading […] is no fragment
    ("[…] l’armée a défilé le 10 mai […]", "the quote"),  # one fragment between elisions is the quote
    ("l’armée a défilé le 10 mai […]", "the quote"),
])
def test_fragments_are_numbered_among_the_non_empty_ones(quote, label):
    message = says(quote)
    assert message is not None and message.startswith(f"{label} is not verbatim in s.txt: it matches up to ")


def test_a_fragment_that_is_nowhere_is_named():
    assert says("Le 5 juin […] Zut") == 'fragment 2 of 2 is not in s.txt: not even its first character "Z" matches'


@pytest.mark.parametrize("quote", [
    "l’armée a défilé […] Le 5 juin 2025",
    "a validé […] a validé",  # the seed says it once: two fragments cannot both be that one place
    "le Sénat […] t a validé",  # fragments may not overlap
])
def test_fragments_must_follow_the_text_in_order(quote):
    assert says(quote) == ("fragment 2 of 2 is in s.txt but before the previous fragment; fragments must follow the "
                           "text's order")


@pytest.mark.parametrize("quote", [
    "le Sénat a validé une loi",
    "le  Sénat\na validé",  # whitespace runs collapse on both sides
    "Le 5 juin 2025 […] l’armée a défilé",
    "[…] a validé une loi. […] le 9 mai.",
    "Le […] le […] le",
    "Le 5 juin 2025, […]",
])
def test_verbatim_quotes_pass(quote):
    assert says(quote) is None


def longest_start_in(fragment: str, text: str) -> int:
    return max(length for length in range(len(fragment) + 1) if fragment[:length] in text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ", max_size=40), st.text(alphabet="abc", min_size=1, max_size=40))
@example("abab", "abac")
@example("a" * 30 + "b", "a" * 31)
def test_the_reported_position_is_the_longest_start_found(text, quote):
    message = collapsed_quote_problem(quote, text, "t")
    if quote in text:
        assert message is None
        return
    matched = longest_start_in(quote, text)
    if matched == 0:
        assert message == f'the quote is not in t: not even its first character "{quote[0]}" matches'
        return
    shown = quote[:matched] if matched <= 25 else "…" + quote[matched - 25:matched]
    assert message == (f'the quote is not verbatim in t: it matches up to "{shown}", then the text differs at '
                       f'"{quote[matched:matched + 25]}"')


def test_seed_texts_are_read_once_from_the_first_folder_that_has_them(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "bad.txt").write_bytes(b"\xff\xfe not UTF-8")
    (second / "bad.txt").write_text("good  text\n", encoding="utf-8")
    (second / "a.txt").write_text("second", encoding="utf-8")
    (first / "a.txt").write_text("first\u00a0one", encoding="utf-8")
    texts = SeedTexts((first, second))
    assert texts.get("a.txt") == "first one"  # whitespace collapsed
    assert texts.get("bad.txt") == "good text"  # an undecodable file is skipped
    assert texts.get("none.txt") is None
    (first / "a.txt").write_text("changed", encoding="utf-8")
    (first / "none.txt").write_text("late", encoding="utf-8")
    assert texts.get("a.txt") == "first one" and texts.get("none.txt") is None
