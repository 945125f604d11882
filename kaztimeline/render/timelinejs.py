"""TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html), loadable by the library as is.

A date object carries only the parts the event's date has: `2025` gives {"year": "2025"}, `2025-12`
adds "month": "12". Values are strings of digits, as in Knight Lab's own examples. A hedged date or a
span also gets a slide-level `display_date` ("early December 2025", "7-11 April 2025") so the reader sees
the precision the source gives. TimelineJS treats headline and text as HTML, so every value is escaped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING, Any, TextIO

from ..files.vocabularies import source_line
from ..schema.evidence import DISPUTED_LABEL, DISPUTED_SIGN, Citations, citations_of, is_disputed
from ..schema.model import split_list
from ..values.dates import parse_partial, record_date

if TYPE_CHECKING:
    from ..files.storylines import Storyline

TITLE = "Kazakhstan: security and foreign policy"


def date_object(text: str) -> dict[str, str]:
    """`2025-06-05` -> {"year": "2025", "month": "6", "day": "5"}, at the date's own precision."""
    partial = parse_partial(text)
    result = {"year": str(partial.year)}
    if partial.month:
        result["month"] = str(partial.month)
    if partial.day:
        result["day"] = str(partial.day)
    return result


def _paragraph(label: str, value: str) -> str:
    return f"<p><strong>{escape(label)}:</strong> {escape(value)}</p>" if value else ""


def slide(record: Mapping[str, str], theme_labels: Mapping[str, str],
          sources: Mapping[str, Mapping[str, str]], further: Citations | None = None) -> dict[str, Any]:
    """One event as a TimelineJS slide: its own quote and source, then any further citation."""
    further = further or {}
    themes = split_list(record.get("themes", ""))
    text = "".join((
        f"<p>{escape(record.get('summary', ''))}</p>",
        _paragraph("Actors", ", ".join(split_list(record.get("actors", "")))),
        _paragraph("Themes", ", ".join(theme_labels.get(t, t) for t in themes)),
        _paragraph("Where", ", ".join(split_list(record.get("location", "")))),
        _paragraph("Claim", record.get("claim_type", "")),
        f"<blockquote>{escape(record.get('quote', ''))}</blockquote>" if record.get("quote") else "",
        _paragraph("Source", source_line(sources, record.get("source", ""))),
        "".join(_citation(c, sources) for c in citations_of(record, further)[1:]),
    ))
    result: dict[str, Any] = {"start_date": date_object(record["date"])}
    if record.get("end_date"):
        result["end_date"] = date_object(record["end_date"])
    if record.get("date_qualifier") or record.get("end_date") or record.get("date_basis") not in (None, "", "stated"):
        result["display_date"] = record_date(record, long_months=True)
    headline = record.get("title", "") + (f" {DISPUTED_SIGN} {DISPUTED_LABEL}" if is_disputed(record, further) else "")
    result["text"] = {"headline": escape(headline), "text": text}
    if themes:
        result["group"] = theme_labels.get(themes[0], themes[0])
    result["unique_id"] = record.get("id", "")
    return result


def _citation(citation, sources: Mapping[str, Mapping[str, str]]) -> str:
    return "".join((f"<blockquote>{escape(citation.quote)}</blockquote>",
                    _paragraph(f"Also cited ({citation.relation})", source_line(sources, citation.source)),
                    _paragraph("Note", citation.note)))


def timeline_document(records: Sequence[Mapping[str, str]], filters: Sequence[tuple[str, str]],
                      theme_labels: Mapping[str, str], sources: Mapping[str, Mapping[str, str]],
                      story: Storyline | None = None, further: Citations | None = None) -> dict[str, Any]:
    """The whole TimelineJS object: a title slide saying what was selected, then one slide per event.

    For a `story`, the title slide is the storyline's title and summary, and the slides keep story order.
    """
    noun = "event" if len(records) == 1 else "events"
    described = "; ".join(f"{option}: {value}" for option, value in filters) or "all events"
    intro = f"<p>{len(records)} {noun} ({escape(described)}), each backed by a quote from its source.</p>"
    headline = TITLE
    if story is not None:
        headline, intro = story.title, f"<p>{escape(story.summary)}</p>{intro}"
    return {
        "title": {"text": {"headline": escape(headline), "text": intro}},
        "events": [slide(r, theme_labels, sources, further) for r in records],
    }


def write_timelinejs(document: Mapping[str, Any], out: TextIO) -> None:
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_document(records: Sequence[Mapping[str, str]], filters: Sequence[tuple[str, str]], vocab: Any,
                   out: TextIO) -> None:
    """The `timelinejs` format's writer; with one `--storyline` in the filters, it tells that story."""
    from ..files.vocabularies import theme_labels as labels
    from ..query.storylines import told_story

    write_timelinejs(timeline_document(records, filters, labels(vocab.themes), vocab.sources,
                                       told_story(filters, vocab.storylines), vocab.citations), out)
