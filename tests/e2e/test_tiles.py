"""Vector tile endpoints on both backends: the same features whichever encoder made them."""

from __future__ import annotations

import math

import mapbox_vector_tile
import pytest
from fastapi.testclient import TestClient

from tests.sample import LAT, LON

pytestmark = pytest.mark.e2e


def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def test_parcel_tiles_hold_the_parcels(client: TestClient) -> None:
    # the sample parcels straddle the edge between two zoom-13 tiles
    x, y = tile_of(LON, LAT + 0.001, 13)
    codes: set[str] = set()
    for column in (x, x + 1):
        response = client.get(f"/tiles/parcels/13/{column}/{y}.mvt")
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/vnd.mapbox-vector-tile"
        features = mapbox_vector_tile.decode(response.content)["parcels"]["features"]
        codes |= {f["properties"]["code"] for f in features}
        if column == x:
            research = next(f for f in features if f["properties"]["code"] == "T-003")
            assert research["properties"]["land_use"] == "research"
            assert research["properties"]["industries"] == ";digital_economy;life_health;"
            assert research["geometry"]["type"] == "Polygon"
    assert codes == {"T-001", "T-002", "T-003", "T-004"}


def test_enterprise_tile_and_empty_tile(client: TestClient) -> None:
    x, y = tile_of(LON, LAT + 0.001, 13)
    layer = mapbox_vector_tile.decode(client.get(f"/tiles/enterprises/13/{x}/{y}.mvt").content)
    names = sorted(f["properties"]["name_zh"] for f in layer["enterprises"]["features"])
    assert names == ["丙公司", "乙公司", "甲公司"]
    assert client.get("/tiles/parcels/13/0/0.mvt").status_code == 204


def test_tiles_follow_writes(client: TestClient, store) -> None:  # type: ignore[no-untyped-def]
    from tests.sample import sample_bundle

    x, y = tile_of(LON, LAT + 0.001, 13)
    url = f"/tiles/parcels/13/{x}/{y}.mvt"
    client.app.state.tile_revisions.ttl = 0  # type: ignore[attr-defined]  # see every write now
    client.get(url)
    bundle = sample_bundle()
    bundle.parcels = bundle.parcels[:1]
    store.replace_zone(bundle)
    layer = mapbox_vector_tile.decode(client.get(url).content)["parcels"]
    assert [f["properties"]["code"] for f in layer["features"]] == ["T-001"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/tiles/roads/13/0/0.mvt", 422),
        ("/tiles/parcels/3/0/0.mvt", 422),
        ("/tiles/parcels/13/99999/0.mvt", 422),
        ("/tiles/nothing.json", 422),
    ],
)
def test_bad_tile_requests(client: TestClient, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status and response.json()["detail"]


def test_tilejson(client: TestClient) -> None:
    doc = client.get("/tiles/parcels.json").json()
    assert doc["tilejson"] == "3.0.0"
    assert doc["tiles"][0].endswith("/tiles/parcels/{z}/{x}/{y}.mvt?zone=testzone")
    assert doc["vector_layers"][0]["id"] == "parcels"
    minx, miny, maxx, maxy = doc["bounds"]
    assert minx < LON < maxx and miny < LAT < maxy


def test_gcj02_offset_shifts_tiles_at_the_display_edge(client: TestClient, store) -> None:  # type: ignore[no-untyped-def]
    from shapely.geometry import shape

    x, y = tile_of(LON, LAT + 0.001, 13)

    def parcel(offset: str) -> object:
        url = f"/tiles/parcels/13/{x}/{y}.mvt?offset={offset}"
        features = mapbox_vector_tile.decode(client.get(url).content)["parcels"]["features"]
        return next(shape(f["geometry"]) for f in features if f["properties"]["code"] == "T-001")

    plain, shifted = parcel("none"), parcel("gcj02")
    metres_per_unit = 40_075_016 * math.cos(math.radians(LAT)) / 2**13 / 4096  # ~0.86 m
    dx = shifted.centroid.x - plain.centroid.x
    dy = shifted.centroid.y - plain.centroid.y
    assert 100 < (dx**2 + dy**2) ** 0.5 * metres_per_unit < 1000  # GCJ-02's few hundred m
    assert store.parcel("testzone", "T-001").geometry.bounds[0] == pytest.approx(LON)  # storage
    assert client.get(f"/tiles/parcels/13/{x}/{y}.mvt?offset=bd09").status_code == 422
