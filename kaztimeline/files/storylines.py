"""Storylines: named threads of events in story order, read from `storylines.csv` and `storyline_events.csv`.

They belong to an events file, not to the vocabularies: they sit beside it (the bundled data brings its own),
and an events file without them simply has none, since another file's storylines would name other events.
Loading checks only the structure and that each position is a whole number, which story order needs;
`validate` applies the other rules (known ids, positions 1..n).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..schema import model
from ..schema.problems import Problem
from .load import STDIN, default_events_path, read_table

FILES = {"storylines": "storylines.csv", "storyline_events": "storyline_events.csv"}


@dataclass(frozen=True)
class Storyline:
    id: str
    title: str
    summary: str
    events: tuple[str, ...]  # event ids in story order

    def position(self, event_id: str) -> int | None:
        """1-based place of an event in the story, or None."""
        try:
            return self.events.index(event_id) + 1
        except ValueError:
            return None


@dataclass(frozen=True)
class Storylines:
    """Every storyline of an events file, by id, in file order; empty when the file has none."""

    stories: dict[str, Storyline]
    files: dict[str, str]  # which file each table came from ("" when absent)

    @classmethod
    def empty(cls) -> Storylines:
        return cls({}, {kind: "" for kind in FILES})

    def of_event(self, event_id: str) -> list[tuple[Storyline, int]]:
        """The storylines an event belongs to, with its position in each, in storyline order."""
        return [(story, pos) for story in self.stories.values() if (pos := story.position(event_id))]


def storyline_paths(events_path: str | Path | None) -> dict[str, Path]:
    """The storyline tables beside the events file (the bundled data's for the default), those that exist."""
    if events_path is not None and str(events_path) == STDIN:
        return {}
    folder = Path(events_path if events_path is not None else default_events_path()).resolve().parent
    return {kind: folder / name for kind, name in FILES.items() if (folder / name).is_file()}


def load_storylines(events_path: str | Path | None = None) -> Storylines:
    """The storylines of an events file; a structural problem is a `DataError` naming file, line and column."""
    paths = storyline_paths(events_path)
    if not paths:
        return Storylines.empty()
    stories: dict[str, tuple[str, str]] = {}
    if "storylines" in paths:
        table = read_table(paths["storylines"], model.STORYLINE_COLUMNS)
        for row in table.rows:
            record = dict(zip(table.header, row))
            stories.setdefault(record["id"], (record["title"], record["summary"]))
    members: dict[str, list[tuple[int, int, str]]] = {}
    if "storyline_events" in paths:
        table = read_table(paths["storyline_events"], model.STORYLINE_EVENT_COLUMNS)
        for line, row in zip(table.lines, table.rows):
            record = dict(zip(table.header, row))
            position = parse_position(record["position"])
            if position is None:
                raise DataError(str(Problem(table.name, line, "position", position_message(record["position"]))))
            members.setdefault(record["storyline_id"], []).append((position, line, record["event_id"]))
    result = {}
    for story_id, (title, summary) in stories.items():
        ordered = sorted(members.get(story_id, []))
        events = tuple(dict.fromkeys(event_id for _, _, event_id in ordered))
        result[story_id] = Storyline(story_id, title, summary, events)
    return Storylines(result, {kind: str(paths.get(kind, "")) for kind in FILES})


def parse_position(text: str) -> int | None:
    """A position is a whole number from 1, written in ASCII digits."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        return None
    return int(text)


def position_message(text: str) -> str:
    return f'"{text}" is not a position: use a whole number from 1' if text.strip() else "required value is empty"
