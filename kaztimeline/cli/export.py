"""`kaztimeline export`: the selected events to a file (or standard output) in a table, JSON, HTML or
TimelineJS format, written atomically so a failed export never damages the previous file."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from ..errors import KaztimelineError, OutputError, UsageError
from .common import (
    ActorOpt,
    ClaimOpt,
    CorroboratedOpt,
    DataOpt,
    ExcelSafeOpt,
    PeriodOpt,
    SearchOpt,
    SinceOpt,
    SourceOpt,
    StatedDatesOpt,
    ThemeOpt,
    UntilOpt,
    app,
    check_excel_safe,
    criteria_from,
    handles_errors,
    select,
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
    datapackage = "datapackage"


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
    if output.endswith(("/", "\\")):
        return ExportFormat.datapackage
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


def write_export(fmt: ExportFormat, table, vocab, filters, out, excel: bool) -> None:
    """Render the (sorted) events in `fmt` onto the text stream `out`."""
    from ..render import machine
    from ..render.palette import theme_colours

    columns = table.columns
    if fmt in (ExportFormat.html, ExportFormat.timelinejs):
        records = table.records()
        labels = {theme_id: entry.get("label", "") for theme_id, entry in vocab.themes.items()}
        if fmt is ExportFormat.html:
            from ..render.html import render_html

            out.write(render_html(records, filters, vocab.themes, vocab.sources, theme_colours(list(vocab.themes)),
                                  vocab.citations))
        else:
            from ..render.timelinejs import timeline_document, write_timelinejs

            write_timelinejs(timeline_document(records, filters, labels, vocab.sources, vocab.citations), out)
        return
    rows = zip(*(table.column(c).to_pylist() for c in columns))
    machine.write_events(fmt.value, columns, rows, out, vocab.citations, excel=excel)


def _export_package(output: str, table, vocab, data, filters) -> None:
    from ..files.atomic import atomic_directory
    from ..render.package import write_package

    try:
        with atomic_directory(output) as folder:
            write_package(folder, table, vocab, data, filters)
    except KaztimelineError:
        raise
    except Exception as exc:  # the atomic writer has left the previous folder as it was
        raise OutputError(f"{output}: cannot write: {exc}; the previous folder is untouched") from None


@app.command("export")
@handles_errors
def export_events(
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="FILE",
        help="File to write (replaced atomically); - writes to standard output; a folder for datapackage.")],
    actor: ActorOpt = None,
    theme: ThemeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    period: PeriodOpt = None,
    search: SearchOpt = None,
    source: SourceOpt = None,
    claim_type: ClaimOpt = None,
    corroborated: CorroboratedOpt = False,
    stated_dates: StatedDatesOpt = False,
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
    fmt = export_format(output, fmt)
    check_excel_safe(excel_safe, fmt.value)
    if fmt is ExportFormat.datapackage and output == STDOUT:
        raise UsageError("a data package is a folder of files: give a folder with -o, not -")
    criteria = criteria_from(actor, theme, since, until, period, search, source, claim_type, corroborated,
                             stated_dates)
    table, vocab = select(data, criteria, by_date=True)
    filters = criteria.describe()
    if fmt is ExportFormat.datapackage:
        _export_package(output, table, vocab, data, filters)
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
        except KaztimelineError:
            raise
        except Exception as exc:  # whatever went wrong, the atomic writer has left the old file as it was
            raise OutputError(f"{output}: cannot write: {exc}; the previous file is untouched") from None
        where = output
    noun = "event" if len(table) == 1 else "events"
    typer.echo(f"wrote {len(table)} {noun} to {where} ({fmt.value})", err=True)
