"""The curation commands: validate a file against every rule, add an event to it safely."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ..errors import KaztimelineError, UsageError
from . import common
from .common import app, handles_errors

ListOpt = list[str] | None


@app.command("validate")
@handles_errors
def validate(
    path: Annotated[str | None, typer.Argument(
        metavar="PATH", show_default=False,
        help="Events CSV to check (- for standard input). Default: $KAZTIMELINE_DATA, else the bundled data.")] = None,
    fmt: Annotated[common.ReportFormat, typer.Option(
        "--format", "-f", case_sensitive=False, help="text (one problem a line) or json.")]
    = common.ReportFormat("text"),
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too.")] = False,
) -> None:
    """Check an events file and its vocabularies against every curation rule; report every problem.

    Each problem is one line, `file:line: column: message` (warnings say `warning:`); a summary goes to
    standard error. Exit status 1 if there is an error (or, with --strict, a warning), else 0.
    The actors, themes and sources vocabularies beside the file are used when present, else the bundled ones;
    an exclusions.csv beside it is checked too: each row must point at a dated passage of a known source.

    Example: kaztimeline validate my-events.csv --format json
    """
    import json

    from ..coverage.report import exclusion_problems
    from ..curation.validate import shown_path, validate_events
    from ..files.load import default_events_path

    target = path or str(shown_path(default_events_path()))
    problems = validate_events(target)
    problems += exclusion_problems(target)  # exclusions.csv beside the file: each row must hit a dated passage
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
    date: Annotated[str | None, typer.Option(
        "--date", metavar="DATE", help='YYYY, YYYY-MM, YYYY-MM-DD, or as --since reads it ("5 June 2025").')] = None,
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
        "--source", metavar="NAME",
        help="Seed file name, or its short name, author or a unique prefix (see `kaztimeline sources`).")] = None,
    quote: Annotated[str | None, typer.Option(
        "--quote", metavar="TEXT", help="Verbatim passage of the source; fragments joined by […].")] = None,
    claim_type: Annotated[str | None, typer.Option(
        "--claim-type", metavar="TYPE", help="reported, statement or assessment.")] = None,
    from_passage: Annotated[str | None, typer.Option(
        "--from-passage", metavar="SOURCE:LINE",
        help="Pre-fill --source, --quote (the passage's sentence) and the dates from a dated passage that "
             "`kaztimeline coverage` lists; options given win.")] = None,
) -> None:
    """Add one event, checked by the same rules as validate, and print its id.

    The row is inserted at its place in date order; every other row keeps its bytes, and the file is
    replaced atomically, so it is never half-written. On a terminal, missing required values are asked
    for; in a script, a missing one is a usage error (exit 2). A failing rule or a used id writes
    nothing (exit 1).

    With --from-passage SOURCE:LINE, the source, the quote (the passage's sentence, verbatim) and the dates
    come from that dated passage; anything given as an option wins, and the row is checked as usual.

    Example: kaztimeline add --data my/events.csv --date 2025-06-05 --title "Senate passes the law"
    --summary "..." --actors Kazakhstan --themes defence-reform --source 000_d970a0a86d3a984d.txt
    --quote "..." --claim-type reported
    """
    from ..curation.add import add_event
    from ..files.load import default_events_path
    from ..values.dates import normalise_date

    given = {
        "id": id, "date": date, "end_date": end_date, "date_qualifier": date_qualifier, "title": title,
        "summary": summary, "actors": _joined(actors), "themes": _joined(themes), "location": _joined(location),
        "source": source, "quote": quote, "claim_type": claim_type,
    }
    target = data or default_events_path()
    if from_passage:
        given = _prefilled(given, from_passage, target)
    cells = {column: (value or "").strip() for column, value in given.items()}
    missing = [c for c in _REQUIRED if not cells[c]]
    if missing:
        if not interactive():
            flags = ", ".join("--" + c.replace("_", "-") for c in missing)
            raise UsageError(f"missing {flags}: give every required value as an option "
                                    "(add asks for them only on a terminal)")
        from .prompts import ask_missing

        cells = ask_missing(cells, missing, target)
    cells["actors"] = _canonical_actors(cells["actors"], target)
    cells["source"] = _source_file(cells["source"], target)
    for column in ("date", "end_date"):  # typed as the filters read them; the id is derived from the result
        cells[column] = normalise_date(cells[column]) if cells[column] else ""
    added = add_event(target, cells)
    for problem in added.warnings:
        typer.echo(f"kaztimeline: {problem}", err=True)
    if added.other_errors:
        typer.echo(f"kaztimeline: note: {target} has {added.other_errors} other errors; "
                   f"run kaztimeline validate {target}", err=True)
    typer.echo(added.id)


def _prefilled(cells: dict[str, str | None], reference: str, target: str) -> dict[str, str | None]:
    """The cells with source, quote and dates taken from the passage `reference` names, where not given."""
    from ..coverage.report import DataFolder, passage_at

    source, passage = passage_at(DataFolder.of(target), reference)
    found = {"source": source, "quote": passage.sentence, "date": passage.date, "end_date": passage.end_date,
             "date_qualifier": passage.qualifier}
    typer.echo(f'kaztimeline: from {source}:{passage.line}: "{passage.expression}" reads {passage.date or "?"}'
               f'{"/" + passage.end_date if passage.end_date else ""}'
               f'{" " + passage.qualifier if passage.qualifier else ""} ({passage.basis})', err=True)
    return {column: value if value else found.get(column, value) for column, value in cells.items()}


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


def _source_file(typed: str, target: str) -> str:
    """The file name a source is known by, from any name `--source` accepts (`000`, `Zolkin`, `Senate report`)."""
    from ..files.vocabularies import load_vocabularies
    from ..query.names import resolve, source_entries

    try:
        vocab = load_vocabularies(target)
    except KaztimelineError:
        return typed  # validate reports the broken vocabulary
    if typed in vocab.sources or not vocab.sources:
        return typed
    name = resolve(typed, source_entries(vocab), "source", "sources")
    typer.echo(f"kaztimeline: source: {typed} -> {name}", err=True)
    return name


def _canonical_actors(cell: str, target: str) -> str:
    """Aliases (Russie, Tokaïev) become the canonical names the file must hold; unknown names stay for validate."""
    from ..files.vocabularies import load_vocabularies
    from ..schema.model import LIST_SEPARATOR, split_list
    from ..values.text import fold

    try:
        vocab = load_vocabularies(target)
    except KaztimelineError:
        return cell  # validate reports the broken vocabulary
    names = []
    for item in split_list(cell):
        canonical = item if item in vocab.actors else vocab.actor_spellings.get(fold(item), item)
        if canonical != item:
            typer.echo(f"kaztimeline: actors: {item} -> {canonical}", err=True)
        if canonical not in names:
            names.append(canonical)
    return LIST_SEPARATOR.join(names)
