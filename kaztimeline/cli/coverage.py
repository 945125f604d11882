"""The source commands: `coverage` (what became of each dated passage) and `register` (bring in a new source)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from . import common
from .common import app, handles_errors


@app.command("coverage")
@handles_errors
def coverage(
    texts: Annotated[list[Path] | None, typer.Argument(
        metavar="[SOURCE]...", show_default=False,
        help="UTF-8 text files to read. Default: every source text of the data (its seeds/).")] = None,
    data: common.DataOpt = None,
    fmt: Annotated[common.CoverageFormat | None, typer.Option(
        "--format", "-f", help="Output format. Default: table on a terminal, tsv (no header) in a pipe.")] = None,
    left: Annotated[bool, typer.Option("--left", help="Only the passages no event cites and no exclusion covers.")]
    = False,
    summary: Annotated[bool, typer.Option(
        "--summary", help="Only the counts per source (dated, cited, excluded, left), in any format.")] = False,
) -> None:
    """List the dated passages of source texts and what became of each: cited by an event, excluded, or left.

    A passage is cited when an event's quote, or a further citation's (citations.csv), overlaps its date; it is
    excluded when a row of exclusions.csv covers it; otherwise it is left. Columns: source, line, date,
    end_date, date_qualifier, basis, expression, status, by (event ids or the exclusion's rule), passage.
    The table ends with the counts per source. Exit status 0 whatever is left (1: a text cannot be read).

    Example: kaztimeline coverage --left
    """
    from ..coverage.report import COLUMNS, SUMMARY_COLUMNS, DataFolder, coverages, passage_rows, summary_rows

    fmt, explicit = common.resolve_format(fmt)
    folder = DataFolder.of(data)
    for path in texts or ():
        if not path.is_file():
            raise UsageError(f"{path}: no such text file")
    found = coverages(folder, texts or None)
    rows = [row for item in found for row in passage_rows(item, left)]
    counts = summary_rows(found)
    if fmt == "table":
        from ..render import terminal
        from ..render.coverage import passages_table, summary_table

        out = terminal.console()
        for item in found if not summary else ():
            mine = [row for row in rows if row[0] == item.source]
            if mine:
                out.print(passages_table(COLUMNS, mine, item.source))
        out.print(summary_table(SUMMARY_COLUMNS, counts))
        return
    if summary:
        common.emit_rows(fmt, list(SUMMARY_COLUMNS), counts, explicit)
    else:
        common.emit_rows(fmt, list(COLUMNS), rows, explicit)


@app.command("register")
@handles_errors
def register(
    text: Annotated[Path, typer.Argument(metavar="FILE", help="The UTF-8 text file to bring in as a source.")],
    data: Annotated[str | None, typer.Option(
        "--data", "-d", metavar="PATH", envvar="KAZTIMELINE_DATA", show_envvar=True,
        help="Events CSV whose folder gets the source row (sources.csv) and whose ../seeds/ gets the text. "
             "Default: the bundled data.")] = None,
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT", help="The source's title, as printed.")]
    = None,
    author: Annotated[str | None, typer.Option("--author", metavar="TEXT", help="Author(s); may be empty.")]
    = None,
    published: Annotated[str | None, typer.Option(
        "--published", metavar="DATE", help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD); may be empty.")]
    = None,
    kind: Annotated[str | None, typer.Option(
        "--kind", metavar="KIND", help="news, analysis, overview, parliamentary-report...")] = None,
    language: Annotated[str, typer.Option("--language", metavar="CODE", help="ISO 639-1 code.")] = "fr",
    notes: Annotated[str, typer.Option("--notes", metavar="TEXT", help="What a curator should know.")] = "",
) -> None:
    """Register a text file as a source: copy it into the data's seeds/ and add its row to sources.csv.

    The file keeps its name (it becomes the `source` value of events). On a terminal, a missing --title or
    --kind is asked for; in a script it is a usage error (exit 2). A name already registered, a text that is
    not UTF-8, or a bad date writes nothing (exit 1). Both files are written atomically. Then list its
    passages with `coverage FILE` and add an event from one with `add --from-passage NAME:LINE`.

    Example: kaztimeline register article.txt --data my/data/events.csv --title "..." --kind news
    """
    from ..curation.register import register_source
    from ..files.load import default_events_path

    cells = {"title": title, "author": author, "published": published, "kind": kind}
    missing = [name for name in ("title", "kind") if not (cells[name] or "").strip()]
    if missing:
        from .curation import interactive

        if not interactive():
            raise UsageError(f"missing {', '.join('--' + m for m in missing)}: give them as options "
                             "(register asks for them only on a terminal)")
        for name in missing:
            cells[name] = typer.prompt(name).strip()
        for name in ("author", "published"):
            if cells[name] is None:
                cells[name] = typer.prompt(f"{name} (empty if unknown)", default="", show_default=False).strip()
    row = {key: (value or "").strip() for key, value in cells.items()}
    row.update(language=language.strip(), notes=notes.strip())
    seed, sources = register_source(data or default_events_path(), text, row)
    from ..curation.validate import shown_path

    typer.echo(f"kaztimeline: copied to {shown_path(seed)}; row added to {shown_path(sources)}", err=True)
    typer.echo(text.name)
