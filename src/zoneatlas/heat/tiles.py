"""XYZ heat tiles: 256-pixel PNGs in Web Mercator (EPSG:3857) resampled from a surface.

For a tile, the centres of a 9 × 9 lattice of its pixels are projected exactly from Web
Mercator to the surface's metric CRS, the other pixel centres are interpolated between
them (the projection is smooth: the error is far below a millimetre at zoom ≥ 8), and
the density is read bilinearly from the full-extent :class:`~zoneatlas.heat.surface.Surface`
at each pixel centre. Every tile samples the same continuous field, so neighbouring
tiles agree along their edges, and all share the surface's maximum as the top of the
colour scale. :class:`zoneatlas.heat.service.HeatService` caches surfaces and tiles.
"""

from __future__ import annotations

import math
import struct
import zlib
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from zoneatlas.errors import InvalidParameter
from zoneatlas.geo.crs import transformer
from zoneatlas.heat.ramps import colorize
from zoneatlas.heat.surface import Surface

FloatArray = npt.NDArray[np.float64]

TILE_SIZE = 256
#: Half the side of the Web Mercator square, metres (π × 6378137).
MERCATOR_HALF = math.pi * 6378137.0
MAX_ZOOM = 22
LATTICE = 9


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """(west, south, east, north) of XYZ tile ``z/x/y`` in EPSG:3857 metres."""
    check_tile(z, x, y)
    size = 2 * MERCATOR_HALF / 2**z
    west = -MERCATOR_HALF + x * size
    north = MERCATOR_HALF - y * size
    return (west, north - size, west + size, north)


def check_tile(z: int, x: int, y: int) -> None:
    """Raise :class:`InvalidParameter` unless ``z/x/y`` names a tile."""
    if not 0 <= z <= MAX_ZOOM:
        raise InvalidParameter("z", f"zoom must be between 0 and {MAX_ZOOM}")
    if not (0 <= x < 2**z and 0 <= y < 2**z):
        raise InvalidParameter("x", f"tile {z}/{x}/{y} does not exist")


@lru_cache(maxsize=1)
def _interpolation_weights() -> tuple[npt.NDArray[np.intp], FloatArray]:
    """For each pixel index: the lattice knot below it and the fraction towards the next."""
    at = np.arange(TILE_SIZE) * (LATTICE - 1) / (TILE_SIZE - 1)
    low = np.minimum(np.floor(at).astype(np.intp), LATTICE - 2)
    return low, at - low


def _upsample(knots: FloatArray) -> FloatArray:
    """Bilinear interpolation of a (LATTICE, LATTICE) array to (TILE_SIZE, TILE_SIZE).

    Written with gathers, not matrix products: BLAS start-up costs more than the work.
    """
    low, frac = _interpolation_weights()
    rows = knots[low] * (1.0 - frac)[:, None] + knots[low + 1] * frac[:, None]
    return np.asarray(rows[:, low] * (1.0 - frac) + rows[:, low + 1] * frac)


def _lattice_centres(z: int, x: int, y: int, epsg: int) -> tuple[FloatArray, FloatArray]:
    """Exact metric coordinates of the 9 × 9 lattice of pixel centres of a tile."""
    west, _south, _east, north = tile_bounds(z, x, y)
    pixel = 2 * MERCATOR_HALF / 2**z / TILE_SIZE
    knots = np.linspace(0, TILE_SIZE - 1, LATTICE)
    grid_mx, grid_my = np.meshgrid(west + (knots + 0.5) * pixel, north - (knots + 0.5) * pixel)
    px, py = transformer("EPSG:3857", f"EPSG:{epsg}").transform(grid_mx, grid_my)
    return np.asarray(px, dtype=np.float64), np.asarray(py, dtype=np.float64)


def tile_pixel_centres(z: int, x: int, y: int, epsg: int) -> tuple[FloatArray, FloatArray]:
    """Metric coordinates (metres of ``epsg``) of the 256 × 256 pixel centres of a tile.

    The centres of a 9 × 9 lattice of pixels (every 31.875 px, corners included) are
    projected exactly; the others are interpolated bilinearly between them.
    """
    px, py = _lattice_centres(z, x, y, epsg)
    return _upsample(px), _upsample(py)


def sample_surface(surface: Surface, px: FloatArray, py: FloatArray) -> FloatArray:
    """Bilinear density of ``surface`` at metric points ``(px, py)`` (0 outside its grid)."""
    if surface.grid is None:
        return np.zeros(np.shape(px))
    col, row = surface.grid.to_pixel(px, py)
    return _sample_pixels(surface, col, row)


def _sample_pixels(surface: Surface, col: FloatArray, row: FloatArray) -> FloatArray:
    """Bilinear read of the surface at fractional (col, row) of its grid; 0 outside.

    float32 throughout (a 2048-cell grid still resolves 1/4000 of a cell).
    """
    padded = surface.padded  # one cell of zeros around the grid: index = pixel + 1
    rows, cols = padded.shape
    c = np.clip(np.asarray(col, dtype=np.float32) + np.float32(1), 0, cols - 1)
    r = np.clip(np.asarray(row, dtype=np.float32) + np.float32(1), 0, rows - 1)
    c0 = np.minimum(c.astype(np.int32), cols - 2)
    r0 = np.minimum(r.astype(np.int32), rows - 2)
    fc, fr = c - c0, r - r0
    index = r0.astype(np.intp) * cols + c0
    flat = padded.ravel()
    top_left, top_right = np.take(flat, index), np.take(flat, index + 1)
    bottom_left, bottom_right = np.take(flat, index + cols), np.take(flat, index + cols + 1)
    top = top_left + (top_right - top_left) * fc
    bottom = bottom_left + (bottom_right - bottom_left) * fc
    return np.asarray(top + (bottom - top) * fr, dtype=np.float64)


def encode_png(rgba: npt.NDArray[np.uint8]) -> bytes:
    """An RGBA PNG, every row with the "Up" filter, deflated at level 1.

    Four times faster than Pillow's encoder here (no per-row filter search), and heat
    tiles are smooth from row to row, which is what "Up" compresses well.
    """
    height, width, _ = rgba.shape
    rows = np.empty((height, 1 + 4 * width), dtype=np.uint8)
    rows[:, 0] = 2  # filter type Up: each byte minus the byte above (mod 256)
    flat = rgba.reshape(height, 4 * width)
    rows[0, 1:] = flat[0]
    np.subtract(flat[1:], flat[:-1], out=rows[1:, 1:])
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)),
            _chunk(b"IEND", b""),
        ]
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@lru_cache(maxsize=1)
def empty_png() -> bytes:
    """A fully transparent tile."""
    return encode_png(np.zeros((TILE_SIZE, TILE_SIZE, 4), dtype=np.uint8))


def render_tile(surface: Surface, z: int, x: int, y: int, ramp: str) -> bytes:
    """PNG bytes of one tile of ``surface`` with ``ramp`` on the surface's fixed scale."""
    if surface.grid is None or surface.grid.epsg is None or surface.vmax <= 0:
        return empty_png()
    # the lattice in the surface's fractional (col, row), then upsampled: the same
    # bilinear interpolation as tile_pixel_centres, composed with the grid's affine map
    col, row = surface.grid.to_pixel(*_lattice_centres(z, x, y, surface.grid.epsg))
    if col.max() < -1 or row.max() < -1 or col.min() > surface.grid.cols:
        return empty_png()
    if row.min() > surface.grid.rows:
        return empty_png()
    values = _sample_pixels(surface, _upsample(col), _upsample(row))
    if not values.any():
        return empty_png()
    return encode_png(colorize(values, surface.vmax, ramp))
