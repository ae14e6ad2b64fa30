"""Attractiveness index over HTTP (in-process) and the CLI, on the demo zone and both backends."""

from __future__ import annotations

import json

import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from zoneatlas.app import create_app
from zoneatlas.attractiveness.cli import attractiveness_command
from zoneatlas.demo import build_demo_bundle
from zoneatlas.landprice.demo import demo_table_set
from zoneatlas.settings import Settings
from zoneatlas.store import Store

pytestmark = pytest.mark.e2e
DEMO = "jingyue-2020"
DIGITAL = "数字经济"


@pytest.fixture
def demo(empty_store: Store) -> Store:
    empty_store.replace_zone(build_demo_bundle())
    return empty_store


@pytest.fixture
def api(demo: Store) -> TestClient:
    return TestClient(
        create_app(Settings(database_url=str(demo.engine.url), zone=DEMO), store=demo)
    )


def test_parcel_attractiveness_shows_score_value_index_and_contributions(
    api: TestClient, demo: Store
) -> None:
    code = next(p.code for p in demo.parcels(DEMO) if p.functional_area == "digital")
    body = api.get(f"/api/parcels/{code}/attractiveness", params={"industry": DIGITAL}).json()
    assert body["code"] == code and body["industry"]["key"] == "digital_economy"
    factors = body["factors"]
    assert [f["key"] for f in factors] == [
        "accessibility",
        "agglomeration",
        "public_services",
        "environment",
    ]
    assert all(f["name_zh"] and f["name_en"] and 0 <= f["value"] <= 1 for f in factors)
    assert sum(f["weight"] for f in factors) == pytest.approx(1.0)
    assert body["score"] == round(sum(f["contribution"] for f in factors), 2)
    for f in factors:
        assert f["contribution"] == pytest.approx(100 * f["weight"] * f["value"], abs=0.01)
    # the reference is the benchmark price of research land (priced as industrial in the
    # demo tables) at the grade the land price engine values the parcel at
    valuation = api.get(f"/api/parcels/{code}/valuation", params={"date": "2020-12-31"}).json()
    land = body["land_price"]
    assert land["grade"] == valuation["grade"] and land["table_use"] == "industrial"
    expected = demo_table_set().uses["industrial"].grades[valuation["grade"]]
    assert body["land_price_reference"] == expected and land["unit"] == "元/m²"
    assert body["value_index"] == pytest.approx(body["score"] / land["relative_price"], abs=0.02)
    assert body["model"]["version"] == "1.0" and body["location"]["method"] == "centroid"


def test_weights_in_the_request_change_the_score(api: TestClient, demo: Store) -> None:
    code = demo.parcels(DEMO)[0].code
    only_access = "accessibility:1,agglomeration:0,public_services:0,environment:0"
    body = api.get(
        f"/api/parcels/{code}/attractiveness",
        params={"industry": "digital_economy", "weights": only_access},
    ).json()
    access = next(f for f in body["factors"] if f["key"] == "accessibility")
    assert body["score"] == pytest.approx(100 * access["value"], abs=0.01)


@pytest.mark.parametrize(
    ("path", "params", "status", "parameter"),
    [
        ("/api/parcels/NOPE/attractiveness", {"industry": DIGITAL}, 404, None),
        ("/api/parcels/{code}/attractiveness", {"industry": "mining"}, 422, "industry"),
        ("/api/parcels/{code}/attractiveness", {"weights": "accessibility:2"}, 422, "weights"),
        ("/api/parcels/{code}/attractiveness", {"zone": "nowhere"}, 404, None),
        ("/api/attractiveness/ranking", {"industry": "mining"}, 422, "industry"),
        ("/api/attractiveness/ranking", {"sort": "price"}, 422, "sort"),
        ("/api/attractiveness/ranking", {"order": "up"}, 422, "order"),
        ("/api/attractiveness/ranking", {"limit": 0}, 422, "limit"),
        ("/api/attractiveness/model", {"industry": "mining"}, 422, "industry"),
    ],
)
def test_errors_are_json_naming_the_parameter(
    api: TestClient,
    demo: Store,
    path: str,
    params: dict[str, str],
    status: int,
    parameter: str | None,
) -> None:
    code = demo.parcels(DEMO)[0].code
    response = api.get(path.format(code=code), params=params)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["detail"]
    if parameter is not None:
        assert body["parameter"] == parameter


def test_ranking_and_model(api: TestClient) -> None:
    top = api.get("/api/attractiveness/ranking", params={"industry": DIGITAL, "limit": 5}).json()
    assert top["count"] == 328 and len(top["parcels"]) == 5
    scores = [p["score"] for p in top["parcels"]]
    assert scores == sorted(scores, reverse=True)
    assert {p["functional_area"] for p in top["parcels"]} == {"digital"}
    bottom = api.get(
        "/api/attractiveness/ranking", params={"industry": DIGITAL, "limit": 5, "order": "asc"}
    ).json()
    assert [p["score"] for p in bottom["parcels"]] == sorted(p["score"] for p in bottom["parcels"])
    assert bottom["parcels"][0]["score"] < top["parcels"][-1]["score"]
    model = api.get("/api/attractiveness/model", params={"industry": DIGITAL}).json()
    assert model["industry"]["key"] == "digital_economy"
    assert sum(f["weight"] for f in model["factors"]) == pytest.approx(1.0)
    assert model["value_formula"].startswith("V = Q / max(P / P_median")
    assert model["document"]["format"] == "zoneatlas-attractiveness/1"


def test_cli_gives_the_same_numbers_as_the_api(api: TestClient, demo: Store) -> None:
    cli = typer.Typer()
    cli.command()(attractiveness_command)
    url = demo.engine.url.render_as_string(hide_password=False)
    args = ["--industry", DIGITAL, "--top", "3", "--bottom", "2", "--db", url, "--zone", DEMO]
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)["parcels"]
    assert len(listed) == 5
    first = api.get(
        f"/api/parcels/{listed[0]['code']}/attractiveness", params={"industry": DIGITAL}
    )
    assert first.json()["score"] == listed[0]["score"]


def test_overlay_image_and_its_placement(api: TestClient) -> None:
    doc = api.get("/api/attractiveness/overlay.json", params={"industry": "digital_economy"}).json()
    (west, north), (east, _), (_, south), _ = doc["coordinates"]
    assert 125.3 < west < east < 125.7 and 43.6 < south < north < 43.9
    assert 0 < doc["legend"]["max"] <= 100.0 and doc["image"].startswith("/api/attractiveness/")
    png = api.get(doc["image"])
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    from io import BytesIO

    import numpy as np
    from PIL import Image

    alpha = np.asarray(Image.open(BytesIO(png.content)))[..., 3]
    assert alpha[0, 0] == 0 and alpha[alpha.shape[0] // 2, alpha.shape[1] // 2] > 0  # masked
    value = api.get("/api/attractiveness/overlay.json", params={"layer": "value"}).json()
    assert value["legend"]["max"] > 0
    bad = api.get("/api/attractiveness/overlay.json", params={"layer": "heat"})
    assert bad.status_code == 422 and bad.json()["parameter"] == "layer"
