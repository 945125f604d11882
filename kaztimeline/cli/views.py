"""Terminal views of the selected events: `timeline` (a vertical timeline) and `stats` (counts and bars)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from ..query.criteria import Criteria
from . import completion
from .common import (
    DataOpt,
    StatsFormat,
    app,
    handles_errors,
    select,
    single_story,
    stdout_is_terminal,
    story_header,
    window_first,
    with_filters,
)


@app.command("timeline")
@handles_errors
@with_filters
def show_timeline(
    criteria: Criteria,
    data: DataOpt = None,
) -> None:
    """A vertical timeline: year headers, dates at their precision, a coloured marker per theme, title, actors.

    With a window (--period, --since, --until), the events it holds for certain come first; those dated less
    precisely (only "2022" in --period 2022-01) or reaching beyond it follow under their own heading.

    Plain text (themes named in brackets) when the output is not a terminal. With one --storyline, the
    thread in story order under its title and summary, each event numbered by its place in the story.

    Example: kaztimeline timeline --period 2022 --theme domestic-unrest
    """
    table, vocab = select(data, criteria, by_date=True)
    story = single_story(criteria, vocab)
    thread = None
    if story is not None:
        from ..query.storylines import story_rows

        table = table.take(story_rows(table, story))
        thread = story_header(story)
    order, aside = window_first(criteria, table)
    records = table.take(order).records()
    if stdout_is_terminal():
        from ..files.vocabularies import theme_labels
        from ..render import terminal
        from ..render.palette import theme_colours
        from ..render.timeline import timeline_view

        out = terminal.console()
        out.print(timeline_view(records, theme_colours(list(vocab.themes)), theme_labels(vocab.themes), thread,
                                vocab.places.where, width=out.width, further=vocab.citations, aside=aside))
    else:
        from ..render.timeline import timeline_text

        sys.stdout.write(timeline_text(records, thread, vocab.places.where, further=vocab.citations, aside=aside))
    if not records:
        typer.echo("No events match.", err=True)




@app.command("stats")
@handles_errors
@with_filters
def show_stats(
    criteria: Criteria,
    data: DataOpt = None,
    by: Annotated[str, typer.Option(
        "--by", "-b", metavar="KEY[,KEY]", autocompletion=completion.stats_keys,
        help="year, quarter, month, actor, theme, claim-type or source; two keys (year,theme) cross-tabulate.")]
    = "year",
    fmt: Annotated[StatsFormat, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="table (bar chart; plain text in a pipe), csv or json (one row per value, or per pair of values).")]
    = StatsFormat("table"),
) -> None:
    """Count events by period or category, with a bar chart; an event with several actors or themes counts
    once under each. Actors count as written on the event; `actors` also counts an actor's members under it.

    Example: kaztimeline stats --by theme --since 2022
    """
    from ..query.stats import count_events, parse_keys

    keys = parse_keys(by)
    table, vocab = select(data, criteria)
    tally = count_events(table, keys, vocab.citations)
    if fmt == "table":
        from ..render import terminal
        from ..render.charts import counts_view
        from ..render.palette import theme_colours

        console = terminal.console()
        console.print(counts_view(tally, theme_colours(list(vocab.themes)), console.width))
    elif fmt == "csv":
        from ..render.formats import write_rows

        write_rows("csv", tally.field_names(), ([str(v) for v in record] for record in tally.records()), sys.stdout)
    else:
        rows = [dict(zip(tally.field_names(), record)) for record in tally.records()]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
