"""Full-text search: every folded word of the query must appear in an event's folded text.

Folding every event's whole text in Python is far too slow for large files (docs/performance.md). Folding works
character by character and whitespace separates the words of a query, so a query word found in the
folded text lies within the fold of one whitespace-separated token of it. Tokens repeat a great deal
(names, places, common words), so pyarrow splits the text into tokens, each distinct token is folded
once in Python, and the rows whose tokens contain every word are found from there: the same answer as
`word in fold(text)`, at a fraction of the cost.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..values.arrowtext import arrow_strings, numpy_values, text_scalar
from ..values.text import fold, search_terms

SEARCHED_COLUMNS = ("title", "summary", "quote", "location", "actors")
BATCH_ROWS = 1 << 14  # bounds the token arrays: a batch of long events is a few million tokens


def search_mask(table: pa.Table, query: str) -> np.ndarray:
    """Rows whose title, summary, quote, location and actors hold every folded word of `query`."""
    terms = search_terms(query)
    rows = table.num_rows
    keep = np.ones(rows, dtype=bool)
    if not terms or not rows:
        return keep
    columns = [arrow_strings(table[c]).combine_chunks() for c in SEARCHED_COLUMNS if c in table.column_names]
    if not columns:
        return np.zeros(rows, dtype=bool)
    folded: dict[str, str] = {}
    for first in range(0, rows, BATCH_ROWS):
        batch = [column.slice(first, BATCH_ROWS) for column in columns]
        keep[first:first + len(batch[0])] = _batch_mask(batch, terms, folded)
    return keep


def _batch_mask(columns: list[pa.Array], terms: list[str], folded: dict[str, str]) -> np.ndarray:
    space = text_scalar(" ")
    text = pc.binary_join_element_wise(*columns, space) if len(columns) > 1 else columns[0]
    tokens = pc.utf8_split_whitespace(text)
    rows = numpy_values(pc.list_parent_indices(tokens))
    encoded = pc.dictionary_encode(pc.list_flatten(tokens))
    distinct = encoded.dictionary.to_pylist()
    for token in distinct:
        if token not in folded:
            folded[token] = fold(token)
    codes = numpy_values(encoded.indices)
    found = np.ones(len(text), dtype=bool)
    for term in terms:
        hit = np.fromiter((term in folded[token] for token in distinct), dtype=bool, count=len(distinct))
        has_term = np.zeros(len(text), dtype=bool)
        if len(codes):
            has_term[rows[hit[codes]]] = True
        found &= has_term
    return found
