"""Plain-text views for pipes and files: no colour, no box drawing, one `field: value` per line."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from ..schema.evidence import DISPUTED_LABEL, DISPUTED_SIGN, Citations, citations_of, is_disputed
from ..values.dates import record_date


def event_text(record: Mapping[str, str], sources: Mapping[str, Mapping[str, str]],
               further: Citations | None = None) -> str:
    """`show` off a terminal: greppable fields, then the quote indented as a block, then any further citation
    (`cited:` with its source, relation and note, and its quote as a block)."""
    further = further or {}
    lines = [f"id: {record.get('id', '')}", "when: " + record_date(record)]
    for column, value in record.items():
        if column not in ("id", "quote"):
            lines.append(f"{column}: {value}")
    source = sources.get(record.get("source", ""))
    if source:
        for key in ("title", "author", "published", "kind"):
            if source.get(key):
                lines.append(f"source_{key}: {source[key]}")
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


def _block(quote: str) -> list[str]:
    return ["    " + line for line in textwrap.wrap(quote, 96)] or ["    "]
