"""The curation rules of the storyline tables, for `validate`: every storyline and event they name exists, and
each storyline's positions run 1..n without a gap or a repeat.

`storylines.csv` (id, title, summary) and `storyline_events.csv` (storyline_id, event_id, position) are read
beside the events file; columns, required cells, id patterns and unique ids come from `datapackage.json`.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..files.storylines import parse_position, position_message
from ..schema import model
from ..schema.descriptor import constraint_problems, header_problems, resource_fields
from ..schema.model import CsvCells
from ..schema.problems import Problem


def storyline_problems(paths: dict[str, Path], event_ids: set[str] | None, descriptor: Path,
                       events_file: str = "the events file") -> list[Problem]:
    """Every problem in the storyline tables; `event_ids` None when the events file could not be read."""
    from .validate import read_table_or_problems

    if not paths:
        return []
    problems: list[Problem] = []
    stories: dict[str, int] | None = None  # id -> line
    if "storylines" in paths:
        table, found = read_table_or_problems(paths["storylines"], model.STORYLINE_COLUMNS)
        problems += found
        if table is not None:
            problems += _schema_problems(table, "storylines", descriptor)
            stories = {}
            for line, row in zip(table.lines, table.rows):
                stories.setdefault(dict(zip(table.header, row))["id"], line)
    if "storyline_events" not in paths:
        return problems
    table, found = read_table_or_problems(paths["storyline_events"], model.STORYLINE_EVENT_COLUMNS)
    problems += found
    if table is None:
        return problems
    if "storylines" not in paths:
        problems.append(Problem(table.name, None, "", "storylines.csv is missing beside it: every storyline_id "
                                "needs its row (id, title, summary) there"))
    problems += _schema_problems(table, "storyline_events", descriptor)
    problems += _member_problems(table, stories, event_ids, events_file)
    if stories is not None and "storylines" in paths:
        used = {dict(zip(table.header, row))["storyline_id"] for row in table.rows}
        for story_id, line in stories.items():
            if story_id and story_id not in used:
                problems.append(Problem(str(paths["storylines"]), line, "id",
                                        f'"{story_id}" has no events in storyline_events.csv', "warning"))
    return problems


def _schema_problems(table: CsvCells, resource: str, descriptor: Path) -> list[Problem]:
    try:
        fields = resource_fields(resource, descriptor)
    except KeyError:  # a descriptor that does not describe the storyline tables
        return []
    cells = tuple(f for f in fields if f.name != "position")  # a position is checked as a number below
    return header_problems(table, fields) + constraint_problems(table, cells)


def _member_problems(table: CsvCells, stories: dict[str, int] | None, event_ids: set[str] | None,
                     events_file: str) -> list[Problem]:
    name = table.name
    problems = []
    seen: dict[tuple[str, str], int] = {}
    positions: dict[str, dict[int, int]] = {}  # storyline -> position -> line
    first_line: dict[str, int] = {}
    for line, row in zip(table.lines, table.rows):
        record = dict(zip(table.header, row))
        story_id, event_id, position = record["storyline_id"], record["event_id"], record["position"]
        first_line.setdefault(story_id, line)
        if stories is not None and story_id and story_id not in stories:
            problems.append(Problem(name, line, "storyline_id", f'"{story_id}" is not in storylines.csv'
                                    + _hint(story_id, stories)))
        if event_ids is not None and event_id and event_id not in event_ids:
            problems.append(Problem(name, line, "event_id", f'"{event_id}" is not an event in {events_file}'
                                    + _hint(event_id, event_ids)))
        if event_id and (story_id, event_id) in seen:
            problems.append(Problem(name, line, "event_id", f'"{event_id}" is already in "{story_id}" on line '
                                    f"{seen[story_id, event_id]}"))
        seen.setdefault((story_id, event_id), line)
        number = parse_position(position)
        if number is None:
            problems.append(Problem(name, line, "position", position_message(position)))
            continue
        taken = positions.setdefault(story_id, {})
        if number in taken:
            problems.append(Problem(name, line, "position", f'position {number} of "{story_id}" is already used on '
                                    f"line {taken[number]}"))
        taken.setdefault(number, line)
    for story_id, taken in positions.items():
        missing = sorted(set(range(1, max(taken) + 1)) - set(taken))
        if missing:
            listed = ", ".join(str(n) for n in missing[:5]) + (", ..." if len(missing) > 5 else "")
            problems.append(Problem(name, first_line[story_id], "position",
                                    f'"{story_id}" lacks position{"s" if len(missing) > 1 else ""} {listed}: '
                                    f"positions run 1..{len(taken)} without gaps"))
    return problems


def _hint(value: str, known) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else ""
