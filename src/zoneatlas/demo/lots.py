"""Cut the demo zone's 328 key investment parcels (重点招商引资地块) out of its map.

Each functional area is reduced to buildable land (minus road corridors with a building
setback, water with a shore margin, parks and sites kept for named landmarks), laid over
with a jittered grid of cells whose columns and rows vary in width, and every cell is cut
to the buildable land. Cells are separated by gaps (internal lanes), so lots never touch;
lots that are too small, too large or cut too ragged are dropped, and the required number
is drawn from the rest with the seeded generator. All geometry is EPSG:4551 metres.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from zoneatlas.demo.layout import Layout, road_corridors

#: Number of key investment parcels the report gives (确定了328个重点招商引资地块).
PARCEL_COUNT = 328
#: Building setback from a road corridor's edge, metres.
ROAD_SETBACK_M = 10.0
#: Margin kept from water (shore protection) and parks, metres.
WATER_MARGIN_M = 30.0
PARK_MARGIN_M = 15.0
#: Inset from a functional area's edge, metres; it also keeps lots inside their area after
#: reprojection to lon/lat (straight edges bend by millimetres there).
AREA_INSET_M = 8.0
#: Half the lane between neighbouring lots, metres.
HALF_GAP_M = 8.0
#: Lot areas kept, m² (the brief's realistic range for key parcels).
MIN_LOT_M2 = 8_000.0
MAX_LOT_M2 = 150_000.0
#: A cut lot must keep this share of its cell, so that lots stay compact.
MIN_CELL_SHARE = 0.55


@dataclass(frozen=True)
class LotPlan:
    """How many lots an area gets and the range of its grid cell widths in metres."""

    count: int
    cell_m: tuple[float, float]


#: Per functional area code ("" is the sector outside the three areas); counts sum to 328.
LOT_PLANS: dict[str, LotPlan] = {
    "film_core": LotPlan(105, (150.0, 300.0)),
    "digital": LotPlan(110, (170.0, 330.0)),
    "health_valley": LotPlan(105, (200.0, 370.0)),
    "": LotPlan(8, (220.0, 360.0)),
}


@dataclass(frozen=True)
class Lot:
    """One parcel's geometry (EPSG:4551 metres) and the functional area code it lies in."""

    area_code: str
    geometry: Polygon


GeometryArray = npt.NDArray[np.object_]


def _grid_edges(
    start: float, stop: float, widths: tuple[float, float], rng: np.random.Generator
) -> npt.NDArray[np.float64]:
    # Enough steps to pass ``stop`` even if every one is the narrowest; the grid starts at a
    # random offset so that cell edges do not line up with the area's edge.
    n = int((stop - start) / widths[0]) + 2
    steps = rng.uniform(widths[0], widths[1], size=n)
    edges = start - rng.uniform(0.0, widths[0]) + np.concatenate([[0.0], np.cumsum(steps)])
    return edges[: int(np.searchsorted(edges, stop)) + 1]


def grid_cells(
    bounds: tuple[float, float, float, float],
    cell_m: tuple[float, float],
    rng: np.random.Generator,
) -> GeometryArray:
    """Rectangular cells covering ``bounds`` on a grid whose column and row widths are drawn
    from ``cell_m`` (metres), each shrunk by :data:`HALF_GAP_M` on every side."""
    xs = _grid_edges(bounds[0], bounds[2], cell_m, rng)
    ys = _grid_edges(bounds[1], bounds[3], cell_m, rng)
    x0, y0 = np.meshgrid(xs[:-1], ys[:-1])
    x1, y1 = np.meshgrid(xs[1:], ys[1:])
    cells: GeometryArray = shapely.box(
        x0.ravel() + HALF_GAP_M,
        y0.ravel() + HALF_GAP_M,
        x1.ravel() - HALF_GAP_M,
        y1.ravel() - HALF_GAP_M,
    )
    return cells


def cut_lots(
    buildable: BaseGeometry, cell_m: tuple[float, float], rng: np.random.Generator
) -> GeometryArray:
    """Candidate lots: grid cells cut to ``buildable``, kept when each part is a compact
    polygon of :data:`MIN_LOT_M2`-:data:`MAX_LOT_M2` m². Returns an array of Polygons."""
    cells = grid_cells(buildable.bounds, cell_m, rng)
    shapely.prepare(buildable)
    cells = cells[shapely.intersects(buildable, cells)]
    pieces = shapely.intersection(cells, buildable, grid_size=0.01)
    parts, owner = shapely.get_parts(pieces, return_index=True)
    areas = shapely.area(parts)
    keep = (
        (shapely.get_type_id(parts) == shapely.GeometryType.POLYGON)
        & (areas >= MIN_LOT_M2)
        & (areas <= MAX_LOT_M2)
        & (areas >= MIN_CELL_SHARE * shapely.area(cells[owner]))
    )
    lots: GeometryArray = parts[keep]
    return lots


def _obstacles(layout: Layout, reserved: BaseGeometry) -> BaseGeometry:
    water = [w.geometry.buffer(WATER_MARGIN_M) for w in layout.water]
    parks = [p.geometry.buffer(PARK_MARGIN_M) for p in layout.parks]
    corridors = road_corridors(layout, extra_m=ROAD_SETBACK_M)
    return shapely.union_all([corridors, reserved, *water, *parks])


def select_lots(layout: Layout, reserved: BaseGeometry, rng: np.random.Generator) -> list[Lot]:
    """The 328 parcel geometries, per :data:`LOT_PLANS`, in area order and within an area
    from north to south and west to east (the order parcel codes are given in).

    ``reserved`` (EPSG:4551) is land kept free of parcels: schools, studios, landmarks.
    """
    obstacles = _obstacles(layout, reserved)
    regions = {a.code: a.geometry for a in layout.areas}
    regions[""] = layout.outer_area
    lots: list[Lot] = []
    for code, plan in LOT_PLANS.items():
        buildable = regions[code].buffer(-AREA_INSET_M, join_style="mitre").difference(obstacles)
        candidates = cut_lots(buildable, plan.cell_m, rng)
        if len(candidates) < plan.count:
            raise RuntimeError(f"area {code!r}: {len(candidates)} lots, {plan.count} needed")
        chosen = candidates[np.sort(rng.choice(len(candidates), plan.count, replace=False))]
        centroids = shapely.get_coordinates(shapely.centroid(chosen))
        # reading order: 400 m bands from north to south, west to east inside a band
        band = np.floor((centroids[:, 1].max() - centroids[:, 1]) / 400.0)
        order = np.lexsort((centroids[:, 0], band))
        lots += [Lot(code, chosen[i]) for i in order]
    return lots
