"""Points prepared for repeated densities on one grid: sorted by lattice cell.

When the same points are drawn again and again with other weights (a weight field, a
filter expressed as zero weights) the work that depends only on positions is done once:
each point's lattice cell and its offsets inside the cell, and the order that puts the
points of a cell next to each other. Binning then reads memory in order and sums
segments with ``np.add.reduceat`` on two threads (numpy releases the GIL there); the
kernel's spectrum is cached. The result equals :func:`zoneatlas.heat.convolve.density_fft`
with ``s = 1``, in float32.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from zoneatlas.errors import InvalidParameter
from zoneatlas.heat.convolve import clean, convolve_phases, half_width, refinement
from zoneatlas.heat.grid import Grid
from zoneatlas.heat.spec import KernelSpec

FloatArray = npt.NDArray[np.float64]
Float32Array = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


@lru_cache(maxsize=1)
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2)))


class PreparedPoints:
    """Points sorted by their cell of ``grid``'s lattice for kernels up to ``radius_m``.

    Parameters
    ----------
    x, y : ndarray
        Coordinates in the grid's CRS, metres.
    grid : Grid
        The output grid.
    radius_m : float
        Largest radius the prepared points will be drawn with, metres.
    """

    def __init__(self, x: FloatArray, y: FloatArray, grid: Grid, radius_m: float) -> None:
        self.grid = grid
        self.radius_m = float(radius_m)
        self.half = half_width(radius_m, grid.cell)
        pad = self.half
        self.lattice = (grid.rows + 2 * pad + 1, grid.cols + 2 * pad + 1)
        col, row = grid.to_pixel(x, y)
        col += pad
        row += pad
        keep = (col >= 0) & (row >= 0) & (col < self.lattice[1] - 1)
        keep &= row < self.lattice[0] - 1
        col, row = col[keep], row[keep]
        base_c, base_r = np.floor(col), np.floor(row)
        cells = base_r.astype(np.int64) * self.lattice[1] + base_c.astype(np.int64)
        order = np.argsort(cells, kind="stable")
        self.index: IntArray = np.flatnonzero(keep)[order]
        self.cells: IntArray = cells[order]
        self.fx: Float32Array = (col - base_c)[order].astype(np.float32)
        self.fy: Float32Array = (row - base_r)[order].astype(np.float32)
        first = np.empty(len(self.cells), dtype=bool)
        first[:1] = True
        np.not_equal(self.cells[1:], self.cells[:-1], out=first[1:])
        self.starts: IntArray = np.flatnonzero(first)
        self.unique_cells: IntArray = self.cells[self.starts]

    def __len__(self) -> int:
        return len(self.cells)

    def take(self, values: FloatArray | None) -> Float32Array:
        """Per-point values (original order) rearranged into the prepared order, float32."""
        if values is None:
            return np.ones(len(self.cells), dtype=np.float32)
        return np.asarray(values, dtype=np.float32)[self.index]

    def _corners(self, weight: Float32Array, corners: Float32Array, lo: int, hi: int) -> None:
        """Bin segments ``lo:hi`` into the four corner grids (flat), in one worker thread.

        Segments of different workers are different cells, so the writes never overlap.
        """
        first = self.starts[lo]
        last = self.starts[hi] if hi < len(self.starts) else len(weight)
        w = weight[first:last]
        wx = w * self.fx[first:last]
        wy = w * self.fy[first:last]
        wxy = wx * self.fy[first:last]
        offsets = self.starts[lo:hi] - first
        s0, sx, sy, sxy = (np.add.reduceat(a, offsets) for a in (w, wx, wy, wxy))
        cells = self.unique_cells[lo:hi]
        corners[3, cells] = sxy  # (row + 1, col + 1): Σ w·fx·fy
        sx -= sxy
        corners[1, cells] = sx  # (row, col + 1): Σ w·fx·(1 - fy)
        sy -= sxy
        corners[2, cells] = sy  # (row + 1, col): Σ w·(1 - fx)·fy
        s0 -= sx
        s0 -= sy
        s0 -= sxy
        corners[0, cells] = s0  # (row, col): Σ w·(1 - fx)·(1 - fy)

    def bin(self, weight: Float32Array) -> Float32Array:
        """Linear binning of ``weight`` (prepared order) onto the lattice."""
        if len(weight) != len(self.cells):
            raise InvalidParameter("weight", "weights must come from PreparedPoints.take")
        rows, cols = self.lattice
        corners = np.zeros((4, rows * cols), dtype=np.float32)
        n_segments = len(self.starts)
        cut = n_segments // 2
        parts = [(0, cut), (cut, n_segments)] if cut else [(0, n_segments)]
        if n_segments:
            list(_pool().map(lambda part: self._corners(weight, corners, *part), parts))
        lattice, right, below, diagonal = (c.reshape(rows, cols) for c in corners)
        lattice[:, 1:] += right[:, :-1]
        lattice[1:, :] += below[:-1, :]
        lattice[1:, 1:] += diagonal[:-1, :-1]
        return lattice

    def density(self, weight: Float32Array, spec: KernelSpec) -> Float32Array:
        """Density on the grid (raw or scaled as ``spec`` says), float32 (rows, cols)."""
        if spec.radius_m > self.radius_m:
            raise InvalidParameter("radius", "larger than the radius the points were prepared for")
        if refinement(spec.kernel, spec.radius_m / self.grid.cell) > 1:
            raise InvalidParameter(
                "radius", "too few cells for plain binning; use density_fft (refined lattice)"
            )
        lattice = self.bin(weight)
        half = half_width(spec.radius_m, self.grid.cell)
        if half != self.half:
            trim = self.half - half
            lattice = lattice[trim : lattice.shape[0] - trim, trim : lattice.shape[1] - trim]
        raw = np.asarray(convolve_phases(lattice[None], spec, self.grid, half, 1, "float32"))
        raw = clean(raw.astype(np.float32, copy=False), relative=1e-6)
        raw *= np.float32(spec.factor)
        return raw
