"""The curation rules for further citations (`citations.csv`): each names a known event and a known source,
quotes that source verbatim, says whether it supports or differs, and says how when it differs.

Run by `validate` beside the events rules, with the same `file:line: column: message` problems; like them,
it never raises on bad input.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path

from ..files.load import CsvCells
from ..schema import model
from ..schema.descriptor import constraint_problems, header_problems, resource_fields
from ..schema.problems import Problem
from .quotes import SeedTexts, collapsed_quote_problem


def citation_problems(table: CsvCells, events: Mapping[str, tuple[str, str]] | None, sources: set[str] | None,
                      seeds: SeedTexts, descriptor: Path) -> list[Problem]:
    """Every problem of a parsed citations table; `events`: id -> (primary source, primary quote), None when
    the events file could not be read."""
    name = table.name
    problems: list[Problem] = []
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in zip(table.lines, table.rows):
        record = dict(zip(table.header, row))
        event_id, source, quote, relation = (record[c] for c in model.REQUIRED_CITATION_COLUMNS)
        if event_id and events is not None and event_id not in events:
            problems.append(Problem(name, line, "event_id", _unknown_event(event_id, events)))
        if relation == "differs" and not record.get("note", "").strip():
            problems.append(Problem(name, line, "note", "a citation that differs must say how in its note"))
        key = (event_id, source, quote)
        if all(key) and events is not None and events.get(event_id) == (source, quote):
            problems.append(Problem(name, line, "quote", "repeats the event's own source and quote in events.csv"))
        elif all(key) and key in seen:
            problems.append(Problem(name, line, "quote", f"the same citation of this event is on line {seen[key]}"))
        seen.setdefault(key, line)
        problems += _source_problems(name, line, source, quote, sources, seeds)
    try:
        fields = resource_fields("citations", descriptor)
    except KeyError:  # a schema without the table: its required cells and relations are still checked
        return problems + constraint_problems(table, resource_fields("citations"), problems, {"required", "enum"})
    return problems + header_problems(table, fields) + constraint_problems(table, fields, found=problems)


def _unknown_event(event_id: str, events: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(event_id, list(events), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]}?" if close else ""
    return f'"{event_id}" is not an event id in the events file{hint}'


def _source_problems(name: str, line: int, source: str, quote: str, sources: set[str] | None,
                     seeds: SeedTexts) -> list[Problem]:
    if not source:
        return []
    if Path(source).name != source or source in (".", ".."):
        return [Problem(name, line, "source", f'"{source}" must be a file name in seeds/, not a path')]
    if sources is not None and source not in sources:
        close = difflib.get_close_matches(source, sorted(sources), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        return [Problem(name, line, "source", f'"{source}" is not in sources.csv{hint}')]
    if not quote.strip():
        return []
    text = seeds.get(source)
    if text is None:
        where = " or ".join(str(d) for d in seeds.dirs)
        return [Problem(name, line, "quote", f"could not be checked: no source text {source} in {where}", "warning")]
    message = collapsed_quote_problem(quote, text, source)
    return [Problem(name, line, "quote", message)] if message else []
