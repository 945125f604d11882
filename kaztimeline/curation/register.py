"""Bring a new source text in: copy it into the data's seeds/ and add its row to sources.csv, atomically.

The data folder is the events file's: its `sources.csv` gets the row (started from the bundled one when the
folder has none, so the bundled sources stay known) and `../seeds/` gets the text, as `validate` looks for it.
The row is checked by the schema's constraints before anything is written; if the row cannot be written,
the copied text is removed again, so a failure leaves both files as they were.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import DataError, UsageError
from ..files.atomic import atomic_text_writer
from ..files.load import STDIN, decode_text
from ..files.vocabularies import vocabulary_paths
from ..resources import bundled_seeds
from ..schema import model
from ..schema.descriptor import constraint_problems, resource_fields
from .add import _refuse_installed_copy


def register_source(events_path: str | Path, text_path: Path, row: dict[str, str]) -> tuple[Path, Path]:
    """Copy `text_path` beside the data and add its `sources.csv` row; return (seed copy, sources file)."""
    if str(events_path) == STDIN:
        raise UsageError("register writes beside a data file: give --data PATH, not standard input")
    events = Path(events_path)
    _refuse_installed_copy(events)
    name = text_path.name
    try:
        data = text_path.read_bytes()
    except OSError as exc:
        raise DataError(f"{text_path}: cannot read: {exc.strerror or exc}") from None
    text = decode_text(str(text_path), data)  # not UTF-8: DataError naming the line and column
    if not name.endswith(".txt") or "/" in name or name.startswith("."):
        raise UsageError(f"{name}: a source text's name must end with .txt (it becomes the events' source value)")

    sources = events.resolve().parent / "sources.csv"
    current, values = _new_row(sources, vocabulary_paths(events)["sources"], name, row)

    seeds = events.resolve().parent.parent / "seeds"
    seed = seeds / name
    if seed.exists() or (bundled_seeds() / name).exists():
        where = seed.parent if seed.exists() else bundled_seeds()
        raise DataError(f"{name}: a source text of that name is already in {where}; rename the file; nothing written")
    seeds.mkdir(parents=True, exist_ok=True)
    with atomic_text_writer(seed, newline="") as out:
        out.write(text)
    term = "\r\n" if "\r\n" in current else "\n"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=term).writerow(values)
    try:
        with atomic_text_writer(sources) as out:
            out.write(current + ("" if current.endswith(("\n", "\r")) else term) + buffer.getvalue())
    except BaseException:
        seed.unlink(missing_ok=True)
        raise
    return seed, sources


def _new_row(sources: Path, bundled: Path, name: str, row: dict[str, str]) -> tuple[str, list[str]]:
    """The current sources text (the one beside the events, else `bundled`) and the checked new row's cells."""
    start = sources if sources.is_file() else bundled
    current = decode_text(str(start), start.read_bytes()) if start.is_file() else ",".join(model.SOURCE_COLUMNS) + "\n"
    records = list(csv.reader(io.StringIO(current, newline="")))
    header = records[0] if records else []
    allowed = set(model.SOURCE_COLUMNS) | set(model.SOURCE_OPTIONAL_COLUMNS)
    if [c for c in header if c in model.SOURCE_COLUMNS] != list(model.SOURCE_COLUMNS) or not set(header) <= allowed:
        raise DataError(f"{start}:1: the header must be {','.join(model.SOURCE_COLUMNS)} (optionally with "
                        f"{','.join(model.SOURCE_OPTIONAL_COLUMNS)}); nothing written")
    if any(record[:1] == [name] for record in records[1:]):
        raise DataError(f"{start}: {name} is already a source; nothing written")
    values = [name if column == "source" else row.get(column, "") for column in header]
    table = model.CsvCells(f"{sources} (new row)", list(header), [values], [len(records) + 1])
    problems = constraint_problems(table, resource_fields("sources"))
    if problems:
        raise DataError(str(problems[0]), [str(p) for p in problems] + ["nothing written"])
    return current, values
