"""The HTML timeline's map: country outlines and one marker per place, drawn as inline SVG.

The projection is computed here, so the page needs no map library and fetches nothing: equirectangular, with
longitudes shrunk by the cosine of the middle latitude so shapes look right around Central Asia. The view
frames the places the exported events name; outlines outside it are left out of the page.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..files.places import Gazetteer
from ..schema.model import split_list

WIDTH = 1000.0  # SVG user units; the page scales the drawing to its width
ASPECT = (0.38, 0.62)  # height / width the view is padded to stay within
PAD_DEGREES = 4.0
MIN_SPAN_DEGREES = 16.0
LABEL_CHAR_WIDTH = 9.0  # a generous average width of a 15-unit label character
CREDIT = "Country outlines: Natural Earth (public domain). Place coordinates: GeoNames (CC BY 4.0)."


def marker_radius(count: int) -> float:
    """Area grows with the number of events (the page's script uses the same formula)."""
    return round(5 + 5 * math.sqrt(count), 1) if count else 0.0


def event_places(record: Mapping[str, str], places: Gazetteer) -> list[str]:
    """The markers an event belongs to: each place it names, or a place's region where the place has no point."""
    marks = []
    for name in split_list(record.get("location", "")):
        point = places.map_point(places.canonical(name) or name)
        if point is not None and point[0] not in marks:
            marks.append(point[0])
    return marks


def map_view(records: Sequence[Mapping[str, str]], places: Gazetteer, outlines: Mapping[str, Any]
             ) -> dict[str, Any] | None:
    """What the template draws: the view box, outline paths and markers; None when no event has a point."""
    counts = Counter(mark for record in records for mark in event_places(record, places))
    if not counts:
        return None
    points = {name: point for name in counts if (point := places.places[name].point) is not None}  # all of them
    view = _View.around(list(points.values()))
    markers = []
    for name, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        x, y, r = view.x(points[name][0]), view.y(points[name][1]), marker_radius(n)
        # A name that would run off the right edge goes on the marker's left.
        left = x + r + LABEL_CHAR_WIDTH * len(name) > WIDTH
        markers.append({"name": name, "label": places.label(name), "count": n, "r": r, "x": x, "y": y,
                        "text_x": round(x - r - 3 if left else x + r + 3, 1), "anchor": "end" if left else "start"})
    paths = [{"name": f.get("properties", {}).get("name", ""), "d": d}
             for f in outlines.get("features", ()) if (d := view.path(f.get("geometry") or {}))]
    return {"width": WIDTH, "height": round(view.height, 1), "outlines": paths, "markers": markers,
            "credit": CREDIT}


class _View:
    """Longitude/latitude box to SVG coordinates."""

    def __init__(self, west: float, east: float, south: float, north: float) -> None:
        self.west, self.east, self.south, self.north = west, east, south, north
        self.k = math.cos(math.radians((south + north) / 2))
        self.scale = WIDTH / ((east - west) * self.k)
        self.height = (north - south) * self.scale

    @classmethod
    def around(cls, points: list[tuple[float, float]]) -> _View:
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        west, east = min(lons) - PAD_DEGREES, max(lons) + PAD_DEGREES
        south, north = min(lats) - PAD_DEGREES, max(lats) + PAD_DEGREES
        west, east = _widen(west, east, MIN_SPAN_DEGREES)
        south, north = _widen(south, north, MIN_SPAN_DEGREES / 2)
        k = math.cos(math.radians((south + north) / 2))
        ratio = (north - south) / ((east - west) * k)
        if ratio < ASPECT[0]:
            south, north = _widen(south, north, ASPECT[0] * (east - west) * k)
        elif ratio > ASPECT[1]:
            west, east = _widen(west, east, (north - south) / (ASPECT[1] * k))
        return cls(west, east, max(south, -85.0), min(north, 85.0))

    def x(self, longitude: float) -> float:
        return round((longitude - self.west) * self.k * self.scale, 1)

    def y(self, latitude: float) -> float:
        return round((self.north - latitude) * self.scale, 1)

    def path(self, geometry: Mapping[str, Any]) -> str:
        """SVG path data for a Polygon or MultiPolygon, without the polygons that lie outside the view."""
        polygons = {"Polygon": [geometry.get("coordinates")],
                    "MultiPolygon": geometry.get("coordinates")}.get(str(geometry.get("type")), [])
        parts = []
        for polygon in polygons or ():
            if polygon and self._meets(polygon[0]):
                parts += [self._ring(ring) for ring in polygon]
        return "".join(parts)

    def _meets(self, ring: Iterable[Sequence[float]]) -> bool:
        lons, lats = zip(*((p[0], p[1]) for p in ring))
        margin = 5.0
        return (min(lons) < self.east + margin and max(lons) > self.west - margin
                and min(lats) < self.north + margin and max(lats) > self.south - margin)

    def _ring(self, ring: Sequence[Sequence[float]]) -> str:
        out: list[str] = []
        last = None
        for lon, lat, *_ in ring:
            point = (_num(self.x(lon)), _num(self.y(lat)))
            if point != last:
                out.append(f"{point[0]} {point[1]}")
                last = point
        return "M" + "L".join(out) + "Z" if len(out) > 2 else ""


def _widen(low: float, high: float, span: float) -> tuple[float, float]:
    """The range grown about its middle to at least `span`."""
    if high - low >= span:
        return low, high
    middle = (low + high) / 2
    return middle - span / 2, middle + span / 2


def _num(value: float) -> str:
    """Shortest text for an SVG coordinate: `12` rather than `12.0`."""
    return f"{value:.1f}".rstrip("0").rstrip(".")
