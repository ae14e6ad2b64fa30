"""Geometry of the demo zone: boundary, functional areas, axes, roads, water and parks.

Everything here is drawn by hand in a local frame (metres east and north of 125.50°E,
43.775°N, near the real 净月高新区) and returned in CGCS2000 3-degree Gauss-Kruger EPSG:4551
metres, where areas and distances are true. Nothing here depends on the random seed: the
zone's map is fixed, only the parcels cut from it vary with the seed.

The shapes follow the report's spatial story rather than a survey: the film core (国际影都
核心区) north of the centre with 净月潭 and its forest to the east and south-east, the digital
industry area along 聚业大街, the life and health valley in the south, 伊通河 flowing north from
新立城水库 along the west edge. Changchun names north-south streets 街 and east-west roads 路.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon, box
from shapely.geometry.base import BaseGeometry

from zoneatlas.demo.roads import road_lines

#: Metric CRS of the demo zone (CGCS2000 3-degree Gauss-Kruger, central meridian 126°E).
METRIC_EPSG = 4551
#: EPSG:4551 easting and northing (metres) of 125.50°E 43.775°N, the local frame's origin.
ORIGIN_X_M = 459_745.64
ORIGIN_Y_M = 4_848_944.13
#: Everything drawn stays inside this lon/lat box (a little inside 125.40-125.60°E,
#: 43.70-43.85°N); in local metres it is the rectangle inscribed in that box.
EXTENT_LOCAL_M = (-7_590.0, -7_720.0, 7_600.0, 7_730.0)

#: Half-width in metres of the corridor (red line, 道路红线) each road class occupies.
ROAD_HALF_WIDTH_M: dict[str, float] = {"trunk": 40.0, "main": 30.0, "secondary": 20.0}
#: Width in metres of 伊通河 drawn as a buffered centre line.
RIVER_WIDTH_M = 90.0


@dataclass(frozen=True)
class Shape:
    """A named feature of the map, geometry in EPSG:4551 metres."""

    name_zh: str
    name_en: str
    kind: str
    geometry: BaseGeometry


@dataclass(frozen=True)
class AreaShape:
    """A functional area (产业功能区), geometry in EPSG:4551 metres."""

    code: str
    name_zh: str
    name_en: str
    industries: tuple[str, ...]
    color: str
    geometry: BaseGeometry


@dataclass(frozen=True)
class Layout:
    """The fixed map of the demo zone in EPSG:4551 metres."""

    boundary: Polygon
    areas: tuple[AreaShape, ...]
    #: Region for the few key parcels outside the three functional areas.
    outer_area: BaseGeometry
    roads: tuple[Shape, ...]
    axes: tuple[Shape, ...]
    water: tuple[Shape, ...]
    parks: tuple[Shape, ...]


def _metric(geometry: BaseGeometry) -> BaseGeometry:
    """Local metres to EPSG:4551 metres (a translation)."""
    return shapely.transform(geometry, lambda xy: xy + np.array([ORIGIN_X_M, ORIGIN_Y_M]))


def _extent() -> Polygon:
    return box(*EXTENT_LOCAL_M)


def _blob(
    centre: tuple[float, float],
    radii: tuple[float, float],
    angle_deg: float,
    harmonics: tuple[tuple[int, float, float], ...],
) -> Polygon:
    """An irregular closed shape: a rotated ellipse whose radius wobbles by fixed harmonics
    ``(k, relative amplitude, phase in radians)``; used for lakes and the reservoir."""
    theta = np.linspace(0.0, 2.0 * math.pi, 96, endpoint=False)
    wobble = np.ones_like(theta)
    for k, amplitude, phase in harmonics:
        wobble += amplitude * np.cos(k * theta + phase)
    x = radii[0] * wobble * np.cos(theta)
    y = radii[1] * wobble * np.sin(theta)
    a = math.radians(angle_deg)
    xr = centre[0] + x * math.cos(a) - y * math.sin(a)
    yr = centre[1] + x * math.sin(a) + y * math.cos(a)
    return Polygon(np.column_stack([xr, yr]))


_BOUNDARY = (
    (-6700, 6200), (-5200, 6900), (-3000, 6700), (-1200, 7000), (800, 6500), (2200, 6900),
    (3600, 6400), (4300, 5300), (5600, 5000), (6400, 3400), (6100, 800), (6600, -1500),
    (6300, -3400), (6500, -5300), (5200, -6200), (3300, -5900), (1800, -6900), (-200, -6600),
    (-1600, -7000), (-3600, -7100), (-5400, -6300), (-6300, -6300), (-6900, -5400),
    (-6600, -3200), (-7000, -1000), (-6600, 1400), (-7000, 3600), (-6500, 5000),
)  # fmt: skip

# Functional areas, drawn disjoint: digital west of 东部快速路, film core east of it and
# north of 天普路, health valley south of 长双快速路, and a south-east sector for the rest.
_AREA_OUTLINES: dict[str, tuple[tuple[float, float], ...]] = {
    "film_core": (
        (-3450, 950), (-3450, 5950), (-2200, 6200), (-300, 6000), (200, 4400), (-50, 2400),
        (-800, 950),
    ),
    "digital": (
        (-5800, -2600), (-5650, 6300), (-4200, 6500), (-3700, 5600), (-3700, -1500),
        (-4300, -2900),
    ),
    "health_valley": (
        (-5300, -3500), (2800, -3500), (3000, -5200), (2200, -6300), (-1500, -6450),
        (-3600, -6800), (-5200, -6300),
    ),
}  # fmt: skip
# 净月潭国家森林公园 around the lake, east of 净月大街 and north of 长双快速路.
_FOREST_PARK = (
    (500, 5400), (2500, 5900), (4600, 5500), (5900, 4200), (6000, 1500), (5800, -1000),
    (4800, -2700), (2600, -2900), (800, -2300), (300, 0), (600, 2800),
)  # fmt: skip
_OUTER_OUTLINE = ((3400, -3500), (5900, -3700), (6000, -5600), (4700, -6300), (3500, -6000))

AREA_NAMES: dict[str, tuple[str, str, tuple[str, ...], str]] = {
    "film_core": (
        "国际影都核心区", "International Film Capital Core Area", ("film_tourism",), "#e74c3c",
    ),
    "digital": ("数字产业功能区", "Digital Industry Area", ("digital_economy",), "#2f80ed"),
    "health_valley": (
        "生命健康科创谷", "Life and Health Sci-Tech Valley", ("life_health",), "#27ae60",
    ),
}  # fmt: skip


def _river_x(y: np.ndarray) -> np.ndarray:
    """Centre line of 伊通河 (local x for local y): it leaves the reservoir and meanders north."""
    return -6350.0 + 220.0 * np.sin(y / 1400.0) + 90.0 * np.sin(y / 530.0 + 1.0)


def _river_line() -> LineString:
    y = np.linspace(-5600.0, 7800.0, 135)
    return LineString(np.column_stack([_river_x(y), y]))


def _water_local() -> list[Shape]:
    lake = _blob((2700, 1300), (1750, 900), 25, ((2, 0.08, 0.6), (3, 0.10, 1.9), (5, 0.04, 0.3)))
    reservoir = _blob((-7100, -7300), (1500, 2100), -15, ((2, 0.06, 0.2), (3, 0.09, 2.4)))
    river = _river_line().buffer(RIVER_WIDTH_M / 2.0, quad_segs=4)
    extent = _extent()
    return [
        Shape("净月潭", "Jingyue Lake (Jingyuetan)", "lake", lake),
        Shape("新立城水库", "Xinlicheng Reservoir", "reservoir", reservoir.intersection(extent)),
        Shape("伊通河", "Yitong River", "river", river.intersection(extent)),
    ]


def _parks_local(boundary: Polygon) -> list[Shape]:
    forest = Polygon(_FOREST_PARK)
    small = [
        ("影都中央公园", "Film Capital Central Park", box(-2350, 3450, -1750, 3950)),
        ("福祉公园", "Fuzhi Park", box(-5350, 4950, -4950, 5450)),
        ("玉潭公园", "Yutan Park", box(-950, -5650, -350, -5150)),
        ("天普公园", "Tianpu Park", box(-3250, -250, -2750, 250)),
    ]
    forest_park = Shape(
        "净月潭国家森林公园", "Jingyuetan National Forest Park", "forest_park", forest & boundary
    )
    parks = [forest_park]
    parks += [Shape(zh, en, "park", geom) for zh, en, geom in small]
    return parks


def _boundary_local() -> Polygon:
    return Polygon(_BOUNDARY)


def _areas_local(inner: BaseGeometry, blocked: BaseGeometry) -> list[AreaShape]:
    """The three areas cut to ``inner`` minus ``blocked``, each minus those before it, so
    that they cannot overlap even if their outlines were edited to."""
    taken: BaseGeometry = blocked
    areas = []
    for code, outline in _AREA_OUTLINES.items():
        zh, en, industries, color = AREA_NAMES[code]
        geometry = Polygon(outline).intersection(inner).difference(taken)
        taken = taken.union(geometry)
        areas.append(AreaShape(code, zh, en, industries, color, geometry))
    return areas


def build_layout() -> Layout:
    """The demo zone's fixed map in EPSG:4551 metres (boundary about 13.6 km × 14.1 km)."""
    boundary = _boundary_local()
    water = _water_local()
    parks = _parks_local(boundary)
    # Areas keep clear of water (30 m shore) and of the forest park; parks inside areas stay
    # in them (they are planned green space of the area).
    blocked = shapely.union_all(
        [w.geometry.buffer(30.0) for w in water] + [parks[0].geometry.buffer(10.0)]
    )
    # Inset from the boundary so that areas stay inside it after reprojection to lon/lat.
    inner = boundary.buffer(-20.0, join_style="mitre")
    areas = _areas_local(inner, blocked)
    outer = Polygon(_OUTER_OUTLINE).intersection(inner).difference(blocked)
    roads, axes = road_lines(boundary, _river_x)
    return Layout(
        boundary=_metric(boundary),
        areas=tuple(
            AreaShape(a.code, a.name_zh, a.name_en, a.industries, a.color, _metric(a.geometry))
            for a in areas
        ),
        outer_area=_metric(outer),
        roads=tuple(Shape(r.name_zh, r.name_en, r.kind, _metric(r.line)) for r in roads),
        axes=tuple(Shape(a.name_zh, a.name_en, a.kind, _metric(a.line)) for a in axes),
        water=tuple(_shape_metric(w) for w in water),
        parks=tuple(_shape_metric(p) for p in parks),
    )


def _shape_metric(shape: Shape) -> Shape:
    return Shape(shape.name_zh, shape.name_en, shape.kind, _metric(shape.geometry))


def road_corridors(layout: Layout, extra_m: float = 0.0) -> BaseGeometry:
    """Union of the road corridors (each road buffered by its half-width plus ``extra_m``
    metres), EPSG:4551."""
    lines = np.array([r.geometry for r in layout.roads], dtype=object)
    widths = np.array([ROAD_HALF_WIDTH_M[r.kind] + extra_m for r in layout.roads])
    return shapely.union_all(shapely.buffer(lines, widths, quad_segs=4))
