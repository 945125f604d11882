"""The curation commands: validate a file against every rule, add an event to it safely."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..errors import KaztimelineError, UsageError
from . import common
from .common import app, handles_errors

ReportFormat = common.format_choices("validate")


ListOpt = list[str] | None


@app.command("validate")
@handles_errors
def validate(
    path: Annotated[str | None, typer.Argument(
        metavar="PATH", show_default=False,
        help="Events CSV to check (- for standard input). Default: $KAZTIMELINE_DATA, else the bundled data.")] = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="text (one problem a line) or json.")]
    = ReportFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
) -> None:
    """Check an events file and its vocabularies against every curation rule; report every problem.

    Each problem is one line, `file:line: column: message` (warnings say `warning:`); a summary goes to
    standard error. Exit status 1 if there is an error (or, with --strict, a warning), else 0.
    The actors, themes and sources vocabularies beside the file are used when present, else the bundled ones.

    Example: kaztimeline validate my-events.csv --format json
    """
    import json

    from ..curation.validate import shown_path, validate_events
    from ..files.load import default_events_path

    target = path or str(shown_path(default_events_path()))
    problems = validate_events(target)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    shown = "<stdin>" if target == "-" else target
    if fmt == "json":
        report = {"file": shown, "errors": errors, "warnings": warnings, "problems": [p.to_dict() for p in problems]}
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            typer.echo(str(problem))
    summary = f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {shown}"
    typer.echo(summary if problems else f"no problems in {shown}", err=True)
    if errors or (strict and warnings):
        raise typer.Exit(1)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@app.command("add")
@handles_errors
def add(
    data: Annotated[str | None, typer.Option(
        "--data", "-d", metavar="PATH", envvar="KAZTIMELINE_DATA", show_envvar=True,
        help="Events CSV to add to (created with a header if missing). Default: the bundled data.")] = None,
    id: Annotated[str | None, typer.Option("--id", metavar="ID", help="Default: <date>-<slug of the title>.")]
    = None,
    date: Annotated[str | None, typer.Option("--date", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    end_date: Annotated[str | None, typer.Option("--end-date", metavar="DATE", help="End of a span, same forms.")]
    = None,
    date_qualifier: Annotated[str | None, typer.Option(
        "--date-qualifier", metavar="WORD", help="early, mid, late, circa, before or after.")] = None,
    title: Annotated[str | None, typer.Option(
        "--title", metavar="TEXT", help="Neutral English headline, at most 90 characters.")] = None,
    summary: Annotated[str | None, typer.Option("--summary", metavar="TEXT", help="1-3 neutral English sentences.")]
    = None,
    actors: Annotated[ListOpt, typer.Option(
        "--actors", metavar="NAMES", help="Actor names (aliases accepted): repeat the option or separate with ;.")]
    = None,
    themes: Annotated[ListOpt, typer.Option("--themes", metavar="IDS", help="Theme ids: repeat or separate with ;.")]
    = None,
    location: Annotated[ListOpt, typer.Option(
        "--location", metavar="PLACES", help="Place names: repeat or separate with ;.")] = None,
    source: Annotated[str | None, typer.Option(
        "--source", metavar="FILE", help="Seed file name (see `kaztimeline sources`).")] = None,
    quote: Annotated[str | None, typer.Option(
        "--quote", metavar="TEXT", help="Verbatim passage of the source; fragments joined by […].")] = None,
    claim_type: Annotated[str | None, typer.Option(
        "--claim-type", metavar="TYPE", help="reported, statement or assessment.")] = None,
) -> None:
    """Add one event, checked by the same rules as validate, and print its id.

    The row is inserted at its place in date order; every other row keeps its bytes, and the file is
    replaced atomically, so it is never half-written. On a terminal, missing required values are asked
    for; in a script, a missing one is a usage error (exit 2). A failing rule or a used id writes
    nothing (exit 1).

    Example: kaztimeline add --data my/events.csv --date 2025-06-05 --title "Senate passes the law"
    --summary "..." --actors Kazakhstan --themes defence-reform --source 000_d970a0a86d3a984d.txt
    --quote "..." --claim-type reported
    """
    from ..curation.add import add_event
    from ..files.load import default_events_path

    cells = {
        "id": id, "date": date, "end_date": end_date, "date_qualifier": date_qualifier, "title": title,
        "summary": summary, "actors": _joined(actors), "themes": _joined(themes), "location": _joined(location),
        "source": source, "quote": quote, "claim_type": claim_type,
    }
    target = data or default_events_path()
    cells = {column: (value or "").strip() for column, value in cells.items()}
    missing = [c for c in _REQUIRED if not cells[c]]
    if missing:
        if not interactive():
            flags = ", ".join("--" + c.replace("_", "-") for c in missing)
            raise UsageError(f"missing {flags}: give every required value as an option "
                                    "(add asks for them only on a terminal)")
        from .prompts import ask_missing

        cells = ask_missing(cells, missing, target)
    cells["actors"] = _canonical_actors(cells["actors"], target)
    added = add_event(target, cells)
    for problem in added.warnings:
        typer.echo(f"kaztimeline: {problem}", err=True)
    if added.other_errors:
        typer.echo(f"kaztimeline: note: {target} has {added.other_errors} other errors; "
                   f"run kaztimeline validate {target}", err=True)
    typer.echo(added.id)


_REQUIRED = ("date", "title", "summary", "actors", "themes", "source", "quote", "claim_type")


def interactive() -> bool:
    """Prompts need a person: both standard input and standard output on a terminal."""
    try:
        stdin_tty = sys.stdin.isatty()
    except (AttributeError, ValueError):
        stdin_tty = False
    return stdin_tty and common.stdout_is_terminal()


def _joined(values: list[str] | None) -> str:
    """Repeated options and `;`-lists alike become one `;`-list cell."""
    from ..schema.model import LIST_SEPARATOR, split_list

    return LIST_SEPARATOR.join(item for value in values or () for item in split_list(value))


def _canonical_actors(cell: str, target: str) -> str:
    """Aliases (Russie, Tokaïev) become the canonical names the file must hold; unknown names stay for validate."""
    from ..files.vocabularies import load_vocabularies
    from ..schema.model import LIST_SEPARATOR, split_list
    from ..values.text import fold

    try:
        vocab = load_vocabularies(target)
    except KaztimelineError:
        return cell  # validate reports the broken vocabulary
    spellings: dict[str, str] = {}
    for actor in vocab.actors.values():
        for spelling in (actor.name, *actor.aliases):
            spellings.setdefault(fold(spelling), actor.name)
    names = []
    for item in split_list(cell):
        canonical = item if item in vocab.actors else spellings.get(fold(item), item)
        if canonical != item:
            typer.echo(f"kaztimeline: actors: {item} -> {canonical}", err=True)
        if canonical not in names:
            names.append(canonical)
    return LIST_SEPARATOR.join(names)
