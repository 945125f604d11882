"""The schema of the curated tables: column names, required cells and enumerations. No I/O."""

from __future__ import annotations

from dataclasses import dataclass

EVENT_COLUMNS: tuple[str, ...] = (
    "id",
    "date",
    "end_date",
    "date_qualifier",
    "title",
    "summary",
    "actors",
    "themes",
    "location",
    "source",
    "quote",
    "claim_type",
    "date_basis",
)
# Columns an events file may leave out (a user's 12-column file keeps working); read as empty cells.
OPTIONAL_EVENT_COLUMNS: tuple[str, ...] = ("date_basis",)
REQUIRED_EVENT_COLUMNS: tuple[str, ...] = (
    "id",
    "date",
    "title",
    "summary",
    "actors",
    "themes",
    "source",
    "quote",
    "claim_type",
)
# Cells holding `;`-separated lists; JSON output turns them into arrays.
LIST_COLUMNS: tuple[str, ...] = ("actors", "themes", "location")
LIST_SEPARATOR = ";"

CLAIM_TYPES: tuple[str, ...] = ("reported", "statement", "assessment")
DATE_QUALIFIERS: tuple[str, ...] = ("early", "mid", "late", "circa", "before", "after")
# How an event's date is known; an empty cell means the first, `stated`.
DATE_BASES: tuple[str, ...] = ("stated", "inferred", "publication")
CITATION_RELATIONS: tuple[str, ...] = ("supports", "differs")

ACTOR_COLUMNS: tuple[str, ...] = ("name", "kind", "member_of", "aliases")
THEME_COLUMNS: tuple[str, ...] = ("id", "label", "description")
SOURCE_COLUMNS: tuple[str, ...] = ("source", "title", "author", "published", "kind", "language", "notes")
STORYLINE_COLUMNS: tuple[str, ...] = ("id", "title", "summary")
STORYLINE_EVENT_COLUMNS: tuple[str, ...] = ("storyline_id", "event_id", "position")
# The gazetteer's columns a program reads (the data package describes the provenance columns too).
PLACE_COLUMNS: tuple[str, ...] = ("name", "kind", "country", "region", "latitude", "longitude", "aliases")
# Columns a user's file may leave out (the bundled data has them): a source's short readable name.
SOURCE_OPTIONAL_COLUMNS: tuple[str, ...] = ("short",)
OPTIONAL_COLUMNS: frozenset[str] = frozenset(SOURCE_OPTIONAL_COLUMNS)
# Further citations of an event, beyond the primary one in events.csv (source + quote).
CITATION_COLUMNS: tuple[str, ...] = ("event_id", "source", "quote", "relation", "note")
REQUIRED_CITATION_COLUMNS: tuple[str, ...] = ("event_id", "source", "quote", "relation")

TITLE_MAX_LENGTH = 90
QUOTE_ELISION = "[…]"


def split_list(cell: str) -> list[str]:
    """Split a `;`-list cell, dropping blanks, so `"Russia; CSTO"` and `"Russia;CSTO"` read alike."""
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


@dataclass
class Table:
    """A parsed CSV: header, rows of text cells, and the physical line where each row starts."""

    name: str
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    separator: str = ","  # as sniffed from the header (files.dialect): a French Excel CSV uses ";"
