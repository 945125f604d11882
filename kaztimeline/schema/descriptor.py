"""The Table Schema constraints of `datapackage.json`, applied to a parsed CSV table.

The descriptor is the one statement of the format that third-party tools (Frictionless) check too, so the
columns, required cells, patterns, enumerations, lengths and unique keys are read from it, not repeated here.
Only string fields exist in kaztimeline's tables; every cell is text and `""` is the only missing value.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..resources import bundled_root
from .model import OPTIONAL_COLUMNS, Table
from .problems import Problem


@dataclass(frozen=True)
class Field:
    name: str
    description: str
    constraints: dict[str, Any]


def bundled_descriptor() -> Path:
    return bundled_root() / "datapackage.json"


@cache
def _resources(descriptor: Path) -> dict[str, tuple[Field, ...]]:
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    resources = {}
    for resource in package.get("resources", []):
        fields = resource.get("schema", {}).get("fields", [])
        resources[resource["name"]] = tuple(
            Field(f["name"], f.get("description", ""), f.get("constraints", {})) for f in fields
        )
    return resources


def resource_fields(name: str, descriptor: Path | None = None) -> tuple[Field, ...]:
    """The fields of one resource (`events`, `actors`, `themes`, `sources`), in schema order."""
    return _resources((descriptor or bundled_descriptor()).resolve())[name]


def header_problems(table: Table, fields: tuple[Field, ...], header_line: int = 1,
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


def constraint_problems(table: Table, fields: tuple[Field, ...], skip: set[tuple[int, str]]) -> list[Problem]:
    """Every cell breaking a field constraint, except cells in `skip` (already reported more precisely)."""
    problems = []
    for field in fields:
        if field.name not in table.header:
            continue
        index = table.header.index(field.name)
        constraints = field.constraints
        first_seen: dict[str, int] = {}
        pattern = re.compile(constraints["pattern"]) if "pattern" in constraints else None
        for line, row in zip(table.lines, table.rows):
            value = row[index]
            if (line, field.name) in skip:
                continue
            message = _cell_message(value, field, pattern)
            if message is None and value and constraints.get("unique"):
                if value in first_seen:
                    message = f'"{value}" is already used on line {first_seen[value]}'
                first_seen.setdefault(value, line)
            if message:
                problems.append(Problem(table.name, line, field.name, message))
    return problems


def _cell_message(value: str, field: Field, pattern: re.Pattern[str] | None) -> str | None:
    constraints = field.constraints
    if value == "":
        return "required value is empty" if constraints.get("required") else None
    if pattern is not None and not pattern.fullmatch(value):
        described = f" ({field.description.rstrip('.')})" if field.description else ""
        return f'"{value}" does not match the pattern {pattern.pattern}{described}'
    if "enum" in constraints and value not in constraints["enum"]:
        return f'"{value}" is not one of {", ".join(constraints["enum"])}'
    if "maxLength" in constraints and len(value) > constraints["maxLength"]:
        return f"{len(value)} characters, more than the {constraints['maxLength']} allowed"
    if "minLength" in constraints and len(value) < constraints["minLength"]:
        return f"{len(value)} characters, fewer than the {constraints['minLength']} required"
    return None
