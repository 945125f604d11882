"""The `timeline` view: events under year headers, each with its date at its precision, one coloured
marker per theme, its title and its actors.

`timeline_view` draws it with Rich for a terminal; `timeline_text` writes the same content as plain
lines for a pipe, naming the themes since colour is gone. Rich is imported only by the former.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from ..query.within import Aside
from ..schema.evidence import DISPUTED_LABEL, DISPUTED_SIGN, Citations, is_disputed
from ..schema.model import split_list
from ..values.dates import record_date
from .palette import NEUTRAL

MARKER = "●"


@dataclass(frozen=True)
class Thread:
    """A storyline heading a timeline: its title and summary, and the place of each of its events."""

    id: str
    title: str
    summary: str
    places: dict[str, int] = field(default_factory=dict)  # event id -> 1-based position

    def place(self, event_id: str) -> str:
        return f"{self.places.get(event_id, '?')}/{len(self.places)}"



def _mark(record: Mapping[str, str], further: Citations) -> str:
    return f" {DISPUTED_SIGN} {DISPUTED_LABEL}" if is_disputed(record, further) else ""


def by_year(records: Sequence[Mapping[str, str]]) -> Iterator[tuple[str, list[Mapping[str, str]]]]:
    """Consecutive records grouped by the year they start in (records come sorted by date)."""
    for year, group in groupby(records, key=lambda r: r.get("date", "")[:4]):
        yield year, list(group)


def sections(records: Sequence[Mapping[str, str]], aside: Aside | None = None
             ) -> Iterator[tuple[str, str, list[Mapping[str, str]]]]:
    """(heading, note, records) in order: the years of the events, then the `aside`'s events under its
    heading, when a window sets some apart (`query.within`)."""
    inside, apart = aside.split(list(records)) if aside else (list(records), [])
    for year, group in by_year(inside):
        yield year, "", group
    if aside and apart:
        yield aside.heading, aside.note, apart


def timeline_text(records: Sequence[Mapping[str, str]], thread: Thread | None = None,
                  where: Callable[[str], str] = str, further: Citations | None = None,
                  aside: Aside | None = None) -> str:
    """Plain text: a year line, then `  date  title — actors [themes] @ place, country` per event (and the
    sign of differing sources). The `aside`'s events come last, under its heading and note.

    Under a `thread`, its title and summary come first and each event starts with its place (`2/5`).
    `where` names a `location` cell's places with their countries (`Gazetteer.where`).
    """
    further = further or {}
    width = max((len(record_date(r)) for r in records), default=0)
    lines: list[str] = []
    for heading, note, group in sections(records, aside):
        if lines:
            lines.append("")
        lines += [heading, *textwrap.wrap(note, 96)]
        for record in group:
            actors = ", ".join(split_list(record.get("actors", "")))
            themes = ", ".join(split_list(record.get("themes", "")))
            step = f"{thread.place(record.get('id', '')):>5}  " if thread else ""
            located = where(record.get("location", ""))
            lines.append(f"  {step}{record_date(record):<{width}}  {record.get('title', '')} — {actors} [{themes}]"
                         + (f" @ {located}" if located else "") + _mark(record, further))
    if thread is not None:
        lines[:0] = [thread.title, *textwrap.wrap(thread.summary, 96), ""]
    return "\n".join(lines) + "\n" if lines else ""


def timeline_view(records: Sequence[Mapping[str, str]], colours: Mapping[str, str],
                  labels: Mapping[str, str] | None = None, thread: Thread | None = None,
                  where: Callable[[str], str] = str, width: int = 160, further: Citations | None = None,
                  aside: Aside | None = None):
    """A Rich renderable: bold year headers, a grid of events, and a legend of the themes shown; the
    `aside`'s events last, under its heading and note.

    Under a `thread`, its title and summary head the view and each event starts with its place in it.
    When the date column would leave too little room for the longest actor name, the date goes above the
    title instead, so names wrap between one another and are never broken."""
    from rich.console import Group
    from rich.text import Text

    grid = _Grid(records, colours, thread, where, width, further or {})
    parts = [Text(thread.title, style="bold"), Text(thread.summary, style="italic")] if thread is not None else []
    for heading, note, group in sections(records, aside):
        parts.append(Text(f"\n{heading}", style="bold underline"))
        if note:
            parts.append(Text(note, style="dim italic"))
        parts.append(grid.section(group))
    if grid.seen:
        parts.append(_legend(grid.seen, colours, labels or {}))
    return Group(*parts)


class _Grid:
    """The timeline's columns, sized once for all its events: the place in the thread, the date (unless it
    goes above the title), the theme markers, and the event; `seen` collects the themes drawn, in order."""

    def __init__(self, records: Sequence[Mapping[str, str]], colours: Mapping[str, str], thread: Thread | None,
                 where: Callable[[str], str], width: int, further: Citations) -> None:
        self.colours, self.thread, self.where, self.further = colours, thread, where, further
        self.dates = max((len(record_date(r)) for r in records), default=0)
        self.markers = max((len(split_list(r.get("themes", ""))) for r in records), default=1)
        longest = max((len(a) + 1 for r in records for a in split_list(r.get("actors", ""))), default=0)
        self.dated_above = width - self.dates - (self.markers * 2 - 1) - 2 < max(longest, 16)
        self.seen: dict[str, None] = {}

    def section(self, group: Sequence[Mapping[str, str]]):
        """One section's events as a grid, a row each."""
        from rich.table import Table
        from rich.text import Text

        grid = Table.grid(padding=(0, 1))
        if self.thread is not None:
            grid.add_column(no_wrap=True, justify="right", style="dim")
        if not self.dated_above:
            grid.add_column(no_wrap=True, min_width=self.dates, style="cyan")
        grid.add_column(no_wrap=True, min_width=self.markers * 2 - 1)
        grid.add_column(overflow="fold")
        for record in group:
            step = [Text(self.thread.place(record.get("id", "")))] if self.thread is not None else []
            date = [] if self.dated_above else [Text(record_date(record))]
            grid.add_row(*step, *date, self._dots(record), self._event(record))
        return grid

    def _dots(self, record: Mapping[str, str]):
        """One coloured marker per theme of the event."""
        from rich.text import Text

        dots = Text()
        for i, theme in enumerate(split_list(record.get("themes", ""))):
            self.seen.setdefault(theme)
            dots.append(" " if i else "")
            dots.append(MARKER, style=self.colours.get(theme, NEUTRAL))
        return dots

    def _event(self, record: Mapping[str, str]):
        """The date (when above), the title with the sign of differing sources, the actors and the places."""
        from rich.console import Group
        from rich.text import Text

        from .layout import ItemList, items

        title = Text(record.get("title", ""), style="bold", overflow="fold")
        mark = _mark(record, self.further)
        if mark:
            title.append(mark, style="bold yellow")
        event: list[Text | ItemList] = [title]
        if self.dated_above:
            event.insert(0, Text(record_date(record), style="cyan"))
        actors = split_list(record.get("actors", ""))
        if actors:  # wrapped between names, never inside one
            event.append(items(actors, style="dim"))
        located = self.where(record.get("location", ""))
        if located:
            event.append(Text("@ " + located, style="dim italic"))
        return Group(*event)


def _legend(seen: Mapping[str, None], colours: Mapping[str, str], labels: Mapping[str, str]):
    """Each theme drawn, in the order first drawn, with its marker and label."""
    from rich.text import Text

    legend = Text("\n")
    for i, theme in enumerate(seen):
        legend.append("   " if i else "")
        legend.append(MARKER, style=colours.get(theme, NEUTRAL))
        legend.append(" " + labels.get(theme, theme))
    return legend
