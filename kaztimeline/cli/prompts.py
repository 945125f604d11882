"""Ask a person at a terminal for the values `add` still needs, offering the vocabularies as choices.

Each answer is checked as it is typed (a date that parses, known actors and themes), so a typo is asked
again rather than rejected at the end; the full rules still run before anything is written.
"""

from __future__ import annotations

import textwrap

import typer

from ..errors import UsageError
from ..files.vocabularies import load_vocabularies
from ..schema.model import CLAIM_TYPES, LIST_SEPARATOR, TITLE_MAX_LENGTH, split_list
from ..values.dates import parse_bound
from ..values.text import fold


def ask_missing(cells: dict[str, str], missing: list[str], events_path: str) -> dict[str, str]:
    vocab = load_vocabularies(events_path)
    spellings: dict[str, str] = {}
    for actor in vocab.actors.values():
        for spelling in (actor.name, *actor.aliases):
            spellings.setdefault(fold(spelling), actor.name)
    answers = dict(cells)
    for column in missing:
        if column == "date":
            answers[column] = typer.prompt("date (YYYY, YYYY-MM, YYYY-MM-DD or e.g. 5 June 2025)", value_proc=_date)
        elif column == "title":
            answers[column] = typer.prompt(f"title (at most {TITLE_MAX_LENGTH} characters)", value_proc=_title)
        elif column == "actors":
            _offer("actors", list(vocab.actors))
            answers[column] = typer.prompt("actors (;-separated; aliases accepted)",
                                           value_proc=lambda text: _known(text, spellings, "actors"))
        elif column == "themes":
            _offer("themes", list(vocab.themes))
            known = {theme: theme for theme in vocab.themes}
            answers[column] = typer.prompt("themes (;-separated, 1-3, most relevant first)",
                                           value_proc=lambda text, known=known: _known(text, known, "themes"))
        elif column == "source":
            answers[column] = _choose_source(vocab)
        elif column == "claim_type":
            answers[column] = _choose("claim_type", list(CLAIM_TYPES))
        else:
            answers[column] = typer.prompt(column).strip()
    return answers


def _choose(column: str, choices: list[str]) -> str:
    """One of a short list, by value or by its number."""
    for number, choice in enumerate(choices, start=1):
        typer.echo(f"  {number}. {choice}")

    def pick(text: str) -> str:
        text = text.strip()
        if text.isdigit() and 1 <= int(text) <= len(choices):
            return choices[int(text) - 1]
        if text not in choices:
            raise typer.BadParameter(f"give one of 1-{len(choices)} or a name listed above")
        return text

    return typer.prompt(column, value_proc=pick)


def _choose_source(vocab) -> str:
    """A source by its number, file name, short name, author or a title word, each shown with its title."""
    from ..errors import UsageError
    from ..query.names import resolve, source_entries

    entries = source_entries(vocab)
    for number, entry in enumerate(entries, start=1):
        typer.echo(textwrap.shorten(f"  {number}. {entry.shown()}: {vocab.sources[entry.key].get('title', '')}",
                                    width=100, placeholder="…"))

    def pick(text: str) -> str:
        text = text.strip()
        if text.isdigit() and 1 <= int(text) <= len(entries):
            return entries[int(text) - 1].key
        try:
            return resolve(text, entries, "source", "sources")
        except UsageError as exc:
            raise typer.BadParameter(f"{exc.message}; or give one of 1-{len(entries)}") from None

    return typer.prompt("source", value_proc=pick)


def _offer(kind: str, names: list[str]) -> None:
    typer.echo(textwrap.fill(f"Known {kind}: " + ", ".join(names), width=100, subsequent_indent="  "))


def _date(text: str) -> str:
    """What the filters read (`5 June 2025`, `06/05/2025` day first), written back as the file's YYYY-MM-DD."""
    try:
        return str(parse_bound(text))
    except UsageError as exc:
        raise typer.BadParameter(str(exc)) from None


def _title(text: str) -> str:
    text = text.strip()
    if not text or len(text) > TITLE_MAX_LENGTH:
        raise typer.BadParameter(f"{len(text)} characters; give 1 to {TITLE_MAX_LENGTH}")
    return text


def _known(text: str, spellings: dict[str, str], kind: str) -> str:
    """Each item resolved to its canonical form (folded match), or the prompt is asked again."""
    items = split_list(text)
    if not items:
        raise typer.BadParameter(f"give at least one of the {kind} listed above")
    resolved = []
    for item in items:
        key = item if item in spellings else fold(item) if kind == "actors" else item
        if key not in spellings:
            raise typer.BadParameter(f'"{item}" is not one of the {kind} listed above')
        resolved.append(spellings[key])
    return LIST_SEPARATOR.join(dict.fromkeys(resolved))
