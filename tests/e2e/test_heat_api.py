"""Heat API over HTTP (in-process): tiles are PNG, legend and hexagons are JSON, 422s."""

from __future__ import annotations

import io
import math
from collections.abc import Iterator

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from zoneatlas.app import create_app
from zoneatlas.heat.points import RecordPointSource
from zoneatlas.settings import Settings
from zoneatlas.store import Store

pytestmark = pytest.mark.e2e
LON, LAT = 125.503, 43.782  # near the sample zone's enterprises


@pytest.fixture
def heat_client(store: Store) -> Iterator[TestClient]:
    settings = Settings(database_url=str(store.engine.url), zone="testzone")
    with TestClient(create_app(settings, store=store)) as client:
        yield client


def tile_xy(z: int) -> tuple[int, int]:
    n = 2**z
    x = int((LON + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(LAT))) / math.pi) / 2.0 * n)
    return x, y


def test_tile_is_a_png_with_heat(heat_client: TestClient) -> None:
    x, y = tile_xy(15)
    response = heat_client.get(f"/api/heat/enterprises/15/{x}/{y}.png", params={"radius": 600})
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    image = np.asarray(Image.open(io.BytesIO(response.content)).convert("RGBA"))
    assert image.shape == (256, 256, 4) and image[..., 3].max() > 0
    far = heat_client.get("/api/heat/enterprises/15/0/0.png")
    assert far.status_code == 200
    assert np.asarray(Image.open(io.BytesIO(far.content)))[..., 3].max() == 0


def test_legend_gives_breaks_colours_and_units(heat_client: TestClient) -> None:
    body = heat_client.get(
        "/api/heat/enterprises/legend",
        params={"weight": "output_wan", "industry": "数字经济", "radius": 500},
    ).json()
    assert body["unit_zh"] == "万元/km²" and body["points"] == 2 and body["epsg"] == 4551
    assert len(body["breaks"]) == len(body["colors"]) == 6 and body["max"] > 0
    assert body["filters"] == ["industry=digital_economy"]
    raw = heat_client.get("/api/heat/enterprises/legend", params={"scaled": "false"}).json()
    assert raw["unit_en"] == "enterprises (kernel-weighted)"


def test_hexagons_count_every_enterprise(heat_client: TestClient) -> None:
    body = heat_client.get("/api/hex/enterprises", params={"res": 10}).json()
    assert body["type"] == "FeatureCollection"
    assert sum(f["properties"]["count"] for f in body["features"]) == 3
    total = heat_client.get(
        "/api/hex/enterprises", params={"res": 6, "stat": "sum", "field": "employees"}
    ).json()
    assert [f["properties"]["value"] for f in total["features"]] == [460.0]


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/api/heat/enterprises/15/1/1.png", {"kernel": "cosine"}, "kernel"),
        ("/api/heat/enterprises/15/1/1.png", {"radius": -3}, "radius"),
        ("/api/heat/enterprises/15/1/1.png", {"radius": "far"}, "radius"),
        ("/api/heat/enterprises/15/1/1.png", {"weight": "profit"}, "weight"),
        ("/api/heat/enterprises/15/1/1.png", {"ramp": "rainbow"}, "ramp"),
        ("/api/heat/enterprises/15/1/1.png", {"industry": "mining"}, "industry"),
        ("/api/heat/enterprises/3/9/0.png", {}, "x"),
        ("/api/heat/parcels/15/1/1.png", {}, "layer"),
        ("/api/heat/enterprises/legend", {"kernel": "box"}, "kernel"),
        ("/api/hex/enterprises", {"stat": "median"}, "stat"),
        ("/api/hex/enterprises", {"stat": "sum"}, "field"),
        ("/api/hex/enterprises", {"res": 16}, "res"),
    ],
)
def test_bad_parameters_are_422(
    heat_client: TestClient, path: str, params: dict[str, str | int], parameter: str
) -> None:
    response = heat_client.get(path, params=params)
    assert response.status_code == 422, response.text
    assert response.json()["parameter"] == parameter


def test_routes_are_in_the_openapi_document(heat_client: TestClient) -> None:
    paths = heat_client.get("/api/openapi.json").json()["paths"]
    for path in [
        "/api/heat/{layer}/{z}/{x}/{y}.png",
        "/api/heat/{layer}/legend",
        "/api/hex/{layer}",
    ]:
        assert path in paths


def test_unknown_zone_is_404(heat_client: TestClient) -> None:
    response = heat_client.get("/api/heat/enterprises/legend", params={"zone": "nowhere"})
    assert response.status_code == 404 and "nowhere" in response.json()["detail"]
    assert heat_client.get("/api/hex/enterprises", params={"zone": "nowhere"}).status_code == 404


def test_a_write_to_the_zone_shows_in_the_heat(
    heat_client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.sample import sample_bundle
    from zoneatlas.heat import service
    from zoneatlas.records import Enterprise

    monkeypatch.setattr(service, "VERSION_TTL_S", 0.0)
    source = RecordPointSource(store, revision_ttl_s=0.0)
    heat_client.app.state.heat = service.HeatService(source)  # type: ignore[attr-defined]
    x, y = tile_xy(15)
    before = heat_client.get(f"/api/heat/enterprises/15/{x}/{y}.png").content
    assert heat_client.get("/api/heat/enterprises/legend").json()["points"] == 3
    bundle = sample_bundle()
    bundle.enterprises.append(Enterprise("丁公司", "Firm D", "life_health", LON, LAT, 10, 1.0))
    store.replace_zone(bundle)  # bumps the zone's data revision
    assert heat_client.get("/api/heat/enterprises/legend").json()["points"] == 4
    assert heat_client.get(f"/api/heat/enterprises/15/{x}/{y}.png").content != before
