"""The `stats` view: counts with horizontal bars, or a cross-tabulation, drawn by Rich.

On a terminal the bars are coloured (themes in their palette colour); in a pipe Rich writes the same
table as plain text, without escape codes, so it can be pasted into a report.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..query.stats import MULTI_VALUED, TIME_KEYS, Tally
from .palette import NEUTRAL

BAR_WIDTH = 40
_EIGHTHS = " ▏▎▍▌▋▊▉"
BAR_COLOUR = "#0072b2"


def bar(count: int, largest: int, width: int = BAR_WIDTH) -> str:
    """A bar of `count / largest * width` cells, drawn to an eighth of a cell; never empty for a non-zero count."""
    if largest <= 0 or count <= 0:
        return ""
    eighths = max(1, round(count * width * 8 / largest))
    whole, part = divmod(eighths, 8)
    return "█" * whole + (_EIGHTHS[part] if part else "")


def footnote(tally: Tally) -> str:
    """What the numbers mean: how many events, by which date, and where one event counts several times."""
    noun = "event" if tally.events == 1 else "events"
    sentences = [f"{tally.events} {noun}."]
    if any(k in TIME_KEYS for k in tally.keys):
        sentences.append("Events are counted by their start date.")
    if "month" in tally.keys or "quarter" in tally.keys:
        sentences.append("A label such as 2022-?? or 2022Q? holds the events dated only to that year.")
    for key in tally.multi_valued:
        sentence = f"An event with several {MULTI_VALUED[key]} counts once under each"
        if len(tally.keys) == 1:
            sentence += f", so the counts add up to {sum(tally.totals.values())}"
        sentences.append(sentence + ".")
    if "actor" in tally.keys:
        sentences.append("Actors count as written on each event; `kaztimeline actors` and `list --actor` also count "
                         "an actor's members (Putin, the Duma under Russia), so their counts can be higher.")
    return " ".join(sentences)


def _bar_colour(key: str, value: str, colours: Mapping[str, str]) -> str:
    return colours.get(value, NEUTRAL) if key == "theme" else BAR_COLOUR


def matrix_width(tally: Tally) -> int:
    """Characters a cross-tabulation needs with its headers unwrapped (3 per column for padding and rule)."""
    largest = len(str(max(tally.totals.values(), default=0)))
    first = max([len(tally.keys[0])] + [len(v) for v in tally.totals])
    return first + 2 + len("events") + 3 + sum(max(len(c), largest) + 3 for c in tally.columns)


def counts_view(tally: Tally, colours: Mapping[str, str], console_width: int = 80) -> Group:
    """One key: value, count and bar per line. Two keys: a matrix with row totals when it fits the
    terminal, else one group of bars per row value (csv and json always give the full cross-tabulation).

    Values (names, dates) are never broken: their column is as wide as the longest, and the bars take
    what is left; when two columns of values leave no room, the second key's values go under the first's.
    """
    if len(tally.keys) == 1:
        table = _bars(tally, colours, console_width)
    elif matrix_width(tally) <= console_width:
        table = _matrix(tally, colours)
    else:
        table = _grouped_bars(tally, colours, console_width)
    return Group(table, Text(footnote(tally), style="dim"))


def _label_width(values: list[str]) -> int:
    return max((len(v) for v in values), default=0)


def _bars(tally: Tally, colours: Mapping[str, str], console_width: int) -> Table:
    """One key: a line per value with its count and bar."""
    key = tally.keys[0]
    firsts = _label_width([key, *tally.totals])
    table = _bars_table([key], console_width)
    width = _bar_room(console_width, firsts, columns=3)
    table.columns[0].min_width = firsts
    largest = max(tally.totals.values(), default=0)
    for value, count in tally.totals.items():
        table.add_row(Text(value), Text(str(count)),
                      Text(bar(count, largest, width), style=_bar_colour(key, value, colours)))
    return table


def _matrix(tally: Tally, colours: Mapping[str, str]) -> Table:
    """Two keys that fit: rows by the first, a column per value of the second, and row totals."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(tally.keys[0], overflow="fold")
    table.add_column("events", justify="right")
    for column in tally.columns:
        style = colours.get(column, "") if tally.keys[1] == "theme" else ""
        table.add_column(Text(column, style=style), justify="right", no_wrap=True)
    for value, total in tally.totals.items():
        cells = [tally.cells.get((value, column), 0) for column in tally.columns]
        table.add_row(Text(value), Text(str(total)),
                      *(Text(str(n)) if n else Text("·", style="dim") for n in cells))
    return table


def _grouped_bars(tally: Tally, colours: Mapping[str, str], console_width: int) -> Table:
    """Two keys too wide for a matrix: per value of the first, its total, then a bar per value of the second,
    beside it when both label columns leave room for bars, else indented under it."""
    key, second = tally.keys[0], tally.keys[1]
    firsts = _label_width([key, *tally.totals])
    seconds = _label_width([*tally.keys[1:], *tally.columns])
    side_by_side = _bar_room(console_width, firsts + seconds, columns=4) >= 10
    table = _bars_table([key, second] if side_by_side else [f"{key} / {second}"], console_width)
    if side_by_side:
        table.columns[0].min_width, table.columns[1].min_width = firsts, seconds
        width = _bar_room(console_width, firsts + seconds, columns=4)
    else:
        table.columns[0].min_width = max(firsts, seconds + 2)
        width = _bar_room(console_width, max(firsts, seconds + 2), columns=3)
    largest = max(tally.cells.values(), default=0)
    for value, total in tally.totals.items():
        head = [Text(value, style="bold")] + ([Text("all", style="dim")] if side_by_side else [])
        table.add_row(*head, Text(str(total), style="bold"), Text(""))
        for column in _group_columns(tally, value):
            count = tally.cells[(value, column)]
            label = [Text(""), Text(column)] if side_by_side else [Text("  " + column)]
            table.add_row(*label, Text(str(count)),
                          Text(bar(count, largest, width), style=_bar_colour(second, column, colours)))
    return table


def _group_columns(tally: Tally, value: str) -> list[str]:
    """The second key's values counted under `value`: in time order, or largest first."""
    row = [c for c in tally.columns if tally.cells.get((value, c))]
    if tally.keys[1] not in TIME_KEYS:
        row.sort(key=lambda c: -tally.cells[(value, c)])
    return row


def _bars_table(labels: list[str], console_width: int) -> Table:
    """Label columns (never broken where they fit), the count, and the bar."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    for label in labels:
        table.add_column(label, no_wrap=True)
    table.add_column("events", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    return table


def _bar_room(console_width: int, labels: int, columns: int) -> int:
    """Cells left for a bar beside `labels` characters of labels and the count, in a table of `columns`."""
    overhead = 2 + (columns - 1) * 3  # the edges, and a divider and two paddings between columns
    return max(1, min(BAR_WIDTH, console_width - labels - len("events") - overhead))
