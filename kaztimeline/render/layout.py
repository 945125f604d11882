"""Tables that read at any width: ids, names and dates are never broken, lists wrap between items, long
text wraps between words, and when the columns cannot all fit, each row becomes a block (its keys on one
line, its text beneath) instead of columns squeezed until words break.

Rich alone squeezes every column in proportion when a table is too wide, which is what broke
`000_d97/0a0a86d` and `publish/ed`. So the widths are chosen here, from the content, and given to Rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.style import Style
from rich.table import Table
from rich.text import Text

# How a column's cells may break: a key (id, name, date) never; a list between its items; text between words.
# A date is a key that may put its basis on a second line ("2022-2026," / "inferred") in a narrow column.
KEY, NUMBER, LIST, TEXT, DATE = "key", "number", "list", "text", "date"
KEY_COLUMNS = {"id", "source", "end_date", "date_qualifier", "published", "kind", "language",
               "claim_type", "name", "events", "date_basis"}
LIST_COLUMNS = {"actors", "themes", "location", "aliases", "member_of"}
TEXT_MIN = 16  # narrowest useful width for a text column
LIST_ENOUGH = 44  # a list column wider than this takes room text could use


def kind_of(column: str) -> str:
    if column == "events":
        return NUMBER
    if column in ("date", "when"):  # `when` is the date as `date` shows it (query/derived.py)
        return DATE
    if column in KEY_COLUMNS:
        return KEY
    return LIST if column in LIST_COLUMNS else TEXT


class ItemList:
    """A list as `a, b, c`, wrapped between items to whatever width its column gets; an item is never
    split unless it is alone wider than the column."""

    def __init__(self, items: Sequence[Text], separator: str = ",") -> None:
        self.items = [item + Text(separator) if i < len(items) - 1 else item.copy() for i, item in enumerate(items)]

    @property
    def longest(self) -> int:
        return max((item.cell_len for item in self.items), default=0)

    @property
    def total(self) -> int:
        return sum(item.cell_len for item in self.items) + max(0, len(self.items) - 1)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(self.longest, options.max_width), min(self.total, options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lines: list[Text] = []
        for item in self.items:
            if lines and lines[-1].cell_len + 1 + item.cell_len <= width:
                lines[-1].append(" ")
                lines[-1].append_text(item)
            else:
                lines.append(item.copy())
        text = Text("\n").join(lines)
        text.overflow = "fold"
        yield text


class DateText:
    """A date as `Dec 2025, inferred`, or in a column too narrow for that, the date whole and its basis beneath
    (`Dec 2025` / `inferred`): the date itself is never broken."""

    def __init__(self, plain: str, style: str | Style = "") -> None:
        self.plain, self.style = plain, style
        date, comma, basis = plain.rpartition(", ")
        self.lines = [date, basis] if comma and date else [plain]

    @property
    def least(self) -> int:
        return max(len(line) for line in self.lines)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(min(self.least, options.max_width), min(len(self.plain), options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        fits = len(self.plain) <= options.max_width
        text = Text(self.plain if fits else "\n".join(self.lines), style=self.style)
        text.overflow = "fold"
        yield text


def items(values: Sequence[str], style: str = "") -> ItemList:
    return ItemList([Text(v, style=style) for v in values])


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def _longest_line(text: str) -> int:
    return max((len(line) for line in text.split("\n")), default=0)


@dataclass
class Cell:
    """One cell: what it shows, and the widths it needs (at least / at most) to show it unbroken."""

    renderable: Text | ItemList | DateText | Group
    least: int
    most: int


def cell(value: Text | ItemList, kind: str) -> Cell:
    if isinstance(value, ItemList):
        return Cell(value, value.longest, value.total)
    plain = value.plain
    if kind == DATE:
        date = DateText(plain, style=value.style)
        return Cell(date, date.least, len(plain))
    if kind in (KEY, NUMBER):
        return Cell(value, _longest_line(plain), _longest_line(plain))
    return Cell(value, min(_longest_word(plain), TEXT_MIN), _longest_line(plain))


def _shows(value) -> bool:
    return bool(value.total if isinstance(value, ItemList) else value.plain)


def table_width(widths: Sequence[int]) -> int:
    """Characters a SIMPLE_HEAD table takes: each column padded by one space a side, one space between."""
    return sum(widths) + 3 * len(widths) + 1


def column_widths(columns: Sequence[str], kinds: Sequence[str], rows: Sequence[Sequence[Cell]],
                  width: int) -> list[int] | None:
    """Widths that show every key whole and every text at least TEXT_MIN wide, or None if none fit."""
    least = [max([_longest_word(c)] + [row[i].least for row in rows]) for i, c in enumerate(columns)]
    most = [max([len(c)] + [row[i].most for row in rows]) for i, c in enumerate(columns)]
    for i, kind in enumerate(kinds):
        if kind in (KEY, NUMBER):
            least[i] = most[i]
        elif kind == TEXT:
            least[i] = min(max(least[i], TEXT_MIN), most[i])
        elif kind == LIST:  # a list wraps well at LIST_ENOUGH; spare room goes to text first
            most[i] = min(most[i], max(least[i], LIST_ENOUGH))
    if table_width(least) > width:
        return None
    for i, kind in enumerate(kinds):  # a date keeps its basis beside it whenever that still fits
        if kind == DATE and table_width(least) + most[i] - least[i] <= width:
            least[i] = most[i]
    widths = list(least)
    spare = width - table_width(widths)
    growing = [i for i in range(len(widths)) if most[i] > widths[i]]
    while spare > 0 and growing:  # share what is left, a character at a time, to the most cut-down column
        i = max(growing, key=lambda j: (most[j] - widths[j]) / most[j])
        widths[i] += 1
        spare -= 1
        if widths[i] >= most[i]:
            growing.remove(i)
    return widths


def fitted(columns: Sequence[str], rows: Sequence[Sequence[Text | ItemList | Cell]], width: int,
           kinds: Sequence[str] | None = None):
    """A table when its columns fit `width` unbroken, else one block per row (keys first, text beneath)."""
    kinds = list(kinds or [kind_of(c) for c in columns])
    cells = [[value if isinstance(value, Cell) else cell(value, kind) for value, kind in zip(row, kinds)]
             for row in rows]
    widths = column_widths(columns, kinds, cells, width)
    if widths is None:
        return blocks(columns, kinds, cells, width)
    table = Table(box=box.SIMPLE_HEAD)
    for column, kind, size in zip(columns, kinds, widths):
        table.add_column(column, width=size, no_wrap=kind in (KEY, NUMBER),
                         justify="right" if kind == NUMBER else "left", overflow="fold")
    for row in cells:
        table.add_row(*(c.renderable for c in row))
    return table


def blocks(columns: Sequence[str], kinds: Sequence[str], rows: Sequence[Sequence[Cell]], width: int) -> Group:
    """Each row as a block: its keys on one line (folded only if they cannot fit), then `column  text` lines."""
    parts: list = []
    others = [i for i, kind in enumerate(kinds) if kind not in (KEY, NUMBER, DATE)]
    label = max((len(columns[i]) for i in others), default=0)
    for number, row in enumerate(rows):
        keys = []
        for i, kind in enumerate(kinds):
            shown = row[i].renderable
            if kind in (KEY, NUMBER, DATE) and isinstance(shown, Text | DateText) and shown.plain:
                key = Text(f"{columns[i]} ", style="dim") if kind == NUMBER else Text()
                key.append_text(shown if isinstance(shown, Text) else Text(shown.plain, style=shown.style))
                keys.append(key + Text(" "))  # two spaces between keys; a key that does not fit goes below
        if keys:
            keys[0].stylize("bold")
        parts += [Text("")] if number else []
        parts.append(ItemList(keys, separator=""))
        fields = [(Text(columns[i], style="dim"), row[i]) for i in others if _shows(row[i].renderable)]
        if all(c.least <= width - label - 1 for _, c in fields):
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True, width=label)
            grid.add_column(overflow="fold")
            for name, value in fields:
                grid.add_row(name, value.renderable)
            parts.append(grid)
        else:  # too narrow for a label beside the text: each label on its own line, the text beneath
            for name, value in fields:
                parts += [name, value.renderable]
    return Group(*parts)
