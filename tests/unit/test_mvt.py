"""The vectorized MVT encoder, checked by decoding with mapbox-vector-tile (an independent
implementation of the spec)."""

from __future__ import annotations

import mapbox_vector_tile
import numpy as np
import pytest
import shapely
from shapely.geometry import Point, Polygon, box, shape

from zoneatlas.geo.webmercator import lonlat_to_tile_pixels, tile_bounds
from zoneatlas.tiles.build import build_layer
from zoneatlas.tiles.mvt import encode_layer
from zoneatlas.tiles.protobuf import varints, zigzag

pytestmark = pytest.mark.unit


def decode(data: bytes) -> dict:
    return mapbox_vector_tile.decode(data, default_options={"y_coord_down": True})


def test_varints_and_zigzag_match_the_protobuf_rules() -> None:
    data, lengths = varints(np.array([0, 1, 127, 128, 300, 2**32 - 1], dtype=np.uint64))
    assert lengths.tolist() == [1, 1, 1, 2, 2, 5]
    assert data[:6].tolist() == [0, 1, 127, 0x80, 0x01, 0xAC]
    assert zigzag(np.array([0, -1, 1, -2, 2], dtype=np.int64)).tolist() == [0, 1, 2, 3, 4]


def test_polygons_with_holes_and_properties_round_trip() -> None:
    holed = Polygon(
        [(100, 100), (300, 100), (300, 300), (100, 300)],
        [[(150, 150), (250, 150), (250, 250), (150, 250)]],
    )
    clockwise = Polygon([(500, 500), (500, 700), (700, 700), (700, 500)])
    multi = shapely.MultiPolygon([box(1000, 1000, 1100, 1100), box(1200, 1000, 1300, 1100)])
    tiny = box(10, 10, 10.2, 10.2)  # vanishes on the integer grid
    columns = {
        "code": ["A", "B", "C", "D"],
        "area": [1.5, 2.0, None, None],
        "n": [-3, 7, None, None],
        "ok": [True, False, None, None],
        "none": [None, None, None, None],
    }
    layer = decode(encode_layer("parcels", [holed, clockwise, multi, tiny], columns))["parcels"]
    assert layer["extent"] == 4096
    features = layer["features"]
    assert [f["properties"]["code"] for f in features] == ["A", "B", "C"]
    assert features[0]["properties"] == {"code": "A", "area": 1.5, "n": -3, "ok": True}
    assert features[1]["properties"] == {"code": "B", "area": 2.0, "n": 7, "ok": False}
    assert features[2]["properties"] == {"code": "C"}
    for feature, original in zip(features, [holed, clockwise, multi], strict=True):
        decoded = shape(feature["geometry"])
        assert decoded.is_valid
        assert decoded.area == pytest.approx(original.area)
        assert decoded.symmetric_difference(original).area == pytest.approx(0)


def test_many_random_polygons_match_their_quantized_originals() -> None:
    rng = np.random.default_rng(1)
    polygons = [
        shapely.affinity.rotate(box(x, y, x + 40, y + 25), angle)
        for (x, y), angle in zip(
            rng.uniform(0, 4000, (500, 2)), rng.uniform(0, 90, 500), strict=True
        )
    ]
    features = decode(encode_layer("p", polygons, {"i": list(range(500))}))["p"]["features"]
    assert len(features) == 500
    for feature in features:
        original = polygons[feature["properties"]["i"]]
        assert shape(feature["geometry"]).area == pytest.approx(original.area, rel=0.1)


def test_points_layer() -> None:
    points = [Point(10, 20), Point(4000, 4090)]
    features = decode(encode_layer("e", points, {"k": [1, 2]}))["e"]["features"]
    assert [f["geometry"]["coordinates"] for f in features] == [[10, 20], [4000, 4090]]


def test_build_layer_places_lonlat_geometry_on_the_tile_grid() -> None:
    z, x, y = 14, 13898, 6008  # a tile near 125.4E 43.8N
    west, south, east, north = tile_bounds(z, x, y)
    inner = box(
        west + (east - west) * 0.25,
        south + (north - south) * 0.25,
        west + (east - west) * 0.5,
        south + (north - south) * 0.5,
    )
    outside = box(east + 1, north + 1, east + 2, north + 2)
    data = build_layer("parcels", [inner, outside], {"c": ["in", "out"]}, z, x, y)
    [feature] = decode(data)["parcels"]["features"]
    assert feature["properties"] == {"c": "in"}
    minx, _miny, maxx, maxy = shape(feature["geometry"]).bounds
    assert (minx, maxx) == (pytest.approx(1024, abs=1), pytest.approx(2048, abs=1))
    # y grows downwards: the box's south edge (3/4 down the tile in latitude) lies near 3072
    _px, py = lonlat_to_tile_pixels(
        np.array([inner.bounds[0]]), np.array([inner.bounds[1]]), z, x, y, 4096
    )
    assert maxy == pytest.approx(py[0], abs=1)
