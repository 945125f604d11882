"""`kaztimeline export`: the selected events to a file (or standard output) in a table, JSON, HTML or
TimelineJS format, written atomically so a failed export never damages the previous file."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from ..errors import KaztimelineError, OutputError, UsageError
from ..query.criteria import Criteria
from .common import (
    DataOpt,
    ExcelSafeOpt,
    app,
    check_excel_safe,
    handles_errors,
    select,
    single_story,
    with_filters,
)

STDOUT = "-"


class ExportFormat(StrEnum):
    csv = "csv"
    tsv = "tsv"
    md = "md"
    json = "json"
    jsonl = "jsonl"
    html = "html"
    timelinejs = "timelinejs"


# Longest suffix first: `.timeline.json` is TimelineJS, any other `.json` plain JSON.
SUFFIXES: tuple[tuple[str, ExportFormat], ...] = (
    (".timeline.json", ExportFormat.timelinejs),
    (".csv", ExportFormat.csv),
    (".tsv", ExportFormat.tsv),
    (".md", ExportFormat.md),
    (".json", ExportFormat.json),
    (".jsonl", ExportFormat.jsonl),
    (".html", ExportFormat.html),
    (".htm", ExportFormat.html),
)


def export_format(output: str, fmt: ExportFormat | None) -> ExportFormat:
    """`--format` if given, else the format the file name's extension names (case-insensitive)."""
    if fmt is not None:
        return fmt
    known = ", ".join(suffix for suffix, _ in SUFFIXES)
    if output == STDOUT:
        raise UsageError(f"-o - writes to standard output: say which format with --format ({_format_names()})")
    name = output.lower()
    for suffix, candidate in SUFFIXES:
        if name.endswith(suffix):
            return candidate
    raise UsageError(f'cannot tell the format of "{output}" from its extension ({known}); use --format')


def _format_names() -> str:
    return ", ".join(f.value for f in ExportFormat)


def write_export(fmt: ExportFormat, table, vocab, filters, out, excel: bool, story=None) -> None:
    """Render the events (sorted by date) in `fmt` onto the text stream `out`.

    With a `story` (one --storyline), the events go in story order, except on the HTML page, which keeps
    its year sections and opens on that storyline (its own selector shows story order).
    """
    from ..render import machine
    from ..render.palette import theme_colours

    columns = table.columns
    if story is not None and fmt is not ExportFormat.html:
        from ..query.storylines import story_rows

        table = table.take(story_rows(table, story))
    if fmt in (ExportFormat.html, ExportFormat.timelinejs):
        records = table.records()
        labels = {theme_id: entry.get("label", "") for theme_id, entry in vocab.themes.items()}
        if fmt is ExportFormat.html:
            from ..render.html import render_html

            out.write(render_html(records, filters, vocab.themes, vocab.sources, theme_colours(list(vocab.themes)),
                                  storylines=vocab.storylines, chosen=story.id if story else None))
        else:
            from ..render.timelinejs import timeline_document, write_timelinejs

            write_timelinejs(timeline_document(records, filters, labels, vocab.sources, story), out)
        return
    rows = zip(*(table.column(c).to_pylist() for c in columns))
    machine.write_rows(fmt.value, columns, rows, out, excel=excel)


@app.command("export")
@handles_errors
@with_filters
def export_events(
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="FILE",
        help="File to write (replaced atomically); - writes to standard output.")],
    criteria: Criteria,
    data: DataOpt = None,
    fmt: Annotated[ExportFormat | None, typer.Option(
        "--format", "-f",
        help="Default: from the extension (.csv .tsv .md .json .jsonl .html; .timeline.json is TimelineJS).")] = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """Export the selected events, oldest first, to a file: csv, tsv, md, json, jsonl, html or timelinejs.

    With one --storyline, in story order; TimelineJS then opens on the storyline's title and summary.

    Example: kaztimeline export --actor Russia --period 2022 -o russia-2022.html
    """
    fmt = export_format(output, fmt)
    check_excel_safe(excel_safe, fmt.value)
    table, vocab = select(data, criteria, by_date=True)
    story = single_story(criteria, vocab)
    filters = criteria.describe()
    if output == STDOUT:
        write_export(fmt, table, vocab, filters, sys.stdout, excel_safe, story)
        sys.stdout.flush()
        where = "standard output"
    else:
        from ..files.atomic import atomic_text_writer

        try:
            with atomic_text_writer(output) as out:
                write_export(fmt, table, vocab, filters, out, excel_safe, story)
        except KaztimelineError:
            raise
        except Exception as exc:  # whatever went wrong, the atomic writer has left the old file as it was
            raise OutputError(f"{output}: cannot write: {exc}; the previous file is untouched") from None
        where = output
    noun = "event" if len(table) == 1 else "events"
    typer.echo(f"wrote {len(table)} {noun} to {where} ({fmt.value})", err=True)
