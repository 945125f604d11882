"""Build data/outlines.geojson: public-domain Natural Earth country outlines around the places in data/places.csv.

Run from the repository root:  python tools/build_outlines.py [--scale 110m] [--tolerance 0] [--pad 15]
(needs npm and network access to the npm registry; nothing else). It reads the TopoJSON of npm `world-atlas`
2.0.2 (Natural Earth admin-0 4.1.0), keeps every country whose bounding box meets the box around the places
(padded by --pad degrees) plus every country a place lies in, simplifies the shared arcs (Douglas-Peucker,
so neighbours keep a common border), rounds to 0.01 degree and writes RFC 7946 GeoJSON: one Feature per
country, properties `name` (Natural Earth's short name) and `iso_n3`, exterior rings counterclockwise.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys

from gazetteers import ROOT, WORLD_ATLAS, world_atlas

Point = tuple[float, float]


def decode_arcs(topology: dict) -> list[list[Point]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative; the end points always stay, so arcs still meet."""
    if len(points) < 3 or tolerance <= 0:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length2 == 0:
                d2 = (px - ax) ** 2 + (py - ay) ** 2
            else:
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
                d2 = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2
            if d2 > worst:
                worst, index = d2, i
        if index > 0 and worst > tolerance * tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def ring(indexes: list[int], arcs: list[list[Point]]) -> list[list[float]]:
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    out: list[list[float]] = []
    for x, y in points:
        position = [round(x, 2), round(y, 2)]
        if not out or out[-1] != position:
            out.append(position)
    return out


def signed_area(positions: list[list[float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(positions, positions[1:])) / 2


def polygon(rings: list[list[int]], arcs: list[list[Point]],
            raw: list[list[Point]]) -> list[list[list[float]]] | None:
    """RFC 7946 polygon: exterior counterclockwise, holes clockwise; None if the exterior collapsed.

    A ring that simplification collapsed (a small island) keeps its unsimplified arcs instead.
    """
    out = []
    for number, indexes in enumerate(rings):
        positions = ring(indexes, arcs)
        if len(positions) < 4 or abs(signed_area(positions)) < 1e-9:
            positions = ring(indexes, raw)
        if len(positions) < 4 or abs(signed_area(positions)) < 1e-9:
            if number == 0:
                return None
            continue
        clockwise = signed_area(positions) < 0
        if clockwise == (number == 0):
            positions.reverse()
        out.append(positions)
    return out


def _clip(positions: list[list[float]], west: bool) -> list[list[float]]:
    """Sutherland-Hodgman: the part of a closed ring west (or east) of longitude 180."""
    out: list[list[float]] = []
    inside = (lambda p: p[0] <= 180) if west else (lambda p: p[0] >= 180)
    for p, q in zip(positions, positions[1:]):
        if inside(p) != inside(q):
            t = (180 - p[0]) / (q[0] - p[0])
            out.append([180.0, round(p[1] + t * (q[1] - p[1]), 2)])
        if inside(q):
            out.append(list(q))
    if out and out[0] != out[-1]:
        out.append(list(out[0]))
    return out


def cut_antimeridian(rings: list[list[list[float]]]) -> list[list[list[list[float]]]]:
    """RFC 7946 section 3.1.9: a polygon crossing longitude 180 becomes two, one each side.

    world-atlas keeps such rings whole (a step from 179.99 to -180); they are unwrapped past 180, clipped at
    180, and the eastern part shifted back by 360. Holes of a crossing polygon are dropped (none in the data).
    """
    exterior = rings[0]
    if all(abs(a[0] - b[0]) <= 180 for a, b in zip(exterior, exterior[1:])):
        return [rings]
    unwrapped, shift = [list(exterior[0])], 0.0
    for a, b in zip(exterior, exterior[1:]):
        if b[0] - a[0] > 180:
            shift -= 360
        elif a[0] - b[0] > 180:
            shift += 360
        unwrapped.append([round(b[0] + shift, 2), b[1]])
    if min(x for x, _ in unwrapped) < -180:
        unwrapped = [[x + 360, y] for x, y in unwrapped]
    parts = []
    west, east = _clip(unwrapped, True), _clip(unwrapped, False)
    if len(west) >= 4:
        parts.append([west])
    if len(east) >= 4:
        parts.append([[[round(x - 360, 2), y] for x, y in east]])
    return parts


def bbox(geometry: dict, arcs: list[list[Point]]) -> tuple[float, float, float, float]:
    indexes = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    xs, ys = [], []
    for rings in indexes:
        for index in (i for r in rings for i in r):
            for x, y in arcs[index if index >= 0 else ~index]:
                xs.append(x)
                ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="110m", choices=["110m", "50m", "10m"])
    parser.add_argument("--tolerance", type=float, default=0.0, help="simplification tolerance in degrees")
    parser.add_argument("--pad", type=float, default=15.0, help="degrees added around the places' box")
    parser.add_argument("--output", default=str(ROOT / "data" / "outlines.geojson"))
    args = parser.parse_args()

    with (ROOT / "data" / "places.csv").open(encoding="utf-8", newline="") as handle:
        places = list(csv.DictReader(handle))
    used = {p["country"] for p in places if p["country"]}
    located = [(float(p["longitude"]), float(p["latitude"])) for p in places if p["latitude"]]
    west, east = min(x for x, _ in located) - args.pad, max(x for x, _ in located) + args.pad
    south, north = min(y for _, y in located) - args.pad, max(y for _, y in located) + args.pad

    topology = world_atlas(args.scale)
    raw = decode_arcs(topology)
    arcs = [simplify(arc, args.tolerance) for arc in raw]
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        x0, y0, x1, y1 = bbox(geometry, raw)
        if name not in used and (x1 < west or x0 > east or y1 < south or y0 > north):
            continue
        parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        polygons = [cut for p in (polygon(rings, arcs, raw) for rings in parts) if p for cut in cut_antimeridian(p)]
        if not polygons:
            continue
        shape = ({"type": "Polygon", "coordinates": polygons[0]} if len(polygons) == 1
                 else {"type": "MultiPolygon", "coordinates": polygons})
        features.append({"type": "Feature", "properties": {"name": name, "iso_n3": geometry.get("id", "")},
                         "geometry": shape})
    missing = used - {f["properties"]["name"] for f in features}
    if missing:
        sys.exit(f"no outline for: {', '.join(sorted(missing))} (names must match Natural Earth's)")
    features.sort(key=lambda f: f["properties"]["name"])
    collection = {"type": "FeatureCollection",
                  "source": f"Natural Earth 1:{args.scale.removesuffix('m')}m admin-0 countries (public domain), "
                            f"from npm {WORLD_ATLAS[0]} {WORLD_ATLAS[1]}; simplified to {args.tolerance} degree, "
                            "rounded to 0.01 degree",
                  "features": features}
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
    target = ROOT / args.output if not args.output.startswith("/") else args.output
    temporary = f"{target}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, target)
    print(f"{args.output}: {len(features)} countries, {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main()
