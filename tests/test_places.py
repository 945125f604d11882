"""Places: `--place` on every command, the `places` listing, `validate`'s location rule, and the terminal naming
each place with its country."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import ROOT, make_event, read_csv_text, write_events

from kaztimeline.schema.model import split_list

EVENTS = read_csv_text((ROOT / "data" / "events.csv").read_text(encoding="utf-8"))
PLACES = read_csv_text((ROOT / "data" / "places.csv").read_text(encoding="utf-8"))


def ids_naming(*places: str) -> set[str]:
    return {e["id"] for e in EVENTS if set(split_list(e["location"])) & set(places)}


def listed(invoke, *args: str) -> set[str]:
    result = invoke("list", *args, "--format", "csv", "--columns", "id")
    assert result.exit_code == 0, result.stderr
    return {row["id"] for row in read_csv_text(result.stdout)}


@pytest.mark.parametrize("typed, places", [
    ("Kazakhstan", ("Kazakhstan", "Almaty", "Astana", "Baikonur")),
    ("Khatlon", ("Khatlon", "Kharb-Maidon")),
    ("Tajikistan", ("Tajikistan", "Khatlon", "Kharb-Maidon")),
    ("Russia", ("Russia", "Moscow", "Saint Petersburg", "Novorossiysk")),
    ("Almaty", ("Almaty",)),
])
def test_place_takes_in_the_places_inside_it(invoke, typed, places):
    expected = ids_naming(*places)
    assert expected and listed(invoke, "--place", typed) == expected


def test_kazakhstan_finds_almaty_astana_and_baikonur(invoke):
    found = listed(invoke, "--place", "Kazakhstan")
    by_id = {e["id"]: e for e in EVENTS}
    assert {"Almaty", "Astana", "Baikonur"} <= {p for i in found for p in split_list(by_id[i]["location"])}


@pytest.mark.parametrize("typed, canonical", [("alma-ata", "Almaty"), ("BAÏKONOUR", "Baikonur"),
                                              ("Nour-Soultan", "Astana"), ("mer noire", "Black Sea"),
                                              ("Leningrad", "Saint Petersburg")])
def test_aliases_and_accents_find_the_place(invoke, typed, canonical):
    assert listed(invoke, "--place", typed) == ids_naming(canonical)


def test_repeated_place_ors_and_other_filters_and(invoke):
    assert listed(invoke, "--place", "Geneva", "--place", "Samarkand") == ids_naming("Geneva", "Samarkand")
    assert listed(invoke, "--place", "Kazakhstan", "--since", "2022") == \
        {i for i in ids_naming("Kazakhstan", "Almaty", "Astana", "Baikonur") if i >= "2022"}


def test_unknown_place_is_a_usage_error_with_a_suggestion(invoke):
    result = invoke("list", "--place", "Moskou")
    assert result.exit_code == 2
    assert 'unknown place "Moskou"; did you mean Moscow?' in result.stderr


@pytest.mark.parametrize("command", [["list"], ["timeline"], ["stats"], ["actors"], ["themes"], ["sources"],
                                     ["places"], ["export", "-o", "-", "--format", "csv"]])
def test_every_filtering_command_takes_place(invoke, command):
    assert "--place" in invoke(*command[:1], "--help").stdout
    result = invoke(*command, "--place", "Baikonour")
    assert result.exit_code == 0, result.stderr
    assert invoke(*command, "--place", "Nowhere-at-all").exit_code == 2


def test_places_lists_each_place_with_the_count_list_gives(invoke):
    result = invoke("places", "--format", "csv")
    assert result.exit_code == 0
    rows = read_csv_text(result.stdout)
    assert [r["name"] for r in rows] == [p["name"] for p in PLACES]
    assert list(rows[0]) == ["name", "kind", "country", "region", "latitude", "longitude", "aliases", "events"]
    for row in rows:
        assert int(row["events"]) == len(listed(invoke, "--place", row["name"])), row["name"]
    almaty = next(r for r in rows if r["name"] == "Almaty")
    assert (almaty["kind"], almaty["country"], almaty["latitude"], almaty["longitude"]) == \
        ("city", "Kazakhstan", "43.2525", "76.9115")


@pytest.mark.parametrize("fmt", ["table", "tsv", "md", "json", "jsonl"])
def test_places_in_every_list_format(invoke, fmt):
    result = invoke("places", "--format", fmt)
    assert result.exit_code == 0 and "Kharb-Maidon" in result.stdout
    if fmt == "json":
        astana = next(p for p in json.loads(result.stdout) if p["name"] == "Astana")
        assert (astana["aliases"], astana["events"]) == ("Nur-Sultan;Nour-Soultan;Akmola;Aqmola;Tselinograd", "1")


def test_places_counts_follow_the_filters(invoke):
    rows = read_csv_text(invoke("places", "--since", "2025", "--format", "csv").stdout)
    baikonur = next(r for r in rows if r["name"] == "Baikonur")
    assert int(baikonur["events"]) == len({i for i in ids_naming("Baikonur") if i >= "2025"})


# --- validate -------------------------------------------------------------------------------------------------

def test_validate_suggests_the_canonical_name_for_an_alias_and_a_close_name(data_copy, invoke):
    rows = read_csv_text((data_copy / "events.csv").read_text(encoding="utf-8"))
    lines = {}
    for line, row in enumerate(rows, start=2):
        if row["location"] == "Almaty":
            row["location"] = "Alma-Ata"
            lines.setdefault("alias", line)
        elif row["location"] == "Astana":
            row["location"] = "Astanna"
            lines["close"] = line
    write_events(data_copy / "events.csv", rows)
    result = invoke("validate", str(data_copy / "events.csv"))
    assert result.exit_code == 1
    assert f'events.csv:{lines["alias"]}: location: "Alma-Ata" is a spelling of "Almaty"; use the canonical name' \
        in result.stdout
    assert f'events.csv:{lines["close"]}: location: "Astanna" is not in places.csv; did you mean Astana?' \
        in result.stdout


def test_own_data_without_a_gazetteer_gets_a_warning_not_an_error(tmp_path, invoke):
    path = write_events(tmp_path / "events.csv", [make_event(location="Paris")])
    result = invoke("validate", str(path))
    assert result.exit_code == 0
    assert 'location: warning: "Paris" is not in the bundled places.csv' in result.stdout
    assert invoke("validate", "--strict", str(path)).exit_code == 1


def test_own_gazetteer_beside_the_events_is_used(tmp_path, invoke):
    shutil.copy(ROOT / "data" / "places.csv", tmp_path / "places.csv")
    with (tmp_path / "places.csv").open("a", encoding="utf-8") as fh:
        fh.write("France,country,France,,46.6,2.5,,,,\nParis,city,France,,48.8534,2.3488,Lutèce,,,\n")
    path = write_events(tmp_path / "events.csv", [make_event(location="Paris")])
    assert invoke("validate", str(path)).exit_code == 0
    assert listed(invoke, "--data", str(path), "--place", "france") == {"2025-06-05-test-event"}
    assert invoke("timeline", "--data", str(path)).stdout.rstrip().endswith("@ Paris, France")
    (tmp_path / "places.csv").write_text("name,kind,country,region,latitude,longitude,aliases\n", encoding="utf-8")
    result = invoke("validate", str(path))
    assert result.exit_code == 1 and '"Paris" is not in places.csv' in result.stdout


# --- the terminal names the place with its country ----------------------------------------------------------

def test_timeline_names_places_with_their_country(invoke):
    out = invoke("timeline", "--place", "Russia").stdout
    assert "@ Novorossiysk, Russia; Black Sea" in out and "@ Moscow, Russia" in out
    assert "@ Almaty, Kazakhstan" in invoke("timeline", "--place", "Almaty").stdout
    # A site and its region, both listed, read as one place in its region.
    assert invoke("timeline", "--place", "Khatlon").stdout.rstrip().endswith("@ Kharb-Maidon, Khatlon, Tajikistan")


def test_show_names_the_place_with_its_country(invoke):
    event = next(e for e in EVENTS if e["location"] == "Almaty")
    text = invoke("show", event["id"]).stdout
    assert "where: Almaty, Kazakhstan\n" in text
    details = json.loads(invoke("show", event["id"], "--format", "json").stdout)["place_details"]
    assert details == [{"name": "Almaty", "kind": "city", "country": "Kazakhstan", "region": None,
                        "latitude": 43.2525, "longitude": 76.9115}]
