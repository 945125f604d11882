"""Plain-text views for pipes and files: no colour, no box drawing, one `field: value` per line."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

from ..values.dates import format_event_date


def story_place(story: Mapping[str, object]) -> str:
    """`territorial-defence-law-2025 (2 of 5)`: a storyline and the event's place in it."""
    return f"{story['id']} ({story['position']} of {story['of']})"


def event_text(record: Mapping[str, str], source: Mapping[str, str] | None,
               storylines: Sequence[Mapping[str, object]] = ()) -> str:
    """`show` off a terminal: greppable fields, then the quote indented as a block."""
    lines = [f"id: {record.get('id', '')}",
             "when: " + format_event_date(record.get("date", ""), record.get("end_date", ""),
                                          record.get("date_qualifier", ""))]
    for column, value in record.items():
        if column not in ("id", "quote"):
            lines.append(f"{column}: {value}")
    if source:
        for key in ("title", "author", "published", "kind"):
            if source.get(key):
                lines.append(f"source_{key}: {source[key]}")
    for story in storylines:
        lines.append(f"storyline: {story_place(story)}")
    lines.append("quote:")
    lines += ["    " + line for line in textwrap.wrap(record.get("quote", ""), 96)] or ["    "]
    return "\n".join(lines) + "\n"
