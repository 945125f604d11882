"""Pure filtering and ordering: (events, vocabularies, criteria) -> events. No I/O, no printing.

Every filter is computed over whole columns (or over the distinct values of a column), never by a
Python loop over rows, so the same code serves 80 curated events and a million-row export.

The request itself is `criteria.Criteria` (how to add a filter is told there); `Selection` checks it once
and picks rows, for a whole table (`filter_events`) or for each group of rows as a file is read (`row_filter`).
"""

from __future__ import annotations

import difflib
from collections.abc import Set as AbstractSet

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import UsageError
from ..files.load import EventTable, RowFilter
from ..files.vocabularies import Vocabularies
from ..schema import model
from ..values.arrowtext import arrow_strings, numpy_values, take_chunked, text_array, text_scalar
from ..values.text import fold
from . import storylines
from .criteria import Criteria
from .names import closest, resolve, source_entries, theme_entries, word_hits
from .order import story_order
from .search import search_mask
from .within import known_within


class NeedsTheFile(Exception):
    """A value the vocabularies do not know, which the events file itself may use."""


class Selection:
    """Criteria checked once against the vocabularies (and the events, when given), ready to pick rows.

    Without `table` a value the vocabularies lack raises `NeedsTheFile`: the answer for a group of rows
    alone could differ from the answer for the whole file. With it, the file's own names count as known.
    `__init__` resolves each criterion in turn (one method a filter family); `rows` narrows by each.
    """

    def __init__(self, criteria: Criteria, vocab: Vocabularies, table: EventTable | None = None) -> None:
        self.criteria, self.vocab, self.window = criteria, vocab, criteria.window()
        self._actor_pieces: tuple[EventTable, Pieces] | None = None
        self.actor_keys = self._resolve_actors(table) if criteria.actors else None
        self.themes = self._resolve_themes(table)
        self.sources = self._resolve_sources(table)
        self.place_keys = self._resolve_places(table) if criteria.places else None
        _check_claim_types(criteria.claim_types)
        # Storylines come with the events file, so the vocabularies' answer is the file's answer.
        self.stories = storylines.resolve_all(vocab.storylines, criteria.storylines) if criteria.storylines else None

    def _resolve_actors(self, table: EventTable | None) -> set[str]:
        """The folded spellings of every actor asked for and, transitively, of its members."""
        names_in_file: set[str] = set()
        if table is not None:
            self._actor_pieces = (table, list_pieces(table.column("actors")))
            names_in_file = actor_names_in(table, self._actor_pieces[1])
        index = ActorIndex(self.vocab, names_in_file)
        if table is None and not all(index.knows(a) for a in self.criteria.actors):
            raise NeedsTheFile
        wanted: set[str] = set()
        for typed in self.criteria.actors:
            wanted |= index.with_members(index.resolve(typed))
        return index.match_keys(wanted)

    # A theme or source named other than by its exact key resolves against the file's own names too
    # (a source also against the further citations' sources).
    def _resolve_themes(self, table: EventTable | None) -> set[str]:
        typed = self.criteria.themes
        if table is None:
            if not all(t in self.vocab.themes for t in typed):
                raise NeedsTheFile
            return set(typed)
        if not typed:
            return set()
        entries = theme_entries(self.vocab, _list_values(table.column("themes")))
        return {resolve(t, entries, "theme", "themes") for t in typed}

    def _resolve_sources(self, table: EventTable | None) -> tuple[str, ...]:
        typed, cited = self.criteria.sources, cited_sources(self.vocab)
        if table is None:
            if not all(s in self.vocab.sources or s in cited for s in typed):
                raise NeedsTheFile
            return tuple(typed)
        if not typed:
            return ()
        entries = source_entries(self.vocab, set(pc.unique(table.column("source")).to_pylist()) | cited)
        return tuple(resolve(s, entries, "source", "sources") for s in typed)

    def _resolve_places(self, table: EventTable | None) -> set[str]:
        """Every spelling of the places asked for and of the places within them (a country's cities)."""
        places = self.vocab.places
        if table is None and not all(places.canonical(p) is not None for p in self.criteria.places):
            raise NeedsTheFile
        in_file = _list_values(table.column("location")) if table is not None else set()
        wanted: set[str] = set()
        for typed in self.criteria.places:
            wanted |= places.within(places.resolve(typed, in_file))
        return places.spellings_of(wanted)

    def rows(self, table: EventTable) -> np.ndarray:
        """Positions of the events matching every criterion, ascending."""
        keep = np.ones(len(table), dtype=bool)
        for narrow in (self._after_start, self._before_end, self._known_within, self._by_actors, self._by_themes,
                       self._by_sources, self._corroborated, self._stated_dates, self._by_claim_types,
                       self._by_storylines, self._by_places, self._by_search):
            mask = narrow(table)
            if mask is not None:
                keep &= mask
        return np.flatnonzero(keep)

    # Each narrowing below gives the rows one criterion keeps, or None when that criterion is not asked for.

    def _after_start(self, table: EventTable) -> np.ndarray | None:
        return table.end >= self.window.start if self.window.start is not None else None

    def _before_end(self, table: EventTable) -> np.ndarray | None:
        return table.start <= self.window.end if self.window.end is not None else None

    def _known_within(self, table: EventTable) -> np.ndarray | None:
        return known_within(table, self.window) if self.criteria.within else None

    def _by_actors(self, table: EventTable) -> np.ndarray | None:
        if self.actor_keys is None:
            return None
        pieces = self._actor_pieces[1] if self._actor_pieces and self._actor_pieces[0] is table else None
        return list_cell_matches(table.column("actors"), self.actor_keys, pieces=pieces)

    def _by_themes(self, table: EventTable) -> np.ndarray | None:
        return list_cell_matches(table.column("themes"), self.themes, folded=False) if self.themes else None

    def _by_sources(self, table: EventTable) -> np.ndarray | None:
        if not self.sources:
            return None
        # the primary source or any further citation's
        return _is_in(table.column("source"), self.sources) | cited_by(table, self.vocab, self.sources)

    def _corroborated(self, table: EventTable) -> np.ndarray | None:
        return corroborated(table, self.vocab) if self.criteria.corroborated else None

    def _stated_dates(self, table: EventTable) -> np.ndarray | None:
        return _is_in(table.column("date_basis"), ("", "stated")) if self.criteria.stated_dates else None

    def _by_claim_types(self, table: EventTable) -> np.ndarray | None:
        return _is_in(table.column("claim_type"), self.criteria.claim_types) if self.criteria.claim_types else None

    def _by_storylines(self, table: EventTable) -> np.ndarray | None:
        return storylines.storyline_mask(table, self.stories) if self.stories is not None else None

    def _by_places(self, table: EventTable) -> np.ndarray | None:
        return list_cell_matches(table.column("location"), self.place_keys) if self.place_keys is not None else None

    def _by_search(self, table: EventTable) -> np.ndarray | None:
        return search_mask(table.data, self.criteria.search) if self.criteria.search else None


def _check_claim_types(claim_types: tuple[str, ...]) -> None:
    bad = [c for c in claim_types if c not in model.CLAIM_TYPES]
    if bad:
        raise UsageError(f'unknown claim type "{bad[0]}"; use one of {", ".join(model.CLAIM_TYPES)}')


class ActorIndex:
    """Resolves what a user types to canonical actors, and an actor to everything that rolls up into it."""

    def __init__(self, vocab: Vocabularies, names_in_data: AbstractSet[str] = frozenset()) -> None:
        self._lookup = dict(vocab.actor_spellings)
        self._members: dict[str, set[str]] = {}
        for actor in vocab.actors.values():
            for parent in actor.member_of:
                self._members.setdefault(parent, set()).add(actor.name)
        # Names the vocabularies do not know stay filterable by their exact (folded) name.
        for name in names_in_data:
            self._lookup.setdefault(fold(name), name)
        # Every spelling -> the actor it names, so a suggestion names each actor once, by its canonical name.
        self._canonical = {spelling: actor.name for actor in vocab.actors.values()
                           for spelling in (actor.name, *actor.aliases)}
        for name in names_in_data:
            self._canonical.setdefault(name, self._lookup[fold(name)])

    def knows(self, typed: str) -> bool:
        return fold(typed) in self._lookup

    def resolve(self, typed: str) -> str:
        key = fold(typed)
        if key in self._lookup:
            return self._lookup[key]
        close = closest(typed, self._canonical)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
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
    rows, codes, items = pieces or list_pieces(column)
    key = fold if folded else (lambda s: s)
    hit = np.array([bool(item.strip()) and key(item.strip()) in wanted for item in items], dtype=bool)
    matches = np.zeros(len(column), dtype=bool)
    if len(codes):
        matches[rows[hit[codes]]] = True
    return matches


def sort_events(table: EventTable, descending: bool = False) -> EventTable:
    """Story order (`query.order`): by what the date says, then the curators' row order; `descending` reverses it."""
    return table.take(sorted_rows(table, descending=descending))


def sorted_rows(table: EventTable, rows: np.ndarray | None = None, descending: bool = False) -> np.ndarray:
    """The positions `rows` (ascending; default all) in `sort_events` order."""
    order = story_order(table, rows)
    return order[::-1] if descending else order


def find_event(table: EventTable, event_id: str) -> int:
    """Row position of an id; an unknown id is a usage error with the closest ids."""
    ids = table.column("id")
    hits = np.flatnonzero(numpy_values(pc.equal(ids, text_scalar(event_id))))
    if len(hits):
        return int(hits[0])
    id_list = ids.to_pylist()
    titles = table.column("title").to_pylist()
    close = word_hits(event_id, {i: (i, t) for i, t in zip(id_list, titles)})
    close += [c for c in difflib.get_close_matches(event_id, id_list, n=3, cutoff=0.5) if c not in close]
    if not close:
        raise UsageError(f'no event with id "{event_id}" (`kaztimeline list -c id,title` lists them)')
    title_of = dict(zip(id_list, titles))
    lines = [f"  {c}  {title_of[c]}" for c in close[:5]]
    raise UsageError("\n".join([f'no event with id "{event_id}"; did you mean:', *lines]))
