"""The self-contained HTML timeline: one file, CSS and JS inline, no network, readable without JS.

The page is built by Jinja2 from the same record dicts as every other renderer, with autoescaping on,
so any cell (a title holding `<script>`, a quote with `&`) reaches the page as text. The script only
filters what is already on the page (theme and actor chips, a search box, a storyline selector that
shows one thread in story order, the map's markers); without it every event shows, and each storyline is
listed at the end, in story order, with links to its events. The map (`map.py`) is inline SVG drawn from the
bundled outlines: the page still fetches nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .. import __version__
from ..files.places import Gazetteer
from ..files.vocabularies import source_line, theme_labels
from ..query.search import SEARCHED_COLUMNS
from ..schema.evidence import DISPUTED_LABEL, DISPUTED_SIGN, Citations, citations_of, is_disputed
from ..schema.model import split_list
from ..values.dates import format_event_date, record_date
from ..values.text import fold
from .map import event_places, map_view
from .palette import NEUTRAL
from .timeline import sections

if TYPE_CHECKING:
    from ..files.storylines import Storylines
    from ..query.within import Aside

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


def _theme(theme_id: str, labels: Mapping[str, str], colours: Mapping[str, str]) -> dict[str, str]:
    return {"id": theme_id, "label": labels.get(theme_id, theme_id), "colour": colours.get(theme_id, NEUTRAL)}


def event_view(record: Mapping[str, str], labels: Mapping[str, str], colours: Mapping[str, str],
               sources: Mapping[str, Mapping[str, str]], places: Gazetteer | None = None,
               contexts: Sequence[Mapping[str, Any]] = (), further: Citations | None = None) -> dict[str, Any]:
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
        "location": places.where(record.get("location", "")) if places else ", ".join(
            split_list(record.get("location", ""))),
        "places": event_places(record, places) if places else [],
        "claim_type": record.get("claim_type", ""),
        "quote": record.get("quote", ""),
        "source": record.get("source", ""),
        "source_line": source_line(sources, record.get("source", "")),
        "language": (source or {}).get("language", ""),
        "contexts": [_context_view(item, sources) for item in contexts if item.get("paragraph") is not None],
        # The search box matches what `--search` matches: the same fields, folded by the same function.
        "search": fold(" ".join(record.get(c, "") for c in SEARCHED_COLUMNS)),
        "disputed": f"{DISPUTED_SIGN} {DISPUTED_LABEL}" if is_disputed(record, further) else "",
        "citations": [{"quote": c.quote, "source": c.source, "relation": c.relation, "note": c.note,
                       "source_line": source_line(sources, c.source),
                       "language": sources.get(c.source, {}).get("language", "")}
                      for c in citations_of(record, further)[1:]],
    }


def _context_view(item: Mapping[str, Any], sources: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    """A quote's paragraph as pieces, each (text, is the quote), so the template marks the quote up escaped."""
    paragraph, pieces, position = item["paragraph"], [], 0
    for start, end in item["spans"]:
        pieces += [(paragraph[position:start], False), (paragraph[start:end], True)]
        position = end
    pieces.append((paragraph[position:], False))
    first, last = item["first_line"], item["last_line"]
    return {"relation": item["relation"], "source": item["source"],
            "lines": f"line {first}" if first == last else f"lines {first}-{last}",
            "language": (sources.get(item["source"]) or {}).get("language", ""),
            "pieces": [piece for piece in pieces if piece[0]]}


def storyline_views(records: Sequence[Mapping[str, str]], storylines: Storylines | None
                    ) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
    """The storylines with events on the page (their events in story order) and, per event, its storylines."""
    if storylines is None:
        return [], {}
    by_id = {r.get("id", ""): r for r in records}
    views: list[dict[str, Any]] = []
    memberships: dict[str, list[dict[str, Any]]] = {}
    for story in storylines.stories.values():
        entries = [{"id": e, "title": by_id[e].get("title", ""),
                    "date": format_event_date(by_id[e].get("date", ""), by_id[e].get("end_date", ""),
                                              by_id[e].get("date_qualifier", ""))}
                   for e in story.events if e in by_id]
        if not entries:
            continue
        views.append({"id": story.id, "title": story.title, "summary": story.summary, "entries": entries,
                      "events": " ".join(e["id"] for e in entries)})
        for position, event_id in enumerate(story.events, start=1):
            if event_id in by_id:
                memberships.setdefault(event_id, []).append(
                    {"id": story.id, "title": story.title, "position": position, "of": len(story.events)})
    return views, memberships
def filter_phrases(filters: Sequence[tuple[str, str]], labels: Mapping[str, str]) -> list[str]:
    """The filters as a reader says them ("since 2022", "theme War in Ukraine"), not as options were typed."""
    from dataclasses import fields

    from ..query.criteria import Criteria

    switches = {spec.metadata["flags"][0].removeprefix("--") for spec in fields(Criteria) if spec.metadata["flag"]}
    phrases = []
    for option, value in filters:
        if option in switches:  # an on/off filter is named, not answered ("within", not "within yes")
            phrases.append(option.replace("-", " "))
            continue
        if option == "theme":
            value = labels.get(value, value)
        elif option == "search":
            value = f"“{value}”"
        phrases.append(f"{option.replace('-', ' ')} {value}")
    return phrases


def render_html(records: Sequence[Mapping[str, str]], filters: Sequence[tuple[str, str]],
                themes: Mapping[str, Mapping[str, str]], sources: Mapping[str, Mapping[str, str]],
                colours: Mapping[str, str], storylines: Storylines | None = None, chosen: str | None = None,
                places: Gazetteer | None = None, outlines: Mapping[str, Any] | None = None,
                contexts: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
                further: Citations | None = None, aside: Aside | None = None) -> str:
    """The whole page as one string. `records` come sorted by date; `filters` are (option, value) pairs.

    `chosen`: the storyline the page opens on (the one `--storyline` gave), else all events.
    With `places` and `outlines`, a map of the events' places heads the timeline. `contexts`: each event's
    quotes in their paragraphs (`kaztimeline.coverage.report.event_contexts`), unfolded under the quote.
    `further`: each event's further citations, shown under its own. `aside`: the last events, which a window
    sets apart (`query.within`), go after the years in a section of their own.
    """
    labels = theme_labels(themes)
    theme_counts = Counter(t for r in records for t in dict.fromkeys(split_list(r.get("themes", ""))))
    actor_counts = Counter(a for r in records for a in dict.fromkeys(split_list(r.get("actors", ""))))
    order = {theme_id: i for i, theme_id in enumerate(themes)}
    legend = [dict(_theme(t, labels, colours), count=n)
              for t, n in sorted(theme_counts.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))]
    actors = [{"name": a, "count": n} for a, n in sorted(actor_counts.items(), key=lambda item: (-item[1], item[0]))]
    stories, memberships = storyline_views(records, storylines)
    contexts = contexts or {}
    years = [{"year": heading, "note": note, "events": [
        dict(event_view(r, labels, colours, sources, places, contexts.get(r.get("id", ""), ()), further),
             stories=memberships.get(r.get("id", ""), [])) for r in group]}
             for heading, note, group in sections(records, aside)]
    return _environment().get_template("timeline.html.j2").render(
        title=PAGE_TITLE,
        count=len(records),
        filters=filter_phrases(filters, labels),
        legend=legend,
        actors=actors,
        years=years,
        stories=stories,
        chosen=chosen or "",
        map=map_view(records, places, outlines) if places is not None and outlines is not None else None,
        version=__version__,
    )


def write_document(records: Sequence[Mapping[str, str]], filters: Sequence[tuple[str, str]], vocab: Any,
                   out: TextIO, contexts: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
                   aside: Aside | None = None) -> None:
    """The `html` format's writer: the page for `records` with the vocabularies' themes, sources, storylines
    and places, opening on the storyline when the filters name one, each quote with its paragraph (`contexts`),
    the events a window sets apart (`aside`) after the years."""
    from ..files.places import load_outlines
    from ..query.storylines import told_story
    from .palette import theme_colours

    story = told_story(filters, vocab.storylines)
    out.write(render_html(records, filters, vocab.themes, vocab.sources, theme_colours(list(vocab.themes)),
                          storylines=vocab.storylines, chosen=story.id if story else None,
                          places=vocab.places, outlines=load_outlines(), contexts=contexts,
                          further=vocab.citations, aside=aside))
