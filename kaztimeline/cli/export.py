"""`kaztimeline export`: the selected events to a file (or standard output) in a table, JSON, HTML or
TimelineJS format, written atomically so a failed export never damages the previous file."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..errors import OutputError, UsageError
from ..query.criteria import Criteria
from .common import (
    ColumnsOpt,
    DataOpt,
    ExcelSafeOpt,
    ExportFormat,
    SortOpt,
    SortOrder,
    app,
    check_excel_safe,
    handles_errors,
    output_columns,
    select,
    single_story,
    stdout_is_terminal,
    window_first,
    with_filters,
)

STDOUT = "-"


def export_format(output: str, fmt: str | None) -> str:
    """`--format` if given, else the format the file name's extension names (case-insensitive)."""
    from ..render.formats import from_file_name, names_for, suffixes_for

    if fmt is not None:
        return fmt
    if output == STDOUT:
        names = ", ".join(names_for("export"))
        raise UsageError(f"-o - writes to standard output: say which format with --format ({names})")
    found = from_file_name(output)
    if found is None:
        known = ", ".join(suffixes_for("export"))
        raise UsageError(f'cannot tell the format of "{output}" from its extension ({known}); use --format')
    return ExportFormat(found.name)


def write_export(fmt: str, table, vocab, filters, out, excel: bool, story=None,
                 columns: list[str] | None = None, data: str | None = None, criteria: Criteria | None = None
                 ) -> None:
    """Render the events (sorted by date) in `fmt` onto `out` (binary for a binary format); `columns` for rows.

    With a `story` (one --storyline), the events go in story order, except on the HTML page, which keeps
    its year sections and opens on that storyline (its own selector shows story order). With a window in
    `criteria`, the HTML page sets apart, after its years, the events not known to fall inside it.
    """
    from ..render.formats import BY_NAME

    if story is not None and fmt != "html":
        from ..query.storylines import story_rows

        table = table.take(story_rows(table, story))
    if BY_NAME[fmt].document:
        records = table.records()
        options = {}
        if BY_NAME[fmt].aside and criteria is not None:
            order, options["aside"] = window_first(criteria, table)
            records = table.take(order).records()
        if BY_NAME[fmt].contexts:
            from ..coverage.report import DataFolder, event_contexts

            options["contexts"] = event_contexts(DataFolder.of(data), records)
        BY_NAME[fmt].load_writer()(records, filters, vocab, out, **options)
    else:
        from ..render.machine import write_events

        write_events(fmt, columns or table.columns, table.data, out, vocab.citations, excel=excel)


def write_folder(fmt: str, output: str, table, vocab, data, filters) -> None:
    """Write a folder format (a data package) into `output`, replacing the folder whole or not at all."""
    from ..files.atomic import atomic_directory
    from ..render.formats import BY_NAME

    with atomic_directory(output) as folder:  # reports an OSError as OutputError; a bug keeps its traceback
        BY_NAME[fmt].load_writer()(folder, table, vocab, data, filters)


@app.command("export")
@handles_errors
@with_filters
def export_events(
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="FILE",
        help="File to write (replaced atomically); - writes to standard output; a folder for datapackage.")],
    criteria: Criteria,
    data: DataOpt = None,
    fmt: Annotated[ExportFormat | None, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="Default: from the extension (.csv .tsv .md .json .jsonl .html .xlsx; .timeline.json is TimelineJS; "
             "a name ending in / is a datapackage folder).")]
    = None,
    columns: ColumnsOpt = None,
    sort: SortOpt = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """Export the selected events, oldest first, to a file: csv, tsv, md, json, jsonl, html, timelinejs or xlsx;
    or, with every table (citations, storylines, vocabularies), to a folder as a Frictionless data package.

    xlsx is an Excel workbook of text cells (never a formula; dates as written), its header frozen.

    With one --storyline, in story order; TimelineJS then opens on the storyline's title and summary.

    Example: kaztimeline export --actor Russia --period 2022 -o russia-2022.html
    """
    from ..render.formats import BY_NAME

    fmt = export_format(output, fmt)
    check_excel_safe(excel_safe, fmt)
    folder = BY_NAME[fmt].folder
    if folder and output == STDOUT:
        raise UsageError(f"{fmt} writes a folder of files: give a folder with -o, not -")
    if columns is not None and (BY_NAME[fmt].document or folder):
        raise UsageError(f"--columns applies to csv, tsv, md, json, jsonl and xlsx, not {fmt} (whole events)")
    table, vocab = select(data, criteria, by_date=True, descending=sort is SortOrder.reverse)
    story = single_story(criteria, vocab) if sort is None else None
    table, chosen = output_columns(columns, table, fmt, table.columns)
    filters = criteria.describe()
    if fmt == "timelinejs" and not len(table):
        # TimelineJS refuses a file without events ("Timeline configuration has no events").
        kept = "" if output == STDOUT else f"; {output} is left as it was"
        raise OutputError("no events match, and TimelineJS cannot show a timeline without events: "
                          f"nothing written{kept}")
    binary = BY_NAME[fmt].binary
    if folder:
        write_folder(fmt, output, table, vocab, data, filters)
        where = output
    elif output == STDOUT:
        if binary and stdout_is_terminal():
            raise UsageError(f"{fmt} is a binary file: give -o FILE.{fmt} or redirect the output")
        sys.stdout.flush()
        stream = sys.stdout.buffer if binary else sys.stdout
        write_export(fmt, table, vocab, filters, stream, excel_safe, story, chosen, data, criteria)
        stream.flush()
        where = "standard output"
    else:
        from ..files.atomic import atomic_bytes_writer, atomic_text_writer

        # An OSError comes out as OutputError ("cannot write ... untouched"); a bug in a writer keeps its traceback.
        with (atomic_bytes_writer if binary else atomic_text_writer)(output) as out:
            write_export(fmt, table, vocab, filters, out, excel_safe, story, chosen, data, criteria)
        where = output
    noun = "event" if len(table) == 1 else "events"
    typer.echo(f"wrote {len(table)} {noun} to {where} ({fmt})", err=True)
