"""GeoJSON output (`list --format geojson`, `export -o x.geojson`): valid RFC 7946, one Point per event and place,
[longitude, latitude] from the gazetteer, the event's fields as properties."""

from __future__ import annotations

import json

import geojson
import pytest
from conftest import ROOT, read_csv_text

from kaztimeline.schema.model import split_list

EVENTS = read_csv_text((ROOT / "data" / "events.csv").read_text(encoding="utf-8"))
PLACES = {p["name"]: p for p in read_csv_text((ROOT / "data" / "places.csv").read_text(encoding="utf-8"))}
# Known points, checked against the gazetteer by hand: (longitude, latitude).
KNOWN = {"Almaty": (76.9115, 43.2525), "Astana": (71.446, 51.1801), "Geneva": (6.1457, 46.2022),
         "Baikonur": (63.3167, 45.6167)}


def rfc7946_problems(document: dict) -> list[str]:
    """What the python `geojson` validator does not check of RFC 7946 for a collection of points."""
    problems = []
    if document.get("type") != "FeatureCollection" or not isinstance(document.get("features"), list):
        return ["not a FeatureCollection"]
    for i, feature in enumerate(document["features"]):
        if feature.get("type") != "Feature" or not isinstance(feature.get("properties"), dict | None):
            problems.append(f"feature {i}: not a Feature with properties")
        geometry = feature.get("geometry") or {}
        position = geometry.get("coordinates")
        if geometry.get("type") != "Point" or not (isinstance(position, list) and len(position) == 2):
            problems.append(f"feature {i}: not a Point of two numbers")
        elif not (-180 <= position[0] <= 180 and -90 <= position[1] <= 90):
            problems.append(f"feature {i}: {position} is not [longitude, latitude]")
    return problems


def check(text: str) -> dict:
    parsed = geojson.loads(text)
    assert parsed.is_valid, parsed.errors()
    document = json.loads(text)
    assert rfc7946_problems(document) == []
    return document


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    from typer.testing import CliRunner

    from kaztimeline.cli import app

    target = tmp_path_factory.mktemp("geo") / "events.geojson"
    result = CliRunner().invoke(app, ["export", "-o", str(target)], env={"KAZTIMELINE_DATA": ""})
    assert result.exit_code == 0, result.output
    return check(target.read_text(encoding="utf-8")), result.stderr


def test_one_point_per_event_and_place_with_a_point(exported):
    document, _ = exported
    expected = [(e["id"], name) for e in EVENTS for name in split_list(e["location"]) if PLACES[name]["latitude"]]
    got = [(f["properties"]["id"], f["properties"]["place"]) for f in document["features"]]
    assert sorted(got) == sorted(expected) and len(got) > 10


def test_coordinates_are_longitude_then_latitude(exported):
    document, _ = exported
    seen = {f["properties"]["place"]: tuple(f["geometry"]["coordinates"]) for f in document["features"]}
    for name, point in KNOWN.items():
        assert seen[name] == pytest.approx(point), name


def test_properties_are_the_events_fields_with_lists_as_arrays(exported):
    document, _ = exported
    feature = next(f for f in document["features"] if f["properties"]["place"] == "Novorossiysk")
    event = next(e for e in EVENTS if e["id"] == feature["properties"]["id"])
    properties = feature["properties"]
    assert properties["actors"] == split_list(event["actors"]) and properties["location"] == ["Novorossiysk",
                                                                                            "Black Sea"]
    assert properties["quote"] == event["quote"] and properties["place_country"] == "Russia"
    assert set(event) <= set(properties)


def test_left_out_events_are_counted_on_stderr(exported):
    document, stderr = exported
    without = sum(1 for e in EVENTS if not e["location"])
    placed = len({f["properties"]["id"] for f in document["features"]})
    assert f"geojson: {len(document['features'])} points for {placed} events; left out {len(EVENTS) - placed} " \
           f"events ({without} without a place" in stderr


def test_list_format_geojson_follows_filters_and_columns(invoke):
    result = invoke("list", "--place", "Kazakhstan", "--columns", "id,date", "--format", "geojson")
    assert result.exit_code == 0
    document = check(result.stdout)
    assert {f["properties"]["place"] for f in document["features"]} == {"Almaty", "Astana", "Baikonur"}
    assert all(set(f["properties"]) == {"id", "date", "place", "place_kind", "place_country"}
               for f in document["features"])


def test_no_match_is_an_empty_valid_collection(invoke):
    result = invoke("list", "--search", "no-such-word-anywhere", "--format", "geojson")
    assert check(result.stdout)["features"] == []


def test_places_as_geojson(invoke):
    document = check(invoke("places", "--format", "geojson").stdout)
    names = [f["properties"]["name"] for f in document["features"]]
    assert names == [n for n, p in PLACES.items() if p["latitude"]]
    almaty = document["features"][names.index("Almaty")]
    assert almaty["geometry"]["coordinates"] == list(KNOWN["Almaty"]) and almaty["properties"]["events"] == 2


def test_geojson_is_for_events_and_places_only(invoke):
    result = invoke("actors", "--format", "geojson")
    assert result.exit_code == 2 and "geojson applies to list, places and export" in result.stderr


def point_collection(coordinates) -> dict:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": coordinates}, "properties": {}}]}


def test_the_checks_catch_swapped_and_malformed_points():
    assert rfc7946_problems(point_collection([43.25, 176.91]))  # latitude first
    assert not geojson.loads(json.dumps(point_collection([76.91]))).is_valid
