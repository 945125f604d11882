"""Rich views for a terminal. Every cell is a `Text`, never a markup string, so data such as `[sic]` or
`[/b]` prints literally. Rich honours NO_COLOR, TERM=dumb and COLUMNS on its own."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..schema.evidence import DISPUTED_LABEL, DISPUTED_SIGN, Citations, citations_of, is_disputed
from ..schema.model import split_list
from ..values.dates import record_date
from .palette import NEUTRAL

# Rich lays out a long cell in time that grows faster than its length (two minutes for 10 MB): a terminal
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


def event_date(record: Mapping[str, str]) -> str:
    return record_date(record)


def disputed_mark(record: Mapping[str, str], further: Citations) -> Text:
    """The sign an event whose sources differ carries in every view; empty otherwise."""
    return Text(f"\n{DISPUTED_SIGN} {DISPUTED_LABEL}", style="bold yellow") if is_disputed(record, further) else Text()


NARROW = 130  # below this many columns, actors, themes and claim type move under the title


def events_table(records: Sequence[Mapping[str, str]], colours: Mapping[str, str],
                 columns: Sequence[str] | None = None, title: str | None = None, width: int = 160,
                 further: Citations | None = None) -> Table:
    """The `list` view: date at its precision, title with its id beneath, actors, theme chips, claim type.

    With `columns`, those raw columns instead (dates still shown at their precision). On a narrow
    terminal everything but the date goes into one wrapped cell, so no column is squeezed to nothing.
    """
    table = Table(box=box.SIMPLE_HEAD, title=title, show_lines=False, expand=False, title_justify="left")
    further = further or {}
    if columns:
        for column in columns:
            table.add_column(column, overflow="fold")
        for record in records:
            table.add_row(*(_cell(column, record, colours) for column in columns))
        return table
    if width < NARROW:
        table.add_column("Date", min_width=8, max_width=14)
        table.add_column("Event", overflow="fold")
        for record in records:
            table.add_row(Text(event_date(record)), _stacked(record, colours, further))
        return table
    table.add_column("Date", no_wrap=True, min_width=8)
    table.add_column("Event", ratio=3, overflow="fold")
    table.add_column("Actors", ratio=2, overflow="fold")
    table.add_column("Themes", width=24, overflow="fold")
    table.add_column("Claim", width=10, overflow="fold")
    for record in records:
        event = cell_text(record.get("title", ""), style="bold")
        event.append("\n" + record.get("id", ""), style="dim")
        event.append_text(disputed_mark(record, further))
        table.add_row(
            Text(event_date(record)),
            event,
            cell_text(", ".join(split_list(record.get("actors", "")))),
            theme_chips(record.get("themes", ""), colours),
            Text(record.get("claim_type", "")),
        )
    return table


def _stacked(record: Mapping[str, str], colours: Mapping[str, str], further: Citations) -> Text:
    text = cell_text(record.get("title", ""), style="bold")
    text.append("\n" + record.get("id", ""), style="dim")
    text.append_text(disputed_mark(record, further))
    text.append("\n")
    text.append_text(cell_text(", ".join(split_list(record.get("actors", "")))))
    for theme in split_list(record.get("themes", "")):
        text.append("\n● ", style=colours.get(theme, NEUTRAL))
        text.append(theme)
    text.append(f"  ({record.get('claim_type', '')})\n", style="italic")
    return text


def _cell(column: str, record: Mapping[str, str], colours: Mapping[str, str]) -> Text:
    if column == "date":
        return Text(event_date(record))
    if column == "themes":
        return theme_chips(record.get(column, ""), colours)
    return cell_text(record.get(column, ""))


def event_detail(record: Mapping[str, str], sources: Mapping[str, Mapping[str, str]], colours: Mapping[str, str],
                 further: Citations | None = None) -> Group:
    """The `show` view: every field, then each citation (the primary one first) as a quote block."""
    further = further or {}
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column(overflow="fold")
    fields.add_row("id", cell_text(record.get("id", "")))
    fields.add_row("date", Text(event_date(record)))
    for column in ("date", "end_date", "date_qualifier", "date_basis"):
        if record.get(column):
            fields.add_row(f"  {column}", cell_text(record[column], style="dim"))
    fields.add_row("title", cell_text(record.get("title", ""), style="bold"))
    fields.add_row("summary", cell_text(record.get("summary", "")))
    fields.add_row("actors", cell_text(", ".join(split_list(record.get("actors", "")))))
    fields.add_row("themes", theme_chips(record.get("themes", ""), colours))
    if record.get("location"):
        fields.add_row("location", cell_text(", ".join(split_list(record["location"]))))
    fields.add_row("claim type", Text(record.get("claim_type", "")))
    for column, value in record.items():
        if column not in _SHOWN and value:
            fields.add_row(column, cell_text(value))
    if is_disputed(record, further):
        fields.add_row("evidence", Text(f"{DISPUTED_SIGN} {DISPUTED_LABEL}", style="bold yellow"))
    fields.add_row("source", cell_text(record.get("source", "")))
    if sources.get(record.get("source", "")):
        fields.add_row("", Text(source_line(sources[record["source"]]), style="italic"))
    blocks = [fields, Panel(cell_text(record.get("quote", "")), title="quote", title_align="left", box=box.ROUNDED)]
    others = citations_of(record, further)[1:]
    for number, citation in enumerate(others, start=1):
        body = cell_text(citation.quote)
        body.append("\n" + citation.source, style="dim")
        if sources.get(citation.source):
            body.append("\n" + source_line(sources[citation.source]), style="italic")
        if citation.note:
            body.append("\n" + citation.note)
        label = f"also cited {number} of {len(others)}: {citation.relation}"
        style = "yellow" if citation.relation == "differs" else "none"
        blocks.append(Panel(body, title=label, title_align="left", box=box.ROUNDED, border_style=style))
    return Group(*blocks)


_SHOWN = {"id", "date", "end_date", "date_qualifier", "date_basis", "title", "summary", "actors", "themes", "location",
          "claim_type", "source", "quote"}


def source_line(source: Mapping[str, str]) -> str:
    """"Title" — author, kind, published: how a reader can find the source."""
    parts = [f"«{source.get('title', '')}»"]
    parts += [source[k] for k in ("author", "kind", "published") if source.get(k)]
    return ", ".join(parts)


def records_table(columns: Sequence[str], rows: Sequence[Sequence[str]], title: str | None = None) -> Table:
    """A plain table of vocabulary rows (actors, themes, sources) with their event counts."""
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold", justify="right" if column == "events" else "left")
    for row in rows:
        table.add_row(*(cell_text(v) for v in row))
    return table
