"""What a parcel brochure (地块推介书) shows, and its map drawn as SVG.

:func:`brochure_data` gathers one parcel's record, names, land price estimate (the same
valuation as ``GET /api/parcels/{code}/valuation``), the policies that may apply, the
standard-land indicators, the nearest key places, the responsible contact and the zone's
data notice. :func:`parcel_map_svg` draws the parcel, its neighbours, roads, water, parks and
functional areas around it, with a scale bar, a north arrow and a locator of the whole
zone, in the zone's metric CRS (CGCS2000 Gauss-Kruger, metres): an inline SVG prints
sharply to PDF and needs no tiles, WebGL or network.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from html import escape
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from zoneatlas.errors import ZoneAtlasError
from zoneatlas.geo.crs import STORAGE_EPSG, transformer
from zoneatlas.geo.nearest import nearest_places
from zoneatlas.investor.compare import PLACES
from zoneatlas.investor.service import eligibility, parcel_contact, today
from zoneatlas.landprice.cli import price_command
from zoneatlas.landprice.render import valuation_to_dict
from zoneatlas.parcels import vocab
from zoneatlas.parcels.model import Parcel
from zoneatlas.policies.project import Project
from zoneatlas.records import FunctionalArea, MapFeature
from zoneatlas.store import ParcelFilter, Store
from zoneatlas.valuation import price_backend

#: SVG canvas of the map, in user units (the page scales it to the column width).
MAP_WIDTH, MAP_HEIGHT = 1000.0, 480.0
#: The parcel fills at most this share of the map's width or height.
PARCEL_SHARE = 0.24
#: The map covers at least this many metres across, so a small parcel shows its street.
MIN_SPAN_M = 1500.0
ROAD_WIDTH = {"trunk": 13.0, "main": 10.0, "secondary": 6.5}
SHOWN_POLICIES = ("eligible", "needs_info")


def brochure_data(
    store: Store,
    zone: str,
    code: str,
    *,
    lang: str = "zh",
    date: dt.date | None = None,
    project: Project | None = None,
) -> dict[str, Any]:
    """Everything the brochure of parcel ``code`` shows (raises ParcelNotFound).

    Amounts are 万元, unit prices 元/m², areas m² and 亩, distances metres. ``valuation``
    is None when the zone has no land price tables (``valuation_error`` says why).
    """
    parcel = store.parcel(zone, code)
    when = date or today()
    record = store.get_zone(zone)
    areas = store.functional_areas(zone)
    area = next((a for a in areas if a.code == parcel.functional_area), None)
    valuation: dict[str, Any] | None = None
    valuation_error = ""
    try:
        valuation = valuation_to_dict(
            price_command(price_backend(store, zone), code=code, date=when)
        )
    except ZoneAtlasError as exc:
        valuation_error = str(exc)
    outcome = eligibility(store, zone, project or Project(), parcel=code, date=when)
    rules = [r for r in store.intensity_rules(zone) if r.parcel_code == code]
    return {
        "zone": record,
        "parcel": parcel,
        "area": area,
        "terms": _terms(parcel),
        "date": when,
        "valuation": valuation,
        "valuation_error": valuation_error,
        "land_cost": outcome["land_cost"],
        "policies": _relevant_policies(outcome["policies"], parcel, project),
        "intensity": vars(rules[0]) if rules else None,
        "nearest": _nearest(store, zone, parcel, record.metric_epsg),
        "contact": parcel_contact(store, zone, code),
        "map_svg": _map_for(store, zone, parcel, areas, record.boundary, record.metric_epsg, lang),
    }


def _terms(parcel: Parcel) -> dict[str, Any]:
    """Vocabulary terms (zh, en names) of the parcel's coded fields."""
    return {
        "land_use": vocab.lookup("land_use", parcel.land_use),
        "status": vocab.lookup("status", parcel.status),
        "development_level": vocab.lookup("development_level", parcel.development_level)
        if parcel.development_level
        else None,
        "industries": [t for t in (vocab.lookup("industry", k) for k in parcel.industries) if t],
    }


def _relevant_policies(
    policies: list[dict[str, Any]], parcel: Parcel, project: Project | None
) -> list[dict[str, Any]]:
    """Policies in force that are eligible or need facts, for one of the parcel's
    industries (or for all) unless the project names its own industry."""
    industry = project.industry if project else None
    wanted = set(parcel.industries)
    return [
        p
        for p in policies
        if p["eligibility"] in SHOWN_POLICIES
        and (industry or not p["industries"] or not wanted or wanted & set(p["industries"]))
    ]


def _nearest(store: Store, zone: str, parcel: Parcel, epsg: int) -> list[dict[str, Any]]:
    pois = store.pois(zone)
    by_kind = {kind: [p for p in pois if p.category == cat] for kind, cat in PLACES.items()}
    points = {kind: [(p.lon, p.lat) for p in found] for kind, found in by_kind.items()}
    nearest = nearest_places([parcel.geometry], points, epsg)[0]
    rows = []
    for kind, found in nearest.items():
        if found is not None:
            poi = by_kind[kind][found.index]
            rows.append(
                {
                    "kind": kind,
                    "name_zh": poi.name_zh,
                    "name_en": poi.name_en,
                    "distance_m": found.distance_m,
                }
            )
    return rows


# -- the map -----------------------------------------------------------------------------


def _map_for(
    store: Store,
    zone: str,
    parcel: Parcel,
    areas: Sequence[FunctionalArea],
    boundary: BaseGeometry,
    epsg: int,
    lang: str,
) -> str:
    to_metric = _projector(epsg)
    window = map_window(to_metric(parcel.geometry))
    minx, miny, maxx, maxy = window
    corners = _projector(epsg, inverse=True)(shapely.box(minx, miny, maxx, maxy)).bounds
    neighbours = store.parcels(zone, ParcelFilter(bbox=corners))
    return parcel_map_svg(
        parcel=to_metric(parcel.geometry),
        label=parcel.code,
        neighbours=[to_metric(p.geometry) for p in neighbours if p.code != parcel.code],
        areas=[(a.color, to_metric(a.geometry)) for a in areas],
        features=[(f, to_metric(f.geometry)) for f in store.features(zone)],
        boundary=to_metric(boundary),
        window=window,
        lang=lang,
    )


def _projector(epsg: int, *, inverse: bool = False) -> Any:
    source, target = f"EPSG:{STORAGE_EPSG}", f"EPSG:{epsg}"
    forward = transformer(target, source) if inverse else transformer(source, target)

    def project(geometry: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geometry, lambda xy: np.column_stack(forward.transform(*xy.T)))

    return project


def map_window(parcel: BaseGeometry) -> tuple[float, float, float, float]:
    """The map's extent (metres) around a parcel: centred on it, the parcel at most
    PARCEL_SHARE of either side, at least MIN_SPAN_M across, in the canvas's aspect."""
    minx, miny, maxx, maxy = parcel.bounds
    metres_per_unit = max(
        (maxx - minx) / (PARCEL_SHARE * MAP_WIDTH),
        (maxy - miny) / (PARCEL_SHARE * MAP_HEIGHT),
        MIN_SPAN_M / MAP_WIDTH,
    )
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    half_w, half_h = metres_per_unit * MAP_WIDTH / 2, metres_per_unit * MAP_HEIGHT / 2
    return cx - half_w, cy - half_h, cx + half_w, cy + half_h


class _Canvas:
    """Metres in the window → SVG user units (y down), clipped to the window."""

    def __init__(self, window: tuple[float, float, float, float]) -> None:
        self.window = window
        self.scale = (window[2] - window[0]) / MAP_WIDTH  # metres per unit

    def clip(self, geometry: BaseGeometry) -> BaseGeometry:
        minx, miny, maxx, maxy = self.window
        pad = 20 * self.scale  # lines run past the edge instead of stopping at it
        return shapely.clip_by_rect(geometry, minx - pad, miny - pad, maxx + pad, maxy + pad)

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.window[0]) / self.scale, (self.window[3] - y) / self.scale

    def path(self, geometry: BaseGeometry) -> str:
        """SVG path data of a clipped (Multi)Polygon or (Multi)LineString; '' when empty."""
        clipped = self.clip(geometry)
        if clipped.is_empty:
            return ""
        parts: list[str] = []
        for part in getattr(clipped, "geoms", [clipped]):
            if part.geom_type == "Polygon":
                for ring in (part.exterior, *part.interiors):
                    parts.append(self._ring(ring.coords, close=True))
            elif part.geom_type == "LineString":
                parts.append(self._ring(part.coords, close=False))
            elif part.geom_type in ("MultiPolygon", "MultiLineString", "GeometryCollection"):
                parts.append(self.path(part))
        return " ".join(p for p in parts if p)

    def _ring(self, coords: Any, *, close: bool) -> str:
        points = [self.point(x, y) for x, y, *_ in coords]
        if len(points) < 2:
            return ""
        body = " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
        return f"M{body}{' Z' if close else ''}"


def _road_labels(
    canvas: _Canvas, roads: Sequence[tuple[MapFeature, BaseGeometry]], lang: str
) -> list[str]:
    """A name at the middle of each road's longest visible stretch, turned along it."""
    labels, seen = [], set()
    ordered = sorted(roads, key=lambda r: -canvas.clip(r[1]).length)
    for feature, geometry in ordered:
        name = feature.name_en if lang == "en" and feature.name_en else feature.name_zh
        visible = canvas.clip(geometry)
        if not name or name in seen or visible.length < 180 * canvas.scale:
            continue
        parts = list(getattr(visible, "geoms", [visible]))
        line = max(parts, key=lambda g: g.length)
        if line.geom_type != "LineString":
            continue
        middle = line.interpolate(0.5, normalized=True)
        ahead = line.interpolate(min(line.length, line.project(middle) + 5 * canvas.scale))
        (x0, y0), (x1, y1) = canvas.point(middle.x, middle.y), canvas.point(ahead.x, ahead.y)
        angle = math.degrees(math.atan2(y1 - y0, x1 - x0))
        if angle > 90:
            angle -= 180
        elif angle < -90:
            angle += 180
        if not (30 < x0 < MAP_WIDTH - 30 and 30 < y0 < MAP_HEIGHT - 30):
            continue
        seen.add(name)
        labels.append(
            f'<text class="road-label" transform="translate({x0:.1f},{y0:.1f}) '
            f'rotate({angle:.1f})" dy="0.35em">{escape(name)}</text>'
        )
        if len(labels) >= 6:
            break
    return labels


def _scale_bar(scale: float) -> str:
    """A bar of a round length (50, 100, 200, 500 m, 1 km ...) about a sixth of the width."""
    target = MAP_WIDTH / 6 * scale
    length = min(
        (n * 10**e for e in range(1, 5) for n in (1, 2, 5) if n * 10**e <= target),
        key=lambda v: target - v,
    )
    width = length / scale
    text = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
    x, y = 24.0, MAP_HEIGHT - 26
    return (
        f'<g class="scale-bar"><rect x="{x - 8}" y="{y - 22}" width="{width + 16:.1f}" '
        f'height="34" rx="4" class="map-chip"/>'
        f'<path d="M{x},{y - 4} V{y + 4} H{x + width:.1f} V{y - 4}" class="scale-line"/>'
        f'<text x="{x + width / 2:.1f}" y="{y - 8}" class="scale-text">{text}</text></g>'
    )


def _north_arrow() -> str:
    x, y = 36.0, 34.0
    return (
        f'<g class="north" transform="translate({x},{y})">'
        '<circle r="20" class="map-chip"/><path d="M0,-13 L7,8 L0,3 L-7,8 Z" class="north-mark"/>'
        '<text y="-22" class="north-text">N</text></g>'
    )


def _locator(
    boundary: BaseGeometry, window: tuple[float, float, float, float], parcel: BaseGeometry
) -> str:
    """The whole zone in a small box at the top right, the map's extent marked on it."""
    box_w, box_h, margin = 170.0, 130.0, 14.0
    minx, miny, maxx, maxy = boundary.bounds
    scale = max((maxx - minx) / (box_w - 16), (maxy - miny) / (box_h - 16))
    ox = MAP_WIDTH - margin - box_w
    oy = margin

    def point(x: float, y: float) -> tuple[float, float]:
        return (
            ox + 8 + (x - minx) / scale + ((box_w - 16) - (maxx - minx) / scale) / 2,
            oy + 8 + (maxy - y) / scale + ((box_h - 16) - (maxy - miny) / scale) / 2,
        )

    rings = []
    for part in getattr(boundary, "geoms", [boundary]):
        if part.geom_type == "Polygon":
            pts = " L".join(
                f"{x:.1f},{y:.1f}" for x, y in (point(*c[:2]) for c in part.exterior.coords)
            )
            rings.append(f"M{pts} Z")
    (x0, y0), (x1, y1) = point(window[0], window[3]), point(window[2], window[1])
    cx, cy = point(parcel.centroid.x, parcel.centroid.y)
    return (
        f'<g class="locator"><rect x="{ox}" y="{oy}" width="{box_w}" height="{box_h}" rx="6" '
        f'class="map-chip"/><path d="{" ".join(rings)}" class="locator-zone"/>'
        f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{max(x1 - x0, 3):.1f}" '
        f'height="{max(y1 - y0, 3):.1f}" class="locator-window"/>'
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="2.5" class="locator-dot"/></g>'
    )


def parcel_map_svg(
    *,
    parcel: BaseGeometry,
    label: str,
    neighbours: Sequence[BaseGeometry],
    areas: Sequence[tuple[str, BaseGeometry]],
    features: Sequence[tuple[MapFeature, BaseGeometry]],
    boundary: BaseGeometry,
    window: tuple[float, float, float, float],
    lang: str = "zh",
    title: str = "",
) -> str:
    """The map as an ``<svg>`` element; every geometry in metres of one metric CRS.

    Colours and strokes are classes styled by the brochure's CSS; names are escaped.
    """
    canvas = _Canvas(window)
    layers: list[str] = [f'<rect width="{MAP_WIDTH}" height="{MAP_HEIGHT}" class="land"/>']
    for color, geometry in areas:
        d = canvas.path(geometry)
        if d:
            safe = color if _is_hex_colour(color) else "#888888"
            layers.append(f'<path d="{d}" class="area" style="--c:{safe}"/>')
    for layer in ("park", "water"):
        for feature, geometry in features:
            d = canvas.path(geometry) if feature.layer == layer else ""
            if d:
                layers.append(f'<path d="{d}" class="{layer}"/>')
    roads = [(f, g) for f, g in features if f.layer == "road"]
    for casing in (True, False):
        for feature, geometry in roads:
            d = canvas.path(geometry)
            if d:
                width = ROAD_WIDTH.get(feature.kind, 5.0) + (2.4 if casing else 0)
                kind = "road-casing" if casing else "road"
                layers.append(f'<path d="{d}" class="{kind}" stroke-width="{width}"/>')
    d = canvas.path(boundary.boundary)
    if d:
        layers.append(f'<path d="{d}" class="boundary"/>')
    for geometry in neighbours:
        d = canvas.path(geometry)
        if d:
            layers.append(f'<path d="{d}" class="neighbour"/>')
    layers.append(f'<path d="{canvas.path(parcel)}" class="subject"/>')
    layers.extend(_road_labels(canvas, roads, lang))
    point = parcel.representative_point()
    x, y = canvas.point(point.x, point.y)
    layers.append(
        f'<text x="{x:.1f}" y="{y:.1f}" dy="0.35em" class="subject-label">{escape(label)}</text>'
    )
    layers.extend([_north_arrow(), _scale_bar(canvas.scale), _locator(boundary, window, parcel)])
    return (
        f'<svg class="parcel-map" viewBox="0 0 {MAP_WIDTH:g} {MAP_HEIGHT:g}" '
        f'xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title or label)}" '
        'data-testid="brochure-map">'
        f"{''.join(layers)}</svg>"
    )


def _is_hex_colour(value: str) -> bool:
    return (
        len(value) in (4, 7)
        and value.startswith("#")
        and all(c in "0123456789abcdefABCDEF" for c in value[1:])
    )
