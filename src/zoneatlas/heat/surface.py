"""The full-extent density grid of a layer and filter set: source of tiles and legend.

One :class:`Surface` per (zone, layer, filters, weight, kernel, radius, output, data
version) is computed on QGIS's grid for the filtered points (extent grown by the radius)
in the zone's metric CRS, with a cell of ``radius / 24`` (coarser only when the grid
would pass :data:`MAX_SIDE` cells a side). Tiles resample it bilinearly and share its
maximum as the top of their colour scale, so tiles never disagree and colours do not jump
while panning. Scaled densities are shown per km² (the grid holds per m²).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zoneatlas.heat.grid import Grid, points_extent
from zoneatlas.heat.kde import density
from zoneatlas.heat.kernels import KernelName
from zoneatlas.heat.points import PointLayer, layer_info, select
from zoneatlas.heat.spec import KernelSpec

Float32Array = npt.NDArray[np.float32]

#: Surface cells per radius: linear binning and bilinear resampling both stay within
#: ~0.4 % of the peak for the smooth kernels (quartic, triweight, gaussian).
CELLS_PER_RADIUS = 24
#: Largest side of a surface grid, cells (2048² float32 = 16 MB).
MAX_SIDE = 2048
#: Scaled densities per m² are shown per km².
PER_KM2 = 1e6


@dataclass(frozen=True)
class HeatQuery:
    """Everything that defines one heat surface (all part of cache keys).

    ``radius_m`` in metres; ``weight`` a numeric field of the layer or None (count);
    ``where`` filters ``FIELD OP VALUE`` (see :func:`zoneatlas.heat.points.parse_where`).
    """

    zone: str
    layer: str = "enterprises"
    kernel: KernelName = "quartic"
    radius_m: float = 500.0
    weight: str | None = None
    where: tuple[str, ...] = ()
    scaled: bool = True

    @property
    def spec(self) -> KernelSpec:
        return KernelSpec(self.kernel, self.radius_m, self.scaled)

    def units(self) -> tuple[str, str, float]:
        """Display units (zh, en) and the factor from grid values to them."""
        info = layer_info(self.layer)
        if self.weight:
            unit_zh, unit_en = info.weights[self.weight]
        else:
            unit_zh, unit_en = info.count_unit_zh, info.count_unit_en
        if self.scaled:
            return f"{unit_zh}/km²", f"{unit_en}/km²", PER_KM2
        return f"{unit_zh}(核加权)", f"{unit_en} (kernel-weighted)", 1.0


@dataclass(frozen=True)
class Surface:
    """A density grid (float32, grid units: weight or weight/m²) and its maximum.

    ``padded`` is the grid with a border of zeros one cell wide (``values`` is a view
    into it): bilinear reads near and past the edge need no bounds checks.
    """

    query: HeatQuery
    grid: Grid | None
    padded: Float32Array
    vmax: float
    points: int
    version: str

    @property
    def values(self) -> Float32Array:
        return self.padded[1:-1, 1:-1]

    @property
    def display_max(self) -> float:
        """Top of the colour scale in display units (per km² when scaled)."""
        return self.vmax * self.query.units()[2]


def surface_grid(points: PointLayer, radius_m: float) -> Grid:
    """The surface's grid: QGIS's grid of the points with ``radius / 24`` cells (or coarser)."""
    extent = points_extent(points.x, points.y)
    width = extent[2] - extent[0] + 2 * radius_m
    height = extent[3] - extent[1] + 2 * radius_m
    cell = max(radius_m / CELLS_PER_RADIUS, max(width, height) / (MAX_SIDE - 1))
    return Grid.qgis(extent, radius_m, cell, points.epsg)


def build_surface(points: PointLayer, query: HeatQuery) -> Surface:
    """Filter and weight ``points`` as ``query`` says and compute the full-extent grid."""
    chosen = select(points, query.where)
    weight = chosen.weight(query.weight)
    if len(chosen) == 0:
        return Surface(query, None, np.zeros((2, 2), np.float32), 0.0, 0, points.version)
    grid = surface_grid(chosen, query.radius_m)
    raw = density(chosen.x, chosen.y, weight, grid, query.spec, method="fast")
    padded = np.zeros((grid.rows + 2, grid.cols + 2), dtype=np.float32)
    padded[1:-1, 1:-1] = np.maximum(raw, 0.0)
    return Surface(query, grid, padded, float(padded.max()), len(chosen), points.version)
