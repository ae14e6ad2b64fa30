"""Distances from geometry, grade polygons and the demo tables."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, Point, box
from shapely.geometry.base import BaseGeometry

from zoneatlas.landprice.demo import (
    DEMO_USE_MAPPING,
    demo_grade_polygons,
    demo_table_set,
    grade_for_geometry,
)
from zoneatlas.landprice.distance import derive_distances, derive_distances_batch, distance_inputs
from zoneatlas.landprice.engine import value_parcel
from zoneatlas.landprice.grades import grade_features, to_lonlat, to_metric
from zoneatlas.landprice.model import ValuationRequest
from zoneatlas.parcels.vocab import keys

pytestmark = pytest.mark.unit
EPSG = 4551  # CGCS2000 3-degree Gauss-Kruger, central meridian 126°E (Changchun)


def metric_box(x: float, y: float, size: float) -> BaseGeometry:
    return to_lonlat(box(x, y, x + size, y + size), EPSG)


def test_distances_are_metres_in_the_metric_crs() -> None:
    parcel = metric_box(500_000, 4_850_000, 100)  # a 100 m square
    targets = {
        "metro_station": [
            to_lonlat(Point(500_400, 4_850_050), EPSG),
            to_lonlat(Point(499_000, 4_850_000), EPSG),
        ],
        "main_road": [to_lonlat(LineString([(500_050, 4_849_000), (500_050, 4_851_000)]), EPSG)],
        "bus_stop": [],
    }
    distances = derive_distances(parcel, targets, EPSG)
    assert distances["metro_station"] == pytest.approx(300.0, abs=0.01)  # nearer of the two
    assert distances["main_road"] == 0.0  # the road crosses the parcel
    assert "bus_stop" not in distances
    # without an EPSG code the Gauss-Kruger zone of the parcels is used (also 4551 here)
    batch = derive_distances_batch([parcel, metric_box(501_000, 4_850_000, 10)], targets)
    # the 10 m square's nearest corner (501 000, 4 850 010) is 600 m east and 40 m south
    assert batch["metro_station"].tolist() == pytest.approx(
        [300.0, (600**2 + 40**2) ** 0.5], abs=0.05
    )


def test_distance_inputs_map_target_layers_to_factor_keys() -> None:
    tables = demo_table_set()
    parcel = metric_box(500_000, 4_850_000, 100)
    targets = {"metro_station": [to_lonlat(Point(500_700, 4_850_000), EPSG)]}
    derived = distance_inputs(tables, "residential", parcel, targets, EPSG)
    assert derived == {"distance_metro_station": pytest.approx(600.0, abs=0.01)}
    request = ValuationRequest(use="residential", grade="I", area_m2=1e4, far=2.0, derived=derived)
    metro = next(
        e for e in value_parcel(tables, request).breakdown if e.key == "distance_metro_station"
    )
    assert (metro.level, metro.input_source) == ("较优 (good)", "geometry")  # 500 < 600 ≤ 1000


def test_demo_grade_polygons_are_rings_clipped_to_the_boundary() -> None:
    centre = (125.45, 43.78)
    boundary = box(125.38, 43.72, 125.52, 43.84)
    polygons = demo_grade_polygons(boundary, centre)
    assert list(polygons) == ["I", "II", "III", "IV", "V"]
    total = sum(to_metric(p, EPSG).area for p in polygons.values())
    assert total == pytest.approx(to_metric(boundary, EPSG).area, rel=1e-6)
    for a in polygons:
        for b in polygons:
            if a < b:
                assert polygons[a].intersection(polygons[b]).area < 1e-12
    assert grade_for_geometry(polygons, Point(centre)) == "I"
    assert grade_for_geometry(polygons, Point(125.385, 43.725)) == "V"
    assert grade_for_geometry(polygons, Point(0, 0)) is None
    features = grade_features(demo_table_set(), polygons)
    assert features[0]["properties"]["price_residential"] == 4600
    assert features[0]["properties"]["synthetic"] is True


def test_demo_tables_are_synthetic_and_price_every_land_use() -> None:
    tables = demo_table_set()
    assert tables.source.synthetic and "synthetic" in tables.source.document_number
    assert set(tables.uses) == {"residential", "commercial", "industrial"}
    assert all(len(t.grades) == 5 for t in tables.uses.values())
    index = tables.date_correction.index or []
    assert (str(index[0].date), str(index[-1].date)) == ("2019-01-01", "2021-10-01")
    assert set(keys("land_use")) <= set(tables.uses) | set(DEMO_USE_MAPPING)
    for use in keys("land_use"):
        request = ValuationRequest(use=use, grade="III", area_m2=10_000, far=1.5)
        assert value_parcel(tables, request).unit_price_yuan_m2 > 0
