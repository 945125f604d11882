"""`--search` over tokens equals the plain definition: every folded query word in the folded text."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kaztimeline import search
from kaztimeline.search import SEARCHED_COLUMNS, search_mask
from kaztimeline.text import fold, search_terms

ALPHABET = "aAeéÉèiïoôœuüçßK -’'\u00a0\u202f\n\t.,«»;:x\u0301\u0300\x1c\x85\u2028\u3000\u180e\u200b_"
cells = st.text(alphabet=ALPHABET, max_size=30)
queries = st.text(alphabet="aeéioœuçßK -’'x\u0301", min_size=1, max_size=8)


def plain(frame: pd.DataFrame, query: str) -> list[bool]:
    text = [" ".join(frame[c][i] for c in SEARCHED_COLUMNS) for i in range(len(frame))]
    return [all(term in fold(t) for term in search_terms(query)) for t in text]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(*[cells] * len(SEARCHED_COLUMNS)), max_size=12), queries)
def test_token_search_equals_folding_the_whole_text(rows, query):
    frame = pd.DataFrame(rows or None, columns=list(SEARCHED_COLUMNS), dtype="str")
    assert search_mask(frame, query).tolist() == plain(frame, query)


def test_batches_give_the_same_answer(monkeypatch):
    rows = [(f"Défense {i}", "territoriale" if i % 3 else "autre", "", "", "Kazakhstan") for i in range(50)]
    frame = pd.DataFrame(rows, columns=list(SEARCHED_COLUMNS), dtype="str")
    whole = search_mask(frame, "defense territoriale")
    monkeypatch.setattr(search, "BATCH_ROWS", 7)
    assert search_mask(frame, "defense territoriale").tolist() == whole.tolist() == plain(frame, "defense territoriale")
