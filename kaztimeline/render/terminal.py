"""Rich views for a terminal. Every cell is a `Text`, never a markup string, so data such as `[sic]` or
`[/b]` prints literally. Rich honours NO_COLOR, TERM=dumb and COLUMNS on its own."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..files.vocabularies import source_line
from ..schema.evidence import DISPUTED_LABEL, DISPUTED_SIGN, Citations, citations_of, is_disputed
from ..schema.model import split_list
from ..values.dates import record_date
from . import layout
from .palette import NEUTRAL
from .text import story_place

# Rich lays out a long cell in time that grows more than in proportion to its length: a terminal
# view shows at most this much of one cell and says what it left out; machine formats always carry it all.
MAX_CELL_CHARS = 4000


def cell_text(value: str, style: str = "") -> Text:
    """A data cell as literal text (never markup), clipped to MAX_CELL_CHARS for the terminal."""
    if len(value) <= MAX_CELL_CHARS:
        return Text(value, style=style)
    text = Text(value[:MAX_CELL_CHARS], style=style)
    text.append(f" … [{len(value) - MAX_CELL_CHARS:,} more characters: use --format csv or json]", style="dim")
    return text


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def theme_chips(themes: str, colours: Mapping[str, str]) -> Text:
    text = Text()
    for i, theme in enumerate(split_list(themes)):
        if i:
            text.append("\n")
        text.append("● ", style=colours.get(theme, NEUTRAL))
        text.append(theme)
    return text



def aside_heading(heading: str, note: str) -> Text:
    """The line that opens the events a window sets apart (`query.within`), with its note beneath."""
    text = Text(f"\n{heading}", style="bold underline")
    text.append(f"\n{note}", style="dim italic")
    return text


def disputed_mark(record: Mapping[str, str], further: Citations) -> Text:
    """The sign an event whose sources differ carries in every view; empty otherwise."""
    return Text(f"\n{DISPUTED_SIGN} {DISPUTED_LABEL}", style="bold yellow") if is_disputed(record, further) else Text()


def events_table(records: Sequence[Mapping[str, str]], colours: Mapping[str, str],
                 columns: Sequence[str] | None = None, width: int = 160,
                 further: Citations | None = None):
    """The `list` view: date at its precision, title with its id beneath, actors, theme chips, claim type.

    With `columns`, those raw columns instead (dates still shown at their precision). The columns are sized
    so that no id, name or date is broken (`layout`): when they cannot all fit, actors, themes and claim
    type move under the title, and on a terminal too narrow even for that, each event is a block.
    """
    further = further or {}
    if columns:
        rows = [[_cell(column, record, colours) for column in columns] for record in records]
        return layout.fitted(columns, rows, width)
    dates = [layout.cell(Text(record_date(r)), layout.DATE) for r in records]
    wide = [[date, _event_cell(record, further), layout.cell(_actors(record), layout.LIST),
             layout.cell(_chips(record, colours), layout.LIST), layout.cell(Text(record.get("claim_type", "")),
                                                                            layout.KEY)]
            for date, record in zip(dates, records)]
    headers = ["Date", "Event", "Actors", "Themes", "Claim"]
    kinds = [layout.DATE, layout.TEXT, layout.LIST, layout.LIST, layout.KEY]
    if layout.column_widths(headers, kinds, wide, width) is not None:
        return layout.fitted(headers, wide, width, kinds)
    middle = [[date, row[1], _details_cell(record, colours)] for date, row, record in zip(dates, wide, records)]
    if layout.column_widths(["Date", "Event", "Details"], kinds[:3], middle, width) is not None:
        return layout.fitted(["Date", "Event", "Details"], middle, width, kinds[:3])
    narrow = [[date, _stacked_cell(record, colours, further)] for date, record in zip(dates, records)]
    if layout.column_widths(headers[:2], kinds[:2], narrow, width) is not None:
        return layout.fitted(headers[:2], narrow, width, kinds[:2])
    parts: list = []
    for date, record in zip(dates, records):
        shown = date.renderable
        assert isinstance(shown, Text | layout.DateText)  # a date cell, as `layout.cell` made it
        parts += [Text(shown.plain, style="bold cyan", overflow="fold"), _stacked(record, colours, further)]
    return Group(*parts)


def _actors(record: Mapping[str, str]) -> layout.ItemList:
    return layout.items(split_list(record.get("actors", "")))


def _chips(record: Mapping[str, str], colours: Mapping[str, str]) -> layout.ItemList:
    chips = []
    for theme in split_list(record.get("themes", "")):
        chip = Text("● ", style=colours.get(theme, NEUTRAL))
        chip.append(theme)
        chips.append(chip)
    return layout.ItemList(chips, separator="")


def _event_cell(record: Mapping[str, str], further: Citations) -> layout.Cell:
    """Title (wrapping between words) with the id beneath, as wide as the id so it is never broken."""
    event = cell_text(record.get("title", ""), style="bold")
    event.append("\n" + record.get("id", ""), style="dim")
    event.append_text(disputed_mark(record, further))
    title = layout.cell(Text(record.get("title", "")), layout.TEXT)
    ident = len(record.get("id", ""))
    return layout.Cell(event, max(title.least, ident), max(title.most, ident))


def _themes_and_claim(record: Mapping[str, str], colours: Mapping[str, str]) -> Text:
    """One theme chip a line, the claim type after the last: `● regional-security  (reported)`."""
    text = theme_chips(record.get("themes", ""), colours)
    text.append(f"  ({record.get('claim_type', '')})", style="italic")
    return text


def _stacked(record: Mapping[str, str], colours: Mapping[str, str], further: Citations) -> Group:
    title = cell_text(record.get("title", ""), style="bold")
    ident = Text(record.get("id", ""), style="dim", overflow="fold")
    ident.append_text(disputed_mark(record, further))
    return Group(title, ident, _actors(record), _themes_and_claim(record, colours), Text(""))


def _details_cell(record: Mapping[str, str], colours: Mapping[str, str]) -> layout.Cell:
    """Actors, then theme chips, then the claim type, in one cell."""
    actors, themes = _actors(record), _themes_and_claim(record, colours)
    lines = max(len(line) for line in themes.plain.split("\n"))
    return layout.Cell(Group(actors, themes), max(actors.longest, lines), max(actors.total, lines))


def _stacked_cell(record: Mapping[str, str], colours: Mapping[str, str], further: Citations) -> layout.Cell:
    title = layout.cell(Text(record.get("title", "")), layout.TEXT)
    actors = _actors(record)
    lines = max(len(line) for line in _themes_and_claim(record, colours).plain.split("\n"))
    least = max(title.least, len(record.get("id", "")), actors.longest, lines)
    return layout.Cell(_stacked(record, colours, further), least, max(title.most, least, actors.total))


def _cell(column: str, record: Mapping[str, str], colours: Mapping[str, str]) -> Text | layout.ItemList:
    if column == "date":
        return Text(record_date(record))
    if column == "themes":
        return _chips(record, colours)
    if layout.kind_of(column) == layout.LIST:
        return layout.items(split_list(record.get(column, "")))
    return cell_text(record.get(column, ""))


def event_detail(record: Mapping[str, str], sources: Mapping[str, Mapping[str, str]], colours: Mapping[str, str],
                 storylines: Sequence[Mapping[str, object]] = (), where: str = "", width: int = 160,
                 further: Citations | None = None) -> Group:
    """The `show` view: every field, then each citation (the primary one first) as a quote block. The id
    goes on a line of its own when it would not fit whole beside its label.

    `where` names the places with their countries ("Almaty, Kazakhstan"); else the location as written.
    """
    further = further or {}
    extra = [c for c, v in record.items() if c not in _SHOWN and v]
    ident = record.get("id", "")
    labels = ["claim type", *extra] + [f"  {c}" for c in _DATE_COLUMNS if record.get(c)]
    id_apart = max(map(len, labels)) + 2 + len(ident) > width
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column(overflow="fold")
    rows = [*([] if id_apart else [("id", cell_text(ident))]), *_date_rows(record),
            *_content_rows(record, colours, where), *((column, cell_text(record[column])) for column in extra),
            *_evidence_rows(record, sources, storylines, further)]
    for label, value in rows:
        fields.add_row(label, value)
    heading = [Text(ident, style="bold", overflow="fold")] if id_apart else []
    quote = Panel(cell_text(record.get("quote", "")), title="quote", title_align="left", box=box.ROUNDED)
    return Group(*heading, fields, quote, *_further_citations(record, sources, further))


_DATE_COLUMNS = ("date", "end_date", "date_qualifier", "date_basis")
_SHOWN = {"id", *_DATE_COLUMNS, "title", "summary", "actors", "themes", "location", "claim_type", "source", "quote"}
Row = tuple[str, RenderableType]


def _date_rows(record: Mapping[str, str]) -> list[Row]:
    """The date as read, then each date cell as written, dimmed beneath."""
    written = [column for column in _DATE_COLUMNS if record.get(column)]
    return [("date", Text(record_date(record))), *((f"  {c}", cell_text(record[c], style="dim")) for c in written)]


def _content_rows(record: Mapping[str, str], colours: Mapping[str, str], where: str) -> list[Row]:
    rows: list[Row] = [("title", cell_text(record.get("title", ""), style="bold")),
                       ("summary", cell_text(record.get("summary", ""))),
                       ("actors", layout.items(split_list(record.get("actors", "")))),
                       ("themes", theme_chips(record.get("themes", ""), colours))]
    if record.get("location"):
        rows.append(("location", cell_text(where) if where else layout.items(split_list(record["location"]))))
    rows.append(("claim type", Text(record.get("claim_type", ""))))
    return rows


def _evidence_rows(record: Mapping[str, str], sources: Mapping[str, Mapping[str, str]],
                   storylines: Sequence[Mapping[str, object]], further: Citations) -> list[Row]:
    """The storylines the event belongs to, the mark of differing sources, and the primary source."""
    rows: list[Row] = [("" if i else "storylines", cell_text(f"{story_place(story)}  {story['title']}"))
                       for i, story in enumerate(storylines)]
    if is_disputed(record, further):
        rows.append(("evidence", Text(f"{DISPUTED_SIGN} {DISPUTED_LABEL}", style="bold yellow")))
    rows.append(("source", cell_text(record.get("source", ""))))
    if sources.get(record.get("source", "")):
        rows.append(("", Text(source_line(sources, record["source"]), style="italic")))
    return rows


def _further_citations(record: Mapping[str, str], sources: Mapping[str, Mapping[str, str]],
                       further: Citations) -> list[Panel]:
    """One quote block per further citation, numbered; a differing one framed in yellow."""
    others = citations_of(record, further)[1:]
    panels = []
    for number, citation in enumerate(others, start=1):
        body = cell_text(citation.quote)
        body.append("\n" + citation.source, style="dim")
        if sources.get(citation.source):
            body.append("\n" + source_line(sources, citation.source), style="italic")
        if citation.note:
            body.append("\n" + citation.note)
        label = f"also cited {number} of {len(others)}: {citation.relation}"
        style = "yellow" if citation.relation == "differs" else "none"
        panels.append(Panel(body, title=label, title_align="left", box=box.ROUNDED, border_style=style))
    return panels


def records_table(columns: Sequence[str], rows: Sequence[Sequence[str]], width: int = 160):
    """A table of vocabulary rows (actors, themes, sources) with their event counts, sized by `layout`:
    ids and names whole, `;`-lists as lists, text wrapped between words; one block per row when narrow."""
    cells = [[layout.items(split_list(v)) if layout.kind_of(c) == layout.LIST else cell_text(v)
              for c, v in zip(columns, row)] for row in rows]
    return layout.fitted(columns, cells, width)
