"""What the user asks for: the filters, each declared once with the command-line option that sets it.

Light on purpose (no pyarrow, no numpy): the CLI builds every command's filter options from `Criteria`
at start-up, and `--help` and tab completion must stay fast.

How to add a filter:
1. give `Criteria` a field made by `option(...)`: its flags, metavar and help. Every command that reads
   events (list, export, timeline, stats, actors, themes, sources, storylines, places) then offers it,
   and `describe` names it in the headers of exports;
2. in `filters.Selection`, check the value once in `__init__` (a `_resolve_...` method when it needs
   resolving; raise `UsageError`, or `NeedsTheFile` when only the events file can say whether a value is
   known), and add a narrowing method (the rows it keeps, or None when not asked for) to those `rows` applies.
Nothing else changes: the streaming load and the whole-table filter both go through `Selection`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from ..errors import UsageError
from ..schema import model
from ..values.dates import Window, parse_period, window_from_bounds


def option(*flags: str, help: str, metavar: str = "", many: bool = False, choices: tuple[str, ...] = (),
           complete: str = "", flag: bool = False):
    """A `Criteria` field and the command-line option that sets it (`many`: repeatable, values ORed;
    `complete`: the function of `cli/completion.py` that completes its values at a TAB;
    `flag`: an on/off switch taking no value, off by default)."""
    meta = {"flags": flags, "metavar": metavar, "help": help, "many": many, "choices": choices,
            "complete": complete, "flag": flag}
    return field(default=() if many else False if flag else None, metadata=meta)


@dataclass(frozen=True)
class Criteria:
    """What the user asked for. Values within one option are ORed; different options are ANDed."""

    actors: tuple[str, ...] = option(
        "--actor", "-a", metavar="NAME", many=True, complete="actors",
        help="Actor name or alias (Russia, Russie, Tokaïev, OTSC...); includes its members. Repeat to OR.")
    themes: tuple[str, ...] = option(
        "--theme", "-t", metavar="ID", many=True, complete="themes",
        help="Theme id, label or a unique prefix (ukraine, war, \"War in Ukraine\"; see `kaztimeline themes`). "
             "Repeat to OR.")
    since: str | None = option(
        "--since", metavar="DATE",
        help='Events overlapping this date or later: 2025, 2025-04, 2025-04-20, "5 June 2025", 05/06/2025 (day first).')
    until: str | None = option(
        "--until", metavar="DATE",
        help="Events overlapping this date or earlier; inclusive: --until 2025 takes all of 2025.")
    period: str | None = option(
        "--period", "-p", metavar="P",
        help='Any --since date ("June 2025", 2025-6), 2025Q2, 2025H1, 2025-2026 or A..B. Not with --since/--until.')
    search: str | None = option(
        "--search", "-q", metavar="TEXT",
        help="Every word must appear (case- and accent-insensitive) in title, summary, quote, location or actors.")
    sources: tuple[str, ...] = option(
        "--source", metavar="NAME", many=True, complete="sources",
        help="Source: short name, author, title word or file-name prefix (Zolkin, Sénat, 000; see `kaztimeline "
             "sources`). Repeat to OR.")
    claim_types: tuple[str, ...] = option(
        "--claim-type", metavar="TYPE", many=True, choices=model.CLAIM_TYPES,
        help="reported, statement or assessment. Repeat to OR.")
    storylines: tuple[str, ...] = option(
        "--storyline", metavar="ID", many=True, complete="storylines",
        help="Storyline id or title, or a unique prefix (see `kaztimeline storylines`). Repeat to OR. "
             "With one, list, timeline and export follow its story order.")
    places: tuple[str, ...] = option(
        "--place", metavar="NAME", many=True,
        help="Place or alias (Almaty, Alma-Ata, Baikonour...); a country or region includes the places in it. "
             "Repeat to OR.")
    corroborated: bool = option(
        "--corroborated", flag=True,
        help="Only events that two or more distinct sources tell (see citations.csv).")
    stated_dates: bool = option(
        "--stated-dates", flag=True,
        help="Only events whose date the source states (not inferred, not a publication date).")
    within: bool = option(
        "--within", flag=True,
        help="With --period, --since or --until: only events known to fall inside the window (their whole "
             "date span; not those dated only 2022 or 2021-2023 for --period 2022-01).")

    def window(self) -> Window:
        if self.period is not None and (self.since is not None or self.until is not None):
            raise UsageError("--period cannot be combined with --since or --until: use one or the other")
        if self.period is not None:
            return parse_period(self.period)
        if self.within and self.since is None and self.until is None:
            raise UsageError("--within keeps the events inside a window: give --period, --since or --until too")
        return window_from_bounds(self.since, self.until)

    def describe(self) -> list[tuple[str, str]]:
        """The filters in use, as (option, value) pairs, for headers of reports and exports."""
        pairs: list[tuple[str, str]] = []
        for spec in fields(self):
            name, value = spec.metadata["flags"][0].removeprefix("--"), getattr(self, spec.name)
            if spec.metadata["many"]:
                pairs += [(name, v) for v in value]
            elif value:
                pairs.append((name, "yes" if spec.metadata["flag"] else value))
        return pairs
