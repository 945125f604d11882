"""Pure filtering and ordering: (events, vocabularies, criteria) -> events. No I/O, no printing.

Every filter is computed over whole columns (or over the distinct values of a column), never by a
Python loop over rows, so the same code serves 80 curated events and a million-row export.

The request itself is `criteria.Criteria` (how to add a filter is told there); `Selection` checks it once
and picks rows, for a whole table (`filter_events`) or for each group of rows as a file is read (`row_filter`).
"""

from __future__ import annotations

import difflib

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import UsageError
from ..files.load import EventTable, RowFilter
from ..files.vocabularies import Vocabularies
from ..schema import model
from ..values.arrowtext import arrow_strings, int_array, numpy_values, take_chunked, text_array, text_scalar
from ..values.text import fold
from .criteria import Criteria
from .search import search_mask


class NeedsTheFile(Exception):
    """A value the vocabularies do not know, which the events file itself may use."""


class Selection:
    """Criteria checked once against the vocabularies (and the events, when given), ready to pick rows.

    Without `table` a value the vocabularies lack raises `NeedsTheFile`: the answer for a group of rows
    alone could differ from the answer for the whole file. With it, the file's own names count as known.
    """

    def __init__(self, criteria: Criteria, vocab: Vocabularies, table: EventTable | None = None) -> None:
        self.criteria, self.vocab, self.window = criteria, vocab, criteria.window()
        self._actor_pieces = None
        self.actor_keys: set[str] | None = None
        if criteria.actors:
            if table is not None:
                self._actor_pieces = (table, list_pieces(table.column("actors")))
            index = ActorIndex(vocab, actor_names_in(table, self._actor_pieces[1]) if table is not None else set())
            if table is None and not all(index.knows(a) for a in criteria.actors):
                raise NeedsTheFile
            wanted: set[str] = set()
            for typed in criteria.actors:
                wanted |= index.with_members(index.resolve(typed))
            self.actor_keys = index.match_keys(wanted)
        _check_known("theme", "valid themes", criteria.themes, set(vocab.themes),
                     lambda: _list_values(table.column("themes")) if table is not None else None)
        _check_known("source", "known sources", criteria.sources, set(vocab.sources) | cited_sources(vocab),
                     lambda: set(pc.unique(table.column("source")).to_pylist()) if table is not None else None)
        bad = [c for c in criteria.claim_types if c not in model.CLAIM_TYPES]
        if bad:
            raise UsageError(f'unknown claim type "{bad[0]}"; use one of {", ".join(model.CLAIM_TYPES)}')

    def rows(self, table: EventTable) -> np.ndarray:
        """Positions of the events matching every criterion, ascending."""
        criteria, window = self.criteria, self.window
        keep = np.ones(len(table), dtype=bool)
        if window.start is not None:
            keep &= table.end >= window.start
        if window.end is not None:
            keep &= table.start <= window.end
        if self.actor_keys is not None:
            pieces = self._actor_pieces[1] if self._actor_pieces and self._actor_pieces[0] is table else None
            keep &= list_cell_matches(table.column("actors"), self.actor_keys, pieces=pieces)
        if criteria.themes:
            keep &= list_cell_matches(table.column("themes"), set(criteria.themes), folded=False)
        if criteria.sources:  # the primary source or any further citation's
            keep &= _is_in(table.column("source"), criteria.sources) | cited_by(table, self.vocab, criteria.sources)
        if criteria.corroborated:
            keep &= corroborated(table, self.vocab)
        if criteria.stated_dates:
            keep &= _is_in(table.column("date_basis"), ("", "stated"))
        if criteria.claim_types:
            keep &= _is_in(table.column("claim_type"), criteria.claim_types)
        if criteria.search:
            keep &= search_mask(table.data, criteria.search)
        return np.flatnonzero(keep)


def _check_known(what: str, listed: str, given: tuple[str, ...], known: set[str], in_file) -> None:
    """Raise for the first value of `given` neither the vocabularies nor (when loaded) the file know."""
    if all(value in known for value in given):
        return
    used = in_file()
    if used is None:
        raise NeedsTheFile
    known |= used
    unknown = [value for value in given if value not in known]
    if unknown:
        raise UsageError(f'unknown {what} "{unknown[0]}"; {listed}: {", ".join(sorted(known))}')


class ActorIndex:
    """Resolves what a user types to canonical actors, and an actor to everything that rolls up into it."""

    def __init__(self, vocab: Vocabularies, names_in_data: set[str] = frozenset()) -> None:
        self._lookup: dict[str, str] = {}
        self._members: dict[str, set[str]] = {}
        for actor in vocab.actors.values():
            for spelling in (actor.name, *actor.aliases):
                self._lookup.setdefault(fold(spelling), actor.name)
            for parent in actor.member_of:
                self._members.setdefault(parent, set()).add(actor.name)
        # Names the vocabularies do not know stay filterable by their exact (folded) name.
        for name in names_in_data:
            self._lookup.setdefault(fold(name), name)
        self._spellings = {fold(a.name): a.name for a in vocab.actors.values()}
        for actor in vocab.actors.values():
            for alias in actor.aliases:
                self._spellings.setdefault(fold(alias), alias)
        for name in names_in_data:
            self._spellings.setdefault(fold(name), name)

    def knows(self, typed: str) -> bool:
        return fold(typed) in self._lookup

    def resolve(self, typed: str) -> str:
        key = fold(typed)
        if key in self._lookup:
            return self._lookup[key]
        close = difflib.get_close_matches(key, list(self._spellings), n=3, cutoff=0.6)
        hint = f"; did you mean {', '.join(self._spellings[c] for c in close)}?" if close else ""
        raise UsageError(f'unknown actor "{typed}"{hint} (`kaztimeline actors` lists them)')

    def match_keys(self, names: set[str]) -> set[str]:
        """The folded names and aliases that stand for any of `names`: a file may spell an actor by an alias."""
        return {fold(n) for n in names} | {key for key, name in self._lookup.items() if name in names}

    def with_members(self, name: str) -> set[str]:
        """The actor and, transitively, every actor that is a member of it (cycle-safe)."""
        found, todo = {name}, [name]
        while todo:
            for member in self._members.get(todo.pop(), ()):
                if member not in found:
                    found.add(member)
                    todo.append(member)
        return found


def actor_names_in(table: EventTable, pieces: Pieces | None = None) -> set[str]:
    return _list_values(table.column("actors"), pieces)


def filter_events(table: EventTable, vocab: Vocabularies, criteria: Criteria) -> EventTable:
    """The events matching every criterion, in file order."""
    return table.subset(Selection(criteria, vocab, table).rows(table))


def row_filter(vocab: Vocabularies, criteria: Criteria) -> RowFilter | None:
    """The criteria as a test of any group of rows alone, for `load_events` to filter a file as it reads it.

    Every criterion decides a row by that row alone; only the names a file uses can change an answer (a
    name the vocabularies lack may still be one the file uses) or raise an error. So when the request is
    sound without the file, the groups' answers are the whole table's; otherwise None, and the caller
    filters the whole table (which reports the error after the file's own).
    """
    try:
        return Selection(criteria, vocab).rows
    except (NeedsTheFile, UsageError):
        return None


def cited_sources(vocab: Vocabularies) -> set[str]:
    return {c.source for citations in vocab.citations.values() for c in citations}


def cited_by(table: EventTable, vocab: Vocabularies, sources: tuple[str, ...]) -> np.ndarray:
    """Events a further citation from one of `sources` tells."""
    ids = [event_id for event_id, citations in vocab.citations.items() if any(c.source in sources for c in citations)]
    return _is_in(table.column("id"), tuple(ids))


def corroborated(table: EventTable, vocab: Vocabularies) -> np.ndarray:
    """Events told by two or more distinct sources: a further citation from a source other than the primary.

    Decided per event id holding citations (a few hundred), then matched over the id column.
    """
    cited = list(vocab.citations)
    if not cited:
        return np.zeros(len(table), dtype=bool)
    rows = np.flatnonzero(_is_in(table.column("id"), tuple(cited)))
    ids = take_chunked(table.column("id"), rows).to_pylist()
    primary = take_chunked(table.column("source"), rows).to_pylist()
    keep = np.zeros(len(table), dtype=bool)
    keep[rows] = [any(c.source != source for c in vocab.citations[event_id]) for event_id, source in zip(ids, primary)]
    return keep


def _is_in(column: pa.ChunkedArray, values: tuple[str, ...]) -> np.ndarray:
    return numpy_values(pc.is_in(column, value_set=text_array(values)))


def _list_values(column: pa.ChunkedArray, pieces: Pieces | None = None) -> set[str]:
    """Every item of a `;`-list column, as `model.split_list` reads them (`pieces`: its `list_pieces`)."""
    _, _, items = pieces or list_pieces(column)
    return {item.strip() for item in items if item.strip()}


Pieces = tuple[np.ndarray, np.ndarray, list[str]]


def list_pieces(column: pa.ChunkedArray) -> Pieces:
    """Each `;`-separated piece of every cell as (row, code) with the distinct raw pieces, split by pyarrow.

    Deciding per distinct piece (a few hundred actor names) instead of per row keeps Python out of the
    million-row loop.
    """
    parts = pc.split_pattern(arrow_strings(column).combine_chunks(), model.LIST_SEPARATOR)
    rows = numpy_values(pc.list_parent_indices(parts))
    encoded = pc.dictionary_encode(pc.list_flatten(parts))
    return rows, numpy_values(encoded.indices), encoded.dictionary.to_pylist()


def list_cell_matches(column: pa.ChunkedArray, wanted: set[str], folded: bool = True,
                      pieces: Pieces | None = None) -> np.ndarray:
    """Rows whose `;`-list shares an item with `wanted` (items compared folded unless `folded` is False).

    `pieces` is the column's `list_pieces`, when the caller has split it already.
    """
    rows, codes, pieces = pieces or list_pieces(column)
    key = fold if folded else (lambda s: s)
    hit = np.array([bool(p.strip()) and key(p.strip()) in wanted for p in pieces], dtype=bool)
    matches = np.zeros(len(column), dtype=bool)
    if len(codes):
        matches[rows[hit[codes]]] = True
    return matches


def sort_events(table: EventTable, descending: bool = False) -> EventTable:
    """Chronological by start date, ties broken by id, stable; `descending` reverses the whole order."""
    return table.take(sorted_rows(table, descending=descending))


def sorted_rows(table: EventTable, rows: np.ndarray | None = None, descending: bool = False) -> np.ndarray:
    """The positions `rows` (ascending; default all) in `sort_events` order."""
    ids = table.column("id")
    if rows is None:
        rows = np.arange(len(table), dtype=np.int64)
    else:
        ids = take_chunked(ids, rows)
    keys = pa.table({"start": int_array(table.start[rows]), "id": ids})
    # pyarrow's sort is stable and orders text by code point, as Python does.
    order = numpy_values(pc.sort_indices(keys, sort_keys=[("start", "ascending"), ("id", "ascending")]))
    if descending:
        order = order[::-1]
    return rows[order]


def find_event(table: EventTable, event_id: str) -> int:
    """Row position of an id; an unknown id is a usage error with the closest ids."""
    ids = table.column("id")
    hits = np.flatnonzero(numpy_values(pc.equal(ids, text_scalar(event_id))))
    if len(hits):
        return int(hits[0])
    close = difflib.get_close_matches(event_id, ids.to_pylist(), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UsageError(f'no event with id "{event_id}"{hint}')
