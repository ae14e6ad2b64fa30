"""Web Mercator (EPSG:3857) XYZ tile arithmetic, vectorized with numpy.

Tile (z, x, y) follows the XYZ convention: x grows east, y grows south, zoom z has 2^z
tiles per axis.

>>> tile_bounds(0, 0, 0)
(-180.0, -85.0511287798066, 180.0, 85.0511287798066)
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from zoneatlas.errors import InvalidParameter

MAX_ZOOM = 24


def check_tile(z: int, x: int, y: int) -> None:
    """Raise InvalidParameter unless (z, x, y) names a tile."""
    if not 0 <= z <= MAX_ZOOM:
        raise InvalidParameter("z", f"zoom must be between 0 and {MAX_ZOOM}")
    n = 1 << z
    if not (0 <= x < n and 0 <= y < n):
        raise InvalidParameter("x/y", f"tile {x}/{y} does not exist at zoom {z}")


def _lat_of(y: float, n: int) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / n))))


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a tile in degrees."""
    n = 1 << z
    return (x / n * 360.0 - 180.0, _lat_of(y + 1, n), (x + 1) / n * 360.0 - 180.0, _lat_of(y, n))


def lonlat_to_tile_pixels(
    lon: NDArray[np.float64], lat: NDArray[np.float64], z: int, x: int, y: int, extent: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Longitude/latitude (degrees) to the pixel grid of tile (z, x, y), ``extent`` pixels a
    side, origin at the tile's north-west corner, y down."""
    n = float(1 << z)
    lat_rad = np.radians(np.clip(lat, -85.0511287798066, 85.0511287798066))
    world_x = (lon + 180.0) / 360.0 * n
    world_y = (1.0 - np.log(np.tan(lat_rad) + 1.0 / np.cos(lat_rad)) / math.pi) / 2.0 * n
    return (world_x - x) * extent, (world_y - y) * extent
