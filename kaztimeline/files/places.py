"""The gazetteer an events file is read with: places.csv beside it, else the bundled one.

Places resolve what a user types (a name or any alias, accent- and case-blind) to a canonical place, say which
places lie inside a country or region (`--place Kazakhstan` takes Almaty), and give each place its country and
coordinates for the terminal, the map and GeoJSON. Only structure is checked here; `validate` applies the rules.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..resources import bundled_root
from ..schema import model
from ..values.text import fold, spelling_index
from .load import CsvCells, read_table


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    country: str
    region: str
    latitude: float | None
    longitude: float | None
    aliases: tuple[str, ...]

    @property
    def point(self) -> tuple[float, float] | None:
        """(longitude, latitude), RFC 7946 order, where the gazetteer gives coordinates."""
        if self.latitude is None or self.longitude is None:
            return None
        return self.longitude, self.latitude


class Gazetteer:
    """Places by canonical name, in file order, with the spellings that lead to each."""

    def __init__(self, places: list[Place], path: str = "") -> None:
        self.places = {p.name: p for p in places}
        self.path = path
        self._lookup = spelling_index((place.name, place.aliases) for place in places)

    def __contains__(self, name: str) -> bool:
        return name in self.places

    def __len__(self) -> int:
        return len(self.places)

    def canonical(self, typed: str) -> str | None:
        """The place a spelling (name or alias, folded) stands for, or None."""
        return self._lookup.get(fold(typed))

    def resolve(self, typed: str, names_in_data: AbstractSet[str] = frozenset()) -> str:
        """A place name for what the user typed; unknown is a usage error with the closest spellings.

        A name the events use but the gazetteer lacks stays filterable by its exact (folded) spelling.
        """
        found = self.canonical(typed)
        if found is not None:
            return found
        for name in names_in_data:
            if fold(name) == fold(typed):
                return name
        spellings = dict(self._lookup) | {fold(n): n for n in names_in_data}
        close = difflib.get_close_matches(fold(typed), list(spellings), n=6, cutoff=0.6)
        names = list(dict.fromkeys(spellings[c] for c in close))[:3]  # each place once, by its canonical name
        hint = f"; did you mean {', '.join(names)}?" if names else ""
        raise UsageError(f'unknown place "{typed}"{hint} (`kaztimeline places` lists them)')

    def within(self, name: str) -> set[str]:
        """The place and every place lying in it: a country's regions, cities and sites; a region's sites."""
        found, todo = {name}, [name]
        while todo:
            outer = todo.pop()
            for place in self.places.values():
                if place.name not in found and outer in (place.country, place.region):
                    found.add(place.name)
                    todo.append(place.name)
        return found

    def spellings_of(self, names: set[str]) -> set[str]:
        """The folded names and aliases standing for any of `names`: a file may spell a place by an alias."""
        return {fold(n) for n in names} | {key for key, name in self._lookup.items() if name in names}

    def label(self, name: str) -> str:
        """How the terminal names a place: "Almaty, Kazakhstan", "Kharb-Maidon, Khatlon, Tajikistan"; a country or
        sea alone; unknown as written."""
        place = self.places.get(name)
        if place is None or not place.country or place.country == place.name:
            return name
        return ", ".join(p for p in (place.name, place.region, place.country) if p)

    def where(self, cell: str) -> str:
        """A `location` cell for reading: each place with its country, "Novorossiysk, Russia; Black Sea"."""
        names = model.split_list(cell)
        regions = {self.places[n].region for n in names if n in self.places}
        return "; ".join(self.label(name) for name in names if name not in regions)  # a region once, in its site

    def details(self, cell: str) -> list[dict[str, object]]:
        """The gazetteer rows of a `location` cell's places, for `show --format json`."""
        found: list[dict[str, object]] = []
        for name in model.split_list(cell):
            place = self.places.get(name)
            if place is not None:
                found.append({"name": place.name, "kind": place.kind, "country": place.country or None,
                              "region": place.region or None, "latitude": place.latitude,
                              "longitude": place.longitude})
        return found

    def map_point(self, name: str) -> tuple[str, tuple[float, float]] | None:
        """The place a map marks for `name` and its point: the place itself, else its region's point."""
        place = self.places.get(name)
        if place is None:
            return None
        if place.point is not None:
            return place.name, place.point
        region = self.places.get(place.region)
        if region is not None and region.point is not None:
            return region.name, region.point
        return None


def places_path(events_path: str | Path | None) -> Path:
    """places.csv beside the events file where it brings one, else the bundled gazetteer."""
    from .vocabularies import vocabulary_paths

    return vocabulary_paths(events_path)["places"]


def load_places(events_path: str | Path | None = None) -> Gazetteer:
    path = places_path(events_path)
    return gazetteer_from(read_table(path, model.PLACE_COLUMNS), str(path))


def gazetteer_from(table: CsvCells, path: str = "") -> Gazetteer:
    places = []
    for row in table.rows:
        cells = dict(zip(table.header, row))
        places.append(Place(
            name=cells.get("name", ""),
            kind=cells.get("kind", ""),
            country=cells.get("country", ""),
            region=cells.get("region", ""),
            latitude=_number(cells.get("latitude", "")),
            longitude=_number(cells.get("longitude", "")),
            aliases=tuple(model.split_list(cells.get("aliases", ""))),
        ))
    return Gazetteer(places, path)


def _number(cell: str) -> float | None:
    try:
        return float(cell) if cell.strip() else None
    except ValueError:  # `validate` reports it; the map and GeoJSON leave the place out
        return None


def load_outlines() -> dict:
    """The bundled country outlines (Natural Earth, GeoJSON) the HTML map draws."""
    return json.loads((bundled_root() / "data" / "outlines.geojson").read_text(encoding="utf-8"))
