"""Weighted kernel density on a grid in a metric CRS, with QGIS's definitions.

Three ways to compute the same grid:

:func:`density_at`
    brute force: every query point against every data point. The reference for tests.
:func:`density_splat`
    exact splatting: each point adds its kernel to the pixels within its radius. Exact
    (float64), cost ∝ points × (radius in pixels)².
:func:`zoneatlas.heat.convolve.density_fft`
    linear binning + FFT convolution: cost ∝ points + pixels·log(pixels), within 0.5 % of
    the grid's peak for the smooth kernels (quartic, triweight, gaussian).

:func:`density` picks one (``method="auto"``); :func:`heat_grid` builds QGIS's grid for
a set of points first.

>>> import numpy as np
>>> grid = Grid.qgis((0.0, 0.0, 0.0, 0.0), radius_m=100.0, cell_m=10.0)
>>> values = density(np.array([0.0]), np.array([0.0]), None, grid, KernelSpec(radius_m=100.0))
>>> grid.shape, float(values.max()) < 1.0
((21, 21), True)
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
import numpy.typing as npt

from zoneatlas.errors import InvalidParameter
from zoneatlas.heat.convolve import (
    PLAIN_BINNING_MIN_CELLS,
    density_fft,
    half_width,
    refinement,
)
from zoneatlas.heat.grid import Grid, points_extent, qgis_effective_y
from zoneatlas.heat.kernels import SMOOTH_KERNELS, kernel_values
from zoneatlas.heat.spec import KernelSpec

FloatArray = npt.NDArray[np.float64]
Method = Literal["auto", "fast", "exact", "splat", "fft"]
METHODS = ("auto", "fast", "exact", "splat", "fft")

#: Kernel evaluations per splatting chunk (memory: ~5 arrays of this many float64).
SPLAT_CHUNK = 1 << 21
#: Kernel evaluations up to which auto splats exactly where the FFT path is not accurate
#: enough (kernels that are not smooth, tiny radii); about 10 s on one core.
ROUGH_SPLAT_BUDGET = 400_000_000


def _weights(weight: FloatArray | None, n: int) -> FloatArray:
    if weight is None:
        return np.ones(n)
    w = np.asarray(weight, dtype=np.float64)
    if w.shape != (n,):
        raise InvalidParameter("weight", f"expected {n} weights, got shape {w.shape}")
    if not np.all(np.isfinite(w)):
        raise InvalidParameter("weight", "weights must be finite numbers")
    return w


def density_at(
    qx: FloatArray,
    qy: FloatArray,
    x: FloatArray,
    y: FloatArray,
    weight: FloatArray | None,
    spec: KernelSpec,
) -> FloatArray:
    """Brute-force density at query points ``(qx, qy)`` (metres, any shape).

    Sums ``weight × K(d / r)`` over every data point (then × C/r² when scaled). Cost
    ∝ queries × points: for tests and small inputs.
    """
    qx_flat = np.asarray(qx, dtype=np.float64).ravel()
    qy_flat = np.asarray(qy, dtype=np.float64).ravel()
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w = _weights(weight, len(x))
    out = np.zeros(qx_flat.shape)
    step = max(1, SPLAT_CHUNK // max(len(x), 1))
    for start in range(0, len(qx_flat), step):
        dx = qx_flat[start : start + step, None] - x[None, :]
        dy = qy_flat[start : start + step, None] - y[None, :]
        u = np.sqrt(dx * dx + dy * dy) / spec.radius_m
        out[start : start + step] = kernel_values(spec.kernel, u, spec.decay) @ w
    return (out * spec.factor).reshape(np.shape(qx))


def density_exact(
    x: FloatArray, y: FloatArray, weight: FloatArray | None, grid: Grid, spec: KernelSpec
) -> FloatArray:
    """Brute-force density at every pixel centre of ``grid`` (rows, cols)."""
    cx, cy = grid.centres()
    qx, qy = np.meshgrid(cx, cy)
    return density_at(qx, qy, x, y, weight, spec)


def density_splat(
    x: FloatArray, y: FloatArray, weight: FloatArray | None, grid: Grid, spec: KernelSpec
) -> FloatArray:
    """Exact density on ``grid``: each point adds its kernel to the pixels in its radius."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w = _weights(weight, len(x))
    half = half_width(spec.radius_m, grid.cell)
    col, row = grid.to_pixel(x, y)
    near = (col > -half) & (row > -half) & (col < grid.cols + half) & (row < grid.rows + half)
    col, row, w = col[near], row[near], w[near]
    offsets = np.arange(-half, half + 1)
    off_r, off_c = (a.ravel() for a in np.meshgrid(offsets, offsets, indexing="ij"))
    base_c, base_r = np.rint(col).astype(np.int64), np.rint(row).astype(np.int64)
    out = np.zeros(grid.rows * grid.cols)
    step = max(1, SPLAT_CHUNK // len(off_r))
    for start in range(0, len(col), step):
        part = slice(start, start + step)
        pix_c = base_c[part, None] + off_c[None, :]
        pix_r = base_r[part, None] + off_r[None, :]
        dx = (pix_c - col[part, None]) * grid.cell
        dy = (pix_r - row[part, None]) * grid.cell
        u = np.sqrt(dx * dx + dy * dy) / spec.radius_m
        inside = (u <= 1.0) & (pix_c >= 0) & (pix_r >= 0)
        inside &= (pix_c < grid.cols) & (pix_r < grid.rows)
        values = kernel_values(spec.kernel, u[inside], spec.decay)
        flat = pix_r[inside] * grid.cols + pix_c[inside]
        weights = np.broadcast_to(w[part, None], u.shape)[inside]
        out += np.bincount(flat, weights=values * weights, minlength=out.size)
    return out.reshape(grid.shape) * spec.factor


def choose_method(
    n_points: int, grid: Grid, spec: KernelSpec, rough_budget: int = ROUGH_SPLAT_BUDGET
) -> Literal["splat", "fft"]:
    """The cheaper of exact splatting and binning + FFT, where the FFT is accurate enough.

    The FFT path keeps within 0.5 % of the peak only for the smooth kernels once the
    refined lattice spans enough cells (:data:`PLAIN_BINNING_MIN_CELLS`); otherwise exact
    splatting is used up to ``rough_budget`` kernel evaluations (0: by cost alone).
    """
    radius_cells = spec.radius_m / grid.cell
    half = half_width(spec.radius_m, grid.cell)
    s = refinement(spec.kernel, radius_cells)
    accurate = (
        spec.kernel in SMOOTH_KERNELS and radius_cells * s >= PLAIN_BINNING_MIN_CELLS[spec.kernel]
    )
    splat_cost = n_points * (2 * half + 1) ** 2
    fft_cost = 8 * s * s * (grid.rows + 2 * half) * (grid.cols + 2 * half) + 20 * n_points
    if splat_cost <= fft_cost or (not accurate and splat_cost <= rough_budget):
        return "splat"
    return "fft"


def density(
    x: FloatArray,
    y: FloatArray,
    weight: FloatArray | None,
    grid: Grid,
    spec: KernelSpec,
    method: Method = "auto",
) -> FloatArray:
    """Kernel density of weighted points on ``grid``.

    Parameters
    ----------
    x, y : ndarray
        Point coordinates in the grid's metric CRS, metres.
    weight : ndarray or None
        Weight of each point (None: 1 each, a count).
    grid : Grid
        Output grid (pixel centres, metres).
    spec : KernelSpec
        Kernel, radius in metres, raw or scaled output.
    method : {"auto", "fast", "exact", "splat", "fft"}
        ``exact`` is brute force; ``splat`` is exact and faster; ``fft`` bins and
        convolves; ``auto`` picks splat or fft by cost and kernel smoothness (within
        0.5 % of the peak); ``fast`` picks the cheaper of the two (for display).

    Returns
    -------
    ndarray
        ``(rows, cols)`` float64, row 0 north: weight (raw) or weight per m² (scaled).
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w = _weights(weight, len(x))
    if method in ("auto", "fast"):
        budget = ROUGH_SPLAT_BUDGET if method == "auto" else 0
        method = choose_method(len(x), grid, spec, budget)
    if method == "exact":
        return density_exact(x, y, w, grid, spec)
    if method == "splat":
        return density_splat(x, y, w, grid, spec)
    if method == "fft":
        return density_fft(x, y, w, grid, spec)
    raise InvalidParameter("method", f"unknown method {method!r}; expected one of {METHODS}")


def heat_grid(
    x: FloatArray,
    y: FloatArray,
    weight: FloatArray | None,
    spec: KernelSpec,
    *,
    cell_m: float | None = None,
    shape: tuple[int, int] | None = None,
    epsg: int | None = None,
    qgis_rows: bool = False,
    method: Method = "auto",
) -> tuple[Grid, FloatArray]:
    """QGIS's heat-map grid for the points, and the density on it.

    The grid is :meth:`Grid.qgis` of the points' extent with ``cell_m`` (metres), or
    :meth:`Grid.fit_shape` with ``shape`` (rows, cols). With ``qgis_rows`` each point's
    kernel is centred where QGIS centres it (:func:`qgis_effective_y`), so that the grid
    matches QGIS's output to float32 precision instead of the exact estimate.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    extent = points_extent(x, y)
    if (cell_m is None) == (shape is None):
        raise InvalidParameter("cell", "give either a cell size in metres or a grid shape")
    if cell_m is not None:
        if not (math.isfinite(cell_m) and cell_m > 0):
            raise InvalidParameter("cell", "must be a positive number of metres")
        grid = Grid.qgis(extent, spec.radius_m, cell_m, epsg)
    else:
        assert shape is not None
        grid = Grid.fit_shape(extent, spec.radius_m, shape, epsg)
    if qgis_rows:
        y = qgis_effective_y(y, grid, spec.radius_m)
    return grid, density(x, y, weight, grid, spec, method)
