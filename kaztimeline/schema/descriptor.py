"""The one rule engine for cells: the Table Schema constraints of `datapackage.json`, applied to a table.

The descriptor is the one statement of the format that third-party tools (Frictionless) check too, so the
columns, required cells, patterns, enumerations, lengths and unique keys are read from it (`model`), not
repeated here. Every table goes through `column_problems`: loading applies the constraints that would make
filtering or output wrong (`LOADING`), `validate` applies them all. Only string fields exist in
kaztimeline's tables; every cell is text, and a blank cell is a missing value.

A cell gets one message: the first constraint it breaks, in the order required, pattern, enum, maxLength,
minLength; then a non-empty value that broke none is checked for being used on an earlier line. A table's
own rules (a date's grammar, an unknown event id) word some cells more precisely than a pattern can: the
caller hands their problems in as `found`, and a cell among their errors gets no generic message.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..values.arrowtext import blank_cells, has_repeats, numpy_values, text_array
from .model import OPTIONAL_COLUMNS, CsvCells, Field, bundled_descriptor, resource_fields
from .problems import Problem

__all__ = ["ALL", "LOADING", "Field", "bundled_descriptor", "column_problems", "constraint_problems",
           "header_problems", "resource_fields"]

KINDS = ("required", "pattern", "enum", "maxLength", "minLength", "unique")  # a cell's first broken one speaks
ALL = frozenset(KINDS)
LOADING = frozenset({"required", "enum", "unique"})  # what loading refuses: filtering and output rely on them


def header_problems(table: CsvCells, fields: tuple[Field, ...], header_line: int = 1,
                    optional: tuple[str, ...] = ()) -> list[Problem]:
    """Missing columns and columns out of schema order are errors; extra columns are kept, with a warning.

    An optional column (`model.OPTIONAL_COLUMNS`, or one of `optional`) may be missing; where present, it is
    checked like the others.
    """
    expected = [f.name for f in fields]
    problems = []
    missing = [c for c in expected if c not in table.header and c not in OPTIONAL_COLUMNS and c not in optional]
    if missing:
        problems.append(Problem(table.name, header_line, "", f"missing column{'s' if len(missing) > 1 else ''}: "
                                f"{', '.join(missing)} (the schema's columns are {','.join(expected)})"))
    extra = [c for c in table.header if c not in expected]
    for column in extra:
        problems.append(Problem(table.name, header_line, column, "column not in the schema: kept, but not checked",
                                "warning"))
    present = [c for c in table.header if c in expected]
    if present != [c for c in expected if c in table.header]:
        problems.append(Problem(table.name, header_line, "",
                                f"columns out of order: the schema's order is {','.join(expected)}"))
    return problems


def constraint_problems(table: CsvCells, fields: tuple[Field, ...], found: Iterable[Problem] = (),
                        kinds: Collection[str] = ALL) -> list[Problem]:
    """`column_problems` for a table parsed into rows (the vocabularies, citations, storylines, a new row),
    field by field, each in line order."""
    columns = [c for c in table.header if any(f.name == c for f in fields)]
    data = pa.table([text_array([row[table.header.index(c)] for row in table.rows]) for c in columns],
                    names=columns)
    problems = column_problems(table.name, data, np.asarray(table.lines, dtype=np.int64), fields, kinds, found)
    order = {f.name: i for i, f in enumerate(fields)}
    return sorted(problems, key=lambda p: (order[p.column], p.line or 0))


def column_problems(name: str, data: pa.Table, lines: np.ndarray, fields: tuple[Field, ...],
                    kinds: Collection[str] = ALL, found: Iterable[Problem] = ()) -> list[Problem]:
    """Every cell breaking one of the `kinds` of constraint, kind by kind (in `KINDS` order), then field by
    field, in line order. Cells where `found` holds an error are left to it; absent columns are not checked."""
    decided = {(p.line, p.column) for p in found if p.is_error}
    by_kind: dict[str, list[Problem]] = {kind: [] for kind in KINDS}
    for field in fields:
        if field.name in data.column_names:
            for kind, problems in _field_problems(name, field, data[field.name], lines, kinds, decided).items():
                by_kind[kind] += problems
    return [problem for kind in KINDS for problem in by_kind[kind]]


def _field_problems(name: str, field: Field, column: pa.ChunkedArray, lines: np.ndarray,
                    kinds: Collection[str], decided: set[tuple[int | None, str]]) -> dict[str, list[Problem]]:
    """One field's problems by kind of constraint broken; a cell breaks one at most."""
    said = np.zeros(len(column), dtype=bool)  # cells with a message (a blank required one always has one)
    messages: dict[int, tuple[str, str]] = {}  # row -> (kind, message)
    if field.constraints.get("required"):
        said = blank_cells(column)
        if "required" in kinds:
            messages.update(dict.fromkeys(np.flatnonzero(said).tolist(), ("required", "required value is empty")))
    checked = [k for k in KINDS[1:-1] if k in kinds and k in field.constraints]
    if checked:
        bad = {row: verdict for row, verdict in _value_messages(field, column, checked).items() if not said[row]}
        said[list(bad)] = True
        messages.update(bad)
    if decided:
        for row in [row for row in messages if (int(lines[row]), field.name) in decided]:
            del messages[row]
        said |= np.array([(line, field.name) in decided for line in lines.tolist()], dtype=bool)
    problems: dict[str, list[Problem]] = {}
    for row in sorted(messages):
        kind, message = messages[row]
        problems.setdefault(kind, []).append(Problem(name, int(lines[row]), field.name, message))
    if "unique" in kinds and field.constraints.get("unique"):
        problems["unique"] = unique_problems(name, field.name, column, lines, said)
    return problems


def _value_messages(field: Field, column: pa.ChunkedArray, checked: list[str]) -> dict[int, tuple[str, str]]:
    """Row -> (kind, message) for the non-empty cells breaking a pattern, enum or length: each value once."""
    encoded = pc.dictionary_encode(column.combine_chunks() if column.num_chunks != 1 else column.chunk(0))
    pattern = re.compile(field.constraints["pattern"]) if "pattern" in checked else None
    verdicts = [_cell_message(value, field, checked, pattern) for value in encoded.dictionary.to_pylist()]
    wrong = np.array([v is not None for v in verdicts] + [False], dtype=bool)
    codes = numpy_values(encoded.indices)
    rows = np.flatnonzero(wrong[codes])
    return {row: verdicts[code] for row, code in zip(rows.tolist(), codes[rows].tolist())}


def _cell_message(value: str, field: Field, checked: list[str], pattern: re.Pattern[str] | None
                  ) -> tuple[str, str] | None:
    constraints = field.constraints
    if value == "":
        return None
    if pattern is not None and not pattern.fullmatch(value):
        described = f" ({field.description.rstrip('.')})" if field.description else ""
        return "pattern", f'"{value}" does not match the pattern {pattern.pattern}{described}'
    if "enum" in checked and value not in constraints["enum"]:
        return "enum", f'"{value}" is not one of {", ".join(constraints["enum"])}'
    if "maxLength" in checked and len(value) > constraints["maxLength"]:
        return "maxLength", f"{len(value)} characters, more than the {constraints['maxLength']} allowed"
    if "minLength" in checked and len(value) < constraints["minLength"]:
        return "minLength", f"{len(value)} characters, fewer than the {constraints['minLength']} required"
    return None


def unique_problems(name: str, column_name: str, column: pa.ChunkedArray, lines: np.ndarray,
                    said: np.ndarray) -> list[Problem]:
    """Each non-empty value used on an earlier line, naming the first line that used it; cells already
    `said` wrong are not counted. Arrow decides first whether any value repeats at all."""
    if not has_repeats(column):
        return []
    first_line: dict[str, int] = {}
    problems = []
    for line, value, wrong in zip(lines.tolist(), column.to_pylist(), said.tolist()):
        if not value or wrong:
            continue
        if value in first_line:
            problems.append(Problem(name, line, column_name, f'"{value}" is already used on line {first_line[value]}'))
        else:
            first_line[value] = line
    return problems
