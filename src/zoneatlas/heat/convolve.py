"""Fast kernel density: linear binning of the points to a lattice, then one FFT convolution.

Linear (bilinear) binning shares each point's weight among the four lattice nodes around
it; convolving the binned lattice with the kernel sampled at the pixel offsets gives the
density at the pixel centres with an error of second order in the lattice spacing ``h``:
about ``h²/8 · |∇²K|`` per point, at most ``(h/r)²`` of one kernel's peak for the quartic
kernel. To keep within 0.5 % of the peak at every radius, the lattice is refined ``s``
times (``s`` odd, so that pixel centres stay lattice nodes): the ``s²`` phases of the
fine lattice are binned separately, each is convolved with the kernel shifted by its
phase, and the products are summed in the Fourier domain before one inverse FFT.
:func:`refinement` picks ``s``; :mod:`zoneatlas.heat.kde` chooses between this and exact
splatting.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TypeVar

import numpy as np
import numpy.typing as npt
import scipy.fft

from zoneatlas.heat.grid import Grid
from zoneatlas.heat.kernels import kernel_values
from zoneatlas.heat.spec import KernelSpec

FloatArray = npt.NDArray[np.float64]
ArrayT = TypeVar("ArrayT", bound=npt.NDArray[np.floating])
ComplexArray = npt.NDArray[np.complexfloating]

#: Radius in lattice cells from which plain linear binning keeps within 0.5 % of a single
#: kernel's peak: the worst error is about ``|∇²K(0)| h² / 8``, i.e. ``c (h / r)²`` with
#: c = 1 (quartic), 1.5 (triweight), about 2.3 (gaussian); with a margin. Kernels that are not
#: smooth have first-order errors (about 23/(r/h) % for triangular, 46/(r/h) % for
#: epanechnikov, and up to 50 % of one kernel for uniform, whose edge is a step), so
#: :func:`zoneatlas.heat.kde.choose_method` splats them exactly whenever it can.
PLAIN_BINNING_MIN_CELLS: dict[str, float] = {
    "quartic": 15.0,
    "triweight": 18.5,
    "gaussian": 22.5,
    "triangular": 46.0,
    "epanechnikov": 92.0,
    "uniform": 0.0,
}
#: Largest lattice refinement (it costs s² forward FFTs).
MAX_REFINEMENT = 5


def refinement(kernel: str, radius_cells: float) -> int:
    """Lattice refinement ``s`` (odd, 1..5) for a radius of ``radius_cells`` pixels."""
    needed = PLAIN_BINNING_MIN_CELLS[kernel]
    s = 1
    while radius_cells * s < needed and s < MAX_REFINEMENT:
        s += 2
    return s


def half_width(radius_m: float, cell_m: float) -> int:
    """Kernel half-width in whole pixels plus one (room for the phase shifts)."""
    return math.ceil(radius_m / cell_m - 1e-9) + 1


def kernel_stencil(
    spec: KernelSpec, cell_m: float, half: int, shift: tuple[float, float]
) -> FloatArray:
    """Raw kernel at pixel offsets ``-half..half`` shifted by ``shift`` (col, row) pixels.

    Entry ``[t_row, t_col]`` is ``K(d / r)`` at offset ``(t_col - half - shift_col,
    t_row - half - shift_row)`` pixels, ``d`` in metres.
    """
    offsets = np.arange(-half, half + 1, dtype=np.float64)
    dx = (offsets - shift[0]) * cell_m
    dy = (offsets - shift[1]) * cell_m
    distance = np.sqrt(dy[:, None] ** 2 + dx[None, :] ** 2)
    return kernel_values(spec.kernel, distance / spec.radius_m, spec.decay)


@lru_cache(maxsize=6)
def _kernel_spectra(
    spec: KernelSpec, cell_m: float, half: int, s: int, fft_shape: tuple[int, int], dtype: str
) -> tuple[ComplexArray, ...]:
    spectra = []
    for phase_row in range(s):
        for phase_col in range(s):
            stencil = kernel_stencil(spec, cell_m, half, (phase_col / s, phase_row / s))
            spectra.append(scipy.fft.rfft2(stencil.astype(dtype), s=fft_shape))
    return tuple(spectra)


def linear_bin(
    col: FloatArray, row: FloatArray, weight: FloatArray, lattice: tuple[int, int], s: int
) -> FloatArray:
    """Bin weighted points onto the ``s²`` phase lattices of shape ``lattice``.

    ``col`` and ``row`` are coordinates in lattice units (node ``(j, i)`` at ``(i, j)``);
    points outside ``[0, n - 1)`` are dropped. Returns an array ``(s*s, rows, cols)``:
    phase ``p_row * s + p_col`` holds the fine nodes ``(s·j + p_row, s·i + p_col)``.
    """
    rows, cols = lattice
    fc, fr = col * s, row * s
    keep = (fc >= 0) & (fr >= 0) & (fc < s * (cols - 1)) & (fr < s * (rows - 1))
    fc, fr, w = fc[keep], fr[keep], np.asarray(weight, dtype=np.float64)[keep]
    kc, kr = np.floor(fc), np.floor(fr)
    tc, tr = fc - kc, fr - kr
    kc_i, kr_i = kc.astype(np.int64), kr.astype(np.int64)
    size = s * s * rows * cols
    if s == 1:  # the common case: four corner bincounts on one flat index
        flat = kr_i * cols + kc_i
        w_r1 = w * tr
        w_r0 = w - w_r1
        out: FloatArray = np.zeros(size)
        out += np.bincount(flat, weights=w_r0 - w_r0 * tc, minlength=size)
        out += np.bincount(flat + 1, weights=w_r0 * tc, minlength=size)
        out += np.bincount(flat + cols, weights=w_r1 - w_r1 * tc, minlength=size)
        out += np.bincount(flat + cols + 1, weights=w_r1 * tc, minlength=size)
        return out.reshape(1, rows, cols)
    out = np.zeros(size)
    for dr, wr in ((0, 1.0 - tr), (1, tr)):
        node_r = kr_i + dr
        for dc, wc in ((0, 1.0 - tc), (1, tc)):
            node_c = kc_i + dc
            phase = (node_r % s) * s + node_c % s
            flat = (phase * rows + node_r // s) * cols + node_c // s
            out += np.bincount(flat, weights=w * wr * wc, minlength=size)
    return out.reshape(s * s, rows, cols)


def fft_shape(grid: Grid, half: int) -> tuple[int, int]:
    """FFT size that leaves the output window free of circular wrap-around."""
    # the lattice (pixels + 2·half + 1 nodes) must fit, and wrap-around needs
    # pixels + pad + half nodes: the first bound is the larger.
    return (
        scipy.fft.next_fast_len(grid.rows + 2 * half + 1, real=True),
        scipy.fft.next_fast_len(grid.cols + 2 * half + 1, real=True),
    )


def convolve_phases(
    lattices: npt.NDArray[np.floating],
    spec: KernelSpec,
    grid: Grid,
    half: int,
    s: int,
    dtype: str = "float64",
) -> npt.NDArray[np.floating]:
    """Sum of each phase lattice convolved with its shifted kernel, on ``grid`` (raw).

    The result has the FFT's ``dtype`` (float64, or float32 for speed).
    """
    shape = fft_shape(grid, half)
    spectra = _kernel_spectra(spec, grid.cell, half, s, shape, dtype)
    total: ComplexArray | None = None
    for lattice, spectrum in zip(lattices, spectra, strict=True):
        if not lattice.any():
            continue
        term = scipy.fft.rfft2(lattice.astype(dtype, copy=False), s=shape) * spectrum
        total = term if total is None else total + term
    if total is None:
        return np.zeros(grid.shape, dtype=dtype)
    full = scipy.fft.irfft2(total, s=shape)
    start = 2 * half  # pad + half: lattice node `pad` is pixel 0; the stencil centre is `half`
    return np.ascontiguousarray(full[start : start + grid.rows, start : start + grid.cols])


def density_fft(
    x: FloatArray,
    y: FloatArray,
    weight: FloatArray,
    grid: Grid,
    spec: KernelSpec,
    s: int | None = None,
) -> FloatArray:
    """Kernel density on ``grid`` by linear binning and FFT convolution (see module doc).

    Parameters
    ----------
    x, y : ndarray
        Point coordinates in the grid's CRS, metres.
    weight : ndarray
        Point weights (1 for a count).
    grid : Grid
        Output grid.
    spec : KernelSpec
        Kernel, radius (m) and output.
    s : int, optional
        Lattice refinement (odd); default :func:`refinement` of the radius in pixels.

    Returns
    -------
    ndarray
        ``(rows, cols)`` float64: weight (raw) or weight/m² (scaled).
    """
    radius_cells = spec.radius_m / grid.cell
    s = refinement(spec.kernel, radius_cells) if s is None else s
    half = half_width(spec.radius_m, grid.cell)
    pad = half
    col, row = grid.to_pixel(x, y)
    lattice = (grid.rows + 2 * pad + 1, grid.cols + 2 * pad + 1)
    lattices = linear_bin(col + pad, row + pad, weight, lattice, s)
    raw = np.asarray(convolve_phases(lattices, spec, grid, half, s), dtype=np.float64)
    return clean(raw) * spec.factor


def clean(raw: ArrayT, relative: float = 1e-9) -> ArrayT:
    """Zero the FFT's round-off where the exact density is zero (|v| below ``relative``·peak).

    Works in place, in the array's own dtype.
    """
    if raw.size == 0:
        return raw
    peak = max(float(raw.max()), -float(raw.min()))
    if peak > 0:
        threshold = peak * relative
        raw[(raw < threshold) & (raw > -threshold)] = 0
    return raw
