"""`--search` over tokens equals the plain definition: every folded query word in the folded text."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from kaztimeline.query import search
from kaztimeline.query.search import SEARCHED_COLUMNS, search_mask
from kaztimeline.values.text import fold, search_terms

ALPHABET = "aAeéÉèiïoôœuüçßKŁł·ŀʻ´ -’'\u00a0\u202f\n\t.,«»;:x\u0301\u0300\x1c\x85\u2028\u3000\u180e\u200b_"
cells = st.text(alphabet=ALPHABET, max_size=30)
queries = st.text(alphabet="aeéioœuçßKlŁ· -’'x\u0301", min_size=1, max_size=8)


def plain(rows: list[tuple[str, ...]], query: str) -> list[bool]:
    return [all(term in fold(" ".join(row)) for term in search_terms(query)) for row in rows]


def table_of(rows: list[tuple[str, ...]]) -> pa.Table:
    return pa.table([pa.array([row[i] for row in rows], type=pa.large_string())
                     for i in range(len(SEARCHED_COLUMNS))], names=list(SEARCHED_COLUMNS))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(*[cells] * len(SEARCHED_COLUMNS)), max_size=12), queries)
def test_token_search_equals_folding_the_whole_text(rows, query):
    assert search_mask(table_of(rows), query).tolist() == plain(rows, query)


def test_batches_give_the_same_answer(monkeypatch):
    rows = [(f"Défense {i}", "territoriale" if i % 3 else "autre", "", "", "Kazakhstan") for i in range(50)]
    whole = search_mask(table_of(rows), "defense territoriale")
    monkeypatch.setattr(search, "BATCH_ROWS", 7)
    assert search_mask(table_of(rows), "defense territoriale").tolist() == whole.tolist() \
        == plain(rows, "defense territoriale")
