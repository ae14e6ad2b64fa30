from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.e2e


def test_healthz(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["zones"] == ["testzone"]


def test_zones(client: TestClient) -> None:
    [zone] = client.get("/api/zones").json()
    assert zone["slug"] == "testzone" and zone["name_zh"] == "测试高新区"
    minx, miny, maxx, maxy = zone["bbox"]
    assert minx < zone["center"][0] < maxx and miny < zone["center"][1] < maxy


def test_parcels_geojson_and_filters(client: TestClient) -> None:
    response = client.get("/api/parcels")
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 4
    first = body["features"][0]
    assert first["id"] == "T-001" and first["geometry"]["type"] == "Polygon"
    assert first["properties"]["area_mu"] == pytest.approx(35_000 / (10000 / 15), abs=0.01)
    codes = lambda q: [f["id"] for f in client.get("/api/parcels", params=q).json()["features"]]  # noqa: E731
    assert codes({"land_use": "商业用地"}) == ["T-001"]
    assert codes({"land_use": "100101"}) == ["T-002"]
    assert codes({"status": "negotiating"}) == ["T-003"]
    assert codes({"industry": "life_health"}) == ["T-002", "T-003"]
    assert codes({"functional_area": "core", "min_area_m2": 37_000}) == ["T-003", "T-004"]
    assert codes({"bbox": "125.4995,43.7795,125.5025,43.7825"}) == ["T-001"]
    assert codes({"zone": "testzone", "max_area_m2": 35_000}) == ["T-001"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"land_use": "castle"}, "land_use"),
        ({"status": "sold"}, "status"),
        ({"industry": "mining"}, "industry"),
        ({"min_area_m2": "big"}, "min_area_m2"),
        ({"max_area_m2": -1}, "max_area_m2"),
        ({"min_area_m2": 10, "max_area_m2": 5}, "min_area_m2"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "10,10,5,5"}, "bbox"),
    ],
)
def test_bad_filter_is_422_naming_the_parameter(
    client: TestClient, params: dict[str, object], parameter: str
) -> None:
    response = client.get("/api/parcels", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["parameter"] == parameter and parameter in body["detail"]


def test_one_parcel_and_404(client: TestClient) -> None:
    feature = client.get("/api/parcels/T-002").json()
    assert feature["type"] == "Feature" and feature["properties"]["name_zh"] == "测试工业地块"
    missing = client.get("/api/parcels/NOPE")
    assert missing.status_code == 404 and "NOPE" in missing.json()["detail"]
    assert client.get("/api/parcels", params={"zone": "elsewhere"}).status_code == 404


def test_enterprises_indicators_timeline(client: TestClient) -> None:
    enterprises = client.get("/api/enterprises", params={"industry": "数字经济"}).json()
    assert [f["properties"]["name_zh"] for f in enterprises["features"]] == ["甲公司", "丙公司"]
    assert client.get("/api/enterprises", params={"industry": "x"}).status_code == 422
    [indicator] = client.get("/api/indicators", params={"year": 2020}).json()
    assert indicator["value"] == 60.1 and indicator["yoy_pct"] == 17.5
    assert client.get("/api/indicators", params={"year": 2019}).json() == []
    assert client.get("/api/timeline").json()[0]["date"] == "2020-06-24"
    assert client.get("/api/transactions").json()[0]["total_wan"] == pytest.approx(14428.0)


def test_basemap_layers(client: TestClient) -> None:
    layers = [f["properties"]["layer"] for f in client.get("/api/basemap").json()["features"]]
    assert layers == ["boundary", "functional_area", "road", "water"]


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in [
        "/api/zones",
        "/api/parcels",
        "/api/parcels/{code}",
        "/api/enterprises",
        "/api/indicators",
        "/api/timeline",
        "/healthz",
    ]:
        assert path in paths


def test_parcel_stats_follow_the_filters(client: TestClient) -> None:
    everything = client.get("/api/parcels/stats").json()
    assert everything == {
        "count": 4,
        "total": 4,
        "area_m2": 146_000.0,
        "area_mu": round(146_000 / (10000 / 15), 2),
    }
    some = client.get("/api/parcels/stats", params={"industry": "life_health"}).json()
    assert (some["count"], some["area_m2"]) == (2, 36_000.0 + 37_000.0)
    boxed = client.get("/api/parcels/stats", params={"bbox": "125.4995,43.7795,125.5025,43.7825"})
    assert boxed.json()["count"] == 1
    assert client.get("/api/parcels/stats", params={"status": "x"}).status_code == 422
