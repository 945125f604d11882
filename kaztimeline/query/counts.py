"""The rows behind `actors`, `themes` and `sources`: each vocabulary entry with its event count.

An actor's count is what `list --actor NAME` would give, members included, and a source's what
`list --source FILE` gives (events it is cited for, first or further), so the two always agree.
"""

from __future__ import annotations

from collections import Counter

from ..files.load import EventTable
from ..files.vocabularies import Vocabularies
from .filters import ActorIndex, actor_names_in, list_cell_matches, list_pieces

VOCABULARY_COLUMNS = {
    "actors": ["name", "kind", "member_of", "aliases", "events"],
    "themes": ["id", "label", "description", "events"],
    "sources": ["source", "short", "title", "author", "published", "kind", "language", "notes", "events"],
    "places": ["name", "kind", "country", "region", "latitude", "longitude", "aliases", "events"],
}


def vocabulary_rows(kind: str, table: EventTable, vocab: Vocabularies) -> tuple[list[str], list[list[str]]]:
    columns = VOCABULARY_COLUMNS[kind]
    if kind == "actors":
        pieces = list_pieces(table.column("actors"))  # split once for every actor's count
        index = ActorIndex(vocab, actor_names_in(table, pieces))
        rows = []
        for actor in vocab.actors.values():
            wanted = index.match_keys(index.with_members(actor.name))
            count = int(list_cell_matches(table.column("actors"), wanted, pieces=pieces).sum())
            rows.append([actor.name, actor.kind, ";".join(actor.member_of), ";".join(actor.aliases), str(count)])
        return columns, rows
    if kind == "themes":
        pieces = list_pieces(table.column("themes"))
        rows = []
        for theme_id, theme in vocab.themes.items():
            count = int(list_cell_matches(table.column("themes"), {theme_id}, folded=False, pieces=pieces).sum())
            rows.append([theme_id, theme.get("label", ""), theme.get("description", ""), str(count)])
        return columns, rows
    if kind == "places":
        return columns, place_rows(table, vocab)
    counts: Counter[str] = Counter()
    for event_id, primary in zip(table.column("id").to_pylist(), table.column("source").to_pylist()):
        counts.update(list(dict.fromkeys([primary, *(c.source for c in vocab.citations.get(event_id, ()))])))
    rows = [[entry.get(c, "") for c in columns[:-1]] + [str(counts.get(name, 0))]
            for name, entry in vocab.sources.items()]
    return columns, rows


def place_rows(table: EventTable, vocab: Vocabularies) -> list[list[str]]:
    """Each place with the events `list --place NAME` gives: its own and those of the places inside it."""
    pieces = list_pieces(table.column("location"))
    places = vocab.places
    rows = []
    for place in places.places.values():
        wanted = places.spellings_of(places.within(place.name))
        count = int(list_cell_matches(table.column("location"), wanted, pieces=pieces).sum())
        rows.append([place.name, place.kind, place.country, place.region, _degrees(place.latitude),
                     _degrees(place.longitude), ";".join(place.aliases), str(count)])
    return rows


def _degrees(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


__all__ = ["VOCABULARY_COLUMNS", "place_rows", "vocabulary_rows"]
