"""The gazetteer (data/places.csv) covers every location the events name, and the country outlines cover it.

Each rule is a function returning problems, run on the bundled data (no problem expected) and on a copy with
one deliberate fault (that problem expected), so every check is shown able to fail.
"""

from __future__ import annotations

import copy
import csv
import json
from pathlib import Path

import pytest

from kaztimeline.resources import bundled_root
from kaztimeline.values.text import fold

DATA = bundled_root() / "data"
OUTLINES = DATA / "outlines.geojson"
MAX_OUTLINE_BYTES = 150_000
# A place may sit on a coast or a border that the 1:110m outline moves by some kilometres.
NEAR_OUTLINE_DEGREES = 0.5


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split(cell: str) -> list[str]:
    return [part for part in cell.split(";") if part]


def location_problems(events: list[dict[str, str]], places: list[dict[str, str]]) -> list[str]:
    """Every location is a canonical place name; an alias is reported with its canonical name."""
    names = {p["name"] for p in places}
    canonical = {fold(alias): p["name"] for p in places for alias in [p["name"], *split(p["aliases"])]}
    problems = []
    for event in events:
        for location in split(event["location"]):
            if location in names:
                continue
            if fold(location) in canonical:
                problems.append(f"{event['id']}: {location!r} is a spelling of {canonical[fold(location)]!r}")
            else:
                problems.append(f"{event['id']}: {location!r} is not in data/places.csv")
    return problems


def structure_problems(places: list[dict[str, str]]) -> list[str]:
    """Kinds, countries, regions, coordinates and their provenance hang together."""
    kind = {p["name"]: p["kind"] for p in places}
    problems = []
    for p in places:
        name = p["name"]
        if p["kind"] == "country":
            if p["country"] != name:
                problems.append(f"{name}: a country's country is itself, not {p['country']!r}")
        elif p["kind"] == "sea":
            if p["country"]:
                problems.append(f"{name}: a sea lies in no one country")
        elif kind.get(p["country"]) != "country":
            problems.append(f"{name}: its country {p['country']!r} is not a country row")
        if p["region"]:
            region = next((r for r in places if r["name"] == p["region"]), None)
            if region is None or region["kind"] != "region" or region["country"] != p["country"]:
                problems.append(f"{name}: its region {p['region']!r} is not a region row of {p['country']}")
        if bool(p["latitude"]) != bool(p["longitude"]):
            problems.append(f"{name}: latitude and longitude go together")
        if p["latitude"] and p["longitude"]:
            latitude, longitude = float(p["latitude"]), float(p["longitude"])
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                problems.append(f"{name}: coordinates out of range ({latitude}, {longitude})")
            if not p["source"]:
                problems.append(f"{name}: coordinates without a source")
        elif not p["latitude"] and not p["note"]:
            problems.append(f"{name}: no coordinates and no note saying why")
    return problems


def alias_problems(places: list[dict[str, str]]) -> list[str]:
    """Accent-blind, a name or alias belongs to one place only (and is not repeated within one)."""
    owner: dict[str, str] = {}
    problems = []
    for p in places:
        for spelling in [p["name"], *split(p["aliases"])]:
            key = fold(spelling)
            if key in owner:
                problems.append(f"{p['name']}: {spelling!r} repeats a name or alias of {owner[key]!r}")
            owner.setdefault(key, p["name"])
    return problems


def _inside(x: float, y: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _distance(x: float, y: float, ring: list[list[float]]) -> float:
    best = float("inf")
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        dx, dy = x2 - x1, y2 - y1
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
        best = min(best, ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5)
    return best


def polygons(feature: dict) -> list[list[list[list[float]]]]:
    geometry = feature["geometry"]
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def outline_problems(outlines: dict, places: list[dict[str, str]]) -> list[str]:
    """RFC 7946 shape of the outlines, a feature per country used, and each located place on its country."""
    problems = []
    if outlines.get("type") != "FeatureCollection" or not isinstance(outlines.get("features"), list):
        return ["outlines: not a GeoJSON FeatureCollection"]
    by_name = {}
    for number, feature in enumerate(outlines["features"]):
        name = feature.get("properties", {}).get("name")
        if feature.get("type") != "Feature" or feature.get("geometry", {}).get("type") not in ("Polygon",
                                                                                               "MultiPolygon"):
            problems.append(f"outlines: feature {number} ({name}) is not a Polygon or MultiPolygon Feature")
            continue
        by_name[name] = feature
        for polygon in polygons(feature):
            for ring in polygon:
                if len(ring) < 4 or ring[0] != ring[-1]:
                    problems.append(f"outlines: {name} has a ring that is not closed or has under 4 positions")
                if any(not (-180 <= x <= 180 and -90 <= y <= 90) for x, y in ring):
                    problems.append(f"outlines: {name} has a position out of range")
    for p in places:
        if not p["country"]:
            continue
        if p["country"] not in by_name:
            problems.append(f"outlines: no outline for {p['country']} (country of {p['name']})")
            continue
        if not p["latitude"]:
            continue
        x, y = float(p["longitude"]), float(p["latitude"])
        rings = [polygon[0] for polygon in polygons(by_name[p["country"]])]
        if not any(_inside(x, y, ring) for ring in rings) and min(_distance(x, y, r) for r in rings) > \
                NEAR_OUTLINE_DEGREES:
            problems.append(f"outlines: {p['name']} ({y}, {x}) is not on the outline of {p['country']}")
    return problems


@pytest.fixture(scope="module")
def events() -> list[dict[str, str]]:
    return read(DATA / "events.csv")


@pytest.fixture(scope="module")
def places() -> list[dict[str, str]]:
    return read(DATA / "places.csv")


@pytest.fixture(scope="module")
def outlines() -> dict:
    return json.loads(OUTLINES.read_text(encoding="utf-8"))


def test_every_event_location_is_a_place(events, places):
    assert location_problems(events, places) == []
    assert any(e["location"] for e in events)


def test_places_hang_together(places):
    assert structure_problems(places) == []
    assert {p["kind"] for p in places} >= {"city", "site", "region", "country"}


def test_aliases_belong_to_one_place(places):
    assert alias_problems(places) == []


def test_outlines_cover_every_country_used(outlines, places):
    assert outline_problems(outlines, places) == []


def test_outline_file_is_small_enough_to_ship():
    assert OUTLINES.stat().st_size < MAX_OUTLINE_BYTES


def test_known_coordinates(places):
    """GeoNames puts Almaty near 43.25 N 76.91 E and Geneva near 46.20 N 6.15 E (order not swapped)."""
    where = {p["name"]: (float(p["latitude"]), float(p["longitude"])) for p in places if p["latitude"]}
    assert where["Almaty"] == pytest.approx((43.25, 76.91), abs=0.01)
    assert where["Geneva"] == pytest.approx((46.20, 6.15), abs=0.01)


def _with(rows: list[dict[str, str]], name: str, **changes: str) -> list[dict[str, str]]:
    out = copy.deepcopy(rows)
    for row in out:
        if row["name"] == name:
            row.update(changes)
    return out


def test_an_unknown_or_alias_location_is_reported(events, places):
    broken = copy.deepcopy(events)
    with_place = [e for e in broken if e["location"]]
    with_place[0]["location"] = "Atlantis"
    with_place[1]["location"] = "Alma-Ata"
    problems = location_problems(broken, places)
    assert any("'Atlantis' is not in data/places.csv" in p for p in problems)
    assert any("'Alma-Ata' is a spelling of 'Almaty'" in p for p in problems)


@pytest.mark.parametrize("name, changes, expected", [
    ("Almaty", {"country": "Kazakstan"}, "is not a country row"),
    ("Almaty", {"country": "Astana"}, "is not a country row"),
    ("Russia", {"country": "Kazakhstan"}, "a country's country is itself"),
    ("Almaty", {"latitude": "93.25"}, "out of range"),
    ("Almaty", {"longitude": ""}, "go together"),
    ("Geneva", {"source": ""}, "without a source"),
    ("Kharb-Maidon", {"note": ""}, "no note"),
    ("Kharb-Maidon", {"region": "Astana"}, "is not a region row"),
])
def test_a_broken_place_is_reported(places, name, changes, expected):
    assert any(expected in p for p in structure_problems(_with(places, name, **changes)))


def test_a_shared_alias_is_reported(places):
    problems = alias_problems(_with(places, "Moscow", aliases="Moscou;Genève"))
    assert any("'Genève' repeats a name or alias of 'Geneva'" in p for p in problems)


def test_a_missing_outline_or_a_misplaced_place_is_reported(outlines, places):
    broken = copy.deepcopy(outlines)
    broken["features"] = [f for f in broken["features"] if f["properties"]["name"] != "Tajikistan"]
    assert any("no outline for Tajikistan" in p for p in outline_problems(broken, places))
    swapped = _with(places, "Almaty", latitude="76.9115", longitude="43.2525")
    assert any("Almaty" in p and "not on the outline of Kazakhstan" in p for p in outline_problems(outlines, swapped))
