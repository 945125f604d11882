"""The vocabularies an events file is read with: actors, themes and sources, and its further citations.

A file may bring its own `actors.csv`, `themes.csv` and `sources.csv` in its folder; otherwise the bundled
ones apply. Citations come only from its own folder (`citations.py`). Only their structure is checked here;
`validate` applies the curation rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..resources import bundled_root
from ..schema import model
from ..schema.evidence import Citation
from .citations import load_citations
from .load import STDIN, Table, default_events_path, read_table


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    member_of: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Vocabularies:
    """Actors, themes and sources, keyed by name, id and file name, in file order."""

    actors: dict[str, Actor]
    themes: dict[str, dict[str, str]]
    sources: dict[str, dict[str, str]]
    files: dict[str, str]  # which file each vocabulary came from
    citations: Mapping[str, tuple[Citation, ...]] = field(default_factory=dict)  # event id -> further citations


def vocabulary_paths(events_path: str | Path | None) -> dict[str, Path]:
    """The vocabularies beside the events file where it brings them, else the bundled ones."""
    bundled = bundled_root() / "data"
    folder = None
    if events_path is not None and str(events_path) != STDIN:
        folder = Path(events_path).resolve().parent
    elif events_path is None:
        folder = Path(default_events_path()).resolve().parent
    paths = {}
    for kind in ("actors", "themes", "sources"):
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
    return Vocabularies(actors, themes, sources, {k: str(v) for k, v in paths.items()}, load_citations(events_path))


def _records(table: Table) -> list[dict[str, str]]:
    return [dict(zip(table.header, row)) for row in table.rows]
