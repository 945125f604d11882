"""Ask a person at a terminal for the values `add` still needs, offering the vocabularies as choices.

Each answer is checked as it is typed (a date that parses, known actors and themes, with the closest
names suggested for a typo; a quote verbatim in the chosen source), so a mistake is asked again at once
and the answers already given are kept; the full rules still run before anything is written.
"""

from __future__ import annotations

import difflib
import shutil
from functools import partial

import typer

from ..curation.quotes import SeedTexts, collapsed_quote_problem
from ..curation.validate import context_for
from ..errors import UsageError
from ..files.vocabularies import load_vocabularies
from ..schema.model import CLAIM_TYPES, LIST_SEPARATOR, TITLE_MAX_LENGTH, split_list
from ..values.dates import parse_bound
from ..values.text import fold


def ask_missing(cells: dict[str, str], missing: list[str], events_path: str) -> dict[str, str]:
    vocab = load_vocabularies(events_path)
    spellings = vocab.actor_spellings
    answers = dict(cells)
    seeds = SeedTexts(context_for(events_path).seed_dirs)

    def verbatim(text: str) -> str:
        problem = _quote_problem(text, answers.get("source", ""), seeds)
        if problem:
            raise typer.BadParameter(problem + "; type it again, as in the source")
        return text.strip()

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
                                           value_proc=partial(_known, spellings=known, kind="themes"))
        elif column == "source":
            answers[column] = _choose_source(vocab)
        elif column == "quote":
            answers[column] = typer.prompt("quote (verbatim from the source; fragments joined by […])",
                                           value_proc=verbatim)
        elif column == "claim_type":
            answers[column] = _choose("claim_type", list(CLAIM_TYPES))
        else:
            answers[column] = typer.prompt(column).strip()
        if column == "source" and "quote" not in missing and answers.get("quote"):
            problem = _quote_problem(answers["quote"], answers[column], seeds)
            if problem:  # the --quote given is not in the source just chosen: ask for it now, not after
                typer.echo(f"--quote: {problem}")
                answers["quote"] = typer.prompt("quote (verbatim from the source)", value_proc=verbatim)
    return answers


def _quote_problem(quote: str, source: str, seeds: SeedTexts) -> str | None:
    """Why `quote` is not verbatim in `source`, or None (also when the source text is not at hand:
    validate then warns that it could not check it)."""
    text = seeds.get(source) if source else None
    if not quote.strip():
        return "give the quote"
    return collapsed_quote_problem(quote, text, source) if text is not None else None


def _width() -> int:
    return max(40, shutil.get_terminal_size((80, 24)).columns)


def _choose(column: str, choices: list[str], labels: list[str] | None = None) -> str:
    """One of a short list, by value or by its number; each line cut to the terminal's width."""
    width = _width()
    for number, label in enumerate(labels or choices, start=1):
        line = f"  {number}. {label}"
        typer.echo(line if len(line) <= width else line[: width - 1] + "…")

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
    width = shutil.get_terminal_size().columns
    for number, entry in enumerate(entries, start=1):
        record = vocab.sources[entry.key]
        line = f"  {number}. {entry.shown()}: «{record.get('title', '')}»"
        line += f", {record['author']}" if record.get("author") else ""
        typer.echo(line if len(line) <= width else line[: width - 1] + "…")  # one line each, cut to the terminal

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
    """`Known actors: a, b, c`, wrapped to the terminal between names, never inside one."""
    width = _width()
    lines = [f"Known {kind}:"]
    for index, name in enumerate(names):
        item = name + ("," if index < len(names) - 1 else "")
        if len(lines[-1]) + 1 + len(item) <= width or lines[-1].strip() in ("", f"Known {kind}:"):
            lines[-1] += " " + item
        else:
            lines.append("  " + item)
    typer.echo("\n".join(lines))


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
            close = difflib.get_close_matches(fold(item) if kind == "actors" else item, list(spellings), n=3,
                                              cutoff=0.6)
            names = list(dict.fromkeys(spellings[c] for c in close))
            hint = f"; did you mean {', '.join(names)}?" if names else ""
            raise typer.BadParameter(f'"{item}" is not one of the {kind} listed above{hint}')
        resolved.append(spellings[key])
    return LIST_SEPARATOR.join(dict.fromkeys(resolved))
