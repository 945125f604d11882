"""Folding: what users type matches what the sources spell."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kaztimeline.values.text import collapse_whitespace, fold, search_terms


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tokaïev", "tokaiev"),
        ("TOKAÏEV", "Tokaiev"),
        ("Communauté d’Asie centrale", "communaute d'asie centrale"),
        ("défense territoriale", "DEFENSE TERRITORIALE"),
        ("« imprévisible »", "« imprévisible »"),
        ("Kassym-Jomart", "kassym jomart"),
        ("cœur", "coeur"),
        ("Erdoğan", "erdogan"),
    ],
)
def test_fold_equates(a, b):
    assert fold(a) == fold(b)


def test_fold_keeps_distinct_words_distinct():
    assert fold("Russia") != fold("Prussia")
    assert search_terms("Défense  territoriale") == ["defense", "territoriale"]


def test_collapse_whitespace_handles_nbsp_and_newlines():
    assert collapse_whitespace("a\u00a0 b\n\tc\u202fd") == "a b c d"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_is_normalisation_blind(text):
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aeiouc", min_size=1))
def test_fold_is_accent_blind(text):
    accented = "".join(ch + "\u0301" for ch in text)  # combining acute on every letter
    assert fold(accented) == fold(text)
