"""The self-contained HTML timeline: one file, CSS and JS inline, no network, readable without JS.

The page is built by Jinja2 from the same record dicts as every other renderer, with autoescaping on,
so any cell (a title holding `<script>`, a quote with `&`) reaches the page as text. The script only
filters what is already on the page (theme and actor chips, a search box); without it every event shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from .. import __version__
from ..schema.evidence import DISPUTED_LABEL, DISPUTED_SIGN, Citations, citations_of, is_disputed
from ..schema.model import split_list
from ..values.dates import record_date
from .palette import NEUTRAL
from .timeline import by_year

PAGE_TITLE = "Kazakhstan: security and foreign policy timeline"


def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("kaztimeline.render", "templates"),
        autoescape=True,  # every `{{ }}` is HTML-escaped; the template never marks data as safe
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _source_line(source: Mapping[str, str] | None, file_name: str) -> str:
    if not source:
        return file_name
    parts = [f"«{source.get('title') or file_name}»"]
    parts += [source[k] for k in ("author", "kind", "published") if source.get(k)]
    return ", ".join(parts)


def _theme(theme_id: str, labels: Mapping[str, str], colours: Mapping[str, str]) -> dict[str, str]:
    return {"id": theme_id, "label": labels.get(theme_id) or theme_id, "colour": colours.get(theme_id, NEUTRAL)}


def event_view(record: Mapping[str, str], labels: Mapping[str, str], colours: Mapping[str, str],
               sources: Mapping[str, Mapping[str, str]], further: Citations | None = None) -> dict[str, Any]:
    """What the template shows for one event; plain strings and lists, escaped by the template."""
    further = further or {}
    source = sources.get(record.get("source", ""))
    machine_date = record.get("date", "")
    if record.get("end_date"):
        machine_date += "/" + record["end_date"]
    return {
        "id": record.get("id", ""),
        "date": record_date(record, long_months=True),
        "datetime": record.get("date", ""),
        "date_raw": machine_date,
        "title": record.get("title", ""),
        "summary": record.get("summary", ""),
        "actors": split_list(record.get("actors", "")),
        "themes": [_theme(t, labels, colours) for t in split_list(record.get("themes", ""))],
        "location": ", ".join(split_list(record.get("location", ""))),
        "claim_type": record.get("claim_type", ""),
        "quote": record.get("quote", ""),
        "source": record.get("source", ""),
        "source_line": _source_line(source, record.get("source", "")),
        "language": (source or {}).get("language", ""),
        "disputed": f"{DISPUTED_SIGN} {DISPUTED_LABEL}" if is_disputed(record, further) else "",
        "citations": [{"quote": c.quote, "source": c.source, "relation": c.relation, "note": c.note,
                       "source_line": _source_line(sources.get(c.source), c.source),
                       "language": sources.get(c.source, {}).get("language", "")}
                      for c in citations_of(record, further)[1:]],
    }


def render_html(records: Sequence[Mapping[str, str]], filters: Sequence[tuple[str, str]],
                themes: Mapping[str, Mapping[str, str]], sources: Mapping[str, Mapping[str, str]],
                colours: Mapping[str, str], further: Citations | None = None) -> str:
    """The whole page as one string. `records` come sorted by date; `filters` are (option, value) pairs;
    `further`: each event's further citations, shown under its own."""
    labels = {theme_id: entry.get("label", "") for theme_id, entry in themes.items()}
    theme_counts = Counter(t for r in records for t in dict.fromkeys(split_list(r.get("themes", ""))))
    actor_counts = Counter(a for r in records for a in dict.fromkeys(split_list(r.get("actors", ""))))
    order = {theme_id: i for i, theme_id in enumerate(themes)}
    legend = [dict(_theme(t, labels, colours), count=n)
              for t, n in sorted(theme_counts.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))]
    actors = [{"name": a, "count": n} for a, n in sorted(actor_counts.items(), key=lambda item: (-item[1], item[0]))]
    years = [{"year": year, "events": [event_view(r, labels, colours, sources, further) for r in group]}
             for year, group in by_year(records)]
    return _environment().get_template("timeline.html.j2").render(
        title=PAGE_TITLE,
        count=len(records),
        filters=list(filters),
        legend=legend,
        actors=actors,
        years=years,
        version=__version__,
    )


def write_document(records: Sequence[Mapping[str, str]], filters: Sequence[tuple[str, str]], vocab: Any,
                   out: TextIO) -> None:
    """The `html` format's writer: the page for `records` with the vocabularies' themes and sources."""
    from .palette import theme_colours

    out.write(render_html(records, filters, vocab.themes, vocab.sources, theme_colours(list(vocab.themes)),
                          vocab.citations))
