"""The `timeline` view: events under year headers, each with its date at its precision, one coloured
marker per theme, its title and its actors.

`timeline_view` draws it with Rich for a terminal; `timeline_text` writes the same content as plain
lines for a pipe, naming the themes since colour is gone. Rich is imported only by the former.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import groupby

from ..schema.model import split_list
from ..values.dates import format_event_date
from .palette import NEUTRAL

MARKER = "●"


def event_date(record: Mapping[str, str]) -> str:
    return format_event_date(record.get("date", ""), record.get("end_date", ""), record.get("date_qualifier", ""))


def by_year(records: Sequence[Mapping[str, str]]) -> Iterator[tuple[str, list[Mapping[str, str]]]]:
    """Consecutive records grouped by the year they start in (records come sorted by date)."""
    for year, group in groupby(records, key=lambda r: r.get("date", "")[:4]):
        yield year, list(group)


def timeline_text(records: Sequence[Mapping[str, str]]) -> str:
    """Plain text: a year line, then `  date  title — actors [themes]` per event."""
    width = max((len(event_date(r)) for r in records), default=0)
    lines: list[str] = []
    for year, group in by_year(records):
        if lines:
            lines.append("")
        lines.append(year)
        for record in group:
            actors = ", ".join(split_list(record.get("actors", "")))
            themes = ", ".join(split_list(record.get("themes", "")))
            lines.append(f"  {event_date(record):<{width}}  {record.get('title', '')} — {actors} [{themes}]")
    return "\n".join(lines) + "\n" if lines else ""


def timeline_view(records: Sequence[Mapping[str, str]], colours: Mapping[str, str],
                  labels: Mapping[str, str] | None = None, width: int = 160):
    """A Rich renderable: bold year headers, a grid of events, and a legend of the themes shown.

    When the date column would leave too little room for the longest actor name, the date goes above the
    title instead, so names wrap between one another and are never broken."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from .layout import items

    labels = labels or {}
    dates = max((len(event_date(r)) for r in records), default=0)
    markers = max((len(split_list(r.get("themes", ""))) for r in records), default=1)
    longest = max((len(a) + 1 for r in records for a in split_list(r.get("actors", ""))), default=0)
    dated_above = width - dates - (markers * 2 - 1) - 2 < max(longest, 16)
    parts = []
    seen: dict[str, None] = {}
    for year, group in by_year(records):
        parts.append(Text(f"\n{year}", style="bold underline"))
        grid = Table.grid(padding=(0, 1))
        if not dated_above:
            grid.add_column(no_wrap=True, min_width=dates, style="cyan")
        grid.add_column(no_wrap=True, min_width=markers * 2 - 1)
        grid.add_column(overflow="fold")
        for record in group:
            dots = Text()
            for i, theme in enumerate(split_list(record.get("themes", ""))):
                seen.setdefault(theme)
                dots.append(" " if i else "")
                dots.append(MARKER, style=colours.get(theme, NEUTRAL))
            event = [Text(record.get("title", ""), style="bold", overflow="fold")]
            if dated_above:
                event.insert(0, Text(event_date(record), style="cyan"))
            actors = split_list(record.get("actors", ""))
            if actors:  # wrapped between names, never inside one
                event.append(items(actors, style="dim"))
            grid.add_row(*([] if dated_above else [Text(event_date(record))]), dots, Group(*event))
        parts.append(grid)
    if seen:
        legend = Text("\n")
        for i, theme in enumerate(seen):
            legend.append("   " if i else "")
            legend.append(MARKER, style=colours.get(theme, NEUTRAL))
            legend.append(" " + (labels.get(theme) or theme))
        parts.append(legend)
    return Group(*parts)
