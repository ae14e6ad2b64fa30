"""Kernel density speed: 10M weighted points → 2048 × 2048 grid, quartic, radius 20 cells.

Goal: zoneatlas median ≤ 0.5 s on this 2-core machine (points prepared once: sorted by
lattice cell; each run bins all 10M weights and convolves). Beside it, in the same run:
the floor (np.bincount on precomputed flat indices + one FFT convolution with a
precomputed kernel spectrum), KDEpy's FFTKDE (biweight = quartic, bw = r/√7, same grid
points) and datashader points + scipy.ndimage.gaussian_filter (σ = r/√8, the quartic
kernel's standard deviation). zoneatlas one-shot (no preparation) is shown too.

Run: .venv/bin/python benchmarks/heat_kde.py [--points 10000000] [--side 2048] [--runs 7]
The peers are optional: a missing one is reported as such.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import scipy.fft

from zoneatlas.heat.convolve import density_fft, kernel_stencil
from zoneatlas.heat.grid import Grid
from zoneatlas.heat.prepared import PreparedPoints
from zoneatlas.heat.spec import KernelSpec

CELL_M = 10.0
RADIUS_CELLS = 20


def synthetic_points(n: int, side: int, seed: int = 20200624) -> tuple[Any, Any, Any]:
    """Clustered + uniform points inside the grid (metres), log-normal weights."""
    rng = np.random.default_rng(seed)
    extent = side * CELL_M
    margin = (RADIUS_CELLS + 2) * CELL_M
    clusters = rng.uniform(0.2 * extent, 0.8 * extent, (12, 2))
    which = rng.integers(0, len(clusters), n)
    clustered = n * 2 // 3
    x = np.empty(n)
    y = np.empty(n)
    x[:clustered] = clusters[which[:clustered], 0] + rng.normal(0, 0.05 * extent, clustered)
    y[:clustered] = clusters[which[:clustered], 1] + rng.normal(0, 0.05 * extent, clustered)
    x[clustered:] = rng.uniform(0, extent, n - clustered)
    y[clustered:] = rng.uniform(0, extent, n - clustered)
    np.clip(x, margin, extent - margin, out=x)
    np.clip(y, margin, extent - margin, out=y)
    return x, y, rng.lognormal(3.0, 1.0, n)


def timed(function: Callable[[], Any], runs: int, warmup: int = 1) -> tuple[list[float], Any]:
    result = None
    for _ in range(warmup):
        result = function()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - started)
    return timings, result


def floor_method(x: Any, y: Any, w: Any, grid: Grid, spec: KernelSpec) -> Callable[[], Any]:
    """np.bincount on precomputed flat indices + one FFT convolution (kernel FFT cached)."""
    half = RADIUS_CELLS + 1
    col = np.rint((x - grid.x0) / grid.cell - 0.5).astype(np.intp)
    row = np.rint((grid.y0 - y) / grid.cell - 0.5).astype(np.intp)
    flat = row * grid.cols + col
    shape = (
        scipy.fft.next_fast_len(grid.rows + 2 * half + 1, real=True),
        scipy.fft.next_fast_len(grid.cols + 2 * half + 1, real=True),
    )
    stencil = kernel_stencil(spec, grid.cell, half, (0.0, 0.0)).astype(np.float32)
    spectrum = scipy.fft.rfft2(stencil, s=shape)

    def run() -> Any:
        binned = np.bincount(flat, weights=w, minlength=grid.rows * grid.cols)
        image = binned.reshape(grid.shape).astype(np.float32)
        full = scipy.fft.irfft2(scipy.fft.rfft2(image, s=shape) * spectrum, s=shape)
        return full[half : half + grid.rows, half : half + grid.cols]

    return run


def kdepy_method(x: Any, y: Any, w: Any, grid: Grid, spec: KernelSpec) -> Callable[[], Any]:
    from KDEpy import FFTKDE

    cx, cy = grid.centres()
    gx, gy = np.meshgrid(cx, cy[::-1], indexing="ij")  # KDEpy wants sorted grid points
    grid_points = np.column_stack([gx.ravel(), gy.ravel()])
    data = np.column_stack([x, y])
    bw = spec.radius_m / math.sqrt(7)

    def run() -> Any:
        values = FFTKDE(kernel="biweight", bw=bw).fit(data, weights=w).evaluate(grid_points)
        # back to our layout (row 0 north) and to weight per m² like our scaled output
        return values.reshape(grid.cols, grid.rows).T[::-1] * w.sum()

    return run


def datashader_method(x: Any, y: Any, w: Any, grid: Grid, spec: KernelSpec) -> Callable[[], Any]:
    import datashader
    import pandas as pd
    from scipy import ndimage

    west, south, east, north = grid.bounds
    frame = pd.DataFrame({"x": x, "y": y, "w": w})
    canvas = datashader.Canvas(
        plot_width=grid.cols, plot_height=grid.rows, x_range=(west, east), y_range=(south, north)
    )
    sigma = spec.radius_m / math.sqrt(8) / grid.cell

    def run() -> Any:
        image = canvas.points(frame, "x", "y", agg=datashader.sum("w")).values
        return ndimage.gaussian_filter(np.nan_to_num(image[::-1]), sigma)

    return run


def blas_note() -> str:
    try:
        from threadpoolctl import threadpool_info

        kinds = {f"{i['internal_api']}:{i.get('architecture')}" for i in threadpool_info()}
        return ", ".join(sorted(kinds))
    except ImportError:
        return "threadpoolctl not installed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--points", type=int, default=10_000_000)
    parser.add_argument("--side", type=int, default=2048)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    grid = Grid(0.0, args.side * CELL_M, CELL_M, args.side, args.side, 4551)
    spec = KernelSpec("quartic", RADIUS_CELLS * CELL_M, scaled=True)
    x, y, w = synthetic_points(args.points, args.side)
    print(
        f"{args.points:,} weighted points → {args.side}×{args.side} grid, quartic, r = "
        f"{RADIUS_CELLS} cells; {os.cpu_count()} cores; OPENBLAS_CORETYPE="
        f"{os.environ.get('OPENBLAS_CORETYPE', '(unset)')}; BLAS: {blas_note()}"
    )
    started = time.perf_counter()
    prepared = PreparedPoints(x, y, grid, spec.radius_m)
    weights = prepared.take(w)
    prepare_s = time.perf_counter() - started
    rows: list[tuple[str, list[float], str]] = []
    timings, ours = timed(lambda: prepared.density(weights, spec), args.runs)
    rows.append(("zoneatlas (prepared points)", timings, f"prepare once: {prepare_s:.2f} s"))
    timings, _ = timed(lambda: density_fft(x, y, w, grid, spec), max(2, args.runs // 3))
    rows.append(("zoneatlas one-shot density_fft", timings, "bins unsorted points"))
    timings, _ = timed(floor_method(x, y, w, grid, spec), args.runs)
    rows.append(("floor: bincount + 1 FFT conv", timings, "nearest-cell binning"))
    for name, make in (
        ("KDEpy FFTKDE biweight", kdepy_method),
        ("datashader + gaussian_filter", datashader_method),
    ):
        try:
            timings, other = timed(make(x, y, w, grid, spec), max(2, args.runs // 3))
        except ImportError as error:
            rows.append((name, [], f"not installed ({error.name})"))
            continue
        note = ""
        if name.startswith("KDEpy"):
            note = f"max |Δ| vs zoneatlas {np.abs(other - ours).max() / ours.max():.2%} of peak"
        rows.append((name, timings, note))
    print(f"{'method':34s} {'median s':>9s} {'min s':>7s} {'runs':>5s}  note")
    for name, timings, note in rows:
        if timings:
            print(
                f"{name:34s} {statistics.median(timings):9.3f} {min(timings):7.3f} "
                f"{len(timings):5d}  {note}"
            )
        else:
            print(f"{name:34s} {'-':>9s} {'-':>7s} {'-':>5s}  {note}")
    goal = statistics.median(rows[0][1])
    print(f"goal: median ≤ 0.5 s → {'met' if goal <= 0.5 else 'NOT met'} ({goal:.3f} s)")


if __name__ == "__main__":
    main()
