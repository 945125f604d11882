"""Plain-text views for pipes and files: no colour, no box drawing, one `field: value` per line."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from ..schema.evidence import DISPUTED_LABEL, DISPUTED_SIGN, Citations, citations_of, is_disputed
from ..values.dates import record_date


def story_place(story: Mapping[str, object]) -> str:
    """`territorial-defence-law-2025 (2 of 5)`: a storyline and the event's place in it."""
    return f"{story['id']} ({story['position']} of {story['of']})"


def event_text(record: Mapping[str, str], sources: Mapping[str, Mapping[str, str]],
               storylines: Sequence[Mapping[str, object]] = (), where: str = "",
               further: Citations | None = None) -> str:
    """`show` off a terminal: greppable fields, then the quote indented as a block, then any further citation
    (`cited:` with its source, relation and note, and its quote as a block).

    `where` names the places with their countries ("Almaty, Kazakhstan").
    """
    further = further or {}
    lines = [f"id: {record.get('id', '')}", "when: " + record_date(record)]
    if where:
        lines.append(f"where: {where}")
    for column, value in record.items():
        if column not in ("id", "quote"):
            lines.append(f"{column}: {value}")
    source = sources.get(record.get("source", ""))
    if source:
        for key in ("title", "author", "published", "kind"):
            if source.get(key):
                lines.append(f"source_{key}: {source[key]}")
    for story in storylines:
        lines.append(f"storyline: {story_place(story)}")
    if is_disputed(record, further):
        lines.append(f"evidence: {DISPUTED_SIGN} {DISPUTED_LABEL}")
    lines.append("quote:")
    lines += _block(record.get("quote", ""))
    for citation in citations_of(record, further)[1:]:
        lines.append(f"cited: {citation.source} ({citation.relation})")
        if citation.note:
            lines.append(f"note: {citation.note}")
        lines.append("quote:")
        lines += _block(citation.quote)
    return "\n".join(lines) + "\n"


def context_text(contexts: Sequence[Mapping[str, Any]]) -> str:
    """`show --context` off a terminal: each quote's paragraph, the quote between >>> and <<<, with its lines."""
    lines = []
    for item in contexts:
        if item.get("paragraph") is None:
            lines.append(f"context ({item['relation']}): {item['source']}: quote not found in the source text")
            continue
        first, last = item["first_line"], item["last_line"]
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        lines.append(f"context ({item['relation']}): {item['source']}, {where}")
        for paragraph_line in str(item["marked"]).split("\n"):
            lines += ["    " + line for line in textwrap.wrap(paragraph_line, 96)] or ["    "]
    return "\n".join(lines) + ("\n" if lines else "")


def _block(quote: str) -> list[str]:
    return ["    " + line for line in textwrap.wrap(quote, 96)] or ["    "]
