"""GeoJSON (RFC 7946) for GIS tools: a FeatureCollection with one Point per event and place.

An event naming two places gives two features; coordinates are [longitude, latitude] from the gazetteer. An
event without a place, or whose places have no coordinates, has no point and is left out; the counts say how
many, for the command to report. Properties are the event's fields as `--format json` gives them (lists as
arrays, empty cells null), plus the place's name, kind and country.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO, cast

from ..files.places import Gazetteer
from ..schema.model import split_list
from .machine import json_record


@dataclass
class LeftOut:
    """What a GeoJSON export could not place: events without a place, and events whose places have no point."""

    features: int = 0
    events: int = 0
    no_place: int = 0
    no_point: int = 0

    def note(self) -> str:
        """One line for standard error."""
        line = f"geojson: {_count(self.features, 'point')} for {_count(self.events, 'event')}"
        if self.no_place or self.no_point:
            line += (f"; left out {_count(self.no_place + self.no_point, 'event')} ({self.no_place} without a place, "
                     f"{self.no_point} whose places have no coordinates)")
        return line


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def event_features(records: Iterable[Mapping[str, str]], columns: Sequence[str], places: Gazetteer,
                   counts: LeftOut) -> Iterable[dict]:
    """The features of each record (a dict of every column), with `columns` as properties."""
    for record in records:
        names = split_list(record.get("location", ""))
        if not names:
            counts.no_place += 1
            continue
        placed = False
        for name in names:
            place = places.places.get(name) or places.places.get(places.canonical(name) or "")
            if place is None or place.point is None:
                continue
            properties = json_record(columns, [record.get(c, "") for c in columns])
            properties.update(place=place.name, place_kind=place.kind, place_country=place.country or None)
            yield _feature(place.point, properties)
            counts.features += 1
            placed = True
        if placed:
            counts.events += 1
        else:
            counts.no_point += 1


def place_features(rows: Iterable[Sequence[str]], columns: Sequence[str], places: Gazetteer) -> Iterable[dict]:
    """`places --format geojson`: one feature per place with coordinates, its row as properties."""
    for row in rows:
        place = places.places.get(row[0])
        if place is None or place.point is None:
            continue
        properties = json_record(columns, row)
        properties["aliases"] = list(place.aliases)
        for key, kind in (("events", int), ("latitude", float), ("longitude", float)):
            if properties.get(key) is not None:
                properties[key] = kind(cast(Any, properties[key]))
        yield _feature(place.point, properties)


def _feature(point: tuple[float, float], properties: dict) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(point)}, "properties": properties}


def write_feature_collection(features: Iterable[dict], out: TextIO) -> None:
    """One feature per line inside the collection: valid JSON that still diffs well."""
    out.write('{"type": "FeatureCollection", "features": [')
    first = True
    for feature in features:
        out.write("\n  " if first else ",\n  ")
        out.write(json.dumps(feature, ensure_ascii=False))
        first = False
    out.write("]}\n" if first else "\n]}\n")


def write_events(records: Iterable[Mapping[str, str]], columns: Sequence[str], places: Gazetteer, out: TextIO) -> None:
    """The events as a FeatureCollection on `out`; what was left out is counted on standard error."""
    counts = LeftOut()
    write_feature_collection(event_features(records, columns, places, counts), out)
    sys.stderr.write(counts.note() + "\n")


def write_document(records: Sequence[Mapping[str, str]], filters: Sequence[tuple[str, str]], vocab: Any,
                   out: TextIO) -> None:
    """The `geojson` format's writer for `export`: every column as properties."""
    write_events(records, list(records[0]) if records else [], vocab.places, out)
