"""The vocabularies an events file is read with: actors, themes, sources and places (and, on demand, its
storylines), and its further citations.

A file may bring its own `actors.csv`, `themes.csv`, `sources.csv` and `places.csv` in its folder; otherwise
the bundled ones apply. Citations come only from its own folder (`citations.py`). Only their structure is
checked here; `validate` applies the curation rules.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..resources import bundled_root
from ..schema import model
from ..schema.evidence import Citation
from ..values.text import spelling_index
from .citations import load_citations
from .load import STDIN, CsvCells, default_events_path, read_table
from .places import Gazetteer, gazetteer_from

if TYPE_CHECKING:
    from .storylines import Storylines


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    member_of: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Vocabularies:
    """Actors, themes, sources and places, keyed by name, id and file name, in file order."""

    actors: dict[str, Actor]
    themes: dict[str, dict[str, str]]
    sources: dict[str, dict[str, str]]
    files: dict[str, str]  # which file each vocabulary came from
    events_path: str | Path | None = field(default=None, compare=False)  # whose storylines `storylines` reads
    places: Gazetteer = field(default_factory=lambda: Gazetteer([]))
    citations: Mapping[str, tuple[Citation, ...]] = field(default_factory=dict)  # event id -> further citations

    @functools.cached_property
    def storylines(self) -> Storylines:
        """The events file's storylines, read on first use: most commands never need them."""
        from .storylines import load_storylines

        return load_storylines(self.events_path)

    @functools.cached_property
    def actor_spellings(self) -> dict[str, str]:
        """Every actor's name and aliases, folded, to its canonical name (the first actor to claim a spelling
        keeps it): how every command reads an actor the user or a file names."""
        return spelling_index((actor.name, actor.aliases) for actor in self.actors.values())


KINDS = ("actors", "themes", "sources", "places")


def source_line(sources: Mapping[str, Mapping[str, str]], file_name: str) -> str:
    """How every view names a source so that a reader can find it: «title», author, kind, published; the
    file name alone when the sources table does not know it."""
    source = sources.get(file_name)
    if not source:
        return file_name
    parts = [f"«{source.get('title') or file_name}»"]
    parts += [source[k] for k in ("author", "kind", "published") if source.get(k)]
    return ", ".join(parts)


def theme_labels(themes: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """Each theme id to the label every view shows for it (the id itself where the label is empty)."""
    return {theme_id: theme.get("label") or theme_id for theme_id, theme in themes.items()}


def data_folder(events_path: str | Path | None) -> Path | None:
    """The folder an events file is read from (the default file's for None); None for standard input."""
    if events_path is not None and str(events_path) != STDIN:
        return Path(events_path).resolve().parent
    if events_path is None:
        return Path(default_events_path()).resolve().parent
    return None


def vocabulary_paths(events_path: str | Path | None) -> dict[str, Path]:
    """The vocabularies beside the events file where it brings them, else the bundled ones."""
    bundled = bundled_root() / "data"
    folder = data_folder(events_path)
    paths = {}
    for kind in KINDS:
        beside = folder / f"{kind}.csv" if folder else None
        paths[kind] = beside if beside is not None and beside.is_file() else bundled / f"{kind}.csv"
    return paths


def load_vocabularies(events_path: str | Path | None = None) -> Vocabularies:
    paths = vocabulary_paths(events_path)
    actors_table = read_table(paths["actors"], model.ACTOR_COLUMNS)
    themes_table = read_table(paths["themes"], model.THEME_COLUMNS)
    sources_table = read_table(paths["sources"], model.SOURCE_COLUMNS)
    actors = {}
    for record in _records(actors_table):
        actors[record["name"]] = Actor(
            name=record["name"],
            kind=record["kind"],
            member_of=tuple(model.split_list(record["member_of"])),
            aliases=tuple(model.split_list(record["aliases"])),
        )
    themes = {record["id"]: record for record in _records(themes_table)}
    sources = {record["source"]: record for record in _records(sources_table)}
    places = gazetteer_from(read_table(paths["places"], model.PLACE_COLUMNS), str(paths["places"]))
    return Vocabularies(actors, themes, sources, {k: str(v) for k, v in paths.items()}, events_path, places,
                        load_citations(events_path))


def _records(table: CsvCells) -> list[dict[str, str]]:
    return [dict(zip(table.header, row)) for row in table.rows]
