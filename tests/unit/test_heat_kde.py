"""Kernel density: QGIS's kernels and grid, brute force vs splatting vs binning + FFT."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
from pyproj import Transformer
from scipy import integrate

from zoneatlas.errors import InvalidParameter
from zoneatlas.heat.convolve import density_fft
from zoneatlas.heat.grid import Grid, qgis_buffer_cells
from zoneatlas.heat.kde import Method, density, density_exact, density_splat, heat_grid
from zoneatlas.heat.kernels import KERNELS, SMOOTH_KERNELS, kernel_values, scaled_constant
from zoneatlas.heat.prepared import PreparedPoints
from zoneatlas.heat.spec import KernelSpec

pytestmark = pytest.mark.unit

#: QGIS's kernels (qgskde.cpp, Wand and Jones 1995) as written there, with the quartic
#: constant of QGIS 3.42 (16 / (5π r²)) instead of the older 116 / (5π r²).
QGIS_RAW: dict[str, Callable[[float, float], float]] = {
    "quartic": lambda d, r: (1 - (d / r) ** 2) ** 2,
    "triweight": lambda d, r: (1 - (d / r) ** 2) ** 3,
    "epanechnikov": lambda d, r: 1 - (d / r) ** 2,
    "triangular": lambda d, r: 1 - d / r,
    "uniform": lambda d, r: 1.0,
}
QGIS_SCALED: dict[str, Callable[[float, float], float]] = {
    "quartic": lambda d, r: 16 / (5 * math.pi * r**2) * 15 / 16 * (1 - (d / r) ** 2) ** 2,
    "triweight": lambda d, r: 128 / (35 * math.pi * r**2) * 35 / 32 * (1 - (d / r) ** 2) ** 3,
    "epanechnikov": lambda d, r: 8 / (3 * math.pi * r**2) * 3 / 4 * (1 - (d / r) ** 2),
    "triangular": lambda d, r: 3 / (math.pi * r**2) * (1 - d / r),
    "uniform": lambda d, r: 2 / (math.pi * r) * (0.5 / r),
}


def _cluster(seed: int, n: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = np.concatenate([rng.normal(500, 120, n // 2), rng.uniform(0, 1000, n - n // 2)])
    y = np.concatenate([rng.normal(300, 80, n // 2), rng.uniform(0, 700, n - n // 2)])
    return x, y, rng.uniform(0.5, 3.0, n)


@pytest.mark.parametrize("kernel", sorted(QGIS_RAW))
def test_kernels_are_qgis_formulas(kernel: str) -> None:
    r = 250.0
    for d in (0.0, 10.0, 100.0, 249.0, 250.0):
        spec_raw, spec_scaled = KernelSpec(kernel, r), KernelSpec(kernel, r, scaled=True)
        raw = kernel_values(kernel, np.array([d / r]))[0]
        assert raw == pytest.approx(QGIS_RAW[kernel](d, r), abs=1e-15)
        assert raw * spec_scaled.factor == pytest.approx(QGIS_SCALED[kernel](d, r), rel=1e-12)
        assert spec_raw.factor == 1.0
    assert kernel_values(kernel, np.array([1.0001]))[0] == 0.0


@pytest.mark.parametrize("kernel", KERNELS)
def test_scaled_kernels_integrate_to_one(kernel: str) -> None:
    def ring(u: float) -> float:
        return float(kernel_values(kernel, np.array([u]))[0]) * 2 * math.pi * u

    area, _ = integrate.quad(ring, 0.0, 1.0)
    assert area * scaled_constant(kernel) == pytest.approx(1.0, rel=1e-9)


def test_triangular_decay_is_normalised() -> None:
    def ring(u: float) -> float:
        return float(kernel_values("triangular", np.array([u]), decay=0.5)[0]) * 2 * math.pi * u

    area, _ = integrate.quad(ring, 0.0, 1.0)
    assert area * scaled_constant("triangular", 0.5) == pytest.approx(1.0)


def test_qgis_grid_conventions() -> None:
    grid = Grid.qgis((1000.0, 2000.0, 1995.0, 2500.0), radius_m=100.0, cell_m=10.0, epsg=4551)
    assert (grid.x0, grid.y0) == (900.0, 2600.0)  # bounds' north-west corner
    assert grid.cols == math.ceil(1195.0 / 10.0) + 1 and grid.rows == 71
    assert grid.geotransform == (900.0, 10.0, 0.0, 2600.0, 0.0, -10.0)
    assert grid.pixel_centre(0, 0) == (905.0, 2595.0)
    assert grid.pixel_centre(2, 3) == (935.0, 2575.0)
    assert qgis_buffer_cells(100.0, 10.0) == 10 and qgis_buffer_cells(105.0, 10.0) == 11


@pytest.mark.parametrize("scaled", [False, True])
@pytest.mark.parametrize("kernel", KERNELS)
def test_splat_equals_brute_force(kernel: str, scaled: bool) -> None:
    x, y, w = _cluster(1, 80)
    grid = Grid.qgis((0.0, 0.0, 1000.0, 700.0), 137.0, 23.0)
    spec = KernelSpec(kernel, 137.0, scaled)
    brute = density_exact(x, y, w, grid, spec)
    splat = density_splat(x, y, w, grid, spec)
    assert brute.max() > 0
    np.testing.assert_allclose(splat, brute, rtol=1e-12, atol=1e-12 * brute.max())
    np.testing.assert_allclose(density(x, y, w, grid, spec), brute, atol=1e-9 * brute.max())


@pytest.mark.parametrize("radius_cells", [3.0, 4.6, 7.0, 10.0, 15.0, 20.0, 31.5])
@pytest.mark.parametrize("kernel", sorted(SMOOTH_KERNELS))
@pytest.mark.parametrize("scaled", [False, True])
def test_fft_path_within_tolerance(kernel: str, radius_cells: float, scaled: bool) -> None:
    cell = 10.0
    spec = KernelSpec(kernel, radius_cells * cell, scaled)
    tolerance = 0.005 if radius_cells >= 10 else 0.01
    worst_single = (np.array([5.0]), np.array([5.0]), np.array([2.0]))  # half-cell offsets
    for x, y, w in (worst_single, _cluster(2, 300)):
        grid = Grid.qgis((x.min(), y.min(), x.max(), y.max()), spec.radius_m, cell)
        exact = density_splat(x, y, w, grid, spec)
        fast = density_fft(x, y, w, grid, spec)
        assert np.abs(fast - exact).max() <= tolerance * exact.max()


@pytest.mark.parametrize("kernel", KERNELS)
def test_auto_within_tolerance_for_every_kernel(kernel: str) -> None:
    x, y, w = _cluster(3, 3000)
    spec = KernelSpec(kernel, 120.0)
    grid = Grid.qgis((0.0, 0.0, 1000.0, 700.0), spec.radius_m, 10.0)
    exact = density_splat(x, y, w, grid, spec)
    auto = density(x, y, w, grid, spec, method="auto")
    assert np.abs(auto - exact).max() <= 0.005 * exact.max()


@pytest.mark.parametrize("kernel", KERNELS)
def test_scaled_output_integrates_to_total_weight(kernel: str) -> None:
    x, y, w = _cluster(4, 500)
    spec = KernelSpec(kernel, 200.0, scaled=True)
    methods: tuple[Method, ...] = ("splat", "fft")
    for method in methods:
        grid, values = heat_grid(x, y, w, spec, cell_m=10.0, method=method)
        total = values.sum() * grid.cell_area_m2()
        assert total == pytest.approx(w.sum(), rel=2e-3 if kernel != "uniform" else 1e-2)


def test_single_point_peaks_in_its_cell_in_the_zone_crs() -> None:
    lon, lat = 125.4567, 43.8123
    x, y = Transformer.from_crs("EPSG:4326", "EPSG:4551", always_xy=True).transform(lon, lat)
    spec = KernelSpec("quartic", 300.0)
    grid, values = heat_grid(np.array([x]), np.array([y]), None, spec, cell_m=7.0, epsg=4551)
    row, col = np.unravel_index(np.argmax(values), values.shape)
    west, _south, _east, north = grid.bounds
    assert west + col * 7.0 <= x < west + (col + 1) * 7.0
    assert north - (row + 1) * 7.0 < y <= north - row * 7.0
    assert grid.epsg == 4551 and 400_000 < x < 500_000  # easting near the 126°E meridian
    assert values.max() == pytest.approx(1.0, abs=1e-3)


def _qgis_add_feature_port(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, grid: Grid, spec: KernelSpec
) -> np.ndarray:
    """A literal port of QgsKernelDensityEstimation::addFeature (float32 raster)."""
    assert grid.qgis_bottom is not None
    raster = np.zeros(grid.shape, dtype=np.float32)
    cell, r = grid.cell, spec.radius_m
    xmin, ymin, ymax = grid.x0, grid.qgis_bottom, grid.y0
    buffer = qgis_buffer_cells(r, cell)
    block = 2 * buffer + 1
    for px, py, weight in zip(x, y, w, strict=True):
        x_pos = int((px - xmin) / cell - buffer)  # C++ truncation to unsigned int
        y_pos = int((py - ymin) / cell - buffer)
        y_pos_io = int((ymax - py) / cell - buffer)
        for xp in range(block):
            for yp in range(block):
                cx = (x_pos + xp + 0.5) * cell + xmin
                cy = (y_pos + yp + 0.5) * cell + ymin
                d = math.hypot(cx - px, cy - py)
                if d > r:
                    continue
                value = weight * kernel_values(spec.kernel, np.array([d / r]))[0] * spec.factor
                raster[y_pos_io + yp, x_pos + xp] += np.float32(value)
    return raster


@pytest.mark.parametrize("kernel", ["quartic", "uniform", "epanechnikov"])
def test_qgis_rows_reproduce_qgis_exactly(kernel: str) -> None:
    x, y, w = _cluster(5, 40)
    spec = KernelSpec(kernel, 105.0, scaled=True)
    grid, ours = heat_grid(x, y, w, spec, cell_m=10.0, qgis_rows=True, method="splat")
    qgis = _qgis_add_feature_port(x, y, w, grid, spec)
    np.testing.assert_allclose(ours, qgis, rtol=2e-6, atol=2e-6 * qgis.max())
    _grid, exact = heat_grid(x, y, w, spec, cell_m=10.0, method="splat")
    assert np.abs(exact - qgis).max() > 1e-3 * qgis.max()  # the row quirk is real


def test_prepared_points_match_fft_path() -> None:
    x, y, w = _cluster(6, 5000)
    spec = KernelSpec("quartic", 200.0)
    grid = Grid.qgis((0.0, 0.0, 1000.0, 700.0), 250.0, 10.0)
    prepared = PreparedPoints(x, y, grid, radius_m=250.0)
    reference = density_fft(x, y, w, grid, spec)
    fast = prepared.density(prepared.take(w), spec)
    assert np.abs(fast - reference).max() <= 1e-5 * reference.max()
    smaller = KernelSpec("quartic", 160.0, scaled=True)  # any radius up to the prepared one
    reference = density_fft(x, y, w, grid, smaller)
    fast = prepared.density(prepared.take(w), smaller)
    assert np.abs(fast - reference).max() <= 1e-5 * reference.max()
    with pytest.raises(InvalidParameter):  # 12 cells: plain binning is not exact enough
        prepared.density(prepared.take(w), KernelSpec("quartic", 120.0))
    far = PreparedPoints(x + 1e6, y, grid, radius_m=250.0)  # no point near the grid
    assert len(far) == 0 and not far.density(far.take(None), spec).any()


def test_shape_instead_of_cell() -> None:
    x, y, w = _cluster(7, 50)
    grid, values = heat_grid(x, y, w, KernelSpec(radius_m=100.0), shape=(64, 96))
    assert values.shape == (64, 96) == grid.shape
    qgis = Grid.qgis((x.min(), y.min(), x.max(), y.max()), 100.0, grid.cell)
    assert (qgis.x0, qgis.y0) == (grid.x0, grid.y0) and qgis.cols - 96 <= 2


@pytest.mark.parametrize(
    ("make", "parameter"),
    [
        (lambda: KernelSpec("cosine"), "kernel"),
        (lambda: KernelSpec(radius_m=0.0), "radius"),
        (lambda: KernelSpec(radius_m=float("nan")), "radius"),
        (lambda: KernelSpec("triangular", decay=-1.0), "decay"),
        (lambda: Grid.qgis((0, 0, 1, 1), 10.0, -5.0), "cell"),
        (lambda: Grid.qgis((0, 0, 1e7, 1e7), 10.0, 1.0), "cell"),
        (lambda: heat_grid(np.array([]), np.array([]), None, KernelSpec(), cell_m=5), "points"),
    ],
)
def test_bad_input_is_invalid_parameter(make: object, parameter: str) -> None:
    with pytest.raises(InvalidParameter) as error:
        make()  # type: ignore[operator]
    assert error.value.parameter == parameter
