"""Tab completion of option values: actors, themes, sources, event ids, `stats --by` keys and column names.

Each function is a Typer `autocompletion` callback: it gets the context (so `--data` chooses the
vocabularies, as the command would) and the word being typed, and returns (value, help) pairs. Typer keeps
only values that start with the typed text, exactly; since kaztimeline reads names case- and accent-blind,
a name that matches otherwise is offered as typed so far, then as folded (`tokai` -> `tokaiev`, which
`--actor` reads as Tokaïev), and a theme or source is offered by its label or short name too (`war` ->
`war in Ukraine`). Completion runs at every TAB, so this module reads the small CSVs with the csv module
only: no pyarrow, pandas or Rich.
"""

from __future__ import annotations

import csv
import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import typer

from ..resources import bundled_root

Choices = list[tuple[str, str]]
_HELP_WIDTH = 60


def _plain(text: str) -> str:
    """Case and accents folded, one character for one (what `values.text.fold` also ignores)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))


def _as_typed(typed: str, value: str) -> str | None:
    """`value` as a completion of `typed`: itself if it starts with it, else typed-so-far plus the folded
    rest where it matches case- and accent-blind; None if it does not match."""
    if value.startswith(typed):
        return value
    if value[: len(typed)].casefold() == typed.casefold():
        return typed + value[len(typed):]
    folded, key = _plain(value), _plain(typed)
    if folded.startswith(key):
        return typed + folded[len(key):]
    return None


def _offer(typed: str, pairs: list[tuple[str, str]]) -> Choices:
    """Each (value, help) that completes `typed`, as it completes it, once each."""
    seen: dict[str, str] = {}
    for value, help in pairs:
        shown = _as_typed(typed, value) if value else None
        if shown is not None and shown not in seen:
            seen[shown] = help
    return _for_shell(list(seen.items()))


def _for_shell(choices: Choices) -> Choices:
    """Bash inserts a completion as it is, so a value with a space or quote needs its backslashes there;
    zsh and fish quote for themselves."""
    if "COMP_WORDS" not in os.environ:
        return choices
    special = " '\"()&;|<>$`\\"
    return [("".join("\\" + ch if ch in special else ch for ch in value), help) for value, help in choices]


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _HELP_WIDTH else text[: _HELP_WIDTH - 1] + "…"


def _data_path(ctx: typer.Context) -> str | None:
    data = ctx.params.get("data") or os.environ.get("KAZTIMELINE_DATA") or None
    return data


def _events_path(ctx: typer.Context) -> Path:
    data = _data_path(ctx)
    return Path(data) if data and data != "-" else bundled_root() / "data" / "events.csv"


def _vocabulary(ctx: typer.Context, kind: str) -> Iterator[dict[str, str]]:
    """Rows of `actors.csv`, `themes.csv` or `sources.csv` beside the events file, else the bundled one,
    as `files.vocabularies` chooses; nothing if the file cannot be read (completion never fails loudly)."""
    data = _data_path(ctx)
    beside = Path(data).resolve().parent / f"{kind}.csv" if data and data != "-" else None
    path = beside if beside is not None and beside.is_file() else bundled_root() / "data" / f"{kind}.csv"
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from csv.DictReader(handle)
    except (OSError, UnicodeDecodeError, csv.Error):
        return


def actors(ctx: typer.Context, incomplete: str) -> Choices:
    """Actor names, then their aliases (helped by the name they stand for)."""
    names: list[tuple[str, str]] = []
    aliases: list[tuple[str, str]] = []
    for row in _vocabulary(ctx, "actors"):
        name = row.get("name") or ""
        names.append((name, row.get("kind") or ""))
        aliases += [(alias.strip(), f"= {name}") for alias in (row.get("aliases") or "").split(";") if alias.strip()]
    return _offer(incomplete, names + aliases)


def themes(ctx: typer.Context, incomplete: str) -> Choices:
    """Theme ids with their label; where no id fits, the labels (`--theme` takes either)."""
    rows = [(row.get("id") or "", row.get("label") or "") for row in _vocabulary(ctx, "themes")]
    return _offer(incomplete, rows) or _offer(incomplete, [(label, f"= {theme_id}") for theme_id, label in rows])


def sources(ctx: typer.Context, incomplete: str) -> Choices:
    """Sources by short name (else file name); where none fits, by file name or author; titles as help."""
    pairs: list[tuple[str, str]] = []
    later: list[tuple[str, str]] = []
    for row in _vocabulary(ctx, "sources"):
        title = _short(row.get("title") or "")
        pairs.append((row.get("short") or row.get("source") or "", title))
        later += [(row.get("source") or "", title), (row.get("author") or "", title)]
    return _offer(incomplete, pairs) or _offer(incomplete, later)


def storylines(ctx: typer.Context, incomplete: str) -> Choices:
    """Storyline ids with their titles, for an option that selects a storyline."""
    return _offer(incomplete, [(row.get("id") or "", _short(row.get("title") or ""))
                               for row in _vocabulary(ctx, "storylines")])


def event_ids(ctx: typer.Context, incomplete: str) -> Choices:
    """Ids of the events file (`--data`, else the bundled data) that start as typed, with their titles."""
    found = []
    try:
        with _events_path(ctx).open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                event_id = row.get("id") or ""
                if event_id.startswith(incomplete):
                    found.append((event_id, _short(row.get("title") or "")))
    except (OSError, UnicodeDecodeError, csv.Error):
        return []
    return found


def _listed(incomplete: str, names: list[str], help: dict[str, str] | None = None) -> Choices:
    """Complete the last item of a comma-separated list (`year,th` offers `year,theme`)."""
    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    taken = {part.strip().lower() for part in done.split(",")}
    return [(prefix + last + name[len(last):], (help or {}).get(name, "")) for name in names
            if name.lower().startswith(last.lower()) and name.lower() not in taken]


def stats_keys(incomplete: str) -> Choices:
    from ..query.stats_keys import KEYS

    return _listed(incomplete, list(KEYS))


def event_columns(incomplete: str) -> Choices:
    from ..schema.model import DERIVED_EVENT_COLUMNS, EVENT_COLUMNS

    return _listed(incomplete, [*EVENT_COLUMNS, *DERIVED_EVENT_COLUMNS])
