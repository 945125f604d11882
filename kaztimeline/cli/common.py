"""What every command shares: the Typer app, the filter and output options, error handling, output.

Heavy modules (pandas through `load`/`query`, Rich through `render.terminal`) are imported inside
functions, so `--help` and tab completion stay fast.
"""

from __future__ import annotations

import dataclasses
import errno
import functools
import inspect
import io
import os
import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import ExitStatus, KaztimelineError, UsageError
from . import completion
from .empty import KaztimelineTyper

app = KaztimelineTyper(
    name="kaztimeline",
    help="Kazakhstan's recent security and foreign-policy history on one timeline: filter, read, export.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def choices_enum(name: str, choices: Iterable[str]) -> Any:
    """An enum of `choices`, which Typer offers as the option's values (and completes at a TAB). Typed Any:
    the choices come from a registry at run time, so a type checker cannot know its members."""
    build: Any = StrEnum
    return build(name, [(choice, choice) for choice in choices])


def format_choices(command: str) -> Any:
    """The `--format` values `command` offers, read from the format registry (`render/formats.py`)."""
    from ..render.formats import names_for

    return choices_enum(f"{command.capitalize()}Format", names_for(command))


# Each command's `--format` choices. A type checker sees a format as the name it is (each member is a str).
if TYPE_CHECKING:
    OutputFormat = str
    ExportFormat = str
    StatsFormat = str
    ShowFormat = str
    ReportFormat = str
    CoverageFormat = str
else:
    OutputFormat = format_choices("list")  # list, actors, themes and sources offer the same formats
    ExportFormat = format_choices("export")
    StatsFormat = format_choices("stats")
    ShowFormat = format_choices("show")
    ReportFormat = format_choices("validate")
    CoverageFormat = format_choices("coverage")


class SortOrder(StrEnum):
    date = "date"
    reverse = "-date"


# --- options shared by every command that reads events -------------------------------------------------

DataOpt = Annotated[str | None, typer.Option(
    "--data", "-d", metavar="PATH", envvar="KAZTIMELINE_DATA", show_envvar=True,
    help="Events CSV to read instead of the bundled data; - reads standard input.")]
FormatOpt = Annotated[OutputFormat | None, typer.Option(
    "--format", "-f", case_sensitive=False,
    help="Output format. Default: table on a terminal, tsv (no header) in a pipe.")]
ColumnsOpt = Annotated[str | None, typer.Option(
    "--columns", "-c", metavar="A,B,...", autocompletion=completion.event_columns,
    help="Only these columns, in this order (any case); `when` is the date as read: \"early Jan 2022\".")]


def at_least_zero(value: int | None) -> int | None:
    """A count option's check, as a callback so `--help` shows N rather than Click's `[x>=0]` range."""
    if value is not None and value < 0:
        raise typer.BadParameter(f"{value} is negative; give 0 or more")
    return value


SortOpt = Annotated[SortOrder | None, typer.Option(
    "--sort", help="date (oldest first) or -date (newest first). Default: date, or story order with one --storyline.",
    show_default=False)]


def handles_errors(command):
    """Turn `KaztimelineError` into its message and exit status; end quietly when the reader goes away."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        if sys.stdout is None:  # started with standard output closed (`>&-`)
            sys.stdout = _ClosedOutput()
        try:
            result = command(*args, **kwargs)
            sys.stdout.flush()  # a full disk shows up here for output small enough to sit in the buffer
            return result
        except KaztimelineError as exc:
            for line in exc.lines():
                typer.echo(f"kaztimeline: {line}", err=True)
            raise typer.Exit(int(exc.exit_status)) from None
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(int(ExitStatus.SUCCESS)) from None
        except OSError as exc:
            # The core turns its own read errors into DataError, so what is left is writing the output
            # (`> /dev/full`, a full disk, a closed terminal).
            silence_stdout()
            typer.echo(cannot_write(exc), err=True)
            raise typer.Exit(int(ExitStatus.DATA_ERROR)) from None

    return wrapper


class _ClosedOutput(io.TextIOBase):
    """Stands in for a closed stdout: writing fails like a closed descriptor, so the command reports it."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


def cannot_write(exc: Exception) -> str:
    """The one-line message for output that could not be written."""
    return f"kaztimeline: cannot write the output: {getattr(exc, 'strerror', None) or exc}"


def silence_stdout() -> None:
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


def with_filters(command):
    """Offer every filter of `Criteria` as an option, where `command` has its `criteria` parameter, and
    call it with the `Criteria` they make. The options are read from `Criteria`'s fields, so a new filter
    is declared there alone (see `query/criteria.py`)."""
    from ..query.criteria import Criteria

    signature = inspect.signature(command, eval_str=True)
    at = list(signature.parameters).index("criteria")
    specs = _filter_options()
    options = [inspect.Parameter(spec.name, inspect.Parameter.KEYWORD_ONLY, default=spec.default,
                                 annotation=annotation)
               for spec, (_, annotation) in zip(dataclasses.fields(Criteria), specs)]
    params = list(signature.parameters.values())
    params = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in params[:at] + options + params[at + 1:]]

    @functools.wraps(command)
    def wrapper(**kwargs):
        values = {name: kwargs.pop(name) for name, _ in specs}
        many = {spec.name for spec in dataclasses.fields(Criteria) if spec.metadata["many"]}
        criteria = Criteria(**{
            name: tuple(getattr(v, "value", v) for v in value or ()) if name in many else value
            for name, value in values.items()})
        return command(**kwargs, criteria=criteria)

    wrapper.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined,unused-ignore]
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    return wrapper


@functools.cache
def _filter_options() -> list[tuple[str, object]]:
    """Each `Criteria` field's name and option annotation, built once and shared by every command (start-up
    time: nine commands take the same thirteen options)."""
    from ..query.criteria import Criteria

    return [(spec.name, _filter_option(spec.metadata)) for spec in dataclasses.fields(Criteria)]


def _filter_option(meta) -> object:
    """The annotation that makes one `Criteria` field a Typer option (a `flag` takes no value)."""
    if meta["flag"]:
        return Annotated[bool, typer.Option(*meta["flags"], help=meta["help"])]
    complete = getattr(completion, meta["complete"]) if meta.get("complete") else None
    option = typer.Option(*meta["flags"], metavar=meta["metavar"], help=meta["help"], autocompletion=complete)
    if not meta["choices"]:
        return Annotated[list[str] | None, option] if meta["many"] else Annotated[str | None, option]
    kind = choices_enum("Choice", meta["choices"])
    value = list.__class_getitem__(kind) if meta["many"] else kind
    return Annotated[value | None, option]


def single_story(criteria, vocab):
    """The storyline whose story order a listing follows: the one given, or None for none or several."""
    if len(criteria.storylines) != 1:
        return None
    from ..query.storylines import resolve

    return resolve(vocab.storylines, criteria.storylines[0])


def story_header(story):
    """What a renderer needs to head a thread: its title and summary, and each event's place in it."""
    from ..render.timeline import Thread

    return Thread(story.id, story.title, story.summary, {e: i for i, e in enumerate(story.events, start=1)})


def load(data: str | None):
    from ..files.load import load_events
    from ..files.vocabularies import load_vocabularies

    return load_events(data), load_vocabularies(data)


def select(data, criteria, by_date: bool = False, descending: bool = False):
    """Load, then filter (and with `by_date`, sort): the shared first half of every command that reads events."""
    from ..query.filters import sort_events

    table, vocab = load_matching(data, criteria)
    return (sort_events(table, descending) if by_date else table), vocab


def select_with_order(data, criteria, descending: bool = False):
    """Like `select(by_date=True)`, but the events stay in file order, with the positions to show in order."""
    from ..query.filters import sorted_rows

    table, vocab = load_matching(data, criteria)
    return table, sorted_rows(table, descending=descending), vocab


def window_first(criteria, table, order=None):
    """The positions `order` (default all, as they are) with the events known to fall inside the window first,
    then those that only overlap it, and the `Aside` naming those (None without a window or without any)."""
    import numpy as np

    from ..query.within import set_apart

    order = np.arange(len(table)) if order is None else order
    window = criteria.window()
    if window.start is None and window.end is None:
        return order, None
    return set_apart(table, window, order)


def load_matching(data, criteria):
    """The events matching `criteria`, in file order, and the vocabularies.

    A large file is filtered as it is read, when the criteria allow (`query.filters.row_filter`), so the events
    left out are never all in memory. Errors come as `load` gives them: the events file's own first.
    """
    from ..errors import DataError
    from ..files.load import load_events
    from ..files.vocabularies import load_vocabularies
    from ..query.filters import filter_events, row_filter

    try:
        vocab = load_vocabularies(data)
    except DataError:
        load_events(data)
        raise
    keep = row_filter(vocab, criteria)
    if keep is None:
        return filter_events(load_events(data), vocab, criteria), vocab
    return load_events(data, keep=keep), vocab


def choose_columns(requested: str | None, available: list[str]) -> list[str] | None:
    if not requested:
        return None
    by_name = {c.lower(): c for c in available}
    columns = [c.strip() for c in requested.split(",") if c.strip()]
    unknown = [c for c in columns if c.lower() not in by_name]
    if unknown or not columns:
        raise UsageError(f'unknown column "{unknown[0] if unknown else requested}"; columns: {", ".join(available)}')
    return [by_name[c.lower()] for c in columns]


def output_columns(requested: str | None, table, fmt: str, offered: list[str]):
    """The columns to write and the events holding them: the one place output columns are assembled.

    The columns asked for (any case, among `offered` and the derived ones, such as `when`), else the format's
    default: the Markdown table reads `when` where the raw date columns were; None means every column. A
    derived column asked for is added to the table here, before any writer sees it.
    """
    from ..query.derived import reading_columns, selectable, with_derived
    from ..render.formats import BY_NAME

    chosen = choose_columns(requested, selectable(offered))
    if chosen is None and BY_NAME[fmt].reads_when:
        chosen = reading_columns(table.columns)
    if chosen:
        table = dataclasses.replace(table, data=with_derived(table.data, chosen))
    return table, chosen


ExcelSafeOpt = Annotated[bool, typer.Option(
    "--excel-safe",
    help="csv/tsv: prefix ' to cells starting with = + - @, tab or CR, so spreadsheets do not run them.")]


def check_excel_safe(excel_safe: bool, fmt: str) -> None:
    from ..render.formats import FORMATS

    if excel_safe and not next(f for f in FORMATS if f.name == fmt).excel_safe:
        applies = " and ".join(sorted(f.name for f in FORMATS if f.excel_safe))
        raise UsageError(f"--excel-safe applies to {applies} only, not {fmt}")


def emit_rows(fmt: str, columns: list[str], rows, explicit: bool, excel: bool = False) -> None:
    """Write rows of text cells to stdout in a rows format."""
    from ..render.formats import write_rows

    write_rows(fmt, columns, rows, sys.stdout, header=explicit, excel=excel)
    sys.stdout.flush()


def resolve_format(fmt: str | None) -> tuple[str, bool]:
    """The format asked for (explicit), else a table on a terminal and headerless tsv in a pipe."""
    if fmt is not None:
        return fmt, True
    return OutputFormat("table" if stdout_is_terminal() else "tsv"), False




def emit_table(fmt: str, data, columns: list[str], further, explicit: bool, excel: bool = False,
               order=None) -> None:
    """Write an Arrow table's text columns to stdout, its rows in `order` (positions; default as they are),
    each event with its `further` citations where the format has room (`machine.write_events`)."""
    from ..render.machine import write_events

    write_events(fmt, columns, data, sys.stdout, further, header=explicit, excel=excel, order=order)
    sys.stdout.flush()


def _print_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"kaztimeline {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Kazakhstan's recent security and foreign-policy history on one timeline: filter, read, export."""
