"""The `timeline` view: events under year headers, each with its date at its precision, one coloured
marker per theme, its title and its actors.

`timeline_view` draws it with Rich for a terminal; `timeline_text` writes the same content as plain
lines for a pipe, naming the themes since colour is gone. Rich is imported only by the former.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import groupby

from ..schema.evidence import DISPUTED_LABEL, DISPUTED_SIGN, Citations, is_disputed
from ..schema.model import split_list
from ..values.dates import record_date
from .palette import NEUTRAL

MARKER = "●"


def event_date(record: Mapping[str, str]) -> str:
    return record_date(record)


def _mark(record: Mapping[str, str], further: Citations) -> str:
    return f" {DISPUTED_SIGN} {DISPUTED_LABEL}" if is_disputed(record, further) else ""


def by_year(records: Sequence[Mapping[str, str]]) -> Iterator[tuple[str, list[Mapping[str, str]]]]:
    """Consecutive records grouped by the year they start in (records come sorted by date)."""
    for year, group in groupby(records, key=lambda r: r.get("date", "")[:4]):
        yield year, list(group)


def timeline_text(records: Sequence[Mapping[str, str]], further: Citations | None = None) -> str:
    """Plain text: a year line, then `  date  title — actors [themes]` per event (and the sign of differing
    sources)."""
    further = further or {}
    width = max((len(event_date(r)) for r in records), default=0)
    lines: list[str] = []
    for year, group in by_year(records):
        if lines:
            lines.append("")
        lines.append(year)
        for record in group:
            actors = ", ".join(split_list(record.get("actors", "")))
            themes = ", ".join(split_list(record.get("themes", "")))
            lines.append(f"  {event_date(record):<{width}}  {record.get('title', '')} — {actors} [{themes}]"
                         + _mark(record, further))
    return "\n".join(lines) + "\n" if lines else ""


def timeline_view(records: Sequence[Mapping[str, str]], colours: Mapping[str, str],
                  labels: Mapping[str, str] | None = None, further: Citations | None = None):
    """A Rich renderable: bold year headers, a grid of events, and a legend of the themes shown."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    labels = labels or {}
    further = further or {}
    width = max((len(event_date(r)) for r in records), default=0)
    markers = max((len(split_list(r.get("themes", ""))) for r in records), default=1)
    parts = []
    seen: dict[str, None] = {}
    for year, group in by_year(records):
        parts.append(Text(f"\n{year}", style="bold underline"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True, min_width=width, style="cyan")
        grid.add_column(no_wrap=True, min_width=markers * 2 - 1)
        grid.add_column(overflow="fold")
        for record in group:
            dots = Text()
            for i, theme in enumerate(split_list(record.get("themes", ""))):
                seen.setdefault(theme)
                dots.append(" " if i else "")
                dots.append(MARKER, style=colours.get(theme, NEUTRAL))
            event = Text()
            event.append(record.get("title", ""), style="bold")
            event.append(_mark(record, further), style="bold yellow")
            actors = ", ".join(split_list(record.get("actors", "")))
            if actors:
                event.append("\n" + actors, style="dim")
            grid.add_row(Text(event_date(record)), dots, event)
        parts.append(grid)
    if seen:
        legend = Text("\n")
        for i, theme in enumerate(seen):
            legend.append("   " if i else "")
            legend.append(MARKER, style=colours.get(theme, NEUTRAL))
            legend.append(" " + (labels.get(theme) or theme))
        parts.append(legend)
    return Group(*parts)
