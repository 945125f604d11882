"""The schema of the curated tables: column names, required cells and enumerations, read from datapackage.json.

The data package descriptor is the one statement of the format (Frictionless tools check it too): the
column tuples and enumerations below are read from it when this module is imported (a small JSON file,
parsed once), never restated. Only what the descriptor cannot say is written here: which columns a
user's file may leave out, which cells hold `;`-lists, the quote elision mark. No other I/O.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..resources import bundled_root


@dataclass(frozen=True)
class Field:
    name: str
    description: str
    constraints: dict[str, Any]


def bundled_descriptor() -> Path:
    return bundled_root() / "datapackage.json"


@cache
def _resources(descriptor: Path) -> dict[str, tuple[Field, ...]]:
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    resources = {}
    for resource in package.get("resources", []):
        fields = resource.get("schema", {}).get("fields", [])
        resources[resource["name"]] = tuple(
            Field(f["name"], f.get("description", ""), f.get("constraints", {})) for f in fields
        )
    return resources


def resource_fields(name: str, descriptor: Path | None = None) -> tuple[Field, ...]:
    """The fields of one resource (`events`, `actors`, `themes`, `sources`, ...), in schema order."""
    return _resources((descriptor or bundled_descriptor()).resolve())[name]


def _columns(resource: str, required: bool = False) -> tuple[str, ...]:
    return tuple(f.name for f in resource_fields(resource) if not required or f.constraints.get("required"))


def _enum(resource: str, column: str) -> tuple[str, ...]:
    field, = (f for f in resource_fields(resource) if f.name == column)
    return tuple(field.constraints["enum"])


EVENT_COLUMNS = _columns("events")
REQUIRED_EVENT_COLUMNS = _columns("events", required=True)
# Columns an events file may leave out (a user's 12-column file keeps working); read as empty cells.
OPTIONAL_EVENT_COLUMNS: tuple[str, ...] = ("date_basis",)
# Columns `--columns` offers beyond a file's own, computed from them (`query/derived.py`): `when` is the date
# as a person reads it ("early Jan 2022"), the one date display.
DERIVED_EVENT_COLUMNS: tuple[str, ...] = ("when",)
# Cells holding `;`-separated lists; JSON output turns them into arrays.
LIST_COLUMNS: tuple[str, ...] = ("actors", "themes", "location")
LIST_SEPARATOR = ";"

CLAIM_TYPES = _enum("events", "claim_type")
DATE_QUALIFIERS = _enum("events", "date_qualifier")
# How an event's date is known; an empty cell means the first, `stated`.
DATE_BASES = _enum("events", "date_basis")
CITATION_RELATIONS = _enum("citations", "relation")
TITLE_MAX_LENGTH: int = next(f for f in resource_fields("events") if f.name == "title").constraints["maxLength"]

ACTOR_COLUMNS = _columns("actors")
THEME_COLUMNS = _columns("themes")
# Columns a user's file may leave out (the bundled data has them): a source's short readable name.
SOURCE_OPTIONAL_COLUMNS: tuple[str, ...] = ("short",)
SOURCE_COLUMNS = tuple(c for c in _columns("sources") if c not in SOURCE_OPTIONAL_COLUMNS)
OPTIONAL_COLUMNS: frozenset[str] = frozenset(SOURCE_OPTIONAL_COLUMNS)
STORYLINE_COLUMNS = _columns("storylines")
STORYLINE_EVENT_COLUMNS = _columns("storyline_events")
# The gazetteer's columns a program reads: all but the provenance ones the data package describes too.
PLACE_COLUMNS = tuple(c for c in _columns("places") if c not in ("geonames_id", "source", "note"))
# Further citations of an event, beyond the primary one in events.csv (source + quote).
CITATION_COLUMNS = _columns("citations")
REQUIRED_CITATION_COLUMNS = _columns("citations", required=True)

QUOTE_ELISION = "[…]"


def split_list(cell: str) -> list[str]:
    """Split a `;`-list cell, dropping blanks, so `"Russia; CSTO"` and `"Russia;CSTO"` read alike."""
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


@dataclass
class CsvCells:
    """A parsed CSV: header, rows of text cells, and the physical line where each row starts."""

    name: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    separator: str = ","  # as sniffed from the header (files.dialect): a French Excel CSV uses ";"
