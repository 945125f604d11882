"""The reading commands: list, show, actors, themes, sources."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..query.criteria import Criteria
from .common import (
    DataOpt,
    ExcelSafeOpt,
    FormatOpt,
    SortOrder,
    app,
    check_excel_safe,
    choose_columns,
    emit_rows,
    emit_table,
    format_choices,
    handles_errors,
    load,
    resolve_format,
    select,
    select_with_order,
    stdout_is_terminal,
    with_filters,
)


@app.command("list")
@handles_errors
@with_filters
def list_events(
    criteria: Criteria,
    data: DataOpt = None,
    fmt: FormatOpt = None,
    columns: Annotated[str | None, typer.Option(
        "--columns", "-c", metavar="A,B,...", help="Only these columns, in this order.")] = None,
    sort: Annotated[SortOrder, typer.Option("--sort", help="date (oldest first) or -date (newest first).")]
    = SortOrder.date,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=0, help="At most N events.")] = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """List events, oldest first.

    Example: kaztimeline list --actor Russia --period 2025Q2 --format csv
    """
    fmt, explicit = resolve_format(fmt)
    check_excel_safe(excel_safe, fmt.value)
    table, order, vocab = select_with_order(data, criteria, descending=sort is SortOrder.reverse)
    chosen = choose_columns(columns, table.data.column_names)  # date_basis too, where the file has none
    if limit is not None:
        order = order[:limit]
    if fmt == "table":
        from ..render import terminal
        from ..render.palette import theme_colours
        from ..values.arrowtext import take_rows

        colours = theme_colours(list(vocab.themes))
        records = take_rows(table.data, order).to_pylist()
        out = terminal.console()
        out.print(terminal.events_table(records, colours, chosen, width=out.width, further=vocab.citations))
        if not records:
            terminal.console(stderr=True).print("No events match.", style="dim")
        return
    out_columns = chosen or table.columns
    emit_table(fmt, table.data, out_columns, explicit, excel_safe, order=order, further=vocab.citations)


ShowFormat = format_choices("show")


@app.command("show")
@handles_errors
def show_event(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="The event's id (first column of `list`).")],
    data: DataOpt = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="text or json.")] = ShowFormat.text,
) -> None:
    """Show one event in full: every field, the quote and its source, then every further citation.

    Example: kaztimeline show 2025-06-05-senate-passes-territorial-defence-law
    """
    from ..query.filters import find_event

    table, vocab = load(data)
    record = table.data.slice(find_event(table, event_id), 1).to_pylist()[0]
    if fmt == "json":
        from ..render.machine import json_record
        from ..schema.evidence import evidence_fields

        payload = json_record(list(record), list(record.values()))
        payload["source_details"] = vocab.sources.get(record.get("source", ""))
        payload.update(evidence_fields(record, vocab.citations))
        import json

        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif stdout_is_terminal():
        from ..render import terminal
        from ..render.palette import theme_colours

        terminal.console().print(terminal.event_detail(record, vocab.sources, theme_colours(list(vocab.themes)),
                                                       vocab.citations))
    else:
        from ..render.text import event_text

        sys.stdout.write(event_text(record, vocab.sources, vocab.citations))


def _vocabulary_command(kind: str, doc: str) -> None:
    """Register `actors`, `themes` or `sources`: one vocabulary with event counts, under the usual filters."""

    def command(criteria: Criteria, data: DataOpt = None, fmt: FormatOpt = None) -> None:
        from ..query.counts import vocabulary_rows

        fmt, explicit = resolve_format(fmt)
        table, vocab = select(data, criteria)
        columns, rows = vocabulary_rows(kind, table, vocab)
        if fmt == "table":
            from ..render import terminal

            terminal.console().print(terminal.records_table(columns, rows))
        else:
            emit_rows(fmt, columns, rows, explicit)

    command.__name__ = f"list_{kind}"
    command.__doc__ = doc
    app.command(kind)(handles_errors(with_filters(command)))


_vocabulary_command("actors", """Actors with kind, membership, aliases and how many events `list --actor NAME` gives.

    Example: kaztimeline actors --period 2022
    """)
_vocabulary_command("themes", """Themes with their description and event count.

    Example: kaztimeline themes --actor Russia
    """)
_vocabulary_command("sources", """Source documents: title, author, date, kind, notes, and how many events cite each.

    Example: kaztimeline sources --format md
    """)
