"""H3 aggregation equals a brute-force count with the reference h3 library."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

import h3
import numpy as np
import pytest

from zoneatlas.errors import InvalidParameter
from zoneatlas.heat.hexagons import aggregate, hex_cells, to_geojson

pytestmark = pytest.mark.unit


def _points(n: int = 3000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(11)
    lat = 43.80 + rng.normal(0, 0.01, n)
    lon = 125.45 + rng.normal(0, 0.015, n)
    return lat, lon, rng.lognormal(3, 1, n)


@pytest.mark.parametrize("res", [7, 9, 11])
def test_cells_and_counts_equal_brute_force(res: int) -> None:
    lat, lon, _ = _points()
    cells = hex_cells(lat, lon, res)
    reference = [h3.str_to_int(h3.latlng_to_cell(a, b, res)) for a, b in zip(lat, lon, strict=True)]
    assert cells.tolist() == reference
    result = aggregate(lat, lon, res)
    assert dict(zip(result.cells.tolist(), result.counts.tolist(), strict=True)) == Counter(
        reference
    )
    assert result.values.tolist() == result.counts.astype(float).tolist()


def test_sum_and_mean_equal_brute_force() -> None:
    lat, lon, values = _points()
    sums: defaultdict[int, float] = defaultdict(float)
    counts: Counter[int] = Counter()
    for a, b, v in zip(lat, lon, values, strict=True):
        cell = h3.str_to_int(h3.latlng_to_cell(a, b, 8))
        sums[cell] += v
        counts[cell] += 1
    total = aggregate(lat, lon, 8, "sum", values, "employees")
    mean = aggregate(lat, lon, 8, "mean", values, "employees")
    for cell, s, m in zip(total.cells.tolist(), total.values, mean.values, strict=True):
        assert s == pytest.approx(sums[cell]) and m == pytest.approx(sums[cell] / counts[cell])
    assert total.field == "employees"


def test_geojson_polygons_are_closed_counter_clockwise_cells() -> None:
    lat, lon, _ = _points(500)
    collection = to_geojson(aggregate(lat, lon, 8))
    assert collection["type"] == "FeatureCollection"
    assert sum(f["properties"]["count"] for f in collection["features"]) == 500
    for feature in collection["features"]:
        ring = feature["geometry"]["coordinates"][0]
        assert ring[0] == ring[-1] and len(ring) in (6, 7)  # 5 or 6 vertices + closing point
        area2 = sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring))
        assert area2 > 0
        assert h3.is_valid_cell(feature["id"]) and feature["id"] == feature["properties"]["h3"]


def test_empty_and_invalid() -> None:
    empty = aggregate(np.array([]), np.array([]), 9)
    assert len(empty.cells) == 0 and to_geojson(empty)["features"] == []
    with pytest.raises(InvalidParameter, match="res"):
        hex_cells(np.array([43.8]), np.array([125.4]), 16)
    with pytest.raises(InvalidParameter, match="stat"):
        aggregate(np.array([43.8]), np.array([125.4]), 9, "median")
    with pytest.raises(InvalidParameter, match="field"):
        aggregate(np.array([43.8]), np.array([125.4]), 9, "sum")
