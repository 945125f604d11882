"""Terminal views of coverage: the dated passages of sources with what became of each, and quotes in context."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

STATUS_STYLES = {"cited": "green", "excluded": "yellow", "left": "bold red"}
QUOTE_STYLE = "bold black on yellow"  # the quote inside its paragraph (`show --context`)


def passages_table(columns: Sequence[str], rows: Sequence[Sequence[str]], title: str) -> Table:
    """One source's passages: line, the date it reads, the expression, status (and who cites or which rule),
    and the sentence, which takes the width left."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, title=title, title_justify="left", title_style="bold")
    widths = {"line": 4, "date": 11, "expression": 18, "status": 22}
    for column in ("line", "date", "expression", "status", "passage"):
        table.add_column(column, overflow="fold", width=widths.get(column), ratio=1 if column == "passage" else None,
                         justify="right" if column == "line" else "left")
    at = {column: index for index, column in enumerate(columns)}
    for row in rows:
        cells = {column: row[at[column]] for column in columns}
        when = cells["date"] + (f"/ {cells['end_date']}" if cells["end_date"] else "")
        when += f" {cells['date_qualifier']}" if cells["date_qualifier"] else ""
        status = Text(cells["status"], style=STATUS_STYLES.get(cells["status"], ""))
        if cells["by"]:
            status.append(" " + cells["by"].replace(";", " "), style="dim")
        passage = Text(cells["passage"])
        passage.highlight_words([cells["expression"]], style="bold")
        table.add_row(cells["line"], when, cells["expression"], status, passage)
    return table


def summary_table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title="Per source", title_justify="left")
    for column in columns:
        table.add_column(column, justify="left" if column == "source" else "right")
    for row in rows:
        left = row[-1] != "0"
        table.add_row(*row[:-1], Text(row[-1], style="bold red" if left else "green"))
    return table


def context_view(item: Mapping[str, Any]) -> Group:
    """A quote's paragraph with the quote highlighted, under a heading with its source and lines."""
    first, last = item["first_line"], item["last_line"]
    lines = f"line {first}" if first == last else f"lines {first}-{last}"
    text = Text(item["paragraph"])
    for start, end in item["spans"]:
        text.stylize(QUOTE_STYLE, start, end)
    return Group(Text(f"context ({item['relation']}): {item['source']}, {lines}", style="bold"), text, Text(""))
