"""The reading commands: list, show, actors, themes, sources, storylines, places."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..errors import UsageError
from ..query.criteria import Criteria
from . import completion
from .common import (
    ColumnsOpt,
    DataOpt,
    ExcelSafeOpt,
    FormatOpt,
    ShowFormat,
    SortOpt,
    SortOrder,
    app,
    at_least_zero,
    check_excel_safe,
    emit_rows,
    emit_table,
    handles_errors,
    load,
    output_columns,
    resolve_format,
    select,
    select_with_order,
    single_story,
    stdout_is_terminal,
    window_first,
    with_filters,
)


@app.command("list")
@handles_errors
@with_filters
def list_events(
    criteria: Criteria,
    data: DataOpt = None,
    fmt: FormatOpt = None,
    columns: ColumnsOpt = None,
    sort: SortOpt = None,
    limit: Annotated[int | None, typer.Option(
        "--limit", "-n", metavar="N", callback=at_least_zero, help="At most N events.")] = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """List events, oldest first (in story order with one --storyline, unless --sort is given).

    Example: kaztimeline list --actor Russia --period 2025Q2 --format csv
    """
    fmt, explicit = resolve_format(fmt)
    check_excel_safe(excel_safe, fmt)
    table, order, vocab = select_with_order(data, criteria, descending=sort is SortOrder.reverse)
    story = single_story(criteria, vocab) if sort is None else None
    if story is not None:
        from ..query.storylines import story_rows

        order = story_rows(table, story)
    # date_basis too, where the file has none; `when` added to the table if asked for (or md's default)
    table, chosen = output_columns(columns, table, fmt, table.data.column_names)
    matched = len(order)
    if limit is not None:
        order = order[:limit]
    if fmt == "table":
        from ..render import terminal
        from ..render.palette import theme_colours
        from ..values.arrowtext import take_rows

        colours = theme_colours(list(vocab.themes))
        order, aside = window_first(criteria, table, order)  # a terminal table sets apart what a window only overlaps
        records = take_rows(table.data, order).to_pylist()
        inside, apart = aside.split(records) if aside else (records, [])
        out = terminal.console()
        with out:  # one write for the table and its count, so a reader that stops early stops both
            if inside or not apart:
                out.print(terminal.events_table(inside, colours, chosen, width=out.width, further=vocab.citations))
            if apart:
                out.print(terminal.aside_heading(aside.heading, aside.note))
                out.print(terminal.events_table(apart, colours, chosen, width=out.width, further=vocab.citations))
            if records:  # the count ends the table, so a reader scrolling back knows how many there were
                shown = f"{len(records)} of {matched}" if len(records) < matched else str(matched)
                out.print(f"{shown} event{'' if matched == 1 else 's'}", style="dim")
        if not records:
            terminal.console(stderr=True).print("No events match.", style="dim")
        return
    out_columns = chosen or table.columns
    if fmt == "geojson":
        from ..render.geojson import write_events
        from ..values.arrowtext import take_rows

        write_events(take_rows(table.data, order).to_pylist(), out_columns, vocab.places, sys.stdout)
        return
    emit_table(fmt, table.data, out_columns, vocab.citations, explicit, excel_safe, order=order)




@app.command("show")
@handles_errors
def show_event(
    event_id: Annotated[str, typer.Argument(
        metavar="ID", help="The event's id (first column of `list`).", autocompletion=completion.event_ids)],
    data: DataOpt = None,
    fmt: Annotated[ShowFormat, typer.Option(
        "--format", "-f", case_sensitive=False, help="text or json.")] = ShowFormat("text"),
    context: Annotated[bool, typer.Option(
        "--context", help="Also print the paragraph of the source around each quote (the event's own and its "
                          "further citations), with its line numbers; the quote is highlighted on a terminal, "
                          "between >>> and <<< in text, and in JSON a `context` list.")] = False,
) -> None:
    """Show one event in full: every field, the quote and its source, then every further citation, and the
    storylines it belongs to.

    Example: kaztimeline show 2025-06-05-senate-passes-territorial-defence-law
    """
    from ..query.filters import find_event

    table, vocab = load(data)
    record = table.data.slice(find_event(table, event_id), 1).to_pylist()[0]
    contexts = None
    if context:
        from ..coverage.report import DataFolder, event_contexts

        contexts = event_contexts(DataFolder.of(data), [record])[record["id"]]
    stories = [{"id": story.id, "title": story.title, "position": position, "of": len(story.events)}
               for story, position in vocab.storylines.of_event(record["id"])]
    where = vocab.places.where(record.get("location", ""))
    if fmt == "json":
        from ..render.machine import json_record
        from ..schema.evidence import evidence_fields

        payload = json_record(list(record), list(record.values()))
        payload["source_details"] = vocab.sources.get(record.get("source", ""))
        payload.update(evidence_fields(record, vocab.citations))
        if contexts is not None:
            payload["context"] = contexts
        payload["storylines"] = stories
        payload["place_details"] = vocab.places.details(record.get("location", ""))
        import json

        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif stdout_is_terminal():
        from ..render import terminal
        from ..render.palette import theme_colours

        out = terminal.console()
        out.print(terminal.event_detail(record, vocab.sources, theme_colours(list(vocab.themes)), stories, where,
                                        width=out.width, further=vocab.citations))
        if contexts is not None:
            from ..render.coverage import context_view

            for item in contexts:
                out.print(context_view(item) if item.get("paragraph") is not None
                          else f"{item['relation']}: {item['source']}: quote not found in the source text")
    else:
        from ..render.text import context_text, event_text

        sys.stdout.write(event_text(record, vocab.sources, stories, where, further=vocab.citations))
        if contexts is not None:
            sys.stdout.write(context_text(contexts))


def _vocabulary_command(kind: str, doc: str) -> None:
    """Register `actors`, `themes`, `sources`, `places` or `storylines`: a vocabulary with event counts, filtered."""

    def command(criteria: Criteria, data: DataOpt = None, fmt: FormatOpt = None) -> None:
        fmt, explicit = resolve_format(fmt)
        if fmt == "geojson" and kind != "places":
            raise UsageError(f"--format geojson applies to list, places and export, not {kind}")
        table, vocab = select(data, criteria)
        if kind == "storylines":
            from ..query.storylines import storyline_rows

            columns, rows = storyline_rows(table, vocab.storylines)
        else:
            from ..query.counts import vocabulary_rows

            columns, rows = vocabulary_rows(kind, table, vocab)
        if fmt == "geojson":
            from ..render.geojson import place_features, write_feature_collection

            write_feature_collection(place_features(rows, columns, vocab.places), sys.stdout)
        elif fmt == "table":
            from ..render import terminal

            out = terminal.console()
            out.print(terminal.records_table(columns, rows, width=out.width))
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
_vocabulary_command("places", """Places with kind, country, region, coordinates, aliases and how many events
    `list --place NAME` gives (a country's count takes in its cities and sites).

    Example: kaztimeline places --format csv
    """)
_vocabulary_command("sources", """Source documents: short name, title, author, date, kind, notes and event count.

    Example: kaztimeline sources --format md
    """)
_vocabulary_command("storylines", """Storylines: threads of events in story order, with how many events each has
    under the filters and their span (first..last date, at the precision the events give).

    `--storyline ID` follows one in list, timeline and export; `show ID` names an event's storylines.

    Example: kaztimeline storylines --since 2025
    """)
