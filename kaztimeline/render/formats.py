"""Every output format, declared once: its name, the commands that offer it, the file extensions that name
it for `export`, which options apply to it, and its writer.

The CLI builds each command's `--format` choices (help and completion) and `export`'s extension guessing
from `FORMATS`, so this module stays light: writers are named "module:function" (under `render/`) and
imported only when output is written.

How to add a format: one `Format` entry below and one writer. A rows writer takes
`(columns, rows, out)` plus `header=` when `headerless` and `excel=` when `excel_safe`; a document writer
(whole events with their vocabularies, like html) takes `(records, filters, vocab, out)`, plus `contexts=`
(each event's quotes in their paragraphs, by id) when `contexts`, and `aside=` (the last events, which a
window sets apart: `query.within`) when `aside`; a `binary` writer gets a binary stream;
a folder writer (`export` only, like datapackage) takes `(folder, table, vocab, data, filters)`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from .delimited import ArrowRows

ROWS = ("list", "export", "actors", "themes", "sources", "places")  # the commands that write rows of text cells


@dataclass(frozen=True)
class Format:
    name: str
    commands: tuple[str, ...]
    suffixes: tuple[str, ...] = ()  # file extensions that choose it for `export`
    writer: str = ""  # "module:function" under kaztimeline.render; "" for a view a command draws itself
    document: bool = False  # written from whole events and vocabularies, not from rows
    excel_safe: bool = False  # `--excel-safe` applies
    headerless: bool = False  # may be written without its header line (tsv in a pipe)
    contexts: bool = False  # a document that shows each quote in its paragraph: its writer takes `contexts=`
    binary: bool = False  # written to a binary stream (a workbook), not a text one
    folder: bool = False  # a folder of files (`export -o DIR/`), written whole or not at all
    aside: bool = False  # a document that shows a window's events by year: its writer takes `aside=`
    reads_when: bool = False  # a table people read: by default `when` ("early Jan 2022") replaces the raw dates

    def load_writer(self) -> Callable[..., Any]:
        module, _, function = self.writer.partition(":")
        return getattr(importlib.import_module(f"{__package__}.{module}"), function)


FORMATS: tuple[Format, ...] = (
    Format("table", ("list", "actors", "themes", "sources", "places", "stats", "coverage")),  # Rich views
    Format("text", ("show", "validate")),
    Format("tsv", (*ROWS, "coverage"), (".tsv",), "delimited:write_tsv", excel_safe=True, headerless=True),
    Format("csv", (*ROWS, "stats", "coverage"), (".csv",), "delimited:write_csv", excel_safe=True),
    Format("md", ROWS, (".md",), "machine:write_markdown", reads_when=True),
    Format("json", (*ROWS, "show", "stats", "validate", "coverage"), (".json",), "machine:write_json"),
    Format("jsonl", ROWS, (".jsonl",), "machine:write_jsonl"),
    Format("html", ("export",), (".html", ".htm"), "html:write_document", document=True,
           contexts=True, aside=True),
    Format("timelinejs", ("export",), (".timeline.json",), "timelinejs:write_document", document=True),
    # Points for GIS tools; `list` and `places` write it themselves (their columns, the gazetteer's rows).
    Format("geojson", ("list", "places", "export"), (".geojson",), "geojson:write_document", document=True),
    Format("xlsx", ("export",), (".xlsx",), "xlsx:write_xlsx", binary=True),
    Format("datapackage", ("export",), ("/", "\\"), "package:write_package", folder=True),  # a name ending in /
)
BY_NAME = {f.name: f for f in FORMATS}


def names_for(command: str) -> tuple[str, ...]:
    """The formats `command` offers, in registry order."""
    return tuple(f.name for f in FORMATS if command in f.commands)


def suffixes_for(command: str) -> tuple[str, ...]:
    return tuple(s for f in FORMATS if command in f.commands for s in f.suffixes)


def from_file_name(name: str, command: str = "export") -> Format | None:
    """The format a file name's extension names (case-insensitive; the longest extension wins)."""
    lowered = name.lower()
    found = [(s, f) for f in FORMATS if command in f.commands for s in f.suffixes if lowered.endswith(s)]
    return max(found, key=lambda pair: len(pair[0]))[1] if found else None


def write_rows(name: str, columns: Sequence[str], rows: Iterable[Sequence[str]] | ArrowRows, out: TextIO,
               header: bool = True, excel: bool = False) -> None:
    """Write rows of text cells in a rows format, by name."""
    fmt = BY_NAME[name]
    if not fmt.writer or fmt.document or fmt.folder:
        raise ValueError(f"not a rows format: {name}")
    options: dict[str, bool] = {}
    if fmt.headerless:
        options["header"] = header
    if fmt.excel_safe:
        options["excel"] = excel
    fmt.load_writer()(columns, rows, out, **options)
