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
    format_choices,
    handles_errors,
    select,
    with_filters,
)

STDOUT = "-"


ExportFormat = format_choices("export")


def export_format(output: str, fmt: StrEnum | None) -> StrEnum:
    """`--format` if given, else the format the file name's extension names (case-insensitive)."""
    from ..render.formats import from_file_name, suffixes_for

    if fmt is not None:
        return fmt
    if output == STDOUT:
        names = ", ".join(f.value for f in ExportFormat)
        raise UsageError(f"-o - writes to standard output: say which format with --format ({names})")
    found = from_file_name(output)
    if found is None:
        known = ", ".join(suffixes_for("export"))
        raise UsageError(f'cannot tell the format of "{output}" from its extension ({known}); use --format')
    return ExportFormat(found.name)


def write_export(fmt: str, table, vocab, filters, out, excel: bool) -> None:
    """Render the (sorted) events in `fmt` onto the text stream `out`."""
    from ..render.formats import BY_NAME

    if BY_NAME[fmt].document:
        BY_NAME[fmt].load_writer()(table.records(), filters, vocab, out)
    else:
        from ..render.machine import write_events

        rows = zip(*(table.column(c).to_pylist() for c in table.columns))
        write_events(fmt, table.columns, rows, out, vocab.citations, excel=excel)


def write_folder(fmt: str, output: str, table, vocab, data, filters) -> None:
    """Write a folder format (a data package) into `output`, replacing the folder whole or not at all."""
    from ..files.atomic import atomic_directory
    from ..render.formats import BY_NAME

    try:
        with atomic_directory(output) as folder:
            BY_NAME[fmt].load_writer()(folder, table, vocab, data, filters)
    except KaztimelineError:
        raise
    except Exception as exc:  # the atomic writer has left the previous folder as it was
        raise OutputError(f"{output}: cannot write: {exc}; the previous folder is untouched") from None


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
        "--format", "-f",
        help="Default: from the extension (.csv .tsv .md .json .jsonl .html; .timeline.json is TimelineJS; "
             "a name ending in / is a datapackage folder).")] = None,
    excel_safe: ExcelSafeOpt = False,
) -> None:
    """Export the selected events, oldest first, to a file: csv, tsv, md, json, jsonl, html or timelinejs; or,
    with every table (citations, storylines, vocabularies), to a folder as a Frictionless data package.

    Example: kaztimeline export --actor Russia --period 2022 -o russia-2022.html
    """
    from ..render.formats import BY_NAME

    fmt = export_format(output, fmt)
    check_excel_safe(excel_safe, fmt.value)
    folder = BY_NAME[fmt].folder
    if folder and output == STDOUT:
        raise UsageError(f"{fmt.value} writes a folder of files: give a folder with -o, not -")
    table, vocab = select(data, criteria, by_date=True)
    filters = criteria.describe()
    if folder:
        write_folder(fmt, output, table, vocab, data, filters)
        where = output
    elif output == STDOUT:
        write_export(fmt, table, vocab, filters, sys.stdout, excel_safe)
        sys.stdout.flush()
        where = "standard output"
    else:
        from ..files.atomic import atomic_text_writer

        try:
            with atomic_text_writer(output) as out:
                write_export(fmt, table, vocab, filters, out, excel_safe)
        except OSError as exc:  # the atomic writer has left the old file as it was; a bug is not a write error
            raise OutputError(f"{output}: cannot write: {exc}; the previous file is untouched") from None
        where = output
    noun = "event" if len(table) == 1 else "events"
    typer.echo(f"wrote {len(table)} {noun} to {where} ({fmt.value})", err=True)
