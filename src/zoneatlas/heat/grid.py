"""Raster grids in a metric CRS, with QGIS's heat-map grid conventions.

A :class:`Grid` is north-up: row 0 is the northern row, column 0 the western one. Pixel
``(row j, col i)`` covers ``[x0 + i·cell, x0 + (i+1)·cell] × [y0 - (j+1)·cell, y0 - j·cell]``
and its value is the density at its centre ``(x0 + (i + ½)·cell, y0 - (j + ½)·cell)``.
The GDAL geotransform is ``(x0, cell, 0, y0, 0, -cell)``.

QGIS's "Heatmap (Kernel Density Estimation)" builds its raster from the layer extent
``(xmin, ymin, xmax, ymax)``: bounds = extent grown by the radius on every side; origin =
the bounds' north-west corner ``(xmin - r, ymax + r)``; ``cols = ceil(width / cell) + 1``
and ``rows = ceil(height / cell) + 1`` where width and height are the bounds' (so the
raster reaches up to one cell past the bounds' east and south edges). :meth:`Grid.qgis`
reproduces that grid exactly.

>>> g = Grid.qgis((0.0, 0.0, 1000.0, 500.0), radius_m=100.0, cell_m=10.0)
>>> (g.x0, g.y0, g.rows, g.cols)
(-100.0, 600.0, 71, 121)
>>> g.pixel_centre(0, 0)
(-95.0, 595.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zoneatlas.errors import InvalidParameter

FloatArray = npt.NDArray[np.float64]
Extent = tuple[float, float, float, float]

#: Largest grid a request may ask for (cells); 8192 × 8192 float32 is 256 MB.
MAX_CELLS = 8192 * 8192


@dataclass(frozen=True)
class Grid:
    """A north-up raster grid. Coordinates and ``cell`` in metres of ``epsg``.

    ``qgis_bottom`` is the southern edge of QGIS's bounds (layer ``ymin - r``) when the
    grid was built by :meth:`qgis`; it is only needed to emulate QGIS's row quirk.
    """

    x0: float
    y0: float
    cell: float
    rows: int
    cols: int
    epsg: int | None = None
    qgis_bottom: float | None = None

    def __post_init__(self) -> None:
        if not (math.isfinite(self.cell) and self.cell > 0):
            raise InvalidParameter("cell", "must be a positive number of metres")
        if self.rows < 1 or self.cols < 1:
            raise InvalidParameter("shape", "a grid needs at least one row and one column")
        if self.rows * self.cols > MAX_CELLS:
            raise InvalidParameter(
                "cell",
                f"a grid of {self.rows} × {self.cols} cells is too large "
                f"(at most {MAX_CELLS} cells); use a larger cell size",
            )

    @classmethod
    def qgis(cls, extent: Extent, radius_m: float, cell_m: float, epsg: int | None = None) -> Grid:
        """The grid QGIS's heat-map algorithm makes for a layer ``extent`` (metres)."""
        xmin, ymin, xmax, ymax = _grown(extent, radius_m)
        if not (math.isfinite(cell_m) and cell_m > 0):
            raise InvalidParameter("cell", "must be a positive number of metres")
        rows = max(math.ceil((ymax - ymin) / cell_m) + 1, 1)
        cols = max(math.ceil((xmax - xmin) / cell_m) + 1, 1)
        return cls(xmin, ymax, cell_m, rows, cols, epsg, qgis_bottom=ymin)

    @classmethod
    def fit_shape(
        cls, extent: Extent, radius_m: float, shape: tuple[int, int], epsg: int | None = None
    ) -> Grid:
        """A ``(rows, cols)`` grid with QGIS's origin whose square cells cover the bounds.

        The cell is ``max(width / cols, height / rows)`` of the bounds (extent grown by the
        radius); running QGIS with that pixel size gives the same origin and cells, with at
        most two more rows or columns in the south and east.
        """
        rows, cols = shape
        if rows < 1 or cols < 1:
            raise InvalidParameter("shape", "a grid needs at least one row and one column")
        xmin, ymin, xmax, ymax = _grown(extent, radius_m)
        cell = max((xmax - xmin) / cols, (ymax - ymin) / rows)
        if cell <= 0:
            cell = max(radius_m, 1.0)
        return cls(xmin, ymax, cell, rows, cols, epsg, qgis_bottom=ymin)

    @property
    def shape(self) -> tuple[int, int]:
        return (self.rows, self.cols)

    @property
    def bounds(self) -> Extent:
        """(west, south, east, north) edges in metres."""
        return (
            self.x0,
            self.y0 - self.rows * self.cell,
            self.x0 + self.cols * self.cell,
            self.y0,
        )

    @property
    def geotransform(self) -> tuple[float, float, float, float, float, float]:
        """GDAL geotransform ``(x0, cell, 0, y0, 0, -cell)``."""
        return (self.x0, self.cell, 0.0, self.y0, 0.0, -self.cell)

    def pixel_centre(self, row: int, col: int) -> tuple[float, float]:
        """Centre of one pixel, metres."""
        return (self.x0 + (col + 0.5) * self.cell, self.y0 - (row + 0.5) * self.cell)

    def centres(self) -> tuple[FloatArray, FloatArray]:
        """Pixel-centre x of every column and y of every row, metres."""
        cols = self.x0 + (np.arange(self.cols, dtype=np.float64) + 0.5) * self.cell
        rows = self.y0 - (np.arange(self.rows, dtype=np.float64) + 0.5) * self.cell
        return np.asarray(cols, dtype=np.float64), np.asarray(rows, dtype=np.float64)

    def to_pixel(self, x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Fractional (column, row) of points; pixel ``(j, i)``'s centre is ``(i, j)``."""
        col = (np.asarray(x, dtype=np.float64) - self.x0) / self.cell - 0.5
        row = (self.y0 - np.asarray(y, dtype=np.float64)) / self.cell - 0.5
        return col, row

    def cell_area_m2(self) -> float:
        return self.cell * self.cell


def _grown(extent: Extent, radius_m: float) -> Extent:
    xmin, ymin, xmax, ymax = (float(v) for v in extent)
    if not all(math.isfinite(v) for v in (xmin, ymin, xmax, ymax)) or xmin > xmax or ymin > ymax:
        raise InvalidParameter("extent", f"not a valid extent: {extent!r}")
    if not (math.isfinite(radius_m) and radius_m > 0):
        raise InvalidParameter("radius", "must be a positive number of metres")
    return (xmin - radius_m, ymin - radius_m, xmax + radius_m, ymax + radius_m)


def points_extent(x: FloatArray, y: FloatArray) -> Extent:
    """Extent ``(xmin, ymin, xmax, ymax)`` of points; raise when there are none."""
    if len(x) == 0:
        raise InvalidParameter("points", "no points to estimate a density from")
    return (float(np.min(x)), float(np.min(y)), float(np.max(x)), float(np.max(y)))


def qgis_buffer_cells(radius_m: float, cell_m: float) -> int:
    """QGIS's kernel half-width in pixels (``radiusSizeInPixels``).

    The integer part of ``r / cell``, plus one when the remainder exceeds 0.5 *map units*
    (not half a cell, as one might expect; the same for cells of 1 m and more).
    """
    buffer = int(radius_m / cell_m)
    if radius_m - cell_m * buffer > 0.5:
        buffer += 1
    return buffer


def qgis_effective_y(y: FloatArray, grid: Grid, radius_m: float) -> FloatArray:
    """Where QGIS actually centres each point's kernel in y (its row quirk), metres.

    QGIS reads and writes the block of rows around a point counting rows from the north
    edge (``yPositionIO``), but computes the pixel centres of that block counting from
    the south edge of its bounds (``yPosition``). Both are truncated to integers. The
    kernel values land mirrored: a point at ``y`` is drawn centred at
    ``north + south + (yPosition - yPositionIO) · cell - y``, which keeps the point's row
    but mirrors its position inside the row (and shifts by one row the points within a
    cell of the extent's north or south edge when QGIS rounded the buffer up). Move points
    there to reproduce a QGIS grid to float32 precision (docs/heat.md); x is exact in QGIS.
    """
    if grid.qgis_bottom is None:
        raise InvalidParameter("grid", "QGIS emulation needs a grid built by Grid.qgis")
    y = np.asarray(y, dtype=np.float64)
    buffer = qgis_buffer_cells(radius_m, grid.cell)
    position = np.trunc((y - grid.qgis_bottom) / grid.cell - buffer)
    position_io = np.trunc((grid.y0 - y) / grid.cell - buffer)
    return np.asarray(grid.y0 + grid.qgis_bottom + (position - position_io) * grid.cell - y)
