"""Further citations of events (`citations.csv`), read from beside the events file.

The bundled data brings its own; a user's events file has citations only if its folder holds a
`citations.csv` (the bundled ones name the bundled events, not the user's). Loading refuses only what would
make filtering or output wrong (missing cells, an unknown relation); `validate` applies the curation rules.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from ..schema import model
from ..schema.evidence import Citation
from ..schema.problems import Problem
from .load import STDIN, default_events_path, read_table

FILE_NAME = "citations.csv"


def citations_path(events_path: str | Path | None) -> Path | None:
    """`citations.csv` beside the events file (the default events when None), or None: none is fine."""
    if events_path is not None and str(events_path) == STDIN:
        return None
    folder = Path(events_path if events_path is not None else default_events_path()).resolve().parent
    path = folder / FILE_NAME
    return path if path.is_file() else None


def load_citations(events_path: str | Path | None = None) -> dict[str, tuple[Citation, ...]]:
    """Event id -> its further citations, in file order; {} when there is no citations file."""
    path = citations_path(events_path)
    if path is None:
        return {}
    table = read_table(path, model.REQUIRED_CITATION_COLUMNS)
    problems: list[Problem] = []
    found: dict[str, list[Citation]] = {}
    for line, row in zip(table.lines, table.rows):
        record = dict(zip(table.header, row))
        bad = [Problem(table.name, line, c, "required value is empty")
               for c in model.REQUIRED_CITATION_COLUMNS if not record[c]]
        if record["relation"] and record["relation"] not in model.CITATION_RELATIONS:
            bad.append(Problem(table.name, line, "relation", f'"{record["relation"]}" is not one of '
                               f"{', '.join(model.CITATION_RELATIONS)}"))
        problems += bad
        if not bad:
            citation = Citation(record["source"], record["quote"], record["relation"], record.get("note", ""))
            found.setdefault(record["event_id"], []).append(citation)
    if problems:
        raise DataError(str(problems[0]), [str(p) for p in problems])
    return {event_id: tuple(citations) for event_id, citations in found.items()}
