"""Heat tiles: seamless edges, fixed colour scale, transparency, caching, legend."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from PIL import Image

from zoneatlas.errors import InvalidParameter
from zoneatlas.heat.kde import density_at
from zoneatlas.heat.points import PointLayer, make_layer
from zoneatlas.heat.ramps import RAMPS, colorize, lookup_table
from zoneatlas.heat.service import HeatService
from zoneatlas.heat.surface import HeatQuery
from zoneatlas.heat.tiles import (
    empty_png,
    sample_surface,
    tile_bounds,
    tile_pixel_centres,
)

pytestmark = pytest.mark.unit
LON, LAT = 125.45, 43.80


def _layer(n: int = 400, seed: int = 0) -> PointLayer:
    rng = np.random.default_rng(seed)
    lon = LON + rng.normal(0, 0.01, n)
    lat = LAT + rng.normal(0, 0.007, n)
    industry = rng.choice(["digital_economy", "life_health"], n)
    numbers = {"employees": rng.integers(1, 500, n).astype(float), "output_wan": rng.random(n)}
    return make_layer("enterprises", 4551, lon, lat, numbers, {"industry": industry})


class FakeSource:
    def __init__(self, layer: PointLayer) -> None:
        self.layer = layer
        self.loads = 0

    def points(self, zone: str, layer: str) -> PointLayer:
        self.loads += 1
        return self.layer


def tile_xy(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return x, y


def _rgba(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def test_tile_bounds_and_bad_tiles() -> None:
    assert tile_bounds(0, 0, 0) == pytest.approx(
        (-20037508.34, -20037508.34, 20037508.34, 20037508.34)
    )
    west, south, east, north = tile_bounds(1, 1, 0)
    assert (west, south) == pytest.approx((0.0, 0.0)) and east == north
    for z, x, y in [(-1, 0, 0), (23, 0, 0), (3, 8, 0), (3, 0, -1)]:
        with pytest.raises(InvalidParameter):
            tile_bounds(z, x, y)


@pytest.mark.parametrize("z", [13, 15])
def test_adjacent_tiles_agree_along_their_shared_edge(z: int) -> None:
    layer = _layer()
    service = HeatService(FakeSource(layer))
    query = HeatQuery("z", radius_m=400.0)
    surface = service.surface(query)
    x, y = tile_xy(LON, LAT, z)
    strips = []
    for dx, dy in [(0, 0), (1, 0), (0, 1)]:
        px, py = tile_pixel_centres(z, x + dx, y + dy, 4551)
        strips.append((px, py, sample_surface(surface, px, py)))
    (ax, ay, a), (bx, by, b), (_cx, _cy, c) = strips
    pair_x, pair_y = np.hstack([ax, bx]), np.hstack([ay, by])
    exact = density_at(pair_x, pair_y, layer.x, layer.y, None, query.spec)
    peak = max(exact.max(), 1e-30)
    assert np.abs(np.hstack([a, b]) - exact).max() <= 0.005 * peak
    # across the edge the field moves by no more than its steepest one-pixel change
    step = max(np.abs(np.diff(a, axis=1)).max(), np.abs(np.diff(b, axis=1)).max())
    assert np.abs(a[:, -1] - b[:, 0]).max() <= 1.01 * step
    step_y = max(np.abs(np.diff(a, axis=0)).max(), np.abs(np.diff(c, axis=0)).max())
    assert np.abs(a[-1, :] - c[0, :]).max() <= 1.01 * step_y
    # and the pixel centres are one pixel apart across the edge (no gap, no overlap)
    gap = np.hypot(bx[:, 0] - ax[:, -1], by[:, 0] - ay[:, -1])
    inside = np.hypot(ax[:, -1] - ax[:, -2], ay[:, -1] - ay[:, -2])
    np.testing.assert_allclose(gap, inside, rtol=1e-6)


def test_colour_scale_is_fixed_per_layer_and_filters() -> None:
    service = HeatService(FakeSource(_layer()))
    query = HeatQuery("z", radius_m=400.0)
    surface = service.surface(query)
    z = 15
    x, y = tile_xy(LON, LAT, z)
    png = service.tile(query, z, x, y, "heat")
    px, py = tile_pixel_centres(z, x, y, 4551)
    values = sample_surface(surface, px, py)
    assert values.max() < surface.vmax  # this tile is not at the peak ...
    expected = colorize(values, surface.vmax, "heat")  # ... and still uses the global scale
    np.testing.assert_array_equal(_rgba(png), expected)
    filtered = HeatQuery("z", radius_m=400.0, where=("industry=life_health",))
    assert service.surface(filtered).vmax < surface.vmax


def test_transparent_where_zero_and_far_tiles_empty() -> None:
    service = HeatService(FakeSource(_layer(50)))
    query = HeatQuery("z", radius_m=200.0)
    far = service.tile(query, 14, *tile_xy(LON + 1.0, LAT, 14), "heat")
    assert far == empty_png() and _rgba(far)[..., 3].max() == 0
    x, y = tile_xy(LON, LAT, 12)
    alpha = _rgba(service.tile(query, 12, x, y, "viridis"))[..., 3]
    assert alpha.max() > 0 and (alpha == 0).sum() > 1000


def test_tiles_are_cached_by_parameters_and_data_version() -> None:
    source = FakeSource(_layer())
    service = HeatService(source)
    query = HeatQuery("z", radius_m=300.0)
    x, y = tile_xy(LON, LAT, 14)
    assert service.cached_tile(query, 14, x, y, "heat") is None
    first = service.tile(query, 14, x, y, "heat")
    assert service.tile(query, 14, x, y, "heat") is first
    assert service.cached_tile(query, 14, x, y, "heat") is first
    service.invalidate("z")  # after an import: no cached answer until the data is read
    assert service.cached_tile(query, 14, x, y, "heat") is None
    assert service.tile(query, 14, x, y, "viridis") != first
    assert len(service.surfaces) == 1  # the ramp does not change the surface
    source.layer = _layer(seed=1)  # new data, new version: nothing stale is served
    assert service.tile(query, 14, x, y, "heat") != first
    assert len(service.surfaces) == 2


def test_legend_units_and_breaks() -> None:
    service = HeatService(FakeSource(_layer()))
    count = service.legend(HeatQuery("z", radius_m=400.0), "heat")
    surface = service.surface(HeatQuery("z", radius_m=400.0))
    assert count.unit_zh == "企业/km²" and count.unit_en == "enterprises/km²"
    assert count.vmax == pytest.approx(surface.vmax * 1e6, rel=1e-5)
    assert count.breaks[0] == 0 and count.breaks[-1] == pytest.approx(count.vmax, rel=1e-3)
    assert len(count.colors) == len(count.breaks) == 6
    output = service.legend(HeatQuery("z", radius_m=400.0, weight="output_wan"), "blues")
    assert output.unit_zh == "万元/km²" and output.ramp == "blues"
    raw = service.legend(HeatQuery("z", radius_m=400.0, scaled=False), "heat")
    assert raw.unit_en == "enterprises (kernel-weighted)"


def test_ramps_are_data_and_zero_is_transparent() -> None:
    for name in RAMPS:
        lut = lookup_table(name)
        assert lut.shape == (256, 4) and lut[-1, 3] == 255
    image = colorize(np.array([[0.0, 1e-12, 0.5, 2.0]]), 1.0, "heat")
    assert image[0, 0, 3] == 0 and image[0, 1, 3] > 0
    np.testing.assert_array_equal(image[0, 3], lookup_table("heat")[-1])
