"""The selected events as a Frictionless data package: `datapackage.json` and one CSV per table, lossless.

Every table travels: the events (all their columns, in date order), their further citations, the storylines
and their events when the data has them, and the vocabularies (actors, themes, sources, places). Tables
about events keep only the rows of the selected events (a storyline stays while one of its events does);
vocabularies are copied whole, so every name an event uses still resolves. The descriptor is the bundled
one, its paths pointed at the new files and any extra event column declared, so `frictionless validate`
passes and `kaztimeline --data out/events.csv` reads the package back.
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..files.load import STDIN, EventTable, default_events_path
from ..files.vocabularies import Vocabularies
from ..resources import bundled_root
from ..schema import model
from ..schema.descriptor import bundled_descriptor
from .delimited import write_csv

WHOLE = ("actors", "themes", "sources", "places")  # vocabularies: copied as they are


def write_package(folder: Path, table: EventTable, vocab: Vocabularies, data: str | None,
                  filters: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Write the package into the (empty) `folder`; the rows written per table."""
    package = json.loads(bundled_descriptor().read_text(encoding="utf-8"))
    if vocab.citations and not any(r["name"] == "citations" for r in package.get("resources", [])):
        package["resources"].append(_citations_resource())
    ids = set(table.column("id").to_pylist())
    tables: dict[str, tuple[list[str], list[list[str]]]] = {
        "events": (table.columns, [list(row) for row in zip(*(table.column(c).to_pylist() for c in table.columns))]),
    }
    cited = [[event_id, c.source, c.quote, c.relation, c.note]
             for event_id, citations in vocab.citations.items() if event_id in ids for c in citations]
    if vocab.citations:
        tables["citations"] = (list(model.CITATION_COLUMNS), cited)
    copies = _source_files(package, vocab, data)
    for name, path in copies.items():
        if name not in WHOLE:
            tables[name] = _read(path)
    _restrict(package, tables, ids)
    written: dict[str, int] = {}
    for name, (columns, rows) in tables.items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as out:
            write_csv(columns, rows, out)
        written[name] = len(rows)
    for name, path in copies.items():
        if name in WHOLE:
            shutil.copyfile(path, folder / f"{name}.csv")
            written[name] = len(_read(path)[1])
    descriptor = _descriptor(package, written, table.columns, filters)
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                                             encoding="utf-8")
    return written


def _citations_resource() -> dict[str, Any]:
    """A citations table for a descriptor that does not describe one: its columns, keys and relation enum."""
    fields: list[dict[str, Any]] = [{"name": c, "type": "string"} for c in model.CITATION_COLUMNS]
    for field in fields:
        if field["name"] in model.REQUIRED_CITATION_COLUMNS:
            field["constraints"] = {"required": True}
    fields[3]["constraints"]["enum"] = list(model.CITATION_RELATIONS)
    keys = [{"fields": ["event_id"], "reference": {"resource": "events", "fields": ["id"]}},
            {"fields": ["source"], "reference": {"resource": "sources", "fields": ["source"]}}]
    return {"name": "citations", "path": "citations.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": fields, "missingValues": [""], "foreignKeys": keys}}


def _source_files(package: Mapping[str, Any], vocab: Vocabularies, data: str | None) -> dict[str, Path]:
    """Each resource other than events and citations, from beside the events file (the vocabularies from
    wherever they were read)."""
    folder = None if data == STDIN else Path(data or default_events_path()).resolve().parent
    found: dict[str, Path] = {}
    for resource in package.get("resources", []):
        name = resource["name"]
        if name in ("events", "citations"):
            continue
        if name in vocab.files:
            found[name] = Path(vocab.files[name])
            continue
        path = folder / Path(resource["path"]).name if folder else None
        if path is not None and path.is_file():
            found[name] = path
        elif name == "places" and data is None:
            bundled = bundled_root() / resource["path"]
            if bundled.is_file():
                found[name] = bundled
    return found


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.reader(handle) if row]
    return (rows[0], rows[1:]) if rows else ([], [])


def _restrict(package: Mapping[str, Any], tables: dict[str, tuple[list[str], list[list[str]]]], ids: set[str]) -> None:
    """Keep the rows of tables about events whose event is selected, then the rows of the tables they refer to
    (storylines) that some kept row still names. The descriptor's foreign keys say which column is which."""
    keys = {r["name"]: r.get("schema", {}).get("foreignKeys", []) for r in package.get("resources", [])}
    referenced: dict[str, set[str]] = {}
    for name, (columns, rows) in list(tables.items()):
        for key in keys.get(name, []):
            target, field = key["reference"]["resource"], key["fields"][0]
            if target == "events" and name != "events" and field in columns:
                at = columns.index(field)
                tables[name] = (columns, [row for row in rows if row[at] in ids])
    for name, (columns, rows) in tables.items():
        for key in keys.get(name, []):
            target, field = key["reference"]["resource"], key["fields"][0]
            if target not in ("events", *WHOLE) and field in columns:
                at = columns.index(field)
                referenced.setdefault(f"{target}:{key['reference']['fields'][0]}", set()).update(r[at] for r in rows)
    for reference, values in referenced.items():
        target, field = reference.split(":")
        if target in tables and field in tables[target][0]:
            columns, rows = tables[target]
            at = columns.index(field)
            tables[target] = (columns, [row for row in rows if row[at] in values])


def _descriptor(package: dict[str, Any], written: Mapping[str, int], event_columns: list[str],
                filters: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """The bundled descriptor for the files written: flat paths, unwritten tables and their keys dropped."""
    resources = []
    for resource in package.get("resources", []):
        if resource["name"] not in written:
            continue
        resource = dict(resource, path=f"{resource['name']}.csv")
        schema = dict(resource.get("schema", {}))
        keys = [k for k in schema.get("foreignKeys", []) if k["reference"]["resource"] in written]
        schema["foreignKeys"] = keys
        if not keys:
            schema.pop("foreignKeys")
        if resource["name"] == "events":
            known = {f["name"] for f in schema.get("fields", [])}
            schema["fields"] = [*schema.get("fields", []),
                                *({"name": c, "type": "string"} for c in event_columns if c not in known)]
        resource["schema"] = schema
        resources.append(resource)
    chosen = "; ".join(f"{option}: {value}" for option, value in filters) or "all events"
    return dict(package, resources=resources,
                description=f"{package.get('description', '')} Exported by kaztimeline ({chosen}).".strip())
