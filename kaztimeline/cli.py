"""The command line: parse options, call the core, hand results to a renderer, map errors to exit codes.

Heavy modules (pandas through `load`/`query`, Rich through `render.terminal`) are imported inside the
commands that use them, so `--help` and tab completion stay fast.
"""

from __future__ import annotations

import functools
import os
import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from .errors import ExitStatus, KaztimelineError, UsageError

app = typer.Typer(
    name="kaztimeline",
    help="Kazakhstan's recent security and foreign-policy history on one timeline: filter, read, export.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(str, Enum):
    table = "table"
    tsv = "tsv"
    csv = "csv"
    md = "md"
    json = "json"
    jsonl = "jsonl"


class ClaimType(str, Enum):
    reported = "reported"
    statement = "statement"
    assessment = "assessment"


class SortOrder(str, Enum):
    date = "date"
    reverse = "-date"


# --- options shared by every command that reads events -------------------------------------------------

ActorOpt = Annotated[Optional[list[str]], typer.Option(
    "--actor", "-a", metavar="NAME",
    help="Actor name or alias (Russia, Russie, Tokaïev, OTSC...); includes its members. Repeat to OR.")]
ThemeOpt = Annotated[Optional[list[str]], typer.Option(
    "--theme", "-t", metavar="ID", help="Theme id (see `kaztimeline themes`). Repeat to OR.")]
SinceOpt = Annotated[Optional[str], typer.Option(
    "--since", metavar="DATE", help='Events overlapping this date or later: 2025, 2025-04, 2025-04-20, "5 June 2025".')]
UntilOpt = Annotated[Optional[str], typer.Option(
    "--until", metavar="DATE", help="Events overlapping this date or earlier (inclusive: --until 2025 takes all of 2025).")]
PeriodOpt = Annotated[Optional[str], typer.Option(
    "--period", "-p", metavar="P", help="2025, 2025-04, 2025Q2, 2025H1 or A..B. Not with --since/--until.")]
SearchOpt = Annotated[Optional[str], typer.Option(
    "--search", "-q", metavar="TEXT",
    help="Every word must appear (case- and accent-insensitive) in title, summary, quote, location or actors.")]
SourceOpt = Annotated[Optional[list[str]], typer.Option(
    "--source", metavar="FILE", help="Source file name (see `kaztimeline sources`). Repeat to OR.")]
ClaimOpt = Annotated[Optional[list[ClaimType]], typer.Option(
    "--claim-type", metavar="TYPE", help="reported, statement or assessment. Repeat to OR.")]
DataOpt = Annotated[Optional[str], typer.Option(
    "--data", "-d", metavar="PATH", envvar="KAZTIMELINE_DATA", show_envvar=True,
    help="Events CSV to read instead of the bundled data; - reads standard input.")]
FormatOpt = Annotated[Optional[OutputFormat], typer.Option(
    "--format", "-f", help="Output format. Default: table on a terminal, tsv (no header) in a pipe.")]


def handles_errors(command):
    """Turn `KaztimelineError` into its message and exit status; end quietly when the reader goes away."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KaztimelineError as exc:
            for line in exc.lines():
                typer.echo(f"kaztimeline: {line}", err=True)
            raise typer.Exit(int(exc.exit_status)) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(int(ExitStatus.SUCCESS)) from None

    return wrapper


def _silence_stdout() -> None:
    """After `| head` closes the pipe, send what is left to /dev/null so Python's exit flush stays quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _criteria(actor, theme, since, until, period, search, source, claim_type):
    from .query import Criteria

    return Criteria(
        actors=tuple(actor or ()),
        themes=tuple(theme or ()),
        since=since,
        until=until,
        period=period,
        search=search,
        sources=tuple(source or ()),
        claim_types=tuple(c.value for c in claim_type or ()),
    )


def _load(data: str | None):
    from .load import load_events, load_vocabularies

    return load_events(data), load_vocabularies(data)


def _select(data, criteria):
    """Load, then filter: the shared first half of every command that reads events."""
    from .query import filter_events

    table, vocab = _load(data)
    return filter_events(table, vocab, criteria), vocab


def _columns(requested: str | None, available: list[str]) -> list[str] | None:
    if not requested:
        return None
    columns = [c.strip() for c in requested.split(",") if c.strip()]
    unknown = [c for c in columns if c not in available]
    if unknown or not columns:
        raise UsageError(f'unknown column "{unknown[0] if unknown else requested}"; columns: {", ".join(available)}')
    return columns


def emit_rows(fmt: OutputFormat, columns: list[str], rows, explicit: bool) -> None:
    """Write rows of text cells to stdout in a machine format."""
    from .render import machine

    out = sys.stdout
    if fmt is OutputFormat.csv:
        machine.write_csv(columns, rows, out)
    elif fmt is OutputFormat.tsv:
        machine.write_tsv(columns, rows, out, header=explicit)
    elif fmt is OutputFormat.md:
        machine.write_markdown(columns, rows, out)
    elif fmt is OutputFormat.json:
        machine.write_json(columns, rows, out)
    elif fmt is OutputFormat.jsonl:
        machine.write_jsonl(columns, rows, out)
    out.flush()


def _resolve_format(fmt: OutputFormat | None) -> tuple[OutputFormat, bool]:
    if fmt is not None:
        return fmt, True
    return (OutputFormat.table if stdout_is_terminal() else OutputFormat.tsv), False


# --- commands ------------------------------------------------------------------------------------------

@app.command("list")
@handles_errors
def list_events(
    actor: ActorOpt = None,
    theme: ThemeOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    period: PeriodOpt = None,
    search: SearchOpt = None,
    source: SourceOpt = None,
    claim_type: ClaimOpt = None,
    data: DataOpt = None,
    fmt: FormatOpt = None,
    columns: Annotated[Optional[str], typer.Option(
        "--columns", "-c", metavar="A,B,...", help="Only these columns, in this order.")] = None,
    sort: Annotated[SortOrder, typer.Option("--sort", help="date (oldest first) or -date (newest first).")]
    = SortOrder.date,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=0, help="At most N events.")] = None,
) -> None:
    """List events, oldest first.

    Example: kaztimeline list --actor Russia --period 2025Q2 --format csv
    """
    from .query import sort_events

    criteria = _criteria(actor, theme, since, until, period, search, source, claim_type)
    fmt, explicit = _resolve_format(fmt)
    table, vocab = _select(data, criteria)
    chosen = _columns(columns, table.columns)
    table = sort_events(table, descending=sort is SortOrder.reverse)
    frame = table.frame if limit is None else table.frame.head(limit)
    if fmt is OutputFormat.table:
        from .render import terminal
        from .render.palette import theme_colours

        colours = theme_colours(list(vocab.themes))
        records = frame.to_dict("records")
        terminal.console().print(terminal.events_table(records, colours, chosen))
        if not records:
            terminal.console(stderr=True).print("No events match.", style="dim")
        return
    out_columns = chosen or table.columns
    emit_rows(fmt, out_columns, frame[out_columns].itertuples(index=False, name=None), explicit)


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("show")
@handles_errors
def show_event(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="The event's id (first column of `list`).")],
    data: DataOpt = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="text or json.")] = ShowFormat.text,
) -> None:
    """Show one event in full: every field, the quote, and its source.

    Example: kaztimeline show 2025-06-05-senate-passes-territorial-defence-law
    """
    from .query import find_event

    table, vocab = _load(data)
    record = table.frame.iloc[find_event(table, event_id)].to_dict()
    source = vocab.sources.get(record.get("source", ""))
    if fmt is ShowFormat.json:
        from .render.machine import json_record

        payload = json_record(list(record), list(record.values()))
        payload["source_details"] = source
        import json

        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif stdout_is_terminal():
        from .render import terminal
        from .render.palette import theme_colours

        terminal.console().print(terminal.event_detail(record, source, theme_colours(list(vocab.themes))))
    else:
        from .render.text import event_text

        sys.stdout.write(event_text(record, source))


def _vocabulary_command(kind: str, criteria, data, fmt) -> None:
    from .vocabulary import vocabulary_rows

    fmt, explicit = _resolve_format(fmt)
    table, vocab = _select(data, criteria)
    columns, rows = vocabulary_rows(kind, table, vocab)
    if fmt is OutputFormat.table:
        from .render import terminal

        terminal.console().print(terminal.records_table(columns, rows))
    else:
        emit_rows(fmt, columns, rows, explicit)


@app.command("actors")
@handles_errors
def list_actors(
    actor: ActorOpt = None, theme: ThemeOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    period: PeriodOpt = None, search: SearchOpt = None, source: SourceOpt = None, claim_type: ClaimOpt = None,
    data: DataOpt = None, fmt: FormatOpt = None,
) -> None:
    """Actors with kind, membership, aliases and how many events `list --actor NAME` gives.

    Example: kaztimeline actors --period 2022
    """
    _vocabulary_command("actors", _criteria(actor, theme, since, until, period, search, source, claim_type), data, fmt)


@app.command("themes")
@handles_errors
def list_themes(
    actor: ActorOpt = None, theme: ThemeOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    period: PeriodOpt = None, search: SearchOpt = None, source: SourceOpt = None, claim_type: ClaimOpt = None,
    data: DataOpt = None, fmt: FormatOpt = None,
) -> None:
    """Themes with their description and event count.

    Example: kaztimeline themes --actor Russia
    """
    _vocabulary_command("themes", _criteria(actor, theme, since, until, period, search, source, claim_type), data, fmt)


@app.command("sources")
@handles_errors
def list_sources(
    actor: ActorOpt = None, theme: ThemeOpt = None, since: SinceOpt = None, until: UntilOpt = None,
    period: PeriodOpt = None, search: SearchOpt = None, source: SourceOpt = None, claim_type: ClaimOpt = None,
    data: DataOpt = None, fmt: FormatOpt = None,
) -> None:
    """Source documents: title, author, date, kind, notes, and how many events cite each.

    Example: kaztimeline sources --format md
    """
    _vocabulary_command("sources", _criteria(actor, theme, since, until, period, search, source, claim_type), data, fmt)


def main() -> None:
    """Console-script entry point."""
    app()
